"""Finding quotes in article text, insensitive to whitespace and typographic quotes.

Contributors copy quotes from a browser, an editor or a PDF, which differ in
curly versus straight quotes, dashes and line breaks. The match ignores those
differences and nothing else: a quote must be the source's words in order.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    }
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold the differences a copy-and-paste introduces, keeping the words and their order."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip()


class QuoteIndex:
    """One article's text, prepared for repeated quote look-ups."""

    def __init__(self, body: str) -> None:
        self.text = normalize(body)

    def contains(self, quote: str) -> bool:
        return normalize(quote) in self.text

    def closest(self, quote: str, context: int = 0) -> str:
        """The passage of the text most like ``quote``, for an error message.

        Anchors on the longest run the two share, then takes a window of the
        quote's length around it, cut at word boundaries.
        """
        wanted = normalize(quote)
        if not wanted or not self.text:
            return ""
        matcher = difflib.SequenceMatcher(None, self.text, wanted, autojunk=False)
        match = matcher.find_longest_match(0, len(self.text), 0, len(wanted))
        if match.size == 0:
            return ""
        start = max(0, match.a - match.b - context)
        end = min(len(self.text), start + len(wanted) + 2 * context)
        while start > 0 and self.text[start - 1] != " ":
            start -= 1
        while end < len(self.text) and self.text[end] != " ":
            end += 1
        return self.text[start:end].strip()
