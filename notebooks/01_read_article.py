# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Reading the article
#
# Before anything is said about quotes or speakers, this notebook shows exactly what text the
# workbook works on:
#
# * the **title**, **author** and **standfirst** (the summary under the headline) it found;
# * every **paragraph**, with its role and its character offsets;
# * the **sentences**, and a chart of their lengths, to spot a missed split;
# * the **web boilerplate** that was dropped ("top of page", share buttons, ...), and why.
#
# Every later notebook points into the same cleaned text with the same offsets, so if something
# looks wrong here, it will look wrong everywhere. To read another article, change
# `article_path` below (a `.txt`, `.html` or `.json` file) or run
# `make report ARTICLE=path/to/article.txt`.

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"

# %%
# %matplotlib inline
from pathlib import Path

from helpers.article import read_article, sentence_length_chart, structure_table, summary_table
from helpers.export import export_figure, export_table

# %% [markdown]
# ## What was read
# `read_article` decodes the file (UTF-8, with or without a byte-order mark), turns Windows line
# ends into plain ones and non-breaking spaces into ordinary spaces, and leaves curly quotes as
# they are. The `sha256` is the fingerprint of the file's bytes: analyst corrections in
# `data/overrides.csv` are tied to it. A text that does not look like English is read anyway,
# with a warning shown above the table.

# %%
article = read_article(Path(article_path))
summary_table(article).style.hide(axis="index")

# %% [markdown]
# ## Paragraphs and their roles
# The top of the article is its headline block: the **title**, the **byline** (the author is
# taken from it, e.g. *By: Ahmed Fathi* gives *Ahmed Fathi*) and the **standfirst**. Some sites
# repeat the headline (here in lower case) above the standfirst: that repeat is marked as
# `title` too, so it is never mistaken for body text. Everything after is **body**.
#
# `start` and `end` are character offsets into the cleaned text: `article.text[start:end]` is
# exactly the paragraph. The text column is shortened for display.

# %%
structure_table(article).style.hide(axis="index")

# %% [markdown]
# The offsets are exact, not approximate. Here is the check on every paragraph and sentence
# (it is also a property test of the helpers, on thousands of generated texts):

# %%
exact = all(article.text[r.start:r.end] == r.text
            for table in (article.paragraphs, article.sentences) for r in table.itertuples())
print(f"{len(article.paragraphs)} paragraphs and {len(article.sentences)} sentences, offsets exact: {exact}")

# %% [markdown]
# ## Sentences
# Sentences are cut by NLTK's Punkt with the workbook's own list of abbreviations (*Mr.*, *Gen.*,
# *Feb.*, *U.S.* ...), so "Mr. Putin" is never split. A quotation of several sentences is split
# into its sentences; an attribution after a closing quotation mark (*"...?" he asked*) stays
# with its sentence. The first sentences of the body:

# %%
body_start = article.body["start"].min()
article.sentences[article.sentences["start"] >= body_start].head(8).style.hide(axis="index")

# %% [markdown]
# ## Sentence lengths
# Words per sentence in reading order, coloured by the role of the paragraph. News sentences
# run 15 to 30 words; a bar far above the dashed line is a sentence worth reading: either a
# genuinely long one, or two sentences the splitter could not separate.

# %%
fig = sentence_length_chart(article)
fig

# %% [markdown]
# ## What was removed, and why
# Whole lines that belong to the web page rather than the article are dropped before anything
# else, each with the reason. If a line of the article itself shows up here, the text above is
# missing it: please report it.

# %%
if article.removed.empty:
    print("Nothing was removed: the file held no web boilerplate.")
article.removed.style.hide(axis="index")

# %% [markdown]
# ## Saved for the report
# The paragraph and sentence tables (CSV) and the chart (PNG, SVG, PDF) go to `output_dir`.
# Existing files are never overwritten: a new name is chosen instead.

# %%
written = [export_table(article.paragraphs, "article_paragraphs", output_dir),
           export_table(article.sentences, "article_sentences", output_dir),
           *export_figure(fig, "sentence_lengths", Path(output_dir) / "figures")]
for path in written:
    print(path)
