"""schema.org JSON-LD for the pages people cite: events, figures, terms and sourcing notes.

Search engines and reference managers read these blocks to cite an event,
a number or a term with its sources. Every value comes from the sources, so
:func:`script` escapes the JSON for an HTML ``<script>`` element.
"""

from __future__ import annotations

import json

import orjson

from builder import dates
from builder.check import Source
from builder.curate import Event, Figure, GlossaryEntry, Site
from builder.curate.notes import Note
from builder.incremental import Ref
from builder.model import Reference
from builder.places import Places
from builder.render.markdown import rel
from builder.render.provenance import machine_date

CONTEXT = "https://schema.org"

_KIND_TYPES = {"news": "NewsArticle", "analysis": "AnalysisNewsArticle", "official-statement": "Article", "document": "DigitalDocument", "reference": "CreativeWork"}

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script(data: dict) -> str:
    """``data`` as a ``<script type="application/ld+json">`` element, safe for any string inside.

    ``<``, ``>`` and ``&`` only occur inside JSON strings, where ``\\u003c``
    and friends mean the same characters; escaped, no value can close the
    element (``</script>``), open a comment or be read as markup. The two
    line separators that old JavaScript parsers reject are escaped as well.
    """
    return f'<script type="application/ld+json">{encode(data).translate(_SCRIPT_SAFE)}</script>'


def encode(data: dict) -> str:
    """``data`` as compact JSON with sorted keys, not escaped for HTML yet.

    orjson writes the same text as ``json.dumps(..., ensure_ascii=False,
    sort_keys=True, separators=(",", ":"))`` for the strings, lists and
    objects these blocks hold, several times faster. What orjson refuses (text
    with a lone surrogate, integers beyond 64 bits) goes to ``json``, as before.
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def render(site: Site, path: str, describes: tuple[Ref, ...]) -> dict | None:
    """The JSON-LD for the generated page at ``path`` that presents the records ``describes`` (:attr:`~builder.incremental.Page.describes`), or ``None``.

    Its events, figures and glossary terms, each kind in the site's order;
    a sourcing note's source.
    """
    shown: dict[str, list[str]] = {}
    for kind, key in describes:
        shown.setdefault(kind, []).append(key)
    # In site order, by rank: a scan of every record per page is quadratic in the corpus.
    nodes: list[dict] = [event(site.events_by_id[i], site.places) for i in _in_order(site, "event", shown)]
    figures = [site.figures_by_id[i] for i in _in_order(site, "figure", shown)]
    if figures:
        nodes.append(dataset(site, figures, path))
        nodes.extend(claim(f) for f in figures)
    terms = [site.terms_by_id[i] for i in _in_order(site, "term", shown)]
    if terms:
        nodes.append(term_set(site, terms))
    for source_id in shown.get("source", ()):
        source = site.source_records[source_id]
        work = creative_work(source)
        profile = site.sources_by_id.get(source.id)
        if profile is not None:
            work.update(editor_notes(profile.notes))
        nodes.append(work)
    return _graph(nodes) if nodes else None


def _in_order(site: Site, kind: str, shown: dict[str, list[str]]) -> list[str]:
    """The ids of ``kind`` in ``shown``, in the site's order of that kind of record."""
    return sorted(shown.get(kind, ()), key=lambda i: site.rank[(kind, i)])


def _graph(nodes: list[dict]) -> dict:
    return {"@context": CONTEXT, "@graph": nodes}


def event(item: Event, places: Places | None = None) -> dict:
    """A timeline entry as a schema.org Event; the sources reporting it are its ``subjectOf``.

    What citing it needs: its name, dates, places, who acted (as the
    editors' corrections have it), its sources and the editors' notes. Its
    summary and tags are on the page beside it, so they are left out: the
    block is repeated for every event of a page.

    ``places``: the gazetteer, which gives each place the event names its
    coordinates, so that a reader's tools can put the event on their own map.
    """
    node: dict = {"@type": "Event", "@id": f"#{item.id}", "name": item.title}
    node.update(_date_range(item.date))
    if item.places:
        node["location"] = [_place(name, places) for name in item.places]
    if item.actors:
        node["actor"] = [{"@type": "Thing", "name": a} for a in item.actors]
    node["subjectOf"] = [cited_work(c.source) for c in item.citations]
    node.update(editor_notes(item.notes))
    return node


def _place(name: str, places: Places | None) -> dict:
    """A place an event names, with the gazetteer's coordinates where it knows the name."""
    node: dict = {"@type": "Place", "name": name}
    found = places.of([name]) if places is not None else ()
    if found:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": found[0].lat, "longitude": found[0].lon}
    return node


def _date_range(date: dates.Edtf) -> dict:
    start, _, end = date.text.partition("/")
    out = {}
    for key, side in (("startDate", start), ("endDate", end)):
        iso = machine_date(dates.parse(side)) if side and side != ".." else None
        if iso:
            out[key] = iso
    return out


def creative_work(source: Source) -> dict:
    """A source article as the schema.org type its ``kind`` suggests, with what is known about it."""
    meta = source.meta
    node: dict = {"@type": _KIND_TYPES.get(meta.kind, "CreativeWork"), "headline": meta.title, "name": meta.title, "inLanguage": meta.language}
    if meta.url:
        node["url"] = meta.url
    if meta.archive_url:
        node["archivedAt"] = meta.archive_url
    if meta.publisher:
        node["publisher"] = {"@type": "Organization", "name": meta.publisher}
    if meta.authors:
        node["author"] = [{"@type": "Person", "name": a} for a in meta.authors]
    if meta.published:
        iso = machine_date(dates.parse(meta.published))
        if iso:
            node["datePublished"] = iso
    return node


def cited_work(source: Source) -> dict:
    """A source as another record cites it: :func:`creative_work` without the ``headline``, which repeats its ``name``."""
    node = creative_work(source)
    del node["headline"]
    return node


def dataset(site: Site, figures: list[Figure], path: str) -> dict:
    """The figures as a schema.org Dataset, with the site's downloads of all figures."""
    return {
        "@type": "Dataset",
        "@id": "#dataset",
        "name": f"{site.info.title}: figures",
        "description": "Every number the sources state, grouped by what it counts, with who produced it, when, and the source's own words.",
        "variableMeasured": sorted({f.measure.label for f in figures}),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": rel(path, "data/figures.json")},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": rel(path, "data/figures.csv")},
        ],
        "hasPart": [{"@id": f"#{f.id}"} for f in figures],
    }


def claim(figure: Figure) -> dict:
    """One number as a schema.org Claim: the source's words, who produced it, where it appeared."""
    node: dict = {"@type": "Claim", "@id": f"#{figure.id}", "text": figure.quote, "about": figure.measure.label, "appearance": cited_work(figure.source)}
    if figure.producer:
        node["author"] = {"@type": "Organization", "name": figure.producer}
    if figure.as_of:
        iso = machine_date(figure.as_of)
        if iso:
            node["temporalCoverage"] = iso
    node.update(editor_notes(figure.notes))
    return node


_REFERENCE_TYPES = {
    "book": "Book",
    "chapter": "Chapter",
    "article": "ScholarlyArticle",
    "archival-document": "ArchiveComponent",
    "law": "Legislation",
    "official-act": "Legislation",
    "official-statement": "CreativeWork",
    "web-page": "WebPage",
}


def editor_notes(notes: tuple[Note, ...]) -> dict:
    """The editors' notes: a correction as ``correction`` (a CorrectionComment), any other as ``comment``, each with its ``citation``."""
    out: dict[str, list[dict]] = {}
    for note in notes:
        node = {
            "@type": "CorrectionComment" if note.correction else "Comment",
            "text": note.text,
            "author": {"@type": "Organization", "name": "the site's editors"},
            "citation": [reference(c.reference, c.pages) for c in note.cites],
        }
        out.setdefault("correction" if note.correction else "comment", []).append(node)
    return out


def reference(item: Reference, pages: str | None = None) -> dict:
    """A work the editors cite, as the schema.org type its ``kind`` suggests, with what is known about it."""
    node: dict = {"@type": _REFERENCE_TYPES[item.kind], "name": item.title}
    if item.translated_title:
        node["alternateName"] = item.translated_title
    if item.authors:
        node["author"] = [{"@type": "Person", "name": a} for a in item.authors]
    if item.editors:
        node["editor"] = [{"@type": "Person", "name": e} for e in item.editors]
    if item.issued_by:
        node["legislationPassedBy" if node["@type"] == "Legislation" else "creator"] = {"@type": "Organization", "name": item.issued_by}
    if item.number and node["@type"] == "Legislation":
        node["legislationIdentifier"] = item.number
    if item.date:
        iso = machine_date(dates.parse(item.date))
        if iso:
            node["legislationDate" if node["@type"] == "Legislation" else "dateCreated"] = iso
    if item.year:
        node["datePublished"] = str(item.year)
    if item.publisher:
        node["publisher"] = {"@type": "Organization", "name": item.publisher}
    if item.place:
        node["locationCreated"] = {"@type": "Place", "name": item.place}
    if item.container:
        node["isPartOf"] = {"@type": "CreativeWork", "name": item.container}
    if item.isbn:
        node["isbn"] = item.isbn
    if item.doi:
        node["sameAs"] = f"https://doi.org/{item.doi}"
    if item.url:
        node["url"] = item.url
    if item.language:
        node["inLanguage"] = item.language
    if pages:
        node["pagination"] = pages
    return node


def term_set(site: Site, entries: list[GlossaryEntry]) -> dict:
    """Glossary entries as a schema.org DefinedTermSet; original-language forms are alternate names."""
    terms = []
    for entry in entries:
        term = entry.term
        node: dict = {"@type": "DefinedTerm", "@id": f"#{term.id}", "name": term.term, "description": term.definition}
        node.update(editor_notes(entry.notes))
        alternates = [a for a in (term.original, term.transliteration, *term.aliases) if a]
        if alternates:
            node["alternateName"] = alternates
        terms.append(node)
    return {"@type": "DefinedTermSet", "@id": "#glossary", "name": f"{site.info.title}: glossary", "hasDefinedTerm": terms}
