"""The event store: a DuckDB file with articles, events, places, mentions and rejects.

Writes are idempotent: every table has a primary key derived from content
(article id, event id, offsets), and rows are inserted with ``INSERT OR
IGNORE``, so running the same input twice stores nothing twice. Each article is
written in one transaction with all its rows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsevents.errors import StoreError
from newsevents.model import Coded, Rejected

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, outlet VARCHAR,
    published VARCHAR, language VARCHAR, source VARCHAR, text VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL,
    plover_type VARCHAR, plover_mode VARCHAR, cameo_code VARCHAR, cameo_root VARCHAR,
    quad_class INTEGER, goldstein DOUBLE, status VARCHAR, confidence DOUBLE, date VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    sentence_start INTEGER, sentence_end INTEGER,
    source_country VARCHAR, target_country VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    record JSON
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR,
    geonameid BIGINT, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR,
    feature_code VARCHAR, PRIMARY KEY (article_id, start, "end")
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
    ref VARCHAR, PRIMARY KEY (article_id, kind, start, "end", ref)
);
CREATE TABLE IF NOT EXISTS rejects (
    source VARCHAR, article_id VARCHAR, code VARCHAR, reason VARCHAR,
    PRIMARY KEY (source, code)
);
"""


class Store:
    """A DuckDB event store. Use as a context manager; one writer at a time."""

    def __init__(self, path: Path | str) -> None:
        import duckdb

        self.path = Path(path)
        try:
            self.connection = duckdb.connect(str(self.path))
            self.connection.execute(SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the event store: {exc}; is another process writing to it?",
                source=str(path),
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def write(self, coded: Coded) -> bool:
        """Store one coded article; returns False if it was stored before."""
        import duckdb

        article = coded.article
        con = self.connection
        try:
            con.execute("BEGIN TRANSACTION")
            seen = con.execute(
                "SELECT count(*) FROM articles WHERE article_id = ?", [article.id]
            ).fetchall()[0][0]
            if seen:
                con.execute("ROLLBACK")
                return False
            con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    article.id,
                    article.title,
                    article.url,
                    article.outlet,
                    article.published,
                    article.language,
                    article.source,
                    article.text,
                ],
            )
            rows = [_event_row(e.to_record()) for e in coded.events]
            if rows:
                con.executemany(
                    "INSERT OR IGNORE INTO events VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            if coded.places:
                con.executemany(
                    "INSERT OR IGNORE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        [
                            article.id,
                            p.start,
                            p.end,
                            p.text,
                            p.name,
                            p.geonameid,
                            p.lat,
                            p.lon,
                            p.country,
                            p.admin1,
                            p.feature_code,
                        ]
                        for p in coded.places
                    ],
                )
            if coded.mentions:
                con.executemany(
                    "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        [m.article_id, m.kind, m.start, m.end, m.text, m.ref or ""]
                        for m in coded.mentions
                    ],
                )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"cannot store article {article.id}: {exc}", source=str(self.path)
            ) from exc
        return True

    def reject(self, rejected: Rejected) -> None:
        self.connection.execute(
            "INSERT OR IGNORE INTO rejects VALUES (?, ?, ?, ?)",
            [rejected.source, rejected.article_id, rejected.code, rejected.reason],
        )

    def count(self, table: str) -> int:
        if table not in ("articles", "events", "places", "mentions", "rejects"):
            raise StoreError(f"no table {table!r} in the store")
        return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def _event_row(record: dict[str, Any]) -> list[Any]:
    location = record["location"] or {}
    sources = [a["country"] for a in record["source"] if a["country"]]
    targets = [a["country"] for a in record["target"] if a["country"]]
    return [
        record["event_id"],
        record["article_id"],
        record["plover_type"],
        record["plover_mode"],
        record["cameo_code"],
        record["cameo_root"],
        record["quad_class"],
        record["goldstein"],
        record["status"],
        record["confidence"],
        record["date"],
        record["trigger"]["start"],
        record["trigger"]["end"],
        record["trigger"]["text"],
        record["sentence"]["start"],
        record["sentence"]["end"],
        sources[0] if sources else None,
        targets[0] if targets else None,
        location.get("name"),
        location.get("country"),
        location.get("lat"),
        location.get("lon"),
        json.dumps(record, ensure_ascii=False),
    ]
