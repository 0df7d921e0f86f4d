"""``sitrep eval``: extract the texts of sitrep-gold files and score every annotated layer.

The scoring rules live in ``sitrep.scoring`` (pure, one record at a time); this module runs the
pipeline over each gold file, adds the counts up per file, and presents them as a Rich table
or JSON. The CLI is a thin layer over ``evaluate``, ``render_table`` and ``reports_json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from sitrep.ingest.clean import article_from_text
from sitrep.model import Article, Skipped
from sitrep.scoring import ARTICLE, GoldRecord, LayerScore, load_gold, score_record
from sitrep.scoring.gold import LAYERS
from sitrep.scoring.match import Detection

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline

__all__ = [
    "FileReport", "count_records", "evaluate", "load_gold", "render_table", "reports_json",
    "score_file",
]  # fmt: skip

Progress = Callable[[int], None]

# How the ratio names read in the table (JSON keeps the names).
LABELS: Mapping[str, str] = {
    "acc_161km": "acc@161km",
    "exact": "exact geonameid",
    "published_in_bounds": "published within bounds",
    "title": "title as expected",
    "boilerplate": "boilerplate marked",
    "captions": "captions marked",
}


@dataclass(frozen=True)
class FileReport:
    """The scores of one gold file: per layer, the counts summed over its records."""

    path: Path
    records: int
    layers: Mapping[str, LayerScore] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()  # records that could not be scored, with the reason


def _add(total: dict[str, LayerScore], scores: Mapping[str, LayerScore]) -> None:
    for layer, score in scores.items():
        total[layer] = total[layer] + score if layer in total else score


def _ordered(layers: Mapping[str, LayerScore]) -> dict[str, LayerScore]:
    return {k: layers[k] for k in (*LAYERS, ARTICLE) if k in layers}


def score_file(
    path: Path, golds: Sequence[GoldRecord], predictions: Iterable[Mapping[str, Any]]
) -> FileReport:
    """Score predictions (``Extraction.to_json()`` records, in the gold order) against a file."""
    total: dict[str, LayerScore] = {}
    n = 0
    for gold, prediction in zip(golds, predictions, strict=True):
        _add(total, score_record(gold, prediction))
        n += 1
    return FileReport(path, n, _ordered(total))


def count_records(paths: Sequence[Path]) -> int:
    """How many gold records ``evaluate`` will go through (for a progress bar's total)."""
    return sum(len(load_gold(p)) for p in paths)


def evaluate(
    paths: Sequence[Path], pipeline: Pipeline, progress: Progress | None = None
) -> list[FileReport]:
    """Extract each gold record's text (with its ``published`` date) and score it.

    Every file is loaded and validated before any extraction starts. ``progress`` is called
    with the number of records just finished (for ``rich.progress.Progress.advance``). A record
    without text, or whose extraction failed, is listed in ``FileReport.skipped``, not scored.
    """
    loaded = [(path, load_gold(path)) for path in paths]
    return [_evaluate_file(path, golds, pipeline, progress) for path, golds in loaded]


def _evaluate_file(
    path: Path, golds: Sequence[GoldRecord], pipeline: Pipeline, progress: Progress | None
) -> FileReport:
    usable = [g for g in golds if g.text.strip()]
    skipped = [f"{g.id}: the gold record has no text" for g in golds if not g.text.strip()]
    if progress and skipped:
        progress(len(skipped))
    total: dict[str, LayerScore] = {}
    n = 0
    for gold, result in zip(usable, pipeline.run(_articles(path, usable)), strict=True):
        if isinstance(result, Skipped):
            skipped.append(f"{gold.id}: {result.reason}")
        else:
            _add(total, score_record(gold, result.to_json()))
            n += 1
        if progress:
            progress(1)
    return FileReport(path, n, _ordered(total), tuple(skipped))


def _articles(path: Path, golds: Sequence[GoldRecord]) -> Iterator[Article]:
    for g in golds:
        yield article_from_text(g.text, id=g.id, published=g.published, source=f"{path}#{g.id}")


def _detection_json(d: Detection) -> dict[str, Any]:
    out: dict[str, Any] = {"gold": d.gold, "found": d.found, "recall": d.recall}
    if d.exhaustive:
        out |= {"predicted": d.pred, "correct": d.pred_ok, "precision": d.precision, "f1": d.f1}
    return out


def _layer_json(score: LayerScore) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if score.detection is not None:
        out |= _detection_json(score.detection)
    for name, r in sorted(score.ratios.items()):
        out[name] = {"value": r.value, "hit": r.hit, "total": r.total}
    if score.by_type:
        out["macro_f1"] = score.macro_f1
        out["by_type"] = {t: _detection_json(d) for t, d in sorted(score.by_type.items())}
    return out


def reports_json(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    """The reports as plain JSON data (for ``sitrep eval --json``)."""
    return [
        {
            "file": str(r.path),
            "records": r.records,
            "skipped": list(r.skipped),
            "layers": {k: _layer_json(v) for k, v in r.layers.items()},
        }
        for r in reports
    ]


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _rows(score: LayerScore) -> Iterator[tuple[str, str, str]]:
    d = score.detection
    if d is not None:
        if d.exhaustive:
            yield "precision", _fmt(d.precision), f"{d.pred_ok}/{d.pred}"
        yield "recall", _fmt(d.recall), f"{d.found}/{d.gold}"
        if d.exhaustive:
            yield "F1", _fmt(d.f1), ""
    if score.by_type and d is not None and d.exhaustive:
        yield "macro-F1", _fmt(score.macro_f1), f"{len(score.by_type)} types"
    for name, r in score.ratios.items():
        yield LABELS.get(name, name.replace("_", " ")), _fmt(r.value), f"{r.hit}/{r.total}"


def _table(report: FileReport) -> Table:
    table = Table(title=f"{report.path.name}: {report.records} records", title_justify="left")
    table.add_column("layer")
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("count", justify="right")
    for layer, score in report.layers.items():
        partial = score.detection is not None and not score.detection.exhaustive
        label = f"{layer} (partial)" if partial else layer
        for i, (metric, value, count) in enumerate(_rows(score)):
            table.add_row(label if i == 0 else "", metric, value, count)
        table.add_section()
    if report.skipped:
        table.caption = f"{len(report.skipped)} skipped: " + "; ".join(report.skipped[:3])
    return table


def render_table(reports: Sequence[FileReport], console: Console) -> None:
    """One table per gold file, with the layers that file annotates."""
    for report in reports:
        console.print(_table(report))
