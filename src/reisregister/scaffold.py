"""`reisregister new`: a new report file in the right place, from flags or from questions.

Every answer is checked with the field types of `model.py` as it is given, so a wrong date typed
at a prompt is refused on the spot and asked again; with `--no-input` nothing is asked and every
problem is listed at once. The file gets front matter only, which is valid straight away (the trip
shows as `gepland` or `verslag volgt`), with a comment listing the five headings still to write:
placeholder text under real headings would pass the validator and be published as the report.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import model, places
from .checks import check_file, error_message
from .problems import display_path, format_problems
from .report import PENDING, PLANNED, SECTIONS
from .text import country_name
from .write import place_slug, render_report, report_path

OK, PROBLEMS, USAGE = 0, 1, 2

Check = Callable[[str], tuple[Any, str | None]]

_COST_PARTS = {
    "transport": "Vervoer (trein, vliegtuig, taxi)",
    "accommodation": "Overnachtingen",
    "subsistence": "Verblijfkosten (maaltijden, dagvergoeding)",
    "other": "Overige kosten",
}
_YES, _NO = {"j", "ja", "y", "yes"}, {"n", "nee", "no"}
_AMOUNT = re.compile(r"\d+(?:[.,]\d{1,2})?")

# Written at the end of the front matter: the report still to write, and where it goes.
TEMPLATE_COMMENT = (
    "# Het verslag komt onder de regel --- hieronder: de vijf kopjes, elk met tekst.\n"
    "# Zolang daar niets staat, toont de site de reis als 'gepland' of 'verslag volgt'.\n"
    "# Kopieer de kopjes naar onder de regel --- en haal '# ' ervoor weg:\n"
    "#\n" + "".join(f"# ## {heading}\n" for heading in SECTIONS.values())
)


# ----------------------------------------------------------------------------
# Command
# ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the flags of `reisregister new`."""
    who = parser.add_argument_group("reiziger")
    who.add_argument("--role", help="functie, bijv. wethouder")
    who.add_argument("--organisation", help="organisatie, bijv. 'Gemeente Den Haag'")
    name = who.add_mutually_exclusive_group()
    name.add_argument("--name", help="naam (alleen bestuurders en publiek zichtbare functionarissen)")
    name.add_argument("--withheld", action="store_true", help="naam niet openbaar (name: null)")
    trip = parser.add_argument_group("reis")
    trip.add_argument("--start", help="eerste dag, JJJJ-MM-DD")
    trip.add_argument("--end", help="laatste dag, JJJJ-MM-DD (standaard: de eerste dag)")
    trip.add_argument("--city", action="append", default=[], help="plaats; herhaal voor meer plaatsen")
    trip.add_argument(
        "--country", action="append", default=[], help="landcode, één voor alle plaatsen of één per --city"
    )
    trip.add_argument("--title", help="titel (standaard: 'Verslag dienstreis naar <plaats>')")
    trip.add_argument("--summary", help="samenvatting in één regel")
    trip.add_argument("--tag", action="append", default=[], help="trefwoord; herhaal voor meer")
    trip.add_argument(
        "--transport",
        action="append",
        default=[],
        help="vliegtuig, trein, auto, bus, boot of anders; herhaal voor meer",
    )
    trip.add_argument("--expected", help="wat de reis moet opleveren (vooraf vastgelegd)")
    follow = parser.add_argument_group("vervolgacties (optioneel; herhaal de drie opties per actie)")
    follow.add_argument("--action", action="append", default=[], help="wat er gedaan wordt")
    follow.add_argument("--action-owner", action="append", default=[], help="wie: organisatie of functie")
    follow.add_argument("--action-due", action="append", default=[], help="uiterste datum, JJJJ-MM-DD")
    costs = parser.add_argument_group("kosten (bedragen als 412.50)")
    costs.add_argument("--cost-total", metavar="BEDRAG", help="totaal (standaard: de som van de onderdelen)")
    for part, label in _COST_PARTS.items():
        costs.add_argument(f"--cost-{part}", metavar="BEDRAG", help=label.lower())
    costs.add_argument("--currency", help="valuta, ISO 4217 (standaard EUR)")
    costs.add_argument("--cost-status", help="final (definitief, standaard) of provisional (voorlopig)")
    costs.add_argument("--paid-by", help="wie de reis betaalde")
    parser.add_argument("--out", type=Path, help="map met verslagen (standaard: $REPORTS_DIR of reports/)")
    parser.add_argument(
        "--yes", "--no-input", dest="no_input", action="store_true", help="nooit vragen: alleen de opties"
    )
    parser.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    """Ask for what the flags leave open, then write the report file; the exit code."""
    from .cli import reports_dir

    if len(args.country) not in (0, 1, len(args.city)):
        print("reisregister new: error: give --country once for all places, or once per --city", file=sys.stderr)
        return USAGE
    if not len(args.action) == len(args.action_owner) == len(args.action_due):
        print(
            "reisregister new: error: give --action, --action-owner and --action-due once per action", file=sys.stderr
        )
        return USAGE
    questions = Questions(interactive=not args.no_input)
    try:
        front = collect_front_matter(args, questions)
    except EOFError:
        print("\ninvoer beëindigd voordat alle vragen beantwoord waren; niets geschreven", file=sys.stderr)
        return PROBLEMS
    if questions.problems:
        print("\n".join(f"reisregister new: {p}" for p in questions.problems), file=sys.stderr)
        print(f"{len(questions.problems)} problem(s); nothing written", file=sys.stderr)
        return PROBLEMS
    return finish(front, args.out or reports_dir())


def finish(front: dict[str, Any], root: Path) -> int:
    """Write the file, check it as the validator will, and say what to do next."""
    try:
        path = write_new_report(front, root)
    except OSError as error:
        print(f"reisregister new: cannot write into {display_path(root)}: {error.strerror}", file=sys.stderr)
        return PROBLEMS
    _, problems = check_file(path, in_tree=True)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return PROBLEMS
    status = PLANNED if front["start_date"] > date.today() else PENDING
    where = display_path(path)
    print(f"\nGeschreven: {where}")
    print(f"De reis staat nu als '{status}' in het register; er is nog geen verslag.")
    print("Schrijf het verslag onder de front matter, met de vijf kopjes uit het commentaar in het bestand.")
    print(f"Controleer het daarna met: reisregister validate {where}")
    return OK


# ----------------------------------------------------------------------------
# Questions
# ----------------------------------------------------------------------------


@dataclass
class Questions:
    """Where answers come from: a flag first; without a (valid) flag, the prompt unless --no-input."""

    interactive: bool
    problems: list[str] = field(default_factory=list)

    def answer(
        self, flag: str, given: str | None, prompt: str, check: Check, default: str | None = None, optional=False
    ) -> Any:
        """A checked value, or None for an optional question left empty (or a problem noted)."""
        if given is not None:
            value, problem = check(given)
            if problem is None:
                return value
            self.refuse(flag, given, problem)
        elif not self.interactive:
            return self._unasked(flag, check, default, optional)
        return self.prompt(prompt, check, default, optional) if self.interactive else None

    def prompt(self, prompt: str, check: Check, default: str | None = None, optional=False) -> Any:
        """Ask until the answer passes its check; Enter takes the default shown in brackets."""
        while True:
            text = input(f"{prompt}{f' [{default}]' if default else ''}: ").strip() or default or ""
            if not text and optional:
                return None
            value, problem = check(text) if text else (None, "verplicht; typ een antwoord")
            if problem is None:
                return value
            say(f"  {problem}")

    def confirm(self, prompt: str, default: bool = False) -> bool:
        """A yes/no question; without prompts, the default."""
        if not self.interactive:
            return default
        choice = self.prompt(f"{prompt} [{'J/n' if default else 'j/N'}]", _yes_no, optional=True)
        return default if choice is None else choice

    def refuse(self, flag: str, given: str, problem: str) -> None:
        """An invalid flag: noted without prompts, else said before asking."""
        if self.interactive:
            say(f"{flag} {given!r}: {problem}")
        else:
            self.problems.append(f"{flag}: {problem}")

    def _unasked(self, flag: str, check: Check, default: str | None, optional: bool) -> Any:
        if default is not None:
            value, problem = check(default)
            if problem:
                self.problems.append(f"{flag}: {problem}")
            return value
        if not optional:
            self.problems.append(f"{flag}: missing; it is required with --no-input")
        return None


def say(text: str) -> None:
    """A message to the person answering, beside the prompts."""
    print(text, file=sys.stderr)


def _yes_no(text: str) -> tuple[bool | None, str | None]:
    answer = text.strip().lower()
    if answer in _YES | _NO:
        return answer in _YES, None
    return None, "antwoord j (ja) of n (nee)"


# ----------------------------------------------------------------------------
# The front matter, question by question
# ----------------------------------------------------------------------------


def collect_front_matter(args: argparse.Namespace, q: Questions) -> dict[str, Any]:
    """Every field of a new report, from flags and answers, in the order of DESIGN §2."""
    travellers = ask_travellers(args, q)
    start, end = ask_dates(args, q)
    destinations = ask_destinations(args, q)
    title = ask_title(args, q, default_title(destinations))
    summary = q.answer("--summary", args.summary, "Samenvatting in één regel", check_with(model.FrontMatter, "summary"))
    costs = ask_costs(args, q)
    payer = travellers[0]["organisation"] if q.interactive else None
    paid_by = q.answer("--paid-by", args.paid_by, "Betaald door", check_with(model.FrontMatter, "paid_by"), payer, True)
    front = {"title": title, "start_date": start, "end_date": end, "destinations": destinations}
    front |= {"travellers": travellers, "summary": summary, "costs": costs, "paid_by": paid_by}
    front["tags"] = ask_tags(args, q)
    front["transport"] = ask_transport(args, q)
    front["expected_results"] = (
        q.answer(
            "--expected",
            args.expected,
            "Wat moet de reis opleveren? (Enter = overslaan)",
            check_with(model.FrontMatter, "expected_results"),
            optional=True,
        )
        if args.expected is not None or q.interactive
        else None
    )
    front["actions"] = ask_actions(args, q, travellers[0]["organisation"])
    return {key: value for key, value in front.items() if value not in (None, [])}


def ask_title(args: argparse.Namespace, q: Questions, default: str | None) -> str | None:
    """The title; by default 'Verslag dienstreis naar <plaatsen>'."""
    if default is None and args.title is None and not q.interactive:
        return None  # no place either: the problem with --city says it all
    return q.answer("--title", args.title, "Titel", check_with(model.FrontMatter, "title"), default)


def ask_travellers(args: argparse.Namespace, q: Questions) -> list[dict[str, Any]]:
    """The first traveller from the flags or prompts; more only when asked interactively."""
    travellers = [ask_traveller(q, args.role, args.organisation, args.name, args.withheld)]
    while q.confirm("Nog een reiziger toevoegen?"):
        travellers.append(ask_traveller(q))
    return travellers


def ask_traveller(q: Questions, role=None, organisation=None, name=None, withheld=False) -> dict[str, Any]:
    """Role, organisation and name (None: withheld) of one traveller."""
    role = q.answer("--role", role, "Functie van de reiziger", check_with(model.Traveller, "role"))
    organisation = q.answer("--organisation", organisation, "Organisatie", check_with(model.Traveller, "organisation"))
    check_name = check_with(model.Traveller, "name")
    if withheld:
        name = None
    elif name is not None or q.interactive:
        prompt = "Naam (alleen bestuurders en publiek zichtbare functionarissen; Enter = naam niet openbaar)"
        name = q.answer("--name", name, prompt, check_name, optional=True)
    else:
        q.problems.append("--name or --withheld: missing; say whether the name is published")
    return {"name": name, "role": role, "organisation": organisation}


def ask_dates(args: argparse.Namespace, q: Questions) -> tuple[date | None, date | None]:
    """First and last day; the last is checked against the first."""
    start = q.answer(
        "--start", args.start, "Eerste dag van de reis (JJJJ-MM-DD)", check_with(model.FrontMatter, "start_date")
    )
    if start is None and args.end is None:
        return None, None  # the problem with --start says it all
    check_end = check_with(model.FrontMatter, "end_date", {"start_date": start})
    default = start.isoformat() if start else None
    end = q.answer("--end", args.end, "Laatste dag van de reis (JJJJ-MM-DD)", check_end, default)
    return start, end


def ask_destinations(args: argparse.Namespace, q: Questions) -> list[dict[str, Any]]:
    """Places from --city (countries from --country or looked up), else asked one by one."""
    if args.city:
        countries = args.country * len(args.city) if len(args.country) == 1 else args.country or [None] * len(args.city)
        pairs = zip(args.city, countries, strict=True)
        return [{"city": (city := ask_city(q, given)), "country": ask_country(q, city, land)} for given, land in pairs]
    if not q.interactive:
        q.problems.append("--city: missing; it is required with --no-input")
        return []
    destinations = []
    while city := ask_city(q, None, first=not destinations):
        destinations.append({"city": city, "country": ask_country(q, city, None, typed=True)})
    return destinations


def ask_city(q: Questions, given: str | None, first: bool = True) -> str | None:
    """One place name; after the first, Enter ends the list."""
    prompt = "Plaats van bestemming" if first else "Nog een plaats (Enter = klaar)"
    return q.answer("--city", given, prompt, check_with(model.Destination, "city"), optional=not first)


def ask_country(q: Questions, city: str | None, given: str | None, typed: bool = False) -> str | None:
    """The country of a place: the flag, else looked up; asked when typed or not found."""
    if city is None:
        return None  # an invalid --city, already noted
    check = check_with(model.Destination, "country", convert=lambda text: places.country_code(text) or text.strip())
    found = places.find_country(city) if city and given is None else None
    if found and not typed:
        say(f"  {city}: {country_name(found)} ({found})")
        return found
    prompt = f"Land van {city} (landcode of naam, bijv. FR of Frankrijk)"
    if given is None and not found and not q.interactive:
        q.problems.append(f"--city {city!r}: country not found; give it with --country (e.g. FR)")
        return None
    return q.answer("--country", given, prompt, check, default=found)


def ask_costs(args: argparse.Namespace, q: Questions) -> dict[str, Any] | None:
    """Cost parts, then the total (default: their sum), currency and status; None when unknown."""
    flags = [args.cost_total, args.currency, args.cost_status, *(getattr(args, f"cost_{p}") for p in _COST_PARTS)]
    if not q.interactive and all(flag is None for flag in flags):
        return None
    if q.interactive:
        say("Kosten: bedragen als 412,50 of 412.50; Enter = onbekend of niet van toepassing.")
    costs: dict[str, Any] = {}
    for part, label in _COST_PARTS.items():
        costs[part] = q.answer(
            f"--cost-{part}", getattr(args, f"cost_{part}"), label, amount_check(part), optional=True
        )
    parts = {part: amount for part, amount in costs.items() if amount is not None}
    default = f"{sum(parts.values()):.2f}" if parts else None
    total = q.answer("--cost-total", args.cost_total, "Totaal", amount_check("total", parts), default, optional=True)
    if total is None:
        return None
    currency = q.answer("--currency", args.currency, "Valuta", check_with(model.Costs, "currency"), "EUR")
    status = ask_cost_status(args, q)
    return {**parts, "total": total, "currency": currency, "status": status}


def ask_cost_status(args: argparse.Namespace, q: Questions) -> str | None:
    """final or provisional; asked as a yes/no question."""
    if args.cost_status is not None or not q.interactive:
        return q.answer(
            "--cost-status",
            args.cost_status,
            "Kosten (final of provisional)",
            check_with(model.Costs, "status"),
            "final",
        )
    return "final" if q.confirm("Zijn de kosten definitief?", default=True) else "provisional"


def ask_tags(args: argparse.Namespace, q: Questions) -> list[str]:
    """Keywords from --tag, or one line separated by commas."""
    check = check_with(
        model.FrontMatter, "tags", convert=lambda text: [t.strip() for t in text.split(",") if t.strip()]
    )
    if args.tag:
        return q.answer("--tag", ",".join(args.tag), "Trefwoorden, gescheiden door komma's", check) or []
    if not q.interactive:
        return []
    return q.prompt("Trefwoorden, gescheiden door komma's (Enter = geen)", check, optional=True) or []


def ask_transport(args: argparse.Namespace, q: Questions) -> list[str]:
    """Means of transport from --transport, or one line separated by commas (for the CO₂ estimate)."""
    check = check_with(
        model.FrontMatter, "transport", convert=lambda text: [t.strip().lower() for t in text.split(",") if t.strip()]
    )
    prompt = f"Vervoer ({', '.join(model.TRANSPORT_MODES)}; meerdere gescheiden door komma's)"
    if args.transport:
        return q.answer("--transport", ",".join(args.transport), prompt, check) or []
    if not q.interactive:
        return []
    return q.prompt(f"{prompt} (Enter = niet opgegeven)", check, optional=True) or []


def ask_actions(args: argparse.Namespace, q: Questions, organisation: str | None) -> list[dict[str, Any]]:
    """Follow-up actions from the flags, else asked one by one; each starts as `open`."""
    given = zip(args.action, args.action_owner, args.action_due, strict=True)
    actions = [ask_action(q, text, owner, due) for text, owner, due in given]
    while not args.action and q.confirm("Een vervolgactie toevoegen?"):
        actions.append(ask_action(q, owner=None, default_owner=organisation))
    return actions


def ask_action(q: Questions, text=None, owner=None, due=None, default_owner=None) -> dict[str, Any]:
    """What, who and by when."""
    return {
        "action": q.answer("--action", text, "Wat wordt er gedaan", check_with(model.Action, "action")),
        "owner": q.answer("--action-owner", owner, "Door wie", check_with(model.Action, "owner"), default_owner),
        "due": q.answer("--action-due", due, "Uiterste datum (JJJJ-MM-DD)", check_with(model.Action, "due")),
    }


def default_title(destinations: list[dict[str, Any]]) -> str | None:
    """'Verslag dienstreis naar Marseille en Aix-en-Provence'."""
    cities = [d["city"] for d in destinations if d.get("city")]
    if not cities:
        return None
    names = cities[0] if len(cities) == 1 else f"{', '.join(cities[:-1])} en {cities[-1]}"
    return f"Verslag dienstreis naar {names}"


# ----------------------------------------------------------------------------
# Checks with the schema's own types
# ----------------------------------------------------------------------------


def check_with(cls: type[BaseModel], name: str, known: dict | None = None, convert=str.strip) -> Check:
    """A check for one answer: convert the text, then `check_field`."""
    return lambda text: check_field(cls, name, convert(text), known)


def amount_check(part: str, parts: dict[str, float] | None = None) -> Check:
    """A check for an amount typed as text; the total is also checked against the parts."""
    return check_with(model.Costs, part, parts, convert=_amount)


def check_field(cls: type[BaseModel], name: str, value: Any, known: dict | None = None) -> tuple[Any, str | None]:
    """Validate one value with the field's own type, then with the fields known so far."""
    try:
        checked = _adapter(cls, name).validate_python(value)
    except ValidationError as error:
        return None, error_message(error.errors()[0])
    try:
        cls.model_validate({**(known or {}), name: checked})
    except ValidationError as error:
        for problem in error.errors():
            if problem["loc"][:1] == (name,) and problem["type"] != "missing":
                return None, error_message(problem)
    return checked, None


# A validator for one field of a model, with every constraint the model puts on it.
@functools.cache
def _adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    return TypeAdapter(cls.model_fields[name].rebuild_annotation())


# "412,50" and "412.50" are numbers; anything else stays text, which the model refuses with a hint.
def _amount(text: str) -> Any:
    answer = text.strip()
    return float(answer.replace(",", ".")) if _AMOUNT.fullmatch(answer) else answer


# ----------------------------------------------------------------------------
# The file
# ----------------------------------------------------------------------------


def write_new_report(front: dict[str, Any], root: Path) -> Path:
    """Write the report under a free id (`-2`, `-3`, … when taken); never overwrites."""
    text = render_report(front).removesuffix("---\n") + TEMPLATE_COMMENT + "---\n"
    slug = place_slug(front["destinations"][0]["city"])
    for number in itertools.count(1):
        path = report_path(root, front["start_date"], slug if number == 1 else f"{slug}-{number}")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as file:
                file.write(text)
            return path
        except FileExistsError:
            continue
    raise AssertionError("unreachable")
