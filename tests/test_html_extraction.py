"""HTML ingest: real trafilatura extraction on small hand-written news pages (tests/fixtures/html/).

The pages carry what real ones do: a navigation menu, share buttons, a
related-stories box, a cookie banner, a footer, and metadata in Open Graph
tags or JSON-LD.  The figures on public pages are in bench/ingest_extraction.py;
the last test re-checks its F1 target when ../shared/data is present.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from compare.ingest import ingest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "article-extraction-benchmark"


@pytest.fixture(scope="module")
def result():
    return ingest(FIXTURES)


@pytest.fixture(scope="module")
def sources(result):
    return {source.id: source for source in result.sources}


def test_metadata_from_meta_tags(sources):
    source = sources["article_en"]
    assert source.title == "Russia and Japan hold two-plus-two talks in Tokyo"
    assert source.published == "2019-05-30"
    assert source.site_name == "Harbour Herald"
    assert source.url == "https://www.harbourherald.example/world/2019/05/30/russia-japan-talks"
    assert source.language == "en"


def test_metadata_from_json_ld(sources):
    source = sources["article_ru"]
    assert source.title == "Лавров и Шойгу провели переговоры в Токио"
    assert source.published == "2019-05-30"
    assert source.site_name == "Вестник Приморья"
    assert source.language == "ru"


def test_body_kept_and_page_chrome_gone(sources):
    text = sources["article_en"].text
    assert "fourth round of their two-plus-two consultations" in text
    assert "posed no threat to Russia." in text
    for chrome in ("World news", "Markets and business", "Subscribe to the Herald", "Share on Facebook",
                   "Email this article", "Related stories", "Ministers meet in Moscow", "All rights reserved",
                   "Privacy policy", "Contact the newsroom", "dataLayer", "list-style"):
        assert chrome not in text, chrome
    ru = sources["article_ru"].text
    assert "«2+2»" in ru and "по дипломатическим каналам." in ru
    for chrome in ("файлы cookie", "Главная", "Экономика", "Перепечатка", "schema.org"):
        assert chrome not in ru, chrome


def test_each_block_is_a_paragraph(sources):
    """Heading and paragraphs stay apart, so no sentence runs from the headline into the lead."""
    source = sources["article_en"]
    paragraphs = [source.text[a:b] for a, b in source.paragraphs]
    assert paragraphs[0] == "Russia and Japan hold two-plus-two talks in Tokyo"
    assert len(paragraphs) == 5
    assert all(s.paragraph < len(paragraphs) for s in source.sentences)
    assert sources["article_en"].sentences[0].text == paragraphs[0]


def test_script_only_page_is_a_clear_problem(result, sources):
    assert "scripts_only" not in sources
    [problem] = [p for p in result.problems if "scripts_only" in p.path]
    assert problem.severity == "error"
    assert "no article text" in problem.message
    assert problem.hint


def test_repeatable(result, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(FIXTURES, copy)
    again = ingest(copy)
    assert json.dumps([s.to_dict() for s in again.sources]) == json.dumps([s.to_dict() for s in result.sources])


def _shingles(text: str) -> Counter[str]:
    tokens = re.findall(r"\w+", text)
    return Counter(" ".join(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i:i + 4])


@pytest.mark.shared_data
@pytest.mark.skipif(not AEB.is_dir(), reason="needs ../shared/data/article-extraction-benchmark (not in the repo)")
def test_article_extraction_benchmark_f1(tmp_path):
    """Shingle F1 (the benchmark's own metric, see bench/ingest_extraction.py) >= 0.95 on the 30 shared pages."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for key in truth:
        (tmp_path / f"{key}.html").write_bytes(gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes()))
    texts = {s.id: s.text for s in ingest(tmp_path).sources}
    precisions, recalls = [], []
    for key, entry in truth.items():
        gold, predicted = _shingles(entry["articleBody"]), _shingles(texts.get(key, ""))
        tp = sum((gold & predicted).values())
        if predicted:
            precisions.append(tp / sum(predicted.values()))
        if gold:
            recalls.append(tp / sum(gold.values()))
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    assert 2 * p * r / (p + r) >= 0.95, (p, r)
