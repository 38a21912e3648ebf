"""HTML of /vervolg/: the open follow-up actions of the whole register, overdue first, with totals
per status and per owner, and the latest actions completed or dropped."""

from __future__ import annotations

from markupsafe import Markup

from reisregister.core import addresses
from reisregister.core.addresses import relative
from reisregister.core.groups import BY_PATH
from reisregister.core.i18n.text import long_date, number, plural
from reisregister.core.model import OPEN
from reisregister.register.followup import (
    OVERDUE,
    STATUS_COLUMNS,
    TrackedAction,
    count_by_status,
    per_organisation,
    per_owner,
)
from reisregister.site.html import Cell, Column, fragments, render_table

FOLLOW_UP_TITLE = "Vervolgacties"
FOLLOW_UP_DESCRIPTION = "Wat na de reizen is toegezegd en wat ervan is gekomen: open, te late en afgeronde acties."
CLOSED_TITLE = "Afgeronde en vervallen vervolgacties"
STATUS_LABELS = {OPEN: "Open", OVERDUE: "Waarvan te laat", "afgerond": "Afgerond", "vervallen": "Vervallen"}

FOLD_ROWS = 15

ACTION_COLUMNS = (
    Column("Uiterste datum", sort="ascending"),
    Column("Actie"),
    Column("Uitvoerder"),
    Column("Reis"),
    Column("Status"),
)


def summary_html(page_url: str, actions: list[TrackedAction]) -> Markup:
    """The totals per status and per owner, the feed link and the latest closed actions (first page)."""
    counts = count_by_status(actions)
    in_words = {
        "actions": plural(len(actions), "vervolgactie", "vervolgacties"),
        "trips": plural(len({a.report.id for a in actions}), "verslag", "verslagen"),
        "open": number(counts[OPEN]),
        "overdue": number(counts[OVERDUE]),
        "completed": number(counts["afgerond"]),
        "dropped": number(counts["vervallen"]),
    }
    status_rows = [[Cell(STATUS_LABELS[s]), Cell(number(counts[s]), counts[s])] for s in STATUS_COLUMNS]
    by_status = render_table(
        "Vervolgacties per status (te laat: open en over de uiterste datum)",
        (Column("Status"), Column("Aantal", numeric=True)),
        status_rows,
        ["Totaal", number(len(actions))],
    )
    owner_rows = [
        [Cell(owner, owner.lower()), *(Cell(number(c[s]), c[s]) for s in STATUS_COLUMNS)]
        for owner, c in per_owner(actions)
    ]
    by_owner = render_table(
        "Vervolgacties per uitvoerder",
        (Column("Uitvoerder"), *(Column(STATUS_LABELS[s], numeric=True) for s in STATUS_COLUMNS)),
        owner_rows,
        ["Totaal", *(number(counts[s]) for s in STATUS_COLUMNS)],
        caption_shown=False,
    )
    folded = number(len(owner_rows)) if len(owner_rows) > FOLD_ROWS else None  # still complete without JavaScript
    return _fragments().summary(
        in_words,
        relative(page_url, addresses.feed(addresses.FOLLOW_UP)),
        {"href": relative(page_url, addresses.CLOSED_ACTIONS), "title": CLOSED_TITLE},
        by_status,
        organisation_table(page_url, actions),
        by_owner,
        folded,
    )


def _fragments():
    return fragments("followup.html")


def organisation_table(page_url: str, actions: list[TrackedAction]) -> Markup:
    """The status counts per organisation of the trips' travellers, each linked to its page."""
    organisations = BY_PATH["organisaties"]
    rows = [
        [
            Cell(name, name.lower(), relative(page_url, addresses.group(organisations.path, name))),
            *(Cell(number(c[s]), c[s]) for s in STATUS_COLUMNS),
        ]
        for name, c in per_organisation(actions)
    ]
    columns = (Column("Organisatie"), *(Column(STATUS_LABELS[s], numeric=True) for s in STATUS_COLUMNS))
    return _fragments().organisations(
        render_table("Vervolgacties per organisatie", columns, rows, None, caption_shown=False)
    )


def open_table(page_url: str, caption: str, actions: list[TrackedAction]) -> Markup:
    """A table of open actions in the order given."""
    if not actions:
        return _fragments().no_open_actions()
    return render_table(caption, ACTION_COLUMNS, [_row(page_url, a) for a in actions], None)


def closed_table(page_url: str, caption: str, actions: list[TrackedAction]) -> Markup:
    """A table of completed or dropped actions, with when they last changed and their results."""
    columns = (Column("Bijgewerkt", sort="descending"), *ACTION_COLUMNS[1:], Column("Resultaat"))
    rows = []
    for tracked in actions:
        when = tracked.last_change
        row = _row(page_url, tracked)
        rows.append([Cell(long_date(when), when.isoformat()), *row[1:], Cell(tracked.action.result or "–")])
    return render_table(caption, columns, rows, None)


def _row(page_url: str, tracked: TrackedAction) -> list[Cell]:
    a, report = tracked.action, tracked.report
    return [
        Cell(long_date(a.due), a.due.isoformat()),
        Cell(a.action),
        Cell(a.owner, a.owner.lower()),
        Cell(report.meta.title, href=relative(page_url, addresses.trip(report.id) + "#vervolgacties")),
        Cell(a.status, badge=OVERDUE if tracked.overdue else None),
    ]
