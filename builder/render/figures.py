"""The figures table: every number grouped by what it measures, with its spread."""

from __future__ import annotations

from builder.curate import Figure, MeasureGroup, Site
from builder.render import markdown as md

PAGE = "figures.md"


def render(site: Site) -> dict[str, str]:
    out = [md.front("Figures", f"{md.plural(sum(len(g.figures) for g in site.measures), 'number')} from the sources, grouped by what they count."), "# Figures\n"]
    out.append(
        "Every number the sources state, grouped by what it counts, with who produced it and when. "
        "Where sources disagree, all values are shown with their spread; numbers derived by someone from another number are marked.\n"
    )
    for group in site.measures:
        out.append(render_measure(group, PAGE))
    return {PAGE: "\n".join(out)}


def render_measure(group: MeasureGroup, page: str) -> str:
    measure = group.measure
    lines = [f"## {md.text(measure.label)} {{#{measure.id}}}\n"]
    if measure.description:
        lines.append(md.paragraphs(measure.description) + "\n")
    if len(group.figures) > 1:
        low, high = group.spread
        spread = md.number(low) if low == high else f"{md.number(low)} to {md.number(high)}"
        lines.append(f"**{len(group.figures)} values, spread {md.text(spread)} {md.text(measure.unit)}.**\n")
    rows = [_row(figure, page) for figure in group.figures]
    lines.append(md.table(["Value", "As of", "Produced by", "Source", "Their words"], rows) + "\n")
    return "\n".join(lines)


def _row(figure: Figure, page: str) -> list[str]:
    value = md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit)
    producer = md.text(figure.producer) if figure.producer else "unknown"
    if figure.derived_by:
        producer += f" (derived by {md.text(figure.derived_by)})"
    if figure.method:
        producer += f"; {md.text(figure.method)}"
    source = md.link(md.text(figure.source.meta.title), md.rel(page, f"sources/{figure.source.id}.md"))
    as_of = md.text(figure.as_of.human()) if figure.as_of else "unknown"
    return [f'<span id="{figure.id}"></span>{value}', as_of, producer, source, md.quote(figure.quote)]
