"""Language tags (BCP 47) of the site and of each page, and which of them are written right to left."""

from __future__ import annotations

import re
from typing import Literal

# language-extlang-script-region-variant, as RFC 5646 spells a well-formed tag (private use and
# grandfathered tags aside): de, pt-BR, zh-Hans, zh-Hant-TW, sr-Latn, es-419, de-CH-1996
_TAG = re.compile(
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
)
# Languages whose usual script runs right to left, and the right-to-left scripts (ISO 15924)
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "mzn", "nqo", "pnb", "ps", "sd", "syr", "ug", "ur", "yi"}
)
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "mend", "nkoo", "rohg", "samr", "syrc", "thaa", "yezi"})

Direction = Literal["ltr", "rtl"]


def check_language(value: str) -> str:
    """A well-formed BCP 47 tag, in its usual case (`pt-br` becomes `pt-BR`, `ZH-hans` `zh-Hans`)."""
    if not _TAG.fullmatch(value.lower()):
        raise ValueError(
            f"'{value}' is not a language tag: write a BCP 47 tag such as 'en', 'de', 'pt-BR', 'zh-Hans' or 'ar'"
        )
    return "-".join(_cased(index, part) for index, part in enumerate(value.split("-")))


def _cased(index: int, part: str) -> str:
    if index == 0:
        return part.lower()
    if len(part) == 4 and part.isalpha():
        return part.title()  # script
    if len(part) == 2:
        return part.upper()  # region
    return part.lower()


def direction(language: str) -> Direction:
    """Which way a language's text runs: its script subtag decides, else the language's usual script."""
    parts = language.lower().split("-")
    scripts = [part for part in parts[1:] if len(part) == 4 and part.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"
