"""Git history is input: publication dates, commit dates, renames, file names, old versions and
names removed from a report, each tried in a real git repository."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sitebuild import build_site

from reisregister.cli.main import main
from reisregister.intake import git_history as history
from reisregister.intake.git_history import LogEntry, action_changes, follow_renames, read_history
from reisregister.intake.problems import ReportError
from reisregister.intake.report_files import render_report
from reisregister.opendata.bundle import OpenData
from reisregister.register.register import MAX_FORMER_IDS, Register
from reisregister.site.pages import Site

REFERENCE_EPOCH = "1795824000"  # 2026-11-28
SECTIONS = {
    "purpose": "Kennismaking.",
    "duration": "Twee dagen.",
    "participants": "Twee.",
    "results": "Twee nieuwe contacten.",
    "follow_up": "Een roadmap.",
}
FRONT = {
    "title": "Verslag dienstreis naar Lyon",
    "start_date": date(2015, 10, 1),
    "end_date": date(2015, 10, 2),
    "destinations": [{"city": "Lyon", "country": "FR"}],
    "travellers": [{"name": None, "role": "beleidsadviseur", "organisation": "Gemeente Den Haag"}],
    "summary": "Kennismaking met de stad Lyon.",
}
LYON = "reports/2015/2015-10-01-lyon.md"


class Repo:
    """A git repository in tmp_path whose commits carry the dates a test chooses."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Register")
        self.git("config", "user.email", "register@example.org")
        self.git("config", "commit.gpgsign", "false")

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    def git(self, *args: str, when: str | None = None) -> str:
        env = dict(os.environ)
        if when:
            stamp = when if when.startswith("@") else f"{when}T12:00:00+00:00"
            env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        return subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True, text=True).stdout

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, when: str, message: str = "Wijziging") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)

    def merge(self, branch: str, when: str) -> None:
        self.git("merge", "-q", "--no-ff", branch, "-m", f"Merge {branch}", when=when)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Repo:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    return Repo(tmp_path / "repo")


def _page_text(register: Register, url: str) -> str:
    html = next(page for page in Site(register).pages() if page.url == url).html()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ----------------------------------------------------------------------------
# 1. Publication: the first version with text, never before the trip ends
# ----------------------------------------------------------------------------


def test_a_trip_registered_with_empty_headings_is_published_when_written(repo: Repo):
    repo.write(LYON, render_report(FRONT, {}))  # the five empty headings of `reisregister new`
    repo.commit("2015-09-01", "Aanmelding")
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2016-06-01", "Verslag")
    register = Register.load(repo.reports)
    [report] = register.reports
    assert register.published_on(report) == date(2016, 6, 1)
    record = OpenData(register).record(report)
    assert (record["published"], record["published_late"]) == ("2016-06-01", True)
    assert "gepubliceerd op 1 juni 2016, 243 dagen na terugkomst; te laat" in _page_text(
        register, "reizen/2015-10-01-lyon/"
    )


def test_a_report_written_before_the_trip_ended_counts_from_its_end(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-09-20")
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2015, 10, 2)


def test_text_removed_and_written_again_keeps_the_first_publication(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    repo.write(LYON, render_report(FRONT, {}))
    repo.commit("2015-11-01")
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2016-01-01")
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2015, 10, 10)


def test_an_edited_working_copy_does_not_count_as_published(repo: Repo):
    repo.write(LYON, render_report(FRONT, {}))
    repo.commit("2015-09-01")
    repo.write(LYON, render_report(FRONT, SECTIONS))  # written, not committed
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) is None


# ----------------------------------------------------------------------------
# 2. Dates from main as merged
# ----------------------------------------------------------------------------


def test_a_back_dated_commit_in_a_merged_branch_takes_the_merge_date(repo: Repo):
    repo.write(LYON, render_report(FRONT, {}))
    repo.commit("2015-09-01")
    repo.git("switch", "-q", "-c", "verslag")
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-05")  # back-dated by its author
    repo.git("switch", "-q", "main")
    repo.merge("verslag", "2016-06-01")
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2016, 6, 1)
    assert register.changed_on(register.reports[0]) == date(2016, 6, 1)


def test_a_back_dated_commit_on_main_takes_the_date_of_the_one_before(repo: Repo):
    repo.write(LYON, render_report(FRONT, {}))
    repo.commit("2015-09-01")
    repo.write("docs/x.md", "x")
    repo.commit("2016-05-01", "Iets anders")  # not a report: still a date on main
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-05")  # pushed straight to main, back-dated
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2016, 5, 1)


def test_a_commit_dated_ahead_is_clamped_to_the_reference_date(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2099-01-01")
    register = Register.load(repo.reports)
    assert register.changed_on(register.reports[0]) == date(2026, 11, 28)
    assert "2099" not in _page_text(register, "reizen/2015-10-01-lyon/")


def test_a_commit_in_the_year_10000_breaks_neither_validate_nor_the_build(repo: Repo, monkeypatch, capsys):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    repo.write(LYON, render_report({**FRONT, "tags": ["lyon"]}, SECTIONS))
    repo.commit("@253402300800 +0000")  # 10000-01-01
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    today = datetime.now(UTC).date()
    assert history.reference_date(repo.reports) == today  # never after the clock
    assert main(["validate", str(repo.reports)]) == 0
    register = Register.load(repo.reports)
    assert register.changed_on(register.reports[0]) == today
    assert register.published_on(register.reports[0]) == date(2015, 10, 10)


def test_odd_file_names_in_the_history_are_read_as_names(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.write("reports/@x", "1796587798\n")
    repo.write("reports/2015/regel\n:100644 100644 a b M.md", "x")
    repo.commit("2015-10-10")
    for name in ("reports/@x", "reports/2015/regel\n:100644 100644 a b M.md"):
        (repo.root / name).unlink()
    repo.commit("2015-10-11")
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2015, 10, 10)
    assert set(read_history(repo.reports).files) == {"2015/2015-10-01-lyon.md"}


# ----------------------------------------------------------------------------
# Renames and forwarding pages
# ----------------------------------------------------------------------------

MOVED = "reports/2015/2015-09-30-lyon.md"
MOVED_FRONT = {**FRONT, "start_date": date(2015, 9, 30)}


def _rename(repo: Repo, old: str, new: str, front: dict, sections: dict | None = SECTIONS) -> None:
    repo.git("mv", old, new)
    repo.write(new, render_report(front, sections))


def test_a_corrected_start_date_keeps_the_history_and_forwards_the_old_address(repo: Repo, tmp_path: Path):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    _rename(repo, LYON, MOVED, MOVED_FRONT)
    repo.commit("2015-11-01")
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2015, 10, 10)
    assert register.former_ids == {"2015-10-01-lyon": "2015-09-30-lyon"}
    written = Site(register).write_data(tmp_path / "out")
    assert "../2015-09-30-lyon/" in written["reizen/2015-10-01-lyon/index.html"].read_text(encoding="utf-8")


def test_rename_and_restore_in_one_pull_request_takes_nothing(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    repo.git("switch", "-q", "-c", "kopie")
    _rename(repo, LYON, MOVED, MOVED_FRONT)
    repo.commit("2016-06-01")
    repo.git("checkout", "main", "--", LYON)  # the old file back: net, one file added
    repo.commit("2016-06-01")
    repo.git("switch", "-q", "main")
    repo.merge("kopie", "2016-06-02")
    register = Register.load(repo.reports)
    published = {r.id: register.published_on(r) for r in register.reports}
    assert published == {"2015-10-01-lyon": date(2015, 10, 10), "2015-09-30-lyon": date(2016, 6, 2)}
    assert register.former_ids == {}


def test_a_rename_undone_by_a_later_merge_hands_over_nothing(repo: Repo):
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    _rename(repo, LYON, MOVED, MOVED_FRONT)
    repo.commit("2016-06-01")
    repo.git("checkout", "HEAD~1", "--", LYON)  # the old name exists again later
    repo.commit("2016-06-05")
    register = Register.load(repo.reports)
    published = {r.id: register.published_on(r) for r in register.reports}
    assert published == {"2015-10-01-lyon": date(2015, 10, 10), "2015-09-30-lyon": date(2016, 6, 1)}
    assert register.former_ids == {}


def test_only_names_of_published_reports_with_valid_ids_forward(repo: Repo):
    repo.write("reports/2015/Lyon verslag.md", render_report(FRONT, SECTIONS))  # never a valid id
    repo.commit("2015-10-10")
    repo.git("mv", "reports/2015/Lyon verslag.md", LYON)
    repo.commit("2015-10-11")
    registered = "reports/2016/2016-03-01-parijs.md"
    paris = {**FRONT, "start_date": date(2016, 3, 1), "end_date": date(2016, 3, 2), "title": "Parijs"}
    repo.write(registered, render_report(paris, {}))
    repo.commit("2016-01-10")  # registered, not published
    _rename(repo, registered, "reports/2016/2016-03-02-parijs.md", {**paris, "start_date": date(2016, 3, 2)}, {})
    repo.commit("2016-02-01")
    register = Register.load(repo.reports)
    assert register.former_ids == {}


def test_forwarding_pages_per_report_are_capped(repo: Repo):
    name = LYON
    repo.write(name, render_report(FRONT, SECTIONS))
    repo.commit("2015-10-10")
    for day in range(2, 15):  # 13 corrections of the start date, each a valid id
        start = date(2015, 9, day)
        new = f"reports/2015/{start.isoformat()}-lyon.md"
        _rename(repo, name, new, {**FRONT, "start_date": start})
        repo.commit(f"2015-11-{day:02d}")
        name = new
    register = Register.load(repo.reports)
    assert len(register.former_ids) == MAX_FORMER_IDS
    assert "2015-10-01-lyon" in register.former_ids  # the oldest, most linked address is kept
    assert set(register.former_ids.values()) == {"2015-09-14-lyon"}


def test_thirty_thousand_renames_resolve_in_one_pass():
    count = 30_000
    commits = [[LogEntry("A", "b0", "n0")]]
    commits += [[LogEntry("R", f"b{i}", f"n{i}", f"n{i - 1}")] for i in range(1, count)]
    files = follow_renames(commits, [date(2016, 1, 1)] * count)
    assert list(files) == [f"n{count - 1}"]
    assert len(files[f"n{count - 1}"]) == count
    assert [v.name for v in files[f"n{count - 1}"][:2]] == ["n0", "n1"]


# ----------------------------------------------------------------------------
# History size
# ----------------------------------------------------------------------------


def test_a_version_over_the_size_limit_is_never_read(repo: Repo, monkeypatch):
    big = render_report(FRONT, {**SECTIONS, "results": "Veel tekst. " * 100_000})  # 1.2 MB: never valid
    repo.write(LYON, big)
    repo.commit("2015-10-10")
    repo.write(LYON, render_report(FRONT, SECTIONS))
    repo.commit("2016-01-05")
    sized, read = [], []  # what git is asked: sizes (`cat-file --batch-check`), contents (`--batch`)
    popen = subprocess.Popen

    def spy(args, *rest, **kwargs):
        if "--batch-check" in args:
            sized.append(args)
        if "--batch" in args:
            read.append(kwargs["stdin"].read())
            kwargs["stdin"].seek(0)
        return popen(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", spy)
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2016, 1, 5)  # the big version never counted
    assert len(sized) == 1  # its size was asked
    assert read == []  # and its size alone refused it: never read


def test_an_action_with_many_changes_shows_the_newest_twenty(repo: Repo):
    action = {"action": "Roadmap opstellen.", "owner": "Gemeente Den Haag", "due": date(2016, 1, 1)}
    for month in range(1, 26):
        due = date(2016 + month // 13, month % 12 + 1, 1)
        repo.write(LYON, render_report({**FRONT, "actions": [{**action, "due": due}]}, SECTIONS))
        repo.commit(f"2015-{10 + month // 13:02d}-{month % 13 + 10:02d}")
    register = Register.load(repo.reports)
    [tracked] = register.actions(register.reports[0])
    assert len(tracked.changes) == 25
    text = _page_text(register, "reizen/2015-10-01-lyon/")
    assert "Geschiedenis (25)" in text and "en 5 eerdere wijzigingen" in text
    assert text.count("uiterste datum 20") == 20 and "toegevoegd" not in text  # the newest 20 changes


# ----------------------------------------------------------------------------
# 3. A name removed from a report is not published through its history
# ----------------------------------------------------------------------------

OLD_OWNER = "Jan de Vries (beleidsadviseur)"
OLD_RESULT = "Besproken met Piet Geheim."


def test_a_removed_owner_name_appears_nowhere_in_the_built_site(repo: Repo, tmp_path: Path):
    action = {"action": "Roadmap opstellen.", "owner": OLD_OWNER, "due": date(2016, 3, 1)}
    repo.write(LYON, render_report({**FRONT, "actions": [action]}, SECTIONS))
    repo.commit("2015-10-10")
    done = {"status": "afgerond", "updated": date(2016, 2, 1), "result": OLD_RESULT}
    repo.write(LYON, render_report({**FRONT, "actions": [{**action, **done}]}, SECTIONS))
    repo.commit("2016-02-01")
    newer = {**action, **done, "owner": "beleidsadviseur", "result": "Roadmap vastgesteld."}
    repo.write(LYON, render_report({**FRONT, "actions": [newer]}, SECTIONS))
    repo.commit("2016-02-10")
    register = Register.load(repo.reports)
    [tracked] = register.actions(register.reports[0])
    assert [c.text for c in tracked.changes] == [
        "toegevoegd (status open)",
        "status open → afgerond",
        "resultaat bijgewerkt",
        "uitvoerder gewijzigd",
        "resultaat bijgewerkt",
    ]
    site = tmp_path / "site"
    build_site(repo.reports, site)
    files = [path for path in site.rglob("*") if path.is_file()]
    assert any(path.suffix == ".pf_fragment" for path in files)
    for path in files:
        data = path.read_bytes()
        if path.suffix.startswith(".pf_"):
            data = gzip.decompress(data)  # Pagefind's index
        for secret in ("Jan de Vries", "Piet Geheim"):
            assert secret.encode() not in data, path


def test_old_values_other_than_status_words_and_dates_are_never_shown():
    before = {"action": "A.", "owner": "x", "due": "Jan de Vries", "status": "Jan"}
    after = {"action": "A.", "owner": "y", "due": "2016-03-01", "status": "afgerond"}
    [changes] = action_changes([(date(2015, 10, 1), [before]), (date(2015, 11, 1), [after])])
    assert [change.text for change in changes] == [
        "toegevoegd",  # its status "Jan" is no status word: not shown
        "status gewijzigd",
        "uiterste datum gewijzigd",
        "uitvoerder gewijzigd",
    ]


# ----------------------------------------------------------------------------
# 4. `published:` only on imported reports, between end date and reference date
# ----------------------------------------------------------------------------


def test_published_is_refused_on_a_report_git_saw_without_text(repo: Repo, capsys):
    repo.write(LYON, render_report(FRONT, {}))
    repo.commit("2015-09-01")
    repo.write(LYON, render_report({**FRONT, "published": date(2015, 10, 15)}, SECTIONS))
    repo.commit("2016-06-01")
    assert main(["validate", str(repo.reports)]) == 1
    assert (
        "Gepubliceerd op (published): is alleen voor oude, geïmporteerde verslagen: dit verslag staat sinds 2015-09-01"
        in (capsys.readouterr().out)
    )
    with pytest.raises(ReportError, match="geïmporteerde verslagen"):
        Register.load(repo.reports)


def test_published_on_an_imported_report_counts(repo: Repo):
    repo.write(LYON, render_report({**FRONT, "published": date(2015, 10, 20)}, SECTIONS))
    repo.commit("2026-01-05", "Import van oude verslagen")
    assert main(["validate", str(repo.reports)]) == 0
    register = Register.load(repo.reports)
    assert register.published_on(register.reports[0]) == date(2015, 10, 20)


def test_published_after_the_report_came_into_git_is_refused(repo: Repo, capsys):
    repo.write(LYON, render_report({**FRONT, "published": date(2016, 6, 1)}, SECTIONS))
    repo.commit("2016-01-05")
    assert main(["validate", str(repo.reports)]) == 1
    assert (
        "Gepubliceerd op (published): 2016-06-01 ligt na 2016-01-05, de dag dat het verslag met tekst in git kwam"
        in (capsys.readouterr().out)
    )


def test_published_after_the_reference_date_is_refused_without_git(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    path = tmp_path / "reports" / "2015" / "2015-10-01-lyon.md"
    path.parent.mkdir(parents=True)
    path.write_text(render_report({**FRONT, "published": date(2099, 1, 1)}, SECTIONS), encoding="utf-8")
    assert main(["validate", str(path.parent.parent)]) == 1
    assert "Gepubliceerd op (published): 2099-01-01" in capsys.readouterr().out
    path.write_text(render_report({**FRONT, "published": date(2015, 10, 20)}, SECTIONS), encoding="utf-8")
    assert main(["validate", str(path.parent.parent)]) == 0  # no history at all: an import not yet committed
    assert capsys.readouterr().out.strip() == "1 verslag geldig"
