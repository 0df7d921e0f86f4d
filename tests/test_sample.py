"""End to end on the bundled sample article: the situation picture the README promises."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.model import Extraction, span_text

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "iran_syria_2018.txt"


@pytest.fixture(scope="module")
def x() -> Extraction:
    return sitrep.extract(SAMPLE)


def _speakers(x: Extraction) -> set[str]:
    names = set()
    for q in x.quotes:
        actor = x.actor(q.speaker_actor)
        if actor:
            names.add(actor.name)
    return names


def test_chrome_title_and_inferred_date(x: Extraction) -> None:
    a = x.article
    assert a.title == "Iran Rejects Russian Demand To Withdraw Troops From Syria"
    assert [span_text(a.text, (b,)) for b in a.boilerplate] == ["Accessibility links",
                                                                 "Breaking News"]  # fmt: skip
    assert len(a.captions) == 3
    assert a.published_source == "inferred" and a.published is not None
    assert "2018-05-21" <= a.published.isoformat() <= "2018-06-30"


def test_speakers_include_pronoun_resolved_quote(x: Extraction) -> None:
    speakers = _speakers(x)
    for name in ("Vladimir Putin", "Bahram Ghasemi", "Alexander Lavrentiev", "Avigdor Lieberman"):
        assert name in speakers
    he = [q for q in x.quotes if q.speaker and span_text(x.article.text, q.speaker) == "he"]
    assert he and x.actor(he[0].speaker_actor).name == "Bahram Ghasemi"  # type: ignore[union-attr]


def test_dates(x: Extraction) -> None:
    values = {t.text: t.value for t in x.times}
    assert values["May 17"] == "2018-05-17"
    assert values["A day later"] == "2018-05-18"
    assert values["May 21"] == "2018-05-21"
    assert values["May 9"] == "2018-05-09"


def test_places_resolve_to_geonames(x: Extraction) -> None:
    ids = {p.text: p.geonameid for p in x.places}
    assert ids["Aleppo"] == 170063 and ids["Damascus"] == 170654


def test_core_events(x: Extraction) -> None:
    types = {e.type for e in x.events}
    assert {"CONSULT", "REQUEST", "REJECT", "ASSAULT"} <= types
    for e in x.events:
        assert not any(s >= c0 and e_ <= c1 for s, e_ in e.trigger for c0, c1 in x.article.chrome)
