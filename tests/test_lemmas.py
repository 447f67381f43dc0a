"""compare.lemmas: simplemma's lemmas, byte for byte, with the decoded dictionaries kept in the user's cache.

A run's content-word signal reads these lemmas, so a cached dictionary that
differed from simplemma's in one entry would move links; a stale or damaged
cache file must be decoded again, never read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import simplemma
from simplemma.strategies.dictionaries import dictionary_factory as factory

from compare import lemmas

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(tmp_path))
    return tmp_path


def test_cached_dictionary_is_simplemmas_when_absent_present_and_damaged(cache: Path) -> None:
    shipped = factory._load_dictionary_from_disk("en")
    assert lemmas.decoded_dictionary("en") == shipped  # decoded, then written
    (written,) = cache.glob("en-*.marshal")
    assert lemmas.decoded_dictionary("en") == shipped  # read back
    blob = bytearray(written.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    written.write_bytes(bytes(blob))
    assert lemmas.decoded_dictionary("en") == shipped  # checksum fails: decoded again and rewritten
    assert lemmas.decoded_dictionary("en") == shipped


def test_unsupported_language_is_refused_as_simplemma_refuses_it(cache: Path) -> None:
    with pytest.raises(ValueError):
        lemmas.decoded_dictionary("../en")


@pytest.mark.parametrize("language", ["en", "fr"])  # de and ru decode the same way, 5-10 s longer
def test_lemmas_equal_simplemmas_on_seed_words(cache: Path, language: str) -> None:
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.rglob("*")) if p.is_file())
    tokens = sorted(set(re.findall(r"[^\W\d_]+", text.lower())))[:3000]
    tokens += ["häuser", "maisons", "говорили", "went", "Berlin", "СССР"]
    factory_ = lemmas.CachedDictionaryFactory()
    lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=simplemma.strategies.DefaultStrategy(
        dictionary_factory=factory_))
    assert [lemmatizer.lemmatize(t, language) for t in tokens] == [simplemma.lemmatize(t, lang=language)
                                                                   for t in tokens]
    assert [lemmas.lemmatize(t, language) for t in tokens[:200]] == [simplemma.lemmatize(t, lang=language)
                                                                     for t in tokens[:200]]
