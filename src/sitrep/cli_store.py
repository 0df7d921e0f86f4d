"""The store commands: ``ingest`` a corpus into a DuckDB file, ``stats`` about it, and
read-only ``query``. Registered on the main app by ``register`` so cli.py stays the per-article
commands and this module the corpus ones."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Column, Table

from sitrep import parse_date
from sitrep.cli_common import (
    DEFAULT_DB,
    Db,
    Fields,
    Negated,
    Paths,
    Published,
    RowFmt,
    RowFormat,
    Tally,
    Workers,
    count_behind,
    err,
    json_fields,
    progress,
    user_errors,
    write_rows,
)
from sitrep.model import Article, Extraction, Skipped
from sitrep.options import Options
from sitrep.store import Store, extractor_key
from sitrep.store import export as exports
from sitrep.store.export import ExportFormat

if TYPE_CHECKING:
    from sitrep.pipeline import Pipeline, Result

PerTransaction = Annotated[
    int, typer.Option("--commit-every", min=1, help="Articles written per transaction.")
]


def _pipeline(options: Options) -> Pipeline:
    """The extraction pipeline (a seam: tests hand in their session pipeline)."""
    from sitrep.pipeline import Pipeline

    return Pipeline(options)


def _results(
    paths: list[str], options: Options, store: Store, tally: Tally, force: bool, extractor: str
) -> Iterator[Result]:
    """Every input extracted or skipped, in order, with a progress bar on a terminal; articles
    the store holds unchanged (same text, same ``extractor``) are passed by (counted) unless
    ``force``."""
    from sitrep.ingest.sources import read_paths

    pipeline = _pipeline(options)
    with progress("ingesting") as bar:
        task = bar.add_task("ingest", total=None)
        count_behind(bar, task, paths, options)

        def fresh(items: Iterator[Article | Skipped]) -> Iterator[Article | Skipped]:
            for item in items:
                if not force and isinstance(item, Article) and store.unchanged(item, extractor):
                    tally.unchanged += 1
                    bar.advance(task)
                else:
                    yield item

        items = read_paths(paths, published=options.published, options=options)
        for result in pipeline.run(fresh(items)):
            bar.advance(task)
            yield result


def ingest(
    paths: Paths,
    db: Db = DEFAULT_DB,
    published: Published = None,
    workers: Workers = 1,
    commit_every: PerTransaction = 64,
    fields: Fields = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract articles stored unchanged too.")
    ] = False,
    negated: Negated = False,
) -> None:
    """Extract articles and store them; an article stored before is replaced, not doubled, and
    one stored unchanged is passed by, so an interrupted run resumes where it stopped."""
    with user_errors():
        options = Options(workers=workers, published=parse_date(published),
                          fields=json_fields(fields), negated_events=negated)  # fmt: skip
        tally = Tally()
        with Store(db) as store:
            run_id = store.start_run(paths, options.model)
            extractor = extractor_key(options)
            pending: list[Extraction] = []
            for result in _results(paths, options, store, tally, force, extractor):
                if isinstance(result, Skipped):
                    tally.skipped += 1
                    err.print(f"[yellow]skipped[/yellow] {result.reason}", highlight=False)
                    store.record_skip(run_id, result)
                    continue
                tally.done += 1
                pending.append(result)
                if len(pending) >= commit_every:
                    store.write(pending, run_id, extractor)
                    pending = []
            store.write(pending, run_id, extractor)
            store.finish_run(run_id, tally.done, tally.skipped)
            _print_counts(store.counts(), f"Rows after run {run_id}")
        tally.close()


def _print_counts(counts: dict[str, int], title: str) -> None:
    table = Table("table", Column("rows", justify="right"), title=title)
    for name, n in counts.items():
        table.add_row(name, str(n))
    Console(width=120).print(table)


def stats(db: Db = DEFAULT_DB) -> None:
    """Show the rows per table of a store, the runs that filled it, and why the last run
    skipped inputs."""
    with user_errors(), Store(db, read_only=True) as store:
        _print_counts(store.counts(), "Rows per table")
        columns, runs = store.query(
            "SELECT run_id, started_at, finished_at, sitrep_version, model, knowledge_version, "
            "extracted, skipped, inputs FROM runs ORDER BY run_id"
        )
        _print_rows(columns, runs, "Runs")
        columns, skips = store.query(SKIPS_OF_LAST_RUN)
        if skips:
            _print_rows(columns, skips, "Inputs the last run skipped, by reason")


# The last run's skips grouped by error code ("[E006] ..."), with one example each.
SKIPS_OF_LAST_RUN = """
SELECT substr(reason, 2, 4) AS code, count(*) AS inputs, min(source) AS example,
       arg_min(reason, source) AS reason
FROM skips WHERE run_id = (SELECT max(run_id) FROM runs)
GROUP BY code ORDER BY inputs DESC, code
"""


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]], title: str) -> None:
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*("" if v is None else str(_plain(v)) for v in row))
    Console(width=200).print(table)


def _plain(value: Any) -> Any:
    """A value JSON, CSV and a table can all show: days and times as ISO text."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def query(
    sql: Annotated[str, typer.Argument(help="One SQL query (read-only) over the store.")],
    db: Db = DEFAULT_DB,
    fmt: RowFmt = RowFormat.table,
) -> None:
    """Run a read-only SQL query on the store (tables, events_by_dyad_day, quotes_by_speaker)."""
    with user_errors(), Store(db, read_only=True) as store:
        columns, found = store.query(sql)
    if not found and fmt is RowFormat.csv:
        csv.writer(sys.stdout).writerow(columns)
        return
    rows = ({c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in found)
    write_rows(rows, fmt, sys.stdout, "query")


def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write the export files into.")],
    db: Db = DEFAULT_DB,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="parquet or csv (a file per table), jsonl, plover."),
    ] = ExportFormat.parquet,
) -> None:
    """Export the store: tables as Parquet or CSV, extractions as JSONL, events as PLOVER."""
    with user_errors(), Store(db, read_only=True) as store:
        written = exports.export(store, folder, fmt)
    err.print(f"wrote {len(written)} files to {folder}")


def register(app: typer.Typer) -> None:
    """Add the store commands to ``app`` (the main CLI, or a test's own app)."""
    app.command()(ingest)
    app.command()(stats)
    app.command()(query)
    app.command()(export)
