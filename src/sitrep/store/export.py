"""Exports of a store for tools that do not read DuckDB: one Parquet or CSV file per table
(DuckDB's own COPY writes them, streaming and typed), the Extraction records as JSONL, and the
events as PLOVER JSON (both streamed from the store a thousand rows at a time)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from sitrep import __version__
from sitrep.store import TABLES, Store


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"  # the Extraction records, one file
    plover = "plover"  # PLOVER JSON events, one file


def _literal(path: Path) -> str:
    """``path`` as a SQL string literal (COPY takes no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def export_tables(
    store: Store, folder: Path, fmt: ExportFormat = ExportFormat.parquet
) -> list[Path]:
    """Write every table of ``store`` to ``folder/<table>.<fmt>``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet" if fmt is ExportFormat.parquet else "FORMAT csv, HEADER true"
    written = []
    for table in TABLES:
        target = folder / f"{table}.{fmt.value}"
        store.copy(f"COPY {table} TO {_literal(target)} ({options})")
        written.append(target)
    return written


def export_jsonl(store: Store, path: Path) -> int:
    """Write the Extraction record of every stored article, one per line (the format of
    ``sitrep extract --format jsonl``); the number written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for text, record in store.stream("SELECT text, record FROM articles ORDER BY id"):
            rec = json.loads(record or "{}")
            out.write(json.dumps({"id": rec.pop("id", None), "text": text, **rec},
                                 ensure_ascii=False) + "\n")  # fmt: skip
            n += 1
    return n


_PLOVER_SQL = """
WITH sides AS (
    SELECT ea.article_id, ea.event_n,
        list({'name': coalesce(a.name, ea.text), 'code': a.country, 'agent': a.sector}
             ORDER BY ea.k) FILTER (WHERE ea.side = 'source') AS actor,
        list({'name': coalesce(a.name, ea.text), 'code': a.country, 'agent': a.sector}
             ORDER BY ea.k) FILTER (WHERE ea.side = 'target') AS recipient
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
    GROUP BY ea.article_id, ea.event_n
)
SELECT e.article_id, e.n, coalesce(CAST(e.day AS VARCHAR), e.date), e.type, e.mode, e.cameo,
    e.place, e.fatalities, e.troops, e.negated, e.modality, e.confidence, e.trigger, e.evidence,
    art.url, s.actor, s.recipient
FROM events e
JOIN articles art ON art.id = e.article_id
LEFT JOIN sides s ON s.article_id = e.article_id AND s.event_n = e.n
ORDER BY e.article_id, e.n"""


def export_plover(store: Store, path: Path) -> int:
    """Write every stored event as a PLOVER JSON record (the manual's field names: id, date,
    actor, recipient, event, mode, event_loc, event_text, text, cite_info, coder), one per
    line; sitrep's own fields (cameo, fatalities, negation, modality, confidence) ride along."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in store.stream(_PLOVER_SQL):
            out.write(json.dumps(_plover(row), ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def _plover(row: tuple[Any, ...]) -> dict[str, Any]:
    (article, n, date, kind, mode, cameo, place, fatalities, troops, negated, modality,
     confidence, trigger, evidence, url, actor, recipient) = row  # fmt: skip
    return {
        "id": f"{article}-{n}", "date": date, "actor": actor or [], "recipient": recipient or [],
        "event": [kind], "mode": [mode] if mode else [],
        "event_loc": {"geonameid": place} if place is not None else None,
        "event_text": [trigger], "text": evidence,
        "cite_info": {"article_id": article, "url": url}, "coder": f"sitrep {__version__}",
        "cameo": cameo, "fatalities": fatalities, "troops": troops, "negated": negated,
        "modality": modality, "confidence": confidence,
    }  # fmt: skip


def export(store: Store, folder: Path, fmt: ExportFormat) -> list[Path]:
    """Write ``store`` to ``folder`` in ``fmt``; the files written."""
    if fmt is ExportFormat.jsonl:
        target = folder / "extractions.jsonl"
        export_jsonl(store, target)
        return [target]
    if fmt is ExportFormat.plover:
        target = folder / "events.plover.jsonl"
        export_plover(store, target)
        return [target]
    return export_tables(store, folder, fmt)
