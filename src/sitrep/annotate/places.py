"""placeholder"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from sitrep.annotate.base import Annotations
from sitrep.model import Place
from sitrep.options import Options


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    return {}


def governing_place(doc: Doc, so_far: Annotations, start: int, end: int) -> Place | None:
    """The most specific place inside the clause at [start, end), else the article's main
    place (the most mentioned); None when the article names no place."""
    return None
