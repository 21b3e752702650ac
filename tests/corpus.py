"""Inputs for the batch tests: news-style articles written for this project, and
the torture corpus of broken files built from them.

``articles(n)`` makes ``n`` distinct articles from sentence templates filled with
different countries, cities and actors; no two are near-duplicates of each other.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

COUNTRIES = [
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"),
    ("Nigeria", "Nigerian", "Abuja", "Kano"),
    ("Pakistan", "Pakistani", "Islamabad", "Peshawar"),
    ("Colombia", "Colombian", "Bogota", "Cali"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"),
    ("Sudan", "Sudanese", "Khartoum", "Omdurman"),
    ("Peru", "Peruvian", "Lima", "Cusco"),
    ("Myanmar", "Burmese", "Naypyidaw", "Mandalay"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Gondar"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"),
    ("Iraq", "Iraqi", "Baghdad", "Basra"),
    ("Bolivia", "Bolivian", "La Paz", "Cochabamba"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OPENINGS = [
    "Police in {city} fired tear gas at thousands of protesters on {day}, witnesses said.",
    "Rebels attacked an army base near {city} on {day}, killing {n} soldiers, officials said.",
    "The {demonym} government expelled the ambassador of {other} on {day}.",
    "{country} and {other} signed an agreement on border trade in {capital} on {day}.",
    "Security forces arrested {n} opposition activists in {city} on {day}.",
    "The United Nations appealed on {day} for food aid for displaced families near {city}.",
]
MIDDLES = [
    "The interior ministry said the {reason} had been planned for weeks.",
    "Opposition leaders accused the government of ignoring {reason} in the {region} region.",
    "A spokesman for the {demonym} army denied that troops had fired on civilians.",
    "Officials in {capital} said talks with {other} would resume next month.",
    "Residents of {city} said shops stayed closed and {n} roads were blocked.",
    "The {demonym} foreign minister praised the mediation of the African Union.",
]
REASONS = [
    "fuel prices",
    "the disputed election",
    "water shortages",
    "land reform",
    "the curfew",
    "teachers' pay",
    "a mining licence",
    "the new tax",
]
REGIONS = ["northern", "southern", "eastern", "western", "central", "coastal"]

HAND_WRITTEN = (
    "Troops clash on the border\n\n"
    "Soldiers from Armenia and Azerbaijan exchanged fire near the village of Tegh on "
    "Saturday, the defence ministry in Yerevan said. Azerbaijan denied that its forces had "
    "opened fire first and accused Armenian troops of provoking the clash. The European "
    "Union called on both sides to show restraint.\n"
)


def articles(n: int, *, seed: int = 7) -> list[dict[str, str]]:
    """``n`` distinct news-style articles as JSON Lines records {id, title, date, text}."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        country, demonym, capital, city = COUNTRIES[i % len(COUNTRIES)]
        other = COUNTRIES[(i * 5 + 3) % len(COUNTRIES)][0]
        slots = {
            "country": country,
            "demonym": demonym,
            "capital": capital,
            "city": city,
            "other": other if other != country else "Chile",
            "day": rng.choice(WEEKDAYS),
            "n": str(rng.randint(3, 90)),
            "reason": rng.choice(REASONS),
            "region": rng.choice(REGIONS),
        }
        sentences = [rng.choice(OPENINGS), *rng.sample(MIDDLES, 3)]
        text = " ".join(s.format(**slots) for s in sentences)
        text += f" Reporter number {i} filed this story; reference {rng.getrandbits(64):x}."
        out.append(
            {
                "id": f"gen-{i:04d}",
                "title": f"{country}: {sentences[0].split(' ')[0]} report {i}",
                "date": f"2026-0{1 + i % 9}-{10 + i % 18:02d}",
                "text": text,
            }
        )
    return out


def html_page(title: str, body: str, *, outlet: str = "The Daily Ledger") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title} - {outlet}</title>"
        f'<meta property="og:site_name" content="{outlet}">'
        '<meta property="article:published_time" content="2026-03-14T08:00:00Z">'
        f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>{paragraphs}"
        "</article><footer>All rights reserved.</footer></body></html>"
    )


def rss_feed(items: list[dict[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{i['title']}</title><link>https://wire.example/{i['id']}</link>"
        f"<guid>{i['id']}</guid><pubDate>Sat, 14 Mar 2026 08:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{i['text']}</p>]]></description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Wire Example</title><link>https://wire.example/</link>{entries}"
        "</channel></rss>"
    )


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC with one request and one HTML response record per (url, html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, html in pages:
        payload = html.encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio buffers the block in a temporary file
    return buffer.getvalue()


def build_torture(root: Path) -> dict[str, str]:
    """Write the torture corpus under ``root``; returns {file name: what it tests}."""
    gen = articles(8, seed=11)
    files: dict[str, bytes] = {}
    what: dict[str, str] = {}

    def add(name: str, data: bytes | str, why: str) -> None:
        files[name] = data.encode("utf-8") if isinstance(data, str) else data
        what[name] = why

    add("good.txt", HAND_WRITTEN, "a good plain-text article")
    add("copy-of-good.txt", HAND_WRITTEN, "a byte-for-byte duplicate of good.txt")
    add(
        "wire-copy.txt",
        "By Staff Reporter\n\n" + HAND_WRITTEN + "\nCopyright 2026 Wire Example.\n",
        "the same wire story with a byline and footer (near-duplicate)",
    )
    add("empty.txt", b"", "an empty file")
    add("binary.bin", bytes(range(256)) * 64, "binary data")
    add("invalid-utf8.txt", b"Police arrested \xff\xfe protesters in Lima.", "invalid UTF-8")
    add(
        "mixed-encodings.txt",
        "Caf\u00e9 owners protested in Bogot\u00e1 on Monday.\n".encode()
        + "Police in Medell\u00edn detained them.\n".encode("latin-1"),
        "UTF-8 and Latin-1 in one file",
    )
    add("big.txt", b"word " * (4 * 1024 * 1024), "a 20 MB single-line text")
    lines = "".join(json.dumps(a) + "\n" for a in articles(12, seed=13))
    whole = gzip.compress(lines.encode())
    add("truncated.jsonl.gz", whole[: len(whole) // 2], "a truncated gzip file")
    warc = warc_bytes(
        [(f"https://ledger.example/{a['id']}", html_page(a["title"], a["text"])) for a in gen[1:4]]
    )
    add("archive.warc.gz", warc, "a good WARC with three pages")
    add("truncated.warc.gz", warc[: int(len(warc) * 0.6)], "a WARC cut off mid-record")
    add("nobody.html", "<html><head><title>Nothing</title></head></html>", "HTML with no body")
    add("page.html", html_page(gen[4]["title"], gen[4]["text"]), "a good HTML page")
    add("feed.rss", rss_feed(gen[5:7]), "an RSS feed with two entries")
    lines = [json.dumps(gen[7]), '{"id": "broken", "text": "Police fired', json.dumps([1, 2])]
    add("records.jsonl", "\n".join(lines) + "\n", "JSON Lines with broken lines")
    add(
        "missing-column.csv",
        "id,headline,date\n1,Protest in Lima,2026-03-01\n",
        "a CSV with no text column",
    )
    add(
        "table.csv",
        "id,headline,body\nc1,Strike,Dock workers in Mombasa went on strike on Monday "
        "over unpaid wages; their union said so.\nc2,Short row\n",
        "a CSV with one good row and one row missing a cell",
    )
    add(
        "french.txt",
        "La police a dispersé des manifestants devant le parlement à Paris mardi, "
        "selon des témoins qui ont vu des gaz lacrymogènes et plusieurs arrestations.\n",
        "an article in French (skipped, not coded)",
    )
    root.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (root / name).write_bytes(data)
    return what
