"""The field types of the content contract: each one's validator, the message it gives, and its JSON schema.

content/models.py builds the models of every content file from these.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import unquote

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    SerializationInfo,
    WithJsonSchema,
)

from guidegen.content.language import check_language

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SAFE_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")


class FieldError(ValueError):
    """A field's value is wrong; `hint` says how to fix it (shown in parentheses after the message)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _text(value: Any) -> Any:
    """Numbers written in YAML (`value: 42`) are text too; anything else must be a string."""
    if isinstance(value, bool):
        raise ValueError(f"expected text, got {str(value).lower()}")
    if isinstance(value, int | float):
        return str(value)
    return value


def check_slug(value: str) -> str:
    if SLUG_PATTERN.match(value):
        return value
    if ".." in value or value.startswith("/") or "\\" in value:
        raise FieldError(f"'{value}' is not a valid slug: it must not contain path separators or '..'")
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    hint = f"did you mean '{suggestion}'?" if suggestion and SLUG_PATTERN.match(suggestion) else None
    raise FieldError(f"'{value}' is not a valid slug: use lowercase letters, digits and hyphens", hint)


def check_url(value: str) -> str:
    """Only http(s) and relative URLs: no javascript:, data:, vbscript: or other schemes.

    The scheme is read the way a browser might end up reading it: after HTML entities and
    %-escapes are decoded and the control characters and spaces it skips are dropped, so
    `JaVaScRiPt:`, ` javascript:`, `java\tscript:` and `javascript&#58;` are all caught.
    """
    match = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", html.unescape(unquote(value))))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        raise FieldError(
            f"URL scheme '{match.group(1)}:' is not allowed", "use an http(s) URL or a site path such as /guides/"
        )
    if match and not value.strip().lower().startswith(("http://", "https://")):
        raise FieldError(f"'{value}' is not a valid URL", "write it as https://... or as a site path such as /guides/")
    return value.strip()


def check_absolute_url(value: str) -> str:
    value = check_url(value)
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(f"expected an absolute http(s) URL such as https://example.org/, got '{value}'")
    return value if value.endswith("/") else value + "/"


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise FieldError(f"{describe(value)} is not a calendar date: {exc}") from None
    raise FieldError(f"expected a date as YYYY-MM-DD, got {describe(value)}")


@dataclass(frozen=True, order=True)
class YearMonth:
    """A reference period named by its month, as surveys name theirs: `as_of: 2025-05` reads "May 2025"."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


AsOfValue = dt.date | YearMonth | int


def _as_of_dumped(value: AsOfValue, info: SerializationInfo) -> AsOfValue | str:
    """The value itself in a Python dump; in JSON as an editor writes it: 2025-05-01, 2025-05 or 2025."""
    return value if isinstance(value, int) or info.mode != "json" else value.isoformat()


_YEAR_MONTH = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")


def _as_of(value: Any) -> AsOfValue:
    """A figure's age: a full date, a year and month, or a year on its own."""
    if isinstance(value, YearMonth):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
        return _as_of(int(value))
    if isinstance(value, str) and (match := _YEAR_MONTH.fullmatch(value)):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise FieldError(f"{describe(value)} is not a month: the month must be 01 to 12")
        return YearMonth(year, month)
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value)):
        return _date(value)
    raise FieldError(f"expected a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY), got {describe(value)}")


_HOST = re.compile(r"(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")


def _host(value: str) -> str:
    """A host name pages may load images from, as a CSP source: `avatars.githubusercontent.com`, `*.example.org`."""
    if _HOST.fullmatch(value.lower()):
        return value.lower()
    bare = re.sub(r"^[a-z]+://|[/?#].*$", "", value.strip().lower())
    hint = f"did you mean '{bare}'?" if bare != value and _HOST.fullmatch(bare) else "write the host alone"
    raise FieldError(f"'{value}' is not a host name such as 'avatars.githubusercontent.com'", hint)


_PATH_CHARS = r"[A-Za-z0-9._~!$&'()*+,;=:@%-]"
_SITE_PATH = re.compile(rf"^/(?:{_PATH_CHARS}+/)*{_PATH_CHARS}*$")


def _site_path(value: str) -> str:
    """An old address of a page (an alias): a path on this site, such as /old/path/."""
    if not value.startswith("/") or value.startswith("//") or _SCHEME.match(value):
        raise FieldError(f"'{value}' is not a site path", "write it as a path on this site, such as /old/path/")
    if "?" in value or "#" in value:
        raise FieldError(f"'{value}' is not a site path: an alias cannot have a query or #fragment")
    if any(part in (".", "..") for part in value.split("/")) or not _SITE_PATH.match(value):
        raise FieldError(f"'{value}' is not a site path: use letters, digits, '-', '_', '.' and '/' only")
    if value == "/":
        raise FieldError("'/' is the home page; it cannot be an alias")
    last = value.rsplit("/", 1)[-1]
    return value if value.endswith("/") or "." in last else value + "/"  # /old -> /old/ (old/index.html)


def _moment(value: Any) -> dt.date | dt.datetime:
    """A publishing moment: a date (the start of that day), or a date with a time, in site.yaml's timezone."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return _date(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?", text):
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError as exc:
                raise FieldError(f"{describe(value)} is not a valid date and time: {exc}") from None
    raise FieldError(f"expected a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM), got {describe(value)}")


def _timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise FieldError(
            f"unknown time zone '{value}'", "use an IANA name such as UTC, Europe/Berlin or America/New_York"
        ) from None
    return value


def _currency(value: str) -> str:
    if re.fullmatch(r"[A-Z]{3}", value):
        return value
    hint = f" (did you mean '{value.upper()}'?)" if re.fullmatch(r"[A-Za-z]{3}", value) else ""
    raise ValueError(f"expected a three-letter ISO 4217 currency code such as USD, got {describe(value)}{hint}")


def describe(value: Any) -> str:
    """How a bad value is shown in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# WithJsonSchema: what `guidegen schema` tells editors where the validator accepts more than the type says
_TEXT_SCHEMA = WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]})
SLUG_SCHEMA = WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN.pattern})

Text = Annotated[str, BeforeValidator(_text), Field(min_length=1), _TEXT_SCHEMA]
Slug = Annotated[str, AfterValidator(check_slug), SLUG_SCHEMA]
Url = Annotated[str, AfterValidator(check_url)]
Date = Annotated[dt.date, BeforeValidator(_date)]
AsOf = Annotated[
    AsOfValue,
    PlainValidator(_as_of),
    PlainSerializer(_as_of_dumped),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}, {"type": "integer"}]}),
]
Amount = Annotated[int, Field(ge=0)]
Tag = Annotated[str, AfterValidator(check_slug), SLUG_SCHEMA]
Language = Annotated[
    str, AfterValidator(check_language), WithJsonSchema({"type": "string", "examples": ["en", "de", "pt-BR", "ar"]})
]
Host = Annotated[str, AfterValidator(_host)]
Moment = Annotated[
    dt.date | dt.datetime,
    BeforeValidator(_moment),
    WithJsonSchema({"type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}.*)?$"}),
]
TimeZone = Annotated[str, AfterValidator(_timezone)]
SitePath = Annotated[str, AfterValidator(_site_path), WithJsonSchema({"type": "string", "pattern": "^/"})]
Currency = Annotated[str, AfterValidator(_currency), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"})]


def check_range(bounds: tuple[int, int | None]) -> tuple[int, int | None]:
    low, high = bounds
    if high is not None and low > high:
        raise FieldError(f"minimum {low:,} is greater than maximum {high:,}", "write the range as [min, max]")
    return bounds


MoneyRange = Annotated[tuple[Amount, Amount], AfterValidator(check_range)]
OpenMoneyRange = Annotated[tuple[Amount, Amount | None], AfterValidator(check_range)]
YearsRange = Annotated[tuple[Amount, Amount | None], AfterValidator(check_range)]
