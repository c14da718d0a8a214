"""Draft events, figures and glossary terms from an article's text, for curators to accept or reject.

Every draft quotes its sentence verbatim, so the check verifies it like any
entry; titles and summaries are left for the curators, who write them in
their own words when they accept a draft. Who the sentence attributes the
claim to, and its hedges, come from :mod:`builder.profile` (the sourcing
notes' reading) and are written as comments above the draft.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from builder import datefinder, dates
from builder.profile import read_text
from builder.quotes import normalize
from builder.suggest.figures import FoundFigure, find_figures
from builder.suggest.sentences import Sentence, Sentences, excerpt
from builder.suggest.terms import candidates
from builder.suggest.yamlblock import Entry
from builder.terms import TermMatcher

_STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or but as that this these those it its his her their they he she we "
    "was were is are be been being has have had will would could should may might can do did does not no than then "
    "there here which who whom whose what when where while after before since during into over under about also "
    "said says according".split()
)


@dataclass(frozen=True)
class Known:
    """What the rest of the project holds, so drafts reuse its ids and never collide with them."""

    measures: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Measure id -> (label, unit)."""
    terms: tuple[tuple[str, str], ...] = ()
    """(term id, name) for every glossary name and alias."""
    event_ids: frozenset[str] = frozenset()
    figure_ids: frozenset[str] = frozenset()


@dataclass
class Drafts:
    events: list[Entry] = field(default_factory=list)
    figures: list[Entry] = field(default_factory=list)
    terms: list[Entry] = field(default_factory=list)
    new_measures: list[str] = field(default_factory=list)
    """Measures the figure drafts name that measures.yml does not have yet."""


def slugify(text: str, limit: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a hyphen to at most ``limit`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def _unique(base: str, taken: set[str]) -> str:
    base = base or "draft"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: 80 - len(suffix)].rstrip("-") + suffix
        n += 1
    taken.add(candidate)
    return candidate


def draft(source_id: str, body: str, published: str | None, existing: dict[str, list[dict]], known: Known) -> Drafts:
    """Drafts for the article ``body`` that ``existing`` entries do not already quote.

    Args:
        source_id: the source's id, for figure ids.
        body: the article text.
        published: its publication date (EDTF), the anchor of relative dates.
        existing: the entries already in the file, by list name (``events``, ``figures``, ``terms``).
        known: measures, glossary names and ids used elsewhere in the project.
    """
    anchor = datefinder.parse_anchor(published)
    timexes = datefinder.find(body, anchor)
    sentences = Sentences(body)
    notes = _sentence_notes(body, sentences)
    drafts = Drafts()
    event_ids = set(known.event_ids) | {str(e.get("id")) for e in existing.get("events", [])}
    figure_ids = set(known.figure_ids) | {str(f.get("id")) for f in existing.get("figures", [])}
    have_events = {normalize(str(e.get("quote", ""))) for e in existing.get("events", [])}
    have_figures = Counter((normalize(str(f.get("quote", ""))), _num(f.get("value")), _num(f.get("low")), _num(f.get("high"))) for f in existing.get("figures", []))
    have_terms = {(str(t.get("glossary") or ""), normalize(str(t.get("term", ""))).casefold()) for t in existing.get("terms", [])}

    by_sentence: dict[int, list[datefinder.Timex]] = {}
    for timex in timexes:
        sentence = sentences.at(timex.start)
        if sentence is not None:
            by_sentence.setdefault(sentence.start, []).append(timex)
    sentence_of = {s.start: s for s in sentences.spans}

    for start, found in by_sentence.items():
        sentence = sentence_of[start]
        event = _event(sentence, found, published, anchor)
        if event is None:
            continue
        quote = excerpt(sentence, found[0].start, found[0].end)
        if _covered(normalize(quote), have_events):
            continue
        have_events.add(normalize(quote))
        fields = {"id": _unique(_event_slug(quote, event.get("date")), event_ids), **event, "quote": quote, "draft": True}
        drafts.events.append(Entry(fields, notes.get(sentence.start, [])))

    for figure in find_figures(body, timexes):
        sentence = sentences.at(figure.start)
        if sentence is None:
            continue
        quote = excerpt(sentence, figure.start, figure.end)
        key = (normalize(quote), _num(figure.value), _num(figure.low), _num(figure.high))
        covering = next((k for k, n in have_figures.items() if n > 0 and k[1:] == key[1:] and k[0] and k[0] in key[0]), None)
        if covering is not None:
            have_figures[covering] -= 1
            continue
        measure, is_new = suggest_measure(figure, sentence.text, known.measures)
        if is_new and measure not in drafts.new_measures:
            drafts.new_measures.append(measure)
        comments = list(notes.get(sentence.start, []))
        if is_new:
            comments.append(f"new measure: add {measure!r} to sources/measures.yml (or name an existing one) before accepting")
        fields = {"id": _unique(slugify(f"{source_id[:40]} {figure.unit or 'figure'}", 70), figure_ids), "measure": measure}
        if figure.value is not None:
            fields["value"] = round(figure.value, 2)
        else:
            fields["low"], fields["high"] = figure.low, figure.high
        if figure.qualifier != "stated":
            fields["qualifier"] = figure.qualifier
        as_of = _as_of(sentence, by_sentence.get(sentence.start, []), figure.start)
        if as_of:
            fields["as_of"] = as_of
        producer = _producer(body, sentence)
        if producer:
            fields["producer"] = producer
        fields["quote"] = quote
        fields["draft"] = True
        drafts.figures.append(Entry(fields, comments))

    for term, glossary, position, why in _terms(body, known.terms):
        term_key = (glossary or "", normalize(term).casefold())
        if term_key in have_terms:
            continue
        sentence = sentences.at(position)
        if sentence is None:
            continue
        have_terms.add(term_key)
        fields = {"term": term, "glossary": glossary, "quote": excerpt(sentence, position, position + len(term)), "draft": True}
        drafts.terms.append(Entry(fields, [] if glossary else [f"candidate new term ({why}): define it in sources/glossary.yml to accept"]))
    return drafts


def _covered(quote: str, quotes: set[str]) -> bool:
    """Whether an entry already quotes this sentence, or a part of it."""
    return any(q and q in quote for q in quotes)


def _num(value: object) -> float | None:
    try:
        return round(float(value), 2) if value is not None else None  # type: ignore[arg-type]  # anything float() refuses is caught below
    except (TypeError, ValueError):
        return None


# --- events -----------------------------------------------------------------


def _event(sentence: Sentence, found: list[datefinder.Timex], published: str | None, anchor: datefinder.Anchor | None) -> dict[str, object] | None:
    """The date fields of a draft event for a sentence with temporal expressions, or ``None`` if it dates nothing.

    Only expressions that date something count: durations, frequencies and
    references ("now", "at the time") do not. A duration with a start ("for
    three years from 1942") dates the event by the interval it covers.
    """
    spans = [t for t in found if t.kind == "duration" and t.interval]
    datable = [t for t in found if t.kind in ("date", "range")]
    for timex in datable:
        if timex.value is None:
            break  # the sentence's first date is the event's: a later one is background ("mobilised in September 2022")
        covering = next((d for d in spans if 0 <= timex.start - d.end <= 20), None)  # the finder gives an interval only to a duration right before its date
        value = covering.interval if covering is not None else timex.value
        try:
            dates.parse(value)
        except ValueError:
            continue
        fields: dict[str, object] = {"date": value}
        if covering is not None:
            fields["date_note"] = f"The text says '{covering.text}' from '{timex.text}'; dated by the interval they cover. Check it."
        elif value.startswith("XXXX"):  # type: ignore[union-attr]  # covering.interval is set for a duration with a start, as all in spans are
            fields["date_note"] = f"The text says '{timex.text}' without a year; the year is left unknown because neither the text nor the publication date settles it."
        elif timex.basis == "narrative":
            fields["date_note"] = f"The text says '{timex.text}'; the date finder read it against the date the text last gave (anchor: narrative). Check it."
        elif timex.basis == "publication":
            fields["date_note"] = f"The text says '{timex.text}'; the date finder read it against the publication date, {published} (anchor: publication). Check it."
        return fields
    if datable:
        said = datable[0].text
        why = f"the publication date ({published}) is not precise enough" if published else "the publication date is not known"
        return {"date": None, "date_note": f"The text says '{said}', which could not be resolved: {why}."}
    into = next((t for t in found if t.kind == "duration" and re.match(r"\s+into\b", sentence.text[t.end - sentence.start : t.end - sentence.start + 6])), None)
    if into is not None and anchor is not None and published:
        value = f"{anchor.year:04d}" + (f"-{anchor.month:02d}" if anchor.month else "")
        return {"date": value, "date_note": f"The text says '{into.text} into', counting from an earlier event; dated by the publication date ({published}, anchor: publication). Check it."}
    return None


def _event_slug(quote: str, when: object) -> str:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", quote) if w.lower() not in _STOPWORDS and w.lower() not in datefinder.MONTHS and w.lower() not in datefinder.WEEKDAYS]
    year = str(when)[:4] if isinstance(when, str) and str(when)[:4].isdigit() else ""
    return slugify(" ".join(words[:6] + [year]), 70)


def _as_of(sentence: Sentence, found: list[datefinder.Timex], position: int) -> str | None:
    """The date a figure at ``position`` holds on: one in its own clause, or in the sentence's opening phrase
    ("In 2023, courts ..."); never a background date elsewhere in the sentence ("13,000 troops remain,
    two decades after 11 September 2001") nor a starting or compared point ("since 2022", "up from ... in 2022")."""
    text, base = sentence.text, sentence.start
    low = max((text.rfind(c, 0, position - base) for c in _CLAUSE_MARKS), default=-1) + 1
    highs = [i for i in (text.find(c, position - base) for c in _CLAUSE_MARKS) if i >= 0]
    high = min(highs) if highs else len(text)
    opening = _OPENING.match(text)
    for timex in found:
        if timex.kind not in ("date", "range") or not timex.value:
            continue
        start, end = timex.start - base, timex.end - base
        in_clause = low <= start and end <= high
        in_opening = opening is not None and end <= opening.end() and low > 0
        if not (in_clause or in_opening) or _NOT_AS_OF.search(text, max(0, start - 24), start):
            continue
        try:
            dates.parse(timex.value)
        except ValueError:
            continue
        return timex.value
    return None


_CLAUSE_MARKS = (",", ";", ":", "—", "–", "(", ")")
_OPENING = re.compile(r"\s*(?:(?:In|On|By|As\s+of|At\s+the\s+end\s+of|Between|From|During)\s+)?[^,;:]{1,40},")
_NOT_AS_OF = re.compile(r"\b(?:since|after|before|following|until|than|from|compared\s+(?:with|to)|up\s+from|down\s+from)\s+(?:the\s+|early\s+|late\s+|mid-?)?$", re.IGNORECASE)


# --- figures ----------------------------------------------------------------


def suggest_measure(figure: FoundFigure, sentence: str, measures: dict[str, tuple[str, str]]) -> tuple[str, bool]:
    """The known measure a figure most likely counts, or a new slug from its words; and whether it is new.

    A known measure is chosen only when it counts in the figure's unit
    ("soldiers", "years", "percent") and the sentence shares enough of the
    words of its id and label.
    """
    unit_words = {_stem(w) for w in re.findall(r"[a-z]+", figure.unit.lower())} - _STOPWORDS
    sentence_words = {_stem(w) for w in re.findall(r"[a-z]+", sentence.lower())} - _STOPWORDS
    best, best_score = None, 0.0
    for measure_id, (label, unit) in sorted(measures.items()):
        words = {_stem(w) for w in re.findall(r"[a-z]+", f"{measure_id} {label}".lower())} - _STOPWORDS
        counted = {_stem(w) for w in re.findall(r"[a-z]+", unit.lower())[:1]}
        if not unit_words & counted:
            continue
        score = len(sentence_words & words) + (0.5 if figure.rate and _stem(figure.rate) in words else 0)
        if score >= 2.5 and score > best_score:
            best, best_score = measure_id, score
    if best is not None:
        return best, False
    if figure.unit == "percent":
        slug = slugify(figure.counted if figure.counted != "percent" else "share", 60)
    else:
        slug = slugify(" ".join(filter(None, [figure.counted or "count", f"per {figure.rate}" if figure.rate else ""])), 60)
    return slug or "count", slug not in measures


def _stem(word: str) -> str:
    for ending in ("ies", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def _producer(body: str, sentence: Sentence) -> str | None:
    match = re.search(r"\baccording\s+to\s+((?:the\s+)?(?:[\w’'-]+\s+){0,5}?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", sentence.text)
    if match:
        return match.group(1)
    match = re.search(r"\b(?:by|from)\s+(?:the\s+)?(?:independent\s+)?(?:outlet|group|agency|ministry|website)?\s*([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s*(?:found|estimated|counted|reported)", sentence.text)
    if match:
        return match.group(1)
    return None


# --- terms ------------------------------------------------------------------

def _terms(body: str, names: tuple[tuple[str, str], ...]) -> list[tuple[str, str | None, int, str]]:
    """Known glossary terms the text uses (first use of each) and candidate new terms: (words, term id or None, offset, why)."""
    out: list[tuple[str, str | None, int, str]] = []
    matcher = TermMatcher(names)
    seen: set[str] = set()
    for match in matcher.find(body):
        if match.key not in seen:
            seen.add(match.key)
            out.append((body[match.start : match.end], match.key, match.start, ""))
    known_words = {normalize(name).casefold() for _, name in names}
    taken: set[str] = set()
    for candidate in candidates(body):
        words, position = candidate.words, candidate.start
        key = normalize(words).casefold()
        if key in taken or key in known_words or any(body[s : s + len(t)] == words for t, g, s, _ in out if g):
            continue
        inner = matcher.find(words)
        if inner and inner[0].start == 0 and inner[0].end == len(words):
            continue
        taken.add(key)
        out.append((words, None, position, candidate.why))
    return out


# --- attributions and hedges -------------------------------------------------


def _sentence_notes(body: str, sentences: Sentences) -> dict[int, list[str]]:
    """For each sentence (by start offset), a comment line naming who it attributes the claim to and its hedges."""
    profile = read_text(body, "en")
    who: dict[int, list[str]] = {}
    hedges: dict[int, list[str]] = {}
    for attribution in profile.attributions:
        sentence = sentences.at(attribution.match.start)
        if sentence is not None:
            label = attribution.name + (" (quoted)" if attribution.quoted else "")
            if label not in who.setdefault(sentence.start, []):
                who[sentence.start].append(label)
    for hedge in profile.hedges:
        sentence = sentences.at(hedge.match.start)
        if sentence is not None:
            label = hedge.phrase + (" (quoted)" if hedge.quoted else "")
            if label not in hedges.setdefault(sentence.start, []):
                hedges[sentence.start].append(label)
    notes: dict[int, list[str]] = {}
    for start in sorted(set(who) | set(hedges)):
        parts = []
        if who.get(start):
            parts.append("attributed to: " + ", ".join(who[start]))
        if hedges.get(start):
            parts.append("hedges: " + ", ".join(hedges[start]))
        notes[start] = ["; ".join(parts)]
    return notes
