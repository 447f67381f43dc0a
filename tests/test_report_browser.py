"""The report in a real headless Chromium: loads clean, makes no request, filters work, runs no hostile text.

Debian's chromium, driven by Playwright for Python, started with the flags
users of this workplace use (--headless --no-sandbox --disable-gpu
--disable-background-networking).
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from conftest import run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()


class PageWatch:
    """Opens a report page and records console errors, requests and dialogs."""

    def __init__(self, browser, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]


def _pages(report: Path) -> list[Path]:
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    return [report / "index.html"] + [report / e["folder"] / "index.html" for e in summary["events"]]


def test_every_page_loads_without_errors_or_requests(browser, seed_report, tmp_path):
    for number, page_path in enumerate(_pages(seed_report)):
        watch = PageWatch(browser, page_path)
        assert watch.errors == [], (page_path, watch.errors)
        assert watch.outside_requests() == [], (page_path, watch.outside_requests())
        assert watch.page.locator("h1").count() == 1
        shot = tmp_path / f"page-{number}.png"
        watch.page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        watch.page.close()


def test_event_page_shows_reference_quotes_names_and_artifacts(browser, seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    watch = PageWatch(browser, seed_report / event["folder"] / "index.html")
    page = watch.page
    header = page.locator("header").inner_text()
    assert "Reference" in header and "001" in header
    assert "Lavrov" in page.locator("#quotes").locator("xpath=..").inner_text()
    names = page.locator("section[aria-labelledby=names]").inner_text()
    assert "Ivaya" in names and "Iwaya" in names
    artifacts = page.locator("section[aria-labelledby=artifacts]").inner_text()
    assert "Ivaya" in artifacts
    watch.page.close()


def test_provenance_graph_and_framing_read_at_phone_width(browser, seed_report):
    """The graph fits a 390 px screen and says each edge in words; the framing list shows whose usage."""
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((seed_report / event["folder"] / "index.html").resolve().as_uri())
    page.locator("#fold-provenance > summary").click()  # folded on a phone: the reader opens it
    graph = page.locator("section[aria-labelledby=provenance] svg.graph")
    box = graph.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    words = page.locator("section[aria-labelledby=provenance]").inner_text()
    assert "is a machine translation of" in words and "renders the speaker's words, as does 001" in words
    framing = page.locator("section[aria-labelledby=framing]").inner_text()
    assert "the northern territories" in framing and "Japanese government" in framing
    page.close()


def test_filters_hide_and_show_statements(browser, seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    watch = PageWatch(browser, seed_report / event["folder"] / "index.html")
    page = watch.page
    rows = page.locator("table.statements tr.claim")
    total = rows.count()
    assert total > 5
    page.select_option("select[name=source]", "003")
    visible = page.locator("table.statements tr.claim:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "003" in json.loads(visible.nth(i).get_attribute("data-sources"))
    assert f"{shown} of {total}" in page.locator("#filter-status").inner_text()
    # The filters read the statements; page structure and background rows are counted apart.
    summary_rows = sum(1 for row in csv.DictReader((seed_report / event["folder"] / "claims.csv").open(encoding="utf-8")))
    assert total < summary_rows
    # Keyboard: reach the reset button with Tab and press it.
    page.focus("button[type=reset]")
    page.keyboard.press("Enter")
    # expect() polls through the locator engine; wait_for_function(str) evals in the page,
    # which the report's CSP (script-src by hash, no 'unsafe-eval') rightly refuses.
    playwright_api = pytest.importorskip("playwright.sync_api")
    playwright_api.expect(page.locator("table.statements tr.claim:not([hidden])")).to_have_count(total)
    watch.page.close()


HOSTILE = [
    "<script>alert('script ran')</script>",
    '<img src=x onerror="alert(\'onerror ran\')">',
    "<a href=\"javascript:alert('link ran')\">click</a>",
    "</textarea><script>alert('textarea escape')</script>",
    "\"><svg onload=alert('svg ran')>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    sources = folder / "set"
    sources.mkdir()
    body = (
        "Lavrov met Kono in Tokyo on May 30, 2019 to discuss security. {payload} "
        "“The talks were frank,” Lavrov said. The ministers agreed to meet again in Moscow."
    )
    rows = ["id,path,outlet,kind,language,published,url"]
    for number, payload in enumerate(HOSTILE):
        (sources / f"r{number}.txt").write_text(body.format(payload=payload), encoding="utf-8")
        rows.append(f'r{number},r{number}.txt,"<b>Outlet {number}</b>",original,en,2019-05-30,"javascript:alert({number})"')
    (sources / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = folder / "out"
    result = run_cli("run", str(sources), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_hostile_text_is_shown_as_text_and_runs_nothing(browser, hostile_report):
    for page_path in _pages(hostile_report):
        watch = PageWatch(browser, page_path)
        page = watch.page
        page.wait_for_timeout(300)
        assert watch.dialogs == [], (page_path, watch.dialogs)
        assert watch.outside_requests() == [], watch.outside_requests()
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.locator("img[src=x], svg[onload]").count() == 0
        # Only our own inline script is on the page.
        assert page.locator("script").count() <= 1
        if "index.html" in page_path.name and page_path.parent != hostile_report:
            text = page.locator("main").inner_text()
            assert "<script>alert('script ran')</script>" in text
        watch.page.close()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_hostile_text_is_defused_in_csv(hostile_report):
    """No cell a spreadsheet would run as a formula: text starting with = + - @ is quoted."""
    summary = json.loads((hostile_report / "summary.json").read_text(encoding="utf-8"))
    seen_payload = False
    for event in summary["events"]:
        for csv_path in (hostile_report / event["folder"]).glob("*.csv"):
            with open(csv_path, encoding="utf-8", newline="") as handle:
                for row in csv.reader(handle):
                    for cell in row:
                        seen_payload |= "HYPERLINK" in cell
                        if cell[:1] in ("=", "+", "-", "@") and not _is_number(cell):
                            pytest.fail(f"{csv_path.name}: formula-like cell {cell[:40]!r}")
    assert seen_payload


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 1400, "report-screenshot.png"),
                                                    (390, 1600, "report-phone.png")])
def test_screenshot_of_the_committed_seed_report(browser, tmp_path, width, height, name):
    """The docs' pictures of a report, on a desktop and on a phone, taken from reports/ as committed.

    Set COMPARE_UPDATE_DOCS=1 to write them to docs/.
    """
    import os

    from conftest import REPO

    summary = json.loads((REPO / "reports" / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((REPO / "reports" / event["folder"] / "index.html").resolve().as_uri())
    target = tmp_path / name
    page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": width, "height": height}, full_page=True)
    assert errors == []
    if os.environ.get("COMPARE_UPDATE_DOCS") == "1":
        shutil.copy(target, REPO / "docs" / name)
    assert (REPO / "docs" / name).is_file()
    page.close()


PHONE = 390


def test_no_page_is_wider_than_a_phone_and_handouts_print_on_two_a4_pages(browser, seed_report):
    """At 390 px nothing scrolls sideways (tables become cards or scroll in their own box); a hand-out
    prints on at most two A4 pages, as the teaching guide promises."""
    for page_path in _pages(seed_report):
        page = browser.new_page(viewport={"width": PHONE, "height": 800})
        page.goto(page_path.resolve().as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE, (page_path, width)
        if page_path.name == "handout.html":
            # A pupil reading the hand-out on a phone never scrolls a table sideways either.
            boxed = page.evaluate("[...document.querySelectorAll('table')].filter(t => t.scrollWidth > t.clientWidth + 1)"
                                  ".map(t => t.closest('section').id || t.closest('section').getAttribute('aria-labelledby'))")
            assert boxed == [], (page_path, boxed)
            pdf = page.pdf(format="A4")
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            assert 1 <= pages <= 2, (page_path, pages)
        page.close()


def test_side_by_side_reads_as_cards_on_a_phone(browser, seed_report):
    event = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))["events"][-1]
    page = browser.new_page(viewport={"width": PHONE, "height": 800})
    page.goto((seed_report / event["folder"] / "index.html").resolve().as_uri())
    page.locator("#fold-side-by-side > summary").click()  # folded on a phone: the reader opens it
    row = page.locator("table.side-by-side tr.claim").first
    cells = row.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    # Stacked: each source's rendering takes the card's width, one under the other, named by its source.
    assert second["y"] >= first["y"] + first["height"] - 1 and first["width"] > PHONE * 0.7
    # The reference comes first and says so, as its column header does on a desktop.
    label = page.evaluate("el => getComputedStyle(el, '::before').content", cells.nth(0).element_handle())
    reference = page.locator("th .badge.reference").first.locator("xpath=..").inner_text().split()[0]
    assert reference in label and "(reference)" in label
    page.close()


def test_heatmap_labels_never_overlap_even_with_long_ids(browser):
    from compare.report.svg import matrix_svg

    labels = ["tass-2019-05-30-en", "mid-transcript-2019-05-30", "avionews-it-en-2019", "kyodo"]
    values = [[None if i == j else 40.0 + i + j for j in range(4)] for i in range(4)]
    page = browser.new_page(viewport={"width": PHONE, "height": 800})
    page.set_content(f"<!DOCTYPE html><html><body>{matrix_svg(labels, values, 'chrF')}</body></html>")
    boxes = page.evaluate(
        "[...document.querySelectorAll('text.axis')].map(t => { const r = t.getBoundingClientRect(); "
        "return [r.left, r.top, r.right, r.bottom]; })")
    svg = page.locator("svg").bounding_box()
    assert len(boxes) == 8
    for k, a in enumerate(boxes):
        assert a[0] >= svg["x"] - 0.5 and a[1] >= svg["y"] - 0.5, ("label cut off", labels[k % 4])
        for b in boxes[k + 1:]:
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
            assert not overlap, (a, b)
    page.close()


@pytest.fixture(scope="module")
def chinese_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zh") / "out"
    result = run_cli("run", str(Path(__file__).parent / "fixtures" / "zh_en"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_chinese_source_text_is_marked_and_drawn_as_glyphs(browser, chinese_report):
    event = json.loads((chinese_report / "summary.json").read_text(encoding="utf-8"))["events"][0]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((chinese_report / event["folder"] / "index.html").resolve().as_uri())
    title = page.locator("h1")
    if any("\u4e00" <= ch <= "\u9fff" for ch in title.inner_text()):
        assert title.get_attribute("lang") == "zh"
    marked = page.locator("td[lang=zh]")
    assert marked.count() >= 3, "Chinese source text should carry lang=zh"
    assert "王毅" in marked.first.inner_text() or "会谈" in page.locator("[lang=zh]").all_inner_texts()[0]
    # A missing font draws every CJK character as the same empty box: compare with a character no font has.
    probe = ("<!DOCTYPE html><html><body style='font: 40px system-ui, sans-serif'>"
             "<span id=a lang=zh>会谈</span><br><span id=b lang=zh>\U000F0001\U000F0001</span></body></html>")
    page.set_content(probe)
    real = page.locator("#a").screenshot()
    tofu = page.locator("#b").screenshot()
    assert real != tofu, "CJK text renders as empty boxes: install fonts-noto-cjk (scripts/setup.sh does)"
    page.close()


def test_wording_scores_are_not_shown_across_languages(chinese_report):
    event = json.loads((chinese_report / "summary.json").read_text(encoding="utf-8"))["events"][0]
    text = (chinese_report / event["folder"] / "index.html").read_text(encoding="utf-8")
    assert "not compared across languages" in text
    assert "across languages; wording is not compared across languages" in text
    index = (chinese_report / "index.html").read_text(encoding="utf-8")
    assert "chrF 0" not in index and "Lowest chrF" not in index
