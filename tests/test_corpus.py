"""helpers.corpus: many articles on Dask, same rows as the single-article path, bad input as rows."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.cli import main
from helpers.corpus import (
    CORPUS_STAGES,
    LOCAL_CLUSTER_CONFIG,
    QUOTE_TYPES,
    SPEAKER_TYPES,
    frame_to_table,
    merge_speakers,
    read_corpus,
    read_table,
    run_corpus,
)
from helpers.errors import QuoteLensError
from helpers.pipeline import analyze

N_POLNEAR = 7


def _polnear(shared_data: Path, n: int = N_POLNEAR) -> list[dict]:
    rows = []
    with open(shared_data / "polnear" / "polnear_dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    return rows


@pytest.fixture(scope="module")
def articles(shared_data) -> list[dict]:
    """The seed article plus a few PolNeAR dev articles: real news text, real quotes."""
    seed = Path(__file__).resolve().parent.parent / "data" / "raw" / "belarus_drills_article.txt"
    rows = [{"id": "belarus", "text": seed.read_text(encoding="utf-8")}]
    rows += [{"id": r["id"].rsplit("/", 1)[-1][:40], "text": r["text"]} for r in _polnear(shared_data)]
    return rows


@pytest.fixture(scope="module")
def folder(articles, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "articles"
    root.mkdir()
    for i, row in enumerate(articles):
        (root / f"{i:02d}_{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def local_run(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    summary = run_corpus(folder, out, scheduler="local", progress=False, partition_size=3)
    return summary, out


def _rows(table: pa.Table) -> list[dict]:
    return table.to_pylist()


def _single_article_quotes(path) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes = analyze(path, stages=CORPUS_STAGES).quotes
    return _rows(frame_to_table(quotes, QUOTE_TYPES))


def _corpus_quotes(out, article_id) -> list[dict]:
    table = pq.read_table(Path(out) / "quotes")
    table = table.filter(pa.compute.equal(table["article_id"], article_id)).drop_columns(["article_id"])
    return _rows(table)


def _comparable(out) -> dict[str, pd.DataFrame]:
    tables = read_corpus(out)
    tables["articles"] = tables["articles"].drop(columns=["seconds", "source"])
    tables["errors"] = tables["errors"].drop(columns=["source"])
    return tables


def test_local_run_equals_the_single_article_path(local_run, folder, articles):
    summary, out = local_run
    assert summary.n_records == len(articles) and summary.n_processed == len(articles)
    assert summary.n_errors == 0 and summary.n_partitions == 3
    assert summary.n_quotes > 50
    for path in sorted(folder.iterdir()):
        single = _single_article_quotes(path)
        assert _corpus_quotes(out, path.name) == single, path.name
    arts = read_table(out, "articles")
    assert arts["article_id"].tolist() == sorted(p.name for p in folder.iterdir())
    assert arts["n_quotes"].sum() == summary.n_quotes


def test_html_and_json_articles_are_read_as_analyze_reads_them(articles, tmp_path):
    src = tmp_path / "web"
    src.mkdir()
    body = "".join(f"<p>{p}</p>" for p in articles[1]["text"].split("\n\n"))
    (src / "page.html").write_text(f"<html><head><title>Page</title></head><body>{body}"
                                   "<footer>Share this article</footer></body></html>", encoding="utf-8")
    (src / "story.json").write_text(json.dumps({"title": "Story", "text": articles[2]["text"]}), encoding="utf-8")
    summary = run_corpus(src, tmp_path / "out", progress=False)
    assert summary.n_processed == 2 and summary.n_errors == 0
    formats = read_table(tmp_path / "out", "articles").set_index("article_id")["format"].to_dict()
    assert formats == {"page.html": "html", "story.json": "json"}
    for name in ("page.html", "story.json"):
        assert _corpus_quotes(tmp_path / "out", name) == _single_article_quotes(src / name), name


def test_article_speakers_equal_each_articles_speakers_table(local_run, folder):
    _, out = local_run
    per_article = read_table(out, "article_speakers")
    path = sorted(folder.iterdir())[0]
    single = analyze(path, stages=("quotes", "speakers", "sentiment")).speakers
    mine = per_article[per_article["article_id"] == path.name]
    assert mine["speaker"].tolist() == single["speaker"].tolist()
    assert mine["n_quotes"].tolist() == single["n_quotes"].tolist()
    for path in sorted(folder.iterdir()):  # every article, every column of the contract
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            single = analyze(path, stages=("quotes", "speakers", "sentiment")).speakers
        table = pq.read_table(out / "article_speakers")
        mine = table.filter(pa.compute.equal(table["article_id"], path.name)).select(list(single.columns))
        assert _rows(mine) == _rows(frame_to_table(single, SPEAKER_TYPES)), path.name


def _speakers_per_article(frames: dict[str, pd.DataFrame]) -> pa.Table:
    """The per-article path: ``speakers_table`` of each article plus its sentiment sums."""
    from helpers.corpus import _speaker_rows
    from helpers.speakers import speakers_table

    rows = []
    for article_id, quotes in frames.items():
        speakers = _speaker_rows(speakers_table(quotes), quotes)
        rows += [{"article_id": article_id, **r} for r in _rows(frame_to_table(speakers, SPEAKER_TYPES))]
    return pa.Table.from_pylist(rows)


@pytest.mark.parametrize("drop", [(), ("speaker_aliases", "speaker_role"), ("compound",)])
def test_partition_speakers_equal_each_articles_speakers_table(articles, shared_data, drop):
    # the corpus builds the per-article speakers tables in one pass per partition: same rows
    from helpers.corpus import partition_speakers

    texts = [(a["id"], a["text"]) for a in articles]
    texts += [(f"dev{i}", r["text"]) for i, r in enumerate(_polnear(shared_data, 60))]
    frames = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for article_id, text in texts:
            quotes = analyze(text, stages=("quotes", "sentiment")).quotes.drop(columns=list(drop))
            if len(quotes):
                frames[article_id] = quotes
    joined = pd.concat(list(frames.values()), ignore_index=True)
    table, counts = partition_speakers(joined, [a for a, q in frames.items() for _ in range(len(q))])
    expected = _speakers_per_article(frames)
    assert table.num_rows > 200
    assert _rows(table) == _rows(expected)
    assert sum(counts.values()) == table.num_rows


def test_corpus_speakers_merge_the_same_person_across_articles(tmp_path):
    texts = {
        "a.txt": 'Talks stalled on Monday.\n\n"We will not give in," said Alexander Lukashenko, the Belarusian leader.\n',
        "b.txt": 'The border stayed open.\n\n"The drills are defensive," Lukashenko said on Tuesday.\n',
        "c.txt": '"Belarus will stand with Russia," President Alexander Lukashenko told reporters.\n',
    }
    src = tmp_path / "in"
    src.mkdir()
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
    run_corpus(src, tmp_path / "out", progress=False)
    per_article = read_table(tmp_path / "out", "article_speakers")
    assert per_article["article_id"].nunique() == 3  # each article found a speaker
    speakers = read_table(tmp_path / "out", "speakers")
    luka = speakers[speakers["speaker"] == "Alexander Lukashenko"]
    assert len(luka) == 1, speakers[["speaker", "aliases"]]
    row = luka.iloc[0]
    assert row["n_articles"] == 3 and row["n_quotes"] == 3
    assert sorted(row["articles"]) == ["a.txt", "b.txt", "c.txt"]
    assert "Lukashenko" in list(row["aliases"])
    assert not speakers["speaker"].eq("Lukashenko").any()


def test_merge_speakers_keeps_ambiguous_surnames_apart():
    rows = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "speaker": ["Hillary Clinton", "Bill Clinton", "Clinton"],
        "type": ["person"] * 3, "aliases": [["Clinton", "Mrs. Clinton"], ["Clinton"], ["Clinton"]],
        "role": [None, "former president", None], "n_quotes": [3, 2, 1],
        "n_direct": [3, 2, 1], "n_partial": [0, 0, 0], "n_indirect": [0, 0, 0],
    })
    merged = merge_speakers(rows)
    assert sorted(merged["speaker"]) == ["Bill Clinton", "Clinton", "Hillary Clinton"]
    one = merge_speakers(rows[rows["speaker"] != "Bill Clinton"])
    assert one["speaker"].tolist() == ["Hillary Clinton"] and one["n_quotes"].tolist() == [4]


def test_descriptions_are_not_one_speaker_across_articles():
    # "senior officials" in one article are not those of another; a name still merges
    rows = pd.DataFrame({
        "article_id": ["a", "b", "a", "b"],
        "speaker": ["senior officials", "senior officials", "Vladimir Putin", "Putin"],
        "type": ["person"] * 4, "aliases": [["senior officials"], ["senior officials"], ["Putin"], ["Putin"]],
        "role": [None] * 4, "n_quotes": [2, 1, 3, 1],
        "n_direct": [0, 0, 3, 1], "n_partial": [0, 0, 0, 0], "n_indirect": [2, 1, 0, 0],
    })
    merged = merge_speakers(rows)
    officials = merged[merged["speaker"] == "senior officials"]
    assert sorted(officials["n_quotes"]) == [1, 2] and set(officials["n_articles"]) == {1}
    assert sorted(map(tuple, officials["articles"])) == [("a",), ("b",)]
    putin = merged[merged["speaker"] == "Vladimir Putin"].iloc[0]
    assert putin["n_articles"] == 2 and putin["n_quotes"] == 4


def test_a_real_two_worker_cluster_equals_the_in_process_run(local_run, folder, tmp_path):
    _, local_out = local_run
    summary = run_corpus(folder, tmp_path / "out", scheduler="processes", workers=2, progress=False, partition_size=3)
    assert summary.scheduler == "processes" and summary.workers == 2
    local, cluster = _comparable(local_out), _comparable(tmp_path / "out")
    for name in local:
        pd.testing.assert_frame_equal(cluster[name], local[name], obj=name)
    # merged while the partitions came back, in whatever order: the same as merging the dataset
    pd.testing.assert_frame_equal(cluster["speakers"], merge_speakers(cluster["article_speakers"]),
                                  check_dtype=False)


def test_an_existing_cluster_is_used_by_its_address(folder, local_run, tmp_path):
    from distributed import Client, LocalCluster

    _, local_out = local_run
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_corpus(folder, tmp_path / "out", scheduler=cluster.scheduler_address, progress=False,
                             partition_size=3)
        assert summary.scheduler == cluster.scheduler_address
        with Client(cluster) as client:  # the run left the cluster running
            assert len(client.scheduler_info()["workers"]) == 1
    pd.testing.assert_frame_equal(read_table(tmp_path / "out", "quotes"), read_table(local_out, "quotes"))


def _write_bad_corpus(root: Path, articles: list[dict]) -> None:
    root.mkdir()
    for i, row in enumerate(articles[:3]):
        (root / f"good{i}.txt").write_text(row["text"], encoding="utf-8")
    (root / "good0_copy.txt").write_bytes((root / "good0.txt").read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b"  \n\n ")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes('"Ça va," said Zoë Müller, the café owner.\n'.encode("cp1252"))
    (root / "huge.txt").write_text(articles[1]["text"] * 1000, encoding="utf-8")
    (root / "broken.json").write_text('{"title": "no text field"}', encoding="utf-8")
    (root / "notes.md").write_text("not an article type: ignored", encoding="utf-8")


def test_bad_input_gets_error_rows_and_the_rest_finishes(articles, tmp_path):
    src = tmp_path / "bad"
    _write_bad_corpus(src, articles)
    summary = run_corpus(src, tmp_path / "out", progress=False, partition_size=4)
    errors = read_table(tmp_path / "out", "errors").set_index("article_id")
    kinds = errors["kind"].to_dict()
    assert kinds == {
        "good0_copy.txt": "duplicate", "empty.txt": "empty", "blank.txt": "empty",
        "photo.txt": "binary", "latin1.txt": "encoding", "huge.txt": "too_long", "broken.json": "invalid",
    }
    assert "good0.txt" in errors.loc["good0_copy.txt", "error"]
    assert "UTF-8" in errors.loc["latin1.txt", "error"]
    processed = read_table(tmp_path / "out", "articles")
    assert sorted(processed["article_id"]) == ["good0.txt", "good1.txt", "good2.txt"]
    assert summary.n_records == 10 and summary.n_processed == 3 and summary.n_errors == 7
    assert summary.errors_by_kind["empty"] == 2
    assert _corpus_quotes(tmp_path / "out", "good1.txt") == _single_article_quotes(src / "good1.txt")


def test_resume_skips_partitions_already_written(folder, tmp_path):
    out = tmp_path / "out"
    first = run_corpus(folder, out, progress=False, partition_size=2)
    assert first.n_partitions == 4 and first.n_partitions_skipped == 0
    expected = _comparable(out)
    manifest = json.loads((out / "manifest.json").read_text())
    del manifest["partitions"]["1"]  # as if the run had stopped before partition 1 was recorded
    (out / "manifest.json").write_text(json.dumps(manifest))
    (out / "quotes" / "part-00001.parquet").unlink()
    kept = out / "quotes" / "part-00002.parquet"
    stamp = kept.stat().st_mtime_ns
    again = run_corpus(folder, out, progress=False, partition_size=2)
    assert again.n_partitions_skipped == 3 and again.n_articles_skipped == len(list(folder.iterdir())) - 2
    assert kept.stat().st_mtime_ns == stamp  # not rewritten
    result = _comparable(out)
    for name in expected:
        pd.testing.assert_frame_equal(result[name], expected[name], obj=name)
    third = run_corpus(folder, out, progress=False, partition_size=2)
    assert third.n_partitions_skipped == 4


def test_out_of_another_corpus_is_refused_unless_resume_or_overwrite(folder, articles, tmp_path):
    out = tmp_path / "out"
    run_corpus(folder, out, progress=False)
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text(articles[2]["text"], encoding="utf-8")
    with pytest.raises(QuoteLensError, match="another corpus"):
        run_corpus(other, out, progress=False)
    assert len(read_table(out, "articles")) == len(articles)  # untouched
    resumed = run_corpus(other, out, progress=False, resume=True)
    assert read_table(out, "articles")["article_id"].tolist() == ["one.txt"]
    assert resumed.n_processed == 1
    run_corpus(folder, out, progress=False, overwrite=True)
    assert len(read_table(out, "articles")) == len(articles)


def test_a_folder_that_is_not_a_dataset_is_never_touched(folder, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    for flags in ({}, {"overwrite": True}, {"resume": True}):
        with pytest.raises(QuoteLensError, match="not empty"):
            run_corpus(folder, out, progress=False, **flags)
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_jsonl_and_parquet_inputs_give_the_folder_results(articles, local_run, tmp_path):
    _, folder_out = local_run
    folder_quotes = read_table(folder_out, "quotes").drop(columns=["article_id"])
    lines = [json.dumps({"id": f"doc{i}", "text": r["text"]}) for i, r in enumerate(articles)]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"id": "no-text"}))
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("\n".join(lines) + "\n\n", encoding="utf-8")  # a blank last line is no article
    summary = run_corpus(jsonl, tmp_path / "j", progress=False)
    assert summary.n_processed == len(articles) and summary.errors_by_kind == {"invalid": 2}
    errors = read_table(tmp_path / "j", "errors")
    assert errors["source"].tolist() == ["corpus.jsonl:3", "corpus.jsonl:5"]
    j_quotes = read_table(tmp_path / "j", "quotes")
    pd.testing.assert_frame_equal(j_quotes.drop(columns=["article_id"]), folder_quotes)

    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"id": [f"doc{i}" for i in range(len(articles))],
                             "text": [r["text"] for r in articles]}), parquet, row_group_size=3)
    run_corpus(parquet, tmp_path / "p", progress=False)
    pd.testing.assert_frame_equal(read_table(tmp_path / "p", "quotes"), j_quotes)


def test_cli_corpus_prints_a_summary_and_fails_in_one_line(folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "--out", str(out), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "articles" in printed and "quotes" in printed and str(out) in printed
    assert (out / "speakers.parquet").is_file() and (out / "manifest.json").is_file()
    assert main(["corpus", str(folder), "--out", str(out), "--scheduler", "threads", "--no-progress"]) == 2
    assert main(["corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "o2"), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "scheduler" in err[0] and "not found" in err[1]
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "belarus.txt").write_text(sorted(folder.iterdir())[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["corpus", str(seed), "--out", str(tmp_path / "o3"), "--stance", "--no-progress"]) == 0
    assert "stance" in capsys.readouterr().out and any((tmp_path / "o3" / "stance").glob("part-*.parquet"))
    assert main(["corpus", str(seed), "--out", str(tmp_path / "o4"), "--stance", "--targets",
                 str(tmp_path / "none.csv"), "--no-progress"]) == 2
    assert "--targets" in capsys.readouterr().err


def test_speaker_types_cover_the_speakers_table_contract():
    for col in ("speaker", "type", "aliases", "role", "n_quotes", "n_direct", "n_partial", "n_indirect", "first_start"):
        assert col in SPEAKER_TYPES


_NAMES = st.sampled_from([
    "Donald Trump", "Donald J. Trump", "Trump", "Mr. Trump", "Eric Trump", "Hillary Clinton", "Clinton",
    "Bill Clinton", "Mrs. Clinton", "de Mr. Obama", "Barack Obama", "Obama", "Republicans", "the White House",
    "Émile Zola", "Emile Zola", "Zola", "Ted Cruz", "Sen. Ted Cruz", "Cruz",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcde"), _NAMES, st.sampled_from(["person", "organization", None]),
                          st.integers(1, 9)), min_size=1, max_size=25))
def test_merge_speakers_never_loses_a_quote_or_a_name(rows):
    frame = pd.DataFrame({
        "article_id": [r[0] for r in rows], "speaker": [r[1] for r in rows], "type": [r[2] for r in rows],
        "aliases": [[] for _ in rows], "role": [None] * len(rows), "n_quotes": [r[3] for r in rows],
        "n_direct": [r[3] for r in rows], "n_partial": [0] * len(rows), "n_indirect": [0] * len(rows),
    })
    merged = merge_speakers(frame)
    assert merged["n_quotes"].sum() == frame["n_quotes"].sum()
    assert merged["speaker"].is_unique
    spelled = set(merged["speaker"]) | {a for lst in merged["aliases"] for a in lst}
    assert set(frame["speaker"]) <= spelled
    for row in merged.itertuples():
        assert row.n_articles == len(row.articles) <= frame["article_id"].nunique()
    # a name is never merged into two different people
    owners = {}
    for row in merged.itertuples():
        for name in [row.speaker, *row.aliases]:
            assert owners.setdefault(name, row.speaker) == row.speaker


def test_a_partition_restores_the_process_gc_thresholds(articles, monkeypatch):
    import gc

    import helpers.corpus as corpus

    before = gc.get_threshold()
    seen = []
    real = corpus._process_partition

    def spy(items, config):
        seen.append(gc.get_threshold()[0])
        return real(items, config)

    monkeypatch.setattr(corpus, "_process_partition", spy)
    raw = articles[0]["text"].encode()
    out = corpus.process_partition([("a0", "<test>", raw, "0" * 64, None)], {"stages": corpus.CORPUS_STAGES})
    assert seen == [max(corpus.GC_GEN0_THRESHOLD, before[0])] and gc.get_threshold() == before
    assert out["articles"].num_rows == 1 and out["quotes"].num_rows > 0


def _worker_settings() -> tuple:
    import sys

    import dask

    return (tuple(dask.config.get(k) for k in LOCAL_CLUSTER_CONFIG),
            dask.config.get("distributed.worker.multiprocessing-method"), "helpers.quotes" in sys.modules)


def test_the_local_cluster_workers_run_without_profiler_and_fast_ticks():
    """The quiet settings reach the worker processes, where the per-task CPU is spent; on Linux
    the workers are forked with the stages already imported."""
    import sys

    from helpers.corpus import _DistributedRunner

    runner = _DistributedRunner("processes", 1)
    try:
        (settings,) = runner._client.run(_worker_settings).values()
    finally:
        runner.close()
    assert settings[0] == tuple(LOCAL_CLUSTER_CONFIG.values())
    if sys.platform.startswith("linux"):
        assert settings[1:] == ("fork", True)


def test_stance_in_a_corpus_equals_each_articles_stance(folder, local_run, tmp_path):
    """``stance=True`` adds a stance table whose rows per article are ``analyze(path).stance``
    (evidence as JSON text), on a real 2-worker cluster; the other tables do not change."""
    targets = Path(__file__).resolve().parent.parent / "data" / "targets.csv"
    out = tmp_path / "out"
    summary = run_corpus(folder, out, scheduler="processes", workers=2, progress=False, partition_size=3,
                         stance=True, targets=targets)
    assert summary.stages == (*CORPUS_STAGES, "stance") and "stance/" in str(summary)
    corpus = read_table(out, "stance")
    assert len(corpus) > 10 and set(corpus["article_id"]) <= {p.name for p in folder.iterdir()}
    for path in sorted(folder.iterdir()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            single = analyze(path, targets=targets, stages=(*CORPUS_STAGES, "stance")).stance
        got = corpus[corpus["article_id"] == path.name].drop(columns=["article_id"]).reset_index(drop=True)
        assert got.drop(columns=["evidence"]).astype(object).values.tolist() == \
            single.drop(columns=["evidence"]).astype(object).values.tolist(), path.name
        assert [json.loads(e) for e in got["evidence"]] == \
            [json.loads(json.dumps(list(e), ensure_ascii=False, default=str)) for e in single["evidence"]], path.name
    without, with_stance = _comparable(local_run[1]), _comparable(out)
    for name in ("quotes", "article_speakers", "speakers"):
        pd.testing.assert_frame_equal(with_stance[name], without[name], obj=name)
