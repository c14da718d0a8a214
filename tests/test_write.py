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


def test_a_new_nested_docs_folder_is_made_and_pages_get_mode_644(tmp_path: Path) -> None:
    docs = tmp_path / "a" / "b" / "docs"
    writer = Writer(docs, ("sources/",))
    writer.add("sources/deep/x.md", "X\n")
    assert writer.commit().written == ("sources/deep/x.md",)
    assert (docs / "sources" / "deep" / "x.md").read_text(encoding="utf-8") == "X\n"
    assert (docs / "sources" / "deep" / "x.md").stat().st_mode & 0o777 == 0o644
    # Nothing is left beside the docs folder or in it but the page.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a", "a/b", "a/b/docs", "a/b/docs/sources", "a/b/docs/sources/deep", "a/b/docs/sources/deep/x.md"]


def test_pages_of_a_new_nested_docs_folder_are_staged_beside_it_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The docs folder's missing parents are made first, so its pages are still written beside it and moved in, not written in place.
    import os

    docs = tmp_path / "a" / "b" / "docs"
    moved_from: list[Path] = []
    rename = os.replace

    def watched(src: str, dst: str) -> None:
        moved_from.append(Path(src).parent)
        rename(src, dst)

    monkeypatch.setattr(write.os, "replace", watched)
    writer = Writer(docs, ("sources/",))
    writer.add("sources/x.md", "X\n")
    assert writer.commit().written == ("sources/x.md",)
    assert [(folder.parent, folder.name.startswith(".docs-writing-")) for folder in moved_from] == [(tmp_path / "a" / "b", True)]


def test_a_staging_folder_on_another_file_system_than_the_docs_folder_is_removed_unused(tmp_path: Path) -> None:
    # A docs folder mounted from elsewhere: a file would be copied, not renamed, into it.
    import os

    class Mounted(type(tmp_path)):  # the docs folder, on a device of its own
        def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
            found = super().stat(follow_symlinks=follow_symlinks)
            return os.stat_result((found.st_mode, found.st_ino, found.st_dev + 1, *found[3:10]))

    assert write._staging(Mounted(tmp_path / "docs")) is None
    assert [p.name for p in tmp_path.iterdir()] == ["docs"]


def test_a_writer_without_a_servers_memory_keeps_no_staged_pages_text(tmp_path: Path) -> None:
    # Pages are made one at a time: once staged, a page's text is the staged file's alone.
    import tracemalloc

    writer = Writer(tmp_path / "docs", ("sources/",))
    tracemalloc.start()
    try:
        writer.add("sources/a.md", "A" * (1 << 22))  # the text is made for the call and freed after it, unless kept
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 1 << 20
    assert writer.commit().written == ("sources/a.md",) and (tmp_path / "docs" / "sources" / "a.md").stat().st_size == 1 << 22


def test_unchanged_files_are_counted_one_each(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for _ in range(2):
        writer = Writer(docs, ("sources/",))
        for name in "abc":
            writer.add(f"sources/{name}.md", name)
        report = writer.commit()
    assert (report.written, report.unchanged, report.removed) == ((), 3, ())


def test_without_a_staging_folder_pages_are_written_beside_their_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(write, "_staging", lambda out_dir: None)
    moved: list[tuple[str, str]] = []
    rename = os.replace

    def watched(src: str, dst: str) -> None:
        moved.append((str(src), str(dst)))
        rename(src, dst)

    monkeypatch.setattr(write.os, "replace", watched)
    docs = tmp_path / "docs"
    writer = Writer(docs, ("sources/",))
    writer.add("sources/new/a.md", "A\n")
    assert writer.commit().written == ("sources/new/a.md",)
    [(src, dst)] = moved
    assert dst == str(docs / "sources" / "new" / "a.md")
    # A hidden temporary file in the target's own folder, which watchers of pages ignore.
    assert Path(src).parent == docs / "sources" / "new" and Path(src).name.startswith(".tmp-")
    assert (docs / "sources" / "new" / "a.md").stat().st_mode & 0o777 == 0o644


def test_a_server_does_not_read_a_file_it_wrote_again_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    kept: write.Written = {}
    docs = tmp_path / "docs"
    first = Writer(docs, ("sources/",), kept)
    first.add("sources/a.md", "A\n")
    first.add("sources/b.md", "B\n")
    first.commit()
    target = str(docs / "sources" / "a.md")
    assert kept[target][0] == write.text_digest("A\n")  # a digest: a server holds no file's text
    read: list[str] = []
    holds = write._holds
    monkeypatch.setattr(write, "_holds", lambda path, text: read.append(str(path)) or holds(path, text))

    again = Writer(docs, ("sources/",), kept)
    again.add("sources/a.md", "A\n")
    again.add("sources/b.md", "B\n")
    assert (again.commit().unchanged, read) == (2, [])

    # Changed behind the server's back (same size, a later time): read, found different, written again.
    (docs / "sources" / "a.md").write_text("Z\n", encoding="utf-8")
    os.utime(docs / "sources" / "a.md", ns=(1, 1))
    third = Writer(docs, ("sources/",), kept)
    third.add("sources/a.md", "A\n")
    third.add("sources/b.md", "B\n")
    report = third.commit()
    assert (report.written, report.unchanged, read) == (("sources/a.md",), 1, [target])
    assert (docs / "sources" / "a.md").read_text(encoding="utf-8") == "A\n"
    assert kept[target][1] == (2, (docs / "sources" / "a.md").stat().st_mtime_ns, (docs / "sources" / "a.md").stat().st_ino)

    # A different text for the same file is never taken as written.
    fourth = Writer(docs, ("sources/",), kept)
    fourth.add("sources/a.md", "C\n")
    fourth.add("sources/b.md", "B\n")
    assert fourth.commit().written == ("sources/a.md",)
    # A file gone since is written again.
    os.unlink(docs / "sources" / "b.md")
    fifth = Writer(docs, ("sources/",), kept)
    fifth.add("sources/a.md", "C\n")
    fifth.add("sources/b.md", "B\n")
    assert fifth.commit().written == ("sources/b.md",)


def test_a_server_keeps_only_the_files_of_its_last_build(tmp_path: Path) -> None:
    kept: write.Written = {}
    writer = Writer(tmp_path / "docs", ("sources/",), kept)
    writer.add("sources/a.md", "A\n")
    writer.add("sources/b.md", "B\n")
    writer.commit()
    again = Writer(tmp_path / "docs", ("sources/",), kept)
    again.add("sources/a.md", "A\n")
    report = again.commit()
    assert (report.unchanged, report.removed) == (1, ("sources/b.md",))
    assert list(kept) == [str(tmp_path / "docs" / "sources" / "a.md")]


def test_stale_pages_are_removed_from_nested_folders_in_path_order(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = Writer(docs, ("index.md", "sources/"))
    for path in ("index.md", "sources/a-b.md", "sources/a/x.md", "sources/a/deep/y.md", "sources/keep.md"):
        first.add(path, path)
    first.commit()
    (docs / "notes.md").write_text("hand-written, not owned\n", encoding="utf-8")
    again = Writer(docs, ("index.md", "sources/"))
    again.add("sources/keep.md", "sources/keep.md")
    report = again.commit()
    # Ordered by the path's parts: a folder's files before a sibling file that sorts after it by character.
    # Only owned folders are cleared: an owned single file stays until it is generated again.
    assert report.removed == ("sources/a/deep/y.md", "sources/a/x.md", "sources/a-b.md")
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == ["index.md", "notes.md", "sources/keep.md"]


def test_an_owned_file_name_that_is_a_folder_is_left_alone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "index.md").mkdir(parents=True)
    (docs / "index.md" / "x.md").write_text("x", encoding="utf-8")
    writer = Writer(docs, ("index.md", "sources/"))
    writer.add("sources/a.md", "A\n")
    assert writer.commit().removed == ()
    assert (docs / "index.md" / "x.md").exists()


def test_without_a_staging_folder_pages_go_into_folders_that_exist_already(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_staging", lambda out_dir: None)
    docs = tmp_path / "docs"
    (docs / "sources").mkdir(parents=True)
    writer = Writer(docs, ("sources/",))
    for path in ("sources/a.md", "sources/new/b.md", "sources/new/c.md"):
        writer.add(path, path)
    assert writer.commit().written == ("sources/a.md", "sources/new/b.md", "sources/new/c.md")
    assert [(docs / p).read_text(encoding="utf-8") for p in ("sources/a.md", "sources/new/b.md", "sources/new/c.md")] == ["sources/a.md", "sources/new/b.md", "sources/new/c.md"]


def test_a_server_remembers_a_file_it_found_unchanged_and_does_not_read_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    docs = tmp_path / "docs"
    one_off = Writer(docs, ("sources/",))
    one_off.add("sources/a.md", "A\n")
    one_off.commit()
    # A server's first build finds the page a one-off build wrote, reads it once and remembers it as found.
    kept: write.Written = {}
    first = Writer(docs, ("sources/",), kept)
    first.add("sources/a.md", "A\n")
    report = first.commit()
    assert (report.written, report.unchanged) == ((), 1)
    target = str(docs / "sources" / "a.md")
    found = os.stat(target)
    assert kept == {target: (write.text_digest("A\n"), (found.st_size, found.st_mtime_ns, found.st_ino))}
    read: list[str] = []
    holds = write._holds
    monkeypatch.setattr(write, "_holds", lambda path, text: read.append(str(path)) or holds(path, text))
    again = Writer(docs, ("sources/",), kept)
    again.add("sources/a.md", "A\n")
    assert (again.commit().unchanged, read) == (1, [])


def test_a_page_is_staged_as_it_is_added_and_a_writer_left_without_commit_leaves_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    with Writer(docs, ("sources/",)) as writer:
        writer.add("sources/a.md", "A\n")
        staging = [p for p in tmp_path.iterdir() if p.name != "docs"]
        assert len(staging) == 1 and [f.read_text(encoding="utf-8") for f in staging[0].rglob("*") if f.is_file()] == ["A\n"]
        assert not (docs / "sources").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["docs"] and not any(docs.iterdir())


def test_without_a_staging_folder_a_writer_left_without_commit_removes_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write, "_staging", lambda out_dir: None)
    docs = tmp_path / "docs"
    (docs / "sources").mkdir(parents=True)
    (docs / "sources" / "a.md").write_text("old\n", encoding="utf-8")
    with Writer(docs, ("sources/",)) as writer:
        writer.add("sources/a.md", "new\n")
    assert [p.name for p in (docs / "sources").iterdir()] == ["a.md"] and (docs / "sources" / "a.md").read_text(encoding="utf-8") == "old\n"


def test_a_build_that_fails_while_making_pages_leaves_the_docs_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from builder import pipeline
    from builder import render as render_stage
    from tests.conftest import make_project

    project = make_project(tmp_path)
    pipeline.generate(project)
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    (project / "sources" / "site.yml").write_text((project / "sources" / "site.yml").read_text(encoding="utf-8").replace("title:", "title: Renamed", 1), encoding="utf-8")
    made = []
    annotate = render_stage.annotate_page

    def failing(site, page, text):  # the fifth page fails, after four were staged
        made.append(page.path)
        if len(made) == 5:
            raise RuntimeError("a renderer failed")
        return annotate(site, page, text)

    monkeypatch.setattr(render_stage, "annotate_page", failing)
    with pytest.raises(RuntimeError):
        pipeline.generate(project)
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".docs-writing-")) == []


def test_a_page_the_last_build_made_is_made_again_only_when_its_file_no_longer_holds_it(tmp_path: Path) -> None:
    import os

    kept: write.Written = {}
    docs = tmp_path / "docs"
    first = Writer(docs, ("sources/",), kept)
    first.add("sources/a.md", "A\n")
    first.commit()
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text

    same = write.Same(write.text_digest("A\n"), make("A\n"))
    again = Writer(docs, ("sources/",), kept)
    again.add("sources/a.md", same)
    assert (again.commit().unchanged, made) == (1, [])
    # Edited behind the server's back: made again and written.
    (docs / "sources" / "a.md").write_text("Z\n", encoding="utf-8")
    os.utime(docs / "sources" / "a.md", ns=(1, 1))
    third = Writer(docs, ("sources/",), kept)
    third.add("sources/a.md", same)
    assert (third.commit().written, made) == (("sources/a.md",), ["A\n"])
    assert (docs / "sources" / "a.md").read_text(encoding="utf-8") == "A\n"
    # A page made with a text this writer never wrote (its build failed before writing it): made again.
    fourth = Writer(docs, ("sources/",), kept)
    fourth.add("sources/a.md", write.Same(write.text_digest("B\n"), make("B\n")))
    assert (fourth.commit().written, made) == (("sources/a.md",), ["A\n", "B\n"])


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_a_text_is_hashed_the_same_in_pieces(text: str) -> None:
    import hashlib

    whole = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(write, "CHUNK", 3)
        assert write.text_digest(text) == whole
