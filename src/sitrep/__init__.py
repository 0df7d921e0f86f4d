"""sitrep: turn news articles into event data, each fact tied to the words it came from.

>>> import sitrep
>>> x = sitrep.extract("Iran rejected the demand on Monday.", published="2018-05-21")
>>> [e.type for e in x.events]  # doctest: +SKIP
['REJECT']
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from sitrep.errors import E, SitrepError
from sitrep.model import Article, Extraction, content_id
from sitrep.options import Options
from sitrep.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Article", "Extraction", "Options", "Pipeline", "SitrepError", "extract"]


@cache
def _default_pipeline(options: Options) -> Pipeline:
    return Pipeline(options)


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """A publication date from the user: a ``date`` or an ISO ``YYYY-MM-DD`` string."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise SitrepError(E.E009, value=value) from exc


def extract(
    text: str | Path, published: str | dt.date | None = None, options: Options | None = None
) -> Extraction:
    """Extract one article from its text (or a path to a .txt/.html file)."""
    from sitrep.ingest.sources import read_path

    options = options or Options()
    pub = parse_date(published) or options.published
    if isinstance(text, Path):
        items = list(read_path(text, published=pub))
        article = next((a for a in items if isinstance(a, Article)), None)
        if article is None:
            raise SitrepError(E.E014)
    else:
        from sitrep.ingest.clean import article_from_text

        article = article_from_text(text, id=content_id(text), published=pub)
    return _default_pipeline(options).extract(article)
