"""Seeded synthetic corpora for the scale benchmark: N sources that pass the check, written as a project.

The corpus is fiction about fictional places and organisations, shaped like the
real thing: news-like articles of 3–8 KB with full frontmatter, events reported
by several sources (some dating them differently) in up to 400 places, figures,
a few hundred glossary terms cited by verbatim quotes, eras, measures, a
gazetteer of the places (fictional points) and site.yml. Every
quote is cut from the body it cites, so the build checks it as it would a real
one. The same ``(n, seed)`` always gives the same files, byte for byte.

Usage: ``python -m benchmarks.corpus N DEST [--seed S]`` writes a project folder
(the repository's configuration, hand-written docs and hook, plus sources/) that ``python -m builder build --root DEST`` builds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

TERMS = 300
"""Glossary terms in every corpus, whatever its size."""
MEASURES = 40
FILLER_POOL = 6000
"""Distinct filler sentences drawn on for the bodies (wire copy repeats itself too)."""

ERAS = (
    ("early-century", "The early century, 1900–1913", "1900", "1913"),
    ("first-war", "The first war, 1914–1918", "1914", "1918"),
    ("interwar", "Between the wars, 1919–1938", "1919", "1938"),
    ("second-war", "The second war, 1939–1945", "1939", "1945"),
    ("long-peace", "The long peace, 1946–1991", "1946", "1991"),
    ("present", "The present, since 1992", "1992", None),
)
FIRST_YEAR, LAST_YEAR = 1900, 2025

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SYLLABLES = ("ka", "ro", "vel", "mar", "to", "sen", "dri", "ol", "va", "nek", "bor", "is", "lan", "ze", "gor", "ust", "pel", "mi", "dan", "ry")
_FIRST = ("Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Galina", "Hugo", "Irina", "Jonas", "Katya", "Leon", "Marta", "Nikolai", "Olga", "Pavel", "Rosa", "Stefan", "Tamara", "Viktor")
_LAST = ("Arden", "Baines", "Corvin", "Dale", "Ekholm", "Farrow", "Grell", "Holm", "Ivers", "Jarek", "Keller", "Lind", "Moss", "Novak", "Orlov", "Petrak", "Quill", "Rudd", "Sorel", "Thorne")
_ORG_HEADS = ("Ministry", "Office", "Council", "Bureau", "Committee", "Commission", "Directorate", "Union", "Institute", "Tribunal")
_ORG_TAILS = ("Defence", "Records", "Veterans", "Justice", "the Northern Front", "Mobilisation", "Internal Affairs", "Human Rights", "the Coastal Provinces", "Military Prosecution")
_OUTLETS = ("The Meridian Courier", "Northvale Daily", "The Harbour Ledger", "Eastmark Observer", "The Provincial Herald", "Riverside Post", "The Steppe Review", "Old Town Gazette", "The Border Telegraph", "Greywater News")
_NOUNS = (
    ("soldier", "soldiers"), ("conscript", "conscripts"), ("deserter", "deserters"), ("officer", "officers"), ("recruit", "recruits"),
    ("reservist", "reservists"), ("prisoner", "prisoners"), ("volunteer", "volunteers"), ("detainee", "detainees"), ("unit", "units"),
)
_VERBS = ("detained", "sentenced", "transferred", "released", "mobilised", "charged", "registered", "dismissed", "questioned", "relocated")
_ADJECTIVES = ("reserve", "forward", "mobile", "special", "auxiliary", "provisional", "territorial", "disciplinary", "frontier", "rear")
_TERM_NOUNS = ("detachment", "tribunal", "battalion", "commission", "directive", "roster", "checkpoint", "camp", "levy", "company",
               "register", "convoy", "cordon", "garrison", "brigade", "court", "service", "patrol", "order", "board",
               "squad", "quota", "bureau", "column", "depot", "regiment", "council", "draft", "ledger", "decree")
_CYRILLIC = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопкрстуввхыз")
_HEDGES = ("reportedly", "probably", "allegedly", "according to officials", "it was claimed")
_TAGS = tuple(
    f"{a}-{b}" for a in ("border", "court", "draft", "prison", "front", "rear", "camp", "navy", "air", "city")
    for b in ("policy", "trial", "unrest", "casualties", "reform")
)
_KINDS = ("news", "news", "news", "analysis", "official-statement", "document", "reference")


@dataclass
class _Event:
    id: str
    date: str
    title: str
    summary: str
    tags: list[str]
    place: str
    actor: str
    noun: tuple[str, str]
    verb: str
    count: int


@dataclass
class _Source:
    id: str
    title: str
    outlet: str
    author: str | None
    published: str | None
    kind: str
    draft: bool
    sentences: list[str] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    quoted: int = 0
    shown: int = 0
    """Characters of the text the site shows, about: its quotes, and the sentences whose words an event's title repeats."""


class _World:
    """The fictional names and the random source every text is drawn from."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        rng = self.rng
        self.places = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(400)})
        self.people = [f"{a} {b}" for a in _FIRST for b in _LAST]
        self.orgs = [f"the {h} of {t}" for h in _ORG_HEADS for t in _ORG_TAILS]
        names = sorted({f"{a} {n}" for a in _ADJECTIVES for n in _TERM_NOUNS})
        rng.shuffle(names)
        self.term_names = sorted(names[:TERMS])
        self.filler = [self._filler() for _ in range(FILLER_POOL)]

    def _filler(self) -> str:
        r = self.rng
        noun = r.choice(_NOUNS)[1]
        place, org, person = r.choice(self.places), r.choice(self.orgs), r.choice(self.people)
        forms = (
            f"{_cap(org)} said on {r.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'))} that {noun} in {place} had been {r.choice(_VERBS)} {r.choice(_HEDGES)}.",
            f"“We have seen nothing like it since the last war,” {person}, a resident of {place}, told reporters, asking that her street not be named.",
            f"The claims could not be independently verified, and {org} did not respond to a request for comment about {place}.",
            f"Local officials in {place} said the number of {noun} had grown in recent months, though they declined to give figures.",
            f"According to documents reviewed by the newspaper, {org} ordered commanders near {place} to report every absence within a day.",
            f"{person}, who studies the region at a university in {r.choice(self.places)}, said the pattern was “consistent with earlier reports” but cautioned against drawing conclusions.",
            f"Relatives of {noun} from {place} said they had received no news for weeks and had written to {org} without reply.",
            f"The statement, published late in the evening, did not say how many {noun} were affected or where they had been taken.",
            f"In {place}, a lawyer representing several families, {person}, said the hearings had been closed to the public.",
            f"Analysts said the move was {r.choice(('likely', 'probably', 'possibly'))} meant to discourage {noun} from leaving their posts near {place}.",
        )
        return r.choice(forms)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _date(r: random.Random) -> tuple[str, str]:
    """An EDTF date and the words an article would use for it."""
    year = r.randint(FIRST_YEAR, LAST_YEAR)
    month = r.randint(1, 12)
    day = r.randint(1, _DAYS[month - 1])
    roll = r.random()
    if roll < 0.5:
        return f"{year:04d}-{month:02d}-{day:02d}", f"On {day} {_MONTHS[month - 1]} {year}"
    if roll < 0.8:
        return f"{year:04d}-{month:02d}", f"In {_MONTHS[month - 1]} {year}"
    if roll < 0.88:
        return f"{year:04d}", f"In {year}"
    if roll < 0.93:
        return f"{year:04d}-{month:02d}~", f"Around {_MONTHS[month - 1]} {year}"
    if roll < 0.96:
        return f"{year:04d}-{month:02d}?", f"Probably in {_MONTHS[month - 1]} {year}"
    if roll < 0.995:
        end = min(12, month + r.randint(1, 3))
        return f"{year:04d}-{month:02d}/{year:04d}-{end:02d}", f"Between {_MONTHS[month - 1]} and {_MONTHS[end - 1]} {year}"
    return f"XXXX-{month:02d}-{day:02d}", f"On {day} {_MONTHS[month - 1]}, in a year the report does not give"


def _shifted(r: random.Random, date: str) -> tuple[str, str]:
    """Another source's date for the same event: a few days or a month off."""
    if date.startswith("XXXX") or "/" in date or len(date) < 7:
        return _date(r)
    year, month = int(date[:4]), int(date[5:7])
    month = month % 12 + 1 if r.random() < 0.5 else (month - 2) % 12 + 1
    return f"{year:04d}-{month:02d}", f"In {_MONTHS[month - 1]} {year}"


def generate(n: int, seed: int = 0) -> dict[str, str]:
    """The ``sources/`` folder of a corpus of ``n`` sources, as relative path -> text."""
    world = _World(seed)
    r = world.rng
    measures = _measures(r)
    sources: list[_Source] = []
    events: list[_Event] = []
    describers: dict[str, _Source] = {}
    term_uses: dict[str, list[tuple[_Source, str]]] = {name: [] for name in world.term_names}
    for i in range(n):
        outlet = r.choice(_OUTLETS)
        draft = r.random() < 0.01
        month = r.randint(1, 12)
        published = f"{r.randint(2005, LAST_YEAR)}-{month:02d}-{r.randint(1, _DAYS[month - 1]):02d}" if r.random() < 0.9 else None
        place = r.choice(world.places)
        noun = r.choice(_NOUNS)
        title = f"{_cap(r.choice(world.orgs))} {r.choice(('says', 'confirms', 'denies', 'reports'))} {noun[1]} {r.choice(_VERBS)} in {place}"
        source = _Source(
            id=f"{_slug(outlet)}-{i:05d}-{_slug(place)}",
            title=title,
            outlet=outlet,
            author=r.choice(world.people) if r.random() < 0.8 else None,
            published=published,
            kind=r.choice(_KINDS),
            draft=draft,
        )
        _events_of(source, world, events, describers, r)
        _figures_of(source, world, measures, r)
        forced = [world.term_names[j] for j in range(i, TERMS, max(n, 1))]
        for name in forced + r.sample(world.term_names, r.randint(2, 6)):
            sentence = _term_sentence(name, world, r)
            source.sentences.append(sentence)
            if not draft:
                term_uses[name].append((source, sentence))
        _fill_body(source, world, r)
        sources.append(source)

    glossary = _glossary(world, term_uses, r)
    files = {f"sources/{s.id}.md": _article(s, r) for s in sources}
    files["sources/glossary.yml"] = glossary
    files["sources/eras.yml"] = _eras()
    files["sources/measures.yml"] = _measures_yml(measures)
    files["sources/site.yml"] = _site(measures, n, seed)
    files["sources/places.yml"] = _places_yml(world, sources, seed)
    return files


def _places_yml(world: _World, sources: list[_Source], seed: int) -> str:
    """The gazetteer of the places the published events name: fictional places at made-up points of one region.

    Their coordinates and gazetteer records are as fictional as the places, drawn from their own
    seeded random source so that the rest of the corpus is what it was without them.
    """
    named = sorted({p for s in sources if not s.draft for e in s.events for p in e.get("places", ())})
    r = random.Random(f"places-{seed}")
    items = [
        {"id": _slug(name), "name": name, "kind": r.choice(("city", "city", "city", "region", "front")), "lat": round(r.uniform(44.0, 56.0), 4), "lon": round(r.uniform(22.0, 48.0), 4), "gazetteer": f"GeoNames {r.randint(100000, 9999999)}"}
        for name in named
    ]
    return "\n".join(_yaml_item(item) for item in items) + "\n" if items else "[]\n"


def _events_of(source: _Source, world: _World, events: list[_Event], describers: dict[str, _Source], r: random.Random) -> None:
    for _ in range(r.randint(2, 6)):
        shared = [e for e in events[-400:] if not describers[e.id].draft] if events and not source.draft else []
        if shared and r.random() < 0.3:
            event = r.choice(shared)
            entry: dict = {"id": event.id}
            if r.random() < 0.3:
                date, words = _shifted(r, event.date)
                entry["date"] = date
            else:
                words = None
            sentence = (
                f"{words + ', ' if words else ''}{event.actor} {r.choice(('was also said to have', 'also'))} {event.verb} {event.count:,} {event.noun[1]} in {event.place}, "
                f"{r.choice(('other reports said', 'the paper added', 'witnesses told the outlet'))}."
            )
            entry["quote"] = _clause(sentence, r)
            if any(e["id"] == event.id for e in source.events):
                continue
        else:
            date, words = _date(r)
            place, actor, noun, verb = r.choice(world.places), _cap(r.choice(world.orgs)), r.choice(_NOUNS), r.choice(_VERBS)
            count = r.randint(2, 5000)
            tags = sorted(set(r.sample(_TAGS, r.randint(1, 3))) | ({_slug(r.choice(world.term_names))} if r.random() < 0.2 else set()))
            event = _Event(
                id=f"{_slug(place)}-{verb}-{len(events):06d}",
                date=date,
                title=f"{actor} {verb} {count:,} {noun[1]} in {place}",
                summary=f"According to {source.outlet}, {actor[:1].lower() + actor[1:]} {r.choice(_HEDGES[:3])} {verb} {count:,} {noun[1]} in {place}. The source gives no further detail.",
                tags=tags,
                place=place,
                actor=actor,
                noun=noun,
                verb=verb,
                count=count,
            )
            events.append(event)
            describers[event.id] = source
            sentence = f"{words}, {event.actor[:1].lower() + event.actor[1:]} {verb} {count:,} {noun[1]} in {place}, {r.choice(('officials said', 'the report said', 'according to court records'))}."
            entry = {
                "id": event.id,
                "date": date,
                "title": event.title,
                "summary": event.summary,
                "tags": event.tags,
                "places": [place],
                "actors": [actor],
                "quote": _clause(sentence, r),
            }
            if words.startswith("On ") and "year" in words:
                entry["date_note"] = "The source gives the day and month but not the year."
        source.sentences.append(sentence)
        source.quoted += len(entry["quote"])
        source.shown += len(sentence) if "title" in entry else len(entry["quote"])
        source.events.append(entry)


def _clause(sentence: str, r: random.Random) -> str:
    """A verbatim run of words from ``sentence``, straightening its typographic quotes as a contributor's paste would."""
    words = sentence.split(" ")
    start = r.randint(0, max(0, len(words) // 3))
    end = r.randint(max(start + 4, len(words) * 2 // 3), len(words))
    return " ".join(words[start:end]).rstrip(",.").replace("“", '"').replace("”", '"')


def _measures(r: random.Random) -> list[dict]:
    nouns = [p for _, p in _NOUNS]
    out = []
    for i in range(MEASURES):
        noun, verb = nouns[i % len(nouns)], _VERBS[(i * 7) % len(_VERBS)]
        out.append({"id": f"{noun}-{verb}-{i:02d}", "label": f"{_cap(noun)} {verb} (series {i + 1})", "unit": noun, "verb": verb})
    return out


def _figures_of(source: _Source, world: _World, measures: list[dict], r: random.Random) -> None:
    qualifiers = (("stated", ""), ("approximately", "about "), ("nearly", "nearly "), ("more-than", "more than "), ("at-least", "at least "))
    for k in range(r.randint(0, 3)):
        measure = r.choice(measures)
        qualifier, word = r.choice(qualifiers)
        value = r.randint(10, 250_000)
        as_of = f"{r.randint(1990, LAST_YEAR)}-{r.randint(1, 12):02d}"
        producer = _cap(r.choice(world.orgs))
        sentence = f"{producer} counted {word}{value:,} {measure['unit']} {measure['verb']} by {_MONTHS[int(as_of[5:]) - 1]} {as_of[:4]}, the figures show."
        quote = f"counted {word}{value:,} {measure['unit']} {measure['verb']}"
        source.sentences.append(sentence)
        source.quoted += len(quote)
        source.shown += len(quote)
        source.figures.append(
            {"id": f"{source.id}-figure-{k + 1}", "measure": measure["id"], "value": value, "qualifier": qualifier, "as_of": as_of, "producer": producer, "quote": quote}
        )


def _term_sentence(name: str, world: _World, r: random.Random) -> str:
    forms = (
        f"Officials described the {name} as {r.choice(('temporary', 'necessary', 'routine', 'unprecedented'))}, {r.choice(_HEDGES)}.",
        f"Several {r.choice(_NOUNS)[1]} said they had been sent to a {name} near {r.choice(world.places)} without warning.",
        f"The {name} was {r.choice(('set up', 'expanded', 'disbanded', 'renamed'))} last year, according to {r.choice(world.orgs)}.",
        f"Critics say the {name} has no basis in law, a charge {r.choice(world.orgs)} denies.",
    )
    return r.choice(forms)


def _fill_body(source: _Source, world: _World, r: random.Random) -> None:
    """Mix the sentences that carry quotes into filler until the body is 3–8 KB, and six times what the site shows of it at least.

    The site shows at most a fifth of a source's words (builder/budget.py);
    the glossary's citations are then added only where they fit too.
    """
    target = max(r.randint(3000, 8000), 6 * source.shown)
    sentences = list(source.sentences)
    size = sum(len(s) + 1 for s in sentences)
    while size < target:
        sentence = r.choice(world.filler)
        sentences.append(sentence)
        size += len(sentence) + 1
    r.shuffle(sentences)
    paragraphs = []
    while sentences:
        take = r.randint(1, 4)
        paragraphs.append(" ".join(sentences[:take]))
        del sentences[:take]
    byline = [f"By {source.author}"] if source.author else []
    source.sentences = [source.title, *byline, *paragraphs]


def _glossary(world: _World, term_uses: dict[str, list[tuple[_Source, str]]], r: random.Random) -> str:
    lines = ["# Synthetic glossary for the scale benchmark."]
    ids = [_slug(name) for name in world.term_names if term_uses[name]]
    era_ids = [e[0] for e in ERAS]
    for name in world.term_names:
        uses = term_uses[name]
        if not uses:
            continue
        term_id = _slug(name)
        cited = r.sample(uses, min(2, len(uses)))
        entry: dict = {
            "id": term_id,
            "term": name,
            "aliases": [f"{name}s"] if r.random() < 0.1 else [],
            "short": f"A {name.split(' ')[1]} of the {name.split(' ')[0]} kind, as the sources use the phrase.",
            "definition": f"The sources use “{name}” for a {name.split(' ')[1]} set up by the authorities. Definitions differ between them; this entry follows the most detailed one.",
            "related": sorted(r.sample([i for i in ids if i != term_id], 2)),
            "eras": sorted(r.sample(era_ids, r.randint(1, 2))),
            "citations": [],
        }
        if r.random() < 0.3:
            entry["original"] = name.translate(_CYRILLIC)
            entry["transliteration"] = name
        for source, sentence in cited:
            quote = _clause(sentence, r)
            if name not in quote:
                quote = sentence.replace("“", '"').replace("”", '"')
            # Within a seventh of the text, so that the source stays within its budget (builder/budget.py), which counts words.
            if 7 * (source.shown + len(quote)) > _size(source):
                continue
            source.quoted += len(quote)
            source.shown += len(quote)
            entry["citations"].append({"source": source.id, "quote": quote})
        if not entry["citations"]:  # a term cites one source at least: the one with the most room, by the term's name alone
            source, _ = min(uses, key=lambda use: (use[0].shown / _size(use[0]), use[0].id))
            quote = name
            source.quoted += len(quote)
            source.shown += len(quote)
            entry["citations"].append({"source": source.id, "quote": quote})
        lines.append(_yaml_item(entry))
    return "\n".join(lines) + "\n"


def _size(source: _Source) -> int:
    """Characters of the source's text, once it is filled."""
    return sum(len(s) + 2 for s in source.sentences)


def _article(source: _Source, r: random.Random) -> str:
    meta: dict = {
        "title": source.title,
        "publisher": source.outlet,
        "authors": [source.author] if source.author else [],
        "url": f"https://example.org/{source.id}",
        "published": source.published,
        "language": "en",
        "kind": source.kind,
    }
    if r.random() < 0.1:
        limit = (source.quoted // 100 + 3) * 100
        meta["reuse"] = {"limit": limit, "statement": f"quotations of up to {limit} characters with attribution"}
    if source.published is None:
        meta["inferred"] = {"publisher": "Named in the page footer; the page shows no date."}
    meta["notes"] = "Synthetic text generated for the scale benchmark; every name in it is invented."
    if source.draft:
        meta["draft"] = True
    meta["events"] = source.events
    meta["figures"] = source.figures
    front = "\n".join(_yaml_field(k, v, "") for k, v in meta.items())
    return f"---\n{front}\n---\n" + "\n\n".join(source.sentences) + "\n"


def _eras() -> str:
    items = [{"id": i, "title": t, "start": s, "end": e, "summary": f"Events the sources date between {s} and {e or 'today'}."} for i, t, s, e in ERAS]
    return "\n".join(_yaml_item(item) for item in items) + "\n"


def _measures_yml(measures: list[dict]) -> str:
    items = [{"id": m["id"], "label": m["label"], "unit": m["unit"], "description": f"How many {m['unit']} the sources say were {m['verb']}; counts differ in method."} for m in measures]
    return "\n".join(_yaml_item(item) for item in items) + "\n"


def _site(measures: list[dict], n: int, seed: int) -> str:
    return _yaml_field("title", f"Synthetic corpus of {n:,} sources", "") + "\n" + "\n".join(
        [
            _yaml_field("subtitle", f"Generated by benchmarks/corpus.py with seed {seed}", ""),
            _yaml_field("summary", "A fictional corpus for measuring the builder. Every name, number and date in it is invented.", ""),
            _yaml_field("key_measures", [m["id"] for m in measures[:3]], ""),
        ]
    ) + "\n"


def _scalar(value: object) -> str:
    """A YAML scalar: strings double-quoted (JSON escapes are valid YAML), so dates stay text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _yaml_field(key: str, value: object, indent: str) -> str:
    if isinstance(value, dict):
        if not value:
            return f"{indent}{key}: {{}}"
        return f"{indent}{key}:\n" + "\n".join(_yaml_field(k, v, indent + "  ") for k, v in value.items())
    if isinstance(value, list):
        if not value:
            return f"{indent}{key}: []"
        if all(not isinstance(v, (dict, list)) for v in value):
            return f"{indent}{key}: [" + ", ".join(_scalar(v) for v in value) + "]"
        return f"{indent}{key}:\n" + "\n".join(_yaml_item(v, indent + "  ") for v in value)
    return f"{indent}{key}: {_scalar(value)}"


def _yaml_item(item: dict, indent: str = "") -> str:
    lines = [_yaml_field(k, v, indent + "  ") for k, v in item.items()]
    first = lines[0][len(indent) + 2 :]
    return "\n".join([f"{indent}- {first}", *lines[1:]])


def write_project(dest: Path, n: int, seed: int = 0) -> Path:
    """Write a buildable project of ``n`` sources to ``dest`` (created; must not exist)."""
    from builder.project import copy_skeleton

    dest.mkdir(parents=True)
    copy_skeleton(REPO, dest)
    for rel, text in generate(n, seed).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of sources")
    parser.add_argument("dest", type=Path, help="project folder to create")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.dest.exists():
        print(f"error: {args.dest} exists; choose a new folder", file=sys.stderr)
        return 2
    write_project(args.dest, args.n, args.seed)
    print(f"corpus: {args.n} sources in {args.dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
