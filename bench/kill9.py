"""Exactly-once under kill -9: the torture corpus plus generated articles, killed mid-run.

    python bench/kill9.py [--articles 300] [--workers 2]

Builds the torture corpus of tests/corpus.py (empty, binary, truncated gzip and
WARC, HTML without a body, a 20 MB line, bad UTF-8, mixed encodings, broken
JSON Lines, a CSV without its text column, duplicates) and a JSON Lines file of
generated articles; runs ``newsevents ingest`` on them, kills it with SIGKILL
once some articles are committed, runs the same command again to the end, then
runs it a third time, and a clean run into a second store. Prints each run's
summary and checks that the killed-and-resumed store holds exactly what the
clean one holds: every document once, the same events.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def ingest(paths: list[Path], db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", "ingest", *map(str, paths), "--db", str(db),
            "--json", "--workers", str(workers)]  # fmt: skip


def main() -> int:
    import duckdb

    from corpus import articles, build_torture

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_torture(root / "torture")
        generated = root / "generated.jsonl"
        batch = [dict(a, id=f"batch-{a['id']}") for a in articles(args.articles, seed=5)]
        generated.write_text("".join(json.dumps(a) + "\n" for a in batch))
        inputs = [root / "torture", generated]
        db = root / "killed.duckdb"
        process = subprocess.Popen(ingest(inputs, db, args.workers), stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        wal = Path(f"{db}.wal")
        while process.poll() is None and not (wal.exists() and wal.stat().st_size > 1_000_000):
            time.sleep(0.05)
        if process.poll() is not None:
            sys.exit("the run ended before it could be killed; give more --articles")
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.stdout is not None
        process.stdout.close()
        with duckdb.connect(str(db), read_only=True) as con:
            before = con.execute("SELECT status, count(*) FROM documents GROUP BY 1").fetchall()
        print(json.dumps({"killed_with_documents_stored": dict(sorted(before))}))
        results = {}
        for name in ("resumed", "third run"):
            done = subprocess.run(ingest(inputs, db, args.workers), capture_output=True, text=True)
            results[name] = json.loads(done.stdout)
            print(json.dumps({name: results[name], "exit": done.returncode}))
        clean = root / "clean.duckdb"
        done = subprocess.run(ingest(inputs, clean, args.workers), capture_output=True, text=True)
        print(json.dumps({"clean run": json.loads(done.stdout), "exit": done.returncode}))
        checks = {
            "documents": "SELECT doc_key, status, article_id, code FROM documents",
            "events": "SELECT event_id, article_id, record FROM events",
            "places": 'SELECT article_id, start, "end", geonameid FROM places',
            "rejects": "SELECT source, code FROM rejects",
        }
        same = {}
        for name, sql in checks.items():
            with (
                duckdb.connect(str(db), read_only=True) as a,
                duckdb.connect(str(clean), read_only=True) as b,
            ):
                rows_a = sorted(a.execute(sql).fetchall(), key=repr)
                rows_b = sorted(b.execute(sql).fetchall(), key=repr)
            same[name] = {"killed_and_resumed": len(rows_a), "clean": len(rows_b),
                          "identical": rows_a == rows_b}  # fmt: skip
        with duckdb.connect(str(db), read_only=True) as con:
            once = con.execute(
                "SELECT count(*) = count(DISTINCT doc_key) FROM documents"
            ).fetchall()[0][0]
        print(json.dumps({"compare": same, "every_document_once": once}))
        ok = once and all(v["identical"] for v in same.values())
        ok = ok and results["third run"]["coded"] == 0 and results["third run"]["events"] == 0
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
