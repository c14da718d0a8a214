"""Add machine drafts of events, figures and glossary terms to a source file, each marked 'draft: true'.

Drafts are checked like any entry but never published; each names under
'machine:' the fields the drafting filled in. Accept one by reviewing those
fields and removing its 'machine:' and 'draft: true' lines (and, for an
event, writing its title and summary in your own words); reject one by
deleting it. Running suggest again
adds only what is not drafted yet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "suggest"
HELP = "draft events, figures and terms for a source file"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="the source: its file (sources/<id>.md) or its id")


def run(args: argparse.Namespace) -> int:
    from builder.suggest import SuggestError, known_in, suggest_text

    root: Path = args.root
    path = resolve_source(root, args.source)
    if path is None:
        print(f"error: no source {args.source!r} in {root / 'sources'} (give sources/<id>.md or the id)", file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"{rel}:1: cannot read the file ({err}) (save it as UTF-8 text)", file=sys.stderr)
        return 1
    try:
        result = suggest_text(path.stem, text, known_in(root, skip=path.stem))
    except SuggestError as err:
        print(f"{rel}:1: {err}", file=sys.stderr)
        return 1
    if result.text != text:
        path.write_text(result.text, encoding="utf-8")
    report(rel, result.drafts)
    return 0


def resolve_source(root: Path, given: str) -> Path | None:
    """The source file named by a path or an id."""
    candidates = [Path(given), root / given, root / "sources" / given, root / "sources" / f"{given}.md"]
    for candidate in candidates:
        if candidate.is_file() and candidate.suffix == ".md":
            return candidate.resolve()
    return None


def report(rel: str, drafts) -> None:
    """What was drafted and what the curator does next, on standard error."""
    counts = f"{len(drafts.events)} event(s), {len(drafts.figures)} figure(s), {len(drafts.terms)} term(s)"
    print(f"suggest: {rel}: drafted {counts}", file=sys.stderr)
    if drafts.new_measures:
        print(f"  new measures named by draft figures (add them to sources/measures.yml before accepting): {', '.join(drafts.new_measures)}", file=sys.stderr)
    if drafts.events or drafts.figures or drafts.terms:
        print(
            "  review each draft: check or rewrite every field its 'machine:' line names and delete that line, then accept it by deleting its 'draft: true' line "
            "(events also need a title and summary in your words); reject it by deleting the entry",
            file=sys.stderr,
        )
