"""Loads the spaCy pipeline once per process and offers the span helpers every annotator shares."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from sitrep.errors import E, SitrepError
from sitrep.knowledge import load_yaml, strings
from sitrep.model import Spans

ABBREVIATIONS = "abbreviations.yaml"


@Language.component("sitrep_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News text is one paragraph per line; without this the parser glues a headline or a caption
    to the paragraph after it, and quotes and events leak across them.
    """
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@cache
def load(model: str) -> Language:
    """The spaCy pipeline, loaded once per process and model name."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SitrepError(E.E011, model=model) from exc
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        for word in abbreviations():
            tokenizer.add_special_case(word, [{ORTH: word}])
    return nlp


def abbreviations() -> list[str]:
    """Titles and other abbreviations kept whole with their period ("Lt.", "Const."): the
    model's tokenizer splits them, and the parser may then end a sentence inside a name."""
    return _abbreviations(load_yaml(ABBREVIATIONS))


def _abbreviations(data: Any) -> list[str]:
    words = [w for key in ("titles", "places") for w in strings(ABBREVIATIONS, data, key)]
    if not all(w.endswith(".") and " " not in w for w in words):
        reason = "entries must be single words ending in '.'"
        raise SitrepError(E.E010, name=ABBREVIATIONS, reason=reason)
    return words


def char_span(tok_or_span: Token | Span) -> Spans:
    """The character span of a token or a span as ``Spans``."""
    if isinstance(tok_or_span, Token):
        return ((tok_or_span.idx, tok_or_span.idx + len(tok_or_span.text)),)
    return ((tok_or_span.start_char, tok_or_span.end_char),)


def inside(spans: Spans, zones: Spans) -> bool:
    """True when every piece of ``spans`` lies within some zone."""
    return all(any(zs <= s and e <= ze for zs, ze in zones) for s, e in spans)


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def subtree_span(tok: Token, exclude: Iterable[Token] = ()) -> tuple[int, int]:
    """Character extent of a token's subtree, cut before any excluded child subtree that sits
    at its edge (e.g. the attribution clause around a reported clause). Punctuation at either
    edge is dropped, except a closing bracket whose opening one is inside ("Corps (IRGC)")."""
    skip = {t.i for x in exclude for t in x.subtree}
    toks = [t for t in tok.subtree if t.i not in skip]
    inner = [t for t in toks if not t.is_punct or toks[0].i < t.i < toks[-1].i] or toks
    last = toks[-1]
    if last.is_right_punct and any(t.is_left_punct for t in inner) and last not in inner:
        inner.append(last)
    return inner[0].idx, inner[-1].idx + len(inner[-1].text)
