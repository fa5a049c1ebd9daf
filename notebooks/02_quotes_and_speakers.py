# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Quotes and speakers: who said what
#
# Every quote in the article, with the person or institution who said it:
#
# * **direct** quotes (a whole quotation in marks), **partial** quotes (a fragment in marks
#   inside reported speech) and **indirect** quotes (reported speech: *X said that ...*);
# * the speaker as written next to the quote (*he*, *the Belarusian leader*) and the canonical
#   speaker it resolves to, with the path that led there, so you can check it;
# * your corrections from `data/overrides.csv`, applied on top.
#
# Everything shown comes with its character offsets into the article text: that is what a
# correction points at.

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"

# %%
import shutil
import tempfile
import warnings
from html import escape
from io import StringIO
from pathlib import Path

from IPython.display import HTML, Markdown, display

from helpers.article import read_article
from helpers.html import highlight_quotes, legend_html, resolutions_html, summary_html, table_html
from helpers.overrides import (
    OVERRIDE_COLUMNS, OverrideWarning, apply_overrides, format_override, load_overrides,
)
from helpers.quotes import extract_quotes
from helpers.speakers import speakers_table
from helpers.style import speaker_colors

# %% [markdown]
# ## Extract, then apply the analyst's corrections
# `extract_quotes` finds the quotes; `apply_overrides` applies the rows of the overrides file
# that belong to this article (matched by the article's sha256). The file is only read.

# %%
article = read_article(article_path)
sha256 = article.meta["sha256"]
overrides = load_overrides(overrides_path) if Path(overrides_path).is_file() else None
extracted = extract_quotes(article)
quotes = apply_overrides(extracted, overrides, sha256)
display(HTML(summary_html(quotes)))
display(Markdown(f"Article sha256 (the key for corrections): `{sha256}`"))

# %% [markdown]
# ## The article, highlighted
# Each quote is tinted in its speaker's colour (the same colour as in every chart of the
# workbook; grey when no speaker was found). Marked quotes are solid, reported speech is
# lighter with a dotted underline; speech cues such as *said* are underlined, and the speaker
# mention carries a thick underline. Hover over a quote for its speaker, kind, confidence and
# how the speaker was resolved.

# %%
colors = speaker_colors(quotes)
display(HTML(legend_html(colors)))
display(HTML(highlight_quotes(article.text, quotes, colors)))

# %% [markdown]
# ## The quote table
# One row per statement, in document order. `start`/`end` are the offsets of the quoted words
# (without the quotation marks); `confidence` is lower for spans recovered from broken marks.
# A quote split by its attribution (*"We are ready," he said. "We will respond."*) or continued
# over several paragraphs is one statement: `fragments` lists its passages, and the sentiment and
# stance notebooks read those passages only, not the *he said* between them.

# %%
QUOTE_VIEW = ["quote_id", "start", "end", "fragments", "kind", "speaker", "speaker_mention", "cue", "addressee",
              "confidence", "resolution", "overridden", "text"]
display(HTML(table_html(quotes, [c for c in QUOTE_VIEW if c in quotes], max_rows=200)))

# %% [markdown]
# ## The speakers
# One row per canonical speaker: the names and descriptions the article uses for them, the role
# the text gives, and how many quotes of each kind.

# %%
speakers = speakers_table(quotes)
display(HTML(table_html(speakers, max_rows=100)))

# %% [markdown]
# ## How each pronoun or description was resolved
# Speakers named in full next to their quote need no checking. For every other mention (a
# pronoun, a description such as *the Belarusian leader*, a surname, a speaker carried over
# from the previous quote) the table shows the mention in its sentence, the speaker it was
# resolved to, the path (`resolution`), and the words at the antecedent offset when the path
# names one. If a row is wrong, correct it as shown in the next section.

# %%
display(HTML(resolutions_html(article.text, quotes)))

# %% [markdown]
# ## Correcting a quote
# Corrections live in `data/overrides.csv`, one row per correction:
#
# | column | value |
# |---|---|
# | `article_sha256` | the article's sha256 (shown at the top of this notebook) |
# | `start`, `end` | the quote's offsets, exactly as in the quote table (or one of its `fragments`) |
# | `action` | `speaker` (reassign), `kind` (change the kind) or `drop` (not a quote) |
# | `speaker`, `kind` | the new value, for those two actions |
# | `note` | why: shown in the corrected row's `override_note` |
#
# `format_override(...)` gives a correctly quoted line to paste into the file. Re-run the
# notebook and the corrected rows show `overridden = True`. A row that matches no quote (an
# offset typo, or an older extraction) is reported as a warning, never silently ignored.
#
# Below, the demonstration works on a **temporary copy** of the overrides file in
# `output_dir`: your `data/overrides.csv` is not touched.

# %%
if quotes.empty:
    display(Markdown("> No quotes in this article, so there is nothing to correct."))
else:
    pronouns = quotes[quotes["resolution"].str.startswith("pronoun", na=False)]
    target = (pronouns if not pronouns.empty else quotes).iloc[0]
    others = quotes.loc[quotes["speaker"] != target["speaker"], "speaker"].value_counts()
    other = others.index[0] if not others.empty else "Someone Else"
    line = format_override(sha256, target["start"], target["end"], "speaker", speaker=other,
                           note="demo: reassigned to show how an override works")
    display(HTML(f"<p>Say quote {target['quote_id']} (<em>{escape(str(target['speaker_mention']))}</em>, "
                 f"resolved to {escape(str(target['speaker']))}) was really said by {escape(other)}. "
                 f"The line to add:</p><pre>{escape(line)}</pre>"))

# %%
if not quotes.empty:
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output_dir, prefix="overrides-demo-") as scratch:
        demo_path = Path(scratch) / "overrides.csv"
        if Path(overrides_path).is_file():
            shutil.copyfile(overrides_path, demo_path)
        else:
            demo_path.write_text(",".join(OVERRIDE_COLUMNS) + "\n", encoding="utf-8")
        with demo_path.open("a", encoding="utf-8", newline="") as fh:
            fh.write(line)
        demo = apply_overrides(extracted, load_overrides(demo_path), sha256)
    display(HTML(table_html(demo[demo["overridden"]], ["quote_id", "start", "end", "speaker", "override_note"])))

# %% [markdown]
# And an override whose offsets match no quote is reported, not ignored:

# %%
if not quotes.empty:
    stale = load_overrides(StringIO(",".join(OVERRIDE_COLUMNS) + "\n"
                                    + format_override(sha256, 0, 1, "drop", note="stale offsets")))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", OverrideWarning)
        checked = apply_overrides(extracted, stale, sha256)
    display(Markdown("\n".join(f"* warning: {w.message}" for w in caught)))

# %% [markdown]
# ## An article without quotes
# Not every text quotes anyone. Extraction then gives an empty table that still has every
# column, and the rest of the workbook carries on; the notebook says so instead of failing.

# %%
no_quotes = extract_quotes(read_article("Minsk weather\n\nIt was mild and dry on Tuesday in Minsk."))
display(HTML(summary_html(no_quotes)))
display(HTML(table_html(no_quotes, ["quote_id", "start", "end", "kind", "speaker", "text"])))
