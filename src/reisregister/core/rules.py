"""The register's rules, each stated once: where a trip stands (planned, report to come, published),
when a report or an action is overdue, whether a report came late, who "the body" is and whether
someone else paid, and the order trips are listed in.

Every page, feed, figure and data file asks these functions; none decides it again. A date is
past due from the day after its due date: on the due day itself a report or action is on time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from reisregister.core.model import OPEN, Action
from reisregister.core.report import Report, Section

PLANNED, PENDING, PUBLISHED = "gepland", "verslag volgt", "gepubliceerd"
STATUSES = (PLANNED, PENDING, PUBLISHED)
DEFAULT_DUE_DAYS = 30


@dataclass(frozen=True)
class Status:
    """Where a trip stands on the reference date; `due` and `overdue` only while its report is to come."""

    label: str
    overdue: bool = False
    due: date | None = None


def is_written(sections: Iterable[Section]) -> bool:
    """Whether a body holds any text beyond headings: what makes a report more than a registered trip."""
    return any(s.text.strip() for s in sections)


def report_due(report: Report, due_days: int = DEFAULT_DUE_DAYS) -> date:
    """The last day the report is on time: a set number of days after return."""
    return report.meta.end_date + timedelta(days=due_days)


def past_due(due: date, day: date) -> bool:
    """Whether a day is after a due date (the due date itself is still on time)."""
    return day > due


def trip_status(report: Report, reference: date, due_days: int = DEFAULT_DUE_DAYS) -> Status:
    """Planned before the trip starts, pending until its report is written, then published."""
    if report.meta.start_date > reference:
        return Status(PLANNED)
    if is_written(report.sections):
        return Status(PUBLISHED)
    due = report_due(report, due_days)
    return Status(PENDING, overdue=past_due(due, reference), due=due)


def published_late(report: Report, published: date, due_days: int = DEFAULT_DUE_DAYS) -> bool:
    """Whether a report was published after its due date."""
    return past_due(report_due(report, due_days), published)


def counted_late(status: Status, report: Report, published: date | None, due_days: int) -> bool | None:
    """Late (True) or on time (False) for the on-time share; None when it does not count yet.

    A published report with a known date counts by that date; a pending one past its due date counts
    as late; a planned trip, a report not yet due, or one whose date is not known is not counted.
    """
    if status.label == PUBLISHED and published:
        return published_late(report, published, due_days)
    return True if status.overdue else None


def action_overdue(action: Action, reference: date) -> bool:
    """An open action past its due date."""
    return action.status == OPEN and past_due(action.due, reference)


def body_names(setting: str | list[str] | None, reports: list[Report]) -> tuple[str, ...]:
    """Who "the body" is: `extra.reisregister.organisation` (one name or several), else the
    organisation most travellers in the register travel for."""
    if setting:
        return (setting,) if isinstance(setting, str) else tuple(setting)
    counts = Counter(t.organisation for r in reports for t in r.meta.travellers)
    return (min(counts, key=lambda name: (-counts[name], name)),) if counts else ()


def paid_by_others(paid_by: str | None, body: Iterable[str]) -> bool | None:
    """True when a payer is given and it is not the body (case aside); None when no payer is given."""
    if paid_by is None:
        return None
    return paid_by.casefold() not in {name.casefold() for name in body}


def by_start(report: Report) -> tuple[date, str]:
    """The sort key of trip lists: start date, then id (so equal dates keep one order in every build)."""
    return report.meta.start_date, report.id


def by_return(report: Report) -> tuple[date, str]:
    """The sort key by the day a trip ended, then id: latest reports, reports still to come."""
    return report.meta.end_date, report.id


def newest_first(reports: Iterable[Report]) -> list[Report]:
    """Trips as every table lists them: the latest start first."""
    return sorted(reports, key=by_start, reverse=True)
