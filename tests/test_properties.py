"""Properties that must hold for any input: no crash, offsets that slice back, lossless JSON Lines.

The example counts here keep CI quick; bench/fuzz.py runs the same
properties for as long as you like (``--minutes 10``).
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import InputError
from compare.ingest import ingest
from compare.ingest.clean import clean_document
from compare.ingest.decode import decode_bytes
from compare.ingest.loaders import RawDocument
from compare.segment import split_paragraph

# Text that looks like what scrapers produce: words, punctuation of several
# scripts, quotes, line breaks, odd spaces and the occasional control char.
ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc"),
)
NEWSY = st.lists(
    st.one_of(
        st.text(ALPHABET, max_size=40),
        st.sampled_from(["\n", "\n\n", ". ", "“", "”", "«", "»", " — ", "U.S.", "Mr. ", "2 + 2", "May 30, 2019", "。"]),
    ),
    max_size=60,
).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_source(source) -> None:
    for sentence in source.sentences:
        assert source.text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text
    for start, end in source.paragraphs:
        assert 0 <= start <= end <= len(source.text)
    starts = [s.start for s in source.sentences]
    assert starts == sorted(starts)


@SETTINGS
@given(NEWSY)
def test_cleaning_never_crashes_and_offsets_slice_back(text):
    source = clean_document(RawDocument("doc", "doc.txt", text, "text"))
    check_source(source)


@SETTINGS
@given(NEWSY, st.sampled_from(["en", "ru", "de", "fr", "it", "zh", "und"]), st.integers(20, 400))
def test_segmentation_spans_are_inside_and_ordered(paragraph, language, max_chars):
    spans = split_paragraph(paragraph, language, max_chars)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(paragraph)
        assert end - start <= max_chars
        previous_end = end


@SETTINGS
@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_either_reads_or_says_why(data):
    try:
        text, encoding = decode_bytes(data)
    except InputError as error:
        assert error.message and error.hint
    else:
        assert isinstance(text, str) and encoding


RECORD = st.fixed_dictionaries(
    {
        "text": NEWSY.filter(lambda t: sum(c.isalpha() for c in t) > 3),
        "outlet": st.sampled_from(["TASS", "MID", "AVIONEWS", "Reuters"]),
        "kind": st.sampled_from(["original", "translation", "machine-translation", "rewrite", "official-transcript"]),
        "published": st.dates().map(lambda d: d.isoformat()),
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(RECORD, min_size=1, max_size=4))
def test_a_source_set_round_trips_through_json_lines(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("roundtrip")
    first = folder / "first.jsonl"
    first.write_text(
        "".join(json.dumps(dict(r, id=f"r{i}"), ensure_ascii=False) + "\n" for i, r in enumerate(records)),
        encoding="utf-8",
    )
    sources = ingest(first).sources
    exported = folder / "second.jsonl"
    keys = ("id", "text", "outlet", "kind", "language", "published", "title", "url")
    exported.write_text(
        "".join(json.dumps({k: s.to_dict()[k] for k in keys if s.to_dict()[k]}, ensure_ascii=False) + "\n" for s in sources),
        encoding="utf-8",
    )
    again = ingest(exported).sources
    assert [(s.id, s.text, s.outlet, s.kind, s.published) for s in again] == [
        (s.id, s.text, s.outlet, s.kind, s.published) for s in sources
    ]
    for source in again:
        check_source(source)
