"""Cost of the gazetteer: index build, open + first lookup, lookup latency, memory.

    python bench/gazetteer.py [--build]

``--build`` also times a fresh build of the index into a temporary folder (what the first run
on a new machine pays). Memory is the resident-set growth of this process, read from
/proc/self/status (Linux).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

NAMES = ["Aleppo", "Damascus", "Paris", "Springfield", "Bavaria", "Punjab", "Lagos", "Goma",
         "Kharkiv", "Nairobi", "Zzyzx", "Mosul", "Cairns", "Gaza", "Idlib"] * 50  # fmt: skip


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="also time a fresh index build")
    args = ap.parse_args()

    from sitrep.gazetteer import candidates, index

    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            index.build(Path(tmp) / "g.sqlite")
            size = (Path(tmp) / "g.sqlite").stat().st_size / 2**20
            print(f"build     {time.perf_counter() - t0:6.2f} s, {size:.1f} MB")
    path = index.ensure_index()
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM places").fetchone()[0]
    before = rss_mb()
    t0 = time.perf_counter()
    candidates("Aleppo")
    print(f"open+1st  {1000 * (time.perf_counter() - t0):6.1f} ms ({rows:,} places, {path})")
    t0 = time.perf_counter()
    for name in NAMES:
        candidates(name)
    per = 1e6 * (time.perf_counter() - t0) / len(NAMES)
    print(f"lookup    {per:6.1f} us each (cached after the first of a name)")
    print(f"RSS grew  {rss_mb() - before:6.1f} MB")


if __name__ == "__main__":
    main()
