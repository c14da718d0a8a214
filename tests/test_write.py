"""The writer: a file is rewritten only when its text changed, compared and written a piece at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import write
from builder.write import Writer


@settings(max_examples=200, deadline=None)
@given(old=st.text(max_size=40), new=st.text(max_size=40))
def test_a_file_holds_a_text_exactly_when_its_bytes_are_the_texts(tmp_path_factory: pytest.TempPathFactory, old: str, new: str) -> None:
    target = tmp_path_factory.mktemp("w") / "page.md"
    target.write_bytes(old.encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(write, "CHUNK", 3)  # pieces that split the text, and multi-byte letters, anywhere
        assert write._holds(target, new) == (old.encode("utf-8") == new.encode("utf-8"))


def test_only_changed_files_are_written_and_stale_ones_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "CHUNK", 5)
    docs = tmp_path / "docs"
    first = Writer(docs, ("index.md", "sources/"))
    first.add("index.md", "Ёлка — a page\n")
    first.add("sources/a.md", "A\n" * 20)
    first.add("sources/b.md", "B\n")
    assert sorted(first.commit().written) == ["index.md", "sources/a.md", "sources/b.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == "Ёлка — a page\n"
    assert (docs / "sources" / "a.md").read_text(encoding="utf-8") == "A\n" * 20

    again = Writer(docs, ("index.md", "sources/"))
    again.add("index.md", "Ёлка — a page\n")
    again.add("sources/a.md", "A\n" * 19 + "a\n")
    report = again.commit()
    assert report.written == ("sources/a.md",) and report.unchanged == 1 and report.removed == ("sources/b.md",)
    assert (docs / "sources" / "a.md").read_text(encoding="utf-8") == "A\n" * 19 + "a\n"


def test_changed_pages_are_written_beside_the_docs_folder_then_moved_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    docs = tmp_path / "docs"
    first = Writer(docs, ("sources/",))
    first.add("sources/a.md", "A\n")
    first.add("sources/b.md", "B\n")
    first.commit()
    moves: list[tuple[Path, list[str]]] = []
    rename = os.replace

    def watched(src: str, dst: str) -> None:
        # What a watcher of docs/ would see at each move: the pages, and no half-written file.
        moves.append((Path(src).parent, sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*"))))
        rename(src, dst)

    monkeypatch.setattr(write.os, "replace", watched)
    again = Writer(docs, ("sources/",))
    again.add("sources/a.md", "A, edited\n")
    again.add("sources/b.md", "B, edited\n")
    again.add("sources/new/c.md", "C\n")
    assert sorted(again.commit().written) == ["sources/a.md", "sources/b.md", "sources/new/c.md"]
    # Nothing new in docs/ until the moves, which come last (a new page's folder is made just before it moves in).
    before = ["sources", "sources/a.md", "sources/b.md"]
    assert [files for _, files in moves] == [before, before, [*before, "sources/new"]]
    assert all(folder.parent == tmp_path and folder.name.startswith(".docs-writing-") for folder, _ in moves)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # the staging folder is gone
    assert (docs / "sources" / "new" / "c.md").read_text(encoding="utf-8") == "C\n"


@pytest.mark.parametrize(
    "path",
    ["../evil.md", "sources/../../evil.md", "sources/../index.md", "/tmp/evil.md", "other.md", "sourcesx/a.md", "index.md/x.md", "data"],
)
def test_a_path_outside_the_generated_ones_is_refused(tmp_path: Path, path: str) -> None:
    writer = Writer(tmp_path / "docs", ("index.md", "sources/", "data/"))
    with pytest.raises(ValueError, match=r"^refusing to write .*: outside the generated paths index\.md, sources/, data/$"):
        writer.add(path, "x")
    writer.add("sources/a.md", "A\n")
    assert writer.commit().written == ("sources/a.md",)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == ["docs/sources/a.md"]


def test_a_path_generated_twice_is_refused(tmp_path: Path) -> None:
    writer = Writer(tmp_path / "docs", ("sources/",))
    writer.add("sources/a.md", "A\n")
    with pytest.raises(ValueError, match="sources/a.md was generated twice"):
        writer.add("sources/a.md", "B\n")
