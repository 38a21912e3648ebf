"""Each rule of the register at its boundaries: the due day itself, the day after, a trip not yet
ended, a withheld publication date (core/rules.py, the one place they are decided)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from conftest import CASES

from reisregister.core.model import Action
from reisregister.core.rules import (
    PENDING,
    PLANNED,
    PUBLISHED,
    Status,
    action_overdue,
    by_return,
    by_start,
    counted_late,
    is_written,
    newest_first,
    published_late,
    report_due,
    trip_status,
)
from reisregister.intake.checks import check_file

DUE_DAYS = 30
END = date(2015, 9, 15)  # the example report runs 2015-09-14 to 2015-09-15
DUE = END + timedelta(days=DUE_DAYS)


@pytest.fixture(scope="module")
def written():
    report, problems = check_file(CASES / "valid" / "2015-09-14-full.md")
    assert not problems and report.meta.end_date == END
    return report


@pytest.fixture(scope="module")
def unwritten(written):
    return replace(written, sections=())


def _moved(report, **dates):
    return replace(report, meta=report.meta.model_copy(update=dates))


def _action(status: str, due: date) -> Action:
    closed = {} if status == "open" else {"updated": due, "result": "Gedaan." if status == "afgerond" else None}
    return Action.model_validate(
        {"action": "Roadmap opstellen.", "owner": "TNO", "due": due, "status": status, **closed}
    )


# ----------------------------------------------------------------------------
# Status: planned, report to come, published
# ----------------------------------------------------------------------------


def test_a_trip_is_planned_until_the_day_it_starts(written):
    assert trip_status(written, date(2015, 9, 13)) == Status(PLANNED)
    assert trip_status(written, date(2015, 9, 14)).label == PUBLISHED  # started today: no longer planned


def test_a_trip_under_way_is_pending_with_its_due_date_and_not_overdue(unwritten):
    status = trip_status(unwritten, date(2015, 9, 14), DUE_DAYS)  # not yet ended
    assert status == Status(PENDING, overdue=False, due=DUE)


def test_a_report_is_overdue_from_the_day_after_its_due_date(unwritten):
    assert report_due(unwritten, DUE_DAYS) == DUE
    assert trip_status(unwritten, DUE, DUE_DAYS) == Status(PENDING, overdue=False, due=DUE)
    assert trip_status(unwritten, DUE + timedelta(days=1), DUE_DAYS) == Status(PENDING, overdue=True, due=DUE)


def test_the_due_period_follows_the_setting(unwritten):
    assert trip_status(unwritten, END + timedelta(days=11), 10).overdue
    assert not trip_status(unwritten, END + timedelta(days=11), 11).overdue


def test_a_written_report_is_published_and_never_overdue(written):
    status = trip_status(written, DUE + timedelta(days=400), DUE_DAYS)
    assert status == Status(PUBLISHED) and status.due is None and not status.overdue


def test_headings_without_text_are_not_a_written_report(written):
    empty = tuple(replace(section, text=" \n") for section in written.sections)
    assert is_written(written.sections) and not is_written(empty) and not is_written(())
    assert trip_status(replace(written, sections=empty), DUE).label == PENDING


# ----------------------------------------------------------------------------
# Late or on time
# ----------------------------------------------------------------------------


def test_a_report_published_on_its_due_day_is_on_time_and_a_day_later_late(written):
    assert not published_late(written, DUE, DUE_DAYS)
    assert published_late(written, DUE + timedelta(days=1), DUE_DAYS)
    assert not published_late(written, END, DUE_DAYS)  # the day of return


def test_the_on_time_share_counts_published_reports_by_their_date(written):
    published = trip_status(written, date(2026, 1, 1), DUE_DAYS)
    assert counted_late(published, written, DUE, DUE_DAYS) is False
    assert counted_late(published, written, DUE + timedelta(days=1), DUE_DAYS) is True


def test_a_withheld_publication_date_is_not_counted(written):
    published = trip_status(written, date(2026, 1, 1), DUE_DAYS)
    assert counted_late(published, written, None, DUE_DAYS) is None


def test_a_missing_report_counts_as_late_only_once_overdue(unwritten):
    on_due_day = trip_status(unwritten, DUE, DUE_DAYS)
    day_after = trip_status(unwritten, DUE + timedelta(days=1), DUE_DAYS)
    planned = trip_status(unwritten, date(2015, 1, 1), DUE_DAYS)
    assert counted_late(on_due_day, unwritten, None, DUE_DAYS) is None  # still within its term
    assert counted_late(day_after, unwritten, None, DUE_DAYS) is True
    assert counted_late(planned, unwritten, None, DUE_DAYS) is None


# ----------------------------------------------------------------------------
# Follow-up actions
# ----------------------------------------------------------------------------


def test_an_open_action_is_overdue_from_the_day_after_its_due_date():
    due = date(2016, 3, 1)
    assert not action_overdue(_action("open", due), due)
    assert action_overdue(_action("open", due), due + timedelta(days=1))
    assert not action_overdue(_action("open", due), due - timedelta(days=1))


@pytest.mark.parametrize("status", ["afgerond", "vervallen"])
def test_a_closed_action_is_never_overdue(status):
    assert not action_overdue(_action(status, date(2016, 3, 1)), date(2030, 1, 1))


# ----------------------------------------------------------------------------
# Order
# ----------------------------------------------------------------------------


def test_trips_are_listed_newest_first_and_equal_dates_by_id(written):
    same_day = replace(written, id="2015-09-14-aix")
    later = replace(_moved(written, start_date=date(2016, 1, 4), end_date=date(2016, 1, 5)), id="2016-01-04-x")
    assert [r.id for r in newest_first([written, later, same_day])] == [later.id, written.id, same_day.id]
    assert sorted([written, same_day], key=by_start) == [same_day, written]
    assert by_return(later) == (date(2016, 1, 5), later.id)
