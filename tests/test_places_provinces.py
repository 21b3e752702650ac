"""Provinces, states and counties outside the US, oceans and seas, on sentences the
project wrote."""

from __future__ import annotations

import pytest

from newsevents import places
from newsevents.model import Place
from newsevents.pipeline import Pipeline


def _find(pipeline: Pipeline, text: str) -> dict[str, Place]:
    found = pipeline.places.find(pipeline.resources.nlp(text))
    for place in found:
        assert text[place.start : place.end] == place.text
    return {p.text: p for p in found}


def test_a_province_is_found_over_a_foreign_namesake(pipeline: Pipeline) -> None:
    found = _find(
        pipeline, "Floods cut roads across Pangasinan on Tuesday, officials in Manila said."
    )
    assert found["Pangasinan"].country == "PHL"
    assert abs(found["Pangasinan"].lat - 15.9) < 1.0


def test_a_town_lies_in_the_province_it_is_said_to_be_in(pipeline: Pipeline) -> None:
    # The province carries the admin1 code that its towns carry in GeoNames.
    found = _find(pipeline, "A fire destroyed a market in San Carlos, Pangasinan, on Sunday.")
    assert found["San Carlos"].country == "PHL"
    assert found["San Carlos"].admin1 == found["Pangasinan"].admin1 == "01"


def test_states_of_brazil_and_counties_of_ireland(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Heavy rain hit Santa Catarina and Parana, Brazil's civil defence agency said.",
    )
    assert found["Santa Catarina"].country == "BRA"
    assert found["Santa Catarina"].feature_code == "ADM1"
    irish = _find(pipeline, "Farmers in County Mayo and Galway counted their losses.")
    assert irish["County Mayo"].country == "IRL"
    assert abs(irish["County Mayo"].lon + 9.3) < 1.0


def test_a_division_named_after_its_chief_town_leaves_the_name_to_the_town(
    pipeline: Pipeline,
) -> None:
    city = _find(pipeline, "Police in Puebla arrested three men on Monday.")
    assert city["Puebla"].country == "MEX" and city["Puebla"].feature_code == "PPL"
    state = _find(pipeline, "Troops were sent to Puebla state on Monday.")
    assert state["Puebla"].feature_code == "ADM1"
    said = _find(pipeline, "Floods hit the state of Oaxaca, and the city of Puebla was spared.")
    assert said["Oaxaca"].feature_code == "ADM1"
    assert said["Puebla"].feature_code == "PPL"


def test_a_province_keeps_its_name_where_a_namesake_town_lies_far_away(
    pipeline: Pipeline,
) -> None:
    province = _find(pipeline, "Mine workers in Mpumalanga went on strike on Friday.")
    assert province["Mpumalanga"].feature_code == "ADM1"
    town = _find(pipeline, "Residents of the town of Mpumalanga, near Durban, marched.")
    assert town["Mpumalanga"].feature_code == "PPL"


def test_a_name_the_parser_cut_short_is_read_to_its_end(pipeline: Pipeline) -> None:
    found = _find(
        pipeline, "Cases rose in Sao Paulo, Rio de Janeiro and Rio Grande do Sul on Friday."
    )
    assert "Rio Grande do Sul" in found
    assert found["Rio Grande do Sul"].country == "BRA"
    assert abs(found["Rio Grande do Sul"].lat + 30.0) < 1.5


def test_an_ocean_is_no_town(pipeline: Pipeline) -> None:
    found = _find(pipeline, "The storm formed over the Atlantic and moved toward Bermuda.")
    assert found["Atlantic"].feature_code == "RGN"
    assert found["Atlantic"].country is None
    assert found["Atlantic"].lon < -10


def test_divisions_table_is_well_formed() -> None:
    from importlib import resources

    rows = places._divisions(resources.files("newsevents") / "data" / "places" / "divisions.tsv")
    assert len(rows) > 400
    seen: set[tuple[str | None, str]] = set()
    for row in rows:
        for alias in row.aliases:
            assert (row.candidate.country, alias) not in seen, alias  # one entry a name
            seen.add((row.candidate.country, alias))
        here = row.candidate
        assert here.feature_code in ("ADM1", "RGN")
        assert -90 <= here.lat <= 90 and -180 <= here.lon <= 180
        assert here.country and len(here.country) == 3
        assert row.aliases and "(" not in here.name
        # No bare side or generic word stands for a division.
        assert not set(row.aliases) & {"central", "western", "eastern", "north", "south"}


@pytest.mark.parametrize("name", ["Fife", "Somme", "Jutland", "East Java", "Laguna"])
def test_divisions_are_in_the_index(pipeline: Pipeline, name: str) -> None:
    candidates = pipeline.places.gazetteer.candidates(name)
    assert any(c.feature_code in ("ADM1", "RGN") for c in candidates)


def test_a_first_level_region_by_its_initials(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Bushfires burned across NSW on Saturday, officials said.")
    assert found["NSW"].country == "AUS"


def test_short_forms_of_saint_and_mount_are_one_name(pipeline: Pipeline) -> None:
    assert places.normalise_name("St. Louis") == places.normalise_name("Saint Louis")
    assert places.normalise_name("Mt Pleasant") == places.normalise_name("Mount Pleasant")
    assert places.normalise_name("Main St.") == "main st"
    found = _find(pipeline, "The cruise ship docked in St. Kitts and Nevis on Monday.")
    assert found["St. Kitts and Nevis"].country == "KNA"


def test_a_part_of_a_city_named_with_a_hyphenated_side(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Hail damaged homes in Moonbi and in South-Eastern Sydney on Monday.")
    sydney = next(p for p in found.values() if p.name == "Sydney")
    assert sydney.country == "AUS" and abs(sydney.lat + 33.87) < 0.5


def test_county_shortened_to_co(pipeline: Pipeline) -> None:
    assert places.normalise_name("Bibb Co.") == places.normalise_name("Bibb County")
    assert places.normalise_name("Co. Mayo") == places.normalise_name("County Mayo")
    found = _find(pipeline, "Sheep were stolen from a farm in Co. Mayo last week.")
    assert next(p for p in found.values() if p.name == "County Mayo").country == "IRL"


def test_regions_of_georgia_and_canada(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Shelling was reported in the Kodori Gorge and in Svaneti, Georgia.")
    assert found["Svaneti"].country == "GEO"
    assert found["Kodori Gorge"].country == "GEO"


def test_a_london_area_is_not_its_namesake_abroad(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Thousands marched down Piccadilly towards Westminster on Saturday.")
    assert found["Piccadilly"].country == "GBR"
