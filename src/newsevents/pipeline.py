"""The pipeline: read -> clean -> parse -> actors -> events -> places -> link.

``Pipeline`` holds the heavy resources (spaCy pipeline, dictionaries, lexicon,
gazetteer), loaded once. ``run`` codes a stream of articles in batches and
applies the per-document error policy: a document that fails becomes a
``Rejected`` with its code and reason, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.actors import ActorDictionary, ActorResolver
from newsevents.clean import Cleaned, Cleaner
from newsevents.config import Settings, load_settings
from newsevents.errors import InputError, StageError, TooLong
from newsevents.events import EventCoder, Lexicon
from newsevents.link import link_denials, locate_events, place_targets
from newsevents.model import Actor, Article, Coded, Event, Mention, Place, Rejected
from newsevents.parse import load_nlp
from newsevents.places import Gazetteer, PlaceFinder, event_location

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class Resources:
    """Everything loaded once per process."""

    nlp: Language
    actors: ActorDictionary
    lexicon: Lexicon
    gazetteer: Gazetteer

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        return cls(
            nlp=load_nlp(settings.spacy_model, fast=settings.fast, numpy_blas=settings.numpy_blas),
            actors=ActorDictionary.load(extra_files=settings.actor_files),
            lexicon=Lexicon.load(extra_files=settings.lexicon_files),
            gazetteer=Gazetteer.load(
                cache_dir=settings.cache_dir, geonames_files=settings.geonames_files
            ),
        )


class Pipeline:
    """Codes articles into events, places, actors and mentions."""

    def __init__(
        self, *, settings: Settings | None = None, resources: Resources | None = None
    ) -> None:
        # No settings given: the defaults with the NEWSEVENTS_* environment applied,
        # as the command line reads them.
        self.settings = settings if settings is not None else load_settings()
        self.resources = resources or Resources.load(self.settings)
        self.cleaner = Cleaner(
            check_language=self.settings.check_language,
            min_english_confidence=self.settings.min_english_confidence,
        )
        self.coder = EventCoder(self.resources.lexicon)
        demonyms = [
            key
            for key, entries in self.resources.actors.phrases.items()
            if any(e.how == "demonym" for e in entries)
        ]
        actor_nouns = [
            key
            for key, entries in self.resources.actors.phrases.items()
            if any(e.how in ("sector-noun", "sector-title") for e in entries)
        ]
        self.places = PlaceFinder(
            self.resources.gazetteer, demonyms=demonyms, actor_nouns=actor_nouns
        )

    def code_article(self, article: Article) -> Coded:
        """Code one article; raises an InputError if it cannot be coded."""
        cleaned = self._clean(article)
        doc = self.resources.nlp(cleaned.text)
        return self._code_doc(article, cleaned, doc)

    def run(self, items: Iterable[Article | Rejected]) -> Iterator[Coded | Rejected]:
        """Code a stream of articles; bad documents come out as Rejected, in input order."""
        batch: list[tuple[Article, Cleaned]] = []
        for item in items:
            if isinstance(item, Rejected):
                yield from self._flush(batch)
                batch = []
                yield item
                continue
            try:
                cleaned = self._clean(item)
            except InputError as exc:
                yield from self._flush(batch)
                batch = []
                yield Rejected(
                    item.source or item.id,
                    exc.code,
                    exc.reason,
                    article_id=item.id,
                    language=getattr(exc, "language", None),
                )
                continue
            batch.append((item, cleaned))
            if len(batch) >= self.settings.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _clean(self, article: Article) -> Cleaned:
        limit = self.settings.max_chars
        if len(article.text) > limit:
            raise TooLong(
                f"the text has {len(article.text):,} characters, more than any news article "
                f"(max_chars is {limit:,}); split it into articles or raise max_chars",
                source=article.source,
            )
        return self.cleaner.clean(article)

    def _flush(self, batch: list[tuple[Article, Cleaned]]) -> Iterator[Coded | Rejected]:
        if not batch:
            return
        docs = self.resources.nlp.pipe(c.text for _, c in batch)
        for (article, cleaned), doc in zip(batch, docs, strict=True):
            try:
                yield self._code_doc(article, cleaned, doc)
            except Exception as exc:  # the per-document error policy: record and go on
                error = StageError(f"{type(exc).__name__}: {exc}", source=article.source)
                yield Rejected(
                    article.source or article.id, error.code, error.reason, article_id=article.id
                )

    def _code_doc(self, article: Article, cleaned: Cleaned, doc: Doc) -> Coded:
        if cleaned.language and article.language != cleaned.language:
            from dataclasses import replace

            article = replace(article, language=cleaned.language)
        resolver = ActorResolver(doc, self.resources.actors)
        skip = tuple((s, e) for s, e, _ in cleaned.removed)
        countries = [c for c, n in resolver.country_counts.items() for _ in range(n)]
        places = [
            p
            for p in self.places.find(
                doc,
                context_countries=countries,
                known_country=self.settings.known_country,
                words=resolver.words,
            )
            if not any(s <= p.start < e for s, e in skip)
        ]
        # Cities and regions tell which country the article is about, and whose the
        # people from them are.
        resolver.add_places(places)
        events = self.coder.code(
            doc, resolver, article_id=article.id, date=article.published, skip=skip
        )
        events = link_denials(events)
        events = locate_events(
            events,
            places,
            lambda event: event_location(
                doc,
                trigger_start=event.trigger.start,
                trigger_end=event.trigger.end,
                places=places,
                object_is_place=event.cameo_root >= "14",
                sentence=(event.sentence.start, event.sentence.end),
            ),
        )
        events = place_targets(events, self.resources.actors.country_names)
        actors = _distinct_actors(events)
        return Coded(
            article, tuple(events), tuple(places), actors, _mentions(article.id, events, places)
        )


def _distinct_actors(events: Iterable[Event]) -> tuple[Actor, ...]:
    seen: dict[tuple[int, int], Actor] = {}
    for event in events:
        for actor in (*event.source, *event.target):
            seen.setdefault((actor.start, actor.end), actor)
    return tuple(seen.values())


def _mentions(
    article_id: str, events: Iterable[Event], places: Iterable[Place]
) -> tuple[Mention, ...]:
    out: dict[tuple[str, int, int, str | None], Mention] = {}

    def add(mention: Mention) -> None:
        out.setdefault((mention.kind, mention.start, mention.end, mention.ref), mention)

    for event in events:
        t = event.trigger
        add(Mention(article_id, "trigger", t.start, t.end, t.text, event.event_id))
        for actor in (*event.source, *event.target):
            add(Mention(article_id, "actor", actor.start, actor.end, actor.text, actor.name))
        for span in event.attribution:
            add(Mention(article_id, "attribution", span.start, span.end, span.text, event.event_id))
    for place in places:
        add(
            Mention(
                article_id,
                "place",
                place.start,
                place.end,
                place.text,
                str(place.geonameid) if place.geonameid else place.name,
            )
        )
    return tuple(sorted(out.values(), key=lambda m: (m.start, m.end, m.kind)))
