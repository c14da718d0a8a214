"""What the maps add to their pages, compressed, and whether any map grows with the corpus.

For each N (default 100, 1,000 and 10,000) a synthetic corpus of N sources
(:mod:`benchmarks.corpus`, whose events name up to 400 fictional places) is
checked, curated and rendered (:func:`builder.pipeline.render_pages`, no
writing, no MkDocs). For every generated page that carries a map, the map's
weight is the page's gzip size (level 9) less that of the same page with its
maps (``<figure class="chart map">``) cut out; likewise for the locators
beside the events' places on timeline pages. Printed per N: places named,
events with a place, the largest map weight of any page and that of the
timeline's index, the overview map's marks and labels, its SVG size, and the
largest weight the locators add to a timeline page.

Usage: ``python -m benchmarks.maps [--sizes 100,1000,10000]``
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_project
from builder.pipeline import render_pages

_MAP = re.compile(r'<figure class="chart map".*?</figure>\n', re.DOTALL)
_LOCATOR = re.compile(r' <svg [^>]*class="map__locator".*?</svg>|<div class="map__defs" hidden>.*?</div>\n', re.DOTALL)
"""The locators beside the events, and the outline their page writes once for them to show."""
_OVERVIEW_SVG = re.compile(r'<figure class="chart map" id="map-places">\n(<svg.*?</svg>)', re.DOTALL)


def _gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))


def _added(text: str, pattern: re.Pattern[str]) -> int:
    """Compressed bytes that what ``pattern`` matches adds to ``text``."""
    return _gz(text) - _gz(pattern.sub("", text))


def measure(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp) / "project", n)
        started = time.perf_counter()
        pages = render_pages(root)
        seconds = time.perf_counter() - started
    with_maps = {path: text for path, text in pages.items() if '<figure class="chart map"' in text}
    map_weights = {path: _added(text, _MAP) for path, text in with_maps.items()}
    timeline = [p for p in pages if p.startswith("timeline/") and "map__locator" in pages[p]]
    locator_weights = [_added(pages[p], _LOCATOR) for p in timeline]
    overview = _OVERVIEW_SVG.search(pages["timeline.md"])
    svg = overview.group(1) if overview else ""
    place_pages = [p for p in pages if p.startswith("places/")]
    return {
        "sources": n,
        "places": len(place_pages),
        "map_pages": len(with_maps),
        "max_map_gz": max(map_weights.values(), default=0),
        "timeline_map_gz": map_weights.get("timeline.md", 0),
        "overview_svg": len(svg),
        "marks": svg.count("<circle"),
        "labels": svg.count("<text"),
        "max_locators_gz": max(locator_weights, default=0),
        "render_s": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    args = parser.parse_args(argv)
    columns = ("sources", "places", "map_pages", "max_map_gz", "timeline_map_gz", "overview_svg", "marks", "labels", "max_locators_gz", "render_s")
    print(" ".join(f"{c:>15}" for c in columns))
    for n in (int(s) for s in args.sizes.split(",")):
        row = measure(n)
        print(" ".join(f"{row[c]:>15.1f}" if isinstance(row[c], float) else f"{row[c]:>15,}" for c in columns), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
