"""The embedded store: a DuckDB file of every Extraction, one table per layer.

Why DuckDB: one file, no server, columnar scans for corpus-wide counts, and Arrow in and out.
Writes go in batches, each in ONE transaction, and are idempotent by article id: an article
already stored is replaced (its rows in every child table deleted and written again, its own
row updated), so ingesting
the same corpus twice leaves the same counts. Reads for users (``query``) go through a
read-only connection, so a typo'd ``DELETE`` cannot damage a corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from sitrep import __version__
from sitrep.errors import E, SitrepError
from sitrep.model import Article, Extraction, Skipped, Spans, span_text
from sitrep.options import DEFAULT_MODEL, Options
from sitrep.store.filters import view_sql

Row = dict[str, Any]
CHILD_TABLES = ("actors", "mentions", "times", "places", "quotes", "events", "event_actors")
TABLES = ("articles", *CHILD_TABLES, "runs", "skips")


def knowledge_version() -> str:
    """A short hash of the bundled knowledge files: which lexicons made a run's rows."""
    digest = hashlib.sha1()
    folder = resources.files("sitrep") / "knowledge"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.is_file() and item.name.endswith((".yaml", ".csv", ".tsv")):
            digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:12]


def extractor_key(options: Options) -> str:
    """What made an article's rows: sitrep, the model, the knowledge files and the options that
    change the output. An article stored with another key is extracted again."""
    negated = " negated" if options.negated_events else ""
    return f"sitrep {__version__}; {options.model}; knowledge {knowledge_version()}{negated}"


class Store:
    """One DuckDB file. Open it, ``write`` extractions, ``query`` or read ``rows`` back.

    DuckDB refuses a read-only and a read-write connection to one file in one process, so the
    store holds one connection at a time and switches when a read follows a write.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._read_only = read_only
        if read_only:
            if not self.path.is_file():
                raise SitrepError(E.E017, path=self.path, reason="no such file")
            self._connect(read_only=True)
        else:
            self._writer()

    # -- connections -----------------------------------------------------------------------

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if self._con is not None and self._read_only == read_only:
            return self._con
        self.close()
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise SitrepError(E.E017, path=self.path, reason=_first_line(exc)) from None
        self._read_only = read_only
        if not read_only:
            self._con.execute(_schema())
        return self._con

    def _writer(self) -> duckdb.DuckDBPyConnection:
        return self._connect(read_only=False)

    def _reader(self) -> duckdb.DuckDBPyConnection:
        if self._con is None and not self.path.is_file():
            raise SitrepError(E.E017, path=self.path, reason="no such file")
        return self._con if self._con is not None else self._connect(read_only=True)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        extractions: Iterable[Extraction],
        run_id: int | None = None,
        extractor: str | None = None,
    ) -> int:
        """Store one batch in one transaction, replacing articles already stored; returns the
        number of articles written. A failure rolls the whole batch back.

        A stored article keeps its row, updated in place, while its children are deleted and
        written again: DuckDB cannot delete a referenced parent and insert it again in one
        transaction (see schema.sql)."""
        batch = list({x.article.id: x for x in extractions}.values())  # last one of an id wins
        if not batch:
            return 0
        tables = _tables(batch, run_id, extractor)
        ids = [x.article.id for x in batch]
        con = self._writer()
        con.begin()
        try:
            for name in reversed(CHILD_TABLES):
                con.execute(f"DELETE FROM {name} WHERE list_contains(?, article_id)", [ids])
            found = con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids])
            stored = {row[0] for row in found.fetchall()}
            articles = tables["articles"]
            self._update_articles(con, [r for r in articles if r["id"] in stored])
            self._insert(con, "articles", [r for r in articles if r["id"] not in stored])
            for name in CHILD_TABLES:
                self._insert(con, name, tables[name])
            con.commit()
        except Exception as exc:
            con.rollback()
            raise SitrepError(E.E021, n=len(ids), first=ids[0], reason=_first_line(exc)) from exc
        except BaseException:  # an interrupt: undo, and let it through as it is
            con.rollback()
            raise
        return len(batch)

    def _update_articles(self, con: duckdb.DuckDBPyConnection, rows: list[Row]) -> None:
        """Overwrite the stored rows of these articles (all columns but the key)."""
        if not rows:
            return
        columns = [c for c in rows[0] if c != "id"]
        assignments = ", ".join(f"{c} = _batch.{c}" for c in columns)
        with self._registered(con, rows):
            con.execute(
                f"UPDATE articles SET {assignments} FROM _batch WHERE articles.id = _batch.id"
            )

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
        """Insert ``rows`` through Arrow: one statement per table, not one per row."""
        if not rows:
            return
        with self._registered(con, rows):
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")

    @staticmethod
    @contextmanager
    def _registered(con: duckdb.DuckDBPyConnection, rows: list[Row]) -> Iterator[None]:
        """``rows`` visible to SQL as the relation ``_batch`` for the duration."""
        con.register("_batch", pa.Table.from_pylist(rows))
        try:
            yield
        finally:
            con.unregister("_batch")

    def unchanged(self, article: Article, extractor: str | None = None) -> bool:
        """True when the store already holds ``article`` with the same text, extracted the same
        way (``extractor``, see ``extractor_key``): ingesting it again would write the same
        rows, so a resumed or repeated run passes it by; a new sitrep, model, knowledge or
        option re-extracts it."""
        row = (
            self._writer()
            .execute("SELECT md5(text), extractor FROM articles WHERE id = ?", [article.id])
            .fetchone()
        )
        if row is None or row[0] != hashlib.md5(article.text.encode("utf-8")).hexdigest():
            return False
        return extractor is None or row[1] == extractor

    def start_run(self, inputs: Sequence[str], model: str = DEFAULT_MODEL) -> int:
        """Record that a run began, with the versions that will make its rows; its id."""
        con = self._writer()
        row = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        con.execute(
            "INSERT INTO runs (run_id, started_at, sitrep_version, model, knowledge_version, "
            "inputs) VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, _now(), __version__, model, knowledge_version(), json.dumps(list(inputs))],
        )
        return run_id

    def finish_run(self, run_id: int, extracted: int, skipped: int) -> None:
        self._writer().execute(
            "UPDATE runs SET finished_at = ?, extracted = ?, skipped = ? WHERE run_id = ?",
            [_now(), extracted, skipped, run_id],
        )

    def record_skip(self, run_id: int, skipped: Skipped) -> None:
        """Keep why an input was not extracted, next to the run that met it."""
        self._writer().execute(
            "INSERT INTO skips VALUES (?, ?, ?)", [run_id, skipped.where, skipped.reason]
        )

    # -- reading ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        con = self._reader()
        out: dict[str, int] = {}
        for name in TABLES:
            row = con.execute(f"SELECT count(*) FROM {name}").fetchone()
            out[name] = int(row[0]) if row else 0
        return out

    def stream(
        self, sql: str, params: Sequence[Any] = (), size: int = 1000
    ) -> Iterator[tuple[Any, ...]]:
        """Rows of a read-only query, fetched ``size`` at a time: exports of a large store
        never hold it whole in memory."""
        cursor = self._connect(read_only=True).execute(sql, list(params))
        while chunk := cursor.fetchmany(size):
            yield from chunk

    def query(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run user SQL on a read-only connection: columns and rows of the last statement."""
        if not sql.strip():
            raise SitrepError(E.E019, reason="the query is empty")
        con = self._connect(read_only=True)
        try:
            cursor: duckdb.DuckDBPyConnection | None = con.execute(sql, list(params))
            if cursor is None or not cursor.description:  # None: no statement (only comments)
                return [], []
            rows = cursor.fetchall()
        except duckdb.Error as exc:
            reason = _first_line(exc)
            if "read-only" in reason or "read only" in reason:
                raise SitrepError(E.E018, reason=reason) from None
            raise SitrepError(E.E019, reason=reason) from None
        return [d[0] for d in cursor.description], rows

    def copy(self, sql: str) -> None:
        """Run a ``COPY ... TO`` export: it reads the store and writes only its target file."""
        try:
            self._reader().execute(sql)
        except duckdb.Error as exc:
            raise SitrepError(E.E022, reason=_first_line(exc)) from None

    def rows(
        self,
        view: str,
        actor: str | None = None,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        place: str | int | None = None,
    ) -> Iterator[Row]:
        """Rows of ``view`` ("events", "quotes" or "actors") over the whole store, with the
        columns of ``sitrep.views``. ``actor`` matches an actor id or name, ``type`` the event
        type, quote kind or actor kind, ``place`` a GeoNames id or a place name the article
        mentions; ``since``/``until`` bound the day (inclusive)."""
        made = view_sql(view, actor=actor, type=type, since=since, until=until, place=place)
        if made is None:
            raise SitrepError(E.E020, view=view)
        columns, found = self.query(*made)
        for values in found:
            yield dict(zip(columns, values, strict=True))


def _schema() -> str:
    return (resources.files("sitrep.store") / "schema.sql").read_text(encoding="utf-8")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- Extraction -> table rows ----------------------------------------------------------------


def _bounds(spans: Spans | None) -> tuple[int | None, int | None]:
    """First start and last end of a span list: enough to sort and locate a record."""
    return (spans[0][0], spans[-1][1]) if spans else (None, None)


def _day(value: str | None) -> dt.date | None:
    """The date of a TimeML value when it names one day ("2018-05-17"), else None."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _tables(
    batch: list[Extraction], run_id: int | None, extractor: str | None
) -> dict[str, list[Row]]:
    tables: dict[str, list[Row]] = {name: [] for name in ("articles", *CHILD_TABLES)}
    now = _now()
    for x in batch:
        a = x.article
        tables["articles"].append(
            {"id": a.id, "title": a.title, "published": a.published,
             "published_source": a.published_source, "url": a.url, "source": a.source,
             "author": a.author, "text": a.text, "ingested_at": now, "run_id": run_id,
             "record": _record(x), "extractor": extractor}
        )  # fmt: skip
        _add_entities(x, tables)
        _add_quotes_events(x, tables)
    return tables


def _record(x: Extraction) -> str:
    """The Extraction's JSON record without its text (the ``text`` column holds that once)."""
    rec = x.to_json()
    del rec["text"]
    return json.dumps(rec, ensure_ascii=False)


def _add_entities(x: Extraction, tables: dict[str, list[Row]]) -> None:
    aid = x.article.id
    for actor in x.actors:
        tables["actors"].append(
            {"article_id": aid, "actor_id": actor.id, "name": actor.name,
             "country": actor.country, "sector": actor.sector, "kind": actor.kind,
             "role": actor.role}
        )  # fmt: skip
    for m in x.mentions:
        start, end = _bounds(m.span)
        tables["mentions"].append(
            {"article_id": aid, "actor_id": m.actor_id, "start": start, "end": end, "text": m.text}
        )
    for t in x.times:
        start, end = _bounds(t.span)
        tables["times"].append(
            {"article_id": aid, "start": start, "end": end, "text": t.text, "type": t.type,
             "value": t.value}
        )  # fmt: skip
    for p in x.places:
        start, end = _bounds(p.span)
        tables["places"].append(
            {"article_id": aid, "start": start, "end": end, "text": p.text,
             "geonameid": p.geonameid, "name": p.name, "country": p.country, "lat": p.lat,
             "lon": p.lon, "feature_code": p.feature_code}
        )  # fmt: skip


def _add_quotes_events(x: Extraction, tables: dict[str, list[Row]]) -> None:
    aid, text = x.article.id, x.article.text
    for n, q in enumerate(x.quotes):
        start, end = _bounds(q.content)
        tables["quotes"].append(
            {"article_id": aid, "n": n, "content_start": start, "content_end": end,
             "content": span_text(text, q.content),
             "speaker": span_text(text, q.speaker) if q.speaker else None,
             "speaker_actor": q.speaker_actor,
             "cue": span_text(text, q.cue) if q.cue else None, "kind": q.kind, "date": q.date}
        )  # fmt: skip
    for n, e in enumerate(x.events):
        start, end = _bounds(e.evidence)
        tables["events"].append(
            {"article_id": aid, "n": n, "type": e.type, "mode": e.mode, "cameo": e.cameo,
             "date": e.date, "day": _day(e.date), "place": e.place, "fatalities": e.fatalities,
             "troops": e.troops, "negated": e.negated, "modality": e.modality,
             "confidence": e.confidence, "trigger": span_text(text, e.trigger),
             "evidence": span_text(text, e.evidence), "evidence_start": start,
             "evidence_end": end, "quote": e.quote}
        )  # fmt: skip
        for side, refs in (("source", e.source), ("target", e.target)):
            tables["event_actors"].extend(
                {"article_id": aid, "event_n": n, "side": side, "k": k, "actor_id": r.actor,
                 "text": r.text}
                for k, r in enumerate(refs)
            )  # fmt: skip
