"""The review gate and report dates, measured on a project's built pages and data.

Usage: ``python -m benchmarks.review_gate [--add FILE ...] [ROOT]`` (default:
this folder, the bundled site). With ``--add``, ROOT is first copied to a
scratch folder and each saved page or text is imported there with ``add``
(given ``--title`` when the text shows no headline), so that the figures
below measure what the import wrote. It checks the sources, renders every page and data file the
builder writes (``builder.pipeline.render_pages``, the published site without
drafts), and prints, per source:

- ``events`` and ``figures``: its published entries;
- ``machine pub`` / ``machine draft``: published and draft records (the
  source itself, events, figures) that still name fields under ``machine:``
  (the check refuses the first, so a passing project has none);
- ``stated`` / ``published`` / ``unknown``: its event and figure citations
  whose report date is the one the entry states, the source's publication
  date, or unknown.

Then, over all generated files: how many of the texts named under
``machine:`` anywhere (drafts included; three words or more, so not an id
or a qualifier that published entries use too) appear in
them, and how many phrases that speak to an editor (``builder.review``).
Both must be 0 for the gate to hold. Last, the same count in the draft
preview (``build --drafts``), where the drafts are meant to show.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from builder.cli import main as builder_main
from builder.curate import curate
from builder.load import load_tree
from builder.model import SourceMeta
from builder.pipeline import check_only, render_pages
from builder.problems import Problems
from builder.render import render_site
from builder.review import TO_EDITOR


def machine_texts(meta: SourceMeta) -> list[str]:
    """Every text of three words or more the builder wrote and no one reviewed, in a source and its entries."""
    found = []
    for record in (meta, *meta.events, *meta.figures):
        for field in record.machine:
            value = getattr(record, field)
            values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
            found += [v for v in values if isinstance(v, str) and len(v.split()) >= 3]
    return found


def measure(root: Path) -> int:
    content, _ = check_only(root)
    site = curate(content)
    pages = render_pages(root)
    every: dict[str, SourceMeta] = {}
    for file in load_tree(root, Problems()).articles:
        if isinstance(file.data, dict):
            every[file.stem] = SourceMeta.model_validate(file.data)
    published = {s.id for s in content.sources}
    basis: dict[str, list[int]] = {sid: [0, 0, 0] for sid in every}
    for event in site.events:
        for c in event.citations:
            basis[c.source.id][0 if c.reported_stated else 1 if c.reported else 2] += 1
    for group in site.measures:
        for f in group.figures:
            basis[f.source.id][0 if f.reported_stated else 1 if f.reported else 2] += 1
    print(f"{'source':<52} {'events':>6} {'figures':>7} {'machine pub':>11} {'machine draft':>13} {'stated':>6} {'published':>9} {'unknown':>7}")
    totals = [0] * 7
    for sid, meta in sorted(every.items()):
        is_draft = meta.draft or sid not in published
        records = [(meta, is_draft), *((e, is_draft or e.draft) for e in meta.events), *((f, is_draft or f.draft) for f in meta.figures)]
        marked_pub = sum(1 for r, d in records if r.machine and not d)
        marked_draft = sum(1 for r, d in records if r.machine and d)
        events = 0 if is_draft else sum(1 for e in meta.events if not e.draft)
        figures = 0 if is_draft else sum(1 for f in meta.figures if not f.draft)
        row = [events, figures, marked_pub, marked_draft, *basis[sid]]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{sid[:52]:<52} {row[0]:>6} {row[1]:>7} {row[2]:>11} {row[3]:>13} {row[4]:>6} {row[5]:>9} {row[6]:>7}")
    print(f"{'total':<52} {totals[0]:>6} {totals[1]:>7} {totals[2]:>11} {totals[3]:>13} {totals[4]:>6} {totals[5]:>9} {totals[6]:>7}")
    texts = [t for meta in every.values() for t in machine_texts(meta)]
    generated = "\n".join(pages.values())
    leaked = [t for t in texts if t in generated]
    spoken = [m.group(0) for m in TO_EDITOR.finditer(generated)]
    print(f"generated files: {len(pages)}; machine-written texts: {len(texts)}, found in them: {len(leaked)}; phrases speaking to an editor found in them: {len(spoken)}")
    for text in leaked[:5]:
        print(f"  leaked: {text[:100]!r}")
    preview, _ = check_only(root, drafts=True)
    previewed = "\n".join(dict(render_site(curate(preview))).values())
    print(f"draft preview: machine-written texts shown in it: {sum(1 for t in texts if t in previewed)} of {len(texts)}")
    return 1 if leaked or spoken or totals[2] else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.review_gate")
    parser.add_argument("root", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--add", nargs="+", type=Path, default=[], metavar="FILE", help="saved pages or texts to import first, into a scratch copy")
    args = parser.parse_args(argv)
    if not args.add:
        return measure(args.root)
    with tempfile.TemporaryDirectory(prefix="review-gate-") as scratch:
        root = Path(scratch)
        shutil.copytree(args.root / "sources", root / "sources")
        shutil.copy(args.root / "mkdocs.yml", root / "mkdocs.yml")
        for i, page in enumerate(args.add, 1):
            given = ["add", str(page.resolve()), "--root", str(root)]
            if builder_main(given) != 0 and builder_main([*given, "--title", f"Imported text {i}"]) != 0:
                print(f"{page}: add refused it", file=sys.stderr)
                return 2
        return measure(root)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
