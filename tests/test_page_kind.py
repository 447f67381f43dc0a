"""A page that is not a news report (a wall, a notice, a forum post) is said so, and joins or splits no event."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from compare.ingest import ingest
from compare.ingest.page_kind import read_page
from conftest import SEEDS, SHARED_DATA, needs_shared_data, run_cli

# a Polish site's notice, as scraped for SemEval-2022 (article 1483908758): the site blocked the scraper's address
IP_BLOCK = """Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.

Podejrzewamy, że ktoś nadużył adresu IP, z którego korzystasz.

Jeśli chcesz połączyć się z nami zaznacz "NIE JESTEM ROBOTEM".

Twój adres IP: 207.241.233.113
"""

COOKIE_WALL = """<!doctype html><html lang="en"><head><title>Lavrov meets Kono in Tokyo</title></head>
<body><main><article><h1>Lavrov meets Kono in Tokyo</h1>
<p>We use cookies to ensure that we give you the best experience on our website. This includes cookies from third
party social media websites and ad networks.</p>
<p>Our partners use cookies to ensure we show you advertising that is relevant to you. If you continue without
changing your settings, we'll assume that you are happy to receive all cookies on this website.</p>
<p>However, you can change your cookie settings at any time by visiting the cookie policy page of this website.</p>
</article></main></body></html>
"""


def _set(tmp_path: Path, walls: dict[str, str], seeds: tuple[str, ...] = ("001", "003")) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    for prefix in seeds:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        shutil.copy(path, folder / path.name)
    for name, text in walls.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_wall_is_read_as_one_and_the_file_is_named_with_what_to_do(tmp_path):
    result = ingest(_set(tmp_path, {"blocked.txt": IP_BLOCK, "cookies.html": COOKIE_WALL}))
    kinds = {s.id: s.page_kind for s in result.sources}
    assert kinds == {"001_2b86f9abb84ce2ea": None, "003_567c0f62ddf3bdd9": None, "blocked": "blocked",
                     "cookies": "cookie-wall"}
    warnings = {p.path.rsplit("/", 1)[-1]: p for p in result.problems}
    assert set(warnings) == {"blocked.txt", "cookies.html"}
    assert all(p.severity == "warning" for p in warnings.values())  # kept, never dropped silently
    assert "adresu IP" in warnings["blocked.txt"].message and "not a news report" in warnings["blocked.txt"].message
    assert "pass the site's check" in warnings["blocked.txt"].hint
    assert "‘We use cookies’" in warnings["cookies.html"].message
    assert "after the wall" in warnings["cookies.html"].hint


def test_the_seeds_are_news_reports():
    assert [s.id for s in ingest(SEEDS).sources if s.page_kind] == []


def test_a_forum_question_under_a_headline_is_not_a_report():
    text = ("Mindestens 16 Tote bei Kämpfen in mexikanischem Gefängnis Wie lange ist die Frist bei einer Kündigung? "
            "Hallo Ich möchte gerne kündigen, da das Arbeitsverhältnis nicht mehr gegeben ist. Leider verstehe ich "
            "den Arbeitsvertrag nicht ganz. Wie lange ist nun die Frist? Ich hoffe es kann mir jemand helfen")
    verdict = read_page(text)
    assert verdict is not None and verdict.kind == "forum-post"


def test_an_article_with_a_newsletter_box_in_its_lead_stays_a_report():
    # SemEval 1628426328 (Mirror): the sign-up box ran into the headline and lead when the page lost its breaks
    text = ("Madeleine McCann suspect told barmaid 'the child is dead and that’s a good thing' Sign up to FREE email "
            "alerts from Mirror - daily news Subscribe Thank you for subscribing We have more newsletters Show me "
            "See our privacy notice Invalid Email The prime suspect in the Madeleine McCann case told a barmaid the "
            "child was dead, she has claimed. "
            "She vividly recalls his words after he became very agitated when Madeleine came up in conversation one "
            "evening in 2014, seven years after she vanished. Lenta said: “Once he was completely freaked out when "
            "we were sitting in the kiosk with friends and talking about the Maddie case. He wanted us to stop. "
            "Under German prison rules Brueckner has access to media. It means he will be fully aware of the "
            "worldwide scrutiny he has been under since being named last Wednesday as the “main suspect”.")
    assert read_page(text) is None


def test_two_copies_of_one_notice_are_not_one_event(tmp_path):
    """Identical texts are what copies are, so the grouping joined the two IP-block notices (a SemEval pair rated
    different: two articles behind one wall); each is now an event of its own, saying why."""
    from compare.annotate import annotate
    from compare.events import WALL_EVENT, group_events
    from compare.settings import EventSettings

    sources = ingest(_set(tmp_path, {"a.txt": IP_BLOCK, "b.txt": IP_BLOCK})).sources
    events = group_events(sources, annotate(sources), EventSettings(semantic=False))
    by_source = {sid: e for e in events for sid in e.sources}
    assert by_source["a"] is not by_source["b"]
    for sid in ("a", "b"):
        event = by_source[sid]
        assert event.sources == (sid,) and event.id == f"{WALL_EVENT}-{sid}"
        assert "not a news report" in event.evidence[sid] and "adresu IP" in event.evidence[sid]
    assert by_source["001_2b86f9abb84ce2ea"] is by_source["003_567c0f62ddf3bdd9"]  # the reports still group
    assert all("a and" not in e.apart and "b and" not in e.apart for e in events)  # no wall is anyone's "nearest"


def test_a_manifest_label_does_not_pin_a_wall_to_an_event(tmp_path):
    from compare.annotate import annotate
    from compare.events import group_events
    from compare.settings import EventSettings

    folder = _set(tmp_path, {"wall.txt": IP_BLOCK})
    (folder / "manifest.csv").write_text(
        "id,path,event\n001,001_2b86f9abb84ce2ea.txt,lavrov\n003,003_567c0f62ddf3bdd9.txt,lavrov\n"
        "wall,wall.txt,lavrov\n", encoding="utf-8")
    sources = ingest(folder).sources
    events = group_events(sources, annotate(sources), EventSettings(semantic=False))
    assert sorted(e.sources for e in events) == [("001", "003"), ("wall",)]



def test_the_run_says_so_per_file_on_the_index_and_in_its_summary_line(tmp_path):
    folder = _set(tmp_path, {"cookies.html": COOKIE_WALL}, seeds=("001",))
    out = tmp_path / "out"
    result = run_cli("run", str(folder), "-o", str(out), "--no-semantic", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "warning: " in result.stderr and "cookies.html: the text reads as a cookie or consent notice" in result.stderr
    assert "1 not a news report (each an event of its own" in result.stderr.splitlines()[-1]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Inputs used with a warning" in page and "save the article page after the wall" in page
    assert "One of its files is not a news report" in page and "Not a news report: Lavrov meets Kono" in page
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [p["severity"] for p in summary["problems"]] == ["warning"]


@pytest.mark.shared_data
@needs_shared_data("semeval2022-task8-news-similarity")
def test_semeval_walls_are_found_and_articles_with_furniture_are_not():
    import pandas as pd

    frame = pd.read_csv(SHARED_DATA / "semeval2022-task8-news-similarity" / "pairs_shared.csv")
    texts = {}
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        texts.setdefault(id1, str(row.text1))
        texts.setdefault(id2, str(row.text2))
    kinds = {k: v.kind for k, t in texts.items() if (v := read_page(t))}
    # the IP-block notices, an ad-blocker wall, the two consent walls, a login wall, two forum questions
    for article, kind in {"1483908758": "blocked", "1484247455": "blocked", "1571226210": "blocked",
                          "1483881256": "ad-block-wall", "1558913813": "cookie-wall", "1556463214": "cookie-wall",
                          "1483973584": "login-wall", "1484152927": "forum-post", "1499773941": "forum-post"}.items():
        assert kinds.get(article) == kind, article
    # real articles with a sign-up box, a cookie line or a comment count in them
    for article in ("1628426328", "1560630737", "1573506715", "1484010307", "1483958022", "1560515863"):
        assert article not in kinds, article
    assert len(kinds) <= 20  # a wall is rare: a detector that calls many pages walls has gone wrong


def test_reports_given_together_leave_a_wall_out(tmp_path):
    """`compare align a b` compares the files given whatever the grouping says; a wall among them is still no report
    (its warning says it is compared with none)."""
    from compare.annotate import annotate
    from compare.events import TOGETHER_ID, group_events
    from compare.settings import EventSettings

    sources = ingest(_set(tmp_path, {"wall.txt": IP_BLOCK})).sources
    events = group_events(sources, annotate(sources), EventSettings(together=True, semantic=False))
    assert sorted((e.id, e.sources) for e in events) == [
        (TOGETHER_ID, ("001_2b86f9abb84ce2ea", "003_567c0f62ddf3bdd9")), ("not-a-news-report-wall", ("wall",))]


def test_the_substring_each_pattern_is_tried_after_is_one_every_match_holds():
    from compare.ingest.page_kind import required

    assert required("(tu|su) dirección ip") == " dirección ip"
    assert required("cookies? (settings|policy)") == "cookie"  # the optional "s" is not required
    assert required("adres(u|em)? ip") == "adres"
    assert required("zgod\\w+ na przetwarzanie") == " na przetwarzanie"
    assert required("使用(cookie|cookie)") == ""  # nothing of 3 characters or more: always tried
