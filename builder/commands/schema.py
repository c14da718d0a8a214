"""Write the JSON Schema files for editors into schemas/, generated from builder/model.py, or check that they are current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder import schema
from builder.write import Writer

NAME = "schema"
HELP = "check (default) or update (--write) the editor schemas in schemas/"


def configure(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the schema files (the default only checks them)")
    mode.add_argument("--check", action="store_true", help="exit 1 when a schema file is missing or out of date (the default)")


def run(args: argparse.Namespace) -> int:
    files = schema.render()
    if args.write:
        writer = Writer(args.root, (f"{schema.FOLDER}/",))
        for path, text in files.items():
            writer.add(path, text)
        report = writer.commit()
        for path in (*report.written, *report.removed):
            print(f"{path}: {'written' if path in report.written else 'removed'}", file=sys.stderr)
        print(f"schemas: {len(report.written)} written, {report.unchanged} unchanged, {len(report.removed)} removed", file=sys.stderr)
        return 0
    stale = sorted(path for path, text in files.items() if _read(args.root / path) != text)
    folder = args.root / schema.FOLDER
    extra = sorted(p.relative_to(args.root).as_posix() for p in folder.glob("*.schema.json")) if folder.is_dir() else []
    stale += [path for path in extra if path not in files]
    for path in stale:
        print(f"{path}: out of date (run: python -m builder schema --write)", file=sys.stderr)
    if stale:
        return 1
    print(f"schemas: {len(files)} up to date", file=sys.stderr)
    return 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
