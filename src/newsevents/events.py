"""Events: trigger words in the parse -> CAMEO code, PLOVER type, source, target, status.

The lexicon is the project's own YAML (``data/events/``):

- ``cameo.yaml``: every CAMEO code with its name, Goldstein score, PLOVER type and mode;
- ``lexicon.yaml``: triggers per code. ``verbs`` are lemma sequences whose first
  word is the verb and whose other words are found as its dependents, in order
  ("close border", "call for eradication", "open fire on"); ``nouns`` are
  contiguous lemma sequences ("air strike").

The coder walks each sentence, matches triggers (longest first), then reads
source and target from the dependency parse (subjects, passive agents, objects,
"against"/"on" phrases, relative clauses, coordination), and status from the
words that govern the trigger (denied, claimed, negated, future, hypothetical).
An obligation someone else states ("Russia said Sudan must return the helicopter") is
a demand on the obligation's subject (CAMEO 10), in place of the act demanded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from newsevents._yaml import load_yaml
from newsevents.actors import RELATIVE, ActorResolver
from newsevents.errors import ResourceError
from newsevents.model import Actor, Event, Span, Status, content_id
from newsevents.parse import Words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

Pos = Literal["verb", "noun"]

TARGET_PREPS = (
    "against",
    "on",
    "upon",
    "at",
    "toward",
    "towards",
    "with",
    "to",
    "into",
    "over",
    "between",
)
# A noun trigger also takes its target from "for": "support for the junta", "aid for refugees".
NOUN_TARGET_PREPS = (*TARGET_PREPS, "for", "of")
# Verbs of saying that make a sentence a statement (CAMEO 010) when nothing in it is coded.
STATEMENT_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "declare",
        "announce",
        "add",
        "note",
        "stress",
        "insist",
        "explain",
        "comment",
        "remark",
        "affirm",
        "reiterate",
        "emphasize",
        "emphasise",
        "argue",
        "maintain",
        "acknowledge",
        "admit",
        "predict",
        "describe",
    }
)
# Idioms around a trigger noun that take its event away: (word before, word after).
NOUN_IDIOMS = {"aid": (("in", "of"),)}
# Whose object it is: "rejected a call by X", "an appeal from X", "action against X".
OWNER_PREPS = ("by", "from", "of")
DENY_VERBS = frozenset({"deny", "dismiss", "refute", "disavow", "disown"})
CLAIM_VERBS = frozenset({"claim", "allege", "purport", "assert"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "aim",
        "vow",
        "swear",
        "pledge",
        "promise",
        "prepare",
        "seek",
        "want",
        "hope",
        "expect",
        "decide",
        "agree",
        "propose",
        "threaten",
        "consider",
        "mull",
        "weigh",
        "offer",
        "willing",
        "ready",
        "prepared",
        "set",
        "go",
        "determine",
        "resolve",
        "undertake",
    }
)
REFUSE_VERBS = frozenset({"refuse", "fail", "decline", "stop", "cease", "halt", "avoid"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can", "must"})
# Modals that make an act conditional when a clause of its own gives the condition.
MODAL_AUX = frozenset({"may", "might", "could", "would"})
REPORT_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "claim",
        "state",
        "announce",
        "quote",
        "cite",
        "write",
        "add",
        "confirm",
        "allege",
        "note",
        "insist",
        "reveal",
        "disclose",
        "post",
        "tweet",
    }
)
# Prepositions that say where, not to whom; their objects are places, not targets.
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "across",
        "within",
        "around",
        "throughout",
        "from",
        "to",
        "into",
    }
)
# Objects whose location is their owner: "evacuated its embassy in Libya" targets Libya.
PRESENCE_NOUNS = frozenset(
    {
        "embassy",
        "consulate",
        "mission",
        "diplomat",
        "ambassador",
        "envoy",
        "staff",
        "citizen",
        "national",
        "personnel",
    }
)
# Verbs whose subject carries out the event their object names: "carried out an attack".
LIGHT_VERBS = frozenset(
    {
        "renew",
        "open",
        "conclude",
        "carry",
        "conduct",
        "launch",
        "stage",
        "mount",
        "commit",
        "perpetrate",
        "wage",
        "begin",
        "start",
        "continue",
        "step",
        "intensify",
        "order",
        "lead",
        "execute",
        "make",
        "hold",
        "organize",
        "organise",
        "unleash",
        "escalate",
        "resume",
        "announce",
        "complete",
        "take",
        "participate",
        "engage",
        "finish",
        "undertake",
        "initiate",
        "pursue",
        "give",
        "claim",
        "impose",
        "issue",
        "offer",
        "provide",
        "express",
        "voice",
        "deliver",
        "sign",
        "reach",
        "confirm",
        "declare",
        "pledge",
        "extend",
        "grant",
        "send",
    }
)
# Words of sports, markets and weather: a sentence with two of one kind is about a game,
# a market or a storm, and its "beat", "fell" or "hit" is no political event unless a
# political actor does it ("troops shelled the stadium").
NON_POLITICAL = (
    frozenset(
        {
            "match",
            "league",
            "season",
            "goal",
            "striker",
            "coach",
            "championship",
            "tournament",
            "cup",
            "game",
            "team",
            "club",
            "player",
            "score",
            "stadium",
            "fan",
            "quarterback",
            "inning",
            "olympic",
            "medal",
            "referee",
            "midfielder",
            "defender",
            "goalkeeper",
            "fixture",
            "title",
            "playoff",
            "halftime",
            "half",
            "final",
            "semifinal",
            "quarterfinal",
            "semi",
        }
    ),
    frozenset(
        {
            "share",
            "stock",
            "index",
            "investor",
            "market",
            "trading",
            "trader",
            "nasdaq",
            "dow",
            "future",
            "earnings",
            "bond",
            "yield",
            "currency",
            "price",
            "profit",
            "revenue",
            "percent",
        }
    ),
    frozenset(
        {
            "storm",
            "hurricane",
            "typhoon",
            "cyclone",
            "earthquake",
            "quake",
            "flood",
            "flooding",
            "tornado",
            "wildfire",
            "landslide",
            "tsunami",
            "blizzard",
            "drought",
            "heatwave",
            "weather",
            "rain",
            "snow",
            "wind",
            "avalanche",
            "eruption",
            "volcano",
            "downpour",
            "mudslide",
        }
    ),
)
# Verbs of play: in a sentence about a game they code nothing, even between countries.
CONTEST_VERBS = frozenset(
    {
        "beat",
        "defeat",
        "thrash",
        "crush",
        "rout",
        "hammer",
        "trounce",
        "down",
        "edge",
        "stun",
        "upset",
        "strike",
        "hit",
        "shoot",
        "attack",
        "fire",
        "clash",
        "battle",
        "fight",
        "face",
        "tackle",
        "knock",
        "eliminate",
        "oust",
        "overpower",
        "outclass",
        "humiliate",
        "score",
        "injure",
        "foul",
        "punch",
        "kick",
        "sink",
        "topple",
        "dethrone",
        "threaten",
        "challenge",
    }
)
POLITICAL_SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "COP",
        "OPP",
        "PTY",
        "IGO",
        "JUD",
        "LEG",
        "SPY",
        "CRM",
        "UAF",
        "INS",
        "NGO",
    }
)
# spaCy's rule lemmatizer reads some past forms as another verb ("staged" -> "stag",
# "waged" -> "wag", "raped" -> "rap", "hoped" -> "hop"); the lexicon is written in true
# lemmas; a fix applies only to forms that begin with the true lemma ("raps" is rap).
VERB_LEMMA_FIXES = {
    "stag": "stage",
    "hop": "hope",
    "wag": "wage",
    "rap": "rape",
    "fin": "fine",
    "lambast": "lambaste",
    "boycotts": "boycott",
    "heightens": "heighten",
}
# Participles that describe a standing state when they modify a noun ("the occupied
# West Bank", "the banned party", "the besieged town"), not an event of this report.
STATIVE_PARTICIPLES = frozenset(
    {
        "occupy",
        "ban",
        "besiege",
        "outlaw",
        "exile",
        "annex",
        "defeat",
        "embattle",
        "blockade",
        "isolate",
        "sanction",
        "dispute",
        "contest",
        "oust",
        "depose",
        "topple",
        "overthrow",
        "jail",
        "imprison",
    }
)
# Entities whose names hold trigger nouns without naming an event: "Asia-Pacific Economic
# Cooperation", "Warsaw Pact", "Party of Regions".
NAME_LABELS = frozenset({"ORG", "FAC", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"})
# "Y must do X", said by someone else, is a demand on Y (CAMEO 10). Root of the act
# demanded -> the demand's code; any other act (or none in the lexicon) is 100.
DEONTIC_AUX = frozenset({"must", "should"})
DEMAND_CODES = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"}
DEMAND_GOVERNORS = frozenset(
    {
        "say",
        "tell",
        "insist",
        "stress",
        "declare",
        "warn",
        "conclude",
        "reiterate",
        "argue",
        "state",
        "add",
        "announce",
        "write",
        "believe",
        "maintain",
        "demand",
        "urge",
        "remind",
        "reaffirm",
        "affirm",
        "emphasize",
        "emphasise",
        "underline",
    }
)
PRONOUNS = frozenset({"it", "they", "he", "she"})
DEMAND_NOUNS = frozenset({"reminder", "warning", "demand", "insistence", "statement", "message"})

RESPONSIBLE_ADJECTIVES = frozenset({"responsible", "guilty", "culpable", "accountable"})
# Verbs whose subject carries out the event named after their preposition.
PREP_LIGHT_VERBS = frozenset({"engage", "participate", "take", "join"})
# Climbing from a trigger to the words that govern it passes these relations.
_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "pcomp",
        "pobj",
        "prep",
        "acl",
        "advcl",
        "relcl",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
        "dative",
        "appos",
        "compound",
    }
)


# PLOVER codes a stated intention as AGREE (to cooperate) or THREATEN (to act against):
# "X will send aid" is AGREE, "X will impose a curfew" is THREATEN. CAMEO root of the
# intended act -> the code of the intention.
INTENT_CODES = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "14": "133",
    "15": "138",
    "16": "131",
    "17": "131",
    "18": "138",
    "19": "138",
    "20": "138",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    plover: str | None
    mode: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    code: str
    words: tuple[str, ...]
    pos: Pos
    mode: str | None = None


def _read(path: Path | Any) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(
            f"cannot read the event lexicon: {exc}; fix the YAML or remove the file",
            source=str(path),
        ) from exc


@dataclass(frozen=True)
class Lexicon:
    """CAMEO codebook and trigger index; picklable, built once and shared."""

    codes: dict[str, CameoCode]
    verbs: dict[str, tuple[Trigger, ...]]  # head lemma -> triggers, longest first
    nouns: dict[str, tuple[Trigger, ...]]  # first lemma -> triggers, longest first

    @classmethod
    def load(cls, *, extra_files: Sequence[Path] = ()) -> Lexicon:
        base = resources.files("newsevents") / "data" / "events"
        codes: dict[str, CameoCode] = {}
        for item in _read(base / "cameo.yaml") or []:
            code = str(item["code"])
            goldstein = item.get("goldstein")
            codes[code] = CameoCode(
                code=code,
                name=str(item.get("name", "")),
                goldstein=float(goldstein) if goldstein is not None else None,
                plover=item.get("plover"),
                mode=item.get("mode"),
            )
        entries: list[Any] = list(_read(base / "lexicon.yaml") or [])
        for path in extra_files:
            entries.extend(_read(Path(path)) or [])
        verbs: dict[str, list[Trigger]] = {}
        nouns: dict[str, list[Trigger]] = {}
        for item in entries:
            code = str(item["code"])
            if code not in codes:
                raise ResourceError(
                    f"lexicon entry names CAMEO code {code!r}, which is not in the codebook"
                )
            mode = item.get("mode")
            # Verbs that carry times the things carried: send/ship x tent/medicine.
            for phrase in item.get("carry") or []:
                for thing in item.get("objects") or []:
                    both = (*str(phrase).casefold().split(), *str(thing).casefold().split())
                    verbs.setdefault(both[0], []).append(Trigger(code, both, "verb", mode))
            for phrase in item.get("verbs") or []:
                words = tuple(str(phrase).casefold().split())
                if len(words) > 1 and words[0].endswith("ly"):
                    # "sexually abuse": the verb leads; its adverb is one of its dependents.
                    words = (words[1], words[0], *words[2:])
                if words:
                    verbs.setdefault(words[0], []).append(Trigger(code, words, "verb", mode))
            for phrase in item.get("nouns") or []:
                # spaCy splits "cease-fire" into cease, -, fire: so are the triggers.
                words = tuple(
                    w for word in str(phrase).casefold().split() for w in _hyphen_split(word)
                )
                if words:
                    nouns.setdefault(words[0], []).append(Trigger(code, words, "noun", mode))

        def ordered(index: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
            return {k: tuple(sorted(v, key=_precedence)) for k, v in index.items()}

        return cls(codes, ordered(verbs), ordered(nouns))


def _precedence(trigger: Trigger) -> tuple[int, int]:
    """Longer triggers first; between equal lengths the more specific code, a sub-code
    before a code ("impose curfew" 1723 before "impose restriction" 172); then the
    lexicon's own order (the sort is stable)."""
    return (-len(trigger.words), -len(trigger.code))


@dataclass(frozen=True, slots=True)
class Match:
    trigger: Trigger
    tokens: tuple[int, ...]  # token indices of the trigger words
    head: int  # the token that carries the event (verb, or the noun's head)


def _hyphen_split(word: str) -> list[str]:
    parts = word.split("-")
    if len(parts) == 1 or not all(parts):
        return [word]
    out = [parts[0]]
    for part in parts[1:]:
        out.extend(("-", part))
    return out


def _lemma(token: Token) -> str:
    lemma = token.lemma_.casefold()
    return _verb_lemma(lemma, token.lower_) if token.pos_ == "VERB" else lemma


def _verb_lemma(lemma: str, lower: str) -> str:
    """The true lemma of a verb form: "staged" is stage, but "raps" stays rap."""
    fixed = VERB_LEMMA_FIXES.get(lemma)
    return fixed if fixed is not None and lower.startswith(fixed) else lemma


def _is_word(token: Token, word: str) -> bool:
    return _lemma(token) == word or token.lower_ == word


def _find_child(token: Token, word: str, used: set[int]) -> Token | None:
    for child in token.children:
        if child.i not in used and _is_word(child, word) and not _of_time(child):
            return child
    # An object reached through a preposition or a number: "number of aircraft".
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative"):
            for grandchild in child.children:
                if (
                    grandchild.i not in used
                    and _is_word(grandchild, word)
                    and not _of_time(grandchild)
                ):
                    return grandchild
    # The mark of a clause: "called for the army to withdraw", "pushed for the law to pass".
    for child in token.children:
        if child.dep_ in ("advcl", "ccomp", "xcomp"):
            for mark in child.children:
                if mark.dep_ == "mark" and mark.i not in used and mark.lower_ == word:
                    return mark
    # An object joined to the first ("sent tents and medicine"), the noun that names
    # what the object is ("suspended a military aid programme"), an object inside a
    # quantity or a part ("handed over two tonnes of flour", "suspended part of a
    # military aid programme", "sent a team of doctors and medical supplies").
    for child in token.children:
        if child.dep_ != "dobj":
            continue
        for thing in _conjoined(child):
            found = _compound_named(thing, word, used, itself=thing is not child)
            if found is not None:
                return found
            for prep in thing.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        for inner in _conjoined(pobj):
                            found = _compound_named(inner, word, used, itself=True)
                            if found is not None:
                                return found
    return None


TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Prepositions that say when before a date: "on Wednesday", "by March", "at noon".
TIME_PREPS = frozenset({"on", "at", "in", "by", "until", "since", "during"})


def _of_time(token: Token) -> bool:
    """The name of a day or month, or a preposition that only says when: "called on
    Wednesday" is no "call on", "hold elections by March" holds no march."""
    if token.pos_ == "PROPN" and token.ent_type_ in TIME_ENTITIES:
        return True
    if token.dep_ != "prep" or token.lower_ not in TIME_PREPS:
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in TIME_ENTITIES for o in objects)


def _compound_named(noun: Token, word: str, used: set[int], *, itself: bool) -> Token | None:
    """The noun itself (when ``itself``) or the noun naming what it is ("aid programme")."""
    if itself and noun.i not in used and _is_word(noun, word):
        return noun
    for part in noun.children:
        if part.dep_ == "compound" and part.i not in used and _is_word(part, word):
            return part
    return None


def _conjoined(token: Token) -> list[Token]:
    """A noun and the nouns joined to it: "tents, blankets and medicine"."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            out.extend(_conjoined(child))
    return out


def match_verb(token: Token, trigger: Trigger) -> Match | None:
    used = {token.i}
    current = token
    last = len(trigger.words) - 1
    for k, word in enumerate(trigger.words[1:], start=1):
        found = _find_child(current, word, used) or _find_child(token, word, used)
        if found is None and word == "to" and k < last:
            continue  # "agree to cooperate": the infinitive marker hangs off the next verb
        if found is not None and word == "to" and k == last and found.dep_ == "aux":
            return None  # "promised not to go back": a trigger's last "to" is a preposition
        if found is None:
            return None
        if found.i < token.i - 3 and found.pos_ in ("ADP", "ADV", "PART"):
            return None  # "In the case of ..., warnings were given" is no "give in"
        used.add(found.i)
        current = found
    return Match(trigger, tuple(sorted(used)), token.i)


def match_noun(doc: Doc, token: Token, trigger: Trigger) -> Match | None:
    end = token.i + len(trigger.words)
    if end > len(doc):
        return None
    for offset, word in enumerate(trigger.words):
        if not _is_word(doc[token.i + offset], word):
            return None
    last = doc[end - 1]
    if last.pos_ not in ("NOUN", "PROPN") and not _predicate_adjective(last):
        return None
    return Match(trigger, tuple(range(token.i, end)), last.i)


def _predicate_adjective(token: Token) -> bool:
    """An adjective said of the subject ("he is pessimistic"): it names a stance as a
    noun would ("his pessimism")."""
    return token.pos_ == "ADJ" and token.dep_ == "acomp"


def find_matches(sent: SpacySpan, lexicon: Lexicon, *, words: Words | None = None) -> list[Match]:
    """Trigger matches in one sentence; verb constructions win over bare nouns they contain.

    ``words`` (``Words.of(sent.doc)``) saves reading the document's tokens again.
    """
    doc = sent.doc
    words = words if words is not None else Words.of(doc)
    pos, lemmas, lower = words.pos, words.lemma, words.lower
    found: list[Match] = []
    used: set[int] = set()
    for i in range(sent.start, sent.end):
        if pos[i] != "VERB":
            continue
        lemma = _verb_lemma(lemmas[i], lower[i])
        prefix: tuple[int, ...] = ()
        if (
            i - 2 >= sent.start
            and lower[i - 1] == "-"
            and f"{lower[i - 2]}-{lemma}" in lexicon.verbs
        ):
            # "test-fired" is parsed as "test", "-", "fired": the whole verb is the trigger.
            lemma, prefix = f"{lower[i - 2]}-{lemma}", (i - 2, i - 1)
        if lemma not in lexicon.verbs:
            continue
        token = doc[i]
        below: set[str] | None = None
        for trigger in lexicon.verbs[lemma]:
            if len(trigger.words) > 1:
                # The other words are found among the verb's dependents, which all lie
                # between its left and right edges: a word missing there cannot match.
                if below is None:
                    lo, hi = token.left_edge.i, token.right_edge.i + 1
                    below = {*lemmas[lo:hi], *lower[lo:hi]}
                if any(w != "to" and w not in below for w in trigger.words[1:]):
                    continue
            match = match_verb(token, trigger)
            if match is not None and prefix:
                match = Match(match.trigger, tuple(sorted((*prefix, *match.tokens))), match.head)
            if match is not None and not used.intersection(match.tokens):
                found.append(match)
                used.update(match.tokens)
                break
    for i in range(sent.start, sent.end):
        if i in used:
            continue
        triggers = lexicon.nouns.get(lemmas[i], ()) or lexicon.nouns.get(lower[i], ())
        if pos[i] not in ("NOUN", "PROPN") and not _predicate_adjective(doc[i]):
            # Only a longer trigger may start with another word: "anti-government protest".
            triggers = tuple(t for t in triggers if len(t.words) > 1)
        if not triggers:
            continue
        token = doc[i]
        if (lower[i - 1] if i else "", lower[i + 1] if i + 1 < len(lower) else "") in (
            NOUN_IDIOMS.get(lower[i], ())
        ):
            continue  # "a concert in aid of the hospital": support, no aid given
        if token.ent_type_ in NAME_LABELS and token.text[:1].isupper():
            continue  # a word of a name: "Economic Cooperation" in APEC's
        for trigger in triggers:
            match = match_noun(doc, token, trigger)
            if match is not None and not used.intersection(match.tokens):
                found.append(match)
                used.update(match.tokens)
                break
    return sorted(found, key=lambda m: m.tokens[0])


# -- source and target --------------------------------------------------------------


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            out.extend(_with_conjuncts(child))
    return out


def _accused_of(clause: Token) -> Token | None:
    """The object of "accused X of <clause>", "blamed X for <clause>", if any."""
    prep = clause.head
    if clause.dep_ != "pcomp" or prep.lower_ not in ("of", "for"):
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or _lemma(verb) not in ACCUSING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


ACCUSING_VERBS = frozenset(
    {"accuse", "blame", "charge", "suspect", "criticize", "criticise", "condemn", "fault"}
)


def _responsible_for(noun: Token) -> Token | None:
    """The verb whose subject is "responsible for" or "guilty of" the noun's event."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "of"):
        return None
    adjective = prep.head
    if adjective.pos_ != "ADJ" or _lemma(adjective) not in RESPONSIBLE_ADJECTIVES:
        return None
    verb = adjective.head
    return verb if verb.pos_ in ("AUX", "VERB") and verb.i != adjective.i else None


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun trigger depends on ("carried out an attack" -> carried)."""
    current = token
    for _ in range(4):
        if current.dep_ in ("ROOT", "conj"):
            return None
        head = current.head
        if head.pos_ in ("VERB", "AUX") and current.dep_ in ("dobj", "nsubjpass", "attr"):
            return head
        if head.pos_ == "VERB" and current.dep_ == "prep" and _lemma(head) in PREP_LIGHT_VERBS:
            return head  # "were engaged in looting", "took part in the talks"
        if current.dep_ not in ("pobj", "prep", "compound"):
            return None
        current = head
    return None


_DEMAND_TRIGGER = Trigger("100", ("must",), "verb")
_STATEMENT_TRIGGER = Trigger("010", ("say",), "verb")


def _clause_of(token: Token) -> Token:
    """The verb whose clause holds a trigger: "should be willing to talk" -> be."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("xcomp", "acomp", "dobj", "pobj", "prep", "conj", "compound"):
            break
        current = current.head
    return current


class EventCoder:
    """Codes the events of one parsed document."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def code(
        self,
        doc: Doc,
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None = None,
        skip: Sequence[tuple[int, int]] = (),
    ) -> list[Event]:
        events: list[Event] = []
        words = resolver.words if resolver.doc is doc else Words.of(doc)
        cues = cue_counts(doc, words=words)
        for sent in doc.sents:
            text = words.body[sent.start_char : sent.end_char]  # sent.text, without a join
            if not text.strip() or any(s <= sent.start_char < e for s, e in skip):
                continue
            # Attribution first, for every sentence: resolving its speakers teaches the
            # resolver who "the minister" is later on.
            attribution = self._sentence_attribution(sent, resolver, words=words)
            matches = find_matches(sent, self.lexicon, words=words)
            replaced: set[int] = set()
            demand_heads: list[Token] = []
            if any(words.lower[i] in DEONTIC_AUX for i in range(sent.start, sent.end)):
                demands, replaced, demand_heads = self._demands(
                    sent,
                    matches,
                    resolver,
                    article_id=article_id,
                    date=date,
                    attribution=attribution,
                )
                events.extend(demands)
            if any(words.lemma[i] in WISH_VERBS for i in range(sent.start, sent.end)):
                wishes, wished, wish_heads = self._wishes(
                    sent,
                    matches,
                    resolver,
                    article_id=article_id,
                    date=date,
                    attribution=attribution,
                )
                events.extend(wishes)
                replaced = replaced | wished
                demand_heads = [*demand_heads, *wish_heads]
            kinds = _off_topic_kinds(sent, article=cues, words=words) if matches else []
            off_topic = bool(kinds)
            # In a game, "beat", "hit" and "attack" are plays, whoever the teams are named for.
            contest = 0 in kinds
            before = len(events)
            found: list[tuple[Event, Token]] = []
            for k, match in enumerate(matches):
                if k in replaced:
                    continue
                event = self._event(
                    doc,
                    sent,
                    match,
                    resolver,
                    article_id=article_id,
                    date=date,
                    attribution=attribution,
                )
                if event is None or (
                    off_topic and not _political(event) and not _state_measure(event, kinds)
                ):
                    continue
                if contest and _lemma(doc[match.head]) in CONTEST_VERBS:
                    continue
                found.append((event, doc[match.head]))
            found = appeals_for_force(found, self.lexicon)
            events.extend(main_events(_without_background(found), governors=demand_heads))
            events.extend(
                self._claims_of_own_acts(
                    found, resolver, article_id=article_id, date=date, attribution=attribution
                )
            )
            if len(events) == before:
                statement = self._statement(
                    sent, resolver, article_id=article_id, date=date, attribution=attribution
                )
                if statement is not None and not non_political(sent, article=cues, words=words):
                    events.append(statement)
        return events

    def _statement(
        self,
        sent: SpacySpan,
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None,
        attribution: Sequence[tuple[Token, Span]],
    ) -> Event | None:
        """CAMEO 010, a statement not otherwise specified: a political actor says
        something in which nothing else is coded ("Brazil's president said he was deeply
        concerned"). No PLOVER type; QuadClass 0."""
        verb = sent.root
        if verb.pos_ != "VERB" or _lemma(verb) not in STATEMENT_VERBS:
            return None
        sources, passive = self._subject_actors(verb, resolver)
        sources = [a for a in _distinct(sources) if "MED" not in a.sectors]
        if passive or not sources:
            return None
        targets = [
            a
            for c in verb.children
            if c.dep_ in ("dative", "dobj") and _lemma(verb) == "tell"
            for a in resolver.resolve_all(c)
        ]
        targets = [t for t in _distinct(targets) if not _same_actor(t, sources)]
        event = self._build(
            sent,
            self.lexicon.codes["010"],
            (verb, verb, verb),
            [resolver.with_fallback(a) for a in sources],
            [resolver.with_fallback(a) for a in targets],
            article_id=article_id,
            date=date,
            status=event_status(verb, Match(_STATEMENT_TRIGGER, (verb.i,), verb.i)),
            mode=None,
            attribution=attribution,
            confidence=0.5,
        )
        return event if _political(event) else None

    def _event(
        self,
        doc: Doc,
        sent: SpacySpan,
        match: Match,
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None,
        attribution: Sequence[tuple[Token, Span]],
    ) -> Event | None:
        head = doc[match.head]
        cameo = self.lexicon.codes[match.trigger.code]
        if (
            head.dep_ == "amod"
            and match.trigger.pos == "verb"
            and (head.head.pos_ == "PROPN" or _lemma(head) in STATIVE_PARTICIPLES)
        ):
            return None  # "the occupied islands", "the banned party": a state
        if _not_an_act(head, cameo.code):
            return None
        if (
            cameo.code.startswith("14")
            and _lemma(head) == "protest"
            and any(c.dep_ == "ccomp" for c in head.children)
        ):
            cameo = self.lexicon.codes["111"]  # "protested that the trial was unfair": words
        if (
            cameo.code == "170"
            and _lemma(head) in PRESSING_VERBS
            and any(_to_clause(c) for c in head.children)
        ):
            cameo = self.lexicon.codes["100"]  # "pressured the union to call off": a demand
        if cameo.code == "075" and _lemma(head) == "open" and not _opened_to_people(head):
            return None  # "opened its borders to trade": no refuge given
        if cameo.code == "173" and _captured_no_one(head):
            return None  # "captured the public mood", "a camera captured the moment"
        if cameo.code == "173" and _held_for_treason(head):
            cameo = self.lexicon.codes["1125"]  # "arrested for spying": the charge is the act
        if match.trigger.pos == "verb" and not _object_fits(head, cameo.code):
            if cameo.code == "173":
                cameo = self.lexicon.codes["192"]  # "captured the town": territory, no arrest
            else:
                return None  # "support himself", "back up the claim": no political act
        if match.trigger.pos == "verb":
            sources, targets = self._verb_roles(head, match, resolver)
        else:
            sources, targets = self._noun_roles(head, match, resolver)
        if _predicate_adjective(head) and not sources:
            # "he is pessimistic": the stance is the subject's.
            sources = self._subject_actors(head.head, resolver)[0]
        if cameo.code.startswith("15") and not sources:
            # "Troops were deployed to X": what is mobilised belongs to the one mobilising.
            sources, targets = targets, []
        targets = [t for t in targets if not _same_actor(t, sources)]
        sources, targets = _distinct(sources), _distinct(targets)
        if _unsigned_advice(head, sources):
            return None
        if cameo.code == "042" and sources and not any(_political_actor(a) for a in sources):
            return None  # "the suspect arrived in Kansas": a journey, no visit between parties
        if cameo.code == "042" and sources and all(_armed_body(a) for a in sources):
            cameo = self.lexicon.codes["150"]  # "troops arrived in Bamako": a deployment
        # Without any actor, a verb of protest or violence is still an event ("a car
        # bomb exploded in the market"); other verbs need a subject that names someone,
        # even if it resolves to no actor ("Leaders of the Azadliq coalition agreed").
        actorless = not sources and not targets
        if actorless and not (
            (match.trigger.pos == "verb" and (cameo.code[:2] >= "14" or _has_participant(head)))
            or (cameo.code[:2] >= "14" and (_told_as_event(head) or _timed_by(head)))
        ):
            return None
        sources = [resolver.with_fallback(a) for a in sources]
        targets = [resolver.with_fallback(a) for a in targets]
        status = event_status(head, match)
        mode = match.trigger.mode
        governor = head
        if match.trigger.pos == "noun":
            # "will give Chile a loan", "will provide crates of seed": the verb says
            # it is to come.
            governor = _governing_verb(head) or head
        if cameo.code[:2] in ("18", "19", "20") and _readied(governor):
            # "the militia got ready to fire again": the force is made ready (150); the
            # attack itself has not happened
            cameo = self.lexicon.codes["150"]
            mode, status = None, "asserted"
        elif cameo.code[:2] in INTENT_CODES and (
            (status == "future" and declares_intent(governor))
            or (status == "hypothetical" and _conditional(governor) and sources)
        ):
            # "will impose a curfew", "may halt mediation if cooperation founders": a
            # stated intention or a conditional threat by the one who would act
            cameo = self.lexicon.codes.get(INTENT_CODES[cameo.code[:2]], cameo)
            mode = None
        elif status == "negated" and "03" <= cameo.code[:2] <= "08" and refuses(governor):
            # "Israel will not release the prisoners", "failed to sign the accord": a refusal
            cameo = self.lexicon.codes[refusal_code(cameo.code)]
            mode, status = None, "asserted"
        if cameo.code == "130" and _lemma(head) == "warn" and _warns_of_danger(head, resolver):
            cameo, mode = self.lexicon.codes["012"], None  # a danger foretold, no threat
        warned_of = _warned_of(head) if _lemma(head) == "warn" else None
        if warned_of is not None and cameo.code in ("012", "130"):
            # "warned its neighbour of a swift response" threatens; "warned members
            # of delays" voices a worry.
            threat = _lemma(warned_of) in CONSEQUENCE_WORDS
            cameo, mode = self.lexicon.codes["130" if threat else "012"], None
        if cameo.code.startswith("10") and appeals(match.trigger):
            # "urged", "called on", "asked": an appeal (CAMEO 02), not a demand (10)
            cameo = self.lexicon.codes.get("02" + cameo.code[2:], cameo)
            mode = None
        confidence = 0.55 if match.trigger.pos == "noun" else 0.65
        confidence += 0.1 * min(len(match.trigger.words) - 1, 2)
        if actorless:
            confidence -= 0.2
        return self._build(
            sent,
            cameo,
            (doc[min(match.tokens)], doc[max(match.tokens)], head),
            sources,
            targets,
            article_id=article_id,
            date=date,
            status=status,
            mode=mode,
            attribution=attribution,
            confidence=confidence,
        )

    def _build(
        self,
        sent: SpacySpan,
        cameo: CameoCode,
        tokens: tuple[Token, Token, Token],
        sources: Sequence[Actor],
        targets: Sequence[Actor],
        *,
        article_id: str,
        date: str | None,
        status: Status,
        mode: str | None,
        attribution: Sequence[tuple[Token, Span]],
        confidence: float,
    ) -> Event:
        """The event record: trigger words from ``first`` to ``last``, carried by ``head``."""
        first, last, head = tokens
        doc = sent.doc
        trigger = Span(first.idx, last.idx + len(last.text), doc[first.i : last.i + 1].text)
        text = sent.text
        lead = len(text) - len(text.lstrip())
        sentence = Span(sent.start_char + lead, sent.start_char + len(text.rstrip()), text.strip())
        credited = tuple(
            span
            for verb, span in attribution
            if verb is None or _in_subtree(head, verb) or verb.lemma_ in ("tell", "accord")
        )
        confidence += 0.1 if sources and targets else 0.0
        if any(a.country is None for a in (*sources, *targets)):
            confidence -= 0.05
        return Event(
            event_id=content_id(
                f"{article_id}|{trigger.start}|{trigger.end}|{cameo.code}", prefix="ev-"
            ),
            article_id=article_id,
            plover_type=cameo.plover,
            plover_mode=mode or cameo.mode,
            cameo_code=cameo.code,
            trigger=trigger,
            sentence=sentence,
            source=tuple(sources),
            target=tuple(targets),
            date=date,
            status=status,
            attribution=credited,
            confidence=max(0.05, min(0.95, confidence)),
            goldstein=cameo.goldstein,
        )

    def _demands(
        self,
        sent: SpacySpan,
        matches: Sequence[Match],
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None,
        attribution: Sequence[tuple[Token, Span]],
    ) -> tuple[list[Event], set[int], list[Token]]:
        """Demands stated as obligations: "Russia said Sudan must return the helicopter".

        The speaker demands of the obligation's subject (CAMEO 10, coded by the act
        demanded). Returns the demands and the positions in ``matches`` of the acts they
        replace: what someone must do has not happened; and the words that carry them.
        """
        doc = sent.doc
        events: list[Event] = []
        replaced: set[int] = set()
        heads: list[Token] = []
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or token.dep_ not in ("ccomp", "acl", "advcl"):
                continue
            aux = next(
                (c for c in token.children if c.dep_ == "aux" and c.lower_ in DEONTIC_AUX), None
            )
            if aux is None or aux.i > token.i:
                continue
            governor: Token | None = token.head
            if token.head.pos_ == "NOUN":
                # "issued a reminder that Iraq must cooperate": the one who issued it
                in_noun = _lemma(token.head) in DEMAND_NOUNS
                governor = _governing_verb(token.head) if in_noun else None
            elif _lemma(token.head) not in DEMAND_GOVERNORS:
                governor = None
            if governor is None:
                continue
            speakers, passive = self._subject_actors(governor, resolver)
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            targets = [
                a for c in subjects for t in _with_conjuncts(c) for a in resolver.resolve_all(t)
            ]
            if not targets and any(c.lower_ in PRONOUNS for c in subjects):
                # "told Chile that it should comply": the one addressed
                targets = self._prep_targets(
                    [governor], {token.i}, resolver, exclude=None, preps=("to",)
                ) or [
                    a
                    for c in governor.children
                    if c.dep_ in ("dobj", "dative") and _lemma(c) not in DEMAND_NOUNS
                    for a in resolver.resolve_all(c)
                ]
            if passive or not speakers or not (targets or _impersonal_obligation(token)):
                continue
            if any(t.name == s.name or _same_actor(t, speakers) for t in targets for s in speakers):
                continue  # "Russia said it must act": its own resolve, no demand
            acts = [k for k, m in enumerate(matches) if _clause_of(doc[m.head]).i == token.i]
            code = "100"
            last = token
            for k in acts:
                root = matches[k].trigger.code[:2]
                if root in DEMAND_CODES or root == "03":
                    replaced.add(k)
                    if code == "100":
                        act = matches[k].trigger.code
                        code = "108" if act.startswith("045") else DEMAND_CODES.get(root, "100")
                    end = doc[max(matches[k].tokens)]
                    if end.i > last.i and end.i - aux.i <= 8:
                        last = end
            sources = [resolver.with_fallback(a) for a in _distinct(speakers)]
            objects = [resolver.with_fallback(a) for a in _distinct(targets)]
            status = event_status(governor, Match(_DEMAND_TRIGGER, (governor.i,), governor.i))
            events.append(
                self._build(
                    sent,
                    self.lexicon.codes[code],
                    (aux, last, governor),
                    sources,
                    objects,
                    article_id=article_id,
                    date=date,
                    status=status,
                    mode=None,
                    attribution=attribution,
                    confidence=0.6,
                )
            )
            heads.append(token)
        return events, replaced, heads

    def _wishes(
        self,
        sent: SpacySpan,
        matches: Sequence[Match],
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None,
        attribution: Sequence[tuple[Token, Span]],
    ) -> tuple[list[Event], set[int], list[Token]]:
        """Wishes for what another should do: "the EU wants Turkey to free the journalists"
        is an appeal by the EU to Turkey (CAMEO 02, coded by the act wished for); the act
        itself has not happened. Returns the appeals, the positions in ``matches`` of the
        acts they replace, and the words that carry the acts wished for."""
        doc = sent.doc
        events: list[Event] = []
        replaced: set[int] = set()
        heads: list[Token] = []
        for token in sent:
            if token.pos_ != "VERB" or _lemma(token) not in WISH_VERBS:
                continue
            clause = next((c for c in token.children if _to_clause(c)), None)
            if clause is None:
                continue
            addressed = [c for c in clause.children if c.dep_ == "nsubj"] or [
                c for c in token.children if c.dep_ == "dobj"
            ]
            targets = [
                a for c in addressed for t in _with_conjuncts(c) for a in resolver.resolve_all(t)
            ]
            speakers, passive = self._subject_actors(token, resolver)
            if (
                passive
                or not speakers
                or not targets
                or any(
                    _same_actor(t, speakers) or t.name in {s.name for s in speakers}
                    for t in targets
                )
            ):
                continue  # "wants to attack", "wants itself to ...": its own intent
            acts = [k for k, m in enumerate(matches) if _clause_of(doc[m.head]).i == clause.i]
            code = "100"
            last = clause
            for k in acts:
                replaced.add(k)
                act = matches[k].trigger.code
                if code == "100":
                    code = "108" if act.startswith("045") else DEMAND_CODES.get(act[:2], "100")
                end = doc[max(matches[k].tokens)]
                last = end if end.i > last.i else last
            appeal = self.lexicon.codes["02" + code[2:]]
            events.append(
                self._build(
                    sent,
                    appeal,
                    (token, last, token),
                    [resolver.with_fallback(a) for a in _distinct(speakers)],
                    [resolver.with_fallback(a) for a in _distinct(targets)],
                    article_id=article_id,
                    date=date,
                    status=event_status(token, Match(_WISH_TRIGGER, (token.i,), token.i)),
                    mode=None,
                    attribution=attribution,
                    confidence=0.55,
                )
            )
            heads.append(clause)
        return events, replaced, heads

    def _claims_of_own_acts(
        self,
        found: Sequence[tuple[Event, Token]],
        resolver: ActorResolver,
        *,
        article_id: str,
        date: str | None,
        attribution: Sequence[tuple[Token, Span]],
    ) -> list[Event]:
        """Claims of responsibility told as claims of one's own attack: "the rebels claimed
        that they had ambushed the convoy" is CAMEO 015 by the rebels, beside the attack
        itself (status claimed). A claim that someone else attacked is no such claim."""
        out: list[Event] = []
        for event, head in found:
            if event.status != "claimed" or event.cameo_code[:2] not in ("18", "19", "20"):
                continue
            claim = _claiming_verb(head)
            if claim is None:
                continue
            claimers, passive = self._subject_actors(claim, resolver)
            if passive or not claimers or not _own_act(head, event, claimers):
                continue
            out.append(
                self._build(
                    claim.sent,
                    self.lexicon.codes["015"],
                    (claim, claim, claim),
                    [resolver.with_fallback(a) for a in _distinct(claimers)],
                    list(event.target),
                    article_id=article_id,
                    date=date,
                    status=event_status(claim, Match(_CLAIM_TRIGGER, (claim.i,), claim.i)),
                    mode=None,
                    attribution=attribution,
                    confidence=0.6,
                )
            )
        return out

    # -- roles --------------------------------------------------------------------

    def _violence_noun(self, token: Token) -> bool:
        """Whether a word names an act of violence by itself ("bomb", "blast", "attack")."""
        return any(
            len(t.words) == 1 and t.code[:2] in ("18", "19", "20")
            for t in self.lexicon.nouns.get(_lemma(token), ())
        )

    def _violence_verb(self, token: Token) -> bool:
        """Whether a verb by itself names an act of violence ("killed", "shelled")."""
        return any(
            len(t.words) == 1 and t.code[:2] in ("18", "19", "20")
            for t in self.lexicon.verbs.get(_lemma(token), ())
        )

    def _subject_actors(self, verb: Token, resolver: ActorResolver) -> tuple[list[Actor], bool]:
        """Actors of the verb's subject, climbing through control and coordination.

        Returns the actors and whether the subject was a passive one (then it is the target).
        """
        current = verb
        for _ in range(5):
            passive = False
            subjects = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
            if not subjects:
                subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
                passive = bool(subjects)
            actors: list[Actor] = []
            for subject in subjects:
                for token in _with_conjuncts(subject):
                    if token.lower_ in RELATIVE or resolver.first_person(token):
                        actor = self._resolve_subject(token, current, resolver)
                        actors.extend([actor] if actor is not None else [])
                    elif token.lower_ in ("he", "she") and token.pos_ == "PRON":
                        person = self._third_person(token, resolver)
                        actors.extend([person] if person is not None else [])
                    else:
                        actors.extend(resolver.resolve_all(token))
            if not subjects and current.i == verb.i:
                # "After months of talks, the government and the rebels have agreed":
                # a subject the parse hung on the phrase before it
                actors = self._stranded_subject(verb, resolver)
            if not actors:
                # "Half of the rebels have been demobilized", "the first contingent of
                # troops has arrived": whom the subject counts or is of
                actors = [
                    a
                    for subject in subjects
                    if subject.pos_ == "NUM" or _lemma(subject) in self._PARTS
                    for prep in subject.children
                    if prep.dep_ == "prep" and prep.lower_ == "of"
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for t in _with_conjuncts(pobj)
                    for a in resolver.resolve_all(t)
                ]
            if actors:
                return self._without_overlaps(actors), passive and current.i == verb.i
            if any(self._violence_noun(subject) for subject in subjects):
                # "A car bomb killed four soldiers, the army said": a bomb or a blast did
                # it, no one the text names; the speaker above is not the one who acted.
                return [], False
            accused = _accused_of(current)
            if accused is not None:
                # "accused the government of failing to protect": the accused acted
                found = [a for c in _with_conjuncts(accused) for a in resolver.resolve_all(c)]
                if found:
                    return found, False
            if (
                current.dep_ == "acl"
                and current.tag_ == "VBG"
                and current.head.pos_ in ("NOUN", "PROPN")
            ):
                # "detained dozens of protesters demanding the release of an activist":
                # those the participle describes do it, not the clause's subject
                found = resolver.resolve_all(current.head)
                if found:
                    return found, False
            if self._verbless_root(current):
                # "Rights groups called on Bahrain to ...": the parse found no verb in
                # the sentence and took its verb for a participle of its subject
                found = [a for t in _with_conjuncts(current.head) for a in resolver.resolve_all(t)]
                if found:
                    return found, False
            if current.dep_ in ("relcl",) and current.head.pos_ in ("NOUN", "PROPN"):
                noun = current.head
                anchor = noun.head if noun.dep_ == "appos" else noun
                actor = resolver.resolve(anchor) or resolver.resolve(noun)
                if actor is not None:
                    return [actor], False
                if not any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
                    # "converging for a rally to protest the violations": the purpose of
                    # an event noun is its participants'; climb on from the noun
                    current = noun
                    continue
            if (
                current.dep_ == "ccomp"
                and _lemma(current.head) in REPORT_VERBS
                and any(s.pos_ in ("NOUN", "PROPN") for s in subjects)
                and self._violence_verb(current)
            ):
                # "Their villages were shelled, the rebels said": the clause has a
                # subject of its own that names no actor, and those who report violence
                # are as often its victims as its authors
                break
            if (
                current.dep_
                in (
                    "xcomp",
                    "acomp",
                    "conj",
                    "advcl",
                    "pcomp",
                    "acl",
                    "ccomp",
                    "prep",
                    "pobj",
                    "dobj",
                )
                and current.head.i != current.i
            ):
                current = current.head
                continue
            break
        return [], False

    def _resolve_subject(self, token: Token, verb: Token, resolver: ActorResolver) -> Actor | None:
        lower = token.lower_
        if lower in RELATIVE:
            clause = token.head
            if clause.dep_ == "relcl":
                noun = clause.head
                anchor = noun.head if noun.dep_ == "appos" else noun
                actor = resolver.resolve(anchor) or resolver.resolve(noun)
                if actor is not None:
                    return actor
            return resolver.speaker_before(token)
        if resolver.first_person(token):
            return self._speaker(token, resolver)
        return resolver.resolve(token)

    def _third_person(self, pronoun: Token, resolver: ActorResolver) -> Actor | None:
        """Who "he" or "she" is: the person who is the subject of a clause above it
        ("Ruto declined, saying he would see the envoy only in Nairobi"), else the
        person named last before it in the sentence ("the rebels will talk to Bensouda if
        she guarantees their safety")."""
        current = pronoun.head
        for _ in range(6):
            if current.head.i == current.i:
                break
            current = current.head
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i != pronoun.i:
                    if child.pos_ == "PRON":
                        continue
                    actor = resolver.resolve(child)
                    # a person, or one titled by a country ("Peru's first lady")
                    if actor is not None and (
                        actor.kind == "person"
                        or (
                            actor.kind == "country"
                            and child.tag_ in ("NN", "NNP")
                            and not resolver.names_country(child)
                        )
                    ):
                        return actor
        return resolver.speaker_before(pronoun)

    def _speaker(self, token: Token, resolver: ActorResolver) -> Actor | None:
        """Who says "we" in a quote: the subject of the sentence's reporting verb."""
        for candidate in token.sent:
            if candidate.pos_ == "VERB" and candidate.lemma_ in REPORT_VERBS:
                for child in candidate.children:
                    if child.dep_ != "nsubj" or resolver.first_person(child):
                        continue
                    if child.lower_ in RELATIVE:
                        speaker = resolver.speaker_before(child)
                    else:
                        speaker = resolver.resolve(child)
                    # A news outlet reports the quote; it is not the one speaking.
                    if speaker is not None and "MED" not in speaker.sectors:
                        return speaker
        return None

    def _verb_roles(
        self, verb: Token, match: Match, resolver: ActorResolver
    ) -> tuple[list[Actor], list[Actor]]:
        sources, passive = self._subject_actors(verb, resolver)
        targets: list[Actor] = []
        if (
            passive
            and _lemma(verb) in self._STATIVE_PASSIVES
            and not any(c.dep_ == "agent" for c in verb.children)
        ):
            # "the militia was engaged in looting", "Israel is opposed to
            # mediation": a state of the subject, who acts; not something done to it.
            passive = False
        if not passive and any(
            resolver.resolve(t) is not None
            for c in verb.children
            if c.dep_ == "agent"
            for pobj in c.children
            for t in _with_conjuncts(pobj)
        ):
            # "An army base was attacked by rebels": the subject did not resolve to an
            # actor; the agent did it, not whoever the climb found (a speaker).
            passive, sources = True, []
        reduced = self._reduced_passive(verb)
        if reduced and not passive:
            # "activists arrested in Cairo on Monday": a participle of what was done to
            # the noun it describes, by no one the clause names
            passive, sources = True, []
        if _lemma(verb) in self._VICTIM_VERBS:
            # "an inmate died of torture": who dies is the one it was done to; the
            # one holding them did it ("while held by the Egyptian police")
            holders = [
                a
                for prep in verb.subtree
                if prep.dep_ == "prep" and prep.lower_ in ("in", "under")
                for pobj in prep.children
                if _lemma(pobj) in ("custody", "detention")
                for a in resolver.resolve_all(pobj)
            ]
            return holders, sources
        if passive:
            targets = sources
            sources = []
            for child in verb.children:
                if child.dep_ == "agent":
                    for pobj in child.children:
                        for token in _with_conjuncts(pobj):
                            actor = resolver.resolve(token)
                            if actor is not None:
                                sources.append(actor)
            if not sources and not any(c.dep_ == "agent" for c in verb.children):
                sources = self._stray_agent(verb, resolver)
            if (
                not sources
                and _lemma(verb) in self._PULLOUT_VERBS
                and (match.trigger.code.startswith("087") or match.trigger.code == "1661")
            ):
                # "Forty peacekeepers were pulled out of Kidal", "half of the rebels
                # have been demobilized": the forces moved or stood down are their
                # owner's; the place they leave is the target
                return targets, self._left_place(verb, resolver)
            if not targets and reduced:
                # "protesters detained by police": the noun the participle describes
                targets = resolver.resolve_all(verb.head)
            if not targets:
                # "a shelter for Haitian migrants was burned": whom the thing is for
                for child in verb.children:
                    if child.dep_ == "nsubjpass" and child.i not in match.tokens:
                        targets = self._search(child, set(match.tokens), resolver, exclude=None)
                        if targets:
                            break
            return sources, targets
        exclude = sources[0].country if sources else None
        used = set(match.tokens)
        if verb.dep_ == "amod":
            # "detained journalists", "wounded soldiers": the noun is what it was done to;
            # an adjectival participle of talk or cooperation ("the agreed plan") is no event.
            if match.trigger.code[:2] < "14" or verb.head.pos_ not in ("NOUN", "PROPN"):
                return [], []
            return [], resolver.resolve_all(verb.head)
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and child.i not in used:
                if sources and self._owned_by_pronoun(child):
                    # "Syria withdrew its troops from Lebanon", "offered its troops to
                    # the president": the source's own forces are not whom it acts on;
                    # unless the words give them another country ("met his Iraqi
                    # counterpart")
                    own = {a.country for a in sources}
                    targets.extend(
                        a
                        for a in resolver.resolve_all(child, exclude_country=exclude)
                        if a.country is not None and a.country not in own
                    )
                    continue
                for token in _with_conjuncts(child):
                    targets.extend(resolver.resolve_all(token, exclude_country=exclude))
        targets = self._not_own_forces(verb, sources, targets)
        if not targets:
            # "raided a police post", "shelled the Danish consulate": whose the thing is,
            # as for the passive "a police post was raided"
            for child in verb.children:
                if child.dep_ == "dobj" and child.i not in used:
                    if sources and self._owned_by_pronoun(child):
                        continue
                    found = self._search(child, used, resolver, exclude=exclude)
                    targets = self._not_own_forces(verb, sources, found)
                    if targets:
                        break
        if not targets and match.trigger.code[:2] in ("11", "14"):
            # "complained to the UN over Israeli air raids", "protested to Cairo about
            # the arrests": the grievance names the target, not the one addressed.
            targets = self._prep_targets(
                [verb, *(verb.doc[i] for i in match.tokens if i != verb.i)],
                used,
                resolver,
                exclude=exclude,
                preps=self._GRIEVANCE_PREPS,
            )
        if not targets:
            targets = self._prep_targets(
                [verb, *(verb.doc[i] for i in match.tokens if i != verb.i)],
                used,
                resolver,
                exclude=exclude,
            )
        if not targets:
            # "rejected calls by Belarus's rulers", "threatened action against Russia"
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in used]
            # Cooperation with a thing is with its owner, not whom it is against:
            # "supports its campaign against the rebels".
            cooperative = match.trigger.code[:2] < "09"
            preps = OWNER_PREPS if cooperative else (*TARGET_PREPS, *OWNER_PREPS)
            targets = self._prep_targets(objects, used, resolver, exclude=exclude, preps=preps)
            if not targets and not cooperative:
                # "called up reservists ahead of a war with Libya": whom the purpose
                # is against
                purposes = [
                    pobj
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == "for"
                    for pobj in c.children
                    if pobj.dep_ == "pobj" and pobj.i not in used
                ]
                targets = self._prep_targets(
                    purposes, used, resolver, exclude=exclude, preps=("against",)
                )
        if not targets:
            for i in match.tokens:
                if i != verb.i:
                    found = self._search(verb.doc[i], used, resolver, exclude=exclude)
                    targets = self._not_own_forces(verb, sources, found)
                    if targets:
                        break
        if not targets:
            targets = self._complement_target(verb, used, resolver, exclude=exclude)
        if not targets:
            # The trigger's own object names whom it was done to: "expelled two Iranian
            # diplomats", "killing at least 30 fighters", "protect civilians".
            for i in match.tokens:
                word = verb.doc[i]
                # "clashed with riot police": the object of the trigger's own preposition
                own_prep = (
                    word.dep_ == "pobj"
                    and word.head.lower_ in TARGET_PREPS
                    and word.head.head.i == verb.i
                    and word.head.i in used
                )
                if (
                    i != verb.i
                    and ((word.dep_ in ("dobj", "nsubjpass") and word.head.i == verb.i) or own_prep)
                    and not (sources and self._owned_by_pronoun(word))
                ):
                    targets = self._not_own_forces(
                        verb, sources, resolver.resolve_all(word, exclude_country=exclude)
                    )
                    if targets:
                        break
        if not targets and "09" <= match.trigger.code[:2] <= "14":
            targets = self._grievance_target(verb, used, sources, resolver)
        if not targets:
            # "called off the strike after talks with the government": the other side
            # of the exchange that led to the act
            targets = self._prep_targets(
                [
                    pobj
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in self._TIME_PREPS
                    for pobj in c.children
                    if pobj.dep_ == "pobj" and pobj.i not in used
                ],
                used,
                resolver,
                exclude=exclude,
                preps=("with",),
            )
        if not targets:
            # "fired on Sudanese demonstrators, killing two and arresting 12": a bare
            # number counts people the sentence named before it
            for child in verb.children:
                if child.dep_ == "dobj" and child.tag_ == "CD" and child.i not in used:
                    targets = self._counted_before(child, resolver, exclude=exclude)
                    break
        if (
            targets
            and match.trigger.code[:2] >= "15"
            and all(
                t.kind == "sector"
                and set(t.sectors) <= {"MIL"}
                and not any(
                    resolver.names_country(w)
                    for w in verb.doc.char_span(t.start, t.end, alignment_mode="expand") or ()
                )
                for t in targets
            )
        ):
            # "fired artillery at rebel positions": the arms it fires are the source's
            # means; whom they are aimed at is the target
            objects = [
                token for c in verb.children if c.dep_ == "dobj" for token in _with_conjuncts(c)
            ]
            aimed = [
                pobj
                for head in (verb, *objects)
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in self._AIMED_PREPS
                for pobj in c.children
                if pobj.dep_ == "pobj"
            ]
            for pobj in aimed:
                # "rebel positions", "guerrilla camps": whose the thing aimed at is
                found = resolver.resolve_all(pobj, exclude_country=exclude) or self._search(
                    pobj, set(), resolver, exclude=exclude
                )
                if found:
                    targets = found
                    break
        if not targets and match.trigger.code.startswith("042"):
            # A visit's target is the country visited: "landed in Lima".
            targets = [
                a
                for a in (
                    resolver.country_of_place(c)
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in ("in", "to")
                )
                if a is not None
            ]
        if _lemma(verb) in self._PLEDGE_VERBS:
            # "pledged more troops for the mission": its own forces, not whom it acts on
            targets = [t for t in targets if not self._bare_forces(t)]
        # "Ugandan troops withdrew from the town": the trigger's own subject words are
        # the source's; no part of them is what it acted on.
        return sources, [t for t in targets if not self._inside_any(t, sources)]

    @staticmethod
    def _counted_before(
        number: Token, resolver: ActorResolver, *, exclude: str | None
    ) -> list[Actor]:
        """The people a bare number counts: the last plural object before it in its
        sentence that names actors ("opened fire on demonstrators, arresting 12")."""
        for token in reversed(number.doc[number.sent.start : number.i]):
            if token.dep_ in ("dobj", "pobj") and token.tag_ in ("NNS", "NNPS"):
                actor = resolver.resolve(token, exclude_country=exclude)
                if actor is not None and actor.kind in ("sector", "group"):
                    return [actor]
        return []

    def _stray_agent(self, verb: Token, resolver: ActorResolver) -> list[Actor]:
        """The agent of a passive that the parse hung on a gerund below it: "was accused
        of misusing funds by government officials" (an active gerund has no agent), or
        on an active clause above it."""
        for prep in verb.subtree:
            gerund = prep.head
            if (
                prep.dep_ == "prep"
                and prep.lower_ == "by"
                and gerund.tag_ == "VBG"
                and gerund.dep_ == "pcomp"
                and gerund.head.dep_ == "prep"
                and gerund.head.head.i == verb.i
            ):
                return [
                    a
                    for pobj in prep.children
                    if pobj.dep_ == "pobj"
                    for t in _with_conjuncts(pobj)
                    if (a := resolver.resolve(t)) is not None
                ]
        # "the mayor was accused of fraud, aides said, by auditors": an agent hung on
        # an active clause above, after the passive
        above = verb
        for _ in range(2):
            if above.dep_ not in ("ccomp", "conj", "advcl") or above.head.i == above.i:
                break
            above = above.head
            if any(c.dep_ in ("auxpass", "agent") for c in above.children):
                break  # a passive of its own: the phrase is its agent
            found = [
                a
                for prep in above.children
                if prep.dep_ == "prep" and prep.lower_ == "by" and prep.i > verb.i
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for t in _with_conjuncts(pobj)
                if (a := resolver.resolve(t)) is not None
            ]
            if found:
                return found
        return []

    def _prep_targets(
        self,
        heads: Iterable[Token],
        used: set[int],
        resolver: ActorResolver,
        *,
        exclude: str | None,
        preps: Sequence[str] = TARGET_PREPS,
    ) -> list[Actor]:
        for head in heads:
            for child in head.children:
                if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                    for pobj in [*child.children, *self._stranded_object(child)]:
                        if child.lower_ == "with" and _lemma(pobj) in self._ALLY_NOUNS:
                            continue  # "with Norway's help": an ally, not a target
                        if pobj.dep_ in ("pobj", "nsubj", "nsubjpass") and pobj.i not in used:
                            actors = [
                                a
                                for t in _with_conjuncts(pobj)
                                if (a := resolver.resolve(t, exclude_country=exclude))
                            ]
                            if actors:
                                return actors
        return []

    @staticmethod
    def _stranded_object(prep: Token) -> list[Token]:
        """The object of a preposition the parse left without one, taking it for the
        subject of a clause after it: "granted asylum to three judges hiding in
        the embassy" (officers parsed as the subject of "holed")."""
        if any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            return []
        for token in prep.doc[prep.i + 1 : min(prep.i + 6, prep.sent.end)]:
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.head.i == prep.head.i:
                return [token] if token.pos_ in ("NOUN", "PROPN") else []
        return []

    def _search(
        self, token: Token, used: set[int], resolver: ActorResolver, *, exclude: str | None
    ) -> list[Actor]:
        """The first actor below a consumed object: "battle ... launched by the army"."""
        queue = list(token.children)
        presence = _lemma(token) in PRESENCE_NOUNS
        seen = 0
        while queue and seen < 12:
            current = queue.pop(0)
            seen += 1
            if current.i in used or current.dep_ in ("relcl", "punct"):
                continue
            if (
                current.dep_ == "prep"
                and current.lower_ in LOCATIVE_PREPS
                and not presence
                # "accepted demands from the rebels": whose demands, not where from
                and not (current.lower_ == "from" and current.head.i == token.i)
            ):
                continue
            if current.pos_ in ("NOUN", "PROPN"):
                actor = resolver.resolve(current, exclude_country=exclude)
                if actor is not None:
                    # "loans for Chile and Peru": each of the coordinated actors
                    more = [
                        a
                        for t in _with_conjuncts(current)[1:]
                        for a in resolver.resolve_all(t, exclude_country=exclude)
                    ]
                    return [actor, *more]
            elif current.pos_ == "ADJ" and current.dep_ in ("amod", "compound"):
                # "rejected a Togolese proposal": the state whose proposal it is
                actor = resolver.resolve(current, exclude_country=exclude)
                if actor is not None and actor.kind == "country":
                    return [actor]
            queue.extend(current.children)
        return []

    def _complement_target(
        self, verb: Token, used: set[int], resolver: ActorResolver, *, exclude: str | None
    ) -> list[Actor]:
        """The target inside what is demanded, offered or agreed: "demanded that the US
        cancel plans" (its subject), "agreed to provide aid for Romania" (its object)."""
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                for child in clause.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.i not in used:
                        found = resolver.resolve_all(child, exclude_country=exclude)
                        if found:
                            return found
            if clause.dep_ in ("xcomp", "ccomp"):
                for child in clause.children:
                    if child.dep_ in ("dobj", "dative") and child.i not in used:
                        found = resolver.resolve_all(child, exclude_country=exclude)
                        if _lemma(clause) in self._FORCE_VERBS | self._PLEDGE_VERBS:
                            # "refused to commit troops": its own forces
                            found = [t for t in found if not self._bare_forces(t)]
                        if found:
                            return found
                found = self._prep_targets(
                    [clause, *(c for c in clause.children if c.dep_ == "dobj")],
                    used,
                    resolver,
                    exclude=exclude,
                    preps=NOUN_TARGET_PREPS,
                )
                if found:
                    return found
        return []

    def _noun_roles(
        self, noun: Token, match: Match, resolver: ActorResolver
    ) -> tuple[list[Actor], list[Actor]]:
        used = set(match.tokens)
        sources: list[Actor] = []
        for child in noun.children:
            if child.i in used:
                continue
            if (child.dep_ == "poss" and child.pos_ != "PRON") or (
                child.dep_ in ("amod", "compound", "nmod") and child.pos_ in ("PROPN", "ADJ")
            ):
                actor = resolver.resolve(child)
                if actor is not None:
                    sources.append(actor)
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    actor = resolver.resolve(pobj)
                    if actor is not None:
                        sources.append(actor)
        verb = _governing_verb(noun)
        if (
            not sources
            and verb is not None
            and (
                _lemma(verb) in LIGHT_VERBS
                or (_lemma(verb) in self._PACE_VERBS and noun.dep_ == "dobj")
            )
        ):
            sources, _ = self._subject_actors(verb, resolver)
        holder = _responsible_for(noun)
        if not sources and holder is not None:
            sources, _ = self._subject_actors(holder, resolver)
        if (
            not sources
            and noun.dep_ == "pobj"
            and noun.head.lower_ in self._TIME_PREPS
            and noun.head.head.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in noun.children)
        ):
            # "took back the town after heavy clashes with bandits": the one who
            # acts around the clash is the other side of it
            sources, _ = self._subject_actors(noun.head.head, resolver)
        exclude = sources[0].country if sources else None
        targets = self._prep_targets(
            [noun], used, resolver, exclude=exclude, preps=NOUN_TARGET_PREPS
        )
        if not targets and verb is not None and _lemma(verb) in LIGHT_VERBS:
            # "gave Bolivia $9 million in loans": the light verb's recipient.
            for child in verb.children:
                if child.dep_ in ("dative", "dobj") and child.i not in used and child.i != noun.i:
                    targets.extend(resolver.resolve_all(child, exclude_country=exclude))
            if not targets:
                targets = self._prep_targets(
                    [verb], used, resolver, exclude=exclude, preps=NOUN_TARGET_PREPS
                )
        if not targets and sources and "09" <= match.trigger.code[:2] <= "14":
            # "their hunger strike against the jailing of the editors", "the union's
            # rally in protest of the arrests": the grievance below the noun (a noun
            # without anyone behind it stays as the coder left it)
            targets = self._grievance_target(noun, used, sources, resolver)
        return sources, targets

    # Participles that describe what their subject does: "is engaged in", "is opposed to".
    _STATIVE_PASSIVES = frozenset(
        {"engage", "involve", "oppose", "commit", "determine", "prepare", "dedicate"}
    )
    _GRIEVANCE_PREPS = ("against", "over", "about")
    _AIMED_PREPS = ("against", "at", "on", "upon")
    # Prepositions placing an event noun in time around the clause's act.
    _TIME_PREPS = frozenset({"after", "during", "following", "amid", "before"})
    # Verbs whose subject suffers the event: "died of torture", "succumbed to wounds".
    _VICTIM_VERBS = frozenset({"die", "perish", "succumb", "drown", "starve"})
    _ALLY_NOUNS = frozenset({"help", "support", "assistance", "backing", "aid", "blessing"})
    # Verbs whose object forces are the subject's own: "deployed troops", "withdrew police".
    _FORCE_VERBS = frozenset(
        {
            "send",
            "deploy",
            "dispatch",
            "withdraw",
            "pull",
            "mobilize",
            "mobilise",
            "station",
            "reinforce",
            "redeploy",
            "move",
            "rush",
        }
    )
    # Verbs that offer forces: "pledged 500 troops", "committed troops to the mission".
    _PLEDGE_VERBS = frozenset({"pledge", "commit", "contribute", "promise", "offer", "lend"})
    # Verbs that take forces out of a place: "troops were pulled out of the town".
    _PULLOUT_VERBS = frozenset(
        {
            "withdraw",
            "pull",
            "ship",
            "evacuate",
            "fly",
            "airlift",
            "demobilize",
            "demobilise",
            "disarm",
            "disband",
        }
    )
    # Verbs of pace whose subject carries out the act their object names: "speeded up the
    # withdrawal", "delayed the pullout".
    _PACE_VERBS = frozenset({"speed", "accelerate", "hasten", "expedite", "delay", "slow"})
    # Prepositions that only say where: their places are the event's location.
    _WHERE_PREPS = frozenset(
        {"in", "at", "near", "inside", "outside", "across", "within", "around", "throughout"}
    )
    # Occasions of speech: "at a press conference", "in an interview", "during a visit".
    _VENUE_NOUNS = frozenset(
        {
            "conference",
            "meeting",
            "summit",
            "ceremony",
            "session",
            "briefing",
            "interview",
            "speech",
            "address",
            "visit",
            "statement",
        }
    )
    # Dependents that are no part of what the act is about.
    _NOT_ABOUT = frozenset(
        {
            "nsubj",
            "nsubjpass",
            "csubj",
            "agent",
            "punct",
            "cc",
            "conj",
            "relcl",
            "mark",
            "aux",
            "auxpass",
            "neg",
            "det",
            "case",
            "npadvmod",
            "parataxis",
            "prt",
            "expl",
            # modifiers: "a press conference" is no press; the head noun speaks for them
            "compound",
            "amod",
        }
    )

    # Nouns for a part or a group of those they are of: "one third of the rebels", "the
    # first contingent of troops".
    _PARTS = frozenset(
        {
            "third",
            "half",
            "quarter",
            "majority",
            "part",
            "rest",
            "bulk",
            "most",
            "some",
            "many",
            "contingent",
            "batch",
            "patch",
            "wave",
            "unit",
            "deployment",
        }
    )
    # What may stand between a subject and its verb: "the rebels have not yet agreed".
    _BEFORE_VERB = frozenset({"aux", "neg", "advmod"})
    # Verbs giving the reason for an act: what they name is not whom it is aimed at.
    _REASON_VERBS = frozenset({"cite", "invoke", "argue", "explain"})
    # Verbs whose object acts alongside their subject: "joined the strikers".
    _COMPANY_VERBS = frozenset({"join", "accompany"})

    def _grievance_target(
        self, verb: Token, used: set[int], sources: Sequence[Actor], resolver: ActorResolver
    ) -> list[Actor]:
        """Whom a demand, accusation, refusal, threat or protest is aimed at, when it is
        said deeper in the clause: "went on hunger strike to force the mayor to
        resign", "denounced as a crime Serbia's crackdown", "demanding autonomy
        from Serbian authorities", "threatened a strike unless Israel withdrew". The
        nearest actor below the verb, breadth first, that is not its source; places
        named by "in", "at", "near" are where it happens, not whom it is aimed at.
        So deep in the clause, only an actor whose country is known or follows from
        the place (a domestic body: "police", "the government") is taken.
        """

        def aimed(token: Token) -> list[Actor]:
            # "refused to commit troops": the forces it would send are its own
            own_forces = token.dep_ == "dobj" and _lemma(token.head) in (
                self._FORCE_VERBS | self._PLEDGE_VERBS
            )
            return [
                a
                for a in resolver.resolve_all(token)
                if not _same_actor(a, sources)
                and (a.country or (a.kind == "sector" and not {"IGO", "NGO"} & set(a.sectors)))
                and not (own_forces and self._bare_forces(a))
            ]

        queue = [c for c in verb.children if c.dep_ not in self._NOT_ABOUT]
        seen = 0
        while queue and seen < 24:
            current = queue.pop(0)
            seen += 1
            # the agent of a deeper clause did what it is about: "a bill signed by the
            # minister"; only the verb's own agent is its source
            deeper_agent = current.dep_ == "agent" and current.head.i != verb.i
            if current.dep_ in self._NOT_ABOUT and not deeper_agent and not self._purpose(current):
                continue
            if current.pos_ in ("VERB", "AUX") and _lemma(current) in self._REASON_VERBS:
                continue  # "declined, citing pressure from farmers": why, not at whom
            if current.dep_ == "dobj" and _lemma(current.head) in self._COMPANY_VERBS:
                continue  # "joining hundreds of nurses": those who protest with them
            if current.i in used:
                # the trigger's own words ("press their demands"): what they are of
                queue.extend(current.children)
                continue
            if current.dep_ == "prep" and current.lower_ in self._WHERE_PREPS:
                # where it happened ("in Tromso") or was said ("at a press conference")
                objects = [c for c in current.children if c.dep_ == "pobj"]
                if any(
                    o.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(o) in self._VENUE_NOUNS
                    for o in objects
                ):
                    continue
            if current.pos_ in ("NOUN", "PROPN"):
                found = aimed(current)
                if found:
                    return found
            if current.pos_ in ("VERB", "AUX"):
                # A clause of its own: "unless Israel withdrew" names whom it is aimed at.
                for child in current.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ not in RELATIVE:
                        found = aimed(child)
                        if found:
                            return found
            queue.extend(current.children)
        return []

    def _not_own_forces(
        self, verb: Token, sources: Sequence[Actor], targets: list[Actor]
    ) -> list[Actor]:
        """Without the forces a source sends, deploys or withdraws: "sent troops to the
        border" moves its own troops, unless the text gives them another country."""
        if not sources or _lemma(verb) not in self._FORCE_VERBS:
            return targets
        # "withdrew weapons inspectors and aid workers": any staff it moves is its own
        return [t for t in targets if t.country or t.kind != "sector"]

    @staticmethod
    def _without_overlaps(actors: list[Actor]) -> list[Actor]:
        """One actor per stretch of words: a name the parser split into several
        subjects ("Chilean Finance Minister" + "Finance Minister Ana Rojas") is the
        longer mention, with the other's country if it has none."""
        from dataclasses import replace

        out: list[Actor] = []
        for actor in actors:
            rivals = [
                a for a in actors if a is not actor and a.start < actor.end and actor.start < a.end
            ]
            longer = [a for a in rivals if (a.end - a.start) > (actor.end - actor.start)]
            if longer:
                continue
            if actor.country is None:
                country = next((a.country for a in rivals if a.country), None)
                actor = replace(actor, country=country) if country else actor
            out.append(actor)
        return out

    @staticmethod
    def _owned_by_pronoun(token: Token) -> bool:
        """Whether a noun is possessed by a pronoun: "its troops", "their envoy"."""
        return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)

    # -- attribution ----------------------------------------------------------------

    def _sentence_attribution(
        self, sent: SpacySpan, resolver: ActorResolver, *, words: Words | None = None
    ) -> list[tuple[Any, Span]]:
        """Who the sentence credits: (the reporting verb or None, the words naming them)."""
        out: list[tuple[Any, Span]] = []
        words = words if words is not None else Words.of(sent.doc)
        pos, lemmas = words.pos, words.lemma
        for i in range(sent.start, sent.end):
            # Only "according" and reporting verbs can credit anyone.
            if lemmas[i] != "accord" and (pos[i] != "VERB" or lemmas[i] not in REPORT_VERBS):
                continue
            token = sent.doc[i]
            if token.lemma_ == "accord" and token.lower_ == "according":
                for prep in token.children:
                    if prep.lower_ == "to":
                        for pobj in prep.children:
                            out.append((None, _name_span(pobj)))
            elif token.pos_ == "VERB" and token.lemma_ in REPORT_VERBS:
                for child in token.children:
                    if token.lemma_ == "tell" and child.dep_ in ("dobj", "dative"):
                        actor = resolver.resolve(child)
                        if actor is not None and "MED" in actor.sectors:
                            out.append((token, _name_span(child)))
                    if child.dep_ == "nsubj":
                        actor = resolver.resolve(child)
                        if actor is not None and ("MED" in actor.sectors):
                            out.append((token, _name_span(child)))
        return out

    @staticmethod
    def _bare_forces(actor: Actor) -> bool:
        """Armed forces the words give no country or owner: "more troops", "soldiers"."""
        return actor.kind == "sector" and not actor.country and set(actor.sectors) <= {"MIL"}

    @staticmethod
    def _inside_any(actor: Actor, others: Sequence[Actor]) -> bool:
        """Whether an actor's words lie within another's ("Ugandan" in "Ugandan troops")."""
        return any(o.start <= actor.start and actor.end <= o.end and o is not actor for o in others)

    @staticmethod
    def _left_place(verb: Token, resolver: ActorResolver) -> list[Actor]:
        """Whose is the place a verb takes something out of: "from Somalia", "out of
        the northern Malian town"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "out"):
                continue
            if prep.lower_ == "out":
                prep = next((c for c in prep.children if c.lower_ == "of"), prep)
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                actor = resolver.resolve(pobj) or resolver.country_of_place(prep)
                if actor is not None and actor.country:
                    return [actor]
        return []

    @staticmethod
    def _stranded_subject(verb: Token, resolver: ActorResolver) -> list[Actor]:
        """The actors of a noun phrase right before a finite verb that has no subject,
        which the parse joined to the phrase before it ("after the collapse of the
        accord, the government and the rebels have agreed")."""
        if verb.dep_ != "ROOT" or not any(c.dep_ == "aux" for c in verb.children):
            return []
        i = verb.i - 1
        while (
            i > verb.sent.start
            and verb.doc[i].head.i == verb.i
            and verb.doc[i].dep_ in EventCoder._BEFORE_VERB
        ):
            i -= 1
        token = verb.doc[i]
        if token.pos_ not in ("NOUN", "PROPN") or token.head.i == verb.i:
            return []
        chain = [token]
        while chain[-1].dep_ == "conj" and chain[-1].head.i < chain[-1].i:
            chain.append(chain[-1].head)
        for first in reversed(chain):
            if resolver.resolve(first) is not None:
                return [
                    a
                    for t in _with_conjuncts(first)
                    if len(t.text) > 1  # "SPLM/A" split: not "A" on its own
                    for a in resolver.resolve_all(t)
                ]
        return []

    @staticmethod
    def _verbless_root(verb: Token) -> bool:
        """Whether a verb is the participle the parse hung on the noun it made the root
        of a sentence that has no verb of its own: "Rights groups called on Bahrain to
        free the activists." A participle with an agent is a passive ("protesters
        detained by police")."""
        noun = verb.head
        # or hung on a verb that has a subject of its own: "miners resorted to sabotage,
        # a union spokesman said"
        doubled = (
            noun.dep_ in ("nsubj", "dep")
            and any(c.dep_ == "nsubj" and c.i != noun.i for c in noun.head.children)
            and noun.i < verb.i < noun.head.i
        )
        return (
            verb.dep_ == "acl"
            and verb.tag_ in ("VBD", "VBN")
            and (noun.dep_ == "ROOT" or doubled)
            and noun.pos_ in ("NOUN", "PROPN")
            and verb.i > noun.i
            and not any(c.dep_ in ("agent", "auxpass") for c in verb.children)
            and not any(t.pos_ in ("VERB", "AUX") for t in verb.doc[noun.sent.start : noun.i])
            and EventCoder._active_frame(verb)
        )

    # Prepositions that say where or when, not whom: "arrested in Cairo", "held since May".
    _PLACE_OR_TIME_PREPS = frozenset(
        {"in", "at", "near", "during", "after", "before", "since", "by", "for", "from", "outside"}
    )

    @staticmethod
    def _reduced_passive(verb: Token) -> bool:
        """Whether a verb is a past participle describing the noun it was done to:
        "protesters detained by police", "activists arrested in Cairo" (not one that
        reads as active: "rights groups called on Bahrain")."""
        return (
            verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and verb.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and (
                any(c.dep_ == "agent" for c in verb.children) or not EventCoder._active_frame(verb)
            )
        )

    @staticmethod
    def _active_frame(verb: Token) -> bool:
        """Whether a bare participle reads as active: it has an object or a clause
        ("donated 300 boxes of books"), or a particle of its own right after it
        ("called on Bahrain", "resorted to force"); "activists arrested in Cairo on
        Monday" is passive."""
        for token in (verb, *(c for c in verb.children if c.dep_ == "conj")):
            if any(c.dep_ in ("dobj", "dative", "xcomp", "ccomp") for c in token.children):
                return True
        # the first word after it that is not when ("called Thursday on the Arabs")
        after = next(
            (
                t
                for t in verb.doc[verb.i + 1 : verb.sent.end]
                if not (
                    t.head.i == verb.i
                    and (t.dep_ in ("npadvmod", "advmod") or t.ent_type_ in ("DATE", "TIME"))
                )
            ),
            None,
        )
        return (
            after is not None
            and after.dep_ in ("prep", "prt")
            and after.head.i == verb.i
            and after.lower_ not in EventCoder._PLACE_OR_TIME_PREPS
            and not any(c.ent_type_ in ("DATE", "TIME") for c in after.children)
        )

    @staticmethod
    def _purpose(clause: Token) -> bool:
        """Whether a clause the parse hung on a noun as a relative clause is its purpose:
        "a campaign to persuade the senate", "a strike to force the minister out" (an
        infinitive with no subject of its own)."""
        return (
            clause.dep_ == "relcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
        )


def _name_span(token: Token) -> Span:
    tokens = [
        t
        for t in token.subtree
        if (t.dep_ not in ("det", "punct", "relcl", "appos") and t.i <= token.i) or t.i == token.i
    ]
    tokens = [t for t in tokens if not t.is_punct]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    doc = token.doc
    return Span(first.idx, last.idx + len(last.text), doc[first.i : last.i + 1].text)


def _in_subtree(token: Token, ancestor: Token) -> bool:
    return token.i == ancestor.i or ancestor in token.ancestors


def non_political(
    sent: SpacySpan, *, article: Sequence[int] = (0, 0, 0), words: Words | None = None
) -> bool:
    """Whether a sentence is about sports, markets or weather: two cue words of one kind,
    or one in an article that has at least three of that kind."""
    return bool(_off_topic_kinds(sent, article=article, words=words))


def _off_topic_kinds(
    sent: SpacySpan, *, article: Sequence[int] = (0, 0, 0), words: Words | None = None
) -> list[int]:
    """The non-political kinds (0 sports, 1 markets, 2 weather) a sentence is about."""
    words = words if words is not None else Words.of(sent.doc)
    punct = words.punct
    lemmas = {words.lemma[i] for i in range(sent.start, sent.end) if not punct[i]}
    if _scores(words.lower, sent.start, sent.end):
        lemmas.add("score")  # "won 2-1": a score counts as the word
    return [
        kind
        for kind, (cues, in_article) in enumerate(zip(NON_POLITICAL, article, strict=True))
        if len(lemmas & cues) >= 2 or (lemmas & cues and in_article >= 3)
    ]


def _scores(lower: Sequence[str], start: int, end: int) -> int:
    """How many game scores ("2-1", "3 - 0") lie between two token indices."""
    found = 0
    for i in range(start, end - 2):
        left, dash, right = lower[i], lower[i + 1], lower[i + 2]
        if dash == "-" and left.isdigit() and right.isdigit() and len(left + right) <= 4:
            found += 1
    return found


def cue_counts(doc: Doc, *, words: Words | None = None) -> tuple[int, ...]:
    """How many cue words of each non-political kind the whole article has."""
    words = words if words is not None else Words.of(doc)
    lemmas = [lemma for lemma, alpha in zip(words.lemma, words.alpha, strict=True) if alpha]
    counts = [sum(lemma in cues for lemma in lemmas) for cues in NON_POLITICAL]
    counts[0] += _scores(words.lower, 0, len(words.lower))
    return tuple(counts)


def _political(event: Event) -> bool:
    return any(_political_actor(a) for a in (*event.source, *event.target))


def _political_actor(actor: Actor) -> bool:
    return actor.kind == "country" or bool(set(actor.sectors) & POLITICAL_SECTORS)


# Acts only states take: an embargo told in a market report is still one.
STATE_MEASURES = frozenset({"163"})


def _state_measure(event: Event, kinds: Sequence[int]) -> bool:
    """Sanctions and embargoes stay political among prices and profits, though no actor
    is named; in a game ("the league sanctioned the club") they are the sport's own."""
    return event.cameo_code in STATE_MEASURES and 0 not in kinds


def _distinct(actors: Sequence[Actor]) -> list[Actor]:
    """One actor per name and country: a misparsed name can be several subjects."""
    out: list[Actor] = []
    for actor in actors:
        if not any(a.name == actor.name and a.country == actor.country for a in out):
            out.append(actor)
    return out


def _has_participant(verb: Token) -> bool:
    """A finite verb with a named or nominal subject: someone acts, though no actor
    resolved ("Leaders of the opposition coalition agreed to ..."). A participle
    clause without a subject of its own has the main clause's ("Leaflets told residents
    the war was over, urging them to leave")."""
    if (
        verb.tag_ == "VBG"
        and verb.dep_ == "advcl"
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return _has_participant(verb.head)
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "MD") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    ):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (c.pos_ in ("NOUN", "PROPN") or _one_of_some(c) or c.lower_ in PERSONAL_PRONOUNS)
        for c in verb.children
    )


# Pronouns that point at someone named before ("he testified", "they agreed"), unlike
# "it", "we" and "you", which often point at no one in particular.
PERSONAL_PRONOUNS = frozenset({"he", "she", "they"})


def _one_of_some(subject: Token) -> bool:
    """ "One of them", "two of the ministers", "some of the rebels": a part of a group
    named or pointed at is someone."""
    return subject.pos_ in ("NUM", "PRON", "DET", "ADJ") and any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON") for g in c.children)
        for c in subject.children
    )


def _told_as_event(noun: Token) -> bool:
    """Whether a noun of material conflict with no actor is told as an event that took
    place: it acts ("a blast killed six", "clashes erupted"), a particular one is
    undergone ("survived the blast"), or it is placed or dated ("the massacre in the
    capital", "Sunday's bombing"); not a kind or a topic ("to combat terrorism", "war
    crimes", "the threat of war")."""
    if noun.pos_ != "NOUN":
        return False
    if _said_to_be(noun):
        return True  # "there was heavy fighting", "the killings were a massacre"
    if noun.head.pos_ == "VERB" and (
        noun.dep_ in ("nsubj", "nsubjpass")
        or (noun.dep_ == "dobj" and any(c.dep_ in DETERMINED for c in noun.children))
    ):
        return True  # "clashes erupted", "survived the blast" (not "to combat terrorism")
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ in ("DATE", "TIME"):
            return True  # "last week's attack"
        if child.dep_ == "poss" and child.lower_ in UNDERGOERS:
            return True  # "lost his job following his arrest": a particular one's
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "on"):
            placed = any(g.ent_type_ in PLACE_OR_TIME for g in child.children)
            if placed:
                return True  # "the massacre in the capital", "the bombing on Sunday"
    return False


def _said_to_be(noun: Token) -> bool:
    """A noun said to exist, or said of something that was: "there was heavy fighting",
    "there are clashes in the north", "it was a massacre"; not "there was no shooting",
    "there will be war", "the aim is war"."""
    verb = noun.head
    if noun.dep_ != "attr" or _lemma(verb) != "be":
        return False
    if any(c.dep_ in ("neg", "aux") for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("expl", "nsubj")]
    if any(c.dep_ == "expl" for c in subjects):
        return verb.tag_ in ("VBD", "VBZ", "VBP")
    # "it was a massacre"; with a noun for subject ("the bombing was the deadliest
    # attack"), the noun tells the happening and the predicate only names it again.
    return verb.tag_ == "VBD" and any(c.pos_ == "PRON" for c in subjects)


# Prepositions that place one happening in time against another: "after the embargo".
DATING_PREPS = frozenset(
    {"after", "before", "since", "during", "following", "amid", "amidst", "until", "till"}
)
# Nouns that name a time by a happening: "in the wake of the attacks".
TIME_NOUNS = frozenset({"wake", "aftermath", "eve", "run-up", "outbreak", "height", "onset"})


# Verbs of counsel: a request only when someone counsels someone to act.
ADVISING_VERBS = frozenset({"advise", "advocate"})


def _unsigned_advice(verb: Token, sources: Sequence[Actor]) -> bool:
    """Advice that asks nothing of anyone: no adviser of its own ("a notice advising
    staff to stay home", "they were advised to leave"), or news passed on ("was advised
    of the results")."""
    if verb.pos_ != "VERB" or _lemma(verb) not in ADVISING_VERBS:
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children):
        return True
    clause = verb.head if verb.dep_ == "conj" else verb  # "met and advised the envoy"
    adviser = any(c.dep_ in ("nsubj", "agent") for c in (*verb.children, *clause.children))
    return not adviser or not sources


def _background(event: Event, head: Token) -> bool:
    """An event with no actor, told only as the time of another: "after the embargo"."""
    return (
        not event.source
        and not event.target
        and head.pos_ == "NOUN"
        and not _told_as_event(head)
        and _timed_by(head)
    )


def _without_background(found: list[tuple[Event, Token]]) -> list[tuple[Event, Token]]:
    """A sentence's events without those only told as the time of another, when it tells
    another: in "talks resumed after the clashes" the talks are the news, but in "trade
    fell after the embargo" the embargo is all the politics there is."""
    background = [
        _background(event, head) if event.plover_type is not None else False
        for event, head in found
    ]
    if all(background) or not any(background):
        return found
    return [pair for pair, aside in zip(found, background, strict=True) if not aside]


def _timed_by(noun: Token) -> bool:
    """Whether a noun is the happening another is dated by: "trade fell after the
    embargo", "fled during the invasion", "prices rose prior to the sanctions", "met in
    the wake of the attacks"; or its cause: "closed because of the war", "shortages due
    to the sanctions". What is dated by it, or follows from it, took place."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    word = prep.lower_
    if word in DATING_PREPS or word in ("despite", "because"):
        return True  # "because of the war" is parsed as "because" over "the war"
    if word == "to" and prep.head.lower_ in ("prior", "up", "due", "owing", "thanks"):
        return True  # "prior to the vote", "due to the sanctions"
    if word == "of" and prep.head.lower_ == "because":
        return True  # "because of the war"
    return (
        word == "of"
        and prep.head.pos_ == "NOUN"
        and _lemma(prep.head) in (TIME_NOUNS | CAUSE_RESULTS)
    )


# Nouns that name an outcome by its cause: "as a result of the blockade".
CAUSE_RESULTS = frozenset({"result", "consequence"})


PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
# Possessive pronouns of people an act befalls: "his arrest", "their abduction".
UNDERGOERS = frozenset({"his", "her", "their"})
# A noun with one of these names a particular happening, not a kind.
DETERMINED = frozenset({"det", "poss", "nummod"})


# Objects that take an act out of its political sense: places are captured, not
# arrested; one supports oneself or a claim without taking a side.
TERRITORY_NOUNS = frozenset(
    {
        "territory",
        "town",
        "city",
        "village",
        "area",
        "region",
        "district",
        "province",
        "base",
        "airport",
        "port",
        "stronghold",
        "enclave",
        "capital",
        "outpost",
        "checkpoint",
        "hill",
        "oilfield",
        "neighborhood",
        "neighbourhood",
    }
)
PROPOSITION_NOUNS = frozenset(
    {"claim", "thesis", "theory", "argument", "view", "finding", "conclusion", "assertion"}
)
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself", "myself"})


# People in posts: "dismissed the minister", "fired his coach" remove them from office.
OFFICE_HOLDERS = frozenset(
    {
        "minister",
        "official",
        "chief",
        "head",
        "director",
        "commander",
        "coach",
        "manager",
        "ambassador",
        "envoy",
        "employee",
        "staff",
        "worker",
        "governor",
        "judge",
        "prosecutor",
        "aide",
        "adviser",
        "advisor",
        "secretary",
        "deputy",
        "officer",
        "general",
        "spokesman",
        "spokeswoman",
        "executive",
        "mayor",
        "premier",
        "cabinet",
        "board",
    }
)
# Verbs of pressure: with a "to" clause they demand that act of their object.
PRESSING_VERBS = frozenset({"pressure", "pressurise", "pressurize", "push", "press"})
# Verbs that remove a person from a post when the object is one: no rejection, no shot.
DISMISSING_VERBS = frozenset({"dismiss", "fire", "sack", "oust"})
WEATHER = NON_POLITICAL[2]


# Charges of betraying one's state: an arrest for them is coded as the accusation (1125).
TREASON_WORDS = frozenset(
    {"treason", "espionage", "spy", "spying", "sedition", "collaborate", "collaboration"}
)


def _held_for_treason(verb: Token) -> bool:
    """Whether an arrest is "for" or "on charges of" treason, spying or collaborating."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "on"):
            continue
        for reason in prep.children:
            if _lemma(reason) in TREASON_WORDS:
                return True  # "for spying", "for collaborating with the enemy"
            for of in reason.children:
                if (
                    of.dep_ == "prep"
                    and of.lower_ == "of"
                    and any(_lemma(g) in TREASON_WORDS for g in of.children)
                ):
                    return True  # "on charges of treason"
    return False


# People who may be let in: "let the refugees in", "to fleeing Syrians".
ADMITTED_PEOPLE = frozenset(
    {
        "refugee",
        "migrant",
        "people",
        "civilian",
        "asylum",
        "asylum-seeker",
        "seeker",
        "immigrant",
        "family",
        "national",
        "citizen",
        "evacuee",
        "person",
    }
)


def _opened_to_people(verb: Token) -> bool:
    """Whether borders are opened "to" people (a people's name or a word for them)."""
    for prep in verb.subtree:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for thing in prep.children:
                if any(
                    g.ent_type_ == "NORP" or _lemma(g) in ADMITTED_PEOPLE for g in thing.subtree
                ):
                    return True
    return False


READYING = frozenset({"prepare", "poise", "poised", "gear", "ready", "brace"})


def _readied(verb: Token) -> bool:
    """Whether an act is what its subject makes ready for: "prepared to resume
    shelling", "poised to attack", "gearing up to storm the town"."""
    current = verb
    for _ in range(3):
        if current.dep_ != "xcomp":
            return False
        current = current.head
        if _lemma(current) in READYING or current.lower_ in READYING:
            return True
    return False


# Nouns whose "to" clause names what one could do, not what one did ("the power to veto").
CAPACITY_NOUNS = frozenset(
    {
        "authority",
        "power",
        "right",
        "way",
        "means",
        "ability",
        "capacity",
        "capability",
        "chance",
        "opportunity",
        "freedom",
        "licence",
        "license",
    }
)
# What one walks out of in protest: a meeting, a body, a workplace.
WALKOUT_FROM = frozenset(
    {
        "talk",
        "negotiation",
        "meeting",
        "session",
        "parliament",
        "assembly",
        "conference",
        "summit",
        "hearing",
        "debate",
        "chamber",
        "council",
        "congress",
        "senate",
        "committee",
        "vote",
        "election",
        "government",
        "coalition",
        "cabinet",
        "factory",
        "plant",
        "mine",
        "work",
        "job",
        "school",
        "class",
        "office",
        "port",
        "dialogue",
    }
)
# Verbs that make "threat" a risk one is exposed to, not a threat someone makes.
RISK_VERBS = frozenset({"carry", "pose", "face", "represent", "constitute", "present", "remain"})
# "demanded to learn how": a question, not a demand.
QUESTION_VERBS = frozenset({"know", "learn", "understand"})
LEGAL_CASES = frozenset({"case", "charge", "lawsuit", "suit", "indictment", "count"})

# What a defendant pleads, and the rulings a party appeals against in court.
PLEAS = frozenset({"guilty", "innocent", "contest"})
RULINGS = frozenset({"verdict", "ruling", "sentence", "conviction", "judgment", "decision"})


def _a_plea_in_court(verb: Token) -> bool:
    """'pleaded guilty' or 'not guilty', 'pleaded no contest', 'appealed the verdict':
    a defendant's step in a trial, not an appeal to another actor."""
    words = [c for c in verb.children if c.dep_ in ("acomp", "oprd", "dobj", "advmod", "attr")]
    if _lemma(verb) == "plead" and any(_lemma(w) in PLEAS for w in words):
        return True
    return _lemma(verb) == "appeal" and any(
        w.dep_ == "dobj" and _lemma(w) in RULINGS for w in words
    )


def _walked_out_of(verb: Token) -> Token | None:
    """The place in "walked out of the hotel", whether "out" is a particle or a preposition."""
    heads = [verb] + [c for c in verb.children if c.lower_ == "out"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _not_an_act(head: Token, code: str) -> bool:
    """Words of an event that tell no act: a capacity, a risk, a question, a mere exit."""
    if (
        head.dep_ in ("acl", "relcl")
        and _lemma(head.head) in CAPACITY_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    ):
        return True  # "the power to veto the law", "no other means to protect them"
    lemma = _lemma(head)
    if code.startswith("14") and lemma == "walk":
        place = _walked_out_of(head)
        return place is not None and _lemma(place) not in WALKOUT_FROM  # "out of the hotel"
    if lemma == "threat" and (
        (head.dep_ == "dobj" and _lemma(head.head) in RISK_VERBS)
        or (head.dep_ == "pobj" and head.head.lower_ == "under")
    ):
        return True  # "charges that carry a risk of jail", "a town under threat"
    if code.startswith("10"):
        if any(c.dep_ == "xcomp" and _lemma(c) in QUESTION_VERBS for c in head.children):
            return True  # "demanded to learn how"
        if lemma == "ask" and not any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in head.children
        ):
            return any(
                c.dep_ in ("advcl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
                for c in head.children
            )  # "asked the officer whether there was proof": a question
    return False


def _to_clause(token: Token) -> bool:
    """A "to" clause: "pressed them to resign" (parsed as xcomp, or as ccomp with its
    own subject when the object is long)."""
    return token.dep_ == "xcomp" or (
        token.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _a_person(noun: Token) -> bool:
    return noun.ent_type_ == "PERSON" or _lemma(noun) in OFFICE_HOLDERS


def _object_fits(verb: Token, code: str) -> bool:
    """Whether a verb's subject and direct object suit the act its code names."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and _lemma(subjects[0]) in WEATHER:
        return False  # "the storm hit the coast": no attack
    if code == "0842" and _lemma(verb) == "return" and not _thing_returned(verb):
        return False  # "returned to Kabul", "returned the refugees to": no property
    if code[:2] in ("18", "19", "20") and _against_an_ill(verb):
        return False  # "fight the epidemic", "eradicate poverty": no one is attacked
    if code[:2] in ("18", "19", "20") and _filmed(verb):
        return False  # "the film was shot in Lagos": a camera's work
    if code.startswith("02") and _a_plea_in_court(verb):
        return False  # "pleaded not guilty", "appealed the verdict": a step in a trial
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return True
    thing = objects[0]
    if (
        _lemma(verb) in DISMISSING_VERBS
        and (code.startswith("12") or code.startswith("19"))
        and _a_person(thing)
    ):
        return False  # "dismissed the minister": a sacking, not a rejection
    if _lemma(verb) in DISMISSING_VERBS and code.startswith("12") and _lemma(thing) in LEGAL_CASES:
        return False  # "the court dismissed the charges": the case ends, nobody is rebuffed
    if code == "173":
        return not (thing.ent_type_ in ("GPE", "LOC", "FAC") or _lemma(thing) in TERRITORY_NOUNS)
    if code.startswith("05"):
        return thing.lower_ not in REFLEXIVES and _lemma(thing) not in PROPOSITION_NOUNS
    return True


# What is captured when no one is: a mood, a likeness, a prize ("captured the
# public mood", "the painting captured an era", "captured the yellow jersey").
NOT_CAPTIVES = frozenset(
    {
        "imagination",
        "attention",
        "heart",
        "mood",
        "spirit",
        "moment",
        "period",
        "era",
        "essence",
        "image",
        "likeness",
        "picture",
        "scene",
        "footage",
        "feeling",
        "atmosphere",
        "interest",
        "audience",
        "headline",
        "stage",
        "title",
        "crown",
        "medal",
        "gold",
        "silver",
        "bronze",
        "trophy",
        "award",
        "prize",
        "victory",
        "championship",
        "lead",
        "record",
        "share",
        "market",
    }
)
# What captures a likeness, not a person: "a camera captured the moment".
RECORDERS = frozenset(
    {
        "camera",
        "footage",
        "video",
        "photo",
        "photograph",
        "photographer",
        "film",
        "recording",
        "cctv",
        "lens",
        "novel",
        "novelist",
        "book",
        "painting",
        "painter",
        "documentary",
    }
)


# What is shot with a camera: "the film was shot in Lagos", "shot a video".
FILMED = frozenset(
    {
        "film",
        "movie",
        "scene",
        "video",
        "footage",
        "documentary",
        "photo",
        "photograph",
        "picture",
        "episode",
        "series",
        "commercial",
        "advert",
        "advertisement",
        "clip",
        "music",
    }
)


def _filmed(verb: Token) -> bool:
    """Whether "shoot" is filming: what is shot is a film or a scene."""
    return _lemma(verb) == "shoot" and any(
        c.dep_ in ("dobj", "nsubjpass") and _lemma(c) in FILMED for c in verb.children
    )


def _armed_body(actor: Actor) -> bool:
    """Troops, warships or police as a body, not a general or minister who travels."""
    return actor.kind == "sector" and bool({"MIL", "COP"} & set(actor.sectors))


def _captured_no_one(verb: Token) -> bool:
    """Whether "capture" takes a thing or a likeness, not a person: its object (or
    passive subject) is a mood or a prize, or what captures is a camera or a book."""
    if _lemma(verb) != "capture":
        return False
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and _lemma(child) in NOT_CAPTIVES:
            return True
        if child.dep_ == "nsubj" and _lemma(child) in RECORDERS:
            return True
        if child.dep_ == "agent" and any(_lemma(g) in RECORDERS for g in child.children):
            return True
    # "footage captured seconds after the blast": a participle on its recorder
    return verb.dep_ == "acl" and _lemma(verb.head) in RECORDERS


# People handed back are persons (0841) or deportees, not property.
PEOPLE_NOUNS = frozenset(
    {
        "refugee",
        "migrant",
        "people",
        "person",
        "citizen",
        "national",
        "prisoner",
        "hostage",
        "detainee",
        "captive",
        "body",
        "remains",
        "soldier",
        "troops",
        "fighter",
        "seeker",
        "child",
        "family",
        "worker",
        "student",
        "diplomat",
        "ambassador",
        "envoy",
        "crew",
        "fisherman",
        "immigrant",
        "deportee",
        "civilian",
    }
)


def _thing_returned(verb: Token) -> bool:
    """Whether "return" hands a thing back: "returned the statues to Nigeria", "a mask was
    returned to Benin"; not "returned to Kabul", "returned the country to civilian rule"
    or "returned the refugees to Myanmar"."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(things) and not any(
        t.pos_ == "PRON"
        or _a_person(t)
        or t.ent_type_ in ("GPE", "NORP", "LOC", "ORG")
        or _lemma(t) in PEOPLE_NOUNS
        or _lemma(t) in OFFICE_HOLDERS
        or _lemma(t) in POLITIES
        for t in things
    )


# Diseases, disasters and social ills: what a campaign "fights" or "eradicates" without
# attacking anyone.
SOCIAL_ILLS = frozenset(
    {
        "epidemic",
        "pandemic",
        "disease",
        "virus",
        "outbreak",
        "infection",
        "ebola",
        "malaria",
        "cholera",
        "polio",
        "measles",
        "tuberculosis",
        "aids",
        "hiv",
        "covid",
        "coronavirus",
        "cancer",
        "poverty",
        "hunger",
        "famine",
        "malnutrition",
        "corruption",
        "inflation",
        "unemployment",
        "illiteracy",
        "climate",
        "pollution",
        "drought",
        "wildfire",
        "locust",
        "obesity",
        "addiction",
        "inequality",
        "discrimination",
    }
)


def _against_an_ill(verb: Token) -> bool:
    """Whether a verb of fighting takes a disease or a social ill as its object: "fight
    the Ebola epidemic", "eradicate poverty", "battle against corruption"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        o
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("against", "on")
        for o in c.children
        if o.dep_ == "pobj"
    ]
    return any(
        _lemma(t) in SOCIAL_ILLS or t.lower_ in SOCIAL_ILLS
        for o in objects
        for t in (o, *(c for c in o.children if c.dep_ == "compound"))
    )


# What is returned to a state of affairs, not handed back: "returned the country to
# civilian rule".
POLITIES = frozenset({"country", "nation", "state", "republic", "kingdom", "power", "region"})


def _same_actor(actor: Actor, others: Sequence[Actor]) -> bool:
    return any(o.start == actor.start and o.end == actor.end for o in others)


def main_events(
    found: Sequence[tuple[Event, Token]], *, governors: Sequence[Token] = ()
) -> list[Event]:
    """The events of one sentence that no other event of it governs.

    An event inside another's clause is its content, purpose or background, not an
    event of its own: "demanded that the rebels lay down their arms" (no RETREAT),
    "rejected a proposal to hold talks", "blocked the highway to demand lower prices",
    "would free the engineers they had kidnapped". Events stand on their own when
    coordinated ("declined to send ships and asked its fishermen to stay in port"), told
    as a result ("shelled the town, detaining dozens"), as a cause ("suspended talks
    after clashes on the border"), as the governing event's subject or agent, or said by
    a speaker of their own ("backed by a general who told reporters: we are joining the
    battle"). Appeals govern what they ask for ("urged the rebels to lay down their
    arms"); statements govern nothing. ``found`` pairs
    each event with the word that carries it; ``governors`` carry events already kept.
    """
    heads = {head.i: event.cameo_code for event, head in found if _governs(event, head)}
    heads.update((g.i, "100") for g in governors)
    kept: list[Event | None] = [event for event, _ in found]
    position = {head.i: k for k, (_, head) in enumerate(found)}
    for k, (event, head) in enumerate(found):
        governor = _governor(head, event.cameo_code, heads)
        if governor is None:
            continue
        kept[k] = None
        main = kept[position[governor]] if governor in position else None
        if main is not None and main.plover_type == event.plover_type:
            # One act told twice ("went on strike to protest against the new law"):
            # the main event takes the other's participants.
            kept[position[governor]] = replace(
                main,
                source=(*main.source, *_new_actors(event.source, main.source)),
                target=(*main.target, *_new_actors(event.target, main.target)),
            )
    return [event for event in kept if event is not None]


def _governs(event: Event, head: Token) -> bool:
    """Whether an event's clause holds what it is about: any typed event, appeals, and
    warnings of a danger ("warned that the floods could kill thousands")."""
    if event.plover_type is not None or event.cameo_code.startswith("02"):
        return True
    return event.cameo_code == "012" and _lemma(head) == "warn"


# Verbs that ask or urge: the CAMEO codebook puts urging, calling for, asking and
# requesting under 02 (appeals, no PLOVER type) and keeps 10 (PLOVER REQUEST) for
# demands: demand, insist, press, seek, "must" (lexicon.yaml, under 02 and 10).
APPEAL_VERBS = frozenset({"urge", "call", "ask", "request", "push", "recommend", "exhort"})


def appeals(trigger: Trigger) -> bool:
    """Whether a trigger coded as a demand (10) asks rather than demands: "urged",
    "called on", "asked", "pushed for", "renewed its call for"."""
    if trigger.pos != "verb":
        return False
    return trigger.words[0] in APPEAL_VERBS or "call" in trigger.words[1:2]


def appeals_for_force(
    found: Sequence[tuple[Event, Token]], lexicon: Lexicon
) -> list[tuple[Event, Token]]:
    """Appeals for a hostile act against others are verbal conflict. Calling for
    sanctions, protest or force against someone rallies opposition against them (CAMEO
    113, PLOVER ACCUSE: "called for sanctions on the regime", "urged its members to
    rally against the law"); calling for charges, arrest or other legal measures against
    someone is a demand (10: "recommended charges against the minister"). CAMEO's appeals
    (02) ask the one addressed to cooperate or yield. The act is one of root 11-20 in the
    appeal's clause, aimed "against" someone. ``found`` pairs each event with the word
    that carries it."""
    heads = {head.i: event.cameo_code for event, head in found if _governs(event, head)}
    out: list[tuple[Event, Token]] = []
    for event, head in found:
        code = event.cameo_code
        hostile = [
            other.cameo_code
            for other, word in found
            if code.startswith("02")
            and other.cameo_code[:2] >= "11"
            and word.i != head.i
            and _governor(word, other.cameo_code, heads) == head.i
            and _aimed_against(word, head)
        ]
        if hostile:
            legal = all(act[:2] in LEGAL_ROOTS and act != "113" for act in hostile)
            event = recoded(event, lexicon.codes["10" + code[2:] if legal else "113"])
        out.append((event, head))
    return out


# Roots of acts against someone that one demands of the authorities rather than rallies
# others to: accusations and charges (11, but for rallying opposition, 113), refusals
# (12), threats (13), arrest (17).
LEGAL_ROOTS = frozenset({"11", "12", "13", "17"})


def _aimed_against(act: Token, appeal: Token) -> bool:
    """Whether an act asked for is aimed "against" someone, said on the act, on the verb
    that carries it, or on the appeal ("called for sanctions against Iran")."""
    words = (act, act.head, appeal)
    return any(c.dep_ == "prep" and c.lower_ == "against" for w in words for c in w.children)


_CLAIM_TRIGGER = Trigger("015", ("claim",), "verb")
_WISH_TRIGGER = Trigger("020", ("want",), "verb")
# Verbs of wanting another to act: "wants Turkey to free the journalists" (an appeal).
WISH_VERBS = frozenset({"want", "wish"})
# Subjects that point back to the one who claims: "the rebels claimed they had attacked".
BACK_POINTERS = frozenset({"they", "we", "it", "he", "she", "i"})


# Nouns of acts and states that someone can be told must end: "the fighting must stop".
OBLIGED_ACTS = frozenset(
    {
        "fighting",
        "violence",
        "war",
        "oppression",
        "repression",
        "occupation",
        "bloodshed",
        "killing",
        "intervention",
        "blockade",
        "siege",
        "crackdown",
        "shelling",
        "bombing",
        "hostility",
        "aggression",
        "persecution",
        "harassment",
        "detention",
        "embargo",
        "sanction",
        "settlement",
        "incursion",
        "attack",
        "abuse",
        "torture",
    }
)


def _impersonal_obligation(clause: Token) -> bool:
    """An obligation laid on an act, not on an actor: "the fighting must stop", "military
    intervention must be avoided". Said by another, it demands that the act end."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(_lemma(c) in OBLIGED_ACTS for c in subjects)


def _claiming_verb(head: Token) -> Token | None:
    """The verb "claim" whose clause holds an act: "claimed that they had ambushed"."""
    current = head
    for _ in range(4):
        if current.dep_ not in ("ccomp", "xcomp", "conj") or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB" and current.lemma_.casefold() == "claim":
            return current
    return None


def _own_act(head: Token, event: Event, claimers: Sequence[Actor]) -> bool:
    """Whether the act claimed is the claimer's own: its subject points back to the one
    who claims, or names the same actor."""
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if any(s.lower_ in BACK_POINTERS for s in subjects):
        return True
    if not subjects and head.dep_ == "xcomp":
        return True  # "claimed to have shot down the drone"
    names = {(a.name, a.country) for a in claimers}
    return any((a.name, a.country) in names for a in event.source)


# Words of what a threat holds in store: "warned that any attack would meet a response".
CONSEQUENCE_WORDS = frozenset(
    {
        "consequence",
        "retaliation",
        "retaliate",
        "response",
        "respond",
        "force",
        "price",
        "punish",
        "punishment",
        "reprisal",
        "revenge",
        "action",
        "measure",
        "sanction",
        "tolerate",
        "war",
    }
)


def _warned_of(verb: Token) -> Token | None:
    """What a warning is of or about: "warned them of reprisals" gives "reprisals"
    (the parser may hang "of" on the one warned)."""
    warned = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for child in [*verb.children, *(g for w in warned for g in w.children)]:
        if child.dep_ == "prep" and child.lower_ in ("of", "about"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _warns_of_danger(verb: Token, resolver: ActorResolver) -> bool:
    """Whether "warned that ..." foretells a danger (CAMEO 012) rather than threatens: the
    clause says what something other than an actor will do ("warned that the famine
    could kill thousands"), and no one is warned and no consequence is named. "Warned
    that it would retaliate", "warned Iran that it would pay a price" are threats."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False  # "warned Iran that ...": the one warned is threatened
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    for clause in clauses:
        if any(_lemma(t) in CONSEQUENCE_WORDS for t in clause.subtree):
            return False
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        for subject in subjects:
            if subject.pos_ == "PRON" and subject.lower_ not in ("there",):
                return False  # "warned that it would ...": the warner's own act
            if any(resolver.resolve_all(t) for t in _with_conjuncts(subject)):
                return False  # "warned that police will act": an actor's act
    return True


def recoded(event: Event, cameo: CameoCode) -> Event:
    """The event with another CAMEO code (and the PLOVER type, mode and id that go with it)."""
    trigger = event.trigger
    key = f"{event.article_id}|{trigger.start}|{trigger.end}|{cameo.code}"
    return replace(
        event,
        event_id=content_id(key, prefix="ev-"),
        cameo_code=cameo.code,
        plover_type=cameo.plover,
        plover_mode=cameo.mode,
        goldstein=cameo.goldstein,
    )


def _new_actors(actors: Sequence[Actor], present: Sequence[Actor]) -> list[Actor]:
    return [
        a for a in actors if not any(p.name == a.name and p.country == a.country for p in present)
    ]


# Relations by which a clause or phrase is part of what its head says or does.
GOVERNED_RELATIONS = frozenset(
    {
        "xcomp",
        "ccomp",
        "dobj",
        "prep",
        "pcomp",
        "acl",
        "relcl",
        "advcl",
        "nsubjpass",
        "csubjpass",
        "dative",
        "oprd",
        "attr",
    }
)
# Prepositions of cause and circumstance: what follows them is told as a fact.
CAUSE_PREPS = frozenset({"because", "over", "amid", "despite", "after", "following"})
# Prepositions of two or three words that say the same: "in the wake of", "in response to".
CAUSE_NOUNS = frozenset({"wake", "midst", "aftermath", "response", "result"})
# Adverbial clauses with these marks run beside the main event, not inside it.
FREE_MARKS = frozenset({"while", "so", "whereas", "and"})


def _governor(head: Token, code: str, heads: dict[int, str]) -> int | None:
    """The word of the event in whose clause the word of an event coded ``code`` lies,
    if any (``heads``: the words that carry events, with their codes)."""
    if head.dep_ == "acl" and head.tag_ == "VBG":
        return None  # "detained students protesting against the law": they protest
    below = head
    for _ in range(12):
        if below.dep_ == "ROOT" or below.head.i == below.i:
            return None
        if _own_speech(below) or _told_as_fact(below):
            return None
        if below.head.i in heads:
            if below.dep_ == "xcomp" and _lemma(below.head) in HELPING_VERBS:
                return None  # "helped negotiate a ceasefire": the help is the talks
            governs = _governing_relation(below, heads[below.head.i], code)
            return below.head.i if governs else None
        below = below.head
    return None


def _own_speech(clause: Token) -> bool:
    """A clause said by a speaker of its own: "a general who told reporters ..." or a
    quotation ("... backed by the general: “We will enter the fight”")."""
    if clause.pos_ != "VERB":
        return False
    if _lemma(clause) in REPORT_VERBS and any(c.dep_ == "nsubj" for c in clause.children):
        return True
    start = clause.left_edge.i
    return clause.dep_ == "ccomp" and start > 0 and clause.doc[start - 1].is_quote


HELPING_VERBS = frozenset({"help", "assist"})
# Movements whose purpose names the event: "sent troops to keep the peace", "arrived
# to deliver aid" (CAMEO 042-043 travel, 15 mobilisation).
MOVEMENT_CODES = ("042", "043", "15")


def _governing_relation(child: Token, code: str, own_code: str) -> bool:
    """Whether ``child`` hangs below the word of an event coded ``code`` as its content,
    purpose or background; ``own_code`` is the code of the event below."""
    relation = child.dep_
    if relation not in GOVERNED_RELATIONS:
        return False
    if relation == "prep":
        if child.lower_ == "of" and code.startswith(MOVEMENT_CODES):
            return False  # "the deployment of peacekeepers": what kind of force moves
        if child.lower_ in ("in", "as") and any(
            c.dep_ == "pobj" and c.lower_ in CAUSE_NOUNS for c in child.children
        ):
            return False  # "in the wake of the killings", "in the midst of the riot"
        return child.lower_ not in CAUSE_PREPS
    if relation == "advcl":
        marks = [c.lower_ for c in child.children if c.dep_ in ("mark", "aux")]
        if marks == ["to"] and code.startswith(MOVEMENT_CODES):
            return False
        if not marks:
            # A participle: "shelled the town, detaining dozens" is an act of its own;
            # "marched, demanding the release of prisoners" and "held rallies, saying the
            # minister must go" tell what the act demands; "two men, wanted since last
            # year's bombing" describes.
            said = own_code.startswith(("10", "02")) or _lemma(child) in STATEMENT_VERBS
            if child.tag_ == "VBG":
                return said
            # a past form with no subject of its own is a participle, whatever its tag
            return child.tag_ in ("VBN", "VBD") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in child.children
            )
        return not FREE_MARKS.intersection(marks)  # "while talks went on": beside it
    return True


# Conjunctions of time and cause: a clause of the past they bring in is told as a fact.
FACT_MARKS = frozenset({"when", "after", "since", "because"})


def _told_as_fact(clause: Token) -> bool:
    """A clause of time or cause in the past, with a subject of its own, tells an event
    that took place, whatever it is the time of: "ties were wrecked when the air force
    shot down a jet", "homes burned after rebels shelled the town"; not "will reply if
    they attack", nor "said troops would fire when protesters attacked"."""
    if clause.dep_ != "advcl" or clause.tag_ != "VBD":
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")}
    modal = FUTURE_AUX | HYPOTHETICAL_AUX
    return (
        bool(FACT_MARKS & marks)
        and any(c.dep_ == "nsubj" for c in clause.children)
        # "troops would fire when protesters attacked": a past told from before it
        and not any(c.dep_ == "aux" and c.lower_ in modal for c in clause.head.children)
    )


# Words that state an intention (PLOVER AGREE or THREATEN), unlike mere aims and hopes.
DECLARED_INTENT = frozenset(
    {
        "vow",
        "swear",
        "pledge",
        "promise",
        "offer",
        "willing",
        "ready",
        "prepared",
        "plan",
        "agree",
        "threaten",
        "intend",
        "announce",
        "undertake",
        "set",
    }
)


def declares_intent(head: Token) -> bool:
    """Whether the trigger is announced as something its source will do."""
    current = head
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in current.children):
            return True
        if _reported(current) and any(
            c.dep_ == "aux" and c.lower_ == "would" for c in current.children
        ):
            return True
        if current.dep_ != "xcomp" and not _promised(current):
            return False
        current = current.head
        if current.lemma_.casefold() in DECLARED_INTENT:
            return True
    return False


# Verbs whose "to" clause is always what is promised, even where the parser hangs it
# as an adverbial clause ("have vowed to march until the law falls").
PROMISING_VERBS = frozenset({"vow", "swear", "pledge", "promise", "threaten", "intend"})


def _promised(clause: Token) -> bool:
    """A "to" clause below a verb of promising: what its subject says it will do."""
    return (
        clause.dep_ == "advcl"
        and _lemma(clause.head) in PROMISING_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    )


# What refusing a cooperative act is coded as: the longest matching prefix of its code.
REFUSAL_CODES = {
    "03": "120",
    "04": "125",
    "045": "126",
    "05": "120",
    "057": "127",
    "06": "121",
    "07": "122",
    "08": "124",
    "081": "1241",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def refusal_code(code: str) -> str:
    """The CAMEO 12x code of refusing the cooperative act ``code``."""
    for length in (3, 2):
        if code[:length] in REFUSAL_CODES:
            return REFUSAL_CODES[code[:length]]
    return "120"


def refuses(head: Token) -> bool:
    """Whether a negated act is refused: "will not release", "would not accept",
    "failed to sign the accord" (not a plain "did not meet")."""
    current = head
    for _ in range(3):
        children = list(current.children)
        if any(c.dep_ == "neg" for c in children) and any(
            c.dep_ == "aux" and c.lower_ in (*FUTURE_AUX, "would", "can", "ca") for c in children
        ):
            return True
        if current.dep_ != "xcomp":
            return False
        current = current.head
        if _lemma(current) == "fail":
            # "failed to sign the accord", not "accused them of failing to protect": the
            # failure must be told as a fact of its own
            return current.tag_ in ("VBD", "VBZ", "VBP") or any(
                c.dep_ == "aux" for c in current.children
            )
    return False


def _conditional(head: Token) -> bool:
    """Whether a modal act is tied to a condition: "may halt talks if ...", "could strike
    unless ..." (not "if they are attacked" on the act itself)."""
    return any(c.lower_ in MODAL_AUX for c in head.children if c.dep_ == "aux") and any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in head.children
    )


def _reported(verb: Token) -> bool:
    """Whether a clause is what someone says: the complement of a reporting verb."""
    return verb.dep_ == "ccomp" and verb.head.lemma_.casefold() in REPORT_VERBS


def event_status(head: Token, match: Match) -> Status:
    """asserted, claimed, denied, negated, future or hypothetical, from the governing words."""
    doc = head.doc
    for i in match.tokens:
        token = doc[i]
        for child in token.children:
            if (child.dep_ == "neg" and token.pos_ in ("VERB", "AUX")) or (
                child.dep_ == "det" and child.lower_ == "no"
            ):
                return "negated"
    current = head
    for _ in range(8):
        for child in current.children:
            if child.dep_ == "neg" and current.pos_ in ("VERB", "AUX"):
                return "negated"
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                return "future"
            if child.dep_ == "aux" and child.lower_ == "would" and _reported(current):
                return "future"  # "said it would allow": reported future, not a condition
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                return "hypothetical"
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return "hypothetical"
        if current.dep_ in ("ROOT", "relcl") or current.dep_ not in _CLIMB:
            break
        relation, governor = current.dep_, current.head
        lemma = governor.lemma_.casefold()
        if lemma in DENY_VERBS:
            return "denied"
        if lemma in CLAIM_VERBS or (lemma == "accuse" and relation in ("pcomp", "pobj")):
            return "claimed"
        if lemma in REFUSE_VERBS and relation == "xcomp":
            return "negated"
        if lemma in INTENT_VERBS and (relation == "xcomp" or _promised(current)):
            return "future"
        current = governor
    return "asserted"
