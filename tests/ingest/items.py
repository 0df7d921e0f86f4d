"""Sorting what a reader yields into articles and skips, for the ingest tests."""

from __future__ import annotations

from sitrep.model import Article, Skipped


def only_articles(items: list[Article | Skipped]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def only_skips(items: list[Article | Skipped]) -> list[Skipped]:
    return [x for x in items if isinstance(x, Skipped)]


def skip_code(item: Article | Skipped) -> str:
    """The error code of a skip ("E002"); fails on an article."""
    assert isinstance(item, Skipped), item
    return item.reason[1:5]
