"""The shapes of the API's answers, as the OpenAPI schema documents them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable code: NE501 invalid parameter, NE504 not found ...")
    message: str = Field(description="What went wrong and what to do instead.")


class ErrorBody(BaseModel):
    """The one shape of every error."""

    error: ErrorDetail


class Link(BaseModel):
    relation: str = Field(description="denied_by (on a claim) or denies (on a denial)")
    event_id: str


class EventSummary(BaseModel):
    """One event, as a row of the event table."""

    event_id: str
    article_id: str
    title: str | None = Field(description="the article's title")
    date: str | None = Field(description="YYYY-MM-DD")
    plover_type: str | None
    plover_mode: str | None
    cameo_code: str | None
    cameo_root: str | None
    quad_class: int | None
    goldstein: float | None
    status: str | None
    confidence: float | None
    trigger_text: str | None
    source: list[str] = Field(description="names of the source actors")
    target: list[str] = Field(description="names of the target actors")
    source_country: str | None
    target_country: str | None
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    attribution: list[str] = Field(description="whom the text credits for the event")
    links: list[Link]


class EventPage(BaseModel):
    events: list[EventSummary]
    total: int | None = Field(description="events matching the filters; null when not asked")
    limit: int
    offset: int
    next_cursor: str | None = Field(
        description="pass as `cursor` (same filters, sort, order) for the next page; "
        "null on the last page"
    )


class Bucket(BaseModel):
    key: str = Field(description="the day, week, month, year, country, type ... or 'lat,lon'")
    count: int
    mean_goldstein: float | None
    quad_class: dict[str, int] = Field(description="counts by QuadClass 0..4")
    lat: float | None = None
    lon: float | None = None
    label: str | None = Field(default=None, description="the commonest place name of a cell")


class Aggregates(BaseModel):
    by: str
    buckets: list[Bucket]


class Summary(BaseModel):
    events: int
    articles: int
    first_date: str | None
    last_date: str | None
    plover_types: list[str]
    statuses: list[str]
    sorts: list[str]


class Place(BaseModel):
    start: int
    end: int
    text: str | None
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature_code: str | None


class Mention(BaseModel):
    kind: str = Field(description="actor, trigger, place, attribution or quote")
    start: int
    end: int
    text: str | None
    ref: str | None


class ArticleDetail(BaseModel):
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    source: str | None
    text: str
    events: list[dict[str, Any]] = Field(
        description="full event records (see FORMAT.md): actors, trigger, sentence, "
        "location with offsets, status, attribution, links"
    )
    actors: list[dict[str, Any]] = Field(
        description="distinct actors of the events with their spans, roles and event ids"
    )
    places: list[Place]
    mentions: list[Mention]
