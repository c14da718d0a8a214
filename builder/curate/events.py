"""Events: one per id, merged from every source that reports it."""

from __future__ import annotations

from dataclasses import dataclass

from builder import dates
from builder.check import Content, Source
from builder.model import Era


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
    """The id of the first era that holds the start of ``when``; ``None`` if none does."""
    return next((era.id for era in eras if era.contains(when)), None)
