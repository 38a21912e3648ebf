"""`reisregister new`: a new report file in the right place, from flags or from questions.

Answers are taken as Dutch staff type them (`14-9-2015`, `€ 1.234,50`, `VS`, `pond`), converted
to what the file holds, and checked with the field types of `model.py` as they are given, so a wrong
date typed at a prompt is refused on the spot and asked again; with `--no-input` (`--yes`) nothing
is asked and every problem is listed at once. Before writing, a summary is shown to confirm.
The file gets the front matter and the five headings with nothing under them, which is valid
straight away (the trip shows as `gepland` or `verslag volgt`): placeholder text under the headings
would pass the validator and be published as the report.
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

from reisregister.core import model, places
from reisregister.core.i18n.messages import count, message
from reisregister.core.i18n.text import WITHHELD, country_name, date_range, long_date, money
from reisregister.core.money import currency_code, parse_amount
from reisregister.core.rules import trip_status
from reisregister.core.train_rule import TrainRule, within_rule
from reisregister.intake.checks import check_raw, error_message, place_message
from reisregister.intake.load import parse_report
from reisregister.intake.problems import Problem, display_path, format_problems
from reisregister.intake.report_files import place_slug, render_report, report_path

OK, PROBLEMS, USAGE = 0, 1, 2

Check = Callable[[str], tuple[Any, str | None]]

_COST_PARTS = {
    "transport": message("new.part.transport"),
    "accommodation": message("new.part.accommodation"),
    "subsistence": message("new.part.subsistence"),
    "other": message("new.part.other"),
}
_YES, _NO = {"j", "ja", "y", "yes"}, {"n", "nee", "no"}
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")  # 14-9-2015, 14/09/2015, 14.9.2015
_LOOSE_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # 2015-9-14


# ----------------------------------------------------------------------------
# Command
# ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the flags of `reisregister new`."""
    who = parser.add_argument_group(message("new.group.traveller"))
    who.add_argument("--role", help=message("new.help.role"))
    who.add_argument("--organisation", help=message("new.help.organisation"))
    name = who.add_mutually_exclusive_group()
    name.add_argument("--name", help=message("new.help.name"))
    name.add_argument("--withheld", action="store_true", help=message("new.help.withheld"))
    trip = parser.add_argument_group(message("new.group.trip"))
    trip.add_argument("--start", help=message("new.help.start"))
    trip.add_argument("--end", help=message("new.help.end"))
    trip.add_argument("--city", action="append", default=[], help=message("new.help.city"))
    trip.add_argument(
        "--country",
        action="append",
        default=[],
        help=message("new.help.country"),
    )
    trip.add_argument("--title", help=message("new.help.title"))
    trip.add_argument("--summary", help=message("new.help.summary"))
    trip.add_argument("--tag", action="append", default=[], help=message("new.help.tag"))
    trip.add_argument(
        "--transport",
        action="append",
        default=[],
        help=message("new.help.transport"),
    )
    trip.add_argument("--expected", help=message("new.help.expected"))
    trip.add_argument("--flight-reason", help=message("new.help.flight_reason"))
    follow = parser.add_argument_group(message("new.group.actions"))
    follow.add_argument("--action", action="append", default=[], help=message("new.help.action"))
    follow.add_argument("--action-owner", action="append", default=[], help=message("new.help.action_owner"))
    follow.add_argument("--action-due", action="append", default=[], help=message("new.help.action_due"))
    costs = parser.add_argument_group(message("new.group.costs"))
    costs.add_argument("--cost-total", metavar="BEDRAG", help=message("new.help.cost_total"))
    for part, label in _COST_PARTS.items():
        costs.add_argument(f"--cost-{part}", metavar="BEDRAG", help=label.lower())
    costs.add_argument("--currency", help=message("new.help.currency"))
    costs.add_argument("--cost-status", help=message("new.help.cost_status"))
    costs.add_argument("--paid-by", help=message("new.help.paid_by"))
    parser.add_argument("--out", type=Path, help=message("new.help.out"))
    parser.add_argument(
        "--yes",
        "--no-input",
        dest="no_input",
        action="store_true",
        help=message("new.help.yes"),
    )


def run_new(args: argparse.Namespace, root: Path) -> int:
    """Ask for what the flags leave open, confirm, then write the report file under root; the exit code."""
    if len(args.country) not in (0, 1, len(args.city)):
        print(message("new.country_count"), file=sys.stderr)
        return USAGE
    if not len(args.action) == len(args.action_owner) == len(args.action_due):
        print(message("new.action_count"), file=sys.stderr)
        return USAGE
    questions = Questions(interactive=not args.no_input)
    try:
        front = collect_front_matter(args, questions)
        if questions.problems:
            print("\n".join(message("new.problem", problem=p) for p in questions.problems), file=sys.stderr)
            total = count(len(questions.problems), "cli.problem", "cli.problems")
            print(message("new.problems_total", count=total), file=sys.stderr)
            return PROBLEMS
        if questions.interactive:
            say(summary_text(front))
            if not questions.confirm(message("new.confirm"), default=True):
                say(message("new.cancelled"))
                return PROBLEMS
    except EOFError:
        print("\n" + message("new.eof"), file=sys.stderr)
        return PROBLEMS
    return finish(front, root)


def finish(front: dict[str, Any], root: Path) -> int:
    """Check the file as the validator will, write it only then, and say what to do next."""
    planned = report_path(root, front["start_date"], place_slug(front["destinations"][0]["city"]))
    raw = parse_report(planned, render_report(front, sections={}).encode("utf-8"))
    report, problems = (None, [raw]) if isinstance(raw, Problem) else check_raw(raw, in_tree=True)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return PROBLEMS
    try:
        path = write_new_report(front, root)
    except OSError as error:
        print(message("new.cannot_write", folder=display_path(root), reason=error.strerror), file=sys.stderr)
        return PROBLEMS
    status = trip_status(report, date.today()).label  # planned, or its report is to come
    where = display_path(path)
    print("\n" + message("new.written", path=where))
    print(message("new.status", status=status))
    print(message("new.next"))
    print(message("new.check", path=where))
    return OK


def summary_text(front: dict[str, Any]) -> str:
    """The new report in a few Dutch lines, to confirm before it is written."""
    none = message("new.summary.none")
    places_ = ", ".join(f"{d['city']} ({country_name(d['country'])}, {d['country']})" for d in front["destinations"])
    people = "; ".join(", ".join([t["name"] or WITHHELD, t["role"], t["organisation"]]) for t in front["travellers"])
    rows = {
        "title": front["title"],
        "dates": date_range(front["start_date"], front["end_date"]),
        "places": places_,
        "travellers": people,
        "summary": front["summary"],
        "costs": costs_text(front.get("costs")) or none,
        "paid_by": front.get("paid_by") or none,
        "tags": ", ".join(front.get("tags", [])) or none,
        "transport": ", ".join(front.get("transport", [])) or none,
        "expected": front.get("expected_results") or none,
        "actions": "; ".join(
            message("new.summary.action", action=a["action"], owner=a["owner"], due=long_date(a["due"]))
            for a in front.get("actions", [])
        )
        or none,
    }
    lines = [
        message("new.summary.line", label=message(f"new.summary.{key}") + ":", value=value)
        for key, value in rows.items()
    ]
    return "\n".join(["", message("new.summary"), *lines])


def costs_text(costs: dict[str, Any] | None) -> str | None:
    """€ 639,70 (vervoer € 412,50, overnachtingen € 189,00), voorlopig."""
    if not costs:
        return None
    parts = [
        f"{_COST_PARTS[p].split(' (')[0].lower()} {money(costs[p], costs['currency'])}"
        for p in _COST_PARTS
        if p in costs
    ]
    text = money(costs["total"], costs["currency"]) + (f" ({', '.join(parts)})" if parts else "")
    return text + (f", {message('new.summary.provisional')}" if costs["status"] == "provisional" else "")


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
            value, problem = check(text) if text else (None, message("new.required"))
            if problem is None:
                return value
            say(f"  {problem}")

    def confirm(self, prompt: str, default: bool = False) -> bool:
        """A yes/no question; without prompts, the default."""
        if not self.interactive:
            return default
        question = (
            message("new.ask.yes_no_default_yes", prompt=prompt)
            if default
            else message("new.ask.yes_no", prompt=prompt)
        )
        choice = self.prompt(question, _yes_no, optional=True)
        return default if choice is None else choice

    def refuse(self, flag: str, given: str, problem: str) -> None:
        """An invalid flag: noted without prompts, else said before asking."""
        if self.interactive:
            say(message("new.flag_refused", flag=flag, given=given, problem=problem))
        else:
            self.problems.append(message("new.flag_problem", flag=flag, problem=problem))

    def _unasked(self, flag: str, check: Check, default: str | None, optional: bool) -> Any:
        if default is not None:
            value, problem = check(default)
            if problem:
                self.problems.append(message("new.flag_problem", flag=flag, problem=problem))
            return value
        if not optional:
            self.problems.append(message("new.flag_problem", flag=flag, problem=message("new.flag_missing")))
        return None


def say(text: str) -> None:
    """A message to the person answering, beside the prompts."""
    print(text, file=sys.stderr)


def _yes_no(text: str) -> tuple[bool | None, str | None]:
    answer = text.strip().lower()
    if answer in _YES | _NO:
        return answer in _YES, None
    return None, message("new.yes_no")


# ----------------------------------------------------------------------------
# The front matter, question by question
# ----------------------------------------------------------------------------


def collect_front_matter(args: argparse.Namespace, q: Questions) -> dict[str, Any]:
    """Every field of a new report, from flags and answers, in the order of DESIGN §2."""
    travellers = ask_travellers(args, q)
    start, end = ask_dates(args, q)
    destinations = ask_destinations(args, q)
    title = ask_title(args, q, default_title(destinations))
    summary = q.answer("--summary", args.summary, message("new.ask.summary"), check_with(model.FrontMatter, "summary"))
    costs = ask_costs(args, q)
    payer = travellers[0]["organisation"] if q.interactive else None
    paid_by = q.answer(
        "--paid-by", args.paid_by, message("new.ask.paid_by"), check_with(model.FrontMatter, "paid_by"), payer, True
    )
    front = {"title": title, "start_date": start, "end_date": end, "destinations": destinations}
    front |= {"travellers": travellers, "summary": summary, "costs": costs, "paid_by": paid_by}
    front["tags"] = ask_tags(args, q)
    front["transport"] = ask_transport(args, q)
    front["flight_reason"] = ask_flight_reason(args, q, front)
    front["expected_results"] = (
        q.answer(
            "--expected",
            args.expected,
            message("new.ask.expected"),
            check_with(model.FrontMatter, "expected_results"),
            optional=True,
        )
        if args.expected is not None or q.interactive
        else None
    )
    front["actions"] = ask_actions(args, q, travellers[0]["organisation"], start)
    return {key: value for key, value in front.items() if value not in (None, [])}


def ask_flight_reason(args: argparse.Namespace, q: Questions, front: dict[str, Any]) -> str | None:
    """Why the trip flew, asked only when the council's train rule covers the flight (or --flight-reason is given)."""
    if args.flight_reason is None and not flight_within_rule(front):
        return None
    check = check_with(model.FrontMatter, "flight_reason")
    return q.answer("--flight-reason", args.flight_reason, message("new.ask.flight_reason"), check)


def flight_within_rule(front: dict[str, Any]) -> bool:
    """Whether the answers so far describe a flight the train rule covers (the default rule, as validate)."""
    try:
        meta = model.FrontMatter.model_validate({k: v for k, v in front.items() if v not in (None, [])})
    except ValueError:
        return False  # other answers are wrong; their problems are reported
    return within_rule(meta, TrainRule()) is not None


def ask_title(args: argparse.Namespace, q: Questions, default: str | None) -> str | None:
    """The title; by default 'Verslag dienstreis naar <plaatsen>'."""
    if default is None and args.title is None and not q.interactive:
        return None  # no place either: the problem with --city says it all
    return q.answer("--title", args.title, message("new.ask.title"), check_with(model.FrontMatter, "title"), default)


def ask_travellers(args: argparse.Namespace, q: Questions) -> list[dict[str, Any]]:
    """The first traveller from the flags or prompts; more only when asked interactively."""
    travellers = [ask_traveller(q, args.role, args.organisation, args.name, args.withheld)]
    while q.confirm(message("new.ask.more_travellers")):
        travellers.append(ask_traveller(q))
    return travellers


def ask_traveller(q: Questions, role=None, organisation=None, name=None, withheld=False) -> dict[str, Any]:
    """Role, organisation and name (None: withheld) of one traveller."""
    role = q.answer("--role", role, message("new.ask.role"), check_with(model.Traveller, "role"))
    organisation = q.answer(
        "--organisation", organisation, message("new.ask.organisation"), check_with(model.Traveller, "organisation")
    )
    check_name = check_with(model.Traveller, "name")
    if withheld:
        name = None
    elif name is not None or q.interactive:
        prompt = message("new.ask.name")
        name = q.answer("--name", name, prompt, check_name, optional=True)
    else:
        q.problems.append(message("new.name_missing"))
    return {"name": name, "role": role, "organisation": organisation}


def ask_dates(args: argparse.Namespace, q: Questions) -> tuple[date | None, date | None]:
    """First and last day; the last is checked against the first."""
    check_start = check_with(model.FrontMatter, "start_date", convert=_date)
    start = q.answer("--start", args.start, message("new.ask.start"), check_start)
    if start is None and args.end is None:
        return None, None  # the problem with --start says it all
    check_end = check_with(model.FrontMatter, "end_date", {"start_date": start}, convert=_date)
    default = f"{start.day}-{start.month}-{start.year}" if start else None
    end = q.answer("--end", args.end, message("new.ask.end"), check_end, default)
    return start, end


def ask_destinations(args: argparse.Namespace, q: Questions) -> list[dict[str, Any]]:
    """Places from --city (countries from --country or looked up), else asked one by one."""
    if args.city:
        countries = args.country * len(args.city) if len(args.country) == 1 else args.country or [None] * len(args.city)
        pairs = zip(args.city, countries, strict=True)
        return [{"city": (city := ask_city(q, given)), "country": ask_country(q, city, land)} for given, land in pairs]
    if not q.interactive:
        q.problems.append(message("new.flag_problem", flag="--city", problem=message("new.flag_missing")))
        return []
    destinations = []
    # "Another one?" is a yes/no question of its own: a "j" typed ahead is never taken for a city.
    while not destinations or q.confirm(message("new.ask.more_cities")):
        city = ask_city(q, None)
        destinations.append({"city": city, "country": ask_country(q, city, None, typed=True)})
    return destinations


def ask_city(q: Questions, given: str | None) -> str | None:
    """One place name."""
    return q.answer("--city", given, message("new.ask.city"), check_with(model.Destination, "city"))


def ask_country(q: Questions, city: str | None, given: str | None, typed: bool = False) -> str | None:
    """The country of a place: the flag, else looked up; asked when typed or not found."""
    if city is None:
        return None  # an invalid --city, already noted
    found = places.find_country(city) if city and given is None else None
    if found and not typed:
        say(message("new.found_country", city=city, name=country_name(found), code=found))
        return found
    prompt = message("new.ask.country", city=city)
    if given is None and not found and not q.interactive:
        q.problems.append(message("new.country_not_found", city=city))
        return None
    return q.answer("--country", given, prompt, country_check(city), default=found)


def country_check(city: str) -> Check:
    """A country as code, name or alias (FR, Frankrijk, VS, UK) in which the gazetteer does not place the city elsewhere."""

    def check(text: str) -> tuple[Any, str | None]:
        code = places.country_code(text)
        if code is None:
            likely = places.likely_country(text)
            hint = message("country.did_you_mean", code=likely, name=country_name(likely)) if likely else ""
            return None, message("new.country_unknown", value=text.strip(), hint=hint)
        elsewhere = places.known_elsewhere(city, code)
        if elsewhere:
            return None, place_message(city, code, elsewhere)
        return check_field(model.Destination, "country", code)

    return check


def ask_costs(args: argparse.Namespace, q: Questions) -> dict[str, Any] | None:
    """Cost parts, then the total (default: their sum), currency and status; None when unknown."""
    flags = [args.cost_total, args.currency, args.cost_status, *(getattr(args, f"cost_{p}") for p in _COST_PARTS)]
    if not q.interactive and all(flag is None for flag in flags):
        return None
    if q.interactive:
        say(message("new.costs_intro"))
    costs: dict[str, Any] = {}
    for part, label in _COST_PARTS.items():
        costs[part] = q.answer(
            f"--cost-{part}", getattr(args, f"cost_{part}"), label, amount_check(part), optional=True
        )
    parts = {part: amount for part, amount in costs.items() if amount is not None}
    default = f"{sum(parts.values()):.2f}".replace(".", ",") if parts else None  # as staff write it
    total = q.answer(
        "--cost-total", args.cost_total, message("new.ask.total"), amount_check("total", parts), default, optional=True
    )
    if total is None:
        return None
    check_currency = check_with(model.Costs, "currency", convert=lambda text: currency_code(text) or text.strip())
    currency = q.answer("--currency", args.currency, message("new.ask.currency"), check_currency, "EUR")
    status = ask_cost_status(args, q)
    return {**parts, "total": total, "currency": currency, "status": status}


def ask_cost_status(args: argparse.Namespace, q: Questions) -> str | None:
    """final or provisional; asked as a yes/no question."""
    if args.cost_status is not None or not q.interactive:
        return q.answer(
            "--cost-status",
            args.cost_status,
            message("new.ask.cost_status"),
            check_with(model.Costs, "status"),
            "final",
        )
    return "final" if q.confirm(message("new.ask.costs_final"), default=True) else "provisional"


def ask_tags(args: argparse.Namespace, q: Questions) -> list[str]:
    """Keywords from --tag, or one line separated by commas."""
    check = check_with(
        model.FrontMatter, "tags", convert=lambda text: [t.strip() for t in text.split(",") if t.strip()]
    )
    if args.tag:
        return q.answer("--tag", ",".join(args.tag), message("new.ask.tags_given"), check) or []
    if not q.interactive:
        return []
    return q.prompt(message("new.ask.tags"), check, optional=True) or []


def ask_transport(args: argparse.Namespace, q: Questions) -> list[str]:
    """Means of transport from --transport, or one line separated by commas (for the CO₂ estimate)."""
    check = check_with(
        model.FrontMatter, "transport", convert=lambda text: [t.strip().lower() for t in text.split(",") if t.strip()]
    )
    prompt = message("new.ask.transport", modes=", ".join(model.TRANSPORT_MODES))
    if args.transport:
        return q.answer("--transport", ",".join(args.transport), prompt, check) or []
    if not q.interactive:
        return []
    return q.prompt(message("new.ask.optional", prompt=prompt), check, optional=True) or []


def ask_actions(
    args: argparse.Namespace, q: Questions, organisation: str | None, start: Any = None
) -> list[dict[str, Any]]:
    """Follow-up actions from the flags, else asked one by one; each starts as `open`."""
    given = zip(args.action, args.action_owner, args.action_due, strict=True)
    actions = [ask_action(q, text, owner, due, start=start) for text, owner, due in given]
    while not args.action and q.confirm(message("new.ask.more_actions")):
        actions.append(ask_action(q, owner=None, default_owner=organisation, start=start))
    return actions


def ask_action(q: Questions, text=None, owner=None, due=None, default_owner=None, start=None) -> dict[str, Any]:
    """What, who and by when (not before the trip: asked again at once, not refused at the end)."""
    return {
        "action": q.answer("--action", text, message("new.ask.action"), check_with(model.Action, "action")),
        "owner": q.answer(
            "--action-owner", owner, message("new.ask.action_owner"), check_with(model.Action, "owner"), default_owner
        ),
        "due": q.answer("--action-due", due, message("new.ask.action_due"), due_check(start)),
    }


def due_check(start: Any) -> Check:
    """A due date as the schema wants it, and not before the trip's first day (checks.check_actions)."""
    checked = check_with(model.Action, "due", convert=_date)

    def check(text: str) -> tuple[Any, str | None]:
        value, problem = checked(text)
        if problem is None and value is not None and start is not None and str(value) < str(start):
            return None, message("action.before_start", date=value, start=start)
        return value, problem

    return check


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
    checked = check_with(model.Costs, part, parts, convert=_amount)

    def check(text: str) -> tuple[Any, str | None]:
        # An amount that cannot be read the Dutch way is refused in the Dutch way ("0,001" is no
        # amount), not with the file's advice to write a point for the cents.
        if text.strip() and parse_amount(text) is None:
            return None, message("amount.unclear", value=text.strip())
        return checked(text)

    return check


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


# "€ 1.234,50", "412,50" and "412.50" are numbers; anything else stays text, which the model refuses with a hint.
def _amount(text: str) -> Any:
    amount = parse_amount(text)
    return text.strip() if amount is None else amount


# Dutch staff write 14-9-2015; the file holds 2015-09-14. Anything else is left for the model to refuse.
def _date(text: str) -> str:
    answer = text.strip()
    if match := _DUTCH_DATE.fullmatch(answer):
        day, month, year = match.groups()
    elif match := _LOOSE_ISO_DATE.fullmatch(answer):
        year, month, day = match.groups()
    else:
        return answer
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


# ----------------------------------------------------------------------------
# The file
# ----------------------------------------------------------------------------


def write_new_report(front: dict[str, Any], root: Path) -> Path:
    """Write the report, with the five headings still to write under, under a free id (`-2`, `-3`, …); never overwrites."""
    text = render_report(front, sections={})
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
