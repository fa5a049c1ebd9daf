"""Write analyst-facing files safely: sanitised names, and never a silent overwrite."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

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
