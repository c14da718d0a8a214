"""Where each event, era and tag lives among the generated pages, and the links to them.

The timeline is split into pages so that none holds more than
:data:`MAX_TIMELINE_ENTRIES` (an event and each source it cites counting one
each): one page per year, a year that holds more split by month, a month
that still holds more into numbered parts. An event's page depends only on
its own date and on what its year holds, so its permalink
(``timeline/<year>.md#<event id>``) does not move when events of other years
are added. Every renderer that links to an event asks this module where it
is.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from typing import Mapping

from builder.curate import Event, Site
from builder.render import markdown as md

MAX_EVENTS_PER_PAGE = 100
"""The most events any generated page lists; a page of the timeline, which shows each event in full, holds fewer (:data:`MAX_TIMELINE_ENTRIES`)."""
MAX_TIMELINE_ENTRIES = 90
"""The most a page of the timeline holds, counting each event and each source it cites (:func:`entries`).

An event is its title, date, summary and facts, and each of its sources a
line with its quote, on the page and again in its JSON-LD: counting both
keeps every page of events under 150 KB of HTML however large the corpus
(measured in benchmarks/README.md, "Lighter timeline pages").
"""

TIMELINE = "timeline.md"
"""The timeline's index page: eras, years and, for a small timeline, every event's title."""
UNDATED = "undated"
"""Page key of the events whose year no source states."""
_COARSE = ("year", "decade", "century")


@dataclass(frozen=True)
class TimelinePage:
    """One generated page of the timeline."""

    key: str
    """``1942``, ``1942-06``, ``1942-year`` (dated only to the year), ``undated``; ``-p2`` for later parts."""
    title: str
    """Heading: ``1942``, ``June 1942``, ``Year not known``."""
    year: int | None
    events: tuple[Event, ...]

    @property
    def path(self) -> str:
        return f"timeline/{self.key}.md"


@dataclass(frozen=True)
class YearHub:
    """The page of a year too full for one page: it lists that year's pages."""

    year: int
    pages: tuple[TimelinePage, ...]

    @property
    def path(self) -> str:
        return f"timeline/{self.year}.md"


@dataclass(frozen=True)
class Layout:
    """Every timeline page, in time order, and the page of each event."""

    pages: tuple[TimelinePage, ...]
    hubs: tuple[YearHub, ...]
    page_of: dict[str, str]
    """Event id -> path of its page."""

    @cached_property
    def position(self) -> dict[str, int]:
        """Page path -> its place in :attr:`pages` (found by path: comparing pages, thousands of events each, was quadratic)."""
        return {page.path: i for i, page in enumerate(self.pages)}

    def year_path(self, year: int) -> str:
        return f"timeline/{year}.md"


_CACHE: list[tuple[tuple[Event, ...], Layout]] = []


def layout(site: Site) -> Layout:
    """The timeline's pages for ``site`` (computed once per set of events)."""
    for events, known in _CACHE:
        if events is site.events:
            return known
    result = _layout(site.events)
    _CACHE[:] = [*_CACHE[-3:], (site.events, result)]
    return result


def _layout(events: tuple[Event, ...]) -> Layout:
    pages: list[TimelinePage] = []
    hubs: list[YearHub] = []
    dated = [e for e in events if e.date.anchor is not None]
    for year, group in groupby(dated, key=lambda e: e.date.anchor.year):  # type: ignore[union-attr]  # only dated events (anchor not None) are grouped here
        in_year = list(group)
        if len(in_year) == 1 or sum(map(entries, in_year)) <= MAX_TIMELINE_ENTRIES:  # one event, however many sources, is a page
            pages.append(TimelinePage(str(year), str(year), year, tuple(in_year)))
            continue
        year_pages: list[TimelinePage] = []
        coarse = [e for e in in_year if e.date.precision in _COARSE]
        if coarse:
            year_pages += _parts(f"{year}-year", f"{year}, month not stated", year, coarse)
        finer = [e for e in in_year if e.date.precision not in _COARSE]
        for month, group_ in groupby(finer, key=lambda e: e.date.anchor.month):  # type: ignore[union-attr]  # only dated events (anchor not None) are grouped here
            year_pages += _parts(f"{year}-{month:02d}", f"{calendar.month_name[month]} {year}", year, list(group_))
        pages += year_pages
        hubs.append(YearHub(year, tuple(year_pages)))
    undated = [e for e in events if e.date.anchor is None]
    if undated:
        pages += _parts(UNDATED, "Year not known", None, undated)
    page_of = {e.id: page.path for page in pages for e in page.events}
    return Layout(tuple(pages), tuple(hubs), page_of)


def entries(event: Event) -> int:
    """What an event weighs on its page of the timeline: itself and each source it cites."""
    return 1 + len(event.citations)


def _parts(key: str, title: str, year: int | None, events: list[Event]) -> list[TimelinePage]:
    """``events`` on one page, or on numbered parts, in order, when they hold more than :data:`MAX_TIMELINE_ENTRIES` (an event that alone holds more has a part of its own)."""
    chunks: list[list[Event]] = [[]]
    held = 0
    for event in events:
        if chunks[-1] and held + entries(event) > MAX_TIMELINE_ENTRIES:
            chunks.append([])
            held = 0
        chunks[-1].append(event)
        held += entries(event)
    if len(chunks) == 1:
        return [TimelinePage(key, title, year, tuple(events))]
    return [
        TimelinePage(key if n == 1 else f"{key}-p{n}", f"{title} (part {n} of {len(chunks)})", year, tuple(chunk))
        for n, chunk in enumerate(chunks, start=1)
    ]


class Lookups:
    """What a renderer of pages that declare what they show reads of the site: its look-up tables, and the page each event and figure is on.

    Nothing else of the site is reachable through it, so such a renderer
    reads records by kind and id, as its pages declare them
    (:class:`builder.incremental.Page`).
    """

    NAMES = ("sources_by_id", "events_by_id", "figures_by_id", "terms_by_id", "eras_by_id", "tags", "event_pages", "figure_pages", "places")

    def __init__(self, site: Site, figure_pages: Mapping[str, str] | None = None) -> None:
        """``figure_pages``: each figure's page (:func:`builder.render.figures.page_of`), for renderers that link to figures; empty without."""
        self.sources_by_id = site.sources_by_id
        self.events_by_id = site.events_by_id
        self.figures_by_id = site.figures_by_id
        self.terms_by_id = site.terms_by_id
        self.eras_by_id = {era.id: era for era in site.eras}
        self.tags = site.tags
        self.event_pages = layout(site).page_of
        self.figure_pages = figure_pages if figure_pages is not None else {}
        self.places = {key: (p.id, p.lat, p.lon) for key, p in site.places.gazetteer.by_name.items()}
        """Each name of a place (:func:`builder.places.name_key`) -> the place's id, latitude and longitude."""


def event(site: Site, from_page: str, event_id: str) -> str:
    """Link target from ``from_page`` to the event: its page and its anchor."""
    return event_in(layout(site).page_of, from_page, event_id)


def event_in(pages: Mapping[str, str], from_page: str, event_id: str) -> str:
    """:func:`event`, given the page of each event (``Layout.page_of``): for a renderer that reads only that of the layout."""
    return md.rel(from_page, f"{pages[event_id]}#{event_id}")


def era(from_page: str, era_id: str) -> str:
    """Link target from ``from_page`` to an era on the timeline's index."""
    return md.rel(from_page, f"{TIMELINE}#era-{era_id}")


def timeline(from_page: str) -> str:
    """Link target from ``from_page`` to the timeline's index."""
    return md.rel(from_page, TIMELINE)


PAGER_WINDOW = 2
"""Pages either side of the current one that a pager links to."""


def pager(path: str, paths: list[str]) -> str:
    """``Pages: ← Previous · 1 · … · 4 · **5** · 6 · … · 50 · Next →`` on the page at ``path`` of a listing split over ``paths``.

    Previous and next, the first and last page and :data:`PAGER_WINDOW`
    pages either side: the same size however many pages there are.
    """
    current = paths.index(path) + 1
    shown = sorted({1, len(paths), *range(max(1, current - PAGER_WINDOW), min(len(paths), current + PAGER_WINDOW) + 1)})
    cells: list[str] = []
    if current > 1:
        cells.append(md.link("← Previous", md.rel(path, paths[current - 2])))
    for before, n in zip([0, *shown], shown):
        if n - before > 1:
            cells.append("…")
        cells.append(f"**{n}**" if n == current else md.link(str(n), md.rel(path, paths[n - 1])))
    if current < len(paths):
        cells.append(md.link("Next →", md.rel(path, paths[current])))
    return "Pages: " + " · ".join(cells)


def tag_pages(site: Site | Lookups, tag: str) -> list[str]:
    """Paths of a tag's listing pages: ``tags/<tag>.md``, then ``tags/<tag>/2.md``..."""
    count = len(site.tags.get(tag, ()))
    parts = max(1, -(-count // MAX_EVENTS_PER_PAGE))
    return [f"tags/{tag}.md"] + [f"tags/{tag}/{n}.md" for n in range(2, parts + 1)]


def tag(from_page: str, name: str) -> str:
    """Link target from ``from_page`` to the first listing page of a tag."""
    return md.rel(from_page, f"tags/{name}.md")


def source_note(from_page: str, source_id: str) -> str:
    """Link target from ``from_page`` to a source's sourcing note."""
    return md.rel(from_page, f"sources/{source_id}.md")
