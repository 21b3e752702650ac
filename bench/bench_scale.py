"""How ingest scales: cost against corpus size, and 1 against N worker processes.

    python bench/bench_scale.py                       # 1k and 4k articles, 1 and 2 workers
    python bench/bench_scale.py --sizes 1000,4000,16000 --workers 1,2 --json out.json

Builds corpora from the article texts in ../shared/eval/data/ (LGL, GeoVirus,
WikiEvents: full news articles, read at run time, never copied), each article
repeated with its own id as needed, and times ``Ingest`` end to end into a
fresh DuckDB store (reading, duplicate search off since the copies are
deliberate, coding, writing) for every size and worker count. Worker processes
are started and warmed up before the clock starts: the figures are steady-state
throughput; the cold start is in bench_speed.py. Prints articles/s per run,
seconds per 1,000 articles (flat when the cost grows linearly) and the speed-up
of N workers over 1 on each size.

Wall time on a shared machine says more about the neighbours than about the
code, so each run also counts CPU seconds, for the timed run only: this
process's (``cpu_seconds_parent``: reading, writing the store, and with one
worker the coding too, given apart as ``cpu_seconds_coding``) and each worker
process's (``cpu_seconds_each_worker``, read from /proc, Linux).
``cpu_ms_per_article`` is all of them per article: if two workers cost more per
article than one, they slow each other down (shared caches, memory). The
workers also say how long each chunk kept them busy: ``worker_busy_fraction``
below 1 means they waited for the parent (reading, writing) or for the last
chunks. ``cpu_words_per_s`` is words per CPU second, and
``cpu_bound_words_per_s`` is that times the number of workers (at most the
cores): the rate on an otherwise idle machine if the work spreads perfectly.

Settings come from the environment as in ``newsevents`` itself
(``NEWSEVENTS_CACHE_DIR`` ...); ``--blas`` overrides ``NEWSEVENTS_NUMPY_BLAS``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"


def texts() -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    for name in ("lgl", "geovirus", "wikievents-dev"):
        path = DATA / f"{name}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    record = json.loads(line)
                    if len(record["text"]) >= 400:
                        docs.append({"id": record["id"], "text": record["text"]})
    if not docs:
        sys.exit(f"no evaluation data under {DATA}; this benchmark needs ../shared")
    return docs


def write_corpus(path: Path, docs: list[dict[str, str]], count: int) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            doc = docs[i % len(docs)]
            words += len(doc["text"].split())
            handle.write(json.dumps({"id": f"{doc['id']}-{i}", "text": doc["text"]}) + "\n")
    return words


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (0 where /proc cannot tell)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def timed_chunk(articles: list[Any], settings: Any) -> tuple[list[Any], int, float, float]:
    """``code_chunk`` in a worker, with the worker's pid and when it started and ended."""
    from newsevents.scale import code_chunk

    started = time.perf_counter()
    results = code_chunk(articles, settings)
    return results, os.getpid(), started, time.perf_counter()


class _Timed:
    """A chunk's future that notes, when its result is taken, how long its worker was busy."""

    def __init__(self, future: Any, busy: dict[int, float]) -> None:
        self.future = future
        self.busy = busy

    def result(self) -> list[Any]:
        results, pid, started, ended = self.future.result()
        self.busy[pid] = self.busy.get(pid, 0.0) + ended - started
        return list(results)


class TimedPool:
    """A ProcessPool whose workers report how long each chunk kept them busy."""

    def __init__(self, settings: Any, workers: int) -> None:
        from newsevents.scale import ProcessPool

        self.inner = ProcessPool(settings, workers)
        self.in_flight = self.inner.in_flight
        self.busy: dict[int, float] = {}

    def submit(self, articles: list[Any]) -> Any:
        return _Timed(self.inner.pool.submit(timed_chunk, articles, self.inner.settings), self.busy)

    def pids(self) -> list[int]:
        return sorted(self.inner.pool._processes or {})

    def close(self) -> None:
        self.inner.close()


class TimedInProcess:
    """Code in this process, counting the CPU seconds of coding apart from the rest."""

    in_flight = 1

    def __init__(self, settings: Any) -> None:
        from newsevents.scale import make_coder

        self.inner = make_coder(settings, workers=1)  # as ``ingest --workers 1`` makes it
        self.coding = 0.0

    def submit(self, articles: list[Any]) -> Any:
        started = time.process_time()
        future = self.inner.submit(articles)
        self.coding += time.process_time() - started
        return future

    def close(self) -> None:
        self.inner.close()


def run(corpus: Path, workers: int, directory: Path, settings: Any) -> dict[str, Any]:
    """Wall seconds and CPU seconds (parent, each worker) of one ingest."""
    from newsevents.ingest import Ingest
    from newsevents.read.text import article_from_text
    from newsevents.store import Store

    coder: TimedInProcess | TimedPool
    coder = TimedInProcess(settings) if workers == 1 else TimedPool(settings, workers)
    warm = [article_from_text("Police arrested ten protesters in Lima.", source="warm")]
    futures = [coder.submit(warm) for _ in range(workers)]
    for future in futures:
        future.result()
    # This process warms up too: the store path's first use imports pyarrow (and
    # DuckDB pandas), a second of CPU that is start-up, not throughput.
    warm_source = directory / "warm.jsonl"
    warm_source.write_text(json.dumps({"id": "warm", "text": warm[0].text}) + "\n")
    with Store(directory / f"warm-{workers}.duckdb") as store:
        Ingest(coder, store, dedup=False).run([warm_source])
    db = directory / f"scale-{corpus.stem}-{workers}.duckdb"
    pids = coder.pids() if isinstance(coder, TimedPool) else []
    try:
        with Store(db) as store:
            if isinstance(coder, TimedPool):
                coder.busy.clear()
            else:
                coder.coding = 0.0
            own, cpus = time.process_time(), [_cpu_seconds(pid) for pid in pids]
            started = time.perf_counter()
            counts = Ingest(coder, store, dedup=False).run([corpus])
            seconds = time.perf_counter() - started
            own = time.process_time() - own
            cpus = [_cpu_seconds(pid) - before for pid, before in zip(pids, cpus, strict=True)]
    finally:
        coder.close()
    assert counts.coded + counts.rejected + counts.skipped == counts.documents
    figures: dict[str, Any] = {"seconds": seconds, "parent": own, "workers": cpus}
    if isinstance(coder, TimedPool):
        busy = [coder.busy.get(pid, 0.0) for pid in pids]
        figures["busy"] = busy
        figures["busy_fraction"] = sum(busy) / (seconds * len(pids))
    else:
        figures["parent_coding"] = coder.coding
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--blas",
        choices=("numpy", "blis"),
        help="matrix library of spaCy's networks (Settings.numpy_blas; default: the "
        "settings, NEWSEVENTS_NUMPY_BLAS or numpy)",
    )
    args = parser.parse_args()
    from newsevents.config import load_settings

    # The environment's NEWSEVENTS_* settings apply (NEWSEVENTS_CACHE_DIR ...); --blas wins.
    settings = load_settings(numpy_blas=None if args.blas is None else args.blas == "numpy")
    blas = "numpy" if settings.numpy_blas else "blis"
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    docs = texts()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for size in sizes:
            corpus = directory / f"corpus-{size}.jsonl"
            words = write_corpus(corpus, docs, size)
            for workers in worker_counts:
                load = round(os.getloadavg()[0], 2)
                figures = run(corpus, workers, directory, settings)
                seconds = figures["seconds"]
                cpu = figures["parent"] + sum(figures["workers"])
                parallel = min(workers, os.cpu_count() or 1)
                result: dict[str, Any] = {
                    "articles": size,
                    "words": words,
                    "workers": workers,
                    "blas": blas,
                    "seconds": round(seconds, 1),
                    "articles_per_s": round(size / seconds, 2),
                    "words_per_s": round(words / seconds),
                    "seconds_per_1000": round(seconds * 1000 / size, 1),
                    "cpu_seconds": round(cpu, 1),
                    "cpu_seconds_parent": round(figures["parent"], 1),
                    "cpu_seconds_workers": round(sum(figures["workers"]), 1),
                    "cpu_seconds_each_worker": [round(c, 1) for c in figures["workers"]],
                    "cpu_ms_per_article": round(cpu * 1000 / size, 1),
                    "cpu_words_per_s": round(words / cpu),
                    "cpu_bound_words_per_s": round(parallel * words / cpu),
                    "load_average": [load, round(os.getloadavg()[0], 2)],
                }
                if "busy" in figures:
                    result["worker_busy_seconds"] = [round(b, 1) for b in figures["busy"]]
                    result["worker_busy_fraction"] = round(figures["busy_fraction"], 3)
                else:
                    coding = figures["parent_coding"]
                    result["cpu_seconds_coding"] = round(coding, 1)
                    result["cpu_seconds_not_coding"] = round(figures["parent"] - coding, 1)
                results.append(result)
                print(json.dumps(result), flush=True)
    speedups = {}
    for size in sizes:
        by = {r["workers"]: r["seconds"] for r in results if r["articles"] == size}
        if 1 in by:
            for workers, seconds in by.items():
                if workers != 1:
                    speedups[f"{size}:{workers}x"] = round(by[1] / seconds, 2)
    summary = {"runs": results, "speedup_over_1_worker": speedups}
    print(json.dumps({"speedup_over_1_worker": speedups}))
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
