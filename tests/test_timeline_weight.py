"""The timeline's pages stay light at any corpus size: the maps' borders written once a page, and no page holding more than its bound."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import random
import re
from pathlib import Path

import pytest

from benchmarks.corpus import write_project
from builder import dates
from builder.check import Source
from builder.curate import Event, EventCitation, Site, era_of
from builder.model import Era, SiteInfo, SourceMeta
from builder.pipeline import render_pages
from builder.render import links, maps
from builder.render.places import ERA_MAX_MARKS, OVERVIEW


@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The generated pages of a small synthetic corpus (events in up to 400 places, six eras)."""
    return render_pages(write_project(tmp_path_factory.mktemp("corpus") / "project", 120))


def _uses(text: str) -> list[str]:
    return re.findall(r'<use href="#([^"]+)"/>', text)


def test_a_pages_locators_share_one_outline(corpus_pages: dict[str, str]) -> None:
    pages = {p: t for p, t in corpus_pages.items() if p.startswith("timeline/") and 'class="map__locator"' in t}
    assert max(t.count('class="map__locator"') for t in pages.values()) >= 5
    for path, text in pages.items():
        # The outline once, every locator showing it: not the borders again beside every event.
        assert text.count(f'id="{maps.LOCATOR_LAND}"') == 1, path
        assert text.count("style=\"fill:var(--map-land") == 1, path
        assert _uses(text) == [maps.LOCATOR_LAND] * text.count('class="map__locator"'), path
        assert text.index(f'id="{maps.LOCATOR_LAND}"') < text.index('class="map__locator"'), path


def test_a_page_without_locators_writes_no_outline(corpus_pages: dict[str, str]) -> None:
    for path, text in corpus_pages.items():
        if 'class="map__locator"' not in text:
            assert maps.LOCATOR_LAND not in text, path


def test_the_era_maps_show_the_overviews_land(corpus_pages: dict[str, str]) -> None:
    index = corpus_pages["timeline.md"]
    era_maps = index.count('<figure class="chart map" id="map-era-')
    assert era_maps >= 2
    assert index.count("style=\"fill:var(--map-land") == 1  # the overview's land, written once
    assert _uses(index) == [maps.land_id(OVERVIEW)] * era_maps
    assert f'<path id="{maps.land_id(OVERVIEW)}" d="M' in index


def test_the_index_of_places_keeps_its_own_land(corpus_pages: dict[str, str]) -> None:
    """Maps alone on their page draw their land as before, without an id to lend it."""
    for path in ("places.md", *(p for p in corpus_pages if p.startswith("places/"))):
        text = corpus_pages[path]
        assert "<use href=" not in text and 'id="map-places-land"' not in text, path


def test_bundled_timeline_has_every_map_drawn(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    pages = render_pages(ROOT)
    for path, text in pages.items():
        ids = set(re.findall(r'\bid="([^"]+)"', text))
        assert set(_uses(text)) <= ids, path


# --- how much a page of the timeline holds -------------------------------------------------------


def _busy_site(n: int, seed: int = 3) -> Site:
    """``n`` events, half of them in 1950, each cited by one to six sources."""
    r = random.Random(seed)
    eras = (Era(id="early", title="Early", start="1900", end="1945"), Era(id="late", title="Late", start="1946", end=None))
    sources = [Source(f"wire-{i}", SourceMeta(title=f"Wire {i}", language="en", kind="news"), "text", None) for i in range(6)]  # type: ignore[arg-type]
    events = []
    for i in range(n):
        day = dt.date(1950, 1, 1) + dt.timedelta(days=r.randrange(365)) if i % 2 else dt.date(1900, 1, 1) + dt.timedelta(days=r.randrange(46000))
        when = dates.parse(day.isoformat())
        cited = r.sample(sources, r.randint(1, 6))
        citations = tuple(EventCitation(source=s, quote="text", date=when, reported=None, describes=k == 0, followed=k == 0) for k, s in enumerate(cited))
        events.append(Event(f"event-{i}", when, None, f"Event {i}", "Summary.", (), (), (), citations, era_of(when, eras)))
    events.sort(key=lambda e: (*e.date.sort_key(), e.id))
    return Site(info=SiteInfo(title="Busy", summary="A generated corpus."), eras=eras, events=tuple(events), measures=(), glossary=(), sources=())


def test_a_page_of_the_timeline_holds_at_most_its_bound() -> None:
    """Each event and each source it cites count: a page of events with many sources holds fewer events."""
    layout = links.layout(_busy_site(1_200))
    placed = [e.id for page in layout.pages for e in page.events]
    assert sorted(placed) == sorted(f"event-{i}" for i in range(1_200))
    for page in layout.pages:
        assert sum(map(links.entries, page.events)) <= links.MAX_TIMELINE_ENTRIES, page.path
    assert max(len(page.events) for page in layout.pages) < links.MAX_EVENTS_PER_PAGE
    assert [hub.year for hub in layout.hubs] == [1950]  # the busy year, by month
    assert any(page.key.startswith("1950-") and page.key.endswith("-p2") for page in layout.pages)  # and its months in parts


def test_an_event_heavier_than_a_page_has_a_part_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "MAX_TIMELINE_ENTRIES", 3)
    layout = links.layout(_busy_site(60, seed=5))
    for page in layout.pages:
        assert len(page.events) == 1 or sum(map(links.entries, page.events)) <= 3, page.path
    assert any(links.entries(page.events[0]) > 3 for page in layout.pages)
    assert all(len(hub.pages) > 1 for hub in layout.hubs)  # a year of one event is that year's page


def test_the_index_lists_titles_only_for_a_short_timeline() -> None:
    from builder.render import timeline

    short, long = _busy_site(timeline.MAX_INDEX_TITLES), _busy_site(timeline.MAX_INDEX_TITLES + 10)
    assert timeline.render_index(short).count("#event-") == timeline.MAX_INDEX_TITLES
    index = timeline.render_index(long)
    assert "#event-" not in index and "**Years:** [" in index


def test_the_era_maps_are_bounded(corpus_pages: dict[str, str]) -> None:
    index = corpus_pages["timeline.md"]
    for figure in re.findall(r'<figure class="chart map" id="map-era-.*?</figure>', index, re.DOTALL):
        assert figure.count("<circle") <= ERA_MAX_MARKS and figure.count("<tr><td>") <= ERA_MAX_MARKS
    assert max(f.count("<circle") for f in re.findall(r'<figure class="chart map" id="map-era-.*?</figure>', index, re.DOTALL)) == ERA_MAX_MARKS
    overview = re.search(r'<figure class="chart map" id="map-places">.*?</figure>', index, re.DOTALL)
    assert overview is not None and overview.group(0).count("<circle") > ERA_MAX_MARKS  # the overview keeps its own bound


def test_events_split_over_more_pages_are_found_from_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a page's bound lowered until years split by month and months into parts, every link to an event and every permalink lands on its page."""
    monkeypatch.setattr(links, "MAX_TIMELINE_ENTRIES", 2)
    pages = render_pages(write_project(tmp_path / "project", 60))
    assert any(re.fullmatch(r"timeline/\d{4}-\d\d\.md", p) for p in pages) and any(re.fullmatch(r"timeline/\d{4}-\d\d-p2\.md", p) for p in pages)
    events = json.loads(pages["data/timeline.json"])
    ids = {e["id"] for e in events}
    holder: dict[str, str] = {}
    for path, text in pages.items():
        if path.startswith("timeline/"):
            for anchor in re.findall(r"\{#([a-z0-9-]+)\}", text):
                if anchor in ids:
                    assert anchor not in holder, anchor
                    holder[anchor] = path
    assert set(holder) == ids
    seen = 0
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for target, anchor in re.findall(r"\]\(([^)\s#]*\.md)#([a-z0-9-]+)\)", text):
            if anchor in ids:
                assert posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) == holder[anchor], (path, target, anchor)
                seen += 1
    assert seen > 2 * len(ids)  # from the sourcing notes, the places, the tags, the index
    for event in events:
        assert event["permalink"] == holder[event["id"]].removesuffix(".md") + f".html#{event['id']}"


def test_a_full_years_page_lists_its_pages_and_when_each_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.render import timeline

    monkeypatch.setattr(links, "MAX_TIMELINE_ENTRIES", 3)
    site = _busy_site(60, seed=5)
    hub = next(hub for hub in links.layout(site).hubs if hub.year == 1950)
    lines = [line for line in timeline.render_hub(site, hub).splitlines() if line.startswith("- [")]
    assert len(lines) == len(hub.pages) > 2
    for line, page in zip(lines, hub.pages):
        first, last = page.events[0].date.human(), page.events[-1].date.human()
        assert line.endswith(f", {first}" if first == last else f", {first} to {last}"), line
    assert any(" to " not in line for line in lines)  # a page of one day's events says the day once
