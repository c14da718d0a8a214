"""The content model: what each file may contain, declared once.

These pydantic models validate the YAML that contributors write (unknown keys
are errors, so a misspelt field never passes silently) and are the source of
the JSON Schema files and the field reference in CONTRIBUTING.md. Each field's
docstring is its documentation.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, field_validator, model_validator

from builder import dates


def _yaml_scalar_to_text(value: object) -> object:
    """YAML reads ``1942`` as a number and ``1942-07-28`` as a date; EDTF wants text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _valid_edtf(value: str) -> str:
    dates.parse(value)
    return value.strip()


def _http_url(value: str) -> str:
    if not value.startswith(("https://", "http://")) or any(c.isspace() for c in value) or len(value) < 12:
        raise ValueError(f"{value!r} is not a web address (write the full http:// or https:// address, or null when unknown)")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
"""Lowercase letters, digits and single hyphens: used in file names and links."""
EdtfDate = Annotated[str, BeforeValidator(_yaml_scalar_to_text), AfterValidator(_valid_edtf)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
Url = Annotated[str, AfterValidator(_http_url)]


def _machine_fields(record: type[BaseModel], names: list[str]) -> list[str]:
    """``machine:`` names fields of its own record, each once."""
    unknown = sorted(set(names) - set(record.model_fields) - {"machine", "draft"})
    unknown += sorted(set(names) & {"machine", "draft"})
    if unknown:
        example = ", ".join(list(record.model_fields)[1:4])
        raise ValueError(f"names unknown field(s) {', '.join(unknown)} (name the fields of this entry the builder wrote, such as {example})")
    return list(dict.fromkeys(names))


class Record(BaseModel):
    """Base of every content record: frozen, and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True)


class Reuse(Record):
    """The publisher's stated limit on reuse of its text."""

    limit: int = Field(gt=0)
    """Most characters of this source the site may show in all (quotes, snippets and excerpts); it replaces the default budget of 20 % of its words."""
    statement: Text
    """The publisher's own words stating the limit, verbatim."""


Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number: ``.inf`` and ``.nan`` are YAML numbers, but no source states them."""

Qualifier = Literal["stated", "exact", "approximately", "nearly", "more-than", "at-least", "at-most", "up-to"]


ReferenceKind = Literal["book", "chapter", "article", "archival-document", "law", "official-act", "official-statement", "web-page"]


class Reference(Record):
    """A work the editors cite in their notes: an entry of ``sources/references.yml``.

    Only what identifies the work is required; every other detail is given
    only when the editors have seen it, never guessed.
    """

    id: Slug
    """Stable id that notes name in ``cites:``; the anchor of the entry on the references page."""
    kind: ReferenceKind
    """book, chapter, article, archival-document, law, official-act, official-statement or web-page."""
    title: Line
    """The title as published, in its original language and script."""
    translated_title: Line | None = None
    """The title in English, when the original is in another language."""
    transliterated_title: Line | None = None
    """Romanization of a title in a non-Latin script (BGN/PCGN for Russian)."""
    authors: list[Line] = []
    """Authors, as printed; empty when none is named."""
    editors: list[Line] = []
    """Editors, as printed."""
    family_names: list[Line] = []
    """The authors' (else the editors') family names, in the same order, where a name's last word is not its family name (``Song`` for Song Sang-ho); the site's short name for the work uses them."""
    issued_by: Line | None = None
    """Who issued a law, order or other official act (e.g. People's Commissar of Defence of the USSR)."""
    number: Line | None = None
    """The number of a law, order or archival document, as written (e.g. 227)."""
    date: EdtfDate | None = None
    """When a document or act was signed or issued (EDTF)."""
    year: Annotated[int, Field(ge=1000, le=2999)] | None = None
    """Year of publication."""
    publisher: Line | None = None
    """The publisher, as printed."""
    place: Line | None = None
    """Place of publication."""
    container: Line | None = None
    """The book, volume, journal or collection the work is part of."""
    archive: Line | None = None
    """For an archival document: the archive and its file reference (fond, opis, delo), as cited."""
    isbn: Annotated[str, StringConstraints(pattern=r"^(97[89]-?)?[0-9][-0-9]{7,14}[0-9Xx]$")] | None = None
    """ISBN, as printed."""
    doi: Annotated[str, StringConstraints(pattern=r"^10\.[0-9]{4,9}/\S+$")] | None = None
    """DOI, without https://doi.org/."""
    url: Url | None = None
    """Address of the work or of an official copy of its text, if the editors have seen one."""
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] | None = None
    """Language of the work, as a BCP 47 tag such as ``ru``."""
    note: Text | None = None
    """What the editors want readers to know about the work itself (e.g. where a document was first published)."""

    @model_validator(mode="after")
    def _family_names_are_the_names(self) -> "Reference":
        names = self.authors or self.editors
        if len(self.family_names) > len(names):
            raise ValueError("family_names: more names than authors (give one per author, in their order)")
        for family, name in zip(self.family_names, names):
            if family not in name.split():
                raise ValueError(f"family_names: {family!r} is not part of {name!r} (give the family name as the name prints it)")
        return self


def _ref_shorthand(value: object) -> object:
    """``cites: [krivosheev-2001]`` is short for ``cites: [{ref: krivosheev-2001}]``."""
    return {"ref": value} if isinstance(value, str) else value


class Cite(Record):
    """One reference a note rests on."""

    ref: Slug
    """Id of the reference in ``sources/references.yml``."""
    pages: Line | None = None
    """Pages (or the document's number within a collection), only as the editors have seen them; leave out when not verified."""


_CITE_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Id of the reference in sources/references.yml."},
        {
            "type": "object",
            "properties": {
                "ref": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Id of the reference in sources/references.yml."},
                "pages": {"type": "string", "description": "Pages, only as the editors have seen them."},
            },
            "required": ["ref"],
            "additionalProperties": False,
        },
    ]
}
"""A cited reference is its id alone, or ``{ref, pages}``."""
CiteList = Annotated[list[Annotated[Cite, BeforeValidator(_ref_shorthand), WithJsonSchema(_CITE_SCHEMA)]], Field(min_length=1)]


class EditorNote(Record):
    """A note in the editors' own voice, resting on references: an entry under ``editor_notes:``."""

    text: Text
    """What the editors say, in their own words (not a quote)."""
    cites: CiteList
    """The references it rests on: ids from ``sources/references.yml``, with ``pages`` where verified."""


class EventCorrection(Record):
    """What an editors' note corrects in the source's version of an event."""

    date: EdtfDate | None = None
    """The date the site gives instead of the source's (EDTF); the timeline places the event by it."""
    title: Line | None = None
    """The title the site gives instead of the one that states the source's version."""
    actors: list[Line] | None = Field(default=None, min_length=1)
    """Who acted, as the site gives it instead of the source's ``actors`` (the "Who:" line)."""

    @model_validator(mode="after")
    def _corrects_something(self) -> "EventCorrection":
        if self.date is None and self.title is None and self.actors is None:
            raise ValueError("corrects: names nothing (give date:, title: or actors:, or remove corrects:)")
        return self


class FigureCorrection(Record):
    """What an editors' note corrects in a number a source states."""

    value: Number | None = None
    """The number the site gives instead of the source's."""
    low: Number | None = None
    """Lower end, when the corrected number is a range."""
    high: Number | None = None
    """Upper end, when the corrected number is a range."""
    qualifier: Qualifier | None = None
    """How the corrected number is qualified (default: exact)."""
    date: EdtfDate | None = None
    """The date or period the number refers to, instead of the source's ``as_of`` (EDTF)."""

    @model_validator(mode="after")
    def _corrects_something(self) -> "FigureCorrection":
        if self.value is None and self.low is None and self.high is None and self.date is None:
            raise ValueError("corrects: names nothing (give value:, low: and high:, or date:, or remove corrects:)")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("corrects: give either value, or low and high, not both")
        if (self.low is None) != (self.high is None):
            raise ValueError("corrects: give both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"corrects: low ({self.low:g}) is greater than high ({self.high:g})")
        if self.qualifier is not None and self.value is None and self.low is None:
            raise ValueError("corrects: a qualifier without a value (give value:, or remove qualifier:)")
        return self


class EventNote(EditorNote):
    """An editors' note on an event; it may correct the source's date or title."""

    corrects: EventCorrection | None = None
    """What the source gets wrong, as the site gives it instead."""


class FigureNote(EditorNote):
    """An editors' note on a figure; it may correct the source's number or its date."""

    corrects: FigureCorrection | None = None
    """What the source gets wrong, as the site gives it instead."""


class EventEntry(Record):
    """What one source says happened: an entry under ``events:`` in a source file.

    One entry per event id carries ``title`` and ``summary``; other sources
    that report the same event add an entry with the same ``id``, their
    ``quote``, and their own ``date`` when it differs.
    """

    id: Slug
    """Stable id of the event; it becomes the event's permalink anchor."""
    date: EdtfDate | None = None
    """When it happened, as this source dates it (EDTF)."""
    reported: EdtfDate | None = None
    """When it was reported, if the source says (EDTF); otherwise the source's ``published`` date is shown."""
    date_note: Text | None = None
    """How the date was derived from the text, when it is not stated outright."""
    title: Line | None = None
    """Short title in the curators' own words."""
    summary: Text | None = None
    """One to three sentences in the curators' own words, claims attributed."""
    tags: list[Slug] = []
    """Topic tags; glossary term ids where one fits."""
    places: list[Line] = []
    """Where it happened, if known."""
    actors: list[Line] = []
    """Who acted, if known."""
    according_to: Line | None = None
    """Whose claim the source passes on, when it reports another's (an agency's assessment, an outlet's investigation): sources passing on one claimant's word count as one origin, not as corroboration."""
    quote: Quote
    """Verbatim passage of this source's text that reports the event."""
    follow: bool = False
    """Where sources disagree on the date, places or actors, the site follows this entry's version (default: the describing entry's)."""
    because: Text | None = None
    """Why the site follows this entry's version; required with ``follow: true``."""
    machine: list[Line] = []
    """Fields the builder wrote (``add``, ``suggest``) that no editor has reviewed yet; while it names any, the entry must stay ``draft: true`` (see “Review what the builder wrote” in CONTRIBUTING.md)."""
    draft: bool = False
    """Machine-drafted and not yet reviewed: not published."""
    editor_notes: list[EventNote] = []
    """The editors' notes on this event, each citing references; one may correct the source's date or title."""

    @field_validator("machine")
    @classmethod
    def _machine_names_fields(cls, names: list[str]) -> list[str]:
        return _machine_fields(cls, names)

    @model_validator(mode="after")
    def _follow_has_reason(self) -> "EventEntry":
        if self.follow and self.because is None:
            raise ValueError("follow: true without because: (add because: saying why the site follows this source's version)")
        if self.because is not None and not self.follow:
            raise ValueError("because: without follow: true (add follow: true, or remove because:)")
        return self




class FigureEntry(Record):
    """A number a source states: an entry under ``figures:`` in a source file."""

    id: Slug
    """Unique id of this figure."""
    measure: Slug
    """What it counts: an id from ``sources/measures.yml``."""
    value: Number | None = None
    """The number, when the source gives one number."""
    low: Number | None = None
    """Lower end, when the source gives a range."""
    high: Number | None = None
    """Upper end, when the source gives a range."""
    qualifier: Qualifier = "stated"
    """How the quote qualifies it: stated (no qualifier: shown as the source states it), exact (only where the source says exactly or counted), approximately, nearly, more-than, at-least, at-most, up-to."""
    as_of: EdtfDate | None = None
    """The date or period the number refers to (EDTF)."""
    date_note: Text | None = None
    """How ``as_of`` was worked out, or why it differs from a date the quote states."""
    reported: EdtfDate | None = None
    """When the number was reported, if the source says (EDTF); otherwise the source's ``published`` date is shown."""
    producer: Line | None = None
    """Who produced the number (an agency, outlet, researcher), as the source says."""
    method: Text | None = None
    """How it was produced, if the source says."""
    derived_by: Line | None = None
    """Who derived it from another number (e.g. a yearly rate from a weekly one)."""
    derived: Text | None = None
    """How the curators converted or computed the value from the quote's words, naming them (e.g. 'about a third, as a percentage'); shown to readers as derived."""
    quote: Quote
    """Verbatim passage of this source's text that states the number."""
    machine: list[Line] = []
    """Fields the builder wrote (``add``, ``suggest``) that no editor has reviewed yet; while it names any, the entry must stay ``draft: true`` (see “Review what the builder wrote” in CONTRIBUTING.md)."""
    draft: bool = False
    """Machine-drafted and not yet reviewed: not published."""
    editor_notes: list[FigureNote] = []
    """The editors' notes on this figure, each citing references; one may correct the source's number or date."""

    @field_validator("machine")
    @classmethod
    def _machine_names_fields(cls, names: list[str]) -> list[str]:
        return _machine_fields(cls, names)

    @model_validator(mode="after")
    def _value_or_range(self) -> "FigureEntry":
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("give either value, or both low and high")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("give either value, or low and high, not both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is greater than high ({self.high:g})")
        return self


class TermDraft(Record):
    """A glossary term the source uses, drafted by ``suggest``: an entry under ``terms:`` in a source file.

    Only drafts live here. To accept one, add the quote as a citation of the
    term in ``sources/glossary.yml`` (or a new term there), then delete the entry.
    """

    term: Line
    """The words as the source writes them."""
    glossary: Slug | None = None
    """Id of the glossary term it names; null for a candidate new term."""
    quote: Quote
    """Verbatim passage of this source's text that uses the term."""
    draft: bool = True
    """Always true: accepted terms move to sources/glossary.yml."""


Kind = Literal["news", "analysis", "official-statement", "document", "reference"]


class SourceMeta(Record):
    """The frontmatter of a source file ``sources/<id>.md``; the body is the article text."""

    title: Line
    """The article's headline as published."""
    publisher: Line | None = None
    """Who published it; null when the text does not show it."""
    authors: list[Line] = []
    """Bylines; empty when unknown."""
    url: Url | None = None
    """Address of the original; null when unknown. Never guessed."""
    archive_url: Url | None = None
    """Address of an archived copy, if one exists."""
    published: EdtfDate | None = None
    """Publication date (EDTF); null when unknown."""
    accessed: EdtfDate | None = None
    """When the text was saved (EDTF)."""
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    """Language of the text, as a BCP 47 tag such as ``en`` or ``ru``."""
    kind: Kind
    """news, analysis, official-statement, document or reference."""
    reuse: Reuse | None = None
    """The publisher's stated reuse limit, if any."""
    inferred: dict[str, Text] = {}
    """For each field that was inferred rather than read off the page: how."""
    notes: Text | None = None
    """Anything else a reader should know about this text."""
    events: list[EventEntry] = []
    """Events this source reports."""
    figures: list[FigureEntry] = []
    """Numbers this source states."""
    terms: list[TermDraft] = []
    """Drafts of the glossary terms this source uses, for the curators to move into sources/glossary.yml."""
    machine: list[Line] = []
    """Fields the builder wrote (``add``) that no editor has reviewed yet; while it names any, the source must stay ``draft: true`` (see “Review what the builder wrote” in CONTRIBUTING.md)."""
    draft: bool = False
    """A source not yet reviewed: checked, but not published."""
    editor_notes: list[EditorNote] = []
    """The editors' notes on this source as a whole, each citing references."""

    @field_validator("machine")
    @classmethod
    def _machine_names_fields(cls, names: list[str]) -> list[str]:
        return _machine_fields(cls, names)

    @model_validator(mode="after")
    def _inferred_fields_exist(self) -> "SourceMeta":
        known = set(type(self).model_fields)
        unknown = sorted(set(self.inferred) - known)
        if unknown:
            raise ValueError(f"inferred names unknown field(s) {', '.join(unknown)}; use field names such as publisher, published, authors")
        return self


class Citation(Record):
    """A verbatim quote from a source."""

    source: Slug
    """Id of the source (its file name without .md)."""
    quote: Quote
    """Verbatim passage of that source's text."""


def _cites_something(value: object) -> object:
    """A definition must rest on a source: an absent or empty ``citations`` is an error, said plainly."""
    if value is None or value == []:
        raise ValueError("the definition cites nothing (add citations: with at least one '- source: <source id>' and 'quote: <verbatim words from it>')")
    return value


def _latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin one (no romanization needed)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


class Term(Record):
    """A glossary entry in ``sources/glossary.yml``."""

    id: Slug
    """Stable id; the anchor of the entry on the glossary's pages (and on its index, `glossary.html#<id>`)."""
    term: Line
    """The term as readers meet it in English."""
    aliases: list[Line] = []
    """Other names and spellings that should link to this entry."""
    original: Line | None = None
    """The term in its original language and script (e.g. Cyrillic)."""
    transliteration: Line | None = None
    """Romanization of ``original`` (BGN/PCGN for Russian)."""
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    """One-line definition shown in tooltips (at most 200 characters)."""
    definition: Text
    """Full definition in the curators' own words."""
    related: list[Slug] = []
    """Ids of related terms."""
    eras: list[Slug] = []
    """Ids of the eras the term belongs to."""
    citations: Annotated[list[Citation], BeforeValidator(_cites_something), Field(json_schema_extra={"minItems": 1})]
    """At least one verbatim quote that shows a source using the term."""
    editor_notes: list[EditorNote] = []
    """The editors' notes on this term, each citing references."""

    @model_validator(mode="after")
    def _romanized(self) -> "Term":
        if self.transliteration is not None and self.original is None:
            raise ValueError("transliteration without original (add original: the term in its own script, or remove transliteration:)")
        if self.original is not None and self.transliteration is None and not _latin(self.original):
            raise ValueError("original in a non-Latin script without transliteration (add transliteration: its romanization, BGN/PCGN for Russian)")
        return self


class Era(Record):
    """A named period that groups the timeline, in ``sources/eras.yml``."""

    id: Slug
    """Stable id; the anchor of the era on the timeline."""
    title: Line
    """Heading of the era."""
    start: EdtfDate
    """First day, month or year of the era (EDTF)."""
    end: EdtfDate | None = None
    """Last day, month or year; null when it is not over."""
    summary: Text | None = None
    """One or two sentences in the curators' own words."""

    def contains(self, when: dates.Edtf) -> bool:
        """Whether the earliest day of ``when`` falls within the era."""
        if not when.year_known:
            return False
        end = dates.parse(self.end).upper if self.end else dt.date.max
        return dates.parse(self.start).lower <= when.lower <= end


class Measure(Record):
    """Something figures count, in ``sources/measures.yml``."""

    id: Slug
    """Stable id that figures name in ``measure:``."""
    label: Line
    """What is counted, in words."""
    unit: Line
    """Unit of the values, e.g. soldiers, years, convictions per week."""
    description: Text | None = None
    """What is counted and how comparable the counts are."""


class SiteInfo(Record):
    """The site's title and introduction, in ``sources/site.yml``."""

    title: Line
    """Name of the site."""
    subtitle: Line | None = None
    """One line under the title."""
    summary: Text
    """A few paragraphs in the curators' own words for the home page."""
    key_measures: list[Slug] = []
    """Ids of the measures whose figures the home page shows."""


PlaceKind = Literal["city", "region", "front", "country"]

def _gazetteer_record(value: str) -> str:
    if not re.fullmatch(r"(GeoNames|Natural Earth) [1-9][0-9]{0,11}", value):
        raise ValueError(f"{value[:80]!r} names no gazetteer record (write 'GeoNames <geonameid>' or 'Natural Earth <NE_ID>', the record the coordinates are read from)")
    return value


Gazetteer = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_gazetteer_record), Field(json_schema_extra={"pattern": "^(GeoNames|Natural Earth) [1-9][0-9]{0,11}$"})]
"""A gazetteer record: ``GeoNames 709900`` or ``Natural Earth 1159321345`` (the NE_ID of a Natural Earth feature)."""


class Place(Record):
    """A place events name, in ``sources/places.yml``: its names, where it is, and where that comes from."""

    id: Slug
    """Stable id; the address of the place's page (``places/<id>``)."""
    name: Line
    """The name as the sources spell it; events' ``places:`` use it (or the id, or an alias)."""
    official: Line | None = None
    """The current official name in English, where it differs from ``name``."""
    aliases: list[Line] = []
    """Other names and spellings the sources use (former names among them)."""
    uk: Line | None = None
    """The name in Ukrainian, where it differs from the English."""
    ru: Line | None = None
    """The name in Russian, where it differs from the English."""
    kind: PlaceKind
    """city, region, front or country."""
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    """Latitude in decimal degrees (north positive), as the gazetteer record gives it. Never typed from memory."""
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    """Longitude in decimal degrees (east positive), as the gazetteer record gives it."""
    gazetteer: Gazetteer
    """Where the coordinates come from: ``GeoNames <geonameid>`` or ``Natural Earth <NE_ID>``. A place without one is refused."""
    point: Text | None = None
    """How the point stands for the place, when it is not the record's own point (a front drawn at the town it is named after)."""


DATA_FILES: dict[str, tuple[type[Record], bool]] = {
    "site": (SiteInfo, False),
    "eras": (Era, True),
    "measures": (Measure, True),
    "glossary": (Term, True),
    "references": (Reference, True),
    "places": (Place, True),
}
"""Curated data files: name -> (record type, whether the file is a list of them)."""
OPTIONAL_DATA_FILES = frozenset({"references", "places"})
"""Curated files a project may leave out: a site whose editors cite no reference; without ``places.yml``, no event may name a place."""
