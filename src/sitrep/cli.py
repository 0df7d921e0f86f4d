"""The command line: a thin layer over the Python API. Each command parses its options, calls
one library function and prints; ``SitrepError`` is shown as one line, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitrep import __version__, parse_date
from sitrep.cli_common import (
    DEFAULT_DB,
    BatchSize,
    Db,
    Fields,
    MaxMb,
    Negated,
    Output,
    Paths,
    Published,
    RowFmt,
    RowFormat,
    Tally,
    Workers,
    extractions,
    json_fields,
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
    fields: Fields = None,
    negated: Negated = False,
) -> None:
    """Extract actors, times, places, quotes and events from articles; one record each."""
    with user_errors():
        pub = parse_date(published)
        options = Options(workers=workers, batch_size=batch_size, max_mb=max_mb, published=pub,
                          fields=json_fields(fields), negated_events=negated)  # fmt: skip
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


OptPaths = Annotated[
    list[str] | None,
    typer.Argument(help="Articles to extract now; without them, read the store (--db)."),
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor id, name or country.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Event type, quote or actor kind.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this day, YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="To this day, YYYY-MM-DD.")]
PlaceOpt = Annotated[str | None, typer.Option("--place", help="GeoNames id or place name.")]


def _view_command(view: str, about: str) -> Callable[..., None]:
    """One listing command: rows of ``view`` for the articles given, or from the store."""

    def command(
        paths: OptPaths = None,
        db: Db = DEFAULT_DB,
        actor: ActorOpt = None,
        kind: TypeOpt = None,
        since: SinceOpt = None,
        until: UntilOpt = None,
        place: PlaceOpt = None,
        published: Published = None,
        fmt: RowFmt = RowFormat.table,
        output: Output = None,
    ) -> None:
        from sitrep.store import Store
        from sitrep.views import rows

        with user_errors(), output_to(output) as out:
            if not paths:
                with Store(db, read_only=True) as store:
                    found = store.rows(view, actor=actor, type=kind, since=parse_date(since),
                                       until=parse_date(until), place=place)  # fmt: skip
                    write_rows(found, fmt, out, view)
                return
            if any(v is not None for v in (actor, kind, since, until, place)):
                raise SitrepError(E.E023)
            tally = Tally()
            options = Options(published=parse_date(published))
            write_rows(rows(view, extractions(paths, options, tally)), fmt, out, view)
            tally.close()

    command.__doc__ = about
    return command


app.command("actors")(
    _view_command("actors", "List actors: country, sector, kind, role, mentions.")
)
app.command("quotes")(_view_command("quotes", "List quotes: speaker, cue, kind, date, content."))
app.command("events")(
    _view_command("events", "List events: type, mode, sides, date, place, evidence.")
)


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
