"""From promise to result: actions and their history from git, timeliness, /vervolg/ and the feeds."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import feedparser
import pytest
from conftest import CASES
from test_site import SECRET_NAME

from reisregister.intake.git_history import Change, action_changes
from reisregister.intake.report_files import render_report
from reisregister.opendata.bundle import OpenData
from reisregister.register.followup import open_first
from reisregister.register.register import Register
from reisregister.site.pages import Site

REFERENCE_EPOCH = "1795824000"  # 2026-11-28


# ----------------------------------------------------------------------------
# The history of an action
# ----------------------------------------------------------------------------


def test_changes_follow_an_action_by_its_text_and_an_edited_one_by_its_place():
    first = {"action": "Roadmap opstellen.", "owner": "TNO", "due": "2016-03-01"}
    second = {"action": "Workshop houden.", "owner": "HSD", "due": "2016-06-01"}
    versions = [
        (date(2015, 10, 1), [first]),
        (date(2015, 11, 1), [second, first]),  # a new action on top: the first is followed by its text
        (date(2016, 2, 20), [second, {**first, "status": "afgerond", "updated": "2016-02-20", "result": "Klaar."}]),
        (date(2016, 3, 1), [{**second, "action": "Workshop houden in Den Haag."}, {**first, "status": "afgerond"}]),
    ]
    history = action_changes(versions)
    assert [[(c.date.isoformat(), c.text) for c in changes] for changes in history] == [
        [("2015-11-01", "toegevoegd (status open)"), ("2016-03-01", "omschrijving gewijzigd")],
        [
            ("2015-10-01", "toegevoegd (status open)"),
            ("2016-02-20", "status open → afgerond"),
            ("2016-02-20", "resultaat bijgewerkt"),
        ],
    ]


def test_a_removed_action_leaves_no_history_behind():
    kept = {"action": "Blijft.", "owner": "TNO", "due": "2016-03-01"}
    versions = [
        (date(2015, 10, 1), [{"action": "Weg.", "owner": "TNO", "due": "2016-03-01"}, kept]),
        (date(2015, 11, 1), [kept]),
    ]
    assert action_changes(versions) == [[Change(date(2015, 10, 1), "toegevoegd (status open)")]]


def test_an_old_version_is_read_as_text_without_yaml_1_1_types():
    from reisregister.intake.git_history import actions_in

    old = (
        "---\ntitle: x\nactions:\n  - action: Nee zeggen.\n    owner: NO\n    due: '2016-03-01'\n"
        "    result: null\n  - {action: Tweede., owner: yes, due: 2016-04-01}\ntags: [a]\n---\n## Doel\n"
    )
    assert actions_in(old) == [
        {"action": "Nee zeggen.", "owner": "NO", "due": "2016-03-01"},
        {"action": "Tweede.", "owner": "yes", "due": "2016-04-01"},
    ]
    assert actions_in(old.replace("owner: NO", "owner: *anker")) is None  # aliases are never read: unreadable
    assert actions_in("---\ntitle: x\n---\n") == [] and actions_in(None) == []


# ----------------------------------------------------------------------------
# A report's life in git: registered, published late, an action closed
# ----------------------------------------------------------------------------


def _commit(folder: Path, day: str, message: str) -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for command in (["git", "add", "-A"], ["git", "commit", "-q", "-m", message]):
        subprocess.run(command, cwd=folder, env=env, check=True)


SECTIONS = {
    "purpose": "Kennismaking.",
    "duration": "Twee dagen.",
    "participants": "Twee.",
    "results": "Twee nieuwe contacten.",
    "follow_up": "Een roadmap.",
}


@pytest.fixture
def git_register(tmp_path: Path, monkeypatch) -> Register:
    """A repository where a trip is registered, reported 45 days after return, and its action closed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    repo = tmp_path / "repo"
    path = repo / "reports" / "2015" / "2015-09-14-marseille.md"
    path.parent.mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for key, value in (("user.name", "Register"), ("user.email", "register@example.org")):
        subprocess.run(["git", "config", key, value], cwd=repo, check=True)
    front = {
        "title": "Verslag dienstreis naar Marseille",
        "start_date": date(2015, 9, 14),
        "end_date": date(2015, 9, 15),
        "destinations": [{"city": "Marseille", "country": "FR"}],
        "travellers": [{"name": None, "role": "beleidsadviseur", "organisation": "Gemeente Den Haag"}],
        "summary": "Kennismaking met het Franse veiligheidscluster.",
        "expected_results": "Afspraak over een gezamenlijke EU-aanvraag.",
    }
    path.write_text(render_report(front), encoding="utf-8")
    _commit(repo, "2015-08-01", "Register a planned trip")
    action = {"action": "Roadmap opstellen met TNO.", "owner": "Gemeente Den Haag", "due": date(2016, 3, 1)}
    path.write_text(render_report({**front, "actions": [action]}, SECTIONS), encoding="utf-8")
    _commit(repo, "2015-10-30", "Publish the report")  # 45 days after return, due after 30
    done = {**action, "status": "afgerond", "updated": date(2016, 2, 20), "result": "Roadmap vastgesteld."}
    path.write_text(render_report({**front, "actions": [done]}, SECTIONS), encoding="utf-8")
    _commit(repo, "2016-02-21", "Close the action")
    return Register.load(repo / "reports", {"due_days": 30})


def _page(register: Register, url: str) -> str:
    return next(page for page in Site(register).pages() if page.url == url).html()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_trip_page_shows_publication_lateness_expected_results_and_action_history(git_register: Register):
    report = git_register.reports[0]
    assert git_register.published_on(report) == date(2015, 10, 30)
    text = _text(_page(git_register, "reizen/2015-09-14-marseille/"))
    assert "gepubliceerd op 30 oktober 2015, 45 dagen na terugkomst; te laat (termijn 30 dagen)" in text
    assert re.search(r"Verwacht Afspraak over een gezamenlijke EU-aanvraag\. .* Twee nieuwe contacten", text)
    assert "Roadmap opstellen met TNO. afgerond · uitvoerder: Gemeente Den Haag" in text
    assert "Resultaat: Roadmap vastgesteld." in text
    assert "Geschiedenis (3)" in text
    assert "30 oktober 2015 : toegevoegd (status open)" in text
    assert "21 februari 2016 : status open → afgerond" in text


def test_the_action_feed_dates_an_action_by_its_last_commit(git_register: Register):
    feeds = dict(Site(git_register).feeds())
    parsed = feedparser.parse(feeds["vervolg/feed.xml"])
    assert not parsed.bozo
    [entry] = parsed.entries
    assert entry.title == "Vervolgactie afgerond: Roadmap opstellen met TNO."
    assert entry.updated.startswith("2016-02-21")
    assert "Laatste wijziging: resultaat bijgewerkt." in entry.summary


def test_a_report_whose_sections_came_in_time_is_not_late(tmp_path: Path, git_register: Register):
    report = git_register.reports[0]
    record = OpenData(git_register).record(report)
    assert (record["published"], record["published_late"]) == ("2015-10-30", True)
    git_register.settings = replace(git_register.settings, due_days=60)
    assert OpenData(git_register).record(report)["published_late"] is False
    assert "te laat" not in _text(_page(git_register, "reizen/2015-09-14-marseille/")).split("Vervolgacties")[0]


# ----------------------------------------------------------------------------
# /vervolg/ across the register
# ----------------------------------------------------------------------------


def _action_register(tmp_path: Path) -> Register:
    """Three trips with actions due at different dates, on 2026-11-28."""
    folder = tmp_path / "reports"
    (folder / "2015").mkdir(parents=True)
    base = (CASES / "valid" / "2015-09-14-actions.md").read_text(encoding="utf-8")
    (folder / "2015" / "2015-09-14-actions.md").write_text(base, encoding="utf-8")
    later = base.replace("2015-09-14", "2015-09-20").replace("2015-09-15", "2015-09-21")
    later = later.replace("due: 2016-06-01", "due: 2099-01-01").replace("Workshop in Den Haag", "Tweede workshop")
    (folder / "2015" / "2015-09-20-actions.md").write_text(later, encoding="utf-8")
    return Register.load(folder)


def test_open_actions_come_overdue_first_then_by_due_date(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    register = _action_register(tmp_path)
    ordered = open_first(register.all_actions)
    assert [(a.action.due.isoformat(), a.overdue) for a in ordered] == [("2016-06-01", True), ("2099-01-01", False)]
    html = _page(register, "vervolg/")
    text = _text(html)
    assert "6 vervolgacties uit 2 verslagen: 2 open, waarvan 1 te laat" in text
    assert "2 afgerond en 2 vervallen" in text
    rows = re.findall(r'<td data-label="Actie">([^<]+)</td>', html)
    assert rows == ["Workshop in Den Haag organiseren.", "Tweede workshop organiseren."]
    assert 'href="../reizen/2015-09-14-actions/#vervolgacties"' in html
    owners = re.findall(r'<td data-label="Uitvoerder" data-sort="[^"]*">([^<]+)</td>', html)
    assert owners[:3] == ["The Hague Security Delta", "beleidsadviseur", "Gemeente Den Haag"]
    closed = _text(_page(register, "vervolg/afgerond/"))
    assert "Roadmap vastgesteld; aanvraag ingediend." in closed


# ----------------------------------------------------------------------------
# Feeds of the built site
# ----------------------------------------------------------------------------


def _feed(built_site: Path, name: str):
    parsed = feedparser.parse((built_site / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("name", ["feed.xml", "landen/fr/feed.xml", "reizen/2015/feed.xml", "tags/veiligheid/feed.xml"])
def test_every_trip_list_has_a_valid_feed_of_its_own_trips(built_site: Path, name: str):
    parsed = _feed(built_site, name)
    page = built_site / name.replace("feed.xml", "index.html")
    linked = set(re.findall(r'href="(?:\.\./)*(reizen/\d{4}-[^"/]+/)"', page.read_text()))
    assert parsed.entries
    assert parsed.feed.id.startswith("tag:reisregister.invalid,2015:")
    for entry in parsed.entries:
        assert re.fullmatch(r"tag:reisregister\.invalid,2015:reizen/[a-z0-9-]+/", entry.id)
        assert (
            entry.link.rstrip("/").split("/")[-1] in {u.strip("/").split("/")[-1] for u in linked} or name == "feed.xml"
        )
        assert entry.updated_parsed[:3] <= (2026, 11, 28)  # never in the future: planned trips too


def test_the_action_feed_of_the_built_site(built_site: Path):
    parsed = _feed(built_site, "vervolg/feed.xml")
    titles = {entry.title for entry in parsed.entries}
    assert "Vervolgactie te laat: Workshop in Den Haag organiseren." in titles
    assert all(entry.link.endswith("#vervolgacties") for entry in parsed.entries)


def test_no_feed_names_a_withheld_traveller(built_site: Path):
    feeds = list(built_site.rglob("feed.xml"))
    assert len(feeds) > 20
    for path in feeds:
        text = path.read_text()
        assert SECRET_NAME not in text, path


def test_pages_announce_their_feeds(built_site: Path):
    home = (built_site / "index.html").read_text()
    assert re.search(r'<link rel="alternate feed" type="application/atom\+xml" [^>]*href="feed.xml">', home)
    country = (built_site / "landen" / "fr" / "index.html").read_text()
    own = re.search(
        r'<link rel="alternate feed" type="application/atom\+xml" title="([^"]+)" href="feed.xml">', country
    )
    assert own and own.group(1) == "Reisregister: Land: Frankrijk"
    assert '<a href="feed.xml">Volg deze reizen via RSS/Atom</a>' in country
    second = built_site / "reizen" / "2015" / "pagina-2" / "index.html"
    if second.exists():
        assert 'href="../feed.xml"' in second.read_text()


def test_with_a_site_url_ids_carry_its_host_and_links_are_absolute(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    folder = _action_register(tmp_path).folder
    register = Register.load(folder, site_url="https://reisregister.denhaag.example/")
    feeds = dict(Site(register).feeds())
    parsed = feedparser.parse(feeds["landen/fr/feed.xml"])
    assert parsed.feed.id == "tag:reisregister.denhaag.example,2015:landen/fr/feed.xml"
    assert {link.href for link in parsed.feed.links} == {
        "https://reisregister.denhaag.example/landen/fr/feed.xml",
        "https://reisregister.denhaag.example/landen/fr/",
    }
    assert parsed.entries[0].link.startswith("https://reisregister.denhaag.example/reizen/2015-09-")
    record = OpenData(register).record(register.reports[0])
    assert record["url"] == "https://reisregister.denhaag.example/reizen/2015-09-14-actions/"


def test_tags_have_pages_in_the_navigation(built_site: Path):
    page = (built_site / "tags" / "veiligheid" / "index.html").read_text()
    assert "Trefwoord: veiligheid" in page
    assert "2015-09-14-corrections/" in page
    assert 'href="../tags/"' in (built_site / "landen" / "index.html").read_text()


# ----------------------------------------------------------------------------
# A corrected start date: the old address keeps working
# ----------------------------------------------------------------------------


def test_a_renamed_report_keeps_its_old_address(git_register: Register, tmp_path: Path):
    repo = git_register.folder.parent
    old = repo / "reports" / "2015" / "2015-09-14-marseille.md"
    new = old.with_name("2015-09-13-marseille.md")
    subprocess.run(["git", "mv", str(old), str(new)], cwd=repo, check=True)
    new.write_text(new.read_text(encoding="utf-8").replace("2015-09-14", "2015-09-13"), encoding="utf-8")
    _commit(repo, "2016-03-01", "Correct the start date")
    newest = new.with_name("2015-09-12-marseille.md")
    subprocess.run(["git", "mv", str(new), str(newest)], cwd=repo, check=True)
    newest.write_text(newest.read_text(encoding="utf-8").replace("2015-09-13", "2015-09-12"), encoding="utf-8")
    _commit(repo, "2016-03-02", "Correct it again")
    register = Register.load(repo / "reports", {"due_days": 30})
    assert register.former_ids == {
        "2015-09-14-marseille": "2015-09-12-marseille",
        "2015-09-13-marseille": "2015-09-12-marseille",
    }
    written = Site(register).write_data(tmp_path / "out")
    for old_id in register.former_ids:
        page = written[f"reizen/{old_id}/index.html"].read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../2015-09-12-marseille/">' in page
        assert '<a href="../2015-09-12-marseille/">Verslag dienstreis naar Marseille</a>' in page
    assert "reizen/2015-09-12-marseille/index.html" not in written  # the trip page itself is MkDocs'
    assert register.published_on(register.reports[0]) == date(2015, 10, 30)  # history survives the rename
    [action] = register.actions(register.reports[0])
    assert [c.text for c in action.changes] == [
        "toegevoegd (status open)",
        "status open → afgerond",
        "resultaat bijgewerkt",
    ]


def test_follow_up_counts_per_organisation_and_lists_open_actions_on_its_page(tmp_path: Path):
    register = _action_register(tmp_path)
    page = _text(_page(register, "vervolg/"))
    assert "Vervolgacties per organisatie" in _page(register, "vervolg/")
    html = _page(register, "vervolg/")
    assert 'href="../organisaties/gemeente-den-haag/"' in html
    assert '<span class="rr-badge">te laat</span>' in html  # the badge, as in every table
    assert "Per organisatie" in page
    organisation = _page(register, "organisaties/gemeente-den-haag/")
    assert "<h2>Open vervolgacties</h2>" in organisation
    assert organisation.count('<span class="rr-badge">te laat</span>') >= 1


def test_a_pending_trip_shows_when_its_report_is_due(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")  # 2026-11-28
    folder = tmp_path / "reports" / "2015"
    folder.mkdir(parents=True)
    (folder / "2015-09-14-planned.md").write_bytes((CASES / "valid" / "2015-09-14-planned.md").read_bytes())
    register = Register.load(folder.parent)
    (report,) = register.reports
    status = register.status(report)
    assert status.label == "verslag volgt" and status.overdue
    html = _page(register, f"reizen/{report.id}/")
    assert f'verslag uiterlijk <time datetime="{status.due.isoformat()}">' in html
    assert "(30 dagen na terugkomst)" in html
    assert '<span class="rr-badge">te laat</span>' in html.split("<dt>Status</dt>")[1].split("</div>")[0]
