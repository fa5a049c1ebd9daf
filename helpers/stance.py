"""Stance of each speaker toward targets (countries, leaders, institutions), with evidence.

A *target* is a row of ``data/targets.csv`` (``target, aliases, type``; aliases ``;``-separated),
plus the speakers found in the quote table. Every mention of a target inside a quote (an alias,
or the speaker's own "we" when the speaker stands for a group, or "you" for a named addressee)
is scored by a target-dependent sentiment model, and the scores are aggregated per speaker.

>>> s = polarity_toward("Critics say Moscow bullied its neighbours.", 12, 18)
>>> s.label in LABELS and -1 <= s.score <= 1
True

The default model is all-MiniLM-L6-v2 with its last layers tuned on NewsMTSC, a softmax head and
an n-gram model mixed in (``benchmarks/train_stance.py``), shipped as one int8 ONNX file with its
tokenizer and heads inside; it runs through onnxruntime and numpy, never torch.
"""
from __future__ import annotations

import csv
import json
import math
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .article import paragraph_spans, sentence_spans
from .errors import InputError, QuoteLensError
from .paths import DEFAULT_TARGETS, MODELS_DIR, PROCESSED_DIR
from .quotes import fragment_spans, spoken_texts

LABELS = ("against", "neutral", "favor")
#: NewsMTSC polarity codes -> our labels.
POLARITY_CODES = {2.0: "against", 4.0: "neutral", 6.0: "favor"}
#: The one shipped transformer artifact (replaced, never added to, on retraining).
DEFAULT_MODEL = MODELS_DIR / "stance_minilm_int8.onnx"
#: Where ``train_stance.py linear`` writes the n-gram model on its own (a baseline; not shipped:
#: the shipped ONNX file carries its own copy, mixed with the encoder's head).
LINEAR_MODEL = PROCESSED_DIR / "stance_linear.npz"

TARGET_COLUMNS = ["target", "aliases", "type"]
GROUP_TYPES = {"country", "government", "organization", "organisation", "group", "military"}


# --------------------------------------------------------------------------------------------
# The result type
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Stance:
    """Polarity a passage expresses toward one target mention.

    ``score`` = p(favor) - p(against), in [-1, 1]; ``evidence`` are the words or features that
    decided it (lexicon words near the target with their valence, or the linear model's top
    contributions), plus the model's class probabilities in ``probs``.
    """

    label: str
    score: float
    evidence: tuple[str, ...] = ()
    probs: dict = field(default_factory=dict)
    method: str = ""


# --------------------------------------------------------------------------------------------
# Shared text features (used by both models, in training and at run time)
# --------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[^\w\s]")
_NEGATIONS = {"not", "no", "never", "n't", "nor", "without", "cannot", "neither", "hardly"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    """VADER's valence lexicon (offline, from the ``vaderSentiment`` package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def _check_span(text: str, start: int, end: int) -> None:
    if not isinstance(text, str):
        raise InputError(f"stance: text must be a string, got {type(text).__name__}")
    if not (0 <= start < end <= len(text)):
        raise InputError(
            f"stance: target span ({start}, {end}) is not inside the text (length {len(text)})"
        )


def _tokens_around(text: str, start: int, end: int) -> tuple[list[str], int, int]:
    """Lower-cased tokens of ``text`` with the target replaced by one ``<t>`` token."""
    left = [t.lower() for t in _TOKEN.findall(text[:start])]
    right = [t.lower() for t in _TOKEN.findall(text[end:])]
    return left + ["<t>"] + right, len(left), len(left)


def lexicon_evidence(text: str, start: int, end: int, window: int = 10) -> list[tuple[str, float]]:
    """Valenced words within ``window`` tokens of the target, nearest first, negation-flipped.

    >>> lexicon_evidence("They did not support Russia at all.", 21, 27)
    [('not support', -0.94)]
    """
    lex = _lexicon()
    toks, ti, _ = _tokens_around(text, start, end)
    out = []
    lo, hi = max(0, ti - window), min(len(toks), ti + window + 1)
    for i in range(lo, hi):
        w = toks[i]
        if i == ti or w not in lex:
            continue
        v = lex[w]
        neg = any(toks[j] in _NEGATIONS or toks[j].endswith("n't") for j in range(max(0, i - 3), i))
        if neg:
            v = -0.55 * v  # VADER's negation dampening
            j = max(k for k in range(max(0, i - 3), i) if toks[k] in _NEGATIONS or toks[k].endswith("n't"))
            w = " ".join(toks[j : i + 1])
        out.append((abs(i - ti), w, round(v, 2)))
    out.sort(key=lambda x: x[0])
    return [(w, v) for _, w, v in out]


def linear_features(text: str, start: int, end: int) -> dict[str, float]:
    """Sparse features for the linear model: n-grams around the masked target + lexicon sums."""
    toks, ti, _ = _tokens_around(text, start, end)
    feats: dict[str, float] = {}

    def add(k: str, v: float = 1.0) -> None:
        feats[k] = feats.get(k, 0.0) + v

    for i, w in enumerate(toks):
        add("u:" + w)
        if i + 1 < len(toks):
            add("b:" + w + "_" + toks[i + 1])
        d = i - ti
        if 0 < abs(d) <= 5:
            side = "L" if d < 0 else "R"
            add(f"{side}:{w}")
            if (d < 0 and i + 1 < len(toks)) or (d > 0 and i - 1 >= 0):
                nb = toks[i + 1] if d < 0 else toks[i - 1]
                add(f"{side}2:{w}_{nb}" if d < 0 else f"{side}2:{nb}_{w}")
    lex = _lexicon()
    for i, w in enumerate(toks):
        if w in lex:
            v = lex[w]
            if any(toks[j] in _NEGATIONS for j in range(max(0, i - 3), i)):
                v = -0.55 * v
            near = abs(i - ti) <= 8
            key = ("vn" if near else "vf") + ("+" if v > 0 else "-")
            add(key, abs(v) / 4.0)
    add("bias_len", min(len(toks), 80) / 80.0)
    for k in list(feats):
        if k[:2] in ("u:", "b:"):
            feats[k] = 1.0  # binary bag of words
    return feats


# --------------------------------------------------------------------------------------------
# Transformer input encoding (identical in training and inference)
# --------------------------------------------------------------------------------------------
MARK_L, MARK_R = "[", "]"
MENTION_TOKENS = 8


def mark_target(text: str, start: int, end: int) -> tuple[str, int, int]:
    """``text`` with the target wrapped in brackets, and the marked span's new offsets."""
    marked = f"{text[:start]} {MARK_L} {text[start:end]} {MARK_R} {text[end:]}"
    s = start + 1
    return marked, s, s + 2 + (end - start) + 2


def encode_batch(tokenizer, items: Sequence[tuple[str, int, int]], max_len: int):
    """Token ids, type ids and target mask for ``(text, start, end)`` items, padded to the batch.

    The context window (at most ``max_len`` tokens in all) is centred on the target, which is
    bracketed; the bare mention follows as the second segment: ``[CLS] ctx [SEP] mention [SEP]``.
    """
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    marked = [mark_target(t, s, e) for t, s, e in items]
    encs = tokenizer.encode_batch([m for m, _, _ in marked], add_special_tokens=False)
    ments = tokenizer.encode_batch([t[s:e] for t, s, e in items], add_special_tokens=False)
    rows = []
    for (m, ms, me), enc, men in zip(marked, encs, ments):
        ids, offs = enc.ids, enc.offsets
        tix = [i for i, (a, b) in enumerate(offs) if a < me and b > ms] or [0]
        t0, t1 = tix[0], tix[-1] + 1
        mid = men.ids[:MENTION_TOKENS]
        budget = max(8, max_len - 3 - len(mid))
        left = max(0, t0 - max(0, (budget - (t1 - t0)) // 2))
        right = min(len(ids), left + budget)
        left = max(0, right - budget)
        ctx = ids[left:right]
        seq = [cls_id] + ctx + [sep_id] + mid + [sep_id]
        types = [0] * (len(ctx) + 2) + [1] * (len(mid) + 1)
        tmask = [0.0] * len(seq)
        for i in range(max(t0, left), min(t1, right)):
            tmask[1 + i - left] = 1.0
        if not any(tmask):
            tmask[0] = 1.0
        rows.append((seq, types, tmask))
    n = max(len(r[0]) for r in rows)
    ids = np.zeros((len(rows), n), dtype=np.int64)
    tt = np.zeros((len(rows), n), dtype=np.int64)
    am = np.zeros((len(rows), n), dtype=np.int64)
    tm = np.zeros((len(rows), n), dtype=np.float32)
    for i, (seq, types, tmask) in enumerate(rows):
        ids[i, : len(seq)] = seq
        tt[i, : len(seq)] = types
        am[i, : len(seq)] = 1
        tm[i, : len(seq)] = tmask
    return ids, am, tt, tm


# --------------------------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------------------------
def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class LinearStanceModel:
    """Softmax regression over :func:`linear_features`; numpy only, thousands of targets/s."""

    method = "linear n-grams + lexicon"

    def __init__(self, path):
        """``path``: an ``.npz`` file (or a binary file object holding one)."""
        with np.load(path, allow_pickle=False) as z:
            self.vocab = {f: i for i, f in enumerate(json.loads(str(z["vocab"])))}
            self.W = z["W"].astype(np.float32)
            self.b = z["b"].astype(np.float32)
            self.labels = tuple(json.loads(str(z["labels"])))

    def predict_proba(self, items: Sequence[tuple[str, int, int]]) -> np.ndarray:
        out = np.empty((len(items), len(self.labels)), dtype=np.float32)
        for r, (t, s, e) in enumerate(items):
            z = self.b.copy()
            for k, v in linear_features(t, s, e).items():
                j = self.vocab.get(k)
                if j is not None:
                    z += v * self.W[j]
            out[r] = z
        return _softmax(out)

    def explain(self, text: str, start: int, end: int, label: str, k: int = 5) -> list[str]:
        c = self.labels.index(label)
        contrib = []
        for f, v in linear_features(text, start, end).items():
            j = self.vocab.get(f)
            if j is not None:
                w = self.W[j]
                contrib.append((v * (w[c] - w.mean()), f))
        contrib.sort(reverse=True)
        return [f"{f} ({c:+.2f})" for c, f in contrib[:k] if c > 0]


class OnnxStanceModel:
    """The fine-tuned MiniLM (int8 ONNX) with its tokenizer embedded in the model's metadata."""

    method = "MiniLM on NewsMTSC (int8 ONNX)"  # the model's metadata says more

    def __init__(self, path: Path, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
        meta = self.session.get_modelmeta().custom_metadata_map
        try:
            self.tokenizer = Tokenizer.from_str(meta["tokenizer_json"])
            self.labels = tuple(json.loads(meta["labels"]))
            self.max_len = int(meta["max_len"])
        except KeyError as exc:
            raise QuoteLensError(
                f"stance model {path} lacks metadata {exc}: retrain with benchmarks/train_stance.py"
            ) from None
        self.head = None
        if "head_npz_b64" in meta:  # a frozen encoder's features + a small MLP head in numpy
            import base64
            import io

            with np.load(io.BytesIO(base64.b64decode(meta["head_npz_b64"])), allow_pickle=False) as z:
                self.head = {k: z[k].astype(np.float32) for k in z.files}
        self.linear, self.mix = None, 1.0
        if "linear_npz_b64" in meta:  # mixed in probability space with weight ``mix_weight``
            import base64
            import io

            self.linear = LinearStanceModel(io.BytesIO(base64.b64decode(meta["linear_npz_b64"])))
            self.mix = float(meta.get("mix_weight", 0.5))
        self.method = meta.get("method", self.method)
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.inputs = {i.name for i in self.session.get_inputs()}
        self._lock = threading.Lock()

    def _apply_head(self, f: np.ndarray) -> np.ndarray:
        h = self.head
        x = (f - h["mu"]) / h["sd"]
        if "W" in h:  # softmax regression
            return x @ h["W"] + h["b"]
        x = x @ h["W1"] + h["b1"]
        x = 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))  # GELU (tanh form)
        return x @ h["W2"] + h["b2"]

    def predict_proba(self, items: Sequence[tuple[str, int, int]], batch_size: int = 16) -> np.ndarray:
        if not items:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        # Sort by length so that batches pad little; restore the order at the end.
        order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
        out = np.empty((len(items), len(self.labels)), dtype=np.float32)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            ids, am, tt, tm = encode_batch(self.tokenizer, [items[i] for i in idx], self.max_len)
            feed = {"input_ids": ids, "attention_mask": am, "token_type_ids": tt, "target_mask": tm}
            feed = {k: v for k, v in feed.items() if k in self.inputs}
            with self._lock:
                logits = self.session.run(None, feed)[0].astype(np.float32)
            if self.head is not None:
                logits = self._apply_head(logits)
            out[idx] = _softmax(logits)
        if self.linear is not None and self.mix < 1.0:
            out = self.mix * out + (1.0 - self.mix) * self.linear.predict_proba(items)
        return out


_MODELS: dict = {}


def load_model(path: str | Path | None = None, threads: int = 1):
    """The stance model at ``path`` (default: the shipped ONNX file), cached per path.

    ``.onnx`` files load as :class:`OnnxStanceModel`, ``.npz`` as :class:`LinearStanceModel`.
    """
    path = Path(DEFAULT_MODEL if path is None else path)
    key = (str(path.resolve()), threads)
    if key not in _MODELS:
        if not path.exists():
            raise QuoteLensError(
                f"stance model not found: {path} (train one with benchmarks/train_stance.py)"
            )
        if path.suffix == ".onnx":
            _MODELS[key] = OnnxStanceModel(path, threads=threads)
        elif path.suffix == ".npz":
            _MODELS[key] = LinearStanceModel(path)
        else:
            raise QuoteLensError(f"stance model {path}: expected a .onnx or .npz file")
    return _MODELS[key]


def _to_stance(model, item: tuple[str, int, int], p: np.ndarray) -> Stance:
    labels = model.labels
    label = labels[int(np.argmax(p))]
    score = float(p[labels.index("favor")] - p[labels.index("against")])
    ev = [f"{w} ({v:+.2f})" for w, v in lexicon_evidence(*item)[:5]]
    if isinstance(model, LinearStanceModel):
        ev = model.explain(*item, label=label) + ev
    probs = {lab: round(float(x), 3) for lab, x in zip(labels, p)}
    ev.append("p(" + ", ".join(f"{k}={v:.2f}" for k, v in probs.items()) + ")")
    return Stance(label=label, score=max(-1.0, min(1.0, score)), evidence=tuple(ev), probs=probs,
                  method=model.method)


def polarities(items: Sequence[tuple[str, int, int]], model=None) -> list[Stance]:
    """:func:`polarity_toward` for many ``(text, start, end)`` items at once (batched)."""
    items = [(t, int(s), int(e)) for t, s, e in items]
    for t, s, e in items:
        _check_span(t, s, e)
    m = load_model() if model is None else (load_model(model) if isinstance(model, (str, Path)) else model)
    probs = m.predict_proba(items)
    return [_to_stance(m, it, p) for it, p in zip(items, probs)]


def polarity_toward(text: str, start: int, end: int, model=None) -> Stance:
    """The polarity ``text`` expresses toward the target mention ``text[start:end]``.

    >>> polarity_toward("We thank Ukraine for its courage.", 9, 16).label
    'favor'
    """
    return polarities([(text, start, end)], model=model)[0]


# --------------------------------------------------------------------------------------------
# Targets and alias matching
# --------------------------------------------------------------------------------------------
_POSS = r"(?:['’]s?)?"


def _norm_alias(s: str) -> str:
    s = re.sub(r"['’]s?(?=\s|$)", "", s.strip().lower())
    return re.sub(r"\s+", " ", s)


def _alias_regex(alias: str) -> str:
    """Regex for one alias: all-lower-case aliases match any case, others match as written."""
    parts = [re.escape(p) for p in alias.split()]
    parts = [re.sub(r"['’]s?$|\\'s?$", _POSS, p) if re.search(r"['’]s?$", p) else p for p in parts]
    body = r"\s+".join(parts)
    return body if alias != alias.lower() else f"(?i:{body})"


def split_aliases(value) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return [a.strip() for a in str(value).split(";") if a.strip()]


def _speaker_aliases(name: str, kind: str | None) -> list[str]:
    out = [name]
    words = name.split()
    if (kind or "person") == "person" and len(words) >= 2 and words[-1][:1].isupper():
        out.append(words[-1])
    return out


def load_targets(path: str | Path | None = None, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Targets table ``target, aliases (list), type, source`` from ``targets.csv`` + speakers.

    Speakers in ``quotes`` whose name or surname is not already an alias become targets of their
    own (type from ``speaker_type``), so that what speakers say about each other is scored too.
    """
    path = Path(path) if path is not None else DEFAULT_TARGETS
    if not path.exists():
        raise InputError(f"targets file not found: {path}")
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in TARGET_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"targets file {path}: missing column(s) {', '.join(missing)}")
        rows = []
        for n, r in enumerate(reader, start=2):
            name = (r["target"] or "").strip()
            if not name:
                raise InputError(f"targets file {path}, line {n}: empty target name")
            aliases = split_aliases(r["aliases"])
            if name not in aliases and not any(_norm_alias(a) == _norm_alias(name) for a in aliases):
                aliases.insert(0, name)
            rows.append({"target": name, "aliases": aliases,
                         "type": (r["type"] or "other").strip().lower(), "source": "targets.csv"})
    if quotes is not None and len(quotes) and "speaker" in quotes:
        known = {_norm_alias(a) for r in rows for a in r["aliases"]}
        kinds = quotes.get("speaker_type", pd.Series([None] * len(quotes), index=quotes.index))
        seen = set()
        for spk, kind in zip(quotes["speaker"], kinds):
            if not isinstance(spk, str) or not spk.strip() or spk in seen:
                continue
            seen.add(spk)
            al = _speaker_aliases(spk.strip(), kind if isinstance(kind, str) else None)
            if any(_norm_alias(a) in known for a in al):
                continue
            rows.append({"target": spk.strip(), "aliases": al,
                         "type": kind if isinstance(kind, str) else "person", "source": "speaker"})
            known.update(_norm_alias(a) for a in al)
    df = pd.DataFrame(rows, columns=["target", "aliases", "type", "source"])
    if df["target"].duplicated().any():
        dup = df.loc[df["target"].duplicated(), "target"].tolist()
        raise InputError(f"targets file {path}: duplicate target(s) {dup}")
    return df


class TargetMatcher:
    """Finds every target alias in a text: word-bounded, possessive-aware, longest match first."""

    def __init__(self, targets: pd.DataFrame):
        self.by_alias: dict[str, str] = {}
        pats = []
        for name, aliases in zip(targets["target"], targets["aliases"]):
            for a in aliases if isinstance(aliases, list) else split_aliases(aliases):
                key = _norm_alias(a)
                if key and key not in self.by_alias:
                    self.by_alias[key] = name
                    pats.append((len(a), _alias_regex(a)))
        pats.sort(key=lambda x: -x[0])
        body = "|".join(p for _, p in pats) or r"(?!x)x"
        self.regex = re.compile(rf"(?<![\w])(?:{body}){_POSS}(?![\w])")

    def find(self, text: str) -> list[tuple[str, int, int, str]]:
        """``(target, start, end, mention)`` for each alias occurrence, in text order."""
        out = []
        for m in self.regex.finditer(text):
            key = _norm_alias(m.group(0))
            name = self.by_alias.get(key)
            if name is None:  # possessive or spacing variant: fall back to the stem
                name = self.by_alias.get(_norm_alias(re.sub(r"['’]s?$", "", m.group(0))))
            if name is not None:
                out.append((name, m.start(), m.end(), m.group(0)))
        return out


def find_mentions(text: str, targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every target alias in ``text``: ``target, start, end, mention``.

    >>> t = pd.DataFrame({"target": ["Russia", "Putin"], "aliases": [["Russia"], ["Russia's president"]]})
    >>> find_mentions("Russia's president met Russia's allies.", t)["target"].tolist()
    ['Putin', 'Russia']
    """
    targets = load_targets() if targets is None else targets
    rows = TargetMatcher(targets).find(text)
    return pd.DataFrame(rows, columns=["target", "start", "end", "mention"])


# --------------------------------------------------------------------------------------------
# Quotes -> stances
# --------------------------------------------------------------------------------------------
_WE = re.compile(r"(?<!\w)(?i:we|us|our|ours|ourselves)(?!\w)")
_YOU = re.compile(r"(?<!\w)(?i:you|your|yours|yourself|yourselves)(?!\w)")
REQUIRED_QUOTE_COLUMNS = ["quote_id", "text", "speaker"]

QUOTE_STANCE_COLUMNS = [
    "quote_id", "speaker", "target", "mention", "via", "mention_start", "mention_end",
    "start", "end", "label", "score", "p_against", "p_neutral", "p_favor", "evidence", "snippet",
]


def _check_quotes(quotes: pd.DataFrame) -> None:
    if not isinstance(quotes, pd.DataFrame):
        raise InputError(f"stance: expected a quote table (DataFrame), got {type(quotes).__name__}")
    missing = [c for c in REQUIRED_QUOTE_COLUMNS if c not in quotes.columns]
    if missing:
        raise InputError(f"stance: quote table lacks column(s) {', '.join(missing)}")


def _group_of(name, mention, matcher: TargetMatcher, types: dict) -> str | None:
    """The group target a speaker speaks for, when their name or description is its alias."""
    for s in (name, mention):
        if not isinstance(s, str) or not s.strip():
            continue
        for tgt, _, _, _ in matcher.find(s):
            if types.get(tgt) in GROUP_TYPES:
                return tgt
    return None


def _target_of(name, matcher: TargetMatcher) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    found = matcher.find(name)
    return found[0][0] if found else None


def _context(text: str, s: int, e: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``text[s:e]`` (the unit the model was trained on)."""
    for a, b in sentence_spans(text):
        if a <= s < b:
            if b - a < 25:  # a stub sentence: give the model the whole quote
                return 0, len(text)
            return a, max(b, e)
    return 0, len(text)


def _snippet(text: str, s: int, e: int, width: int = 60) -> str:
    a, b = max(0, s - width), min(len(text), e + width)
    return ("…" if a > 0 else "") + _SPACES.sub(" … ", text[a:b].replace("\n", " ")) + ("…" if b < len(text) else "")


#: The blanked attribution inside a split quote (see ``helpers.quotes.spoken_text``).
_SPACES = re.compile(r" {4,}")


def quote_stances(quotes: pd.DataFrame, targets: pd.DataFrame | None = None, model=None) -> pd.DataFrame:
    """One row per quote x target mention, scored; offsets are into the quote (``mention_*``)
    and into the article (``start, end``, when the quote table has ``start``).

    ``via`` says how the mention was found: ``alias``, ``we -> speaker's group``, or
    ``you -> addressee``.
    """
    _check_quotes(quotes)
    targets = load_targets(quotes=quotes) if targets is None else targets
    matcher = TargetMatcher(targets)
    types = dict(zip(targets["target"], targets["type"]))
    rows, items = [], []
    for q, text in zip(quotes.itertuples(index=False), spoken_texts(quotes)):
        if not isinstance(text, str) or not text.strip():
            continue
        speaker = getattr(q, "speaker", None)
        found = [(t, s, e, m, "alias") for t, s, e, m in matcher.find(text)]
        group = _group_of(speaker, getattr(q, "speaker_mention", None), matcher, types)
        if group:
            found += [(group, m.start(), m.end(), m.group(0), "we -> speaker's group")
                      for m in _WE.finditer(text)]
        addressee = _target_of(getattr(q, "addressee", None), matcher)
        if addressee:
            found += [(addressee, m.start(), m.end(), m.group(0), "you -> addressee")
                      for m in _YOU.finditer(text)]
        qstart = getattr(q, "start", None)
        for tgt, s, e, m, via in sorted(found, key=lambda x: x[1]):
            a, b = _context(text, s, e)
            items.append((text[a:b], s - a, e - a))
            rows.append({
                "quote_id": int(getattr(q, "quote_id")), "speaker": speaker, "target": tgt,
                "mention": m, "via": via, "mention_start": s, "mention_end": e,
                "start": (int(qstart) + s) if qstart is not None and not pd.isna(qstart) else pd.NA,
                "end": (int(qstart) + e) if qstart is not None and not pd.isna(qstart) else pd.NA,
                "snippet": _snippet(text, s, e),
                **({"period": getattr(q, "period")} if "period" in quotes.columns else {}),
            })
    stances = polarities(items, model=model) if items else []
    for r, st in zip(rows, stances):
        r.update(label=st.label, score=round(st.score, 4), p_against=st.probs.get("against"),
                 p_neutral=st.probs.get("neutral"), p_favor=st.probs.get("favor"),
                 evidence=list(st.evidence))
    cols = QUOTE_STANCE_COLUMNS + (["period"] if "period" in quotes.columns else [])
    df = pd.DataFrame(rows, columns=cols)
    df["start"] = df["start"].astype("Int64")
    df["end"] = df["end"].astype("Int64")
    return df


STANCE_COLUMNS = ["speaker", "target", "label", "score", "n_quotes", "n_mentions",
                  "p_against", "p_neutral", "p_favor", "evidence"]
UNRESOLVED = "(unresolved)"


def aggregate_stances(qs: pd.DataFrame) -> pd.DataFrame:
    """Per speaker x target: mean class probabilities per quote, then the mean over quotes.

    Each quote weighs the same however often it names the target. ``score`` = mean p(favor) -
    mean p(against); ``label`` = the class with the highest mean probability.
    """
    if qs.empty:
        return pd.DataFrame(columns=STANCE_COLUMNS)
    qs = qs.assign(speaker=qs["speaker"].where(qs["speaker"].notna(), UNRESOLVED))
    per_quote = (qs.groupby(["speaker", "target", "quote_id"], sort=False)[["p_against", "p_neutral", "p_favor"]]
                 .mean().reset_index())
    agg = per_quote.groupby(["speaker", "target"], sort=False).agg(
        p_against=("p_against", "mean"), p_neutral=("p_neutral", "mean"),
        p_favor=("p_favor", "mean"), n_quotes=("quote_id", "nunique")).reset_index()
    n_m = qs.groupby(["speaker", "target"], sort=False).size().rename("n_mentions").reset_index()
    agg = agg.merge(n_m, on=["speaker", "target"])
    probs = agg[["p_against", "p_neutral", "p_favor"]].to_numpy()
    agg["label"] = [LABELS[i] for i in probs.argmax(axis=1)]
    agg["score"] = (agg["p_favor"] - agg["p_against"]).clip(-1, 1).round(4)
    ev = {}
    for (spk, tgt), g in qs.groupby(["speaker", "target"], sort=False):
        ev[(spk, tgt)] = [{"quote_id": int(r.quote_id), "snippet": r.snippet, "words": list(r.evidence),
                           "label": r.label, "score": float(r.score)} for r in g.itertuples()]
    agg["evidence"] = [ev[(s, t)] for s, t in zip(agg["speaker"], agg["target"])]
    for c in ("p_against", "p_neutral", "p_favor"):
        agg[c] = agg[c].round(4)
    return agg[STANCE_COLUMNS].sort_values(["speaker", "target"], kind="stable").reset_index(drop=True)


def stance_table(quotes: pd.DataFrame, targets: pd.DataFrame | None = None, model=None) -> pd.DataFrame:
    """Speaker x target stance: ``speaker, target, label, score, n_quotes, evidence`` (+ counts
    and mean probabilities); ``evidence`` lists ``{quote_id, snippet, words}`` per mention."""
    return aggregate_stances(quote_stances(quotes, targets, model=model))


# --------------------------------------------------------------------------------------------
# Time: the period the article gives for each quote
# --------------------------------------------------------------------------------------------
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_NUMS = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|\\d+"
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PERIOD_PATTERNS = [
    rf"(?:(?:early|mid|late)[- ])?(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}",
    rf"\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}}",
    rf"(?:(?:early|mid|late)[- ])?(?:{_MONTHS})\s+(?:of\s+)?(?:19|20)\d{{2}}",
    rf"\d{{1,2}}\s+(?:{_MONTHS})",
    rf"(?:{_MONTHS})\s+\d{{1,2}}(?!\d)",
    r"(?i:(?:earlier|later)\s+this\s+(?:week|month|year))",
    r"(?i:(?:this|last|next|past)\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter))",
    rf"(?i:(?:{_NUMS})\s+(?:days?|weeks?|months?|years?)\s+ago)",
    r"(?i:in\s+recent\s+(?:days|weeks|months))",
    r"(?i:(?:yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening))?)",
    rf"(?:on\s+)?(?:{_DAYS})(?:\s+(?:morning|afternoon|evening|night))?",
    r"(?<=\b[Ii]n\s)(?:19|20)\d{2}s?",
]
_PERIOD = re.compile(r"(?<![\w])(?:" + "|".join(_PERIOD_PATTERNS) + r")(?![\w])")
_WORDNUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "several": 3, "a few": 3}


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """Date and period expressions in ``text``: ``(start, end, expression)``.

    >>> [p for _, _, p in find_periods("In October 2019, he said so; two weeks ago he did not.")]
    ['October 2019', 'two weeks ago']
    """
    out = []
    for m in _PERIOD.finditer(text):
        s = m.group(0)
        st = m.start()
        if s.lower().startswith("on "):
            s, st = s[3:], st + 3
        out.append((st, m.end(), re.sub(r"\s+", " ", s)))
    return out


def period_sort_key(period) -> float:
    """A sortable number: dated periods by year and month; relative ones (``last week``) after
    every dated one, the more recent the larger. ``nan`` when there is no period."""
    if not isinstance(period, str) or not period:
        return float("nan")
    p = period.lower()
    ym = re.search(r"(19|20)\d{2}", p)
    if ym:
        year = int(ym.group(0))
        mon = next((i for i, m in enumerate(_MONTHS.lower().split("|")[:12], 1) if m in p), 0)
        return year + mon / 13.0
    days = None
    m = re.match(rf"({_NUMS})\s+(day|week|month|year)s?\s+ago", p)
    if m:
        n = _WORDNUM.get(m.group(1), None) or int(m.group(1)) if m.group(1).isdigit() or m.group(1) in _WORDNUM else 1
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
    elif "last" in p or "past" in p:
        days = {"week": 7, "weekend": 7, "month": 30, "year": 365}.get(p.split()[-1], 90)
    elif "recent" in p:
        days = 20
    elif "yesterday" in p:
        days = 1
    elif any(w in p for w in ("this", "today", "tonight", "earlier")):
        days = 0
    elif any(d.lower() in p for d in _DAYS.split("|")):
        days = 3
    elif re.search(_MONTHS.lower(), p):
        return 9000.0  # a day of a month in the article's own year
    if days is None:
        return float("nan")
    return 10000.0 - days


def add_periods(quotes: pd.DataFrame, text: str) -> pd.DataFrame:
    """Add ``period``, ``period_start``, ``period_end``, ``period_from``: the date or period the
    article gives for each quote, from the quote's sentence, else its paragraph (the text of
    quotes is masked: a date *inside* a quote is what it talks about, not when it was said).
    """
    _check_quotes(quotes)
    if not isinstance(text, str):
        raise InputError("add_periods: text must be the article text the quote offsets point into")
    for c in ("start", "end"):
        if c not in quotes.columns:
            raise InputError(f"add_periods: quote table lacks column {c!r}")
    masked = list(text)
    said = fragment_spans(quotes)  # a split quote's attribution ("In October 2019, X informed Y") stays
    for spans in said:
        for s, e in spans:
            for i in range(s, min(e, len(text))):
                if not text[i].isspace():
                    masked[i] = "x"
    masked = "".join(masked)
    paras = paragraph_spans(text)
    sents = [sp for a, b in paras for sp in sentence_spans(text, a, b)]
    found = find_periods(masked)
    spans_by_speaker: dict = {}
    for spans, spk in zip(said, quotes["speaker"]):
        if isinstance(spk, str):
            spans_by_speaker.setdefault(spk, []).extend(spans)

    def sentence_of(pos: int) -> tuple[int, int]:
        return next(((a, b) for a, b in sents if a <= pos < b), (pos, pos + 1))

    def speaks_there(spk, pos: int) -> bool:
        """Paragraph fallback: the period's sentence must hold a quote of the same speaker
        (the attribution "In October 2019, Lukashenko informed Zelenskiy, ..."), not narrate
        some other event of the paragraph."""
        a, b = sentence_of(pos)
        return any(qs < b and qe > a for qs, qe in spans_by_speaker.get(spk, []))

    out = quotes.copy()
    per, ps, pe, pf = [], [], [], []
    for s, e, spk in zip(quotes["start"], quotes["end"], quotes["speaker"]):
        best = None
        if not (pd.isna(s) or pd.isna(e)):
            s, e = int(s), int(e)
            sa = min((a for a, b in sents if a <= s < b or a < e <= b), default=s)
            sb = max((b for a, b in sents if a <= s < b or a < e <= b), default=e)
            para = next(((a, b) for a, b in paras if a <= s < b), (sa, sb))
            for lo, hi, where in ((sa, sb, "sentence"), (para[0], para[1], "paragraph")):
                cands = [(min(abs(ps_ - e), abs(s - pe_)), ps_, pe_, p) for ps_, pe_, p in found
                         if lo <= ps_ and pe_ <= hi
                         and (where == "sentence" or speaks_there(spk, ps_))]
                if cands:
                    d, a, b, p = min(cands)
                    best = (p, a, b, where)
                    break
        per.append(best[0] if best else None)
        ps.append(best[1] if best else pd.NA)
        pe.append(best[2] if best else pd.NA)
        pf.append(best[3] if best else None)
    out["period"] = per
    out["period_start"] = pd.array(ps, dtype="Int64")
    out["period_end"] = pd.array(pe, dtype="Int64")
    out["period_from"] = pf
    return out


def stance_over_time(qs: pd.DataFrame) -> pd.DataFrame:
    """Per speaker x target x period: mean score and quote count, in time order (from
    :func:`quote_stances` run on quotes that went through :func:`add_periods`)."""
    if "period" not in qs.columns:
        raise InputError("stance_over_time: run add_periods on the quotes first (no 'period' column)")
    d = qs.dropna(subset=["period"])
    if d.empty:
        return pd.DataFrame(columns=["speaker", "target", "period", "order", "score", "n_quotes"])
    g = d.groupby(["speaker", "target", "period"]).agg(score=("score", "mean"),
                                                        n_quotes=("quote_id", "nunique")).reset_index()
    g["order"] = g["period"].map(period_sort_key)
    g["score"] = g["score"].round(4)
    return g.sort_values(["speaker", "target", "order"]).reset_index(drop=True)[
        ["speaker", "target", "period", "order", "score", "n_quotes"]]


# --------------------------------------------------------------------------------------------
# NewsMTSC reading (benchmarks and training only; the workbook never reads ../shared)
# --------------------------------------------------------------------------------------------
def read_newsmtsc(path: str | Path) -> list[tuple[str, int, int, str]]:
    """``(sentence, from, to, label)`` for every target of a NewsMTSC jsonl file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            for t in r["targets"]:
                out.append((r["sentence_normalized"], int(t["from"]), int(t["to"]),
                            POLARITY_CODES[float(t["polarity"])]))
    return out


def macro_f1(gold: Iterable[str], pred: Iterable[str], labels: Sequence[str] = LABELS) -> float:
    """Unweighted mean of per-class F1 over ``labels``."""
    gold, pred = list(gold), list(pred)
    f1s = []
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s))


# --------------------------------------------------------------------------------------------
# Display helpers for notebook 04 (escaped HTML, one figure)
# --------------------------------------------------------------------------------------------
def targets_display(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets table with aliases as one ``; ``-joined string (as in ``targets.csv``)."""
    out = targets.copy()
    out["aliases"] = out["aliases"].map(lambda a: "; ".join(a) if isinstance(a, list) else a)
    return out


def stance_table_html(table: pd.DataFrame, max_evidence: int = 3) -> str:
    """Speaker x target stance as an escaped HTML table, each row with its evidence snippets."""
    import html

    if table.empty:
        return "<p><em>No target is mentioned in any quote.</em></p>"
    colors = {"against": "#c0392b", "neutral": "#555", "favor": "#1f6fb2"}
    rows = []
    for r in table.itertuples(index=False):
        ev = []
        for e in r.evidence[:max_evidence]:
            words = ", ".join(w for w in e["words"] if not w.startswith("p("))[:160]
            ev.append(f"<li>#{int(e['quote_id'])} <q>{html.escape(e['snippet'])}</q> "
                      f"<small>({html.escape(e.get('label', ''))} {e.get('score', 0):+.2f}; "
                      f"{html.escape(words) or 'no lexicon word nearby'})</small></li>")
        more = len(r.evidence) - max_evidence
        if more > 0:
            ev.append(f"<li><em>and {more} more</em></li>")
        rows.append(
            f"<tr><td>{html.escape(str(r.speaker))}</td><td>{html.escape(str(r.target))}</td>"
            f"<td style='color:{colors.get(r.label, '#000')}'><b>{html.escape(r.label)}</b></td>"
            f"<td>{r.score:+.2f}</td><td>{int(r.n_quotes)}</td><td><ul style='margin:0'>{''.join(ev)}</ul></td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ["speaker", "target", "label", "score", "quotes", "evidence"])
    return f"<table class='ql-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def stance_over_time_chart(over: pd.DataFrame, ax=None, title: str | None = None):
    """Score per period (x, in time order) for each speaker -> target pair quoted in two or more
    periods (every dated pair when none is)."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 3.5))
    else:
        fig = ax.figure
    if over is None or over.empty:
        ax.text(0.5, 0.5, "No quote carries a date or period", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    n_periods = over.groupby(["speaker", "target"])["period"].transform("nunique")
    if (n_periods >= 2).any():  # a change needs two periods; single points stay in the table
        over = over[n_periods >= 2]
    periods = over.drop_duplicates("period").sort_values("order")["period"].tolist()
    x = {p: i for i, p in enumerate(periods)}  # ordinal axis: in order, not to scale
    cmap = plt.get_cmap("tab20")
    for k, ((spk, tgt), g) in enumerate(over.groupby(["speaker", "target"], sort=False)):
        g = g.sort_values("order")
        ax.plot([x[p] for p in g["period"]], g["score"], marker="os^Dv<>"[k % 7], color=cmap(k % 20),
                label=f"{spk} → {tgt}")
    ax.axhline(0, color="#999", lw=0.8)
    ax.set_xticks(range(len(periods)), periods, rotation=20, ha="right")
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("stance score (favor − against)")
    ax.set_title(title or "Stance over time (periods as the article gives them)")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    fig.tight_layout()
    return fig
