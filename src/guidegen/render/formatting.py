"""How figures, dates and durations read on a page: one place, so every page agrees."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from guidegen.content.fields import AsOfValue, YearMonth

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _with_currency(number: str, currency: str) -> str:
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


# suffix, unit, decimals shown; the salary data passes them to static/js/money.js
SHORT_UNITS = (("M", 1_000_000, 2), ("K", 1_000, 1))


def _short(amount: int) -> tuple[str, str, int]:
    """The number, suffix and unit money_short writes: 152550 -> ('152.6', 'K', 1000)."""
    for suffix, unit, digits in SHORT_UNITS:
        if amount >= unit:
            return f"{amount / unit:.{digits}f}".rstrip("0").rstrip("."), suffix, unit
    return str(amount), "", 1


def money_short(amount: int, currency: str = "USD") -> str:
    """150000 -> $150K; 1250000 -> $1.25M; 950 -> $950."""
    number, suffix, _unit = _short(amount)
    return _with_currency(number + suffix, currency)


def shown_amount(amount: int) -> int:
    """The amount money_short shows, as a number: 152550 reads "$152.6K", so 152600.

    Structured data carries this number, so it never claims more precision than the page."""
    number, _suffix, unit = _short(amount)
    return int(Decimal(number) * unit)


def money_exact(amount: int, currency: str = "USD") -> str:
    """160000 -> $160,000."""
    return _with_currency(f"{amount:,}", currency)


def money_range(bounds: tuple[int, int | None], currency: str = "USD") -> str:
    """(150000, 180000) -> $150K–$180K; an open end (400000, None) -> $400K+."""
    low, high = bounds
    if high is None:
        return f"{money_short(low, currency)}+"
    if high == low:
        return money_short(low, currency)
    return f"{money_short(low, currency)}–{money_short(high, currency)}"


def long_date(value: dt.date) -> str:
    """2026-11-20 -> 20 November 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def wage(amount: int | float, currency: str = "USD") -> str:
    """A published wage as exactly as its source gives it: 120230 -> $120,230; 57.8 -> $57.80."""
    if amount == int(amount):
        return money_exact(int(amount), currency)
    return _with_currency(f"{amount:,.2f}", currency)


def as_of(value: AsOfValue) -> str:
    """A figure's date: a year on its own, or a month and year."""
    if isinstance(value, int):
        return str(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


def as_of_iso(value: AsOfValue) -> str:
    """2026, 2026-06 or 2026-06-01: the as_of as the content file spells it."""
    return str(value) if isinstance(value, int) else value.isoformat()


def number(value: int) -> str:
    """1010 -> 1,010: a count of programs, pages or articles, grouped in thousands as the theme's English reads."""
    return f"{value:,}"


def duration(months: int | None) -> str:
    """24 -> 24 months (2 years); None -> not listed."""
    if months is None:
        return "not listed"
    if months % 12 == 0:
        years = months // 12
        return f"{months} months ({years} year{'s' if years != 1 else ''})"
    return f"{months} month{'s' if months != 1 else ''}"


def build_date() -> dt.date:
    """Today, or the reproducible-builds SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def publishing_now() -> dt.datetime:
    """The moment scheduled pages are compared with: now, or SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC)


def months_old(as_of_value: AsOfValue, today: dt.date) -> int:
    """Whole months between a figure's date and today; a bare year counts from its end, a month from itself."""
    if isinstance(as_of_value, int):
        as_of_value = YearMonth(as_of_value, 12)
    return (today.year - as_of_value.year) * 12 + (today.month - as_of_value.month)


def is_stale(as_of_value: AsOfValue, max_months: int, today: dt.date) -> bool:
    return months_old(as_of_value, today) > max_months
