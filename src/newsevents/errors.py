"""The exception tree of newsevents.

::

    NewsEventsError               root: catch this to catch everything we raise
    ├── InputError                a document or file cannot be read or coded
    │   ├── EmptyInput            [NE101] nothing to code
    │   ├── BinaryInput           [NE102] bytes that are not text
    │   ├── EncodingError         [NE103] not valid UTF-8
    │   ├── NotEnglish            [NE104] the text is in another language
    │   ├── MalformedRecord       [NE105] a JSON Lines / CSV record is broken
    │   ├── MissingInput          [NE106] the path does not exist
    │   └── TooLong               [NE107] longer than any news article (max_chars)
    ├── ResourceError             [NE2xx] a model, gazetteer or dictionary is missing or broken
    ├── StageError                [NE3xx] a pipeline stage failed on a document
    └── StoreError                [NE4xx] the database cannot be opened or written

Every error carries a stable ``code`` and a message that says what to do next.
Messages render as ``[NE104] path/to/file: the text looks like French (fr) ...``.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Root of every error newsevents raises."""

    code = "NE000"

    def __init__(self, reason: str, *, source: str | None = None) -> None:
        self.reason = reason
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {where}{reason}")


class InputError(NewsEventsError):
    """A document or file cannot be read or coded; the batch goes on without it."""

    code = "NE100"


class EmptyInput(InputError):
    code = "NE101"


class BinaryInput(InputError):
    code = "NE102"


class EncodingError(InputError):
    code = "NE103"


class NotEnglish(InputError):
    code = "NE104"

    def __init__(self, reason: str, *, source: str | None = None, language: str) -> None:
        self.language = language
        super().__init__(reason, source=source)


class MalformedRecord(InputError):
    code = "NE105"


class MissingInput(InputError):
    code = "NE106"


class TooLong(InputError):
    code = "NE107"


class ResourceError(NewsEventsError):
    """A model, gazetteer or dictionary is missing or broken."""

    code = "NE200"


class StageError(NewsEventsError):
    """A pipeline stage failed on one document."""

    code = "NE300"


class StoreError(NewsEventsError):
    """The event store cannot be opened or written."""

    code = "NE400"


__all__ = [
    "BinaryInput",
    "EmptyInput",
    "EncodingError",
    "InputError",
    "MalformedRecord",
    "MissingInput",
    "NewsEventsError",
    "NotEnglish",
    "ResourceError",
    "StageError",
    "StoreError",
    "TooLong",
]
