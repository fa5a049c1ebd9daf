"""Corpus scale-out: articles/s with 1 and 2 Dask worker processes, scaling efficiency, peak memory.

10,000 articles (the PolNeAR texts in ../shared/data/polnear/ repeated; each copy gets a one-line
trailer so that de-duplication does not skip it) are written to a temporary JSON Lines file and
run through ``helpers.corpus.run_corpus`` (quotes + speakers + sentiment) on a
``distributed.LocalCluster`` of 1, then 2, single-threaded worker processes. Peak memory is the
largest sum of RSS over this process and all its children (scheduler, nannies, workers), sampled
every 0.1 s. Also prints where a worker's time goes, per stage, on a sample of articles.

Targets (issue 5): >= 300 articles/s with 2 workers, scaling efficiency >= 0.8, peak < 1.5 GB.

    python benchmarks/corpus_scale.py [--articles 10000] [--workers 1 2] [--format jsonl|parquet]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"

TARGET_RATE = 300.0
TARGET_EFFICIENCY = 0.8
TARGET_PEAK_GB = 1.5


def polnear_texts() -> list[str]:
    texts = []
    for path in sorted(POLNEAR.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    if not texts:
        raise SystemExit(f"no PolNeAR texts in {POLNEAR}: this benchmark needs ../shared/data/polnear/")
    return texts


def write_input(folder: Path, n: int, fmt: str) -> Path:
    texts = polnear_texts()
    rows = [{"id": f"a{i:06d}", "text": f"{texts[i % len(texts)]}\n\nBenchmark copy {i // len(texts) + 1}."}
            for i in range(n)]
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = folder / "corpus.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=1000)
    else:
        path = folder / "corpus.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


class PeakMemory:
    """Largest sum of RSS of this process and its descendants, sampled in a thread; also the CPU
    seconds they used (last sample of each process: on a shared machine wall time is not CPU)."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._cpu0 = sum(self._proc.cpu_times()[:2])
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        total = 0
        for p in [self._proc, *self._proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
                self._cpu[p.pid] = sum(p.cpu_times()[:2])
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self._interval)

    def __enter__(self) -> PeakMemory:
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._cpu[self._proc.pid] = sum(self._proc.cpu_times()[:2])

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values()) - self._cpu0

    def worker_cpu_seconds(self) -> float:
        """CPU of the processes other than this one (the nannies and workers)."""
        return sum(v for pid, v in self._cpu.items() if pid != self._proc.pid)


def stage_profile(n: int = 200) -> dict[str, float]:
    """CPU milliseconds per article for each stage, in this process, on ``n`` PolNeAR articles."""
    from helpers.pipeline import load_article
    from helpers.quotes import extract_quotes
    from helpers.sentiment import score_quotes
    from helpers.speakers import speakers_table

    texts = polnear_texts()[:n]
    clock = time.process_time
    spent = {"read_article": 0.0, "extract_quotes": 0.0, "speakers_table": 0.0, "score_quotes": 0.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_article(texts[0].encode())  # imports, lexicons
        for text in texts:
            t0 = clock()
            article = load_article(text.encode())
            t1 = clock()
            quotes = extract_quotes(article)
            t2 = clock()
            speakers_table(quotes)
            t3 = clock()
            score_quotes(quotes)
            t4 = clock()
            for key, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[key] += dt
    return {k: 1000 * v / len(texts) for k, v in spent.items()}


def run(input_path: Path, workers: int, work: Path) -> dict:
    from helpers.corpus import run_corpus

    out = work / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        summary = run_corpus(input_path, out, scheduler="processes", workers=workers, progress=sys.stderr.isatty())
        seconds = time.perf_counter() - t0
    worker_cpu = mem.worker_cpu_seconds()
    return {"workers": workers, "seconds": seconds, "rate": summary.n_records / seconds,
            "cpu": mem.cpu_seconds, "worker_cpu_ms": 1000 * worker_cpu / max(summary.n_records, 1),
            "idle_rate": workers * summary.n_records / worker_cpu if worker_cpu else float("nan"),
            "peak_gb": mem.peak / 1e9, "processed": summary.n_processed, "quotes": summary.n_quotes,
            "errors": summary.n_errors, "errors_by_kind": summary.errors_by_kind, "speakers": summary.n_speakers}


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--profile-articles", type=int, default=200)
    args = parser.parse_args()

    print(f"corpus_scale: {args.articles:,} PolNeAR articles ({args.format}), workers {args.workers}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    profile = stage_profile(args.profile_articles)
    total = sum(profile.values())
    print(f"\nCPU per article in one process ({args.profile_articles} articles): {total:.1f} ms "
          f"= {1000 / total:.0f} articles/s per core at best")
    for stage, ms in profile.items():
        print(f"  {stage:<16}{ms:7.2f} ms  ({ms / total:4.0%})")

    results = {}
    with tempfile.TemporaryDirectory(prefix="quotelens-bench-") as tmp:
        work = Path(tmp)
        input_path = write_input(work, args.articles, args.format)
        print(f"\ninput: {input_path.name}, {input_path.stat().st_size / 1e6:.1f} MB")
        for w in args.workers:
            r = run(input_path, w, work)
            results[w] = r
            print(f"  {w} worker(s): {r['seconds']:7.1f} s  {r['rate']:7.1f} articles/s  peak {r['peak_gb']:.2f} GB  "
                  f"({r['processed']:,} analysed, {r['quotes']:,} quotes, {r['speakers']:,} speakers, "
                  f"{r['errors']} errors: {r['errors_by_kind']})  load {os.getloadavg()[0]:.1f}")
            print(f"      CPU {r['cpu']:.0f} s in all processes, {r['worker_cpu_ms']:.1f} ms of worker CPU per article "
                  f"-> {r['idle_rate']:.1f} articles/s if each worker had a core to itself")

    print("\nagainst the issue's targets:")
    best = max(results)
    rate = results[best]["rate"]
    print(f"  throughput with {best} workers: {rate:.1f} articles/s (target >= {TARGET_RATE:.0f}): {verdict(rate >= TARGET_RATE)}")
    print(f"  (CPU-based, as if uncontended: {results[best]['idle_rate']:.1f} articles/s)")
    if 1 in results and 2 in results:
        eff = results[2]["rate"] / (2 * results[1]["rate"])
        print(f"  scaling efficiency 2 vs 1 worker: {eff:.2f} (target >= {TARGET_EFFICIENCY}): {verdict(eff >= TARGET_EFFICIENCY)}")
        print(f"  (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: other processes share the cores, "
              "so wall-clock scaling is only meaningful on an idle machine)")
    peak = max(r["peak_gb"] for r in results.values())
    print(f"  peak memory of the whole run: {peak:.2f} GB (target < {TARGET_PEAK_GB}): {verdict(peak < TARGET_PEAK_GB)}")
    print(f"  ceiling from the stage costs above: {len(results) and best * 1000 / total:.0f} articles/s with {best} workers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
