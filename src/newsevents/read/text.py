"""Plain-text articles: bytes -> checked text -> Article.

The first non-empty line of a plain-text file is its title. The text is kept
exactly as given (offsets index it); cleaning masks repeated titles and
boilerplate later without moving a character.
"""

from __future__ import annotations

from newsevents.errors import BinaryInput, EmptyInput, EncodingError
from newsevents.model import Article, content_id

# Control characters that never appear in text files (tab, newline, CR, FF allowed).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def decode_text(data: bytes, *, source: str) -> str:
    """Decode UTF-8 text, telling binary data, bad encodings and empty input apart."""
    if not data.strip():
        raise EmptyInput("the input is empty; give a file with article text", source=source)
    sample = data[:8192]
    if b"\x00" in sample or sum(sample.count(bytes([c])) for c in _CONTROL) > len(sample) // 20:
        raise BinaryInput(
            "the input is binary data, not text; give UTF-8 text, JSON Lines or CSV",
            source=source,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert the file to UTF-8, e.g. with iconv",
            source=source,
        ) from exc
    if not text.strip():
        raise EmptyInput("the input holds only white space", source=source)
    return text


def first_line(text: str) -> str | None:
    """The first non-empty line, stripped."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def article_from_text(
    text: str,
    *,
    source: str,
    article_id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Article:
    """Wrap text in an Article; without an id, the id is a hash of the text."""
    if not text.strip():
        raise EmptyInput("the article text is empty", source=source)
    return Article(
        id=article_id or content_id(text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        source=source,
    )


def article_from_bytes(data: bytes, *, source: str) -> Article:
    """A plain-text file: its first non-empty line is the title."""
    text = decode_text(data, source=source)
    return article_from_text(text, source=source, title=first_line(text))
