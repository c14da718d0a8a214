"""The parts of a project folder that are not content: configuration, hand-written docs, theme overrides, hook.

Tests and benchmarks build sites in throw-away copies of the project with
other sources; this is the one place that knows which files such a copy needs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.pipeline import GENERATED

SKELETON = ("mkdocs.yml", "docs", "overrides", "hooks")
"""What a project needs besides ``sources/`` to build a site."""


def copy_skeleton(source_root: Path, dest: Path) -> None:
    """Copy the non-content files of the project at ``source_root`` into ``dest``.

    The builder's generated pages under ``docs/`` are left out, so the copy
    starts as a fresh checkout would.
    """
    dest.mkdir(parents=True, exist_ok=True)
    generated = {g.rstrip("/") for g in GENERATED}
    docs = source_root / "docs"

    def ignore(folder: str, names: list[str]) -> list[str]:
        skip = [n for n in names if n == "__pycache__"]
        if Path(folder) == docs:
            skip += [n for n in names if n in generated]
        return skip

    for name in SKELETON:
        path = source_root / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=ignore)
        elif path.is_file():
            shutil.copy(path, dest / name)
