"""Coding on a process pool or a Dask cluster gives exactly the single-process output."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

from corpus import articles
from newsevents.config import Settings
from newsevents.ingest import Ingest
from newsevents.scale import Coder, DaskCoder, ProcessPool
from newsevents.store import Store

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline

TABLES = {
    "documents": "SELECT doc_key, status, article_id, duplicate_of FROM documents",
    "events": "SELECT event_id, article_id, group_id, record FROM events",
    "event_counts": "SELECT * FROM event_counts",
    "places": "SELECT * FROM places",
    "mentions": "SELECT * FROM mentions",
}


def _corpus(tmp_path: Path) -> Path:
    source = tmp_path / "corpus.jsonl"
    items = articles(40, seed=3)
    copy = dict(items[0], id="copy-0", text="By Staff\n" + items[0]["text"])
    source.write_text("".join(json.dumps(a) + "\n" for a in [*items, copy]))
    return source


def _contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}


def _ingest(coder: Pipeline | Coder, db: Path, source: Path) -> None:
    with Store(db) as store:
        counts = Ingest(coder, store).run([source])
    assert counts.coded == 40 and counts.duplicates == 1


def test_process_pool_output_equals_single_process(pipeline: Pipeline, tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    _ingest(pipeline, tmp_path / "one.duckdb", source)
    pool = ProcessPool(Settings(), workers=2)
    try:
        _ingest(pool, tmp_path / "pool.duckdb", source)
    finally:
        pool.close()
    assert _contents(tmp_path / "pool.duckdb") == _contents(tmp_path / "one.duckdb")


def test_dask_local_cluster_output_equals_single_process(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    source = _corpus(tmp_path)
    _ingest(pipeline, tmp_path / "one.duckdb", source)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        coder = DaskCoder(Settings(), client)
        assert coder.in_flight == 4
        _ingest(coder, tmp_path / "dask.duckdb", source)
        workers = client.run(lambda: __import__("os").getpid())
    assert len(set(workers.values())) == 2
    assert _contents(tmp_path / "dask.duckdb") == _contents(tmp_path / "one.duckdb")


_BATCHES = """
import resource, sys
import numpy as np
from newsevents.scale import keep_freed_memory

assert keep_freed_memory()


def batch():  # arrays of 1-3 MB made and dropped together, as a network's layers do
    arrays = [np.ones((1 + i % 3) << 17) for i in range(30)]
    del arrays


batch()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    batch()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's mallopt"
)
def test_scale_worker_keeps_freed_memory(tmp_path: Path) -> None:
    # 20 batches touch 1.2 GB, some 300,000 pages: glibc's defaults fault most of
    # them in afresh; a process that keeps what it frees reuses the first batch's.
    script = tmp_path / "batches.py"
    script.write_text(_BATCHES)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, check=True
    )
    assert int(done.stdout) < 1_000
