"""The register: every checked report of a folder, with what git and the settings say about each.

Loading and per-report derivations only (status, emissions, publication and change dates, follow-up
actions, former ids, neighbours, groups); no addresses, HTML or files. The open data
(`opendata.bundle`) and the site (`site.pages`) are both built from one loaded register, so the CLI's
export and the site's data/ cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from reisregister.core import rules
from reisregister.core.emissions import Emissions, estimate
from reisregister.core.groups import Grouping, display_label, label_slug
from reisregister.core.report import Report
from reisregister.core.rules import PUBLISHED, Status, body_names, by_return, by_start, trip_status
from reisregister.intake.cache import BuildCache
from reisregister.intake.checks import check_paths, former_id
from reisregister.intake.git_history import ReportHistory, read_history, reference_date, report_histories
from reisregister.intake.problems import ReportError
from reisregister.register import followup
from reisregister.register.followup import TrackedAction
from reisregister.register.settings import Settings

MAX_FORMER_IDS = 10  # forwarding pages per report: its oldest former ids

Members = tuple[dict[str, list[Report]], dict[str, str]]  # slug -> reports, slug -> the label its page shows


@dataclass
class Register:
    """Checked reports with the reference date, the settings and what main's history says of each."""

    folder: Path
    reports: list[Report]
    reference: date
    settings: Settings = field(default_factory=Settings)
    histories: dict[Path, ReportHistory] = field(default_factory=dict)  # what main's history says, per file
    body: tuple[str, ...] = ()  # the names of the body whose register this is (rules.body_names)
    cache: BuildCache = field(default_factory=BuildCache, repr=False)  # what earlier builds made of the same reports
    _emissions: dict[str, Emissions] = field(default_factory=dict, repr=False)
    _paths: dict[str, Path] = field(default_factory=dict, repr=False)
    _members: dict[str, Members] = field(default_factory=dict, repr=False)

    @classmethod
    def load(
        cls, folder: Path, settings: Settings | dict | None = None, site_url: str = "", cache: BuildCache | None = None
    ) -> Register:
        """Check every report; raise ReportError with all problems if any report is invalid.

        settings: typed, or `extra.reisregister` of mkdocs.yml (due_days, history_base, origin, organisation).
        cache: what earlier builds made of the same reports (checked files, source copies, trip pages).
        """
        if not isinstance(settings, Settings):
            settings = Settings.from_extra(settings, site_url)
        cache = cache or BuildCache()
        reference = reference_date(folder)
        history = read_history(folder, reference)
        reports, problems = check_paths([folder], reference, history, settings.train_rule, settings.budget, cache)
        if problems:
            raise ReportError(problems)
        histories = report_histories(history, reports, reference)
        body = body_names(list(settings.organisation), reports)
        return cls(folder, reports, reference, settings, histories, body, cache)

    # ------------------------------------------------------------------------
    # Per report
    # ------------------------------------------------------------------------

    def status(self, report: Report) -> Status:
        return trip_status(report, self.reference, self.settings.due_days)

    def emissions(self, report: Report) -> Emissions:
        """The distance and CO₂ estimate of a trip (computed once)."""
        if report.id not in self._emissions:
            self._emissions[report.id] = estimate(report.meta, self.settings.origin)
        return self._emissions[report.id]

    def published_on(self, report: Report) -> date | None:
        """When the report was published: its `published` field (old reports), else from git."""
        history = self._history(report)
        return report.meta.published or (history.published if history else None)

    def changed_on(self, report: Report) -> date | None:
        """The last commit on main that changed the report (None outside git)."""
        history = self._history(report)
        return history.changed if history else None

    def actions(self, report: Report) -> list[TrackedAction]:
        """A trip's follow-up actions, with their history from git."""
        history = self._history(report)
        changes = [list(c) for c in history.actions] if history and history.actions else None
        return followup.tracked_actions(report, self.reference, changes)

    def paid_by_others(self, report: Report) -> bool | None:
        """Whether someone other than the body paid (None: no payer given)."""
        return rules.paid_by_others(report.meta.paid_by, self.body)

    def neighbours(self, report: Report) -> tuple[Report | None, Report | None]:
        """The trips just before and after it by start date."""
        index = self._chronological[report.id]
        ordered = self._by_start
        return (ordered[index - 1] if index else None, ordered[index + 1] if index + 1 < len(ordered) else None)

    def source_path(self, report: Report) -> str:
        """Where the report's file is in the repository's reports folder, e.g. 2015/2015-09-14-lyon.md."""
        return f"{report.meta.start_date.year}/{report.path.name}"

    def _history(self, report: Report) -> ReportHistory | None:
        return self.histories.get(self._real_path(report))

    # The key of the dates from git; resolved once per report (each resolve is a few system calls).
    def _real_path(self, report: Report) -> Path:
        if report.id not in self._paths:
            self._paths[report.id] = report.path.resolve()
        return self._paths[report.id]

    # ------------------------------------------------------------------------
    # Over all reports
    # ------------------------------------------------------------------------

    @cached_property
    def by_id(self) -> dict[str, Report]:
        return {r.id: r for r in self.reports}

    @cached_property
    def by_year(self) -> dict[int, list[Report]]:
        """The reports by the year their trip started, in the order they were loaded."""
        years: dict[int, list[Report]] = defaultdict(list)
        for report in self.reports:
            years[report.meta.start_date.year].append(report)
        return dict(years)

    @cached_property
    def former_ids(self) -> dict[str, str]:
        """Each id a report had on main while published (git renames) -> its id now.

        Only valid ids in their year folder that no report uses now, at most MAX_FORMER_IDS per report, so
        history cannot make public folders without bound.
        """
        in_use, found = {r.id for r in self.reports}, {}
        for report in self.reports:
            history = self._history(report)
            names = history.former_names if history else ()
            ids = [old for name in names if (old := former_id(name)) and old not in in_use and old not in found]
            found.update(dict.fromkeys(ids[:MAX_FORMER_IDS], report.id))
        return found

    @cached_property
    def all_actions(self) -> list[TrackedAction]:
        """Every follow-up action in the register."""
        return [action for report in self.reports for action in self.actions(report)]

    @cached_property
    def statuses(self) -> set[str]:
        """The statuses some trip has."""
        return {self.status(r).label for r in self.reports}

    def with_status(self, label: str, overdue: bool | None = None) -> list[Report]:
        """Reports with a status, optionally only the overdue ones."""
        found = [r for r in self.reports if self.status(r).label == label]
        return [r for r in found if self.status(r).overdue] if overdue else found

    def latest_published(self, count: int) -> list[Report]:
        """The most recent published trips."""
        published = self.with_status(PUBLISHED)
        return sorted(published, key=by_return, reverse=True)[:count]

    def members(self, grouping: Grouping) -> Members:
        """The reports of each group (slug -> reports) and the label its page shows (slug -> label)."""
        if grouping.path not in self._members:  # asked by the lists, the overviews and the charts
            self._members[grouping.path] = self._gather_members(grouping)
        return self._members[grouping.path]

    def _gather_members(self, grouping: Grouping) -> Members:
        members: dict[str, list[Report]] = defaultdict(list)
        labels: dict[str, str] = {}
        for report in self.reports:
            keys = grouping.keys(report)
            if not keys and grouping.missing:
                keys = {label_slug(grouping.missing): grouping.missing}
            for slug, label in keys.items():
                members[slug].append(report)
                labels[slug] = display_label(grouping, label)  # one label per slug (checks.check_labels)
        return members, labels

    @cached_property
    def _by_start(self) -> list[Report]:
        return sorted(self.reports, key=by_start)

    @cached_property
    def _chronological(self) -> dict[str, int]:
        return {r.id: index for index, r in enumerate(self._by_start)}
