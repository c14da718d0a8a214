"""The trust report (benchmarks/trust.py) reads a built site as an auditor would."""

from __future__ import annotations

from pathlib import Path

from benchmarks import trust

ARTICLE = (
    "The commander ordered the unit to hold the line at any cost that night. "
    "Soldiers who retreated were stopped by a second line of troops behind them. "
    "Nobody knows how many were shot."
)


def _built(tmp_path: Path, pages: dict[str, str], reuse: str = "") -> trust.Built:
    site, sources = tmp_path / "site", tmp_path / "sources"
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    sources.mkdir()
    (sources / "article.md").write_text(f"---\ntitle: An article\n{reuse}---\n\n{ARTICLE}\n", encoding="utf-8")
    (sources / "hidden.md").write_text(f"---\ntitle: A draft\ndraft: true\n---\n\n{ARTICLE}\n", encoding="utf-8")
    return trust.Built(site, sources)


def test_runs_of_eight_words_count_across_markup_and_in_attributes_and_data(tmp_path: Path) -> None:
    built = _built(tmp_path, {
        # Eleven words of the first sentence, broken by markup and a typographic quote.
        "a.html": "<p>“The commander <strong>ordered</strong> the unit to hold the line at any</p>",
        # Eight words in an attribute; seven words of the last sentence are too few.
        "b.html": '<span title="were stopped by a second line of troops"></span> Nobody knows how many were shot.',
        "data/x.json": '{"quote": "Nobody knows how many were shot."}',
        "style.css": "/* Soldiers who retreated were stopped by a second line */",
    })
    [found] = trust.reproduction(built)
    assert (found.source, found.words, found.reproduced) == ("article", 33, 19)
    assert found.chars == len("The commander ordered the unit to hold the line at any") + len("were stopped by a second line of troops")
    assert not found.within  # 19 of 33 words is over a fifth


def test_a_run_never_spans_two_files_or_two_attributes(tmp_path: Path) -> None:
    built = _built(tmp_path, {
        "a.html": "The commander ordered the",
        "b.html": "unit to hold the line at",
        "c.html": '<a title="The commander ordered" data-x="the unit to hold the">',
    })
    assert trust.reproduction(built)[0].reproduced == 0


def test_a_stated_limit_replaces_the_share_and_the_report_fails_over_budget(tmp_path: Path) -> None:
    page = {"a.html": "<p>The commander ordered the unit to hold the line at any cost that night.</p>"}
    within = _built(tmp_path / "one", page, reuse="reuse:\n  limit: 80\n  statement: an extract of 80 characters\n")
    [found] = trust.reproduction(within)
    assert found.limit == 80 and found.share > trust.SHARE and found.within
    text, passed = trust.report(within)
    assert passed and "PASS  Every source within its reproduction budget" in text
    over = _built(tmp_path / "two", page, reuse="reuse:\n  limit: 60\n  statement: an extract of 60 characters\n")
    text, passed = trust.report(over)
    assert not passed and "FAIL" in text and "OVER" in text


def _figure(id: str, quote: str, **fields: object) -> dict:
    record = {"id": id, "value": None, "low": None, "high": None, "qualifier": "stated", "derived": False, "derivation": None, "citations": [{"source": "article", "quote": quote}]}
    return {**record, **fields}


def test_figures_are_read_from_their_quotes_as_an_auditor_reads_them(tmp_path: Path) -> None:
    import json

    records = [
        _figure("as-quoted", "convicting nearly 100 soldiers per week", value=100, qualifier="nearly", value_text="nearly 100 convictions per week"),
        _figure("in-words", "between three and ten years", low=3, high=10, value_text="3–10 years (as stated)"),
        _figure("spaced", "10 000 were executed", value=10000, value_text="10,000 soldiers (as stated)"),
        _figure("derived", "about a third of them", value=33, qualifier="approximately", derived=True, derivation="'about a third' as a percentage", value_text="about 33%"),
        _figure("contradicted", "convicting nearly 100 soldiers per week", value=120, qualifier="nearly", value_text="nearly 120 convictions per week"),
        _figure("not-derived", "about a third of them", value=33, qualifier="approximately", value_text="about 33%"),
        _figure("called-exact", "10,000 were executed", value=10000, qualifier="exact", value_text="exactly 10,000 soldiers"),
        _figure("shown-bare", "10,000 were executed", value=10000, value_text="10,000 soldiers"),
    ]
    built = _built(tmp_path, {"data/figures.json": json.dumps(records)})
    finding = trust.figures_read_from_quotes(built)
    assert not finding.passed
    assert finding.lines == [
        "contradicted: 120 is not a number the quote states",
        "not-derived: 33 is not a number the quote states",
        "called-exact: called exact, but the quote does not say so",
        "shown-bare: stated without a qualifier, but not shown as stated",
        "every figure's value read from its quote: 4 of 8 (1 derived by the editors, saying how)",
    ]
    good = _built(tmp_path / "good", {"data/figures.json": json.dumps(records[:4])})
    assert trust.figures_read_from_quotes(good).passed
