"""Memos of pure functions, kept from one build to the next.

A build makes the same things from the same inputs again and again: under
``mkdocs serve`` it runs after every edit, and an edit changes one source.
A :class:`Memo` gives back what the last build made from an input it sees
again (compared by value, so a hash of the input is part of the key) and
forgets the rest, so it never holds more than two builds' worth.

Memos in this process (:func:`in_process`) are used only where a process
builds more than once (``mkdocs serve`` turns them on with
:func:`keep_between_builds`): a one-off build would only hold everything they
keep until it ends, which at ten thousand sources is hundreds of megabytes.
They move on to the next build when :func:`next_build` is called, at the
start of each build. :class:`builder.cache.TextMemo` keeps two memos on disk.
"""

from __future__ import annotations

import weakref
from typing import Callable, Generic, Hashable, TypeVar

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

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept under ``key``, or ``make()`` kept there; ``make`` must depend on nothing but what ``key`` covers."""
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
            if found is None:
                found = make()
                self.made += 1
            self.used[key] = found
        return found

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
