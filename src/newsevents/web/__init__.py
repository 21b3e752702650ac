"""The web explorer over an event store: a JSON API and a page with a map,
a timeline, filters, an event table and an article view.

>>> from newsevents.web import serve
>>> serve(Path("events.duckdb"), port=8000)  # doctest: +SKIP

FastAPI is imported when ``create_app`` or ``serve`` is first asked for, so the
store can use ``newsevents.store.search_columns`` without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.web.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsevents.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'newsevents.web' has no attribute {name!r}")
