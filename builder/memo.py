"""Memos of pure functions, kept from one build to the next.

A build makes the same things from the same inputs again and again: under
``mkdocs serve`` it runs after every edit, and an edit changes one source.
A :class:`Memo` gives back what the last build made from an input it sees
again (compared by value, so a hash of the input is part of the key) and
forgets the rest, so it never holds more than two builds' worth.

Three kinds, by what tells that an input is unchanged: :meth:`Memo.get`
looks the input up by value (it is part of the key); :meth:`Memo.get_same`
compares inputs by identity (an unchanged record is the very object the last
build made, which the memos of the load and check stages see to, and
:meth:`Memo.same_if_equal` for records made afresh);
:class:`Checked` notes what a function read from the site as it ran and
gives back its value while none of those reads has changed (the renderers'
pages).

Memos in this process (:func:`in_process`) are used only where a process
builds more than once (``mkdocs serve`` turns them on with
:func:`keep_between_builds`): a one-off build would only hold everything they
keep until it ends, which at ten thousand sources is hundreds of megabytes.
They move on to the next build when :func:`next_build` is called, at the
start of each build. What such a process keeps is frozen out of the garbage
collector's reach after each build (:func:`collector_off`).
:class:`builder.cache.TextMemo` keeps two memos on disk.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from operator import is_
from typing import Any, Callable, Generic, Hashable, Iterable, TypeVar

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

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

    def same_if_equal(self, key: K, value: V) -> V:
        """The value kept under ``key`` if it equals ``value``, else ``value``, kept there.

        For records made afresh at every build from inputs that mostly did not
        change: an unchanged one is then the very object of the last build,
        which memos by identity (:meth:`get_same`) and :class:`Checked` tell
        unchanged at a glance.
        """
        found = self._kept(key)
        if found is None or (found is not value and found != value):
            found = value
            self.made += 1
        self.used[key] = found
        return found

    def get_same(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        """Like :meth:`get`, for a value made from ``inputs``, records compared by identity.

        For inputs that cannot be hashed or are slow to compare (the checked
        records): an unchanged record is the same object from one build to the
        next (the memos of the load and check stages make it so), so the value
        is kept while every input is the very object it was made from.
        """
        found = self.used.get(key) or self.known.get(key)  # :meth:`_kept`, inlined: 200,000 calls an edit at 10,000 sources
        if found is None or len(found[0]) != len(inputs) or not all(map(is_, found[0], inputs)):
            found = (inputs, make())
            self.made += 1
        self.used[key] = found  # type: ignore[assignment]
        return found[1]  # type: ignore[index]

    def get_equal(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        """Like :meth:`get_same`, inputs compared by value where they are not the very same objects."""
        found = self._kept(key)
        if found is None or found[0] != inputs:
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

    def clear(self) -> None:
        """Forget everything kept."""
        self.known, self.used, self.made = {}, {}, 0


class _InProcess(Memo[K, V]):
    def get(self, key: K, make: Callable[[], V]) -> V:
        return super().get(key, make) if _keeping else make()

    def get_same(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        return super().get_same(key, inputs, make) if _keeping else make()

    def get_equal(self, key: K, inputs: tuple, make: Callable[[], V]) -> V:
        return super().get_equal(key, inputs, make) if _keeping else make()

    def has(self, key: K) -> bool:
        return _keeping and super().has(key)

    def same_if_equal(self, key: K, value: V) -> V:
        return super().same_if_equal(key, value) if _keeping else value


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
            memo.clear()
        _thaw()


def keeping() -> bool:
    """Whether this process builds more than once (see :func:`keep_between_builds`)."""
    return _keeping


def next_build() -> None:
    """Move every in-process memo on to a new build (called when a build starts)."""
    _CHANGED_KEYS.clear()
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

    Reading an attribute notes its name and ``(name, _WHOLE)``; an attribute
    named in ``mappings`` is given as a mapping that notes ``(name, key)`` for
    each key looked up instead (and ``(name, _WHOLE)`` when it is iterated).
    Only what was read is noted, not the values: :class:`Checked` tells what
    changed by comparing the record with the one the last build read, once
    per build, not once per page. Attributes named in ``same`` are noted as
    ``(name, _SAME)`` and compared by identity: the whole lists of a site,
    which would take longer to compare than to render from.
    """

    __slots__ = ("_target", "_mappings", "_same", "log")

    def __init__(self, target: object, mappings: frozenset[str], same: frozenset[str] = frozenset()) -> None:
        self._target = target
        self._mappings = mappings
        self._same = same
        self.log: set[object] = set()
        """Names of the attributes read, and ``(name, key or _WHOLE or _SAME)`` for what was read of each."""

    def __getattr__(self, name: str) -> object:
        value = getattr(self._target, name)
        self.log.add(name)
        if name in self._mappings:
            return _MappingReads(value, name, self.log)
        self.log.add((name, _SAME if name in self._same else _WHOLE))
        return value


class _MappingReads:
    __slots__ = ("_mapping", "_name", "_log")

    def __init__(self, mapping: dict, name: str, log: set) -> None:
        self._mapping, self._name, self._log = mapping, name, log

    def get(self, key: object, default: object = None) -> object:
        self._log.add((self._name, key))
        return self._mapping.get(key, default)

    def __getitem__(self, key: object) -> object:
        self._log.add((self._name, key))
        return self._mapping[key]

    def __contains__(self, key: object) -> bool:
        self._log.add((self._name, key))
        return key in self._mapping

    def _whole(self) -> dict:
        self._log.add((self._name, _WHOLE))
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


def _differences(old: object, new: object, names: Iterable[str], mappings: frozenset[str], same: frozenset[str]) -> frozenset[object]:
    """What reads of the attributes ``names`` give differently from ``new`` than from ``old``, noted as :class:`Reads` notes them.

    A mapping is compared key by key (values by identity, then by value), an
    attribute named in ``same`` by identity, any other by value. An
    attribute that either record lacks is noted by its bare name, which
    every read of it includes.
    """
    changed: set[object] = set()
    for name in names:
        before, after = getattr(old, name, _MISSING), getattr(new, name, _MISSING)
        if before is after:
            continue
        if before is _MISSING or after is _MISSING:
            changed.add(name)
        elif name in mappings:
            if not (isinstance(before, Mapping) and isinstance(after, Mapping)):
                changed.add(name)
                continue
            keys = _changed_keys(before, after)
            if keys:
                changed.update((name, k) for k in keys)
                changed.add((name, _WHOLE))
        elif name in same:
            changed.add((name, _SAME))
        elif before != after:
            changed.add((name, _WHOLE))
    return frozenset(changed)


_CHANGED_KEYS: dict[tuple[int, int], tuple[Mapping, Mapping, list]] = {}
""":func:`_changed_keys` by the ids of the two mappings, this build's: several memos read the site's tables."""


def _changed_keys(before: Mapping, after: Mapping) -> list:
    """The keys whose values differ between the two mappings (by identity, then by value), or that only one has."""
    known = _CHANGED_KEYS.get((id(before), id(after)))
    if known is not None and known[0] is before and known[1] is after:
        return known[2]
    keys = [k for k, v in after.items() if (w := before.get(k, _MISSING)) is not v and w != v]
    keys.extend(k for k in before if k not in after)
    _CHANGED_KEYS[id(before), id(after)] = (before, after, keys)  # holds both, so their ids are not reused meanwhile
    return keys


class Checked(Memo[K, tuple[frozenset, V, object]]):
    """A memo for a function of a key and of what it reads from one record (the curated site).

    What the function read is noted as it runs (:class:`Reads`); a later
    call with the same key gives back the value kept only if none of those
    reads gives a different value from the record now. So a page is rendered
    again exactly when something it shows has changed, without each
    renderer having to declare what it depends on.

    Each value is kept with the record it was last checked against. The
    differences between that record and the new one are worked out once per
    build (:func:`_differences`, over the attributes any page read), so
    checking a page costs a set look-up per difference, not per read: an
    edit changes a few records, a page reads dozens.
    """

    def __init__(self, mappings: Iterable[str] = (), same: Iterable[str] = ()) -> None:
        super().__init__()
        self.mappings = frozenset(mappings)
        self.same = frozenset(same)
        self._names: set[str] = set()
        """Every attribute a kept value read."""
        self._differences: dict[int, tuple[object, object, frozenset[object]]] = {}
        """``(old record, new record, differences)`` by the old record's id, this build's."""

    def get_checked(self, key: K, target: object, make: Callable[[Any], V]) -> V:
        """``make(view)``, or what it gave for ``key`` in this or the last build if nothing it read has changed."""
        found = self._kept(key)
        if found is not None and found[2] is not target:  # kept from another record: still good if none of its reads changed
            found = (found[0], found[1], target) if found[0].isdisjoint(self._changes(found[2], target)) else None
        if found is None:
            view = Reads(target, self.mappings, self.same)
            value = make(view)
            found = (frozenset(view.log), value, target)
            self._names.update(n for n in found[0] if isinstance(n, str))
            self.made += 1
        self.used[key] = found
        return found[1]

    def _changes(self, old: object, new: object) -> frozenset[object]:
        known = self._differences.get(id(old))
        if known is None or known[0] is not old or known[1] is not new:
            known = (old, new, _differences(old, new, self._names, self.mappings, self.same))
            self._differences[id(old)] = known  # holds ``old``, so its id is not reused meanwhile
        return known[2]

    def rotate(self) -> None:
        super().rotate()
        self._differences.clear()

    def clear(self) -> None:
        super().clear()
        self._names.clear()
        self._differences.clear()


class _CheckedInProcess(Checked[K, V]):
    def get_checked(self, key: K, target: object, make: Callable[[Any], V]) -> V:
        return super().get_checked(key, target, make) if _keeping else make(target)


def checked_in_process(mappings: Iterable[str] = (), same: Iterable[str] = ()) -> Checked:
    """A :class:`Checked` memo that lives as long as the process, like :func:`in_process`."""
    memo: Checked = _CheckedInProcess(mappings, same)
    _IN_PROCESS.add(memo)
    return memo


@contextmanager
def collector_off(*, freeze: bool = False) -> Iterator[None]:
    """Hold off the garbage collector for a while, then leave it as it was.

    A build makes millions of records that live until it ends, and reading
    or writing a memo makes hundreds of thousands at once: the collector has
    next to nothing to free, and each of its full passes walks every record
    again, more often the bigger the site. A build (``builder/pipeline.py``)
    and the memo files (``builder/cache.py``) run with it held off.

    With ``freeze`` (a build in a process that keeps its memos), what is
    alive at the end is then frozen (:func:`_freeze_survivors`), where the
    process's peak memory can be read (not on Windows).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze and resource is not None:
            _freeze_survivors()
        if was_enabled:
            gc.enable()


_PEAK_GROWTH = 1.25
"""How much the process's peak memory may grow between two full collections of frozen objects."""
_peak_when_collected: int | None = None
"""The process's peak memory right after the last full collection; ``None`` before the first."""


def _freeze_survivors() -> None:
    """Put every object alive now out of the collector's reach (:func:`gc.freeze`), collecting in full now and then.

    A server's build keeps its records for the next (:func:`keep_between_builds`).
    Left to the collector, they were walked again after every build, by its
    young generations first, since all of them were made while it was held
    off: 0.1–0.3 s after an edit at 1,000 sources and up to 3 s at 10,000,
    as much as the rest of the rebuild. Frozen objects are still freed as
    soon as nothing refers to them; only garbage in reference cycles stays.
    Next to none is left by an edit, so the frozen objects are collected in
    full only after the first build and whenever the process's peak memory
    has grown by a quarter since the last full collection. (Counting frozen
    objects walks them all: 0.05 s at 1,000 sources.)
    """
    global _peak_when_collected
    gc.freeze()
    if _peak_when_collected is None or _peak_memory() > _peak_when_collected * _PEAK_GROWTH:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _peak_when_collected = _peak_memory()


def _peak_memory() -> int:
    """The process's peak resident memory so far, in the system's unit."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _thaw() -> None:
    """Give every frozen object back to the collector (a process that no longer keeps its memos)."""
    global _peak_when_collected
    gc.unfreeze()
    _peak_when_collected = None
