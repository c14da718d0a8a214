"""Memos of pure functions, kept from one build to the next.

A build makes the same things from the same inputs again and again: under
``mkdocs serve`` it runs after every edit, and an edit changes one source.
A :class:`Memo` gives back what the last build made from an input it sees
again (compared by value, so a hash of the input is part of the key) and
forgets the rest, so it never holds more than two builds' worth.

Three kinds, by what tells that an input is unchanged: :meth:`Memo.get`
looks the input up by value (it is part of the key); :meth:`Memo.get_same`
compares inputs by identity (an unchanged record is the very object the last
build made, which the memos of the load and check stages see to);
:class:`Checked` notes what a function read from the site as it ran and
compares those reads by value at the next build (the renderers' pages).

Memos in this process (:func:`in_process`) are used only where a process
builds more than once (``mkdocs serve`` turns them on with
:func:`keep_between_builds`): a one-off build would only hold everything they
keep until it ends, which at ten thousand sources is hundreds of megabytes.
They move on to the next build when :func:`next_build` is called, at the
start of each build. :class:`builder.cache.TextMemo` keeps two memos on disk.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable, Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Values by key: those the last build used, and those this build has used so far."""

    def __init__(self, known: dict[K, V] | None = None) -> None:
        self.known: dict[K, V] = known if known is not None else {}
        """What the last build used."""
        self.used: dict[K, V] = {}
        """What this build has used so far: all that is kept for the next."""
        self.made = 0
        """How many values this build had to make (found neither here nor in the last build)."""

    def _kept(self, key: K) -> Any:
        """What this build, or else the last, kept under ``key``; ``None`` if neither did."""
        found = self.used.get(key)
        return found if found is not None else self.known.get(key)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept under ``key``, or ``make()`` kept there; ``make`` must depend on nothing but what ``key`` covers."""
        found = self._kept(key)
        if found is None:
            found = make()
            self.made += 1
        self.used[key] = found
        return found

    def has(self, key: K) -> bool:
        """Whether a value is kept under ``key`` (made by this build or the last)."""
        return self._kept(key) is not None

    def get_same(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        """Like :meth:`get`, for a value made from ``inputs``, records compared by identity.

        For inputs that cannot be hashed or are slow to compare (the checked
        records): an unchanged record is the same object from one build to the
        next (the memos of the load and check stages make it so), so the value
        is kept while every input is the very object it was made from.
        """
        found = self._kept(key)
        if found is None or len(found[0]) != len(inputs) or any(a is not b for a, b in zip(found[0], inputs)):
            found = (inputs, make())
            self.made += 1
        self.used[key] = found  # type: ignore[assignment]
        return found[1]  # type: ignore[index]

    @property
    def changed(self) -> bool:
        """Whether this build used anything the last did not, or left something out."""
        return bool(self.made) or len(self.used) != len(self.known)

    def rotate(self) -> None:
        """Start the next build: what this one used is what the next may reuse."""
        self.known, self.used, self.made = self.used, {}, 0


class _InProcess(Memo[K, V]):
    def get(self, key: K, make: Callable[[], V]) -> V:
        return super().get(key, make) if _keeping else make()

    def get_same(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        return super().get_same(key, inputs, make) if _keeping else make()

    def has(self, key: K) -> bool:
        return _keeping and super().has(key)


_IN_PROCESS: weakref.WeakSet[Memo] = weakref.WeakSet()
_keeping = False


def in_process() -> Memo:
    """A memo that lives as long as the process, rotated by :func:`next_build`; it keeps nothing unless :func:`keep_between_builds` was called."""
    memo: Memo = _InProcess()
    _IN_PROCESS.add(memo)
    return memo


def keep_between_builds(on: bool = True) -> None:
    """Turn the in-process memos on (a process that builds after every edit) or off (and empty them)."""
    global _keeping
    _keeping = on
    if not on:
        for memo in list(_IN_PROCESS):
            memo.known, memo.used, memo.made = {}, {}, 0


def keeping() -> bool:
    """Whether this process builds more than once (see :func:`keep_between_builds`)."""
    return _keeping


def next_build() -> None:
    """Move every in-process memo on to a new build (called when a build starts)."""
    if not _keeping:
        return
    for memo in list(_IN_PROCESS):
        memo.rotate()


# --- memos of what a function read ------------------------------------------------------

_MISSING = object()
_WHOLE = object()
"""The key under which a read of a whole attribute is noted."""
_SAME = object()
"""The key under which a read of an attribute compared by identity is noted."""


class Reads:
    """A view of a record that notes what is read through it, for :class:`Checked`.

    Reading an attribute notes its value; an attribute named in ``mappings``
    is given as a mapping that notes each key looked up instead (and the
    whole mapping when it is iterated). Values are later compared by value
    (``==``): every record the view gives is immutable. Attributes named in
    ``same`` are compared by identity instead: the whole lists of a site,
    which would take longer to compare than to render from.
    """

    __slots__ = ("_target", "_mappings", "_same", "log")

    def __init__(self, target: object, mappings: frozenset[str], same: frozenset[str] = frozenset()) -> None:
        self._target = target
        self._mappings = mappings
        self._same = same
        self.log: list[tuple[str, object, object]] = []
        """``(attribute, key or _WHOLE or _SAME, value or _MISSING)``, in the order read."""

    def __getattr__(self, name: str) -> object:
        value = getattr(self._target, name)
        if name in self._mappings:
            return _MappingReads(value, name, self.log)
        self.log.append((name, _SAME if name in self._same else _WHOLE, value))
        return value


class _MappingReads:
    __slots__ = ("_mapping", "_name", "_log")

    def __init__(self, mapping: dict, name: str, log: list) -> None:
        self._mapping, self._name, self._log = mapping, name, log

    def get(self, key: object, default: object = None) -> object:
        value = self._mapping.get(key, _MISSING)
        self._log.append((self._name, key, value))
        return default if value is _MISSING else value

    def __getitem__(self, key: object) -> object:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def _whole(self) -> dict:
        self._log.append((self._name, _WHOLE, self._mapping))
        return self._mapping

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


def _unchanged(target: object, log: list[tuple[str, object, object]]) -> bool:
    """Whether every read in ``log`` gives the same value from ``target`` now."""
    for name, key, value in log:
        current = getattr(target, name)
        if key is _SAME:
            if current is not value:
                return False
            continue
        if key is not _WHOLE:
            current = current.get(key, _MISSING)
        if current is not value and current != value:
            return False
    return True


class Checked(Memo[K, tuple[list, V]]):
    """A memo for a function of a key and of what it reads from one record (the curated site).

    What the function read is noted as it runs (:class:`Reads`); a later
    call with the same key gives back the value kept only if every one of
    those reads gives the same value again. So a page is rendered again
    exactly when something it shows has changed, without each renderer
    having to declare what it depends on.
    """

    def __init__(self, mappings: Iterable[str] = (), same: Iterable[str] = ()) -> None:
        super().__init__()
        self.mappings = frozenset(mappings)
        self.same = frozenset(same)

    def get_checked(self, key: K, target: object, make: Callable[[Any], V]) -> V:
        """``make(view)``, or what it gave for ``key`` in this or the last build if what it read is unchanged."""
        found = self._kept(key)
        if found is None or not _unchanged(target, found[0]):
            view = Reads(target, self.mappings, self.same)
            found = (view.log, make(view))
            self.made += 1
        self.used[key] = found
        return found[1]


class _CheckedInProcess(Checked[K, V]):
    def get_checked(self, key: K, target: object, make: Callable[[Any], V]) -> V:
        return super().get_checked(key, target, make) if _keeping else make(target)


def checked_in_process(mappings: Iterable[str] = (), same: Iterable[str] = ()) -> Checked:
    """A :class:`Checked` memo that lives as long as the process, like :func:`in_process`."""
    memo: Checked = _CheckedInProcess(mappings, same)
    _IN_PROCESS.add(memo)
    return memo


@contextmanager
def collector_off() -> Iterator[None]:
    """Hold off the garbage collector for a while, then leave it as it was.

    A build makes millions of records that live until it ends, and reading
    or writing a memo makes hundreds of thousands at once: the collector has
    next to nothing to free, and each of its full passes walks every record
    again, more often the bigger the site. A build (``builder/pipeline.py``)
    and the memo files (``builder/cache.py``) run with it held off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
