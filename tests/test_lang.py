"""Language identification: short text is ``und``, clear sentences are called, mixed text is not misnamed.

The WMT21 accuracy figures behind MIN_CONFIDENCE live in bench/lang_bench.py;
the last test here re-checks the 0.98 target on a sample of that data when
../shared/data is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.lang import DETECTORS, MIN_CHARS, get_detector
from compare.model import UNDETERMINED

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "wmt21-news-human-vs-mt"

SENTENCES = {
    "en": "The Russian foreign minister arrived in Tokyo on Thursday for talks with his Japanese counterpart.",
    "de": "Der russische Außenminister reiste am Donnerstag zu Gesprächen mit seinem japanischen Kollegen nach Tokio.",
    "fr": "Le ministre russe des Affaires étrangères est arrivé jeudi à Tokyo pour des entretiens avec son homologue.",
    "ru": "Министр иностранных дел России прибыл в четверг в Токио для переговоров с японским коллегой.",
    "zh": "俄罗斯外长拉夫罗夫周四抵达东京，与日本外相举行会谈，双方讨论了地区安全问题。",
    "it": "Il ministro degli Esteri russo è arrivato giovedì a Tokyo per colloqui con il suo omologo giapponese.",
}


@pytest.mark.parametrize("name", sorted(DETECTORS))
@pytest.mark.parametrize("text", ["", "Lavrov", "2 + 2", "Спасибо!", "Thank you very much.", "TOKYO, March 20."])
def test_short_text_is_undetermined(name, text):
    guess = get_detector(name).detect(text)
    assert guess.language == UNDETERMINED
    assert guess.confidence == 0.0


@pytest.mark.parametrize("name", sorted(DETECTORS))
@pytest.mark.parametrize(("language", "text"), sorted(SENTENCES.items()))
def test_clear_sentences(name, language, text):
    guess = get_detector(name).detect(text)
    assert guess.language == language
    assert guess.confidence >= 0.5


@pytest.mark.parametrize("name", ["py3langid", "py3langid+langdetect"])
@pytest.mark.parametrize(
    "text",
    [
        "Lavrov said «Мы обсудили ситуацию» in Tokyo on Thursday.",
        "Лавров сказал: “We discussed the situation” на пресс-конференции.",
        "Taro Kono 河野太郎 Sergey Lavrov Сергей Лавров",
    ],
)
def test_mixed_script_is_und_or_one_of_its_languages(name, text):
    """A segment mixing scripts is never called a third language (langdetect alone says 'bg' or 'et' here)."""
    assert get_detector(name).detect(text).language in {UNDETERMINED, "en", "ru", "zh", "ja"}


def test_disagreement_is_und():
    """Where py3langid is unsure and langdetect disagrees, the confirmed detector says ``und``."""
    text = "Лавров сказал: “We discussed the situation” на пресс-конференции."
    assert get_detector("py3langid").detect(text).confidence < 0.8
    assert get_detector("py3langid+langdetect").detect(text).language == UNDETERMINED


def test_langdetect_is_repeatable():
    text = "Inada said it is significant that the talks convene for the first time since 2013."
    detector = get_detector("langdetect")
    assert len({detector.detect(text) for _ in range(5)}) == 1


def test_min_chars_counts_letters_not_characters():
    digits = "2019 " * 20 + "Tokyo"
    assert len(digits) > MIN_CHARS and get_detector("py3langid").detect(digits).language == UNDETERMINED


def test_unknown_detector_is_a_clear_error():
    with pytest.raises(ValueError, match="choose from"):
        get_detector("fasttext")


@pytest.mark.shared_data
@pytest.mark.skipif(not DATA.is_dir(), reason="needs ../shared/data/wmt21-news-human-vs-mt (not in the repo)")
def test_wmt21_sentence_accuracy_sample():
    """py3langid with the current rule: >= 0.98 on WMT21 segments of 40+ characters (every 4th item; und = wrong)."""
    detector = get_detector("py3langid")
    right = total = 0
    for path in sorted(DATA.glob("newstest2021.*.shared.jsonl")):
        for number, line in enumerate(path.open(encoding="utf-8")):
            if number % 4:
                continue
            row = json.loads(line)
            target = row["lp"].split("-")[1]
            pairs = [(row["src"], row["origlang"])] + [(t, target) for t in (row["human"] or {}).values() if t]
            for text, gold in pairs:
                if len(text) >= 40:
                    total += 1
                    right += detector.detect(text).language == gold
    assert total > 500
    assert right / total >= 0.98, f"{right}/{total}"


def test_documents_use_langdetect_only_where_py3langid_is_unsure(tmp_path):
    """A run whose documents py3langid reads clearly never loads langdetect's profiles (about 1 s), and a document
    it is unsure of still gets langdetect's answer."""
    import subprocess
    import sys

    code = ("import sys; from compare.lang import get_detector; d = get_detector('py3langid>langdetect'); "
            "g = d.detect(sys.argv[1]); print(g.language, 'langdetect' in sys.modules)")
    clear = ("The foreign ministers of Russia and Japan met in Tokyo on Thursday and agreed to continue "
             "talks on a peace treaty, officials said after the meeting.")
    done = subprocess.run([sys.executable, "-c", code, clear], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.split() == ["en", "False"]
    unsure = "Лавров сказал: “We discussed the situation” на пресс-конференции."
    trusted = get_detector("py3langid>langdetect")
    assert get_detector("py3langid").detect(unsure).confidence < trusted.trust_above
    assert trusted.detect(unsure) == get_detector("langdetect").detect(unsure)


def test_trusted_detector_agrees_with_langdetect_on_the_seeds():
    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").rglob("*.txt"))
    assert seeds
    trusted, langdetect = get_detector("py3langid>langdetect"), get_detector("langdetect")
    for path in seeds:
        text = path.read_text(encoding="utf-8")[:10_000]
        assert trusted.detect(text).language == langdetect.detect(text).language, path.name


def test_py3langid_read_from_its_unpacked_copy_guesses_as_py3langid(tmp_path, monkeypatch):
    """The model unpacked once into the cache folder is py3langid's own: the same guesses and probabilities;
    a damaged copy is unpacked again rather than read."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from compare import lang

    monkeypatch.setenv("COMPARE_LANGID_CACHE", str(tmp_path))
    texts = ["Russia and Japan agreed to continue talks on a peace treaty.",
             "Лавров и Коно обсудили мирный договор в Токио.",
             "Die Außenminister trafen sich am Donnerstag in Tokio.",
             "日本和俄罗斯外长在东京举行会谈。", "Les ministres se sont rencontrés à Tokyo."]
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    unpacked = lang._unpacked_model()
    (copy,) = tmp_path.glob("*.npz")
    assert [unpacked.classify(t) for t in texts] == [shipped.classify(t) for t in texts]
    assert [lang._unpacked_model().classify(t) for t in texts] == [shipped.classify(t) for t in texts]
    copy.write_bytes(copy.read_bytes()[:4096])  # cut short, as a full disk would leave it
    assert [lang._unpacked_model().classify(t) for t in texts] == [shipped.classify(t) for t in texts]
    assert copy.stat().st_size > 4096 and not list(tmp_path.glob("*.partial"))
