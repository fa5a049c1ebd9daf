"""Where the per-article CPU goes: ms/article per corpus stage and the top cProfile entries.

Runs read -> quotes -> speakers -> sentiment (the corpus stages) on the first ``--articles``
PolNeAR texts in one process, the way a Dask worker runs them, and prints CPU ms per article per
stage; ``--profile STAGE`` also prints the functions that stage spends its time in.

    python benchmarks/profile_stages.py [--articles 300] [--profile quotes] [--top 25]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus_scale import polnear_texts  # noqa: E402

STAGES = ("read", "quotes", "speakers", "sentiment")


def run(texts: list[str], profile: str | None) -> tuple[dict[str, float], cProfile.Profile]:
    """CPU seconds per stage over ``texts``; ``profile`` names the stage to run under cProfile."""
    from helpers.pipeline import load_article
    from helpers.quotes import extract_quotes
    from helpers.sentiment import score_quotes
    from helpers.speakers import speakers_table

    prof = cProfile.Profile()
    spent = dict.fromkeys(STAGES, 0.0)

    def timed(stage, fn, arg):
        t0 = time.process_time()
        if stage == profile:
            prof.enable()
        out = fn(arg)
        if stage == profile:
            prof.disable()
        spent[stage] += time.process_time() - t0
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score_quotes(extract_quotes(load_article(texts[0].encode())))  # imports, lexicons, caches
        for text in texts:
            article = timed("read", load_article, text.encode())
            quotes = timed("quotes", extract_quotes, article)
            timed("speakers", speakers_table, quotes)
            timed("sentiment", score_quotes, quotes)
    return spent, prof


def partition_ms(texts: list[str]) -> float:
    """CPU ms per article of ``helpers.corpus.process_partition`` (what a Dask task runs) on ``texts``."""
    import hashlib

    from helpers.corpus import CORPUS_STAGES, PARTITION_SIZE, process_partition

    items = [(f"a{i}", "<bench>", t, hashlib.sha256(t.encode()).hexdigest(), None) for i, t in enumerate(texts)]
    config = {"stages": CORPUS_STAGES, "overrides": None}
    process_partition(items[:2], config)  # imports, caches
    t0 = time.process_time()
    for k in range(0, len(items), PARTITION_SIZE):
        process_partition(items[k:k + PARTITION_SIZE], config)
    return 1000 * (time.process_time() - t0) / len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--profile", choices=STAGES, default=None)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    texts = polnear_texts()[: args.articles]
    spent, prof = run(texts, args.profile)
    total = sum(spent.values())
    print(f"CPU per article over {len(texts)} PolNeAR articles: {1000 * total / len(texts):.2f} ms")
    for stage, s in spent.items():
        print(f"  {stage:<10}{1000 * s / len(texts):7.2f} ms")
    print(f"  process_partition (all corpus work of a worker): {partition_ms(texts):.2f} ms")
    if args.profile:
        pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
