"""The ``compare`` command line.

Each sub-command lives in its own module here and is thin: it parses its
options, calls one library function and prints.  Shared behaviour (the
``--debug`` flag, exit codes, how problems are printed) lives in
``compare.cli.common``.

Exit codes: 0 done; 1 done, but some sources were skipped; 2 usage error;
3 nothing usable in the source set.
"""

from __future__ import annotations

import importlib

import click

from compare.cli.common import CompareGroup
from compare.version import __version__

COMMAND_MODULES = ("ingest", "run", "artifacts", "detectors", "events", "align", "pairs", "framing", "provenance",
                   "serve")


RUNNING_AS_PROGRAM = False
"""True once ``compare`` runs as its own process (the console script or ``python -m compare``), not called
from Python: only then may a command end the process without Python's teardown (see ``compare.cli.run``)."""


class ProgramGroup(CompareGroup):
    """The top-level group; it notes whether it runs as the program or is called from Python (tests, benches)."""

    def main(self, args=None, *rest, **options):  # type: ignore[override]
        global RUNNING_AS_PROGRAM
        # click reads sys.argv only when no arguments are passed in: that is a process of its own.
        RUNNING_AS_PROGRAM = args is None and options.get("standalone_mode", True)
        return super().main(args, *rest, **options)


@click.group(cls=ProgramGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compare")
@click.option("--debug", is_flag=True, help="Show full tracebacks for unexpected errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Compare how several outlets, in several languages, report the same event.

    Example:

        compare run seeds/ -o reports/
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"compare.cli.{_name}")
    main.add_command(_module.command)
