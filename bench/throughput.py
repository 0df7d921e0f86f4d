"""Throughput of sitrep against bare spaCy on the same texts, in the same run.

    python bench/throughput.py [--repeat 200] [--dev]

Parses the sample article ``--repeat`` times (plus the dev gold texts with ``--dev`` where
../shared exists) once with bare ``nlp.pipe`` and once through the sitrep pipeline, then times
each annotator alone on the already parsed docs. Prints words/s, the sitrep/spaCy time ratio,
each annotator's cost as a share of the parse, and peak RSS. Ratios, not absolute numbers, are
what to compare between runs: these machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from dataclasses import replace
from pathlib import Path

from sitrep.annotate import REGISTRY, Annotations
from sitrep.annotate.times import infer_published
from sitrep.ingest.clean import article_from_text
from sitrep.model import Article, Extraction, content_id
from sitrep.options import Options
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "iran_syria_2018.txt"
DEV = ROOT.parent / "shared" / "data" / "dev"


def corpus(repeat: int, dev: bool) -> list[Article]:
    text = SAMPLE.read_text(encoding="utf-8")
    arts = [article_from_text(text, id=f"sample-{i}") for i in range(repeat)]
    if dev and DEV.is_dir():
        for path in sorted(DEV.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                arts.append(article_from_text(rec["text"], id=content_id(rec["text"])))
    return arts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="copies of the sample article")
    ap.add_argument("--dev", action="store_true", help="add the ../shared dev texts")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    pipeline = Pipeline(Options(batch_size=args.batch_size))
    nlp = pipeline.nlp
    arts = corpus(args.repeat, args.dev)
    words = sum(len(a.text.split()) for a in arts)
    nlp("warm up the model")

    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in arts), batch_size=args.batch_size))
    t_spacy = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = list(pipeline.run(arts))
    t_sitrep = time.perf_counter() - t0

    shares = annotator_times(pipeline, docs, arts)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n_ok = sum(isinstance(r, Extraction) for r in results)
    print(f"articles {len(arts)} ({n_ok} extracted), words {words}")
    print(f"spaCy  nlp.pipe      {t_spacy:7.2f} s  {words / t_spacy:8.0f} words/s")
    print(f"sitrep pipeline.run  {t_sitrep:7.2f} s  {words / t_sitrep:8.0f} words/s")
    print(f"ratio sitrep/spaCy   {t_sitrep / t_spacy:7.3f}")
    for name, secs in shares.items():
        print(f"  {name:<9} {secs:7.2f} s  = {100 * secs / t_spacy:5.1f}% of the parse")
    print(f"peak RSS {rss_mb:.0f} MB")


def annotator_times(pipeline: Pipeline, docs: list, arts: list[Article]) -> dict[str, float]:
    """Each annotator's own time over the parsed docs (each fed what earlier ones produced)."""
    spent = {a.name: 0.0 for a in REGISTRY}
    for doc, art in zip(docs, arts, strict=True):
        art = infer_published(doc, art) if art.published is None else art
        state = Annotations(article=art)
        for annotator in REGISTRY:
            t0 = time.perf_counter()
            found = annotator.func(doc, state, pipeline.options)
            spent[annotator.name] += time.perf_counter() - t0
            state = replace(state, **{k: tuple(v) for k, v in found.items()})
    return spent


if __name__ == "__main__":
    main()
