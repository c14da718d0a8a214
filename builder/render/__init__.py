"""Render stage: pure functions from the curated :class:`~builder.curate.Site` to page text.

Each module renders one kind of page and returns its pages, each with what
it declares: the records it shows, presents and cites
(:class:`~builder.incremental.Page`); or ``{path: text}`` for pages that
show the whole site. None touches a file. :func:`site_pages` gathers them,
and :func:`render_site` makes and annotates them for the writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import overload

from builder.curate import Site
from builder.incremental import Cached, Page, Pages, Ref, combine, fresh
from builder.render import data, figures, glossary, home, links, places, references, sources, tags, timeline
from builder.render.annotate import annotate_page
from builder.write import Same


@overload
def render_site(site: Site, cached: Cached = fresh, kept: None = None) -> Iterator[tuple[str, str]]: ...
@overload
def render_site(site: Site, cached: Cached, kept: Pages) -> Iterator[tuple[str, str | Same]]: ...
def render_site(site: Site, cached: Cached = fresh, kept: Pages | None = None) -> Iterator[tuple[str, str | Same]]:
    """Every generated page and data file, by path relative to ``docs/``, made one at a time.

    ``cached`` gives back what an earlier build made from unchanged records
    (:meth:`builder.incremental.Files.get`), and ``kept`` the pages of the
    last build (a server's): a page whose records are unchanged comes as
    :class:`~builder.write.Same`, made only if its file no longer holds it.
    The pages are the same with them or without.
    """
    pages = site_pages(site, cached)

    def finish(page: Page, text: str) -> str:
        return annotate_page(site, page, text)

    if kept is None:
        return ((page.path, finish(page, page.make())) for page in pages)
    return kept.make(digests(site), (_kept_by(p) for p in pages), finish)


def _kept_by(page: Page) -> Page:
    """``page``, showing as well what its annotation reads: the records it declares, the site's title and newest date.

    A page's date is that of the sources of the records it presents and
    rests on, which it need not show (a tag's page rests on the sources of
    the glossary's term of its name, and shows only the term's name): the
    digest of each of those records covers its sources' dates (:func:`digests`).
    """
    if page.shows is None:
        return page
    return replace(page, shows=(*page.shows, *page.describes, *(page.rests_on or ()), ("site", "info")))


def site_pages(site: Site, cached: Cached = fresh) -> list[Page]:
    """Every generated page and data file, each with what it declares, not made yet; no two with one path."""
    pages = [
        *_whole(home.render(site)),
        *timeline.site_pages(site, cached),
        *glossary.site_pages(site, cached),
        *figures.site_pages(site),
        *sources.site_pages(site, cached),
        *tags.site_pages(site),
        *_whole(references.render(site)),
        *places.site_pages(site),
        *(Page(path, data.SHOWS.get(path), make, (), None) for path, make in data.render(site, cached).items()),
    ]
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise ValueError(f"two renderers produced {page.path}")
        seen.add(page.path)
    return pages


def _whole(pages: dict[str, str]) -> Iterable[Page]:
    """Pages that show the whole site, present no record of their own and rest on every source: made at every build."""
    return (Page(path, None, partial(str, text), (), None) for path, text in pages.items())


def digests(site: Site) -> dict[Ref, bytes]:
    """The digest of every record a page may show, by kind and id (what :meth:`builder.incremental.Pages.make` compares).

    Curated records carry the digest of what they were made from; where an
    event or a figure is shown depends on the layout of the whole timeline
    and of its measure's pages, so a link's target is a record of its own.
    The digest of an event, a figure, a term or a source covers the dates of
    the sources it cites: a page that rests on it takes its date from them.
    """
    found: dict[Ref, bytes] = {("site", "info"): combine(site.info, repr(site.last_change))}
    found.update((("source", p.source.id), p.digest) for p in site.sources)
    found.update((("event", e.id), e.digest) for e in site.events)
    found[("events", "all")] = combine(*(e.digest for e in site.events))
    found.update((("event-page", e), path.encode()) for e, path in links.layout(site).page_of.items())
    found.update((("figure-page", f), path.encode()) for f, path in figures.page_of(site).items())
    found.update((("measure", g.measure.id), g.digest) for g in site.measures)
    found.update((("figure", f.id), g.digest) for g in site.measures for f in g.figures)
    # A term's digest covers the files of the sources that use it; the dates of those it cites are added.
    found.update((("term", g.term.id), combine(g.digest, *(_date_of(site, c.source) for c in g.term.citations))) for g in site.glossary)
    found.update((("term-name", g.term.id), combine(g.term.term, g.term.short)) for g in site.glossary)
    found.update((("tag", t), combine(ids)) for t, ids in site.tags.items())
    found.update((("era", e.id), combine(e)) for e in site.eras)
    found[("places", "gazetteer")] = combine(*site.places.gazetteer.places)
    found[("places", "named")] = combine(*((e.place, len(e.events)) for e in site.places.entries))
    found[("timeline", "layout")] = combine(*((p.path, p.title) for p in links.layout(site).pages))
    return found


def _date_of(site: Site, source_id: str) -> str:
    source = site.source_records.get(source_id)
    return repr(source.last_dated) if source is not None else ""
