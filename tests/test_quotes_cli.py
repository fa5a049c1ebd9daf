"""``quotelens quotes``: JSON Lines / CSV of the seed article's quotes, overrides, clean errors."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.overrides import OVERRIDE_COLUMNS, format_override

ROOT = Path(__file__).resolve().parent.parent
SEED_REL = "data/raw/belarus_drills_article.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "quotes", *args],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=180)


def _no_nan(name: str):
    raise AssertionError(f"{name} is not JSON")


def records(stdout: str) -> list[dict]:
    return [json.loads(line, parse_constant=_no_nan) for line in stdout.splitlines()]


@pytest.fixture(scope="module")
def seed_article(seed_path):
    from helpers.article import read_article

    return read_article(seed_path)


@pytest.fixture(scope="module")
def seed_quotes(seed_article):
    from helpers.quotes import extract_quotes

    return extract_quotes(seed_article)


@pytest.fixture(scope="module")
def seed_jsonl() -> subprocess.CompletedProcess:
    return run(SEED_REL, "--no-overrides")


@pytest.fixture
def quoteless(tmp_path) -> Path:
    path = tmp_path / "weather.txt"
    path.write_text("Weather Report\n\nThe weather in Minsk was mild on Tuesday.\n\n"
                    "Shops opened as usual and the trams ran on time.\n", encoding="utf-8")
    return path


def test_jsonl_has_one_json_object_per_quote_with_doc_and_offsets(seed_jsonl, seed_article, seed_quotes):
    from helpers.quotes import QUOTE_COLUMNS

    assert seed_jsonl.returncode == 0, seed_jsonl.stderr
    rows = records(seed_jsonl.stdout)
    assert len(rows) == len(seed_quotes) > 0
    for row, quote in zip(rows, seed_quotes.itertuples()):
        assert set(QUOTE_COLUMNS) <= set(row)
        assert row["doc"] == SEED_REL, "doc is the path as given"
        assert row["article_sha256"] == seed_article.meta["sha256"]
        assert seed_article.text[row["start"]:row["end"]] == row["text"] == quote.text
        assert (row["kind"], row["speaker"]) == (quote.kind, quote.speaker)
        assert row["overridden"] is False
        assert isinstance(row["confidence"], float) and 0 <= row["confidence"] <= 1
        assert row["cue_start"] is None or isinstance(row["cue_start"], int)
    assert [r["quote_id"] for r in rows] == list(range(len(rows)))


def test_missing_values_come_out_as_null(seed_jsonl):
    assert "NaN" not in seed_jsonl.stdout and "<NA>" not in seed_jsonl.stdout
    rows = records(seed_jsonl.stdout)
    assert any(v is None for row in rows for v in row.values()), "addressee is rarely named: expect nulls"


def test_csv_has_a_header_and_the_same_quotes(seed_quotes):
    proc = run("--format", "csv", "--no-overrides", SEED_REL)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == len(seed_quotes)
    assert list(rows[0])[:2] == ["doc", "article_sha256"]
    assert [(int(r["start"]), int(r["end"]), r["text"]) for r in rows] == list(
        zip(seed_quotes.start, seed_quotes.end, seed_quotes.text))


def test_several_paths_each_with_its_doc_and_a_note_for_an_article_without_quotes(quoteless, seed_quotes):
    other = str(ROOT / SEED_REL)
    proc = run(SEED_REL, str(quoteless), other)
    assert proc.returncode == 0, proc.stderr
    docs = [r["doc"] for r in records(proc.stdout)]
    assert docs == [SEED_REL] * len(seed_quotes) + [other] * len(seed_quotes)
    notes = proc.stderr.strip().splitlines()
    assert notes == [f"quotelens: note: no quotes found in {quoteless}"]


def test_an_article_without_quotes_gives_nothing_or_a_bare_header(quoteless):
    jsonl = run(str(quoteless))
    assert (jsonl.returncode, jsonl.stdout) == (0, "")
    assert "no quotes found" in jsonl.stderr
    table = run("--format", "csv", str(quoteless))
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("doc,article_sha256,quote_id,")


def test_overrides_are_applied_and_reported(tmp_path, seed_path, seed_quotes):
    sha = hashlib.sha256(seed_path.read_bytes()).hexdigest()
    first, second = seed_quotes.iloc[0], seed_quotes.iloc[1]
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        ",".join(OVERRIDE_COLUMNS) + "\n"
        + format_override(sha, first.start, first.end, "speaker", speaker="Jane Doe", note="checked")
        + format_override(sha, second.start, second.end, "drop")
        + format_override(sha, 0, 1, "drop", note="stale"),
        encoding="utf-8")
    proc = run("--overrides", str(overrides), SEED_REL)
    assert proc.returncode == 0, proc.stderr
    rows = records(proc.stdout)
    assert len(rows) == len(seed_quotes) - 1
    assert rows[0]["speaker"] == "Jane Doe" and rows[0]["overridden"] is True
    assert "checked" in rows[0]["override_note"]
    assert "line 4" in proc.stderr and "matches no quote" in proc.stderr
    plain = records(run("--no-overrides", SEED_REL).stdout)
    assert len(plain) == len(seed_quotes)


@pytest.mark.parametrize(
    "args, message",
    [
        (["no/such/article.txt"], "no such article file: no/such/article.txt"),
        (["data/raw"], "not a file: data/raw"),
        (["--overrides", "missing.csv", SEED_REL], "overrides file not found: missing.csv"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(args, message):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"quotelens: error: {message}")


def test_a_bad_overrides_file_names_its_line(tmp_path):
    bad = tmp_path / "overrides.csv"
    bad.write_text("# notes\n" + ",".join(OVERRIDE_COLUMNS) + "\n" + "a" * 64 + ",1,5,rename,,,\n", encoding="utf-8")
    proc = run("--overrides", str(bad), SEED_REL)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "line 3: unknown action 'rename'" in proc.stderr


def test_a_bad_path_after_good_ones_fails_before_any_output():
    proc = run(SEED_REL, "nope.txt")
    assert proc.returncode == 2 and proc.stdout == "" and "nope.txt" in proc.stderr


def test_help_lists_the_options():
    proc = subprocess.run([sys.executable, "-m", "helpers", "quotes", "--help"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0
    for option in ("--format", "--overrides", "--no-overrides"):
        assert option in proc.stdout


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\xff\xfe binary" * 20], ids=["empty", "binary"])
def test_an_unreadable_article_is_one_line_exit_2(tmp_path, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    proc = run(str(path))
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert len(lines) == 1 and lines[0].startswith("quotelens: error: ") and str(path) in lines[0]
