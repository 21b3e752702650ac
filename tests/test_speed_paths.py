"""The fast paths give the same annotations and events as spaCy's own.

``newsevents_token_attributes_v1`` (``Settings.fast``) stands in for spaCy's
attribute ruler and lemmatizer, ``newsevents_greedy_v1`` (also ``Settings.fast``)
decodes the parser and the entity recogniser from Python, and
``Settings.numpy_blas`` has the networks multiply matrices with numpy's BLAS
instead of blis; these tests hold them to
stock spaCy's output, token by token, on hand-built Docs and on the project's own
articles, and hold the whole pipeline to the same events, places and mentions.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, TAG
from spacy.lookups import Lookups
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.clean import Cleaner, LanguageDetector
from newsevents.config import Settings, load_settings
from newsevents.errors import NotEnglish
from newsevents.model import Article, Coded
from newsevents.parse import GreedyDecoder, TokenAttributes, Words, load_nlp
from newsevents.pipeline import Pipeline, Resources
from newsevents.read.text import article_from_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLES = [*sorted(FIXTURES.glob("*.txt")), ROOT / "examples" / "article.txt"]
INFORMAL = (
    "I'm gonna go, y'all. Let's go! C'mon, we gotta do it. There is a man. There's nothin' "
    "doin' here; ol' 'em 'nuff. He gets what he got. You shall not pass, it won't.\n\n  \n"
)
COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, NORM]


@pytest.fixture(scope="module")
def stock(pipeline: Pipeline) -> Pipeline:
    """The same pipeline with spaCy's own attribute ruler, lemmatizer and blis."""
    resources = Resources(
        nlp=load_nlp(fast=False, numpy_blas=False),
        actors=pipeline.resources.actors,
        lexicon=pipeline.resources.lexicon,
        gazetteer=pipeline.resources.gazetteer,
    )
    return Pipeline(settings=Settings(fast=False, numpy_blas=False), resources=resources)


def _texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in ARTICLES] + [INFORMAL]


def _same_tokens(a: Doc, b: Doc) -> None:
    assert numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS))
    assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_parse_fast_replaces_ruler_and_lemmatizer(pipeline: Pipeline, stock: Pipeline) -> None:
    fast_names = pipeline.resources.nlp.pipe_names
    assert "newsevents_token_attributes" in fast_names
    assert "attribute_ruler" not in fast_names and "lemmatizer" not in fast_names
    assert fast_names.index("newsevents_parser") < fast_names.index("newsevents_token_attributes")
    assert fast_names.index("newsevents_token_attributes") < fast_names.index("newsevents_ner")
    assert {"attribute_ruler", "lemmatizer"} <= set(stock.resources.nlp.pipe_names)


def test_parse_fast_decodes_parser_and_entities_in_python(
    pipeline: Pipeline, stock: Pipeline
) -> None:
    nlp = pipeline.resources.nlp
    assert "parser" not in nlp.pipe_names and "ner" not in nlp.pipe_names
    for name in ("parser", "ner"):
        decoder = nlp.get_pipe(f"newsevents_{name}")
        assert isinstance(decoder, GreedyDecoder)
        assert decoder.component is nlp.get_pipe(name)  # spaCy's own, kept but not run
    assert {"parser", "ner"} <= set(stock.resources.nlp.pipe_names)


def test_parse_greedy_decoder_declines_other_components(pipeline: Pipeline) -> None:
    nlp = pipeline.resources.nlp
    assert not GreedyDecoder().use(nlp.get_pipe("tagger"))
    assert not GreedyDecoder().use(nlp.get_pipe("newsevents_token_attributes"))


def test_parse_greedy_decoder_same_as_spacy_one_doc_at_a_time(
    pipeline: Pipeline, stock: Pipeline
) -> None:
    # __call__ (one Doc), not pipe: the path that Pipeline.code_article takes.
    for text in ["", " ", "Rebels shelled the port.", _texts()[0]]:
        a, b = stock.resources.nlp(text), pipeline.resources.nlp(text)
        _same_tokens(a, b)
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in b.ents
        ]


def _blis_layers(nlp: Any) -> set[bool]:
    from thinc.api import Model

    return {
        bool(getattr(node.ops, "use_blis", True))
        for _, component in nlp.components
        if isinstance(getattr(component, "model", None), Model)
        for node in component.model.walk()
    }


@pytest.mark.skipif(sys.platform != "linux", reason="numpy's BLAS is found through /proc")
def test_parse_numpy_blas_on_every_layer(pipeline: Pipeline, stock: Pipeline) -> None:
    assert _blis_layers(pipeline.resources.nlp) == {False}
    assert _blis_layers(stock.resources.nlp) == {True}


def test_config_numpy_blas_switch_reaches_the_pipeline(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"NEWSEVENTS_NUMPY_BLAS": "off", "NEWSEVENTS_CACHE_DIR": str(tmp_path)}
    )
    assert settings.numpy_blas is False and Settings().numpy_blas is True
    nlp = load_nlp(settings.spacy_model, numpy_blas=settings.numpy_blas)
    assert _blis_layers(nlp) == {True}


@pytest.mark.parametrize("index", range(len(ARTICLES) + 1))
def test_parse_fast_same_annotations(pipeline: Pipeline, stock: Pipeline, index: int) -> None:
    text = _texts()[index]
    _same_tokens(stock.resources.nlp(text), pipeline.resources.nlp(text))


def test_parse_fast_same_annotations_in_batches(pipeline: Pipeline, stock: Pipeline) -> None:
    texts = _texts() * 2  # the second round reads the fast path's caches
    for a, b in zip(
        stock.resources.nlp.pipe(texts), pipeline.resources.nlp.pipe(texts), strict=True
    ):
        _same_tokens(a, b)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_pipeline_fast_same_events(pipeline: Pipeline, stock: Pipeline, path: Path) -> None:
    article = article_from_text(path.read_text(encoding="utf-8"), source=str(path))
    fast, full = pipeline.code_article(article), stock.code_article(article)
    (run_fast,) = list(pipeline.run([article]))
    assert isinstance(run_fast, Coded)
    assert fast.events, "the article should have events"
    for coded in (fast, run_fast):
        assert [e.to_record() for e in coded.events] == [e.to_record() for e in full.events]
        assert [p.to_record(article.id) for p in coded.places] == [
            p.to_record(article.id) for p in full.places
        ]
        assert coded.mentions == full.mentions
        assert coded.actors == full.actors
    for event in fast.events:  # offsets still index the article as given
        assert article.text[event.trigger.start : event.trigger.end] == event.trigger.text


@pytest.mark.parametrize("index", range(len(ARTICLES) + 1))
def test_parse_words_match_tokens(pipeline: Pipeline, index: int) -> None:
    text = _texts()[index]
    doc = pipeline.resources.nlp(text)
    words = Words.of(doc)
    assert words.body == doc.text == text
    for token in doc:
        i = token.i
        assert words.lower[i] == token.lower_
        assert words.lemma[i] == token.lemma_.casefold()
        assert words.pos[i] == token.pos_
        assert words.text[i] == token.text
        assert words.start[i] == token.idx
        assert (words.space[i], words.punct[i], words.alpha[i]) == (
            token.is_space,
            token.is_punct,
            token.is_alpha,
        )


# -- hand-built Docs: the rules of the ruler, one by one --------------------------------


def _handmade(vocab: Vocab) -> Doc:
    words = ["gon", "na", "Let", "'s", "see", "it", "run", " ", "fast", "."]
    return Doc(
        vocab,
        words=words,
        spaces=[False, True, False, True, True, True, False, False, False, False],
        tags=["VBG", "TO", "VB", "PRP", "VB", "PRP", "VB", "_SP", "RB", "."],
        deps=["aux", "aux", "ROOT", "nsubj", "ccomp", "nsubj", "ccomp", "punct", "advmod", "punct"],
        heads=[2, 2, 2, 4, 2, 6, 4, 6, 6, 2],
    )


def _english() -> Vocab:
    """A vocabulary with English lexical attributes (LOWER, IS_SPACE ...), no model."""
    import spacy

    return spacy.blank("en").vocab


def _components(vocab: Vocab, patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    import spacy

    nlp = spacy.blank("en", vocab=vocab)
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"na": "to", "run": "running", "sees": "see"})
    lemmatizer.initialize(lookups=lookups)
    return ruler, lemmatizer


RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB", "MORPH": "VerbForm=Inf"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": {"IN": ["RB", "."]}}]], "attrs": {"POS": "ADV"}},
    {"patterns": [[{"TAG": ".", "LOWER": {"REGEX": r"^\.$"}}]], "attrs": {"POS": "PUNCT"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": 1},
    # A later rule wins over an earlier one on the same token.
    {"patterns": [[{"TAG": "VB", "DEP": {"IN": ["ccomp"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "RB"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "DEP": "dep"}},
    {"patterns": [[{"TEXT": "fast"}]], "attrs": {"MORPH": "Degree=Pos"}},
]


def test_parse_token_attributes_follow_the_ruler_rule_by_rule() -> None:
    vocab = _english()
    ruler, lemmatizer = _components(vocab, RULES)
    component = TokenAttributes(vocab)
    assert component.use(ruler, lemmatizer)
    expected = lemmatizer(ruler(_handmade(vocab)))
    for _ in range(2):  # once to fill the caches, once to read them
        _same_tokens(expected, component(_handmade(vocab)))
    assert [t.lemma_ for t in expected][:3] == ["go", "to", "Let"]
    assert expected[3].lemma_ == "us" and expected[6].pos_ == "AUX"
    assert expected[6].lemma_ == "running" and expected[7].dep_ == "dep"


def test_parse_token_attributes_decline_what_they_cannot_follow() -> None:
    vocab = _english()
    quantified = [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}]
    other_attribute = [{"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "an"}}]
    for rules in (quantified, other_attribute):
        ruler, lemmatizer = _components(vocab, rules)
        assert not TokenAttributes(vocab).use(ruler, lemmatizer)


def test_parse_token_attributes_pickle_without_caches() -> None:
    vocab = _english()
    ruler, lemmatizer = _components(vocab, RULES)
    component = TokenAttributes(vocab)
    component.use(ruler, lemmatizer)
    expected = component(_handmade(vocab))
    again = pickle.loads(pickle.dumps(component))
    assert not again._entries and not again._lemmas
    _same_tokens(expected, again(_handmade(again.vocab)))


# -- cleaning: the language classifier only where the common words leave doubt --------


class _CountingDetector(LanguageDetector):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def classify(self, text: str) -> tuple[str, float]:
        self.calls += 1
        return super().classify(text)


def test_clean_skips_the_classifier_for_plain_english() -> None:
    detector = _CountingDetector()
    cleaner = Cleaner(detector=detector)
    english = "The minister said the army would leave the town by the end of the week."
    cleaned = cleaner.clean(Article(id="en", text=english))
    assert cleaned.language == "en" and detector.calls == 0
    assert cleaned.language_confidence is not None and cleaned.language_confidence >= 0.12
    # Few common English words: the classifier decides, and still rejects other languages.
    with pytest.raises(NotEnglish):
        cleaner.clean(
            Article(
                id="de",
                text="Die Regierung kündigte am Dienstag neue Grenzkontrollen im Süden "
                "des Landes an, nach Zusammenstößen zwischen Armee und Milizen.",
            )
        )
    assert detector.calls == 1
    headline = cleaner.clean(Article(id="h", text="Rebels seize northern town, residents flee"))
    assert headline.language == "en" and detector.calls == 2
