"""Feed entries and the saved pages they link to, ingested together.

A feed entry often carries only a summary; the page it links to holds the whole story. When both
are among the inputs, the page is read as the entry's article: the page's text, with the entry's
id, link and date filling what the page lacks, and the entry itself is not read again. So the
story comes out once, and with the entry's id: ingesting the feed alone first and its pages
later replaces the summaries instead of adding a second copy of each story.

A page belongs to an entry when its canonical URL (``<link rel="canonical">`` or ``og:url``;
a relative one is read against the sites of the feeds' links) equals the entry's link once both
are normalised (scheme, ``www.``, trailing slash, fragment, tracking parameters). A page that
declares no URL belongs to an entry when the file is named for the link's last path segment
("…/2024/08/06/poland-troops-border" and ``poland-troops-border.html``) and that segment is long
enough to be a story's slug rather than "index"; a page that declares another URL is another
story, whatever its file name. Only HTML files among the inputs are matched; nothing is
fetched. A linked page that cannot be read is reported, and its entry is read instead.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sitrep.errors import SitrepError
from sitrep.ingest.feeds import Entry, entry_id, feed_entries, normal_url, read_entry
from sitrep.ingest.sources import Item, _file_article, _skipped
from sitrep.model import PublishedSource
from sitrep.options import Options

# The head of a page is enough to find its canonical URL.
HEAD_BYTES = 65_536
TAG = re.compile(rb"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
ATTR = re.compile(rb"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# A last path segment shorter than this ("index", "story") names no story on its own.
MIN_SLUG = 12


@dataclass(frozen=True)
class Linked:
    """An entry whose page is among the inputs: which feed it is in and its number there."""

    feed: Path
    number: int
    entry: Entry


@dataclass
class FeedLinks:
    """Which input pages are the text of which feed entries."""

    pages: dict[Path, Linked] = field(default_factory=dict)

    def covered(self, feed: Path) -> frozenset[int]:
        """The numbers of ``feed``'s entries that are read through their pages."""
        return frozenset(link.number for link in self.pages.values() if link.feed == feed)

    @classmethod
    def find(cls, feeds: Iterable[Path], pages: Iterable[Path], options: Options) -> FeedLinks:
        """Match the entries of ``feeds`` to ``pages`` (HTML files); a feed that cannot be read
        links nothing (reading it later reports why)."""
        entries: list[Linked] = []
        for feed in feeds:
            try:
                found = feed_entries(feed, options)
            except (SitrepError, OSError):
                continue
            entries.extend(Linked(feed, n, e) for n, e in enumerate(found, start=1) if e.url)
        if not entries:
            return cls()
        by_url = {normal_url(e.entry.url or ""): e for e in reversed(entries)}
        by_slug = {slug: e for e in reversed(entries) if (slug := _slug(e.entry.url or ""))}
        sites = sorted(
            {
                f"{u.scheme}://{u.netloc}/"
                for e in entries
                if (u := urlsplit(e.entry.url or "")).netloc
            }
        )
        links = cls()
        taken: set[int] = set()
        for page in pages:
            canonical = canonical_url(page)
            if canonical:  # a relative one ("/2024/05/story") is on one of the feeds' sites
                keys = (
                    [canonical]
                    if urlsplit(canonical).netloc
                    else [urljoin(s, canonical) for s in sites]
                )
                link = next((by_url[k] for k in map(normal_url, keys) if k in by_url), None)
            else:  # a page that names no URL may be named for one
                link = by_slug.get(page.stem.lower())
            if link is not None and id(link) not in taken:
                taken.add(id(link))
                links.pages[page] = link
        return links


def linked_items(page: Path, link: Linked, published: dt.date | None, opts: Options) -> list[Item]:
    """The article of a saved ``page`` that is the text of ``link``'s entry: the page's own
    title and date where it has them, the entry's id, link and date otherwise. A page that
    cannot be read is reported, and the entry's own text stands in for it."""
    try:
        article = _file_article(page, published, opts)
    except (SitrepError, OSError) as exc:
        return [
            _skipped(str(page), exc),
            read_entry(link.entry, f"{link.feed}#{link.number}", published),
        ]
    entry = link.entry
    date, kind = article.published, article.published_source
    if date is None and entry.date is not None:
        date, kind = entry.date, "metadata"
    source: PublishedSource | None = kind
    return [
        replace(
            article, id=entry_id(entry) or article.id, url=entry.url or article.url,
            title=article.title or entry.title, published=date, published_source=source,
        )
    ]  # fmt: skip


def _slug(url: str) -> str | None:
    last = urlsplit(url).path.rstrip("/").rpartition("/")[2]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    return stem.lower() if len(stem) >= MIN_SLUG else None


def canonical_url(page: Path) -> str | None:
    """The canonical URL a saved page declares in its head, if any."""
    try:
        with page.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return None
    for tag in TAG.finditer(head):
        attrs = {m[1].lower(): m[2] or m[3] or m[4] or b"" for m in ATTR.finditer(tag[0])}
        rel = attrs.get(b"rel", b"").lower().split()
        if b"canonical" in rel or attrs.get(b"property", b"").lower() == b"og:url":
            url = attrs.get(b"href") or attrs.get(b"content")
            if url:
                return html.unescape(url.decode("utf-8", "replace")).strip() or None
    return None
