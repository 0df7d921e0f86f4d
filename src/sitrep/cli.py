"""The command line: a thin layer over the Python API. Each command parses its options, calls
one library function and prints; ``SitrepError`` is shown as one line, never a traceback."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import __version__, parse_date
from sitrep.errors import E, SitrepError
from sitrep.model import Extraction, Skipped
from sitrep.options import Options
from sitrep.render import clip, render

app = typer.Typer(
    help="sitrep: turn news articles into event data (actors, quotes, times, places, events).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # one message, one line: greppable


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sitrep {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """sitrep: who did or said what to whom, when and where — from news text, offline."""
    log = logging.getLogger("sitrep")  # our own notes only, not every library's
    if not log.handlers:
        log.addHandler(logging.StreamHandler(sys.stderr))
        log.setLevel(logging.INFO)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Show a SitrepError as one line and exit 1, the way a user wants to read it."""
    try:
        yield
    except SitrepError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


def _progress(label: str) -> Progress:
    return Progress(
        TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )  # fmt: skip


Published = Annotated[
    str | None, typer.Option("--published", help="Publication date YYYY-MM-DD for every input.")
]
Workers = Annotated[int, typer.Option("--workers", min=1, help="Parser processes.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Texts per spaCy batch.")]
MaxMb = Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest article, in MB.")]


class Tally:
    """Counts what a run extracted and skipped, and says so at the end."""

    def __init__(self) -> None:
        self.done = self.skipped = 0

    def close(self) -> None:
        if self.done == 0:
            raise SitrepError(E.E014)
        if self.skipped:
            err.print(f"{self.done} extracted, {self.skipped} skipped")


def _extractions(paths: list[str], options: Options, tally: Tally) -> Iterator[Extraction]:
    """Every article of ``paths`` extracted, with a progress bar; each skipped input is reported
    on stderr as one line and counted."""
    from sitrep.ingest.sources import read_paths
    from sitrep.pipeline import Pipeline

    pipeline = Pipeline(options)
    with _progress("extracting") as bar:
        task = bar.add_task("extract", total=None)
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


@app.command()
def extract(
    paths: Paths,
    published: Published = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Output = None,
    workers: Workers = 1,
    batch_size: BatchSize = 32,
    max_mb: MaxMb = Options.max_mb,
) -> None:
    """Extract actors, times, places, quotes and events from articles; one record each."""
    with _user_errors():
        pub = parse_date(published)
        options = Options(workers=workers, batch_size=batch_size, max_mb=max_mb, published=pub)
        tally = Tally()
        with _output(output) as out:
            xs = _extractions(paths, options, tally)
            if fmt is Format.jsonl:
                for x in xs:
                    out.write(json.dumps(x.to_json(), ensure_ascii=False) + "\n")
            elif fmt is Format.json:
                json.dump([x.to_json() for x in xs], out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                console = Console(file=out, width=160)
                for x in xs:
                    render(x, console)
        tally.close()


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


RowFmt = Annotated[RowFormat, typer.Option("--format", "-f", help="Output format.")]


def _show(
    view: str, paths: list[str], published: str | None, fmt: RowFormat, output: Path | None
) -> None:
    """Extract ``paths`` and print one row per record of ``view`` (per article, for now; the
    corpus-wide view reads the store)."""
    from sitrep.views import rows

    with _user_errors():
        options = Options(published=parse_date(published))
        tally = Tally()
        with _output(output) as out:
            _write_rows(rows(view, _extractions(paths, options, tally)), fmt, out, view)
        tally.close()


def _write_rows(found: Iterator[dict[str, Any]], fmt: RowFormat, out: TextIO, title: str) -> None:
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


@app.command()
def actors(paths: Paths, published: Published = None, fmt: RowFmt = RowFormat.table,
           output: Output = None) -> None:  # fmt: skip
    """List the actors of each article: country, sector, kind, role, mentions."""
    _show("actors", paths, published, fmt, output)


@app.command()
def quotes(paths: Paths, published: Published = None, fmt: RowFmt = RowFormat.table,
           output: Output = None) -> None:  # fmt: skip
    """List the quotes of each article: speaker, cue, kind, date, content."""
    _show("quotes", paths, published, fmt, output)


@app.command()
def events(paths: Paths, published: Published = None, fmt: RowFmt = RowFormat.table,
           output: Output = None) -> None:  # fmt: skip
    """List the events of each article: type, mode, source, target, date, place, evidence."""
    _show("events", paths, published, fmt, output)


@app.command("eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="sitrep-gold JSONL files to score.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    workers: Workers = 1,
    batch_size: BatchSize = 32,
) -> None:
    """Extract the gold texts (with their dates) and score every annotated layer."""
    from sitrep.evaluate import count_records, evaluate, render_table, reports_json
    from sitrep.pipeline import Pipeline

    with _user_errors():
        for path in gold:
            if not path.is_file():
                raise SitrepError(E.E001, path=path)
        pipeline = Pipeline(Options(workers=workers, batch_size=batch_size))
        with _progress("evaluating") as bar:
            task = bar.add_task("eval", total=count_records(gold))
            reports = evaluate(gold, pipeline, progress=lambda n: bar.advance(task, n))
        if as_json:
            typer.echo(json.dumps(reports_json(reports), indent=2))
        else:
            render_table(reports, Console(width=140))
