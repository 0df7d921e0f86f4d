"""placeholder"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spacy.tokens import Doc

from sitrep.annotate.base import Annotations
from sitrep.options import Options


def annotate(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    return {}
