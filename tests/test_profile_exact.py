"""The shortcuts that keep reading fast find exactly what the plain rules find."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest

from builder import profile
from builder.profile import RULES, read_text

ROOT = Path(__file__).resolve().parent.parent

TRICKY = [
    "It is more\n\nlikely that he said so. They were most likely. Less likely, perhaps.",
    "The claim was\n\nverified. It had not\nbeen independently confirmed; it was\u00a0not likely.",
    "May 5 was the day. May they return? They may. The mayor may not.",
    "\u201cIt could be,\u201d he said.\u201cThey might not\u201d \u2014 reportedly \u2014 \u2018allegedly\u2019.",
    "Heading without a stop\n\nThe figures were estimated by the group Frontelligence Insight\n\nAnother heading",
    "Officials could not confirm.It was unconfirmed.No evidence.Without proof,rumours spread.",
    "\u0130S SA\u0130D TO; according to the agency; ACCORDING TO \u212aIRBY, it is \u017faid to be.",
    "The reported order. A reported claim. He did not provide any details, did not give figures.",
]


def bodies() -> list[str]:
    return [frontmatter.load(path).content for path in sorted((ROOT / "sources").glob("*.md"))] + TRICKY


def whole_text_matches(rule: profile._Rule, lowered: str) -> list[tuple[int, int]]:
    return [m.span() for m in rule.pattern.finditer(lowered)]


@pytest.mark.parametrize("body", bodies())
def test_rules_left_out_have_no_match(body: str) -> None:
    lowered = profile._ascii_lower(body)
    searched = profile._rules_for(lowered)
    for rule in RULES:
        if rule not in searched:
            assert whole_text_matches(rule, lowered) == [], rule.lemma


@pytest.mark.parametrize("body", bodies())
def test_no_rule_matches_punctuation(body: str) -> None:
    lowered = profile._ascii_lower(body)
    for rule in RULES:
        for start, end in whole_text_matches(rule, lowered):
            assert not profile._PUNCTUATION.search(lowered, start, end), (rule.lemma, lowered[start:end])


@pytest.mark.parametrize("body", bodies())
def test_blocks_find_what_the_whole_text_finds(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = profile._sentences(body)
    quotes = profile._Quotations(body)
    by_block = profile._hedges_in(body, sentences, quotes)
    monkeypatch.setattr(profile, "_blocks", lambda body, sentences: None)
    assert profile._hedges_in(body, sentences, quotes) == by_block


def test_text_outside_every_sentence_is_read_as_one_block() -> None:
    body = "One sentence. Another one."
    sentences = profile._sentences(body)
    assert profile._blocks(body, sentences) == [(0, 0), (1, 1)]
    assert profile._blocks(body, [sentences[1]]) is None


def test_sentences_without_punctuation_between_share_a_block() -> None:
    body = "A heading\n\nIt is more\n\nlikely. Then this."
    assert profile._blocks(body, profile._sentences(body)) == [(0, 2), (3, 3)]


@pytest.mark.parametrize(
    "left",
    ["Kirby", "Kirby also", "The agency on Monday 2023", "He   has \n also", "said in  May", "continued to", " to", "", "The ministry later this week"],
)
def test_trailing_words_are_trimmed_as_a_whole_text_search_would(left: str) -> None:
    text = left.rstrip()
    while (trimmed := profile._TRAILING.sub("", text)) != text:
        text = trimmed
    assert profile._without_trailing(left.rstrip()) == text


@pytest.mark.parametrize("left", ["they were ", "They WERE", "he was being", "it is", "Kirby", "", "being", "they got  "])
def test_passive_is_found_at_the_end_only(left: str) -> None:
    assert profile._ends_in_passive(left) == bool(profile._PASSIVE.search(left.rstrip()))


def test_ascii_lower_keeps_offsets() -> None:
    text = "\u0130STANBUL \u212aELVIN \u00c9T\u00c9 \u201cSAID\u201d"
    lowered = profile._ascii_lower(text)
    assert len(lowered) == len(text)
    assert lowered == "\u0130stanbul \u212aelvin \u00c9t\u00c9 \u201csaid\u201d"


def test_casefolded_text_holds_every_word_a_case_insensitive_pattern_matches() -> None:
    twins = {chr(c) for c in range(0x80, 0x10000) if re.fullmatch("[a-z]", chr(c), re.IGNORECASE)}
    assert twins == {"\u0130", "\u0131", "\u017f", "\u212a"}
    for twin in twins:
        letter = next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, twin, re.IGNORECASE))
        assert profile._casefolded(f"X{twin}Y") == f"x{letter}y"
    text = "ACCORD\u0130NG TO them"
    assert profile._ACCORDING.search(text) and "according to" in profile._casefolded(text)


def test_quotation_holds_what_a_scan_of_its_spans_says() -> None:
    body = "\u201cOne \u2018two\u2019 three,\u201d he said. \"Four\n\n\"Five.\" Six 'seven' eight."
    quotes = profile._Quotations(body)
    for position in range(len(body) + 1):
        assert quotes.holds(position) == any(start < position < end - 1 for start, end in quotes.spans)


def test_repeated_sentences_read_the_same_in_any_text() -> None:
    sentence = "The claims could not be independently verified, Kirby told reporters."
    first = read_text(sentence, "en")
    second = read_text("A heading\n\n" + sentence, "en")
    shift = len("A heading\n\n")
    assert [(h.lemma, h.match.start + shift) for h in first.hedges] == [(h.lemma, h.match.start) for h in second.hedges]
    assert [(a.name, a.match.start + shift) for a in first.attributions] == [(a.name, a.match.start) for a in second.attributions]
