"""Reading paths, folders, JSONL and stdin; bad input comes out as coded ``Skipped`` records."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pytest

from sitrep.ingest.sources import read_path, read_paths
from sitrep.model import Article, Skipped, content_id
from sitrep.options import Options
from tests.ingest.items import counted, only_articles, only_skips, skip_code

DATA = Path(__file__).resolve().parent.parent / "data"
JSONL = DATA / "articles.jsonl"
DAY = dt.date(2021, 6, 1)


def test_folder_is_recursive_sorted_and_supported_suffixes_only() -> None:
    items = list(read_paths([DATA]))
    sources = [x.source if isinstance(x, Article) else x.where for x in items]
    names = [Path(s.split(":")[0]).relative_to(DATA).as_posix() for s in sources if s]
    assert sorted(set(names), key=names.index) == [
        "articles.jsonl", "nested/second.txt", "page.html", "plain.txt",
    ]  # fmt: skip
    assert len(only_articles(items)) == 2 + 3


def test_jsonl_records_ids_dates_and_bad_lines() -> None:
    items = list(read_path(JSONL))
    good = only_articles(items)
    assert [a.id for a in good] == ["rec-1", content_id(good[1].text)]
    first = good[0]
    assert first.source == f"{JSONL}:1"
    assert first.published == dt.date(2020, 2, 3) and first.published_source == "given"
    assert first.title == "Ashby Opens New Library"
    assert first.url == "https://news.example.org/ashby"
    assert good[1].published is None and good[1].published_source is None
    assert [(s.where, s.reason[1:5]) for s in only_skips(items)] == [
        (f"{JSONL}:3", "E005"), (f"{JSONL}:4", "E005"), (f"{JSONL}:5", "E006"),
        (f"{JSONL}:6", "E006"), (f"{JSONL}:7", "E009"),
    ]  # fmt: skip


def test_caller_date_wins_over_record_and_metadata() -> None:
    items = only_articles(list(read_paths([JSONL, DATA / "page.html"], published=DAY)))
    assert {(a.published, a.published_source) for a in items} == {(DAY, "given")}


def test_options_published_is_the_callers_date() -> None:
    article = only_articles(list(read_path(DATA / "plain.txt", options=Options(published=DAY))))[0]
    assert (article.published, article.published_source) == (DAY, "given")


def test_text_file_is_verbatim_with_chrome_marked() -> None:
    (article,) = only_articles(list(read_path(DATA / "plain.txt")))
    raw = (DATA / "plain.txt").read_text(encoding="utf-8")
    assert article.text == raw
    assert article.id == content_id(raw)
    assert article.source == str(DATA / "plain.txt")
    assert article.published is None
    assert article.title == "Dockworkers Strike Over New Shift Rules"
    marked = [raw[s:e] for s, e in article.boilerplate]
    assert marked == ["Skip to main content", "World", "Share this article", "Advertisement"]
    assert [raw[s : s + 6] for s, _ in article.captions] == ["Photo:"]


def test_html_file_metadata() -> None:
    (article,) = only_articles(list(read_path(DATA / "page.html")))
    assert article.published == dt.date(2021, 3, 4) and article.published_source == "metadata"
    assert article.source == str(DATA / "page.html")


def test_glob_matches_supported_files() -> None:
    items = list(read_path(str(DATA / "*.t*")))
    assert [x.source for x in only_articles(items)] == [str(DATA / "plain.txt")]


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E002"),
        ("blank.txt", b"  \n\n\t\n", "E002"),
        ("binary.txt", b"GIF89a\x00\x01\x02\x00\xff", "E003"),
        ("latin1.txt", "Caf\u00e9 owners protested.".encode("latin-1"), "E007"),
        ("notes.md", b"Some notes.", "E008"),
        ("empty.jsonl", b"", "E002"),
    ],
)
def test_bad_files_are_skipped_with_codes(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    (item,) = counted([_write(tmp_path, name, data)])
    assert isinstance(item, Skipped) and item.where == str(tmp_path / name)
    assert skip_code(item) == code


def test_missing_path_is_e001(tmp_path: Path) -> None:
    (item,) = counted([tmp_path / "nowhere.txt"])
    assert skip_code(item) == "E001"


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB on paper, nothing written
    started = time.perf_counter()
    (item,) = list(read_path(path))
    assert time.perf_counter() - started < 1.0
    assert skip_code(item) == "E004"
    assert "50.0 MB" in item.reason


def test_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    _write(tmp_path, "a_empty.txt", b"")
    _write(tmp_path, "b_good.txt", b"The river rose by two metres overnight.")
    _write(tmp_path, "c_binary.html", b"\x00\x00\x00")
    _write(tmp_path, ".hidden.txt", b"Hidden files are passed over.")
    items = counted([tmp_path])
    assert [type(x).__name__ for x in items] == ["Skipped", "Article", "Skipped"]


def test_jsonl_line_over_limit_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    long_text = "word " * 400
    lines = [f'{{"id": "long", "text": "{long_text}"}}', '{"id": "short", "text": "Rain fell."}']
    path = _write(tmp_path, "two.jsonl", "\n".join(lines).encode())
    items = counted([path], Options(max_mb=0.001))
    assert skip_code(items[0]) == "E004" and items[0].where == f"{path}:1"
    assert isinstance(items[1], Article) and items[1].id == "short"


def test_jsonl_invalid_utf8_and_nul_lines(tmp_path: Path) -> None:
    data = b'{"text": "caf\xe9"}\n{"text": "a\x00b"}\n{"id": 7, "text": "Snow closed the pass."}\n'
    items = counted([_write(tmp_path, "mixed.jsonl", data)])
    assert [skip_code(x) for x in items[:2]] == ["E007", "E003"]
    assert isinstance(items[2], Article) and items[2].id == "7"


def test_jsonl_deep_nesting_and_lone_surrogates(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    half_emoji = b'{"id": "s", "text": "Fans cheered \\ud83d loudly."}'
    items = list(read_path(_write(tmp_path, "odd.jsonl", deep + b"\n" + half_emoji)))
    assert skip_code(items[0]) == "E005"
    assert isinstance(items[1], Article) and items[1].text == "Fans cheered \ufffd loudly."


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = b"Talks Resume In Geneva\n\nNegotiators met again on Monday.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (article,) = list(read_path("-"))
    assert isinstance(article, Article)
    assert article.source == "<stdin>" and article.title == "Talks Resume In Geneva"


def test_stdin_over_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2_000)))
    (item,) = list(read_path("-", options=Options(max_mb=0.001)))
    assert skip_code(item) == "E004"


def test_gzipped_jsonl_and_a_truncated_one(tmp_path: Path) -> None:
    import gzip
    import json

    lines = "".join(
        json.dumps({"id": f"r{i}", "text": f"Story number {i} about the river towns."}) + "\n"
        for i in range(200)
    ).encode("utf-8")
    whole = tmp_path / "dump.jsonl.gz"
    whole.write_bytes(gzip.compress(lines))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress(lines)[:-40])
    garbled = bytearray(gzip.compress(lines))
    garbled[200:240] = b"\xff" * 40
    bad = tmp_path / "garbled.jsonl.gz"
    bad.write_bytes(bytes(garbled))
    assert skip_code(counted([bad])[-1]) == "E016"  # garbled: reported, counted alike
    out = counted([whole, cut])
    from_whole = [a for a in out if isinstance(a, Article) and a.source.startswith(str(whole))]
    assert [a.id for a in from_whole] == [f"r{i}" for i in range(200)]
    skipped = [s for s in out if isinstance(s, Skipped)]
    assert len(skipped) == 1 and skipped[0].where == str(cut) and "truncated" in skipped[0].reason
    assert any(isinstance(a, Article) and str(cut) in (a.source or "") for a in out)
