"""From promise to result: the follow-up actions of every report, and whether reports came on time.

Plain data for the trip pages, /vervolg/, the insights and the feeds; nothing here knows about
MkDocs or HTML. An action's history comes from git (`git_history.report_histories`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from reisregister.core.model import ACTION_STATUSES, OPEN, Action
from reisregister.core.report import Report
from reisregister.core.rules import action_overdue, published_late
from reisregister.intake.git_history import Change

OVERDUE = "te laat"


@dataclass(frozen=True)
class TrackedAction:
    """A follow-up action with its trip, whether it is overdue, and what changed when."""

    report: Report
    index: int  # its place in the report's `actions`
    action: Action
    overdue: bool
    changes: tuple[Change, ...] = ()

    @property
    def last_change(self) -> date:
        """When it last changed: from git, else its `updated` date, else when the trip ended."""
        dates = [change.date for change in self.changes]
        dates += [self.action.updated] if self.action.updated else []
        return max(dates, default=self.report.meta.end_date)

    @property
    def label(self) -> str:
        """open, te laat, afgerond or vervallen."""
        return OVERDUE if self.overdue else self.action.status


def tracked_actions(report: Report, reference: date, changes: list[list[Change]] | None = None) -> list[TrackedAction]:
    """The actions of a report; `changes` per action, as `git_history.report_histories` gives them."""
    changes = changes or []
    return [
        TrackedAction(
            report,
            index,
            action,
            overdue=action_overdue(action, reference),
            changes=tuple(changes[index]) if index < len(changes) else (),
        )
        for index, action in enumerate(report.meta.actions)
    ]


def open_first(actions: Iterable[TrackedAction]) -> list[TrackedAction]:
    """Open actions by due date (so the overdue ones first), each trip's in its own order."""
    found = [a for a in actions if a.action.status == OPEN]
    return sorted(found, key=lambda a: (a.action.due, a.report.id, a.index))


def latest_closed(actions: Iterable[TrackedAction], count: int) -> list[TrackedAction]:
    """The most recently completed or dropped actions."""
    found = [a for a in actions if a.action.status != OPEN]
    return sorted(found, key=lambda a: (a.last_change, a.report.id, a.index), reverse=True)[:count]


STATUS_COLUMNS = (OPEN, OVERDUE, *ACTION_STATUSES[1:])  # open (of which overdue), afgerond, vervallen


def count_by_status(actions: Iterable[TrackedAction]) -> Counter[str]:
    """How many actions have each status; `te laat` counts the open ones past their due date."""
    counts: Counter[str] = Counter({status: 0 for status in STATUS_COLUMNS})
    for tracked in actions:
        counts[tracked.action.status] += 1
        counts[OVERDUE] += tracked.overdue
    return counts


def per_owner(actions: Iterable[TrackedAction]) -> list[tuple[str, Counter[str]]]:
    """The status counts of each owner, most overdue actions first."""
    return _counted_per(actions, lambda tracked: {tracked.action.owner})


def per_organisation(actions: Iterable[TrackedAction]) -> list[tuple[str, Counter[str]]]:
    """The status counts per organisation the trip's travellers travelled for (an action counts for
    each of them), most overdue actions first."""
    return _counted_per(actions, lambda tracked: {t.organisation for t in tracked.report.meta.travellers})


def _counted_per(
    actions: Iterable[TrackedAction], keys: Callable[[TrackedAction], set[str]]
) -> list[tuple[str, Counter[str]]]:
    found: dict[str, list[TrackedAction]] = defaultdict(list)
    for tracked in actions:
        for key in keys(tracked):
            found[key].append(tracked)
    counted = [(key, count_by_status(items)) for key, items in found.items()]
    return sorted(counted, key=lambda item: (-item[1][OVERDUE], -item[1][OPEN], item[0].lower(), item[0]))


@dataclass(frozen=True)
class Timeliness:
    """When a report was published, relative to the trip's return and the due date."""

    published: date
    days_after_return: int
    late: bool


def timeliness(report: Report, published: date | None, due_days: int) -> Timeliness | None:
    """How long after the return the report came, if its publication date is known."""
    if published is None:
        return None
    return Timeliness(published, (published - report.meta.end_date).days, published_late(report, published, due_days))
