"""Command line: ``python -m builder COMMAND``.

Only parses arguments, runs library code and prints. Each command is a module
in :mod:`builder.commands` with ``NAME``, ``HELP``, ``configure(parser)`` and
``run(args) -> int``; this module registers them and turns content errors
into ``file:line: message`` lines. Exit codes: 0 success, 1 content problems
(or a failed site render), 2 usage error, 3 internal error.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path

from builder.commands import COMMANDS
from builder.problems import ContentError, Problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m builder", description="Check the sources and build the documentary site.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.__doc__)
        p.add_argument("--root", type=Path, default=Path("."), help="project folder holding mkdocs.yml and sources/ (default: current folder)")
        p.add_argument("--format", choices=("text", "github"), default="text", help="problem format: text (file:line: message) or github (workflow annotations)")
        command.configure(p)
        p.set_defaults(run=command.run)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    if not (args.root / "mkdocs.yml").is_file():
        print(f"error: {args.root / 'mkdocs.yml'} not found (run from the project folder or pass --root)", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except ContentError as err:
        print_problems(err.problems, args.format)
        errors = sum(1 for p in err.problems if p.severity == "error")
        print(f"{errors} error(s); nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except Exception:  # an internal bug, not a content mistake
        with tempfile.NamedTemporaryFile("w", prefix="builder-crash-", suffix=".txt", delete=False) as handle:
            traceback.print_exc(file=handle)
        print(f"internal error: the builder failed unexpectedly; the traceback is in {handle.name}", file=sys.stderr)
        return EXIT_INTERNAL


def print_problems(problems: tuple[Problem, ...] | list[Problem], fmt: str) -> None:
    """Problems to standard output, one line each."""
    for problem in problems:
        print(one_line(problem.github() if fmt == "github" else str(problem)))


def one_line(text: str) -> str:
    """``text`` safe for a terminal or a CI log: one line, no control or direction characters.

    Messages quote contributors' text and file names; a line break there could
    forge a second problem or a workflow command, and escape sequences could
    rewrite the terminal. Such characters are shown as ``\\uXXXX`` instead.
    """
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)
