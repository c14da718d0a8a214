"""MkDocs hook: runs the builder before each build and watches ``sources/``.

A thin adapter; all the work is in :mod:`builder.pipeline`. With ``mkdocs
serve``, a content error is printed and the server keeps running on the last
good pages, so a contributor can fix the file and see the result. The served
pages are generated into a private folder rather than ``docs/``: MkDocs
watches ``docs/``, and pages written there would set off a second rebuild
after every edit.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from builder.commands.build import SKIP_HOOK_ENV
from builder.pipeline import GENERATED, generate
from builder.problems import ContentError

log = logging.getLogger("mkdocs.hooks.builder")
_command = "build"
_preview: Path | None = None
"""With ``mkdocs serve``: the private folder the generated pages are written to."""


def on_startup(command: str, dirty: bool) -> None:
    global _command, _preview
    _command = command
    if command == "serve":
        _preview = Path(tempfile.mkdtemp(prefix="builder-preview-"))


def on_shutdown() -> None:
    if _preview is not None:
        shutil.rmtree(_preview, ignore_errors=True)


def on_pre_build(config) -> None:
    if os.environ.get(SKIP_HOOK_ENV):
        return
    root = Path(config.config_file_path).parent
    try:
        result = generate(root, _preview or Path(config.docs_dir))
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


def on_files(files: Files, config) -> Files:
    """With ``mkdocs serve``, the pages from the private folder replace any generated copies in ``docs/``."""
    if _preview is None or os.environ.get(SKIP_HOOK_ENV) or not any(_preview.iterdir()):
        return files
    for file in list(files):
        if any(file.src_uri == g or (g.endswith("/") and file.src_uri.startswith(g)) for g in GENERATED):
            files.remove(file)
    for path in sorted(p for p in _preview.rglob("*") if p.is_file()):
        files.append(File.generated(config, path.relative_to(_preview).as_posix(), abs_src_path=str(path)))
    return files


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "sources"))
    return server
