"""Dutch wording of dates, amounts, countries and statuses for pages (via babel)."""

from __future__ import annotations

import re
from datetime import date

from anyascii import anyascii
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "nl_NL"
_DUTCH = Locale.parse(LOCALE)
WITHHELD = "naam niet openbaar"


def country_name(code: str) -> str:
    """FR -> Frankrijk."""
    return _DUTCH.territories.get(code, code)


def long_date(day: date) -> str:
    """14 september 2015."""
    return format_date(day, "d MMMM y", locale=LOCALE)


def date_range(start: date, end: date) -> str:
    """14 en 15 september 2015; 30 september t/m 2 oktober 2015; 12 april 2016."""
    if start == end:
        return long_date(start)
    joiner = "en" if (end - start).days == 1 else "t/m"
    if start.year != end.year:
        return f"{long_date(start)} {joiner} {long_date(end)}"
    if start.month != end.month:
        return f"{format_date(start, 'd MMMM', locale=LOCALE)} {joiner} {long_date(end)}"
    return f"{start.day} {joiner} {long_date(end)}"


def money(amount: float, currency: str = "EUR") -> str:
    """€ 1.234,56."""
    return format_currency(amount, currency, locale=LOCALE)


def number(value: float) -> str:
    """1.234."""
    return format_decimal(value, locale=LOCALE)


def plural(count: int, one: str, many: str) -> str:
    """1 dag, 2 dagen."""
    return f"{number(count)} {one if count == 1 else many}"


def slugify(text: str, fallback: str = "x") -> str:
    """An ASCII slug for addresses and ids, transliterated: 'Köln' -> 'koln', 'Αθήνα' -> 'athina', '北京' -> 'beijing'."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or fallback
