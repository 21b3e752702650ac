"""Geolocation's share of the time per article, against the 15% target.

    python bench/bench_geo.py                  # 600 articles from the eval sets
    python bench/bench_geo.py --articles 200   # quicker
    python bench/bench_geo.py --json -         # JSON on stdout instead of the lines

One process codes the corpus with ``Pipeline.run`` (parse, actors, events, places,
links: everything but the store) while stage timers wrap the two geolocation calls
the pipeline makes: ``PlaceFinder.find`` (toponyms, gazetteer look-ups,
disambiguation) and ``event_location`` (the place of each event). Times are CPU
seconds of this process (``time.process_time``), so load from other processes on a
shared machine moves them less than wall time; the wall-clock figures are shown
too. The first batch warms the caches and is not counted.

"Adds" is geolocation's time over the time of everything else, the figure the
target is about: coding an article with geolocation takes that much longer than
coding it without. The gazetteer load (once per process) is shown on its own.

The corpus comes from the article texts in ../shared/eval/data/*.jsonl at run time
(the same builder as bench_speed.py); nothing is copied into the repository, and
the benchmark exits cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"
TARGET_ADDS = 0.15


class Timer:
    """Adds up the CPU and wall time spent in the functions it wraps."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0
        self.calls = 0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu += time.process_time() - cpu
                self.wall += time.perf_counter() - wall
                self.calls += 1

        return timed


def measure(count: int, *, data: Path, warmup: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    import newsevents.pipeline as pipeline_module
    from bench_speed import corpus
    from newsevents.model import Article, Rejected
    from newsevents.pipeline import Pipeline
    from newsevents.places import Gazetteer

    records = corpus(count + warmup, min_chars=200, data=data)
    articles = [Article(id=r["id"], text=r["text"]) for r in records]
    started = time.perf_counter()
    pipeline = Pipeline()
    load = time.perf_counter() - started
    gazetteer_started = time.perf_counter()
    Gazetteer.load(cache_dir=pipeline.settings.cache_dir)
    gazetteer_load = time.perf_counter() - gazetteer_started

    places, locations = Timer(), Timer()
    pipeline.places.find = places.wrap(pipeline.places.find)  # type: ignore[method-assign]
    pipeline_module.event_location = locations.wrap(pipeline_module.event_location)  # type: ignore[assignment]

    for _ in pipeline.run(articles[:warmup]):
        pass
    places.reset()
    locations.reset()
    cpu, wall = time.process_time(), time.perf_counter()
    coded = found = 0
    for result in pipeline.run(articles[warmup:]):
        if not isinstance(result, Rejected):
            coded += 1
            found += len(result.places)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    geo_cpu, geo_wall = places.cpu + locations.cpu, places.wall + locations.wall
    words = sum(len(a.text.split()) for a in articles[warmup:])
    return {
        "articles": coded,
        "words": words,
        "places": found,
        "cpu_s": round(cpu, 2),
        "wall_s": round(wall, 2),
        "places_cpu_s": round(places.cpu, 3),
        "event_location_cpu_s": round(locations.cpu, 3),
        "event_location_calls": locations.calls,
        "geo_ms_per_article": round(1000 * geo_cpu / max(coded, 1), 2),
        "share_cpu": round(geo_cpu / cpu, 4),
        "adds_cpu": round(geo_cpu / (cpu - geo_cpu), 4),
        "adds_wall": round(geo_wall / (wall - geo_wall), 4),
        "target_adds": TARGET_ADDS,
        "pipeline_load_s": round(load, 2),
        "gazetteer_load_s": round(gazetteer_load, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--warmup", type=int, default=64)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", help="write the figures as JSON here ('-' for stdout)")
    args = parser.parse_args(argv)
    if not any(args.data.glob("*.jsonl")):
        print(f"no evaluation data in {args.data}: nothing to measure")
        return 0
    figures = measure(args.articles, data=args.data, warmup=args.warmup)
    if args.json:
        text = json.dumps(figures, indent=2)
        if args.json == "-":
            print(text)
            return 0
        Path(args.json).write_text(text + "\n")
    verdict = "within" if figures["adds_cpu"] <= TARGET_ADDS else "OVER"
    print(
        f"{figures['articles']} articles, {figures['words']:,} words, "
        f"{figures['places']:,} places: {figures['cpu_s']} s CPU ({figures['wall_s']} s wall)"
    )
    print(
        f"geolocation: {figures['places_cpu_s']} s finding places + "
        f"{figures['event_location_cpu_s']} s event locations "
        f"({figures['geo_ms_per_article']} ms CPU an article)"
    )
    print(
        f"geolocation adds {100 * figures['adds_cpu']:.1f}% CPU time per article "
        f"({100 * figures['adds_wall']:.1f}% wall), {verdict} the "
        f"{100 * TARGET_ADDS:.0f}% target; its share of the total is "
        f"{100 * figures['share_cpu']:.1f}%"
    )
    print(f"gazetteer load (cached index): {figures['gazetteer_load_s']} s once per process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
