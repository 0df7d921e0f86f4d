"""The README's promises are checked: its set-up commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Set up.*?```sh\n(.*?)```", readme, re.S)
    assert block, "README has no Set up code block"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


def test_readme_starts_with_exactly_two_setup_commands() -> None:
    assert len(_setup_commands()) == 2


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci


def test_readme_sample_exists() -> None:
    main_job = _setup_commands()[0]
    sample = re.search(r"(examples/\S+)", main_job)
    assert sample and (ROOT / sample.group(1)).is_file()
