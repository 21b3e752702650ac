"""The event coder on hand-annotated parses: roles, status and trigger spans."""

from __future__ import annotations

from dataclasses import replace

from handmade import make_doc, tiny_dictionary, tiny_lexicon
from newsevents.actors import ActorResolver
from newsevents.events import EventCoder
from newsevents.link import link_denials
from newsevents.model import Event


def _code(rows: str, **kw: object) -> list[Event]:
    doc = make_doc(rows, **kw)  # type: ignore[arg-type]
    resolver = ActorResolver(doc, tiny_dictionary())
    return EventCoder(tiny_lexicon()).code(doc, resolver, article_id="t", date="2024-01-02")


def test_events_multiword_verb_trigger_source_target_and_span() -> None:
    (event,) = _code("""
        Algeria Algeria PROPN nsubj 1
        closed close VERB ROOT -1
        its its PRON poss 3
        border border NOUN dobj 1
        with with ADP prep 1
        Libya Libya PROPN pobj 4
        . . PUNCT punct 1
    """)
    assert (event.plover_type, event.cameo_code, event.quad_class) == ("COERCE", "191", 4)
    assert event.trigger.text == "closed its border"
    assert [a.country for a in event.source] == ["DZA"]
    assert [a.country for a in event.target] == ["LBY"]
    assert event.status == "asserted" and event.date == "2024-01-02"
    assert event.sentence.text == "Algeria closed its border with Libya."
    assert event.goldstein == -9.5


def test_events_passive_agent_is_source() -> None:
    (event,) = _code("""
        Rebels rebels NOUN nsubjpass 2
        were be AUX auxpass 2
        attacked attack VERB ROOT -1
        by by ADP agent 2
        the the DET det 6
        Malian Malian ADJ amod 6
        army army NOUN pobj 3
        . . PUNCT punct 2
    """)
    assert [(a.country, a.sector) for a in event.source] == [("MLI", "MIL")]
    assert [a.sector for a in event.target] == ["REB"]


def test_events_negation_future_and_hypothetical() -> None:
    rows = """
        The the DET det 1
        police police NOUN nsubj 4
        {aux} {aux} {auxpos} {auxdep} 4
        {neg} {neg} PART {negdep} 4
        arrest arrest VERB ROOT -1
        Libyan Libyan ADJ amod 6
        rebels rebels NOUN dobj 4
        . . PUNCT punct 4
    """
    negated = _code(rows.format(aux="did", auxpos="AUX", auxdep="aux", neg="not", negdep="neg"))
    future = _code(rows.format(aux="will", auxpos="AUX", auxdep="aux", neg="soon", negdep="advmod"))
    maybe = _code(rows.format(aux="could", auxpos="AUX", auxdep="aux", neg="soon", negdep="advmod"))
    assert [e.status for e in negated + future + maybe] == ["negated", "future", "hypothetical"]
    assert [a.country for a in negated[0].target] == ["LBY"]


def test_events_denial_marks_the_earlier_claim() -> None:
    claim = _code("""
        The the DET det 2
        Libyan Libyan ADJ amod 2
        ministry ministry NOUN nsubj 3
        supports support VERB ROOT -1
        the the DET det 5
        rebels rebels NOUN dobj 3
        . . PUNCT punct 3
    """)
    denial = _code("""
        Later later ADV advmod 4
        the the DET det 3
        Libyan Libyan ADJ amod 3
        government government NOUN nsubj 4
        denied deny VERB ROOT -1
        supporting support VERB xcomp 4
        the the DET det 7
        rebels rebels NOUN dobj 5
        . . PUNCT punct 4
    """)
    assert claim[0].status == "asserted"
    assert denial[0].status == "denied"
    assert [a.country for a in denial[0].source] == ["LBY"]
    linked = link_denials([claim[0], denial[0]])
    assert linked[0].status == "denied"
    assert linked[0].links == (("denied_by", denial[0].event_id),)
    assert linked[1].links == (("denies", claim[0].event_id),)
    # A denial never reaches back to a claim of another type, nor forwards.
    assert link_denials([denial[0], claim[0]])[1].status == "asserted"
    # With no party on one side, a denier of the same country denies only the same
    # act, unless it is the claimed actor itself.
    stranger = replace(denial[0], source=(replace(denial[0].source[0], name="Libyan army"),))
    other_code = "057" if stranger.cameo_code != "057" else "051"
    other_act = replace(claim[0], target=(), cameo_code=other_code)
    assert link_denials([other_act, stranger])[0].status == "asserted"
    same_act = replace(other_act, cameo_code=stranger.cameo_code)
    assert link_denials([same_act, stranger])[0].status == "denied"


def test_events_noun_trigger_with_mode_and_capital_as_source() -> None:
    (event,) = _code("""
        An an DET det 2
        American American ADJ amod 2
        airstrike airstrike NOUN nsubj 3
        hit hit VERB ROOT -1
        rebels rebels NOUN dobj 3
        . . PUNCT punct 3
    """)
    assert (event.plover_type, event.plover_mode) == ("ASSAULT", "aerial")
    assert [a.country for a in event.source] == ["USA"]


def test_events_no_actor_only_violence_is_coded() -> None:
    # Words without anyone saying them are no event ...
    assert (
        _code("""
        It it PRON nsubj 1
        condemned condemn VERB ROOT -1
        . . PUNCT punct 1
    """)
        == []
    )
    # ... but an attack is one even when the text names no attacker.
    (event,) = _code("""
        It it PRON nsubj 1
        attacked attack VERB ROOT -1
        . . PUNCT punct 1
    """)
    assert event.plover_type == "ASSAULT"
    assert event.source == () and event.target == ()
    assert event.confidence < 0.5


def test_events_target_inside_the_demand() -> None:
    lexicon = tiny_lexicon()
    from newsevents.events import CameoCode, Lexicon, Trigger

    codes = {**lexicon.codes, "100": CameoCode("100", "Demand", -5.0, "REQUEST", None)}
    verbs = {**lexicon.verbs, "demand": (Trigger("100", ("demand",), "verb"),)}
    doc = make_doc("""
        Algeria Algeria PROPN nsubj 1
        demanded demand VERB ROOT -1
        that that SCONJ mark 4
        Mali Mali PROPN nsubj 4
        release release VERB ccomp 1
        the the DET det 6
        rebels rebels NOUN dobj 4
        . . PUNCT punct 1
    """)
    resolver = ActorResolver(doc, tiny_dictionary())
    (event,) = EventCoder(Lexicon(codes, verbs, lexicon.nouns)).code(doc, resolver, article_id="t")
    assert [a.country for a in event.source] == ["DZA"]
    assert [a.country for a in event.target] == ["MLI"]
