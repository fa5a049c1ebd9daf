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

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cpu_timing import all_texts, dump_or_check, polnear_texts, report_cpu, same_frame, speed_parser  # noqa: E402



def _all_tables() -> list[tuple]:
    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    return [(extract_quotes(read_article(t)), extract_quotes(t)) for t in all_texts()]


def main(argv=None) -> int:
    ap = speed_parser(__doc__.splitlines()[0], articles=300, reference="tables")
    args = ap.parse_args(argv)
    warnings.filterwarnings("ignore")

    if args.dump or args.check:
        return dump_or_check(args, _all_tables, lambda new, old: same_frame(new[0], old[0]) and same_frame(new[1], old[1]))

    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    articles = [read_article(t) for t in polnear_texts(("train",))[:args.articles]]
    report_cpu("extract_quotes", extract_quotes, articles, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
