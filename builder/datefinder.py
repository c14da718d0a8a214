"""Find temporal expressions in English text and normalize them to EDTF or ISO 8601 durations.

A rule-based tagger in the manner of HeidelTime and SUTime: one compiled
pattern finds candidate expressions, a handler per kind turns each into a
value. An expression the text does not date by itself is read against one of
two dates, and says which (:attr:`Timex.basis`): the *narrative* reference,
the date the text last established ("On 28 July" after "In June 1942", "the
next day", "that autumn"), or the *publication* date, the article's own
present ("yesterday", "last week", "on Thursday", "runs until 30 November").
A date is never guessed: what the text and its dates do not settle keeps
``X`` digits (``XXXX-09-25``) or has no value at all.

What counts is what the TimeML (TIMEX3) guidelines count: dates, durations,
sets (frequencies: "every week", "400 a day") and references ("now",
"currently", "the past", "at the time"), which have no value here.
Conventions (also those of the hand-annotated gold set in ``tests/gold/``):
modifiers such as "early" or "late" belong to the expression but not to its
value ("early June 2025" is ``2025-06``); a range is one expression
("between early June and early July" is ``2025-06/2025-07``); durations with a
count are ISO 8601 durations (``P20M``), a range of them is written
``P3Y/P10Y``, and those without one have TimeML's ``X`` (``PXM`` for "a few
months", ``PXDE`` for "decades"); years before the common era are EDTF's
astronomical years (44 BC is ``-0043``), centuries ``18XX``. Ages
("14-year-old") are not temporal expressions here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

__all__ = ["Anchor", "Timex", "find", "parse_anchor"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
}
UNITS = {"day": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y", "decade": "Y", "century": "Y"}
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_FULL_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)"
_MOD = r"(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+(?:end|start|beginning|middle)\s+of)"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
_ORDINAL = r"(?:[12]?[0-9](?:st|nd|rd|th)|(?i:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + "))"
_NUMWORD = "|".join(sorted((w for w in NUMBERS if w not in ("a", "an")), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:\.\d+)?|(?i:(?:{_NUMWORD})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)|[Aa]\s+(?:hundred|thousand))"
_UNIT = r"(?:day|week|fortnight|month|year|decade|century|centuries)s?"
_B = r"(?<![\w\-/.,])"
"""Start boundary: not inside a word, a number, or an id such as No. 227 / 1942."""
_E = r"(?![\w%]|[.,]\d|-(?:year|month|day|week)-?old)"
"""End boundary: not followed by word characters, decimals, a percent sign or an age."""

_PATTERN = re.compile(
    rf"""
    {_B}(?:
      (?P<era>(?:(?P<era_d>{_DAY})\s+(?P<era_m>{_MONTH})\s+|(?P<era_m1>{_MONTH})\s+)?(?P<era_y>[1-9][0-9]{{0,3}})\s*(?P<era_suf>BCE|B\.C\.E\.|BC|B\.C\.|CE|C\.E\.|AD|A\.D\.)(?!\w)|(?:AD|A\.D\.)\s*(?P<era_y2>[1-9][0-9]{{0,3}}))
    | (?P<century>(?:the\s+)?(?:(?:{_MOD})[\s-]+)?(?P<cen_n>{_ORDINAL})[\s-]+[Cc]entury(?:\s+(?P<cen_era>BCE|BC|B\.C\.|CE|AD|A\.D\.))?)
    | (?P<pastdur>(?:[Tt]he\s+)?(?P<pd_w>[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Pp]revious|[Ff]ollowing|[Ff]irst|[Ff]inal)\s+(?P<pd_n>{_NUM}|few|several|couple\s+of)\s+(?P<pd_u>{_UNIT}))
    | (?P<endof>[Tt]he\s+(?:end|start|beginning|middle|close|turn|rest)\s+of\s+(?:the|that)\s+(?P<eo_u>week|month|year|decade|century))
    | (?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])(?:-(?P<iso_d>0[1-9]|[12][0-9]|3[01]))?)
    | (?P<dmy>(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<dmy_d>{_DAY})(?:\s*[-–]\s*(?P<dmy_d2>{_DAY}))?(?:\s+of)?\s+(?P<dmy_m>{_MONTH})(?:,?\s+(?P<dmy_y>{_YEAR}))?)
    | (?P<mdy>(?:{_WEEKDAY},?\s+)?(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY})(?:\s*[-–]\s*(?P<mdy_d2>{_DAY}))?(?:,?\s+(?P<mdy_y>{_YEAR}))?(?![\d,]*\d))
    | (?P<my>(?:(?P<my_mod>{_MOD})[\s-]+)?(?P<my_m>{_MONTH})(?:\s+of)?,?\s+(?:(?P<my_y>{_YEAR})|(?P<my_rel>this|last|next|that|the\s+same|the\s+following|the\s+previous)\s+year))
    | (?P<sy>(?:(?P<sy_mod>{_MOD})[\s-]+)?(?:the\s+)?(?P<sy_s>{_SEASON}|[Ff]all)(?:\s+of)?,?\s+(?P<sy_y>{_YEAR}))
    | (?P<decade>(?:the\s+)?(?:(?:{_MOD})[\s-]+)?(?P<dec_y>1[0-9]{{2}}0|20[0-9]0)'?s)
    | (?P<yrange>(?P<yr_a>{_YEAR})\s*[-–—/]\s*(?P<yr_b>{_YEAR}|[0-9]{{2}}))
    | (?P<myear>(?P<myear_mod>{_MOD})[\s-]+(?P<myear_y>{_YEAR}))
    | (?P<ago>(?P<ago_n>{_NUM}|[Aa]n?|[Aa]\s+few|[Ss]everal)\s+(?P<ago_u>{_UNIT})\s+(?P<ago_dir>ago|later|earlier))
    | (?P<durrange>(?P<dr_a>{_NUM})\s+(?:and|to|or|-|–)\s+(?P<dr_b>{_NUM})(?:\s+|-)(?P<dr_u>{_UNIT}))
    | (?P<rel>(?P<rel_w>[Ll]ast|[Tt]his|[Nn]ext|[Tt]hat(?:\s+same)?|[Tt]he\s+(?:previous|following|next|same|preceding))\s+(?P<rel_u>day|week|month|year|morning|afternoon|evening|night|{_SEASON}|fall|{_WEEKDAY}|{_FULL_MONTH}))
    | (?P<set>(?:[Ee]very|[Ee]ach|[Pp]er)\s+(?:(?P<set_n>{_NUM}|few|couple\s+of)\s+)?(?P<set_u>day|week|fortnight|month|year)s?|[Aa]nnually|(?P<set_adv>[Dd]aily|[Ww]eekly|[Mm]onthly|[Yy]early)(?=\s*[.,;:!?)]|\s+(?:and|or)\b|$))
    | (?P<ref>[Nn]ow|[Cc]urrently|[Nn]owadays|[Aa]t\s+present|[Tt]he\s+present\s+day|[Tt]he\s+past|[Tt]he\s+future|[Rr]ecently|[Aa]t\s+the\s+time|[Tt]hese\s+days|[Ff]ormerly|[Pp]reviously|[Ii]n\s+recent\s+(?:days|weeks|months|years))
    | (?P<dayword>[Yy]esterday|[Tt]oday|[Tt]omorrow)
    | (?P<weekday>(?P<wd_w>{_WEEKDAY}))
    | (?P<month>(?:(?P<mo_mod>{_MOD})[\s-]+)?(?P<mo_m>{_FULL_MONTH}))
    | (?P<season>(?:(?P<se_mod>{_MOD})[\s-]+(?:the\s+)?)?(?P<se_s>{_SEASON}))
    | (?P<adur>an?\s+(?P<adur_u>day|week|fortnight|month|year|decade|century)(?=\s+(?:before|after|earlier|later|ago)\b|[^\w\s-]|\s+(?!old)|$))
    | (?P<vdur>(?:(?P<vd_q>[Aa]\s+few|[Ss]everal|[Mm]any|[Aa]\s+couple\s+of|[Ss]ome|[Hh]undreds\s+of|[Tt]housands\s+of)\s+)?(?P<vd_u>days|weeks|months|years|decades|centuries))
    | (?P<dur>(?P<dur_n>{_NUM})(?:\s+|-)(?:(?:more|full|long|consecutive|calendar)\s+)?(?P<dur_u>{_UNIT}))
    | (?P<year>{_YEAR})
    | (?P<year3>[1-9][0-9]{{1,2}})
    ){_E}
    """,
    re.VERBOSE,
)

_WORD = re.compile(r"\w+")
_ANCHOR = re.compile(
    r"\b(?:[0-9]|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today|tomorrow"
    r"|spring|summer|autumn|winter|fall|days?\b|weeks?\b|fortnights?\b|months?\b|years?\b|decades?\b|centur"
    r"|now\b|nowadays|currently|at\s+present\b|the\s+(?:past|future|present\s+day|time)\b|recent|formerly|previously|annually|yearly|daily|weekly"
    r"|monthly|morning|afternoon|evening|night\b|ad\b))"
)
"""Words of which every temporal expression contains one: digits, month and weekday names, seasons, units of time."""
_BEHIND = 5
"""How many words before its anchor word an expression may start ("the end of the summer")."""
_REACH = 64
"""How far back, in characters, those words are looked for."""
_BEFORE_YEAR = re.compile(r"(?:\b(?:No|Nos|Article|Art|number|Order|Directive|Resolution|Decree|Law|Unit|Division|Brigade|Regiment|Section|page|p|pp|§|#)\.?\s*$|[$€£]\s*$)", re.IGNORECASE)
_AFTER_YEAR = re.compile(r"\s+(?:soldiers|troops|people|men|women|deserters|cases|names|kilomet|km|miles|square|per\s|percent|tons|tonnes|rubles|roubles|dollars|euros)", re.IGNORECASE)
_MAY_CONTEXT = re.compile(r"(?:\b(?:in|since|by|until|till|from|during|through|of|to|and|or|between|before|after|last|this|next|early|mid|late|that|each|every|throughout)\s+|-)$", re.IGNORECASE)
_SEASON_CONTEXT = re.compile(r"\b(?:in|since|by|until|till|from|during|through|of|to|and|between|before|after|throughout|over|this|last|next|that|the|early|late|mid)[\s-]+$", re.IGNORECASE)
_A_DURATION_BEFORE = re.compile(r"\b(?:than|for|over|within|about|nearly|almost|after|least)\s+$", re.IGNORECASE)
_A_DURATION_AFTER = re.compile(r"\s+(?:before|after)\b")
_FUTURE = re.compile(r"\b(?:will|would|shall|due|expected|scheduled|planned|plans?|next|upcoming)\b[^.!?\n]*$", re.IGNORECASE)
_RANGE_GLUE = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*$")
_RANGE_LEAD = re.compile(r"(?:\b(?:[Bb]etween|[Ff]rom))\s+$")
_A_SET_BEFORE = re.compile(r"(?:\d|\b(?:once|twice|times|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million))(?:\s+(?!for\b|over\b|within\b|than\b|about\b)[a-z]+){0,3}\s+$", re.IGNORECASE)
"""A count shortly before "a day" makes it a frequency ("400 a day", "one cup of coffee a month")."""
_VAGUE_BEFORE = re.compile(r"\b(?:for|over|within|in|after|took|take|takes|lasted|lasting|spent|spend)\s+$", re.IGNORECASE)
_BEFORE_YEAR3 = re.compile(r"\b(?:in|since|until|till|by|from|between|and|to|around|circa|c\.|year)\s+$", re.IGNORECASE)
_AFTER_YEAR3 = re.compile(r"\s*(?:[.,;:)]|$)|\s+(?:and|to|when|until|after|before|the|he|she|it|they|a|an)\b")
_DURATION_AFTER = re.compile(r"(?:-|\s)*(?:old|of\s+age)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    """The document's date at whatever precision is known."""

    year: int
    month: int | None = None
    day: int | None = None

    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.month and self.day else None


def parse_anchor(text: str | None) -> Anchor | None:
    """An :class:`Anchor` from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (EDTF qualifiers ignored); ``None`` otherwise."""
    if not text:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?[~?%]?$", str(text).strip())
    if not match:
        return None
    _, month, day = (int(g) if g else None for g in match.groups())
    year = int(match.group(1))  # the pattern always has the year
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return Anchor(year, month, day)


@dataclass(frozen=True)
class _When:
    """A calendar point at some precision; unknown parts are ``None``."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | None = None
    decade: int | None = None

    century: int | None = None
    """The first two digits of the years of a century (``18`` for the 19th century)."""

    def edtf(self) -> str:
        if self.century is not None:
            return f"{self.century:02d}XX"
        if self.decade is not None:
            return f"{self.decade:03d}X"
        year = _edtf_year(self.year) if self.year is not None else "XXXX"
        if self.season is not None:
            return f"{year}-{self.season}"
        if self.month is None:
            return year
        if self.day is None:
            return f"{year}-{self.month:02d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"

    @property
    def precise(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None


def _edtf_year(year: int) -> str:
    """A year as EDTF writes it: astronomical numbering, so 1 BC is ``0000`` and 44 BC is ``-0043``."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@dataclass(frozen=True)
class Timex:
    """One temporal expression: where it is, its words and its value."""

    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset just after the last character."""
    text: str
    value: str | None
    """EDTF date or interval, ISO 8601 duration (``P20M``), or ``None`` when the text does not settle it."""
    kind: str
    """``date``, ``range``, ``duration``, ``set`` (a frequency: "every week", "400 a day") or ``reference``
    ("now", "currently", "the past", "at the time": TIMEX3 references, which have no value here)."""
    explicit_year: bool = False
    """Whether the year is written in the expression itself."""
    basis: str | None = None
    """For an expression the text does not date by itself, what its value was read against: ``narrative``
    (the date the text last established) or ``publication`` (the document's date, for "yesterday" or
    "last week" in the article's own present); ``None`` for absolute expressions and those left unresolved."""
    interval: str | None = None
    """For a duration with a start or an end ("for three years from 1942"), the EDTF interval it covers."""

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind, "value": self.value}
        if self.basis is not None:
            out["anchor"] = self.basis
        if self.interval is not None:
            out["interval"] = self.interval
        return out


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str
    first: _When | None = None
    last: _When | None = None
    value: str | None = None
    explicit_year: bool = False
    interval: tuple[dt.date, dt.date] | None = None
    basis: str | None = None
    span: str | None = None
    """A duration's interval, once its start or end is known."""
    step: tuple[int, str] | None = None
    """A duration's count and unit, when both are exact ("three years": ``(3, "year")``)."""


class _State:
    """The anchor and the last date the narrative established, as a text is read.

    Two dates can stand behind an expression the text does not date by itself.
    The *narrative* reference is the last date with a year the text gave (it
    moves as the text goes on: "In June 1942 ... On 28 July" is 1942). The
    *publication* date is the article's own present, what "yesterday", "last
    week" and "on Thursday" count from. A year-less date takes the narrative's
    year when its paragraph gave one, or when the narrative has left the
    article's present (a 2025 article about 1942); it takes the publication's
    when its sentence speaks of the article's present ("said yesterday", "runs
    until", "will") or the narrative never left it.
    """

    def __init__(self, text: str, anchor: Anchor | None) -> None:
        self.text = text
        self.anchor = anchor
        self.reference: _When | None = None
        self.reference_end = -1
        self.local: _When | None = None
        """The last single date with a year: year-less dates in its paragraph share its year."""
        self.local_end = -1
        self.day: _When | None = None
        """The last date to the day: what "the next day" or "two weeks later" count from."""
        self.narrative_end = -1
        self.narrative: _When | None = None
        """The last date the text gave with its year, or that was read against such a date: what a
        year-less date in a later paragraph takes its year from. Dates read against the publication
        ("last year") and those in photo captions do not move it."""
        self.ancient = False
        """Whether the text has spoken of the first millennium, where bare numbers such as "in 476" are years."""
        self._present: tuple[int, int, tuple[tuple[int, int], ...]] = (-1, -1, ())

    def publication(self) -> _When | None:
        return _When(self.anchor.year, self.anchor.month, self.anchor.day) if self.anchor else None

    def paragraph_year(self, start: int) -> int | None:
        if self.local is not None and self.local.year is not None and self.text.find("\n", self.local_end, start) < 0:
            return self.local.year
        return None

    def narrative_year(self, start: int) -> int | None:
        """The year the narrative gives a year-less date at ``start``: its paragraph's, else the last date's
        when that date lies away from the article's present; ``None`` when the publication date should."""
        paragraph = self.paragraph_year(start)
        if paragraph is not None:
            return paragraph
        if self.narrative is None or self.narrative.year is None or self.anchor is None:
            return None
        if abs(self.narrative.year - self.anchor.year) <= 1 or self.narrative_end < _previous_paragraph(self.text, start):
            return None
        return self.narrative.year

    def present(self, start: int, end: int | None = None) -> bool:
        """Whether the words at ``start`` (to ``end``) speak of the article's own present or future.

        True when their sentence has a news deictic ("yesterday", "last week",
        "three days ago", "on Friday") other than those words themselves, or
        their clause a verb in the present or future tense that dates things
        ("runs until", "will", "is due").
        """
        low, high, deictics = self._present
        if not low <= start < high:
            low, high = _sentence_bounds(self.text, start)
            deictics = tuple(m.span() for m in _DEICTIC.finditer(self.text, low, high))
            self._present = (low, high, deictics)
        stop = start if end is None else end
        if any(not (start <= a and b <= stop) for a, b in deictics):
            return True
        return _PRESENT_CLAUSE.search(self.text, _clause_start(self.text, start), start) is not None

    def base(self, unit: str = "year") -> tuple[_When | None, str | None]:
        """What anaphoric expressions ("the next day") count from, and which it is: the reference, else the anchor.

        Day and week steps count from the last date known to the day.
        """
        if unit in ("day", "week") and self.day is not None:
            return self.day, "narrative"
        if self.reference is not None and self.reference.year is not None:
            return self.reference, "narrative"
        if self.anchor:
            return self.publication(), "publication"
        return None, None


_DEICTIC = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|ago|(?:this|last|next)\s+(?:week|month|year|weekend|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b"
    r"|\b(?:on|last|this|since)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
"""Words that place a sentence in the article's own present."""
_PRESENT_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:due|expected|scheduled|planned|set|likely)|plans?\s+to|intends?\s+to"
    r"|runs|remains|continues|opens|closes|lasts|ends)\b|’ll\b|'ll\b",
    re.IGNORECASE,
)
"""Verbs in the present or future tense that date what follows them in their clause ("runs until 30 November")."""
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n")


def _sentence_bounds(text: str, start: int) -> tuple[int, int]:
    """The sentence around ``start`` (looked for within a few hundred characters)."""
    low = max(0, start - 400)
    begin = low
    for found in _SENTENCE_END.finditer(text, low, start):
        begin = found.end()
    end = _SENTENCE_END.search(text, start, start + 400)
    return begin, (end.start() + 1 if end else min(len(text), start + 400))


def _clause_start(text: str, start: int) -> int:
    low = max(0, start - 160)
    cut = max(text.rfind(c, low, start) for c in ",;:.!?\n—(")
    return cut + 1 if cut >= 0 else low


def find(text: str, anchor: Anchor | None = None) -> list[Timex]:
    """Every temporal expression in ``text``, in order, with its normalized value.

    Args:
        text: English text.
        anchor: the document's date, for expressions relative to it.
    """
    state = _State(text, anchor)
    found: list[_Found] = []
    before_last: dict[str, object] = {}
    for match in _candidates(text):
        snapshot = vars(state).copy()
        item = _handle(match, state)
        if item is None:
            continue
        merged = _range(text, found[-1], item) if found else None
        if merged is not None:
            found[-1] = item = merged
            vars(state).update(before_last)  # the first part of a range, read alone, moves nothing
        else:
            before_last = snapshot
            if found and item.kind == "date":
                _bound_duration(text, found, item)
            found.append(item)
        if item.kind != "date" and item.kind != "range":
            continue
        when = item.last or item.first
        if when is not None and when.century is not None and when.century < 10:
            state.ancient = True
        if when is None or when.year is None or (item.kind == "range" and when.month is None):
            continue  # a span of years ("between 1942 and 1945") is background, not the point the narrative is at
        if item.basis != "publication" and not _furniture(text, item.start) and not _COMPARED.search(text, max(0, item.start - 24), item.start):
            state.narrative, state.narrative_end = when, item.end
        state.reference, state.reference_end = when, item.end
        if when.year < 1000:
            state.ancient = True
        if when.precise:
            state.day = when
        if item.kind == "date" and item.explicit_year:
            state.local, state.local_end = when, item.end
    return [_to_timex(text, f) for f in found]


_COMPARED = re.compile(r"\b(?:than|as|compared\s+(?:with|to)|up\s+from|down\s+from|against|since)\s+(?:in\s+|on\s+)?$", re.IGNORECASE)
"""What makes a date a point of comparison or a starting point ("as long as in 2021", "since 2014"), not where the narrative is."""
_FURNITURE = re.compile(r"!\[|\]\(|©|\b(?:Copyright|AFP|AP|Reuters|REUTERS|Getty|GETTY|EPA|TASS|Photo|PHOTO|Photograph)\b")
"""What marks a line as a photo caption or a credit, whose dates date the photo and not the narrative."""


def _previous_paragraph(text: str, start: int) -> int:
    """Where the paragraph before the one at ``start`` begins: the narrative's year carries over one paragraph
    (a date in a background sentence further back does not date a news article's "in July")."""
    begin = text.rfind("\n", 0, start)
    while begin > 0 and not text[text.rfind("\n", 0, begin) + 1 : begin].strip():
        begin = text.rfind("\n", 0, begin)
    return text.rfind("\n", 0, begin) + 1 if begin > 0 else 0


def _furniture(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    return _FURNITURE.search(text, line_start, line_end if line_end >= 0 else len(text)) is not None


_DURATION_FROM = re.compile(r"\s+(?P<dir>from|since|starting\s+in|beginning\s+in|until|till|to|up\s+to)\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)


def _bound_duration(text: str, found: list[_Found], item: _Found) -> None:
    """Give a duration right before ``item`` ("for three years from 1942") the interval it covers."""
    duration = found[-1]
    if duration.kind != "duration" or duration.step is None or item.first is None or item.first.year is None:
        return
    glue = _DURATION_FROM.fullmatch(text, duration.end, item.start)
    if glue is None:
        return
    count, unit = duration.step
    if glue["dir"].lower() in ("until", "till", "to", "up to"):
        end = item.last or item.first
        begin = _shift(end, unit, -count)
        if isinstance(begin, _When):
            found[-1] = replace(duration, span=f"{begin.edtf()}/{end.edtf()}")
        return
    last = _shift(item.first, unit, count)
    if isinstance(last, _When):
        found[-1] = replace(duration, span=f"{item.first.edtf()}/{last.edtf()}")


def _candidates(text: str):
    """The matches of the full pattern, as ``finditer`` would give them, tried only near anchor words.

    Trying every alternative at every position is what makes a rule-based
    tagger slow; here one cheap pattern finds the digits and time words, and
    the full pattern is tried only at the few word starts just before them.
    """
    scanned = 0
    tried = -1
    for hit in _ANCHOR.finditer(text):
        position = hit.start()
        if position < scanned:
            continue
        low = max(scanned, tried + 1, position - _REACH)
        starts = [m.start() for m in _WORD.finditer(text, low, position + 1) if m.start() == 0 or not _is_word(text[m.start() - 1])]
        for start in starts[-_BEHIND - 1 :]:
            if start < scanned or start <= tried:
                continue
            tried = start
            match = _PATTERN.match(text, start)
            if match is not None:
                yield match
                scanned = match.end()
                if scanned > position:
                    break


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _to_timex(text: str, f: _Found) -> Timex:
    if f.value is not None or f.kind == "duration":
        value = f.value
    elif f.interval is not None:
        value = f"{f.interval[0].isoformat()}/{f.interval[1].isoformat()}"
    elif f.first is not None and f.last is not None and f.last != f.first:
        value = f"{f.first.edtf()}/{f.last.edtf()}"
    elif f.first is not None:
        value = f.first.edtf()
    else:
        value = None
    if value is not None and value.startswith("XXXX") and f.first is not None and f.first.month is None and f.first.season is None:
        value = None
    basis = f.basis if value is not None and not value.startswith("XXXX") else None
    return Timex(f.start, f.end, text[f.start : f.end], value, f.kind, f.explicit_year, basis, f.span)


# --- handlers -----------------------------------------------------------------


def _handle(m: re.Match[str], state: _State) -> _Found | None:
    kind = m.lastgroup
    assert kind is not None  # every alternative of the pattern is a named group
    start, end = m.start(kind), m.end(kind)
    handler = _HANDLERS[kind]
    return handler(m, state, start, end)


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]  # called only on text that starts with digits


def _valid(year: int | None, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _iso(m, state, start, end):
    year, month = int(m["iso_y"]), int(m["iso_m"])
    day = int(m["iso_d"]) if m["iso_d"] else None
    if day is not None and not _valid(year, month, day):
        return None
    return _Found(start, end, "date", _When(year, month, day), explicit_year=True)


def _day_month(state, start, end, day_text, day2_text, month_text, year_text):
    month = _month_number(month_text)
    day = _day_number(day_text)
    explicit = year_text is not None
    year, basis = (int(year_text), None) if explicit else _year_for(state, start, month, day)
    if not _valid(year, month, day):
        return None
    first = _When(year, month, day)
    last = first
    if day2_text:
        day2 = _day_number(day2_text)
        if day2 <= day or not _valid(year, month, day2):
            return None
        last = _When(year, month, day2)
    return _Found(start, end, "range" if last != first else "date", first, last, explicit_year=explicit, basis=basis)


def _dmy(m, state, start, end):
    return _day_month(state, start, end, m["dmy_d"], m["dmy_d2"], m["dmy_m"], m["dmy_y"])


def _mdy(m, state, start, end):
    if m["mdy_m"] == "May" and not m["mdy_y"] and not _MAY_CONTEXT.search(state.text, max(0, start - 20), start):
        return None
    return _day_month(state, start, end, m["mdy_d"], m["mdy_d2"], m["mdy_m"], m["mdy_y"])


def _year_for(state: _State, start: int, month: int, day: int | None = None) -> tuple[int | None, str | None]:
    """The year of a date written without one, and what it was read against (see :class:`_State`).

    Against the narrative, the year of the date it last gave; against the
    publication, the latest such date up to the anchor (the earliest from it
    on, in a sentence about the future).
    """
    anchor = state.anchor
    narrative = state.narrative_year(start)
    if narrative is not None and (anchor is None or not (state.present(start) or _future(state.text, start))):
        return narrative, "narrative"
    if anchor is None:
        return None, None
    if anchor.month is None:
        return anchor.year, "publication"
    later = month > anchor.month or (month == anchor.month and day is not None and anchor.day is not None and day > anchor.day)
    earlier = month < anchor.month or (month == anchor.month and day is not None and anchor.day is not None and day < anchor.day)
    if _future(state.text, start) or _PRESENT_CLAUSE.search(state.text, _clause_start(state.text, start), start):
        return (anchor.year + 1 if earlier else anchor.year), "publication"
    return (anchor.year - 1 if later else anchor.year), "publication"


def _future(text: str, start: int) -> bool:
    """Whether the sentence before ``start`` speaks of the future ("will", "is due", "expected")."""
    return bool(_FUTURE.search(text, max(0, start - 120), start))


def _my(m, state, start, end):
    month = _month_number(m["my_m"])
    if m["my_y"]:
        return _Found(start, end, "date", _When(int(m["my_y"]), month), explicit_year=True)
    rel = " ".join(m["my_rel"].split())
    if rel in ("this", "last", "next"):
        if state.anchor is None:
            return _Found(start, end, "date", _When(None, month))
        year, basis = state.anchor.year + {"this": 0, "last": -1, "next": 1}[rel], "publication"
    else:
        base, basis = state.base()
        if base is None or base.year is None:
            return _Found(start, end, "date", _When(None, month))
        year = base.year + {"that": 0, "the same": 0, "the following": 1, "the previous": -1}[rel]
    return _Found(start, end, "date", _When(year, month), basis=basis)


def _season_number(name: str) -> int:
    return SEASONS[name.lower()]


def _sy(m, state, start, end):
    return _Found(start, end, "date", _When(int(m["sy_y"]), season=_season_number(m["sy_s"])), explicit_year=True)


def _decade(m, state, start, end):
    return _Found(start, end, "date", _When(decade=int(m["dec_y"]) // 10), explicit_year=True)


def _yrange(m, state, start, end):
    a = int(m["yr_a"])
    b_text = m["yr_b"]
    b = int(b_text) if len(b_text) == 4 else (a // 100) * 100 + int(b_text)
    if b <= a or b - a > 200:
        return None
    if len(b_text) == 2 and "/" in m.group("yrange"):
        return None
    return _Found(start, end, "range", _When(a), _When(b), explicit_year=True)


def _myear(m, state, start, end):
    return _Found(start, end, "date", _When(int(m["myear_y"])), explicit_year=True)


def _number(text: str) -> float | None:
    text = text.lower()
    if text in ("a few", "several"):
        return None
    if text[0].isdigit():
        return float(text)
    if text.startswith("a "):
        return float(NUMBERS[text.split()[-1]])
    parts = text.split("-")
    return float(sum(NUMBERS[p] for p in parts))


def _unit(text: str) -> str:
    text = text.lower()
    if text == "centuries":
        return "century"
    return text[:-1] if text.endswith("s") else text


def _shift(base: _When, unit: str, count: int) -> _When | tuple[dt.date, dt.date] | None:
    """``base`` moved by ``count`` units, at the precision the unit allows."""
    if base.year is None:
        return None
    if unit == "year":
        return _When(base.year + count, base.month if base.month and base.season is None else None, base.day if base.day and base.month else None, base.season)
    if unit == "month":
        if base.month is None:
            return None
        total = base.year * 12 + base.month - 1 + count
        year, month = divmod(total, 12)
        day = base.day
        if day is not None:
            day = min(day, calendar.monthrange(year, month + 1)[1])
        return _When(year, month + 1, day)
    if unit in ("day", "week"):
        if not base.precise:
            return None
        days = count * (7 if unit == "week" else 1)
        return _When(*_ymd(dt.date(base.year, base.month, base.day) + dt.timedelta(days=days)))  # type: ignore[arg-type]  # a precise base has its month and day
    return None


def _ymd(day: dt.date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _ago(m, state, start, end):
    count = _number(m["ago_n"]) if m["ago_n"].lower() not in ("a", "an") else 1.0
    unit = _unit(m["ago_u"])
    direction = m["ago_dir"].lower()
    if count is None or count != int(count) or unit in ("decade", "century", "fortnight"):
        return _Found(start, end, "date")
    base, basis = (state.publication(), "publication") if direction == "ago" else state.base(unit)
    if base is None:
        return _Found(start, end, "date")
    sign = 1 if direction == "later" else -1
    moved = _shift(base, unit, sign * int(count))
    if isinstance(moved, _When):
        if unit == "year":
            moved = _When(moved.year, None, None)
        elif unit == "month":
            moved = _When(moved.year, moved.month, None)
        return _Found(start, end, "date", moved, basis=basis)
    return _Found(start, end, "date")


def _durrange(m, state, start, end):
    a, b = _number(m["dr_a"]), _number(m["dr_b"])
    unit = _unit(m["dr_u"])
    if a is None or b is None or a >= b:
        return None
    if _DURATION_AFTER.match(state.text, end):
        return None
    return _Found(start, end, "duration", value=f"{_duration(a, unit)}/{_duration(b, unit)}")


def _duration(count: float, unit: str) -> str:
    count *= UNIT_FACTOR.get(unit, 1)
    shown = f"{int(count)}" if count == int(count) else f"{count:g}"
    return f"P{shown}{UNITS[unit]}"


def _rel(m, state, start, end):
    word = " ".join(m["rel_w"].lower().split())
    unit_text = m["rel_u"]
    unit = unit_text.lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    anchored = word in ("last", "this", "next")
    base, basis = (state.publication(), "publication") if anchored else state.base(unit)
    return _with_basis(_relative(state, start, end, word, unit, unit_text, base), basis)


def _with_basis(found: _Found, basis: str | None) -> _Found:
    return replace(found, basis=basis) if found.first is not None or found.interval is not None else found


def _relative(state, start, end, word, unit, unit_text, base):
    if unit in MONTHS and unit_text[0].isupper():
        return _relative_month(state, start, end, word, _month_number(unit_text), base)
    if unit in WEEKDAYS:
        return _relative_weekday(start, end, word, WEEKDAYS[unit], base)
    if unit in SEASONS:
        return _relative_season(start, end, word, SEASONS[unit], base)
    if base is None or base.year is None:
        return _Found(start, end, "date")
    step = {"last": -1, "previous": -1, "preceding": -1, "this": 0, "that": 0, "that same": 0, "same": 0, "next": 1, "following": 1}
    count = step[word.split()[-1]]
    if unit == "year":
        return _Found(start, end, "date", _When(base.year + count))
    if unit == "month":
        moved = _shift(_When(base.year, base.month), "month", count) if base.month else None
        return _Found(start, end, "date", moved if isinstance(moved, _When) else None)
    if not base.precise:
        return _Found(start, end, "date")
    day = dt.date(base.year, base.month, base.day)
    if unit == "day":
        moved_day = day + dt.timedelta(days=count)
        return _Found(start, end, "date", _When(*_ymd(moved_day)))
    return _Found(start, end, "date", interval=_week_of(day + dt.timedelta(days=7 * count)))


def _relative_month(state, start, end, word, month, base):
    if base is None or base.year is None:
        return _Found(start, end, "date", _When(None, month))
    if word == "this":
        return _Found(start, end, "date", _When(base.year, month))
    if word in ("last", "previous", "the previous", "the preceding"):
        year = base.year - 1 if base.month is None or month >= base.month else base.year
        return _Found(start, end, "date", _When(year, month))
    if word in ("next", "the following", "the next"):
        year = base.year + 1 if base.month is None or month <= base.month else base.year
        return _Found(start, end, "date", _When(year, month))
    return _Found(start, end, "date", _When(base.year, month))


def _relative_weekday(start, end, word, weekday, base):
    if base is None or not base.precise:
        return _Found(start, end, "date")
    day = dt.date(base.year, base.month, base.day)
    back = (day.weekday() - weekday) % 7
    if word == "last":
        target = day - dt.timedelta(days=back or 7)
    elif word in ("next", "the following", "the next"):
        target = day + dt.timedelta(days=((weekday - day.weekday()) % 7) or 7)
    else:
        target = day - dt.timedelta(days=back)
    return _Found(start, end, "date", _When(*_ymd(target)))


def _relative_season(start, end, word, season, base):
    if base is None or base.year is None:
        return _Found(start, end, "date", _When(None, season=season))
    year = base.year
    current = _season_of(base)
    if word == "last":
        year -= 1 if current is None or season >= current else 0
    elif word in ("next", "the following", "the next"):
        year += 1 if current is None or season <= current else 0
    return _Found(start, end, "date", _When(year, season=season))


def _season_of(when: _When) -> int | None:
    if when.season is not None:
        return when.season
    if when.month is None:
        return None
    return {12: 24, 1: 24, 2: 24, 3: 21, 4: 21, 5: 21, 6: 22, 7: 22, 8: 22}.get(when.month, 23)


def _dayword(m, state, start, end):
    anchor = state.anchor.date() if state.anchor else None
    if anchor is None:
        return _Found(start, end, "date")
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["dayword"].lower()]
    return _Found(start, end, "date", _When(*_ymd(anchor + dt.timedelta(days=shift))), basis="publication")


def _weekday(m, state, start, end):
    """A bare weekday is news: the last such day up to the publication date ("on Thursday")."""
    return _with_basis(_relative_weekday(start, end, "on", WEEKDAYS[m["wd_w"].lower()], state.publication()), "publication")


def _month(m, state, start, end):
    name = m["mo_m"]
    context = state.text[max(0, start - 20) : start]
    if not m["mo_mod"] and name in ("May", "March") and not _MAY_CONTEXT.search(context):
        return None
    month = _month_number(name)
    year, basis = _year_for(state, start, month)
    return _Found(start, end, "date", _When(year, month), basis=basis)


def _season(m, state, start, end):
    if not m["se_mod"] and not _SEASON_CONTEXT.search(state.text, max(0, start - 20), start):
        return None
    season = _season_number(m["se_s"])
    narrative = state.narrative_year(start)
    if narrative is not None and (state.anchor is None or not (state.present(start) or _future(state.text, start))):
        return _Found(start, end, "date", _When(narrative, season=season), basis="narrative")
    base = state.publication()
    if base is None or base.year is None:
        return _Found(start, end, "date", _When(None, season=season))
    year, current = base.year, _season_of(base)
    if current is not None and _future(state.text, start):
        year += 1 if season < current else 0
    elif current is not None and season > current and current != 24:
        year -= 1
    return _Found(start, end, "date", _When(year, season=season), basis="publication")


def _adur(m, state, start, end):
    unit = m["adur_u"].lower()
    if _A_SET_BEFORE.search(state.text, max(0, start - 48), start) and not _A_DURATION_AFTER.match(state.text, end):
        return _Found(start, end, "set", value=_duration(1, unit))
    if not _A_DURATION_BEFORE.search(state.text, max(0, start - 10), start) and not _A_DURATION_AFTER.match(state.text, end):
        return None
    return _Found(start, end, "duration", value=_duration(1, unit), step=(1, unit))


def _dur(m, state, start, end):
    if _DURATION_AFTER.match(state.text, end):
        return None
    count = _number(m["dur_n"])
    if count is None:
        return None
    unit = _unit(m["dur_u"])
    step = (int(count), unit) if count == int(count) and unit in ("day", "week", "month", "year") else None
    return _Found(start, end, "duration", value=_duration(count, unit), step=step)


def _year(m, state, start, end):
    year = int(m["year"])
    before = state.text[max(0, start - 16) : start]
    if _BEFORE_YEAR.search(before) or _AFTER_YEAR.match(state.text, end):
        return None
    if year < 1800 and not re.search(r"\b(?:in|since|from|by|until|of|during|around|circa|c\.)\s+$", before, re.IGNORECASE):
        return None
    return _Found(start, end, "date", _When(year), explicit_year=True)


def _year3(m, state, start, end):
    """A year of the first millennium written bare ("in 476"), only once the text has spoken of that era."""
    if not state.ancient:
        return None
    if not _BEFORE_YEAR3.search(state.text, max(0, start - 12), start) or not _AFTER_YEAR3.match(state.text, end):
        return None
    return _Found(start, end, "date", _When(int(m["year3"])), explicit_year=True)


def _era(m, state, start, end):
    number = int(m["era_y"] or m["era_y2"])
    suffix = (m["era_suf"] or "").replace(".", "")
    year = 1 - number if suffix in ("BC", "BCE") else number
    month_text = m["era_m"] or m["era_m1"]
    month = _month_number(month_text) if month_text else None
    day = _day_number(m["era_d"]) if m["era_d"] else None
    if month is not None and day is not None and not _valid(year if year > 0 else 2000, month, day):
        return None
    return _Found(start, end, "date", _When(year, month, day), explicit_year=True)


def _century(m, state, start, end):
    text = m["cen_n"].lower()
    number = int(re.match(r"\d+", text).group()) if text[0].isdigit() else _ORDINALS[text]
    if number < 1 or (m["cen_era"] or "").replace(".", "") in ("BC", "BCE"):
        return _Found(start, end, "date")
    return _Found(start, end, "date", _When(century=number - 1), explicit_year=True)


def _pastdur(m, state, start, end):
    unit = _unit(m["pd_u"] or m["pd_u1"])
    words = (m["pd_n"] or "").lower()
    if not words:
        return _Found(start, end, "duration", value=_duration(1, unit), step=(1, unit) if unit in UNITS and unit not in ("decade", "century", "fortnight") else None)
    count = None if words in ("few", "several") or words.startswith("couple") else _number(words)
    if count is None:
        return _Found(start, end, "duration", value=_vague(unit))
    return _Found(start, end, "duration", value=_duration(count, unit))


def _vague(unit: str) -> str:
    return "PX" + {"decade": "DE", "century": "CE"}.get(unit, UNITS.get(unit, "Y"))


def _vdur(m, state, start, end):
    """A duration with no count: "a few months", "for years", "decades"."""
    if _DURATION_AFTER.match(state.text, end):
        return None
    if not m["vd_q"] and not _VAGUE_BEFORE.search(state.text, max(0, start - 12), start):
        return None
    return _Found(start, end, "duration", value=_vague(_unit(m["vd_u"])))


def _endof(m, state, start, end):
    unit = m["eo_u"].lower()
    base, basis = state.base()
    if base is None or base.year is None:
        return _Found(start, end, "date")
    if unit == "month" and base.month is not None and base.season is None:
        return _Found(start, end, "date", _When(base.year, base.month), basis=basis)
    if unit == "year":
        return _Found(start, end, "date", _When(base.year), basis=basis)
    if unit == "decade":
        return _Found(start, end, "date", _When(decade=base.year // 10), basis=basis)
    if unit == "century":
        return _Found(start, end, "date", _When(century=base.year // 100), basis=basis)
    return _Found(start, end, "date")


def _set(m, state, start, end):
    if m["set_u"] is None:
        unit = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}[m.group("set").lower()]
        return _Found(start, end, "set", value=_duration(1, unit))
    if m["set_n"] and (m["set_n"].lower() == "few" or m["set_n"].lower().startswith("couple")):
        return _Found(start, end, "set", value=_vague(m["set_u"].lower()))
    count = _number(m["set_n"]) if m["set_n"] else 1.0
    if count is None:
        return None
    return _Found(start, end, "set", value=_duration(count, m["set_u"].lower()))


def _ref(m, state, start, end):
    """A TIMEX3 reference ("now", "currently", "the past", "at the time"): found, with no value."""
    return _Found(start, end, "reference")


_HANDLERS = {
    "era": _era, "century": _century, "pastdur": _pastdur, "endof": _endof, "set": _set, "ref": _ref, "vdur": _vdur, "year3": _year3,
    "iso": _iso, "dmy": _dmy, "mdy": _mdy, "my": _my, "sy": _sy, "decade": _decade, "yrange": _yrange,
    "myear": _myear, "ago": _ago, "durrange": _durrange, "rel": _rel, "dayword": _dayword,
    "weekday": _weekday, "month": _month, "season": _season, "adur": _adur, "dur": _dur, "year": _year,
}


# --- ranges -----------------------------------------------------------------


def _range(text: str, a: _Found, b: _Found) -> _Found | None:
    """``a`` and ``b`` joined when the words between make a range: "X to Y", "from X until Y", "between X and Y"."""
    if not (a.kind == "date" and b.kind == "date" and a.first is not None and b.first is not None and a.interval is None and b.interval is None):
        return None
    glue = text[a.end : b.start]
    if len(glue) > 12 or not _RANGE_GLUE.match(glue) or ("\n" in glue):
        return None
    lead = _RANGE_LEAD.search(text, max(0, a.start - 12), a.start)
    months = a.first.month is not None and a.first.day is None and b.first.month is not None and b.first.day is None
    if glue.strip() == "and" and not (lead or months):
        return None
    return _join(a, b, lead.start() if lead else a.start)


def _join(a: _Found, b: _Found, start: int) -> _Found | None:
    first, last = a.first, b.last or b.first
    assert first is not None and last is not None
    if not a.explicit_year and b.explicit_year and last.year is not None:
        year = last.year
        if first.month is not None and last.month is not None and first.month > last.month:
            year -= 1
        first = replace(first, year=year)
    if first.year is not None and last.year is not None and first.year > last.year:
        return None
    return _Found(start, b.end, "range", first, last, explicit_year=a.explicit_year or b.explicit_year, basis=None if a.explicit_year or b.explicit_year else a.basis or b.basis)
