"""Audits of the shipped site, one page of every kind: axe-core, HTML validity (html-validate) and Lighthouse.

The site is built from the repository's own content and served over HTTP on localhost, with the
server's address as base URL (so canonical links and structured data point at the pages audited).
The Node tools are pinned in tests/audit/package-lock.json and installed by `make install`.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, serve_folder
from guidegen.commands.build import build
from guidegen.content.site import Project

pytestmark = pytest.mark.browser

AUDIT = REPO / "tests" / "audit"
NODE_BIN = AUDIT / "node_modules" / ".bin"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_PAGES = ("home", "guide", "catalog")
RESULTS = REPO / "test-results"


@dataclass(frozen=True)
class AuditedSite:
    url: str  # ends without '/'
    out: Path
    pages: dict[str, str]  # page kind -> site path


def _first_page(out: Path, section: str) -> str:
    """The first page of a section (e.g. the first guide), however the content changes."""
    folders = sorted(p.parent for p in (out / section).glob("*/index.html") if p.parent.name != "page")
    assert folders, f"no page under /{section}/"
    return f"/{section}/{folders[0].name}/"


def _page_kinds(out: Path) -> dict[str, str]:
    pages = {
        "home": "/",
        "guide": _first_page(out, "guides"),
        "guide category": _first_page(out, "guides/category"),
        "career": _first_page(out, "careers"),
        "article": _first_page(out, "articles"),
        "article index": "/articles/",
        "catalog": "/programs/",
        "program": _first_page(out, "programs"),
        "404": "/404.html",
        "search": "/search/",
    }
    for tool in sorted((out / "tools").glob("*/index.html")):
        pages[f"tool {tool.parent.name}"] = f"/tools/{tool.parent.name}/"
    return pages


@pytest.fixture(scope="session")
def audited_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuditedSite]:
    out = tmp_path_factory.mktemp("audit") / "public"
    server, url = serve_folder(out, compress=True)  # gzip, as production hosts serve text
    try:
        build(Project(root=REPO, out=out, base_url=url + "/"), strict=True)
        yield AuditedSite(url, out, _page_kinds(out))
    finally:
        server.shutdown()
        server.server_close()


def test_the_audited_site_is_served_compressed_like_on_a_real_host(audited_site: AuditedSite) -> None:
    request = urllib.request.Request(audited_site.url + "/programs/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Content-Type"].startswith("text/html")
        body = response.read()
    assert gzip.decompress(body) == (audited_site.out / "programs" / "index.html").read_bytes()
    assert len(body) < len(gzip.decompress(body)) / 3


def _node_tool(name: str) -> Path:
    tool = NODE_BIN / name
    if not tool.exists() or shutil.which("node") is None:
        message = f"NO {name.upper()}: run `make install` (npm ci in tests/audit/) to run the page audits"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return tool


# Every page kind the site has: a test id per kind, resolved against the built site.
KINDS = [
    "home",
    "guide",
    "guide category",
    "career",
    "article",
    "article index",
    "catalog",
    "program",
    "tool salary-calculator",
    "tool program-matcher",
    "404",
    "search",
]


def test_every_page_kind_is_audited(audited_site: AuditedSite) -> None:
    assert sorted(audited_site.pages) == sorted(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_violations_and_no_request_fails(audited_site: AuditedSite, page: Page, kind: str) -> None:
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(audited_site.url + audited_site.pages[kind], wait_until="networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # 404.html is served with 200 here; a static host answers 404 for it, which is its purpose
    assert failed == []
    assert errors == []


def test_html_validate_finds_no_errors(audited_site: AuditedSite) -> None:
    tool = _node_tool("html-validate")
    files = [str(audited_site.out / path.lstrip("/")) for path in audited_site.pages.values()]
    files = [f + "index.html" if f.endswith("/") else f for f in files]
    result = subprocess.run(
        [str(tool), "--config", str(AUDIT / ".htmlvalidate.json"), "--formatter", "json", *files],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    reports = json.loads(result.stdout or "[]")
    problems = [
        f"{Path(r['filePath']).relative_to(audited_site.out)}:{m['line']}:{m['column']}: {m['message']} ({m['ruleId']})"
        for r in reports
        for m in r["messages"]
    ]
    assert problems == []
    assert result.returncode == 0, result.stderr


def _lighthouse(url: str, report_file: Path) -> dict[str, Any]:
    tool = _node_tool("lighthouse")
    flags = ["--headless=new", *CHROMIUM_ARGS]
    result = subprocess.run(
        [
            str(tool),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report_file}",
            f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
            f"--chrome-flags={' '.join(flags)}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report: dict[str, Any] = json.loads(report_file.read_text(encoding="utf-8"))
    return report


def _performance(report: dict[str, Any]) -> float:
    return float(report["categories"]["performance"]["score"] or 0)


LIGHTHOUSE_ATTEMPTS = 8  # runs per page at most, set-aside runs included
HELD_PAINT_MS = 500  # a first paint this long after the load event, on an idle main thread, was held


def _held_first_paint(report: dict[str, Any]) -> str | None:
    """Why a run timed the browser rather than the page, or None if it timed the page.

    Headless Chromium sometimes holds a loaded page's first frame for one or two whole seconds: viz
    stops sending BeginFrames to a renderer it judges unresponsive, and the frame waits for the
    next one it allows (GoogleChrome/lighthouse#17148). The page had loaded and its main thread
    sat idle; what the run's paint metrics measure then is the throttle."""
    metrics = report["audits"]["metrics"]["details"]["items"][0]
    load, first_paint = float(metrics["observedLoad"]), float(metrics["observedFirstPaint"])
    gap = first_paint - load
    if gap < HELD_PAINT_MS:
        return None
    busy = sum(
        max(0.0, min(first_paint, task["startTime"] + task["duration"]) - max(load, task["startTime"]))
        for task in report["audits"]["main-thread-tasks"]["details"]["items"]
    )
    if busy > gap / 2:
        return None
    return (
        f"first paint at {first_paint:.0f} ms, {gap:.0f} ms after the load event; main thread busy {busy:.0f} ms of it"
    )


def _judged_run(url: str, folder: Path) -> tuple[dict[str, Any], list[str]]:
    """The run to judge, and the runs set aside because the browser held their first paint.

    A run that scores 100 is taken as it is, held or not. A run below 100 whose first paint was held
    is set aside and made again. Otherwise runs are counted up to three, and the median by
    performance is judged, as Lighthouse advises for its run-to-run variance, so that one run
    slowed by a busy machine does not decide."""
    counted: list[dict[str, Any]] = []
    set_aside: list[str] = []
    for attempt in range(1, LIGHTHOUSE_ATTEMPTS + 1):
        report = _lighthouse(url, folder / f"run-{attempt}.json")
        if not counted and _performance(report) == 1:
            return report, set_aside
        held = None if _performance(report) == 1 else _held_first_paint(report)
        if held:
            set_aside.append(f"run {attempt}: {held}")
            continue
        counted.append(report)
        if len(counted) == 3:
            break
    assert counted, f"every run had its first paint held by the browser: {set_aside}"
    counted.sort(key=_performance)
    return counted[(len(counted) - 1) // 2], set_aside


@pytest.mark.parametrize("kind", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_100_in_every_category(audited_site: AuditedSite, tmp_path: Path, kind: str) -> None:
    report, set_aside = _judged_run(audited_site.url + audited_site.pages[kind], tmp_path)
    audits = report["audits"]
    scores = {name: category["score"] for name, category in report["categories"].items()}
    # Some trace-based audits error on this Chromium: they count as not applicable, never as passed,
    # and a category whose score depends on an errored audit is not judged a pass either.
    errored = sorted(audit_id for audit_id, audit in audits.items() if audit["scoreDisplayMode"] == "error")
    _record(kind, audited_site.pages[kind], scores, errored, set_aside)
    for name, category in report["categories"].items():
        weighted_errors = [ref["id"] for ref in category["auditRefs"] if ref["weight"] > 0 and ref["id"] in errored]
        assert weighted_errors == [], f"{name}: scored audits errored, so the score proves nothing"
    failing = {
        ref["id"]: audits[ref["id"]].get("displayValue") or audits[ref["id"]]["title"]
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and (audits[ref["id"]]["score"] or 0) < 1
    }
    assert scores == dict.fromkeys(LIGHTHOUSE_CATEGORIES, 1), (failing, set_aside)


def _record(kind: str, path: str, scores: dict[str, float | None], errored: list[str], set_aside: list[str]) -> None:
    """Keep the scores where a reader can find them after a run: test-results/lighthouse.json."""
    RESULTS.mkdir(exist_ok=True)
    summary_file = RESULTS / "lighthouse.json"
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.is_file() else {}
    summary[kind] = {
        "path": path,
        "scores": {name: None if score is None else round(score * 100) for name, score in scores.items()},
        "errored_audits_not_applicable": errored,
        "runs_set_aside_first_paint_held": set_aside,
    }
    summary_file.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def _report(load: float, first_paint: float, tasks: list[tuple[float, float]]) -> dict[str, Any]:
    """The parts of a Lighthouse report that _held_first_paint reads."""
    return {
        "audits": {
            "metrics": {"details": {"items": [{"observedLoad": load, "observedFirstPaint": first_paint}]}},
            "main-thread-tasks": {"details": {"items": [{"startTime": s, "duration": d} for s, d in tasks]}},
        }
    }


def test_a_first_paint_held_by_the_browser_is_told_from_a_slow_page() -> None:
    # loaded at 216 ms and idle until the frame came at 1,226 ms: the browser held it
    held = _held_first_paint(_report(216, 1226, [(217, 10), (229, 14), (1219, 7)]))
    assert held == "first paint at 1226 ms, 1010 ms after the load event; main thread busy 31 ms of it"
    # the page's own work filled the gap: that is the page being slow, and it counts
    assert _held_first_paint(_report(216, 1226, [(220, 300), (530, 400)])) is None
    # painted soon after the load event
    assert _held_first_paint(_report(216, 400, [])) is None
    # a task that began before the load event counts only for its part inside the gap
    assert _held_first_paint(_report(200, 900, [(0, 520)])) == (
        "first paint at 900 ms, 700 ms after the load event; main thread busy 320 ms of it"
    )
    assert _held_first_paint(_report(200, 900, [(0, 600)])) is None
