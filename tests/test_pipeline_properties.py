"""Property tests over the whole pipeline: any text is coded without a crash, and every
span the pipeline emits indexes the text exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsevents.config import Settings
from newsevents.model import Article, Coded, Rejected
from newsevents.pipeline import Pipeline

# Pieces of news-like English the project wrote, recombined at random with noise.
PIECES = [
    "Rebels attacked an army base near Kidal on Friday.",
    "The Libyan government accused the general of plotting a coup.",
    "Algeria closed its border with Mali, according to Reuters.",
    "Police in Minsk detained a dozen activists.",
    "The minister later denied supporting the militia.",
    "Thousands of protesters took to the streets of Tbilisi.",
    "The United States will send aid to Haiti, officials said.",
    "Tripoli, Lebanon",
    "“We are joining the fight,” the colonel told the BBC.",
    "COMMENTS",
    "Subscribe to our newsletter.",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=40)),
    min_size=1,
    max_size=6,
).map(lambda parts: "\n\n".join(parts))


@pytest.fixture(scope="module")
def lenient(pipeline: Pipeline) -> Pipeline:
    """The same resources without the language check, so noise is coded, not rejected."""
    return Pipeline(settings=Settings(check_language=False), resources=pipeline.resources)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts)
# Found by Hypothesis: the model ran "Lebanon" over the masked newsletter line.
@example("Tripoli, Lebanon\n\nSubscribe to our newsletter.\n\n\n\nPolice in Minsk held ten.")
def test_pipeline_any_text_is_coded_with_exact_spans(lenient: Pipeline, text: str) -> None:
    article = Article(id="p", text=text)
    (result,) = list(lenient.run([article]))
    assert not isinstance(result, Rejected), result
    assert isinstance(result, Coded)
    for event in result.events:
        for span in (event.trigger, event.sentence, *event.attribution):
            assert text[span.start : span.end] == span.text
        for actor in (*event.source, *event.target):
            assert text[actor.start : actor.end] == actor.text
        if event.location is not None:
            assert text[event.location.start : event.location.end] == event.location.text
    for place in result.places:
        assert text[place.start : place.end] == place.text
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
