"""Sourcing notes at scale: time to read every source's text, and the size of the pages it yields.

Usage: ``python -m benchmarks.sourcing [N ...]`` generates a seeded corpus of N
sources (benchmarks/corpus.py), checks and curates it, and prints for each N:
the seconds spent finding attributions and hedges (``builder.profile.read_text``
over every body, best of three), the seconds for the whole curate stage, and
the largest sourcing note, sources index page and figures page in kilobytes,
with the number of index pages.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from builder.check import check
from builder.curate import curate
from builder.load import load_tree
from builder.problems import Problems
from builder.profile import read_text
from builder.render import figures, sources


def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, text in generate(n).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        problems = Problems()
        content = check(load_tree(root, problems), problems)
        assert content is not None, [str(p) for p in problems.errors][:5]
    bodies = [(s.body, s.meta.language) for s in content.sources]
    reading = min(_timed(lambda: [read_text(b, lang) for b, lang in bodies]) for _ in range(3))
    start = time.perf_counter()
    site = curate(content)
    curating = time.perf_counter() - start
    notes = sources.render(site)
    index = {p: t for p, t in notes.items() if p == sources.INDEX or p.startswith("sources/pages/")}
    figure_pages = figures.render(site)
    return {
        "sources": len(content.sources),
        "read_s": reading,
        "curate_s": curating,
        "largest_note_kb": max(len(t.encode()) for p, t in notes.items() if p not in index) / 1024,
        "index_pages": len(index),
        "largest_index_kb": max(len(t.encode()) for t in index.values()) / 1024,
        "figure_pages": len(figure_pages),
        "largest_figures_kb": max(len(t.encode()) for t in figure_pages.values()) / 1024,
    }


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    for n in [int(a) for a in argv] or [200, 2000]:
        result = measure(n)
        print(
            f"{result['sources']} sources: reading {result['read_s']:.2f} s, curate {result['curate_s']:.2f} s; "
            f"largest note {result['largest_note_kb']:.1f} KB; index {result['index_pages']} page(s), largest {result['largest_index_kb']:.1f} KB; "
            f"figures {result['figure_pages']} page(s), largest {result['largest_figures_kb']:.1f} KB"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
