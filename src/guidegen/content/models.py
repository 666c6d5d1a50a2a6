"""Typed models of every content file: the content contract, validated by pydantic."""

from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args
from urllib.parse import unquote

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    SerializationInfo,
    WithJsonSchema,
    model_validator,
)

from guidegen.content.language import Direction, check_language, direction
from guidegen.errors import did_you_mean
from guidegen.markup.slugs import HeadingIdStyle

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


def _slug(value: str) -> str:
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


def _absolute_http_url(value: str) -> str:
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
_SLUG_SCHEMA = WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN.pattern})

Text = Annotated[str, BeforeValidator(_text), Field(min_length=1), _TEXT_SCHEMA]
Slug = Annotated[str, AfterValidator(_slug), _SLUG_SCHEMA]
Url = Annotated[str, AfterValidator(check_url)]
Date = Annotated[dt.date, BeforeValidator(_date)]
AsOf = Annotated[
    AsOfValue,
    PlainValidator(_as_of),
    PlainSerializer(_as_of_dumped),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$"}, {"type": "integer"}]}),
]
Amount = Annotated[int, Field(ge=0)]
Tag = Annotated[str, AfterValidator(_slug), _SLUG_SCHEMA]
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


class Model(BaseModel):
    """Base of content models: unknown fields are kept so they can be reported with a suggestion."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True)


class Source(Model):
    """Where a figure comes from, or a plain statement that no source is known."""

    name: Text | None = None
    url: Url | None = None
    unsourced: bool = False
    note: Text | None = None

    @model_validator(mode="after")
    def _named_or_unsourced(self) -> Source:
        if self.unsourced and (self.name or self.url):
            raise ValueError("a source is either named ({name, url}) or unsourced ({unsourced: true, note}), not both")
        if not self.unsourced and not self.name:
            raise ValueError("give the source's name (and url), or `unsourced: true` with a note")
        return self


def check_range(bounds: tuple[int, int | None]) -> tuple[int, int | None]:
    low, high = bounds
    if high is not None and low > high:
        raise FieldError(f"minimum {low:,} is greater than maximum {high:,}", "write the range as [min, max]")
    return bounds


MoneyRange = Annotated[tuple[Amount, Amount], AfterValidator(check_range)]
OpenMoneyRange = Annotated[tuple[Amount, Amount | None], AfterValidator(check_range)]
YearsRange = Annotated[tuple[Amount, Amount | None], AfterValidator(check_range)]


def _program_column(column: str) -> str:
    known = program_columns()
    if column not in known:
        hint = did_you_mean(column, known) or f"known columns: {', '.join(known)}"
        raise FieldError(f"'{column}' is not a program field", hint)
    return column


class NavItem(Model):
    title: Text
    url: Url


class SiteConfig(Model):
    title: Text
    base_url: Annotated[
        str, AfterValidator(_absolute_http_url), WithJsonSchema({"type": "string", "pattern": "^https?://[^/\\s]+"})
    ]
    language: Language = "en"  # every page's, unless its front matter names its own
    description: Text
    nav: list[NavItem] = []
    tagline: Text | None = None
    stale_after_months: int = Field(default=18, gt=0)
    strict_provenance: bool = False  # --strict also fails on stale or unsourced figures
    heading_ids: HeadingIdStyle = "github"  # "python-markdown" keeps the ids of sites coming from MkDocs
    image_hosts: list[Host] = []  # other hosts pages may show images from (the CSP's img-src)
    accepted_words: list[Text] = []  # words proofreading never flags: names, handles, terms of the trade
    search: bool | None = None  # site search: unset uses Pagefind when installed; true requires it; false is off
    timezone: TimeZone = "UTC"  # how publish_date and expiry_date times are read
    social_cards: bool = True  # a card image for each guide, career and article (needs guidegen[cards])

    # a spreadsheet's own column headers -> the program fields they hold, e.g. {Institution Name: institution}
    programs_columns: dict[Annotated[str, Field(min_length=1)], Annotated[str, AfterValidator(_program_column)]] = {}

    @property
    def direction(self) -> Direction:
        """Which way the site's language runs: "rtl" or "ltr"."""
        return direction(self.language)


class Stat(Model):
    value: Text
    label: Text
    source: Source | None = None
    as_of: AsOf | None = None


class Callout(Model):
    title: Text
    body: Text


class ListingSpec(Model):
    """Which programs a guide lists: every program having at least one of `tags`."""

    title: Text
    description: Text | None = None
    tags: list[Tag] = Field(min_length=1)


class RelatedSalaries(Model):
    """Salary tables of related occupations, shown in a section of their own with an introduction."""

    title: Text  # the section's heading, e.g. "Related occupations in BLS data"
    intro: Text  # Markdown: what the tables are, and what they are not
    tables: list[Slug] = Field(min_length=1)


class PageMeta(Model):
    """What every Markdown page's front matter may say about publishing it, whatever its kind."""

    draft: bool = False
    language: Language | None = None  # BCP 47; site.yaml's language when not given
    aliases: list[SitePath] = []  # old addresses of the page: each gets a redirect to it
    publish_date: Moment | None = None  # not built before then (guidegen serve and --future preview it)
    expiry_date: Moment | None = None  # not built from then on


class GuideMeta(PageMeta):
    title: Text
    kicker: Text
    badge: Text
    category: Text | None = None  # groups guides: each category has a hub page at /guides/category/<slug>/
    icon: Text | None = None
    summary: Text | None = None
    tldr: Text
    stats: list[Stat] = []
    callout: Callout | None = None
    career: Slug
    salary: Slug
    related_salaries: RelatedSalaries | None = None
    programs: ListingSpec | None = None
    updated: Date


class CareerMeta(PageMeta):
    title: Text
    summary: Text
    salary: Slug
    related_salaries: RelatedSalaries | None = None
    guides: list[Slug] = []
    updated: Date | None = None


class ArticleMeta(PageMeta):
    title: Text
    date: Date
    summary: Text
    tags: list[Text] = []
    updated: Date | None = None


PercentileKey = Literal["p10", "p25", "median", "p75", "p90"]
PERCENTILES: tuple[PercentileKey, ...] = get_args(PercentileKey)
PERCENTILE_NAMES = {"p10": "10th", "p25": "25th", "median": "median", "p75": "75th", "p90": "90th"}

# a wage: whole amounts, or cents in an hourly table (content/salary_rules.py keeps periods apart)
Wage = Annotated[int | float, Field(ge=0)]


class Percentiles(Model):
    """Wages at percentiles of a distribution, any subset; `null` marks one that is top-coded or not released."""

    p10: Wage | None = None
    p25: Wage | None = None
    median: Wage | None = None
    p75: Wage | None = None
    p90: Wage | None = None

    def given(self) -> tuple[tuple[PercentileKey, int | float | None], ...]:
        """The percentiles the row names, low to high, with None for a null (top-coded or not released)."""
        return tuple((key, getattr(self, key)) for key in PERCENTILES if key in self.model_fields_set)

    def value(self, key: PercentileKey) -> int | float | None:
        return getattr(self, key) if key in self.model_fields_set else None


def _years(value: Any) -> Any:
    """`years: [3, 5]`, and the forms editors write by hand: `3-5`, `3–5`, `3 to 5`, `10+`."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if match := re.fullmatch(r"(\d+)\s*(?:-|–|—|to)\s*(\d+)(?:\s*years?)?", text):
        return [int(match.group(1)), int(match.group(2))]
    if match := re.fullmatch(r"(\d+)\s*\+(?:\s*years?)?", text):
        return [int(match.group(1)), None]
    raise FieldError(
        f"expected a span of years, got {describe(value)}", "write it as [3, 5], 3-5, or 10+ for open-ended"
    )


def _area_code(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        raise FieldError(
            "expected the area code as quoted text, got a number",
            'write it in quotes, such as area_code: "0035620": unquoted, YAML reads a code as a number',
        )
    return value


AreaCode = Annotated[str, BeforeValidator(_area_code), Field(min_length=1)]


class SalaryRow(Model):
    """What a level and a location may both carry besides their range: percentiles, employment, an area code."""

    percentiles: Percentiles | None = None
    top_coded: list[PercentileKey] = []  # the null percentiles that are at or above the top code
    employment: Annotated[int, Field(ge=0)] | None = None  # null: employment not released
    area_code: AreaCode | None = None


class SalaryLevel(SalaryRow):
    level: Text
    years: Annotated[YearsRange, BeforeValidator(_years)] | None = None
    base: MoneyRange | None = None
    total: OpenMoneyRange | None = None

    @model_validator(mode="after")
    def _has_figures(self) -> SalaryLevel:
        if self.base is None and self.total is None and self.percentiles is None:
            raise ValueError("a level needs `base`, `total`, `percentiles`, or more than one of them")
        return self


class SalaryLocation(SalaryRow):
    name: Text
    range: MoneyRange | None = None

    @model_validator(mode="after")
    def _has_figures(self) -> SalaryLocation:
        if self.range is None and self.percentiles is None:
            raise ValueError("a location needs `range` or `percentiles`")
        if self.range is not None and self.percentiles is not None:
            raise ValueError("a location gives `range` or `percentiles`, not both")
        return self


class Occupation(Model):
    """The occupation a table's figures describe, as the source classifies it."""

    title: Text
    soc: Annotated[str, Field(pattern=r"^\d{2}-\d{4}$")] | None = None  # Standard Occupational Classification


class SalaryTableData(Model):
    title: Text
    currency: Currency
    period: Literal["year", "month", "hour"]
    as_of: AsOf
    source: Source
    scope: Text | None = None
    occupation: Occupation | None = None
    note: Text | None = None  # what the figures cover, shown under the tables
    top_code: Wage | None = None  # the value at or above which the source publishes no figure
    levels: list[SalaryLevel] = []
    locations: list[SalaryLocation] = []

    @property
    def has_percentiles(self) -> bool:
        return any(row.percentiles is not None for row in (*self.levels, *self.locations))


class Location(Model):
    city: Text
    region: Text | None = None
    country: Text


class Cost(Model):
    amount: Amount
    currency: Currency
    note: Text | None = None


ProgramType = Literal["Bachelor's", "Master's", "Master's in Teaching", "MBA", "PhD", "Certificate"]
ProgramFormat = Literal["On-Campus", "Online", "Hybrid"]
PROGRAM_TYPES: tuple[str, ...] = get_args(ProgramType)
PROGRAM_FORMATS: tuple[str, ...] = get_args(ProgramFormat)


# the catalog's own pages live beside the programs' (/programs/compare/, /programs/format/online/, ...)
RESERVED_PROGRAM_IDS = ("compare", "format", "type", "country", "region", "topic", "page")


def _not_reserved(value: str) -> str:
    if value in RESERVED_PROGRAM_IDS:
        raise FieldError(
            f"'{value}' is reserved: /programs/{value}/ is one of the catalog's own pages",
            "choose another id, e.g. one that starts with the institution's name",
        )
    return value


class Program(Model):
    id: Annotated[str, AfterValidator(_slug), AfterValidator(_not_reserved), _SLUG_SCHEMA]
    institution: Text
    school: Text | None = None
    name: Text
    type: ProgramType
    format: ProgramFormat
    location: Location
    duration_months: Annotated[int, Field(gt=0)] | None = None
    cost: Cost | None = None
    tags: list[Tag] = []
    url: Url | None = None
    description: Text | None = None
    aliases: list[SitePath] = []  # old addresses of the program's page


def program_columns() -> tuple[str, ...]:
    """The program fields as a spreadsheet's columns name them: nested fields dotted (location.city)."""
    columns: list[str] = []
    for name, info in Program.model_fields.items():
        nested = [arg for arg in (info.annotation, *get_args(info.annotation)) if isinstance(arg, type)]
        model = next((arg for arg in nested if issubclass(arg, BaseModel)), None)
        if model is None:
            columns.append(name)
        else:
            columns.extend(f"{name}.{field}" for field in model.model_fields)
    return tuple(columns)
