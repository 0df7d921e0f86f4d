"""Where articles come from: paths (``.txt``, ``.html``/``.htm``, ``.jsonl``, feeds ``.rss``/
``.atom``/``.xml`` (see ``feeds``), web archives ``.warc``/``.warc.gz`` (see ``warc``), folders,
globs) and stdin (``-``), turned into ``Article`` or ``Skipped`` items.

Bad input never ends a batch: an empty, binary, oversized or non-UTF-8 file, or a malformed JSONL
line, comes out as ``Skipped(where, reason)`` carrying the coded ``SitrepError`` message, and
the other articles still come out. Sizes are checked before reading, and JSONL is read line by
line with a bounded buffer, so a huge input is refused without being loaded into memory.

Publication date, in order of precedence: the caller's ``published`` (source "given"), a JSONL
record's ``published`` ("given"), the HTML page's metadata ("metadata"), else ``None`` (the
pipeline infers it from the text later).
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sitrep.errors import E, SitrepError
from sitrep.ingest.clean import article_from_html, article_from_text, iso_date
from sitrep.ingest.language import english_share, looks_english
from sitrep.model import Article, Skipped, content_id
from sitrep.options import JsonFields, Options

if TYPE_CHECKING:
    from sitrep.ingest.links import FeedLinks

Item = Article | Skipped

SUFFIXES: dict[str, str] = {
    ".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".jsonl.gz": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".warc.gz": "warc",
}  # fmt: skip


def suffix(path: Path) -> str:
    """The suffix that says how to read ``path``: the last one, or both of ".jsonl.gz" or
    ".warc.gz"."""
    both = "".join(path.suffixes[-2:]).lower()
    return both if both in SUFFIXES else path.suffix.lower()


STDIN = "-"
STDIN_NAME = "<stdin>"
GLOB_CHARS = re.compile(r"[*?\[]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Bytes read at a time while skipping through a JSONL line that is over the size limit.
SKIP_CHUNK = 1 << 20


def read_paths(
    paths: Sequence[str | Path], published: dt.date | None = None, options: Options | None = None
) -> Iterator[Item]:
    """Every article of every path, in order; what cannot be read, and (with
    ``Options.english_only``) what is not English, comes out as ``Skipped``."""
    opts = options or Options()
    links = _feed_links(paths, opts)
    for path in paths:
        for item in read_path(path, published, opts, links):
            yield _language_checked(item) if opts.english_only else item


def _feed_links(paths: Sequence[str | Path], opts: Options) -> FeedLinks | None:
    """Which input pages are the text of which input feeds' entries; ``None`` without feeds."""
    files = [t for p in paths if str(p) != STDIN for t in _expand(Path(p)) if isinstance(t, Path)]
    feeds = [f for f in files if SUFFIXES.get(suffix(f)) == "feed"]
    if not feeds:
        return None
    from sitrep.ingest.links import FeedLinks  # imports this module: imported here

    pages = [f for f in files if SUFFIXES.get(suffix(f)) == "html"]
    return FeedLinks.find(feeds, pages, opts)


def _language_checked(item: Item) -> Item:
    if isinstance(item, Skipped):
        return item
    if not looks_english(item.text):
        share = english_share(item.text)[1]
        return Skipped(item.source or item.id, str(SitrepError(E.E015, path=item.source or item.id,
                                                                share=share)))  # fmt: skip
    return replace(item, lang="en")


def read_path(
    path: str | Path,
    published: dt.date | None = None,
    options: Options | None = None,
    links: FeedLinks | None = None,
) -> Iterator[Item]:
    """The articles of one path: a file, a folder (recursive, sorted), a glob, or ``-``;
    ``links`` says which pages stand for which feed entries (see ``links``)."""
    opts = options or Options()
    published = published or opts.published
    if str(path) == STDIN:
        yield _guarded(STDIN_NAME, partial(_stdin_article, published, opts))
        return
    for target in _expand(Path(path)):
        if isinstance(target, Skipped):
            yield target
        elif (kind := SUFFIXES.get(suffix(target))) == "jsonl":
            yield from _read_jsonl(target, published, opts)
        elif kind == "feed":
            from sitrep.ingest.feeds import read_feed  # imports this module: imported here

            skip = links.covered(target) if links else frozenset()
            yield from read_feed(target, published, opts, skip)
        elif kind == "warc":
            from sitrep.ingest.warc import read_warc  # imports this module: imported here

            yield from read_warc(target, published, opts)
        elif links and (link := links.pages.get(target)):
            from sitrep.ingest.links import linked_items  # imports this module: imported here

            yield from linked_items(target, link, published, opts)
        else:
            yield _guarded(str(target), partial(_file_article, target, published, opts))


def count_items(paths: Sequence[str | Path], options: Options | None = None) -> int | None:
    """How many items ``read_paths`` will give for ``paths``, without extracting anything (a
    progress bar's total); ``None`` when stdin is among them. A cheap first pass: a JSONL line,
    a feed entry or an archived page counts one, and an unreadable file counts its one skip."""
    opts = options or Options()
    if any(str(path) == STDIN for path in paths):
        return None
    links = _feed_links(paths, opts)
    return sum(_count(t, opts, links) for path in paths for t in _expand(Path(path)))


def _count(target: Path | Skipped, opts: Options, links: FeedLinks | None) -> int:
    if isinstance(target, Skipped):
        return 1
    kind = SUFFIXES.get(suffix(target))
    try:
        if kind == "jsonl":
            return _count_lines(target, opts)
        if kind == "feed":
            from sitrep.ingest.feeds import feed_entries  # imports this module: imported here

            covered = links.covered(target) if links else frozenset()
            return len(feed_entries(target, opts)) - len(covered)
        if kind == "warc":
            from sitrep.ingest.warc import count_pages  # imports this module: imported here

            return count_pages(target)
    except (SitrepError, OSError):
        return 1
    return 1


def _count_lines(path: Path, opts: Options) -> int:
    """The non-blank lines of a JSONL file, read as ``_read_jsonl`` reads them (an overlong
    line is its one skip, an empty file too)."""
    if path.stat().st_size == 0:
        return 1
    opener = gzip.open if suffix(path).endswith(".gz") else open
    lines = 0
    try:
        with opener(path, "rb") as fh:
            for raw, _ in _bounded_lines(fh, _limit(opts)):
                lines += raw is None or bool(raw.strip())
    except (EOFError, OSError, zlib.error):  # a gzip cut short or garbled: lines and a skip
        return lines + 1
    return lines


def _guarded(where: str, make: Callable[[], Article]) -> Item:
    """``make()``, or the ``Skipped`` record of why it failed."""
    try:
        return make()
    except (SitrepError, OSError) as exc:
        return _skipped(where, exc)


def _skipped(where: str, exc: SitrepError | OSError) -> Skipped:
    if isinstance(exc, SitrepError):
        return Skipped(where, str(exc))
    if isinstance(exc, FileNotFoundError):
        return Skipped(where, str(SitrepError(E.E001, path=where)))
    return Skipped(where, str(SitrepError(E.E016, path=where, reason=exc.strerror or exc)))


def _expand(path: Path) -> Iterator[Path | Skipped]:
    """The files a path names: itself, a folder's supported files, or a glob's matches."""
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield path
    elif GLOB_CHARS.search(str(path)) and (matches := sorted(glob.glob(str(path), recursive=True))):
        for match in map(Path, matches):
            yield from _walk(match) if match.is_dir() else _supported([match])
    else:
        yield Skipped(str(path), str(SitrepError(E.E001, path=path)))


def _supported(files: Sequence[Path]) -> list[Path]:
    return [f for f in files if suffix(f) in SUFFIXES and not f.name.startswith(".")]


def _walk(root: Path) -> list[Path]:
    """Supported files under ``root``, recursively, sorted by path; hidden entries are left out
    and symlinked folders are not followed (no loops)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(_supported([Path(folder, f) for f in files]))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _limit(opts: Options) -> int:
    return int(opts.max_mb * 1_000_000)


def _too_big(where: str, size: str, opts: Options) -> SitrepError:
    return SitrepError(E.E004, path=where, size=size, limit=f"{opts.max_mb:g}")


def _read_bytes(path: Path, opts: Options) -> bytes:
    """The bytes of a file, refused before reading when over the limit, empty or binary."""
    where, limit = str(path), _limit(opts)
    size = path.stat().st_size
    if size > limit:
        raise _too_big(where, f"{size / 1_000_000:.1f}", opts)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)  # the file may have grown since stat
    if len(data) > limit:
        raise _too_big(where, f"{len(data) / 1_000_000:.1f}+", opts)
    return _checked(data, where)


def _checked(data: bytes, where: str) -> bytes:
    if not data.strip():
        raise SitrepError(E.E002, path=where)
    if b"\x00" in data:
        raise SitrepError(E.E003, path=where)
    return data


def _decode(data: bytes, where: str) -> str:
    """UTF-8 text; a byte-order mark is encoding, not text, and is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SitrepError(E.E007, path=where, pos=exc.start) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SitrepError(E.E002, path=where)
    return text


def _file_article(path: Path, published: dt.date | None, opts: Options) -> Article:
    where = str(path)
    kind = SUFFIXES.get(suffix(path))
    if kind is None:
        raise SitrepError(E.E008, path=where, suffix=path.suffix or "(none)")
    data = _read_bytes(path, opts)
    if kind == "html":
        return article_from_html(data, published=published, source=where)
    text = _decode(data, where)
    return article_from_text(text, id=content_id(text), published=published, source=where)


def _stdin_article(published: dt.date | None, opts: Options) -> Article:
    data = sys.stdin.buffer.read(_limit(opts) + 1)
    if len(data) > _limit(opts):
        raise _too_big(STDIN_NAME, f"{len(data) / 1_000_000:.1f}+", opts)
    text = _decode(_checked(data, STDIN_NAME), STDIN_NAME)
    return article_from_text(text, id=content_id(text), published=published, source=STDIN_NAME)


class _ByteLines(Protocol):
    """What ``_bounded_lines`` reads: a plain or a gzip file opened in binary."""

    def readline(self, size: int = -1, /) -> bytes: ...


def _bounded_lines(fh: _ByteLines, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line of ``fh`` with its size in bytes; a line over ``limit`` comes back as ``None``
    and is skipped through in chunks, never held in memory whole."""
    while line := fh.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):
            line = fh.readline(SKIP_CHUNK)
            size += len(line)
        yield None, size


def _read_jsonl(path: Path, published: dt.date | None, opts: Options) -> Iterator[Item]:
    """One article per JSONL line; a bad line is ``Skipped`` as ``path:line``, blank lines are
    passed over, and the file's own failures (missing, unreadable) as ``path``."""
    try:
        if path.stat().st_size == 0:
            raise SitrepError(E.E002, path=path)
        opener = gzip.open if suffix(path).endswith(".gz") else open
        with opener(path, "rb") as fh:
            for number, (raw, size) in enumerate(_bounded_lines(fh, _limit(opts)), start=1):
                where = f"{path}:{number}"
                if raw is None:
                    yield Skipped(where, str(_too_big(where, f"{size / 1_000_000:.1f}", opts)))
                elif raw.strip():
                    yield _guarded(
                        where, partial(_record, raw, path, number, published, opts.fields)
                    )
    except (SitrepError, OSError) as exc:
        yield _skipped(str(path), exc)
    except EOFError:  # a gzip cut short: the records before the cut came out above
        yield Skipped(str(path), str(SitrepError(E.E016, path=path, reason="truncated gzip")))
    except zlib.error:  # a garbled gzip: likewise
        yield Skipped(str(path), str(SitrepError(E.E016, path=path, reason="corrupt gzip")))


def _record(
    raw: bytes, path: Path, number: int, published: dt.date | None, f: JsonFields
) -> Article:
    """The article of one JSONL line: ``text`` required; ``id``, ``published``, ``title`` and
    ``url`` optional; the id is kept as given."""
    where = f"{path}:{number}"
    if b"\x00" in raw:
        raise SitrepError(E.E003, path=where)
    try:
        obj = json.loads(_decode(raw, where))
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg} at column {exc.colno}"
        raise SitrepError(E.E005, path=path, line=number, reason=reason) from exc
    except RecursionError as exc:
        raise SitrepError(E.E005, path=path, line=number, reason="nested too deeply") from exc
    if not isinstance(obj, dict):
        raise SitrepError(E.E005, path=path, line=number, reason=f"a JSON {type(obj).__name__}")
    text = obj.get(f.text)
    if not isinstance(text, str) or not text.strip():
        raise SitrepError(E.E006, path=path, line=number, field=f.text)
    text = _whole_chars(text)
    rec_id = obj.get(f.id)
    if rec_id is not None and (isinstance(rec_id, bool) or not isinstance(rec_id, str | int)):
        raise SitrepError(E.E005, path=path, line=number, reason=f"'{f.id}' must be a string")
    return article_from_text(
        text, id=str(rec_id) if rec_id not in (None, "") else content_id(text),
        published=published or _record_date(obj.get(f.published)), published_source="given",
        title=_text_field(obj, f.title), url=_text_field(obj, f.url), source=where,
    )  # fmt: skip


def _record_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    date = iso_date(value)
    if date is None:
        raise SitrepError(E.E009, value=value)
    return date


def _text_field(obj: dict[str, object], key: str) -> str | None:
    value = obj.get(key)
    return _whole_chars(value.strip()) if isinstance(value, str) and value.strip() else None


def _whole_chars(text: str) -> str:
    """``text`` with lone surrogates (a JSON escape of half an emoji, which no UTF-8 output can
    hold) replaced by U+FFFD, one character for one, so offsets stay true."""
    return LONE_SURROGATE.sub("\ufffd", text)
