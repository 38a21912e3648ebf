"""What one report and the whole register may make the build write: refused by `validate` (and so
by the build) with the figure, before anything is written."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import CASES, ROOT

from reisregister.cli import main as cli
from reisregister.intake import budget
from reisregister.intake.checks import check_file, check_paths
from reisregister.intake.problems import ReportError
from reisregister.intake.report_files import render_report, report_path
from reisregister.register.register import Register
from reisregister.register.settings import Settings, read_settings

BODY = (CASES / "valid" / "2015-09-14-full.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


def front(index: int = 0, travellers: int = 1, tags: int = 0, **extra) -> dict:
    """A valid report whose travellers, roles, organisations and tags are all its own."""
    return {
        "title": "Verslag dienstreis naar Marseille",
        "start_date": date(2015, 9, 14) if index == 0 else date(2015, 1, 1).replace(day=1 + index % 28),
        "end_date": date(2015, 9, 15) if index == 0 else date(2015, 1, 1).replace(day=1 + index % 28),
        "destinations": [{"city": "Marseille", "country": "FR", "lat": 43.3, "lon": 5.4}],
        "travellers": [
            {
                "name": f"Reiziger {index}-{i}",
                "role": f"functie {index}-{i}",
                "organisation": f"Organisatie {index}-{i}",
            }
            for i in range(travellers)
        ],
        "summary": "Kennismaking met het Franse veiligheidscluster.",
        "tags": [f"trefwoord {index}-{i}" for i in range(tags)],
        **extra,
    }


def write(folder: Path, data: dict, slug: str = "marseille", body: str = BODY) -> Path:
    path = report_path(folder, data["start_date"], slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(data) + body, encoding="utf-8")
    return path


def test_a_report_may_open_exactly_its_page_budget(tmp_path: Path):
    # one country, three travellers with their own name, role and organisation, and tags up to the budget
    data = front(travellers=3, tags=budget.REPORT_PAGES - 1 - 9)
    report, problems = check_file(write(tmp_path, data))
    assert problems == []
    assert len(budget.report_labels(report)) == budget.REPORT_PAGES


def test_one_page_over_the_budget_is_refused_at_the_label_that_tips_it(tmp_path: Path):
    data = front(travellers=4, tags=budget.REPORT_PAGES - 12)  # 1 country + 12 + tags: one page too many
    path = write(tmp_path, data)
    report, problems = check_file(path)
    assert report is None
    (problem,) = problems
    over = budget.REPORT_PAGES - 13  # the tag that opens page REPORT_PAGES + 1
    assert problem.field == f"tags[{over}]"
    assert problem.line == path.read_text(encoding="utf-8").splitlines().index(f"  - trefwoord 0-{over}") + 1
    assert f"krijgt {budget.REPORT_PAGES + 1} eigen pagina's" in problem.message
    assert f"hoogstens {budget.REPORT_PAGES} openen" in problem.message


def test_a_withheld_name_opens_no_page(tmp_path: Path):
    data = front(travellers=4, tags=budget.REPORT_PAGES - 12)
    data["travellers"][0]["name"] = None
    assert check_file(write(tmp_path, data))[1] == []


def test_a_report_too_large_to_publish_is_refused_with_its_estimate(tmp_path: Path):
    # Every long text at its limit, in four-byte characters: within each field's limit, not in total.
    long = "🚄" * 1000
    actions = [{"action": long, "owner": "Gemeente Den Haag", "due": date(2015, 12, 1), "status": "open"}] * 50
    body = "\n".join(f"## {h}\n\n{'🚄' * 19_000}\n" for h in ("Doel van de reis", "Duur en periode", "Hoeveel personen", "Wat heeft het opgeleverd", "Vervolgafspraken"))  # fmt: skip
    path = write(tmp_path, front(actions=actions), body="\n" + body)
    report, problems = check_file(path)
    assert report is None
    (problem,) = problems
    estimate = budget.report_bytes(check_report_ignoring_budget(path), path.stat().st_size)
    assert estimate > budget.REPORT_BYTES
    assert (problem.line, problem.field) == (1, "file")
    assert f"naar schatting {budget.megabytes(estimate)} MB" in problem.message
    assert f"hoogstens {budget.megabytes(budget.REPORT_BYTES)} MB per verslag" in problem.message


def check_report_ignoring_budget(path: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget, "REPORT_BYTES", 10**12)
        report, problems = check_file(path)
    assert problems == []
    return report


def test_the_register_over_its_page_budget_is_refused_naming_the_largest_report(tmp_path: Path):
    folder = tmp_path / "reports"
    for index in range(1, 4):
        write(folder, front(index, travellers=index), slug=f"reis-{index}")
    reports, problems = check_paths([folder])
    assert problems == [] and len(reports) == 3
    pages = 3 + 1 + 3 * (1 + 2 + 3)  # three trip pages, one country, a name, role and organisation per traveller
    _, problems = check_paths([folder], site_budget=budget.SiteBudget(pages=pages - 1))
    (problem,) = problems
    assert (problem.path, problem.line, problem.field) == (str(folder), 1, "register")
    assert problem.message == (
        f"het register zou {pages} pagina's maken; hoogstens {pages - 1} "
        "(extra.reisregister.budget.pages in mkdocs.yml); de meeste eigen pagina's (9) komen van 2015-01-04-reis-3"
    )
    assert check_paths([folder], site_budget=budget.SiteBudget(pages=pages))[1] == []


def test_the_register_over_its_byte_budget_is_refused_with_the_estimate(tmp_path: Path):
    folder = tmp_path / "reports"
    for index in range(1, 3):
        write(folder, front(index), slug=f"reis-{index}")
    assert check_paths([folder])[1] == []
    two_small_reports_take_it_over = budget.SiteBudget(bytes=budget.SITE_FIXED_BYTES)
    (problem,) = check_paths([folder], site_budget=two_small_reports_take_it_over)[1]
    assert problem.field == "register"
    # Two trip pages and the copies of their text; one country page and six for their travellers,
    # with eight rows; and what every site has.
    text = sum(path.stat().st_size for path in folder.rglob("*.md"))
    estimate = budget.SITE_FIXED_BYTES + 2 * budget.TRIP_PAGE_BYTES + budget.TEXT_COPIES * text
    estimate += 7 * budget.GROUP_PAGE_BYTES + 8 * budget.MEMBERSHIP_BYTES
    assert problem.message.startswith(
        f"het register zou naar schatting {budget.megabytes(estimate)} MB maken; hoogstens 12,0 MB"
    )


def test_a_maximal_report_is_refused_and_one_within_the_budget_is_not(tmp_path: Path):
    # bench/amplification.py's reports: every list full and every label their own, or cut to the budget.
    sys.path.insert(0, str(ROOT / "bench"))
    from amplification import write_reports

    write_reports(1, tmp_path / "maximal", limit=None)
    _, problems = check_paths([tmp_path / "maximal"])
    assert [p.message.split(";")[0] for p in problems] == [
        "het verslag laat de site naar schatting 4,8 MB schrijven",
        "het verslag krijgt 201 eigen pagina's met elk een feed (één per reiziger, functie, organisatie, land, betaler en trefwoord)",
    ]  # fmt: skip
    write_reports(3, tmp_path / "within", limit=budget.REPORT_PAGES)
    reports, problems = check_paths([tmp_path / "within"])
    assert problems == [] and len(reports) == 3
    assert [len(budget.report_labels(r)) for r in reports] == [budget.REPORT_PAGES] * 3


def test_the_register_budget_is_a_setting_with_the_old_limits_as_default(tmp_path: Path):
    assert Settings.from_extra({}).budget == budget.SiteBudget(50_000, 1_000_000_000)
    assert Settings.from_extra({"budget": {"pages": 200_000}}).budget == budget.SiteBudget(200_000, 1_000_000_000)
    assert Settings.from_extra({"budget": {"megabytes": 4000}}).budget.bytes == 4_000_000_000
    for wrong in ({"pages": 0}, {"pages": "veel"}, {"megabytes": 1.5}, {"megabytes": True}, {"page": 10}, [1]):
        with pytest.raises(ValueError, match=r"extra\.reisregister\.budget"):
            Settings.from_extra({"budget": wrong})


def test_validate_and_the_open_data_apply_the_budget_of_mkdocs_yml(tmp_path: Path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    for index in range(1, 4):
        write(folder, front(index), slug=f"reis-{index}")
    config = tmp_path / "mkdocs.yml"
    pages = 3 + 1 + 3 * 3  # three trip pages, one country, a name, role and organisation per report
    setting = "site_name: x\nextra:\n  reisregister:\n    budget:\n      pages: {}\n"
    config.write_text(setting.format(pages - 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate", str(folder)]) == cli.PROBLEMS
    assert f"hoogstens {pages - 1} (extra.reisregister.budget.pages in mkdocs.yml)" in capsys.readouterr().out
    with pytest.raises(ReportError) as refused:
        Register.load(folder, read_settings(config))
    assert [p.field for p in refused.value.problems] == ["register"]
    config.write_text(setting.format(pages), encoding="utf-8")
    assert cli.main(["validate", str(folder)]) == cli.OK
    assert len(Register.load(folder, read_settings(config)).reports) == 3
