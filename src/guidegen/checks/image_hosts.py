"""Images from other hosts: a warning for each one the site's Content-Security-Policy would block."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from guidegen.checks.links import PageLinks
from guidegen.errors import Problems
from guidegen.render.security_headers import ContentSecurityPolicy, SecurityHeaders
from guidegen.structure.contexts import Page


def allows_image(policy: ContentSecurityPolicy, src: str) -> bool:
    """Whether the policy's img-src lets a browser load this absolute URL (host sources, https only)."""
    parts = urlsplit(src)
    host = (parts.hostname or "").lower()
    secure = parts.scheme.lower() in ("https", "")  # //host/x.png on an https site
    for source in policy.sources("img-src"):
        if source == "*" or (source == "https:" and secure):
            return True
        if not source.startswith("https://") or not secure:
            continue
        allowed = source.removeprefix("https://")
        if host == allowed or (allowed.startswith("*.") and host.endswith(allowed[1:])):
            return True
    return False


def check_image_hosts(
    pages: Iterable[Page], scanned: Mapping[str, PageLinks], headers: SecurityHeaders, problems: Problems
) -> None:
    """Warn, with file and line, about every image a page shows from a host its policy does not list."""
    for page in pages:
        links = scanned.get(page.path)
        if links is None or page.origin is None:
            continue
        for src in sorted(links.images):
            if not src.lower().startswith(("http://", "https://", "//")):
                continue
            if allows_image(headers.policy_for(page.path), src):
                continue
            host = urlsplit(src).hostname or src
            if src.lower().startswith("http://"):
                problems.warning(
                    page.origin.name,
                    f"image from {host} will not load: it is not served over https",
                    line=page.origin.line_of_text(src),
                    field="image",
                    hint="link to its https:// address, or copy the image into static/",
                )
                continue
            problems.warning(
                page.origin.name,
                f"image from {host} will not load: the site's Content-Security-Policy allows images only from "
                "the site and the hosts in site.yaml's image_hosts",
                line=page.origin.line_of_text(src),
                field="image",
                hint=f"add {host} to image_hosts in content/site.yaml, or copy the image into static/",
            )
