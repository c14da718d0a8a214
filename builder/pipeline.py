"""The pipeline: load -> check -> curate -> render -> write.

Everything is gathered and checked before anything is written: a content
error leaves the docs folder exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from builder import parallel
from builder.cache import BuildCache, TextMemo
from builder.check import Content, check
from builder.curate import Site, curate
from builder.load import SourceTree, load_tree
from builder.memo import collector_off, keeping, next_build
from builder.problems import Problem, Problems
from builder.render import render_site
from builder.write import WriteReport, Writer

GENERATED = ("index.md", "timeline.md", "timeline/", "glossary.md", "glossary/", "figures.md", "figures/", "references.md", "sources/", "tags/", "places.md", "places/", "data/")
"""Paths under the docs folder that the builder owns (and git ignores)."""


@dataclass(frozen=True)
class Result:
    site: Site | None
    """``None`` when the build cache showed that nothing changed since the last build."""
    warnings: tuple[Problem, ...]
    report: WriteReport | None
    drafts: int = 0
    """How many draft sources, events and figures were left out."""
    title: str = ""
    """The site's title."""


def check_only(root: Path, *, drafts: bool = False, loaded: Callable[[Iterable[parallel.Text]], None] | None = None) -> tuple[Content, tuple[Problem, ...]]:
    """Load and check; raises :class:`~builder.problems.ContentError` on errors.

    With ``drafts``, draft entries are kept and marked as drafts (a preview).
    ``loaded`` is given the articles' texts once they are loaded, before they
    are checked (:meth:`builder.cache.TextMemo.read_elsewhere`).
    """
    next_build()
    problems = Problems()
    tree = load_tree(root, problems)
    if loaded is not None:
        loaded(_texts(tree))
    content = check(tree, problems, show_drafts=drafts)
    problems.raise_if_errors()
    assert content is not None
    return content, tuple(problems.warnings)


def _texts(tree: SourceTree) -> Iterator[parallel.Text]:
    """Each loaded article's text, with what its note shows of it as far as can be told before the check."""
    for article in tree.articles:
        data = article.data if isinstance(article.data, dict) else {}
        language = data.get("language")
        if isinstance(language, str) and article.body is not None:
            yield parallel.Text(article.text, language, data.get("publisher"), data.get("reuse") is not None)


def generate(root: Path, docs_dir: Path | None = None, *, write: bool = True, drafts: bool = False, changed: bool = False) -> Result:
    """Run the whole pipeline for the project at ``root``.

    Args:
        changed: the caller knows that the sources changed since the last
            build (a server's watcher of ``sources/``). The build cache is then
            neither looked up nor written: both would read every source and
            list every page once more, a quarter of a server's rebuild, and the
            record left by an earlier build can no longer match.

    Raises:
        ContentError: when the content has errors; nothing is written then.
    """
    docs_dir = docs_dir or root / "docs"
    cache = key = None
    if write and not drafts and not changed:  # a preview neither uses nor fills the cache
        cache = BuildCache(root)
        key = cache.build_key(root / "sources", docs_dir, GENERATED)
        summary = cache.unchanged_build(key, docs_dir, GENERATED)
        if summary is not None:
            warnings, drafts, title, files = summary
            return Result(None, warnings, WriteReport((), files, ()), drafts, title)
    memo = TextMemo.of(root) if write and not drafts else None
    # Every record the build makes lives until it ends, so until then the
    # garbage collector has next to nothing to free (a few thousand objects of
    # millions). At ten thousand sources loading and checking took 13.6 s with
    # it and 10.0 s without; the data exports 9.8 s and 6.7 s.
    with collector_off(freeze=keeping()):
        try:
            content, warnings = check_only(root, drafts=drafts, loaded=memo.read_elsewhere if memo is not None else None)
            return _curate_render_write(docs_dir, content, warnings, memo, write=write, cache=cache, key=key)
        finally:
            if memo is not None:
                memo.done_elsewhere()


def _curate_render_write(docs_dir: Path, content: Content, warnings: tuple[Problem, ...], memo: TextMemo | None, *, write: bool, cache: BuildCache | None, key: str | None) -> Result:
    """The rest of :func:`generate`, once the content is checked."""
    site = curate(content, memo.profile) if memo is not None else curate(content)
    pages = render_site(site, memo.keep if memo is not None else None)
    if memo is not None:
        memo.done_elsewhere()  # all is made: a worker still at work would only slow the writing down
    report = None
    if write:
        writer = Writer(docs_dir, GENERATED)
        for path, text in pages.items():
            writer.add(path, text)
        report = writer.commit()
        count = len(pages)
        # The site's text is written: let it go before the memo is pickled, which
        # at ten thousand sources would otherwise hold both at once (the peak).
        del pages, writer
        if memo is not None:
            memo.save(now=not keeping())  # a server writes it after its first build and when it stops
        if cache is not None and key is not None:
            cache.record_build(key, docs_dir, GENERATED, (warnings, site.drafts, site.info.title, count))
    return Result(site, warnings, report, site.drafts, site.info.title)


def render_pages(root: Path) -> dict[str, str]:
    """Every generated page as text, without writing (for tests and diffs)."""
    content, _ = check_only(root)
    return render_site(curate(content))
