"""JSON Lines: one article a line, ``{"id", "text", "title"?, "date"?, "url"?}``.

Other keys are ignored. A broken line becomes a ``Rejected`` naming its line
number; the lines around it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsevents.errors import InputError, MalformedRecord
from newsevents.model import Article, Rejected
from newsevents.read.text import article_from_text, decode_text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    return str(value)


def article_from_record(record: Any, *, source: str) -> Article:
    """One JSON object -> Article, or a coded error saying what is missing."""
    if not isinstance(record, dict):
        raise MalformedRecord(
            f"expected a JSON object with a 'text' field, got {type(record).__name__}",
            source=source,
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedRecord(
            'the record has no \'text\' string; each line needs {"id", "text"}',
            source=source,
        )
    date = _optional_str(record, "date") or _optional_str(record, "published")
    if date is not None:
        match = _DATE.match(date)
        date = match.group(0) if match else None
    return article_from_text(
        text,
        source=source,
        article_id=_optional_str(record, "id"),
        title=_optional_str(record, "title"),
        published=date,
        url=_optional_str(record, "url"),
        outlet=_optional_str(record, "outlet"),
    )


def read_jsonl_lines(lines: Iterable[bytes], *, source: str) -> Iterator[Article | Rejected]:
    """Read JSON Lines from raw byte lines, one Article or Rejected per non-blank line."""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            line = decode_text(raw, source=where)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(
                    f"broken JSON ({exc.msg} at column {exc.colno})", source=where
                ) from exc
            yield article_from_record(record, source=where)
        except InputError as exc:
            article_id = None
            if isinstance(exc, MalformedRecord) and raw.lstrip().startswith(b"{"):
                article_id = _peek_id(raw)
            yield Rejected(source=where, code=exc.code, reason=exc.reason, article_id=article_id)


def _peek_id(raw: bytes) -> str | None:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(record, dict) and record.get("id") is not None:
        return str(record["id"])
    return None
