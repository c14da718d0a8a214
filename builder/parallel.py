"""Texts profiled on another core while this process checks the content.

The profile of a source's text (:func:`builder.profile.read_text`: who it
quotes, how it hedges) depends on the text and its language alone, and so
do the two sections of its sourcing note drawn from it (who it relies on,
how it hedges), unless its publisher limits reuse
(:class:`builder.render.sources.NoteText`). Making them is the largest
single cost of a cold build: about a third of it. The texts are known as
soon as they are loaded, long before the curate stage needs the profiles
and the notes need the sections, so a worker process makes both while this
process checks every record, curates the site and renders the other pages
(:meth:`builder.cache.TextMemo.read_elsewhere`). The worker runs the same
pure functions on the same inputs, so the pages are the same bytes with it
or without; if it fails in any way, this process makes what is missing.

The worker is forked, not spawned: it starts in milliseconds with the texts
already in its memory, where a spawned one would first import the builder
(half a second) and be sent every text. Forking is safe only in a process
that runs no other thread, and only on Linux among the systems the builder
runs on (macOS's system libraries do not support fork without exec). So
elsewhere, in a server that builds after every edit (``mkdocs serve`` runs
threads, and an edit there changes one text, not thousands), on one core,
or with ``BUILDER_JOBS=1``, everything is made in the building process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import struct
import sys
import tempfile
import threading
from typing import Any, BinaryIO, NamedTuple

from builder.memo import keeping
from builder.profile import TextProfile, read_text
from builder.render.sources import NoteText, TextSections, text_sections

JOBS_ENV = "BUILDER_JOBS"
"""Set to ``1`` to profile every text in the building process (no worker)."""
MIN_TEXTS = 64
"""Fewer texts to read than this are read here: forking and handing back would cost more than it saves."""


class Text(NamedTuple):
    """A loaded article's text, with what its note's sections on the text show, as far as they can be told before checking."""

    body: str
    language: str
    publisher: Any
    """As the frontmatter gives it (the check has not run yet)."""
    limited: bool
    """Whether the publisher limits reuse: the sections then depend on what the site quotes, known only once it is curated."""


Work = list[tuple[bytes, Text]]
"""Texts to profile: the profile's memo key and the text, each."""
Made = tuple[dict[bytes, TextProfile], dict[bytes, TextSections]]
"""Profiles and notes' sections on the text, by memo key."""


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
"""Texts the worker makes everything for before handing it over."""
_FRAME = struct.Struct("<Q")
"""Each hand-over in the worker's file: its length, then its pickle."""


class Worker:
    """A forked process profiling texts, last first, and handing the profiles (and sections) over a few at a time.

    The building process profiles texts first to last as the curate stage
    asks for them, taking each profile from the worker if it has been handed
    over and making it itself if not; the worker goes last to first. The two
    meet somewhere in the middle, with neither waiting for the other,
    however long the check took. The worker goes on past that point until
    the notes are rendered: the sections it makes there are still wanted.

    What the worker makes is appended to a file that has no name (gone when
    both processes close it), not sent down a pipe: a pipe holds 64 KB, and
    the worker would wait for this process, busy checking, to empty it.
    """

    def __init__(self, process: Any, handed: BinaryIO) -> None:
        self._process = process
        self._handed: BinaryIO | None = handed
        self._read = 0
        """How far this process has read the file."""

    def ready(self) -> Made:
        """The profiles and sections handed over since the last call, by memo key (none if the worker failed)."""
        profiles: dict[bytes, TextProfile] = {}
        sections: dict[bytes, TextSections] = {}
        if self._handed is None:
            return profiles, sections
        fd = self._handed.fileno()
        try:  # during a build, with the collector off (builder/pipeline.py)
            size = os.fstat(fd).st_size
            while self._read + _FRAME.size <= size:
                (length,) = _FRAME.unpack(os.pread(fd, _FRAME.size, self._read))
                start = self._read + _FRAME.size
                if not length or start + length > size:
                    break  # still being written
                part = pickle.loads(os.pread(fd, length, start))
                if not (isinstance(part, tuple) and len(part) == 2 and isinstance(part[0], dict) and isinstance(part[1], dict)):
                    raise ValueError("not a hand-over")
                profiles.update(part[0])
                sections.update(part[1])
                self._read = start + _padded(length)
        except Exception:  # noqa: BLE001 - a file that cannot be read: the building process makes the rest itself
            self.stop()
        return profiles, sections

    def stop(self) -> None:
        """End the worker, whatever it is doing: what it has not handed over is not needed, or is made here."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if self._handed is not None:
            self._handed.close()
            self._handed = None


def start(work: Work) -> Worker | None:
    """A worker profiling ``work``; ``None`` when there is too little of it or a worker cannot be forked here."""
    if len(work) < MIN_TEXTS or not can_fork():
        return None
    try:
        handed = tempfile.TemporaryFile()
    except OSError:
        return None
    process = multiprocessing.get_context("fork").Process(target=_profile, args=(handed.fileno(), work), name="builder-profiles", daemon=True)
    try:
        process.start()
    except OSError:  # no memory or processes left for it: everything is made here
        handed.close()
        return None
    return Worker(process, handed)


def _profile(fd: int, work: Work) -> None:
    """In the worker: profile the texts last to first, with their notes' sections, handing them over every :data:`CHUNK` texts."""
    gc.disable()  # it lives only as long as this loop, and everything it makes is handed over
    last_first = work[::-1]
    end = 0
    try:
        for first in range(0, len(last_first), CHUNK):
            profiles: dict[bytes, TextProfile] = {}
            sections: dict[bytes, TextSections] = {}
            for key, text in last_first[first : first + CHUNK]:
                profiles[key] = profile = read_text(text.body, text.language)
                if not text.limited and (text.publisher is None or isinstance(text.publisher, str)):
                    note = NoteText(text.body, text.language, text.publisher, profile)
                    sections[note.key] = text_sections(note)
            data = pickle.dumps((profiles, sections), protocol=pickle.HIGHEST_PROTOCOL)
            # A length of zero first, then the pickle, then its length: the
            # building process reads a hand-over only once its length is
            # there. Lengths lie at multiples of eight bytes, so none spans
            # two pages and none is ever read half written.
            os.pwrite(fd, bytes(_FRAME.size), end)
            _write_all(fd, data, end + _FRAME.size)
            os.pwrite(fd, _FRAME.pack(len(data)), end)
            end += _FRAME.size + _padded(len(data))
    except BaseException:  # noqa: BLE001 - the building process makes the rest itself, and reports any error then
        os._exit(1)


def _padded(length: int) -> int:
    """``length`` rounded up to a multiple of :data:`_FRAME`'s size."""
    return -(-length // _FRAME.size) * _FRAME.size


def _write_all(fd: int, data: bytes, at: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, at)
        view, at = view[written:], at + written
