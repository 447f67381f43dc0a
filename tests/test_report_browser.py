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
    graph = page.locator("section[aria-labelledby=provenance] svg.graph")
    box = graph.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    words = page.locator("section[aria-labelledby=provenance]").inner_text()
    assert "is a machine translation of" in words and "quotes 001" in words
    framing = page.locator("section[aria-labelledby=framing]").inner_text()
    assert "the northern territories" in framing and "Japanese government" in framing
    page.close()


def test_filters_hide_and_show_statements(browser, seed_report):
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    watch = PageWatch(browser, seed_report / event["folder"] / "index.html")
    page = watch.page
    rows = page.locator("tr.claim")
    total = rows.count()
    assert total > 5
    page.select_option("select[name=source]", "003")
    visible = page.locator("tr.claim:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "003" in visible.nth(i).get_attribute("data-sources").split()
    assert f"{shown} of {total}" in page.locator("#filter-status").inner_text()
    # Keyboard: reach the reset button with Tab and press it.
    page.focus("button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelectorAll('tr.claim:not([hidden])').length === {total}")
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


def test_screenshot_of_the_committed_seed_report(browser, tmp_path):
    """The README's picture of a report, taken from reports/ as committed.

    Set COMPARE_UPDATE_DOCS=1 to write it to docs/report-screenshot.png.
    """
    import os

    from conftest import REPO

    summary = json.loads((REPO / "reports" / "summary.json").read_text(encoding="utf-8"))
    event = next(e for e in summary["events"] if "001" in e["sources"])
    watch = PageWatch(browser, REPO / "reports" / event["folder"] / "index.html")
    target = tmp_path / "report-screenshot.png"
    watch.page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": 1280, "height": 1400}, full_page=True)
    assert watch.errors == []
    if os.environ.get("COMPARE_UPDATE_DOCS") == "1":
        shutil.copy(target, REPO / "docs" / "report-screenshot.png")
    assert (REPO / "docs" / "report-screenshot.png").is_file()
    watch.page.close()
