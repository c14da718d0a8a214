"""The timeline page: events grouped by era, then year, each with its sources."""

from __future__ import annotations

from itertools import groupby

from builder.curate import Event, Site
from builder.render import markdown as md

PAGE = "timeline.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def render(site: Site) -> dict[str, str]:
    return {PAGE: render_timeline(site)}


def render_timeline(site: Site) -> str:
    out = [md.front("Timeline", f"{md.plural(len(site.events), 'event')}, each with the sources that report it, from {site.info.title}.")]
    out.append("# Timeline\n")
    out.append(
        "Every event cites the sources that report it, with their words. Dates are as precise as the sources allow: "
        "“c.” marks an approximate date, “(uncertain)” a doubtful one. Where sources give different dates, each is shown.\n"
    )
    years = sorted({e.date.lower.year for e in site.events if e.date.year_known})
    if years:
        out.append("**Jump to:** " + " · ".join(md.link(str(y), f"#year-{y}") for y in years) + "\n")
    by_era = {era.id: [e for e in site.events if e.era == era.id] for era in site.eras}
    for era in site.eras:
        events = by_era[era.id]
        if not events:
            continue
        out.append(f"## {md.text(era.title)} {{#era-{era.id}}}\n")
        if era.summary:
            out.append(md.paragraphs(era.summary) + "\n")
        for year, group in groupby(events, key=lambda e: e.date.lower.year):
            out.append(f"### {year} {{#year-{year}}}\n")
            out.extend(render_event(event, PAGE) for event in group)
    undated = [e for e in site.events if e.era is None]
    if undated:
        out.append("## Year not known {#era-undated}\n")
        out.append("The sources report these events without saying in which year they happened, or outside the eras above.\n")
        out.extend(render_event(event, PAGE) for event in undated)
    return "\n".join(out)


def render_event(event: Event, page: str) -> str:
    """One event as a block of Markdown, anchored by its id."""
    lines = [f"#### {md.text(event.title)} {{#{event.id}}}\n"]
    facts = [f"**{md.text(event.date.human())}**"]
    if event.reported:
        facts.append(f"reported {md.text(event.reported.human())}")
    if event.places:
        facts.append("in " + ", ".join(md.text(p) for p in event.places))
    lines.append(" · ".join(facts) + "\n")
    lines.append(md.paragraphs(event.summary) + "\n")
    if event.actors:
        lines.append("*Who:* " + ", ".join(md.text(a) for a in event.actors) + "\n")
    if event.date_note:
        lines.append("*Date:* " + md.text(event.date_note) + "\n")
    if event.tags:
        lines.append("*Tags:* " + ", ".join(md.link(md.text(t), md.rel(page, f"tags/{t}.md")) for t in event.tags) + "\n")
    lines.append(f"Sources ({len(event.citations)}):\n")
    for citation in event.citations:
        label = md.link(md.text(citation.source.meta.title), md.rel(page, source_page(citation.source.id)))
        note = ""
        if citation.date is not None and citation.date.text != event.date.text:
            note = f" — *dates it {md.text(citation.date.human())}*"
        lines.append(f"- {label}{note}: {md.quote(citation.quote)}")
    return "\n".join(lines) + "\n"
