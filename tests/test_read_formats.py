"""Readers for HTML, feeds, WARC, CSV and gzip, on inputs the project wrote."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corpus import HAND_WRITTEN, articles, html_page, rss_feed, warc_bytes
from newsevents.dedup import DuplicateIndex, signature, similarity
from newsevents.errors import MalformedRecord
from newsevents.model import Article, Rejected
from newsevents.read import read_path, sniff
from newsevents.read.table import parse_mapping

BODY = HAND_WRITTEN.split("\n", 2)[2].strip()


def _read(path: Path, **kwargs: object) -> list[Article | Rejected]:
    return list(read_path(path, **kwargs))  # type: ignore[arg-type]


def test_read_html_takes_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(html_page("Troops clash on the border", BODY, outlet="Caucasus Ledger"))
    (article,) = _read(page)
    assert isinstance(article, Article)
    assert "exchanged fire near the village of Tegh" in article.text
    assert "Home | World" not in article.text and "rights reserved" not in article.text
    assert article.title == "Troops clash on the border"
    assert article.outlet == "Caucasus Ledger"
    assert article.published == "2026-03-14"


def test_read_html_sniffed_without_extension(tmp_path: Path) -> None:
    page = tmp_path / "download"
    page.write_text(html_page("Troops clash", BODY))
    (article,) = _read(page)
    assert isinstance(article, Article) and "<p>" not in article.text


def test_read_feed_one_article_per_entry(tmp_path: Path) -> None:
    items = articles(3)
    feed = tmp_path / "wire.xml"
    feed.write_text(rss_feed(items))
    read = _read(feed)
    assert [type(a) for a in read] == [Article] * 3
    first = read[0]
    assert isinstance(first, Article)
    assert first.text == items[0]["text"]
    assert first.url == f"https://wire.example/{items[0]['id']}"
    assert first.outlet == "Wire Example" and first.published == "2026-03-14"
    assert first.source == f"{feed}#entry-1"


def test_read_warc_pages_with_offsets_as_sources(tmp_path: Path) -> None:
    items = articles(2)
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        warc_bytes(
            [(f"https://ledger.example/{a['id']}", html_page(a["title"], a["text"])) for a in items]
        )
    )
    read = _read(archive)
    assert all(isinstance(a, Article) for a in read) and len(read) == 2
    assert [a.url for a in read if isinstance(a, Article)] == [
        f"https://ledger.example/{a['id']}" for a in items
    ]
    assert read[0].source == f"{archive}@0"
    assert read[1].source is not None and read[1].source.startswith(f"{archive}@")


def test_read_csv_with_column_mapping(tmp_path: Path) -> None:
    table = tmp_path / "export.csv"
    table.write_text(
        'guid,headline,body_text,pubdate\nx1,Strike,"Dock workers in Mombasa struck, '
        'their union said.",2026-01-05T10:00:00\n'
    )
    (unmapped,) = _read(table)
    assert isinstance(unmapped, Rejected) and unmapped.code == MalformedRecord.code
    assert "body_text" in unmapped.reason
    mapping = parse_mapping("text=body_text,id=guid,date=pubdate")
    (article,) = _read(table, columns=mapping)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.published) == ("x1", "Strike", "2026-01-05")
    assert article.text == "Dock workers in Mombasa struck, their union said."
    with pytest.raises(MalformedRecord):
        parse_mapping("words=body")


def test_read_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(a) + "\n" for a in articles(3)).encode()))
    assert [a.id for a in _read(path) if isinstance(a, Article)] == [
        "gen-0000",
        "gen-0001",
        "gen-0002",
    ]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.1\r\n", "warc"),
        (b'\xef\xbb\xbf{"id": 1}', "jsonl"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"Police arrested ten people.", "text"),
    ],
)
def test_read_sniff(head: bytes, fmt: str) -> None:
    assert sniff(head) == fmt


def test_dedup_finds_the_wire_copy_and_not_the_other_story() -> None:
    copy = "By Staff Reporter\n" + BODY + "\nCopyright 2026 Wire Example."
    other = articles(1)[0]["text"]
    index = DuplicateIndex()
    index.add("original", signature(BODY))
    found = index.find(signature(copy))
    assert found is not None and found[0] == "original" and 0.8 <= found[1] < 1.0
    assert index.find(signature(other)) is None
    assert similarity(signature(BODY), signature(other)) < 0.2
    index.remove("original")
    assert index.find(signature(copy)) is None and len(index) == 0


def test_dedup_generated_articles_are_not_copies_of_each_other() -> None:
    index = DuplicateIndex()
    for item in articles(40):
        sig = signature(item["text"])
        assert index.find(sig) is None, item["id"]
        index.add(item["id"], sig)
