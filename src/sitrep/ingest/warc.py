"""Web archives (``.warc``, ``.warc.gz``): one ``Article`` per archived HTML page, offline.

Each ``response`` record with a successful (2xx) HTTP status and an HTML content type goes
through the HTML cleaning; other records (requests, metadata, images, redirects, error pages)
are passed over silently. The page's URL is the record's ``WARC-Target-URI``; its date is the
page's own metadata, else the ``WARC-Date`` of the capture (both "metadata"; the caller's
``published`` wins). A page without body text, or one over the size limit, comes out as
``Skipped("file#record-n")``, n counting every record of the archive from 1. An archive that is
cut short or corrupt gives the pages before the damage, then one ``Skipped`` naming the file.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from sitrep.errors import E, SitrepError
from sitrep.ingest.clean import article_from_html, iso_date
from sitrep.ingest.sources import Item, _guarded, _limit, _skipped, _too_big
from sitrep.model import Article, Skipped
from sitrep.options import Options

HTML_TYPES = ("text/html", "application/xhtml+xml")
CORRUPT = "truncated or corrupt archive"


class Damaged(Exception):
    """The archive is cut short or is not a WARC: reading stops here."""


# What a damaged archive raises while warcio reads or decompresses it.
DAMAGE = (Damaged, ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, zlib.error)


def read_warc(path: Path, published: dt.date | None, options: Options) -> Iterator[Item]:
    """The articles of the HTML pages archived in ``path``, in archive order."""
    where, limit = str(path), _limit(options)
    try:
        if path.stat().st_size == 0:
            raise SitrepError(E.E002, path=where)
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for number, record in enumerate(records, start=1):
                if record.format != "warc":
                    raise Damaged("not a WARC archive")
                page = _is_page(record)
                # the body is read before the record is checked whole, and the page is made
                # after: a page cut short never comes out as an article
                body: bytes = record.content_stream().read(limit + 1) if page else b""
                records.read_to_end()
                if _cut_short(record, records):
                    raise Damaged(CORRUPT)
                if page:
                    at = f"{path}#record-{number}"
                    yield _guarded(at, partial(_article, record, body, at, published, options))
    except (SitrepError, OSError) as exc:
        yield _skipped(where, exc)
    except DAMAGE as exc:  # the pages before the damage came out above
        reason = exc if isinstance(exc, Damaged) else CORRUPT
        yield Skipped(where, str(SitrepError(E.E016, path=where, reason=reason)))


def count_pages(path: Path) -> int:
    """How many items ``read_warc`` gives for ``path`` (a progress total): its pages, plus the
    one skip of an empty or damaged archive."""
    if path.stat().st_size == 0:
        return 1
    pages = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.format != "warc":
                    return pages + 1
                pages += _is_page(record)
    except DAMAGE:
        return pages + 1
    return pages


def _cut_short(record: Any, records: ArchiveIterator) -> bool:
    """Whether the archive ended inside ``record`` (read to its end): its block is shorter than
    its Content-Length, or its gzip member has no end."""
    if getattr(record.raw_stream, "limit", 0) > 0:
        return True
    decompressor = getattr(records.reader, "decompressor", None)
    return decompressor is not None and not getattr(decompressor, "eof", True)


def _is_page(record: Any) -> bool:
    """A successful HTTP response whose body is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = str(record.http_headers.get_statuscode() or "")
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and kind in HTML_TYPES


def _article(
    record: Any, body: bytes, where: str, published: dt.date | None, opts: Options
) -> Article:
    """The article of a page whose ``body`` was read up to one byte over the limit."""
    if len(body) > _limit(opts):
        raise _too_big(where, f"{len(body) / 1_000_000:.1f}+", opts)
    if not body.strip():
        raise SitrepError(E.E002, path=where)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    article = article_from_html(body, published=published, url=url, source=where)
    if article.published is None:
        captured = iso_date(record.rec_headers.get_header("WARC-Date"))
        if captured is not None:
            article = replace(article, published=captured, published_source="metadata")
    return article
