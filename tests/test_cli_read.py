"""``quotelens read FILE``: the structure as a table or JSON; bad input is exit 2 and one line."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.cli import main

ROOT = Path(__file__).resolve().parent.parent
GERMAN = ("Die Truppen wurden am Montag an die Grenze geschickt, sagte der Minister. Er betonte, dass die "
          "Gespr\u00e4che fortgesetzt werden sollen und dass beide Seiten Fortschritte gemacht haben.\n")


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        cwd=ROOT, input=stdin, capture_output=True, timeout=120,
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def test_read_prints_the_structure_table(seed_path: Path):
    proc = run_cli("read", str(seed_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    out = proc.stdout
    assert "title       Belarusian Military Training Will Begin as Russia Ramps up Tensions with Ukraine" in out
    assert "author      Ahmed Fathi" in out
    assert "25 paragraphs" in out
    assert re.search(r"^\s+1\s+byline\s+82\s+97\s+3\s+By: Ahmed Fathi$", out, re.M)
    assert re.search(r"^\s+3\s+standfirst\s+181\s+306\s+19\s+Satellite footage reveals", out, re.M)
    assert re.search(r"^  page navigation  top of page$", out, re.M)


def test_read_json_carries_meta_paragraphs_sentences_removed_with_exact_offsets(seed_path: Path):
    proc = run_cli("read", str(seed_path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"meta", "paragraphs", "sentences", "removed", "text"} <= set(data)
    assert data["meta"]["author"] == "Ahmed Fathi"
    assert data["meta"]["n_paragraphs"] == len(data["paragraphs"]) == 25
    assert len(data["meta"]["sha256"]) == 64
    text = data["text"]
    for row in data["paragraphs"] + data["sentences"]:
        assert text[row["start"]:row["end"]] == row["text"]
    assert data["removed"][0] == {"text": "top of page", "reason": "page navigation"}
    assert [p["role"] for p in data["paragraphs"][:4]] == ["title", "byline", "title", "standfirst"]


def _make_bad(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t \r\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "nul.txt").write_bytes(b"text with a \x00 NUL byte")
    (tmp_path / "cp1252.txt").write_bytes("Troops \u2014 said the minister".encode("cp1252"))
    (tmp_path / "big.txt").write_bytes(b"The troops were sent to the border. " * 50)
    (tmp_path / "page.txt").write_text("<!DOCTYPE html><html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "notext.json").write_text('{"title": "T", "byline": "B"}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"text": ', encoding="utf-8")
    (tmp_path / "dir").mkdir()
    t = str(tmp_path)
    return {
        "missing file": (["read", f"{t}/missing.txt"], "missing.txt: file not found"),
        "directory": (["read", f"{t}/dir"], "is a directory"),
        "empty": (["read", f"{t}/empty.txt"], "is empty"),
        "whitespace only": (["read", f"{t}/blank.txt"], "only whitespace"),
        "binary image": (["read", f"{t}/image.txt"], "is a PNG image, not text"),
        "binary NUL": (["read", f"{t}/nul.txt"], "binary file (NUL byte at byte offset 12)"),
        "undecodable": (["read", f"{t}/cp1252.txt"], "not valid UTF-8: byte 0x97 at byte offset 7"),
        "over the limit": (["read", f"{t}/big.txt", "--max-bytes", "1000"], "over the 1.0 kB limit"),
        "html as text": (["read", f"{t}/page.txt"], "holds HTML markup"),
        "json without text": (["read", f"{t}/notext.json"], 'no "text" field'),
        "invalid json": (["read", f"{t}/broken.json"], "is not valid JSON"),
        "unknown encoding": (["read", f"{t}/big.txt", "--encoding", "klingon"], "unknown text encoding"),
        "web address": (["read", "https://example.com/story.html"], "is a web address"),
    }


BAD = ["missing file", "directory", "empty", "whitespace only", "binary image", "binary NUL", "undecodable",
       "over the limit", "html as text", "json without text", "invalid json", "unknown encoding"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, case: str):
    args, expected = _make_bad(tmp_path)[case]
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("quotelens: error: ")
    assert expected in lines[0]
    assert "Traceback" not in proc.stderr


def test_undecodable_names_the_encoding_and_the_way_out(tmp_path: Path):
    args, _ = _make_bad(tmp_path)["undecodable"]
    proc = run_cli(*args)
    assert "UTF-8" in proc.stderr and "line 1, column 8" in proc.stderr
    ok = run_cli(*args, "--encoding", "cp1252")
    assert ok.returncode == 0 and "\u2014" in ok.stdout


def test_non_english_warns_on_one_line_and_succeeds(tmp_path: Path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN, encoding="utf-8")
    proc = run_cli("read", str(path))
    assert proc.returncode == 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("quotelens: warning: ")
    assert "does not look like English" in lines[0]
    assert "1 paragraphs, 2 sentences" in proc.stdout


def test_stdin(seed_path: Path):
    proc = run_cli("read", "-", "--format", "json", stdin=seed_path.read_bytes())
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["meta"]["source"] == "<bytes>" and data["meta"]["author"] == "Ahmed Fathi"


# In-process: the same protocol through helpers.cli.main.

def test_in_process_table_and_json(seed_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["read", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "Ahmed Fathi" in out and "standfirst" in out
    assert main(["read", str(seed_path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["title"].startswith("Belarusian Military Training")


@pytest.mark.parametrize("case", ["missing file", "empty", "binary NUL", "over the limit", "json without text",
                                  "web address"])
def test_in_process_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str):
    args, expected = _make_bad(tmp_path)[case]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("quotelens: error: ")
    assert expected in captured.err


def test_in_process_non_english_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "de.json"
    path.write_text(json.dumps({"title": "Truppen an der Grenze", "text": GERMAN}), encoding="utf-8")
    assert main(["read", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("quotelens: warning: ")


@pytest.mark.parametrize("value", ["0", "-5", "lots"])
def test_bad_max_bytes_is_a_usage_error(seed_path: Path, capsys: pytest.CaptureFixture[str], value: str):
    with pytest.raises(SystemExit) as info:
        main(["read", str(seed_path), "--max-bytes", value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--max-bytes" in err and "Traceback" not in err
