"""Fast paths of the load and check stages give exactly what the plain forms give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder import quotes, terms

# Text drawn mostly from the characters the folds touch, so most examples exercise them.
_FOLDED = "".join(old for old, _ in (*quotes._PASTE_FOLDS, *terms._FOLD))
texts = st.text(alphabet=st.sampled_from(_FOLDED) | st.characters(), max_size=200)


@given(texts)
def test_replace_each_is_translate(text: str) -> None:
    for pairs in (quotes._PASTE_FOLDS, terms._FOLD):
        table = str.maketrans({old: (new or None) for old, new in pairs})
        assert quotes.replace_each(text, pairs) == text.translate(table)


@given(texts)
def test_normalize_collapses_whitespace_as_the_regex_does(text: str) -> None:
    import re
    import unicodedata

    folded = quotes.replace_each(unicodedata.normalize("NFKC", text), quotes._PASTE_FOLDS)
    assert quotes.normalize(text) == re.sub(r"\s+", " ", folded).strip()
