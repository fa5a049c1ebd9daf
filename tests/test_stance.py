"""Stance toward targets: model loading, alias matching, evidence, aggregation, periods, seed."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers import stance
from helpers.errors import InputError, QuoteLensError
from helpers.stance import (
    LABELS, Stance, add_periods, aggregate_stances, find_mentions, find_periods, load_model,
    load_targets, macro_f1, period_sort_key, polarities, polarity_toward, quote_stances,
    read_newsmtsc, stance_table,
)


def _targets(rows):
    return pd.DataFrame([{"target": t, "aliases": a, "type": k} for t, a, k in rows])


def _quote(text, sub, speaker, qid=0, **kw):
    s = text.index(sub)
    return {"quote_id": qid, "start": s, "end": s + len(sub), "text": sub, "speaker": speaker,
            "kind": kw.pop("kind", "direct"), **kw}


@pytest.fixture(scope="module")
def seed_quotes(seed_text):
    rows = [
        _quote(seed_text, "Belarusians are not a threat to Ukraine; it is the government",
               "Sviatlana Tsikhanouskaya", 0, speaker_type="person", speaker_mention="she"),
        _quote(seed_text, "It is critical for the west to drown the Russian-Ukrainian brotherhood in blood",
               "Alexander Lukashenko", 1, speaker_type="person", speaker_mention="Lukashenko"),
        _quote(seed_text, "However much some may object, we shall reintroduce Ukraine into the Slavic fold.",
               "Alexander Lukashenko", 2, speaker_type="person", speaker_mention="Lukashenko"),
        _quote(seed_text, "We will always be the most generous and trustworthy of your supporters and collaborators.",
               "Alexander Lukashenko", 3, speaker_type="person", speaker_mention="Lukashenko",
               addressee="Volodymyr Zelenskiy"),
        _quote(seed_text, "Russia is gradually attempting to extract a price for that assistance, and we are "
               "seeing Lukashenko do things he has previously refused", "Nigel Gould-Davies", 4,
               speaker_type="person", speaker_mention="Nigel Gould-Davies, a former British ambassador"),
        _quote(seed_text, "I believe that his deeds, his actions, will always trump his promises.",
               "Artyom Shraibman", 5, speaker_type="person", speaker_mention="he"),
    ]
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ model
def test_default_model_loads_offline_and_predicts():
    model = load_model()
    assert tuple(model.labels) == LABELS
    p = model.predict_proba([("Critics say Moscow bullied its neighbours.", 12, 18)])
    assert p.shape == (1, 3) and np.allclose(p.sum(1), 1, atol=1e-4)
    s = polarity_toward("Critics say Moscow bullied its neighbours.", 12, 18)
    assert isinstance(s, Stance) and s.label in LABELS and -1 <= s.score <= 1
    assert s.evidence and s.method


def test_embedded_linear_model_loads_and_explains(tmp_path):
    """The n-gram model inside the ONNX file also loads on its own (.npz) and explains itself."""
    m = load_model()
    if getattr(m, "linear", None) is None:
        pytest.skip("the shipped model carries no n-gram part")
    lin = m.linear
    path = tmp_path / "lin.npz"
    np.savez(path, W=lin.W, b=lin.b, labels=np.array('["against", "neutral", "favor"]'),
             vocab=np.array(__import__("json").dumps(sorted(lin.vocab, key=lin.vocab.get))))
    s = polarity_toward("The senator praised Obama for his wonderful, brave leadership.", 20, 25,
                        model=load_model(path))
    assert s.label == "favor" and s.score > 0
    assert any("praised" in e or "wonderful" in e or "brave" in e for e in s.evidence)


def test_polarity_clear_cases():
    items = [
        ("Protesters condemned Lukashenko as a brutal, corrupt dictator who rigged the vote.", 21, 31),
        ("Voters praised Merkel as a wise, honest and admirable leader.", 15, 21),
        ("Merkel will travel to Paris on Tuesday for the meeting.", 0, 6),
    ]
    got = [s.label for s in polarities(items)]
    assert got == ["against", "favor", "neutral"]


def test_score_is_favor_minus_against_and_bounded():
    for s in polarities([("He hates Putin.", 9, 14), ("He loves Putin.", 9, 14), ("Putin spoke.", 0, 5)]):
        assert s.score == pytest.approx(s.probs["favor"] - s.probs["against"], abs=2e-3)
        assert -1 <= s.score <= 1
        assert s.label == max(s.probs, key=s.probs.get)


def test_bad_span_is_a_clear_error():
    with pytest.raises(InputError, match="span"):
        polarity_toward("short", 3, 99)
    with pytest.raises(QuoteLensError, match="not found"):
        load_model("/nonexistent/model.onnx")


# ------------------------------------------------------------------ targets + aliases
def test_targets_csv_defaults_cover_the_seed_article():
    t = load_targets()
    names = set(t["target"])
    for need in ["Russia", "Ukraine", "Belarus' government", "Vladimir Putin", "the West", "the joint exercises"]:
        assert need in names
    row = t.set_index("target").loc["Russia"]
    assert {"Kremlin", "Moscow", "Russian"} <= set(row["aliases"])


def test_speakers_become_targets_unless_already_known():
    q = pd.DataFrame({"quote_id": [0, 1], "text": ["a", "b"],
                      "speaker": ["Nigel Gould-Davies", "Alexander Lukashenko"],
                      "speaker_type": ["person", "person"]})
    t = load_targets(quotes=q)
    row = t.set_index("target").loc["Nigel Gould-Davies"]
    assert row["source"] == "speaker" and "Gould-Davies" in row["aliases"]
    assert "Alexander Lukashenko" not in set(t["target"])  # already an alias of Belarus' government


def test_alias_possessives_longest_match_case_and_word_boundaries():
    t = _targets([("Russia", ["Russia", "Russian", "Moscow"], "country"),
                  ("Putin", ["Putin", "Russia's president"], "person"),
                  ("Belarus", ["Belarus"], "country"),
                  ("the West", ["the west", "NATO", "US"], "group")])
    text = ("Russia's president met Belarus' envoy in Moscow; Belarus's army, NATO and the West "
            "watched us. Russians, Belarusians, nato and Moscowians are not aliases; the US is.")
    m = find_mentions(text, t)
    got = list(zip(m["target"], m["mention"]))
    assert got[0] == ("Putin", "Russia's president")          # longest match first
    assert ("Belarus", "Belarus'") in got and ("Belarus", "Belarus's") in got  # possessives
    assert ("the West", "the West") in got                   # lower-case alias: any case
    assert ("the West", "NATO") in got and ("the West", "nato") not in got  # capitals: exact
    assert ("the West", "us") not in got and ("the West", "US") in got
    assert all(mention not in {"Russians", "Belarusians", "Moscowians"} for _, mention in got)
    for _, s, e, mention in m.itertuples(index=False):
        assert text[s:e] == mention


def test_targets_file_errors(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("target,aliases\nRussia,Moscow\n")
    with pytest.raises(InputError, match="type"):
        load_targets(p)
    with pytest.raises(InputError, match="not found"):
        load_targets(tmp_path / "missing.csv")


# ------------------------------------------------------------------ quote stances + table
def test_quote_stances_offsets_and_evidence(seed_quotes, seed_text):
    qs = quote_stances(seed_quotes)
    assert len(qs) > 5
    for r in qs.itertuples():
        q = seed_quotes.set_index("quote_id").loc[r.quote_id]
        assert q["text"][r.mention_start:r.mention_end] == r.mention
        assert seed_text[r.start:r.end] == r.mention
        assert r.evidence and isinstance(r.evidence, list)
        assert r.label in LABELS and -1 <= r.score <= 1


def test_we_counts_for_the_group_the_speaker_stands_for(seed_quotes):
    qs = quote_stances(seed_quotes)
    we = qs[qs["via"].str.startswith("we")]
    # Lukashenko is an alias of Belarus' government: his "we" is that government ...
    assert set(we.loc[we["speaker"] == "Alexander Lukashenko", "target"]) == {"Belarus' government"}
    # ... while an analyst's "we are seeing" stands for nobody.
    assert we[we["speaker"] == "Nigel Gould-Davies"].empty
    you = qs[qs["via"].str.startswith("you")]
    assert set(you["target"]) == {"Volodymyr Zelenskiy"}


def test_seed_tsikhanouskaya_is_not_favourable_to_the_belarusian_government(seed_quotes):
    table = stance_table(seed_quotes)
    row = table[(table["speaker"] == "Sviatlana Tsikhanouskaya") & (table["target"] == "Belarus' government")]
    assert len(row) == 1
    assert row["label"].iloc[0] != "favor" and row["score"].iloc[0] <= 0.1
    ev = row["evidence"].iloc[0]
    assert ev[0]["quote_id"] == 0 and "government" in ev[0]["snippet"] and ev[0]["words"]


def test_seed_lukashenko_pledge_to_zelenskiy_is_favourable(seed_quotes):
    table = stance_table(seed_quotes)
    row = table[(table["speaker"] == "Alexander Lukashenko") & (table["target"] == "Volodymyr Zelenskiy")]
    assert row["label"].iloc[0] == "favor" and row["score"].iloc[0] > 0.3


def test_aggregation_weighs_quotes_equally():
    qs = pd.DataFrame([
        # quote 0 names the target twice, quote 1 once
        {"quote_id": 0, "speaker": "A", "target": "T", "p_against": 0.8, "p_neutral": 0.2, "p_favor": 0.0,
         "label": "against", "score": -0.8, "snippet": "s0", "evidence": ["bad"]},
        {"quote_id": 0, "speaker": "A", "target": "T", "p_against": 0.6, "p_neutral": 0.2, "p_favor": 0.2,
         "label": "against", "score": -0.4, "snippet": "s0b", "evidence": ["worse"]},
        {"quote_id": 1, "speaker": "A", "target": "T", "p_against": 0.0, "p_neutral": 0.1, "p_favor": 0.9,
         "label": "favor", "score": 0.9, "snippet": "s1", "evidence": ["good"]},
        {"quote_id": 2, "speaker": None, "target": "T", "p_against": 0.1, "p_neutral": 0.8, "p_favor": 0.1,
         "label": "neutral", "score": 0.0, "snippet": "s2", "evidence": []},
    ])
    t = aggregate_stances(qs).set_index("speaker")
    a = t.loc["A"]
    # per quote: q0 = (0.7, 0.2, 0.1), q1 = (0.0, 0.1, 0.9); mean = (0.35, 0.15, 0.5)
    assert a["p_against"] == pytest.approx(0.35) and a["p_favor"] == pytest.approx(0.5)
    assert a["score"] == pytest.approx(0.15) and a["label"] == "favor"
    assert a["n_quotes"] == 2 and a["n_mentions"] == 3
    assert [e["quote_id"] for e in a["evidence"]] == [0, 0, 1]
    assert {"quote_id", "snippet", "words"} <= set(a["evidence"][0])
    assert t.loc[stance.UNRESOLVED, "label"] == "neutral"
    assert list(aggregate_stances(qs).columns[:5]) == ["speaker", "target", "label", "score", "n_quotes"]


def test_stance_table_on_empty_and_bad_input():
    empty = pd.DataFrame(columns=["quote_id", "text", "speaker"])
    assert stance_table(empty).empty
    with pytest.raises(InputError, match="column"):
        stance_table(pd.DataFrame({"text": ["x"]}))


# ------------------------------------------------------------------ periods
def test_find_periods_expressions():
    text = ("In October 2019, he said so. Two weeks ago he did not; this week he did, and last week "
            "too. Russia annexed Crimea in 2014. The drills end on 20 February.")
    got = [p for _, _, p in find_periods(text)]
    assert got == ["October 2019", "Two weeks ago", "this week", "last week", "2014", "20 February"]


def test_add_periods_on_the_seed_article(seed_quotes, seed_text):
    got = add_periods(seed_quotes, seed_text).set_index("quote_id")
    assert got.loc[0, "period"] == "last week"        # "... she stated last week"
    assert got.loc[1, "period"] == "two weeks ago"    # "Lukashenko stated two weeks ago"
    assert got.loc[2, "period"] == "two weeks ago"    # same paragraph
    assert got.loc[3, "period"] == "October 2019"     # "In October 2019, Lukashenko informed ..."
    assert pd.isna(got.loc[5, "period"])              # Shraibman's quote gives no time
    s = int(got.loc[3, "period_start"])
    assert seed_text[s:int(got.loc[3, "period_end"])] == "October 2019"


def test_dates_inside_the_quote_are_not_when_it_was_said():
    text = 'Yesterday the minister said: "In 2014 we lost Crimea."'
    q = pd.DataFrame([_quote(text, "In 2014 we lost Crimea.", "minister")])
    assert add_periods(q, text)["period"].iloc[0] == "Yesterday"


def test_period_order():
    keys = [period_sort_key(p) for p in ["2014", "October 2019", "two weeks ago", "last week", "this week"]]
    assert keys == sorted(keys)
    assert math.isnan(period_sort_key(None))


# ------------------------------------------------------------------ accuracy floor (shared data)
def test_accuracy_floor_on_newsmtsc_dev_slice(shared_data):
    model = load_model()
    for name in ("mt_dev", "rw_dev"):
        data = read_newsmtsc(shared_data / "newsmtsc" / f"{name}.jsonl")[:150]
        pred = [model.labels[i] for i in model.predict_proba([d[:3] for d in data]).argmax(1)]
        f1 = macro_f1([d[3] for d in data], pred)
        assert f1 >= 0.6, f"{name}: macro-F1 {f1:.3f} on 150 targets"


def test_macro_f1_maths():
    assert macro_f1(["favor", "against", "neutral"], ["favor", "against", "neutral"]) == 1.0
    # favor: tp 1, fn 1 -> F1 2/3; neutral and against: no true positive -> 0
    assert macro_f1(["favor", "favor", "neutral"], ["favor", "neutral", "against"]) == pytest.approx((2 / 3 + 0 + 0) / 3)


def test_stance_html_escapes_article_text():
    from helpers.stance import stance_table_html

    q = pd.DataFrame([{"quote_id": 0, "text": "Russia <script>alert(1)</script> is a brutal bully & liar.",
                       "speaker": "<b>Evil</b>", "start": 0, "end": 10}])
    t = _targets([("Russia", ["Russia"], "country")])
    html_out = stance_table_html(stance_table(q, t))
    assert "<script>" not in html_out and "&lt;script&gt;" in html_out
    assert "<b>Evil</b>" not in html_out and "&lt;b&gt;Evil&lt;/b&gt;" in html_out


def test_stance_over_time_orders_periods_and_needs_them():
    from helpers.stance import stance_over_time, stance_over_time_chart

    qs = pd.DataFrame({"quote_id": [0, 1, 2, 3], "speaker": ["A"] * 4, "target": ["T"] * 4,
                       "score": [0.8, -0.4, -0.6, 0.1], "period": ["last week", "October 2019", "last week", None]})
    over = stance_over_time(qs)
    assert over["period"].tolist() == ["October 2019", "last week"]
    assert over["score"].tolist() == [-0.4, pytest.approx(0.1)] and over["n_quotes"].tolist() == [1, 2]
    fig = stance_over_time_chart(over)
    assert len(fig.axes[0].lines) >= 1
    with pytest.raises(InputError, match="add_periods"):
        stance_over_time(qs.drop(columns="period"))


def test_runtime_path_needs_no_torch():
    """The shipped model runs on onnxruntime + tokenizers + numpy: torch is never imported."""
    import subprocess
    import sys

    code = ("import sys; from helpers.stance import polarity_toward; "
            "s = polarity_toward('Critics say Moscow bullied its neighbours.', 12, 18); "
            "print(s.label, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(stance.DEFAULT_MODEL.parents[2]))
    assert out.returncode == 0, out.stderr
    label, torch_loaded, tf_loaded = out.stdout.split()
    assert label in LABELS and torch_loaded == "False" and tf_loaded == "False"
