"""Structured data (schema.org JSON-LD) for each page, built from the same objects its template shows.

Every value is the one the page shows: salary bounds are the amounts the table prints (rounded the way
it prints them), an open-ended range has no maximum, and a figure the page calls "not listed" is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guidegen.content.models import PercentileKey, Program, SalaryRow, SalaryTableData, SiteConfig
from guidegen.render import formatting
from guidegen.structure import urls
from guidegen.structure.contexts import ArticlePage, CareerPage, GuidePage, HomePage, Page, ProgramPage
from guidegen.structure.planning import plain_text
from guidegen.structure.urls import UrlScheme

JsonLd = dict[str, Any]

CONTEXT = "https://schema.org"
PERIODS = {"year": "P1Y", "month": "P1M", "hour": "PT1H"}  # ISO 8601 durations of a salary's pay period


@dataclass(frozen=True)
class StructuredData:
    """Builds the JSON-LD objects of a page; templates render each in a <script type="application/ld+json">."""

    config: SiteConfig
    scheme: UrlScheme

    def for_page(self, page: Page) -> list[JsonLd]:
        blocks: list[JsonLd] = []
        if isinstance(page, HomePage):
            blocks.append(self.website())
        elif isinstance(page, GuidePage | ArticlePage):
            blocks.append(self.article(page))
        elif isinstance(page, CareerPage):
            blocks.append(self.occupation(page))
        elif isinstance(page, ProgramPage):
            blocks.append(self.program(page.program, page.path))
        if page.breadcrumbs and page.path != urls.HOME:
            blocks.append(self.breadcrumbs(page))
        return blocks

    def publisher(self) -> JsonLd:
        return {"@type": "Organization", "name": self.config.title, "url": self.scheme.absolute(urls.HOME)}

    def website(self) -> JsonLd:
        return {
            "@context": CONTEXT,
            "@type": "WebSite",
            "name": self.config.title,
            "url": self.scheme.absolute(urls.HOME),
            "description": self.config.description,
            "inLanguage": self.config.language,
            "publisher": self.publisher(),
        }

    def article(self, page: GuidePage | ArticlePage) -> JsonLd:
        # the description the page shows: an article's summary, a guide's TL;DR
        shown = page.description if isinstance(page, ArticlePage) else plain_text(page.guide.meta.tldr)
        data: JsonLd = {
            "@context": CONTEXT,
            "@type": "Article",
            "headline": page.title,
            "description": shown,
            "url": self.scheme.absolute(page.path),
            "mainEntityOfPage": self.scheme.absolute(page.path),
            "inLanguage": self.config.language,
            "author": self.publisher(),
            "publisher": self.publisher(),
        }
        if isinstance(page, ArticlePage):
            meta = page.article.meta
            data["datePublished"] = meta.date.isoformat()
            if meta.updated:
                data["dateModified"] = meta.updated.isoformat()
            if meta.tags:
                data["keywords"] = list(meta.tags)
        else:
            data["dateModified"] = page.guide.meta.updated.isoformat()
        return data

    def occupation(self, page: CareerPage) -> JsonLd:
        meta = page.career.meta
        return {
            "@context": CONTEXT,
            "@type": "Occupation",
            "name": meta.title,
            "description": meta.summary,
            "url": self.scheme.absolute(page.path),
            "mainEntityOfPage": self.scheme.absolute(page.path),
            "estimatedSalary": salary_distributions(page.salary.data),
        }

    def program(self, program: Program, path: str) -> JsonLd:
        location = program.location
        address: JsonLd = {
            "@type": "PostalAddress",
            "addressLocality": location.city,
            "addressCountry": location.country,
        }
        if location.region:
            address["addressRegion"] = location.region
        provider: JsonLd = {"@type": "EducationalOrganization", "name": program.institution, "address": address}
        if program.school:
            provider["department"] = {"@type": "EducationalOrganization", "name": program.school}
        data: JsonLd = {
            "@context": CONTEXT,
            "@type": "EducationalOccupationalProgram",
            "name": program.name,
            "url": self.scheme.absolute(path),
            "provider": provider,
            "programType": program.type,
            "educationalProgramMode": program.format,
        }
        if program.description:
            data["description"] = program.description
        if program.duration_months:
            data["timeToComplete"] = f"P{program.duration_months}M"
        if program.cost:
            offer: JsonLd = {
                "@type": "Offer",
                "category": "Tuition",
                "price": program.cost.amount,
                "priceCurrency": program.cost.currency,
            }
            if program.cost.note:
                offer["description"] = program.cost.note
            data["offers"] = offer
        if program.url:
            data["sameAs"] = program.url
        return data

    def breadcrumbs(self, page: Page) -> JsonLd:
        return {
            "@context": CONTEXT,
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": number, "name": crumb.title, "item": self.scheme.absolute(crumb.path)}
                for number, crumb in enumerate(page.breadcrumbs, start=1)
            ],
        }


def salary_distributions(data: SalaryTableData) -> list[JsonLd]:
    """One distribution per figure of the tables: each level's base, total and percentiles, then each location."""
    distributions: list[JsonLd] = []
    for level in data.levels:
        if level.base:
            distributions.append(_distribution(f"{level.level}: base salary", level.base, data))
        if level.total:
            distributions.append(_distribution(f"{level.level}: total compensation", level.total, data))
        if level.percentiles is not None:
            distributions.extend(_percentiles(f"{level.level}: wage percentiles", level, data))
    for location in data.locations:
        if location.range is not None:
            distributions.append(_distribution(f"{location.name}: typical range", location.range, data))
        if location.percentiles is not None:
            distributions.extend(_percentiles(f"{location.name}: wage percentiles", location, data))
    return distributions


SCHEMA_PERCENTILES: dict[PercentileKey, str] = {
    "p10": "percentile10",
    "p25": "percentile25",
    "median": "median",
    "p75": "percentile75",
    "p90": "percentile90",
}


def _percentiles(name: str, row: SalaryRow, data: SalaryTableData) -> list[JsonLd]:
    """The published percentiles exactly as the table prints them; a top-coded or unreleased one is left out
    (and a row with none published has no distribution)."""
    assert row.percentiles is not None
    published = [(key, value) for key, value in row.percentiles.given() if value is not None]
    if not published:
        return []
    distribution: JsonLd = {
        "@type": "MonetaryAmountDistribution",
        "name": name,
        "currency": data.currency,
        "duration": PERIODS[data.period],
    }
    for key, value in published:
        distribution[SCHEMA_PERCENTILES[key]] = value
    return [distribution]


def _distribution(name: str, bounds: tuple[int, int | None], data: SalaryTableData) -> JsonLd:
    low, high = bounds
    distribution: JsonLd = {
        "@type": "MonetaryAmountDistribution",
        "name": name,
        "currency": data.currency,
        "duration": PERIODS[data.period],
        "minValue": formatting.shown_amount(low),
    }
    if high is not None:  # open-ended ("can exceed"): the page gives no maximum, so neither do we
        distribution["maxValue"] = formatting.shown_amount(high)
    return distribution
