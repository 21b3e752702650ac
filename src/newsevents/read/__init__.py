"""Readers: turn files into Articles, or into coded rejections.

Each reader yields ``Article`` or ``Rejected`` records and never raises for one
bad document: a file that cannot be read at all becomes one ``Rejected``.

The format is chosen by extension and, where the extension says nothing or
``.gz`` hides it, by sniffing the first bytes:

==============  ===========================================  ==========================
format          extensions                                   sniffed by
==============  ===========================================  ==========================
WARC            .warc .warc.gz .arc                          ``WARC/`` (after gunzip)
RSS / Atom      .rss .atom .xml                              ``<rss``, ``<feed``, ``<rdf``
HTML            .html .htm .xhtml                            ``<html``, ``<!doctype html``
JSON Lines      .jsonl .ndjson .jsonlines                    a first ``{``
CSV / TSV       .csv .tsv                                    (extension only)
plain text      anything else                                (the fallback)
==============  ===========================================  ==========================

Every document's ``source`` names where it came from precisely enough to find
it again (``path``, ``path:line``, ``path@offset``, ``path#entry-N``); the
batch runner uses it to code each document exactly once.
"""

from __future__ import annotations

import io
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import InputError, MalformedRecord, MissingInput
from newsevents.model import Article, Rejected
from newsevents.read.jsonl import read_jsonl_lines
from newsevents.read.text import article_from_bytes

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".arc"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
FORMATS = ("text", "jsonl", "csv", "tsv", "html", "feed", "warc")

__all__ = ["FORMATS", "read_path", "read_sources", "read_stream", "sniff"]


def sniff(head: bytes) -> str:
    """Guess a format from the first bytes of a (decompressed) file."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    lower = start.lower()
    if start.startswith(b"WARC/"):
        return "warc"
    if start[:1] == b"{":
        return "jsonl"
    if lower.startswith(b"<"):
        if any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        if any(tag in lower for tag in (b"<html", b"<!doctype html", b"<head", b"<body")):
            return "html"
    return "text"


def _format_of(path: Path, head: bytes) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) > 1:
        last = suffixes[-2]
    if last in WARC_SUFFIXES:
        return "warc"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last == ".csv":
        return "csv"
    if last == ".tsv":
        return "tsv"
    if last in HTML_SUFFIXES:
        return "html"
    if last in FEED_SUFFIXES:
        found = sniff(head)
        return found if found in ("feed", "html") else "feed"
    return sniff(head)


def read_stream(
    stream: BinaryIO,
    *,
    source: str,
    fmt: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article | Rejected]:
    """Read one (already decompressed) stream in the given or sniffed format."""
    if fmt is None:
        data = stream.read()
        yield from _read_bytes(data, source=source, fmt=sniff(data[:4096]), columns=columns)
        return
    if fmt == "warc":
        from newsevents.read.warc import read_warc

        yield from read_warc(stream, source=source)
    elif fmt in ("csv", "tsv"):
        from newsevents.read.table import read_table

        yield from read_table(
            stream, source=source, delimiter="\t" if fmt == "tsv" else ",", mapping=columns
        )
    elif fmt == "jsonl":
        yield from read_jsonl_lines(stream, source=source)
    else:
        yield from _read_bytes(stream.read(), source=source, fmt=fmt, columns=columns)


def _read_bytes(
    data: bytes, *, source: str, fmt: str, columns: Mapping[str, str] | None
) -> Iterator[Article | Rejected]:
    try:
        if fmt == "jsonl":
            yield from read_jsonl_lines(data.splitlines(), source=source)
        elif fmt == "html":
            from newsevents.read.html import article_from_html

            yield article_from_html(data, source=source)
        elif fmt == "feed":
            from newsevents.read.feed import read_feed

            yield from read_feed(data, source=source)
        elif fmt in ("warc", "csv", "tsv"):
            yield from read_stream(io.BytesIO(data), source=source, fmt=fmt, columns=columns)
        else:
            yield article_from_bytes(data, source=source)
    except InputError as exc:
        yield Rejected(source=source, code=exc.code, reason=exc.reason)


def read_path(
    path: Path, *, fmt: str | None = None, columns: Mapping[str, str] | None = None
) -> Iterator[Article | Rejected]:
    """Read one file, by the format given, its extension or its first bytes."""
    source = str(path)
    try:
        handle: BinaryIO = path.open("rb")
    except OSError as exc:
        yield Rejected(source=source, code=MissingInput.code, reason=f"cannot open: {exc}")
        return
    with handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
        kind = fmt or _format_of(path, _gunzip(handle.read(65536))[0] if gzipped else b"")
        handle.seek(0)
        if not gzipped and fmt is None and kind not in ("warc", "csv", "tsv", "jsonl"):
            kind = _format_of(path, handle.read(4096))
            handle.seek(0)
        if not gzipped or kind == "warc":
            # warcio reads gzip members itself, record by record.
            yield from read_stream(handle, source=source, fmt=kind, columns=columns)
            return
        data, complete = _gunzip(handle.read())
        if complete:
            yield from _read_bytes(data, source=source, fmt=kind, columns=columns)
            return
        lines = 0
        if kind == "jsonl":
            # Keep every whole line that came out before the break.
            whole = data[: data.rfind(b"\n") + 1]
            for item in read_jsonl_lines(whole.splitlines(), source=source):
                lines += 1
                yield item
        yield Rejected(
            f"{source}@end" if lines else source,
            MalformedRecord.code,
            f"the gzip stream ends early after {len(data):,} bytes"
            + (f" ({lines} records read before the break)" if lines else "")
            + "; the file may be truncated",
        )


def _gunzip(raw: bytes) -> tuple[bytes, bool]:
    """Decompress as much as there is; True if the stream was complete."""
    out = io.BytesIO()
    complete = True
    while raw:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out.write(inflater.decompress(raw))
        except zlib.error:
            return out.getvalue(), False
        if not inflater.eof:
            complete = False
            break
        raw = inflater.unused_data  # the next gzip member, if any
    return out.getvalue(), complete


def expand(source: str | Path) -> Iterator[Path | Rejected]:
    """A file, or the files under a directory (recursively, sorted, hidden ones left out)."""
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
    sources: Iterable[str | Path],
    *,
    stdin: BinaryIO | None = None,
    fmt: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Article | Rejected]:
    """Read files, directories (recursively, sorted) and ``-`` for standard input."""
    for source in sources:
        if str(source) == "-":
            yield from read_stream(
                stdin or sys.stdin.buffer, source="<stdin>", fmt=fmt, columns=columns
            )
            continue
        for item in expand(source):
            if isinstance(item, Rejected):
                yield item
            else:
                yield from read_path(item, fmt=fmt, columns=columns)
