"""Charts drawn at build time from the curated records: static, accessible SVG that follows the page's colours.

Each chart is drawn with matplotlib's SVG backend and then tidied for
inlining in a page: text stays text (``svg.fonttype: none``) in the page's
own font, colours become ``currentColor`` and CSS variables (so a chart
follows the light and dark schemes and prints in black), ids are made unique
to the chart, and the output carries no date, so the same records give the
same bytes. Every chart comes with a title, a description and a table of the
data it draws, for readers who do not see it.

matplotlib escapes every label it writes, and the tidying re-serialises the
SVG with :mod:`xml.etree.ElementTree`, which escapes again: a label is only
ever text. Labels are also kept from matplotlib's mathtext (``$...$``).
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from builder import dates
from builder.curate import Figure, MeasureGroup, Site, SourceProfile

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)

WIDTH = 480
"""Width of every chart in SVG units (CSS pixels at full size)."""
MAX_LABELLED_VALUES = 24
"""Above this many values, a measure's chart is one strip of dots with only its ends labelled."""
MAX_PUBLISHER_ROWS = 12
"""Publishers shown by name on the sources chart; the rest share one row."""

# Drawing colours stand in for the page's; _tidy turns each into the CSS on the right.
_INK, _MUTED, _ACCENT, _BAR, _GRID = "#0f0f01", "#0f0f02", "#0f0f03", "#0f0f04", "#0f0f05"
_COLOURS = {
    _INK: "currentColor",
    _MUTED: "var(--chart-muted, #5b6770)",
    _ACCENT: "var(--chart-accent, #b3261e)",
    _BAR: "var(--chart-bar, #455a64)",
    _GRID: "var(--chart-grid, #d5d9dc)",
}
_RC = {
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",  # ships with matplotlib: the layout does not depend on the machine's fonts
    "font.size": 12,
    "text.parse_math": False,
    "text.color": _INK,
    "axes.edgecolor": _MUTED,
    "axes.labelcolor": _MUTED,
    "xtick.color": _MUTED,
    "ytick.color": _MUTED,
    "xtick.labelcolor": _INK,
    "axes.unicode_minus": False,
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUALIFIER_WORDS = {"approximately": "about ", "nearly": "nearly ", "more-than": "more than ", "at-least": "at least ", "at-most": "at most ", "up-to": "up to "}

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
        e = html.escape
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
        return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
    return html.escape(cell)


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
    relative = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return relative + (f"#{anchor}" if anchor else "")


# --- words ------------------------------------------------------------------------------


def number(value: float) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(figure: Figure) -> str:
    """A figure as plain words: 'more than 1,000 people', '900–1,200 people', '65%'."""
    core = number(figure.value) if figure.value is not None else f"{number(figure.low)}–{number(figure.high)}"  # type: ignore[arg-type]
    words = _QUALIFIER_WORDS.get(figure.qualifier, "") + core
    unit = figure.measure.unit.strip()
    return words + "%" if unit in ("%", "percent") else f"{words} {unit}"


def _who(figure: Figure) -> str:
    who = figure.producer or "producer unknown"
    when = figure.as_of.human() if figure.as_of else "date not stated"
    return f"{who}, {when}" + (f" (derived by {figure.derived_by})" if figure.derived_by else "")


def _list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


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
    lowest = min(shown, key=lambda f: f.lowest)
    highest = min(shown, key=lambda f: -f.highest)
    description = (
        f"A dot plot of {_plural(len(shown), 'value')} of “{measure.label}”, in {measure.unit}, one row per value in the order of their dates: "
        + "; ".join(f"{amount(f)} ({_who(f)})" for f in shown)
        + f". Lowest: {amount(lowest)} ({_who(lowest)}); highest: {amount(highest)} ({_who(highest)})."
    )
    rows = tuple((amount(f), f.as_of.human() if f.as_of else "not stated", f.producer or "unknown", f.source.meta.title) for f in shown)
    header = ("Value", "As of", "Produced by", "Source")
    labelled = len(shown) <= MAX_LABELLED_VALUES
    caption = (
        "Each row is one value, labelled with who produced it and for when; a bar is a range, an arrow a “more than” or “at most”, a hollow grey dot a derived number."
        if labelled
        else "Every value as a dot on one line; the table lists who produced each and for when."
    )
    svg = _draw(chart_id, title, description, lambda fig: _draw_values(fig, shown, labelled), _values_height(len(shown), labelled))
    return Chart(chart_id, title, description, svg, caption, header, rows)


_ROW = 40
_AXIS = 40


def _values_height(count: int, labelled: bool) -> int:
    return (count * _ROW if labelled else 2 * _ROW) + _AXIS + 8


def _draw_values(fig, figures: tuple[Figure, ...], labelled: bool) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator
    from matplotlib.transforms import blended_transform_factory

    height = fig.get_figheight() * 72
    ax = fig.add_axes((10 / WIDTH, _AXIS / height, (WIDTH - 24) / WIDTH, (height - _AXIS - 4) / height))
    low = min(0.0, min(f.lowest for f in figures))
    high = max(f.highest for f in figures)
    span = (high - low) or 1.0
    ax.set_xlim(low, high + span * 0.09)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
    ax.tick_params(axis="x", length=0, labelsize=11)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=_GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    unit = figures[0].measure.unit
    ax.set_xlabel(unit, fontsize=11, labelpad=3)
    left = blended_transform_factory(ax.transAxes, ax.transData)
    if not labelled:
        ax.set_ylim(-1, 1)
        for figure in figures:
            _mark(ax, figure, 0.0, span)
        for figure, ha in ((min(figures, key=lambda f: f.lowest), "left"), (min(figures, key=lambda f: -f.highest), "right")):
            x = figure.lowest if ha == "left" else figure.highest
            ax.annotate(amount(figure), (x, 0.0), xytext=(0, 12), textcoords="offset points", ha=ha, fontsize=12)
        return
    count = len(figures)
    ax.set_ylim(-(count - 1) - 0.45, 0.75)
    for i, figure in enumerate(figures):
        y = -float(i)
        ax.text(0.0, y + 0.3, _shorten(_who(figure), 64), transform=left, fontsize=11.5, color=_MUTED, va="bottom", ha="left")
        _mark(ax, figure, y, span)
        right_end = (figure.highest - low) / span > 0.6
        x = figure.lowest if right_end else figure.highest
        ax.annotate(amount(figure), (x, y), xytext=(-9 if right_end else 9, 0), textcoords="offset points", ha="right" if right_end else "left", va="center", fontsize=12.5)


def _mark(ax, figure: Figure, y: float, span: float) -> None:
    """One value: a dot, a bar for a range, an arrow for a one-sided qualifier; hollow grey when derived."""
    colour = _MUTED if figure.derived else _ACCENT
    face = "none" if figure.derived else colour
    if figure.value is None:
        ax.plot([figure.low, figure.high], [y, y], color=colour, linewidth=6, solid_capstyle="round")
        return
    if figure.qualifier in ("more-than", "at-least", "at-most", "up-to"):
        step = span * 0.05 * (1 if figure.qualifier in ("more-than", "at-least") else -1)
        ax.annotate("", xy=(figure.value + step, y), xytext=(figure.value, y), arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.5, "shrinkA": 0, "shrinkB": 0})
    ax.plot([figure.value], [y], marker="o", markersize=8, color=colour, markerfacecolor=face, markeredgewidth=1.5, linestyle="none")


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
        if event.date.anchor is not None:
            key = (event.era, event.date.anchor.year)
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
        parts.append(f"{span.title}, {span.years[0]}–{span.years[-1]}: {_plural(sum(span.counts), 'event')}" + (f" ({'; '.join(busy)})" if busy else ""))
    description = f"A bar chart of the {_plural(len(site.events), 'event')} on the timeline by year. " + ". ".join(parts) + "."
    if undated:
        description += f" {_plural(undated, 'event')} with no known year {'is' if undated == 1 else 'are'} not shown."
    rows = tuple(
        ((str(y), page_url(from_page, year_page(y))), span.title, str(c))
        for span in spans
        for y, c in zip(span.years, span.counts)
        if c
    )
    caption = "Each bar is a year of the timeline, its height the number of events the sources date to it; select a year to read them."
    if undated:
        caption += f" Not shown: {_plural(undated, 'event')} whose year no source states."
    links = {y: page_url(from_page, year_page(y)) for span in spans for y, c in zip(span.years, span.counts) if c}
    svg = _draw("chart-timeline", title, description, lambda fig: _draw_strip(fig, spans, links), 200)
    return Chart("chart-timeline", title, description, svg, caption, ("Year", "Era", "Events"), rows)


def _draw_strip(fig, spans: list[_Span], links: dict[int, str]) -> None:
    from matplotlib.ticker import FixedLocator, NullLocator

    height = fig.get_figheight() * 72
    weights = [max(len(s.years), 3) for s in spans]
    gap = 14
    usable = WIDTH - 8 - gap * (len(spans) - 1)
    top = max(max(s.counts) for s in spans)
    x = 4.0
    for span, weight in zip(spans, weights):
        width = usable * weight / sum(weights)
        ax = fig.add_axes((x / WIDTH, 30 / height, width / WIDTH, (height - 30 - 48) / height))
        x += width + gap
        ax.set_xlim(span.years[0] - 0.6, span.years[-1] + 0.6)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_locator(NullLocator())
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(_MUTED)
        bars = ax.bar(span.years, span.counts, width=0.72, color=_BAR)
        # Counts above the bars, year labels and the era's title only where they fit; the table has them all.
        slot = width / len(span.years)
        for year, count, bar in zip(span.years, span.counts, bars):
            if count:
                bar.set_url(links[year])
                if slot >= 9 * len(str(count)):
                    ax.text(year, count + top * 0.03, str(count), ha="center", va="bottom", fontsize=11, color=_INK)
        step = -(-len(span.years) * 40 // int(width)) if width >= 40 else 0
        shown = [y for y in span.years if step and (y - span.years[0]) % step == 0]
        ax.xaxis.set_major_locator(FixedLocator(shown))
        ax.set_xticklabels([str(y) for y in shown], fontsize=11)
        ax.tick_params(axis="x", length=2, pad=2)
        for label, year in zip(ax.get_xticklabels(), shown):
            if year in links:
                label.set_url(links[year])
        chars = int(width / 7.2)
        if chars >= 8:
            wrapped = textwrap.wrap(span.title, chars)
            lines = wrapped[:2]
            if len(wrapped) > 2:
                lines[1] = _shorten(lines[1] + " …", chars)
            ax.text(0.0, 1.0, "\n".join(lines), transform=ax.transAxes, ha="left", va="bottom", fontsize=11.5, color=_INK, linespacing=1.25)


# --- the sources: when they were published, and by whom --------------------------------------------


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
    by_publisher: dict[str, list[tuple[SourceProfile, dates.Edtf]]] = {}
    for profile, when in dated:
        by_publisher.setdefault(profile.source.meta.publisher or "Publisher unknown", []).append((profile, when))
    ranked = sorted(by_publisher.items(), key=lambda item: (-len(item[1]), min(w.sort_key() for _, w in item[1]), item[0]))
    rows_drawn: list[tuple[str, list[tuple[SourceProfile, dates.Edtf]]]] = ranked
    if len(ranked) > MAX_PUBLISHER_ROWS:
        rest = [pair for _, pairs in ranked[MAX_PUBLISHER_ROWS - 1 :] for pair in pairs]
        rows_drawn = [*ranked[: MAX_PUBLISHER_ROWS - 1], (f"{len(ranked) - MAX_PUBLISHER_ROWS + 1} other publishers", rest)]
    rows_drawn = sorted(rows_drawn, key=lambda item: (min(w.sort_key() for _, w in item[1]), item[0]))
    undated = len(profiles) - len(dated)
    title = "When the sources were published, and by whom"
    parts = [_publisher_words(name, pairs) for name, pairs in rows_drawn]
    description = f"A timeline of {_plural(len(dated), 'source')} by publication date, one row per publisher. " + "; ".join(parts) + "."
    caption = "Each row is a publisher; a dot is a source dated to the day, a bar one dated only to a month or a year."
    if undated:
        text = f" {_plural(undated, 'source')} {'gives' if undated == 1 else 'give'} no publication date and {'is' if undated == 1 else 'are'} not shown."
        description += text
        caption += text
    # One row per publisher drawn, so the table stays small however many sources there are; the sources index lists each.
    table = tuple(
        (name, str(len(pairs)), min(pairs, key=lambda pw: pw[1].sort_key())[1].human(), max(pairs, key=lambda pw: pw[1].sort_key())[1].human())
        for name, pairs in rows_drawn
    )
    height = len(rows_drawn) * _ROW + _AXIS + 8
    svg = _draw("chart-sources", title, description, lambda fig: _draw_publications(fig, rows_drawn), height)
    return Chart("chart-sources", title, description, svg, caption, ("Publisher", "Sources", "Earliest", "Latest"), table)


def _publisher_words(name: str, pairs: list[tuple[SourceProfile, dates.Edtf]]) -> str:
    """'Euronews: c. October 2023', or for many sources their number and first and last dates."""
    ordered = sorted((w for _, w in pairs), key=lambda w: w.sort_key())
    if len(ordered) <= 5:
        return f"{name}: " + _list([w.human() for w in ordered])
    return f"{name}: {len(ordered)} sources, from {ordered[0].human()} to {ordered[-1].human()}"


def _draw_publications(fig, rows: list[tuple[str, list[tuple[SourceProfile, dates.Edtf]]]]) -> None:
    import datetime as dt

    from matplotlib.dates import AutoDateLocator, date2num, num2date
    from matplotlib.ticker import FuncFormatter
    from matplotlib.transforms import blended_transform_factory

    height = fig.get_figheight() * 72
    ax = fig.add_axes((10 / WIDTH, _AXIS / height, (WIDTH - 24) / WIDTH, (height - _AXIS - 4) / height))
    lows = [w.lower for _, pairs in rows for _, w in pairs]
    highs = [min(w.upper, dt.date(9999, 1, 1)) for _, pairs in rows for _, w in pairs]
    first, last = date2num(min(lows)), date2num(max(highs) + dt.timedelta(days=1))
    pad = max(45.0, (last - first) * 0.06)
    ax.set_xlim(first - pad, last + pad)
    locator = AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    span_years = (last - first) / 365.25

    def label(value: float, _pos: int) -> str:
        day = num2date(value)
        return str(day.year) if span_years > 3 or (day.month == 1) else f"{_MONTHS[day.month - 1]} {day.year}"

    ax.xaxis.set_major_formatter(FuncFormatter(label))
    ax.tick_params(axis="x", length=0, labelsize=11)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color=_GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_ylim(-(len(rows) - 1) - 0.45, 0.75)
    left = blended_transform_factory(ax.transAxes, ax.transData)
    for i, (name, pairs) in enumerate(rows):
        y = -float(i)
        ax.text(0.0, y + 0.3, f"{_shorten(name, 56)} ({len(pairs)})", transform=left, fontsize=11.5, color=_MUTED, va="bottom", ha="left")
        for _, when in pairs:
            if when.precision == "day" and when.lower == when.upper:
                ax.plot([date2num(when.lower)], [y], marker="o", markersize=8, color=_ACCENT, linestyle="none")
            else:
                end = min(when.upper, dt.date(9999, 1, 1)) + dt.timedelta(days=1)
                ax.plot([date2num(when.lower), date2num(end)], [y, y], color=_ACCENT, linewidth=8, solid_capstyle="butt")


# --- drawing and tidying ------------------------------------------------------------------------


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _draw(chart_id: str, title: str, description: str, paint: Callable[[object], None], height: int) -> str:
    """Draw with ``paint`` on a fresh figure, save it as SVG, and tidy it for the page."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context({**_RC, "svg.hashsalt": chart_id}):
        fig = Figure(figsize=(WIDTH / 72, height / 72), dpi=72)
        FigureCanvasSVG(fig)
        fig.patch.set_visible(False)
        paint(fig)
        for ax in fig.axes:
            ax.patch.set_visible(False)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.04, metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _tidy(buffer.getvalue(), chart_id, title, description)


_NUMBER = re.compile(r"(-?\d+\.\d)\d+")
_ROTATE_ZERO = re.compile(r"^rotate\(-?0 [^)]*\)$")
_REF = re.compile(r"url\(#([^)]+)\)")


def _tidy(svg: str, chart_id: str, title: str, description: str) -> str:
    """matplotlib's SVG made fit to inline in a page (see the module docstring)."""
    root = ET.fromstring(svg.encode("utf-8"))
    q = lambda tag: f"{{{SVG_NS}}}{tag}"  # noqa: E731
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == q("metadata") or child.tag == q("style"):
                parent.remove(child)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == q("defs") and len(child) == 0:
                parent.remove(child)
    referenced = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            referenced.update(_REF.findall(value))
            if name in (f"{{{XLINK_NS}}}href", "href") and value.startswith("#"):
                referenced.add(value[1:])
    for element in root.iter():
        attrib = element.attrib
        if "id" in attrib and attrib["id"] not in referenced:
            del attrib["id"]
        if f"{{{XLINK_NS}}}href" in attrib:
            attrib["href"] = attrib.pop(f"{{{XLINK_NS}}}href")
        attrib.pop("target", None)
        if _ROTATE_ZERO.match(attrib.get("transform", "")):
            del attrib["transform"]
        for name in ("d", "x", "y", "points", "transform", "width", "height", "x1", "x2", "y1", "y2"):
            if name in attrib and element is not root:
                attrib[name] = " ".join(_NUMBER.sub(r"\1", attrib[name]).split())
        if "style" in attrib:
            attrib["style"] = _style(attrib["style"])
        if element.tag != q("text"):
            element.text = element.text if element.text and element.text.strip() else None
        element.tail = None
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("class", "chart__svg")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    title_el = ET.Element(q("title"), {"id": f"{chart_id}-title"})
    title_el.text = title
    desc_el = ET.Element(q("desc"), {"id": f"{chart_id}-desc"})
    desc_el.text = description
    root.insert(0, desc_el)
    root.insert(0, title_el)
    return ET.tostring(root, encoding="unicode")


def _style(style: str) -> str:
    declarations = []
    for part in style.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip(), value.strip()
        if not name or name == "font-family":
            continue
        for sentinel, css in _COLOURS.items():
            value = value.replace(sentinel, css)
        declarations.append(f"{name}:" + _NUMBER.sub(r"\1", value))
    return ";".join(declarations)
