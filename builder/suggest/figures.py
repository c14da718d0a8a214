"""Find figures in English text: numbers with their qualifier, range, unit and what they count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.datefinder import Timex
from builder.numbers import QUALIFIERS, STATED

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
_FRACTIONS = {"half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "three-quarters": 75.0, "three quarters": 75.0}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mln": 1e6, "bn": 1e9}
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_WORDNUM = "|".join(sorted(_WORDS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:(?:{_DIGITS})(?:\s*(?:{'|'.join(_SCALES)})\b)?|(?:{_WORDNUM})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?(?:\s+(?:thousand|million|billion)\b)?)"
_PCT = r"(?:\s*%|\s+per\s*cent\b|\s+percent\b)"
_FRACTION = "|".join(sorted((re.escape(f) for f in _FRACTIONS), key=len, reverse=True))

_PATTERN = re.compile(
    rf"""
    (?<![\w/.\-£$€#])
    (?:(?P<qual>{_QUAL})\s+)?
    (?:
      (?P<range>(?:(?P<lead>between|from)\s+)?(?P<low>{_NUMBER})(?P<lowpct>{_PCT})?\s*(?:and|to|-|–)\s*(?P<high>{_NUMBER})(?P<highpct>{_PCT})?)
    | (?P<fraction>{_FRACTION})
    | (?P<single>{_NUMBER})(?P<pct>{_PCT})?
    )
    (?![\w/]|\.\d|-(?:year|month|day)s?-old)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"(?:\b(?:No|Nos|Article|Art|Directive|Order|Decree|Resolution|Law|number|Unit|page|pp?|Section|Chapter|Paragraph|Item|Part|Flight|Route|Highway|Ctrl|Alt)\.?\s*|[#№§]\s*)$", re.IGNORECASE)
_AGE = re.compile(r"[A-Z][a-z]+,\s*$")
_STOP = {
    "of", "in", "to", "for", "were", "was", "is", "are", "be", "been", "have", "has", "had", "and", "or", "who", "that",
    "which", "by", "on", "at", "from", "with", "as", "the", "a", "an", "this", "their", "its", "his", "her", "they",
    "it", "than", "into", "over", "per", "each", "every", "would", "could", "will", "may", "might", "said", "says",
    "had", "after", "before", "since", "during", "while", "when", "if", "but", "so", "not", "no",
}
_RATE = re.compile(r"\s*(?P<rate>per\s+(?:day|week|month|year)|a\s+(?:day|week|month|year)|each\s+(?:day|week|month|year)|daily|weekly|monthly|annually|yearly)\b", re.IGNORECASE)
_RATE_UNIT = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
_NOUN_WORD = re.compile(r"\s+(?:[\"“‘']?)([A-Za-z][A-Za-z’'\-]*)")


@dataclass(frozen=True)
class FoundFigure:
    """A number the text states, with what it counts as far as the words show."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    """The words after the number that say what it counts ("soldiers", "square kilometres"); "percent" for shares."""
    rate: str | None
    """``day``, ``week``, ``month`` or ``year`` for a rate ("per week", "annually")."""


def find_figures(text: str, timexes: list[Timex] | tuple[Timex, ...] = ()) -> list[FoundFigure]:
    """Every figure in ``text``; numbers inside dates (``timexes`` of kind date or range) are not figures."""
    taken = sorted((t.start, t.end) for t in timexes if t.kind != "duration")
    anchored = {(t.start, t.end) for t in timexes if t.kind == "duration" and re.match(r"\s+(?:into|later|earlier|ago|after\s+the|since)\b", text[t.end : t.end + 14])}
    found: list[FoundFigure] = []
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        number_start = m.start("range") if m["range"] else m.start("fraction") if m["fraction"] else m.start("single")
        if any(a < end and start < b for a, b in taken) or any(a <= number_start < b for a, b in anchored):
            continue
        before = text[max(0, number_start - 16) : number_start]
        if _IDENTIFIER.search(before) and not m["qual"]:
            continue
        single = m["single"]
        if single is not None and not m["pct"] and single.isdigit() and len(single) <= 2 and _AGE.search(before) and re.match(r"\s*[,.)]", text[end : end + 2]):
            continue
        figure = _figure(text, m, start, end)
        if figure is not None:
            found.append(figure)
    return found


def _figure(text: str, m: re.Match[str], start: int, end: int) -> FoundFigure | None:
    qualifier = QUALIFIERS.get(" ".join((m["qual"] or "").lower().split()), STATED)
    value = low = high = None
    percent = False
    if m["range"]:
        low, high = _number(m["low"]), _number(m["high"])
        if low is None or high is None or low >= high:
            return None
        percent = bool(m["lowpct"] or m["highpct"])
    elif m["fraction"]:
        value = _FRACTIONS[" ".join(m["fraction"].lower().split())]
        percent = True
    else:
        value = _number(m["single"])
        if value is None:
            return None
        percent = bool(m["pct"])
    unit, unit_end = ("percent", end) if percent else _unit_after(text, end)
    if not percent and m["fraction"] is None and _is_bare_small_word(m) and (unit == "" or (m["single"] or "").lower() == "one"):
        return None
    rate_match = _RATE.match(text, unit_end)
    rate = None
    if rate_match:
        words = rate_match["rate"].lower().split()
        rate = _RATE_UNIT.get(words[0], words[-1])
    return FoundFigure(start, end, text[start:end], value, low, high, qualifier, unit, rate)


def _is_bare_small_word(m: re.Match[str]) -> bool:
    """A number word with nothing counted after it ("the two of them") is too vague to draft."""
    single = m["single"] or ""
    return single.lower() in _WORDS and (single.lower() == "one" or m["qual"] is None)


def _number(words: str) -> float | None:
    words = " ".join(words.lower().split())
    scale = 1.0
    for name, factor in _SCALES.items():
        if words.endswith(name):
            scale = factor
            words = words[: -len(name)].strip()
            break
    if not words:
        return None
    if words[0].isdigit():
        return float(words.replace(",", "")) * scale
    total = 0.0
    for part in words.split("-"):
        if part not in _WORDS:
            return None
        total += _WORDS[part]
    return total * scale


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """The counted noun phrase after a number: up to four words, stopping at function words."""
    words: list[str] = []
    position = end
    if text[end : end + 1] == "-":
        # "500-character extract": the hyphenated word is the unit.
        m = re.match(r"-([A-Za-z]+)", text[end:])
        if m:
            return m.group(1).lower(), end + m.end()
    ends = [end]
    while len(words) < 4:
        m = _NOUN_WORD.match(text, position)
        if not m:
            break
        word = m.group(1)
        if word.lower() in _STOP or (words and word[0].isupper() and not words[-1][0].isupper()):
            break
        words.append(word)
        position = m.end()
        ends.append(position)
    while words and words[-1].lower().endswith(("ed", "ing", "ly")) and len(words) > 1:
        words.pop()
        ends.pop()
    if words and words[0].lower().endswith(("ed", "ly")) and len(words) == 1:
        return "", end
    return " ".join(w.lower() for w in words), ends[-1]
