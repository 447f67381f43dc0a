"""Ingest: source sets in, clean ``Source`` values out."""

from compare.ingest.clean import CleanSettings, clean_document
from compare.ingest.loaders import LOADERS, RawDocument
from compare.ingest.source_set import IngestResult, discover, ingest

__all__ = ["CleanSettings", "IngestResult", "LOADERS", "RawDocument", "clean_document", "discover", "ingest"]
