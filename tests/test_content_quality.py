"""Editors' Markdown: accessibility and completeness warnings, and front matter from other generators."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import SiteFixture

ARTICLE = "content/articles/choosing-a-data-program.md"
HEAD = "---\ntitle: Notes\ndate: 2026-01-01\nsummary: Short notes.\n---\n\n"  # the body starts on line 7


def _warnings(site: SiteFixture, body: str, head: str = HEAD) -> list[str]:
    image = io.BytesIO()
    Image.new("RGB", (8, 8)).save(image, "PNG")
    site.write("static/img/chart.png", image.getvalue())
    site.write("content/articles/notes.md", head + body)
    return [problem.format() for problem in site.build().warnings if problem.file == "content/articles/notes.md"]


@pytest.mark.parametrize(
    ("body", "warning"),
    [
        (
            "### Costs\n\nText.\n",
            "content/articles/notes.md:7: warning: heading: heading level skipped: ### Costs comes after the page "
            "title (make it ##: screen readers list a page's headings by level)",
        ),
        (
            "## Costs\n\nText.\n\n#### Fees\n\nMore.\n",
            "content/articles/notes.md:11: warning: heading: heading level skipped: #### Fees comes after ## "
            "(make it ###: screen readers list a page's headings by level)",
        ),
        (
            "A chart:\n\n![](/img/chart.png)\n",
            "content/articles/notes.md:9: warning: image: image without alt text: /img/chart.png (say what it "
            'shows: ![what it shows](...); a purely decorative image takes <img alt="">)',
        ),
        (
            'A chart: <img src="/img/chart.png">\n',
            "content/articles/notes.md:7: warning: image: image without alt text: /img/chart.png (say what it "
            'shows: ![what it shows](...); a purely decorative image takes <img alt="">)',
        ),
        (
            "See [](/programs/) for more.\n",
            "content/articles/notes.md:7: warning: link: link without text: /programs/ (write what the link "
            "leads to between the brackets: screen readers read it out)",
        ),
        (
            "## Costs\n\n## Fees\n\nText.\n",
            "content/articles/notes.md:7: warning: heading: heading 'Costs' has nothing under it (write the "
            "section or delete the heading)",
        ),
    ],
)
def test_each_content_warning_has_its_exact_text(site: SiteFixture, body: str, warning: str) -> None:
    assert _warnings(site, body) == [warning]


def test_sound_markdown_gets_no_warning(site: SiteFixture) -> None:
    body = (
        "## Costs\n\n### Fees\n\n![A chart of fees](/img/chart.png)\n\n"
        '<img src="/img/chart.png" alt="">\n\n[The catalog](/programs/)\n\n```\n### not a heading\n![](x)\n```\n'
    )
    assert _warnings(site, body) == []


def test_a_new_guide_published_as_scaffolded_is_not_published_silently(site: SiteFixture) -> None:
    assert site.cli("new", "guide", "cloud-security").returncode == 0
    name = "content/guides/cloud-security.md"
    site.write(name, site.read(name).replace("draft: true  # remove this line to publish\n", ""))
    result = site.cli("build", "--strict")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if line.startswith(name)]
    summary = (
        f"{name}:6: summary: placeholder text from `guidegen new` is still here: 'One sentence for search "
        "results and cards.' (replace it with the page's own text)"
    )
    category = f"{name}:5: category: placeholder text from `guidegen new` is still here: 'Specialization' (replace it with the page's own text)"
    stat = f"{name}:9: stats[0].value: placeholder text from `guidegen new` is still here: '0' (replace it with the page's own text)"
    assert summary in lines
    assert category in lines
    assert stat in lines
    empty = [line for line in lines if "has nothing under it" in line]
    assert [line.split(": heading '")[1].split("'")[0] for line in empty] == [
        "Why it matters now",
        "Career outlook and salary",
        "Key skills",
        "Real-world applications",
    ]


def test_a_draft_keeps_its_placeholders_quietly(site: SiteFixture) -> None:
    assert site.cli("new", "article", "draft-notes").returncode == 0
    assert [w for w in map(str, site.build().warnings) if "draft-notes" in w] == []


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        (
            "description: Short.",
            "did you mean 'summary'? Hugo, Jekyll and Astro's 'description' is guidegen's 'summary'",
        ),
        ("lastmod: 2026-02-01", "did you mean 'updated'? Hugo, Jekyll and Astro's 'lastmod' is guidegen's 'updated'"),
        ("categories: [data]", "did you mean 'tags'? Hugo, Jekyll and Astro's 'categories' is guidegen's 'tags'"),
        (
            "author: Someone",
            "guidegen publishes every page under the site's name (site.yaml title); leave the field out",
        ),
        (
            "image: /img/chart.png",
            "show the image in the body with ![what it shows](/img/name.png); the file goes in static/img/",
        ),
        ("slug: other", "the file name is the slug: rename the file to change the page's address"),
    ],
)
def test_front_matter_from_other_generators_gets_a_hint(site: SiteFixture, field: str, hint: str) -> None:
    name = field.split(":")[0]
    head = HEAD.replace("summary: Short notes.\n", f"summary: Short notes.\n{field}\n")
    assert _warnings(site, "Text.\n", head) == [f"content/articles/notes.md:5: warning: {name}: unknown field ({hint})"]


def test_a_rebuild_recalls_an_unchanged_page_s_warnings_and_checks_an_edited_one_again(site: SiteFixture) -> None:
    first = _warnings(site, "Text with ![](/img/chart.png) in it.\n")
    assert len(first) == 1
    assert "image without alt text" in first[0]
    again = [problem.format() for problem in site.build().warnings if problem.file == "content/articles/notes.md"]
    assert again == first  # from the build cache: the file's text is the same
    assert _warnings(site, "Text with ![a chart](/img/chart.png) in it.\n") == []
