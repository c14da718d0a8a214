"""The glossary: terms A–Z, each with its definition, citations, a few uses in the sources and timeline events.

The entries are on pages by first letter, ``glossary/<letter>/entries.md``
(then ``glossary/<letter>/entries-2.md`` and so on, at most
:data:`MAX_TERMS_PER_PAGE` entries a page), so that no page grows with the
number of terms. ``glossary.md`` is the index of the terms: each is a link to
its entry, with the term's id as its own anchor, so that a link to
``glossary.md#<term id>`` (every page's tooltips, a term's own pages, older
links) still lands: on the term's line there, from which
``overrides/main.html`` takes the reader on to the entry.

A term's complete list of uses and events is on its own pages,
``glossary/<term id>.md``, then ``glossary/<term id>/2.md`` and so on, at
most :data:`MAX_ITEMS_PER_PAGE` lines each (the scheme of the tag pages,
:func:`builder.render.links.tag_pages`), so that no page grows with the
number of sources. Those pages exist only for terms with more uses or
events than the glossary page shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from builder.budget import SHARE
from builder.curate import Event, GlossaryEntry, Site, TermUse
from builder.incremental import Cached, Page, Ref, fresh, one_of
from builder.render import links, references
from builder.render import markdown as md

PAGE = "glossary.md"
ENTRY_CLASS = "glossary-entry"
"""Class of each entry's heading: on the glossary page, tooltips do not mark a term inside its own entry."""
LISTED_USES = 3
"""A term used by at most this many sources has them all quoted on the glossary page."""
EXAMPLE_USES = 1
"""A term used by more has this many quoted, and the number of its sources links to its own pages, which list every one.

So the glossary page is about as long with 10,000 sources as with 100: at
100 synthetic sources a typical term is used two or three times, and a larger
corpus then shortens that term's entry to one example rather than lengthening it."""
LISTED_EVENTS = 2
"""A term involved in at most this many timeline events has them named on the glossary page; beyond, their number links to its own pages."""
MAX_TERMS_PER_PAGE = 20
"""The most entries one letter's page holds; a letter with more has further parts. An entry is bounded (a few uses
and events, then links to its own pages), so a page is too."""
MOVED_CLASS = "glossary-moved"
"""Class of a term's link on the index, which takes a reader who came to the term's anchor there on to the entry."""
OLD_FOLDER_INDEX = "glossary/index.md"
"""The index again, where ``glossary/#<term id>`` links (of a site with folder addresses) lead."""
MAX_ITEMS_PER_PAGE = 200
"""The most lines (uses and events together) one page of a term's uses holds; a line is a short quote or a title, a tenth of a timeline entry."""
EVENTS_ANCHOR = "on-the-timeline"
"""Anchor of the events' heading on a term's pages."""


@dataclass(frozen=True)
class UsesPage:
    """One page of a term's uses: a slice of its sources, then of its events."""

    path: str
    uses: tuple[TermUse, ...]
    events: tuple[str, ...]


def site_pages(site: Site, cached: Cached = fresh) -> list[Page]:
    """The index of the terms, the letters' pages of entries (made at every build, each entry given back by ``cached`` while what it shows is unchanged), and the own pages of the terms with more uses or events than an entry shows."""
    inputs = links.Lookups(site)
    letters = [(letter, list(group)) for letter, group in groupby(site.glossary, key=lambda g: _letter(g.term.term))]
    layout = letter_pages(letters)
    where = {entry.term.id: path for path, _, entries in layout for entry in entries}
    # The index links to every entry.
    out = [Page(PAGE, None, partial(_index, site, letters, where, PAGE), (), tuple(("term", g.term.id) for g in site.glossary))]
    if "index" not in where:  # else glossary/index.md is the term "index"'s own page
        out.append(Page(OLD_FOLDER_INDEX, None, partial(_index, site, letters, where, OLD_FOLDER_INDEX), (), None))
    for path, letter, entries in layout:
        presents = tuple(("term", e.term.id) for e in entries)
        cites = tuple(ref for e in entries for ref in entry_cites(e, inputs))
        out.append(Page(path, None, partial(_letter_page, path, letter, entries, layout, where, inputs, cached), presents, cites))
    for entry in site.glossary:
        shows = (("term", entry.term.id), *(("event-page", e) for e in entry.events))
        every = partial(render_uses, entry, inputs)  # one call makes all of a term's pages
        out.extend(Page(page.path, shows, partial(one_of, every, page.path), (), uses_cites(entry, page)) for page in uses_pages(entry))
    return out


def render(site: Site) -> dict[str, str]:
    """The glossary's pages: the index, the letters' pages and the terms' own pages."""
    return {page.path: page.make() for page in site_pages(site)}


Layout = list[tuple[str, str, list[GlossaryEntry]]]


def letter_pages(letters: list[tuple[str, list[GlossaryEntry]]]) -> Layout:
    """The pages of entries: (path, the letters they span, entries), whole letters together, :data:`MAX_TERMS_PER_PAGE` entries at most a page.

    Consecutive letters share a page while they fit (``glossary/a-d/entries.md``,
    "A–D"); a letter with more entries than a page holds has pages of its own
    (``glossary/s/entries.md``, then ``entries-2.md``). No term's own pages
    (``glossary/<term id>.md``, ``glossary/<term id>/<n>.md``) take these names.
    """
    size = MAX_TERMS_PER_PAGE
    groups: list[list[tuple[str, list[GlossaryEntry]]]] = []
    joinable = False  # whether the last page may take the next letter
    for letter, entries in letters:
        if len(entries) > size:
            groups.extend([(letter, entries[start : start + size])] for start in range(0, len(entries), size))
            joinable = False
        elif joinable and sum(len(e) for _, e in groups[-1]) + len(entries) <= size:
            groups[-1].append((letter, entries))
        else:
            groups.append([(letter, entries)])
            joinable = True
    layout: Layout = []
    for group in groups:
        first, last = group[0][0], group[-1][0]
        folder, span = (_letter_id(first), first) if first == last else (f"{_letter_id(first)}-{_letter_id(last)}", f"{first}–{last}")
        part = sum(1 for path, _, _ in layout if path.startswith(f"glossary/{folder}/"))
        name = "entries.md" if part == 0 else f"entries-{part + 1}.md"
        layout.append((f"glossary/{folder}/{name}", span, [entry for _, entries in group for entry in entries]))
    return layout


def _index(site: Site, letters: list[tuple[str, list[GlossaryEntry]]], where: Mapping[str, str], page: str) -> str:
    """The index of the terms: each a link to its entry, anchored by the term's id (where older links land), with its original form."""
    out = [md.front("Glossary", f"{md.counted(len(site.glossary), 'term')} readers meet in the sources, defined and cited."), "# Glossary\n"]
    out.append(
        "What the words in the sources mean, in our words, with the sources' own uses. "
        "Terms from another language are given in their original script; Russian ones are romanized with the BGN/PCGN system. "
        "On every page of the site, the first mention of a term is marked: point at it, focus it or tap it for a short definition and a link to its entry here.\n"
    )
    if letters:
        out.append("**Jump to:** " + " · ".join(md.link(letter, f"#letter-{_letter_id(letter)}") for letter, _ in letters) + "\n")
    for letter, entries in letters:
        out.append(f"## {letter} {{#letter-{_letter_id(letter)}}}\n")
        for entry in entries:
            term = entry.term
            line = f"- {md.link(md.text(term.term), md.rel(page, f'{where[term.id]}#{term.id}'))}{{#{term.id} .{MOVED_CLASS}}}"
            out.append(line + (f" — {md.text(term.original)}" if term.original else ""))
        out.append("")
    return "\n".join(out)


def _letter_page(path: str, letter: str, entries: list[GlossaryEntry], layout: Layout, where: Mapping[str, str], inputs: links.Lookups, cached: Cached) -> str:
    """One page of entries (``letter``: the letters it spans), with the way to the other pages and to the index."""
    parts = [p for p, other, _ in layout if other == letter]
    title = f"Glossary: {letter}" + (f" (part {parts.index(path) + 1} of {len(parts)})" if len(parts) > 1 else "")
    names = ", ".join(e.term.term for e in entries[:3]) + ("…" if len(entries) > 3 else ".")
    out = [md.front(title, f"{md.counted(len(entries), 'term')} of the glossary: {names}"), f"# {md.text(title)}\n"]
    firsts: dict[str, str] = {}
    for page, other, _ in layout:
        firsts.setdefault(other, page)
    jumps = " · ".join(f"**{other}**" if other == letter else md.link(other, md.rel(path, page)) for other, page in firsts.items())
    out.append(f"**Jump to:** {jumps} · {md.link('every term', md.rel(path, PAGE))}\n")
    if len(parts) > 1:
        out.append(links.pager(path, parts) + "\n")
    for entry in entries:
        related = tuple(where.get(r) for r in entry.term.related)
        given = (*_entry_reads(entry, inputs), path, related)
        out.append(cached(("term", entry.term.id), entry.digest, "entry", partial(_entry_text, entry, inputs, path, where), given=given))
    return "\n".join(out)


def _entry_text(entry: GlossaryEntry, inputs: links.Lookups, page: str, where: Mapping[str, str], _problems: object) -> str:
    return render_term(entry, inputs, page, where)


def _entry_reads(entry: GlossaryEntry, site: links.Lookups) -> tuple:
    """What :func:`render_term` shows besides the entry itself: related terms' names, eras' titles, the cited sources' files, the events' pages."""
    term = entry.term
    related = tuple(site.terms_by_id[r].term.term if r in site.terms_by_id else None for r in term.related)
    eras = tuple(site.eras_by_id[e].title if e in site.eras_by_id else None for e in term.eras)
    cited = tuple(site.sources_by_id[c.source].source.digest if c.source in site.sources_by_id else None for c in term.citations)
    return related, eras, cited, tuple(site.event_pages.get(e) for e in entry.events)


def _letter(term: str) -> str:
    first = next((c for c in term.upper() if c.isalnum()), "#")
    return first if first.isascii() else "#"


def _letter_id(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def ranked_uses(entry: GlossaryEntry) -> tuple[TermUse, ...]:
    """The term's uses, the sources that use it most first (ties by source id): the order of every list of them."""
    return tuple(sorted(entry.uses, key=lambda use: (-use.count, use.source.id)))


def has_own_pages(entry: GlossaryEntry) -> bool:
    """Whether the term has more uses or events than the glossary page shows, so pages of its own list them all."""
    return len(entry.uses) > LISTED_USES or len(entry.events) > LISTED_EVENTS


def uses_pages(entry: GlossaryEntry) -> tuple[UsesPage, ...]:
    """The pages of a term's uses: its sources, then its events, :data:`MAX_ITEMS_PER_PAGE` lines a page; none when the glossary shows them all."""
    if not has_own_pages(entry):
        return ()
    items: list[tuple[TermUse | None, str | None]] = [(use, None) for use in ranked_uses(entry)] + [(None, event) for event in entry.events]
    size = MAX_ITEMS_PER_PAGE
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    return tuple(
        UsesPage(
            uses_path(entry.term.id, n),
            tuple(use for use, _ in chunk if use is not None),
            tuple(event for _, event in chunk if event is not None),
        )
        for n, chunk in enumerate(chunks, start=1)
    )


def uses_path(term_id: str, part: int = 1) -> str:
    """``glossary/<term id>.md``, then ``glossary/<term id>/2.md``: no term id can take another's part (ids have no ``/``)."""
    return f"glossary/{term_id}.md" if part == 1 else f"glossary/{term_id}/{part}.md"


def render_term(entry: GlossaryEntry, site: links.Lookups, page: str = PAGE, where: Mapping[str, str] | None = None) -> str:
    """One entry, on ``page``: its heading is the term's anchor; ``where`` gives the page of each term's entry (for related terms)."""
    term = entry.term
    lines = [f"### {md.text(term.term)} {{#{term.id} .{ENTRY_CLASS}}}\n"]
    if term.original:
        original = md.text(term.original)
        if term.transliteration:
            original += f" (*{md.text(term.transliteration)}*)"
        lines.append(f"*Original:* {original}\n")
    lines.append(md.paragraphs(term.definition) + "\n")
    lines.extend(references.notes_blocks(entry.notes, page))
    if term.aliases:
        lines.append("*Also:* " + ", ".join(md.text(a) for a in term.aliases) + "\n")
    if term.related:
        lines.append("*Related:* " + ", ".join(md.link(md.text(site.terms_by_id[r].term.term), _term_link(page, r, where)) for r in term.related if r in site.terms_by_id) + "\n")
    eras = site.eras_by_id
    if term.eras:
        lines.append("*Era:* " + ", ".join(md.link(md.text(eras[e].title), links.era(page, e)) for e in term.eras if e in eras) + "\n")
    lines.append("**Cited:**\n")
    for citation in term.citations:
        profile = site.sources_by_id.get(citation.source)
        title = profile.source.meta.title if profile is not None else citation.source
        lines.append(f"- {md.link(md.text(title), links.source_note(page, citation.source))}: {md.quote(citation.quote)}")
    lines.append("")
    lines.extend(_uses_summary(entry, page))
    lines.extend(_events_summary(entry, site, page))
    return "\n".join(lines) + "\n"


def entry_cites(entry: GlossaryEntry, site: links.Lookups) -> tuple[Ref, ...]:
    """What :func:`render_term` links to besides the term's own citations: its related terms, the sources of the uses it quotes, the events it names."""
    uses = ranked_uses(entry)
    shown = uses if len(uses) <= LISTED_USES else uses[:EXAMPLE_USES]
    events = entry.events if len(entry.events) <= LISTED_EVENTS else ()
    return (
        *(("term", r) for r in entry.term.related if r in site.terms_by_id),
        *(("source", use.source.id) for use in shown),
        *(("event", e) for e in events),
    )


def _term_link(page: str, term_id: str, where: Mapping[str, str] | None) -> str:
    """A link from ``page`` to a term's entry: on the same page, its anchor."""
    target = (where or {}).get(term_id, page)
    return f"#{term_id}" if target == page else md.rel(page, f"{target}#{term_id}")


def _uses_summary(entry: GlossaryEntry, page: str = PAGE) -> list[str]:
    """The term's uses on the glossary page: all of a few, or an example and the number of them, linked to the term's pages."""
    count = len(entry.uses)
    if not count:
        return ["**Used in:** no published source uses the term in these words.\n"]
    if count <= LISTED_USES:
        return [f"**Used in {md.counted(count, 'source')}:**\n", *(f"- {_use(use, page)}" for use in ranked_uses(entry)), ""]
    every = md.link(md.counted(count, "source"), md.rel(page, uses_path(entry.term.id)))
    shown = ranked_uses(entry)[:EXAMPLE_USES]
    return [f"**Used in {every}**, for example:\n", *(f"- {_use(use, page)}" for use in shown), ""]


def _events_summary(entry: GlossaryEntry, site: links.Lookups, page: str = PAGE) -> list[str]:
    """The term's timeline events on the glossary page: all of a few, or the number of them, linked to the term's pages."""
    count = len(entry.events)
    if not count:
        return []
    if count <= LISTED_EVENTS:
        return [f"**On the timeline ({count}):**\n", *(f"- {_event(site.events_by_id[e], site.event_pages, page)}" for e in entry.events), ""]
    # The events follow the uses on the term's pages: the first event is line len(uses) of them.
    first = uses_path(entry.term.id, len(entry.uses) // MAX_ITEMS_PER_PAGE + 1)
    every = md.link(md.counted(count, "event"), md.rel(page, f"{first}#{EVENTS_ANCHOR}"))
    return [f"**On the timeline: {every}.**\n"]


def uses_cites(entry: GlossaryEntry, page: UsesPage) -> tuple[Ref, ...]:
    """What one page of :func:`render_uses` links to: the term's entry, the sources and the events it lists."""
    return (("term", entry.term.id), *(("source", use.source.id) for use in page.uses), *(("event", e) for e in page.events))


def render_uses(entry: GlossaryEntry, site: links.Lookups) -> dict[str, str]:
    """A term's own pages: every source that uses it, then every timeline event that involves it."""
    layout = uses_pages(entry)
    term = entry.term
    pages = {}
    for n, page in enumerate(layout):
        part = f" (part {n + 1} of {len(layout)})" if len(layout) > 1 else ""
        title = f"{term.term}: where the sources use it{part}"
        out = [md.front(title, f"Where “{term.term}” appears: {md.counted(len(entry.uses), 'source')} and {md.counted(len(entry.events), 'timeline event')}."), f"# {md.text(title)}\n"]
        entry_link = md.link(md.text(term.term), md.rel(page.path, f"{PAGE}#{term.id}"))
        out.append(f"{entry_link}, in the {md.link('glossary', md.rel(page.path, PAGE))}: {md.text(term.short)}\n")
        on_timeline = f" and in {md.counted(len(entry.events), 'event')} on the {md.link('timeline', links.timeline(page.path))}" if entry.events else ""
        used = f"Used in {md.counted(len(entry.uses), 'source')} (listed by how often they use it)" if entry.uses else "Used in no published source"
        out.append(f"{used}{on_timeline}.\n")
        if len(layout) > 1:
            out.append(links.pager(page.path, [p.path for p in layout]) + "\n")
        if page.uses:
            out.append("## Sources {#sources}\n")
            out.extend(f"- {_use(use, page.path)}" for use in page.uses)
            out.append("")
        if page.events:
            out.append(f"## On the timeline {{#{EVENTS_ANCHOR}}}\n")
            out.extend(f"- {_event(site.events_by_id[e], site.event_pages, page.path)}" for e in page.events)
            out.append("")
        pages[page.path] = "\n".join(out)
    return pages


def _event(event: Event, event_pages: Mapping[str, str], page: str) -> str:
    return f"{md.link(md.text(event.title), links.event_in(event_pages, page, event.id))} ({md.text(event.date.human())})"


def _use(use: TermUse, page: str) -> str:
    meta = use.source.meta
    note = links.source_note(page, use.source.id)
    where = f"{md.link(md.text(meta.title), note)}: {_times(use.count)}"
    if use.first is not None:
        words = ("…" if use.cut_before else "") + md.text(use.first) + ("…" if use.cut_after else "")
        return f"{where}; first use: “{words}”"
    limit = f"within the publisher's reuse limit of {meta.reuse.limit:,} characters" if meta.reuse else f"within the site's quotation budget ({SHARE * 100:g} % of the article's words)"
    read = md.link("read it in the original", md.url(meta.url)) if meta.url else md.link("see the sourcing note", note)
    return f"{where}; the first use is not quoted here, to stay {limit} ({read})"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count:,} times")
