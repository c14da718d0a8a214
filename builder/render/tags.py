"""Tag pages: one listing per tag of the events that carry it, by year, and an index of tags.

A tag's listing is split into pages of at most
:data:`builder.render.links.MAX_EVENTS_PER_PAGE` events: ``tags/<tag>.md``,
then ``tags/<tag>/2.md`` and so on.
"""

from __future__ import annotations

from functools import partial
from itertools import groupby

from builder.curate import Event, Site
from builder.incremental import Page, Ref, one_of
from builder.render import links
from builder.render import markdown as md

INDEX = "tags/index.md"


def site_pages(site: Site) -> list[Page]:
    """The index of tags (made at every build) and each tag's pages, which show its events and the glossary's term of its name."""
    index = [md.front("Tags", "Every topic tag on the timeline, with its events."), "# Tags\n"]
    index.append(f"Every topic tag on the {md.link('timeline', links.timeline(INDEX))}, with how many events carry it.\n")
    inputs = links.Lookups(site)
    out: list[Page] = []
    for tag, ids in site.tags.items():
        index.append(f"- {md.link(md.text(tag), md.rel(INDEX, f'tags/{tag}.md'))} ({len(ids)})")
        shows = (("tag", tag), ("term-name", tag), *(ref for i in ids for ref in (("event", i), ("event-page", i))))
        every = partial(render_tag, inputs, tag, [inputs.events_by_id[i] for i in ids])  # one call makes all of a tag's pages
        out.extend(Page(path, shows, partial(one_of, every, path), (), _cites(site, tag, ids, n)) for n, path in enumerate(links.tag_pages(site, tag)))
    out.append(Page(INDEX, None, lambda: "\n".join(index) + "\n", (), None))
    return out


def _cites(site: Site, tag: str, ids: tuple[str, ...], n: int) -> tuple[Ref, ...]:
    """What the tag's ``n``-th page (from 0) links to: its events, and on the first the glossary's term of the same name."""
    size = links.MAX_EVENTS_PER_PAGE
    term = (("term", tag),) if n == 0 and tag in site.terms_by_id else ()
    return (*term, *(("event", i) for i in ids[n * size : (n + 1) * size]))


def render(site: Site) -> dict[str, str]:
    return {page.path: page.make() for page in site_pages(site)}


def render_tag(site: links.Lookups, tag: str, events: list[Event]) -> dict[str, str]:
    """The listing pages of one tag."""
    paths = links.tag_pages(site, tag)
    event_pages = site.event_pages
    size = links.MAX_EVENTS_PER_PAGE
    pages = {}
    for n, path in enumerate(paths):
        chunk = events[n * size : (n + 1) * size]
        part = f" (part {n + 1} of {len(paths)})" if len(paths) > 1 else ""
        out = [md.front(f"Tag: {tag}{part}", f"{md.counted(len(events), 'event')} tagged {tag}."), f"# Tag: {md.text(tag)}{part}\n"]
        term = site.terms_by_id.get(tag)
        if term is not None and n == 0:
            out.append(f"Glossary: {md.link(md.text(term.term.term), md.rel(path, 'glossary.md#' + tag))} — {md.text(term.term.short)}\n")
        out.append(f"{md.counted(len(events), 'event')} on the {md.link('timeline', links.timeline(path))} carry this tag. {md.link('All tags', md.rel(path, INDEX))}.\n")
        if len(paths) > 1:
            out.append(links.pager(path, paths) + "\n")
        for year, group in groupby(chunk, key=lambda e: e.date.anchor.year if e.date.anchor else None):
            out.append(f"## {year if year is not None else 'Year not known'}\n")
            out.extend(f"- {md.text(e.date.human())}: {md.link(md.text(e.title), links.event_in(event_pages, path, e.id))}" for e in group)
            out.append("")
        pages[path] = "\n".join(out)
    return pages
