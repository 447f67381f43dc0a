"""Layout of a written report in headless Chromium: page widths at phone and desktop size, hand-out pages on A4.

Prints, for every HTML page of the report, the document's scroll width at a
390 px and a 1280 px viewport, its height at 390 px (and in 844 px phone screens), and for each hand-out
the number of A4 pages Chromium prints.  A page wider than its viewport
scrolls sideways on that screen.

Run: .venv/bin/python bench/report_layout.py reports/
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

PHONE_SCREEN = 844
"""A phone screen's height at 390 px wide (CSS pixels): page heights are also given in such screens."""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pdf_pages(data: bytes) -> int:
    """Pages in a PDF Chromium printed (its page objects are '/Type /Page')."""
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def measure(report: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=FLAGS, headless=True)
        for path in sorted(report.rglob("*.html")):
            row = {"page": str(path.relative_to(report))}
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": PHONE_SCREEN})
                page.goto(path.resolve().as_uri())
                row[f"width@{width}"] = page.evaluate("document.documentElement.scrollWidth")
                if width == 390:
                    row["height@390"] = page.evaluate("document.documentElement.scrollHeight")
                    if path.name.startswith("handout"):
                        row["a4_pages"] = pdf_pages(page.pdf(format="A4", print_background=False))
                page.close()
            rows.append(row)
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    args = parser.parse_args(argv)
    if not (args.report / "index.html").exists():
        print(f"{args.report}: no index.html; write a report first (compare run ... -o DIR)", file=sys.stderr)
        return 1
    out = io.StringIO()
    for row in measure(args.report):
        extra = f"  A4 pages {row['a4_pages']}" if "a4_pages" in row else ""
        out.write(f"{row['page']:55s} width@390 {row['width@390']:5d}  width@1280 {row['width@1280']:5d}"
                  f"  height@390 {row['height@390']:6d} ({row['height@390'] / PHONE_SCREEN:.1f} screens){extra}\n")
    print(out.getvalue(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
