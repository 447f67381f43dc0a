"""Quotes: one speaker's statement as each source renders it, against a reference rendering.

Quotes come from the annotations when they exist (``Quote`` objects with a
resolved speaker); otherwise quoted spans are found with a quote-mark regex
and the speaker is guessed from the names in the same sentence.  When the
event has an official transcript, its sentences are the speaker's own words
and serve as the reference: each quote is matched to the transcript sentence
(or pair of consecutive sentences) it renders.  Without a transcript, quotes
that render the same words are grouped and the rendering from an original
report (else the lowest source id) is the reference.

A quote that renders only part of a longer reference statement (a clause of
a transcript sentence) is scored against that part: the reference span is
narrowed to the stretch the quote's words match (:func:`quoted_part`), so a
faithful partial quote reads as faithful, not as a loose paraphrase of the
whole sentence.

Fidelity, from the sacrebleu chrF of the rendering against the reference:
``verbatim`` (>= 90), ``close`` (>= 60), ``paraphrase`` (>= 30), else
``divergent``; a number, date or negation that differs makes any rendering
``divergent``.  ``dropped`` and ``added`` list content words of the reference
missing from the rendering, and the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from compare.align.features import content_lemmas, names, words
from compare.align.labels import divergences, word_diff
from compare.align.reference import reference_rank
from compare.model import Quote, QuoteMatch, Source
from compare.score import chrf
from compare.wordfreqs import zipf

QUOTE_RE = re.compile(r"“([^”]{12,}?)”|\"([^\"]{12,}?)\"|«([^»]{12,}?)»|„([^“”]{12,}?)[“”]")
MATCH_THRESHOLD = 0.3
FIDELITY = ((90.0, "verbatim"), (60.0, "close"), (30.0, "paraphrase"))
HARD_LABELS = frozenset({"number", "date", "negation"})
PART_BELOW = 0.6
"""A quote with fewer words than this share of its reference's may render only part of it (:func:`quoted_part`)."""
_TOKEN = re.compile(r"\S+")
_CLAUSE_MARKS = (",", ";", ":", "—", "–", " - ", "(", ")", ". ", "? ", "! ")
_EDGE = "\"“”«»„'‘’.,;:!?()[]—–-"


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch of one source (or one reference unit of a transcript)."""

    source_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    language: str


def find_quotes(source: Source) -> list[QuoteSpan]:
    """Quoted spans of at least three words, with a speaker guessed from names outside the quote."""
    out = []
    for match in QUOTE_RE.finditer(source.text):
        group = next(k for k in range(1, 5) if match.group(k) is not None)
        start, end = match.start(group), match.end(group)
        text = source.text[start:end]
        if len(text.split()) < 3:
            continue
        sentence = next((s for s in source.sentences if s.start <= start < s.end), None)
        speaker = None
        if sentence is not None:
            outside = source.text[sentence.start:start] + " " + source.text[end:sentence.end]
            found = _person_like(outside, source.language)
            speaker = found[-1] if found else None
        out.append(QuoteSpan(source.id, start, end, text, speaker, source.language))
    return out


def _person_like(text: str, language: str) -> list[str]:
    """Name stems in the text that are not also common words ("Minister", "Foreign")."""
    out = []
    for token in words(text):
        if token[:1].isupper() and len(token) >= 4 and (zipf(token.lower(), language) or 0.0) < 4.0:
            stems = names("x " + token)
            if stems:
                out.append(stems[0])
    return out


def _from_annotations(source: Source, quotes: Sequence[Quote]) -> list[QuoteSpan]:
    return [
        QuoteSpan(source.id, q.start, q.end, q.text, q.speaker, source.language)
        for q in quotes if q.direct and len(q.text.split()) >= 3
    ]


def _transcript_units(source: Source) -> list[QuoteSpan]:
    """Each sentence, and each pair of consecutive sentences, of an official transcript."""
    sentences = list(source.sentences)
    units = [QuoteSpan(source.id, s.start, s.end, s.text, None, source.language) for s in sentences]
    for first, second in zip(sentences, sentences[1:], strict=False):
        if first.paragraph == second.paragraph:
            text = source.text[first.start:second.end]
            units.append(QuoteSpan(source.id, first.start, second.end, text, None, source.language))
    return units


def _content(text: str, language: str) -> list[str]:
    return [w for w in words(text) if content_lemmas(w, language)]


def _token_key(token: str) -> str:
    return token.strip("\"“”«»„'‘’.,;:!?()[]—–-").casefold()


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened to the clause around it: back to the last clause mark before, on to the next."""
    before = max(text.rfind(mark, 0, start) for mark in _CLAUSE_MARKS)
    after = [i for i in (text.find(mark, end) for mark in _CLAUSE_MARKS) if i >= 0]
    new_start = before + 1 if before >= 0 else 0
    new_end = min(after) if after else len(text)
    while new_start < start and text[new_start].isspace():
        new_start += 1
    return min(start, new_start), max(end, new_end)


def _word_span(token: re.Match[str]) -> tuple[int, int]:
    """A whitespace token's span without the quote marks and punctuation around its word."""
    word = token.group()
    lead = len(word) - len(word.lstrip(_EDGE))
    trail = len(word) - len(word.rstrip(_EDGE))
    return token.start() + lead, token.end() - trail if trail < len(word) - lead else token.end()


def _parts(reference: QuoteSpan, rendering: QuoteSpan) -> tuple[QuoteSpan, QuoteSpan]:
    """(the part of ``reference`` the quote renders, the clauses around that part); both ``reference`` if none."""
    if reference.language != rendering.language:
        return reference, reference
    tokens = list(_TOKEN.finditer(reference.text))
    quoted = [_token_key(t) for t in rendering.text.split()]
    if not tokens or len(quoted) >= PART_BELOW * len(tokens):
        return reference, reference
    keys = [_token_key(t.group()) for t in tokens]
    matched = [b for b in SequenceMatcher(None, keys, quoted, autojunk=False).get_matching_blocks() if b.size]
    runs = [b for b in matched if b.size >= 2]
    if not runs:
        return reference, reference
    spans = [_word_span(t) for t in tokens]
    core = (spans[runs[0].a][0], spans[runs[-1].a + runs[-1].size - 1][1])
    clause = _clause_bounds(reference.text, *core)
    inside = [spans[i] for b in matched for i in range(b.a, b.a + b.size)
              if clause[0] <= spans[i][0] and spans[i][1] <= clause[1]]
    start = min([core[0]] + [a for a, _ in inside])
    end = max([core[1]] + [b for _, b in inside])
    if clause[1] - clause[0] >= len(reference.text.strip()):
        return reference, reference

    def span(a: int, b: int) -> QuoteSpan:
        return replace(reference, start=reference.start + a, end=reference.start + b, text=reference.text[a:b])

    part = span(start, end)
    if chrf(rendering.text, part.text) <= chrf(rendering.text, reference.text):
        return reference, reference
    return part, span(*clause)


def quoted_part(reference: QuoteSpan, rendering: QuoteSpan) -> QuoteSpan:
    """The part of ``reference`` a shorter quote renders, or ``reference`` itself.

    Only in one language (the words must match), only for a quote much
    shorter than its reference (``PART_BELOW``), and only when the part reads
    closer (higher chrF) than the whole.  The part runs from the first to the
    last stretch of two or more words the quote shares with the reference, in
    order, and takes in single shared words ("war" in "the Second World War")
    up to the ends of the clause around it.  Fidelity is read on the part;
    numbers, dates and negation on the whole clause (:func:`_render`), so a
    "not" or a number just outside the shared words still counts: "send
    troops" against "We will not send troops" is a negation, "30 rescue
    workers" against "we will send 300 rescue workers" a different number.
    """
    return _parts(reference, rendering)[0]


def _render(event: str, reference: QuoteSpan, rendering: QuoteSpan, speaker: str) -> QuoteMatch:
    reference, clause = _parts(reference, rendering)
    if HARD_LABELS & set(divergences(clause.text, rendering.text)) - set(divergences(reference.text, rendering.text)):
        reference = clause  # the "not" or the number is beside the quoted words: show the reader where it is
    score = chrf(rendering.text, reference.text)
    fidelity = next((label for floor, label in FIDELITY if score >= floor), "divergent")
    if HARD_LABELS & set(divergences(reference.text, rendering.text)):
        fidelity = "divergent"
    ref_words = _content(reference.text, reference.language)
    ren_words = _content(rendering.text, rendering.language)
    ref_keys = {content_lemmas(w, reference.language)[0] for w in ref_words}
    ren_keys = {content_lemmas(w, rendering.language)[0] for w in ren_words}
    dropped = tuple(dict.fromkeys(w for w in ref_words if content_lemmas(w, reference.language)[0] not in ren_keys))
    added = tuple(dict.fromkeys(w for w in ren_words if content_lemmas(w, rendering.language)[0] not in ref_keys))
    return QuoteMatch(
        event=event, speaker=speaker, reference_source=reference.source_id, reference_start=reference.start,
        reference_end=reference.end, source_id=rendering.source_id, start=rendering.start, end=rendering.end,
        fidelity=fidelity, chrf=round(score, 4), dropped=dropped, added=added,
        diff=word_diff(reference.text, rendering.text),
    )


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def match_quotes(event: str, sources: Sequence[Source], backend, annotations=None) -> tuple[QuoteMatch, ...]:
    """Every quote that renders a statement found elsewhere in the event, against its reference."""
    ordered = sorted(sources, key=lambda s: s.id)
    transcripts = [s for s in ordered if s.kind == "official-transcript"]
    quotes: list[QuoteSpan] = []
    for source in ordered:
        if source.kind == "official-transcript":
            continue
        annotated = getattr(annotations, "quotes", None) or {}
        spans = _from_annotations(source, annotated.get(source.id, ())) if source.id in annotated else []
        quotes.extend(spans or find_quotes(source))
    if not quotes:
        return ()
    units = [u for t in transcripts for u in _transcript_units(t)]
    texts = [q.text for q in quotes] + [u.text for u in units]
    langs = [q.language for q in quotes] + [u.language for u in units]
    matrices = backend.prepare(texts, langs)
    quote_rows = matrices.take(range(len(quotes)))
    results: list[QuoteMatch] = []
    if units:
        speaker = _transcript_speaker(transcripts[0], {q.speaker for q in quotes if q.speaker})
        sim, _ = quote_rows.pairwise(matrices.take(range(len(quotes), len(texts))))
        for k, quote in enumerate(quotes):
            best = int(np.argmax(sim[k]))
            if sim[k, best] >= MATCH_THRESHOLD and _compatible(quote.speaker, speaker):
                results.append(_render(event, units[best], quote, quote.speaker or speaker or "unknown"))
        return tuple(sorted(results, key=lambda m: (m.reference_start, m.source_id, m.start)))
    sim, _ = quote_rows.pairwise(quote_rows)
    rank = {s.id: reference_rank(s) for s in ordered}
    seen: set[int] = set()
    for k in sorted(range(len(quotes)), key=lambda x: (rank[quotes[x].source_id], quotes[x].start)):
        if k in seen:
            continue
        group = [k] + [
            m for m in range(len(quotes))
            if m != k and m not in seen and quotes[m].source_id != quotes[k].source_id
            and sim[k, m] >= MATCH_THRESHOLD and _compatible(quotes[k].speaker, quotes[m].speaker)
        ]
        if len(group) < 2:
            continue
        seen.update(group)
        speaker = next((quotes[m].speaker for m in group if quotes[m].speaker), "unknown")
        for m in group[1:]:
            results.append(_render(event, quotes[k], quotes[m], speaker))
    return tuple(sorted(results, key=lambda m: (m.reference_source, m.reference_start, m.source_id, m.start)))


def _transcript_speaker(source: Source, quoted: set[str]) -> str | None:
    """The speaker named in a transcript's title or first sentence ("Sergey Lavrov's statement").

    Of the names there, the one other sources quote is taken; failing that, None
    (compatible with any speaker).
    """
    head = " ".join(filter(None, [source.title, source.sentences[0].text if source.sentences else ""]))
    found = _person_like(head, source.language)
    return next((n for n in found if n in quoted), None)
