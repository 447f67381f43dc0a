"""Each kind of bad input gets one clear message naming the file; the rest of the set is still used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import main
from conftest import SEEDS, run_cli

GOOD = (SEEDS / "002_8ac5ae6789964484.txt").read_bytes()


def ingest_cli(path: Path) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["ingest", str(path), "--format", "json"])
    sources = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, sources, result.stderr


def with_good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_bytes(GOOD)
    return tmp_path


BAD_FILES = {
    "empty": ("empty.txt", b"", "is empty"),
    "whitespace": ("blank.txt", b"  \n\t\n  ", "only whitespace"),
    "binary": ("image.txt", bytes(range(256)) * 20, "binary"),
    "undecodable": ("noise.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 300, "encoding"),
    "unknown extension": ("report.docx", b"PK\x03\x04 not a text file", "unknown file type"),
    "script-only html": ("page.html", b"<html><head><script>var a=1;</script><style>p{}</style></head><body></body></html>", "no article text"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_named_and_the_rest_is_ingested(tmp_path, case):
    name, data, message = BAD_FILES[case]
    (with_good(tmp_path) / name).write_bytes(data)
    code, sources, stderr = ingest_cli(tmp_path)
    assert [s["id"] for s in sources] == ["good"]
    assert name in stderr and message in stderr, stderr
    assert "Traceback" not in stderr
    # An unknown extension is a warning; a file that could not be read is a skip (exit 1).
    assert code == (0 if case == "unknown extension" else 1)


def test_missing_path_is_a_usage_error(tmp_path):
    result = run_cli("ingest", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_usable_exits_3(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("ingest", str(tmp_path))
    assert result.returncode == 3
    assert "empty.txt" in result.stderr


def write_manifest(folder: Path, rows: str) -> Path:
    (folder / "a.txt").write_bytes(GOOD)
    (folder / "b.txt").write_bytes(GOOD)
    manifest = folder / "manifest.csv"
    manifest.write_text("id,path,outlet,kind,language,published\n" + rows, encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    ("row", "line", "field", "message"),
    [
        ("b,b.txt,TASS,opinion,en,2017-03-20\n", 3, "kind", "unknown kind 'opinion'"),
        ("b,b.txt,TASS,original,en,2017-13-45\n", 3, "published", "is not a date"),
        ("a,b.txt,TASS,original,en,2017-03-20\n", 3, "id", "duplicate id 'a'"),
        ("b,../b.txt,TASS,original,en,\n", 3, "path", "outside the manifest's folder"),
        ("b,missing.txt,TASS,original,en,\n", 3, "path", "does not exist"),
        (",b.txt,TASS,original,en,\n", 3, "id", "the id is empty"),
        ("b,b.txt,TASS,original,english language,\n", 3, "language", "not a language code"),
    ],
)
def test_manifest_row_errors_name_line_and_field(tmp_path, row, line, field, message):
    folder = tmp_path / "set"
    folder.mkdir()
    (tmp_path / "b.txt").write_bytes(GOOD)
    write_manifest(folder, "a,a.txt,TASS,original,en,2017-03-20\n" + row)
    code, sources, stderr = ingest_cli(folder)
    assert [s["id"] for s in sources] == ["a"]
    assert f"manifest.csv, line {line}, field '{field}'" in stderr, stderr
    assert message in stderr
    assert code == 1


def test_manifest_that_is_not_csv_names_the_file(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "manifest.csv").write_text('id,path\n"a,a.txt\n', encoding="utf-8")
    result = run_cli("ingest", str(folder))
    assert result.returncode == 3
    assert "manifest.csv" in result.stderr and "Traceback" not in result.stderr


def test_manifest_without_required_column(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.txt").write_bytes(GOOD)
    (folder / "manifest.csv").write_text("name,file\na,a.txt\n", encoding="utf-8")
    result = run_cli("ingest", str(folder))
    assert result.returncode == 3
    assert "line 1" in result.stderr and "'id'" in result.stderr


def test_duplicate_file_names_in_subfolders_get_distinct_ids(tmp_path):
    for sub in ("tass", "ria"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_bytes(GOOD)
    code, sources, stderr = ingest_cli(tmp_path)
    assert sorted(s["id"] for s in sources) == ["report", "report~1"]
    assert "report" in stderr


def test_jsonl_bad_lines_are_named_and_good_lines_kept(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Lavrov met Kono in Tokyo. The talks were frank.", "outlet": "TASS"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "series": "ria", "text": "Shoigu met Iwaya in Tokyo on Thursday."}),
    ]
    (tmp_path / "set.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, sources, stderr = ingest_cli(tmp_path / "set.jsonl")
    assert [s["id"] for s in sources] == ["a", "c"]
    assert sources[1]["outlet"] == "ria"
    assert "set.jsonl, line 2" in stderr and "set.jsonl, line 3, field 'text'" in stderr
    assert code == 1


def test_markdown_report_loses_its_markup(tmp_path):
    (tmp_path / "r.md").write_text(
        "# Lavrov in Tokyo\n\nThe **talks** were [frank](http://example.org). Both sides agreed.\n\n- one point\n",
        encoding="utf-8",
    )
    code, sources, _ = ingest_cli(tmp_path)
    assert code == 0
    assert sources[0]["title"] == "Lavrov in Tokyo"
    assert "The talks were frank. Both sides agreed." in sources[0]["text"]
    assert "**" not in sources[0]["text"] and "http" not in sources[0]["text"]


def test_pdf_named_txt_is_refused_naming_the_format(tmp_path):
    # A real PDF's first bytes; its streams would decode as Latin-1 "text" without the signature check.
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4
    (with_good(tmp_path) / "statement.txt").write_bytes(pdf)
    code, sources, stderr = ingest_cli(tmp_path)
    assert [s["id"] for s in sources] == ["good"]
    assert "statement.txt" in stderr and "PDF" in stderr and "pdftotext" in stderr, stderr
    assert code == 1


def test_page_without_date_markup_is_not_dated_from_a_year_in_its_text(tmp_path):
    body = ("<p>The foreign and defence ministers of Russia and Japan met on Thursday in Tokyo for the fourth such "
            "round since 2013, the ministries said in a joint statement after the meeting.</p>"
            "<p>Both sides agreed to continue the dialogue on security in the region and to meet again next year "
            "in Moscow, officials told reporters at the end of the day.</p>")
    page = f"<html><head><title>Talks in Tokyo</title></head><body><article><h1>Talks</h1>{body}</article></body></html>"
    (tmp_path / "undated.html").write_text(page, encoding="utf-8")
    dated = page.replace("<head>", '<head><meta property="article:published_time" content="2019-05-30T10:00:00Z">')
    (tmp_path / "dated.html").write_text(dated, encoding="utf-8")
    code, sources, stderr = ingest_cli(tmp_path)
    published = {s["id"]: s["published"] for s in sources}
    assert published == {"dated": "2019-05-30", "undated": None}, (published, stderr)


def test_run_without_path_uses_the_bundled_seeds_from_any_folder(tmp_path):
    result = run_cli("ingest", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sources = json.loads(result.stdout)
    assert len(sources) == 5 and all(s["path"].startswith("seeds/") for s in sources)
    assert "bundled with compare" in result.stderr
