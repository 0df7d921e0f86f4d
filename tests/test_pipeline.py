from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from spacy.tokens import Doc

from sitrep.annotate import REGISTRY, Annotations, Annotator, check_order
from sitrep.errors import SitrepError
from sitrep.model import Article, Extraction, Skipped
from sitrep.options import Options
from sitrep.pipeline import Pipeline


def _nothing(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    return {}


def _boom(doc: Doc, so_far: Annotations, options: Options) -> Mapping[str, Sequence[Any]]:
    if "boom" in doc.text:
        raise ValueError("exploded")
    return {}


def test_registry_order_is_valid() -> None:
    check_order(REGISTRY)
    assert [a.name for a in REGISTRY] == ["actors", "times", "places", "quotes", "events"]


def test_order_check_names_the_missing_need() -> None:
    bad = [Annotator("events", _nothing, requires=("quotes",), produces=("events",))]
    with pytest.raises(SitrepError, match=r"\[E012\].*events.*quotes"):
        check_order(bad)


def test_run_keeps_skips_and_survives_a_failing_article(pipeline: Pipeline) -> None:
    p = Pipeline(pipeline.options, annotators=[Annotator("boom", _boom, (), ())])
    items = [
        Article(id="1", text="All quiet.", published=dt.date(2020, 1, 1)),
        Skipped("bad.txt", "[E002] bad.txt: empty input"),
        Article(id="2", text="boom goes the parser", source="two.txt"),
    ]
    out = list(p.run(items))
    assert len(out) == 3
    assert isinstance(out[0], Extraction) and out[0].article.id == "1"
    skipped = [r for r in out if isinstance(r, Skipped)]
    assert {s.where for s in skipped} == {"bad.txt", "two.txt"}
    assert any("exploded" in s.reason for s in skipped)


def test_one_parse_and_every_layer_on_a_short_article(pipeline: Pipeline) -> None:
    text = "Turkish police arrested two protesters in Ankara on Monday, officials said."
    x = pipeline.extract(Article(id="t", text=text, published=dt.date(2019, 3, 6)))
    assert x.article.published == dt.date(2019, 3, 6)
    for span_list in [m.span for m in x.mentions] + [t.span for t in x.times]:
        for s, e in span_list:
            assert 0 <= s < e <= len(text)


@pytest.mark.slow
def test_workers_give_the_same_records(pipeline: Pipeline) -> None:
    texts = [f"Rebels attacked a convoy near Goma on day {i}, the army said." for i in range(6)]
    arts = [Article(id=str(i), text=t, published=dt.date(2020, 1, 9)) for i, t in enumerate(texts)]
    one = [r.to_json() for r in pipeline.run(arts) if isinstance(r, Extraction)]
    two_procs = Pipeline(Options(workers=2, batch_size=2))
    two = [r.to_json() for r in two_procs.run(arts) if isinstance(r, Extraction)]
    assert one == two and len(one) == 6
