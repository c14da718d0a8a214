"""Loading and checking: one tiny file per bad case, exact messages asserted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.dates import VALID_FORMS
from builder.pipeline import check_only
from builder.problems import ContentError
from tests.conftest import FIXTURES

CASES = Path(__file__).resolve().parent / "cases"
DATES = VALID_FORMS

EXPECTED = {
    "Bad_Name.md": ["sources/Bad_Name.md:1: file name 'Bad_Name' is not a valid source id (rename the file to lowercase letters, digits and hyphens, e.g. uk-intel-2023.md)"],
    "alias-bomb.md": ["sources/alias-bomb.md:2: YAML aliases (*name) are not supported (write the value out in full)"],
    "bad-url.md": ["sources/bad-url.md:5: url: 'javascript:alert(1)' is not a web address (write the full http:// or https:// address, or null when unknown)"],
    "infinite-figure.md": ["sources/infinite-figure.md:8: figures[0].value: input should be a finite number (found inf) (see CONTRIBUTING.md for the field's form)"],
    "broken-yaml.md": ["sources/broken-yaml.md:2: YAML syntax error: mapping values are not allowed in this context (put text that contains ': ' in quotes)"],
    "described-twice.md": [
        "sources/field-report.md:16: event 'order-issued' is described twice (also sources/described-twice.md:6) "
        "(keep title and summary in one entry; other sources add only id, quote and date)"
    ],
    "event-date-contradicts-quote.md": [
        "sources/event-date-contradicts-quote.md:7: the quote says '28 July 1942'; date is 1942-06 (June 1942) "
        "(make date what the quote says, or add date_note: saying why they differ)"
    ],
    "figure-contradicts-quote.md": [
        "sources/figure-contradicts-quote.md:8: the quote says 'nearly 100'; value is 120 (write the number the quote states, or mark the figure derived: and say how)"
    ],
    "figure-derived-without-basis.md": [
        "sources/figure-derived-without-basis.md:10: derived: 'computed by the editors' does not name what the quote states ('about a third' and '1,000') "
        "(say how the value comes from the quote's words, naming them, e.g. 'a third of 1.5 million')"
    ],
    "figure-missing-qualifier.md": [
        "sources/figure-missing-qualifier.md:6: the quote says 'nearly 100'; no qualifier is given, so the site would show it as stated (add qualifier: nearly)"
    ],
    "figure-undeclared-derived.md": [
        "sources/figure-undeclared-derived.md:8: the quote says 'about a third' and '1,000'; value is 333 "
        "(write the number the quote states, or mark the figure derived: and say how)"
    ],
    "duplicate-key.md": ["sources/duplicate-key.md:3: key 'title' appears twice (remove one of the two)"],
    "index.md": ["sources/index.md:1: 'index' is reserved for the sources index page (rename the file, e.g. index-article.md)"],
    "impossible-date.md": [f"sources/impossible-date.md:5: published: '2023-02-30': February 2023 has no day 30 ({DATES})"],
    "interval-backwards.md": ["sources/interval-backwards.md:7: events[0].date: '1945/1942': the interval ends before it starts (write the earlier date first, e.g. 1942/1945)"],
    "latin1.md": ["sources/latin1.md:6: not valid UTF-8 (byte 0xe9) (re-save the file with UTF-8 encoding)"],
    "missing-kind.md": ["sources/missing-kind.md:2: missing required field 'kind' (add it; see CONTRIBUTING.md)"],
    "no-body.md": ["sources/no-body.md:6: the source has no text after its frontmatter (paste the article text below the closing '---')"],
    "no-frontmatter.md": ["sources/no-frontmatter.md:1: no YAML frontmatter (start the file with a '---' line, the metadata, and another '---' line)"],
    "notes.txt": ["sources/notes.txt:1: unexpected file type '.txt' (sources are .md articles and .yml curated files; remove or rename it)"],
    "quote-not-found.md": [
        "sources/quote-not-found.md:10: quote not found in quote-not-found: \"Stalin issued Order 227 in July 1942\" "
        "(closest passage in sources/quote-not-found.md: \"Stalin issued Stavka Directive No. 227 in June 1942, ordering\")"
    ],
    "unknown-field.md": [
        "sources/unknown-field.md:2: missing required field 'title' (add it; see CONTRIBUTING.md)",
        "sources/unknown-field.md:2: unknown field 'titel' (did you mean 'title'?)",
    ],
    "unknown-measure.md": ["sources/unknown-measure.md:7: unknown measure 'people-detaned' (did you mean 'people-detained'?)"],
}


def _check_with(tmp_path: Path, *files: Path) -> list[str]:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    for file in files:
        shutil.copy(file, sources / file.name)
    try:
        check_only(tmp_path)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return []


def test_every_case_has_an_expectation() -> None:
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_case_reports_exact_message(tmp_path: Path, name: str) -> None:
    assert _check_with(tmp_path, CASES / name) == EXPECTED[name]


def test_all_problems_reported_in_one_run(tmp_path: Path) -> None:
    names = ["impossible-date.md", "quote-not-found.md", "unknown-measure.md", "broken-yaml.md"]
    problems = _check_with(tmp_path, *(CASES / n for n in names))
    assert problems == sorted(line for n in names for line in EXPECTED[n])


def test_fixture_is_clean(tmp_path: Path) -> None:
    assert _check_with(tmp_path) == []


def test_quote_match_ignores_whitespace_and_typographic_quotes(tmp_path: Path) -> None:
    # The fixture's body has curly quotes; the glossary quote uses straight ones.
    content, warnings = check_only(FIXTURES / "mini")
    assert any('"blocking units"' in c.quote for t in content.terms for c in t.citations)
    assert warnings == ()


def test_glossary_citation_of_unknown_source(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    glossary = sources / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("source: field-report", "source: field-reprot"))
    with pytest.raises(ContentError) as err:
        check_only(tmp_path)
    assert [str(p) for p in err.value.problems] == [
        "sources/glossary.yml:10: citation of unknown source 'field-reprot' (did you mean 'field-report'?)"
    ]


def test_alias_claimed_by_two_terms(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    glossary = sources / "glossary.yml"
    glossary.write_text(
        glossary.read_text()
        + "- id: barrier\n  term: barrier troops\n  short: Troops.\n  definition: Troops.\n"
        "  citations:\n    - source: field-report\n      quote: blocking units\n"
    )
    with pytest.raises(ContentError) as err:
        check_only(tmp_path)
    assert [str(p) for p in err.value.problems] == [
        "sources/glossary.yml:13: 'barrier troops' is claimed by terms 'blocking-units' and 'barrier' (keep the name in one term only)"
    ]


def test_symlink_is_refused(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    (sources / "link.md").symlink_to(sources / "field-report.md")
    with pytest.raises(ContentError) as err:
        check_only(tmp_path)
    assert [str(p) for p in err.value.problems] == ["sources/link.md:1: symbolic links are not followed (replace the link with the file itself)"]


def test_crlf_and_bom_are_read(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    report = sources / "field-report.md"
    report.write_bytes(b"\xef\xbb\xbf" + report.read_bytes().replace(b"\n", b"\r\n"))
    content, _ = check_only(tmp_path)
    assert "field-report" in {s.id for s in content.sources}


def test_reuse_limit_exceeded_lists_quotes(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    report = sources / "field-report.md"
    report.write_text(report.read_text().replace("limit: 400", "limit: 50"))
    with pytest.raises(ContentError) as err:
        check_only(tmp_path)
    [problem] = err.value.problems
    # At the quote that passes the limit, naming the limit's line and every quote.
    assert str(problem).startswith("sources/field-report.md:28: the quotes from field-report show 72 of its characters, over its publisher's limit of 50 (sources/field-report.md:10); this quote passes it; its quotes: ")
    assert '"The order was issued in June 1942." (34)' in str(problem)
