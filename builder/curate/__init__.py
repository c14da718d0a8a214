"""Curate stage: merge, group and cross-reference the checked content.

Pure functions from :class:`builder.check.Content` to :class:`Site`, the one
record every renderer reads. Nothing here touches a file. One module per kind
of record: events, figures, glossary; this module ties them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from builder import budget, dates
from builder.check import Content, Source, metadata_digest, quotes_by_source
from builder.curate.agreement import (
    EventAgreement,
    EventComparison,
    FigureAgreement,
    FigureComparison,
    compare_events,
    compare_figures,
    event_indexes,
    measure_indexes,
)
from builder.curate.events import Event, EventCitation, era_of, merge_events
from builder.curate.figures import Figure, MeasureGroup, group_figures
from builder.curate.glossary import GlossaryEntry, TermUse, glossary_entries, snippets, term_matcher
from builder.curate.notes import Note, curated_notes
from builder.incremental import Cached, combine, fresh
from builder.model import Era, Reference, SiteInfo
from builder.places import Places, curate_places
from builder.profile import TextProfile, read_text
from builder.quotes import normalize

__all__ = [
    "Event", "EventAgreement", "EventCitation", "EventComparison", "Figure", "FigureAgreement", "FigureComparison", "GlossaryEntry", "MeasureGroup", "Site", "SourceProfile", "TermUse",
    "curate", "era_of", "glossary_entries", "group_figures", "merge_events", "term_matcher",
]


@dataclass(frozen=True)
class SourceProfile:
    """What the site uses one source for, who the source relies on, and how it hedges."""

    source: Source
    events: tuple[str, ...]
    figures: tuple[str, ...]
    terms: tuple[str, ...]
    quoted_chars: int
    """Characters of this source the site quotes, in all."""
    shown: budget.Shown
    """What the site shows of it before its sourcing note's excerpts: quotes and the glossary's snippets (:mod:`builder.budget`)."""
    text: TextProfile = field(default=TextProfile(False, 0, (), ()), repr=False)
    """Attributions and hedges found in its text (left out of its ``repr``, which shows the source's text by its hash)."""
    event_agreement: tuple[EventAgreement, ...] = ()
    """For each event it reports that others report too: how their dates stand to its own."""
    figure_agreement: tuple[FigureAgreement, ...] = ()
    """For each of its figures that others count too: where it stands among their figures."""
    notes: tuple[Note, ...] = ()
    """The editors' notes on the source as a whole, with the works they cite."""
    digest: bytes = field(default=b"", repr=False, compare=False)
    """A digest of what it is made from: its file, its events and its figures' groups, the terms citing it, what the site shows of it, the references."""

    @property
    def items(self) -> int:
        """How many events, figures and terms cite it."""
        return len(self.events) + len(self.figures) + len(self.terms)

    @property
    def last_dated(self) -> tuple[tuple, dates.Edtf] | None:
        """The later of its publication and access dates, with its sort key (:attr:`builder.check.Source.last_dated`)."""
        return self.source.last_dated


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
    references: tuple[Reference, ...] = ()
    """The works the editors' notes cite, in the order of ``references.yml``."""
    places: Places = field(default_factory=Places)
    """The gazetteer, and the places events name with their events (:mod:`builder.places`)."""

    @cached_property
    def last_change(self) -> dates.Edtf | None:
        """The newest date of any source: the last change of every page that rests on all of them."""
        return newest_date(self.sources)

    @cached_property
    def events_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        return {f.id: f for g in self.measures for f in g.figures}

    @cached_property
    def terms_by_id(self) -> dict[str, GlossaryEntry]:
        return {g.term.id: g for g in self.glossary}

    @cached_property
    def sources_by_id(self) -> dict[str, SourceProfile]:
        return {p.source.id: p for p in self.sources}

    @cached_property
    def source_records(self) -> dict[str, Source]:
        """Each source's checked record by id: for what depends on the source alone, not on what the site does with it."""
        return {p.source.id: p.source for p in self.sources}

    @cached_property
    def rank(self) -> dict[tuple[str, str], int]:
        """``("event" | "figure" | "term", id)`` -> position in its list, to sort a page's few records without scanning every one."""
        ranks = {("event", e.id): i for i, e in enumerate(self.events)}
        ranks |= {("figure", f): i for i, f in enumerate(self.figures_by_id)}
        ranks |= {("term", t): i for i, t in enumerate(self.terms_by_id)}
        return ranks


def newest_date(profiles: Iterable[SourceProfile | Source]) -> dates.Edtf | None:
    """The newest publication or access date of ``profiles`` (or sources); ``None`` when none has a known year."""
    known = [p.last_dated for p in profiles if p.last_dated is not None]
    return max(known, key=lambda pair: pair[0])[1] if known else None


def curate(content: Content, cached: Cached = fresh) -> Site:
    """Build the :class:`Site` from checked content.

    Args:
        content: the checked sources and curated files.
        cached: gives back what a source's unchanged text, or a record made
            from unchanged ones, yielded before (:meth:`builder.incremental.Files.get`).
    """
    # The events, figures and places follow from the sources' metadata and the curated files alone: an edit to an article's text leaves them.
    metadata = combine(*content.eras, *content.measures, *content.references, *content.places, metadata_digest(content.sources))
    events, groups, places = cached(("curate", "metadata"), metadata, "records", lambda _: _records(content, cached))
    used = quotes_by_source(content.sources, content.terms)
    counted = budget.counts(content.sources, content.terms, cached)
    shown = {s.id: counted[s.id].shown for s in content.sources}
    glossary = glossary_entries(content, events, shown, cached)
    snipped = snippets(glossary)
    # Indexes by source id, so that profiling every source stays linear in the corpus.
    events_of: dict[str, list[Event]] = {}
    for event in events:
        for cited in dict.fromkeys(c.source.id for c in event.citations):
            events_of.setdefault(cited, []).append(event)
    figures_of: dict[str, list[Figure]] = {}
    for group in groups:
        for figure in group.figures:
            figures_of.setdefault(figure.source.id, []).append(figure)
    terms_of: dict[str, list[str]] = {}
    for entry in glossary:
        for cited in dict.fromkeys(c.source for c in entry.term.citations):
            terms_of.setdefault(cited, []).append(entry.term.id)
    # Each event and measure indexed once: a source's dates and figures are then placed among all others by binary search.
    by_event, by_measure = event_indexes(events), measure_indexes(groups)
    group_of = {g.measure.id: g for g in groups}
    profiles = []
    references = {r.id: r for r in content.references}
    works = combine(*content.references)
    for source in content.sources:
        own_events, own_figures = events_of.get(source.id, ()), figures_of.get(source.id, ())
        # A source's place among the others depends on its events and the groups of its figures alone.
        events_digest = combine(source.digest, *((e.id, e.digest) for e in own_events))
        figures_digest = combine(*((f.id, group_of[f.measure.id].digest) for f in own_figures))
        terms = tuple(terms_of.get(source.id, ()))
        quoted = sum(len(normalize(q)) for q in (*used.get(source.id, ()), *snipped.get(source.id, ())))
        seen = cached(source.path, source.digest, "budget-snippets", lambda _: budget.with_snippets(source, shown[source.id], snipped.get(source.id, ())), given=(shown[source.id], tuple(snipped.get(source.id, ()))))
        profiles.append(
            SourceProfile(
                source=source,
                events=tuple(e.id for e in own_events),
                figures=tuple(f.id for f in own_figures),
                terms=terms,
                quoted_chars=quoted,
                shown=seen,
                text=cached(source.path, source.digest, "profile", lambda _: read_text(source.body, source.meta.language)),
                event_agreement=cached(("agreement", source.id), events_digest, "events", lambda _: compare_events(source, own_events, by_event)),
                figure_agreement=cached(("agreement", source.id), events_digest, "figures", lambda _: compare_figures(own_figures, by_measure), given=(figures_digest,)),
                notes=curated_notes(source.meta.editor_notes, references, source.id),
                digest=combine(events_digest, figures_digest, terms, quoted, seen, works),
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
        references=content.references,
        places=places,
    )


def _records(content: Content, cached: Cached) -> tuple[tuple[Event, ...], tuple[MeasureGroup, ...], Places]:
    events = merge_events(content, cached)
    return events, group_figures(content, cached), curate_places(content.places, events)


