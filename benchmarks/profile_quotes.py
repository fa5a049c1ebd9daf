"""extract_quotes speed work: CPU ms/article, a cProfile top list, and a byte-identity check.

    python benchmarks/profile_quotes.py [--articles 300] [--repeat 5] [--top 0]
    python benchmarks/profile_quotes.py --dump /tmp/quotes_ref.pkl    # before changing anything
    python benchmarks/profile_quotes.py --check /tmp/quotes_ref.pkl   # after each change

``--dump``/``--check`` run ``extract_quotes(read_article(text))`` and ``extract_quotes(text)`` on
every PolNeAR train + dev article and ``data/raw/*.txt``; ``--check`` reports every table that is
not ``DataFrame.equals`` the reference with the same columns and dtypes (exit 1 if any).
Timing is ``time.process_time`` (CPU), best of ``--repeat`` passes; the machine may be shared, so
compare runs made back to back.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import pstats
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def _texts(splits=("train", "dev")) -> list[str]:
    out = []
    for split in splits:
        with open(POLNEAR / f"polnear_{split}.jsonl", encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def _all_tables() -> list[tuple]:
    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    texts = _texts() + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    return [(extract_quotes(read_article(t)), extract_quotes(t)) for t in texts]


def _same(a, b) -> bool:
    return a.equals(b) and list(a.columns) == list(b.columns) and (a.dtypes == b.dtypes).all()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--top", type=int, default=0, help="also print the top N cProfile entries")
    ap.add_argument("--dump", type=Path, help="write the reference tables to this pickle")
    ap.add_argument("--check", type=Path, help="compare against a reference pickle")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")

    if args.dump or args.check:
        tables = _all_tables()
        if args.dump:
            with open(args.dump, "wb") as fh:
                pickle.dump(tables, fh)
            print(f"dumped {len(tables)} articles to {args.dump}")
            return 0
        with open(args.check, "rb") as fh:
            ref = pickle.load(fh)
        bad = [i for i, (new, old) in enumerate(zip(tables, ref))
               if not (_same(new[0], old[0]) and _same(new[1], old[1]))]
        if len(tables) != len(ref):
            print(f"article count differs: {len(tables)} now, {len(ref)} in the reference")
            return 1
        print(f"checked {len(tables)} articles: {len(bad)} differ" + (f" (first: {bad[:10]})" if bad else ""))
        return 1 if bad else 0

    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    articles = [read_article(t) for t in _texts(("train",))[:args.articles]]
    for a in articles[:20]:
        extract_quotes(a)  # warm caches
    passes = []
    for _ in range(args.repeat):
        t0 = time.process_time()
        for a in articles:
            extract_quotes(a)
        passes.append((time.process_time() - t0) * 1000 / len(articles))
    print(f"extract_quotes CPU ms/article over {len(articles)} articles: best {min(passes):.3f} "
          f"(passes {', '.join(f'{p:.3f}' for p in passes)})")
    if args.top:
        prof = cProfile.Profile()
        prof.enable()
        for a in articles:
            extract_quotes(a)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
