"""The docs cannot drift from the program: every shell example runs and prints what the docs show.

A ```console block holds ``$ command`` lines, each followed by the output the
docs promise.  In the output, ``...`` on a line matches any text there, and a
line holding only ``...`` matches any number of lines (as doctest's
ELLIPSIS).  Commands run in a scratch copy of the repository's seeds, so the
examples can write reports freely.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

DOCUMENTS = ["README.md", "docs/user-guide.md", "docs/teaching-guide.md", "docs/methods.md", "docs/contributing.md"]
BLOCK = re.compile(r"```console\n(.*?)```", re.DOTALL)


def examples(document: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) pairs of a Markdown file's console blocks."""
    path = REPO / document
    if not path.exists():
        return []
    found = []
    for block in BLOCK.findall(path.read_text(encoding="utf-8")):
        command, output = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, output))
                command, output = line[2:], []
            elif command is not None:
                output.append(line)
        if command is not None:
            found.append((command, output))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Doctest-style ELLIPSIS matching, line by line."""
    if not expected:
        return True
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.rstrip().split("...")) + r"\s*"
    return re.fullmatch(pattern, actual[0].rstrip()) is not None and matches(rest, actual[1:])


ALL = [(doc, cmd, out) for doc in DOCUMENTS for cmd, out in examples(doc)]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A scratch folder that looks like the repository root to the examples."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "bench").symlink_to(REPO / "bench")
    (root / "docs").symlink_to(REPO / "docs")
    return root


@pytest.mark.parametrize(("document", "command", "expected"), ALL, ids=[f"{d}: {c[:50]}" for d, c, _ in ALL])
def test_shell_example_runs_as_documented(workdir, document, command, expected):
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1", TERM="dumb")
    bindir = Path(sys.executable).parent
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    result = subprocess.run(["bash", "-c", command], cwd=workdir, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    output = result.stdout.splitlines()
    assert result.returncode in (0, 1), f"{command!r} exited {result.returncode}:\n{result.stdout}"
    assert matches(expected, output), f"{document}: {command!r} printed:\n" + "\n".join(output)


def test_documents_have_examples():
    assert examples("README.md"), "the README shows no console example"
    assert examples("docs/user-guide.md"), "the user guide shows no console example"


def test_every_command_is_documented_with_an_example():
    from compare.cli import main

    guide = (REPO / "docs" / "user-guide.md").read_text(encoding="utf-8")
    shown = {m for doc in DOCUMENTS for cmd, _ in examples(doc) for m in re.findall(r"(?:^|[;&|]\s*)compare (\w+)", cmd)}
    for name, command in main.commands.items():
        assert f"### `compare {name}`" in guide, f"no section for compare {name} in the user guide"
        assert name in shown, f"no runnable example of compare {name}"
        assert "Example:" in (command.help or ""), f"compare {name} --help shows no example"


def test_every_detector_is_documented():
    from compare.artifacts import REGISTRY

    methods = (REPO / "docs" / "methods.md").read_text(encoding="utf-8")
    for name in REGISTRY:
        assert name in methods, f"detector {name} is not described in docs/methods.md"


def test_generated_blocks_are_current():
    result = subprocess.run([sys.executable, "scripts/docs.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


SQL_EXAMPLE = re.compile(r"```sql\n(.*?)```\n\n```text\n(.*?)```", re.DOTALL)
DATABASE_DOCUMENTS = ["docs/user-guide.md", "docs/output-reference.md"]


def sql_examples() -> list[tuple[str, str, str]]:
    """(document, SQL, what it prints) for every SQL block followed by its answer."""
    return [(doc, sql, text) for doc in DATABASE_DOCUMENTS
            for sql, text in SQL_EXAMPLE.findall((REPO / doc).read_text(encoding="utf-8"))]


def test_the_docs_answer_questions_in_sql():
    assert len(sql_examples()) >= 3


@pytest.mark.parametrize(("document", "sql", "printed"), sql_examples(), ids=[s[:40] for _, s, _ in sql_examples()])
def test_sql_example_prints_what_the_docs_show(seed_report, document, sql, printed):
    """Each example runs on the seeds' compare.db and prints, as `sqlite3` does (header, `|`), what the docs show."""
    import sqlite3

    with sqlite3.connect(seed_report / "compare.db") as db:
        cursor = db.execute(sql)
        lines = ["|".join(d[0] for d in cursor.description)]
        lines += ["|".join("" if v is None else str(v) for v in row) for row in cursor]
    assert lines == printed.splitlines(), f"{document}:\n" + "\n".join(lines)


PYTHON_EXAMPLE = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("code", [c for c in PYTHON_EXAMPLE.findall((REPO / "docs/output-reference.md").read_text(
    encoding="utf-8")) if "compare.db" in c])
def test_database_python_example_runs(seed_report, tmp_path, monkeypatch, code):
    """The pandas and DuckDB examples run against the seeds' database (DuckDB only where it is installed)."""
    if "import duckdb" in code:
        pytest.importorskip("duckdb", reason="DuckDB is not a dependency of compare; the example is for its users")
    (tmp_path / "reports").symlink_to(seed_report)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "docs/output-reference.md", "exec"), {})


def test_the_version_the_report_stamps_is_the_packages():
    """Reports, the cache and ``--version`` read compare/version.py; pip reads pyproject.toml."""
    import tomllib

    from compare.version import __version__

    assert tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == __version__
