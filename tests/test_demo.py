"""The demo archive: valid, deterministic, varied and clearly fictitious."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from reisregister.cli import demo
from reisregister.cli.main import main
from reisregister.core.model import COST_PARTS
from reisregister.core.report import Report
from reisregister.core.rules import PENDING, PLANNED, PUBLISHED, trip_status
from reisregister.intake.checks import check_paths
from reisregister.intake.report_files import place_slug

COUNT = 200
OFFICE_ROLES = {"burgemeester", "wethouder", "raadslid", "gemeentesecretaris"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[Report]]:
    """200 reports written once for the module, with the checked reports."""
    out = tmp_path_factory.mktemp("demo")
    paths = demo.write_demo(COUNT, out, seed=7)
    reports, problems = check_paths([out])
    assert problems == []
    return out, paths, reports


def file_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def word_count(report: Report) -> int:
    return sum(len(text.split()) for text in report.standard_sections.values())


def test_every_report_is_valid(archive):
    out, paths, reports = archive
    assert len(paths) == len(set(paths)) == COUNT
    assert len(reports) == COUNT
    assert all(p.is_relative_to(out) and p.parent.name == p.name[:4] for p in paths)


def test_same_seed_gives_same_bytes_and_another_seed_differs(archive, tmp_path):
    out, _, _ = archive
    demo.write_demo(COUNT, tmp_path / "again", seed=7)
    demo.write_demo(COUNT, tmp_path / "other", seed=8)
    assert file_bytes(tmp_path / "again") == file_bytes(out)
    other = file_bytes(tmp_path / "other")
    assert set(other) != set(file_bytes(out))


def test_published_reports_have_300_to_800_words(archive):
    counts = [word_count(r) for r in archive[2] if r.standard_sections]
    assert len(counts) > COUNT * 0.8
    assert all(demo.WORDS_MIN <= n <= demo.WORDS_MAX for n in counts), (min(counts), max(counts))


def test_texts_vary_between_reports(archive):
    results = [r.standard_sections["results"] for r in archive[2] if r.standard_sections]
    assert len(set(results)) == len(results)
    texts = [text for r in archive[2] for text in r.standard_sections.values()]
    vocabulary = {word.lower() for text in texts for word in re.findall(r"\w+", text)}
    assert len(vocabulary) > 2000


def test_every_report_is_marked_fictitious(archive):
    for report in archive[2]:
        meta = report.meta
        assert meta.title.startswith(demo.TITLE_PREFIX)
        assert meta.summary.startswith("Fictief") and len(meta.summary) <= 300
        assert not any(c in meta.title + meta.summary for c in "<&\n")
        assert meta.tags[0] == "demo"
        if report.standard_sections:
            assert report.standard_sections["purpose"].splitlines()[0] == demo.FICTION_LINE


def test_planned_and_pending_trips_have_no_body(archive):
    reference = date(2026, 11, 28)
    statuses = [trip_status(r, reference).label for r in archive[2]]
    assert statuses.count(PLANNED) > 0 and statuses.count(PENDING) > 0
    assert statuses.count(PLANNED) + statuses.count(PENDING) < COUNT * 0.2
    for report, status in zip(archive[2], statuses, strict=True):
        assert (status == PUBLISHED) == bool(report.sections)
        assert (status == PLANNED) == (report.meta.start_date.year == 2027)


def test_names_are_withheld_for_some_civil_servants(archive):
    travellers = [t for r in archive[2] for t in r.meta.travellers]
    civil = [t for t in travellers if t.role not in OFFICE_ROLES]
    withheld = [t for t in civil if t.name is None]
    assert 0.2 < len(withheld) / len(civil) < 0.5
    assert all(t.name for t in travellers if t.role in OFFICE_ROLES)
    assert {len(r.meta.travellers) for r in archive[2]} == {1, 2, 3, 4}


def test_the_text_names_only_named_travellers(archive):
    for report in (r for r in archive[2] if r.standard_sections):
        delegation = report.standard_sections["participants"].split(".")[0]
        for traveller in report.meta.travellers:
            expected = f"{traveller.role} {traveller.name}" if traveller.name else f"een {traveller.role} van"
            assert expected in delegation


def test_destinations_span_the_world(archive):
    countries = {d.country for r in archive[2] for d in r.meta.destinations}
    assert len(countries) > 20
    assert {len(r.meta.destinations) for r in archive[2]} == {1, 2, 3}
    years = {r.meta.start_date.year for r in archive[2]}
    assert min(years) <= 2011 and max(years) == 2027


def test_cost_parts_sum_to_the_total(archive):
    costs = [r.meta.costs for r in archive[2] if r.meta.costs]
    with_parts = [c for c in costs if any(getattr(c, p) is not None for p in COST_PARTS)]
    for c in with_parts:
        parts = [getattr(c, p) for p in COST_PARTS if getattr(c, p) is not None]
        assert round(sum(parts), 2) == c.total
    assert len(costs) < COUNT and len(with_parts) < len(costs)
    assert {"final", "provisional"} <= {c.status for c in costs}
    assert len({c.currency for c in costs}) > 1


def test_optional_fields_appear_sometimes(archive):
    metas = [r.meta for r in archive[2]]
    assert 0 < sum(bool(m.external_participants) for m in metas) < COUNT
    assert 0 < sum(bool(m.corrections) for m in metas) < COUNT
    assert len({m.paid_by for m in metas}) > 3


def test_repeated_date_and_city_get_a_suffix(tmp_path, monkeypatch):
    trip = demo.Trip({"start_date": date(2015, 9, 14)}, None, "marseille")
    monkeypatch.setattr(demo, "make_trip", lambda rng, roster: trip)
    names = [path.name for _, path in demo.plan_archive(3, tmp_path, 1)]
    assert names == ["2015-09-14-marseille.md", "2015-09-14-marseille-2.md", "2015-09-14-marseille-3.md"]


@pytest.mark.parametrize(
    ("text", "slug"), [("São Paulo", "sao-paulo"), ("Frankfurt am Main", "frankfurt-am-main"), ("Caïro", "cairo")]
)
def test_slugify(text, slug):
    assert place_slug(text) == slug


def test_city_slugs_are_unique_and_countries_named():
    cities = demo.all_cities()
    assert len(cities) >= 150
    assert len({place_slug(city) for city, _ in cities}) == len(cities)
    assert set(demo.country_names()) == {code for _, code in cities}


def test_compounds_hyphenate_vowel_clashes():
    assert demo.compound("wijk", "budget") == "wijkbudget"
    assert demo.compound("data", "aanpak") == "data-aanpak"
    assert demo.compound("zonne", "index") == "zonne-index"


def test_cli_writes_the_requested_number(tmp_path, capsys):
    assert main(["demo", "--count", "5", "--out", str(tmp_path)]) == 0
    assert len(list(tmp_path.rglob("*.md"))) == 5
    assert "5 verzonnen verslagen" in capsys.readouterr().out


@pytest.mark.parametrize("count", ["0", "-3", "veel"])
def test_cli_refuses_a_count_below_one(tmp_path, count):
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--count", count, "--out", str(tmp_path)])
    assert exit_info.value.code == 2
    assert not list(tmp_path.rglob("*.md"))


def test_write_demo_refuses_a_count_below_one(tmp_path):
    with pytest.raises(ValueError, match="1 or more"):
        demo.write_demo(0, tmp_path)


def test_parallel_writing_gives_the_same_bytes(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "PARALLEL_FROM", 1)
    monkeypatch.setattr(demo, "CHUNK_SIZE", 40)
    paths = demo.write_demo(COUNT, tmp_path, seed=7)
    assert [p.relative_to(tmp_path) for p in paths] == [p.relative_to(archive[0]) for p in archive[1]]
    assert file_bytes(tmp_path) == file_bytes(archive[0])
