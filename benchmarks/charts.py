"""Size and drawing time of the charts (builder/charts.py), chart by chart, as the pages inline them.

Usage::

    python -m benchmarks.charts [--corpus N | --project DIR] [--repeat R]

Draws every chart the builder draws for the bundled site (or for a generated
corpus of ``N`` sources, see benchmarks/corpus.py, or for an existing project
folder): one per measure with more than one value, the timeline strip (drawn
twice in a build: the home page and the timeline) and the sources chart. For
each it prints the bytes of the SVG, gzip-compressed at level 6 as web hosts
serve it, of the whole HTML block (SVG, caption and data table), and the
time to draw it and to write its HTML block: the best of ``R`` runs, in
CPU time of this process, which other work on the machine disturbs less
than wall time.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best_time(job: Callable[[], object], repeat: int) -> tuple[object, float]:
    """The job's result and its shortest CPU time over ``repeat`` runs."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.process_time()
        result = job()
        times.append(time.process_time() - started)
    return result, min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--corpus", type=int, help="draw the charts of a generated corpus of this many sources")
    where.add_argument("--project", type=Path, help="draw the charts of this project folder (one with sources/)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per chart; the best is printed (default 5)")
    args = parser.parse_args(argv)
    from builder import charts
    from builder.curate import curate
    from builder.pipeline import check_only
    from builder.render import links

    with tempfile.TemporaryDirectory() as folder:
        root = args.project or ROOT
        if args.corpus:
            from benchmarks.corpus import write_project

            root = write_project(Path(folder) / "project", args.corpus, seed=1)
        site = curate(check_only(root)[0])
    year_path = links.layout(site).year_path
    jobs: list[tuple[str, Callable[[], charts.Chart | None]]] = [(f"figures: {g.measure.id}", lambda g=g: charts.figure_values(g)) for g in site.measures]
    jobs.append(("timeline (home page)", lambda: charts.timeline_strip(site, "index.md", year_path)))
    jobs.append(("timeline", lambda: charts.timeline_strip(site, "timeline.md", year_path)))
    jobs.append(("sources", lambda: charts.publications(site.sources, "sources/index.md")))
    print(f"{len(site.sources):,} sources, {len(site.events):,} events, {sum(len(g.figures) for g in site.measures):,} figures")
    print(f"{'chart':<48} {'SVG B':>9} {'gzip':>7} {'html B':>9} {'gzip':>7} {'draw ms':>8} {'+html ms':>8}")
    count, totals = 0, [0, 0, 0, 0, 0.0, 0.0]
    for name, job in jobs:
        chart, drawing = best_time(job, args.repeat)
        if chart is None:
            continue
        block, writing = best_time(chart.html, args.repeat)
        svg, html = chart.svg.encode(), str(block).encode()
        row = [len(svg), len(gzip.compress(svg, 6, mtime=0)), len(html), len(gzip.compress(html, 6, mtime=0)), drawing * 1000, writing * 1000]
        totals = [a + b for a, b in zip(totals, row)]
        count += 1
        print(f"{name[:48]:<48} {row[0]:>9,} {row[1]:>7,} {row[2]:>9,} {row[3]:>7,} {row[4]:>8.2f} {row[5]:>8.2f}")
    print(f"{f'all {count} charts':<48} {totals[0]:>9,} {totals[1]:>7,} {totals[2]:>9,} {totals[3]:>7,} {totals[4]:>8.2f} {totals[5]:>8.2f}")
    print(f"drawn and written in {(totals[4] + totals[5]) / 1000:.3f} s of CPU (best of {args.repeat} per chart)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
