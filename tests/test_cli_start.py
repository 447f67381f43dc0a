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
