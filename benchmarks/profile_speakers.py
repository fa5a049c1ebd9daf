"""speakers_table speed work: CPU ms/article, a cProfile top list, and a byte-identity check.

    python benchmarks/profile_speakers.py [--articles 300] [--repeat 5] [--top 0]
    python benchmarks/profile_speakers.py --dump /tmp/speakers_ref.pkl    # before changing anything
    python benchmarks/profile_speakers.py --check /tmp/speakers_ref.pkl   # after each change

``--dump``/``--check`` run ``speakers_table(extract_quotes(read_article(text)))`` on every PolNeAR
train + dev article and ``data/raw/*.txt``; ``--check`` reports every table that is not
``DataFrame.equals`` the reference with the same columns and dtypes (exit 1 if any).
Timing is ``time.process_time`` (CPU) of ``speakers_table`` alone, best of ``--repeat`` passes;
the machine may be shared, so compare runs made back to back.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_timing import all_texts, dump_or_check, polnear_texts, report_cpu, same_frame, speed_parser  # noqa: E402


def _all_tables() -> list:
    from helpers.article import read_article
    from helpers.quotes import extract_quotes
    from helpers.speakers import speakers_table

    return [speakers_table(extract_quotes(read_article(t))) for t in all_texts()]


def main(argv=None) -> int:
    ap = speed_parser(__doc__.splitlines()[0], articles=300, reference="speaker tables")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")

    if args.dump or args.check:
        return dump_or_check(args, _all_tables, same_frame)

    from helpers.article import read_article
    from helpers.quotes import extract_quotes
    from helpers.speakers import speakers_table

    tables = [extract_quotes(read_article(t)) for t in polnear_texts(("train",))[:args.articles]]
    report_cpu("speakers_table", speakers_table, tables, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
