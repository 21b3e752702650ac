"""Readers: turn files into Articles, or into coded rejections.

Each reader yields ``Article`` or ``Rejected`` records and never raises for one
bad document: a file that cannot be read at all becomes one ``Rejected``.
``read_sources`` picks the reader by extension.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import InputError, MissingInput
from newsevents.model import Article, Rejected
from newsevents.read.jsonl import read_jsonl_lines
from newsevents.read.text import article_from_bytes

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}

__all__ = ["read_path", "read_sources", "read_stream"]


def read_stream(
    stream: BinaryIO, *, source: str, jsonl: bool | None = None
) -> Iterator[Article | Rejected]:
    """Read one stream: JSON Lines if told so or if it starts with ``{``, else plain text."""
    data = stream.read()
    if jsonl is None:
        jsonl = data.lstrip()[:1] == b"{"
    if jsonl:
        yield from read_jsonl_lines(data.splitlines(), source=source)
        return
    try:
        yield article_from_bytes(data, source=source)
    except InputError as exc:
        yield Rejected(source=source, code=exc.code, reason=exc.reason)


def read_path(path: Path) -> Iterator[Article | Rejected]:
    """Read one file by its extension."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejected(source=source, code=MissingInput.code, reason=f"cannot open: {exc}")
        return
    with handle:
        yield from read_stream(handle, source=source, jsonl=path.suffix.lower() in JSONL_SUFFIXES)


def _expand(source: str | Path) -> Iterator[Path | Rejected]:
    path = Path(source)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    elif path.exists():
        yield path
    else:
        yield Rejected(
            source=str(source),
            code=MissingInput.code,
            reason="no such file or directory; check the path",
        )


def read_sources(
    sources: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejected]:
    """Read files, directories (recursively, sorted) and ``-`` for standard input."""
    for source in sources:
        if str(source) == "-":
            yield from read_stream(stdin or sys.stdin.buffer, source="<stdin>")
            continue
        for item in _expand(source):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from read_path(item)
