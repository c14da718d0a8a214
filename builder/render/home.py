"""The home page: what the site is, key figures, the eras, and how to read it."""

from __future__ import annotations

from builder.curate import Site
from builder.render import links
from builder.render import markdown as md

PAGE = "index.md"


def render(site: Site) -> dict[str, str]:
    info = site.info
    out = [md.front(info.title, info.subtitle or info.title), f"# {md.text(info.title)}\n"]
    if info.subtitle:
        out.append(f"**{md.text(info.subtitle)}**\n")
    out.append(md.paragraphs(info.summary) + "\n")
    groups = {g.measure.id: g for g in site.measures}
    key = [groups[m] for m in info.key_measures if m in groups]
    if key:
        out.append("## Key figures\n")
        for group in key:
            values = "; ".join(
                f"{md.amount(f.value, f.low, f.high, f.qualifier, group.measure.unit)} "
                f"({md.text(f.producer) if f.producer else 'producer unknown'}"
                f"{', ' + md.text(f.as_of.human()) if f.as_of else ''}, "
                f"{md.link('source', md.rel(PAGE, 'sources/' + f.source.id + '.md'))})"
                for f in group.figures
            )
            out.append(f"- **{md.link(md.text(group.measure.label), md.rel(PAGE, 'figures.md#' + group.measure.id))}:** {values}")
        out.append("")
    out.append("## The eras\n")
    for era in site.eras:
        count = sum(1 for e in site.events if e.era == era.id)
        summary = f" — {md.text(era.summary)}" if era.summary else ""
        out.append(f"- {md.link(md.text(era.title), links.era(PAGE, era.id))} ({count} events){summary}")
    out.append("")
    out.append("## How to read this site\n")
    out.append(
        "\n".join(
            [
                f"- The {md.link('timeline', links.timeline(PAGE))} lists what happened when, each event with the sources that report it and their own words.",
                f"- The {md.link('glossary', 'glossary.md')} explains the terms, with their Russian forms.",
                f"- The {md.link('figures', 'figures.md')} table shows every number the sources state, side by side where they disagree.",
                f"- The {md.link('sources', 'sources/index.md')} have a sourcing note each: who published them, what is unknown, what the site uses them for.",
                f"- {md.link('How we know what we know', 'about.md')}: the method and the editorial rules.",
                f"- Researchers can download the data as JSON and CSV: {md.link('timeline', 'data/timeline.json')}, {md.link('glossary', 'data/glossary.json')}, {md.link('figures', 'data/figures.json')}, {md.link('sources', 'data/sources.json')}.",
            ]
        )
        + "\n"
    )
    return {PAGE: "\n".join(out)}
