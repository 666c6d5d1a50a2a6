"""`guidegen serve`'s builds, in a process of their own that runs no other thread, so that it may fork.

The server's process runs threads: the web server's, the file watcher's, the rebuild loop.
fork() copies into the child the locks those threads hold, held, and the child may then
deadlock on one (Python 3.12 and later warn about it). So the server forks this process
first thing, while it still has a single thread; every build runs here, keeps its cache in
memory from build to build, and forks render workers exactly as `guidegen build` does. The
server sends the files its events named and receives what the build found.

The search index is built here too, but only once the server has reloaded the browsers: the
server asks for it after each good build, and this process indexes the records that build
kept (search/indexing.py), in a Pagefind process of its own, then swaps the new index folder
into the live output. A file event meanwhile supersedes it: the server says "cancel", the
indexing stops, and the next build runs at once; the index after that build follows it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import multiprocessing.connection
import signal
from collections.abc import Callable
from dataclasses import dataclass, field

from guidegen.commands.build import BuildReport, build
from guidegen.content.site import Project
from guidegen.errors import ContentError, GuidegenError, Problem
from guidegen.heap import collection_paused
from guidegen.incremental import uptodate
from guidegen.incremental.cache import BuildCache
from guidegen.search.indexing import LaterIndex, remove_abandoned
from guidegen.search.publish import index_identity, publish_live

log = logging.getLogger(__name__)

STOP_SECONDS = 30  # how long the server waits for the build process to save its cache and end
POLL_SECONDS = 0.05  # while indexing, how often the server looks for the index being done


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


class BuildProcess:
    """The server's handle on its build process; one request at a time (the caller serialises them)."""

    def __init__(self, project: Project) -> None:
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve_builds, args=(project, theirs), name="guidegen-builds")
        self._process.start()  # the fork: the caller has no other thread yet
        theirs.close()

    def build(self, changed: set[str] | None) -> BuildState:
        """Build; changed names the files (relative to the project) events reported since, None when unknown."""
        self._connection.send(("build", changed))
        state: BuildState = self._connection.recv()
        return state

    def index(self, superseded: Callable[[float], bool]) -> bool:
        """Index the latest good build and publish the index; False when it had not changed, failed or was
        superseded. superseded(seconds) waits up to that long for a newer change to build, and says whether
        one came: the moment it does, the indexing is told to stop."""
        self._connection.send(("index", None))
        while not self._connection.poll():
            if superseded(POLL_SECONDS):
                self._connection.send(("cancel", None))
                break
        published: bool = self._connection.recv()
        return published

    def save(self) -> None:
        """Save what the builds learned (the next `guidegen build` starts from it) and collect their garbage."""
        self._connection.send(("save", None))
        self._connection.recv()

    def stop(self) -> None:
        """Save, and end the build process."""
        try:
            self._connection.send(("stop", None))
            self._connection.recv()
        except (EOFError, OSError):
            pass  # it has ended already
        self._process.join(timeout=STOP_SECONDS)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._connection.close()


class _Builds:
    """Inside the build process: the cache and the snapshot of the input files, kept from build to build."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.cache = BuildCache.load(project)  # kept in memory: a rebuild renders only what changed
        self.cache.keep_between_builds()
        self._inputs: uptodate.Inputs | None = None  # the last build's snapshot of the input files
        self._unsaved = False
        self.indexer = LaterIndex()  # each build keeps its records; index() indexes them

    def build(self, changed: set[str] | None) -> BuildState:
        state = BuildState()
        try:
            with collection_paused():  # a full collection of a large site's heap takes 100 ms: see save()
                inputs = self._snapshot(changed)
                state.report = build(self.project, cache=self.cache, inputs=inputs, indexer=self.indexer)
        except ContentError as exc:
            state.problems = exc.problems
            state.message = str(exc)
        except GuidegenError as exc:
            state.message = str(exc)
        except Exception as exc:  # a fault in guidegen itself: keep serving the last good build, and say so
            log.exception("the build failed unexpectedly")
            state.message = f"the build failed unexpectedly: {exc!r}"
        self._unsaved = True
        return state

    def index(self, connection: multiprocessing.connection.Connection) -> bool:
        """Index the latest good build's records and swap the index into the live output, unless told to stop."""
        try:
            started = self.indexer.index()
        except GuidegenError as exc:
            log.warning("search index not updated: %s", exc)
            return False
        if started is None:
            log.info("search index: unchanged, it holds the records of this build already")
            return False
        job, key = started
        try:
            while job.running():
                if connection.poll(POLL_SECONDS):
                    with contextlib.suppress(EOFError, OSError):  # the server has ended: the loop sees it next
                        connection.recv()  # "cancel": a newer change waits to be built
                    log.debug("search index: superseded by a newer change")
                    return False
            bundle = job.bundle()
            identity = index_identity(bundle)
            published = publish_live(self.project.out, bundle)
            self.indexer.published(key)
            if self.cache.state.output is not None:  # the live output, as the last build left it, has this index now
                self.cache.state.output.index = (key, identity) if identity is not None else None
                self.cache.changed()
                self._unsaved = True
            return published
        except GuidegenError as exc:
            log.warning("search index not updated: %s", exc)
            return False
        finally:
            job.discard(remove=False)  # removed once the server is quiet (save()): a save may be waiting now

    def _snapshot(self, changed: set[str] | None) -> uptodate.Inputs:
        """The input files' stat now: the last build's, with the files events named looked at again."""
        if self._inputs is None or changed is None:
            self._inputs = uptodate.snapshot(self.project.root)
        else:
            self._inputs = uptodate.refreshed(self._inputs, self.project.root, changed)
        return self._inputs

    def save(self) -> None:
        if self._unsaved:
            self.cache.save()
            self._unsaved = False
        remove_abandoned(self.project.out)  # the work folders of the indexing done or stopped since
        gc.collect()


def _serve_builds(project: Project, connection: multiprocessing.connection.Connection) -> None:
    """The build process: answer the server's requests until it asks to stop, or is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole process group; the server stops us
    builds = _Builds(project)
    while True:
        try:
            request, changed = connection.recv()
        except (EOFError, OSError):
            builds.save()
            return  # the server has ended
        if request == "build":
            connection.send(builds.build(changed))
        elif request == "index":
            connection.send(builds.index(connection))
        elif request == "cancel":
            continue  # meant for an index that had finished already
        else:
            builds.save()
            connection.send(None)
            if request == "stop":
                return
