"""Throughput of quote extraction + speaker attribution on one core, and peak memory.

Runs ``extract_quotes`` (which includes attribution and speaker resolution) over the PolNeAR
train texts (``../shared/data/polnear/polnear_train.jsonl``) in this one process, and prints
articles per second of CPU time (``time.process_time``: this process on one core, so other
jobs sharing the machine do not count against it) next to wall-clock articles per second, and
the peak resident memory (``resource.getrusage``). Target: >= 200 articles/s. ``speakers_table``
on each article's quotes is timed apart (ms per article).

Usage: ``python benchmarks/throughput.py [--limit N] [--repeat R]``
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.quotes import extract_quotes  # noqa: E402
from helpers.speakers import speakers_table  # noqa: E402

POLNEAR_TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "polnear_train.jsonl"
TARGET = 200.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the texts")
    args = ap.parse_args(argv)
    if not POLNEAR_TRAIN.is_file():
        print(f"PolNeAR train not found at {POLNEAR_TRAIN}", file=sys.stderr)
        return 1
    with POLNEAR_TRAIN.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    if args.limit:
        texts = texts[: args.limit]
    extract_quotes(texts[0])  # warm-up: imports, Punkt, lexicons
    n_quotes = 0
    tables = []
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            q = extract_quotes(text)
            n_quotes += len(q)
            if len(tables) < len(texts):
                tables.append(q)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    # the speaker table of each article (timed apart: the pipeline builds it once per article)
    st_cpu0, st_wall0 = time.process_time(), time.perf_counter()
    for _ in range(args.repeat):
        for q in tables:
            speakers_table(q)
    st_cpu, st_wall = time.process_time() - st_cpu0, time.perf_counter() - st_wall0
    n = len(texts) * args.repeat
    chars = sum(len(t) for t in texts) * args.repeat
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rate = n / cpu if cpu else float("inf")
    print(f"PolNeAR train: {n} articles, {chars / n:.0f} chars on average, {n_quotes} quotes")
    print(f"throughput  {rate:7.1f} articles/s of CPU time on one core (target {TARGET:.0f}) "
          f"{'ok' if rate >= TARGET else 'BELOW'}")
    print(f"            {n / wall:7.1f} articles/s wall clock (machine shared: informative only)")
    print(f"            {cpu / n * 1000:7.2f} ms per article")
    print(f"speakers_table {st_cpu / n * 1000:5.2f} ms per article of CPU time "
          f"({st_wall / n * 1000:.2f} ms wall)")
    print(f"peak memory {peak_mib:7.1f} MiB resident (whole process, data included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
