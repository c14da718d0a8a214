"""The pipeline: load -> check -> curate -> render -> write.

Everything is checked before any page is made, and each page is staged
beside the docs folder as it is made and moved in with the rest at the end:
a content error leaves the docs folder exactly as it was, and a one-off build
holds no page once it is staged. What a build may take from
the one before is decided in :mod:`builder.incremental` alone; the stages
are given its :meth:`~builder.incremental.Files.get` and know no more.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import msgspec

from builder.check import Content, Source, check
from builder.curate import Site, curate
from builder.incremental import (
    CACHE_DIR,
    Builds,
    Cached,
    Files,
    Stamp,
    builder_fingerprint,
    fresh,
)
from builder.load import LoadedFile, load_tree
from builder.problems import Problem, Problems
from builder.profile import TextProfile, read_text
from builder.render import render_site
from builder.render.sources import NoteText, TextSections, text_sections
from builder.write import Writer, WriteReport

GENERATED = ("index.md", "timeline.md", "timeline/", "glossary.md", "glossary/", "figures.md", "figures/", "references.md", "sources/", "tags/", "places.md", "places/", "data/")
"""Paths under the docs folder that the builder owns (and git ignores)."""
KEPT_ON_DISK = {"profile": TextProfile, "sections": TextSections}
"""The steps whose results the disk cache keeps (:meth:`builder.incremental.Files.save`), with their types."""
ONE_OFF_KEEPS = frozenset({*KEPT_ON_DISK, "budget"})
"""What a one-off build keeps of each file until it ends: the steps the disk cache saves and the reproduction
budget's counts (made by the check, read again by the curate stage). Any other result goes once used; a step
missing here is made twice, not wrong."""
JOBS_ENV = "BUILDER_JOBS"
"""Environment variable: how many processes may read texts at once (1: none besides the builder's own)."""
PARALLEL_MIN = 64
"""Fewest texts to read worth starting worker processes for."""


@dataclass(frozen=True)
class Result:
    site: Site | None
    """``None`` when the stamp of the last build showed that nothing changed since."""
    warnings: tuple[Problem, ...]
    report: WriteReport | None
    drafts: int = 0
    """How many draft sources, events and figures were left out."""
    title: str = ""
    """The site's title."""


def check_only(root: Path, *, drafts: bool = False, cached: Cached = fresh, files: Files | None = None) -> tuple[Content, tuple[Problem, ...]]:
    """Load and check; raises :class:`~builder.problems.ContentError` on errors.

    With ``drafts``, draft entries are kept and marked as drafts (a preview).
    With ``files``, the texts that it lacks are read by worker processes
    while the content is checked (:class:`TextReading`), and put in it.
    """
    problems = Problems()
    tree = load_tree(root, problems, cached=cached)
    with TextReading(tree.articles if files is not None else (), files) as reading:
        content = check(tree, problems, show_drafts=drafts, cached=cached)
        problems.raise_if_errors()
        assert content is not None
        reading.gather(content.sources)
    return content, tuple(problems.warnings)


def generate(root: Path, docs_dir: Path | None = None, *, drafts: bool = False, builds: Builds | None = None) -> Result:
    """Run the whole pipeline for the project at ``root``.

    Args:
        builds: what the last build in this process made, to be reused (a
            server's, kept by the MkDocs hook). Without it, the build is a
            one-off: it starts from the disk cache and is skipped when the
            stamp of the last build shows that nothing changed.

    Raises:
        ContentError: when the content has errors; nothing is written then.
    """
    docs_dir = docs_dir or root / "docs"
    cache = not drafts  # a preview neither uses nor fills the disk cache
    stamp = Stamp(root, docs_dir, GENERATED) if cache and builds is None else None
    if stamp is not None and (summary := stamp.unchanged()) is not None:
        return Result(None, summary["warnings"], WriteReport((), summary["pages"], ()), summary["drafts"], summary["title"])
    # A server keeps what it made for the next build (of its pages and what it wrote, their digests); a one-off build keeps no page once written.
    serving = builds is not None and not drafts  # a preview's drafts are not their files' records: it keeps nothing
    builds = builds if serving and builds is not None else Builds(ONE_OFF_KEEPS)
    disk = root / CACHE_DIR / f"texts-{builder_fingerprint()}.msgpack"
    first = cache and not builds.on_disk  # a server reads and writes the disk cache at its first build only
    if first:
        builds.files.load(disk, KEPT_ON_DISK)
        builds.on_disk = True
    files = builds.files
    files.start()
    # Gather and check: a content error stops the build here, before any page is made.
    content, warnings = check_only(root, drafts=drafts, cached=files.get, files=files)
    # A preview's sources are other records than their files' (drafts shown): what the check kept of those files is not theirs.
    site = curate(content, files.get if not drafts else fresh)
    # Render and write: each page is staged as it is made, and all are moved in at the end.
    with Writer(docs_dir, GENERATED, builds.written if serving else None) as writer:
        for path, text in render_site(site, files.get, builds.pages if serving else None):
            writer.add(path, text)
        report = writer.commit()
    files.finish()
    if first:
        files.save(disk, KEPT_ON_DISK)
    if stamp is not None:
        stamp.record(warnings, drafts=site.drafts, title=site.info.title, pages=len(report.written) + report.unchanged)
    return Result(site, warnings, report, site.drafts, site.info.title)


class TextReading:
    """The texts that ``files`` lacks, read with their notes' sections by worker processes while the build checks the content.

    Reading a text is the largest cost of a source that depends on no other
    source, and it needs only the article's text, language and publisher, so
    the workers start on it as soon as the files are loaded, and the check
    runs meanwhile on the other core. Each result is kept only if the source
    the check made of that file has the same text, language and publisher
    (:meth:`gather`); a source without one, too few texts, or a single core,
    and the curate and render stages read the texts themselves. The sections
    are made with every excerpt, as the render stage first makes them: it
    makes them again within the source's reproduction budget only where they
    would pass it. Leaving the ``with`` block stops the workers, whatever
    happened in it.
    """

    def __init__(self, articles: Sequence[LoadedFile], files: Files | None) -> None:
        self._files = files
        todo = [(f.rel, f.digest, _given(f)) for f in articles if files is not None and f.body is not None and not files.has(f.rel, f.digest, "profile")]
        self._todo = [(rel, digest, given) for rel, digest, given in todo if given is not None]
        self._pool: ProcessPoolExecutor | None = None
        self._chunks: list[tuple[list[tuple[str, bytes, Given]], Future[bytes]]] = []

    def __enter__(self) -> TextReading:
        jobs = _jobs()
        if len(self._todo) < PARALLEL_MIN or jobs < 2:
            return self
        # Forked workers start at once with the builder imported; forking is
        # safe only while this process runs no other thread (a server's watcher).
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
        for i in range(0, len(self._todo), 16):
            chunk = self._todo[i : i + 16]
            self._chunks.append((chunk, self._pool.submit(_read_chunk, [given for _, _, given in chunk])))
        return self

    def gather(self, sources: Sequence[Source]) -> None:
        """Put in ``files`` each text read for a checked source of the same text, language and publisher."""
        if self._files is None or not self._chunks:
            return
        checked = {s.path: (s.digest, (s.body, s.meta.language, s.meta.publisher)) for s in sources}
        for chunk, future in self._chunks:
            made = msgspec.msgpack.decode(future.result(), type=list[tuple[TextProfile, TextSections]])
            for (rel, digest, given), (profile, sections) in zip(chunk, made):
                if checked.get(rel) == (digest, given):
                    self._files.put(rel, digest, "profile", profile)
                    self._files.put(rel, digest, "sections", sections)

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


Given = tuple[str, str, str | None]
"""What reading a text needs: the text, its language and its publisher."""


def _given(file: LoadedFile) -> Given | None:
    """What an article's file gives for reading its text, as the check will make it; ``None`` where it is not plainly given, or the source is a draft."""
    data = file.data if isinstance(file.data, dict) else {}
    language, publisher = data.get("language"), data.get("publisher")
    if data.get("draft") is True or not isinstance(language, str) or not (publisher is None or isinstance(publisher, str)):
        return None
    return (file.text, language, publisher)


def _jobs() -> int:
    """How many processes may read texts: the cores this process may run on, or :data:`JOBS_ENV`; 1 where forking is not safe."""
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    wanted = os.environ.get(JOBS_ENV, "").strip()
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores


def _read_chunk(texts: list[Given]) -> bytes:
    """In a worker: each text's profile and its note's sections, every excerpt shown, as msgpack."""
    made = []
    for body, language, publisher in texts:
        profile = read_text(body, language)
        made.append((profile, text_sections(NoteText(body, language, publisher, profile))))
    return msgspec.msgpack.encode(made)


def render_pages(root: Path) -> dict[str, str]:
    """Every generated page as text, without writing (for tests and diffs)."""
    content, _ = check_only(root)
    return dict(render_site(curate(content)))
