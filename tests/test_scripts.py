"""The maintainer scripts under scripts/ that the tests can run without their source data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from sitrep.scoring import load_gold

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXT = "The mayor said the bridge would reopen. Critics doubt it."
# A BRAT file as PolNeAR writes one: spans, then an event joining an attribution's roles; the
# second attribution has no source and a content in two pieces.
BRAT = "\n".join(
    [
        "T1\tSource 0 9\tThe mayor",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 38\tthe bridge would reopen",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tCue 48 53\tdoubt",
        "T6\tContent 40 47;54 56\tCritics it",
        "T7\tAttribution 48 53\tdoubt",
        "E2\tAttribution:T7 Content:T6 Cue:T5",
    ]
)


@pytest.fixture
def split(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "train"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a_story.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "a_story_ab12.ann").write_text(BRAT, encoding="utf-8")
    (folder / "attributions" / "a_story_cd34.ann").write_text("", encoding="utf-8")
    meta = "compartment\tfilename\tpublication_date\ntrain\ta_story\t2016-05-01\n"
    (tmp_path / "data" / "metadata.tsv").write_text(meta, encoding="utf-8")
    return folder


def test_polnear_split_becomes_gold_records(split: Path) -> None:
    (record,) = _script("polnear_gold").records(split)
    assert (record["id"], record["published"], record["layers"]) == (
        "a_story",
        "2016-05-01",
        ["quotes"],
    )
    said, doubt = record["quotes"]
    assert [TEXT[s:e] for s, e in said["content"]] == ["the bridge would reopen"]
    assert [TEXT[s:e] for s, e in said["speaker"]] == ["The mayor"]
    assert [TEXT[s:e] for s, e in doubt["content"]] == ["Critics", "it"]
    assert doubt["speaker"] is None


def test_polnear_converter_output_loads_as_gold(
    split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _script("polnear_gold").main([str(split)]) == 0
    out = tmp_path / "gold.jsonl"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    (gold,) = load_gold(out)
    assert len(gold.quotes) == 2 and json.loads(out.read_text())["id"] == "a_story"


def test_polnear_converter_refuses_a_folder_without_attributions(tmp_path: Path) -> None:
    assert _script("polnear_gold").main([str(tmp_path)]) == 2
