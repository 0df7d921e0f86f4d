"""The command line: a thin layer over the Python API. Each command parses its options, calls
one library function and prints; ``SitrepError`` is shown as one line, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitrep import __version__, parse_date
from sitrep.errors import E, SitrepError
from sitrep.model import Extraction, Skipped
from sitrep.options import Options

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


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .jsonl), folders, or -.")],
    published: Published = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    workers: Workers = 1,
    batch_size: BatchSize = 32,
    max_mb: MaxMb = 1.0,
) -> None:
    """Extract actors, times, places, quotes and events from articles; one record each."""
    from sitrep.ingest.sources import read_paths
    from sitrep.pipeline import Pipeline
    from sitrep.render import render

    with _user_errors():
        pub = parse_date(published)
        options = Options(workers=workers, batch_size=batch_size, max_mb=max_mb, published=pub)
        pipeline = Pipeline(options)
        done = skipped = 0
        with _output(output) as out, _progress("extracting") as bar:
            task = bar.add_task("extract", total=None)
            console = Console(file=out, width=160) if fmt is Format.table else None
            records: list[dict[str, object]] = []
            for result in pipeline.run(read_paths(paths, published=pub, options=options)):
                bar.advance(task)
                if isinstance(result, Skipped):
                    skipped += 1
                    err.print(f"[yellow]skipped[/yellow] {result.reason}", highlight=False)
                    continue
                done += 1
                _emit(result, fmt, out, console, records, render)
            if fmt is Format.json:
                json.dump(records, out, ensure_ascii=False, indent=2)
                out.write("\n")
        if done == 0:
            raise SitrepError(E.E014)
        if skipped:
            err.print(f"{done} extracted, {skipped} skipped")


def _emit(
    x: Extraction,
    fmt: Format,
    out: TextIO,
    console: Console | None,
    records: list[dict[str, object]],
    render: Callable[[Extraction, Console], None],
) -> None:
    if fmt is Format.jsonl:
        out.write(json.dumps(x.to_json(), ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        records.append(x.to_json())
    elif console is not None:
        render(x, console)


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
