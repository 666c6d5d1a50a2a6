"""Typed models of every content file: the content contract, validated by pydantic."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from guidegen.content.fields import (
    SLUG_SCHEMA,
    Amount,
    AsOf,
    Currency,
    Date,
    FieldError,
    Host,
    Language,
    Moment,
    MoneyRange,
    OpenMoneyRange,
    SitePath,
    Slug,
    Tag,
    Text,
    TimeZone,
    Url,
    YearsRange,
    check_absolute_url,
    check_slug,
    describe,
)
from guidegen.content.language import Direction, direction
from guidegen.errors import did_you_mean
from guidegen.markup.slugs import HeadingIdStyle


class Model(BaseModel):
    """Base of content models: unknown fields are kept so they can be reported with a suggestion."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True, defer_build=True)


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
        str, AfterValidator(check_absolute_url), WithJsonSchema({"type": "string", "pattern": "^https?://[^/\\s]+"})
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
    id: Annotated[str, AfterValidator(check_slug), AfterValidator(_not_reserved), SLUG_SCHEMA]
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
