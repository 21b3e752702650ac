"""Place recognition, disambiguation and event location on sentences the project wrote."""

from __future__ import annotations

from located import locate
from newsevents.model import Place
from newsevents.pipeline import Pipeline


def _find(pipeline: Pipeline, text: str) -> dict[str, Place]:
    places = pipeline.places.find(pipeline.resources.nlp(text))
    for place in places:
        assert text[place.start : place.end] == place.text
    return {p.text: p for p in places}


def test_places_inside_institution_names(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Officers of the Shreveport Police Department arrested two men, and a student "
        "at the University of Benghazi was hurt, the Washington Post reported.",
    )
    assert found["Shreveport"].country == "USA" and found["Shreveport"].admin1 == "LA"
    assert found["Benghazi"].country == "LBY"
    assert "Washington" not in found and "Washington Post" not in found


def test_places_county_tells_which_namesake(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Athens firefighters put out a blaze on Monday, a spokesman for the "
        "Clarke County sheriff said.",
    )
    assert found["Clarke County"].feature_code == "ADM2"
    assert (found["Athens"].country, found["Athens"].admin1) == ("USA", "GA")
    elsewhere = _find(pipeline, "Protesters gathered in Alexandria and Cairo on Friday.")
    assert elsewhere["Alexandria"].country == "EGY"


def test_places_constituent_countries_are_regions(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Floods closed roads across Wales and northern England.")
    assert found["Wales"].feature_code == "RGN" and found["Wales"].country == "GBR"
    assert found["England"].name == "England"


def test_places_name_the_gazetteer_lacks_stands_at_its_holder(pipeline: Pipeline) -> None:
    text = "Shelling hit the village of Tal Zurqabiya, near Aleppo, on Monday."
    found = _find(pipeline, text)
    village, aleppo = found["Tal Zurqabiya"], found["Aleppo"]
    assert village.geonameid is None and village.confidence < 0.5
    assert (village.lat, village.lon, village.country) == (aleppo.lat, aleppo.lon, "SYR")
    # With no known place beside it there is nothing to stand at: no guess.
    assert "Tal Zurqabiya" not in _find(pipeline, "Shelling hit the village of Tal Zurqabiya.")


def test_places_dates_and_acronyms_are_not_places(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Talks resumed in May in Geneva, and three SDF fighters were wounded in Raqqa.",
    )
    assert set(found) == {"Geneva", "Raqqa"}


def test_places_part_of_a_place(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Heavy rain hit North Georgia on Monday, flooding roads near Atlanta.")
    assert found["Georgia"].country == "USA"
    assert "Northern Europe" not in _find(pipeline, "The virus spread across Northern Europe.")


def test_event_location_from_the_head_of_a_long_trigger(pipeline: Pipeline) -> None:
    text = "Scores of people were killed in clashes in Yemen's Marib province on Tuesday."
    assert locate(pipeline, text, "Scores of people were killed", material=True) == "Marib"


def test_event_location_direction_phrase(pipeline: Pipeline) -> None:
    text = "A judge was shot dead in a village southwest of Kirkuk."
    assert locate(pipeline, text, "shot", material=True) == "Kirkuk"


def test_event_location_country_as_actor_is_not_the_place(pipeline: Pipeline) -> None:
    text = "The commander was killed in a U.S. airstrike last week."
    assert locate(pipeline, text, "killed", material=True) is None
    told = "Two guards were killed, according to police sources in Mosul."
    assert locate(pipeline, told, "killed", material=True) is None


def test_places_county_stands_among_its_towns(pipeline: Pipeline) -> None:
    text = (
        "Deputies from Stearns County searched a lake near Sauk Centre, Minn., and "
        "divers from Melrose, Minn., joined them."
    )
    found = _find(pipeline, text)
    county, towns = found["Stearns County"], [found["Sauk Centre"], found["Melrose"]]
    assert county.admin1 == "MN" and county.feature_code == "ADM2"
    assert county.lat == round(sum(t.lat for t in towns) / 2, 4)
    assert county.lon == round(sum(t.lon for t in towns) / 2, 4)


def test_event_location_narrower_place_on_a_tie(pipeline: Pipeline) -> None:
    text = "A roadside bomb killed two people in the Zuhour Kadim neighbourhood of Baghdad."
    assert locate(pipeline, text, "killed", material=True) == "Zuhour Kadim"


def test_places_lone_sentence_name_stands_at_the_actors_country(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed in Tal Zurqabiya on Monday."
    doc = pipeline.resources.nlp(text)
    found = pipeline.places.find(doc, context_countries=["SYR"])
    assert [(p.text, p.country, p.confidence) for p in found] == [("Tal Zurqabiya", "SYR", 0.2)]
    assert pipeline.places.find(doc) == []


def test_event_location_origin_of_a_person_is_not_the_place(pipeline: Pipeline) -> None:
    text = "A bus conductor from Accra was shot dead by robbers on Monday."
    assert locate(pipeline, text, "shot", material=True) is None
    there = "A bus conductor was shot dead by robbers in Accra on Monday."
    assert locate(pipeline, there, "shot", material=True) == "Accra"


def test_places_country_name_counted_by_the_actors_is_no_evidence(pipeline: Pipeline) -> None:
    text = "Storms hit Athens and Monroe. Georgia officials said Georgia roads were closed."
    doc = pipeline.resources.nlp(text)
    # The actor resolver counts each "Georgia" as the country GEO; that echo must not
    # outweigh the Georgia towns around it.
    found = pipeline.places.find(doc, context_countries=["GEO", "GEO"])
    georgia = [(p.country, p.feature_code) for p in found if p.text == "Georgia"]
    assert georgia == [("USA", "ADM1"), ("USA", "ADM1")]
    assert {p.admin1 for p in found if p.text in ("Athens", "Monroe")} == {"GA"}


def test_places_own_mentions_are_no_evidence(pipeline: Pipeline) -> None:
    # "Lebanon" said three times is no reason for the country: the Indiana town beside
    # it says which Lebanon.
    found = _find(
        pipeline,
        "Lebanon firefighters and Lebanon police were called to a fire on Monday. The "
        "Lebanon fire chief said crews from Zionsville helped.",
    )
    assert (found["Lebanon"].country, found["Lebanon"].admin1) == ("USA", "IN")


def test_places_streets_stand_in_the_article_town(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "A man who lives on Cedar Hollow Road in Dyersburg, Tenn., was arrested on Sunday. "
        "Police also searched a house on S. Maple St. and another on Denver Street.",
    )
    for street in ("Cedar Hollow Road", "S. Maple St.", "Denver Street"):
        assert found[street].feature_code == "PPLX"
        assert (found[street].country, found[street].admin1) == ("USA", "TN")
    assert "Denver" not in found  # a street named after a city is not that city


def test_places_dateline_in_capitals(pipeline: Pipeline) -> None:
    found = _find(pipeline, "MERIDEN — The Town Council approved the budget on Monday.")
    assert (found["MERIDEN"].country, found["MERIDEN"].admin1) == ("USA", "CT")


def test_places_area_word_says_the_kind(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Apples from a Washington state orchard were recalled on Monday.")
    assert found["Washington"].feature_code == "ADM1" and found["Washington"].admin1 == "WA"
    city = _find(pipeline, "Hundreds fled the city of Tikrit and villages in Diyala province.")
    assert str(city["Tikrit"].feature_code).startswith("PPL")


def test_places_container_after_in_and_one_sense(pipeline: Pipeline) -> None:
    found = _find(pipeline, "The plant in Lebanon, in Boone County, will close.")
    assert found["Lebanon"].country == "USA"
    text = (
        "Columbus, in Bartholomew County, Indiana, reported most of the flu cases. "
        "Doctors in Bartholomew County said more were expected."
    )
    places = pipeline.places.find(pipeline.resources.nlp(text))
    named = ("Columbus", "Bartholomew County")
    assert [(p.text, p.admin1) for p in places if p.text in named] == [
        ("Columbus", "IN"),
        ("Bartholomew County", "IN"),
        ("Bartholomew County", "IN"),
    ]


def test_places_english_county_and_generic_words(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Bird flu was confirmed at a poultry unit in Surrey, officials said.")
    assert found["Surrey"].country == "GBR"
    assert "East" not in _find(pipeline, "The wall ran between East and West Berlin for decades.")


def test_places_unknown_name_in_a_lone_sentence(pipeline: Pipeline) -> None:
    # A name the gazetteer lacks, after "in", with no known place beside it: it stands
    # at the country the actors belong to, with the lowest confidence.
    text = "Gunmen killed four villagers in Zangoro on Sunday, Nigerian police said."
    places = pipeline.places.find(pipeline.resources.nlp(text), context_countries=["NGA"])
    assert [(p.text, p.country, p.confidence) for p in places] == [("Zangoro", "NGA", 0.2)]


def test_places_other_mentions_of_a_known_place(pipeline: Pipeline) -> None:
    text = "FINDLAY -- Findlay Mayor Ann Blake wants a new park by the river."
    places = pipeline.places.find(pipeline.resources.nlp(text))
    assert [p.text for p in places] == ["FINDLAY", "Findlay"]
    assert places[0].name == places[1].name


def test_places_a_speaker_is_no_place(pipeline: Pipeline) -> None:
    text = "Jordan said on Monday that troops from Jordan would stay. Michael Jordan agreed."
    places = pipeline.places.find(pipeline.resources.nlp(text))
    assert [(p.text, p.start) for p in places] == [("Jordan", text.index("from Jordan") + 5)]


def test_places_town_named_with_a_common_word(pipeline: Pipeline) -> None:
    text = (
        "A spokesman for the Dalton Area Chamber of Commerce praised the Liberal "
        "leader, and the fair moved to Commerce, Ga."
    )
    places = pipeline.places.find(pipeline.resources.nlp(text))
    named = [(p.text, p.start) for p in places if p.text in ("Commerce", "Liberal")]
    assert named == [("Commerce", text.rindex("Commerce"))]


def test_places_county_lies_with_the_article_towns(pipeline: Pipeline) -> None:
    text = (
        "A Cleveland man was detained outside Cleveland City Hall by Sgt. Ray Dunn on Monday. "
        "He is to appear in Bradley County General Sessions Court on Friday."
    )
    places = pipeline.places.find(pipeline.resources.nlp(text))
    assert "Sgt" not in [p.text for p in places]  # a title, not Stuttgart
    states = {(p.text, p.admin1) for p in places if p.text in ("Cleveland", "Bradley County")}
    assert len({admin1 for _, admin1 in states}) == 1, states


def test_places_province_holds_its_towns(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Council in London voted on Tuesday to widen two roads, the Ontario "
        "transport ministry said.",
    )
    assert found["Ontario"].country == "CAN" and found["Ontario"].admin1 == "08"
    assert (found["London"].country, found["London"].admin1) == ("CAN", "08")


def test_places_part_of_a_person_name_is_the_person(pipeline: Pipeline) -> None:
    text = (
        "A car driven by Jessica Kay, 18, left the road on Friday. "
        "Kay was taken to a hospital in Dallas, police said."
    )
    found = _find(pipeline, text)
    assert "Kay" not in found  # not Kayes in Mali
    assert found["Dallas"].country == "USA"
    # A well-known place stays a place, whoever shares its name.
    assert "Paris" in _find(pipeline, "Jane Paris, 41, flew to Paris on Monday.")


def test_places_named_state_guides_namesakes(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Decatur city commissioners met on Monday with leaders from Lebanon, Springfield "
        "and Dayton. Georgia lawmakers said Decatur could grow.",
    )
    assert found["Georgia"].feature_code == "ADM1"
    assert (found["Decatur"].country, found["Decatur"].admin1) == ("USA", "GA")


def test_event_location_place_inside_its_container(pipeline: Pipeline) -> None:
    text = (
        "Two workers were killed in a fire at Iraq's largest cement plant in the "
        "port city of Basra."
    )
    assert locate(pipeline, text, "killed") == "Basra"
    text = "A man detonated a grenade outside a bank in Chechnya's regional capital Grozny."
    assert locate(pipeline, text, "detonated") == "Grozny"
    assert locate(pipeline, "Police arrested three men in Paris on Monday.", "arrested") == "Paris"


def test_places_bare_names_in_a_list_of_counties(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Snow closed schools in Polk, Story and Boone counties on Tuesday, officials said.",
    )
    for name in ("Polk", "Story", "Boone"):
        assert found[name].feature_code == "ADM2", name
        assert found[name].name == f"{name} County"


def test_places_legislator_home_town(pipeline: Pipeline) -> None:
    text = "The bill's sponsor, Rep. Dana Keller, R-Tullahoma, said the vote was close."
    found = _find(pipeline, text)
    assert found["Tullahoma"].country == "USA" and found["Tullahoma"].admin1 == "TN"


def test_places_a_list_of_states_names_states(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Cases of the illness were reported in Oregon, Washington, Pennsylvania and Ohio.",
    )
    assert found["Washington"].feature_code == "ADM1" and found["Washington"].admin1 == "WA"
    assert found["Pennsylvania"].feature_code == "ADM1"


def test_places_town_unknown_in_its_region_stands_at_the_region(pipeline: Pipeline) -> None:
    found = _find(pipeline, "A dead swan was found near Fife, Scotland, on Monday.")
    assert found["Fife"].country == "GBR" and found["Fife"].admin1 == "SCT"
    assert found["Fife"].geonameid is None


def test_places_names_listed_beside_places(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Shelters opened in Hutchinson, Kingman and Pratt after the ice storm, and crews "
        "from Ellsworth and Lyons helped.",
    )
    for name in ("Kingman", "Pratt", "Lyons"):
        assert found[name].country == "USA", name
    assert found["Kingman"].admin1 == "KS"


def test_places_joined_by_a_hyphen_or_slash(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Snowplows worked through the night in Fargo-Moorhead.")
    assert found["Fargo"].admin1 == "ND" and found["Moorhead"].admin1 == "MN"
    assert "Rwanda" in _find(pipeline, "Refugees crossed from Burundi/Rwanda last week.")


def test_places_inside_party_and_bank_names(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "The Iowa Democratic Party and the Bank of Canada issued statements, and the "
        "West Bank Health Ministry said it had no figures.",
    )
    assert found["Iowa"].feature_code == "ADM1"
    assert found["Canada"].country == "CAN"
    assert found["West Bank"].country == "PSE"


def test_places_part_of_a_province_stands_at_the_province(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Measles cases rose in West Kasai province this month.")
    assert found["Kasai"].country == "COD" and found["Kasai"].feature_code == "RGN"


def test_places_in_names_with_titles_and_residences(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Litchfield Selectman Mary Hall spoke first, and Carla Reyes of Southlake and "
        "workers at Georgia Modular Systems joined her. The Atlanta Journal-Constitution "
        "and The Moscow Times covered it.",
    )
    assert found["Litchfield"].country == "USA"
    assert found["Southlake"].admin1 == "TX"
    assert found["Georgia"].feature_code in ("ADM1", "PCLI")
    assert "Mary Hall" not in found and "Hall" not in found
    assert "Atlanta" not in found and "Moscow" not in found


def test_places_own_name_beats_an_old_name(pipeline: Pipeline) -> None:
    found = _find(pipeline, "The Berea City Council voted on the budget on Monday.")
    assert found["Berea"].country == "USA"


def test_places_hyphenated_firm_is_no_pair_of_towns(pipeline: Pipeline) -> None:
    found = _find(pipeline, "Shoppers at the Wal-Mart on Main Street were evacuated.")
    assert "Wal" not in found and "Mart" not in found


def test_places_abbreviated_sides_and_school_names(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Fire damaged a house in S.E. Rochester on Monday. Later, Lexington North beat "
        "Columbus East in the regional final.",
    )
    assert any(p.name == "Rochester" for p in found.values())
    assert any(p.name == "Columbus" for p in found.values())


def test_places_town_tagged_as_a_common_noun_echoes_the_place(pipeline: Pipeline) -> None:
    text = (
        "Chicopee residents discuss a land purchase. Officials in Chicopee said the "
        "vote would come in May."
    )
    places = pipeline.places.find(pipeline.resources.nlp(text))
    assert [p.start for p in places if p.text == "Chicopee"] == [0, text.rindex("Chicopee")]


def test_places_tagged_name_the_gazetteer_lacks_stands_in_the_local_town(
    pipeline: Pipeline,
) -> None:
    text = (
        "Flooding closed two roads in Wichita on Monday. Officials in Wichita said so. "
        "The water rose fastest in Quenbrook Gardens, where crews worked all night."
    )
    found = _find(pipeline, text)
    garden, town = found["Quenbrook Gardens"], found["Wichita"]
    assert (garden.lat, garden.lon, garden.country) == (town.lat, town.lon, "USA")
    assert garden.confidence < 0.5
    # Towns of several countries make no local news: no guess there.
    abroad = _find(
        pipeline,
        "Officials in Wichita and in Lyon met on Monday. They spoke about Quenbrook "
        "Gardens at length, and the mayor of Lyon said more on Tuesday in a long speech.",
    )
    assert "Quenbrook Gardens" not in abroad


def test_places_firm_named_after_a_city_and_based_in_a_town(pipeline: Pipeline) -> None:
    found = _find(
        pipeline,
        "Fans of the Oakland Tigers cheered, and the Tullahoma-based maker of pumps "
        "said it would hire 40 people.",
    )
    assert found["Oakland"].country == "USA"
    assert found["Tullahoma"].admin1 == "TN"


def test_places_listed_names_far_from_the_place_beside_them_are_not_places(
    pipeline: Pipeline,
) -> None:
    found = _find(pipeline, "The band played in Chicago, and Smith and Jones sang.")
    assert set(found) == {"Chicago"}
    teams = _find(pipeline, "The Minnesota Vikings beat the Green Bay Packers on Sunday.")
    assert teams["Green Bay"].admin1 == "WI"
