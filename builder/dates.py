"""EDTF dates: validation by the ``edtf`` library, ordering and wording for people.

A source rarely dates things to the day. EDTF (ISO 8601-2) keeps the precision
the text supports: ``1942-06`` (a month), ``1942-06~`` (about then),
``XXXX-09-25`` (the day is known, not the year), ``2025-06/2025-07``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

VALID_FORMS = "e.g. 1942-07-28, 1942-06, 1942, 1942-06~ (approximate), 1942-06? (uncertain), 1942/1945, 2025-06/2025-07, XXXX-09-25"

_PART = re.compile(r"^(?P<year>-?[0-9X]{4})(?:-(?P<month>[0-9X]{2}))?(?:-(?P<day>[0-9X]{2}))?(?P<qual>[~?%])?$")
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_PRECISION = {"day": 0, "month": 1, "season": 2, "year": 3, "unknown": 4}
_EARLIEST = dt.date.min
_LATEST = dt.date.max


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
    """``day``, ``month``, ``season``, ``year`` or ``unknown`` (of the start)."""

    @property
    def year_known(self) -> bool:
        return self.lower != _EARLIEST

    def sort_key(self) -> tuple:
        """Earliest possible day first, then the more precise, then the text."""
        return (self.lower, _PRECISION[self.precision], self.upper, self.text)

    def human(self) -> str:
        """The date in words: ``28 July 1942``, ``c. June 1942``, ``1942–1945``."""
        return humanize(self.text)

    def iso_bounds(self) -> tuple[str | None, str | None]:
        """Earliest and latest day as ISO strings, ``None`` where open or unknown."""
        lower = None if self.lower == _EARLIEST else self.lower.isoformat()
        upper = None if self.upper == _LATEST else self.upper.isoformat()
        return lower, upper


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
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise DateError(f"{text!r} is not a valid EDTF date ({VALID_FORMS})") from None
    parts = text.split("/")
    if len(parts) > 2:
        raise DateError(f"{text!r} has more than one '/' ({VALID_FORMS})")
    lower = _bound(parts[0], first=True)
    upper = _bound(parts[-1], first=False)
    for part in parts:
        _check_day_exists(text, part)
    if len(parts) == 2 and lower != _EARLIEST and upper != _LATEST and upper < lower:
        raise DateError(f"{text!r}: the interval ends before it starts (write the earlier date first, e.g. 1942/1945)")
    del parsed
    return Edtf(text, lower, upper, _precision(parts[0]))


def _check_day_exists(text: str, part: str) -> None:
    match = _PART.match(part)
    if not match or not match["day"] or "X" in match["day"] or "X" in (match["month"] or "X") or "X" in match["year"]:
        return
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if month <= 12 and day > calendar.monthrange(year, month)[1]:
        raise DateError(f"{text!r}: {calendar.month_name[month]} {year} has no day {day} ({VALID_FORMS})")


def _precision(part: str) -> str:
    match = _PART.match(part)
    if not match or "X" in match["year"]:
        return "unknown"
    if match["month"] and int(match["month"].replace("X", "0") or 0) > 12:
        return "season"
    if match["day"] and "X" not in match["day"]:
        return "day"
    if match["month"] and "X" not in match["month"]:
        return "month"
    return "year"


def _bound(part: str, *, first: bool) -> dt.date:
    """Earliest (``first``) or latest day of one side of an interval."""
    if part in ("", ".."):
        return _EARLIEST if first else _LATEST
    parsed = parse_edtf(part)
    struct = parsed.lower_strict() if first else parsed.upper_strict()
    try:
        year = struct.tm_year
        if not 1 <= year <= 9998 or _precision(part) == "unknown":
            return _EARLIEST if first else _LATEST
        day = min(struct.tm_mday, calendar.monthrange(year, struct.tm_mon)[1])
        return dt.date(year, struct.tm_mon, day)
    except (AttributeError, TypeError, ValueError):
        return _EARLIEST if first else _LATEST


def humanize(text: str) -> str:
    """Write an EDTF string for people.

    ``1942-07-28`` -> "28 July 1942"; ``1942-06~`` -> "c. June 1942";
    ``1942-06?`` -> "June 1942 (uncertain)"; ``2025-06/2025-07`` -> "June–July 2025";
    ``1942/1945`` -> "1942–1945"; ``2022-09/..`` -> "from September 2022";
    ``XXXX-09-25`` -> "25 September (year not stated)".
    """
    parts = text.split("/")
    if len(parts) == 1:
        return _human_part(parts[0])
    start, end = parts
    if start in ("", ".."):
        return "until " + _human_part(end)
    if end in ("", ".."):
        return "from " + _human_part(start)
    a, b = _PART.match(start), _PART.match(end)
    if a and b and not a["qual"] and not b["qual"] and a["year"] == b["year"] and "X" not in a["year"]:
        # Same year: "June–July 2025", "3–28 June 1942".
        if a["month"] and b["month"] and a["month"] == b["month"] and a["day"] and b["day"]:
            return f"{int(a['day'])}–{int(b['day'])} {_month(b['month'])} {b['year']}"
        if a["month"] and b["month"] and not a["day"] and not b["day"]:
            return f"{_month(a['month'])}–{_month(b['month'])} {b['year']}"
    return f"{_human_part(start)}–{_human_part(end)}"


def _month(value: str) -> str:
    number = int(value)
    if number in _SEASONS:
        return _SEASONS[number]
    return calendar.month_name[number]


def _human_part(part: str) -> str:
    match = _PART.match(part)
    if not match:
        return part
    year, month, day, qual = match["year"], match["month"], match["day"], match["qual"]
    if "X" in year:
        if month and "X" not in month and day and "X" not in day:
            words = f"{int(day)} {_month(month)} (year not stated)"
        elif month and "X" not in month:
            words = f"{_month(month)} (year not stated)"
        else:
            words = "date unknown"
    else:
        shown_year = year.lstrip("0") or "0"
        if year.startswith("-"):
            shown_year = year[1:].lstrip("0") + " BCE"
        if month and "X" not in month:
            if day and "X" not in day:
                words = f"{int(day)} {_month(month)} {shown_year}"
            else:
                words = f"{_month(month)} {shown_year}"
        else:
            words = shown_year
    if qual == "~":
        return "c. " + words
    if qual == "?":
        return words + " (uncertain)"
    if qual == "%":
        return "c. " + words + " (uncertain)"
    return words
