"""Event grouping and similarity on third-party data (skipped when ../shared/data is absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import needs_shared_data

BENCH = Path(__file__).parents[1] / "bench"


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared_data
@needs_shared_data("wmt21-news-human-vs-mt")
def test_wmt21_versions_of_a_document_form_one_event():
    from sklearn.metrics import adjusted_rand_score

    from compare.annotate import annotate
    from compare.events import group_events
    from compare.settings import EventSettings

    sources, gold = _bench("events_wmt21").build_sources("de-fr")  # German originals, French translations
    # the lexical path (--no-semantic): embedding 270 long passages would take a minute of the suite; the default
    # path is measured on all six pairs by bench/events_cross.py and on the seeds by tests/test_events.py
    events = group_events(sources, annotate(sources), EventSettings(semantic=False))
    predicted = {sid: e.id for e in events for sid in e.sources}
    ids = [s.id for s in sources]
    assert adjusted_rand_score([gold[i] for i in ids], [predicted[i] for i in ids]) >= 0.95


@pytest.mark.shared_data
@needs_shared_data("semeval2022-task8-news-similarity")
def test_semeval_similarity_follows_gold_on_english_pairs():
    import pandas as pd
    from scipy.stats import pearsonr

    from compare.annotate import annotate
    from compare.events import EventSimilarity

    bench = _bench("events_semeval")
    frame = pd.read_csv(bench.DATA / "pairs_shared.csv")
    frame = frame[(frame.lang1 == "en") & (frame.lang2 == "en")]
    sources, pairs = {}, []
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        a, b = bench.make_source(id1, row.text1, "en"), bench.make_source(id2, row.text2, "en")
        sources.setdefault(a.id, a)
        sources.setdefault(b.id, b)
        pairs.append((a.id, b.id, float(row.Overall)))
    collection = [sources[k] for k in sorted(sources)]
    similarity = EventSimilarity(collection, annotate(collection))
    r = pearsonr([similarity.score(a, b) for a, b, _ in pairs], [g for _, _, g in pairs]).statistic
    assert r <= -0.6  # gold: 1 = most similar, so a good similarity correlates negatively


@pytest.mark.shared_data
@needs_shared_data("wmt21-news-human-vs-mt")
@needs_shared_data("semeval2022-task8-news-similarity")
def test_generated_sets_hold_whole_articles(tmp_path):
    """Each WMT21 segment has the same neighbours (its article's other segments) in a small set as in a large one."""
    import csv
    import json

    make_sets = _bench("make_sets")
    articles = make_sets.wmt_articles()
    xml = [a for a in articles if a[0][0]["id"].startswith(("wmt-de-fr-", "wmt-fr-de-", "wmt-ru-en-"))]
    assert len(xml) == 15 + 18 + 29  # the documents of the pairs that have document ids
    assert sum(len(a) for a in articles) == 1866
    make_sets.build([500, 2000], tmp_path)
    segment_of = {r["id"]: r["id"].rsplit("-", 1)[0] for a in articles for event in a for r in event}
    chosen = {}
    for size in (500, 2000):
        ids = [json.loads(line)["id"] for line in open(tmp_path / f"set-{size}.jsonl", encoding="utf-8")]
        chosen[size] = {segment_of[i] for i in ids if i.startswith("wmt-") and i.endswith("-src")}
        truth = {row["id"]: row["event"] for row in csv.DictReader(open(tmp_path / f"set-{size}.truth.csv", encoding="utf-8"))}
        assert set(truth) == set(ids)
    for article in articles:
        segments = {event[0]["id"].rsplit("-", 1)[0] for event in article}
        for size in (500, 2000):
            assert not segments & chosen[size] or segments <= chosen[size]
    assert chosen[500] < chosen[2000]
