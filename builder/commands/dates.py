"""Print every temporal expression in a plain-text file, one JSON object per line.

Each line: ``start``, ``end``, ``text``, ``kind`` and ``value``; ``anchor`` (``narrative`` or
``publication``) for an expression read against a date, ``interval`` for a duration with a start.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from builder import datefinder

NAME = "dates"
HELP = "list the dates and durations in a text file as JSON lines"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a UTF-8 plain-text file")
    parser.add_argument("--anchor", default=None, help="the document's date (YYYY-MM-DD, YYYY-MM or YYYY), for relative expressions such as 'on Thursday'")


def run(args: argparse.Namespace) -> int:
    anchor = datefinder.parse_anchor(args.anchor)
    if args.anchor is not None and anchor is None:
        print(f"error: --anchor {args.anchor!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)", file=sys.stderr)
        return 2
    path: Path = args.file
    try:
        raw = path.read_bytes()
    except OSError as err:
        print(f"error: {path}: {err.strerror or err} (give the path of a text file)", file=sys.stderr)
        return 2
    if b"\x00" in raw:
        print(f"error: {path}: a binary file, not text (give a UTF-8 text file)", file=sys.stderr)
        return 2
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        print(f"error: {path}: not valid UTF-8 at byte {err.start} (save the file as UTF-8)", file=sys.stderr)
        return 2
    out = sys.stdout
    for timex in datefinder.find(text, anchor):
        out.write(json.dumps(timex.as_json(), ensure_ascii=False) + "\n")
    return 0
