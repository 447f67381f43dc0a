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
            if re.search("[A-Za-z]", word):
                yield make(data, start, end, FAMILY, "compare.mixed_script.v1", "high",
                           f"'{word}' mixes Latin letters with {script} ones that look alike: copied or "
                           "disguised text.")
            else:
                yield make(data, start, end, FAMILY, "compare.mixed_script.v1", "medium",
                           f"'{word}' is left in {script} script in an English sentence: a word the "
                           "translation did not translate.")
