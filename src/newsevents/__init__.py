"""newsevents: sourced, geolocated political events from news text.

>>> import newsevents
>>> events = newsevents.code("Algeria closed its border with Libya on Sunday.")
>>> events[0].plover_type, events[0].cameo_code
('COERCE', '191')

The first call loads the spaCy pipeline, the dictionaries and the gazetteer
index once; later calls reuse them. For batches, build a ``Pipeline`` and call
``Pipeline.run`` on Articles.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from newsevents.config import Settings, load_settings
from newsevents.errors import (
    InputError,
    NewsEventsError,
    ResourceError,
    StageError,
    StoreError,
)
from newsevents.model import Actor, Article, Coded, Event, Mention, Place, Rejected, Span
from newsevents.read.text import article_from_text

if TYPE_CHECKING:
    from newsevents.pipeline import Pipeline, Resources

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Coded",
    "Event",
    "InputError",
    "Mention",
    "NewsEventsError",
    "Pipeline",
    "Place",
    "Rejected",
    "ResourceError",
    "Resources",
    "Settings",
    "Span",
    "StageError",
    "StoreError",
    "code",
    "code_article",
    "default_pipeline",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    # The pipeline module pulls in every stage; import it when first asked for.
    if name in ("Pipeline", "Resources"):
        from newsevents import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")


@cache
def default_pipeline() -> Pipeline:
    """The pipeline with default settings, loaded on first use and kept for the process."""
    from newsevents.pipeline import Pipeline

    return Pipeline(settings=load_settings())


def code_article(text: str, **metadata: Any) -> Coded:
    """Code one article and return everything found: events, places, actors, mentions.

    Metadata keywords: ``id``, ``title``, ``date`` (YYYY-MM-DD), ``url``, ``outlet``.
    """
    article = article_from_text(
        text,
        source=str(metadata.get("url") or metadata.get("id") or "<text>"),
        article_id=metadata.get("id"),
        title=metadata.get("title"),
        published=metadata.get("date"),
        url=metadata.get("url"),
        outlet=metadata.get("outlet"),
    )
    return default_pipeline().code_article(article)


def code(text: str, **metadata: Any) -> list[Event]:
    """The events of one article; see ``code_article`` for the metadata keywords."""
    return list(code_article(text, **metadata).events)
