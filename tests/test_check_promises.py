"""More promises of the check, one change of the mini fixture each, with the exact message.

Each test holds a branch of builder/check.py that a change to its code could
otherwise break unnoticed (a mutation run of the module showed which):
entries that are not mappings, follow: given twice, disagreements between
sources, ids the timeline keeps, a report before the event, term drafts in
a source, a draft figure's new measure, and what the checked content holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.pipeline import check_only
from builder.problems import ContentError
from tests.test_check_gaps import _edit, _errors, _problems, _project


def test_a_list_entry_that_is_not_a_mapping_is_reported_at_its_line(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "glossary.yml", "- id: blocking-units", "- just a string\n- id: blocking-units")
    assert _errors(root) == ["sources/glossary.yml:1: expected a mapping of fields, found str (write 'field: value' lines; see CONTRIBUTING.md)"]


def test_an_empty_list_entry_is_found_to_be_nothing(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "measures.yml", "- id: people-detained-per-year", "-\n- id: people-detained-per-year")
    assert _errors(root) == ["sources/measures.yml:5: expected a mapping of fields, found nothing (write 'field: value' lines; see CONTRIBUTING.md)"]


def test_a_curated_list_written_as_a_mapping_is_reported_and_its_entries_are_missing(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "eras.yml", '- id: ww2\n  title: The Second World War, 1941–1945\n  start: "1941"\n  end: "1945"\n  summary: The war years.\n- id: recent', "ww2: 1\nrecent:")
    # Without eras, no term's era is reported unknown (the terms name ww2): the one error is the file's.
    assert _errors(root) == ["sources/eras.yml:1: expected a list of entries, found dict (start each entry with '- id: ...')"]


def test_a_curated_list_holding_one_value_is_reported(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "measures.yml").write_text("people-detained\n", encoding="utf-8")
    assert "sources/measures.yml:1: expected a list of entries, found str (start each entry with '- id: ...')" in _errors(root)


def test_follow_given_by_two_entries_of_one_event(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    tags: [order]\n", "    tags: [order]\n    follow: true\n    because: The gazette is first.\n")
    assert _errors(root) == ["sources/second-account.md:13: event 'order-issued': more than one entry has follow: true (also sources/field-report.md:21) (mark only the version the site follows)"]


def test_sources_that_disagree_without_a_choice_are_a_warning_at_the_other_version(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", '    follow: true\n    because: "The analysts give the day; the gazette gives only the month."\n', "")
    assert _problems(root) == [
        "warning: sources/second-account.md:11: event 'order-issued': sources disagree on the date — field-report: June 1942 (followed by default); "
        "second-account: 28 July 1942 (the timeline shows every version; to record which one the site follows and why, "
        "add follow: true and because: to that source's entry)"
    ]


def test_a_disagreement_settled_with_a_reason_does_not_hide_the_next_one(tmp_path: Path) -> None:
    # The date is settled (second-account.md is followed, with because:); the actors, which that entry does not give, are not.
    root = _project(tmp_path)
    (root / "sources" / "third-account.md").write_text(
        "---\ntitle: A third account\npublisher: null\nauthors: []\nurl: null\npublished: null\nlanguage: en\nkind: analysis\n"
        'events:\n  - id: order-issued\n    date: "1942-07"\n    quote: "issued in July 1942"\n    actors: [The front staff]\n---\n'
        "The order was issued in July 1942 by the front staff, this account says, and it was read out to the troops of every army in the following weeks.\n",
        encoding="utf-8",
    )
    assert _problems(root) == [
        "warning: sources/third-account.md:13: event 'order-issued': sources disagree on the actors — field-report: The command (followed by default); "
        "third-account: The front staff (the timeline shows every version; to record which one the site follows and why, "
        "add follow: true and because: to that source's entry)"
    ]


def test_disagreements_settled_with_a_reason_are_not_reported(tmp_path: Path) -> None:
    assert _problems(_project(tmp_path)) == []


def test_the_followed_date_must_fall_in_an_era(tmp_path: Path) -> None:
    # The followed version, not the describing entry's, is the date checked against the eras.
    root = _project(tmp_path)
    _edit(root, "second-account.md", '    date: "1942-07-28"', '    date: "1950-07-28"')
    assert "sources/second-account.md:11: event 'order-issued' dated 1950-07-28 falls in no era (add or widen an era in sources/eras.yml)" in _errors(root)


@pytest.mark.parametrize("prefix", ["era", "year"])
def test_an_event_id_may_not_take_the_timelines_era_or_year_prefix(tmp_path: Path, prefix: str) -> None:
    root = _project(tmp_path)
    # The id is not the entry's first field: the error is at its own line.
    _edit(root, "field-report.md", '  - id: units-formed\n    date: "1942-07~"\n', f'  - date: "1942-07~"\n    id: {prefix}-formed\n')
    assert _errors(root) == [f"sources/field-report.md:24: event id '{prefix}-formed' starts with {prefix}-, which the timeline keeps for its eras and years (choose another id)"]


def test_an_event_reported_before_it_happened(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", '    date: "1942-07~"\n', '    date: "1942-07~"\n    reported: "1942-06"\n')
    assert _errors(root) == ["sources/field-report.md:25: event 'units-formed' is reported June 1942 (1942-06), before it happened (1942-07~) (reported: is when the news came out, date: when the event happened; check both)"]


def test_an_event_reported_in_its_own_month_or_later_is_not_a_problem(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", '    date: "1942-07~"\n', '    date: "1942-07~"\n    reported: "1942-07-01"\n')
    assert _errors(root) == []


def test_a_term_draft_in_a_source_has_its_quote_its_glossary_id_and_its_draft_mark_checked(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(
        root,
        "field-report.md",
        "figures:\n",
        'terms:\n  - term: blocking units\n    quote: "barrier units were formed"\n    glossary: blocking-unit\n    draft: false\nfigures:\n',
    )
    assert _errors(root) == [
        'sources/field-report.md:31: quote not found in field-report: "barrier units were formed" (closest passage in sources/field-report.md: "1942. New "blocking units" were formed around July,")',
        "sources/field-report.md:32: term draft names unknown glossary term 'blocking-unit' (did you mean 'blocking-units'?)",
        "sources/field-report.md:33: term 'blocking units' is not a draft, but terms: holds only drafts (to accept it, add the quote as a citation of the term in sources/glossary.yml (or a new term there) and delete this entry)",
    ]


def test_a_well_formed_term_draft_passes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "figures:\n", "terms:\n  - term: blocking units\n    quote: '\"blocking units\" were formed'\n    glossary: blocking-units\n    draft: true\nfigures:\n")
    assert _errors(root) == []


def test_a_term_draft_naming_nothing_close_is_told_where_ids_come_from(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "figures:\n", "terms:\n  - term: blocking units\n    quote: '\"blocking units\" were formed'\n    glossary: zzz\n    draft: true\nfigures:\n")
    assert _errors(root) == ["sources/field-report.md:32: term draft names unknown glossary term 'zzz' (use a term id from sources/glossary.yml, or null for a new term)"]


def test_a_draft_figure_may_propose_a_measure_with_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "    measure: people-detained-per-year\n", "    measure: people-arrested\n    draft: true\n")
    assert _problems(root) == ["warning: sources/second-account.md:25: unknown measure 'people-arrested' (did you mean 'people-detained'? before accepting the draft)"]


def test_a_published_figure_with_an_unknown_measure_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "    measure: people-detained-per-year\n", "    measure: zzz\n")
    assert _errors(root) == ["sources/second-account.md:25: unknown measure 'zzz' (add it to sources/measures.yml)"]


def test_a_citation_of_a_source_that_failed_validation_is_not_reported_again(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "kind: news\n", "kind: rumour\n")
    errors = _errors(root)
    assert [e for e in errors if "glossary.yml" in e] == []
    assert len(errors) == 1 and errors[0].startswith("sources/field-report.md:8: kind: "), errors


def test_a_citation_of_an_unknown_source(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "glossary.yml", "    - source: field-report\n", "    - source: field-reports\n")
    assert _errors(root) == ["sources/glossary.yml:10: citation of unknown source 'field-reports' (did you mean 'field-report'?)"]


def test_every_bad_citation_of_a_term_is_reported_at_its_source_line(tmp_path: Path) -> None:
    # After a citation of a source that failed validation (not reported again), and after an unknown source, the next is still checked.
    root = _project(tmp_path)
    _edit(root, "second-account.md", "kind: analysis\n", "kind: rumour\n")
    _edit(
        root,
        "glossary.yml",
        '    - source: field-report\n      quote: New "blocking units" were formed\n',
        '    - source: second-account\n      quote: the order\n    - quote: New "blocking units" were formed\n      source: nowhere\n    - source: field-reports\n      quote: the order\n',
    )
    assert [e for e in _errors(root) if e.startswith("sources/glossary.yml")] == [
        "sources/glossary.yml:13: citation of unknown source 'nowhere' (use the file name of a source, without .md)",
        "sources/glossary.yml:14: citation of unknown source 'field-reports' (did you mean 'field-report'?)",
    ]


def test_an_alias_two_terms_claim_is_reported_at_the_alias(tmp_path: Path) -> None:
    root = _project(tmp_path)
    glossary = root / "sources" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + '- id: squads\n  term: Squads\n  aliases: [Barrier troops]\n  short: x.\n  definition: x.\n  citations:\n    - source: field-report\n      quote: New "blocking units" were formed\n',
        encoding="utf-8",
    )
    assert _problems(root)[0] == "sources/glossary.yml:14: 'Barrier troops' is claimed by terms 'blocking-units' and 'squads' (keep the name in one term only)"


def test_a_name_two_terms_claim(tmp_path: Path) -> None:
    root = _project(tmp_path)
    glossary = root / "sources" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + '- id: barrier-troops\n  term: Barrier Troops\n  short: x.\n  definition: x.\n  citations:\n    - source: field-report\n      quote: New "blocking units" were formed\n',
        encoding="utf-8",
    )
    problems = _problems(root)
    assert problems[0] == "sources/glossary.yml:13: 'Barrier Troops' is claimed by terms 'blocking-units' and 'barrier-troops' (keep the name in one term only)"
    # The term that lost its name is not also called unused.
    assert not any("barrier-troops" in p and "used in no source" in p for p in problems), problems


# --- what the checked content holds --------------------------------------------


def test_the_content_counts_drafts_and_leaves_them_out(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ndraft: true\n")
    _edit(root, "field-report.md", "    measure: people-detained\n", "    measure: people-detained\n    draft: true\n")
    _edit(root, "field-report.md", '    date: "1942-07~"\n', '    date: "1942-07~"\n    draft: true\n')
    content, _ = check_only(root)
    # One draft source, and in the published one a draft event and a draft figure.
    assert content.drafts == 3
    assert [s.id for s in content.sources] == ["field-report"]


def test_a_preview_shows_the_draft_sources(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ndraft: true\n")
    assert [s.id for s in check_only(root)[0].sources] == ["field-report"]
    content, _ = check_only(root, drafts=True)
    assert [s.id for s in content.sources] == ["field-report", "second-account"]


def test_eras_are_in_chronological_order_and_terms_in_alphabetical_order_whatever_the_files_order(tmp_path: Path) -> None:
    root = _project(tmp_path)
    eras = root / "sources" / "eras.yml"
    lines = eras.read_text(encoding="utf-8").splitlines(keepends=True)
    eras.write_text("".join(lines[5:] + lines[:5]), encoding="utf-8")
    glossary = root / "sources" / "glossary.yml"
    glossary.write_text(
        "- id: zz-term\n  term: Zz term\n  short: x.\n  definition: x.\n  citations:\n    - source: field-report\n      quote: The order was issued\n"
        "- id: aa-term\n  term: aa term\n  short: x.\n  definition: x.\n  citations:\n    - source: field-report\n      quote: The order was issued\n" + glossary.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    content, _ = check_only(root)
    assert [e.id for e in content.eras] == ["ww2", "recent"]
    assert [t.id for t in content.terms] == ["aa-term", "blocking-units", "zz-term"]


def test_a_source_is_shown_by_its_id_and_its_files_hash(tmp_path: Path) -> None:
    content, _ = check_only(_project(tmp_path))
    source = content.sources[0]
    assert repr(source) == f"Source('field-report', {source.file.digest.hex()})"
    assert len(source.file.digest) > 0


# --- the names of fields in errors ------------------------------------------------


def test_an_unknown_field_is_named_whatever_its_name_starts_with(tmp_path: Path) -> None:
    # Names that begin as pydantic's names of a union's members (str, int, list, ...) are still the contributor's.
    from builder import model

    root = _project(tmp_path)
    _edit(root, "field-report.md", '    date: "1942-06"\n', '    date: "1942-06"\n    strength: 5\n')
    _edit(root, "field-report.md", "kind: news\n", "kind: news\nintroduction: x\nint: 1\n")
    allowed = ", ".join(sorted(model.EventEntry.model_fields))
    assert _errors(root) == [
        f"sources/field-report.md:9: unknown field 'introduction' (allowed fields: {', '.join(sorted(model.SourceMeta.model_fields))})",
        f"sources/field-report.md:10: unknown field 'int' (allowed fields: {', '.join(sorted(model.SourceMeta.model_fields))})",
        f"sources/field-report.md:20: unknown field 'events[0].strength' (allowed fields: {allowed})",
    ]


def test_an_unknown_field_in_an_editors_note_is_told_the_fields_of_its_own_record(tmp_path: Path) -> None:
    # A cite is declared Annotated (for its shorthand): its fields were once not found, and none were offered.
    root = _project(tmp_path)
    (root / "sources" / "references.yml").write_text("- id: a-book\n  kind: book\n  title: A book\n", encoding="utf-8")
    note = '    editor_notes:\n      - text: A note.\n        cites: [{ref: a-book, pagse: "3"}]\n        corrects: {zzz: x}\n'
    _edit(root, "field-report.md", "    tags: [order]\n", "    tags: [order]\n" + note)
    assert _errors(root) == [
        "sources/field-report.md:23: unknown field 'events[0].editor_notes[0].cites[0].pagse' (did you mean 'pages'?)",
        "sources/field-report.md:24: unknown field 'events[0].editor_notes[0].corrects.zzz' (allowed fields: actors, date, title)",
    ]


def test_a_field_name_leaves_out_what_pydantic_calls_a_unions_members() -> None:
    # Locations as pydantic reports them for a union (no record of the site's has one yet).
    from typing import Annotated, Literal

    from pydantic import AfterValidator, BaseModel, StringConstraints, ValidationError

    from builder.check import _field_name

    class Union(BaseModel):
        a: int | list[str]
        b: Annotated[str, AfterValidator(str.strip)] | float
        c: Literal["x"] | Annotated[str, StringConstraints(pattern="^z$")] | bool
        d: list[int | str]

    with pytest.raises(ValidationError) as raised:
        Union.model_validate({"a": "q", "b": [1], "c": 5.5, "d": [[1]]})
    locs = [tuple(e["loc"]) for e in raised.value.errors()]
    assert all(len(loc) > 1 for loc in locs), locs
    assert {_field_name(loc) for loc in locs} == {"a", "b", "c", "d[0]"}
    assert _field_name(("inferred", "literally")) == "inferred.literally"


def _one(root: Path) -> tuple[str, str]:
    """The one error's message and fix, apart."""
    try:
        check_only(root)
    except ContentError as err:
        [problem] = [p for p in err.problems if p.severity == "error"]
        return problem.message, problem.fix
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("x" * 80, "x" * 80),  # exactly the room: shown whole
        ("x" * 78 + " " + "y" * 10, "x" * 78 + "…"),  # clipped, without the space before the cut
    ],
)
def test_a_long_wrong_value_is_clipped_to_80_characters_in_its_message(tmp_path: Path, written: str, shown: str) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "language: en\n", f"language: {written}\n")
    assert _one(root) == (f"language: {shown!r} is not a language code", "use a code such as en, ru or uk")


def test_a_value_error_keeps_its_fix_apart_and_its_text_clipped_to_300_characters(tmp_path: Path) -> None:
    from builder.dates import VALID_FORMS

    root = _project(tmp_path)
    written = "2023-13-26" + "1" * 300
    _edit(root, "field-report.md", 'published: "2023-10-26"\n', f'published: "{written}"\n')
    text = f"{written!r} is not a valid EDTF date"
    assert _one(root) == (f"published: {text[:299]}…", VALID_FORMS)
    assert " (" in VALID_FORMS  # the fix holds parentheses of its own: the message is split at the first


def test_a_value_error_of_an_ordinary_length_is_whole(tmp_path: Path) -> None:
    from builder.dates import VALID_FORMS

    root = _project(tmp_path)
    _edit(root, "field-report.md", 'published: "2023-10-26"\n', 'published: "2023-13-26"\n')
    assert _one(root) == ("published: '2023-13-26' is not a valid EDTF date", VALID_FORMS)


def test_a_value_error_is_told_apart_from_its_fix_by_the_parenthesis_that_ends_it(tmp_path: Path) -> None:
    # A value holding " (" stays in the message and is clipped with it; a message that ends in no parenthesis has no fix.
    root = _project(tmp_path)
    written = "see (" + "x" * 400
    _edit(root, "field-report.md", "url: https://example.org/report\n", f'url: "{written}"\n')
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ninferred:\n  published (print): From the masthead.\n")
    text = f"{written!r} is not a web address"
    assert _errors(root) == [
        f"sources/field-report.md:5: url: {text[:299]}… (write the full http:// or https:// address, or null when unknown)",
        "sources/second-account.md:2: inferred names unknown field(s) published (print); use field names such as publisher, published, authors",
    ]


@pytest.mark.parametrize(
    ("message", "apart"),
    [
        ("'a (b' is not a web address (write it whole)", ("'a (b' is not a web address", "write it whole")),
        ("not a date (e.g. 1942 (a year))", ("not a date", "e.g. 1942 (a year)")),
        ("low (3) is greater than high (2)", ("low (3) is greater than high", "2")),
        ("names field(s) a (b; use c", ("names field(s) a (b; use c", "")),
        ("ends in f(x)", ("ends in f(x)", "")),  # a parenthesis not after a space opens no fix
        ("ends in x)", ("ends in x)", "")),
    ],
)
def test_a_models_message_and_its_fix_are_told_apart_from_its_end(message: str, apart: tuple[str, str]) -> None:
    from builder.check import _fix_apart

    assert _fix_apart(message) == apart


def test_what_was_found_is_shown_when_it_is_one_value_clipped_to_80_characters(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    value: 1000\n", '    value: "' + "9x" * 45 + '"\n')
    found = repr("9x" * 45)[:79] + "…"
    assert _one(root) == (f"figures[0].value: input should be a valid number, unable to parse string as a number (found {found})", "see CONTRIBUTING.md for the field's form")


def test_what_was_found_is_not_shown_when_it_is_a_list_or_mapping(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "publisher: Example Gazette\n", "publisher: [Example, Gazette]\n")
    assert _one(root) == ("publisher: input should be a valid string", "see CONTRIBUTING.md for the field's form")


def test_a_pattern_other_than_an_ids_or_a_languages_is_reported_as_a_pattern(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "references.yml").write_text("- id: a-book\n  kind: book\n  title: A book\n  doi: x\n", encoding="utf-8")
    assert _one(root) == ("doi: string should match pattern '^10\\.[0-9]{4,9}/\\S+$' (found 'x')", "see CONTRIBUTING.md for the field's form")


# --- terms no source uses, kept between a server's builds ------------------------------


def test_a_server_finds_a_terms_use_again_when_a_source_or_the_glossarys_names_change(tmp_path: Path) -> None:
    from builder.incremental import Files

    root = _project(tmp_path)
    files = Files()

    def unused() -> list[str]:
        files.start()
        _, warnings = check_only(root, cached=files.get)
        files.finish()
        return [str(p) for p in warnings if "is used in no source" in str(p)]

    glossary = root / "sources" / "glossary.yml"
    kept = glossary.read_text(encoding="utf-8")
    term = "- id: the-ministry\n  term: {name}\n  aliases: [{alias}]\n  short: x.\n  definition: x.\n  citations:\n    - source: field-report\n      quote: The order was issued\n"
    glossary.write_text(kept + term.format(name="Mnistry", alias="Ministri"), encoding="utf-8")
    assert unused() == [
        "warning: sources/glossary.yml:13: term 'the-ministry' is used in no source: none of 'Mnistry', 'Ministri' occurs in a published source's text (check the spelling, add the form the sources use to aliases, or remove the term)"
    ]
    # The glossary's names change: second-account.md, unchanged, is searched again.
    glossary.write_text(kept + term.format(name="Ministry", alias="Ministri"), encoding="utf-8")
    assert unused() == []
    # The source's text changes: it is searched again.
    _edit(root, "second-account.md", "for the Example Ministry, told", "for the Example Office, told")
    assert len(unused()) == 1


def test_a_source_file_name_of_80_characters_is_an_id_and_of_81_is_not(tmp_path: Path) -> None:
    import shutil

    root = _project(tmp_path)
    sources = root / "sources"
    shutil.move(sources / "second-account.md", sources / ("s" * 80 + ".md"))
    assert _errors(root) == []
    shutil.move(sources / ("s" * 80 + ".md"), sources / ("s" * 81 + ".md"))
    assert _errors(root) == [f"sources/{'s' * 81}.md:1: file name {'s' * 81!r} is not a valid source id (rename the file to lowercase letters, digits and hyphens, e.g. uk-intel-2023.md)"]


# --- a quote not found: what the message shows ---------------------------------------

QUOTE = '    quote: "The order was issued in June 1942."'


def test_a_quote_sharing_nothing_with_its_source_is_told_to_copy_the_words(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", QUOTE, '    quote: "qqqq"')
    assert _errors(root) == ['sources/field-report.md:22: quote not found in field-report: "qqqq" (copy the words exactly from sources/field-report.md)']


def test_lookalike_letters_are_named_three_at_most(tmp_path: Path) -> None:
    # Four Cyrillic letters among Latin ones; the message names the first three.
    root = _project(tmp_path)
    _edit(root, "field-report.md", QUOTE, '    quote: "The ord\u0435r w\u0430s issu\u0435d in Jun\u0435 1942."')
    assert _errors(root) == [
        'sources/field-report.md:22: quote not found in field-report: "The ord\u0435r w\u0430s issu\u0435d in Jun\u0435 1942." '
        '(closest passage in sources/field-report.md: "The order was issued in June 1942. New "blocking units""; '
        "lookalike letter from another script: '\u0435' (U+0435 CYRILLIC SMALL LETTER IE) in 'ord\u0435r'; "
        "'\u0430' (U+0430 CYRILLIC SMALL LETTER A) in 'w\u0430s'; '\u0435' (U+0435 CYRILLIC SMALL LETTER IE) in 'issu\u0435d' (retype it))"
    ]


def test_a_long_quote_not_found_is_shown_in_120_characters_and_its_closest_passage_in_160(tmp_path: Path) -> None:
    root = _project(tmp_path)
    # "of" moves the cut of the closest passage into a word (a cut before a space would clip the same at 160 and 161).
    _edit(root, "field-report.md", "issued in June 1942. New", "issued in June of 1942. New")
    text = 'The order was issued in June 1942. New \\"blocking units\\" were formed around July, the gazette said. In July 2023 more than 1,000 people were detained, according to the gazette today.'
    _edit(root, "field-report.md", QUOTE, f'    quote: "{text}"')
    [error] = _errors(root)
    quote = 'The order was issued in June 1942. New "blocking units" were formed around July, the gazette said. In July 2023 more th…'
    closest = 'The order was issued in June of 1942. New "blocking units" were formed around July, the gazette said. In July 2023 more than 1,000 people were detained, accord…'
    assert (len(quote), len(closest)) == (120, 160)
    assert error == f'sources/field-report.md:22: quote not found in field-report: "{quote}" (closest passage in sources/field-report.md: "{closest}")'


# --- an event's date against its quote's words --------------------------------------

DATE = '    date: "1942-07-28"\n'
SAYS = "sources/second-account.md:11: the quote says '28 July 1942'; date is 1942-07-27 (27 July 1942) (make date what the quote says, or add date_note: saying why they differ)"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ('    date: "1942-07-27"\n', [SAYS]),
        ('    date: "1942-07-27"\n    date_note: "The order bears the date of the day before."\n', []),
        ('    date: "1942-07-27"\n    draft: true\n', [f"warning: {SAYS}"]),
    ],
    ids=["differs", "explained", "draft"],
)
def test_a_date_other_than_its_quotes_is_an_error_unless_explained_or_a_draft(tmp_path: Path, new: str, expected: list[str]) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", DATE, new)
    assert _problems(root) == expected


def test_a_date_other_than_its_quotes_in_a_draft_source_is_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", DATE, '    date: "1942-07-27"\n')
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ndraft: true\n")
    # One line further down: the source's draft: true comes before its events.
    assert _problems(root) == [f"warning: {SAYS}".replace(":11:", ":12:")]


def test_sources_that_agree_are_named_together_in_a_disagreement(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", '    follow: true\n    because: "The analysts give the day; the gazette gives only the month."\n', "")
    (root / "sources" / "third-account.md").write_text(
        "---\ntitle: A third account\npublisher: null\nauthors: []\nurl: null\npublished: null\nlanguage: en\nkind: analysis\n"
        'events:\n  - id: order-issued\n    date: "1942-07-28"\n    quote: "issued on 28 July 1942"\n---\n'
        "The order was issued on 28 July 1942, this account says, and it was read out to the troops of every army in the following weeks.\n",
        encoding="utf-8",
    )
    assert _problems(root) == [
        "warning: sources/second-account.md:11: event 'order-issued': sources disagree on the date — field-report: June 1942 (followed by default); "
        "second-account, third-account: 28 July 1942 (the timeline shows every version; to record which one the site follows and why, "
        "add follow: true and because: to that source's entry)"
    ]


# --- a figure's quote against its measure, and what is published unreviewed ------------------


def test_a_figures_quote_is_read_against_its_measures_unit(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "measures.yml", "  unit: people\n", "  unit: percent\n")
    assert _errors(root) == [
        "sources/field-report.md:31: the quote says 'more than 1,000 people'; the measure's unit is percent (use a measure in the unit the quote states, or mark the figure derived: and say how it was converted)",
        "sources/second-account.md:18: the quote says 'between 900 and 1,200'; the measure's unit is percent (use a measure in the unit the quote states, or mark the figure derived: and say how it was converted)",
    ]


VALUE = "sources/field-report.md:32: the quote says 'more than 1,000'; value is 2,000 (write the number the quote states, or mark the figure derived: and say how)"


def test_a_figure_other_than_its_quotes_is_an_error_and_in_a_draft_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    value: 1000\n", "    value: 2000\n")
    assert _problems(root) == [VALUE]
    _edit(root, "field-report.md", "    value: 2000\n", "    value: 2000\n    draft: true\n")
    assert _problems(root) == [f"warning: {VALUE}"]


def test_a_figure_other_than_its_quotes_in_a_draft_source_is_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    value: 1000\n", "    value: 2000\n")
    _edit(root, "field-report.md", "kind: news\n", "kind: news\ndraft: true\n")
    assert f"warning: {VALUE}".replace(":32:", ":33:") in _problems(root)
    assert _errors(root) == []


def test_a_published_event_with_the_builders_unreviewed_summary_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    tags: [order]\n", "    tags: [order]\n    machine: [summary]\n")
    assert _errors(root) == [
        "sources/field-report.md:19: event 'order-issued' is published, but its summary is still the builder's and not reviewed: "
        '"The gazette reports that the order was issued in June 1942." (rewrite summary in your own words, stating only what the '
        "source's text supports; then delete summary from machine: on line 21, or keep the entry draft: true until then)"
    ]


# --- the curated files ------------------------------------------------------------------------


def test_a_missing_curated_file_is_named(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "measures.yml").unlink()
    assert "sources/measures.yml:1: missing curated file measures.yml (create it; see CONTRIBUTING.md)" in _errors(root)


def test_a_site_file_with_a_wrong_field_is_reported(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "site.yml", "key_measures", "zzz: 1\nkey_measures")
    assert _errors(root) == ["sources/site.yml:7: unknown field 'zzz' (allowed fields: key_measures, subtitle, summary, title)"]


def test_a_curated_file_that_cannot_be_read_leaves_the_others_checked(tmp_path: Path) -> None:
    # eras.yml comes first: the measures, glossary and site after it are still read (no figure's measure is then unknown).
    root = _project(tmp_path)
    _edit(root, "eras.yml", "- id: ww2\n", "- id: ww2\n  zzz: [\n")
    errors = _errors(root)
    assert errors[0] == "sources/eras.yml:4: YAML syntax error: did not find expected ',' or ']' (check indentation and quote text that contains ':' or '#')"
    assert not any("unknown measure" in e for e in errors), errors


def test_a_server_validates_a_curated_file_again_when_it_changes(tmp_path: Path) -> None:
    from builder.incremental import Files

    root = _project(tmp_path)
    files = Files()

    def content() -> object:
        files.start()
        found, _ = check_only(root, cached=files.get)
        files.finish()
        return found

    first = content()
    assert (first.site.title, first.eras[0].title) == ("Example documentary", "The Second World War, 1941–1945")
    _edit(root, "site.yml", "title: Example documentary", "title: Another documentary")
    _edit(root, "eras.yml", "  title: The Second World War, 1941–1945", "  title: The war, 1941–1945")
    again = content()
    assert (again.site.title, again.eras[0].title) == ("Another documentary", "The war, 1941–1945")


def test_a_server_checks_two_curated_files_of_one_text_each_as_what_it_is(tmp_path: Path) -> None:
    # A list copied to start another: each file's validation is kept under its own name, not found by its text alone.
    from builder.incremental import Files

    root = _project(tmp_path)
    (root / "sources" / "places.yml").write_text((root / "sources" / "measures.yml").read_text(encoding="utf-8"), encoding="utf-8")
    files = Files()
    files.start()
    with pytest.raises(ContentError) as raised:
        check_only(root, cached=files.get)
    served = [str(p) for p in raised.value.problems]
    assert any(p.startswith("sources/places.yml:") for p in served) and served == _problems(root)


def test_a_server_checks_again_what_a_measures_unit_or_the_eras_change_and_each_copy_of_a_source(tmp_path: Path) -> None:
    import shutil

    from builder.incremental import Files

    root = _project(tmp_path)
    files = Files()

    def served() -> list[str]:
        files.start()
        try:
            check_only(root, cached=files.get)
            found: list[str] = []
        except ContentError as err:
            found = [str(p) for p in err.problems if p.severity == "error"]
        files.finish()
        return found

    assert served() == []
    _edit(root, "measures.yml", "  unit: people\n", "  unit: percent\n")
    assert served() == _errors(root) and len(served()) == 2
    # A source copied under another name: each copy's findings are its own, at its own path.
    shutil.copy(root / "sources" / "second-account.md", root / "sources" / "third-account.md")
    assert served() == _errors(root) and any(e.startswith("sources/third-account.md:18:") for e in served())
    # The eras change: the followed date is checked against them again.
    (root / "sources" / "third-account.md").unlink()
    _edit(root, "measures.yml", "  unit: percent\n", "  unit: people\n")
    _edit(root, "eras.yml", 'start: "1941"', 'start: "1943"')
    assert served() == _errors(root) and any("falls in no era" in e for e in served())


def test_references_are_checked_with_the_notes_that_cite_them(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "references.yml").write_text(
        "- kind: book\n  id: a-book\n  title: A book\n- kind: book\n  id: a-book\n  title: The same book\n- id: a-book\n  kind: book\n  title: A third time\n"
        "- id: bad-book\n  kind: novel\n  title: Another\n",
        encoding="utf-8",
    )
    # Duplicate ids at their id: lines; a glossary note citing a misspelt id and an entry that failed validation (reported there, not
    # again); an event's correction.
    _edit(root, "glossary.yml", "  eras: [ww2]\n", "  eras: [ww2]\n  editor_notes:\n    - text: A note.\n      cites: [a-bok, bad-book]\n")
    _edit(root, "field-report.md", "    tags: [order]\n", '    tags: [order]\n    editor_notes:\n      - text: The order is dated later.\n        cites: [a-book]\n        corrects: {date: "1950-07"}\n')
    assert [e for e in _errors(root) if "kind:" not in e] == [
        "sources/field-report.md:24: event 'order-issued' corrected to 1950-07 falls in no era (add or widen an era in sources/eras.yml)",
        "sources/glossary.yml:11: note cites unknown reference 'a-bok' (did you mean 'a-book'?)",
        "sources/references.yml:5: duplicate reference id 'a-book' (first at line 2) (give each entry its own id)",
        "sources/references.yml:7: duplicate reference id 'a-book' (first at line 2) (give each entry its own id)",
    ]


def test_an_event_no_source_describes_is_an_error_after_a_draft_none_describes(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    title: The order is issued\n    summary: The gazette reports that the order was issued in June 1942.\n", "")
    _edit(root, "field-report.md", "figures:\n", '  - id: a-draft\n    quote: "The order was issued"\n    draft: true\nfigures:\n')
    assert _problems(root) == ["sources/field-report.md:16: event 'order-issued' has no title or summary in any source (add title and summary to one of its entries)"]


def test_an_event_no_source_dates_is_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", '    date: "1942-06"\n', "")
    _edit(root, "second-account.md", '    date: "1942-07-28"\n', "")
    assert _problems(root) == ["sources/field-report.md:16: event 'order-issued' has no date (add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated)"]


def test_a_server_checks_an_events_versions_again_when_a_sources_entry_changes(tmp_path: Path) -> None:
    from builder.incremental import Files

    root = _project(tmp_path)
    files = Files()

    def served() -> list[str]:
        files.start()
        _, warnings = check_only(root, cached=files.get)
        files.finish()
        return [str(p) for p in warnings]

    assert served() == _problems(root)
    _edit(root, "second-account.md", '    follow: true\n    because: "The analysts give the day; the gazette gives only the month."\n', "")
    assert served() == _problems(root) and len(served()) == 1


def test_a_duplicate_source_id_leaves_the_sources_after_it_checked(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "sources" / "a").mkdir()
    (root / "sources" / "a" / "field-report.md").write_text((root / "sources" / "field-report.md").read_text(encoding="utf-8"), encoding="utf-8")
    _edit(root, "second-account.md", "kind: analysis\n", "kind: rumour\n")
    errors = _errors(root)
    assert errors[0] == "sources/field-report.md:1: duplicate source id 'field-report' (also sources/a/field-report.md) (rename one of the two files)"
    assert [e.partition(": ")[0] for e in errors[1:]] == ["sources/second-account.md:8"]


def test_the_check_gives_no_content_when_anything_is_wrong(tmp_path: Path) -> None:
    from builder.check import check
    from builder.load import load_tree
    from builder.problems import Problems

    root = _project(tmp_path)
    _edit(root, "field-report.md", "kind: news\n", "kind: rumour\n")
    problems = Problems()
    assert check(load_tree(root, problems), problems) is None and problems.errors


def test_the_check_leaves_out_drafts_unless_asked_for_a_preview(tmp_path: Path) -> None:
    from builder.check import check
    from builder.load import load_tree
    from builder.problems import Problems

    root = _project(tmp_path)
    _edit(root, "second-account.md", "kind: analysis\n", "kind: analysis\ndraft: true\n")
    problems = Problems()
    content = check(load_tree(root, problems), problems)
    assert content is not None and [s.id for s in content.sources] == ["field-report"]


def test_a_duplicate_measure_place_or_term_id_is_named_with_its_first_line(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "measures.yml", "- id: people-detained-per-year", "- id: people-detained")
    _edit(root, "places.yml", "- id: western-front", "- id: stalingrad")
    glossary = root / "sources" / "glossary.yml"
    kept = glossary.read_text(encoding="utf-8")
    glossary.write_text(kept + kept.replace("term: blocking units", "term: blocking squads").replace("aliases: [blocking unit, barrier troops]", "aliases: []"), encoding="utf-8")
    duplicates = [e for e in _errors(root) if "duplicate" in e]
    assert duplicates == [
        "sources/glossary.yml:12: duplicate term id 'blocking-units' (first at line 1) (give each entry its own id)",
        "sources/measures.yml:5: duplicate measure id 'people-detained' (first at line 1) (give each entry its own id)",
        "sources/places.yml:10: duplicate place id 'stalingrad' (first at line 2) (give each entry its own id)",
    ]


def test_every_event_without_a_date_is_reported_not_only_the_first(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", '  - id: order-issued\n    date: "1942-06"\n', "  - id: order-issued\n")
    _edit(root, "field-report.md", '  - id: units-formed\n    date: "1942-07~"\n', "  - id: units-formed\n")
    errors = _errors(root)
    assert "sources/field-report.md:16: event 'order-issued' has no date (add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated)" in errors
    assert "sources/field-report.md:22: event 'units-formed' has no date (add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated)" in errors


def test_every_event_no_source_describes_is_reported_not_only_the_first(tmp_path: Path) -> None:
    root = _project(tmp_path)
    ghosts = '  - id: ghost-one\n    date: "1942-07-28"\n    quote: "issued on 28 July 1942"\n  - id: ghost-two\n    date: "1942-07-28"\n    quote: "issued on 28 July 1942"\n'
    _edit(root, "second-account.md", "figures:\n", ghosts + "figures:\n")
    errors = _errors(root)
    assert any(e.startswith("sources/second-account.md:") and "event 'ghost-one' has no title or summary in any source" in e for e in errors), errors
    assert any(e.startswith("sources/second-account.md:") and "event 'ghost-two' has no title or summary in any source" in e for e in errors), errors


def test_an_events_date_is_read_from_the_entry_that_describes_it_not_from_another_at_the_same_place(tmp_path: Path) -> None:
    """Here the second source describes the event, undated; the first gives a date at the same index of its events."""
    root = _project(tmp_path)
    _edit(root, "field-report.md", "    title: The order is issued\n    summary: The gazette reports that the order was issued in June 1942.\n", "")
    _edit(root, "second-account.md", '  - id: order-issued\n    date: "1942-07-28"\n', "  - id: order-issued\n    title: The order is issued\n    summary: An analysis of the order.\n")
    assert "sources/second-account.md:10: event 'order-issued' has no date (add date: in EDTF, e.g. '1942-06' or 'XXXX-09-25' when the year is not stated)" in _errors(root)


def test_a_draft_sources_version_of_an_event_is_no_disagreement(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "second-account.md", "---\ntitle: A second account\n", "---\ndraft: true\ntitle: A second account\n")
    _edit(root, "second-account.md", '    follow: true\n    because: "The analysts give the day; the gazette gives only the month."\n', "")
    assert not [p for p in _problems(root) if "disagree" in p]
    _edit(root, "second-account.md", "---\ndraft: true\n", "---\n")
    assert any("sources disagree on the date" in p for p in _problems(root))  # published, it is one


def test_an_event_described_only_in_a_draft_entry_is_still_dated_in_an_era(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _edit(root, "field-report.md", '  - id: units-formed\n    date: "1942-07~"\n', '  - id: units-formed\n    draft: true\n    date: "1800"\n')
    assert "sources/field-report.md:25: event 'units-formed' dated 1800 falls in no era (add or widen an era in sources/eras.yml)" in _errors(root)
