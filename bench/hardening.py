"""Hostile source sets and report folders, generated at random for a fixed time (issue 25).

    python bench/hardening.py --minutes 2 [--seed 1]

Four families of cases, each run through compare's real code, each with the
property it must keep:

* links: a set with random symbolic links (to a secret file outside, to a
  report inside, dangling, to folders) and manifests with ``..`` and absolute
  paths: no source ever holds the secret's text.
* cache: a cache file filled by a real run, then damaged at random
  (truncated, bytes overwritten, values replaced by random JSON or by a
  pickle that would touch a marker file, another schema, a folder in its
  place): the next run never fails, gives the same sources as a fresh one,
  and the marker never appears.
* ids: random trees of colliding names (``a.txt``, ``a~2.txt``,
  ``x/a.txt``...): every file becomes a source with an id of its own.
* output: ``-o`` placed at random relative to the set (the set, inside,
  above, beside): refused exactly when it is, holds or lies in the set.

Prints, per family, how many cases ran and how many broke the property; any
break prints the case and the run exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import pickle
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOOD = ["001_2b86f9abb84ce2ea.txt", "003_567c0f62ddf3bdd9.txt"]
SECRET = "zqxvault secret words that must never reach a report"


class Touch:
    """Unpickling this would create a marker file: the cache must never unpickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def good_set(folder: Path, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in GOOD:
        shutil.copy(SEEDS / name, folder / name)


def case_links(root: Path, rng: random.Random) -> str | None:
    from compare.ingest import ingest

    secret = root / "private" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    folder = root / "set"
    good_set(folder, rng)
    (folder / "sub").mkdir()
    targets = [secret, secret.parent, folder / GOOD[0], root / "missing.txt", Path("/etc/hostname")]
    for number in range(rng.randint(1, 4)):
        where = folder / rng.choice(["", "sub/"]) / f"link{number}{rng.choice(['.txt', '.md', '.html', ''])}"
        os.symlink(rng.choice(targets), where)
    if rng.random() < 0.5:
        paths = [GOOD[0], GOOD[1], "../private/secret.txt", str(secret), "link0.txt", "sub/../../private/secret.txt"]
        rows = ["id,path"] + [f"m{i},{p}" for i, p in enumerate(rng.sample(paths, k=rng.randint(2, len(paths))))]
        (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ingest(folder)
    leaked = [s.id for s in result.sources if "zqxvault" in s.text]
    return f"secret read as {leaked}" if leaked else None


def case_ids(root: Path, rng: random.Random) -> str | None:
    from compare.ingest.source_set import discover

    folder = root / "set"
    names = set()
    for _ in range(rng.randint(2, 7)):
        stem = rng.choice(["a", "a~1", "a~2", "b", "a~1~1"])
        names.add(f"{rng.choice(['', 'x/', 'y/', 'x/z/'])}{stem}.txt")
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Report {name}. The ministers met in Tokyo on Thursday.", encoding="utf-8")
    docs = discover(folder, 10_000_000, [])
    ids = [d.id for d in docs]
    if len(ids) != len(set(ids)) or len(docs) != len(names):
        return f"files {sorted(names)} gave ids {ids}"
    return None


def _sources(folder: Path, cache_path: Path):
    from compare.cache import Cache
    from compare.pipeline import run_pipeline

    cache = Cache(cache_path)
    try:
        return run_pipeline(folder, cache=cache, until="ingest").sources
    finally:
        cache.close()


def case_cache(root: Path, rng: random.Random, fresh_cache: dict) -> str | None:
    folder = root / "set"
    good_set(folder, rng)
    cache_path = root / "cache" / "compare.sqlite"
    if "sources" not in fresh_cache:
        fresh_cache["sources"] = _sources(folder, None)
    _sources(folder, cache_path)
    marker = root / "pwned"
    how = rng.choice(["truncate", "overwrite", "json", "pickle", "schema", "folder"])
    data = cache_path.read_bytes()
    if how == "truncate":
        cache_path.write_bytes(data[: rng.randint(0, len(data))])
    elif how == "overwrite":
        start = rng.randint(0, len(data) - 1)
        cache_path.write_bytes(data[:start] + rng.randbytes(rng.randint(1, 256)) + data[start + 256:])
    elif how in ("json", "pickle"):
        value: object = pickle.dumps(Touch(marker)) if how == "pickle" else json.dumps(rng.choice([
            {"c": "compare.model:Source", "f": {"id": rng.randint(0, 9)}}, {"c": "os:system", "f": {}},
            {"t": [1, "x"]}, {"d": [[1, 2]]}, [None] * rng.randint(0, 3), {"c": "compare.model:Problem", "f": {}},
        ]))
        with sqlite3.connect(cache_path) as db:
            db.execute("UPDATE entries SET value = ?", [value])
    elif how == "schema":
        cache_path.unlink()
        with sqlite3.connect(cache_path) as db:
            db.execute("CREATE TABLE results (stage, key, value)")
    else:
        cache_path.unlink()
        cache_path.mkdir()
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # the warning that the file was moved aside
            again = _sources(folder, cache_path)
    except Exception as exc:  # noqa: BLE001 - the property is that nothing is raised
        return f"{how}: {type(exc).__name__}: {exc}"
    if marker.exists():
        return f"{how}: a pickle ran"
    if again != fresh_cache["sources"]:
        return f"{how}: sources differ from a fresh run"
    return None


def case_output(root: Path, rng: random.Random) -> str | None:
    from compare.errors import OutputError
    from compare.report.writer import check_apart

    folder = root / "set"
    good_set(folder, rng)
    inputs = rng.choice([folder, folder / GOOD[0]])
    place = rng.choice(["same", "inside", "above", "beside", "deep-inside"])
    out = {"same": folder, "inside": folder / "report", "above": root, "beside": root / "report",
           "deep-inside": folder / "a" / "b"}[place]
    # A folder is related to any -o but one beside it; a single file only to -o folders that hold it.
    related = place in ("same", "above") if inputs != folder else place != "beside"
    try:
        check_apart(out, [inputs])
        refused = False
    except OutputError:
        refused = True
    return None if refused == related else f"-o {place} of {inputs.name}: refused={refused}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="compare-bench-cache-"))
    rng = random.Random(args.seed)
    fresh: dict = {}
    families = {"links": case_links, "ids": case_ids, "cache": lambda r, g: case_cache(r, g, fresh),
                "output": case_output}
    counts = {name: [0, 0] for name in families}
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    while time.monotonic() < deadline:
        for name, case in families.items():
            with tempfile.TemporaryDirectory(prefix=f"hardening-{name}-") as scratch:
                broken = case(Path(scratch), rng)
            counts[name][0] += 1
            if broken:
                counts[name][1] += 1
                print(f"{name}: {broken}", file=sys.stderr)
    for name, (ran, broke) in counts.items():
        print(f"{name:7} {ran:5d} cases, {broke} broke the property")
    print(f"{sum(c[0] for c in counts.values())} cases in {(time.monotonic() - started) / 60:.1f} minutes (seed {args.seed})")
    sys.exit(1 if any(c[1] for c in counts.values()) else 0)


if __name__ == "__main__":
    main()
