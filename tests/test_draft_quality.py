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
