"""WARC and WARC.gz archives (warcio): one Article per HTML response record.

Records are streamed, so a month of CC-NEWS never sits in memory. Each
record's source is ``path@offset`` (its byte offset in the archive), so a rerun
finds the records it coded before. Requests, metadata and non-HTML responses
are not articles and are passed over. An archive that ends early (a truncated
download) keeps every record read before the break and adds one Rejected
saying where it broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from newsevents.errors import InputError, MalformedRecord
from newsevents.model import Article, Rejected
from newsevents.read.html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, *, source: str) -> Iterator[Article | Rejected]:
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    count = 0
    offset = 0
    try:
        for record in records:
            if record.rec_type != "response":
                continue
            http = record.http_headers
            kind = (http.get_header("Content-Type") if http else None) or ""
            if not kind.lower().startswith(_HTML_TYPES):
                continue
            status = http.get_statuscode() if http else "200"
            if status and not status.startswith("2"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            body = record.content_stream().read()
            # Asking for the offset reads the record to its end: only after the body.
            offset = records.get_record_offset()
            where = f"{source}@{offset}"
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                raise EOFError(f"the record at byte {offset} lacks its last {missing} bytes")
            count += 1
            try:
                yield article_from_html(body, source=where, url=url, fallback_date=crawled)
            except InputError as exc:
                yield Rejected(where, exc.code, exc.reason)
    except Exception as exc:  # warcio and zlib raise many kinds on a broken archive
        yield Rejected(
            f"{source}@end",
            MalformedRecord.code,
            f"the archive breaks after byte {offset} (pages read before the break: {count}): "
            f"{type(exc).__name__}: {exc}; the file may be truncated",
        )
