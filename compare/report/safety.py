"""Keeping untrusted source text from acting on the reader or the file system.

Source text and ids come from scrapers and hostile websites.  HTML escaping
is Jinja2's autoescape; here are the two other places text can bite: a
spreadsheet cell that starts like a formula, and a file name made from an id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


_SPLIT_THEN_FORMULA = re.compile(r"([;\t\r\n]\"*)([=+\-@])")


def safe_cell(text: str) -> str:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote (OWASP advice).

    A spreadsheet that splits records on semicolons or tabs (semicolon locales, a tab-separated import) starts a
    new cell after each one, quotes or not, and one that misreads the quoting starts a new row at a line break, so
    a formula start right after any of them is defused the same way.
    """
    text = _SPLIT_THEN_FORMULA.sub(r"\1'\2", text)
    if text and text[0] in _FORMULA_START:
        return "'" + text
    return text


def safe_name(identifier: str, max_length: int = 64) -> str:
    """A file-name-safe form of an id: no separators, no dots at the ends, no reserved names.

    Ids that had to change get a short hash of the original so two different
    ids never collide on disk.
    """
    ascii_form = unicodedata.normalize("NFKD", identifier).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_form).strip(".-_")[:max_length] or "item"
    if name.split(".")[0].lower() in _WINDOWS_RESERVED:
        name = f"_{name}"
    if name != identifier:
        name = f"{name}-{hashlib.sha1(identifier.encode('utf-8')).hexdigest()[:8]}"
    return name
