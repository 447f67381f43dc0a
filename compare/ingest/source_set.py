"""Find the reports of a source set, load them, and clean them.

A source set is a folder (searched recursively; with a ``manifest.csv`` the
manifest decides which files belong), a manifest file, a JSON Lines file, or
a single report.  Trouble with one file is recorded as a ``Problem`` and the
rest of the set goes on; only a path that does not exist, or a set with
nothing usable in it, stops the run.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from compare.errors import InputError, UsageError
from compare.ingest.clean import CleanSettings, clean_document
from compare.ingest.loaders import LOADERS, RawDocument
from compare.ingest.manifest import MANIFEST_NAMES, ManifestEntry, read_manifest
from compare.ingest.normalize import normalize_text
from compare.ingest.residue import normalise_for_repeat, words_of
from compare.model import Problem, Source
from compare.settings import DEFAULT_MAX_FILE_MB


@dataclass(slots=True)
class IngestResult:
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _display(path: Path, root: Path) -> str:
    """How a file is named in messages and output: relative to the source set, never absolute.

    Output must not depend on where the set lies on disk (reports are
    compared byte for byte across machines).
    """
    base = root.resolve() if root.is_dir() else root.resolve().parent
    try:
        rel = path.resolve().relative_to(base) if not path.is_symlink() else path.absolute().relative_to(root.absolute())
    except ValueError:
        return path.name
    return (Path(base.name) / rel).as_posix()


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order; directory symlinks are not followed (no loops)."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


OUTSIDE_HINT = ("copy the file into the source set, or pass --follow-links if you mean the set to read files its "
                "links point to")


def _outside(file: Path, root: Path) -> bool:
    """Whether ``file`` (a symbolic link, or under one) resolves to a place outside the folder ``root``."""
    return not file.resolve().is_relative_to(root.resolve())


def _load_file(
    path: Path, doc_id: str, display: str, max_bytes: int, problems: list[Problem]
) -> Iterator[RawDocument]:
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        problems.append(
            Problem(display, f"unknown file type {path.suffix or '(no extension)'!r}, skipped",
                    f"compare reads {', '.join(sorted(LOADERS))}", severity="warning")
        )
        return
    try:
        for item in loader(path, doc_id, display, max_bytes):
            if isinstance(item, InputError):
                problems.append(Problem(display, item.message, item.hint, item.line, item.field))
            else:
                yield item
    except InputError as exc:
        problems.append(Problem(display, exc.message, exc.hint, exc.line, exc.field))
    except OSError as exc:
        problems.append(Problem(display, f"cannot be read ({exc.strerror or exc})", "check that the file exists and is readable"))


def _from_manifest(
    manifest: Path, entries: list[ManifestEntry], root: Path, max_bytes: int, problems: list[Problem]
) -> Iterator[RawDocument]:
    for entry in entries:
        display = _display(entry.path, root)
        for raw in _load_file(entry.path, entry.id, display, max_bytes, problems):
            if raw.format == "jsonl":
                raw.id = f"{entry.id}-{raw.id}"
            for key, value in entry.fields.items():
                raw.meta[key] = value
                raw.meta_source[key] = "manifest"
            yield raw


def discover(path: Path, max_bytes: int, problems: list[Problem], follow_links: bool = False) -> list[RawDocument]:
    """Every raw document of the set, with ids made unique and in a stable order.

    A file that resolves outside the set's folder (a symbolic link, a
    manifest path with ``..`` or an absolute one) is refused unless
    ``follow_links``, and then only for links: a path written to climb out
    is refused always.
    """
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder", "give a folder of reports, a manifest.csv or a .jsonl file")
    docs: list[RawDocument] = []
    if path.is_file() and path.suffix.lower() == ".csv":
        entries, manifest_problems = read_manifest(path, follow_links)
        problems.extend(manifest_problems)
        docs.extend(_from_manifest(path, entries, path.parent, max_bytes, problems))
    elif path.is_file():
        docs.extend(_load_file(path, path.stem, _display(path, path), max_bytes, problems))
    else:
        manifest = next((path / name for name in MANIFEST_NAMES if (path / name).is_file()), None)
        if manifest is not None:
            entries, manifest_problems = read_manifest(manifest, follow_links)
            problems.extend(manifest_problems)
            docs.extend(_from_manifest(manifest, entries, path, max_bytes, problems))
            listed = {e.path for e in entries} | {manifest.resolve()}
            unlisted = [p for p in _walk(path) if p.resolve() not in listed and p.suffix.lower() in LOADERS]
            for extra in unlisted:
                problems.append(
                    Problem(_display(extra, path), "is not in the manifest, skipped",
                            f"add a row for it to {manifest.name} to include it", severity="warning")
                )
        else:
            for file in _walk(path):
                if file.is_symlink() and not file.exists():
                    problems.append(Problem(_display(file, path), "is a broken symbolic link, skipped", "remove the link or restore its target"))
                    continue
                if not follow_links and _outside(file, path):
                    problems.append(Problem(_display(file, path), "is a link to a file outside the source set, skipped",
                                            OUTSIDE_HINT))
                    continue
                docs.extend(_load_file(file, file.stem, _display(file, path), max_bytes, problems))
    return _unique_ids(docs, problems)


def discover_all(
    paths: Sequence[Path], max_bytes: int, problems: list[Problem], follow_links: bool = False
) -> list[RawDocument]:
    """The raw documents of several paths as one set (``compare align A B``), ids unique across them."""
    if len(paths) == 1:
        return discover(paths[0], max_bytes, problems, follow_links)
    docs = [doc for path in paths for doc in discover(path, max_bytes, problems, follow_links)]
    return _unique_ids(docs, problems)


def _unique_ids(docs: list[RawDocument], problems: list[Problem]) -> list[RawDocument]:
    """Every document with an id of its own, by construction.

    A second file with a taken id (one name in two folders) becomes
    ``id~N`` with the smallest N that is neither any document's own id nor
    given already: counting the ids that start alike gave ``a~2`` to
    ``sub/a.txt`` beside a real ``a~2.txt``, and one report was lost.
    """
    own = {doc.id for doc in docs}
    seen: dict[str, RawDocument] = {}
    out: list[RawDocument] = []
    for doc in docs:
        if doc.id in seen:
            first = seen[doc.id]
            where = f"{doc.path}" + (f", line {doc.line}" if doc.line else "")
            if doc.format == "jsonl" and doc.meta_source.get("id") != "manifest" and first.path == doc.path:
                problems.append(Problem(doc.path, f"duplicate id {doc.id!r} (first at line {first.line})", "ids must be unique; rename one", line=doc.line, field="id"))
                continue
            # Two files with one name in different folders: keep both, told apart by path.
            number = 1
            while f"{doc.id}~{number}" in own or f"{doc.id}~{number}" in seen:
                number += 1
            new_id = f"{doc.id}~{number}"
            problems.append(Problem(where, f"id {doc.id!r} is taken by {first.path}; this one is {new_id!r}", "give the files distinct names or list them in a manifest", severity="warning"))
            doc.id = new_id
        seen[doc.id] = doc
        out.append(doc)
    return out


def _site_of(doc: RawDocument) -> str | None:
    for key in ("outlet", "site_name"):
        if doc.meta.get(key):
            return str(doc.meta[key]).casefold()
    if doc.meta.get("url"):
        return urlparse(str(doc.meta["url"])).netloc.casefold() or None
    return None


def repeated_lines_by_site(docs: Iterable[RawDocument]) -> dict[str, set[int]]:
    """For each document id, the raw lines that also stand on another page of its site."""
    by_site: dict[str, list[RawDocument]] = defaultdict(list)
    for doc in docs:
        site = _site_of(doc)
        if site:
            by_site[site].append(doc)
    result: dict[str, set[int]] = {}
    for site_docs in by_site.values():
        if len(site_docs) < 2:
            continue
        keyed: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for doc in site_docs:
            lines = normalize_text(doc.text)[0].split("\n")
            for i, line in enumerate(lines):
                if line.strip() and len(words_of(line)) <= 12:
                    keyed[normalise_for_repeat(line)].append((doc.id, i))
        for places in keyed.values():
            if len({doc_id for doc_id, _ in places}) >= 2:
                for doc_id, i in places:
                    result.setdefault(doc_id, set()).add(i)
    return result


def keep_usable(sources: Iterable[Source], problems: list[Problem]) -> list[Source]:
    """Drop sources with nothing left after cleaning, saying so for each one; warn of each that is not a news report
    (kept: it becomes an event of its own)."""
    from compare.ingest.page_kind import problem_for

    usable = []
    for source in sources:
        if source.sentences:
            usable.append(source)
            warning = problem_for(source)
            if warning is not None:
                problems.append(warning)
            continue
        removed = sum(1 for r in source.removed if r.step in ("residue", "metadata"))
        problems.append(Problem(
            source.path, f"report {source.id!r} has no text left after cleaning ({removed} line(s) removed as page residue or metadata)",
            "check that the file holds the article itself, not only page furniture",
        ))
    return usable


def ingest(
    path: str | os.PathLike[str],
    settings: CleanSettings | None = None,
    max_file_mb: float = DEFAULT_MAX_FILE_MB,
    follow_links: bool = False,
) -> IngestResult:
    """Load and clean a whole source set, keeping going past bad files."""
    settings = settings or CleanSettings()
    result = IngestResult()
    root = Path(path)
    docs = discover(root, int(max_file_mb * 1_000_000), result.problems, follow_links)
    repeated = repeated_lines_by_site(docs)
    cleaned = [clean_document(doc, settings, repeated.get(doc.id, ())) for doc in docs]
    result.sources = keep_usable(cleaned, result.problems)
    return result
