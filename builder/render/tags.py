"""Tag pages: one listing per tag of the events that carry it, and an index."""

from __future__ import annotations

from builder.curate import Site
from builder.render import markdown as md


def render(site: Site) -> dict[str, str]:
    pages: dict[str, str] = {}
    index = [md.front("Tags", "Every topic tag on the timeline, with its events."), "# Tags\n"]
    for tag, ids in site.tags.items():
        index.append(f"- {md.link(md.text(tag), f'{tag}.md')} ({len(ids)})")
        out = [md.front(f"Tag: {tag}", f"Events tagged {tag}."), f"# Tag: {md.text(tag)}\n"]
        term = site.terms_by_id.get(tag)
        if term is not None:
            out.append(f"Glossary: {md.link(md.text(term.term.term), md.rel(f'tags/{tag}.md', 'glossary.md#' + tag))} — {md.text(term.term.short)}\n")
        for event_id in ids:
            event = site.events_by_id[event_id]
            out.append(f"- {md.text(event.date.human())}: {md.link(md.text(event.title), md.rel(f'tags/{tag}.md', 'timeline.md#' + event.id))}")
        pages[f"tags/{tag}.md"] = "\n".join(out) + "\n"
    pages["tags/index.md"] = "\n".join(index) + "\n"
    return pages
