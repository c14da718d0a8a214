"""Markdown building blocks that make untrusted text safe to embed.

Every string that comes from a source or a contributor passes through
:func:`text` (inline) or :func:`paragraphs` (blocks) before it reaches a page:
HTML is escaped to entities and Markdown syntax is backslash-escaped, so it is
shown as typed and never becomes a link, an image, markup or a script.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from urllib.parse import quote as _percent

_INLINE = re.compile(r"([\\`*_{}\[\]()!#+])")
_ENTITIES = str.maketrans({"|": "&#124;", "~": "&#126;", "^": "&#94;"})
_LINE_START = re.compile(r"^(\s*)([-+=?:])")
_ORDERED = re.compile(r"^(\s*\d+)\.")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ATTR_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()!|~^=+:$@"})
_PLAIN_DROP = str.maketrans({c: " " for c in "<>{}[]`*_#|\\^~$"} | {"&": " and ", '"': "'"})
_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\x7f-\x9f&<>\\`*_{}\[\]()!#+|~^]|[^\S ]|  |^ | $|^[-=?:]|^\d+\.")
"""Anything :func:`_escaped` would change: a character it escapes or replaces, whitespace
other than single spaces between words, or a start that Markdown would read as a block."""
_CACHED = 1 << 16
"""Entries per memo: a site repeats titles, places, dates and amounts on many pages."""


def text(value: str) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text."""
    return _text(str(value))


@lru_cache(maxsize=_CACHED)
def _text(value: str) -> str:
    """:func:`text`, memoised: a site shows the same titles, places, dates and amounts on many pages."""
    # Most strings (names, titles, dates in words) need no escaping at all: one
    # regular expression search says so, cheaper than the passes of _escaped.
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    return _escaped(value)


def _escaped(value: str) -> str:
    """:func:`text` in full, for any string: the reference the shortcuts above must agree with."""
    flat = " ".join(_visible(value).split())
    escaped = html.escape(flat, quote=False)
    escaped = _INLINE.sub(r"\\\1", escaped).translate(_ENTITIES)
    # Text that starts with '-', '1.', '=' or ':' would become a list, heading or definition.
    escaped = _ORDERED.sub(r"\1\\.", escaped)
    return _LINE_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", escaped)


def code(value: str) -> str:
    """Untrusted text as an inline code span, shown exactly as typed.

    Inside a code span Markdown escapes HTML itself and ignores backslashes
    and entities, so :func:`text` would show its escapes; the span's fence is
    made longer than any run of backticks in the text instead.
    """
    flat = " ".join(_visible(value).split())
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def plain(value: str) -> str:
    """Untrusted text reduced to plain words, for page titles and meta tags.

    Themes put these into ``<title>``, attributes and navigation without
    escaping, so anything that could be markup is dropped rather than escaped.
    """
    return " ".join(str(value).translate(_PLAIN_DROP).split())


def counted(count: int, word: str, words: str | None = None) -> str:
    """'1 source', '1,204 sources': a count and its noun, thousands separated (counts grow with the corpus)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


def paragraphs(value: str) -> str:
    """Untrusted multi-paragraph text: blank lines separate paragraphs."""
    parts = [p for p in re.split(r"\n\s*\n", str(value).strip()) if p.strip()]
    return "\n\n".join(text(p) for p in parts)


def quote(value: str) -> str:
    """A verbatim quote, in curly quotation marks."""
    return "“" + text(value) + "”"


def attr(value: str) -> str:
    """Untrusted text for an HTML attribute value (double-quoted).

    Python-Markdown runs its link, image and emphasis patterns before it
    recognises inline HTML, so ``[x](javascript:...)`` inside an attribute
    would become a live link there. Every character those patterns look for is
    written as a numeric entity, which the browser turns back into the same
    text and Markdown leaves alone.
    """
    return " ".join(_visible(value).split()).translate(_ATTR_ENTITIES)


def _visible(value: object) -> str:
    """``value`` as text without control characters, which HTML cannot show and Markdown uses as placeholders."""
    return _CONTROL.sub(" ", str(value))


def url(value: str) -> str:
    """A checked http(s) address as a Markdown link target.

    Parentheses, quotes, spaces and angle brackets are percent-encoded (they
    are not in ``safe``): a raw one could end the link target or start a title.
    """
    return _percent(value, safe="/:?#[]@!$&*+,;=%-._~")


def link(label_md: str, target: str) -> str:
    """A link; ``label_md`` must already be safe Markdown."""
    return f"[{label_md}]({target})"


def rel(from_page: str, to_page: str) -> str:
    """Relative link from one docs page to another (``a/b.md`` -> ``c.md#x``)."""
    return _rel_from(posixpath.dirname(from_page) or ".", to_page)


@lru_cache(maxsize=4 * _CACHED)
def _rel_from(folder: str, to_page: str) -> str:
    """:func:`rel` from any page in ``folder``; memoised, as pages share a handful of folders and link to the same pages."""
    path, _, anchor = to_page.partition("#")
    return _relpath(path, folder) + (f"#{anchor}" if anchor else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for paths inside the docs folder, without asking the OS for the working folder.

    ``relpath`` calls ``os.getcwd()`` twice per link, and a large site has
    hundreds of thousands of links.
    """
    path, start = posixpath.normpath(path), posixpath.normpath(start)
    if path.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    to = [p for p in path.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def number(value: float) -> str:
    """1234567 -> '1,234,567'; 2.5 -> '2.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


QUALIFIER_WORDS = {
    "stated": "",
    "exact": "exactly ",
    "approximately": "about ",
    "nearly": "nearly ",
    "more-than": "more than ",
    "at-least": "at least ",
    "at-most": "at most ",
    "up-to": "up to ",
}
STATED = " (as stated)"
"""After a number the source gives without a qualifier: readers are not told it is exact when the source does not say so."""


@lru_cache(maxsize=_CACHED, typed=True)
def amount(value: float | None, low: float | None, high: float | None, qualifier: str, unit: str, *, note: bool = True) -> str:
    """A figure as words: 'more than 1,000 deserters', '3–10 years (as stated)', '65% (as stated)'.

    ``note=False`` leaves out "(as stated)" for a caller that says it otherwise.

    Memoised: the sourcing notes show the same figures in many comparisons.
    """
    if value is not None:
        core = number(value)
    else:
        core = f"{number(low)}–{number(high)}"  # type: ignore[arg-type]  # without a value, low and high are given (the figure model requires one or the other)
    words = QUALIFIER_WORDS.get(qualifier, "") + core
    after = STATED if qualifier == "stated" and note else ""
    if unit.strip() in ("%", "percent"):
        return text(words + "%" + after)
    return text(f"{words} {unit}{after}")


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already safe Markdown."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def front(title: str, description: str) -> str:
    """Page metadata block: MkDocs reads ``title`` and ``description``."""
    def yaml_str(value: str) -> str:
        return '"' + plain(value) + '"'

    return f"---\ntitle: {yaml_str(title)}\ndescription: {yaml_str(description)}\n---\n\n"
