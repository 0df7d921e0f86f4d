"""How each annotator's time grows with the length of one article.

    python bench/scaling.py [--copies 40] [--doublings 2]

Joins the sample article ``--copies`` times into one long article, parses it once, and times
each annotator on it; then doubles the length ``--doublings`` times. A linear annotator takes
about twice as long each time (ratio ~2); a ratio near 4 means a quadratic step that a long
input (a report, a transcript: up to ``--max-mb``, 1 MB by default) would feel. Ratios, not
seconds, are what to compare: these machines are noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import replace
from pathlib import Path

from sitrep.annotate import REGISTRY, Annotations
from sitrep.ingest.clean import article_from_text
from sitrep.options import Options
from sitrep.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "iran_syria_2018.txt"


def annotator_seconds(pipeline: Pipeline, text: str) -> tuple[float, dict[str, float]]:
    """The parse time of ``text`` and each annotator's own time on that parse."""
    article = article_from_text(text, id="long", published=dt.date(2018, 5, 22))
    t0 = time.perf_counter()
    doc = pipeline.nlp(text)
    parse = time.perf_counter() - t0
    state = Annotations(article=article)
    spent: dict[str, float] = {}
    for annotator in REGISTRY:
        t0 = time.perf_counter()
        found = annotator.func(doc, state, pipeline.options)
        spent[annotator.name] = time.perf_counter() - t0
        state = replace(state, **{k: tuple(v) for k, v in found.items()})
    return parse, spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=40, help="copies of the sample, first length")
    ap.add_argument("--doublings", type=int, default=2, help="times the length doubles")
    args = ap.parse_args()

    pipeline = Pipeline(Options(max_mb=10))
    sample = SAMPLE.read_text(encoding="utf-8")
    pipeline.nlp("warm up the model")
    before: dict[str, float] = {}
    for k in range(args.doublings + 1):
        text = "\n\n".join([sample] * (args.copies * 2**k))
        parse, spent = annotator_seconds(pipeline, text)
        row = {"parse": parse, **spent}
        cells = "  ".join(
            f"{name} {secs:6.2f}s" + (f" (x{secs / before[name]:.1f})" if before else "")
            for name, secs in row.items()
        )
        print(f"{len(text):>9,} chars  {cells}")
        before = row


if __name__ == "__main__":
    main()
