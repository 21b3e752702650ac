"""Cleaning: blank out what is not article prose, and check the language.

Nothing is deleted. Repeated titles, bylines and comment/subscribe boilerplate
are *masked*: replaced by spaces of the same length (newlines are kept), so
every character offset into the cleaned text is also an offset into the text
as the user gave it. The parser reads the masked text; every span we emit
still indexes the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsevents.errors import NotEnglish
from newsevents.model import Article

# A line that opens a trailing section of page furniture: everything after it goes.
_TRAILER = re.compile(
    r"^\s*(comments?|\d+\s+comments?|leave a (comment|reply)|related( articles| stories| news)?|"
    r"more from .{0,40}|read more|recommended( for you)?|you may also like|"
    r"share this( article| story)?:?|"
    r"about the author|tags?:.*|trending( now)?|most (read|popular))\s*:?\s*$",
    re.IGNORECASE,
)
# A short line that is page furniture wherever it stands.
_BOILERPLATE = re.compile(
    r"(subscribe|sign up for|newsletter|please let us know|click here|all rights reserved|"
    r"copyright\s*(©|\(c\)|\d{4})|©\s*\d{4}|follow us on|share (this|on)|advertisement|"
    r"we use cookies|accept cookies|log ?in to comment|having issues with commenting|"
    r"reporting by .{0,80}; editing by|image caption|photo:|getty images)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\s*([Bb]y|BY|[Ff]rom)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}"
    r"(\s*(,|and|\|)\s*[\w .'’-]{0,60})?\s*$"
)
_MAX_BOILERPLATE_LINE = 200

# Function words that make up a large share of any English prose.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "that",
        "is",
        "was",
        "he",
        "she",
        "for",
        "it",
        "with",
        "as",
        "his",
        "her",
        "on",
        "be",
        "at",
        "by",
        "this",
        "had",
        "not",
        "are",
        "but",
        "from",
        "or",
        "have",
        "an",
        "they",
        "which",
        "one",
        "you",
        "were",
        "all",
        "their",
        "has",
        "been",
        "would",
        "will",
        "there",
        "its",
        "who",
        "said",
        "after",
        "over",
        "into",
        "than",
        "also",
        "more",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A text whose words are at least this share of _ENGLISH_WORDS is English.
_ENGLISH_SHARE = 0.12


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The text to parse (same length as the original) and what was masked, and why."""

    text: str
    removed: tuple[tuple[int, int, str], ...]
    language: str | None
    # The classifier's probability; or, where the share of common English words
    # settles it alone (and the classifier is not asked), that share.
    language_confidence: float | None


def _mask(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n\r":
            chars[i] = " "


def _lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append((pos, pos + len(body), body))
        pos += len(line)
    return out


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def english_share(text: str) -> tuple[float, int]:
    """Share of words that are common English function words, and the word count."""
    words = _WORD.findall(text[:5000].casefold())
    if not words:
        return 0.0, 0
    return sum(w in _ENGLISH_WORDS for w in words) / len(words), len(words)


class LanguageDetector:
    """py3langid's classifier, loaded on first use (and not pickled: workers reload it)."""

    def __init__(self) -> None:
        self._identifier: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._identifier = None

    def classify(self, text: str) -> tuple[str, float]:
        if self._identifier is None:
            from py3langid import langid

            self._identifier = langid.LanguageIdentifier.from_modelpath(
                langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
            )
        language, probability = self._identifier.classify(text)
        return str(language), float(probability)


class Cleaner:
    """Masks boilerplate and rejects articles that are not in English."""

    def __init__(
        self,
        *,
        check_language: bool = True,
        min_english_confidence: float = 0.5,
        detector: LanguageDetector | None = None,
    ) -> None:
        self.check_language = check_language
        self.min_english_confidence = min_english_confidence
        self.detector = detector or LanguageDetector()

    def clean(self, article: Article) -> Cleaned:
        text = article.text
        chars = list(text)
        removed: list[tuple[int, int, str]] = []
        lines = _lines(text)
        nonempty = [(s, e, body) for s, e, body in lines if body.strip()]
        title = _norm(article.title) if article.title else None
        if nonempty and title is None:
            title = _norm(nonempty[0][2])
        seen_title = False
        total = len(text)
        for index, (start, end, body) in enumerate(nonempty):
            normal = _norm(body)
            if title and normal == title:
                if seen_title:
                    removed.append((start, end, "repeated title"))
                seen_title = True
                continue
            if len(body) <= _MAX_BOILERPLATE_LINE and _TRAILER.match(body) and start > total * 0.5:
                removed.append((start, total, "trailing page furniture"))
                break
            if len(body) <= _MAX_BOILERPLATE_LINE and _BOILERPLATE.search(body):
                removed.append((start, end, "boilerplate"))
            elif index < 4 and len(body) <= 80 and _BYLINE.match(body):
                removed.append((start, end, "byline"))
        for start, end, _ in removed:
            _mask(chars, start, end)
        cleaned = "".join(chars)
        language, confidence = self._language(cleaned, source=article.source or article.id)
        return Cleaned(cleaned, tuple(removed), language, confidence)

    def _language(self, text: str, *, source: str) -> tuple[str | None, float | None]:
        if not self.check_language:
            return None, None
        share, words = english_share(text)
        if words < 3:
            return None, None
        if share >= _ENGLISH_SHARE:
            # English whatever the classifier would say: do not ask it (a millisecond
            # an article, as long as the rest of cleaning).
            return "en", share
        language, confidence = self.detector.classify(text[:5000])
        if language == "en":
            return "en", confidence
        if words >= 8 and confidence >= self.min_english_confidence:
            raise NotEnglish(
                f"the text looks like language '{language}' (confidence {confidence:.2f}), "
                "not English; newsevents codes English news only",
                source=source,
                language=language,
            )
        return "en", share
