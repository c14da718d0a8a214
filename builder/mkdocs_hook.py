"""MkDocs hook: runs the builder before each build and watches ``sources/``.

A thin adapter; all the work is in :mod:`builder.pipeline`. With ``mkdocs
serve``, a content error is printed and the server keeps running on the last
good pages, so a contributor can fix the file and see the result.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from builder.commands.build import SKIP_HOOK_ENV
from builder.pipeline import generate
from builder.problems import ContentError

log = logging.getLogger("mkdocs.hooks.builder")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if os.environ.get(SKIP_HOOK_ENV):
        return
    root = Path(config.config_file_path).parent
    try:
        result = generate(root, Path(config.docs_dir))
    except ContentError as err:
        for problem in err.problems:
            (log.warning if problem.severity == "warning" else log.error)(str(problem))
        if _command == "serve":
            log.error("the sources have errors; showing the last good pages")
            return
        raise PluginError(f"{len(err.problems)} problem(s) in sources/; nothing was generated") from None
    for problem in result.warnings:
        log.info(str(problem))
    if result.report and result.report.written:
        log.info("builder: %d page(s) written", len(result.report.written))


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "sources"))
    return server
