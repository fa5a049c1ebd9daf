"""Analyst overrides: each action on the seed article's real quotes, strict loading, file never written."""
from __future__ import annotations

import hashlib
import io
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import QuoteLensError
from helpers.overrides import (
    LOADED_COLUMNS,
    OVERRIDE_COLUMNS,
    OverrideWarning,
    apply_overrides,
    format_override,
    load_overrides,
)
from helpers.paths import DEFAULT_OVERRIDES

HEADER = ",".join(OVERRIDE_COLUMNS) + "\n"


@pytest.fixture(scope="module")
def seed_sha(seed_path: Path) -> str:
    return hashlib.sha256(seed_path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def seed_quotes(seed_path: Path) -> pd.DataFrame:
    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    quotes = extract_quotes(read_article(seed_path))
    assert len(quotes) >= 3, "the seed article has many quotes"
    return quotes


def _load(text: str) -> pd.DataFrame:
    return load_overrides(io.StringIO(text))


def _row(quotes: pd.DataFrame, kind: str | None = None) -> pd.Series:
    rows = quotes if kind is None else quotes[quotes["kind"] == kind]
    return rows.iloc[0]


def test_shipped_file_has_the_header_a_documentation_and_no_active_rows():
    text = DEFAULT_OVERRIDES.read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "the file should explain itself in comments"
    for action in ("speaker", "kind", "drop"):
        assert action in text
    loaded = load_overrides(DEFAULT_OVERRIDES)
    assert list(loaded.columns) == list(LOADED_COLUMNS)
    assert loaded.empty


def test_speaker_override_reassigns_and_says_what_changed(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    overrides = _load(HEADER + f"# a comment, ignored\n{seed_sha},{target.start},{target.end},speaker,"
                      f'"Doe, Jane",,wrong antecedent\n')
    assert overrides.loc[0, "line"] == 3
    result = apply_overrides(seed_quotes, overrides, seed_sha)
    changed = result[(result.start == target.start) & (result.end == target.end)].iloc[0]
    assert changed.speaker == "Doe, Jane"
    assert changed.overridden
    assert repr(target.speaker) in changed.override_note and "'Doe, Jane'" in changed.override_note
    assert "line 3" in changed.override_note and "wrong antecedent" in changed.override_note
    assert changed.resolution == "analyst override"
    others = result.drop(index=changed.name)
    assert not others["overridden"].any()
    assert others["override_note"].isna().all()
    assert len(result) == len(seed_quotes)
    # the input table is untouched
    assert "override_note" not in seed_quotes or seed_quotes["override_note"].isna().all()
    assert seed_quotes.loc[target.name, "speaker"] == target.speaker


def test_speaker_override_takes_the_type_the_table_knows(seed_quotes, seed_sha):
    speakers = seed_quotes.dropna(subset=["speaker", "speaker_type"])
    if speakers["speaker"].nunique() < 2:
        pytest.skip("needs two typed speakers")
    first = speakers.iloc[0]
    other = speakers[speakers.speaker != first.speaker].iloc[0]
    overrides = _load(HEADER + f"{seed_sha},{first.start},{first.end},speaker,{other.speaker},,\n")
    result = apply_overrides(seed_quotes, overrides, seed_sha)
    row = result[(result.start == first.start) & (result.end == first.end)].iloc[0]
    assert row.speaker == other.speaker and row.speaker_type == other.speaker_type


def test_kind_override_changes_the_kind(seed_quotes, seed_sha):
    target = _row(seed_quotes, "direct")
    overrides = _load(HEADER + f"{seed_sha},{target.start},{target.end},kind,,Indirect,\n")
    result = apply_overrides(seed_quotes, overrides, seed_sha)
    row = result[(result.start == target.start) & (result.end == target.end)].iloc[0]
    assert row.kind == "indirect" and row.overridden
    assert "kind 'direct' -> 'indirect'" in row.override_note
    assert row.speaker == target.speaker


def test_drop_override_removes_the_quote_and_reports_it(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    overrides = _load(HEADER + f"{seed_sha},{target.start},{target.end},drop,,,scare quotes\n")
    result = apply_overrides(seed_quotes, overrides, seed_sha)
    assert len(result) == len(seed_quotes) - 1
    assert not ((result.start == target.start) & (result.end == target.end)).any()
    dropped = result.attrs["overrides_dropped"]
    assert [(d["start"], d["end"], d["text"]) for d in dropped] == [(target.start, target.end, target.text)]
    assert set(result["quote_id"]) == set(seed_quotes["quote_id"]) - {target.quote_id}


def test_two_actions_on_one_quote_both_apply(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    overrides = _load(HEADER + f"{seed_sha},{target.start},{target.end},speaker,Someone Else,,\n"
                      f"{seed_sha},{target.start},{target.end},kind,,partial,\n")
    row = apply_overrides(seed_quotes, overrides, seed_sha).loc[target.name]
    assert (row.speaker, row.kind) == ("Someone Else", "partial")
    assert row.override_note.count("line") == 2


def test_overrides_for_another_article_are_ignored(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    other = hashlib.sha256(b"another article").hexdigest()
    overrides = _load(HEADER + f"{other},{target.start},{target.end},drop,,,\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a warning: it belongs to someone else
        result = apply_overrides(seed_quotes, overrides, seed_sha)
    assert len(result) == len(seed_quotes) and not result["overridden"].any()
    assert result.attrs["overrides_unmatched"] == []


def test_an_override_matching_no_quote_is_reported(seed_quotes, seed_sha):
    overrides = _load(HEADER + f"{seed_sha},1,3,drop,,,offsets from an older extraction\n")
    with pytest.warns(OverrideWarning, match=r"line 2 .*matches no quote"):
        result = apply_overrides(seed_quotes, overrides, seed_sha)
    assert len(result) == len(seed_quotes)
    [unmatched] = result.attrs["overrides_unmatched"]
    assert (unmatched["start"], unmatched["end"], unmatched["line"]) == (1, 3, 2)


def test_sha256_matches_case_insensitively(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    overrides = _load(HEADER + f"{seed_sha.upper()},{target.start},{target.end},drop,,,\n")
    assert len(apply_overrides(seed_quotes, overrides, seed_sha)) == len(seed_quotes) - 1


@pytest.mark.parametrize(
    "row, message",
    [
        ("{sha},10,20,reassign,X,,", r"line 3: unknown action 'reassign'"),
        ("{sha},10,20,speaker,,,", r"line 3: a 'speaker' override needs"),
        ("{sha},10,20,kind,,quoted,", r"line 3: a 'kind' override needs kind"),
        ("{sha},20,10,drop,,,", r"line 3: end \(10\) must be greater than start \(20\)"),
        ("{sha},ten,20,drop,,,", r"line 3: start must be a whole number"),
        ("{sha},-1,20,drop,,,", r"line 3: start must not be negative"),
        ("abc123,10,20,drop,,,", r"line 3: article_sha256 must be the 64 hex digits"),
        ("{sha},10,20,drop,,", r"line 3: 6 field\(s\) where the header has 7"),
    ],
)
def test_bad_rows_are_refused_naming_the_line(row, message, seed_sha):
    text = "# corrections\n" + HEADER + row.format(sha=seed_sha) + "\n"
    with pytest.raises(QuoteLensError, match=message):
        _load(text)


def test_bad_headers_and_files_are_refused(tmp_path, seed_sha):
    with pytest.raises(QuoteLensError, match=r"line 1: unknown column\(s\) 'speeker'"):
        _load("article_sha256,start,end,action,speeker\n")
    with pytest.raises(QuoteLensError, match=r"missing column\(s\) action"):
        _load("article_sha256,start,end\n")
    with pytest.raises(QuoteLensError, match="no header line"):
        _load("# only comments\n\n")
    with pytest.raises(QuoteLensError, match="overrides file not found"):
        load_overrides(tmp_path / "nope.csv")
    with pytest.raises(QuoteLensError, match=r"line 4: a second 'drop' override .*\(first at line 3\)"):
        _load(HEADER + "\n" + f"{seed_sha},1,2,drop,,,\n{seed_sha},1,2,drop,,,\n")


def test_a_hash_inside_a_field_is_data_not_a_comment(seed_sha):
    loaded = _load(HEADER + f'{seed_sha},1,2,speaker,"Channel #4",,see issue #12\n')
    assert (loaded.loc[0, "speaker"], loaded.loc[0, "note"]) == ("Channel #4", "see issue #12")


def test_optional_columns_may_be_left_out(seed_quotes, seed_sha):
    target = _row(seed_quotes)
    loaded = _load(f"start,end,action,article_sha256\n{target.start},{target.end},drop,{seed_sha}\n")
    assert len(apply_overrides(seed_quotes, loaded, seed_sha)) == len(seed_quotes) - 1


def test_format_override_round_trips_through_the_loader(seed_sha):
    line = format_override(seed_sha, 5, 9, "speaker", speaker='Lukashenko, "Batka"', note="a, b")
    loaded = _load(HEADER + line)
    assert loaded.loc[0, ["speaker", "note", "start", "end"]].tolist() == ['Lukashenko, "Batka"', "a, b", 5, 9]
    with pytest.raises(QuoteLensError, match="unknown action"):
        format_override(seed_sha, 5, 9, "rename")


def test_no_overrides_still_gives_the_override_columns(seed_quotes, seed_sha):
    for overrides in (None, load_overrides(DEFAULT_OVERRIDES)):
        result = apply_overrides(seed_quotes, overrides, seed_sha)
        assert not result["overridden"].any() and result["override_note"].isna().all()
        assert list(result.columns[: len(seed_quotes.columns)]) == list(seed_quotes.columns)


def test_empty_quote_table_with_overrides_reports_them_unmatched(seed_quotes, seed_sha):
    empty = seed_quotes.iloc[0:0]
    overrides = _load(HEADER + f"{seed_sha},1,2,drop,,,\n")
    with pytest.warns(OverrideWarning):
        result = apply_overrides(empty, overrides, seed_sha)
    assert result.empty and len(result.attrs["overrides_unmatched"]) == 1


def test_the_overrides_file_is_byte_identical_after_a_run(seed_quotes, seed_sha, tmp_path):
    """The code only reads corrections: loading, applying and the CLI leave the file as it was."""
    import subprocess
    import sys

    path = tmp_path / "overrides.csv"
    shutil.copyfile(DEFAULT_OVERRIDES, path)
    target = _row(seed_quotes)
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write(format_override(seed_sha, target.start, target.end, "speaker", speaker="X", note="kept as is"))
        fh.write("   \n# trailing comment, odd spacing\r\n")
    before = path.read_bytes()
    stat = path.stat()
    result = apply_overrides(seed_quotes, load_overrides(path), seed_sha)
    assert result["overridden"].sum() == 1
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run(
        [sys.executable, "-m", "helpers", "quotes", "--overrides", str(path), str(root / "data/raw/belarus_drills_article.txt")],
        capture_output=True, text=True, cwd=root, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"overridden": true' in proc.stdout
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
