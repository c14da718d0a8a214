"""MkDocs hook: runs the builder before each build, and on ``mkdocs serve`` whenever ``sources/`` changes.

A thin adapter; all the work is in :mod:`builder.pipeline`. With ``mkdocs
serve``, a content error is printed and the server keeps running on the last
good pages, so a contributor can fix the file and see the result.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
import zlib
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from builder import search
from builder.commands.build import OFFLINE_ENV, SKIP_HOOK_ENV
from builder.incremental import Builds
from builder.pagehtml import generated, render_page, supported
from builder.pipeline import generate
from builder.problems import ContentError, Problem
from builder.suggest.preview import PREVIEW_ENV

log = logging.getLogger("mkdocs.hooks.builder")
_command = "build"
_generating = threading.Lock()
"""Held while pages are generated: by a build, or by the watcher of ``sources/``."""
_watcher: BaseObserver | None = None
_sources: "_SourcesChanged | None" = None
"""Under ``mkdocs serve``: what regenerates the pages when ``sources/`` changes."""
_builds: Builds | None = None
"""Under ``mkdocs serve``: what each build made, for the next to reuse."""
_indexing: search.Indexing | None = None
"""Under ``mkdocs serve``: the search index, made beside the server after each build."""

HELD_LEVEL = 1
"""zlib's level for the HTML held until a page is written: its fastest, a fifth of the text's size or less."""
QUIET_SECONDS = 0.2
"""How long ``sources/`` must stay unchanged before the pages are regenerated (one save can touch several files)."""
SETTLE_SECONDS = 600.0
"""Longest a rebuild by MkDocs waits for the pages being regenerated after a change to ``sources/``."""


def on_startup(command: str, dirty: bool) -> None:
    global _command, _builds, _indexing
    _command = command
    if command == "serve":  # it builds again after every edit
        _builds = Builds()
        _indexing = search.Indexing(log.error)


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    """Under ``mkdocs serve``, reuse the theme's templates as compiled by the last rebuild.

    MkDocs makes a new template environment for every rebuild, and compiled
    the theme's templates again each time, a good part of what it takes to
    show an edit. Compiled code is kept by template and source checksum, so
    an edited template is compiled afresh.
    """
    if _command == "serve":
        env.bytecode_cache = _COMPILED
    return env


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory for the life of the server."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored by the bucket if the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def on_pre_build(config) -> None:
    if _indexing is not None:  # before MkDocs cleans or writes the site folder
        _indexing.stop()
        _indexing.keep(Path(config.site_dir))
    _searched.clear()
    _held.clear()  # a page that a ``--dirty`` rebuild did not write
    if os.environ.get(SKIP_HOOK_ENV):
        return
    if _sources is not None and _sources.settled(SETTLE_SECONDS):
        # Under ``mkdocs serve``, after the first build: the watcher of
        # sources/ has generated the pages since the last change (and MkDocs is
        # rebuilding because of them), so generating again would only find
        # nothing to do, and print every warning a second time.
        return
    failed = _generate(Path(config.config_file_path).parent, Path(config.docs_dir))
    if failed is not None and _command != "serve":
        raise PluginError(f"{len(failed.problems)} problem(s) in sources/; nothing was generated") from None


_searched: list[search.Entry] = []
"""The disk index's lines of the pages rendered so far in this build (:mod:`builder.search`)."""


_held: dict[str, bytes] = {}
"""Each generated page's HTML, compressed, from its rendering until MkDocs writes it (:func:`on_page_content`)."""


def on_page_content(html: str, page, config, files) -> str:
    """Mark what search covers on the page, and note its title and sections for the index read from disk.

    MkDocs renders every page before it writes any, and holds each page's
    Markdown and HTML until its build ends. A generated page's Markdown is
    read by nothing after this (hooks come after the plugins of mkdocs.yml):
    it is let go, emptied rather than set to None, which MkDocs takes for a
    page not read yet. Its HTML is needed only when the page is written:
    until then it is held compressed, a fraction of its size
    (:func:`on_page_context` gives it back, :func:`on_post_page` lets it go).
    """
    if search.searched(page.file.src_uri):
        _searched.extend(search.entries(page.url, page.title or "", page.meta.get("description") or "", html))
        html = search.mark_body(html)
    if not generated(page.file.src_uri):
        return html
    page.markdown = ""
    _held[page.file.src_uri] = zlib.compress(html.encode("utf-8", "surrogatepass"), HELD_LEVEL)
    return ""


def on_page_context(context, page, config, nav):
    """Give a generated page its HTML back, just before MkDocs writes it."""
    held = _held.pop(page.file.src_uri, None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8", "surrogatepass")
    return context


def on_post_page(output: str, page, config) -> str:
    """Let a generated page's HTML go once it is in the page MkDocs writes."""
    if generated(page.file.src_uri):
        page.content = ""
    return output


def on_pre_page(page, config, files):
    """Convert a page the builder wrote without Python-Markdown (see :mod:`builder.pagehtml`); hand-written pages as before."""
    if generated(page.file.src_uri) and supported(config):
        page.render = functools.partial(render_page, page)
    return page


def on_post_build(config) -> None:
    """Index the site for search: Pagefind's chunks for the served site, titles and summaries for pages opened from disk."""
    site_dir = Path(config.site_dir)
    search.write_titles(site_dir, _searched)
    if os.environ.get(OFFLINE_ENV):
        return  # the offline zip leaves Pagefind's index out (builder.offline)
    if _indexing is not None:
        _indexing.start(site_dir)  # the pages are served at once, and searched once the index is complete
        return
    done = search.run_pagefind(site_dir)
    if done.returncode != 0:
        raise PluginError(f"the search index could not be written: {(done.stderr or done.stdout).strip()}")


def _generate(root: Path, docs_dir: Path) -> ContentError | None:
    """Generate the pages and log what went wrong; the error, if the content has one."""
    if _indexing is not None:
        _indexing.stop()  # it was indexing the pages about to change; the builder has both cores
    with _generating:
        start = time.perf_counter()
        try:
            result = generate(root, docs_dir, drafts=os.environ.get(PREVIEW_ENV, "") not in ("", "0"), builds=_builds)
        except ContentError as err:
            for problem in err.problems:
                (log.warning if problem.severity == "warning" else log.error)(str(problem))
            if _command == "serve":
                log.error("the sources have errors; showing the last good pages")
            return err
    new, repeated = _WARNED.split(result.warnings)
    for problem in new:
        log.info(str(problem))
    if repeated:
        log.info("builder: %d warning(s) as before, not repeated (python -m builder check lists them all)", repeated)
    if result.report and result.report.written:
        log.info("builder: %d page(s) written in %.2f s", len(result.report.written), time.perf_counter() - start)
    return None


class _Warned:
    """The warnings already shown, so that a server shows each once rather than hundreds again after every edit."""

    def __init__(self) -> None:
        self._shown: frozenset[str] = frozenset()

    def split(self, warnings: tuple[Problem, ...]) -> tuple[list[Problem], int]:
        """The warnings not shown by the last build, and how many others there are.

        A one-off build shows them all. A warning that went away and came
        back is shown again.
        """
        if _command != "serve":
            return list(warnings), 0
        texts = [str(w) for w in warnings]
        new = [w for w, text in zip(warnings, texts) if text not in self._shown]
        self._shown = frozenset(texts)
        return new, len(warnings) - len(new)


_WARNED = _Warned()


def on_serve(server, config, builder):
    """Regenerate the pages whenever ``sources/`` changes; MkDocs, which watches ``docs/``, then rebuilds once.

    Watching ``sources/`` with ``server.watch`` instead would rebuild the site,
    and the pages written during that build would set off a second rebuild.
    """
    global _watcher, _sources
    root, docs_dir = Path(config.config_file_path).parent, Path(config.docs_dir)
    if _watcher is None:
        _sources = _SourcesChanged(lambda: _generate(root, docs_dir))
        _watcher = _watch(root / "sources", _sources)
    return server


def _watch(folder: Path, handler: FileSystemEventHandler) -> BaseObserver:
    """Start watching ``folder``: told by the system at once where it can (inotify on Linux), else by polling.

    Polling (what MkDocs does for ``docs/``) delays each edit by up to one
    polling interval; a folder the system cannot watch
    (the watch limit reached, some network or container file systems) falls
    back to it.
    """
    for observer in (Observer(), PollingObserver(timeout=0.5)):
        try:
            observer.schedule(handler, str(folder), recursive=True)
            observer.daemon = True
            observer.start()
        except OSError as err:
            log.info("watching %s: %s; polling instead", folder, err)
            continue
        return observer
    raise PluginError(f"cannot watch {folder}")


def on_shutdown() -> None:
    if _watcher is not None:
        _watcher.stop()
    if _indexing is not None:
        _indexing.stop()


class _SourcesChanged(FileSystemEventHandler):
    """Calls ``regenerate`` once a burst of changes under ``sources/`` has settled."""

    CHANGES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})
    """Events that change a file; reading one (the builder does) is not a change."""

    def __init__(self, regenerate) -> None:
        self._changed = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._regenerate = regenerate
        threading.Thread(target=self._loop, name="builder-sources", daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type in self.CHANGES:
            self._idle.clear()
            self._changed.set()

    def settled(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the pages to be regenerated after the last change; whether they were."""
        return self._idle.wait(timeout)

    def _loop(self) -> None:
        while True:
            self._changed.wait()
            while self._changed.is_set():
                self._changed.clear()
                time.sleep(QUIET_SECONDS)
            log.info("sources/ changed; regenerating the pages")
            self._regenerate()
            if not self._changed.is_set():
                self._idle.set()
