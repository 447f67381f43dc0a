"""Reading a written report page as a reader sees it: its text without markup, or one side-by-side row's text.

Shared by the teacher's-read tests, which quote what a page says and must not match inside tags or scripts."""

from __future__ import annotations

import html
import re
from pathlib import Path


def page_text(path: Path) -> str:
    """The page's visible text, whitespace folded, entities decoded (scripts and styles left out)."""
    page = re.sub(r"<(script|style).*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def row_text(path: Path, row: str) -> str:
    """The text of one side-by-side row (``c10``) of an event page, from its table row."""
    page = path.read_text(encoding="utf-8")
    start = page.index(f'id="{path.parent.name}:{row}"')
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[start:page.index("</tr>", start)])))
