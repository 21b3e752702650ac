"""Answers read from DuckDB query by query, for stores too large to index in memory.

The in-memory index (``newsevents.web._index``) costs about 0.9 GB per million
events. A store with more events than ``Database``'s ``index_max_events`` is
served from here instead: the same filters, sorts, cursors and counts, with the
same answers (``tests/test_web_api.py`` runs every API test on both), each one
a query over the store. Slower per request, but memory stays that of DuckDB's
buffers.

Every value a client sends is a ``?`` parameter; the SQL that varies is chosen
here by validated keys (sort column, direction, bucket kind).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsevents.web._errors import BadCursor
from newsevents.web._index import ROW_FIELDS, rows_sql

if TYPE_CHECKING:
    import duckdb

    from newsevents.web._query import CountryRole, Filters, Order

# The countries of every source (target) actor, from the record as the index reads them.
_ACTOR_COUNTRIES = {
    role: f"list_contains(json_extract_string(record, '$.{role}[*].country'), ?)"
    for role in ("source", "target")
}
# A cheap test before the record's JSON is parsed: the country code is one of the
# words of ``actor_text`` (the actors' words joined by "|", lowercased), or, in a
# store without that column, a "country" value somewhere in the record's text.
# DuckDB evaluates the later terms of a conjunction only on the rows that pass
# the earlier ones.
_COUNTRY_IN_ACTOR_TEXT = "contains('|' || actor_text || '|', ?)"
_COUNTRY_IN_RECORD = "regexp_matches(CAST(record AS VARCHAR), ?)"

# Time buckets of /api/aggregates: the key to group on, and how to show it.
_TIME_KEYS = {
    "day": ("date", "k"),
    "week": ("date_trunc('week', TRY_CAST(date AS DATE))", "strftime(k, '%Y-%m-%d')"),
    "month": ("substr(date, 1, 7)", "k"),
    "year": ("substr(date, 1, 4)", "k"),
}
# Other counts by value: the column (or expression) counted.
_VALUE_KEYS = {
    "plover": "plover_type",
    "cameo_root": "cameo_root",
    "status": "status",
    "quad_class": "CAST(quad_class AS VARCHAR)",
}
# The country an event counts under in counts by country (as EventIndex.country_any).
_COUNTRY_KEYS = {
    "any": "coalesce(location_country, source_country, target_country)",
    "source": "source_country",
    "target": "target_country",
    "location": "location_country",
}
_QUADS = (0, 1, 2, 3, 4)


def where(filters: Filters, *, search_columns: bool) -> tuple[str, list[Any]]:
    """A WHERE condition over ``events`` that keeps the events the filters keep, and
    its parameters."""
    filters.check()
    clauses: list[str] = []
    params: list[Any] = []
    if filters.start:
        clauses.append("date >= ?")
        params.append(filters.start.isoformat())
    if filters.end:
        clauses.append("date <= ?")
        params.append(filters.end.isoformat())
    if filters.country:
        country = filters.country.upper()
        clauses.append(_country_clause(filters.country_role, country, params, search_columns))
    for column, value in (
        ("plover_type", filters.plover),
        ("cameo_root", filters.cameo_root),
        ("status", filters.status),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if filters.actor or filters.q:
        search, search_params = filters.search_sql(search_columns=search_columns)
        clauses.append(search)
        params.extend(search_params)
    return (" AND ".join(clauses) or "TRUE"), params


def _country_clause(
    role: CountryRole, country: str, params: list[Any], search_columns: bool
) -> str:
    """The events where ``country`` is the country of the role (see Filters).

    The columns hold the location's country and the first actor's: most matches
    pass on them. The record's JSON is read only for the events that fail them
    and pass a cheap test of the country's presence (DuckDB evaluates an OR in
    full, but the later terms of an AND only where the earlier ones hold).
    """
    if role == "location":
        params.append(country)
        return "location_country = ?"
    roles = [r for r in ("source", "target") if role in (r, "any")]
    names = ["location", *roles] if role == "any" else roles
    columns = f"coalesce({' OR '.join(f'{r}_country = ?' for r in names)}, false)"
    if search_columns and "|" not in country:
        prefilter, present = _COUNTRY_IN_ACTOR_TEXT, f"|{country.lower()}|"
    else:
        escaped = "".join(f"\\x{{{ord(c):x}}}" for c in country)
        prefilter, present = _COUNTRY_IN_RECORD, f'"country"\\s*:\\s*"{escaped}"'
    actors = " OR ".join(_ACTOR_COUNTRIES[r] for r in roles)
    params.extend([country] * len(names))
    params.append(present)
    params.extend([country] * len(names))
    params.extend([country] * len(roles))
    return (
        f"({columns} OR rowid IN (SELECT rowid FROM events "
        f"WHERE {prefilter} AND NOT {columns} AND ({actors})))"
    )


def page(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    search_columns: bool,
    key: str,
    order: Order,
    after_event: str | None,
    skip: int,
    limit: int,
) -> tuple[list[str], str | float | int | None, bool]:
    """The event ids of one page in page order (the key, NULLs last, then the event
    id, both ascending or both descending), from after the event ``after_event`` (a
    cursor's) or ``skip`` matches in; the last event's key; whether more follow."""
    condition, params = where(filters, search_columns=search_columns)
    if after_event is not None:
        found = cur.execute(
            f"SELECT {key}, event_id FROM events WHERE event_id = ?", [after_event]
        ).fetchone()
        if found is None:
            raise BadCursor("the cursor's event is not in the store")
        condition = f"({condition}) AND {_after(key, order, found[0], params, after_event)}"
    direction = "ASC" if order == "asc" else "DESC"
    rows = cur.execute(
        f"SELECT event_id, {key} FROM events WHERE {condition} "
        f"ORDER BY {key} {direction} NULLS LAST, event_id {direction} LIMIT ? OFFSET ?",
        [*params, limit + 1, skip],
    ).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    last_key = rows[-1][1] if rows else None
    return [str(event_id) for event_id, _ in rows], last_key, more


def _after(key: str, order: Order, value: Any, params: list[Any], event_id: str) -> str:
    """The events after (``value``, ``event_id``) in page order."""
    beyond = ">" if order == "asc" else "<"
    if key == "event_id":
        params.append(event_id)
        return f"event_id {beyond} ?"
    if value is None:  # among the events without a key, which come last
        params.append(event_id)
        return f"({key} IS NULL AND event_id {beyond} ?)"
    params.extend([value, value, event_id])
    return f"({key} {beyond} ? OR ({key} = ? AND event_id {beyond} ?) OR {key} IS NULL)"


def count(cur: duckdb.DuckDBPyConnection, filters: Filters, *, search_columns: bool) -> int:
    condition, params = where(filters, search_columns=search_columns)
    found = cur.execute(f"SELECT count(*) FROM events WHERE {condition}", params).fetchone()
    return int(found[0]) if found else 0


def table_rows(cur: duckdb.DuckDBPyConnection, event_ids: list[str]) -> list[dict[str, Any]]:
    """The rows of the event table for these events, in this order."""
    if not event_ids:
        return []
    marks = ", ".join("?" * len(event_ids))
    table = cur.sql(rows_sql(f"WHERE event_id IN ({marks})"), params=event_ids).to_arrow_table()
    found = {row["event_id"]: row for row in table.select(list(ROW_FIELDS)).to_pylist()}
    return [found[e] for e in event_ids]


def aggregates(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    search_columns: bool,
    by: str,
    country_field: CountryRole,
    precision: int,
    limit: int,
) -> list[dict[str, Any]]:
    """The buckets of /api/aggregates, as ``Database.aggregates`` gives them."""
    condition, params = where(filters, search_columns=search_columns)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in _QUADS)
    measures = f"count(*) AS n, avg(goldstein) AS mean_goldstein, {quads}"
    if by == "location":
        sql = f"""
            SELECT round(lat, ?) AS blat, round(lon, ?) AS blon,
                {measures}, min(location_name) AS label
            FROM events WHERE ({condition}) AND lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY blat, blon ORDER BY n DESC, blat, blon LIMIT ?
        """
        params = [precision, precision, *params]
    else:
        shown, ordering = "k", "n DESC, k ASC"
        if by in _TIME_KEYS:
            key, shown = _TIME_KEYS[by]
            ordering = "k ASC"
        elif by == "country":
            key = _COUNTRY_KEYS[country_field]
        else:
            key = _VALUE_KEYS[by]
        sql = f"""
            SELECT {shown} AS key, {measures} FROM (
                SELECT {key} AS k, goldstein, quad_class FROM events WHERE {condition}
            ) WHERE k IS NOT NULL GROUP BY k ORDER BY {ordering} LIMIT ?
        """
    result = cur.execute(sql, [*params, limit])
    names = [d[0] for d in result.description or []]
    buckets = []
    for values in result.fetchall():
        row = dict(zip(names, values, strict=True))
        mean = row["mean_goldstein"]
        bucket: dict[str, Any] = {
            "key": row.get("key"),
            "count": int(row["n"]),
            "mean_goldstein": None if mean is None else round(float(mean), 3),
            "quad_class": {str(q): int(row[f"q{q}"]) for q in _QUADS},
        }
        if by == "location":
            lat, lon = float(row["blat"]), float(row["blon"])
            bucket.update(key=f"{lat},{lon}", lat=lat, lon=lon, label=row["label"])
        buckets.append(bucket)
    return buckets
