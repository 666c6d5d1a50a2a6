"""The build writes the site's security headers from site.yaml, and warns about images they would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, SiteFixture, built_headers, tree_snapshot
from guidegen.commands.build import build
from guidegen.content.models import SiteConfig
from guidegen.content.site import Project
from guidegen.errors import ContentError
from guidegen.render.security_headers import SecurityHeaders

ARTICLE = "content/articles/choosing-a-data-program.md"


def _problems(site: SiteFixture, *, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as caught:
        site.build(strict=strict)
    return [problem.format() for problem in caught.value.problems]


def test_shipped_headers_are_the_ones_docs_hosting_shows(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build(Project(root=REPO, out=out), strict=True)
    docs = (REPO / "docs/hosting.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n(/\*\n.*?)```", docs, re.S)
    assert block is not None
    assert (out / "_headers").read_text(encoding="utf-8") == block.group(1)
    nginx = [line.strip() for line in docs.splitlines() if line.strip().startswith("add_header ")]
    headers = built_headers(out)
    # the search paths' location blocks, then the server-wide lines
    expected = [built_headers(out, "/search/*"), built_headers(out, "/pagefind/*"), headers]
    assert nginx == [f'add_header {name} "{value}" always;' for rule in expected for name, value in rule.items()]
    assert list(headers) == [
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ]


def test_image_hosts_join_img_src(site: SiteFixture) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "image_hosts: [avatars.githubusercontent.com]\n")
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Team photo](https://avatars.githubusercontent.com/u/1?v=4)\n")
    report = site.build(strict=True)
    assert report.warnings == ()
    policy = built_headers(site.out)["Content-Security-Policy"]
    assert "img-src 'self' data: https://avatars.githubusercontent.com;" in policy


def test_image_from_an_unlisted_host_is_a_warning_with_file_line_and_host(site: SiteFixture) -> None:
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Chart](https://cdn.example.net/chart.png)\n")
    report = site.build()
    assert [problem.format() for problem in report.warnings] == [
        f"{ARTICLE}:12: warning: image: image from cdn.example.net will not load: the site's "
        "Content-Security-Policy allows images only from the site and the hosts in site.yaml's image_hosts "
        "(add cdn.example.net to image_hosts in content/site.yaml, or copy the image into static/)"
    ]
    before = tree_snapshot(site.out)
    assert _problems(site, strict=True) == [
        f"{ARTICLE}:12: image: image from cdn.example.net will not load: the site's "
        "Content-Security-Policy allows images only from the site and the hosts in site.yaml's image_hosts "
        "(add cdn.example.net to image_hosts in content/site.yaml, or copy the image into static/)"
    ]
    assert tree_snapshot(site.out) == before


def test_an_http_image_is_a_warning_even_from_a_listed_host(site: SiteFixture) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "image_hosts: [img.example.org]\n")
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Chart](http://img.example.org/chart.png)\n")
    assert [problem.format() for problem in site.build().warnings] == [
        f"{ARTICLE}:12: warning: image: image from img.example.org will not load: it is not served over https "
        "(link to its https:// address, or copy the image into static/)"
    ]


def test_a_hand_written_static_headers_file_is_an_error(site: SiteFixture) -> None:
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n")
    assert _problems(site) == [
        "static/_headers: the build writes _headers from content/site.yaml (delete this file; list the hosts "
        "pages may show images from in site.yaml's image_hosts)"
    ]


def test_an_image_host_must_be_a_host_name(site: SiteFixture) -> None:
    site.write("content/site.yaml", site.read("content/site.yaml") + "image_hosts: ['https://cdn.example.net/img/']\n")
    assert _problems(site) == [
        "content/site.yaml:8: image_hosts[0]: 'https://cdn.example.net/img/' is not a host name such as "
        "'avatars.githubusercontent.com' (did you mean 'cdn.example.net'?)"
    ]


def test_a_path_can_extend_the_policy_for_itself_only() -> None:
    config = SiteConfig.model_validate(
        {"title": "T", "base_url": "https://example.test/", "description": "D", "image_hosts": ["*.example.org"]}
    )
    headers = SecurityHeaders.for_site(config)
    search = headers.policy.allowing("script-src", "'wasm-unsafe-eval'")
    extended = headers.with_path("/search/*", search)
    assert extended.policy_for("/search/") == search
    assert extended.policy_for("/guides/x/") == headers.policy
    assert search.sources("script-src") == ("'self'", "'wasm-unsafe-eval'")
    assert headers.policy.sources("img-src") == ("'self'", "data:", "https://*.example.org")
    rules = extended.headers_file().split("\n\n")
    assert [rule.splitlines()[0] for rule in rules] == ["/*", "/search/*"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in rules[1]
    assert "script-src" not in rules[0]
