"""Reading inputs and sorting what a reader yields into articles and skips, for the ingest
tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitrep.ingest.sources import count_items, read_paths
from sitrep.model import Article, Skipped
from sitrep.options import Options


def counted(paths: Sequence[str | Path], options: Options | None = None) -> list[Article | Skipped]:
    """What ``read_paths`` gives, checked against ``count_items`` (the progress total)."""
    items = list(read_paths(paths, options=options))
    assert count_items(paths, options) == len(items)
    return items


def only_articles(items: list[Article | Skipped]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def only_skips(items: list[Article | Skipped]) -> list[Skipped]:
    return [x for x in items if isinstance(x, Skipped)]


def skip_code(item: Article | Skipped) -> str:
    """The error code of a skip ("E002"); fails on an article."""
    assert isinstance(item, Skipped), item
    return item.reason[1:5]
