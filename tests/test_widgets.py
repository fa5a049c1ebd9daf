"""The dashboard: filters shrink charts and table together, bad names are clear errors, exports are safe."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from pypdf import PdfReader

import helpers
from helpers.charts import UNATTRIBUTED
from helpers.errors import QuoteLensError, UnknownSpeakerError
from helpers.style import speaker_colors
from helpers.widgets import Dashboard, quote_table_html
from conftest import SEED_TITLE as TITLE

SHA = "9f" * 32


@pytest.fixture(scope="module")
def quotes(hand_quotes) -> pd.DataFrame:
    return hand_quotes


@pytest.fixture(scope="module")
def stance() -> pd.DataFrame:
    return pd.DataFrame([
        ("Alexander Lukashenko", "Russia", "favor", 0.62, 2, [{"quote_id": 5}, {"quote_id": 8}]),
        ("Alexander Lukashenko", "Ukraine", "against", -0.41, 2, [{"quote_id": 5}, {"quote_id": 7}]),
        ("Sviatlana Tsikhanouskaya", "Ukraine", "favor", 0.25, 1, [{"quote_id": 12}]),
    ], columns=["speaker", "target", "label", "score", "n_quotes", "evidence"])


@pytest.fixture
def dash(quotes, stance, tmp_path) -> Dashboard:
    return Dashboard(quotes, stance, article_title=TITLE, article_sha256=SHA, out_dir=tmp_path / "figures")


def _rows(d: Dashboard) -> int:
    return d.table.value.count("<tr>") - 1  # minus the header row


def test_starts_with_everything_selected_and_drawn(dash, quotes):
    assert dash.all_speakers[0] == "Alexander Lukashenko" and UNATTRIBUTED in dash.all_speakers
    assert list(dash.speaker_select.value) == dash.all_speakers
    assert _rows(dash) == len(quotes) == len(dash.filtered)
    assert f"Showing {len(quotes)} of {len(quotes)}" in dash.summary.value
    for image in dash.images.values():
        assert image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash.target_dropdown.options[0] == ("(all targets)", "")
    assert [v for _, v in dash.target_dropdown.options[1:]] == ["Ukraine", "Russia"]


def test_each_filter_shrinks_the_table_and_redraws_the_charts(dash):
    before = {n: i.value for n, i in dash.images.items()}
    dash.select_speakers(["Alexander Lukashenko", "Artyom Shraibman"])
    assert _rows(dash) == 9 and set(dash.filtered["speaker"]) == {"Alexander Lukashenko", "Artyom Shraibman"}
    assert "Shraibman" in dash.table.value and "Tsikhanouskaya" not in dash.table.value
    assert all(dash.images[n].value != before[n] for n in ("quote_counts", "sentiment", "quote_map", "stance"))
    dash.set_kinds(["direct"])
    assert _rows(dash) == 6 and set(dash.filtered["kind"]) == {"direct"}
    dash.set_kinds(["reported"])  # reported = indirect
    assert set(dash.filtered["kind"]) == {"indirect", "reported"} and _rows(dash) == 2
    dash.set_kinds(["direct", "partial", "indirect"])
    dash.set_min_confidence(0.8)
    assert (dash.filtered["confidence"] >= 0.8).all() and _rows(dash) == 3
    dash.set_min_confidence(0)
    dash.set_target("Ukraine")
    assert sorted(dash.filtered["quote_id"]) == [5, 7]  # Lukashenko's quotes about Ukraine
    assert set(dash.filtered_stance["target"]) == {"Ukraine"}
    dash.select_none()
    assert _rows(dash) == 0 and "Showing 0 of 13" in dash.summary.value
    dash.select_all()
    assert _rows(dash) == 3  # still about Ukraine: Tsikhanouskaya's quote joins


def test_widget_events_drive_the_same_refresh(dash):
    """What a click does in the browser: set the widget's value, the table follows."""
    dash.speaker_select.value = ("Sviatlana Tsikhanouskaya",)
    assert _rows(dash) == 1
    dash.kind_toggles["direct"].value = False
    assert _rows(dash) == 0
    dash.all_button.click()
    assert _rows(dash) == 5  # partial + indirect quotes of everyone (incl. the unattributed one)
    dash.none_button.click()
    assert dash.speaker_select.value == ()


def test_one_refresh_per_programmatic_change(dash, monkeypatch):
    calls = []
    monkeypatch.setattr(dash, "refresh", lambda: calls.append(1))
    dash.set_kinds(["direct"])  # three toggles change, one redraw
    assert calls == [1]


def test_unknown_speakers_raise_a_clear_error_listing_the_valid_ones(dash):
    with pytest.raises(UnknownSpeakerError) as err:
        dash.select_speakers(["Alexander Lukashenko", "Lukashenka", "Putin"])
    message = str(err.value)
    assert "'Lukashenka'" in message and "'Putin'" in message
    assert "Valid speakers" in message and "'Vladimir Putin'" in message and "'Artyom Shraibman'" in message
    assert isinstance(err.value, QuoteLensError) and isinstance(err.value, KeyError)
    assert len(dash.speaker_select.value) == len(dash.all_speakers)  # nothing changed
    with pytest.raises(QuoteLensError, match="Valid targets"):
        dash.set_target("Mars")
    with pytest.raises(QuoteLensError, match="direct, partial"):
        dash.set_kinds(["quoted"])
    with pytest.raises(QuoteLensError, match="between 0 and 1"):
        dash.set_min_confidence(2)


def test_colours_do_not_change_when_filtering(dash, quotes):
    assert dash.colors == speaker_colors(quotes)
    dash.select_speakers(["Sviatlana Tsikhanouskaya"])
    ax = dash.figures["quote_counts"].axes[0]
    (sw,) = [c for c in ax.collections if c.get_gid() == "speaker-swatch"]
    from matplotlib.colors import to_hex

    assert to_hex(sw.get_facecolors()[0]) == speaker_colors(quotes)["Sviatlana Tsikhanouskaya"].lower()


def test_table_html_is_escaped(quotes):
    q = quotes.copy()
    q.loc[0, "text"] = '<img src=x onerror="alert(1)">'
    q.loc[1, "speaker"] = "<b>Boss</b>"
    out = quote_table_html(q)
    assert "<img" not in out and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in out
    assert "<b>Boss" not in out and "&lt;b&gt;Boss&lt;/b&gt;" in out
    d = Dashboard(q, article_title="<i>t</i>")
    assert "<img" not in d.table.value and "<b>Boss" not in d.table.value


def test_export_writes_valid_files_with_a_sidecar_and_never_overwrites(dash, tmp_path):
    dash.select_speakers(["Alexander Lukashenko", "Artyom Shraibman"])
    dash.set_kinds(["direct", "partial"])
    paths = dash.export()
    out = tmp_path / "figures"
    assert all(p.parent == out for p in paths)
    by_ext = {}
    for p in paths:
        by_ext.setdefault(p.suffix, []).append(p)
    assert {k: len(v) for k, v in by_ext.items()} == {".png": 4, ".svg": 4, ".pdf": 4, ".csv": 1, ".json": 1}
    for p in by_ext[".png"]:
        assert p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"pHYs" in p.read_bytes()[:200]  # resolution recorded: 300 dpi = 11811 px/m
        assert int.from_bytes(p.read_bytes()[p.read_bytes().index(b"pHYs") + 4:][:4], "big") == 11811
    for p in by_ext[".svg"]:
        assert ET.parse(p).getroot().tag.endswith("svg")
    for p in by_ext[".pdf"]:
        assert len(PdfReader(p).pages) == 1
    table = pd.read_csv(by_ext[".csv"][0])
    assert len(table) == len(dash.filtered) == 7
    assert set(table["speaker"]) == {"Alexander Lukashenko", "Artyom Shraibman"}
    name = by_ext[".png"][0].name
    assert name.startswith("Belarusian-Military-Training-Will-Begin") and "Lukashenko-Shraibman_direct-partial" in name
    assert any("__quote_counts__" in p.name for p in paths) and any("__stance__" in p.name for p in paths)
    sidecar = json.loads(by_ext[".json"][0].read_text())
    assert sidecar["article_sha256"] == SHA and sidecar["quotelens_version"] == helpers.__version__
    assert sidecar["filters"] == {"speakers": ["Alexander Lukashenko", "Artyom Shraibman"],
                                  "kinds": ["direct", "partial"], "target": None, "min_confidence": 0.0}
    assert sorted(sidecar["files"]) == sorted(p.name for p in paths[:-1])
    for p in paths:
        assert str(p) in dash.status.value or p.name in dash.status.value
    contents = {p: p.read_bytes() for p in paths}
    dash.export_button.click()  # the button calls the same export
    again = dash.last_export
    assert len(again) == len(paths) and not set(again) & set(paths)
    assert all(p.stem.endswith("-2") for p in again)
    assert {p: p.read_bytes() for p in paths} == contents


def test_bad_input_is_a_clear_error():
    with pytest.raises(QuoteLensError, match="DataFrame"):
        Dashboard([1, 2, 3])
    with pytest.raises(QuoteLensError, match="speaker"):
        Dashboard(pd.DataFrame({"text": ["x"]}))


def test_empty_quote_table_still_gives_a_dashboard(quotes, tmp_path):
    d = Dashboard(quotes.iloc[:0], out_dir=tmp_path)
    assert _rows(d) == 0 and d.all_speakers == []
    assert all(i.value[:4] == b"\x89PNG" for i in d.images.values())
    assert len(d.export()) == 4 * 3 + 2


def test_preselected_speakers(quotes, stance, tmp_path):
    d = Dashboard(quotes, stance, speakers=["Vladimir Putin"], out_dir=tmp_path)
    assert _rows(d) == 1
    with pytest.raises(UnknownSpeakerError):
        Dashboard(quotes, speakers=["Nobody"], out_dir=tmp_path)


@pytest.fixture(scope="module")
def pipeline_quotes(seed_text) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seed article through the real stages: scored quotes and their per-mention stances."""
    from helpers.quotes import extract_quotes
    from helpers.sentiment import score_quotes
    from helpers.stance import quote_stances

    scored = score_quotes(extract_quotes(seed_text))
    return scored, quote_stances(scored)


def test_heatmap_follows_kind_and_confidence_filters(pipeline_quotes, tmp_path):
    from helpers.stance import aggregate_stances

    scored, mentions = pipeline_quotes
    d = Dashboard(scored, quote_stances=mentions, out_dir=tmp_path)
    full = d.filtered_stance
    assert full.equals(aggregate_stances(mentions)) and len(full)
    heat = d.images["stance"].value

    d.set_kinds(["indirect"])  # reported speech only: the heatmap loses every direct quote's stance
    reported = set(scored.loc[scored["kind"] == "indirect", "quote_id"])
    expected = aggregate_stances(mentions[mentions["quote_id"].isin(reported)])
    assert d.filtered_stance.equals(expected)
    assert int(d.filtered_stance["n_quotes"].sum()) < int(full["n_quotes"].sum())
    assert d.images["stance"].value != heat

    d.set_kinds(["direct", "partial", "indirect"])
    d.set_min_confidence(0.95)
    confident = set(scored.loc[scored["confidence"] >= 0.95, "quote_id"])
    evidence_ids = {e["quote_id"] for ev in d.filtered_stance["evidence"] for e in ev}
    assert evidence_ids and evidence_ids <= confident


def test_quote_stances_without_probabilities_is_a_clear_error(pipeline_quotes, tmp_path):
    scored, mentions = pipeline_quotes
    with pytest.raises(QuoteLensError, match="p_favor"):
        Dashboard(scored, quote_stances=mentions.drop(columns=["p_favor"]), out_dir=tmp_path)
