"""The figures: an overview of every measure on ``figures.md``, and each measure's values on pages of their own.

``figures.md`` is a table with one row per measure — how many values, from
how many sources, and their spread — so its length depends on the measures
curated in ``measures.yml``, not on the number of sources. Each measure's
values are on ``figures/<measure>.md``, then ``figures/<measure>/2.md`` and so
on, with previous and next links (the scheme of the tag pages); the chart is
on the first page. A page holds at most :data:`MAX_FIGURES_PER_PAGE` rows and
at most :data:`MAX_WORDS_PER_PAGE` characters of the figures' own words, so
that no page passes 150 KB of HTML however many sources count a measure and
however long their quotes are. The measure anchors stay on
``figures.md`` (``figures.md#<measure>``), and :func:`page_of` says on which
page each figure's row, anchored by the figure's id, is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from builder import charts, dates
from builder.curate import Figure, MeasureGroup, Site
from builder.curate.status import Status, figure_statuses
from builder.incremental import Page
from builder.render import links, references
from builder.render import markdown as md

PAGE = "figures.md"
MAX_FIGURES_PER_PAGE = 50
"""The most figure rows any page shows.

Each row costs about 1.5 KB of HTML besides its words: the table's cells and
links, the chart's line for it and its JSON-LD claim (benchmarks/README.md,
"Search, lighter pages and Zensical").
"""
MAX_WORDS_PER_PAGE = 24_000
"""The most characters of the figures' own words (:func:`words`) a page shows; a page of long quotes and methods holds fewer rows."""


@dataclass(frozen=True)
class FigurePage:
    """One page of a measure's figure rows."""

    path: str
    title: str
    group: MeasureGroup
    figures: tuple[Figure, ...]
    """The figures of ``group`` on this page, in table order."""
    part: int
    """1 for the measure's first page, which has the chart."""


def measure_path(measure_id: str, part: int = 1) -> str:
    """``figures/<measure>.md``, then ``figures/<measure>/2.md``: no measure id can take another's part (ids have no ``/``)."""
    return f"figures/{measure_id}.md" if part == 1 else f"figures/{measure_id}/{part}.md"


def words(figure: Figure) -> int:
    """Characters of a figure's own words, as often as its page shows them.

    The quote and the editors' notes are in its row and its JSON-LD claim;
    the source's title and the producer in those and in the chart's table as
    well; the method and how the value was derived in its row.
    """
    notes = sum(len(n.text) for n in figure.notes)
    told = len(figure.method or "") + len(figure.derived_by or "") + len(figure.derivation or "")
    return 2 * (len(figure.quote) + notes) + 3 * (len(figure.source.meta.title) + len(figure.producer or "")) + told


def _chunks(figures: tuple[Figure, ...]) -> list[tuple[Figure, ...]]:
    """``figures`` in order, a page closing at :data:`MAX_FIGURES_PER_PAGE` rows or before its words pass :data:`MAX_WORDS_PER_PAGE`.

    A page holds at least one figure, however long its words.
    """
    chunks: list[tuple[Figure, ...]] = []
    start, total = 0, 0
    for i, figure in enumerate(figures):
        weight = words(figure)
        if i > start and (i - start == MAX_FIGURES_PER_PAGE or total + weight > MAX_WORDS_PER_PAGE):
            chunks.append(figures[start:i])
            start, total = i, 0
        total += weight
    chunks.append(figures[start:])
    return chunks


def measure_pages(group: MeasureGroup) -> tuple[FigurePage, ...]:
    """The pages of one measure: its figures in table order, as many a page as :func:`_chunks` allows."""
    chunks = _chunks(group.figures)
    label = group.measure.label
    return tuple(
        FigurePage(measure_path(group.measure.id, n), label if len(chunks) == 1 else f"{label} (part {n} of {len(chunks)})", group, chunk, n)
        for n, chunk in enumerate(chunks, start=1)
    )


def pages(site: Site) -> tuple[FigurePage, ...]:
    """Where every figure row lives: the pages of each measure, in the order of ``measures.yml``."""
    return tuple(page for group in site.measures for page in measure_pages(group))


def page_of(site: Site) -> dict[str, str]:
    """Figure id -> path of the page that shows its row (the target of every link to a figure, ``<page>#<figure id>``)."""
    return {f.id: page.path for page in pages(site) for f in page.figures}


def site_pages(site: Site) -> list[Page]:
    """``figures.md`` (made at every build) and the pages of every measure, each showing its measure's group alone."""
    count = sum(len(g.figures) for g in site.measures)
    result = [Page(PAGE, None, lambda: render_overview(site, count), (), None)]
    for group in site.measures:
        layout = measure_pages(group)
        result.extend(Page(page.path, (("measure", group.measure.id),), partial(render_page, page, layout), tuple(("figure", f.id) for f in page.figures), ()) for page in layout)
    return result


def render(site: Site) -> dict[str, str]:
    """``figures.md`` and the pages of every measure."""
    return {page.path: page.make() for page in site_pages(site)}


def render_overview(site: Site, count: int) -> str:
    """``figures.md``: what the figures are, and one row per measure with its count and spread."""
    out = [md.front("Figures", f"{md.counted(count, 'number')} from the sources, grouped by what they count."), "# Figures\n"]
    out.append(
        "Every number the sources state, grouped by what it counts: who produced it, for when, and how. "
        "Where sources disagree, every value is shown with the spread from lowest to highest. "
        "Rates are kept as the sources state them; numbers someone derived from another number are marked *derived*, "
        "with who derived them, and are not counted in the spread. Each value links to the source's words in its sourcing note.\n"
    )
    if not site.measures:
        out.append("No source states a number yet.\n")
        return "\n".join(out)
    out.append(f"{md.counted(count, 'number')} on {md.counted(len(site.measures), 'measure')}; each measure's values are on its own page.\n")
    rows = [_overview_row(group) for group in site.measures]
    out.append(md.table(["What it counts", "Values", "Spread", "Compare with care"], rows) + "\n")
    return "\n".join(out)


def _overview_row(group: MeasureGroup) -> list[str]:
    """One measure on the overview: the measure's anchor, its page, how many values from how many sources, the spread."""
    measure = group.measure
    name = f'<span id="{measure.id}"></span>' + md.link(md.text(measure.label), md.rel(PAGE, measure_path(measure.id)))
    values = f"{md.counted(len(group.figures), 'value')} from {md.counted(len(group.source_ids), 'source')}"
    derived = sum(1 for f in group.figures if f.derived)
    care = []
    if derived:
        care.append(f"{md.counted(derived, 'derived value')}{' not counted in the spread' if derived < len(group.figures) else ''}")
    if group.as_of_differs and len(group.figures) > 1:
        care.append("different dates or periods")
    return [name, values, _range(group), "; ".join(care) or "—"]


def _range(group: MeasureGroup) -> str:
    """The spread of a measure's stated values in a few words: ``900 to 1,200 people``."""
    if len(group.stated) == 1:
        return _amount(group.stated[0])
    low, high = group.spread
    unit = group.measure.unit
    suffix = "" if unit.strip() in ("%", "percent") else " " + md.text(unit)
    if low == high:
        return f"all {md.text(md.number(low))}{suffix}"
    return f"{md.text(md.number(low))} to {md.text(md.number(high))}{suffix}"


def render_page(page: FigurePage, layout: tuple[FigurePage, ...]) -> str:
    """One page of a measure: on the first, its description, spread and chart; on every page, a table of its figures."""
    group = page.group
    total = len(group.figures)
    text = [md.front(page.title, f"{md.counted(total, 'number')} from the sources on one measure."), f"# {md.text(page.title)}\n"]
    text.append(md.link("All measures", md.rel(page.path, PAGE)) + "\n")
    if len(layout) > 1:
        text.append(links.pager(page.path, [p.path for p in layout]) + "\n")
    if page.part == 1:
        if len(layout) > 1:
            text.append(f"The chart and this page show the first {md.counted(len(page.figures), 'value')} of {total:,}, in the order of their dates; the spread counts them all.\n")
        text.append(render_measure(group, page.figures, page.path))
    else:
        text.append(_spread(group) + "\n")
        statuses = figure_statuses(group)
        text.append(md.table(_HEADER, [_row(figure, page.path, statuses[figure.id]) for figure in page.figures]) + "\n")
    return "\n".join(text)


_HEADER = ["Value", "As of", "Produced by", "How", "Source and its words"]


def render_measure(group: MeasureGroup, figures: tuple[Figure, ...], page: str) -> str:
    """The first page of a measure: its description, spread, the chart of ``figures`` and their table."""
    measure = group.measure
    lines: list[str] = []
    if measure.description:
        lines.append(md.paragraphs(measure.description) + "\n")
    lines.append(_spread(group) + "\n")
    # The competing values as a chart (builder/charts.py); nothing when there is one value.
    lines.append(charts.embed(charts.figure_values(group, figures)))
    statuses = figure_statuses(group)
    rows = [_row(figure, page, statuses[figure.id]) for figure in figures]
    lines.append(md.table(_HEADER, rows) + "\n")
    return "\n".join(lines)


def _spread(group: MeasureGroup) -> str:
    """The spread in plain words: how many values, from whom, lowest to highest."""
    unit = group.measure.unit
    sources = len(group.source_ids)
    derived = sum(1 for f in group.figures if f.derived)
    stated = len(group.stated)
    said = f"{md.counted(len(group.figures), 'value')} from {md.counted(sources, 'source')}"
    if len(group.figures) == 1:
        text = "**One value**: no other source on the site counts this."
    elif stated == 1:
        only = group.stated[0]
        text = f"**{said}**: one stated value, {_amount_by(only)}."
    else:
        low, high = group.lowest_figure, group.highest_figure
        if group.spread[0] == group.spread[1]:
            text = f"**{said}, all {md.text(md.number(group.spread[0]))}.**"
        else:
            text = (
                f"**{said}; spread {md.text(md.number(group.spread[0]))} to {md.text(md.number(group.spread[1]))}"
                f"{'' if unit.strip() in ('%', 'percent') else ' ' + md.text(unit)}.** "
                + (f"Lowest: {_amount_by(low)}; highest: {_amount_by(high)}." if low is not high else f"Both ends from one value: {_amount_by(low)}.")
            )
    if derived and derived < len(group.figures):
        text += f" {md.counted(derived, 'derived value')} not counted in the spread."
    elif derived:
        text += " It was derived from another number: see who derived it below."
    if group.as_of_differs and len(group.figures) > 1:
        text += " The values refer to different dates or periods; compare them with care."
    return text


def _amount(figure: Figure) -> str:
    return md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit)


def _amount_by(figure: Figure) -> str:
    """'more than 1,000 people (Example Gazette, July 2023)'; a number without a qualifier is '900–1,200 people (as stated; An analyst, July 2023)'."""
    who = md.text(figure.producer) if figure.producer else "producer unknown"
    when = f", {md.text(figure.as_of.human())}" if figure.as_of else ""
    stated = "as stated; " if figure.qualifier == "stated" else ""
    return f"{md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit, note=False)} ({stated}{who}{when})"


def citation_anchor(figure: Figure) -> str:
    """Anchor of a figure's entry in its source's sourcing note."""
    return f"figure-{figure.id}"


def _producer(figure: Figure, page: str) -> str:
    """Who the number shown comes from: the source's producer, or, where the editors corrected the number, their references.

    A corrected number is the references', not the source's: crediting it to
    the producer the source names would put the source's error back beside it.
    """
    stated = figure.claimed
    own = md.text(figure.producer) if figure.producer else "*unknown*"
    if stated is None or (stated.value, stated.low, stated.high) == (figure.value, figure.low, figure.high):
        return own
    refs = "; ".join(references.cited(c, page) for n in figure.notes if n.correction for c in n.cites)
    credited = md.text(figure.producer) if figure.producer else "no one"
    return f"{refs} *(the editors' reference)*; *the source credits* {credited}"


def _row(figure: Figure, page: str, status: Status) -> list[str]:
    value = md.link(_amount(figure), links.source_note(page, figure.source.id) + "#" + citation_anchor(figure))
    if figure.derived:
        value += " *(derived)*"
    if figure.claimed is not None:
        stated = figure.claimed
        value += f" (*the source says* {md.amount(stated.value, stated.low, stated.high, stated.qualifier, figure.measure.unit)}" + (f", {md.text(dates.parse(stated.as_of).human())}" if stated.as_of else "") + ")"
    value += " " + references.badge(status)
    producer = _producer(figure, page)
    how = []
    if figure.derived_by:
        how.append(f"*Derived by* {md.text(figure.derived_by)}.")
    if figure.derivation:
        how.append(f"*Derived by the site's editors from the quote:* {md.text(figure.derivation.rstrip('.'))}.")
    if figure.method:
        how.append(md.text(figure.method))
    how.extend(references.note_inline(n, page) for n in figure.notes)
    source = md.link(md.text(figure.source.meta.title), links.source_note(page, figure.source.id))
    as_of = md.text(figure.as_of.human()) if figure.as_of else "*unknown*"
    return [f'<span id="{figure.id}"></span>{value}', as_of, producer, " ".join(how) or "*not stated*", f"{source}: {md.quote(figure.quote)}"]
