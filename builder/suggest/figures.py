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
_AGED = re.compile(r"\b(?:aged|ages?(?:\s+of)?|aged\s+between|ages\s+of|between\s+the\s+ages\s+of|at)\s+$", re.IGNORECASE)
_YEARS_OLD = re.compile(r"(?:\s*(?:and|to|or|-|–)\s*\d+)?(?:\s+|-)(?:years?|months?)(?:\s+|-)(?:old|of\s+age)\b|-year-olds?\b|\s+(?:year-olds?|years?\s+of\s+age)\b", re.IGNORECASE)
"""An age: "aged 18", "18 years old", "18-year-olds" (the numbers of people's ages are not figures)."""
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:area|zone|sector|block|building|house|apartment|flat|room|street|avenue|district|camp|gate|platform|ward|cell|base|site"
    r"|plot|lot|quarter|hall|floor|checkpoint|kilometre|kilometer|km|height|hill|object|bunker|colony|prison|IK|IK-|SIZO|SIZO-)"
    r"|(?<=[a-z,]\s)[A-Z][a-z]+)\s*$"
)
"""A number in a name or an address: "area 55", "Camp 7", "penal colony 2" (not "some 55", a qualifier)."""
_CONVERSION = re.compile(r"\d[\d,.]*\s+[A-Za-z][A-Za-z ]{0,30}\(\s*$")
"""A number in brackets right after another with its unit is the same quantity converted ("160 km (60 miles)")."""
_PERIOD_PART = re.compile(r"(?:\b(?:first|second|third|fourth|last|final|latter|former)\s+)$", re.IGNORECASE)
_OF_TIME = re.compile(r"\s+of\s+(?:the\s+)?(?:this|next|last|that|the\s+following|the\s+previous)?\s*(?:year|month|week|decade|century|quarter|\d{4}|January|February|March|April|May|June|July|August|September|October|November|December)\b", re.IGNORECASE)
"""What makes a fraction part of a time ("the first half of next year", "half of 2024")."""
_ABBREVIATION = re.compile(r"\s+(?:[A-Z]\.){2,}|\s+[A-Z]{2,5}(?=\s)")
"""A leading abbreviation in the counted words ("13,000 U.S. troops", "500 EU observers"): it qualifies, it is not what is counted."""
_STOP = {
    "of", "in", "to", "for", "were", "was", "is", "are", "be", "been", "have", "has", "had", "and", "or", "who", "that",
    "which", "by", "on", "at", "from", "with", "as", "the", "a", "an", "this", "their", "its", "his", "her", "they",
    "it", "than", "into", "over", "per", "each", "every", "would", "could", "will", "may", "might", "said", "says",
    "after", "before", "since", "during", "while", "when", "if", "but", "so", "not", "no",
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
    counted: str = ""
    """What the figure counts, as a measure would name it: the counted noun phrase and what was done to it
    ("soldiers convicted", "deserters", "land recaptured"); never an abbreviation or a unit of measure alone."""


def find_figures(text: str, timexes: list[Timex] | tuple[Timex, ...] = ()) -> list[FoundFigure]:
    """Every figure in ``text``; numbers inside dates (``timexes`` of kind date or range) are not figures."""
    taken = sorted((t.start, t.end) for t in timexes if t.kind in ("date", "range"))
    anchored = {(t.start, t.end) for t in timexes if t.kind == "duration" and _places_in_time(text, t)}
    found: list[FoundFigure] = []
    for m in _PATTERN.finditer(text):
        start, end = m.span()
        number_start = m.start("range") if m["range"] else m.start("fraction") if m["fraction"] else m.start("single")
        if any(a < end and start < b for a, b in taken) or any(a <= number_start < b for a, b in anchored):
            continue
        before = text[max(0, number_start - 16) : number_start]
        if _IDENTIFIER.search(before) and not m["qual"]:
            continue
        if not m["qual"] and _PLACE_BEFORE.search(before) and not m["pct"] and not m["range"]:
            continue
        if _CONVERSION.search(text, max(0, number_start - 48), number_start):
            continue
        if _AGED.search(before) or _YEARS_OLD.match(text, m.end("range") if m["range"] else (m.end("pct") if m["pct"] else end)):
            continue
        if m["fraction"] and (_PERIOD_PART.search(text, max(0, start - 12), start) or _OF_TIME.match(text, end)):
            continue
        if m["fraction"] and not m["qual"] and re.search(r"\b[Tt]he\s+[a-z]+\s+$", text[max(0, start - 24) : start]) and not text.startswith(" of", end):
            continue  # "the eastern half": a part, not a share
        single = m["single"]
        if single is not None and not m["pct"] and single.isdigit() and len(single) <= 2 and _AGE.search(before) and re.match(r"\s*[,.)]", text[end : end + 2]):
            continue
        figure = _figure(text, m, start, end)
        if figure is not None:
            found.append(figure)
    return found


def _places_in_time(text: str, timex: Timex) -> bool:
    """Whether a duration says when rather than how long ("20 months into", "the past two years", "for three years from 1942")."""
    if timex.interval is not None or re.match(r"\s+(?:into|later|earlier|ago|after\s+the|since|to\s+the\s+day)\b", text[timex.end : timex.end + 16]):
        return True
    if re.match(r"(?i:the\s+)?(?:past|last|next|coming|previous|following|first|final)\b", timex.text):
        return True
    return bool(re.search(r"\b(?:within|in)\s+$", text[max(0, timex.start - 8) : timex.start]))


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
    around = _sentence_around(text, start, unit_end)
    if not percent and _TIME_UNIT.match(unit) and not _TERM_CONTEXT.search(text, *around) and not re.search(r"\bby\s+$", text[max(0, start - 4) : start]):
        return None  # a length of time that is not a sentence, a detention or a term of service says when, not how many
    if not percent and text[end : end + 1] == "-" and re.search(r"\b(?:a|an)\s+$", text[max(0, start - 4) : start]) and not _TIME_UNIT.match(unit + "s"):
        return None  # "a 500-character extract": the number describes a thing, it does not count
    counted = _share_of(text, end, start) if percent else _counted(text, start, unit, unit_end)
    if _TIME_UNIT.match(unit):
        counted = f"{_term_kind(text[around[0] : around[1]])} {unit}"
    return FoundFigure(start, end, text[start:end], value, low, high, qualifier, unit, rate, counted)


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
    skipped = _ABBREVIATION.match(text, end)
    if skipped:
        position = skipped.end()
    ends = [position]
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
    return " ".join(w.lower() for w in words), ends[-1] if words else end


_MEASURE_UNIT = re.compile(
    r"^(?:square\s+)?(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|hectares?|acres?|tons?|tonnes?|kilograms?|kg|grams?"
    r"|litres?|liters?|roubles?|rubles?|dollars?|euros?|hryvnias?|hryvnia|pounds?|usd|eur|rub)$"
)
"""Units of measure: a figure in one of them counts something else ("160 square kilometres of land")."""
_PLURAL = re.compile(r"^(?:[a-z’'\-]+s|men|women|people|children|personnel|police|staff|crew|militia|infantry|youth)$")
_IRREGULAR_DONE = frozenset("shot held taken sent caught hit killed wounded drafted hurt lost bought sold seen".split())
_NOT_DONE = frozenset(
    "said reported estimated claimed counted stated added noted published recorded found announced cited told "
    "according listed showed shown indicated suggested believed thought expected".split()
)
_PARTICIPLE_AFTER = re.compile(r"\s+(?:(?:were|was|had\s+been|have\s+been|has\s+been|are|being|been)\s+)?([a-z]+)\b")
_OF_NOUN = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?of\s+(?:the\s+)?([a-z][a-z\-]+(?:\s+(?!(?:had|has|have|was|were|is|are|been|which|that|and|or|in|on|at|by|to|from|for|with)\b)[a-z][a-z\-]+(?<!ed))?)")
_LEAD_WORDS = (
    r"(?:(?:a|an|the|some|about|around|nearly|almost|over|more\s+than|at\s+least|up\s+to|as\s+many\s+as|roughly|approximately"
    r"|an\s+estimated|no\s+more\s+than|no\s+fewer\s+than|fewer\s+than|less\s+than|at\s+most|just|only|a\s+total\s+of"
    r"|a\s+staggering|an\s+incredible|a\s+whopping|a\s+record|another|an\s+additional)\s+)*"
)
_VERB_BEFORE = re.compile(rf"\b([a-z]+(?:ed|ing))\s+{_LEAD_WORDS}$")
_SHARE_OF = re.compile(r"\s*(?:of\s+)(?:the\s+|all\s+|those\s+)?([a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2})")
_TIME_UNIT = re.compile(r"^(?:days?|weeks?|months?|years?|decades?)$")
_TERM_CONTEXT = re.compile(r"\b(?:sentenc|prison|jail|penal\s+colon|imprison|detention|detain|custody|arrest|term|serve|service|contract|rotation|probation|suspended)", re.IGNORECASE)
"""What makes a duration a figure: a sentence, a detention, a term of service ("six years in a penal colony");
a change ("raised by five years") is one too."""
_TERM_KINDS = (
    ("sentence", re.compile(r"sentenc|prison|jail|penal\s+colon|imprison|probation|suspended", re.IGNORECASE)),
    ("detention", re.compile(r"detention|detain|custody|arrest", re.IGNORECASE)),
    ("service", re.compile(r"serve|service|contract|rotation|term", re.IGNORECASE)),
)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence a figure is in, at most 100 characters before it and 40 after: what its words are about."""
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    after = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return max(before + 1, start - 100), min(min(after) if after else len(text), end + 40)


def _term_kind(words: str) -> str:
    """What a length of time is a length of ("sentence", "detention", "service"; "change" for "by five years")."""
    return next((kind for kind, pattern in _TERM_KINDS if pattern.search(words)), "change")


_ADJECTIVES = frozenset("additional more other further new total extra".split())
_NOUN_OF_BEFORE = re.compile(r"\b([a-z]+)\s+of\s+(?:(?:some|about|around|nearly|almost|over|more\s+than|at\s+least|up\s+to)\s+)?$")


def _done(word: str) -> str | None:
    """``word`` as a past participle if it is one ("convicted", "recaptured", "shot"), else ``None``."""
    word = word.lower()
    if word in _NOT_DONE:
        return None
    if word in _IRREGULAR_DONE or (word.endswith("ed") and len(word) > 4 and not word.endswith("eed")):
        return word
    return None


def _from_gerund(word: str) -> str | None:
    """A gerund turned into its participle ("convicting" -> "convicted"), for the regular verbs that allow it."""
    word = word.lower()
    if word.endswith("ed"):
        return _done(word)
    stem = word[:-3]
    if len(stem) < 3 or word in ("being", "having", "according", "including", "during", "bringing", "shooting", "holding", "taking", "sending", "catching", "hitting", "fighting", "putting", "seeking", "keeping", "leaving", "making", "telling", "finding", "giving", "running", "getting", "nothing", "something", "morning", "evening"):
        return None
    return _done(stem + ("d" if stem.endswith("e") else "ed"))


def _counted(text: str, start: int, unit: str, unit_end: int) -> str:
    """The words a measure is named from: the counted noun phrase and its participle, when the text gives one.

    The noun phrase runs to its first plural noun ("troops remain" is
    "troops"); a participle right after it, or a verb right before the number,
    says what was done to what is counted ("soldiers convicted"). A figure in
    a unit of measure counts what follows "of" ("160 square kilometres of land
    had been recaptured" counts "land recaptured").
    """
    words = unit.split()
    while len(words) > 1 and words[0] in _ADJECTIVES:
        words = words[1:]
    for i, word in enumerate(words):
        if _PLURAL.match(word):
            words = words[: i + 1]
            break
    noun = " ".join(words)
    end = unit_end if noun == unit else start + text[start:unit_end].lower().find(noun) + len(noun) if noun else unit_end
    if noun and _MEASURE_UNIT.match(noun):
        of = _OF_NOUN.match(text, end)
        if of is not None and of.group(1).split()[0] not in ("the", "a", "an", "which", "them", "it"):
            noun, end = of.group(1), of.end()
        else:
            before = _NOUN_OF_BEFORE.search(text, max(0, start - 40), start)
            if before is not None:
                return before.group(1)
    done = None
    after = _PARTICIPLE_AFTER.match(text, end)
    if after is not None:
        done = _done(after.group(1))
    if done is None:
        before = _VERB_BEFORE.search(text, max(0, start - 40), start)
        if before is not None:
            done = _from_gerund(before.group(1))
    if not noun:
        return done or ""
    if _MEASURE_UNIT.match(noun) and done is None:
        return ""
    return f"{noun} {done}" if done else noun


def _share_of(text: str, end: int, start: int) -> str:
    """What a percentage is a share of: the words after "of", else an earlier "N% of X" in the sentence ("only 15% to 18%")."""
    of = _SHARE_OF.match(text, end)
    if of is None:
        sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        earlier = list(re.finditer(r"%\s+of\s+(?:the\s+|all\s+|those\s+)?([a-z][a-z\-]*(?:\s+[a-z][a-z\-]*){0,2})", text[sentence_start:start]))
        if not earlier:
            return "percent"
        phrase = earlier[-1].group(1)
    else:
        phrase = of.group(1)
    words = []
    for word in phrase.split():
        if word in _STOP or word.endswith(("ed", "ing", "ly")):
            break
        words.append(word)
        if _PLURAL.match(word):
            break
    return "share of " + " ".join(words) if words else "percent"
