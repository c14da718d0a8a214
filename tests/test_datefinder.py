"""The date finder: expressions, values, anchors, ranges, durations; the gold set; the dates command."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import datefinder
from builder.cli import main

ROOT = Path(__file__).resolve().parent.parent


def found(text: str, anchor: str | None = None) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in datefinder.find(text, datefinder.parse_anchor(anchor))]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # absolute dates
        ("On 25 August 2023, two soldiers were sentenced.", None, [("25 August 2023", "2023-08-25")]),
        ("It happened on August 25, 2023 at dawn.", None, [("August 25, 2023", "2023-08-25")]),
        ("Friday, Nov. 26, 2010.", None, [("Friday, Nov. 26, 2010", "2010-11-26")]),
        ("The law took effect on 2023-10-01.", None, [("2023-10-01", "2023-10-01")]),
        ("on the 3rd of March 1943", None, [("the 3rd of March 1943", "1943-03-03")]),
        # partial dates
        ("In November 1941, Beria reported.", None, [("November 1941", "1941-11")]),
        ("issued in June 1942, which", None, [("June 1942", "1942-06")]),
        ("Sometime in 1942, SMERSH was created.", None, [("1942", "1942")]),
        ("historians in the 1990s", None, [("the 1990s", "199X")]),
        ("in the summer of 1943", None, [("the summer of 1943", "1943-22")]),
        ("since spring 2022", None, [("spring 2022", "2022-21")]),
        ("By late October 2022 it was over.", None, [("late October 2022", "2022-10")]),
        ("In mid-2023 the Duma acted.", None, [("mid-2023", "2023")]),
        # no year, no anchor: the year stays unknown
        ("released a call on September 25.", None, [("September 25", "XXXX-09-25")]),
        ("In July, a soldier was shot.", None, [("July", "XXXX-07")]),
        ("in May of this year", None, [("May of this year", "XXXX-05")]),
        # relative to the anchor
        ("The US on Thursday accused Russia.", "2023-10-27", [("Thursday", "2023-10-26")]),
        ("The US on Thursday accused Russia.", "2023-10", [("Thursday", None)]),
        ("an estimate last December of 50,554", "2025-08-11", [("last December", "2024-12")]),
        ("told Current Time in July that", "2025-08-11", [("July", "2025-07")]),
        ("said in May.", "2023-10", [("May", "2023-05")]),
        ("in May of this year", "2022-06-01", [("May of this year", "2022-05")]),
        ("Yesterday, a lawyer said", "2024-03-15", [("Yesterday", "2024-03-14")]),
        ("Last month, the court ruled", "2024-03-15", [("Last month", "2024-02")]),
        ("a picket was held last Sunday", "2023-11-03", [("last Sunday", "2023-10-29")]),
        ("last week", "2024-05-14", [("last week", "2024-05-06/2024-05-12")]),
        ("three years ago", "2024-06-20", [("three years ago", "2021")]),
        ("A conference is planned for next March.", "2024-05-14", [("next March", "2025-03")]),
        ("The next poll is due in December.", "2023-11-03", [("December", "2023-12")]),
        ("The appeal is expected to be heard in April.", "2024-03-15", [("April", "2024-04")]),
        # relative to the date the narrative established
        ("On 28 July 1942, Stalin signed it. The next day, officers read it.", None, [("28 July 1942", "1942-07-28"), ("The next day", "1942-07-29")]),
        ("In September 1941 detachments formed. That autumn, many were shot.", None, [("September 1941", "1941-09"), ("That autumn", "1941-23")]),
        ("He left on 3 January 2024 and was detained two weeks later.", None, [("3 January 2024", "2024-01-03"), ("two weeks later", "2024-01-17")]),
        ("Courts gave 4,200 in 2023, up from 1,100 the previous year.", None, [("2023", "2023"), ("the previous year", "2022")]),
        ("In June 1942 it began. On 28 July, Stalin signed it.", "2023-01-01", [("June 1942", "1942-06"), ("28 July", "1942-07-28")]),
        # ranges
        ("Between early June and early July, Russia nabbed", "2025-08-11", [("Between early June and early July", "2025-06/2025-07")]),
        ("From 1942 to 1945, an incredible 422,000", None, [("From 1942 to 1945", "1942/1945")]),
        ("a list from between 2022 and 2024", None, [("between 2022 and 2024", "2022/2024")]),
        ("the files from 1942–1943 remain closed", None, [("1942–1943", "1942/1943")]),
        ("the war of 1941-45", None, [("1941-45", "1941/1945")]),
        ("In January and February 2024 alone", None, [("January and February 2024", "2024-01/2024-02")]),
        ("From 1 May to 15 June 1943, the tribunal", None, [("From 1 May to 15 June 1943", "1943-05-01/1943-06-15")]),
        ("on 3-5 June 2023", None, [("3-5 June 2023", "2023-06-03/2023-06-05")]),
        # durations
        ("20 months into its grinding invasion", None, [("20 months", "P20M")]),
        ("sentenced to six years in a penal colony", None, [("six years", "P6Y")]),
        ("between three and ten years.", None, [("three and ten years", "P3Y/P10Y")]),
        ("served for more than a year", None, [("a year", "P1Y")]),
        ("missing for more than 10 days", None, [("10 days", "P10D")]),
        ("one-year contracts", None, [("one-year", "P1Y")]),
        # sets (frequencies), as TIMEX3 counts them
        ("nearly 100 soldiers per week", None, [("per week", "P1W")]),
        # not temporal expressions
        ("a 14-year-old girl and conscripts barely 21-years-old", None, []),
        ("Stavka Directive No. 227 and Article 337", None, []),
        ("657,364 troops and 1,000 deserters", None, []),
        ("/gc6/images/2025/08/11/51470-deserters_4-370_237.webp", None, []),
        ("They may go. March on!", None, []),
        ("Russia doesn't have the death penalty anymore", None, []),
    ],
)
def test_expressions_and_values(text: str, anchor: str | None, expected: list[tuple[str, str | None]]) -> None:
    assert found(text, anchor) == expected


def test_offsets_point_at_the_words() -> None:
    text = "Kirby spoke on Thursday.\nIn July 2023, a fighter said so."
    for timex in datefinder.find(text):
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(("text", "expected"), [("2023-10-27", (2023, 10, 27)), ("2023-10", (2023, 10, None)), ("2023", (2023, None, None)), ("2023-10~", (2023, 10, None)), ("2023-02-30", None), ("soon", None), (None, None)])
def test_parse_anchor(text: str | None, expected: tuple | None) -> None:
    anchor = datefinder.parse_anchor(text)
    assert (anchor and (anchor.year, anchor.month, anchor.day)) == expected


def test_every_value_is_valid_edtf_or_a_duration() -> None:
    from builder import dates

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "gold" / "texts").glob("*.txt")))
    for timex in datefinder.find(text, datefinder.parse_anchor("2024-05-14")):
        if timex.value is None:
            continue
        if timex.value.startswith("P"):
            assert re.fullmatch(r"P(?:\d+|X)(?:DE|CE|[DWMY])(/P\d+[DWMY])?", timex.value), timex
        elif timex.value.startswith("-"):
            parse_edtf(timex.value)  # years before the common era: valid EDTF the site does not word
        else:
            dates.parse(timex.value)


_WORDS = ["in", "on", "the", "next", "day", "last", "May", "June", "July", "Thursday", "1942", "2023", "25", "3", "to", "and", "between", "from", "years", "two", "weeks", "later", "early", "summer", "of", "soldiers", ",", ".", "-", "–", "a", "year", "ago", "1990s", "2022-23", "No.", "227", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_anchor_word_scan_finds_what_the_full_pattern_finds(words: list[str]) -> None:
    """The fast scan must give exactly the matches of a plain ``finditer`` over the full pattern."""
    text = " ".join(words)
    assert [m.span() for m in datefinder._candidates(text)] == [m.span() for m in datefinder._PATTERN.finditer(text)]


def _benchmark():
    spec = importlib.util.spec_from_file_location("dates_quality", ROOT / "benchmarks" / "dates_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dates_quality"] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_gold_set_annotations_are_found_in_their_texts() -> None:
    docs = _benchmark().load_gold()
    assert len(docs) >= 8
    for doc in docs:
        for span in (*doc.dates, *doc.figures):
            assert doc.text[span.start : span.end] == span.text


def test_quality_on_the_gold_set_meets_the_targets() -> None:
    """Relaxed-span F1 of at least 0.90 and at least 85% correct values, as the benchmark measures them."""
    bench = _benchmark()
    score = bench.Score()
    for doc in bench.load_gold():
        score.add(bench.match(bench.ours(doc), doc.dates))
    assert score.f1 >= 0.90
    assert score.accuracy >= 0.85


def test_dates_command_prints_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "The US on Thursday accused Russia, 20 months into its invasion.\nBetween early June and early July 2025, more."
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["dates", str(path), "--anchor", "2023-10-27", "--root", str(ROOT)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines == [
        {"start": 10, "end": 18, "text": "Thursday", "kind": "date", "value": "2023-10-26", "anchor": "publication"},
        {"start": 35, "end": 44, "text": "20 months", "kind": "duration", "value": "P20M"},
        {"start": 64, "end": 102, "text": "Between early June and early July 2025", "kind": "range", "value": "2025-06/2025-07"},
    ]
    for line in lines:
        assert text[line["start"] : line["end"]] == line["text"]


@pytest.mark.parametrize(("content", "args", "message"), [(b"\x00\x01binary", [], "binary"), (b"\xff\xfe\xfa", [], "UTF-8"), (b"July 2023", ["--anchor", "last week"], "--anchor")])
def test_dates_command_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, args: list[str], message: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    assert main(["dates", str(path), *args, "--root", str(ROOT)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == "" and "Traceback" not in captured.err


# --- narrative mode -------------------------------------------------------------


def based(text: str, anchor: str | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(t.text, t.value, t.basis) for t in datefinder.find(text, datefinder.parse_anchor(anchor))]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a 2025 article about 1942: year-less dates take the narrative's year, across a paragraph break
        ("In June 1942 the front broke.\n\nOn 28 July, Stalin signed Order No. 227.", "2025-07-30",
         [("June 1942", "1942-06", None), ("28 July", "1942-07-28", "narrative")]),
        ("The Hindenburg Line was breached on 29 September 1918.\n\nOn 9 November the Kaiser abdicated. In December the troops came home.", "2009-11-11",
         [("29 September 1918", "1918-09-29", None), ("9 November", "1918-11-09", "narrative"), ("December", "1918-12", "narrative")]),
        ("On 4 November 1918 the mutiny spread. Five days later the Kaiser abdicated, and he left the same day.", "2009-11-11",
         [("4 November 1918", "1918-11-04", None), ("Five days later", "1918-11-09", "narrative"), ("the same day", "1918-11-09", "narrative")]),
        # news deictics and the article's own present take the publication date
        ("Order No. 227 was signed on 28 July 1942.\n\nThe museum said yesterday that the exhibition runs until 30 November.", "2025-07-28",
         [("28 July 1942", "1942-07-28", None), ("yesterday", "2025-07-27", "publication"), ("30 November", "2025-11-30", "publication")]),
        ("In 1942 the order was read out. Its curator, who began work in March, said on Friday that visitors came.", "2025-07-28",
         [("1942", "1942", None), ("March", "2025-03", "publication"), ("Friday", "2025-07-25", "publication")]),
        ("It was signed on 28 July 1942. Last week the archive opened.", "2025-07-30",
         [("28 July 1942", "1942-07-28", None), ("Last week", "2025-07-21/2025-07-27", "publication")]),
        # a date far back in a news article, a photo caption or a point of comparison does not date "in July"
        ("The war began on February 24, 2022.\nAnalysts spoke.\nOthers agreed.\nShe told Current Time in July that polls shifted.", "2025-08-11",
         [("February 24, 2022", "2022-02-24", None), ("July", "2025-07", "publication")]),
        ("![Reservists depart on September 27, 2022. [AFP]](/img.webp)\nBetween early June and early July, Russia nabbed deserters.", "2025-08-11",
         [("September 27, 2022", "2022-09-27", None), ("Between early June and early July", "2025-06/2025-07", "publication")]),
        ("The tour was three times as long as in 2021.\n\nPolls taken in August found a shift.", "2023-11-03",
         [("2021", "2021", None), ("August", "2023-08", "publication")]),
        # a bare weekday is news, even in a paragraph about 1942
        ("On 28 July 1942 Stalin signed it. A museum opened on Friday.", "2025-07-28",
         [("28 July 1942", "1942-07-28", None), ("Friday", "2025-07-25", "publication")]),
        # a span of years is background: "the following year" counts from the last single date
        ("In the summer of 1943 they were used less. Between 1942 and 1945, 422,000 served. The following year they were disbanded.", None,
         [("the summer of 1943", "1943-22", None), ("Between 1942 and 1945", "1942/1945", None), ("The following year", "1944", "narrative")]),
        ("That spring the delegates argued. The treaty was signed on 28 June 1919. That autumn it was ratified.", None,
         [("That spring", "XXXX-21", None), ("28 June 1919", "1919-06-28", None), ("That autumn", "1919-23", "narrative")]),
    ],
)
def test_narrative_and_publication_bases(text: str, anchor: str | None, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert based(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years before and in the common era, bare years of the first millennium once the text is there
        ("Caesar crossed the Rubicon in January 49 BC. Five years later, on 15 March 44 BC, he was killed.", [("January 49 BC", "-0048-01"), ("Five years later", "-0043"), ("15 March 44 BC", "-0043-03-15")]),
        ("Augustus died in AD 14. Trajan ruled in 117, and Constantine moved the capital in 330 CE.", [("AD 14", "0014"), ("117", "0117"), ("330 CE", "0330")]),
        ("The empire fell in 476, when Odoacer deposed the emperor.", []),
        ("Rome was founded in 753 BC. The western empire fell in 476, when Odoacer deposed the emperor.", [("753 BC", "-0752"), ("476", "0476")]),
        ("Prices rose in 476 stores. The count fell to 117.", []),
        # bare years in date contexts, counts not
        ("In 1865 the war ended, and 1942 soldiers came home by 1866.", [("1865", "1865"), ("1866", "1866")]),
        # centuries and decades
        ("historians of the 18th century", [("the 18th century", "17XX")]),
        ("In the early 21st century that view changed.", [("the early 21st century", "20XX")]),
        ("the nineteenth century", [("the nineteenth century", "18XX")]),
        ("the 5th century BC", [("the 5th century BC", None)]),
        ("In the mid-1990s the diaries appeared.", [("the mid-1990s", "199X")]),
        # durations without a count, and with a start
        ("They argued for months, after a few months of talks, over several years.", [("months", "PXM"), ("a few months", "PXM"), ("several years", "PXY")]),
        ("Survivors kept silent for decades.", [("decades", "PXDE")]),
        ("the curators spent the past two years on it", [("the past two years", "P2Y")]),
        ("The eastern half lasted almost a thousand years longer.", [("a thousand years", "P1000Y")]),
        # references: found, with no value
        ("Now the letters speak. At the time nobody spoke; in the past it was secret, and it is currently studied.", [("Now", None), ("At the time", None), ("the past", None), ("currently", None)]),
        ("He recently said so, and in the future he will again.", [("recently", None), ("the future", None)]),
        # sets
        ("visitors came at a rate of 400 a day and met every week; 5,200 convictions annually", [("a day", "P1D"), ("every week", "P1W"), ("annually", "P1Y")]),
        ("rumours spread every few weeks", [("every few weeks", "PXW")]),
        # still not temporal expressions
        ("the now-familiar pattern of 14 years old conscripts", [("now", None)]),
        ("a time to talk; the present government; in 2 past cases", []),
    ],
)
def test_eras_centuries_vague_durations_references_and_sets(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text) == expected


def test_a_duration_with_a_start_covers_an_interval() -> None:
    timexes = datefinder.find("Penal units existed for three years from 1942; the treaty held for six months until March 1943.")
    assert [(t.text, t.kind, t.value, t.interval) for t in timexes] == [
        ("three years", "duration", "P3Y", "1942/1945"),
        ("1942", "date", "1942", None),
        ("six months", "duration", "P6M", "1942-09/1943-03"),
        ("March 1943", "date", "1943-03", None),
    ]


def test_dates_command_says_what_each_value_was_read_against(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "In June 1942 the front broke.\n\nOn 28 July, Stalin signed the order. Yesterday, the museum opened.\nIt stood for three years from 1942. Now it is a museum."
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["dates", str(path), "--anchor", "2025-07-29", "--root", str(ROOT)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["text"], line["kind"], line["value"], line.get("anchor"), line.get("interval")) for line in lines] == [
        ("June 1942", "date", "1942-06", None, None),
        ("28 July", "date", "1942-07-28", "narrative", None),
        ("Yesterday", "date", "2025-07-28", "publication", None),
        ("three years", "duration", "P3Y", None, "1942/1945"),
        ("1942", "date", "1942", None, None),
        ("Now", "reference", None, None, None),
    ]
