"""A rewrite tool's bent phrase that, restored, shares words with an unlinked statement of another source.

2017 (r42, M2): TASS's c10 "to thoroughly discuss global and regional issues with Tokyo" and the rewrite's c37
"The four ministers will also hold joint talks on worldwide and bilateral issues" are counterparts in part; the
artifacts section already reads "'worldwide and bilateral issues' bends the fixed phrase 'global and bilateral
issues'".  The aligner links neither (the leftover pass stays unmade, truth6), and each row quoted other nearest
candidates, so a teacher checking them concluded the rewrite lacks the agenda point.  The rule points the two
rows at each other with what the tool knows: the bent phrase, the fixed phrase it bends (the rewrite-phrase
list's), and the words the restored phrase shares with the statement, at least one of them a word the tool
restored ('global').  Both rows must be unlinked statements; nothing is said of what either sentence means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from compare.artifacts.rewrite import phrase_lexicon

Key = tuple[str, int]
SHARED_AT_LEAST = 2
"""Words the restored phrase shares with the statement: one ('issues') is a topic word many sentences have."""
_WORD = re.compile(r"[^\W\d_]+")
_SMALL = frozenset({"with", "from", "that", "this", "into", "over", "their", "also", "will"})


def _words(text: str) -> list[str]:
    return [w for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if len(w) >= 4 and w not in _SMALL]


def fixed_phrase(bent: str) -> str | None:
    """The fixed phrase a bent phrase bends, from the rewrite-phrase list (``compare.artifacts.rewrite``)."""
    return next((fixed for pattern, fixed, _ in phrase_lexicon() if pattern.fullmatch(bent)), None)


def unspun_pointers(artifacts: Iterable[Any], sentences: Iterable[Mapping[str, Any]],
                    unlinked: Iterable[Key]) -> dict[Key, dict[str, Any]]:
    """For each pair of unlinked statements (``unlinked``: (source, index) keys) where one holds a bent phrase whose
    restored fixed phrase shares at least ``SHARED_AT_LEAST`` words with the other, one of them a restored word:
    both keys -> what the rows say (the bent and fixed phrases, the shared words, the other key)."""
    open_keys = set(unlinked)
    rows = [r for r in sentences if (r["source"], r["index"]) in open_keys]
    out: dict[Key, dict[str, Any]] = {}
    for artifact in artifacts:
        if artifact.category != "rewrite":
            continue
        fixed = fixed_phrase(artifact.text)
        holder = next((r for r in rows if r["source"] == artifact.source_id
                       and r["start"] <= artifact.start < r["end"]), None)
        if fixed is None or holder is None:
            continue
        restored = set(_words(fixed)) - set(_words(artifact.text))
        for row in rows:
            if row["source"] == holder["source"] or row["language"] != holder["language"]:
                continue
            theirs = set(_words(row["text"]))
            shared = [w for w in dict.fromkeys(_words(fixed)) if w in theirs]
            if len(shared) < SHARED_AT_LEAST or not restored & set(shared):
                continue
            said = {"bent": artifact.text, "fixed": fixed, "shared": shared}
            out.setdefault((holder["source"], holder["index"]), {**said, "other": (row["source"], row["index"]),
                                                                 "holds": True})
            out.setdefault((row["source"], row["index"]), {**said, "other": (holder["source"], holder["index"]),
                                                           "holds": False})
    return out
