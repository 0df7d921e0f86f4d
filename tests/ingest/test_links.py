"""A feed and the saved pages its entries link to, ingested together: each story once, with
the page's full text and the entry's id, link and date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitrep.ingest.feeds import normal_url
from sitrep.ingest.links import canonical_url
from sitrep.ingest.sources import read_paths
from sitrep.model import Article
from tests.ingest.items import counted, only_articles, only_skips

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Velmont Courier</title>
  <item>
    <title>Harbour Strike Ends</title>
    <link>https://www.courier.example.org/news/harbour-strike-ends/</link>
    <guid>courier-7</guid>
    <pubDate>Mon, 06 Sep 2021 08:00:00 +0000</pubDate>
    <description>Dock workers return on Monday.</description>
  </item>
  <item>
    <title>Council Approves Budget</title>
    <link>https://courier.example.org/news/council-approves-budget</link>
    <guid>courier-8</guid>
    <pubDate>Tue, 07 Sep 2021 08:00:00 +0000</pubDate>
    <description>The budget passed by nine votes to four.</description>
  </item>
  <item>
    <title>Ferry Timetable Changes</title>
    <link>https://courier.example.org/news/ferry-timetable-changes</link>
    <guid>courier-9</guid>
    <description>Ferries will leave every forty minutes from October.</description>
  </item>
</channel></rss>
"""

STRIKE = """<html><head><title>Harbour strike ends</title>
<link href="http://courier.example.org/news/harbour-strike-ends?utm_source=rss" rel="canonical">
</head><body><article><h1>Harbour strike ends</h1>
<p>Dock workers in Velmont ended their three-week strike on Monday after the port authority
agreed to raise wages by six percent, union leaders said.</p>
<p>The first ships were unloaded within hours, and the backlog should clear by Friday.</p>
</article></body></html>"""

BUDGET = """<html><head><title>Council approves budget</title></head><body><article>
<p>Velmont's council approved next year's budget on Tuesday by nine votes to four, after a
debate that ran past midnight over the cost of the new library.</p>
<p>The opposition said it would keep fighting the library plan in committee.</p>
</article></body></html>"""

OTHER = """<html><head><title>Ferry timetable</title>
<meta property="og:url" content="https://gazette.example.org/ferry-timetable-changes">
</head><body><article><p>Another outlet's story, whose file happens to share a name with a
feed entry's link: ferries will leave Velmont every forty minutes from October, the operator
announced on its website.</p></article></body></html>"""


def _folder(tmp_path: Path, pages: dict[str, str]) -> Path:
    (tmp_path / "courier.rss").write_text(FEED, encoding="utf-8")
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    return tmp_path


def _by_id(items: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in items}


def test_linked_pages_stand_for_their_entries(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"strike.html": STRIKE, "council-approves-budget.html": BUDGET})
    articles = _by_id(only_articles(counted([folder])))
    assert sorted(articles) == ["courier-7", "courier-8", "courier-9"]
    strike, budget, ferry = articles["courier-7"], articles["courier-8"], articles["courier-9"]
    assert "six percent" in strike.text and strike.source == str(folder / "strike.html")
    assert strike.url == "https://www.courier.example.org/news/harbour-strike-ends/"
    assert (strike.published, strike.published_source) == (dt.date(2021, 9, 6), "metadata")
    assert "past midnight" in budget.text  # no canonical URL: matched by the file's name
    assert ferry.text.startswith("Ferries will leave")  # no page given: the summary


def test_a_page_naming_another_url_is_not_linked_by_its_file_name(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"ferry-timetable-changes.html": OTHER})
    articles = only_articles(counted([folder]))
    assert len(articles) == 4  # three entries and the other outlet's page
    ferry = _by_id(articles)["courier-9"]
    assert ferry.text.startswith("Ferries will leave")


def test_feed_alone_gives_its_summaries(tmp_path: Path) -> None:
    articles = only_articles(counted([_folder(tmp_path, {}) / "courier.rss"]))
    assert [a.text.split()[0] for a in articles] == ["Dock", "The", "Ferries"]


def test_normal_url_ignores_what_does_not_name_a_page() -> None:
    same = {
        normal_url("https://www.example.org/a/b/"),
        normal_url("http://example.org/a/b#top"),
        normal_url("https://EXAMPLE.org/a/b?utm_source=rss&utm_medium=feed"),
    }
    assert len(same) == 1
    assert normal_url("https://example.org/a?id=7") != normal_url("https://example.org/a?id=8")


def test_canonical_url_in_either_attribute_order(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text('<head><link href="https://x.example/p?a=1&amp;b=2" rel="canonical"></head>')
    assert canonical_url(page) == "https://x.example/p?a=1&b=2"
    page.write_text("<head><title>No canonical</title></head>")
    assert canonical_url(page) is None


def test_a_relative_canonical_url_is_read_against_the_feeds_site(tmp_path: Path) -> None:
    page = BUDGET.replace(
        "<head>", '<head><link rel="canonical" href="/news/council-approves-budget">'
    )
    folder = _folder(tmp_path, {"b.html": page})
    articles = _by_id(only_articles(counted([folder])))
    assert "past midnight" in articles["courier-8"].text and len(articles) == 3


def test_an_unreadable_page_gives_way_to_its_entry(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"council-approves-budget.html": ""})
    items = list(read_paths([folder]))
    assert [s.where for s in only_skips(items)] == [str(folder / "council-approves-budget.html")]
    budget = _by_id(only_articles(items))["courier-8"]
    assert budget.text.startswith("The budget passed")  # the entry's own summary


def test_an_entry_without_guid_has_one_id_read_either_way(tmp_path: Path) -> None:
    feed = FEED.replace("<guid>courier-8</guid>", "")
    (tmp_path / "courier.rss").write_text(feed, encoding="utf-8")
    alone = only_articles(list(read_paths([tmp_path / "courier.rss"])))
    (tmp_path / "council-approves-budget.html").write_text(BUDGET, encoding="utf-8")
    linked = _by_id(only_articles(counted([tmp_path])))
    key = "url:courier.example.org/news/council-approves-budget"
    assert key in {a.id for a in alone} and "past midnight" in linked[key].text
