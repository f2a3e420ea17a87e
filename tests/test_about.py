"""What 'Definitions and about the data' says: glossary, caveats, method, years held, contact."""

from __future__ import annotations

import pandas as pd

from countylines.figures import about

REQUIRED_TERMS = [
    "county line",
    "cuckooing",
    "deal line",
    "plugging",
    "taxing",
    "debt bondage",
    "child criminal exploitation",
    "exporter",
    "importer",
]


def test_the_glossary_explains_every_word_the_issue_names_with_a_source():
    glossary = about.glossary()
    for word in REQUIRED_TERMS:
        hits = glossary[glossary["term"].str.lower().str.startswith(word)]
        assert len(hits) == 1, word
        assert len(hits.iloc[0]["definition"]) > 40, word
        assert "NCA" in hits.iloc[0]["source_ref"] or "Government" in hits.iloc[0]["source_ref"], word


def test_glossary_search_finds_terms_and_definitions_ignoring_case():
    glossary = about.glossary()
    assert about.search_glossary(glossary, "CUCKOO")["term"].tolist()[0] == "cuckooing"
    # 'inside the body' is only in the definition of plugging.
    assert about.search_glossary(glossary, "inside the body")["term"].tolist() == ["plugging"]
    assert len(about.search_glossary(glossary, "  ")) == len(glossary)
    assert about.search_glossary(glossary, "zzzz").empty


def test_term_titles_start_with_a_capital():
    assert about.term_title("cuckooing") == "Cuckooing"
    assert about.term_title('"possible" answer') == '"Possible" answer'


def test_limitations_keep_the_reports_paragraph_references():
    caveats = about.limitations()
    assert set(caveats["year"]) == {2016, 2017}
    assert caveats["source_ref"].str.startswith("NCA").all()
    assert caveats["limitation"].str.contains("October 2016 to June 2017").any()


def test_the_method_says_how_percentages_and_bases_are_made():
    text = " ".join(about.method_lines())
    assert "rounded half up" in text
    assert "77% of forces (33)" in text
    assert "reporting cuckooing" in text  # the conditional base
    assert "never added" in text  # possible answers stay out of yes
    assert "left out of the base" in text  # forces with no return


def test_status_and_the_illustrative_set_are_stated_plainly():
    assert about.STATUS == "Management information, not official statistics"
    assert "not real force returns" in about.ILLUSTRATIVE_TEXT
    assert "NCA 2017" in about.ILLUSTRATIVE_TEXT
    assert [r.collected for r in about.REPORTS.values()] == ["January to June 2016", "October 2016 to June 2017"]
    # Held in data/reports.csv with its paragraph, not in code.
    assert about.REPORTS[2016].counts.startswith("It prints percentages of police areas and returns")


def test_the_contact_comes_from_configuration(monkeypatch):
    monkeypatch.setenv("COUNTYLINES_CONTACT", "Community safety team, csp@example.gov.uk")
    assert about.contact() == "Community safety team, csp@example.gov.uk"
    monkeypatch.delenv("COUNTYLINES_CONTACT")
    assert about.contact()  # a reminder to set one, never blank


SOURCES = pd.DataFrame(
    {
        "year": [2017, 2017, 2016],
        "kind": ["flows", "returns", "returns"],
        "illustrative": [False, False, True],
        "file_name": ["flows_2017.csv", "returns_2017.xlsx", "returns.csv"],
        "imported_at": pd.to_datetime(["2026-11-20 09:05", "2026-11-21 14:30", "2026-01-02 08:00"]),
        "imported_by": ["ana", "ana", "embedded default"],
    }
)


def returns_frame(returned: list[bool]) -> pd.DataFrame:
    names = ["Gwent", "Kent", "Lincolnshire"]
    return pd.DataFrame({"name": names, "returned": returned})


def test_the_years_table_counts_returns_and_names_missing_forces():
    table = about.years_table(
        SOURCES, {2016: returns_frame([False, True, False]), 2017: returns_frame([True, True, True])}
    )
    assert table["Year"].tolist() == ["2017", "2016"]
    assert table["Returns received"].tolist() == ["3 of 3", "1 of 3"]
    assert table["No return from"].tolist() == ["none", "Gwent, Lincolnshire"]
    # Each part of a year says what it stands on: 2016 has illustrative returns and no flows.
    assert table["Returns"].tolist() == [
        "Real: returns_2017.xlsx, imported 21 November 2026 14:30 by ana",
        "Illustrative (invented): returns.csv, imported 2 January 2026 08:00 by embedded default",
    ]
    assert table["Flows"].tolist() == [
        "Real: flows_2017.csv, imported 20 November 2026 09:05 by ana",
        "No flows file imported",
    ]


def test_last_update_is_the_latest_import():
    assert about.last_update(SOURCES) == "21 November 2026 at 14:30"
    assert about.last_update(SOURCES.iloc[0:0]) is None


def test_disagreements_are_worded_with_their_paragraph():
    reconciled = pd.DataFrame(
        {
            "source_ref": ["NCA 2017 para 2.3", "NCA 2017 para 6.1"],
            "statement": ["18% of force returns (8) mentioned complicit companies", "77% of forces (33)"],
            "data_count": pd.array([8, 33], dtype="Int64"),
            "data_base": pd.array([43, 43], dtype="Int64"),
            "data_percent": pd.array([19, 77], dtype="Int64"),
            "agrees": [False, True],
            "check": ["printed 18% but 8 of 43 is 19%", "agrees"],
        }
    )
    assert about.disagreement_lines(reconciled) == [
        "**NCA 2017 para 2.3**: “18% of force returns (8) mentioned complicit companies” — "
        "printed 18% but 8 of 43 is 19%."
    ]
    table = about.reconciliation_table(reconciled)
    assert table["From the returns held"].tolist() == ["19% (8 of 43)", "77% (33 of 43)"]
