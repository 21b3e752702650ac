"""The command line: thin commands over the library.

Exit codes: 0 everything coded, 1 some input was rejected (each rejection is
reported on standard error with its code), 2 a usage error or a failure to
start (missing model, unreadable settings).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsevents.config import Settings, load_settings
from newsevents.errors import NewsEventsError
from newsevents.model import Article, Coded, Rejected

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2

EVENT_COLUMNS = (
    "article_id",
    "event_id",
    "plover_type",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "source",
    "target",
    "location",
    "trigger",
    "sentence",
    "date",
    "status",
    "attribution",
    "confidence",
    "links",
)
PLACE_COLUMNS = (
    "article_id",
    "start",
    "end",
    "text",
    "name",
    "lat",
    "lon",
    "country",
    "geonameid",
    "admin1",
    "feature_code",
    "confidence",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsevents",
        description="Turn news articles into sourced, geolocated political events.",
    )
    parser.add_argument("--settings", type=Path, help="a TOML settings file")
    sub = parser.add_subparsers(dest="command", required=True)

    def add_geonames(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--geonames",
            type=Path,
            action="append",
            metavar="FILE",
            help="a GeoNames dump file (allCountries.txt, SY.txt, cities1000.zip, ...) "
            "whose places join the gazetteer; may be given more than once",
        )

    def add_inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths",
            nargs="+",
            help="files, directories, or - for standard input "
            "(plain text: first line is the title; .jsonl: {id, text, ...} a line)",
        )
        p.add_argument(
            "--format",
            choices=("table", "jsonl", "csv"),
            help="output format (default: table on a terminal, jsonl when piped)",
        )
        p.add_argument(
            "--db",
            type=Path,
            help="also store articles, events, places and "
            "mentions in this DuckDB file (idempotent)",
        )
        p.add_argument("--country", help="ISO3 country the articles are about (places hint)")
        add_geonames(p)
        p.add_argument(
            "--no-language-check", action="store_true", help="code articles whatever their language"
        )

    code = sub.add_parser("code", help="print one record per event")
    add_inputs(code)
    places = sub.add_parser("places", help="print one record per resolved place mention")
    add_inputs(places)
    ingest = sub.add_parser(
        "ingest",
        help="code files into an event store, each document exactly once",
        description="Read text, JSON Lines, CSV/TSV, HTML, WARC(.gz) and RSS/Atom files "
        "(by extension, else by sniffing), code them, and store articles, events, places "
        "and mentions. Rerunning the same command after a crash goes on where it stopped.",
    )
    ingest.add_argument("paths", nargs="+", help="files, directories, or - for standard input")
    ingest.add_argument("--db", type=Path, required=True, help="the DuckDB event store")
    ingest.add_argument(
        "--input-format",
        choices=("text", "jsonl", "csv", "tsv", "html", "feed", "warc"),
        help="read every input in this format (default: by extension, else sniffed)",
    )
    ingest.add_argument(
        "--columns",
        help="CSV column mapping, e.g. text=body,title=headline,date=pubdate,id=guid",
    )
    ingest.add_argument("--no-dedup", action="store_true", help="code near-duplicate articles too")
    ingest.add_argument("--json", action="store_true", help="end with one JSON summary")
    ingest.add_argument(
        "--workers",
        type=int,
        help="worker processes that code (default: one per core, at most 8; 1 = this process)",
    )
    ingest.add_argument(
        "--dask", metavar="ADDRESS", help="code on this Dask cluster (tcp://scheduler:8786)"
    )
    ingest.add_argument(
        "--parquet",
        type=Path,
        metavar="DIR",
        help="also write the store's events as Parquet, partitioned by year and month",
    )
    ingest.add_argument("--country", help="ISO3 country the articles are about (places hint)")
    add_geonames(ingest)
    ingest.add_argument(
        "--no-language-check", action="store_true", help="code articles whatever their language"
    )
    export = sub.add_parser("export", help="write the events of a store")
    export.add_argument("--db", type=Path, required=True, help="the DuckDB event store")
    export.add_argument(
        "--format",
        choices=("jsonl", "csv", "parquet", "gdelt", "polecat"),
        default="jsonl",
        help="jsonl, csv, parquet: our layout, one row per event mention; gdelt: GDELT 2.0 "
        "event table, one row per event; polecat: POLECAT TSV columns",
    )
    export.add_argument("--output", "-o", type=Path, help="write here (default: stdout)")
    export.add_argument(
        "--header", action=argparse.BooleanOptionalAction, help="a header row (gdelt, polecat)"
    )
    rejects = sub.add_parser("rejects", help="list the documents a store could not code")
    rejects.add_argument("--db", type=Path, required=True, help="the DuckDB event store")
    rejects.add_argument(
        "--skipped", action="store_true", help="also list skipped (non-English) documents"
    )
    serve = sub.add_parser("serve", help="browse a store in a local web app")
    serve.add_argument("--db", type=Path, required=True, help="the DuckDB event store")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine)"
    )
    serve.add_argument(
        "--index-max-events",
        type=int,
        default=None,
        metavar="N",
        help="read the store into memory (about 0.9 GB per million events) only if it "
        "holds at most N events, else answer every request from DuckDB "
        "(default 5,000,000)",
    )
    evaluate = sub.add_parser("eval", help="code a gold file and print every score")
    evaluate.add_argument("gold", type=Path, nargs="+", help="gold JSON Lines file(s)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument(
        "--predictions",
        type=Path,
        help="also write the predicted event and place records here (JSONL)",
    )
    evaluate.add_argument("--limit", type=int, help="score only the first N documents")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    try:
        settings = load_settings(
            path=args.settings,
            known_country=getattr(args, "country", None),
            geonames_files=getattr(args, "geonames", None),
            check_language=False if getattr(args, "no_language_check", False) else None,
        )
        if args.command == "eval":
            return _eval(args, settings)
        if args.command == "ingest":
            return _ingest(args, settings)
        if args.command == "export":
            return _export(args)
        if args.command == "rejects":
            return _rejects(args)
        if args.command == "serve":
            return _serve(args)
        return _code(args, settings)
    except NewsEventsError as exc:
        print(f"newsevents: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (| head): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _pipeline(settings: Settings) -> Any:
    from newsevents.pipeline import Pipeline

    return Pipeline(settings=settings)


def _code(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.read import read_sources

    out = sys.stdout
    fmt = args.format or ("table" if out.isatty() else "jsonl")
    from newsevents.scale import keep_freed_memory

    keep_freed_memory()  # this process codes the whole run
    pipeline = _pipeline(settings)
    store = None
    if args.db is not None:
        from newsevents.store import Store

        store = Store(args.db)
    rejected = 0
    records: list[dict[str, Any]] = []
    writer = _Writer(out, fmt, EVENT_COLUMNS if args.command == "code" else PLACE_COLUMNS)
    try:
        for result in pipeline.run(read_sources(args.paths)):
            if isinstance(result, Rejected):
                rejected += 1
                print(
                    f"newsevents: [{result.code}] {result.source}: {result.reason}", file=sys.stderr
                )
                if store is not None:
                    store.reject(result)
                continue
            if store is not None:
                store.write(result)
            for record in _records(result, args.command):
                writer.write(record)
                records.append(record)
    finally:
        writer.close()
        if store is not None:
            store.close()
    return EXIT_REJECTED if rejected else EXIT_OK


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.ingest import Ingest, Progress
    from newsevents.read.table import parse_mapping
    from newsevents.scale import make_coder
    from newsevents.store import Store

    columns = parse_mapping(args.columns) if args.columns else None
    if args.workers is not None and args.workers < 1:
        print("newsevents: --workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    settings = settings.replace(
        **{k: v for k, v in (("workers", args.workers), ("dask", args.dask)) if v is not None}
    )
    with Store(args.db) as store:
        coder = make_coder(settings, workers=settings.workers, dask=settings.dask)
        try:
            run = Ingest(coder, store, dedup=not args.no_dedup, progress=Progress())
            counts = run.run(args.paths, fmt=args.input_format, columns=columns)
        finally:
            coder.close()
        if args.parquet is not None:
            from newsevents.export import export_partitioned

            export_partitioned(store, args.parquet)
    summary = counts.to_dict()
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"{counts.documents} documents: {counts.coded} coded, {counts.duplicates} "
            f"duplicates, {counts.skipped} skipped, {counts.rejected} rejected, "
            f"{counts.already_stored} stored before; {counts.events} events; "
            f"{counts.seconds:.1f} s",
            file=sys.stderr,
        )
    return EXIT_REJECTED if counts.rejected else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from newsevents.export import export
    from newsevents.store import Store

    with Store(args.db, read_only=True) as store:
        rows = export(store, args.format, sys.stdout, path=args.output, header=args.header)
    if args.output is not None:
        print(f"{rows} rows written to {args.output}", file=sys.stderr)
    return EXIT_OK


def _rejects(args: argparse.Namespace) -> int:
    from newsevents.store import Store

    statuses = ["rejected", "skipped"] if args.skipped else ["rejected"]
    with Store(args.db, read_only=True) as store:
        cursor = store.connection.execute(
            "SELECT source, article_id, status, code, reason, language FROM documents "
            "WHERE status IN (SELECT unnest(?)) ORDER BY added, source",
            [statuses],
        )
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(5_000):
            for row in rows:
                print(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from newsevents.web import serve

    if not args.db.exists():
        print(f"newsevents: [NE106] {args.db}: no such event store", file=sys.stderr)
        return EXIT_USAGE
    options = {} if args.index_max_events is None else {"index_max_events": args.index_max_events}
    serve(args.db, host=args.host, port=args.port, **options)
    return EXIT_OK


def _records(coded: Coded, command: str) -> Iterator[dict[str, Any]]:
    if command == "code":
        for event in coded.events:
            yield event.to_record()
    else:
        for place in coded.places:
            yield place.to_record(coded.article.id)


class _Writer:
    """Writes records as JSON Lines, CSV (nested fields as JSON) or an aligned table."""

    def __init__(self, out: IO[str], fmt: str, columns: Sequence[str]) -> None:
        self.out, self.fmt, self.columns = out, fmt, columns
        self.rows: list[dict[str, Any]] = []
        self.csv: Any = None
        if fmt == "csv":
            self.csv = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
            self.csv.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self.csv.writerow({k: _flat(record.get(k)) for k in self.columns})
        else:
            self.rows.append(record)

    def close(self) -> None:
        if self.fmt == "table":
            self.out.write(render_table(self.rows, events="event_id" in self.columns))
        self.out.flush()


def _flat(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _actors(actors: Iterable[dict[str, Any]]) -> str:
    parts = []
    for a in actors:
        tag = "/".join(x for x in (a.get("country"), a.get("sector")) if x)
        parts.append(f"{a['name']} ({tag})" if tag else a["name"])
    return "; ".join(parts) or "-"


def _clip(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(records: Sequence[dict[str, Any]], *, events: bool) -> str:
    """A readable, aligned plain-text table."""
    header: tuple[str, ...]
    widths: tuple[int, ...]
    rows: list[tuple[Any, ...]]
    if events:
        header = ("type", "cameo", "source", "target", "where", "status", "according to", "words")
        widths = (16, 5, 28, 28, 12, 9, 16, 34)
        rows = [
            (
                f"{r['plover_type'] or '-'}{'/' + r['plover_mode'] if r['plover_mode'] else ''}",
                r["cameo_code"],
                _actors(r["source"]),
                _actors(r["target"]),
                (r["location"] or {}).get("name") or "-",
                r["status"],
                ", ".join(r["attribution"]) or "-",
                r["trigger"]["text"],
            )
            for r in records
        ]
    else:
        header = ("text", "place", "country", "lat", "lon", "offsets")
        widths = (22, 24, 7, 8, 9, 12)
        rows = [
            (
                r["text"],
                r["name"],
                r["country"] or "-",
                f"{r['lat']:.2f}",
                f"{r['lon']:.2f}",
                f"{r['start']}-{r['end']}",
            )
            for r in records
        ]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append(
            "  ".join(_clip(str(c), w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    noun = "event" if events else "place"
    lines.append(f"{len(rows)} {noun}{'' if len(rows) == 1 else 's'}")
    return "\n".join(lines) + "\n"


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from newsevents.read.jsonl import article_from_record
    from newsevents.scoring import format_scores, read_gold, score

    gold: list[dict[str, Any]] = []
    for path in args.gold:
        gold.extend(read_gold(path))
    if args.limit is not None:
        gold = gold[: args.limit]
    pipeline = _pipeline(settings)
    articles: list[Article | Rejected] = []
    for number, doc in enumerate(gold, start=1):
        try:
            articles.append(article_from_record(doc, source=f"gold:{number}"))
        except NewsEventsError as exc:
            articles.append(Rejected(f"gold:{number}", exc.code, exc.reason))
    started = time.perf_counter()
    events: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    rejected = 0
    for result in pipeline.run(articles):
        if isinstance(result, Rejected):
            rejected += 1
            print(f"newsevents: [{result.code}] {result.source}: {result.reason}", file=sys.stderr)
            continue
        events.extend(e.to_record() for e in result.events)
        places.extend(p.to_record(result.article.id) for p in result.places)
    seconds = time.perf_counter() - started
    if args.predictions is not None:
        with args.predictions.open("w", encoding="utf-8") as handle:
            for record in events:
                handle.write(json.dumps({"record": "event", **record}, ensure_ascii=False) + "\n")
            for record in places:
                handle.write(json.dumps({"record": "place", **record}, ensure_ascii=False) + "\n")
    scores = score(gold, events, places)
    if args.json:
        payload = {
            "gold": [str(p) for p in args.gold],
            "documents": len(gold),
            "rejected": rejected,
            "seconds": round(seconds, 2),
            "scores": scores.to_dict(),
        }
        print(json.dumps(payload, indent=2))
    else:
        print(
            f"gold: {', '.join(str(p) for p in args.gold)}  documents: {len(gold)}  "
            f"rejected: {rejected}  seconds: {seconds:.1f}"
        )
        print(format_scores(scores))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
