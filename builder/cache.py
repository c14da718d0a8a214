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
from typing import Any

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
    if key is None or len(data) < 32 or not hmac.compare_digest(data[:32], hmac.new(key, data[32:], "sha256").digest()):
        return None
    try:
        return pickle.loads(data[32:])
    except Exception:  # a stale cache is only a slower build  # noqa: BLE001
        return None


def write_signed(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` with this machine's signature; nothing when the key or the folder cannot be written."""
    key = _machine_key()
    if key is None:
        return
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(hmac.new(key, data, "sha256").digest() + data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only project builds, only without a cache



class TextMemo:
    """The profile of each source's text (:func:`builder.profile.read_text`), kept between builds by a hash of the text.

    Reading a text for its attributions and hedges is the largest cost of a
    source that does not depend on any other source, so after an edit only the
    edited text is read again. Kept in one file per version of the builder
    (``text-profiles-<fingerprint>.pickle``); only the profiles of the last
    build are kept, so it never grows past the corpus.
    """

    def __init__(self, root: Path):
        self.folder = root / CACHE_DIR
        self.name = f"text-profiles-{builder_fingerprint()}.pickle"
        self.known: dict[bytes, Any] = {}
        self.used: dict[bytes, Any] = {}
        self.read = 0
        """How many texts had to be read (not found in the memo)."""
        loaded = read_signed(self.folder / self.name)  # missing, stale or corrupt: only a slower build
        if isinstance(loaded, dict):
            self.known = loaded

    def profile(self, body: str, language: str) -> Any:
        """What :func:`builder.profile.read_text` gives for ``body``, from the memo when it is there."""
        key = hashlib.blake2b(f"{language}\0{body}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
        found = self.known.get(key)
        if found is None:
            found = read_text(body, language)
            self.read += 1
        self.used[key] = found
        return found

    def save(self) -> None:
        """Keep this build's profiles, and remove memos of other versions of the builder.

        The memo then starts the next build in this process (``mkdocs serve``)
        from these profiles, without reading its file again.
        """
        if self.read or len(self.used) != len(self.known):
            write_signed(self.folder / self.name, self.used)
            for stale in self.folder.glob("text-profiles-*.pickle"):
                if stale.name != self.name:
                    stale.unlink(missing_ok=True)
        self.known, self.used, self.read = self.used, {}, 0

    @classmethod
    def of(cls, root: Path) -> "TextMemo":
        """The memo of the project at ``root``, read from disk once per process and version of the builder."""
        key = (str(root.resolve()), builder_fingerprint())
        if key not in _MEMOS:
            _MEMOS[key] = cls(root)
        return _MEMOS[key]


_MEMOS: dict[tuple[str, str], TextMemo] = {}
