"""The sources index and one sourcing note per source.

A note shows a source's metadata (unknown shown as unknown, inferred fields
with how), what the site uses it for, who it relies on and how it hedges
(found by :mod:`builder.profile`), and where other sources agree or disagree
with it. Excerpts shown on a note count against the source's reproduction
budget (:mod:`builder.budget`) with the site's quotes and snippets: they are
left out once the budget would be passed, and the note says so and shows
how much of the source the site shows.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from builder import budget as budgets
from builder import charts, dates
from builder.check import Source
from builder.curate import EventAgreement, EventComparison, Figure, FigureAgreement, FigureComparison, Site, SourceProfile
from builder.curate.agreement import MAX_NAMED
from builder.incremental import Cached, Page, Ref, fresh
from builder.problems import Problems
from builder.profile import HEDGE_KINDS, Attribution, Context, Hedge, TextProfile, context
from builder.render import figures as figures_page
from builder.render import links, references
from builder.render import markdown as md
from builder.search import SEARCH_EXCLUDED

UNKNOWN = "*unknown*"
INDEX = "sources/index.md"
SOURCES_PER_PAGE = 100
"""Rows on one page of the sources index: a page of a large site is no longer than the whole index of a site of 100 sources."""
MAX_LISTED = 200
"""Most events, figures or terms a note lists by name."""
MAX_SPEAKERS = 40
"""Most speakers a note lists, each with at most :data:`MAX_PER_SPEAKER` excerpts."""
MAX_PER_SPEAKER = 4
MAX_HEDGES_SHOWN = 40
"""Most hedges a note shows in context (all are counted)."""
MAX_COMPARED = 20
"""Most events, and most figures, a note places among other sources' (each with at most ``MAX_NAMED`` named)."""
ATTRIBUTION_WIDTH = 140
HEDGE_WIDTH = 120
"""Longest excerpt, in characters, around an attribution or a hedge."""


def site_pages(site: Site, cached: Cached = fresh) -> list[Page]:
    """The index pages (made at every build) and every source's note, with what it shows (:func:`note_shows`).

    ``cached`` may give back the sections of a note that depend on the
    source's text alone (who it relies on, how it hedges) from an earlier
    build (:meth:`builder.incremental.Files.get`): they are half the cost of
    a note, and an edit changes them for one source only.
    """
    out = [Page(path, None, partial(str, text), (), None) for path, text in render_index(site, cached=cached).items()]
    inputs = links.Lookups(site, figures_page.page_of(site))
    # A note presents its source and rests on it alone, whatever others it compares it with.
    # What a note shows follows from its source's profile alone: kept, with the profile's digest, for a rebuild.
    out.extend(
        Page(note_path(p.source.id), cached(("note", p.source.id), p.digest, "shows", lambda _: note_shows(p)), partial(render_note, p, inputs, cached=cached), (("source", p.source.id),), ())
        for p in site.sources
    )
    return out


def render(site: Site, cached: Cached = fresh) -> dict[str, str]:
    """The index pages and every source's note."""
    return {page.path: page.make() for page in site_pages(site, cached)}


def note_shows(profile: SourceProfile) -> tuple[Ref, ...]:
    """What a source's note shows: its profile (its events, figures and agreements with others among them), the pages of the events and figures it links to, the names of its terms."""
    events = dict.fromkeys([*profile.events, *(a.event.id for a in profile.event_agreement)])
    figures = dict.fromkeys([*profile.figures, *(f.id for a in profile.figure_agreement for f in (a.mine, *(c.theirs for c in a.nearest)))])
    return (
        ("source", profile.source.id),
        *(("event-page", e) for e in events),
        *(("figure-page", f) for f in figures),
        *(("term-name", t) for t in profile.terms),
    )


def note_path(source_id: str) -> str:
    return f"sources/{source_id}.md"


def index_pages(count: int, per_page: int = SOURCES_PER_PAGE) -> list[str]:
    """Paths of the index pages: ``sources/index.md``, then ``sources/pages/2.md``..."""
    parts = max(1, -(-count // per_page))
    return [INDEX] + [f"sources/pages/{n}.md" for n in range(2, parts + 1)]


def render_index(site: Site, per_page: int = SOURCES_PER_PAGE, cached: Cached = fresh) -> dict[str, str]:
    """The sources index, :data:`SOURCES_PER_PAGE` rows a page, each page sortable by its column headers."""
    paths = index_pages(len(site.sources), per_page)
    out: dict[str, str] = {}
    for n, path in enumerate(paths, start=1):
        chunk = site.sources[(n - 1) * per_page : n * per_page]
        title = "Sources" if n == 1 else f"Sources, page {n} of {len(paths)}"
        text = [md.front(title, f"The {len(site.sources)} sources of {site.info.title}, with what each is used for."), f"# {md.text(title)}\n"]
        text.append(
            "Every source the site relies on. Each has a sourcing note: what it is, who published it, what is unknown about it, "
            "what the site uses it for, who it relies on and how it hedges. "
            "*Relies on* counts the people, outlets and agencies it attributes statements to; *Hedges* counts its phrases of uncertainty "
            "or distance, both found automatically in its text.\n"
        )
        # When the sources were published, and by whom (builder/charts.py), on the first page.
        if n == 1:
            text.append(charts.embed(charts.publications(site.sources, path)))
        if len(paths) > 1:
            text.append(links.pager(path, paths) + "\n")
        text.append(
            "Select a column heading to sort the table"
            + (" on this page" if len(paths) > 1 else "")
            + f"; the full list is also in {md.link('sources.csv', md.rel(path, 'data/sources.csv'))}.\n"
        )
        rows = [cached(("source", p.source.id), p.digest, "index-row", lambda _: _index_row(p, path), given=(path,)) for p in chunk]
        text.append('<div class="sortable" markdown>\n')
        text.append(md.table(["Source", "Publisher", "Published", "Kind", "Language", "Items", "Relies on", "Hedges"], rows) + "\n")
        text.append("</div>\n")
        if len(paths) > 1:
            text.append(links.pager(path, paths) + "\n")
        out[path] = "\n".join(text)
    return out


def _key(value: str) -> str:
    """A hidden sort key for a cell; the index's script reads it, readers never see it."""
    return f'<span data-sort="{md.attr(value)}"></span>'


def _index_row(profile: SourceProfile, page: str) -> list[str]:
    meta = profile.source.meta
    published = dates.parse(meta.published) if meta.published else None
    named = {a.name for a in profile.text.attributions if a.named}
    read = profile.text.read
    return [
        md.link(md.text(meta.title), links.source_note(page, profile.source.id)),
        (_key(meta.publisher.casefold()) + md.text(meta.publisher)) if meta.publisher else _key("") + UNKNOWN,
        (_key("~" if not published.year_known else published.iso_bounds()[0] or "") + md.text(published.human())) if published else _key("") + UNKNOWN,
        md.text(meta.kind),
        md.text(meta.language),
        str(profile.items),
        str(len(named)) if read else _key("") + "*not read*",
        str(len(profile.text.hedges)) if read else _key("") + "*not read*",
    ]


def render_note(profile: SourceProfile, site: Site | links.Lookups, figure_pages: Mapping[str, str] | None = None, cached: Cached = fresh) -> str:
    """The sourcing note of ``profile``; ``site`` may be the whole site or what a note reads of it (:class:`~builder.render.links.Lookups`)."""
    source = profile.source
    meta = source.meta
    page = note_path(source.id)
    inputs = links.Lookups(site, figure_pages if figure_pages is not None else figures_page.page_of(site)) if isinstance(site, Site) else site
    pages_of = inputs.figure_pages
    relies, hedges, shown = _text_sections(profile, cached)

    out = [md.front(meta.title, "Sourcing note: who published it, what is known and unknown, who it relies on, how it hedges, and what the site uses it for."), f"# {md.text(meta.title)}\n"]
    out.append("Sourcing note. Fields marked *unknown* are not shown by the text; inferred fields say how they were inferred.\n")
    out.append(md.table(["Field", "Value"], _metadata(profile, shown)) + "\n")
    if meta.notes or profile.notes:
        out.append("## Notes\n")
    if meta.notes:
        out.append(md.paragraphs(meta.notes) + "\n")
    out.extend(references.notes_blocks(profile.notes, page))
    out.append(_uses(profile, inputs, page, pages_of))
    out.append(relies)
    out.append(hedges)
    out.append(_comparisons(profile, inputs, page, pages_of))
    return "\n".join(out)


# --- metadata and uses -----------------------------------------------------------


def _metadata(profile: SourceProfile, shown: budgets.Shown) -> list[list[str]]:
    meta = profile.source.meta

    def field(name: str, label: str, value: str | None) -> list[str]:
        shown = value if value else UNKNOWN
        how = meta.inferred.get(name)
        if how:
            shown += f" — *inferred:* {md.text(how)}"
        return [label, shown]

    rows = [
        field("publisher", "Publisher", md.text(meta.publisher) if meta.publisher else None),
        field("authors", "Authors", ", ".join(md.text(a) for a in meta.authors) if meta.authors else None),
        field("published", "Published", md.text(dates.humanize(meta.published)) + f" ({md.code(meta.published)})" if meta.published else None),
        field("url", "Original", md.link(md.text(meta.url), md.url(meta.url)) if meta.url else None),
        field("archive_url", "Archived copy", md.link(md.text(meta.archive_url), md.url(meta.archive_url)) if meta.archive_url else None),
        field("accessed", "Accessed", md.text(dates.humanize(meta.accessed)) if meta.accessed else None),
        field("language", "Language", md.text(meta.language)),
        field("kind", "Kind", md.text(meta.kind)),
    ]
    rows.append(["Shown on this site", _shown(shown)])
    if meta.reuse:
        rows.append(["Reuse limit", f"{md.quote(meta.reuse.statement)}: {md.number(meta.reuse.limit)} characters"])
    else:
        rows.append(["Reuse limit", f"none stated: the site shows at most {_percent(budgets.SHARE)} of the article's words"])
    return rows


def _shown(shown: budgets.Shown) -> str:
    """How much of the source the site shows, against its budget."""
    words = f"this site shows {md.number(shown.words)} words of this article's {md.number(shown.total)}, {_percent(shown.share)}"
    if shown.limit is not None:
        return f"{words}, {md.number(shown.chars)} characters; budget {md.number(shown.limit)} characters, the publisher's limit"
    return f"{words}; budget {_percent(budgets.SHARE)}"


def _corrected_to(figure: Figure) -> str:
    """What the editors' correction of a figure changes, as it reads after the source's number: its value, its date, or both."""
    stated = figure.claimed
    if stated is None:
        return ""
    fixes = []
    if (stated.value, stated.low, stated.high, stated.qualifier) != (figure.value, figure.low, figure.high, figure.qualifier):
        fixes.append(md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit))
    if stated.as_of != (figure.as_of.text if figure.as_of else None):
        fixes.append(f"the date {md.text(figure.as_of.human())}" if figure.as_of else "no date")
    return f" (*corrected by the editors to* {' and '.join(fixes)})" if fixes else ""


def _percent(share: float) -> str:
    return f"{share * 100:.1f}".removesuffix(".0") + " %"


def _uses(profile: SourceProfile, site: links.Lookups, page: str, figure_pages: Mapping[str, str]) -> str:
    out = ["## What the site uses it for\n"]
    if profile.events:
        out.append(f"**Events ({len(profile.events)})**\n")
        for event_id in profile.events[:MAX_LISTED]:
            event = site.events_by_id[event_id]
            out.append(f"- {md.text(event.date.human())}: {md.link(md.text(event.title), links.event_in(site.event_pages, page, event_id))}")
        out.append(_more(len(profile.events), "events", page, "data/timeline.json"))
    if profile.figures:
        out.append(f"**Figures ({len(profile.figures)})**\n")
        for figure_id in profile.figures[:MAX_LISTED]:
            figure = site.figures_by_id[figure_id]
            stated = figure.claimed or figure
            value = md.amount(stated.value, stated.low, stated.high, stated.qualifier, figure.measure.unit)
            target = md.rel(page, f"{figure_pages[figure_id]}#{figure_id}")
            derived = " *(derived)*" if figure.derived else ""
            if figure.claimed is not None:
                derived += _corrected_to(figure)
            out.append(f'- <span id="{figures_page.citation_anchor(figure)}"></span>{md.link(value, target)}{derived}: {md.text(figure.measure.label)} — {md.quote(figure.quote)}')
        out.append(_more(len(profile.figures), "figures", page, "data/figures.json"))
    if profile.terms:
        out.append(f"**Glossary terms ({len(profile.terms)})**\n")
        for term_id in profile.terms[:MAX_LISTED]:
            out.append(f"- {md.link(md.text(site.terms_by_id[term_id].term.term), md.rel(page, 'glossary.md#' + term_id))}")
        out.append(_more(len(profile.terms), "terms", page, "data/glossary.json"))
    if not profile.items:
        out.append("Nothing yet: no event, figure or term cites this source.\n")
    return "\n".join(out)


def _more(count: int, what: str, page: str, data: str, shown: int = MAX_LISTED) -> str:
    if count <= shown:
        return ""
    return f"\n…and {md.number(count - shown)} more {what}: see {md.link(data.removeprefix('data/'), md.rel(page, data))}.\n"


# --- excerpts within the reuse limit -----------------------------------------------


class _Budget:
    """The source's reproduction budget, as the excerpts on its note take from it."""

    def __init__(self, allowance: budgets.Allowance, binding: bool) -> None:
        self.allowance = allowance
        self.binding = binding
        """Whether an excerpt that would pass the budget is left out; if not, all are shown and counted."""
        self.omitted = 0

    def take(self, excerpt: Context) -> bool:
        if self.allowance.take(excerpt.text, optional=self.binding):
            return True
        self.omitted += 1
        return False


def _excerpt(excerpt: Context, budget: _Budget, bold: bool) -> str:
    """A verbatim excerpt in quotation marks, the finding in bold; '' when the budget forbids it."""
    if not budget.take(excerpt):
        return ""
    mark = "**" if bold else ""
    parts = []
    if excerpt.clipped_before:
        parts.append("…")
    if excerpt.before:
        parts.append(md.text(excerpt.before) + (" " if excerpt.before.endswith(" ") else ""))
    parts.append(f"{mark}{md.text(excerpt.matched)}{mark}")
    if excerpt.after:
        parts.append((" " if excerpt.after.startswith(" ") else "") + md.text(excerpt.after))
    if excerpt.clipped_after:
        parts.append("…")
    return "“" + "".join(parts) + "”"


def _limit_note(budget: _Budget, omitted: int) -> str:
    """Says that ``omitted`` excerpts were left out, and why."""
    if not omitted:
        return ""
    shown = budget.allowance
    if shown.limit is not None:
        allows = f"the publisher allows {md.number(shown.limit)} characters of it in all, and the site's quotes and the excerpts shown use {md.number(shown.chars)}"
    else:
        allows = f"the site shows at most {_percent(budgets.SHARE)} of an article's words, and what it shows of this one with the excerpts shown takes {_percent(shown.words / shown.text.count if shown.text.count else 0)}"
    return f"*{md.counted(omitted, 'excerpt')} left out: {allows}.*\n"


# --- what depends on the text alone ---------------------------------------------------


@dataclass(frozen=True)
class NoteText:
    """All that a note's sections on its source's text show, and so all that they are kept by.

    They depend on the text, its profile, its language, its publisher (a
    speaker who told the publisher is shown as "told the source itself") and,
    when the excerpts would pass the source's reproduction budget, on what
    the site shows of it already (``shown``: excerpts are left out past the
    budget, and the note says why); on nothing else. The source's file gives
    all but ``shown``, so they are kept by the file, and by ``shown`` where it
    applies (:meth:`builder.incremental.Files.get`), and a worker process
    that has read a text can make them, excerpts unbudgeted, before the site
    is curated (:class:`builder.pipeline.TextReading`): most notes' excerpts fit.
    """

    body: str
    language: str
    publisher: str | None
    text: TextProfile
    shown: budgets.Shown | None = None
    """What the site shows of the source besides the excerpts, when they must fit its budget; ``None``: every excerpt is shown."""
    words: budgets.Words | None = field(default=None, compare=False, repr=False)
    """The text as words, when the caller has them (they are made from ``body`` otherwise)."""

    @classmethod
    def of(cls, profile: SourceProfile, shown: budgets.Shown | None = None) -> NoteText:
        meta = profile.source.meta
        return cls(profile.source.body, meta.language, meta.publisher, profile.text, shown, profile.source.words)


TextSections = tuple[bytes, int, budgets.Taken, int]
"""The two sections, compressed together; where the second starts; where the excerpts shown lie in the text; excerpts left out."""


def text_sections(note: NoteText) -> TextSections:
    """The sections on who the source relies on and how it hedges (see :class:`NoteText`).

    Compressed: ten thousand notes' sections would otherwise hold more than
    100 MB for the next build.
    """
    words = note.words if note.words is not None else budgets.Words(note.body)
    start = note.shown if note.shown is not None else budgets.Shown(words.count, None)
    taken = _Budget(budgets.Allowance(words, start), binding=note.shown is not None)
    relies = "\n".join(_relies_on(note, taken))
    hedges = "\n".join(_hedges(note, taken))
    return zlib.compress((relies + hedges).encode("utf-8", "surrogatepass"), 1), len(relies), taken.allowance.taken(), taken.omitted


def _text_sections(profile: SourceProfile, cached: Cached) -> tuple[str, str, budgets.Shown]:
    """The two sections on the text, kept or made, and what the site shows of the source with their excerpts.

    Sections made without the budget (by a worker, or read from the disk
    cache) are used when their excerpts fit it; otherwise the sections are
    made, or found, within it. Both give the same text when the excerpts fit.
    """
    source = profile.source
    found = _kept(cached, source)
    if found is not None:
        allowance = budgets.Allowance(source.words, profile.shown)
        allowance.replay(found[2])
        if allowance.within:
            return _unpacked(found, allowance)
    made = cached(source.path, source.digest, "sections-within", lambda _: text_sections(NoteText.of(profile, profile.shown)), given=(profile.shown,))
    allowance = budgets.Allowance(source.words, profile.shown)
    allowance.replay(made[2])
    return _unpacked(made, allowance)


class _Missing(Exception):
    """Raised to learn that nothing is kept, without making it."""


def _kept(cached: Cached, source: Source) -> TextSections | None:
    """The sections of ``source`` made without its budget, if they are kept; nothing is made or stored."""

    def missing(_: Problems) -> TextSections:
        raise _Missing

    try:
        return cached(source.path, source.digest, "sections", missing)
    except _Missing:
        return None


def _unpacked(sections: TextSections, allowance: budgets.Allowance) -> tuple[str, str, budgets.Shown]:
    packed, split, _, _ = sections
    both = zlib.decompress(packed).decode("utf-8", "surrogatepass")
    return both[:split], both[split:], allowance.shown()


# --- who it relies on ------------------------------------------------------------------


def _relies_on(note: NoteText, budget: _Budget) -> list[str]:
    out = ["## Who it relies on\n"]
    text = note.text
    if not text.read:
        out.append(f"Not read: the automatic reading covers English texts, and this one is in {md.code(note.language)}.\n")
        return out
    own = [a for a in text.attributions if not a.quoted]
    second = [a for a in text.attributions if a.quoted]
    named = _grouped([a for a in own if a.named])
    unnamed = _grouped([a for a in own if not a.named])
    out.append(
        "The people, outlets and agencies this source quotes or attributes statements to, found automatically in its text "
        "by the reporting words next to them (said, told, according to, an estimate by…). "
        "Automatic reading can miss or misread a speaker; the excerpts let you check.\n"
    )
    if not own:
        out.append("No attribution found: the source states what it says in its own voice.\n")
    before = budget.omitted
    if named:
        out.append(f"**Named ({len(named)})**\n")
        out.extend(_speaker_lines(note, named, budget))
        out.append("")
    if unnamed:
        out.append(f"**Unnamed ({len(unnamed)})**\n")
        out.extend(_speaker_lines(note, unnamed, budget))
        out.append("")
    if second:
        out.append(f"**Named inside quotations ({len(_grouped(second))})** — whom the people it quotes rely on, second-hand\n")
        out.extend(_speaker_lines(note, _grouped(second), budget))
        out.append("")
    if budget.omitted > before:
        out.append(_limit_note(budget, budget.omitted - before))
    return out


def _grouped(attributions: list[Attribution]) -> list[tuple[str, list[Attribution]]]:
    """By speaker, in order of first mention."""
    groups: dict[str, list[Attribution]] = {}
    for a in attributions:
        groups.setdefault(a.name, []).append(a)
    return list(groups.items())


def _speaker_lines(note: NoteText, groups: list[tuple[str, list[Attribution]]], budget: _Budget) -> list[str]:
    body = note.body
    publisher = (note.publisher or "").casefold()
    lines = []
    for name, found in groups[:MAX_SPEAKERS]:
        cues = ", ".join(dict.fromkeys(_cue(a, publisher) for a in found))
        lines.append(f"- **{md.text(name)}** — {md.counted(len(found), 'mention')}: {cues}")
        for a in found[:MAX_PER_SPEAKER]:
            shown = _excerpt(context(body, a.sentence, a.match, ATTRIBUTION_WIDTH), budget, bold=True)
            if shown:
                lines.append(f"    - {shown}")
    if len(groups) > MAX_SPEAKERS:
        lines.append(f"- …and {len(groups) - MAX_SPEAKERS} more")
    return lines


def _cue(a: Attribution, publisher: str) -> str:
    cue = md.text(a.cue)
    if a.recipient:
        told = "the source itself" if a.recipient.casefold() == publisher else md.text(a.recipient)
        cue += f" {told}" if a.cue.startswith("tol") else f" to {told}"
    return cue


# --- how it hedges ------------------------------------------------------------------------


def _hedges(note: NoteText, budget: _Budget) -> list[str]:
    out = ["## How it hedges\n"]
    text = note.text
    if not text.read:
        out.append(f"Not read: the automatic reading covers English texts, and this one is in {md.code(note.language)}.\n")
        return out
    hedges = text.hedges
    own = sum(1 for h in hedges if not h.quoted)
    out.append(
        "Words that mark uncertainty or distance (probably, likely, reportedly, alleged, not verified, claimed, estimated…), "
        "found automatically. Those inside quotation marks are the quoted speaker's, not the source's; "
        "a negation is shown where it keeps the doubt (“not likely”) and the phrase is left out where it removes it (“could not”).\n"
    )
    if not hedges:
        out.append(f"None found in its {md.counted(text.sentences, 'sentence')}.\n")
        return out
    out.append(f"**{md.counted(len(hedges), 'hedge')} in {md.counted(text.sentences, 'sentence')}: {own} in its own words, {len(hedges) - own} in words it quotes.**\n")
    counts = Counter((h.lemma, h.kind, h.quoted) for h in hedges)
    lemmas = sorted({(h.lemma, h.kind) for h in hedges}, key=lambda lk: (list(HEDGE_KINDS).index(lk[1]), lk[0]))
    rows = [[md.text(lemma), HEDGE_KINDS[kind], str(counts[(lemma, kind, False)]), str(counts[(lemma, kind, True)])] for lemma, kind in lemmas]
    out.append(md.table(["Hedge", "Kind", "Own words", "Quoted words"], rows) + "\n")
    out.append("**In context**\n")
    before = budget.omitted
    for hedge in hedges[:MAX_HEDGES_SHOWN]:
        out.append(_hedge_line(note, hedge, budget))
    if len(hedges) > MAX_HEDGES_SHOWN:
        out.append(f"- …and {len(hedges) - MAX_HEDGES_SHOWN} more, counted above")
    out.append("")
    if budget.omitted > before:
        out.append(_limit_note(budget, budget.omitted - before))
    return out


def _hedge_line(note: NoteText, hedge: Hedge, budget: _Budget) -> str:
    notes = [HEDGE_KINDS[hedge.kind]]
    if hedge.quoted:
        notes.append("in a quotation")
    if hedge.negated:
        notes.append("negated")
    shown = _excerpt(context(note.body, hedge.sentence, hedge.match, HEDGE_WIDTH), budget, bold=True)
    return f"- *{md.text(hedge.lemma)}* ({', '.join(notes)})" + (f": {shown}" if shown else "")


# --- other sources ----------------------------------------------------------------------------


def _comparisons(profile: SourceProfile, site: links.Lookups, page: str, figure_pages: Mapping[str, str]) -> str:
    """Where the other sources of its events and measures stand: counts for all of them, a few by name.

    The counts come from :mod:`builder.curate.agreement`, which places each
    date and figure among all the others once; only :data:`MAX_NAMED` other
    sources are named per event or figure, so the section's size does not
    grow with the number of sources that report an event or count a measure.
    """
    out = ["## Other sources on the same events and figures\n"]
    events, figures = profile.event_agreement, profile.figure_agreement
    if not events and not figures:
        out.append("No other source reports the events it reports or counts what it counts.\n")
        return "\n".join(out)
    # Left out of search: each line stands for another page, where its words are searched.
    out.append(f"<div {SEARCH_EXCLUDED} markdown>\n")
    out.append(
        "Other sources that report the same events or count the same things. Dates agree when they can mean the same day; "
        "figures agree when the values their wording allows overlap (“about” and “nearly” allow a tenth). "
        f"The counts cover every other source; at most {MAX_NAMED} are named for each event or figure, "
        "those that disagree first for an event, the closest values for a figure.\n"
    )
    sections = (
        ("Events other sources report too", "events", events, lambda a: _event_lines(a, site, page)),
        ("Figures of measures other sources count too", "figures", figures, lambda a: _figure_lines(a, page, figure_pages)),
    )
    for heading, what, records, lines_of in sections:
        if not records:
            continue
        out.append(f"**{heading} ({md.number(len(records))})**\n")
        for record in records[:MAX_COMPARED]:
            out.extend(lines_of(record))
        out.append("")
        if len(records) > MAX_COMPARED:
            out.append(_more(len(records), what, page, "data/sources.json", MAX_COMPARED))
    out.append("</div>\n")
    return "\n".join(out)


def _event_lines(a: EventAgreement, site: links.Lookups, page: str) -> list[str]:
    """One event: how many other sources date it as this one does, then the few named."""
    event = md.link(md.text(a.event.title), links.event_in(site.event_pages, page, a.event.id))
    reports = f"{md.counted(a.others, 'other source')} {'reports' if a.others == 1 else 'report'} it"
    if a.mine is None:
        dated = a.others - a.undated
        summary = f"undated here. {reports}" + (f"; {md.number(dated)} of them {'dates' if dated == 1 else 'date'} it" if dated else ", without a date either")
    else:
        summary = f"dated {md.text(a.mine.human())} here. {reports}: {md.number(a.agree)} with a date that can mean the same day, {md.number(a.disagree)} with one that cannot"
        if a.undated:
            summary += f", {md.number(a.undated)} without a date"
    lines = [f"- {event}, {summary}."]
    lines += [f"    - {_event_line(c, page)}" for c in a.named]
    if a.others > len(a.named):
        timeline = md.link("timeline.json", md.rel(page, "data/timeline.json"))
        lines.append(f"    - …and {md.number(a.others - len(a.named))} more: see {md.link('the event', links.event_in(site.event_pages, page, a.event.id))} and {timeline}, which lists every source's date.")
    return lines


def _event_line(c: EventComparison, page: str) -> str:
    other = md.link(md.text(c.other.meta.title), links.source_note(page, c.other.id))
    if c.mine is not None and c.theirs is not None:
        if c.mine.text == c.theirs.text:
            how = f"also dates it {md.text(c.mine.human())}"
        elif c.agrees:
            how = f"dates it {md.text(c.theirs.human())}, this source {md.text(c.mine.human())}, which can mean the same day"
        else:
            how = f"dates it {md.text(c.theirs.human())}; this source dates it {md.text(c.mine.human())}"
    elif c.theirs is not None:
        how = f"dates it {md.text(c.theirs.human())}"
    elif c.mine is not None:
        how = "reports it too, without a date of its own"
    else:
        how = "reports it too; neither gives a date of its own"
    return f"{other} {how}."


def _figure_lines(a: FigureAgreement, page: str, figure_pages: Mapping[str, str]) -> list[str]:
    """One figure: how many other figures of its measure agree with it, the measure's spread, then the nearest few."""
    measure = a.mine.measure
    every = md.link("every value", md.rel(page, figures_page.measure_path(measure.id)))
    low, high = a.spread
    unit = "" if measure.unit.strip() in ("%", "percent") else " " + md.text(measure.unit)
    spread = f"all {md.number(low)}{unit}" if low == high else f"from {md.number(low)} to {md.number(high)}{unit}"
    lines = [
        f"- {md.text(measure.label)}: this source gives {_amount_link(a.mine, page, figure_pages)}. "
        f"{md.counted(a.other_sources, 'other source')} {'gives' if a.other_sources == 1 else 'give'} {md.counted(a.others, 'figure')}: "
        f"{md.number(a.agree)} {'agrees' if a.agree == 1 else 'agree'} with it, {md.number(a.disagree)} {'does' if a.disagree == 1 else 'do'} not. "
        f"The measure's stated values run {spread}: see {every}."
    ]
    lines += [f"    - {_figure_line(c, page, figure_pages)}" for c in a.nearest]
    if a.others > len(a.nearest):
        lines.append(f"    - …and {md.number(a.others - len(a.nearest))} more: see {every}.")
    return lines


def _amount_link(figure: Figure, page: str, figure_pages: Mapping[str, str]) -> str:
    value = md.amount(figure.value, figure.low, figure.high, figure.qualifier, figure.measure.unit)
    return md.link(value, md.rel(page, f"{figure_pages[figure.id]}#{figure.id}"))


def _figure_line(c: FigureComparison, page: str, figure_pages: Mapping[str, str]) -> str:
    other = md.link(md.text(c.theirs.source.meta.title), links.source_note(page, c.theirs.source.id))
    line = f"{other} gives {_amount_link(c.theirs, page, figure_pages)}"
    if c.theirs.producer:
        line += f" ({md.text(c.theirs.producer)})"
    mine_when, their_when = c.mine.as_of, c.theirs.as_of
    if (mine_when.text if mine_when else None) != (their_when.text if their_when else None):
        line += f" for {md.text(their_when.human()) if their_when else 'an unstated date'}, this source for {md.text(mine_when.human()) if mine_when else 'an unstated date'}"
    return line + (": agrees." if c.agrees else ": does not agree.")
