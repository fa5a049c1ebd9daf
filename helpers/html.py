"""Escaped HTML for the notebooks: the article with its quotes highlighted, tables, a legend.

Article text and everything extracted from it (speaker names, cues) is untrusted, so every
piece of text and every attribute value goes through :func:`html.escape`; colours are checked
against a strict pattern before they reach a ``style`` attribute.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from helpers.article import paragraph_spans
from helpers.errors import QuoteLensError
from helpers.style import UNKNOWN_COLOR, speaker_colors

#: Only these colour forms may go into a style attribute: ``#rgb``, ``#rrggbb`` (+alpha) or a name.
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{3,20}")
#: Background opacity (hex alpha) per quote kind: marked quotes stand out inside reported speech.
_ALPHA = {"direct": "55", "partial": "66", "indirect": "26"}
_UNKNOWN_LABEL = "(unresolved)"


def _esc(value: object) -> str:
    return html.escape("" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value),
                       quote=True)


def _safe_color(color: object) -> str:
    color = str(color).strip() if color is not None else ""
    return color if _COLOR.fullmatch(color) else UNKNOWN_COLOR


def _tint(color: str, alpha: str) -> str:
    """``color`` with an alpha channel when it is ``#rrggbb``; named colours are used as they are."""
    return f"{color}{alpha}" if re.fullmatch(r"#[0-9a-fA-F]{6}", color) else color


def _int(value: object) -> int | None:
    try:
        return None if value is None or pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _tooltip(row: Mapping) -> str:
    speaker = row.get("speaker")
    speaker = speaker if isinstance(speaker, str) and speaker else _UNKNOWN_LABEL
    parts = [f"speaker: {speaker}"]
    mention = row.get("speaker_mention")
    if isinstance(mention, str) and mention and mention != speaker:
        parts.append(f"as written: {mention}")
    parts.append(f"kind: {row.get('kind')}")
    confidence = row.get("confidence")
    if confidence is not None and not pd.isna(confidence):
        parts.append(f"confidence: {float(confidence):.2f}")
    resolution = row.get("resolution")
    if isinstance(resolution, str) and resolution:
        parts.append(f"resolution: {resolution}")
    cue = row.get("cue")
    if isinstance(cue, str) and cue:
        parts.append(f"cue: {cue}")
    if row.get("overridden") is True:
        parts.append(f"override: {row.get('override_note') or 'yes'}")
    return "\n".join(parts)


def _render_nested(text: str, start: int, end: int, spans: list[tuple[int, int, int, str, str]]) -> str:
    """``text[start:end]`` escaped, with ``spans`` (start, end, rank, open, close) as properly nested tags.

    A boundary sweep: at every span boundary the open tags are closed down to the ones that end
    there and the others are reopened, so crossing spans become split but well-formed segments.
    Spans starting together open longest first (and by ``rank``), so an indirect quote encloses
    the partial quote inside it.
    """
    spans = [(max(s, start), min(e, end), r, o, c) for s, e, r, o, c in spans if min(e, end) > max(s, start)]
    points = sorted({start, end, *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    out: list[str] = []
    stack: list[tuple[int, int, int, str, str]] = []
    for here, there in zip(points, points[1:]):
        ending = [sp for sp in stack if sp[1] <= here]
        if ending:
            depth = min(stack.index(sp) for sp in ending)
            for sp in reversed(stack[depth:]):
                out.append(sp[4])
            reopen = [sp for sp in stack[depth:] if sp[1] > here]
            del stack[depth:]
            for sp in reopen:
                out.append(sp[3])
                stack.append(sp)
        starting = sorted((sp for sp in spans if sp[0] == here), key=lambda sp: (-(sp[1] - sp[0]), sp[2]))
        for sp in starting:
            out.append(sp[3])
            stack.append(sp)
        out.append(_esc(text[here:there]).replace("\n", "<br>\n"))
    for sp in reversed(stack):
        out.append(sp[4])
    return "".join(out)


def _fragments(row: dict, start: int, end: int) -> list[tuple[int, int]]:
    """The spans to highlight for a quote row: its ``fragments`` (a split quote leaves its
    attribution unmarked), else ``start..end``."""
    frags = row.get("fragments")
    if isinstance(frags, (list, tuple)) or hasattr(frags, "__array__"):
        spans = [(_int(a), _int(b)) for a, b in frags]
        if spans and all(a is not None and b is not None for a, b in spans):
            return spans
    return [(start, end)]


def highlight_quotes(text: str, quotes: pd.DataFrame, colors: Mapping[str, str] | None = None) -> str:
    """The article as escaped HTML paragraphs, each quote highlighted in its speaker's colour.

    Every quote span is a ``<mark class="ql-quote ql-KIND">`` tinted with the speaker's colour
    (``colors``, default :func:`helpers.style.speaker_colors` of ``quotes``; unresolved speakers
    in grey), whose ``title`` tooltip gives speaker, kind, confidence and resolution. Cue verbs
    are underlined (``<u class="ql-cue">``) and speaker mentions carry a coloured underline.
    A quote split by its attribution is marked fragment by fragment (the attribution between them
    stays plain). Partial quotes nest inside the reported speech around them; spans that cross a
    paragraph or each other are split into well-formed pieces with the same ``data-quote-id``.
    """
    if not isinstance(text, str):
        raise QuoteLensError(f"highlight_quotes needs the article text as a str, got {type(text).__name__}")
    missing = [c for c in ("start", "end", "kind") if c not in quotes]
    if missing:
        raise QuoteLensError(f"the quote table lacks column(s) {', '.join(missing)}: pass extract_quotes() output")
    colors = speaker_colors(quotes) if colors is None else dict(colors)
    spans: list[tuple[int, int, int, str, str]] = []
    cues: set[tuple[int, int]] = set()
    mentions: dict[tuple[int, int], str] = {}
    for row in quotes.to_dict("records"):
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or end is None:
            continue
        pieces = [(max(0, s), min(len(text), e)) for s, e in _fragments(row, start, end)]
        pieces = [(s, e) for s, e in pieces if s < e]
        if not pieces:
            continue
        speaker = row.get("speaker")
        named = isinstance(speaker, str) and bool(speaker)
        color = _safe_color(colors.get(speaker, UNKNOWN_COLOR) if named else UNKNOWN_COLOR)
        kind = str(row.get("kind"))
        style = f"background-color:{_tint(color, _ALPHA.get(kind, '40'))};border-bottom:2px solid {color}"
        if kind == "indirect":
            style = f"background-color:{_tint(color, _ALPHA['indirect'])};border-bottom:2px dotted {color}"
        quote_id = _int(row.get("quote_id"))
        opening = (
            f'<mark class="ql-quote ql-{_esc(kind)}" style="{style};color:inherit;padding:0" '
            f'data-quote-id="{"" if quote_id is None else quote_id}" '
            f'data-speaker="{_esc(speaker if named else "")}" title="{_esc(_tooltip(row))}">'
        )
        spans.extend((s, e, 1, opening, "</mark>") for s, e in pieces)
        cue_start, cue_end = _int(row.get("cue_start")), _int(row.get("cue_end"))
        if cue_start is not None and cue_end is not None and 0 <= cue_start < cue_end <= len(text):
            cues.add((cue_start, cue_end))
        ms, me = _int(row.get("speaker_start")), _int(row.get("speaker_end"))
        if ms is not None and me is not None and 0 <= ms < me <= len(text):
            mentions.setdefault((ms, me), color)
    for cs, ce in sorted(cues):
        spans.append((cs, ce, 3, '<u class="ql-cue" title="speech cue">', "</u>"))
    for (ms, me), color in sorted(mentions.items()):
        spans.append((ms, me, 2, f'<span class="ql-speaker" style="border-bottom:3px solid {color}">', "</span>"))
    paragraphs = paragraph_spans(text) or ([(0, len(text))] if text else [])
    body = "\n".join(f'<p class="ql-p">{_render_nested(text, s, e, spans)}</p>' for s, e in paragraphs)
    return f'<div class="ql-article" style="line-height:1.7;max-width:48em">\n{body}\n</div>'


def legend_html(colors: Mapping[str, str], *, unresolved: bool = True) -> str:
    """A row of colour chips, one per speaker (escaped), plus the grey of unresolved speakers."""
    chips = [(name, _safe_color(color)) for name, color in colors.items()]
    if unresolved:
        chips.append((_UNKNOWN_LABEL, UNKNOWN_COLOR))
    items = "".join(
        f'<span class="ql-chip" style="display:inline-block;margin:0 1em 0.3em 0">'
        f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{color};'
        f'vertical-align:middle;margin-right:0.3em"></span>{_esc(name)}</span>'
        for name, color in chips
    )
    return f'<div class="ql-legend">{items}</div>'


#: Quote tables are read as text: cells start on the left and at the top (JupyterLab, Voila and
#: nbconvert right-align table cells, which makes a column of quotes hard to read; the second
#: selector outweighs their ``:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td``).
TABLE_STYLE = ("<style>.ql-table td, .jp-RenderedHTMLCommon .ql-table td "
               "{ text-align: left; vertical-align: top; }</style>\n")


def table_html(df: pd.DataFrame, columns: Iterable[str] | None = None, max_rows: int = 60) -> str:
    """``df`` (or its ``columns``) as an escaped HTML table, with a note when rows are cut or absent."""
    if columns is not None:
        columns = list(columns)
        missing = [c for c in columns if c not in df]
        if missing:
            raise QuoteLensError(f"table has no column(s) {', '.join(map(repr, missing))}")
        df = df[columns]
    shown = df.head(max_rows)
    texts = [c for c in shown.columns if shown[c].dtype == object]
    if texts:  # None in a text column is shown blank, like NaN (not as the word "None")
        shown = shown.assign(**{c: shown[c].where(shown[c].notna(), "") for c in texts})
    table = TABLE_STYLE + shown.to_html(escape=True, index=False, na_rep="", border=0, classes="ql-table")
    if df.empty:
        table += '\n<p class="ql-note"><em>No rows.</em></p>'
    elif len(df) > len(shown):
        table += f'\n<p class="ql-note"><em>Showing {len(shown)} of {len(df)} rows.</em></p>'
    return table


def summary_html(quotes: pd.DataFrame) -> str:
    """One escaped sentence on what was found: counts by kind and speakers, or a clear 'no quotes'."""
    if quotes.empty:
        return ('<p class="ql-note"><strong>No quotes found in this article.</strong> The quote table '
                "below is empty but has every column, so the rest of the workbook still runs.</p>")
    kinds = quotes["kind"].value_counts()
    by_kind = ", ".join(f"{int(kinds.get(k, 0))} {k}" for k in ("direct", "partial", "indirect"))
    speakers = quotes["speaker"].dropna().nunique() if "speaker" in quotes else 0
    unresolved = int(quotes["speaker"].isna().sum()) if "speaker" in quotes else len(quotes)
    text = f"{len(quotes)} quotes ({by_kind}) by {speakers} speakers"
    if unresolved:
        text += f"; {unresolved} without a resolved speaker"
    overridden = int(quotes["overridden"].sum()) if "overridden" in quotes else 0
    if overridden:
        text += f"; {overridden} corrected by an analyst override"
    return f'<p class="ql-note">{_esc(text)}.</p>'


_OFFSET = re.compile(r"offset (\d+)")
#: The word at an antecedent offset, with the capitalised words that follow it (a full name).
_NAME_AT = re.compile(r"[\w'\u2019.-]+(?:[ ][A-Z][\w'\u2019-]+)*")


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    """``text[start:end]`` in bold inside about ``width`` characters either side, escaped."""
    left, right = text[max(0, start - width):start], text[end:end + width]
    left = left.rsplit("\n", 1)[-1] if "\n" in left else ("…" if start > width else "") + left
    right = right.split("\n", 1)[0] if "\n" in right else right + ("…" if end + width < len(text) else "")
    return f"{_esc(left)}<strong>{_esc(text[start:end])}</strong>{_esc(right)}"


def resolutions_html(text: str, quotes: pd.DataFrame) -> str:
    """How each speaker mention that is not already the full name was resolved, for auditing.

    One row per distinct mention (pronouns, descriptions, surnames, unresolved quotes): the
    mention in its sentence, the canonical speaker it was resolved to, the ``resolution`` path,
    and, when the path names an antecedent offset, the words found there. All escaped.
    """
    needed = ("speaker", "speaker_mention", "speaker_start", "speaker_end", "resolution")
    if quotes.empty or any(c not in quotes for c in needed):
        return '<p class="ql-note"><em>No speaker mentions to resolve.</em></p>'
    groups: dict[tuple, list[dict]] = {}
    for q in quotes.sort_values("start", kind="stable").to_dict("records"):
        start, end = _int(q.get("speaker_start")), _int(q.get("speaker_end"))
        mention, speaker = q.get("speaker_mention"), q.get("speaker")
        resolution = q.get("resolution") if isinstance(q.get("resolution"), str) else ""
        named = isinstance(speaker, str) and bool(speaker)
        if named and isinstance(mention, str) and speaker in mention and resolution == "name adjacent":
            continue  # the full name next to the quote: nothing to audit
        # quotes sharing one mention ("he inquired" after two sentences) are one row
        key = (start, end, speaker, resolution) if start is not None else ("quote", q.get("quote_id"))
        groups.setdefault(key, []).append(q)
    rows = []
    for members in groups.values():
        q = members[0]
        start, end = _int(q.get("speaker_start")), _int(q.get("speaker_end"))
        speaker = q.get("speaker")
        named = isinstance(speaker, str) and bool(speaker)
        resolution = q.get("resolution") if isinstance(q.get("resolution"), str) else ""
        where = (_context(text, start, end) if start is not None and end is not None and 0 <= start < end <= len(text)
                 else f"<em>no mention near quote {_esc(q.get('quote_id'))}</em>")
        antecedent = ""
        found = _OFFSET.search(resolution)
        if found and int(found.group(1)) < len(text):
            at = int(found.group(1))
            words = _NAME_AT.match(text, at)
            antecedent = _context(text, at, words.end() if words else at + 1, width=30)
        ids = ", ".join(_esc(m.get("quote_id")) for m in members)
        rows.append(
            f"<tr><td>{ids}</td><td>{where}</td>"
            f"<td>{_esc(speaker) if named else '<em>' + _esc(_UNKNOWN_LABEL) + '</em>'}</td>"
            f"<td>{_esc(resolution)}</td><td>{antecedent}</td></tr>"
        )
    if not rows:
        return '<p class="ql-note"><em>Every speaker is named in full next to the quote.</em></p>'
    head = ("<tr><th>quote</th><th>mention as written</th><th>resolved speaker</th><th>how</th>"
            "<th>antecedent in the text</th></tr>")
    return f'<table class="ql-table ql-resolutions"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
