"""Benchmark the program catalog at scale: build, index size, start-up and interaction latency in Chromium.

    .venv/bin/python bench/catalog_bench.py [--programs 10000] [--seed 7] [--builds 3] [--rounds 60]
                                            [--loads 5] [--baseline main]

Generates a synthetic catalog (bench/synthetic_programs.py) next to the repository's other
content, builds it, serves it gzipped (as real hosts do) with the site's Content-Security-Policy
and drives /programs/ in headless Chromium. Start-up is the time from navigation to the filters
being ready, unthrottled and on an emulated 4 Mbit/s link (DevTools network emulation, 40 ms
latency). Each interaction is timed inside the page, from the input event's timestamp to the
moment the catalog's DOM has changed (a MutationObserver callback), and again after a forced
style and layout pass.

With --baseline REV, the same catalog is also built by another revision of guidegen (its code,
templates and static files, from `git archive REV`), and both sites are measured in turn, A B A B,
so that a change in the machine's load touches both alike; the figures are medians of the pairs.

Nothing here is asserted: it prints figures. Timings on a shared machine are noisy; run it on a
quiet one, in /dev/shm, and compare paired runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page, sync_playwright

from guidegen.commands.build import build, load
from guidegen.content.site import Project
from guidegen.errors import Problems
from guidegen.structure.contexts import CatalogPage, DataFile, ListingPage, ProgramPage
from guidegen.structure.planning import plan_pages
from synthetic_programs import generate_programs

REPO = Path(__file__).resolve().parent.parent

CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
THIS = "this tree"  # the site built by the code checked out here
LINK_KBPS = 4000  # the emulated link: 4 Mbit/s down
LATENCY_MS = 40
GZIPPED = (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt", ".webmanifest")

# Installed before any page script: stamps each input event and the first DOM change after it.
PROBE = """
(() => {
  const probe = { kind: "", start: null, samples: [] };
  window.__probe = probe;
  // the clock starts at the first event of an interaction (the benchmark resets it before each one)
  for (const type of ["keydown", "click", "input", "change"]) {
    document.addEventListener(type, (event) => {
      if (!event.isTrusted || probe.start !== null) return;
      probe.start = event.timeStamp; // when the input happened
      probe.dispatched = performance.now(); // when the page got to handle it
    }, true);
  }
  const observer = new MutationObserver(() => {
    if (probe.start === null) return;
    const dom = performance.now();
    void document.body.offsetHeight; // force style and layout of the change
    const layout = performance.now();
    const delay = probe.dispatched - probe.start;
    probe.samples.push({ kind: probe.kind, delay, dom: dom - probe.start, layout: layout - probe.start });
    probe.start = null;
  });
  document.addEventListener("DOMContentLoaded", () => {
    const watch = { childList: true, subtree: true, characterData: true, attributes: true };
    observer.observe(document.querySelector("[data-catalog]"), watch);
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === "first-contentful-paint") probe.fcp = entry.startTime;
  }).observe({ type: "paint", buffered: true });
  const ready = new MutationObserver(() => {
    const root = document.querySelector("[data-catalog]");
    if (root && root.classList.contains("catalog--ready") && !probe.ready) probe.ready = performance.now();
    if (root && root.classList.contains("catalog--text")) { probe.text = performance.now(); ready.disconnect(); }
  });
  document.addEventListener("DOMContentLoaded", () => {
    ready.observe(document.querySelector("[data-catalog]"), { attributes: true });
  });
})();
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


# ---- the site


def make_site(workdir: Path, count: int, seed: int, source: Path = REPO, name: str = "site") -> Project:
    """source's content, templates and static files (the repository's by default), with a synthetic catalog."""
    root = workdir / name
    if root.exists():
        shutil.rmtree(root)
    for folder in ("content", "templates", "static"):
        shutil.copytree(source / folder, root / folder)
    for old in (root / "content/programs").glob("*.yaml"):
        old.unlink()
    text = yaml.safe_dump(generate_programs(count, seed), allow_unicode=True, sort_keys=False)
    (root / "content/programs/synthetic.yaml").write_text(text, encoding="utf-8")
    return Project(root=root, out=root / "public")


def baseline_site(workdir: Path, revision: str, count: int, seed: int) -> Project:
    """The same synthetic catalog built by another revision of guidegen, in a process of its own."""
    checkout = workdir / "baseline-checkout"
    shutil.rmtree(checkout, ignore_errors=True)
    checkout.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(checkout, filter="tar")
    project = make_site(workdir, count, seed, source=checkout, name="baseline")
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "CI": "true"}
    command = [sys.executable, "-m", "guidegen", "build", "--root", str(project.root), "--out", str(project.out)]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return project


def measure_build(project: Project, builds: int) -> dict[str, Any]:
    times = []
    for _ in range(builds):
        for name in ("public", ".public.previous", ".guidegen-cache"):  # cold: no output, no build cache
            shutil.rmtree(project.root / name, ignore_errors=True)
        started = time.perf_counter()
        build(project)
        times.append(time.perf_counter() - started)
    # the catalog's own share: the index and the list pages, rendered again on their own
    problems = Problems()
    loaded = load(project, problems)
    assert loaded is not None
    linked, renderer = loaded
    pages = plan_pages(linked)
    shares: dict[str, float] = {}
    for label, kinds in (
        ("program index (data/programs.json)", (DataFile,)),
        ("catalog and listing pages", (CatalogPage, ListingPage)),
        ("program detail pages", (ProgramPage,)),
    ):
        started = time.perf_counter()
        for page in pages:
            if isinstance(page, kinds):
                renderer.render(page)
        shares[label] = time.perf_counter() - started
    return {"build_seconds": times, "shares_seconds": shares}


def measure_output(out: Path, count: int) -> dict[str, Any]:
    def size(paths: Iterator[Path]) -> tuple[int, int]:
        files = [p for p in paths if p.is_file()]
        return len(files), sum(p.stat().st_size for p in files)

    catalog_pages = [out / "programs/index.html", *(out / "programs/page").glob("*/index.html")]
    program_pages = [p for p in (out / "programs").glob("*/index.html") if p.parent.name != "page"]
    listing_pages = list((out / "guides").glob("*/programs/page/*/index.html"))
    return {
        "site": size(out.rglob("*")),
        "catalog pages": size(iter(catalog_pages)),
        "guide listing pages": size(iter(listing_pages)),
        "program pages": size(iter(program_pages)),
        "first catalog page": size(iter([out / "programs/index.html"])),
        "index": index_sizes(out),
        "count": count,
    }


def index_sizes(out: Path) -> dict[str, tuple[int, int]]:
    """Each part of the program index: bytes raw and gzipped."""
    parts = {}
    for path in sorted((out / "data").glob("programs*.json")):
        data = path.read_bytes()
        parts[path.name] = (len(data), len(gzip.compress(data, compresslevel=6)))
    return parts


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """folder over HTTP, text files gzipped for a client that accepts it (as real hosts serve them)."""
    compressed: dict[Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            accepts = "gzip" in self.headers.get("Accept-Encoding", "")
            if not (accepts and path.suffix in GZIPPED and path.is_file()):
                super().do_GET()
                return
            if path not in compressed:
                compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6)
            body = compressed[path]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---- the browser


def load_timings(page: Page, url: str, throughput_kbps: int | None) -> dict[str, float]:
    """First paint against the index download, optionally on a throttled network."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS if throughput_kbps else 0,
            "downloadThroughput": throughput_kbps * 1000 / 8 if throughput_kbps else -1,
            "uploadThroughput": -1,
        },
    )
    page.goto(url)
    page.wait_for_selector(".catalog--ready", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)  # the index's later parts too
    timings = page.evaluate(
        """() => {
            const parts = performance.getEntriesByType("resource").filter((e) => e.name.includes("/data/programs"));
            const nav = performance.getEntriesByType("navigation")[0];
            const probe = window.__probe;
            return {
                fcp: probe.fcp, dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                index_request: parts[0].startTime, index_received: parts[0].responseEnd,
                index_bytes: parts.reduce((sum, e) => sum + e.encodedBodySize, 0),
                all_received: Math.max(...parts.map((e) => e.responseEnd)),
                ready: probe.ready, text: probe.text || probe.ready,
            };
        }"""
    )
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    cdp.detach()
    return dict(timings)


def collect(page: Page, kind: str, action: Callable[[], None], expected: int = 1) -> None:
    """Run one interaction and wait until the probe has its sample(s)."""
    page.evaluate("kind => { window.__probe.kind = kind; window.__probe.start = null; }", kind)
    before = page.evaluate("window.__probe.samples.length")
    action()
    page.wait_for_function(f"window.__probe.samples.length >= {before + expected}", timeout=10_000)


def interactions(page: Page, rounds: int) -> list[dict[str, Any]]:
    facets = page.locator(".facet__options input")
    # values across facets, the common and the rare, each clicked on and then off again
    picks = [
        'input[name="format"][value="Online"]',
        'input[name="type"][value="Master\'s"]',
        'input[name="country"][value="United States"]',
        'input[name="tag"][value="machine-learning"]',
        'input[name="duration"][value="medium"]',
        'input[name="format"][value="Hybrid"]',
        'input[name="country"][value="Canada"]',
        'input[name="type"][value="Certificate"]',
        'input[name="tag"][value="mlops"]',
        'input[name="region"][value="California"]',
    ]
    assert facets.count() > 50
    for facet in ("country", "region", "tag"):
        more = page.locator(f'fieldset[data-facet="{facet}"] .facet__more')
        if more.count():
            more.click()  # so every value can be clicked
    page.evaluate("window.__probe.samples = []")

    # toggle a facet: alternate on/off, which also walks through states with several filters
    done = 0
    while done < rounds:
        for selector in picks:
            box = page.locator(selector)
            if box.is_disabled():
                continue
            collect(page, "toggle a facet", box.click)
            done += 1
        for selector in reversed(picks):
            box = page.locator(selector)
            if box.is_checked():
                collect(page, "toggle a facet", box.click)
                done += 1

    # type a word: every keystroke is an input event; then empty the box
    search = page.locator("#catalog-q")
    words = ["university", "data science", "tech", "montréal", "zurich", "learning", "state", "mlops"]
    done = 0
    while done < rounds:
        for word in words:
            search.focus()
            for character in word:
                collect(page, "type a word", lambda c=character: page.keyboard.type(c))
                done += 1
            collect(page, "type a word", lambda: page.keyboard.press("Control+A"), expected=0)
            collect(page, "type a word", lambda: page.keyboard.press("Backspace"))
            done += 1
            page.wait_for_timeout(450)  # let the debounced announcement pass

    # change sort: the keyboard moves through the options of the focused select
    sort = page.locator("#catalog-sort")
    sort.focus()
    for step in range(rounds):
        key = "ArrowDown" if (step // 3) % 2 == 0 else "ArrowUp"
        collect(page, "change sort", lambda k=key: page.keyboard.press(k))
    sort.select_option("name")

    # clear: set two filters, then "Clear all"
    clear = page.locator(".catalog__active .catalog__clear")
    for step in range(rounds):
        for selector in (picks[step % 5], picks[5 + step % 5]):
            collect(page, "(setup)", page.locator(selector).click)
        collect(page, "clear all", clear.click)

    # next page
    for _ in range(rounds):
        collect(page, "next page", page.locator('.pagination a[rel="next"]').click)
    return list(page.evaluate("window.__probe.samples"))


def summarise(samples: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    table = {}
    for kind in dict.fromkeys(s["kind"] for s in samples):
        if kind.startswith("("):
            continue
        dom = [s["dom"] for s in samples if s["kind"] == kind]
        layout = [s["layout"] for s in samples if s["kind"] == kind]
        handler = [s["dom"] - s["delay"] for s in samples if s["kind"] == kind]
        table[kind] = {
            "n": len(dom),
            "delay_median": statistics.median(s["delay"] for s in samples if s["kind"] == kind),
            "handler_median": statistics.median(handler),
            "handler_p95": percentile(handler, 0.95),
            "dom_median": statistics.median(dom),
            "dom_p95": percentile(dom, 0.95),
            "layout_median": statistics.median(layout),
            "layout_p95": percentile(layout, 0.95),
            "max": max(layout),
        }
    return table


LINKS = {"unthrottled": None, "4 Mbit/s, gzipped": LINK_KBPS}


def run_browser(sites: dict[str, str], rounds: int, loads: int, cpu_slowdown: float) -> dict[str, Any]:
    """Start-up of each site (label -> base URL) in turn, A B A B, then each one's interactions."""
    figures: dict[str, Any] = {label: {"loads": {link: [] for link in LINKS}} for label in sites}
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def new_page() -> Page:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_init_script(PROBE)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            return page

        for _ in range(loads):
            for label, base in sites.items():
                for link, kbps in LINKS.items():
                    page = new_page()
                    figures[label]["loads"][link].append(load_timings(page, base + "/programs/", kbps))
                    page.context.close()
        for label, base in sites.items():
            page = new_page()
            page.goto(base + "/programs/")
            page.wait_for_selector(".catalog--ready")
            page.wait_for_load_state("networkidle")
            if cpu_slowdown > 1:
                cdp = page.context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
            figures[label]["interactions"] = summarise(interactions(page, rounds))
            page.context.close()
        browser.close()
    return {"sites": figures, "errors": errors}


def report(build_figures: dict[str, Any], outputs: dict[str, dict[str, Any]], browser: dict[str, Any]) -> str:
    output = outputs[THIS]
    count = output["count"]
    lines = [f"Program catalog benchmark: {count:,} synthetic programs ({browser['machine']})", ""]
    builds = build_figures["build_seconds"]
    each = ", ".join(f"{b:.2f}" for b in builds)
    lines.append(f"Full site build (cold): median {statistics.median(builds):.2f} s over {len(builds)} builds ({each})")
    for label, seconds in build_figures["shares_seconds"].items():
        lines.append(f"  rendering {label}: {seconds * 1000:.0f} ms")
    lines.append("")
    lines.append("Output:")
    for label in ("site", "catalog pages", "guide listing pages", "program pages", "first catalog page"):
        files, size = output[label]
        lines.append(f"  {label}: {files:,} files, {size / 1_000_000:.2f} MB")
    for site, figures in outputs.items():
        for name, (raw, gz) in figures["index"].items():
            lines.append(
                f"  {site}: data/{name}: {raw:,} bytes raw ({raw / count:.1f} per program), "
                f"{gz:,} gzipped ({gz / count:.1f} per program)"
            )
    lines.append("")
    sites = browser["sites"]
    pairs = len(next(iter(sites.values()))["loads"]["unthrottled"])
    order = " ".join(label for label in sites)
    lines.append(f"Start-up, ms from navigation start: medians of {pairs} loads of each site, in turn ({order}, ...).")
    lines.append(f"Served gzipped; the 4 Mbit/s link has {LATENCY_MS} ms latency (DevTools network emulation).")
    heads = ("FCP", "index requested", "first part in", "filters ready", "all parts in", "names in", "index bytes")
    fields = ("fcp", "index_request", "index_received", "ready", "all_received", "text", "index_bytes")
    lines.append(f"  {'site':<10} {'link':<18}" + "".join(f" {c:>15}" for c in heads))
    for site, figures in sites.items():
        for link, runs in figures["loads"].items():
            cells = "".join(f" {statistics.median(run[key] for run in runs):>15,.0f}" for key in fields)
            lines.append(f"  {site:<10} {link:<18}{cells}")
        ready = ", ".join(f"{run['ready']:.0f}" for run in figures["loads"]["4 Mbit/s, gzipped"])
        lines.append(f"  {site:<10} filters ready on 4 Mbit/s, each load: {ready}")
    lines.append("")
    lines.append("Interactions, in ms. From the input event's timestamp: 'DOM' = the catalog's DOM updated,")
    lines.append("'+layout' = and laid out. 'handler' = from the page receiving the event to the DOM updated")
    lines.append("(without the input delay, the time the page was still busy when the input arrived).")
    columns = ("n", "DOM median", "DOM p95", "+layout med", "+layout p95", "max", "handler med", "p95", "delay med")
    widths = (4, 11, 8, 12, 12, 7, 12, 6, 10)
    lines.append(
        f"  {'site':<10} {'interaction':<15}" + "".join(f" {c:>{w}}" for c, w in zip(columns, widths, strict=True))
    )
    keys = ("n", "dom_median", "dom_p95", "layout_median", "layout_p95", "max", "handler_median", "handler_p95")
    keys += ("delay_median",)
    for site, figures in sites.items():
        for kind, row in figures["interactions"].items():
            cells = "".join(
                f" {row[key]:>{w}}" if key == "n" else f" {row[key]:>{w}.2f}"
                for key, w in zip(keys, widths, strict=True)
            )
            lines.append(f"  {site:<10} {kind:<15}{cells}")
    if browser["errors"]:
        lines.append("")
        lines.append(f"Page errors: {browser['errors']}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=60, help="interactions of each kind (at least 50)")
    parser.add_argument("--loads", type=int, default=5, help="page loads of each site on each link")
    parser.add_argument("--baseline", metavar="REV", help="also build and measure this git revision, in turn")
    parser.add_argument("--cpu-slowdown", type=float, default=1.0, help="Chromium CPU throttling, e.g. 4 for a phone")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder in /dev/shm)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if CHROMIUM is None:
        parser.error("Chromium is needed: apt-get install chromium")

    shm = Path("/dev/shm")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="catalog-bench-", dir=shm if shm.is_dir() else None) as temp:
        workdir = args.workdir or Path(temp)
        project = make_site(workdir, args.programs, args.seed)
        build_figures = measure_build(project, args.builds)
        outs = {THIS: project.out}
        if args.baseline:
            outs = {args.baseline: baseline_site(workdir, args.baseline, args.programs, args.seed).out, **outs}
        outputs = {label: measure_output(out, args.programs) for label, out in outs.items()}
        with ExitStack() as stack:
            bases = {label: stack.enter_context(serve(out)) for label, out in outs.items()}
            browser = run_browser(bases, args.rounds, args.loads, args.cpu_slowdown)
    browser["machine"] = (
        f"{os.cpu_count()} CPUs, 1-minute load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )
    print(report(build_figures, outputs, browser))
    if args.json:
        figures = {"build": build_figures, "output": outputs, "browser": browser}
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
