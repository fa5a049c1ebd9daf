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
# # 04 · Stance: where each speaker stands toward the article's targets
#
# Sentiment (notebook 03) is the tone of a quote; *stance* is its polarity toward someone or
# something named in it. Every mention of a **target** (a country, leader, institution or event
# from `data/targets.csv`, plus the article's own speakers) inside a quote is scored by a
# target-dependent model, *against*, *neutral* or *favor*, with the words around the mention as
# evidence; the scores are then summed up per speaker and, where the article dates a quote, over
# time.

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"

# %%
from pathlib import Path

from IPython.display import HTML, Markdown, display

from helpers.article import read_article
from helpers.charts import stance_heatmap
from helpers.export import export_figure, export_table
from helpers.html import table_html
from helpers.overrides import apply_overrides, load_overrides
from helpers.quotes import extract_quotes
from helpers.stance import (
    add_periods, aggregate_stances, load_model, load_targets, quote_stances, stance_over_time,
    stance_over_time_chart, stance_table_html, targets_display,
)

# %% [markdown]
# ## The article and its quotes
# Quotes come from `helpers.quotes.extract_quotes` with the analyst's corrections in
# `data/overrides.csv` applied (notebook 02). Each quote then gets the date or period the article
# gives for it (`period`), looked up in its own sentence, else its paragraph, outside the quoted
# words: "In October 2019, Lukashenko informed Zelenskiy", "she stated last week".

# %%
article = read_article(article_path)
quotes = extract_quotes(article)
if Path(overrides_path).is_file():
    quotes = apply_overrides(quotes, load_overrides(overrides_path), article.meta["sha256"])
quotes = add_periods(quotes, article.text)
display(Markdown(f"**{article.title or Path(article_path).name}**: {len(quotes)} quotes, "
                 f"{quotes['period'].notna().sum()} of them dated by the article."))
display(HTML(table_html(quotes, ["quote_id", "speaker", "kind", "period", "period_from", "text"])))

# %% [markdown]
# ## The targets, and how to edit them
# `data/targets.csv` has three columns: `target` (the name shown), `aliases` (`;`-separated
# ways the article names it) and `type` (`country`, `government`, `group`, `person`, `event`,
# ...). Edit it in any spreadsheet or text editor and re-run the notebook. Matching rules:
#
# * an alias written **all in lower case** matches in any case (`the west` finds "the West");
#   an alias with capitals matches **exactly** (`US` does not match the pronoun "us");
# * matches are **whole words**, and possessives are included: `Russia` finds "Russia's",
#   `Belarus` finds "Belarus'" and "Belarus's";
# * the **longest** alias wins where several overlap: "Russia's president" is Putin, not Russia;
# * speakers of the quote table that no alias covers are added as targets (`source = speaker`),
#   so what speakers say about one another is scored too;
# * a speaker's **"we / our"** counts for the group target whose alias names the speaker
#   (Lukashenko → Belarus' government); "you" counts for a named addressee.

# %%
targets = load_targets(targets_path, quotes=quotes)
display(HTML(table_html(targets_display(targets))))

# %% [markdown]
# ## Every target mention in a quote
# One row per quote × mention: `mention_start, mention_end` are offsets into the quote,
# `start, end` into the article; `via` says how the mention was found. `score` is
# p(favor) − p(against) from the model, in [-1, 1].

# %%
model = load_model()
display(Markdown(f"Model: **{model.method}**."))
mentions = quote_stances(quotes, targets, model=model)
display(HTML(table_html(mentions, ["quote_id", "speaker", "target", "mention", "via", "start", "end",
                                   "label", "score", "period", "snippet"])))

# %% [markdown]
# ## Speaker × target stance, with its evidence
# Per speaker and target, each quote's class probabilities are averaged over its mentions, then
# over the quotes (a quote that names a target three times counts once). `label` is the class
# with the highest mean probability; `score` is mean p(favor) − mean p(against). The evidence
# lists each quote with its snippet and the sentiment words nearest the mention (with their
# lexicon valence); quote numbers are the `quote_id`s above.

# %%
table = aggregate_stances(mentions)
display(HTML(stance_table_html(table)))

# %%
fig_heat = stance_heatmap(table, article_title=article.title)
fig_heat

# %% [markdown]
# ## Stance over time
# Where the article dates quotes, the speaker's score per period, in time order (dated periods
# first, then "two weeks ago", "last week", "this week"). Periods are as written: "last week"
# is relative to the article's publication date, which the text may not give.

# %%
over = stance_over_time(mentions)
if over.empty:
    display(Markdown("> No quote in this article carries a date or period."))
else:
    display(HTML(table_html(over)))
fig_time = stance_over_time_chart(over)
fig_time

# %% [markdown]
# ## Export
# Tables go to `output_dir` as CSV (evidence as JSON text), figures as PNG; an existing file is
# never overwritten: a numbered name is used instead.

# %%
paths = [export_table(table, "stance_table", output_dir),
         export_table(mentions, "stance_mentions", output_dir)]
paths += list(export_figure(fig_heat, "stance_heatmap", output_dir, formats=("png",)))
paths += list(export_figure(fig_time, "stance_over_time", output_dir, formats=("png",)))
display(Markdown("\n".join(f"* `{Path(p).name}`" for p in paths)))

# %% [markdown]
# ## Caveats
# * **What the model measures.** It was trained on NewsMTSC: how a news *sentence* portrays a
#   named person (negative / neutral / positive). That is close to, but not the same as, the
#   speaker's stance: "Belarusians are not a threat to Ukraine; it is the government" portrays
#   the government negatively, and that is what the score says; irony, threats made sound
#   friendly and loaded questions are read at face value. On the NewsMTSC dev sets it is right
#   about three times in four (`benchmarks/stance_accuracy.py` prints the figures): read the
#   evidence, not only the label.
# * **Negation is its weak spot.** In the same quote, "Belarusians are not a threat" *defends*
#   Belarusians, yet the model reads the word "threat" next to them and tends to score it
#   *against*: a careful reader overrules such a row, and the evidence column shows why it arose.
# * **Coverage.** Only aliases in `targets.csv`, "we/our" of a speaker who stands for a group and
#   "you" of a named addressee are found; "he", "she", "it" and descriptions such as "the
#   Belarusian leader" count only when they are listed as aliases.
# * **Few quotes.** Most speaker × target cells rest on one or two quotes (`quotes` column):
#   they are observations, not measured positions.
# * **Time.** A period is attached from the quote's sentence or paragraph; a quote may be
#   older than the period that narrates it, and relative periods are relative to publication.
