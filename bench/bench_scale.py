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
code, so each run also counts CPU seconds: the worker processes' (read from
/proc for the timed run only, Linux) and this process's. ``cpu_words_per_s``
is words per CPU second, and ``cpu_bound_words_per_s`` is that times the number
of workers (at most the cores): the rate on an otherwise idle machine if the
work spreads perfectly, which the quiet runs in the README came close to (two
workers 1.99 times one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

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


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (0 where /proc cannot tell)."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def run(
    corpus: Path, workers: int, directory: Path, *, numpy_blas: bool = True
) -> tuple[float, float, float]:
    """Wall seconds, worker CPU seconds and this process's CPU seconds of one ingest."""
    from newsevents.config import Settings
    from newsevents.ingest import Ingest
    from newsevents.scale import InProcess, ProcessPool
    from newsevents.store import Store

    settings = Settings(numpy_blas=numpy_blas)
    coder: InProcess | ProcessPool
    if workers == 1:
        from newsevents.pipeline import Pipeline

        coder = InProcess(Pipeline(settings=settings))
    else:
        coder = ProcessPool(settings, workers)
    from newsevents.read.text import article_from_text

    warm = [article_from_text("Police arrested ten protesters in Lima.", source="warm")]
    futures = [coder.submit(warm) for _ in range(workers)]
    for future in futures:
        future.result()
    db = directory / f"scale-{corpus.stem}-{workers}.duckdb"
    pool = getattr(coder, "pool", None)
    pids = list(getattr(pool, "_processes", None) or {})
    try:
        with Store(db) as store:
            own, cpu = time.process_time(), _cpu_seconds(pids)
            started = time.perf_counter()
            counts = Ingest(coder, store, dedup=False).run([corpus])
            seconds = time.perf_counter() - started
            own, cpu = time.process_time() - own, _cpu_seconds(pids) - cpu
    finally:
        coder.close()
    assert counts.coded + counts.rejected + counts.skipped == counts.documents
    return seconds, cpu, own


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--blas",
        choices=("numpy", "blis"),
        default="numpy",
        help="matrix library of spaCy's networks (Settings.numpy_blas)",
    )
    args = parser.parse_args()
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
                seconds, worker_cpu, own_cpu = run(
                    corpus, workers, directory, numpy_blas=args.blas == "numpy"
                )
                cpu = worker_cpu + own_cpu
                parallel = min(workers, os.cpu_count() or 1)
                results.append(
                    {
                        "articles": size,
                        "words": words,
                        "workers": workers,
                        "blas": args.blas,
                        "seconds": round(seconds, 1),
                        "articles_per_s": round(size / seconds, 2),
                        "words_per_s": round(words / seconds),
                        "seconds_per_1000": round(seconds * 1000 / size, 1),
                        "cpu_seconds": round(cpu, 1),
                        "cpu_seconds_workers": round(worker_cpu, 1),
                        "cpu_words_per_s": round(words / cpu),
                        "cpu_bound_words_per_s": round(parallel * words / cpu),
                        "load_average": [load, round(os.getloadavg()[0], 2)],
                    }
                )
                print(json.dumps(results[-1]), flush=True)
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
