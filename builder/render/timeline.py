"""The timeline: an index of eras and years, and pages of events, each event with its sources.

Where the events go is :mod:`builder.render.links`' decision; this module
writes the pages. Every event shows its date, title, summary, places, actors
and tags, then its sources: each with its own version of the facts where it
differs, and its verbatim quote, shown on hover, focus or tap.
"""

from __future__ import annotations

from functools import partial
from itertools import groupby

from builder import charts
from builder.curate import Event, Site
from builder.curate.events import Disagreement, EventCitation
from builder.curate.status import origin_name
from builder.incremental import Cached, Page, fresh
from builder.model import Era
from builder.places import Places
from builder.render import links, references
from builder.render import markdown as md
from builder.render import places as place_pages

PAGE = links.TIMELINE
MAX_INDEX_TITLES = 50
"""The most events whose titles the index lists, under a heading per year; a longer timeline lists its years, each linking to its page.

Each title and year adds to the index and to its table of contents, beside the charts and maps: at 95 titles the index passed 150 KB of HTML.
"""

_LEGEND = (
    "Dates are as precise as the sources allow: “c.” marks an approximate date, “(uncertain)” a doubtful one, "
    "“reported” when each source reported it (the date it gives, else its publication date; unknown when it shows neither). "
    "Where sources give different versions, each is shown next to its source."
)


def site_pages(site: Site, cached: Cached = fresh) -> list[Page]:
    """The index (which shows every event, the eras and the places), every year's hub (made at every build), and every page of events, which shows its events, their eras and where it sits among the pages.

    ``cached`` gives back an unchanged event's block (:meth:`builder.incremental.Files.get`).
    """
    layout = links.layout(site)
    # A small timeline's index links to every event by its title.
    titled = tuple(("event", e.id) for e in site.events) if _shows_titles(site) else None
    # The index shows every event (by title, or counted by year and era, and on the maps), the eras and the places.
    index_shows = (("timeline", "layout"), ("events", "all"), ("places", "gazetteer"), ("places", "named"), *(("era", e.id) for e in site.eras))
    out = [Page(PAGE, index_shows, lambda: render_index(site), (), titled)]
    for page in layout.pages:
        shows = (("timeline", "layout"), *(("event", e.id) for e in page.events), *(("era", e) for e in dict.fromkeys(e.era for e in page.events if e.era)))
        if any(e.places or any(c.places for c in e.citations) for e in page.events):
            shows += (("places", "gazetteer"),)  # a place's name links to its page as the gazetteer names it
        out.append(Page(page.path, shows, partial(render_page, site, page, cached), tuple(("event", e.id) for e in page.events), ()))
    out.extend(Page(hub.path, None, partial(render_hub, site, hub), (), None) for hub in layout.hubs)
    return out


def render(site: Site, cached: Cached = fresh) -> dict[str, str]:
    """The index, every page of events and every year's hub."""
    return {page.path: page.make() for page in site_pages(site, cached)}


# --- the index ---------------------------------------------------------------


def render_index(site: Site) -> str:
    """Eras, each with a compact index of its years; every event's title when the timeline is small."""
    layout = links.layout(site)
    out = [md.front("Timeline", f"{md.counted(len(site.events), 'event')}, each with the sources that report it, from {site.info.title}."), "# Timeline\n"]
    out.append("What happened when, according to the sources. Every event cites the sources that report it, with their own words.\n")
    out.append(_LEGEND + "\n")
    sections = _sections(site)
    jumps = [md.link(md.text(title), f"#{anchor}") for anchor, title, _era, events in sections if events]
    if jumps:
        out.append("**Jump to:** " + " · ".join(jumps) + "\n")
    # Events per year across the eras, each year linking to its page (builder/charts.py).
    out.append(charts.embed(charts.timeline_strip(site, PAGE, layout.year_path)))
    out.append(place_pages.timeline_overview(site, PAGE))
    show_titles = _shows_titles(site)
    used_year_ids: set[str] = set()
    for anchor, title, era, events in sections:
        out.append(f"## {md.text(title)} {{#{anchor}}}\n")
        if era is not None and era.summary:
            out.append(md.paragraphs(era.summary) + "\n")
        if era is not None:
            out.append(place_pages.era_map(site, era, PAGE))
        if not events:
            out.append("No events yet.\n")
            continue
        if anchor == "undated":
            out.append(f"The sources report {md.counted(len(events), 'event')} without saying in which year. {md.link('Read them', md.rel(PAGE, layout.page_of[events[0].id]))}.\n")
            if show_titles:
                out.extend(_title_line(site, e) for e in events)
                out.append("")
            continue
        years = [(year, list(group)) for year, group in groupby(events, key=lambda e: e.date.anchor.year)]  # type: ignore[union-attr]  # only dated events (anchor not None) are grouped here
        out.append("**Years:** " + " · ".join(f"{md.link(str(y), md.rel(PAGE, layout.year_path(y)))} ({len(g)})" for y, g in years) + "\n{: .tl-years }\n")
        if not show_titles:
            continue
        for year, group in years:
            year_id = f"year-{year}" if f"year-{year}" not in used_year_ids else f"year-{year}-{anchor}"
            used_year_ids.add(year_id)
            out.append(f"### {year} {{#{year_id}}}\n")
            out.extend(_title_line(site, e) for e in group)
            out.append("")
    return "\n".join(out)


def _shows_titles(site: Site) -> bool:
    """Whether the index lists every event's title (a small timeline)."""
    return len(site.events) <= MAX_INDEX_TITLES


def _sections(site: Site) -> list[tuple[str, str, Era | None, list[Event]]]:
    """(anchor, heading, era, events) for each era, then events outside the eras, then undated ones."""
    sections: list[tuple[str, str, Era | None, list[Event]]] = [
        (f"era-{era.id}", era.title, era, [e for e in site.events if e.era == era.id]) for era in site.eras
    ]
    outside = [e for e in site.events if e.era is None and e.date.year_known]
    if outside:
        sections.append(("era-none", "Outside the eras", None, outside))
    undated = [e for e in site.events if not e.date.year_known]
    if undated:
        sections.append(("undated", "Year not known", None, undated))
    return sections


def _title_line(site: Site, event: Event) -> str:
    return f"- {md.text(event.date.human())}: {md.link(md.text(event.title), links.event(site, PAGE, event.id))} {references.badge(event.status)}"


# --- pages of events -----------------------------------------------------------


def render_page(site: Site, page: links.TimelinePage, cached: Cached = fresh) -> str:
    """One year (or month, or part) of the timeline, grouped by era."""
    path = page.path
    eras = {era.id: era for era in site.eras}
    description = f"{md.counted(len(page.events), 'event')} of {page.title}, each with the sources that report it."
    out = [md.front(f"Timeline: {page.title}", description), f"# {md.text(page.title)} {{#year-{page.key}}}\n"]
    pager = _pager(site, page)
    out.append(pager)
    out.append(_LEGEND + "\n")
    if any(event.places and site.places.of(event.places) for event in page.events):
        out.append(place_pages.locator_land(site.places))  # once, for every event's locator on the page
    by_era: dict[str | None, list[Event]] = {}
    for event in page.events:
        by_era.setdefault(event.era, []).append(event)
    for era_id, group in by_era.items():
        era = eras.get(era_id) if era_id else None
        if era is not None:
            out.append(f"## {md.text(era.title)} {{#era-{era.id}}}\n")
        elif page.year is not None:
            out.append("## Outside the eras {#era-none}\n")
        out.extend(_event_block(site, event, path, cached) for event in group)
    out.append(pager)
    return "\n".join(out)


def _event_block(site: Site, event: Event, path: str, cached: Cached) -> str:
    """An event's block: it shows the event alone (its sources' titles are part of its citations), unless it names places, whose links read the whole gazetteer."""
    if event.places or any(c.places for c in event.citations):
        return render_event(event, path, site.places)
    return cached(("event", event.id), event.digest, "block", lambda _: render_event(event, path, site.places), given=(path,))


def render_hub(site: Site, hub: links.YearHub) -> str:
    """A year with more events than one page holds: its pages, with how many events each."""
    out = [md.front(f"Timeline: {hub.year}", f"{sum(len(p.events) for p in hub.pages)} events of {hub.year}, by month."), f"# {hub.year} {{#year-{hub.year}}}\n"]
    out.append(f"{md.link('Timeline', md.rel(hub.path, PAGE))} › {hub.year}\n{{: .tl-pager }}\n")
    out.append(f"{hub.year} has more events than one page holds; they are listed by month.\n")
    for page in hub.pages:
        first, last = page.events[0].date.human(), page.events[-1].date.human()
        when = md.text(first) if first == last else f"{md.text(first)} to {md.text(last)}"
        out.append(f"- {md.link(md.text(page.title), md.rel(hub.path, page.path))}: {md.counted(len(page.events), 'event')}, {when}")
    return "\n".join(out) + "\n"


def _pager(site: Site, page: links.TimelinePage) -> str:
    """Where this page sits: the index, its era, the previous and next pages, the years around it."""
    layout = links.layout(site)
    index = layout.position[page.path]
    parts = [md.link("Timeline", md.rel(page.path, PAGE))]
    era_ids = list(dict.fromkeys(e.era for e in page.events if e.era))
    eras = {era.id: era for era in site.eras}
    parts += [md.link(md.text(eras[e].title), links.era(page.path, e)) for e in era_ids]
    line = " › ".join(parts)
    steps = []
    if index > 0:
        before = layout.pages[index - 1]
        steps.append("← " + md.link(md.text(before.title), md.rel(page.path, before.path)))
    if index + 1 < len(layout.pages):
        after = layout.pages[index + 1]
        steps.append(md.link(md.text(after.title), md.rel(page.path, after.path)) + " →")
    if steps:
        line += " · " + " · ".join(steps)
    return line + "\n{: .tl-pager }\n"


# --- one event -------------------------------------------------------------------


def render_event(event: Event, page: str, places: Places) -> str:
    """One event as a block of Markdown on ``page``, anchored by its id (the permalink)."""
    lines = [f"### {md.text(event.title)} {references.badge(event.status)} {{#{event.id}}}\n"]
    facts = [f"**{md.text(event.date.human())}**"]
    if event.disputes("date"):
        facts.append("*sources disagree on the date*")
    if event.reported:
        facts.append(f"reported {md.text(event.reported.human())}")
    lines.append(" · ".join(facts) + "\n{: .tl-when }\n")
    if event.source_title is not None or event.source_date is not None or event.source_actors:
        lines.append(_claimed(event) + "\n{: .tl-claimed }\n")
    lines.append(md.paragraphs(event.summary) + "\n")
    lines.extend(references.notes_blocks(event.notes, page))
    details = []
    if event.places:
        details.append(place_pages.place_line(places, event.places, page))
    if event.actors:
        details.append("*Who:* " + ", ".join(md.text(a) for a in event.actors))
    if event.date_note:
        details.append("*Date:* " + md.text(event.date_note))
    if event.tags:
        details.append("*Tags:* " + ", ".join(md.link(md.text(t), links.tag(page, t)) for t in event.tags))
    if details:
        lines.append("  \n".join(details) + "\n{: .tl-facts }\n")
    titles = {c.source.id: c.source.meta.title for c in event.citations}
    for disagreement in event.disagreements:
        lines.append(_disagreement(disagreement, titles) + "\n{: .tl-dispute }\n")
    lines.append(f"Sources ({len(event.citations)}):\n")
    lines.extend(_citation(event, citation, page, places) for citation in event.citations)
    return "\n".join(lines) + "\n"


def _claimed(event: Event) -> str:
    """The sources' version of what the editors corrected, shown as the sources' claim."""
    describing = next((c for c in event.citations if c.describes), event.citations[0])
    who = md.text(origin_name(describing.source))
    said = []
    if event.source_title is not None:
        said.append(f"“{md.text(event.source_title)}”")
    if event.source_date is not None:
        said.append(f"dated {md.text(event.source_date.human())}")
    if event.source_actors:
        said.append("naming " + ", ".join(md.text(a) for a in event.source_actors))
    return f"*The source's version:* {', '.join(said)}, according to {who}."


_FIELD_WORDS = {"date": "the date", "places": "where it happened", "actors": "who acted"}


def _disagreement(disagreement: Disagreement, titles: dict[str, str]) -> str:
    versions = "; ".join(
        f"{md.text(disagreement.words(v.value))} according to {', '.join(md.text(titles[s]) for s in v.sources)}" for v in disagreement.versions
    )
    text = f"**Sources disagree on {_FIELD_WORDS[disagreement.field]}:** {versions}. "
    followed = md.text(titles[disagreement.followed])
    if disagreement.because:
        text += f"The site follows {followed}: {md.text(disagreement.because)}"
    else:
        text += f"The site shows the version of {followed}, which describes the event; the curators have not chosen between them."
    return text


def _citation(event: Event, citation: EventCitation, page: str, places: Places) -> str:
    """A source of the event: link to its sourcing note, its version where it differs, its quote on demand."""
    label = md.link(md.text(citation.source.meta.title), links.source_note(page, citation.source.id))
    notes = []
    if citation.date is not None and (citation.date.text != event.date.text or event.disputes("date")):
        notes.append(f"dates it {md.text(citation.date.human())}")
    if citation.places and (citation.places != event.places or event.disputes("places")):
        notes.append("places it in " + place_pages.linked_names(places, citation.places, page))
    if citation.actors and (citation.actors != event.actors or event.disputes("actors")):
        notes.append("names " + ", ".join(md.text(a) for a in citation.actors))
    if citation.followed and event.disagreements:
        notes.append("*the version the site follows*")
    notes.append(f"reported {md.text(citation.reported.human())}" if citation.reported is not None else "report date unknown")
    if citation.according_to:
        notes.append(f"according to {md.text(citation.according_to)}")
    shown = f" — {'; '.join(notes)}" if notes else ""
    quote = (
        '<span class="tl-quote" tabindex="0">'
        '<span class="tl-quote-label">Their words</span> '
        f'<span class="tl-quote-text">{md.quote(citation.quote)}</span>'
        "</span>"
    )
    return f"- {label}{shown} {quote}"
