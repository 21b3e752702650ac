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


def test_store_batch_widens_each_event_group_once(tmp_path: Path) -> None:
    from dataclasses import replace

    first = _coded()
    event = first.events[0]

    def on(day: str, number: int) -> tuple[Coded, str, None]:
        article = replace(first.article, id=f"a{number}", published=day)
        moved = replace(event, event_id=f"ev-{number}", article_id=article.id, date=day)
        return replace(first, article=article, events=(moved,), mentions=()), f"k{number}", None

    with Store(tmp_path / "events.duckdb") as store:
        assert store.write_batch([on("2014-05-18", 1)]) == [True]
        # One batch: the first group widened twice, a new group made and then joined.
        batch = [on("2014-05-19", 2), on("2014-05-20", 3), on("2014-06-10", 4), on("2014-06-11", 5)]
        assert store.write_batch(batch) == [True] * 4
        groups = store.connection.execute(
            "SELECT first_date, last_date FROM event_groups ORDER BY 1"
        ).fetchall()
        members = store.connection.execute(
            "SELECT group_id, list(event_id ORDER BY event_id) FROM events GROUP BY 1 ORDER BY 2"
        ).fetchall()
    assert groups == [("2014-05-18", "2014-05-20"), ("2014-06-10", "2014-06-11")]
    assert [ids for _, ids in members] == [["ev-1", "ev-2", "ev-3"], ["ev-4", "ev-5"]]
