"""Untranslated or mixed-script tokens: Cyrillic, CJK, Greek, Arabic or Hebrew letters in an English sentence.

A word the engine could not translate is left in its own script; a Latin
word with one Cyrillic letter inside (a homoglyph) is a tell of copy and
paste or of a rewrite tool that hides copied text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from compare.artifacts.registry import DetectorInput, english_sentences, make, register
from compare.model import Artifact

FAMILY = "mixed_script"
LANGUAGE_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch"}

SCRIPTS = (
    ("Cyrillic", "\u0400-\u04ff\u0500-\u052f"),
    ("Chinese or Japanese", "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    ("Korean", "\uac00-\ud7af\u1100-\u11ff"),
    ("Greek", "\u0370-\u03ff"),
    ("Arabic", "\u0600-\u06ff"),
    ("Hebrew", "\u0590-\u05ff"),
)
FOREIGN = re.compile("[" + "".join(r for _, r in SCRIPTS) + "]")
WORDISH = re.compile(r"[^\s,.;:!?()\[\]“”\"«»]+")


ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[^\W_][\w-]*(?:\.[^\W_][\w-]*)*\.[^\W\d_]{2,6}(?:/\S*)?", re.UNICODE)
"""A web address or domain, in any script ('стопкоронавирус.рф', 'www.example.com/page'): a name the text cites as
written, not a word left untranslated (rW1, ru-en M2: the human translator kept the site's real Cyrillic address and
was flagged twice, once per side of the dot)."""
_TRAILING = ".,;:!?)]}”\"»'’"


def in_address(text: str, start: int, end: int) -> bool:
    """True when characters ``start:end`` of ``text`` lie inside a web address or domain: the whole run of
    non-space characters around them, trailing punctuation dropped, is one.  Read on the whole text, not the
    sentence: a splitter may cut 'стопкоронавирус.рф' at its dot."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    run = text[left:right].lstrip("(“\"«‘'[").rstrip(_TRAILING)
    return bool(run) and "." in run and ADDRESS.fullmatch(run) is not None


def _script(ch: str) -> str:
    for name, ranges in SCRIPTS:
        if re.match(f"[{ranges}]", ch):
            return name
    return "another"


@register(
    "compare.mixed_script.v1", "mixed_script",
    "Words in Cyrillic, CJK or another non-Latin script inside an English sentence, and Latin words with "
    "look-alike letters from another script.",
    needs=("sentences",),
)
def mixed_script(data: DetectorInput) -> Iterator[Artifact]:
    for sentence in english_sentences(data):
        for m in WORDISH.finditer(sentence.text):
            word = m.group()
            hit = FOREIGN.search(word)
            if not hit:
                continue
            script = _script(hit.group())
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if in_address(data.text, start, end):
                continue  # a site's own address, cited as written: nothing left untranslated
            if re.search("[A-Za-z]", word):
                yield make(data, start, end, FAMILY, "compare.mixed_script.v1", "high",
                           f"'{word}' mixes Latin letters with {script} ones that look alike: copied or "
                           "disguised text.")
            else:
                yield make(data, start, end, FAMILY, "compare.mixed_script.v1", "medium",
                           f"'{word}' is left in {script} script in an English sentence: a word the "
                           "translation did not translate.")


UNTRANSLATED_MIN_ZIPF = 2.0
"""How common the word must be in the other language (wordfreq Zipf) to be known as one of its words: 'Schubser'
2.5 in German; the place 'Obersendling' 1.9 is not."""
UNTRANSLATED_MIN_LETTERS = 5


def _mentioned_name(data: DetectorInput, start: int, end: int) -> bool:
    mentions = getattr(data.annotations, "mentions", None) or {}
    return any(m.start <= start and end <= m.end and m.type in ("PERSON", "PLACE", "ORG")
               for m in mentions.get(data.source.id, ()))


@register(
    "compare.mixed_script.untranslated.v1", "mixed_script",
    "A common noun of another event text's language left as it is in an English sentence (the German 'Schubser' in "
    "an English headline).",
    needs=("sentences", "context", "mentions"),
)
def untranslated_word(data: DetectorInput) -> Iterator[Artifact]:
    """A word the set's text in another language uses after an article (a common noun there, not a name), that
    wordfreq knows in that language and not at all in English, found in an English sentence: the translation left
    it as it was (rW1, de-en F8: a machine translation's headline 'falls into the track bed after Schubser').

    Only languages with an article list (``context.ARTICLES``) are read, and only words of texts in the same event:
    the tool says a word is German only where a German text of the set uses it as one."""
    from wordfreq import zipf_frequency

    nouns = getattr(data.context, "nouns_by_language", None) or {}
    own = data.source.language
    others = [(language, words) for language, words in nouns.items() if language != own and words]
    if not others:
        return
    seen: set[str] = set()
    for sentence in english_sentences(data):
        for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", sentence.text):
            word = m.group()
            if len(word) < UNTRANSLATED_MIN_LETTERS or word in seen or not word.isalpha():
                continue
            # the set lookups first: wordfreq is asked only about the few words another text writes after an article
            candidates = [(language, words) for language, words in others if word in words]
            if not candidates or zipf_frequency(word, "en") > 0 or zipf_frequency(word.lower(), "en") > 0:
                continue
            start, end = sentence.start + m.start(), sentence.start + m.end()
            for language, _ in candidates:
                if zipf_frequency(word, language) >= UNTRANSLATED_MIN_ZIPF:
                    if _mentioned_name(data, start, end):
                        break
                    seen.add(word)
                    name = LANGUAGE_NAMES.get(language, language)
                    yield make(data, start, end, FAMILY, "compare.mixed_script.untranslated.v1", "medium",
                               f"'{word}' is a {name} word (the {name} text of this event writes it after an "
                               f"article, as a common noun), left untranslated in an English sentence.")
                    break
