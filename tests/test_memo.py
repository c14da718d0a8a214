"""Memos kept between builds in one process (``mkdocs serve``): the pages are those a fresh build makes, and problems are reported every time."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder import memo
from builder.pipeline import generate
from builder.problems import ContentError
from tests.conftest import make_project


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture
def serving() -> Iterator[None]:
    memo.keep_between_builds()
    yield
    memo.keep_between_builds(False)


def test_a_memo_keeps_what_the_last_build_used_and_nothing_older() -> None:
    made: list[str] = []

    def make(key: str):
        return lambda: made.append(key) or key.upper()

    kept: memo.Memo[str, str] = memo.Memo()
    assert [kept.get(k, make(k)) for k in ("a", "b", "a")] == ["A", "B", "A"]
    assert made == ["a", "b"] and kept.changed
    kept.rotate()
    assert kept.get("a", make("a")) == "A" and made == ["a", "b"]  # from the last build
    assert kept.changed  # "b" was left out
    kept.rotate()
    assert kept.get("b", make("b")) == "B" and made == ["a", "b", "b"]  # two builds ago: forgotten


def test_in_process_memos_keep_nothing_unless_turned_on() -> None:
    kept = memo.in_process()
    calls: list[int] = []
    kept.get("k", lambda: calls.append(1) or 1)
    kept.get("k", lambda: calls.append(1) or 1)
    assert len(calls) == 2 and kept.used == {}
    memo.keep_between_builds()
    try:
        kept.get("k", lambda: calls.append(1) or 1)
        memo.next_build()
        kept.get("k", lambda: calls.append(1) or 1)
        assert len(calls) == 3
    finally:
        memo.keep_between_builds(False)
    assert kept.known == {} and kept.used == {}


def test_a_record_made_afresh_stays_the_last_builds_while_equal() -> None:
    kept: memo.Memo[str, tuple] = memo.Memo()
    first = kept.same_if_equal("k", ("a", 1))
    kept.rotate()
    again = kept.same_if_equal("k", ("a", 1))
    assert again is first and kept.made == 0
    kept.rotate()
    other = ("a", 2)
    assert kept.same_if_equal("k", other) is other and kept.made == 1


def test_a_memo_of_equal_inputs_makes_again_only_when_an_input_differs() -> None:
    kept: memo.Memo[str, str] = memo.Memo()
    made: list[str] = []
    parts = ("x", "y")
    assert kept.get_equal("k", parts, lambda: made.append("1") or "first") == "first"
    kept.rotate()
    assert kept.get_equal("k", tuple(["x", "y"]), lambda: made.append("2") or "second") == "first"  # equal, not the same
    kept.rotate()
    assert kept.get_equal("k", ("x", "z"), lambda: made.append("3") or "third") == "third"
    assert made == ["1", "3"]


class _Node:
    """An object in a reference cycle of its own: only the garbage collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _garbage_cycle() -> weakref.ref:
    return weakref.ref(_Node())


@pytest.mark.skipif(memo.resource is None, reason="peak memory cannot be read here")
def test_a_server_freezes_what_its_builds_keep_and_collects_in_full_when_memory_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    memo.keep_between_builds()
    try:
        first = _garbage_cycle()
        with memo.collector_off(freeze=True):  # a server's first build
            pass
        assert first() is None  # collected in full once
        assert gc.get_freeze_count() > 0
        second = _garbage_cycle()
        with memo.collector_off(freeze=True):  # the next: frozen, not walked
            pass
        gc.collect()
        assert second() is not None
        monkeypatch.setattr(memo, "_peak_memory", lambda: 1 << 60)  # the process has grown
        with memo.collector_off(freeze=True):
            pass
        assert second() is None
    finally:
        memo.keep_between_builds(False)
    assert gc.get_freeze_count() == 0  # given back to the collector


def test_a_checked_memo_compares_each_kept_value_with_the_record_it_was_last_checked_against() -> None:
    class Site:
        def __init__(self, **fields: object) -> None:
            self.__dict__.update(fields)

    made: list[str] = []
    kept: memo.Checked[str, str] = memo.Checked(mappings=("by_id",))

    def page(key: str):
        return lambda view: made.append(key) or f"{view.title}/{view.by_id[key]}"

    one = Site(title="T", by_id={"a": "A", "b": "B"})
    assert [kept.get_checked(k, one, page(k)) for k in ("a", "b")] == ["T/A", "T/B"]
    kept.rotate()
    # "b" is not asked for in this build, so it is forgotten; "a" is checked against the first site.
    assert kept.get_checked("a", Site(title="T", by_id={"a": "A", "b": "changed"}), page("a")) == "T/A"
    kept.rotate()
    three = Site(title="T", by_id={"a": "again", "b": "B"})
    assert [kept.get_checked(k, three, page(k)) for k in ("a", "b")] == ["T/again", "T/B"]
    assert made == ["a", "b", "a", "b"]
    kept.rotate()
    # Two records in one build: each kept value is checked against the one it was last checked against.
    assert kept.get_checked("a", Site(title="T", by_id={"a": "again"}), page("a")) == "T/again"
    assert kept.get_checked("b", Site(title="U", by_id={"b": "B"}), page("b")) == "U/B"
    assert kept.get_checked("x", Site(by_id={}), lambda view: "x" in view.by_id) is False
    kept.rotate()
    assert kept.get_checked("x", Site(), lambda view: "missing") == "missing"  # the attribute is gone
    assert made == ["a", "b", "a", "b", "b"]


def _edits(project: Path) -> Iterator[str]:
    """Edits a contributor makes while the server runs: each yields what it changed."""
    sources = project / "sources"
    report = sources / "field-report.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(text + "\nThe figure was probably higher, officials said.\n", encoding="utf-8")
    yield "a source's text"
    report.write_text(report.read_text(encoding="utf-8").replace("title: \"Field report:", "title: \"Field report, revised:"), encoding="utf-8")
    yield "a source's title"
    glossary = sources / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("aliases: [blocking unit, barrier troops]", "aliases: [blocking unit, barrier troops, orders]"), encoding="utf-8")
    yield "a term's names"
    report.write_text(report.read_text(encoding="utf-8").replace('quote: "The order was issued in June 1942."', 'quote: "The order was issued in May 1942."'), encoding="utf-8")
    yield "a quote that is not in the text"
    report.write_text(report.read_text(encoding="utf-8").replace('quote: "The order was issued in May 1942."', 'quote: "The order was issued in June 1942."'), encoding="utf-8")
    yield "the quote fixed"


def test_builds_in_one_process_make_the_pages_a_fresh_build_makes(serving: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "served")
    generate(project)
    for i, edit in enumerate(_edits(project)):
        fresh_root = make_project(tmp_path / f"fresh-{i}", sources=project / "sources")
        try:
            generate(project)
        except ContentError as err:
            assert edit == "a quote that is not in the text"
            # The same problems as a build without memos: nothing is hidden by what the last build kept.
            with monkeypatch.context() as fresh_build:
                fresh_build.setattr(memo, "_keeping", False)  # the memos are not used, and not emptied either
                with pytest.raises(ContentError) as fresh:
                    generate(fresh_root)
            assert [str(p) for p in err.problems] == [str(p) for p in fresh.value.problems]
            assert any("quote not found" in str(p) for p in err.problems)
            continue
        with monkeypatch.context() as fresh_build:
            fresh_build.setattr(memo, "_keeping", False)
            generate(fresh_root)
        assert _pages(project / "docs") == _pages(fresh_root / "docs"), edit


def test_a_server_writes_the_text_memo_after_its_first_build_and_when_it_stops(serving: None, tmp_path: Path) -> None:
    from builder.cache import TextMemo

    project = make_project(tmp_path / "served")
    generate(project)
    memo = TextMemo.of(project)
    path = memo.folder / memo.name
    assert path.exists()  # a server killed now still leaves what its first build read
    written = (path.stat().st_ino, path.stat().st_mtime_ns)  # each write makes a new file
    report = project / "sources" / "field-report.md"
    report.write_text(report.read_text(encoding="utf-8") + "\nThe figure was probably higher, officials said.\n", encoding="utf-8")
    generate(project)
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == written  # not after every edit
    TextMemo.flush_all()
    assert (path.stat().st_ino, path.stat().st_mtime_ns) != written
    assert len(TextMemo(project).known) == len(list((project / "sources").glob("*.md")))
