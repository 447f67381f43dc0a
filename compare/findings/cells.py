"""What an empty cell of the side-by-side says: "not reported" only for an established absence.

A row of the side-by-side is one statement; a source with no sentence in
the row gets an empty cell.  The cell may say no more than the aligner
established.  ``not reported`` is said only when the statement's absence
from every other source was established (the calibrated test of
``compare.align.absence`` ruled out a counterpart in each: the row is "only
in" one source, ``only_here`` in sentences.csv).  Otherwise
the cell says ``not linked``; where the row's nearest candidate lies in
this source, the cell quotes it with its score, so a reader can judge it
without looking up a sentence number the page never shows.  A candidate in
a background passage about another occasion (``align.background_nearest``:
the sentence that kept the statement from being "only in" one source) is
quoted as such, with its paragraph: "not linked; in a background
passage (paragraph 14), about another occasion", so a class reads it as a
similar point made of another occasion, not as this event's report of it.

A statement may be in one source only as one speaker's words while another
source has another speaker make the same points (``align.other_speakers``:
AVIONEWS quotes Kono on non-proliferation, MID's transcript has Lavrov list
the same agenda).  That source's cell then says ``not reported as <speaker>'s
words; similar points in <other speaker>'s words`` and quotes the other
speaker's sentence, and the row names it, so a
class does not conclude the other sources left the points out.  The other
speaker's sentence has its own row ("not linked": nothing in the
first source links to it); there the first source's cell says ``not linked
as <other speaker>'s words; similar points in <speaker>'s words`` and
quotes the statement, so the pair reads the same from either row (2019: MID's
"Our agenda also included ... non-proliferation" row points to AVIONEWS's
Kono quotation, as the Kono row points to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from compare.findings.background_words import background_mention, shared_rare_words
from compare.findings.base import Finding

ABSENT = "cell-absent"
UNMATCHED = "cell-unmatched"
SAID_BY_ANOTHER = "cell-said-by-another"
SIMILAR_POINTS = "cell-similar-points"

LABEL_MEANINGS = {
    "date": "the linked sentences give different dates",
    "date-dropped": "a date that a translation's original gives (or, with no original in the row, every other "
                    "cell) and that one cell leaves out",
    "left-open": "some of the row's cells say that whether something happened was left open (“did not say "
                 "whether…”) and others do not: check whether they say it happened, or did not",
    "hedge": "a hedge (reportedly, about, probably…), quotations included, in some of the row's cells and not in the others",
    "intensifier": "an intensifier (very, strongly, completely…), quotations included, in some of the row's cells and not in the others",
    "modal": "a modal verb (can, must, should, will…), quotations included, in some of the row's cells and not in the others",
    "name": "a name on one side that the other side does not have",
    "negation": "a negation (not, never, without…), quotations included, in some of the row's cells and not in the others",
    "number": "the linked sentences give different numbers",
    "stance": "stance words of different strength in the linked sentences, graded concern < oppose < unacceptable or "
              "condemn, or one of oppose's strength or more on one side only (a short word list, "
              "compare/data/stance_strength.csv; the row's note quotes each side's words and says whose words they are)",
}
STANCE_TAG = "stance"
"""The tag of a row with a ``row-stance-strength`` finding (``compare.findings.stance``)."""
"""What each divergence tag of a row means, in the words the page uses beside it (``compare.align.labels``).  A
cue tag is counted anywhere in a sentence, quotations included, and shown only where some of the row's cells lack
the cue (``compare.report.views.row_labels``; issue 23, r46, 2017 c1)."""


def sentence_id(source: str, index: int) -> str:
    """The evidence id of one sentence: "001:3" is sentence 3 (from 0) of source 001."""
    return f"{source}:{index}"


def empty_cell(claim: str, kind: str, source: str, members: Sequence[tuple[str, int]],
               nearest: Any = None, nearest_text: str = "", said: Any = None, said_text: str = "",
               nearest_background: int | None = None, second_text: str = "") -> Finding:
    """The finding behind the empty cell of ``source`` in the row of ``claim`` (a ``Claim.kind``).

    ``nearest`` is the row's nearest candidate (``compare.model.Nearest``) for a
    one-sentence row; it is quoted only in the cell of the source it lies in.
    ``said`` (``compare.model.SaidByAnother``) is, for a row in one source only, another speaker's sentence
    with the same points; it is quoted only in the cell of the source it lies in.  ``nearest_background`` is the
    paragraph (from 1) of a candidate that lies in a background passage, None for one that does not.
    """
    evidence = tuple(sentence_id(s, i) for s, i in members)
    if kind != "only-one-source" and said is not None and said.source == source:
        return Finding(SIMILAR_POINTS, (claim, source),
                       figures={"speaker": said.speaker, "other_speaker": said.other_speaker,
                                "score": said.score, "text": said_text},
                       evidence=evidence + (sentence_id(said.source, said.sentence),))
    if kind == "only-one-source":
        if said is not None and said.source == source:
            return Finding(SAID_BY_ANOTHER, (claim, source),
                           figures={"speaker": said.speaker, "other_speaker": said.other_speaker,
                                    "score": said.score, "text": said_text},
                           evidence=evidence + (sentence_id(said.source, said.sentence),))
        return Finding(ABSENT, (claim, source), evidence=evidence)
    figures: dict[str, Any] = {}
    # a candidate the absence test's model rules out as a rendering is not quoted (2017: TASS's sentence on
    # terrorism and drug trafficking had 004's "joint talks on worldwide and bilateral issues" by cosine alone)
    if nearest is not None and nearest.source == source and getattr(nearest, "counterpart", None) is not False:
        figures = {"score": nearest.score, "measure": nearest.measure, "text": nearest_text}
        if nearest_background is not None:
            figures["background_paragraph"] = nearest_background
        evidence += (sentence_id(nearest.source, nearest.sentence),)
    # the second-nearest, within the fitted gap of the first, is quoted beside it in the column it lies in: one
    # candidate alone reads as the counterpart (issue 23, r40, 2017 c10)
    second = getattr(nearest, "second_source", None) if nearest is not None else None
    if (second == source and second_text and getattr(nearest, "counterpart", None) is not False
            and nearest_background is None):
        figures.update(second_text=second_text, second_score=nearest.second_score,
                       measure=nearest.measure, second_evidence=sentence_id(second, nearest.second_sentence))
    return Finding(UNMATCHED, (claim, source), figures=figures, evidence=evidence)


def verify(finding: Finding, sentences: Iterable[Mapping[str, Any]]) -> Finding:
    """Re-check a cell finding against sentences.csv's rows before it is said.

    An absence holds only if every sentence of the row is ``only_here``; a
    quoted candidate only if it is the nearest the table gives for the row's
    sentence and its text is that sentence's.
    """
    rows = {sentence_id(r["source"], r["index"]): r for r in sentences}
    if finding.kind == SAID_BY_ANOTHER:
        member, candidate = rows.get(finding.evidence[0]), rows.get(finding.evidence[-1])
        if (member is None or candidate is None or not member["only_here"]
                or f"{member['same_points_source']}:{member['same_points_sentence']}" != finding.evidence[-1]
                or member["speaker"] != finding.figures["speaker"]
                or member["same_points_speaker"] != finding.figures["other_speaker"]
                or candidate["text"] != finding.figures["text"]):
            return finding.refuted("the other speaker's sentence is not the one sentences.csv gives for the row")
        return finding
    if finding.kind == SIMILAR_POINTS:
        # the quoted sentence is the one-source statement whose other-speaker counterpart is this row's sentence
        member, candidate = rows.get(finding.evidence[0]), rows.get(finding.evidence[-1])
        if (member is None or candidate is None or not candidate["only_here"]
                or f"{candidate['same_points_source']}:{candidate['same_points_sentence']}" != finding.evidence[0]
                or candidate["speaker"] != finding.figures["other_speaker"]
                or candidate["same_points_speaker"] != finding.figures["speaker"]
                or candidate["text"] != finding.figures["text"]):
            return finding.refuted("the quoted statement does not name this row's sentence as making its points "
                                   "in sentences.csv")
        return finding
    if finding.kind == ABSENT:
        quoted = rows.get(finding.evidence[-1]) if "text" in finding.figures else None
        members = [rows.get(e) for e in (finding.evidence[:-1] if quoted is not None else finding.evidence)]
        if not members or any(r is None or not r["only_here"] for r in members):
            return finding.refuted("the row's absence from the other sources was not established")
        if "text" in finding.figures and (
                quoted is None or not quoted["background"] or quoted["text"] != finding.figures["text"]
                or int(quoted["paragraph"]) + 1 != finding.figures["background_paragraph"]
                or shared_rare_words(" ".join(r["text"] for r in members), quoted["text"],
                                     members[0]["language"]) != finding.figures["words"]):
            return finding.refuted("the quoted background sentence, its paragraph or the words it shares with the "
                                   "statement are not what sentences.csv gives")
        return finding
    if "second_text" in finding.figures:
        member, second = rows.get(finding.evidence[0]), rows.get(finding.figures["second_evidence"])
        if (member is None or second is None
                or f"{member.get('second_source')}:{member.get('second_sentence')}" != finding.figures["second_evidence"]
                or second["text"] != finding.figures["second_text"]):
            return finding.refuted("the quoted second candidate is not the row's second-nearest in sentences.csv")
    if "text" in finding.figures:
        member, candidate = rows.get(finding.evidence[0]), rows.get(finding.evidence[-1])
        if (member is None or candidate is None or not member.get("nearest_shown", True)
                or f"{member['nearest_source']}:{member['nearest_sentence']}" != finding.evidence[-1]
                or candidate["text"] != finding.figures["text"]):
            return finding.refuted("the quoted candidate is not the row's nearest sentence in sentences.csv")
        paragraph = finding.figures.get("background_paragraph")
        if bool(candidate.get("background")) != (paragraph is not None) or (
                paragraph is not None and int(candidate["paragraph"]) + 1 != paragraph):
            return finding.refuted("whether the quoted candidate lies in a background passage, and in which "
                                   "paragraph, is not what sentences.csv gives")
    return finding


def verified_cell(claim: str, kind: str, source: str, members: Sequence[tuple[str, int]],
                  sentences: Iterable[Mapping[str, Any]], nearest: Any = None, nearest_text: str = "",
                  said: Any = None, said_text: str = "", nearest_background: int | None = None,
                  second_text: str = "") -> Finding:
    """The empty cell's finding, checked; an absence that fails its check is said as "not linked", and
    another speaker's sentence that fails its check is not quoted (the cell says "not linked": the points
    may be there)."""
    sentences = list(sentences)
    found = verify(empty_cell(claim, kind, source, members, nearest, nearest_text, said, said_text,
                              nearest_background, second_text), sentences)
    if not found.verified and found.kind == SIMILAR_POINTS:
        return verify(empty_cell(claim, kind, source, members, nearest, nearest_text,
                                 nearest_background=nearest_background, second_text=second_text), sentences)
    if not found.verified and found.kind == SAID_BY_ANOTHER:
        return verify(empty_cell(claim, "no-close-match", source, members), sentences)
    if not found.verified and found.kind == ABSENT:
        return verify(empty_cell(claim, "no-close-match", source, members, nearest, nearest_text,
                                 nearest_background=nearest_background, second_text=second_text), sentences)
    if found.kind == ABSENT:
        # a background passage of this source, not compared, that has the statement's rare words: said, so the
        # cell is not a bare "not reported" (issue 23, r42, 2017 c33)
        rows = {(r["source"], r["index"]): r for r in sentences}
        mention = background_mention([rows[m] for m in members if m in rows], source, sentences)
        if mention is not None:
            row, words = mention
            return verify(replace(found, figures={"text": row["text"], "words": words,
                                                  "background_paragraph": int(row["paragraph"]) + 1},
                                  evidence=found.evidence + (sentence_id(row["source"], row["index"]),)), sentences)
    return found


def cell_words(finding: Finding) -> dict[str, str]:
    """What the cell shows: its status words, and the quoted nearest candidate with its score, if any."""
    if finding.kind == SAID_BY_ANOTHER and finding.verified:
        return {"status": f"not reported as {finding.figures['speaker']}'s words; similar points in "
                          f"{finding.figures['other_speaker']}'s words", "lead": "",
                "title": f"No sentence of this source gives the statement as {finding.figures['speaker']}'s words; "
                         "the absence test's model reads this sentence of "
                         f"{finding.figures['other_speaker']}'s as making similar points",
                "quote": finding.figures["text"], "score": f"semantic {finding.figures['score']:.2f}"}
    if finding.kind == SIMILAR_POINTS and finding.verified:
        return {"status": f"not linked as {finding.figures['speaker']}'s words; similar points in "
                          f"{finding.figures['other_speaker']}'s words", "lead": "",
                "title": "No sentence of this source was linked to the statement; the absence test's model reads "
                         f"this statement of {finding.figures['other_speaker']}'s, found in this source only, as "
                         "making similar points",
                "quote": finding.figures["text"], "score": f"semantic {finding.figures['score']:.2f}"}
    if finding.kind == ABSENT and finding.verified and "text" in finding.figures:
        return {"status": "not among its compared statements",
                "lead": f"; in a background passage (paragraph {finding.figures['background_paragraph']}), about "
                        "another occasion, not compared",
                "title": "The absence test ruled out every compared sentence of this source as a rendering of the "
                         "statement; this sentence of a background passage, which is not compared, has the "
                         "statement's rare words (words, not meaning: check it)",
                "quote": finding.figures["text"], "paragraph": str(finding.figures["background_paragraph"]),
                "words": ", ".join(f"‘{w}’" for w in finding.figures["words"]),
                "score": "rare words shared: " + ", ".join(f"‘{w}’" for w in finding.figures["words"])}
    if finding.kind == ABSENT and finding.verified:
        return {"status": "not reported", "title": "The absence test ruled out every sentence of this "
                                                   "source as a rendering of the statement (absence established)", "quote": "", "score": ""}
    words = {"status": "not linked", "title": "No sentence of this source was linked to the statement; "
                                                  "that it leaves the statement out was not established",
             "quote": "", "score": ""}
    if finding.verified and "text" in finding.figures:
        words.update(quote=finding.figures["text"],
                     score=f"{finding.figures['measure']} {finding.figures['score']:.2f}")
        if "background_paragraph" in finding.figures:
            words["lead"] = (f"; in a background passage (paragraph {finding.figures['background_paragraph']}), "
                             "about another occasion, a similar point")
            words["title"] += ("; the absence test's model reads this sentence of a passage about another "
                               "occasion as a rendering of it, so the row is not said to be in one source only")
    if finding.verified and "second_text" in finding.figures:
        # the second-nearest, close behind the first: shown so that neither reads as the counterpart
        words.update(second_quote=finding.figures["second_text"],
                     second_score=f"{finding.figures['measure']} {finding.figures['second_score']:.2f}")
    return words


def label_meanings(labels: Iterable[str]) -> list[tuple[str, str]]:
    """(tag, meaning) for the tags a table shows, in sorted order; an unknown tag is listed with no gloss."""
    return [(label, LABEL_MEANINGS.get(label, "")) for label in sorted(set(labels))]


def said_view(said: Any, claim: str | None, empty: Mapping[str, Mapping[str, str]]) -> dict[str, str] | None:
    """What the row's header says of another speaker's sentence with the same points: whose words the row's
    statement is, and where the other speaker's sentence is shown (its row); None unless its cell quotes it."""
    if said is None or said.source not in empty or not empty[said.source].get("quote"):
        return None
    return {"source": said.source, "speaker": said.speaker, "other_speaker": said.other_speaker,
            "row": (claim or "").rsplit(":", 1)[-1]}
