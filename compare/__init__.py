"""compare: see how several outlets, in several languages, report the same event.

The public Python API, in three calls::

    import compare

    sources = compare.load_source_set("seeds")            # ingest: clean Source values
    result = compare.run_pipeline("seeds", until="events")  # any stage, with its dependencies
    compare.write_report(compare.run_pipeline("seeds"), "out")  # the report folder

Everything else is reachable through these values (``compare.model``) and
the settings (``compare.settings.RunSettings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compare.version import __version__

__all__ = [
    "KINDS", "STAGE_NAMES", "Annotations", "CleanSettings", "CompareError", "Event", "EventAlignment",
    "EventResult", "IngestResult", "Problem", "RunResult", "RunSettings", "Sentence", "Source", "SourceArtifacts",
    "__version__", "ingest", "load_source_set", "run_pipeline", "write_report",
]

# Light names are imported at once; the pipeline and the report load on first use, so `compare --help`
# and `import compare` stay quick.
_LAZY = {
    "run_pipeline": "compare.pipeline",
    "STAGE_NAMES": "compare.stages",
    "write_report": "compare.report",
}

from compare.errors import CompareError  # noqa: E402
from compare.ingest import IngestResult, ingest  # noqa: E402 - the function, not the subpackage, as before
from compare.model import (  # noqa: E402
    KINDS,
    Annotations,
    Event,
    EventAlignment,
    EventResult,
    Problem,
    RunResult,
    Sentence,
    Source,
    SourceArtifacts,
)
from compare.settings import CleanSettings, RunSettings  # noqa: E402

if TYPE_CHECKING:
    from compare.pipeline import run_pipeline
    from compare.report import write_report
    from compare.stages import STAGE_NAMES


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'compare' has no attribute {name!r}")


def load_source_set(path: str, settings: RunSettings | None = None) -> tuple[Source, ...]:
    """The clean, usable reports of a source set, as ``compare ingest`` reads them (problems are in
    ``run_pipeline(path, until="ingest").problems``)."""
    from compare.pipeline import run_pipeline

    return run_pipeline(path, settings, until="ingest").sources
