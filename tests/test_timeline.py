"""The timeline: disagreements between sources, the version the site follows, reported dates, pages and links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder.pipeline import render_pages
from tests.conftest import FIXTURES, check_messages

SECOND = (FIXTURES / "mini" / "sources" / "second-account.md").read_text(encoding="utf-8")
FOLLOW = """    follow: true
    because: "The analysts give the day; the gazette gives only the month."
"""


def _tree(tmp_path: Path, **files: str) -> Path:
    """The mini fixture with some source files replaced or added."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "mini" / "sources", root / "sources")
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    for name, text in files.items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    return root


def test_unsettled_disagreement_is_a_warning_naming_both_versions(tmp_path: Path) -> None:
    root = _tree(tmp_path, **{"second-account.md": SECOND.replace(FOLLOW, "")})
    assert check_messages(root) == [
        "warning: sources/second-account.md:11: event 'order-issued': sources disagree on the date — "
        "field-report: June 1942 (followed by default); second-account: 28 July 1942 "
        "(the timeline shows every version; to record which one the site follows and why, add follow: true and because: to that source's entry)"
    ]
    page = render_pages(root)["timeline/1942.md"]
    assert "**June 1942** · *sources disagree on the date*" in page
    assert "**Sources disagree on the date:** June 1942 according to Field report" in page
    assert "the curators have not chosen between them" in page
    assert "[A second account](../sources/second-account.md) — dates it 28 July 1942" in page


def test_settled_disagreement_is_shown_with_the_reason_and_not_warned(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert check_messages(root) == []
    page = render_pages(root)["timeline/1942.md"]
    assert "**28 July 1942** · *sources disagree on the date*" in page
    assert "The site follows A second account: The analysts give the day; the gazette gives only the month." in page
    assert "dates it 28 July 1942; *the version the site follows*" in page
    assert "— dates it June 1942; reported 26 October 2023 <span" in page


def test_compatible_dates_are_shown_but_are_no_disagreement(tmp_path: Path) -> None:
    text = SECOND.replace(FOLLOW, "").replace('date: "1942-07-28"', 'date: "1942-06-28"').replace("issued on 28 July 1942", "The analysts say")
    root = _tree(tmp_path, **{"second-account.md": text})
    assert check_messages(root) == []
    pages = render_pages(root)
    assert "disagree" not in pages["timeline/1942.md"].split("{#order-issued}")[1].split("###")[0]
    assert "dates it 28 June 1942" in pages["timeline/1942.md"]
    assert json.loads(pages["data/timeline.json"])[0]["disagreements"] == []


def test_actors_that_exclude_each_other_disagree(tmp_path: Path) -> None:
    # Dated as the field report dates it, and quoting words without a date (a quote of "28 July 1942" would contradict it).
    text = SECOND.replace(FOLLOW, "").replace('date: "1942-07-28"\n', 'date: "1942-06"\n    actors: [The general staff]\n').replace('quote: "issued on 28 July 1942"', 'quote: "the order was issued"')
    root = _tree(tmp_path, **{"second-account.md": text})
    assert [p.split(" — ")[0] for p in check_messages(root)] == ["warning: sources/second-account.md:12: event 'order-issued': sources disagree on the actors"]
    page = render_pages(root)["timeline/1942.md"]
    assert "**Sources disagree on who acted:** The command according to Field report" in page
    assert "— names The general staff" in page


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            (FOLLOW, "    follow: true\n"),
            "sources/second-account.md:10: events[0]: follow: true without because: (add because: saying why the site follows this source's version)",
        ),
        (
            (FOLLOW, "    because: It is more precise.\n"),
            "sources/second-account.md:10: events[0]: because: without follow: true (add follow: true, or remove because:)",
        ),
        (
            ('    quote: "issued on 28 July 1942"\n', '    quote: "issued on 28 July 1942"\n    reported: "1942-07-01"\n'),
            "sources/second-account.md:13: event 'order-issued' is reported 1 July 1942 (1942-07-01), before it happened (1942-07-28) "
            "(reported: is when the news came out, date: when the event happened; check both)",
        ),
        (
            ("id: order-issued", "id: era-order-issued"),
            "sources/second-account.md:10: event id 'era-order-issued' starts with era-, which the timeline keeps for its eras and years (choose another id)",
        ),
        (
            ('date: "1942-07-28"', 'date: "1942-07-32"'),
            f"sources/second-account.md:11: events[0].date: '1942-07-32' is not a valid EDTF date ({__import__('builder.dates').dates.VALID_FORMS})",
        ),
        (
            ('date: "1942-07-28"', 'date: "1942-11-31"'),
            f"sources/second-account.md:11: events[0].date: '1942-11-31': November 1942 has no day 31 ({__import__('builder.dates').dates.VALID_FORMS})",
        ),
        (
            ('date: "1942-07-28"', 'date: "1942-08/1942-07"'),
            "sources/second-account.md:11: events[0].date: '1942-08/1942-07': the interval ends before it starts (write the earlier date first, e.g. 1942/1945)",
        ),
    ],
)
def test_marking_and_date_mistakes_are_errors_with_the_fix(tmp_path: Path, replace: tuple[str, str], expected: str) -> None:
    old, new = replace
    assert old in SECOND
    root = _tree(tmp_path, **{"second-account.md": SECOND.replace(old, new)})
    assert expected in check_messages(root)


def test_two_entries_following_is_an_error(tmp_path: Path) -> None:
    report = (FIXTURES / "mini" / "sources" / "field-report.md").read_text(encoding="utf-8")
    report = report.replace('    quote: "The order was issued in June 1942."\n', '    quote: "The order was issued in June 1942."\n    follow: true\n    because: The gazette was there.\n')
    root = _tree(tmp_path, **{"field-report.md": report})
    assert "sources/second-account.md:13: event 'order-issued': more than one entry has follow: true (also sources/field-report.md:23) (mark only the version the site follows)" in check_messages(root)


def test_reported_date_is_shown_apart_from_when_it_happened(tmp_path: Path) -> None:
    text = SECOND.replace('    quote: "issued on 28 July 1942"\n', '    quote: "issued on 28 July 1942"\n    reported: "1942-08-03"\n')
    root = _tree(tmp_path, **{"second-account.md": text})
    pages = render_pages(root)
    assert "**28 July 1942** · *sources disagree on the date* · reported 3 August 1942" in pages["timeline/1942.md"]
    assert "dates it 28 July 1942; *the version the site follows*; reported 3 August 1942" in pages["timeline/1942.md"]
    record = next(r for r in json.loads(pages["data/timeline.json"]) if r["id"] == "order-issued")
    assert (record["reported"], record["reported_text"]) == ("1942-08-03", "3 August 1942")


def test_every_event_link_on_every_page_points_at_the_page_holding_it() -> None:
    pages = render_pages(FIXTURES / "mini")
    import posixpath
    import re

    holders = {}
    for path, text in pages.items():
        for anchor in re.findall(r"\{#([a-z0-9-]+)\}", text):
            holders.setdefault(anchor, set()).add(path)
    events = {e["id"] for e in json.loads(pages["data/timeline.json"])}
    checked = 0
    for path, text in pages.items():
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            page, _, anchor = target.partition("#")
            if anchor in events:
                assert posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) in holders[anchor], (path, target)
                checked += 1
    assert checked >= 6  # index, tags, glossary and sourcing notes all link to events


def test_data_carries_versions_and_disagreements() -> None:
    pages = render_pages(FIXTURES / "mini")
    record = next(r for r in json.loads(pages["data/timeline.json"]) if r["id"] == "order-issued")
    assert record["permalink"] == "timeline/1942.html#order-issued"
    assert record["disagreements"] == [
        {
            "field": "date",
            "versions": [
                {"value": "1942-07-28", "value_text": "28 July 1942", "sources": ["second-account"]},
                {"value": "1942-06", "value_text": "June 1942", "sources": ["field-report"]},
            ],
            "followed": "second-account",
            "because": "The analysts give the day; the gazette gives only the month.",
        }
    ]
    assert [(c["source"], c["date"], c["describes"], c["followed"]) for c in record["citations"]] == [
        ("field-report", "1942-06", True, False),
        ("second-account", "1942-07-28", False, True),
    ]
    csv = pages["data/timeline.csv"]
    assert "date: second-account=1942-07-28, field-report=1942-06; followed second-account because" in csv
