"""HTML of /vervolg/: the open follow-up actions of the whole register, overdue first, with totals
per status and per owner, and the latest actions completed or dropped."""

from __future__ import annotations

from reisregister.register.followup import (
    OVERDUE,
    STATUS_COLUMNS,
    TrackedAction,
    count_by_status,
    per_organisation,
    per_owner,
)
from reisregister.core.groups import BY_PATH
from reisregister.core.model import OPEN
from reisregister.core import addresses
from reisregister.core.addresses import relative
from reisregister.site.html import Cell, Column, render_table
from reisregister.core.i18n.text import long_date, number, plural

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


def summary_html(page_url: str, actions: list[TrackedAction]) -> str:
    """The totals per status and per owner, the feed link and the latest closed actions (first page)."""
    counts = count_by_status(actions)
    trips = len({a.report.id for a in actions})
    intro = (
        f"<p>Een verslag legt vast wat er na de reis gebeurt. Hier staan alle {plural(len(actions), 'vervolgactie', 'vervolgacties')}"
        f" uit {plural(trips, 'verslag', 'verslagen')}: {number(counts[OPEN])} open, waarvan {number(counts[OVERDUE])} te laat"
        f" (de uiterste datum is verstreken), {number(counts['afgerond'])} afgerond en {number(counts['vervallen'])} vervallen."
        " Een actie wordt bijgewerkt in het verslag zelf; de geschiedenis staat op de pagina van de reis.</p>\n"
        f'<p class="rr-follow"><a href="{relative(page_url, addresses.feed(addresses.FOLLOW_UP))}">'
        "Volg nieuwe en gewijzigde vervolgacties via RSS/Atom</a> · "
        f'<a href="{relative(page_url, addresses.CLOSED_ACTIONS)}">{CLOSED_TITLE}</a></p>\n'
    )
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
    if len(owner_rows) > FOLD_ROWS:  # long: folded, still complete without JavaScript
        by_owner = f"<details><summary>Alle {number(len(owner_rows))} uitvoerders</summary>{by_owner}</details>\n"
    return (
        intro
        + by_status
        + "<h2>Per organisatie</h2>\n"
        + organisation_table(page_url, actions)
        + "<h2>Per uitvoerder</h2>\n"
        + by_owner
        + "<h2>Open vervolgacties, de te late eerst</h2>\n"
    )


def organisation_table(page_url: str, actions: list[TrackedAction]) -> str:
    """The status counts per organisation of the trips' travellers, each linked to its page."""
    organisations = BY_PATH["organisaties"]
    rows = [
        [
            Cell(name, name.lower(), relative(page_url, addresses.group(organisations.path, name))),
            *(Cell(number(c[s]), c[s]) for s in STATUS_COLUMNS),
        ]
        for name, c in per_organisation(actions)
    ]
    note = (
        '<p class="rr-legend">Per organisatie waarvoor de reizigers reisden; een actie van een reis met reizigers '
        "van meer organisaties telt bij elk. De open acties staan ook op de pagina van elke organisatie.</p>\n"
    )
    columns = (Column("Organisatie"), *(Column(STATUS_LABELS[s], numeric=True) for s in STATUS_COLUMNS))
    return render_table("Vervolgacties per organisatie", columns, rows, None, caption_shown=False) + note


def open_table(page_url: str, caption: str, actions: list[TrackedAction]) -> str:
    """A table of open actions in the order given."""
    if not actions:
        return "<p>Er zijn geen open vervolgacties.</p>\n"
    return render_table(caption, ACTION_COLUMNS, [_row(page_url, a) for a in actions], None)


def closed_table(page_url: str, caption: str, actions: list[TrackedAction]) -> str:
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
