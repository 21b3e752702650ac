"""Batch runs: every document coded, skipped, rejected or listed as a copy, once."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pytest

from corpus import articles, build_torture
from newsevents.cli import main
from newsevents.ingest import Counts, Ingest, Progress
from newsevents.store import Store

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline

EXPECTED_REJECTS = {
    "empty.txt": "NE101",
    "binary.bin": "NE102",
    "invalid-utf8.txt": "NE103",
    "mixed-encodings.txt": "NE103",
    "big.txt": "NE107",
    "truncated.jsonl.gz@end": "NE105",
    "truncated.warc.gz@end": "NE105",
    "nobody.html": "NE101",
    "records.jsonl:2": "NE105",
    "records.jsonl:3": "NE105",
    "missing-column.csv": "NE105",
    "table.csv:3": "NE105",
}


def _ingest(pipeline: Pipeline, db: Path, *sources: Path) -> Counts:
    with Store(db) as store:
        return Ingest(pipeline, store).run(sources)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_ingest_torture_corpus_loses_nothing_and_doubles_nothing(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    build_torture(corpus)
    db = tmp_path / "store.duckdb"
    first = _ingest(pipeline, db, corpus)
    assert first.documents == first.coded + first.skipped + first.rejected + first.duplicates
    assert first.already_stored == 0
    rejects = {
        str(key).removeprefix(str(corpus.resolve()) + "/"): code
        for key, code in _rows(db, "SELECT doc_key, code FROM documents WHERE status='rejected'")
    }
    assert rejects == EXPECTED_REJECTS
    assert first.rejected == len(EXPECTED_REJECTS)
    assert _rows(db, "SELECT count(*) FROM rejects") == [(len(EXPECTED_REJECTS),)]
    skipped = _rows(db, "SELECT doc_key, language FROM documents WHERE status = 'skipped'")
    assert [(Path(str(k)).name, lang) for k, lang in skipped] == [("french.txt", "fr")]
    duplicates = {
        Path(str(k)).name.split("@")[0]: sim
        for k, sim in _rows(
            db, "SELECT doc_key, similarity FROM documents WHERE status = 'duplicate'"
        )
    }
    # copy-of-good.txt sorts first, so good.txt is its copy; the first page of the
    # truncated archive is the first page of the good one.
    assert set(duplicates) == {"good.txt", "wire-copy.txt", "truncated.warc.gz"}
    assert 0.8 <= float(duplicates["wire-copy.txt"]) < 1.0  # type: ignore[arg-type]
    # Kept from the broken files: four whole JSON lines, one whole WARC page.
    kept = _rows(
        db,
        "SELECT count(*) FROM documents WHERE status = 'coded' "
        "AND (doc_key LIKE '%truncated.jsonl.gz:%' OR doc_key LIKE '%truncated.warc.gz@%')",
    )
    assert kept == [(4,)]
    counts = _rows(
        db, "SELECT count(*), count(DISTINCT doc_key), sum((status = 'coded')::INT) FROM documents"
    )
    assert counts == [(first.documents, first.documents, first.coded)]
    assert _rows(db, "SELECT count(*) FROM articles") == [(first.coded,)]
    assert _rows(db, "SELECT count(*) FROM events") == [(first.events,)]

    second = _ingest(pipeline, db, corpus)
    assert (second.coded, second.skipped, second.rejected, second.duplicates, second.events) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert second.already_stored == first.documents
    assert _rows(db, "SELECT count(*) FROM documents") == [(first.documents,)]
    assert _rows(db, "SELECT count(*) FROM events") == [(first.events,)]


def test_ingest_counts_copies_as_mentions_of_one_event(pipeline: Pipeline, tmp_path: Path) -> None:
    story = (
        "Police in Nairobi fired tear gas at hundreds of protesters on Monday, witnesses "
        "said. The demonstrators had marched on parliament to demand lower fuel prices, "
        "and several were arrested near the central business district."
    )
    feed = tmp_path / "wire.jsonl"
    records = [
        {"id": "w1", "text": story, "outlet": "Ledger", "date": "2026-05-04"},
        {
            "id": "w2",
            "text": "By Amina Odhiambo\n\n" + story,
            "outlet": "Courier",
            "date": "2026-05-04",
        },
        {"id": "w3", "text": story + " Copyright 2026.", "outlet": "Herald", "date": "2026-05-05"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "store.duckdb"
    counts = _ingest(pipeline, db, feed)
    assert (counts.coded, counts.duplicates) == (1, 2)
    groups = _rows(
        db,
        "SELECT num_mentions, num_articles, num_sources FROM event_counts ORDER BY 1 DESC",
    )
    events = _rows(db, "SELECT count(*) FROM events")[0][0]
    assert groups and events
    for mentions, articles_, sources in groups:
        assert articles_ == 3 and sources == 3 and mentions % 3 == 0


def test_ingest_groups_one_event_reported_in_other_words(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    first = "Rebels attacked an army base near Mandalay on Tuesday, officials said."
    second = (
        "An army base near Mandalay was attacked by rebels on Wednesday morning, "
        "according to residents who heard gunfire for several hours."
    )
    path = tmp_path / "two.jsonl"
    path.write_text(
        json.dumps({"id": "r1", "text": first, "outlet": "Ledger", "date": "2026-02-03"})
        + "\n"
        + json.dumps({"id": "r2", "text": second, "outlet": "Courier", "date": "2026-02-04"})
        + "\n"
    )
    db = tmp_path / "store.duckdb"
    _ingest(pipeline, db, path)
    shared = _rows(
        db,
        "SELECT g.plover_type, c.num_articles, c.num_sources FROM event_counts c "
        "JOIN event_groups g USING (group_id) WHERE c.num_articles > 1",
    )
    assert ("ASSAULT", 2, 2) in shared


def test_ingest_rerun_after_kill_9_codes_every_document_once(tmp_path: Path) -> None:
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles(120)))
    db = tmp_path / "killed.duckdb"
    command = [
        sys.executable,
        "-m",
        "newsevents.cli",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--json",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 200_000:  # some articles are committed
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed; use more articles"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]
    partial = _rows(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < partial < 120

    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["documents"] == 120 and summary["coded"] == 120 - partial

    clean = tmp_path / "clean.duckdb"
    assert main(["ingest", str(source), "--db", str(clean), "--json"]) == 0
    once = "SELECT count(*), count(DISTINCT doc_key) FROM documents"
    assert _rows(db, once) == _rows(clean, once) == [(120, 120)]
    ids = "SELECT event_id FROM events ORDER BY event_id"
    assert _rows(db, ids) == _rows(clean, ids)
    assert _rows(db, "SELECT count(*) FROM articles") == [(120,)]


def test_cli_ingest_json_summary_export_and_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    build_torture(corpus)
    for name in ("big.txt", "binary.bin"):
        (corpus / name).unlink()
    db = tmp_path / "store.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) >= {
        "documents",
        "coded",
        "skipped",
        "rejected",
        "duplicates",
        "events",
        "seconds",
    }
    assert summary["rejected"] == len(EXPECTED_REJECTS) - 2

    assert main(["rejects", "--db", str(db)]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == summary["rejected"]
    assert all(x["code"].startswith("NE") and x["reason"] and x["source"] for x in lines)

    assert main(["export", "--db", str(db), "--format", "gdelt"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    groups = _rows(db, "SELECT count(DISTINCT group_id) FROM events")[0][0]
    assert len(rows) == groups and all(len(r) == 61 for r in rows)
    # EventCode, EventRootCode, NumMentions >= NumArticles >= 1
    assert all(r[26].startswith(r[28]) and int(r[31]) >= int(r[33]) >= 1 for r in rows)

    assert main(["export", "--db", str(db), "--format", "polecat"]) == 0
    header, *body = capsys.readouterr().out.splitlines()
    assert header.startswith("Event ID\tEvent Date\tEvent Type")
    assert len(body) == summary["events"]
    assert all(len(r.split("\t")) == len(header.split("\t")) for r in body)

    parquet = tmp_path / "events.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(parquet)]) == 0
    with duckdb.connect() as con:
        count = con.execute(f"SELECT count(*) FROM '{parquet}'").fetchall()[0][0]
    assert count == summary["events"]

    assert main(["export", "--db", str(db), "--format", "jsonl"]) == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(records) == summary["events"]
    assert all(r["num_articles"] >= 1 and r["group_id"] for r in records)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal_only() -> None:
    counts = Counts(documents=12, coded=9, events=30, duplicates=1, skipped=1, rejected=1)
    terminal = _Terminal()
    Progress(terminal).update(counts, final=True)
    line = terminal.getvalue()
    assert line.startswith("\r12 documents | 9 coded | 30 events | 1 duplicates")
    assert "1 rejects" in line and line.endswith("docs/s\n")
    piped = io.StringIO()
    Progress(piped).update(counts, final=True)
    assert piped.getvalue() == ""


def _reference_signature(text: str) -> list[int]:
    """MinHash as dedup.py defines it, written the plain way: one join and one hash
    call per shingle."""
    import hashlib

    from newsevents import dedup

    words = re.findall(r"\w+", text.lower())
    size = dedup.SHINGLE
    if len(words) < size:
        grams = {" ".join(words).encode()} if words else set()
    else:
        grams = {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}
    if not grams:
        return [2**32 - 1] * dedup.PERMUTATIONS
    least = []
    for a, b in zip(dedup._A.tolist(), dedup._B.tolist(), strict=True):
        values = (
            int.from_bytes(hashlib.blake2b(g, digest_size=8).digest(), "little") for g in grams
        )
        least.append(min(((a * x + b) % 2**64) >> 32 for x in values))
    return least


SIGNED = {
    "Troops shelled the port city of Hodeidah on Monday, residents said, as talks stalled.": [
        107769683,
        185664004,
        37496172,
        140142144,
    ],
    "Le président a parlé à Zürich: «ça suffit», a-t-il dit devant la presse.": [
        1771252576,
        589042030,
        84945161,
        488921132,
    ],
    "Two words": [373038458, 1665591528, 2722886162, 920416222],
}


@pytest.mark.parametrize(
    "text",
    [
        *SIGNED,
        "",
        "   ",
        "One two three four five",
        "Police in Nairobi fired tear gas at protesters; police in Nairobi fired again.\n" * 3,
        "Die Polizei nahm in Köln 12 Demonstranten fest, teilte ein Sprecher mit. Straße.",
        "Военные заявили о захвате города, сообщили местные власти в понедельник утром.",
    ],
)
def test_dedup_signature_same_as_the_plain_definition(text: str) -> None:
    from newsevents.dedup import signature

    sig = signature(text)
    assert sig.tolist() == _reference_signature(text)
    # Stored signatures are compared with new ones: their values may never change.
    if text in SIGNED:
        assert sig[:4].tolist() == SIGNED[text]


def test_ingest_leaves_the_store_threads_as_they_were(pipeline: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": "Police arrested ten protesters in Lima."}))
    with Store(tmp_path / "store.duckdb") as store:
        setting = "SELECT current_setting('threads')"
        store.connection.execute("SET threads = 3")
        seen: list[int] = []
        write = store.write_batch

        def spy(items):  # type: ignore[no-untyped-def]
            seen.append(store.connection.execute(setting).fetchall()[0][0])
            return write(items)

        store.write_batch = spy  # type: ignore[method-assign]
        Ingest(pipeline, store).run([path])
        assert seen == [1]
        assert store.connection.execute(setting).fetchall()[0][0] == 3
