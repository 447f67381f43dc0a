"""``person-not-introduced``: a report names a speaker by one word and never says who the person is.

Why: the 2017 rewrite (004) writes "At the beginning of the talks, Akiba said that Japan intends to move forward
..." and nowhere gives Akiba's first name, title or role, and no other source names him (r39's note on c40).  A
name lifted without its introduction is a checkable fact about the text, and a tell of rewriting a reader should
see; who the person is, or where the sentence came from, the text does not say, so the finding says no more.

The rule, per source: a capitalised word that speaks (``W said``, ``said W``; the verbs of ``SPEECH``) and that the
text never writes after another capitalised word (a first name: "Tomomi Inada"), after a title or office within
three words ("Deputy Foreign Minister Akiba", "Mr Akiba"), or before a comma and a role ("Akiba, Japan's deputy
minister"), where no other source of the event has the word at all, nor, in another language, a word that reads
as it (``absence_visible``: none is claimed beside a text in a script without capitals, such as a Chinese
original).  The verifier rereads the texts.
"""

from __future__ import annotations

import re
from typing import Any

from compare.findings.base import Finding, register
from compare.model import EventResult
from compare.provenance.checks import absence_visible

KIND = "person-not-introduced"
SPEECH = "said|says|stated|noted|added|told|stressed|explained|announced|emphasized|emphasised"
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "minister", "president", "premier", "chancellor", "secretary", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "director", "chief", "head", "deputy", "official",
    "general", "governor", "mayor", "senator", "chairman", "chair", "leader", "representative", "counterpart",
    "colleague", "diplomat", "vice", "king", "queen", "prince", "emperor", "professor", "commander", "adviser",
    "advisor", "aide", "negotiator", "representatives",
})
"""Words that say who a named person is, when they stand just before the name or in an apposition after it."""
_NOT_NAMES = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which", "tass", "efe",
                        "reuters", "kyodo", "interfax", "ria", "ap", "afp",
                        # "said Sunday": a day or a month after a speech verb is when, not who (W bench, en-de)
                        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "june", "july", "august", "september", "october",
                        "november", "december"})


def _speakers(text: str) -> list[str]:
    words = re.findall(rf"\b([A-Z][a-z]{{2,}})\s+(?:{SPEECH})\b", text)
    words += re.findall(rf"\b(?:{SPEECH})\s+([A-Z][a-z]{{2,}})\b(?!\s+[A-Z])", text)  # not "said United States"
    return list(dict.fromkeys(w for w in words if w.lower() not in _NOT_NAMES))


def introduced(name: str, text: str) -> bool:
    """Whether the text says who ``name`` is somewhere: a first name before it, a title within three words before
    it, or a comma and a title word after it."""
    for m in re.finditer(rf"\b{re.escape(name)}\b", text):
        before = re.findall(r"[A-Za-z’'-]+", text[max(0, m.start() - 60):m.start()])[-3:]
        if before and before[-1][:1].isupper() and before[-1].lower() not in _NOT_NAMES and not re.search(
                r"[.!?]\s*$", text[:m.start()][-len(before[-1]) - 3:]):
            return True  # "Tomomi Inada", "Minister Akiba"
        if any(w.lower().strip("’'s") in TITLE_WORDS for w in before):
            return True
        after = text[m.end():m.end() + 80]
        if after.startswith(",") and any(w.lower() in TITLE_WORDS for w in re.findall(r"[A-Za-z]+", after[:60])):
            return True
    return False


def _judge(item: EventResult) -> list[tuple[str, str]]:
    out = []
    for source in item.sources:
        others = " ".join(s.text for s in item.sources if s.id != source.id)
        across = [s.text for s in item.sources if s.id != source.id and s.language != source.language]
        for name in _speakers(source.text):
            if introduced(name, source.text) or re.search(rf"\b{re.escape(name)}\b", others):
                continue
            if not all(absence_visible("person", name, text) for text in across):
                # "no other source of this event names that person" was said of English translations whose Chinese
                # original names him in characters ('Joblo', 'Areasa': the W bench, zh-en), and of "Congress"
                # beside German versions that write "Kongress": across languages the absence is said only where
                # the surname check can see it (compare.provenance.checks.absence_visible)
                continue
            out.append((source.id, name))
    return out


def build(item: EventResult) -> list[Finding]:
    out = []
    for sid, name in _judge(item):
        text = next(s.text for s in item.sources if s.id == sid)
        m = re.search(rf"\b{re.escape(name)}\b", text)
        out.append(Finding(KIND, (sid, name),
                           f"It names ‘{name}’ without saying who {name} is: no first name, title or role anywhere "
                           "in its text, and no other source of this event names that person.",
                           {"name": name}, (f"{sid}@{m.start()}-{m.end()}",) if m else ()))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    if tuple(finding.subjects) not in set(_judge(item)):
        return f"{finding.subjects[0]} introduces '{finding.subjects[1]}', or another source names that person"
    return None


register(KIND, build, verify)
