"""Loaders: one function per input format, each giving ``RawDocument`` values.

A loader turns a file into decoded text plus whatever metadata the format
itself carries (HTML title, date and site name via trafilatura; the fields of
a JSON Lines record).  Cleaning happens later, in one place, for all formats.
Loaders are looked up by file extension in ``LOADERS``; adding a format is
adding a function and one entry there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.ingest.decode import decode_bytes


@dataclass(slots=True)
class RawDocument:
    """A report before cleaning: decoded text and the metadata its file carried."""

    id: str
    path: str
    text: str
    format: str
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
    meta_source: dict[str, str] = field(default_factory=dict)
    line: int | None = None


def read_text(path: Path, max_bytes: int) -> tuple[str, str]:
    """Read and decode a file, refusing one over ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit",
            "split it, or raise the limit with --max-file-mb",
        )
    if size == 0:
        raise InputError("is empty", "remove it from the source set or add the report's text")
    text, encoding = decode_bytes(path.read_bytes())
    if not text.strip():
        raise InputError("contains only whitespace", "remove it or add the report's text")
    return text, encoding


def load_text(path: Path, doc_id: str, display: str, max_bytes: int) -> Iterator[RawDocument]:
    text, encoding = read_text(path, max_bytes)
    yield RawDocument(doc_id, display, text, "text", encoding)


def load_markdown(path: Path, doc_id: str, display: str, max_bytes: int) -> Iterator[RawDocument]:
    """Markdown to plain paragraphs: markup gone, headings and list items kept as lines."""
    from markdown_it import MarkdownIt

    text, encoding = read_text(path, max_bytes)
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[str] = []
    title = None
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        block = "".join(parts).strip()
        if not block:
            continue
        if title is None and i > 0 and tokens[i - 1].type == "heading_open" and tokens[i - 1].tag == "h1":
            title = block
        blocks.append(block)
    meta = {"title": title} if title else {}
    yield RawDocument(doc_id, display, "\n\n".join(blocks), "markdown", encoding, meta, {k: "markdown" for k in meta})


def load_html(path: Path, doc_id: str, display: str, max_bytes: int) -> Iterator[RawDocument]:
    """Main text and metadata of a web page, by trafilatura, one block element per paragraph.

    Two choices, both measured by bench/ingest_extraction.py on 60 public
    news pages (article-extraction-benchmark, trafilatura-eval-news):

    * ``favor_precision=True`` (comments left out): shingle F1 0.955 -> 0.959
      and snippet F1 0.926 -> 0.936, against 0.952 / 0.907 for
      ``trafilatura.extract`` with its defaults.  Boilerplate that stays in
      the body becomes false "unique sentences" in a comparison.
    * Each line trafilatura gives (a paragraph, heading or list item) is
      written as its own paragraph, separated by a blank line.  With single
      line breaks, re-flow took pages whose headings and list items end
      without a full stop for hard-wrapped text and joined all their lines
      into one paragraph (10 of the 60 pages), so a heading ran into the
      next sentence.

    The date comes from the page's markup only (htmldate without its
    extensive search): searching the text dated a page that mentions "the
    fourth such round since 2013" 2013-01-01.  No date is better than a
    wrong one; the manifest can give it.
    """
    import trafilatura

    text, encoding = read_text(path, max_bytes)
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (document.text if document is not None else None) or ""
    if not body.strip():
        raise InputError(
            "is an HTML page with no article text that could be extracted",
            "check that it is a saved article page, not a script-only shell or an index page",
        )
    body = "\n\n".join(line.strip() for line in body.split("\n") if line.strip())
    meta: dict[str, Any] = {}
    # Never trafilatura's ``filedate``: it is today's date and would make output differ from day to day.
    for key, attr in (("title", "title"), ("published", "date"), ("site_name", "sitename"), ("url", "url"), ("author", "author")):
        value = getattr(document, attr, None)
        if value:
            meta[key] = str(value)
    yield RawDocument(doc_id, display, body, "html", encoding, meta, {k: "html metadata" for k in meta})


JSONL_FIELDS = {"id", "text", "outlet", "series", "kind", "language", "lang", "published", "date", "url", "event", "title"}


def load_jsonl(path: Path, doc_id: str, display: str, max_bytes: int) -> Iterator[RawDocument | InputError]:
    """One report per line; passim's ``id``/``series``/``text`` layout loads too.

    Yields an ``InputError`` (with its line) for a bad line instead of
    stopping, so one broken record does not cost the rest of the file.
    """
    text, encoding = read_text(path, max_bytes)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"is not valid JSON ({exc.msg}, column {exc.colno})", "fix or remove that line", line=number)
            continue
        if not isinstance(record, dict):
            yield InputError("is not a JSON object", "each line must be an object with 'id' and 'text'", line=number)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield InputError("has no text", "give each record a non-empty 'text' string", line=number, field="text")
            continue
        rid = record.get("id")
        rid = str(rid) if rid not in (None, "") else f"{doc_id}-{number}"
        meta: dict[str, Any] = {}
        field_of: dict[str, str] = {}
        for key, target in (
            ("outlet", "outlet"), ("series", "outlet"), ("kind", "kind"), ("language", "language"),
            ("lang", "language"), ("published", "published"), ("date", "published"), ("url", "url"),
            ("event", "event"), ("title", "title"),
        ):
            value = record.get(key)
            if value not in (None, "") and target not in meta:
                meta[target] = str(value)
                field_of[target] = key
        bad = _invalid_field(meta, field_of)
        if bad is not None:
            yield InputError(bad[1], bad[2], line=number, field=bad[0])
            continue
        yield RawDocument(rid, display, body, "jsonl", encoding, meta, {k: "record" for k in meta}, line=number)


_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _invalid_field(meta: dict[str, Any], field_of: dict[str, str]) -> tuple[str, str, str] | None:
    """A record's kind, language and date checked as the manifest checks them: (field, message, hint) of the first bad one.

    A date may also be an ISO 8601 time stamp (``2019-05-30T10:00:00Z``), as
    exports write them; anything else would have been dropped silently.
    """
    from compare.ingest.manifest import LANGUAGE_CODE, valid_date
    from compare.model import KINDS

    kind = meta.get("kind")
    if kind is not None and kind not in KINDS:
        return field_of["kind"], f"unknown kind {kind!r}", f"use one of: {', '.join(KINDS)}"
    language = meta.get("language")
    if language is not None and not LANGUAGE_CODE.match(language):
        return field_of["language"], f"{language!r} is not a language code", "use a code such as en, ru, de or zh"
    published = meta.get("published")
    if published is not None:
        stamp = _ISO_DATETIME.match(published)
        if not valid_date(stamp.group(1) if stamp else published):
            return field_of["published"], f"{published!r} is not a date", "write dates as YYYY-MM-DD"
    return None


Loader = Callable[[Path, str, str, int], Iterator[Any]]

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".text": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
}
