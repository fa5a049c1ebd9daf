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
# # 05 · Charts and export: the article at a glance, and files for your report
#
# Four charts summarise who is quoted, how often, in what tone, toward whom, and where in the
# article. Each speaker keeps the same colour in every chart and in the highlighted text of
# notebook 02. Below the charts, a dashboard filters everything at once, and its **Export**
# button writes the figures (PNG at 300 dpi, SVG, PDF), the filtered quote table (CSV) and a
# JSON note of the filters into `reports/figures/`. Existing files are never overwritten.
#
# The last cell exports without any clicking, driven by the parameters below, so a report can
# be regenerated headless (`make report`, or papermill with `-p export True`).

# %% tags=["parameters"]
article_path = "../data/raw/belarus_drills_article.txt"
targets_path = "../data/targets.csv"
overrides_path = "../data/overrides.csv"
output_dir = "../reports"
speakers = None  # a list of speaker names to pre-select, e.g. ["Alexander Lukashenko"]
export = True  # write the dashboard's figures and table into output_dir/figures at the end

# %%
# %matplotlib inline
from pathlib import Path

from helpers.article import read_article
from helpers.charts import quote_counts_chart, quote_map, sentiment_chart, stance_heatmap
from helpers.overrides import apply_overrides, load_overrides
from helpers.quotes import extract_quotes
from helpers.sentiment import score_quotes
from helpers.stance import aggregate_stances, load_targets, quote_stances
from helpers.style import speaker_colors
from helpers.widgets import Dashboard, in_voila

# %% [markdown]
# ## The article's quotes, scored
# The same stages as the earlier notebooks: extract the quotes, apply the analyst's corrections
# (`overrides_path`), score each quote's sentiment, and measure each speaker's stance toward the
# targets of `targets_path`.

# %%
article = read_article(article_path)
sha256 = article.meta["sha256"]
quotes = extract_quotes(article)
if Path(overrides_path).is_file():
    quotes = apply_overrides(quotes, load_overrides(overrides_path), sha256)
scored = score_quotes(quotes)
mentions = quote_stances(scored, load_targets(targets_path, quotes=scored))
stance = aggregate_stances(mentions)
colors = speaker_colors(scored)  # from the full table: filtering never changes a colour
print(f"{article.title}\n{len(scored)} quotes, {scored['speaker'].nunique()} speakers, "
      f"{stance['target'].nunique() if len(stance) else 0} targets; sha256 {sha256[:12]}…")

# %% [markdown]
# ## Who is quoted, and how
# One bar per speaker, most quoted on top. The segments split each speaker's quotes into
# **direct** quotes (a whole quotation in marks), **partial** quotes (a few words in marks) and
# **reported** speech; a speaker heard mostly through reported speech is described, not quoted.
# The square beside each name is the speaker's colour.

# %%
quote_counts_chart(scored, article_title=article.title, colors=colors)

# %% [markdown]
# ## In what tone
# Each dot is one quote, placed by its VADER score (left negative, right positive, dashed line
# neutral). For speakers with two quotes or more, the black diamond is the mean and the bar its
# 95% bootstrap interval: a wide bar means the tone varies or there are few quotes. VADER reads
# the words, not the position: *"we will repel the invasion"* can score negative for a
# supporter.

# %%
sentiment_chart(scored, article_title=article.title, colors=colors)

# %% [markdown]
# ## Toward whom
# One row per speaker, one column per target. Blue cells lean in favour, red against, white is
# neutral; each cell gives the score (−1 to +1) and the number of quotes behind it, so read a
# strong colour with `n=1` as a hint, not a finding. Hatched grey cells: the speaker says nothing
# about that target. The evidence behind every cell is in notebook 04.

# %%
stance_heatmap(stance, article_title=article.title)

# %% [markdown]
# ## Where in the article
# The article runs left to right (0 to 100% of the text); each bar is one quote, from its first
# to its last character, in the speaker's row, coloured by its sentiment (red negative, blue
# positive). Faint vertical lines are paragraph breaks. Clusters show where the article hands
# the floor to one voice; a speaker only at the end often gets the last word.

# %%
quote_map(scored, text_length=len(article.text), article_title=article.title, colors=colors,
          paragraph_starts=list(article.paragraphs["start"]))

# %% [markdown]
# ## The dashboard
# Pick speakers (ctrl/cmd-click for several; **All** / **None**), toggle the quote kinds, choose
# a target (only the quotes whose stance evidence names it) and a minimum attribution
# confidence. Charts and table follow every change. **Export** writes what you see into
# `reports/figures/`, with file names saying the article, the chart and the filter, plus a JSON
# sidecar with the filters, the article's sha256 and the package version; the written paths
# appear under the button.

# %%
dashboard = Dashboard(scored, stance, quote_stances=mentions, article_title=article.title,
                      article_sha256=sha256, out_dir=Path(output_dir) / "figures", text_length=len(article.text),
                      paragraph_starts=list(article.paragraphs["start"]), speakers=speakers)
dashboard

# %% [markdown]
# ## Headless export
# With `export = True` (the default; set by papermill in report runs) this writes the dashboard's
# current figures and table, as the Export button does, with `speakers` pre-selected. In the
# Voila page nothing is written until a reader clicks Export.

# %%
if export and not in_voila():
    written = dashboard.export()
    print(f"Wrote {len(written)} files into {Path(output_dir).resolve() / 'figures'}:")
    for path in written:
        print("  ", path.name)
else:
    print("No headless export (export = False, or running as the Voila dashboard).")
