"""Whose words a stretch of a report is: the outlet's own, a quotation's, or reported speech.

A contested name inside a quotation is the speaker's usage, not the
outlet's; so is a name the report attributes ("the islands that the Tokyo
government calls 'the northern territories'").  Framing reads every term's
voice here, from the annotate stage's quotes and a small rule set:

1. **quotation**: the term lies inside a direct quotation (``Quote.direct``)
   whose quoted words are more than the term itself; the speaker is the
   quotation's.
2. **reported-speech, naming**: a verb of naming (en call/calls/called,
   dub, term; ru называет/называют; de nennt/nennen/bezeichnet; fr
   appelle/appellent/nomme/qualifie; it chiama/chiamano/definisce; zh 称为)
   stands at most two words ("them", "it", "als", "de") before the term; the
   speaker is the phrase before the verb, back to a clause boundary ("that",
   "which", a comma, a bracket) and at most five words ("called", "termed" and
   "dubbed" may be passive: "the islands called X by Japan" gives Japan, and
   without "by" the phrase must hold a capitalised name).  Or the term is
   followed by the verb itself, as German puts it last ("die Tokio als X
   bezeichnet"), or, in the same clause, by "as X calls it" (ru как … называет, de wie
   … nennt, fr comme … appelle, it come … chiama), or by "for X" with X a
   capitalised name (it per, fr pour, de für, ru для): "(the northern
   territories for Japan)".
3. **reported-speech**: the term lies inside indirect speech ("X said that
   …", "according to X, …": ``Quote.direct`` False); the speaker is X.
4. otherwise **outlet**: the report's own choice of words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compare.model import Quote

VOICES = ("outlet", "quotation", "reported-speech")

NAMING_VERBS = frozenset("""call calls called calling dub dubs dubbed term terms termed
    называет называют называл называла называли именует именуют
    nennt nennen nannte nannten bezeichnet bezeichnen bezeichnete
    appelle appellent appelait appelaient nomme nomment qualifie qualifient
    chiama chiamano chiamava chiamavano definisce definiscono
    称为 称之为""".split())
"""Verbs by which a report says someone else calls a thing by a name."""

_BETWEEN = frozenset({"them", "it", "this", "these", "als", "de", "d'", "их", "его", "её", "ее", "это", "les", "la",
                      "le", "li", "lo", "sie", "es", "ihn"})
"""Words that may stand between a naming verb and the name ("calls them 'the northern territories'")."""
_PARTICIPLES = frozenset({"called", "termed", "dubbed"})
"""English forms that are also passive participles ("the islands called X"): read only with a named subject."""
_ARTICLES = frozenset({"the", "die", "der", "den", "das", "les", "la", "le", "il", "i", "gli"})
_AS = frozenset({"as", "как", "wie", "comme", "come"})
_FOR = frozenset({"for", "per", "pour", "für", "для"})
_BOUNDARY = frozenset({"that", "which", "who", "whom", "what", ",", "(", ")", ";", ":", ".", "—", "–", "что",
                       "который", "которые", "die", "der", "das", "den", "qui", "que", "che", "cui", "dass"})
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[,.;:()—–]", re.UNICODE)
_MARKS = "\"“”«»„‘’'"
MAX_SUBJECT = 5


def _tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]


def _subject_before(tokens: list[tuple[int, int, str]], text: str) -> str | None:
    """The phrase just before a naming verb, back to a clause boundary, if it is short enough to be a subject."""
    words: list[tuple[int, int, str]] = []
    for token in reversed(tokens):
        if token[2].lower() in _BOUNDARY:
            break
        words.insert(0, token)
        if len(words) > MAX_SUBJECT:
            return None
    while words and words[-1][2].lower() in _BETWEEN:  # French and Italian put the pronoun first: "Tokyo les appelle"
        words.pop()
    return text[words[0][0]:words[-1][1]] if words else None


def naming_speaker(text: str, start: int, end: int, sentence: tuple[int, int]) -> str | None:
    """Who the report says calls the thing at ``start``-``end`` by that name (rule 2), or None."""
    lo, hi = sentence
    before = _tokens(text[lo:start], lo)
    near = before[-3:]
    for k in range(len(near) - 1, -1, -1):
        word = near[k][2].lower()
        if word in NAMING_VERBS:
            if all(t[2].lower() in _BETWEEN for t in near[k + 1:]):
                verb_at = len(before) - len(near) + k
                subject = _subject_before(before[:verb_at], text)
                if word not in _PARTICIPLES:
                    return subject
                # "the islands called X by Japan" is passive: the namer follows "by"; "Tokyo called X" is not.
                agent = _tokens(text[end:hi], end)[:3]
                if len(agent) > 1 and agent[0][2].lower() == "by" and agent[1][2][:1].isupper():
                    return agent[1][2]
                if subject and any(w[:1].isupper() and w.lower() not in _ARTICLES for w in subject.split()):
                    return subject
            break
    after = _tokens(text[end:hi], end)
    clause: list[tuple[int, int, str]] = []
    for token in after:
        if token[2] in {".", ";", ")", "(", "—", "–"}:
            break
        clause.append(token)
    lowered = [t[2].lower() for t in clause]
    if lowered[:1] and lowered[0] in NAMING_VERBS:  # German puts the verb last: "die Tokio (als) X nennt"
        head = before[:]
        while head and head[-1][2].lower() in _BETWEEN | _ARTICLES:
            head.pop()
        subject = _subject_before(head, text)
        if subject:
            return subject
    if lowered[:1] == [","]:
        clause, lowered = clause[1:], lowered[1:]
    if lowered and lowered[0] in _AS:
        verb = next((i for i, w in enumerate(lowered[:8]) if w in NAMING_VERBS), None)
        if verb is not None:
            subject = [t for t in clause[1:verb] if t[2].lower() not in _BETWEEN] or [
                t for t in clause[verb + 1:verb + 4] if t[2] not in {","} and t[2].lower() not in _BETWEEN]
            if subject:
                return text[subject[0][0]:subject[-1][1]]
    if lowered and lowered[0] in _FOR and len(clause) > 1 and clause[1][2][:1].isupper():
        name = [clause[1]]
        for token in clause[2:4]:
            if not token[2][:1].isupper():
                break
            name.append(token)
        return text[name[0][0]:name[-1][1]]
    return None


def voice_of(text: str, start: int, end: int, sentence: tuple[int, int], quotes: Sequence[Quote]) -> tuple[str, str]:
    """(voice, speaker) of the words at ``start``-``end`` of ``text`` (rules 1-4 of the module docstring)."""
    term_words = len(_tokens(text[start:end]))
    for q in quotes:
        if q.direct and q.start <= start and end <= q.end and len(_tokens(q.text.strip(_MARKS))) > term_words:
            return "quotation", q.speaker or ""
    named = naming_speaker(text, start, end, sentence)
    if named:
        return "reported-speech", named
    for q in quotes:
        if not q.direct and q.start <= start and end <= q.end:
            return "reported-speech", q.speaker or ""
    return "outlet", ""


__all__ = ["NAMING_VERBS", "VOICES", "naming_speaker", "voice_of"]
