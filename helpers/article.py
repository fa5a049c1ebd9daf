"""Read an article and cut it into paragraphs and sentences, keeping exact character offsets.

Every span is a ``(start, end)`` pair into the text the analyst sees (end exclusive), so that
``text[start:end]`` is exactly the paragraph or sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

#: Abbreviations Punkt must not split after (lower case, without the final period).
#: Project-owned, because NLTK's trained ``punkt_tab`` model cannot be downloaded here.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev fr sr jr st mt ft gen lt col maj capt cmdr adm sgt cpl pvt
    gov sen rep reps sens pres supt insp det atty assn dept univ inst gov't
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd llc plc bros no nos vs v etc al approx est fig vol pp ch cf ca
    a.m p.m e.g i.e u.s u.k u.n u.s.a e.u d.c n.y l.a u.s.s.r
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev n.h n.j n.m n.c n.d okla ore pa r.i s.c s.d tenn tex vt va wash wis wyo
    """.split()
)

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


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


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets into ``text``, by Punkt with our abbreviations.

    >>> t = "Mr. Smith said so. Then he left."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Mr. Smith said so.', 'Then he left.']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans = []
    for s, e in _punkt().span_tokenize(chunk):
        s, e = _strip_span(chunk, s, e)
        if e > s:
            spans.append((start + s, start + e))
    return spans
