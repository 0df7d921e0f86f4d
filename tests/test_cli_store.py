"""The store commands end to end on a tiny folder, with the session pipeline handed in."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from sitrep import cli_store
from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.store import Store

runner = CliRunner()
ARTICLES = {
    "a.txt": "Russia and Iran held talks in Moscow on Tuesday.",
    "b.txt": "Police arrested two men in Nairobi on Friday, the ministry said.",
    "c.txt": "Rebels attacked a convoy near Goma, killing three soldiers.",
}


@pytest.fixture
def app(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    """A fresh app with only the store commands, extracting with the session pipeline."""

    def session_pipeline(options: Options) -> Pipeline:
        return pipeline

    monkeypatch.setattr(cli_store, "_pipeline", session_pipeline)
    new = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    cli_store.register(new)
    return new


def _counts(output: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for m in re.finditer(r"│ (\w+)\s+│\s*(\d+)\s*│", output)}


def test_every_store_command_has_help(app: typer.Typer) -> None:
    group = get_command(app)
    assert set(group.commands) == {"ingest", "stats", "query", "export"}  # type: ignore[attr-defined]
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert cmd.help, f"command {name} has no help text"
        for p in cmd.params:
            if p.name != "help":
                assert getattr(p, "help", None), f"{name} {p.name} has no help"


def test_ingest_twice_gives_same_counts(app: typer.Typer, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    args = ["ingest", str(corpus), "--db", db, "--published", "2020-01-10", "--commit-every", "2"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    counts = _counts(first.stdout)
    assert counts["articles"] == 3 and counts["skips"] == 1 and counts["runs"] == 1
    again = _counts(second.stdout)
    assert again["runs"] == 2 and again["skips"] == 2
    assert {k: v for k, v in again.items() if k not in ("runs", "skips")} == {
        k: v for k, v in counts.items() if k not in ("runs", "skips")
    }

    stats = runner.invoke(app, ["stats", "--db", db])
    assert stats.exit_code == 0, stats.output
    assert "Runs" in stats.stdout and _counts(stats.stdout)["articles"] == 3
    assert re.search(r"│ E002 │ 1\s+│ \S*empty\.txt", stats.stdout), stats.stdout

    res = runner.invoke(app, ["query", "SELECT id, published FROM articles", "--db", db,
                              "--format", "jsonl"])  # fmt: skip
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 3 and rows[0]["published"] == "2020-01-10"


def test_query_refuses_writes_and_missing_store(app: typer.Typer, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["query", "SELECT 1", "--db", str(tmp_path / "no.duckdb")])
    assert missing.exit_code == 1 and "E017" in missing.output
    Store(tmp_path / "s.duckdb").close()
    res = runner.invoke(app, ["query", "DELETE FROM articles", "--db", str(tmp_path / "s.duckdb")])
    assert res.exit_code == 1 and "E018" in res.output and "Traceback" not in res.output
    empty = runner.invoke(
        app, ["query", "SELECT id FROM articles", "--db", str(tmp_path / "s.duckdb"), "-f", "csv"]
    )
    assert empty.exit_code == 0 and empty.stdout.strip() == "id"


def test_listings_read_the_store_with_filters(app: typer.Typer, tmp_path: Path) -> None:
    from sitrep.cli import app as main_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    res = runner.invoke(main_app, ["events", "--db", db, "--actor", "irn", "-f", "jsonl"])
    assert res.exit_code == 0, res.output
    found = [json.loads(line) for line in res.stdout.splitlines()]
    assert found and all("IRN" in (e["source_country"] + e["target_country"]) for e in found)
    res = runner.invoke(main_app, ["events", "--db", db, "--type", "ASSAULT", "-f", "jsonl"])
    assert [json.loads(line)["type"] for line in res.stdout.splitlines()] == ["ASSAULT"]


def test_filters_need_the_store(tmp_path: Path) -> None:
    from sitrep.cli import app as main_app

    f = tmp_path / "a.txt"
    f.write_text("Rebels attacked a convoy.", encoding="utf-8")
    res = runner.invoke(main_app, ["events", str(f), "--type", "ASSAULT"])
    assert res.exit_code == 1 and "E023" in res.output


def test_export_writes_one_parquet_file_per_table(app: typer.Typer, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLES["c.txt"], encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["export", str(tmp_path / "out"), "--db", db])
    assert res.exit_code == 0, res.output
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "out" / "events.parquet").num_rows >= 1


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def test_a_second_run_passes_unchanged_articles_by(app: typer.Typer, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    args = ["ingest", str(_corpus(tmp_path)), "--db", db]
    assert runner.invoke(app, args).exit_code == 0
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "3 already stored unchanged" in second.stderr
    with Store(db, read_only=True) as store:
        _, runs = store.query("SELECT extracted FROM runs ORDER BY run_id")
    assert [r[0] for r in runs] == [3, 0]
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0 and "unchanged" not in forced.stderr


def test_an_interrupted_run_resumes_without_duplicates(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed after its first batch: the rerun stores the rest, and the store equals
    the store of a clean run."""
    clean, broken = str(tmp_path / "clean.duckdb"), str(tmp_path / "broken.duckdb")
    corpus = str(_corpus(tmp_path))
    assert runner.invoke(app, ["ingest", corpus, "--db", clean]).exit_code == 0

    real_write, calls = Store.write, []

    def dies_on_second_batch(self: Store, extractions: Any, *args: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # what Ctrl-C raises mid-run
        return real_write(self, extractions, *args)

    monkeypatch.setattr(Store, "write", dies_on_second_batch)
    runner.invoke(app, ["ingest", corpus, "--db", broken, "--commit-every", "1"])
    monkeypatch.setattr(Store, "write", real_write)
    with Store(broken, read_only=True) as store:
        assert store.counts()["articles"] == 1
    assert runner.invoke(app, ["ingest", corpus, "--db", broken]).exit_code == 0
    with Store(clean, read_only=True) as a, Store(broken, read_only=True) as b:
        ca, cb = a.counts(), b.counts()
    assert {k: v for k, v in ca.items() if k != "runs"} == {
        k: v for k, v in cb.items() if k != "runs"
    }


def test_a_feeds_pages_replace_its_summaries(app: typer.Typer, tmp_path: Path) -> None:
    """The feed alone first, then the feed with a saved page: the story is stored once, with
    the page's text (the page takes the entry's id)."""
    feed = tmp_path / "wire.rss"
    feed.write_text(
        "<rss><channel><item><title>Talks In Moscow</title><guid>wire-1</guid>"
        "<link>https://wire.example.org/2020/talks-in-moscow-resume</link>"
        "<description>Russia and Iran held talks.</description></item></channel></rss>",
        encoding="utf-8",
    )
    page = tmp_path / "talks-in-moscow-resume.html"
    page.write_text(
        "<html><body><article><p>Russia and Iran held talks in Moscow on Tuesday, and the two "
        "foreign ministers agreed to meet again in Tehran next month.</p></article></body></html>",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", str(feed), "--db", db]).exit_code == 0
    both = runner.invoke(app, ["ingest", str(feed), str(page), "--db", db])
    assert both.exit_code == 0, both.output
    assert _counts(both.stdout)["articles"] == 1
    with Store(db, read_only=True) as store:
        _, rows = store.query("SELECT id, text, url FROM articles")
    assert rows[0][0] == "wire-1" and "Tehran next month" in rows[0][1]
    assert rows[0][2] == "https://wire.example.org/2020/talks-in-moscow-resume"


def test_a_new_extractor_re_extracts_stored_articles(app: typer.Typer, tmp_path: Path) -> None:
    """Stored unchanged under the same extractor: passed by; asked with other options
    (--negated): extracted again, and still stored once."""
    corpus, db = str(_corpus(tmp_path)), str(tmp_path / "s.duckdb")
    assert runner.invoke(app, ["ingest", corpus, "--db", db]).exit_code == 0
    again = runner.invoke(app, ["ingest", corpus, "--db", db])
    assert "already stored unchanged" in again.stderr
    other = runner.invoke(app, ["ingest", corpus, "--db", db, "--negated"])
    assert other.exit_code == 0 and "already stored unchanged" not in other.stderr
    assert _counts(other.stdout)["articles"] == _counts(again.stdout)["articles"]
