"""read_article speed work: CPU ms/article, a cProfile top list, and an exact-identity check.

    python benchmarks/profile_article.py [--articles 500] [--repeat 5] [--top 0]
    python benchmarks/profile_article.py --dump /tmp/article_ref    # before changing anything
    python benchmarks/profile_article.py --check /tmp/article_ref   # after each change

``--dump``/``--check`` read every PolNeAR train + dev text (as a ``str`` and as the ``bytes`` the
corpus gives ``load_article``), ``data/raw/*.txt`` (as a path), the inline inputs of
``tests/test_article.py`` and a few thousand seeded random texts mixing PolNeAR sentences with
awkward characters, and record everything an ``Article`` exposes: ``text, title, author,
standfirst``, ``segments``, ``meta``, the ``paragraphs``/``sentences``/``removed``/``body`` tables,
``repr``, ``sentence_spans`` of every paragraph, the warnings raised, or the error for refused
input. ``--check`` reports every input whose record differs (exit 1 if any).
Timing is ``time.process_time`` (CPU), best of ``--repeat`` passes of ``load_article(bytes)``.
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

from cpu_timing import polnear_texts, report_cpu, speed_parser  # noqa: E402


#: Characters and pieces the reader treats specially (the test module's SPECIAL, and more).
AWKWARD = ["\u00a0", "\r\n", "\r", "\n", "\n\n", "\n \n", "\ufeff", "\u201c", "\u201d", "\u2018", "\u2019", '"',
           "'", ". ", "? ", "! ", "?! ", "...", ".\u201d ", "?\" ", "Mr. ", "No. ", "no. 5", "U.S. ", "By: ",
           "By ", "top of page", "Advertisement", "Share this article", "Subscribe", "\u00a9 2024 X", "\u2014",
           "\t", " ", "\u200b", "\u00e9", "e\u0301", "\u2028", "\u2029", "\x0c", "\x85", "<p>", "{", "(", ")",
           "[", "]", "5", "a", "A", "said", "Jan. 5", "e.g. ", "\u2026", "\x07"]


def _fuzz(texts: list[str], n: int, seed: int = 20261125) -> list[str]:
    """Seeded random articles: PolNeAR sentences and paragraphs cut at random, mixed with AWKWARD."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 30)):
            r = rng.random()
            if r < 0.45:
                parts.append(rng.choice(AWKWARD))
            else:
                src = rng.choice(texts)
                a = rng.randrange(len(src))
                parts.append(src[a:a + rng.randint(1, 200 if r < 0.9 else 1500)])
        out.append("".join(parts))
    return out


def inputs() -> list[tuple[str, object]]:
    """``(label, value)`` for every input the identity check reads."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_article as t  # noqa: E402  (its inline inputs: HTML, BODY)

    texts = polnear_texts()
    items: list[tuple[str, object]] = []
    items += [(f"polnear[{i}] str", s) for i, s in enumerate(texts)]
    items += [(f"polnear[{i}] bytes", s.encode("utf-8")) for i, s in enumerate(texts)]
    items += [(f"raw {p.name}", p) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    items += [(f"raw {p.name} str", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    items += [("tests HTML", t.HTML), ("tests BODY", t.BODY),
              ("tests json", json.dumps({"title": "Storm Hits", "byline": "By Jane Doe", "text": "Storm Hits\n\n" + t.BODY})),
              ("tests headline block", f"Storm Hits the Coast\n\nThousands fled as the storm arrived.\n\nBy Jane Doe\n\n{t.BODY}"),
              ("tests cr", "Title Of It\r\rFirst paragraph here.\r\r\r\r\rSecond paragraph here."),
              ("tests lines", "Markets Fall Again\nShares fell on Monday.\nBonds rose."),
              ("tests inline ad", "Storm Hits\n\nFirst line of the story.\nAdvertisement\nSecond line of the story.\n\nEnd.")]
    items += [(f"fuzz[{i}]", s) for i, s in enumerate(_fuzz(texts, 3000))]
    return items


def record(value: object) -> tuple:
    """Everything an Article read from ``value`` exposes (or the refusal), as plain picklable data."""
    from helpers.article import read_article, sentence_spans
    from helpers.errors import QuoteLensError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            a = read_article(value)  # type: ignore[arg-type]
        except QuoteLensError as exc:
            return ("error", type(exc).__name__, str(exc), [(w.category.__name__, str(w.message)) for w in caught])
    seg = a.segments
    tables = {name: (list(df.columns), [str(d) for d in df.dtypes], list(df.index),
                     df.to_dict(orient="list"))
              for name, df in (("paragraphs", a.paragraphs), ("sentences", a.sentences), ("removed", a.removed),
                               ("body", a.body))}
    return ("article", a.text, a.title, a.author, a.standfirst, a.source, a.sha256, repr(a),
            seg.paragraphs, seg.roles, seg.sentences, seg.removed, dict(a.meta), tables,
            [sentence_spans(a.text, s, e) for s, e in seg.paragraphs],
            [(w.category.__name__, str(w.message)) for w in caught])


def main(argv=None) -> int:
    ap = speed_parser(__doc__.splitlines()[0], articles=500, reference="records")
    args = ap.parse_args(argv)

    if args.dump or args.check:
        items = inputs()
        records = [(label, record(value)) for label, value in items]
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            with open(args.dump / "articles.pkl", "wb") as fh:
                pickle.dump(records, fh)
            print(f"dumped {len(records)} inputs to {args.dump}")
            return 0
        with open(args.check / "articles.pkl", "rb") as fh:
            ref = pickle.load(fh)
        if [label for label, _ in ref] != [label for label, _ in records]:
            print(f"inputs differ: {len(records)} now, {len(ref)} in the reference")
            return 1
        bad = [label for (label, new), (_, old) in zip(records, ref) if new != old]
        print(f"checked {len(records)} inputs: {len(bad)} differ" + (f" (first: {bad[:10]})" if bad else ""))
        return 1 if bad else 0

    from helpers.pipeline import load_article

    warnings.filterwarnings("ignore")
    raw = [t.encode("utf-8") for t in polnear_texts()[:args.articles]]
    report_cpu("load_article", load_article, raw, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
