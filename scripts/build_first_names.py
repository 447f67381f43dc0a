"""Build the list of known first names shipped as ``compare/data/first_names.json.gz``.

    .venv/bin/python -m pip download faker --no-deps -d /tmp/faker   # any recent Faker wheel (MIT)
    .venv/bin/python scripts/build_first_names.py --faker /tmp/faker/faker-*.whl
    .venv/bin/python scripts/build_first_names.py --faker WHEEL --check   # exit 1 if the shipped file differs

Why: a capitalised phrase is only a person when something says so (a title, a
verb of speech, natasha's PER tag for Russian, or a first name we know).
"Kathedrale Notre-Dame", "Borussia Dortmund" or "Ortschaft Dampfach" are rare
words too, so rarity alone is no evidence.  Faker's person providers are the
largest first-name lists under a permissive licence (MIT) covering the languages
news comes in; Faker itself is not needed at run time, only this file.

What goes in: every first name of every locale's person provider written in
Latin or Cyrillic letters (other scripts do not survive ASCII folding), with
its spelling-insensitive key (``compare.annotate.entities.phonetic``), so a
Cyrillic "Дмитрий" also vouches for "Dmitry" and "Dmitri".  The file stores
the names (for reading and provenance), the keys (what the annotator reads)
and Faker's licence notice.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pkgutil
import re
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.annotate.entities import phonetic  # noqa: E402

OUT = ROOT / "compare" / "data" / "first_names.json.gz"
NAME = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]+(?:[-'][A-Za-zÀ-ɏЀ-ӿ]+)*")
ATTRIBUTE = re.compile(r"first_(?:names|romanized_names)\w*$|first_name_(?:male|female|unisex)\w*$")


def _faker_names(faker_dir: Path) -> tuple[set[str], str, str]:
    sys.path.insert(0, str(faker_dir))
    import faker
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"faker.providers.person.{module.name}"), "Provider", None)
        for attribute, value in vars(provider or object).items():
            if not ATTRIBUTE.match(attribute) or not isinstance(value, (list, tuple, set, frozenset, dict)):
                continue
            names.update(n for n in value if isinstance(n, str) and NAME.fullmatch(n))
    licence = next(faker_dir.glob("faker-*.dist-info/licenses/LICENSE*"), None) or next(
        faker_dir.glob("faker-*.dist-info/LICENSE*"))
    return names, faker.VERSION, licence.read_text(encoding="utf-8")


def build(faker_dir: Path) -> bytes:
    names, version, licence = _faker_names(faker_dir)
    keys = {name: phonetic(name) for name in sorted(names)}
    document = {
        "source": f"Faker {version} (PyPI 'faker'), faker/providers/person/*: first-name lists of every locale",
        "licence": licence,
        "names": keys,
        "keys": sorted({k for k in keys.values() if k}),
    }
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return gzip.compress(data, mtime=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--faker", required=True, type=Path, help="a Faker wheel or an unpacked Faker folder")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs from a rebuild")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.faker
        if source.is_file():
            zipfile.ZipFile(source).extractall(tmp)
            source = Path(tmp)
        data = build(source)
    if args.check:
        same = args.out.exists() and gzip.decompress(args.out.read_bytes()) == gzip.decompress(data)
        print("first names: up to date" if same else f"first names: {args.out} differs from a rebuild")
        return 0 if same else 1
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
