"""Finding quotes in article text, insensitive to whitespace and typographic quotes.

Contributors copy quotes from a browser, an editor or a PDF, which differ in
curly versus straight quotes, dashes and line breaks. The match ignores those
differences and nothing else: a quote must be the source's words in order.
"""

from __future__ import annotations

import re
import unicodedata

_PASTE_FOLDS = tuple(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    }.items()
)
_WORD = re.compile(r"\w+")

MAX_PROBES = 400
"""Most substring searches of the text one closest-passage look-up makes."""


def replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each single character ``old`` of ``pairs`` replaced by ``new``.

    Same result as ``str.translate`` with that table, but a search per
    character (in C, and most are absent) instead of a dictionary look-up per
    character of the text, which a whole article makes slow.
    """
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def normalize(text: str) -> str:
    """Fold the differences a copy-and-paste introduces, keeping the words and their order."""
    if text.isascii():  # most text: NFKC leaves ASCII alone, and one fold is ASCII
        return " ".join(text.replace("`", "'").split())
    text = replace_each(unicodedata.normalize("NFKC", text), _PASTE_FOLDS)
    # str.split() breaks at the same Unicode whitespace as the regex \s, without a regex.
    return " ".join(text.split())


class QuoteIndex:
    """One article's text, prepared for repeated quote look-ups."""

    def __init__(self, body: str) -> None:
        self.text = normalize(body)
        self._found: dict[str, bool] = {}
        """Quotes looked up already (an index may be kept from one build to the next)."""

    def contains(self, quote: str) -> bool:
        found = self._found.get(quote)
        if found is None:
            found = self._found[quote] = normalize(quote) in self.text
        return found

    def closest(self, quote: str, context: int = 0) -> str:
        """The passage of the text most like ``quote``, for an error message.

        Anchors on the longest run the two share that starts at one of the
        quote's words, then takes a window of the quote's length around it,
        cut at word boundaries. Each step is a substring search in C, and
        there are at most :data:`MAX_PROBES` of them plus a few per
        improvement, where a character-by-character diff (difflib) grows
        with the product of the two lengths (``benchmarks/hostile_inputs.py``
        and its README section have the figures).
        """
        wanted = normalize(quote)
        if not wanted or not self.text:
            return ""
        found = self._anchor(wanted)
        if found is None:
            return ""
        offset, at = found
        start = max(0, at - offset - context)
        end = min(len(self.text), start + len(wanted) + 2 * context)
        if start > 0:
            start = self.text.rfind(" ", 0, start) + 1
        space = self.text.find(" ", end)
        end = len(self.text) if space < 0 else space
        return self.text[start:end].strip()

    def _anchor(self, wanted: str) -> tuple[int, int] | None:
        """(offset in ``wanted``, offset in the text) of the longest shared run found."""
        starts = [0, *(m.start() for m in _WORD.finditer(wanted) if m.start() > 0)]
        if len(starts) > MAX_PROBES:
            step = len(starts) / MAX_PROBES
            starts = [starts[int(i * step)] for i in range(MAX_PROBES)]
        best, best_start = 0, 0
        for i in starts:
            room = len(wanted) - i
            if room <= best or wanted[i : i + best + 1] not in self.text:
                continue
            # Gallop up from a length known to be found, then halve the gap.
            low, high = best + 1, best + 2
            while high <= room and wanted[i : i + high] in self.text:
                low, high = high, min(room + 1, best + 2 * (high - best))
            high = min(high, room + 1)
            while high - low > 1:
                middle = (low + high) // 2
                if wanted[i : i + middle] in self.text:
                    low = middle
                else:
                    high = middle
            best, best_start = low, i
        if best == 0:
            return None
        return best_start, self.text.find(wanted[best_start : best_start + best])


def lookalikes(text: str) -> list[str]:
    """Letters from another script hidden inside a word, described for a message.

    A Cyrillic 'а' inside a Latin word looks the same on screen but makes a
    quote fail to match; naming the character lets a contributor find it.
    Words written wholly in one script (Cyrillic terms, for example) are fine.
    """
    found: list[str] = []
    for word in _WORD.findall(text):
        scripts = [_script(c) for c in word]
        letters = [s for s in scripts if s]
        if len(set(letters)) < 2:
            continue
        main = max(sorted(set(letters)), key=letters.count)
        for char, script in zip(word, scripts):
            if script and script != main:
                described = f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, '?')}) in {word!r}"
                if described not in found:
                    found.append(described)
    return found


def _script(char: str) -> str:
    """The script a letter belongs to (LATIN, CYRILLIC, GREEK ...); '' for other characters."""
    if not unicodedata.category(char).startswith("L"):
        return ""
    return unicodedata.name(char, "").split(" ", 1)[0]
