"""The mutation score of each mutated module, read from the results of the last mutmut run.

Run (after ``mutmut run``, see benchmarks/README.md): python benchmarks/mutation_score.py

Prints, for each module mutmut mutated, its mutants, how many were run, killed
(a test failed), timed out, survived and not run, and the share caught (killed
or timed out) of those run, as the Markdown table in benchmarks/README.md; then
the surviving mutants' names (``mutmut show NAME`` prints each). A timeout
counts as caught: the mutant made the tests loop, which a run would show.
Reads ``mutants/**/*.py.meta`` and mutmut's own table of what each exit code
means, so the figures are mutmut's.

With folders as arguments (``python benchmarks/mutation_score.py mutants /tmp/copy/mutants``),
reads each one's results: runs made in copies of the project, each over its own
mutants of the same code, are added up; a mutant with a result in two
folders counts once, with the result of the last folder named.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent


def main(folders: list[Path]) -> int:
    verdicts_by_module: dict[str, dict[str, int | None]] = {}
    for folder in folders:
        for meta in sorted(folder.rglob("*.py.meta")):
            module = meta.relative_to(folder).as_posix().removesuffix(".meta")
            found = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
            merged = verdicts_by_module.setdefault(module, {})
            for name, code in found.items():
                if code is not None or name not in merged:
                    merged[name] = code
    if not verdicts_by_module:
        print("no results: run mutmut first (benchmarks/README.md, Mutation testing)", file=sys.stderr)
        return 1
    print("| module | mutants | run | killed | timed out | survived | not run | caught of run |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    survivors: list[str] = []
    for module, verdicts in sorted(verdicts_by_module.items()):
        counts = Counter(status_by_exit_code[code] for code in verdicts.values())
        survivors += sorted((name for name, code in verdicts.items() if status_by_exit_code[code] == "survived"), key=_natural)
        total, not_run = len(verdicts), counts["not checked"]
        run = total - not_run
        caught = counts["killed"] + counts["timeout"]
        other = run - caught - counts["survived"]
        share = f"{100 * caught / run:.1f} %" if run else "–"
        note = f" ({other} other: {', '.join(f'{k} {v}' for k, v in counts.items() if k not in ('killed', 'timeout', 'survived', 'not checked'))})" if other else ""
        print(f"| {module} | {total:,} | {run:,} | {counts['killed']:,} | {counts['timeout']:,} | {counts['survived']:,} | {not_run:,} | {share}{note} |")
    print(f"\nSurvivors ({len(survivors)}):")
    for name in survivors:
        print(f"  {name}")
    return 0


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("_")
    return (stem, int(number) if number.isdigit() else 0)


if __name__ == "__main__":
    sys.exit(main([Path(arg).resolve() for arg in sys.argv[1:]] or [ROOT / "mutants"]))
