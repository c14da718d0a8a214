"""Glossary: each term with where the sources use it and the events it involves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.check import Content, Source
from builder.curate.events import Event
from builder.model import Term
from builder.quotes import normalize


@dataclass(frozen=True)
class TermUse:
    """Where one source uses a glossary term."""

    source: Source
    count: int
    first: str
    """The sentence around the first use, short."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: Term
    uses: tuple[TermUse, ...]
    events: tuple[str, ...]
    """Ids of events tagged with the term or whose summary uses it."""


def term_pattern(term: Term) -> re.Pattern[str]:
    """Matches the term or an alias as whole words, with an optional plural ending."""
    names = sorted({normalize(n) for n in (term.term, *term.aliases)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:s|es)?(?!\w)", re.IGNORECASE)


def glossary_entries(content: Content, events: tuple[Event, ...]) -> tuple[GlossaryEntry, ...]:
    """Each term with the sources that use it and the events that involve it."""
    texts = {s.id: normalize(s.body) for s in content.sources}
    entries = []
    for term in content.terms:
        pattern = term_pattern(term)
        uses = []
        for source in content.sources:
            matches = list(pattern.finditer(texts[source.id]))
            if matches:
                uses.append(TermUse(source, len(matches), _sentence_around(texts[source.id], matches[0].start(), matches[0].end())))
        involved = tuple(e.id for e in events if term.id in e.tags or pattern.search(e.summary) or pattern.search(e.title))
        entries.append(GlossaryEntry(term, tuple(uses), involved))
    return tuple(entries)


def _sentence_around(text: str, start: int, end: int, limit: int = 160) -> str:
    """The words around a match, at most ``limit`` characters, cut at spaces."""
    left = max(0, start - (limit - (end - start)) // 2)
    right = min(len(text), left + limit)
    sentence_start = max(text.rfind(". ", left, start) + 2, left) if text.rfind(". ", left, start) >= 0 else left
    left = sentence_start
    while left > 0 and left < start and text[left - 1] != " ":
        left += 1
    while right < len(text) and right > end and text[right - 1] != " ":
        right -= 1
    snippet = text[left:right].strip()
    return ("…" if left > 0 and not text[left - 2 : left].startswith(".") else "") + snippet + ("…" if right < len(text) else "")
