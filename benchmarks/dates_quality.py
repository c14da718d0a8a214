"""Measure the date finder and the figure finder against the hand-annotated gold set, beside dateparser.

Run: ``python benchmarks/dates_quality.py`` (needs the ``bench`` extra for the
dateparser baseline: ``pip install -e ".[bench]"``). Prints precision, recall
and F1 with relaxed spans (a found expression counts when it overlaps a gold
one), value accuracy, and throughput on one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(ROOT))

from builder import datefinder  # noqa: E402
from builder.numbers import read  # noqa: E402
from builder.suggest.figures import find_figures  # noqa: E402


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    value: object
    """EDTF/ISO text for dates; a number or a (low, high) pair for figures."""


@dataclass(frozen=True)
class GoldDoc:
    name: str
    text: str
    anchor: str | None
    dates: tuple[Span, ...]
    figures: tuple[Span, ...]
    split: str
    """``development`` (the rules were tuned on it) or ``held-out`` (annotated, then run once)."""
    genre: str = "news"
    """``news`` (an article in its own present) or ``narrative`` (a history told from a later day)."""


def load_gold(folder: Path = GOLD) -> list[GoldDoc]:
    """Every annotated text, with each annotation located in document order.

    Raises:
        ValueError: when an annotation's words are not found after the previous one.
    """
    docs = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (folder / data["text"]).read_text(encoding="utf-8")
        dates = _locate(path, text, [(words, value) for words, value in data["dates"]])
        figures = _locate(path, text, [(f["text"], f["value"] if "value" in f else (f["low"], f["high"])) for f in data["figures"]])
        anchor = data["anchor"]
        docs.append(GoldDoc(path.stem, text, str(anchor) if anchor else None, tuple(dates), tuple(figures), data.get("split", "development"), data.get("genre", "news")))
    return docs


def _locate(path: Path, text: str, items: list[tuple[str, object]]) -> list[Span]:
    spans, position = [], 0
    for words, value in items:
        start = text.find(words, position)
        if start < 0:
            raise ValueError(f"{path.name}: {words!r} not found after offset {position}")
        spans.append(Span(start, start + len(words), words, value))
        position = start + len(words)
    return spans


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    matched: int = 0
    valued: int = 0
    """Matched pairs whose gold value is not null."""
    correct: int = 0
    """Of those, how many have exactly the gold value."""
    compatible: int = 0
    """Of those, how many have a value that falls within the gold value's period."""

    def add(self, other: "Score") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.valued if self.valued else 0.0


def match(found: list[Span], gold: tuple[Span, ...], same=lambda a, b: a == b, within=None) -> Score:
    """Pair found and gold spans that overlap, one to one, in document order."""
    score = Score(found=len(found), gold=len(gold))
    used: set[int] = set()
    for f in found:
        for i, g in enumerate(gold):
            if i in used or f.end <= g.start or g.end <= f.start:
                continue
            used.add(i)
            score.matched += 1
            if g.value is not None:
                score.valued += 1
                score.correct += same(f.value, g.value)
                score.compatible += bool(within(f.value, g.value)) if within else same(f.value, g.value)
            break
    return score


def ours(doc: GoldDoc) -> list[Span]:
    anchor = datefinder.parse_anchor(doc.anchor)
    return [Span(t.start, t.end, t.text, t.value) for t in datefinder.find(doc.text, anchor)]


def dateparser_spans(doc: GoldDoc) -> list[Span]:
    from dateparser.search import search_dates

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    anchor = datefinder.parse_anchor(doc.anchor)
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month or 1, anchor.day or 1)
    found = search_dates(doc.text, languages=["en"], settings=settings) or []
    spans, position = [], 0
    for words, when in found:
        start = doc.text.find(words, position)
        if start < 0:
            continue
        spans.append(Span(start, start + len(words), words, when.date().isoformat()))
        position = start + len(words)
    return spans


def _within(found: object, gold: object) -> bool:
    """Whether the found value lies inside the gold value's period (dateparser always answers with a day)."""
    from builder import dates

    if found == gold:
        return True
    if not isinstance(found, str) or not isinstance(gold, str) or gold.startswith("P") or found.startswith("P"):
        return found == gold
    try:
        f, g = dates.parse(found), dates.parse(gold)
    except ValueError:
        return False
    return g.year_known and g.lower <= f.lower and f.upper <= g.upper


def figure_spans(doc: GoldDoc) -> list[Span]:
    anchor = datefinder.parse_anchor(doc.anchor)
    timexes = datefinder.find(doc.text, anchor)
    out = []
    for f in find_figures(doc.text, timexes):
        value = f.value if f.value is not None else (f.low, f.high)
        out.append(Span(f.start, f.end, f.text, value))
    return out


def reader_spans(doc: GoldDoc) -> list[Span]:
    """The figures check's reader (``builder.numbers.read``): every number a text states, vague ones left out."""
    return [Span(r.start, r.end, r.words, r.value if r.value is not None else (r.low, r.high)) for r in read(doc.text) if not r.vague]


def every_number(doc: GoldDoc) -> list[Span]:
    """Baseline: every run of digits is a figure."""
    import re

    return [Span(m.start(), m.end(), m.group(), float(m.group().replace(",", ""))) for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", doc.text)]


def _same_number(found: object, gold: object) -> bool:
    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 0.005 * max(abs(b), 1)

    if isinstance(gold, (list, tuple)):
        return isinstance(found, (list, tuple)) and close(found[0], gold[0]) and close(found[1], gold[1])
    return isinstance(found, (int, float)) and close(float(found), float(gold))


def throughput(docs: list[GoldDoc], megabytes: float) -> float:
    """MB of text per second of CPU time for :func:`datefinder.find`, over a corpus of the gold texts repeated.

    CPU time of this one process, not wall-clock time, so that other work on
    the machine does not count against the tagger.
    """
    corpus = "\n\n".join(d.text for d in docs)
    size = len(corpus.encode("utf-8"))
    text = corpus * max(1, int(megabytes * 1_000_000 / size))
    anchor = datefinder.parse_anchor("2023-10-27")
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        datefinder.find(text, anchor)
        best = min(best, time.process_time() - began)
    return len(text.encode("utf-8")) / 1_000_000 / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0, help="size of the text for the throughput measurement")
    parser.add_argument("--details", action="store_true", help="list each missed, spurious and wrongly valued expression")
    args = parser.parse_args(argv)
    docs = load_gold()
    try:
        import dateparser  # noqa: F401

        have_dateparser = True
    except ImportError:
        have_dateparser = False

    splits = {
        "all": docs,
        "development": [d for d in docs if d.split == "development"],
        "held-out": [d for d in docs if d.split == "held-out"],
        "news": [d for d in docs if d.genre == "news"],
        "narratives": [d for d in docs if d.genre == "narrative"],
    }
    if args.details:
        for doc in docs:
            _details(doc, ours(doc), figure_spans(doc))
    for split, chosen in splits.items():
        _report(split, chosen, have_dateparser)
    print(f"throughput: {throughput(docs, args.megabytes):.2f} MB/s (datefinder.find, CPU time on one core, {args.megabytes:g} MB of the gold texts repeated, best of 3)")
    return 0


def _report(split: str, docs: list[GoldDoc], have_dateparser: bool) -> None:
    totals = {"ours": Score(), "dateparser": Score(), "figures": Score(), "reader": Score(), "numbers": Score()}
    for doc in docs:
        totals["ours"].add(match(ours(doc), doc.dates, within=_within))
        if have_dateparser:
            totals["dateparser"].add(match(dateparser_spans(doc), doc.dates, within=_within))
        totals["figures"].add(match(figure_spans(doc), doc.figures, same=_same_number))
        totals["reader"].add(match(reader_spans(doc), doc.figures, same=_same_number))
        totals["numbers"].add(match(every_number(doc), doc.figures, same=_same_number))
    chars = sum(len(d.text) for d in docs)
    print(f"== {split}: {len(docs)} texts, {chars:,} characters, {sum(len(d.dates) for d in docs)} temporal expressions, {sum(len(d.figures) for d in docs)} figures")
    print("dates (relaxed span)       found  gold  precision  recall     F1  value accuracy  value within gold period")
    rows = [("builder.datefinder", totals["ours"])]
    if have_dateparser:
        rows.append(("dateparser.search_dates", totals["dateparser"]))
    for name, s in rows:
        within = s.compatible / s.valued if s.valued else 0.0
        print(f"{name:<25} {s.found:6} {s.gold:5} {s.precision:10.3f} {s.recall:7.3f} {s.f1:6.3f} {s.accuracy:15.3f} {within:25.3f}")
    if not have_dateparser:
        print("dateparser.search_dates   (not installed: pip install -e \".[bench]\")")
    print("figures (relaxed span)     found  gold  precision  recall     F1  value accuracy")
    for name, key in (("builder.suggest.figures", "figures"), ("builder.numbers.read", "reader"), ("every digit run", "numbers")):
        s = totals[key]
        print(f"{name:<25} {s.found:6} {s.gold:5} {s.precision:10.3f} {s.recall:7.3f} {s.f1:6.3f} {s.accuracy:15.3f}")
    print()


def _details(doc: GoldDoc, mine: list[Span], figures: list[Span]) -> None:
    print(f"--- {doc.name} (anchor {doc.anchor})")
    for label, found, gold, same in (("date", mine, doc.dates, lambda a, b: a == b), ("figure", figures, doc.figures, _same_number)):
        for g in gold:
            hit = next((f for f in found if f.start < g.end and g.start < f.end), None)
            if hit is None:
                print(f"  missed {label}: {g.text!r} = {g.value}")
            elif g.value is not None and not same(hit.value, g.value):
                print(f"  wrong {label} value: {hit.text!r} = {hit.value} (gold {g.text!r} = {g.value})")
        for f in found:
            if not any(f.start < g.end and g.start < f.end for g in gold):
                print(f"  spurious {label}: {f.text!r} = {f.value}")


if __name__ == "__main__":
    raise SystemExit(main())
