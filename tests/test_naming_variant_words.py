"""The naming-variant flag says which sources spell the name which way, and how often: "(2 sources, each
mostly)" left a reader unable to check it, and "every other source" overclaimed when another source also wrote
the flagged spelling."""

from __future__ import annotations

from compare.artifacts import build_context, detect_artifacts
from compare.ingest import ingest


def _explanations(tmp_path, texts: dict[str, str], flagged_file: str) -> list[str]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    sources = ingest(tmp_path).sources
    context = build_context(list(sources))
    source = next(s for s in sources if s.path.endswith(flagged_file))
    assert {s.id for s in sources} == {"b", "c", "d"}  # ids from the file names, as the flag names them
    return [a.explanation for a in detect_artifacts(source, None, context).artifacts
            if a.category == "transliteration" and a.text == "Shoygu"]


def test_a_unanimous_set_is_counted_per_source(tmp_path):
    words = _explanations(tmp_path, {
        "b.txt": "Defence minister Sergey Shoigu met his counterpart in Tokyo. Shoigu left on Friday.\n",
        "c.txt": "Defence minister Sergey Shoygu met his counterpart in Tokyo on Friday.\n",
        "d.txt": "Sergey Shoigu, the defence minister, held talks in Tokyo on Friday.\n"}, "c.txt")
    assert words, "Shoygu against everyone's Shoigu is flagged"
    assert ("'Shoygu' is spelled 'Shoigu' by both other sources in the whole source set that name it "
            "(b 'Shoigu' twice; d 'Shoigu' once); this source writes 'Shoygu' once") in words[0]


def test_a_set_that_is_not_unanimous_is_not_called_every_other_source(tmp_path):
    words = _explanations(tmp_path, {
        "b.txt": "Defence minister Sergey Shoigu met his counterpart in Tokyo. Shoigu left. Shoygu came back.\n",
        "c.txt": "Defence minister Sergey Shoygu met his counterpart in Tokyo on Friday.\n",
        "d.txt": "Sergey Shoigu, the defence minister, held talks in Tokyo on Friday.\n"}, "c.txt")
    assert words
    assert "every other source" not in words[0] and "both other sources" not in words[0]
    assert "most often" in words[0] and "b 'Shoigu' twice, 'Shoygu' once" in words[0]
