"""The records newsevents produces: frozen, typed, and anchored in the text.

Every annotation carries ``start`` and ``end`` character offsets (end exclusive)
into ``Article.text`` exactly as the user gave it (or as stored after HTML
extraction), so ``article.text[m.start:m.end] == m.text`` always holds.

Records turn into plain dictionaries with ``to_record()``; those dictionaries
are the stable output contract (see ``shared/eval/FORMAT.md``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["asserted", "claimed", "denied", "negated", "future", "hypothetical"]
STATUSES: tuple[Status, ...] = (
    "asserted",
    "claimed",
    "denied",
    "negated",
    "future",
    "hypothetical",
)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def content_id(text: str, *, prefix: str = "") -> str:
    """A stable identifier derived from content: the first 16 hex digits of SHA-256."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}{digest}"


def quad_class(cameo_root: str | None) -> int | None:
    """CAMEO QuadClass of a root ("01".."20"): 1 verbal and 2 material cooperation,
    3 verbal and 4 material conflict; roots 01-02 are neutral statements (0)."""
    if not cameo_root:
        return None
    root = int(cameo_root)
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``id`` is the input's own id or a content hash."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    language: str | None = None
    source: str | None = None  # where it was read from: path, path:line, URL

    def to_record(self) -> dict[str, Any]:
        return {
            "article_id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "source": self.source,
            "text": self.text,
        }


MentionKind = Literal["actor", "trigger", "place", "quote", "attribution"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text with what it was recognised as."""

    article_id: str
    kind: MentionKind
    start: int
    end: int
    text: str
    ref: str | None = None  # the event id, actor name or place id it belongs to

    def to_record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "ref": self.ref,
        }


ActorKind = Literal["country", "organisation", "person", "group", "sector"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone who acts or is acted upon.

    ``name`` is the canonical name where known ("Luis Ortega"), ``text`` the
    words of this mention ("the general"), ``start``/``end`` their offsets.
    """

    name: str
    text: str
    start: int
    end: int
    country: str | None = None  # ISO 3166-1 alpha-3
    sectors: tuple[str, ...] = ()  # CAMEO agent codes: GOV MIL REB ...
    kind: ActorKind = "group"
    role: str | None = None  # "General", "interior minister"
    canonical_id: str | None = None

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "country": self.country,
            "sector": self.sector,
            "sectors": list(self.sectors),
            "kind": self.kind,
            "role": self.role,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved to a gazetteer entry.

    An event's location may also be a name the gazetteer lacks ("near the town of
    X" with no known place beside it): then ``lat`` and ``lon`` are None and the name
    is the text's own words, with no GeoNames id. Place records (``Coded.places``)
    are only ever resolved places.
    """

    text: str
    start: int
    end: int
    name: str  # the gazetteer's name ("Tripoli")
    lat: float | None  # None: a name the gazetteer lacks (an event's location only)
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    geonameid: int | None = None
    admin1: str | None = None
    feature_code: str | None = None  # GeoNames feature code: PPLC, PCLI, ADM1 ...
    confidence: float = 1.0

    def to_record(self, article_id: str | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {}
        if article_id is not None:
            record["article_id"] = article_id
        record.update(
            {
                "start": self.start,
                "end": self.end,
                "text": self.text,
                "name": self.name,
                "lat": self.lat,
                "lon": self.lon,
                "country": self.country,
                "geonameid": self.geonameid,
                "admin1": self.admin1,
                "feature_code": self.feature_code,
                "confidence": round(self.confidence, 3),
            }
        )
        return record

    def location_record(self) -> dict[str, Any]:
        """The shape of an event's ``location`` field."""
        return {
            "name": self.name,
            "text": self.text,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, with the words behind it."""

    event_id: str
    article_id: str
    plover_type: str | None
    plover_mode: str | None
    cameo_code: str
    trigger: Span
    sentence: Span
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    location: Place | None = None
    date: str | None = None
    status: Status = "asserted"
    attribution: tuple[Span, ...] = ()
    confidence: float = 0.5
    goldstein: float | None = None
    links: tuple[tuple[str, str], ...] = field(default=())  # (relation, other event id)

    @property
    def cameo_root(self) -> str:
        return self.cameo_code[:2]

    @property
    def quad_class(self) -> int | None:
        return quad_class(self.cameo_root)

    def to_record(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "cameo_code": self.cameo_code,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": [a.to_record() for a in self.source],
            "target": [a.to_record() for a in self.target],
            "location": self.location.location_record() if self.location else None,
            "trigger": self.trigger.to_record(),
            "sentence": self.sentence.to_record(),
            "date": self.date,
            "status": self.status,
            "attribution": [a.text for a in self.attribution],
            "attribution_spans": [a.to_record() for a in self.attribution],
            "confidence": round(self.confidence, 3),
            "links": [{"relation": r, "event_id": e} for r, e in self.links],
        }


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document that could not be coded, and why."""

    source: str
    code: str
    reason: str
    article_id: str | None = None
    language: str | None = None  # for NE104: the language the text is in

    @property
    def skipped(self) -> bool:
        """Not an error: the document is fine but not ours to code (another language)."""
        return self.code == "NE104"

    def to_record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "article_id": self.article_id,
            "code": self.code,
            "reason": self.reason,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Coded:
    """Everything the pipeline found in one article."""

    article: Article
    events: tuple[Event, ...]
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
