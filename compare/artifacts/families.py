"""The families of artifacts, in report order, with titles a reader understands."""

from __future__ import annotations

FAMILIES: tuple[tuple[str, str], ...] = (
    ("casing", "Casing and layout left by machine translation"),
    ("transliteration", "Names transliterated through a third script, romanised differently, or spelled inconsistently"),
    ("typography", "Typography of the source language kept in English"),
    ("calque", "Calques and literal renderings"),
    ("mixed_script", "Untranslated or mixed-script words"),
    ("rewrite", "Rewrite-tool tells"),
    ("residue", "Page residue that survived cleaning"),
)
"""(name, human title) for each family, in the order reports show them."""

FAMILY_NAMES: tuple[str, ...] = tuple(name for name, _ in FAMILIES)
FAMILY_TITLES: dict[str, str] = dict(FAMILIES)
