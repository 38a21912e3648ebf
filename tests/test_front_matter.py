"""One set of front-matter rules for the build (load.py, ruamel) and the web form
(assets/front-matter.js, the `yaml` library in node): every file is accepted or refused by both,
with the same data, or the same line, field and message.

tests/cases/frontmatter/ holds the byte-level cases: `accept-*.md` both readers accept,
`refuse-*.md` both refuse with the problem in its `.expected` file. The other example reports
and the bundled reports are run through both readers as well.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import CASES, ROOT

from reisregister.adapters.decap import beheer
from reisregister.intake.load import parse_report
from reisregister.intake.problems import Problem

SHARED = sorted((CASES / "frontmatter").glob("*.md"))
ALL_FILES = sorted(
    {
        *SHARED,
        *(CASES / "valid").glob("*.md"),
        *(CASES / "invalid").glob("*.md"),
        *(ROOT / "tests" / "hostile").glob("*.md"),
        *(ROOT / "tests" / "legacy").glob("*.md"),
        *(ROOT / "reports").rglob("*.md"),
    }
)
DRIVER = ROOT / "tests" / "read_front_matter.mjs"


@pytest.fixture(scope="session")
def form_reader(tmp_path_factory):
    """A function reading files with the form's reader, from the files /beheer/ publishes."""
    www = tmp_path_factory.mktemp("www")
    beheer.write_site_files(www, beheer.decap_config({}))
    folder = www / "beheer"
    (folder / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")  # ES modules, as in the browser

    def read(paths: list[Path]) -> dict[Path, dict]:
        command = ["node", str(DRIVER), str(folder), *map(str, paths)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
        return {Path(item["path"]): item for item in map(json.loads, result.stdout.split("\n")[:-1])}

    return read


def python_reads(path: Path) -> Problem | dict:
    raw = parse_report(path, path.read_bytes())
    return raw if isinstance(raw, Problem) else raw.data


def test_the_shared_cases_cover_every_class():
    names = {path.stem for path in SHARED}
    for case in ("nel-comment", "line-separator", "paragraph-separator", "bom-inside", "c1-csi", "yaml-directive"):
        assert f"refuse-{case}" in names
    for case in ("tag-directive", "document-start", "document-end", "closing-unit-separator", "opening-form-feed"):
        assert f"refuse-{case}" in names
    assert any(name.startswith("accept-") for name in names)
    assert all(name.startswith(("accept-", "refuse-")) for name in names)


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.stem)
def test_the_build_reads_the_shared_cases_as_expected(path: Path):
    read = python_reads(path)
    if path.stem.startswith("accept-"):
        assert isinstance(read, dict), read
    else:
        expected = path.with_suffix(".expected").read_text(encoding="utf-8").strip()
        assert isinstance(read, Problem)
        assert f"{read.line}: {read.field}: {read.message}" == expected


def test_both_readers_agree_on_every_file(form_reader):
    assert len(ALL_FILES) > 100
    form = form_reader(ALL_FILES)
    disagreements = []
    for path in ALL_FILES:
        build, theirs = python_reads(path), form[path]
        if isinstance(build, Problem):
            same = "problem" in theirs and theirs["problem"]["field"] == build.field
            # The two YAML libraries word and place syntax errors differently (the build explains the
            # common ones where staff made them, intake/yaml_errors.py; the form, which cannot save such a
            # file, gives its library's words): both refuse, on the same field where they name the same line.
            syntax = "problem" in theirs and theirs["problem"]["message"].startswith("is geen geldige YAML")
            if syntax:
                same = theirs["problem"]["line"] != build.line or theirs["problem"]["field"] == build.field
            # Bytes that are not UTF-8 never reach the form as text; every other message is the catalogue's.
            worded_elsewhere = syntax or build.message.startswith("byte 0x")
            if same and not worded_elsewhere:
                same = (theirs["problem"]["line"], theirs["problem"]["message"]) == (build.line, build.message)
        else:
            same = theirs.get("data") == build
        if not same:
            disagreements.append((path.relative_to(ROOT).as_posix(), str(build)[:200], str(theirs)[:200]))
    assert disagreements == []


def test_the_form_refuses_the_hidden_traveller_of_the_issue(form_reader):
    path = CASES / "frontmatter" / "refuse-nel-comment.md"
    assert "\x85  - name: Jan Jansen" in path.read_text(encoding="utf-8")
    problem = form_reader([path])[path]["problem"]
    assert (problem["line"], problem["field"]) == (9, "travellers")
    assert "U+0085" in problem["message"]


def test_the_form_reads_yaml_1_2_numbers_as_the_build_does(form_reader):
    path = CASES / "frontmatter" / "accept-octal-looking.md"
    data = form_reader([path])[path]["data"]
    assert data["costs"]["total"] == python_reads(path)["costs"]["total"] == 500
    assert data["costs"]["subsistence"] == 15


def test_the_form_gets_its_rules_and_messages_from_the_build():
    rules = beheer.reader_rules()
    assert [0x85, 0x85] not in rules["refused"] and any(a <= 0x85 <= b for a, b in rules["refused"])
    assert all(any(a <= code <= b for a, b in rules["refused"]) for code in (0x2028, 0x2029, 0xFEFF, 0x1F, 0x202E))
    assert not any(a <= code <= b for a, b in rules["refused"] for code in (0x09, 0x0A, 0xA0, 0xE9))
    for key, text in rules["messages"].items():
        # only plain {name} fields, which the form fills in (no format specs such as {code:04X} or {value!r})
        assert all(re.fullmatch(r"\w+", name) for name in re.findall(r"\{([^}]*)\}", text)), key
