"""CSV and TSV exports: one Article per row, columns found by name or mapping.

Without a mapping, the text column is the first of ``text``, ``body``,
``content``, ``article``, ``story`` present (names compared without case), and
likewise for the other fields. A mapping names the columns outright:
``{"text": "body_text", "date": "pubdate"}``. A file without a text column is
one Rejected naming the columns it has; a row without text is a Rejected for
that row (``path:row``, counting the header as row 1).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from newsevents.errors import InputError, MalformedRecord
from newsevents.model import Article, Rejected
from newsevents.read.jsonl import article_from_record

FIELDS = ("id", "text", "title", "date", "url", "outlet")
CANDIDATES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid", "doc_id", "uid"),
    "text": ("text", "body", "content", "article", "story", "full_text", "maintext"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "pubdate", "date_publish", "datetime"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "source_name", "publisher", "site", "domain"),
}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def parse_mapping(spec: str) -> dict[str, str]:
    """``"text=body,date=pubdate"`` -> ``{"text": "body", "date": "pubdate"}``."""
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS or not column.strip():
            raise MalformedRecord(
                f"bad column mapping {part!r}; write FIELD=COLUMN with FIELD one of "
                f"{', '.join(FIELDS)}, e.g. text=body,date=pubdate"
            )
        mapping[field] = column.strip()
    return mapping


def read_table(
    stream: BinaryIO,
    *,
    source: str,
    delimiter: str = ",",
    mapping: Mapping[str, str] | None = None,
) -> Iterator[Article | Rejected]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        yield from _rows(csv.reader(text, delimiter=delimiter), source=source, mapping=mapping)
    finally:
        text.detach()  # the caller owns the stream and closes it


def _rows(
    reader: Iterator[list[str]], *, source: str, mapping: Mapping[str, str] | None
) -> Iterator[Article | Rejected]:
    try:
        header = next(reader)
    except StopIteration:
        yield Rejected(source, "NE101", "the table is empty; give a header row and rows")
        return
    except (UnicodeDecodeError, csv.Error) as exc:
        yield Rejected(source, MalformedRecord.code, f"cannot read the header row: {exc}")
        return
    columns = _columns(header, mapping or {})
    if "text" not in columns:
        wanted = (mapping or {}).get("text") or "/".join(CANDIDATES["text"])
        yield Rejected(
            source,
            MalformedRecord.code,
            f"no text column ({wanted}) among the columns {header}; "
            "name it with --columns text=COLUMN",
        )
        return
    row_number = 1
    while True:
        row_number += 1
        where = f"{source}:{row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield Rejected(where, "NE103", f"not valid UTF-8 from here on: {exc}")
            return
        except csv.Error as exc:
            yield Rejected(where, MalformedRecord.code, f"broken CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = {field: row[i] for field, i in columns.items() if i < len(row) and row[i]}
        try:
            if len(row) != len(header):
                raise MalformedRecord(
                    f"the row has {len(row)} cells but the header has {len(header)}",
                    source=where,
                )
            yield article_from_record(record, source=where)
        except InputError as exc:
            yield Rejected(where, exc.code, exc.reason, article_id=record.get("id"))


def _columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    folded = {name.strip().lower(): i for i, name in enumerate(header)}
    found: dict[str, int] = {}
    for field in FIELDS:
        if field in mapping:
            column = mapping[field].strip().lower()
            if column in folded:
                found[field] = folded[column]
            continue
        for candidate in CANDIDATES[field]:
            if candidate in folded:
                found[field] = folded[candidate]
                break
    return found
