from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.errors import SitrepError
from sitrep.nlp import _abbreviations, inside, overlaps, subtree_span


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
