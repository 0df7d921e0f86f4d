"""The evaluation gate: no change may lower a pinned score of `sitrep eval` on ../shared.

Floors live in ``eval_baseline.json`` beside this file. The whole evaluation runs once per
session (about a minute), hence ``slow``; CI runs it with ``-m slow``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate import evaluate, reports_json
from sitrep.pipeline import Pipeline
from tests.conftest import DEV, SEED_GOLD, needs_shared

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))
GATES = [(f, m, v, "floor") for f, ms in BASELINE["floors"].items() for m, v in ms.items()] + [
    (f, m, v, "ceiling") for f, ms in BASELINE["ceilings"].items() for m, v in ms.items()
]


@pytest.fixture(scope="module")
def scores(pipeline: Pipeline) -> dict[str, dict[str, Any]]:
    paths = [SEED_GOLD, *sorted(DEV.glob("*.jsonl"))]
    return {Path(r["file"]).name: r["layers"] for r in reports_json(evaluate(paths, pipeline))}


def _value(layers: dict[str, Any], metric: str) -> float:
    layer, name = metric.split(".")
    value = layers[layer][name]
    return float(value["value"] if isinstance(value, dict) else value)


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize(("file", "metric", "bound", "kind"), GATES)
def test_score_holds(
    scores: dict[str, dict[str, Any]], file: str, metric: str, bound: float, kind: str
) -> None:
    value = _value(scores[file], metric)
    if kind == "floor":
        assert value >= bound, f"{file} {metric} fell to {value:.3f} (floor {bound})"
    else:
        assert value <= bound, f"{file} {metric} rose to {value:.3f} (ceiling {bound})"
