"""``compare pairs``: similarity of the sentence pairs in a TSV file, and the tool's yes/no on each.

Input: a TSV file, UTF-8, with a header row naming columns ``a`` and ``b``
(the two sentences) and optionally ``id``; other columns are ignored.  Fields
are split on TAB only (no quote handling), so sentences may contain quote marks.

Output CSV columns:

- ``id``: the input's id, else the 1-based row number;
- ``similarity``: combined similarity, 0-1 (weighted mean of the signals);
- ``same``: ``yes`` when similarity >= the threshold (``--threshold``, default
  the backend's SAME_THRESHOLD, chosen by cross-validation on MSRP train);
  ``no`` otherwise;
- ``signal_char``: cosine of character 3-5-gram TF-IDF vectors;
- ``signal_lemma``: cosine of content-word lemma TF-IDF vectors;
- ``signal_entities``: cosine of name vectors (transliterated capitalised words);
- ``signal_numbers``: cosine of number / date vectors (a number on one side only counts against);
- ``signal_embedding``: cosine of sentence embeddings (``--backend embeddings`` only).
"""

from __future__ import annotations

from pathlib import Path

import click

from compare.cli.common import dump_csv
from compare.errors import InputError


def read_pairs_tsv(path: Path) -> tuple[list[str], list[str], list[str] | None]:
    """Columns a, b (and id, when present) of a TSV file with a header row."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        raise InputError(f"{path}: empty file", hint="give a TSV file with a header row naming columns a and b")
    header = [h.strip() for h in lines[0].split("\t")]
    missing = [c for c in ("a", "b") if c not in header]
    if missing:
        raise InputError(f"{path}: no column {', '.join(missing)} in the header row {header}",
                         hint="name the two sentence columns a and b", line=1)
    ia, ib = header.index("a"), header.index("b")
    iid = header.index("id") if "id" in header else None
    a, b, ids = [], [], []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) <= max(ia, ib):
            raise InputError(f"{path}, line {number}: {len(fields)} field(s), expected at least {max(ia, ib) + 1}",
                             hint="separate columns with one TAB", line=number)
        a.append(fields[ia])
        b.append(fields[ib])
        ids.append(fields[iid] if iid is not None and iid < len(fields) else str(len(ids) + 1))
    return a, b, ids


@click.command("pairs")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the CSV here.")
@click.option("--backend", default="default", show_default=True, help="Similarity backend: default or embeddings.")
@click.option("--language", default="en", show_default=True, help="Language of the sentences (for lemmas).")
@click.option("--threshold", type=float, help="Similarity from which `same` is yes (default: the backend's).")
def command(path: Path, output: Path | None, backend: str, language: str, threshold: float | None) -> None:
    """Score sentence pairs from a TSV file (columns a, b, optional id); write CSV.

    Example:

        compare pairs pairs.tsv -o scores.csv
    """
    from compare.align.pairs import PAIR_COLUMNS, score_pairs

    a, b, ids = read_pairs_tsv(path)
    rows = score_pairs(a, b, ids, backend=backend, language=language, threshold=threshold)
    signals = sorted({k for row in rows for k in row if k.startswith("signal_")})
    text = dump_csv(rows, PAIR_COLUMNS + tuple(signals))
    if output:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    else:
        click.echo(text, nl=False)
