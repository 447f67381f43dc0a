"""``compare run``: the whole pipeline, from a source set to a report folder."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from compare.cli.common import (
    EXIT_OK,
    NO_PATH_NOTE,
    backend_option,
    bundled_seeds,
    check_engine,
    engine_options,
    exit_code_for,
    limit_options,
    mode_option,
    report_problems,
    run_stages,
    settings_from,
)
from compare.settings import REPORT_FORMATS


class StageProgress:
    """Per-stage progress on stderr, shown only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._progress = None
        self._tasks: dict[str, int] = {}
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=max(total, 1))
        self._progress.update(self._tasks[stage], completed=done, total=max(total, 1))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _formats(value: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in REPORT_FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose one or more of {', '.join(REPORT_FORMATS)}, separated by commas")
    return chosen


@click.command("run")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default="reports", show_default=True,
              help="Folder to write the report to.")
@click.option("--format", "fmt", default=",".join(REPORT_FORMATS), show_default=True,
              help=f"Comma-separated: {', '.join(REPORT_FORMATS)}.")
@click.option("--force", is_flag=True, help="Replace an output folder that compare did not write.")
@mode_option
@backend_option
@engine_options
@click.option("--no-cache", is_flag=True, help="Recompute everything and store nothing.")
@click.option("--no-ter", is_flag=True,
              help="Leave TER out of the pair scores (sacrebleu's TER is slow on long sentences; large archives).")
@click.option("--no-semantic", is_flag=True,
              help="No sentence embeddings: align by wording alone, several times faster on large archives, but "
                   "no statement is then called absent elsewhere (\"not linked\" instead), and "
                   "paraphrases and other languages mostly go unlinked.")
@click.option("--events-by-document/--events-by-wording", default=True, show_default=True,
              help="Group reports into events by document similarity across languages (multilingual embeddings; "
                   "reports whose figures, dates and names differ in the same place of the sentence are kept "
                   "apart), or by shared wording, names and dates alone (the fallback when the embeddings are "
                   "not installed or --no-semantic is given).")
@limit_options
def command(path: Path | None, output: Path, fmt: str, force: bool, engine: str, scheduler: str | None, mode: str,
            backend: str, cache_dir: Path | None, no_cache: bool, no_ter: bool, no_semantic: bool,
            events_by_document: bool,
            max_file_mb: float, max_sentence_chars: int, follow_links: bool) -> None:
    """Run the whole pipeline on a source set and write per-event divergence reports.

    PATH defaults to the seeds bundled with compare (the repository's seeds/); the report goes to reports/ (index.html,
    one folder per event with index.html and CSV tables, summary.json).

    Example:

        compare run seeds/ -o reports/
    """
    _tune_gc()  # before the imports too: they allocate as much as a small run
    _start_loading(semantic=not no_semantic and engine == "local")
    # Imported here: `compare --help` does not need them.  Not the report's writer (every stage's code): each stage
    # imports its own code as it runs, so the first report is cleaned, and its passage sent to the engine, first.
    from compare.cache import cache_file
    from compare.report.target import check_apart, check_target

    _tune_gc()

    formats = _formats(fmt)
    if path is None:
        path = bundled_seeds()
        click.echo(NO_PATH_NOTE, err=True)
    started = time.perf_counter()
    settings = settings_from(max_file_mb, max_sentence_chars, mode, backend,
                             metrics=("bleu", "chrf") if no_ter else None, semantic=not no_semantic,
                             events_by_document=events_by_document,
                             follow_links=follow_links)
    check_engine(engine, scheduler)
    check_apart(output, [path])
    check_target(output, force)
    progress = StageProgress()
    try:
        result, cached = run_stages(path, None, settings, engine, scheduler,
                                    None if no_cache else cache_file(cache_dir),
                                    progress, loads_while_aligning=(_load_templates,) if "html" in formats else ())
    finally:
        progress.close()
    _let_engine_go()
    from compare.report import write_report

    skipped = report_problems(result.problems)
    index = write_report(result, output, formats, force=force)
    elapsed = time.perf_counter() - started
    walls = sum(1 for s in result.sources if s.page_kind)
    click.echo(
        f"{len(result.events)} event(s) from {len(result.sources)} source(s)"
        + (f", {skipped} skipped" if skipped else "")
        + (f", {walls} not {'a news report' if walls == 1 else 'news reports'} (each an event of its own: see the "
           "warnings above)" if walls else "")
        + f" in {elapsed:.1f} s ({cached}). Report: {index}",
        err=True,
    )
    _leave(exit_code_for(skipped) if result.sources else EXIT_OK)


def _start_loading(semantic: bool) -> None:
    """Start, on background threads, the loads that run without the GIL, before this command's imports.

    The imports of the pipeline and the report (about half a second) hold the
    GIL and leave the second core idle; py3langid's model (an LZMA stream,
    decompressed without the GIL) and the embedding engine (its model file's
    checksum, onnxruntime's session) load there meanwhile, instead of after
    the imports, where the first sentence waited for the one and the first
    embedding for the other.  Both stages start the same loads themselves
    when called from Python; a second start is a no-op.  Nothing is computed
    differently: only when the loads happen.  The engine's process is started first: its load (half a
    CPU-second) is the longer, and the first texts wait for it; started after py3langid's thread, it waited
    for that thread's import of numpy (the import lock) before it could even be spawned.
    """
    if semantic:  # the pipeline preloads the engine only where it will embed in this process: --engine local
        from compare.semantic import engine_launch

        engine_launch.start_early()  # before numpy's import, which the next line waits for (0.08 CPU-second)
        from compare.semantic import embeddings

        embeddings.preload(process=True)
        engine_launch.discard_early()  # one that preload did not take: the engine was not wanted after all
    elif "compare.semantic.engine_launch" in sys.modules:  # one ``python -m compare`` started on a wrong guess
        sys.modules["compare.semantic.engine_launch"].discard_early()
    from compare import lang

    lang.preload()


def _let_engine_go() -> None:
    """The run has embedded all it will: the engine's process ends beside the report's writing, not after it."""
    embeddings = sys.modules.get("compare.semantic.embeddings")
    if embeddings is not None:
        embeddings.let_process_go()


def _load_templates() -> None:
    """Import the report's writer and compile its templates (jinja2 caches them), which writing the pages would do
    first: done while alignment waits for the engine (``run_pipeline``'s ``loads_while_aligning``), not after it."""
    import compare.report.writer  # noqa: F401 - the findings and views: after the pipeline, they ran on one core
    from compare.report.html import environment

    env = environment()
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def _tune_gc() -> None:
    """Spend less of a run in the cyclic garbage collector, which nothing here relies on promptly.

    A run allocates millions of small, long-lived objects (language profiles,
    lemma dictionaries, n-gram counts), and with Python's default thresholds
    the collector walks them again and again: a fifth of the seeds run's wall
    time went there.  The modules' own objects are frozen out of its walks, and
    young objects are collected every 20,000 allocations instead of 700;
    cycles are still collected, a little later.  Called again after the
    command's imports, to freeze the modules they loaded as well.
    """
    import gc

    gc.freeze()
    gc.set_threshold(20_000, 50, 50)


def _leave(code: int) -> None:
    """Exit with ``code``; as its own process, at once, once the report is written and the streams flushed.

    Everything worth keeping is on disk by now (the report written, the
    cache closed), and what is left is Python freeing millions of objects one
    by one (language profiles, dictionaries, models): about a tenth of a seeds
    run.  Called from Python (tests, benches), it raises SystemExit as usual.
    """
    from compare import cli

    # A profiler or coverage tracer writes its results at exit: leave those runs the ordinary way.
    watched = sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules
    embeddings = sys.modules.get("compare.semantic.embeddings")
    if embeddings is not None:  # its stdin closed, the engine process leaves at once; reaped here, not orphaned
        embeddings.stop_process()
    if cli.RUNNING_AS_PROGRAM and not watched:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)
