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
# # 03 · Sentiment: how each speaker speaks
#
# Every quote gets a VADER score (the reference `vaderSentiment` scoring, the same on every
# sentence of the NYT evaluation snippets) and the words that drove it, so you can see *why* a
# quote reads as negative. Quotes are then summarised per speaker with a bootstrap interval:
# a speaker with one quote is shown as one quote, not as a tone.
#
# VADER measures the tone of the words, not the speaker's position: the last section shows, on
# this article's own quotes, where its general-purpose rules meet news language.

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"

# %%
from pathlib import Path

from IPython.display import HTML, Markdown, display

from helpers.article import read_article
from helpers.charts import sentiment_chart
from helpers.errors import QuoteLensError
from helpers.export import export_table
from helpers.overrides import apply_overrides, load_overrides
from helpers.quotes import extract_quotes
from helpers.sentiment import (
    news_pitfalls, quotes_html, score_quotes, second_opinion, speaker_sentiment,
    speaker_summary_display, vocabulary_valence,
)

# %% [markdown]
# ## The article and its quotes
# Quotes come from `helpers.quotes.extract_quotes`, with the analyst's corrections in
# `data/overrides.csv` applied (see notebook 02).

# %%
article = read_article(article_path)
quotes = extract_quotes(article)
if Path(overrides_path).is_file():
    quotes = apply_overrides(quotes, load_overrides(overrides_path), article.meta["sha256"])
display(Markdown(f"**{article.title or Path(article_path).name}**: {len(quotes)} quotes "
                 f"from {quotes['speaker'].nunique()} resolved speakers."))

# %%
if quotes.empty:
    display(Markdown("> **No quotes were found in this article**, so there is nothing to score. "
                     "The tables below stay empty; check notebook 02 (extraction) or the article."))

# %% [markdown]
# ## Per-quote scores, with the driving words
# `compound` is VADER's normalised sum in [-1, 1]; the label uses the standard thresholds
# (≤ -0.05 negative, ≥ 0.05 positive). Highlighted words are the ones VADER summed, with the
# valence it used *after* its rules (hover for it): green pushed the score up, orange down.
# A negated word keeps its own colour of the *result*: "not a threat" counts as positive.

# %%
scored = score_quotes(quotes)
display(HTML(quotes_html(scored)))

# %%
scored[["quote_id", "speaker", "kind", "compound", "pos", "neu", "neg",
        "sentiment_label", "drivers_text"]]

# %% [markdown]
# ## Per speaker
# Mean and median compound per speaker, with a seeded percentile-bootstrap 95% interval of the
# mean (2,000 resamples). With a handful of quotes the interval is wide: read it, not the mean.
# Quotes without a resolved speaker are grouped as "(unknown)".

# %%
summary = speaker_sentiment(scored)
speaker_summary_display(summary)

# %%
sentiment_chart(scored, article_title=article.title)

# %% [markdown]
# ## What VADER gets wrong on news
# VADER was built for short social-media texts. Three of its habits matter on news quotes:
#
# * **Negation** multiplies a nearby sentiment word by -0.74: "not a threat" becomes mildly
#   *positive*, whatever the sentence is about.
# * **Military vocabulary** is mostly missing from its lexicon ("troops", "drills", "missiles",
#   even "invasion" add nothing), while a few such words carry everyday valences ("defense" is
#   positive, "fight" negative).
# * **Irony and rhetorical questions** are scored on their literal words.
#
# First, the conflict vocabulary this article's quotes use and VADER's lexicon value for each
# (empty = not in the lexicon, so it moves no score):

# %%
vocabulary_valence(scored)

# %% [markdown]
# Then this article's quotes where each situation occurs and what VADER did there, computed
# from its own per-word valences. Whether a score is wrong is the analyst's call.

# %%
pitfalls = news_pitfalls(scored)
pitfalls[["quote_id", "speaker", "pitfall", "compound", "sentiment_label", "what_vader_did"]]

# %%
for kind, group in pitfalls.groupby("pitfall", sort=False):
    display(Markdown(f"### {kind}: {len(group)} quote(s)"))
    display(HTML(quotes_html(scored[scored["quote_id"].isin(group["quote_id"])])))
if pitfalls.empty:
    display(Markdown("_None of this article's quotes contains a negation, military term or question._"))

# %% [markdown]
# ### A second opinion
# The optional `minilm` method reads whole sentences (frozen MiniLM embeddings plus VADER's
# scores, through a head trained on NewsMTSC news sentences; `benchmarks/sentiment_accuracy.py`
# measures both on the NYT snippets). It has no word-level evidence, so it does not replace
# VADER here; the quotes where the two disagree are the ones to read closely.

# %%
try:
    opinion = second_opinion(scored)
    display(Markdown(f"{int(opinion['disagree'].sum())} of {len(opinion)} quotes get different labels."))
    display(opinion[opinion["disagree"]])
except QuoteLensError as exc:
    display(Markdown(f"_The second method is not available here: {exc}_"))

# %% [markdown]
# ## Export
# The scored quotes and the speaker summary go to `output_dir` as CSV (drivers as JSON text).
# Existing files are never overwritten: a new run gets a numbered name.

# %%
written = [export_table(scored, "sentiment_quotes", output_dir),
           export_table(summary, "sentiment_speakers", output_dir)]
display(Markdown("\n".join(f"* `{p}`" for p in written)))
