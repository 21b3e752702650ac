"""People the news names without their country: the people dictionary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.actors import ActorDictionary
from newsevents.model import Article

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline


def test_people_full_name_alias_and_surname(pipeline: Pipeline) -> None:
    people = pipeline.resources.actors
    assert people.person("Vladimir Putin") == ("Vladimir Putin", "RUS", ("GOV",))
    assert people.person("Putin") == ("Vladimir Putin", "RUS", ("GOV",))
    assert people.person("Moammar Gadhafi") is not None
    assert people.person("Gadhafi")[1] == "LBY"  # type: ignore[index]
    # Too common alone, or unknown with that first name.
    assert people.person("Khan") is None
    assert people.person("Sadiq Khan") is None


def test_people_give_the_country_of_the_speaker(pipeline: Pipeline) -> None:
    text = "Putin accused Ukraine of shelling the power plant on Monday."
    coded = pipeline.code_article(Article(id="p1", text=text))
    accuse = [e for e in coded.events if e.plover_type == "ACCUSE"]
    assert accuse and accuse[0].source[0].country == "RUS"
    assert accuse[0].source[0].text == "Putin"


def test_people_from_a_user_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("people:\n  - {name: Amina Wanjiru Odhiambo, country: KEN, sectors: [LEG]}\n")
    actors = ActorDictionary.load(extra_files=[extra])
    assert actors.person("Amina Wanjiru Odhiambo") == ("Amina Wanjiru Odhiambo", "KEN", ("LEG",))
    assert actors.person("Odhiambo") == ("Amina Wanjiru Odhiambo", "KEN", ("LEG",))


def test_people_unknown_name_placed_by_a_demonym_on_its_title(pipeline: Pipeline) -> None:
    # a name the parser does not tag as a person: the demonym on its title places it,
    # not the country of the police who hold it
    text = "Kenyan police arrested suspected British smuggler Imran Sadiq Tahir in Mombasa."
    events = pipeline.code_article(Article(id="t", text=text)).events
    targets = [a for e in events for a in e.target if "Tahir" in a.name]
    assert targets
    assert {a.country for a in targets} == {"GBR"}


def test_people_an_official_of_a_stateless_body_has_no_country(pipeline: Pipeline) -> None:
    """ "UN Secretary-General ...": not of the country the sentence is about."""
    for text in (
        "UN Secretary-General Amara Tindale condemned the shelling in Yemen on Monday.",
        "Secretary-General Amara Tindale of the United Nations condemned the shelling in Yemen.",
    ):
        coded = pipeline.code_article(Article(id="p2", text=text))
        accuse = [e for e in coded.events if e.plover_type == "ACCUSE"]
        assert accuse, [(e.plover_type, e.trigger.text) for e in coded.events]
        (official,) = accuse[0].source
        assert "Tindale" in official.text
        assert official.country is None
        assert "IGO" in official.sectors
    text = "Yemeni Foreign Minister Amara Tindale condemned the shelling in Aden on Monday."
    coded = pipeline.code_article(Article(id="p3", text=text))
    assert [a.country for e in coded.events for a in e.source] == ["YEM"]


def test_people_placed_by_the_national_body_their_sentence_names(pipeline: Pipeline) -> None:
    """A titled person in a sentence that names no country but a national body."""
    text = "President Amara Tindale accused UNITA of breaking the truce."
    coded = pipeline.code_article(Article(id="p4", text=text))
    sources = [a for e in coded.events for a in e.source if "Tindale" in a.text]
    assert sources and all(a.country == "AGO" for a in sources)


def test_people_not_of_the_country_they_act_on(pipeline: Pipeline) -> None:
    """A person the text does not place is not of the country named after them only as
    what they act on; one named after it may be."""
    for text in (
        "Archbishop Amara Tindale urged sanctions against Zimbabwe on Friday.",
        "Foreign Minister Amara Tindale condemned Israel on Monday.",
    ):
        coded = pipeline.code_article(Article(id="p5", text=text))
        people = [a for e in coded.events for a in e.source if "Tindale" in a.text]
        assert people and all(a.country is None for a in people), people
    coded = pipeline.code_article(Article(id="p6", text="Nigeria arrested Amara Tindale."))
    people = [a for e in coded.events for a in e.target if "Tindale" in a.text]
    assert people and all(a.country == "NGA" for a in people), people
