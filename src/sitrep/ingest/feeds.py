"""RSS 2.0 and Atom feeds saved as files: one ``Article`` per item or entry, offline.

The text of an entry is its full content (``content:encoded``, Atom ``content``), else its
description or summary; a body with markup goes through the HTML cleaning, one without is kept
as text. The entry's title, link, date and guid/id are its metadata (a date from the feed is
"metadata"; the caller's ``published`` wins, as everywhere). An entry with no usable text comes
out as ``Skipped("file#n")``; links are never fetched, and out-of-line Atom content (``src``)
is not followed.

The feed is parsed with the standard library. A document that declares a DOCTYPE or an ENTITY
is refused before parsing (no entity expansion, no external entities), as a feed has no need of
either.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from sitrep.errors import E, SitrepError
from sitrep.ingest.clean import article_from_html, article_from_text, iso_date
from sitrep.ingest.sources import Item, _guarded, _read_bytes, _skipped
from sitrep.model import Article, PublishedSource, content_id
from sitrep.options import Options

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# Declarations that would let the document expand entities (a "billion laughs") or pull in an
# external file; checked on the raw bytes, case-insensitively, before the parser sees them.
DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
MARKUP = re.compile(r"<\s*[A-Za-z!/]")
TAG = re.compile(r"<[^>]*>")
# Query parameters that track a reader, not name a page ("utm_source=rss").
TRACKING = re.compile(r"^(?:utm_|fbclid$|gclid$|mc_)", re.IGNORECASE)
# A whole page rather than a fragment (a fragment of one element is not read as a page).
PAGE = re.compile(r"<\s*(?:html|body)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    """A candidate text of an entry, and whether it is HTML."""

    text: str
    is_html: bool


@dataclass(frozen=True)
class Entry:
    """What one item or entry says, before it becomes an article."""

    bodies: tuple[Body, ...]
    title: str | None
    url: str | None
    date: dt.date | None
    id: str | None


def read_feed(
    path: Path, published: dt.date | None, options: Options, skip: frozenset[int] = frozenset()
) -> Iterator[Item]:
    """One article per item (RSS) or entry (Atom) of the feed file ``path``, in order; an entry
    without text is ``Skipped`` as ``path#n`` (n from 1), the file's own failures as ``path``.
    Entries numbered in ``skip`` are left out (their linked pages are read instead, see
    ``links``)."""
    where = str(path)
    try:
        entries = feed_entries(path, options)
    except (SitrepError, OSError) as exc:
        yield _skipped(where, exc)
        return
    for number, entry in enumerate(entries, start=1):
        if number not in skip:
            at = f"{path}#{number}"
            yield read_entry(entry, at, published)


def feed_entries(path: Path, options: Options) -> list[Entry]:
    """The entries of the feed file ``path``; raises ``SitrepError`` when it is not one."""
    return _entries(_parse(_read_bytes(path, options), str(path)), str(path))


def normal_url(url: str) -> str:
    """``url`` as a key: no scheme, ``www.``, fragment, trailing slash or tracking parameters."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return f"{host}{path}?{query}" if query else f"{host}{path}"


def entry_id(entry: Entry) -> str | None:
    """The entry's id: its guid, else its normalised link ("url:host/path"), so that the entry
    read from the feed alone and read through its saved page are one article; ``None`` when
    it has neither."""
    if entry.id:
        return entry.id
    return f"url:{normal_url(entry.url)}" if entry.url else None


def read_entry(entry: Entry, where: str, published: dt.date | None) -> Item:
    """The article of one entry, or the ``Skipped`` record of why it has none."""
    return _guarded(where, partial(_article, entry, where, published))


def _parse(data: bytes, where: str) -> ET.Element:
    if DECLARATION.search(data):
        reason = "a DOCTYPE or ENTITY declaration, refused (entity expansion)"
        raise SitrepError(E.E016, path=where, reason=reason)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        reason = f"not well-formed XML at line {line}, column {column}"
        raise SitrepError(E.E016, path=where, reason=reason) from exc


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _entries(root: ET.Element, where: str) -> list[Entry]:
    """The entries of an RSS 2.0 (``<rss>``) or Atom (``<feed>``) document; another root is an
    unsupported input, and a feed without entries is empty input."""
    name = _local(root.tag)
    if name == "rss":
        entries = [_rss_item(item) for item in root.iterfind("channel/item")]
    elif name == "feed":
        entries = [_atom_entry(entry) for entry in root.iterfind(f"{ATOM}entry")]
    else:
        raise SitrepError(E.E008, path=where, suffix=f"XML <{name}>")
    if not entries:
        raise SitrepError(E.E002, path=where)
    return entries


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None


def _rss_item(item: ET.Element) -> Entry:
    bodies = [_body(_text(item.find(f"{CONTENT}encoded")), None)]
    bodies.append(_body(_text(item.find("description")), None))
    date = _date(_text(item.find("pubDate"))) or _date(_text(item.find(f"{DC}date")))
    return Entry(
        bodies=tuple(b for b in bodies if b), title=_plain(_text(item.find("title"))),
        url=_text(item.find("link")), date=date, id=_text(item.find("guid")),
    )  # fmt: skip


def _atom_entry(entry: ET.Element) -> Entry:
    bodies = [_atom_body(entry.find(f"{ATOM}content")), _atom_body(entry.find(f"{ATOM}summary"))]
    title = entry.find(f"{ATOM}title")
    is_html = title is not None and title.get("type") in ("html", "xhtml")
    date = _date(_text(entry.find(f"{ATOM}published"))) or _date(
        _text(entry.find(f"{ATOM}updated"))
    )
    return Entry(
        bodies=tuple(b for b in bodies if b),
        title=_plain(_text(title)) if is_html else _text(title),
        url=_atom_link(entry), date=date, id=_text(entry.find(f"{ATOM}id")),
    )  # fmt: skip


def _atom_link(entry: ET.Element) -> str | None:
    for link in entry.iterfind(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and (href := link.get("href", "").strip()):
            return href
    return None


def _atom_body(element: ET.Element | None) -> Body | None:
    """Atom ``content``/``summary`` by its ``type``: text, escaped HTML or inline XHTML;
    out-of-line content (``src``) is never fetched."""
    if element is None or element.get("src"):
        return None
    kind = element.get("type", "text")
    if kind == "xhtml":
        return _body(_xhtml(element), True)
    return _body(_text(element), None if kind == "html" else False)


def _xhtml(element: ET.Element) -> str | None:
    """Inline XHTML content as plain HTML markup (namespaces dropped)."""
    inner = copy.deepcopy(element)
    for node in inner.iter():
        node.tag = _local(node.tag) if isinstance(node.tag, str) else node.tag
    parts = [inner.text or ""] + [ET.tostring(child, encoding="unicode") for child in inner]
    return "".join(parts).strip() or None


def _body(text: str | None, is_html: bool | None) -> Body | None:
    """A body; ``is_html`` ``None`` means: HTML if it has markup."""
    if not text:
        return None
    return Body(text, bool(MARKUP.search(text)) if is_html is None else is_html)


def _plain(title: str | None) -> str | None:
    """A title that may carry markup, as text."""
    if title is None:
        return None
    return " ".join(html.unescape(TAG.sub("", title)).split()) or None


def _date(value: str | None) -> dt.date | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core) date; an unreadable one is ``None``."""
    if value is None:
        return None
    if (date := iso_date(value)) is not None:
        return date
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _page(markup: str) -> str:
    """Entry HTML as a page: a fragment is wrapped in a body."""
    return markup if PAGE.search(markup) else f"<html><body>{markup}</body></html>"


def _article(entry: Entry, where: str, published: dt.date | None) -> Article:
    """The first body of the entry that yields text; none: E002 for ``where``."""
    kind: PublishedSource = "given" if published else "metadata"
    date = published or entry.date
    for body in entry.bodies:
        if not body.is_html:
            text = body.text
            return article_from_text(
                text, id=entry_id(entry) or content_id(text), published=date, published_source=kind,
                title=entry.title, url=entry.url, source=where,
            )  # fmt: skip
        try:
            html_page = _page(body.text)
            page = article_from_html(
                html_page, published=published, id=entry_id(entry), source=where
            )
        except SitrepError:
            continue  # markup without text (an image, a link): try the next body
        if date is None:
            date, kind = page.published, page.published_source or kind
        article = article_from_text(
            page.text, id=page.id, published=date, published_source=kind,
            title=entry.title or page.title, url=entry.url or page.url, source=where,
        )  # fmt: skip
        return replace(article, author=page.author)
    raise SitrepError(E.E002, path=where)
