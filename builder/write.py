"""Write stage: the one place that writes generated files.

Pages are gathered in full before this runs, so a content error never leaves
half a site. Unchanged files are left alone (MkDocs' live reload and file
watchers see only real changes), and generated files that are no longer
produced are removed from the folders the builder owns.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


class Writer:
    """Collects generated files for one folder, then writes them in one go."""

    def __init__(self, out_dir: Path, owned: tuple[str, ...]):
        """
        Args:
            out_dir: the folder written into (the docs folder).
            owned: paths relative to ``out_dir`` that the builder owns: files,
                and folders written with a trailing ``/``. Nothing else is
                written or removed.
        """
        self.out_dir = out_dir
        self.owned = owned
        self._files: dict[str, str] = {}
        """Text by path; encoded one file at a time when written, so a big site is not held twice."""

    def add(self, path: str, text: str) -> None:
        """Queue ``text`` for ``path``; a path may be produced only once."""
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not self._is_owned(path):
            raise ValueError(f"refusing to write {path!r}: outside the generated paths {', '.join(self.owned)}")
        if path in self._files:
            raise ValueError(f"{path} was generated twice; two records must not map to one page")
        self._files[path] = text

    def _is_owned(self, path: str) -> bool:
        return any(path == o or (o.endswith("/") and path.startswith(o)) for o in self.owned)

    def commit(self) -> WriteReport:
        """Write what changed, remove what is no longer generated."""
        written = []
        unchanged = 0
        for path, text in sorted(self._files.items()):
            data = text.encode("utf-8")
            target = self.out_dir / path
            try:
                if target.read_bytes() == data:
                    unchanged += 1
                    continue
            except FileNotFoundError:
                pass
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
            written.append(path)
        removed = []
        for owned in self.owned:
            folder = self.out_dir / owned
            if not owned.endswith("/") or not folder.is_dir():
                continue
            for stale in sorted(folder.rglob("*")):
                rel = stale.relative_to(self.out_dir).as_posix()
                if stale.is_file() and rel not in self._files:
                    stale.unlink()
                    removed.append(rel)
        return WriteReport(tuple(written), unchanged, tuple(removed))
