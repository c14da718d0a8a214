"""Who stands behind each claim of a site: its claim statuses, its corrections and their references.

    python -m benchmarks.claims            # the bundled site (sources/ of this repository)
    python -m benchmarks.claims --root DIR # another project

Prints, measured on the pages the builder renders: how many events and
figures are reported by one origin, corroborated by independent sources or
corrected by the editors; how many editors' notes there are and how many
correct something, each with the references it cites; and how many event
titles on the timeline pages and figure rows on the measure pages carry no
status label (a title in the site's voice that does not show whose claim it
is). The last two must be zero.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from builder.curate import curate
from builder.curate.status import figure_statuses
from builder.pipeline import check_only
from builder.render import render_site

_HEADING = re.compile(r"^### (.*) \{#([a-z0-9-]+)\}$", re.MULTILINE)
_ROW = re.compile(r'^\| <span id="([a-z0-9-]+)"></span>(.*)$', re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    content, _ = check_only(args.root)
    site = curate(content)
    pages = dict(render_site(site))

    events = Counter(e.status.kind for e in site.events)
    figures = Counter(s.kind for g in site.measures for s in figure_statuses(g).values())
    notes = [n for e in site.events for n in e.notes]
    notes += [n for g in site.measures for f in g.figures for n in f.notes]
    notes += [n for g in site.glossary for n in g.notes] + [n for p in site.sources for n in p.notes]
    corrections = [n for n in notes if n.correction]
    print(f"events: {len(site.events)}  " + "  ".join(f"{k} {events[k]}" for k in ("reported", "corroborated", "corrected")))
    print(f"figures: {sum(figures.values())}  " + "  ".join(f"{k} {figures[k]}" for k in ("reported", "corroborated", "corrected")))
    print(f"editors' notes: {len(notes)}, of which corrections: {len(corrections)}; notes without a reference: {sum(1 for n in notes if not n.cites)}")
    print(f"references: {len(site.references)}; cited with pages: {sum(1 for n in notes for c in n.cites if c.pages)}")

    event_ids = set(site.events_by_id)
    unlabelled_titles = [
        (path, anchor) for path, text in pages.items() if path.startswith("timeline/") for title, anchor in _HEADING.findall(text) if anchor in event_ids and 'class="claim ' not in title
    ]
    figure_ids = set(site.figures_by_id)
    unlabelled_rows = [(path, fid) for path, text in pages.items() if path.startswith("figures/") for fid, row in _ROW.findall(text) if fid in figure_ids and 'class="claim ' not in row]
    titles = sum(1 for path, text in pages.items() if path.startswith("timeline/") for _, anchor in _HEADING.findall(text) if anchor in event_ids)
    print(f"event titles on timeline pages: {titles}; without a status label: {len(unlabelled_titles)}")
    print(f"figure rows without a status label: {len(unlabelled_rows)}")
    for path, anchor in unlabelled_titles + unlabelled_rows:
        print(f"  unlabelled: {path}#{anchor}")


if __name__ == "__main__":
    main()
