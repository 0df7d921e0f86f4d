from __future__ import annotations

import datetime as dt
import json

import pytest

from sitrep.model import (
    Actor,
    ActorRef,
    Article,
    Event,
    Extraction,
    Mention,
    Quote,
    content_id,
    span_text,
)


def test_content_id_ignores_whitespace_and_case() -> None:
    assert content_id("Iran  said\nno.") == content_id("iran said no.")
    assert content_id("Iran said no.") != content_id("Iran said yes.")


def test_span_text_joins_discontinuous_pieces() -> None:
    assert span_text("abc def ghi", ((0, 3), (8, 11))) == "abc … ghi"


def test_chrome_gathers_boilerplate_captions_and_title() -> None:
    a = Article(id="x", text="t" * 50, boilerplate=((0, 5),), captions=((20, 30),),
                title_span=((6, 12),))  # fmt: skip
    assert a.chrome == ((0, 5), (6, 12), (20, 30))


def test_records_are_frozen() -> None:
    m = Mention(span=((0, 4),), text="Iran", actor_id="IRN")
    with pytest.raises(AttributeError):
        m.text = "Iraq"  # type: ignore[misc]


def test_to_json_is_the_prediction_format() -> None:
    text = "Israel accused Iran."
    art = Article(id="a1", text=text, published=dt.date(2018, 5, 9), published_source="given")
    isr = Actor(id="ISR", name="Israel", country="ISR", sector="GOV", kind="state")
    irn = Actor(id="IRN", name="Iran", country="IRN", sector=None, kind="state")
    ev = Event(
        type="ACCUSE", mode=None, cameo="112",
        source=(ActorRef(((0, 6),), "Israel", "ISR"),),
        target=(ActorRef(((15, 19),), "Iran", "IRN"),),
        evidence=((0, 19),), trigger=((7, 14),), date="2018-05-09",
    )  # fmt: skip
    q = Quote(content=((0, 5),), cue=None, speaker=None, speaker_actor=None, kind="direct",
              date=None)  # fmt: skip
    x = Extraction(article=art, actors=(isr, irn), events=(ev,), quotes=(q,))
    rec = json.loads(json.dumps(x.to_json()))
    assert rec["published"] == "2018-05-09"
    assert rec["actors"][0] == {"id": "ISR", "name": "Israel", "country": "ISR", "sector": "GOV",
                                "kind": "state", "role": None}  # fmt: skip
    e = rec["events"][0]
    assert e["source"] == [{"actor": "ISR", "span": [[0, 6]], "text": "Israel"}]
    assert e["evidence"] == [[0, 19]] and e["trigger"] == [[7, 14]]
    assert rec["quotes"][0]["cue"] is None and rec["quotes"][0]["content"] == [[0, 5]]
    assert x.actor("IRN") is irn and x.actor("nope") is None
