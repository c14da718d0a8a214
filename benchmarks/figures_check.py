"""Every figure's value read from its quote: the line of the trust report on figures.

Usage: ``python -m benchmarks.figures_check [ROOT]`` (default: this checkout)
loads and checks the project's ``sources/``, reads every published figure's
quote (``builder.readings.figure_readings``) and prints one line per figure —
its id, what the quote says, the value the figure gives, and whether the two
agree — then the total: "every figure's value read from its quote: N of M".
Exits 1 when any figure's value is not read from its quote (or the check
fails).
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.pipeline import check_only
from builder.problems import ContentError
from builder.readings import FigureReading, figure_readings


def report(root: Path) -> tuple[list[str], list[FigureReading]]:
    """The report's lines and the readings they show."""
    content, _ = check_only(root)
    rows = figure_readings(content.sources, content.measures)
    width = max((len(r.figure) for r in rows), default=0)
    lines = [
        f"{r.figure:<{width}}  {'ok ' if r.ok else 'BAD'}  {r.qualifier:<13} {r.value:<9} {'derived' if r.derived else '':<7}  the quote says: {r.words or '(no number)'}"
        for r in rows
    ]
    read = sum(1 for r in rows if r.ok)
    lines.append(f"every figure's value read from its quote: {read} of {len(rows)}")
    return lines, rows


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent
    try:
        lines, rows = report(root)
    except ContentError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
