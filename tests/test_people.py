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
