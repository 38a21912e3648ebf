"""Every amount in euros: the ECB reference rate of a trip's first day, from the ECB history that
the `currencyconverter` package ships (no download, so two builds give the same figures).

A rate is the one published on the trip's first day, or the last one before it (no rates on
weekends and holidays); after the last published rate (planned trips), the latest known rate.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from currency_converter import CurrencyConverter, RateNotFoundError

EURO = "EUR"
LOOKBACK_DAYS = 14  # the longest ECB gap (year end) is a few days
# What Dutch staff type for a currency, beyond its code and babel's names ("Amerikaanse dollar").
_CURRENCY_WORDS = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "pond": "GBP",
    "pound": "GBP",
    "frank": "CHF",
    "franken": "CHF",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "zloty": "PLN",
}
CURRENCY_SIGNS = re.compile(r"€|\beur(?:o|os)?\b|\s", re.IGNORECASE)
# How staff write an amount. Dutch first: 1.234,50 and 412,50 (a point groups thousands). English
# only where it cannot be read the Dutch way: 412.50, 1,234.50. Anything else ("0,001", "1,234",
# "0.001") is unclear and refused rather than guessed. The web form uses these same patterns.
DUTCH_AMOUNT = re.compile(r"[1-9]\d{0,2}(\.\d{3})+(,\d{1,2})?|\d+(,\d{1,2})?")
ENGLISH_AMOUNT = re.compile(r"[1-9]\d{0,2}(,\d{3})+\.\d{1,2}|\d+\.\d{1,2}")


@dataclass(frozen=True)
class EuroAmount:
    """An amount in euros, and the rate it was converted with (None for an amount in euros)."""

    eur: float
    rate: float | None = None  # units of the currency per euro
    rate_date: date | None = None
    latest_known: bool = False  # the trip is after the last published rate

    @property
    def converted(self) -> bool:
        return self.rate is not None


@functools.cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def has_rate(currency: str) -> bool:
    """Whether the ECB publishes (or published) a reference rate for the currency."""
    return currency == EURO or currency in _converter().currencies


@functools.cache
def euro_rate(currency: str, day: date) -> tuple[float, date, bool] | None:
    """(units per euro, date of that rate, after the last published rate?) for a day; None without rates."""
    if currency == EURO or not has_rate(currency):
        return None
    first, last = _converter().bounds[currency]
    day = max(first, day)
    latest = day > last
    day = min(day, last)
    for back in range(LOOKBACK_DAYS + 1):
        try:
            return (
                _converter().convert(1, EURO, currency, date=day - timedelta(days=back)),
                day - timedelta(days=back),
                latest,
            )
        except RateNotFoundError:
            continue
    return None


def to_euro(amount: float, currency: str, day: date) -> EuroAmount | None:
    """The amount in euros at the reference rate of the day; None if the currency has no ECB rate."""
    if currency == EURO:
        return EuroAmount(round(amount, 2))
    found = euro_rate(currency, day)
    if found is None:
        return None
    rate, rate_date, latest = found
    return EuroAmount(round(amount / rate, 2), rate, rate_date, latest)


def parse_amount(text: str) -> float | None:
    """An amount as Dutch staff type it: '€ 1.234,50', '1.234,50', '412,50', '412.50', '450,-'; None if unclear."""
    digits = CURRENCY_SIGNS.sub("", text).removesuffix(",-").removesuffix(".-")
    if DUTCH_AMOUNT.fullmatch(digits):
        return float(digits.replace(".", "").replace(",", "."))
    if ENGLISH_AMOUNT.fullmatch(digits):
        return float(digits.replace(",", ""))
    return None


def currency_code(text: str) -> str | None:
    """The ISO 4217 code for a code, a sign or a name in Dutch or English (`usd`, `$`, `dollar`, `Zwitserse frank`)."""
    key = " ".join(text.strip().casefold().split())
    return currency_index().get(key)


@functools.cache
def currency_index() -> dict[str, str]:
    """Casefolded code, sign or name -> code, for the currencies with an ECB rate."""
    from babel import Locale

    index = dict(_CURRENCY_WORDS)
    codes = {EURO, *_converter().currencies}
    for locale in ("nl", "en"):
        for code, name in Locale.parse(locale).currencies.items():
            if code in codes:
                index.setdefault(name.casefold(), code)
    index.update({code.casefold(): code for code in codes})
    return index
