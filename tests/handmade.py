"""Build annotated spaCy Docs by hand, so unit tests need no statistical model."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from newsevents.actors import ActorDictionary, ActorEntry, normalise
from newsevents.events import CameoCode, Lexicon, Trigger

VOCAB = spacy.blank("en").vocab


def make_doc(rows: str, *, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """One token a line: ``word lemma POS dep head`` (head is a token index, -1 for root)."""
    words, lemmas, pos, deps, heads = [], [], [], [], []
    for index, line in enumerate(r for r in rows.strip().splitlines() if r.strip()):
        word, lemma, tag, dep, head = line.split()
        words.append(word)
        lemmas.append(lemma)
        pos.append(tag)
        deps.append(dep)
        heads.append(index if int(head) < 0 else int(head))
    spaces = [True] * len(words)
    for i in range(len(words) - 1):
        if words[i + 1] in {".", ",", "'s"}:
            spaces[i] = False
    spaces[-1] = False
    doc = Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        deps=deps,
        heads=heads,
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    doc.ents = [
        doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
        for s, e, label in ents
    ]
    return doc


def tiny_dictionary() -> ActorDictionary:
    phrases: dict[str, list[ActorEntry]] = {}

    def add(phrase: str, entry: ActorEntry) -> None:
        phrases.setdefault(normalise(phrase), []).append(entry)

    for iso3, name, demonym, capital in (
        ("LBY", "Libya", "Libyan", "Tripoli"),
        ("DZA", "Algeria", "Algerian", "Algiers"),
        ("MLI", "Mali", "Malian", "Bamako"),
        ("USA", "United States", "American", "Washington"),
    ):
        add(name, ActorEntry(name, "name", iso3, (), "country"))
        add(demonym, ActorEntry(name, "demonym", iso3, (), "country"))
        add(capital, ActorEntry(name, "capital", iso3, ("GOV",), "country"))
    add("Reuters", ActorEntry("Reuters", "organisation", "GBR", ("MED",), "organisation"))
    for word, code, how in (
        ("government", "GOV", "sector-noun"),
        ("ministry", "GOV", "sector-noun"),
        ("minister", "GOV", "sector-title"),
        ("army", "MIL", "sector-noun"),
        ("general", "MIL", "sector-title"),
        ("rebels", "REB", "sector-noun"),
        ("police", "COP", "sector-noun"),
    ):
        add(word, ActorEntry(word, how, None, (code,), "person" if "title" in how else "sector"))
    return ActorDictionary(
        {k: tuple(v) for k, v in phrases.items()},
        {"LBY": "Libya", "DZA": "Algeria", "MLI": "Mali", "USA": "United States"},
    )


def tiny_lexicon() -> Lexicon:
    codes = {
        "051": CameoCode("051", "Praise or endorse", 3.4, "SUPPORT", None),
        "173": CameoCode("173", "Arrest, detain", -5.0, "COERCE", "arrest"),
        "190": CameoCode("190", "Use conventional military force", -10.0, "ASSAULT", None),
        "191": CameoCode("191", "Impose blockade", -9.5, "COERCE", None),
        "150": CameoCode("150", "Demonstrate military power", -7.2, "MOBILIZE", None),
        "111": CameoCode("111", "Criticize or denounce", -2.0, "ACCUSE", None),
    }
    verbs = {
        "support": (Trigger("051", ("support",), "verb"),),
        "arrest": (Trigger("173", ("arrest",), "verb"),),
        "attack": (Trigger("190", ("attack",), "verb"),),
        "close": (Trigger("191", ("close", "border"), "verb"),),
        "deploy": (Trigger("150", ("deploy",), "verb"),),
        "condemn": (Trigger("111", ("condemn",), "verb"),),
    }
    nouns = {"airstrike": (Trigger("190", ("airstrike",), "noun", "aerial"),)}
    return Lexicon(codes, verbs, nouns)
