"""Local news: the words after a town's name say it is a town, and sometimes whose."""

from __future__ import annotations

from newsevents.pipeline import Pipeline


def _countries(pipeline: Pipeline, text: str, name: str) -> set[str | None]:
    doc = pipeline.resources.nlp(text)
    return {p.country for p in pipeline.places.find(doc) if p.text == name}


def test_places_local_a_middle_school_is_a_towns(pipeline: Pipeline) -> None:
    text = (
        "The book fair moves to the Peru middle school this spring. "
        "Peru parents may bring books on Friday."
    )
    found = _countries(pipeline, text, "Peru")
    assert found and "PER" not in found


def test_places_local_police_by_a_bare_name_are_a_towns(pipeline: Pipeline) -> None:
    found = _countries(
        pipeline, "Peru Police said a man was held after a break-in at a hardware store.", "Peru"
    )
    assert found and "PER" not in found
    # A national police service named in full is still the country's.
    kenya = _countries(
        pipeline, "The Kenya Police Service said two officers were hurt in Nairobi.", "Kenya"
    )
    assert kenya in (set(), {"KEN"})


def test_places_local_a_street_address_is_in_a_town(pipeline: Pipeline) -> None:
    text = "The library sale opens Saturday at the old depot, 18 Maple Ave., Cuba."
    found = _countries(pipeline, text, "Cuba")
    assert found and "CUB" not in found


def test_places_local_north_american_institutions(pipeline: Pipeline) -> None:
    text = "Moscow Junior College will add two nursing programs next fall, its president said."
    assert _countries(pipeline, text, "Moscow") == {"USA"}
    text = "The Moscow Police Department asked drivers to avoid the square."
    assert _countries(pipeline, text, "Moscow") == {"USA"}


def test_places_local_cues_leave_world_news_alone(pipeline: Pipeline) -> None:
    found = _countries(pipeline, "Moscow police said the march ended peacefully.", "Moscow")
    assert found == {"RUS"}
    found = _countries(pipeline, "Jordan closed its border with Syria on Sunday.", "Jordan")
    assert found == {"JOR"}


def _names(pipeline: Pipeline, text: str) -> set[str]:
    return {p.text for p in pipeline.places.find(pipeline.resources.nlp(text))}


def test_places_local_a_name_before_any_noun_is_no_small_place(pipeline: Pipeline) -> None:
    # A small town's name before a noun a town's name comes before is that town.
    assert "Bethel" in _names(pipeline, "A Bethel mason was hurt when a wall fell.")
    assert "Bexley" in _names(pipeline, "Bexley residents packed the meeting on Tuesday.")
    # Before other nouns, only a well-known place by its own name is one: no old
    # name of a German city here, and no Polish town in a patrol car.
    found = _names(pipeline, "Hamas militants fired rockets at Israel on Monday.")
    assert found == {"Israel"}
    assert "Police" not in _names(pipeline, "The Police car was parked on the bridge.")


def test_places_local_the_currency_tips_namesakes_of_one_size(pipeline: Pipeline) -> None:
    dollars = "Worcester will spend $2.3 million on new water mains, the council said."
    pounds = "Worcester will spend £2.3 million on new water mains, the council said."
    assert _countries(pipeline, dollars, "Worcester") == {"USA"}
    assert _countries(pipeline, pounds, "Worcester") == {"GBR"}
    # Too weak to move a capital: dollars in a report from Paris are still Paris's.
    text = "Paris pledged $500 million to the climate fund on Monday."
    assert _countries(pipeline, text, "Paris") == {"FRA"}


def test_places_local_a_word_for_people_is_no_unknown_place(pipeline: Pipeline) -> None:
    from spacy.tokens import Span

    # The model sometimes tags a capitalised "Gunmen" as a place; the actor
    # dictionary knows it as a word for people, so it is not placed on the map.
    doc = pipeline.resources.nlp("Gunmen stormed a checkpoint near Kidal on Monday.")
    doc.ents = [Span(doc, 0, 1, label="GPE")] + [e for e in doc.ents if e.start > 0]
    assert "Gunmen" not in {p.text for p in pipeline.places.find(doc)}


def test_places_local_a_list_is_no_chain_of_containers(pipeline: Pipeline) -> None:
    doc = pipeline.resources.nlp("Flooding hit Oslo, Hedmark and Oppland this week.")
    (oslo,) = [p for p in pipeline.places.find(doc) if p.text == "Oslo"]
    # Oslo keeps its own point: a capital is not moved to a county listed after it.
    assert oslo.lat is not None and abs(oslo.lat - 59.91) < 0.2


def test_places_local_an_ocean_is_in_no_one_country(pipeline: Pipeline) -> None:
    text = (
        "Two Navy ships left San Diego for the Pacific on Monday, officials in "
        "Washington and California said."
    )
    doc = pipeline.resources.nlp(text)
    (ocean,) = [p for p in pipeline.places.find(doc) if p.text == "Pacific"]
    assert ocean.feature_code == "RGN" and ocean.country is None


def test_places_local_countries_back_no_namesake_villages() -> None:
    from newsevents.places import Candidate, _backing, _Toponym

    egypt = Candidate(1, "Egypt", 27.0, 30.0, "EGY", None, "PCLI", 100_000_000)
    village = Candidate(2, "Egypt", 40.1, -83.2, "USA", "OH", "PPL", 600)
    town = Candidate(3, "Medina", 41.1, -81.9, "USA", "OH", "PPL", 26_000)
    city = Candidate(4, "Medina", 24.5, 39.6, "SAU", "05", "PPL", 1_300_000)
    names = [
        _Toponym(0, 5, "Egypt", (egypt, village)),
        _Toponym(10, 16, "Medina", (town, city)),
    ]
    backing = _backing(names, [egypt, city], ["egypt", "medina"])
    # The country stands for itself alone; an ambiguous town offers all its namesakes.
    assert backing == {"egypt": (egypt,), "medina": (town, city)}


def test_places_local_a_county_name_the_model_cut_short(pipeline: Pipeline) -> None:
    doc = pipeline.resources.nlp("Deputies from Otter Tail County searched the lake on Sunday.")
    found = [(p.text, p.country, p.feature_code) for p in pipeline.places.find(doc)]
    assert found == [("Otter Tail County", "USA", "ADM2")]


def test_places_local_parts_that_share_a_name(pipeline: Pipeline) -> None:
    doc = pipeline.resources.nlp("Talks between North and South Korea resumed on Monday.")
    found = [(p.text, p.name, p.country) for p in pipeline.places.find(doc)]
    assert found == [("North", "North Korea", "PRK"), ("South Korea", "South Korea", "KOR")]
    doc = pipeline.resources.nlp("Floods hit North and South Dakota this week.")
    assert [p.admin1 for p in pipeline.places.find(doc)] == ["ND", "SD"]
