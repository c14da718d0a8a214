"""Finding attributions and hedges: sentences from the sources, and the tricky cases."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import msgspec
import pytest

from builder.profile import TextProfile, context, identify, read_text
from builder.quotes import normalize

ROOT = Path(__file__).resolve().parent.parent


def speakers(text: str) -> list[tuple[str, str, bool]]:
    """(name, cue, quoted) for each attribution in ``text``."""
    return [(a.name, a.cue, a.quoted) for a in read_text(text, "en").attributions]


def hedges(text: str) -> list[tuple[str, bool, bool]]:
    """(lemma, negated, quoted) for each hedge in ``text``."""
    return [(h.lemma, h.negated, h.quoted) for h in read_text(text, "en").hedges]


def body(source_id: str) -> str:
    return frontmatter.load(ROOT / "sources" / f"{source_id}.md").content


# --- attributions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Between early June and early July, Russia nabbed more than 1,000 deserters, according to the independent outlet Verstka.",
            [("Verstka", "according to", False)],
        ),
        (
            "According to an assessment from UK\u2019s Ministry of Defence intelligence branch,",
            [("UK\u2019s Ministry of Defence", "according to", False)],
        ),
        (
            "\u201cIt\u2019s reprehensible to think that you would execute your own soldiers,\" Kirby told reporters.",
            [("Kirby", "told", False)],
        ),
        (
            "\u201cOn 25 August 2023, two Russian soldiers were sentenced,\u201d British intelligence wrote in its daily report.",
            [("British intelligence", "wrote", False)],
        ),
        (
            "Dmitry Dubrovsky, a social science lecturer at Charles University in Prague, said sending troops violates the law.",
            [("Dmitry Dubrovsky", "said", False)],
        ),
        (
            "Combining the databases produced a single list of 49,001 names, nearly identical to an estimate last December "
            "of 50,554 deserters by the Ukrainian open source intelligence group Frontelligence Insight.",
            [("Frontelligence Insight", "estimate \u2026 by", False)],
        ),
        (
            "In July, Ukrainian journalist Yurii Butusov reported on Telegram that a Russian soldier shot his comrade.",
            [("Yurii Butusov", "reported", False)],
        ),
        ("Those missions are so lethal that soldiers call them \"meat grinder assaults.\"", [("soldiers", "call", False)]),
    ],
)
def test_attributions_in_source_sentences(text: str, expected: list) -> None:
    assert speakers(text) == expected


def test_agency_pronoun_resolves_to_the_agency_named_before() -> None:
    text = (
        "Ukraine's military intelligence (HUR) released an alleged intercepted phone call on September 25. "
        "The agency claimed the recording captured a conversation in Donetsk Oblast."
    )
    found = read_text(text, "en").attributions
    assert [(a.name, a.who, a.kind) for a in found] == [
        ("Ukraine's military intelligence (HUR)", "Ukraine's military intelligence (HUR)", "organisation"),
        ("Ukraine's military intelligence (HUR)", "The agency", "organisation"),
    ]


def test_he_resolves_to_the_person_and_recipient_is_kept() -> None:
    text = (
        "Exiled Russian rights activist and blogger Alexander Kim said the war violates Russia's own laws.\n\n"
        "\u201cAny practices compelling men to serve as part of this war are demonstrably unlawful,\u201d he told Kontur.\n\n"
        "The state faces fading public support for the war, according to Kim."
    )
    found = read_text(text, "en").attributions
    assert [(a.name, a.cue, a.recipient) for a in found] == [
        ("Alexander Kim", "said", None),
        ("Alexander Kim", "told", "Kontur"),
        ("Alexander Kim", "according to", None),
    ]


def test_unresolvable_pronoun_is_left_out_not_guessed() -> None:
    assert speakers("He said it was over.") == []


def test_passive_names_the_hearer_not_a_speaker() -> None:
    text = "\u201cThey are not motivated, they were taken from the streets and told: Go to war.\u201d"
    assert speakers(text) == []


def test_quoted_speaker_inside_a_quote_is_second_hand() -> None:
    text = "\u201cOur commander told us \u2018nobody retreats\u2019,\u201d one soldier said."
    assert speakers(text) == [("commander", "told", True), ("soldier", "said", False)]


def test_a_noun_that_looks_like_a_verb_is_not_a_speaker() -> None:
    assert speakers("The Geneva Conventions require states to protect people under their control.") == []


def test_surname_joins_the_full_name() -> None:
    text = "White House spokesman John Kirby said the army was struggling. On Thursday, Kirby said more."
    assert [a.name for a in read_text(text, "en").attributions] == ["John Kirby", "John Kirby"]


def test_identify_names_and_kinds() -> None:
    assert identify("the Mediazona news outlet") == ("Mediazona", "organisation", True)
    assert identify("An ex-mercenary from the Russian Wagner Group") == ("ex-mercenary from the Russian Wagner Group", "person", True)
    assert identify("President Volodymyr Zelensky") == ("Volodymyr Zelensky", "person", True)
    assert identify("UK intel") == ("UK intel", "organisation", True)
    assert identify("the website wartranslated") == ("wartranslated", "organisation", True)
    assert identify("experts") == ("experts", "unknown", False)
    assert identify("the true number") is None


def test_whole_source_speakers() -> None:
    found = read_text(body("us-accuses-russia-executing-soldiers-2023"), "en").attributions
    names = list(dict.fromkeys(a.name for a in found))
    assert names == ["US", "John Kirby", "British Defence Ministry", "ex-mercenary from the Russian Wagner Group", "White House", "British Ministry of Defence"]
    told = {(a.name, a.recipient) for a in found if a.recipient}
    assert told == {("John Kirby", "reporters"), ("ex-mercenary from the Russian Wagner Group", "Euronews")}


def test_other_languages_are_not_read() -> None:
    profile = read_text("По данным издания, он сказал, что это вероятно.", "ru")
    assert (profile.read, profile.attributions, profile.hedges) == (False, (), ())


# --- hedges ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia is probably countering these losses.", [("probably", False, False)]),
        ("Moscow has reportedly struggled to enforce military discipline in Ukraine.", [("reportedly", False, False)]),
        ("Ukraine's military intelligence released an alleged intercepted phone call.", [("alleged", False, False)]),
        ("iStories estimated at least 49,000 Russian soldiers have deserted.", [("estimated", False, False)]),
        ("The agency claimed the recording captured a conversation.", [("claimed", False, False)]),
        (
            "Although the audio's authenticity has not been verified, the commander reportedly said:",
            [("not verified", False, False), ("reportedly", False, False)],
        ),
        ("The US official did not provide any details on how many troops were executed.", [("no details given", False, False)]),
        ("If this pattern persists, there could be around 5,200 convictions annually.", [("could", False, False)]),
        ("Russia appears to be getting weaker.", [("appears to", False, False)]),
    ],
)
def test_hedges_in_source_sentences(text: str, expected: list) -> None:
    assert hedges(text) == expected


def test_hedge_inside_a_quotation_is_the_quoted_speakers() -> None:
    text = "According to the ministry,\n\n\u201cRussian forces have probably started deploying \u2018barrier troops\u2019.\u201d The source likely agrees."
    assert hedges(text) == [("probably", False, True), ("likely", False, False)]


def test_multi_paragraph_quotation_stays_open_to_the_paragraph_end() -> None:
    text = "\"There is no way to retreat. They may run.\n\n\"I'll say it again: they may run.\"\n\nThey may not."
    assert hedges(text) == [("may", False, True), ("may", False, True), ("may", True, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is not likely to make Russian troops fight harder.", [("likely", True, False)]),
        ("The true number may not be higher.", [("may", True, False)]),
        ("Prosecutions will not be possible until an investigation begins.", []),
        ("The agency did not claim responsibility.", []),
        ("Officials could not confirm the report.", [("not verified", False, False)]),
        ("The video was verified by two newsrooms.", []),
        ("The figure has not been independently confirmed.", [("not verified", False, False)]),
    ],
)
def test_negation(text: str, expected: list) -> None:
    assert hedges(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The number has leapt, the British Ministry of Defence said in May.",
        "Russia withdrew from the Council of Europe in May of this year.",
        "Russian troops were less likely to desert and more likely to surrender.",
        "It drained the Wehrmacht of troops and resources it could send to the East.",
        "On 18 July 2023, the Mediazona news outlet reported that Russia was convicting soldiers.",
    ],
)
def test_not_hedges(text: str) -> None:
    assert hedges(text) == []


def test_reported_as_a_claim_is_a_hedge() -> None:
    assert hedges("The reported order surfaced as troops advanced.") == [("reported (as a claim)", False, False)]


def test_assessment_quoted_in_full_keeps_its_hedges_apart() -> None:
    found = read_text(body("russia-barrier-troops-nkvd-precedent"), "en").hedges
    quoted = [h.lemma for h in found if h.quoted]
    assert quoted == ["probably", "likely", "possibly", "likely", "likely"]
    assert ("likely", True) in {(h.lemma, h.negated) for h in found if not h.quoted}


def test_every_seed_source_reads_and_context_is_verbatim() -> None:
    for path in sorted((ROOT / "sources").glob("*.md")):
        text = frontmatter.load(path).content
        profile = read_text(text, "en")
        assert profile.read and profile.sentences > 0
        folded = normalize(text)
        for finding in (*profile.attributions, *profile.hedges):
            excerpt = context(text, finding.sentence, finding.match, 120)
            assert normalize(excerpt.text) in folded
            assert len(excerpt.text) <= 120 or not (excerpt.clipped_before or excerpt.clipped_after)
            assert excerpt.matched == " ".join(text[finding.match.start : finding.match.end].split())


def test_context_marks_cuts() -> None:
    text = "One two three four five six seven eight nine probably ten eleven twelve thirteen fourteen."
    h = read_text(text, "en").hedges[0]
    excerpt = context(text, h.sentence, h.match, 30)
    assert excerpt.matched == "probably"
    assert excerpt.clipped_before and excerpt.clipped_after
    assert len(excerpt.text) <= 30
    whole = context(text, h.sentence, h.match, 500)
    assert whole.text == text and not whole.clipped_before and not whole.clipped_after



# --- kept between builds -------------------------------------------------------


@pytest.mark.parametrize("source", sorted(p.stem for p in (ROOT / "sources").glob("*.md")))
def test_a_profile_read_back_from_the_disk_cache_format_is_the_same(source: str) -> None:
    profile = read_text(body(source), "en")
    assert profile.attributions or profile.hedges  # a test of something
    assert msgspec.msgpack.decode(msgspec.msgpack.encode(profile), type=TextProfile) == profile
