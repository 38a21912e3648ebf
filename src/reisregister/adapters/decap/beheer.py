"""The web form for staff at /beheer/: Decap CMS, configured from the report schema.

Decap's collection config (config.yml) is generated from the pydantic models in model.py, so a
new field appears in the form without a second definition, and a test fails when they drift.
`velden.json` tells the page's own file format (assets/beheer.js) how to write a report the way
`write.py` does: key order, dates, amounts and the values that must stay `null`.

What Decap cannot express, and how it is handled:
- cross-field rules (end_date not before start_date, the cost total equal to the sum of its parts
  or left out when a part has its own currency,
  `updated` required when an action is not open, lat and lon together): left to
  `reisregister validate`, which the pull request's checks run, with the rule in the field's hint;
- "null allowed but the key required" (a withheld name): a checkbox "Naam niet openbaar" that the
  page's file format turns into `name: null` (an empty name is written as `null` too);
- an optional group (costs): no defaults inside it, and the file format drops empty values, so
  an untouched costs group is left out instead of written half-empty;
- plain text without HTML, control characters or line breaks, and unique tags: only `validate`;
  but a file whose raw front matter the build refuses (invisible characters, YAML directives,
  odd fences) is opened without its values and never saved: assets/front-matter.js reads files
  with load.py's rules, sent in velden.json (`reader_rules`).

Nothing here imports MkDocs; hooks.py adds the files this module lists to the built site.
"""

from __future__ import annotations

import functools
import json
import shutil
import typing
from datetime import date
from pathlib import Path
from typing import Any, Literal

import annotated_types
import pycountry
from babel import Locale
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from reisregister.core import model
from reisregister.core.i18n.messages import label, message, template
from reisregister.core.i18n.text import LOCALE, country_name
from reisregister.core.model import unwrap
from reisregister.core.money import has_rate
from reisregister.core.report import SECTIONS
from reisregister.intake.load import MAX_DEPTH, REFUSED_IN_FRONT_MATTER_RANGES
from reisregister.intake.report_files import dump_yaml

ROOT = Path(__file__).resolve().parent
ASSETS = ROOT / "assets"
DECAP_TOOLS = ROOT.parents[3] / "tools" / "decap"  # the repository root, from src/reisregister/adapters/decap
DECAP_DIST = DECAP_TOOLS / "node_modules" / "decap-cms" / "dist"
YAML_DIST = DECAP_TOOLS / "node_modules" / "yaml" / "browser" / "dist"
FORMAT = "reisregister-md"  # registered by assets/beheer.js
WITHHELD_FIELD = "naam_niet_openbaar"  # form only: the checkbox behind `name: null`
FORM_ONLY = {WITHHELD_FIELD}

# Dutch labels of option values that are not Dutch words already.
OPTION_LABELS = {"final": "definitief", "provisional": "voorlopig"}
# assets/beheer.js's own date field: Decap's is the browser's date input, whose order of day and
# month follows the browser's language (01-10-2015 typed in an English browser is 10 January), and
# whose "now" was a UTC day. Ours reads a date as `reisregister new` does, with no time or timezone.
DATE_WIDGET = "datum"
_AMOUNT_HINT = "Bedrag zoals u het gewend bent, bijvoorbeeld 412,50 of 1.234,50 (zonder €-teken mag ook)."
# The form's own hints, by "Model.field", where the schema's description speaks of the file (keys,
# `null`, codes, English option values); every other hint is the description without code marks.
HINTS = {
    "Costs.transport": "Vervoer (trein, vliegtuig, taxi). " + _AMOUNT_HINT,
    "Costs.accommodation": "Hotel en andere overnachtingen. " + _AMOUNT_HINT,
    "Costs.subsistence": "Maaltijden en dagvergoedingen. " + _AMOUNT_HINT,
    "Costs.other": "Bijvoorbeeld inschrijfgeld of visum. " + _AMOUNT_HINT,
    "Costs.total": "Verplicht zodra u kosten invult. Zijn onderdelen ingevuld, dan is het totaal hun som. "
    "Heeft een bedrag een eigen valuta, laat het totaal dan leeg: het register telt de bedragen op in euro. "
    + _AMOUNT_HINT,
    "Costs.currency": "De valuta van het totaal en van de bedragen zonder eigen valuta; zonder keuze is het de euro.",
    **{
        f"Costs.{part}_currency": "Alleen als dit bedrag in een andere valuta is dan bij Valuta, bijvoorbeeld CHF "
        "voor een hotel in Zwitserland. Laat het totaal dan leeg: het register rekent elk bedrag om in euro "
        "(ECB-koers van de vertrekdatum) en telt ze op."
        for part in model.COST_PARTS
    },
    "Costs.status": "Definitief als de kosten vaststaan, voorlopig als ze nog kunnen veranderen.",
    "FrontMatter.start_date": "Eerste dag van de reis. Hij staat ook in de bestandsnaam en het webadres van het "
    "verslag: verandert u hem bij een opgeslagen verslag, dan zegt het formulier hier wat er met het bestand moet gebeuren.",
    "FrontMatter.end_date": "Laatste dag van de reis: de vertrekdatum of later.",
    "FrontMatter.tags": "Trefwoorden voor zoeken en filteren, gescheiden door komma's, bijvoorbeeld veiligheid, innovatie; hoogstens 30.",
    "FrontMatter.transport": "Hoe er gereisd is (optioneel); bepaalt de schatting van de CO₂-uitstoot.",
    "FrontMatter.actions": "Vervolgacties (optioneel); werk ze later in dit formulier bij. Hoogstens 50.",
    "FrontMatter.published": "Alleen voor oude, overgenomen verslagen: de dag van eerste publicatie. Anders laat u dit leeg.",
    "Destination.country": "Kies het land uit de lijst; typ om te zoeken, bijvoorbeeld Frankrijk.",
    "Destination.lat": "Alleen nodig als de kaart de plaats niet kent, bijvoorbeeld 43.30; vul dan ook de lengtegraad in.",
    "Destination.lon": "Samen met de breedtegraad, bijvoorbeeld 5.37.",
    "Traveller.name": "Bestuurders worden met naam genoemd. Is de naam niet openbaar (ambtenaren), vink dan "
    "'Naam niet openbaar' aan en laat dit veld leeg.",
    "Action.status": "Open zolang de actie loopt, afgerond als ze is uitgevoerd, vervallen als ze niet meer doorgaat.",
    "Action.result": "Wat de actie heeft opgeleverd (optioneel; aanbevolen zodra ze is afgerond of vervallen).",
    "Action.updated": "De dag van de laatste statuswijziging; verplicht als de status niet open is.",
}


# ----------------------------------------------------------------------------
# The collection: one field config per model field
# ----------------------------------------------------------------------------


def collection_fields(cls: type[BaseModel], optional: bool = False, parent: str | None = None) -> list[dict[str, Any]]:
    """The Decap field configs of a model's fields, in schema order; none required inside an optional group.

    parent: the field that holds them (`costs`), where a name means another thing there (`costs.transport`).
    """
    fields = []
    for name in _form_order(cls):
        info = cls.model_fields[name]
        config = field_config(name, info, label(name, parent), owner=cls.__name__)
        if optional:
            # Decap would demand the total of an empty costs group; the page's checks
            # (assets/beheer-regels.js) ask for it only once the group has a value.
            config["required"] = False
        fields.append(config)
        if cls is model.Traveller and name == "name":
            fields.append(_withheld_field())
    return fields


# The form's order is the schema's, except that a cost part's own currency sits right under its amount.
def _form_order(cls: type[BaseModel]) -> list[str]:
    names = list(cls.model_fields)
    if cls is model.Costs:
        for part in model.COST_PARTS:
            names.remove(f"{part}_currency")
            names.insert(names.index(part) + 1, f"{part}_currency")
    return names


def field_config(name: str, info: FieldInfo, label: str | None = None, owner: str = "") -> dict[str, Any]:
    """Decap's config of one field: label, hint (the form's own, or the docstring), widget, and whether it is required."""
    kind, meta, nullable = unwrap(info.annotation, info.metadata)
    config = {"name": name, "label": label or name, "required": info.is_required() and not nullable}
    hint = form_hint(owner, name, info)
    if hint:
        config["hint"] = hint
    config.update(widget(kind, meta, name, optional=nullable and not info.is_required()))
    return config


def form_hint(owner: str, name: str, info: FieldInfo) -> str | None:
    """The hint under a field: the form's own, or the schema's description without code marks."""
    return HINTS.get(f"{owner}.{name}", (info.description or "").replace("`", "")) or None


def widget(kind: Any, meta: list[Any], name: str, optional: bool = False) -> dict[str, Any]:
    """The widget and its options for a (unwrapped) type."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": collection_fields(kind, optional, parent=name)}
    if typing.get_origin(kind) is list:
        return _list_widget(typing.get_args(kind)[0], meta, name)
    if typing.get_origin(kind) is Literal:
        return {"widget": "select", "options": _options(typing.get_args(kind))}
    if kind is date:
        return {"widget": DATE_WIDGET}  # typed and shown the Dutch way (1-10-2015), saved as 2015-10-01
    checks = model.check_names(meta)
    if "amount" in checks:
        return {"widget": "string"}  # typed the Dutch way (1.234,50); the page reads it as money.parse_amount does
    if kind in (int, float):
        return {"widget": "number", "value_type": kind.__name__, **_bounds(meta)}
    if "country" in checks:
        return {"widget": "select", "options": country_options()}
    if "currency" in checks:
        return {"widget": "select", "options": currency_options()}
    return {"widget": "string"}


def _list_widget(item: Any, meta: list[Any], name: str) -> dict[str, Any]:
    kind = unwrap(item, [])[0]
    config: dict[str, Any] = {"widget": "list", **_bounds(meta)}
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        fields = collection_fields(kind, parent=name)
        summary = "{{fields." + fields[0]["name"] + "}}"  # an item is named by its first field: city, name, ...
        return config | {
            "fields": fields,
            "collapsed": False,
            "label_singular": (label("item", name) or "item").lower(),
            "summary": summary,
        }
    if typing.get_origin(kind) is Literal:  # a set of choices: a multiple select, not a list
        return {"widget": "select", "multiple": True, "options": _options(typing.get_args(kind)), **_bounds(meta)}
    return config  # a list of words, typed comma-separated


def _withheld_field() -> dict[str, Any]:
    return {
        "name": WITHHELD_FIELD,
        "label": message("label.withheld"),
        "widget": "boolean",
        "required": False,
        "default": False,
        "hint": "Aanvinken voor een ambtenaar: op de site staat dan 'naam niet openbaar'.",
    }


def _options(values: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"label": OPTION_LABELS.get(value, value), "value": value} for value in values]


# Lengths and bounds from the schema's constraints, under Decap's option names.
def _bounds(meta: list[Any]) -> dict[str, Any]:
    bounds = {}
    for item in meta:
        if isinstance(item, annotated_types.MinLen) and item.min_length:
            bounds["min"] = item.min_length
        elif isinstance(item, annotated_types.MaxLen):
            bounds["max"] = item.max_length
        elif isinstance(item, annotated_types.Ge):
            bounds["min"] = item.ge
        elif isinstance(item, annotated_types.Le):
            bounds["max"] = item.le
    return bounds


def country_options() -> list[dict[str, str]]:
    """Every ISO 3166-1 country, by Dutch name: 'Frankrijk (FR)'."""
    codes = [country.alpha_2 for country in pycountry.countries]
    options = [{"label": f"{country_name(code)} ({code})", "value": code} for code in codes]
    return sorted(options, key=lambda option: option["label"].casefold())


def currency_options() -> list[dict[str, str]]:
    """The ISO 4217 currencies with an ECB reference rate (others cannot be shown in euros): 'USD – Amerikaanse dollar'."""
    codes = sorted(c.alpha_3 for c in pycountry.currencies if has_rate(c.alpha_3))
    return [{"label": f"{code} – {Locale.parse(LOCALE).currencies.get(code, code)}", "value": code} for code in codes]


# ----------------------------------------------------------------------------
# The whole config
# ----------------------------------------------------------------------------

# The commits the form makes, in Dutch (Decap's own are "Create verslagen ...").
COMMIT_MESSAGES = {
    "create": "Nieuw verslag {{slug}}",
    "update": "Verslag {{slug}} bijgewerkt",
    "delete": "Verslag {{slug}} verwijderd",
    "uploadMedia": "Bijlage {{path}} toegevoegd",
    "deleteMedia": "Bijlage {{path}} verwijderd",
    "openAuthoring": "{{message}}",
}

BACKEND_KEYS = (
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "app_id",
    "auth_type",
    "auth_scope",
    "api_root",
    "open_authoring",
)


def backend(settings: dict[str, Any], repo_url: str | None = None) -> dict[str, Any]:
    """The `backend` block from `extra.reisregister.beheer` (and mkdocs.yml's repo_url as a fallback)."""
    chosen = {"name": settings.get("backend", "github"), "repo": _repo_from_url(repo_url), "branch": "main"}
    chosen.update({key: settings[key] for key in BACKEND_KEYS if settings.get(key) is not None})
    chosen["cms_label_prefix"] = "status/"  # pull-request labels read "status/draft" etc.
    chosen["commit_messages"] = COMMIT_MESSAGES
    return chosen


def _repo_from_url(url: str | None) -> str:
    parts = (url or "").rstrip("/").removesuffix(".git").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 5 else "ORGANISATIE/reisregister"


def decap_config(
    settings: dict[str, Any], repo_url: str | None = None, local_url: str | None = None, folder: str = "reports"
) -> dict[str, Any]:
    """Decap's config.yml as data. local_url: decap-server's API (`make beheer`), never in a published build."""
    config: dict[str, Any] = {"backend": backend(settings, repo_url)}
    if local_url:
        config["local_backend"] = {"url": local_url}
    config |= {
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "media_folder": f"{folder}/bijlagen",  # required by Decap; the form has no upload field
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [_collection(folder)],
    }
    return config


def _collection(folder: str) -> dict[str, Any]:
    body = {
        "name": "body",
        "label": message("place.body"),
        "widget": "markdown",
        "modes": ["raw"],  # raw Markdown is saved as typed; the rich-text editor rewrites it
        "sanitize_preview": True,
        "required": False,
        "default": default_body(),
        "hint": "Het verslag onder de vijf vaste kopjes. Laat de tekst leeg zolang de reis nog gepland is.",
    }
    return {
        "name": "verslagen",
        "label": "Verslagen",
        "label_singular": "verslag",
        "description": "Elke opgeslagen wijziging wordt een pull request; na controle en goedkeuring staat het verslag op de site.",
        "folder": folder,
        "extension": "md",
        "format": FORMAT,
        "create": True,
        "delete": False,  # a published report is corrected, never removed
        # <YYYY>/<start_date>-<place>: the id is start_date and the first destination's city.
        "path": '{{start_date | truncate(4, "-")}}/{{slug}}',
        "slug": "{{fields.start_date}}-{{fields.destinations.0.city}}",
        "summary": "{{start_date}} – {{title}}",
        "sortable_fields": ["start_date", "title"],
        "fields": [*collection_fields(model.FrontMatter), body],
    }


def default_body() -> str:
    """The body of a new report: the five standard headings."""
    return "".join(f"## {heading}\n\n\n" for heading in SECTIONS.values()).rstrip("\n") + "\n"


def config_yaml(config: dict[str, Any]) -> str:
    """config.yml's text: YAML 1.2 that every reader reads alike (`NO` quoted)."""
    return "# Generated from src/reisregister/model.py by src/reisregister/beheer.py; do not edit.\n" + dump_yaml(
        config
    )


# ----------------------------------------------------------------------------
# How the page's file format writes a report (velden.json)
# ----------------------------------------------------------------------------


def shape(cls: type[BaseModel] = model.FrontMatter) -> dict[str, Any]:
    """Per field, in schema order: its kind, its rules (required, bounds, options, checks), nested shapes, whether `null` stays."""
    fields = {}
    for name, info in cls.model_fields.items():
        kind, meta, nullable = unwrap(info.annotation, info.metadata)
        item = typing.get_args(kind)[0] if typing.get_origin(kind) is list else None
        inner, inner_meta, _ = unwrap(item, []) if item is not None else (kind, meta, nullable)
        entry: dict[str, Any] = {"kind": _kind(inner), "required": info.is_required(), "nullable": nullable}
        if item is not None:
            entry |= {"list": True, "items": _limits(meta)}
        entry |= _limits(inner_meta if item is not None else meta)
        entry |= _checks(inner, inner_meta if item is not None else meta)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            entry["fields"] = shape(inner)["fields"]
        if nullable and info.is_required():
            entry["keep_null"] = True
        fields[name] = entry
    return {"fields": fields, "withheld": WITHHELD_FIELD, "rules": rules()}


# The messages assets/front-matter.js can give: load.py's, and the form's own refusal to save.
READER_MESSAGES = (
    "encoding.nul",
    "front.missing",
    "front.not_closed",
    "front.character",
    "front.directive",
    "front.document_marker",
    "front.not_yaml",
    "front.empty",
    "front.not_mapping",
    "front.too_deep",
    "front.anchor",
    "front.tag",
    "front.key_twice",
    "front.key_not_word",
    "front.unusable_number",
    "beheer.refused",
    "beheer.refused_output",
)


def reader_rules() -> dict[str, Any]:
    """What the form's reader (assets/front-matter.js) takes from load.py: refused characters, depth, messages."""
    return {
        "refused": [list(codes) for codes in REFUSED_IN_FRONT_MATTER_RANGES],
        "max_depth": MAX_DEPTH,
        "messages": {key: template(key) for key in READER_MESSAGES},
    }


def _kind(kind: Any) -> str:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return "object"
    return {date: "date", float: "float", int: "int"}.get(kind, "text")


# Bounds under pydantic's names (min_length, max_length, ge, le), as the messages name them.
def _limits(meta: list[Any]) -> dict[str, Any]:
    limits = {}
    for item in meta:
        for name in ("min_length", "max_length", "ge", "le"):
            if getattr(item, name, None) is not None:
                limits[name] = getattr(item, name)
        if getattr(item, "allow_inf_nan", None) is False:
            limits["finite"] = True
    return limits


def _checks(kind: Any, meta: list[Any]) -> dict[str, Any]:
    found = model.check_names(meta)  # the page runs the same rules (assets/beheer-regels.js)
    extra: dict[str, Any] = {"checks": found} if found else {}
    if typing.get_origin(kind) is Literal:
        extra["options"] = list(typing.get_args(kind))
    return extra


def rules() -> dict[str, Any]:
    """The data behind the rules that are not one field's bounds: patterns, lists and the message catalogue."""
    from reisregister.core import places, report
    from reisregister.core.i18n.messages import NL
    from reisregister.core.money import CURRENCY_SIGNS, DUTCH_AMOUNT, ENGLISH_AMOUNT, currency_index
    from reisregister.intake import checks

    codes = [country.alpha_2 for country in pycountry.countries]
    return {
        "messages": NL,
        "invisible_text": model.INVISIBLE_IN_TEXT.pattern,
        "invisible_body": model.INVISIBLE_IN_BODY.pattern,
        "html": model.HTML_TAG.pattern,
        "iso_date": model.ISO_DATE.pattern,
        "placeholder": model.PLACEHOLDER,
        "not_a_name": sorted(model.NOT_A_NAME),
        "first_date": model.FIRST_DATE.isoformat(),
        "last_date": model.LAST_DATE.isoformat(),
        "sum_tolerance": model.SUM_TOLERANCE,
        "cost_parts": list(model.COST_PARTS),
        "open": model.OPEN,
        "transport_modes": list(model.TRANSPORT_MODES),
        "countries": {code: country_name(code) for code in codes},
        "country_names": dict(sorted(places.country_index().items())),  # sorted: two builds give the same file
        "currencies": sorted(c.alpha_3 for c in pycountry.currencies if has_rate(c.alpha_3)),
        "currency_names": dict(sorted(currency_index().items())),
        "iso_currencies": sorted(c.alpha_3 for c in pycountry.currencies),
        "currency_signs": CURRENCY_SIGNS.pattern,
        "dutch_amount": DUTCH_AMOUNT.pattern,
        "english_amount": ENGLISH_AMOUNT.pattern,
        "name_separators": places.NAME_SEPARATORS.pattern,
        "sections": SECTIONS,
        "section_placeholder": report.SECTION_PLACEHOLDER,
        "placeholder_max": checks.PLACEHOLDER_MAX,
        "near_heading": checks.NEAR_HEADING,
        "heading": report.HEADING.pattern,
        "fence": report.FENCE.pattern,
        "max_body": checks.MAX_BODY_CHARS,
        "max_section": checks.MAX_SECTION_CHARS,
    }


@functools.cache
def gazetteer() -> dict[str, list[str]]:
    """Normalised city name -> the countries geonames knows it in, likeliest first (the form's place check)."""
    from reisregister.core import places

    countries: dict[str, set[str]] = {}
    for name, country in places.coordinate_index():
        countries.setdefault(name, set()).add(country)
    best = places.city_index()
    return {
        name: [best[name][2], *sorted(codes - {best[name][2]})]
        for name, codes in sorted(countries.items())
        if name in best
    }


# ----------------------------------------------------------------------------
# The files of /beheer/
# ----------------------------------------------------------------------------


class MissingBundle(RuntimeError):
    """Decap CMS is not installed in tools/decap (`make setup` installs it)."""


def site_files(config: dict[str, Any]) -> dict[str, str | Path]:
    """Site path -> text or source file of everything /beheer/ serves; raises MissingBundle without Decap."""
    if not (DECAP_DIST / "decap-cms.js").is_file() or not (YAML_DIST / "index.js").is_file():
        raise MissingBundle(message("build.no_decap", folder=DECAP_TOOLS))
    files: dict[str, str | Path] = {
        "beheer/index.html": ASSETS / "beheer.html",
        "beheer/start.js": ASSETS / "beheer-start.js",
        "beheer/beheer.css": ASSETS / "beheer.css",
        "beheer/nl.json": ASSETS / "beheer-nl.json",
        "beheer/reisregister.js": ASSETS / "beheer.js",
        "beheer/config.yml": config_yaml(config),
        # ASCII: the patterns of the checks hold lone surrogates, which UTF-8 cannot write.
        "beheer/velden.json": json.dumps({**shape(), "reader": reader_rules()}, indent=1) + "\n",
        "beheer/front-matter.js": ASSETS / "front-matter.js",
        "beheer/plaatsen.json": json.dumps(gazetteer(), ensure_ascii=False, separators=(",", ":")),
        "beheer/regels.js": ASSETS / "beheer-regels.js",
    }
    # The bundle and the chunks and WebAssembly it loads from its own folder; not the source maps.
    for path in sorted(DECAP_DIST.iterdir()):
        if path.name.endswith(("decap-cms.js", ".wasm")) or path.name == "decap-cms.js.LICENSE.txt":
            files[f"beheer/decap/{path.name}"] = path
    for path in sorted(YAML_DIST.rglob("*.js")):
        files[f"beheer/yaml/{path.relative_to(YAML_DIST).as_posix()}"] = path
    files["beheer/yaml/LICENSE"] = YAML_DIST.parent.parent / "LICENSE"
    return files


def write_site_files(folder: Path, config: dict[str, Any]) -> None:
    """Write everything /beheer/ serves under folder, as the build does (for trials of the form without MkDocs)."""
    for path, content in site_files(config).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content, encoding="utf-8")
