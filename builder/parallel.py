"""Texts profiled on another core while this process checks the content.

The profile of a source's text (:func:`builder.profile.read_text`: who it
quotes, how it hedges) depends on the text and its language alone, and
making the profiles is the largest single cost of a cold build: about a
fifth of it. The texts are known as soon as they are loaded, long before the
curate stage needs their profiles, so a worker process profiles them while
this process checks every record and curates the site
(:meth:`builder.cache.TextMemo.read_elsewhere`). The worker runs the same
pure function on the same text, so the pages are the same bytes with it or
without; if it fails in any way, this process profiles the texts itself.

The worker is forked, not spawned: it starts in milliseconds with the texts
already in its memory, where a spawned one would first import the builder
(half a second) and be sent every text. Forking is safe only in a process
that runs no other thread, and only on Linux among the systems the builder
runs on (macOS's system libraries do not support fork without exec). So
elsewhere, in a server that builds after every edit (``mkdocs serve`` runs
threads, and an edit there changes one text, not thousands), on one core,
or with ``BUILDER_JOBS=1``, every text is read in the building process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import sys
import threading
from typing import Any

from builder.memo import keeping
from builder.profile import TextProfile, read_text

JOBS_ENV = "BUILDER_JOBS"
"""Set to ``1`` to profile every text in the building process (no worker)."""
MIN_TEXTS = 64
"""Fewer texts to read than this are read here: forking and handing back would cost more than it saves."""

Work = list[tuple[bytes, tuple[str, str]]]
"""Texts to profile: (memo key, (body, language)) each."""


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a worker may be forked here: Linux, a second core, no other thread, a one-off build, not turned off."""
    return (
        sys.platform == "linux"
        and os.environ.get(JOBS_ENV, "").strip() != "1"
        and "fork" in multiprocessing.get_all_start_methods()
        and not keeping()
        and threading.active_count() == 1
        and cores() >= 2
    )


CHUNK = 16
"""Texts the worker profiles before handing their profiles over."""


class Worker:
    """A forked process profiling texts, last first, and handing the profiles over a few at a time.

    The building process reads texts first to last as the curate stage asks
    for them, taking each from the worker if it has been handed over and
    reading it itself if not; the worker goes last to first. The two meet
    somewhere in the middle, with neither waiting for the other: however long
    the check took, nothing is read twice but the few texts at the meeting point.
    """

    def __init__(self, process: Any, handed: Any) -> None:
        self._process = process
        self._queue = handed

    def ready(self) -> dict[bytes, TextProfile]:
        """The profiles handed over since the last call, by memo key (none if the worker failed)."""
        if self._queue is None:
            return {}
        made: dict[bytes, TextProfile] = {}
        # Unpickling makes thousands of records; a garbage collection every few
        # hundred of them would walk the whole site.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            while True:
                part = self._queue.get_nowait()
                if not isinstance(part, dict):
                    break
                made.update(part)
        except queue.Empty:
            pass
        except Exception:  # noqa: BLE001 - a worker that died or sent nonsense: the building process reads the rest itself
            self.stop()
        finally:
            if was_enabled:
                gc.enable()
        return made

    def stop(self) -> None:
        """End the worker, whatever it is doing: what it has not handed over is not needed, or is read here."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if self._queue is not None:
            self._queue.close()
            self._queue = None


def start(work: Work) -> Worker | None:
    """A worker profiling ``work``; ``None`` when there is too little of it or a worker cannot be forked here."""
    if len(work) < MIN_TEXTS or not can_fork():
        return None
    context = multiprocessing.get_context("fork")
    # A queue, not a bare pipe: the worker's sends go through a thread of its
    # own, so it goes on profiling while the pipe is full (this process is
    # still checking and reads nothing until the curate stage starts).
    handed = context.Queue()
    process = context.Process(target=_profile, args=(handed, work), name="builder-profiles", daemon=True)
    try:
        process.start()
    except OSError:  # no memory or processes left for it: read here
        handed.close()
        return None
    return Worker(process, handed)


def _profile(handed: Any, work: Work) -> None:
    """In the worker: profile the texts last to first, handing the profiles over every :data:`CHUNK` texts."""
    gc.disable()  # it lives only as long as this loop, and everything it makes is handed over
    last_first = work[::-1]
    try:
        for first in range(0, len(last_first), CHUNK):
            handed.put({key: read_text(body, language) for key, (body, language) in last_first[first : first + CHUNK]})
    except BaseException:  # noqa: BLE001 - the building process reads the rest itself, and reports any error then
        handed.close()
        handed.join_thread()  # what was handed over still reaches the building process
        os._exit(1)
