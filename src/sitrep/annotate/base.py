"""What every annotator shares: the running state of one article and the annotator record."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sitrep.model import Actor, Article, Event, Mention, Place, Quote, TimeRef
from sitrep.options import Options


@dataclass(frozen=True)
class Annotations:
    """What the annotators have found so far for one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


AnnotatorFunc = Callable[[Doc, Annotations, Options], Mapping[str, Sequence[Any]]]


@dataclass(frozen=True)
class Annotator:
    name: str
    func: AnnotatorFunc
    requires: tuple[str, ...]
    produces: tuple[str, ...]
