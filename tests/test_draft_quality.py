"""Drafts a reviewer keeps: event dates read against the narrative, figures named from what they count, domain terms."""

from __future__ import annotations

from builder.suggest.draft import Known, draft

HISTORY = """In June 1942 the German summer offensive broke through the southern front.

On 28 July, Stalin signed Order No. 227. Penal units existed for three years from 1942.

The museum said yesterday that it now shows the order. Visitors come at a rate of 400 a day.
"""


def events(body: str, published: str | None) -> list[dict]:
    return [e.fields for e in draft("history", body, published, {}, Known()).events]


def test_a_year_less_date_in_a_history_takes_the_narratives_year_and_says_so() -> None:
    drafted = events(HISTORY, "2025-07-30")
    by_quote = {e["quote"]: e for e in drafted}
    july = next(e for q, e in by_quote.items() if q.startswith("On 28 July"))
    assert july["date"] == "1942-07-28"
    assert "anchor: narrative" in july["date_note"]
    spans = next(e for q, e in by_quote.items() if q.startswith("Penal units"))
    assert spans["date"] == "1942/1945"
    museum = next(e for q, e in by_quote.items() if q.startswith("The museum"))
    assert museum["date"] == "2025-07-29" and "anchor: publication" in museum["date_note"]
    # "now" and "400 a day" date nothing: no event from the last sentence
    assert not any(q.startswith("Visitors") for q in by_quote)


def figures(body: str, published: str | None = "2024-05-14") -> list[dict]:
    return [f.fields for f in draft("article", body, published, {}, Known()).figures]


def test_figures_are_named_from_what_they_count() -> None:
    body = (
        "Mediazona reported that Russia was convicting nearly 100 soldiers per week for refusing to fight.\n"
        "Between early June and early July, Russia nabbed more than 1,000 deserters, according to Verstka.\n"
        "Some 13,000 U.S. troops remain in Afghanistan, nearly two decades after the attacks of 11 September 2001.\n"
        "Over 160 square kilometres (60 square miles) of land had been recaptured.\n"
    )
    drafted = figures(body, "2025-08-11")
    assert [(f.get("value"), f["measure"]) for f in drafted] == [
        (100, "soldiers-convicted-per-week"),
        (1000, "deserters-nabbed"),
        (13000, "troops"),
        (160, "land-recaptured"),
    ]
    # the as-of date comes only from the figure's own clause: 2001 is background
    assert "as_of" not in drafted[2]
    assert drafted[1]["as_of"] == "2025-06/2025-07"


def test_no_figure_from_names_addresses_ages_or_time() -> None:
    body = (
        "The detainees were held in area 55 near the border.\n"
        "Men aged 18 to 30 and 18-year-olds were called up; a conscript, 19 years old, fled.\n"
        "Deliveries are expected in the first half of next year.\n"
        "Penal units existed for three years from 1942, and over the past two years 300 fled.\n"
    )
    assert [(f.get("value"), f["measure"]) for f in figures(body)] == [(300, "count")]


def terms(body: str) -> list[str]:
    return [t.fields["term"] for t in draft("article", body, "2024-05-14", {}, Known()).terms]


def test_candidate_terms_are_domain_terms_not_scare_quotes() -> None:
    body = (
        "The claim that the order was a \"patently false\" invention is \"certainly absurd\", the ministry said.\n"
        "\"It's barbaric,\" a lawyer said; critics called the ruling 'illegal' and the charge \"even for money\" a lie.\n"
        "Under Stavka Directive No. 227, the so-called blocking units stood behind the line.\n"
        "Deserters are sent to Storm-Z units, which soldiers call \"meat grinder assaults\".\n"
        "Ukraine's military intelligence (HUR) named the 20th Motorized Rifle Division and the Wagner Group.\n"
        "Veterans still use the word \"shtrafbat\" (penal battalion) and \"zagradotryady\".\n"
    )
    assert terms(body) == [
        "Stavka Directive No. 227",
        "blocking units",
        "Storm-Z",
        "meat grinder assaults",
        "HUR",
        "20th Motorized Rifle Division",
        "Wagner Group",
        "shtrafbat",
        "zagradotryady",
    ]


def test_each_candidate_term_says_how_the_text_marks_it() -> None:
    entries = draft("article", "Under Article 337, deserters face \"zagradotryady\".", "2024-05-14", {}, Known()).terms
    assert [(e.fields["term"], e.comments) for e in entries] == [
        ("Article 337", ["candidate new term (a law or order the text names): define it in sources/glossary.yml to accept"]),
        ("zagradotryady", ["candidate new term (a transliterated word): define it in sources/glossary.yml to accept"]),
    ]


def test_a_length_of_time_is_named_by_what_it_is_a_length_of() -> None:
    body = "The men were promised rotation after six months. He was sentenced to five years in a penal colony.\n"
    assert [(f.get("value"), f["measure"]) for f in figures(body)] == [(6, "service-months"), (5, "sentence-years")]


def test_an_event_is_dated_by_its_sentences_first_date_and_a_dateline_agency_is_no_term() -> None:
    body = "MOSCOW (AP) — About 40 women gathered outside the ministry on Saturday to demand that their husbands, mobilised in September 2022, come home.\n"
    result = draft("article", body, None, {}, Known())
    assert [(e.fields["date"], e.fields["date_note"]) for e in result.events] == [
        (None, "The text says 'Saturday', which could not be resolved: the publication date is not known.")
    ]
    assert [t.fields["term"] for t in result.terms] == []
