"""Read an article and cut it into paragraphs and sentences, keeping exact character offsets.

Every span is a ``(start, end)`` pair into the text the analyst sees (end exclusive), so that
``text[start:end]`` is exactly the paragraph or sentence.

>>> a = read_article("Storm Hits Coast\\n\\nBy Jane Doe\\n\\nThe storm arrived. It was loud.")
>>> a.title, a.author, len(a.sentences)
('Storm Hits Coast', 'Jane Doe', 4)
"""
from __future__ import annotations

import codecs
import hashlib
import json
import re
import sys
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import argparse

    import pandas as pd
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Abbreviations Punkt must not split after (lower case, without the final period).
#: Project-owned, because NLTK's trained ``punkt_tab`` model cannot be downloaded here.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof rev fr sr jr esq hon rt st mt ft
    gen gens lt col maj capt cmdr adm brig sgt cpl pvt
    gov sen rep reps sens pres supt insp det atty assn dept univ inst gov't
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc plc bros vs v etc al approx est fig vol pp ch cf ca
    ave blvd rd hwy
    a.m p.m e.g i.e u.s u.k u.n u.s.a e.u d.c n.y l.a u.s.s.r ph.d m.d
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev n.h n.j n.m n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash wis wyo
    """.split()
)

#: Default size limit for one article (bytes read, or UTF-8 bytes of a string).
MAX_BYTES = 10_000_000

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")


class NotEnglishWarning(UserWarning):
    """The text does not look like English: quote extraction and sentiment are tuned for English."""


# --------------------------------------------------------------------------------------------
# Segmentation (used by the quote extractor as well: keep the signatures)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    # Imported on first use: importing nltk takes seconds (it pulls in scipy), and a CLI call
    # that fails on bad input should answer at once.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


#: ``string.whitespace``: what Punkt looks for before a candidate break (ASCII only, by design).
_PUNKT_WS = " \t\n\r\x0b\x0c"
#: Closing marks Punkt's boundary realignment moves onto the sentence before (its regex class).
_PUNKT_REALIGN_OPENERS = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
#: Tokens Punkt's orthographic heuristic says never start a sentence (``PUNCTUATION``).
_PUNKT_PUNCTUATION = frozenset(";:,.!?")
# The commonest candidate contexts, ASCII words around a mark and one space, whose Punkt tokens
# are known without running its word tokenizer: "said. The" -> "said.", "The"; "why? He" -> "why",
# "?", "He" (Punkt splits "?" and "!" off a word but keeps a period on it).
_PLAIN_PERIOD = re.compile(r"([A-Za-z]+)\. [A-Za-z]+")
_PLAIN_MARK = re.compile(r"[A-Za-z]+[?!] [A-Za-z]+")


# NLTK Punkt's English regexes (``PunktLanguageVars`` and ``PunktToken``, NLTK >= 3.9), with the
# flags of the ``regex`` engine NLTK compiles them with. Copied so that a worker or a CLI call
# need not import nltk, which takes 0.4 s, or 1.3 s more where scipy and scikit-learn are
# installed (its package init imports them); tests/test_article.py checks they are NLTK's.
_PUNKT_SENT_END_CHARS = (".", "?", "!")
_PUNKT_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_PUNKT_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_PUNKT_PERIOD_CONTEXT = r"""
        [\.\?!]             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))""" % {"NonWord": _PUNKT_NON_WORD}
_PUNKT_WORD_TOKENIZER = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )""" % {"MultiChar": _PUNKT_MULTI_CHAR, "WordStart": r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]",
           "NonWord": _PUNKT_NON_WORD}
_PUNKT_REALIGN = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'
_PUNKT_NUMERIC = r"^-?[\.,]?\d[\d,\.-]*\.?$"
_PUNKT_INITIAL = r"[^\W\d]\.$"
_PUNKT_FLAGS = 8288  # regex.V0 | regex.VERBOSE | regex.UNICODE
_PUNKT_REALIGN_FLAGS = 8232  # regex.V0 | regex.UNICODE | regex.MULTILINE
_PUNKT_TOKEN_FLAGS = 8224  # regex.V0 | regex.UNICODE


class _FastPunkt:
    """``PunktSentenceTokenizer.span_tokenize`` for our parameters, without NLTK's per-call costs.

    Our Punkt is untrained: no collocations, no sentence starters, no orthographic context, only
    :data:`ABBREVIATIONS`. With those the second pass reduces to a rule on the token pair, so a
    candidate break is decided from two token strings instead of building ``PunktToken`` objects
    through NLTK's timeout-wrapped (``nltk.redos``) regexes. Same regexes (NLTK's, see
    ``_PUNKT_PERIOD_CONTEXT``), same steps in the same order: ``tests/test_article.py`` checks it
    against NLTK, so this path never imports nltk.
    """

    def __init__(self) -> None:
        import regex

        self._period = regex.compile(_PUNKT_PERIOD_CONTEXT, _PUNKT_FLAGS)
        self._words = regex.compile(_PUNKT_WORD_TOKENIZER, _PUNKT_FLAGS)
        self._realign = regex.compile(_PUNKT_REALIGN, _PUNKT_REALIGN_FLAGS)
        self._numeric = regex.compile(_PUNKT_NUMERIC, _PUNKT_TOKEN_FLAGS)
        self._initial = regex.compile(_PUNKT_INITIAL, _PUNKT_TOKEN_FLAGS)
        self._ends = _PUNKT_SENT_END_CHARS
        self._abbrev = ABBREVIATIONS
        # the last of string.whitespace before a candidate (Punkt scans back for it)
        self._last_ws = regex.compile("[" + re.escape(_PUNKT_WS) + "]", regex.REVERSE)

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """What ``PunktSentenceTokenizer.span_tokenize(text)`` yields, as a list."""
        # _match_potential_end_contexts (each candidate with the word before it, overlaps dropped)
        # feeding _slices_from_text (the candidates whose context holds a break)
        slices = []
        last_break = 0
        prev_start = prev_stop = 0
        prev_match = None
        last_ws = self._last_ws.search
        for m in self._period.finditer(text):
            ms = m.start()
            ws = last_ws(text, prev_stop, ms)
            word_start = ws.end() if ws is not None and ws.start() > prev_stop else prev_start
            if prev_match is not None and prev_stop <= word_start and self._contains_break(
                    text[prev_start:prev_stop] + prev_match.group() + prev_match.group("after_tok")):
                slices.append((last_break, prev_match.end()))
                last_break = prev_match.start("next_tok") if prev_match.group("next_tok") else prev_match.end()
            prev_match, prev_start, prev_stop = m, word_start, ms
        if prev_match is not None and self._contains_break(
                text[prev_start:prev_stop] + prev_match.group() + prev_match.group("after_tok")):
            slices.append((last_break, prev_match.end()))
            last_break = prev_match.start("next_tok") if prev_match.group("next_tok") else prev_match.end()
        slices.append((last_break, len(text.rstrip())))
        # _realign_boundaries
        out = []
        realign = 0
        last = len(slices) - 1
        for k, (s1, e1) in enumerate(slices):
            s1 += realign
            if k == last:
                if e1 > s1:
                    out.append((s1, e1))
                break
            s2, e2 = slices[k + 1]
            m = self._realign.match(text[s2:e2]) if s2 < e2 and text[s2] in _PUNKT_REALIGN_OPENERS else None
            if m:
                out.append((s1, s2 + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if e1 > s1:
                    out.append((s1, e1))
        return out

    def _contains_break(self, context: str) -> bool:
        """``text_contains_sentbreak``: a token other than the last is a sentence break."""
        plain = _PLAIN_PERIOD.fullmatch(context)
        if plain is not None:  # ["word.", "Next"]: a break unless an abbreviation or an initial
            word = plain.group(1)
            return len(word) > 1 and word.lower() not in self._abbrev
        if _PLAIN_MARK.fullmatch(context) is not None:  # ["word", "?", "Next"]: "?" is a break
            return True
        if "\n" in context:
            toks: list[str] = []
            for line in context.split("\n"):
                if line.strip():
                    toks += self._words.findall(line)
        else:
            toks = self._words.findall(context)  # holds the candidate mark: never blank
        is_break = self._is_break
        for i in range(len(toks) - 1):
            if is_break(toks[i], toks[i + 1]):
                return True
        return False

    def _is_break(self, tok: str, nxt: str) -> bool:
        """Punkt's first and second pass on ``tok`` followed by ``nxt``, with untrained parameters."""
        if tok in self._ends:
            return True
        if not tok.endswith(".") or tok.endswith(".."):
            return False  # an ellipsis (two periods or more, nothing else) ends in ".." too
        low = tok[:-1].lower()
        if low in self._abbrev or low.rpartition("-")[2] in self._abbrev:
            return False
        initial = len(tok) == 2 and self._initial.match(tok) is not None  # one letter and its period
        if not initial and tok[0].isalpha():
            return True  # a number starts with a digit, "-", "." or ",", and "##number##" with "#"
        typ = self._numeric.sub("##number##", tok.lower())
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        if initial or typ == "##number##":
            # the orthographic heuristic: False before punctuation or a lower-case word
            if nxt in _PUNKT_PUNCTUATION or nxt[0].islower():
                return False
            if initial and nxt[0].isupper():
                return False  # "J. Bach"
        return True


def _unwrapped(pattern: Any) -> Any:
    """The compiled ``regex`` pattern inside NLTK's timeout wrapper (the pattern itself if none)."""
    return getattr(pattern, "_rx", pattern)


@lru_cache(maxsize=1)
def _fast_punkt() -> _FastPunkt:
    return _FastPunkt()


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as ``(start, end)`` offsets, whitespace trimmed, empty ones skipped.

    Paragraphs are separated by blank lines; a text without any blank line is taken one
    paragraph per line (as scraped text often is).

    >>> paragraph_spans("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    if _BLANK_LINE.search(text):
        bounds, pos = [], 0
        for m in _BLANK_LINE.finditer(text):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(text)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    spans = []
    for start, end in bounds:
        start, end = _strip_span(text, start, end)
        if end > start:
            spans.append((start, end))
    return spans


# A sentence Punkt cut off that starts in lower case continues the previous one:
# '"Why?" he asked.' is one sentence, not two.
_CONTINUATION = re.compile(r"[\"'\u201c\u201d\u2018\u2019(\[]*[a-z]")
# "No." is an abbreviation only before a number ("No. 10 Downing Street"); "No. Not now." splits.
_NUMBER_ABBREV = re.compile(r"\b(?:No|no|Nos|nos|NO)\.$")


_QUOTED_ABBREV = re.compile(r"[\"'\u201c\u2018(\[]+([A-Za-z]+)\.$")


def _quoted_abbreviation_end(text: str, start: int, end: int) -> bool:
    """A piece ending in an abbreviation right after an opening mark (``as \u201cMr.``): Punkt
    reads the mark as part of the word and misses the abbreviation, so the sentence goes on."""
    m = _QUOTED_ABBREV.search(text, max(start, end - 12), end)
    return m is not None and m.group(1).lower() in ABBREVIATIONS


_SENTENCE_MARK = re.compile(r"[.!?]")
_CLOSERS = frozenset(".!?\"'\u201d\u2019)]")
_TAIL = re.compile(r"[\"'\u201d\u2019)\]]*[.!?]?[\"'\u201d\u2019)\]]*")


def _cannot_split(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has no ``.``/``!``/``?`` but one among its closing quotes and
    brackets: Punkt only cuts after those, so it would return the whole span (most paragraphs of
    news are one sentence); ``??`` or ``?!`` at the end still go to Punkt, which cuts between them."""
    last = end
    while last > start and text[last - 1] in _CLOSERS:
        last -= 1
    return _SENTENCE_MARK.search(text, start, last) is None and _TAIL.fullmatch(text, last, end) is not None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets into ``text``, by Punkt with our abbreviations.

    A piece that starts in lower case is joined to the sentence before it, so a quotation
    followed by its attribution (``"Why?" he asked.``) stays one sentence, while a quotation of
    several sentences is still split.

    >>> t = "Mr. Smith said so. Then he left."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Smith said so.', 'Then he left.']
    """
    end = len(text) if end is None else end
    if _cannot_split(text, start, end):
        s, e = _strip_span(text, start, end)
        return [(s, e)] if e > s else []
    return _punkt_sentence_spans(text, start, end)


def _punkt_sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """:func:`sentence_spans` without the shortcut: Punkt, then the continuation joins."""
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    for s, e in _fast_punkt().span_tokenize(chunk):
        s, e = _strip_span(chunk, s, e)
        if e <= s:
            continue
        if spans and "\n\n" not in chunk[spans[-1][1]:s] and (
                _CONTINUATION.match(chunk, s)
                or (chunk[s].isdigit() and _NUMBER_ABBREV.search(chunk, spans[-1][0], spans[-1][1]))
                or _quoted_abbreviation_end(chunk, spans[-1][0], spans[-1][1])):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return [(start + s, start + e) for s, e in spans]


# --------------------------------------------------------------------------------------------
# The Article
# --------------------------------------------------------------------------------------------

PARAGRAPH_COLUMNS = ("paragraph", "start", "end", "text", "role")
SENTENCE_COLUMNS = ("sentence", "paragraph", "start", "end", "text")
REMOVED_COLUMNS = ("text", "reason")


@dataclass(frozen=True, eq=False)
class Segments:
    """An article's segmentation as plain lists (cheap to build; the tables are made from it).

    ``paragraphs`` holds ``(start, end)`` per paragraph, ``roles`` its role, ``sentences`` holds
    ``(paragraph, start, end)`` per sentence, ``removed`` holds ``(text, reason)`` per dropped line.
    """

    paragraphs: list[tuple[int, int]]
    roles: list[str]
    sentences: list[tuple[int, int, int]]
    removed: list[tuple[str, str]]


@dataclass(frozen=True, eq=False)
class Article:
    """One article as the analyst sees it; every offset in the workbook points into ``text``.

    ``paragraphs`` has columns ``paragraph, start, end, text, role`` (role is ``title``,
    ``byline``, ``standfirst`` or ``body``), ``sentences`` has ``sentence, paragraph, start,
    end, text``, ``removed`` has ``text, reason`` for the boilerplate that was dropped. The three
    tables are built from ``segments`` on first use: a corpus run that only needs the offsets
    (``segments``) never pays for DataFrames.
    """

    text: str
    title: str | None
    author: str | None
    standfirst: str | None
    segments: Segments = field(repr=False)
    meta: dict[str, Any] = field(repr=False)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        """``paragraph, start, end, text, role``, one row per paragraph."""
        import numpy as np
        import pandas as pd

        spans = self.segments.paragraphs
        return pd.DataFrame({
            "paragraph": np.arange(len(spans), dtype=np.int64),
            "start": np.array([s for s, _ in spans], dtype=np.int64),
            "end": np.array([e for _, e in spans], dtype=np.int64),
            "text": _objects([self.text[s:e] for s, e in spans]),
            "role": _objects(self.segments.roles),
        })

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """``sentence, paragraph, start, end, text``, one row per sentence."""
        import numpy as np
        import pandas as pd

        rows = self.segments.sentences
        ints = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return pd.DataFrame({
            "sentence": np.arange(len(rows), dtype=np.int64),
            "paragraph": ints[:, 0],
            "start": ints[:, 1],
            "end": ints[:, 2],
            "text": _objects([self.text[s:e] for _, s, e in rows]),
        })

    @cached_property
    def removed(self) -> pd.DataFrame:
        """``text, reason`` of the boilerplate lines that were dropped."""
        import pandas as pd

        rows = self.segments.removed
        return pd.DataFrame({
            "text": _objects([t for t, _ in rows]),
            "reason": _objects([r for _, r in rows]),
        }).astype({"text": "str", "reason": "str"})  # same dtype as the other text columns, even when empty

    @property
    def source(self) -> str:
        """Where the article came from: the path read, or ``<string>``."""
        return self.meta["source"]

    @property
    def sha256(self) -> str:
        """sha256 of the raw bytes read (of the UTF-8 text when a string was given)."""
        return self.meta["sha256"]

    @property
    def body(self) -> pd.DataFrame:
        """The paragraphs with role ``body``: the article without its headline block."""
        return self.paragraphs[self.paragraphs["role"] == "body"]

    def __repr__(self) -> str:
        return (
            f"Article(title={self.title!r}, author={self.author!r}, "
            f"paragraphs={len(self.segments.paragraphs)}, sentences={len(self.segments.sentences)}, "
            f"source={self.source!r})"
        )


# --------------------------------------------------------------------------------------------
# Reading: where the bytes come from, how they decode
# --------------------------------------------------------------------------------------------

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSON_SUFFIXES = {".json"}
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_PATHLIKE = re.compile(
    r"(?:[^\s<>{}\"]+\.(?:txt|text|md|html?|xhtml|json)"  # notes.txt
    r"|[^\n<>{}\"]*[/\\][^\n<>{}\"]*\.(?:txt|text|md|html?|xhtml|json)"  # My Articles/a.txt
    r"|(?:~|\.{1,2})?[/\\]\S*"  # /tmp/x, ../x, ~/x
    r"|[A-Za-z]:[/\\][^\n]*)",  # C:\\news\\a.txt
    re.IGNORECASE,
)
_BINARY_MAGIC = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx/.xlsx/.epub is one)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x7fELF": "a program (ELF executable)",
}


_URL = re.compile(r"(?:https?|ftp)://\S+$", re.IGNORECASE)


def looks_like_path(value: str) -> bool:
    """Whether a string given to :func:`read_article` is a file name rather than article text.

    A string with a line break is always text. A one-line string is a path when it names an
    existing file or directory, or looks like one (``notes.txt``, ``../data/a.html``, ``/tmp/x``)
    so that a mistyped path gives "file not found" instead of a one-word article.

    >>> looks_like_path("data/raw/missing.txt"), looks_like_path("Troops arrived on Monday.")
    (True, False)
    """
    if not value or "\n" in value or "\r" in value or len(value) > 4096 or "\x00" in value:
        return False
    if _PATHLIKE.fullmatch(value.strip()):
        return True
    try:
        return Path(value).expanduser().exists()
    except (OSError, ValueError, RuntimeError):  # RuntimeError: "~nobody" has no home directory
        return False


def _expand(path: Path) -> Path:
    try:
        return path.expanduser()
    except RuntimeError:  # "~nobody/x": no such user; reading it then says "file not found"
        return path


def _human_bytes(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.1f} kB"
    return f"{n / 1_000_000:.1f} MB"


def _check_size(n: int, max_bytes: int | None, what: str) -> None:
    if max_bytes is not None and n > max_bytes:
        raise InputError(
            f"{what} is {_human_bytes(n)} ({n} bytes), over the {_human_bytes(max_bytes)} limit "
            f"(max_bytes={max_bytes}; raise it with --max-bytes N)"
        )


def _read_file(path: Path, max_bytes: int | None) -> bytes:
    shown = str(path)
    try:
        if not path.exists():
            hint = ""
            if not path.is_absolute():
                hint = f" (looked in {Path.cwd()})"
            raise InputError(f"{shown}: file not found{hint}")
        if path.is_dir():
            raise InputError(f"{shown} is a directory, not an article file: name one file inside it")
        if not path.is_file():
            raise InputError(f"{shown} is not a regular file")
        _check_size(path.stat().st_size, max_bytes, shown)
        with path.open("rb") as fh:
            data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read it ({exc.strerror or exc})") from None
    _check_size(len(data), max_bytes, shown)  # a file that grew, or a pipe
    return data


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in {"utf_8", "ascii"}:
        return None
    return best.encoding


def _decode(data: bytes, what: str, encoding: str | None) -> tuple[str, str]:
    """Bytes -> str, refusing binary files and reporting where decoding failed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding is None:
        encoding = "utf-16"
    if encoding is None or encoding.lower().replace("_", "-") in {"utf-8", "utf8", "utf-8-sig"}:
        for magic, kind in _BINARY_MAGIC.items():
            if data.startswith(magic):
                raise InputError(f"{what} is {kind}, not text: export the article as .txt, .html or .json")
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(
                f"{what} looks like a binary file (NUL byte at byte offset {nul}), not text: "
                "give a .txt, .html or .json article"
            )
        encoding = "utf-8-sig"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown text encoding {encoding!r}") from None
    try:
        text = data.decode(encoding)
        if encoding == "utf-8-sig":
            encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
        return text, encoding
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        bad = data[exc.start:exc.start + 1].hex()
        shown = "UTF-8" if encoding == "utf-8-sig" else encoding
        guess = _guess_encoding(data) if shown == "UTF-8" else None
        hint = (f"; it looks like {guess}: re-save it as UTF-8 or pass --encoding {guess} (encoding={guess!r})"
                if guess else "; re-save it as UTF-8")
        raise InputError(
            f"{what} is not valid {shown}: byte 0x{bad} at byte offset {exc.start} "
            f"(line {line}, column {col}) cannot be decoded{hint}"
        ) from None


# --------------------------------------------------------------------------------------------
# Normalisation: what the analyst sees
# --------------------------------------------------------------------------------------------

_SPACES = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ", "\t": " ",
    "\u2028": "\n", "\u2029": "\n\n", "\x85": "\n", "\x0b": "\n", "\x0c": "\n\n",
})
# The same as (old, new) pairs: no replacement holds a character replaced, so replacing them one
# after the other gives what one ``str.translate`` does.
_SPACES_PAIRS = tuple((chr(k), v) for k, v in _SPACES.items())
# Invisible characters that only break words apart: byte-order marks, zero-width spaces,
# soft hyphens, word joiners.
_INVISIBLE_CHARS = "\ufeff\u200b\u00ad\u2060\ufffe"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def normalize_text(text: str) -> str:
    """The characters the analyst sees: LF line ends, no BOM or zero-width marks, NBSP -> space.

    Curly quotes, dashes and accents are kept as they are (NFC composed).

    >>> normalize_text("\\ufeffIt\\u00a0was\\r\\n\\u201cfine\\u201d")
    'It was\\n\\u201cfine\\u201d'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(c in text for c in _INVISIBLE_CHARS):  # a scan per character is cheaper than the regex
        text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    for old, new in _SPACES_PAIRS:  # str.translate walks every character; few texts hold any of these
        if old in text:
            text = text.replace(old, new)
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Boilerplate: whole lines that belong to the web page, not to the article
# --------------------------------------------------------------------------------------------

_SOCIAL = r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|print|copy link|messenger)"
_BOILERPLATE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"(?:top|bottom) of (?:the )?page|back to top|return to top|skip to (?:main )?content|"
         r"skip navigation|jump to (?:navigation|content)|main menu|menu",
         "page navigation"),
        (r"(?:\W*)(?:advertisement|advertising|advert|sponsored(?: content)?|promoted(?: content)?|ad)(?:\W*)|"
         r"(?:story|article) continues (?:below|after)(?: (?:the )?(?:advertisement|ad))?|"
         r"continue reading(?: (?:below|the main story|the story))?",
         "advertisement"),
        (rf"share(?: this| the)?(?: article| story| page| post| on)?(?:[\s:,|/]+{_SOCIAL})*[.!:]?|"
         rf"(?:share on |tweet |post to )?{_SOCIAL}(?:[\s,|/]+{_SOCIAL})*|(?:\d+\s+)?shares?|"
         r"follow us(?: on .{0,60})?|like us on facebook",
         "share buttons"),
        (r"(?:subscribe|sign up|sign-up|register|join)(?: now| today| here| free)?"
         r"(?:\W+(?:to|for)\W.{0,100}(?:newsletter|inbox|updates|alerts|email|briefing|subscription|digest|free).{0,60})?[.!:]?|"
         r".{0,80}\b(?:subscribe|sign up)\b.{0,40}\b(?:newsletter|inbox|alerts|briefing|digest|subscription)\b.{0,80}|"
         r"(?:already a subscriber|log ?in|sign in)\b.{0,60}",
         "subscription prompt"),
        (r".{0,200}\b(?:we use cookies|this (?:web)?site uses cookies|accept (?:all )?cookies|"
         r"cookie (?:policy|settings|preferences|consent)|use of cookies)\b.{0,300}|(?:accept|reject|manage) (?:all|cookies|preferences)",
         "cookie notice"),
        (r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))\s*.{0,120}|all rights reserved\.?",
         "copyright notice"),
    )
)


#: Per pattern above, words one of which every line it matches contains (ignoring case), so the
#: expensive patterns (``.{0,200}\b...``) only run on lines that have one; empty: always run.
_BOILERPLATE_WORDS: tuple[tuple[str, ...], ...] = (
    (), (), (),
    ("subscri", "sign", "register", "join", "log"),  # subscribe/r, sign up/-up/in, log in, login
    ("cookie", "accept", "reject", "manage"),
    (),
)
#: The only characters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not
#: turn into that letter alone (``\u0130`` lowers to two characters): with none of them in a line,
#: a word in ``line.lower()`` is exactly a case-blind match of it.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f]")

_REPORTED = re.compile(r"[\"“”«»]|\b(?:said|says|told|stated|added|according to)\b", re.IGNORECASE)


def boilerplate_reason(line: str) -> str | None:
    """Why a whole line is web-page boilerplate (``"page navigation"``, ``"advertisement"``...), or None.

    >>> boilerplate_reason("top of page"), boilerplate_reason("Troops arrived.")
    ('page navigation', None)
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 500:
        return None
    low = stripped.lower() if stripped.isascii() or not _FOLDS_TO_ASCII.search(stripped) else None
    for (pattern, reason), words in zip(_BOILERPLATE, _BOILERPLATE_WORDS):
        if words and low is not None:
            for word in words:
                if word in low:
                    break
            else:
                continue  # the pattern cannot match: none of the words all its matches contain
        if pattern.fullmatch(stripped):
            # a line that quotes or reports someone is article text, whatever it mentions
            return None if _REPORTED.search(stripped) else reason
    return None


def _remove_boilerplate(text: str) -> tuple[str, list[dict[str, str]]]:
    """Drop boilerplate lines and collapse blank runs; returns the clean text and what was removed."""
    lines = [line.strip(" ") for line in text.split("\n")]
    had_blank = any(not line for line in _inner(lines))
    removed: list[dict[str, str]] = []
    kept: list[str] = []
    for line in lines:
        reason = boilerplate_reason(line)
        if reason is not None:
            removed.append({"text": line, "reason": reason})
            continue
        kept.append(line)
    blocks: list[list[str]] = [[]]
    for line in kept:
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif had_blank:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    text = "\n\n".join("\n".join(b) for b in blocks if b)
    # One blank line between paragraphs, always: a lone block of several lines is read one
    # paragraph per line (see paragraph_spans), so write it that way and reading is idempotent.
    return "\n\n".join(text[s:e] for s, e in paragraph_spans(text)), removed


def _inner(lines: list[str]) -> list[str]:
    """The lines between the first and the last non-empty one."""
    idx = [i for i, line in enumerate(lines) if line]
    return lines[idx[0]:idx[-1] + 1] if idx else []


# --------------------------------------------------------------------------------------------
# HTML and JSON sources
# --------------------------------------------------------------------------------------------

#: Elements that are never article text (code, widgets) ...
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "button", "select", "object",
              "embed", "canvas")
#: ... and page furniture whose text is dropped and listed in ``Article.removed``, with why.
_CHROME_TAGS = {
    "nav": "page navigation (HTML <nav>)",
    "footer": "page footer (HTML <footer>)",
    "aside": "sidebar (HTML <aside>)",
    "form": "form (HTML <form>)",
    "figure": "image and caption (HTML <figure>)",
    "header": "page header (HTML <header>)",
}
_BLOCK_TAGS = frozenset("""
    address article blockquote body caption dd details div dl dt fieldset figcaption figure h1 h2 h3
    h4 h5 h6 header hr html li main ol p pre section summary table tbody td tfoot th thead tr ul
""".split())
_STANDFIRST_CLASS = re.compile(r"standfirst|(?:^|[-_ ])dek(?:$|[-_ ])|deck|subtitle|subhead|strapline|summary|lede|intro", re.I)
_BYLINE_CLASS = re.compile(r"byline|author", re.I)


@dataclass
class _Hints:
    """What the source's structure says (HTML tags, JSON fields), used before text heuristics."""

    title: str | None = None
    byline: str | None = None
    standfirst: str | None = None
    author: str | None = None
    removed: list[dict[str, str]] = field(default_factory=list)


def _clean_inline(text: str) -> str:
    return re.sub(r"[ \t\r\f\v\n\u00a0]+", " ", text).strip()


def _html_to_text(markup: str) -> tuple[str, _Hints]:
    """Visible article text with one blank line between blocks, and the title/byline the tags give."""
    import warnings as _w

    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag
    from bs4 import XMLParsedAsHTMLWarning

    try:
        from bs4 import MarkupResemblesLocatorWarning
    except ImportError:  # pragma: no cover
        MarkupResemblesLocatorWarning = UserWarning  # type: ignore[misc,assignment]

    with _w.catch_warnings():
        _w.simplefilter("ignore", MarkupResemblesLocatorWarning)
        _w.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(markup, "html.parser")

    hints = _Hints()
    head_title_tag = soup.find("title")
    head_title = _clean_inline(head_title_tag.get_text(" ")) if head_title_tag is not None else ""
    meta_author = soup.find("meta", attrs={"name": re.compile("^author$", re.I)})
    if meta_author is not None and meta_author.get("content"):
        hints.author = _clean_inline(str(meta_author["content"])) or None
    for tag in soup.find_all(["head", *_DROP_TAGS]):
        if not tag.decomposed:
            tag.decompose()
    # The headline: the h1 of the article (or main) element when there is one, else the first h1.
    container = soup.find("article") or soup.find("main")
    h1 = (container.find("h1") if container is not None else None) or soup.find("h1")
    for tag in soup.find_all(list(_CHROME_TAGS)):
        if tag.decomposed:
            continue  # inside furniture dropped already
        if tag.name == "header" and (tag.find_parent(["article", "main"]) is not None
                                     or (h1 is not None and h1 in tag.find_all("h1"))):
            continue  # an article's own header holds its headline and byline
        text = _clean_inline(tag.get_text(" "))
        if text:
            hints.removed.append({"text": text, "reason": _CHROME_TAGS[tag.name]})
        tag.decompose()
    if h1 is not None and h1.decomposed:
        h1 = soup.find("h1")
    if h1 is not None:
        hints.title = _clean_inline(h1.get_text(" ")) or None
    byline = soup.find(attrs={"class": _BYLINE_CLASS}) or soup.find(attrs={"rel": "author"}) \
        or soup.find(attrs={"itemprop": "author"})
    if isinstance(byline, Tag):
        hints.byline = _clean_inline(byline.get_text(" ")) or None
    stand = soup.find(attrs={"class": _STANDFIRST_CLASS})
    if isinstance(stand, Tag):
        hints.standfirst = _clean_inline(stand.get_text(" ")) or None

    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = "".join(current)
        lines = [_clean_inline(part) for part in joined.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
        current.clear()

    def walk(node: Any, pre: bool = False) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                current.append(str(child) if pre else str(child).replace("\n", " "))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower() if child.name else ""
            if name == "br":
                current.append("\n")
            elif name in _BLOCK_TAGS:
                flush()
                walk(child, pre or name == "pre")
                flush()
            else:
                walk(child, pre)

    walk(soup)
    flush()
    if hints.title is None and head_title:
        hints.title = head_title
        blocks.insert(0, head_title)
    return "\n\n".join(blocks), hints


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(
        re.match(r"<(?:head|body|article|div|p|h1|meta|title)\b", head)
    )


def _is_json_article(text: str) -> bool:
    """Text given without a file name is JSON only when it parses as an object with "text"."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and "text" in data


def _json_to_text(raw: str, what: str) -> tuple[str, _Hints]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        if _looks_like_html(raw):
            raise InputError(f"{what} holds HTML, not JSON: rename it to .html so its tags are stripped") from None
        raise InputError(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict):
        raise InputError(f'{what} must hold one JSON object {{"title", "byline", "text"}}, not a {type(data).__name__}')
    body = data.get("text")
    if body is None:
        raise InputError(f'{what} has no "text" field: expected {{"title": ..., "byline": ..., "text": ...}}')
    if not isinstance(body, str):
        raise InputError(f'{what}: "text" must be a string, not {type(body).__name__}')
    hints = _Hints()
    parts = []
    for key in ("title", "byline", "standfirst"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f'{what}: "{key}" must be a string, not {type(value).__name__}')
        value = _clean_inline(normalize_text(value))
        if value:
            setattr(hints, key, value)
            parts.append(value)
    body_norm = normalize_text(body)
    first = body_norm.strip().split("\n", 1)[0].strip() if body_norm.strip() else ""
    if hints.title and first == hints.title:  # the body already opens with its headline
        parts.remove(hints.title)
    return "\n\n".join([*parts, body_norm]), hints


# --------------------------------------------------------------------------------------------
# Structure: title, byline, standfirst
# --------------------------------------------------------------------------------------------

_NAME = r"(?:[A-Z][\w'’.\-]*|(?:de|da|van|von|der|den|del|della|di|du|la|le|bin|ibn|al|el|ten|ter)\b)"
_PERSON = re.compile(rf"{_NAME}(?:\s+{_NAME}){{0,5}}")
_BYLINE = re.compile(r"(?:by|written by|words by|author|reporting by)\s*[:\-–—]?\s+(?P<who>\S.*)|(?:by|author):\s*(?P<who2>\S.*)",
                     re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_ORG_SUFFIX = re.compile(r"\s+(?:\||–|—|-|/)\s+.*$")
_TERMINAL = re.compile(r"[.!?][\"'”’)]*$")
_SMALL_WORDS = frozenset("a an and as at but by for from in into nor of on or over the to up via vs with".split())


def parse_byline(line: str) -> str | None:
    """The author named by a byline line, or None when the line is not a byline.

    >>> parse_byline("By: Ahmed Fathi"), parse_byline("By Jane Doe and John Roe")
    ('Ahmed Fathi', 'Jane Doe and John Roe')
    >>> parse_byline("By Thursday, troops had left.") is None
    True
    """
    line = line.strip()
    if not line or "\n" in line or len(line) > 150:
        return None
    m = _BYLINE.fullmatch(line)
    if not m:
        return None
    colon = ":" in line[:20]
    who = _ORG_SUFFIX.sub("", (m.group("who") or m.group("who2") or "").strip()).strip(" ,;.")
    if not who or len(who.split()) > 14 or re.search(r"[.!?]\s+\w", who):
        return None  # a sentence, not a list of names
    chunks = [c for c in _NAME_SPLIT.split(who) if c]
    if not chunks or not _PERSON.fullmatch(chunks[0]):
        return who if colon else None
    if chunks[0].split()[0].lower() in _WEEKDAYS_MONTHS:
        return None  # "By Thursday, ..." opens a sentence
    # "Jane Doe, Moscow correspondent": keep the names, drop job titles and places.
    names = [c for c in chunks if _PERSON.fullmatch(c)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_WEEKDAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)


def _fold(text: str) -> str:
    """Case, accent and punctuation blind form, for "is this the title again?"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"[^\W_]+", text))


def _looks_like_title(text: str, following: str | None = None) -> bool:
    """A headline: one short line, no closing period, or Headline Case, or a short sentence-case
    line (as wire copy writes headlines) followed by a paragraph at least twice as long."""
    if "\n" in text or len(text) > 250:
        return False
    words = text.split()
    if not 1 <= len(words) <= 30 or text[0] in "\"“‘'(":
        return False
    if not _TERMINAL.search(text):
        return True
    # Headline Case ending in a period still reads as a headline.
    content = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if w.lower() not in _SMALL_WORDS]
    if content and sum(w[0].isupper() for w in content) / len(content) >= 0.75:
        return True
    return (following is not None and len(words) <= 14 and len(sentence_spans(text)) == 1
            and text[0].isupper() and len(following.split()) >= 2 * len(words))


def _is_byline(text: str, hints: _Hints) -> bool:
    return parse_byline(text.split("\n")[0]) is not None or bool(
        hints.byline and _fold(text) == _fold(hints.byline))


def _roles(paras: list[str], hints: _Hints) -> tuple[list[str], str | None, str | None, str | None]:
    """Role per paragraph, plus title, author and standfirst, from the headline block at the top.

    The block ends at the first paragraph that is none of: the headline (or the headline
    repeated, as the seed article does in lower case), a byline, or a standfirst (the summary
    after a repeated headline, between headline and byline, or the one HTML/JSON marks).
    """
    n = len(paras)
    roles = ["body"] * n
    title = author = None
    title_fold: str | None = None
    standfirst_idx: list[int] = []
    i = 0
    while i < min(n, 6):
        text, fold = paras[i], _fold(paras[i])
        if title is None and hints.title is not None and fold == _fold(hints.title):
            roles[i], title, title_fold = "title", text, fold
        elif title_fold is not None and fold == title_fold:
            roles[i] = "title"  # the headline again
            if not standfirst_idx and i + 2 < n and _standfirst_candidate(paras[i + 1]):
                roles[i + 1] = "standfirst"
                standfirst_idx.append(i + 1)
                i += 1
        elif author is None and _is_byline(text, hints):
            roles[i] = "byline"
            author = parse_byline(text.split("\n")[0]) or (_strip_by(hints.byline) if hints.byline else None)
        elif (title is None and hints.title is None and i + 1 < n and set(roles[:i]) <= {"byline"}
              and _looks_like_title(text, paras[i + 1])):
            roles[i], title, title_fold = "title", text, fold
        elif not standfirst_idx and hints.standfirst is not None and fold == _fold(hints.standfirst):
            roles[i] = "standfirst"
            standfirst_idx.append(i)
        elif (title is not None and author is None and not standfirst_idx and i + 1 < n
              and _standfirst_candidate(text) and _is_byline(paras[i + 1], hints)):
            roles[i] = "standfirst"  # between the headline and the byline
            standfirst_idx.append(i)
        else:
            break
        i += 1
    standfirst = "\n\n".join(paras[j] for j in standfirst_idx) or None
    return roles, title or hints.title, author or hints.author, standfirst


def _strip_by(byline: str) -> str:
    return parse_byline(byline) or re.sub(r"^(?:by|written by)\s*:?\s*", "", byline, flags=re.I).strip() or byline


def _standfirst_candidate(text: str) -> bool:
    return "\n" not in text and len(text.split()) <= 60 and text[:1] not in "\"“‘'" and parse_byline(text) is None


# --------------------------------------------------------------------------------------------
# Language check
# --------------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a about after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no
    nor not now of off on once only or other our out over own said same she should so some such than
    that the their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your""".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_ratio(text: str) -> float:
    """Share of words that are common English function words (news English: about 0.35-0.5).

    >>> round(english_ratio("The troops were sent to the border by the army."), 2)
    0.6
    """
    n_words, n_common = word_counts(text)
    return n_common / n_words if n_words else 0.0


def word_counts(text: str) -> tuple[int, int]:
    """How many words ``_WORD`` finds in ``text``, and how many of them are in ``_STOPWORDS``.

    Text whose only letters and digits are ASCII (most English news, curly quotes and dashes
    included) is counted on bytes, where one ``translate`` and ``split`` find the same words
    in half the time; any other text goes through ``_WORD``.

    >>> word_counts("It's the 2nd time: they don't know.")
    (7, 2)
    """
    if not text.isascii():
        if any(map(str.isalnum, _ASCII_RUNS.sub("", text))):
            words = _WORD.findall(text)
            return len(words), sum(map(_STOPWORDS.__contains__, map(str.lower, words)))
        text = text.replace("\u2019", "'")
    letters = text.encode("ascii", "replace").translate(_LOWER_LETTERS_AND_APOSTROPHE)
    if b"'" in letters:
        letters = _LONE_APOSTROPHE.sub(b" ", letters)  # only an apostrophe between letters joins
    words = letters.split()
    return len(words), sum(map(_STOPWORDS_BYTES.__contains__, words))


_ASCII_RUNS = re.compile("[\x00-\x7f]+")
#: Bytes: ASCII letters to lower case, the apostrophe kept, everything else to a space.
_LOWER_LETTERS_AND_APOSTROPHE = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c == 39 else 32 for c in range(256))
#: An apostrophe not between two letters (the literal first, so the engine scans for it).
_LONE_APOSTROPHE = re.compile(rb"'(?:(?<![a-z]')|(?![a-z]))")
_STOPWORDS_BYTES = frozenset(w.encode("ascii") for w in _STOPWORDS)


#: Below this share of English function words (on 12 words or more) the text is flagged.
ENGLISH_MIN_RATIO = 0.12
_MIN_WORDS_FOR_LANGUAGE = 12
#: Runs of characters below U+0250: Latin script (and digits, punctuation, spaces).
_LATIN_RUN = re.compile("[\x00-\u024f]+")


def latin_share(text: str) -> float:
    """Share of letters in Latin script (English is written in it; 1.0 for text without letters)."""
    text = text[:200_000]
    non_latin = sum(map(str.isalpha, _LATIN_RUN.sub("", text)))
    if not non_latin:  # all letters Latin, or no letters at all: 1.0 either way
        return 1.0
    letters = sum(map(str.isalpha, text))
    return (letters - non_latin) / letters


def _check_english(text: str, what: str) -> tuple[float, int]:
    """The share of English function words and the number of words; warns when not English."""
    n_words, n_common = word_counts(text)
    ratio = n_common / n_words if n_words else 0.0
    latin = latin_share(text)
    problem = None
    if latin < 0.5 and sum(map(str.isalpha, text[:200_000])) >= 40:
        problem = f"mostly non-Latin letters ({1 - latin:.0%})"
    elif n_words >= _MIN_WORDS_FOR_LANGUAGE and ratio < ENGLISH_MIN_RATIO:
        problem = f"{ratio:.0%} common English words, usually 35%+"
    if problem:
        warnings.warn(
            f"{what} does not look like English ({problem}); "
            "continuing, but quotes, speakers and sentiment are tuned for English",
            NotEnglishWarning,
            stacklevel=3,
        )
    return ratio, n_words


# --------------------------------------------------------------------------------------------
# read_article
# --------------------------------------------------------------------------------------------


def read_article(path_or_text: str | Path | bytes | Article, *, max_bytes: int | None = MAX_BYTES,
                 encoding: str | None = None) -> Article:
    """Read an article from a file (``.txt``, ``.html``/``.htm``, ``.json``) or from its text.

    A :class:`~pathlib.Path` is always a file; a ``str`` is a file when :func:`looks_like_path`
    says so (one line naming a file), otherwise it is the article text; ``bytes`` are the raw
    content of a file. Raises :class:`~helpers.errors.InputError` with one line for input that
    cannot be an article (missing, a directory, empty, binary, undecodable, too large); warns
    :class:`NotEnglishWarning` and carries on for text that does not look like English.

    >>> read_article("By: Ahmed Fathi\\n\\nTroops arrived on Monday.").author
    'Ahmed Fathi'
    """
    if isinstance(path_or_text, Article):
        return path_or_text
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes <= 0):
        raise InputError(f"max_bytes must be a positive number of bytes, not {max_bytes!r}")
    suffix = ""
    if isinstance(path_or_text, str) and _URL.match(path_or_text.strip()) and "\n" not in path_or_text.strip():
        raise InputError(f"{path_or_text.strip()} is a web address: the workbook does not fetch pages "
                         "(no internet at run time); save the page as .html and give that file")
    if isinstance(path_or_text, (str, Path)) and (
            isinstance(path_or_text, Path) or looks_like_path(path_or_text)):
        path = _expand(Path(path_or_text))
        what = str(path_or_text)
        raw = _read_file(path, max_bytes)
        source = str(path_or_text)
        suffix = path.suffix.lower()
        if not raw.strip():
            raise InputError(f"{what} is empty" if not raw else f"{what} holds only whitespace, no article text")
        decoded, used = _decode(raw, what, encoding)
    elif isinstance(path_or_text, (bytes, bytearray, memoryview)):
        raw = bytes(path_or_text)
        what, source = "the bytes given", "<bytes>"
        _check_size(len(raw), max_bytes, what)
        if not raw.strip():
            raise InputError("the bytes given are empty or only whitespace, no article text")
        decoded, used = _decode(raw, what, encoding)
    elif isinstance(path_or_text, str):
        decoded, used = path_or_text, "str"
        what, source = "the text given", "<string>"
        try:
            raw = decoded.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputError(f"the text given holds an unpaired surrogate (\\u{ord(decoded[exc.start]):04x}) "
                             f"at character {exc.start}: not valid Unicode") from None
        _check_size(len(raw), max_bytes, what)
        if "\x00" in decoded:
            raise InputError("the text given contains NUL characters: it looks like binary data, not an article")
    else:
        raise InputError(
            f"read_article takes a path, the article text or bytes, not {type(path_or_text).__name__}"
        )

    if not decoded.strip():
        raise InputError(f"{what} is empty or only whitespace, no article text")
    if _control_ratio(decoded) > 0.05:
        raise InputError(f"{what} is mostly control characters: it looks like a binary file, not text")

    kind = "text"
    if suffix in _HTML_SUFFIXES:
        kind = "html"
    elif suffix in _JSON_SUFFIXES:
        kind = "json"
    elif _looks_like_html(decoded):
        if suffix in _TEXT_SUFFIXES:
            raise InputError(
                f"{what} holds HTML markup, not plain text: rename it to .html so its tags are stripped"
            )
        kind = "html"
    elif suffix == "" and decoded.lstrip().startswith("{") and _is_json_article(decoded):
        kind = "json"

    hints = _Hints()
    if kind == "html":
        text_in, hints = _html_to_text(decoded)
    elif kind == "json":
        text_in, hints = _json_to_text(decoded, what)
        if _looks_like_html(text_in):
            text_in, html_hints = _html_to_text(text_in)
            hints = _Hints(hints.title or html_hints.title, hints.byline or html_hints.byline,
                           hints.standfirst or html_hints.standfirst, hints.author or html_hints.author,
                           html_hints.removed)
    else:
        text_in = decoded

    text, removed = _remove_boilerplate(normalize_text(text_in))
    removed = [{"text": normalize_text(r["text"]), "reason": r["reason"]} for r in hints.removed] + removed
    if not text.strip():
        if removed:
            raise InputError(f"{what} holds only web-page boilerplate ({removed[0]['text']!r}...), no article text")
        raise InputError(f"{what} has no article text" + (" once its HTML tags are stripped" if kind == "html" else ""))
    ratio, n_words = _check_english(text, what)
    return _build(text, removed, hints, source=source, raw=raw, kind=kind, encoding=used, english=ratio,
                  n_words=n_words)


def _objects(values: list[Any]) -> Any:
    """A 1-d object array (plain Python ``str`` cells, the same under every pandas string mode)."""
    import numpy as np

    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _build(text: str, removed: list[dict[str, str]], hints: _Hints, *, source: str, raw: bytes,
           kind: str, encoding: str, english: float, n_words: int) -> Article:
    pspans = paragraph_spans(text)
    roles, title, author, standfirst = _roles([text[s:e] for s, e in pspans], hints)
    sentences = [(p, s, e) for p, (ps, pe) in enumerate(pspans) for s, e in sentence_spans(text, ps, pe)]
    segments = Segments(paragraphs=pspans, roles=list(roles), sentences=sentences,
                        removed=[(r["text"], r["reason"]) for r in removed])
    meta = {
        "title": title,
        "author": author,
        "n_words": n_words,
        "n_sentences": len(sentences),
        "n_paragraphs": len(pspans),
        "source": source,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "format": kind,
        "encoding": encoding,
        "n_chars": len(text),
        "n_removed": len(removed),
        "english_ratio": round(english, 3),
    }
    return Article(text=text, title=title, author=author, standfirst=standfirst, segments=segments, meta=meta)


# --------------------------------------------------------------------------------------------
# Showing it
# --------------------------------------------------------------------------------------------

ROLE_COLORS = {"title": "#332288", "byline": "#999933", "standfirst": "#CC79A7", "body": "#0072B2"}


def sentence_length_chart(article: Article, ax: Axes | None = None, *, long_words: int = 40) -> Figure:
    """Words per sentence in document order, coloured by paragraph role; a line marks long ones.

    Very long "sentences" are worth a look: they are where a missed split would hide.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from helpers.style import STYLE_FILE

    sents = article.sentences
    roles = article.paragraphs.set_index("paragraph")["role"]
    with mpl.rc_context(fname=str(STYLE_FILE)):
        if ax is None:
            fig = Figure(figsize=(8, 3.5), layout="constrained")
            ax = fig.add_subplot()
        else:
            fig = ax.figure
        lengths = [len(_WORD.findall(t)) for t in sents["text"]]
        sent_roles = [roles.get(p, "body") for p in sents["paragraph"]]
        ax.bar(sents["sentence"], lengths, color=[ROLE_COLORS.get(r, "#999999") for r in sent_roles], width=0.8)
        ax.axhline(long_words, color="#D55E00", linewidth=1, linestyle="--")
        ax.text(0, long_words, f" {long_words} words", color="#D55E00", va="bottom", fontsize=8)
        ax.set_xlabel("sentence (document order)")
        ax.set_ylabel("words")
        ax.set_title("Sentence length")
        ax.grid(axis="y", visible=True)
        ax.grid(axis="x", visible=False)
        present = [r for r in ROLE_COLORS if r in set(sent_roles)]
        ax.legend(handles=[Patch(color=ROLE_COLORS[r], label=r) for r in present], loc="lower right",
                  bbox_to_anchor=(1.0, 1.0), ncols=max(len(present), 1), fontsize=8, borderaxespad=0.2)
    return fig  # type: ignore[return-value]


def summary_table(article: Article) -> pd.DataFrame:
    """Title, author, standfirst and counts as a two-column ``field, value`` table for display."""
    import pandas as pd

    m = article.meta
    rows = [
        ("title", article.title), ("author", article.author), ("standfirst", article.standfirst),
        ("paragraphs", m["n_paragraphs"]), ("body paragraphs", int((article.paragraphs["role"] == "body").sum())),
        ("sentences", m["n_sentences"]), ("words", m["n_words"]), ("characters", m["n_chars"]),
        ("boilerplate lines removed", m["n_removed"]), ("English function words", f"{m['english_ratio']:.0%}"),
        ("format", f"{m['format']} ({m['encoding']})"), ("source", m["source"]), ("sha256", m["sha256"]),
    ]
    return pd.DataFrame(rows, columns=["field", "value"])


def structure_table(article: Article, width: int = 72) -> pd.DataFrame:
    """The paragraph table with the text shortened to ``width`` characters, for display."""
    view = article.paragraphs.copy()
    view["words"] = [len(_WORD.findall(t)) for t in view["text"]]
    view["text"] = [_shorten(t, width) for t in view["text"]]
    return view[["paragraph", "role", "start", "end", "words", "text"]]


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------------------------
# CLI: quotelens read FILE
# --------------------------------------------------------------------------------------------


def _positive_int(value: str) -> int:
    import argparse

    try:
        n = int(value.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of bytes, got {value!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes, got {n}")
    return n


def register_cli(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``quotelens read FILE [--format table|json] [--max-bytes N] [--encoding E]``."""
    p = subparsers.add_parser(
        "read",
        help="read an article and show its structure (title, byline, paragraphs, sentences)",
        description="Read an article (.txt, .html, .json; '-' for stdin) and print its structure "
                    "with character offsets into the cleaned text.",
    )
    p.add_argument("file", metavar="FILE", help="the article: .txt, .html/.htm or .json; '-' reads stdin")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    p.add_argument("--max-bytes", type=_positive_int, default=MAX_BYTES, metavar="N",
                   help=f"refuse files larger than N bytes (default: {MAX_BYTES})")
    p.add_argument("--encoding", default=None, metavar="E",
                   help="text encoding of FILE (default: UTF-8, with or without BOM)")
    p.set_defaults(func=_cmd_read)


def _cmd_read(args: argparse.Namespace) -> int:
    if _URL.match(args.file):
        read_article(args.file)  # refuses web addresses with a clear message
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NotEnglishWarning)
        if args.file == "-":
            data = sys.stdin.buffer.read(args.max_bytes + 1)
            article = read_article(data, max_bytes=args.max_bytes, encoding=args.encoding)
        else:
            article = read_article(Path(args.file), max_bytes=args.max_bytes, encoding=args.encoding)
    for w in caught:
        if issubclass(w.category, NotEnglishWarning):
            print(f"quotelens: warning: {str(w.message).splitlines()[0]}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if args.format == "json":
        payload = {
            "meta": article.meta,
            "standfirst": article.standfirst,
            "text": article.text,
            "paragraphs": article.paragraphs.to_dict(orient="records"),
            "sentences": article.sentences.to_dict(orient="records"),
            "removed": article.removed.to_dict(orient="records"),
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default) + "\n")
    else:
        sys.stdout.write(format_table(article))
    sys.stdout.flush()
    return 0


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def format_table(article: Article, width: int = 72) -> str:
    """The plain-text structure report ``quotelens read`` prints."""
    m = article.meta
    lines = [
        f"source      {m['source']}",
        f"sha256      {m['sha256']}",
        f"format      {m['format']} ({m['encoding']})",
        f"title       {article.title or '-'}",
        f"author      {article.author or '-'}",
        f"standfirst  {_shorten(article.standfirst, width) if article.standfirst else '-'}",
        f"counts      {m['n_paragraphs']} paragraphs, {m['n_sentences']} sentences, "
        f"{m['n_words']} words, {m['n_chars']} characters",
        "",
    ]
    table = structure_table(article, width)
    widths = {c: max([len(c), *(len(str(v)) for v in table[c])]) for c in ("paragraph", "role", "start", "end", "words")}
    header = "  ".join(c.rjust(widths[c]) if c != "role" else c.ljust(widths[c]) for c in widths) + "  text"
    lines.append(header)
    for row in table.itertuples(index=False):
        cells = [str(row.paragraph).rjust(widths["paragraph"]), row.role.ljust(widths["role"]),
                 str(row.start).rjust(widths["start"]), str(row.end).rjust(widths["end"]),
                 str(row.words).rjust(widths["words"])]
        lines.append("  ".join(cells) + "  " + row.text)
    if len(article.removed):
        lines += ["", f"removed ({len(article.removed)} pieces of web boilerplate)"]
        reason_width = max(len(r) for r in article.removed["reason"])
        for row in article.removed.itertuples(index=False):
            lines.append(f"  {row.reason:<{reason_width}}  {_shorten(row.text, width)}")
    return "\n".join(lines) + "\n"
