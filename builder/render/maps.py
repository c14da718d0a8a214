"""Maps drawn at build time: static, accessible SVG of the places events name, on Natural Earth's borders.

No tile server and no script: the borders come from the Natural Earth
countries that ``builder/mapdata/`` vendors (5.1.1, simplified; public domain;
see its README), projected here in Python, clipped to
what the map shows and rounded to the pixel, so a map costs a few kilobytes
and the same records give the same bytes. Places are circles sized by their
events; places too close to tell apart at the map's scale merge into one
mark, and only the labels that fit are drawn, so no map grows with the
corpus: at most :data:`MAX_MARKS` marks and :data:`MAX_LABELS` labels.

Every mark is a link with a text (its ``<title>``), the map has a title and
a description, and the page shows a table of the same places beside it
(:class:`builder.charts.Chart`). Every text from the records is escaped by
:func:`builder.render.markdown.attr`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import orjson

from builder.render import markdown as md

WORLD = Path(__file__).resolve().parent.parent / "mapdata" / "borders.json"
"""Natural Earth 5.1.1 admin-0 countries, simplified (see ``builder/mapdata/README.md``)."""
BORDERS = (
    "Borders are today's internationally recognised borders (Natural Earth 5.1.1 as Germany recognises them: "
    "Crimea and the occupied areas within Ukraine), not those of the time of the events, nor front lines."
)
"""What the maps' borders are, said in every map's caption."""

WIDTH = 480
"""Width of a map in SVG units (CSS pixels at full size)."""
HEIGHT = 340
LOCATOR_WIDTH, LOCATOR_HEIGHT = 72, 51
"""A locator beside an event's places: small enough to cost a few dozen bytes once compressed."""
MAX_MARKS = 40
"""Most marks one map draws: beyond them, the smallest merge into their nearest."""
MAX_LABELS = 12
"""Most place names one map writes; the table under it names every place."""
MIN_SPAN = 16.0
LABEL_SIZE = 13
"""Size of the place names: about 9 px on a 360 px screen, where the map is drawn at two thirds of its size."""
"""Fewest degrees of longitude a map shows, so that one place still sits among its neighbours."""

# The page's colours (overrides/partials/styles/theme.css sets the variables for each scheme and for paper).
_LAND = "var(--map-land,#ecebe6)"
_BORDER = "var(--map-border,#8f969c)"
_MARK = "var(--chart-accent,#b3261e)"
_HALO = "var(--md-default-bg-color,#fff)"
_MUTED = "var(--chart-muted,#5b6770)"


@dataclass(frozen=True)
class Frame:
    """The part of the world a map shows, in degrees, and its projection onto ``width`` x ``height`` units.

    An equirectangular projection with longitudes shrunk by the cosine of the
    middle latitude: over the few hundred kilometres of these maps it keeps
    shapes close to true, and it is a few lines of arithmetic.
    """

    west: float
    south: float
    east: float
    north: float
    width: float = WIDTH
    height: float = HEIGHT

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]], width: float = WIDTH, height: float = HEIGHT, min_span: float = MIN_SPAN) -> Frame:
        """The frame of ``width`` x ``height`` that shows every ``(lon, lat)`` with a margin, at least ``min_span`` degrees of longitude wide."""
        lons, lats = zip(*points)
        mid_lat = (min(lats) + max(lats)) / 2
        squeeze = math.cos(math.radians(mid_lat))
        span_lon = max(max(lons) - min(lons), min_span / 1.3) * 1.3
        span_lat = (max(lats) - min(lats)) * 1.3
        # Widen whichever span is short of the map's proportions.
        if span_lat * width > span_lon * squeeze * height:
            span_lon = span_lat * width / (squeeze * height)
        else:
            span_lat = span_lon * squeeze * height / width
        mid_lon = (min(lons) + max(lons)) / 2
        return cls(mid_lon - span_lon / 2, mid_lat - span_lat / 2, mid_lon + span_lon / 2, mid_lat + span_lat / 2, width, height)

    def sized(self, width: float, height: float) -> Frame:
        """The same part of the world on another size (a locator of the overview's frame)."""
        return Frame(self.west, self.south, self.east, self.north, width, height)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) / (self.east - self.west) * self.width, (self.north - lat) / (self.north - self.south) * self.height)


@dataclass(frozen=True)
class Place:
    """A place to mark: where, what it is called, where its link goes and how many events name it."""

    lon: float
    lat: float
    name: str
    href: str
    events: int


@dataclass(frozen=True)
class Mark:
    """One drawn circle: a place, or places merged because they are too close to tell apart."""

    x: float
    y: float
    places: tuple[Place, ...]
    """Largest first; the mark links to the first."""

    @property
    def events(self) -> int:
        return sum(p.events for p in self.places)

    @property
    def radius(self) -> float:
        return min(3.5 + 2.2 * math.sqrt(self.events), 15.0)

    @property
    def text(self) -> str:
        """The mark's text: its places and their events."""
        first = self.places[0]
        if len(self.places) == 1:
            return f"{first.name}: {md.counted(first.events, 'event')}"
        others = len(self.places) - 1
        return f"{first.name} and {md.counted(others, 'place')} nearby: {md.counted(self.events, 'event')}"


# --- the borders ------------------------------------------------------------------------


Ring = tuple[tuple[float, float], ...]


@functools.cache
def countries() -> tuple[tuple[str, str, tuple[Ring, ...]], ...]:
    """``(ISO 3166-1 numeric code, name, rings in (lon, lat))`` of every country in :data:`WORLD`.

    Read once per process: the file is a constant of the package, not an input of the build.
    """
    document = orjson.loads(WORLD.read_bytes())
    quantum = document["quantum"]
    return tuple((c["id"], c["name"], tuple(_ring(steps, quantum) for steps in c["rings"])) for c in document["countries"])


def _ring(steps: list[int], quantum: float) -> Ring:
    """A ring written as its first point and then steps on a grid of ``quantum`` degrees (``builder/mapdata/make_borders.py``)."""
    x = y = 0
    points = []
    for i in range(0, len(steps), 2):
        x, y = x + steps[i], y + steps[i + 1]
        points.append((x * quantum, y * quantum))
    return tuple(points)


@functools.lru_cache(maxsize=16)
def land(frame: Frame, tolerance: float = 0.7) -> str:
    """Path data of every country within ``frame``: projected, clipped to it, points closer than ``tolerance`` units dropped.

    Kept for a few frames: every locator of a site draws the same one.
    """
    margin = 4.0
    box = (-margin, -margin, frame.width + margin, frame.height + margin)
    pad_lon = (frame.east - frame.west) * 0.05
    pad_lat = (frame.north - frame.south) * 0.05
    parts = []
    west_edge, north_edge, span_lon, span_lat = frame.west, frame.north, frame.east - frame.west, frame.north - frame.south
    for ring, (west, south, east, north) in _bounded_rings():
        if east < frame.west - pad_lon or west > frame.east + pad_lon or north < frame.south - pad_lat or south > frame.north + pad_lat:
            continue
        projected = _clip([((lon - west_edge) / span_lon * frame.width, (north_edge - lat) / span_lat * frame.height) for lon, lat in ring], box)  # Frame.xy, inline
        points = _thin(projected, tolerance)
        if len(points) >= 3:
            parts.append(_path_data(points))
    return "".join(parts)


@functools.cache
def _bounded_rings() -> tuple[tuple[Ring, tuple[float, float, float, float]], ...]:
    """Every ring of :func:`countries`, in their order, with its bounds (west, south, east, north): most lie outside a map's frame and are passed over by them."""
    found = []
    for _code, _name, rings in countries():
        for ring in rings:
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            found.append((ring, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(found)


def _clip(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The polygon ``points`` clipped to the rectangle ``box`` (Sutherland–Hodgman; a concave polygon may keep edges along the box, which its fill hides)."""
    left, top, right, bottom = box
    for axis, bound, low in ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False)):
        # Which points are inside this edge, found in one pass: a country's outline has thousands.
        inside = [p[axis] >= bound for p in points] if low else [p[axis] <= bound for p in points]
        if all(inside):
            continue  # nothing to cut at this edge
        if not any(inside):
            return []
        cross = _cross_x if axis == 0 else _cross_y
        out = []
        previous, was_inside = points[-1], inside[-1]
        for point, now_inside in zip(points, inside):
            if now_inside:
                if not was_inside:
                    out.append(cross(previous, point, bound))
                out.append(point)
            elif was_inside:
                out.append(cross(previous, point, bound))
            previous, was_inside = point, now_inside
        points = out
    return points


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _thin(points: list[tuple[float, float]], tolerance: float) -> list[tuple[int, int]]:
    """Points rounded to whole units, each at least ``tolerance`` from the last one kept."""
    kept: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if kept and abs(point[0] - kept[-1][0]) + abs(point[1] - kept[-1][1]) < max(tolerance, 1):
            continue
        kept.append(point)
    return kept


def _path_data(points: list[tuple[int, int]]) -> str:
    """``M x y`` then relative steps, closed: whole units, so each step is a few characters."""
    x0, y0 = points[0]
    out = [f"M{x0} {y0}"]
    for (ax, ay), (bx, by) in pairwise(points):
        dx, dy = bx - ax, by - ay
        out.append(f"l{dx}{'' if dy < 0 else ' '}{dy}")
    return "".join(out) + "z"


# --- marks and labels ----------------------------------------------------------------------


def marks(frame: Frame, places: Sequence[Place], most: int = MAX_MARKS) -> list[Mark]:
    """The places as marks: those closer than their circles' size merge, and at most ``most`` marks remain.

    Largest first, so a busy place keeps its own mark and its neighbours join it.
    """
    ordered = sorted(places, key=lambda p: (-p.events, p.name, p.href))
    found: list[Mark] = []
    for place in ordered:
        x, y = frame.xy(place.lon, place.lat)
        near = _nearest(found, x, y)
        alone = Mark(x, y, (place,))
        if near is not None and math.dist((found[near].x, found[near].y), (x, y)) < (found[near].radius + alone.radius) * 0.9:
            found[near] = Mark(found[near].x, found[near].y, (*found[near].places, place))
        else:
            found.append(alone)
    while len(found) > most:
        smallest = found.pop()  # the list stays largest first: merging only adds to earlier marks
        near = _nearest(found, smallest.x, smallest.y)
        assert near is not None
        found[near] = Mark(found[near].x, found[near].y, (*found[near].places, *smallest.places))
    return found


def _nearest(found: Sequence[Mark], x: float, y: float) -> int | None:
    best, index = math.inf, None
    for i, mark in enumerate(found):
        distance = (mark.x - x) ** 2 + (mark.y - y) ** 2
        if distance < best:
            best, index = distance, i
    return index


def _labels(frame: Frame, found: Sequence[Mark], size: float) -> list[str]:
    """Names of the largest marks, beside them, where they overlap neither another label nor another mark and stay on the map."""
    circles = [(m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius) for m in found]
    written: list[tuple[float, float, float, float]] = []
    out: list[str] = []
    for i, mark in enumerate(found):
        if len(out) == MAX_LABELS:
            break
        name = mark.places[0].name + (f" +{len(mark.places) - 1}" if len(mark.places) > 1 else "")
        width = len(name) * size * 0.56
        for end, left in ((False, mark.x + mark.radius + 3), (True, mark.x - mark.radius - 3 - width)):
            box = (left, mark.y - size * 0.75, left + width, mark.y + size * 0.35)
            if box[0] < 2 or box[2] > frame.width - 2 or box[1] < 2 or box[3] > frame.height - 2:
                continue
            if any(_overlap(box, c) for j, c in enumerate(circles) if j != i) or any(_overlap(box, w) for w in written):
                continue
            written.append(box)
            anchor = ' text-anchor="end"' if end else ""
            out.append(f'<text x="{_n(box[2] if end else box[0])}" y="{_n(mark.y + size * 0.35)}"{anchor}>{md.attr(name)}</text>')
            break
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _n(value: float) -> str:
    """A coordinate with at most one decimal, never ``-0``."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


# --- the maps -----------------------------------------------------------------------------


def draw(
    map_id: str,
    title: str,
    description: str,
    frame: Frame,
    places: Sequence[Place],
    current: str | None = None,
    *,
    most: int = MAX_MARKS,
    lends_land: bool = False,
    land_of: str | None = None,
) -> str:
    """A map of ``places`` in ``frame``: land and borders, a linked circle per mark (at most ``most``), the names that fit.

    ``current``: the link of the page's own place, whose mark stands out (the others are muted).
    The borders are most of a map's bytes, so maps of one frame on one page
    write them once: the first with ``lends_land`` gives its land an id
    (:func:`land_id`), the others name that map in ``land_of`` and show its
    land by reference.
    """
    found = marks(frame, places, most)
    circles = "".join(
        f'<a href="{md.attr(m.places[0].href)}"><title>{md.attr(m.text)}</title><circle cx="{_n(m.x)}" cy="{_n(m.y)}" r="{_n(m.radius)}"'
        + (f' style="fill:{_MUTED}"' if current is not None and all(p.href != current for p in m.places) else "")
        + "/></a>"
        for m in found
    )
    if land_of is not None:
        shown = f'<use href="#{land_id(land_of)}"/>'
    else:
        named = f' id="{land_id(map_id)}"' if lends_land else ""
        shown = f'<path{named} d="{land(frame)}" style="fill:{_LAND};stroke:{_BORDER};stroke-width:0.7;stroke-linejoin:round"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" class="map__svg" role="group" '
        f'aria-labelledby="{map_id}-title {map_id}-desc">'
        f'<title id="{map_id}-title">{md.attr(title)}</title><desc id="{map_id}-desc">{md.attr(description)}</desc>'
        f"{shown}"
        f'<g style="fill:{_MARK};fill-opacity:0.85;stroke:{_HALO};stroke-width:1.2">{circles}</g>'
        f'<g class="map__labels" font-size="{LABEL_SIZE}" fill="currentColor" aria-hidden="true">{"".join(_labels(frame, found, LABEL_SIZE))}</g>'
        "</svg>"
    )


def land_id(map_id: str) -> str:
    """The id of the land a map lends to the other maps of its page."""
    return f"{map_id}-land"


LOCATOR_LAND = "locator-land"
"""The id of the locators' outline, written once on a page (:func:`locator_land`) and shown by every locator on it."""


def locator_land(outline: str) -> str:
    """The locators' outline (:func:`land` of their frame), written once on a page for every :func:`locator` on it to show.

    A block of HTML of its own, not displayed: each locator shows a copy of
    it, so a page of a hundred events carries the borders once rather than a
    hundred times.
    """
    return (
        f'<div class="map__defs" hidden><svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true">'
        f'<defs><path id="{LOCATOR_LAND}" d="{outline}" style="fill:{_LAND};stroke:{_BORDER};stroke-width:0.6"/></defs>'
        "</svg></div>\n"
    )


def locator(label: str, frame: Frame, points: Sequence[tuple[float, float]]) -> str:
    """A small map of ``frame`` with a dot at each ``(lon, lat)``, on the outline its page writes once (:func:`locator_land`)."""
    dots = "".join(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3"/>' for x, y in (frame.xy(lon, lat) for lon, lat in points))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" class="map__locator" role="img" aria-label="{md.attr(label)}">'
        f'<use href="#{LOCATOR_LAND}"/>'
        f'<g style="fill:{_MARK};stroke:{_HALO};stroke-width:1">{dots}</g>'
        "</svg>"
    )
