"""Reports: per-event HTML pages, CSV tables and summary.json, written atomically.

The writer is imported on first use (PEP 562): ``compare run`` checks its
output folder with :mod:`compare.report.target` before any work, and the
writer's imports (every stage's code) then come after the first report is
cleaned, beside the embedding engine, instead of before it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMATS", "write_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from compare.report import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
