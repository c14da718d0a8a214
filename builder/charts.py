"""Charts drawn at build time from the curated records: static, accessible SVG that follows the page's colours.

Each chart is written here as SVG text, element by element, so drawing one
costs about as much as formatting its data: text stays ``<text>`` in the
page's own font, colours are ``currentColor`` and CSS variables (so a chart
follows the light and dark schemes and prints in black), every coordinate
has at most one decimal, and nothing in it depends on the machine or the
date, so the same records give the same bytes. Every chart comes with a
title, a description and a table of the data it draws, for readers who do
not see it. Nothing in a chart refers to another host: its only links are
the relative addresses of the site's own pages.

Every text that comes from the records passes through
:func:`builder.render.markdown.attr` before it reaches the SVG or the HTML
around it: markup characters become numeric character references, valid in
XML and in HTML alike, so a label is only ever text.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from builder import dates
from builder.curate import Figure, MeasureGroup, Site, SourceProfile
from builder.render import markdown as md

WIDTH = 480
"""Width of every chart in SVG units (CSS pixels at full size)."""
MAX_LABELLED_VALUES = 24
"""Above this many values, a measure's chart is one strip of dots with only its ends labelled."""
MAX_PUBLISHER_ROWS = 12
"""Publishers shown by name on the sources chart; the rest share one row."""

# The page's colours (overrides/partials/styles/theme.css sets the variables for each scheme); the fallbacks serve a chart seen alone.
_ACCENT = "var(--chart-accent,#b3261e)"
_MUTED = "var(--chart-muted,#5b6770)"
_BAR = "var(--chart-bar,#455a64)"
_GRID = "var(--chart-grid,#d5d9dc)"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUALIFIER_WORDS = {"exact": "exactly ", "approximately": "about ", "nearly": "nearly ", "more-than": "more than ", "at-least": "at least ", "at-most": "at most ", "up-to": "up to "}
_POINTS_UP = ("more-than", "at-least")
_POINTS_DOWN = ("at-most", "up-to")

Cell = str | tuple[str, str]
"""A table cell: plain text, or ``(text, href)`` for a link."""


@dataclass(frozen=True)
class Chart:
    """A drawn chart with everything a reader who cannot see it needs."""

    id: str
    """Unique on its page; the prefix of the ids inside the SVG."""
    title: str
    description: str
    """The text alternative: what the chart shows, in sentences."""
    svg: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    """The data the chart draws, one row per mark."""

    def html(self) -> str:
        """The chart as a block of HTML for a Markdown page: the SVG, its caption and its data in a table.

        One block without blank lines, so Markdown passes it through untouched;
        every text is escaped here, and the SVG was escaped when it was drawn.
        """
        e = md.attr
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in self.rows)
        return (
            f'<figure class="chart" id="{e(self.id)}">\n'
            f"{self.svg}\n"
            f"<figcaption>{e(self.caption)}</figcaption>\n"
            f'<details class="chart-data"><summary>The data in this chart</summary>'
            f'<div class="chart-data__scroll"><table><caption>{e(self.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>\n'
            "</figure>\n"
        )


def embed(chart: Chart | None) -> str:
    """The chart's HTML block for a Markdown page, or nothing when there is no chart to draw."""
    return chart.html() if chart is not None else ""


def _cell(cell: Cell) -> str:
    if isinstance(cell, tuple):
        text, href = cell
        return f'<a href="{md.attr(href)}">{md.attr(text)}</a>'
    return md.attr(cell)


def page_url(from_page: str, to_page: str) -> str:
    """Link from one docs page to another as the built site addresses it (``a.md`` -> ``a.html``).

    MkDocs rewrites the links of Markdown, not those inside raw HTML such as
    a chart, so these are written as the built pages are named: the site is
    built with ``use_directory_urls: false`` (see mkdocs.yml), which gives
    every ``x.md`` the address ``x.html``.
    """
    path, _, anchor = to_page.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return md.rel(from_page, path + (f"#{anchor}" if anchor else ""))


# --- words ------------------------------------------------------------------------------


def number(value: float) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(figure: Figure) -> str:
    """A figure as plain words: 'more than 1,000 people', '900–1,200 people', '65%'."""
    core = number(figure.value) if figure.value is not None else f"{number(figure.low)}–{number(figure.high)}"  # type: ignore[arg-type]  # a figure without a value has low and high (its model requires one or the other)
    words = _QUALIFIER_WORDS.get(figure.qualifier, "") + core
    unit = figure.measure.unit.strip()
    after = " (as stated)" if figure.qualifier == "stated" else ""
    return words + "%" + after if unit in ("%", "percent") else f"{words} {unit}{after}"


def _who(figure: Figure) -> str:
    who = figure.producer or "producer unknown"
    when = figure.as_of.human() if figure.as_of else "date not stated"
    derived = f" (derived by {figure.derived_by})" if figure.derived_by else " (derived by the site's editors)" if figure.derivation else ""
    return f"{who}, {when}{derived}"


def _list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- SVG, written directly ---------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate as the SVG writes it: at most one decimal, no exponent, never ``-0``.

    Rounding to a tenth of a pixel keeps the output small and makes it the
    same on every machine.
    """
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _text(x: float, y: float, label: str, size: float = 11, anchor: str = "start", style: str = "") -> str:
    """One line of text with its baseline at ``y``; ``label`` is escaped here."""
    extra = (f' text-anchor="{anchor}"' if anchor != "start" else "") + (f' style="{style}"' if style else "")
    return f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}"{extra}>{md.attr(label)}</text>'


def _group(style: str, parts: Iterable[str]) -> str:
    """Elements sharing one style (colours are inherited, so each element stays short); nothing when empty."""
    body = "".join(parts)
    return f'<g style="{style}">{body}</g>' if body else ""


def _svg(chart_id: str, title: str, description: str, height: float, body: Iterable[str]) -> str:
    """The whole chart: an image with a name and a description, sized by its viewBox so it scales with the column."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" class="chart__svg" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" fill="currentColor">'
        f'<title id="{chart_id}-title">{md.attr(title)}</title><desc id="{chart_id}-desc">{md.attr(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _text_width(text: str, size: float) -> float:
    """About how wide a line of text is drawn: the page's sans-serif averages a little over half an em per character."""
    return len(text) * size * 0.56


@dataclass(frozen=True)
class _Scale:
    """A linear map from data values to x positions in the chart."""

    low: float
    high: float
    left: float
    right: float

    def x(self, value: float) -> float:
        return self.left + (value - self.low) / (self.high - self.low) * (self.right - self.left)


_STEPS = (1, 2, 2.5, 3, 4, 5, 6, 8, 10)
"""Axis steps, times a power of ten: round numbers a reader adds up at a glance."""


def _nice_step(raw: float) -> float:
    """The smallest of :data:`_STEPS` times a power of ten that is at least ``raw`` (> 0)."""
    magnitude = 1.0
    while magnitude * 10 <= raw:
        magnitude *= 10
    while magnitude > raw:
        magnitude /= 10
    return next(m * magnitude for m in _STEPS if m * magnitude >= raw)


def _ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round values from ``low`` to ``high`` for an axis, at most ``most + 1`` of them."""
    if not high > low:
        return [low]
    step = _nice_step((high - low) / most)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [k * step for k in range(first, last + 1)]


_TOP = 4
"""Space above the first row of a row chart."""
_ROW = 40
"""Height of one row of a row chart: its label, then its marks."""
_AXIS = 40
"""Height under the rows: the axis line, the tick labels and the unit."""
_PLOT_LEFT, _PLOT_RIGHT = 6, WIDTH - 6


def _row_chart_height(rows: int) -> int:
    return _TOP + rows * _ROW + _AXIS


def _x_axis(rows: int, ticks: Sequence[tuple[float, str]], unit: str | None) -> list[str]:
    """Grid lines behind the rows, the axis under them, tick labels and the unit: the frame of a row chart."""
    bottom = _TOP + rows * _ROW
    grid = "".join(f"M{_n(x)} {_TOP}V{bottom}" for x, _ in ticks)
    parts = [
        f'<path d="{grid}" style="stroke:{_GRID};stroke-width:0.8"/>' if grid else "",
        f'<path d="M{_PLOT_LEFT} {bottom}H{_PLOT_RIGHT}" style="stroke:{_MUTED};stroke-width:0.8"/>',
        *(_text(_inside(x, label, 11), bottom + 15, label, 11, "middle") for x, label in ticks),
    ]
    if unit:
        parts.append(_text(WIDTH / 2, bottom + 31, unit, 11, "middle", f"fill:{_MUTED}"))
    return parts


def _inside(x: float, label: str, size: float) -> float:
    """The centre of a label at ``x``, moved in just enough to keep the label inside the chart."""
    half = _text_width(label, size) / 2
    return min(max(x, half), WIDTH - half)


def _row_label(row: int, label: str) -> str:
    """The muted line of text at the top of a row, naming what the row shows."""
    return _text(_PLOT_LEFT, _TOP + row * _ROW + 13, label, 11.5, style=f"fill:{_MUTED}")


def _row_y(row: int) -> float:
    """Where the marks of a row sit, under its label."""
    return _TOP + row * _ROW + 27


# --- figures: competing values of one measure ------------------------------------------------


def figure_values(group: MeasureGroup, figures: Sequence[Figure] | None = None) -> Chart | None:
    """A dot and range plot of a measure's values, each labelled with who produced it and when.

    ``None`` when there is only one value: nothing to compare. Ranges are bars
    from low to high; "more than" and "at least" point right, "at most" and
    "up to" point left; derived values are hollow and grey.
    """
    shown = tuple(figures if figures is not None else group.figures)
    if len(shown) < 2:
        return None
    measure = group.measure
    chart_id = f"chart-figures-{measure.id}"
    title = f"{measure.label}: {len(shown)} values compared"
    words = [amount(f) for f in shown]  # each value in words once: the description, the table and the labels share them
    said = [f"{w} ({_who(f)})" for w, f in zip(words, shown)]
    lowest = min(range(len(shown)), key=lambda i: shown[i].lowest)
    highest = min(range(len(shown)), key=lambda i: -shown[i].highest)
    description = (
        f"A dot plot of {md.counted(len(shown), 'value')} of “{measure.label}”, in {measure.unit}, one row per value in the order of their dates: "
        + "; ".join(said)
        + f". Lowest: {said[lowest]}; highest: {said[highest]}."
    )
    rows = tuple((w, f.as_of.human() if f.as_of else "not stated", f.producer or "unknown", f.source.meta.title) for w, f in zip(words, shown))
    header = ("Value", "As of", "Produced by", "Source")
    labelled = len(shown) <= MAX_LABELLED_VALUES
    caption = (
        "Each row is one value, labelled with who produced it and for when; a bar is a range, an arrow a “more than” or “at most”, a hollow grey dot a derived number."
        if labelled
        else "Every value as a dot on one line; the table lists who produced each and for when."
    )
    svg = _svg(chart_id, title, description, _row_chart_height(len(shown) if labelled else 2), _values_body(shown, words, labelled))
    return Chart(chart_id, title, description, svg, caption, header, rows)


def _placeable(figure: Figure) -> bool:
    """Whether the value has a place on an axis; one that is infinite or not a number is left to the table and the description."""
    return math.isfinite(figure.lowest) and math.isfinite(figure.highest)


def _values_scale(figures: Sequence[Figure]) -> _Scale:
    """From zero (or the lowest value, if negative) to the highest value, with room on the right for an arrow."""
    drawable = [f for f in figures if _placeable(f)]
    low = min([0.0, *(f.lowest for f in drawable)])
    high = max([0.0, *(f.highest for f in drawable)])
    span = (high - low) or 1.0
    return _Scale(low, high + span * 0.09, _PLOT_LEFT, _PLOT_RIGHT)


def _values_body(figures: tuple[Figure, ...], words: Sequence[str], labelled: bool) -> list[str]:
    """The rows of a measure's chart, or when there are many values, one strip with its two ends labelled.

    ``words`` holds each figure's value in words (:func:`amount`), in the same order.
    """
    scale = _values_scale(figures)
    drawable = [i for i, f in enumerate(figures) if _placeable(f)]
    ticks = [(scale.x(v), number(v)) for v in _ticks(scale.low, scale.high)]
    rows = len(figures) if labelled else 2
    parts = _x_axis(rows, ticks, figures[0].measure.unit)
    if not labelled:
        y = _row_y(1)
        parts += _marks(_mark(figures[i], scale, y, whole=True) for i in drawable)
        if drawable:
            first, last = min(drawable, key=lambda i: figures[i].lowest), min(drawable, key=lambda i: -figures[i].highest)
            parts.append(_text(scale.x(figures[first].lowest), y - 12, words[first], 12))
            parts.append(_text(scale.x(figures[last].highest), y - 12, words[last], 12, "end"))
        return parts
    labels = [_row_label(row, _shorten(_who(figure), 64)) for row, figure in enumerate(figures)]
    labels += [_value_label(figures[i], words[i], scale, _row_y(i)) for i in drawable]
    return parts + _marks(_mark(figures[i], scale, _row_y(i)) for i in drawable) + labels


def _mark(figure: Figure, scale: _Scale, y: float, whole: bool = False) -> tuple[bool, str]:
    """One value as ``(derived, SVG)``: a dot, a bar for a range, an arrow beside the dot for a one-sided qualifier.

    With ``whole``, positions are rounded to whole units, so the many marks of
    a one-line strip that fall on the same spot are written once.
    """
    place = (lambda v: float(round(scale.x(v)))) if whole else scale.x
    if figure.value is None:
        return figure.derived, f'<path d="M{_n(place(figure.lowest))} {_n(y)}H{_n(place(figure.highest))}" stroke-width="6" stroke-linecap="round"/>'
    x = place(figure.value)
    dot = f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4"/>'
    if figure.qualifier in _POINTS_UP or figure.qualifier in _POINTS_DOWN:
        sign = 1 if figure.qualifier in _POINTS_UP else -1
        tip = x + sign * 22
        arrow = f'<path d="M{_n(x)} {_n(y)}H{_n(tip)}M{_n(tip - sign * 6)} {_n(y - 4)}L{_n(tip)} {_n(y)}L{_n(tip - sign * 6)} {_n(y + 4)}" fill="none"/>'
        return figure.derived, arrow + dot
    return figure.derived, dot


def _reach(figure: Figure, scale: _Scale) -> tuple[float, float]:
    """How far a value's mark reaches to the left and to the right, arrow and dot included."""
    left, right = scale.x(figure.lowest) - 4, scale.x(figure.highest) + 4
    if figure.value is not None and figure.qualifier in _POINTS_UP:
        right += 18
    if figure.value is not None and figure.qualifier in _POINTS_DOWN:
        left -= 18
    return left, right


def _value_label(figure: Figure, label: str, scale: _Scale, y: float) -> str:
    """The value in words (``label``) beside its mark: on the right where it fits, else on the left."""
    left, right = _reach(figure, scale)
    if right + 6 + _text_width(label, 12.5) <= WIDTH:
        return _text(right + 6, y + 4.5, label, 12.5)
    return _text(max(left - 6, 0), y + 4.5, label, 12.5, "end")


def _marks(marks: Iterable[tuple[bool, str]]) -> list[str]:
    """Stated values filled in the accent colour, derived ones hollow and grey; a mark drawn twice is written once."""
    unique = list(dict.fromkeys(marks))
    return [
        _group(f"fill:{_ACCENT};stroke:{_ACCENT};stroke-width:1.5", (svg for derived, svg in unique if not derived)),
        _group(f"fill:none;stroke:{_MUTED};stroke-width:1.5", (svg for derived, svg in unique if derived)),
    ]


# --- the timeline: events per year, era by era -------------------------------------------------


@dataclass(frozen=True)
class _Span:
    title: str
    anchor: str
    years: tuple[int, ...]
    counts: tuple[int, ...]


def _spans(site: Site) -> list[_Span]:
    """Each era with the count of events of every year it covers, then the dated events outside the eras."""
    per_year: dict[tuple[str | None, int], int] = {}
    for event in site.events:
        anchor = event.date.anchor
        if anchor is not None:
            key = (event.era, anchor.year)
            per_year[key] = per_year.get(key, 0) + 1
    spans = []
    for era in site.eras:
        first = dates.parse(era.start).lower.year
        mine = [y for (e, y) in per_year if e == era.id]
        last = dates.parse(era.end).upper.year if era.end else max([*mine, first])
        years = tuple(range(first, max(last, first) + 1))
        spans.append(_Span(era.title, f"era-{era.id}", years, tuple(per_year.get((era.id, y), 0) for y in years)))
    outside = sorted(y for (e, y) in per_year if e is None)
    if outside:
        years = tuple(range(outside[0], outside[-1] + 1))
        spans.append(_Span("Outside the eras", "era-none", years, tuple(per_year.get((None, y), 0) for y in years)))
    return spans


def timeline_strip(site: Site, from_page: str, year_page: Callable[[int], str]) -> Chart | None:
    """Events per year across the eras, each year's bar and label linking to its place in the timeline.

    Args:
        from_page: the docs page the chart is embedded in (links are relative to it).
        year_page: the docs path of a year's timeline page, e.g. ``timeline/1942.md``.

    ``None`` when no event has a known year.
    """
    spans = [s for s in _spans(site) if s.years]
    if not any(sum(s.counts) for s in spans):
        return None
    undated = sum(1 for e in site.events if e.date.anchor is None)
    title = "Events per year, era by era"
    parts = []
    for span in spans:
        busy = [f"{y}: {c}" for y, c in zip(span.years, span.counts) if c]
        parts.append(f"{span.title}, {span.years[0]}–{span.years[-1]}: {md.counted(sum(span.counts), 'event')}" + (f" ({'; '.join(busy)})" if busy else ""))
    description = f"A bar chart of the {md.counted(len(site.events), 'event')} on the timeline by year. " + ". ".join(parts) + "."
    if undated:
        description += f" {md.counted(undated, 'event')} with no known year {'is' if undated == 1 else 'are'} not shown."
    links = {y: page_url(from_page, year_page(y)) for span in spans for y, c in zip(span.years, span.counts) if c}
    rows = tuple(((str(y), links[y]), span.title, str(c)) for span in spans for y, c in zip(span.years, span.counts) if c)
    caption = "Each bar is a year of the timeline, its height the number of events the sources date to it; select a year to read them."
    if undated:
        caption += f" Not shown: {md.counted(undated, 'event')} whose year no source states."
    svg = _svg("chart-timeline", title, description, _STRIP_HEIGHT, _strip_body(spans, links))
    return Chart("chart-timeline", title, description, svg, caption, ("Year", "Era", "Events"), rows)


_STRIP_TOP, _STRIP_BOTTOM, _STRIP_HEIGHT = 48, 168, 190
"""Where the bars of the timeline strip may reach, where they stand, and the chart's height (year labels below)."""
_STRIP_GAP = 14
"""Space between two eras."""


def _strip_body(spans: list[_Span], links: dict[int, str]) -> list[str]:
    """One panel per era, side by side, each as wide as its years (at least three)."""
    weights = [max(len(s.years), 3) for s in spans]
    usable = WIDTH - 8 - _STRIP_GAP * (len(spans) - 1)
    top = max(max(s.counts) for s in spans)
    parts: list[str] = []
    left = 4.0
    for span, weight in zip(spans, weights):
        width = usable * weight / sum(weights)
        parts += _era_panel(span, left, width, top, links)
        left += width + _STRIP_GAP
    return parts


def _era_panel(span: _Span, left: float, width: float, top: int, links: dict[int, str]) -> list[str]:
    """An era's bars, counts and year labels, and its title where it fits; the table has every figure."""
    slot = width / (len(span.years) + 1.2)
    scale = _Scale(span.years[0] - 0.6, span.years[-1] + 0.6, left, left + width)
    height = lambda count: count / (top * 1.18) * (_STRIP_BOTTOM - _STRIP_TOP)  # noqa: E731
    bars, counts = [], []
    for year, count in zip(span.years, span.counts):
        if not count:
            continue
        x, h = scale.x(year) - slot * 0.36, height(count)
        bar = f'<path d="M{_n(x)} {_STRIP_BOTTOM}v{_n(-h)}h{_n(slot * 0.72)}v{_n(h)}z"/>'
        bars.append(f'<a href="{md.attr(links[year])}"><title>{year}: {md.counted(count, "event")}</title>{bar}</a>')
        if slot >= 9 * len(str(count)):
            counts.append(_text(scale.x(year), _STRIP_BOTTOM - h - 3, str(count), 11, "middle"))
    parts = [
        _group(f"fill:{_BAR}", bars),
        *counts,
        f'<path d="M{_n(left)} {_STRIP_BOTTOM}H{_n(left + width)}" style="stroke:{_MUTED};stroke-width:0.8"/>',
    ]
    step = -(-len(span.years) * 40 // int(width)) if width >= 40 else 0
    for year in span.years:
        if step and (year - span.years[0]) % step == 0:
            label = _text(_inside(scale.x(year), str(year), 11), _STRIP_BOTTOM + 15, str(year), 11, "middle")
            parts.append(f'<a href="{md.attr(links[year])}">{label}</a>' if year in links else label)
    chars = int(width / 7.2)
    if chars >= 8:
        wrapped = textwrap.wrap(span.title, chars)
        lines = wrapped[:2]
        if len(wrapped) > 2:
            lines[1] = _shorten(lines[1] + " …", chars)
        parts += [_text(left, _STRIP_TOP - 4 - 14 * (len(lines) - 1 - i), line, 11.5) for i, line in enumerate(lines)]
    return parts


# --- the sources: when they were published, and by whom --------------------------------------------

_Dated = tuple[SourceProfile, dates.Edtf]


def publications(profiles: Sequence[SourceProfile], from_page: str) -> Chart | None:
    """When the sources were published, one row per publisher; ``None`` when no source gives a date.

    A source dated to the day is a dot; one dated to a month or a year is a
    bar over that month or year, so the chart claims no more precision than
    the source gives.
    """
    dated = []
    for profile in profiles:
        meta = profile.source.meta
        when = dates.parse(meta.published) if meta.published else None
        if when is not None and when.year_known:
            dated.append((profile, when))
    if not dated:
        return None
    by_publisher: dict[str, list[_Dated]] = {}
    for profile, when in dated:
        by_publisher.setdefault(profile.source.meta.publisher or "Publisher unknown", []).append((profile, when))
    ranked = sorted(by_publisher.items(), key=lambda item: (-len(item[1]), min(w.sort_key() for _, w in item[1]), item[0]))
    rows_drawn: list[tuple[str, list[_Dated]]] = ranked
    if len(ranked) > MAX_PUBLISHER_ROWS:
        rest = [pair for _, pairs in ranked[MAX_PUBLISHER_ROWS - 1 :] for pair in pairs]
        rows_drawn = [*ranked[: MAX_PUBLISHER_ROWS - 1], (f"{len(ranked) - MAX_PUBLISHER_ROWS + 1} other publishers", rest)]
    rows_drawn = sorted(rows_drawn, key=lambda item: (min(w.sort_key() for _, w in item[1]), item[0]))
    undated = len(profiles) - len(dated)
    title = "When the sources were published, and by whom"
    parts = [_publisher_words(name, pairs) for name, pairs in rows_drawn]
    description = f"A timeline of {md.counted(len(dated), 'source')} by publication date, one row per publisher. " + "; ".join(parts) + "."
    caption = "Each row is a publisher; a dot is a source dated to the day, a bar one dated only to a month or a year."
    if undated:
        text = f" {md.counted(undated, 'source')} {'gives' if undated == 1 else 'give'} no publication date and {'is' if undated == 1 else 'are'} not shown."
        description += text
        caption += text
    # One row per publisher drawn, so the table stays small however many sources there are; the sources index lists each.
    table = tuple(
        (name, str(len(pairs)), min(pairs, key=lambda pw: pw[1].sort_key())[1].human(), max(pairs, key=lambda pw: pw[1].sort_key())[1].human())
        for name, pairs in rows_drawn
    )
    svg = _svg("chart-sources", title, description, _row_chart_height(len(rows_drawn)), _publications_body(rows_drawn))
    return Chart("chart-sources", title, description, svg, caption, ("Publisher", "Sources", "Earliest", "Latest"), table)


def _publisher_words(name: str, pairs: list[_Dated]) -> str:
    """'Euronews: c. October 2023', or for many sources their number and first and last dates."""
    ordered = sorted((w for _, w in pairs), key=lambda w: w.sort_key())
    if len(ordered) <= 5:
        return f"{name}: " + _list([w.human() for w in ordered])
    return f"{name}: {len(ordered)} sources, from {ordered[0].human()} to {ordered[-1].human()}"


_LAST_DAY = dt.date(9999, 1, 1).toordinal()
"""Open-ended dates stop here, so the day after the last one is still a day."""


def _days(when: dates.Edtf) -> tuple[int, int]:
    """The days a publication date covers, as day numbers: its first day, and the day after its last."""
    return when.lower.toordinal(), min(when.upper.toordinal(), _LAST_DAY) + 1


def _publications_body(rows: list[tuple[str, list[_Dated]]]) -> list[str]:
    """A row per publisher over a time axis: dots for days, bars for months and years."""
    spans = [_days(w) for _, pairs in rows for _, w in pairs]
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    pad = max(45.0, (last - first) * 0.06)
    scale = _Scale(first - pad, last + pad, _PLOT_LEFT, _PLOT_RIGHT)
    ticks = [(scale.x(day), label) for day, label in _date_ticks(scale.low, scale.high, (last - first) / 365.25 > 3)]
    parts = _x_axis(len(rows), ticks, None)
    dots, bars = [], []
    for row, (name, pairs) in enumerate(rows):
        parts.append(_row_label(row, f"{_shorten(name, 56)} ({len(pairs)})"))
        y = _n(_row_y(row))
        day_marks, period_marks = [], []
        for _, when in pairs:
            start, end = _days(when)
            if when.precision == "day" and when.lower == when.upper:
                day_marks.append((scale.x(start), scale.x(start)))
            else:
                period_marks.append((scale.x(start), max(scale.x(end), scale.x(start) + 2)))
        dots += [f"M{_n(a)} {y}H{_n(b)}" for a, b in _runs(day_marks, 2.0)]
        bars += [f"M{_n(a)} {y}H{_n(b)}" for a, b in _runs(period_marks, 0.5)]
    if bars:
        parts.append(f'<path d="{"".join(bars)}" style="stroke:{_ACCENT};stroke-width:8"/>')
    if dots:
        parts.append(f'<path d="{"".join(dots)}" style="stroke:{_ACCENT};stroke-width:8;stroke-linecap:round"/>')
    return parts


def _runs(intervals: list[tuple[float, float]], join: float) -> list[tuple[float, float]]:
    """Intervals on one line merged where they overlap or lie less than ``join`` units apart.

    Many sources of one publisher fall on the same few pixels; drawing their
    union instead of each mark keeps the chart's size bounded by its width,
    not by the number of sources, and looks the same: a round-capped run over
    dots less than half their radius apart is what the dots draw together.
    """
    merged: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if merged and start - merged[-1][1] <= join:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _date_ticks(low: float, high: float, years_only: bool) -> list[tuple[int, str]]:
    """Between three and six first days of a year (or of a month, on a short axis) from day ``low`` to ``high``, labelled."""
    first, last = dt.date.fromordinal(max(1, math.ceil(low))), dt.date.fromordinal(min(_LAST_DAY, math.floor(high)))
    if years_only or last.year - first.year > 3:
        for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000):
            years = [y for y in range(-(-first.year // step) * step, last.year + 1, step) if y >= 1 and dt.date(y, 1, 1) >= first]
            if len(years) <= 6:
                return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in years]
        return []
    months = [(y, m) for y in range(first.year, last.year + 1) for m in range(1, 13) if first <= dt.date(y, m, 1) <= last]
    for step in (1, 2, 3, 4, 6, 12):
        chosen = [(y, m) for y, m in months if (m - 1) % step == 0]
        if len(chosen) <= 6:
            return [(dt.date(y, m, 1).toordinal(), str(y) if m == 1 else f"{_MONTHS[m - 1]} {y}") for y, m in chosen]
    return []
