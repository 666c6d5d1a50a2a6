"""`guidegen serve`: build, serve with live reload, rebuild on change, show errors in the browser."""

from __future__ import annotations

import contextlib
import logging
import mimetypes
import os
import posixpath
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2
from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop
from tornado.platform.asyncio import BaseAsyncIOLoop
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
from watchdog.observers.api import BaseObserver, ObservedWatch

from guidegen.commands import reload_logging
from guidegen.commands.serve_builds import BuildProcess, BuildState
from guidegen.content.reader import read_site
from guidegen.content.site import Project
from guidegen.errors import Problems
from guidegen.render.theme import theme_folders
from guidegen.structure.urls import UrlScheme

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.01  # one save is a burst of events within a millisecond or two
SAVE_AFTER_SECONDS = 0.5  # quiet time after a build before the cache is saved and garbage collected
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class Rebuilder:
    """Coalesces bursts of file events into one build; a change during a build triggers another.

    The builds run in the build process (serve_builds.py), which must be started before
    any other thread of this process: create the Rebuilder first. After each good build has
    reloaded the browsers, the build process indexes it for search; a change meanwhile stops
    that, and is built at once."""

    def __init__(self, project: Project, on_done: Callable[[BuildState], None]) -> None:
        self.project = project
        self.on_done = on_done
        self.builds = BuildProcess(project)
        self.state = BuildState()
        self._changed = threading.Event()
        self._last_event = 0.0
        self._reported: set[str] | None = set()  # files the events named since (None: a folder, or unknown)
        self._lock = threading.Lock()
        self._building = threading.Lock()  # held while the build process works for us
        self._unsaved = False
        self._index_wanted = False  # the latest build succeeded: index it once the browsers have reloaded
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="guidegen-rebuild", daemon=True)

    def build_now(self) -> BuildState:
        started = time.perf_counter()
        with self._lock:
            reported, self._reported = self._reported, set()
        state = self.builds.build(reported)
        state.generation = self.state.generation + 1
        elapsed = (time.perf_counter() - started) * 1000
        if state.failed:
            log.warning("build failed (%s); still serving the last good build", state.message)
            for problem in state.problems:
                log.warning("%s", problem.format())
        elif state.report is not None:
            log.info("Rebuilt: %s pages in %.0f ms", state.report.pages, elapsed)
        self._index_wanted = not state.failed
        self.state = state
        return state

    def start(self) -> None:
        self._thread.start()

    def _superseded(self, seconds: float) -> bool:
        """Wait up to seconds for a file event (or the server stopping); whether one came."""
        return self._changed.wait(seconds) or self._stopping.is_set()

    def notify(self, event: FileSystemEvent | None = None, *, rebuild: bool = True) -> None:
        """A file event (None: something changed); rebuild=False only notes the file for the snapshot."""
        with self._lock:
            names = _event_files(event, self.project.root) if event is not None else None
            if names is None or self._reported is None:
                self._reported = None
            else:
                self._reported.update(names)
        if rebuild:
            self._last_event = time.monotonic()
            self._changed.set()

    def save(self) -> None:
        """Save what the builds learned (the next `guidegen build` starts from it); collect their garbage."""
        with self._building:  # not halfway through a build
            if self._unsaved:
                self.builds.save()
                self._unsaved = False

    def stop(self) -> None:
        """Save, and end the build process."""
        self._stopping.set()  # an index under way stops
        with self._building:
            self.builds.stop()

    def _loop(self) -> None:
        while True:
            if self._index_wanted and not self._changed.is_set():
                # the browsers have the rebuild: now the search index, which a newer change supersedes
                self._index_wanted = False
                with self._building:
                    self.builds.index(superseded=self._superseded)
                continue
            if not self._changed.wait(timeout=SAVE_AFTER_SECONDS if self._unsaved else None):
                self.save()  # quiet since the last build: nobody waits for the page now
                continue
            # wait for a quiet moment, so a burst of saves ends in one build of the final state
            while time.monotonic() - self._last_event < DEBOUNCE_SECONDS:
                time.sleep(DEBOUNCE_SECONDS / 5)
            self._changed.clear()
            with self._building:
                state = self.build_now()
                self._unsaved = True
            self.on_done(state)


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


class _SourceFolders(FileSystemEventHandler):
    """Watches content/, templates/ and static/, and the theme's folders, each with its files.

    A site may start with content/ only (the theme brings the rest): the project's root is watched
    too, for one of its source folders coming (its files are then watched, and everything is
    checked once) or going."""

    def __init__(self, observer: BaseObserver, rebuilder: Rebuilder, project: Project) -> None:
        self.observer = observer
        self.rebuilder = rebuilder
        self.root = project.root
        self.sources = _SourceEvents(rebuilder)
        self.own = {folder.name: folder for folder in (project.content, project.templates, project.static)}
        self.watches: dict[str, ObservedWatch] = {}  # the name of a source folder of the project's, and its watch
        self._lock = threading.Lock()

    def watch(self) -> None:
        for folder in theme_folders(self.root):
            if folder.is_dir():
                self.observer.schedule(self.sources, str(folder), recursive=True, event_filter=CHANGE_EVENTS)
        for name in self.own:
            self._follow(name)
        self.observer.schedule(self, str(self.root), recursive=False, event_filter=CHANGE_EVENTS)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            return
        paths = {Path(os.fsdecode(event.src_path)), Path(os.fsdecode(getattr(event, "dest_path", "") or "."))}
        names = {path.name for path in paths if path.parent == self.root and path.name in self.own}
        if any(self._follow(name) for name in names):
            self.rebuilder.notify(None)  # files written before the watch began are found by checking all

    def _follow(self, name: str) -> bool:
        """Watch a source folder that has come, or forget one that has gone; whether that changed anything."""
        with self._lock:
            folder, watch = self.own[name], self.watches.get(name)
            if folder.is_dir() and watch is None:
                self.watches[name] = self.observer.schedule(
                    self.sources, str(folder), recursive=True, event_filter=CHANGE_EVENTS
                )
                return True
            if not folder.is_dir() and watch is not None:
                del self.watches[name]
                with contextlib.suppress(KeyError):  # the observer dropped it when the folder went
                    self.observer.unschedule(watch)
                return True
            return False


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

    def get_web_handlers(self, script: bytes) -> list[Any]:
        handlers: list[Any] = super().get_web_handlers(self._script)
        return handlers


class _QuietDevServer(_DevServer):
    """The dev server, printing each line once: used while livereload's logging set-up has its known shape."""

    def _setup_logging(self) -> None:
        reload_logging.quiet_logging()


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
    del site  # the build process reads the site for itself
    loop = IOLoop.current()

    def reload_browsers(state: BuildState) -> None:
        sent = threading.Event()

        def reload() -> None:
            LiveReloadHandler.reload_waiters()
            sent.set()

        loop.add_callback(reload)
        sent.wait(timeout=1)  # before the rebuild thread goes on to anything that holds the interpreter

    # the rebuild messages of the build process, which is forked before livereload sets up its logging
    reload_logging.quiet_logging()
    rebuilder = Rebuilder(project, reload_browsers)  # forks the build process: before any other thread
    first = rebuilder.build_now()
    rebuilder.builds.save()
    if first.report is not None:
        print(first.report.summary(project.out), flush=True)
    observer = Observer()
    _SourceFolders(observer, rebuilder, project).watch()
    observer.start()
    rebuilder.start()
    app = SiteApp(project, rebuilder, prefix)
    server = (_QuietDevServer if reload_logging.replaceable() else _DevServer)(app, port)
    server.watcher.watch(str(project.root))  # a registered task stops livereload watching the cwd
    print(f"Serving on http://{host}:{port}{prefix} (Ctrl+C to stop)", flush=True)
    # stopped with SIGTERM as with Ctrl+C: the loop stops, livereload returns, and what the builds learned is
    # saved. The loop's own handling wakes it whichever thread the signal reaches; a Python signal handler
    # runs only once the main thread wakes, which an idle loop might not do until the next request.
    if isinstance(loop, BaseAsyncIOLoop):
        for stop in (signal.SIGTERM, signal.SIGINT):
            loop.asyncio_loop.add_signal_handler(stop, loop.stop)
    else:  # pragma: no cover - every Tornado 6 loop runs on asyncio
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve(host=host, port=port, restart_delay=0, debug=False)
    finally:
        observer.stop()
        rebuilder.stop()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
