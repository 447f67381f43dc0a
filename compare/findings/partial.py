"""``row-shared-in-part``: a linked row whose sentences share names and titles and at most one other word.

Why: 2017's row c2 links TASS's "The Russian foreign minister will also hold talks with his Japanese counterpart
Fumio Kishida, the parties are expected to consider the implementation of the agreements ..." with the rewrite's
"Russian Foreign Minister Sergey Lavrov and Defence Minister Sergey Shoygu are expected to discuss regional security
issues with their Japanese counterparts Fumio Kishida and Tomomi Inada".  The link is the lexical pass's, and it
holds much of the seed gold's recall: removing it, or leaving titles out of the content rule, cost seed gold R 0.767
-> 0.674 (truth5, docs/methods.md).  But "shared by all" told a reader the two sentences say the same thing, when
they share the ministers, the names and "expected" and nothing of the agenda.  So the link stays and the row says
less: "shared in part", with the words the sentences share and that the rest of each is not in the other.

The rule, for a row whose sources are all in one language: every link inside the row joins two sentences whose
shared content, once names (either side's), titles, offices, demonyms and function words are left out, is at most
``MAX_SHARED`` word (one predicate, or nothing: "expect"), and each of which carries at least ``MIN_OWN`` content
words the other lacks (so a sentence that is a short restatement of the other, "The talks were straightforward.",
is no partial row).  Words match as the content rule matches them (``align.specifics``: lemmas, WordNet senses in
English, names on their first five letters).  On the seeds the rule marks 2017's c2 alone.  The verifier recomputes
it from the event's sentences and links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from compare.align.features import lemma, words
from compare.align.specifics import Items, _same_name, _senses, items
from compare.findings.base import Finding, register
from compare.model import EventResult

KIND = "row-shared-in-part"
MAX_SHARED = 1
MIN_OWN = 3
TITLES = frozenset({
    "minister", "ministry", "foreign", "defence", "defense", "affairs", "counterpart", "president", "prime",
    "secretary", "chief", "head", "top", "diplomat", "spokesman", "spokeswoman", "official", "deputy", "federation",
    "russian", "japanese", "chinese", "american", "russia", "japan", "china", "side", "party", "country", "two",
    "according", "also",
})
"""Titles, offices, demonyms and the words every report of a meeting has: a pair sharing only these and names shares
who met, not what was said."""


def _content(mine: Items, theirs: Items) -> list[str]:
    """``mine``'s content words less names (of either side) and titles."""
    named = set(mine.names) | set(theirs.names)
    return [w for w in mine.words if w not in named and not _same_name(w, named) and w not in TITLES]


def _matches(word: str, others: Iterable[str], language: str) -> bool:
    others = list(others)
    if word in others:
        return True
    senses = _senses(word, language)
    return any(senses & _senses(o, language) for o in others)


def shared_and_own(text_a: str, text_b: str, language: str) -> tuple[list[str], list[str], list[str]]:
    """The content words (lemmas) two sentences share beyond names and titles, and each side's own."""
    a, b = items(text_a, language), items(text_b, language)
    content_a, content_b = _content(a, b), _content(b, a)
    shared = [w for w in content_a if _matches(w, content_b, language)]
    own_a = [w for w in content_a if w not in shared]
    own_b = [w for w in content_b if not _matches(w, content_a, language)]
    return shared, own_a, own_b


def in_part(text_a: str, text_b: str, language: str) -> bool:
    """True when the two sentences share at most ``MAX_SHARED`` content word and each has ``MIN_OWN`` of its own."""
    shared, own_a, own_b = shared_and_own(text_a, text_b, language)
    return len(shared) <= MAX_SHARED and len(own_a) >= MIN_OWN and len(own_b) >= MIN_OWN


CLAUSE_BREAK = re.compile(r"\s*(?:;|:\s|,\s*(?:in addition|besides|moreover|furthermore|also),|,\s+(?=(?:and|while|but|"
                          r"whereas|as well as)\s))\s*", re.I)
"""Where a sentence joins two statements: a semicolon, a colon, ", in addition,", or a comma before "and", "while",
"but", "whereas" or "as well as"."""
CLAUSE_OWN = 4
"""Content words of its own (beyond names and titles) a clause needs, sharing none with the other sentence, to be a
statement the other sentence does not make (fitted on MSRP train, bench/clause_partial_msrp.py)."""
CLAUSE_SHARED = 2
"""Content words the other clause must share with the other sentence: the part the two have in common."""


def clauses(text: str) -> list[str]:
    """The clauses a sentence joins (``CLAUSE_BREAK``), each stripped of the joining word."""
    parts = [p.strip(" ,.\"“”'‘’«»") for p in CLAUSE_BREAK.split(text)]
    return [re.sub(r"^(?:and|while|but|whereas|as well as)\s+", "", p, flags=re.I) for p in parts if p]


def clause_only_one_side(text_a: str, text_b: str, language: str, own_min: int = CLAUSE_OWN,
                         shared_min: int = CLAUSE_SHARED) -> str | None:
    """The clause of the longer sentence that the other does not make, where another clause carries what the two
    share; else None.

    Why: r39's 2017 c3 links TASS's "Confidence-building measures in the defense and security sphere will also be
    discussed, in addition, we well express our views on the deployment of the US missile defense systems to Japan"
    with the rewrite's "Russian Federation also objects to USA missile defense systems in Japan": the second clause
    has its counterpart, the first has none, and the row said "shared by all".  A clause with ``CLAUSE_OWN`` content
    words of its own, none of them (names and titles aside) in the other sentence, beside a clause sharing at least
    ``CLAUSE_SHARED`` with it, is a statement only one side makes."""
    size_a, size_b = len(items(text_a, language).words), len(items(text_b, language).words)
    longer, shorter = (text_a, text_b) if size_a >= size_b else (text_b, text_a)
    parts = clauses(longer)
    if len(parts) < 2:
        return None
    judged = [shared_and_own(part, shorter, language) for part in parts]
    carries = any(len(shared) >= shared_min for shared, _, _ in judged)
    for part, (shared, own, _) in zip(parts, judged, strict=True):
        if not shared and len(own) >= own_min and carries:
            return part
    return None


def shared_words(text_a: str, text_b: str, language: str) -> tuple[str, ...]:
    """The words of ``text_a``, as written, whose lemma (or name) ``text_b`` has too: what the two sentences share."""
    b = items(text_b, language)
    theirs = set(b.words) | set(b.names)
    out = []
    for token in words(text_a):
        low = token.lower()
        key = lemma(low, language)
        if key in theirs or low in theirs or (token[:1].isupper() and _same_name(low, b.names)) or (
                key not in TITLES and len(key) > 2 and any(_senses(key, language) & _senses(w, language)
                                                             for w in b.words if w not in TITLES)):
            if key in items(text_a, language).words or low in items(text_a, language).names:
                out.append(token)
    return tuple(dict.fromkeys(out))


def _row_links(item: EventResult) -> dict[str, list[tuple[tuple[str, int], tuple[str, int]]]]:
    claim_of = {member: claim.id for claim in item.alignment.claims for member in claim.members}
    out: dict[str, list[tuple[tuple[str, int], tuple[str, int]]]] = {}
    for lk in item.alignment.links:
        a, b = (lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)
        if claim_of.get(a) is not None and claim_of.get(a) == claim_of.get(b):
            out.setdefault(claim_of[a], []).append((a, b))
    return out


def _judge(item: EventResult, claim_id: str) -> dict[str, Any] | None:
    """What makes the row shared in part, if it is: the words its linked sentences share (``shared``), and where
    one side's sentence joins a clause the other does not make, that clause and its source; else None."""
    language = {s.id: s.language for s in item.sources}
    text = {(s.id, x.index): x.text for s in item.sources for x in s.sentences}
    pairs = _row_links(item).get(claim_id, [])
    if not pairs or len({language[a[0]] for pair in pairs for a in pair}) != 1:
        return None
    lang = language[pairs[0][0][0]]
    if all(in_part(text[a], text[b], lang) for a, b in pairs):
        a, b = pairs[0]
        return {"shared": shared_words(text[a], text[b], lang)}
    found = [clause_only_one_side(text[a], text[b], lang) for a, b in pairs]
    if not all(found) or len(set(found)) != 1:
        return None
    a, b = pairs[0]
    owner, other = (a, b) if found[0] in text[a] else (b, a)
    rest = " ".join(part for part in clauses(text[owner]) if part != found[0])
    return {"shared": shared_words(rest, text[other], lang), "clause": found[0], "source": owner[0]}


def in_part_sentence(shared: tuple[str, ...], clause: str = "", source: str = "") -> str:
    quoted = ", ".join(f"‘{w}’" for w in shared)
    if clause:
        return (f"shared in part: only {source} says “{clause}”; the rest of its sentence shares {quoted} with the "
                "other")
    return f"shared in part: beyond function words the two sentences share only {quoted}; each says more that the other does not"


def build(item: EventResult) -> list[Finding]:
    out = []
    for claim in item.alignment.claims:
        if len({sid for sid, _ in claim.members}) < 2:
            continue
        judged = _judge(item, claim.id)
        if judged is None:
            continue
        out.append(Finding(KIND, (claim.id,), in_part_sentence(judged["shared"], judged.get("clause", ""),
                                                                judged.get("source", "")), judged,
                           tuple(f"{sid}:{index}" for sid, index in claim.members)))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    judged = _judge(item, finding.subjects[0])
    if judged is None:
        return f"row {finding.subjects[0]} shares more than names, titles and one word, or is not linked"
    for key in ("shared", "clause", "source"):
        mine, said = judged.get(key), finding.figures.get(key)
        if (tuple(mine) if key == "shared" else mine) != (tuple(said) if key == "shared" and said else said):
            return f"row {finding.subjects[0]}'s {key} is {mine}, not {said}"
    return None


register(KIND, build, verify)
