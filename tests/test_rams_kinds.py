"""Kinds of event mention that news tells in passing, on sentences of our own, through
the real model: a conflict noun that dates another happening, advice that asks someone
to act, a coup, a fatal shooting, intimidation, testimony, sanctions put back, a past act
that dates another, a conflict noun said to be, an act of someone a pronoun points at."""

from __future__ import annotations

import pytest

from newsevents.model import Article, Event
from newsevents.pipeline import Pipeline


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return list(pipeline.code_article(Article(id="t", text=text)).events)


def _types(pipeline: Pipeline, text: str) -> set[str | None]:
    return {e.plover_type for e in _events(pipeline, text)}


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Dairy exports to the region collapsed after the embargo.", "SANCTION"),
        ("Many families left the valley during the invasion.", "ASSAULT"),
        ("Grain prices doubled in the months prior to the sanctions.", "SANCTION"),
        ("Tourism slumped in the wake of the bombings.", "ASSAULT"),
        ("The clinic closed because of the war.", "ASSAULT"),
        ("Medicine ran short due to the sanctions.", "SANCTION"),
        ("Exports fell as a result of the blockade.", "COERCE"),
        ("Farmers kept planting despite the shelling.", "ASSAULT"),
    ],
)
def test_conflict_noun_that_dates_a_happening_is_an_event(
    pipeline: Pipeline, text: str, plover: str
) -> None:
    assert plover in _types(pipeline, text)


def test_dating_noun_is_no_event_beside_the_news(pipeline: Pipeline) -> None:
    # The meeting is the news; the clashes only say when.
    types = _types(pipeline, "The two ministers met in Vienna after the clashes.")
    assert "CONSULT" in types
    assert "ASSAULT" not in types


def test_conflict_noun_as_a_topic_is_still_no_event(pipeline: Pipeline) -> None:
    types = _types(pipeline, "The report studies the economics of war.")
    assert "ASSAULT" not in types


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The union advised its members to stay away from the ballot.", "REQUEST"),
        ("The senator advocated for a ban on arms sales to the region.", "REQUEST"),
        ("The minister sent instructions for regional police to guard the posts.", "REQUEST"),
        ("The president instructed the governors to reopen the schools.", "REQUEST"),
        ("The coup toppled the elected president in the night.", "ASSAULT"),
        ("Officers have faced protests since the fatal shooting of a teenager.", "ASSAULT"),
        ("The fatal poisoning of a defector shocked the capital.", "ASSAULT"),
    ],
)
def test_kinds_news_tells_in_passing(pipeline: Pipeline, text: str, plover: str) -> None:
    assert plover in _types(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "Staff received a memo advising them to avoid the square.",
        "Residents were advised to stay indoors.",
        "The ministry was advised of the test results on Monday.",
    ],
)
def test_advice_without_an_adviser_asks_nothing(pipeline: Pipeline, text: str) -> None:
    assert "REQUEST" not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "plover", "cameo"),
    [
        ("Armed men intimidated voters outside the polling stations.", "THREATEN", "130"),
        ("The former envoy testified before the Senate committee on Tuesday.", "ACCUSE", "090"),
        ("The aide testified against the former governor at his trial.", "ACCUSE", "112"),
        ("The European Union reintroduced sanctions on the junta.", "SANCTION", "163"),
        ("The sanctions regime against the junta has cut its oil revenue.", "SANCTION", "163"),
    ],
)
def test_lexicon_kinds_code_their_act(
    pipeline: Pipeline, text: str, plover: str, cameo: str
) -> None:
    codes = {(e.plover_type, e.cameo_code) for e in _events(pipeline, text)}
    assert (plover, cameo) in codes, codes


@pytest.mark.parametrize(
    "text",
    [
        "The envoy urged Moscow to mend ties that were damaged when its navy shelled a"
        " Ukrainian port.",
        "The mayor asked residents to rebuild the homes that burned after rebels shelled the town.",
    ],
)
def test_past_clause_of_time_inside_a_request_is_its_own_event(
    pipeline: Pipeline, text: str
) -> None:
    assert {"REQUEST", "ASSAULT"} <= _types(pipeline, text)


def test_past_told_from_before_it_is_no_event(pipeline: Pipeline) -> None:
    text = "The envoy urged the army to say that troops would fire when rebels attacked the town."
    assert "ASSAULT" not in _types(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "There was heavy fighting on the outskirts overnight.",
        "There are clashes in the northern districts.",
        "It was a massacre, the survivors of the village said.",
    ],
)
def test_conflict_noun_said_to_be_is_an_event(pipeline: Pipeline, text: str) -> None:
    assert "ASSAULT" in _types(pipeline, text)


@pytest.mark.parametrize(
    "text",
    ["There was no fighting on the outskirts.", "There will be war.", "The aim is war."],
)
def test_conflict_noun_not_said_to_be_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert "ASSAULT" not in _types(pipeline, text)


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("She testified before the inquiry on Monday.", "ACCUSE"),
        ("They met in the capital.", "CONSULT"),
    ],
)
def test_act_of_someone_a_pronoun_points_at_is_an_event(
    pipeline: Pipeline, text: str, plover: str
) -> None:
    assert plover in _types(pipeline, text)


def test_act_of_it_is_still_no_event(pipeline: Pipeline) -> None:
    assert "AGREE" not in _types(pipeline, "It agreed with the forecast.")
