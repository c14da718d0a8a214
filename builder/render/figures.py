"""The figures table: every number grouped by what it measures, with its spread.

Up to :data:`MAX_FIGURES_PER_PAGE` figures share one page, ``figures.md``.
A larger table becomes an overview there — one entry per measure, with its
spread — and one page per measure under ``figures/``, split in parts when a
measure alone has more figures than a page holds. The measure anchors stay on
``figures.md`` either way, so links to ``figures.md#<measure>`` keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder import charts
from builder.curate import Figure, MeasureGroup, Site
from builder.render import links
from builder.render import markdown as md

PAGE = "figures.md"
MAX_FIGURES_PER_PAGE = 200
"""The most figure rows any page shows."""


@dataclass(frozen=True)
class FigurePage:
    """One page of figure rows: some or all figures of one or more measures."""

    path: str
    title: str
    groups: tuple[tuple[MeasureGroup, tuple[Figure, ...]], ...]
    """Each measure shown, with the figures of it on this page."""


def pages(site: Site) -> tuple[FigurePage, ...]:
    """Where every figure row lives."""
    total = sum(len(g.figures) for g in site.measures)
    if total <= MAX_FIGURES_PER_PAGE:
        return (FigurePage(PAGE, "Figures", tuple((g, g.figures) for g in site.measures)),)
    out = []
    for group in site.measures:
        chunks = [group.figures[i : i + MAX_FIGURES_PER_PAGE] for i in range(0, len(group.figures), MAX_FIGURES_PER_PAGE)]
        for n, chunk in enumerate(chunks, start=1):
            path = f"figures/{group.measure.id}.md" if n == 1 else f"figures/{group.measure.id}-p{n}.md"
            title = group.measure.label if len(chunks) == 1 else f"{group.measure.label} (part {n} of {len(chunks)})"
            out.append(FigurePage(path, title, ((group, chunk),)))
    return tuple(out)


def page_of(site: Site) -> dict[str, str]:
    """Figure id -> path of the page that shows its row."""
    return {f.id: page.path for page in pages(site) for _, figures in page.groups for f in figures}


def render(site: Site) -> dict[str, str]:
    layout = pages(site)
    count = sum(len(g.figures) for g in site.measures)
    out = [md.front("Figures", f"{md.plural(count, 'number')} from the sources, grouped by what they count."), "# Figures\n"]
    out.append(
        "Every number the sources state, grouped by what it counts: who produced it, for when, and how. "
        "Where sources disagree, every value is shown with the spread from lowest to highest. "
        "Rates are kept as the sources state them; numbers someone derived from another number are marked *derived*, "
        "with who derived them, and are not counted in the spread. Each value links to the source's words in its sourcing note.\n"
    )
    result: dict[str, str] = {}
    if len(layout) == 1 and layout[0].path == PAGE:
        for group, _ in layout[0].groups:
            out.append(render_measure(group, group.figures, PAGE))
        result[PAGE] = "\n".join(out)
        return result
    by_measure: dict[str, list[FigurePage]] = {}
    for page in layout:
        by_measure.setdefault(page.groups[0][0].measure.id, []).append(page)
    out.append(f"The table has {md.plural(count, 'number')}, so each measure has its own page.\n")
    for group in site.measures:
        out.append(f"## {md.text(group.measure.label)} {{#{group.measure.id}}}\n")
        out.append(_spread(group) + "\n")
        parts = by_measure[group.measure.id]
        out.append(" · ".join(md.link("All values" if len(parts) == 1 else f"Part {n}", md.rel(PAGE, p.path)) for n, p in enumerate(parts, start=1)) + "\n")
    result[PAGE] = "\n".join(out)
    for page in layout:
        (group, figures), = page.groups
        text = [md.front(page.title, f"{md.plural(len(figures), 'number')} from the sources on one measure."), f"# {md.text(page.title)}\n"]
        text.append(md.link("All measures", md.rel(page.path, PAGE)) + "\n")
        text.append(render_measure(group, figures, page.path, heading=False))
        result[page.path] = "\n".join(text)
    return result


def render_measure(group: MeasureGroup, figures: tuple[Figure, ...], page: str, heading: bool = True) -> str:
    """A measure's description, spread and table of figures."""
    measure = group.measure
    lines = [f"## {md.text(measure.label)} {{#{measure.id}}}\n"] if heading else []
    if measure.description:
        lines.append(md.paragraphs(measure.description) + "\n")
    lines.append(_spread(group) + "\n")
    # The competing values as a chart (builder/charts.py); nothing when there is one value.
    lines.append(charts.embed(charts.figure_values(group, figures)))
    rows = [_row(figure, page) for figure in figures]
    lines.append(md.table(["Value", "As of", "Produced by", "How", "Source and its words"], rows) + "\n")
    return "\n".join(lines)


def _spread(group: MeasureGroup) -> str:
    """The spread in plain words: how many values, from whom, lowest to highest."""
    unit = group.measure.unit
    sources = len(group.source_ids)
    derived = sum(1 for f in group.figures if f.derived)
    counted = len(group.stated)
    said = f"{md.plural(len(group.figures), 'value')} from {md.plural(sources, 'source')}"
    if len(group.figures) == 1:
        text = "**One value**: no other source on the site counts this."
    elif counted == 1:
        only = group.stated[0]
        text = f"**{said}**: one stated value, {_amount(only)}{_by(only)}."
    else:
        low, high = group.lowest_figure, group.highest_figure
        if group.spread[0] == group.spread[1]:
            text = f"**{said}, all {md.text(md.number(group.spread[0]))}.**"
        else:
            text = (
                f"**{said}; spread {md.text(md.number(group.spread[0]))} to {md.text(md.number(group.spread[1]))}"
                f"{'' if unit.strip() in ('%', 'percent') else ' ' + md.text(unit)}.** "
                + (f"Lowest: {_amount(low)}{_by(low)}; highest: {_amount(high)}{_by(high)}." if low is not high else f"Both ends from one value: {_amount(low)}{_by(low)}.")
            )
    if derived and derived < len(group.figures):
        text += f" {md.plural(derived, 'derived value')} not counted in the spread."
    elif derived:
        text += " It was derived from another number: see who derived it below."
    if group.as_of_differs and len(group.figures) > 1:
        text += " The values refer to different dates or periods; compare them with care."
    return text


def _amount(figure: Figure) -> str:
    return md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit)


def _by(figure: Figure) -> str:
    who = md.text(figure.producer) if figure.producer else "producer unknown"
    when = f", {md.text(figure.as_of.human())}" if figure.as_of else ""
    return f" ({who}{when})"


def citation_anchor(figure: Figure) -> str:
    """Anchor of a figure's entry in its source's sourcing note."""
    return f"figure-{figure.id}"


def _row(figure: Figure, page: str) -> list[str]:
    value = md.link(_amount(figure), links.source_note(page, figure.source.id) + "#" + citation_anchor(figure))
    if figure.derived:
        value += " *(derived)*"
    producer = md.text(figure.producer) if figure.producer else "*unknown*"
    how = []
    if figure.derived_by:
        how.append(f"*Derived by* {md.text(figure.derived_by)}.")
    if figure.method:
        how.append(md.text(figure.method))
    source = md.link(md.text(figure.source.meta.title), links.source_note(page, figure.source.id))
    as_of = md.text(figure.as_of.human()) if figure.as_of else "*unknown*"
    return [f'<span id="{figure.id}"></span>{value}', as_of, producer, " ".join(how) or "*not stated*", f"{source}: {md.quote(figure.quote)}"]
