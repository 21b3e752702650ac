"""Speed of newsevents against bare spaCy parsing of the same texts, in one process.

    python bench/bench_speed.py [--articles 300]

Builds a corpus from the evaluation texts in ../shared/eval/data/ (LGL and
GeoVirus news articles, repeated as needed), then times (a) bare ``nlp.pipe``
over the texts with the same pipeline and (b) ``Pipeline.run`` end to end
(cleaning, parsing, actors, events, places, linking), and prints articles/s,
words/s and the ratio b/a. Also the time to code one article from a cold start
in a fresh process. The machine is shared: read the ratio, not the absolutes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"


def corpus(count: int) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = []
    for name in ("lgl", "geovirus"):
        path = DATA / f"{name}.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    record = json.loads(line)
                    docs.append({"id": record["id"], "text": record["text"]})
    if not docs:
        sys.exit(f"no evaluation data under {DATA}")
    out = []
    while len(out) < count:
        for doc in docs[: count - len(out)]:
            out.append({"id": f"{doc['id']}-{len(out)}", "text": doc["text"]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()

    from newsevents.model import Rejected
    from newsevents.pipeline import Pipeline
    from newsevents.read.jsonl import article_from_record

    docs = corpus(args.articles)
    words = sum(len(d["text"].split()) for d in docs)
    pipeline = Pipeline()
    nlp = pipeline.resources.nlp
    list(nlp.pipe(d["text"] for d in docs[:20]))  # warm up

    started = time.perf_counter()
    for _ in nlp.pipe((d["text"] for d in docs), batch_size=16):
        pass
    bare = time.perf_counter() - started

    articles = [article_from_record(d, source=d["id"]) for d in docs]
    started = time.perf_counter()
    events = rejected = 0
    for result in pipeline.run(articles):
        if isinstance(result, Rejected):
            rejected += 1
        else:
            events += len(result.events)
    full = time.perf_counter() - started

    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsevents.cli",
            "code",
            str(ROOT / "examples" / "article.txt"),
            "--format",
            "jsonl",
        ],
        check=True,
        capture_output=True,
    )
    cold = time.perf_counter() - started

    print(f"articles: {len(docs)}  words: {words}  events: {events}  rejected: {rejected}")
    print(f"(a) bare nlp.pipe:   {len(docs) / bare:7.1f} articles/s  {words / bare:8.0f} words/s")
    print(f"(b) newsevents:      {len(docs) / full:7.1f} articles/s  {words / full:8.0f} words/s")
    print(f"ratio b/a: {bare / full:.2f}")
    print(f"cold start, one article, fresh process: {cold:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
