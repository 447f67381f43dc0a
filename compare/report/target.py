"""Whether an output folder may take a report: checked by ``compare run`` before any work, without the report's code.

Why a module of its own: ``compare run`` checks its ``-o`` before it reads a
single report, and importing the writer for that imported every stage's code
and the report's (about a third of a CPU-second) before the first report was
cleaned and its passage sent to the embedding engine.  The writer uses the same
checks (:func:`check_target` again as it writes).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from compare.errors import OutputError

__all__ = ["MARKER", "check_apart", "check_target"]

MARKER = ".compare-report"
"""The file that marks a folder compare wrote (``--force`` is needed to replace any other)."""


def check_apart(out: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse, before any work and whatever ``--force`` says, an output folder that is, holds or lies inside the input.

    Replacing the report folder would delete the source set (``-o SET
    --force``), and a report inside the set is read back as sources by the
    next run.  A manifest's set is its folder; a single file's is the file.
    """
    target = Path(out).resolve()
    for given in inputs:
        path = Path(given)
        source = path.resolve()
        root = source.parent if source.is_file() and source.suffix.lower() == ".csv" else source
        if target == root or root.is_relative_to(target) or (root.is_dir() and target.is_relative_to(root)):
            where = ("is the source set" if target == root else "holds the source set"
                     if root.is_relative_to(target) else "is inside the source set")
            raise OutputError(f"-o {out} {where} {given}",
                              "write the report to a folder outside the source set, e.g. -o reports next to it")


def check_target(out: Path, force: bool, keep: Iterable[str] = (".cache",)) -> None:
    """Refuse, before any work, an output that cannot be a report folder, or one compare did not write (unless forced)."""
    _recover(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"-o {out} exists and is not a folder", "choose another output folder with -o")
    for parent in Path(os.path.abspath(out)).parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"-o {out}: {parent} is a file, not a folder", "choose an output folder with -o")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise OutputError(f"-o {out}: cannot write in {parent}", "choose an output folder you may write in with -o")
            break
    foreign = [p for p in out.iterdir() if p.name not in set(keep)] if out.is_dir() else []
    if foreign and not (out / MARKER).exists() and not force:
        raise OutputError(
            f"{out} already holds files that compare did not write",
            "choose another folder with -o, or pass --force to replace it",
        )


def _recover(out: Path) -> None:
    """A run killed between its two renames leaves the old report aside: put it back."""
    if out.exists():
        return
    aside = sorted(out.parent.glob(f".{out.name}.old-*"))
    if aside:
        aside[-1].rename(out)
