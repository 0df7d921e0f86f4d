"""placeholder"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from sitrep.annotate.base import Annotations
from sitrep.model import Article
from sitrep.options import Options


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    return {}


def infer_published(doc: Doc, article: Article) -> Article:
    return article
