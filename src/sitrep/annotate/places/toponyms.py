"""Finds the words of an article that name places (toponyms), before any is resolved.

The sources: spaCy's place entities (GPE, LOC, FAC); entities the small model mislabels
("Aleppo" as NORP, a capitalised dateline city as ORG) and well-known place names inside other
entities or untagged ("Kentucky State Police"), when the gazetteer knows the name well; and
demonyms ("Turkish", "Syrian"), which geoparsing gold counts as toponyms of their country. It also
records which toponym another one sits in, from the two ways English writes it: "Aleppo, Syria"
and "Syria's Aleppo".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from sitrep import gazetteer
from sitrep.annotate.base import Annotations, mention_covering
from sitrep.intervals import Intervals
from sitrep.knowledge import load_yaml, require

# Entity labels whose every span is a toponym, resolved or not.
TOPONYM_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model gives to places it does not recognise as such ("Aleppo" NORP,
# "EDMONTON" ORG); such a span counts only when the gazetteer knows it well (``well_known``).
MISLABELED = frozenset({"NORP", "ORG", "PERSON"})
PLACE_WORDS = "place_words.yaml"
PERSON_LABEL = "PERSON"
PROPER_NOUN_POS = "PROPN"
# Longest run of tokens tried as one name inside other words ("Los Angeles County").
MAX_RUN = 4
POSSESSIVE_TAG = "POS"  # the "'s" of "Syria's Aleppo"
DETERMINER_POS = "DET"  # the "the" of "the United States", left out of the span


@dataclass(frozen=True)
class Toponym:
    """A span naming a place. ``within`` is the index (in the list ``find`` returns) of the
    toponym it sits in; ``container`` is True when some toponym sits in this one."""

    start: int
    end: int
    text: str
    demonym: bool = False
    within: int | None = None
    container: bool = False
    division: bool = False  # followed by "County", "Province", ...: not the town of that name
    listed_container: bool = False  # the "B" of "A, B" (comma list, not "B's A")


def find(doc: Doc, so_far: Annotations) -> list[Toponym]:
    """Every toponym of ``doc`` in text order, with the containment links between them."""
    found = [t for ent in doc.ents for t in _from_entity(ent, so_far)]
    found += _known_runs(doc, [t for t in doc if t.ent_iob_ == "O"])
    taken = Intervals((t.start, t.end, t) for t in found)
    found += [t for t in _demonyms(doc) if not taken.any_overlap(t.start, t.end)]
    found.sort(key=lambda t: t.start)
    return _link(doc, found)


def _from_entity(ent: Span, so_far: Annotations) -> Iterator[Toponym]:
    """The toponyms of one entity: the whole of a place entity, or of a mislabelled one the
    gazetteer knows well; else the well-known places inside it ("Kentucky State Police",
    "Far North Queensland"). Person names are taken whole or not at all ("George Washington")."""
    span = _trim(ent)
    if span is None or gazetteer.demonym(span.text) is not None:
        return  # demonyms are found token by token, with their own reading
    division = _before_division_noun(ent.doc, span.end)  # "Aleppo province": not the city
    if ent.label_ in TOPONYM_LABELS and gazetteer.candidates(span.text):
        yield Toponym(span.start_char, span.end_char, span.text, division=division)
    elif ent.label_ in TOPONYM_LABELS and any(t.text == "," for t in span):
        yield from _parts(span)
    elif ent.label_ in MISLABELED and gazetteer.well_known(span.text):
        if not _is_person(span, so_far):
            yield Toponym(span.start_char, span.end_char, span.text, division=division)
    elif ent.label_ != PERSON_LABEL:
        inner = _known_runs(ent.doc, list(span))
        yield from inner
        if not inner and ent.label_ in TOPONYM_LABELS and not _has_demonym(span):
            yield Toponym(span.start_char, span.end_char, span.text)


def _trim(ent: Span) -> Span | None:
    """The entity without a leading determiner or a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].pos_ == DETERMINER_POS:
        start += 1
    while end > start and (ent.doc[end - 1].tag_ == POSSESSIVE_TAG or ent.doc[end - 1].is_punct):
        end -= 1
    if start == end:
        return None
    return ent.doc[start:end]


def _parts(span: Span) -> Iterator[Toponym]:
    """One toponym per comma-separated part of a place entity ("Paris, Ky." is two)."""
    first = span.start
    for tok in [*[t for t in span if t.text == ","], None]:
        stop = tok.i if tok is not None else span.end
        if stop > first:
            part = span.doc[first:stop]
            yield Toponym(part.start_char, part.end_char, part.text)
        first = stop + 1


def _known_runs(doc: Doc, tokens: Sequence[Token]) -> list[Toponym]:
    """Well-known place names among ``tokens``: runs of up to MAX_RUN capitalised tokens, the
    longest first ("New York" before "York")."""
    found: list[Toponym] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_RUN, len(tokens) - i), 0, -1):
            run = tokens[i : i + n]
            if _consecutive(run) and all(_capitalised(t) for t in run):
                span = doc[run[0].i : run[-1].i + 1]
                if gazetteer.well_known(span.text):
                    found.append(
                        Toponym(span.start_char, span.end_char, span.text,
                                division=_before_division_noun(doc, span.end))
                    )  # fmt: skip
                    i += n - 1
                    break
        i += 1
    return found


def _before_division_noun(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].lower_ in _division_nouns()


@cache
def _division_nouns() -> frozenset[str]:
    data = load_yaml(PLACE_WORDS)
    return frozenset(str(w).lower() for w in require(PLACE_WORDS, data, "division_nouns", list))


def _consecutive(run: Sequence[Token]) -> bool:
    return all(b.i == a.i + 1 for a, b in pairwise(run))


def _capitalised(tok: Token) -> bool:
    return (tok.is_title or tok.is_upper) and not tok.is_punct and tok.pos_ == PROPER_NOUN_POS


def _has_demonym(span: Span) -> bool:
    return any(
        gazetteer.demonym(span[i : i + n].text) is not None
        for n in gazetteer.demonym_lengths()
        for i in range(len(span) - n + 1)
    )


def _is_person(span: Span, so_far: Annotations) -> bool:
    """True when the actors annotator has evidence that the span names a person: a role
    ("Jordan, the coach") or a fuller name it shortens ("Jordan" for "Michael Jordan"). A bare
    word taken for a person with nothing else behind it is no evidence against a known place."""
    mention = mention_covering(so_far.mentions, span.start_char, span.end_char)
    if mention is None:
        return False
    actor = next((a for a in so_far.actors if a.id == mention.actor_id), None)
    if actor is None or actor.kind != "person":
        return False
    return bool(actor.role) or gazetteer.normalise(actor.name) != gazetteer.normalise(span.text)


def _demonyms(doc: Doc) -> Iterator[Toponym]:
    """Demonym words, longest first ("South Korean" before "Korean"). Works on plain token
    strings: slicing a ``Span`` per token and length would cost more than the lookup."""
    lengths = sorted(gazetteer.demonym_lengths(), reverse=True)
    words = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    i = 0
    while i < len(words):
        for n in lengths:
            if i + n > len(words):
                continue
            text = "".join(
                w + s for w, s in zip(words[i : i + n - 1], spaces[i : i + n - 1], strict=True)
            )
            text += words[i + n - 1]
            if gazetteer.demonym(text) is not None:
                start = doc[i].idx
                yield Toponym(start, start + len(text), text, demonym=True)
                i += n - 1
                break
        i += 1


def _link(doc: Doc, found: Sequence[Toponym]) -> list[Toponym]:
    """Set ``within``/``container`` for "A, B" (A in B) and "B's A" (A in B)."""
    linked = list(found)
    text = doc.text  # rebuilt from the tokens on every access: read it once
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        listed = text[a.end : b.start].strip() == ","
        if listed:
            inner, outer = i, i + 1
        elif _possessive_between(doc, a, b):
            inner, outer = i + 1, i
        else:
            continue
        linked[inner] = replace(linked[inner], within=outer)
        linked[outer] = replace(linked[outer], container=True, listed_container=listed)
    return linked


def _possessive_between(doc: Doc, a: Toponym, b: Toponym) -> bool:
    """True when a possessive "'s" is all that stands between toponyms ``a`` and ``b``."""
    span = doc.char_span(a.start, a.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    tok = doc[span.end]
    return tok.tag_ == POSSESSIVE_TAG and tok.idx + len(tok.text) + len(tok.whitespace_) == b.start
