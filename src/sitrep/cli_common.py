"""What the CLI's commands share: one-line errors, output files, progress bars, option types,
the extraction loop that reports skips, and row printing. Kept apart from ``cli`` so that
command modules (``cli``, ``cli_store``) import it without importing each other."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from sitrep.errors import E, SitrepError
from sitrep.model import Extraction, Skipped
from sitrep.options import JsonFields, Options
from sitrep.render import clip

err = Console(stderr=True, soft_wrap=True)  # one message, one line: greppable


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a SitrepError as one line and exit 1, the way a user wants to read it."""
    try:
        yield
    except SitrepError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


@contextmanager
def output_to(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


class RateColumn(ProgressColumn):
    """Articles per second, over Rich's recent window (blank until it can tell)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "", style="progress.data.speed")


def progress(label: str) -> Progress:
    """A progress bar on stderr (only on a terminal): count, rate, elapsed, and the time left
    once the total is known (see ``count_behind``)."""
    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    )  # fmt: skip


def count_behind(bar: Progress, task: TaskID, paths: Sequence[str], options: Options) -> None:
    """Count the inputs in a background thread and give the bar its total when done, so the
    time left shows without delaying the first article (the count only reads and splits
    files; extraction is what takes time). Nothing is counted when no bar is shown."""
    if bar.disable:
        return
    from sitrep.ingest.sources import count_items

    def count() -> None:
        try:
            total = count_items(paths, options)
        except Exception:  # a nicety only: the bar goes on without a total, reading reports
            return
        if total is not None:
            bar.update(task, total=total)

    threading.Thread(target=count, name="sitrep-count", daemon=True).start()


Published = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
]
Workers = Annotated[int, typer.Option("--workers", min=1, help="Parser processes.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Texts per spaCy batch.")]
MaxMb = Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest article, in MB.")]
Negated = Annotated[
    bool,
    typer.Option("--negated", help="Also report acts said not to happen, with negated=true."),
]


class Tally:
    """Counts what a run extracted and skipped, and says so at the end."""

    def __init__(self) -> None:
        self.done = self.skipped = self.unchanged = 0

    def close(self) -> None:
        if self.done + self.unchanged == 0:
            raise SitrepError(E.E014)
        if self.skipped or self.unchanged:
            kept = f", {self.unchanged} already stored unchanged" if self.unchanged else ""
            err.print(f"{self.done} extracted, {self.skipped} skipped{kept}")


def extractions(paths: list[str], options: Options, tally: Tally) -> Iterator[Extraction]:
    """Every article of ``paths`` extracted, with a progress bar; each skipped input is reported
    on stderr as one line and counted."""
    from sitrep.ingest.sources import read_paths
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline(options)
    with progress("extracting") as bar:
        task = bar.add_task("extract", total=None)
        count_behind(bar, task, paths, options)
        for result in pipeline.run(read_paths(paths, published=options.published, options=options)):
            bar.advance(task)
            if isinstance(result, Skipped):
                tally.skipped += 1
                err.print(f"[yellow]skipped[/yellow] {result.reason}", highlight=False)
            else:
                tally.done += 1
                yield result


Paths = Annotated[list[str], typer.Argument(help="Files (.txt .html .jsonl), folders, or -.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


RowFmt = Annotated[RowFormat, typer.Option("--format", "-f", help="Output format.")]


def write_rows(found: Iterator[dict[str, Any]], fmt: RowFormat, out: TextIO, title: str) -> None:
    if fmt is RowFormat.jsonl:
        for row in found:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    items = list(found)
    columns = list(items[0]) if items else []
    if fmt is RowFormat.csv:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(items)
        return
    table = Table(*columns, title=title.capitalize())
    for row in items:
        table.add_row(*("" if v is None else clip(str(v), 80) for v in row.values()))
    Console(file=out, width=200).print(table)


Db = Annotated[Path, typer.Option("--db", help="The store: a DuckDB file, created if absent.")]
DEFAULT_DB = Path("sitrep.duckdb")

Fields = Annotated[
    list[str] | None,
    typer.Option("--field", help="JSONL field names, ROLE=NAME: text, id, published, title, url."),
]


def json_fields(values: list[str] | None) -> JsonFields:
    """``--field body=text``-style pairs as ``JsonFields`` (unnamed roles keep their default)."""
    roles = [f.name for f in dataclasses.fields(JsonFields)]
    names: dict[str, str] = {}
    for value in values or []:
        role, _, name = value.partition("=")
        if role.strip() not in roles or not name.strip():
            raise SitrepError(E.E024, value=value, roles=", ".join(roles))
        names[role.strip()] = name.strip()
    return JsonFields(**names)
