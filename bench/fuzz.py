"""Fuzz ingest and segmentation for a fixed time with hypothesis (issue 8: at least 10 minutes).

    python bench/fuzz.py --minutes 10

Runs the properties of tests/test_properties.py (cleaning never crashes and
every offset slices back; segmentation spans stay inside and in order;
arbitrary bytes either decode or raise a clear InputError) in rounds of
fresh random examples until the time is up, then prints how many examples
ran.  Any failure stops the run and prints hypothesis's minimal example.

Hostile sets and report folders (symbolic links, cache tampering, id
collisions, output placement) are fuzzed by bench/hardening.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_properties import NEWSY, check_source  # noqa: E402

from compare.errors import InputError  # noqa: E402
from compare.ingest.clean import clean_document  # noqa: E402
from compare.ingest.decode import decode_bytes  # noqa: E402
from compare.ingest.loaders import RawDocument  # noqa: E402
from compare.segment import split_paragraph  # noqa: E402

ROUND = 500
COUNT = {"examples": 0}


def rounds(seconds: float) -> int:
    run_settings = settings(max_examples=ROUND, deadline=None, database=None,
                            suppress_health_check=list(HealthCheck))

    @run_settings
    @given(st.one_of(NEWSY, st.text(max_size=3000)))
    def cleaning(text: str) -> None:
        COUNT["examples"] += 1
        check_source(clean_document(RawDocument("doc", "doc.txt", text, "text")))

    @run_settings
    @given(NEWSY, st.sampled_from(["en", "ru", "de", "fr", "it", "zh", "ja", "ar", "und"]), st.integers(10, 3000))
    def segmentation(paragraph: str, language: str, max_chars: int) -> None:
        COUNT["examples"] += 1
        end = 0
        for start, stop in split_paragraph(paragraph, language, max_chars):
            assert end <= start < stop <= len(paragraph) and stop - start <= max_chars
            end = stop

    @run_settings
    @given(st.binary(max_size=5000))
    def decoding(data: bytes) -> None:
        COUNT["examples"] += 1
        try:
            decode_bytes(data)
        except InputError as error:
            assert error.message and error.hint

    deadline = time.monotonic() + seconds
    done = 0
    while time.monotonic() < deadline:
        for prop in (cleaning, segmentation, decoding):
            prop()
        done += 1
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    started = time.monotonic()
    done = rounds(args.minutes * 60)
    print(f"{COUNT['examples']} examples in {done} rounds over {(time.monotonic() - started) / 60:.1f} minutes: no failure")


if __name__ == "__main__":
    main()
