"""Many articles on Dask: the single-article pipeline per article, written as a Parquet dataset.

``run_corpus(INPUT, OUT)`` reads a folder of ``.txt``/``.html``/``.json`` articles, a JSON Lines
file (``{"id", "text"}`` per line) or a Parquet file (``id``, ``text``), runs
:func:`helpers.pipeline.run_stages` on every article (so each article's rows are identical to
``analyze()`` on it) and writes, partition by partition as they complete::

    OUT/manifest.json                  corpus fingerprint, settings, partitions done, summary
    OUT/quotes/part-00000.parquet      the quote table + article_id (+ sentiment columns)
    OUT/articles/part-00000.parquet    one row per article processed (title, words, quotes)
    OUT/article_speakers/part-*.parquet  each article's speakers table + article_id
    OUT/errors/part-00000.parquet      article_id, source, kind, error: articles not processed
    OUT/speakers.parquet               speakers across the corpus (one row a person, aliases merged)

Memory stays flat: the driver reads the input as a stream, keeps a bounded number of partitions
in flight and writes each one when it completes. One bad article is an ``errors`` row, never the
end of the run; re-running resumes, skipping partitions already written.

Schedulers: ``"local"`` (default, in-process with Dask's synchronous scheduler: nothing to
start), ``"processes"`` (a ``distributed.LocalCluster`` of ``workers`` single-threaded
processes), or the address of a running cluster (``"tcp://host:8786"``; the workers must be
able to import ``helpers``).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
import unicodedata
import warnings
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers import __version__
from helpers.errors import InputError, QuoteLensError
from helpers.paths import DEFAULT_OVERRIDES, DEFAULT_TARGETS, analyst_input
from helpers.pipeline import load_overrides_table, load_targets_table, run_stages

#: Articles per partition (one task, one file per table), at most; smaller corpora get at least
#: 16 partitions (of 10 articles or more) so every worker has work.
PARTITION_SIZE = 200


def default_partition_size(n_articles: int) -> int:
    """``PARTITION_SIZE``, or less for small corpora: depends on the input only (resume-stable)."""
    return max(10, min(PARTITION_SIZE, -(-n_articles // 16)))
#: Longer articles get an error row: no news article is this long, and one would stall a worker.
MAX_ARTICLE_BYTES = 1_000_000
#: The stages a corpus runs; ``stance=True`` adds the stance stage (per-speaker bootstrap intervals
#: stay per-article reading).
CORPUS_STAGES = ("quotes", "speakers", "sentiment")
#: Article file types read from a folder.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
MANIFEST = "manifest.json"
FORMAT = "quotelens-corpus"
TABLES = ("quotes", "articles", "article_speakers", "errors", "stance")
#: Error kinds, for filtering the errors table.
ERROR_KINDS = ("empty", "binary", "encoding", "too_long", "duplicate", "invalid", "failed")

_STRING = pa.string()
_INT = pa.int64()
_FLOAT = pa.float64()
#: Arrow types of the known quote-table columns (contract + the stages' documented extras).
QUOTE_TYPES: dict[str, pa.DataType] = {
    "article_id": _STRING, "quote_id": _INT, "start": _INT, "end": _INT, "text": _STRING,
    "kind": _STRING, "cue": _STRING, "cue_start": _INT, "cue_end": _INT, "speaker": _STRING,
    "speaker_mention": _STRING, "speaker_start": _INT, "speaker_end": _INT,
    "speaker_type": _STRING, "addressee": _STRING, "resolution": _STRING, "confidence": _FLOAT,
    "paragraph": _INT, "sentence": _INT, "overridden": pa.bool_(), "override_note": _STRING,
    "fragments": pa.list_(pa.list_(_INT)), "speaker_role": _STRING, "speaker_aliases": pa.list_(_STRING),
    "compound": _FLOAT, "pos": _FLOAT, "neu": _FLOAT, "neg": _FLOAT, "sentiment_label": _STRING,
    "drivers": pa.list_(pa.struct([("word", _STRING), ("valence", _FLOAT)])),
    "drivers_text": _STRING, "driver_spans": pa.list_(pa.list_(_INT)), "period": _STRING,
}
SPEAKER_TYPES: dict[str, pa.DataType] = {
    "article_id": _STRING, "speaker": _STRING, "type": _STRING, "aliases": pa.list_(_STRING),
    "role": _STRING, "n_quotes": _INT, "n_direct": _INT, "n_partial": _INT, "n_indirect": _INT,
    "first_start": _INT, "compound_sum": _FLOAT, "n_scored": _INT,
}
STANCE_TYPES: dict[str, pa.DataType] = {
    "article_id": _STRING, "speaker": _STRING, "target": _STRING, "label": _STRING, "score": _FLOAT,
    "n_quotes": _INT, "n_mentions": _INT, "p_against": _FLOAT, "p_neutral": _FLOAT, "p_favor": _FLOAT,
}  # "evidence" (the quotes and words behind a stance) is stored as JSON text
ARTICLE_SCHEMA = pa.schema([
    ("article_id", _STRING), ("source", _STRING), ("sha256", _STRING), ("title", _STRING),
    ("format", _STRING), ("english_ratio", _FLOAT),
    ("n_words", _INT), ("n_sentences", _INT), ("n_paragraphs", _INT), ("n_quotes", _INT),
    ("n_direct", _INT), ("n_partial", _INT), ("n_indirect", _INT), ("n_speakers", _INT),
    ("seconds", _FLOAT),
])
ERROR_SCHEMA = pa.schema([("article_id", _STRING), ("source", _STRING), ("kind", _STRING), ("error", _STRING)])


# ============================================================================================
# reading the input as a stream of records


@dataclass
class Record:
    """One article of the input, before checks: ``raw`` is bytes (files) or str (JSONL/Parquet)."""

    index: int
    article_id: str
    source: str
    raw: bytes | str | None
    problem: tuple[str, str] | None = None  # (kind, message) found while reading
    path: str | None = None  # the file, for folder inputs


def _input_kind(path: Path) -> str:
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise InputError(f"corpus input not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") or path.name.lower().endswith(".jsonl.gz"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise InputError(
        f"corpus input {path.name}: expected a folder of .txt/.html/.json articles, "
        "a .jsonl file ({\"id\", \"text\"} per line) or a .parquet file (id, text)"
    )


def _folder_files(folder: Path) -> list[Path]:
    files = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file():
            files.append(p)
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _parquet_columns(path: Path) -> tuple[str | None, str]:
    try:
        names = pq.ParquetFile(path).schema_arrow.names
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{path.name}: not a readable Parquet file ({exc})") from None
    if "text" not in names:
        raise InputError(f"{path.name}: a Parquet corpus needs a 'text' column (has: {', '.join(names)})")
    id_col = "id" if "id" in names else ("article_id" if "article_id" in names else None)
    return id_col, "text"


def iter_records(input_path: str | Path) -> Iterator[Record]:
    """The articles of a corpus input, in a stable order, one at a time (never all in memory)."""
    path = Path(input_path)
    kind = _input_kind(path)
    if kind == "folder":
        for i, f in enumerate(_folder_files(path)):
            rel = f.relative_to(path).as_posix()
            try:
                raw: bytes | None = f.read_bytes()
                problem = None
            except OSError as exc:
                raw, problem = None, ("invalid", f"cannot read the file: {exc.strerror or exc}")
            yield Record(i, rel, str(f), raw, problem, path=str(f))
    elif kind == "jsonl":
        with open(path, "rb") as handle:
            for i, line in enumerate(handle):
                if line.strip():  # blank lines (a trailing newline too many) are not articles
                    yield _jsonl_record(i, line, f"{path.name}:{i + 1}")
    else:
        id_col, text_col = _parquet_columns(path)
        columns = [c for c in (id_col, text_col) if c]
        i = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=1000, columns=columns):
            ids = batch.column(id_col).to_pylist() if id_col else [None] * batch.num_rows
            for ident, text in zip(ids, batch.column(text_col).to_pylist()):
                article_id = str(ident) if ident is not None else f"row-{i + 1}"
                problem = None if text is None or isinstance(text, str) else ("invalid", "the text column is not a string")
                yield Record(i, article_id, f"{path.name}:row {i + 1}", text if problem is None else None, problem)
                i += 1


def _jsonl_record(i: int, line: bytes, source: str) -> Record:
    fallback = f"line-{i + 1}"
    if not line.strip():
        return Record(i, fallback, source, None, ("empty", "blank line"))
    try:
        obj = json.loads(line)
    except UnicodeDecodeError as exc:
        return Record(i, fallback, source, None, ("encoding", f"not UTF-8 ({exc.reason} at byte {exc.start}); re-save the file as UTF-8"))
    except ValueError as exc:
        return Record(i, fallback, source, None, ("invalid", f"not a JSON object: {exc}"))
    if not isinstance(obj, dict):
        return Record(i, fallback, source, None, ("invalid", 'each line must be an object {"id", "text"}'))
    ident = obj.get("id", obj.get("article_id"))
    article_id = str(ident) if ident not in (None, "") else fallback
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        return Record(i, article_id, source, None, ("invalid", '"text" must be a string'))
    if text is None:
        return Record(i, article_id, source, None, ("invalid", 'no "text" field'))
    return Record(i, article_id, source, text)


def check_record(record: Record, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[bytes | None, tuple[str, str] | None]:
    """``(utf8_or_file_bytes, None)`` for an article worth sending to a worker, else ``(None, (kind, message))``.

    Only what is cheap and certain is decided here (unreadable, empty, over-long); binary and
    undecodable content is refused by ``read_article`` itself, with its precise messages.
    """
    if record.problem is not None:
        return None, record.problem
    raw = record.raw
    if raw is None:
        return None, ("empty", "no text")
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            return None, ("encoding", f"the text holds an unpaired surrogate (\\u{ord(raw[exc.start]):04x}) at character {exc.start}: not valid Unicode")
    if not raw.strip():
        return None, ("empty", "empty" if not raw else "only whitespace, no article text")
    if len(raw) > max_bytes:
        return None, ("too_long", f"{len(raw):,} bytes, over the {max_bytes:,}-byte limit for one article "
                                  "(no news article is this long: split it, or raise --max-bytes)")
    return raw, None


def _record_sha256(record: Record) -> str:
    raw = record.raw
    data = raw if isinstance(raw, bytes) else (raw or "").encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


_ERROR_PATTERNS = (
    ("binary", re.compile(r"binary|not text|control characters|archive|image", re.I)),
    ("encoding", re.compile(r"not valid|cannot be decoded|encoding|UTF", re.I)),
    ("too_long", re.compile(r"over the .* limit", re.I)),
    ("empty", re.compile(r"\bempty\b|only whitespace|no article text|only web-page boilerplate", re.I)),
)


def error_kind(message: str) -> str:
    """The ``errors`` table kind of a reader message (``binary``, ``encoding``, ``empty``, ...)."""
    for kind, pattern in _ERROR_PATTERNS:
        if pattern.search(message):
            return kind
    return "invalid"


# ============================================================================================
# fingerprints and the manifest


def _hash_file(path: Path, h: Any) -> None:
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)


def input_fingerprint(input_path: str | Path) -> tuple[str, int]:
    """sha256 of the whole input (file names and contents, in reading order) and its article count."""
    path = Path(input_path)
    kind = _input_kind(path)
    h = hashlib.sha256(kind.encode())
    if kind == "folder":
        files = _folder_files(path)
        for f in files:
            h.update(f.relative_to(path).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            _hash_file(f, h)
            h.update(b"\0")
        return h.hexdigest(), len(files)
    _hash_file(path, h)
    if kind == "jsonl":
        n = 0
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                n += chunk.count(b"\n")
        size = path.stat().st_size
        if size:
            with open(path, "rb") as handle:
                handle.seek(size - 1)
                n += handle.read(1) != b"\n"
        return h.hexdigest(), n
    return h.hexdigest(), pq.ParquetFile(path).metadata.num_rows


def _frame_fingerprint(df: pd.DataFrame | None) -> str:
    """sha256 of an analyst table's cells (overrides, targets): a change recomputes the corpus."""
    data = b"" if df is None else pd.util.hash_pandas_object(df.astype(str), index=False).values.tobytes()
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=None)
def _code_fingerprint(stages: tuple[str, ...]) -> str:
    """sha256 of the source of every module the stages run: changed code = stale partitions.

    Computed once per process, right after the imports: the code this process runs."""
    import importlib

    h = hashlib.sha256(__version__.encode())
    modules = ["helpers.article", "helpers.pipeline", "helpers.corpus", "helpers.overrides", "helpers.speakers",
               "helpers.quotes", "helpers.sentiment", *(("helpers.stance",) if "stance" in stages else ())]
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        src = getattr(mod, "__file__", None)
        if src and Path(src).is_file():
            h.update(name.encode() + b"\0" + Path(src).read_bytes())
    h.update(",".join(stages).encode())
    return h.hexdigest()


@dataclass
class CorpusSummary:
    """What a corpus run did; ``str()`` is the summary the CLI prints."""

    input: str
    out: str
    scheduler: str
    workers: int
    n_records: int = 0
    n_processed: int = 0
    n_quotes: int = 0
    n_speakers: int = 0
    n_errors: int = 0
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    n_partitions: int = 0
    n_partitions_skipped: int = 0
    n_articles_skipped: int = 0
    seconds: float = 0.0
    stages: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        done = self.n_records - self.n_articles_skipped
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["stages"] = list(self.stages)
        d["articles_per_second"] = round(self.articles_per_second, 2)
        return d

    def __str__(self) -> str:
        errors = ", ".join(f"{n} {k}" for k, n in sorted(self.errors_by_kind.items())) or "none"
        lines = [
            f"Corpus {self.input}: {self.n_records:,} article{'' if self.n_records == 1 else 's'}, {self.n_processed:,} analysed, "
            f"{self.n_quotes:,} quotes, {self.n_speakers:,} speakers across the corpus",
            f"  errors: {self.n_errors:,} ({errors})",
            f"  {self.n_partitions} partitions ({self.n_partitions_skipped} already written, skipped) "
            f"on {self.scheduler} with {self.workers} worker(s) in {self.seconds:.1f} s "
            f"({self.articles_per_second:.3g} articles/s)",
            f"  stages: {', '.join(self.stages) or 'none'}",
        ]
        lines += [f"  note: {n}" for n in self.notes]
        stance = "stance/, " if "stance" in self.stages else ""
        lines.append(f"  dataset: {self.out}/ (quotes/, articles/, article_speakers/, errors/, {stance}speakers.parquet)")
        return "\n".join(lines)


def _read_manifest(out: Path) -> dict | None:
    path = out / MANIFEST
    if not path.is_file():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None


def _write_json_atomic(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _remove_dataset(out: Path) -> None:
    """Remove what a corpus run writes (and nothing else) from ``out``."""
    for name in TABLES:
        if (out / name).is_dir():
            shutil.rmtree(out / name)
    for name in ("speakers.parquet", MANIFEST):
        (out / name).unlink(missing_ok=True)


def _prepare_out(out: Path, fingerprint: dict, resume: bool, overwrite: bool) -> dict:
    """Check ``out`` and return the partitions already done that may be kept (``{}`` = none)."""
    if out.exists() and not out.is_dir():
        raise QuoteLensError(f"--out {out} is a file; give a folder for the corpus dataset")
    manifest = _read_manifest(out) if out.is_dir() else None
    contents = [p for p in out.iterdir() if not p.name.startswith(".")] if out.is_dir() else []
    if manifest is None:
        if contents:
            raise QuoteLensError(
                f"--out {out} is not empty and holds no Quote Lens corpus dataset ({len(contents)} entries, "
                f"e.g. {contents[0].name}); choose an empty or new folder"
            )
        return {}
    if overwrite:
        _remove_dataset(out)
        return {}
    same_input = manifest.get("input_fingerprint") == fingerprint["input_fingerprint"]
    same_config = manifest.get("config_fingerprint") == fingerprint["config_fingerprint"]
    if not (same_input and same_config) and not resume:
        if not same_input:
            why = f"a dataset of another corpus ({manifest.get('input')}, {manifest.get('n_records', '?')} articles)"
        else:
            why = "a dataset of this corpus written by other code or settings"
        raise QuoteLensError(
            f"--out {out} already holds {why}; pass --resume to update it (changed partitions are "
            "recomputed), --overwrite to replace it, or choose another --out"
        )
    return dict(manifest.get("partitions") or {})


# ============================================================================================
# the work of one partition (runs on a worker)


def _column_values(series: pd.Series, typ: pa.DataType) -> pa.Array:
    if pa.types.is_list(typ) or pa.types.is_struct(typ):
        values = [None if v is None or (isinstance(v, float) and v != v) else (list(v) if not isinstance(v, list) else v)
                  for v in series.tolist()]
        return pa.array(values, type=typ)
    if typ == _STRING:
        values = [None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else str(v) for v in series.tolist()]
        return pa.array(values, type=typ)
    return pa.array(series, type=typ, from_pandas=True)


def _json_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if isinstance(value, str):
        return value
    if hasattr(value, "tolist"):
        value = value.tolist()
    return json.dumps(value, ensure_ascii=False, default=str)


def frame_to_table(df: pd.DataFrame, types: dict[str, pa.DataType]) -> pa.Table:
    """An Arrow table with the known columns typed as ``types`` and any other column as text/JSON."""
    arrays, fields = [], []
    for col in df.columns:
        typ = types.get(col)
        if typ is None:
            s = df[col]
            if pd.api.types.is_bool_dtype(s):
                typ = pa.bool_()
            elif pd.api.types.is_integer_dtype(s):
                typ = _INT
            elif pd.api.types.is_float_dtype(s):
                typ = _FLOAT
            else:
                arrays.append(pa.array([_json_text(v) for v in s.tolist()], type=_STRING))
                fields.append(pa.field(str(col), _STRING))
                continue
        arrays.append(_column_values(df[col], typ))
        fields.append(pa.field(str(col), typ))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _speaker_rows(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The article's speakers table plus the sums the corpus-wide mean sentiment needs."""
    if "compound" not in quotes.columns or not len(speakers):
        return speakers
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for name, value in zip(quotes["speaker"].tolist(), quotes["compound"].tolist()):
        if isinstance(name, str) and value == value:
            sums[name] = sums.get(name, 0.0) + value
            counts[name] = counts.get(name, 0) + 1
    names = speakers["speaker"].tolist()
    return speakers.assign(compound_sum=[sums.get(n, 0.0) for n in names], n_scored=[counts.get(n, 0) for n in names])


#: The columns ``helpers.speakers.speakers_table`` gives, which :func:`partition_speakers` reproduces.
_SPEAKER_TABLE_COLUMNS = ("speaker", "type", "aliases", "role", "n_quotes", "n_direct", "n_partial", "n_indirect",
                          "first_start")


def _missing(value: Any) -> bool:
    """``pd.isna`` for one cell: None, NaN or NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def partition_speakers(quotes: pd.DataFrame, article_ids: list[str]) -> tuple[pa.Table | None, Counter]:
    """Every article's speakers table in one pass over a partition's quote rows.

    ``quotes`` is the partition's quote tables one after the other, ``article_ids`` the article of
    each row. Gives what ``speakers_table`` gives for each article (same rows, order and values),
    plus ``compound_sum`` and ``n_scored`` when the quotes are scored, as one Arrow table with
    ``article_id`` first (``None`` without speakers), and the number of speakers per article.
    Plain Python over column lists: pandas' per-group overhead was most of the cost.
    """
    def col(name: str) -> list | None:
        return quotes[name].tolist() if name in quotes.columns else None

    from helpers.speakers import SUMMARY_INPUT_COLUMNS, speaker_summary

    cols = {c: col(c) for c in ("speaker", "compound", *SUMMARY_INPUT_COLUMNS)}
    groups: dict[tuple[str, Any], list[int]] = {}  # (article, speaker) -> rows, in order of appearance
    for i, (article, speaker) in enumerate(zip(article_ids, cols["speaker"])):
        if not _missing(speaker):
            groups.setdefault((article, speaker), []).append(i)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for (article, speaker), rows in groups.items():
        row = {"article_id": article, "speaker": speaker, **speaker_summary(rows, cols)}
        if cols["compound"] is not None:
            scored = [cols["compound"][i] for i in rows
                      if isinstance(speaker, str) and cols["compound"][i] == cols["compound"][i]]
            row["compound_sum"] = sum(scored, 0.0)
            row["n_scored"] = len(scored)
        by_article.setdefault(article, []).append(row)
    records = []
    for rows in by_article.values():
        records += sorted(rows, key=lambda r: (-r["n_quotes"], r["first_start"]))
    counts = Counter({a: len(rows) for a, rows in by_article.items()})
    if not records:
        return None, counts
    names = ["article_id", *_SPEAKER_TABLE_COLUMNS, *(("compound_sum", "n_scored") if cols["compound"] is not None else ())]
    schema = pa.schema([pa.field(c, SPEAKER_TYPES[c]) for c in names])
    return pa.Table.from_pylist(records, schema=schema), counts


def _speakers_in_one_pass(stages: tuple[str, ...]) -> bool:
    """Whether the worker can build the speakers tables per partition (:func:`partition_speakers`):
    the speakers stage is asked for and its table still has the columns reproduced there."""
    if "speakers" not in stages:
        return False
    from helpers.speakers import SPEAKER_COLUMNS

    return tuple(SPEAKER_COLUMNS) == _SPEAKER_TABLE_COLUMNS


def _with_article_ids(joined: pd.DataFrame | None, frames: list[pd.DataFrame], ids: list[str],
                      types: dict[str, pa.DataType]) -> pa.Table | None:
    """One Arrow table of per-article frames (``joined``: them concatenated), ``article_id`` first."""
    if not frames:
        return None
    table = frame_to_table(joined, types)
    column = pa.array([i for i, f in zip(ids, frames) for _ in range(len(f))], type=_STRING)
    return table.add_column(0, pa.field("article_id", _STRING), column)


def _read(raw: bytes, sha: str, path: str | None) -> Any:
    """The article exactly as ``analyze(path)`` reads it: from the file when this worker sees the
    same file (a folder input), else from the bytes shipped (JSONL/Parquet text, remote workers)."""
    from helpers.pipeline import load_article

    if path is not None:
        p = Path(path)
        if p.is_file():
            article = load_article(p)
            if (article.meta or {}).get("sha256") == sha:
                return article
    return load_article(raw)


def process_partition(items: list[tuple], config: dict) -> dict[str, Any]:
    """Analyse ``(article_id, source, raw, sha256, path)`` items; one failing article is an error row.

    Returns Arrow tables (``quotes``, ``article_speakers``, ``articles``) and error records, small
    enough to ship back to the driver, which writes them.
    """
    with _young_gc_threshold(GC_GEN0_THRESHOLD):
        return _process_partition(items, config)


#: CPython's cyclic GC runs a young-generation pass every 700 net allocations by default; the
#: stages allocate many small short-lived, acyclic objects (tuples, matches, strings), so during a
#: partition a pass every 50,000 allocations saves ~10% of the CPU (paired runs on PolNeAR) and
#: still collects the rare cycles.
GC_GEN0_THRESHOLD = 50_000


@contextmanager
def _young_gc_threshold(threshold: int) -> Iterator[None]:
    """Raise the young-generation GC threshold for a block, restoring the process's own after."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _process_partition(items: list[tuple], config: dict) -> dict[str, Any]:
    stages = tuple(config["stages"])
    overrides, targets = config.get("overrides"), config.get("targets")
    stance_frames, stance_ids, notes = [], [], set()
    one_pass = _speakers_in_one_pass(stages)  # speakers per partition, not per article
    run = tuple(s for s in stages if s != "speakers") if one_pass else stages
    quote_frames, quote_ids, speaker_frames, speaker_ids, article_rows, errors = [], [], [], [], [], []
    for article_id, source, raw, sha, path in items:
        t0 = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # not-English notes: the articles table has english_ratio
                article = _read(raw, sha, path)
                result = run_stages(article, overrides=overrides, targets=targets, stages=run, sha256=sha)
        except QuoteLensError as exc:
            message = str(exc)
            errors.append({"article_id": article_id, "source": source, "kind": error_kind(message), "error": message})
            continue
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
            errors.append({"article_id": article_id, "source": source, "kind": "failed",
                           "error": f"{type(exc).__name__}: {exc}"})
            continue
        quotes = result.quotes
        if "stance" in stages:
            notes.update(n for n in result.notes if n.startswith("stance skipped"))
            if result.stance is not None and len(result.stance):
                stance_frames.append(result.stance)
                stance_ids.append(article_id)
        meta = getattr(article, "meta", None) or {}
        counts = result.kind_counts()
        if quotes is not None and len(quotes):
            quote_frames.append(quotes)
            quote_ids.append(article_id)
        if result.speakers is not None and len(result.speakers):
            speaker_frames.append(_speaker_rows(result.speakers, quotes))
            speaker_ids.append(article_id)
        article_rows.append({
            "article_id": article_id, "source": source, "sha256": sha,
            "title": getattr(article, "title", None) or meta.get("title"),
            "format": meta.get("format"), "english_ratio": meta.get("english_ratio"),
            "n_words": meta.get("n_words"), "n_sentences": meta.get("n_sentences"),
            "n_paragraphs": meta.get("n_paragraphs"),
            "n_quotes": 0 if quotes is None else len(quotes),
            "n_direct": counts.get("direct", 0), "n_partial": counts.get("partial", 0),
            "n_indirect": counts.get("indirect", 0),
            "n_speakers": None if result.speakers is None else len(result.speakers),
            "seconds": time.perf_counter() - t0,
        })
    out: dict[str, Any] = {"errors": errors}
    quotes = pd.concat(quote_frames, ignore_index=True) if quote_frames else None
    out["quotes"] = _with_article_ids(quotes, quote_frames, quote_ids, QUOTE_TYPES)
    if one_pass:
        rows_of = [i for i, f in zip(quote_ids, quote_frames) for _ in range(len(f))]
        out["article_speakers"], n_speakers = (None, Counter()) if quotes is None else partition_speakers(quotes, rows_of)
        for row in article_rows:
            row["n_speakers"] = n_speakers.get(row["article_id"], 0)
    else:
        speakers = pd.concat(speaker_frames, ignore_index=True) if speaker_frames else None
        out["article_speakers"] = _with_article_ids(speakers, speaker_frames, speaker_ids, SPEAKER_TYPES)
    out["articles"] = pa.Table.from_pylist(article_rows, schema=ARTICLE_SCHEMA)
    if stance_frames:
        out["stance"] = _with_article_ids(pd.concat(stance_frames, ignore_index=True), stance_frames, stance_ids,
                                          STANCE_TYPES)
    out["notes"] = sorted(notes)
    return out


# ============================================================================================
# schedulers


class _SyncRunner:
    """Dask's synchronous scheduler in this process: nothing to start, one partition at a time."""

    workers = 1
    name = "local"

    def __init__(self) -> None:
        self._done: deque = deque()

    def submit(self, key: int, items: list, config: dict) -> None:
        import dask

        try:
            result = dask.delayed(process_partition, pure=False)(items, config).compute(scheduler="sync")
        except Exception as exc:  # noqa: BLE001 - reported as error rows for the partition
            result = exc
        self._done.append((key, result))

    @property
    def inflight(self) -> int:
        return len(self._done)

    def next(self) -> tuple[int, Any]:
        return self._done.popleft()

    def close(self) -> None:
        pass


#: Dask settings for the LocalCluster a corpus run starts: batch workers without a dashboard.
#: The statistical profiler samples every task's stack each 10 ms and the GIL monitor polls each
#: 1 ms; the event-loop tick (20 ms), memory monitor (100 ms) and system monitor (500 ms) wake
#: every worker, nanny and the scheduler dozens of times a second. Nobody reads any of it here,
#: and together they cost ~0.25 ms of CPU per article (4%): slower ticks, no profiler or GIL
#: monitor. The memory limits still hold, checked each second.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def _local_cluster_config() -> dict[str, Any]:
    """:data:`LOCAL_CLUSTER_CONFIG`, and on Linux workers forked from this process once it has
    run one tiny article: each worker then starts with the stages imported and their lazy tables
    built, instead of spending a second importing them. Elsewhere Dask's default, spawn, stays
    (macOS needs it), and so does a ``fork``/``forkserver`` the user configured."""
    import dask

    config = dict(LOCAL_CLUSTER_CONFIG)
    if sys.platform.startswith("linux") and dask.config.get("distributed.worker.multiprocessing-method") == "spawn":
        _warm_up()
        config["distributed.worker.multiprocessing-method"] = "fork"
    return config


_WARM_UP_TEXT = ('Mr. Smith said the plan was "a disaster." "We will see," he told reporters on Monday. '
                 "According to officials, the talks failed.\n\nShe said that nothing had changed.")


def _warm_up() -> None:
    """Run the corpus stages once on a tiny article in this process (imports, lazy tables)."""
    sha = hashlib.sha256(_WARM_UP_TEXT.encode()).hexdigest()
    process_partition([("warm-up", "", _WARM_UP_TEXT, sha, None)], {"stages": CORPUS_STAGES, "overrides": None})


class _DistributedRunner:
    """``distributed`` futures: a LocalCluster of processes, or a running cluster's scheduler."""

    def __init__(self, scheduler: Any, workers: int) -> None:
        from distributed import Client, LocalCluster, as_completed

        self._cluster = None
        if isinstance(scheduler, Client):
            self._client, self._own_client = scheduler, False
            self.name = f"client {scheduler.scheduler.address}"
        elif scheduler == "processes":
            import dask

            with dask.config.set(_local_cluster_config()):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40)
            self._client, self._own_client = Client(self._cluster), True
            self.name = "processes"
        else:
            try:
                self._client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise QuoteLensError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            self._own_client = True
            self.name = str(scheduler)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)
        self._ac = as_completed()
        self._keys: dict[str, int] = {}
        self._token = os.urandom(4).hex()

    def submit(self, key: int, items: list, config: dict) -> None:
        fut = self._client.submit(process_partition, items, config, pure=False,
                                  key=f"quotelens-partition-{key:05d}-{self._token}")
        self._keys[fut.key] = key
        self._ac.add(fut)

    @property
    def inflight(self) -> int:
        return len(self._keys)

    def next(self) -> tuple[int, Any]:
        fut = next(self._ac)
        key = self._keys.pop(fut.key)
        try:
            result = fut.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker becomes error rows, not a crash
            result = exc
        fut.release()
        return key, result

    def close(self) -> None:
        if self._own_client:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _check_scheduler(scheduler: Any) -> None:
    if scheduler in (None, "local", "sync", "synchronous", "processes") or not isinstance(scheduler, str):
        return
    if "://" not in scheduler:
        raise QuoteLensError(f"--scheduler {scheduler!r}: use local, processes, or a scheduler address such as tcp://host:8786")


def _runner(scheduler: Any, workers: int) -> _SyncRunner | _DistributedRunner:
    _check_scheduler(scheduler)
    if scheduler in (None, "local", "sync", "synchronous"):
        return _SyncRunner()
    return _DistributedRunner(scheduler, workers)


# ============================================================================================
# the driver


def _part_name(key: int) -> str:
    return f"part-{key:05d}.parquet"


def _write_table(out: Path, name: str, key: int, table: pa.Table) -> None:
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _part_name(key)
    tmp = folder / f".{path.name}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _remove_part(out: Path, key: int) -> None:
    for name in TABLES:
        (out / name / _part_name(key)).unlink(missing_ok=True)


@dataclass
class _Partition:
    key: int
    items: list = field(default_factory=list)  # (article_id, source, raw bytes, sha256, path or None)
    errors: list = field(default_factory=list)  # error records found by the driver
    hasher: Any = field(default_factory=hashlib.sha256)
    n_records: int = 0
    fingerprint: str = ""


def _partitions(input_path: Path, size: int, max_bytes: int, config_fp: str) -> Iterator[_Partition]:
    """Checked, de-duplicated partitions of ``size`` input records each, in input order."""
    seen: dict[bytes, str] = {}
    ids: set[str] = set()
    part = _Partition(0)
    part.hasher.update(config_fp.encode())
    for record in iter_records(input_path):
        key = record.index // size
        if key != part.key:
            yield part
            part = _Partition(key)
            part.hasher.update(config_fp.encode())
        part.n_records += 1
        article_id = record.article_id
        if article_id in ids:
            n = 2
            while f"{article_id}#{n}" in ids:
                n += 1
            article_id = f"{article_id}#{n}"
        ids.add(article_id)
        text, problem = check_record(record, max_bytes)
        sha = _record_sha256(record) if record.raw is not None else ""
        if problem is None:
            digest = bytes.fromhex(sha)[:16]  # 16 bytes an article: the driver stays small
            first = seen.get(digest)
            if first is not None:
                problem = ("duplicate", f"same content (sha256 {sha[:12]}) as article {first!r}: analysed once, there")
            else:
                seen[digest] = article_id
        part.hasher.update(f"{article_id}\0{sha}\0{problem[0] if problem else ''}\n".encode("utf-8", "surrogatepass"))
        if problem is None:
            part.items.append((article_id, record.source, text, sha, record.path))
        else:
            part.errors.append({"article_id": article_id, "source": record.source, "kind": problem[0], "error": problem[1]})
    if part.n_records:
        yield part


def run_corpus(
    input: str | Path,
    out: str | Path,
    scheduler: Any = "local",
    workers: int = 2,
    resume: bool = False,
    overwrite: bool = False,
    progress: bool = True,
    *,
    overrides: Any = None,
    stance: bool = False,
    targets: Any = None,
    partition_size: int | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> CorpusSummary:
    """Analyse every article of ``input`` and write the Parquet dataset ``out``; returns a summary.

    Re-running with the same input and code skips the partitions already written; ``resume``
    also accepts a dataset of a changed corpus (recomputing only the partitions that changed);
    ``overwrite`` replaces it. ``scheduler``: ``"local"``, ``"processes"`` (``workers``
    processes), a scheduler address, or a ``distributed.Client``. ``stance=True`` adds a
    ``stance`` table (speaker x target per article, toward ``targets``: a CSV path or DataFrame,
    default the stance stage's own lexicon); it is several times slower than the rest.
    """
    t0 = time.perf_counter()
    input_path, out = Path(input), Path(out)
    if resume and overwrite:
        raise QuoteLensError("--resume and --overwrite contradict each other: give one")
    _check_scheduler(scheduler)
    if (partition_size is not None and partition_size < 1) or workers < 1:
        raise QuoteLensError("--workers and the partition size must be at least 1")
    stages = (*CORPUS_STAGES, "stance") if stance else CORPUS_STAGES
    overrides_df = load_overrides_table(overrides)
    targets_df = load_targets_table(targets) if stance else None
    input_fp, n_records = input_fingerprint(input_path)
    if partition_size is None:
        partition_size = default_partition_size(n_records)
    overrides_fp = _frame_fingerprint(overrides_df)
    config = {"stages": stages, "partition_size": partition_size, "max_bytes": max_bytes,
              "code": _code_fingerprint(stages), "overrides": overrides_fp}
    if stance:
        config["targets"] = _frame_fingerprint(targets_df)
    config_fp = hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()
    fingerprint = {"input_fingerprint": input_fp, "config_fingerprint": config_fp}
    done = _prepare_out(out, fingerprint, resume, overwrite)
    out.mkdir(parents=True, exist_ok=True)

    manifest = {
        "format": FORMAT, "version": 1, "quotelens": __version__, **fingerprint,
        "input": str(input_path), "n_records": n_records, "settings": config, "partitions": {},
        "complete": False, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    local = scheduler in (None, "local", "sync", "synchronous")
    summary = CorpusSummary(input=str(input_path), out=str(out), scheduler="local" if local else str(scheduler),
                            workers=1 if local else workers,
                            n_records=n_records, stages=stages)
    if "sentiment" not in stages:
        summary.notes.append("sentiment columns missing: helpers.sentiment is not available")
    work_config = {"stages": stages, "overrides": overrides_df, "targets": targets_df}
    bar = _progress_bar(n_records, progress and n_records > PARTITION_SIZE)  # long runs only
    pending: dict[int, _Partition] = {}
    merger = _OrderedMerger(out)
    runner = None
    closer: threading.Thread | None = None
    errors_by_kind: Counter = Counter()

    def finish(key: int, result: Any) -> None:
        part = pending.pop(key)
        errors = list(part.errors)
        if isinstance(result, Exception):
            errors += [{"article_id": a, "source": s, "kind": "failed",
                        "error": f"the worker failed on this partition: {type(result).__name__}: {result}"}
                       for a, s, *_ in part.items]
            result = {"errors": [], "quotes": None, "article_speakers": None,
                      "articles": ARTICLE_SCHEMA.empty_table()}
        errors += result["errors"]
        summary.notes += [n for n in result.get("notes", ()) if n not in summary.notes]
        _commit_partition(out, key, part, result, errors, manifest)
        merger.done(key, result.get("article_speakers"))
        bar.update(part.n_records)

    try:
        seen_records = 0
        for part in _partitions(input_path, partition_size, max_bytes, config_fp):
            seen_records += part.n_records
            part_fp = part.hasher.hexdigest()
            previous = done.get(str(part.key))
            if previous and previous.get("fingerprint") == part_fp and _part_files_exist(out, part.key):
                manifest["partitions"][str(part.key)] = previous
                merger.skipped(part.key)
                summary.n_partitions_skipped += 1
                summary.n_articles_skipped += part.n_records
                bar.update(part.n_records)
                continue
            part.fingerprint = part_fp
            _remove_part(out, part.key)
            pending[part.key] = part
            if not part.items:
                finish(part.key, {"errors": [], "quotes": None, "article_speakers": None,
                                  "articles": ARTICLE_SCHEMA.empty_table()})
                continue
            if runner is None:
                runner = _runner(scheduler, workers)
                summary.scheduler, summary.workers = runner.name, runner.workers
            runner.submit(part.key, part.items, work_config)
            part.items = [(a, s, None, h, p) for a, s, _, h, p in part.items]  # drop the texts: memory stays flat
            while runner.inflight >= 2 * runner.workers:
                finish(*runner.next())
        while runner is not None and runner.inflight:
            finish(*runner.next())
        summary.n_records = manifest["n_records"] = seen_records
        if runner is not None:  # the workers shut down while this process merges the speakers
            closer = threading.Thread(target=_close_quietly, args=(runner,), name="quotelens-cluster-close",
                                      daemon=True)
            closer.start()
            runner = None
    finally:
        bar.close()
        if runner is not None:
            runner.close()
        manifest["updated"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        _write_json_atomic(out / MANIFEST, manifest)

    keys = {int(k) for k in manifest["partitions"]}
    _remove_stale_parts(out, keys)
    speakers = merger.result(keys)
    tmp = out / ".speakers.parquet.tmp"
    pq.write_table(frame_to_table(speakers, {**SPEAKER_TYPES, "aliases": pa.list_(_STRING),
                                             "roles": pa.list_(_STRING), "articles": pa.list_(_STRING)}), tmp)
    os.replace(tmp, out / "speakers.parquet")
    if closer is not None:
        closer.join()

    for info in manifest["partitions"].values():
        summary.n_processed += info.get("processed", 0)
        summary.n_quotes += info.get("quotes", 0)
        for kind, n in (info.get("errors_by_kind") or {}).items():
            errors_by_kind[kind] += n
    summary.n_partitions = len(manifest["partitions"])
    summary.errors_by_kind = dict(errors_by_kind)
    summary.n_errors = sum(errors_by_kind.values())
    summary.n_speakers = len(speakers)
    summary.seconds = time.perf_counter() - t0
    manifest["complete"] = True
    manifest["summary"] = summary.to_dict()
    _write_json_atomic(out / MANIFEST, manifest)
    return summary


class _OrderedMerger:
    """The corpus speakers, merged while the run goes: each partition's speaker rows are added in
    partition (= input) order as soon as the ones before it are in, so the result is exactly
    ``merge_speakers(read_table(out, "article_speakers"))`` without reading the dataset back at
    the end. Partitions skipped on resume are read from their file."""

    def __init__(self, out: Path) -> None:
        self._out = out
        self._merger = SpeakerMerger()
        self._waiting: dict[int, Any] = {}
        self._next = 0

    def done(self, key: int, table: pa.Table | None) -> None:
        self._waiting[key] = table
        while self._next in self._waiting:
            self._merger.add_table(self._waiting.pop(self._next))
            self._next += 1

    def skipped(self, key: int) -> None:
        path = self._out / "article_speakers" / _part_name(key)
        self.done(key, pq.read_table(path) if path.is_file() else None)

    def result(self, keys: set[int]) -> pd.DataFrame:
        """The merged speakers of partitions ``keys`` (those of the manifest), read back from the
        dataset if the partitions seen were not exactly those."""
        if self._waiting or keys != set(range(self._next)):
            return merge_speakers(read_table(self._out, "article_speakers"))
        return self._merger.result()


def _close_quietly(runner: Any) -> None:
    """Shut the workers down once every result is written: a failure here loses nothing, so it is
    one warning line, not a traceback from another thread."""
    try:
        runner.close()
    except Exception as exc:  # noqa: BLE001 - e.g. a worker already gone
        warnings.warn(f"the Dask workers did not shut down cleanly ({type(exc).__name__}: {exc}); "
                      "every result was written before", RuntimeWarning, stacklevel=1)


def _progress_bar(total: int, enabled: bool) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="article", desc="corpus", disable=(None if enabled else True), mininterval=0.5)


def _part_files_exist(out: Path, key: int) -> bool:
    return all((out / name / _part_name(key)).is_file() for name in ("articles", "errors"))


def _remove_stale_parts(out: Path, keep: set[int]) -> None:
    for name in TABLES:
        folder = out / name
        if not folder.is_dir():
            continue
        for path in folder.glob("part-*.parquet"):
            m = re.fullmatch(r"part-(\d+)\.parquet", path.name)
            if m and int(m.group(1)) not in keep:
                path.unlink()


def _commit_partition(out: Path, key: int, part: _Partition, result: dict, errors: list, manifest: dict) -> None:
    """Write one partition's files, then record it in the manifest (files first: resume-safe)."""
    if result.get("quotes") is not None:
        _write_table(out, "quotes", key, result["quotes"])
    if result.get("article_speakers") is not None:
        _write_table(out, "article_speakers", key, result["article_speakers"])
    if result.get("stance") is not None:
        _write_table(out, "stance", key, result["stance"])
    _write_table(out, "articles", key, result["articles"])
    _write_table(out, "errors", key, pa.Table.from_pylist(errors, schema=ERROR_SCHEMA))
    manifest["partitions"][str(key)] = {
        "fingerprint": part.fingerprint,
        "records": part.n_records,
        "processed": result["articles"].num_rows,
        "quotes": 0 if result.get("quotes") is None else result["quotes"].num_rows,
        "errors": len(errors),
        "errors_by_kind": dict(Counter(e["kind"] for e in errors)),
    }
    manifest["updated"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    _write_json_atomic(out / MANIFEST, manifest)


# ============================================================================================
# reading the dataset back


def read_table(out: str | Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table of a corpus dataset as a DataFrame, in partition (= input) order.

    ``name``: ``quotes``, ``articles``, ``article_speakers``, ``errors`` or ``speakers``.
    """
    out = Path(out)
    if name == "speakers":
        path = out / "speakers.parquet"
        if not path.is_file():
            raise QuoteLensError(f"{out} has no speakers.parquet: run the corpus first")
        return pq.read_table(path, columns=columns).to_pandas()
    if name not in TABLES:
        raise QuoteLensError(f"unknown corpus table {name!r}; one of {', '.join((*TABLES, 'speakers'))}")
    files = sorted((out / name).glob("part-*.parquet")) if (out / name).is_dir() else []
    if not files:
        schema = {"articles": ARTICLE_SCHEMA, "errors": ERROR_SCHEMA}.get(name)
        return schema.empty_table().to_pandas() if schema is not None else pd.DataFrame()
    schema = pa.unify_schemas([pq.read_schema(f) for f in files])
    tables = [pq.read_table(f, columns=columns) for f in files]
    if columns is None:
        tables = [_conform(t, schema) for t in tables]
    return pa.concat_tables(tables, promote_options="default").to_pandas()


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    arrays = [table.column(f.name) if f.name in table.column_names else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes: the ``sha256`` an article read from that file has in the dataset."""
    h = hashlib.sha256()
    _hash_file(Path(path), h)
    return h.hexdigest()


def matches_corpus(out: str | Path, article_id: str, quotes: pd.DataFrame) -> bool:
    """Whether the dataset's quotes of ``article_id`` are exactly ``quotes`` (e.g. from ``analyze``)."""
    table = pq.read_table(Path(out) / "quotes", filters=[("article_id", "=", article_id)]).drop_columns(["article_id"])
    mine = frame_to_table(quotes, QUOTE_TYPES)
    keep = [c for c in mine.column_names if c in table.column_names]
    return table.select(keep).to_pylist() == mine.select(keep).to_pylist() and len(keep) == len(mine.column_names)


def read_corpus(out: str | Path) -> dict[str, pd.DataFrame]:
    """All tables of a corpus dataset: ``quotes, articles, article_speakers, errors, speakers``."""
    return {name: read_table(out, name) for name in (*TABLES, "speakers")}


# ============================================================================================
# speakers across the corpus

_HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady president vice sen senator rep representative gov governor "
    "gen general secretary minister prime chancellor mayor judge justice rev pope king queen prince "
    "princess sheikh ambassador chairman chairwoman chief".split()
)
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'\-\.]*", re.UNICODE)


def name_key(name: Any) -> str:
    """A matching key for a speaker name: accents folded, case and punctuation ignored.

    >>> name_key("  Émile   Zola. ")
    'emile zola'
    """
    if not isinstance(name, str):
        return ""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    folded = re.sub(r"['\u2019]s\b", "", folded)
    return " ".join(re.sub(r"[^a-z0-9\- ]+", " ", folded).split())


def _person_tokens(key: str) -> list[str]:
    tokens = key.split()
    while len(tokens) > 1 and tokens[0] in _HONORIFICS:
        tokens = tokens[1:]
    return tokens


def _strip_particles(name: str) -> str:
    """``de Mr. Obama`` -> ``Mr. Obama``: leading lower-case words before a capitalised name."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i][:1].islower():
        i += 1
    return " ".join(words[i:])


def _spelling_key(name: str) -> str:
    """The key one spelling of a speaker merges by: particles, honorifics, case, accents dropped."""
    return " ".join(_person_tokens(name_key(_strip_particles(name))))


def _add_counts(mine: dict, theirs: dict) -> None:
    """``Counter.update`` on plain dicts: same counts, same insertion order, a tenth of the cost."""
    get = mine.get
    for k, v in theirs.items():
        mine[k] = get(k, 0) + v


def _top(counts: dict) -> Any:
    """``Counter(counts).most_common(1)[0][0]``: the first key with the highest count."""
    return max(counts, key=counts.__getitem__)


def _by_count(counts: dict) -> list:
    """Keys by count, highest first, ties in insertion order (``Counter.most_common()``)."""
    return [k for k, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)]


class _Acc:
    """Running totals of one speaker name (or one merged group) across articles."""

    __slots__ = ("names", "types", "aliases", "roles", "articles", "counts", "compound_sum", "n_scored")

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.types: dict[str | None, int] = {}
        self.aliases: dict[str, int] = {}
        self.roles: dict[str, int] = {}
        self.articles: dict[str, None] = {}
        self.counts = [0, 0, 0, 0]  # quotes, direct, partial, indirect
        self.compound_sum = 0.0
        self.n_scored = 0

    def add(self, other: _Acc) -> None:
        _add_counts(self.names, other.names)
        _add_counts(self.types, other.types)
        _add_counts(self.aliases, other.aliases)
        _add_counts(self.roles, other.roles)
        self.articles.update(other.articles)
        self.counts = [a + b for a, b in zip(self.counts, other.counts)]
        self.compound_sum += other.compound_sum
        self.n_scored += other.n_scored


SPEAKERS_COLUMNS = ["speaker", "type", "aliases", "roles", "n_articles", "n_quotes", "n_direct", "n_partial",
                    "n_indirect", "mean_compound", "articles"]


def merge_speakers(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker across the corpus, from the per-article speakers tables.

    The same person is one row when the names match ignoring case, accents, punctuation,
    honorifics and leading particles (``President Vladimir Putin`` = ``Vladimir Putin``), when two
    full names share first and last word (``Donald J. Trump``), or when a surname alone
    (``Lukashenko``, ``Mr. Trump``) fits exactly one full name of the same type; every spelling
    seen is kept in ``aliases``. Columns: ``speaker, type, aliases, roles, n_articles, n_quotes, n_direct,
    n_partial, n_indirect, mean_compound`` (NaN without sentiment) and ``articles``.
    Plain Python over column lists: it runs once over the whole corpus, on the driver.
    """
    merger = SpeakerMerger()
    if rows is not None and not rows.empty and "speaker" in rows:
        merger.add({c: rows[c].tolist() for c in _MERGE_INPUTS if c in rows}, len(rows))
    return merger.result()


#: The per-article speaker columns the merge reads, and the value a missing column stands for.
_MERGE_INPUTS = {"speaker": None, "type": None, "aliases": None, "role": None, "n_quotes": 1, "n_direct": 0,
                 "n_partial": 0, "n_indirect": 0, "article_id": None, "compound_sum": 0.0, "n_scored": 0}


class SpeakerMerger:
    """:func:`merge_speakers` in steps: add the per-article speaker rows in input order, a table
    at a time, then take the ``result()``. A corpus run adds each partition as it is written, so
    only the linking of names is left once the last article is done."""

    def __init__(self) -> None:
        self._by_name: dict[Any, _Acc] = {}
        self._described_of: dict[str, bool] = {}
        self._spelling: dict[str, str] = {}  # name -> _spelling_key(name), worked out as names come
        self._any = False

    def add_table(self, table: pa.Table | None) -> None:
        """Add one partition's ``article_speakers`` table (None or empty: nothing)."""
        if table is None or not table.num_rows or "speaker" not in table.column_names:
            return
        self.add({c: table.column(c).to_pylist() for c in _MERGE_INPUTS if c in table.column_names},
                 table.num_rows)

    def add(self, columns: dict[str, list], n: int) -> None:
        """Add ``n`` rows given as column lists (see ``_MERGE_INPUTS`` for the names)."""
        if not n or "speaker" not in columns:
            return
        self._any = True
        by_name, described_of = self._by_name, self._described_of
        col = [columns[c] if c in columns else [default] * n for c, default in _MERGE_INPUTS.items()]
        for speaker, typ, aliases, role, nq, nd, np_, ni, art, csum, nsc in zip(*col):
            if not isinstance(speaker, str):
                continue
            # a description ("senior officials", "many voters") names nobody in particular: the
            # officials of one article are not those of another, so each article keeps its own row
            described = described_of.get(speaker)
            if described is None:
                described = described_of[speaker] = not any(ch.isupper() for ch in speaker)
                self._spelling[speaker] = _spelling_key(speaker)
            slot = (speaker, art) if described else speaker
            acc = by_name.get(slot)
            if acc is None:
                acc = by_name[slot] = _Acc()
            nq = int(nq)
            acc.names[speaker] = acc.names.get(speaker, 0) + nq
            typ = typ if isinstance(typ, str) else None
            acc.types[typ] = acc.types.get(typ, 0) + 1
            if aliases is not None and not isinstance(aliases, (float, str)):
                got = acc.aliases
                for alias in aliases:
                    if isinstance(alias, str):
                        got[alias] = got.get(alias, 0) + 1
            if isinstance(role, str) and role:
                acc.roles[role] = acc.roles.get(role, 0) + 1
            if art is not None:
                acc.articles[art] = None
            counts = acc.counts
            counts[0] += nq
            counts[1] += int(nd or 0)
            counts[2] += int(np_ or 0)
            counts[3] += int(ni or 0)
            if csum is not None and csum == csum:
                acc.compound_sum += float(csum)
            acc.n_scored += int(nsc or 0)

    def result(self) -> pd.DataFrame:
        """The speakers table of every row added so far."""
        if not self._any:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in SPEAKERS_COLUMNS})
        return _link_speakers(self._by_name, dict(self._spelling))


def _link_speakers(by_name: dict[Any, _Acc], spelling: dict[str, str]) -> pd.DataFrame:
    """Link the spellings of one person (union-find over name keys) and build the table;
    ``spelling`` caches ``_spelling_key`` by name (one key per spelling: leading lower-case
    particles and honorifics dropped)."""

    def spelling_key(name: str) -> str:
        key = spelling.get(name)
        if key is None:
            key = spelling[name] = _spelling_key(name)
        return key

    key_of = {slot: spelling_key(slot) if isinstance(slot, str) else f"{spelling_key(slot[0])}\x00{slot[1]}"
              for slot in by_name}
    key_type: dict[str, dict] = {}
    for name, acc in by_name.items():
        _add_counts(key_type.setdefault(key_of[name], {}), acc.types)
    parent = {k: k for k in key_type}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def kind_of(k: str) -> str | None:
        return _top(key_type[k])

    # 1. full names with the same first and last word (Donald J. Trump, Donald Trump)
    first_last: dict[tuple[str, str, str | None], str] = {}
    for k in parent:
        tokens = k.split()
        if len(tokens) > 1:
            slot = (tokens[0], tokens[-1], kind_of(k))
            if slot in first_last:
                union(first_last[slot], k)
            else:
                first_last[slot] = k
    # 2. a lone surname (Lukashenko, Mr. Trump) that fits exactly one full name
    full_by_last: dict[tuple[str, str | None], set[str]] = {}
    for k in parent:
        tokens = k.split()
        if len(tokens) > 1:
            full_by_last.setdefault((tokens[-1], kind_of(k)), set()).add(k)
    for k in list(parent):
        if " " in k or not k:
            continue
        candidates = {find(c) for c in full_by_last.get((k, kind_of(k)), set())}
        if len(candidates) == 1:
            union(k, next(iter(candidates)))

    groups: dict[str, _Acc] = {}
    single: set[str] = set()  # groups still holding their one name's accumulator (not a copy)
    for name, acc in by_name.items():
        root = find(key_of[name])
        group = groups.get(root)
        if group is None:
            groups[root] = acc
            single.add(root)
            continue
        if root in single:
            single.discard(root)
            merged = groups[root] = _Acc()
            merged.add(group)
            group = merged
        group.add(acc)
    out = []
    for acc in groups.values():
        names = acc.names
        canonical = max(names, key=lambda s: (" " in spelling_key(s), s[:1].isupper(), names[s], -len(s), s))
        aliases = {a: c for a, c in acc.aliases.items() if a != canonical}
        for other, c in names.items():
            if other != canonical:
                aliases[other] = aliases.get(other, 0) + c
        types = {t: c for t, c in acc.types.items() if t is not None}
        out.append({
            "speaker": canonical,
            "type": _top(types) if types else None,
            "aliases": _by_count(aliases),
            "roles": _by_count(acc.roles),
            "n_articles": len(acc.articles),
            "n_quotes": acc.counts[0], "n_direct": acc.counts[1], "n_partial": acc.counts[2], "n_indirect": acc.counts[3],
            "mean_compound": acc.compound_sum / acc.n_scored if acc.n_scored else float("nan"),
            "articles": list(acc.articles),
        })
    result = pd.DataFrame(out, columns=SPEAKERS_COLUMNS)
    return result.sort_values(["n_quotes", "n_articles", "speaker"], ascending=[False, False, True], ignore_index=True)


# ============================================================================================
# charts across the corpus (notebook 06)


def _axes(ax: Any, height: float) -> tuple[Any, Any]:
    import matplotlib.pyplot as plt

    from helpers.style import STYLE_FILE

    if ax is not None:
        return ax.figure, ax
    with plt.style.context(str(STYLE_FILE)):
        fig, ax = plt.subplots(figsize=(8, height))
    return fig, ax


def top_speakers_chart(speakers: pd.DataFrame, n: int = 15, ax: Any = None) -> Any:
    """Horizontal bars: the ``n`` most-quoted speakers across the corpus, split by quote kind."""
    from helpers.style import KIND_COLORS

    top = speakers.head(n).iloc[::-1]
    fig, ax = _axes(ax, 1.2 + 0.35 * max(len(top), 1))
    left = pd.Series(0, index=top.index, dtype="float64")
    for kind in ("direct", "partial", "indirect"):
        col = f"n_{kind}"
        if col in top:
            ax.barh(top["speaker"].astype(str), top[col], left=left, color=KIND_COLORS[kind], label=kind)
            left = left + top[col]
    for y, (total, arts) in enumerate(zip(top["n_quotes"], top["n_articles"])):
        ax.text(total, y, f" {int(total)} in {int(arts)} art.", va="center", fontsize=8)
    ax.set_xlabel("quotes across the corpus")
    n = _n_articles(speakers)
    ax.set_title(f"Top {len(top)} speakers across {n} article{'s' if n != 1 else ''}" if len(top) else "No speakers found")
    if len(top):
        ax.legend(loc="lower right", frameon=False)
    return fig


def _n_articles(speakers: pd.DataFrame) -> int:
    if "articles" not in speakers or speakers.empty:
        return 0
    return len({a for lst in speakers["articles"] for a in (lst if lst is not None else [])})


def quotes_per_article_chart(articles: pd.DataFrame, ax: Any = None, max_bars: int = 30) -> Any:
    """Quotes per article: bars by article (up to ``max_bars``), else a histogram."""
    from helpers.style import PALETTE

    fig, ax = _axes(ax, 3.5 if len(articles) > max_bars else 1.2 + 0.3 * max(len(articles), 1))
    if articles.empty:
        ax.set_title("No articles analysed")
        return fig
    if len(articles) <= max_bars:
        data = articles.iloc[::-1]
        ax.barh(data["article_id"].astype(str).str.slice(0, 40), data["n_quotes"], color=PALETTE[0])
        ax.set_xlabel("quotes")
    else:
        ax.hist(articles["n_quotes"], bins=min(40, int(articles["n_quotes"].max()) + 1), color=PALETTE[0])
        ax.set_xlabel("quotes in an article")
        ax.set_ylabel("articles")
    ax.set_title(f"Quotes per article ({len(articles):,} articles, median {articles['n_quotes'].median():g})")
    return fig


def speaker_sentiment_chart(speakers: pd.DataFrame, n: int = 15, min_quotes: int = 2, ax: Any = None) -> Any:
    """Mean VADER compound of each top speaker's quotes across the corpus (speakers with >= ``min_quotes``)."""
    from helpers.style import PALETTE

    data = speakers[(speakers["n_quotes"] >= min_quotes) & speakers["mean_compound"].notna()].head(n).iloc[::-1]
    fig, ax = _axes(ax, 1.2 + 0.35 * max(len(data), 1))
    if data.empty:
        ax.set_title(f"No speaker with {min_quotes}+ scored quotes")
        return fig
    colors = [PALETTE[5] if v < 0 else PALETTE[2] for v in data["mean_compound"]]
    ax.barh(data["speaker"].astype(str), data["mean_compound"], color=colors)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    for y, (v, nq) in enumerate(zip(data["mean_compound"], data["n_quotes"])):
        ax.text(v, y, f" n={int(nq)} ", va="center", ha="left" if v >= 0 else "right", fontsize=8)
    ax.set_xlabel("mean compound of the speaker's quotes (VADER, -1..1)")
    ax.set_title("Sentiment per speaker across the corpus")
    return fig


# ============================================================================================
# command line


def _cli_corpus(args: argparse.Namespace) -> int:
    if not args.out:
        raise QuoteLensError("corpus needs --out OUT (a folder for the Parquet dataset)")
    overrides = analyst_input(args.overrides, DEFAULT_OVERRIDES, "--overrides")
    targets = analyst_input(args.targets, DEFAULT_TARGETS, "--targets") if args.stance else None
    summary = run_corpus(args.input, args.out, scheduler=args.scheduler, workers=args.workers,
                         resume=args.resume, overwrite=args.overwrite, progress=not args.no_progress,
                         overrides=overrides, stance=args.stance, targets=targets,
                         partition_size=args.partition_size, max_bytes=args.max_bytes)
    print(summary)
    return 0


def register_cli(subparsers: Any) -> None:
    """Add ``quotelens corpus INPUT --out OUT [--scheduler ...] [--workers N] [--resume] [--overwrite]``."""
    p = subparsers.add_parser(
        "corpus",
        help="analyse many articles on Dask into a Parquet dataset",
        description="Analyse every article of INPUT (a folder of .txt/.html/.json articles, a .jsonl file "
        "with {\"id\", \"text\"} per line, or a .parquet file with id and text columns) and write a "
        "partitioned Parquet dataset to OUT: quotes with article_id, a corpus-wide speakers table, and an "
        "errors table. Re-running resumes.",
    )
    p.add_argument("input", metavar="INPUT")
    p.add_argument("--out", metavar="OUT", required=True, help="folder for the dataset")
    p.add_argument("--scheduler", default="local", metavar="local|processes|ADDRESS",
                   help="local (in-process, default), processes (a local cluster), or tcp://host:8786")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes with --scheduler processes (default 2)")
    p.add_argument("--resume", action="store_true", help="update an existing dataset, recomputing only changed partitions")
    p.add_argument("--overwrite", action="store_true", help="replace an existing dataset in OUT")
    p.add_argument("--overrides", metavar="CSV", default=None, help="speaker overrides to apply")
    p.add_argument("--stance", action="store_true",
                   help="also write a stance table (speaker x target per article; several times slower)")
    p.add_argument("--targets", metavar="CSV", default=None, help="stance targets (default data/targets.csv)")
    p.add_argument("--max-bytes", type=int, default=MAX_ARTICLE_BYTES, metavar="N",
                   help=f"longer articles get an error row (default {MAX_ARTICLE_BYTES:,})")
    p.add_argument("--partition-size", type=int, default=None, metavar="N",
                   help=f"articles per partition (default: {PARTITION_SIZE}, fewer for small corpora)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_cli_corpus)
