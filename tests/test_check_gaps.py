"""Checks that each change of the mini fixture must trip, one at a time, with the exact message.

Each case is one promise of the check that a change to its code could
otherwise break unnoticed: quotes of figures and glossary citations are
verified, the reuse limit counts what is published and allows exactly the
limit, and every cross-reference names something that exists.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.pipeline import check_only
from builder.problems import ContentError
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini" / "sources"


def _project(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "sources")
    return tmp_path


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "sources" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _problems(root: Path) -> list[str]:
    """Every problem, errors and warnings, one line each."""
    try:
        _, warnings = check_only(root)
    except ContentError as err:
        return [str(p) for p in err.problems]
    return [str(p) for p in warnings]


def _errors(root: Path) -> list[str]:
    return [p for p in _problems(root) if not p.startswith("warning: ")]


def test_the_mini_fixture_has_no_errors(tmp_path: Path) -> None:
    assert _errors(_project(tmp_path)) == []


# (file, text replaced, replacement, the one error expected)
CASES = {
    "figure quote": (
        "field-report.md",
        '    quote: "more than 1,000 people were detained"',
        '    quote: "more than 2,000 people were detained"',
        (
            "sources/field-report.md:36: quote not found in field-report: \"more than 2,000 people were detained\" "
            "(closest passage in sources/field-report.md: \"July 2023 more than 1,000 people were detained, according\")"
        ),
    ),
    "glossary citation quote": (
        "glossary.yml",
        '      quote: New "blocking units" were formed',
        '      quote: New "barrier units" were formed',
        (
            "sources/glossary.yml:11: quote not found in field-report: \"New \"barrier units\" were formed\" "
            "(closest passage in sources/field-report.md: \"June 1942. New \"blocking units\" were formed around July,\")"
        ),
    ),
    "title without summary": (
        "field-report.md",
        "    summary: The gazette reports that the order was issued in June 1942.\n",
        "",
        "sources/field-report.md:16: event 'order-issued' has a title but no summary (the entry that describes an event gives both)",
    ),
    "summary without title": (
        "field-report.md",
        "    title: The order is issued\n",
        "",
        "sources/field-report.md:16: event 'order-issued' has a summary but no title (the entry that describes an event gives both)",
    ),
    "event with no date": (
        "field-report.md",
        '    date: "1942-06"\n',
        "",
        "sources/field-report.md:16: event 'order-issued' has no date (add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated)",
    ),
    "event in no era": (
        "field-report.md",
        '    date: "1942-07~"',
        '    date: "1950-07~"',
        "sources/field-report.md:24: event 'units-formed' dated 1950-07~ falls in no era (add or widen an era in sources/eras.yml)",
    ),
    "duplicate figure id": (
        "second-account.md",
        "  - id: analyst-count",
        "  - id: gazette-count",
        "sources/second-account.md:17: duplicate figure id 'gazette-count' (also sources/field-report.md:30) (give each figure its own id)",
    ),
    "unknown related term": (
        "glossary.yml",
        "  eras: [ww2]",
        "  eras: [ww2]\n  related: [penal-battalions]",
        "sources/glossary.yml:9: term 'blocking-units' relates to unknown term 'penal-battalions' (use the id of a term in this file)",
    ),
    "unknown era of a term": (
        "glossary.yml",
        "  eras: [ww2]",
        "  eras: [ww3]",
        "sources/glossary.yml:8: term 'blocking-units' names unknown era 'ww3' (use one of: recent, ww2)",
    ),
    "unknown key measure": (
        "site.yml",
        "key_measures: [people-detained]",
        "key_measures: [people-detained, people-killed]",
        "sources/site.yml:7: unknown measure 'people-killed' in key_measures (use an id from sources/measures.yml)",
    ),
    "duplicate era id": (
        "eras.yml",
        "- id: recent",
        "- id: ww2",
        "sources/eras.yml:6: duplicate era id 'ww2' (first at line 1) (give each entry its own id)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_broken_promise_is_one_located_error(tmp_path: Path, case: str) -> None:
    name, old, new, expected = CASES[case]
    root = _project(tmp_path)
    _edit(root, name, old, new)
    assert _errors(root) == [expected]


def test_duplicate_source_id_in_a_subfolder(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "more").mkdir()
    shutil.copy(MINI / "second-account.md", root / "sources" / "more" / "second-account.md")
    assert _errors(root) == ["sources/second-account.md:1: duplicate source id 'second-account' (also sources/more/second-account.md) (rename one of the two files)"]


# --- the reuse limit -----------------------------------------------------------

TOTAL = 115
"""Characters of field-report.md the published quotes show: its events' and figure's quotes and a glossary
citation (34 + 40 + 36 + 32 characters), each word of the text counted once (builder/budget.py)."""


def _limit(root: Path, limit: int) -> None:
    _edit(root, "field-report.md", "  limit: 400", f"  limit: {limit}")


def test_quotes_exactly_at_the_reuse_limit_pass(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _limit(root, TOTAL)
    assert _errors(root) == []


def test_quotes_one_character_over_the_reuse_limit_fail(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _limit(root, TOTAL - 1)
    [error] = _errors(root)
    assert error.startswith(f"sources/glossary.yml:11: the quotes from field-report show {TOTAL} of its characters, over its publisher's limit of {TOTAL - 1} (sources/field-report.md:10); this quote passes it; ")


def test_draft_quotes_do_not_count_against_the_reuse_limit(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _limit(root, TOTAL)
    _edit(
        root,
        "field-report.md",
        "figures:\n",
        "  - id: units-counted\n    draft: true\n    quote: \"In July 2023 more than 1,000 people were detained, according to the gazette.\"\nfigures:\n",
    )
    assert _errors(root) == []


def test_a_draft_source_quotes_do_not_count_either(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ndraft: true\nreuse:\n  limit: 3\n  statement: at most 3 characters\n")
    assert [e for e in _errors(root) if "reuse limit" in e] == []


def test_a_date_on_the_29th_of_february_in_an_unknown_year_is_accepted(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", '    date: "1942-07-28"', '    date: "XXXX-02-29"')
    assert [e for e in _errors(root) if "02-29" in e] == []
    _edit(root, "second-account.md", '    date: "XXXX-02-29"', '    date: "XXXX-02-30"')
    assert any("XXXX-02-30" in e for e in _errors(root))


# --- where a field's error is reported, and what it suggests -------------------------


def _fields(record: type) -> str:
    return ", ".join(sorted(record.model_fields))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    date: \"1942-06\"\n", "    date: \"1942-06\"\n    titel: x\n", "sources/field-report.md:18: unknown field 'events[0].titel' (did you mean 'title'?)"),
        ("    date: \"1942-06\"\n", "    date: \"1942-06\"\n    zzz: x\n", "sources/field-report.md:18: unknown field 'events[0].zzz' (allowed fields: {EventEntry})"),
        ("    producer: Example Gazette\n", "    producer: Example Gazette\n    zzz: x\n", "sources/field-report.md:36: unknown field 'figures[0].zzz' (allowed fields: {FigureEntry})"),
        ("  limit: 400\n", "  limit: 400\n  statment: x\n", "sources/field-report.md:11: unknown field 'reuse.statment' (did you mean 'statement'?)"),
        ("kind: news\n", "kind: news\n" + "z" * 90 + ": x\n", "sources/field-report.md:9: unknown field '" + "z" * 79 + "…' (allowed fields: {SourceMeta})"),
        ("    quote: \"The order was issued in June 1942.\"\n", "", "sources/field-report.md:16: missing required field 'events[0].quote' (add it; see CONTRIBUTING.md)"),
        ("  limit: 400\n", "", "sources/field-report.md:9: missing required field 'reuse.limit' (add it; see CONTRIBUTING.md)"),
    ],
)
def test_field_errors_in_nested_records(tmp_path: Path, old: str, new: str, expected: str) -> None:
    from builder import model

    root = _project(tmp_path)
    _edit(root, "field-report.md", old, new)
    records = {name: _fields(getattr(model, name)) for name in ("EventEntry", "FigureEntry", "SourceMeta")}
    assert _errors(root) == [expected.format(**records)]


def test_unknown_field_of_a_glossary_citation(tmp_path: Path) -> None:
    from builder import model

    root = _project(tmp_path)
    _edit(root, "glossary.yml", "    - source: field-report\n", "    - source: field-report\n      page: 3\n")
    assert _errors(root) == [f"sources/glossary.yml:11: unknown field 'citations[0].page' (allowed fields: {_fields(model.Citation)})"]


def test_a_bad_language_is_not_called_a_bad_id(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "language: en\n", "language: English\n")
    assert _errors(root) == ["sources/field-report.md:7: language: 'English' is not a language code (use a code such as en, ru or uk)"]


def test_a_bad_id_in_a_list_of_ids_names_the_letter_from_another_script(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    tags: [order]\n", "    tags: [\u043erder, Order]\n")
    assert _errors(root) == [
        "sources/field-report.md:20: events[0].tags[0]: '\u043erder' is not a valid id (use lowercase letters, digits and single hyphens, e.g. order-227; '\u043e' is U+043E CYRILLIC SMALL LETTER O, not a Latin letter)",
        "sources/field-report.md:20: events[0].tags[1]: 'Order' is not a valid id (use lowercase letters, digits and single hyphens, e.g. order-227)",
    ]


def test_quotes_by_source_leaves_out_drafts_and_keeps_citations_of_any_source() -> None:
    from types import SimpleNamespace as Ns

    from builder.check import quotes_by_source

    def source(sid: str, draft: bool, *entries: tuple[str, bool]) -> Ns:
        events = [Ns(quote=q, draft=d) for q, d in entries[:2]]
        figures = [Ns(quote=q, draft=d) for q, d in entries[2:]]
        return Ns(id=sid, meta=Ns(draft=draft, events=events, figures=figures))

    sources = [source("a", False, ("e1", False), ("e2", True), ("f1", False), ("f2", True)), source("b", True, ("e3", False), ("e4", False))]
    terms = [Ns(citations=[Ns(source="a", quote="c1"), Ns(source="c", quote="c2")])]
    assert quotes_by_source(sources, terms) == {"a": ["e1", "f1", "c1"], "b": [], "c": ["c2"]}


def test_a_bad_id_with_a_character_unicode_does_not_name_is_reported_not_a_crash(tmp_path: Path) -> None:
    # U+E000 is for private use: it has no Unicode name to show, and is shown escaped.
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    tags: [order]\n", "    tags: [order\ue000]\n")
    assert _errors(root) == [
        "sources/field-report.md:20: events[0].tags[0]: 'order\\ue000' is not a valid id (use lowercase letters, digits and single hyphens, e.g. order-227; '\\ue000' is U+E000 ?, not a Latin letter)",
    ]
