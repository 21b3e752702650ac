"""Linking: claims to denials, and places as the targets of material events."""

from __future__ import annotations

from newsevents.link import place_targets
from newsevents.model import Actor, Event, Place, Span

TEXT = "Serbia lifted a night curfew in Montenegro on Sunday."


def _event(code: str, plover: str, **fields: object) -> Event:
    base: dict[str, object] = {
        "event_id": f"ev-{code}",
        "article_id": "a",
        "plover_type": plover,
        "plover_mode": None,
        "cameo_code": code,
        "trigger": Span(7, 13, "lifted"),
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


def test_link_place_is_not_target_of_talk_mobilisation_or_own_country() -> None:
    names = {"MNE": "Montenegro"}
    assert place_targets([_event("112", "ACCUSE")], names)[0].target == ()
    assert place_targets([_event("154", "MOBILIZE")], names)[0].target == ()
    own = _event("081", "CONCEDE", source=(Actor("Montenegro", "M", 0, 1, "MNE"),))
    assert place_targets([own], names)[0].target == ()
