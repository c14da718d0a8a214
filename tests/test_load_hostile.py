"""Hostile and broken source files: each is refused with one exact, located message.

The static cases live in tests/hostile/refused/ (one small file each, like
tests/cases/); files that cannot be stored in git (pipes, devices, links,
undecodable names, CRLF bytes, megabytes of input) are made by the tests.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder import load
from builder.pipeline import check_only
from builder.problems import ContentError
from builder.quotes import QuoteIndex, lookalikes
from tests.conftest import FIXTURES, make_project, run_builder

REFUSED = Path(__file__).resolve().parent / "hostile" / "refused"
MINI = FIXTURES / "mini" / "sources"

EXPECTED = {
    "Bad.Name.yml": ["sources/Bad.Name.yml:1: unknown curated file 'Bad.Name' (curated files are site.yml, eras.yml, measures.yml, glossary.yml, references.yml, places.yml)"],
    "bidi-override.md": ["sources/bidi-override.md:2: invisible text-direction control character (U+202E) (delete it; it can make text look different from what it is)"],
    "billion-laughs.yml": [
        "sources/billion-laughs.yml:1: YAML aliases (*name) are not supported (write the value out in full)",
        "sources/billion-laughs.yml:1: unknown curated file 'billion-laughs' (curated files are site.yml, eras.yml, measures.yml, glossary.yml, references.yml, places.yml)",
    ],
    "control-character.md": ["sources/control-character.md:2: invisible control character (U+001B) (delete it; text on the site cannot contain it)"],
    "data-url.md": ["sources/data-url.md:5: url: 'data:text/html,<script>alert(1)</script>' is not a web address (write the full http:// or https:// address, or null when unknown)"],
    "event-id-path.md": ["sources/event-id-path.md:6: events[0].id: '../index' is not a valid id (use lowercase letters, digits and single hyphens, e.g. order-227)"],
    "key-not-text.md": ["sources/key-not-text.md:5: key 'yes' is not a field name (keys are field names such as title or quote; put the key in quotes if it is one)"],
    "lookalike-id.md": [
        "sources/lookalike-id.md:6: events[0].id: 'оrder-227' is not a valid id "
        "(use lowercase letters, digits and single hyphens, e.g. order-227; 'о' is U+043E CYRILLIC SMALL LETTER O, not a Latin letter)"
    ],
    "lookalike-quote.md": [
        "sources/lookalike-quote.md:7: quote not found in lookalike-quote: \"Stalin issued the оrder\" "
        "(closest passage in sources/lookalike-quote.md: \"Stalin issued the order in July 1942.\"; "
        "lookalike letter from another script: 'о' (U+043E CYRILLIC SMALL LETTER O) in 'оrder' (retype it))"
    ],
    "python-tag.md": ["sources/python-tag.md:2: YAML syntax error: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system' (text starting with '!' must be quoted)"],
    "tag-climbs.md": ["sources/tag-climbs.md:7: events[0].tags[0]: '../../../etc/passwd' is not a valid id (use lowercase letters, digits and single hyphens, e.g. order-227)"],
    "unclosed-frontmatter.md": ["sources/unclosed-frontmatter.md:1: the frontmatter is not closed (add a '---' line after the metadata)"],
    "unquoted-bad-date.md": ["sources/unquoted-bad-date.md:5: '2023-02-30' cannot be read as a YAML timestamp (day is out of range for month) (put the value in quotes to keep it as text)"],
}


def _sources(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    return sources


def _problems(root: Path) -> list[str]:
    try:
        check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems if p.severity == "error"]
    return []


def test_every_refused_case_has_an_expectation() -> None:
    assert sorted(p.name for p in REFUSED.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_refused_case_reports_exact_message(tmp_path: Path, name: str) -> None:
    shutil.copy(REFUSED / name, _sources(tmp_path) / name)
    assert _problems(tmp_path) == EXPECTED[name]


# --- nothing outside sources/ is read ------------------------------------------


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(_sources(tmp_path) / "pipe.md")
    assert _problems(tmp_path) == ["sources/pipe.md:1: not a regular file (device, socket or pipe) (remove it from the sources folder)"]


def test_device_file_is_refused(tmp_path: Path) -> None:
    device = _sources(tmp_path) / "zero.md"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except (PermissionError, OSError):
        pytest.skip("creating a device file needs CAP_MKNOD")
    assert _problems(tmp_path) == ["sources/zero.md:1: not a regular file (device, socket or pipe) (remove it from the sources folder)"]


def test_link_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    (_sources(tmp_path) / "passwd.md").symlink_to("/etc/passwd")
    assert _problems(tmp_path) == ["sources/passwd.md:1: symbolic links are not followed (replace the link with the file itself)"]


def test_link_to_a_folder_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: x\n---\nsecret\n")
    (_sources(tmp_path) / "more").symlink_to(outside, target_is_directory=True)
    assert _problems(tmp_path) == ["sources/more:1: symbolic links are not followed (replace the link with the file itself)"]


def test_sources_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    shutil.copytree(MINI, real)
    (tmp_path / "sources").symlink_to(real, target_is_directory=True)
    assert _problems(tmp_path)[0] == "sources:1: the sources folder is a symbolic link, which is not followed (make sources/ a real folder)"


def test_file_swapped_for_a_link_after_listing_is_refused(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    target = sources / "field-report.md"
    target.unlink()
    target.symlink_to("/etc/passwd")
    problems = load.Problems()
    assert load._read_text(target, "sources/field-report.md", problems) is None
    assert [str(p) for p in problems.errors] == ["sources/field-report.md:1: cannot be read (Too many levels of symbolic links) (replace it with a regular UTF-8 file)"]


def test_ids_cannot_name_paths_outside_the_output(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / "...md").write_text("---\ntitle: x\nlanguage: en\nkind: news\n---\nText.\n")
    assert _problems(tmp_path) == ["sources/...md:1: hidden file in the sources folder is not part of the site (remove it, or rename it without the leading dot)"]


# --- nothing lost: every file is read or named --------------------------------


def test_hidden_files_and_folders_are_named(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / ".draft-notes.md").write_text("notes\n")
    (sources / ".cache").mkdir()
    (sources / ".cache" / "x.md").write_text("x\n")
    assert _problems(tmp_path) == [
        "sources/.cache:1: hidden folder in the sources folder is not part of the site (remove it, or rename it without the leading dot)",
        "sources/.draft-notes.md:1: hidden file in the sources folder is not part of the site (remove it, or rename it without the leading dot)",
    ]


def test_curated_file_in_a_subfolder_is_named(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / "extra").mkdir()
    shutil.copy(sources / "eras.yml", sources / "extra" / "eras.yml")
    assert _problems(tmp_path) == ["sources/extra/eras.yml:1: curated data files must sit directly in the sources folder (move it to sources/eras.yml)"]


def test_article_in_a_subfolder_is_part_of_the_site(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / "2023").mkdir()
    shutil.move(sources / "second-account.md", sources / "2023" / "second-account.md")
    content, _ = check_only(tmp_path)
    assert "second-account" in {s.id for s in content.sources}


def test_unknown_curated_file_and_stray_file_are_named(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / "people.yml").write_text("- id: x\n")
    (sources / "field-report.md~").write_text("backup\n")
    assert _problems(tmp_path) == [
        "sources/field-report.md~:1: unexpected file type '.md~' (sources are .md articles and .yml curated files; remove or rename it)",
        "sources/people.yml:1: unknown curated file 'people' (curated files are site.yml, eras.yml, measures.yml, glossary.yml, references.yml, places.yml)",
    ]


def test_undecodable_file_name_is_named_with_escapes(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    with open(os.path.join(os.fsencode(sources), b"caf\xe9.md"), "wb") as handle:
        handle.write(b"---\ntitle: x\n---\nText.\n")
    assert _problems(tmp_path) == ["sources/caf\\xe9.md:1: file name is not valid UTF-8 text or contains control characters (rename it to lowercase letters, digits and hyphens)"]


def test_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "sources" / "evil\n::error file=x::forged.md").write_text("---\ntitle: x\n---\nText.\n")
    done = run_builder(project, "check", "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::error file=sources/evil\\u000a%3A%3Aerror file=x%3A%3Aforged.md,line=1::file name is not valid UTF-8 text or contains control characters (rename it to lowercase letters, digits and hyphens)"
    ]


# --- encodings ---------------------------------------------------------------------


def test_crlf_line_numbers_are_those_an_editor_shows(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    report = sources / "field-report.md"
    text = report.read_text(encoding="utf-8").replace('date: "1942-06"', 'date: "1942-13"')
    report.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    [problem] = _problems(tmp_path)
    assert problem.startswith("sources/field-report.md:17: events[0].date: '1942-13' is not a valid EDTF date")


def test_old_mac_line_ends_and_unicode_line_separators_count_as_lines(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    (sources / "breaks.md").write_text("---\rtitle: Line breaks\u2028language: en\u2029kind: blog\r\n---\nText.\n", encoding="utf-8")
    [problem] = _problems(tmp_path)
    assert problem.startswith("sources/breaks.md:4: kind: input should be")


def test_nul_byte_is_located(tmp_path: Path) -> None:
    (_sources(tmp_path) / "binary.md").write_bytes(b"---\ntitle: x\n---\nline 4\nline\x00 5\n")
    assert _problems(tmp_path) == ["sources/binary.md:5: file contains a NUL byte, so it is binary, not text (save the file as UTF-8 text)"]


def test_lookalikes_are_found_only_inside_words_of_another_script() -> None:
    assert lookalikes("заградотряд order 227") == []
    assert lookalikes("Stalin's оrder") == ["'о' (U+043E CYRILLIC SMALL LETTER O) in 'оrder'"]


# --- bounded -------------------------------------------------------------------------


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = _sources(tmp_path) / "big.md"
    with big.open("wb") as handle:
        handle.truncate(load.MAX_FILE_BYTES + 1)
    assert _problems(tmp_path) == [f"sources/big.md:1: file is {load.MAX_FILE_BYTES + 1:,} bytes, over the limit of {load.MAX_FILE_BYTES:,} (trim the article to its text or split it)"]


@pytest.mark.parametrize("depth", [21, 10_000, 900_000])
def test_deep_flow_nesting_is_refused_cleanly(tmp_path: Path, depth: int) -> None:
    (_sources(tmp_path) / "deep.md").write_text(f"---\ntitle: x\nnotes: {'[' * depth}{']' * depth}\n---\nText.\n")
    assert _problems(tmp_path) == ["sources/deep.md:3: YAML nested more than 20 levels deep (flatten the structure)"]


def test_deep_block_nesting_is_refused_cleanly(tmp_path: Path) -> None:
    (_sources(tmp_path) / "deep.md").write_text("---\ntitle: x\nnotes:\n" + "- " * 900_000 + "x\n---\nText.\n")
    assert _problems(tmp_path) == ["sources/deep.md:4: YAML nested more than 20 levels deep (flatten the structure)"]


def test_huge_field_is_refused_with_a_short_message(tmp_path: Path) -> None:
    (_sources(tmp_path) / "huge.md").write_text(f"---\ntitle: {'x' * 1_500_000}\nlanguage: en\nkind: news\n---\nText.\n")
    [problem] = _problems(tmp_path)
    assert problem.startswith("sources/huge.md:2: title: string should have at most 300 characters (found 'xxxx")
    assert len(problem) < 300


def test_huge_number_is_refused(tmp_path: Path) -> None:
    (_sources(tmp_path) / "number.md").write_text(f"---\ntitle: x\nlanguage: en\nkind: news\nnotes: {'9' * 100_000}\n---\nText.\n")
    [problem] = _problems(tmp_path)
    assert problem.startswith("sources/number.md:5: '99999") and "cannot be read as a YAML int" in problem


def test_closest_passage_of_a_long_quote_in_a_long_text() -> None:
    body = " ".join(f"word{i % 9973}" for i in range(250_000))
    index = QuoteIndex(body)
    wanted = " ".join(f"word{i}" for i in range(5000, 5200)) + " changed"
    assert not index.contains(wanted)
    assert index.closest(wanted).startswith("word5000 word5001")
    assert index.closest("a" * 2000) == ""


def test_a_file_status_with_the_largest_inode_and_device_numbers_is_a_signature() -> None:
    # Network and FUSE file systems give 64-bit unsigned inode numbers.
    old = time.time_ns() - 10 * load.SETTLED_NS
    status = SimpleNamespace(st_size=10, st_mtime_ns=old, st_ctime_ns=old, st_ino=2**64 - 1, st_dev=2**64 - 1)
    signature = load._signature(status)  # a stand-in with the fields it reads
    changed = load._signature(SimpleNamespace(**{**vars(status), "st_ctime_ns": old + 1}))
    assert signature is not None and changed is not None and signature != changed
    assert load._signature(SimpleNamespace(**{**vars(status), "st_ctime_ns": time.time_ns()})) is None  # changed just now
