"""RSS 2.0 and Atom feeds saved as files: one article per entry, offline, no entity expansion."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from sitrep.ingest.feeds import read_feed
from sitrep.ingest.sources import read_path
from sitrep.model import Skipped
from sitrep.options import Options
from tests.ingest.items import counted, only_articles, skip_code

DAY = dt.date(2021, 6, 1)

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Velmont Courier</title>
    <link>https://courier.example.org/</link>
    <item>
      <title>Ferry Pier Closes For Repairs</title>
      <link>https://courier.example.org/pier</link>
      <guid>courier-101</guid>
      <pubDate>Tue, 02 Mar 2021 08:30:00 +0000</pubDate>
      <description>The old pier shuts for six weeks.</description>
      <content:encoded><![CDATA[<p>The harbour board of Velmont voted on Tuesday to close
the old ferry pier for repairs.</p><p>Repairs will take <b>six weeks</b>, the board
said.</p>]]></content:encoded>
    </item>
    <item>
      <title>Market Day Moves &amp; Grows</title>
      <link>https://courier.example.org/market</link>
      <pubDate>Wed, 03 Mar 2021 09:00:00 GMT</pubDate>
      <description>The Saturday market will move to the station square in April.</description>
    </item>
    <item>
      <title>Photo Of The Week</title>
      <description><![CDATA[<img src="https://courier.example.org/p.jpg">]]></description>
    </item>
    <item>
      <title>Escaped Markup In The Description</title>
      <description>&lt;p&gt;Councillors in Brannock approved the new bus lanes on
Monday evening.&lt;/p&gt;</description>
      <pubDate>not a date</pubDate>
    </item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Brannock Gazette</title>
  <id>urn:example:gazette</id>
  <updated>2022-05-06T10:00:00Z</updated>
  <entry>
    <title type="html">Library &lt;em&gt;Reopens&lt;/em&gt;</title>
    <id>urn:example:gazette:1</id>
    <link rel="self" href="https://gazette.example.org/feed/1"/>
    <link rel="alternate" href="https://gazette.example.org/library"/>
    <published>2022-05-04T07:00:00Z</published>
    <updated>2022-05-05T07:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The Brannock library
reopened its doors on Wednesday after a year of rebuilding.</p><p>Readers queued from
dawn.</p></div></content>
  </entry>
  <entry>
    <title>Bridge Inspection Finished</title>
    <id>urn:example:gazette:2</id>
    <updated>2022-05-06T09:00:00Z</updated>
    <summary>Engineers said the river bridge is sound &lt;for now&gt;.</summary>
  </entry>
  <entry>
    <title>Out Of Line</title>
    <id>urn:example:gazette:3</id>
    <content type="text/html" src="https://gazette.example.org/elsewhere"/>
  </entry>
</feed>
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rss_items_become_articles(tmp_path: Path) -> None:
    path = _write(tmp_path, "courier.rss", RSS)
    items = list(read_path(path))
    assert [type(x).__name__ for x in items] == ["Article", "Article", "Skipped", "Article"]
    pier, market, lanes = only_articles(items)
    assert pier.id == "courier-101" and pier.source == f"{path}#1"
    assert pier.title == "Ferry Pier Closes For Repairs"
    assert pier.url == "https://courier.example.org/pier"
    assert (pier.published, pier.published_source) == (dt.date(2021, 3, 2), "metadata")
    assert "six weeks" in pier.text and "<b>" not in pier.text  # full content, cleaned
    assert market.text == "The Saturday market will move to the station square in April."
    assert market.id == "url:courier.example.org/market"  # no guid: its link names it
    assert market.title == "Market Day Moves & Grows"
    assert market.published == dt.date(2021, 3, 3)
    assert lanes.text.startswith("Councillors in Brannock") and "<p>" not in lanes.text
    assert lanes.published is None and lanes.published_source is None


def test_entry_without_text_is_skipped_with_its_number(tmp_path: Path) -> None:
    path = _write(tmp_path, "courier.rss", RSS)
    skipped = [x for x in counted([path]) if isinstance(x, Skipped)]
    assert [(s.where, skip_code(s)) for s in skipped] == [(f"{path}#3", "E002")]


def test_atom_entries(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.atom", ATOM)
    items = list(read_feed(path, None, Options()))
    library, bridge = only_articles(items)
    assert library.id == "urn:example:gazette:1" and library.title == "Library Reopens"
    assert library.url == "https://gazette.example.org/library"
    assert library.published == dt.date(2022, 5, 4)  # published wins over updated
    assert library.text.startswith("The Brannock library") and "dawn" in library.text
    assert bridge.text == "Engineers said the river bridge is sound <for now>."  # type text
    assert bridge.published == dt.date(2022, 5, 6) and bridge.url is None
    assert [(s.where, skip_code(s)) for s in items if isinstance(s, Skipped)] == [
        (f"{path}#3", "E002")  # out-of-line content is never fetched
    ]


def test_callers_date_wins(tmp_path: Path) -> None:
    path = _write(tmp_path, "gazette.atom", ATOM)
    items = only_articles(list(read_path(path, published=DAY)))
    assert {(a.published, a.published_source) for a in items} == {(DAY, "given")}


def test_xml_suffix_by_root(tmp_path: Path) -> None:
    feed = _write(tmp_path, "a_feed.xml", ATOM)
    sitemap = _write(tmp_path, "b_sitemap.xml", "<urlset><url><loc>x</loc></url></urlset>")
    items = counted([tmp_path])
    assert len(only_articles(items)) == 2
    assert [(s.where, skip_code(s)) for s in items if isinstance(s, Skipped)] == [
        (f"{feed}#3", "E002"), (str(sitemap), "E008"),
    ]  # fmt: skip


def test_entity_expansion_is_refused_before_parsing(tmp_path: Path) -> None:
    lol = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' if i else '<!ENTITY lol0 "lol">'
        for i in range(10)
    )
    bomb = f"""<?xml version="1.0"?>
<!DOCTYPE rss [{lol}]>
<rss version="2.0"><channel><item><title>Laughs</title>
<description>&lol9;</description></item></channel></rss>
"""
    path = _write(tmp_path, "bomb.rss", bomb)
    started = time.perf_counter()
    (item,) = list(read_path(path))
    assert time.perf_counter() - started < 1.0
    assert skip_code(item) == "E016" and item.where == str(path) and "DOCTYPE" in item.reason


def test_external_entity_is_refused(tmp_path: Path) -> None:
    xxe = (
        '<?xml version="1.0"?><!doctype feed [<!entity x SYSTEM "file:///etc/passwd">]>'
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>&x;</summary></entry></feed>'
    )
    (item,) = list(read_path(_write(tmp_path, "xxe.atom", xxe)))
    assert skip_code(item) == "E016"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "E002"),
        ("<rss><channel><item><title>Half", "E016"),
        ('<rss version="2.0"><channel><title>No items</title></channel></rss>', "E002"),
        ("<html><body>Not a feed</body></html>", "E008"),
    ],
)
def test_bad_feed_files(tmp_path: Path, text: str, code: str) -> None:
    path = _write(tmp_path, "bad.rss", text)
    (item,) = counted([path])
    assert skip_code(item) == code and item.where == str(path)


def test_feed_over_the_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.rss", RSS)
    (item,) = counted([path], Options(max_mb=0.0005))
    assert skip_code(item) == "E004"
