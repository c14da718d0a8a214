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
from concurrent.futures import ProcessPoolExecutor
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
from builder.load import load_tree
from builder.problems import Problem, Problems
from builder.profile import TextProfile, read_text
from builder.render import render_site
from builder.render.sources import NoteText, TextSections, text_sections
from builder.write import Writer, WriteReport

GENERATED = ("index.md", "timeline.md", "timeline/", "glossary.md", "glossary/", "figures.md", "figures/", "references.md", "sources/", "tags/", "places.md", "places/", "data/")
"""Paths under the docs folder that the builder owns (and git ignores)."""
KEPT_ON_DISK = {"profile": TextProfile, "sections": TextSections}
"""The steps whose results the disk cache keeps (:meth:`builder.incremental.Files.save`), with their types."""
ONE_OFF_KEEPS = frozenset({*KEPT_ON_DISK, "budget", "export"})
"""What a one-off build keeps of each file until it ends: the steps the disk cache saves, the reproduction
budget's counts (made by the check, read again by the curate stage) and the records of a data set (read for
its JSON and again for its CSV). Any other result goes once used; a step missing here is made twice, not wrong."""
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


def check_only(root: Path, *, drafts: bool = False, cached: Cached = fresh) -> tuple[Content, tuple[Problem, ...]]:
    """Load and check; raises :class:`~builder.problems.ContentError` on errors.

    With ``drafts``, draft entries are kept and marked as drafts (a preview).
    """
    problems = Problems()
    tree = load_tree(root, problems, cached=cached)
    content = check(tree, problems, show_drafts=drafts, cached=cached)
    problems.raise_if_errors()
    assert content is not None
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
    # A server keeps its pages and what it wrote for the next build; a one-off build keeps no page once written.
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
    content, warnings = check_only(root, drafts=drafts, cached=files.get)
    read_texts(content.sources, files)
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


def read_texts(sources: tuple[Source, ...], files: Files) -> None:
    """Profile the texts that ``files`` lacks, with their notes' sections, in worker processes when there are enough.

    Reading a text is the largest cost of a source that depends on no other
    source, and it needs the checked record alone, so it is done here,
    between the check and the curate stage, on every core. The curate and
    render stages then find the results in ``files``; with too few texts, or
    a single core, they read them themselves. The sections are made with
    every excerpt, as the render stage first makes them: it makes them again
    within the source's reproduction budget only where they would pass it.
    """
    todo = [s for s in sources if not files.has(s.path, s.digest, "profile")]
    jobs = _jobs()
    if len(todo) < PARALLEL_MIN or jobs < 2:
        return
    chunks = [todo[i : i + 16] for i in range(0, len(todo), 16)]
    work = [[(s.body, s.meta.language, s.meta.publisher) for s in chunk] for chunk in chunks]
    # Forked workers start at once with the builder imported; forking is
    # safe only while this process runs no other thread (a server's watcher).
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for chunk, made in zip(chunks, pool.map(_read_chunk, work)):
            for source, (profile, sections) in zip(chunk, msgspec.msgpack.decode(made, type=list[tuple[TextProfile, TextSections]])):
                files.put(source.path, source.digest, "profile", profile)
                files.put(source.path, source.digest, "sections", sections)


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


def _read_chunk(texts: list[tuple[str, str, str | None]]) -> bytes:
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
