"""Read a saved web page or plain text into article text and the metadata the page itself shows.

Extraction is trafilatura's (boilerplate removal, site name, canonical
address), htmldate's (publication date from the page's markup) and
:mod:`builder.pagemeta`'s (the headline shown on the page, and authors only
from the article's own byline and author markup).
Both receive the saved bytes, never an address: htmldate downloads a string
that starts with "http", so no string goes in. Nothing is guessed: what the
page does not show stays unknown and is listed, and the date is taken only
from markup (``extensive_search=False``), never from the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from builder.pagemeta import read_meta

MAX_INPUT_BYTES = 5_000_000
"""Largest page read, in bytes."""
MIN_WORDS = 30
"""Fewer words than this after furniture is removed is no article."""
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_FURNITURE = re.compile(
    r"""^(?:
        share\s+this(?:\s+article|\s+story|\s+page)?.* | share\s+on\s+\w+ | comments? | close\s+button
      | read\s+(?:next|also|more)\b.* | related(?:\s+(?:posts|articles|stories|news))?:? | you\s+(?:might|may)\s+also\s+like.*
      | more\s+from\s+.{0,40} | (?:copyright\s+)?©.* | copyright\s+\d{4}.* | all\s+rights\s+reserved.*
      | privacy(?:\s+(?:and|&)\s+cookie)?\s+polic(?:y|ies)\.? | .*\bcookies?\b.{0,80}(?:accept|policy|consent).*
      | (?:sign\s+up|subscribe)\b.{0,80} | follow\s+us\b.* | become\s+a\s+patron.* | support\s+us\b.*
      | to\s+suggest\s+a\s+correction.* | you\s+can\s+also\s+highlight\s+the\s+text.* | please\s+leave\s+your\s+suggestions.*
      | advertisement | .*\bis\s+supported\s+by\b.{0,80} | !\[.*\]\(.*\) | by\s+[A-Z][^\n]{0,60}\|\s*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
"""Lines that are site furniture, not article text: share buttons, related links, notices, image markup."""
_NOTICE = re.compile(r"^when\s+referencing\s+our\s+materials|^to\s+reprint\s+anything", re.IGNORECASE)
_APPEAL = re.compile(r"support\s+of\s+readers\s+like\s+you|become\s+a\s+(?:patron|member|supporter)|donat(?:e|ion)|join\s+our\s+community", re.IGNORECASE)
_LIST_HEADER = re.compile(r"^(?:you\s+(?:might|may)\s+also\s+like|related(?:\s+posts|\s+articles|\s+stories)?:?|read\s+(?:also|more|next):?|more\s+stories)$", re.IGNORECASE)
_CREDIT = re.compile(r"(?:\b(?:AFP|AP|Reuters|Getty\s+Images|EPA|TASS|Shutterstock)\b|/AP\d{4})[\]\)\.\s]*$", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+((?:[A-Z][\w.'’-]+)(?:\s+[A-Z][\w.'’-]+){0,3})\s*(?:\||,|$)")

LANGUAGE_NAMES = {
    "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pl": "Polish", "pt": "Portuguese", "nl": "Dutch", "cs": "Czech", "tr": "Turkish",
    "zh": "Chinese", "ja": "Japanese", "ar": "Arabic", "fi": "Finnish", "sv": "Swedish", "kk": "Kazakh",
}


class BadInput(Exception):
    """The file is not an English article that can be imported; the message says why and what to do."""


@dataclass(frozen=True)
class Imported:
    """What a saved page yields: the article text and the metadata it shows."""

    text: str
    title: str | None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    """Publication date as EDTF (``YYYY-MM-DD``), from the page's markup."""
    language: str = "en"
    found: dict[str, str] = field(default_factory=dict)
    """Field -> where it was found, for the report."""
    inferred: dict[str, str] = field(default_factory=dict)
    """Field -> how it was inferred, for the source's ``inferred:``."""
    removed: int = 0
    """Lines of site furniture removed."""
    reuse: tuple[int, str] | None = None
    """The publisher's stated reuse limit (characters) and its words, when the page states one."""


def read_article(path: Path, url: str | None = None, title: str | None = None) -> Imported:
    """Import the saved page or text at ``path``.

    Args:
        path: a saved HTML page or a plain-text file.
        url: the article's address, when the contributor knows it (overrides the page's own).
        title: the headline, when the contributor gives it (overrides the page's own).

    Raises:
        BadInput: for a missing, binary, empty or non-English file, or one with no article text.
    """
    raw = _read(path)
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.search(raw[:4096]):
        imported = _from_html(raw, path)
    else:
        imported = _from_text(_decode(raw, path), path)
    reuse = _reuse_statement(raw)
    if reuse is not None:
        from dataclasses import replace as _replace

        imported = _replace(imported, reuse=reuse, found={**imported.found, "reuse": "the publisher's reuse notice on the page"})
    text = imported.text
    if len(re.findall(r"[A-Za-z]{2,}", text)) < MIN_WORDS and len(re.findall(r"\w{2,}", text)) < MIN_WORDS:
        raise BadInput(f"{path}: no article text found (fewer than {MIN_WORDS} words once menus, links and notices are removed); save the article's own page, or paste its text into a .txt file")
    _require_english(text, path)
    changes: dict[str, object] = {}
    if url is not None:
        changes["url"] = url
        changes["found"] = {**imported.found, "url": "given with --url"}
    if title is not None:
        changes["title"] = title
        changes["found"] = {**changes.get("found", imported.found), "title": "given with --title"}  # type: ignore[dict-item]  # the dict of changes holds values of several fields' types
        changes["inferred"] = {k: v for k, v in imported.inferred.items() if k != "title"}
    if changes:
        from dataclasses import replace

        imported = replace(imported, **changes)  # type: ignore[arg-type]  # the dict of changes holds values of several fields' types
    if not imported.title:
        raise BadInput(f"{path}: no headline found in the page; give it with --title \"...\"")
    return imported


def _read(path: Path) -> bytes:
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    if not path.is_file():
        raise BadInput(f"{path}: not a regular file; give the saved page (.html) or a text file (.txt)")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(f"{path}: the file is empty; save the page again (File > Save Page As) or paste the article's text")
    if size > MAX_INPUT_BYTES:
        raise BadInput(f"{path}: {size:,} bytes is over the limit of {MAX_INPUT_BYTES:,}; save only the article's page")
    raw = path.read_bytes()
    if b"\x00" in raw[:65536] or _looks_binary(raw[:65536]):
        raise BadInput(f"{path}: this is a binary file (an image, PDF or archive?), not a saved web page or text; save the page as HTML or paste the article's text into a .txt file")
    return raw


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.01


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise BadInput(f"{path}: the text's encoding could not be read; save it as UTF-8")
    return str(best)


_REUSE = re.compile(r"[^.\n<>]*\bmaximum(?:\s+of)?\s+(\d[\d,]*)[-\s]characters?\s+extract[^.\n<>]*", re.IGNORECASE)


def _reuse_statement(raw: bytes) -> tuple[int, str] | None:
    """A reuse limit the publisher states, such as "a maximum 500-character extract of the story"."""
    match = _REUSE.search(raw.decode("utf-8", "replace"))
    if match is None:
        return None
    words = re.search(r"(?:an?\s+)?maximum.*", match.group(0).strip(), re.IGNORECASE)
    return int(match.group(1).replace(",", "")), " ".join((words.group(0) if words else match.group(0)).split())


def _from_html(raw: bytes, path: Path) -> Imported:
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # A Document, as asked (as_dict is left False); the library's type also allows the dict it gives otherwise.
    assert not isinstance(document, dict)
    if document is None or not (document.text or "").strip():
        raise BadInput(f"{path}: no article text found in the page (it may be a menu, a login or a cookie page); save the article's own page, or paste its text into a .txt file")
    lines, removed = _clean_lines(_normalize(document.text or "").split("\n"))
    found: dict[str, str] = {}
    inferred: dict[str, str] = {}
    publisher = _clean(document.sitename)
    meta = read_meta(raw, document.text or "", publisher)
    found.update(meta.found)
    inferred.update(meta.inferred)
    title = meta.title
    if title is None:
        title = _clean(document.title)
        if title:
            found["title"] = "the page's title markup"
    authors = meta.authors
    if publisher:
        found["publisher"] = "the page's site name markup"
    url = document.url if document.url and re.match(r"https?://\S+$", document.url) else None
    if url:
        found["url"] = "the page's canonical address"
    published = htmldate.find_date(raw, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if published:
        found["published"] = "the page's date markup"
    language = _html_language(raw)
    if title and lines and _clean(lines[0]) == title:
        lines = lines[1:]
    return Imported("\n\n".join(lines), title, authors, publisher, url, published, language or "en", found, inferred, removed)


def _html_language(raw: bytes) -> str | None:
    match = re.search(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", raw[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii").lower() if match else None


def _from_text(text: str, path: Path) -> Imported:
    raw_lines = _normalize(text).split("\n")
    found: dict[str, str] = {}
    inferred: dict[str, str] = {}
    authors: tuple[str, ...] = ()
    for line in [text for text in raw_lines if text.strip()][:12]:
        byline = _BYLINE.match(line.strip())
        if byline:
            authors = (byline.group(1),)
            found["authors"] = "the byline in the text"
            break
    lines, removed = _clean_lines(raw_lines)
    title = None
    for index, line in enumerate(lines[:5]):
        if line.rstrip().endswith((".", ":", ";", ",", "!", "?")) or len(line) > 200:
            break
        if len(line.split()) >= 3:
            title = line.strip()
            removed += index
            lines = [text for text in lines[index + 1 :] if text.strip() != title]
            inferred["title"] = "The first line of the saved text that reads as a headline."
            found["title"] = "the first line of the text that reads as a headline"
            break
    return Imported("\n\n".join(lines), title, authors, None, None, None, "en", found, inferred, removed)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text)


def _clean_lines(lines: list[str]) -> tuple[list[str], int]:
    """Article paragraphs with furniture lines dropped, and how many were dropped.

    After a "You might also like" or "Related posts" heading, the short lines
    that follow (the linked headlines) go too.
    """
    kept: list[str] = []
    removed = 0
    in_list = False
    seen: set[str] = set()
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if _LIST_HEADER.match(line):
            in_list = True
            removed += 1
            continue
        if in_list and len(line) < 160 and not line.endswith((".", "”", '"')):
            removed += 1
            continue
        in_list = False
        if _FURNITURE.match(line) or _NOTICE.match(line) or (_APPEAL.search(line) and len(line) < 2000 and _appeal_like(line)) or (_CREDIT.search(line) and len(line) < 400) or line in seen:
            removed += 1
            continue
        seen.add(line)
        kept.append(line)
    return kept, removed


def _appeal_like(line: str) -> bool:
    """A donation appeal speaks to the reader: 'you', 'us', 'our'."""
    words = re.findall(r"\b(?:you|your|us|our|we)\b", line, re.IGNORECASE)
    return len(words) >= 3


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _require_english(text: str, path: Path) -> None:
    import py3langid

    sample = text[:20000]
    language, _ = py3langid.classify(sample)
    if language != "en":
        name = LANGUAGE_NAMES.get(language, f"not English ({language})")
        raise BadInput(
            f"{path}: the text looks {name} ({language}), and add reads English only, because its drafts of dates and figures follow English wording; "
            "add the source by hand as CONTRIBUTING.md describes"
        )
