"""The event store: one DuckDB file with every document, article, event and place.

Tables
------
``documents``  every input document, exactly once, by its ``doc_key`` (the
               reader's source: ``path``, ``path:line``, ``path@offset`` ...), with
               its fate: ``coded``, ``skipped`` (another language), ``rejected`` or
               ``duplicate`` (and of which article, how similar)
``articles``   the coded articles, text as stored (offsets index it)
``events``     one row per event mention in an article, with the full record as
               JSON and its ``group_id``
``event_groups`` one row per real-world event: the identity that several mentions
               share (type, actors, place, status) and the dates it spans
``event_counts`` a view: per group, mentions, articles and sources, counting the
               duplicate copies of each article too (like GDELT's NumMentions,
               NumArticles, NumSources)
``places``, ``mentions``  resolved place mentions; actor, trigger, place and
               attribution spans
``rejects``    every document that could not be coded, with its code and reason
``signatures`` MinHash signatures of the coded articles, for near-duplicate search
``files``      input files read to the end, so a rerun can pass over them

Writes are exactly-once: an article and everything found in it, its document
row, its signature and its event groups are written in one transaction, and a
document whose key is already in ``documents`` is never written again. A process
killed at any point leaves either all of a document or none of it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.dedup import Signature
from newsevents.errors import StoreError
from newsevents.model import Article, Coded, Rejected, content_id

GROUP_WINDOW_DAYS = 2  # mentions at most this many days apart can be one event

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_key VARCHAR PRIMARY KEY, source VARCHAR, article_id VARCHAR, status VARCHAR,
    code VARCHAR, reason VARCHAR, language VARCHAR, duplicate_of VARCHAR, similarity DOUBLE,
    title VARCHAR, url VARCHAR, outlet VARCHAR, published VARCHAR,
    added TIMESTAMP DEFAULT current_timestamp
);
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
    record JSON, group_id VARCHAR, search_text VARCHAR, actor_text VARCHAR
);
ALTER TABLE events ADD COLUMN IF NOT EXISTS group_id VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS search_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_text VARCHAR;
CREATE TABLE IF NOT EXISTS event_groups (
    group_id VARCHAR PRIMARY KEY, identity VARCHAR, plover_type VARCHAR, cameo_root VARCHAR,
    status VARCHAR, source_key VARCHAR, target_key VARCHAR, place_key VARCHAR,
    first_date VARCHAR, last_date VARCHAR
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
CREATE TABLE IF NOT EXISTS signatures (article_id VARCHAR PRIMARY KEY, signature BLOB);
CREATE TABLE IF NOT EXISTS files (
    path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, documents INTEGER,
    finished TIMESTAMP DEFAULT current_timestamp
);
CREATE OR REPLACE VIEW event_counts AS
WITH copies AS (
    SELECT a.article_id, a.article_id AS copy_id,
           coalesce(a.outlet, regexp_extract(a.url, '//([^/]+)', 1), a.article_id) AS outlet
    FROM articles a
    UNION ALL
    SELECT d.duplicate_of, d.doc_key,
           coalesce(d.outlet, regexp_extract(d.url, '//([^/]+)', 1), d.doc_key)
    FROM documents d WHERE d.status = 'duplicate'
)
SELECT e.group_id, count(*) AS num_mentions, count(DISTINCT c.copy_id) AS num_articles,
       count(DISTINCT c.outlet) AS num_sources
FROM events e JOIN copies c ON c.article_id = e.article_id
GROUP BY e.group_id;
"""

TABLES = (
    "documents",
    "articles",
    "events",
    "event_groups",
    "places",
    "mentions",
    "rejects",
    "signatures",
    "files",
)
EVENT_COLUMNS = (
    "event_id, article_id, plover_type, plover_mode, cameo_code, cameo_root, quad_class, "
    "goldstein, status, confidence, date, trigger_start, trigger_end, trigger_text, "
    "sentence_start, sentence_end, source_country, target_country, location_name, "
    "location_country, lat, lon, record, group_id, search_text, actor_text"
)


@dataclass
class _Group:
    group_id: str
    first: str | None
    last: str | None


class Store:
    """A DuckDB event store. Use as a context manager; one writer at a time."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        try:
            self.connection = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self.connection.execute(SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the event store: {exc}; is another process writing to it?",
                source=str(path),
            ) from exc
        self._groups: dict[str, list[_Group]] | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def threads(self, count: int) -> Iterator[None]:
        """Let DuckDB use ``count`` threads on this connection for a while, then as before.

        A batch run writes small chunks: a second DuckDB thread gains nothing on
        inserts of a few hundred rows and takes CPU from the coding processes.
        """
        con = self.connection
        before = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
        con.execute(f"SET threads = {int(count)}")
        try:
            yield
        finally:
            con.execute(f"SET threads = {int(before)}")

    # -- what is there ------------------------------------------------------------

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table {table!r} in the store; tables: {', '.join(TABLES)}")
        return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

    def known_keys(self, keys: Iterable[str]) -> set[str]:
        """The document keys among ``keys`` that the store has accounted for."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return set()
        rows = self.connection.execute(
            "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {r[0] for r in rows}

    def signatures(self) -> Iterator[tuple[str, Signature]]:
        cursor = self.connection.execute("SELECT article_id, signature FROM signatures")
        while rows := cursor.fetchmany(10_000):
            for article_id, blob in rows:
                yield article_id, np.frombuffer(blob, dtype=np.uint32)

    def file_finished(self, path: str, size: int, mtime_ns: int) -> bool:
        rows = self.connection.execute(
            "SELECT count(*) FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
            [path, size, mtime_ns],
        ).fetchall()
        return bool(rows[0][0])

    def finish_file(self, path: str, size: int, mtime_ns: int, documents: int) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO files (path, size, mtime_ns, documents) VALUES (?, ?, ?, ?)",
            [path, size, mtime_ns, documents],
        )

    # -- writing ------------------------------------------------------------------

    def write(
        self, coded: Coded, *, doc_key: str | None = None, signature: Signature | None = None
    ) -> bool:
        """Store one coded article; False if its document or article was stored before.

        An article whose id is already stored (the same text read from another
        file) is recorded as a duplicate of itself, and nothing else is written.
        """
        key = doc_key or coded.article.source or coded.article.id
        return self.write_batch([(coded, key, signature)])[0]

    def write_batch(self, items: Sequence[tuple[Coded, str, Signature | None]]) -> list[bool]:
        """Store coded articles, given with their document keys, in one transaction.

        Returns for each whether it was stored (False: its document was known, or
        its article id was, and it is then recorded as a duplicate of itself).
        Rows go in as Arrow tables, table by table: one insert per table, not
        one per row.
        """
        import duckdb

        con = self.connection
        new_groups: list[tuple[str, _Group, bool]] = []
        grouped: set[str] = set()
        rows: dict[str, list[list[Any]]] = {name: [] for name in _batch_columns()}
        stored: list[bool] = []
        try:
            con.execute("BEGIN TRANSACTION")
            known = self.known_keys(key for _, key, _ in items)
            ids = [coded.article.id for coded, _, _ in items]
            existing = {
                r[0]
                for r in con.execute(
                    "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))",
                    [ids],
                ).fetchall()
            }
            for coded, key, signature in items:
                article = coded.article
                if key in known:
                    stored.append(False)
                    continue
                known.add(key)
                if article.id in existing:
                    rows["documents"].append(
                        _document_row(key, article, "duplicate", article.id, 1.0)
                    )
                    stored.append(False)
                    continue
                existing.add(article.id)
                stored.append(True)
                rows["documents"].append(_document_row(key, article, "coded", None, None))
                rows["articles"].append(
                    [
                        article.id,
                        article.title,
                        article.url,
                        article.outlet,
                        article.published,
                        article.language,
                        article.source,
                        article.text,
                    ]
                )
                for event in coded.events:
                    record = event.to_record()
                    group_id, _ = self._group_of(record, article.published, new_groups, grouped)
                    words = search_columns(record)
                    rows["events"].append(
                        [*_event_row(record), group_id, words["search_text"], words["actor_text"]]
                    )
                rows["places"].extend(
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
                )
                rows["mentions"].extend(
                    [m.article_id, m.kind, m.start, m.end, m.text, m.ref or ""]
                    for m in coded.mentions
                )
                if signature is not None:
                    rows["signatures"].append([article.id, signature.astype(np.uint32).tobytes()])
            for identity, group, created in new_groups:
                if created:
                    rows["event_groups"].append(
                        [group.group_id, identity, *identity.split("|"), group.first, group.last]
                    )
            for name, table_rows in rows.items():
                self._insert(name, table_rows)
            updates = [
                [group.first, group.last, group.group_id]
                for _, group, created in new_groups
                if not created
            ]
            if updates:
                con.executemany(
                    "UPDATE event_groups SET first_date = ?, last_date = ? WHERE group_id = ?",
                    updates,
                )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            self._groups = None  # reload: the in-memory index may hold what was rolled back
            raise StoreError(
                f"cannot store {len(items)} articles: {exc}", source=str(self.path)
            ) from exc
        return stored

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        if not rows:
            return
        import pyarrow as pa

        columns = _batch_columns()[table]
        data = pa.table(
            {
                name: pa.array([row[i] for row in rows], type=kind)
                for i, (name, kind) in enumerate(columns)
            }
        )
        names = ", ".join(f'"{name}"' for name, _ in columns)
        self.connection.register("_newsevents_batch", data)
        try:
            self.connection.execute(
                f"INSERT OR IGNORE INTO {table} ({names}) SELECT {names} FROM _newsevents_batch"
            )
        finally:
            self.connection.unregister("_newsevents_batch")

    def reject(self, rejected: Rejected, *, doc_key: str | None = None) -> bool:
        """Record a document that could not be coded (or was skipped); False if known."""
        key = doc_key or rejected.source
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        if self.known_keys([key]):
            con.execute("ROLLBACK")
            return False
        status = "skipped" if rejected.skipped else "rejected"
        con.execute(
            "INSERT INTO documents (doc_key, source, article_id, status, code, reason, language) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                key,
                rejected.source,
                rejected.article_id,
                status,
                rejected.code,
                rejected.reason,
                rejected.language,
            ],
        )
        if status == "rejected":
            con.execute(
                "INSERT OR IGNORE INTO rejects VALUES (?, ?, ?, ?)",
                [rejected.source, rejected.article_id, rejected.code, rejected.reason],
            )
        con.execute("COMMIT")
        return True

    def duplicate(
        self, article: Article, *, doc_key: str, original_id: str, similarity: float
    ) -> bool:
        """Record a copy of a stored article: listed, not coded; False if known."""
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        if self.known_keys([doc_key]):
            con.execute("ROLLBACK")
            return False
        self._document(
            doc_key, article, "duplicate", duplicate_of=original_id, similarity=similarity
        )
        con.execute("COMMIT")
        return True

    def _document(
        self,
        key: str,
        article: Article,
        status: str,
        *,
        duplicate_of: str | None = None,
        similarity: float | None = None,
    ) -> None:
        self.connection.execute(
            "INSERT INTO documents (doc_key, source, article_id, status, language, duplicate_of, "
            "similarity, title, url, outlet, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _document_row(key, article, status, duplicate_of, similarity),
        )

    # -- event identity -----------------------------------------------------------

    def _load_groups(self) -> dict[str, list[_Group]]:
        if self._groups is None:
            groups: dict[str, list[_Group]] = {}
            cursor = self.connection.execute(
                "SELECT identity, group_id, first_date, last_date FROM event_groups"
            )
            while rows := cursor.fetchmany(10_000):
                for identity, group_id, first, last in rows:
                    groups.setdefault(identity, []).append(_Group(group_id, first, last))
            self._groups = groups
        return self._groups

    def _group_of(
        self,
        record: dict[str, Any],
        published: str | None,
        changes: list[tuple[str, _Group, bool]],
        changed: set[str],
    ) -> tuple[str, bool]:
        """The group this event mention joins (made if none fits); True if made now.

        ``changes`` collects the groups this batch made or widened, in order;
        ``changed`` holds their ids, so that each is listed once without a search.
        """
        identity = event_identity(record)
        when = record.get("date") or published
        candidates = self._load_groups().setdefault(identity, [])
        for group in candidates:
            if _within(when, group):
                if when is not None:
                    group.first = min(group.first or when, when)
                    group.last = max(group.last or when, when)
                if group.group_id not in changed:
                    changed.add(group.group_id)
                    changes.append((identity, group, False))
                return group.group_id, False
        group = _Group(content_id(f"{identity}|{when}|{len(candidates)}"), when, when)
        candidates.append(group)
        changed.add(group.group_id)
        changes.append((identity, group, True))
        return group.group_id, True


@functools.lru_cache(maxsize=4096)
def _day(value: str | None) -> date | None:
    # Cached: a new mention is held against every group of its identity, and their
    # dates are the same few strings again and again.
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _within(when: str | None, group: _Group) -> bool:
    day, first, last = _day(when), _day(group.first), _day(group.last)
    if day is None or first is None or last is None:
        return day is None and first is None
    window = timedelta(days=GROUP_WINDOW_DAYS)
    return first - window <= day <= last + window


_NAME = re.compile(r"\W+")


def actor_key(actors: Iterable[dict[str, Any]]) -> str:
    """Who, as an identity: country and sector where known, else the folded name."""
    keys = set()
    for actor in actors:
        if actor.get("country") or actor.get("sector"):
            keys.add(f"{actor.get('country') or ''}{actor.get('sector') or ''}")
        else:
            keys.add(_NAME.sub(" ", str(actor.get("name", "")).lower()).strip())
    return "+".join(sorted(keys))


def event_identity(record: dict[str, Any]) -> str:
    """What makes two mentions one event: type, status, actors and place (dates aside).

    Fields joined by ``|``: PLOVER type (or CAMEO root), CAMEO root, status
    (asserted and claimed count as one: a claim of an attack reports the attack),
    source actors, target actors, and the place (GeoNames id, else country).
    """
    status = record.get("status") or "asserted"
    if status == "claimed":
        status = "asserted"
    location = record.get("location") or {}
    place = location.get("geonameid") or location.get("country") or ""
    return "|".join(
        [
            record.get("plover_type") or record.get("cameo_root") or "",
            record.get("cameo_root") or "",
            status,
            actor_key(record.get("source") or []),
            actor_key(record.get("target") or []),
            str(place),
        ]
    ).replace("\n", " ")


def _document_row(
    key: str, article: Article, status: str, duplicate_of: str | None, similarity: float | None
) -> list[Any]:
    return [
        key,
        article.source,
        article.id,
        status,
        article.language,
        duplicate_of,
        similarity,
        article.title,
        article.url,
        article.outlet,
        article.published,
    ]


@functools.cache
def _batch_columns() -> dict[str, list[tuple[str, Any]]]:
    import pyarrow as pa

    text, integer, real, blob = pa.string(), pa.int64(), pa.float64(), pa.binary()
    event_types = [
        text, text, text, text, text, text, integer, real, text, real, text, integer, integer,
        text, integer, integer, text, text, text, text, real, real, text, text, text, text,
    ]  # fmt: skip
    return {
        "documents": list(
            zip(
                [
                    "doc_key",
                    "source",
                    "article_id",
                    "status",
                    "language",
                    "duplicate_of",
                    "similarity",
                    "title",
                    "url",
                    "outlet",
                    "published",
                ],
                [text] * 6 + [real] + [text] * 4,
                strict=True,
            )
        ),
        "articles": [
            (n, text)
            for n in [
                "article_id",
                "title",
                "url",
                "outlet",
                "published",
                "language",
                "source",
                "text",
            ]
        ],
        "events": list(zip(EVENT_COLUMNS.split(", "), event_types, strict=True)),
        "event_groups": [
            (n, text)
            for n in [
                "group_id",
                "identity",
                "plover_type",
                "cameo_root",
                "status",
                "source_key",
                "target_key",
                "place_key",
                "first_date",
                "last_date",
            ]
        ],
        "places": list(
            zip(
                [
                    "article_id",
                    "start",
                    "end",
                    "text",
                    "name",
                    "geonameid",
                    "lat",
                    "lon",
                    "country",
                    "admin1",
                    "feature_code",
                ],
                [text, integer, integer, text, text, integer, real, real, text, text, text],
                strict=True,
            )
        ),
        "mentions": list(
            zip(
                ["article_id", "kind", "start", "end", "text", "ref"],
                [text, text, integer, integer, text, text],
                strict=True,
            )
        ),
        "signatures": [("article_id", text), ("signature", blob)],
    }


def search_columns(record: dict[str, Any]) -> dict[str, str]:
    """Lower-cased words to search without reading every record: ``search_text``
    (trigger and sentence) and ``actor_text`` (actor names, words, countries, roles
    and sectors, joined by ``|``)."""
    trigger = (record.get("trigger") or {}).get("text") or ""
    sentence = (record.get("sentence") or {}).get("text") or ""
    words = []
    for actor in [*(record.get("source") or []), *(record.get("target") or [])]:
        words += [actor.get(k) for k in ("name", "text", "country", "role")]
        words += actor.get("sectors") or []
    return {
        "search_text": f"{trigger}\n{sentence}".lower(),
        "actor_text": "|".join(w for w in words if w).lower(),
    }


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
