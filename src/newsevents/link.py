"""Linking within an article: claims to the denials that answer them, events to places.

A denial ("the minister denied supporting Ortega") is an event of the same
PLOVER type as an earlier claim or report ("the ministry fully supports
Ortega's campaign") that shares a target or the source's country. The earlier
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
    if same_target:
        return True
    if claim.target and denial.target:
        return False  # two acts towards different parties
    # With a party missing on one side, the denier must be the claimed actor, or of
    # its country and denying the very same act: a government that defends
    # one policy has not denied it by denying another kind of support.
    if _names(claim.source) & _names(denial.source):
        return True
    same_country = bool(_countries(claim.source) & _countries(denial.source))
    return same_country and claim.cameo_code == denial.cameo_code


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
    """Give each event the place where it happened, as the locator finds it (also
    with no resolved places: the locator may name a place the gazetteer lacks)."""
    return [replace(event, location=locator(event)) for event in events]


# Sectors that are no one country's: a place does not say whose they are. The press is
# not among them: "journalists detained in Bamako" are, unless the text says otherwise,
# Mali's.
_STATELESS = frozenset({"IGO", "NGO"})
# Event roots whose place is a venue, not a party: statements, appeals, meetings and
# diplomatic cooperation ("signed a peace deal in Doha").
_VENUE_ROOTS = frozenset({"01", "02", "04", "05"})
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Acts only a state's authorities do where they happen: criminal investigation (090,
# 091), arrest and detention (173), expulsion (174), arrest on a charge of spying or
# treason (1125). Done in a place by no one named, they are that country's.
_STATE_ACTS = frozenset({"090", "091", "173", "174", "1125"})
# Investigations: done in their place ("flew inspectors to Mosul to investigate").
_INQUIRIES = frozenset({"090", "091"})
# Violence (bombings, killings, fighting, mass violence): done in a place by no one the
# text names, it is the work of unidentified attackers of that country.
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})


# The name of the unnamed perpetrators of violence in a place.
UNIDENTIFIED = "unidentified attackers"


def _local(actor: Actor, country: str) -> Actor:
    """A domestic body without a country belongs to the country where it acts.

    "police fired tear gas in Monrovia", "refugees were attacked near Goma": the text
    names no other country, so the place's country is theirs. Named people and
    organisations keep what the text said of them (nothing); so do stateless
    sectors (the UN, aid groups) and bodies owned by a pronoun ("its
    troops" belong to whoever "it" is, not to the place).
    """
    if actor.country or actor.kind not in ("sector", "group"):
        return actor
    if set(actor.sectors) & _STATELESS:
        return actor
    if actor.text.split(" ", 1)[0].casefold() in _POSSESSIVES:
        return actor
    return replace(actor, country=country)


def place_targets(events: Sequence[Event], country_names: dict[str, str]) -> list[Event]:
    """The event's place supplies the countries its actors leave unsaid.

    - Domestic bodies without a country ("police", "protesters", "troops") take the
      country of the event's location (see ``_local``).
    - An arrest, detention, expulsion or criminal investigation in a place by no one
      named is the work of that country's authorities: "a missionary was arrested in
      Lebanon" has Lebanon as its source (and then no target from the same place).
    - Violence in a place by no one named is the work of unidentified attackers of
      that country, as event data sets code it ("Unidentified Gunmen (Iraq)"): "a
      roadside bomb near Gao killed three soldiers" has an attacker from Mali as its
      source, with the place's words as its span.
    - An event done in a place names its country as the target when nothing else
      does: "Armenia eased a curfew in Stepanakert", "a bomb exploded in
      Baghdad", "the president threatened a curfew in Algiers", with the place's
      words as the target's span. Not for statements, appeals, meetings and
      diplomatic cooperation, whose place is only where it was said or signed.
    """
    out = []
    for event in events:
        place = event.location
        if place is None or not place.country:
            out.append(event)
            continue
        country = place.country
        sources = tuple(_local(a, country) for a in event.source)
        targets = tuple(_local(a, country) for a in event.target)
        # an investigation (090, 091) is done where it is, not said there
        verbal = "09" <= event.cameo_root <= "13" and event.cameo_code not in _INQUIRIES
        placed = Actor(
            name=country_names.get(country, country),
            text=place.text,
            start=place.start,
            end=place.end,
            country=country,
            kind="country",
        )
        by_state = not sources and event.cameo_code in _STATE_ACTS
        if by_state:
            sources = (placed,)
            targets = tuple(t for t in targets if t.start != place.start)
        elif not sources and event.cameo_root in _VIOLENT_ROOTS:
            sources = (replace(placed, name=UNIDENTIFIED, kind="group"),)
        if (
            not targets
            and not by_state
            and event.cameo_root not in _VENUE_ROOTS
            # a demand, threat or refusal is about the place named after it ("threatened
            # a curfew in Algiers"); a place before it is where it was said ("speaking in
            # Brussels, the minister demanded ...")
            and not (verbal and place.start < event.trigger.start)
        ):
            targets = (placed,)
        if sources != event.source or targets != event.target:
            event = replace(event, source=sources, target=targets)
        out.append(event)
    return out
