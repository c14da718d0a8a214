"""The quote index: what counts as a verbatim quote, and the closest passage shown when one is not."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from builder import quotes
from builder.quotes import QuoteIndex, lookalikes, normalize, replace_each


@pytest.mark.parametrize(
    ("pasted", "folded"),
    [
        ("  a\tb\n c  ", "a b c"),
        ("`tick`", "'tick'"),
        ("\u2018single\u2019 \u201adown\u201b \u2032prime", "'single' 'down' 'prime"),
        ("\u201cdouble\u201d \u201edown\u201f \u2033 \u00abguillemets\u00bb", '"double" "down" \'\' "guillemets"'),  # NFKC: a double prime is two primes
        ("a\u2010b\u2011c\u2012d", "a-b-c-d"),
        ("soft\u00adhyphen zero\u200bwidth\u200c\u200djoin\ufeffbom", "softhyphen zerowidthjoinbom"),
        ("\ufb01ne \u2460", "fine 1"),  # NFKC: a ligature and a circled digit
        ("non\u00a0breaking\u2003em space", "non breaking em space"),
        ("«Ни шагу назад!»", '"Ни шагу назад!"'),
    ],
)
def test_normalize_folds_what_pasting_changes_and_nothing_else(pasted: str, folded: str) -> None:
    assert normalize(pasted) == folded


def test_normalize_keeps_dashes_that_carry_meaning_and_case() -> None:
    assert normalize("1941\u20131945 \u2014 Not") == "1941\u20131945 \u2014 Not"


def test_replace_each_replaces_every_occurrence_of_each_pair() -> None:
    assert replace_each("abcabc", (("a", "x"), ("c", ""))) == "xbxb"
    assert replace_each("abc", ()) == "abc"


def test_contains_is_whitespace_and_quote_insensitive_but_word_exact() -> None:
    index = QuoteIndex("The order was issued\non 28 July 1942, the \u201cgazette\u201d said.")
    assert index.contains('issued on 28 July 1942, the "gazette"')
    assert index.contains("issued   on 28 July")
    assert not index.contains("issued on 29 July")
    assert not index.contains("The Order was issued")
    # A look-up is remembered, and the same answer given again.
    assert index.contains("issued on 29 July") is False
    assert index._found == {'issued on 28 July 1942, the "gazette"': True, "issued   on 28 July": True, "issued on 29 July": False, "The Order was issued": False}


TEXT = "Stalin issued Stavka Directive No. 227 in June 1942, ordering the army to stop all retreats whatever the casualties."


@pytest.mark.parametrize(
    ("quote", "context", "closest"),
    [
        ("Stalin issued Order 227 in July 1942", 0, "Stalin issued Stavka Directive No. 227"),
        ("Stalin issued Order 227 in July 1942", 10, "Stalin issued Stavka Directive No. 227 in June 1942, ordering"),
        ("to stop all retreats whatever the cost", 0, "to stop all retreats whatever the casualties."),
        ("retreats whatever the casualties.", 0, "retreats whatever the casualties."),
        ("retreats whatever the casualties. And more words after it", 0, "retreats whatever the casualties."),
        ("zzz qqq", 0, ""),
        ("", 0, ""),
    ],
)
def test_closest_passage(quote: str, context: int, closest: str) -> None:
    assert QuoteIndex(TEXT).closest(quote, context=context) == closest


def test_closest_passage_in_an_empty_text_is_empty() -> None:
    assert QuoteIndex("").closest("anything") == ""


def test_a_word_right_after_an_opening_mark_places_the_closest_passage() -> None:
    # "ab cd ef gh" is probed from its first word, the quote's second character: a later word's shorter run is found earlier in the text.
    index = QuoteIndex("cd ef gh, said one. Much later: ab cd ef gh ij.")
    assert index.closest("(ab cd ef gh", context=0) == "later: ab cd ef gh"


def test_closest_passage_starts_and_ends_at_word_boundaries() -> None:
    index = QuoteIndex("alpha beta gamma delta epsilon zeta eta theta")
    assert index.closest("gamma delta epsilox") == "gamma delta epsilon"
    assert index.closest("xx delta epsilon zeta") == "gamma delta epsilon zeta"
    assert index.closest("eta theta and more") == "eta theta"


def test_closest_passage_finds_the_longest_shared_run_at_a_word_start() -> None:
    index = QuoteIndex("one two three four five six seven eight nine ten")
    # "five six seven" is the longest run; "one" also occurs but is shorter.
    assert index.closest("one five six seven") == "four five six seven"
    assert index._anchor("one five six seven") == (4, index.text.find("five six seven"))


def test_closest_probes_at_most_max_probes_word_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "MAX_PROBES", 3)
    index = QuoteIndex("a b c d e f g h match here")
    # With 3 probes among 9 word starts, the words probed are the 1st, 4th and 7th: "match" (the 9th) is never tried.
    assert index._anchor("x x x x x x x x match") is None
    monkeypatch.setattr(quotes, "MAX_PROBES", 400)
    assert index._anchor("x x x x x x x x match") == (16, index.text.find("match"))


def test_closest_gallops_to_runs_longer_than_twice_the_last() -> None:
    text = "w" * 3 + " " + "abcdefghijklmnopqrstuvwxyz" * 3
    index = QuoteIndex(text)
    wanted = "abcdefghijklmnopqrstuvwxyz" * 2 + "!"
    assert index._anchor(wanted) == (0, 4)
    assert index.closest(wanted) == "abcdefghijklmnopqrstuvwxyz" * 3


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Stalin issued the \u043erder", ["'\u043e' (U+043E CYRILLIC SMALL LETTER O) in '\u043erder'"]),
        ("\u0441\u0430t and \u0441\u0430t", ["'t' (U+0074 LATIN SMALL LETTER T) in '\u0441\u0430t'"]),  # two Cyrillic letters, one Latin: described once
        ("\u0437\u0430\u0433\u0440\u0430\u0434\u043e\u0442\u0440\u044f\u0434\u044b and barrier troops", []),
        ("x1 2023 \u00e9t\u00e9", []),
        ("\u03b1lpha", ["'\u03b1' (U+03B1 GREEK SMALL LETTER ALPHA) in '\u03b1lpha'"]),
    ],
)
def test_lookalikes_name_the_letter_from_the_other_script(text: str, found: list[str]) -> None:
    assert lookalikes(text) == found


def test_lookalikes_take_the_majority_script_of_the_word_as_its_own() -> None:
    # Mostly Cyrillic, one Latin letter: the Latin one is the odd one out.
    assert lookalikes("\u043f\u0440\u0438\u043a\u0430\u0437a") == ["'a' (U+0061 LATIN SMALL LETTER A) in '\u043f\u0440\u0438\u043a\u0430\u0437a'"]


def _longest_run(wanted: str, text: str) -> tuple[int, int] | None:
    """What :meth:`QuoteIndex._anchor` finds, the slow way: the first longest run of ``wanted`` in ``text`` that starts where a word of ``wanted`` does."""
    import re

    best, best_start = 0, 0
    for i in dict.fromkeys([0, *(m.start() for m in re.finditer(r"\w+", wanted))]):
        length = 0
        while i + length < len(wanted) and wanted[i : i + length + 1] in text:
            length += 1
        if length > best:
            best, best_start = length, i
    return (best_start, text.find(wanted[best_start : best_start + best])) if best else None


@given(
    text=st.text(alphabet='ab "-', max_size=40),
    wanted=st.text(alphabet='ab "-', min_size=1, max_size=30),
)
@example(text="b-", wanted="-b")  # two runs as long: the first is kept, even when the second reaches the quote's end
@example(text="aaa-", wanted="aa-")  # a run one shorter than found first occurs earlier in the text
@example(text="gamma gamma omega", wanted="omega delta omega")
@example(text='aa"', wanted='a"')  # the whole rest of the quote is found, and a shorter part earlier in the text
def test_the_anchor_is_the_longest_run_at_a_word_start(text: str, wanted: str) -> None:
    index = QuoteIndex(text)
    wanted = normalize(wanted)
    if wanted:
        assert index._anchor(wanted) == _longest_run(wanted, index.text)


def test_probes_are_spread_over_the_quotes_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotes, "MAX_PROBES", 3)
    index = QuoteIndex("zz g h i")
    # Nine word starts, three probes: the 1st, 4th and 7th words ("g" is the 7th) are tried.
    assert index._anchor("a b c d e f g h i") == (12, index.text.find("g h i"))


def test_a_passage_found_inside_the_first_word_starts_with_that_word() -> None:
    assert QuoteIndex("xabc def ghi").closest("abc def") == "xabc def"
    assert QuoteIndex("w xabc def ghi").closest("abc def") == "xabc def"


def test_of_two_shared_runs_as_long_the_passage_is_placed_by_the_first() -> None:
    # "omega" starts and ends the quote: the passage shown is where the quote starts.
    assert QuoteIndex("gamma gamma omega").closest("omega delta omega") == "omega"


def test_lookalikes_pass_over_letters_without_a_unicode_name() -> None:
    # Python's Unicode table names no Tangut ideograph (U+17000-U+187F7): such a
    # letter in a quote has no script to compare, and is neither an error nor a lookalike.
    import unicodedata

    text = "a\U00017000b \U00017001"
    if unicodedata.name("\U00017000", None) is None:
        assert quotes._script("\U00017000") == ""
        assert lookalikes(text) == []
    else:  # a newer table names them: then they are a script of their own
        assert quotes._script("\U00017000") == "TANGUT"
        assert lookalikes(text) == ["'\U00017000' (U+17000 TANGUT IDEOGRAPH-17000) in 'a\U00017000b'"]


def test_a_quote_looked_up_again_is_answered_without_folding_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # An index may be kept from one build to the next (mkdocs serve): each quote is folded and searched for once.
    index = QuoteIndex("The order was issued.")
    folded: list[str] = []
    fold = quotes.normalize
    monkeypatch.setattr(quotes, "normalize", lambda text: folded.append(text) or fold(text))
    assert [index.contains("order was"), index.contains("order is"), index.contains("order was"), index.contains("order is")] == [True, False, True, False]
    assert folded == ["order was", "order is"]
