"""``row-stance-strength``: a linked row whose sources word a stance at different strength, each word with its voice.

Why: r47's 2019 row c3 links MID's "Foreign Minister of Japan Taro Kono expressed concern over Russia's military
activity" with 000's and 003's "Tokyo considers ... unacceptable", and said "shared by all" with only a ``name``
tag: the row whose sources give Japan's position in words of different strength showed no difference at all.  The tool
cannot read a stance, but it can check words: a small graded lexicon (``compare/data/stance_strength.csv``:
concern / worry = 1 < oppose / object to = 2 < unacceptable / condemn = 3, a few forms per language) finds each
cell's stance words, and where two sources' strongest words differ in grade the row says so, quoting each side's
words, so a reader checks them in the cells.

The rule: a row with sentences of two sources or more; each source's strongest stance word across its cells (a
form preceded within three words by a negation is not counted); at least two sources have one and their grades
differ ('strength'), or a source has one of grade 2 or more (oppose, object to, unacceptable) and another source of
the row has none ('one-sided', r53, 2017 c2: 004's own "objects to" beside TASS's ministry saying it will "express
our views").  Forms match as whole words, case folded.

Every word is said with whose words it is (r48 to r53, 2019 c3: 'unacceptable' is Kono's word that 000 and 003
report, 'expressed concern' Lavrov's account of him in MID's transcript of his statement; "000 and 003 have
‘unacceptable’; 001 nothing stronger" read as the outlets turning the stance up): ``compare.voice`` on the annotate
stage's quotations, a verb of speech before a that-clause with its named subject ("Kono in return pointed out that
... unacceptable"), and a transcript's own words as its speaker's.  The first screen, the overview and the set index
say the row only where the strengths differ and every word they show has a voice read (``brief``); else only the
row's note says it, each side's words with their voices.  On the seeds it marks 2019's c3 (strength) and 2017's c2
(one-sided), and no other row.  On MSRP train (bench/stance_strength_msrp.py) the strength rule fires on none of
2,687 paraphrase pairs and none of 1,248 others; the one-sided rule on 12 paraphrase pairs (0.45%) and 6 others
(0.48%), mostly where the other side words it outside the list ('voiced strong criticism', 'denied', 'filed suit'):
the note says the other side has none of the list's words, not that it takes no stance.  The verifier recomputes the words
and their voices from the event's sentences and the run's annotations and checks each quoted word against the clean
text at its offsets.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from compare.annotate.speech import ACCORDING_TO, SPEECH_VERBS, THAT_WORDS
from compare.findings.base import Finding, register
from compare.model import EventResult
from compare.voice import voice_of

KIND = "row-stance-strength"
NEGATIONS = frozenset({"not", "no", "never", "nor", "without", "n't", "non", "не", "nicht", "kein", "keine", "pas",
                       "ne"})
"""Words that, within ``NEGATION_WINDOW`` words before a stance form, turn it off ("not unacceptable")."""
NEGATION_WINDOW = 3


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[tuple[str, int], ...]]:
    """Language -> (form, grade) pairs, longest form first, from ``compare/data/stance_strength.csv``."""
    path = resources.files("compare") / "data" / "stance_strength.csv"
    out: dict[str, list[tuple[str, int]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["language"].strip(), []).append((row["term"].strip(), int(row["level"])))
    return {lang: tuple(sorted(forms, key=lambda f: (-len(f[0]), f[0]))) for lang, forms in out.items()}


@lru_cache(maxsize=16)
def _pattern(language: str) -> re.Pattern[str] | None:
    forms = lexicon().get(language)
    if not forms:
        return None
    return re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f, _ in forms)
                      + r")(?![\w'’])", re.I)


def stance_words(text: str, language: str) -> list[tuple[str, int, int, int]]:
    """The stance forms of a text: (the words as written, grade, start, end), in text order, negated ones left out."""
    pattern = _pattern(language)
    if pattern is None:
        return []
    grade = {form.casefold(): level for form, level in lexicon()[language]}
    out = []
    for m in pattern.finditer(text):
        # only the words just before the form: a long text with many stance words is not re-read from its start
        before = re.findall(r"[\w']+|n't", text[max(0, m.start() - 200):m.start()].casefold())[-NEGATION_WINDOW:]
        if any(w in NEGATIONS or w.endswith("n't") for w in before):
            continue
        out.append((m.group(0), grade[re.sub(r"\s+", " ", m.group(0)).casefold()], m.start(), m.end()))
    return out


TRANSCRIPT = "transcript"
"""The voice of a word in a transcript's own sentences: the transcribed speaker's (001 is Lavrov's statement)."""
UNCLEAR = "unclear"
"""A word whose voice the rules do not read with confidence: a brief line that compares strength is not said."""
ONE_SIDED_MIN = 2
"""A stance word of this grade or more (oppose, object to, unacceptable) on one side of a row, with none on the
other, is a difference the row names (r53, 2017 c2: 004's own 'objects to' beside TASS's 'express our views')."""
SUBJECT_WORDS = 5
"""Words before a verb of speech read as its subject ("Kono in return pointed out that ...")."""
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*|[,.;:()—–]", re.UNICODE)
_CLAUSE = frozenset({"that", "which", "who", "so", ",", ";", ":", "(", ")", "—", "–", "что", "che", "dass", "que"})
_NOT_NAMES = frozenset({"the", "he", "she", "it", "they", "we", "i", "in", "on", "at", "thus", "so", "then",
                        "also", "but", "and", "however"})


def _speech_before(text: str, upto: int, language: str) -> tuple[bool, str]:
    """Whether a verb of speech opening a that-clause stands before ``upto`` in a sentence ("Kono in return pointed
    out that Tokyo considers ... unacceptable"), and the capitalised words of its subject ('' where none, as after
    "he").  Why: the annotate stage reads "X said that ..." but not a verb with a particle ("pointed out that"),
    and a word read as the outlet's own that a named person is reported to have said would be said as the
    outlet's (r53, 2019 c3: 003's 'unacceptable' is Kono's)."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text[:upto])]
    low = [t.lower() for _, t in tokens]
    verbs = SPEECH_VERBS.get(language, frozenset())
    if any(cue in text[:upto].lower() for cue in ACCORDING_TO):
        return True, ""
    for i in range(len(tokens) - 2, -1, -1):
        between = low[i + 1:i + 4]
        that = next((k for k, w in enumerate(between) if w in THAT_WORDS), None)
        if low[i] not in verbs or that is None or any(w in _CLAUSE for w in between[:that]):
            continue
        subject: list[str] = []
        for _, word in reversed(tokens[max(0, i - SUBJECT_WORDS):i]):
            if word.lower() in _CLAUSE:
                break
            subject.insert(0, word)
        names = [w for w in subject if w[:1].isupper() and w.lower() not in _NOT_NAMES]
        return True, " ".join(names)
    return False, ""


def _people(run: Any) -> dict[str, str]:
    """A person's spelling (and surname), case folded, to the person's canonical name, from the run's entities."""
    out: dict[str, str] = {}
    for entity in getattr(getattr(run, "annotations", None), "entities", ()) or ():
        if entity.type != "person":
            continue
        for spelling in [entity.name, *(s for group in entity.variants.values() for s in group)]:
            out.setdefault(spelling.casefold(), entity.name)
            out.setdefault(spelling.split()[-1].casefold(), entity.name)
    return out


def word_voice(source: Any, sentence: Any, start: int, end: int, run: Any) -> tuple[str, str]:
    """(voice, speaker) of the stance word at ``start``-``end`` of a sentence (offsets in the sentence).

    ``quotation`` / ``reported-speech`` (a speaker's words the source reports, ``compare.voice`` on the annotate
    stage's quotes, and a verb of speech with a named subject before a that-clause); ``transcript`` (a transcript's
    own words are its speaker's: MID's 001 is Lavrov's statement, so its "Kono expressed concern" is Lavrov's
    account); ``outlet`` (the source's own words); ``unclear`` where a speaker is reported but not named, or the
    run's annotations are not at hand.  The speaker is the person's canonical name where the entities know it."""
    if run is None or getattr(run, "annotations", None) is None:
        return UNCLEAR, ""
    people = _people(run)
    quotes = run.annotations.quotes.get(source.id, ())
    voice, speaker = voice_of(source.text, sentence.start + start, sentence.start + end,
                              (sentence.start, sentence.end), quotes)
    if voice == "outlet":
        reported, named = _speech_before(sentence.text, start, source.language)
        if reported:
            voice, speaker = "reported-speech", named
    if voice != "outlet":
        speaker = people.get(speaker.casefold(), people.get(speaker.split()[-1].casefold() if speaker else "", speaker))
        return (voice, speaker) if speaker else (UNCLEAR, "")
    if source.kind == "official-transcript":
        from compare.align.speakers import transcript_speaker

        entity = transcript_speaker(source, run.annotations)
        found = run.annotations.entity(entity) if entity else None
        return (TRANSCRIPT, found.name) if found else (UNCLEAR, "")
    return "outlet", ""


def difference_of(grade: dict[str, int], row: list[str]) -> str | None:
    """'strength' where two sources' strongest grades differ; 'one-sided' where a source has a word of grade
    ``ONE_SIDED_MIN`` or more and another source of the ``row`` has none; else None (``grade``: source -> its
    strongest grade, sources without a stance word left out)."""
    if len(grade) >= 2 and len(set(grade.values())) >= 2:
        return "strength"
    if grade and max(grade.values()) >= ONE_SIDED_MIN and len(grade) < len(row):
        return "one-sided"
    return None


def sentence_voice(source: Any, sentence: Any, run: Any) -> tuple[str, str]:
    """(voice, speaker) of a whole sentence: a quotation's or a reported speaker's where one annotated quotation
    covers half of it or more, a transcript's speaker's, the outlet's own; ``unclear`` without the annotations.
    Why: a row with a stance word on one side only says whose the other side's sentence is (r53, 2017 c2: TASS
    quotes the Russian foreign ministry, which says it will "express our views")."""
    if run is None or getattr(run, "annotations", None) is None:
        return UNCLEAR, ""
    length = max(sentence.end - sentence.start, 1)
    for q in run.annotations.quotes.get(source.id, ()):
        if min(q.end, sentence.end) - max(q.start, sentence.start) >= length / 2:
            name = _people(run).get((q.speaker or "").casefold(), q.speaker or "")
            return ("quotation" if q.direct else "reported-speech", name) if name else (UNCLEAR, "")
    if source.kind == "official-transcript":
        from compare.align.speakers import transcript_speaker

        entity = transcript_speaker(source, run.annotations)
        found = run.annotations.entity(entity) if entity else None
        return (TRANSCRIPT, found.name) if found else (UNCLEAR, "")
    return "outlet", ""


def _judge(item: EventResult, claim_id: str, run: Any = None) -> dict[str, Any] | None:
    """Each source's stance words in the row (``words``: source -> forms, ``grade``: source -> its strongest grade,
    ``voices``: source -> [form, voice, speaker], ``spans``: evidence ids, ``difference``: 'strength' or
    'one-sided', ``brief``: whether a first screen may compare the strength) where two sources' strongest grades
    differ, or one source has a word of grade ``ONE_SIDED_MIN`` or more and another none; else None."""
    claim = next((c for c in item.alignment.claims if c.id == claim_id), None) if item.alignment else None
    if claim is None or len({sid for sid, _ in claim.members}) < 2:
        return None
    sources = {s.id: s for s in item.sources}
    words: dict[str, list[str]] = {}
    grade: dict[str, int] = {}
    voices: dict[str, list[list[str]]] = {}
    spans: list[str] = []
    for sid, index in sorted(claim.members):
        source = sources[sid]
        sentence = next((x for x in source.sentences if x.index == index), None)
        if sentence is None:
            continue
        for said, level, start, end in stance_words(sentence.text, source.language):
            if said not in words.setdefault(sid, []):
                words[sid].append(said)
            entry = [said, *word_voice(source, sentence, start, end, run)]
            if entry not in voices.setdefault(sid, []):
                voices[sid].append(entry)
            grade[sid] = max(grade.get(sid, 0), level)
            spans.append(f"{sid}:{sentence.start + start}-{sentence.start + end}")
    words = {sid: forms for sid, forms in words.items() if forms}
    voices = {sid: found for sid, found in voices.items() if found}
    row = sorted({sid for sid, _ in claim.members})
    difference = difference_of(grade, row)
    if difference is None:
        return None
    # whose words the sentences of a source without a stance word are (a one-sided row says it)
    without = {sid: [sentence_voice(sources[sid], x, run) for i in indices for x in sources[sid].sentences
                     if x.index == i]
               for sid, indices in _by_source(claim.members).items() if sid not in grade}
    top, low = max(grade.values()), min(grade.values())
    shown = [v for sid, g in grade.items() if g in (top, low) for v in voices[sid] if _level(v[0]) == g]
    brief = difference == "strength" and all(v[1] != UNCLEAR for v in shown)
    return {"words": words, "grade": grade, "voices": voices, "spans": spans, "difference": difference,
            "brief": brief, "without": {sid: [list(v) for v in found] for sid, found in without.items()}}


def _by_source(members: Any) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for sid, index in sorted(members):
        out.setdefault(sid, []).append(index)
    return out


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(forms: list[str]) -> str:
    return ", ".join(f"‘{f}’" for f in forms)


def _surname(name: str) -> str:
    return name.split()[-1] if name else name


def _named(speaker: str) -> str:
    """A speaker as a sentence names it: a body named by a common noun takes 'the' ('the Russian foreign
    ministry'), a person's name does not ('Taro Kono')."""
    return f"the {speaker}" if speaker and speaker.split()[-1][:1].islower() else speaker


def _phrase(sids: list[str], forms: list[str], voice: str, speaker: str, also: bool, short: bool = False) -> str:
    """Who says which words: '000 and 003 report ‘unacceptable’ as Taro Kono's word', '001, Sergey Lavrov's
    statement, has ‘expressed concern’ in Lavrov's own words', '000 also has ‘concerns about’ in its own words'.
    ``short`` (a phone's first screen, where the line has the room the old one had): '000 and 003 report Kono's
    ‘unacceptable’', '001, Lavrov's statement, has ‘expressed concern’' (a statement's words are its speaker's)."""
    one = len(sids) == 1
    who = _and(sids) + (" also" if also else "")
    has = "has" if one else "have"
    name = _surname(speaker) if short and not _named(speaker).startswith("the ") else _named(speaker)
    words = "word" if len(forms) == 1 else "words"
    if voice in ("reported-speech", "quotation"):
        verb = ("report" if voice == "reported-speech" else "quote") + ("s" if one else "")
        return f"{who} {verb} {name}'s {_quoted(forms)}" if short else (
            f"{who} {verb} {_quoted(forms)} as {name}'s {words}")
    if voice == TRANSCRIPT:
        return (f"{_and(sids)}, {name}'s statement, {'also ' if also else ''}{has} {_quoted(forms)}"
                + ("" if short else f" in {_surname(speaker)}'s own words"))
    if voice == "outlet":
        return f"{who} {has} {_quoted(forms)} in {'its' if one else 'their'} own words"
    return f"{who} {has} {_quoted(forms)}, whose words the tool cannot tell"


def _groups(voices: dict[str, list[list[str]]], keep: Any = None) -> list[tuple[list[str], list[str], str, str]]:
    """(sources, forms, voice, speaker) groups, strongest form first: sources that have the same forms in the same
    voice of the same speaker are said together ('000 and 003 report ‘unacceptable’ as Taro Kono's word')."""
    by_word: dict[tuple[str, str, str], list[str]] = {}
    for sid in sorted(voices):
        for form, voice, speaker in voices[sid]:
            if keep is None or keep(sid, form):
                by_word.setdefault((form, voice, speaker), []).append(sid)
    ordered = sorted(by_word, key=lambda k: (-_level(k[0]), by_word[k]))  # stable: text order within
    groups: dict[tuple[tuple[str, ...], str, str], list[str]] = {}
    for form, voice, speaker in ordered:
        groups.setdefault((tuple(by_word[(form, voice, speaker)]), voice, speaker), []).append(form)
    return [(list(sids), forms, voice, speaker) for (sids, voice, speaker), forms in groups.items()]


def _said(groups: list[tuple[list[str], list[str], str, str]], short: bool = False,
          seen: set[str] | None = None, name: Any = None) -> list[str]:
    """Each group's phrase, its sources as ``name`` gives them; a group whose sources were named before (``seen``)
    says 'also'."""
    seen = set(seen or ())
    shown = name or (lambda sid: sid)
    out = []
    for sids, forms, voice, speaker in groups:
        out.append(_phrase([shown(sid) for sid in sids], forms, voice, speaker, also=set(sids) <= seen, short=short))
        seen |= set(sids)
    return out


def stance_sentence(words: dict[str, list[str]], grade: dict[str, int],
                    voices: dict[str, list[list[str]]] | None = None,
                    without: dict[str, list[list[str]]] | None = None) -> str:
    """The row's note, in checkable words: each source's stance words, strongest first, with whose words they are.

    'stance words of different strength (…), with whose words each is: 000 and 003 report ‘unacceptable’ as Taro
    Kono's word; 001, Sergey Lavrov's statement, has ‘expressed concern’ in Lavrov's own words; 000 also has …'.
    Why: r48 to r53 each found "000 and 003 have ‘unacceptable’; 001 nothing stronger" read as the outlets turning
    the stance up or MID softening it, where the strong word is Kono's, reported, and the weak one Lavrov's account
    of him.  Where the strong and the weak words are different speakers' (none an outlet's own), the note says no
    source is shown turning another's stance up or down; ``without``: a one-sided row's sources with no stance word."""
    voices = voices or {sid: [[f, UNCLEAR, ""] for f in forms] for sid, forms in words.items()}
    said = _said(_groups(voices))
    if without:
        others = [_whose_sentences(sid, found) for sid, found in sorted(without.items())]
        return (f"a stance word on one side only: {'; '.join(said)}; " + "; ".join(others)
                + " none of the word list's (concern < oppose < unacceptable)")
    top, low = max(grade.values()), min(grade.values())
    strong = {_key(sid, v) for sid, found in voices.items() for v in found if _level(v[0]) == top}
    weak = {_key(sid, v) for sid, found in voices.items() if grade[sid] == low for v in found if _level(v[0]) == low}
    # r56 (2019 c3): "no source is shown turning another's stance" read as "nothing to compare", where the weak
    # words were Lavrov's account of Kono and the strong ones Kono's own: one speaker may be describing the other
    apart = ("; the strong and the weak words are different speakers': no source is shown changing another's words, "
             "but where one speaker describes the other's stance, whether that account softens or sharpens it, or "
             "both words were said, the set cannot tell" if not strong & weak and all(k[0] not in (UNCLEAR, "outlet") for k in strong | weak) else "")
    return ("stance words of different strength (concern < oppose < unacceptable), with whose words each is: "
            + "; ".join(said) + apart)


def _whose_sentences(sid: str, found: list[list[str]]) -> str:
    """'002's sentence, the Russian foreign ministry's words as 002 quotes them, has': whose words a source's
    sentences without a stance word are (one entry per sentence), where one voice holds them all."""
    voices = {tuple(v) for v in found}
    voice, speaker = next(iter(voices)) if len(voices) == 1 else (UNCLEAR, "")
    whose = {"quotation": f", {_named(speaker)}'s words as {sid} quotes them,",
             "reported-speech": f", {_named(speaker)}'s words as {sid} reports them,",
             TRANSCRIPT: f", {speaker}'s own words,", "outlet": ", in its own words,"}.get(voice, "")
    return f"{sid}'s sentence{'s' if len(found) > 1 else ''}{whose} {'have' if len(found) > 1 else 'has'}"


def _key(sid: str, voice: list[str]) -> tuple[str, str]:
    """Whose words a form is: a speaker's, or an outlet's own (each outlet its own voice)."""
    return (voice[1], sid if voice[1] == "outlet" else voice[2])


def stance_brief(figures: dict[str, Any], name: Any = None) -> str | None:
    """The row's difference in a first screen's length, with whose words each side's are: '000 and 003 report
    Kono's ‘unacceptable’; 001, Lavrov's statement, has ‘expressed concern’'; None where the finding may not be said
    there (a stance word on one side only, or a word whose voice is not read: the row's note says it, with each
    side's words).  Each source's strongest words only: the row's note lists the rest (000's own 'expressed
    concern'), and the phone's first screen has no room for more than the old line took.  ``name`` turns a source
    id into the words shown, e.g. its outlet."""
    if not figures.get("brief") or not figures.get("voices"):
        return None
    level = figures["grade"]
    top, low = max(level.values()), min(level.values())
    main = _groups(figures["voices"], lambda sid, form: _level(form) == level[sid] and level[sid] in (top, low))
    return "; ".join(_said(main, short=True, name=name))


def stance_rows(findings: Any) -> list[dict[str, Any]]:
    """The verified findings of this kind among findings.csv's rows, in row order."""
    return [r for r in findings or () if r["kind"] == KIND and r["verified"]]


def brief_rows(findings: Any) -> list[dict[str, Any]]:
    """The verified findings a first screen, an overview or the set index may say (``stance_brief``): a strength
    compared, every shown word's voice read, and no source with the strongest words also carrying weaker ones.

    Why the last: r48, r51, r52, r53 and r55 each read 2019 c3's first-screen line ("000 and 003 report Kono's
    ‘unacceptable’; 001 … has ‘expressed concern’") as the outlets turning Japan's stance up, when 000 (and 003, a
    row later) report the concern too and add Kono's word: a source that has both grades adds a word, it does not
    state the stance more strongly.  Such a row is said in its note only, which gives every source's words."""
    out = []
    for r in stance_rows(findings):
        f = r["figures"]
        if stance_brief(f) is None:
            continue
        grades = {sid: int(g) for sid, g in f["grade"].items()}
        top = max(grades.values())
        if any(_level(w) < top for sid, g in grades.items() if g == top for w in f["words"].get(sid, ())):
            continue
        out.append(r)
    return out


def _level(form: str) -> int:
    """A form's grade as the lexicon gives it (any language's entry for the same words)."""
    key = re.sub(r"\s+", " ", form).casefold()
    return next((level for forms in lexicon().values() for f, level in forms if f.casefold() == key), 0)


FIGURES = ("words", "grade", "voices", "difference", "brief", "without")


def build(item: EventResult, run: Any = None) -> list[Finding]:
    if item.alignment is None:
        return []
    out = []
    for claim in item.alignment.claims:
        judged = _judge(item, claim.id, run)
        if judged is None:
            continue
        sentence = stance_sentence(judged["words"], judged["grade"], judged["voices"],
                                   judged["without"] if judged["difference"] == "one-sided" else None)
        out.append(Finding(KIND, (claim.id,), sentence, {k: judged[k] for k in FIGURES}, tuple(judged["spans"])))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    judged = _judge(item, finding.subjects[0], run)
    if judged is None:
        return f"row {finding.subjects[0]}'s sources do not word a stance at different strength"
    if judged["words"] != finding.figures.get("words") or judged["grade"] != finding.figures.get("grade"):
        return f"row {finding.subjects[0]}'s stance words are {judged['words']}, not {finding.figures.get('words')}"
    if judged["voices"] != finding.figures.get("voices"):
        return f"row {finding.subjects[0]}'s stance words' voices are {judged['voices']}, not {finding.figures.get('voices')}"
    if any(judged[k] != finding.figures.get(k) for k in ("difference", "brief", "without")):
        return f"row {finding.subjects[0]}'s stance difference is {judged['difference']}, not {finding.figures.get('difference')}"
    texts = {s.id: s.text for s in item.sources}
    for span in finding.evidence:
        sid, _, offsets = span.rpartition(":")
        start, end = (int(x) for x in offsets.split("-"))
        said = re.sub(r"\s+", " ", texts.get(sid, "")[start:end])
        if not any(said in [re.sub(r"\s+", " ", f) for f in forms] for forms in finding.figures["words"].values()):
            return f"{span} reads {said!r}, no stance word the row quotes"
    return None


register(KIND, build, verify, with_run=True)
