"""Converts a split of PolNeAR to sitrep-gold JSONL, to score quotes on more articles than the
development file holds (a maintainer tool, not used at run time).

PolNeAR (https://github.com/networkdynamics/PolNeAR; Newell, Margolin and Ruths, LREC 2018)
annotates every attribution of 1,008 US political news articles in BRAT files: source, cue and
content spans joined by an event line. Each split folder has ``text/`` and ``attributions/``;
an article annotated twice keeps its first annotator, as ../shared/data/dev does (this script
rebuilds that file exactly from ``data/dev``). The publication date comes from
``data/metadata.tsv`` when it sits two levels up.

Mining the training split for cue words is how the marked entries of ``knowledge/cues.yaml``
were found; keep the test split for a final check.

Usage, with PolNeAR cloned in DIR::

    python scripts/polnear_gold.py DIR/data/train > polnear_train.jsonl
    sitrep eval polnear_train.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

Spans = list[list[int]]
ROLES = {"Content": "content", "Cue": "cue", "Source": "speaker"}
USAGE = "usage: python scripts/polnear_gold.py POLNEAR/data/SPLIT > gold.jsonl"


def _spans(offsets: str) -> Spans:
    """BRAT offsets ("120 150;160 200": a discontinuous span) as [[start, end], ...]."""
    return [[int(a), int(b)] for a, b in (piece.split() for piece in offsets.split(";"))]


def attributions(brat: str) -> Iterator[dict[str, Spans | None]]:
    """The attributions of one BRAT file that have a content, in file order."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in brat.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 3:
            spans[fields[0]] = _spans(fields[1].split(" ", 1)[1])
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    for args in events:
        if "Content" in args:
            yield {key: spans.get(args.get(role, "")) for role, key in ROLES.items()}


def published_dates(split: Path) -> dict[str, str]:
    """Article name -> publication date, from the corpus metadata when it is there."""
    meta = split.parent / "metadata.tsv"
    if not meta.is_file():
        return {}
    with meta.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {row["filename"]: row["publication_date"] for row in rows}


def records(split: Path) -> Iterator[dict[str, object]]:
    """One sitrep-gold record per article of the split, in name order."""
    first: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        first.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    dates = published_dates(split)
    for name, ann in sorted(first.items()):
        yield {
            "id": name,
            "text": (split / "text" / f"{name}.txt").read_text(encoding="utf-8"),
            "published": dates.get(name),
            "layers": ["quotes"],
            "quotes": list(attributions(ann.read_text(encoding="utf-8"))),
            "meta": {"corpus": f"PolNeAR {split.name}", "license": "unstated (research use)"},
        }


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "attributions").is_dir():
        print(USAGE, file=sys.stderr)
        return 2
    for record in records(Path(argv[0])):
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
