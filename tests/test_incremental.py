"""A server's rebuilds reuse what the last build made (builder/incremental.py): after any edit, the pages and problems are a fresh build's.

What each file yielded, each curated record and each page that declares what
it shows are kept while what they were made from is unchanged. A digest that
missed an input, or a page that shows a record it does not declare, would
leave a stale page after some edit; these tests make many kinds of edit to a
synthetic corpus, in a seeded random order, and compare every page and every
problem with a build that keeps nothing.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import write_project
from builder import load
from builder.curate import Site
from builder.incremental import Builds, Files, Page, Pages
from builder.pipeline import generate
from builder.problems import ContentError
from builder.render import site_pages
from builder.write import Same, text_digest
from tests.conftest import make_project


@pytest.fixture
def serving() -> Iterator[Builds]:
    """What a server keeps between builds."""
    yield Builds()


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


def _place_coordinates(project: Path, rng: random.Random) -> str:
    _sub(project / "sources" / "places.yml", r"^  lat: (-?[\d.]+)$", lambda m: f"  lat: {float(m.group(1)) + 0.5:.4f}")
    return "a place's coordinates"


def _event_place(project: Path, rng: random.Random) -> str:
    path = _article(project, rng)
    if not re.search(r"^    places: \[", path.read_text(encoding="utf-8"), re.MULTILINE):
        return "nothing (no places)"
    names = re.findall(r'^  name: "([^"]+)"$', (project / "sources" / "places.yml").read_text(encoding="utf-8"), re.MULTILINE)
    _sub(path, r"^    places: \[[^\]]*\]", f'    places: ["{rng.choice(names)}"]')
    return f"an event's place in {path.name}"


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


EDITS: tuple[Edit, ...] = (_title, _event_date, _event_title, _tag, _publisher, _published, _body, _figure, _definition, _site, _place_coordinates, _event_place, _remove, _restore)


def _fresh(tmp_path: Path, sources: Path, n: int) -> tuple[dict[str, bytes] | None, list[str]]:
    """A build that keeps nothing, of a copy of ``sources``: its pages, or its problems."""
    root = make_project(tmp_path / f"fresh-{n}", sources=sources)
    try:
        result = generate(root)
    except ContentError as err:
        return None, [str(p) for p in err.problems]
    return _pages(root / "docs"), [str(p) for p in result.warnings]


@pytest.mark.parametrize("seed", [1, 2])
def test_every_kind_of_edit_gives_the_pages_and_problems_of_a_fresh_build(serving: Builds, tmp_path: Path, seed: int) -> None:
    corpus = write_project(tmp_path / "corpus", 30, seed=seed)
    project = make_project(tmp_path / "served", sources=corpus / "sources")
    (project.parent / "removed").mkdir()
    generate(project, builds=serving)
    rng = random.Random(seed)
    edits = [*EDITS, _era] + [rng.choice(EDITS) for _ in range(10)]
    rng.shuffle(edits)
    for n, edit in enumerate(edits):
        what = edit(project, rng)
        try:
            result = generate(project, builds=serving)
        except ContentError as err:
            pages, problems = None, [str(p) for p in err.problems]
        else:
            pages, problems = _pages(project / "docs"), [str(p) for p in result.warnings]
        fresh_pages, fresh_problems = _fresh(tmp_path, project / "sources", n)
        assert problems == fresh_problems, what
        if fresh_pages is not None:
            assert pages is not None, what
            stale = sorted(path for path in fresh_pages.keys() | pages.keys() if fresh_pages.get(path) != pages.get(path))
            assert not stale, f"after {what}: {stale[:5]}"


def test_a_file_rewritten_with_its_old_size_and_times_is_read_again(serving: Builds, tmp_path: Path) -> None:
    project = make_project(tmp_path / "served")
    generate(project, builds=serving)
    report = project / "sources" / "field-report.md"
    before = report.stat()
    text = report.read_text(encoding="utf-8")
    assert "The order is issued" in text
    report.write_text(text.replace("The order is issued", "The order is signed"), encoding="utf-8")  # the same length
    os.utime(report, ns=(before.st_atime_ns, before.st_mtime_ns))  # and its times set back, as some copying tools do
    assert report.stat().st_size == before.st_size and report.stat().st_mtime_ns == before.st_mtime_ns
    generate(project, builds=serving)
    assert "The order is signed" in (project / "docs" / "timeline.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (project / "docs" / "timeline").glob("*.md")
    )


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


def test_builds_in_one_process_make_the_pages_a_fresh_build_makes(serving: Builds, tmp_path: Path) -> None:
    project = make_project(tmp_path / "served")
    generate(project, builds=serving)
    for i, edit in enumerate(_edits(project)):
        fresh_root = make_project(tmp_path / f"fresh-{i}", sources=project / "sources")
        try:
            generate(project, builds=serving)
        except ContentError as err:
            assert edit == "a quote that is not in the text"
            # The same problems as a fresh build: nothing is hidden by what the last build kept.
            with pytest.raises(ContentError) as fresh:
                generate(fresh_root)
            assert [str(p) for p in err.problems] == [str(p) for p in fresh.value.problems]
            assert any("quote not found" in str(p) for p in err.problems)
            continue
        generate(fresh_root)
        assert _pages(project / "docs") == _pages(fresh_root / "docs"), edit


# --- pages kept by what they show ----------------------------------------------------


def _made(pages: Pages, digests: dict, shown: dict[str, tuple | None]) -> dict[str, str | bytes]:
    """Build the pages ``shown`` (path -> what it shows), each made as ``<path> #<n>``; what they give, a kept page as its text's digest."""
    count = {"n": 0}

    def make(path: str) -> str:
        count["n"] += 1
        return f"{path} #{count['n']}"

    made = pages.make(digests, (Page(path, refs, lambda path=path: make(path), (), None) for path, refs in shown.items()), lambda page, text: text + "!")
    return {path: text.digest if isinstance(text, Same) else text for path, text in made}


def test_a_page_is_made_again_exactly_when_a_record_it_shows_changed() -> None:
    pages = Pages()
    shown = {"a.md": (("event", "x"),), "b.md": (("event", "y"), ("source", "s")), "index.md": None}
    first = _made(pages, {("event", "x"): b"1", ("event", "y"): b"1", ("source", "s"): b"1"}, shown)
    assert first == {"a.md": "a.md #1!", "b.md": "b.md #2!", "index.md": "index.md #3!"}
    again = _made(pages, {("event", "x"): b"1", ("event", "y"): b"1", ("source", "s"): b"2"}, shown)
    # a.md shows nothing that changed: kept, as the digest of the text it was finished as; the index shows the whole site: made at every build.
    assert again == {"a.md": text_digest("a.md #1!"), "b.md": "b.md #1!", "index.md": "index.md #2!"}
    assert pages.made == 1
    # A record that is gone counts as changed; a page that now shows other records is made again.
    third = _made(pages, {("event", "y"): b"1", ("source", "s"): b"2"}, {"a.md": (("event", "x"),), "b.md": (("event", "y"),)})
    assert third == {"a.md": "a.md #1!", "b.md": "b.md #2!"}


def _tag_resting_on_a_term(site: Site) -> tuple[str, str, set[str]]:
    """A tag's page that rests on the glossary's term of its name: its path, the term, the sources its events cite."""
    for page in site_pages(site):
        if page.path.startswith("tags/") and page.rests_on and page.rests_on[0][0] == "term":
            reported = {c.source.id for kind, i in page.rests_on if kind == "event" for c in site.events_by_id[i].citations}
            return page.path, page.rests_on[0][1], reported
    raise AssertionError("no tag is named after a term")


def _kept_and_fresh(serving: Builds, project: Path, tmp_path: Path, path: str, source: str, date: str) -> tuple[str, str]:
    """The page at ``path`` as a server makes it and as a fresh build does, after ``source``'s publication date became ``date``."""
    _set_field(project / "sources" / f"{source}.md", "published", f'"{date}"')
    generate(project, builds=serving)
    fresh_root = make_project(tmp_path / "fresh", sources=project / "sources")
    generate(fresh_root)
    return (project / "docs" / path).read_text(encoding="utf-8"), (fresh_root / "docs" / path).read_text(encoding="utf-8")


def _served_tag_page(serving: Builds, tmp_path: Path):
    """A 30-source corpus served once, and a tag's page resting on a glossary term: (project, site, page path, term id, sources using the term)."""
    corpus = write_project(tmp_path / "corpus", 30, seed=1)
    project = make_project(tmp_path / "served", sources=corpus / "sources")
    site = generate(project, builds=serving).site
    assert site is not None and site.last_change is not None
    return (project, site, *_tag_resting_on_a_term(site))


def test_a_kept_page_takes_the_date_of_a_source_it_rests_on_through_a_record_it_does_not_show(serving: Builds, tmp_path: Path) -> None:
    # A tag's page rests on the sources of the glossary's term of its name; it shows only the term's name.
    project, site, path, term, reported = _served_tag_page(serving, tmp_path)
    source = next(c.source for c in site.terms_by_id[term].term.citations if c.source not in reported)
    newest = site.last_change.text  # the site's newest date stays the same; the page's becomes it
    assert f'updated: "{newest}"' not in (project / "docs" / path).read_text(encoding="utf-8")
    kept, fresh = _kept_and_fresh(serving, project, tmp_path, path, source, newest)
    assert f'updated: "{newest}"' in kept
    assert kept == fresh


def test_a_kept_page_takes_the_date_of_a_source_a_term_cites_without_using_it(serving: Builds, tmp_path: Path) -> None:
    # A term's citation need not contain the term: the source cited is then not among those that use it.
    project, site, path, term, reported = _served_tag_page(serving, tmp_path)
    entry = site.terms_by_id[term]
    users = {u.source.id for u in entry.uses} | {c.source for c in entry.term.citations} | reported
    other = next(p.source for p in site.sources if p.source.id not in users and p.source.last_dated is not None)
    words = next(line for line in other.body.splitlines() if len(line.split()) > 12 and entry.term.term not in line).split()[2:8]
    glossary = project / "sources" / "glossary.yml"
    _sub(glossary, rf'^- id: "{term}"\n(?:  .*\n)*?  citations:\n', lambda m: f'{m.group(0)}    - source: "{other.id}"\n      quote: "{" ".join(words)}"\n')
    site = generate(project, builds=serving).site
    assert site is not None and site.last_change is not None
    newest = site.last_change.text
    assert f'updated: "{newest}"' not in (project / "docs" / path).read_text(encoding="utf-8")
    kept, fresh = _kept_and_fresh(serving, project, tmp_path, path, other.id, newest)
    assert f'updated: "{newest}"' in kept
    assert kept == fresh


def _served_after_a_text_edit(serving: Builds, tmp_path: Path) -> tuple[Path, list[Path]]:
    """A 30-source project built by a server, then again after a sentence was added to one article's text; the project and its articles."""
    corpus = write_project(tmp_path / "corpus", 30, seed=5)
    project = make_project(tmp_path / "served", sources=corpus / "sources")
    generate(project, builds=serving)
    notes = sorted((project / "sources").glob("*.md"))
    edited = notes[len(notes) // 2]
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + " The agency later repeated the statement.\n", encoding="utf-8")
    generate(project, builds=serving)
    return project, notes


def test_a_server_remakes_only_the_pages_showing_an_edited_source(serving: Builds, tmp_path: Path) -> None:
    _, notes = _served_after_a_text_edit(serving, tmp_path)
    # The edited text's note, and the few pages that show its source's use of the terms: not the other notes.
    assert 1 <= serving.pages.made < len(notes) // 2
    assert serving.files.made["profile"] == 1 and serving.files.made["load"] == 1


def test_a_server_reads_again_only_the_files_changed_since_its_last_build(serving: Builds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "SETTLED_NS", 50_000_000)
    project = make_project(tmp_path / "served", sources=write_project(tmp_path / "corpus", 30, seed=5) / "sources")
    time.sleep(0.1)  # every file older than SETTLED_NS: its status tells whether it changed
    generate(project, builds=serving)
    notes = sorted((project / "sources").glob("*.md"))
    edited = notes[len(notes) // 2]
    text = edited.read_text(encoding="utf-8").rstrip("\n") + " The agency later repeated the statement.\n"
    edited.write_text(text, encoding="utf-8")
    time.sleep(0.1)
    generate(project, builds=serving)
    assert serving.files.made["read"] == 1 and serving.files.made["load"] == 1
    # Written in place with its size and modification time as before: the time of its last change still tells.
    stamp = edited.stat()
    with open(edited, "r+b") as handle:
        handle.write(text.replace("repeated", "restated").encode("utf-8"))
    os.utime(edited, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert edited.stat().st_size == stamp.st_size
    time.sleep(0.1)
    generate(project, builds=serving)
    assert serving.files.made["read"] == 1 and serving.files.made["load"] == 1
    assert _pages(project / "docs") == _fresh(tmp_path, project / "sources", 0)[0]


def test_a_file_changed_just_now_is_read_whatever_its_status_says(serving: Builds, tmp_path: Path) -> None:
    # Two writes within the file system clock's tick leave a file's status as it was: a file that changed in the last SETTLED_NS is read.
    project = make_project(tmp_path / "served", sources=write_project(tmp_path / "corpus", 30, seed=5) / "sources")
    notes = sorted((project / "sources").glob("*.md"))
    generate(project, builds=serving)
    assert not serving.files.made["read"]  # every file was written just now: read, its status not kept
    edited = notes[0]
    stamp = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text[:-2] + ("x" if text[-2] != "x" else "y") + text[-1], encoding="utf-8")
    os.utime(edited, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    generate(project, builds=serving)
    assert serving.files.made["load"] == 1


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

    fragments = [data._fragments(row, lambda flat: flat) for row in rows]
    assert (data._json_of(fragments), data._csv_of(fragments)) == (data.to_json(rows), data.to_csv(rows))


def test_a_data_sets_json_and_csv_are_made_from_one_pass_in_any_order() -> None:
    from builder.render import data

    rows = [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    passes: list[int] = []

    def items() -> list[tuple[str, str, str]]:
        passes.append(1)
        return [data._fragments(row, lambda flat: flat) for row in rows]

    json_text, csv_text = data._pair(items)
    expected = (data.to_json(rows), data.to_csv(rows))
    assert (json_text(), csv_text()) == expected and len(passes) == 1
    assert (csv_text(), json_text(), csv_text(), csv_text()) == (expected[1], *expected, expected[1])
    assert len(passes) == 4  # a CSV asked for first or again is made anew


def _checked(root: Path, files: Files | None = None) -> list[str]:
    """Every problem of checking ``root``, as a server checks it keeping ``files`` between checks, or afresh."""
    from builder.pipeline import check_only

    if files is not None:
        files.start()
    try:
        found = check_only(root, cached=files.get) if files is not None else check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems]
    if files is not None:
        files.finish()
    return [str(p) for p in found[1]]


def test_a_kept_check_of_a_source_is_made_again_when_a_unit_it_reads_changes(tmp_path: Path) -> None:
    # A figure's quote is read against its measure's unit (builder/readings.py): what the check keeps of a file depends on it.
    root = make_project(tmp_path / "served")
    files = Files()

    assert _checked(root, files) == _checked(root)
    _sub(root / "sources" / "measures.yml", r"^  unit: people$", "  unit: percent")
    changed = _checked(root, files)
    assert changed == _checked(root) and any("the measure's unit is percent" in p for p in changed)


def test_a_server_checks_an_edited_source_again_whatever_part_of_it_changed(tmp_path: Path) -> None:
    """What the check keeps of a file is kept by its text's hash: an edit of the text, the frontmatter or a term's use is seen."""
    root = make_project(tmp_path / "served")
    article = root / "sources" / "field-report.md"
    files = Files()

    assert _checked(root, files) == _checked(root) == []
    original = article.read_text(encoding="utf-8")
    edits = [
        ("The order was issued in June 1942. New", "The order was issued in May 1942. New", "quote not found"),  # the text a quote is read in
        ("language: en\n", "language: 'English'\n", "language"),  # the frontmatter
        ("New “blocking units” were formed", "New units were formed", "blocking"),  # a term's use (the quote then fails too)
    ]
    for old, new, expected in edits:
        assert original.count(old) == 1
        article.write_text(original.replace(old, new), encoding="utf-8")
        changed = _checked(root, files)
        assert changed == _checked(root) and any(expected in p for p in changed), changed
        article.write_text(original, encoding="utf-8")
        assert _checked(root, files) == []


def test_a_one_off_build_keeps_only_the_steps_it_names_and_reports_the_others_problems_each_time() -> None:
    from builder.problems import Problems

    files = Files(only={"kept"})
    files.start()
    calls: list[str] = []

    def make(found: Problems) -> int:
        calls.append("made")
        found.add("sources/a.md", 1, "a problem", "fix it")
        return len(calls)

    problems = Problems()
    assert [files.get("sources/a.md", b"d", "kept", make, problems) for _ in range(2)] == [1, 1]
    assert [files.get("sources/a.md", b"d", "other", make, problems) for _ in range(2)] == [2, 3]
    assert len(problems.errors) == 4 and files.made == {"kept": 1, "other": 2}
    files.finish()
    assert files.has("sources/a.md", b"d", "kept") and not files.has("sources/a.md", b"d", "other")


def test_a_kept_result_keeps_what_its_making_asked_for() -> None:
    # A whole stage kept by the digest of all its inputs (after an edit that leaves them) keeps the results of each record it was made
    # from: the next edit that changes one input makes that one record again, not every one.
    files = Files()
    made: list[str] = []

    def record(name: str, digest: bytes) -> str:
        return files.get(("record", name), digest, "record", lambda _: made.append(name) or f"{name}:{digest.decode()}")

    def build(digests: dict[str, bytes]) -> tuple[str, ...]:
        files.start()
        whole = files.get("stage", b"".join(digests.values()), "stage", lambda _: tuple(record(n, d) for n, d in digests.items()))
        files.finish()
        return whole

    assert build({"a": b"1", "b": b"1"}) == ("a:1", "b:1") and made == ["a", "b"]
    assert build({"a": b"1", "b": b"1"}) == ("a:1", "b:1") and made == ["a", "b"]  # the stage kept: neither record asked for
    assert build({"a": b"2", "b": b"1"}) == ("a:2", "b:1") and made == ["a", "b", "a"]  # b kept through the stage's build
    assert files.has(("record", "b"), b"1", "record") and not files.has(("record", "a"), b"1", "record")


def test_after_an_edit_to_a_text_an_edit_to_one_event_makes_that_event_again(serving: Builds, tmp_path: Path) -> None:
    project, notes = _served_after_a_text_edit(serving, tmp_path)
    assert serving.files.made["records"] == 0 and serving.files.made["event"] == 0  # the sources' metadata unchanged
    described = next(p for p in notes if '\n    title: "' in p.read_text(encoding="utf-8"))
    _sub(described, r'^    title: "', '    title: "Later, ')
    generate(project, builds=serving)
    # The events of the edited file's source only (its metadata is what they are known by), checked and merged again: not the corpus's hundred.
    entries = described.read_text(encoding="utf-8").count("\n  - id: ")
    assert serving.files.made["records"] == serving.files.made["across"] == 1
    assert 1 <= serving.files.made["event"] <= entries and 1 <= serving.files.made["disagreements"] <= entries
    assert serving.files.made["group"] <= entries  # the groups of its figures' measures, of the corpus's many
    fresh, _ = _fresh(tmp_path, project / "sources", 0)
    assert _pages(project / "docs") == fresh


def test_blank_lines_before_the_metadata_move_the_warnings_a_server_reports(serving: Builds, tmp_path: Path) -> None:
    # Blank lines after the opening --- leave the YAML as it was and move every line: the checks across sources are made again.
    project = make_project(tmp_path / "served")
    article = project / "sources" / "field-report.md"
    text = article.read_text(encoding="utf-8")
    draft = '  - id: draft-figure\n    measure: no-such-measure\n    value: 3\n    draft: true\n    quote: "more than 1,000 people were detained"\n'
    text = text.replace("figures:\n", "figures:\n" + draft, 1)
    article.write_text(text, encoding="utf-8")

    def unknown_measure(root: Path, builds: Builds | None) -> list[str]:
        return [str(w) for w in generate(root, builds=builds).warnings if "no-such-measure" in str(w)]

    before = unknown_measure(project, serving)
    article.write_text(text.replace("---\n", "---\n\n\n", 1), encoding="utf-8")
    after = unknown_measure(project, serving)
    assert len(before) == len(after) == 1 and before != after
    assert after == unknown_measure(make_project(tmp_path / "fresh", sources=project / "sources"), None)
