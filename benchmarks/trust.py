"""The trust report: what an auditor finds in a built site, check by check.

Usage: ``python -m benchmarks.trust [SITE] [SOURCES]`` (default ``site/`` and
``sources/``, so run ``python -m builder build`` first). It reads the built
site as a reader's browser would get it, and the source articles, and uses
nothing of the builder: it checks the build's promises from the outside.

Each check is a function of a :class:`Built` site that returns a
:class:`Finding`; to add one, write the function and list it in
:data:`CHECKS`. The script prints every finding and exits with 1 when one
fails.

Checks:

- :func:`reproduction_budget` — how much of each source the site reproduces:
  every run of eight or more consecutive words of the source that appears
  anywhere in the built site (pages, their attributes and embedded data, the
  search index, the data exports). Without a stated limit a source may be
  reproduced up to 20 % of its words; its headline, which every citation
  of it names, is not counted where its text repeats it. A publisher's stated limit in
  characters (``reuse:`` in its file) replaces that budget (the Euromaidan
  Press source allows 500 characters, well under a fifth of most articles).
- :func:`figures_read_from_quotes` — every figure in ``data/figures.json``
  gives a number (or both ends of a range) that its quote states, in digits
  or in words, or says how the editors derived it (``derivation``); one
  without a qualifier is shown "as stated"; none is called exact unless its
  quote says exactly or precisely.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
from numerizer import numerize

RUN = 8
"""Shortest run of a source's consecutive words that counts as reproduced."""
SHARE = 0.20
"""Most of a source's words the site may reproduce when its publisher states no limit."""
TEXT_SUFFIXES = (".html", ".json", ".csv", ".xml", ".txt", ".js", ".svg")
"""Files of the built site that can carry a source's words (images, fonts and styles cannot)."""

_WORD = re.compile(r"\w+(?:'\w+)*")
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text``, case-folded, each with where it starts and ends in ``text``."""
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text.translate(_TYPOGRAPHIC))]


# --- reading the built site ---------------------------------------------------------


class _Text(HTMLParser):
    """The text of an HTML page: its character data as one run, each attribute value apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def html_texts(markup: str) -> list[str]:
    """The texts a page holds: its character data joined (markup inside a sentence does not end it), then each attribute value."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return [" ".join(parser.data), *parser.attributes]


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def file_texts(path: Path) -> list[str]:
    """The texts one file of the built site carries, each a separate run of words."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in (".html", ".svg", ".xml"):
        return html_texts(raw)
    if path.suffix == ".json":
        try:
            strings = list(_json_strings(json.loads(raw)))
        except ValueError:
            return [html.unescape(raw)]
        # The search index holds each page's text as HTML.
        return [t for s in strings for t in (html_texts(s) if "<" in s else [s])]
    return [html.unescape(raw)]


# --- what is checked ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One source article as its file gives it."""

    id: str
    title: str
    body: str
    limit: int | None
    """The publisher's stated limit in characters (``reuse: limit:``), if any."""


@dataclass(frozen=True)
class Built:
    """A built site and the sources it was built from."""

    site: Path
    sources: Path

    @cached_property
    def texts(self) -> list[str]:
        """Every text the built site carries, file by file in path order."""
        files = sorted(p for p in self.site.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
        return [text for path in files for text in file_texts(path)]

    @cached_property
    def articles(self) -> list[Source]:
        """The published source articles (drafts are not published), by id."""
        out = []
        for path in sorted(self.sources.glob("*.md")):
            post = frontmatter.load(path)
            if post.metadata.get("draft"):
                continue
            reuse = post.metadata.get("reuse")
            out.append(Source(path.stem, str(post.metadata.get("title", "")), post.content, reuse.get("limit") if isinstance(reuse, dict) else None))
        return out


@dataclass(frozen=True)
class Finding:
    """What one check found: a title, whether it passed, and the lines that show it."""

    title: str
    passed: bool
    lines: list[str]


# --- reproduction ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reproduction:
    """How much of one source the site reproduces."""

    source: str
    words: int
    """Words in the source's text."""
    reproduced: int
    """Of those, the words in runs of :data:`RUN` or more that the site shows."""
    chars: int
    """Characters of the source's text those runs span."""
    limit: int | None
    """The publisher's stated limit in characters, if any."""

    @property
    def share(self) -> float:
        return self.reproduced / self.words if self.words else 0.0

    @property
    def within(self) -> bool:
        """Within its publisher's stated limit where it states one, else within 20 % of its words."""
        return self.chars <= self.limit if self.limit is not None else self.reproduced <= SHARE * self.words


def reproduced(body: str, shown: set[tuple[str, ...]], title: str = "") -> tuple[int, int, int]:
    """Words of ``body``, the words of it that lie in a run of :data:`RUN` consecutive words found in ``shown``, and the characters those runs span.

    Args:
        body: a source's text.
        shown: every run of :data:`RUN` consecutive words of the site (:func:`runs`).
        title: its headline: where the text repeats it, those words are not counted.
    """
    found = words(body)
    covered = [False] * len(found)
    for i in range(len(found) - RUN + 1):
        if tuple(w for w, _, _ in found[i : i + RUN]) in shown:
            covered[i : i + RUN] = [True] * RUN
    headline = [w for w, _, _ in words(title)]
    for i in range(len(found) - len(headline) + 1 if headline else 0):
        if [w for w, _, _ in found[i : i + len(headline)]] == headline:
            covered[i : i + len(headline)] = [False] * len(headline)
    chars, start = 0, None
    for i, (_, begin, end) in enumerate(found):
        if covered[i] and start is None:
            start = begin
        if covered[i] and (i + 1 == len(found) or not covered[i + 1]):
            chars += end - start
            start = None
    return len(found), sum(covered), chars


def runs(texts: list[str]) -> set[tuple[str, ...]]:
    """Every run of :data:`RUN` consecutive words in ``texts`` (a run never spans two texts)."""
    out: set[tuple[str, ...]] = set()
    for text in texts:
        found = [w for w, _, _ in words(text)]
        out.update(tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1))
    return out


def reproduction(built: Built) -> list[Reproduction]:
    """For every published source, how much of it the built site reproduces."""
    shown = runs(built.texts)
    return [Reproduction(s.id, *reproduced(s.body, shown, s.title), s.limit) for s in built.articles]


def reproduction_budget(built: Built) -> Finding:
    """Every source within its budget: its publisher's stated limit, or else at most 20 % of its words."""
    found = reproduction(built)
    lines = [f"{'source':<52} {'words':>6} {'shown':>6} {'share':>6}  budget"]
    for r in sorted(found, key=lambda r: -r.share):
        budget = f"stated limit {r.limit} characters, shows {r.chars}" if r.limit is not None else f"{SHARE:.0%} of its words"
        lines.append(f"{r.source:<52} {r.words:>6} {r.reproduced:>6} {r.share:>6.1%}  {budget}{'' if r.within else '  OVER'}")
    if found:
        top = max(found, key=lambda r: r.share)
        lines.append(f"largest share reproduced: {top.share:.1%} ({top.source})")
    return Finding("Every source within its reproduction budget", all(r.within for r in found), lines)


# --- figures ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?")
_SCALED = re.compile(r"(\d+(?:\.\d+)?)\s+(thousand|million|billion)\b", re.IGNORECASE)
_EXACTLY = re.compile(r"\b(?:exactly|precisely)\b", re.IGNORECASE)


def stated_numbers(quote: str) -> set[float]:
    """The numbers a quote states, in digits ("10,000", "10 000", "1.5 million") or in words (read by numerizer)."""
    out: set[float] = set()
    for text in (quote, numerize(quote)):
        out.update(float(re.sub(r"[,\s\u00a0\u202f]", "", m.group())) for m in _NUMBER.finditer(text))
        out.update(float(m.group(1)) * {"thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group(2).lower()] for m in _SCALED.finditer(text))
    return out


def figure_problems(record: dict) -> list[str]:
    """What is wrong with one record of ``data/figures.json`` against its quote, as an auditor reads it."""
    quote = " ".join(c.get("quote", "") for c in record.get("citations", []))
    given = [record["value"]] if record.get("value") is not None else [record.get("low"), record.get("high")]
    problems = []
    if record.get("derivation"):
        if not record.get("derived"):
            problems.append("derived by the editors but not marked derived")
    elif not all(v is not None and any(abs(v - n) <= 1e-9 * max(1.0, abs(n)) for n in stated_numbers(quote)) for v in given):
        problems.append(f"{' and '.join(f'{v:g}' for v in given if v is not None)} is not a number the quote states")
    if record.get("qualifier") == "exact" and not _EXACTLY.search(quote):
        problems.append("called exact, but the quote does not say so")
    if record.get("qualifier") == "stated" and not str(record.get("value_text", "")).endswith("(as stated)"):
        problems.append("stated without a qualifier, but not shown as stated")
    return problems


def figures_read_from_quotes(built: Built) -> Finding:
    """Every figure's value read from its quote (or derived, saying how), and shown with the quote's qualifier."""
    path = built.site / "data" / "figures.json"
    records = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    lines = []
    read = 0
    for record in records:
        problems = figure_problems(record)
        read += not problems
        lines += [f"{record.get('id')}: {p}" for p in problems]
    derived = sum(1 for r in records if r.get("derivation"))
    lines.append(f"every figure's value read from its quote: {read} of {len(records)} ({derived} derived by the editors, saying how)")
    return Finding("Every figure's value read from its quote", read == len(records), lines)


CHECKS: tuple[Callable[[Built], Finding], ...] = (reproduction_budget, figures_read_from_quotes)
"""The checks the report runs, in order."""


def report(built: Built) -> tuple[str, bool]:
    """The report's text, and whether every check passed."""
    out, passed = [], True
    for check in CHECKS:
        finding = check(built)
        passed &= finding.passed
        out.append(f"{'PASS' if finding.passed else 'FAIL'}  {finding.title}")
        out += ["    " + line for line in finding.lines]
        out.append("")
    return "\n".join(out), passed


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    sources = Path(argv[1]) if len(argv) > 1 else Path("sources")
    if not site.is_dir():
        print(f"{site}: no built site (run python -m builder build first)", file=sys.stderr)
        return 2
    text, passed = report(Built(site, sources))
    print(text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
