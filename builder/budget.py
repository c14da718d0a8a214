"""The reproduction budget: how much of each source the site shows, counted from what it renders.

Without a stated licence the site shows at most a fifth of a source's words
in all: its quotes, the glossary's snippets and the excerpts on its sourcing
note together, a word shown in several places counted once. A publisher's
stated limit (``reuse:``, in characters) replaces that share. The curated
quotes come first and must fit on their own (:func:`check_quotes`); the
snippets and excerpts are optional and are left out once they would pass the
budget (:meth:`Allowance.take`).

A passage is placed in its source by its words (case-folded, typographic
quotes folded), as ``benchmarks/trust.py`` reads the built site; a passage
that cannot be placed counts all its words as new.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from builder.quotes import normalize

if TYPE_CHECKING:  # the check stage calls this module: its records are only named here
    from builder.check import Source
    from builder.incremental import Cached
    from builder.load import LoadedFile
    from builder.model import EventEntry, FigureEntry, Term
    from builder.problems import Problems

SHARE = 0.20
"""Most of a source's words the site shows when its publisher states no limit."""

_WORD = re.compile(r"\w+(?:'\w+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` as the budget counts them (not yet case-folded)."""
    return _WORD.findall(normalize(text))


class Words:
    """A source's text as words: to place a shown passage in it and count the characters shown."""

    def __init__(self, body: str) -> None:
        self._body = body
        found = _WORD.findall(normalize(body))
        self.count = len(found)
        self._joined = " " + " ".join(found).casefold() + " "
        """The words, one space apart: a passage is found in it by one search, in C."""

    def place(self, passage: str) -> tuple[int, int] | None:
        """The first range of word positions ``[start, end)`` that holds ``passage``'s words; ``None`` if none does.

        A passage cut inside a word at either end is placed by its whole words.
        """
        found = words(passage)
        for trimmed in (found, found[1:], found[:-1], found[1:-1]):
            if not trimmed:
                continue
            at = self._joined.find(" " + " ".join(trimmed).casefold() + " ")
            if at >= 0:
                start = self._joined.count(" ", 0, at)
                return start, start + len(trimmed)
        return None

    def holds(self, found: list[str]) -> bool:
        """Whether the words ``found`` (as :func:`words` gives them) occur in the text, in order and next to each other."""
        return (" " + " ".join(found).casefold() + " ") in self._joined

    def vocabulary(self) -> frozenset[str]:
        """Its words, case-folded: most runs of other text hold one that is not among them, and need no search."""
        return frozenset(self._joined.split())

    @cached_property
    def _bounds(self) -> tuple[array, array]:
        """Where each word starts and ends in the normalized text; only a stated limit, in characters, needs them."""
        found = list(_WORD.finditer(normalize(self._body)))
        return array("l", (m.start() for m in found)), array("l", (m.end() for m in found))

    def length(self, i: int) -> int:
        """Characters of word ``i``."""
        starts, ends = self._bounds
        return ends[i] - starts[i]

    def gap(self, i: int) -> int:
        """Characters between word ``i`` and the next."""
        starts, ends = self._bounds
        return starts[i + 1] - ends[i]


@dataclass(frozen=True)
class Shown:
    """What the site shows of one source, counted against its budget."""

    total: int
    """Words in the source's text."""
    limit: int | None
    """The publisher's stated limit in characters; ``None`` for the default share."""
    runs: tuple[tuple[int, int], ...] = ()
    """The runs of its words shown, as ranges of word positions, in order."""
    words: int = 0
    """Words shown, each counted once (with those of passages that could not be placed)."""
    chars: int = 0
    """Characters shown, counted only under a stated limit: those of the words shown and of what lies between two of them shown."""

    @property
    def most_words(self) -> int:
        """The budget in words (the share, rounded down), when no limit is stated."""
        return math.floor(SHARE * self.total)

    @property
    def within(self) -> bool:
        return self.chars <= self.limit if self.limit is not None else self.words <= self.most_words

    @property
    def share(self) -> float:
        """Of the source's words, the share shown."""
        return self.words / self.total if self.total else 0.0


Taken = tuple[tuple[tuple[int, int], ...], int, int]
"""Passages taken from a budget: where each placed one lies, and the words and characters of those that could not be placed."""


class Allowance:
    """What a source's budget still allows, as passages are taken from it in order of precedence."""

    def __init__(self, text: Words, shown: Shown) -> None:
        self.text = text
        self.limit = shown.limit
        self.words, self.chars = shown.words, shown.chars
        self._covered = bytearray(text.count)
        for start, end in shown.runs:
            self._covered[start:end] = b"\1" * (end - start)
        self._placed: list[tuple[int, int]] = []
        self._unplaced = [0, 0]

    def take(self, passage: str, *, optional: bool = True) -> bool:
        """Count ``passage`` as shown and say so; an optional one is refused when it would pass the budget."""
        placed = self.text.place(passage)
        if placed is None:
            new_words, new_chars = len(words(passage)), len(normalize(passage))
        else:
            new_words, new_chars = self._cost(*placed)
        if optional and not self._fits(self.words + new_words, self.chars + new_chars):
            return False
        self._add(placed, new_words, new_chars)
        return True

    def taken(self) -> Taken:
        """The passages taken since this allowance was made, to :meth:`replay` on another."""
        return tuple(self._placed), self._unplaced[0], self._unplaced[1]

    def replay(self, taken: Taken) -> None:
        """Take again what another allowance of the same text took (:meth:`taken`)."""
        placed, unplaced_words, unplaced_chars = taken
        for start, end in placed:
            self._add((start, end), *self._cost(start, end))
        self._add(None, unplaced_words, unplaced_chars)

    def _cost(self, start: int, end: int) -> tuple[int, int]:
        """The words and characters that showing words ``start`` to ``end`` would add."""
        covered, text = self._covered, self.text
        if self.limit is None:  # words only, counted in C
            return end - start - covered.count(b"\1", start, end), 0
        new_words = new_chars = 0
        for i in range(start, end):
            if not covered[i]:
                new_words += 1
                new_chars += text.length(i)
        # The characters between two words count once both are shown.
        for i in range(max(start - 1, 0), min(end, text.count - 1)):
            if not (covered[i] and covered[i + 1]) and (covered[i] or start <= i) and (covered[i + 1] or i + 1 < end):
                new_chars += text.gap(i)
        return new_words, new_chars

    def _add(self, placed: tuple[int, int] | None, new_words: int, new_chars: int) -> None:
        self.words += new_words
        self.chars += new_chars
        if placed is None:
            self._unplaced[0] += new_words
            self._unplaced[1] += new_chars
        else:
            start, end = placed
            self._covered[start:end] = b"\1" * (end - start)
            self._placed.append(placed)

    @property
    def within(self) -> bool:
        """Whether what has been taken is within the budget."""
        return self._fits(self.words, self.chars)

    def _fits(self, words: int, chars: int) -> bool:
        return chars <= self.limit if self.limit is not None else words <= math.floor(SHARE * self.text.count)

    def shown(self) -> Shown:
        """What has been taken so far."""
        return Shown(self.text.count, self.limit, tuple(self._runs()), self.words, self.chars)

    def _runs(self) -> Iterator[tuple[int, int]]:
        covered, at = self._covered, 0
        while (start := covered.find(b"\1", at)) >= 0:  # searched in C: a text has thousands of words
            end = covered.find(b"\0", start)
            at = end if end >= 0 else len(covered)
            yield start, at


# --- what the curators show ------------------------------------------------------------

COPIED_RUN = 8
"""Consecutive words of a source in the curators' own text (a summary, a definition) that count as shown, as the trust report counts them."""


@dataclass(frozen=True)
class Quote:
    """A passage of a source the curators show: a quote, or a run of its words their own text copies."""

    source: str
    text: str
    file: str
    """``"source"`` (the source's own file) or ``"glossary"``."""
    path: tuple[str | int, ...]
    """Where it is written in that file (in the glossary, starting with the term's id)."""
    copied: bool = False
    """Copied into the curators' text (``path`` names the field) rather than quoted."""


_OWN_FIELDS = {"events": ("title", "summary", "date_note", "because"), "figures": ("producer", "method", "derived_by")}
"""The curators' own text in a source's entries, which must not copy the source at length either."""


Cited = tuple[tuple[str, tuple[tuple[int, str], ...], str | None, str | None], ...]
"""The glossary's citations of one source, in the glossary's order: each citing term's id, its
citations of the source (position among the term's citations, quote), its short definition and its definition."""


def glossary_citations(terms: Iterable[Term]) -> dict[str, Cited]:
    """What the glossary shows of each source, by source id: all a source's count needs from the glossary."""
    out: dict[str, list[tuple[str, tuple[tuple[int, str], ...], str | None, str | None]]] = {}
    for term in terms:
        mine: dict[str, list[tuple[int, str]]] = {}
        for j, citation in enumerate(term.citations):
            mine.setdefault(citation.source, []).append((j, citation.quote))
        for source_id, cites in mine.items():
            out.setdefault(source_id, []).append((term.id, tuple(cites), term.short, term.definition))
    return {source_id: tuple(cited) for source_id, cited in out.items()}


def curated_quotes(source: Source, cited: Cited) -> tuple[Quote, ...]:
    """Every passage of a published ``source`` the curators show, in the order they are counted.

    Its own events and figures come first, in the order of its file, then
    the glossary's citations of it (``cited``, :func:`glossary_citations`),
    in the order of the glossary; the runs of :data:`COPIED_RUN` or more of
    its words that the curators' own text repeats come with the entry that
    holds them.
    """
    vocabulary: list[frozenset[str]] = []

    def copies(text: str | None) -> list[str]:
        if not vocabulary:
            vocabulary.append(source.words.vocabulary())
        return copied(text, source.words, vocabulary[0])

    mine: list[Quote] = []
    lists: tuple[tuple[str, Sequence[EventEntry | FigureEntry]], ...] = (("events", source.meta.events), ("figures", source.meta.figures))
    for name, entries in lists:
        for i, entry in enumerate(entries):
            if entry.draft:
                continue
            mine.append(Quote(source.id, entry.quote, "source", (name, i, "quote")))
            for field in _OWN_FIELDS[name]:
                mine += (Quote(source.id, run, "source", (name, i, field), True) for run in copies(getattr(entry, field)))
    mine += (Quote(source.id, run, "source", ("notes",), True) for run in copies(source.meta.notes))
    for key, how in sorted(source.meta.inferred.items()):
        mine += (Quote(source.id, run, "source", ("inferred", key), True) for run in copies(how))
    for term_id, cites, short, definition in cited:
        mine += (Quote(source.id, quote, "glossary", (term_id, "citations", j, "quote")) for j, quote in cites)
        for field, text in (("short", short), ("definition", definition)):
            mine += (Quote(source.id, run, "glossary", (term_id, field), True) for run in copies(text))
    return tuple(mine)


def shown_by_curators(sources: Iterable[Source], terms: Iterable[Term]) -> dict[str, list[Quote]]:
    """Every passage of each published source the curators show, by source id, in the order they are counted (:func:`curated_quotes`)."""
    cited = glossary_citations(terms)
    return {s.id: list(curated_quotes(s, cited.get(s.id, ()))) for s in sources if not s.meta.draft}


@dataclass(frozen=True)
class Count:
    """What the curators show of one source, counted against its budget: what the check reports and the site starts from."""

    quotes: tuple[Quote, ...]
    """Every passage the curators show of it, in the order they are counted (:func:`curated_quotes`)."""
    shown: Shown
    """All of them counted, whether or not they fit: what the glossary's snippets and the note's excerpts are taken after."""
    passed: int | None = None
    """The position in :attr:`quotes` of the first that passes the budget, as the check counts them (a quote not in the text is an error of its own, and left out); ``None`` when they fit."""
    shown_then: Shown | None = None
    """What was counted once that quote was."""


def count(source: Source, cited: Cited) -> Count:
    """Count what the curators show of a published ``source`` (``cited``: the glossary's citations of it, :func:`glossary_citations`).

    It depends on the source's file and ``cited`` alone: a build keeps it
    while both are unchanged (:meth:`builder.incremental.Files.get`).
    """
    quotes = curated_quotes(source, cited)
    checked, passed, then, skipped = quoted(source, ()), None, None, False
    text = normalize(source.body)
    for i, quote in enumerate(quotes):
        if not quote.copied and normalize(quote.text) not in text:
            skipped = True
            continue  # not in the text: an error of its own
        checked.take(quote.text, optional=False)
        if not checked.within:
            passed, then = i, checked.shown()
            break
    # When the check counted every quote, what it counted is all they show.
    shown = checked.shown() if passed is None and not skipped else quoted(source, (q.text for q in quotes)).shown()
    return Count(quotes, shown, passed, then)


def with_snippets(source: Source, shown: Shown, snippets: Sequence[str]) -> Shown:
    """What the site shows of ``source`` once the glossary's ``snippets`` of it are taken after what the curators show (``shown``)."""
    if not snippets:
        return shown
    allowance = Allowance(source.words, shown)
    for text in snippets:
        allowance.take(text, optional=False)
    return allowance.shown()


def copied(text: str | None, source: Words, vocabulary: frozenset[str] | None = None) -> list[str]:
    """The runs of :data:`COPIED_RUN` or more consecutive words of ``text`` that ``source`` holds, longest first found.

    ``vocabulary`` is the source's (:meth:`Words.vocabulary`), when the caller looks at several texts.
    """
    if not text:
        return []
    found = words(text)
    if len(found) < COPIED_RUN:
        return []
    known = vocabulary if vocabulary is not None else source.vocabulary()
    runs, i = [], 0
    while i + COPIED_RUN <= len(found):
        # A run with a word the source never uses is not the source's: no search needed.
        if not all(w.casefold() in known for w in found[i : i + COPIED_RUN]) or not source.holds(found[i : i + COPIED_RUN]):
            i += 1
            continue
        end = i + COPIED_RUN
        while end < len(found) and source.holds(found[i : end + 1]):
            end += 1
        runs.append(" ".join(found[i:end]))
        i = end
    return runs


def quoted(source: Source, texts: Iterable[str]) -> Allowance:
    """The budget of ``source`` with the passages ``texts`` the curators show taken, whether or not they fit."""
    allowance = Allowance(source.words, Shown(source.words.count, source.meta.reuse.limit if source.meta.reuse else None))
    for text in texts:
        allowance.take(text, optional=False)
    return allowance


def counts(sources: Iterable[Source], terms: Iterable[Term], cached: Cached) -> dict[str, Count]:
    """Each published source's :func:`count`, by source id, given back by ``cached`` while its file and the glossary's citations of it are unchanged."""
    cited = glossary_citations(terms)
    found: dict[str, Count] = {}
    for source in sources:
        if not source.meta.draft:
            mine = cited.get(source.id, ())
            found[source.id] = cached(source.path, source.digest, "budget", lambda _: count(source, mine), given=(mine,))
    return found


def check_quotes(counted: dict[str, Count], sources: Iterable[Source], glossary: LoadedFile | None, problems: Problems) -> None:
    """An error for each source whose curated quotes alone pass its budget (``counted``, :func:`counts`), at the quote (or copied text) that passes it."""
    by_id = {s.id: s for s in sources}
    positions = {item.get("id"): i for i, item in enumerate(glossary.data if glossary is not None and isinstance(glossary.data, list) else []) if isinstance(item, dict)}
    for source_id, found in counted.items():
        if found.passed is None or found.shown_then is None:
            continue
        source, listed, quote, shown = by_id[source_id], found.quotes, found.quotes[found.passed], found.shown_then
        if shown.limit is not None:
            line = source.file.line_of(("reuse", "limit"))
            what = f"the quotes from {source.id} show {shown.chars} of its characters, over its publisher's limit of {shown.limit} ({source.path}:{line})"
            sizes = [f"{_label(q)}{_clip(q.text)} ({len(normalize(q.text))})" for q in listed]
        else:
            what = f"the quotes from {source.id} show {shown.words} of its {shown.total} words ({shown.share:.1%}), over the budget of {SHARE:.0%} ({shown.most_words} words) for a source without a stated licence"
            sizes = [f"{_label(q)}{_clip(q.text)} ({len(words(q.text))} words)" for q in listed]
        if quote.file == "glossary" and glossary is not None:
            file, line = glossary.rel, glossary.line_of((positions.get(quote.path[0], 0), *quote.path[1:]))
        else:
            file, line = source.path, source.file.line_of(quote.path)
        passes = f"this {quote.path[-1]} copies {len(words(quote.text))} of its words and passes it" if quote.copied else "this quote passes it"
        problems.add(file, line, f"{what}; {passes}; its quotes: {'; '.join(sizes)}", "shorten or drop quotes from this source, and write summaries and definitions in your own words: a word counts once wherever the site shows it")


def _label(quote: Quote) -> str:
    return f"{quote.path[-1]} copies " if quote.copied else ""


def _clip(text: str, width: int = 60) -> str:
    text = normalize(text)
    return f'"{text}"' if len(text) <= width else f'"{text[: width - 1]}…"'
