"""compare: see how several outlets, in several languages, report the same event."""

from compare.errors import CompareError
from compare.ingest import CleanSettings, IngestResult, ingest
from compare.model import KINDS, Problem, Sentence, Source

__version__ = "0.1.0"

__all__ = ["CleanSettings", "CompareError", "IngestResult", "KINDS", "Problem", "Sentence", "Source", "__version__", "ingest"]
