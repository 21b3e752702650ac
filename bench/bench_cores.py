"""How much faster two processes are than one on this machine, for work with no
sharing at all: the ceiling for `bench_scale.py`'s 1-against-2-workers figure.

    python bench/bench_cores.py [--seconds 4]

Each workload runs for a fixed amount of work in one process, then in two processes
at once (each doing the same amount); the speed-up is 2 x (time of one) / (time of
the two together). Workloads: a pure Python loop over strings and dicts (like the
coder's own stages), and numpy matrix products of the sizes spaCy's small English
networks multiply (held to one BLAS thread, as newsevents holds them). If even
these stay below 2x, the cores share something (a hyperthread sibling on the
host, memory bandwidth, a power budget), and no change to newsevents lifts
`bench_scale` above it. Run it on an otherwise quiet machine.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import time


def python_work(rounds: int) -> float:
    started = time.perf_counter()
    words = [f"word{i % 977}" for i in range(2000)]
    for _ in range(rounds):
        counts: dict[str, int] = {}
        for word in words:
            key = word.lower()
            counts[key] = counts.get(key, 0) + len(key)
    return time.perf_counter() - started


def numpy_work(rounds: int) -> float:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before numpy loads: one thread, as we run
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.random((64, 96), dtype=np.float32)  # a batch of tokens x hidden width
    b = rng.random((96, 288), dtype=np.float32)
    started = time.perf_counter()
    for _ in range(rounds):
        a @ b
    return time.perf_counter() - started


WORKLOADS = {"python": python_work, "numpy": numpy_work}


def calibrate(name: str, seconds: float) -> int:
    """Rounds of a workload that take about ``seconds`` in one process."""
    with mp.get_context("spawn").Pool(1) as pool:
        took = pool.apply(WORKLOADS[name], (20,))
        rounds = max(20, int(20 * seconds / max(took, 1e-6)))
    return rounds


def run(name: str, rounds: int, processes: int) -> float:
    """Wall seconds for ``processes`` processes each doing ``rounds`` rounds at once."""
    with mp.get_context("spawn").Pool(processes) as pool:
        pool.map(WORKLOADS[name], [5] * processes)  # start and warm every process
        started = time.perf_counter()
        pool.map(WORKLOADS[name], [rounds] * processes)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="work per process")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    report: dict[str, object] = {
        "cpus": os.cpu_count(),
        "load_average_before": round(load_before, 2),
    }
    for name in WORKLOADS:
        rounds = calibrate(name, args.seconds)
        one = run(name, rounds, 1)
        two = run(name, rounds, 2)
        report[name] = {
            "one_process_s": round(one, 2),
            "two_processes_s": round(two, 2),
            "speedup_two_vs_one": round(2 * one / two, 2),
        }
    report["load_average_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
