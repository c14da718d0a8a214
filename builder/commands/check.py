"""Validate every file under sources/ and every quote; write nothing."""

from __future__ import annotations

import argparse
import sys

from builder.pipeline import check_only

NAME = "check"
HELP = "validate the sources; write nothing"


def configure(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from builder.cli import print_problems

    _, warnings = check_only(args.root)
    print_problems(warnings, args.format)
    print("check: ok", file=sys.stderr)
    return 0
