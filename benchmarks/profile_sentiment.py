"""score_quotes speed work: CPU ms/article, a cProfile top list, and an exact-identity check.

    python benchmarks/profile_sentiment.py [--articles 500] [--repeat 5] [--top 0]
    python benchmarks/profile_sentiment.py --dump /tmp/sent_ref     # before changing anything
    python benchmarks/profile_sentiment.py --check /tmp/sent_ref    # after each change

``--dump`` extracts the quotes of every PolNeAR article (``load_article`` -> ``extract_quotes``)
and ``data/raw/*.txt``, scores them with ``score_quotes``, and saves the quote tables together
with the scored tables, plus ``compound`` and ``explain`` of every NYT dev sentence, of every
quote text and of seeded random texts built from VADER's tricky words. ``--check`` re-scores the
*saved* quote tables (so edits to the quote extractor cannot show up as sentiment changes) and
reports every table or value that is not identical: same columns, same dtypes, ``DataFrame.equals``
and the same ``repr`` of every object cell (so ``3`` vs ``3.0`` or a reordered driver list counts),
and floats compared with ``==``, never approximately. Exit 1 on any difference.
Timing is ``time.process_time`` (CPU) of ``score_quotes`` alone, best of ``--repeat`` passes; the
machine may be shared, so compare runs made back to back.
"""
from __future__ import annotations

import json
import pickle
import random
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_timing import report_cpu, speed_parser  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
POLNEAR = SHARED / "polnear"
NYT = SHARED / "vader_nyt" / "nyt_dev.tsv"


def _texts() -> list[str]:
    out = []
    for path in sorted(POLNEAR.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]


def _quote_tables() -> list:
    from helpers.pipeline import load_article
    from helpers.quotes import extract_quotes

    return [extract_quotes(load_article(t.encode())) for t in _texts()]


def _nyt_sentences() -> list[str]:
    return [line.split("\t")[2] for line in NYT.read_text(encoding="utf-8").splitlines()]


def _random_texts(n: int = 20000, seed: int = 0) -> list[str]:
    """Seeded texts full of VADER's rules: lexicon words, boosters, negators, idioms, caps, !?, emoji."""
    from vaderSentiment import vaderSentiment as v

    lexicon = sorted(v.SentimentIntensityAnalyzer().lexicon)
    special = ["but", "BUT", "kind of", "sort of", "least", "at least", "very least", "no", "No", "nor",
               "or", "never so", "never this", "without doubt", "so", "this", "the shit", "the bomb",
               "bad ass", "yeah right", "kiss of death", "to die for", "beating heart", "bus stop",
               "just enough", "isn't", "not", "never", "wasn't", "aint", "n't", "don't", "uh-uh"]
    boosters = sorted(v.BOOSTER_DICT) + [b.upper() for b in sorted(v.BOOSTER_DICT)[:10]]
    punct = [",\"", "!", "!!", "!!!!!", "?", "??", "????", ":)", ":-(", "...", "'", "\"", "(", ")", ":D",
             "😁", "💔", "🙂x", "\u00a0", "\u2003", "\n", ",", ".", "--"]
    rng = random.Random(seed)
    pools = [lexicon, lexicon, boosters, special, punct, ["the", "a", "Army", "said", "we", "it"]]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 14)):
            word = rng.choice(rng.choice(pools))
            r = rng.random()
            if r < 0.1:
                word = word.upper()
            elif r < 0.15:
                word = word.capitalize()
            elif r < 0.25:
                word = word + rng.choice(punct)
            parts.append(word)
        sep = rng.choice([" ", " ", " ", "", "  "])
        out.append(sep.join(parts))
    return out


def _explained(texts: list[str]) -> list[tuple]:
    from helpers import sentiment as S

    rows = []
    for t in texts:
        e = S.explain(t)
        rows.append((S.compound(t), e.text, e.compound, e.pos, e.neu, e.neg, e.punctuation,
                     e.drivers, e.label, S.drivers_text(e), e.tokens))
    return rows


def _compute(quote_tables: list) -> dict:
    from helpers.sentiment import score_quotes

    quote_texts = [t for q in quote_tables for t in q["text"].tolist()]
    return {
        "quotes": quote_tables,
        "scored": [score_quotes(q) for q in quote_tables],
        "nyt": _explained(_nyt_sentences()),
        "quote_texts": _explained(quote_texts),
        "random": _explained(_random_texts()),
    }


def _same_table(a, b) -> str:
    """'' when ``a`` and ``b`` are identical tables, else what differs."""
    if list(a.columns) != list(b.columns):
        return f"columns {list(a.columns)} != {list(b.columns)}"
    if not (a.dtypes == b.dtypes).all():
        return f"dtypes {dict(a.dtypes)} != {dict(b.dtypes)}"
    if not a.index.equals(b.index) or a.attrs != b.attrs:
        return "index or attrs"
    if not a.equals(b):
        return "values (DataFrame.equals)"
    for col in a.columns:
        if a[col].dtype == object:
            ra = [(type(x), repr(x)) for x in a[col]]
            rb = [(type(x), repr(x)) for x in b[col]]
            if ra != rb:
                k = next(i for i, (x, y) in enumerate(zip(ra, rb)) if x != y)
                return f"column {col} row {k}: {ra[k]} != {rb[k]}"
    return ""


def _check(ref: dict) -> int:
    new = _compute(ref["quotes"])
    bad = 0
    for i, (a, b) in enumerate(zip(new["scored"], ref["scored"])):
        why = _same_table(a, b)
        if why:
            bad += 1
            if bad <= 10:
                print(f"  scored table {i}: {why}")
    print(f"scored tables: {len(new['scored'])} checked, {bad} differ")
    for key in ("nyt", "quote_texts", "random"):
        rows_new, rows_ref = new[key], ref[key]
        diff = [i for i, (x, y) in enumerate(zip(rows_new, rows_ref)) if repr(x) != repr(y) or x != y]
        if len(rows_new) != len(rows_ref):
            diff.append(-1)
        print(f"{key}: {len(rows_new)} texts checked (compound, scores, tokens, drivers), {len(diff)} differ")
        for i in diff[:5]:
            print(f"  {i}: {rows_new[i]!r}\n  != {rows_ref[i]!r}" if i >= 0 else "  count differs")
        bad += len(diff)
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = speed_parser(__doc__.splitlines()[0], articles=500, reference="outputs")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        ref = _compute(_quote_tables())
        with open(args.dump / "reference.pkl", "wb") as fh:
            pickle.dump(ref, fh)
        print(f"dumped {len(ref['scored'])} scored tables, {len(ref['nyt'])} NYT sentences, "
              f"{len(ref['quote_texts'])} quote texts, {len(ref['random'])} random texts to {args.dump}")
        return 0
    if args.check:
        with open(args.check / "reference.pkl", "rb") as fh:
            return _check(pickle.load(fh))

    from helpers.pipeline import load_article
    from helpers.quotes import extract_quotes
    from helpers.sentiment import score_quotes

    tables = [extract_quotes(load_article(t.encode())) for t in _texts()[:args.articles]]
    report_cpu("score_quotes", score_quotes, tables, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
