"""Files saved in the encodings news sets come in read back identical to their UTF-8 originals."""

from __future__ import annotations

import pytest

from compare.ingest import ingest

RUSSIAN = (
    "Министр иностранных дел России Сергей Лавров и министр обороны Сергей Шойгу провели в Токио "
    "переговоры с японскими коллегами Таро Коно и Такеси Ивая в формате «два плюс два».\n\n"
    "«Переговоры были откровенными, мы не обходили острые вопросы», — заявил Лавров.\n"
)
ITALIAN = (
    "La delicata questione delle isole Curili è stata discussa: il Giappone rivendica le quattro isole "
    "meridionali che chiama «territori del nord».\n\nLavrov ha ricordato che le forze armate russe operano "
    "«sul loro territorio». Perché la tensione è così alta? Più che mai, dicono a Tokyo.\n"
)
GERMAN = (
    "Die Außenminister trafen sich am Donnerstag in Tokio. Über die Kurilen gab es keine Einigung; "
    "Japan fordert die Rückgabe der vier südlichen Inseln.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (ITALIAN, "latin-1"),
        (GERMAN, "latin-1"),
        (RUSSIAN, "utf-16"),
        (ITALIAN, "utf-16"),
        (RUSSIAN, "utf-16-le"),
        (ITALIAN, "utf-16-be"),
        (RUSSIAN, "utf-8-sig"),
    ],
)
def test_encoded_file_reads_like_its_utf8_original(tmp_path, text, encoding):
    (tmp_path / "utf8").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "utf8" / "report.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other" / "report.txt").write_bytes(text.encode(encoding))
    original = ingest(tmp_path / "utf8").sources[0]
    recoded = ingest(tmp_path / "other").sources[0]
    assert recoded.text == original.text
    assert recoded.sentences == original.sentences


def test_mixed_encodings_keep_the_utf8_and_say_so(tmp_path):
    data = ("Lavrov said the talks were “frank”. " * 10).encode() + b"caf\xe9 \xff\xfe " + b"The end."
    (tmp_path / "mixed.txt").write_bytes(data)
    source = ingest(tmp_path).sources[0]
    assert "“frank”" in source.text
    assert any("mixed encodings" in note for note in source.notes)
