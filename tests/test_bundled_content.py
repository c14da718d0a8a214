"""The bundled site says only what its sources and references support: producers are names, corrections correct what the references say."""

from __future__ import annotations

from builder.curate import curate
from builder.pipeline import check_only
from tests.conftest import ROOT

# Words that explain where a number comes from rather than name who produced it:
# they belong in `method:`, or the claim status would read "Reported by Unattributed".
_NOT_A_NAME = ("unattributed", "not explicitly attributed", "not attributed", "as reported by", "as a projection", "russian law", "a russian military court")


def _site():
    return curate(check_only(ROOT)[0])


def test_bundled_figures_name_their_producer_or_none() -> None:
    site = _site()
    explained = {f.id: f.producer for f in site.figures_by_id.values() if f.producer and f.producer.casefold().startswith(_NOT_A_NAME)}
    assert explained == {}
    # A figure whose producer is unknown says why in its method.
    for figure_id in ("caught-deserters-formally-arrested-2025", "southern-district-name-match", "public-executions-share-1941", "desertion-surrender-sentences-2022"):
        figure = site.figures_by_id[figure_id]
        assert figure.producer is None and figure.method, figure_id


def test_bundled_corrections_correct_only_what_their_references_say() -> None:
    site = _site()
    figures = site.figures_by_id
    # Order No. 227 had each front form one to three penal battalions: it gives no total to put in place of the source's three.
    battalions = figures["directive-227-penal-battalions"]
    assert battalions.corrected and (battalions.value, battalions.low, battalions.high) == (3, None, None)
    assert battalions.as_of is not None and battalions.as_of.text == "1942-07-28"
    # The report's counts are exact, and its share of public executions covers the same period as its other counts.
    detained = figures["blocking-detachments-arrests-1941"]
    assert (detained.value, detained.qualifier, detained.claimed.qualifier) == (657364, "exact", "stated")
    share = figures["public-executions-share-1941"]
    assert share.corrected and share.as_of is not None and share.as_of.text == "1941-06-22/1941-10-10"
    assert "'Some 25,878'" in figures["blocking-detachments-charged-1941"].method and "hedge" not in figures["blocking-detachments-charged-1941"].method
    # The figure for desertion and surrender carries the editors' note on what the amendments changed, without correcting it.
    sentences = figures["desertion-surrender-sentences-2022"]
    assert not sentences.corrected and any("voluntary surrender" in n.text for n in sentences.notes)


def test_bundled_events_are_cited_only_by_sources_that_report_them() -> None:
    site = _site()
    # Kontur only says a tactic echoes 'Not one step back'; it does not report the order's signing.
    order = site.events_by_id["order-227-issued"]
    assert {c.source.id for c in order.citations} == {"russia-barrier-troops-nkvd-precedent"}
    smersh = site.events_by_id["smersh-created"]
    assert "not the NKVD" in smersh.notes[0].text and "and not within the NKVD" not in smersh.notes[0].text


def test_bundled_glossary_keeps_claims_to_their_sources() -> None:
    site = _site()
    terms = {t: e.term for t, e in site.terms_by_id.items()}
    # The KGB was set up after the war: it belongs to no era of the timeline.
    assert terms["kgb"].eras == []
    assert "announced in September 2022" in terms["partial-mobilisation"].definition
    assert "experts quoted" not in terms["meat-grinder-assaults"].definition and "Alexander Kim" in terms["meat-grinder-assaults"].definition
    assert "The sources say" not in terms["wagner-group"].definition and "attempting to recruit" in terms["wagner-group"].definition
    assert "Since 2022" not in terms["barrier-troops"].definition
    assert any(c.ref == "uk-mod-update-2022-11-04" for n in terms["barrier-troops"].editor_notes for c in n.cites)
    assert terms["nkvd"].editor_notes and "fallen behind their units or fled the front" in terms["desertion"].definition
    # The one reference on the iStories investigation headlines desertion cases, not people in lists.
    notes = [n.text for t in terms.values() for n in t.editor_notes] + [n.text for e in site.events for n in e.notes] + [n.text for f in site.figures_by_id.values() for n in f.notes]
    assert not [n for n in notes if "people in" in n and "50,000" in n]
