"""The scorer on tiny hand-made gold and predictions."""

from __future__ import annotations

from typing import Any

import pytest

from newsevents.scoring import haversine_km, pentaclass, score


def _gold(**fields: Any) -> dict[str, Any]:
    doc = {
        "id": "d1",
        "dataset": "own",
        "tasks": ["event_type"],
        "text": "x" * 80,
        "events": [],
        "places": [],
        "event_location": None,
    }
    doc.update(fields)
    return doc


def _event(**fields: Any) -> dict[str, Any]:
    event = {
        "article_id": "d1",
        "plover_type": None,
        "cameo_code": None,
        "cameo_root": None,
        "source": [],
        "target": [],
        "location": None,
        "trigger": {"text": "t", "start": 0, "end": 1},
        "status": "asserted",
    }
    event.update(fields)
    return event


def test_scoring_pentaclass_and_distance() -> None:
    assert [pentaclass(r) for r in ("01", "04", "07", "12", "19", None)] == [0, 1, 2, 3, 4, None]
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)


def test_scoring_event_type_sets_and_hit_rate() -> None:
    gold = [
        _gold(
            events=[
                {"plover": "ASSAULT", "cameo_root": "19", "pentaclass": 4},
                {"plover": "ACCUSE", "cameo_root": "11", "pentaclass": 3},
            ]
        ),
        _gold(id="d2", events=[{"plover": "AID", "cameo_root": None, "pentaclass": 2}]),
    ]
    events = [
        _event(plover_type="ASSAULT", cameo_code="190", cameo_root="19"),
        _event(plover_type="PROTEST", cameo_code="141", cameo_root="14"),
        _event(article_id="d2", plover_type="AID", cameo_code="070", cameo_root="07"),
    ]
    layers = score(gold, events, []).to_dict()["event_type"]
    plover = layers["plover"]
    assert (plover["precision"], plover["recall"]) == (2 / 3, 2 / 3)
    assert plover["hit_rate"] == 1.0 and plover["hit_documents"] == 1
    # d2 has no CAMEO root in gold, so only d1 counts on that layer.
    assert layers["cameo_root"]["documents"] == 1
    assert layers["cameo_root"]["recall"] == 0.5


def test_scoring_zero_denominators_are_none() -> None:
    scores = score([_gold()], [], []).to_dict()
    assert scores["event_type"]["plover"]["precision"] is None
    assert scores["places"]["recall"] is None
    assert scores["status"]["all"]["value"] is None


def test_scoring_no_event_status_actors() -> None:
    gold = [
        _gold(tasks=["no_event"]),
        _gold(
            id="d2",
            tasks=["event_type", "actors"],
            events=[
                {
                    "plover": "COERCE",
                    "cameo_root": "19",
                    "pentaclass": 4,
                    "status": "denied",
                    "trigger": {"start": 10, "end": 20},
                    "source": [{"text": "Algeria", "country": "DZA", "sector": None}],
                    "target": [{"text": "Mali", "country": "MLI", "sector": None}],
                }
            ],
        ),
    ]
    events = [
        _event(cameo_code="010", cameo_root="01"),  # a statement is not a coded event
        _event(
            article_id="d2",
            plover_type="COERCE",
            cameo_code="191",
            cameo_root="19",
            status="denied",
            trigger={"text": "closed", "start": 12, "end": 18},
            source=[{"name": "Algeria", "country": "DZA"}],
            target=[],
        ),
    ]
    scores = score(gold, events, []).to_dict()
    assert scores["no_event"]["value"] == 1.0
    assert scores["status"]["not_asserted"] == {"value": 1.0, "right": 1, "n": 1}
    assert scores["actors"]["source_country"]["value"] == 1.0
    assert scores["actors"]["target_country"]["value"] == 0.0


def test_scoring_places_and_event_location() -> None:
    gold = [
        _gold(
            tasks=["places", "event_location"],
            places=[
                {"start": 0, "end": 5, "text": "Libya", "lat": 27.0, "lon": 17.0, "country": "LBY"},
                {
                    "start": 30,
                    "end": 37,
                    "text": "Tripoli",
                    "lat": 32.9,
                    "lon": 13.2,
                    "country": "LBY",
                },
            ],
            event_location={
                "trigger": {"start": 10, "end": 18},
                "place": {"start": 30, "end": 37, "text": "Tripoli"},
            },
        )
    ]
    places = [
        {
            "article_id": "d1",
            "start": 0,
            "end": 5,
            "text": "Libya",
            "lat": 28.0,
            "lon": 17.0,
            "country": "LBY",
        },
        {
            "article_id": "d1",
            "start": 30,
            "end": 37,
            "text": "Tripoli",
            "lat": 34.4,
            "lon": 35.8,
            "country": "LBN",
        },
        {
            "article_id": "d1",
            "start": 50,
            "end": 55,
            "text": "Sirte",
            "lat": 31.2,
            "lon": 16.6,
            "country": "LBY",
        },
    ]
    events = [
        _event(
            trigger={"text": "attacked", "start": 10, "end": 18},
            location={"name": "Tripoli", "start": 30, "end": 37},
        )
    ]
    figures = score(gold, events, places).to_dict()
    assert figures["places"]["recall"] == 1.0
    assert figures["places"]["precision"] == pytest.approx(2 / 3)
    assert figures["places"]["within_161km"] == 0.5
    assert figures["places"]["country"]["value"] == 0.5
    assert figures["event_location"]["with_place"]["value"] == 1.0
