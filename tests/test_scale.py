"""The scale benchmark's corpus generator, and the fast paths that keep date checks and links cheap; no timings here."""

from __future__ import annotations

import calendar
import posixpath
from pathlib import Path

import pytest
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.corpus import generate, write_project
from builder import dates
from builder.pipeline import check_only
from builder.render import markdown


def test_corpus_is_reproducible_from_its_seed() -> None:
    assert generate(12, seed=3) == generate(12, seed=3)
    assert generate(12, seed=3) != generate(12, seed=4)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("corpus") / "project", 40, seed=1)


def test_corpus_passes_the_check_with_every_quote_found(corpus: Path) -> None:
    content, _warnings = check_only(corpus)
    assert len(content.sources) >= 38  # a draft or two is left out
    assert len(content.terms) >= 200


def test_corpus_shares_events_and_disputes_dates(corpus: Path) -> None:
    content, _ = check_only(corpus)
    by_event: dict[str, list] = {}
    for source in content.sources:
        for entry in source.meta.events:
            by_event.setdefault(entry.id, []).append(entry)
    shared = [entries for entries in by_event.values() if len(entries) > 1]
    assert shared
    assert any(len({e.date for e in entries if e.date}) > 1 for entries in shared)


def test_corpus_bodies_are_article_length(corpus: Path) -> None:
    sizes = [len(p.read_text(encoding="utf-8").split("\n---\n", 1)[1].encode()) for p in (corpus / "sources").glob("*.md")]
    assert min(sizes) >= 2800 and max(sizes) <= 9000


def test_plain_dates_skip_the_library_only_where_it_agrees() -> None:
    """Every date the fast path accepts without the ``edtf`` library, the library accepts too."""
    checked = 0
    for year in (1, 2023, 2024):
        for qualifier in ("", "~", "?", "%"):
            forms = [f"{year:04d}{qualifier}"]
            for month in range(1, 13):
                forms.append(f"{year:04d}-{month:02d}{qualifier}")
                forms += [f"{year:04d}-{month:02d}-{day:02d}{qualifier}" for day in sorted({1, 10, 28, calendar.monthrange(year, month)[1]})]
            for text in forms:
                assert dates._PLAIN.match(text), text
                parse_edtf(text)
                checked += 1
    assert checked > 700
    for text in ("1942-13", "1942-00", "1942-21", "1942-06-32", "194X", "XXXX-09-25", "1942-06~?", "21942"):
        assert not dates._PLAIN.match(text), text


def test_plain_dates_still_reject_impossible_days() -> None:
    with pytest.raises(dates.DateError):
        dates.parse("1942-02-30")
    with pytest.raises(dates.DateError):
        dates.parse("2023-02-29")
    assert dates.parse("2024-02-29").lower.day == 29


_SEGMENT = st.sampled_from(["a", "b", "sources", "tags", "2", ".", "..", "x.md", "index.md"])


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=0, max_size=4))
def test_relative_links_match_posixpath(to: list[str], start: list[str]) -> None:
    """The link helper's own relpath (no working-folder look-up) agrees with ``posixpath.relpath``."""
    path, base = "/".join(to), "/".join(start) or "."
    assert markdown._relpath(path, base) == posixpath.relpath(path, base)
