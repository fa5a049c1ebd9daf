"""Escaped HTML: the seed article with every quote highlighted in its speaker's colour, no injection."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.html import highlight_quotes, legend_html, summary_html, table_html
from helpers.style import UNKNOWN_COLOR, speaker_colors

VOID = {"br"}


class Walk(HTMLParser):
    """Checks nesting and collects, per quote id, the text inside its <mark>s."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.quotes: dict[str, list[str]] = {}
        self.marks: list[dict] = []
        self.cues: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in VOID:
            return
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        if tag == "mark":
            self.marks.append(attrs)

    def handle_endtag(self, tag):
        assert self.stack, f"</{tag}> closes nothing"
        top, _ = self.stack.pop()
        assert top == tag, f"</{tag}> closes <{top}>"

    def handle_data(self, data):
        self.text.append(data)
        for tag, attrs in self.stack:
            if tag == "mark":
                self.quotes.setdefault(attrs["data-quote-id"], []).append(data)
            if tag == "u" and "ql-cue" in attrs.get("class", ""):
                self.cues.append(data)


def walk(markup: str) -> Walk:
    w = Walk()
    w.feed(markup)
    w.close()
    assert not w.stack, f"unclosed: {w.stack}"
    return w


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def seed(seed_path):
    from helpers.article import read_article
    from helpers.quotes import extract_quotes

    article = read_article(seed_path)
    return article.text, extract_quotes(article)


def test_every_seed_quote_is_highlighted_whole_in_its_speakers_colour(seed):
    text, quotes = seed
    assert len(quotes) >= 5
    w = walk(highlight_quotes(text, quotes))
    assert squash("".join(w.text)) == squash(text), "the article text is shown whole, in order"
    colors = speaker_colors(quotes)
    for q in quotes.itertuples():
        pieces = w.quotes.get(str(q.quote_id))
        assert pieces, f"quote {q.quote_id} is not highlighted"
        said = squash("".join(text[a:b] for a, b in q.fragments))  # a split quote's attribution stays plain
        assert squash("".join(pieces)) == said
    for attrs in w.marks:
        speaker = attrs["data-speaker"] or None
        expected = colors[speaker] if speaker else UNKNOWN_COLOR
        assert f"solid {expected}" in attrs["style"] or f"dotted {expected}" in attrs["style"]
        assert "kind: " in attrs["title"] and "confidence: " in attrs["title"]
        assert "resolution: " in attrs["title"]
        if speaker:
            assert f"speaker: {speaker}" in attrs["title"]


def test_seed_cues_are_underlined(seed):
    text, quotes = seed
    w = walk(highlight_quotes(text, quotes))
    cues = quotes.dropna(subset=["cue_start"])
    assert not cues.empty
    shown = squash("".join(w.cues))
    for q in cues.itertuples():
        assert squash(text[int(q.cue_start):int(q.cue_end)]) in shown


def test_paragraphs_become_p_elements(seed):
    text, quotes = seed
    from helpers.article import paragraph_spans

    markup = highlight_quotes(text, quotes)
    assert markup.count('<p class="ql-p">') == len(paragraph_spans(text))


def test_script_in_the_article_and_in_a_speaker_name_comes_out_escaped():
    text = 'Officials said "<script>alert(1)</script> is harmless" on <b>Monday</b>.'
    start = text.index("<script>")
    end = text.index('" on')
    evil = '<img src=x onerror="alert(2)">'
    quotes = pd.DataFrame([{
        "quote_id": 0, "start": start, "end": end, "text": text[start:end], "kind": "direct",
        "speaker": evil, "speaker_mention": "Officials", "speaker_start": 0, "speaker_end": 9,
        "cue": "said", "cue_start": 10, "cue_end": 14, "confidence": 0.9, "resolution": "name adjacent",
    }])
    markup = highlight_quotes(text, quotes)
    assert "<script>" not in markup and "<b>" not in markup and "<img" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    w = walk(markup)
    assert set(w.tags) <= {"div", "p", "mark", "u", "span", "br"}
    assert "".join(w.quotes["0"]) == text[start:end]
    assert w.marks[0]["data-speaker"] == evil  # round-trips as an attribute value, inert
    legend = legend_html(speaker_colors(quotes))
    assert "<img" not in legend and "&lt;img" in legend
    table = table_html(quotes, ["speaker", "text"])
    assert "<script>" not in table and "<img" not in table and "&lt;script&gt;" in table


def test_a_colour_cannot_inject_css():
    text = 'He said "yes".'
    quotes = pd.DataFrame([{"quote_id": 0, "start": 9, "end": 12, "kind": "direct", "speaker": "He"}])
    markup = highlight_quotes(text, quotes, colors={"He": 'red;background:url("javascript:x")'})
    assert "javascript" not in markup and f"solid {UNKNOWN_COLOR}" in markup
    assert "javascript" not in legend_html({"He": "red}body{display:none"})


def test_a_partial_quote_nests_inside_its_reported_speech():
    text = 'The minister said that the plan was "a total disaster" and would be dropped.'
    ind_s, ind_e = text.index("the plan"), text.index(" and would") + len(" and would be dropped")
    par_s = text.index("a total")
    par_e = par_s + len("a total disaster")
    quotes = pd.DataFrame([
        {"quote_id": 0, "start": ind_s, "end": ind_e, "kind": "indirect", "speaker": "The Minister",
         "cue_start": 13, "cue_end": 17},
        {"quote_id": 1, "start": par_s, "end": par_e, "kind": "partial", "speaker": "The Minister",
         "cue_start": 13, "cue_end": 17},
    ])
    markup = highlight_quotes(text, quotes)
    w = walk(markup)
    assert "".join(w.quotes["0"]) == text[ind_s:ind_e]
    assert "".join(w.quotes["1"]) == text[par_s:par_e]
    assert markup.count("<mark") == 2, "properly nested spans need no splitting"
    assert markup.index('data-quote-id="0"') < markup.index('data-quote-id="1"')
    assert w.cues == ["said"], "a cue shared by two quotes is underlined once"


def test_crossing_and_multi_paragraph_spans_are_split_but_whole():
    text = 'First "para starts\n\nand goes on" here. Then more.'
    quotes = pd.DataFrame([
        {"quote_id": 7, "start": 7, "end": 31, "kind": "direct", "speaker": None},
        {"quote_id": 8, "start": 25, "end": 44, "kind": "indirect", "speaker": "B"},
    ])
    w = walk(highlight_quotes(text, quotes))
    assert squash("".join(w.quotes["7"])) == squash(text[7:31])
    assert squash("".join(w.quotes["8"])) == squash(text[25:44])


def test_empty_and_out_of_range_inputs_do_not_break():
    empty = pd.DataFrame(columns=["quote_id", "start", "end", "kind", "speaker"])
    assert "".join(walk(highlight_quotes("Nothing quoted here.", empty)).text).strip() == "Nothing quoted here."
    assert "".join(walk(highlight_quotes("", empty)).text).strip() == ""
    bad = pd.DataFrame([{"quote_id": 0, "start": 5, "end": 500, "kind": "direct", "speaker": "X"},
                        {"quote_id": 1, "start": pd.NA, "end": 3, "kind": "direct", "speaker": "X"}])
    w = walk(highlight_quotes("Short text.", bad))
    assert "".join(w.quotes["0"]) == "Short text."[5:]
    assert "No quotes found" in summary_html(empty)
    from helpers.errors import QuoteLensError

    with pytest.raises(QuoteLensError, match="lacks column"):
        highlight_quotes("x", pd.DataFrame({"start": [0]}))


def test_table_html_cuts_long_tables_and_says_so():
    df = pd.DataFrame({"n": range(100), "s": ["<i>x</i>"] * 100})
    out = table_html(df, max_rows=10)
    assert out.count("<tr") == 11 and "Showing 10 of 100 rows" in out and "<i>" not in out
    assert "No rows" in table_html(df.iloc[0:0])


def test_table_html_reads_as_text_left_and_top_aligned():
    out = table_html(pd.DataFrame({"speaker": ["Alexander Lukashenko"], "text": ["a long quote"]}))
    style = out[:out.index("<table")]
    assert ".ql-table td" in style and "text-align: left" in style and "vertical-align: top" in style
    shown = table_html(pd.DataFrame({"speaker": ["Jane Roe", "Moscow"], "addressee": [None, "Kyiv"]}))
    assert "None" not in shown and "<td></td>" in shown


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n.\u201c\u201d\u00e9")), max_size=80),
    raw=st.lists(st.tuples(st.integers(0, 90), st.integers(0, 90), st.sampled_from(["direct", "partial", "indirect"]),
                           st.sampled_from(["A", "<B>", None])), max_size=6),
)
def test_any_spans_over_any_text_give_well_formed_escaped_html(text, raw):
    rows = [{"quote_id": i, "start": min(a, b), "end": max(a, b), "kind": k, "speaker": s,
             "cue_start": min(a, b), "cue_end": min(a, b) + 1}
            for i, (a, b, k, s) in enumerate(raw)]
    quotes = pd.DataFrame(rows, columns=["quote_id", "start", "end", "kind", "speaker", "cue_start", "cue_end"])
    w = walk(highlight_quotes(text, quotes))
    assert squash("".join(w.text)) == squash(text)
    for row in rows:
        s, e = row["start"], min(row["end"], len(text))
        if squash(text[s:e]):
            assert squash("".join(w.quotes[str(row["quote_id"])])) == squash(text[s:e])


def test_resolution_view_shows_each_pronoun_with_its_antecedent(seed):
    from helpers.html import resolutions_html

    text, quotes = seed
    markup = resolutions_html(text, quotes)
    w = walk(markup)
    shown = "".join(w.text)
    listed = {int(n) for cell in re.findall(r"<tr><td>([\d, ]+)</td>", markup) for n in cell.split(",")}
    pronouns = quotes[quotes["resolution"].str.startswith("pronoun", na=False)]
    assert not pronouns.empty, "the seed article resolves several he/she"
    for q in pronouns.itertuples():
        assert q.resolution in shown and q.speaker in shown
        offset = int(re.search(r"offset (\d+)", q.resolution).group(1))
        assert text[offset:offset + 6] in shown, "the antecedent words are quoted from the text"
    full = quotes[(quotes["resolution"] == "name adjacent") & (quotes["speaker_mention"] == quotes["speaker"])]
    assert not full.empty and not listed & set(full["quote_id"]), "full names next to the quote need no audit"
    assert set(pronouns["quote_id"]) <= listed


def test_resolution_view_escapes_and_handles_empty_tables():
    from helpers.html import resolutions_html

    text = 'Then <b>he</b> said "no".'
    quotes = pd.DataFrame([{"quote_id": 0, "start": 21, "end": 23, "kind": "direct", "speaker": "<i>X</i>",
                            "speaker_mention": "he", "speaker_start": 8, "speaker_end": 10,
                            "resolution": "pronoun -> antecedent at offset 0"}])
    out = resolutions_html(text, quotes)
    assert "<b>" not in out and "<i>" not in out and "&lt;i&gt;X&lt;/i&gt;" in out
    walk(out)
    assert "No speaker mentions" in resolutions_html(text, quotes.iloc[0:0])
