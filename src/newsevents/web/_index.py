"""An in-memory index of the event store, built when the store is opened for serving.

The web app opens the store read-only, and no process can write it meanwhile, so
what it holds can be read once into compact arrays and answered from there:

- the filter and sort columns as numpy arrays, strings as codes into their sorted
  distinct values, so a code's order is the string's order;
- for every country, the events where it is the country of any source actor, any
  target actor, or the location (``country_role`` any, source, target, location),
  read from each record's actors, not only the first one's country column;
- for the lowercased search columns, an inverted index from each token of the
  text (split at spaces and line breaks; actor words at ``|``) to its events. A
  needle without a separator lies inside one token, so the events that contain it
  are exactly those of the tokens that contain it: a substring search stays exact;
- per sort key, lazily, the permutation of the events in page order (the key,
  NULLs last, then the event id) and each event's place in it.

A filter gives a set of positions; a page is the first ranks of those positions
in the sort's permutation, and a cursor is the rank of its event. Nothing of a
client's text becomes SQL: the few searches the index cannot answer (a needle
with a separator in it, a needle that matches most tokens, a store without the
search columns) go to DuckDB with ``?`` parameters.

Positions are rows in ``rowid`` order.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

Positions = npt.NDArray[np.int64]

# Columns read into codes (strings) or floats (numbers, NaN for NULL).
CODED = (
    "event_id",
    "date",
    "plover_type",
    "cameo_code",
    "cameo_root",
    "status",
    "source_country",
    "target_country",
    "location_country",
    "location_name",
)
NUMERIC = ("goldstein", "confidence", "quad_class", "lat", "lon")
ROLES = ("source", "target", "location")

# The fields of a row of the event table, in order (see rows_sql).
ROW_FIELDS = (
    "event_id",
    "article_id",
    "title",
    "date",
    "plover_type",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "status",
    "confidence",
    "trigger_text",
    "source",
    "target",
    "source_country",
    "target_country",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "attribution",
    "links",
)
# What the rows need from each record, parsed once.
_RECORD_SHAPE = (
    '{"source": [{"name": "VARCHAR", "text": "VARCHAR", "country": "VARCHAR"}], '
    '"target": [{"name": "VARCHAR", "text": "VARCHAR", "country": "VARCHAR"}], '
    '"attribution": ["VARCHAR"], "links": [{"relation": "VARCHAR", "event_id": "VARCHAR"}]}'
)
_NAMES = "[CASE WHEN coalesce(x.name, '') = '' THEN x.text ELSE x.name END FOR x IN r.{0}]"
# Every event with the columns to filter and sort on and its table row: actor
# names (the name, else the words), every actor's country, attribution and links
# from the record; the article's title. {where} picks events (see rows_sql).
_ROWS_SQL = f"""
SELECT e.rid, e.event_id, e.article_id, a.title, e.date, e.plover_type, e.plover_mode,
    e.cameo_code, e.cameo_root, e.quad_class, e.goldstein, e.status, e.confidence,
    e.trigger_text, coalesce({_NAMES.format("source")}, []) AS source,
    coalesce({_NAMES.format("target")}, []) AS target,
    e.source_country, e.target_country, e.location_name, e.location_country, e.lat, e.lon,
    coalesce(r.attribution, []) AS attribution, coalesce(r.links, []) AS links,
    [x.country FOR x IN r.source] AS source_countries,
    [x.country FOR x IN r.target] AS target_countries
FROM (
    SELECT rowid AS rid, *, json_transform(record, '{_RECORD_SHAPE}') AS r FROM events
    {{where}}
) AS e LEFT JOIN articles AS a ON a.article_id = e.article_id
ORDER BY e.rid
"""


def rows_sql(where: str = "") -> str:
    """The query of every event's row (see _ROWS_SQL), or of the events a fixed
    ``WHERE`` clause of ``?`` parameters picks."""
    return _ROWS_SQL.replace("{where}", where)


# The sort keys of /api/events.
SORT_KEYS = (
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

# Token separators of the two search columns (see newsevents.store.search_columns).
SEARCH_SEPARATORS = {"search_text": (" ", "\n"), "actor_text": ("|",)}
# A needle found in more tokens than this, or in more events than there are
# events in all, is searched by DuckDB instead: a scan is then cheaper.
MAX_TOKENS = 5_000
# A filter that keeps more than this share of the events is paged by walking the
# sort order and keeping its matches; a narrower one by sorting its matches' ranks.
WALK_SHARE = 1 / 16


@dataclass(frozen=True, slots=True)
class Coded:
    """A string column: each row's code into ``values`` (sorted, distinct), -1 for NULL."""

    codes: npt.NDArray[np.int32]
    values: list[str]

    def code(self, value: str) -> int | None:
        i = bisect_left(self.values, value)
        return i if i < len(self.values) and self.values[i] == value else None


@dataclass(frozen=True, slots=True)
class Order:
    """The events in page order for one sort key and direction, and each event's rank.

    Only the ascending order is stored: descending is the same events with a key,
    reversed, then those without one, reversed (NULLs stay last).
    """

    perm: npt.NDArray[np.int32]  # ascending: the events by rank
    rank: npt.NDArray[np.int32]  # ascending: each event's rank
    present: int  # events with a key; they come first
    descending: bool = False

    def reversed(self) -> Order:
        return Order(self.perm, self.rank, self.present, not self.descending)

    def ranks(self, positions: Positions) -> Positions:
        ranks = self.rank[positions].astype(np.int64)
        return self._flip(ranks) if self.descending else ranks

    def at(self, ranks: Positions) -> Positions:
        """The events at these ranks."""
        asc = self._flip(ranks) if self.descending else ranks
        return self.perm[asc].astype(np.int64)

    def span(self, first: int, end: int) -> Positions:
        """The events from rank ``first`` up to ``end`` (exclusive)."""
        n = len(self.perm)
        first, end = max(0, min(first, n)), max(0, min(end, n))
        if not self.descending:
            return self.perm[first:end].astype(np.int64)
        return self.at(np.arange(first, end, dtype=np.int64))

    def _flip(self, ranks: Positions) -> Positions:
        """Ascending ranks to descending ones, and back (the map is its own inverse)."""
        n, present = len(self.perm), self.present
        flipped: Positions = np.where(
            ranks < present, present - 1 - ranks, present + (n - 1 - ranks)
        )
        return flipped


@dataclass(frozen=True, slots=True)
class Tokens:
    """An inverted index: sorted distinct tokens, and the positions of each."""

    tokens: list[str]
    joined: str  # the tokens, each followed by "\0", to find substrings in
    starts: npt.NDArray[np.int64]  # where each token starts in ``joined``
    offsets: npt.NDArray[np.int64]  # token i's positions: postings[offsets[i]:offsets[i + 1]]
    postings: npt.NDArray[np.int32]


class EventIndex:
    """The events table read into arrays; see the module docstring."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, *, search_columns: bool) -> None:
        import pyarrow.compute as pc

        cur.execute("SET enable_progress_bar = false")
        table = cur.sql(rows_sql()).to_arrow_table()
        self.n = table.num_rows
        self._rowids = np.asarray(table.column("rid").to_numpy(), dtype=np.int64)
        self._dense = self.n == 0 or int(self._rowids[-1]) == self.n - 1
        self.event_ids: pa.Array = table.column("event_id").combine_chunks()
        self.coded = {name: _coded(table.column(name)) for name in CODED if name != "event_id"}
        self.numeric = {
            name: np.asarray(
                pc.fill_null(table.column(name).cast("double"), float("nan")).to_numpy(),
                dtype=np.float64,
            )
            for name in NUMERIC
        }
        # The rows of the event table, as /api/events gives them.
        rows = table.select(list(ROW_FIELDS)).combine_chunks()
        for name in ("article_id", "title"):  # one article, several events: store it once
            at = rows.schema.get_field_index(name)
            rows = rows.set_column(at, name, pc.dictionary_encode(rows.column(name)))
        self.rows: pa.Table = rows
        self._countries = self._read_countries(
            table.column("source_countries"), table.column("target_countries")
        )
        del table
        by_id = cur.sql("SELECT rowid FROM events ORDER BY event_id").to_arrow_table()
        self._by_id = self.positions(np.asarray(by_id.column(0).to_numpy(), dtype=np.int64))
        self._id_rank = np.empty(self.n, dtype=np.int64)
        self._id_rank[self._by_id] = np.arange(self.n, dtype=np.int64)
        self._tokens: dict[str, Tokens] = {}
        if search_columns:
            for column, separators in SEARCH_SEPARATORS.items():
                self._tokens[column] = self._read_tokens(cur, column, separators)
        self._lock = threading.Lock()
        # Every sort order, built now: a first request should not wait for one.
        self._orders = {key: self._order(key) for key in SORT_KEYS}
        _drop_cached_blocks(cur)
        self._postings: dict[tuple[str, int], Positions] = {}
        self._buckets: dict[str, tuple[npt.NDArray[np.int64], list[str]]] = {}
        self._starts: dict[str, npt.NDArray[np.int64]] = {}
        self._country_any: Coded | None = None
        self._cells: dict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]] = {}

    # -- building ------------------------------------------------------------------

    def positions(self, rowids: npt.NDArray[np.int64]) -> Positions:
        """Positions of these row ids (all of them in the table)."""
        if self._dense:
            return rowids.astype(np.int64, copy=False)
        return np.searchsorted(self._rowids, rowids).astype(np.int64)

    def _read_countries(
        self, sources: pa.ChunkedArray, targets: pa.ChunkedArray
    ) -> dict[str, dict[str, Positions]]:
        """role -> country -> sorted positions; "any" is every role at once."""
        import pyarrow as pa
        import pyarrow.compute as pc

        sources, targets = sources.combine_chunks(), targets.combine_chunks()
        rows = np.concatenate(
            [
                np.asarray(pc.list_parent_indices(sources).to_numpy(), dtype=np.int64),
                np.asarray(pc.list_parent_indices(targets).to_numpy(), dtype=np.int64),
            ]
        )
        roles = np.concatenate(
            [
                np.zeros(len(pc.list_flatten(sources)), np.int64),
                np.ones(len(pc.list_flatten(targets)), np.int64),
            ]
        )
        found = pa.chunked_array([pc.list_flatten(sources), pc.list_flatten(targets)], pa.string())
        actor_countries = _coded(found)
        located = self.coded["location_country"]
        # One code space: the actors' countries and the locations'.
        values = sorted(set(actor_countries.values) | set(located.values))
        remap_actor = np.array([bisect_left(values, v) for v in actor_countries.values] + [-1])
        remap_place = np.array([bisect_left(values, v) for v in located.values] + [-1])
        codes = remap_actor[actor_countries.codes]
        place_codes = remap_place[located.codes]
        all_rows = np.arange(self.n, dtype=np.int64)
        per_role = {
            "source": (rows[roles == 0], codes[roles == 0]),
            "target": (rows[roles == 1], codes[roles == 1]),
            "location": (all_rows, place_codes),
        }
        per_role["any"] = (
            np.concatenate([r for r, _ in per_role.values()]),
            np.concatenate([c for _, c in per_role.values()]),
        )
        out: dict[str, dict[str, Positions]] = {}
        for role, (role_rows, role_codes) in per_role.items():
            keep = role_codes >= 0
            role_rows, role_codes = role_rows[keep], role_codes[keep]
            # One sort by (country, event), then each country's events are a run;
            # an event with the country twice in a role has it twice in a row.
            keys = role_codes * self.n + role_rows
            keys = _sorted_unique(keys)
            role_codes, role_rows = keys // max(1, self.n), keys % max(1, self.n)
            bounds = np.searchsorted(role_codes, np.arange(len(values) + 1))
            out[role] = {
                value: role_rows[bounds[i] : bounds[i + 1]]
                for i, value in enumerate(values)
                if bounds[i + 1] > bounds[i]
            }
        return out

    def _read_tokens(
        self, cur: duckdb.DuckDBPyConnection, column: str, separators: tuple[str, ...]
    ) -> Tokens:
        import pyarrow.compute as pc

        text = column
        for extra in separators[1:]:  # one separator to split at
            text = f"replace({text}, chr({ord(extra)}), chr({ord(separators[0])}))"
        found = cur.sql(
            f"SELECT word, list(rowid) AS rows FROM ("
            f"  SELECT rowid, unnest(string_split({text}, chr({ord(separators[0])}))) AS word"
            f"  FROM events WHERE {column} IS NOT NULL"
            f") WHERE word <> '' GROUP BY word ORDER BY word"
        ).to_arrow_table()
        tokens = found.column("word").to_pylist()
        lists = found.column("rows").combine_chunks()
        offsets = np.asarray(lists.offsets.to_numpy(), dtype=np.int64)
        offsets -= offsets[0]
        flat = np.asarray(pc.list_flatten(lists).to_numpy(), dtype=np.int64)
        postings = self.positions(flat).astype(np.int32)
        # The tokens sorted as Python sorts them (DuckDB's order is the same; made sure).
        if tokens != sorted(tokens):
            order = sorted(range(len(tokens)), key=tokens.__getitem__)
            tokens = [tokens[i] for i in order]
            pieces = [postings[offsets[i] : offsets[i + 1]] for i in order]
            postings = np.concatenate(pieces) if pieces else postings
            offsets = np.concatenate([[0], np.cumsum([len(p) for p in pieces])]).astype(np.int64)
        lengths = np.array([len(t) + 1 for t in tokens], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        return Tokens(tokens, "".join(t + "\0" for t in tokens), starts, offsets, postings)

    # -- filtering -----------------------------------------------------------------

    def date_range(self, start: str | None, end: str | None) -> tuple[int, int]:
        """The codes of the dates from ``start`` to ``end`` (inclusive), as [lo, hi)."""
        values = self.coded["date"].values
        lo = bisect_left(values, start) if start is not None else 0
        hi = bisect_right(values, end) if end is not None else len(values)
        return lo, hi

    def date_rows(self, lo: int, hi: int) -> Positions:
        order = self.order("date", "asc")
        starts = self.date_starts()
        return order.span(int(starts[lo]), int(starts[hi]))

    def date_starts(self) -> npt.NDArray[np.int64]:
        return self._value_starts("date")

    def _value_starts(self, column: str) -> npt.NDArray[np.int64]:
        """For each code c of the column, how many rows have a smaller code (NULLs apart)."""
        with self._lock:
            found = self._starts.get(column)
        if found is None:
            coded = self.coded[column]
            counts = np.bincount(coded.codes[coded.codes >= 0], minlength=len(coded.values))
            found = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            with self._lock:
                self._starts[column] = found
        return found

    def equal_rows(self, column: str, code: int) -> Positions:
        key = (column, code)
        with self._lock:
            found = self._postings.get(key)
        if found is None:
            found = np.flatnonzero(self.coded[column].codes == code).astype(np.int64)
            with self._lock:
                self._postings[key] = found
        return found

    def equal_count(self, column: str, code: int) -> int:
        starts = self._value_starts(column)
        return int(starts[code + 1] - starts[code])

    def country_rows(self, role: str, country: str) -> Positions:
        return self._countries[role].get(country, np.empty(0, dtype=np.int64))

    def token_rows(self, column: str, needle: str) -> Positions | None:
        """Positions of the events whose ``column`` contains ``needle`` (lowercase),
        or None when the index cannot answer it cheaply."""
        tokens = self._tokens.get(column)
        if tokens is None or any(s in needle for s in SEARCH_SEPARATORS[column]) or not needle:
            return None
        if "\0" in needle:  # the joined tokens use it as a separator
            return None
        matched: list[int] = []
        at = tokens.joined.find(needle)
        while at >= 0:
            if len(matched) >= MAX_TOKENS:
                return None
            i = int(np.searchsorted(tokens.starts, at, side="right")) - 1
            matched.append(i)
            at = tokens.joined.find(needle, int(tokens.starts[i]) + len(tokens.tokens[i]) + 1)
        if not matched:
            return np.empty(0, dtype=np.int64)
        size = int(sum(tokens.offsets[i + 1] - tokens.offsets[i] for i in matched))
        if size > self.n:
            return None
        if len(matched) == 1:
            i = matched[0]
            return _sorted_unique(
                tokens.postings[tokens.offsets[i] : tokens.offsets[i + 1]].astype(np.int64)
            )
        mask = np.zeros(self.n, dtype=bool)
        for i in matched:
            mask[tokens.postings[tokens.offsets[i] : tokens.offsets[i + 1]]] = True
        return np.flatnonzero(mask).astype(np.int64)

    # -- ordering ------------------------------------------------------------------

    def order(self, key: str, direction: str) -> Order:
        """The page order of every event for a sort key: the key (NULLs last), then
        the event id, both ascending or both descending."""
        ascending = self._orders[key]
        return ascending.reversed() if direction == "desc" else ascending

    def _order(self, key: str) -> Order:
        if key == "event_id":
            perm = self._by_id
            present = self.n
        else:
            if key in self.coded:
                values: npt.NDArray[Any] = self.coded[key].codes
                null = values < 0
            else:
                values = self.numeric[key]
                null = np.isnan(values)
            perm = np.lexsort((self._id_rank, values, null))
            present = int(self.n - np.count_nonzero(null))
        rank = np.empty(self.n, dtype=np.int32)
        rank[perm] = np.arange(self.n, dtype=np.int32)
        return Order(perm.astype(np.int32), rank, present)

    def page(
        self,
        rows: Positions | None,
        order: Order,
        *,
        after: int | None,
        skip: int,
        limit: int,
    ) -> tuple[Positions, bool]:
        """The positions of one page of ``rows`` (None: every event) in this order,
        from rank ``after`` + 1 (a cursor) or ``skip`` matches in; and whether more
        follow."""
        first = -1 if after is None else after
        if rows is None:
            begin = first + 1 + skip
            return order.span(begin, begin + limit), begin + limit < self.n
        want = skip + limit
        if len(rows) > WALK_SHARE * self.n:  # many matches: walk the order, keep the matches
            mask = np.zeros(self.n, dtype=bool)
            mask[rows] = True
            density = len(rows) / max(1, self.n)
            found: list[Positions] = []
            have = 0
            at = first + 1
            step = max(4096, int((want + 1) / density * 1.5))
            while at < self.n and have <= want:
                chunk = order.span(at, at + step)
                hits = chunk[mask[chunk]]
                found.append(hits)
                have += len(hits)
                at += step
                step *= 2
            matches = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
            return matches[skip:want], have > want
        ranks = order.ranks(rows)
        if after is not None:
            ranks = ranks[ranks > after]
        more = len(ranks) > want
        if more:
            ranks = np.partition(ranks, want - 1)[:want]
        ranks = np.sort(ranks)[skip:want]
        return order.at(ranks), more

    def rank_of(self, event_id: str, order: Order) -> int | None:
        """The rank of an event in an order, found by its id; None if there is none."""
        ids = self.event_ids
        n = self.n
        i = bisect_left(range(n), event_id, key=lambda j: ids[int(self._by_id[j])].as_py())
        if i == n or ids[int(self._by_id[i])].as_py() != event_id:
            return None
        return int(order.ranks(self._by_id[i : i + 1])[0])

    def ids(self, positions: Positions) -> list[str]:
        return [str(v) for v in self.event_ids.take(positions).to_pylist()]

    def table_rows(self, positions: Positions) -> list[dict[str, Any]]:
        """The rows of the event table for these events, in this order."""
        rows: list[dict[str, Any]] = self.rows.take(positions).to_pylist()
        return rows

    def key_value(self, key: str, position: int) -> str | float | int | None:
        """The sort key of one event, as a cursor carries it."""
        if key == "event_id":
            return str(self.event_ids[position].as_py())
        if key in self.coded:
            coded = self.coded[key]
            code = int(coded.codes[position])
            return None if code < 0 else coded.values[code]
        value = float(self.numeric[key][position])
        if np.isnan(value):
            return None
        return int(value) if key == "quad_class" else value

    # -- counting ------------------------------------------------------------------

    def time_buckets(self, by: str) -> tuple[npt.NDArray[np.int64], list[str]]:
        """For each date code, its bucket's code (-1: none) among the sorted labels;
        the last entry, -1, is for NULL dates (code -1)."""
        with self._lock:
            found = self._buckets.get(by)
        if found is not None:
            return found
        label: Callable[[str], str | None] = {
            "day": lambda v: v,
            "month": lambda v: v[:7],
            "year": lambda v: v[:4],
            "week": _week,
        }[by]
        labels_of = [label(v) for v in self.coded["date"].values]
        labels = sorted({x for x in labels_of if x is not None})
        index = {x: i for i, x in enumerate(labels)}
        mapping = np.array(
            [index[x] if x is not None else -1 for x in labels_of] + [-1], dtype=np.int64
        )
        found = (mapping, labels)
        with self._lock:
            self._buckets[by] = found
        return found

    def country_any(self) -> Coded:
        """The country an event counts under in counts by country: its location's,
        else its (first) source actor's, else its target actor's."""
        with self._lock:
            found = self._country_any
        if found is not None:
            return found
        columns = [self.coded[f"{role}_country"] for role in ("location", "source", "target")]
        values = sorted({v for c in columns for v in c.values})
        codes = np.full(self.n, -1, dtype=np.int32)
        for column in reversed(columns):  # the first column that has a country wins
            remap = np.array([bisect_left(values, v) for v in column.values] + [-1], np.int32)
            mapped = remap[column.codes]
            codes = np.where(mapped >= 0, mapped, codes)
        found = Coded(codes, values)
        with self._lock:
            self._country_any = found
        return found

    def cells(self, precision: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Each event's cell of the location grid (-1: no place) and the cells' (lat, lon),
        rounded as DuckDB's round() does: half away from zero."""
        with self._lock:
            found = self._cells.get(precision)
        if found is not None:
            return found
        scale = 10.0**precision
        lat, lon = self.numeric["lat"], self.numeric["lon"]
        placed = ~(np.isnan(lat) | np.isnan(lon))
        # Cells as whole numbers of 1/scale degrees, one int64 key per (lat, lon) pair
        # in (lat, lon) order; the cell's coordinates are those numbers / scale.
        ilat = _round_half_away(lat[placed] * scale).astype(np.int64)
        ilon = _round_half_away(lon[placed] * scale).astype(np.int64)
        low = int(ilon.min()) if len(ilon) else 0
        width = (int(ilon.max()) - low + 1) if len(ilon) else 1
        keys = ilat * width + (ilon - low)
        distinct = _sorted_unique(keys)
        grid = np.stack(
            [(distinct // width) / scale, (distinct % width + low) / scale], axis=1
        ).astype(np.float64)
        cell = np.full(self.n, -1, dtype=np.int64)
        cell[placed] = np.searchsorted(distinct, keys)
        found = (cell, grid)
        with self._lock:
            self._cells[precision] = found
        return found


def _drop_cached_blocks(cur: duckdb.DuckDBPyConnection) -> None:
    """Let DuckDB drop the blocks it kept from reading every row (some 400 MB for a
    million events): the index holds what the app needs of them now."""
    cur.execute("SET memory_limit = '64MB'")
    cur.execute("RESET memory_limit")  # the app sets no limit of its own


def _coded(column: pa.ChunkedArray) -> Coded:
    import pyarrow as pa
    import pyarrow.compute as pc

    if column.type != pa.string():
        column = column.cast(pa.string())
    encoded = pc.dictionary_encode(column).combine_chunks()
    values: list[str] = encoded.dictionary.to_pylist()
    order = sorted(range(len(values)), key=values.__getitem__)
    rank = np.empty(len(values) + 1, dtype=np.int32)
    rank[order] = np.arange(len(values), dtype=np.int32)
    rank[len(values)] = -1
    indices = np.asarray(pc.fill_null(encoded.indices, -1).to_numpy(), dtype=np.int64)
    return Coded(rank[indices], [values[i] for i in order])


def _week(value: str) -> str | None:
    """The Monday of a date's week, like DuckDB's date_trunc('week', TRY_CAST(... AS DATE))."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if len(value) != 10:
        return None
    return (day - timedelta(days=day.weekday())).isoformat()


def _sorted_unique(values: Positions) -> Positions:
    """The distinct values, sorted (numpy's own unique hashes first, slower here)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    found: Positions = ordered[keep]
    return found


def _round_half_away(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.where(values >= 0, np.floor(values + 0.5), np.ceil(values - 0.5))
