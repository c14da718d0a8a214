"""EDTF dates: validation by the ``edtf`` library, bounds, ordering and wording for people.

A source rarely dates things to the day. EDTF (ISO 8601-2) keeps the precision
the text supports: ``1942-06`` (a month), ``1942-21`` (spring), ``1942-06~``
(about then), ``XXXX-09-25`` (the day is known, not the year), ``194X`` (a
decade), ``2025-06/2025-07`` and ``2022-09/..`` (intervals, open or not).

The ``edtf`` library decides what is valid EDTF. The site accepts the part of
EDTF it can say in words — single dates and intervals of them, qualified as a
whole — and computes their bounds itself, so that every accepted date has a
first and last possible day and a wording.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

VALID_FORMS = (
    "e.g. 1942-07-28, 1942-06, 1942, 1942-21 (spring), 1942-06~ (approximate), 1942-06? (uncertain), "
    "1942/1945, 2025-06/2025-07, 2022-09/.. (open end), XXXX-09-25, 194X (a decade)"
)

_PART = re.compile(r"^(?P<year>[0-9X]{4})(?:-(?P<month>[0-9X]{2}))?(?:-(?P<day>[0-9X]{2}))?(?P<qual>[~?%])?$")
_PLAIN = re.compile(r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[~?%]?$")
"""Year, year-month or year-month-day, maybe qualified: EDTF by its form, checked without the library (the day's existence is checked below)."""
_OPEN, _UNKNOWN = "..", ""
_EARLIEST = dt.date.min
_LATEST = dt.date.max

PRECISIONS = ("day", "month", "season", "year", "decade", "century", "unknown")
"""From the most to the least precise; the second sort key of dates."""
_RANK = {name: rank for rank, name in enumerate(PRECISIONS)}

# EDTF season codes: (first month, number of months, words). Months past 12
# run into the next year (a northern winter is December to February).
_SEASONS: dict[int, tuple[int, int, str]] = {
    21: (3, 3, "spring {y}"),
    22: (6, 3, "summer {y}"),
    23: (9, 3, "autumn {y}"),
    24: (12, 3, "winter {y}"),
    25: (3, 3, "spring {y} (northern hemisphere)"),
    26: (6, 3, "summer {y} (northern hemisphere)"),
    27: (9, 3, "autumn {y} (northern hemisphere)"),
    28: (12, 3, "winter {y} (northern hemisphere)"),
    29: (9, 3, "spring {y} (southern hemisphere)"),
    30: (12, 3, "summer {y} (southern hemisphere)"),
    31: (3, 3, "autumn {y} (southern hemisphere)"),
    32: (6, 3, "winter {y} (southern hemisphere)"),
    33: (1, 3, "first quarter of {y}"),
    34: (4, 3, "second quarter of {y}"),
    35: (7, 3, "third quarter of {y}"),
    36: (10, 3, "fourth quarter of {y}"),
    37: (1, 4, "first third of {y}"),
    38: (5, 4, "second third of {y}"),
    39: (9, 4, "last third of {y}"),
    40: (1, 6, "first half of {y}"),
    41: (7, 6, "second half of {y}"),
}


@dataclass(frozen=True)
class _Side:
    """One date of an interval, or the whole of a single date."""

    lower: dt.date | None
    upper: dt.date | None
    precision: str
    words: str
    """In words, without the qualifier."""
    year_words: str | None
    """The year part alone (``1942``), for shortening ``June–July 1942``."""
    qual: str | None
    month: int | None
    day: int | None


@dataclass(frozen=True)
class Edtf:
    """A validated EDTF date with its bounds."""

    text: str
    """The EDTF string as written."""
    lower: dt.date
    """Earliest day it can mean (``date.min`` when the start is open or unknown)."""
    upper: dt.date
    """Latest day it can mean (``date.max`` when the end is open or unknown)."""
    precision: str
    """One of :data:`PRECISIONS`: that of the start, or of the end when the start is open."""

    @property
    def anchor(self) -> dt.date | None:
        """The day the date is filed under: its earliest day, else its latest; ``None`` if no year is known."""
        if self.lower != _EARLIEST:
            return self.lower
        if self.upper != _LATEST:
            return self.upper
        return None

    @property
    def year_known(self) -> bool:
        return self.anchor is not None

    def sort_key(self) -> tuple:
        """Earliest possible day first, then the more precise, then the shorter; unknown years last."""
        anchor = self.anchor
        if anchor is None:
            side = _side(next(part for part in self.text.split("/") if part not in (_OPEN, _UNKNOWN)))
            return (_LATEST, _RANK[self.precision], _LATEST, side.month or 0, side.day or 0, self.text)
        return (anchor, _RANK[self.precision], self.upper, 0, 0, self.text)

    def human(self) -> str:
        """The date in words: ``28 July 1942``, ``c. June 1942``, ``1942–1945``."""
        return humanize(self.text)

    def iso_bounds(self) -> tuple[str | None, str | None]:
        """Earliest and latest day as ISO strings, ``None`` where open or unknown."""
        lower = None if self.lower == _EARLIEST else self.lower.isoformat()
        upper = None if self.upper == _LATEST else self.upper.isoformat()
        return lower, upper

    def overlaps(self, other: "Edtf") -> bool:
        """Whether the two can mean the same day; ``True`` when either has no known year."""
        if not (self.year_known and other.year_known):
            return True
        return self.lower <= other.upper and other.lower <= self.upper


class DateError(ValueError):
    """An EDTF string that is malformed or impossible."""


@lru_cache(maxsize=65536)
def parse(text: str) -> Edtf:
    """Validate ``text`` as EDTF and compute its bounds.

    Raises:
        DateError: with a message that says what is wrong and the valid forms.
    """
    if not isinstance(text, str) or not text.strip():
        raise DateError(f"empty date ({VALID_FORMS})")
    text = text.strip()
    parts = text.split("/")
    if len(parts) > 2:
        raise DateError(f"{text!r} has more than one '/' ({VALID_FORMS})")
    if len(parts) == 2 and all(p in (_OPEN, _UNKNOWN) for p in parts):
        raise DateError(f"{text!r} gives neither a start nor an end ({VALID_FORMS})")
    for part in parts:
        if part in (_OPEN, _UNKNOWN) and len(parts) == 2:
            continue
        _validate_part(text, part)
    sides = [_side(p) for p in parts]
    start, end = sides[0], sides[-1]
    lower = start.lower or _EARLIEST
    upper = end.upper or _LATEST
    if len(parts) == 2 and start.lower and end.upper and end.upper < start.lower:
        raise DateError(f"{text!r}: the interval ends before it starts (write the earlier date first, e.g. 1942/1945)")
    precision = start.precision if parts[0] not in (_OPEN, _UNKNOWN) else end.precision
    return Edtf(text, lower, upper, precision)


def _validate_part(text: str, part: str) -> None:
    """One date: valid EDTF (the library decides), in a form the site can word, a day that exists."""
    try:
        if not _PLAIN.match(part):  # the library's parser is slow, and thousands of sources wait on it
            parse_edtf(part)
    except EDTFParseException:
        raise DateError(f"{text!r} is not a valid EDTF date ({VALID_FORMS})") from None
    except Exception:  # the library fails on some valid-looking input instead of rejecting it
        raise DateError(f"{text!r} is not a valid EDTF date ({VALID_FORMS})") from None
    match = _PART.match(part)
    if not match:
        raise DateError(f"{text!r} is EDTF the site cannot show in words; use a single date or an interval of two ({VALID_FORMS})")
    year, month, day = match["year"], match["month"], match["day"]
    if "X" in year and (not re.fullmatch(r"[0-9]*X*", year) or (year != "XXXX" and int(year.replace("X", "0")) < 1)):
        raise DateError(f"{text!r}: only the last digits of a year can be unknown, e.g. 194X or 19XX ({VALID_FORMS})")
    if month and month.isdigit() and int(month) > 12 and (day or match["qual"]):
        raise DateError(f"{text!r} is not a valid EDTF date ({VALID_FORMS})")
    if year == "0000":
        raise DateError(f"{text!r}: year 0 is not supported; the site's dates start in year 1 ({VALID_FORMS})")
    if day and day.isdigit() and month and month.isdigit() and int(month) <= 12:
        m, d = int(month), int(day)
        y = int(year) if year.isdigit() else 2000  # a leap year, when the year is not stated
        if d > calendar.monthrange(y, m)[1]:
            in_year = f" {y}" if year.isdigit() else ""
            raise DateError(f"{text!r}: {calendar.month_name[m]}{in_year} has no day {d} ({VALID_FORMS})")


@lru_cache(maxsize=65536)
def _side(part: str) -> _Side:
    """One side of an interval, or a single date: bounds, precision and words.

    Memoised (a ``_Side`` is immutable): parsing, sorting and wording ask for
    the same few thousand dates again and again.
    """
    if part in (_OPEN, _UNKNOWN):
        return _Side(None, None, "unknown", "", None, None, None, None)
    match = _PART.match(part)
    assert match is not None, part
    year, month, day, qual = match["year"], match["month"], match["day"], match["qual"]
    m = int(month) if month and month.isdigit() else None
    d = int(day) if day and day.isdigit() else None
    if year == "XXXX":
        if m and d:
            words = f"{d} {calendar.month_name[m]} (year not stated)"
        elif m and m <= 12:
            words = f"{calendar.month_name[m]} (year not stated)"
        elif m:
            words = _SEASONS[m][2].format(y="(year not stated)").replace(" of (year", " (year")
        else:
            words = "date unknown"
        return _Side(None, None, "unknown", words, None, qual, m, d)
    if "X" in year:
        first, last = int(year.replace("X", "0")), int(year.replace("X", "9"))
        unknown = year.count("X")
        precision = "decade" if unknown == 1 else "century"
        year_words = f"{first}s" if unknown == 1 else f"{first}–{last}"
        lower, upper = _month_span(first, m, d), _month_span(last, m, d, last_day=True)
        prefix = f"{d} {calendar.month_name[m]} " if m and d and m <= 12 else (f"{calendar.month_name[m]} " if m and m <= 12 else "")
        words = f"{prefix}in the {year_words}" if prefix else f"the {year_words}" if unknown == 1 else year_words
        return _Side(lower, upper, precision, words, None, qual, m, d)
    y = int(year)
    if m and m > 12:
        first_month, length, template = _SEASONS[m]
        lower = dt.date(y, first_month, 1)
        end_year, end_month = divmod(first_month - 1 + length - 1, 12)
        last_year, last_month = y + end_year, end_month + 1
        upper = dt.date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
        shown = f"{y}–{str(last_year)[-2:]}" if last_year != y else str(y)
        return _Side(lower, upper, "season", template.format(y=shown), None, qual, m, None)
    if m and d:
        day_ = dt.date(y, m, d)
        return _Side(day_, day_, "day", f"{d} {calendar.month_name[m]} {y}", str(y), qual, m, d)
    if m:
        return _Side(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), "month", f"{calendar.month_name[m]} {y}", str(y), qual, m, None)
    return _Side(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y), str(y), qual, None, None)


def _month_span(year: int, month: int | None, day: int | None, *, last_day: bool = False) -> dt.date:
    if not month or month > 12:
        return dt.date(year, 12, 31) if last_day else dt.date(year, 1, 1)
    if day:
        return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return dt.date(year, month, calendar.monthrange(year, month)[1] if last_day else 1)


def _qualified(words: str, qual: str | None) -> str:
    if qual == "~":
        return "c. " + words
    if qual == "?":
        return words + " (uncertain)"
    if qual == "%":
        return "c. " + words + " (uncertain)"
    return words


@lru_cache(maxsize=65536)
def humanize(text: str) -> str:
    """Write a valid EDTF string for people.

    ``1942-07-28`` -> "28 July 1942"; ``1942-06~`` -> "c. June 1942";
    ``1942-06?`` -> "June 1942 (uncertain)"; ``2025-06/2025-07`` -> "June–July 2025";
    ``1942/1945`` -> "1942–1945"; ``2022-09/..`` -> "from September 2022";
    ``1942/`` -> "from 1942 (end unknown)"; ``XXXX-09-25`` -> "25 September (year not stated)";
    ``1942-24`` -> "winter 1942–43"; ``194X`` -> "the 1940s".

    Memoised: a site words the same dates on many pages (an event's date on
    the timeline, its tag pages and every source that reports it).
    """
    parts = text.split("/")
    if len(parts) == 1:
        side = _side(parts[0])
        return _qualified(side.words, side.qual)
    start_text, end_text = parts
    start, end = _side(start_text), _side(end_text)
    if start_text in (_OPEN, _UNKNOWN):
        words = "until " + _qualified(end.words, end.qual)
        return words + (" (start unknown)" if start_text == _UNKNOWN else "")
    if end_text in (_OPEN, _UNKNOWN):
        words = "from " + _qualified(start.words, start.qual)
        return words + (" (end unknown)" if end_text == _UNKNOWN else "")
    if not start.qual and not end.qual and start.year_words and start.year_words == end.year_words:
        year = start.year_words
        if start.precision == end.precision == "day" and start.month == end.month:
            return f"{start.day}–{end.day} {calendar.month_name[end.month]} {year}"  # type: ignore[index]  # both ends are known to the day here, so their months are set
        if start.precision == end.precision == "day":
            return f"{start.day} {calendar.month_name[start.month]} – {end.day} {calendar.month_name[end.month]} {year}"  # type: ignore[index]  # both ends are known to the day here, so their months are set
        if start.precision == end.precision == "month":
            return f"{calendar.month_name[start.month]}–{calendar.month_name[end.month]} {year}"  # type: ignore[index]  # both ends are known to the month here
    left, right = _qualified(start.words, start.qual), _qualified(end.words, end.qual)
    dash = " – " if " " in left or " " in right else "–"
    return f"{left}{dash}{right}"
