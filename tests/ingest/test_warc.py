"""Web archives: one article per archived HTML page; other records passed over; damage reported."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest.sources import read_paths
from sitrep.ingest.warc import read_warc
from sitrep.options import Options
from tests.ingest.items import counted, only_articles, only_skips, skip_code

DAY = dt.date(2021, 6, 1)
CAPTURED = "2023-04-05T06:07:08Z"

PIER = b"""<html><head><title>Ferry Pier Closes For Repairs</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Ferry Pier Closes For Repairs</h1>
<p>The harbour board of Velmont voted on Tuesday to close the old ferry pier for repairs.</p>
<p>Repairs will take six weeks, the board said, and the ferry will use the north quay.</p>
</article></body></html>"""

MARKET = b"""<html><head><title>Market Moves</title>
<meta property="article:published_time" content="2021-03-03T09:00:00Z"></head><body>
<article><p>The Saturday market of Brannock will move to the station square in April.</p>
<p>Stallholders welcomed the larger space, the council said on Wednesday.</p></article>
</body></html>"""

# (uri, record type, HTTP status, content type, body)
Record = tuple[str, str, str, str, bytes]
RECORDS: list[Record] = [
    ("https://courier.example.org/pier", "request", "", "", b""),
    ("https://courier.example.org/pier", "response", "200 OK", "text/html; charset=utf-8", PIER),
    ("https://courier.example.org/logo.png", "response", "200 OK", "image/png", b"\x89PNG\x00"),
    ("https://courier.example.org/old", "response", "404 Not Found", "text/html", b"<p>Gone</p>"),
    ("https://courier.example.org/blank", "response", "200 OK", "text/html", b""),
    ("https://gazette.example.org/market", "response", "200 OK", "text/html", MARKET),
]


def _warc(path: Path, records: list[Record] = RECORDS, gzip: bool = True) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for uri, kind, status, content_type, body in records:
            dated = {"WARC-Date": CAPTURED}
            if kind == "request":
                headers = StatusAndHeaders(f"GET {uri} HTTP/1.1", [], is_http_request=True)
            else:
                fields = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
                headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, kind, payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict=dated,
            )  # fmt: skip
            writer.write_record(record)
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = _warc(tmp_path / name, gzip=name.endswith(".gz"))
    items = counted([path])
    pier, market = only_articles(items)
    assert pier.url == "https://courier.example.org/pier"
    assert pier.source == f"{path}#record-3"  # warcinfo and request come first
    assert "six weeks" in pier.text and "Sport" not in pier.text
    assert (pier.published, pier.published_source) == (dt.date(2023, 4, 5), "metadata")
    assert market.url == "https://gazette.example.org/market"
    assert (market.published, market.published_source) == (dt.date(2021, 3, 3), "metadata")
    # the image, the request and the 404 page are passed over; the blank page is reported
    assert [(s.where, skip_code(s)) for s in only_skips(items)] == [(f"{path}#record-6", "E002")]


def test_callers_date_wins(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc.gz")
    items = only_articles(list(read_warc(path, DAY, Options())))
    assert {(a.published, a.published_source) for a in items} == {(DAY, "given")}


@pytest.mark.parametrize(
    ("name", "cut_off"),
    [("whole.warc.gz", 60), ("whole.warc.gz", 3), ("whole.warc", 60), ("whole.warc", 10)],
)
def test_truncated_archive_gives_the_pages_before_the_cut(
    tmp_path: Path, name: str, cut_off: int
) -> None:
    """Cut into the last record (the market page): into its text, into the gzip trailer, into
    the text of an uncompressed archive; the cut page never comes out, even in part."""
    whole = _warc(tmp_path / name, gzip=name.endswith(".gz"))
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole.read_bytes()[:-cut_off])
    items = counted([cut])
    assert [a.url for a in only_articles(items)] == ["https://courier.example.org/pier"]
    last = items[-1]
    assert skip_code(last) == "E016" and last.where == str(cut) and "truncated" in last.reason
    assert len(items) == 3  # the pier, the blank page, the file


def test_corrupt_gzip_member(tmp_path: Path) -> None:
    data = bytearray(_warc(tmp_path / "whole.warc.gz").read_bytes())
    data[-200:-150] = b"\xff" * 50  # garble the compressed market page
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(bytes(data))
    items = counted([bad])
    assert [a.url for a in only_articles(items)] == ["https://courier.example.org/pier"]
    assert skip_code(items[-1]) == "E016" and items[-1].where == str(bad)


def test_not_an_archive_and_empty_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"This is not a web archive at all.\n")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    items = counted([junk, empty])
    assert [(s.where, skip_code(s)) for s in items] == [(str(junk), "E016"), (str(empty), "E002")]


def test_page_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc.gz")
    items = counted([path], Options(max_mb=0.0003))
    assert [(s.where, skip_code(s)) for s in only_skips(items)] == [
        (f"{path}#record-3", "E004"), (f"{path}#record-6", "E002"), (f"{path}#record-7", "E004"),
    ]  # fmt: skip


def test_folder_picks_up_archives(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc.gz")
    _warc(tmp_path / "b.warc")
    assert len(only_articles(list(read_paths([tmp_path])))) == 4
