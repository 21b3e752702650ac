"""Where articles are coded: in this process, in a pool of local processes, or on Dask.

A *coder* takes a list of Articles and returns, in the same order, one Coded or
Rejected per article, by running ``Pipeline.run`` over them. The batch runner
(``newsevents.ingest``) stays the single writer of the store and hands chunks
to a coder; it keeps a few chunks in flight so that reading, duplicate search
and writing overlap with coding.

- ``InProcess``: the pipeline of this process.
- ``ProcessPool``: ``workers`` local processes (``--workers N``), each loading
  its own pipeline once.
- ``DaskCoder``: the workers of a Dask cluster (``--dask ADDRESS``, or a
  ``distributed.Client``); each worker process loads its pipeline once, on the
  first chunk it is given, and keeps it.

All three give exactly the same output for the same input: the pipeline is
deterministic and each article is coded on its own.

A process that codes a batch keeps the memory it frees (``keep_freed_memory``):
glibc's default hands the arrays of each spaCy batch back to the system and
faults them in again, zeroed, for the next one, some 600 page faults and 2 ms
of system time an article, and memory traffic that two workers on two cores
then share.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import platform
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from newsevents.config import Settings
from newsevents.model import Article, Coded, Rejected

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline

Result = list[Coded | Rejected]

# One pipeline per worker process, by settings: loaded on the first chunk a
# process codes and reused for every later one. A cache, not shared state: it is
# never written after the load and never read across processes.
_PIPELINES: dict[Settings, Pipeline] = {}


# glibc's mallopt parameters (malloc.h) and the values a coding process uses.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_TRIM_THRESHOLD = 256 << 20  # free memory kept at the top of the heap before any is returned
_MMAP_THRESHOLD = 32 << 20  # blocks at least this big get their own mapping (glibc's maximum)


def keep_freed_memory() -> bool:
    """Let this process's malloc keep freed memory for reuse; False where it cannot.

    With glibc's defaults, the large arrays of a spaCy batch are mapped, returned
    and mapped again (or trimmed from the heap and faulted back in), so every
    article costs hundreds of page faults. Fixed thresholds end that; the
    resident size stays what the peak was. Same output: only where memory comes
    from changes. Only for processes that code batches (pool workers, the
    process of an in-process batch run): a library should not retune the
    allocator of whatever process imports it.
    """
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(None)
        return bool(
            libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
            and libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        )
    except (OSError, AttributeError):
        return False


def default_workers() -> int:
    """Worker processes when none are asked for: the cores this process may use, at most 8."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(8, cores or 1))


def make_coder(
    settings: Settings,
    *,
    workers: int = 0,
    dask: str | None = None,
    pipeline: Pipeline | None = None,
) -> Coder:
    """The coder a run asks for: Dask if given an address, else a pool, else this process."""
    if dask:
        return DaskCoder(settings, dask)
    count = workers or default_workers()
    if count <= 1:
        from newsevents.pipeline import Pipeline

        keep_freed_memory()  # this process codes the batch
        return InProcess(pipeline or Pipeline(settings=settings))
    return ProcessPool(settings, count)


def code_chunk(articles: Sequence[Article], settings: Settings) -> Result:
    """Code a chunk with this process's pipeline (loaded on first use)."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        from newsevents.pipeline import Pipeline

        keep_freed_memory()  # a process that codes chunks: a pool or Dask worker
        pipeline = _PIPELINES[settings] = Pipeline(settings=settings)
    return list(pipeline.run(articles))


def _start_worker(parent: int) -> None:
    """A pool worker's setup: keep freed memory, and end with the parent."""
    keep_freed_memory()
    _exit_with_parent(parent)


def _exit_with_parent(parent: int) -> None:
    """In a pool worker: end this process when the parent is gone (kill -9 leaves
    workers blocked on their queue otherwise, holding a pipeline in memory)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="newsevents-parent-watch", daemon=True).start()


class ChunkFuture(Protocol):
    def result(self) -> Result: ...


class Coder(Protocol):
    """Codes chunks of articles, maybe elsewhere; ``in_flight`` chunks at a time."""

    in_flight: int

    def submit(self, articles: list[Article]) -> ChunkFuture: ...

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: Result) -> None:
        self.value = value

    def result(self) -> Result:
        return self.value


class InProcess:
    """Code in this process, at once."""

    in_flight = 1

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def submit(self, articles: list[Article]) -> ChunkFuture:
        return _Done(list(self.pipeline.run(articles)) if articles else [])

    def close(self) -> None:
        pass


class ProcessPool:
    """Code in ``workers`` local processes, started fresh (spawn) so no state is shared."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.in_flight = workers * 2
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, articles: list[Article]) -> ChunkFuture:
        if not articles:
            return _Done([])
        future: Future[Result] = self.pool.submit(code_chunk, articles, self.settings)
        return future

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskCoder:
    """Code on a Dask cluster: give its scheduler address, or a connected Client."""

    def __init__(self, settings: Settings, cluster: str | Any) -> None:
        from distributed import Client

        self.settings = settings
        self.own_client = isinstance(cluster, str)
        self.client: Any = (
            Client(cluster) if isinstance(cluster, str) else cluster  # type: ignore[no-untyped-call]
        )
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.in_flight = workers * 2

    def submit(self, articles: list[Article]) -> ChunkFuture:
        if not articles:
            return _Done([])
        future: ChunkFuture = self.client.submit(code_chunk, articles, self.settings, pure=False)
        return future

    def close(self) -> None:
        if self.own_client:
            self.client.close()
