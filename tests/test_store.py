from __future__ import annotations

from pathlib import Path

from newsevents.model import Actor, Article, Coded, Event, Mention, Place, Rejected, Span
from newsevents.store import Store

TEXT = "Algeria closed its border with Libya on Sunday."


def _coded() -> Coded:
    article = Article(id="a1", text=TEXT, title=None, published="2014-05-18")
    algeria = Actor("Algeria", "Algeria", 0, 7, "DZA", (), "country")
    libya = Actor("Libya", "Libya", 31, 36, "LBY", (), "country")
    place = Place("Libya", 31, 36, "Libya", 27.0, 17.0, "LBY", 2215636, None, "PCLI")
    event = Event(
        event_id="ev-1",
        article_id="a1",
        plover_type="COERCE",
        plover_mode=None,
        cameo_code="191",
        trigger=Span(8, 25, TEXT[8:25]),
        sentence=Span(0, len(TEXT), TEXT),
        source=(algeria,),
        target=(libya,),
        location=place,
        date="2014-05-18",
        goldstein=-9.5,
    )
    mention = Mention("a1", "trigger", 8, 25, TEXT[8:25], "ev-1")
    return Coded(article, (event,), (place,), (algeria, libya), (mention,))


def test_store_same_input_twice_stores_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    for run in range(2):
        with Store(path) as store:
            assert store.write(_coded()) is (run == 0)
            store.reject(Rejected("bad.txt", "NE101", "empty"))
    with Store(path) as store:
        counts = {
            t: store.count(t) for t in ("articles", "events", "places", "mentions", "rejects")
        }
        row = store.connection.execute(
            "SELECT plover_type, cameo_code, source_country, target_country, lat FROM events"
        ).fetchall()
    assert counts == {"articles": 1, "events": 1, "places": 1, "mentions": 1, "rejects": 1}
    assert row == [("COERCE", "191", "DZA", "LBY", 27.0)]
