"""Who asks the e5 engine for what: texts, tokens and engine CPU seconds per consumer, in one `compare run`.

    python bench/make_wmt21_docs.py --size 200 --out /tmp/wmt21-docs-200
    python bench/embed_consumers.py /tmp/wmt21-docs-200

Runs ``compare run SET -o OUT --no-cache`` in this process with the semantic
layer on (the default), and watches two seams of the real code:

* every ``embeddings.encode`` and ``embeddings.prefetch`` call: which module
  of ``compare`` made it (the first frame outside ``compare/semantic``), so
  each text is credited to the consumers that asked for it (events' title and
  passage rows, align's sentences and merge windows, provenance, the MT
  features, absence...);
* every text the ONNX engine encodes (``Engine.encode_one``): its token count
  and the CPU seconds of the engine thread that encoded it.

Prints, per consumer (a text asked for by several is credited to the first
that asked, and counted again under "also asked by"), the texts actually
encoded, their tokens, and the engine CPU seconds they took, with shares.
Nothing here changes what the run computes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path


def consumer_of(frame) -> str:
    """The first ``compare`` module on the stack outside the embedding layer (``compare.align.semantic``...)."""
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith("compare.") and not name.startswith(("compare.semantic.embeddings",
                                                                 "compare.semantic.e5_onnx")):
            if name == "compare.event_links" or name == "compare.semantic.documents":
                frame = frame.f_back
                continue
            return name
        frame = frame.f_back
    return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: a temporary one)")
    args = parser.parse_args()

    from click.testing import CliRunner

    from compare.cli import main as cli
    from compare.semantic import e5_onnx, embeddings

    first: dict[str, str] = {}
    askers: dict[str, set[str]] = defaultdict(set)
    lock = threading.Lock()

    def credit(texts, who: str) -> None:
        with lock:
            for text in texts:
                cleaned = embeddings._clean(text)
                first.setdefault(cleaned, who)
                askers[cleaned].add(who)

    original_encode, original_prefetch = embeddings.encode, embeddings.prefetch

    def encode(texts, *a, **k):
        credit(texts, consumer_of(sys._getframe(1)))
        return original_encode(texts, *a, **k)

    def prefetch(texts, *a, **k):
        credit(texts, consumer_of(sys._getframe(1)))
        return original_prefetch(texts, *a, **k)

    embeddings.encode, embeddings.prefetch = encode, prefetch
    encoded: dict[str, tuple[int, float]] = {}
    original_one = e5_onnx.Engine.encode_one

    def encode_one(self, text):
        start = time.thread_time()
        row = original_one(self, text)
        spent = time.thread_time() - start
        with lock:
            encoded[text] = (len(self.tokens(text)), spent)
        return row

    e5_onnx.Engine.encode_one = encode_one
    out = args.out or Path(tempfile.mkdtemp(prefix="embed-consumers-")) / "report"
    started = time.process_time()
    result = CliRunner().invoke(cli, ["run", str(args.source), "-o", str(out), "--no-cache", "--force"],
                                catch_exceptions=False)
    cpu = time.process_time() - started
    if result.exit_code != 0:
        print(result.output)
        return 1
    texts, tokens, seconds = Counter(), Counter(), Counter()
    for text, (n_tokens, spent) in encoded.items():
        who = first.get(text, "?")
        texts[who] += 1
        tokens[who] += n_tokens
        seconds[who] += spent
    also = Counter(who for text in encoded for who in askers.get(text, ()) if who != first.get(text))
    total_s = sum(seconds.values()) or 1.0
    total_t = sum(tokens.values()) or 1
    print(f"{args.source}: run CPU {cpu:.1f} s (this process, all threads); engine {sum(seconds.values()):.1f} "
          f"CPU s for {len(encoded)} texts, {total_t} tokens")
    print(f"{'first asked by':40} {'texts':>7} {'tokens':>9} {'tok/text':>8} {'engine s':>9} {'share':>6}  also asked by others")
    for who, _ in seconds.most_common():
        print(f"{who:40} {texts[who]:7d} {tokens[who]:9d} {tokens[who] / texts[who]:8.1f} {seconds[who]:9.1f} "
              f"{seconds[who] / total_s:6.1%}  {also.get(who, 0)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
