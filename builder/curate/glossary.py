"""Glossary: each term with where the sources use it and the timeline events that involve it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sentencex import get_sentence_boundaries

from builder import budget
from builder.check import Content, Source
from builder.curate.events import Event
from builder.curate.notes import Note, curated_notes
from builder.model import Term
from builder.quotes import normalize
from builder.memo import in_process
from builder.terms import Match, TermMatcher, term_matcher

SNIPPET_CHARS = 120
"""Most characters of a source shown around a term's first use."""
MIN_SNIPPET_CHARS = 50
"""Below this, a snippet says too little to be worth a source's reuse allowance: the page links instead."""


@dataclass(frozen=True)
class TermUse:
    """Where one source uses a glossary term."""

    source: Source
    count: int
    """How many times the source's text uses the term (any of its names)."""
    first: str | None
    """The source's words around the first use, verbatim; ``None`` when the source's reproduction budget leaves no room (:mod:`builder.budget`)."""
    cut_before: bool = False
    """Whether the sentence goes on before ``first``."""
    cut_after: bool = False
    """Whether the sentence goes on after ``first``."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: Term
    uses: tuple[TermUse, ...]
    """By source id."""
    events: tuple[str, ...]
    """Ids of the events, in timeline order, tagged with the term or naming it in their title, summary or quotes."""
    notes: tuple[Note, ...] = ()
    """The editors' notes on the term, with the works they cite."""


def glossary_entries(content: Content, events: tuple[Event, ...], shown: dict[str, budget.Shown]) -> tuple[GlossaryEntry, ...]:
    """Each term with the sources that use it and the events that involve it.

    First uses are quoted while the source's reproduction budget allows
    (:mod:`builder.budget`): what the curators show of a source
    (``shown``: its quotes in events, figures and citations) comes first,
    then the snippets, term by term in A–Z order, each counted.
    """
    matcher = term_matcher(content.terms)
    texts = {s.id: _LINES.get(s.body, lambda body=s.body: _lines(body)) for s in content.sources}
    found = {s.id: matcher.find_each(texts[s.id]) for s in content.sources}
    involved: dict[str, list[str]] = {}
    for event in events:
        for key in _EVENT_TERMS.get_same(event.id, (event, matcher), lambda event=event: _terms_of_event(event, matcher)):
            involved.setdefault(key, []).append(event.id)

    # Source by source, each source's terms in glossary order: every term's
    # uses come in source order, and a source's allowance is spent term by
    # term in A–Z order, without looking at every term for every source.
    order = {term.id: i for i, term in enumerate(content.terms)}
    uses: dict[str, list[TermUse]] = {term.id: [] for term in content.terms}
    for source in content.sources:
        # The order of the terms is the matcher's (a matcher is made for one list of terms).
        in_text, text, allowed = found[source.id], texts[source.id], shown[source.id]
        for term_id, use in _USES.get_same((source.id, allowed), (source, in_text, text, matcher), lambda: _uses_in(source, in_text, text, order, allowed)):
            uses[term_id].append(use)
    # Made afresh, but the very records of the last build while they are equal (a server's next build).
    references = {r.id: r for r in content.references}
    return tuple(
        _ENTRIES.same_if_equal(term.id, GlossaryEntry(term, tuple(uses[term.id]), tuple(involved.get(term.id, ())), curated_notes(term.editor_notes, references)))
        for term in content.terms
    )


def _terms_of_event(event: Event, matcher: TermMatcher) -> frozenset[str]:
    """The terms an event involves: tagged with, or named in its title, summary or quotes."""
    texts = (event.title, event.summary, *(c.quote for c in event.citations))
    return frozenset(key for text in texts for key in matcher.find_each(text)) | frozenset(event.tags)


def _uses_in(source: Source, found: dict[str, list[Match]], text: str, order: dict[str, int], shown: budget.Shown) -> list[tuple[str, TermUse]]:
    """Each term ``source`` uses, in glossary order, with its first use quoted while its budget, past what is ``shown`` already, allows."""
    allowance = budget.Allowance(source.words, shown)
    uses = []
    for term_id in sorted(found, key=order.__getitem__):
        matches = found[term_id]
        if not matches:
            continue
        # Under a limit in characters, a shorter snippet may still fit.
        width = SNIPPET_CHARS if shown.limit is None else min(SNIPPET_CHARS, shown.limit - allowance.chars)
        snippet = _snippet_of(text, matches[0].start, matches[0].end, width, source.meta.language) if width >= MIN_SNIPPET_CHARS else None
        if snippet is None or not allowance.take(snippet[0]):
            uses.append((term_id, TermUse(source, len(matches), None)))
            continue
        words, before, after = snippet
        uses.append((term_id, TermUse(source, len(matches), words, before, after)))
    return uses


_EVENT_TERMS = in_process()
"""The terms each event involves, kept while it is the same record and the matcher the same (a server's next build)."""
_USES = in_process()
"""Each source's uses of the terms, by its id and its allowance, kept while its record, its text and what was found in it are the same objects."""
_ENTRIES = in_process()
"""Each term's entry, kept while the next build makes an equal one."""


def snippets(entries: Iterable[GlossaryEntry]) -> dict[str, list[str]]:
    """The glossary's first-use snippets of each source, by source id, in the order they were taken from its budget."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        for use in entry.uses:
            if use.first is not None:
                out.setdefault(use.source.id, []).append(use.first)
    return out


_LINES = in_process()
"""Each text as :func:`_lines` gives it, kept for the next build (under ``mkdocs serve``, most texts are unchanged)."""


def _lines(body: str) -> str:
    """The text normalized line by line: a snippet never runs across a heading or a paragraph break."""
    return "\n".join(line for line in (normalize(raw) for raw in body.splitlines()) if line)


def _sentence(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """Where the sentence (or sentences) holding ``text[start:end]`` begin and end, within its line.

    Sentence boundaries come from ``sentencex``, which knows that the full
    stop in "Directive No. 227" ends no sentence.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    sentence_start, sentence_end = line_start, line_start + len(line)
    for bound in get_sentence_boundaries(language.split("-")[0], line):
        first, last = line_start + bound["start_index"], line_start + bound["end_index"]
        if first <= start < last:
            sentence_start = first
        if first < end <= last:
            sentence_end = first + len(text[first:last].rstrip())
    return sentence_start, sentence_end


_SNIPPETS = in_process()
"""Snippets by text and place, kept for the next build: finding sentence bounds is most of the glossary's work."""


def _snippet_of(text: str, start: int, end: int, width: int, language: str) -> tuple[str, bool, bool] | None:
    """:func:`_snippet`, kept for the next build (the text is the same object then, its hash known)."""
    return _SNIPPETS.get((text, start, end, width, language), lambda: _snippet(text, start, end, width, language) or _NONE) or None


_NONE = ()
"""What :data:`_SNIPPETS` keeps for "no snippet" (a memo keeps no ``None``)."""


def _snippet(text: str, start: int, end: int, width: int, language: str = "en") -> tuple[str, bool, bool] | None:
    """The sentence around ``text[start:end]``, cut at spaces to at most ``width`` characters.

    Returns the words and whether the sentence was cut before and after
    them; ``None`` when the match alone is longer than ``width``.
    """
    if end - start > width:
        return None
    sentence_start, sentence_end = _sentence(text, start, end, language)
    left, right = sentence_start, sentence_end
    if right - left > width:
        spare = width - (end - start)
        left = max(sentence_start, start - spare // 2)
        right = min(sentence_end, left + width)
        left = max(sentence_start, right - width)
        if left > sentence_start:
            space = text.find(" ", left, start)
            left = space + 1 if space >= 0 else start
        if right < sentence_end:
            space = text.rfind(" ", end, right)
            right = space if space >= 0 else end
    words = text[left:right]
    stripped = words.strip()
    return stripped, left > sentence_start, right < sentence_end
