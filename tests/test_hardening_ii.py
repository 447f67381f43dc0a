"""Hardening II (issue 25): hostile source sets and shared report folders.

Each test here is one finding of the attacker-style probe: a set that reaches
outside itself, a cache that could run code or stop every run, spreadsheet
formulas, colliding ids, output folders that eat their input, text refused as
binary, unvalidated JSON Lines.  The sets are made by the tests themselves
beside copies of real seed reports.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
