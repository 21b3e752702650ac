"""The gazetteer and place resolution, on sentences the project wrote."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Pipeline
from newsevents.places import Gazetteer, event_location, normalise_name


def test_places_normalise_name() -> None:
    assert normalise_name("The  Gaza Strip") == "gaza strip"
    assert normalise_name("Ouagadougou") == normalise_name("OUAGADOUGOU")
    assert normalise_name("Bogotá") == "bogota"


@pytest.fixture(scope="module")
def gazetteer(pipeline: Pipeline) -> Gazetteer:
    return pipeline.resources.gazetteer


def test_places_gazetteer_countries_capitals_regions(gazetteer: Gazetteer) -> None:
    libya = gazetteer.country("LBY")
    assert libya is not None and (libya.lat, libya.lon, libya.feature_code) == (28.0, 17.0, "PCLI")
    tripolis = {c.country for c in gazetteer.candidates("Tripoli")}
    assert {"LBY", "LBN"} <= tripolis
    assert any(c.feature_code == "RGN" for c in gazetteer.candidates("Darfur"))
    assert any(c.feature_code == "ADM1" for c in gazetteer.candidates("Georgia"))


def test_places_cache_round_trip(tmp_path, gazetteer: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    import pickle

    again = pickle.loads(pickle.dumps(gazetteer))
    assert len(again) == len(gazetteer)
    assert again.candidates("Benghazi")[0].country == "LBY"


def _places(pipeline: Pipeline, text: str) -> list[tuple[str, str | None]]:
    doc = pipeline.resources.nlp(text)
    return [(p.text, p.country) for p in pipeline.places.find(doc)]


def test_places_demonym_and_organisation_are_not_places(pipeline: Pipeline) -> None:
    found = _places(pipeline, "Libyan officials told the Washington Post that talks would resume.")
    assert found == []


def test_places_context_decides_namesakes(pipeline: Pipeline) -> None:
    lebanon = _places(pipeline, "Clashes broke out in Tripoli, north of Beirut, on Monday.")
    assert ("Tripoli", "LBN") in lebanon
    libya = _places(pipeline, "Clashes broke out in Tripoli and Misrata in Libya on Monday.")
    assert ("Tripoli", "LBY") in libya


def test_places_offsets_and_event_location(pipeline: Pipeline) -> None:
    text = "Rebels attacked an army base near Kidal in northern Mali on Friday."
    doc = pipeline.resources.nlp(text)
    places = pipeline.places.find(doc)
    for place in places:
        assert text[place.start : place.end] == place.text
    start = text.index("attacked")
    where = event_location(doc, trigger_start=start, trigger_end=start + 8, places=places)
    assert where is not None and where.text in ("Kidal", "Mali")
    assert event_location(doc, trigger_start=0, trigger_end=6, places=[]) is None


def test_places_provinces_of_large_countries(pipeline: Pipeline) -> None:
    text = (
        "Wildfires forced thousands from their homes in Alberta and British Columbia, "
        "while floods hit Queensland and New South Wales. In England, Scotland and "
        "Sichuan officials counted the damage."
    )
    found = {p.text: p.country for p in pipeline.places.find(pipeline.resources.nlp(text))}
    assert found == {
        "Alberta": "CAN",
        "British Columbia": "CAN",
        "Queensland": "AUS",
        "New South Wales": "AUS",
        "England": "GBR",
        "Scotland": "GBR",
        "Sichuan": "CHN",
    }
