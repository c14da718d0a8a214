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


names = st.lists(st.frozensets(st.sampled_from("abcdAB"), max_size=4).map(sorted), min_size=1, max_size=6)


@given(names)
def test_names_conflict_as_any_pair_does(values: list[list[str]]) -> None:
    from builder.curate.events import _conflict

    sets = [{v.casefold() for v in names} for names in values]
    pairwise = any(not (a <= b or b <= a) for i, a in enumerate(sets) for b in sets[i + 1 :])
    assert _conflict("places", values) == pairwise


_DATES = ("1942", "1942-06", "1942-06-28", "1942-07-28", "1943", "194X", "XXXX", "1942-06/1942-08", "1942-21", "1941~", "1944-01-01")


@given(st.lists(st.sampled_from(_DATES), min_size=1, max_size=6))
def test_dates_conflict_as_any_pair_does(values: list[str]) -> None:
    from builder import dates
    from builder.curate.events import _conflict

    parsed = [dates.parse(v) for v in values]
    pairwise = any(not a.overlaps(b) for i, a in enumerate(parsed) for b in parsed[i + 1 :])
    assert _conflict("date", values) == pairwise


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200))
def test_normalize_of_ascii_text_is_the_general_path(text: str) -> None:
    import unicodedata

    general = " ".join(quotes.replace_each(unicodedata.normalize("NFKC", text), quotes._PASTE_FOLDS).split())
    assert quotes.normalize(text) == general
