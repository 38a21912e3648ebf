"""The validator: example files, cross-file rules, hostile input and the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CASES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reisregister.cli.main import main
from reisregister.intake.checks import check_file, check_paths
from reisregister.intake.load import MAX_FILE_BYTES, parse_report
from reisregister.intake.problems import Problem, display_path

VALID = sorted((CASES / "valid").glob("*.md"))
INVALID = sorted((CASES / "invalid").glob("*.md"))
PROBLEM_LINE = re.compile(r"^[^\n]+:\d+: [^\n]+: [^\n]+$")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_examples_pass(path: Path):
    report, problems = check_file(path)
    assert problems == []
    assert report is not None and report.id == path.stem


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_examples_give_their_exact_messages(path: Path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    report, problems = check_file(path)
    assert report is None
    assert [f"{p.line}: {p.field}: {p.message}" for p in sorted(problems)] == expected


def test_every_invalid_example_has_expectations():
    assert len(INVALID) >= 30
    assert all(p.with_suffix(".expected").read_text().strip() for p in INVALID)


def test_bundled_reports_are_valid():
    reports, problems = check_paths([ROOT / "reports"])
    assert problems == []
    assert any(r.id == "2015-09-14-marseille" for r in reports)


def test_duplicate_ids_across_folders(report_tree: Path, valid_report_text: str):
    other = report_tree.parent / "other" / "2015"
    other.mkdir(parents=True)
    (other / "2015-09-14-marseille.md").write_text(valid_report_text, encoding="utf-8")
    _, problems = check_paths([report_tree, other.parent])
    assert [p.message for p in problems] == [
        f"2015-09-14-marseille is ook het id van {(other / '2015-09-14-marseille.md').as_posix()}; een id komt maar één keer voor"
    ]


def test_folder_must_be_start_year(report_tree: Path, valid_report_text: str):
    wrong = report_tree / "2016"
    wrong.mkdir()
    (report_tree / "2015" / "2015-09-14-marseille.md").rename(wrong / "2015-09-14-marseille.md")
    _, problems = check_paths([report_tree])
    assert [(p.field, p.message) for p in problems] == [
        ("id", "het bestand staat in map '2016' maar de reis begint in 2015; verplaats het naar 2015/")
    ]


def test_report_outside_year_folder_in_tree(tmp_path: Path, valid_report_text: str):
    (tmp_path / "2015-09-14-marseille.md").write_text(valid_report_text, encoding="utf-8")
    _, problems = check_paths([tmp_path])
    assert [p.field for p in problems] == ["id"]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    result = parse_report(tmp_path / "big.md", b"---\n" + b"a: b\n" * (MAX_FILE_BYTES // 5) + b"---\n")
    assert isinstance(result, Problem)
    assert result.field == "file" and "hoogstens 1.000.000" in result.message


def test_alias_bomb_is_refused_quickly(tmp_path: Path):
    bomb = (
        "---\n"
        + 'a: &a ["lol","lol"]\n'
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(9))
        + "---\n"
    )
    result = parse_report(tmp_path / "bomb.md", bomb.encode())
    assert isinstance(result, Problem) and "YAML-anker of -alias" in result.message


@pytest.mark.parametrize("depth", [11, 5_000, 50_000, 199_000])
def test_deep_nesting_is_refused_before_parsing(tmp_path: Path, depth: int):
    # 50,000 brackets used to crash ruamel's C composer (SIGSEGV) after minutes of CPU.
    for opening, closing in ((b"[", b"]"), (b"{a: ", b"}"))[: 1 if depth > 100_000 else 2]:
        text = b"---\ntitle: " + opening * depth + closing * depth + b"\n---\n"
        result = parse_report(tmp_path / "deep.md", text)
        assert isinstance(result, Problem)
        assert (result.line, result.field) == (2, "front matter")
        assert result.message == "nest lijsten of groepen meer dan 10 niveaus diep"


def test_block_nesting_counts_too(tmp_path: Path):
    lines = "".join("  " * level + "- \n" for level in range(12))
    result = parse_report(tmp_path / "deep.md", f"---\ntags:\n{lines}---\n".encode())
    assert isinstance(result, Problem) and "meer dan 10 niveaus diep" in result.message


# ----------------------------------------------------------------------------
# Links, devices and files that are not reports
# ----------------------------------------------------------------------------


def test_a_link_to_a_file_outside_the_folder_is_refused(report_tree: Path, tmp_path: Path, valid_report_text: str):
    outside = tmp_path / "geheim.md"
    outside.write_text(valid_report_text, encoding="utf-8")
    (report_tree / "2015" / "2015-09-14-link.md").symlink_to(outside)
    reports, problems = check_paths([report_tree])
    assert [r.id for r in reports] == ["2015-09-14-marseille"]
    assert [(p.path.rsplit("/", 1)[-1], p.field, p.message) for p in problems] == [
        ("2015-09-14-link.md", "file", "is een symbolische koppeling; zet het verslag zelf hier")
    ]


def test_a_link_to_an_endless_device_is_refused_without_reading(report_tree: Path, tmp_path: Path):
    (report_tree / "2015" / "2015-09-14-zero.md").symlink_to("/dev/zero")
    _, problems = check_paths([report_tree])
    assert [p.message for p in problems] == ["is een symbolische koppeling; zet het verslag zelf hier"]
    # Named on the command line, it is refused just the same.
    (problem,) = check_paths([report_tree / "2015" / "2015-09-14-zero.md"])[1]
    assert problem.message == "is een symbolische koppeling; zet het verslag zelf hier"


def test_a_device_named_directly_is_refused_without_reading():
    (problem,) = check_file(Path("/dev/zero"))[1]
    assert problem.message == "is geen gewoon bestand (een apparaat, pipe of map); zet het verslag zelf hier"


def test_a_linked_folder_is_refused(report_tree: Path, tmp_path: Path, valid_report_text: str):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "2016-01-01-x.md").write_text(valid_report_text, encoding="utf-8")
    (report_tree / "2016").symlink_to(elsewhere)
    reports, problems = check_paths([report_tree])
    assert len(reports) == 1
    assert [p.message for p in problems] == ["is een symbolische koppeling; zet het verslag zelf hier"]


def test_a_pipe_is_refused(report_tree: Path):
    import os

    os.mkfifo(report_tree / "2015" / "2015-09-14-pipe.md")
    _, problems = check_paths([report_tree])
    assert [p.message for p in problems] == ["is geen gewoon bestand; haal het weg"]


@pytest.mark.parametrize("name", ["2015-09-14-x.MD", "2015-09-14-x.txt", "README", "2015-09-14-x.md.bak"])
def test_files_that_are_not_reports_are_refused(report_tree: Path, valid_report_text: str, name: str):
    (report_tree / "2015" / name).write_text(valid_report_text, encoding="utf-8")
    (report_tree / "2015" / ".gitkeep").write_text("", encoding="utf-8")
    _, problems = check_paths([report_tree])
    assert [(p.path.rsplit("/", 1)[-1], p.message.split(":")[0]) for p in problems] == [(name, "is geen verslag")]


# ----------------------------------------------------------------------------
# Nothing from a report can take over a terminal or a CI log
# ----------------------------------------------------------------------------

HOSTILE_LOG = """---
title: Verslag
start_date: 2015-09-14
end_date: 2015-09-15
"bad\\n::warning title=CI OK::All reports valid": 1
destinations: [{city: "Marseille\\x1b[2J", country: "F\\u202eR"}]
travellers: [{name: null, role: a, organisation: b}]
summary: x
---
"""
HOSTILE_TAG = "paid_by: !x%0A::warning%20title=CI%20OK::All%20reports%20valid%0A y\n---\n"


@pytest.mark.parametrize("style", ["text", "github"])
def test_problems_never_print_a_workflow_command_or_a_terminal_escape(tmp_path: Path, capsys, style: str):
    folder = tmp_path / "2015"
    folder.mkdir()
    (folder / "2015-09-14-log.md").write_text(HOSTILE_LOG, encoding="utf-8")
    (folder / "2015-09-14-tag.md").write_text(HOSTILE_LOG.removesuffix("---\n") + HOSTILE_TAG, encoding="utf-8")
    (folder / "2015-09-14-n\n::warning title=x::y\x1b[2J.md").write_text("x", encoding="utf-8")
    assert main(["validate", "--format", style, str(tmp_path)]) == 1
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).splitlines()
    assert len(lines) >= 4
    assert not [line for line in lines if line.startswith("::") and not line.startswith("::error file=")]
    assert not [line for line in lines if "\x1b" in line or "\u202e" in line]
    if style == "github":
        # Each annotation names its own file: a field cannot add `,file=` to its properties.
        for line in lines[:-1]:
            properties = line.split("::")[1]
            assert re.fullmatch(r"error file=[^,]+,line=\d+,title=[^,:]+", properties), line
    text = captured.out
    assert "\\x1b[2J" in text and "\\u202e" in text  # shown escaped, so the maintainer sees them


def test_a_field_cannot_move_an_annotation_to_another_file():
    line = Problem("a.md", 1, "x,file=other.md,line=1,title=y", "is not a known field").as_github()
    assert line.startswith("::error file=a.md,line=1,title=x%2Cfile=other.md%2Cline=1%2Ctitle=y::")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes):
    path = tmp_path / "2015-09-14-x.md"
    path.write_bytes(data)
    report, problems = check_file(path)
    assert (report is None) == bool(problems)
    assert all(PROBLEM_LINE.match(p.as_text()) for p in problems)


_yaml_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.sampled_from(["NO", "012", "~", "2015-02-30", "&a x", "*a", "!!python/name:os.system", "{{ 7*7 }}"]),
)
_yaml_values = st.recursive(
    _yaml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            ["title", "start_date", "end_date", "destinations", "travellers", "costs", "summary", "tags", "x"]
        ),
        _yaml_values,
    )
)
def test_arbitrary_yaml_never_crashes(tmp_path: Path, front: dict):
    import json

    # JSON is valid YAML flow syntax: a quick way to write arbitrary structures.
    text = "---\n" + "\n".join(f"{key}: {json.dumps(value)}" for key, value in front.items()) + "\n---\n"
    path = tmp_path / "2015-09-14-x.md"
    path.write_text(text, encoding="utf-8")
    report, problems = check_file(path)
    assert (report is None) == bool(problems)
    assert all(PROBLEM_LINE.match(p.as_text()) for p in problems)


# ----------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------


def test_cli_validate_ok(report_tree: Path, capsys):
    assert main(["validate", str(report_tree)]) == 0
    assert "1 verslag geldig" in capsys.readouterr().out


def test_cli_validate_reports_every_problem_sorted(capsys):
    files = [str(CASES / "invalid" / name) for name in ("2015-09-14-sum.md", "2015-09-14-country.md")]
    assert main(["validate", *files]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(
        "2015-09-14-country.md:7: destinations[0].country: 'Frankrijk' is geen landcode volgens ISO 3166-1 alpha-2; bedoelde u FR (Frankrijk)?"
    )
    assert "costs.total: 640.70 is niet de som van de onderdelen" in lines[1]
    assert lines[-1] == "2 problemen in 2 van 2 bestanden"


def test_cli_validate_github_annotations(capsys):
    assert main(["validate", "--format", "github", str(CASES / "invalid" / "2015-09-14-end-before-start.md")]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    # https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
    pattern = re.compile(r"^::error file=(?P<file>[^,:]+),line=(?P<line>\d+),title=(?P<title>[^,:]+)::(?P<message>.+)$")
    match = pattern.match(out[0])
    assert match, out
    assert match["file"].endswith("tests/cases/invalid/2015-09-14-end-before-start.md")
    assert match["line"] == "4" and match["title"] == "end_date"
    assert match["message"] == "end_date: 2015-09-13 ligt vóór start_date 2015-09-14"


def test_github_annotation_escapes_newlines_and_commas():
    text = Problem("a,b:c.md", 3, "title", "bad\nvalue 100%").as_github()
    assert text == "::error file=a%2Cb%3Ac.md,line=3,title=title::title: bad\\nvalue 100%25"


def test_cli_missing_path(tmp_path: Path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "bestaat niet" in capsys.readouterr().out


def test_cli_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2


def test_cli_default_is_reports_dir(report_tree: Path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTS_DIR", str(report_tree))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.strip() == "1 verslag geldig"  # the one report in REPORTS_DIR, not reports/


# ----------------------------------------------------------------------------
# What validates can be published: bounds on dates, sizes and the cost of rendering
# ----------------------------------------------------------------------------


def write_case(folder: Path, text: str, name: str = "2015-09-14-marseille.md") -> Path:
    path = folder / "2015" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_correction_after_the_reference_date_is_refused(tmp_path: Path, valid_report_text: str, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    text = valid_report_text.replace("tags:", "corrections:\n  - date: 2026-11-29\n    note: Later.\ntags:")
    write_case(tmp_path, text)
    _, problems = check_paths([tmp_path])
    assert [p.as_text().split(": ", 1)[1] for p in problems] == [
        "corrections[0].date: 2026-11-29 ligt na 2026-11-28, de datum van deze versie; "
        "dateer een correctie op de dag dat ze wordt gemaakt"
    ]
    write_case(tmp_path, text.replace("2026-11-29", "2026-11-28"))
    assert check_paths([tmp_path])[1] == []


def test_an_id_longer_than_80_characters_is_refused(tmp_path: Path, valid_report_text: str):
    name = "2015-09-14-" + "a" * 70 + ".md"  # 81 characters without .md
    write_case(tmp_path, valid_report_text, name)
    (problem,) = check_paths([tmp_path])[1]
    assert (problem.field, problem.message.split(";")[0]) == ("id", "de bestandsnaam is 81 tekens")
    write_case(tmp_path, valid_report_text, name).unlink()
    write_case(tmp_path, valid_report_text, name[:-4] + ".md")
    assert check_paths([tmp_path])[1] == []


def test_a_section_longer_than_the_limit_is_refused(tmp_path: Path, valid_report_text: str):
    long_text = ("Een zin van tien woorden over de reis naar Marseille. " * 400)[:20_001]
    path = write_case(tmp_path, valid_report_text.replace("Kennismaking.\n", long_text + "\n", 1))
    (problem,) = check_file(path)[1]
    assert (problem.line, problem.field) == (28, "sections.purpose")
    assert problem.message == "sectie 'Doel van de reis' is 20.001 tekens; hoogstens 20.000 toegestaan"


def test_a_body_longer_than_the_limit_is_refused(tmp_path: Path, valid_report_text: str):
    extra = "".join(f"\n## Bijlage {n}\n\n" + "x" * 19_000 + "\n" for n in range(6))
    (problem,) = check_file(write_case(tmp_path, valid_report_text + extra))[1]
    assert (problem.field, problem.message) == ("body", "is 114.282 tekens; hoogstens 100.000 toegestaan")


@pytest.mark.parametrize("unit", ["[", "[a](", "<a ", "![", "_a", "> "])
def test_the_worst_body_that_validates_renders_quickly(tmp_path: Path, valid_report_text: str, unit: str):
    import time

    from reisregister.site.html import render_markdown

    hostile = (unit * 20_000)[:19_990]
    path = write_case(tmp_path, valid_report_text.replace("Kennismaking.\n", hostile + "\n", 1))
    report, problems = check_file(path)
    assert problems == []
    started = time.process_time()  # CPU time of this process: other work on a busy machine does not count
    render_markdown(report.standard_sections["purpose"])
    # Python-Markdown took 54 s on 20 kB of `[`; CommonMark in markdown-it-py is linear (about 0.2 s here).
    assert time.process_time() - started < 5


def test_the_largest_amount_can_be_published():
    from reisregister.core.i18n.text import money
    from reisregister.core.model import MAX_AMOUNT

    assert money(MAX_AMOUNT, "JPY") == "JP¥\xa01.000.000.000.000"  # 1e26 made babel raise InvalidOperation


def test_two_spellings_that_would_share_a_page_are_refused(tmp_path: Path, valid_report_text: str):
    write_case(tmp_path, valid_report_text, "2015-09-14-a.md")
    write_case(tmp_path, valid_report_text, "2015-09-14-b.md")
    odd = valid_report_text.replace("organisation: Gemeente Den Haag", "organisation: gemeente  den-Haag")
    write_case(tmp_path, odd.replace("paid_by: Gemeente Den Haag", "paid_by: GEMEENTE DEN HAAG"), "2015-09-14-c.md")
    problems = check_paths([tmp_path])[1]
    assert [p.as_text().split("/2015/", 1)[1] for p in problems] == [
        "2015-09-14-c.md:11: travellers[0].organisation: 'gemeente  den-Haag' zou de pagina "
        "/organisaties/gemeente-den-haag/ delen met 'Gemeente Den Haag' (zoals in "
        f"{display_path(tmp_path)}/2015/2015-09-14-a.md); schrijf het precies zo",
        "2015-09-14-c.md:24: paid_by: 'GEMEENTE DEN HAAG' zou de pagina /betalers/gemeente-den-haag/ delen met "
        f"'Gemeente Den Haag' (zoals in {display_path(tmp_path)}/2015/2015-09-14-a.md); schrijf het precies zo",
    ]


def test_the_more_used_spelling_wins_whatever_the_dates(tmp_path: Path, valid_report_text: str):
    for day in ("14", "15"):
        write_case(tmp_path, valid_report_text.replace("2015-09-14", f"2015-09-{day}"), f"2015-09-{day}-x.md")
    early = valid_report_text.replace("2015-09-14", "2015-01-01").replace("Den Haag\n", "den haag\n")
    write_case(tmp_path, early, "2015-01-01-x.md")
    (problem,) = [p for p in check_paths([tmp_path])[1] if p.field == "travellers[0].organisation"]
    assert problem.path.endswith("2015-01-01-x.md")


def test_an_action_updated_after_the_reference_date_is_refused(tmp_path: Path, valid_report_text: str, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    action = "actions:\n  - action: Workshop.\n    owner: TNO\n    due: 2016-01-01\n    status: afgerond\n"
    text = valid_report_text.replace("tags:", action + "    updated: 2026-11-29\ntags:")
    write_case(tmp_path, text)
    _, problems = check_paths([tmp_path])
    assert [p.as_text().split(": ", 1)[1] for p in problems] == [
        "actions[0].updated: 2026-11-29 ligt na 2026-11-28, de datum van deze versie; geef de dag van de wijziging"
    ]
    write_case(tmp_path, text.replace("2026-11-29", "2026-11-28"))
    assert check_paths([tmp_path])[1] == []
