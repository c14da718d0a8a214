"""The glossary page: terms A–Z with their original form, definition and uses."""

from __future__ import annotations

from itertools import groupby

from builder.curate import GlossaryEntry, Site
from builder.render import markdown as md

PAGE = "glossary.md"


def render(site: Site) -> dict[str, str]:
    out = [md.front("Glossary", f"{md.plural(len(site.glossary), 'term')} readers meet in the sources, defined and cited."), "# Glossary\n"]
    out.append("What the words in the sources mean, in our words, with the sources' own uses. Russian terms are given in Cyrillic with a BGN/PCGN transliteration.\n")
    letters = [(letter, list(group)) for letter, group in groupby(site.glossary, key=lambda g: _letter(g.term.term))]
    out.append("**Jump to:** " + " · ".join(md.link(letter, f"#letter-{letter.lower()}") for letter, _ in letters) + "\n")
    for letter, entries in letters:
        out.append(f"## {letter} {{#letter-{letter.lower()}}}\n")
        out.extend(render_term(entry, site) for entry in entries)
    return {PAGE: "\n".join(out)}


def _letter(term: str) -> str:
    first = next((c for c in term.upper() if c.isalnum()), "#")
    return first if first.isascii() else "#"


def render_term(entry: GlossaryEntry, site: Site) -> str:
    term = entry.term
    lines = [f"### {md.text(term.term)} {{#{term.id}}}\n"]
    if term.original:
        original = md.text(term.original)
        if term.transliteration:
            original += f" (*{md.text(term.transliteration)}*)"
        lines.append(f"Russian: {original}\n")
    lines.append(md.paragraphs(term.definition) + "\n")
    if term.aliases:
        lines.append("*Also:* " + ", ".join(md.text(a) for a in term.aliases) + "\n")
    if term.related:
        lines.append("*Related:* " + ", ".join(md.link(md.text(site.terms_by_id[r].term.term), f"#{r}") for r in term.related if r in site.terms_by_id) + "\n")
    eras = {e.id: e for e in site.eras}
    if term.eras:
        lines.append("*Era:* " + ", ".join(md.link(md.text(eras[e].title), md.rel(PAGE, f"timeline.md#era-{e}")) for e in term.eras if e in eras) + "\n")
    lines.append("Cited:\n")
    for citation in term.citations:
        title = next((p.source.meta.title for p in site.sources if p.source.id == citation.source), citation.source)
        lines.append(f"- {md.link(md.text(title), md.rel(PAGE, f'sources/{citation.source}.md'))}: {md.quote(citation.quote)}")
    lines.append("")
    if entry.uses:
        uses = ", ".join(f"{md.link(md.text(u.source.meta.title), md.rel(PAGE, f'sources/{u.source.id}.md'))} ({u.count}×)" for u in entry.uses)
        lines.append(f"*Used in:* {uses}\n")
    if entry.events:
        links = ", ".join(md.link(md.text(site.events_by_id[e].title), md.rel(PAGE, f"timeline.md#{e}")) for e in entry.events)
        lines.append(f"*Events:* {links}\n")
    return "\n".join(lines) + "\n"
