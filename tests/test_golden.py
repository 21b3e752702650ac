"""Golden tests: short articles the project wrote, with the expected output, field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.model import Coded, Event
from newsevents.pipeline import Pipeline
from newsevents.read import read_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _coded(pipeline: Pipeline, path: Path) -> Coded:
    (item,) = list(read_sources([path]))
    (coded,) = list(pipeline.run([item]))
    assert isinstance(coded, Coded), coded
    return coded


def _find(events: tuple[Event, ...], plover: str, words: str) -> Event:
    for event in events:
        if event.plover_type == plover and words in event.trigger.text:
            return event
    found = [(e.plover_type, e.trigger.text) for e in events]
    raise AssertionError(f"no {plover} event on {words!r}; found {found}")


def _countries(actors: tuple[object, ...]) -> set[str | None]:
    return {getattr(a, "country", None) for a in actors}


@pytest.fixture(scope="module")
def example(pipeline: Pipeline) -> Coded:
    return _coded(pipeline, ROOT / "examples" / "article.txt")


def test_golden_example_offsets_index_the_text(example: Coded) -> None:
    text = example.article.text
    for event in example.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        for actor in (*event.source, *event.target):
            assert text[actor.start : actor.end] == actor.text
        for span in event.attribution:
            assert text[span.start : span.end] == span.text
    for place in example.places:
        assert text[place.start : place.end] == place.text
    for mention in example.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_golden_example_offensive(example: Coded) -> None:
    event = _find(example.events, "ASSAULT", "launched an offensive")
    assert event.cameo_root == "19"
    assert _countries(event.source) == {"MLI"}
    assert "MIL" in event.source[0].sectors
    assert event.status == "asserted"
    assert [a.text for a in event.attribution] == ["Reuters"]
    assert event.location is not None and event.location.name == "Gao"


def test_golden_example_claim_and_denial(example: Coded) -> None:
    claim = _find(example.events, "SUPPORT", "supports")
    denial = _find(example.events, "SUPPORT", "supporting")
    assert denial.status == "denied"
    assert claim.status == "denied"
    assert ("denied_by", denial.event_id) in claim.links
    assert ("denies", claim.event_id) in denial.links
    assert _countries(denial.source) == {"MLI"}


def test_golden_example_border_closure_and_accusation(example: Coded) -> None:
    border = _find(example.events, "COERCE", "closed its border")
    assert border.cameo_code.startswith("19")
    assert _countries(border.source) == {"DZA"}
    assert _countries(border.target) == {"MLI"}
    assert [a.text for a in border.attribution] == ["Associated Press"]
    accuse = _find(example.events, "ACCUSE", "accused")
    assert _countries(accuse.source) == {"NER"}
    assert _countries(accuse.target) == {"MLI"}


def test_golden_example_mobilisation_and_protest(example: Coded) -> None:
    deploy = _find(example.events, "MOBILIZE", "deployed")
    assert _countries(deploy.source) == {"USA"}
    assert deploy.location is not None and deploy.location.country == "NER"
    protest = _find(example.events, "PROTEST", "took to the streets")
    assert protest.location is not None and protest.location.name == "Bamako"


def test_golden_example_boilerplate_is_not_coded(example: Coded) -> None:
    tail = example.article.text.index("COMMENTS")
    assert all(e.trigger.start < tail for e in example.events)
    assert all(p.start < tail for p in example.places)


def test_golden_example_places(example: Coded) -> None:
    places = {(p.text, p.country) for p in example.places}
    assert {
        ("Gao", "MLI"),
        ("Algeria", "DZA"),
        ("Mali", "MLI"),
        ("Niamey", "NER"),
        ("Bamako", "MLI"),
    } <= places
    assert not any(p.text in ("Malian", "Pentagon") for p in example.places)


def test_golden_tripoli_follows_its_country(pipeline: Pipeline) -> None:
    lebanon = _coded(pipeline, FIXTURES / "tripoli-lebanon.txt")
    libya = _coded(pipeline, FIXTURES / "tripoli-libya.txt")
    tripoli_lb = [p for p in lebanon.places if p.text == "Tripoli"]
    tripoli_ly = [p for p in libya.places if p.text == "Tripoli"]
    assert tripoli_lb and {p.country for p in tripoli_lb} == {"LBN"}
    assert tripoli_ly and {p.country for p in tripoli_ly} == {"LBY"}
    deploy = _find(lebanon.events, "MOBILIZE", "deployed")
    assert _countries(deploy.source) == {"LBN"}
    assert deploy.location is not None and deploy.location.country == "LBN"


def test_golden_protest_and_arrest(pipeline: Pipeline) -> None:
    coded = _coded(pipeline, FIXTURES / "protest-georgia.txt")
    protest = _find(coded.events, "PROTEST", "rallied")
    assert _countries(protest.source) == {"GEO"}
    arrest = _find(coded.events, "COERCE", "detained")
    assert arrest.cameo_code.startswith("17")
    assert "COP" in arrest.source[0].sectors
    request = _find(coded.events, "REQUEST", "urged")
    assert request.source[0].name == "European Union"
    assert _countries(request.target) == {"GEO"}
    tbilisi = [p for p in coded.places if p.text == "Tbilisi"]
    assert tbilisi and tbilisi[0].country == "GEO"


@pytest.mark.parametrize(
    "text",
    [
        "City Beat Rovers\n\nCity beat Rovers 3-1 on Saturday, their striker scoring twice as "
        "the club climbed to second in the league table.",
        "Markets Slide\n\nShares in carmakers fell sharply on Tuesday and the main index lost 2 "
        "percent as investors fled riskier stocks.",
        "Storm Hits Coast\n\nA powerful storm battered the coast on Monday, killing two people "
        "and cutting power to thousands of homes as heavy rain and wind lashed the region.",
    ],
)
def test_golden_sports_markets_weather_are_not_political(pipeline: Pipeline, text: str) -> None:
    from newsevents.model import Article

    (coded,) = list(pipeline.run([Article(id="np", text=text)]))
    assert isinstance(coded, Coded)
    assert coded.events == ()
