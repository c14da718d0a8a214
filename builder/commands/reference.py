"""Print the field reference generated from builder/model.py, or write it into CONTRIBUTING.md."""

from __future__ import annotations

import argparse
import sys

from builder import reference
from builder.write import Writer

NAME = "reference"
HELP = "print the field reference, or update (--write) or check (--check) CONTRIBUTING.md"

GUIDE = "CONTRIBUTING.md"


def configure(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=f"replace the generated section of {GUIDE}")
    mode.add_argument("--check", action="store_true", help=f"exit 1 when {GUIDE} differs from the records")


def run(args: argparse.Namespace) -> int:
    block = reference.render()
    if not (args.write or args.check):
        sys.stdout.write(block)
        return 0
    path = args.root / GUIDE
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    try:
        wanted = reference.replace_block(current, block)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.check:
        if wanted != current:
            print(f"{GUIDE}: the field reference is out of date (run: python -m builder reference --write)", file=sys.stderr)
            return 1
        print(f"{GUIDE}: the field reference is up to date", file=sys.stderr)
        return 0
    writer = Writer(args.root, (GUIDE,))
    writer.add(GUIDE, wanted)
    report = writer.commit()
    print(f"{GUIDE}: {'updated' if report.written else 'already up to date'}", file=sys.stderr)
    return 0
