"""RSS and Atom feeds (feedparser): one Article per entry.

An entry's text is its full content when the feed carries it, else its
summary, turned from HTML into plain text. Each entry's source is
``path#entry-N`` (N from 1), so a rerun finds the entries it coded before.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

from newsevents.errors import EmptyInput, InputError, MalformedRecord
from newsevents.model import Article, Rejected
from newsevents.read.html import html_fragment_text
from newsevents.read.text import article_from_text


def read_feed(data: bytes, *, source: str) -> Iterator[Article | Rejected]:
    """Parse a feed; a feed with no readable entries becomes one Rejected."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f" ({type(problem).__name__}: {problem})" if problem else ""
        yield Rejected(
            source,
            MalformedRecord.code,
            f"not a readable RSS or Atom feed: no entries{why}",
        )
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title") or urlparse(feed.get("link") or "").hostname
    for number, entry in enumerate(entries, start=1):
        where = f"{source}#entry-{number}"
        try:
            yield _entry_article(entry, source=where, outlet=outlet)
        except InputError as exc:
            yield Rejected(where, exc.code, exc.reason)


def _entry_article(entry: Any, *, source: str, outlet: str | None) -> Article:
    body = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(body):
            body = value
    if not body:
        body = entry.get("summary") or entry.get("description") or ""
    text = html_fragment_text(body)
    title = html_fragment_text(entry.get("title") or "") or None
    if not text.strip():
        raise EmptyInput("the feed entry has no content or summary", source=source)
    link = entry.get("link")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", stamp) if stamp else None
    return article_from_text(
        text,
        source=source,
        title=title,
        url=link,
        outlet=outlet,
        published=published,
    )
