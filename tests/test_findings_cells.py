"""The side-by-side's empty cells say no more than their row: "not reported" only for an established absence.

On the seeds nothing is established absent (every statement has a candidate
above the absence floor), so no cell may say "not reported"; a row with no
close match quotes its nearest candidate in that candidate's column.
"""

from __future__ import annotations

import html
import re

from compare.findings.cells import ABSENT, UNMATCHED, cell_words, empty_cell, verified_cell, verify
from compare.model import Nearest
from compare.report.tables import read_table

EVENT = "2019-05-30-japan-lavrov"


def _rows(page: str) -> list[tuple[str, str, str, list[str]]]:
    """(kind, claim id, row html, empty cells' text) per statement row."""
    out = []
    for m in re.finditer(r'<tr class="claim" id="([^"]+)"[^>]*data-kind="([^"]+)">(.*?)</tr>', page, re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r'<td class="empty"[^>]*>(.*?)</td>',
                                                                               m.group(3), re.S)]
        out.append((m.group(2), m.group(1), m.group(3), cells))
    return out


def test_no_cell_says_not_reported_unless_its_row_is_only_in_one_source(seed_report):
    for event in (EVENT, "2017-03-20-japan-kishida"):
        rows = _rows((seed_report / event / "index.html").read_text(encoding="utf-8"))
        assert rows
        for kind, _, _, cells in rows:
            for cell in cells:
                if kind == "only-one-source":
                    assert cell.startswith("not reported")
                else:
                    assert cell.startswith("no match found"), (kind, cell)


def test_the_nearest_candidate_is_quoted_in_its_sources_column(seed_report):
    page = (seed_report / EVENT / "index.html").read_text(encoding="utf-8")
    sentences = read_table(seed_report / EVENT / "sentences.csv").to_dict("records")
    texts = {(r["source"], r["index"]): r["text"] for r in sentences}
    open_rows = [r for r in _rows(page) if r[0] == "no-close-match"]
    assert open_rows
    for _, claim, row, cells in open_rows:
        header = html.unescape(re.sub(r"<[^>]+>", "", row.split("</th>")[0]))
        assert ", sentence " not in header  # never a sentence number the page does not show
        member = next(r for r in sentences if r["claim"] == claim)
        quoted = [c for c in cells if "nearest candidate" in c]
        if not isinstance(member["nearest_source"], str):  # no candidate at all (a background passage's sentence)
            assert quoted == []
            continue
        assert len(quoted) == 1
        assert quoted[0].endswith(texts[(member["nearest_source"], int(member["nearest_sentence"]))])


def test_every_tag_shown_is_explained_beside_the_table(seed_report):
    page = (seed_report / EVENT / "index.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'<span class="badge label" title="[^"]+">(\w+)</span>', page))
    legend = re.search(r"<p>Tags on a row.*?</p>", page, re.S).group(0)
    assert shown and all(f'<span class="badge label">{tag}</span>' in legend for tag in shown)


def test_the_verifier_refuses_an_absence_the_table_does_not_establish(seed_report):
    sentences = read_table(seed_report / EVENT / "sentences.csv").to_dict("records")
    row = next(r for r in sentences if r["text"].startswith("Obviously, like in any conflict"))
    members = [(row["source"], int(row["index"]))]
    claimed = verify(empty_cell(row["claim"], "only-one-source", "000", members), sentences)
    assert claimed.kind == ABSENT and not claimed.verified and "not established" in claimed.reason
    said = verified_cell(row["claim"], "only-one-source", "000", members, sentences)
    assert said.kind == UNMATCHED and cell_words(said)["status"] == "no match found"


def test_the_verifier_refuses_a_candidate_that_is_not_the_nearest(seed_report):
    sentences = read_table(seed_report / EVENT / "sentences.csv").to_dict("records")
    row = next(r for r in sentences if r["text"].startswith("Obviously, like in any conflict"))
    wrong = Nearest(row["nearest_source"], int(row["nearest_sentence"]) + 1, 0.9, "semantic")
    text = next(r["text"] for r in sentences if r["source"] == wrong.source and r["index"] == wrong.sentence)
    finding = verify(empty_cell(row["claim"], "no-close-match", wrong.source, [(row["source"], int(row["index"]))],
                                wrong, text), sentences)
    assert not finding.verified and cell_words(finding)["quote"] == ""
