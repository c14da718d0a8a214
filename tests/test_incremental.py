"""A server's rebuilds reuse what the last build made (builder/memo.py): after any edit, the pages and problems are a fresh build's.

The memos keep notes, annotations, data records, events and warnings while
what each was made from is unchanged. A memo that missed one of its inputs
would leave a stale page after some edit; these tests make many kinds of
edit to a synthetic corpus, in a seeded random order, and compare every page
and every problem with a build that keeps nothing.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_project
from builder import load, memo
from builder.memo import Checked, Reads
from builder.pipeline import generate
from builder.problems import ContentError
from tests.conftest import make_project


@pytest.fixture
def serving() -> Iterator[None]:
    memo.keep_between_builds()
    yield
    memo.keep_between_builds(False)


def _pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def _sub(path: Path, pattern: str, replace: Callable[[re.Match], str] | str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replace, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path.name, pattern)
    path.write_text(changed, encoding="utf-8")


def _set_field(path: Path, field: str, value: str) -> None:
    """Set a top-level frontmatter field, adding it after the title when the source lacks it."""
    if re.search(rf"^{field}:", path.read_text(encoding="utf-8"), re.MULTILINE):
        _sub(path, rf"^{field}: .*$", f"{field}: {value}")
    else:
        _sub(path, r"^title: .*$", lambda m: f"{m.group(0)}\n{field}: {value}")


Edit = Callable[[Path, random.Random], str]


def _article(project: Path, rng: random.Random) -> Path:
    return rng.choice(sorted((project / "sources").glob("*.md")))


def _title(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    _sub(path, r'^title: "', 'title: "Revised: ')
    return f"title of {path.name}"


def _event_date(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    year = rng.randint(1900, 2025)
    _sub(path, r'^(  - id: "[^"]+"\n    date: )"[^"]*"', lambda m: f'{m.group(1)}"{year}"')
    return f"an event's date in {path.name}"


def _event_title(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    if not re.search(r'^    title: "', path.read_text(encoding="utf-8"), re.MULTILINE):
        return "nothing (no described event)"
    _sub(path, r'^    title: "', '    title: "Later, ')
    return f"an event's title in {path.name}"


def _tag(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    if "    tags: [" not in path.read_text(encoding="utf-8"):
        return "nothing (no tags)"
    _sub(path, r"^    tags: \[", '    tags: ["edited-tag", ')
    return f"a tag in {path.name}"


def _publisher(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    _set_field(path, "publisher", '"Another Desk"')
    return f"publisher of {path.name}"


def _published(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    _set_field(path, "published", f'"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"')
    return f"publication date of {path.name}"


def _body(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\nOfficials said the number was probably higher, according to a ministry spokesman.\n")
    return f"text of {path.name}"


def _figure(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    if "\n    value: " not in path.read_text(encoding="utf-8"):
        return "nothing (no figure)"
    _sub(path, r"^    value: (\d+)", lambda m: f"    value: {int(m.group(1)) * 2}")
    return f"a figure in {path.name}"


def _definition(project: Path, rng: random.Random) -> str:
    _sub(project / "sources" / "glossary.yml", r'^  definition: "', '  definition: "Revised. ')
    return "a term's definition"


def _era(project: Path, rng: random.Random) -> str:
    _sub(project / "sources" / "eras.yml", r'^  end: "1938"', '  end: "1937"')
    _sub(project / "sources" / "eras.yml", r'^  start: "1939"', '  start: "1938"')
    return "the eras' bounds"


def _site(project: Path, rng: random.Random) -> str:
    _sub(project / "sources" / "site.yml", r'^title: "', 'title: "Renamed: ')
    return "the site's title"


def _remove(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    shutil.move(path, project.parent / "removed" / path.name)
    return f"{path.name} removed"


def _restore(project: Path, rng: random.Random) -> str:
    removed = sorted((project.parent / "removed").glob("*.md"))
    if not removed:
        return "nothing (none removed)"
    path = rng.choice(removed)
    shutil.move(path, project / "sources" / path.name)
    return f"{path.name} restored"


EDITS: tuple[Edit, ...] = (_title, _event_date, _event_title, _tag, _publisher, _published, _body, _figure, _definition, _site, _remove, _restore)


def _fresh(tmp_path: Path, sources: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes] | None, list[str]]:
    """A build that keeps nothing, of a copy of ``sources``: its pages, or its problems."""
    root = make_project(tmp_path / f"fresh-{n}", sources=sources)
    with monkeypatch.context() as fresh:
        fresh.setattr(memo, "_keeping", False)  # the memos are not used, and not emptied either
        try:
            result = generate(root)
        except ContentError as err:
            return None, [str(p) for p in err.problems]
    return _pages(root / "docs"), [str(p) for p in result.warnings]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_kind_of_edit_gives_the_pages_and_problems_of_a_fresh_build(serving: None, tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Files are told unchanged by their status even just after being written, as they are a second later.
    monkeypatch.setattr(load._Unchanged, "RACY_NS", 0)
    corpus = write_project(tmp_path / "corpus", 30, seed=seed)
    project = make_project(tmp_path / "served", sources=corpus / "sources")
    (project.parent / "removed").mkdir()
    generate(project)
    rng = random.Random(seed)
    edits = [*EDITS, _era] + [rng.choice(EDITS) for _ in range(10)]
    rng.shuffle(edits)
    for n, edit in enumerate(edits):
        what = edit(project, rng)
        try:
            result = generate(project)
        except ContentError as err:
            pages, problems = None, [str(p) for p in err.problems]
        else:
            pages, problems = _pages(project / "docs"), [str(p) for p in result.warnings]
        fresh_pages, fresh_problems = _fresh(tmp_path, project / "sources", n, monkeypatch)
        assert problems == fresh_problems, what
        if fresh_pages is not None:
            assert pages is not None, what
            stale = sorted(path for path in fresh_pages.keys() | pages.keys() if fresh_pages.get(path) != pages.get(path))
            assert not stale, f"after {what}: {stale[:5]}"


def test_a_file_rewritten_with_its_old_size_and_times_is_read_again(serving: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load._Unchanged, "RACY_NS", 0)
    project = make_project(tmp_path / "served")
    generate(project)
    report = project / "sources" / "field-report.md"
    before = report.stat()
    text = report.read_text(encoding="utf-8")
    assert "The order is issued" in text
    report.write_text(text.replace("The order is issued", "The order is signed"), encoding="utf-8")  # the same length
    os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))  # and its times set back, as some copying tools do
    assert report.stat().st_size == before.st_size and report.stat().st_mtime_ns == before.st_mtime_ns
    generate(project, changed=True)
    assert "The order is signed" in (project / "docs" / "timeline.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (project / "docs" / "timeline").glob("*.md")
    )


def test_a_file_changed_just_before_it_was_read_is_read_again() -> None:
    unchanged = load._Unchanged()
    memo.keep_between_builds()
    try:
        info = os.stat(__file__)
        now = max(info.st_mtime_ns, info.st_ctime_ns)
        unchanged.note("f", info, ("f", b"1"), now + load._Unchanged.RACY_NS // 2)
        assert unchanged.key("f", info) is None  # read within the clock's reach of a change: not trusted
        unchanged.note("f", info, ("f", b"1"), now + 2 * load._Unchanged.RACY_NS)
        assert unchanged.key("f", info) == ("f", b"1")
    finally:
        memo.keep_between_builds(False)
    assert unchanged.key("f", info) is None  # a one-off build trusts no status


# --- the memo of what a function read ------------------------------------------------


class _Record:
    def __init__(self, **fields: object) -> None:
        self.__dict__.update(fields)


def test_a_checked_memo_makes_again_exactly_when_something_read_changed() -> None:
    made: list[str] = []
    kept: Checked[str, str] = Checked(mappings=("by_id",))

    def page(view: Reads) -> str:
        made.append("page")
        return f"{view.title}: {view.by_id['a']}"

    site = _Record(title="T", by_id={"a": "A", "b": "B"})
    assert kept.get_checked("p", site, page) == "T: A"
    kept.rotate()
    # Only "a" was looked up: a change to "b" leaves the page as it was.
    assert kept.get_checked("p", _Record(title="T", by_id={"a": "A", "b": "changed"}), page) == "T: A"
    assert made == ["page"]
    kept.rotate()
    assert kept.get_checked("p", _Record(title="T", by_id={"a": "new"}), page) == "T: new"
    kept.rotate()
    assert kept.get_checked("p", _Record(title="U", by_id={"a": "new"}), page) == "U: new"
    assert made == ["page"] * 3


def test_a_checked_memo_notes_a_missing_key_and_a_whole_mapping() -> None:
    kept: Checked[str, object] = Checked(mappings=("by_id",))
    absent = kept.get_checked("absent", _Record(by_id={}), lambda view: "x" in view.by_id)
    whole = kept.get_checked("whole", _Record(by_id={"a": 1}), lambda view: sorted(view.by_id.items()))
    assert (absent, whole) == (False, [("a", 1)])
    kept.rotate()
    assert kept.get_checked("absent", _Record(by_id={"x": 1}), lambda view: "x" in view.by_id) is True
    assert kept.get_checked("whole", _Record(by_id={"a": 1, "b": 2}), lambda view: sorted(view.by_id.items())) == [("a", 1), ("b", 2)]


def test_attributes_compared_by_identity_are_made_again_for_a_new_object() -> None:
    kept: Checked[str, int] = Checked(same=("items",))
    items = (1, 2)
    assert kept.get_checked("n", _Record(items=items), lambda view: len(view.items)) == 2
    kept.rotate()
    assert kept.get_checked("n", _Record(items=items), lambda view: -1) == 2  # the very same tuple: kept
    assert kept.get_checked("m", _Record(items=tuple([1, 2])), lambda view: -1) == -1
    kept.rotate()
    assert kept.get_checked("n", _Record(items=tuple([1, 2])), lambda view: -1) == -1  # equal, but another object: made again


def test_a_memo_of_same_inputs_compares_them_by_identity() -> None:
    kept: memo.Memo[str, str] = memo.Memo()
    a, b = ["a"], ["b"]
    assert kept.get_same("k", (a, b), lambda: "first") == "first"
    kept.rotate()
    assert kept.get_same("k", (a, b), lambda: "second") == "first"
    kept.rotate()
    assert kept.get_same("k", (a, ["b"]), lambda: "third") == "third"
    assert kept.get_same("j", (a,), lambda: "fourth") == "fourth"


# --- data exports from per-record fragments -------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_VALUE = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    _TEXT,
    st.lists(_TEXT, max_size=3),
    st.lists(st.fixed_dictionaries({"source": _TEXT, "quote": _TEXT}), max_size=2),
)


_KEYS = ("id", "title", "citations", "count")


# Every record of a data set is made by one dict literal: the same keys in the same order.
@given(st.lists(st.tuples(_TEXT, _VALUE, _VALUE, _VALUE).map(lambda values: dict(zip(_KEYS, values))), max_size=5))
@settings(max_examples=200, deadline=None)
def test_exports_joined_from_records_are_the_bytes_of_the_whole_list(rows: list[dict]) -> None:
    from builder.render import data

    joined = data._joined(data._fragments(row, lambda flat: flat) for row in rows)
    assert joined == (data.to_json(rows), data.to_csv(rows))
