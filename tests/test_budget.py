"""The reproduction budget: what the site shows of each source, counted as it is built (builder/budget.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder import budget
from builder.curate import curate
from builder.incremental import Files
from builder.pipeline import check_only, render_pages
from builder.problems import ContentError
from builder.render import sources as sources_page
from tests.conftest import BACKGROUND, FIXTURES, ROOT

MINI = FIXTURES / "mini" / "sources"


def _mini(tmp_path: Path, file: str = "second-account.md", *, old: str = "", new: str = "", background: int = 0) -> Path:
    """The mini fixture with ``old`` replaced by ``new`` in ``file`` and ``background`` paragraphs added to its text."""
    shutil.copytree(MINI, tmp_path / "sources")
    path = tmp_path / "sources" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1) + BACKGROUND * background, encoding="utf-8")
    return tmp_path


def _line(root: Path, file: str, fragment: str) -> int:
    lines = (root / "sources" / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if fragment in line)


def _errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        check_only(root)
    return [str(p) for p in err.value.problems if p.severity == "error"]


def _shown(note: str) -> tuple[int, int]:
    match = re.search(r"\| Shown on this site \| this site shows ([\d,]+) words of this article's ([\d,]+), ", note)
    assert match, note
    return int(match[1].replace(",", "")), int(match[2].replace(",", ""))


# --- counting ---------------------------------------------------------------------------


def test_a_word_shown_twice_counts_once_and_a_passage_is_placed_by_its_words() -> None:
    text = budget.Words("The “order” was issued on 28 July 1942, and nobody retreated after that day.")
    allowance = budget.Allowance(text, budget.Shown(text.count, None))
    assert text.count == 14
    assert allowance.take('the "order" was issued', optional=False) and allowance.words == 4
    assert allowance.take("issued on 28 July", optional=False) and allowance.words == 7  # "issued" counted once
    assert text.place("ssued on 28") == (4, 6)  # cut inside a word: placed by its whole words
    assert allowance.take("words that are not in it", optional=False) and allowance.words == 13  # not placed: every word is new
    assert not allowance.take("and nobody retreated", optional=True)  # past 20 % of 14 words: an optional passage is refused
    assert allowance.words == 13 and allowance.shown().runs == ((0, 7),)


def test_characters_count_the_words_shown_and_what_lies_between_them() -> None:
    text = budget.Words("one two, three four five")
    allowance = budget.Allowance(text, budget.Shown(text.count, 100))
    allowance.take("one two", optional=False)
    allowance.take("four five", optional=False)
    assert allowance.chars == len("one two") + len("four five")
    allowance.take("two, three four", optional=False)
    assert allowance.chars == len("one two, three four five")


# --- the check: curated quotes alone ----------------------------------------------------------


def test_quotes_alone_past_the_budget_are_an_error_at_the_quote_that_passes_it(tmp_path: Path) -> None:
    long = "The analysts say the order was issued on 28 July 1942, and count between 900 and 1,200 detained."
    root = _mini(tmp_path, old='quote: "issued on 28 July 1942"', new=f'quote: "{long}"')
    [error] = _errors(root)
    line = _line(root, "second-account.md", 'quote: "about 12,000')
    assert error.startswith(
        f"sources/second-account.md:{line}: the quotes from second-account show 28 of its 118 words (23.7%), "
        "over the budget of 20% (23 words) for a source without a stated licence; this quote passes it; its quotes: "
    )
    assert '"between 900 and 1,200" (5 words)' in error
    assert error.endswith("(shorten or drop quotes from this source, and write summaries and definitions in your own words: a word counts once wherever the site shows it)")


def test_a_glossary_citation_that_passes_the_budget_is_an_error_in_the_glossary(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    glossary = root / "sources" / "glossary.yml"
    citation = '    - source: second-account\n      quote: "Colonel Ivan Petrov, a spokesman for the Example Ministry, told reporters the count was probably incomplete."\n'
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  citations:\n", "  citations:\n" + citation, 1), encoding="utf-8")
    [error] = _errors(root)
    assert error.startswith(f"sources/glossary.yml:{_line(root, 'glossary.yml', 'Colonel Ivan Petrov')}: the quotes from second-account show 35 of its 118 words")


def test_a_stated_limit_wins_over_the_share(tmp_path: Path) -> None:
    # 19 words of several hundred are well within a fifth, but not within 60 characters.
    limit = 'kind: analysis\nreuse:\n  limit: 60\n  statement: "at most 60 characters"'
    assert check_only(_mini(tmp_path / "share", background=9))
    root = _mini(tmp_path / "limit", old="kind: analysis", new=limit, background=9)
    [error] = _errors(root)
    line = _line(root, "second-account.md", 'quote: "about 12,000')
    assert error.startswith(f"sources/second-account.md:{line}: the quotes from second-account show 87 of its characters, over its publisher's limit of 60 (sources/second-account.md:10)")
    # A publisher that allows more than a fifth: its limit, not the share, applies.
    root = _mini(tmp_path / "generous", file="field-report.md", old="limit: 400", new="limit: 400")
    site = curate(check_only(root)[0])
    profile = site.sources_by_id["field-report"]
    assert profile.shown.share > budget.SHARE and profile.shown.within


# --- what the build drops to stay within it -------------------------------------------------------


def test_excerpts_are_dropped_before_anything_else_and_the_note_shows_the_share(tmp_path: Path) -> None:
    tight = render_pages(_mini(tmp_path / "tight"))["sources/second-account.md"]
    roomy = render_pages(_mini(tmp_path / "roomy", background=12))["sources/second-account.md"]
    excerpts = [len(re.findall(r"“", note.split("## Who it relies on")[1].split("## Other sources")[0])) for note in (tight, roomy)]
    assert excerpts[0] < excerpts[1] and excerpts[1] >= 6
    assert re.search(r"\*\d+ excerpts? left out: the site shows at most 20 % of an article's words", tight)
    assert not re.search(r"excerpts? left out", roomy)
    words, total = _shown(tight)
    assert total == 118 and 19 <= words <= budget.SHARE * total
    assert "| Shown on this site | this site shows " in tight and "%; budget 20 % |" in tight
    # Every curated quote is still shown: only excerpts made way.
    for quote in ("between 900 and 1,200", "about 12,000 people a year could be detained"):
        assert quote in tight
    words, total = _shown(roomy)
    assert total == 118 + 12 * len(budget.words(BACKGROUND)) and words <= budget.SHARE * total


def test_the_note_counts_what_its_sections_show_whether_kept_or_made(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    site = curate(check_only(root)[0])
    profile = site.sources_by_id["second-account"]
    made = sources_page.render_note(profile, site)
    files = Files()
    first = sources_page.render_note(profile, site, cached=files.get)
    assert files.made == {"sections-within": 1}  # made within the budget at once: nothing was kept without it
    files.finish()
    files.start()
    again = sources_page.render_note(profile, site, cached=files.get)
    assert made == first == again and not files.made
    # Sections made without the budget (as a worker makes them) are used only where they fit it.
    free = sources_page.NoteText.of(profile)
    files.put(profile.source.path, profile.source.digest, "sections", sources_page.text_sections(free))
    assert sources_page.render_note(profile, site, cached=files.get) == made
    roomy = _mini(tmp_path / "roomy", background=12)
    site = curate(check_only(roomy)[0])
    profile = site.sources_by_id["second-account"]
    free = sources_page.NoteText.of(profile)
    files = Files()
    files.put(profile.source.path, profile.source.digest, "sections", sources_page.text_sections(free))
    assert sources_page.render_note(profile, site, cached=files.get) == sources_page.render_note(profile, site)
    assert not files.made


def test_the_curators_own_words_that_copy_a_source_count_too(tmp_path: Path) -> None:
    copy = "method: Colonel Ivan Petrov, a spokesman for the Example Ministry, told reporters the count was probably incomplete.\n    quote:"
    root = _mini(tmp_path, old='producer: An analyst\n    quote:', new=f"producer: An analyst\n    {copy}")
    [error] = _errors(root)
    line = _line(root, "second-account.md", "method: Colonel Ivan Petrov")
    assert error.startswith(f"sources/second-account.md:{line}: the quotes from second-account show 26 of its 118 words (22.0%)")
    assert "this method copies 16 of its words and passes it" in error
    # Fewer than eight words in a row are the curators' own.
    root = _mini(tmp_path / "short", old='producer: An analyst\n    quote:', new="producer: An analyst\n    method: Colonel Ivan Petrov told reporters the count was incomplete.\n    quote:")
    assert check_only(root)


def test_a_kept_count_is_counted_again_when_the_glossary_cites_the_source_anew(tmp_path: Path) -> None:
    # What a source's count depends on outside its file is the glossary's citations of it: a server that keeps counts sees a new one.
    root = _mini(tmp_path)
    files = Files()

    def errors() -> list[str]:
        files.start()
        try:
            check_only(root, cached=files.get)
        except ContentError as err:
            return [str(p) for p in err.problems if p.severity == "error"]
        files.finish()
        return []

    assert errors() == []
    glossary = root / "sources" / "glossary.yml"
    kept = glossary.read_text(encoding="utf-8")
    citation = '    - source: second-account\n      quote: "Colonel Ivan Petrov, a spokesman for the Example Ministry, told reporters the count was probably incomplete."\n'
    glossary.write_text(kept.replace("  citations:\n", "  citations:\n" + citation, 1), encoding="utf-8")
    [error] = errors()
    assert error.startswith(f"sources/glossary.yml:{_line(root, 'glossary.yml', 'Colonel Ivan Petrov')}: the quotes from second-account show 35 of its 118 words")
    # The same count, its citation two lines lower: reported where it is now.
    glossary.write_text("# Terms.\n#\n" + glossary.read_text(encoding="utf-8"), encoding="utf-8")
    [error] = errors()
    assert error.startswith(f"sources/glossary.yml:{_line(root, 'glossary.yml', 'Colonel Ivan Petrov')}: ")
    glossary.write_text(kept, encoding="utf-8")
    assert errors() == []
    assert files.made["budget"] == 0  # the last build found every count kept from the first


def test_a_first_use_left_unquoted_says_which_limit_it_keeps() -> None:
    pages = render_pages(ROOT)
    unquoted = [line for path, text in pages.items() if path.startswith("glossary") for line in text.splitlines() if "the first use is not quoted here" in line]
    assert unquoted, "the bundled glossary leaves some first uses unquoted"
    for line in unquoted:
        # A source with no stated limit is held to the site's own budget, and the line says so, not a limit nobody stated.
        assert "within the publisher's reuse limit of " in line or f"within the site's quotation budget ({budget.SHARE * 100:g} % of the article's words)" in line, line
