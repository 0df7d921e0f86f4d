"""Shared fixtures: one spaCy pipeline per test session, and the paths of the shared gold data
(tests that read ../shared skip where it is absent, as on a user's machine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from sitrep import nlp as nlp_mod
from sitrep.options import Options
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_TEXT = SHARED / "seed" / "000_ef0aced2dd1d68dd.txt"
SEED_GOLD = SHARED / "seed" / "seed.gold.jsonl"
DEV = SHARED / "data" / "dev"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the clone")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_mod.load(Options().model)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Options())
