"""helpers.article: reading the seed article, synthetic edge cases, bad input, exact offsets."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers.article import (
    ABBREVIATIONS,
    Article,
    NotEnglishWarning,
    boilerplate_reason,
    english_ratio,
    looks_like_path,
    normalize_text,
    paragraph_spans,
    parse_byline,
    read_article,
    sentence_length_chart,
    sentence_spans,
)
from helpers.errors import InputError, QuoteLensError

SEED_TITLE = "Belarusian Military Training Will Begin as Russia Ramps up Tensions with Ukraine"
SEED_STANDFIRST = ("Satellite footage reveals that a significant amount of Russian hardware has been "
                   "relocated to places near the Ukraine border.")


def assert_offsets_exact(article: Article) -> None:
    """Every paragraph and sentence is exactly ``text[start:end]``, in order, nested, trimmed."""
    text = article.text
    paras = article.paragraphs
    assert list(paras.columns) == ["paragraph", "start", "end", "text", "role"]
    assert list(article.sentences.columns) == ["sentence", "paragraph", "start", "end", "text"]
    assert list(article.removed.columns) == ["text", "reason"]
    assert list(paras["paragraph"]) == list(range(len(paras)))
    assert list(article.sentences["sentence"]) == list(range(len(article.sentences)))
    previous_end = 0
    for row in paras.itertuples(index=False):
        assert text[row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text
        assert row.start >= previous_end
        previous_end = row.end
    assert set(paras["role"]) <= {"title", "byline", "standfirst", "body"}
    # The paragraph table is what paragraph_spans gives on the text (the quote extractor relies on it).
    assert paragraph_spans(text) == list(zip(paras["start"], paras["end"]))
    previous_end = 0
    bounds = paras.set_index("paragraph")
    for row in article.sentences.itertuples(index=False):
        assert text[row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text
        assert row.start >= previous_end
        previous_end = row.end
        assert bounds.at[row.paragraph, "start"] <= row.start < row.end <= bounds.at[row.paragraph, "end"]
    for col in ("start", "end"):
        assert paras[col].dtype == "int64" and article.sentences[col].dtype == "int64"


# ----------------------------------------------------------------------------------------------
# The seed article
# ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Article:
    with warnings.catch_warnings():
        warnings.simplefilter("error", NotEnglishWarning)  # English must not warn
        return read_article(seed_path)


def test_seed_headline_block(seed: Article):
    assert seed.title == SEED_TITLE
    assert seed.author == "Ahmed Fathi"
    assert seed.standfirst == SEED_STANDFIRST
    assert list(seed.paragraphs["role"][:5]) == ["title", "byline", "title", "standfirst", "body"]
    assert seed.paragraphs["text"][1] == "By: Ahmed Fathi"
    # The lower-case repeat of the headline is recognised as the headline, not as body text.
    assert seed.paragraphs["text"][2].lower() == SEED_TITLE.lower()
    assert seed.paragraphs["text"][4].startswith("On Thursday, Russia and Belarus will begin")


def test_seed_boilerplate_removed_with_reasons(seed: Article):
    assert seed.removed.to_dict(orient="records") == [
        {"text": "top of page", "reason": "page navigation"},
        {"text": "bottom of page", "reason": "page navigation"},
    ]
    assert "top of page" not in seed.text and "bottom of page" not in seed.text
    assert seed.text.startswith(SEED_TITLE + "\n\nBy: Ahmed Fathi\n\n")
    assert seed.text.endswith("with several Ukrainian members of parliament.")


def test_seed_counts_and_offsets(seed: Article, seed_path: Path):
    assert len(seed.paragraphs) == 25  # 54 lines: 27 paragraphs, 2 of them boilerplate
    assert (seed.paragraphs["role"] == "body").sum() == 21
    assert len(seed.body) == 21
    assert_offsets_exact(seed)
    raw = seed_path.read_bytes()
    assert seed.meta["sha256"] == hashlib.sha256(raw).hexdigest() == seed.sha256
    assert seed.meta["n_paragraphs"] == 25
    assert seed.meta["n_sentences"] == len(seed.sentences)
    assert 900 < seed.meta["n_words"] < 960  # wc -w on the raw file gives 938 with the boilerplate
    assert seed.meta["source"] == str(seed_path)
    assert {"title", "author", "n_words", "n_sentences", "n_paragraphs", "source", "sha256"} <= set(seed.meta)


def test_seed_nbsp_becomes_a_space_and_curly_quotes_stay(seed: Article, seed_text: str):
    assert "\u00a0" in seed_text
    assert "\u00a0" not in seed.text
    assert "even even the air defense system" in seed.text


def test_seed_sentences_split_quotes_but_keep_attribution(seed: Article):
    sents = list(seed.sentences["text"])
    # A quotation of two sentences is still two sentences ...
    assert '"The Belarusian army will respond identically to the Russian army; it will be a coordinated response."' in sents
    # ... and the attribution after a closing quotation mark stays with its sentence.
    assert any(s.startswith('Are you under the impression') and s.endswith("alluding to joint training activities.")
               for s in sents)
    assert not any(s[0].islower() for s in sents)
    para_of = dict(zip(seed.sentences["sentence"], seed.sentences["paragraph"]))
    assert para_of[0] == 0 and seed.sentences["text"][0] == SEED_TITLE


def test_reading_a_path_a_str_path_and_the_text_agree(seed: Article, seed_path: Path, seed_text: str):
    from_str_path = read_article(str(seed_path))
    from_text = read_article(seed_text)
    from_bytes = read_article(seed_path.read_bytes())
    for other in (from_str_path, from_text, from_bytes):
        assert other.text == seed.text
        assert other.paragraphs.equals(seed.paragraphs)
        assert other.sentences.equals(seed.sentences)
        assert other.sha256 == seed.sha256  # the seed is UTF-8 without a BOM: same bytes
    assert from_text.source == "<string>"
    assert read_article(seed) is seed


def test_article_is_frozen(seed: Article):
    with pytest.raises(dataclasses.FrozenInstanceError):
        seed.title = "changed"  # type: ignore[misc]
    assert "Ahmed Fathi" in repr(seed) and len(repr(seed)) < 300


# ----------------------------------------------------------------------------------------------
# Synthetic edge cases
# ----------------------------------------------------------------------------------------------

BODY = ("The minister said the talks would resume on Monday. \u201cWe are ready,\u201d she told reporters "
        "in the capital, adding that both sides had made progress.")


def test_crlf_bom_and_nbsp_are_normalised(tmp_path: Path):
    raw = ("\ufeffStorm Hits The Coast\r\n\r\nBy Jane Doe\r\n\r\n" + BODY.replace(" ", "\u00a0", 3) + "\r\n").encode()
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    article = read_article(path)
    assert "\r" not in article.text and "\ufeff" not in article.text and "\u00a0" not in article.text
    assert article.text == "Storm Hits The Coast\n\nBy Jane Doe\n\n" + BODY
    assert (article.title, article.author) == ("Storm Hits The Coast", "Jane Doe")
    assert article.meta["encoding"] == "utf-8-sig"
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert "\u201cWe are ready,\u201d" in article.text  # curly quotes kept
    assert_offsets_exact(article)


def test_old_mac_line_ends_and_blank_line_runs():
    article = read_article("Title Of It\r\rFirst paragraph here.\r\r\r\r\rSecond paragraph here.")
    assert article.text == "Title Of It\n\nFirst paragraph here.\n\nSecond paragraph here."
    assert list(article.paragraphs["role"]) == ["title", "body", "body"]


def test_one_line_text():
    article = read_article("Troops arrived at the border on Monday, officials said.")
    assert article.title is None and article.author is None and article.standfirst is None
    assert list(article.paragraphs["role"]) == ["body"]
    assert len(article.sentences) == 1
    assert_offsets_exact(article)


def test_a_lone_block_of_lines_is_written_one_paragraph_per_line():
    article = read_article("Advertisement\n\nFirst line.\nSecond line.\n")
    assert article.text == "First line.\n\nSecond line."
    assert len(article.paragraphs) == 2


def test_text_without_blank_lines_is_one_paragraph_per_line():
    article = read_article("Markets Fall Again\nShares fell on Monday.\nBonds rose.")
    assert list(article.paragraphs["text"]) == ["Markets Fall Again", "Shares fell on Monday.", "Bonds rose."]
    assert article.title == "Markets Fall Again"


HTML = """<!DOCTYPE html>
<html><head><title>Storm hits coast | The Daily</title>
<meta name="author" content="Jane Doe">
<style>p { color: red; }</style>
<script>var tracking = "Lukashenko said";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav><p>The Daily</p></header>
<article>
  <h1>Storm Hits the Coast</h1>
  <p class="byline">By <a href="/jane">Jane Doe</a> and John Roe</p>
  <p class="standfirst">Thousands were evacuated as the storm arrived.</p>
  <p>The minister said the talks would resume on&nbsp;Monday.
     &ldquo;We are ready,&rdquo; she said.</p>
  <div>Advertisement</div>
  <p>Officials said <b>more than</b> 2,000 people had left.<br>Roads were closed.</p>
  <script>document.write("not article text")</script>
  <!-- a comment that is not text -->
</article>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2024 The Daily</p></footer>
</body></html>
"""


def test_html_tags_scripts_and_page_chrome_are_dropped(tmp_path: Path):
    path = tmp_path / "storm.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    for gone in ("tracking", "color: red", "not article text", "Home", "The Daily", "comment", "newsletter", "<p"):
        assert gone not in article.text
    assert article.title == "Storm Hits the Coast"
    assert article.author == "Jane Doe and John Roe"
    assert article.standfirst == "Thousands were evacuated as the storm arrived."
    assert list(article.paragraphs["role"]) == ["title", "byline", "standfirst", "body", "body"]
    assert article.paragraphs["text"][3] == ("The minister said the talks would resume on Monday. "
                                             "\u201cWe are ready,\u201d she said.")
    assert article.paragraphs["text"][4] == "Officials said more than 2,000 people had left.\nRoads were closed."
    assert article.removed.to_dict(orient="records") == [
        {"text": "Home World The Daily", "reason": "page header (HTML <header>)"},
        {"text": "Subscribe to our newsletter \u00a9 2024 The Daily", "reason": "page footer (HTML <footer>)"},
        {"text": "Advertisement", "reason": "advertisement"},
    ]
    assert article.meta["format"] == "html"
    assert_offsets_exact(article)


def test_html_given_as_a_string_is_parsed_and_htm_suffix_works(tmp_path: Path):
    assert read_article(HTML).title == "Storm Hits the Coast"
    path = tmp_path / "storm.HTM"
    path.write_text(HTML, encoding="utf-8")
    assert read_article(path).author == "Jane Doe and John Roe"


def test_html_without_h1_takes_the_page_title():
    article = read_article("<html><head><title>Quiet Day</title></head><body><p>Nothing happened today, "
                           "the mayor said.</p></body></html>")
    assert article.title == "Quiet Day"
    assert article.text.startswith("Quiet Day\n\n")


def test_html_headline_is_the_articles_h1_and_figures_are_set_aside():
    page = ("<html><body><header><h1>The Daily</h1></header><main><article><h1>Storm Hits the Coast</h1>"
            "<figure><img src='x.jpg'><figcaption>Waves at dawn. Photo: Agency</figcaption></figure>"
            f"<p>{BODY}</p><aside>Most read: Ten things to know</aside></article></main></body></html>")
    article = read_article(page)
    assert article.title == "Storm Hits the Coast"
    assert "Waves at dawn" not in article.text and "Most read" not in article.text
    assert {"text": "Waves at dawn. Photo: Agency", "reason": "image and caption (HTML <figure>)"} in \
        article.removed.to_dict(orient="records")
    assert list(article.paragraphs["role"][-2:]) == ["title", "body"]


def test_html_in_a_txt_file_is_refused(tmp_path: Path):
    path = tmp_path / "page.txt"
    path.write_text(HTML, encoding="utf-8")
    with pytest.raises(InputError, match=r"page\.txt holds HTML markup.*rename it to \.html"):
        read_article(path)


def test_json_article(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "Storm Hits the Coast", "byline": "Jane Doe", "text": BODY + "\n\n" + BODY}),
                    encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.author) == ("Storm Hits the Coast", "Jane Doe")
    assert article.text == "Storm Hits the Coast\n\nJane Doe\n\n" + BODY + "\n\n" + BODY
    assert list(article.paragraphs["role"]) == ["title", "byline", "body", "body"]
    assert article.meta["format"] == "json"
    assert_offsets_exact(article)


def test_json_whose_text_already_starts_with_the_title_is_not_doubled():
    article = read_article(json.dumps({"title": "Storm Hits", "byline": "By Jane Doe", "text": "Storm Hits\n\n" + BODY}))
    assert article.text == "By Jane Doe\n\nStorm Hits\n\n" + BODY
    assert (article.title, article.author) == ("Storm Hits", "Jane Doe")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"title": "T", "byline": "B"}', r'no "text" field'),
        ('{"title": "T", "text": 3}', r'"text" must be a string'),
        ('["text"]', r"one JSON object"),
        ('{"text": "x",', r"not valid JSON: .* line 1, column"),
        ('{"text": "   "}', r"empty|no article text"),
    ],
)
def test_bad_json_is_refused(tmp_path: Path, content: str, message: str):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_json_given_as_a_string_and_braces_that_are_not_json():
    article = read_article(json.dumps({"title": "Storm Hits", "text": BODY}))
    assert article.meta["format"] == "json" and article.title == "Storm Hits"
    braces = read_article('{Editor\'s note: the "text" below was updated.}\n\n' + BODY)
    assert braces.meta["format"] == "text" and braces.text.startswith("{Editor")


def test_standfirst_between_title_and_byline():
    article = read_article(f"Storm Hits the Coast\n\nThousands fled as the storm arrived.\n\nBy Jane Doe\n\n{BODY}")
    assert article.standfirst == "Thousands fled as the storm arrived."
    assert list(article.paragraphs["role"]) == ["title", "standfirst", "byline", "body"]


def test_no_standfirst_is_invented():
    article = read_article(f"Storm Hits the Coast\n\nBy Jane Doe\n\n{BODY}\n\n{BODY}")
    assert article.standfirst is None
    assert list(article.paragraphs["role"]) == ["title", "byline", "body", "body"]


def test_utf16_with_bom_is_read(tmp_path: Path):
    path = tmp_path / "u16.txt"
    path.write_bytes(("Storm Hits\n\n" + BODY).encode("utf-16"))
    article = read_article(path)
    assert article.title == "Storm Hits" and article.meta["encoding"] == "utf-16"


def test_other_encodings_on_request(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 owners said the \u00e9lite had left the city on Monday.".encode("cp1252"))
    with pytest.raises(InputError) as info:
        read_article(path)
    message = str(info.value)
    assert "not valid UTF-8" in message and "byte 0xe9 at byte offset 3" in message and "line 1, column 4" in message
    assert "\n" not in message
    assert read_article(path, encoding="cp1252").text.startswith("Caf\u00e9 owners")


# ----------------------------------------------------------------------------------------------
# Bad input: one clear line each
# ----------------------------------------------------------------------------------------------


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[object, str]]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n \xc2\xa0\n")
    (tmp_path / "nul.txt").write_bytes(b"Some text\x00\x01\x02 and more")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "latin1.txt").write_bytes("Line one\nna\u00efve caf\u00e9 text".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"word " * 300)
    (tmp_path / "ads.txt").write_bytes(b"Advertisement\n\nShare this article\n\ntop of page\n")
    (tmp_path / "page.json").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return {
        "missing": (tmp_path / "nope.txt", r"nope\.txt: file not found"),
        "missing str": ("no/such/article.txt", r"file not found"),
        "directory": (tmp_path / "folder", r"is a directory"),
        "empty": (tmp_path / "empty.txt", r"empty\.txt is empty"),
        "whitespace": (tmp_path / "blank.txt", r"blank\.txt .*(whitespace|empty)"),
        "binary": (tmp_path / "nul.txt", r"binary file \(NUL byte at byte offset 9\)"),
        "pdf": (tmp_path / "doc.pdf", r"is a PDF document, not text"),
        "undecodable": (tmp_path / "latin1.txt", r"not valid UTF-8: byte 0xef at byte offset 11 \(line 2, column 3\)"),
        "boilerplate only": (tmp_path / "ads.txt", r"only web-page boilerplate"),
        "empty text": ("", r"empty"),
        "whitespace text": ("  \n\n \t ", r"empty or only whitespace"),
        "NUL in text": ("a\x00b\nc", r"NUL characters"),
        "control chars": ("\x01\x02\x03\x04 hello\n", r"control characters"),
        "not a text": (12, r"takes a path, the article text or bytes"),
        "surrogate": ("Troops \ud800 left.\nThen more.", r"unpaired surrogate \(\\ud800\) at character 7"),
        "url": ("https://example.com/news/story.html", r"is a web address: the workbook does not fetch pages"),
        "html as json": (tmp_path / "page.json", r"page\.json holds HTML, not JSON"),
    }


BAD_CASES = ["missing", "missing str", "directory", "empty", "whitespace", "binary", "pdf", "undecodable",
             "boilerplate only", "empty text", "whitespace text", "NUL in text", "control chars", "not a text",
             "url", "html as json", "surrogate"]


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_input_raises_one_clear_line(tmp_path: Path, case: str):
    value, pattern = _bad_inputs(tmp_path)[case]
    with pytest.raises(InputError, match=pattern) as info:
        read_article(value)  # type: ignore[arg-type]
    assert isinstance(info.value, QuoteLensError)
    assert "\n" not in str(info.value)


def test_size_limit_is_configurable(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The troops were sent to the border by the army. " * 30)
    with pytest.raises(InputError, match=r"big\.txt is 1\.4 kB \(1440 bytes\), over the 1\.0 kB limit"):
        read_article(path, max_bytes=1000)
    assert read_article(path, max_bytes=2000).meta["n_chars"] == 1439
    assert read_article(path, max_bytes=None).meta["n_paragraphs"] == 1
    with pytest.raises(InputError, match="the text given is .* over the"):
        read_article("The troops left.\n" * 100, max_bytes=100)
    with pytest.raises(InputError, match="max_bytes must be a positive"):
        read_article(path, max_bytes=0)


def test_non_english_text_warns_and_continues():
    german = ("Die Truppen wurden am Montag an die Grenze geschickt, sagte der Minister. Er betonte, dass "
              "die Gespr\u00e4che fortgesetzt werden sollen und dass beide Seiten Fortschritte gemacht haben.")
    with pytest.warns(NotEnglishWarning, match=r"does not look like English \(\d+% common English words"):
        article = read_article(german)
    assert len(article.sentences) == 2
    with pytest.warns(NotEnglishWarning, match="non-Latin"):
        read_article("\u0412\u043e\u0439\u0441\u043a\u0430 " * 20)
    with pytest.warns(NotEnglishWarning, match="non-Latin"):  # no spaces between words
        read_article("\u519b\u961f\u5468\u4e00\u62b5\u8fbe\u8fb9\u5883\u3002" * 8)


def test_english_does_not_warn(seed_text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error", NotEnglishWarning)
        read_article(BODY)
        read_article("Ok.")  # too short to judge


def test_english_ratio_separates_languages(seed_text: str):
    assert english_ratio(seed_text) > 0.3
    assert english_ratio("Le gouvernement a annonc\u00e9 lundi que les n\u00e9gociations reprendront.") < 0.12


# ----------------------------------------------------------------------------------------------
# The building blocks
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By: Ahmed Fathi", "Ahmed Fathi"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("BY JANE DOE", "JANE DOE"),
        ("By Jane Doe, John Roe and Max Moe", "Jane Doe, John Roe and Max Moe"),
        ("By Jane Doe, Moscow correspondent", "Jane Doe"),
        ("By Jane Doe | Reuters", "Jane Doe"),
        ("Written by Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("By The Associated Press", "The Associated Press"),
        ("By May, prices had doubled.", None),
        ("By Thursday, troops had left the region.", None),
        ("By then, the troops had left.", None),
        ("By 2020 the army had doubled in size.", None),
        ("Byelection results were announced.", None),
        ("The minister said so.", None),
    ],
)
def test_parse_byline(line: str, author: str | None):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("top of page", "page navigation"),
        ("Bottom of Page", "page navigation"),
        ("Back to top", "page navigation"),
        ("Advertisement", "advertisement"),
        ("- Advertisement -", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Share this article", "share buttons"),
        ("Share on Facebook", "share buttons"),
        ("Facebook Twitter Email", "share buttons"),
        ("Subscribe", "subscription prompt"),
        ("Sign up for our daily newsletter", "subscription prompt"),
        ("For more, sign up for the What\u2019s Working newsletter.", "subscription prompt"),
        ("We use cookies to improve your experience on our site.", "cookie notice"),
        ("Accept all cookies", "cookie notice"),
        ("\u00a9 2024 The Daily. All rights reserved.", "copyright notice"),
        ("Share prices fell 3% on Monday.", None),
        ("Advertising revenue at the paper fell sharply last year, the company said.", None),
        ("Subscribers to the service were told of the outage on Monday.", None),
        ("The cookie maker said sales had doubled.", None),
        ('"Sign up," he told the volunteers.', None),
        ("Voters should sign up for the party's email alerts before Tuesday, the senator said.", None),
        ("Copyright lawyers expect the case to fail.", None),
        ("Copyright 2024 Reuters", "copyright notice"),
        ("Menu", "page navigation"),
        ("Email was the main channel, officials said.", None),
    ],
)
def test_boilerplate_reason(line: str, reason: str | None):
    assert boilerplate_reason(line) == reason


def test_boilerplate_inside_a_paragraph_does_not_split_it():
    article = read_article("Storm Hits\n\nFirst line of the story.\nAdvertisement\nSecond line of the story.\n\nEnd.")
    assert list(article.paragraphs["text"]) == ["Storm Hits", "First line of the story.\nSecond line of the story.", "End."]
    assert list(article.removed["reason"]) == ["advertisement"]


def test_sentence_spans_keep_abbreviations_and_quotes():
    t = ('Mr. Smith met Gen. Gerasimov in Washington, D.C. on Jan. 5. She said "No. Not now." '
         '"Why?" he asked. The U.S. Army agreed.')
    assert [t[s:e] for s, e in sentence_spans(t)] == [
        "Mr. Smith met Gen. Gerasimov in Washington, D.C. on Jan. 5.",
        'She said "No.',
        'Not now."',
        '"Why?" he asked.',
        "The U.S. Army agreed.",
    ]
    assert {"mr", "gen", "jan", "u.s"} <= ABBREVIATIONS


def test_sentence_spans_within_a_window():
    t = "Ignore this. First one. Second one. Ignore that."
    start, end = t.index("First"), t.index(" Ignore that")
    assert [t[s:e] for s, e in sentence_spans(t, start, end)] == ["First one.", "Second one."]


@pytest.mark.parametrize(
    ("value", "is_path"),
    [
        ("data/raw/missing.txt", True),
        ("article.json", True),
        ("/tmp", True),
        ("../x/y", True),
        ("C:\\news\\a.txt", True),
        ("Troops arrived on Monday.", False),
        ("Line one\nline two.txt", False),
        ("Hello", False),
        ("", False),
    ],
)
def test_looks_like_path(value: str, is_path: bool):
    assert looks_like_path(value) is is_path


def test_normalize_text():
    assert normalize_text("\ufeffa\u00a0b\r\nc\rd\u200be\u00adf") == "a b\nc\ndef"
    assert normalize_text("Cafe\u0301") == "Caf\u00e9"
    assert normalize_text("\u201cquoted\u201d \u2018x\u2019") == "\u201cquoted\u201d \u2018x\u2019"


def test_sentence_length_chart(seed: Article):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = sentence_length_chart(seed)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.patches) == len(seed.sentences)
    heights = [p.get_height() for p in ax.patches]
    assert max(heights) > 40 and min(heights) >= 1
    other = Figure()
    given_ax = other.add_subplot()
    assert sentence_length_chart(seed, ax=given_ax) is other


# ----------------------------------------------------------------------------------------------
# Properties on arbitrary text
# ----------------------------------------------------------------------------------------------

SPECIAL = ["\u00a0", "\r\n", "\r", "\n", "\n\n", "\ufeff", "\u201c", "\u201d", "\u2018", "\u2019", '"', "'",
           ". ", "? ", "! ", "Mr. ", "By: ", "By ", "top of page", "Advertisement", "\u2014", "\t", " ",
           "\u200b", "\u00e9", "e\u0301", "\u2028", "<p>", "{"]
friendly = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"]), max_size=12)),
    max_size=40,
).map("".join)


def _check(article: Article) -> None:
    assert_offsets_exact(article)
    for bad in ("\r", "\ufeff", "\u00a0", "\u200b"):
        assert bad not in article.text
    assert article.meta["n_paragraphs"] == len(article.paragraphs) >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(friendly)
def test_offsets_are_exact_on_friendly_text(text: str):
    assume(not looks_like_path(text))
    assume(normalize_text(text).strip())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotEnglishWarning)
        try:
            article = read_article(text)
        except InputError as exc:
            # the only refusals for printable text: it was all boilerplate, or it named no text at all
            assert "boilerplate" in str(exc) or "no article text" in str(exc), str(exc)
            return
    _check(article)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_gives_an_article_or_one_clear_error(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotEnglishWarning)
        try:
            article = read_article(text)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
    _check(article)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(friendly)
def test_reading_the_clean_text_again_changes_nothing(text: str):
    assume(not looks_like_path(text))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NotEnglishWarning)
        try:
            first = read_article(text)
        except InputError:
            return
        assume(first.meta["format"] == "text" and not looks_like_path(first.text))
        assume(not first.text.lstrip().startswith(("<", "{")))
        again = read_article(first.text)
    assert again.text == first.text
    assert again.paragraphs.equals(first.paragraphs)
    assert again.removed.empty


@settings(max_examples=100, deadline=None)
@given(st.lists(friendly, min_size=1, max_size=6))
def test_paragraph_and_sentence_spans_are_exact_on_raw_text(parts: list[str]):
    text = "\n\n".join(parts)
    for s, e in paragraph_spans(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]
        for ss, se in sentence_spans(text, s, e):
            assert s <= ss < se <= e
            assert text[ss:se].strip() == text[ss:se]


def test_polnear_articles_read_cleanly(shared_data: Path):
    rows = [json.loads(line) for line in (shared_data / "polnear" / "polnear_dev.jsonl").open(encoding="utf-8")]
    assert len(rows) == 84
    with warnings.catch_warnings():
        warnings.simplefilter("error", NotEnglishWarning)
        articles = [read_article(row["text"]) for row in rows]
    for article in articles:
        _check(article)
    titled = sum(a.title is not None for a in articles)
    assert titled >= 40  # PolNeAR texts open with their headline; most are found
    assert sum(len(a.removed) for a in articles) <= 5  # and carry almost no web boilerplate
    frame = pd.concat([a.sentences.assign(doc=i) for i, a in enumerate(articles)])
    assert len(frame) > 2000


# --------------------------------------------------------------------------------------------
# the fast paths give exactly what the slow paths give


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Mr.U.S!?\"'\u201c\u201d\u2019)]( \n5No")), max_size=60))
def test_sentence_shortcut_matches_punkt(text: str) -> None:
    from helpers.article import _punkt_sentence_spans

    assert sentence_spans(text) == _punkt_sentence_spans(text, 0, len(text))


def test_seed_sentences_match_punkt(seed: Article) -> None:
    from helpers.article import _punkt_sentence_spans

    for start, end in seed.segments.paragraphs:
        assert sentence_spans(seed.text, start, end) == _punkt_sentence_spans(seed.text, start, end)


def test_tables_are_built_from_segments_on_first_use(seed: Article) -> None:
    assert "paragraphs" not in vars(seed) or isinstance(seed.paragraphs, pd.DataFrame)
    fresh = read_article(seed.text)
    assert "sentences" not in vars(fresh)  # nothing built yet
    assert fresh.sentences[["paragraph", "start", "end"]].to_records(index=False).tolist() == fresh.segments.sentences
    assert list(zip(fresh.paragraphs["start"], fresh.paragraphs["end"])) == fresh.segments.paragraphs
    assert fresh.paragraphs["role"].tolist() == fresh.segments.roles
    assert fresh.meta["n_sentences"] == len(fresh.sentences) and fresh.meta["n_paragraphs"] == len(fresh.paragraphs)
    assert fresh.sentences is fresh.sentences  # cached


@pytest.mark.parametrize("text", ["plain ascii words here", "Ünïcödé wörds ünd mörë", "Привет мир, это текст",
                                  "1234 !!", "mixed Привет and English words", ""])
def test_latin_share_matches_letter_count(text: str) -> None:
    from helpers.article import latin_share

    letters = [c for c in text if c.isalpha()]
    expected = sum(c < "\u0250" for c in letters) / len(letters) if letters else 1.0
    assert latin_share(text) == expected


# Pieces that steer Punkt's decisions: abbreviations (also after a hyphen), initials, numbers,
# ellipses, closing marks it realigns, punctuation and lower/upper case after a period, line breaks.
PUNKT_PIECES = [". ", "? ", "! ", ".", "?", "!", "..", "...", ". . .", "\u2026", "Mr.", "mr.", "U.S.", "ex-Gov.",
                "No.", "J.", "j.", "\u00e9.", "5.", "5", "1,000.5.", "-3.", "##number##.", "e.g.", "Jan.", " ", "  ",
                "\n", "\n\n", "\t", "\u00a0", "\u2003", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab",
                "\u00bb", "(", ")", "[", "]", "{", "}", "--", "-", ",", ";", ":", "*", "@", "&", "#", "`", "Bach",
                "bach", "The", "the", "A", "a", "\u0130", "\u00df", "x", "\u0663.", "\u00b2.", ".5.", ",5.", "_.",
                "\u01c5."]


# Words Punkt decides on (period-final ones: abbreviations, initials, numbers in every shape it
# recognises), each followed by a separator, so that every pair of them meets often.
PUNKT_WORDS = ["Mr.", "mr.", "U.S.", "ex-Gov.", "No.", "J.", "j.", "_.", "\u01c5.", "\u00e9.", "5.", "-3.", ".5.", ",5.",
               "1,000.5.", "\u0663.", "\u00b2.", "##number##.", "e.g.", "Jan.", "said.", "said", "Bach", "bach", "The",
               "the", "5", "\u0130", '"Why?"', "(It.)", "no!", "end...", "..", "?", "!", ".", ",", ";", ":", "-", "\u201c",
               "\u2019", "x"]
PUNKT_SEPARATORS = [" ", " ", " ", "", "  ", "\n", "\n\n", "\t", "\u00a0", "--", '" ', "\u201d ", ") ", "] "]


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(
    st.lists(st.sampled_from(PUNKT_PIECES), max_size=25).map("".join),
    st.lists(st.tuples(st.sampled_from(PUNKT_WORDS), st.sampled_from(PUNKT_SEPARATORS)).map("".join),
             max_size=12).map("".join),
))
def test_fast_punkt_matches_nltk_punkt(text: str) -> None:
    from helpers.article import _fast_punkt, _punkt

    assert _fast_punkt().span_tokenize(text) == list(_punkt().span_tokenize(text))


def test_fast_punkt_matches_nltk_punkt_on_polnear(shared_data: Path) -> None:
    from helpers.article import _fast_punkt, _punkt

    with (shared_data / "polnear" / "polnear_dev.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    for text in texts:
        for start, end in paragraph_spans(text):
            chunk = text[start:end]
            assert _fast_punkt().span_tokenize(chunk) == list(_punkt().span_tokenize(chunk))
        assert _fast_punkt().span_tokenize(text) == list(_punkt().span_tokenize(text))


def test_fast_punkt_uses_nltk_punkt_regexes() -> None:
    """The copied patterns are NLTK's own, flags included: an NLTK upgrade that changes one fails
    here. NLTK builds its sentence-end class from a set, so ``?`` and ``!`` come in either order."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktToken

    from helpers.article import ABBREVIATIONS, _fast_punkt, _punkt, _unwrapped

    def same_order(pattern: str) -> str:
        return pattern.replace("!\\?", "\\?!")

    lang, fast = PunktLanguageVars(), _fast_punkt()
    pairs = {"_period": lang.period_context_re(), "_words": lang._word_tokenizer_re(),
             "_realign": lang.re_boundary_realignment, "_numeric": PunktToken._RE_NUMERIC,
             "_initial": PunktToken._RE_INITIAL}
    for name, theirs in pairs.items():
        theirs, ours = _unwrapped(theirs), getattr(fast, name)
        assert (same_order(ours.pattern), ours.flags) == (same_order(theirs.pattern), theirs.flags), name
    assert sorted(fast._ends) == sorted(lang.sent_end_chars)
    assert fast._abbrev == _punkt()._params.abbrev_types == set(ABBREVIATIONS)
    default = PunktParameters()
    assert not (default.collocations or default.sent_starters or default.ortho_context)


def test_sentence_splitting_does_not_import_nltk(tmp_path: Path) -> None:
    """Reading an article never imports nltk: its package init costs seconds in every worker."""
    import subprocess
    import sys

    code = ("import sys; from helpers.pipeline import load_article; "
            "a = load_article('Mr. Smith said so. \"Why?\" he asked. Then he left.'); "
            "assert list(a.sentences.text) == ['Mr. Smith said so.', '\"Why?\" he asked.', 'Then he left.']; print(sorted(m for m in sys.modules if m.startswith('nltk')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout
    assert out.strip() == "[]"


def _boilerplate_reason_reference(line: str) -> str | None:
    """boilerplate_reason as first written: every pattern on every line, the reported-speech test first."""
    from helpers.article import _BOILERPLATE, _REPORTED

    stripped = line.strip()
    if not stripped or len(stripped) > 500 or _REPORTED.search(stripped):
        return None
    for pattern, reason in _BOILERPLATE:
        if pattern.fullmatch(stripped):
            return reason
    return None


# Words of the boilerplate patterns in odd cases, with the characters re.IGNORECASE folds to ASCII
# letters (\u0130 \u0131 \u017f \u212a) spelling them, and the pieces that make a line reported speech.
BOILERPLATE_PIECES = ["subscribe", "Subscribe", "SUBSCRIBER", "\u017fubscribe", "sub\u017fcribe", "sign up", "Sign-Up",
                      "s\u0130gn up", "s\u0131gn in", "register", "REGISTER", "reg\u0131ster", "join", "Jo\u0130n",
                      "log in", "Login", "LOG\u0130N", "already a subscriber", "now", "today", "free", "to", "for",
                      "our", "newsletter", "inbox", "alerts", "the", "cookies", "Coo\u212aies", "cookie policy",
                      "COOKIE settings", "we use", "this website uses", "accept", "Accept all", "reject", "manage",
                      "preferences", "all", "\u00a9 2024", "copyright", "share", "on", "facebook", "x", "ad",
                      "advertisement", "menu", "top of page", "said", '"', "\u201c", " ", " ", " ", ".", "!", ":",
                      ",", "|", "\t", "2024", "\u00e9", "Manage preferences", "reject all", "Join now", "Register free",
                      "Sign in to continue", "ma\u0131nage cookies"]


@settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(BOILERPLATE_PIECES), max_size=12).map("".join))
def test_boilerplate_reason_matches_the_plain_definition(line: str) -> None:
    assert boilerplate_reason(line) == _boilerplate_reason_reference(line)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\r.\u00a0\u202f\u2007\u3000\t\u2028\u2029\x85\x0b\x0c\ufeff\u200be\u0301")),
               max_size=40))
def test_normalize_text_replaces_spaces_as_one_translate_would(text: str) -> None:
    import re
    import unicodedata

    from helpers.article import _CONTROL, _INVISIBLE, _SPACES

    plain = _CONTROL.sub("", _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))).translate(_SPACES)
    assert normalize_text(text) == unicodedata.normalize("NFC", plain)
    assert re.search("[\u00a0\u202f\u2007\u3000\t\u2028\u2029\x85\x0b\x0c]", normalize_text(text)) is None


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["The", "said", "don't", "it's", "'tis", "dogs'", "a''b", "x'y'z", "'", "\u2019",
                                 "rock\u2019n\u2019roll", "I", "AND", "o'", "2nd", "_", "snake_case", "42", " ", "\n",
                                 ".", ",", "\u201cWhy?\u201d", "\u2014", "\u2026", "\u00a0", "caf\u00e9", "\u0130stanbul",
                                 "stra\u00dfe", "e\u0301", "\uff12", "\u0663", "\u00b2", "na\u00efve", "\ufffd", "\x7f",
                                 "\u00bd", "\u2160"]), max_size=30).map("".join))
def test_word_counts_are_the_word_pattern_s(text: str) -> None:
    from helpers.article import _STOPWORDS, _WORD, word_counts

    words = _WORD.findall(text)
    assert word_counts(text) == (len(words), sum(w.lower() in _STOPWORDS for w in words))


def test_docstring_examples_hold() -> None:
    import doctest

    import helpers.article as A

    result = doctest.testmod(A)
    assert result.attempted >= 5 and result.failed == 0


def test_an_abbreviation_after_an_opening_mark_does_not_end_the_sentence():
    t = "Christie refers to him as \u201cMr. Trump,\u201d while Trump calls him \u201cChris.\u201d He left."
    assert [t[s:e] for s, e in sentence_spans(t)] == [t[:-9], "He left."]
