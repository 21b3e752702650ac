"""Read-only queries over the event store, for the web API.

Every value a client sends reaches DuckDB as a ``?`` parameter. The only SQL
that varies is chosen from fixed dictionaries in this module (``SORTS``,
``TIME_BUCKETS``, ``COUNTRY_COLUMNS``, ``GROUPS``) by validated keys, so no
client text ever becomes SQL.

Columns are always named: the store may grow columns and tables.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsevents.errors import StoreError
from newsevents.web._cache import LRUCache
from newsevents.web._errors import BadCursor, BadRequest

if TYPE_CHECKING:
    import duckdb

Order = Literal["asc", "desc"]
CountryRole = Literal["any", "source", "target", "location"]

# Sort keys: a client's ``sort`` picks one of these columns, never writes SQL.
# Rows sort by the column, NULLs last, then by event id.
SORTS: dict[str, str] = {
    name: name
    for name in (
        "date",
        "goldstein",
        "confidence",
        "quad_class",
        "plover_type",
        "cameo_code",
        "status",
        "source_country",
        "target_country",
        "location_country",
        "event_id",
    )
}

COUNTRY_COLUMNS: dict[str, tuple[str, ...]] = {
    "any": ("source_country", "target_country", "location_country"),
    "source": ("source_country",),
    "target": ("target_country",),
    "location": ("location_country",),
}

# Time buckets: (key to group on, how to show it); formatting after grouping is cheaper.
TIME_BUCKETS: dict[str, tuple[str, str]] = {
    "day": ("date", "k"),
    "week": ("date_trunc('week', TRY_CAST(date AS DATE))", "strftime(k, '%Y-%m-%d')"),
    "month": ("substr(date, 1, 7)", "k"),
    "year": ("substr(date, 1, 4)", "k"),
}

GROUPS: dict[str, str] = {
    "country": "",  # the column comes from COUNTRY_COLUMNS by ``country_field``
    "plover": "plover_type",
    "cameo_root": "cameo_root",
    "quad_class": "CAST(quad_class AS VARCHAR)",
    "status": "status",
}

# The words of the actors of an event: names, the text as written, country and sector codes.
_ACTOR_TEXT = "concat_ws('|', {})".format(
    ", ".join(
        f"array_to_string(json_extract_string(record, '$.{side}[*].{field}'), '|')"
        for side in ("source", "target")
        for field in ("name", "text", "country", "sectors[*]", "role")
    )
)
_ACTORS_JSON = "CAST(json_extract(record, ['$.source', '$.target']) AS VARCHAR)"
_SENTENCE_TEXT = "json_extract_string(record, '$.sentence.text')"

_QUADS = (0, 1, 2, 3, 4)

# Searches with at most this many matches are kept whole, in page order.
RANKED_MAX = 20_000


@dataclass(frozen=True, kw_only=True, slots=True)
class Filters:
    """What a client asks to see. Text values are matched, never interpreted."""

    start: date | None = None
    end: date | None = None
    country: str | None = None
    country_role: CountryRole = "any"
    plover: str | None = None
    cameo_root: str | None = None
    actor: str | None = None
    status: str | None = None
    q: str | None = None

    def where(self, *, search_columns: bool = False) -> tuple[str, list[Any]]:
        """A WHERE clause over ``events`` and its parameters.

        With ``search_columns``, the store has the lowercased ``search_text``
        (trigger and sentence) and ``actor_text`` (the actors' names, words, codes
        and roles, joined by "|") columns, and searches read them instead of every
        record's JSON.
        """
        if self.start and self.end and self.start > self.end:
            raise BadRequest(f"start ({self.start}) is after end ({self.end})")
        clauses: list[str] = []
        params: list[Any] = []
        if self.start:
            clauses.append("date >= ?")
            params.append(self.start.isoformat())
        if self.end:
            clauses.append("date <= ?")
            params.append(self.end.isoformat())
        if self.country:
            columns = COUNTRY_COLUMNS[self.country_role]
            clauses.append("(" + " OR ".join(f"{c} = ?" for c in columns) + ")")
            params.extend([self.country.upper()] * len(columns))
        if self.plover:
            clauses.append("plover_type = ?")
            params.append(self.plover)
        if self.cameo_root:
            clauses.append("cameo_root = ?")
            params.append(self.cameo_root)
        if self.status:
            clauses.append("status = ?")
            params.append(self.status)
        if self.actor:
            needle = self.actor.lower()
            if search_columns and "|" not in needle:
                clauses.append("contains(actor_text, ?)")
                params.append(needle)
            else:
                clauses.extend(_record_matches(self.actor, _pattern(self.actor), params))
                if _json_safe(self.actor):
                    # One JSON parse: the source and target arrays, searched in their values.
                    clauses.append(f"regexp_matches({_ACTORS_JSON}, ?)")
                    params.append(_actor_pattern(self.actor))
                else:
                    clauses.append(f"regexp_matches({_ACTOR_TEXT}, ?)")
                    params.append(_pattern(self.actor))
        if self.q:
            if search_columns:
                clauses.append("contains(search_text, ?)")
                params.append(self.q.lower())
            else:
                pattern = _pattern(self.q)
                clauses.extend(_record_matches(self.q, pattern, params))
                clauses.append(
                    f"(regexp_matches(trigger_text, ?) OR regexp_matches({_SENTENCE_TEXT}, ?))"
                )
                params.extend([pattern, pattern])
        return (" AND ".join(clauses) or "TRUE"), params

    def searches(self) -> bool:
        """Whether the filters search text, which reads each record's JSON."""
        return bool(self.actor or self.q)

    def fingerprint(self) -> str:
        """A short digest of the filters, so a cursor is only used with its own query."""
        values = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()}
        digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
        return digest[:12]


@dataclass(frozen=True, slots=True)
class _Ranked:
    """The matches of a search in page order, and where each event is among them."""

    ids: list[tuple[str, Any]]  # (event id, sort key)
    position: dict[str, int]


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after (key, event_id) in the given sort."""

    sort: str
    order: Order
    key: str | float | int | None
    event_id: str
    fingerprint: str

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.order, self.key, self.event_id, self.fingerprint])
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            sort, order, key, event_id, fingerprint = json.loads(raw)
        except (binascii.Error, ValueError, TypeError) as exc:
            raise BadCursor("the cursor is not one this API gave out") from exc
        valid = (
            sort in SORTS
            and order in ("asc", "desc")
            and (key is None or isinstance(key, str | int | float))
            and not isinstance(key, bool)
            and isinstance(event_id, str)
            and isinstance(fingerprint, str)
        )
        if not valid:
            raise BadCursor("the cursor is not one this API gave out")
        return cls(sort, order, key, event_id, fingerprint)


class Database:
    """The event store, opened read-only; one short-lived DuckDB cursor per query."""

    def __init__(self, path: Path, *, threads: int | None = None, cache: bool = True) -> None:
        import duckdb

        self.path = path
        if not path.is_file():
            raise StoreError(
                "no event store here; code some articles first with `newsevents code`",
                source=str(path),
            )
        try:
            config: dict[str, str | bool | int | float | list[str]] = {}
            if threads:
                config["threads"] = threads
            self._connection = duckdb.connect(str(path), read_only=True, config=config)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the event store read-only: {exc}; is another process writing it?",
                source=str(path),
            ) from exc
        self._lock = threading.Lock()
        with self.cursor() as cur:
            columns = {
                name
                for (name,) in cur.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
                ).fetchall()
            }
        # Lowercased text columns a store may have for searching (see Filters.where).
        self.search_columns = {"search_text", "actor_text"} <= columns
        # Answers stay true while the store is open read-only (no process can write
        # it meanwhile): counts, the rows of the event table, and search results.
        size = 1 if cache else 0
        self._totals: LRUCache[Filters, int] = LRUCache(max_cost=10_000 * size)
        self._event_rows: LRUCache[str, dict[str, Any]] = LRUCache(max_cost=20_000 * size)
        self._rankings: LRUCache[tuple[Filters, str, str], _Ranked] = LRUCache(
            max_cost=200_000 * size, cost=lambda ranked: len(ranked.ids) + 1
        )

    def close(self) -> None:
        self._connection.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:  # creating cursors is not safe from many threads at once
            cursor = self._connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def summary(self) -> dict[str, Any]:
        with self.cursor() as cur:
            events, first, last = _one(cur, "SELECT count(*), min(date), max(date) FROM events", [])
            (articles,) = _one(cur, "SELECT count(*) FROM articles", [])
        return {"events": events, "articles": articles, "first_date": first, "last_date": last}

    def events(
        self,
        filters: Filters,
        *,
        sort: str,
        order: Order,
        limit: int,
        offset: int,
        cursor: str | None,
        with_total: bool,
    ) -> dict[str, Any]:
        where, params = filters.where(search_columns=self.search_columns)
        key = SORTS[sort]
        after = None
        if cursor is not None:
            if offset:
                raise BadRequest("use either offset or cursor, not both")
            after = Cursor.decode(cursor)
            if (after.sort, after.order, after.fingerprint) != (
                sort,
                order,
                filters.fingerprint(),
            ):
                raise BadCursor(
                    "the cursor belongs to another query; send the same filters, sort and order"
                )
        with self.cursor() as cur:
            ranked = self._ranked(cur, filters, where, params, key, order)
            if ranked is not None:
                start = offset
                if after is not None:
                    if after.event_id not in ranked.position:
                        raise BadCursor("the cursor's event is not among these results")
                    start = ranked.position[after.event_id] + 1
                page = ranked.ids[start : start + limit]
                total: int | None = len(ranked.ids)
                more = start + limit < len(ranked.ids)
            else:
                page = _page(
                    cur,
                    where,
                    params,
                    key=key,
                    order=order,
                    after=after,
                    limit=limit,
                    offset=offset,
                )
                more = len(page) == limit
                total = self._totals.get(filters) if with_total else None
                if with_total and total is None:
                    (total,) = _one(cur, f"SELECT count(*) FROM events WHERE {where}", params)
                    self._totals.put(filters, total)
            rows = self._rows(cur, [event_id for event_id, _ in page])
        next_cursor = None
        if more and page:
            last_id, last_key = page[-1]
            next_cursor = Cursor(sort, order, last_key, last_id, filters.fingerprint()).encode()
        return {
            "events": rows,
            "total": total if with_total else None,
            "limit": limit,
            "offset": offset,
            "next_cursor": next_cursor,
        }

    def _ranked(
        self,
        cur: duckdb.DuckDBPyConnection,
        filters: Filters,
        where: str,
        params: list[Any],
        key: str,
        order: Order,
    ) -> _Ranked | None:
        """Every match of a text or actor search in page order, if there are at most
        ``RANKED_MAX``. A search reads every record in range, so one scan gives the
        count and all the pages; the next pages are then a slice."""
        if not filters.searches():
            return None
        cache_key = (filters, key, order)
        ranked = self._rankings.get(cache_key)
        if ranked is None:
            direction = "ASC" if order == "asc" else "DESC"
            found = cur.execute(
                f"SELECT event_id, {key} FROM events WHERE {where} "
                f"ORDER BY {key} {direction} NULLS LAST, event_id {direction} LIMIT ?",
                [*params, RANKED_MAX + 1],
            ).fetchall()
            if len(found) > RANKED_MAX:
                return None
            ids = [(event_id, value) for event_id, value in found]
            ranked = _Ranked(ids, {event_id: i for i, (event_id, _) in enumerate(ids)})
            self._rankings.put(cache_key, ranked)
        return ranked

    def _rows(self, cur: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
        """The table rows of these events, in this order, kept for the next pages,
        which often show the same events (the latest, say).

        Only the record is read: DuckDB fetches a row through the key's index one
        column at a time, and the record holds every field of the row.
        """
        rows = {e: row for e in event_ids if (row := self._event_rows.get(e)) is not None}
        missing = [e for e in event_ids if e not in rows]
        if missing:
            marks = ", ".join("?" * len(missing))
            found = cur.execute(f"SELECT record FROM events WHERE event_id IN ({marks})", missing)
            records = [json.loads(r[0]) for r in found.fetchall()]
            article_ids = sorted({r["article_id"] for r in records})
            titles = dict(
                cur.execute(
                    "SELECT article_id, title FROM articles "
                    f"WHERE article_id IN ({', '.join('?' * len(article_ids))})",
                    article_ids,
                ).fetchall()
            )
            for record in records:
                row = event_row(record, titles.get(record["article_id"]))
                rows[row["event_id"]] = row
                self._event_rows.put(row["event_id"], row)
        return [rows[e] for e in event_ids]

    def aggregates(
        self,
        filters: Filters,
        *,
        by: str,
        country_field: CountryRole,
        precision: int,
        limit: int,
    ) -> dict[str, Any]:
        where, params = filters.where(search_columns=self.search_columns)
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in _QUADS)
        measures = f"count(*) AS n, avg(goldstein) AS mean_goldstein, {quads}"
        if by == "location":
            sql = f"""
                SELECT round(lat, ?) AS blat, round(lon, ?) AS blon,
                    {measures}, min(location_name) AS label
                FROM events WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL
                GROUP BY blat, blon ORDER BY n DESC, blat, blon LIMIT ?
            """
        else:
            shown, order = "k", "n DESC, k ASC"
            if by in TIME_BUCKETS:
                key, shown = TIME_BUCKETS[by]
                order = "k ASC"
            elif by == "country":
                key = _country_key(country_field)
            else:
                key = GROUPS[by]
            sql = f"""
                SELECT {shown} AS key, {measures} FROM (
                    SELECT {key} AS k, goldstein, quad_class FROM events WHERE {where}
                ) WHERE k IS NOT NULL GROUP BY k ORDER BY {order} LIMIT ?
            """
        if by == "location":
            params = [precision, precision, *params]
        with self.cursor() as cur:
            result = cur.execute(sql, [*params, limit])
            names = [d[0] for d in result.description or []]
            rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        buckets = []
        for row in rows:
            bucket: dict[str, Any] = {
                "key": row.get("key"),
                "count": row["n"],
                "mean_goldstein": _round(row["mean_goldstein"]),
                "quad_class": {str(q): row[f"q{q}"] for q in _QUADS},
            }
            if by == "location":
                bucket["key"] = f"{row['blat']},{row['blon']}"
                bucket.update(lat=row["blat"], lon=row["blon"], label=row["label"])
            buckets.append(bucket)
        return {"by": by, "buckets": buckets}

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self.cursor() as cur:
            found = cur.execute(
                "SELECT article_id, title, url, outlet, published, language, source, text "
                "FROM articles WHERE article_id = ?",
                [article_id],
            )
            names = [d[0] for d in found.description or []]
            row = found.fetchone()
            if row is None:
                return None
            article = dict(zip(names, row, strict=True))
            records = cur.execute(
                "SELECT record FROM events WHERE article_id = ? "
                "ORDER BY trigger_start, trigger_end, event_id",
                [article_id],
            ).fetchall()
            places = _dicts(
                cur,
                'SELECT start, "end", text, name, geonameid, lat, lon, country, admin1, '
                'feature_code FROM places WHERE article_id = ? ORDER BY start, "end"',
                [article_id],
            )
            mentions = _dicts(
                cur,
                'SELECT kind, start, "end", text, ref FROM mentions WHERE article_id = ? '
                'ORDER BY start, "end", kind',
                [article_id],
            )
        events = [json.loads(r[0]) for r in records]
        article.update(events=events, actors=_actors(events), places=places, mentions=mentions)
        return article


def event_row(record: dict[str, Any], title: str | None) -> dict[str, Any]:
    """One row of the event table from an event record, with the store's reading
    of the record's countries: the first source (target) actor with a country."""
    location = record.get("location") or {}
    sources = record.get("source") or []
    targets = record.get("target") or []
    return {
        "event_id": record["event_id"],
        "article_id": record["article_id"],
        "title": title,
        "date": record.get("date"),
        "plover_type": record.get("plover_type"),
        "plover_mode": record.get("plover_mode"),
        "cameo_code": record.get("cameo_code"),
        "cameo_root": record.get("cameo_root"),
        "quad_class": record.get("quad_class"),
        "goldstein": record.get("goldstein"),
        "status": record.get("status"),
        "confidence": record.get("confidence"),
        "trigger_text": (record.get("trigger") or {}).get("text"),
        "source": [a.get("name") or a.get("text") for a in sources],
        "target": [a.get("name") or a.get("text") for a in targets],
        "source_country": next((a["country"] for a in sources if a.get("country")), None),
        "target_country": next((a["country"] for a in targets if a.get("country")), None),
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "attribution": record.get("attribution") or [],
        "links": record.get("links") or [],
    }


def _page(
    cur: duckdb.DuckDBPyConnection,
    where: str,
    params: list[Any],
    *,
    key: str,
    order: Order,
    after: Cursor | None,
    limit: int,
    offset: int,
) -> list[tuple[str, Any]]:
    """(event id, sort key) of one page, sorted by the key, NULLs last,
    then by event id.

    The sort is on the plain column, so DuckDB's top-N skips row groups by their
    min/max. After a cursor, the rows with a key are asked for apart from those
    without one: ``key <= value`` alone is a filter DuckDB can push into the scan,
    an ``OR key IS NULL`` is not.
    """
    direction, op = ("ASC", ">") if order == "asc" else ("DESC", "<")

    def top(extra: str, extra_params: list[Any], n: int, skip: int) -> list[tuple[str, Any]]:
        sql = f"""
            SELECT event_id, {key} FROM events WHERE {where}{extra}
            ORDER BY {key} {direction} NULLS LAST, event_id {direction} LIMIT ? OFFSET ?
        """
        found = cur.execute(sql, [*params, *extra_params, n, skip]).fetchall()
        return [(event_id, value) for event_id, value in found]

    if after is None:
        return top("", [], limit, offset)
    if after.key is None:
        return top(f" AND {key} IS NULL AND event_id {op} ?", [after.event_id], limit, 0)
    page = top(
        f" AND {key} {op}= ? AND ({key} {op} ? OR event_id {op} ?)",
        [after.key, after.key, after.event_id],
        limit,
        0,
    )
    if len(page) < limit:
        page += top(f" AND {key} IS NULL", [], limit - len(page), 0)
    return page


def _pattern(text: str) -> str:
    """A case-insensitive RE2 pattern that matches ``text`` literally."""
    return "(?i)" + _literal(text)


def _literal(text: str) -> str:
    """``text`` as RE2 pattern: every character but ASCII letters and digits written
    as a code point escape."""
    return "".join(c if c.isascii() and c.isalnum() else f"\\x{{{ord(c):x}}}" for c in text)


def _actor_pattern(text: str) -> str:
    """Matches ``text`` inside the value of an actor's name, text, country, sector,
    role or sectors in the JSON of the source and target arrays."""
    value = r'(?:[^"\\]|\\.)*?'
    needle = _literal(text)
    return (
        f'(?i)"(?:name|text|country|sector|role)":"{value}{needle}'
        f'|"sectors":\\[(?:"{value}",)*"{value}{needle}'
    )


def _json_safe(text: str) -> bool:
    """Whether JSON writes ``text`` as it is: quotes, backslashes, control characters
    and (by some writers) non-ASCII letters are escaped."""
    return text.isascii() and not any(c in '"\\' or ord(c) < 0x20 for c in text)


def _record_matches(text: str, pattern: str, params: list[Any]) -> list[str]:
    """A cheap test on the record's JSON text before the precise one on its fields,
    for text that JSON writes as it is. DuckDB evaluates the later terms of a
    conjunction only on the rows that pass the earlier ones."""
    if not _json_safe(text):
        return []
    params.append(pattern)
    return ["regexp_matches(CAST(record AS VARCHAR), ?)"]


def _country_key(field: CountryRole) -> str:
    columns = COUNTRY_COLUMNS[field]
    if len(columns) == 1:
        return columns[0]
    # "any": an event counts once, under its location's country, else source, else target.
    return "coalesce(location_country, source_country, target_country)"


def _actors(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct actors of an article's events, by span, with their roles."""
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    for event in events:
        for role in ("source", "target"):
            for actor in event.get(role) or []:
                span = (actor.get("start", -1), actor.get("end", -1))
                entry = seen.setdefault(span, {**actor, "roles": [], "event_ids": []})
                if role not in entry["roles"]:
                    entry["roles"].append(role)
                entry["event_ids"].append(event["event_id"])
    return sorted(seen.values(), key=lambda a: (a.get("start", -1), a.get("end", -1)))


def _one(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[Any, ...]:
    row = cur.execute(sql, params).fetchone()
    if row is None:  # aggregates always give one row
        raise StoreError("the event store gave no answer", source=sql)
    return tuple(row)


def _dicts(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = cur.execute(sql, params)
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
