"""Shared by the profile_* scripts: CPU ms per article (best of N passes) and a cProfile top list."""
from __future__ import annotations

import argparse
import cProfile
import json
import pickle
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


def all_texts() -> list[str]:
    """Every PolNeAR text (train, then dev) and the project's own ``data/raw/*.txt`` articles."""
    raw = Path(__file__).resolve().parent.parent / "data" / "raw"
    return polnear_texts() + [p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))]


def same_frame(a: Any, b: Any) -> bool:
    """Two DataFrames with the same values, columns (in order) and dtypes."""
    return a.equals(b) and list(a.columns) == list(b.columns) and (a.dtypes == b.dtypes).all()


def dump_or_check(args: argparse.Namespace, outputs: Callable[[], list], same: Callable[[Any, Any], bool]) -> int:
    """``--dump``: pickle ``outputs()`` (one per article); ``--check``: compare them with the
    reference by ``same`` and print how many differ. The exit status: 1 if any differs."""
    got = outputs()
    if args.dump:
        with open(args.dump, "wb") as fh:
            pickle.dump(got, fh)
        print(f"dumped {len(got)} articles to {args.dump}")
        return 0
    with open(args.check, "rb") as fh:
        ref = pickle.load(fh)
    if len(got) != len(ref):
        print(f"article count differs: {len(got)} now, {len(ref)} in the reference")
        return 1
    bad = [i for i, (new, old) in enumerate(zip(got, ref)) if not same(new, old)]
    print(f"checked {len(got)} articles: {len(bad)} differ" + (f" (first: {bad[:10]})" if bad else ""))
    return 1 if bad else 0


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
