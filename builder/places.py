"""Places: the gazetteer in ``sources/places.yml``, the names events use for its places, and each place's events.

A place is a record with its names and its coordinates, and the gazetteer
record those come from (:class:`builder.model.Place`). Events name places in
their ``places:`` by the place's id, its name, an alias, its official name or
its Ukrainian or Russian name; the check refuses a name the gazetteer does not
know, with the nearest one it does. The curate stage then lists, for each
place, the events that name it. Pure functions; nothing here touches a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from builder.load import LoadedFile
from builder.model import EventEntry, Place
from builder.problems import Problems
from builder.quotes import normalize


def name_key(name: str) -> str:
    """What two spellings of a name must share to name the same place: case, spacing and typographic quotes aside."""
    return normalize(name).casefold()


def names_of(place: Place) -> tuple[str, ...]:
    """Every name an event may use for ``place``: its id, name, official name, aliases, Ukrainian and Russian names."""
    return tuple(n for n in (place.id, place.name, place.official, *place.aliases, place.uk, place.ru) if n)


@dataclass(frozen=True)
class Gazetteer:
    """The curated places, and each name they go by."""

    places: tuple[Place, ...] = ()
    """In the order of ``sources/places.yml``."""
    by_name: dict[str, Place] = field(default_factory=dict)
    """:func:`name_key` of each name -> its place (the first place to claim a name keeps it)."""

    @classmethod
    def of(cls, places: Iterable[Place]) -> Gazetteer:
        listed = tuple(places)
        by_name: dict[str, Place] = {}
        for place in listed:
            for name in names_of(place):
                by_name.setdefault(name_key(name), place)
        return cls(listed, by_name)

    def find(self, name: str) -> Place | None:
        """The place ``name`` names, or ``None``."""
        return self.by_name.get(name_key(name))

    def nearest(self, name: str) -> str | None:
        """The known name closest to ``name``, for a "did you mean" hint."""
        known = sorted({n for p in self.places for n in names_of(p)})
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if not close:
            folded = {n.casefold(): n for n in known}
            close = [folded[c] for c in difflib.get_close_matches(name.casefold(), sorted(folded), n=1, cutoff=0.6)]
        return close[0] if close else None


# --- the check -----------------------------------------------------------------


def check_gazetteer(file: LoadedFile | None, places: Sequence[Place], problems: Problems) -> None:
    """Each name belongs to one place only, and a place's Ukrainian and Russian names are not its English one."""
    if file is None:
        return
    positions = {item.get("id"): i for i, item in enumerate(file.data if isinstance(file.data, list) else []) if isinstance(item, dict)}
    owners: dict[str, str] = {}
    for place in places:
        i = positions.get(place.id, 0)
        for where, name in _named_fields(place):
            key = name_key(name)
            owner = owners.setdefault(key, place.id)
            if owner != place.id:
                problems.add(file.rel, file.line_of((i, *where)), f"{name!r} names both places {owner!r} and {place.id!r}", "keep the name in one place only")


def _named_fields(place: Place) -> list[tuple[tuple, str]]:
    """``(path in the entry, name)`` for each name of ``place``, the id counted as a name; each distinct name once."""
    fields: list[tuple[tuple, str]] = [(("id",), place.id), (("name",), place.name)]
    if place.official:
        fields.append((("official",), place.official))
    fields += [(("aliases", j), a) for j, a in enumerate(place.aliases)]
    fields += [((lang,), value) for lang, value in (("uk", place.uk), ("ru", place.ru)) if value]
    seen: set[str] = set()
    unique = []
    for where, name in fields:
        if name_key(name) not in seen:
            seen.add(name_key(name))
            unique.append((where, name))
    return unique


def invalid_names(file: LoadedFile | None, places: Sequence[Place]) -> frozenset[str]:
    """The names (:func:`name_key`) of the entries of ``places.yml`` that failed validation.

    An event that names one of them names a place that is there but wrong:
    that entry's own problem is reported, not an unknown place as well.
    """
    if file is None or not isinstance(file.data, list):
        return frozenset()
    valid = {p.id for p in places}
    names: set[str] = set()
    for item in file.data:
        if isinstance(item, dict) and item.get("id") not in valid:
            values = [item.get(k) for k in ("id", "name", "official", "uk", "ru")]
            aliases = item.get("aliases")
            values += aliases if isinstance(aliases, list) else []
            names.update(name_key(v) for v in values if isinstance(v, str))
    return frozenset(names)


def check_event_places(file: LoadedFile, index: int, entry: EventEntry, gazetteer: Gazetteer, problems: Problems, *, draft: bool, invalid: frozenset[str] = frozenset()) -> set[str]:
    """Report each name under the event's ``places:`` that names no place in the gazetteer; the ids of those it names.

    A draft's unknown place is a warning: it must be added before the draft is accepted.
    Names in ``invalid`` (:func:`invalid_names`) are not reported.
    """
    found: set[str] = set()
    for j, name in enumerate(entry.places):
        place = gazetteer.find(name)
        if place is not None:
            found.add(place.id)
            continue
        if name_key(name) in invalid:
            continue
        close = gazetteer.nearest(name)
        add = "add it to sources/places.yml with its coordinates and the gazetteer record they come from"
        fix = f"did you mean {close!r}? or {add}" if close else add
        if draft:
            fix += ", before accepting the draft"
        problems.add(file.rel, file.line_of(("events", index, "places", j)), f"unknown place {name!r}", fix, warning=draft)
    return found


def check_places_named(file: LoadedFile | None, places: Sequence[Place], named: set[str], problems: Problems) -> None:
    """Warn about places that no event names (a draft's count): the site lists only the places its sources name."""
    if file is None:
        return
    positions = {item.get("id"): i for i, item in enumerate(file.data if isinstance(file.data, list) else []) if isinstance(item, dict)}
    for place in places:
        if place.id not in named:
            problems.add(file.rel, file.line_of((positions.get(place.id, 0), "id")), f"place {place.id!r} is named by no event", "name it in an event's places:, or remove it", warning=True)


# --- curating ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceEntry:
    """A place with the events that name it."""

    place: Place
    events: tuple[str, ...]
    """Ids of the events that name it, in timeline order."""


@dataclass(frozen=True)
class Places:
    """The site's places: the gazetteer, and each place that events name with its events."""

    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    entries: tuple[PlaceEntry, ...] = ()
    """Places that events name, by name (A–Z)."""

    def of(self, names: Iterable[str]) -> tuple[Place, ...]:
        """The places ``names`` name, each once, in their order (names the gazetteer does not know are left out)."""
        return named_places(self.gazetteer, names)

    @cached_property
    def by_id(self) -> dict[str, PlaceEntry]:
        return {e.place.id: e for e in self.entries}


def named_places(gazetteer: Gazetteer, names: Iterable[str]) -> tuple[Place, ...]:
    """The places ``names`` name, each once, in their order (names the gazetteer does not know are left out)."""
    found: dict[str, Place] = {}
    for name in names:
        place = gazetteer.find(name)
        if place is not None:
            found.setdefault(place.id, place)
    return tuple(found.values())


def curate_places(places: Sequence[Place], events: Sequence) -> Places:
    """Each place's events, in the order of ``events`` (the timeline's).

    An event is a place's when its own places or any of its sources' versions of them name the place.
    """
    gazetteer = Gazetteer.of(places)
    of_place: dict[str, list[str]] = {}
    for event in events:
        names = [*event.places, *(p for c in event.citations for p in c.places)]
        for place in named_places(gazetteer, names):
            of_place.setdefault(place.id, []).append(event.id)
    entries = tuple(
        PlaceEntry(p, tuple(of_place[p.id])) for p in sorted(gazetteer.places, key=lambda p: (name_key(p.name), p.id)) if p.id in of_place
    )
    return Places(gazetteer, entries)
