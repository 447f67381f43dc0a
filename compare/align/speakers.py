"""Who speaks in each sentence, so that one speaker's words never link to another speaker's.

Two reports can quote two ministers saying similar things about the same
topic ("We will continue to discuss cooperation on non-proliferation");
wording and embeddings alike call them one statement.  The quote annotations
know better: a sentence quoting Kono and a sentence quoting (or transcribing)
Lavrov are different statements, whatever their words share.  Only speakers
resolved to a *person* entity count (an annotation may name a place or a
ministry as the source of a statement).  A sentence that names other people
may be reporting their words ("Foreign Minister Kono expressed concern", in
Lavrov's transcript), so the people it names count as its speakers too; a
link is dropped only when both sentences have speakers and none is shared,
so a sentence that says both said it still links to either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from compare.model import Annotations, Link, Source

Speakers = dict[tuple[str, int], frozenset[str]]


def _people(annotations: Annotations) -> dict[str, str]:
    """Any spelling of a person, case-folded, to the person's entity id."""
    names: dict[str, str] = {}
    for entity in annotations.entities:
        if entity.type != "person":
            continue
        names.setdefault(entity.name.casefold(), entity.id)
        for spellings in entity.variants.values():
            for spelling in spellings:
                names.setdefault(spelling.casefold(), entity.id)
    return names


def transcript_speaker(source: Source, annotations: Annotations) -> str | None:
    """The person an official transcript is the statement of, named in its title ("Sergey Lavrov's statement")."""
    if source.kind != "official-transcript" or not source.title:
        return None
    from compare.annotate.names import find_names

    people = _people(annotations)
    for match in find_names(source.title, source.language if source.language != "und" else "en"):
        if match.type == "person":
            entity = people.get(match.text.casefold())
            if entity is None:
                surname = match.text.split()[-1].casefold()
                entity = next((eid for name, eid in sorted(people.items()) if name.split()[-1] == surname), None)
            if entity is not None:
                return entity
    return None


SPEECH_VERBS = frozenset("""said says stressed noted added assured declared explained emphasised emphasized
expressed informed told announced stated warned recalled believes believed hopes hoped mentioned""".split())
"""English verbs that report what their subject said, right after a person's name: "Sergey Shoigu said what
counts on fruitful cooperation" is Shoigu's statement, not the transcript speaker's."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def reporting_subject(text: str, mention_end: int) -> bool:
    """Whether a speech verb follows a name directly ("Shoigu said", "Shoigu, in turn, said" is not read)."""
    following = _WORD.findall(text[mention_end:mention_end + 24])
    return bool(following) and following[0].lower() in SPEECH_VERBS


PRONOUNS = frozenset({"he", "she"})
"""English subject pronouns that carry a reported statement on to the next sentence: "In turn, Sergey Shoigu said
... He expressed confidence that ..." is still Shoigu speaking."""


def pronoun_reporting(text: str) -> bool:
    """Whether a sentence opens with "He"/"She" and a speech verb ("He expressed confidence that ...")."""
    words = _WORD.findall(text[:40])
    return len(words) >= 2 and words[0].lower() in PRONOUNS and words[1].lower() in SPEECH_VERBS


def _resolve_pronouns(source: Source, found: dict[tuple[str, int], set[str]], named: dict[int, set[str]]) -> None:
    """Give "He said ..." sentences the one person the sentence before speaks as, or else names (in place).

    Without it the sentence has no speaker, takes its strongest link's (in a transcript: the transcript's
    speaker), and a defence minister's words sit under the foreign minister's.  Only an unambiguous antecedent
    counts: the previous sentence's single speaker, or else the single person it names.
    """
    ordered = list(source.sentences)
    for before, sentence in zip(ordered, ordered[1:], strict=False):
        key = (source.id, sentence.index)
        if key in found or not pronoun_reporting(sentence.text):
            continue
        previous = found.get((source.id, before.index)) or named.get(before.index, set())
        if len(previous) == 1:
            found[key] = set(previous)


def sentence_speakers(sources: Sequence[Source], annotations: Annotations | None, reported: bool = True) -> Speakers:
    """Person entity ids speaking in each (source, sentence): quote speakers, a transcript's speaker, or the
    person a sentence reports as saying something ("X said ...", and "He said ..." after a sentence with one
    speaker or one person named; English only)."""
    if annotations is None:
        return {}
    people = {e.id for e in annotations.entities if e.type == "person"}
    found: dict[tuple[str, int], set[str]] = {}
    for source in sources:
        named: dict[int, set[str]] = {}
        for mention in annotations.mentions.get(source.id, ()):
            if mention.entity in people:
                named.setdefault(mention.sentence, set()).add(mention.entity)
        speaker = transcript_speaker(source, annotations)
        if speaker is not None:
            for sentence in source.sentences:
                found.setdefault((source.id, sentence.index), set()).add(speaker)
        for quote in annotations.quotes.get(source.id, ()):
            if quote.speaker_entity in people:
                for index in quote.sentences:
                    found.setdefault((source.id, index), set()).add(quote.speaker_entity)
        if reported and speaker is None and source.language == "en":
            sentences = {sentence.index: sentence for sentence in source.sentences}
            for mention in annotations.mentions.get(source.id, ()):
                sentence = sentences.get(mention.sentence)
                if (mention.entity in people and sentence is not None and (source.id, mention.sentence) not in found
                        and reporting_subject(source.text, mention.end)):
                    found.setdefault((source.id, mention.sentence), set()).add(mention.entity)
            _resolve_pronouns(source, found, named)
        for key, speakers in found.items():
            if key[0] == source.id:
                speakers.update(named.get(key[1], ()))
    return {key: frozenset(value) for key, value in found.items()}


def disjoint(link: Link, speakers: Speakers, known: Known | None = None) -> bool:
    """True when both sentences have speakers and they share none.

    With ``known`` (:func:`known_speakers`), a link between two languages counts only the speakers each side's
    source names too: a speaker one language's report alone names is more likely a misreading than another person
    (planted p02: the German quotations credited to "Marsch von Tausenden", a headline phrase, and the English ones to
    "Pepper Spray", left every German rendering of Mukherjee's words unlinked; issue 23, truth20)."""
    a = speakers.get((link.source_a, link.sentence_a))
    b = speakers.get((link.source_b, link.sentence_b))
    if known is not None and a and b:
        languages, named = known
        if languages.get(link.source_a) != languages.get(link.source_b):
            a = a & named.get(link.source_b, frozenset())
            b = b & named.get(link.source_a, frozenset())
    return bool(a and b and not (a & b))


Known = tuple[dict[str, str], dict[str, frozenset[str]]]


def known_speakers(sources: Sequence[Source], annotations: Annotations | None) -> Known | None:
    """Each source's language and the person entities it names (for :func:`disjoint` across languages)."""
    if annotations is None:
        return None
    people = {e.id for e in annotations.entities if e.type == "person"}
    named = {s.id: frozenset(m.entity for m in annotations.mentions.get(s.id, ()) if m.entity in people)
             for s in sources}
    return {s.id: s.language for s in sources}, named


def inherited(links: Sequence[Link], speakers: Speakers) -> Speakers:
    """Speakers for unattributed sentences, from the attributed sentence each is most strongly linked to.

    A report paraphrasing a minister without quotation marks ("Lavrov also
    said the talks covered the alliance") carries no quote annotation, but
    its strongest link to a transcript sentence says whose words it renders;
    without this, a third source's quote of someone else joins through it.
    """
    best: dict[tuple[str, int], tuple[float, frozenset[str]]] = {}
    for link in sorted(links, key=lambda lk: (-lk.similarity, lk.source_a, lk.sentence_a, lk.source_b, lk.sentence_b)):
        for here, there in (((link.source_a, link.sentence_a), (link.source_b, link.sentence_b)),
                            ((link.source_b, link.sentence_b), (link.source_a, link.sentence_a))):
            if here not in speakers and there in speakers and here not in best:
                best[here] = (link.similarity, speakers[there])
    return {**speakers, **{key: value for key, (_, value) in best.items()}}


def drop_cross_speaker(links: Iterable[Link], speakers: Speakers, inheritable: Speakers | None = None,
                       known: Known | None = None) -> list[Link]:
    """The links whose two sentences are not attributed to two different speakers.

    Sentences without an attribution of their own take it from their
    strongest link (``inherited``) before the second check, from the
    attributions in ``inheritable`` only (default: all): a speaker read from
    "X said ..." rules out a link of that sentence, but is too loose a cue to
    pass on to its neighbours' links.
    """
    kept = [link for link in links if not disjoint(link, speakers, known)]
    widened = inherited(kept, speakers if inheritable is None else inheritable)
    return [link for link in kept if not disjoint(link, {**widened, **speakers}, known)]
