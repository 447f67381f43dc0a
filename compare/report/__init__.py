"""Reports: per-event HTML pages, CSV tables and summary.json, written atomically."""

from compare.report.writer import FORMATS, write_report

__all__ = ["FORMATS", "write_report"]
