"""Local images get their size, lazy loading below the top, and WebP variants cached by content digest."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import SiteFixture
from guidegen.errors import ContentError

ARTICLE = "content/articles/choosing-a-data-program.md"
BODY = """
![Students comparing programs](/img/team.png)

Costs vary a lot between programs.

![A small chart](/img/chart.jpg)
"""


def _png(width: int, height: int, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 160)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> SiteFixture:
    site = SiteFixture(tmp_path_factory.mktemp("images") / "site")
    site.write("static/img/team.png", _png(1600, 900))
    site.write("static/img/chart.jpg", _png(400, 300, "JPEG"))
    site.write(ARTICLE, site.read(ARTICLE) + BODY)
    site.build(strict=True)
    return site


def test_local_images_carry_their_size(pictured: SiteFixture) -> None:
    images = pictured.html("/articles/choosing-a-data-program/").select(".prose img")
    assert [(img["src"], img["width"], img["height"]) for img in images] == [
        ("/img/team.png", "1600", "900"),
        ("/img/chart.jpg", "400", "300"),
    ]


def test_only_images_below_the_first_load_lazily(pictured: SiteFixture) -> None:
    first, second = pictured.html("/articles/choosing-a-data-program/").select(".prose img")
    assert first.get("loading") is None
    assert first.get("decoding") is None
    assert (second["loading"], second["decoding"]) == ("lazy", "async")


def test_webp_variants_at_each_width_below_the_original(pictured: SiteFixture) -> None:
    picture = pictured.html("/articles/choosing-a-data-program/").select(".prose picture")[0]
    source = picture.find("source")
    assert source["type"] == "image/webp"
    assert source["sizes"] == "(min-width: 48rem) 46rem, calc(100vw - 2.5rem)"
    candidates = [candidate.rsplit(" ", 1) for candidate in source["srcset"].split(", ")]
    assert [width for _, width in candidates] == ["480w", "960w", "1440w", "1600w"]
    for url, width in candidates:
        assert url.startswith("/variants/")
        with Image.open(pictured.out / url.lstrip("/")) as variant:
            assert variant.format == "WEBP"
            assert variant.size == (int(width[:-1]), round(900 * int(width[:-1]) / 1600))
    assert picture.find("img")["src"] == "/img/team.png"  # the original, for browsers without WebP


def test_variants_are_cached_by_content_digest(pictured: SiteFixture) -> None:
    cached = sorted(path.name for path in (pictured.root / ".guidegen-cache/images").iterdir())
    srcset = pictured.html("/articles/choosing-a-data-program/").select(".prose source")[1]["srcset"]
    assert srcset.endswith(" 400w")
    assert Path(srcset.split(" ")[0]).name in cached
    assert len(cached) == 5  # four widths of the large image, one of the small one
    stamps = {path.name: path.stat().st_mtime_ns for path in (pictured.root / ".guidegen-cache/images").iterdir()}
    pictured.write(ARTICLE, pictured.read(ARTICLE) + "\nOne more line.\n")
    pictured.build(strict=True)
    again = {path.name: path.stat().st_mtime_ns for path in (pictured.root / ".guidegen-cache/images").iterdir()}
    assert again == stamps  # nothing converted twice


def test_a_changed_image_changes_the_page(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write("static/img/team.png", _png(800, 600))
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Students comparing programs](/img/team.png)\n")
    site.build()
    site.write("static/img/team.png", _png(640, 320))
    site.build()
    img = site.html("/articles/choosing-a-data-program/").select_one(".prose img")
    assert (img["width"], img["height"]) == ("640", "320")


def test_an_unreadable_image_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write("static/img/broken.png", b"this is not a picture")
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Broken](/img/broken.png)\n")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [problem.format() for problem in caught.value.problems] == [
        f"{ARTICLE}:12: image: image /img/broken.png cannot be read: not an image file Pillow recognises "
        "(replace static/img/broken.png with a PNG, JPEG, WebP or GIF file)"
    ]


def test_a_missing_image_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    site = SiteFixture(tmp_path / "site")
    site.write(ARTICLE, site.read(ARTICLE) + "\n![Gone](/img/gone.png)\n")
    with pytest.raises(ContentError) as caught:
        site.build()
    assert [problem.format() for problem in caught.value.problems] == [
        f"{ARTICLE}:12: link: broken link '/img/gone.png': image does not exist (put the file at static/img/gone.png)"
    ]
