"""Stance accuracy on NewsMTSC dev (mt_dev, rw_dev) and throughput on one core.

    .venv/bin/python benchmarks/stance_accuracy.py [--model PATH] [--baseline]

Prints accuracy and 3-class macro-F1 (against/neutral/favor = polarity 2/4/6) per dev set,
their mean, targets/s with one intra-op thread, and the model size. Target (issue 6): mean
macro-F1 >= 0.75 and >= 200 targets/s on one core, offline on the CPU.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.stance import lexicon_evidence, load_model, macro_f1, read_newsmtsc  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "newsmtsc"
TARGET_F1, TARGET_RATE = 0.75, 200.0


def vader_window(items):
    """Reference baseline: the sum of lexicon valences within 8 tokens of the target."""
    out = []
    for t, s, e in items:
        v = sum(x for _, x in lexicon_evidence(t, s, e, window=8))
        out.append("favor" if v > 0.5 else "against" if v < -0.5 else "neutral")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--baseline", action="store_true", help="also print the lexicon-window baseline")
    ap.add_argument("--repeat", type=int, default=3, help="timing passes over both dev sets")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"NewsMTSC not found at {DATA}: nothing to measure")
        return 1
    model = load_model(args.model, threads=1)
    print(f"model: {model.method}")
    f1s, all_items = [], []
    for name in ("mt_dev", "rw_dev"):
        data = read_newsmtsc(DATA / f"{name}.jsonl")
        items = [d[:3] for d in data]
        all_items += items
        gold = [d[3] for d in data]
        p = model.predict_proba(items)
        pred = [model.labels[i] for i in p.argmax(1)]
        acc = float(np.mean([a == b for a, b in zip(gold, pred)]))
        f1 = macro_f1(gold, pred)
        f1s.append(f1)
        line = f"{name}: n={len(items)}  accuracy {acc:.3f}  macro-F1 {f1:.3f}"
        if args.baseline:
            line += f"   (lexicon window baseline macro-F1 {macro_f1(gold, vader_window(items)):.3f})"
        print(line)
    mean_f1 = float(np.mean(f1s))
    model.predict_proba(all_items[:64])  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        model.predict_proba(all_items)
    n = args.repeat * len(all_items)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    # One intra-op thread: the process's CPU time is one core's work, whatever else runs on the
    # machine; the wall-clock rate is lower when other processes share the cores.
    rate = n / cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    from helpers.stance import DEFAULT_MODEL

    mpath = Path(args.model) if args.model else DEFAULT_MODEL
    size = mpath.stat().st_size / 1e6
    print(f"mean macro-F1 {mean_f1:.3f} (target >= {TARGET_F1})  "
          f"{'OK' if mean_f1 >= TARGET_F1 else 'BELOW TARGET'}")
    print(f"throughput {rate:.0f} targets per CPU-second on one core (target >= {TARGET_RATE:.0f})  "
          f"{'OK' if rate >= TARGET_RATE else 'BELOW TARGET'};  wall clock {n / wall:.0f} targets/s "
          f"(load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"model file {mpath.name}: {size:.1f} MB (limit 30 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
