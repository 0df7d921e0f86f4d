"""Chrome marking of text input (boilerplate, captions, headline) and HTML cleaning."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import SitrepError
from sitrep.ingest.clean import (
    article_from_html,
    article_from_text,
    iso_date,
    mark_chrome,
    rules,
    split_lines,
)
from sitrep.model import Spans
from tests.conftest import SEED_GOLD, SEED_TEXT, needs_shared

DATA = Path(__file__).resolve().parent.parent / "data"


def _lines(text: str, spans: Spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def _marks(text: str) -> dict[str, Any]:
    chrome = mark_chrome(text)
    return {
        "title": chrome.title,
        "boilerplate": _lines(text, chrome.boilerplate),
        "captions": _lines(text, chrome.captions),
    }


def _expect(
    title: str | None = None, boilerplate: tuple[str, ...] = (), captions: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {"title": title, "boilerplate": list(boilerplate), "captions": list(captions)}


# Building blocks for generated texts: lines of every kind, separators and stray whitespace.
PIECES = [
    "Breaking News", "Share this article", "World", "Advertisement", "\n", "\n\n", "\r\n", "  ",
    "Rebels Seize Border Crossing", "Photo: Smoke rises over the harbour.",
    "Crowds gather in the square, May 1, 2019", "The army said the patrols would continue.",
    "(AP Photo/Sam Sample)", "By Jane Placeholder", "\u2028", "caf\u00e9 \u201cquoted\u201d",
]  # fmt: skip

LAYOUTS = [
    pytest.param(
        "The town council met on Monday.\n\nIt approved the budget for next year.",
        _expect(),
        id="no-chrome-at-all",
    ),
    pytest.param(
        "A storm closed the northern highway on Sunday.\n\nCrews cleared the road by night.\n\n"
        "Share this article\nAdvertisement\n\nCopyright 2020 Example Media Ltd.",
        _expect(
            boilerplate=(
                "Share this article",
                "Advertisement",
                "Copyright 2020 Example Media Ltd.",
            )
        ),
        id="chrome-at-the-end",
    ),
    pytest.param(
        "Farmers in the valley said on Tuesday that the dry spring had halved their harvest.\n\n"
        "The regional office promised help within a month.",
        _expect(),
        id="no-title-line",
    ),
    pytest.param(
        "Skip to main content\nMenu\n\nWorld\n\nRebels Seize Border Crossing After Long Siege\n\n"
        "Rebels took control of the main border crossing on Friday, officials said.",
        _expect(
            title="Rebels Seize Border Crossing After Long Siege",
            boilerplate=("Skip to main content", "Menu", "World"),
        ),
        id="navigation-and-section-label-before-title",
    ),
    pytest.param(
        "Government and rebels agree to a ceasefire in the north\n\n"
        "Both sides signed the agreement in the capital on Sunday.",
        _expect(title="Government and rebels agree to a ceasefire in the north"),
        id="sentence-case-title-before-blank-line",
    ),
    pytest.param(
        "Government and rebels agree to a ceasefire in the north\n"
        "after talks that lasted most of the week, mediators said on Sunday.",
        _expect(),
        id="hard-wrapped-first-line-is-no-title",
    ),
    pytest.param(
        "Mediators Announce Truce In Northern Province\n"
        "Both sides signed the agreement in the capital on Sunday.",
        _expect(title="Mediators Announce Truce In Northern Province"),
        id="headline-cased-title-glued-to-body",
    ),
    pytest.param(
        "The ministry confirmed the figures.\n\nOfficials gave no further details.",
        _expect(),
        id="short-first-sentence-with-period-is-no-title",
    ),
    pytest.param(
        "Protesters March On Parliament\n\n"
        "FILE - Police officers stand near a checkpoint outside the city on Monday.\n\n"
        "Thousands of people marched to parliament on Saturday.",
        _expect(
            title="Protesters March On Parliament",
            captions=(
                "FILE - Police officers stand near a checkpoint outside the city on Monday.",
            ),
        ),
        id="caption-full-sentence-starting-with-cue",
    ),
    pytest.param(
        "Rescue workers searched the collapsed building through the night.\n\n"
        "Rescue workers dig through the rubble in the old town. (AP Photo/Sam Sample)\n\n"
        "Two survivors were found on Wednesday morning.",
        _expect(
            captions=(
                "Rescue workers dig through the rubble in the old town. (AP Photo/Sam Sample)",
            )
        ),
        id="caption-ending-with-photo-credit",
    ),
    pytest.param(
        "Fishermen say catches have fallen for a third year.\n\n"
        "Fishermen unload their catch at a small harbour on the coast, March 3, 2019\n\n"
        "The ministry blamed warmer water.",
        _expect(
            captions=(
                "Fishermen unload their catch at a small harbour on the coast, March 3, 2019",
            )
        ),
        id="caption-ending-with-date",
    ),
    pytest.param(
        "Officials said on Friday that the attack happened on the outskirts, May 11, 2018\n"
        "and that nobody was hurt in the blast.",
        _expect(),
        id="hard-wrapped-line-ending-with-date-is-no-caption",
    ),
    pytest.param(
        "Soldiers patrol a market in the southern district at dusk\n\n"
        "The army said the patrols would continue.\n\n"
        "Soldiers patrol a market in the southern district at dusk\n\n"
        "Traders said business had slowed.",
        _expect(
            captions=(
                "Soldiers patrol a market in the southern district at dusk",
                "Soldiers patrol a market in the southern district at dusk",
            )
        ),
        id="repeated-caption-both-copies",
    ),
    pytest.param(
        "Floods displaced thousands of families in the delta.\n\nAdvertisement\n\n"
        "Aid agencies asked for more boats.",
        _expect(boilerplate=("Advertisement",)),
        id="ad-slot-between-paragraphs",
    ),
    pytest.param(
        "By Jane Placeholder\nUpdated: March 4, 2021 10:15 GMT\n\n"
        "The central bank raised its main interest rate on Thursday.\n\nMarkets fell.",
        _expect(boilerplate=("By Jane Placeholder", "Updated: March 4, 2021 10:15 GMT")),
        id="byline-and-timestamp",
    ),
    pytest.param(
        "The photo shows the minister arriving at the summit.\n\n"
        "A photograph by the museum's founder hangs in the hall.",
        _expect(),
        id="photo-words-in-body-sentences-are-no-caption",
    ),
    pytest.param(
        "Troops withdrew from the border town on Sunday, the ministry said.\n\n"
        "Reporting by the state agency could not be verified.\n\n"
        "Reporting by Sam Sample; Editing by Alex Example\n\n"
        "Regional writer Jo Placeholder contributed to this report.",
        _expect(
            boilerplate=(
                "Reporting by Sam Sample; Editing by Alex Example",
                "Regional writer Jo Placeholder contributed to this report.",
            )
        ),
        id="wire-credits-at-the-foot",
    ),
    pytest.param("Iran rejects the demand", _expect(), id="single-line-has-no-layout"),
    pytest.param("", _expect(), id="empty-text"),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUTS)
def test_mark_chrome_layouts(text: str, expected: dict[str, Any]) -> None:
    assert _marks(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_marks_are_whole_stripped_lines_that_never_overlap(text: str) -> None:
    chrome = mark_chrome(text)
    lines = {(ln.start, ln.end) for ln in split_lines(text) if ln.text}
    spans = sorted(chrome.boilerplate + chrome.captions + chrome.title_span)
    assert set(spans) <= lines
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_spans_point_into_verbatim_text_with_crlf() -> None:
    text = "Breaking News\r\n\r\nPort Reopens After Strike Ends\r\n\r\n  The port reopened.\r\n"
    article = article_from_text(text, id="x")
    assert article.text == text
    assert _lines(text, article.boilerplate) == ["Breaking News"]
    assert _lines(text, article.title_span) == ["Port Reopens After Strike Ends"]
    assert article.title == "Port Reopens After Strike Ends"


def test_split_lines_offsets_are_stripped_content() -> None:
    text = "  first line  \n\nsecond\r\nthird"
    assert [(ln.text, text[ln.start : ln.end]) for ln in split_lines(text) if ln.text] == [
        ("first line", "first line"), ("second", "second"), ("third", "third"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "expected_span"),
    [("Council Passes Budget For Schools", True), ("A different headline", False)],
)
def test_given_title_wins_and_keeps_span_when_in_text(given: str, expected_span: bool) -> None:
    text = "Council Passes Budget For Schools\n\nThe council passed the budget on Monday."
    article = article_from_text(text, id="x", title=given)
    assert article.title == given
    assert bool(article.title_span) is expected_span


def test_published_source_only_with_a_date() -> None:
    assert article_from_text("Text.", id="x").published_source is None
    dated = article_from_text("Text.", id="x", published=iso_date("2020-01-02"))
    assert dated.published_source == "given"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-05-21", "2018-05-21"), ("2018-05-21T10:00:00Z", "2018-05-21"),
     ("2018-13-40", None), ("May 21, 2018", None), (None, None), (20180521, None)],
)  # fmt: skip
def test_iso_date(value: object, expected: str | None) -> None:
    date = iso_date(value)
    assert (date.isoformat() if date else None) == expected


def test_knowledge_file_compiles() -> None:
    r = rules()
    assert "accessibility links" in r.navigation
    assert r.caption_start and r.caption_credit and r.navigation_patterns


def test_html_body_title_date_url() -> None:
    article = article_from_html((DATA / "page.html").read_bytes(), source="page.html")
    assert article.title == "Harbour Council Approves New Ferry Route"
    assert article.published is not None and article.published.isoformat() == "2021-03-04"
    assert article.published_source == "metadata"
    assert article.url == "https://news.example.org/2021/03/ferry-route"
    assert "ferry route to the island of Farholm" in article.text
    for chrome in ("Subscribe now", "Share this article", "All rights reserved", "Sport"):
        assert chrome not in article.text
    assert _lines(article.text, article.title_span) == [article.title]


def test_html_given_date_wins() -> None:
    given = iso_date("2021-03-05")
    article = article_from_html((DATA / "page.html").read_bytes(), published=given)
    assert article.published == given and article.published_source == "given"


@pytest.mark.parametrize(
    "html",
    [b"<html><head><title>Only a title</title></head><body></body></html>",
     b"<html><body><nav>Home</nav></body></html>", b""],
)  # fmt: skip
def test_html_without_body_is_e002(html: bytes) -> None:
    with pytest.raises(SitrepError) as err:
        article_from_html(html, source="empty.html")
    assert err.value.code == "E002"


@needs_shared
def test_seed_chrome_matches_gold() -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert text == gold["text"]
    article = article_from_text(text, id=gold["id"])
    assert article.title == gold["title_expected"]
    assert _lines(text, article.title_span) == [gold["title_expected"]]
    assert _lines(text, article.boilerplate) == gold["boilerplate_expected"]
    assert [s for s, _ in article.captions] == gold["captions_expected"]
