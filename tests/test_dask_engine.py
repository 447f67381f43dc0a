"""The Dask engine gives byte-identical reports to the in-process one, on a real LocalCluster."""

from __future__ import annotations

import socket
import sys

import pytest

from conftest import REPO, SHARED_DATA, comparable_trees, run_cli, tree_bytes

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}
    ) as local_cluster:
        yield local_cluster


def test_seeds_on_a_running_scheduler_match_the_local_engine(cluster, tmp_path):
    local = tmp_path / "local"
    remote = tmp_path / "dask"
    first = run_cli("run", "seeds", "-o", str(local), "--no-cache")
    second = run_cli("run", "seeds", "-o", str(remote), "--no-cache", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert tree_bytes(remote) == tree_bytes(local)


def test_dask_engine_starts_its_own_local_cluster(tmp_path):
    """Dask's usual dashboard port taken by another program must not put a warning into the run's output."""
    out = tmp_path / "dask"
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 8787))
            taken.listen()
        except OSError:
            pass  # already taken by another program: the same situation
        result = run_cli("run", "seeds", "-o", str(out), "--no-cache", "--engine", "dask")
    assert result.returncode == 0, result.stderr
    assert "already in use" not in result.stdout + result.stderr
    committed, fresh = comparable_trees(REPO / "reports", out)
    assert fresh == committed


@pytest.mark.skipif(not (SHARED_DATA / "wmt21-news-human-vs-mt").is_dir(),
                    reason=f"{SHARED_DATA} is absent: the 1,000-report set is built from it")
def test_thousand_reports_match_across_engines(cluster, tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from make_sets import build

    build([1000], tmp_path / "sets")
    source = tmp_path / "sets" / "set-1000.jsonl"
    local = tmp_path / "local"
    remote = tmp_path / "dask"
    first = run_cli("run", str(source), "-o", str(local), "--no-cache", timeout=1800)
    second = run_cli("run", str(source), "-o", str(remote), "--no-cache", "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, timeout=1800)
    assert first.returncode in (0, 1), first.stderr
    assert second.returncode == first.returncode, second.stderr
    assert tree_bytes(remote) == tree_bytes(local)
