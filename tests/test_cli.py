"""The command line, end to end, on the project's own articles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsevents.cli import main
from newsevents.model import STATUSES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "article.txt"
SCORER_FIELDS = {
    "article_id",
    "plover_type",
    "cameo_code",
    "cameo_root",
    "source",
    "target",
    "location",
    "trigger",
    "status",
}
EXTRA_FIELDS = {
    "event_id",
    "plover_mode",
    "quad_class",
    "goldstein",
    "attribution",
    "confidence",
    "date",
    "sentence",
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_code_jsonl_carries_every_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "code", str(EXAMPLE), "--format", "jsonl")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) >= 5
    text = EXAMPLE.read_text()
    for record in records:
        assert set(record) >= SCORER_FIELDS | EXTRA_FIELDS
        trigger = record["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        assert record["status"] in STATUSES
        for actor in record["source"] + record["target"]:
            assert {"name", "country", "sector", "start", "end"} <= set(actor)
    assert len({r["article_id"] for r in records}) == 1


def test_cli_code_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "code", str(EXAMPLE), "--format", "table")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["type", "cameo", "source"]
    assert "closed its border" in out and out.rstrip().endswith("events")
    code, out, _ = _run(capsys, "code", str(EXAMPLE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and json.loads(rows[0]["trigger"])["text"]


def test_cli_jsonl_input_keeps_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "doc-7",
                "text": "Algerian police arrested two smugglers near the border with Mali.",
                "date": "2023-05-01",
            }
        )
        + "\n"
    )
    code, out, _ = _run(capsys, "code", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records
    assert {r["article_id"] for r in records} == {"doc-7"}
    assert {r["date"] for r in records} == {"2023-05-01"}


def test_cli_bad_inputs_are_reported_and_the_rest_is_coded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-empty.txt").write_text("")
    (tmp_path / "b-binary.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "c-latin1.txt").write_bytes("Le ministre a d\xe9menti.".encode("latin-1"))
    (tmp_path / "d-french.txt").write_text(
        "Le gouvernement a fermé la frontière\n\nLe gouvernement malien a annoncé mardi la "
        "fermeture de la frontière avec l'Algérie après des affrontements dans le nord du "
        "pays, selon un communiqué publié à Bamako.\n"
    )
    (tmp_path / "e-good.txt").write_text(EXAMPLE.read_text())
    code, out, err = _run(capsys, "code", str(tmp_path), "--format", "jsonl")
    assert code == 1
    for marker in ("[NE101]", "[NE102]", "[NE103]", "[NE104]"):
        assert marker in err
    for name in ("a-empty.txt", "b-binary.dat", "c-latin1.txt", "d-french.txt"):
        assert name in err
    assert "'fr'" in err
    assert len(out.splitlines()) >= 5


def test_cli_db_twice_stores_nothing_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsevents.store import Store

    db = tmp_path / "events.duckdb"
    counts = []
    for _ in range(2):
        code, _, _ = _run(capsys, "code", str(EXAMPLE), "--db", str(db), "--format", "jsonl")
        assert code == 0
        with Store(db) as store:
            counts.append({t: store.count(t) for t in ("articles", "events", "places", "mentions")})
    assert counts[0] == counts[1]
    assert counts[0]["articles"] == 1 and counts[0]["events"] >= 5


def test_cli_places(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "places", str(EXAMPLE), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    text = EXAMPLE.read_text()
    assert records
    for record in records:
        assert {"article_id", "start", "end", "text", "lat", "lon", "country"} <= set(record)
        assert text[record["start"] : record["end"]] == record["text"]


def test_cli_eval_on_own_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Algeria closed its border with Mali on Sunday."
    gold = {
        "id": "g1",
        "dataset": "own",
        "tasks": ["event_type", "actors", "places"],
        "text": text,
        "title": None,
        "date": "2024-01-01",
        "events": [
            {
                "plover": "COERCE",
                "cameo_root": "19",
                "cameo": "191",
                "pentaclass": 4,
                "source": [{"text": "Algeria", "country": "DZA", "sector": "GOV"}],
                "target": [{"text": "Mali", "country": "MLI", "sector": None}],
                "location": None,
                "trigger": {"start": 8, "end": 25},
            }
        ],
        "places": [
            {
                "start": 0,
                "end": 7,
                "text": "Algeria",
                "lat": 28.0,
                "lon": 3.0,
                "country": "DZA",
                "geonameid": 2589581,
            },
            {
                "start": 31,
                "end": 35,
                "text": "Mali",
                "lat": 18.0,
                "lon": -2.0,
                "country": "MLI",
                "geonameid": 2453866,
            },
        ],
        "event_location": None,
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    code, out, _ = _run(capsys, "eval", str(path), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["documents"] == 1
    flat = json.dumps(payload["scores"])
    assert "recall" in flat
    code, out, _ = _run(capsys, "eval", str(path))
    assert code == 0 and "documents: 1" in out


def test_cli_usage_error_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code"]) == 2
    assert main(["nonsense"]) == 2
