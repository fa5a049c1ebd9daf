"""Property tests of ``extract_quotes`` (hypothesis): whatever the text, the quote table keeps its contract.

Three kinds of input: arbitrary Unicode; text assembled from quote-ish fragments (straight,
curly and stray marks, speech verbs, names, pronouns, newlines), which is where extractors
break; and random slices of the seed article, which cut real quotes in half.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from helpers.quotes import QUOTE_COLUMNS, extract_quotes

SEED_TEXT = (Path(__file__).resolve().parent.parent / "data/raw/belarus_drills_article.txt").read_text(encoding="utf-8")
KINDS = {"direct", "partial", "indirect"}
MARKED = {"direct", "partial"}

FRAGMENTS = [
    '"', '"', '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
    " said", " says", " stated", " told reporters", " said that ", " according to ", ", ", ". ", "? ",
    "! ", ";", " ", " ", "\n", "\n\n", "he", "He", "she", "She", "they", "It", "We", " that ",
    "Putin", "Vladimir Putin", "Lukashenko", "Alexander Lukashenko", "Mr. Smith", "Dr. O'Neil",
    "the Belarusian leader", "the Kremlin", "Moscow", "Shraibman", "Tsikhanouskaya", " informed ",
    " assured ", " called the plan ", "a disaster", "We will always win", "It is critical",
    "Union State", "the", " of ", "Ukraine", " inquired", "\u00e9t\u00e9", "\u4e2d\u6587", "\U0001F600",
    "\u00a0", "\t", "\r\n", "(", ")", "-", "\u2014", "...", "1", "2019",
]

quoteish = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
seed_slices = st.tuples(st.integers(0, len(SEED_TEXT)), st.integers(0, 1500)).map(
    lambda t: SEED_TEXT[t[0]:t[0] + t[1]])
mixed = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_contract(text: str) -> pd.DataFrame:
    """Everything the architecture promises about the quote table, for any input."""
    quotes = extract_quotes(text)
    assert isinstance(quotes, pd.DataFrame)
    assert list(quotes.columns[: len(QUOTE_COLUMNS)]) == list(QUOTE_COLUMNS)
    assert list(quotes.columns) == list(extract_quotes("").columns), "same columns whatever was found"
    assert quotes["quote_id"].tolist() == list(range(len(quotes)))
    assert quotes["start"].is_monotonic_increasing, "document order"
    for q in quotes.itertuples(index=False):
        assert 0 <= q.start < q.end <= len(text), f"span {q.start}-{q.end} outside 0-{len(text)}"
        assert q.text == text[q.start:q.end]
        assert q.kind in KINDS
        assert 0.0 <= q.confidence <= 1.0
        for s, e in ((q.cue_start, q.cue_end), (q.speaker_start, q.speaker_end)):
            assert pd.isna(s) == pd.isna(e)
            if not pd.isna(s):
                assert 0 <= s < e <= len(text)
        if not pd.isna(q.speaker_start):
            assert q.speaker_mention == text[q.speaker_start:q.speaker_end]
    marked = quotes[quotes["kind"].isin(MARKED)].sort_values("start")
    ends = marked["end"].tolist()
    starts = marked["start"].tolist()
    for i in range(1, len(starts)):
        assert starts[i] >= ends[i - 1], f"quoted spans overlap: {starts[i - 1]}-{ends[i - 1]} and {starts[i]}-{ends[i]}"
    again = extract_quotes(text)
    pd.testing.assert_frame_equal(quotes, again, obj="a second run on the same text")
    return quotes


@PROPERTY_SETTINGS
@given(st.text(max_size=400))
@example("")
@example('"')
@example('""')
@example('"\n\n"')
@example("\u201c\u201d")
@example('He said "')
@example('"Yes," he said. "No."')
def test_arbitrary_unicode_keeps_the_contract(text):
    check_contract(text)


@PROPERTY_SETTINGS
@given(quoteish)
@example('"First part," he said. "Second part."')
@example('Lukashenko informed Zelenskiy, "We will always win." "Unclosed')
@example("\u201cOpen only\n\n\u201cand continued.\u201d said Putin.")
@example('Putin said that "a disaster" was "a disaster".')
def test_quoteish_text_keeps_the_contract(text):
    check_contract(text)


@PROPERTY_SETTINGS
@given(mixed)
def test_quoteish_mixed_with_noise_keeps_the_contract(text):
    check_contract(text)


british = st.lists(st.sampled_from([f for f in FRAGMENTS if f not in ('"', "\u201c", "\u201d")]
                                   + ["\u2018", "\u2019", "'", " voters\u2019 ", "\u201990s", " don\u2019t "]),
                   max_size=60).map("".join)


@PROPERTY_SETTINGS
@given(british)
@example("\u2018We will win,\u2019 she said. \u2018The voters\u2019 choice is clear.\u2019")
@example("\u2018Open only\n\n\u2018and continued,\u2019 said Putin.")
def test_british_single_quoted_text_keeps_the_contract(text):
    check_contract(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed_slices)
def test_slices_of_the_seed_article_keep_the_contract(text):
    check_contract(text)


def test_the_whole_seed_article_keeps_the_contract():
    quotes = check_contract(SEED_TEXT)
    assert len(quotes) >= 11, "eleven quoted passages at least"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No quotes here at all.", "The \"Union State\" exists."])
def test_no_quotes_gives_an_empty_table_with_every_column(text):
    quotes = check_contract(text)
    if text != 'The "Union State" exists.':
        assert quotes.empty
    else:
        assert not (quotes["text"] == "Union State").any(), "a scare-quoted name is not a quote"


def check_article_contract(raw: str) -> None:
    """Given an ``Article``, offsets are into ``Article.text`` and paragraph/sentence index where each quote starts."""
    from helpers.article import read_article
    from helpers.errors import QuoteLensError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = read_article(raw)
    except QuoteLensError:
        assume(False)  # empty, binary, ...: the reader refuses it, with its own tests
        return
    quotes = extract_quotes(article)
    text = article.text
    paragraphs, sentences = article.paragraphs, article.sentences
    for q in quotes.itertuples(index=False):
        assert 0 <= q.start < q.end <= len(text) and q.text == text[q.start:q.end]
        assert 0 <= q.paragraph < len(paragraphs), f"paragraph {q.paragraph} of {len(paragraphs)}"
        p = paragraphs.iloc[q.paragraph]
        assert p.start <= q.start < p.end, f"quote at {q.start} is not in paragraph {q.paragraph} ({p.start}-{p.end})"
        assert 0 <= q.sentence < len(sentences), f"sentence {q.sentence} of {len(sentences)}"
        s = sentences.iloc[q.sentence]
        assert s.start <= q.start < s.end, f"quote at {q.start} is not in sentence {q.sentence} ({s.start}-{s.end})"


@PROPERTY_SETTINGS
@given(st.one_of(quoteish, seed_slices))
@example('"First part," he said. "Second part."')
def test_article_input_indexes_paragraphs_and_sentences(raw):
    check_article_contract(raw)


def test_seed_article_quotes_sit_in_their_paragraph_and_sentence():
    check_article_contract(str(Path(__file__).resolve().parent.parent / "data/raw/belarus_drills_article.txt"))


# ----------------------------------------------------------------------------------------------
# Fast paths of helpers.quotes against their plain definitions
# ----------------------------------------------------------------------------------------------

CUE_TEXT_PARTS = ["said", "Said", "SAID", "says", "told", "claims", "claim", "statement", "that", "That",
                  "THAT", "tHat", "on", "last", "week", " ", "  ", "-", "--", ",", ".", "\n", "well", "x",
                  "the", "report", "reports", "z", "\u00e9", "\u0130", "K", "\u212a", "Trump", "warned", "and"]
cue_text = st.lists(st.sampled_from(CUE_TEXT_PARTS), max_size=40).map("".join)


@given(cue_text)
@example("well-said, --said -said said- saidx xsaid zsaid K\u212aaid")
def test_cue_form_scan_matches_the_look_behind_pattern(text):
    """``_CUE_FORM_RE`` (a class before the form, searched in " " + text) finds what the plain
    look-behind pattern finds."""
    import re

    from helpers.quotes import _CUE_FORM_RE

    plain = re.compile(r"(?<![a-z])(?:" + _CUE_FORM_RE.pattern[len("[^a-z]("):-len(r")(?![a-z\-])")] + r")(?![a-z\-])")
    low = text.lower()
    assert [(m.start(1) - 1, m.end(1) - 1) for m in _CUE_FORM_RE.finditer(" " + low)] == \
        [m.span() for m in plain.finditer(low)]


@given(cue_text, st.integers(-3, 200), st.integers(-3, 200))
@example("x said it", 2, 6)
def test_cue_finder_slices_like_a_scan_of_the_span(text, lo, hi):
    """``_CueFinder.finditer`` gives the cached cues from the first at or after ``lo`` that end by ``hi``."""
    from helpers.quotes import _CueFinder

    every = _CueFinder.finditer(text)
    assert _CueFinder.finditer(text, lo, hi) == [m for m in every if m.start() >= lo and m.end() <= hi]
    assert _CueFinder.search(text, lo, hi) is next((m for m in every if m.start() >= lo and m.end() <= hi), None)


@given(cue_text, st.integers(0, 120), st.integers(0, 120))
@example("Her claims last week that it was", 0, 32)
@example("A message that, a denial this week that", 0, 40)
def test_noun_cue_trie_matches_the_plain_alternation(text, s0, s1):
    """``_NOUN_CUE_RE`` (the nouns as a trie) finds the same spans and nouns as their alternation."""
    import re

    from helpers.quotes import _NOUN_CUE_RE, SPEECH_NOUNS

    plain = re.compile(r"\b(" + "|".join(SPEECH_NOUNS) + r")\s+(?:(?:on|last|this|earlier|in|from)\s+\w+\s+)?that\b",
                       re.IGNORECASE)
    assert [(m.span(), m.span(1)) for m in _NOUN_CUE_RE.finditer(text, s0, s1)] == \
        [(m.span(), m.span(1)) for m in plain.finditer(text, s0, s1)]


@given(cue_text, st.integers(0, 120), st.integers(0, 120))
@example("said on Tuesday tHAT it", 4, 23)
def test_that_within_prefilter_changes_nothing(text, pos, hi):
    """``_that_within`` returns early only where the token walk would find no ``that`` either."""
    from helpers.quotes import _that_within, _walk_to_that

    assert _that_within(text, pos, hi) == _walk_to_that(text, pos, hi)


@pytest.mark.parametrize("text", [
    "\u0130\u0130\u0130\u0130said",
    'Mr. \u0130nan, the \u0130zmir mayor, said "\u0130stanbul is big." Officials said that \u0130zmir was calm.',
])
def test_characters_whose_lower_case_is_longer_keep_offsets_aligned(text):
    check_contract(text)
