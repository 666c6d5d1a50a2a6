"""`guidegen serve`: build, serve with live reload, rebuild on change, show errors in the browser."""

from __future__ import annotations

import gc
import logging
import mimetypes
import os
import posixpath
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from guidegen.commands.build import BuildReport, build
from guidegen.content.reader import read_site
from guidegen.content.site import Project
from guidegen.errors import ContentError, GuidegenError, Problem, Problems
from guidegen.incremental import uptodate
from guidegen.incremental.cache import BuildCache, collection_paused
from guidegen.render.theme import theme_folders
from guidegen.search.indexing import IndexInBackground
from guidegen.structure.urls import UrlScheme

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.01  # one save is a burst of events within a millisecond or two
SAVE_AFTER_SECONDS = 0.5  # quiet time after a build before the cache is saved and garbage collected
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass
class BuildState:
    """The outcome of the latest build; the server reads it on every request."""

    problems: list[Problem] = field(default_factory=list)
    message: str | None = None
    report: BuildReport | None = None
    generation: int = 0

    @property
    def failed(self) -> bool:
        return self.message is not None


class Rebuilder:
    """Coalesces bursts of file events into one build; a change during a build triggers another."""

    def __init__(self, project: Project, on_done: Callable[[BuildState], None]) -> None:
        self.project = project
        self.on_done = on_done
        self.cache = BuildCache.load(project)  # kept in memory: a rebuild renders only what changed
        self.cache.keep_between_builds()
        self.state = BuildState()
        self._changed = threading.Event()
        self._last_event = 0.0
        self._inputs: uptodate.Inputs | None = None  # the last build's snapshot of the input files
        self._reported: set[str] | None = set()  # files the events named since (None: a folder, or unknown)
        self._lock = threading.Lock()
        self._building = threading.Lock()  # held by a build until its cache is marked unsaved
        self._unsaved = False
        self._saved_files = False  # a file event since the last build (not only a search index made ready)
        self._index_ready = False
        # the reload never waits for the search index: see IndexInBackground
        self.indexer = IndexInBackground(on_ready=self._publish_index)
        self._thread = threading.Thread(target=self._loop, name="guidegen-rebuild", daemon=True)

    def build_now(self) -> BuildState:
        state = BuildState(generation=self.state.generation + 1)
        started = time.perf_counter()
        try:
            with collection_paused():  # a full collection of the server's heap takes 100 ms: see _loop
                state.report = build(self.project, cache=self.cache, inputs=self._snapshot(), indexer=self.indexer)
        except ContentError as exc:
            state.problems = exc.problems
            state.message = str(exc)
        except GuidegenError as exc:
            state.message = str(exc)
        elapsed = (time.perf_counter() - started) * 1000
        if state.failed:
            log.warning("build failed (%s); still serving the last good build", state.message)
            for problem in state.problems:
                log.warning("%s", problem.format())
        elif state.report is not None:
            log.info("Rebuilt: %s pages in %.0f ms", state.report.pages, elapsed)
        self.state = state
        return state

    def start(self) -> None:
        self._thread.start()

    def notify(self, event: FileSystemEvent | None = None, *, rebuild: bool = True) -> None:
        """A file event (None: something changed); rebuild=False only notes the file for the snapshot."""
        with self._lock:
            names = _event_files(event, self.project.root) if event is not None else None
            if names is None or self._reported is None:
                self._reported = None
            else:
                self._reported.update(names)
        if rebuild:
            with self._lock:
                self._saved_files = True
            self._last_event = time.monotonic()
            self._changed.set()

    def _publish_index(self) -> None:
        """The search index of the latest build is ready: a rebuild swaps it in, and reloads no browser."""
        with self._lock:
            self._index_ready = True
        self._changed.set()

    def _snapshot(self) -> uptodate.Inputs:
        """The input files' stat now: the last build's, with the files events named looked at again."""
        with self._lock:
            reported, self._reported = self._reported, set()
        if self._inputs is None or reported is None:
            self._inputs = uptodate.snapshot(self.project.root)
        else:
            self._inputs = uptodate.refreshed(self._inputs, self.project.root, reported)
        return self._inputs

    def save(self) -> None:
        """Save what the builds learned (the next `guidegen build` starts from it); collect their garbage."""
        with self._building:  # not halfway through a build
            if self._unsaved:
                self.cache.save()
                self._unsaved = False
        gc.collect()

    def _loop(self) -> None:
        while True:
            if not self._changed.wait(timeout=SAVE_AFTER_SECONDS if self._unsaved else None):
                self.save()  # quiet since the last build: nobody waits for the page now
                continue
            # wait for a quiet moment, so a burst of saves ends in one build of the final state
            while time.monotonic() - self._last_event < DEBOUNCE_SECONDS:
                time.sleep(DEBOUNCE_SECONDS / 5)
            self._changed.clear()
            with self._lock:
                index_only = self._index_ready and not self._saved_files
                self._index_ready = self._saved_files = False
            with self._building:
                state = self.build_now()
                self._unsaved = True
            if not index_only:  # a page a visitor is reading did not change: only the index did
                self.on_done(state)
            self.indexer.after_reload()


# Only changes: with no IN_OPEN / IN_CLOSE_NOWRITE in the inotify mask, the files a build reads (templates,
# static files, folder listings: some 200 per build) do not wake the event thread, which would compete with
# the build for the interpreter.
CHANGE_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirModifiedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _SourceEvents(FileSystemEventHandler):
    def __init__(self, rebuilder: Rebuilder) -> None:
        self.rebuilder = rebuilder

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        name = Path(str(event.src_path)).name
        ignored = name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp"))
        self.rebuilder.notify(event, rebuild=not ignored)


def _event_files(event: FileSystemEvent, root: Path) -> list[str] | None:
    """The files an event names, relative to root; None for a folder coming or going, or a path elsewhere."""
    if event.is_directory:
        # a file written in a folder "modifies" it too; files coming and going have events of their own
        return [] if event.event_type == "modified" else None
    prefix = str(root).rstrip("/") + "/"
    names = []
    for path in (event.src_path, getattr(event, "dest_path", "")):
        text = os.fsdecode(path)
        if not text:
            continue
        if not text.startswith(prefix):
            return None
        names.append(text[len(prefix) :])
    return names


class _EventWatcher(Watcher):  # type: ignore[misc]
    """livereload's own watcher polls every 800 ms; file events come from watchdog instead."""

    def start(self, callback: Callable[[], None]) -> bool:
        return True  # tells livereload not to start polling

    def examine(self) -> tuple[None, None]:
        return None, None


class _DevServer(Server):  # type: ignore[misc]
    """livereload's Server, loading its client script from a file rather than inline code."""

    def __init__(self, app: Callable[..., Iterable[bytes]], port: int) -> None:
        super().__init__(app=app, watcher=_EventWatcher())
        self._script = f'<script src="/livereload.js?port={port}"></script>'.encode()

    def _setup_logging(self) -> None:
        # livereload adds its own handlers on top of the CLI's, which prints every line twice;
        # show guidegen's rebuild messages and the server's warnings (404s) once instead
        logging.getLogger("guidegen").setLevel(logging.INFO)
        logging.getLogger("livereload").setLevel(logging.WARNING)

    def get_web_handlers(self, script: bytes) -> list[Any]:
        handlers: list[Any] = super().get_web_handlers(self._script)
        return handlers


class SiteApp:
    """A WSGI app serving the output folder, or the build errors while the latest build fails."""

    def __init__(self, project: Project, rebuilder: Rebuilder, prefix: str) -> None:
        self.project = project
        self.rebuilder = rebuilder
        self.prefix = prefix
        self.errors = jinja2.Environment(
            loader=jinja2.PackageLoader("guidegen", "dev"), autoescape=True, undefined=jinja2.StrictUndefined
        ).get_template("error.html")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        raw = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        path = unquote(raw)
        if not path.startswith(self.prefix):
            return self._redirect(start_response, self.prefix)
        state = self.rebuilder.state
        relative = path[len(self.prefix) :]
        target = self._resolve(relative)
        if target is None:
            return self._send(start_response, "403 Forbidden", b"Forbidden\n", "text/plain; charset=utf-8")
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(start_response, path + "/")
            target = target / "index.html"
        is_page = target.suffix == ".html" or not target.suffix
        if state.failed and is_page:
            body = self.errors.render(state=state).encode("utf-8")
            return self._send(start_response, "500 Build Failed", body, "text/html; charset=utf-8")
        if not target.is_file():
            missing = self.project.out / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found\n"
            return self._send(start_response, "404 Not Found", body, "text/html; charset=utf-8")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        return self._send(start_response, "200 OK", target.read_bytes(), kind)

    def _resolve(self, relative: str) -> Path | None:
        """The file for a request path, or None when it would leave the output folder."""
        normal = posixpath.normpath("/" + relative)
        if "\\" in relative or "\x00" in relative or any(part == ".." for part in relative.split("/")):
            return None
        out = self.project.out.resolve()
        target = (out / normal.lstrip("/")).resolve()
        if target != out and out not in target.parents:
            return None
        return target

    @staticmethod
    def _send(start_response: StartResponse, status: str, body: bytes, kind: str) -> list[bytes]:
        start_response(
            status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        )
        return [body]

    @staticmethod
    def _redirect(start_response: StartResponse, location: str) -> list[bytes]:
        start_response("301 Moved Permanently", [("Location", location), ("Content-Length", "0")])
        return [b""]


def serve(project: Project, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, then serve until interrupted; every change under content/, templates/ or static/ rebuilds."""
    problems = Problems()
    site = read_site(project, problems)
    prefix = UrlScheme(site.config.base_url).prefix if site is not None else "/"
    loop = IOLoop.current()

    def reload_browsers(state: BuildState) -> None:
        sent = threading.Event()

        def reload() -> None:
            LiveReloadHandler.reload_waiters()
            sent.set()

        loop.add_callback(reload)
        sent.wait(timeout=1)  # before the rebuild thread goes on to anything that holds the interpreter

    rebuilder = Rebuilder(project, reload_browsers)
    first = rebuilder.build_now()
    rebuilder.cache.save()
    rebuilder.indexer.after_reload()
    if first.report is not None:
        print(first.report.summary(project.out), flush=True)
    observer = Observer()
    handler = _SourceEvents(rebuilder)
    for folder in (project.content, project.templates, project.static, *theme_folders(project.root)):
        if folder.is_dir():
            observer.schedule(handler, str(folder), recursive=True, event_filter=CHANGE_EVENTS)
    observer.start()
    rebuilder.start()
    app = SiteApp(project, rebuilder, prefix)
    server = _DevServer(app, port)
    server.watcher.watch(str(project.root))  # a registered task stops livereload watching the cwd
    print(f"Serving on http://{host}:{port}{prefix} (Ctrl+C to stop)", flush=True)
    # stopped with SIGTERM as with Ctrl+C: livereload returns, and what the builds learned is saved
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve(host=host, port=port, restart_delay=0, debug=False)
    finally:
        observer.stop()
        rebuilder.save()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
