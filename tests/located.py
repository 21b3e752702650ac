"""Where the real pipeline places an event, for the geolocation tests."""

from __future__ import annotations

from newsevents.pipeline import Pipeline
from newsevents.places import event_location


def locate(
    pipeline: Pipeline,
    text: str,
    trigger: str,
    *,
    material: bool = False,
    countries: tuple[str, ...] = (),
) -> str | None:
    """The words of the place ``event_location`` gives the event whose trigger is the
    first ``trigger`` in ``text`` (``material``: its object may be the place)."""
    doc = pipeline.resources.nlp(text)
    places = pipeline.places.find(doc, context_countries=countries)
    start = text.index(trigger)
    where = event_location(
        doc,
        trigger_start=start,
        trigger_end=start + len(trigger),
        places=places,
        object_is_place=material,
    )
    return None if where is None else where.text
