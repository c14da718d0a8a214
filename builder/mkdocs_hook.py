"""MkDocs hook: runs the builder before each build, and on ``mkdocs serve`` whenever ``sources/`` changes.

A thin adapter; all the work is in :mod:`builder.pipeline`. With ``mkdocs
serve``, a content error is printed and the server keeps running on the last
good pages, so a contributor can fix the file and see the result.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

from builder.commands.build import SKIP_HOOK_ENV
from builder.pipeline import generate
from builder.suggest.preview import PREVIEW_ENV
from builder.problems import ContentError

log = logging.getLogger("mkdocs.hooks.builder")
_command = "build"
_generating = threading.Lock()
"""Held while pages are generated: by a build, or by the watcher of ``sources/``."""
_watcher: PollingObserver | None = None

QUIET_SECONDS = 0.2
"""How long ``sources/`` must stay unchanged before the pages are regenerated (one save can touch several files)."""


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if os.environ.get(SKIP_HOOK_ENV):
        return
    failed = _generate(Path(config.config_file_path).parent, Path(config.docs_dir))
    if failed is not None and _command != "serve":
        raise PluginError(f"{len(failed.problems)} problem(s) in sources/; nothing was generated") from None


def _generate(root: Path, docs_dir: Path) -> ContentError | None:
    """Generate the pages and log what went wrong; the error, if the content has one."""
    with _generating:
        try:
            result = generate(root, docs_dir, drafts=os.environ.get(PREVIEW_ENV, "") not in ("", "0"))
        except ContentError as err:
            for problem in err.problems:
                (log.warning if problem.severity == "warning" else log.error)(str(problem))
            if _command == "serve":
                log.error("the sources have errors; showing the last good pages")
            return err
    for problem in result.warnings:
        log.info(str(problem))
    if result.report and result.report.written:
        log.info("builder: %d page(s) written", len(result.report.written))
    return None


def on_serve(server, config, builder):
    """Regenerate the pages whenever ``sources/`` changes; MkDocs, which watches ``docs/``, then rebuilds once.

    Watching ``sources/`` with ``server.watch`` instead would rebuild the site,
    and the pages written during that build would set off a second rebuild.
    """
    global _watcher
    root, docs_dir = Path(config.config_file_path).parent, Path(config.docs_dir)
    if _watcher is None:
        _watcher = PollingObserver(timeout=0.5)
        _watcher.schedule(_SourcesChanged(lambda: _generate(root, docs_dir)), str(root / "sources"), recursive=True)
        _watcher.daemon = True
        _watcher.start()
    return server


def on_shutdown() -> None:
    if _watcher is not None:
        _watcher.stop()


class _SourcesChanged(FileSystemEventHandler):
    """Calls ``regenerate`` once a burst of changes under ``sources/`` has settled."""

    def __init__(self, regenerate) -> None:
        self._changed = threading.Event()
        self._regenerate = regenerate
        threading.Thread(target=self._loop, name="builder-sources", daemon=True).start()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self._changed.set()

    def _loop(self) -> None:
        while True:
            self._changed.wait()
            while self._changed.is_set():
                self._changed.clear()
                time.sleep(QUIET_SECONDS)
            log.info("sources/ changed; regenerating the pages")
            self._regenerate()
