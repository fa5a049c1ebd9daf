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
# # 06 · A corpus: who is quoted across many articles
#
# The first five notebooks read one article. This one runs the same pipeline on a whole
# **corpus** (by default every article in `data/raw/`) and looks across articles:
#
# * the speakers quoted most, with the same person counted once however each article names them
#   (*Alexander Lukashenko*, *Lukashenko*, *President Lukashenko*);
# * how many quotes each article has;
# * the tone of each speaker's quotes across the corpus (VADER compound, as in notebook 03).
#
# Each article's rows are exactly what the single-article notebooks show for it: the corpus calls
# the same pipeline. The results go to a Parquet dataset under `output_dir/corpus/`; running
# the notebook again only processes what changed. For thousands of articles, set
# `scheduler = "processes"` (a local Dask cluster) or the address of a running cluster, or use
# `quotelens corpus INPUT --out OUT` in a terminal.

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"
corpus_path = "../data/raw"
scheduler = "local"
workers = 2
stance = False

# %%
# %matplotlib inline
from pathlib import Path

from IPython.display import Markdown, display

from helpers.corpus import (
    file_sha256,
    matches_corpus,
    quotes_per_article_chart,
    read_corpus,
    run_corpus,
    speaker_sentiment_chart,
    top_speakers_chart,
)
from helpers.pipeline import analyze

out = Path(output_dir) / "corpus"
overrides = overrides_path if Path(overrides_path).is_file() else None

# %% [markdown]
# ## Run the corpus
# Articles that cannot be read (empty, binary, not UTF-8, far too long, a duplicate of another)
# do not stop the run: each one gets a row in the `errors` table below.

# %%
targets = targets_path if Path(targets_path).is_file() else None
summary = run_corpus(corpus_path, out, scheduler=scheduler, workers=workers, resume=True, overrides=overrides,
                     stance=stance, targets=targets)
print(summary)
tables = read_corpus(out)

# %%
errors = tables["errors"]
display(Markdown(f"**{len(errors)} article(s) not analysed**" + ("" if len(errors) else ": none.")))
if len(errors):
    display(errors[["article_id", "kind", "error"]])

# %% [markdown]
# ## Top speakers across the corpus
# One row per person or organisation, with every name the articles used for them (`aliases`) and
# the number of articles that quote them.

# %%
speakers = tables["speakers"]
display(speakers[["speaker", "type", "n_articles", "n_quotes", "n_direct", "n_indirect", "mean_compound", "aliases"]].head(15))
top_speakers_chart(speakers);

# %% [markdown]
# ## Quotes per article

# %%
articles = tables["articles"]
display(articles[["article_id", "title", "n_words", "n_quotes", "n_direct", "n_partial", "n_indirect", "n_speakers"]].head(20))
quotes_per_article_chart(articles);

# %% [markdown]
# ## Sentiment per speaker across the corpus
# The mean VADER compound of all the speaker's quotes (speakers with at least two). VADER scores
# the words of the quote, not the speaker's position: see notebook 03 for what drives each score.

# %%
speaker_sentiment_chart(speakers, min_quotes=2);

# %% [markdown]
# ## Stance across the corpus
# With `stance = True` in the parameters (or `quotelens corpus ... --stance`), the corpus also holds
# each article's stance table: one row per speaker and target, with the quotes behind it in
# `evidence`. It is several times slower than the rest, so it is off by default.

# %%
stance_rows = tables["stance"]
if len(stance_rows):
    display(stance_rows[["article_id", "speaker", "target", "label", "score", "n_quotes"]].head(20))
else:
    print("No stance table in this corpus: set stance = True to add one.")

# %% [markdown]
# ## The same rows as the single article
# For the article of notebooks 01-05 (when it is part of the corpus), the corpus holds exactly
# the quotes that the single-article pipeline finds.

# %%
single = analyze(article_path, overrides=overrides, stages=("quotes", "speakers", "sentiment")).quotes
row = articles[articles["sha256"] == file_sha256(article_path)]
if len(row):
    article_id = row["article_id"].iloc[0]
    same = matches_corpus(out, article_id, single)
    print(f"{article_id}: {int(row['n_quotes'].iloc[0])} quotes in the corpus, {len(single)} on its own; identical rows: {same}")
else:
    print(f"{article_path} is not in the corpus {corpus_path}")
