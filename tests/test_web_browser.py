"""The explorer page in headless Chromium: filters, table, map, timeline, article view.

Uses Debian's chromium (``apt-get install chromium``) through the playwright
package; skipped where /usr/bin/chromium is missing.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from test_web_api import SCRIPT, build_store

CHROMIUM = Path("/usr/bin/chromium")

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

    from newsevents.pipeline import Pipeline

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from newsevents.web import create_app

    db = build_store(pipeline, tmp_path_factory.mktemp("browser") / "events.duckdb")
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def problems() -> list[str]:
    """Script errors, console errors and dialogs seen by the page: none are expected."""
    return []


@pytest.fixture
def page(browser: Browser, problems: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    yield page
    context.close()
    assert problems == []


def _rows(page: Page) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = page.eval_on_selector_all(
        "#events tbody tr[data-event-id]",
        "rows => rows.map(r => ({id: r.dataset.eventId, type: r.cells[1].textContent}))",
    )
    return rows


def _wait_for_rows(
    page: Page, done: Callable[[list[dict[str, Any]]], bool]
) -> list[dict[str, Any]]:
    """The table's rows once ``done`` holds for them. Polls from Python: the page's
    Content-Security-Policy forbids the eval that ``wait_for_function`` needs."""
    deadline = time.monotonic() + 10
    while True:
        rows = _rows(page)
        if rows and done(rows):
            return rows
        if time.monotonic() > deadline:
            pytest.fail(f"the table did not change as expected: {rows}")
        page.wait_for_timeout(50)


def test_web_browser_explorer_filters_the_table_and_draws_map_and_timeline(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    before = _rows(page)
    assert len(before) >= 8
    assert int(page.get_attribute("#map", "data-points") or 0) > 0, "event places on the map"
    assert page.locator("#timeline .bucket rect").count() > 0, "bars on the timeline"
    assert "events in 6 articles" in page.text_content("#summary")

    page.select_option("select[name=plover]", "ASSAULT")
    page.click("#apply")
    after = _wait_for_rows(page, lambda rows: all(r["type"].startswith("ASSAULT") for r in rows))
    assert 0 < len(after) < len(before)
    assert {r["id"] for r in after} < {r["id"] for r in before}
    assert "plover=ASSAULT" in page.url, "the filters are kept in the address"
    page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
    assert (tmp_path / "explorer.png").stat().st_size > 10_000

    page.click("#clear")
    assert len(_wait_for_rows(page, lambda rows: len(rows) == len(before))) == len(before)

    # A click on Libya on the map filters by its code (the basemap's ISO-3).
    box = page.locator("#map").bounding_box()
    assert box is not None
    x = box["x"] + (17.0 + 180) / 360 * box["width"]
    y = box["y"] + (84 - 27.0) / (84 + 58) * box["height"]
    page.mouse.click(x, y)
    libya = _wait_for_rows(page, lambda rows: len(rows) < len(before))
    assert page.input_value("input[name=country]") == "LBY"
    assert {r["id"] for r in libya} < {r["id"] for r in before}


def test_web_browser_article_view_highlights_triggers_actors_and_places(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    page.goto(base_url + "/?q=Misrata")
    page.wait_for_selector("body[data-ready=true]")
    page.wait_for_selector("#events tbody tr[data-event-id] td.article a")
    page.click("#events tbody tr[data-event-id] td.article a")
    page.wait_for_url("**/article/web-libya**")
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("mark.hl-trigger").count() >= 2
    assert page.locator("mark.hl-source").count() >= 1
    assert page.locator("mark.hl-place").count() >= 1
    triggers = page.eval_on_selector_all("mark.hl-trigger", "ms => ms.map(m => m.textContent)")
    assert "expressed support" in triggers
    # The claim and its denial point at each other; following the link marks the other event.
    link = page.locator("a.link-denied_by").first
    assert link.count() == 1
    link.click()
    assert page.locator(".event.active").count() == 1
    assert page.locator("mark.hl.active").count() >= 1
    assert "statement" in page.text_content("#event-list"), "the attribution is shown"
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)


def test_web_browser_markup_in_an_article_is_shown_as_text(page: Page, base_url: str) -> None:
    page.add_init_script(
        "window.__alerted = false; window.alert = () => { window.__alerted = true; };"
    )
    page.goto(base_url + "/article/web-script")
    page.wait_for_selector("body[data-ready=true]")
    assert SCRIPT in page.text_content("#text")
    assert SCRIPT in page.text_content("#title")
    assert page.locator("#text script, #title script").count() == 0
    assert page.evaluate("window.__alerted") is False
    page.goto(base_url + "/?q=Ukrainian")
    page.wait_for_selector("body[data-ready=true]")
    titles = page.eval_on_selector_all("#events td.article a", "as => as.map(a => a.textContent)")
    assert any(SCRIPT in t for t in titles) or titles == []
    assert page.locator("#events script").count() == 0
    assert page.evaluate("window.__alerted") is False


def test_web_browser_unknown_article_shows_the_api_error(
    page: Page, base_url: str, problems: list[str]
) -> None:
    page.goto(base_url + "/article/no-such-article")
    page.wait_for_selector("body[data-ready=true]")
    assert page.text_content("#title") == "Article not found"
    assert "no article" in (page.text_content("#error") or "")
    assert all("404" in p for p in problems), problems  # the browser logs the API's 404
    problems.clear()


def _ids(rows: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in rows]


def test_web_browser_table_pages_with_the_api_cursor(page: Page, base_url: str) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/events" in r.url else None)
    page.goto(base_url + "/?limit=3")
    page.wait_for_selector("body[data-ready=true]")
    first = _rows(page)
    assert len(first) == 3
    assert (page.text_content("#page") or "").startswith("1–3")
    assert page.is_disabled("#prev")

    page.click("#next")
    second = _wait_for_rows(page, lambda rows: _ids(rows) != _ids(first))
    assert "cursor=" in asked[-1] and "offset=" not in asked[-1], "next pages go by cursor"
    assert not set(_ids(first)) & set(_ids(second))
    assert (page.text_content("#page") or "").startswith("4–6")
    page.click("#next")
    third = _wait_for_rows(page, lambda rows: _ids(rows) not in (_ids(first), _ids(second)))
    assert "cursor=" in asked[-1]

    # Previous goes back by the cursors it kept, to the very same rows.
    page.click("#prev")
    assert _ids(_wait_for_rows(page, lambda rows: _ids(rows) != _ids(third))) == _ids(second)
    assert "cursor=" in asked[-1]
    page.click("#prev")
    assert _ids(_wait_for_rows(page, lambda rows: _ids(rows) != _ids(second))) == _ids(first)
    assert "cursor=" not in asked[-1] and "offset=" not in asked[-1]
    assert page.is_disabled("#prev")


def test_web_browser_map_zooms_with_the_wheel_and_pans_by_dragging(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready=true]")
    box = page.locator("#map").bounding_box()
    assert box is not None
    assert page.get_attribute("#map", "data-scale") == "1.000"
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    deadline = time.monotonic() + 5
    while float(page.get_attribute("#map", "data-scale") or 1) <= 1:
        assert time.monotonic() < deadline, "the wheel did not zoom the map"
        page.wait_for_timeout(50)
    # A drag pans and is not a click: it sets no country filter.
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.input_value("input[name=country]") == ""
    page.click("#map-reset")
    page.wait_for_timeout(100)
    assert page.get_attribute("#map", "data-scale") == "1.000"
