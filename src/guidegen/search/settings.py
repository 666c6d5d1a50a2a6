"""Whether a build has site search: site.yaml's `search`, the command line's --no-search, and Pagefind installed."""

from __future__ import annotations

import functools
import logging

from guidegen.content.models import SiteConfig
from guidegen.errors import ConfigError
from guidegen.search.pagefind_cli import SearchNotInstalledError, executable

log = logging.getLogger(__name__)


def search_on(config: SiteConfig) -> bool:
    """site.yaml's `search` (after --no-search): false is off, true needs Pagefind, unset uses it when installed."""
    if config.search is False:
        return False
    try:
        executable()
    except SearchNotInstalledError as exc:
        if config.search is True:
            raise ConfigError(f"content/site.yaml: search: true, but {exc}") from None
        _warn_once(str(exc))
        return False
    return True


@functools.cache
def _warn_once(reason: str) -> None:
    log.warning("warning: building without site search: %s (or set `search: false` in content/site.yaml)", reason)
