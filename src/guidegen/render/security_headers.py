"""The HTTP security headers the site is built for, derived from site.yaml: `_headers` and nginx.

The Content-Security-Policy is a typed structure rather than a string, so that a feature
needing more on some paths (a page loading WebAssembly, say) adds a source for those paths
only: `SecurityHeaders.for_site(config).with_path("/search/*", policy.allowing("script-src",
"'wasm-unsafe-eval'"))`. Netlify applies the headers of every rule matching a path, a later
rule's header replacing an earlier one of the same name, so path rules come after `/*`.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.content.models import SiteConfig

HEADERS_FILE = "/_headers"  # read by Netlify and Cloudflare Pages, not served by them

# Headers that do not depend on the site: what they are for is in docs/hosting.md.
FIXED_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


@dataclass(frozen=True)
class ContentSecurityPolicy:
    """Directives in the order they are written, each with its sources."""

    directives: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def for_site(cls, config: SiteConfig) -> ContentSecurityPolicy:
        """Only the site's own scripts, styles and data; images also from the hosts site.yaml lists."""
        image_hosts = tuple(f"https://{host}" for host in config.image_hosts)
        return cls(
            (
                ("default-src", ("'self'",)),
                ("img-src", ("'self'", "data:", *image_hosts)),
                ("style-src", ("'self'",)),
                ("object-src", ("'none'",)),
                ("base-uri", ("'self'",)),
                ("form-action", ("'self'",)),
                ("frame-ancestors", ("'none'",)),
            )
        )

    def sources(self, directive: str) -> tuple[str, ...]:
        """What the directive allows; a fetch directive left out falls back to default-src, as browsers do."""
        found = dict(self.directives)
        if directive in found:
            return found[directive]
        return found.get("default-src", ()) if directive.endswith("-src") else ()

    def allowing(self, directive: str, *sources: str) -> ContentSecurityPolicy:
        """The same policy with more sources for one directive (added after default-src's if it was absent)."""
        current = self.sources(directive)
        added = (*current, *(source for source in sources if source not in current))
        names = [name for name, _ in self.directives]
        if directive in names:
            return ContentSecurityPolicy(
                tuple((name, added if name == directive else values) for name, values in self.directives)
            )
        return ContentSecurityPolicy((*self.directives, (directive, added)))

    def header(self) -> str:
        return "; ".join(" ".join((name, *values)) for name, values in self.directives)


@dataclass(frozen=True)
class HeaderRule:
    """The headers sent with every file whose path matches `path` (`/*`, `/search/*`)."""

    path: str
    policy: ContentSecurityPolicy

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        return (("Content-Security-Policy", self.policy.header()), *FIXED_HEADERS)


@dataclass(frozen=True)
class SecurityHeaders:
    """Every rule, the site-wide one (`/*`) first."""

    rules: tuple[HeaderRule, ...]

    @classmethod
    def for_site(cls, config: SiteConfig) -> SecurityHeaders:
        return cls((HeaderRule("/*", ContentSecurityPolicy.for_site(config)),))

    @property
    def policy(self) -> ContentSecurityPolicy:
        """The site-wide policy."""
        return self.rules[0].policy

    def with_path(self, path: str, policy: ContentSecurityPolicy) -> SecurityHeaders:
        return SecurityHeaders((*self.rules, HeaderRule(path, policy)))

    def policy_for(self, site_path: str) -> ContentSecurityPolicy:
        """The policy a page is served with: that of the last rule matching its path."""
        found = self.policy
        for rule in self.rules[1:]:
            prefix = rule.path.removesuffix("*")
            if site_path == rule.path or (rule.path.endswith("*") and site_path.startswith(prefix)):
                found = rule.policy
        return found

    def headers_file(self) -> str:
        """The `_headers` file of Netlify and Cloudflare Pages."""
        blocks = [
            "\n".join([rule.path, *(f"  {name}: {value}" for name, value in rule.headers)]) for rule in self.rules
        ]
        return "\n\n".join(blocks) + "\n"

    def nginx(self) -> str:
        """The same headers as nginx `add_header` lines; a path rule becomes a `location` repeating them all."""
        lines = [f'add_header {name} "{value}" always;' for name, value in self.rules[0].headers]
        for rule in self.rules[1:]:
            lines.append(f"location {rule.path.removesuffix('*')} {{")
            lines.extend(f'    add_header {name} "{value}" always;' for name, value in rule.headers)
            lines.append("}")
        return "\n".join(lines) + "\n"
