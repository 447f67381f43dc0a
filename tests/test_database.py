"""compare.db holds exactly the rows of the CSV tables, keyed, typed and searchable, and datasette serves it."""

from __future__ import annotations

import csv
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from compare.report.datasette_metadata import METADATA, QUERIES
from compare.report.safety import safe_cell
from compare.report.tables import SCHEMAS, TABLES
from conftest import REPO, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def connect(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{folder / 'compare.db'}?mode=ro", uri=True)


def as_csv_cell(value, dtype: str) -> str:
    """How the CSV writer prints a value the database holds: the rule the comparison below checks."""
    if value is None:
        return ""
    if dtype == "bool":
        return "True" if value else "False"
    if isinstance(value, float):
        return f"{value:.4f}"
    return safe_cell(value) if isinstance(value, str) else str(value)


def assert_same_rows(folder: Path) -> int:
    """Every CSV file of every event against its table in compare.db, row by row and cell by cell."""
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    total = 0
    with connect(folder) as db:
        for table, schema in SCHEMAS.items():
            names = ", ".join(f'"{c.name}"' for c in schema)
            in_csvs = 0
            for event in summary["events"]:
                with open(folder / event["folder"] / f"{table}.csv", encoding="utf-8", newline="") as handle:
                    rows = list(csv.reader(handle))
                assert rows[0] == [c.name for c in schema], table
                stored = db.execute(f'SELECT {names} FROM "{table}" WHERE event = ? ORDER BY rowid',
                                    (event["id"],)).fetchall()
                printed = [[as_csv_cell(v, c.dtype) for v, c in zip(row, schema, strict=True)] for row in stored]
                assert printed == rows[1:], (event["id"], table)
                in_csvs += len(rows) - 1
            assert db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == in_csvs, table
            total += in_csvs
    return total


def test_every_csv_table_and_the_database_hold_the_same_rows(seed_report):
    assert assert_same_rows(seed_report) > 300


def test_keys_are_declared_and_foreign_keys_hold(seed_report):
    with connect(seed_report) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for table, spec in TABLES.items():
            info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
            key = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
            assert tuple(key) == spec.key, table
            declared = {row[2] for row in db.execute(f'PRAGMA foreign_key_list("{table}")')}
            assert declared == {ref.table for ref in spec.references}, table
        # A link's two sentences are found through indexes, not by reading the whole table.
        plan = " ".join(str(r) for r in db.execute(
            'EXPLAIN QUERY PLAN SELECT * FROM links l JOIN sentences s '
            'ON s.event = l.event AND s.source = l.source_b AND s."index" = l.sentence_b WHERE s.source = ?', ("001",)))
        assert "SCAN s" not in plan and "SCAN l " not in plan, plan


def test_columns_have_real_types(seed_report):
    with connect(seed_report) as db:
        declared = {row[1]: row[2] for row in db.execute('PRAGMA table_info("sources")')}
        assert declared["words"] == "INTEGER" and declared["mt_likelihood"] == "REAL"
        assert declared["published"] == "DATE"
        # (no seed source has a machine-translation figure: none is measured well enough to show)
        row = db.execute("SELECT typeof(words), published FROM sources WHERE published IS NOT NULL").fetchone()
        assert row[0] == "integer" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[1])
        assert {v for (v,) in db.execute("SELECT DISTINCT typeof(chrf) FROM pairs WHERE chrf IS NOT NULL")} == {"real"}
        # Booleans are 0/1, so `WHERE linked` and sums work.
        assert {v for (v,) in db.execute("SELECT DISTINCT typeof(linked) FROM sentences")} == {"integer"}
        assert db.execute("SELECT min(linked), max(linked) FROM sentences").fetchone() == (0, 1)


@pytest.fixture(scope="module")
def multilingual_report(tmp_path_factory) -> Path:
    """A run over German, Russian, English and Chinese reports (the cathedral_fire and zh_en fixtures)."""
    sources = tmp_path_factory.mktemp("multilingual") / "sources"
    sources.mkdir()
    for path in [*sorted((FIXTURES / "cathedral_fire").glob("*.txt")), *sorted((FIXTURES / "zh_en").glob("*.txt"))]:
        shutil.copy(path, sources / path.name)
    out = sources.parent / "report"
    result = run_cli("run", str(sources), "-o", str(out), "--no-cache")
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize(("phrase", "language"), [("собора", "ru"), ("kathedrale", "de"), ("外交部", "zh")])
def test_full_text_search_finds_words_in_every_script(multilingual_report, phrase, language):
    with connect(multilingual_report) as db:
        found = db.execute(
            "SELECT x.language, x.text FROM sentences_fts f JOIN sentences x ON x.rowid = f.rowid "
            "WHERE sentences_fts MATCH ?", (f'"{phrase}"',)).fetchall()
    assert found, phrase
    assert all(phrase.lower() in text.lower() for _, text in found)
    assert language in {lang for lang, _ in found}


def test_multilingual_database_matches_its_csvs(multilingual_report):
    assert assert_same_rows(multilingual_report) > 0
    with connect(multilingual_report) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_metadata_describes_every_table_and_column(seed_report):
    metadata = json.loads((seed_report / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["compare"]["tables"]
    with connect(seed_report) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sentences_fts%' ORDER BY name")]
        assert sorted(tables) == names
        for table in names:
            stored = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
            assert list(tables[table]["columns"]) == stored, table
            assert all(tables[table]["columns"].values()) and tables[table]["description"]
            assert set(tables[table]["facets"]) <= set(stored)
    assert {"event", "source", "kind", "language"} <= set(tables["sources"]["facets"])
    assert "relation" in tables["provenance"]["facets"]


def datasette_json(folder: Path, path: str):
    result = run_cli("serve", str(folder), "--get", path)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_datasette_answers_the_canned_queries(seed_report):
    pytest.importorskip("datasette", reason="datasette is an optional extra: pip install 'compare[db]'")
    with connect(seed_report) as db:
        for query in QUERIES:
            arguments = {"speaker": "Lavrov", "phrase": "Kuril Islands"}
            served = datasette_json(seed_report, f"/compare/{query.name}.json?_shape=array&"
                                    + "&".join(f"{k}={v.replace(' ', '+')}" for k, v in arguments.items()))
            cursor = db.execute(query.sql, {k: v for k, v in arguments.items() if f":{k}" in query.sql})
            direct = [dict(zip([d[0] for d in cursor.description], row, strict=True)) for row in cursor]
            assert served == direct, query.name
            assert served, f"{query.name} finds nothing in the seeds"
    changed = datasette_json(seed_report, "/compare/changed_quotes.json?_shape=array&speaker=Lavrov")
    assert {row["fidelity"] for row in changed} <= {"close", "trimmed", "swapped", "paraphrase", "divergent"}
    naming = datasette_json(seed_report, "/compare/naming_by_outlet.json?_shape=array")
    assert {"AVIONEWS", "TASS"} <= {row["outlet"] for row in naming}
    traced = datasette_json(seed_report, "/compare/traced_translations.json?_shape=array")
    assert ("000", "machine-translation") in {(row["report"], row["relation"]) for row in traced}


def test_serve_never_hands_datasette_the_folders_own_metadata(seed_report, tmp_path):
    """A received report folder's metadata.json could name a script (extra_js_urls) or carry raw HTML
    (description_html) that datasette puts on every page: compare serve gives datasette metadata of its own."""
    pytest.importorskip("datasette", reason="datasette is an optional extra: pip install 'compare[db]'")
    received = tmp_path / "received"
    shutil.copytree(seed_report, received)
    hostile = json.loads((received / METADATA).read_text(encoding="utf-8"))
    hostile["extra_js_urls"] = ["https://attacker.example/steal.js"]
    hostile["description_html"] = "<script>alert('pwned')</script>"
    (received / METADATA).write_text(json.dumps(hostile), encoding="utf-8")
    page = run_cli("serve", str(received), "--get", "/compare")
    assert page.returncode == 0, page.stderr
    assert "attacker.example" not in page.stdout and "pwned" not in page.stdout
    served = datasette_json(received, "/-/metadata.json")
    assert "extra_js_urls" not in served and "description_html" not in served
    assert served["databases"]["compare"]["tables"]["links"]["columns"]["chrf"]


def test_datasette_searches_sentences_and_shows_descriptions(seed_report):
    pytest.importorskip("datasette", reason="datasette is an optional extra: pip install 'compare[db]'")
    found = datasette_json(seed_report, "/compare/sentences.json?_search=Kuril&_shape=array")
    assert found and all("kuril" in row["text"].lower() for row in found)
    metadata = datasette_json(seed_report, "/-/metadata.json")
    assert metadata["databases"]["compare"]["tables"]["links"]["columns"]["chrf"] == \
        next(c.meaning for c in SCHEMAS["links"] if c.name == "chrf")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_compare_serve_runs_a_datasette_on_loopback(seed_report):
    pytest.importorskip("datasette", reason="datasette is an optional extra: pip install 'compare[db]'")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "compare", "serve", str(seed_report), "--port", str(port)],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/compare/traced_translations.json?_shape=array"
        for _ in range(300):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                assert server.poll() is None, server.communicate()[1].decode()
                time.sleep(0.1)
        else:
            pytest.fail("compare serve did not answer on 127.0.0.1")
        assert {row["relation"] for row in rows} >= {"machine-translation", "translation"}
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Stopping `compare serve` stops the server: no datasette is left answering on the port.
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a datasette outlived the compare serve that started it")


def test_serve_refuses_a_folder_without_a_database(tmp_path):
    result = run_cli("serve", str(tmp_path))
    assert result.returncode == 2
    assert "compare.db" in result.stderr and "compare run" in result.stderr


def test_db_format_can_be_left_out(tmp_path):
    out = tmp_path / "out"
    result = run_cli("run", "seeds", "-o", str(out), "--format", "html,csv,json")
    assert result.returncode == 0, result.stderr
    assert not (out / "compare.db").exists() and not (out / "metadata.json").exists()


def test_every_table_of_the_schema_is_described_and_keyed():
    """A table added to SCHEMAS without its TABLES entry (or with a key naming no column) fails here, not in a run."""
    from compare.report.tables import columns

    assert list(TABLES) == list(SCHEMAS)
    for table, spec in TABLES.items():
        names = {c.name for c in columns(table)}
        assert {"event"} <= names and set(spec.key) <= names, table
        for ref in spec.references:
            assert set(ref.columns) <= names, table
            assert set(ref.to) <= {c.name for c in columns(ref.table)}, table
        assert not spec.search or spec.search in names


def test_serve_without_datasette_says_how_to_install_it(seed_report):
    """A process where datasette cannot be imported, as after a plain `pip install compare`."""
    hide = ("import sys; sys.modules['datasette'] = None; from compare.cli import main; "
            "main(['serve', sys.argv[1]], prog_name='compare')")
    done = subprocess.run([sys.executable, "-c", hide, str(seed_report)], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert "pip install 'compare[db]'" in done.stderr
