"""``quotelens quotes PATH [PATH ...]``: every quote of every article, as JSON Lines or CSV on stdout.

Each record is a row of the quote table (``helpers.quotes.QUOTE_COLUMNS``) with the analyst
overrides applied, plus ``doc`` (the path as given), ``article_sha256`` (the key an override in
``data/overrides.csv`` needs), ``fragments`` (the ``[start, end]`` of each passage of a quote split
by its attribution; one pair otherwise) and ``override_note``. Notes (an article without quotes, an
override that matches nothing) go to stderr, one line each, so stdout stays machine-readable.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import pandas as pd

from helpers.errors import QuoteLensError
from helpers.overrides import apply_overrides, load_overrides
from helpers.paths import DEFAULT_OVERRIDES, analyst_input

#: Fields every record starts with, before the quote columns.
LEAD_FIELDS = ("doc", "article_sha256")
#: Fields after the quote columns (added by the overrides step).
TAIL_FIELDS = ("overridden", "override_note")


def register_cli(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``quotes`` subcommand (the protocol of :mod:`helpers.cli`)."""
    parser = subparsers.add_parser(
        "quotes",
        help="extract every quote with its speaker (JSON Lines or CSV on stdout)",
        description=(
            "Extract every quote (direct, partial, indirect) with its resolved speaker from each "
            "article, apply the analyst overrides, and write one record per quote to stdout."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article file(s): .txt, .html, ...")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                        help="JSON Lines, one object per quote (default), or CSV with a header")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--overrides", metavar="CSV", type=Path,
                       help=f"analyst corrections to apply (default: {DEFAULT_OVERRIDES.name} in data/, if present)")
    group.add_argument("--no-overrides", action="store_true", help="show the extraction as it is, uncorrected")
    parser.set_defaults(func=run)


def _overrides(args: argparse.Namespace) -> pd.DataFrame | None:
    if args.no_overrides:
        return None
    if args.overrides is not None:  # load_overrides names a missing file and how to start one
        return load_overrides(args.overrides)
    path = analyst_input(None, DEFAULT_OVERRIDES, "--overrides")
    return load_overrides(path) if path is not None else None


def _json_value(value: object) -> object:
    """A plain JSON value: NA/NaN -> None, numpy scalars -> Python, containers recursively."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # numpy scalar or array
        return _json_value(value.tolist())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and math.isinf(value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _fields() -> list[str]:
    from helpers.quotes import QUOTE_COLUMNS

    quote_columns = [c for c in QUOTE_COLUMNS if c not in LEAD_FIELDS and c not in TAIL_FIELDS]
    return [*LEAD_FIELDS, *quote_columns, "fragments", *TAIL_FIELDS]


def quote_records(path: str, overrides: pd.DataFrame | None, stderr: TextIO = sys.stderr) -> Iterator[dict]:
    """The quotes of one article file as JSON-safe records (``doc`` = ``path`` as given)."""
    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            article = read_article(Path(path))
    except QuoteLensError:
        raise
    except (OSError, UnicodeError, ValueError) as exc:  # unreadable bytes, permissions, ...
        raise QuoteLensError(f"cannot read article {path}: {exc}") from None
    for warning in caught:  # e.g. "does not look like English": one line, not a warnings dump
        print(f"quotelens: warning: {path}: {warning.message}", file=stderr)
    sha = article.meta.get("sha256")
    quotes = extract_quotes(article)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes = apply_overrides(quotes, overrides, sha)
    for record in quotes.attrs.get("overrides_unmatched", []):
        print(f"quotelens: warning: override at line {record.get('line')} ({record.get('action')} "
              f"{record.get('start')}-{record.get('end')}) matches no quote in {path}", file=stderr)
    if quotes.empty:
        print(f"quotelens: note: no quotes found in {path}", file=stderr)
    fields = _fields()
    for row in quotes.to_dict("records"):
        row.update(doc=path, article_sha256=sha)
        yield {name: _json_value(row.get(name)) for name in fields}


def _check_paths(paths: list[str]) -> None:
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise QuoteLensError(f"no such article file: {path}")
        if not p.is_file():
            raise QuoteLensError(f"not a file: {path} (give article files, e.g. data/raw/*.txt)")


def write_quotes(paths: list[str], fmt: str, overrides: pd.DataFrame | None,
                 out: TextIO, stderr: TextIO = sys.stderr) -> int:
    """Write the quotes of every article in ``paths`` to ``out``; returns the number of records."""
    _check_paths(paths)  # before any output: a typo in the last path should not cost a long run
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=_fields(), lineterminator="\n")
        writer.writeheader()
        for path in paths:
            for record in quote_records(path, overrides, stderr):
                writer.writerow({k: "" if v is None else v for k, v in record.items()})
                n += 1
    else:
        for path in paths:
            for record in quote_records(path, overrides, stderr):
                out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
                n += 1
    out.flush()
    return n


def run(args: argparse.Namespace) -> int:
    """The ``quotes`` subcommand: 0 on success; bad input raises QuoteLensError (exit 2)."""
    overrides = _overrides(args)
    stream = sys.stdout
    if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")  # article text is Unicode; never die on a curly quote
    write_quotes(list(args.paths), args.format, overrides, stream)
    return 0
