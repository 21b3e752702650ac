"""Event location on sentences the project wrote: which place, if any, is where it happened."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from located import locate
from newsevents.model import Article, Coded
from newsevents.pipeline import Pipeline
from newsevents.places import event_location
from newsevents.store import Store


def test_event_location_place_owning_a_person_is_none(pipeline: Pipeline) -> None:
    text = "Haiti's former leader was captured on Tuesday."
    assert locate(pipeline, text, "captured", material=True) is None


def test_event_location_building_a_place_names(pipeline: Pipeline) -> None:
    # A country's or city's name on a building is where things happened there; on a
    # person or a weapon it is the actor ("a U.S. airstrike").
    assert locate(pipeline, "Farmers marched on a Nairobi bank on Tuesday.", "marched") == (
        "Nairobi"
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


def test_event_location_name_the_gazetteer_lacks_has_no_coordinates(pipeline: Pipeline) -> None:
    # No known place holds the town and no country is named: the location is the words
    # the text gives, with no coordinates rather than a guess.
    text = "Militiamen patrolled the roads near the town of Qarvelo on Sunday."
    doc = pipeline.resources.nlp(text)
    start = text.index("patrolled")
    where = event_location(
        doc,
        trigger_start=start,
        trigger_end=start + len("patrolled"),
        places=pipeline.places.find(doc),
        object_is_place=True,
    )
    assert where is not None
    assert (where.text, where.lat, where.lon, where.geonameid) == ("Qarvelo", None, None, None)
    assert text[where.start : where.end] == "Qarvelo"


def test_event_location_unknown_district_and_site(pipeline: Pipeline) -> None:
    text = "A roadside bomb exploded in the Zawarni area on Tuesday, police said."
    assert locate(pipeline, text, "exploded", material=True) == "Zawarni"
    text = "About forty students demonstrated outside Belmarro Palace on Friday."
    assert locate(pipeline, text, "demonstrated") == "Belmarro Palace"


def test_event_location_institution_is_no_unknown_place(pipeline: Pipeline) -> None:
    # A nationality or an institution before a place noun names no place.
    text = "Government shelling destroyed many Chechen towns last winter."
    assert locate(pipeline, text, "destroyed", material=True) is None


def test_event_location_without_coordinates_is_stored(pipeline: Pipeline, tmp_path: Path) -> None:
    # Through the whole pipeline, even with no place the gazetteer resolves, into the
    # store: the event keeps the place's words, and its coordinates are null.
    text = "Militiamen patrolled the roads near the town of Qarvelo on Sunday."
    coded = next(iter(pipeline.run([Article(id="q1", text=text)])))
    assert isinstance(coded, Coded)
    located = [e for e in coded.events if e.location is not None]
    assert located and located[0].location is not None
    record = located[0].to_record()["location"]
    assert (record["text"], record["lat"], record["lon"]) == ("Qarvelo", None, None)
    assert not coded.places  # only resolved places are place records
    with Store(tmp_path / "events.duckdb") as store:
        assert store.write(coded)
        rows = store.connection.execute("SELECT location_name, lat, lon FROM events").fetchall()
    assert ("Qarvelo", None, None) in rows


def test_event_location_ground_taken_before_its_container(pipeline: Pipeline) -> None:
    # The place a material act takes or strikes is where it happened; the province
    # beside it only holds it.
    text = "Jets bombed Kunduz in northern Afghanistan overnight."
    assert locate(pipeline, text, "bombed", material=True) == "Kunduz"
    assert locate(pipeline, "Rebels seized Bunia in Ituri province.", "seized", material=True) == (
        "Bunia"
    )
    # A place near the object is a point of reference, not the object.
    text = "Soldiers shot two gunmen near the Zawarni area, north of Kabul."
    assert locate(pipeline, text, "shot", material=True) == "Zawarni"


def test_event_location_where_someone_went_in_another_act(pipeline: Pipeline) -> None:
    text = "The rebels captured an airstrip on Monday and threatened to push into Kinshasa."
    assert locate(pipeline, text, "captured", material=True) is None
    text = "Protesters marched to Kinshasa on Monday."
    assert locate(pipeline, text, "marched") == "Kinshasa"
    # On the way during the act: caught as he tried to slip into a place.
    text = "The smuggler was arrested as he tried to slip into Kenya, police said."
    assert locate(pipeline, text, "arrested", material=True) == "Kenya"


def test_event_location_a_direction_from_a_place_is_a_reference(pipeline: Pipeline) -> None:
    # "X province, west of Y": Y only says where X lies.
    text = (
        "Three policemen were killed when a mine exploded near their truck in Helmand "
        "province, west of Kandahar."
    )
    assert locate(pipeline, text, "killed", material=True) == "Helmand province"


def test_event_location_a_nationality_is_no_unknown_place(pipeline: Pipeline) -> None:
    text = "The pilots were captured in a Slovak forest cabin on Monday."
    assert locate(pipeline, text, "captured", material=True) is None


def test_event_location_a_few_phrases_below_the_trigger(pipeline: Pipeline) -> None:
    text = "Rebels detonated a bomb on a ferry which had docked at the pier in Jolo town on Sunday."
    assert locate(pipeline, text, "detonated", material=True) == "Jolo"


def test_event_location_a_place_after_a_locative_particle(pipeline: Pipeline) -> None:
    # The parser may take "off" for part of the verb and the place for its bare
    # modifier: the place is still where it happened, before the coast that holds it.
    text = "A fishing boat was seized off Kismayo, on Somalia's southern coast."
    assert locate(pipeline, text, "seized", material=True) == "Kismayo"


def test_event_location_a_name_described_as_a_person_is_no_place(pipeline: Pipeline) -> None:
    text = "Police captured Hamza Medina, the network's top financier, in Pakistan."
    assert locate(pipeline, text, "captured", material=True) == "Pakistan"
    # A place in apposition is still the ground taken.
    text = "Rebels captured Kindu, the provincial capital, in Maniema province."
    assert locate(pipeline, text, "captured", material=True) == "Kindu"


def test_event_location_the_aim_of_an_act_is_not_its_scene(pipeline: Pipeline) -> None:
    # "to protect convoys bound for camps in X": where the aim lies, not the patrol.
    text = "Soldiers patrolled the highway to protect convoys bound for camps in Darfur."
    assert locate(pipeline, text, "patrolled", material=True) is None
    # An infinitive the verb needs is the act itself: "were trying to dismantle it in X".
    text = "Two soldiers were hurt while they were trying to dismantle a mine in Mosul."
    assert locate(pipeline, text, "hurt", material=True) == "Mosul"


def test_event_location_what_others_did_meanwhile(pipeline: Pipeline) -> None:
    text = (
        "Nurses demonstrated outside the health ministry on Monday, while thousands of "
        "teachers rallied in Lyon."
    )
    assert locate(pipeline, text, "demonstrated") is None
    # The same people ("they") are still where they were.
    text = (
        "Nurses demonstrated outside the health ministry on Monday while they waited for "
        "talks in Lyon."
    )
    assert locate(pipeline, text, "demonstrated") == "Lyon"


def test_event_location_a_place_set_off_before_its_container(pipeline: Pipeline) -> None:
    # "in A, in B's province of C": A lies inside C.
    text = (
        "Six aid workers were captured by gunmen in the Korengal Valley, in Afghanistan's "
        "eastern province of Kunar, on Monday."
    )
    assert locate(pipeline, text, "captured", material=True) == "Korengal Valley"


def test_event_location_without_coordinates_exports(pipeline: Pipeline, tmp_path: Path) -> None:
    # GDELT's action place: type 0 (no point) with the words kept; POLECAT: no lat/lon.
    from newsevents.export import GDELT_COLUMNS, gdelt_rows, polecat_rows

    text = "Militiamen patrolled the roads near the town of Qarvelo on Sunday."
    coded = next(iter(pipeline.run([Article(id="q2", text=text)])))
    assert isinstance(coded, Coded)
    with Store(tmp_path / "events.duckdb") as store:
        store.write(coded)
        gdelt = [dict(zip(GDELT_COLUMNS, row, strict=True)) for row in gdelt_rows(store)]
        polecat = list(polecat_rows(store))
    placed = [row for row in gdelt if row["ActionGeo_FullName"] == "Qarvelo"]
    assert placed
    assert placed[0]["ActionGeo_Type"] == 0
    assert placed[0]["ActionGeo_Lat"] == "" and placed[0]["ActionGeo_Long"] == ""
    assert polecat


@pytest.mark.parametrize("backend", [100_000, -1], ids=["index", "sql"])
def test_event_location_without_coordinates_in_the_web_api(
    pipeline: Pipeline, tmp_path: Path, backend: int
) -> None:
    # The event list shows the place's words; the map has no point for it.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from newsevents.web import create_app

    texts = [
        ("q3", "Militiamen patrolled the roads near the town of Qarvelo on Sunday."),
        ("q4", "Police fired tear gas at protesters in Nairobi on Monday."),
    ]
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        for coded in pipeline.run([Article(id=i, text=t) for i, t in texts]):
            assert isinstance(coded, Coded)
            store.write(coded)
    with TestClient(create_app(path, cache_mb=0, index_max_events=backend)) as client:
        events = client.get("/api/events", params={"limit": 100}).json()["events"]
        cells = client.get("/api/aggregates", params={"by": "location"}).json()["buckets"]
    named = {e["location_name"]: (e["lat"], e["lon"]) for e in events if e["location_name"]}
    assert named.get("Qarvelo") == (None, None)
    assert "Nairobi" in named
    assert [c["label"] for c in cells] == ["Nairobi"]


def test_event_location_during_an_act_on_a_place(pipeline: Pipeline) -> None:
    text = "Hundreds of civilians were killed during the siege of Sarajevo."
    assert locate(pipeline, text, "killed", material=True) == "Sarajevo"
    text = "Two journalists were killed amid the shelling of Grozny."
    assert locate(pipeline, text, "killed", material=True) == "Grozny"


def test_event_location_unknown_name_takes_its_country_from_context(
    pipeline: Pipeline,
) -> None:
    text = "Gunmen attacked the Zarvane outpost in Helmand province on Monday."
    doc = pipeline.resources.nlp(text)
    start = text.index("attacked")
    where = event_location(
        doc,
        trigger_start=start,
        trigger_end=start + len("attacked"),
        places=pipeline.places.find(doc),
        object_is_place=True,
    )
    assert where is not None
    assert (where.text, where.lat, where.country) == ("Zarvane", None, "AFG")
