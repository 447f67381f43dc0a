"""``compare run`` starts its slow loads (the embedding engine's process, py3langid) before anything heavy.

Parsing the options is all that comes before them (``compare.cli.run._start_loading``).  ``--backend``'s
choices come from the aligner's registry, and reading it imported the whole aligner (0.3 CPU-second) on every
run, only to accept the default: the engine's process then started that much later, and the first texts waited
for it.  The default is taken without the registry; any other value is still checked against it.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from compare.align.backends import SIMILARITY_BACKENDS
from compare.cli import run


def test_parsing_a_plain_run_imports_no_aligner():
    code = ("import sys; from compare.cli import run; "
            "context = run.command.make_context('run', ['seeds', '-o', 'out', '--no-cache']); "
            "assert context.params['backend'] == 'default'; "
            "print(sorted(m for m in sys.modules if m == 'compare.align' or m.startswith('compare.align.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_default_backend_is_registered_and_other_values_are_still_checked():
    assert "default" in SIMILARITY_BACKENDS
    assert run.command.make_context("run", ["seeds", "--backend", "embeddings"]).params["backend"] == "embeddings"
    with pytest.raises(click.BadParameter, match="nonsense"):
        run.command.make_context("run", ["seeds", "--backend", "nonsense"])


def test_a_run_reaches_its_first_report_before_the_stages_and_the_report_import_their_code():
    """Up to the ingest stage, ``compare run`` imports only what cleaning needs: every other stage imports its
    own code as it runs, and the report's writer comes after the pipeline.  Importing the writer for the output
    checks pulled in every stage's code (a third of a CPU-second) before the first report was cleaned and its
    passage sent to the embedding engine, which idled meanwhile."""
    heavy = ["compare.align", "compare.annotate", "compare.artifacts", "compare.events", "compare.framing",
             "compare.provenance", "compare.findings", "compare.report.writer", "sacrebleu", "scipy.sparse",
             "wordfreq"]
    code = ("import sys; from compare.cli import run; from compare.report.target import check_apart, check_target; "
            "import compare.pipeline, compare.stages.ingest, compare.report; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_report_package_still_gives_its_writer_and_checks():
    from compare import report
    from compare.report import target, writer

    assert report.write_report is writer.write_report and report.FORMATS == writer.FORMATS
    assert writer.check_target is target.check_target and writer.MARKER == target.MARKER == ".compare-report"
    with pytest.raises(AttributeError):
        report.no_such_name  # noqa: B018
