"""Candidate glossary terms in an article: the domain words a reader may need explained.

A candidate is a word or name the text marks as a term: one it defines or
glosses ("so-called blocking units", "known as Storm-Z", "zagradotryady
(blocking detachments)"), a transliterated word in quotation marks, an
acronym it spells out ("military intelligence (HUR)"), or a named law,
order or unit ("Order No. 227", "Article 337", "the 20th Motorized Rifle
Division", "the Wagner Group"). Quotation marks alone do not make a term: an
article also quotes people ("It's barbaric") and holds words at a distance
("patently false", "illegal"), and a reviewer keeps none of those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Candidate", "candidates"]


@dataclass(frozen=True)
class Candidate:
    words: str
    start: int
    why: str
    """How the text marks it as a term, for the reviewer."""


_QUOTED = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())(?:“([^”\n]{3,60})”|\"([^\"\n]{3,60})\"|‘([^’\n]{3,60})’|'([^'\n]{3,60})'(?![A-Za-z]))")
_DEFINED = re.compile(
    r"\b(?:so-called|known\s+as|dubbed|nicknamed|called\s+them|(?:what\s+(?:it|they|he|she)\s+)?calls?\s+(?:it|them|its|their)?|termed|referred\s+to\s+as|the\s+(?:term|word|phrase))"
    r"\s+[“\"‘']?((?:[A-Za-z][\w’'-]*\s+){0,3}[A-Za-z][\w’'-]*)"
)
_GLOSS_AFTER = re.compile(r"[”\"’']?\s*(?:\(|,\s*(?:meaning|literally|or|i\.e\.)\b|\s+(?:means|meaning|literally)\b|\s*[—–-]\s+(?:a|an|the)\s)")
_DEFINING_BEFORE = re.compile(r"(?:so-called|known\s+as|dubbed|nicknamed|called|calls|termed|referred\s+to\s+as|the\s+(?:term|word|phrase)|what\s+\w+\s+calls?\s+(?:its|their)?)\s*$", re.IGNORECASE)
_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")
_AGENCIES = frozenset("AP AFP EFE TASS DPA UPI ANSA RIA".split())
"""News agencies in a dateline ("MOSCOW (AP) —"): credits, not terms."""
_LAW = re.compile(r"\b(?:(?:Stavka\s+|Federal\s+|Presidential\s+)?(?:Order|Directive|Decree|Article|Law|Resolution))\s+(?:No\.\s*)?\d+[\w.-]*")
_UNIT = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][\w-]+\s+){1,3}(?:Group|Division|Brigade|Regiment|Battalions?|Detachments?|Corps|Army|Directorate|Guard)\b"
    r"|\b[A-Z][a-z]+-[A-Z]\b"
)
_TRANSLITERATED = re.compile(r"(?:zh|kh|shch|tsy|ya|yu|yy|iy|ye|ovka|ovo|nik|chik|ets|ka)\w*$|(?:zh|kh|shch|yy)", re.IGNORECASE)
_NOT_IN_A_TERM = frozenset(
    "i i'm i’m it it's it’s its we you he she they them us me my our your his her their this these those that there here "
    "is are was were be been being am isn't isn’t aren't aren’t wasn't wasn’t don't don’t doesn't doesn’t won't won’t "
    "will would can could should must may might do does did have has had even very so too just really quite "
    "false true absurd ridiculous nonsense lie lies lying fake baseless untrue outrageous shameful disgusting barbaric "
    "illegal legal extremist terrorist criminal fascist nazi nazis insane crazy stupid ugly wrong right good bad "
    "great terrible horrible monstrous cynical unacceptable unfounded fabricated propaganda hoax".split()
)
"""Words that make quoted words a quotation or a judgement, not a term: pronouns, auxiliaries, evaluations."""
_LEADING = frozenset("The A An In On At By For From As But And After Before Each Every Some All Both Its Their His Her Our Under With".split())
"""Capitalised words that open a sentence before a name ("Each Red Army Group") and are not part of it."""
_ENGLISH_ENDINGS = ("ing", "ed", "ly", "ous", "ful", "ive", "able", "ible", "ist", "ism", "ion", "ment", "ness", "ity", "al", "ic", "er", "est")


def candidates(body: str) -> list[Candidate]:
    """Every candidate term in ``body``, in the order the text gives them (one per occurrence)."""
    found: list[Candidate] = []
    for m in _QUOTED.finditer(body):
        group = next(i for i in range(1, 5) if m.group(i) is not None)
        words = m.group(group).strip().rstrip(".,;:!?")
        why = _quoted_term(body, words, m.start(group), m.end())
        if why:
            found.append(Candidate(words, m.start(group), why))
    for m in _DEFINED.finditer(body):
        words = _named(body, m)
        if words and words.split()[0].lower() not in _NOT_IN_A_TERM:
            found.append(Candidate(words, m.start(1), "the text names it as a term"))
    for m in _ACRONYM.finditer(body):
        if m.group(1) not in _AGENCIES:
            found.append(Candidate(m.group(1), m.start(1), "an acronym the text spells out"))
    for m in _LAW.finditer(body):
        found.append(Candidate(m.group(0).rstrip("."), m.start(), "a law or order the text names"))
    for m in _UNIT.finditer(body):
        words = m.group(0)
        first = words.split()[0]
        if first in _LEADING and len(words.split()) > 1:
            words = words[len(first) :].lstrip()
        found.append(Candidate(words, m.end() - len(words), "an organisation or unit the text names"))
    return sorted(found, key=lambda c: c.start)


_STOP = frozenset(
    "a an the of in on at to for from by with and or but as that which who whom whose was were is are be been had has have "
    "will would could should may might stood stand stands behind before after during into onto over under".split()
)


def _named(body: str, m: re.Match[str]) -> str:
    """The words after "so-called" or "known as": the quoted words, else up to the first plural noun or function word."""
    if body[m.start(1) - 1 : m.start(1)] in "“\"‘'" and m.start(1) > m.start():
        close = re.match(r"[^”\"’'\n]{1,60}", body[m.start(1) :])
        return close.group(0).strip().rstrip(".,;:") if close else ""
    words: list[str] = []
    for word in m.group(1).split():
        bare = word.rstrip(".,;:")
        if bare.lower() in _STOP:
            break
        words.append(bare)
        if bare != word or (bare.endswith("s") and not bare.endswith("ss")):
            break
    return " ".join(words)


def _quoted_term(body: str, words: str, start: int, end: int) -> str | None:
    """Why words in quotation marks are a term, or ``None`` when they are a quotation or a judgement."""
    parts = words.split()
    if not 1 <= len(parts) <= 5 or re.search(r"[.!?]\s", words) or words[0].isdigit() or any(ch.isdigit() for ch in words):
        return None
    lowered = [p.strip(",;:").lower() for p in parts]
    if any(p in _NOT_IN_A_TERM for p in lowered) or any(p.endswith("ly") and len(p) > 4 for p in lowered):
        return None
    if _DEFINING_BEFORE.search(body, max(0, start - 40), max(0, start - 1)):
        return "the text names it as a term"
    if _GLOSS_AFTER.match(body, end):
        return "the text glosses it"
    if len(parts) == 1:
        word = lowered[0]
        if _TRANSLITERATED.search(word) and not word.endswith(_ENGLISH_ENDINGS):
            return "a transliterated word"
        return None
    if words[0].isupper() and all(p[0].isupper() for p in parts if len(p) > 3):
        return "a name in quotation marks"
    if not lowered[-1].endswith(_ENGLISH_ENDINGS[2:]) or lowered[-1].endswith(("er", "ist", "ion", "ment", "ism")):
        return "a name for a practice, in quotation marks"
    return None
