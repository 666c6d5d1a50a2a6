"""Build benchmark: guidegen against a naive Python loop, Hugo and Eleventy, cold and incremental, with memory.

    python bench/build_bench.py [--runs 3] [--articles 1000,4000] [--programs 10000] [--work DIR]

For each site size it generates a deterministic synthetic site (bench/synthetic_site.py),
then times, as fresh processes: a cold build (no cache, no output), a no-op rebuild, and
rebuilds after editing one article, one program record, the salary table, the base
template, a partial every page includes (partials/head.html) and a nav title in site.yaml;
the naive baseline, Hugo (when `hugo` is on PATH) and Eleventy (when `npm ci` has installed
it in bench/eleventy/) build the same articles in the same invocation, runs interleaved
(A B C A B C) so a busy machine slows all alike.
Site search: guidegen's cold build indexes with Pagefind (the search index figures come
from its -v log), a cold build with --no-search shows what search costs, and Hugo or Eleventy
followed by the Pagefind CLI over its output (how their sites get search) is the baseline for it.
A CI commit is a fresh checkout (every file written anew, no public/) with the previous
run's .guidegen-cache/ restored and one article edited, then a build: with search against
Hugo + Pagefind and Eleventy + Pagefind, and with --no-search against Hugo and Eleventy alone.
Inside a running `guidegen serve`, it times each article edit from the file's save to the
moment the server tells a connected browser to reload (the livereload message a browser
waits for), then checks that the page it serves is the edited one. Every figure is the
median of the runs; peak memory is sampled from /proc over the whole process tree.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pagefind_bin import get_executable as pagefind_executable
from tornado.websocket import websocket_connect

from eleventy_site import eleventy_binary, eleventy_version, write_eleventy_project
from hugo_site import write_hugo_project
from synthetic_site import article_slug, generate_site

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = sys.executable
_RENDERED = re.compile(r"rendered (\d+) of (\d+) pages, wrote (\d+) files")
_INDEXED = re.compile(r"search index: (\d+) records, (\d+) files, ([\d.]+) MB, ready (\d+) ms")


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the largest single process
    peak_tree_mb: float  # all processes of the tree together (PSS: shared pages counted once)
    rendered: int | None = None
    written: int | None = None
    index: tuple[int, int, float, float] | None = None  # records, files, MB, seconds from start to ready


@dataclass
class Row:
    site: str
    scenario: str
    tool: str
    pages: int
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_tree_mb(self) -> float:
        return max(run.peak_tree_mb for run in self.runs)

    @property
    def peak_rss_mb(self) -> float:
        return max(run.peak_rss_mb for run in self.runs)


class TreeMemory:
    """Samples the memory of a process and its descendants from /proc until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_rss = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = pss = 0
            for pid in self._tree(self.pid):
                values = _rollup(pid)
                rss = max(rss, values.get("Rss", 0))
                pss += values.get("Pss", 0)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(0.01)

    def _tree(self, pid: int) -> list[int]:
        return process_tree(pid)


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found = [pid]
    try:  # a process may end while it is looked at (render workers are replaced as they go)
        tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
    except OSError:
        return found
    for task in tasks:
        try:
            children = task.read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(process_tree(int(child)))
    return found


def _rollup(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[name] = int(parts[0])  # kB
    return values


def measure(command: list[str], cwd: Path | None = None) -> tuple[Run, str]:
    """Run a command to completion: wall time, peak memory, and what it printed."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=errors, stderr=subprocess.STDOUT)
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        memory.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-3000:]}")
    peak_rss = max(memory.peak_rss, usage.ru_maxrss) / 1024
    return Run(seconds, peak_rss, max(memory.peak_pss / 1024, peak_rss)), stderr


def measure_chain(commands: list[list[str]], cwd: Path | None = None) -> Run:
    """Commands one after the other, as one step: their times added, the largest memory of any."""
    runs = [measure(command, cwd)[0] for command in commands]
    return Run(sum(run.seconds for run in runs), max(r.peak_rss_mb for r in runs), max(r.peak_tree_mb for r in runs))


def folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def guidegen_build(root: Path, *options: str) -> tuple[Run, str]:
    run, stderr = measure([PYTHON, "-m", "guidegen", "build", "-v", "--root", str(root), *options])
    indexed = _INDEXED.search(stderr)
    if indexed:
        records, files, size, ready = indexed.groups()
        run.index = (int(records), int(files), float(size), int(ready) / 1000)
    counts = _RENDERED.search(stderr)
    if counts:
        run.rendered, run.written = int(counts.group(1)), int(counts.group(3))
    else:  # the up-to-date check answered without building
        run.rendered, run.written = 0, 0
    return run, stderr


def clean(root: Path) -> None:
    for name in ("public", ".public.previous", ".guidegen-cache"):
        shutil.rmtree(root / name, ignore_errors=True)


def pages_of(printed: str) -> int:
    found = re.search(r"Built into \S+: (\d+) pages", printed)
    return int(found.group(1)) if found else 0


# Edits, each different from the last so every run has something to rebuild.
def edit_article(root: Path, run: int) -> None:
    path = root / "content" / "articles" / f"{article_slug(7)}.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nEdited for run {run}.\n", encoding="utf-8")


def edit_program(root: Path, run: int) -> None:
    synthetic = sorted((root / "content" / "programs").glob("synthetic-*.yaml"))
    path = synthetic[len(synthetic) // 2] if synthetic else root / "content" / "programs" / "us.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"amount: \d+", f"amount: {40_001 + run}", text, count=1), encoding="utf-8")


def edit_salary_table(root: Path, run: int) -> None:
    path = root / "content" / "salaries" / "mlops.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"base: \[\d+,", f"base: [{150_001 + run},", text, count=1), encoding="utf-8")


def edit_base_template(root: Path, run: int) -> None:
    path = root / "templates" / "base.html"
    footer = f'<footer data-run="{run}" class="site-footer"'
    text = re.sub(r'<footer (data-run="\d+" )?class="site-footer"', footer, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


def edit_partial_template(root: Path, run: int) -> None:
    """partials/head.html, which base.html includes, so every page shows the change."""
    path = root / "templates" / "partials" / "head.html"
    meta = f'<meta name="theme-color" data-run="{run}"'
    text = re.sub(r'<meta name="theme-color"( data-run="\d+")?', meta, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


def edit_nav(root: Path, run: int) -> None:
    """Rename the title of site.yaml's Articles nav item, which every page's header shows."""
    path = root / "content" / "site.yaml"
    title = rf"\g<1>Articles {run}\g<2>"
    text = re.sub(r"(- title: )Articles[^\n]*(\n\s+url: /articles/\n)", title, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


EDITS: dict[str, Callable[[Path, int], None]] = {
    "rebuild, one article edited": edit_article,
    "rebuild, one program edited": edit_program,
    "rebuild, salary table edited": edit_salary_table,
    "rebuild, base template edited": edit_base_template,
    "rebuild, partial template edited": edit_partial_template,
    "rebuild, site.yaml nav edited": edit_nav,
}


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def bench_site(
    name: str,
    root: Path,
    articles: int,
    runs: int,
    hugo: str | None,
    eleventy: Path | None,
    work: Path,
    *,
    cold_only: bool = False,
) -> list[Row]:
    rows: list[Row] = []
    cold = Row(name, "cold build", "guidegen", 0)
    unsearched = Row(name, "cold build, --no-search", "guidegen", 0)
    naive = Row(name, "cold build", "naive loop", articles + 3)
    hugo_row = Row(name, "cold build", "hugo", articles + 3)
    hugo_search = Row(name, "cold build", "hugo + pagefind", articles + 3)
    eleventy_row = Row(name, "cold build", "eleventy", 0)
    eleventy_search = Row(name, "cold build", "eleventy + pagefind", 0)
    hugo_root = work / f"{name}-hugo"
    eleventy_root = work / f"{name}-eleventy"
    if hugo:
        write_hugo_project(root, hugo_root)
    if eleventy:
        write_eleventy_project(root, eleventy_root)
    for _ in range(runs):
        clean(root)
        run, printed = guidegen_build(root, "--no-search")
        unsearched.runs.append(run)
        unsearched.pages = pages_of(printed)
        clean(root)
        run, printed = guidegen_build(root)
        cold.runs.append(run)
        cold.pages = pages_of(printed)
        shutil.rmtree(work / "naive-out", ignore_errors=True)
        naive.runs.append(measure([PYTHON, str(BENCH / "naive.py"), str(root), str(work / "naive-out")])[0])
        if hugo:
            hugo_out = work / "hugo-out"
            shutil.rmtree(hugo_out, ignore_errors=True)
            hugo_build = [hugo, "--quiet", "-s", str(hugo_root), "-d", str(hugo_out)]
            hugo_row.runs.append(measure(hugo_build)[0])
            shutil.rmtree(hugo_out, ignore_errors=True)
            index = [str(pagefind_executable()), "--site", str(hugo_out), "--silent"]
            hugo_search.runs.append(measure_chain([hugo_build, index]))
            hugo_search.runs[-1].index = (articles, 0, folder_mb(hugo_out / "pagefind"), 0.0)
        if eleventy:
            eleventy_out = work / "eleventy-out"
            shutil.rmtree(eleventy_out, ignore_errors=True)
            eleventy_build = ["node", str(eleventy), "--quiet", f"--output={eleventy_out}"]
            eleventy_row.runs.append(measure(eleventy_build, cwd=eleventy_root)[0])
            eleventy_row.pages = eleventy_search.pages = html_pages(eleventy_out)
            shutil.rmtree(eleventy_out, ignore_errors=True)
            index = [str(pagefind_executable()), "--site", str(eleventy_out), "--silent"]
            eleventy_search.runs.append(measure_chain([eleventy_build, index], cwd=eleventy_root))
            eleventy_search.runs[-1].index = (articles, 0, folder_mb(eleventy_out / "pagefind"), 0.0)
    rows += [cold, unsearched, naive]
    rows += [hugo_row, hugo_search] if hugo else []
    rows += [eleventy_row, eleventy_search] if eleventy else []
    if cold_only:
        return rows

    noop = Row(name, "no-op rebuild", "guidegen", cold.pages)
    for _ in range(runs):
        noop.runs.append(guidegen_build(root)[0])
    rows.append(noop)
    for scenario, edit in EDITS.items():
        row = Row(name, scenario, "guidegen", cold.pages)
        for run in range(runs):
            edit(root, run)
            row.runs.append(guidegen_build(root)[0])
        rows.append(row)
    rows.append(serve_rebuilds(name, root, runs, cold.pages))
    rows.append(ci_commits(name, root, runs, ("--no-search",)))
    rows.append(ci_commits(name, root, runs, ()))
    rows.append(ci_commits(name, root, runs, ("--no-search",), with_output=True))
    rows.append(ci_commits(name, root, runs, (), with_output=True))
    return rows


def ci_commits(name: str, root: Path, runs: int, options: tuple[str, ...], *, with_output: bool = False) -> Row:
    """A CI run on a commit that edits one article: a fresh checkout, no public/, the cache restored.

    The checkout is made at the site's own path, as a CI runner checks out every run into the
    same folder, from a copy of the site built once more with the same options (the run before
    it, whose cache it restores). Every file of the checkout is written anew, so its times are
    new, as after `git clone`; the cache comes back as it was saved, as actions/cache restores it.
    with_output restores the previous run's public/ as well, as the shipped workflows keep it in
    the same actions/cache entry.
    """
    what = "CI commit, cache and public/ restored" if with_output else "CI commit"
    row = Row(name, what + "".join(f", {option}" for option in options), "guidegen", 0)
    guidegen_build(root, *options)
    previous = root.with_name(root.name + "-previous-run")
    shutil.rmtree(previous, ignore_errors=True)
    root.rename(previous)
    slug = article_slug(7)
    try:
        for run in range(runs):
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            for folder in ("content", "templates", "static"):
                shutil.copytree(previous / folder, root / folder, copy_function=shutil.copy)
            shutil.copytree(previous / ".guidegen-cache", root / ".guidegen-cache")
            if with_output:
                shutil.copytree(previous / "public", root / "public")
            marker = f"Committed edit {run} {time.time_ns()}."
            path = root / "content" / "articles" / f"{slug}.md"
            path.write_text(path.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            result, printed = guidegen_build(root, *options)
            page = root / "public" / "articles" / slug / "index.html"
            if marker not in page.read_text(encoding="utf-8"):
                raise SystemExit(f"the CI commit build of run {run} does not show the edit in {page}")
            row.runs.append(result)
            row.pages = pages_of(printed)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        previous.rename(root)
    return row


def serve_rebuilds(name: str, root: Path, runs: int, pages: int) -> Row:
    """From saving an article to `guidegen serve` telling the browser to reload, with the new page."""
    row = Row(name, "serve: save -> page rebuilt", "guidegen serve", pages)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(
        [PYTHON, "-m", "guidegen", "serve", "--root", str(root), "--port", str(port)], stdout=log, stderr=log
    )
    page = f"/articles/{article_slug(7)}/"
    try:
        deadline = time.monotonic() + 300
        while _get(port, "/") is None:
            if time.monotonic() > deadline or server.poll() is not None:
                log.seek(0)
                raise SystemExit(f"guidegen serve did not start:\n{log.read().decode()[-2000:]}")
            time.sleep(0.1)
        time.sleep(1.0)  # let the server settle (its first cache save) before timing
        for run in range(runs * 2):
            marker = f"Served edit {run} {time.time_ns()}."
            path = root / "content" / "articles" / f"{article_slug(7)}.md"
            text = path.read_text(encoding="utf-8") + f"\n{marker}\n"
            seconds = asyncio.run(_time_reload(port, page, functools.partial(path.write_text, text, encoding="utf-8")))
            if marker not in (_get(port, page) or ""):
                raise SystemExit(f"guidegen serve asked for a reload but does not serve the edit of run {run}")
            row.runs.append(Run(seconds, 0, 0))
            time.sleep(0.5)
        # the server and its build process (serve_builds.py), which holds the site and the cache
        rss = sum(_rollup(pid).get("Rss", 0) for pid in process_tree(server.pid))
        for item in row.runs:
            item.peak_rss_mb = item.peak_tree_mb = rss / 1024
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return row


async def _time_reload(port: int, page: str, save: Callable[[], object]) -> float:
    """Seconds from save() to the livereload message a browser showing page receives."""
    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
        await connection.read_message()  # the server's hello
        await connection.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}{page}"}))
        await asyncio.sleep(0.2)  # the server registers the browser on reading 'info'
        started = time.perf_counter()
        save()
        while True:
            message = await asyncio.wait_for(connection.read_message(), timeout=60)
            if message is None:
                raise SystemExit("guidegen serve closed the livereload connection")
            if json.loads(message).get("command") == "reload":
                return time.perf_counter() - started
    finally:
        connection.close()


def _get(port: int, path: str) -> str | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return body if response.status == 200 else None
    except OSError:
        return None
    finally:
        connection.close()


def versus_peer(row: Row, baseline: dict[tuple[str, str], float], peer: str) -> str:
    """A guidegen cold build or CI commit as a ratio to a peer's cold build of the same articles.

    With search, the peer's baseline is its build followed by the Pagefind CLI; without, its build alone.
    """
    if row.tool != "guidegen" or not row.scenario.startswith(("cold build", "CI commit")):
        return ""
    seconds = baseline.get((row.site, peer if "no-search" in row.scenario else f"{peer} + pagefind"))
    return f"{row.seconds / seconds:.2f}" if seconds else f"(no {peer})"


def table(rows: list[Row]) -> str:
    baseline = {(row.site, row.tool): row.seconds for row in rows if row.scenario == "cold build"}
    # a rebuild's own cold build is the one with the same options (with search, or --no-search); the cold
    # build with --no-search is shown as a share of the one with search
    cold = {
        (row.site, "no-search" in row.scenario): row.seconds
        for row in rows
        if row.scenario.startswith("cold build") and row.tool == "guidegen"
    }
    header = (
        "| site | scenario | tool | median s | runs | pages | rendered | files written | ms/page | "
        "peak RSS MB (largest process) | peak MB (whole tree, PSS) | vs naive | vs Hugo | vs Eleventy | vs own cold |"
    )
    lines = [header, "|" + "---|" * 15]
    for row in rows:
        ms_page = row.seconds * 1000 / row.pages if row.pages else 0
        rendered = row.runs[-1].rendered
        written = row.runs[-1].written
        versus_naive = ""
        if row.tool == "guidegen" and row.scenario.startswith("cold build"):
            naive = baseline.get((row.site, "naive loop"))
            versus_naive = f"{naive / row.seconds:.2f}x faster" if naive else ""
        own = ""
        own_cold = cold.get((row.site, "no-search" in row.scenario and not row.scenario.startswith("cold build")))
        if row.tool.startswith("guidegen") and own_cold:
            own = f"{row.seconds / own_cold * 100:.1f}%"
        lines.append(
            f"| {row.site} | {row.scenario} | {row.tool} | {row.seconds:.3f} | {len(row.runs)} | {row.pages} | "
            f"{'' if rendered is None else rendered} | {'' if written is None else written} | {ms_page:.3f} | "
            f"{row.peak_rss_mb:.0f} | {row.peak_tree_mb:.0f} | {versus_naive} | {versus_peer(row, baseline, 'hugo')} | "
            f"{versus_peer(row, baseline, 'eleventy')} | {own} |"
        )
    return "\n".join(lines)


def search_table(rows: list[Row]) -> str:
    """The search index of each cold build: what was indexed, how big, and how long indexing took."""
    lines = [
        "| site | tool | records | index MB | indexing s (median) | build s with search | without | search adds |",
        "|" + "---|" * 8,
    ]
    # each tool's cold build without search: guidegen's --no-search, and a peer's build before the Pagefind CLI
    without = {(row.site, "guidegen"): row.seconds for row in rows if row.scenario == "cold build, --no-search"}
    without |= {(row.site, f"{row.tool} + pagefind"): row.seconds for row in rows if row.scenario == "cold build"}
    for row in rows:
        if row.scenario != "cold build" or not row.runs or row.runs[-1].index is None:
            continue
        records, _, size, _ = row.runs[-1].index
        base = without.get((row.site, row.tool))
        indexing = (
            statistics.median(run.index[3] for run in row.runs if run.index)
            if row.tool == "guidegen"
            else row.seconds - (base or 0)
        )
        adds = f"{row.seconds - base:+.3f} s" if base else ""
        lines.append(
            f"| {row.site} | {row.tool} | {records} | {size:.1f} | {indexing:.3f} | {row.seconds:.3f} | "
            f"{'' if base is None else f'{base:.3f}'} | {adds} |"
        )
    return "\n".join(lines)


def compile_guidegen() -> None:
    """Write guidegen's bytecode, as installing a package does: with PYTHONDONTWRITEBYTECODE set (some CI
    images set it), an editable install would otherwise compile all of guidegen in every measured run."""
    import guidegen

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    folder = Path(guidegen.__file__).parent
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(folder)], env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", default="1000,4000", help="comma-separated article counts")
    parser.add_argument("--programs", type=int, default=10_000, help="synthetic programs, added to the largest site")
    parser.add_argument("--cold-only", action="store_true", help="only cold builds (with and without search, Hugo)")
    shm = Path("/dev/shm")
    default_work = (shm if shm.is_dir() else Path(tempfile.gettempdir())) / "guidegen-bench"
    parser.add_argument("--work", type=Path, default=default_work, help="where the sites are generated (a tmpfs)")
    args = parser.parse_args()
    compile_guidegen()
    hugo = shutil.which("hugo")
    eleventy = eleventy_binary()
    sizes = [int(size) for size in args.articles.split(",")]
    sites = [(f"{size} articles", size, 0) for size in sizes]
    if args.programs:
        sites.append((f"{max(sizes)} articles + {args.programs} programs", max(sizes), args.programs))
    load = os.getloadavg()[0]
    found = f"eleventy {eleventy_version()}" if eleventy else "eleventy: not installed (make bench-build installs it)"
    print(f"load before: {load:.2f} (1-minute average) on {os.cpu_count()} cores; hugo: {hugo or 'not found'}; {found}")
    rows: list[Row] = []
    args.work.mkdir(parents=True, exist_ok=True)
    for name, articles, programs in sites:
        root = args.work / name.replace(" ", "-").replace("+", "and")
        generate_site(root, articles=articles, programs=programs)
        print(f"benchmarking {name} ...", flush=True)
        rows += bench_site(name, root, articles, args.runs, hugo, eleventy, args.work, cold_only=args.cold_only)
    print(f"load after: {os.getloadavg()[0]:.2f}")
    print(table(rows))
    print()
    print(search_table(rows))
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    (out / "build-bench.md").write_text(table(rows) + "\n\n" + search_table(rows) + "\n", encoding="utf-8")
    results = [{**asdict(row), "median_seconds": row.seconds} for row in rows]
    (out / "build-bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
