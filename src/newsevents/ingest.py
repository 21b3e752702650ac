"""Batch runs into the event store: every document coded, skipped or rejected once.

``Ingest.run`` reads the sources in chunks. For each chunk it drops the
documents the store has already accounted for (a rerun after a crash or a
``kill -9`` goes on where the last one stopped), sets aside near-duplicates of
articles already seen (MinHash; they are listed, not coded, and their
original's events count them as mentions), codes the rest with the pipeline,
and writes each document in its own transaction. A file read to the end is
marked finished, so the next run passes over it without reading it.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from newsevents.dedup import THRESHOLD, DuplicateIndex, Signature, signature
from newsevents.errors import MalformedRecord, StageError
from newsevents.model import Article, Coded, Rejected
from newsevents.pipeline import Pipeline
from newsevents.read import expand, read_path, read_stream
from newsevents.scale import ChunkFuture, Coder, InProcess
from newsevents.store import Store

CHUNK = 64


@dataclass
class Counts:
    """What one run did. ``documents`` counts every document read this run."""

    documents: int = 0
    coded: int = 0
    skipped: int = 0
    rejected: int = 0
    duplicates: int = 0
    events: int = 0
    already_stored: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["seconds"] = round(self.seconds, 2)
        return record


class Progress:
    """One status line on a terminal: documents, events, rejects and rate."""

    def __init__(self, out: IO[str] | None = None, *, every: float = 0.25) -> None:
        self.out = out if out is not None else sys.stderr
        self.enabled = self.out.isatty()
        self.every = every
        self.started = time.perf_counter()
        self.shown = 0.0

    def update(self, counts: Counts, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.shown < self.every:
            return
        self.shown = now
        rate = counts.documents / max(now - self.started, 1e-9)
        line = (
            f"\r{counts.documents:,} documents | {counts.coded:,} coded | "
            f"{counts.events:,} events | {counts.duplicates:,} duplicates | "
            f"{counts.skipped:,} skipped | {counts.rejected:,} rejects | {rate:,.1f} docs/s"
        )
        self.out.write(line + ("\n" if final else ""))
        self.out.flush()


@dataclass
class _FileDone:
    """A file read to its end: marked finished once its last chunk is written."""

    path: str
    size: int
    mtime_ns: int
    documents: int


@dataclass
class _Chunk:
    to_code: list[Article]
    signatures: dict[str, Signature]
    copies: list[tuple[Article, str, float]]
    files: list[_FileDone]
    future: ChunkFuture


class Ingest:
    """Codes sources into a store, exactly once per document.

    ``coder`` is a Pipeline (code here) or any coder of ``newsevents.scale``
    (a process pool, a Dask cluster). This object stays the only writer.
    """

    def __init__(
        self,
        coder: Pipeline | Coder,
        store: Store,
        *,
        dedup: bool = True,
        threshold: float = THRESHOLD,
        progress: Progress | None = None,
    ) -> None:
        self.coder: Coder = InProcess(coder) if isinstance(coder, Pipeline) else coder
        self.store = store
        self.dedup = dedup
        self.index = DuplicateIndex(threshold=threshold)
        if dedup:
            self.index.extend(store.signatures())
        self.progress = progress
        self._fates: dict[str, Rejected] = {}

    def run(
        self,
        sources: Iterable[str | Path],
        *,
        fmt: str | None = None,
        columns: Mapping[str, str] | None = None,
        stdin: BinaryIO | None = None,
    ) -> Counts:
        counts = Counts()
        started = time.perf_counter()
        pending: deque[_Chunk] = deque()
        items: list[Article | Rejected] = []
        files: list[_FileDone] = []
        # One DuckDB thread: the coders need the cores more than chunk inserts do.
        with self.store.threads(1):
            for entry in self._entries(sources, fmt, columns, stdin, counts):
                if isinstance(entry, _FileDone):
                    files.append(entry)
                    continue
                items.append(entry)
                if len(items) >= CHUNK:
                    self._dispatch(items, files, pending, counts)
                    items, files = [], []
            if items or files:
                self._dispatch(items, files, pending, counts)
            while pending:
                self._finish(pending.popleft(), counts)
        counts.seconds = time.perf_counter() - started
        counts.documents += counts.already_stored
        if self.progress is not None:
            self.progress.update(counts, final=True)
        return counts

    def _entries(
        self,
        sources: Iterable[str | Path],
        fmt: str | None,
        columns: Mapping[str, str] | None,
        stdin: BinaryIO | None,
        counts: Counts,
    ) -> Iterator[Article | Rejected | _FileDone]:
        for source in sources:
            if str(source) == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield from read_stream(stream, source="<stdin>", fmt=fmt)
                continue
            for item in expand(source):
                if isinstance(item, Rejected):
                    yield item
                    continue
                path = item.resolve()
                stat = path.stat()
                if self.store.file_finished(str(path), stat.st_size, stat.st_mtime_ns):
                    counts.already_stored += self._file_documents(str(path))
                    continue
                read = 0
                for entry in read_path(path, fmt=fmt, columns=columns):
                    read += 1
                    yield entry
                yield _FileDone(str(path), stat.st_size, stat.st_mtime_ns, read)

    def _file_documents(self, path: str) -> int:
        rows = self.store.connection.execute(
            "SELECT documents FROM files WHERE path = ?", [path]
        ).fetchall()
        return int(rows[0][0] or 0) if rows else 0

    def _dispatch(
        self,
        chunk: list[Article | Rejected],
        files: list[_FileDone],
        pending: deque[_Chunk],
        counts: Counts,
    ) -> None:
        """Sort a chunk: known, rejected, copies, and the rest sent to be coded."""
        known = self.store.known_keys(_key(item) for item in chunk)
        keys: set[str] = set()
        to_code: list[Article] = []
        signatures: dict[str, Signature] = {}
        copies: list[tuple[Article, str, float]] = []
        for item in chunk:
            key = _key(item)
            if key in known or key in keys:
                counts.already_stored += 1
                continue
            keys.add(key)
            if isinstance(item, Rejected):
                self._reject(item, counts)
                continue
            if not self.dedup:
                to_code.append(item)
                continue
            sig = signature(item.text)
            found = self.index.find(sig)
            if item.id in self.index and (found is None or found[0] != item.id):
                self._reject(
                    Rejected(
                        key,
                        MalformedRecord.code,
                        f"the id {item.id!r} is already used by a different article; "
                        "give every article its own id",
                        article_id=item.id,
                    ),
                    counts,
                )
                continue
            if found is not None:
                copies.append((item, *found))
                continue
            self.index.add(item.id, sig)
            signatures[item.id] = sig
            to_code.append(item)
        pending.append(_Chunk(to_code, signatures, copies, files, self.coder.submit(to_code)))
        while len(pending) > self.coder.in_flight:
            self._finish(pending.popleft(), counts)
        self._show(counts)

    def _finish(self, chunk: _Chunk, counts: Counts) -> None:
        """Write a coded chunk, then its copies, then mark its finished files."""
        try:
            results = chunk.future.result()
        except Exception as exc:  # a worker died: record every article, lose none
            error = StageError(f"the worker coding this chunk failed: {type(exc).__name__}: {exc}")
            results = [
                Rejected(_key(a), error.code, error.reason, article_id=a.id) for a in chunk.to_code
            ]
        coded: list[Coded] = []
        for result in results:
            if isinstance(result, Rejected):
                if result.article_id is not None:
                    self._fates[result.article_id] = result
                    self.index.remove(result.article_id)
                self._reject(result, counts)
            else:
                coded.append(result)
        stored = self.store.write_batch(
            [(c, _key(c.article), chunk.signatures.get(c.article.id)) for c in coded]
        )
        for result, new in zip(coded, stored, strict=True):
            if new:
                counts.coded += 1
                counts.events += len(result.events)
            else:
                counts.duplicates += 1
            counts.documents += 1
        for copy, original_id, similarity in chunk.copies:
            fate = self._fates.get(original_id)
            if fate is not None:
                self._reject(
                    Rejected(
                        _key(copy),
                        fate.code,
                        f"a copy of {original_id}, which was not coded: {fate.reason}",
                        article_id=copy.id,
                        language=fate.language,
                    ),
                    counts,
                )
                continue
            if self.store.duplicate(
                copy, doc_key=_key(copy), original_id=original_id, similarity=similarity
            ):
                counts.duplicates += 1
                counts.documents += 1
        for done in chunk.files:
            self.store.finish_file(done.path, done.size, done.mtime_ns, done.documents)
        self._show(counts)

    def _reject(self, rejected: Rejected, counts: Counts) -> None:
        if not self.store.reject(rejected):
            counts.already_stored += 1
            return
        counts.documents += 1
        if rejected.skipped:
            counts.skipped += 1
        else:
            counts.rejected += 1
            if self.progress is not None and not self.progress.enabled:
                print(
                    f"newsevents: [{rejected.code}] {rejected.source}: {rejected.reason}",
                    file=sys.stderr,
                )

    def _show(self, counts: Counts) -> None:
        if self.progress is not None:
            self.progress.update(counts)


def _key(item: Article | Rejected) -> str:
    if isinstance(item, Rejected):
        return item.source
    return item.source or item.id
