"""The web explorer: a JSON API under ``/api/`` and a page at ``/``.

``create_app(db)`` builds the FastAPI application over an event store opened
read-only; ``serve(db)`` runs it with uvicorn on 127.0.0.1. The OpenAPI schema
is at ``/openapi.json`` (the interactive docs are off: they load scripts from a
CDN, and the page must work offline).

Every error, whatever raised it, has one JSON shape,
``{"error": {"code": "NE501", "message": "..."}}`` (codes in
``newsevents.web._errors``). Every response carries a Content-Security-Policy
that allows scripts, styles and data only from the app itself, and no inline
script.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.errors import ResourceError
from newsevents.model import PLOVER_TYPES, STATUSES
from newsevents.web import _basemap
from newsevents.web._cache import LRUCache
from newsevents.web._errors import (
    ApiError,
    InvalidParameter,
    NotFound,
    Unavailable,
    error_body,
    for_status,
)
from newsevents.web._models import Aggregates, ArticleDetail, ErrorBody, EventPage, Summary
from newsevents.web._query import (
    INDEX_MAX_EVENTS,
    SORTS,
    CountryRole,
    Database,
    Filters,
    Order,
    connect,
)

STATIC = Path(__file__).resolve().parent / "static"
_OPTIONS_VARIABLE = "NEWSEVENTS_WEB_OPTIONS"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Parameters that cannot go together"},
    422: {"model": ErrorBody, "description": "A parameter with a wrong value"},
}
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2})?$"
By = Literal[
    "day",
    "week",
    "month",
    "year",
    "country",
    "plover",
    "cameo_root",
    "quad_class",
    "status",
    "location",
]


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Basemap:
    """The world basemap as GeoJSON bytes, plain and gzipped, built on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bodies: tuple[bytes, bytes] | None = None

    def bodies(self) -> tuple[bytes, bytes]:
        with self._lock:
            if self._bodies is None:
                geojson = _basemap.basemap_geojson(_basemap.load_countries())
                plain = json.dumps(geojson, separators=(",", ":")).encode()
                self._bodies = (plain, gzip.compress(plain, compresslevel=9))
            return self._bodies


async def filter_params(
    start: Annotated[
        str | None,
        Query(pattern=DATE_PATTERN, description="first day, YYYY-MM-DD", examples=["2021-03-01"]),
    ] = None,
    end: Annotated[
        str | None,
        Query(pattern=DATE_PATTERN, description="last day, YYYY-MM-DD", examples=["2021-03-31"]),
    ] = None,
    country: Annotated[
        str | None,
        Query(max_length=64, description="ISO 3166-1 alpha-3 code", examples=["LBY"]),
    ] = None,
    country_role: Annotated[
        CountryRole,
        Query(description="where the country must appear: source, target, location, or any"),
    ] = "any",
    plover: Annotated[
        str | None,
        Query(description="PLOVER event type", json_schema_extra={"enum": list(PLOVER_TYPES)}),
    ] = None,
    cameo_root: Annotated[
        str | None, Query(pattern=r"^(\d{2})?$", description="CAMEO root, 01..20")
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=200, description="part of an actor's name, words or codes"),
    ] = None,
    status: Annotated[
        str | None,
        Query(description="event status", json_schema_extra={"enum": list(STATUSES)}),
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="words in the trigger or the sentence"),
    ] = None,
) -> Filters:
    """The filters that /api/events and /api/aggregates share. Async: it only checks
    values, and FastAPI runs a plain function dependency in its thread pool, one
    more hand-over per request (2.6 -> 1.95 ms of server CPU a request under wrk)."""
    plover = (plover or "").strip().upper() or None
    if plover is not None and plover not in PLOVER_TYPES:
        raise InvalidParameter(f"plover: unknown type {plover!r}; one of {', '.join(PLOVER_TYPES)}")
    status = (status or "").strip().lower() or None
    if status is not None and status not in STATUSES:
        raise InvalidParameter(f"status: unknown status {status!r}; one of {', '.join(STATUSES)}")
    return Filters(
        start=_date("start", start),
        end=_date("end", end),
        country=(country or "").strip() or None,
        country_role=country_role,
        plover=plover,
        cameo_root=cameo_root or None,
        actor=(actor or "").strip() or None,
        status=status,
        q=(q or "").strip() or None,
    )


def create_app(
    db: Path | str,
    *,
    cache_mb: int = 64,
    threads: int | None = None,
    index_max_events: int = INDEX_MAX_EVENTS,
) -> FastAPI:
    """The web explorer over the event store ``db``, opened read-only.

    The store is read into an in-memory index when the app is made (see
    ``newsevents.web._index``: about 10 s of CPU and 0.9 GB for a million events),
    unless it holds more than ``index_max_events`` events: then every answer is
    a DuckDB query (``newsevents.web._sql``), slower, with little memory.
    API answers are kept in memory up to ``cache_mb`` MiB (0: no caches at all: not
    of answers, nor of search results either): the store cannot change while the
    app has it open. ``threads`` caps DuckDB's threads (default: one per core).
    """
    database = Database(
        Path(db), threads=threads, cache=cache_mb > 0, index_max_events=index_max_events
    )
    basemap = Basemap()
    answers: LRUCache[str, bytes] = LRUCache(max_cost=cache_mb * 2**20, cost=len)

    def cached(request: Request, compute: Callable[[], dict[str, Any]]) -> Response:
        """The JSON answer to a GET, from the cache or computed. Parameters were
        validated before this runs, so errors are never cached."""
        query = urlencode(sorted(request.query_params.multi_items()))
        key = f"{request.url.path}?{query}"
        body = answers.get(key)
        if body is None:
            body = json.dumps(compute(), ensure_ascii=False, separators=(",", ":")).encode()
            answers.put(key, body)
        return Response(body, media_type="application/json")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="newsevents explorer",
        summary="Political events coded from news articles, with the words behind them.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
    _add_error_handlers(app)
    app.state.database = database

    @app.get("/api/summary", response_model=Summary, tags=["api"])
    def summary(request: Request) -> Response:
        """How many events and articles the store holds, the date range, and the
        values the filters and sort take."""
        return cached(
            request,
            lambda: {
                **database.summary(),
                "plover_types": list(PLOVER_TYPES),
                "statuses": list(STATUSES),
                "sorts": list(SORTS),
            },
        )

    @app.get("/api/events", response_model=EventPage, responses=ERRORS, tags=["api"])
    def events(
        request: Request,
        filters: Annotated[Filters, Depends(filter_params)],
        limit: Annotated[int, Query(ge=1, le=1000, description="events per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="events to skip")] = 0,
        cursor: Annotated[
            str | None, Query(max_length=1000, description="next_cursor of the previous page")
        ] = None,
        sort: Annotated[
            str, Query(description="sort key", json_schema_extra={"enum": list(SORTS)})
        ] = "date",
        order: Annotated[Order, Query(description="asc or desc")] = "desc",
        total: Annotated[bool, Query(description="count the matching events")] = True,
    ) -> Response:
        """Events matching the filters, one page at a time (offset or cursor paging)."""
        if sort not in SORTS:
            raise InvalidParameter(f"sort: unknown key {sort!r}; one of {', '.join(SORTS)}")
        return cached(
            request,
            lambda: database.events(
                filters,
                sort=sort,
                order=order,
                limit=limit,
                offset=offset,
                cursor=cursor or None,
                with_total=total,
            ),
        )

    @app.get("/api/aggregates", response_model=Aggregates, responses=ERRORS, tags=["api"])
    def aggregates(
        request: Request,
        filters: Annotated[Filters, Depends(filter_params)],
        by: Annotated[
            By,
            Query(
                description="day/week/month/year: a time series; country, plover, cameo_root, "
                "quad_class, status: counts by value; location: a grid of event places"
            ),
        ] = "day",
        country_field: Annotated[
            CountryRole,
            Query(description="for by=country: which country of the event counts"),
        ] = "any",
        precision: Annotated[
            int, Query(ge=0, le=2, description="for by=location: decimals of the grid")
        ] = 1,
        limit: Annotated[int, Query(ge=1, le=10_000, description="most buckets")] = 5000,
    ) -> Response:
        """Counts, QuadClass counts and mean Goldstein score by time, country, type or
        place, for the events matching the filters."""
        return cached(
            request,
            lambda: database.aggregates(
                filters, by=by, country_field=country_field, precision=precision, limit=limit
            ),
        )

    @app.get(
        "/api/articles/{article_id:path}",
        response_model=ArticleDetail,
        responses={
            404: {"model": ErrorBody, "description": "No such article"},
            422: ERRORS[422],
        },
        tags=["api"],
    )
    def article(
        request: Request, article_id: Annotated[str, PathParam(max_length=500)]
    ) -> Response:
        """One article: its text, and its events, actors, places and mentions with
        their character offsets into the text."""

        def find() -> dict[str, Any]:
            found = database.article(article_id)
            if found is None:
                raise NotFound(f"no article {article_id!r} in the store")
            return found

        return cached(request, find)

    @app.get(
        "/api/basemap",
        tags=["api"],
        response_class=Response,
        responses={
            200: {"content": {"application/geo+json": {}}},
            503: {"model": ErrorBody, "description": "The Natural Earth shapes are missing"},
        },
    )
    def world_basemap(request: Request) -> Response:
        """Country outlines (Natural Earth, simplified) as a GeoJSON FeatureCollection."""
        try:
            plain, packed = basemap.bodies()
        except ResourceError as exc:
            raise Unavailable(exc.reason) from exc
        headers = {"cache-control": "public, max-age=86400", "vary": "accept-encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["content-encoding"] = "gzip"
            return Response(packed, media_type="application/geo+json", headers=headers)
        return Response(plain, media_type="application/geo+json", headers=headers)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/article/{article_id:path}", include_in_schema=False)
    def article_page(article_id: str) -> FileResponse:
        return FileResponse(STATIC / "article.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    access_log: bool = True,
    cache_mb: int = 64,
    threads: int | None = None,
    workers: int = 1,
    index_max_events: int = INDEX_MAX_EVENTS,
) -> None:
    """Run the explorer with uvicorn until interrupted.

    ``workers`` > 1 runs that many server processes, each with the store open
    read-only (DuckDB lets many processes read one file) and its own caches.
    """
    import uvicorn

    if workers <= 1:
        app = create_app(db, cache_mb=cache_mb, threads=threads, index_max_events=index_max_events)
        uvicorn.run(app, host=host, port=port, access_log=access_log)
        return
    # Worker processes import the app by name and read its options from the environment.
    connect(Path(db), threads=1).close()  # fail here, not in each worker
    options = {
        "db": str(db),
        "cache_mb": cache_mb,
        "threads": threads,
        "index_max_events": index_max_events,
    }
    os.environ[_OPTIONS_VARIABLE] = json.dumps(options)
    uvicorn.run(
        f"{__name__}:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
    )


def app_from_environment() -> FastAPI:
    """The app of a worker process started by ``serve(workers=N)``."""
    options = json.loads(os.environ[_OPTIONS_VARIABLE])
    return create_app(
        options["db"],
        cache_mb=options["cache_mb"],
        threads=options["threads"],
        index_max_events=options.get("index_max_events", INDEX_MAX_EVENTS),
    )


def _add_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body(), status_code=exc.status)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse(
            error_body(InvalidParameter.code, _validation_message(exc)),
            status_code=InvalidParameter.status,
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        kind = for_status(exc.status_code)
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"no such page or route: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return JSONResponse(
            error_body(kind.code, message), status_code=exc.status_code, headers=exc.headers
        )

    async def server_error(request: Request, exc: Exception) -> Response:
        return JSONResponse(
            error_body(ApiError.code, f"the server could not answer ({type(exc).__name__})"),
            status_code=500,
        )

    handlers: dict[type[Exception], Callable[[Request, Exception], Any]] = {
        ApiError: api_error,
        RequestValidationError: validation_error,
        StarletteHTTPException: http_error,
        Exception: server_error,
    }
    for exc_class, handler in handlers.items():
        app.add_exception_handler(exc_class, handler)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(where) or "request"
        given = error.get("input")
        shown = f" (got {str(given)[:80]!r})" if isinstance(given, str | int | float) else ""
        parts.append(f"{name}: {error.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def _date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InvalidParameter(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from exc
