from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.model import Article, Rejected
from newsevents.read import FORMATS, read_sources, read_stream


def _one(path: Path) -> Article | Rejected:
    (item,) = list(read_sources([path]))
    return item


def test_read_text_first_line_is_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n  Rebels Seize Town\n\nRebels seized the town of Kidal on Monday.\n")
    article = _one(path)
    assert isinstance(article, Article)
    assert article.title == "Rebels Seize Town"
    assert article.text == path.read_text()
    assert len(article.id) == 16
    assert _one(path).id == article.id  # stable content hash


def test_read_jsonl_fields_and_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    lines = [
        json.dumps(
            {
                "id": "x1",
                "text": "Police arrested ten protesters.",
                "title": "Arrests",
                "date": "2024-03-01T10:00:00",
                "url": "https://example.org/1",
                "extra": 5,
            }
        ),
        '{"id": "x2", "text": "broken',
        json.dumps({"id": "x3", "title": "no text"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "x4", "text": "Troops shelled the village."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "Rejected",
        "Rejected",
        "Rejected",
        "Article",
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.id, first.title, first.published, first.url) == (
        "x1",
        "Arrests",
        "2024-03-01",
        "https://example.org/1",
    )
    broken = items[1]
    assert isinstance(broken, Rejected)
    assert broken.code == "NE105" and broken.source.endswith("b.jsonl:2")
    assert isinstance(items[2], Rejected) and "text" in items[2].reason
    assert isinstance(items[4], Article) and items[4].id == "x4"


def test_read_bad_inputs_get_codes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Le ministre a d\xe9menti.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Title\n\nTroops withdrew from the border town.")
    items = {Path(i.source).name: i for i in read_sources([tmp_path, tmp_path / "nope.txt"])}
    assert isinstance(items["good.txt"], Article)
    codes = {name: i.code for name, i in items.items() if isinstance(i, Rejected)}
    assert codes == {
        "empty.txt": "NE101",
        "binary.bin": "NE102",
        "latin1.txt": "NE103",
        "nope.txt": "NE106",
    }


def test_read_stdin_sniffs_jsonl() -> None:
    stream = io.BytesIO(b'{"id": "s1", "text": "Protesters marched."}\n')
    (item,) = list(read_stream(stream, source="<stdin>"))
    assert isinstance(item, Article) and item.id == "s1"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_read_any_bytes_gives_article_or_coded_rejection(data: bytes) -> None:
    for fmt in (None, *FORMATS):
        for item in read_stream(io.BytesIO(data), source="x", fmt=fmt):
            if isinstance(item, Rejected):
                assert item.code.startswith("NE1") and item.reason
            else:
                assert item.text.strip()
                if fmt == "text":
                    assert item.text == data.decode("utf-8-sig")
