"""Per-sentence features the similarity signals are built from.

Every signal is a sparse row per sentence, so that similarity between two
sets of sentences is one sparse matrix product and never a Python loop over
pairs.  The features are deliberately language-light: character n-grams of
the transliterated text, content-word lemmas (simplemma), names (canonical
entity ids when annotations exist, else capitalised tokens transliterated
with unidecode, which survive translation), and numbers / dates normalised
to digits (which survive translation too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from compare.lemmas import lemmatize
from compare.wordfreqs import release_lists

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*", re.UNICODE)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")

# Month names in the languages the toolkit meets most often, mapped to a date anchor.
MONTHS: dict[str, str] = {}
for _n, _names in enumerate(
    (
        "january januar janvier gennaio января январь enero",
        "february februar fevrier febbraio февраля февраль febrero",
        "march marz mars marzo марта март",
        "april avril aprile апреля апрель abril",
        "may mai maggio мая май mayo",
        "june juni juin giugno июня июнь junio",
        "july juli juillet luglio июля июль julio",
        "august aout agosto августа август",
        "september septembre settembre сентября сентябрь septiembre",
        "october oktober octobre ottobre октября октябрь octubre",
        "november novembre ноября ноябрь noviembre",
        "december dezember decembre dicembre декабря декабрь diciembre",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[unidecode(_name)] = f"month:{_n:02d}"
        MONTHS[_name] = f"month:{_n:02d}"
# "may" and "march" are also ordinary English words; they count as dates only with a number nearby.
AMBIGUOUS_MONTHS = {"may", "march", "mars", "mai"}

SIMPLEMMA_LANGS = {"en", "de", "fr", "it", "es", "ru", "pt", "nl", "pl", "uk", "cs", "sv", "da", "fi"}


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    """The language's most frequent words (wordfreq), treated as function words.

    Taking the top of a frequency list is crude but needs no hand-made list per
    language and keeps content words: nouns, verbs, names.
    """
    import logging

    quiet = logging.getLogger("wordfreq")
    level = quiet.level
    # wordfreq logs "You asked for word frequencies in language 'pcm'. Using the nearest match" into the user's
    # terminal when a sentence reads as a language it has no list for; the nearest list is what we want.
    quiet.setLevel(logging.ERROR)
    try:
        from compare.wordfreqs import top_n_list  # wordfreq's, kept in a small file after the first run

        words = top_n_list(language, 120)
    except (LookupError, ValueError, ImportError):
        words = top_n_list("en", 120) if language != "en" else []
    finally:
        quiet.setLevel(level)
        release_lists()  # the whole list was read for its first 120 words; zipf reads the compact tables
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=200_000)
def lemma(token: str, language: str) -> str:
    """simplemma's lemma of a lower-cased token (the token itself for unknown languages)."""
    if language in SIMPLEMMA_LANGS:
        try:
            return lemmatize(token, language).lower()
        except ValueError:
            return token
    return token


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """A token transliterated (unidecode) and lower-cased; cached, since tokens repeat across links."""
    return unidecode(token).lower()


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def content_lemmas(text: str, language: str) -> list[str]:
    """Lemmas of the words that carry content: not frequent function words, not numbers."""
    stop = stopwords(language)
    out = []
    for token in words(text):
        low = token.lower()
        if low in stop or low[0].isdigit() or len(low) < 2:
            continue
        out.append(lemma(low, language))
    return out


FIGURE_EDGE = "\"'“”‘’„«»()[],.;:!?"


def figure_words(text: str, value: str, language: str = "en") -> str | None:
    """The figure ``value`` (as ``compare.annotate.figures`` reads it, without a language, as the tags compare it)
    as ``text`` writes it, with its token and the word either side: "A 4-0 win" for the 4 of a score, "July 39" for a day. A bare "4 where … has 2" (a football score) or "39
    where … 19" (a day of July) did not say what the figure is of (fresh reads rG1 p12, rH0 p15). The word after
    is left out where it is one of the language's function words ("ABC 30", not "ABC 30 that"). None where
    ``text`` has no such figure."""
    from compare.annotate.figures import read_figures

    for m in read_figures(text, scale_language=language):
        if m.value != value:
            continue
        start = text.rfind(" ", 0, m.start) + 1
        end = text.find(" ", m.end)
        end = len(text) if end < 0 else end
        before = text.rstrip()[:start].split()
        after = text[end:].split()
        token = text[start:end]
        left = before[-1] + " " if before and before[-1][-1:] not in ".;:!?" else ""
        right = (" " + after[0] if after and token[-1:] not in ".,;:!?"
                 and after[0].strip(FIGURE_EDGE).lower() not in stopwords(language) else "")
        return (left + token + right).strip(FIGURE_EDGE + " ")
    return None


def canonical_number(written: str) -> str:
    """A number as comparable digits: grouping separators dropped, a decimal separator kept as a point.

    A separator is grouping when every group after it has three digits ("1,000", "1.000.000"); otherwise the
    last one is a decimal point ("3.5", "3,5"), so 3.5 and 35 stay two numbers. ("3.500" reads as three
    thousand five hundred: the two cannot be told apart from the digits alone.)
    """
    groups = re.split(r"[.,]", written)
    if len(groups) == 1:
        return written
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return "".join(groups)
    return "".join(groups[:-1]) + "." + groups[-1]


def numbers(text: str) -> list[str]:
    """Figures by value in any notation (``compare.annotate.figures``: '812 485' is '812,485', '16.15 Uhr' is
    '4:15 p.m.'), plus month anchors next to a number."""
    from compare.annotate.figures import read_figures

    found = [f.value for f in read_figures(text)]
    tokens = [fold(t) for t in words(text)]
    has_number = bool(found)
    for token in tokens:
        month = MONTHS.get(token)
        if month and (token not in AMBIGUOUS_MONTHS or has_number):
            found.append(month)
    return found


def names(text: str) -> list[str]:
    """Capitalised tokens not at the start of the sentence, transliterated and lower-cased.

    Names are the anchors that survive translation ("Lavrov", "Лавров" -> "lavrov").
    A capital after a sentence start is not a name by itself, so the first word
    is kept only when it is capitalised again later in the text.
    """
    tokens = words(text)
    out = []
    for k, token in enumerate(tokens):
        if not token[0].isupper() or token[0].isdigit() or len(token) < 3:
            continue
        if token.isupper() and len(token) > 5:
            continue  # shouting headline words, not names
        key = fold(token)
        if k == 0 and sum(1 for t in tokens[1:] if fold(t) == key) == 0:
            continue
        out.append(key[:6])  # a 6-letter stem copes with inflection (Lavrov / Lavrova / Lawrow is lost)
    return out


@dataclass(frozen=True)
class SentenceBag:
    """A sentence's features in bag form, before vectorising."""

    text: str
    language: str
    lemmas: tuple[str, ...]
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    entities: tuple[str, ...] = ()


def bag(text: str, language: str, entities: Iterable[str] = ()) -> SentenceBag:
    language = (language or "en").split("-")[0]
    return SentenceBag(
        text=text,
        language=language,
        lemmas=tuple(content_lemmas(text, language)),
        names=tuple(names(text)),
        numbers=tuple(numbers(text)),
        entities=tuple(sorted(set(entities))),
    )


def char_text(text: str) -> str:
    """Text for character n-grams: transliterated, lower-cased, digits kept."""
    return " ".join(unidecode(text).lower().split())
