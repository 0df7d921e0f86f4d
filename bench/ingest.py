"""What the store adds to extraction: ``ingest`` against ``extract`` on the same articles, in
the same run.

    python bench/ingest.py [--copies 4] [--rounds 2] [PATH ...]

Reads the articles of ``PATH`` (default: the bundled sample corpus, ``examples/corpus``), copies
them ``--copies`` times under new ids (so every write stores new rows), and times, in
alternating rounds, extraction alone and extraction plus ``Store.write`` in batches of
``--commit-every`` into a new DuckDB file, as ``sitrep ingest`` does. Prints each round, the
ratio of the medians, and the store's own share. These machines are noisy: compare the ratio,
not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sitrep.ingest.sources import read_paths
from sitrep.model import Article, Extraction
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"


def articles(paths: list[str], copies: int) -> list[Article]:
    found = [a for a in read_paths(paths, options=Options()) if isinstance(a, Article)]
    return [replace(a, id=f"{a.id}#{k}") for k in range(copies) for a in found]


def extract_only(pipeline: Pipeline, arts: list[Article]) -> tuple[float, float]:
    t0 = time.perf_counter()
    for _ in pipeline.run(arts):
        pass
    return time.perf_counter() - t0, 0.0


def extract_and_store(pipeline: Pipeline, arts: list[Article], every: int) -> tuple[float, float]:
    """Wall time of the whole run, and the part of it spent writing."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        run_id = store.start_run(["bench"])
        writing, pending = 0.0, []
        for result in pipeline.run(arts):
            if isinstance(result, Extraction):
                pending.append(result)
            if len(pending) >= every:
                w0 = time.perf_counter()
                store.write(pending, run_id)
                writing += time.perf_counter() - w0
                pending = []
        w0 = time.perf_counter()
        store.write(pending, run_id)
        store.finish_run(run_id, len(arts), 0)
        writing += time.perf_counter() - w0
        return time.perf_counter() - t0, writing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(CORPUS)], help="inputs (default: sample)")
    ap.add_argument("--copies", type=int, default=4, help="copies of the articles, new ids")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds of each")
    ap.add_argument("--commit-every", type=int, default=64, help="articles per transaction")
    args = ap.parse_args()

    pipeline = Pipeline(Options())
    arts = articles(args.paths, args.copies)
    for _ in pipeline.run(arts[:8]):  # load the model, lexicons and gazetteer before timing
        pass
    plain, stored, writes = [], [], []
    for k in range(args.rounds):
        plain.append(extract_only(pipeline, arts)[0])
        total, writing = extract_and_store(pipeline, arts, args.commit_every)
        stored.append(total)
        writes.append(writing)
        print(f"round {k + 1}: extract {plain[-1]:7.2f} s   ingest {total:7.2f} s "
              f"(writing {writing:.2f} s)")  # fmt: skip
    ratio = statistics.median(stored) / statistics.median(plain)
    share = statistics.median(writes) / statistics.median(plain)
    print(f"articles {len(arts)}; ingest/extract {ratio:.3f}; writing = {100 * share:.1f}% "
          "of extraction")  # fmt: skip


if __name__ == "__main__":
    main()
