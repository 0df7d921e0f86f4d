from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest.language import looks_english
from sitrep.ingest.sources import read_paths
from sitrep.model import Article, Skipped
from sitrep.options import Options

SPANISH = (
    "El gobierno anunció el lunes nuevas medidas para contener la inflación, que alcanzó su "
    "nivel más alto en dos décadas, según datos publicados por el instituto de estadística."
)
GERMAN = (
    "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation angekündigt, die nach "
    "Angaben des Statistikamts den höchsten Stand seit zwei Jahrzehnten erreicht hat."
)
ENGLISH = (
    "The government announced new measures on Monday to curb inflation, which reached its "
    "highest level in two decades, according to figures from the statistics office."
)


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (SPANISH, False), (GERMAN, False),
                                               ("Kurz gesagt: nein.", True)])  # fmt: skip
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english  # a text too short to judge counts as English


def test_non_english_articles_are_skipped_and_counted(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "es.txt").write_text(SPANISH, encoding="utf-8")
    out = list(read_paths([tmp_path]))
    assert [a.lang for a in out if isinstance(a, Article)] == ["en"]
    (skip,) = [s for s in out if isinstance(s, Skipped)]
    assert skip.where.endswith("es.txt") and "[E015]" in skip.reason
    everything = list(read_paths([tmp_path], options=Options(english_only=False)))
    assert all(isinstance(a, Article) for a in everything) and len(everything) == 2
