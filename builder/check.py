"""Check stage: turn loaded YAML into typed records and verify every claim.

Validation of each file's fields is the models' job (:mod:`builder.model`);
this module maps their errors to file lines and adds the checks that span
files: ids, cross-references, verbatim quotes, reproduction budgets, eras.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from builder import budget, dates, readings
from builder.ids import check_ids
from builder.incremental import Cached, combine, fresh, text_digest
from builder.load import LoadedFile, SourceTree, YamlPath
from builder.model import DATA_FILES, OPTIONAL_DATA_FILES, Era, EventEntry, FigureEntry, Measure, Place, Record, Reference, SiteInfo, Slug, SourceMeta, Term
from builder.places import Gazetteer, check_event_places, check_gazetteer, check_places_named, invalid_names
from builder.problems import Problems
from builder.quotes import QuoteIndex, lookalikes, normalize
from builder.references import check_notes
from builder.review import check_review
from builder.terms import term_matcher

RESERVED_SOURCE_IDS = frozenset({"index"})
"""Source ids that would collide with the generated ``sources/index.md``."""
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ID_PATTERN = Slug.__metadata__[0].pattern  # type: ignore[attr-defined]  # mypy reads the Annotated alias as plain str; at run time it keeps its constraints
"""The pattern of an id field, which a pattern error is reported against as "not a valid id"."""
_UNION_MEMBER = re.compile(r"str|int|float|bool|constrained-str|[a-z-]+\[.*\]", re.DOTALL)
"""How pydantic names a union's member in an error's location (``int``, ``list[str]``, ``function-after[check(), str]``).

A whole-name match: a field a contributor names ``strength`` or ``intro`` is not one."""


@dataclass(frozen=True)
class Source:
    """A checked source article."""

    id: str
    meta: SourceMeta
    body: str
    file: LoadedFile

    @property
    def path(self) -> str:
        return self.file.rel if self.file is not None else f"sources/{self.id}.md"

    @property
    def digest(self) -> bytes:
        """The hash of its file's text (empty for a record made without one): a source is a pure function of its file."""
        return self.file.digest if self.file is not None else b""

    @cached_property
    def meta_digest(self) -> bytes:
        """The hash of its metadata's YAML and the line it starts on: what records and problems made from its metadata, not its text, are known by (an event, a figure, the checks across sources).

        The line counts: blank lines after the opening ``---`` move every
        line a problem is reported at, and leave the YAML as it was.
        """
        if self.file is None:
            return text_digest(f"{self.id}\0{self.meta!r}")
        return text_digest(f"{self.id}\0{self.file.yaml_line}\0{self.file.yaml_text}")

    def __repr__(self) -> str:
        # Records that hold a source show it by its file's hash, not its whole text.
        return f"Source({self.id!r}, {self.digest.hex()})"

    @cached_property
    def last_dated(self) -> tuple[tuple, dates.Edtf] | None:
        """The later of its publication and access dates, with its sort key; ``None`` when neither has a known year.

        Worked out once: every page that rests on the source asks for it.
        """
        known = [d for d in (dates.parse(v) for v in (self.meta.published, self.meta.accessed) if v) if d.year_known]
        return max(((d.sort_key(), d) for d in known), key=lambda pair: pair[0]) if known else None

    @cached_property
    def words(self) -> budget.Words:
        """Its text as words, to count what the site shows of it (:mod:`builder.budget`)."""
        return budget.Words(self.body)


def metadata_digest(sources: Iterable[Source]) -> bytes:
    """One digest of the metadata of ``sources`` (their paths and :attr:`Source.meta_digest`): what a stage that reads every source's metadata, and not their texts, is kept by."""
    listed = list(sources)
    return combine(*(s.path for s in listed), *(s.meta_digest for s in listed))


@dataclass(frozen=True)
class Content:
    """Everything the sources folder says, checked."""

    site: SiteInfo
    sources: tuple[Source, ...]
    """Published sources, sorted by id."""
    eras: tuple[Era, ...]
    """Eras in chronological order."""
    measures: tuple[Measure, ...]
    terms: tuple[Term, ...]
    drafts: int = 0
    """How many draft sources, events and figures were left out."""
    references: tuple[Reference, ...] = ()
    """The works the editors' notes cite, in the order of ``references.yml``."""
    places: tuple[Place, ...] = ()
    """The gazetteer, in the order of ``sources/places.yml``."""


def check(tree: SourceTree, problems: Problems, *, show_drafts: bool = False, cached: Cached = fresh) -> Content | None:
    """Validate everything in ``tree``; ``None`` when anything is wrong.

    All problems are added to ``problems``; the caller decides when to stop.
    With ``show_drafts``, drafts are kept and marked as drafts (the preview of
    :mod:`builder.suggest.preview`) instead of being left out. ``cached``
    gives back what validating a file whose text is unchanged gave before
    (:meth:`builder.incremental.Files.get`).
    """
    sources, invalid = _check_sources(tree, problems, cached)
    lists: dict[str, list[tuple[Record, YamlPath]]] = {}
    site: SiteInfo | None = None
    for name, file in sorted(tree.data_files.items()):
        if name not in DATA_FILES:
            allowed = ", ".join(f"{n}.yml" for n in DATA_FILES)
            problems.add(file.rel, 1, f"unknown curated file {name!r}", f"curated files are {allowed}")
            continue
        if file.refused:
            continue  # its problems are reported; that it has no entries is not one more
        model, is_list = DATA_FILES[name]
        if is_list:
            lists[name] = list(cached(file.rel, file.digest, "valid", lambda found: tuple(_validate_entries(file, model, found)), problems))
        else:
            found = cached(file.rel, file.digest, "valid", lambda found: _validate(file, (), file.data, model, found), problems)
            site = found if isinstance(found, SiteInfo) else None
    for name, (model, is_list) in DATA_FILES.items():
        if name not in tree.data_files and name not in OPTIONAL_DATA_FILES:
            problems.add(f"sources/{name}.yml", 1, f"missing curated file {name}.yml", "create it; see CONTRIBUTING.md")
    eras = _unique(lists.get("eras", []), tree.data_files.get("eras"), "era", problems)
    measures = _unique(lists.get("measures", []), tree.data_files.get("measures"), "measure", problems)
    terms = _unique(lists.get("glossary", []), tree.data_files.get("glossary"), "term", problems)
    references = _unique(lists.get("references", []), tree.data_files.get("references"), "reference", problems)
    places = _unique(lists.get("places", []), tree.data_files.get("places"), "place", problems)

    by_id = {s.id: s for s in sources}
    indexes = {s.id: cached(s.path, s.digest, "quote-index", lambda _: QuoteIndex(s.body)) for s in sources}
    # A file that failed validation is missing from the cross-checks; do not
    # report what follows from its absence as further problems.
    unit_of = {m.id: m.unit for m in measures}
    for source in sources:
        units = {m: unit_of[m] for m in sorted({f.measure for f in source.meta.figures}) if m in unit_of}
        cached(source.path, source.digest, "alone", lambda found: _check_alone(source, indexes[source.id], units, found), problems, given=(units,))

    def across(found: Problems) -> None:
        """What the sources' metadata says together, with the curated files: ids, events, figures and places."""
        check_ids(sources, lists, tree.data_files, found)
        _check_events(sources, eras, found, complete=not invalid, cached=cached)
        _check_figures(sources, measures, found)
        _check_places(tree.data_files.get("places"), places, sources, found, complete=not invalid)

    # Read again only when some source's metadata or a curated file changed: an edit to an article's text leaves it.
    metadata = combine(not invalid, *((f.rel, f.digest) for _, f in sorted(tree.data_files.items())), metadata_digest(sources))
    cached(("check", "metadata"), metadata, "across", across, problems)
    _check_term_drafts(sources, indexes, terms, problems)
    _check_terms(tree.data_files.get("glossary"), terms, by_id, invalid, indexes, eras, problems, cached)
    budget.check_quotes(budget.counts(sources, terms, cached), sources, tree.data_files.get("glossary"), problems)
    check_notes(sources, terms, tree.data_files.get("glossary"), references, tree.data_files.get("references"), eras, problems)
    if site is not None:
        _check_site(tree.data_files["site"], site, measures, problems)

    if problems.errors or site is None:
        return None
    published = tuple(s for s in sources if not s.meta.draft)
    drafts = sum(1 for s in sources if s.meta.draft) + sum(
        1 for s in published for entries in (s.meta.events, s.meta.figures, s.meta.terms) for e in entries if e.draft
    )
    ordered_eras = tuple(sorted(eras, key=lambda e: dates.parse(e.start).sort_key()))
    content = Content(site, published, ordered_eras, tuple(measures), tuple(sorted(terms, key=lambda t: t.term.casefold())), drafts, tuple(references), tuple(places))
    if show_drafts:
        from builder.suggest.preview import preview

        content = preview(content, tuple(s for s in sources if s.meta.draft))
    return content


# --- mapping validation errors to lines ------------------------------------


def _validate(file: LoadedFile, path: YamlPath, data: Any, model: type[Record], problems: Problems) -> Record | None:
    """Validate ``data`` (found at ``path`` in ``file``) as ``model``; report each error."""
    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        problems.add(file.rel, file.line_of(path), f"expected a mapping of fields, found {found}", "write 'field: value' lines; see CONTRIBUTING.md")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as err:
        for error in err.errors():
            _report(file, path, error, model, problems)
        return None


def _validate_entries(file: LoadedFile, model: type[Record], problems: Problems) -> list[tuple[Record, YamlPath]]:
    if file.data is None:
        return []  # a list file holding only comments: no entries yet
    if not isinstance(file.data, list):
        problems.add(file.rel, 1, f"expected a list of entries, found {type(file.data).__name__}", "start each entry with '- id: ...'")
        return []
    records: list[tuple[Record, YamlPath]] = []
    for index, item in enumerate(file.data):
        record = _validate(file, (index,), item, model, problems)
        if record is not None:
            records.append((record, (index,)))
    return records


def _report(file: LoadedFile, base: YamlPath, error: Mapping[str, Any], model: type[Record], problems: Problems) -> None:
    loc = tuple(error["loc"])
    kind = error["type"]
    where = _field_name(loc, unknown=kind == "extra_forbidden")
    line = file.line_of((*base, *loc))
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        fix = f"did you mean {close[0]!r}?" if close else f"allowed fields: {', '.join(allowed)}"
        problems.add(file.rel, line, f"unknown field {_clip(where, 80)!r}", fix)
    elif kind == "missing":
        problems.add(file.rel, file.line_of((*base, *loc[:-1])), f"missing required field {where!r}", "add it; see CONTRIBUTING.md")
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == _ID_PATTERN:
        foreign = sorted({c for c in str(error["input"]) if not c.isascii()})
        hint = f"; {foreign[0]!r} is U+{ord(foreign[0]):04X} {unicodedata.name(foreign[0], '?')}, not a Latin letter" if foreign else ""
        problems.add(file.rel, line, f"{where}: {_clip(str(error['input']), 80)!r} is not a valid id", f"use lowercase letters, digits and single hyphens, e.g. order-227{hint}")
    elif kind == "string_pattern_mismatch" and loc[-1:] == ("language",):
        problems.add(file.rel, line, f"language: {_clip(str(error['input']), 80)!r} is not a language code", "use a code such as en, ru or uk")
    elif kind == "value_error":
        text, fix = _fix_apart(str(error["ctx"]["error"]))
        label = f"{where}: " if where else ""
        problems.add(file.rel, line, f"{label}{_clip(text, 300)}", fix)
    else:
        found = error.get("input")
        shown = f" (found {_clip(repr(found), 80)})" if isinstance(found, (str, int, float, bool)) or found is None else ""
        problems.add(file.rel, line, f"{where}: {error['msg'][0].lower()}{error['msg'][1:]}{shown}", "see CONTRIBUTING.md for the field's form")


def _fix_apart(message: str) -> tuple[str, str]:
    """A model's message and its fix: the parenthesis that ends it, found from its end.

    The fix may hold parentheses of its own (the date forms), and a value quoted
    before it may hold ``" ("``: the first ``" ("`` is not always the fix's.
    """
    if message.endswith(")"):
        depth = 0
        for at in range(len(message) - 1, 0, -1):
            depth += (message[at] == ")") - (message[at] == "(")
            if depth == 0:
                if message[at - 1] == " ":
                    return message[: at - 1], message[at + 1 : -1]
                break
    return message, ""


def _field_name(loc: tuple, *, unknown: bool = False) -> str:
    """The field at ``loc`` as a contributor writes it (``events[0].date``), without the names pydantic gives a union's members.

    With ``unknown``, the last part is a key the contributor wrote (an unknown field): kept, whatever it looks like.
    """
    text = ""
    for n, part in enumerate(loc):
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _UNION_MEMBER.fullmatch(part) or (unknown and n == len(loc) - 1):
            text += f".{part}" if text else part
    return text


def _fields_at(model: type[Record], loc: tuple) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        # A member given as Annotated[Record, ...] (a cite, with its shorthand) is its __origin__.
        members = (getattr(a, "__origin__", a) for a in (annotation, *args))
        current = next((a for a in members if isinstance(a, type) and issubclass(a, Record)), None)
        if current is None:
            return []
    return sorted(getattr(current, "model_fields", {}))


def _unique(records: list[tuple[Record, YamlPath]], file: LoadedFile | None, what: str, problems: Problems) -> list[Any]:
    seen: dict[str, YamlPath] = {}
    kept = []
    for record, path in records:
        rid = getattr(record, "id")
        if rid in seen:
            line, first = (file.line_of((*path, "id")), file.line_of((*seen[rid], "id"))) if file else (1, 1)
            problems.add(file.rel if file else "sources", line, f"duplicate {what} id {rid!r} (first at line {first})", "give each entry its own id")
            continue
        seen[rid] = path
        kept.append(record)
    return kept


# --- sources -----------------------------------------------------------------


def _check_sources(tree: SourceTree, problems: Problems, cached: Cached) -> tuple[list[Source], set[str]]:
    """Validated sources by id, and the ids of the source files that failed validation."""
    sources: list[Source] = []
    invalid: set[str] = set()
    seen: dict[str, str] = {}
    for file in tree.articles:
        sid = file.stem
        if not _is_slug(sid):
            problems.add(file.rel, 1, f"file name {sid!r} is not a valid source id", "rename the file to lowercase letters, digits and hyphens, e.g. uk-intel-2023.md")
            continue
        if sid in RESERVED_SOURCE_IDS:
            problems.add(file.rel, 1, f"{sid!r} is reserved for the sources index page", f"rename the file, e.g. {sid}-article.md")
            continue
        if sid in seen:
            problems.add(file.rel, 1, f"duplicate source id {sid!r} (also {seen[sid]})", "rename one of the two files")
            continue
        seen[sid] = file.rel
        meta = cached(file.rel, file.digest, "valid", lambda found: _validate(file, (), file.data, SourceMeta, found), problems)
        body = file.text
        if not body.strip():
            problems.add(file.rel, file.body_line, "the source has no text after its frontmatter", "paste the article text below the closing '---'")
        if isinstance(meta, SourceMeta):
            sources.append(Source(sid, meta, body, file))
        else:
            invalid.add(sid)
    return sorted(sources, key=lambda s: s.id), invalid


def _is_slug(text: str) -> bool:
    return bool(_SLUG.fullmatch(text)) and len(text) <= 80


def _check_quote(source: Source, index: QuoteIndex, quote: str, file: LoadedFile, path: YamlPath, problems: Problems) -> bool:
    """Report ``quote`` (at ``path`` in ``file``) unless it occurs in the source's text; whether it does."""
    if index.contains(quote):
        return True
    closest = index.closest(quote, context=10)
    fix = f"closest passage in {source.path}: \"{_clip(closest, 160)}\"" if closest else f"copy the words exactly from {source.path}"
    hidden = lookalikes(quote) or [f"the source has {c}" for c in lookalikes(closest)]
    if hidden:
        fix += f"; lookalike letter from another script: {'; '.join(hidden[:3])} (retype it)"
    problems.add(file.rel, file.line_of(path), f"quote not found in {source.id}: \"{_clip(normalize(quote), 120)}\"", fix)
    return False


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _check_events(sources: list[Source], eras: list[Era], problems: Problems, *, complete: bool, cached: Cached = fresh) -> None:
    """One description per event, dates in an era, and disagreements between sources (warnings).

    What an event's entries give is kept while its sources' metadata and the eras are unchanged (``cached``).
    """
    eras_digest = combine(*eras)
    describing: dict[str, tuple[Source, int]] = {}
    """The entry that describes each event: its source and index under ``events:``."""
    entries: dict[str, list[tuple[Source, int, EventEntry]]] = {}
    for source in sources:
        for i, entry in enumerate(source.meta.events):
            entries.setdefault(entry.id, []).append((source, i, entry))
            if entry.title is not None or entry.summary is not None:
                if entry.id in describing:
                    other, other_i = describing[entry.id]
                    problems.add(source.path, source.file.line_of(("events", i)), f"event {entry.id!r} is described twice (also {other.path}:{other.file.line_of(('events', other_i))})", "keep title and summary in one entry; other sources add only id, quote and date")
                else:
                    describing[entry.id] = (source, i)
    for event_id, group in sorted(entries.items()):
        if event_id not in describing:
            if not complete or all(e.draft for _, _, e in group):
                continue  # drafts get their title and summary when a curator accepts them
            source, i, _ = group[0]
            problems.add(source.path, source.file.line_of(("events", i)), f"event {event_id!r} has no title or summary in any source", "add title and summary to one of its entries")
            continue
        marked = [(s, i) for s, i, e in group if e.follow]
        for s, i in marked[1:]:
            first, first_i = marked[0]
            problems.add(s.path, s.file.line_of(("events", i, "follow")), f"event {event_id!r}: more than one entry has follow: true (also {first.path}:{first.file.line_of(('events', first_i, 'follow'))})", "mark only the version the site follows")
        source, described_at = describing[event_id]
        main = next(e for s, i, e in group if s is source and i == described_at)  # it may lack its title: reported above
        if main.date is None:
            problems.add(source.path, source.file.line_of(("events", described_at)), f"event {event_id!r} has no date", "add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated")
            continue
        published = sorted(
            ((s, i, e) for s, i, e in group if not e.draft and not s.meta.draft),
            key=lambda item: (item[2] is not main, item[0].id),
        )
        if published and published[0][2] is main and len(marked) <= 1:
            digest = combine(eras_digest, *((s.meta_digest, i) for s, i, _ in published))
            cached(("event-check", event_id), digest, "disagreements", lambda found: _check_disagreements(event_id, published, eras, found), problems)
        else:
            main_i = next(i for s, i, e in group if e is main)
            _check_era(event_id, main.date, source, main_i, eras, problems)


def _check_era(event_id: str, date: str, source: Source, index: int, eras: list[Era], problems: Problems) -> None:
    from builder.curate.events import era_of  # the curate package imports this module

    when = dates.parse(date)
    if eras and when.year_known and era_of(when, eras) is None:
        problems.add(source.path, source.file.line_of(("events", index, "date")), f"event {event_id!r} dated {date} falls in no era", "add or widen an era in sources/eras.yml")


def _check_disagreements(event_id: str, group: list[tuple[Source, int, EventEntry]], eras: list[Era], problems: Problems) -> None:
    """Check that the date the site follows falls in an era; list, as warnings, where sources
    disagree and the curators have not said which version the site follows.
    """
    from builder.curate.events import resolve  # the curate package imports this module

    resolution = resolve([(s.id, e) for s, _, e in group])
    followed_source, followed_i, _ = group[resolution.followed]
    if resolution.date:
        dated_at = next(((s, i) for s, i, e in group if e.date == resolution.date), (followed_source, followed_i))
        _check_era(event_id, resolution.date, dated_at[0], dated_at[1], eras, problems)
    for disagreement in resolution.disagreements:
        if disagreement.because:
            continue  # settled by the curators, with their reason shown on the page
        versions = "; ".join(
            f"{', '.join(v.sources)}: {disagreement.words(v.value)}" + (" (followed by default)" if i == 0 else "")
            for i, v in enumerate(disagreement.versions)
        )
        other = next(
            ((s, i) for s, i, e in group if getattr(e, disagreement.field) and s.id not in disagreement.versions[0].sources),
            (followed_source, followed_i),
        )
        where = other[0].file.line_of(("events", other[1], disagreement.field))
        problems.add(
            other[0].path,
            where,
            f"event {event_id!r}: sources disagree on the {disagreement.field} — {versions}",
            "the timeline shows every version; to record which one the site follows and why, add follow: true and because: to that source's entry",
            warning=True,
        )


def _check_figures(sources: list[Source], measures: list[Measure], problems: Problems) -> None:
    known = {m.id for m in measures}
    seen: dict[str, tuple[Source, int]] = {}
    for source in sources:
        for i, figure in enumerate(source.meta.figures):
            if figure.id in seen:
                first, first_i = seen[figure.id]
                also = f"{first.path}:{first.file.line_of(('figures', first_i))}"
                problems.add(source.path, source.file.line_of(("figures", i)), f"duplicate figure id {figure.id!r} (also {also})", "give each figure its own id")
            seen.setdefault(figure.id, (source, i))
            if figure.measure not in known:
                close = difflib.get_close_matches(figure.measure, sorted(known), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "add it to sources/measures.yml"
                if figure.draft:
                    # A draft may propose a measure; it must exist before the draft is accepted.
                    fix = f"{fix} before accepting the draft"
                problems.add(source.path, source.file.line_of(("figures", i, "measure")), f"unknown measure {figure.measure!r}", fix, warning=figure.draft or source.meta.draft)


def _check_alone(source: Source, index: QuoteIndex, units: dict[str, str], problems: Problems) -> None:
    """What a source's file alone settles (with the units of the measures its figures count): its event and figure quotes
    are in its text, their words agree with the dates and numbers given, and nothing unreviewed is published."""
    for i, entry in enumerate(source.meta.events):
        found = _check_quote(source, index, entry.quote, source.file, ("events", i, "quote"), problems)
        if entry.id.startswith(("era-", "year-")):
            problems.add(source.path, source.file.line_of(("events", i, "id")), f"event id {entry.id!r} starts with {entry.id.split('-')[0]}-, which the timeline keeps for its eras and years", "choose another id")
        if (entry.title is None) != (entry.summary is None):
            problems.add(source.path, source.file.line_of(("events", i)), f"event {entry.id!r} has a {'title' if entry.title else 'summary'} but no {'summary' if entry.title else 'title'}", "the entry that describes an event gives both")
        dated = readings.check_date(entry.quote, entry.date, "date", entry.date_note) if found else None
        if dated:
            problems.add(source.path, source.file.line_of(("events", i, "date")), dated.message, dated.fix, warning=entry.draft or source.meta.draft)
        if entry.date and entry.reported:
            when, reported = dates.parse(entry.date), dates.parse(entry.reported)
            if when.year_known and reported.year_known and reported.upper < when.lower:
                problems.add(
                    source.path,
                    source.file.line_of(("events", i, "reported")),
                    f"event {entry.id!r} is reported {reported.human()} ({entry.reported}), before it happened ({entry.date})",
                    "reported: is when the news came out, date: when the event happened; check both",
                )
    for i, figure in enumerate(source.meta.figures):
        found = _check_quote(source, index, figure.quote, source.file, ("figures", i, "quote"), problems)
        # What the quote's words say (builder/readings.py); a draft's findings are for its reviewer.
        for finding in readings.check_figure(figure, units.get(figure.measure)) if found else ():
            line = source.file.line_of(("figures", i, finding.field) if finding.field in figure.model_fields_set else ("figures", i))
            problems.add(source.path, line, finding.message, finding.fix, warning=figure.draft or source.meta.draft)
    check_review(source, problems)


def _check_places(file: LoadedFile | None, places: list[Place], sources: list[Source], problems: Problems, *, complete: bool) -> None:
    """The gazetteer's names, each event's places (:mod:`builder.places`), and places no event, published or draft, names (warnings)."""
    check_gazetteer(file, places, problems)
    gazetteer, invalid = Gazetteer.of(places), invalid_names(file, places)
    named: set[str] = set()
    for source in sources:
        for i, entry in enumerate(source.meta.events):
            draft = entry.draft or source.meta.draft
            # A draft's places count as named: the draft will need them once it is accepted.
            named |= check_event_places(source.file, i, entry, gazetteer, problems, draft=draft, invalid=invalid)
    if complete:
        check_places_named(file, places, named, problems)


def _check_term_drafts(sources: list[Source], indexes: dict[str, QuoteIndex], terms: list[Term], problems: Problems) -> None:
    """Term drafts in source files: their quotes, the glossary ids they name, and that they are still drafts."""
    known = {t.id for t in terms}
    for source in sources:
        for i, entry in enumerate(source.meta.terms):
            _check_quote(source, indexes[source.id], entry.quote, source.file, ("terms", i, "quote"), problems)
            if entry.glossary is not None and entry.glossary not in known:
                close = difflib.get_close_matches(entry.glossary, sorted(known), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "use a term id from sources/glossary.yml, or null for a new term"
                problems.add(source.path, source.file.line_of(("terms", i, "glossary")), f"term draft names unknown glossary term {entry.glossary!r}", fix)
            if not entry.draft:
                problems.add(source.path, source.file.line_of(("terms", i, "draft")), f"term {entry.term!r} is not a draft, but terms: holds only drafts", "to accept it, add the quote as a citation of the term in sources/glossary.yml (or a new term there) and delete this entry")


def _check_terms(file: LoadedFile | None, terms: list[Term], sources: dict[str, Source], invalid: set[str], indexes: dict[str, QuoteIndex], eras: list[Era], problems: Problems, cached: Cached = fresh) -> None:
    if file is None:
        return
    positions = {item.get("id"): i for i, item in enumerate(file.data if isinstance(file.data, list) else []) if isinstance(item, dict)}
    names: dict[str, str] = {}
    # Terms with a name another term has: reported already, not to be called unused as well.
    claimed: set[str] = set()
    term_ids = {t.id for t in terms}
    era_ids = {e.id for e in eras}
    for term in terms:
        i = positions.get(term.id, 0)
        for where, name in [(("term",), term.term), *((("aliases", j), a) for j, a in enumerate(term.aliases))]:
            key = normalize(name).casefold()
            if key in names and names[key] != term.id:
                problems.add(file.rel, file.line_of((i, *where)), f"{name!r} is claimed by terms {names[key]!r} and {term.id!r}", "keep the name in one term only")
                claimed.add(term.id)
            names.setdefault(key, term.id)
        for related in term.related:
            if related not in term_ids:
                problems.add(file.rel, file.line_of((i, "related")), f"term {term.id!r} relates to unknown term {related!r}", "use the id of a term in this file")
        for era in term.eras:
            if era_ids and era not in era_ids:  # without eras (eras.yml refused), as for events, none is checked
                problems.add(file.rel, file.line_of((i, "eras")), f"term {term.id!r} names unknown era {era!r}", f"use one of: {', '.join(sorted(era_ids))}")
        for j, citation in enumerate(term.citations):
            source = sources.get(citation.source)
            if citation.source in invalid:
                continue
            if source is None:
                close = difflib.get_close_matches(citation.source, sorted(sources), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "use the file name of a source, without .md"
                problems.add(file.rel, file.line_of((i, "citations", j, "source")), f"citation of unknown source {citation.source!r}", fix)
                continue
            _check_quote(source, indexes[source.id], citation.quote, file, (i, "citations", j, "quote"), problems)
    if not invalid:
        _check_terms_used(file, [t for t in terms if t.id not in claimed], positions, sources, problems, cached)


def _check_terms_used(file: LoadedFile, terms: list[Term], positions: dict, sources: dict[str, Source], problems: Problems, cached: Cached = fresh) -> None:
    """Warn about terms that no published source uses: misspelt, missing an alias, or not needed."""
    matcher = term_matcher(terms)
    used: set[str] = set()
    for source in sources.values():
        if not source.meta.draft:
            used.update(cached(source.path, source.digest, "terms-used", lambda _: tuple(matcher.find_each(source.body)), given=(matcher.key,)))
    for term in terms:
        if term.id not in used:
            names = ", ".join(repr(n) for n in (term.term, *term.aliases))
            problems.add(file.rel, file.line_of((positions.get(term.id, 0), "term")), f"term {term.id!r} is used in no source: none of {names} occurs in a published source's text", "check the spelling, add the form the sources use to aliases, or remove the term", warning=True)


def quotes_by_source(sources: list[Source] | tuple[Source, ...], terms: list[Term] | tuple[Term, ...]) -> dict[str, list[str]]:
    """Every quote the site publishes, by the id of the source it comes from."""
    used: dict[str, list[str]] = {s.id: [] for s in sources}
    for source in sources:
        entries: list[EventEntry | FigureEntry] = [*source.meta.events, *source.meta.figures]
        for entry in entries:
            if not entry.draft and not source.meta.draft:
                used[source.id].append(entry.quote)
    for term in terms:
        for citation in term.citations:
            used.setdefault(citation.source, []).append(citation.quote)
    return used


def _check_site(file: LoadedFile, site: SiteInfo, measures: list[Measure], problems: Problems) -> None:
    known = {m.id for m in measures}
    for i, measure in enumerate(site.key_measures):
        if measure not in known:
            problems.add(file.rel, file.line_of(("key_measures", i)), f"unknown measure {measure!r} in key_measures", "use an id from sources/measures.yml")
