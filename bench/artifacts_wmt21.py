"""Human vs machine translation on WMT21 (shared part): ROC AUC of mt_likelihood per language pair.

Each document's human translation(s) and each MT system's translation of the
same source document are separate documents.  For de-en, en-de and zh-en the
data has no document ids, so pseudo-documents of 10 consecutive segments are
made (``--pseudo``).  Two figures per pair:

- ``doc``: mt_likelihood from the document alone (detectors + fluency), as
  ``detect_artifacts`` computes it;
- ``+ref``: adding the reference-based part: the mean sentence chrF of the
  document against the other translations of the same source in the set
  (MT outputs resemble each other more than human translations resemble them).

Usage: .venv/bin/python bench/artifacts_wmt21.py [--data ../shared/data/wmt21-news-human-vs-mt] [--pairs ru-en ...]
The likelihood's weights were fitted on this same shared part (bench/artifacts_fit_mt.py); the
fit script also prints document-grouped cross-validated AUCs, which are the honest out-of-sample figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"
PAIRS = ("ru-en", "de-en", "zh-en", "en-de", "de-fr", "fr-de")


def load_documents(path: Path, pseudo: int = 10) -> list[dict]:
    """One dict per (document, translator): lp, doc, translator, human (bool), lang, segments (list[str])."""
    segments_by_doc: dict[str, list[dict]] = defaultdict(list)
    lp = None
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for index, row in enumerate(sorted(rows, key=lambda r: r["line"])):
        lp = row["lp"]
        doc = row["doc_id"] if row["doc_id"] else f"pseudo{index // pseudo:03d}"
        segments_by_doc[doc].append(row)
    out = []
    for doc, rows in sorted(segments_by_doc.items()):
        translators = sorted({("human", k) for r in rows for k in r["human"]} | {("mt", k) for r in rows for k in r["mt"]})
        for kind, name in translators:
            segs = [(r[kind] or {}).get(name) for r in rows]
            if any(s is None for s in segs):
                continue
            out.append({"lp": lp, "doc": doc, "translator": f"{kind}:{name}", "human": kind == "human",
                        "lang": lp.split("-")[1], "segments": segs})
    return out


def as_source(document: dict):
    """A Source with one paragraph and one sentence per segment (the segments are already sentences)."""
    from compare.model import Sentence, Source

    text_parts, sentences, paragraphs, pos = [], [], [], 0
    sid = f"{document['doc']}|{document['translator']}"
    for i, seg in enumerate(document["segments"]):
        seg = " ".join(seg.split())
        sentences.append(Sentence(sid, i, pos, pos + len(seg), seg, i, document["lang"], 1.0))
        paragraphs.append((pos, pos + len(seg)))
        text_parts.append(seg)
        pos += len(seg) + 2
    return Source(id=sid, path="", text="\n\n".join(text_parts), language=document["lang"],
                  paragraphs=tuple(paragraphs), sentences=tuple(sentences))


def features_for(documents: list[dict]) -> list[dict]:
    """Document features (as detect_artifacts computes them) plus the reference-based chrF part."""
    from sacrebleu.metrics import CHRF

    from compare.artifacts import detect_artifacts
    from compare.artifacts.likelihood import artifacts_per_1k, fluency_features, profile_features

    chrf = CHRF()
    by_doc: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for d in documents:
        by_doc[(d["lp"], d["doc"])].append(d)
    rows = []
    for d in documents:
        source = as_source(d)
        result = detect_artifacts(source)
        feats = fluency_features(source.text, source.language, len(source.sentences))
        feats.update(profile_features(source.text, source.language))
        feats["artifacts_per_1k"] = artifacts_per_1k(result.density)
        others = [o for o in by_doc[(d["lp"], d["doc"])] if o is not d]
        scores = []
        for i, seg in enumerate(d["segments"]):
            refs = [o["segments"][i] for o in others]
            scores.append(sum(chrf.sentence_score(seg, [r]).score for r in refs) / max(len(refs), 1))
        feats["reference_chrf"] = sum(scores) / max(len(scores), 1)
        rows.append({"lp": d["lp"], "doc": d["doc"], "translator": d["translator"], "human": d["human"],
                     "lang": d["lang"], "mt_likelihood": result.mt_likelihood, "artifacts": len(result.artifacts),
                     **feats})
    return rows


def auc(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores)) if len(set(labels)) == 2 else float("nan")


def load_all(data: Path, pseudo: int = 10, pairs: tuple[str, ...] = PAIRS) -> list[dict]:
    rows = []
    for lp in pairs:
        path = data / f"newstest2021.{lp}.shared.jsonl"
        if path.exists():
            rows.extend(features_for(load_documents(path, pseudo)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pseudo", type=int, default=10, help="segments per pseudo-document where doc_id is null")
    parser.add_argument("--pairs", nargs="+", default=list(PAIRS), choices=PAIRS)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    from artifacts_fit_mt import FLUENCY, LANGS, cross_validated, document_features

    from compare.artifacts.likelihood import load_model, mt_likelihood_with_reference

    rows = load_all(args.data, args.pseudo, tuple(args.pairs))
    cv_doc: dict[int, float] = {}
    cv_ref: dict[int, float] = {}
    for pairs in LANGS.values():
        idx = [i for i, r in enumerate(rows) if r["lp"] in pairs]
        if not idx:
            continue
        sel = [rows[i] for i in idx]
        for i, p in zip(idx, cross_validated(sel, document_features(sel)), strict=True):
            cv_doc[i] = p
        for i, p in zip(idx, cross_validated(sel, (*FLUENCY, "reference_chrf")), strict=True):
            cv_ref[i] = p
    print(f"model: {load_model('en').source}")
    print("in-sample: the shipped weights (fitted on all of this shared part); CV: 5-fold, folds grouped by "
          "source document, refitted per fold")
    print(f"{'pair':<8}{'docs':>6}{'human':>7}{'mt':>5}{'doc in':>8}{'doc CV':>8}{'+ref in':>9}{'+ref CV':>9}"
          f"{'artifacts/doc h|mt':>20}")
    for lp in (*PAIRS, "all"):
        sel = [i for i, r in enumerate(rows) if lp == "all" or r["lp"] == lp]
        if not sel:
            continue
        labels = [0 if rows[i]["human"] else 1 for i in sel]
        with_ref = [mt_likelihood_with_reference(rows[i], rows[i]["lang"])[0] for i in sel]
        h = [rows[i]["artifacts"] for i in sel if rows[i]["human"]]
        m = [rows[i]["artifacts"] for i in sel if not rows[i]["human"]]
        print(f"{lp:<8}{len(sel):>6}{len(h):>7}{len(m):>5}"
              f"{auc(labels, [rows[i]['mt_likelihood'] for i in sel]):>8.3f}{auc(labels, [cv_doc[i] for i in sel]):>8.3f}"
              f"{auc(labels, with_ref):>9.3f}{auc(labels, [cv_ref[i] for i in sel]):>9.3f}"
              f"{sum(h) / len(h):>10.2f} | {sum(m) / len(m):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
