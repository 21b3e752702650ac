"""Scoring predictions against gold files in the format of ``shared/eval/FORMAT.md``.

Pure functions over plain dictionaries: gold documents as read from JSON Lines,
and the project's own event and place records. Every figure carries its count,
and a figure whose denominator is zero is ``None``, never 0.

Decisions the format leaves open, made here:

- no event: a document counts as "nothing coded" when no predicted event for it
  has a PLOVER type or a CAMEO code in roots 03-20 (statements and appeals, roots
  01-02, are not political events for this purpose).
- event location: a gold trigger with a place and no overlapping predicted event
  counts as wrong; a gold trigger without a place and no overlapping predicted
  event counts as right (nothing was placed).
"""

from __future__ import annotations

import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.errors import MalformedRecord, MissingInput
from newsevents.model import quad_class

EARTH_RADIUS_KM = 6371.0
WITHIN_KM = 161.0


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold documents from a JSON Lines file; a broken line is a coded error naming it."""
    try:
        # Split on newlines only: str.splitlines() also breaks at U+2028 inside strings.
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise MissingInput(f"cannot read the gold file: {exc}", source=str(path)) from exc
    docs = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MalformedRecord(f"broken JSON: {exc.msg}", source=f"{path}:{number}") from exc
        if not isinstance(doc, dict) or "id" not in doc or "text" not in doc:
            raise MalformedRecord("a gold line needs 'id' and 'text'", source=f"{path}:{number}")
        docs.append(doc)
    return docs


def pentaclass(cameo_root: str | None) -> int | None:
    """The pentaclass of a CAMEO root or code: its QuadClass, with 0 for roots 01-02."""
    return quad_class(str(cameo_root)[:2]) if cameo_root else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


@dataclass(frozen=True)
class LayerScore:
    """Set-based precision, recall and F1 over documents, plus the one-label hit rate."""

    documents: int
    true_positives: int
    predicted: int
    gold: int
    hit_documents: int
    hits: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_positives, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_positives, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    @property
    def hit_rate(self) -> float | None:
        return _ratio(self.hits, self.hit_documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold_labels": self.gold,
            "predicted_labels": self.predicted,
            "hit_rate": self.hit_rate,
            "hit_documents": self.hit_documents,
        }


@dataclass(frozen=True)
class Share:
    """A share of items that are right, with its count."""

    right: int
    total: int

    @property
    def value(self) -> float | None:
        return _ratio(self.right, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "right": self.right, "n": self.total}


@dataclass(frozen=True)
class PlaceScore:
    gold: int
    found: int
    predicted: int
    predicted_matching: int
    distances_km: tuple[float, ...]
    country: Share

    def to_dict(self) -> dict[str, Any]:
        within = sum(d <= WITHIN_KM for d in self.distances_km)
        return {
            "gold": self.gold,
            "recall": _ratio(self.found, self.gold),
            "precision": _ratio(self.predicted_matching, self.predicted),
            "predicted": self.predicted,
            "within_161km": _ratio(within, len(self.distances_km)),
            "with_coordinates": len(self.distances_km),
            "median_km": statistics.median(self.distances_km) if self.distances_km else None,
            "country": self.country.to_dict(),
        }


@dataclass(frozen=True)
class Scores:
    documents: int
    layers: Mapping[str, LayerScore]
    no_event: Share
    status: Share
    status_not_asserted: Share
    source_country: Share
    target_country: Share
    places: PlaceScore
    event_location: Share
    event_location_with_place: Share
    event_location_without_place: Share
    datasets: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        both = Share(
            self.source_country.right + self.target_country.right,
            self.source_country.total + self.target_country.total,
        )
        return {
            "documents": self.documents,
            "datasets": list(self.datasets),
            "event_type": {name: layer.to_dict() for name, layer in self.layers.items()},
            "no_event": self.no_event.to_dict(),
            "status": {
                "all": self.status.to_dict(),
                "not_asserted": self.status_not_asserted.to_dict(),
            },
            "actors": {
                "source_country": self.source_country.to_dict(),
                "target_country": self.target_country.to_dict(),
                "both": both.to_dict(),
            },
            "places": self.places.to_dict(),
            "event_location": {
                "all": self.event_location.to_dict(),
                "with_place": self.event_location_with_place.to_dict(),
                "without_place": self.event_location_without_place.to_dict(),
            },
        }


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _best_overlap(
    start: int, end: int, items: Iterable[Mapping[str, Any]], span: Any
) -> Mapping[str, Any] | None:
    best, best_overlap = None, 0
    for item in items:
        s, e = span(item)
        if s is None:
            continue
        size = _overlap(start, end, s, e)
        if size > best_overlap:
            best, best_overlap = item, size
    return best


def _trigger_span(event: Mapping[str, Any]) -> tuple[int | None, int | None]:
    trigger = event.get("trigger") or {}
    return trigger.get("start"), trigger.get("end")


def _layer_labels(events: Sequence[Mapping[str, Any]], layer: str, *, gold: bool) -> set[Any]:
    labels: set[Any] = set()
    for event in events:
        if layer == "plover":
            value = event.get("plover" if gold else "plover_type")
        elif layer == "cameo_root":
            value = event.get("cameo_root")
            if value is None and not gold and event.get("cameo_code"):
                value = str(event["cameo_code"])[:2]
        else:
            if gold:
                value = event.get("pentaclass")
                if value is None:
                    value = pentaclass(event.get("cameo_root"))
            else:
                value = pentaclass(
                    event.get("cameo_root")
                    or (str(event["cameo_code"])[:2] if event.get("cameo_code") else None)
                )
        if value is not None:
            labels.add(value)
    return labels


def _eligible(gold_events: Sequence[Mapping[str, Any]], layer: str) -> bool:
    if not gold_events:
        return False
    if layer == "plover":
        return any(e.get("plover") for e in gold_events)
    if layer == "cameo_root":
        return all(e.get("cameo_root") for e in gold_events)
    return all(e.get("pentaclass") is not None or e.get("cameo_root") for e in gold_events)


def score(
    gold: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]],
    places: Sequence[Mapping[str, Any]],
) -> Scores:
    """Every score of FORMAT.md for predictions against gold documents."""
    events_by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in events:
        events_by_doc[str(event.get("article_id"))].append(event)
    places_by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for place in places:
        places_by_doc[str(place.get("article_id"))].append(place)

    counts = {layer: [0, 0, 0, 0, 0, 0] for layer in ("plover", "cameo_root", "pentaclass")}
    no_event = [0, 0]
    status, status_na = [0, 0], [0, 0]
    source, target = [0, 0], [0, 0]
    place_gold = place_found = place_pred = place_pred_match = 0
    distances: list[float] = []
    country = [0, 0]
    loc_all, loc_with, loc_without = [0, 0], [0, 0], [0, 0]
    datasets: set[str] = set()

    for doc in gold:
        doc_id = str(doc["id"])
        tasks = set(doc.get("tasks") or [])
        if doc.get("dataset"):
            datasets.add(str(doc["dataset"]))
        gold_events = doc.get("events") or []
        predicted = events_by_doc.get(doc_id, [])

        if "event_type" in tasks:
            for layer, c in counts.items():
                if not _eligible(gold_events, layer):
                    continue
                g = _layer_labels(gold_events, layer, gold=True)
                p = _layer_labels(predicted, layer, gold=False)
                c[0] += 1
                c[1] += len(g & p)
                c[2] += len(p)
                c[3] += len(g)
                if len(g) == 1:
                    c[4] += 1
                    c[5] += int(bool(g & p))

        if "no_event" in tasks and not gold_events:
            no_event[1] += 1
            coded = [
                e
                for e in predicted
                if e.get("plover_type")
                or (e.get("cameo_code") and int(str(e["cameo_code"])[:2]) >= 3)
            ]
            no_event[0] += int(not coded)

        for g_event in gold_events:
            g_status = g_event.get("status")
            g_start, g_end = _trigger_span(g_event)
            if g_status and g_start is not None:
                match = _best_overlap(g_start, g_end or g_start, predicted, _trigger_span)
                right = match is not None and match.get("status") == g_status
                status[0] += right
                status[1] += 1
                if g_status != "asserted":
                    status_na[0] += right
                    status_na[1] += 1

        if "actors" in tasks:
            for g_event in gold_events:
                kind = g_event.get("plover")
                if not kind:
                    continue
                same_type = [e for e in predicted if e.get("plover_type") == kind]
                for role, tally in (("source", source), ("target", target)):
                    wanted = {a.get("country") for a in g_event.get(role) or []} - {None}
                    for iso3 in wanted:
                        tally[1] += 1
                        tally[0] += any(
                            iso3 in {a.get("country") for a in e.get(role) or []} for e in same_type
                        )

        if "places" in tasks:
            doc_places = places_by_doc.get(doc_id, [])
            gold_places = doc.get("places") or []
            place_gold += len(gold_places)
            place_pred += len(doc_places)
            for predicted_place in doc_places:
                place_pred_match += any(
                    _overlap(predicted_place["start"], predicted_place["end"], g["start"], g["end"])
                    for g in gold_places
                )
            for g in gold_places:
                found = _best_overlap(
                    g["start"], g["end"], doc_places, lambda p: (p.get("start"), p.get("end"))
                )
                if found is None:
                    continue
                place_found += 1
                if g.get("lat") is not None and found.get("lat") is not None:
                    distances.append(
                        haversine_km(
                            float(g["lat"]),
                            float(g["lon"]),
                            float(found["lat"]),
                            float(found["lon"]),
                        )
                    )
                if g.get("country"):
                    country[1] += 1
                    country[0] += found.get("country") == g["country"]

        if "event_location" in tasks and doc.get("event_location"):
            gold_loc = doc["event_location"]
            trig = gold_loc.get("trigger") or {}
            g_place = gold_loc.get("place")
            match = _best_overlap(
                trig.get("start", 0), trig.get("end", 0), predicted, _trigger_span
            )
            location: Mapping[str, Any] = (match or {}).get("location") or {}
            if g_place is None:
                right = not location
                tally = loc_without
            else:
                right = (
                    bool(location)
                    and location.get("start") is not None
                    and _overlap(
                        location["start"], location["end"], g_place["start"], g_place["end"]
                    )
                    > 0
                )
                tally = loc_with
            tally[0] += right
            tally[1] += 1
            loc_all[0] += right
            loc_all[1] += 1

    return Scores(
        documents=len(gold),
        layers={name: LayerScore(*c) for name, c in counts.items()},
        no_event=Share(*no_event),
        status=Share(*status),
        status_not_asserted=Share(*status_na),
        source_country=Share(*source),
        target_country=Share(*target),
        places=PlaceScore(
            place_gold, place_found, place_pred, place_pred_match, tuple(distances), Share(*country)
        ),
        event_location=Share(*loc_all),
        event_location_with_place=Share(*loc_with),
        event_location_without_place=Share(*loc_without),
        datasets=tuple(sorted(datasets)),
    )


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_scores(scores: Scores) -> str:
    """A plain-text table of every score that has a denominator."""
    data = scores.to_dict()
    lines = [f"{'measure':42} {'value':>8} {'n':>7}", "-" * 59]

    def row(name: str, value: Any, n: Any) -> None:
        lines.append(f"{name:42} {_fmt(value):>8} {_fmt(n):>7}")

    for layer, figures in data["event_type"].items():
        if figures["documents"]:
            for key in ("precision", "recall", "f1"):
                row(f"event type {layer} {key}", figures[key], figures["documents"])
            if figures["hit_documents"]:
                row(f"event type {layer} hit rate", figures["hit_rate"], figures["hit_documents"])
    for name, share in (
        ("no event: nothing coded", data["no_event"]),
        ("status (all)", data["status"]["all"]),
        ("status (not asserted)", data["status"]["not_asserted"]),
        ("actors: source country", data["actors"]["source_country"]),
        ("actors: target country", data["actors"]["target_country"]),
        ("event location (all)", data["event_location"]["all"]),
        ("event location (gold has a place)", data["event_location"]["with_place"]),
        ("event location (gold has none)", data["event_location"]["without_place"]),
    ):
        if share["n"]:
            row(name, share["value"], share["n"])
    places = data["places"]
    if places["gold"]:
        row("places recall", places["recall"], places["gold"])
        row("places precision", places["precision"], places["predicted"])
        row("places within 161 km", places["within_161km"], places["with_coordinates"])
        row("places median error km", places["median_km"], places["with_coordinates"])
        if places["country"]["n"]:
            row("places right country", places["country"]["value"], places["country"]["n"])
    return "\n".join(lines)
