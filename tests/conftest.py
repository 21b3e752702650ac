"""Shared fixtures: the real pipeline, loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newsevents.config import Settings

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "eval" / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    from newsevents.pipeline import Pipeline

    return Pipeline(settings=Settings())


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    return pipeline.resources.nlp
