"""What every command shares: error handling, exit codes, problem reporting, output formats."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from compare.errors import CompareError
from compare.model import Problem

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_NOTHING_USABLE = 3


class CompareGroup(click.Group):
    """A click group that turns compare's errors into a message and an exit code.

    Without ``--debug`` no traceback reaches the user: a ``CompareError``
    prints its message and hint; an ``OSError`` (a path that cannot be read
    or written, a full disk) names the file, exit 2; anything else prints one
    line asking for a bug report.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CompareError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except OSError as exc:
            # A file or folder the user named cannot be read or written (permissions, a full disk): say which.
            if (ctx.obj or {}).get("debug") or "--debug" in sys.argv:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc} (check the path, its permissions and the free space, "
                       "then run again)", err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if (ctx.obj or {}).get("debug") or "--debug" in sys.argv:
                raise
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback, and please report it)",
                err=True,
            )
            ctx.exit(EXIT_NOTHING_USABLE)


def report_problems(problems: Iterable[Problem]) -> int:
    """Print problems on stderr; return how many made a source be skipped."""
    skipped = 0
    for problem in problems:
        label = "skipped" if problem.severity == "error" else "warning"
        click.echo(f"{label}: {problem.render()}", err=True)
        skipped += problem.severity == "error"
    return skipped


def exit_code_for(skipped: int) -> int:
    return EXIT_SKIPPED if skipped else EXIT_OK


def format_option(choices: Sequence[str], default: str):
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help="Output format.",
    )


def limit_options(function):
    """--max-file-mb, --max-sentence-chars and --follow-links, shared by every command that reads a source set."""
    from compare.settings import DEFAULT_MAX_FILE_MB, MAX_SENTENCE_CHARS

    function = click.option(
        "--follow-links", is_flag=True,
        help="Read files that symbolic links in the source set point to outside it (refused by default: a set "
             "from someone else could otherwise pull your own files into the report).",
    )(function)
    function = click.option(
        "--max-sentence-chars", type=click.IntRange(min=50), default=MAX_SENTENCE_CHARS, show_default=True,
        help="Cut longer runs without punctuation into pieces of at most this many characters.",
    )(function)
    return click.option(
        "--max-file-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_FILE_MB, show_default=True,
        help="Skip files larger than this, with a message.",
    )(function)


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)


def dump_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def dump_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV for a command's output: the report's own writer (formula cells defused, one cell format)."""
    from compare.report.tables import csv_text

    return csv_text(rows, columns)


class LazyChoice(click.Choice):
    """A ``click.Choice`` whose choices come from a registry, read only when an option is parsed or shown.

    ``compare --help`` then does not import the aligner to list its backends.  A value in ``always`` (the
    option's default, which the registry always holds) is taken without reading the registry: every run parses
    the default, and reading it imported the aligner (0.3 CPU-second) before ``compare run`` could start the
    embedding engine's process and its other loads (``compare.cli.run._start_loading``).
    """

    def __init__(self, load, always: tuple[str, ...] = ()) -> None:
        self._load = load
        self._always = always
        self._loaded: tuple[str, ...] | None = None
        super().__init__(())

    def convert(self, value, param, ctx):  # type: ignore[override]
        if isinstance(value, str) and value in self._always:
            return value
        return super().convert(value, param, ctx)

    @property
    def choices(self):  # type: ignore[override]
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value) -> None:
        return None


def mode_option(function):
    from compare.settings import MODES

    return click.option(
        "--mode", type=click.Choice(MODES), default="auto", show_default=True,
        help="comparable: different outlets, any order; parallel: a translation and its original, in order; "
             "auto: decided per pair.",
    )(function)


def backend_names() -> tuple[str, ...]:
    """The registered sentence-similarity backends (``default`` needs no model); imports the aligner, so it is
    called only when the option is parsed or its help shown."""
    from compare.align.backends import SIMILARITY_BACKENDS

    return tuple(sorted(SIMILARITY_BACKENDS))


def backend_option(function):
    return click.option(
        "--backend", type=LazyChoice(backend_names, always=("default",)), default="default", show_default=True,
        help="Sentence-similarity backend (default needs no model).",
    )(function)


def engine_options(function):
    """--engine, --scheduler and --cache, shared by every command that runs the pipeline."""
    function = click.option(
        "--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
        help="Folder for the cache of stage results (compare run: the user's cache folder, ~/.cache/compare, "
             "unless --no-cache; other commands: none unless given).",
    )(function)
    function = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="Dask scheduler address (with --engine dask); a local cluster is started when omitted.",
    )(function)
    return click.option(
        "--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
        help="Run per-report and per-event work in this process or on a Dask cluster.",
    )(function)


_SCHEDULER = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?[A-Za-z0-9._\-\[\]:]*[A-Za-z0-9\]]:\d{1,5}/?$")


def check_engine(engine: str, scheduler: str | None) -> None:
    """Refuse, before any work, a --scheduler that is no address, or one given without --engine dask."""
    from compare.errors import UsageError

    if scheduler is None:
        return
    if engine != "dask":
        raise UsageError("--scheduler is given but the engine is local",
                         "add --engine dask to use the Dask scheduler, or leave --scheduler out")
    if not _SCHEDULER.match(scheduler.strip()):
        raise UsageError(f"--scheduler {scheduler!r} is not a Dask scheduler address",
                         "give one such as tcp://HOST:8786, or leave --scheduler out to start a local cluster")


def run_stages(
    paths: str | Path | Sequence[str | Path], until: str | None, settings=None, engine: str = "local",
    scheduler: str | None = None, cache_path: Path | None = None, progress=None, loads_while_aligning=(),
):
    """Run the pipeline up to ``until`` as a command does: problems printed, nothing usable is an error.

    Returns ``(result, cache summary)``.
    """
    from compare.cache import Cache
    from compare.errors import NothingUsableError
    from compare.executors import make_executor
    from compare.pipeline import run_pipeline

    check_engine(engine, scheduler)
    cache = Cache(cache_path)
    try:
        with make_executor(engine, scheduler) as executor:
            result = run_pipeline(paths, settings, executor, progress, cache, until=until,
                                  loads_while_aligning=loads_while_aligning)
    except NothingUsableError as error:
        report_problems(error.problems)
        raise
    finally:
        cache.close()
    return result, cache.summary()


def settings_from(max_file_mb: float, max_sentence_chars: int, mode: str = "auto", backend: str = "default",
                  metrics: tuple[str, ...] | None = None, together: bool = False, semantic: bool = True,
                  events_by_document: bool = True,
                  follow_links: bool = False):
    """``RunSettings`` from the options commands share (the one place flags become settings).

    ``semantic=False`` (``--no-semantic``) turns sentence embeddings off in every stage that uses them;
    ``events_by_document=False`` (``--events-by-wording``) only in event grouping.
    """
    from compare.settings import (
        PAIR_METRICS,
        AlignSettings,
        CleanSettings,
        EventSettings,
        IngestSettings,
        MTSettings,
        ProvenanceSettings,
        RunSettings,
        ScoreSettings,
        SemanticSettings,
    )

    return RunSettings(
        ingest=IngestSettings(max_file_mb=max_file_mb, follow_links=follow_links),
        clean=CleanSettings(max_sentence_chars=max_sentence_chars),
        events=EventSettings(together=together, semantic=semantic and events_by_document),
        align=AlignSettings(mode=mode, backend=backend, semantic=SemanticSettings(enabled=semantic)),
        scores=ScoreSettings(metrics if metrics is not None else PAIR_METRICS),
        provenance=ProvenanceSettings(use_embeddings=semantic),
        mt=MTSettings(use_embeddings=semantic),
    )


NO_PATH_NOTE = "No PATH given: reading the five seed reports bundled with compare."


def bundled_seeds() -> Path:
    """The seed source set shipped inside the package, so `compare run` works from any folder.

    In a checkout ``compare/data/seeds`` links to the top-level ``seeds/``;
    a wheel carries the files themselves.  The path is not resolved, so the
    reports name the files ``seeds/...`` either way.
    """
    return Path(__file__).parent.parent / "data" / "seeds"


def source_set_command(formats: Sequence[str], default: str):
    """PATH (default: the seeds), --format, the engine and limit options, and a ``stages`` callable.

    The decorated command receives ``path``, ``fmt`` and ``stages``: calling
    ``stages(until)`` runs the pipeline up to that stage with the options the
    user gave, prints the problems found, and returns ``(result, skipped)``.
    Every command that reads a source set parses the same options the same way.
    """
    def decorate(function):
        from compare.cache import cache_file

        @functools.wraps(function)
        def command(*, engine: str, scheduler: str | None, cache_dir: Path | None, max_file_mb: float,
                    max_sentence_chars: int, follow_links: bool, **kwargs: Any):
            def stages(until: str | None, paths: Any = None, **settings: Any):
                chosen = settings_from(max_file_mb, max_sentence_chars, follow_links=follow_links, **settings)
                result, _ = run_stages(kwargs["path"] if paths is None else paths, until, chosen, engine, scheduler,
                                       cache_dir and cache_file(cache_dir))
                return result, report_problems(result.problems)

            if kwargs.get("path") is None:
                kwargs["path"] = str(bundled_seeds())
                click.echo(NO_PATH_NOTE, err=True)
            return function(stages=stages, **kwargs)

        command = limit_options(command)
        command = engine_options(command)
        command = format_option(formats, default)(command)
        return click.argument("path", type=click.Path(path_type=str), required=False)(command)

    return decorate
