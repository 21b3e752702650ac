"""Read-only queries over the event store, for the web API.

Filters, pages and counts are answered from an in-memory index of the store
(``newsevents.web._index``), built when the store is opened. DuckDB reads the
rows of a page, articles, and the text searches that the index leaves to it. A
store with more events than ``index_max_events`` gets no index: DuckDB answers
every request (``newsevents.web._sql``), with the same answers.
Every value a client sends reaches DuckDB as a ``?`` parameter; the only SQL
that varies is chosen in this module by validated keys, so no client text ever
becomes SQL.

Columns are always named: the store may grow columns and tables.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from newsevents.errors import StoreError
from newsevents.web import _sql
from newsevents.web._cache import LRUCache
from newsevents.web._errors import BadCursor, BadRequest
from newsevents.web._index import SORT_KEYS, EventIndex, Positions

if TYPE_CHECKING:
    import duckdb

Order = Literal["asc", "desc"]
CountryRole = Literal["any", "source", "target", "location"]

# Sort keys: a client's ``sort`` picks one of these columns, never writes SQL.
# Rows sort by the column, NULLs last, then by event id.
SORTS: dict[str, str] = {name: name for name in SORT_KEYS}

# Stores with more events than this are served without the in-memory index, which
# costs about 0.9 GB per million events (``serve --index-max-events``).
INDEX_MAX_EVENTS = 5_000_000

# Time buckets (by= of /api/aggregates): a day, the Monday of its week, "YYYY-MM", "YYYY".
TIME_BUCKETS = ("day", "week", "month", "year")

# Counts by the value of a column (country and quad_class are counted apart).
GROUPS: dict[str, str] = {
    "plover": "plover_type",
    "cameo_root": "cameo_root",
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

    def check(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise BadRequest(f"start ({self.start}) is after end ({self.end})")

    def search_sql(self, *, search_columns: bool) -> tuple[str, list[Any]]:
        """A WHERE clause for the text searches (``q``, ``actor``) alone, and its
        parameters, for the searches the in-memory index does not answer.

        With ``search_columns``, the store has the lowercased ``search_text``
        (trigger and sentence) and ``actor_text`` (the actors' names, words, codes
        and roles, joined by "|") columns, and searches read them instead of every
        record's JSON.
        """
        clauses: list[str] = []
        params: list[Any] = []
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

    def fingerprint(self) -> str:
        """A short digest of the filters, so a cursor is only used with its own query."""
        values = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()}
        digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
        return digest[:12]


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


def connect(path: Path, *, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """The store at ``path``, opened read-only, or a StoreError that says why not."""
    import duckdb

    if not path.is_file():
        raise StoreError(
            "no event store here; code some articles first with `newsevents code`",
            source=str(path),
        )
    try:
        config: dict[str, str | bool | int | float | list[str]] = {}
        if threads:
            config["threads"] = threads
        return duckdb.connect(str(path), read_only=True, config=config)
    except duckdb.Error as exc:
        raise StoreError(
            f"cannot open the event store read-only: {exc}; is another process writing it?",
            source=str(path),
        ) from exc


class Database:
    """The event store, opened read-only; one short-lived DuckDB cursor per query."""

    def __init__(
        self,
        path: Path,
        *,
        threads: int | None = None,
        cache: bool = True,
        index_max_events: int = INDEX_MAX_EVENTS,
    ) -> None:
        self.path = path
        self._connection = connect(path, threads=threads)
        self._lock = threading.Lock()
        with self.cursor() as cur:
            columns = {
                name
                for (name,) in cur.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
                ).fetchall()
            }
            (stored,) = _one(cur, "SELECT count(*) FROM events", [])
        # Lowercased text columns a store may have for searching (see Filters.search_sql).
        self.search_columns = {"search_text", "actor_text"} <= columns
        # The in-memory index, unless the store is too large for one: then every
        # answer is a query (newsevents.web._sql).
        self.index: EventIndex | None = None
        if stored <= index_max_events:
            with self.cursor() as cur:
                self.index = EventIndex(cur, search_columns=self.search_columns)
        # Answers stay true while the store is open read-only (no process can write
        # it meanwhile): search results.
        self._cache = cache
        self._searches: LRUCache[tuple[str, str], Positions] = LRUCache(
            max_cost=20_000_000 * int(cache), cost=lambda found: len(found) + 1
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
        if self.index is None:
            page = self._page_sql(
                filters, key=key, order=order, limit=limit, offset=offset, after=after
            )
        else:
            page = self._page_index(
                filters, key=key, order=order, limit=limit, offset=offset, after=after
            )
        event_ids, rows, last_key, more, count = page
        next_cursor = None
        if more and event_ids:
            next_cursor = Cursor(
                sort, order, last_key, event_ids[-1], filters.fingerprint()
            ).encode()
        return {
            "events": rows,
            "total": count() if with_total else None,
            "limit": limit,
            "offset": offset,
            "next_cursor": next_cursor,
        }

    def _page_index(
        self,
        filters: Filters,
        *,
        key: str,
        order: Order,
        limit: int,
        offset: int,
        after: Cursor | None,
    ) -> _Page:
        index = self._indexed()
        matches = self.match(filters)
        ranking = index.order(key, order)
        after_rank = None
        if after is not None:
            after_rank = index.rank_of(after.event_id, ranking)
            if after_rank is None:
                raise BadCursor("the cursor's event is not in the store")
        page, more = index.page(matches, ranking, after=after_rank, skip=offset, limit=limit)
        last_key = index.key_value(key, int(page[-1])) if len(page) else None
        total = index.n if matches is None else len(matches)
        return index.ids(page), index.table_rows(page), last_key, more, lambda: total

    def _page_sql(
        self,
        filters: Filters,
        *,
        key: str,
        order: Order,
        limit: int,
        offset: int,
        after: Cursor | None,
    ) -> _Page:
        """A page for a store served without the index; its count is a query of its own,
        made only if asked for."""
        with self.cursor() as cur:
            event_ids, last_key, more = _sql.page(
                cur,
                filters,
                search_columns=self.search_columns,
                key=key,
                order=order,
                after_event=None if after is None else after.event_id,
                skip=offset,
                limit=limit,
            )
            rows = _sql.table_rows(cur, event_ids)

        def count() -> int:
            with self.cursor() as cur:
                return _sql.count(cur, filters, search_columns=self.search_columns)

        return event_ids, rows, last_key, more, count

    def _indexed(self) -> EventIndex:
        if self.index is None:
            raise StoreError(
                "the store is served without its in-memory index", source=str(self.path)
            )
        return self.index

    def match(self, filters: Filters) -> Positions | None:
        """The positions of the events that pass the filters; None: every event.

        Each filter knows how many events it keeps; the one that keeps fewest gives
        the candidates, and the others test only those.
        """
        filters.check()
        index = self._indexed()
        conditions: list[tuple[int, Callable[[], Positions], Callable[[Positions], Mask]]] = []
        if filters.start or filters.end:
            lo, hi = index.date_range(
                filters.start.isoformat() if filters.start else None,
                filters.end.isoformat() if filters.end else None,
            )
            if lo >= hi:
                return _NONE
            dates = index.coded["date"].codes
            size = int(index.date_starts()[hi] - index.date_starts()[lo])
            conditions.append(
                (
                    size,
                    lambda: index.date_rows(lo, hi),
                    lambda c: (dates[c] >= lo) & (dates[c] < hi),
                )
            )
        for column, value in (
            ("plover_type", filters.plover),
            ("cameo_root", filters.cameo_root),
            ("status", filters.status),
        ):
            if value is None:
                continue
            code = index.coded[column].code(value)
            if code is None:
                return _NONE
            conditions.append(_equal(index, column, code))
        found: list[Positions] = []
        if filters.country:
            found.append(index.country_rows(filters.country_role, filters.country.upper()))
        if filters.actor:
            found.append(self._search(Filters(actor=filters.actor)))
        if filters.q:
            found.append(self._search(Filters(q=filters.q)))
        conditions.extend(_among(rows) for rows in found)
        if not conditions:
            return None
        conditions.sort(key=lambda condition: condition[0])
        candidates = conditions[0][1]()
        for _, _, test in conditions[1:]:
            if not len(candidates):
                break
            candidates = candidates[test(candidates)]
        return candidates

    def _search(self, filters: Filters) -> Positions:
        """The sorted positions of the events one text search (``q`` or ``actor``) finds."""
        if filters.q:
            cache_key, column, needle = ("q", filters.q), "search_text", filters.q.lower()
        else:
            assert filters.actor
            cache_key, column, needle = (
                ("actor", filters.actor),
                "actor_text",
                filters.actor.lower(),
            )
        found = self._searches.get(cache_key)
        if found is not None:
            return found
        index = self._indexed()
        found = index.token_rows(column, needle)
        if found is None:
            where, params = filters.search_sql(search_columns=self.search_columns)
            with self.cursor() as cur:
                rowids = cur.sql(f"SELECT rowid FROM events WHERE {where}", params=params)
                column_rows = rowids.to_arrow_table().column(0).to_numpy()
            found = np.sort(index.positions(np.asarray(column_rows, dtype=np.int64)))
        self._searches.put(cache_key, found)
        return found

    def aggregates(
        self,
        filters: Filters,
        *,
        by: str,
        country_field: CountryRole,
        precision: int,
        limit: int,
    ) -> dict[str, Any]:
        index = self.index
        if index is None:
            with self.cursor() as cur:
                buckets = _sql.aggregates(
                    cur,
                    filters,
                    search_columns=self.search_columns,
                    by=by,
                    country_field=country_field,
                    precision=precision,
                    limit=limit,
                )
            return {"by": by, "buckets": buckets}
        matches = self.match(filters)
        rows = np.arange(index.n, dtype=np.int64) if matches is None else matches
        if by == "location":
            cell, grid = index.cells(precision)
            keys = cell[rows]
            labels: Sequence[str] = []  # the keys come from the grid
        elif by in TIME_BUCKETS:
            mapping, labels = index.time_buckets(by)
            keys = mapping[index.coded["date"].codes[rows]]
        elif by == "country":
            coded = (
                index.country_any()
                if country_field == "any"
                else index.coded[f"{country_field}_country"]
            )
            keys, labels = coded.codes[rows].astype(np.int64), coded.values
        elif by == "quad_class":
            quads = index.numeric["quad_class"][rows]
            whole = quads[~np.isnan(quads)].astype(np.int64)
            low = int(whole.min()) if len(whole) else 0
            seen = np.flatnonzero(np.bincount(whole - low)) + low if len(whole) else whole
            values = sorted(seen.tolist(), key=str)
            labels = [str(q) for q in values]
            keys = np.full(len(rows), -1, dtype=np.int64)
            for i, q in enumerate(values):
                keys[quads == q] = i
        else:
            coded = index.coded[GROUPS[by]]
            keys, labels = coded.codes[rows].astype(np.int64), coded.values
        keep = keys >= 0
        keys, rows = keys[keep], rows[keep]
        size = len(grid) if by == "location" else len(labels)
        counts = np.bincount(keys, minlength=size)
        goldstein = index.numeric["goldstein"][rows]
        scored = ~np.isnan(goldstein)
        sums = np.bincount(keys[scored], weights=goldstein[scored], minlength=size)
        scores = np.bincount(keys[scored], minlength=size)
        quad = index.numeric["quad_class"][rows]
        by_quad = {q: np.bincount(keys[quad == q], minlength=size) for q in _QUADS}
        present = np.flatnonzero(counts)
        if by not in TIME_BUCKETS:  # the largest first; labels are sorted, so ties by key
            present = present[np.lexsort((present, -counts[present]))]
        present = present[:limit]
        names: list[str | None] = []
        if by == "location":
            named = index.coded["location_name"]
            codes = named.codes[rows].astype(np.int64)
            codes = np.where(codes < 0, len(named.values), codes)
            first = np.full(size, len(named.values), dtype=np.int64)
            np.minimum.at(first, keys, codes)
            names = [None if c == len(named.values) else named.values[c] for c in first[present]]
        buckets = []
        for n, i in enumerate(present.tolist()):
            bucket: dict[str, Any] = {
                "key": labels[i] if by != "location" else None,
                "count": int(counts[i]),
                "mean_goldstein": _round(float(sums[i] / scores[i]) if scores[i] else None),
                "quad_class": {str(q): int(by_quad[q][i]) for q in _QUADS},
            }
            if by == "location":
                lat, lon = grid[i].tolist()
                bucket.update(key=f"{lat},{lon}", lat=lat, lon=lon, label=names[n])
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


Mask = npt.NDArray[np.bool_]
# One page of /api/events: event ids, table rows, the last event's sort key, whether
# more follow, and how to count every match.
_Page = tuple[list[str], list[dict[str, Any]], str | float | int | None, bool, Callable[[], int]]
_NONE: Positions = np.empty(0, dtype=np.int64)


def _equal(
    index: EventIndex, column: str, code: int
) -> tuple[int, Callable[[], Positions], Callable[[Positions], Mask]]:
    codes = index.coded[column].codes
    return (
        index.equal_count(column, code),
        lambda: index.equal_rows(column, code),
        lambda c: codes[c] == code,
    )


def _among(
    rows: Positions,
) -> tuple[int, Callable[[], Positions], Callable[[Positions], Mask]]:
    return len(rows), lambda: rows, lambda candidates: _member(rows, candidates)


def _member(rows: Positions, candidates: Positions) -> Mask:
    """Which candidates are among ``rows`` (sorted)."""
    if not len(rows):
        return np.zeros(len(candidates), dtype=bool)
    at = np.searchsorted(rows, candidates)
    at[at == len(rows)] = 0
    found: Mask = rows[at] == candidates
    return found
