"""The timeline's pages stay light at any corpus size: the maps' borders written once a page, and no page holding more than its bound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.corpus import write_project
from builder.pipeline import render_pages
from builder.render import maps
from builder.render.places import OVERVIEW


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
