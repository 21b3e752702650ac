"""Linking: claims to denials, and places as the targets of material events."""

from __future__ import annotations

from newsevents.link import place_targets
from newsevents.model import Actor, Event, Place, Span

TEXT = "Serbia eased a strict curfew in Montenegro on Sunday."


def _event(code: str, plover: str, **fields: object) -> Event:
    base: dict[str, object] = {
        "event_id": f"ev-{code}",
        "article_id": "a",
        "plover_type": plover,
        "plover_mode": None,
        "cameo_code": code,
        "trigger": Span(7, 12, "eased"),
        "sentence": Span(0, len(TEXT), TEXT),
        "source": (Actor("Serbia", "Serbia", 0, 6, "SRB", (), "country"),),
        "location": Place("Montenegro", 32, 42, "Montenegro", 42.5, 19.3, "MNE"),
    }
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def test_link_place_is_target_of_material_event() -> None:
    (event,) = place_targets([_event("081", "CONCEDE")], {"MNE": "Montenegro"})
    (target,) = event.target
    assert (target.name, target.country, TEXT[target.start : target.end]) == (
        "Montenegro",
        "MNE",
        "Montenegro",
    )


def test_link_place_is_not_target_of_a_meeting_or_statement() -> None:
    names = {"MNE": "Montenegro"}
    assert place_targets([_event("040", "CONSULT")], names)[0].target == ()
    assert place_targets([_event("043", "CONSULT")], names)[0].target == ()
    # "signed a peace deal in Montenegro": where it was signed, not with whom
    assert place_targets([_event("057", "SUPPORT")], names)[0].target == ()


def test_link_place_is_target_of_a_domestic_threat() -> None:
    # "Montenegro threatened a curfew in Podgorica": the place is what it is done to,
    # even when it is the source's own country.
    own = _event("172", "THREATEN", source=(Actor("Montenegro", "M", 0, 1, "MNE"),))
    (event,) = place_targets([own], {"MNE": "Montenegro"})
    assert [t.country for t in event.target] == ["MNE"]


def test_link_domestic_body_takes_the_country_of_its_place() -> None:
    police = Actor("police", "riot police", 0, 11, None, ("COP",), "sector")
    troops = Actor("troops", "its troops", 0, 10, None, ("MIL",), "sector")
    agency = Actor("agency", "the UN agency", 0, 13, None, ("IGO",), "sector")
    named = Actor("Ali Musa", "Ali Musa", 0, 8, None, (), "person")
    event = _event("173", "COERCE", source=(police,), target=(troops, agency, named))
    (event,) = place_targets([event], {"MNE": "Montenegro"})
    assert [a.country for a in event.source] == ["MNE"]
    # owned by a pronoun, stateless, or a named person: the place says nothing of them
    assert [a.country for a in event.target] == [None, None, None]


def test_link_place_said_before_a_demand_is_a_venue() -> None:
    # "Speaking in Brussels, Serbia demanded ...": the place comes before the trigger.
    venue = _event(
        "100",
        "REQUEST",
        trigger=Span(50, 58, "demanded"),
        location=Place("Brussels", 12, 20, "Brussels", 50.8, 4.3, "BEL"),
    )
    assert place_targets([venue], {"BEL": "Belgium"})[0].target == ()
    # "... threatened a curfew in Montenegro": after the trigger, what it is about.
    (threat,) = place_targets([_event("130", "THREATEN")], {"MNE": "Montenegro"})
    assert [t.country for t in threat.target] == ["MNE"]


def test_link_arrest_by_no_one_named_is_the_state_of_its_place() -> None:
    # "a journalist was arrested in Montenegro": its authorities made the arrest, and
    # the place is not also the one arrested
    reporter = Actor("journalist", "a journalist", 0, 12, "SRB", ("MED",), "sector")
    arrest = _event("173", "COERCE", source=(), target=(reporter,))
    (event,) = place_targets([arrest], {"MNE": "Montenegro"})
    assert [(a.name, a.country) for a in event.source] == [("Montenegro", "MNE")]
    assert [a.country for a in event.target] == ["SRB"]
    (bare,) = place_targets([_event("090", "ACCUSE", source=())], {"MNE": "Montenegro"})
    assert [a.country for a in bare.source] == ["MNE"]
    assert bare.target == ()
    # a named arrester keeps the act; a protest in a place is no act of its state
    police = Actor("police", "Serb police", 0, 11, "SRB", ("COP",), "sector")
    (named,) = place_targets([_event("173", "COERCE", source=(police,))], {"MNE": "Montenegro"})
    assert [a.country for a in named.source] == ["SRB"]
    (protest,) = place_targets([_event("141", "PROTEST", source=())], {"MNE": "Montenegro"})
    assert protest.source == ()


def test_link_violence_by_no_one_named_is_by_unidentified_attackers_of_its_place() -> None:
    # "a bomb near Podgorica killed two soldiers": someone from the place did it
    soldiers = Actor("soldiers", "two Serb soldiers", 0, 17, "SRB", ("MIL",), "sector")
    bombing = _event("183", "ASSAULT", source=(), target=(soldiers,))
    (event,) = place_targets([bombing], {"MNE": "Montenegro"})
    (attacker,) = event.source
    assert (attacker.name, attacker.country, attacker.kind) == (
        "unidentified attackers",
        "MNE",
        "group",
    )
    assert TEXT[attacker.start : attacker.end] == "Montenegro"
    assert [a.country for a in event.target] == ["SRB"]
    # a named attacker keeps the act; so does a threat of violence
    (named,) = place_targets([_event("190", "ASSAULT")], {"MNE": "Montenegro"})
    assert [a.country for a in named.source] == ["SRB"]
    (threat,) = place_targets([_event("138", "THREATEN", source=())], {"MNE": "Montenegro"})
    assert threat.source == ()


def test_link_investigation_is_about_its_place_even_before_it() -> None:
    # "the UN flew inspectors to Montenegro to investigate": where it is done, not said
    un = Actor("United Nations", "UN", 0, 2, None, ("IGO",), "organisation")
    inquiry = _event("090", "ACCUSE", source=(un,), trigger=Span(45, 56, "investigate"))
    (event,) = place_targets([inquiry], {"MNE": "Montenegro"})
    assert [t.country for t in event.target] == ["MNE"]
    # a demand said after the place is still only said there
    demand = _event("100", "REQUEST", source=(un,), trigger=Span(45, 53, "demanded"))
    assert place_targets([demand], {"MNE": "Montenegro"})[0].target == ()
