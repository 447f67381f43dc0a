"""``row-stance-strength``: a linked row whose sources state one stance at different strength.

Why: r47's 2019 row c3 links MID's "Foreign Minister of Japan Taro Kono expressed concern over Russia's military
activity" with 000's and 003's "Tokyo considers ... unacceptable", and said "shared by all" with only a ``name``
tag: the row where the official account softens the other side's position showed no difference at all.  The tool
cannot read a stance, but it can check words: a small graded lexicon (``compare/data/stance_strength.csv``:
concern / worry = 1 < oppose / object to = 2 < unacceptable / condemn = 3, a few forms per language) finds each
cell's stance words, and where two sources' strongest words differ in grade the row says so, quoting each side's
words, so a reader checks them in the cells.

The rule: a row with sentences of two sources or more; each source's strongest stance word across its cells (a
form preceded within three words by a negation is not counted); at least two sources have one and their grades
differ.  A source with no stance word is not compared.  Forms match as whole words, case folded.  On the seeds it
marks 2019's c3 alone; on MSRP train it fires on none of 2,687 paraphrase pairs and none of 1,248 others (18
pairs have a stance word on both sides; bench/stance_strength_msrp.py).  The verifier recomputes the words from the event's sentences and checks each
quoted word against the clean text at its offsets.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from compare.findings.base import Finding, register
from compare.model import EventResult

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


def _judge(item: EventResult, claim_id: str) -> dict[str, Any] | None:
    """Each compared source's stance words in the row (``words``: source -> forms, ``grade``: source -> its
    strongest grade, ``spans``: evidence ids) where two sources' strongest grades differ; else None."""
    claim = next((c for c in item.alignment.claims if c.id == claim_id), None) if item.alignment else None
    if claim is None or len({sid for sid, _ in claim.members}) < 2:
        return None
    sources = {s.id: s for s in item.sources}
    words: dict[str, list[str]] = {}
    grade: dict[str, int] = {}
    spans: list[str] = []
    for sid, index in sorted(claim.members):
        source = sources[sid]
        sentence = next((x for x in source.sentences if x.index == index), None)
        if sentence is None:
            continue
        for said, level, start, end in stance_words(sentence.text, source.language):
            if said not in words.setdefault(sid, []):
                words[sid].append(said)
            grade[sid] = max(grade.get(sid, 0), level)
            spans.append(f"{sid}:{sentence.start + start}-{sentence.start + end}")
    words = {sid: forms for sid, forms in words.items() if forms}
    if len(grade) < 2 or len(set(grade.values())) < 2:
        return None
    return {"words": words, "grade": grade, "spans": spans}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(forms: list[str]) -> str:
    return ", ".join(f"‘{f}’" for f in forms)


def stance_sentence(words: dict[str, list[str]], grade: dict[str, int]) -> str:
    """The row's note, in checkable words: where the stance is stronger, and each source's words by grade.

    'stance worded at different strength: 001 says ‘expressed concern’ and nothing stronger; 000 and 003 say
    ‘unacceptable’ (000 also ‘expressed concern’); the cells show whose words each is …': the words are the
    sources', the grading the lexicon's.  No source is said to have strengthened or softened anything: the
    weaker words may be one speaker's account of another (2019 c3: Lavrov says Kono 'expressed concern', the
    news reports give Kono's own 'unacceptable'; r48), which the tool does not read."""
    top = max(grade.values())
    parts = []
    for level in sorted(set(grade.values())):
        sids = sorted(sid for sid, g in grade.items() if g == level)
        verb = "says" if len(sids) == 1 else "say"
        shown = sorted({f for sid in sids for f in words[sid] if _level(f) == level},
                       key=lambda f: min(words[s].index(f) for s in sids if f in words[s]))
        weaker = " and nothing stronger" if level < top else ""
        also = [f"{sid} also {_quoted([f for f in words[sid] if f not in shown])}" for sid in sids
                if any(f not in shown for f in words[sid])]
        parts.append(f"{_and(sids)} {verb} {_quoted(shown)}{weaker}" + (f" ({'; '.join(also)})" if also else ""))
    return ("stance worded at different strength: " + "; ".join(parts)
            + "; the cells show whose words each is, the outlet's or a speaker's it reports")


def stance_brief(words: dict[str, list[str]], grade: dict[str, int], name: Any = None) -> str:
    """The row's difference in a first screen's length: '000 and 003 have ‘unacceptable’; 001 nothing
    stronger than ‘expressed concern’ (whose words: see the row)' (the first screen's room; the row's note and the tag's
    legend say it is one stance at different strength) (``name`` turns a source id into the words shown, e.g. its outlet)."""
    shown = name or (lambda sid: sid)
    top, low = max(grade.values()), min(grade.values())
    strong = sorted(sid for sid, g in grade.items() if g == top)
    weak = sorted(sid for sid, g in grade.items() if g == low)
    strong_words = list(dict.fromkeys(f for sid in strong for f in words[sid] if _level(f) == top))
    weak_words = list(dict.fromkeys(f for sid in weak for f in words[sid] if _level(f) == low))
    # r52: 003 reports Japan's concern too, in the next row; naming who has the weaker words as if the others
    # lacked them read as one statement told at two strengths.  What the row shows is that the weaker side has
    # nothing stronger.
    strong_names, weak_names = [shown(s) for s in strong], [shown(s) for s in weak]
    return (f"{_and(strong_names)} {'has' if len(strong_names) == 1 else 'have'} {_quoted(strong_words)}; "
            f"{_and(weak_names)} nothing stronger than {_quoted(weak_words)} (whose words: see the row)")


def stance_rows(findings: Any) -> list[dict[str, Any]]:
    """The verified findings of this kind among findings.csv's rows, in row order."""
    return [r for r in findings or () if r["kind"] == KIND and r["verified"]]


def _level(form: str) -> int:
    """A form's grade as the lexicon gives it (any language's entry for the same words)."""
    key = re.sub(r"\s+", " ", form).casefold()
    return next((level for forms in lexicon().values() for f, level in forms if f.casefold() == key), 0)


def build(item: EventResult) -> list[Finding]:
    if item.alignment is None:
        return []
    out = []
    for claim in item.alignment.claims:
        judged = _judge(item, claim.id)
        if judged is None:
            continue
        out.append(Finding(KIND, (claim.id,), stance_sentence(judged["words"], judged["grade"]),
                           {"words": judged["words"], "grade": judged["grade"]}, tuple(judged["spans"])))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    judged = _judge(item, finding.subjects[0])
    if judged is None:
        return f"row {finding.subjects[0]}'s sources do not state a stance at different strength"
    if judged["words"] != finding.figures.get("words") or judged["grade"] != finding.figures.get("grade"):
        return f"row {finding.subjects[0]}'s stance words are {judged['words']}, not {finding.figures.get('words')}"
    texts = {s.id: s.text for s in item.sources}
    for span in finding.evidence:
        sid, _, offsets = span.rpartition(":")
        start, end = (int(x) for x in offsets.split("-"))
        said = re.sub(r"\s+", " ", texts.get(sid, "")[start:end])
        if not any(said in [re.sub(r"\s+", " ", f) for f in forms] for forms in finding.figures["words"].values()):
            return f"{span} reads {said!r}, no stance word the row quotes"
    return None


register(KIND, build, verify)
