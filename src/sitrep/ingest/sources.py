"""placeholder: paths -> Article | Skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from sitrep.ingest.clean import article_from_text
from sitrep.model import Article, Skipped, content_id


def read_path(path: Path, published: dt.date | None = None) -> Iterator[Article | Skipped]:
    text = path.read_text(encoding="utf-8")
    yield article_from_text(text, id=content_id(text), published=published, source=str(path))
