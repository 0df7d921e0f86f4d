"""placeholder"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from sitrep.annotate.base import Annotations
from sitrep.model import Article, TimeRef
from sitrep.options import Options


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    return {}


def infer_published(doc: Doc, article: Article) -> Article:
    """The article with ``published`` inferred from the dates its text gives (marked
    ``inferred``, with the reasoning in ``published_reason``), or unchanged when it gives none."""
    return article


def governing_date(doc: Doc, so_far: Annotations, start: int, end: int) -> TimeRef | None:
    """The time expression that dates the clause at [start, end): a DATE in the same clause or
    sentence; None when the clause carries none (callers then fall back on the article date)."""
    return None
