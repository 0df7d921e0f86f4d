from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def test_every_command_has_help() -> None:
    group = get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert cmd.help, f"command {name} has no help text"
        for p in cmd.params:
            if p.param_type_name == "option" and p.name != "help":
                assert getattr(p, "help", None), f"{name} --{p.name} has no help"


def test_extract_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Russia and Iran held talks in Moscow on Tuesday.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "2018-05-22"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["published"] == "2018-05-22" and rec["published_source"] == "given"
    assert rec["text"].startswith("Russia")


def test_extract_bad_date_is_one_line_without_traceback(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Some news.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--published", "May 2018"])
    assert res.exit_code == 1
    assert "E009" in res.output and "Traceback" not in res.output


def test_extract_nothing_processable_exits_nonzero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(empty)])
    assert res.exit_code == 1
    assert "E014" in res.output


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_extract_other_formats(tmp_path: Path, fmt: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text("The president said on Monday that talks would resume.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--format", fmt, "--published", "2020-02-05"])
    assert res.exit_code == 0, res.output
    if fmt == "json":
        assert isinstance(json.loads(res.stdout), list)
    else:
        assert "Events" in res.stdout and "Quotes" in res.stdout


def test_bad_inputs_are_reported_and_the_rest_extracted(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Police arrested two men in Nairobi on Friday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "bad.jsonl").write_text(
        '{"id": "ok", "text": "Rebels attacked a convoy."}\n{not json\n{"id": "x"}\n',
        encoding="utf-8",
    )
    res = runner.invoke(app, ["extract", str(tmp_path), "--published", "2020-01-10"])
    assert res.exit_code == 0, res.output
    ids = {json.loads(line)["id"] for line in res.stdout.splitlines() if line.startswith("{")}
    assert "ok" in ids and len(ids) == 2
    expected = [("E002", "empty.txt"), ("E003", "binary.txt"), ("E007", "latin1.txt"),
                ("E004", "big.txt"), ("E005", "bad.jsonl:2"), ("E006", "bad.jsonl:3")]  # fmt: skip
    for code, where in expected:
        line = next((ln for ln in res.stderr.splitlines() if code in ln), "")
        assert where in line, f"{code} not reported for {where}: {res.stderr}"


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    f = tmp_path / "dump.jsonl"
    f.write_text('{"uid": "x1", "body": "Rebels attacked a convoy.", "date": "2020-01-09"}\n',
                 encoding="utf-8")  # fmt: skip
    args = ["extract", str(f), "--field", "text=body", "--field", "id=uid",
            "--field", "published=date"]  # fmt: skip
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["id"] == "x1" and rec["published"] == "2020-01-09"
    plain = runner.invoke(app, ["extract", str(f)])
    assert plain.exit_code == 1 and "'text' field" in plain.stderr
    bad = runner.invoke(app, ["extract", str(f), "--field", "body"])
    assert bad.exit_code == 1 and "E024" in bad.output


def test_progress_total_is_counted_in_the_background(tmp_path: Path) -> None:
    import io
    import time

    from rich.console import Console
    from rich.progress import Progress

    from sitrep.cli_common import count_behind
    from sitrep.options import Options

    (tmp_path / "a.txt").write_text("One short story about the harbour.")
    (tmp_path / "b.jsonl").write_text('{"text": "First."}\n\n{"text": "Second."}\n')
    bar = Progress(console=Console(file=io.StringIO(), force_terminal=True))
    task = bar.add_task("extract", total=None)
    count_behind(bar, task, [str(tmp_path)], Options())
    deadline = time.monotonic() + 10
    while bar.tasks[0].total is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert bar.tasks[0].total == 3
