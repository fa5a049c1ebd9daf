"""The ``minilm`` method's numpy encoder and scoring path, on a tiny BERT built in the test.

The real all-MiniLM-L6-v2 comes from the optional ``[train]`` extra, so the tests of it in
test_sentiment.py are skipped in CI. Here every test builds, in ``tmp_path``, a 2-layer BERT
(hidden 8, 2 heads) with seeded random weights in a hand-written ``model.safetensors``, a
``config.json`` and a WordPiece ``tokenizer.json`` made with ``tokenizers``: no network, no model
download. The encoder is checked against a plainly written reference forward pass.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from helpers import sentiment as S
from helpers.errors import QuoteLensError

HIDDEN, HEADS, LAYERS, INTERMEDIATE, MAX_POS, EPS = 8, 2, 2, 16, 32, 1e-12

WORDS = ["the", "army", "said", "drills", "were", "peaceful", "brutal", "attack", "on",
         "border", "a", "wonderful", "offer", "we", "are", "grateful", "disgrace", ",", ".", "!",
         "minister", "troops", "moved", "near", "belarus"]
VOCAB = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS,
                                         "##s", "##ed", "##ing"])}
CLS, SEP, UNK = VOCAB["[CLS]"], VOCAB["[SEP]"], VOCAB["[UNK]"]

TEXTS = [
    "Peaceful.",
    "The army said the drills were peaceful.",
    "A brutal attack on the border, the minister said!",
    "We are grateful",
    "Troops moved near Belarus, a disgrace.",
]


# --- building the tiny model ------------------------------------------------------------------

def _weights(seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def mat(*shape, scale=0.5):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    def ln(prefix):
        return {prefix + ".weight": (1.0 + rng.standard_normal(HIDDEN) * 0.2).astype(np.float32),
                prefix + ".bias": mat(HIDDEN, scale=0.2)}

    w = {"embeddings.word_embeddings.weight": mat(len(VOCAB), HIDDEN, scale=1.0),
         "embeddings.position_embeddings.weight": mat(MAX_POS, HIDDEN),
         "embeddings.token_type_embeddings.weight": mat(2, HIDDEN),
         **ln("embeddings.LayerNorm")}
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for name in ("attention.self.query", "attention.self.key", "attention.self.value",
                     "attention.output.dense"):
            w[p + name + ".weight"] = mat(HIDDEN, HIDDEN)
            w[p + name + ".bias"] = mat(HIDDEN, scale=0.2)
        w[p + "intermediate.dense.weight"] = mat(INTERMEDIATE, HIDDEN)
        w[p + "intermediate.dense.bias"] = mat(INTERMEDIATE, scale=0.2)
        w[p + "output.dense.weight"] = mat(HIDDEN, INTERMEDIATE)
        w[p + "output.dense.bias"] = mat(HIDDEN, scale=0.2)
        w.update(ln(p + "attention.output.LayerNorm"))
        w.update(ln(p + "output.LayerNorm"))
    # tensors real checkpoints carry and the encoder must read without tripping: an int64 buffer
    # and a pooler it never uses
    w["embeddings.position_ids"] = np.arange(MAX_POS, dtype=np.int64)[None]
    w["pooler.dense.weight"] = mat(HIDDEN, HIDDEN)
    return w


def _write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    """The safetensors format by hand: u64 LE header size, JSON header, raw little-endian bytes."""
    dtypes = {np.dtype(np.float32): "F32", np.dtype(np.int64): "I64"}
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, arr in tensors.items():
        raw = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtypes[arr.dtype], "shape": list(arr.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the format pads the header to 8 bytes with spaces
    path.write_bytes(len(text).to_bytes(8, "little") + text + b"".join(blobs))


def _write_tokenizer(path: Path) -> None:
    tok = Tokenizer(models.WordPiece(VOCAB, unk_token="[UNK]", max_input_chars_per_word=100))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", CLS), ("[SEP]", SEP)])
    tok.decoder = decoders.WordPiece()
    tok.save(str(path))


@pytest.fixture(scope="module")
def weights() -> dict[str, np.ndarray]:
    return _weights()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, weights) -> Path:
    d = tmp_path_factory.mktemp("tiny_minilm")
    (d / "config.json").write_text(json.dumps({
        "model_type": "bert", "hidden_size": HIDDEN, "num_attention_heads": HEADS,
        "num_hidden_layers": LAYERS, "intermediate_size": INTERMEDIATE,
        "max_position_embeddings": MAX_POS, "layer_norm_eps": EPS, "vocab_size": len(VOCAB),
        "type_vocab_size": 2, "hidden_act": "gelu"}), encoding="utf-8")
    _write_safetensors(d / "model.safetensors", weights)
    _write_tokenizer(d / "tokenizer.json")
    return d


@pytest.fixture(scope="module")
def encoder(model_dir) -> S.MiniLMEncoder:
    return S.MiniLMEncoder(model_dir)


# --- an independent reference: one sequence, no padding, float64, loops over heads ----------------

def _ids(text: str) -> list[int]:
    """Token ids by hand: the test texts are lower-cased words and punctuation from VOCAB."""
    words = text.lower().replace(",", " , ").replace(".", " . ").replace("!", " ! ").split()
    return [CLS] + [VOCAB.get(word, UNK) for word in words] + [SEP]


def _ref_layer_norm(x, w, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * w + b


def _reference(weights, ids: list[int]) -> np.ndarray:
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    n, d = len(ids), HIDDEN // HEADS
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = _ref_layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    gelu = np.vectorize(lambda v: 0.5 * v * (1.0 + math.erf(v / math.sqrt(2.0))))
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."

        def dense(v, name):
            return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q, k, v = (dense(x, "attention.self." + n_) for n_ in ("query", "key", "value"))
        ctx = np.zeros_like(x)
        for h in range(HEADS):
            cols = slice(h * d, (h + 1) * d)
            scores = q[:, cols] @ k[:, cols].T / math.sqrt(d)
            probs = np.exp(scores - scores.max(axis=1, keepdims=True))
            probs /= probs.sum(axis=1, keepdims=True)
            ctx[:, cols] = probs @ v[:, cols]
        x = _ref_layer_norm(x + dense(ctx, "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        x = _ref_layer_norm(x + dense(gelu(dense(x, "intermediate.dense")), "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(axis=0)  # one unpadded sequence: the masked mean is the plain mean
    return pooled / np.linalg.norm(pooled)


# --- 1. the encoder against the reference ---------------------------------------------------------

def test_safetensors_reader_returns_every_tensor_exactly(model_dir, weights):
    read = S.MiniLMEncoder._read_safetensors(model_dir / "model.safetensors")
    assert set(read) == set(weights)  # __metadata__ skipped
    for name, arr in weights.items():
        assert read[name].dtype == arr.dtype, name
        if arr.dtype == np.int64:  # int buffers come back flat (unused by the forward pass)
            np.testing.assert_array_equal(read[name].ravel(), arr.ravel())
            continue
        assert read[name].shape == arr.shape, name
        np.testing.assert_array_equal(read[name], arr)


def test_tokenizer_gives_cls_words_sep(encoder):
    for text in TEXTS + ["Unheard of words, it is generous"]:
        assert encoder.tokenizer.encode(text).ids == _ids(text), text


def test_encode_matches_the_reference_forward_pass(encoder, weights):
    emb = encoder.encode(TEXTS)
    ref = np.array([_reference(weights, _ids(t)) for t in TEXTS])
    assert emb.shape == (len(TEXTS), HIDDEN) and emb.dtype == np.float32
    np.testing.assert_allclose(emb, ref, atol=1e-5)
    # the texts really differ: a constant or input-blind encoder could not pass the line above
    cos = ref @ ref.T
    assert np.max(cos[~np.eye(len(TEXTS), dtype=bool)]) < 0.999


# --- 2. batching, padding and order ---------------------------------------------------------------

def test_batched_encoding_equals_one_text_at_a_time(encoder):
    alone = np.vstack([encoder.encode([t]) for t in TEXTS])
    for batch_size in (1, 2, 3, 32):
        np.testing.assert_allclose(encoder.encode(TEXTS, batch_size=batch_size), alone, atol=1e-5)


def test_rows_follow_input_order_though_batches_are_sorted_by_length(encoder, weights):
    # longest first, then shortest: sorting by length reorders them inside encode
    texts = [TEXTS[2], TEXTS[0], TEXTS[4], TEXTS[3], TEXTS[1]]
    lengths = [len(_ids(t)) for t in texts]
    assert lengths != sorted(lengths) and len(set(lengths)) < len(lengths)  # unsorted, with a tie
    emb = encoder.encode(texts, batch_size=2)
    for row, text in zip(emb, texts):
        np.testing.assert_allclose(row, _reference(weights, _ids(text)), atol=1e-5)
    np.testing.assert_allclose(encoder.encode(texts[::-1], batch_size=2), emb[::-1], atol=1e-6)


_sentences = st.lists(st.sampled_from(WORDS + ["unknown", "Belarus's"]), min_size=0, max_size=20).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(_sentences, min_size=1, max_size=6), batch_size=st.integers(1, 4))
def test_any_batch_equals_its_texts_encoded_alone(encoder, texts, batch_size):
    emb = encoder.encode(texts, batch_size=batch_size)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    np.testing.assert_allclose(emb, alone, atol=1e-5)


def test_embeddings_have_unit_norm_and_empty_input_has_no_rows(encoder):
    emb = encoder.encode(TEXTS + ["", "!!!"])
    np.testing.assert_allclose(np.linalg.norm(emb, axis=1), 1.0, atol=1e-5)
    assert np.isfinite(emb).all()
    assert encoder.encode([]).shape == (0, HIDDEN)


def test_non_text_input_is_a_clear_error(encoder):
    with pytest.raises(QuoteLensError):
        encoder.encode(["fine", None])


# --- 3. truncation --------------------------------------------------------------------------------

def test_long_text_is_truncated_to_max_length(model_dir, weights):
    long_text = " ".join(["the army said the drills were peaceful ."] * 6)  # 48 words + 2 specials
    assert len(_ids(long_text)) > MAX_POS  # past the position table: untruncated it cannot run
    max_length = 10
    enc = S.MiniLMEncoder(model_dir, max_length=max_length)
    ids = enc.tokenizer.encode(long_text).ids
    cut = [CLS] + _ids(long_text)[1:max_length - 1] + [SEP]
    assert ids == cut
    emb = enc.encode([long_text, "Peaceful."])
    np.testing.assert_allclose(emb[0], _reference(weights, cut), atol=1e-5)
    np.testing.assert_allclose(emb[1], _reference(weights, _ids("Peaceful.")), atol=1e-5)
    # it is the cut sequence that is encoded: the text made of its words alone gives the same row
    np.testing.assert_allclose(emb[0], enc.encode(["the army said the drills were peaceful . the"])[0],
                               atol=1e-5)


def test_default_max_length_is_capped_by_the_models_positions(model_dir, weights):
    long_text = " ".join(["the army said the drills were peaceful ."] * 6)
    enc = S.MiniLMEncoder(model_dir)  # max_length 256, but this model has MAX_POS positions
    cut = [CLS] + _ids(long_text)[1:MAX_POS - 1] + [SEP]
    assert enc.tokenizer.encode(long_text).ids == cut
    np.testing.assert_allclose(enc.encode([long_text])[0], _reference(weights, cut), atol=1e-5)


# --- 4. the scoring path with a tiny head ---------------------------------------------------------

@pytest.fixture
def tiny_method(monkeypatch, tmp_path, encoder):
    """Point the module's encoder factory at the tiny model and its head loader at a head file
    written here; returns a function that writes the head (coef, intercept, threshold)."""
    real_loader = S._minilm_head.__wrapped__  # the real reader, without its cache
    head_file = tmp_path / "head.json"
    monkeypatch.setattr(S, "_minilm_encoder", lambda: encoder)
    monkeypatch.setattr(S, "_minilm_head", lambda path=str(head_file): real_loader(path))

    def write_head(coef, intercept=0.0, threshold=0.2):
        head_file.write_text(json.dumps({"method": "minilm", "coef": [float(c) for c in coef],
                                         "intercept": float(intercept), "threshold": threshold}),
                             encoding="utf-8")
    return write_head


def test_scores_follow_the_embedding_direction_the_head_weights(tiny_method, encoder, weights):
    pos, neg = "We are grateful", "Troops moved near Belarus, a disgrace."
    e_pos, e_neg = (_reference(weights, _ids(t)) for t in (pos, neg))
    # a head pointing from neg's embedding to pos's: pos scores > 0, neg < 0, VADER columns off
    direction = e_pos - e_neg
    coef = np.concatenate([direction * 0.3, [0.0, 0.0, 0.0]])
    tiny_method(coef)
    scores = S.minilm_scores([pos, neg, "The army said the drills were peaceful."])
    assert scores.shape == (3,) and np.all(np.abs(scores) <= 1)
    assert scores[0] > 0 > scores[1]
    feats = np.vstack([_reference(weights, _ids(t)) for t in
                       (pos, neg, "The army said the drills were peaceful.")])
    np.testing.assert_allclose(scores, feats @ direction * 0.3, atol=1e-5)
    # the same head flipped flips the signs; a large intercept is clipped to 1
    tiny_method(-coef)
    flipped = S.minilm_scores([pos, neg])
    assert flipped[0] < 0 < flipped[1]
    tiny_method(coef, intercept=5.0)
    np.testing.assert_array_equal(S.minilm_scores([pos, neg]), [1.0, 1.0])
    assert S.minilm_scores([]).shape == (0,)


def test_features_are_embedding_then_vader_compound_pos_neg(tiny_method, encoder):
    texts = ["It is a brutal, disgraceful attack.", "What a wonderful, generous offer."]
    feats = S.minilm_features(texts, encoder=encoder)
    assert feats.shape == (2, HIDDEN + 3)
    np.testing.assert_allclose(feats[:, :HIDDEN], encoder.encode(texts), atol=1e-6)
    for row, text in zip(feats, texts):
        e = S.explain(text)
        np.testing.assert_allclose(row[HIDDEN:], [e.compound, e.pos, e.neg], atol=1e-6)
    # a head reading only the 'neg' column: the negative text scores below the positive one
    tiny_method(np.r_[np.zeros(HIDDEN), 0.0, 0.0, -1.0])
    scores = S.minilm_scores(texts)
    assert scores[0] < 0 and scores[1] == 0.0
    np.testing.assert_allclose(scores[0], -1.0 * S.explain(texts[0]).neg, atol=1e-6)


def test_compound_minilm_and_labels_use_the_head(tiny_method, weights):
    text = "We are grateful"
    e = _reference(weights, _ids(text))
    tiny_method(np.r_[e * 0.5, 0.0, 0.0, 0.0], threshold=0.2)  # e.e = 1, so the score is 0.5
    value = S.compound(text, method="minilm")
    assert isinstance(value, float)
    assert value == pytest.approx(0.5, abs=1e-5)
    assert S.minilm_label(value) == "positive"
    tiny_method(np.r_[e * -0.5, 0.0, 0.0, 0.0], threshold=0.2)
    assert S.compound(text, method="minilm") == pytest.approx(-0.5, abs=1e-5)
    assert S.minilm_label(-0.5) == "negative" and S.minilm_label(0.1) == "neutral"
    with pytest.raises(QuoteLensError):
        S.compound(None, method="minilm")


def test_second_opinion_end_to_end_offline(tiny_method, weights):
    texts = ["We are grateful", "It is a brutal, disgraceful attack.", "The army said the drills were peaceful."]
    quotes = pd.DataFrame({"quote_id": [10, 11, 12], "start": [0, 100, 200], "text": texts,
                           "speaker": ["A", "B", "A"], "kind": ["direct"] * 3})
    scored = S.score_quotes(quotes)
    # head: from the second text's embedding towards the first's
    e0, e1 = (_reference(weights, _ids(t)) for t in texts[:2])
    coef = np.r_[8.0 * (e0 - e1), 0.0, 0.0, 0.0]
    tiny_method(coef, threshold=0.2)
    out = S.second_opinion(scored)
    assert list(out.columns) == ["quote_id", "speaker", "vader", "vader_label", "minilm",
                                 "minilm_label", "disagree", "text"]
    assert out["quote_id"].tolist() == [10, 11, 12] and out["text"].tolist() == texts
    assert out["vader"].tolist() == scored["compound"].tolist()
    assert out["minilm"].between(-1, 1).all()
    assert out["minilm"].iloc[0] > 0 > out["minilm"].iloc[1]
    expected = np.round(np.clip([_reference(weights, _ids(t)) @ coef[:HIDDEN] for t in texts], -1, 1), 4)
    np.testing.assert_allclose(out["minilm"], expected, atol=2e-4)
    # labels at the head's threshold (0.2), not VADER's 0.05: the third score is about -0.09
    assert abs(out["minilm"].iloc[2]) < 0.2 - 0.05
    assert out["minilm_label"].tolist() == ["positive", "negative", "neutral"]
    assert out["vader_label"].tolist() == ["positive", "negative", "positive"]
    assert out["disagree"].tolist() == [False, False, True]
    assert S.second_opinion(S.score_quotes(quotes.iloc[:0])).empty


def test_missing_head_is_a_clear_error(tiny_method):
    with pytest.raises(QuoteLensError, match="head .* is missing"):
        S.minilm_scores(["We are grateful"])
