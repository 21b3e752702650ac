"""Linking within an article: claims to the denials that answer them, events to places.

A denial ("the minister denied supporting Haftar") is an event of the same
PLOVER type as an earlier claim or report ("the ministry fully supports
Haftar's campaign") that shares a target or the source's country. The earlier
event takes status ``denied`` and a ``denied_by`` link; the denial gets a
``denies`` link back. Both stay visible, each with its own words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from newsevents.model import Actor, Event, Place


def _names(actors: Sequence[Actor]) -> set[str]:
    return {a.name.casefold() for a in actors if a.name}


def _countries(actors: Sequence[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _answers(denial: Event, claim: Event) -> bool:
    if claim.plover_type != denial.plover_type or claim.cameo_root != denial.cameo_root:
        return False
    if claim.status not in ("asserted", "claimed"):
        return False
    same_target = bool(_names(claim.target) & _names(denial.target))
    same_source = bool(_countries(claim.source) & _countries(denial.source))
    return same_target or (same_source and not (claim.target and denial.target))


def link_denials(events: Sequence[Event]) -> list[Event]:
    """Mark claims answered by a later denial in the same article, and link both ways."""
    out = list(events)
    for d_index, denial in enumerate(out):
        if denial.status != "denied":
            continue
        for c_index in range(d_index):
            claim = out[c_index]
            if claim.trigger.start >= denial.trigger.start or not _answers(denial, claim):
                continue
            out[c_index] = replace(
                claim,
                status="denied",
                links=(*claim.links, ("denied_by", denial.event_id)),
            )
            denial = replace(denial, links=(*denial.links, ("denies", claim.event_id)))
        out[d_index] = denial
    return out


def locate_events(
    events: Sequence[Event],
    places: Sequence[Place],
    locator: Callable[[Event], Place | None],
) -> list[Event]:
    """Give each event the place where it happened, as the locator finds it."""
    if not places:
        return list(events)
    return [replace(event, location=locator(event)) for event in events]


def place_targets(events: Sequence[Event], country_names: dict[str, str]) -> list[Event]:
    """An event done to a place names its country as the target when nothing else does.

    "Serbia lifted a night curfew in Montenegro", "a bomb exploded in Baghdad": for
    material events (CAMEO roots 06-08 and 14-20, except mobilisation, whose place is
    where forces go, not whom they act on) without a target, the country of the
    event's location is the target, with the place's words as its span.
    """
    out = []
    for event in events:
        place = event.location
        root = event.cameo_root
        material = "06" <= root <= "08" or ("14" <= root <= "20" and root != "15")
        if event.target or place is None or not place.country or not material:
            out.append(event)
            continue
        if place.country in {a.country for a in event.source}:
            out.append(event)
            continue
        target = Actor(
            name=country_names.get(place.country, place.country),
            text=place.text,
            start=place.start,
            end=place.end,
            country=place.country,
            kind="country",
        )
        out.append(replace(event, target=(target,)))
    return out
