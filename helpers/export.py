"""Write analyst-facing files safely: sanitised names, and never a silent overwrite."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers import __version__
from helpers.errors import ExportError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_filename(name: str, *, max_length: int = 80, default: str = "unnamed") -> str:
    """A file-name component built from untrusted text (speaker names, article titles).

    Accents are folded, path separators and anything outside ``[A-Za-z0-9._-]`` become ``-``,
    leading dots are removed (no hidden files, no ``..``), and the result is never empty.

    >>> safe_filename("../Émile / \\"The Leader\\"")
    'Emile-The-Leader'
    """
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("-", folded).strip("-._")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:max_length].strip("-._")
    if not cleaned or cleaned.lower() in _RESERVED:
        cleaned = f"{default}-{cleaned}" if cleaned else default
    return cleaned


def unique_path(path: str | Path) -> Path:
    """``path`` if nothing is there yet, else the first free ``stem-2.ext``, ``stem-3.ext``, ..."""
    path = Path(path)
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


# ----------------------------------------------------------------------------------------------
# figures, tables and their sidecar

#: Formats written for every exported figure; PNG at print resolution.
FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
PNG_DPI = 300
#: CSV cells starting with these are prefixed with ``'`` so spreadsheets do not run them as
#: formulas (the text comes from untrusted articles). Only text columns are touched.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _open_new(path: Path):
    """Open ``path`` for writing only if nothing is there (atomic no-overwrite); else the next free name."""
    while True:
        try:
            return path, open(path, "xb")
        except FileExistsError:
            path = unique_path(path)


def _ensure_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the export folder {out}: {exc.strerror or exc}") from exc
    if not out.is_dir():
        raise ExportError(f"the export folder {out} is not a folder")
    return out


def free_stem(out_dir: str | Path, stems: Iterable[str], suffixes: Iterable[str]) -> str:
    """A ``-N`` suffix ('' first) such that no ``<stem><suffix>.<ext>`` exists yet for any stem/ext.

    Files exported together then share one suffix (``x-2.png``, ``x-2.svg``, ``x-2.json``).
    """
    out, stems, suffixes = Path(out_dir), list(stems), list(suffixes)
    n = 1
    while True:
        tag = "" if n == 1 else f"-{n}"
        if not any((out / f"{s}{tag}.{e}").exists() for s in stems for e in suffixes):
            return tag
        n += 1


def export_figure(fig: Figure, stem: str, out_dir: str | Path, *,
                  formats: Sequence[str] = FIGURE_FORMATS, dpi: int = PNG_DPI) -> list[Path]:
    """Write ``fig`` as PNG (``dpi``), SVG and PDF as ``out_dir/<stem>.<ext>``; never overwrites.

    ``stem`` is sanitised with :func:`safe_filename`; an existing name gets ``-2``, ``-3``...
    Returns the paths written.
    """
    out = _ensure_dir(out_dir)
    stem = safe_filename(stem, max_length=150)
    tag = free_stem(out, [stem], formats)
    written = []
    for fmt in formats:
        path, handle = _open_new(out / f"{stem}{tag}.{fmt}")
        try:
            with handle:
                fig.savefig(handle, format=fmt, dpi=dpi, bbox_inches="tight",
                            metadata={"Creator": f"Quote Lens {__version__}"})
        except Exception as exc:
            path.unlink(missing_ok=True)
            raise ExportError(f"cannot write {path.name}: {exc}") from exc
        written.append(path)
    return written


def _csv_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell_to_text(value: object) -> object:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def export_table(df: pd.DataFrame, stem: str, out_dir: str | Path, *,
                 escape_formulas: bool = True) -> Path:
    """Write ``df`` as UTF-8 CSV ``out_dir/<stem>.csv`` without overwriting; returns the path.

    List/dict cells (``drivers``, ``evidence``) become JSON text. Text cells that a spreadsheet
    would run as a formula get a leading ``'`` unless ``escape_formulas=False``.
    """
    out = _ensure_dir(out_dir)
    stem = safe_filename(stem, max_length=150)
    table = df.copy()
    for col in table.columns:
        if table[col].dtype == object or pd.api.types.is_string_dtype(table[col]):
            table[col] = table[col].map(_cell_to_text)
            if escape_formulas:
                table[col] = table[col].map(_csv_safe)
    path, handle = _open_new(out / f"{stem}{free_stem(out, [stem], ['csv'])}.csv")
    with handle:
        handle.write(table.to_csv(index=False).encode("utf-8"))
    return path


def write_sidecar(stem: str, out_dir: str | Path, *, filters: Mapping[str, object],
                  article_sha256: str | None, files: Iterable[str | Path] = (),
                  article_title: str | None = None, extra: Mapping[str, object] | None = None) -> Path:
    """Write ``<stem>.json`` recording how the exported files were made; never overwrites.

    Holds the filters, the article's sha256, the package version, the UTC time and the files.
    """
    out = _ensure_dir(out_dir)
    stem = safe_filename(stem, max_length=150)
    record = {
        "article_title": article_title,
        "article_sha256": article_sha256,
        "filters": dict(filters),
        "quotelens_version": __version__,
        "created_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "files": [Path(f).name for f in files],
        **dict(extra or {}),
    }
    path, handle = _open_new(out / f"{stem}{free_stem(out, [stem], ['json'])}.json")
    with handle:
        handle.write(json.dumps(record, indent=2, ensure_ascii=False, default=str).encode("utf-8"))
    return path


def filter_slug(filters: Mapping[str, object], all_speakers: Sequence[str] = ()) -> str:
    """A short file-name part saying which filter made an export, ``all`` when nothing is filtered.

    >>> filter_slug({"speakers": ["Putin"], "kinds": ["direct"], "min_confidence": 0.5},
    ...             all_speakers=["Putin", "Lukashenko"])
    'Putin_direct_conf0.50'
    """
    parts = []
    speakers = list(filters.get("speakers") or [])
    if not speakers:
        parts.append("no-speakers")
    elif set(speakers) != set(all_speakers):
        if len(speakers) <= 3:
            parts.append("-".join(safe_filename(s.split()[-1] if s.split() else s, max_length=20)
                                  for s in speakers))
        else:
            parts.append(f"{len(speakers)}-speakers")
    kinds = list(filters.get("kinds") or [])
    if set(kinds) != {"direct", "partial", "indirect"}:
        parts.append("-".join(kinds) if kinds else "no-kinds")
    target = filters.get("target")
    if target:
        parts.append(f"about-{safe_filename(str(target), max_length=30)}")
    conf = float(filters.get("min_confidence") or 0)
    if conf > 0:
        parts.append(f"conf{conf:.2f}")
    return safe_filename("_".join(parts) or "all", max_length=70)


def export_charts(figures: Mapping[str, Figure], table: pd.DataFrame | None, out_dir: str | Path, *,
                  article_title: str | None, article_sha256: str | None,
                  filters: Mapping[str, object], all_speakers: Sequence[str] = (),
                  formats: Sequence[str] = FIGURE_FORMATS, dpi: int = PNG_DPI) -> list[Path]:
    """Export the current figures, the filtered table and a sidecar JSON in one go.

    Names read ``<article>__<chart>__<filter>.<ext>`` (table: ``quotes``, sidecar: ``export``),
    all with the same ``-N`` suffix when an earlier export used the names. Returns every path.
    """
    out = _ensure_dir(out_dir)
    article = safe_filename(article_title or "article", max_length=50)
    slug = filter_slug(filters, all_speakers)
    stems = {name: safe_filename(f"{article}__{name}__{slug}", max_length=150) for name in figures}
    table_stem = safe_filename(f"{article}__quotes__{slug}", max_length=150)
    side_stem = safe_filename(f"{article}__export__{slug}", max_length=150)
    tag = free_stem(out, [*stems.values(), table_stem, side_stem], [*formats, "csv", "json"])
    written: list[Path] = []
    for name, fig in figures.items():
        written += export_figure(fig, stems[name] + tag, out, formats=formats, dpi=dpi)
    if table is not None:
        written.append(export_table(table, table_stem + tag, out))
    written.append(write_sidecar(side_stem + tag, out, filters=filters, article_sha256=article_sha256,
                                 files=written, article_title=article_title,
                                 extra={"png_dpi": dpi, "n_rows": None if table is None else len(table)}))
    return written
