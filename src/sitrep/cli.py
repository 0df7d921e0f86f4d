"""The command line: a thin layer over the Python API. Each command parses its options, calls
one library function and prints; ``SitrepError`` is shown as one line, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep import __version__, parse_date
from sitrep.cli_common import (
    BatchSize,
    MaxMb,
    Output,
    Paths,
    Published,
    RowFmt,
    RowFormat,
    Tally,
    Workers,
    extractions,
    output_to,
    progress,
    user_errors,
    write_rows,
)
from sitrep.cli_store import register as register_store_commands
from sitrep.errors import E, SitrepError
from sitrep.options import Options
from sitrep.render import render

app = typer.Typer(
    help="sitrep: turn news articles into event data (actors, quotes, times, places, events).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    with user_errors():
        pub = parse_date(published)
        options = Options(workers=workers, batch_size=batch_size, max_mb=max_mb, published=pub)
        tally = Tally()
        with output_to(output) as out:
            xs = extractions(paths, options, tally)
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


def _show(
    view: str, paths: list[str], published: str | None, fmt: RowFormat, output: Path | None
) -> None:
    """Extract ``paths`` and print one row per record of ``view`` (per article, for now; the
    corpus-wide view reads the store)."""
    from sitrep.views import rows

    with user_errors():
        options = Options(published=parse_date(published))
        tally = Tally()
        with output_to(output) as out:
            write_rows(rows(view, extractions(paths, options, tally)), fmt, out, view)
        tally.close()


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

    with user_errors():
        for path in gold:
            if not path.is_file():
                raise SitrepError(E.E001, path=path)
        pipeline = Pipeline(Options(workers=workers, batch_size=batch_size))
        with progress("evaluating") as bar:
            task = bar.add_task("eval", total=count_records(gold))
            reports = evaluate(gold, pipeline, progress=lambda n: bar.advance(task, n))
        if as_json:
            typer.echo(json.dumps(reports_json(reports), indent=2))
        else:
            render_table(reports, Console(width=140))


register_store_commands(app)  # ingest, stats, query: the store's own module
