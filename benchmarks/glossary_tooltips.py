"""Glossary tooltips at scale: the time to mark terms on long pages, as terms and page length grow.

Builds seeded synthetic glossaries (50 to 1,000 terms, with aliases) and
Markdown pages (10, 50 and 200 KB of paragraphs, lists, links and code, with a
term every few dozen words), then measures, for each pair:

- ``find``: the term matcher alone (one Aho–Corasick pass) over the page text;
- ``regex``: for comparison, one compiled alternation of every name, longest
  first (the usual single-regex approach);
- ``page``: rendering the page with Python-Markdown and the tooltip extension,
  as MkDocs does for every page (a new ``Markdown`` instance each time);
- ``tooltips``: the part of ``page`` spent in the tooltip treeprocessor.

Each figure is the best of several runs, in milliseconds. Usage:
``python -m benchmarks.glossary_tooltips [--repeat N] [--quick]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import tempfile
import time
from pathlib import Path

import markdown

from builder.terms import TermMatcher
from builder.tooltips import load_glossary

TERM_COUNTS = (50, 100, 500, 1000)
PAGE_KB = (10, 50, 200)
_SYLLABLES = ("ka", "ro", "vel", "mar", "to", "sen", "dri", "ol", "va", "nek", "bor", "is", "lan", "ze", "gor", "ust", "pel", "mi", "dan", "ry", "tol", "sha", "kir", "um")
_FILLER = (
    "the", "report", "said", "that", "soldiers", "were", "sent", "to", "front", "after", "a", "court", "ruled", "on", "their",
    "case", "and", "officers", "later", "denied", "it", "according", "several", "sources", "in", "region", "during", "winter",
    "with", "no", "figures", "given", "for", "months", "units", "behind", "line", "under", "orders", "from", "command",
)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def glossary(count: int, seed: int = 7) -> list[dict]:
    """``count`` terms of one to three invented words, a third of them with one or two aliases; names unique."""
    rng = random.Random(seed)
    taken: set[str] = set()
    terms = []

    def fresh() -> str:
        while True:
            name = " ".join(_word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
            if name not in taken:
                taken.add(name)
                return name

    for index in range(count):
        aliases = [fresh() for _ in range(rng.choice((0, 0, 1, 2)))]
        terms.append({"id": f"term-{index}", "term": fresh(), "aliases": aliases, "short": f"Definition of term {index}, one line for its tooltip."})
    return terms


def page(terms: list[dict], size_kb: int, seed: int = 11) -> str:
    """Markdown of about ``size_kb`` KB: paragraphs with a term about every 25 words, plus lists, links and code."""
    rng = random.Random(seed)
    names = [n for t in terms for n in (t["term"], *t["aliases"])]
    blocks: list[str] = []
    size = 0
    while size < size_kb * 1024:
        kind = rng.random()
        words = []
        for _ in range(rng.randint(60, 140)):
            if rng.random() < 0.04:
                name = rng.choice(names)
                words.append(name.title() if rng.random() < 0.2 else name + ("s" if rng.random() < 0.2 else ""))
            else:
                words.append(rng.choice(_FILLER))
        if kind < 0.1:
            block = f"## {' '.join(words[:6]).capitalize()}"
        elif kind < 0.25:
            block = "\n".join(f"- {' '.join(words[i:i + 12])}" for i in range(0, len(words), 12))
        else:
            sentence = " ".join(words)
            if rng.random() < 0.3:
                sentence += f" See [{rng.choice(names)}](other.md) and `{rng.choice(names)}`."
            block = sentence[0].upper() + sentence[1:] + "."
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks) + "\n"


def regex_alternation(terms: list[dict]) -> re.Pattern[str]:
    """The single-regex baseline: every name, longest first, whole words, optional plural."""
    names = sorted({n.casefold() for t in terms for n in (t["term"], *t["aliases"])}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")(?:s|es)?(?!\w)", re.IGNORECASE)


def best_ms(run, repeat: int) -> float:
    """The fastest of ``repeat`` runs, garbage collection paused while timing."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best * 1000


def render(text: str, config: dict) -> tuple[str, float]:
    """The page as HTML, and the seconds its tooltip treeprocessor took."""
    md = markdown.Markdown(extensions=["attr_list", "toc", "builder.tooltips"], extension_configs=config)
    processor = md.treeprocessors["glossary_tooltips"]
    run = processor.run
    spent = [0.0]

    def timed(root):
        start = time.perf_counter()
        run(root)
        spent[0] += time.perf_counter() - start

    processor.run = timed
    return md.convert(text), spent[0]


def best_tooltips_ms(text: str, config: dict, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            best = min(best, render(text, config)[1])
        finally:
            gc.enable()
    return best * 1000


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}; Python {platform.python_version()}, Markdown {markdown.__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best is kept (default 5)")
    parser.add_argument("--quick", action="store_true", help="only 500 terms on a 200 KB page")
    args = parser.parse_args(argv)
    counts, sizes = ((500,), (200,)) if args.quick else (TERM_COUNTS, PAGE_KB)
    print(f"machine: {machine()}")
    print(f"{'terms':>6} {'page KB':>8} {'marked':>7} {'build ms':>9} {'find ms':>8} {'regex ms':>9} {'page ms':>8} {'tooltips ms':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            terms = glossary(count)
            data = Path(tmp) / f"glossary-{count}.json"
            data.write_text(json.dumps(terms), encoding="utf-8")
            names = [(t["id"], n) for t in terms for n in (t["term"], *t["aliases"])]
            build = best_ms(lambda: TermMatcher(names), args.repeat)
            matcher = TermMatcher(names)
            pattern = regex_alternation(terms)
            load_glossary(data)
            for size in sizes:
                text = page(terms, size)
                find = best_ms(lambda: matcher.find(text), args.repeat)
                regex = best_ms(lambda: pattern.findall(text), args.repeat)
                config = {"builder.tooltips": {"data": str(data)}}
                whole = best_ms(lambda: render(text, config), args.repeat)
                tooltips = best_tooltips_ms(text, config, args.repeat)
                shown = render(text, config)[0].count('class="glossary-term"')
                print(f"{count:>6} {size:>8} {shown:>7} {build:>9.1f} {find:>8.1f} {regex:>9.1f} {whole:>8.1f} {tooltips:>11.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
