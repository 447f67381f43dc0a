"""compare.mapped_table: simplemma's and wordfreq's tables read from mapped files give every value the dicts give.

A run's lemmas and word frequencies move links, names and findings; the
memory-mapped tables that replace the dicts must answer every key the same,
miss every other key, and be rebuilt, never read, when their file is damaged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import wordfreq

from compare import lemmas, mapped_table, wordfreqs


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(tmp_path / "lemmas"))
    return tmp_path


def test_lemma_table_answers_every_entry_as_the_dict_and_is_rebuilt_when_damaged(cache: Path) -> None:
    decoded = lemmas.decoded_dictionary("en")
    table = lemmas.dictionary("en")
    assert isinstance(table, mapped_table.MappedTable) and len(table) == len(decoded)
    assert all(table.get(key.decode()) == value.decode() for key, value in decoded.items())
    odd = ("", "zzqx", "houses ", "Houses", "houses\x00", "h\x00ouses", "\x00")
    assert [table.get(word) for word in odd] == [
        decoded.get(word.encode()) and decoded[word.encode()].decode() for word in odd]
    path = lemmas.table_path("en")
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    assert not mapped_table.verified(path)
    rebuilt = lemmas.dictionary("en")
    assert mapped_table.verified(path) and rebuilt.get("houses") == decoded[b"houses"].decode()


def test_a_truncated_or_half_written_trie_is_rebuilt_not_mapped(cache: Path) -> None:
    table = lemmas.dictionary("fr")
    assert table.get("maisons") == "maison"
    path = lemmas.table_path("fr")
    whole = path.read_bytes()
    for cut in (len(whole) // 2, len(whole) - 1, 3, 0):
        path.write_bytes(whole[:cut])
        assert not mapped_table.verified(path)
        rebuilt = lemmas.dictionary("fr")
        assert rebuilt.get("maisons") == "maison" and len(rebuilt) == len(table)
        assert path.read_bytes() == whole  # the same dictionary gives the same file
    assert not list(path.parent.glob("*.partial"))


def test_a_dictionary_with_a_nul_in_a_key_is_not_written(tmp_path: Path) -> None:
    # marisa-trie cannot look such a key up (a query with a NUL answers a prefix's value); the caller keeps the dict
    assert not mapped_table.write(tmp_path / "nul.trie", {b"a": b"1", b"a\x00b": b"2"})
    assert not (tmp_path / "nul.trie").exists()


def test_an_unwritable_cache_falls_back_to_the_dict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(blocker / "lemmas"))
    fallback = lemmas.dictionary("fr")
    assert not isinstance(fallback, mapped_table.MappedTable)
    assert fallback.get("maisons") == "maison"


def test_frequency_table_gives_wordfreqs_values(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = dict(wordfreq.get_frequency_dict("fr"))
    words = ["maisons", "le", "l'homme", "3,5", "New York", "qqzzxx", "房子", "Paris-Match"]
    before = [wordfreq.zipf_frequency(word, "fr") for word in words]
    monkeypatch.setattr(wordfreq, "get_frequency_dict", wordfreq.get_frequency_dict)  # restored afterwards
    monkeypatch.setattr(wordfreq, "_wf_cache", {})
    wordfreqs.compact_frequencies()
    table = wordfreq.get_frequency_dict("fr")
    assert isinstance(table, wordfreqs.FrequencyTable) and len(table) == len(shipped)
    assert all(word in table and table[word] == frequency for word, frequency in shipped.items())
    assert "qqzzxx" not in table
    assert [wordfreq.zipf_frequency(word, "fr") for word in words] == before
