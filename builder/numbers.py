"""Read the numbers a passage states: value or range, qualifier, percent, unit words and rate.

The figures check (:mod:`builder.figure_check`) compares each figure with
what its quote says, so this reader keeps to what the words settle: digits
with separators ("10,000", "10 000", "1.5 million"), numbers in words ("ten
thousand", "a hundred and twenty", "two-thirds", read by the ``numerizer``
library), ranges ("between 49,000 and 50,000", "15% to 18%") and the words
that qualify a number ("nearly", "more than", "up to"). Vague quantities
("hundreds", "tens of thousands") are read as vague: they state no single
number. Numbers inside dates ("18 July 2023") and identifiers ("Order No.
227") are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from numerizer import numerize

from builder import datefinder

QUALIFIERS = {
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "nearly all": "nearly",
    "about": "approximately", "around": "approximately", "approximately": "approximately", "roughly": "approximately",
    "some": "approximately", "an estimated": "approximately", "estimated": "approximately", "approx.": "approximately",
    "over": "more-than", "more than": "more-than", "upwards of": "more-than", "just over": "more-than", "in excess of": "more-than",
    "at least": "at-least", "no fewer than": "at-least", "no less than": "at-least", "a minimum of": "at-least", "minimum": "at-least",
    "no more than": "at-most", "not more than": "at-most", "at most": "at-most", "fewer than": "at-most", "less than": "at-most",
    "under": "at-most", "a maximum": "at-most", "a maximum of": "at-most", "maximum": "at-most",
    "up to": "up-to", "as many as": "up-to",
    "exactly": "exact", "precisely": "exact",
}
"""Words before a number and the qualifier they give it ("some 25,878" is approximately 25,878)."""
_AFTER = {"or more": "at-least", "or over": "at-least", "or fewer": "at-most", "or less": "at-most", "or so": "approximately"}
"""Words after a number that qualify it ("100 or more")."""

STATED = "stated"
"""The qualifier of a number the words give without one: shown as the source states it, not as exact."""

_CARDINAL = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_SCALE = "hundred|thousand|million|billion|trillion"
_FRACTION = "half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|eighths?|tenths?"
_VAGUE = "hundreds|thousands|millions|billions|dozens|tens|scores"
_TOKEN = re.compile(rf"\b(?:(?P<vague>{_VAGUE})|(?P<word>{_CARDINAL}|{_SCALE}|{_FRACTION}|dozen))\b", re.IGNORECASE)
_DIGITS = re.compile(r"(?<![\w.,/])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\w/]|[.,]\d)")
_DIGIT_SCALE = re.compile(r"\s*(?P<scale>million|billion|thousand|mln|bn)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9}
_WORD_GAP = re.compile(r"[\s-]+", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+(?:an?\s+)?", re.IGNORECASE)
_VAGUE_GAP = re.compile(r"\s+of\s+", re.IGNORECASE)
_ARTICLE = re.compile(r"\b(?:an?)\s+$", re.IGNORECASE)
_PERCENT = re.compile(r"\s*%|\s+per\s*cent\b|\s+percent\b", re.IGNORECASE)
_RANGE_GLUE = re.compile(r"\s*(?:-|–|—|to|and)\s*", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_QUALIFIER = re.compile(r"\b(?P<q>" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(r"\s+(?P<q>" + "|".join(re.escape(q) for q in _AFTER) + r")\b", re.IGNORECASE)
_IDENTIFIER = re.compile(
    r"(?:\b(?:No|Nos|Article|Art|Directive|Order|Decree|Resolution|Law|number|Unit|page|pp?|Section|Chapter|Paragraph|Item|Part|Division|Brigade|Regiment)\.?\s*|[#№§]\s*)$",
    re.IGNORECASE,
)
_UNIT_WORDS = re.compile(r"(?:-|\s+)(?:[\"“‘'(]?)([A-Za-z][A-Za-z’'²]*)")
_RATE = re.compile(
    r"\b(?:per|a|an|each|every)\s+(?P<unit>day|week|month|year)\b|\b(?P<adverb>daily|weekly|monthly|annually|yearly)\b", re.IGNORECASE
)
_RATE_ADVERB = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
_CLAUSE_END = re.compile(r"[.;:!?]|,\s|\s[–—]\s")
_RATE_REACH = 60
"""How far after a number, in characters, its rate is looked for."""


@dataclass(frozen=True)
class Reading:
    """One number, or range, that a passage states, with what the words say about it."""

    start: int
    end: int
    """Where the words are in the passage, qualifier included."""
    words: str
    """The words as the passage writes them: 'nearly 100', 'between three and ten'."""
    value: float | None
    """The number, when the words give one (a fraction as its ratio: 'a third' is 0.333…)."""
    low: float | None
    high: float | None
    """The ends, when the words give a range."""
    qualifier: str
    """``stated`` when the words give none; else one of the qualifiers in :data:`QUALIFIERS`."""
    percent: bool = False
    """'65%', '15% to 18%', 'ten per cent'."""
    fraction: bool = False
    """'a third', 'two-thirds', 'half': a share, not a count."""
    vague: bool = False
    """'hundreds', 'tens of thousands': no single number."""
    unit: str = ""
    """Up to three words after the number, lowercased ('square kilometres (60')."""
    rate: str | None = None
    """``day``, ``week``, ``month`` or ``year`` when the clause states a rate ('per week', 'annually')."""

    def numbers(self) -> tuple[float, ...]:
        """The numbers the words give: the value, or both ends of the range."""
        if self.value is not None:
            return (self.value,)
        if self.low is not None and self.high is not None:
            return (self.low, self.high)
        return ()


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float | None
    fraction: bool = False
    vague: bool = False


def read(text: str, timexes: Sequence[datefinder.Timex] | None = None) -> list[Reading]:
    """Every number or range ``text`` states, in order.

    Args:
        text: English text.
        timexes: ``datefinder.find(text)``, when the caller has it already.
    """
    found = datefinder.find(text) if timexes is None else timexes
    dated = [(t.start, t.end) for t in found if t.kind != "duration"]
    numbers = [n for n in _numbers(text) if not any(a < n.end and n.start < b for a, b in dated)]
    readings: list[Reading] = []
    i = 0
    while i < len(numbers):
        number = numbers[i]
        following = numbers[i + 1] if i + 1 < len(numbers) else None
        percent = _PERCENT.match(text, number.end)
        glue = _RANGE_GLUE.fullmatch(text, percent.end() if percent else number.end, following.start) if following else None
        lead = _RANGE_LEAD.search(text, max(0, number.start - 12), number.start)
        is_range = (
            following is not None
            and glue is not None
            and not number.vague
            and not following.vague
            and number.fraction == following.fraction
            and (glue.group().strip().lower() != "and" or lead is not None)
        )
        if is_range and following is not None:
            reading = _reading(text, number, following, lead.start() if lead else number.start)
            i += 2
        else:
            reading = _reading(text, number, None, number.start)
            i += 1
        if reading is not None:
            readings.append(reading)
    return readings


def _numbers(text: str) -> list[_Number]:
    """The numbers in digits and in words, in order, before dates and identifiers are set aside."""
    found: list[_Number] = []
    for m in _DIGITS.finditer(text):
        value = float(re.sub(r"[,\s\u00a0\u202f]", "", m.group()))
        end = m.end()
        scale = _DIGIT_SCALE.match(text, end)
        if scale:
            value *= _SCALES[scale["scale"].lower()]
            end = scale.end()
        found.append(_Number(m.start(), end, value))
    taken = [(n.start, n.end) for n in found]
    for start, end, vague in _word_runs(text):
        if any(a < end and start < b for a, b in taken):
            continue
        if vague:
            found.append(_Number(start, end, None, vague=True))
            continue
        worded, fraction = _words_value(text[start:end])
        if worded is not None:
            found.append(_Number(start, end, worded, fraction=fraction))
    found.sort(key=lambda n: n.start)
    return [n for n in found if not _IDENTIFIER.search(text, max(0, n.start - 16), n.start)]


def _word_runs(text: str) -> list[tuple[int, int, bool]]:
    """Runs of number words: (start, end, vague); 'a hundred and twenty' is one run, 'three and ten' two."""
    runs: list[list] = []
    for m in _TOKEN.finditer(text):
        token = m.group().lower()
        vague = m["vague"] is not None
        if runs:
            last = runs[-1]
            gap = text[last[1] : m.start()]
            joined = (
                (_WORD_GAP.fullmatch(gap) and not last[2] and not vague)
                or (_AND_GAP.fullmatch(gap) and (last[3] in _SCALE.split("|") or re.fullmatch(_FRACTION, token)))
                or (_VAGUE_GAP.fullmatch(gap) and last[2] and vague)
                or (gap.strip() == "" and last[2] and vague)
            )
            if joined:
                last[1], last[3] = m.end(), token
                last[2] = last[2] or vague
                continue
        start = m.start()
        article = _ARTICLE.search(text, max(0, start - 4), start)
        if article and not vague and re.fullmatch(rf"{_SCALE}|{_FRACTION}|dozen", token):
            start = article.start()
        runs.append([start, m.end(), vague, token])
    return [(start, end, vague) for start, end, vague, _ in runs]


def _words_value(words: str) -> tuple[float | None, bool]:
    """The value of a run of number words, and whether it is a fraction; ``None`` when the words do not compose."""
    out = numerize(words).strip()
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)\s*dozen", out):
        return float(m.group(1)) * 12, False
    if m := re.fullmatch(r"(\d+)/(\d+)", out):
        return int(m.group(1)) / int(m.group(2)), True
    if re.fullmatch(r"\d+(?:\.\d+)?", out):
        return float(out), False
    return None, False


def _reading(text: str, first: _Number, second: _Number | None, start: int) -> Reading | None:
    end = (second or first).end
    qualifier = STATED
    if m := _QUALIFIER.search(text, max(0, start - 24), start):
        qualifier = QUALIFIERS[" ".join(m["q"].lower().split())]
        start = m.start("q")
    percent = _PERCENT.match(text, first.end) is not None
    if second is not None:
        percent = percent or _PERCENT.match(text, second.end) is not None
    if m := _PERCENT.match(text, end):
        end = m.end()
    if qualifier == STATED and (m := _QUALIFIER_AFTER.match(text, end)):
        qualifier = _AFTER[" ".join(m["q"].lower().split())]
        end = m.end()
    unit = " ".join(w.lower() for w in _unit_words(text, end))
    # The rate is said in the words that follow, within the clause ("nearly 100 soldiers per week").
    reach = min(len(text), end + _RATE_REACH)
    clause = _CLAUSE_END.search(text, end, reach)
    rate = _RATE.search(text, end, clause.start() if clause else reach)
    if second is not None:
        return Reading(start, end, text[start:end], None, first.value, second.value, qualifier, percent, first.fraction, False, unit, _rate(rate))
    return Reading(start, end, text[start:end], first.value, None, None, qualifier, percent, first.fraction, first.vague, unit, _rate(rate))


def _unit_words(text: str, end: int) -> list[str]:
    words: list[str] = []
    position = end
    while len(words) < 3 and (m := _UNIT_WORDS.match(text, position)):
        words.append(m.group(1))
        position = m.end()
    return words


def _rate(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return m["unit"].lower() if m["unit"] else _RATE_ADVERB[m["adverb"].lower()]
