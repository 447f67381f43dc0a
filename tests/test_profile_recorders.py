"""bench/profile_run.py's census wraps wordfreq's list loader; the wrapper must keep the lru cache's handles.

Why: ``compare.wordfreqs`` clears wordfreq's list cache after building a frequency table, so a profiled run whose
recorder had replaced ``get_frequency_list`` with a bare function stopped there (issue 24, speed8)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import wordfreq

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_recorded_frequency_list_keeps_the_cache_handles() -> None:
    spec = importlib.util.spec_from_file_location("bench_resources", BENCH / "resources.py")
    assert spec and spec.loader
    resources = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(resources)
    original = wordfreq.get_frequency_list
    try:
        resources.install_recorders()
        assert wordfreq.get_frequency_list is not original
        wordfreq.get_frequency_list("en")
        assert wordfreq.get_frequency_list.cache_info().currsize >= 1
        wordfreq.get_frequency_list.cache_clear()  # what compare.wordfreqs does after building a table
        assert original.cache_info().currsize == 0
        assert "en/best" in resources.census()["wordfreq lists"]
    finally:
        wordfreq.get_frequency_list = original
