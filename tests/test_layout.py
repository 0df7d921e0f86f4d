"""The parser's view of a text: wrapped lines joined, datelines set off, offsets kept."""

from __future__ import annotations

import pytest

from sitrep.layout import break_datelines, parse_text, unwrap
from sitrep.model import Article, span_text
from sitrep.pipeline import Pipeline

WRAPPED = (
    "Storms cut power to thousands of homes along the coast on Tuesday, the utility\n"
    "    said. Crews from three states were on their way to help restore the lines to\n"
    "    Riverton and Bay City.\n"
    "    The mayor urged residents to stay indoors and to keep off the flooded\n"
    "    roads until the water went down\n"
    "    Schools will stay closed on Wednesday."
)


def test_unwrap_joins_the_lines_of_wrapped_prose_only() -> None:
    joined = unwrap(WRAPPED)
    assert len(joined) == len(WRAPPED)
    assert [line.split()[0] for line in joined.split("\n")] == ["Storms", "The", "Schools"]
    # a short line before a capital ends a paragraph that lacks its full stop
    assert "went down\n" in joined
    laid_out = "Storms cut power\nCrews were on their way to help.\nSchools stay closed"
    assert unwrap(laid_out) == laid_out
    assert unwrap("") == ""


def test_a_quote_over_wrapped_lines_is_whole(pipeline: Pipeline) -> None:
    text = WRAPPED.replace("the utility\n    said.", "the utility\n    company said.")
    article = Article(id="t", text=text)
    (q, *_) = pipeline.extract(article).quotes
    assert span_text(text, q.speaker or ()) == "the utility\n    company"
    assert span_text(text, q.content).endswith("on Tuesday")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HARBOR CITY (Wire) — The port reopened.", "HARBOR CITY (Wire) —\nThe port reopened."),
        ("Lede\nELM FALLS, Ore. - A bridge fell.", "Lede\nELM FALLS, Ore. -\nA bridge fell."),
        ("RISING COSTS — Fares went up again.", "RISING COSTS —\nFares went up again."),
        ("NATO-led forces left the base.", "NATO-led forces left the base."),
        ("The council - and the mayor - agreed.", "The council - and the mayor - agreed."),
        ("OSLO - the fjord froze.", "OSLO - the fjord froze."),
    ],
)  # fmt: skip
def test_break_datelines(text: str, expected: str) -> None:
    assert break_datelines(text) == expected
    assert len(parse_text(text)) == len(text)


def test_a_dateline_is_no_speaker(pipeline: Pipeline) -> None:
    text = "HARBOR CITY (Wire) — Port officials said on Monday that the docks would reopen."
    (q,) = pipeline.extract(Article(id="t", text=text)).quotes
    assert span_text(text, q.speaker or ()) == "Port officials"
