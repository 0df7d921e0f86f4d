"""Table exports of a store: one Parquet or CSV file per table, for tools that do not read
DuckDB. DuckDB's own COPY writes them (streaming, typed), so nothing passes through Python."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from sitrep.store import TABLES, Store


class TableFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


def _literal(path: Path) -> str:
    """``path`` as a SQL string literal (COPY takes no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def export_tables(store: Store, folder: Path, fmt: TableFormat = TableFormat.parquet) -> list[Path]:
    """Write every table of ``store`` to ``folder/<table>.<fmt>``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet" if fmt is TableFormat.parquet else "FORMAT csv, HEADER true"
    written = []
    for table in TABLES:
        target = folder / f"{table}.{fmt.value}"
        store.copy(f"COPY {table} TO {_literal(target)} ({options})")
        written.append(target)
    return written
