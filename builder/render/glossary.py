"""The glossary page: terms A–Z, each with its definition, citations, uses in the sources and timeline events."""

from __future__ import annotations

from itertools import groupby

from builder.curate import GlossaryEntry, Site, TermUse
from builder.render import links
from builder.render import markdown as md

PAGE = "glossary.md"
ENTRY_CLASS = "glossary-entry"
"""Class of each entry's heading: on the glossary page, tooltips do not mark a term inside its own entry."""


def render(site: Site) -> dict[str, str]:
    out = [md.front("Glossary", f"{md.plural(len(site.glossary), 'term')} readers meet in the sources, defined and cited."), "# Glossary\n"]
    out.append(
        "What the words in the sources mean, in our words, with the sources' own uses. "
        "Terms from another language are given in their original script; Russian ones are romanized with the BGN/PCGN system. "
        "On every page of the site, the first mention of a term is marked: point at it, focus it or tap it for a short definition and a link to its entry here.\n"
    )
    letters = [(letter, list(group)) for letter, group in groupby(site.glossary, key=lambda g: _letter(g.term.term))]
    if letters:
        out.append("**Jump to:** " + " · ".join(md.link(letter, f"#letter-{_letter_id(letter)}") for letter, _ in letters) + "\n")
    for letter, entries in letters:
        out.append(f"## {letter} {{#letter-{_letter_id(letter)}}}\n")
        out.extend(render_term(entry, site) for entry in entries)
    return {PAGE: "\n".join(out)}


def _letter(term: str) -> str:
    first = next((c for c in term.upper() if c.isalnum()), "#")
    return first if first.isascii() else "#"


def _letter_id(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def render_term(entry: GlossaryEntry, site: Site) -> str:
    """One entry: its heading is the term's anchor, ``glossary.md#<term id>``."""
    term = entry.term
    lines = [f"### {md.text(term.term)} {{#{term.id} .{ENTRY_CLASS}}}\n"]
    if term.original:
        original = md.text(term.original)
        if term.transliteration:
            original += f" (*{md.text(term.transliteration)}*)"
        lines.append(f"*Original:* {original}\n")
    lines.append(md.paragraphs(term.definition) + "\n")
    if term.aliases:
        lines.append("*Also:* " + ", ".join(md.text(a) for a in term.aliases) + "\n")
    if term.related:
        lines.append("*Related:* " + ", ".join(md.link(md.text(site.terms_by_id[r].term.term), f"#{r}") for r in term.related if r in site.terms_by_id) + "\n")
    eras = {e.id: e for e in site.eras}
    if term.eras:
        lines.append("*Era:* " + ", ".join(md.link(md.text(eras[e].title), links.era(PAGE, e)) for e in term.eras if e in eras) + "\n")
    titles = {p.source.id: p.source.meta.title for p in site.sources}
    lines.append("**Cited:**\n")
    for citation in term.citations:
        title = titles.get(citation.source, citation.source)
        lines.append(f"- {md.link(md.text(title), links.source_note(PAGE, citation.source))}: {md.quote(citation.quote)}")
    lines.append("")
    if entry.uses:
        lines.append(f"**Used in {md.plural(len(entry.uses), 'source')}:**\n")
        lines.extend(f"- {_use(use)}" for use in entry.uses)
        lines.append("")
    else:
        lines.append("**Used in:** no published source uses the term in these words.\n")
    if entry.events:
        lines.append(f"**On the timeline ({len(entry.events)}):**\n")
        for event_id in entry.events:
            event = site.events_by_id[event_id]
            lines.append(f"- {md.link(md.text(event.title), links.event(site, PAGE, event.id))} ({md.text(event.date.human())})")
        lines.append("")
    return "\n".join(lines) + "\n"


def _use(use: TermUse) -> str:
    meta = use.source.meta
    note = links.source_note(PAGE, use.source.id)
    where = f"{md.link(md.text(meta.title), note)}: {_times(use.count)}"
    if use.first is not None:
        words = ("…" if use.cut_before else "") + md.text(use.first) + ("…" if use.cut_after else "")
        return f"{where}; first use: “{words}”"
    limit = f"within the publisher's reuse limit of {meta.reuse.limit:,} characters" if meta.reuse else "within the reuse limit"
    read = md.link("read it in the original", md.url(meta.url)) if meta.url else md.link("see the sourcing note", note)
    return f"{where}; the first use is not quoted here, to stay {limit} ({read})"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")
