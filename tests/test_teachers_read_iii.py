"""What the third teacher's read of the seed pages still found misleading (issue 23), each fixed and read again.

Unit cases run on small hand-made texts; the page checks read one `compare run seeds` of the session (the
``seed_report`` fixture), as a user opens it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from compare.annotate.names import find_names
from compare.framing import find_terms
from compare.model import Source
from compare.report.tables import read_table

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"


def _text(path: Path) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _source(text: str, language: str = "en") -> Source:
    return Source(id="x", path="x.txt", text=text, language=language)


# ------------------------------------------------------------------------------------------ 'so-called' + a title


def test_so_called_before_a_document_title_is_not_a_distancing_label():
    """TASS: 'The so-called Declaration, the only document signed and ratified by both countries in 1956' is the
    neutral 'the one called the Declaration'; 'the so-called republic' keeps its distance."""
    def labels(text: str) -> list[str]:
        return [t.text for t in find_terms(_source(text)) if t.concept == "distancing-labels"]

    assert labels("The so-called Declaration, the only document signed by both countries in 1956.") == []
    assert labels("They cited the so-called Minsk Agreements again.") == []
    assert labels("Officials of the so-called republic met on Monday.") == ["so-called"]
    assert labels("Leaders of the so-called Donetsk People's Republic spoke.") == ["so-called"]


def test_the_seed_page_does_not_list_tass_so_called_among_distancing_labels(seed_report):
    page = _text(seed_report / KISHIDA / "index.html")
    assert "distancing labels" not in page
    framing = read_table(seed_report / KISHIDA / "framing.csv")
    assert "so-called" not in set(framing["text"])


# ------------------------------------------------------------------------------------------ names in compounds


def test_a_name_inside_a_hyphenated_compound_is_a_mention():
    found = [(m.text, m.canonical) for m in find_names("the US-built anti-missile system and Russia-Japan talks",
                                                       "en")]
    assert ("US", "United States") in found
    assert ("Russia", "Russia") in found and ("Japan", "Japan") in found
    assert find_names("a us-built shed", "en") == []  # lower case: not the name


def test_the_names_table_counts_us_built_as_a_us_spelling(seed_report):
    names = read_table(seed_report / KISHIDA / "names.csv")
    row = names[(names["entity"] == "united-states") & (names["source"] == "004")]
    assert set(row.iloc[0]["spellings"].split(";")) == {"U.S.", "US", "USA", "United States"}
    page = _text(seed_report / KISHIDA / "index.html")
    assert "United States (place) US U.S., US, USA, United States" in page
