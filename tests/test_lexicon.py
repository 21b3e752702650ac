"""The trigger lexicon: every CAMEO code covered, every trigger valid and on one code, and
real parses of short news-style sentences coded to the most specific code their words
support, without coding ordinary words that only look like events."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from newsevents.actors import ActorDictionary, ActorResolver
from newsevents.config import Settings
from newsevents.events import EventCoder, Lexicon
from newsevents.parse import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language

    from newsevents.model import Event


def _yaml(name: str) -> list[dict[str, Any]]:
    path = resources.files("newsevents") / "data" / "events" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_lexicon_every_cameo_code_has_a_trigger() -> None:
    lexicon = Lexicon.load()
    covered = {
        trigger.code
        for index in (lexicon.verbs, lexicon.nouns)
        for triggers in index.values()
        for trigger in triggers
    }
    assert len(lexicon.codes) >= 290
    assert sorted(set(lexicon.codes) - covered) == []


def test_lexicon_every_trigger_names_a_code_of_the_codebook() -> None:
    codes = {str(item["code"]) for item in _yaml("cameo.yaml")}
    entries = _yaml("lexicon.yaml")
    assert [str(e["code"]) for e in entries if str(e["code"]) not in codes] == []
    assert [str(e["code"]) for e in entries if not (e.get("verbs") or e.get("nouns"))] == []
    assert len({str(e["code"]) for e in entries}) == len(entries)  # one entry per code


def test_lexicon_no_trigger_on_two_codes() -> None:
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for entry in _yaml("lexicon.yaml"):
        code = str(entry["code"])
        for kind in ("verbs", "nouns"):
            for phrase in entry.get(kind) or []:
                key = (kind, " ".join(str(phrase).casefold().split()))
                if seen.setdefault(key, code) != code:
                    clashes.append((key, seen[key], code))
    assert clashes == []


@pytest.fixture(scope="module")
def code() -> Any:
    settings = Settings()
    nlp: Language = load_nlp(settings.spacy_model, fast=settings.fast)
    actors = ActorDictionary.load()
    coder = EventCoder(Lexicon.load())

    def run(text: str) -> list[Event]:
        doc = nlp(text)
        return coder.code(doc, ActorResolver(doc, actors), article_id="t")

    return run


@pytest.mark.parametrize(
    ("text", "cameo", "trigger"),
    [
        (
            "Opposition lawmakers demanded the resignation of the Kenyan prime minister.",
            "1041",
            "demanded the resignation",
        ),
        (
            "The Somali government appealed for food aid after the harvest failed.",
            "0233",
            "appealed for food aid",
        ),
        (
            "Russian hackers hacked into the computers of the German parliament.",
            "176",
            "hacked into",
        ),
        ("Israel allowed aid convoys into Gaza on Sunday.", "0863", "allowed aid convoys"),
        ("The rebels declared a ceasefire on Friday.", "0871", "declared a ceasefire"),
        (
            "The Egyptian government lifted the curfew in Cairo on Monday.",
            "0813",
            "lifted the curfew",
        ),
        (
            "Hundreds of rebel fighters laid down their weapons in Goma.",
            "0873",
            "laid down their weapons",
        ),
        ("Britain suspended humanitarian aid to Yemen.", "1623", "suspended humanitarian aid"),
        ("Qatar halted its mediation between the two factions.", "165", "halted its mediation"),
        ("Iraq expelled UN weapons inspectors in 1998.", "1662", "expelled UN weapons inspectors"),
        (
            "Thousands of Georgians took to the streets of Tbilisi on Saturday.",
            "141",
            "took to the streets",
        ),
        ("Protesters blocked roads into the Bolivian capital.", "144", "blocked roads"),
        (
            "Jailed Turkish activists went on hunger strike on Monday.",
            "142",
            "went on hunger strike",
        ),
        (
            "Venezuelan authorities confiscated the land of three farmers.",
            "1711",
            "confiscated the land",
        ),
        ("The Peruvian prime minister resigned on Sunday.", "0831", "resigned"),
        ("Kenyan police fired tear gas at the protesters in Nairobi.", "175", "fired tear gas"),
        ("The Thai army imposed martial law on Tuesday.", "1724", "imposed martial law"),
        ("Italy suspended flights to Serbia.", "161", "suspended flights"),
        ("North Korea threatened to cut ties with South Korea.", "1313", "threatened to cut ties"),
        ("Iran refused to extradite the suspects to France.", "1213", "refused to extradite"),
        (
            "The Syrian army used civilians as human shields, the United Nations said.",
            "184",
            "used civilians as human shields",
        ),
        ("The Israeli army evacuated the settlements in Gaza.", "087", "evacuated the settlements"),
        (
            "Police prevented a demonstration by students in Ankara.",
            "172",
            "prevented a demonstration",
        ),
        (
            "The Pakistani government withdrew its ambassador from Kabul.",
            "161",
            "withdrew its ambassador",
        ),
        ("Algeria reimposed a blockade on the border town.", "191", "reimposed a blockade"),
        # modifiers follow their noun in the trigger: "fire gas tear", "cut aid military"
        (
            "The government threatened to impose martial law in the capital.",
            "1324",
            "threatened to impose martial law",
        ),
        ("Israeli jets launched air strikes on targets in Gaza.", "195", "launched air strikes"),
        (
            "Militants detonated a car bomb outside the ministry in Baghdad.",
            "1832",
            "detonated a car bomb",
        ),
        (
            "Taliban fighters planted roadside bombs on the highway.",
            "1833",
            "planted roadside bombs",
        ),
        (
            "Two suicide bombers blew themselves up at a checkpoint in Kabul.",
            "1831",
            "blew themselves up",
        ),
        (
            "Syrian forces used chemical weapons against civilians in Ghouta.",
            "2041",
            "used chemical weapons",
        ),
        (
            "The rebels pledged humanitarian aid to the refugees.",
            "0333",
            "pledged humanitarian aid",
        ),
        ("The United States cut military aid to Egypt.", "1622", "cut military aid"),
        (
            "Russia launched a cyber attack on Estonian government websites.",
            "176",
            "launched a cyber attack",
        ),
        (
            "Militias carried out ethnic cleansing in the valley.",
            "203",
            "carried out ethnic cleansing",
        ),
        ("Protesters threw petrol bombs at police in Belfast.", "145", "threw petrol bombs"),
        (
            "The Colombian president announced a cease-fire with the ELN.",
            "0871",
            "cease-fire",
        ),
        (
            "The rebels agreed to a cease-fire with the army in Darfur.",
            "0356",
            "agreed to a cease-fire",
        ),
        # the small model lemmatizes "staged" as stag, "hoped" as hop, "waged" as wag
        ("Opposition supporters staged a rally in Lusaka on Sunday.", "141", "staged a rally"),
        ("The minister said she hoped the talks would resume.", "013", "hoped"),
        ("Rebels waged war on the government for a decade.", "190", "waged war"),
        (
            "Both sides violated the ceasefire agreement, the monitors said.",
            "196",
            "violated the ceasefire agreement",
        ),
        ("The Kenyan government said it agrees with the World Bank.", "019", "agrees with"),
    ],
)
def test_lexicon_codes_the_specific_code(code: Any, text: str, cameo: str, trigger: str) -> None:
    events = code(text)
    assert (cameo, trigger) in {(e.cameo_code, e.trigger.text) for e in events}, events
    codebook = Lexicon.load().codes[cameo]
    assert all(e.plover_type == codebook.plover for e in events if e.cameo_code == cameo)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("The Kenyan parliament drafted a resolution on the border dispute.", "15"),
        ("The Nigerian government shut down the refinery for repairs.", "14"),
        ("The Indian government eliminated tariffs on Japanese cars.", "18"),
        ("The French president gave a speech in Paris on Monday.", "08"),
        ("The Brazilian court quashed the conviction of the former governor.", "17"),
        ("The Mexican government took out a loan from the World Bank.", "18"),
        ("Thousands of protesters gathered outside the Serbian parliament.", "04"),
        ("Dutch police have trained eagles to catch drones.", "06"),
    ],
)
def test_lexicon_ordinary_words_are_no_event(code: Any, text: str, root: str) -> None:
    assert [e.cameo_code for e in code(text) if e.cameo_code.startswith(root)] == []


def test_lexicon_equal_triggers_try_the_more_specific_code_first() -> None:
    lexicon = Lexicon.load()
    for index in (lexicon.verbs, lexicon.nouns):
        for triggers in index.values():
            keys = [(len(t.words), len(t.code)) for t in triggers]
            assert keys == sorted(keys, reverse=True), triggers


def test_easing_restrictions_is_a_concession_at_every_depth() -> None:
    """A curfew or a state of emergency lifted is an administrative restriction eased:
    PLOVER CONCEDE like its parent 081, not a withdrawal."""
    plover = {row["code"]: row["plover"] for row in _yaml("cameo.yaml")}
    assert {plover[c] for c in ("081", "0811", "0812", "0813", "0814")} == {"CONCEDE"}
