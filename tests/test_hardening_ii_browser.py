"""Hardening II in a real browser: the page's filter takes ids with any characters, and the
Content-Security-Policy runs compare's own script only (issue 25, finding 8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_report_browser import PageWatch, browser, pytestmark  # noqa: F401 - the fixture and skip marks

from conftest import SEEDS, run_cli

IDS = ["Agence France Presse", 'TASS "English"', "kyodo's desk"]


@pytest.fixture(scope="module")
def odd_id_report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("odd-ids")
    names = ["001_2b86f9abb84ce2ea.txt", "003_567c0f62ddf3bdd9.txt", "004_bfc62806fc5b3d83.txt"]
    records = [{"id": sid, "text": (SEEDS / name).read_text(encoding="utf-8"), "event": "lavrov"}
               for sid, name in zip(IDS, names, strict=True)]
    source = root / "set.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run_cli("run", str(source), "-o", str(root / "out"))
    assert result.returncode == 0, result.stderr
    return root / "out"


@pytest.mark.parametrize("source", IDS)
def test_the_filter_takes_an_id_with_spaces_or_quotes(browser, odd_id_report, source):  # noqa: F811
    summary = json.loads((odd_id_report / "summary.json").read_text(encoding="utf-8"))
    watch = PageWatch(browser, odd_id_report / summary["events"][0]["folder"] / "index.html")
    page = watch.page
    total = page.locator("table.statements tr.claim").count()
    page.select_option("select[name=source]", source)
    visible = page.locator("table.statements tr.claim:not([hidden])")
    assert 0 < visible.count() <= total
    for i in range(visible.count()):
        assert source in json.loads(visible.nth(i).get_attribute("data-sources"))
    assert watch.errors == []
    page.close()


def test_an_inline_script_that_is_not_comparess_own_does_not_run(browser, seed_report, tmp_path):  # noqa: F811
    summary = json.loads((seed_report / "summary.json").read_text(encoding="utf-8"))
    page_path = seed_report / summary["events"][0]["folder"] / "index.html"
    planted = tmp_path / "index.html"
    text = page_path.read_text(encoding="utf-8")
    planted.write_text(text.replace("</main>", "<script>document.title = 'pwned';</script></main>"), encoding="utf-8")
    watch = PageWatch(browser, planted)
    assert watch.page.title() != "pwned"
    # compare's own script, allowed by its hash, still runs: it fills the filter status.
    assert "statements shown" in watch.page.locator("#filter-status").inner_text()
    watch.page.close()
