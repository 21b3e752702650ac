"""Load check of the web API: /api/events on a store of 1M synthetic events.

    python bench/bench_web.py [--db PATH] [--events N] [--seconds S] [--concurrency C]
        [--client python|wrk|cpu] [--per-kind N] [--cache-mb MB] [--threads N]
        [--workers N] [--no-search-columns]

Builds the store at ``--db`` (default: a temporary file) unless it already holds
``--events`` events (and the search columns, or not, as asked), then starts
``newsevents.web.serve`` with uvicorn in a subprocess on 127.0.0.1 and sends it
a mix of /api/events queries (filters by date range, country, PLOVER type,
CAMEO root, status, actor and text, other sorts, offset and cursor paging)
from ``--concurrency`` client connections for ``--seconds`` seconds. Prints
the figures as JSON: requests per second, p50 and p99 latency, overall and by
kind of query.

The events are generated inside DuckDB in one bulk INSERT: skewed choices of
countries (a few make most of the news), event types and statuses, dates over
three years growing towards the end, in date order as an ingest would write
them. It is a load check, not an accuracy check: the texts are templates.

By default the store also gets the optional ``search_text`` and ``actor_text``
columns (lowercased words to search; see ``newsevents.store.search_columns``),
which the API reads, when a store has them, instead of every record's JSON.
``--no-search-columns`` measures a store without them. ``--client wrk`` drives
the load from apt's wrk instead of Python (lighter on a 2-core machine, but
without the figures by kind of query). ``--client cpu`` sends no load: it sends
each kind of query one at a time and reads the server's CPU time per request
from /proc, a figure that holds on a busy machine (use ``--cache-mb 0`` for the
cost of computing each answer).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import httpx

from newsevents.store import SCHEMA

# iso3, adjective, capital, lat, lon: ordered by how often they make the news here.
COUNTRIES = [
    ("USA", "American", "Washington", 38.9, -77.0),
    ("RUS", "Russian", "Moscow", 55.8, 37.6),
    ("UKR", "Ukrainian", "Kyiv", 50.5, 30.5),
    ("SYR", "Syrian", "Damascus", 33.5, 36.3),
    ("ISR", "Israeli", "Jerusalem", 31.8, 35.2),
    ("CHN", "Chinese", "Beijing", 39.9, 116.4),
    ("IRN", "Iranian", "Tehran", 35.7, 51.4),
    ("AFG", "Afghan", "Kabul", 34.5, 69.2),
    ("IRQ", "Iraqi", "Baghdad", 33.3, 44.4),
    ("TUR", "Turkish", "Ankara", 39.9, 32.9),
    ("GBR", "British", "London", 51.5, -0.1),
    ("FRA", "French", "Paris", 48.9, 2.4),
    ("IND", "Indian", "New Delhi", 28.6, 77.2),
    ("PAK", "Pakistani", "Islamabad", 33.7, 73.1),
    ("NGA", "Nigerian", "Abuja", 9.1, 7.5),
    ("LBY", "Libyan", "Tripoli", 32.9, 13.2),
    ("YEM", "Yemeni", "Sanaa", 15.4, 44.2),
    ("SDN", "Sudanese", "Khartoum", 15.6, 32.5),
    ("ETH", "Ethiopian", "Addis Ababa", 9.0, 38.7),
    ("SOM", "Somali", "Mogadishu", 2.0, 45.3),
    ("MLI", "Malian", "Bamako", 12.6, -8.0),
    ("EGY", "Egyptian", "Cairo", 30.0, 31.2),
    ("SAU", "Saudi", "Riyadh", 24.7, 46.7),
    ("DEU", "German", "Berlin", 52.5, 13.4),
    ("KOR", "South Korean", "Seoul", 37.6, 127.0),
    ("PRK", "North Korean", "Pyongyang", 39.0, 125.8),
    ("JPN", "Japanese", "Tokyo", 35.7, 139.7),
    ("MMR", "Myanmar", "Naypyidaw", 19.8, 96.1),
    ("PHL", "Philippine", "Manila", 14.6, 121.0),
    ("VEN", "Venezuelan", "Caracas", 10.5, -66.9),
    ("COL", "Colombian", "Bogota", 4.7, -74.1),
    ("MEX", "Mexican", "Mexico City", 19.4, -99.1),
    ("BRA", "Brazilian", "Brasilia", -15.8, -47.9),
    ("KEN", "Kenyan", "Nairobi", -1.3, 36.8),
    ("COD", "Congolese", "Kinshasa", -4.3, 15.3),
    ("LBN", "Lebanese", "Beirut", 33.9, 35.5),
    ("PSE", "Palestinian", "Ramallah", 31.9, 35.2),
    ("JOR", "Jordanian", "Amman", 31.9, 35.9),
    ("DZA", "Algerian", "Algiers", 36.8, 3.1),
    ("MAR", "Moroccan", "Rabat", 34.0, -6.8),
    ("TUN", "Tunisian", "Tunis", 36.8, 10.2),
    ("BFA", "Burkinabe", "Ouagadougou", 12.4, -1.5),
    ("NER", "Nigerien", "Niamey", 13.5, 2.1),
    ("TCD", "Chadian", "N'Djamena", 12.1, 15.0),
    ("CAF", "Central African", "Bangui", 4.4, 18.6),
    ("SSD", "South Sudanese", "Juba", 4.9, 31.6),
    ("BGD", "Bangladeshi", "Dhaka", 23.8, 90.4),
    ("LKA", "Sri Lankan", "Colombo", 6.9, 79.9),
    ("IDN", "Indonesian", "Jakarta", -6.2, 106.8),
    ("THA", "Thai", "Bangkok", 13.8, 100.5),
    ("ARM", "Armenian", "Yerevan", 40.2, 44.5),
    ("AZE", "Azerbaijani", "Baku", 40.4, 49.9),
    ("GEO", "Georgian", "Tbilisi", 41.7, 44.8),
    ("BLR", "Belarusian", "Minsk", 53.9, 27.6),
    ("POL", "Polish", "Warsaw", 52.2, 21.0),
    ("SRB", "Serbian", "Belgrade", 44.8, 20.5),
    ("HTI", "Haitian", "Port-au-Prince", 18.5, -72.3),
    ("CUB", "Cuban", "Havana", 23.1, -82.4),
    ("PER", "Peruvian", "Lima", -12.0, -77.0),
    ("ZAF", "South African", "Pretoria", -25.7, 28.2),
]

# PLOVER type, CAMEO code, Goldstein, trigger words: ordered by frequency in the news.
TYPES = [
    ("CONSULT", "040", 1.0, "held talks with"),
    ("ASSAULT", "190", -10.0, "attacked"),
    ("ACCUSE", "112", -2.0, "accused"),
    ("SUPPORT", "051", 3.4, "expressed support for"),
    ("COERCE", "173", -5.0, "arrested"),
    ("AGREE", "057", 8.0, "signed an agreement with"),
    ("PROTEST", "141", -6.5, "demonstrated against"),
    ("THREATEN", "138", -7.0, "threatened"),
    ("REQUEST", "043", 2.8, "called on"),
    ("COOPERATE", "061", 6.4, "cooperated with"),
    ("AID", "070", 7.0, "sent aid to"),
    ("REJECT", "120", -4.0, "rejected"),
    ("SANCTION", "163", -8.0, "imposed sanctions on"),
    ("MOBILIZE", "154", -7.2, "deployed troops near"),
    ("RETREAT", "081", 5.0, "withdrew from"),
    ("CONCEDE", "087", 9.0, "released prisoners held by"),
]
SECTORS = [
    ("GOV", "government"),
    ("MIL", "army"),
    ("COP", "police"),
    ("REB", "rebels"),
    ("OPP", "opposition"),
    ("CVL", "protesters"),
    ("MED", "media"),
    ("IGO", "delegation"),
]
STATUSES = [  # cumulative share
    ("asserted", 0.85),
    ("claimed", 0.91),
    ("denied", 0.94),
    ("future", 0.97),
    ("negated", 0.99),
    ("hypothetical", 1.0),
]
WORDS = ["border", "ceasefire", "election", "pipeline", "embassy", "port", "capital", "village"]


def build_store(path: Path, n_events: int, *, search_columns: bool = True) -> None:
    """A store with ``n_events`` synthetic events, 4 to an article, inserted in bulk;
    with ``search_columns``, also the optional lowercased ``search_text`` and
    ``actor_text`` columns the web API searches when a store has them (their
    values as ``newsevents.store.search_columns`` computes them)."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    con.execute(SCHEMA)
    if search_columns:
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS search_text VARCHAR")
        con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_text VARCHAR")
    con.execute(
        "CREATE TEMP TABLE c AS SELECT * FROM (VALUES "
        + ", ".join(
            f"({i}, '{iso}', '{adj}', '{city.replace(chr(39), chr(39) * 2)}', {lat}, {lon})"
            for i, (iso, adj, city, lat, lon) in enumerate(COUNTRIES)
        )
        + ") AS t(i, iso, adj, city, lat, lon)"
    )
    con.execute(
        "CREATE TEMP TABLE ty AS SELECT * FROM (VALUES "
        + ", ".join(
            f"({i}, '{p}', '{code}', {g}, '{verb}')" for i, (p, code, g, verb) in enumerate(TYPES)
        )
        + ") AS t(i, plover, code, goldstein, verb)"
    )
    con.execute(
        "CREATE TEMP TABLE se AS SELECT * FROM (VALUES "
        + ", ".join(f"({i}, '{code}', '{word}')" for i, (code, word) in enumerate(SECTORS))
        + ") AS t(i, code, word)"
    )
    con.execute(
        "CREATE TEMP TABLE w AS SELECT * FROM (VALUES "
        + ", ".join(f"({i}, '{word}')" for i, word in enumerate(WORDS))
        + ") AS t(i, word)"
    )
    # u(i, k): a deterministic pseudo-random number in [0, 1) for row i and draw k.
    con.execute("CREATE TEMP MACRO u(i, k) AS (hash(i * 31 + k) % 1000003) / 1000003.0")
    status_case = "CASE " + " ".join(
        f"WHEN u(r.i, 6) < {share} THEN '{name}'" for name, share in STATUSES
    )
    status_case += " END"
    n_c, n_t, n_s, n_w = len(COUNTRIES), len(TYPES), len(SECTORS), len(WORDS)
    con.execute(
        f"""
        CREATE TEMP TABLE draws AS
        SELECT r.i, r.i // 4 AS a,
            CAST(floor(pow(u(r.i // 4, 1), 2.2) * {n_c}) AS INTEGER) AS sc,
            CASE WHEN u(r.i, 2) < 0.7
                THEN CAST(floor(pow(u(r.i, 3), 2.0) * {n_c}) AS INTEGER) END AS tc,
            CAST(floor(pow(u(r.i, 4), 1.6) * {n_t}) AS INTEGER) AS ty,
            CAST(floor(u(r.i, 7) * {n_s}) AS INTEGER) AS ss,
            CAST(floor(u(r.i, 8) * {n_s}) AS INTEGER) AS ts,
            CAST(floor(u(r.i, 9) * {n_w}) AS INTEGER) AS wd,
            strftime(DATE '2019-01-01' + CAST(floor(pow(u(r.i // 4, 5), 0.6) * 1096) AS INTEGER),
                '%Y-%m-%d') AS day,
            {status_case} AS status,
            u(r.i, 10) < 0.8 AS located,
            u(r.i, 11) AS jx, u(r.i, 12) AS jy, 0.5 + 0.45 * u(r.i, 13) AS confidence
        FROM range({n_events}) AS r(i)
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE ev AS
        SELECT d.i, d.a, d.day, d.status, d.confidence, ty.plover, ty.code, ty.goldstein,
            ty.verb, sc.iso AS s_iso, sc.adj || ' ' || ss.word AS s_name, ss.code AS s_sector,
            tc.iso AS t_iso, CASE WHEN tc.iso IS NOT NULL THEN tc.adj || ' ' || ts.word END
                AS t_name, ts.code AS t_sector,
            CASE WHEN d.located THEN coalesce(CASE WHEN d.jx < 0.5 THEN tc.city END, sc.city) END
                AS place,
            CASE WHEN d.located THEN coalesce(CASE WHEN d.jx < 0.5 THEN tc.iso END, sc.iso) END
                AS place_iso,
            CASE WHEN d.located THEN coalesce(CASE WHEN d.jx < 0.5 THEN tc.lat END, sc.lat)
                + (d.jy - 0.5) * 4 END AS lat,
            CASE WHEN d.located THEN coalesce(CASE WHEN d.jx < 0.5 THEN tc.lon END, sc.lon)
                + (d.jx - 0.5) * 4 END AS lon,
            w.word
        FROM draws d JOIN c AS sc ON sc.i = d.sc LEFT JOIN c AS tc ON tc.i = d.tc
        JOIN ty ON ty.i = d.ty JOIN se AS ss ON ss.i = d.ss JOIN se AS ts ON ts.i = d.ts
        JOIN w ON w.i = d.wd
        """
    )
    con.execute(
        """
        CREATE TEMP TABLE ev2 AS
        SELECT *, CASE WHEN code < '03' THEN 0 WHEN code < '06' THEN 1 WHEN code < '09' THEN 2
                WHEN code < '14' THEN 3 ELSE 4 END AS quad,
            'The ' || s_name || ' ' || verb || ' '
                || coalesce('the ' || t_name, 'its rivals') || ' near the ' || word
                || coalesce(' in ' || place, '') || ', officials said.' AS sentence,
            'ev-' || lpad(CAST(i AS VARCHAR), 8, '0') AS event_id,
            'bench-' || lpad(CAST(a AS VARCHAR), 7, '0') AS article_id
        FROM ev
        """
    )
    search_names, search_values = "", ""
    if search_columns:
        search_names = ", search_text, actor_text"
        search_values = """,
            lower(verb || chr(10) || sentence),
            lower(concat_ws('|', s_name, s_name, s_iso, s_sector,
                t_name, t_name, t_iso, t_sector))"""
    con.execute(
        f"""
        INSERT INTO events (event_id, article_id, plover_type, plover_mode, cameo_code,
            cameo_root, quad_class, goldstein, status, confidence, date, trigger_start,
            trigger_end, trigger_text, sentence_start, sentence_end, source_country,
            target_country, location_name, location_country, lat, lon, record{search_names})
        SELECT event_id, article_id, plover, NULL, code, substr(code, 1, 2), quad, goldstein,
            status, round(confidence, 3), day,
            length(s_name) + 5, length(s_name) + 5 + length(verb), verb, 0, length(sentence),
            s_iso, t_iso, place, place_iso, lat, lon,
            json_object(
                'article_id', article_id, 'event_id', event_id, 'plover_type', plover,
                'plover_mode', NULL, 'cameo_code', code, 'cameo_root', substr(code, 1, 2),
                'quad_class', quad, 'goldstein', goldstein,
                'source', json_array(json_object('name', s_name, 'text', s_name,
                    'country', s_iso, 'sector', s_sector, 'sectors', json_array(s_sector),
                    'kind', 'sector', 'role', NULL, 'start', 4, 'end', 4 + length(s_name))),
                'target', CASE WHEN t_iso IS NULL THEN json_array() ELSE
                    json_array(json_object('name', t_name, 'text', t_name, 'country', t_iso,
                    'sector', t_sector, 'sectors', json_array(t_sector), 'kind', 'sector',
                    'role', NULL, 'start', length(s_name) + length(verb) + 10,
                    'end', length(s_name) + length(verb) + 10 + length(t_name)))
                    END,
                'location', CASE WHEN place IS NULL THEN NULL ELSE json_object('name', place,
                    'text', place, 'country', place_iso, 'lat', lat, 'lon', lon,
                    'geonameid', NULL, 'start', length(sentence) - 22 - length(place),
                    'end', length(sentence) - 22) END,
                'trigger', json_object('text', verb, 'start', length(s_name) + 5,
                    'end', length(s_name) + 5 + length(verb)),
                'sentence', json_object('text', sentence, 'start', 0, 'end', length(sentence)),
                'date', day, 'status', status, 'attribution', json_array('officials'),
                'attribution_spans', json_array(json_object('text', 'officials',
                    'start', length(sentence) - 15, 'end', length(sentence) - 6)),
                'confidence', round(confidence, 3), 'links', json_array()){search_values}
        FROM ev2 ORDER BY day, event_id
        """
    )
    con.execute(
        """
        INSERT INTO articles (article_id, title, url, outlet, published, language, source, text)
        SELECT article_id, first(sentence ORDER BY i), NULL, 'Bench Wire', min(day), 'en',
            'bench', string_agg(sentence, ' ' ORDER BY i)
        FROM ev2 GROUP BY article_id ORDER BY min(day), article_id
        """
    )
    con.close()


def store_shape(path: Path) -> tuple[int, bool] | None:
    """How many events a store holds and whether it has the search columns."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        (count,) = con.execute("SELECT count(*) FROM events").fetchall()[0]
        columns = {
            name
            for (name,) in con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = 'events'"
            ).fetchall()
        }
        return int(count), {"search_text", "actor_text"} <= columns
    except duckdb.Error:
        return None
    finally:
        con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    db: Path,
    port: int,
    *,
    cache_mb: int = 64,
    threads: int = 0,
    workers: int = 1,
    index_max_events: int = 5_000_000,
) -> subprocess.Popen[bytes]:
    code = (
        "import sys; from pathlib import Path; from newsevents.web import serve; "
        "serve(Path(sys.argv[1]), port=int(sys.argv[2]), access_log=False, "
        "cache_mb=int(sys.argv[3]), threads=int(sys.argv[4]) or None, workers=int(sys.argv[5]), "
        "index_max_events=int(sys.argv[6]))"
    )
    argv = [str(db), str(port), str(cache_mb), str(threads), str(workers), str(index_max_events)]
    server = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 300  # the server reads the store into memory first
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                err = server.stderr.read().decode() if server.stderr else ""
                raise SystemExit(f"the server stopped: {err}")
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2).raise_for_status()
                return server
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the server did not answer within 300 s")
    except BaseException:
        stop_server(server)
        raise


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server, and kill it if it does not stop within 30 s (a server still
    reading the store may not)."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=30)


def query_mix(rng: random.Random) -> tuple[str, dict[str, Any]]:
    """One kind of query and its parameters, as a user of the page would send."""

    def country() -> str:
        return COUNTRIES[int(rng.random() ** 2 * len(COUNTRIES))][0]

    def window() -> dict[str, str]:
        day = rng.randrange(0, 1096 - 30)
        start = time.strftime("%Y-%m-%d", time.gmtime(1546300800 + day * 86400))
        end = time.strftime("%Y-%m-%d", time.gmtime(1546300800 + (day + 30) * 86400))
        return {"start": start, "end": end}

    kinds: list[tuple[str, dict[str, Any]]] = [
        ("latest", {}),
        ("country", {"country": country()}),
        ("plover", {"plover": rng.choice(TYPES)[0]}),
        ("dates", window()),
        ("combined", {"country": country(), "plover": rng.choice(TYPES)[0], **window()}),
        ("status", {"status": rng.choice(["claimed", "denied", "future"])}),
        ("cameo_root", {"cameo_root": rng.choice(TYPES)[1][:2]}),
        ("actor", {"actor": rng.choice(SECTORS)[1], **window()}),
        ("text", {"q": rng.choice(WORDS), **window()}),
        ("sort", {"sort": rng.choice(["goldstein", "confidence"]), "order": "asc"}),
        ("offset", {"offset": 50 * rng.randrange(1, 20), "plover": rng.choice(TYPES)[0]}),
    ]
    return rng.choice(kinds)


async def drive(port: int, seconds: float, concurrency: int, seed: int) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds

    async def worker(n: int) -> None:
        rng = random.Random(seed + n)
        limits = httpx.Limits(max_connections=1)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            cursor: tuple[dict[str, Any], str] | None = None
            while time.monotonic() < deadline:
                if cursor and rng.random() < 0.5:  # the next page of the last query
                    kind, params = "cursor", {**cursor[0], "cursor": cursor[1]}
                else:
                    kind, params = query_mix(rng)
                params.setdefault("limit", 50)
                began = time.perf_counter()
                response = await client.get("/api/events", params=params)
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:200]}")
                    cursor = None
                    continue
                latencies.setdefault(kind, []).append(elapsed)
                body = response.json()
                base_params = {k: v for k, v in params.items() if k not in ("cursor", "offset")}
                cursor = (base_params, body["next_cursor"]) if body["next_cursor"] else None

    began = time.monotonic()
    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    wall = time.monotonic() - began
    every = [t for times in latencies.values() for t in times]
    return {
        "client": "python (httpx, asyncio)",
        "seconds": round(wall, 1),
        "concurrency": concurrency,
        "requests": len(every),
        "errors": len(errors),
        "first_errors": errors[:3],
        "requests_per_s": round(len(every) / wall, 1),
        "p50_ms": _ms(every, 0.50),
        "p99_ms": _ms(every, 0.99),
        "by_kind": {
            kind: {"n": len(times), "p50_ms": _ms(times, 0.5), "p99_ms": _ms(times, 0.99)}
            for kind, times in sorted(latencies.items())
        },
    }


WRK_SCRIPT = """
-- The bench's query mix for wrk: one connection per thread, so each thread's
-- requests and responses alternate and a cursor goes back with its own query.
-- Each line: the query, a tab, the query to add a cursor to (the same, less offset).
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do
  local query, base = line:match("([^\\t]+)\\t([^\\t]+)")
  paths[#paths + 1] = {query, base}
end
local i, last, cursor = 0, nil, nil
local nth = 0
setup = function(thread)
  nth = nth + 1
  thread:set("start", nth * 7919)
end
init = function(args)
  i = start % #paths
  math.randomseed(start)
end
request = function()
  if cursor and math.random() < 0.5 then
    return wrk.format("GET", last .. "&cursor=" .. cursor)
  end
  i = i % #paths + 1
  last = paths[i][2]
  return wrk.format("GET", paths[i][1])
end
response = function(status, headers, body)
  cursor = nil
  if status == 200 then cursor = body:match('"next_cursor":"([^"]+)"') end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def drive_wrk(port: int, seconds: float, concurrency: int, seed: int) -> dict[str, Any]:
    """The same mix of queries from wrk (C, much lighter than a Python client)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        paths = Path(tmp) / "paths.txt"
        lines = []
        for _ in range(20_000):
            _, params = query_mix(rng)
            params["limit"] = 50
            base = {k: v for k, v in params.items() if k != "offset"}
            lines.append(f"/api/events?{urlencode(params)}\t/api/events?{urlencode(base)}")
        paths.write_text("\n".join(lines) + "\n")
        script = Path(tmp) / "mix.lua"
        script.write_text(WRK_SCRIPT)
        done = subprocess.run(
            [
                "wrk",
                f"-t{concurrency}",
                f"-c{concurrency}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            env={**os.environ, "BENCH_PATHS": str(paths)},
            capture_output=True,
            text=True,
            check=True,
        )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    wall = figures["duration_us"] / 1e6
    return {
        "client": "wrk",
        "seconds": round(wall, 1),
        "concurrency": concurrency,
        "requests": figures["requests"],
        "errors": figures["socket_errors"] + figures["non_2xx"],
        "requests_per_s": round(figures["requests"] / wall, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "max_ms": round(figures["max_us"] / 1000, 1),
    }


def server_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, all its threads, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drive_cpu(port: int, pid: int, per_kind: int, seed: int) -> dict[str, Any]:
    """Server CPU milliseconds per request by kind of query: ``per_kind`` requests of
    each kind (and as many next pages by cursor), one at a time, over one connection.
    CPU time, not wall time, so the figures hold on a busy machine."""
    rng = random.Random(seed)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    while len(by_kind) < 11 or min(len(v) for v in by_kind.values()) < per_kind:
        kind, params = query_mix(rng)
        if len(by_kind.setdefault(kind, [])) < per_kind:
            by_kind[kind].append({**params, "limit": 50})
    figures: dict[str, Any] = {}
    cursors: list[dict[str, Any]] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        client.get("/api/events", params={"limit": 1})
        for kind in [*sorted(by_kind), "cursor"]:
            queries = cursors if kind == "cursor" else by_kind[kind]
            began, wall = server_cpu_seconds(pid), time.perf_counter()
            for params in queries:
                response = client.get("/api/events", params=params)
                response.raise_for_status()
                following = response.json()["next_cursor"]
                if kind != "cursor" and following:
                    base = {k: v for k, v in params.items() if k != "offset"}
                    cursors.append({**base, "cursor": following})
            n = max(1, len(queries))
            figures[kind] = {
                "n": len(queries),
                "server_cpu_ms": round((server_cpu_seconds(pid) - began) * 1000 / n, 2),
                "wall_ms": round((time.perf_counter() - wall) * 1000 / n, 2),
            }
    return {"client": "cpu (one request at a time)", "errors": 0, "by_kind": figures}


def _ms(times: list[float], share: float) -> float | None:
    if not times:
        return None
    if len(times) == 1:
        return round(times[0] * 1000, 1)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return round(cuts[min(98, max(0, int(share * 100) - 1))] * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to build or reuse (default: a temp file)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cache-mb", type=int, default=64, help="the server's answer cache (0: none)"
    )
    parser.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: default)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--index-max-events",
        type=int,
        default=5_000_000,
        help="serve from the in-memory index only up to this many events (-1: never; "
        "every request is then a DuckDB query, as for a store too large to index)",
    )
    parser.add_argument(
        "--no-search-columns",
        action="store_true",
        help="build the store without the optional search_text and actor_text columns",
    )
    parser.add_argument(
        "--client",
        choices=["python", "wrk", "cpu"],
        default="python",
        help="load generator: python (httpx; times each kind of query), wrk (apt's wrk), or "
        "cpu (no load: the server's CPU time per request by kind of query)",
    )
    parser.add_argument(
        "--per-kind", type=int, default=40, help="with --client cpu: requests of each kind"
    )
    args = parser.parse_args(argv)
    workdir = None
    if args.db is None:
        workdir = tempfile.TemporaryDirectory(prefix="bench-web-")
        args.db = Path(workdir.name) / "events.duckdb"
    built = None
    if store_shape(args.db) != (args.events, not args.no_search_columns):
        began = time.monotonic()
        build_store(args.db, args.events, search_columns=not args.no_search_columns)
        built = round(time.monotonic() - began, 1)
    load_before = os.getloadavg()[0]
    port = free_port()
    server = start_server(
        args.db,
        port,
        cache_mb=args.cache_mb,
        threads=args.threads,
        workers=args.workers,
        index_max_events=args.index_max_events,
    )
    try:
        if args.client == "wrk":
            cpu_before = server_cpu_seconds(server.pid)
            result = drive_wrk(port, args.seconds, args.concurrency, args.seed)
            if args.workers == 1:  # the CPU time of worker processes is not counted here
                used = server_cpu_seconds(server.pid) - cpu_before
                result["server_cpu_ms_per_request"] = round(
                    used * 1000 / max(1, result["requests"]), 2
                )
        elif args.client == "cpu":
            result = drive_cpu(port, server.pid, args.per_kind, args.seed)
        else:
            result = asyncio.run(drive(port, args.seconds, args.concurrency, args.seed))
    finally:
        stop_server(server)
        if workdir is not None:
            workdir.cleanup()
    report = {
        "events": args.events,
        "store": str(args.db) if workdir is None else "temporary",
        "store_mb": None if workdir else round(os.path.getsize(args.db) / 2**20),
        "build_seconds": built,
        "cpus": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "server": {
            "workers": args.workers,
            "cache_mb": args.cache_mb,
            "duckdb_threads": args.threads or "default",
            "index_max_events": args.index_max_events,
        },
        "search_columns": not args.no_search_columns,
        **result,
    }
    print(json.dumps(report, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
