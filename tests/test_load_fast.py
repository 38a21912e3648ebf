"""libyaml reads report front matter as ruamel does (load.py): the build takes libyaml's reading only
where it is ruamel's, value for value, type for type and line for line; every problem is ruamel's.

Checked on every example file, the bundled reports, a generated archive, and YAML that YAML 1.1
and 1.2 read differently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES, ROOT

from reisregister.cli.demo import write_demo
from reisregister.intake import load
from reisregister.intake.problems import Problem

EXAMPLES = sorted(
    {
        *(CASES / "frontmatter").glob("*.md"),
        *(CASES / "valid").glob("*.md"),
        *(CASES / "invalid").glob("*.md"),
        *(ROOT / "tests" / "hostile").glob("*.md"),
        *(ROOT / "tests" / "legacy").glob("*.md"),
        *(ROOT / "reports").rglob("*.md"),
    }
)


def typed(value: object) -> object:
    """A value with every scalar's type beside it: True and 1, 1.0 and 1 are not the same reading."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


def both_readings(text: str) -> tuple[object, object]:
    """libyaml's reading (None: it leaves the file to ruamel) and ruamel's (a problem text if it refuses)."""
    fast = load.parse_yaml_fast(text, 2)
    try:
        data, lines = load.parse_yaml_ruamel(text, 2)
        ruamel = (typed(data), lines)
    except load.FrontMatterError as invalid:
        ruamel = f"{invalid.line}: {invalid.message}"
    return (None if fast is None else (typed(fast[0]), fast[1])), ruamel


def front_matter(path: Path) -> str | None:
    parts = load.split_report(path.read_bytes())
    return parts[0] if parts else None  # None: refused before any YAML is read, the same for both readers


def assert_same_reading(text: str) -> None:
    """libyaml reads what ruamel accepts, exactly as ruamel reads it, and leaves the rest to ruamel."""
    fast, ruamel = both_readings(text)
    if isinstance(ruamel, str):
        assert fast is None, ruamel
    else:
        assert fast == ruamel


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_file_is_read_alike(path: Path):
    text = front_matter(path)
    if text is None:
        return
    assert_same_reading(text)


def test_a_generated_archive_is_read_alike(tmp_path: Path):
    for path in write_demo(1000, tmp_path, seed=3):
        assert_same_reading(front_matter(path))


@pytest.mark.parametrize(
    "value",
    [
        "yes", "no", "on", "off", "y", "NO", "True", "FALSE", "~", "null", "Null", "", "012", "0o14", "0x1F",
        "0b101", "1_000", "1:20", "1:20.5", "+12", "-0", ".5", "+.5", "-.inf", ".NaN", "1e3", "1.5e-3", "2015-09-14",
        "2015-9-4 1:02:03", "<<", "=", '"\\/"', '"\\N\\_\\L\\P"', "'it''s'", '"a\\tb"', "! tekst", "!!str 5",
        "{a: [1, 2]}", "[a, b, {c: d}]", "|\n  regel\n  regel", ">-\n  gevouwen\n  tekst", "a #b", "a#b",
        "&anker x", "*anker", '"\\x41\\u00e9\\U0001F684"', "'  spaties  '", "- x\n  - y",
    ],
)  # fmt: skip
def test_yaml_that_readers_disagree_on_is_read_as_ruamel_reads_it(value: str):
    assert_same_reading(f"title: {value}\nlist:\n  - {value}\nnested:\n  key: {value}\n")


def test_problems_keep_ruamel_s_line_and_wording():
    path = CASES / "frontmatter" / "refuse-bad-yaml.md"
    text = front_matter(path)
    assert load.parse_yaml_fast(text, 2) is None
    problem = load.parse_report(path, path.read_bytes())
    assert isinstance(problem, Problem)
    assert f"{problem.field}: {problem.message}" in path.with_suffix(".expected").read_text(encoding="utf-8")
