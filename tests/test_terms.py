"""The term matcher: which words of a text name glossary terms, exactly where."""

from __future__ import annotations

import pytest

from builder import terms
from builder.terms import Match, TermMatcher, fold, plural_forms, term_matcher


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Blocking UNITS", "blocking units"),
        ("\u2018a\u2019\u201ab\u201b\u2032`", "'a''b'''"),
        ("\u201cq\u201d\u201eq\u201f\u00abq\u00bb", '"q""q""q"'),
        ("a\u2010b\u2011c\u2012d", "a-b-c-d"),
        ("a\nb\rc\td\u00a0e\u202ff\u2009g", "a b c d e f g"),
        ("\u0130stanbul", "\u0130stanbul"),  # 'İ' lowers to two characters: kept, so positions stay the same
        ("\u0130x AB", "\u0130x ab"),
    ],
)
def test_fold_keeps_one_character_for_one(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("unit", ("units", "unites")),
        ("colony", ("colonys", "colonyes", "colonies")),
        ("day", ("days", "dayes")),  # a vowel before the y: no -ies
        ("y", ("ys", "yes")),
        ("z", ("zs", "zes")),
        ("a", ("as", "aes")),
        ("227", ()),
        ("штраф", ()),
        ("", ()),
        ("unit-", ()),
    ],
)
def test_plural_forms(name: str, forms: tuple[str, ...]) -> None:
    assert plural_forms(name) == forms


def test_matches_carry_start_end_and_key() -> None:
    matcher = TermMatcher([("bu", "blocking unit"), ("pb", "penal battalion")])
    text = "Penal battalions and a blocking unit."
    assert matcher.find(text) == [Match(0, 16, "pb"), Match(23, 36, "bu")]
    assert text[0:16] == "Penal battalions" and text[23:36] == "blocking unit"


def test_whole_words_only_at_either_end() -> None:
    matcher = TermMatcher([("nkvd", "NKVD")])
    assert matcher.find("NKVD") == [Match(0, 4, "nkvd")]
    assert matcher.find("xNKVD NKVDx _NKVD NKVD_ NKVD1") == []
    assert matcher.find("(NKVD)") == [Match(1, 5, "nkvd")]
    assert matcher.find("") == []


def test_the_first_key_given_for_a_name_wins_and_a_written_name_beats_a_plural() -> None:
    assert TermMatcher([("a", "order"), ("b", "order")]).find("order") == [Match(0, 5, "a")]
    assert TermMatcher([("b", "order"), ("a", "order")]).find("order") == [Match(0, 5, "b")]
    # "units" is term a's plural and term b's own name: the name written out wins, whatever the order.
    assert TermMatcher([("a", "unit"), ("b", "units")]).find("units") == [Match(0, 5, "b")]
    assert TermMatcher([("b", "units"), ("a", "unit")]).find("units") == [Match(0, 5, "b")]
    # Two plurals of the same form: the first term given wins.
    assert TermMatcher([("a", "colony"), ("b", "colonie")]).find("colonies") == [Match(0, 8, "a")]


def test_blank_names_are_left_out() -> None:
    matcher = TermMatcher([("a", "  "), ("b", "")])
    assert matcher.find("  a b ") == [] and matcher.find_each("text") == {}


def test_find_takes_the_longest_at_each_place_and_no_overlaps() -> None:
    matcher = TermMatcher([("stavka", "Stavka"), ("directive", "Stavka Directive No. 227"), ("no", "No. 227 in June")])
    text = "Stavka Directive No. 227 in June"
    assert matcher.find(text) == [Match(0, 24, "directive")]
    assert matcher.find_each(text) == {"directive": [Match(0, 24, "directive")], "no": [Match(17, 32, "no")], "stavka": [Match(0, 6, "stavka")]}


def test_leftmost_longest_breaks_ties_by_key() -> None:
    chosen = terms._leftmost_longest([Match(0, 3, "b"), Match(0, 3, "a"), Match(2, 5, "c"), Match(3, 6, "d")])
    assert chosen == [Match(0, 3, "a"), Match(3, 6, "d")]


def test_find_each_counts_every_use_sorted_by_key() -> None:
    matcher = TermMatcher([("z", "zeta"), ("a", "alpha")])
    found = matcher.find_each("zeta alpha zeta")
    assert list(found) == ["a", "z"]
    assert found == {"a": [Match(5, 10, "a")], "z": [Match(0, 4, "z"), Match(11, 15, "z")]}


def test_term_matcher_finds_every_name_and_alias() -> None:
    class Term:
        def __init__(self, id: str, term: str, aliases: list[str]) -> None:
            self.id, self.term, self.aliases = id, term, aliases

    matcher = term_matcher([Term("pb", "penal battalion", ["shtrafbat"]), Term("nkvd", "NKVD", [])])
    assert matcher.find("A shtrafbat of the NKVD, then penal battalions.") == [Match(2, 11, "pb"), Match(19, 23, "nkvd"), Match(30, 46, "pb")]
    # The same terms give the same matcher, made once for the check and the curate stage.
    assert term_matcher([Term("x", "xylophone", [])]) is term_matcher([Term("x", "xylophone", [])])
    assert term_matcher([Term("x", "xylophone", [])]).find("xylophones") == [Match(0, 10, "x")]


@pytest.mark.parametrize(("name", "forms"), [("unit_", ()), ("order]", ()), ("no.", ()), ("ty", ("tys", "tyes", "ties"))])
def test_only_a_name_ending_in_a_letter_a_to_z_takes_plurals(name: str, forms: tuple[str, ...]) -> None:
    assert plural_forms(name) == forms


def test_a_blank_name_leaves_out_only_itself() -> None:
    matcher = TermMatcher([("a", " "), ("b", "bravo"), ("c", ""), ("d", "delta")])
    assert matcher.find("bravo delta") == [Match(0, 5, "b"), Match(6, 11, "d")]


def test_a_name_inside_a_longer_word_does_not_hide_a_whole_word_use_after_it() -> None:
    matcher = TermMatcher([("u", "unit")])
    assert matcher.find("subunit unit") == [Match(8, 12, "u")]
    assert matcher.find("unitary unit") == [Match(8, 12, "u")]
    assert matcher.find_each("subunits, unitary units") == {"u": [Match(18, 23, "u")]}


def test_a_matchers_key_changes_with_its_names_and_keys_and_only_with_them() -> None:
    # The key says when what a matcher found in a text can be reused (a server's next build): a changed glossary must change it.
    names = [("a", "alpha"), ("b", "bravo")]
    key = TermMatcher(names).key
    assert TermMatcher(list(names)).key == key
    assert len({key, TermMatcher([("a", "alphabet"), ("b", "bravo")]).key, TermMatcher([("b", "alpha"), ("a", "bravo")]).key, TermMatcher(names[::-1]).key, TermMatcher([]).key}) == 5
