"""What a saved page shows about its own article: the headline and who wrote it, each with where it was read.

The importer reads the article's text with trafilatura; the headline and the
authors are read here, because a page carries several of each and only some
are the article's. The headline shown on the page (its ``<h1>``) comes
before the one the page gives search engines and social networks
(``og:title``, ``twitter:title``), which is often shortened or rewritten.
Authors come only from the article's byline and its own author markup: a
fact-check's ClaimReview names the *claimant* (who said what is checked), and
a list of related articles names other articles' authors; neither wrote this
one. A news agency's byline ("By Reuters", "WASHINGTON (AP) —") is kept as
the author. What is read off the page is *found*; what is a reading of it (a
title cut out of ``<title>``, an agency named only in a dateline, a social
title where the page shows no headline) is *inferred*, and says how.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

__all__ = ["Meta", "read_meta"]


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    found: tuple[tuple[str, str], ...] = ()
    """(field, where it was read) for what the page shows."""
    inferred: tuple[tuple[str, str], ...] = ()
    """(field, how) for what was read into the page rather than off it."""


_ARTICLE_TYPES = frozenset(
    "Article NewsArticle ReportageNewsArticle AnalysisNewsArticle OpinionNewsArticle BackgroundNewsArticle "
    "ReviewNewsArticle AskPublicNewsArticle BlogPosting LiveBlogPosting Report ScholarlyArticle TechArticle".split()
)
_AGENCIES = {
    "reuters": "Reuters", "thomson reuters": "Reuters", "ap": "AP", "associated press": "Associated Press",
    "the associated press": "Associated Press", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "dpa": "dpa", "efe": "EFE", "ansa": "ANSA", "interfax": "Interfax", "tass": "TASS", "ukrinform": "Ukrinform",
    "bloomberg": "Bloomberg", "pa media": "PA Media", "press association": "PA Media",
}
"""News agencies, whose name is a byline of its own ("By Reuters")."""
_OUTSIDE = re.compile(r"related|recommend|read-?next|read-?more|more-?stories|more-?from|also-?like|teaser|promo|sidebar|widget|newsletter|comment|footer|nav|menu|card-list|trending|popular|most-read", re.IGNORECASE)
"""Classes and ids of page parts that list other articles: their bylines are not this article's."""
_BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:[Bb][Yy]|From)\s*:?\s+(.+?)\s*$")
_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|de|van|von|der|da|di|la|le|bin|al|el)){0,4}$")
_DATELINE = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,60}\((AP|AFP|Reuters|dpa|EFE|TASS|Interfax)\)\s*[—–-]")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")
_NOT_NAMES = re.compile(r"\b(?:staff|correspondent|reporter|editor|contributor|updated|published|min(?:ute)?s?\s+read|photo|video|follow|email|share)\b", re.IGNORECASE)


def read_meta(raw: bytes, text: str, site_name: str | None) -> Meta:
    """The headline and authors of the article in the saved page ``raw``, whose extracted text is ``text``."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return Meta()
    found: dict[str, str] = {}
    inferred: dict[str, str] = {}
    objects = list(_json_ld(tree))
    title = _headline(tree, objects, site_name, found, inferred)
    authors = _authors(tree, objects, text, found, inferred)
    return Meta(title, authors, tuple(found.items()), tuple(inferred.items()))


def _json_ld(tree) -> list[dict]:
    """The page's JSON-LD objects, ``@graph`` lists opened, nested objects not."""
    out: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                graph = item.get("@graph")
                if isinstance(graph, list):
                    out.extend(g for g in graph if isinstance(g, dict))
                else:
                    out.append(item)
    return out


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    return {str(k) for k in kind} if isinstance(kind, list) else {str(kind)}


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _outside_article(element) -> bool:
    """Whether ``element`` sits in a part of the page that is not the article (a list of related stories, a footer)."""
    for node in element.iterancestors():
        if node.tag in ("aside", "nav", "footer"):
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and _OUTSIDE.search(marks):
            return True
    return False


def _article_root(tree):
    """The page's article element (or its main), when it marks one."""
    for path in ("//article", "//main", '//*[@itemprop="articleBody"]/..'):
        found = [e for e in tree.xpath(path) if not _outside_article(e)]
        if found:
            return found[0]
    return tree


# --- the headline -------------------------------------------------------------


def _headline(tree, objects: list[dict], site_name: str | None, found: dict[str, str], inferred: dict[str, str]) -> str | None:
    for root in (_article_root(tree), tree):
        for h1 in root.iter("h1"):
            if _outside_article(h1):
                continue
            words = _clean(h1.text_content())
            if site_name and words and words.lower() == site_name.lower():
                continue  # the site's name set as a heading, above every page
            if words and len(words.split()) >= 2:
                found["title"] = "the headline shown on the page (its h1)"
                return words
    for item in objects:
        if _types(item) & _ARTICLE_TYPES and _clean(item.get("headline")):
            found["title"] = "the article's headline markup (JSON-LD headline)"
            return _clean(item.get("headline"))
    page_title = _clean(tree.findtext(".//title"))
    if page_title:
        cut = _without_site_name(page_title, site_name)
        if cut != page_title:
            inferred["title"] = f"The page's <title> without the site's name after it ('{page_title}')."
        else:
            found["title"] = "the page's <title>"
        return cut
    for name in ("og:title", "twitter:title"):
        content = _meta(tree, name)
        if content:
            inferred["title"] = f"The page shows no headline; this is its title for social networks ({name}), which may be shortened or reworded."
            return content
    return None


def _without_site_name(title: str, site_name: str | None) -> str:
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (site_name is None or site_name.lower() in parts[-1].lower() or parts[-1].lower() in site_name.lower()):
        return " - ".join(parts[:-1]) if site_name else title
    return title


def _meta(tree, name: str) -> str | None:
    for element in tree.xpath("//meta[@property=$n or @name=$n]", n=name):
        content = _clean(element.get("content"))
        if content:
            return content
    return None


# --- the authors --------------------------------------------------------------


def _authors(tree, objects: list[dict], text: str, found: dict[str, str], inferred: dict[str, str]) -> tuple[str, ...]:
    byline = _byline(tree)
    if byline:
        names, where = byline
        found["authors"] = where
        return names
    first_lines = [line for line in text.split("\n") if line.strip()][:3]
    for line in first_lines:
        by = _BY.match(line)
        if by and len(line) < 120:
            names = _names(by.group(1))
            if names:
                found["authors"] = "the byline at the top of the article's text"
                return names
    for item in objects:
        if not _types(item) & _ARTICLE_TYPES:
            continue  # a ClaimReview's author and its itemReviewed's (the claimant) did not write the article
        names = _markup_names(item.get("author"))
        if names:
            found["authors"] = "the article's author markup (JSON-LD author)"
            return names
    for name in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        content = _meta(tree, name)
        if content and not re.match(r"https?://", content):
            names = _names(content)
            if names:
                found["authors"] = f"the page's author markup (meta {name})"
                return names
    for line in first_lines[:2]:
        dateline = _DATELINE.match(line)
        if dateline:
            agency = dateline.group(1)
            inferred["authors"] = f"The article's dateline names the news agency that wrote it ('({agency}) —'); the page shows no byline."
            return (agency,)
    return ()


def _byline(tree) -> tuple[tuple[str, ...], str] | None:
    """Names in the article's visible byline: an element marked as its author, outside lists of other articles."""
    root = _article_root(tree)
    candidates = root.xpath('.//*[@rel="author" or @itemprop="author" or contains(@class, "byline") or contains(@class, "author") or contains(@class, "Byline") or contains(@class, "Author")]')
    if root is not tree:
        candidates += [e for e in tree.xpath('//header//*[contains(@class, "byline") or @rel="author"]') if e not in candidates]
    for element in candidates:
        if _outside_article(element) or element.tag in ("meta", "link", "script", "style", "img"):
            continue
        words = _clean(element.text_content())
        if not words or len(words) > 160:
            continue
        by = _BY.match(words)
        names = _names(by.group(1) if by else words)
        if names:
            agency = next((n for n in names if n.lower() in _AGENCIES), None)
            where = f"the article's byline ('{words}'{', a news agency' if agency else ''})"
            return names, where
    return None


def _markup_names(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not re.match(r"https?://", name):
            names += _names(name)
    return tuple(dict.fromkeys(names))


def _names(words: str) -> tuple[str, ...]:
    """People or agencies named in a byline's words ("Jane Roe and John Doe", "By Reuters"), or nothing."""
    words = re.sub(r"\s*\(([^)]*)\)\s*", " ", words).strip(" ,;|")
    words = re.sub(r"^(?:[Bb]y|From)\s*:?\s+", "", words)
    words = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+", words)[0]
    names: list[str] = []
    for part in _SPLIT.split(words):
        part = part.strip(" .,:")
        if not part:
            continue
        staff = re.match(r"(.+?)\s+(?:staff|reporters|correspondents|newsroom)$", part, re.IGNORECASE)
        agency = _AGENCIES.get((staff.group(1) if staff else part).lower())
        if agency:
            names.append(agency)
            continue
        if _NOT_NAMES.search(part) and names:
            continue  # a role after a name ("Jane Roe, Staff Writer")
        if _NOT_NAMES.search(part) or not _NAME.match(part) or len(part.split()) < 2:
            return ()
        names.append(part)
    return tuple(dict.fromkeys(names))
