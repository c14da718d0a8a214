"""The importer's metadata: the headline shown on the page, authors only from the article's own byline, each guess marked."""

from __future__ import annotations

from pathlib import Path

from builder.importer import read_article

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_a_fact_check_is_credited_to_its_writer_never_to_the_claimant_or_a_related_article() -> None:
    page = read_article(PAGES / "factcheck.html")
    assert page.authors == ("Dana Checker",)
    assert "Ivan Claimant" not in page.authors and "Other Writer" not in page.authors
    assert page.found["authors"] == "the article's byline ('By Dana Checker')"
    # the headline shown on the page, not the social networks' titles
    assert page.title == "Fact check: No, Russia did not abolish its barrier troops"
    assert page.found["title"] == "the headline shown on the page (its h1)"
    assert "title" not in page.inferred


def test_an_agency_byline_is_kept_as_the_author() -> None:
    page = read_article(PAGES / "agency.html")
    assert page.authors == ("Reuters",)
    assert page.found["authors"] == "the article's byline ('By Reuters', a news agency)"
    assert page.title == "Russian courts convict record number of deserters"
    assert page.publisher == "Example World"


def test_guesses_are_marked_inferred_with_how() -> None:
    page = read_article(PAGES / "dateline.html")
    # no byline on the page (the one in the list of more stories is another article's): the dateline's agency, inferred
    assert page.authors == ("AP",)
    assert "authors" not in page.found
    assert page.inferred["authors"].startswith("The article's dateline names the news agency that wrote it ('(AP) —')")
    # no headline shown: the social title, inferred
    assert page.title == "Families of mobilised men protest in Moscow"
    assert "og:title" in page.inferred["title"]
    assert "title" not in page.found


def test_an_agency_byline_in_plain_text_is_the_author(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "Russian courts convict record number of deserters\nBy Reuters\n"
        "Russian military courts convicted more soldiers of desertion last year than in any year since the invasion began, "
        "according to a count by the independent outlet Mediazona published on Friday, which said most sentences were suspended.\n",
        encoding="utf-8",
    )
    assert read_article(path).authors == ("Reuters",)
