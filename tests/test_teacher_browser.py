"""The teacher's path through a seed report in real Chromium, at a phone's 390 px and a desktop's 1280 px (issue 28).

The first screen of each event page names the reference, the top three differences (each a link that opens the
row it rests on) and every source's kind with its evidence, found and told; the 2019 page, folded, is at most 15
phone screens; the provenance figure has no edge through a box it does not join and no label on another; every
figure and table carries a visible title.  One seed report is shared by the session (``seed_report``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_report_browser import browser, pytestmark  # noqa: F401 - the fixture and skip marks

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCREENS = 15


def _events(report: Path) -> list[dict]:
    return json.loads((report / "summary.json").read_text(encoding="utf-8"))["events"]


def _open(browser, report: Path, folder: str, viewport: dict, name: str = "index.html"):  # noqa: F811
    page = browser.new_page(viewport=viewport)
    page.goto((report / folder / name).resolve().as_uri())
    page.wait_for_load_state("load")
    return page


def test_the_first_phone_screen_answers_the_teachers_three_questions(browser, seed_report):  # noqa: F811
    for event in _events(seed_report):
        page = _open(browser, seed_report, event["folder"], PHONE)
        glance = page.locator("section.glance")
        box = glance.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], (event["id"], box)
        reference = page.locator(".glance-reference .badge.reference").inner_text()
        table_reference = page.locator("section[aria-labelledby=sources] th .badge.reference").first.locator(
            "xpath=..").inner_text().split()[0]
        assert table_reference in reference, (reference, table_reference)
        links = page.locator("ol.differences li a")
        assert links.count() == 3, event["id"]
        for number in range(3):
            href = links.nth(number).get_attribute("href")
            assert href.startswith("#") and page.locator(f"[id='{href[1:]}']").count() == 1, href
            assert len(links.nth(number).inner_text()) > 20
        kinds = page.locator("ul.kinds li")
        assert sorted(kinds.nth(i).get_attribute("data-source") for i in range(kinds.count())) == sorted(event["sources"])
        for i in range(kinds.count()):
            text = kinds.nth(i).inner_text()
            assert "Found:" in text and "The manifest says" in text, text
        page.close()


def test_the_2019_first_screen_says_why_000_is_a_machine_translation(browser, seed_report):  # noqa: F811
    event = next(e for e in _events(seed_report) if e["id"].startswith("2019"))
    page = _open(browser, seed_report, event["folder"], PHONE)
    assert "Reference: 001" in page.locator(".glance-reference").inner_text()
    mt = page.locator("ul.kinds li[data-source='000']")
    words = mt.inner_text()
    assert "machine-translated from Russian" in words and "a human translator would have fixed them" in words
    assert mt.locator("q").count() >= 1 and "may 30" in words
    assert "The manifest says machine translation (agrees)" in words
    page.close()


def test_a_difference_link_opens_the_folded_row_it_rests_on(browser, seed_report):  # noqa: F811
    from playwright.sync_api import expect

    event = next(e for e in _events(seed_report) if e["id"].startswith("2019"))
    page = _open(browser, seed_report, event["folder"], PHONE)
    assert page.locator("details.fold[open]").count() == 0  # folded on a phone
    for number in range(3):
        link = page.locator("ol.differences li a").nth(number)
        target = page.locator(f"[id='{link.get_attribute('href')[1:]}']")
        link.click()
        expect(target).to_be_visible()
        expect(target).to_be_in_viewport()
    page.close()


def test_the_folded_2019_page_is_at_most_fifteen_phone_screens_and_open_on_a_desktop(browser, seed_report):  # noqa: F811
    event = next(e for e in _events(seed_report) if e["id"].startswith("2019"))
    page = _open(browser, seed_report, event["folder"], PHONE)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= SCREENS * PHONE["height"], height
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    summaries = page.locator("details.fold > summary")
    assert summaries.count() >= 4 and all(any(c.isdigit() for c in summaries.nth(i).inner_text())
                                          for i in range(summaries.count()))
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0  # printing opens everything
    page.close()
    desktop = _open(browser, seed_report, event["folder"], DESKTOP)
    assert desktop.locator("details.fold:not([open])").count() == 0
    teaching = desktop.locator("h2#teaching").bounding_box()["y"]
    assert teaching < desktop.locator("h2#sources").bounding_box()["y"]  # "For teaching" right after the summary
    desktop.close()


FIGURE = """svg => {
  const rects = Array.from(svg.querySelectorAll('g.node')).map(g => {
    const r = g.querySelector('rect'); const b = r.getBBox();
    return {node: g.dataset.node, x: b.x, y: b.y, w: b.width, h: b.height};
  });
  const lines = Array.from(svg.querySelectorAll('polyline.edge-line')).map(p => ({
    from: p.dataset.from, to: p.dataset.to,
    points: Array.from(p.points).map(pt => [pt.x, pt.y])}));
  const labels = Array.from(svg.querySelectorAll('text')).map(t => {
    const b = t.getBBox(); return {cls: t.getAttribute('class'), text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
  });
  return {rects, lines, labels};
}"""


def _inside(x: float, y: float, r: dict) -> bool:
    return r["x"] + 1 < x < r["x"] + r["w"] - 1 and r["y"] + 1 < y < r["y"] + r["h"] - 1


def _meet(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_no_provenance_edge_crosses_a_box_and_no_labels_overlap(browser, seed_report, viewport):  # noqa: F811
    for event in _events(seed_report):
        page = _open(browser, seed_report, event["folder"], viewport)
        page.locator("#fold-provenance").evaluate("d => { d.open = true; }")
        svg = page.locator("section[aria-labelledby=provenance] svg.graph")
        drawn = svg.evaluate(FIGURE)
        assert drawn["lines"] and drawn["rects"]
        for line in drawn["lines"]:
            for (x1, y1), (x2, y2) in zip(line["points"], line["points"][1:], strict=False):
                for step in range(101):
                    x, y = x1 + (x2 - x1) * step / 100, y1 + (y2 - y1) * step / 100
                    crossed = [r["node"] for r in drawn["rects"] if r["node"] not in (line["from"], line["to"])
                               and _inside(x, y, r)]
                    assert not crossed, (event["id"], line["from"], line["to"], crossed)
        edge_labels = [t for t in drawn["labels"] if t["cls"] == "edge"]
        texts = drawn["labels"]
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                same_box = a["cls"] != "edge" and b["cls"] != "edge"  # a box's two lines sit one above the other
                assert same_box or not _meet(a, b), (event["id"], a["text"], b["text"])
        for label in edge_labels:
            assert not any(_meet(label, r) for r in drawn["rects"]), (event["id"], label["text"])
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        if viewport is DESKTOP:
            # sized to its content: drawn at its own size, not blown up to the column's width
            assert box["width"] == pytest.approx(float(svg.get_attribute("width")), abs=1)
        page.close()


def test_every_figure_and_table_has_a_visible_title(browser, seed_report):  # noqa: F811
    pages = [("", "index.html")] + [(e["folder"], name) for e in _events(seed_report)
                                    for name in ("index.html", "handout.html")]
    for viewport in (PHONE, DESKTOP):
        for folder, name in pages:
            page = _open(browser, seed_report, folder, viewport, name)
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # every fold open, as in print
            tables, svgs = page.locator("table"), page.locator("main svg")
            assert tables.count() + svgs.count() > 0
            for i in range(tables.count()):
                caption = tables.nth(i).locator("caption")
                assert caption.count() == 1 and caption.is_visible() and caption.inner_text().strip(), (folder, name, i)
            for i in range(svgs.count()):
                title = svgs.nth(i).locator("xpath=ancestor::figure[1]/figcaption")
                assert title.count() == 1 and title.is_visible() and title.inner_text().strip(), (folder, name, i)
            page.close()


def test_the_handout_refers_only_to_what_it_holds(browser, seed_report):  # noqa: F811
    for event in _events(seed_report):
        page = _open(browser, seed_report, event["folder"], DESKTOP, "handout.html")
        words = page.locator("body").inner_text()
        headings = [h.strip() for h in page.locator("h1, h2").all_inner_texts()]
        for section in ("How the scores were computed", "Who took what from whom", "Side by side"):
            assert f"“{section}”" not in words or section in headings, (event["id"], section)
        page.close()


def test_the_index_says_what_stands_out_including_provenance_and_mt(browser, seed_report):  # noqa: F811
    page = _open(browser, seed_report, "", PHONE)
    cells = page.locator("td[data-label='What stands out']").all_inner_texts()
    assert any("000 reads as machine-translated from Russian" in c for c in cells), cells
    assert any("004 reads as a rewrite of reports outside the set" in c for c in cells), cells
    page.close()
