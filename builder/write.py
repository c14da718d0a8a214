"""Write stage: the one place that writes generated files.

The pages come after the content was checked, one at a time, and are
staged beside the docs folder until all are there, so a failed build never
leaves half a site. Unchanged files are left alone (MkDocs' live reload and file
watchers see only real changes), and generated files that are no longer
produced are removed from the folders the builder owns.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
"""Characters encoded, compared or written at a time: the data exports of ten thousand sources are
over a hundred megabytes each, and a file is never held whole, as text and bytes, beside its text."""


def _encoded(text: str, errors: str = "strict") -> Iterator[bytes]:
    """``text`` in UTF-8, :data:`CHUNK` characters at a time."""
    for start in range(0, len(text), CHUNK):
        yield text[start : start + CHUNK].encode("utf-8", errors)


def text_digest(text: str) -> bytes:
    """The hash a text is known by: a source file's between builds, a written file's by a server."""
    digest = hashlib.blake2b(digest_size=16)
    for part in _encoded(text, "surrogatepass"):
        digest.update(part)
    return digest.digest()


@dataclass(frozen=True)
class Same:
    """A file whose text is what the last build of this process made for its path: ``digest`` of that text.

    A server keeps the digests of the pages it made, not their text: when
    the file still holds that text, as the writer last wrote or found it,
    nothing is made; when not (the file was edited, or the last build failed
    before writing it), ``make`` makes the text again.
    """

    digest: bytes
    make: Callable[[], str]


def _staging(out_dir: Path) -> Path | None:
    """A new folder beside ``out_dir``, on the same file system (so a file moves from it by renaming); ``None`` if there is none."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}-writing-"))
    except OSError:
        return None
    if staging.stat().st_dev != out_dir.stat().st_dev:
        shutil.rmtree(staging, ignore_errors=True)
        return None
    return staging


def _holds(target: str | Path, text: str) -> bool:
    """Whether the file ``target`` holds exactly ``text`` in UTF-8, read and compared a piece at a time."""
    try:
        with open(target, "rb") as handle:
            for part in _encoded(text):
                if handle.read(len(part)) != part:
                    return False
            return handle.read(1) == b""
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


Written = dict[str, tuple[bytes, tuple[int, int, int]]]
"""The digest of each file's text as last written or found (:func:`text_digest`), with its size, modification time and inode then, by its path."""


class Writer:
    """Takes generated files for one folder one at a time, then moves the changed ones in at once.

    Each file is compared with what is there as it is added, and a changed
    one is written at once to a staging folder beside the output folder, so
    the writer never holds the site's text: the pages can be made one at a
    time. Nothing reaches the output folder before :meth:`commit`; leaving
    a ``with`` block without committing (a build that failed) removes what
    was staged.
    """

    def __init__(self, out_dir: Path, owned: tuple[str, ...], written: Written | None = None):
        """
        Args:
            out_dir: the folder written into (the docs folder).
            owned: paths relative to ``out_dir`` that the builder owns: files,
                and folders written with a trailing ``/``. Nothing else is
                written or removed.
            written: what earlier writers of this process wrote or found, kept
                by a server (:class:`builder.incremental.Builds`) and updated
                here: a file that still shows the size, time and inode it had
                then, with the same text to hold, is not read again. Kept as
                digests: a server holds no file's text.
        """
        self.out_dir = out_dir
        self.owned = owned
        self._written = written
        self._out = str(out_dir)  # paths as strings, not pathlib's, which are slow to make, relate and sort by the ten thousand
        self._paths: set[str] = set()
        self._unchanged = 0
        self._ready: dict[str, tuple[str, bytes | None]] = {}
        """Each changed file's staged copy, by path, with its text's digest when a server keeps it (:attr:`_written`)."""
        self._staging: Path | None = None
        self._staging_tried = False

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def add(self, path: str, text: str | Same) -> None:
        """Compare ``text`` with the file at ``path`` and stage it if it differs; a path may be produced only once.

        ``text`` may be :class:`Same`: the text the last build made for
        ``path``, made again only if the file no longer holds it.
        """
        if path.startswith("/") or ".." in path.split("/") or not self._is_owned(path):
            raise ValueError(f"refusing to write {path!r}: outside the generated paths {', '.join(self.owned)}")
        if path in self._paths:
            raise ValueError(f"{path} was generated twice; two records must not map to one page")
        self._paths.add(path)
        target = os.path.join(self._out, path)
        if isinstance(text, Same):
            if self._as_last_written(target, text.digest):
                self._unchanged += 1
                return
            text = text.make()
        digest = text_digest(text) if self._written is not None else None
        if digest is not None and self._as_last_written(target, digest):
            self._unchanged += 1
        elif _holds(target, text):
            self._unchanged += 1
            self._remember(target, digest)
        else:
            self._ready[path] = (self._stage(path, text), digest)

    def _stage(self, path: str, text: str) -> str:
        """Write ``text`` to a new file in the staging folder (else beside its target), ready to be moved in."""
        if not self._staging_tried:
            # Written in full beside the docs folder, where no watcher of it looks,
            # then moved in a rename each at commit: a poll can only fall between two renames.
            self._staging, self._staging_tried = _staging(self.out_dir), True
        target = self.out_dir / path
        if self._staging is None:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._staging or target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            for part in _encoded(text):
                handle.write(part)
        os.chmod(tmp, 0o644)
        return tmp

    def _as_last_written(self, target: str, digest: bytes) -> bool:
        """Whether ``target`` still holds the text of ``digest``, as this process last wrote or found it there (size, time and inode unchanged)."""
        last = self._written.get(target) if self._written is not None else None
        if last is None or last[0] != digest:
            return False
        try:
            found = os.stat(target)
        except OSError:
            return False
        return (found.st_size, found.st_mtime_ns, found.st_ino) == last[1]

    def _remember(self, target: str, digest: bytes | None) -> None:
        if self._written is None or digest is None:
            return
        try:
            found = os.stat(target)
        except OSError:
            return
        self._written[target] = (digest, (found.st_size, found.st_mtime_ns, found.st_ino))

    def _is_owned(self, path: str) -> bool:
        return any(path == o or (o.endswith("/") and path.startswith(o)) for o in self.owned)

    def commit(self) -> WriteReport:
        """Move in what changed, remove what is no longer generated."""
        # Everything was compared and staged first: a watcher that polls
        # (MkDocs' does, every half second) then sees all of an edit's pages
        # in one look, and rebuilds once, not once for the pages moved in
        # before its look and again for the rest.
        written = []
        try:
            for path in sorted(self._ready):
                tmp, digest = self._ready[path]
                target = os.path.join(self._out, path)
                if os.path.dirname(tmp) != os.path.dirname(target):
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(tmp, target)
                written.append(path)
                if digest is not None:
                    self._remember(target, digest)
        finally:
            self.discard()
        if self._written is not None:  # only the files of this build: it never grows past the site
            kept = {os.path.join(self._out, path) for path in self._paths}
            for target in [t for t in self._written if t not in kept]:
                del self._written[target]
        removed = [rel for rel in self._not_generated(self._out) if rel not in self._paths]
        for rel in removed:
            os.unlink(os.path.join(self._out, rel))
        return WriteReport(tuple(written), self._unchanged, tuple(removed))

    def discard(self) -> None:
        """Remove whatever was staged and not moved in: nothing of this writer's reaches the output folder after this."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        else:
            for tmp, _ in self._ready.values():
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
        self._ready = {}

    def _not_generated(self, out: str) -> list[str]:
        """Every file (or link to one) in the owned folders under ``out``, relative to it, in the order of their paths' parts."""
        found: list[str] = []
        for owned in self.owned:
            top = os.path.join(out, owned.rstrip("/"))
            if not owned.endswith("/") or not os.path.isdir(top):
                continue
            for folder, _, names in os.walk(top):  # links to folders are not followed
                prefix = owned + folder[len(top) + 1 :].replace(os.sep, "/") + "/" if folder != top else owned
                found.extend(prefix + name for name in names if os.path.isfile(os.path.join(folder, name)))
        return sorted(found, key=lambda rel: rel.split("/"))
