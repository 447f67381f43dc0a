"""The manifest: a CSV saying what each report is.

A spreadsheet is what journalists and teachers already keep, so the manifest
is CSV (``manifest.csv`` in the source folder, or any CSV given as PATH).
Columns, in any order (docs/user-guide.md has the full schema):

    id         required  unique, used in file names and reports
    path       required  the report's file, relative to the manifest's folder
    outlet     optional  who published it
    kind       optional  original | official-transcript | translation |
                         machine-translation | rewrite
    language   optional  BCP-47 code (en, ru, de-CH); wins over detection
    published  optional  YYYY-MM-DD (or YYYY-MM, YYYY)
    url        optional
    event      optional  a label that pins the report to an event
    title      optional

Each bad row becomes a ``Problem`` naming the line and field; the good rows
are still used.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from compare.errors import InputError, ManifestError
from compare.ingest.decode import decode_bytes
from compare.model import KINDS, Problem

MANIFEST_NAMES = ("manifest.csv",)
REQUIRED = ("id", "path")
KNOWN = ("id", "path", "outlet", "kind", "language", "published", "url", "event", "title")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANGUAGE_CODE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


@dataclass(slots=True)
class ManifestEntry:
    id: str
    path: Path
    line: int
    fields: dict[str, str] = field(default_factory=dict)


def valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        import datetime

        try:
            datetime.date(*parts)
        except ValueError:
            return False
    return True


def read_manifest(path: Path, follow_links: bool = False) -> tuple[list[ManifestEntry], list[Problem]]:
    """Parse and validate a manifest; rows with errors are reported and left out.

    A path must stay inside the manifest's folder: written with ``..`` or as
    an absolute path it is refused always, and one that reaches outside
    through a symbolic link is refused unless ``follow_links``.
    """
    display = str(path)
    try:
        text, _ = decode_bytes(path.read_bytes())
    except OSError as exc:
        raise ManifestError(f"{display}: cannot read the manifest ({exc.strerror})", "check the path and its permissions") from None
    except InputError as exc:
        raise ManifestError(f"{display}: {exc.message}", exc.hint) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ManifestError(f"{display}: not valid CSV ({exc})", "save the manifest as CSV with a header row") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ManifestError(f"{display}: the manifest is empty", "add a header row: id,path,outlet,kind,language,published,url,event")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ManifestError(
            f"{display}, line 1: the header has no {' or '.join(repr(m) for m in missing)} column",
            "the header must name at least the columns id and path",
        )
    problems: list[Problem] = []
    unknown = [h for h in header if h and h not in KNOWN]
    if unknown:
        problems.append(Problem(display, f"unknown column(s) {', '.join(unknown)} ignored", f"known columns: {', '.join(KNOWN)}", line=1, severity="warning"))

    base = path.parent.resolve()
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(display, f"has {len(row)} cells but the header has {len(header)}", "check for an unquoted comma", line=number))
            continue
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header) if name}

        def bad(field_name: str, message: str, hint: str, number: int = number) -> None:
            problems.append(Problem(display, message, hint, line=number, field=field_name))

        if not values.get("id"):
            bad("id", "the id is empty", "give every row a unique id")
            continue
        entry_id = values["id"]
        if entry_id in seen:
            bad("id", f"duplicate id {entry_id!r} (first on line {seen[entry_id]})", "ids must be unique; rename one")
            continue
        if not values.get("path"):
            bad("path", "the path is empty", "give the report's file, relative to the manifest")
            continue
        written = Path(os.path.normpath(base / values["path"]))
        target = written.resolve()
        if not written.is_relative_to(base):
            bad("path", f"{values['path']!r} points outside the manifest's folder", "keep reports inside the folder that holds the manifest")
            continue
        if not follow_links and not target.is_relative_to(base):
            bad("path", f"{values['path']!r} is a link to a file outside the manifest's folder",
                "copy the file into the folder, or pass --follow-links if you mean the set to read files its links point to")
            continue
        if not target.is_file():
            bad("path", f"{values['path']!r} does not exist", "fix the path or remove the row")
            continue
        kind = values.get("kind", "")
        if kind and kind not in KINDS:
            bad("kind", f"unknown kind {kind!r}", f"use one of: {', '.join(KINDS)}")
            continue
        published = values.get("published", "")
        if published and not valid_date(published):
            bad("published", f"{published!r} is not a date", "write dates as YYYY-MM-DD")
            continue
        language = values.get("language", "")
        if language and not LANGUAGE_CODE.match(language):
            bad("language", f"{language!r} is not a language code", "use a code such as en, ru, de or zh")
            continue
        seen[entry_id] = number
        kept = {k: v for k, v in values.items() if k in KNOWN and k not in ("id", "path") and v}
        entries.append(ManifestEntry(entry_id, target, number, kept))
    return entries, problems
