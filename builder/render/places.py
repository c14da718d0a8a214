"""Places: the index of places with the overview map, a page per place with its events, and the maps on the timeline.

A place's page lists every event that names it, in timeline order, split
into pages of at most :data:`builder.render.links.MAX_EVENTS_PER_PAGE` like
a tag's. Every mention of a place on the timeline links to its page, with a
small locator map. The maps are drawn by :mod:`builder.render.maps`; this
module chooses what they show and writes the text and tables beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from builder.charts import Chart, page_url
from builder.curate import Event, Site
from builder.incremental import Page, one_of
from builder.model import Era, Place
from builder.places import PlaceEntry, Places
from builder.render import links, maps
from builder.render import markdown as md

INDEX = "places.md"
"""The index of places, with the overview map."""
OVERVIEW = "map-places"
"""The id of the overview map: on the timeline's index, the era maps show its land."""
KIND_WORDS = {"city": "City", "region": "Region", "front": "Front", "country": "Country"}
PLACE_SPAN = 7.0
"""Degrees of longitude a place's own map shows: the place among its neighbours."""
ERA_MAX_MARKS = 20
"""Most marks an era's map on the timeline's index draws, and places its table lists.

The overview above them draws :data:`builder.render.maps.MAX_MARKS` and
lists :data:`MAX_ROWS`; six eras' maps of that size were 63 KB of the index.
"""
MAX_ROWS = 40
"""Places a map's table lists on the timeline; the index of places lists them all."""


def place_pages(entry: PlaceEntry) -> list[str]:
    """Paths of a place's listing pages: ``places/<id>.md``, then ``places/<id>/2.md``..."""
    parts = max(1, -(-len(entry.events) // links.MAX_EVENTS_PER_PAGE))
    return [f"places/{entry.place.id}.md"] + [f"places/{entry.place.id}/{n}.md" for n in range(2, parts + 1)]


def place_link(from_page: str, place_id: str) -> str:
    """Link target from ``from_page`` to a place's page."""
    return md.rel(from_page, f"places/{place_id}.md")


def site_pages(site: Site) -> list[Page]:
    """``places.md`` (made at every build) and each place's pages, which show the places events name (its map shows its neighbours, with their events counted) and its own events."""
    out = [Page(INDEX, None, lambda: render_index(site), (), None)]
    for entry in site.places.entries:
        shows = (("places", "named"), *(ref for i in entry.events for ref in (("event", i), ("event-page", i))))
        every = partial(render_place, site, entry)  # one call makes all of a place's pages
        size = links.MAX_EVENTS_PER_PAGE
        out.extend(Page(path, shows, partial(one_of, every, path), (), tuple(("event", i) for i in entry.events[n * size : (n + 1) * size])) for n, path in enumerate(place_pages(entry)))
    return out


def render(site: Site) -> dict[str, str]:
    """``places.md`` and each place's pages."""
    return {page.path: page.make() for page in site_pages(site)}


# --- maps -----------------------------------------------------------------------------------


def _extent(entries: Sequence[PlaceEntry]) -> list[tuple[float, float]]:
    return [(e.place.lon, e.place.lat) for e in entries]


def overview_frame(places: Places) -> maps.Frame | None:
    """The frame of every place that events name; ``None`` when none does."""
    points = _extent(places.entries)
    return maps.Frame.around(points) if points else None


def place_map(
    map_id: str,
    title: str,
    entries: Sequence[PlaceEntry],
    from_page: str,
    counts: dict[str, int] | None = None,
    frame: maps.Frame | None = None,
    current: str | None = None,
    *,
    most: int = maps.MAX_MARKS,
    listed: int = MAX_ROWS,
    lends_land: bool = False,
    land_of: str | None = None,
) -> Chart | None:
    """A map of ``entries``, each mark linking to the place's page, with the table that says the same; ``None`` without places.

    ``counts``: events per place id, when the map shows only some of a place's events (an era's).
    ``current``: the id of the page's own place, whose mark stands out.
    ``most``: the most marks drawn; ``listed``: the most places the table lists (the busiest).
    ``lends_land``, ``land_of``: as :func:`builder.render.maps.draw`, for maps of one frame on one page.
    """
    if not entries:
        return None
    counted = [(e, (counts or {}).get(e.place.id, len(e.events))) for e in entries]
    frame = frame or maps.Frame.around(_extent(entries))
    marks = [maps.Place(e.place.lon, e.place.lat, e.place.name, page_url(from_page, f"places/{e.place.id}.md"), n) for e, n in counted]
    ranked = sorted(counted, key=lambda pair: (-pair[1], md.plain(pair[0].place.name).casefold()))
    total = sum(n for _, n in counted)
    busiest = "; ".join(f"{e.place.name} ({md.counted(n, 'event')})" for e, n in ranked[:8])
    more = f"; and {md.counted(len(ranked) - 8, 'other place')}" if len(ranked) > 8 else ""
    description = f"A map of the {md.counted(len(entries), 'place')} that {md.counted(total, 'event')} name, each a circle sized by its events: {busiest}{more}."
    svg = maps.draw(map_id, title, description, frame, marks, page_url(from_page, f"places/{current}.md") if current else None, most=most, lends_land=lends_land, land_of=land_of)
    rows = tuple(
        ((e.place.name, page_url(from_page, f"places/{e.place.id}.md")), KIND_WORDS[e.place.kind], str(n)) for e, n in ranked[:listed]
    )
    caption = f"Each circle is a place the sources name, sized by its events; places too close to tell apart share one circle. {maps.BORDERS}"
    if current is not None:
        caption = "The circle of this page's place is in colour, the others grey. " + caption
    if len(ranked) > listed:
        caption += f" The table lists the {listed} places with most events; the index of places lists all {len(ranked)}."
    return Chart(map_id, title, description, svg, caption, ("Place", "Kind", "Events"), rows)


def _map_block(chart: Chart | None) -> str:
    return chart.html().replace('<figure class="chart"', '<figure class="chart map"', 1) if chart is not None else ""


def timeline_overview(site: Site, from_page: str) -> str:
    """The overview map for the timeline's index; nothing when no event names a place."""
    chart = place_map(OVERVIEW, "Where the events happened", site.places.entries, from_page, frame=overview_frame(site.places), lends_land=True)
    if chart is None:
        return ""
    return _map_block(chart) + f"Every place, with its events: {md.link('Places', md.rel(from_page, INDEX))}.\n"


def era_map(site: Site, era: Era, from_page: str) -> str:
    """The map of the places an era's events name, for its section of the timeline's index.

    Nothing when the era's places are all the site's (the overview shows them) or when it has none.
    """
    counts: dict[str, int] = {}
    for entry in site.places.entries:
        mine = sum(1 for event_id in entry.events if site.events_by_id[event_id].era == era.id)
        if mine:
            counts[entry.place.id] = mine
    if not counts:
        return "No event of this era names a place.\n" if site.places.entries else ""
    entries = [e for e in site.places.entries if e.place.id in counts]
    if len(entries) == len(site.places.entries) and all(counts[e.place.id] == len(e.events) for e in entries):
        return ""
    # The overview's frame: eras compare at a glance, and each era's map shows the overview's land, written once on the page.
    return _map_block(
        place_map(f"map-era-{era.id}", f"Where the events of {era.title} happened", entries, from_page, counts, frame=overview_frame(site.places), most=ERA_MAX_MARKS, listed=ERA_MAX_MARKS, land_of=OVERVIEW)
    )


def locator_frame(places: Places) -> maps.Frame | None:
    """The frame of every locator: the overview's, small (the same outline on every event, written once on its page)."""
    frame = overview_frame(places)
    return frame.sized(maps.LOCATOR_WIDTH, maps.LOCATOR_HEIGHT) if frame is not None else None


def locator_land(places: Places) -> str:
    """The locators' outline, for a page with locators to write once before them (:func:`builder.render.maps.locator_land`); nothing without places."""
    frame = locator_frame(places)
    return maps.locator_land(maps.land(frame, 1.2)) if frame is not None else ""


def place_line(places: Places, names: Sequence[str], page: str) -> str:
    """``*Where:*`` and the places, each linked to its page, then a locator of them all (on the outline of :func:`locator_land`, which its page writes)."""
    named = places.of(names)
    found = {p.id for p in named}
    line = "*Where:* " + linked_names(places, names, page)
    frame = locator_frame(places)
    if frame is not None and found:
        points = [(p.lon, p.lat) for p in named if p.id in places.by_id]
        label = "Locator map: " + ", ".join(md.plain(p.name) for p in named)
        line += " " + maps.locator(label, frame, points)
    return line


def linked_names(places: Places, names: Sequence[str], page: str) -> str:
    """Place names as the sources give them (a place's name where they give its id), each linked to its place's page."""
    out = []
    for name in names:
        place = places.gazetteer.find(name)
        if place is None or place.id not in places.by_id:
            out.append(md.text(name))
            continue
        shown = place.name if name == place.id else name  # an id is for the file, not for readers
        out.append(md.link(md.text(shown), place_link(page, place.id)))
    return ", ".join(out)


# --- pages ---------------------------------------------------------------------------------


def render_index(site: Site) -> str:
    """Every place events name, with the overview map and a table of names, kinds, events and gazetteer records."""
    entries = site.places.entries
    out = [md.front("Places", f"The {md.counted(len(entries), 'place')} the sources name, each with its events, from {site.info.title}."), "# Places\n"]
    out.append(f"Where the events on the {md.link('timeline', links.timeline(INDEX))} happened, as their sources name the places. Each place has a page with its events in date order.\n")
    if not entries:
        out.append("No event names a place yet.\n")
        return "\n".join(out)
    out.append(_map_block(place_map(OVERVIEW, "Where the events happened", entries, INDEX, frame=overview_frame(site.places))))
    out.append("## Every place\n")
    rows = []
    for entry in entries:
        place = entry.place
        rows.append([
            md.link(md.text(place.name), md.rel(INDEX, place_pages(entry)[0])),
            KIND_WORDS[place.kind],
            str(len(entry.events)),
            md.text(", ".join(n for n in (place.official, place.uk, place.ru, *place.aliases) if n and n != place.name)),
            md.text(_coordinates(place)),
        ])
    out.append(md.table(["Place", "Kind", "Events", "Other names", "Coordinates"], rows))
    out.append(f"\nCoordinates are those of the gazetteer record each place cites; see a place's page for how its point was found. {md.text(maps.BORDERS)} The same data: {md.link('places.json', md.rel(INDEX, 'data/places.json'))}, {md.link('places.csv', md.rel(INDEX, 'data/places.csv'))}, {md.link('places.geojson', md.rel(INDEX, 'data/places.geojson'))}.\n")
    return "\n".join(out)


def _coordinates(place: Place) -> str:
    north = f"{abs(place.lat):.4f}° {'N' if place.lat >= 0 else 'S'}"
    east = f"{abs(place.lon):.4f}° {'E' if place.lon >= 0 else 'W'}"
    return f"{north}, {east}"


def _gazetteer(place: Place) -> str:
    """The gazetteer record as text, linked where the gazetteer has a page per record."""
    kind, _, number = place.gazetteer.rpartition(" ")
    if kind == "GeoNames":
        return md.link(md.text(place.gazetteer), f"https://www.geonames.org/{number}")
    return md.text(f"{place.gazetteer} (Natural Earth's NE_ID)")


def render_place(site: Site, entry: PlaceEntry) -> dict[str, str]:
    """A place's pages: its names, where it is and on what authority, a map, and its events in timeline order."""
    place = entry.place
    paths = place_pages(entry)
    events = [site.events_by_id[i] for i in entry.events]
    size = links.MAX_EVENTS_PER_PAGE
    pages = {}
    for n, path in enumerate(paths):
        part = f" (part {n + 1} of {len(paths)})" if len(paths) > 1 else ""
        out = [md.front(f"{place.name}{part}", f"{md.counted(len(events), 'event')} the sources place in {place.name}."), f"# {md.text(place.name)}{part}\n"]
        out.append(f"{md.link('Places', md.rel(path, INDEX))} › {md.text(place.name)}\n{{: .tl-pager }}\n")
        if n == 0:
            out.append(_facts(place) + "\n")
            frame = maps.Frame.around([(place.lon, place.lat)], min_span=PLACE_SPAN)
            near = [e for e in site.places.entries if frame.west <= e.place.lon <= frame.east and frame.south <= e.place.lat <= frame.north]
            out.append(_map_block(place_map(f"map-{place.id}", f"{place.name} and the places near it", near, path, frame=frame, current=place.id)))
        out.append(f"## Events ({len(events)})\n")
        out.append(f"The events whose sources place them in {md.text(place.name)}, in the order of the {md.link('timeline', links.timeline(path))}.\n")
        if len(paths) > 1:
            out.append(links.pager(path, paths) + "\n")
        out.extend(_event_line(site, path, e) for e in events[n * size : (n + 1) * size])
        out.append("")
        pages[path] = "\n".join(out)
    return pages


def _facts(place: Place) -> str:
    lines = [f"**{KIND_WORDS[place.kind]}**"]
    if place.official and place.official != place.name:
        lines.append(f"Official name: {md.text(place.official)}")
    if place.uk:
        lines.append(f"In Ukrainian: {md.text(place.uk)}")
    if place.ru:
        lines.append(f"In Russian: {md.text(place.ru)}")
    if place.aliases:
        lines.append("Also written: " + ", ".join(md.text(a) for a in place.aliases))
    lines.append(f"Coordinates: {md.text(_coordinates(place))}, from {_gazetteer(place)}")
    if place.point:
        lines.append(f"The point: {md.text(place.point)}")
    return "  \n".join(lines) + "\n{: .pl-facts }"


def _event_line(site: Site, path: str, event: Event) -> str:
    return f"- {md.text(event.date.human())}: {md.link(md.text(event.title), links.event(site, path, event.id))}"


# --- data ------------------------------------------------------------------------------------


def place_records(site: Site) -> list[dict]:
    """One record per place that events name: its names, kind, coordinates and their gazetteer record, its events."""
    return [
        {
            "id": e.place.id,
            "name": e.place.name,
            "official": e.place.official,
            "aliases": list(e.place.aliases),
            "uk": e.place.uk,
            "ru": e.place.ru,
            "kind": e.place.kind,
            "lat": e.place.lat,
            "lon": e.place.lon,
            "gazetteer": e.place.gazetteer,
            "point": e.place.point,
            "events": list(e.events),
            "permalink": f"places/{e.place.id}.html",
        }
        for e in site.places.entries
    ]


def geojson(records: list[dict]) -> dict:
    """The place records as a GeoJSON FeatureCollection of points (RFC 7946: longitude first)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": r["id"], "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}, "properties": {k: v for k, v in r.items() if k not in ("lat", "lon")}}
            for r in records
        ],
    }
