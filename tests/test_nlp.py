from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.errors import SitrepError
from sitrep.model import Article, span_text
from sitrep.nlp import _abbreviations, inside, overlaps, subtree_span, unwrap
from sitrep.pipeline import Pipeline


def test_paragraph_breaks_start_sentences(nlp: Language) -> None:
    doc = nlp("Breaking News\n\nRebels seized the town on Monday.")
    starts = [s.text for s in doc.sents]
    assert starts[0].startswith("Breaking News") and starts[-1].startswith("Rebels")


def test_subtree_span_keeps_a_bracket_opened_inside(nlp: Language) -> None:
    text = "Officials praised the Kenya Defence Forces (KDF) in Mombasa."
    doc = nlp(text)
    forces = next(t for t in doc if t.text == "Forces")
    s, e = subtree_span(forces)
    assert text[s:e].endswith("(KDF)")


def test_span_helpers() -> None:
    assert inside(((2, 4),), ((0, 5), (8, 9)))
    assert not inside(((2, 6),), ((0, 5),))
    assert overlaps(((0, 3),), ((2, 5),)) and not overlaps(((0, 2),), ((2, 5),))


def test_titles_keep_their_period_and_the_sentence_goes_on(nlp: Language) -> None:
    doc = nlp("Brig. Gen. Omar Farid said the convoy left. Sgt. Dana Cole stayed behind.")
    assert [t.text for t in doc[:2]] == ["Brig.", "Gen."]
    assert [s.text for s in doc.sents] == [
        "Brig. Gen. Omar Farid said the convoy left.",
        "Sgt. Dana Cole stayed behind.",
    ]


@pytest.mark.parametrize(
    "data",
    [{"titles": ["Lt."]}, {"titles": ["Lt"], "places": []}, {"titles": ["Lt. Col."], "places": []}],
)
def test_abbreviation_list_is_checked(data: dict[str, list[str]]) -> None:
    with pytest.raises(SitrepError) as err:
        _abbreviations(data)
    assert err.value.code == "E010"


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
