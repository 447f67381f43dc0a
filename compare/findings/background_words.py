"""Rare words an "only in" statement shares with a background passage of another source (issue 23, r42).

A row is "only in" one source when the absence test rules out every compared sentence of the others.  A
background passage (about another occasion) is not compared, so a source may speak of the statement's subject
there and still get a bare "not reported": 2017 c33, the rewrite's "agreed to keep working toward resolving a
longstanding territorial dispute that has prevented the countries from forging a peace treaty", against TASS's
"Peace treaty" section (paragraphs 13-18: "link the peace treaty problem with the territorial issue"), never
compared.  The page then says what the tool knows: the statement is only in one source *among the compared
statements*, and the other source's background passage has its rare words, quoted, not compared.  Words are
counted, not meanings: two rare content words shared (not names, not common words) is a fact a reader checks in
the quoted sentence, and says nothing of whether that passage makes the statement's point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from compare.wordfreqs import zipf

RARE_BELOW = 4.5
"""Zipf frequency under which a word counts as rare ('treaty' 4.31, 'territorial' 3.91; 'issue' 5.23, 'peace'
5.02 and 'agreed' 4.84 are not): the words a statement's subject is told by, not its frame."""
SHARED_AT_LEAST = 2
"""Rare words shared: one alone ('dispute') is a topic word many passages have."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def rare_words(text: str, language: str) -> dict[str, str]:
    """Lower-cased rare content words of ``text`` -> their first form in it; a capitalised word inside a
    sentence is a name or a title, not a content word, and a word wordfreq cannot place is left out."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        if len(word) < 4 or (word[0].isupper() and m.start() > 0):
            continue
        key = word.casefold().strip("'’-")
        frequency = zipf(key, language)
        if frequency is not None and frequency < RARE_BELOW and key not in out:
            out[key] = word
    return out


def shared_rare_words(statement: str, other: str, language: str) -> list[str]:
    """The statement's rare words that ``other`` has too (as the same lower-cased word), in statement order."""
    theirs = rare_words(other, language)
    return [word for key, word in rare_words(statement, language).items() if key in theirs]


def background_mention(members: Iterable[Mapping[str, Any]], source: str,
                       sentences: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], list[str]] | None:
    """The background sentence of ``source`` (a sentences.csv row) sharing the most rare words with the statement
    (``members``: its sentences' rows), with those words, where they are at least ``SHARED_AT_LEAST``; else None.
    Sentences in another language than the statement's are not read (words do not match across languages)."""
    members = list(members)
    text = " ".join(m["text"] for m in members)
    language = members[0]["language"] if members else ""
    best: tuple[int, int, Mapping[str, Any], list[str]] | None = None
    for row in sentences:
        if row["source"] != source or not row["background"] or row["structure"] or row["language"] != language:
            continue
        words = shared_rare_words(text, row["text"], language)
        if len(words) >= SHARED_AT_LEAST and (best is None or (len(words), -row["index"]) > best[:2]):
            best = (len(words), -row["index"], row, words)
    return (best[2], best[3]) if best else None
