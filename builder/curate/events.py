"""Events: one per id, merged from every source that reports it, disagreements kept.

Several sources can report one event. The entry with ``title`` and
``summary`` describes it; every entry is a citation with its own quote and,
where the source gives them, its own date, places and actors. Where those
versions cannot all be true, the event records a :class:`Disagreement`
instead of silently picking one; the site follows the entry marked
``follow: true`` (with the curators' reason), else the describing entry.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder import dates
from builder.curate.notes import Note, curated_notes
from builder.curate.status import REPORTED, Status, event_status
from builder.incremental import Cached, combine, fresh
from builder.model import Era, EventEntry, Reference

if TYPE_CHECKING:
    from builder.check import Content, Source

FIELDS = ("date", "places", "actors")
"""The facts sources can give differently for one event."""


@dataclass(frozen=True)
class EventCitation:
    """One source's report of an event, with its version of the facts."""

    source: Source
    quote: str
    date: dates.Edtf | None
    """The date this source gives, if it gives one."""
    reported: dates.Edtf | None
    """When this source reported it: the date its entry states (``reported:``), else the source's publication date; ``None`` when neither is known."""
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    describes: bool = False
    """This entry carries the event's title and summary."""
    followed: bool = False
    """The site follows this source's version where sources disagree."""
    because: str | None = None
    """The curators' reason for following this version."""
    reported_stated: bool = False
    """``reported`` is the date the entry states, not the source's publication date."""
    according_to: str | None = None
    """Whose claim this source passes on, when it reports another's."""


@dataclass(frozen=True)
class Version:
    """One value of a disputed fact, with the sources that give it."""

    value: str
    """As written: an EDTF date, or names joined with ', '."""
    sources: tuple[str, ...]
    """Ids of the sources that give this value."""


@dataclass(frozen=True)
class Disagreement:
    """Sources give versions of one fact that cannot all be true."""

    field: str
    """``date``, ``places`` or ``actors``."""
    versions: tuple[Version, ...]
    """The version the site follows first, then the others in citation order."""
    followed: str
    """Id of the source whose version the site follows."""
    because: str | None
    """Why, when the curators marked it with ``follow: true``; ``None`` when it is the default."""

    def words(self, value: str) -> str:
        """A version for people: dates in words, names as given."""
        return dates.humanize(value) if self.field == "date" else value


@dataclass(frozen=True)
class Resolution:
    """What the site shows for one event when sources give different versions."""

    followed: int
    """Index of the entry whose version the site follows."""
    date: str | None
    places: tuple[str, ...]
    actors: tuple[str, ...]
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class Event:
    """An event with every source that reports it."""

    id: str
    date: dates.Edtf
    """The date the site follows."""
    date_note: str | None
    title: str
    summary: str
    tags: tuple[str, ...]
    places: tuple[str, ...]
    actors: tuple[str, ...]
    citations: tuple[EventCitation, ...]
    """The describing entry's source first, then the others by source id."""
    era: str | None
    """Id of the era the event falls in; ``None`` when its year is unknown."""
    disagreements: tuple[Disagreement, ...] = ()
    digest: bytes = dataclasses.field(default=b"", repr=False, compare=False)
    """A digest of what it is made from: its sources' metadata, the eras and the references (:func:`builder.incremental.combine`)."""
    notes: tuple[Note, ...] = ()
    """The editors' notes on the event, from every source's entry."""
    source_title: str | None = None
    """The title as it states the source's version, when an editors' note corrects it (``title`` is the site's)."""
    source_date: dates.Edtf | None = None
    """The date the sources' version gives, when an editors' note corrects it (``date`` is the site's)."""
    source_actors: tuple[str, ...] = ()
    """Who acted in the sources' version, when an editors' note corrects it (``actors`` is the site's)."""
    status: Status = REPORTED
    """Whether one origin reports it, independent sources agree on it, or the editors correct it."""

    @property
    def reported(self) -> dates.Edtf | None:
        """The earliest date a source reported it (see :attr:`EventCitation.reported`)."""
        given = [c.reported for c in self.citations if c.reported]
        return min(given, key=lambda d: d.sort_key()) if given else None

    def disputes(self, field: str) -> Disagreement | None:
        return next((d for d in self.disagreements if d.field == field), None)


def resolve(entries: Sequence[tuple[str, EventEntry]]) -> Resolution:
    """Decide what the site shows for one event, and where its sources disagree.

    Args:
        entries: ``(source id, entry)`` for each published entry of the event,
            the describing entry first.

    The site follows the entry marked ``follow: true``, else the describing
    entry; a fact that entry does not give comes from the first entry that
    gives it. Two dates disagree when they cannot mean the same day; two
    lists of names disagree when neither contains the other.
    """
    followed = next((i for i, (_, e) in enumerate(entries) if e.follow), 0)
    order = [followed, *(i for i in range(len(entries)) if i != followed)]
    values: dict[str, object] = {}
    disagreements = []
    for field in FIELDS:
        given = [(i, _value(entries[i][1], field)) for i in order if _value(entries[i][1], field)]
        if not given:
            values[field] = None if field == "date" else ()
            continue
        chosen_at, chosen = given[0]
        values[field] = chosen
        if not _conflict(field, [v for _, v in given]):
            continue
        versions: dict[str, list[str]] = {}
        by_entry = dict(given)
        for i in sorted(by_entry, key=lambda i: (i != chosen_at, i)):
            versions.setdefault(_shown(by_entry[i]), []).append(entries[i][0])
        marked = entries[chosen_at][1]
        disagreements.append(
            Disagreement(
                field=field,
                versions=tuple(Version(value, tuple(ids)) for value, ids in versions.items()),
                followed=entries[chosen_at][0],
                because=marked.because if marked.follow else None,
            )
        )
    return Resolution(followed, values["date"], values["places"], values["actors"], tuple(disagreements))  # type: ignore[arg-type]  # values maps each field to a value of that field's type


def _value(entry: EventEntry, field: str) -> object:
    value = getattr(entry, field)
    return tuple(value) if isinstance(value, list) else value


def _shown(value: object) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _conflict(field: str, values: list) -> bool:
    """Whether two of ``values`` disagree, in time linear in their number (an event may have thousands).

    Dates: intervals on a line all overlap pairwise exactly when the latest
    start is no later than the earliest end. Lists of names: each contains
    or is contained in every other exactly when, ordered by size, each
    contains the one before it.
    """
    if field == "date":
        parsed = [p for p in (dates.parse(v) for v in values) if p.year_known]
        return bool(parsed) and max(p.lower for p in parsed) > min(p.upper for p in parsed)
    sets = sorted(({v.casefold() for v in names} for names in values), key=len)
    return any(not a <= b for a, b in zip(sets, sets[1:]))


def merge_events(content: Content, cached: Cached = fresh) -> tuple[Event, ...]:
    """One :class:`Event` per id, with each source's report as a citation."""
    reports: dict[str, list[tuple[Source, EventEntry]]] = {}
    for source in content.sources:
        for entry in source.meta.events:
            if not entry.draft:
                reports.setdefault(entry.id, []).append((source, entry))
    events = []
    references = {r.id: r for r in content.references}
    made_from = combine(*content.eras, *content.references)
    for event_id, group in reports.items():
        main = next((e for _, e in group if e.title is not None), None)
        if main is None:
            continue  # only drafts describe it; the draft is not published
        group.sort(key=lambda pair: (pair[1] is not main, pair[0].id))
        # An event shows its sources' metadata, not their texts, and the works its notes cite.
        digest = combine(made_from, *(s.meta_digest for s, _ in group))
        events.append(cached(("event", event_id), digest, "event", lambda _: dataclasses.replace(_merged(event_id, group, main, content.eras, references), digest=digest)))
    return tuple(sorted(events, key=lambda e: (*e.date.sort_key(), e.id)))


def _merged(event_id: str, group: list[tuple[Source, EventEntry]], main: EventEntry, eras: tuple[Era, ...], references: dict[str, Reference]) -> Event:
    """One event from its sources' entries, the describing entry first; an editors' correction replaces the sources' date, title or actors."""
    resolution = resolve([(s.id, e) for s, e in group])
    claimed = dates.parse(resolution.date or main.date)
    notes = tuple(n for s, e in group for n in curated_notes(e.editor_notes, references, s.id))
    fixes = [n.corrects for s, e in group for n in e.editor_notes if n.corrects is not None]
    fixed_date = next((f.date for f in fixes if f.date is not None), None)
    fixed_title = next((f.title for f in fixes if f.title is not None), None)
    fixed_actors = next((tuple(f.actors) for f in fixes if f.actors is not None), None)
    when = dates.parse(fixed_date) if fixed_date else claimed
    citations = tuple(
        EventCitation(
            source=s,
            quote=e.quote,
            date=dates.parse(e.date) if e.date else None,
            reported=reported_on(e.reported, s),
            places=tuple(e.places),
            actors=tuple(e.actors),
            describes=e is main,
            followed=i == resolution.followed,
            because=e.because,
            reported_stated=e.reported is not None,
            according_to=e.according_to,
        )
        for i, (s, e) in enumerate(group)
    )
    return Event(
        id=event_id,
        date=when,
        date_note=None if fixed_date else group[resolution.followed][1].date_note or main.date_note,
        title=fixed_title or main.title,  # type: ignore[arg-type]  # the describing entry has a title and a summary (the check refuses an event without one)
        summary=main.summary,  # type: ignore[arg-type]  # as the title
        tags=tuple(dict.fromkeys(t for _, e in group for t in e.tags)),
        places=resolution.places,
        actors=fixed_actors or resolution.actors,
        citations=citations,
        era=era_of(when, eras),
        disagreements=resolution.disagreements,
        notes=notes,
        source_title=main.title if fixed_title else None,
        source_date=claimed if fixed_date and claimed.text != when.text else None,
        source_actors=resolution.actors if fixed_actors and fixed_actors != resolution.actors else (),
        status=event_status(citations, when, corrected=bool(fixes)),
    )


def reported_on(stated: str | None, source: Source) -> dates.Edtf | None:
    """When a citation was reported: the date its entry states, else its source's publication date; ``None`` when neither is known (never guessed)."""
    given = stated or source.meta.published
    return dates.parse(given) if given else None


def era_of(when: dates.Edtf, eras: tuple[Era, ...] | list[Era]) -> str | None:
    """The id of the first era that holds the day ``when`` is filed under; ``None`` if none does."""
    anchor = when.anchor
    if anchor is None:
        return None
    for era in eras:
        start = dates.parse(era.start).lower
        end = dates.parse(era.end).upper if era.end else dates.dt.date.max
        if start <= anchor <= end:
            return era.id
    return None
