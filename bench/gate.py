"""The accuracy gate: code the evaluation sets and fail if a score falls below its floor.

    python bench/gate.py                 # every set with a floor; exit 1 if one drops
    python bench/gate.py --sets seed     # some sets only
    python bench/gate.py --raise-floors  # after an improvement: lift floors to today's scores

Floors live in bench/floors.json as {set: {"dotted.path.into.scores": floor}}. They
may rise and never silently fall: --raise-floors only ever lifts them. The data is
read from ../shared/eval/data/ (override with --data), or from bench/data/ for the
sets the project wrote itself; a missing set is skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "bench" / "floors.json"
DATA = ROOT.parent / "shared" / "eval" / "data"
# Sets the project wrote itself (bench/data/README.md), always at hand.
OWN = ROOT / "bench" / "data"


def lookup(tree: Any, path: str) -> float | None:
    node = tree
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, int | float) else None


def evaluate(name: str, data: Path, pipeline: Any) -> tuple[dict[str, Any], float]:
    from newsevents.model import Rejected
    from newsevents.read.jsonl import article_from_record
    from newsevents.scoring import read_gold, score

    gold = read_gold(data / f"{name}.jsonl")
    articles = [article_from_record(doc, source=f"{name}:{i}") for i, doc in enumerate(gold)]
    started = time.perf_counter()
    events: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    for result in pipeline.run(articles):
        if isinstance(result, Rejected):
            continue
        events.extend(e.to_record() for e in result.events)
        places.extend(p.to_record(result.article.id) for p in result.places)
    seconds = time.perf_counter() - started
    return score(gold, events, places).to_dict(), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", help="comma-separated set names (default: all with floors)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--raise-floors", action="store_true")
    parser.add_argument("--json", type=Path, help="write all scores here")
    args = parser.parse_args(argv)

    from newsevents.pipeline import Pipeline

    floors: dict[str, dict[str, float]] = json.loads(FLOORS.read_text())
    names = args.sets.split(",") if args.sets else list(floors)
    pipeline = Pipeline()
    failures = []
    report: dict[str, Any] = {}
    for name in names:
        data = OWN if (OWN / f"{name}.jsonl").exists() else args.data
        if not (data / f"{name}.jsonl").exists():
            print(f"{name}: skipped, {data / (name + '.jsonl')} is absent")
            continue
        scores, seconds = evaluate(name, data, pipeline)
        report[name] = scores
        print(f"{name}: {seconds:.1f} s")
        for path, floor in sorted(floors.get(name, {}).items()):
            value = lookup(scores, path)
            ok = value is not None and value + 1e-9 >= floor
            mark = "ok " if ok else "LOW"
            shown = "missing" if value is None else f"{value:.3f}"
            print(f"  {mark} {path:45} {shown:>8}  floor {floor:.3f}")
            if not ok:
                failures.append(f"{name}:{path}")
            elif args.raise_floors and value is not None:
                # A little under today's score, for run-to-run noise; never lower.
                floors[name][path] = max(floor, round(value - 0.005, 3))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    if args.raise_floors:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
    if failures:
        print("below floor: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
