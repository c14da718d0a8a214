"""References, editors' notes and claim status: a correction is shown with its reference and the source's version."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder.curate import curate
from builder.curate.status import figure_statuses, producer_forms
from builder.pipeline import check_only, render_pages
from builder.problems import ContentError
from tests.conftest import FIXTURES

REFERENCES = """\
- id: order-text
  kind: official-act
  title: "Order No. 227"
  issued_by: "People's Commissar of Defence"
  number: "227"
  date: "1942-07-28"
- id: losses-study
  kind: book
  title: "A study of losses"
  editors: ["G. F. Krivosheev"]
  place: Moscow
  publisher: OLMA-Press
  year: 2001
"""

EVENT_NOTE = """\
    editor_notes:
      - text: "The order was signed on 28 July 1942."
        cites: [{ref: order-text, pages: "1"}]
        corrects:
          date: "1942-07-28"
          title: "The order is signed"
"""

FIGURE_NOTE = """\
    editor_notes:
      - text: "The study counts 1,500."
        cites: [losses-study]
        corrects:
          value: 1500
"""


def _tree(tmp_path: Path, *, references: str | None = REFERENCES, event_note: str = "", figure_note: str = "") -> Path:
    """The mini fixture, with a bibliography and notes added after the gazette's first event and first figure."""
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "mini" / "sources", sources)
    if references is not None:
        (sources / "references.yml").write_text(references, encoding="utf-8")
    report = sources / "field-report.md"
    text = report.read_text(encoding="utf-8")
    text = text.replace('    quote: "The order was issued in June 1942."\n', '    quote: "The order was issued in June 1942."\n' + event_note, 1)
    text = text.replace('    quote: "more than 1,000 people were detained"\n', '    quote: "more than 1,000 people were detained"\n' + figure_note, 1)
    report.write_text(text, encoding="utf-8")
    return tmp_path


def _errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as err:
        check_only(root)
    return [str(p) for p in err.value.problems if p.severity == "error"]


def test_unknown_reference_is_refused_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    root = _tree(tmp_path, event_note=EVENT_NOTE.replace("ref: order-text", "ref: order-txt"))
    assert _errors(root) == ["sources/field-report.md:25: note cites unknown reference 'order-txt' (did you mean 'order-text'?)"]


def test_a_note_must_cite_a_reference(tmp_path: Path) -> None:
    root = _tree(tmp_path, event_note=EVENT_NOTE.replace('        cites: [{ref: order-text, pages: "1"}]\n', "        cites: []\n"))
    assert _errors(root) == ["sources/field-report.md:25: events[0].editor_notes[0].cites: list should have at least 1 item after validation, not 0 (see CONTRIBUTING.md for the field's form)"]


def test_a_figure_note_cannot_correct_a_title(tmp_path: Path) -> None:
    root = _tree(tmp_path, figure_note=FIGURE_NOTE.replace("value: 1500", "title: Another"))
    assert _errors(root) == ["sources/field-report.md:41: unknown field 'figures[0].editor_notes[0].corrects.title' (allowed fields: date, high, low, qualifier, value)"]


def test_a_family_name_gives_the_short_name_and_must_be_part_of_the_name(tmp_path: Path) -> None:
    korean = REFERENCES.replace('  editors: ["G. F. Krivosheev"]\n', '  authors: ["Song Sang-ho"]\n  family_names: ["Song"]\n')
    pages = render_pages(_tree(tmp_path / "a", references=korean, figure_note=FIGURE_NOTE))
    assert '<span id="losses-study"></span>**Song 2001.** Song Sang-ho.' in pages["references.md"]
    wrong = korean.replace('family_names: ["Song"]', 'family_names: ["Sang"]')
    assert _errors(_tree(tmp_path / "b", references=wrong, figure_note=FIGURE_NOTE)) == [
        "sources/references.yml:7: family_names: 'Sang' is not part of 'Song Sang-ho' (give the family name as the name prints it)"
    ]


def test_a_reference_field_unknown_is_refused(tmp_path: Path) -> None:
    root = _tree(tmp_path, references=REFERENCES.replace("  year: 2001\n", "  yaer: 2001\n"), figure_note=FIGURE_NOTE)
    assert _errors(root) == ["sources/references.yml:13: unknown field 'yaer' (did you mean 'year'?)"]


def test_a_correction_must_change_something(tmp_path: Path) -> None:
    root = _tree(tmp_path, figure_note=FIGURE_NOTE.replace("value: 1500", "value: 1000\n          qualifier: more-than"))
    assert _errors(root) == ["sources/field-report.md:41: figure 'gazette-count': the correction gives the source's own value (give the number the editors' references support, or remove value:)"]


def test_a_project_without_references_still_checks(tmp_path: Path) -> None:
    content, _ = check_only(_tree(tmp_path, references=None))
    assert content.references == ()


def test_correction_is_shown_with_its_reference_and_the_sources_version(tmp_path: Path) -> None:
    pages = render_pages(_tree(tmp_path, event_note=EVENT_NOTE))
    page = pages["timeline/1942.md"]
    block = page[page.index("{#order-issued}") :]
    block = block[: block.index("\n### ")] if "\n### " in block else block
    # The site's version in its own voice, placed by the corrected date...
    assert '### The order is signed <span class="claim claim-corrected">Corrected by the editors</span> {#order-issued}' in page
    assert "**28 July 1942**" in block
    # ...the source's version shown as that source's claim...
    assert "*The source's version:* “The order is issued”, according to Example Gazette." in block
    # ...and the editors' note, marked as theirs, beside its reference and pages.
    assert "**Corrected by the editors:** The order was signed on 28 July 1942. (Reference: [Order No. 227, 1](../references.md#order-text))" in block
    assert '<span id="order-text"></span>**Order No. 227.**' in pages["references.md"]
    timeline = json.loads(pages["data/timeline.json"])
    record = next(r for r in timeline if r["id"] == "order-issued")
    # The date the site followed was 28 July 1942 already (the second account's): only the title is the source's.
    assert (record["title"], record["date"], record["source_title"], record["source_date"], record["status"]) == ("The order is signed", "1942-07-28", "The order is issued", None, "corrected")
    assert record["notes"] == [{"by": "editors", "text": "The order was signed on 28 July 1942.", "cites": [{"ref": "order-text", "label": "Order No. 227", "pages": "1"}], "corrects": {"date": "1942-07-28", "title": "The order is signed"}}]
    assert "editors: The order was signed on 28 July 1942. [cites order-text, 1] [corrects date 1942-07-28; title The order is signed]" in pages["data/timeline.csv"]


def test_corrected_actors_replace_who_and_the_sources_are_shown_as_its_version(tmp_path: Path) -> None:
    note = EVENT_NOTE.replace('          title: "The order is signed"\n', '          title: "The order is signed"\n          actors: ["People\'s Commissar of Defence"]\n')
    pages = render_pages(_tree(tmp_path, event_note=note))
    page = pages["timeline/1942.md"]
    block = page[page.index("{#order-issued}") :]
    block = block[: block.index("\n### ")] if "\n### " in block else block
    # "Who:" is the site's voice: the corrected actors, not the source's.
    assert "*Who:* People's Commissar of Defence" in block
    assert "*Who:* The command" not in block
    assert "*The source's version:* “The order is issued”, naming The command, according to Example Gazette." in block
    record = next(r for r in json.loads(pages["data/timeline.json"]) if r["id"] == "order-issued")
    assert (record["actors"], record["source_actors"]) == (["People's Commissar of Defence"], ["The command"])
    assert record["notes"][0]["corrects"]["actors"] == "People's Commissar of Defence"
    ld = page[page.index('<script type="application/ld+json">') :]
    assert '"actor":[{"@type":"Thing","name":"People\'s Commissar of Defence"}]' in ld


def test_a_correction_of_actors_must_change_them(tmp_path: Path) -> None:
    note = EVENT_NOTE.replace('          title: "The order is signed"\n', "          actors: [The command]\n")
    assert _errors(_tree(tmp_path, event_note=note)) == [
        "sources/field-report.md:28: event 'order-issued': the correction gives the entry's own actors (name who acted as the editors' references say, or remove actors: from corrects:)"
    ]


def test_figure_correction_shows_the_sources_number_and_the_reference(tmp_path: Path) -> None:
    pages = render_pages(_tree(tmp_path, figure_note=FIGURE_NOTE))
    row = next(line for line in pages["figures/people-detained.md"].splitlines() if 'id="gazette-count"' in line)
    assert "1,500 people" in row and "(*the source says* more than 1,000 people, July 2023)" in row
    assert '<span class="claim claim-corrected">Corrected by the editors</span>' in row
    assert "**Corrected by the editors:** The study counts 1,500. (Reference: [Krivosheev \\(ed.\\) 2001](../references.md#losses-study))" in row
    # The number shown is the reference's: the producer column credits it, and the source's producer as the source's.
    assert row.split(" | ")[2] == "[Krivosheev \\(ed.\\) 2001](../references.md#losses-study) *(the editors' reference)*; *the source credits* Example Gazette"
    record = next(r for r in json.loads(pages["data/figures.json"]) if r["id"] == "gazette-count")
    assert (record["value"], record["qualifier"], record["source_value"], record["source_qualifier"], record["status"]) == (1500, "exact", 1000, "more-than", "corrected")
    # The sourcing note tells what the source says, and what the editors say instead.
    note = pages["sources/field-report.md"]
    assert "more than 1,000 people](../figures/people-detained.md#gazette-count) (*corrected by the editors to* exactly 1,500 people)" in note


def test_a_correction_of_a_figures_date_alone_reads_as_one(tmp_path: Path) -> None:
    pages = render_pages(_tree(tmp_path, figure_note=FIGURE_NOTE.replace("value: 1500", 'date: "2023-06"')))
    line = next(x for x in pages["sources/field-report.md"].splitlines() if 'id="figure-gazette-count"' in x)
    # The number is the source's: the note says only that the date changed, not "corrected to" the same number.
    assert "(*corrected by the editors to* the date June 2023)" in line
    assert "corrected by the editors to* more than" not in line


def test_status_is_computed_reported_corroborated_or_corrected(tmp_path: Path) -> None:
    content, _ = check_only(_tree(tmp_path))
    site = curate(content)
    events = {e.id: e.status for e in site.events}
    # Two sources report the order, but the gazette's June cannot be the 28 July the site follows: one origin agrees.
    assert events["order-issued"].kind == "reported" and events["order-issued"].origins == ("A second account",)
    assert events["units-formed"].kind == "reported" and events["units-formed"].origins == ("Example Gazette",)
    group = next(g for g in site.measures if g.measure.id == "people-detained")
    # "More than 1,000" (the gazette) and "900-1,200" (an analyst): different publishers and producers, values that overlap.
    assert {k: v.kind for k, v in figure_statuses(group).items()} == {"analyst-count": "corroborated", "gazette-count": "corroborated"}

    corrected = curate(check_only(_tree(tmp_path / "b", event_note=EVENT_NOTE, figure_note=FIGURE_NOTE))[0])
    assert next(e for e in corrected.events if e.id == "order-issued").status.kind == "corrected"
    group = next(g for g in corrected.measures if g.measure.id == "people-detained")
    assert {k: v.kind for k, v in figure_statuses(group).items()} == {"analyst-count": "reported", "gazette-count": "corrected"}


def test_one_producer_under_two_names_is_one_origin(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    second = root / "sources" / "second-account.md"
    second.write_text(second.read_text(encoding="utf-8").replace("producer: An analyst", "producer: Example Gazette (EG)"), encoding="utf-8")
    site = curate(check_only(root)[0])
    group = next(g for g in site.measures if g.measure.id == "people-detained")
    # The analysts repeat the gazette's own count: two sources, one origin.
    assert {k: v.kind for k, v in figure_statuses(group).items()} == {"analyst-count": "reported", "gazette-count": "reported"}
    assert producer_forms("Important Stories (iStories)") & producer_forms("iStories")


def test_sources_passing_on_one_claimant_are_one_origin(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    report, second = root / "sources" / "field-report.md", root / "sources" / "second-account.md"
    report.write_text(report.read_text(encoding="utf-8").replace('    date: "1942-06"\n', '    date: "1942-07"\n    date_note: "Read as July, the month the order was signed."\n', 1), encoding="utf-8")
    # Two publishers that agree on the date: independent, until both pass on one claimant's word.
    assert next(e for e in curate(check_only(root)[0]).events if e.id == "order-issued").status.kind == "corroborated"
    report.write_text(report.read_text(encoding="utf-8").replace("    actors: [The command]\n", "    actors: [The command]\n    according_to: The Supreme Command (Stavka)\n", 1), encoding="utf-8")
    second.write_text(second.read_text(encoding="utf-8").replace('    quote: "issued on 28 July 1942"\n', '    quote: "issued on 28 July 1942"\n    according_to: Stavka\n', 1), encoding="utf-8")
    status = next(e for e in curate(check_only(root)[0]).events if e.id == "order-issued").status
    assert (status.kind, status.origins) == ("reported", ("The Supreme Command (Stavka)",))
    pages = render_pages(root)
    assert '<span class="claim claim-reported">Reported by The Supreme Command \\(Stavka\\) only</span> {#order-issued}' in pages["timeline/1942.md"]
    assert "; according to Stavka <span class=\"tl-quote\"" in pages["timeline/1942.md"]
    record = next(r for r in json.loads(pages["data/timeline.json"]) if r["id"] == "order-issued")
    assert [c["according_to"] for c in record["citations"]] == ["The Supreme Command (Stavka)", "Stavka"]


def test_single_source_titles_show_whose_claim_they_are(tmp_path: Path) -> None:
    pages = render_pages(_tree(tmp_path))
    assert '### Units formed &lt;script&gt;alert\\(1\\)&lt;/script&gt; <span class="claim claim-reported">Reported by Example Gazette only</span> {#units-formed}' in pages["timeline/1942.md"]
    index = pages["timeline.md"]
    assert "Reported by Example Gazette only</span>" in index


def test_correction_is_in_the_json_ld(tmp_path: Path) -> None:
    from builder.render import jsonld

    root = _tree(tmp_path, event_note=EVENT_NOTE)
    site = curate(check_only(root)[0])
    node = jsonld.event(next(e for e in site.events if e.id == "order-issued"))
    assert node["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "The order was signed on 28 July 1942.",
            "author": {"@type": "Organization", "name": "the site's editors"},
            "citation": [{"@type": "Legislation", "name": "Order No. 227", "legislationPassedBy": {"@type": "Organization", "name": "People's Commissar of Defence"}, "legislationIdentifier": "227", "legislationDate": "1942-07-28", "pagination": "1"}],
        }
    ]


def test_bundled_site_corrections_cite_references() -> None:
    """The bundled site's corrections are in, each with a reference, and the single-source Order No. 227 of June 1942 is gone."""
    from tests.conftest import ROOT

    site = curate(check_only(ROOT)[0])
    events = site.events_by_id
    assert (events["order-227-issued"].date.text, events["order-227-issued"].status.kind) == ("1942-07-28", "corrected")
    assert (events["smersh-created"].date.text, events["smersh-created"].era) == ("1943-04-19", "ww2")
    assert events["hur-intercept-shoot-retreating"].date.text == "2025-09-25"
    assert all(n.cites for e in site.events for n in e.notes)
