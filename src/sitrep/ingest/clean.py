"""placeholder: text/HTML -> Article with chrome marked."""

from __future__ import annotations

import datetime as dt

from sitrep.model import Article, PublishedSource


def article_from_text(
    text: str,
    id: str,
    published: dt.date | None = None,
    published_source: PublishedSource | None = "given",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    return Article(
        id=id, text=text, title=title, published=published,
        published_source=published_source if published else None, url=url, source=source,
    )  # fmt: skip
