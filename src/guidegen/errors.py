"""Problems found in content, and the small exception tree the CLI maps to exit codes."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is, what it is, and how to fix it.

    Problems sort by file, then line (a problem about the whole file first), field and message.
    """

    file: str
    line: int | None
    field: str | None
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    promotable: bool = True  # whether --strict turns this warning into an error
    column: int | None = None  # a spreadsheet's column (1-based), after the row's line

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        what = self.message if not self.field else f"{self.field}: {self.message}"
        text = f"{where}: {what}"
        if self.severity is Severity.WARNING:
            text = f"{where}: warning: {what}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def __lt__(self, other: Problem) -> bool:
        return _sort_key(self) < _sort_key(other)


@dataclass
class Problems:
    """Collects every problem of a run so they can all be reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        column: int | None = None,
    ) -> None:
        self.items.append(Problem(file, line, field, message, hint, Severity.ERROR, column=column))

    def warning(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
        promotable: bool = True,
        column: int | None = None,
    ) -> None:
        self.items.append(Problem(file, line, field, message, hint, Severity.WARNING, promotable, column))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=_sort_key)

    def promote_warnings(self) -> None:
        """Under --strict every warning fails the build, except those the site chose to keep as warnings."""
        self.items = [
            Problem(p.file, p.line, p.field, p.message, p.hint, Severity.ERROR, column=p.column) if p.promotable else p
            for p in self.items
        ]


def _sort_key(p: Problem) -> tuple[str, int, int, str, str, str, str]:
    return (p.file, p.line or 0, p.column or 0, p.field or "", p.message, p.hint or "", p.severity.value)


class GuidegenError(Exception):
    """Base of every error guidegen reports to a user."""

    exit_code = 1


class ConfigError(GuidegenError):
    """The command line or the project layout is wrong."""

    exit_code = 2


class ContentError(GuidegenError):
    """Content failed to read or validate; carries every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in content")


class BuildError(GuidegenError):
    """Rendering or writing the site failed."""

    exit_code = 3


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest choice, matching case-insensitively first."""
    options = list(choices)
    for option in options:
        if option.lower() == word.lower():
            return f"did you mean '{option}'?"
    lowered = {o.lower(): o for o in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f"did you mean '{lowered[close[0]]}'?" if close else None


def display_path(path: Path, root: Path) -> str:
    """Paths in messages are relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
