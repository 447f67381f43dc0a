"""A stand-in for the one GraphFrames feature passim 2.x uses: connected components.

passim imports ``GraphFrame`` from the ``graphframes`` package, builds one graph
whose vertices are passage spans and whose edges are alignments, and asks it for
``connectedComponents()``.  The real package needs a JVM jar that passim's
launcher downloads with ``spark-submit --packages``, which fails on a machine
without network access.  This module is put on ``PYTHONPATH`` (driver and
workers) by ``bench/passim_compare.py`` instead, so passim runs unmodified on
local Spark.  It is written for the benchmark, not copied from GraphFrames, and
uses only DataFrame operations: min-label propagation with pointer jumping.  Each
round's labels are written to Parquet and read back, not just checkpointed: a
checkpoint keeps the optimiser's size estimate, which the pointer-jumping self-join
squares every round until Spark's BigInteger overflows (seen after ~17 rounds).
"""

from __future__ import annotations

import sys
import tempfile
import time
import uuid

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

__all__ = ["GraphFrame"]


def _fresh(frame: DataFrame, scratch: str, round_no: int) -> DataFrame:
    """Materialise a round's labels as Parquet so the next round starts from the file's real size."""
    path = f"{scratch}/round-{round_no}"
    frame.write.mode("overwrite").parquet(path)
    return frame.sparkSession.read.parquet(path)


class GraphFrame:
    """The subset of ``graphframes.GraphFrame`` passim calls: construction, ``cache`` and components.

    ``vertices`` needs an ``id`` column (any comparable type: passim uses a struct of
    document hash, begin and end); ``edges`` needs ``src`` and ``dst`` of that type.
    """

    def __init__(self, v: DataFrame, e: DataFrame) -> None:
        self.vertices = v
        self.edges = e

    def cache(self) -> GraphFrame:
        """Cache both tables, as GraphFrames does, because the components pass reads them repeatedly."""
        self.vertices.cache()
        self.edges.cache()
        return self

    def connectedComponents(self, maxIter: int = 1000) -> DataFrame:  # noqa: N802 - GraphFrames' name
        """Return the vertices with a ``component`` column (a long shared by each connected component).

        Edges are taken as undirected.  Endpoints missing from ``vertices`` are ignored,
        as in GraphFrames.  ``component`` is the smallest internal number of the
        component's vertices; callers (passim) use it only as an opaque cluster key.
        """
        started = time.perf_counter()
        # Number the distinct vertex ids with longs; checkpointing freezes the numbers,
        # which monotonically_increasing_id would otherwise redraw on recomputation.
        numbered = (self.vertices.select("id").distinct()
                    .withColumn("vid", F.monotonically_increasing_id())
                    .localCheckpoint())
        src = numbered.select(F.col("id").alias("src"), F.col("vid").alias("a"))
        dst = numbered.select(F.col("id").alias("dst"), F.col("vid").alias("b"))
        pairs = self.edges.select("src", "dst").join(src, "src").join(dst, "dst").select("a", "b")
        links = (pairs.union(pairs.select(F.col("b").alias("a"), F.col("a").alias("b")))
                 .where(F.col("a") != F.col("b")).distinct().localCheckpoint())

        labels = numbered.select("vid", F.col("vid").alias("label")).localCheckpoint()
        # passim sets a checkpoint folder under its output; the files must outlive this call,
        # since the returned DataFrame reads the last round lazily.
        checkpoint_dir = self.vertices.sparkSession.sparkContext.getCheckpointDir()
        base = checkpoint_dir if checkpoint_dir else tempfile.mkdtemp(prefix="cc-standin-")
        scratch = f"{base.rstrip('/')}/connected-components-{uuid.uuid4().hex}"
        rounds = 0
        for _ in range(maxIter):
            rounds += 1
            # One round: each vertex takes the smallest label among itself and its neighbours ...
            offered = links.join(labels.withColumnRenamed("vid", "a"), "a").select(F.col("b").alias("vid"), "label")
            # (checkpointed: the jump below reads it twice)
            spread = labels.union(offered).groupBy("vid").agg(F.min("label").alias("label")).localCheckpoint()
            # ... then the label of its label (pointer jumping), which halves long chains.
            jumped = _fresh(spread.join(spread.select(F.col("vid").alias("label"), F.col("label").alias("hop")),
                                        "label", "left")
                            .select("vid", F.least("label", F.coalesce("hop", "label")).alias("label")),
                            scratch, rounds)
            changed = (jumped.join(labels.withColumnRenamed("label", "old"), "vid")
                       .where(F.col("label") != F.col("old")).limit(1).count())
            labels = jumped
            if changed == 0:
                break
        else:
            raise RuntimeError(f"connected components did not converge in {maxIter} rounds")

        # On stderr (passim's log), so the benchmark can tell how much of passim's time is this stand-in's.
        print(f"graphframes stand-in: components in {rounds} rounds, {time.perf_counter() - started:.1f} s",
              file=sys.stderr, flush=True)
        components = numbered.join(labels, "vid").select("id", F.col("label").alias("component"))
        return self.vertices.join(components, "id")
