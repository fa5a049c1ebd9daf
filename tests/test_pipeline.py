"""helpers.pipeline: one article end to end (analyze), its files, and `quotelens analyze`."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from helpers.cli import main
from helpers.errors import ExportError, QuoteLensError
from helpers.pipeline import Analysis, analyze, table_for_csv, write_analysis

CONTRACT = ["quote_id", "start", "end", "text", "kind", "cue", "cue_start", "cue_end", "speaker",
            "speaker_mention", "speaker_start", "speaker_end", "speaker_type", "addressee", "resolution",
            "confidence", "paragraph", "sentence", "overridden"]
SENTIMENT = ["compound", "pos", "neu", "neg", "sentiment_label", "drivers"]


@pytest.fixture(scope="module")
def seed_analysis(seed_path) -> Analysis:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return analyze(seed_path)


def test_every_stage_of_this_checkout_runs_on_the_seed(seed_analysis):
    assert set(seed_analysis.stages) >= {"quotes", "speakers", "sentiment"}
    q = seed_analysis.quotes
    assert list(q.columns[: len(CONTRACT)]) == CONTRACT
    assert set(SENTIMENT) <= set(q.columns)
    assert len(q) >= 10
    text = seed_analysis.article.text
    assert all(text[s:e] == t for s, e, t in zip(q["start"], q["end"], q["text"]))
    assert q["compound"].between(-1, 1).all()


def test_speakers_and_sentiment_tables_agree_with_the_quotes(seed_analysis):
    q, sp = seed_analysis.quotes, seed_analysis.speakers
    named = q[q["speaker"].notna()]
    assert sp["n_quotes"].sum() == len(named)
    assert set(sp["speaker"]) == set(named["speaker"])
    assert "Alexander Lukashenko" in set(sp["speaker"])
    per_quote = seed_analysis.sentiment
    assert len(per_quote) == len(q) and per_quote["compound"].tolist() == q["compound"].tolist()
    spk = seed_analysis.speaker_sentiment
    assert spk is not None and "Alexander Lukashenko" in set(spk["speaker"])


def test_path_and_text_give_the_same_quotes(seed_path, seed_text):
    by_path = analyze(seed_path, stages=("quotes", "speakers", "sentiment"))
    by_text = analyze(seed_text, stages=("quotes", "speakers", "sentiment"))
    pd.testing.assert_frame_equal(by_path.quotes, by_text.quotes)
    pd.testing.assert_frame_equal(by_path.speakers, by_text.speakers)


def test_overrides_reach_the_quote_table(seed_analysis, seed_path, tmp_path):
    q = seed_analysis.quotes
    row = q[q["speaker"] == "Alexander Lukashenko"].iloc[0]
    sha = seed_analysis.article.meta["sha256"]
    csv = tmp_path / "overrides.csv"
    csv.write_text("article_sha256,start,end,action,speaker,kind,note\n"
                   f"{sha},{row.start},{row.end},speaker,Jane Analyst,,test\n", encoding="utf-8")
    corrected = analyze(seed_path, overrides=csv, stages=("quotes", "speakers")).quotes
    hit = corrected[(corrected["start"] == row.start) & (corrected["end"] == row.end)].iloc[0]
    assert hit["speaker"] == "Jane Analyst" and bool(hit["overridden"])
    assert corrected["overridden"].sum() == 1
    stale = tmp_path / "stale.csv"
    stale.write_text("article_sha256,start,end,action,speaker,kind,note\n"
                     f"{sha},1,2,drop,,,offsets that match nothing\n", encoding="utf-8")
    result = analyze(seed_path, overrides=stale, stages=("quotes",))
    assert len(result.quotes) == len(q) and any("match no quote" in n and "line 2" in n for n in result.notes)


def test_stages_limit_the_work(seed_path):
    result = analyze(seed_path, stages=("quotes", "speakers"))
    assert result.quotes is not None and "compound" not in result.quotes
    assert result.sentiment is None and result.stance is None
    assert result.stages == ("quotes", "speakers")
    with pytest.raises(QuoteLensError, match="unknown pipeline stage"):
        analyze(seed_path, stages=("quotes", "sentimnet"))


def test_bad_article_is_a_quotelens_error(tmp_path):
    with pytest.raises(QuoteLensError):
        analyze(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(QuoteLensError):
        analyze(empty)


def test_csv_cells_are_json_and_formula_safe():
    df = pd.DataFrame({"text": ["=HYPERLINK(x)", "plain"], "drivers": [[("war", -2.9)], []]})
    out = table_for_csv(df)
    assert out["text"].tolist() == ["'=HYPERLINK(x)", "plain"]
    assert json.loads(out["drivers"][0]) == [["war", -2.9]]


def test_write_analysis_refuses_to_overwrite_any_file(seed_analysis, tmp_path):
    (tmp_path / "speakers.csv").write_text("analyst's own file\n", encoding="utf-8")
    with pytest.raises(ExportError, match="speakers.csv"):
        write_analysis(seed_analysis, tmp_path, figures=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["speakers.csv"]  # nothing written
    assert (tmp_path / "speakers.csv").read_text(encoding="utf-8") == "analyst's own file\n"
    written = write_analysis(seed_analysis, tmp_path, figures=False, overwrite=True)
    assert {p.name for p in written} >= {"quotes.csv", "speakers.csv", "sentiment.csv"}
    back = pd.read_csv(tmp_path / "quotes.csv")
    assert len(back) == len(seed_analysis.quotes)


def test_cli_analyze_writes_files_and_summary_then_refuses(seed_path, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["analyze", str(seed_path), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    names = {p.name for p in out.iterdir()}
    assert {"quotes.csv", "speakers.csv", "sentiment.csv"} <= names
    assert "quote_counts.png" in names
    assert "direct" in printed and "indirect" in printed and "Alexander Lukashenko" in printed
    assert str(out) in printed
    quotes = pd.read_csv(out / "quotes.csv")
    assert len(quotes) == len(analyze(seed_path, stages=("quotes",)).quotes)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    assert main(["analyze", str(seed_path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--overwrite" in err and "quotes.csv" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    assert main(["analyze", str(seed_path), "--out", str(out), "--overwrite", "--no-figures"]) == 0


def test_cli_analyze_missing_article_is_one_line(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.txt" in err
    assert not (tmp_path / "o").exists()
