"""The evaluation texts are for measuring only: none of their wording may sit in our
code, comments, tests or docs (skipped without the shared data).

Seven words in a row shared with an evaluation text is a copy, not a coincidence of
news English (runs of five or six common words do recur). Our own data tables
(``data/``) are left out: an organisation's full name is a fact that the texts
also spell out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "data"
RUN = 7

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason=f"{EVAL} is absent")


def _runs(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _ours() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "examples").glob("*"))]
    files += sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "bench").rglob("*.py"))
    files += sorted((ROOT / "bench" / "data").glob("*"))
    files += sorted((ROOT / "tests").rglob("*.py")) + sorted(
        (ROOT / "tests" / "fixtures").rglob("*")
    )
    return [f for f in files if f.is_file()]


def test_no_seven_word_run_of_an_evaluation_text_in_the_repository() -> None:
    theirs: set[str] = set()
    for path in sorted(EVAL.glob("*.jsonl")):
        if path.name == "seed.jsonl":
            continue  # the project's own article, coded by hand for this project
        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                theirs |= _runs(json.loads(line)["text"])
    copied = {
        str(path.relative_to(ROOT)): sorted(shared)[:3]
        for path in _ours()
        if (shared := _runs(path.read_text(encoding="utf-8", errors="ignore")) & theirs)
    }
    assert not copied, copied
