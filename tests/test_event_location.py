"""Event location on sentences the project wrote: which place, if any, is where it happened."""

from __future__ import annotations

from located import locate
from newsevents.pipeline import Pipeline


def test_event_location_place_owning_a_person_is_none(pipeline: Pipeline) -> None:
    text = "Haiti's former leader was captured on Tuesday."
    assert locate(pipeline, text, "captured", material=True) is None


def test_event_location_building_a_place_names(pipeline: Pipeline) -> None:
    # A country's or city's name on a building is where things happened there; on a
    # person or a weapon it is the actor ("a U.S. airstrike").
    assert locate(pipeline, "Protesters marched on a Hong Kong hotel on Monday.", "marched") == (
        "Hong Kong"
    )


def test_event_location_over_a_place(pipeline: Pipeline) -> None:
    text = "Jets patrolled the skies over Dhaka on Friday."
    assert locate(pipeline, text, "patrolled", material=True) == "Dhaka"


def test_event_location_owner_of_the_scene_is_weaker(pipeline: Pipeline) -> None:
    text = (
        "In Turkey's latest attempt to end the revolt, troops patrolled villages in "
        "Hakkari province."
    )
    assert locate(pipeline, text, "patrolled", material=True) == "Hakkari"


def test_event_location_scene_in_a_clause_of_its_own(pipeline: Pipeline) -> None:
    # No phrase on the trigger's path: the place the sentence puts things in is the scene.
    text = (
        "Fighting erupted after the police raided a warehouse, and two guards were shot "
        "while the convoy was passing through the outskirts of Mosul."
    )
    assert locate(pipeline, text, "raided", material=True) == "Mosul"


def test_event_location_where_it_was_told_is_not_the_scene(pipeline: Pipeline) -> None:
    told = "A commander was killed on Monday, according to local sources in Nineveh."
    assert locate(pipeline, told, "killed", material=True) is None


def test_event_location_unknown_name_after_in(pipeline: Pipeline) -> None:
    text = "Gunmen killed four villagers in Zangoro on Sunday, Nigerian police said."
    assert locate(pipeline, text, "killed", material=True, countries=("NGA",)) == "Zangoro"


def test_event_location_person_taken_is_no_place(pipeline: Pipeline) -> None:
    text = "The rebels captured Bernard Williams, a British engineer, on Sunday."
    assert locate(pipeline, text, "captured", material=True) is None


def test_event_location_a_post_abroad_is_not_in_its_country(pipeline: Pipeline) -> None:
    # "the US embassy", "a Russian base": the country owns the post, which stands abroad.
    text = "Protesters stormed the US embassy on Friday."
    assert locate(pipeline, text, "stormed", material=True) is None
    text = "Rockets hit a Russian base in Syria on Friday."
    assert locate(pipeline, text, "hit", material=True) == "Syria"


def test_event_location_the_other_side_of_a_border_is_outside(pipeline: Pipeline) -> None:
    text = "Troops shelled farms on Chad's long border with Sudan on Sunday."
    assert locate(pipeline, text, "shelled", material=True) != "Sudan"
