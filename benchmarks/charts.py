"""Size and drawing time of the charts (builder/charts.py): matplotlib's SVG against the tidied SVG the pages inline.

Usage::

    python -m benchmarks.charts [--corpus N]

Draws every chart of the bundled site (or of a generated corpus of ``N``
sources, see benchmarks/corpus.py) and prints, per chart, the bytes of
matplotlib's SVG as saved and of the SVG after tidying, each also
gzip-compressed at level 6 as web hosts serve it, and the time to draw it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=int, help="draw the charts of a generated corpus of this many sources")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import matplotlib  # noqa: F401  (timed: the builder imports it on the first chart)

    imported = time.perf_counter() - started
    from builder import charts
    from builder.curate import curate
    from builder.pipeline import check_only
    from builder.render import links

    with tempfile.TemporaryDirectory() as folder:
        root = ROOT
        if args.corpus:
            from benchmarks.corpus import write_project

            root = write_project(Path(folder) / "project", args.corpus, seed=1)
        site = curate(check_only(root)[0])
    saved: dict[str, str] = {}
    tidy = charts._tidy

    def keep(svg: str, chart_id: str, *rest: str) -> str:
        saved[chart_id] = svg
        return tidy(svg, chart_id, *rest)

    charts._tidy = keep
    jobs = [(f"figures: {g.measure.id}", lambda g=g: charts.figure_values(g)) for g in site.measures]
    jobs.append(("timeline", lambda: charts.timeline_strip(site, "timeline.md", links.layout(site).year_path)))
    jobs.append(("sources", lambda: charts.publications(site.sources, "sources/index.md")))
    print(f"import matplotlib: {imported:.2f} s")
    print(f"{'chart':<58} {'matplotlib B':>12} {'gzip':>6} {'tidied B':>9} {'gzip':>6} {'html B':>7} {'draw s':>7}")
    totals = [0, 0, 0, 0, 0, 0.0]
    for name, job in jobs:
        t = time.perf_counter()
        chart = job()
        spent = time.perf_counter() - t
        if chart is None:
            continue
        raw, svg, block = saved[chart.id].encode(), chart.svg.encode(), chart.html().encode()
        row = [len(raw), len(gzip.compress(raw, 6, mtime=0)), len(svg), len(gzip.compress(svg, 6, mtime=0)), len(block), spent]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{name[:58]:<58} {row[0]:>12,} {row[1]:>6,} {row[2]:>9,} {row[3]:>6,} {row[4]:>7,} {spent:>7.2f}")
    print(f"{'all':<58} {totals[0]:>12,} {totals[1]:>6,} {totals[2]:>9,} {totals[3]:>6,} {totals[4]:>7,} {totals[5]:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
