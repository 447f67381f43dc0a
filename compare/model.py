"""The values that flow between the pipeline's stages.

Every stage is a function from the previous stage's values to its own; these
frozen dataclasses are the contract between them.  Every finding carries
character offsets into the *clean* text of its source (``Source.text``), so a
report can highlight it and a reader can check it against the original.

``to_dict`` gives the JSON / pandas row form; tuples become lists and nested
dataclasses become dicts, so ``json.dumps(obj.to_dict())`` always works.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""A Chinese or Japanese character: those scripts put no spaces between words, so word counts count these."""

KINDS = ("original", "official-transcript", "translation", "machine-translation", "rewrite")
"""The kinds of report a manifest may declare (see docs/user-guide.md)."""
TRANSLATION_KINDS = frozenset({"translation", "machine-translation"})
"""The manifest kinds that make a report a translation of another."""

UNDETERMINED = "und"
"""BCP-47 code for 'language not determined': too short or mixed to call."""


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: serialise a dataclass to plain JSON-able values."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def count_words(text: str) -> int:
    """Words: letter or digit runs (with inner hyphens and apostrophes), each Chinese or Japanese character one.

    Chinese and Japanese put no spaces between words, so a letter run would be a whole clause; a dash or a "+"
    standing alone is no word.
    """
    cjk = len(CJK_CHARACTER.findall(text))
    if cjk:
        text = CJK_CHARACTER.sub(" ", text)
    return cjk + len(_WORD.findall(text))


_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True, slots=True)
class Problem(Record):
    """Something wrong with one input, told so that a user can fix it.

    ``severity`` is ``error`` when the file (or manifest row) was skipped and
    ``warning`` when it was used anyway.
    """

    path: str
    message: str
    hint: str = ""
    line: int | None = None
    field: str | None = None
    severity: str = "error"

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass(frozen=True, slots=True)
class Removal(Record):
    """One thing cleaning took out or changed, with the reason, for the report.

    ``line`` is the 1-based line in the decoded raw text where it stood
    (None for whole-text steps such as Unicode normalisation).
    """

    step: str
    reason: str
    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    """A sentence of a source's clean text: ``source.text[start:end] == text``."""

    source_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    language: str = UNDETERMINED
    language_confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Source(Record):
    """One report after ingest: metadata, clean text, sentences, and what was removed.

    ``line_starts`` are offsets in the clean text where a line of the raw file
    began inside a paragraph that re-flow joined: where the original layout
    broke lines.  Detectors use them instead of re-reading the raw file.
    """

    id: str
    path: str
    text: str
    outlet: str | None = None
    kind: str | None = None
    language: str = UNDETERMINED
    language_confidence: float = 0.0
    detected_language: str = UNDETERMINED
    published: str | None = None
    title: str | None = None
    url: str | None = None
    site_name: str | None = None
    event_label: str | None = None
    encoding: str = "utf-8"
    paragraphs: tuple[tuple[int, int], ...] = ()
    line_starts: tuple[int, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    removed: tuple[Removal, ...] = ()
    inferred: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    page_kind: str | None = None
    """Set when the text is not a news report but a wall, a notice or a forum post (``compare.ingest.page_kind``):
    its kind (``blocked``, ``cookie-wall``, ``login-wall`` ...).  Such a report is kept out of event grouping."""
    page_words: tuple[str, ...] = ()
    """The phrases the page's kind was read from ("adres IP", "we use cookies")."""

    @property
    def words(self) -> int:
        """Words as every figure of the report counts them (``count_words``): the sources table's count is the one
        the artifact and provenance densities divide by, so "21 tells in 904 words" and "23.2 per 1,000" agree."""
        return count_words(self.text)


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A person, place, organisation, date, number or quantity in a sentence.

    ``value`` is a normalised form (ISO date, decimal number) where one
    exists; ``entity`` the canonical entity id it resolved to, if any.
    """

    source_id: str
    sentence: int
    start: int
    end: int
    text: str
    type: str
    value: str | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(Record):
    """A quotation with its speaker.  ``direct`` is False for indirect speech."""

    source_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity: str | None
    direct: bool = True
    sentences: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A canonical person, place or organisation with every spelling seen.

    ``variants`` maps source id to the spellings that source used;
    ``naming_choices`` keeps contested names of one place apart (e.g.
    'Southern Kurils' vs 'Northern Territories'), each with its sources.
    """

    id: str
    type: str
    name: str
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    naming_choices: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Background(Record):
    """A passage of a report about another event than the report's own."""

    source_id: str
    start: int
    end: int
    paragraph: int
    date: str | None
    reason: str
    linked_event: str | None = None


@dataclass(frozen=True, slots=True)
class Event(Record):
    """Reports about the same occurrence, with the evidence in words per member."""

    id: str
    title: str
    date: str | None
    sources: tuple[str, ...]
    evidence: dict[str, str] = field(default_factory=dict)
    background: tuple[Background, ...] = ()
    apart: str = ""
    """Why the nearest other event was not joined, in words (empty when no other report came near)."""
    date_basis: str = "none"
    """How ``date`` was found (``compare.events.DATE_BASES``): ``published``, ``lead`` (a full date a report writes,
    year included, in its lead), ``year-not-stated`` (no date: the reports give a day, ``date_given``, and no
    year), ``none``.  ``date`` is only ever a stated date: a year the tool inferred names no event."""
    date_given: str = ""
    """Where ``date`` is None: the day the reports' leads give without a year ("Saturday, 25 July"), else ""."""
    evidence_date: str | None = None
    """The date background passages and previews are read against: ``date``, else the members' dates as grouping
    reads them (a year inferred from a weekday or the years a text mentions).  Evidence only, never printed as
    the event's date."""


@dataclass(frozen=True, slots=True)
class Link(Record):
    """Sentence ``sentence_a`` of ``source_a`` states what ``sentence_b`` of ``source_b`` states."""

    event: str
    source_a: str
    sentence_a: int
    start_a: int
    end_a: int
    source_b: str
    sentence_b: int
    start_b: int
    end_b: int
    similarity: float
    kind: str
    labels: tuple[str, ...] = ()
    signals: dict[str, float] = field(default_factory=dict)
    chrf: float | None = None
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Claim(Record):
    """Linked sentences across the sources of an event: one statement, many renderings."""

    id: str
    event: str
    members: tuple[tuple[str, int], ...]
    kind: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class PairScore(Record):
    """Overlap of two sources of an event, with sacrebleu's signatures (a metric not computed is None)."""

    event: str
    source_a: str
    source_b: str
    bleu: float | None
    chrf: float | None
    ter: float | None
    coverage_a_in_b: float
    coverage_b_in_a: float
    unique_a: int
    unique_b: int
    links: int
    signatures: dict[str, str] = field(default_factory=dict)
    chrf_reverse: float | None = None
    """chrF of a against b (``chrf`` is b against a): chrF weighs recall twice precision, so the figure depends on
    which text is read as the reference (r57, 2019: 47 one way, 29 the other), and a matrix mirroring one of them
    said what was not measured."""


@dataclass(frozen=True, slots=True)
class QuoteMatch(Record):
    """One source's rendering of a speaker's statement against the reference rendering."""

    event: str
    speaker: str
    reference_source: str
    reference_start: int
    reference_end: int
    source_id: str
    start: int
    end: int
    fidelity: str
    chrf: float
    dropped: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    diff: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Artifact(Record):
    """A translation or rewriting tell, with a sentence a teacher could read aloud."""

    source_id: str
    start: int
    end: int
    category: str
    detector: str
    severity: str
    explanation: str
    text: str


# -- stage outputs ------------------------------------------------------------
# What each pipeline stage produces for the whole set or for one event.  They
# live here, with the values they hold, so the report and the CLI read stage
# outputs without importing the stages (see compare.stages).


@dataclass(frozen=True, slots=True)
class Annotations:
    """Mentions and quotes by source id, and the set's canonical entities (sorted by id)."""

    mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict)
    quotes: dict[str, tuple[Quote, ...]] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict:
        return {
            "mentions": {k: [m.to_dict() for m in v] for k, v in sorted(self.mentions.items())},
            "quotes": {k: [q.to_dict() for q in v] for k, v in sorted(self.quotes.items())},
            "entities": [e.to_dict() for e in self.entities],
        }


@dataclass(frozen=True, slots=True)
class Nearest(Record):
    """The closest sentence another source has to a sentence left without a counterpart.

    ``measure`` says how closeness was measured: ``semantic`` (embedding
    cosine) or ``lexical`` (the lexical backend's combined similarity, when no
    embedding backend is installed).
    """

    source: str
    sentence: int
    score: float
    measure: str
    counterpart: bool | None = None
    """Whether the absence test's model reads the candidate as a possible rendering (its probability at or above
    the model's threshold); None when not read (no fitted model, or a lexical candidate).  A candidate read
    False is not a counterpart by the test fitted on shared data, and the page does not quote it."""
    second_source: str | None = None
    second_sentence: int | None = None
    second_score: float | None = None
    """The second-nearest candidate, kept only where its score is within ``compare.align.semantic.SECOND_WITHIN``
    of the first's: on the shared WMT21 data the true counterpart is then the 2nd at least a third as often as the
    1st (bench/second_candidate_fit.py), and one candidate alone reads as the counterpart (issue 23, r40, 2017 c10)."""


@dataclass(frozen=True, slots=True)
class SaidByAnother(Record):
    """A sentence of another source that makes the points of a statement said to be in one source only as one
    speaker's words, in another speaker's words (Kono's "We will continue to discuss ... non-proliferation"
    in AVIONEWS, and Lavrov's "Our agenda also included ... non-proliferation" in MID's transcript).

    ``score`` is the embedding cosine; ``speaker`` and ``other_speaker`` are the two speakers' names.
    """

    source: str
    sentence: int
    score: float
    speaker: str
    other_speaker: str


@dataclass(frozen=True, slots=True)
class SaidAgain(Record):
    """A sentence left without a link that says again, in the source's own words, what the next or previous
    sentence of the same source says as the speaker's quotation, and that sentence is linked (000: "Lavrov said
    that the fourth round negotiations ... was Frank, the parties managed to build a constructive discussion."
    before its quotation "“The negotiations were Frank, ... constructive discussion, and we did it,”").

    ``sentence`` is the other sentence of the same source; ``speaker`` the speaker's name; ``probability`` the
    absence test's model reading of the pair (``align.absence``), at or above its same-language threshold.
    """

    sentence: int
    speaker: str
    probability: float


Diff = tuple[tuple[str, str], ...]
"""A word diff as (op, text) runs: ``=`` in both, ``-`` only in the first text, ``+`` only in the second."""


@dataclass(frozen=True)
class EventAlignment:
    """Everything the aligner found for one event; ``signatures`` says how each part was computed.

    ``reference`` is the source the others are read against (an official
    transcript, else an original; None when the set says neither), chosen once
    here so the quotes, the side-by-side and the overview agree.
    ``claim_diffs`` gives, per claim, each member source's wording against the
    claim's ``claim_anchors`` source (the reference when it carries the claim).
    """

    event: str
    links: tuple[Link, ...]
    claims: tuple[Claim, ...]
    pairs: tuple[PairScore, ...]
    quotes: tuple[QuoteMatch, ...]
    unique: dict[str, tuple[int, ...]]
    modes: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, str] = field(default_factory=dict)
    reference: str | None = None
    claim_anchors: dict[str, str] = field(default_factory=dict)
    claim_diffs: dict[str, dict[str, Diff]] = field(default_factory=dict)
    absent: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Per source, the sentences no other source carries, established by the absence test (``align.absence``)."""
    nearest: dict[str, Nearest] = field(default_factory=dict)
    """Per unlinked sentence (``"source:index"``), the closest sentence of another source."""
    said_by_another: dict[str, SaidByAnother] = field(default_factory=dict)
    """Per sentence in one source only (``"source:index"``, a key of ``absent``) that a speaker says, another
    speaker's sentence elsewhere with the same points (``align.other_speakers``)."""
    said_again: dict[str, SaidAgain] = field(default_factory=dict)
    """Per unlinked sentence (``"source:index"``), the next or previous sentence of its own source, linked, that
    says the same as the speaker's quotation (``align.repeats``): the row then names that sentence's row."""

    def to_dict(self) -> dict:
        return {
            "event": self.event,
            "reference": self.reference,
            "links": [link.to_dict() for link in self.links],
            "claims": [c.to_dict() for c in self.claims],
            "pairs": [p.to_dict() for p in self.pairs],
            "quotes": [q.to_dict() for q in self.quotes],
            "unique": {k: list(v) for k, v in self.unique.items()},
            "absent": {k: list(v) for k, v in self.absent.items()},
            "nearest": {k: v.to_dict() for k, v in self.nearest.items()},
            "said_by_another": {k: v.to_dict() for k, v in self.said_by_another.items()},
            "said_again": {k: v.to_dict() for k, v in self.said_again.items()},
            "modes": dict(self.modes),
            "signatures": dict(self.signatures),
        }


@dataclass(frozen=True, slots=True)
class SourceArtifacts(Record):
    """What the detectors found in one source, its MT likelihood with parts, and densities per family."""

    source_id: str
    artifacts: tuple[Artifact, ...]
    mt_likelihood: float | None
    """None where no model covers the source's language: "not measured", never a default number."""
    mt_parts: dict[str, float] = field(default_factory=dict)
    density: dict[str, float] = field(default_factory=dict)
    words: int = 0
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MTReason(Record):
    """One reason behind a machine-translation figure, in words, with an example from the text.

    ``contribution`` is its share of the log-odds (> 0 towards machine, < 0 towards a person);
    ``features`` names the model's features it sums, for the JSON and the CSV.
    """

    text: str
    example: str
    contribution: float
    features: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MTFigure(Record):
    """A source's machine-translation likelihood and which model produced it (stage ``mt``).

    ``model`` is ``with-original`` (the source translates ``original``, a member of the event),
    ``text-only``, or ``none`` (no model read it: "not measured");
    ``label`` says it in words ("with original 002 (ru)", "text only", or why there is no number).
    ``likelihood`` is a calibrated probability, or None where ``compare.artifacts.mt_gate`` allows no
    number (held-out AUC below 0.80, never measured, or not calibrated).  ``log_odds`` is the model's
    raw score where a model measured well enough (AUC >= 0.80) read the text: it ranks texts (the
    benches and tests compare it), it is no probability, and no page or command prints it.
    """

    source_id: str
    likelihood: float | None
    model: str
    label: str
    original: str | None = None
    reasons: tuple[MTReason, ...] = ()
    parts: dict[str, float] = field(default_factory=dict)
    coefficients: str = ""
    """Which fitted record produced it (file, language pair, variant)."""
    log_odds: float | None = None


@dataclass(frozen=True, slots=True)
class EventResult:
    """One event with its members and what the per-event stages found (None: that stage did not run)."""

    event: Event
    sources: tuple[Source, ...]
    alignment: EventAlignment | None = None
    artifacts: tuple[SourceArtifacts, ...] = ()
    framing: tuple[Any, ...] = ()
    """``compare.framing.Term`` rows: the contested names and loaded terms the members use."""
    provenance: Any = None
    """``compare.provenance.Provenance``: who took what from whom."""
    mt: tuple[MTFigure, ...] = ()
    """Each member's machine-translation likelihood, with the original where provenance found it."""


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a pipeline run produced, up to the stage it was asked for.

    ``stages`` names the stages that ran, in order; ``settings`` is the
    ``compare.settings.RunSettings`` they ran with.
    """

    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]
    annotations: Annotations
    events: tuple[EventResult, ...]
    artifacts: dict[str, SourceArtifacts]
    settings: Any
    stages: tuple[str, ...] = ()

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
