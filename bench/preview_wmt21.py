"""How often ``written-before`` (compare.findings.preview) fires on WMT21 news documents, most of them reports
written after the fact: a false-alarm count for a rule with no labelled data to fit on.

Each English document is read alone: its statements are its sentences outside page structure (no background
passages are found without an event, and no event date, so no sentence counts as about another dated occasion:
both make the rule stricter here than on a page).  Prints the count and each document it fires on.

    .venv/bin/python bench/preview_wmt21.py /tmp/wmt21-docs-200
"""

from __future__ import annotations

import sys

from compare.findings.preview import headline_ahead as ahead
from compare.findings.preview import read
from compare.ingest import ingest
from compare.structure import roles


def main(folder: str) -> None:
    result = ingest(folder)
    english = [s for s in result.sources if s.language == "en"]
    fired, headline_ahead = [], 0
    for source in english:
        structure = set(roles(source.sentences))
        said = [s for s in source.sentences if s.index not in structure]
        figures = read(source.sentences, said, None)
        if figures is not None:
            fired.append((source.id, figures))
        first = min(source.sentences, key=lambda s: s.index) if source.sentences else None
        if first is not None and roles(source.sentences).get(first.index) == "headline" and ahead(first.text):
            headline_ahead += 1
    print(f"{len(fired)} of {len(english)} English documents read as written before the event "
          f"({headline_ahead} have a headline worded ahead)")
    for sid, figures in fired:
        print(sid, figures["ahead"], "of", figures["statements"], "statements ahead")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wmt21-docs-200")
