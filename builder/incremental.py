"""What changed since the last build, and what must be made again: the builder's one incremental mechanism.

Every stage is a pure function of its inputs; this module alone knows what a
build may take from the one before it. Two things are kept:

- **What each source file yields** (:class:`Files`): by the file's path and a
  hash of its text, as Pelican's file-stamp cacher keeps what its readers
  made, what loading, checking and profiling made of it. A stage asks for a
  step's result with :meth:`Files.get` and gives the function that makes it;
  that function may depend on nothing but what the digest it is kept by
  covers (the file's text, or all a whole stage reads) and the ``given``
  values it is kept with (compared by value).
- **The pages of the last build** (:class:`Pages`): each page declares the
  records it shows, by kind and id (:class:`Page`). Every curated record has
  a digest (:func:`digests`); comparing them with the last build's gives the
  records that changed, and a page is made again only when one of those it
  shows changed, or when its file no longer holds what the last build made
  (only the digest of each page's text is kept, not the text).

A one-off build makes a :class:`Builds` and drops it at the end. A server
(``mkdocs serve``) keeps one for its life: the MkDocs hook owns it. On disk,
under ``.cache/builder/``, only data is kept, read back against a schema, so
reading it can run no code (no pickle, no signing key): the texts'
profiles and their notes' sections, and a stamp of the last build that lets a
rebuild with nothing changed skip the pipeline (:class:`Stamp`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol, TypeVar

import msgspec

from builder.problems import Problem, Problems
from builder.write import Same, Written, text_digest

T = TypeVar("T")
Ref = tuple[str, str]
"""A record by kind and id: ``("event", "order-227")``."""

CACHE_DIR = Path(".cache") / "builder"
"""Where the disk cache lives, relative to the project folder (git-ignored)."""
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "edtf", "python-frontmatter", "Markdown", "pyahocorasick", "sentencex", "msgspec")
"""Libraries whose behaviour shapes what the builder makes; a new version invalidates the disk cache."""


# --- what each file yields ---------------------------------------------------------------


class Cached(Protocol):
    """How a stage asks for what a file yields at one step (:meth:`Files.get`, or :func:`fresh` outside a build)."""

    def __call__(self, name: Hashable, digest: bytes, step: str, make: Callable[[Problems], T], problems: Problems | None = None, given: tuple = ()) -> T: ...


_Kept = tuple[tuple, Any, tuple[Problem, ...], tuple[Hashable, ...]]
"""A result as kept: the ``given`` values it was made with, the result, the problems its making reported and the names that making asked for."""


def fresh(name: Hashable, digest: bytes, step: str, make: Callable[[Problems], T], problems: Problems | None = None, given: tuple = ()) -> T:
    """Make the step's result, keeping nothing: for a stage run on its own (tests, tools)."""
    return make(problems if problems is not None else Problems())


class Files:
    """What each source file yields at each step of a build, by its path and a hash of its text.

    A result is given back while the file's text and the ``given`` values are
    those it was made with; the problems its making reported are reported
    again each time, so a build with a kept result says what a fresh one says.
    Only what the last build used, or what a result it used was made from,
    is kept: it never grows past the sources.
    A file's text is itself kept by the file's status, so a server reads
    again only the files changed since its last build (:mod:`builder.load`).

    A curated record made from several files (an event from the sources that
    report it) is kept the same way, by its kind and id and a digest of what
    it is made from (:func:`combine`); so is a whole stage's result, by a
    digest of all its inputs (the events, from every source's metadata). A
    kept result keeps with it those its making asked for, so the edit that
    next changes one input makes one record again, not the whole stage.
    """

    def __init__(self, only: Collection[str] | None = None) -> None:
        """
        Args:
            only: the steps whose results are kept, for a build that keeps
                nothing for a next one (a one-off build): those the disk cache
                saves and those the same build asks for again. Any other step's
                result is made and given back, not kept. ``None`` (a server):
                every step's.
        """
        self._only = only
        self._last: dict[Hashable, tuple[bytes, dict[str, _Kept]]] = {}
        self._now: dict[Hashable, tuple[bytes, dict[str, _Kept]]] = {}
        self._asking: list[list[Hashable]] = []
        """For each result being made, the names its making asked for (innermost last)."""
        self.made: Counter[str] = Counter()
        """How many results each step had to make in this build."""

    def get(self, name: Hashable, digest: bytes, step: str, make: Callable[[Problems], T], problems: Problems | None = None, given: tuple = ()) -> T:
        """What ``make`` gives for ``name`` (a file's path) made from what hashes to ``digest`` (its text), at ``step``; kept or made now."""
        if self._only is not None and step not in self._only:
            self.made[step] += 1
            return make(problems if problems is not None else Problems())
        if self._asking:
            self._asking[-1].append(name)
        entry = self._now.get(name)
        if entry is None or entry[0] != digest:
            last = self._last.get(name)
            entry = self._now[name] = (digest, dict(last[1]) if last is not None and last[0] == digest else {})
        found = entry[1].get(step)
        if found is None or found[0] != given:
            reported = Problems()
            self._asking.append([])
            try:
                value = make(reported)
            finally:
                asked = tuple(dict.fromkeys(self._asking.pop()))
            found = entry[1][step] = (given, value, tuple(reported), asked)
            self.made[step] += 1
        elif found[3]:
            self._keep(found[3])
        if problems is not None and found[2]:
            problems.extend(list(found[2]))
        return found[1]

    def _keep(self, names: tuple[Hashable, ...]) -> None:
        """Keep for the next build what the making of a kept result asked for: a result made from several (a whole stage's) is kept with the results of each."""
        for name in names:
            last = self._last.get(name)
            if name in self._now or last is None:
                continue
            self._now[name] = (last[0], dict(last[1]))
            for kept in last[1].values():
                self._keep(kept[3])

    def put(self, name: Hashable, digest: bytes, step: str, value: Any, given: tuple = ()) -> None:
        """Keep ``value`` as what ``name`` yields at ``step`` (made elsewhere, in a worker process)."""
        entry = self._now.get(name)
        if entry is None or entry[0] != digest:
            entry = self._now[name] = (digest, {})
        entry[1][step] = (given, value, (), ())

    def has(self, name: Hashable, digest: bytes, step: str, given: tuple = ()) -> bool:
        """Whether a result of ``step`` is kept for ``name`` made from this digest and these ``given`` values."""
        for kept in (self._now, self._last):
            entry = kept.get(name)
            if entry is not None and entry[0] == digest and step in entry[1] and entry[1][step][0] == given:
                return True
        return False

    def start(self) -> None:
        """Start a build: what a build that failed had made is let go; the last good build's results stay."""
        self._now = {}
        self.made.clear()

    def finish(self) -> None:
        """End a good build: what it used is what the next may reuse."""
        self._last, self._now = self._now, {}

    def save(self, path: Path, steps: dict[str, Any]) -> None:
        """Write the results of ``steps`` (name -> type of its results) to ``path`` as msgpack; nothing if it cannot be written."""
        files = sorted((name, entry) for name, entry in self._last.items() if isinstance(name, str))
        data = {step: {rel: (digest, *kept[step][:2]) for rel, (digest, kept) in files if step in kept} for step in steps}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(msgspec.msgpack.encode(data))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only project builds, only without a disk cache

    def load(self, path: Path, steps: dict[str, Any]) -> None:
        """Take the results of ``steps`` that :meth:`save` wrote to ``path``; a missing or unreadable file is only a slower build."""
        try:
            raw = msgspec.msgpack.decode(path.read_bytes(), type=dict[str, msgspec.Raw])
            for step, kind in steps.items():
                if step not in raw:
                    continue
                for rel, (digest, given, value) in msgspec.msgpack.decode(raw[step], type=dict[str, tuple[bytes, tuple, kind]]).items():  # type: ignore[valid-type]  # a type given at run time
                    entry = self._last.setdefault(rel, (digest, {}))
                    if entry[0] == digest:
                        entry[1][step] = (given, value, (), ())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            self._last = {}


# --- which pages show what changed -----------------------------------------------------


def combine(*parts: object) -> bytes:
    """A digest of ``parts`` (digests, ids, numbers): what a record made from them is known by."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True)
class Page:
    """A page to be made, and what it declares, by kind and id: the records it shows, presents and rests on.

    What a page declares is all that is known of it besides its text: the
    pages are not read back. ``shows`` decides whether it is made again; the
    other two, what :mod:`builder.render.annotate` adds to it.
    """

    path: str
    shows: tuple[Ref, ...] | None
    """The records whose change makes the page again; ``None`` for a page that shows the whole site (most indexes and exports): made at every build."""
    make: Callable[[], str]
    describes: tuple[Ref, ...]
    """The events, figures and terms it presents under their own anchors, and the source of a sourcing note: what its JSON-LD describes."""
    rests_on: tuple[Ref, ...] | None
    """The records it cites besides those: the sources whose notes it links to, the events, figures and terms it links to.

    Its sources are theirs and those of :attr:`describes`; ``None``, or no
    source at all, for a page that summarises the whole site (an index), which
    rests on every source.
    """


def one_of(pages: Callable[[], Mapping[str, str]], path: str) -> str:
    """The page at ``path`` of those ``pages()`` makes: for a renderer that makes all the pages of one record at once."""
    return pages()[path]


class Pages:
    """The pages of the last build, each with the digests of the records it showed and of its text."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[tuple[Ref, ...], tuple[bytes, ...], bytes]] = {}
        self.made = 0
        """How many pages that declare what they show the last build had to make (not counting those the writer made again from a :class:`~builder.write.Same`)."""

    def make(self, digests: Mapping[Ref, bytes], pages: Iterable[Page], finish: Callable[[Page, str], str]) -> Iterator[tuple[str, str | Same]]:
        """Each page's path and text, ``finish(page, page.make())``; :class:`~builder.write.Same` when nothing it shows changed since the last build.

        ``digests`` gives each record a page may show its digest (a record
        that is not there, as before, is unchanged). A page is made again from
        its ``Same`` only if its file no longer holds the text, so ``finish``
        may depend on nothing but the page's text, what it declares and the
        records it shows. Only digests are kept: a server holds no page's text.
        """
        kept, self._pages, self.made = self._pages, {}, 0
        for page in pages:
            if page.shows is None:
                yield page.path, finish(page, page.make())
                continue
            now = tuple(map(digests.get, page.shows, repeat(b"")))  # dict.get(ref, b"") for each, in C: pages show a hundred records each
            last = kept.get(page.path)
            if last is not None and last[0] == page.shows and last[1] == now:
                self._pages[page.path] = last
                yield page.path, Same(last[2], _remade(page, finish))
                continue
            text = finish(page, page.make())
            self.made += 1
            self._pages[page.path] = (page.shows, now, text_digest(text))
            yield page.path, text


def _remade(page: Page, finish: Callable[[Page, str], str]) -> Callable[[], str]:
    """What makes ``page`` again, finished, for a file that no longer holds it."""
    return lambda: finish(page, page.make())


# --- what a process keeps ------------------------------------------------------------------


class Builds:
    """Everything a process keeps from one build for the next: the one object a server holds between builds."""

    def __init__(self, only: Collection[str] | None = None) -> None:
        """
        Args:
            only: for a one-off build, the only steps whose results it keeps (:class:`Files`).
        """
        self.files = Files(only)
        self.pages = Pages()
        self.written: Written = {}
        """What the writer wrote or found, so an unchanged file is not read again (:class:`builder.write.Writer`)."""
        self.on_disk = False
        """Whether the disk cache was read into :attr:`files` (once, at the first build)."""


# --- the disk cache's stamp of the last build ---------------------------------------------------


@lru_cache(maxsize=1)
def builder_fingerprint() -> str:
    """Hash of the builder's own code, Python's version and its libraries' versions: a new builder trusts no kept result."""
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
    """Hash of everything under ``folder``: names, kinds, link targets and file contents (hidden and odd files too)."""
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


def _outputs(docs_dir: Path, owned: tuple[str, ...]) -> dict[str, list[int]]:
    """Size and modification time of every file in the generated paths."""
    found: dict[str, list[int]] = {}
    for path in owned:
        top = docs_dir / path
        if not path.endswith("/"):
            try:
                info = top.stat()
            except OSError:
                continue
            found[path] = [info.st_size, info.st_mtime_ns]
            continue
        for folder, _, names in os.walk(top):
            for name in names:
                full = os.path.join(folder, name)
                info = os.stat(full, follow_symlinks=False)
                found[Path(full).relative_to(docs_dir).as_posix()] = [info.st_size, info.st_mtime_ns]
    return found


class Stamp:
    """The last good build of a project, in ``.cache/builder/last-build.json``: what it read, wrote and reported.

    When the sources (every file's bytes), the builder and the generated
    pages on disk are all as that build left them, there is nothing to do: a
    rebuild that MkDocs starts for another reason (an edit to a hand-written
    page, a theme change) then costs about as much as reading the sources.
    """

    def __init__(self, root: Path, docs_dir: Path, owned: tuple[str, ...]) -> None:
        self.path = root / CACHE_DIR / "last-build.json"
        self.docs_dir, self.owned = docs_dir, owned
        parts = (builder_fingerprint(), tree_digest(root / "sources"), str(docs_dir.resolve()), *owned)
        self.key = hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()

    def unchanged(self) -> dict | None:
        """What the last build reported if nothing changed since; ``None`` if something did, or the stamp is missing or unreadable."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            if record["key"] != self.key or record["outputs"] != _outputs(self.docs_dir, self.owned):
                return None
            summary = dict(record["summary"])
            summary["warnings"] = tuple(Problem(**w) for w in summary["warnings"])
            return summary
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def record(self, warnings: tuple[Problem, ...], **summary: Any) -> None:
        """Note a good build, after its pages were written."""
        summary["warnings"] = [dataclasses.asdict(w) for w in warnings]
        data = {"key": self.key, "outputs": _outputs(self.docs_dir, self.owned), "summary": summary}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError:
            pass
