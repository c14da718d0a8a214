"""The references page (the editors' bibliography), and the editors' notes and claim statuses as other pages show them.

A note is the editors' voice, never a quote: it is set apart, labelled as
theirs, and each work it cites links to its entry on ``references.md``. A
claim status is a short label beside a title: who stands behind it.
"""

from __future__ import annotations

from builder import dates
from builder.curate import Site
from builder.curate.notes import Cited, Note
from builder.curate.status import Status
from builder.model import Reference
from builder.render import markdown as md

PAGE = "references.md"

KIND_WORDS = {
    "book": "Book",
    "chapter": "Chapter",
    "article": "Article",
    "archival-document": "Archival document",
    "law": "Law",
    "official-act": "Official act",
    "official-statement": "Official statement",
    "web-page": "Web page",
}


def render(site: Site) -> dict[str, str]:
    """``references.md``: every work the editors cite (the method page links to it, so it exists when they cite none)."""
    out = [md.front("References", f"{md.counted(len(site.references), 'work')} the editors cite in their notes, from {site.info.title}."), "# References\n"]
    out.append(
        "The works the editors cite where they add to or correct what a source says. "
        "Each detail is given only as the editors have seen it; what they could not verify is left out. "
        "Their notes appear beside the events, figures and terms they concern, marked *Editors' note*.\n"
    )
    if not site.references:
        out.append("The editors cite no work yet.\n")
    for reference in sorted(site.references, key=_sort_key):
        out.append(f'<span id="{reference.id}"></span>{entry(reference)}\n')
    return {PAGE: "\n".join(out)}


def _sort_key(reference: Reference) -> tuple:
    return (label(reference).casefold(), reference.id)


def label(reference: Reference) -> str:
    """A short name for the work, plain text: 'Krivosheev (ed.) 2001', else its title (in English where given)."""
    names = reference.authors or reference.editors
    if names:
        surnames = [*reference.family_names[:2], *(n.split()[-1] for n in names[len(reference.family_names) : 2])]
        who = " and ".join(surnames) + (" et al." if len(names) > 2 else "") + (" (ed.)" if not reference.authors and len(names) == 1 else " (eds.)" if not reference.authors else "")
        when = reference.year or (reference.date[:4] if reference.date else None)
        return f"{who} {when}" if when else who
    return reference.translated_title or reference.title


def entry(reference: Reference) -> str:
    """The full entry of a work, as safe Markdown."""
    parts = [f"**{md.text(label(reference))}.**"]
    if reference.authors:
        parts.append(md.text(", ".join(reference.authors)) + ".")
    if reference.editors:
        parts.append(md.text(", ".join(reference.editors)) + (" (ed.)." if len(reference.editors) == 1 else " (eds.)."))
    if reference.issued_by:
        parts.append(md.text(reference.issued_by) + (f", No. {md.text(reference.number)}" if reference.number else "") + ".")
    elif reference.number:
        parts.append(f"No. {md.text(reference.number)}.")
    if reference.date:
        parts.append(md.text(dates.parse(reference.date).human()) + ".")
    title = f"*{md.text(reference.title)}*"
    if reference.transliterated_title:
        title += f" ({md.text(reference.transliterated_title)})"
    if reference.translated_title:
        title += " " + md.text(f"[{reference.translated_title}]")
    parts.append(title + ".")
    if reference.container:
        parts.append(f"In: {md.text(reference.container)}.")
    published = ": ".join(md.text(p) for p in (reference.place, reference.publisher) if p)
    if reference.year:
        published = f"{published}, {reference.year}" if published else str(reference.year)
    if published:
        parts.append(published + ".")
    if reference.archive:
        parts.append(f"{md.text(reference.archive)}.")
    for name, value in (("ISBN", reference.isbn), ("DOI", reference.doi)):
        if value:
            parts.append(f"{name} {md.text(value)}.")
    if reference.url:
        parts.append(md.code(reference.url))
    parts.append(f"*{KIND_WORDS[reference.kind]}.*")
    if reference.note:
        parts.append(md.text(reference.note))
    return " ".join(parts)


def cited(item: Cited, page: str) -> str:
    """One work a note cites: its short name, linked to its entry, and the pages where verified."""
    text = md.text(label(item.reference))
    if item.pages:
        text += f", {md.text(item.pages)}"
    return md.link(text, md.rel(page, PAGE) + f"#{item.reference.id}")


def note_inline(note: Note, page: str) -> str:
    """An editors' note as one line of Markdown (a table cell holds it): labelled as theirs, with the works it cites."""
    label_text = "Corrected by the editors" if note.correction else "Editors' note"
    refs = "; ".join(cited(c, page) for c in note.cites)
    return f"**{label_text}:** {md.text(note.text)} ({'Reference' if len(note.cites) == 1 else 'References'}: {refs})"


def note_block(note: Note, page: str) -> str:
    """An editors' note as its own paragraph, set apart from the sources' words."""
    return note_inline(note, page) + "\n{: .ed-note }\n"


def notes_blocks(notes: tuple[Note, ...], page: str) -> list[str]:
    return [note_block(n, page) for n in notes]


def badge(status: Status) -> str:
    """The claim status as a short label: 'Reported by Kontur', 'Corroborated by 2 independent sources', 'Corrected by the editors'."""
    if status.kind == "reported":
        who = status.origins[0] if status.origins else "one source"
        words = f"Reported by {md.text(who)}" + (f"; {md.counted(status.disagreeing, 'other source')} {'dates' if status.disagreeing == 1 else 'date'} it otherwise" if status.disagreeing else " only")
    elif status.kind == "corroborated":
        words = f"Corroborated by {len(status.origins)} independent sources"
    else:
        words = "Corrected by the editors"
    return f'<span class="claim claim-{status.kind}">{words}</span>'


def badge_text(status: Status) -> str:
    """:func:`badge` as plain words, for data exports."""
    if status.kind == "reported":
        who = status.origins[0] if status.origins else "one source"
        return f"reported by {who}" + (f"; {status.disagreeing} other source(s) date it otherwise" if status.disagreeing else " only")
    if status.kind == "corroborated":
        return f"corroborated by {len(status.origins)} independent sources: {', '.join(status.origins)}"
    return "corrected by the editors"
