"""With 10,000 events no generated page lists more than a few hundred, and every link finds its event."""

from __future__ import annotations

import datetime as dt
import posixpath
import random
import re
from dataclasses import replace

import pytest

from builder import dates
from builder.check import Source
from builder.curate import Event, EventCitation, Site, era_of
from builder.model import Era, SiteInfo, SourceMeta
from builder.render import links, render_site

EVENTS = 10_000


def _corpus(n: int, seed: int = 7) -> Site:
    """``n`` events: most spread over 1900–2025, a crowded year, a crowded month, and some undated."""
    r = random.Random(seed)
    eras = (
        Era(id="early", title="Early", start="1900", end="1945"),
        Era(id="late", title="Late", start="1946", end=None),
    )
    source = Source("wire", SourceMeta(title="Wire", language="en", kind="news"), "text", None)  # type: ignore[arg-type]
    events = []
    for i in range(n):
        roll = r.random()
        if roll < 0.30:
            day = dt.date(2023, 1, 1) + dt.timedelta(days=r.randrange(365))  # a year of more than one page
        elif roll < 0.36:
            day = dt.date(2024, 2, r.randrange(1, 30))  # a month of more than one page
        else:
            day = dt.date(1900, 1, 1) + dt.timedelta(days=r.randrange(46000))
        text = r.choice([day.isoformat(), day.isoformat()[:7], str(day.year), day.isoformat()[:7] + "~"])
        if i % 10 == 0:
            text = f"{r.choice((1942, 2023, 2024))}-{r.randrange(21, 25)}"  # seasons, from a few years: the EDTF parser is slow
        if roll > 0.995:
            text = f"XXXX-{day.month:02d}-{day.day:02d}"
        when = dates.parse(text)
        citation = EventCitation(source=source, quote="text", date=when, reported=None, describes=True, followed=True)
        tags = ("all",) + (("rare",) if i % 50 == 0 else ())
        events.append(Event(f"event-{i}", when, None, f"Event {i}", "Summary.", tags, (), (), (citation,), era_of(when, eras)))
    events.sort(key=lambda e: (*e.date.sort_key(), e.id))
    tags: dict[str, list[str]] = {}
    for event in events:
        for tag in event.tags:
            tags.setdefault(tag, []).append(event.id)
    return Site(
        info=SiteInfo(title="Scale", summary="A generated corpus."),
        eras=eras,
        events=tuple(events),
        measures=(),
        glossary=(),
        sources=(),
        tags={t: tuple(ids) for t, ids in sorted(tags.items())},
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    from builder.render import tags, timeline

    site = _corpus(EVENTS)
    rendered: dict[str, str] = {}
    for renderer in (timeline.render, tags.render):
        rendered.update(renderer(site))
    return rendered


def _event_anchors(text: str) -> list[str]:
    return re.findall(r"\{#(event-\d+)\}", text)


def _event_links(text: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]*#event-\d+)\)", text)


def test_every_event_is_on_exactly_one_page(pages: dict[str, str]) -> None:
    placed = [anchor for text in pages.values() for anchor in _event_anchors(text)]
    assert len(placed) == len(set(placed)) == EVENTS


def test_no_page_lists_more_than_the_bound(pages: dict[str, str]) -> None:
    markdown = {p: t for p, t in pages.items() if p.endswith(".md")}
    counts = {path: len(_event_anchors(text)) + len(_event_links(text)) for path, text in markdown.items()}
    assert max(counts.values()) <= links.MAX_EVENTS_PER_PAGE
    assert len([p for p in markdown if p.startswith("timeline/")]) > 126  # a page per year, and more for the crowded ones
    assert any(re.fullmatch(r"timeline/2023-\d\d\.md", p) for p in markdown)  # the crowded year is split by month
    assert "timeline/2024-02-p2.md" in markdown  # and the crowded month into parts
    assert "tags/all/2.md" in markdown and "tags/all.md" in markdown


def test_every_event_link_lands_on_the_page_holding_the_event(pages: dict[str, str]) -> None:
    holder = {anchor: path for path, text in pages.items() for anchor in _event_anchors(text)}
    seen = 0
    for path, text in pages.items():
        for target in _event_links(text):
            page, _, anchor = target.partition("#")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) == holder[anchor], (path, target)
            seen += 1
    assert seen == EVENTS + EVENTS // 50  # every event from a tag page, the rare ones from a second


def test_every_page_linked_from_the_timeline_exists(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        if not (path.startswith("timeline") or path.startswith("tags/")):
            continue
        for target in re.findall(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)", text):
            if "sources/" in target:
                continue  # the generated events cite a source that has no sourcing note here
            assert posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) in pages, (path, target)


def test_an_events_page_does_not_move_when_other_years_grow() -> None:
    site = _corpus(2_000)
    before = links.layout(site).page_of
    later = [replace(e, id=f"more-{i}", date=dates.parse("1950-05-05"), era="late") for i, e in enumerate(site.events[:300])]
    grown = replace(site, events=tuple(sorted((*site.events, *later), key=lambda e: (*e.date.sort_key(), e.id))))
    after = links.layout(grown).page_of
    moved = {e for e, page in before.items() if after[e] != page}
    assert moved == {e for e, page in before.items() if page.startswith("timeline/1950")}


def test_rendering_the_full_site_keeps_the_bound() -> None:
    site = _corpus(1_000)
    rendered = dict(render_site(site))
    assert max(len(_event_anchors(t)) for t in rendered.values()) <= links.MAX_EVENTS_PER_PAGE
