"""What a quote's words say, checked against what its entry gives.

A figure's value or range, qualifier and unit must be read from its quote
(:mod:`builder.numbers`), or the figure says how it was derived from the
words (``derived:``). A date the quote states must not contradict the date
or ``as_of`` the entry gives, unless a ``date_note`` says why. The check
stage reports what this module finds; the trust report counts it
(:func:`figure_readings`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder import datefinder, dates
from builder.model import FigureEntry
from builder.numbers import STATED, Reading, read

_TOLERANCE = 1e-9
_TIME = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour"}
_LENGTH = {"kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "km": "km", "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m"}
_PER = re.compile(r"\bper\s+(day|week|month|year)\b")
_DATE_WORD = re.compile(r"\d{4}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
"""What every date this check compares has: a year in digits or a month's name (the date finder is not run on quotes without)."""
_OPEN_AFTER = re.compile(r"\b(?:since|after|from)\s+$", re.IGNORECASE)
_OPEN_BEFORE = re.compile(r"\b(?:before|until|till|by|up\s+to)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One way an entry says other than its quote."""

    field: str
    """The entry's field the problem is on (``value``, ``qualifier``, ``derived``, ``measure``, ``date``, ``as_of``)."""
    message: str
    fix: str


@dataclass(frozen=True)
class FigureReading:
    """A figure and what its quote's words say: the trust report's line for it."""

    figure: str
    source: str
    words: str
    """What the quote says, as the quote writes it ('nearly 100'); empty when it states no number."""
    value: str
    """The value the figure gives ('100', '3–10')."""
    qualifier: str
    derived: bool
    """Whether the curators derived the value from the words (``derived:``)."""
    ok: bool
    """Whether the value, range, qualifier and unit are read from the words (or the figure says how it derived them)."""


def check_figure(entry: FigureEntry, unit: str | None) -> list[Finding]:
    """What is wrong with ``entry`` against its quote; ``unit`` is its measure's unit (``None`` when the measure is unknown)."""
    timexes = datefinder.find(entry.quote)
    dated = check_date(entry.quote, entry.as_of, "as_of", entry.date_note, timexes)
    return _check_number(entry, unit, timexes) + ([dated] if dated else [])


def _check_number(entry: FigureEntry, unit: str | None, timexes: list[datefinder.Timex]) -> list[Finding]:
    readings = read(entry.quote, timexes)
    if entry.derived is not None:
        return _check_derived(entry, readings)
    given = _given(entry)
    matching = [r for r in readings if _same_numbers(r, entry)]
    if not matching:
        field = "value" if entry.value is not None else "low"
        if not readings:
            return [Finding(field, f"the quote states no number (\"{_clip(entry.quote)}\"); {given}", "quote the words that state the number, or mark the figure derived: and say how")]
        return [Finding(field, f"the quote says {_said(readings)}; {given}", "write the number the quote states, or mark the figure derived: and say how")]
    findings: list[Finding] = []
    fitting = [r for r in matching if entry.qualifier in _allowed(r)]
    if not fitting:
        reading = matching[0]
        fix = f"write qualifier: {reading.qualifier}" if reading.qualifier not in ("exact", STATED) else "write qualifier: stated, or leave it out"
        if reading.qualifier == STATED and entry.qualifier == "exact":
            message = f"the quote says '{reading.words}' without saying it is exact or counted; qualifier is exact"
        elif "qualifier" not in entry.model_fields_set:
            message = f"the quote says '{reading.words}'; no qualifier is given, so the site would show it as stated"
            fix = f"add qualifier: {reading.qualifier}"
        else:
            message = f"the quote says '{reading.words}'; qualifier is {entry.qualifier}"
        findings.append(Finding("qualifier", message, fix))
    if unit is not None and not any(_unit_problem(r, unit) is None for r in fitting or matching):
        reading = (fitting or matching)[0]
        findings.append(Finding("measure", f"the quote says '{_with_unit(reading)}'; {_unit_problem(reading, unit)}", "use a measure in the unit the quote states, or mark the figure derived: and say how it was converted"))
    return findings


def _check_derived(entry: FigureEntry, readings: list[Reading]) -> list[Finding]:
    """A derived figure names, in ``derived:``, what the quote states that it was derived from; its qualifier keeps that hedge."""
    assert entry.derived is not None
    if not readings:
        return [Finding("derived", f"the quote states no number (\"{_clip(entry.quote)}\") for the figure to be derived from", "quote the words that state the number it comes from")]
    named = read(entry.derived)
    basis = [r for r in readings if any(_same_reading(r, n) for n in named)]
    if not basis:
        return [Finding("derived", f"derived: '{_clip(entry.derived)}' does not name what the quote states ({_said(readings)})", "say how the value comes from the quote's words, naming them, e.g. 'a third of 1.5 million'")]
    allowed = {q for r in basis for q in (*_allowed(r), "approximately")}
    if entry.qualifier not in allowed:
        words = basis[0].words
        return [Finding("qualifier", f"the quote says '{words}'; qualifier is {entry.qualifier}", f"write qualifier: {basis[0].qualifier if basis[0].qualifier != 'exact' else STATED}, or approximately for a rounded result")]
    return []


def check_date(quote: str, when: str | None, field: str, note: str | None = None, timexes: list[datefinder.Timex] | None = None) -> Finding | None:
    """A date in ``quote`` that ``when`` (the entry's ``field``, date or as_of) contradicts, unless ``note`` (its date_note) explains it.

    Conservative: an entry that agrees with any date the quote states
    passes; "since 2022" or "until 1945" is open on one side; a date
    without a year ("in July") is compared in each year ``when`` spans.
    """
    if when is None or note is not None or (timexes is None and not _DATE_WORD.search(quote)):
        return None
    item = dates.parse(when)
    if not item.year_known:
        return None
    stated = []
    for timex in datefinder.find(quote) if timexes is None else timexes:
        if timex.kind == "duration" or not timex.value:
            continue
        if timex.explicit_year:
            readings = [timex.value]
        elif timex.value.startswith("XXXX-") and item.upper.year - item.lower.year <= 2:
            # "in July", "September 25": the quote's month or day in each year the entry's date spans.
            readings = [timex.value.replace("XXXX", f"{year:04d}") for year in range(item.lower.year, item.upper.year + 1)]
        else:
            continue
        said = [d for d in (_parsed(r) for r in readings) if d is not None and d.year_known]
        if not said:
            continue
        opens_after = _OPEN_AFTER.search(quote, max(0, timex.start - 12), timex.start)
        opens_before = _OPEN_BEFORE.search(quote, max(0, timex.start - 12), timex.start)
        for d in said:
            lower = dates.dt.date.min if opens_before else d.lower
            upper = dates.dt.date.max if opens_after else d.upper
            if lower <= item.upper and item.lower <= upper:
                return None
        stated.append(timex)
    if not stated:
        return None
    said_words = " and ".join(f"'{t.text}'" for t in stated[:3])
    human = f" ({item.human()})" if item.human() != when else ""
    return Finding(field, f"the quote says {said_words}; {field} is {when}{human}", f"make {field} what the quote says, or add date_note: saying why they differ")


def _parsed(text: str) -> dates.Edtf | None:
    try:
        return dates.parse(text)
    except dates.DateError:
        return None


def figure_readings(sources, measures) -> list[FigureReading]:
    """Every published figure with what its quote says and whether the two agree, in source order.

    Args:
        sources: checked sources (:class:`builder.check.Source`), as in ``Content.sources``.
        measures: the measures, as in ``Content.measures``.
    """
    units = {m.id: m.unit for m in measures}
    rows = []
    for source in sources:
        if source.meta.draft:
            continue
        for entry in source.meta.figures:
            if entry.draft:
                continue
            readings = read(entry.quote)
            shown = [r for r in readings if _same_numbers(r, entry)] or readings
            ok = not check_figure(entry, units.get(entry.measure))
            words = "; ".join(r.words for r in shown[:3])
            rows.append(FigureReading(entry.id, source.id, words, _number_text(entry), entry.qualifier, entry.derived is not None, ok))
    return rows


# --- comparing ------------------------------------------------------------------------


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def _same_numbers(reading: Reading, entry: FigureEntry) -> bool:
    """Whether the reading gives the entry's number or range (a share such as 'a third' is never a figure's number as it stands)."""
    if reading.fraction or reading.vague:
        return False
    if entry.value is not None:
        return reading.value is not None and _same(reading.value, entry.value)
    return reading.low is not None and reading.high is not None and _same(reading.low, entry.low) and _same(reading.high, entry.high)  # type: ignore[arg-type]  # a figure without a value has low and high (FigureEntry's validator)


def _same_reading(a: Reading, b: Reading) -> bool:
    """Whether two readings state the same thing: 'about a third' and 'a third', 'hundreds' and 'hundreds'."""
    if a.vague or b.vague:
        return a.vague and b.vague and a.words.split()[-1].lower() == b.words.split()[-1].lower()
    return len(a.numbers()) == len(b.numbers()) and all(_same(x, y) for x, y in zip(a.numbers(), b.numbers()))


def _allowed(reading: Reading) -> set[str]:
    """The qualifiers a figure read from ``reading`` may have: the words' own, and stated for a number the source calls exact."""
    if reading.qualifier == "exact":
        return {"exact", STATED}
    return {reading.qualifier}


def _unit_problem(reading: Reading, unit: str) -> str | None:
    """Why the reading's unit is not the measure's ``unit``, or ``None`` when they fit (or the words do not settle it)."""
    wanted = _kind(unit, percent=unit.strip() in ("%", "percent"))
    said = _kind(reading.unit, percent=reading.percent)
    rate = _PER.search(unit.lower())
    if wanted[0] == "percent" or said[0] == "percent":
        if wanted[0] != said[0]:
            return f"the measure's unit is {unit}" if wanted[0] == "percent" else f"the quote gives a percentage; the measure's unit is {unit}"
    elif (wanted[0] != "count" and said != wanted) or (wanted[0] == "count" and said[0] != "count"):
        return f"the measure's unit is {unit}"
    if rate and reading.rate != rate.group(1):
        return f"the measure's unit is {unit}" + (f"; the quote gives a number per {reading.rate}" if reading.rate else "; the quote states no rate")
    if not rate and reading.rate and wanted[0] == "count":
        return f"the quote gives a number per {reading.rate}; the measure's unit is {unit}"
    return None


def _kind(words: str, *, percent: bool) -> tuple[str, str | None]:
    """What a unit's words measure: ('percent', None), ('time', 'year'), ('area', 'km'), ('length', 'mile') or ('count', None)."""
    if percent:
        return ("percent", None)
    parts = re.sub(r"[^a-z0-9² ]", " ", words.lower()).split()
    if not parts:
        return ("count", None)
    if parts[0] in _TIME:
        return ("time", _TIME[parts[0]])
    if parts[0] == "square" and len(parts) > 1 and parts[1] in _LENGTH:
        return ("area", _LENGTH[parts[1]])
    if parts[0].rstrip("²") in _LENGTH:
        return ("area" if parts[0].endswith("²") else "length", _LENGTH[parts[0].rstrip("²")])
    return ("count", None)


# --- words ----------------------------------------------------------------------------


def _given(entry: FigureEntry) -> str:
    if entry.value is not None:
        return f"value is {_number(entry.value)}"
    return f"low and high are {_number(entry.low)} and {_number(entry.high)}"  # type: ignore[arg-type]  # as above


def _number_text(entry: FigureEntry) -> str:
    return _number(entry.value) if entry.value is not None else f"{_number(entry.low)}–{_number(entry.high)}"  # type: ignore[arg-type]  # as above


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _said(readings: list[Reading]) -> str:
    shown = [f"'{r.words}'" for r in readings[:3]]
    more = f" and {len(readings) - 3} more" if len(readings) > 3 else ""
    return (" and ".join(shown) if len(shown) <= 2 else ", ".join(shown[:-1]) + " and " + shown[-1]) + more


_NOT_UNIT = frozenset({"of", "the", "were", "was", "in", "to", "and", "have", "has", "had", "on", "per", "a", "an", "for", "with", "by", "from", "at"})


def _with_unit(reading: Reading) -> str:
    """The reading with the words after it that say what it counts, as the quote writes them: '60 square miles', 'nearly 100 soldiers'."""
    words = []
    for word in reading.unit.split()[:2]:
        if word in _NOT_UNIT:
            break
        words.append(word)
    return " ".join([reading.words, *([] if reading.percent else words)])


def _clip(text: str, size: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
