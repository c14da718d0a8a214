"""The sources index and one sourcing note per source."""

from __future__ import annotations

from builder.curate import Site, SourceProfile
from builder.render import markdown as md

UNKNOWN = "*unknown*"


def render(site: Site) -> dict[str, str]:
    pages = {"sources/index.md": render_index(site)}
    for profile in site.sources:
        pages[f"sources/{profile.source.id}.md"] = render_note(profile, site)
    return pages


def render_index(site: Site) -> str:
    out = [md.front("Sources", f"The {len(site.sources)} sources of {site.info.title}, with what each is used for."), "# Sources\n"]
    out.append("Every source the site relies on. Each has a sourcing note: what it is, who published it, what is unknown about it, and what the site uses it for.\n")
    rows = []
    for profile in site.sources:
        meta = profile.source.meta
        rows.append(
            [
                md.link(md.text(meta.title), f"{profile.source.id}.md"),
                md.text(meta.publisher) if meta.publisher else UNKNOWN,
                md.text(_date(meta.published)) if meta.published else UNKNOWN,
                md.text(meta.kind),
                md.text(meta.language),
                str(len(profile.events) + len(profile.figures) + len(profile.terms)),
            ]
        )
    out.append(md.table(["Source", "Publisher", "Published", "Kind", "Language", "Items"], rows) + "\n")
    return "\n".join(out)


def _date(text: str) -> str:
    from builder.dates import humanize

    return humanize(text)


def render_note(profile: SourceProfile, site: Site) -> str:
    source = profile.source
    meta = source.meta
    page = f"sources/{source.id}.md"
    out = [md.front(meta.title, f"Sourcing note: who published it, what is known and unknown, and what the site uses it for."), f"# {md.text(meta.title)}\n"]
    out.append("Sourcing note. Fields marked *unknown* are not shown by the text; inferred fields say how they were inferred.\n")

    def field(name: str, label: str, value: str | None) -> list[str]:
        shown = value if value else UNKNOWN
        how = meta.inferred.get(name)
        if how:
            shown += f" — *inferred:* {md.text(how)}"
        return [label, shown]

    rows = [
        field("publisher", "Publisher", md.text(meta.publisher) if meta.publisher else None),
        field("authors", "Authors", ", ".join(md.text(a) for a in meta.authors) if meta.authors else None),
        field("published", "Published", md.text(_date(meta.published)) + f" (`{md.text(meta.published)}`)" if meta.published else None),
        field("url", "Original", md.link(md.text(meta.url), md.url(meta.url)) if meta.url else None),
        field("archive_url", "Archived copy", md.link(md.text(meta.archive_url), md.url(meta.archive_url)) if meta.archive_url else None),
        field("accessed", "Accessed", md.text(_date(meta.accessed)) if meta.accessed else None),
        field("language", "Language", md.text(meta.language)),
        field("kind", "Kind", md.text(meta.kind)),
    ]
    if meta.reuse:
        rows.append(["Reuse limit", f"{md.quote(meta.reuse.statement)} — the site quotes {profile.quoted_chars} of {meta.reuse.limit} characters"])
    else:
        rows.append(["Reuse limit", f"none stated — the site quotes {profile.quoted_chars} characters"])
    out.append(md.table(["Field", "Value"], rows) + "\n")
    if meta.notes:
        out.append("## Notes\n")
        out.append(md.paragraphs(meta.notes) + "\n")
    out.append("## What the site uses it for\n")
    if profile.events:
        out.append(f"**Events ({len(profile.events)})**\n")
        for event_id in profile.events:
            event = site.events_by_id[event_id]
            out.append(f"- {md.text(event.date.human())}: {md.link(md.text(event.title), md.rel(page, 'timeline.md#' + event_id))}")
        out.append("")
    if profile.figures:
        out.append(f"**Figures ({len(profile.figures)})**\n")
        for figure_id in profile.figures:
            figure = site.figures_by_id[figure_id]
            value = md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit)
            out.append(f"- {value}: {md.link(md.text(figure.measure.label), md.rel(page, 'figures.md#' + figure.measure.id))}")
        out.append("")
    if profile.terms:
        out.append(f"**Glossary terms ({len(profile.terms)})**\n")
        for term_id in profile.terms:
            out.append(f"- {md.link(md.text(site.terms_by_id[term_id].term.term), md.rel(page, 'glossary.md#' + term_id))}")
        out.append("")
    if not (profile.events or profile.figures or profile.terms):
        out.append("Nothing yet: no event, figure or term cites this source.\n")
    return "\n".join(out)
