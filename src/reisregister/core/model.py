"""The report schema: every front-matter field declared once, with its description for staff.

The validator, `schema.json`, the open-data page and the CSV columns are all derived from these
models, so a field is added or changed here and nowhere else.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from reisregister.core.i18n.messages import message

SCHEMA_VERSION = "1.2"  # 1.1: actions, expected_results; records gain published_late; 1.2: train_hours, flight_reason
SUMMARY_MAX = 300
LONG_TEXT_MAX = 1000  # an action, its result, the expected results: a few sentences
SUM_TOLERANCE = 0.01
# Bounds far above any real trip, so one report's cost to build and publish stays small and every
# value can be formatted (babel fails on 1e26; a due date after 9999 overflows).
MAX_AMOUNT = 1_000_000_000_000  # a billion euros of dong or rupiah is still within it
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2099, 12, 31)
MAX_DESTINATIONS, MAX_TRAVELLERS, MAX_EXTERNAL, MAX_TAGS, MAX_CORRECTIONS, MAX_ACTIONS = 20, 50, 50, 30, 100, 50
MAX_PARTICIPANT_COUNT = 1000
# Characters that break a feed (XML 1.0 has no control characters) or a spreadsheet, end a line
# where a reader does not expect it, or reorder text on screen (bidi controls, Trojan-source style).
INVISIBLE_RANGES = (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029), (0x061C, 0x061C), (0x200E, 0x200F),
    (0x202A, 0x202E), (0x2066, 0x2069), (0xD800, 0xDFFF), (0xFFFE, 0xFFFF),
)  # fmt: skip
_INVISIBLE = "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in INVISIBLE_RANGES)
INVISIBLE_IN_BODY = re.compile(f"[{_INVISIBLE}]")  # the body may hold tabs and line breaks
INVISIBLE_IN_TEXT = re.compile(f"[\t{_INVISIBLE}]")

# The importer's stand-in for what an old report does not say (`legacy.py`): visible, never publishable.
PLACEHOLDER = "niet vermeld"
# What people type for "no name"; written as a name it publishes a traveller called "null". Only
# `name: null` (the form's checkbox "Naam niet openbaar") withholds a name.
NOT_A_NAME = frozenset(
    {"null", "none", "nil", "nul", "~", "-", "--", "–", "—", "?", "x", "xx", "xxx", "nn", "n.n.", "n.v.t.", "nvt"}
    | {"n/a", "onbekend", "geen", "anoniem", "niet openbaar", "naam niet openbaar", "geheim"}
)
HTML_TAG = re.compile(r"<\s*[A-Za-z/!?][^>]{0,40}>?|&#?[A-Za-z0-9]+;")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# ----------------------------------------------------------------------------
# Field types
# ----------------------------------------------------------------------------


# Plain-text fields are printed on pages, in feeds and in spreadsheets: no markup, one line.
def _plain_text(value: str) -> str:
    if "\n" in value:
        raise ValueError(message("text.one_line"))
    invisible = INVISIBLE_IN_TEXT.search(value)
    if invisible:
        raise ValueError(invisible_message(invisible.group(0)))
    found = HTML_TAG.search(value)
    if found:
        raise ValueError(message("text.html", found=found.group(0)))
    if value.strip().casefold() == PLACEHOLDER:
        raise ValueError(message("text.placeholder", value=value))
    return value


def _real_name(value: str) -> str:
    if value.strip().casefold() in NOT_A_NAME:
        raise ValueError(message("name.not_a_name", value=value))
    return value


def invisible_message(char: str) -> str:
    """The problem with an invisible character: which one, and what to do."""
    name = unicodedata.name(char, "control character").lower()
    return message("text.invisible", code=ord(char), name=name)


def _date_in_range(value: date) -> date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(message("date.out_of_range", value=value, first=FIRST_DATE.year, last=LAST_DATE.year))
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, str | date):
        raise ValueError(message("date.not_a_date", value=value))
    if isinstance(value, str):
        if not ISO_DATE.fullmatch(value):
            raise ValueError(message("date.not_a_date", value=value))
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(message("date.not_real", value=value)) from None
    return value


def _amount(value: Any) -> Any:
    if isinstance(value, (bool, str)):
        from reisregister.core.money import parse_amount

        number = parse_amount(value) if isinstance(value, str) else None
        example = message("amount.suggestion", number=f"{number:.2f}") if number is not None else None
        raise ValueError(message("amount.text", value=value, example=example or message("amount.example")))
    return value


def _country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None or value != value.upper():
        hint = _country_hint(value)
        raise ValueError(message("country.not_code", value=value, hint=hint))
    return value


# Staff often write the country's name, in Dutch or English; suggest its code.
def _country_hint(value: str) -> str:
    from reisregister.core.places import country_code, likely_country

    code = country_code(value) or likely_country(value)
    return message("country.did_you_mean", code=code, name=_country_name(code)) if code else message("country.how")


def _country_name(code: str) -> str:
    from reisregister.core.i18n.text import country_name

    return country_name(code)


def _currency(value: str) -> str:
    from reisregister.core.money import currency_code, has_rate

    if pycountry.currencies.get(alpha_3=value) is None or value != value.upper():
        code = currency_code(value)
        hint = message("currency.did_you_mean", code=code) if code else message("currency.how")
        raise ValueError(message("currency.not_code", value=value, hint=hint))
    if not has_rate(value):
        raise ValueError(message("currency.no_rate", value=value))
    return value


TRANSPORT_MODES = ("vliegtuig", "trein", "auto", "bus", "boot", "anders")


def _transport_mode(value: Any) -> Any:
    if isinstance(value, str) and value not in TRANSPORT_MODES:
        close = difflib.get_close_matches(value.lower(), TRANSPORT_MODES, n=1, cutoff=0.5)
        hint = message("transport.did_you_mean", close=close[0]) if close else ""
        raise ValueError(message("transport.unknown", value=value, hint=hint, modes=", ".join(TRANSPORT_MODES)))
    return value


PlainText = Annotated[str, Field(min_length=1, max_length=200, strict=True), AfterValidator(_plain_text)]
Summary = Annotated[str, Field(min_length=1, max_length=SUMMARY_MAX, strict=True), AfterValidator(_plain_text)]
LongText = Annotated[str, Field(min_length=1, max_length=LONG_TEXT_MAX, strict=True), AfterValidator(_plain_text)]
IsoDate = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_date_in_range)]
Amount = Annotated[float, BeforeValidator(_amount), Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
CountryCode = Annotated[str, Field(strict=True), AfterValidator(_country)]
CurrencyCode = Annotated[str, Field(strict=True), AfterValidator(_currency)]
PersonName = Annotated[PlainText, AfterValidator(_real_name)]
Tag = Annotated[str, Field(min_length=1, max_length=40, strict=True), AfterValidator(_plain_text)]
TransportMode = Annotated[Literal[TRANSPORT_MODES], BeforeValidator(_transport_mode)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


# ----------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------


class Destination(_Strict):
    """Een plaats die tijdens de reis is bezocht."""

    city: PlainText
    """Plaatsnaam zoals die in het verslag staat, bijvoorbeeld `Marseille` of `Parijs`."""

    country: CountryCode
    """Landcode volgens ISO 3166-1 alpha-2, in hoofdletters: `FR` voor Frankrijk, `BE` voor België."""

    lat: Annotated[float, Field(ge=-90, le=90, strict=False, allow_inf_nan=False)] | None = None
    """Breedtegraad van de plaats (optioneel), alleen nodig als de kaart de plaats niet kent: `43.30`."""

    lon: Annotated[float, Field(ge=-180, le=180, strict=False, allow_inf_nan=False)] | None = None
    """Lengtegraad van de plaats (optioneel), samen met `lat`: `5.37`."""

    @model_validator(mode="after")
    def _both_coordinates(self) -> Destination:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(message("destination.lat_lon"))
        return self


class Traveller(_Strict):
    """Iemand die namens de organisatie reisde."""

    name: PersonName | None
    """Naam van de reiziger, of `null` als de naam niet openbaar is (ambtenaren). Bestuurders worden met naam genoemd."""

    role: PlainText
    """Functie, bijvoorbeeld `wethouder` of `beleidsadviseur`."""

    organisation: PlainText
    """Organisatie waarvoor de reiziger reisde, bijvoorbeeld `Gemeente Den Haag`."""


class ExternalParticipant(_Strict):
    """Een andere organisatie die met het reisgezelschap meereisde."""

    organisation: PlainText
    """Naam van de organisatie, bijvoorbeeld `TNO`."""

    count: Annotated[int, Field(ge=1, le=MAX_PARTICIPANT_COUNT, strict=True)] = 1
    """Aantal personen van deze organisatie (minstens 1, hoogstens 1000)."""


class Costs(_Strict):
    """De kosten van de reis. Onderdelen zijn optioneel; het totaal is verplicht."""

    transport: Amount | None = None
    """Vervoer: trein, vliegtuig, taxi; als getal zonder €-teken, met een punt als decimaalteken: `412.50`."""

    accommodation: Amount | None = None
    """Overnachtingen: hotel of ander logies."""

    subsistence: Amount | None = None
    """Dagvergoeding: maaltijden en kleine uitgaven onderweg."""

    other: Amount | None = None
    """Overig: bijvoorbeeld inschrijfgeld of visum."""

    total: Amount
    """Totaalbedrag. Als onderdelen zijn ingevuld, is het totaal hun som. Elk bedrag ligt tussen 0 en 1.000.000.000.000."""

    currency: CurrencyCode = "EUR"
    """Valuta volgens ISO 4217, standaard `EUR`."""

    status: Literal["final", "provisional"] = "final"
    """`final` als de kosten definitief zijn, `provisional` als ze nog kunnen veranderen."""

    @field_validator("total")
    @classmethod
    def _total_is_sum_of_parts(cls, total: float, info: ValidationInfo) -> float:
        parts = {name: info.data.get(name) for name in COST_PARTS}
        given = {name: amount for name, amount in parts.items() if amount is not None}
        if given and abs(sum(given.values()) - total) > SUM_TOLERANCE:
            terms = " + ".join(f"{name} {amount:.2f}" for name, amount in given.items())
            raise ValueError(message("costs.not_sum", total=total, terms=terms, sum=sum(given.values())))
        return total


COST_PARTS = ("transport", "accommodation", "subsistence", "other")
# One Dutch word per part, wherever a part is named: pages, the form, `new`, the CSV dictionary.
COST_PART_LABELS = {part: message(f"cost.{part}") for part in COST_PARTS}


class Correction(_Strict):
    """Een correctie op een gepubliceerd verslag: wat er wanneer is veranderd."""

    date: IsoDate
    """Datum van de correctie (JJJJ-MM-DD); niet later dan de dag waarop de correctie wordt ingediend."""

    note: PlainText
    """Wat er is gecorrigeerd, in één zin."""


ACTION_STATUSES = ("open", "afgerond", "vervallen")
OPEN = ACTION_STATUSES[0]


class Action(_Strict):
    """Een vervolgactie uit het verslag: wat is toegezegd, door wie, wanneer, en wat ervan kwam."""

    action: LongText
    """Wat er gedaan wordt, in platte tekst: `Gezamenlijke roadmap opstellen met HSD en TNO.`"""

    owner: PlainText
    """Wie de actie uitvoert: een organisatie of functie, bijvoorbeeld `Gemeente Den Haag`."""

    due: IsoDate
    """Uiterste datum (JJJJ-MM-DD)."""

    status: Literal[ACTION_STATUSES] = OPEN
    """`open` zolang de actie loopt, `afgerond` als ze is uitgevoerd, `vervallen` als ze niet meer doorgaat."""

    result: LongText | None = None
    """Wat de actie heeft opgeleverd, in platte tekst (optioneel; bij `afgerond` of `vervallen` aanbevolen)."""

    updated: IsoDate | None = None
    """Datum van de laatste statuswijziging (JJJJ-MM-DD); verplicht als de status niet `open` is."""

    @model_validator(mode="after")
    def _closed_has_date(self) -> Action:
        if self.status != OPEN and self.updated is None:
            raise ValueError(message("action.closed_undated", status=self.status))
        return self


class FrontMatter(_Strict):
    """De gegevens van één dienstreis, bovenaan het verslagbestand tussen twee regels `---`."""

    title: PlainText
    """Titel van het verslag, bijvoorbeeld `Verslag dienstreis naar Marseille`."""

    start_date: IsoDate
    """Eerste dag van de reis (JJJJ-MM-DD), tussen 1900 en 2099."""

    end_date: IsoDate
    """Laatste dag van de reis (JJJJ-MM-DD); gelijk aan of na `start_date`."""

    destinations: Annotated[list[Destination], Field(min_length=1, max_length=MAX_DESTINATIONS)]
    """Bezochte plaatsen, minstens één en hoogstens 20."""

    travellers: Annotated[list[Traveller], Field(min_length=1, max_length=MAX_TRAVELLERS)]
    """Reizigers namens de organisatie, minstens één en hoogstens 50."""

    external_participants: Annotated[list[ExternalParticipant], Field(max_length=MAX_EXTERNAL)] = []
    """Andere organisaties in het reisgezelschap (optioneel)."""

    summary: Summary
    """Samenvatting in één regel platte tekst, hoogstens 300 tekens."""

    costs: Costs | None = None
    """Kosten van de reis (optioneel als geheel; laat weg als ze niet bekend zijn)."""

    paid_by: PlainText | None = None
    """Wie de reis betaalde, bijvoorbeeld `Gemeente Den Haag` of de uitnodigende organisatie."""

    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = []
    """Trefwoorden voor zoeken en filteren, bijvoorbeeld `[veiligheid, innovatie]`; hoogstens 30."""

    corrections: Annotated[list[Correction], Field(max_length=MAX_CORRECTIONS)] = []
    """Correcties na publicatie, oudste eerst. Een gepubliceerd verslag wordt gecorrigeerd, nooit stil herschreven."""

    transport: Annotated[list[TransportMode], Field(max_length=len(TRANSPORT_MODES))] = []
    """Vervoermiddelen van de reis (optioneel): `vliegtuig`, `trein`, `auto`, `bus`, `boot` of `anders`, bijvoorbeeld `[trein]`. Bepaalt de schatting van de CO₂-uitstoot."""

    expected_results: LongText | None = None
    """Wat de reis moet opleveren, vooraf vastgelegd bij het aanmelden van een geplande reis (optioneel, platte tekst)."""

    actions: Annotated[list[Action], Field(max_length=MAX_ACTIONS)] = []
    """Vervolgacties (optioneel), bijgewerkt met een latere wijziging van hetzelfde bestand; hoogstens 50."""

    published: IsoDate | None = None
    """Datum van eerste publicatie (optioneel), alleen voor oude, geïmporteerde verslagen die met hun tekst in git kwamen: tussen `end_date` en de dag van die eerste versie. Anders volgt de datum uit git."""

    train_hours: Annotated[float, Field(gt=0, le=100, allow_inf_nan=False)] | None = None
    """Reistijd met de trein naar de verste bestemming in uren, enkele reis, uit een reisplanner (optioneel): `7.5`. Zonder deze waarde schat het register de reistijd uit de afstand."""

    flight_reason: LongText | None = None
    """Waarom er toch is gevlogen naar een bestemming die met de trein binnen de treinnorm bereikbaar is (verplicht bij zo'n vlucht), in platte tekst: `Spoedoverleg na de overstroming; de trein kwam te laat aan.`"""

    @field_validator("end_date")
    @classmethod
    def _end_not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start_date")
        if start is not None and end < start:
            raise ValueError(message("date.end_before_start", end=end, start=start))
        return end

    @field_validator("transport")
    @classmethod
    def _modes_unique(cls, modes: list[str]) -> list[str]:
        if len(set(modes)) != len(modes):
            raise ValueError(message("transport.twice"))
        return modes

    @field_validator("tags")
    @classmethod
    def _tags_unique(cls, tags: list[str]) -> list[str]:
        seen = set()
        for tag in tags:
            if tag.lower() in seen:
                raise ValueError(message("tags.twice", tag=tag))
            seen.add(tag.lower())
        return tags


FIELD_NAMES = tuple(FrontMatter.model_fields)


# ----------------------------------------------------------------------------
# Reading the models: what the CSV columns, the data dictionary and the web form are made from
# ----------------------------------------------------------------------------

# The named checks of the field types above, by their validator; the web form runs the same rules.
CHECKS = {
    _plain_text: "plain",
    _real_name: "name",
    _country: "country",
    _currency: "currency",
    _amount: "amount",
    _transport_mode: "transport",
    _iso_date: "date",
}


def check_names(metadata: Iterable[Any]) -> list[str]:
    """The named checks among a field's validators: plain, name, country, currency, amount, transport, date."""
    return [CHECKS[item.func] for item in metadata if getattr(item, "func", None) in CHECKS]


def unwrap(annotation: Any, metadata: Iterable[Any] = ()) -> tuple[Any, list[Any], bool]:
    """(type, constraints, None allowed?) of an annotation: `Annotated[...] | None` -> the inner type."""
    nullable, meta = False, list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            nullable, annotation = nullable or len(args) < len(typing.get_args(annotation)), args[0]
        elif origin is Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                meta += item.metadata if isinstance(item, FieldInfo) else [item]
        else:
            return annotation, meta, nullable


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Destination]` or `Costs | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, (submodel(arg) for arg in typing.get_args(annotation))), None)


def nested_fields(cls: type[BaseModel] = FrontMatter, prefix: str = "") -> Iterator[tuple[str, FieldInfo]]:
    """Every field by its dotted name, a group's fields after it: `costs`, `costs.total`, ..."""
    for name, info in cls.model_fields.items():
        yield prefix + name, info
        sub = submodel(info.annotation)
        if sub:
            yield from nested_fields(sub, f"{prefix}{name}.")
