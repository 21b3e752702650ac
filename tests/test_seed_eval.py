"""The bar of the foundation issue, on the project's seed article (skipped without shared data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsevents.model import Coded
from newsevents.pipeline import Pipeline
from newsevents.read.jsonl import article_from_record
from newsevents.scoring import read_gold, score

SEED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "data" / "seed.jsonl"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"{SEED} is absent")


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline) -> tuple[list[dict[str, Any]], Coded]:
    gold = read_gold(SEED)
    (coded,) = list(pipeline.run([article_from_record(gold[0], source="seed")]))
    assert isinstance(coded, Coded)
    return gold, coded


def test_seed_eval_meets_the_bar(seed: tuple[list[dict[str, Any]], Coded]) -> None:
    gold, coded = seed
    events = [e.to_record() for e in coded.events]
    places = [p.to_record(coded.article.id) for p in coded.places]
    scores = score(gold, events, places).to_dict()
    plover = scores["event_type"]["plover"]
    assert plover["recall"] >= 0.75 and plover["precision"] >= 0.6
    assert scores["actors"]["source_country"]["value"] >= 0.75
    assert scores["actors"]["target_country"]["value"] >= 0.75
    assert scores["places"]["recall"] >= 0.9
    assert scores["places"]["within_161km"] == 1.0


def test_seed_eval_claim_denied_and_attributed(seed: tuple[list[dict[str, Any]], Coded]) -> None:
    gold, coded = seed
    (reference,) = [
        e for e in gold[0]["events"] if e["plover"] == "SUPPORT" and e["cameo"] == "051"
    ]
    start, end = reference["trigger"]["start"], reference["trigger"]["end"]
    (event,) = [e for e in coded.events if e.trigger.start < end and start < e.trigger.end]
    assert event.plover_type == "SUPPORT"
    assert event.status == "denied"
    assert any(relation == "denied_by" for relation, _ in event.links)
    assert [a.text for a in event.attribution] == ["BBC"]
    cooperate = [e for e in coded.events if e.plover_type == "COOPERATE"]
    assert cooperate and [a.text for a in cooperate[0].attribution] == ["Reuters"]
