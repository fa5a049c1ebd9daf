"""Safe file writing: sanitised names from hostile text, and never a silent overwrite."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import helpers
from helpers.errors import ExportError
from helpers.export import (
    export_charts, export_figure, export_table, filter_slug, free_stem, safe_filename, unique_path,
    write_sidecar,
)

HOSTILE = [
    "../../etc/passwd", "..", ".", "", "   ", "/", "\\\\server\\share", "C:\\Windows\\system32",
    "CON", "nul", "com1", "a\x00b", "line\nbreak", "<script>alert(1)</script>", "$(rm -rf ~)",
    "Émile Zola", "Лукашенко", "李克强", "x" * 500, ".hidden", "name.", "--option", "a/../../b",
    "\u202eexe.txt", "😀", "quote\"'`", "~/notes",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_filename_on_hostile_names(name, tmp_path):
    safe = safe_filename(name)
    assert safe and len(safe) <= 80
    assert "/" not in safe and "\\" not in safe and "\x00" not in safe and "\n" not in safe
    assert not safe.startswith((".", "-")) and safe not in {".", ".."}
    assert safe.lower() not in {"con", "nul", "com1"}
    assert all(c.isascii() and (c.isalnum() or c in "._-") for c in safe)
    # it stays inside the folder it is joined to
    assert (tmp_path / safe).resolve().parent == tmp_path.resolve()


def test_safe_filename_keeps_readable_names():
    assert safe_filename("Alexander Lukashenko") == "Alexander-Lukashenko"
    assert safe_filename("Émile Zola") == "Emile-Zola"
    assert safe_filename("Лукашенко") == "unnamed"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_safe_filename_is_always_a_plain_component(name):
    safe = safe_filename(name)
    assert safe and len(safe) <= 80 and os.sep not in safe and not safe.startswith(".")
    assert safe == safe_filename(safe)  # idempotent


def test_unique_path_never_returns_an_existing_file(tmp_path):
    p = tmp_path / "chart.png"
    assert unique_path(p) == p
    p.write_bytes(b"1")
    assert unique_path(p) == tmp_path / "chart-2.png"
    (tmp_path / "chart-2.png").write_bytes(b"2")
    assert unique_path(p) == tmp_path / "chart-3.png"


def _figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig


def _assert_valid(path):
    data = path.read_bytes()
    if path.suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif path.suffix == ".svg":
        assert ET.fromstring(data).tag.endswith("svg")
    elif path.suffix == ".pdf":
        from pypdf import PdfReader

        assert len(PdfReader(path).pages) == 1
    elif path.suffix == ".csv":
        pd.read_csv(path)
    elif path.suffix == ".json":
        json.loads(data)


def test_export_figure_writes_valid_png_svg_pdf_at_300_dpi_and_never_overwrites(tmp_path):
    first = export_figure(_figure(), "../Lukashenko / quote counts", tmp_path)
    assert [p.name for p in first] == [f"Lukashenko-quote-counts.{e}" for e in ("png", "svg", "pdf")]
    for p in first:
        assert p.parent == tmp_path
        _assert_valid(p)
    import matplotlib.image

    height_px = matplotlib.image.imread(first[0]).shape[0]
    assert height_px > 2 * 300 * 0.8  # 2 in tall at 300 dpi (bbox tight trims a little)
    before = {p: p.read_bytes() for p in first}
    second = export_figure(_figure(), "../Lukashenko / quote counts", tmp_path)
    assert [p.name for p in second] == [f"Lukashenko-quote-counts-2.{e}" for e in ("png", "svg", "pdf")]
    assert {p: p.read_bytes() for p in first} == before  # the first export is untouched


def test_files_exported_together_share_one_suffix(tmp_path):
    (tmp_path / "chart.svg").write_text("<svg/>")  # only one format taken
    assert free_stem(tmp_path, ["chart"], ["png", "svg"]) == "-2"
    paths = export_figure(_figure(), "chart", tmp_path)
    assert [p.name for p in paths] == ["chart-2.png", "chart-2.svg", "chart-2.pdf"]
    assert (tmp_path / "chart.svg").read_text() == "<svg/>"


def test_export_table_escapes_formulas_and_serialises_lists(tmp_path):
    df = pd.DataFrame({"speaker": ["=HYPERLINK(\"http://x\")", "Lukashenko"], "compound": [-0.5, 0.2],
                       "drivers": [[("threat", -2.4)], []]})
    path = export_table(df, "quotes", tmp_path)
    back = pd.read_csv(path)
    assert back.loc[0, "speaker"].startswith("'=")
    assert back.loc[1, "speaker"] == "Lukashenko"
    assert back["compound"].tolist() == [-0.5, 0.2]  # numbers untouched
    assert json.loads(back.loc[0, "drivers"]) == [["threat", -2.4]]
    assert export_table(df, "quotes", tmp_path).name == "quotes-2.csv"


def test_sidecar_records_filters_sha_and_version(tmp_path):
    path = write_sidecar("run", tmp_path, filters={"speakers": ["A"]}, article_sha256="ab" * 32,
                         files=[tmp_path / "x.png"], article_title="T")
    record = json.loads(path.read_text())
    assert record["filters"] == {"speakers": ["A"]} and record["article_sha256"] == "ab" * 32
    assert record["quotelens_version"] == helpers.__version__ and record["files"] == ["x.png"]
    assert write_sidecar("run", tmp_path, filters={}, article_sha256=None).name == "run-2.json"


def test_filter_slug_says_what_was_filtered():
    everyone = ["Alexander Lukashenko", "Artyom Shraibman", "Vladimir Putin", "X", "Y"]
    full = {"speakers": everyone, "kinds": ["direct", "partial", "indirect"], "target": None,
            "min_confidence": 0.0}
    assert filter_slug(full, everyone) == "all"
    assert filter_slug({**full, "speakers": everyone[:2], "target": "Ukraine"}, everyone) == \
        "Lukashenko-Shraibman_about-Ukraine"
    assert filter_slug({**full, "speakers": everyone[:4]}, everyone) == "4-speakers"
    assert filter_slug({**full, "speakers": [], "kinds": []}, everyone) == "no-speakers_no-kinds"
    assert filter_slug({**full, "speakers": ["../../evil"]}, everyone) == "evil"


def test_export_charts_names_say_article_chart_and_filter(tmp_path):
    figs = {"quote_counts": _figure(), "stance": _figure()}
    table = pd.DataFrame({"speaker": ["A"], "text": ["hi"]})
    filters = {"speakers": ["A"], "kinds": ["direct"], "target": None, "min_confidence": 0.5}
    paths = export_charts(figs, table, tmp_path, article_title="Belarus drills: what's next?",
                          article_sha256="f" * 64, filters=filters, all_speakers=["A", "B"])
    names = [p.name for p in paths]
    assert "Belarus-drills-what-s-next__quote_counts__A_direct_conf0.50.png" in names
    assert "Belarus-drills-what-s-next__stance__A_direct_conf0.50.pdf" in names
    assert "Belarus-drills-what-s-next__quotes__A_direct_conf0.50.csv" in names
    assert names[-1] == "Belarus-drills-what-s-next__export__A_direct_conf0.50.json"
    assert len(paths) == 2 * 3 + 2
    for p in paths:
        _assert_valid(p)
    sidecar = json.loads(paths[-1].read_text())
    assert sidecar["files"] == names[:-1] and sidecar["png_dpi"] == 300
    again = export_charts(figs, table, tmp_path, article_title="Belarus drills: what's next?",
                          article_sha256="f" * 64, filters=filters, all_speakers=["A", "B"])
    assert all(p.stem.endswith("-2") for p in again)
    assert not set(paths) & set(again)


def test_export_into_a_file_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "figures"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="figures"):
        export_figure(_figure(), "x", blocker)
