"""livereload's private logging set-up, replaced only while it has the shape guidegen expects.

livereload's Server.serve calls its own `_setup_logging()`, which adds a second handler to the
CLI's and so prints every line twice. guidegen's dev server replaces that method; where a
livereload release renames it, gives it parameters or stops calling it, the stock set-up runs
instead (lines may print twice) and a debug log says why.
"""

from __future__ import annotations

import inspect
import logging

from livereload import Server

from guidegen.shapes import takes

logger = logging.getLogger(__name__)

SETUP = "_setup_logging"


def replaceable(server: type[Server] = Server) -> bool:
    """Whether server.serve calls a `_setup_logging(self)` that a subclass may replace."""
    if not takes(getattr(server, SETUP, None), (), method=True):
        logger.debug("livereload's %s changed shape: its own logging set-up runs", SETUP)
        return False
    try:
        calls = f"self.{SETUP}()" in inspect.getsource(server.serve)
    except (OSError, TypeError):
        calls = False
    if not calls:
        logger.debug("livereload's serve no longer calls %s: its own logging set-up runs", SETUP)
    return calls


def quiet_logging() -> None:
    """guidegen's rebuild messages and the server's warnings (404s), each printed once."""
    own = logging.getLogger("guidegen")
    if not own.isEnabledFor(logging.INFO):  # -v has it log more already
        own.setLevel(logging.INFO)
    logging.getLogger("livereload").setLevel(logging.WARNING)
