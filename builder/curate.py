"""Curate stage: merge, group and cross-reference the checked content.

Pure functions from :class:`builder.check.Content` to :class:`Site`, the one
record every renderer reads. Nothing here touches a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from builder import dates
from builder.check import Content, Source, quotes_by_source
from builder.model import Era, Measure, SiteInfo, Term
from builder.quotes import normalize


@dataclass(frozen=True)
class EventCitation:
    """One source's report of an event."""

    source: Source
    quote: str
    date: dates.Edtf | None
    """The date this source gives, if it gives one."""
    reported: dates.Edtf | None


@dataclass(frozen=True)
class Event:
    """An event with every source that reports it."""

    id: str
    date: dates.Edtf
    """The date the site follows: that of the entry that describes the event."""
    date_note: str | None
    title: str
    summary: str
    tags: tuple[str, ...]
    places: tuple[str, ...]
    actors: tuple[str, ...]
    citations: tuple[EventCitation, ...]
    era: str | None
    """Id of the era the event falls in; ``None`` when its year is unknown."""

    @property
    def reported(self) -> dates.Edtf | None:
        return next((c.reported for c in self.citations if c.reported), None)

    @property
    def other_dates(self) -> tuple[EventCitation, ...]:
        """Citations whose own date differs from the date the site follows."""
        return tuple(c for c in self.citations if c.date is not None and c.date.text != self.date.text)


@dataclass(frozen=True)
class Figure:
    """A number one source states about a measure."""

    id: str
    measure: Measure
    source: Source
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    as_of: dates.Edtf | None
    producer: str | None
    method: str | None
    derived_by: str | None
    quote: str

    @property
    def lowest(self) -> float:
        return self.value if self.value is not None else self.low  # type: ignore[return-value]

    @property
    def highest(self) -> float:
        return self.value if self.value is not None else self.high  # type: ignore[return-value]


@dataclass(frozen=True)
class MeasureGroup:
    """All figures of one measure, with their spread."""

    measure: Measure
    figures: tuple[Figure, ...]

    @property
    def spread(self) -> tuple[float, float]:
        return min(f.lowest for f in self.figures), max(f.highest for f in self.figures)


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


@dataclass(frozen=True)
class SourceProfile:
    """What the site uses one source for."""

    source: Source
    events: tuple[str, ...]
    figures: tuple[str, ...]
    terms: tuple[str, ...]
    quoted_chars: int
    """Characters of this source the site quotes, in all."""


@dataclass(frozen=True)
class Site:
    """The curated site: the one input of every renderer."""

    info: SiteInfo
    eras: tuple[Era, ...]
    events: tuple[Event, ...]
    """In timeline order."""
    measures: tuple[MeasureGroup, ...]
    glossary: tuple[GlossaryEntry, ...]
    """A–Z."""
    sources: tuple[SourceProfile, ...]
    """By id."""
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Tag -> ids of events with it, tags sorted."""
    drafts: int = 0

    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        return {f.id: f for g in self.measures for f in g.figures}

    @cached_property
    def terms_by_id(self) -> dict[str, GlossaryEntry]:
        return {g.term.id: g for g in self.glossary}


def curate(content: Content) -> Site:
    """Build the :class:`Site` from checked content."""
    events = merge_events(content)
    groups = group_figures(content)
    glossary = glossary_entries(content, events)
    used = quotes_by_source(content.sources, content.terms)
    profiles = []
    for source in content.sources:
        profiles.append(
            SourceProfile(
                source=source,
                events=tuple(e.id for e in events if any(c.source.id == source.id for c in e.citations)),
                figures=tuple(f.id for g in groups for f in g.figures if f.source.id == source.id),
                terms=tuple(g.term.id for g in glossary if any(c.source == source.id for c in g.term.citations)),
                quoted_chars=sum(len(normalize(q)) for q in used.get(source.id, [])),
            )
        )
    tags: dict[str, list[str]] = {}
    for event in events:
        for tag in event.tags:
            tags.setdefault(tag, []).append(event.id)
    return Site(
        info=content.site,
        eras=content.eras,
        events=events,
        measures=groups,
        glossary=glossary,
        sources=tuple(profiles),
        tags={t: tuple(ids) for t, ids in sorted(tags.items())},
        drafts=content.drafts,
    )


def merge_events(content: Content) -> tuple[Event, ...]:
    """One :class:`Event` per id, with each source's report as a citation."""
    reports: dict[str, list[tuple[Source, object]]] = {}
    for source in content.sources:
        for entry in source.meta.events:
            if not entry.draft:
                reports.setdefault(entry.id, []).append((source, entry))
    events = []
    for event_id, group in reports.items():
        main_source, main = next(((s, e) for s, e in group if e.title is not None), (None, None))
        if main is None:
            continue  # only drafts describe it; the draft is not published
        when = dates.parse(main.date)
        citations = [
            EventCitation(
                source=s,
                quote=e.quote,
                date=dates.parse(e.date) if e.date else None,
                reported=dates.parse(e.reported) if e.reported else None,
            )
            for s, e in sorted(group, key=lambda pair: (pair[0] is not main_source, pair[0].id))
        ]
        tags, places, actors = (tuple(dict.fromkeys(x for _, e in group for x in getattr(e, name))) for name in ("tags", "places", "actors"))
        events.append(
            Event(
                id=event_id,
                date=when,
                date_note=main.date_note,
                title=main.title,
                summary=main.summary,
                tags=tags,
                places=places,
                actors=actors,
                citations=tuple(citations),
                era=era_of(when, content.eras),
            )
        )
    return tuple(sorted(events, key=lambda e: (*e.date.sort_key(), e.id)))


def era_of(when: dates.Edtf, eras: tuple[Era, ...]) -> str | None:
    """The id of the first era whose span holds the start of ``when``."""
    if not when.year_known:
        return None
    for era in eras:
        start = dates.parse(era.start).lower
        end = dates.parse(era.end).upper if era.end else None
        if start <= when.lower and (end is None or when.lower <= end):
            return era.id
    return None


def group_figures(content: Content) -> tuple[MeasureGroup, ...]:
    """Figures grouped by measure, in the order of ``measures.yml``; empty measures dropped."""
    by_measure: dict[str, list[Figure]] = {}
    measures = {m.id: m for m in content.measures}
    for source in content.sources:
        for entry in source.meta.figures:
            if entry.draft:
                continue
            by_measure.setdefault(entry.measure, []).append(
                Figure(
                    id=entry.id,
                    measure=measures[entry.measure],
                    source=source,
                    value=entry.value,
                    low=entry.low,
                    high=entry.high,
                    qualifier=entry.qualifier,
                    as_of=dates.parse(entry.as_of) if entry.as_of else None,
                    producer=entry.producer,
                    method=entry.method,
                    derived_by=entry.derived_by,
                    quote=entry.quote,
                )
            )
    groups = []
    for measure in content.measures:
        figures = by_measure.get(measure.id)
        if figures:
            figures.sort(key=lambda f: (f.as_of.sort_key() if f.as_of else (dates.dt.date.max,), f.lowest, f.id))
            groups.append(MeasureGroup(measure, tuple(figures)))
    return tuple(groups)


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
