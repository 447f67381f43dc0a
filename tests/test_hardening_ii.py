"""Hardening II (issue 25): hostile source sets and shared report folders.

Each test here is one finding of the attacker-style probe: a set that reaches
outside itself, a cache that could run code or stop every run, spreadsheet
formulas, colliding ids, output folders that eat their input, text refused as
binary, unvalidated JSON Lines.  The sets are made by the tests themselves
beside copies of real seed reports.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compare.ingest import ingest
from conftest import SEEDS, run_cli

GOOD = ["001_2b86f9abb84ce2ea.txt", "003_567c0f62ddf3bdd9.txt"]
SECRET = "The secret local file says the vault code is 4711. Nobody else should read it."


def good_set(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        shutil.copy(SEEDS / name, folder / name)
    return folder


def secret_file(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


# 1. A symbolic link, `..` or an absolute path never pulls in a file from outside the set.

def test_a_link_out_of_a_folder_without_manifest_is_refused(tmp_path):
    folder = good_set(tmp_path / "set")
    os.symlink(secret_file(tmp_path), folder / "passwd.txt")
    result = ingest(folder)
    assert sorted(s.id for s in result.sources) == sorted(Path(n).stem for n in GOOD)
    refused = [p for p in result.problems if "passwd.txt" in p.path]
    assert refused and "outside the source set" in refused[0].message and "--follow-links" in refused[0].hint
    assert all("vault" not in s.text for s in result.sources)


def test_a_link_out_of_the_set_is_read_with_follow_links(tmp_path):
    folder = good_set(tmp_path / "set")
    os.symlink(secret_file(tmp_path), folder / "passwd.txt")
    result = ingest(folder, follow_links=True)
    assert any("vault" in s.text for s in result.sources)


def test_a_link_inside_the_set_is_still_read(tmp_path):
    folder = good_set(tmp_path / "set")
    (folder / "sub").mkdir()
    os.symlink(folder / GOOD[0], folder / "sub" / "again.txt")
    assert "again" in {s.id for s in ingest(folder).sources}


@pytest.mark.parametrize("how", ["link", "dotdot", "absolute"])
def test_a_manifest_path_out_of_the_set_is_refused(tmp_path, how):
    folder = good_set(tmp_path / "set")
    secret = secret_file(tmp_path)
    path = {"link": "passwd.txt", "dotdot": "../private/secret.txt", "absolute": str(secret)}[how]
    if how == "link":
        os.symlink(secret, folder / "passwd.txt")
    rows = ["id,path", f"a,{GOOD[0]}", f"b,{GOOD[1]}", f"leak,{path}"]
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ingest(folder)
    assert sorted(s.id for s in result.sources) == ["a", "b"]
    assert any(p.field == "path" and "outside" in p.message for p in result.problems)
    if how != "link":  # a path written to climb out is refused even with the flag
        assert sorted(s.id for s in ingest(folder, follow_links=True).sources) == ["a", "b"]


def test_the_command_line_refuses_the_link_and_names_the_flag(tmp_path):
    folder = good_set(tmp_path / "set")
    os.symlink(secret_file(tmp_path), folder / "passwd.txt")
    result = run_cli("ingest", str(folder), "--format", "json")
    assert result.returncode == 1
    assert "passwd.txt" in result.stderr and "--follow-links" in result.stderr
    assert "vault" not in result.stdout
    followed = run_cli("ingest", str(folder), "--format", "json", "--follow-links")
    assert followed.returncode == 0 and "vault" in followed.stdout


# 2 and 5. The cache: no pickle, a value that does not decode or fit is a miss, a damaged file never stops a run.

def sources_via_cache(folder: Path, cache_path: Path):
    from compare.cache import Cache
    from compare.pipeline import run_pipeline

    cache = Cache(cache_path)
    try:
        result = run_pipeline(folder, cache=cache, until="ingest")
    finally:
        cache.close()
    return result.sources, cache


def test_the_cache_holds_json_and_gives_back_equal_values(tmp_path):
    import sqlite3

    folder = good_set(tmp_path / "set")
    first, _ = sources_via_cache(folder, tmp_path / "c" / "compare.sqlite")
    again, cache = sources_via_cache(folder, tmp_path / "c" / "compare.sqlite")
    assert cache.hits["clean"] == len(GOOD) and again == first
    with sqlite3.connect(tmp_path / "c" / "compare.sqlite") as db:
        values = [v for (v,) in db.execute("SELECT value FROM entries")]
    assert values and all(isinstance(v, str) and json.loads(v)["c"] == "compare.model:Source" for v in values)


def tamper(cache_path: Path, value: str | bytes) -> None:
    """Put ``value`` in every row of the cache, whatever its table is called."""
    import sqlite3

    with sqlite3.connect(cache_path) as db:
        (table,) = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchone()
        db.execute(f"UPDATE {table} SET value = ?", [value])


class Exploit:
    """Unpickling this runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def test_a_pickle_planted_under_the_right_keys_is_never_unpickled(tmp_path):
    import pickle

    folder = good_set(tmp_path / "set")
    cache_path = tmp_path / "c" / "compare.sqlite"
    fresh, _ = sources_via_cache(folder, cache_path)
    marker = tmp_path / "pwned"
    tamper(cache_path, pickle.dumps(Exploit(marker)))
    again, cache = sources_via_cache(folder, cache_path)
    assert not marker.exists()
    assert cache.hits["clean"] == 0 and again == fresh


@pytest.mark.parametrize("value", [
    '{"c": "compare.model:Problem", "f": {"path": "x", "message": "m", "hint": "h", "line": null, "field": null, "severity": "error"}}',
    '{"c": "os:system", "f": {"command": "touch pwned"}}',
    '{"c": "compare.model:Source", "f": {"id": 1}}',
    'not json at all',
    '{"t": [1, 2]}',
])
def test_a_cached_value_that_does_not_decode_or_fit_is_a_miss(tmp_path, value):
    folder = good_set(tmp_path / "set")
    cache_path = tmp_path / "c" / "compare.sqlite"
    fresh, _ = sources_via_cache(folder, cache_path)
    tamper(cache_path, value)
    again, cache = sources_via_cache(folder, cache_path)
    assert cache.hits["clean"] == 0 and cache.misses["clean"] == len(GOOD)
    assert again == fresh
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_a_pickled_cache_from_someone_else_runs_no_code(tmp_path):
    """The old format: a row that runs code when unpickled.  It is never unpickled; the file is moved aside."""
    import pickle
    import sqlite3

    marker = tmp_path / "pwned"
    cache_dir = tmp_path / "received" / ".cache"
    cache_dir.mkdir(parents=True)
    with sqlite3.connect(cache_dir / "compare.sqlite") as db:
        db.execute("CREATE TABLE results (stage TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                   "PRIMARY KEY (stage, key))")
        db.execute("INSERT INTO results VALUES ('clean', 'k', ?)", [pickle.dumps(Exploit(marker))])
    folder = good_set(tmp_path / "set")
    result = run_cli("ingest", str(folder), "--format", "json", "--cache", str(cache_dir))
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert "moved it aside" in result.stderr
    assert (cache_dir / "compare.sqlite.damaged").is_file()


def damage(path: Path, how: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif how == "garbage":
        path.write_bytes(b"\x00garbage, not a database\xff" * 100)
    elif how == "wrong schema":
        import sqlite3

        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE entries (a, b)")
            db.execute("INSERT INTO entries VALUES (1, 2)")
    elif how == "folder":
        path.unlink()
        path.mkdir()
        (path / "x").write_text("x", encoding="utf-8")


@pytest.mark.parametrize("how", ["truncated", "garbage", "wrong schema", "folder"])
def test_a_damaged_cache_is_moved_aside_and_the_run_goes_on(tmp_path, how):
    folder = good_set(tmp_path / "set")
    cache_dir = tmp_path / "cache"
    first = run_cli("ingest", str(folder), "--format", "json", "--cache", str(cache_dir))
    assert first.returncode == 0, first.stderr
    damage(cache_dir / "compare.sqlite", how)
    second = run_cli("ingest", str(folder), "--format", "json", "--cache", str(cache_dir))
    assert second.returncode == 0, second.stderr
    assert "unexpected" not in second.stderr
    assert "compare.sqlite" in second.stderr and "moved it aside" in second.stderr
    assert second.stdout == first.stdout
    assert (cache_dir / "compare.sqlite.damaged").exists() and (cache_dir / "compare.sqlite").is_file()
    third = run_cli("ingest", str(folder), "--format", "json", "--cache", str(cache_dir))
    assert third.returncode == 0 and "warning" not in third.stderr and third.stdout == first.stdout


def test_the_default_cache_is_in_the_users_cache_folder_not_the_report(tmp_path):
    folder = good_set(tmp_path / "set")
    home = tmp_path / "xdg"
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"), env={"XDG_CACHE_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "compare" / "compare.sqlite").is_file()
    assert not (tmp_path / "out" / ".cache").exists()


# 3. One CSV writer, every text cell defused, lists and mappings too.

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT = st.text(alphabet=st.sampled_from("=+-@\t\r;,\"' abcЛ日0123456789\n|!()"), max_size=12)


def cell_values(dtype: str):
    if dtype in ("int64", "Int64"):
        return st.one_of(st.none(), st.integers(-10**6, 10**6)) if dtype == "Int64" else st.integers(-10**6, 10**6)
    if dtype == "float64":
        return st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))
    if dtype == "bool":
        return st.booleans()
    return st.one_of(st.none(), TEXT, st.lists(TEXT, max_size=4), st.tuples(TEXT, TEXT),
                     st.dictionaries(TEXT, st.one_of(TEXT, st.floats(-1, 1, allow_nan=False)), max_size=3))


@st.composite
def table_rows(draw):
    from compare.report.tables import SCHEMAS

    table = draw(st.sampled_from(sorted(SCHEMAS)))
    rows = draw(st.lists(st.fixed_dictionaries({c.name: cell_values(c.dtype) for c in SCHEMAS[table]}),
                         min_size=1, max_size=4))
    return table, rows


@settings(max_examples=300, deadline=None)
@given(table_rows())
def test_no_text_cell_of_any_table_starts_like_a_formula(table_and_rows):
    import csv
    import io

    from compare.report.tables import SCHEMAS, to_csv

    table, rows = table_and_rows
    parsed = list(csv.reader(io.StringIO(to_csv(table, rows), newline="")))
    columns = SCHEMAS[table]
    assert parsed[0] == [c.name for c in columns] and len(parsed) == len(rows) + 1
    assert all(len(line) == len(columns) for line in parsed)
    for line in parsed[1:]:
        for column, cell in zip(columns, line, strict=True):
            if column.dtype == "string":
                assert not cell.startswith(FORMULA_START), (table, column.name, cell)


@settings(max_examples=200, deadline=None)
@given(table_rows(), st.sampled_from([";", "\t"]))
def test_no_cell_starts_like_a_formula_when_a_spreadsheet_splits_on_semicolons_or_tabs(table_and_rows, delimiter):
    """Excel in semicolon locales and LibreOffice with ';' or tab ticked split records on those: a list cell such as
    ``001;=HYPERLINK(...)`` must stay one quoted cell, and each piece of a list must be defused on its own."""
    import csv
    import io

    from compare.report.tables import to_csv

    table, rows = table_and_rows
    for line in csv.reader(io.StringIO(to_csv(table, rows), newline=""), delimiter=delimiter):
        for cell in line[1:] if delimiter == "\t" else line:
            assert not cell.startswith(("=", "+", "@")), (table, delimiter, cell)


def test_each_element_of_a_list_cell_is_defused():
    from compare.report.tables import csv_text

    text = csv_text([{"members": ["001", "=HYPERLINK(\"http://x\")", "@SUM(1)"]}], ["members"])
    assert text.splitlines()[1] == '"001;\'=HYPERLINK(""http://x"");\'@SUM(1)"'


def test_an_id_like_a_formula_is_defused_in_every_table_of_a_report(tmp_path):
    texts = ["Lavrov met Kono in Tokyo on May 30, 2019. The talks were frank, he said. Both sides want peace.",
             "Lavrov and Kono met in Tokyo on May 30, 2019. The talks were frank, Lavrov said. Both sides want peace."]
    ids = ["=cmd|' /C calc'!A0", "+1+1"]
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in zip(ids, texts, strict=True)),
                      encoding="utf-8")
    result = run_cli("run", str(source), "-o", str(tmp_path / "out"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    import csv

    from compare.report.tables import SCHEMAS

    tables = list((tmp_path / "out").rglob("*.csv"))
    members = [row["members"] for t in tables if t.stem == "claims"
               for row in csv.DictReader(t.open(encoding="utf-8", newline=""))]
    assert members and any("cmd" in m for m in members)
    for path in tables:
        text_columns = {c.name for c in SCHEMAS[path.stem] if c.dtype == "string"}
        for row in csv.DictReader(path.open(encoding="utf-8", newline="")):
            for name in text_columns:
                assert not row[name].startswith(FORMULA_START), (path.name, name, row[name])


# 4. Ids unique by construction.

def test_a_renamed_id_never_lands_on_another_files_id(tmp_path):
    folder = tmp_path / "set"
    (folder / "sub").mkdir(parents=True)
    texts = {"a.txt": GOOD[0], "a~2.txt": GOOD[1], "sub/a.txt": GOOD[1]}
    for name, seed in texts.items():
        (folder / name).write_text((SEEDS / seed).read_text(encoding="utf-8") + f"\n\nFile {name}.", encoding="utf-8")
    result = ingest(folder)
    ids = [s.id for s in result.sources]
    assert len(ids) == len(set(ids)) == 3, ids
    assert {s.path.split("/", 1)[1] for s in result.sources} == set(texts)
    by_path = {s.path.split("/", 1)[1]: s for s in result.sources}
    assert all(f"File {name}." in by_path[name].text for name in texts)


@settings(max_examples=300, deadline=None)
@example([("a", "x/", "text"), ("a~2", "x/", "text"), ("a", "y/", "text")])
@example([("a", "x/", "text"), ("a", "y/", "text"), ("a~1", "z/", "jsonl"), ("a", "z/", "text")])
@given(st.lists(st.tuples(st.text(alphabet="a~12", min_size=1, max_size=4), st.sampled_from(["x/", "y/", "z/"]),
                          st.sampled_from(["text", "jsonl"])), max_size=12))
def test_generated_id_collisions_leave_every_id_unique(specs):
    from compare.ingest.loaders import RawDocument
    from compare.ingest.source_set import _unique_ids

    docs = [RawDocument(doc_id, f"{folder}{doc_id}.{fmt}", "text", fmt, line=number if fmt == "jsonl" else None)
            for number, (doc_id, folder, fmt) in enumerate(specs, start=1)]
    problems: list = []
    out = _unique_ids(docs, problems)
    ids = [d.id for d in out]
    assert len(ids) == len(set(ids))
    dropped = len(docs) - len(out)
    assert dropped == sum(1 for p in problems if p.severity == "error" and "duplicate id" in p.message)


# 6 and 8. Output placement and usage errors: refused before any work, exit 2, the option named.

def set_with_a_bad_file(tmp_path: Path) -> Path:
    """Two good reports and an empty one: a run that did any work would say "empty.txt" on stderr."""
    folder = good_set(tmp_path / "set")
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.mark.parametrize("where", ["the set", "inside", "holding"])
@pytest.mark.parametrize("force", [False, True])
def test_an_output_folder_that_is_holds_or_lies_in_the_input_is_refused(tmp_path, where, force):
    folder = set_with_a_bad_file(tmp_path)
    out = {"the set": folder, "inside": folder / "report", "holding": tmp_path}[where]
    before = sorted(p.name for p in folder.iterdir())
    result = run_cli("run", str(folder), "-o", str(out), *(["--force"] if force else []))
    assert result.returncode == 2, result.stderr
    assert "-o" in result.stderr and "source set" in result.stderr and "empty.txt" not in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


def test_an_output_inside_a_manifests_folder_is_refused(tmp_path):
    folder = good_set(tmp_path / "set")
    (folder / "manifest.csv").write_text(f"id,path\na,{GOOD[0]}\nb,{GOOD[1]}\n", encoding="utf-8")
    result = run_cli("run", str(folder / "manifest.csv"), "-o", str(folder / "report"))
    assert result.returncode == 2 and "inside the source set" in result.stderr


@pytest.mark.parametrize("args, option", [
    (["-o", "{tmp}/a-file/report"], "-o"),
    (["-o", "{tmp}/out", "--engine", "dask", "--scheduler", "not an address"], "--scheduler"),
    (["-o", "{tmp}/out", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler"),
])
def test_usage_errors_are_found_before_any_work(tmp_path, args, option):
    folder = set_with_a_bad_file(tmp_path)
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = run_cli("run", str(folder), *[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 2, result.stderr
    assert option in result.stderr and "unexpected" not in result.stderr and "empty.txt" not in result.stderr
    assert not (tmp_path / "out").exists()


def pairs_file(tmp_path: Path) -> Path:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("a\tb\nThe talks were frank.\tThe talks were open.\n", encoding="utf-8")
    return tsv


def test_pairs_never_writes_through_a_planted_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    os.symlink(victim, tmp_path / "out.csv.tmp")
    result = run_cli("pairs", str(pairs_file(tmp_path)), "-o", str(tmp_path / "out.csv"), "--backend", "lexical")
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.csv.tmp", "pairs.tsv", "victim.txt"]


@pytest.mark.parametrize("target", ["missing/out.csv", "a-file/out.csv"])
def test_pairs_into_a_missing_folder_or_under_a_file_is_a_usage_error(tmp_path, target):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run_cli("pairs", str(pairs_file(tmp_path)), "-o", str(tmp_path / target), "--backend", "lexical")
    assert result.returncode == 2, result.stderr
    assert "-o" in result.stderr and "unexpected" not in result.stderr


# 7. Sniffing: text that decodes is text; a binary is refused on its whole signature only.

@pytest.mark.parametrize("start", [
    "BMW gets smashed by train at a level crossing near Munich",
    "GIF artists gathered in Berlin",
    "PK Subban signs with the Devils",
    "%PDF files are hard to read, the agency said",
    "MZ Vermögensberatung opened an office",
    "ID3 tags hold the song titles",
])
def test_an_article_that_begins_like_a_binary_signature_is_text(tmp_path, start):
    from compare.ingest.decode import decode_bytes

    text = f"{start}, the police said on Tuesday. Nobody was hurt, and the line reopened in the evening."
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    folder = good_set(tmp_path / "set")
    (folder / "article.txt").write_text(text, encoding="utf-8")
    result = ingest(folder)
    assert "article" in {s.id for s in result.sources}, [p.render() for p in result.problems]


def real_binaries() -> dict[str, bytes]:
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("word/document.xml", "<w:document>The talks were frank.</w:document>")
    bmp = b"BM" + (70).to_bytes(4, "little") + b"\0\0\0\0" + (54).to_bytes(4, "little") + (40).to_bytes(4, "little")
    return {
        "PDF": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "ZIP": archive.getvalue(),
        "GIF": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04",
        "BMP": bmp + bytes(16),
        "PNG": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    }


@pytest.mark.parametrize("name", sorted(real_binaries()))
def test_a_real_binary_is_refused_by_its_whole_signature(name):
    from compare.errors import InputError
    from compare.ingest.decode import decode_bytes

    with pytest.raises(InputError, match=f"is a {name} file"):
        decode_bytes(real_binaries()[name])


# 8. JSON Lines rows validated as manifest rows are.

@pytest.mark.parametrize("field, value, message", [
    ("kind", "press-release", "unknown kind"),
    ("language", "english!", "not a language code"),
    ("lang", "12", "not a language code"),
    ("published", "2019-13-45", "not a date"),
    ("date", "yesterday", "not a date"),
])
def test_a_json_lines_record_with_a_bad_field_is_named_and_skipped(tmp_path, field, value, message):
    good = [{"id": f"g{i}", "text": (SEEDS / name).read_text(encoding="utf-8"), "published": "2019-05-30T10:00:00Z"}
            for i, name in enumerate(GOOD)]
    bad = {"id": "bad", "text": "Lavrov met Kono in Tokyo. The talks were frank.", field: value}
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [*good, bad]), encoding="utf-8")
    result = ingest(source)
    assert sorted(s.id for s in result.sources) == ["g0", "g1"]
    assert all(s.published == "2019-05-30" for s in result.sources)
    problem = next(p for p in result.problems if p.severity == "error")
    assert problem.line == 3 and problem.field == field and message in problem.message


def test_ids_with_colons_or_an_edge_prefix_keep_every_finding_verified(tmp_path):
    """Findings carry spans as "<id>:<start>-<end>": an id like 'AVIONEWS:it' or 'edge:MID' must not break them."""
    import csv

    folder = tmp_path / "set"
    shutil.copytree(SEEDS, folder)
    renamed = {"000": "RU:mt", "001": "edge:MID", "002": "TASS:en", "003": "AVIONEWS:it", "004": "EFE:1-2"}
    manifest = folder / "manifest.csv"
    rows = list(csv.DictReader(manifest.open(encoding="utf-8", newline="")))
    for row in rows:
        row["id"] = renamed[row["id"]]
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"), "--format", "csv", "--no-cache")
    assert result.returncode == 0, result.stderr

    def verdicts(report: Path) -> list[tuple[str, str]]:
        return sorted((row["kind"], row["verified"]) for path in report.rglob("findings.csv")
                      for row in csv.DictReader(path.open(encoding="utf-8", newline="")))

    found = verdicts(tmp_path / "out")
    assert found and found == verdicts(SEEDS.parent / "reports")
    sources = {row["source"] for path in (tmp_path / "out").rglob("sources.csv")
               for row in csv.DictReader(path.open(encoding="utf-8", newline=""))}
    assert sources == set(renamed.values())
