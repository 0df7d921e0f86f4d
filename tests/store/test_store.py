"""The store on synthetic Extractions (no spaCy): idempotent writes, atomic batches, read-only
queries, filtered rows."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from sitrep.errors import SitrepError
from sitrep.model import (
    Actor,
    ActorRef,
    Article,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    Skipped,
    TimeRef,
    span_of,
)
from sitrep.store import TABLES, Store
from sitrep.store.export import ExportFormat, export, export_tables

TEXT = "Russia attacked Ukraine in Kyiv on Tuesday. Putin said: 'We will win.'"


def make(article_id: str = "a1", text: str = TEXT, n_events: int = 1) -> Extraction:
    """A small but complete Extraction: every layer has a record."""
    ru = Actor("ru", "Russia", "RU", "government", "state")
    ua = Actor("ua", "Ukraine", "UA", "government", "state")
    putin = Actor("putin", "Vladimir Putin", "RU", "government", "person", role="president")
    event = Event(
        type="ASSAULT", mode="aerial", cameo="195",
        source=(ActorRef(span_of(0, 6), "Russia", "ru"),),
        target=(ActorRef(span_of(16, 23), "Ukraine", "ua"),),
        evidence=span_of(0, 43), trigger=span_of(7, 15), date="2022-03-01", place=703448,
        fatalities=3,
    )  # fmt: skip
    return Extraction(
        article=Article(article_id, text, title="War", published=dt.date(2022, 3, 2)),
        actors=(ru, ua, putin),
        mentions=(Mention(span_of(0, 6), "Russia", "ru"), Mention(span_of(16, 23), "Ukraine", "ua"),
                  Mention(span_of(44, 49), "Putin", "putin")),
        times=(TimeRef(span_of(35, 42), "Tuesday", "DATE", "2022-03-01"),),
        places=(Place(span_of(27, 31), "Kyiv", 703448, "Kyiv", "UA", 50.45, 30.52, "PPLC"),),
        quotes=(Quote(span_of(57, 68), span_of(50, 54), span_of(44, 49), "putin", "direct",
                      "2022-03-01"),),
        events=tuple(replace(event, fatalities=k + 3) for k in range(n_events)),
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.duckdb")


def test_schema_applies_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write([make()])
    with Store(path) as s:  # second open applies the schema again over existing tables
        assert s.counts()["articles"] == 1
        assert s.query("SELECT count(*) FROM events_by_dyad_day")[1] == [(1,)]


def test_same_extraction_twice_gives_identical_counts(store: Store) -> None:
    store.write([make(), make("a2")])
    first = store.counts()
    store.write([make(), make("a2")])
    assert store.counts() == first
    assert first["articles"] == 2 and first["events"] == 2 and first["event_actors"] == 4
    assert first["mentions"] == 6 and first["quotes"] == 2 and first["places"] == 2


def test_duplicate_article_in_one_batch_is_written_once(store: Store) -> None:
    assert store.write([make(), make(n_events=2)]) == 1
    assert store.counts()["events"] == 2


def test_changed_article_replaces_its_rows(store: Store) -> None:
    store.write([make(n_events=3), make("other")])
    changed = make(n_events=1, text=TEXT + " Later more.")
    store.write([changed])
    counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] == 2 and counts["event_actors"] == 4
    _, rows = store.query("SELECT text FROM articles WHERE id = 'a1'")
    assert rows == [(TEXT + " Later more.",)]


def _fail_inserting(monkeypatch: pytest.MonkeyPatch, failing_table: str) -> None:
    """Make ``Store._insert`` fail ("disk full") on ``failing_table``, mid-transaction."""
    original = Store._insert

    def failing(self: Store, con: duckdb.DuckDBPyConnection, table: str, rows: list) -> None:  # type: ignore[type-arg]
        if table == failing_table:
            raise RuntimeError("disk full")
        original(self, con, table, rows)

    monkeypatch.setattr(Store, "_insert", failing)


def test_foreign_keys_refuse_orphans(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write([make()])
    con = duckdb.connect(str(path))
    try:
        with pytest.raises(duckdb.ConstraintException, match="foreign key"):
            con.execute(
                "INSERT INTO events (article_id, n, type, negated) VALUES ('nope', 0, 'AID', false)"
            )
        with pytest.raises(duckdb.ConstraintException, match="foreign key"):
            con.execute("DELETE FROM articles WHERE id = 'a1'")  # its children still refer to it
    finally:
        con.close()


def test_failed_replacement_keeps_the_old_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write([make(n_events=2)])
    before = store.counts()
    _fail_inserting(monkeypatch, "event_actors")
    with pytest.raises(SitrepError, match="E021"):
        store.write([make(text=TEXT + " Changed.", n_events=1)])
    monkeypatch.undo()
    assert store.counts() == before
    assert store.query("SELECT text FROM articles")[1] == [(TEXT,)]


def test_failed_batch_stores_nothing(store: Store) -> None:
    store.write([make("kept")])
    before = store.counts()
    bad = make("bad")
    bad = replace(bad, events=(replace(bad.events[0], fatalities="many"),))  # type: ignore[arg-type]
    with pytest.raises(SitrepError, match="E021"):
        store.write([make("good"), make("kept", n_events=5), bad])
    assert store.counts() == before
    _, ids = store.query("SELECT id FROM articles")
    assert ids == [("kept",)]


def test_failure_after_some_inserts_rolls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_inserting(monkeypatch, "events")
    with pytest.raises(SitrepError, match=r"E021.*disk full"):
        store.write([make()])
    monkeypatch.undo()
    assert all(n == 0 for n in store.counts().values())


def test_query_is_read_only(store: Store) -> None:
    store.write([make()])
    with pytest.raises(SitrepError, match="E018"):
        store.query("INSERT INTO skips VALUES (1, 'x', 'y')")
    with pytest.raises(SitrepError, match="E018"):
        store.query("DELETE FROM articles")
    for bad in ("SELECT nope FROM articles", "  "):
        with pytest.raises(SitrepError, match="E019"):
            store.query(bad)
    assert store.query("-- nothing but a comment") == ([], [])
    assert store.counts()["articles"] == 1
    store.write([make("a2")])  # writing again after a read reopens the writer
    assert store.counts()["articles"] == 2


def test_runs_and_skips(store: Store) -> None:
    run = store.start_run(["corpus/"])
    store.write([make()], run)
    store.record_skip(run, Skipped("x.txt", "[E002] x.txt: empty input"))
    store.finish_run(run, extracted=1, skipped=1)
    assert store.start_run(["again"]) == run + 1
    _, rows = store.query("SELECT extracted, skipped, inputs FROM runs WHERE run_id = ?", [run])
    assert rows == [(1, 1, '["corpus/"]')]
    assert store.counts()["skips"] == 1


def test_rows_filters(store: Store) -> None:
    later = make("a2")
    later = replace(later, events=(replace(later.events[0], type="CONSULT", date="2022-04-10"),))
    store.write([make(), later])
    assert len(list(store.rows("events"))) == 2
    (row,) = store.rows("events", type="CONSULT")
    assert row["source"] == "Russia" and row["target_country"] == "UA"
    assert len(list(store.rows("events", actor="Ukraine"))) == 2
    assert len(list(store.rows("events", actor="putin"))) == 0
    assert len(list(store.rows("events", since=dt.date(2022, 4, 1)))) == 1
    assert len(list(store.rows("events", until=dt.date(2022, 3, 31)))) == 1
    assert len(list(store.rows("events", place="kyiv"))) == 2
    assert len(list(store.rows("events", place=1))) == 0
    quotes = list(store.rows("quotes", actor="Vladimir Putin", since=dt.date(2022, 3, 1)))
    assert len(quotes) == 2 and not list(store.rows("quotes", until=dt.date(2022, 2, 28)))
    quote = quotes[0]
    assert quote["content"] == "We will win" and quote["speaker_country"] == "RU"
    actors = list(store.rows("actors", type="person"))
    assert [a["name"] for a in actors] == ["Vladimir Putin"] * 2 and actors[0]["mentions"] == 1
    with pytest.raises(SitrepError, match="E020"):
        list(store.rows("nonsense"))


def test_dyad_and_speaker_views(store: Store) -> None:
    store.write([make(), make("a2")])
    _, dyads = store.query("SELECT * FROM events_by_dyad_day")
    assert dyads == [(dt.date(2022, 3, 1), "ASSAULT", "RU", "UA", 2, 2)]
    _, speakers = store.query("SELECT speaker_actor, n_quotes, n_articles FROM quotes_by_speaker")
    assert speakers == [("putin", 2, 2)]


def test_read_only_store_of_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="E017"):
        Store(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize("fmt", [ExportFormat.parquet, ExportFormat.csv])
def test_export_tables(store: Store, tmp_path: Path, fmt: ExportFormat) -> None:
    store.write([make(), make("a2")])
    store.close()
    with Store(store.path, read_only=True) as reader:
        files = export_tables(reader, tmp_path / "out's", fmt)
    assert [f.stem for f in files] == list(TABLES) and all(f.is_file() for f in files)
    events = next(f for f in files if f.stem == "events")
    sql = f"SELECT count(*) FROM read_{fmt.value}(?)"
    assert duckdb.execute(sql, [str(events)]).fetchall() == [(2,)]


def test_export_to_a_file_path_fails_cleanly(store: Store, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    with pytest.raises(SitrepError, match="E022"):
        store.copy(f"COPY articles TO '{tmp_path / 'taken' / 'x.csv'}' (FORMAT csv)")


def test_happenings_count_articles_and_sources(store: Store) -> None:
    """One attack told by three articles from two outlets is one happening."""
    hosts = ["news.example.org", "news.example.org", "wire.example.net"]
    wire = []
    for i, host in enumerate(hosts):
        x = make(f"w{i}")
        wire.append(replace(x, article=replace(x.article, url=f"https://{host}/story/{i}")))
    store.write(wire)
    _, rows = store.query(
        "SELECT type, source_countries, target_countries, n_articles, n_sources, len(evidence) "
        "FROM happenings"
    )
    assert rows == [("ASSAULT", "RU", "UA", 3, 2, 3)]


def test_export_extractions_and_plover_events(store: Store, tmp_path: Path) -> None:
    x = make()
    store.write([x, make("a2")])
    store.close()
    with Store(store.path, read_only=True) as reader:
        (jsonl,) = export(reader, tmp_path, ExportFormat.jsonl)
        (plover,) = export(reader, tmp_path, ExportFormat.plover)
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records[0] == json.loads(json.dumps(x.to_json()))  # the record, text included
    events = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 2
    e = events[0]
    assert e["id"] == "a1-0" and e["event"] == ["ASSAULT"] and e["date"] == "2022-03-01"
    assert e["actor"] == [{"name": "Russia", "code": "RU", "agent": "government"}]
    assert e["recipient"][0]["name"] == "Ukraine" and e["event_loc"] == {"geonameid": 703448}
