"""Analyst corrections to extracted quotes, kept in ``data/overrides.csv`` and applied after extraction.

An override is keyed by the article's sha256 (``Article.meta["sha256"]``) and the quote's
``start, end`` offsets, and does one thing (``action``):

* ``speaker``: reassign the quote to ``speaker`` (the canonical name);
* ``kind``: change the quote's kind to ``kind`` (``direct``, ``partial`` or ``indirect``);
* ``drop``: remove the quote (not a quote at all, e.g. a scare-quoted name).

Lines whose first non-blank character is ``#`` are comments, so the file documents itself;
a ``#`` *inside* a field (a note, a speaker name) is kept. The code only ever reads this file:
corrections are the analyst's work and are never rewritten, reformatted or cleared.

>>> import io
>>> rows = load_overrides(io.StringIO("article_sha256,start,end,action,speaker,kind,note\\n"))
>>> list(rows.columns)[:4]
['article_sha256', 'start', 'end', 'action']
"""
from __future__ import annotations

import csv
import io
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pandas as pd

from helpers.errors import QuoteLensError
from helpers.quotes import fragment_spans

#: The columns of ``data/overrides.csv``, in the order the shipped file lists them.
OVERRIDE_COLUMNS = ("article_sha256", "start", "end", "action", "speaker", "kind", "note")
#: Columns every overrides file must have; ``speaker``, ``kind`` and ``note`` may be left out.
REQUIRED_COLUMNS = ("article_sha256", "start", "end", "action")
#: What an override can do to a quote.
ACTIONS = ("speaker", "kind", "drop")
#: The quote kinds a ``kind`` override may set.
KINDS = ("direct", "partial", "indirect")
#: The frame :func:`load_overrides` returns: the file's columns plus the line each row came from.
LOADED_COLUMNS = (*OVERRIDE_COLUMNS, "line")

_SHA256 = re.compile(r"[0-9a-f]{64}")


class OverrideWarning(UserWarning):
    """An override for this article matches no extracted quote (offsets moved, or a typo)."""


def _numbered_lines(handle: IO[str], position: list[int]) -> Iterator[str]:
    """The file's lines without comment or blank lines; ``position[0]`` is the current line number."""
    for number, line in enumerate(handle, start=1):
        position[0] = number
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        yield line


def _open(source: str | os.PathLike[str] | IO[str]) -> tuple[IO[str], str, bool]:
    if hasattr(source, "read"):
        return source, getattr(source, "name", "<overrides>"), False  # type: ignore[return-value]
    path = Path(source)
    if not path.is_file():
        raise QuoteLensError(f"overrides file not found: {path} (copy data/overrides.csv to start one)")
    try:
        return path.open(encoding="utf-8-sig", newline=""), str(path), True
    except OSError as exc:
        raise QuoteLensError(f"cannot read overrides file {path}: {exc.strerror or exc}") from exc


def _offset(value: str, name: str, where: str) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise QuoteLensError(f"{where}: {name} must be a whole number of characters, got {value!r}") from None
    if number < 0:
        raise QuoteLensError(f"{where}: {name} must not be negative, got {number}")
    return number


def load_overrides(source: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
    """Read and check an overrides CSV; every problem names the file and the line.

    Returns one row per override with :data:`LOADED_COLUMNS` (``line`` = line number in the file,
    so reports can point the analyst back to it). Raises :class:`QuoteLensError` on a missing
    file, a missing or unknown column, a bad sha256 or offset, an unknown action, a ``speaker``
    override without a speaker, a ``kind`` override with an unknown kind, or two overrides of the
    same action on the same quote.
    """
    handle, name, close = _open(source)
    position = [0]
    try:
        reader = csv.reader(_numbered_lines(handle, position))
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise QuoteLensError(f"{name} line {position[0]}: not readable as CSV: {exc}") from None
        if header is None:
            raise QuoteLensError(
                f"{name}: no header line; the first non-comment line must be {','.join(OVERRIDE_COLUMNS)}"
            )
        header = [h.strip().lower() for h in header]
        where = f"{name} line {position[0]}"
        unknown = [h for h in header if h not in OVERRIDE_COLUMNS]
        if unknown:
            raise QuoteLensError(
                f"{where}: unknown column(s) {', '.join(map(repr, unknown))}; "
                f"expected {','.join(OVERRIDE_COLUMNS)}"
            )
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise QuoteLensError(f"{where}: missing column(s) {', '.join(missing)}")
        if len(set(header)) != len(header):
            raise QuoteLensError(f"{where}: a column is listed twice in the header")

        records: list[dict] = []
        seen: dict[tuple, int] = {}
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                raise QuoteLensError(f"{name} line {position[0]}: not readable as CSV: {exc}") from None
            where = f"{name} line {position[0]}"
            if len(fields) != len(header):
                raise QuoteLensError(
                    f"{where}: {len(fields)} field(s) where the header has {len(header)} "
                    f"({','.join(header)}); quote fields that contain commas"
                )
            row = {c: "" for c in OVERRIDE_COLUMNS} | dict(zip(header, fields))
            sha = row["article_sha256"].strip().lower()
            if not _SHA256.fullmatch(sha):
                raise QuoteLensError(
                    f"{where}: article_sha256 must be the 64 hex digits of the article's sha256, got "
                    f"{row['article_sha256']!r}"
                )
            start = _offset(row["start"], "start", where)
            end = _offset(row["end"], "end", where)
            if end <= start:
                raise QuoteLensError(f"{where}: end ({end}) must be greater than start ({start})")
            action = row["action"].strip().lower()
            if action not in ACTIONS:
                raise QuoteLensError(
                    f"{where}: unknown action {row['action']!r}; use one of {', '.join(ACTIONS)}"
                )
            speaker = row["speaker"].strip() or None
            kind = row["kind"].strip().lower() or None
            if action == "speaker" and speaker is None:
                raise QuoteLensError(f"{where}: a 'speaker' override needs the new speaker in the speaker column")
            if action == "kind" and kind not in KINDS:
                raise QuoteLensError(
                    f"{where}: a 'kind' override needs kind = {', '.join(KINDS)}, got {row['kind']!r}"
                )
            key = (sha, start, end, action)
            if key in seen:
                raise QuoteLensError(
                    f"{where}: a second {action!r} override for the quote at {start}-{end} "
                    f"(first at line {seen[key]}); keep one"
                )
            seen[key] = position[0]
            records.append({
                "article_sha256": sha, "start": start, "end": end, "action": action,
                "speaker": speaker if action == "speaker" else None,
                "kind": kind if action == "kind" else None,
                "note": row["note"].strip() or None, "line": position[0],
            })
    finally:
        if close:
            handle.close()
    frame = pd.DataFrame.from_records(records, columns=list(LOADED_COLUMNS))
    return frame.astype({"start": "int64", "end": "int64", "line": "int64"})


def _describe(override: pd.Series, change: str) -> str:
    where = f"overrides line {override['line']}" if pd.notna(override.get("line")) else "override"
    note = override.get("note")
    return f"{change} ({where}{': ' + str(note) if isinstance(note, str) and note else ''})"


def _speaker_type(quotes: pd.DataFrame, speaker: str) -> object:
    """The type the table already gives ``speaker`` elsewhere, if any."""
    if "speaker_type" not in quotes:
        return None
    types = quotes.loc[quotes["speaker"] == speaker, "speaker_type"].dropna()
    return types.mode().iloc[0] if not types.empty else None


def _passage_index(quotes: pd.DataFrame) -> dict[tuple[int, int], list]:
    """``(start, end)`` of every fragment of a split quote -> the index of its row."""
    out: dict[tuple[int, int], list] = {}
    if "fragments" not in quotes or "start" not in quotes:
        return out
    for idx, spans in zip(quotes.index, fragment_spans(quotes)):
        if len(spans) > 1:
            for span in spans:
                out.setdefault(span, []).append(idx)
    return out


def apply_overrides(
    quotes: pd.DataFrame,
    overrides: pd.DataFrame | None,
    article_sha256: str,
    *,
    warn: bool = True,
) -> pd.DataFrame:
    """The quote table with this article's overrides applied; the inputs are not modified.

    Rows match on ``(start, end)`` among overrides whose ``article_sha256`` is this article's; the
    offsets of one passage of a split quote (``fragments``) select the whole quote.
    Changed rows get ``overridden = True`` and an ``override_note`` saying what changed from
    what, and which line asked for it; a reassigned speaker gets ``resolution = "analyst
    override"``. Dropped quotes leave the table (``quote_id`` values are kept, so references
    such as "carried over from quote K" still point at the right quote).

    What happened is also in ``result.attrs``: ``overrides_applied`` (notes),
    ``overrides_dropped`` and ``overrides_unmatched`` (override records). An override for this
    article that matches no quote is never silently ignored: it is listed in
    ``overrides_unmatched`` and, unless ``warn=False``, raises an :class:`OverrideWarning`.
    """
    result = quotes.copy()
    if "overridden" not in result:
        result["overridden"] = False
    result["overridden"] = result["overridden"].fillna(False).astype(bool)
    if "override_note" not in result:
        result["override_note"] = pd.Series([None] * len(result), index=result.index, dtype=object)
    else:
        result["override_note"] = result["override_note"].astype(object)
    applied: list[str] = []
    dropped: list[dict] = []
    unmatched: list[dict] = []
    result.attrs.update(overrides_applied=applied, overrides_dropped=dropped, overrides_unmatched=unmatched)
    if overrides is None or overrides.empty:
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in overrides]
    if missing:
        raise QuoteLensError(f"overrides table lacks column(s) {', '.join(missing)}: load it with load_overrides()")
    sha = str(article_sha256 or "").strip().lower()
    mine = overrides_for(overrides, sha)
    to_drop: list = []
    passages = _passage_index(result)
    for _, override in mine.iterrows():
        hits = result.index[(result["start"] == override["start"]) & (result["end"] == override["end"])]
        if len(hits) == 0:  # a row keyed by one passage of a split quote: the quote it belongs to
            hits = pd.Index(passages.get((int(override["start"]), int(override["end"])), []))
        record = {k: (None if pd.isna(v) else v) for k, v in override.items()}
        if len(hits) == 0:
            unmatched.append(record)
            if warn:
                line = f" at line {record['line']}" if record.get("line") is not None else ""
                warnings.warn(
                    f"override{line} ({record['action']} {record['start']}-{record['end']}) matches no "
                    "quote in this article: check the offsets against the quote table",
                    OverrideWarning,
                    stacklevel=2,
                )
            continue
        action = override["action"]
        for idx in hits:
            if action == "drop":
                note = _describe(override, "dropped")
                dropped.append(record | {"quote_id": result.at[idx, "quote_id"] if "quote_id" in result else None,
                                         "text": result.at[idx, "text"] if "text" in result else None})
                to_drop.append(idx)
            elif action == "speaker":
                old = result.at[idx, "speaker"] if "speaker" in result else None
                new = override["speaker"]
                result.at[idx, "speaker"] = new
                if "resolution" in result:
                    result.at[idx, "resolution"] = "analyst override"
                if "speaker_type" in result:
                    known = _speaker_type(result.drop(index=[idx]), new)
                    result.at[idx, "speaker_type"] = known if known is not None else result.at[idx, "speaker_type"]
                note = _describe(override, f"speaker {old if pd.notna(old) else None!r} -> {new!r}")
            elif action == "kind":
                old = result.at[idx, "kind"] if "kind" in result else None
                result.at[idx, "kind"] = override["kind"]
                note = _describe(override, f"kind {old!r} -> {override['kind']!r}")
            else:  # a hand-made table that skipped load_overrides
                raise QuoteLensError(f"unknown override action {action!r}; use one of {', '.join(ACTIONS)}")
            previous = result.at[idx, "override_note"]
            result.at[idx, "override_note"] = f"{previous}; {note}" if isinstance(previous, str) else note
            result.at[idx, "overridden"] = True
            applied.append(note)
    if to_drop:
        result = result.drop(index=to_drop).reset_index(drop=True)
    result.attrs.update(overrides_applied=applied, overrides_dropped=dropped, overrides_unmatched=unmatched)
    return result


def format_override(
    article_sha256: str,
    start: int,
    end: int,
    action: str,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    note: str | None = None,
) -> str:
    """One correctly quoted CSV line for ``data/overrides.csv``, for the analyst to paste in.

    >>> format_override("ab" * 32, 10, 42, "speaker", speaker="Lukashenko, Alexander")[-40:]
    '10,42,speaker,"Lukashenko, Alexander",,\\n'
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([article_sha256, int(start), int(end), action, speaker or "", kind or "", note or ""])
    line = buffer.getvalue()
    load_overrides(io.StringIO(",".join(OVERRIDE_COLUMNS) + "\n" + line))  # same checks as the file gets
    return line


def overrides_for(overrides: pd.DataFrame, article_sha256: str) -> pd.DataFrame:
    """The overrides that concern one article."""
    return overrides[overrides["article_sha256"].astype(str).str.lower() == str(article_sha256).lower()]

