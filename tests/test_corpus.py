"""The bundled sample corpus end to end: every kind of input in, one consistent store out."""

from __future__ import annotations

from pathlib import Path

from sitrep.ingest.sources import read_paths
from sitrep.model import Extraction, Skipped
from sitrep.pipeline import Pipeline
from sitrep.store import Store

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def test_sample_corpus_into_a_store(pipeline: Pipeline, tmp_path: Path) -> None:
    results = list(pipeline.run(read_paths([CORPUS])))
    done = [r for r in results if isinstance(r, Extraction)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    # 12 txt + 6 html + 10 jsonl + 4 rss items (one read through its saved page), less the
    # Spanish one
    assert len(done) == 31
    assert [s.reason[:6] for s in skipped] == ["[E015]"]
    kinds = {Path((x.article.source or "").split(":")[0].split("#")[0]).suffix for x in done}
    assert kinds == {".txt", ".html", ".jsonl", ".rss"}
    poland = next(x.article for x in done if x.article.id == "meridian-2024-08-06-0115")
    assert poland.source == str(CORPUS / "feed" / "pages" / "poland-troops-belarus-border.html")

    with Store(tmp_path / "corpus.duckdb") as store:
        store.write(done)
        store.write(done)  # again: nothing doubles
        assert store.counts()["articles"] == 31
        _, rows = store.query(
            "SELECT n_articles FROM events_by_dyad_day "
            "WHERE type = 'COERCE' AND source_country = 'KAZ' AND date = DATE '2024-03-12'"
        )
    assert rows and rows[0][0] >= 2  # one arrest, reported by several outlets
