"""Finding glossary terms in text: whole words, any case, plurals and aliases, longest match first.

One Aho–Corasick automaton (``pyahocorasick``) holds every name of every term
with its plural forms, so a text is scanned once whatever the number of terms:
the cost grows with the length of the text plus the matches found, not with
terms × length as one regular expression per term, or a single alternation of
all names, does. The same matcher finds the terms' uses in the sources (the
glossary page, the checks) and marks them on the pages (the tooltips), so the
two always agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from builder.quotes import normalize, replace_each

# One character for one: positions in the folded text are positions in the original.
_FOLD = tuple(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\n": " ", "\r": " ", "\t": " ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    }.items()
)
_VOWELS = frozenset("aeiou")


def fold(text: str) -> str:
    """``text`` in lower case with typographic quotes, dashes and spaces made plain, same length."""
    folded = replace_each(text, _FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters (such as 'İ') lower to two; keep those as they are.
    return "".join(low if len(low := c.lower()) == 1 else c for c in folded)


def plural_forms(name: str) -> tuple[str, ...]:
    """The English plural endings a folded name may take in running text: 'unit' -> 'units', 'colony' -> 'colonies'."""
    if not name or not ("a" <= name[-1] <= "z"):
        return ()
    forms = [name + "s", name + "es"]
    if len(name) > 1 and name[-1] == "y" and name[-2] not in _VOWELS:
        forms.append(name[:-1] + "ies")
    return tuple(forms)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass(frozen=True, order=True)
class Match:
    """One use of a term: ``text[start:end]`` names the term ``key``."""

    start: int
    end: int
    key: str


class TermMatcher:
    """Finds the names of many terms in text in one pass.

    Args:
        names: ``(key, name)`` pairs: each name (a term or one of its
            aliases) finds the term ``key``. A name given for two keys finds
            the first; a name written out wins over another term's plural.
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        names = tuple(names)
        self.key = hashlib.blake2b(repr(names).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        """A hash of the names and their keys, in order: what the matcher finds depends on nothing else."""
        best: dict[str, tuple[int, int, str]] = {}
        for order, (key, name) in enumerate(names):
            base = fold(normalize(name))
            if not base.strip():
                continue
            for rank, form in enumerate((base, *plural_forms(base))):
                candidate = (min(rank, 1), order, key)
                if form not in best or candidate < best[form]:
                    best[form] = candidate
        self._automaton: ahocorasick.Automaton | None = None
        if best:
            automaton = ahocorasick.Automaton()
            for form, (_, _, key) in sorted(best.items()):
                automaton.add_word(form, (len(form), key))
            automaton.make_automaton()
            self._automaton = automaton

    def _candidates(self, text: str) -> list[Match]:
        """Every whole-word occurrence of every name, overlapping ones included."""
        if self._automaton is None or not text:
            return []
        folded = fold(text)
        size = len(folded)
        found = []
        for last, (length, key) in self._automaton.iter(folded):
            start = last - length + 1
            if start > 0 and _is_word_char(folded[start - 1]):
                continue
            if last + 1 < size and _is_word_char(folded[last + 1]):
                continue
            found.append(Match(start, last + 1, key))
        return found

    def find(self, text: str) -> list[Match]:
        """Terms as a reader meets them: left to right, the longest name at each place, none overlapping.

        "blocking detachments" is one match, not "blocking" followed by
        "detachments".
        """
        return _leftmost_longest(self._candidates(text))

    def find_each(self, text: str) -> dict[str, list[Match]]:
        """Every use of each term, counted for each term on its own.

        Unlike :meth:`find`, a term inside another term's longer name still
        counts ("Stavka" in "Stavka Directive No. 227"), but one term never
        counts twice at one place.
        """
        by_key: dict[str, list[Match]] = {}
        for match in self._candidates(text):
            by_key.setdefault(match.key, []).append(match)
        return {key: _leftmost_longest(matches) for key, matches in sorted(by_key.items())}


@lru_cache(maxsize=4)
def _matcher(names: tuple[tuple[str, str], ...]) -> TermMatcher:
    return TermMatcher(names)


def term_matcher(terms: Iterable[Any]) -> TermMatcher:
    """One matcher for the names and aliases of glossary ``terms`` (:class:`builder.model.Term`).

    The same terms give the same matcher, made once: the check and the
    curate stage both need one, and a server's next build usually has the same terms.
    """
    return _matcher(tuple((term.id, name) for term in terms for name in (term.term, *term.aliases)))


def _leftmost_longest(candidates: list[Match]) -> list[Match]:
    chosen = []
    reached = 0
    for match in sorted(candidates, key=lambda m: (m.start, -m.end, m.key)):
        if match.start >= reached:
            chosen.append(match)
            reached = match.end
    return chosen
