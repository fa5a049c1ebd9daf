"""Shared by the profile_* scripts: CPU ms per article (best of N passes) and a cProfile top list."""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

POLNEAR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear"


def polnear_texts(splits: Sequence[str] = ("train", "dev")) -> list[str]:
    """The article texts of the PolNeAR splits, in file order (train first)."""
    out = []
    for split in splits:
        with open(POLNEAR / f"polnear_{split}.jsonl", encoding="utf-8") as fh:
            out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def speed_parser(description: str, articles: int, reference: str) -> argparse.ArgumentParser:
    """The options every profile_* script takes: how many articles and passes, a cProfile top
    list, and ``--dump``/``--check`` of the ``reference`` outputs for byte-identical speed work."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--articles", type=int, default=articles)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--top", type=int, default=0, help="also print the top N cProfile entries")
    ap.add_argument("--dump", type=Path, help=f"write the reference {reference} here")
    ap.add_argument("--check", type=Path, help="compare against what --dump wrote")
    return ap


def report_cpu(label: str, fn: Callable[[Any], Any], items: Sequence[Any], repeat: int, top: int = 0,
               warm: int = 20) -> float:
    """Run ``fn`` over ``items`` ``repeat`` times, print CPU ms per item (best pass and every pass)
    and, with ``top``, the ``top`` functions by own time; returns the best ms per item."""
    for item in items[:warm]:
        fn(item)  # imports, lexicons, caches
    passes = []
    for _ in range(repeat):
        t0 = time.process_time()
        for item in items:
            fn(item)
        passes.append((time.process_time() - t0) * 1000 / len(items))
    print(f"{label} CPU ms/article over {len(items)} articles: best {min(passes):.3f} "
          f"(passes {', '.join(f'{p:.3f}' for p in passes)})")
    if top:
        prof = cProfile.Profile()
        prof.enable()
        for item in items:
            fn(item)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(top)
    return min(passes)
