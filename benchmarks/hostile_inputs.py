"""How long the loader and the quote matcher take on hostile inputs of the largest allowed size.

Run: python benchmarks/hostile_inputs.py

Prints measured seconds for: YAML refused for nesting (flow and block,
900,000 levels), an alias bomb, a 2 MB frontmatter field, and the closest
passage of a 2,000-character quote that is not in a 2 MB text, next to the
character-by-character diff (difflib) it replaced, on texts small enough for
difflib to finish; and the figures check reading 2,000-character quotes made
of numbers, number words and dates.
"""

from __future__ import annotations

import difflib
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.load import MAX_FILE_BYTES, parse_yaml  # noqa: E402
from builder.model import FigureEntry  # noqa: E402
from builder.problems import Problems  # noqa: E402
from builder.quotes import QuoteIndex, normalize  # noqa: E402
from builder.readings import check_figure  # noqa: E402


def timed(label: str, call) -> float:
    start = time.perf_counter()
    call()
    seconds = time.perf_counter() - start
    print(f"{label:<60} {seconds:8.3f} s")
    return seconds


def difflib_closest(text: str, quote: str) -> str:
    """The matcher the quote check used before: difflib's longest match, character by character."""
    wanted = normalize(quote)
    matcher = difflib.SequenceMatcher(None, text, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(wanted))
    return text[max(0, match.a - match.b) : match.a - match.b + len(wanted)]


def main() -> None:
    deep = 900_000
    timed(f"YAML, flow nesting {deep:,} deep (refused)", lambda: parse_yaml("notes: " + "[" * deep, "x", 1, Problems()))
    timed(f"YAML, block nesting {deep:,} deep (refused)", lambda: parse_yaml("notes:\n" + "- " * deep + "x", "x", 1, Problems()))
    laughs = "l0: &l0 [lol]\n" + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 12))
    timed("YAML, alias bomb of 9^11 strings (refused)", lambda: parse_yaml(laughs, "x", 1, Problems()))
    timed(f"YAML, one field of {MAX_FILE_BYTES - 100:,} characters", lambda: parse_yaml("title: " + "x" * (MAX_FILE_BYTES - 100), "x", 1, Problems()))

    words = " ".join(f"word{i % 9973}" for i in range(300_000))
    quote = " ".join(f"word{i}" if i != 300 else "changed" for i in range(100, 400))[:2000]
    for size in (20_000, 200_000, MAX_FILE_BYTES):
        index = QuoteIndex(words[:size])
        timed(f"closest passage, 2,000-char quote, {size:,}-char text", lambda: index.closest(quote, context=10))
        if size <= 200_000:
            timed("  difflib (before), same text", lambda: difflib_closest(index.text, quote))
    index = QuoteIndex("ab" * (MAX_FILE_BYTES // 2))
    timed("closest passage, 'a' x 2,000 in 'ab' x 1,000,000", lambda: index.closest("a" * 2000))
    for label, text in (("1,000 numbers", "1 2 3 4 5 " * 200), ("500 number words", "one " * 500), ("200 'a hundred'", "a hundred " * 200), ("110 dates", "on 1 May 1942 and " * 110)):
        entry = FigureEntry(id="f", measure="m", value=7, quote=text[:2000])
        timed(f"figure read from a 2,000-char quote of {label}", lambda entry=entry: check_figure(entry, "soldiers"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'peak resident memory of this process':<60} {peak / 1024:8.0f} MB")


if __name__ == "__main__":
    main()
