"""How figures, dates and durations read on a page: one place, so every page agrees."""

from __future__ import annotations

import datetime as dt
import os

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


def shown_amount(amount: int) -> int:
    """The amount money_short shows: to the nearest 100 from 1,000 on, to the nearest 10,000 from a million on.

    Structured data carries this number, so it never claims more precision than the page."""
    if amount < 1_000:
        return amount
    step = 10_000 if amount >= 1_000_000 else 100
    return (amount + step // 2) // step * step


def money_short(amount: int, currency: str = "USD") -> str:
    """150000 -> $150K; 1250000 -> $1.25M; 950 -> $950."""
    shown = shown_amount(amount)
    if shown >= 1_000_000:
        number = _decimal(shown, 1_000_000) + "M"
    elif shown >= 1_000:
        number = _decimal(shown, 1_000) + "K"
    else:
        number = str(shown)
    return _with_currency(number, currency)


def _decimal(amount: int, unit: int) -> str:
    """Exact decimal division for amounts already rounded to what is shown: 152600 / 1000 -> '152.6'."""
    whole, rest = divmod(amount, unit)
    fraction = f"{rest:0{len(str(unit)) - 1}d}".rstrip("0")
    return f"{whole}.{fraction}" if fraction else str(whole)


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


def as_of(value: dt.date | int) -> str:
    """A figure's date: a year on its own, or a month and year."""
    if isinstance(value, int):
        return str(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


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


def months_old(as_of_value: dt.date | int, today: dt.date) -> int:
    """Whole months between a figure's date and today; a bare year counts from its end."""
    if isinstance(as_of_value, int):
        as_of_value = dt.date(as_of_value, 12, 31)
    return (today.year - as_of_value.year) * 12 + (today.month - as_of_value.month)


def is_stale(as_of_value: dt.date | int, max_months: int, today: dt.date) -> bool:
    return months_old(as_of_value, today) > max_months
