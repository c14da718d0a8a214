"""Glossary: each term with where the sources use it and the timeline events that involve it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sentencex import get_sentence_boundaries

from builder import budget
from builder.check import Content, Source
from builder.curate.events import Event
from builder.curate.notes import Note, curated_notes
from builder.incremental import Cached, combine, fresh
from builder.model import Term
from builder.quotes import normalize
from builder.terms import TermMatcher, term_matcher

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
    digest: bytes = field(default=b"", repr=False, compare=False)
    """A digest of what it is made from: the term, the references, the names of all terms, and the files and budgets of the sources that use it and the events that involve it."""


def glossary_entries(content: Content, events: tuple[Event, ...], shown: dict[str, budget.Shown], cached: Cached = fresh) -> tuple[GlossaryEntry, ...]:
    """Each term with the sources that use it and the events that involve it.

    First uses are quoted while the source's reproduction budget allows
    (:mod:`builder.budget`): what the curators show of a source
    (``shown``: its quotes in events, figures and citations) comes first,
    then the snippets, term by term in A–Z order, each counted.
    """
    matcher = term_matcher(content.terms)
    involved: dict[str, list[Event]] = {}
    for event in events:
        for key in cached(("event", event.id), event.digest, "terms", lambda _: _terms_of_event(event, matcher), given=(matcher.key,)):
            involved.setdefault(key, []).append(event)

    # Source by source, each source's terms in glossary order: every term's
    # uses come in source order, and a source's allowance is spent term by
    # term in A–Z order, without looking at every term for every source.
    order = {term.id: i for i, term in enumerate(content.terms)}
    uses: dict[str, list[TermUse]] = {term.id: [] for term in content.terms}
    # Each term's sources: the digest of each one's file, then its allowance (flat: a list of pairs would be twice the objects).
    made_from: dict[str, list[bytes | budget.Shown]] = {term.id: [] for term in content.terms}
    for source in content.sources:
        allowed = shown[source.id]
        # The matcher's key covers the terms and their order.
        for term_id, use in cached(source.path, source.digest, "terms", lambda _: _uses_in(source, matcher, order, allowed), given=(matcher.key, allowed)):
            uses[term_id].append(use)
            made_from[term_id] += (source.digest, allowed)
    references = {r.id: r for r in content.references}
    works = combine(*content.references)
    return tuple(
        GlossaryEntry(
            term,
            tuple(uses[term.id]),
            tuple(e.id for e in involved.get(term.id, ())),
            curated_notes(term.editor_notes, references),
            combine(term, works, matcher.key, *made_from[term.id], *(e.digest for e in involved.get(term.id, ()))),
        )
        for term in content.terms
    )


def _terms_of_event(event: Event, matcher: TermMatcher) -> frozenset[str]:
    """The terms an event involves: tagged with, or named in its title, summary or quotes."""
    texts = (event.title, event.summary, *(c.quote for c in event.citations))
    return frozenset(key for text in texts for key in matcher.find_each(text)) | frozenset(event.tags)


def _uses_in(source: Source, matcher: TermMatcher, order: dict[str, int], shown: budget.Shown) -> list[tuple[str, TermUse]]:
    """Each term ``source`` uses, in glossary order, with its first use quoted while its budget, past what is ``shown`` already, allows."""
    text = _lines(source.body)
    found = matcher.find_each(text)
    allowance = budget.Allowance(source.words, shown)
    uses = []
    for term_id in sorted(found, key=order.__getitem__):
        matches = found[term_id]
        if not matches:
            continue
        # Under a limit in characters, a shorter snippet may still fit.
        width = SNIPPET_CHARS if shown.limit is None else min(SNIPPET_CHARS, shown.limit - allowance.chars)
        snippet = _snippet(text, matches[0].start, matches[0].end, width, source.meta.language) if width >= MIN_SNIPPET_CHARS else None
        if snippet is None or not allowance.take(snippet[0]):
            uses.append((term_id, TermUse(source, len(matches), None)))
            continue
        words, before, after = snippet
        uses.append((term_id, TermUse(source, len(matches), words, before, after)))
    return uses


def snippets(entries: Iterable[GlossaryEntry]) -> dict[str, list[str]]:
    """The glossary's first-use snippets of each source, by source id, in the order they were taken from its budget."""
    out: dict[str, list[str]] = {}
    for entry in entries:
        for use in entry.uses:
            if use.first is not None:
                out.setdefault(use.source.id, []).append(use.first)
    return out


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
