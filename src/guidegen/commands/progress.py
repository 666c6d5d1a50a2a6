"""The line a long build shows on a terminal: its phase, and pages rendered out of the total.

It updates in place (carriage return, then erase to the end of the line) at most every
REFRESH_SECONDS, and is erased before the summary is printed. Nothing is shown when the
stream is not a terminal or under CI=true: logs then hold only the one summary line.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TextIO

REFRESH_SECONDS = 0.1
_ERASE = "\r\x1b[K"


class Progress:
    """Writes the build's phase and progress to a terminal, one line rewritten in place."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._phase = ""
        self._shown_at = 0.0
        self._dirty = False

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress | None:
        """A progress line on stream (stderr), or None where it would only clutter a log."""
        stream = stream or sys.stderr
        if os.environ.get("CI") == "true" or os.environ.get("TERM") == "dumb":
            return None
        try:
            interactive = stream.isatty()
        except (AttributeError, ValueError):  # a closed or unusual stream
            return None
        return cls(stream) if interactive else None

    def phase(self, name: str) -> None:
        """A new phase: shown at once."""
        self._phase = name
        self._show(f"{name}…")

    def count(self, done: int, total: int) -> None:
        """Progress within the phase; the line is rewritten at most every REFRESH_SECONDS, and at the end."""
        now = time.monotonic()
        if done < total and now - self._shown_at < REFRESH_SECONDS:
            return
        self._show(f"{self._phase}: {done:,} of {total:,} ({done * 100 // max(total, 1)}%)")

    def clears_before_logging(self) -> logging.Filter:
        """A filter for the log's handlers: a message printed during the build starts on a clean line."""
        progress = self

        class _Clear(logging.Filter):
            def filter(self, record: logging.LogRecord) -> bool:
                progress.finish()
                return True

        return _Clear()

    def finish(self) -> None:
        """Erase the line, so that what is printed next starts on a clean one."""
        if self._dirty:
            self.stream.write(_ERASE)
            self.stream.flush()
            self._dirty = False

    def _show(self, text: str) -> None:
        self._shown_at = time.monotonic()
        self.stream.write(f"{_ERASE}guidegen: {text}")
        self.stream.flush()
        self._dirty = True
