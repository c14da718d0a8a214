"""Build cache under ``.cache/builder/``: skip the pipeline when nothing it reads has changed.

When the sources (every file's bytes, hashed), the builder (its code and the
versions of the libraries it uses) and the generated pages on disk are all as
the last successful build left them, there is nothing to do: a rebuild that
MkDocs starts for another reason (an edit to a hand-written page, a theme
change) then costs about as much as reading the sources. A cache file that is
missing, stale or unreadable is ignored, never trusted: a build without it
gives the same pages, byte for byte. Cache files are signed with a key kept
outside the project (``~/.cache/notonestep-builder/``), and a file without
this machine's signature is never unpickled: the project folder is what a
pull request controls.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from builder import parallel
from builder.memo import Memo, collector_off, in_process
from builder.profile import read_text

CACHE_DIR = Path(".cache") / "builder"
"""Where the cache lives, relative to the project folder (git-ignored)."""
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "edtf", "python-frontmatter", "Markdown", "pyahocorasick")
"""Libraries whose behaviour shapes what the builder makes; a new version invalidates the cache."""


@lru_cache(maxsize=1)
def builder_fingerprint() -> str:
    """Hash of the builder's own code (its version included), Python's version and its libraries' versions.

    Editing any module of the builder invalidates every cached record, so a
    change of code is never hidden by a result made by the old code.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{sys.version}\0".encode())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def tree_digest(folder: Path) -> str:
    """Hash of everything under ``folder``: names, kinds, link targets and file contents.

    Hidden files, links and odd files count too: anything the load stage
    would read or report changes the hash.
    """
    digest = hashlib.blake2b(digest_size=16)
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            digest.update(f"unreadable:{prefix}\0".encode())
            continue
        for entry in entries:
            rel = prefix + entry.name
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                digest.update(f"link:{rel}:{os.readlink(entry.path)}\0".encode())
            elif stat.S_ISDIR(mode):
                digest.update(f"dir:{rel}\0".encode())
                stack.append((Path(entry.path), rel + "/"))
            elif stat.S_ISREG(mode):
                try:
                    data = Path(entry.path).read_bytes()
                except OSError:
                    data = b"\0unreadable"
                digest.update(f"file:{rel}:{len(data)}\0".encode())
                digest.update(data)
            else:
                digest.update(f"other:{rel}:{stat.S_IFMT(mode)}\0".encode())
    return digest.hexdigest()


def _outputs(docs_dir: Path, owned: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file in the generated paths."""
    found: dict[str, tuple[int, int]] = {}
    for path in owned:
        target = docs_dir / path
        if not path.endswith("/"):
            try:
                info = target.stat()
            except OSError:
                continue
            found[path] = (info.st_size, info.st_mtime_ns)
            continue
        stack = [target]
        while stack:
            current = stack.pop()
            try:
                entries = list(os.scandir(current))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    info = entry.stat(follow_symlinks=False)
                    found[Path(entry.path).relative_to(docs_dir).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


@dataclass(frozen=True)
class BuildRecord:
    """What the last successful build read and wrote."""

    key: str
    """Hash of the builder, the sources and the output folder."""
    outputs: dict[str, tuple[int, int]]
    """Every generated file: size and modification time after the build."""
    summary: Any
    """What the pipeline returns besides the pages (warnings, counts), for a build that is skipped."""


class BuildCache:
    """The cache of one project, in ``root/.cache/builder/``."""

    def __init__(self, root: Path):
        self.folder = root / CACHE_DIR

    def build_key(self, sources: Path, docs_dir: Path, owned: tuple[str, ...]) -> str:
        parts = (builder_fingerprint(), tree_digest(sources), str(docs_dir.resolve()), *owned)
        return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()

    def unchanged_build(self, key: str, docs_dir: Path, owned: tuple[str, ...]) -> Any | None:
        """The last build's summary if it had ``key`` and its pages are untouched; else ``None``."""
        record = self._read("last-build.pickle")
        if not isinstance(record, BuildRecord) or record.key != key:
            return None
        if _outputs(docs_dir, owned) != record.outputs:
            return None
        return record.summary

    def record_build(self, key: str, docs_dir: Path, owned: tuple[str, ...], summary: Any) -> None:
        """Remember a successful build, after its pages were written."""
        self._write("last-build.pickle", BuildRecord(key, _outputs(docs_dir, owned), summary))

    def _read(self, name: str) -> Any:
        return read_signed(self.folder / name)

    def _write(self, name: str, value: Any) -> None:
        write_signed(self.folder / name, value)


def _machine_key() -> bytes | None:
    """This machine's key for signing cache files, kept outside every project; ``None`` when it cannot be kept.

    The cache lies in the project folder, which a pull request controls; a
    pickle runs code when it is loaded, so only a file this machine wrote
    (its signature made with a key no project can read) is ever unpickled.
    """
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "notonestep-builder"
    path = home / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=home, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
        os.replace(tmp, path)  # mkstemp made it readable by its owner only
        return path.read_bytes()
    except OSError:
        return None


def read_signed(path: Path) -> Any:
    """What :func:`write_signed` stored at ``path``; ``None`` if missing, corrupt, or not signed by this machine."""
    key = _machine_key()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    body = memoryview(data)[32:]  # not a copy: the memo of ten thousand texts is tens of megabytes
    if key is None or len(data) < 32 or not hmac.compare_digest(data[:32], hmac.new(key, body, "sha256").digest()):
        return None
    # Unpickling makes hundreds of thousands of objects (the profiles of ten
    # thousand texts): with the collector left on, four fifths of the time
    # went to its passes over them.
    with collector_off():
        try:
            return pickle.loads(body)
        except Exception:  # a stale cache is only a slower build  # noqa: BLE001
            return None


def write_signed(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` with this machine's signature; nothing when the key or the folder cannot be written.

    Pickled straight into the file, signed as it goes: the memo of ten
    thousand texts is never held as one more block of tens of megabytes.
    """
    key = _machine_key()
    if key is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        # Pickling makes a tuple for every record it writes (builder.profile._Compact).
        with os.fdopen(fd, "wb") as handle, collector_off():
            handle.write(bytes(32))  # the signature's place, filled in below
            signed = _Signing(handle, hmac.new(key, digestmod="sha256"))
            pickle.dump(value, signed, protocol=pickle.HIGHEST_PROTOCOL)
            handle.seek(0)
            handle.write(signed.mac.digest())
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only project builds, only without a cache


class _Signing:
    """A file to pickle into that signs what is written."""

    def __init__(self, handle: Any, mac: Any) -> None:
        self.handle, self.mac = handle, mac

    def write(self, data: Any) -> int:
        self.mac.update(data)
        return self.handle.write(data)


_KEYS = in_process()
"""Each text's key in the text memo, while it is the same string (a server's next build)."""


class TextMemo:
    """What each source's text gives on its own, kept between builds by a hash of the text.

    Two things depend on a text and nothing else: its profile
    (:func:`builder.profile.read_text`: attributions and hedges, the largest
    cost of a source that does not depend on any other source) and the
    sections of its sourcing note that show them (who it relies on, how it
    hedges). After an edit only the edited text is read and shown again.
    Kept in one file per version of the builder
    (``text-profiles-<fingerprint>.pickle``); only what the last build used is
    kept, so it never grows past the corpus.
    """

    def __init__(self, root: Path):
        self.folder = root / CACHE_DIR
        self.name = f"text-profiles-{builder_fingerprint()}.pickle"
        self.profiles: Memo = Memo()
        self.sections: Memo = Memo()
        self._unsaved = False
        self._worker: parallel.Worker | None = None
        self._made_elsewhere: tuple[dict[bytes, Any], dict[bytes, Any]] = ({}, {})
        """Profiles and sections the worker made, until the build asks for them (:meth:`read_elsewhere`)."""
        self.made_by_worker = [0, 0]
        """How many profiles and sections of the last build the worker made."""
        loaded = read_signed(self.folder / self.name)  # missing, stale or corrupt: only a slower build
        self._on_disk = isinstance(loaded, tuple) and len(loaded) == 2 and all(isinstance(part, dict) for part in loaded)
        """Whether the file holds a memo of this version of the builder (a server writes one at once if not)."""
        if self._on_disk:
            self.profiles, self.sections = Memo(loaded[0]), Memo(loaded[1])

    @property
    def known(self) -> dict[bytes, Any]:
        """The profiles kept from the last build, by a hash of language and text."""
        return self.profiles.known

    @property
    def read(self) -> int:
        """How many texts had to be read (not found in the memo)."""
        return self.profiles.made

    @staticmethod
    def key(body: str, language: str) -> bytes:
        """The memo's key for the profile of ``body`` in ``language``."""
        return hashlib.blake2b(f"{language}\0{body}".encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def profile(self, body: str, language: str) -> Any:
        """What :func:`builder.profile.read_text` gives for ``body``, from the memo when it is there."""
        # A server's unchanged source gives the very text it gave last time: its key is not hashed again.
        key = _KEYS.get_same((id(body), language), (body,), lambda: self.key(body, language))
        return self.profiles.get(key, lambda: self._elsewhere(key, 0) or read_text(body, language))

    def keep(self, key: bytes, make: Callable[[], Any]) -> Any:
        """The rendered sections stored under ``key``, or ``make()`` stored there (see :func:`builder.render.sources.render`)."""
        return self.sections.get(key, lambda: self._elsewhere(key, 1) or make())

    def read_elsewhere(self, texts: Iterable[parallel.Text]) -> None:
        """Start profiling in a worker process those of ``texts`` that the memo lacks, and making their notes' sections.

        :meth:`profile` and :meth:`keep` then take what the worker has handed
        over, and make the rest here (see :mod:`builder.parallel`). Nothing is
        started when there are few texts to read or a worker cannot be forked
        here.
        """
        self.made_by_worker = [0, 0]
        if not parallel.can_fork():  # a server, say: hashing every text for nothing took 0.1 s an edit at 10,000 sources
            return
        work = {}
        for text in texts:
            key = self.key(text.body, text.language)
            if key not in work and not self.profiles.has(key):
                work[key] = text
        self._worker = parallel.start(list(work.items()))

    def _elsewhere(self, key: bytes, kind: int) -> Any:
        """What the worker made under ``key`` (0: a profile, 1: sections) if it has handed it over; ``None`` if not."""
        if self._worker is not None:
            for mine, theirs in zip(self._made_elsewhere, self._worker.ready()):
                mine.update(theirs)
        found = self._made_elsewhere[kind].pop(key, None)
        self.made_by_worker[kind] += found is not None
        return found

    def done_elsewhere(self) -> None:
        """End the build's worker and forget what it made that the build did not use (called when a build ends, however)."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        self._made_elsewhere = ({}, {})

    def save(self, *, now: bool = True) -> None:
        """Keep what this build used for the next, and write it to disk unless ``now`` is false.

        The memo then starts the next build in this process from it. A server
        that builds after every edit (``mkdocs serve``) passes ``now=False``
        and writes the memo after its first build and again, with
        :meth:`flush_all`, when it stops:
        writing the profiles of a thousand texts takes longer than finding
        those of the one that changed.
        """
        self._unsaved = self._unsaved or self.profiles.changed or self.sections.changed
        self.profiles.rotate()
        self.sections.rotate()
        if now or not self._on_disk:  # a server that is killed still leaves the first build's memo
            self.flush()

    def flush(self) -> None:
        """Write what the last build used, if the file does not hold it yet; remove memos of other versions of the builder."""
        if not self._unsaved:
            return
        write_signed(self.folder / self.name, (self.profiles.known, self.sections.known))
        self._on_disk = True
        for stale in self.folder.glob("text-profiles-*.pickle"):
            if stale.name != self.name:
                stale.unlink(missing_ok=True)
        self._unsaved = False

    @classmethod
    def flush_all(cls) -> None:
        """Write every memo of this process that has not been written since its last build."""
        for memo in _MEMOS.values():
            memo.flush()

    @classmethod
    def of(cls, root: Path) -> "TextMemo":
        """The memo of the project at ``root``, read from disk once per process and version of the builder."""
        key = (str(root.resolve()), builder_fingerprint())
        if key not in _MEMOS:
            _MEMOS[key] = cls(root)
        return _MEMOS[key]


_MEMOS: dict[tuple[str, str], TextMemo] = {}
