"""The HTML report: self-contained, escaped, deterministic, and drawn by a real browser."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import Article, iter_articles, sha256_bytes
from pipeline.evaluate import evaluate
from pipeline.records import AnnotationRecord, Claim, DateMention, Entity
from pipeline.report import date_value_range, derive_claim_rows, render_report, timeline_svg

# --------------------------------------------------------------------------
# Small invented records

TEXT = (
    'Talks in <Vella> & "Orlin"\n'
    "The minister of Vella said on 3 May 2021 that <script>alert('x')</script> talks would resume.\n"
    "Orlin signed the accord in 2019, and the border stayed closed from 2014 to 2016.\n"
)


def article(article_id: str, text: str = TEXT, **meta: Any) -> Article:
    """An in-memory article with its hash, as `read_article` would give it."""
    return Article(article_id, text, {"id": article_id, **meta}, sha256_bytes(text.encode("utf-8")))


def find(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the `occurrence`-th `needle` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def ent(text: str, needle: str, label: str, kb_id: str | None = None, occurrence: int = 0) -> Entity:
    start, end = find(text, needle, occurrence)
    return Entity(start, end, needle, label, kb_id)


def dat(text: str, needle: str, value: str | None) -> DateMention:
    start, end = find(text, needle)
    return DateMention(start, end, needle, value)


def clm(text: str, claim_id: str, needle: str, **fields: Any) -> Claim:
    start, end = find(text, needle)
    return Claim(claim_id, start, end, needle, **{"type": "event", **fields})


def record(art: Article, annotator: str, entities=(), dates=(), claims=()) -> AnnotationRecord:
    return AnnotationRecord(art.id, annotator, art.sha256, list(entities), list(dates), list(claims))


@pytest.fixture()
def corpus() -> tuple[list[Article], dict[str, AnnotationRecord], dict[str, AnnotationRecord]]:
    """Two articles: `alpha` with gold and pipeline (differing), `beta` with the pipeline only."""
    alpha, beta = article("alpha", title="Talks"), article("beta")
    t = TEXT
    gold = {
        "alpha": record(
            alpha, "gold",
            entities=[ent(t, "Vella", "GPE", "vella", 1), ent(t, "Orlin", "GPE", "orlin", 1)],
            dates=[dat(t, "3 May 2021", "2021-05-03"), dat(t, "2019", "2019"), dat(t, "2014 to 2016", "2014/2016")],
            claims=[
                clm(t, "c1", "Orlin signed the accord in 2019", actors=("orlin",), dates=("2019",)),
                clm(t, "c2", "the border stayed closed from 2014 to 2016", type="fact", dates=("2014/2016",)),
                clm(t, "c3", "The minister of Vella said on 3 May 2021", actors=("vella",), dates=("2021-05-03",)),
            ],
        )
    }
    predictions = {
        "alpha": record(
            alpha, "pipeline",
            entities=[ent(t, "Vella", "ORG", "vella", 1), ent(t, "minister", "PERSON")],
            dates=[dat(t, "3 May 2021", "2021-05-03"), dat(t, "2019", "2018")],
            claims=[
                clm(t, "c1", "Orlin signed the accord in 2019",
                    actors=("orlin",), dates=("2019",), certainty="probable"),
            ],
        ),
        "beta": record(beta, "pipeline", entities=[ent(t, "Orlin", "GPE", "orlin")]),
    }
    return [alpha, beta], gold, predictions


def render(corpus, **kwargs: Any) -> str:
    articles, gold, predictions = corpus
    return render_report(articles, gold, predictions, evaluate(gold, predictions), None, **kwargs)


class _Nesting(HTMLParser):
    """Checks that every element closes in order (void elements aside)."""

    VOID: ClassVar[set[str]] = {"meta", "input", "br", "img", "link", "hr", "circle", "rect", "line", "path"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_well_nested(page: str) -> None:
    checker = _Nesting()
    checker.feed(page)
    assert not checker.errors, checker.errors[:5]
    assert checker.stack == [], checker.stack


# --------------------------------------------------------------------------
# Unit tests


EXTERNAL = re.compile(
    r'(src|href)\s*=\s*["\']?\s*(https?:)?//|@import|url\(\s*["\']?\s*(https?:)?//', re.IGNORECASE
)


def test_no_external_references(corpus):
    page = render(corpus)
    for needle in ('src="http', 'href="http', "@import", "url(http", "src='http", "href='http"):
        assert needle not in page.lower()
    assert not EXTERNAL.search(page)
    assert "Content-Security-Policy" in page


def test_article_text_is_escaped(corpus):
    page = render(corpus)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;Vella&gt; &amp; &quot;Orlin&quot;" in page
    assert page.count("<script") == 1  # the report's own error recorder only
    assert_well_nested(page)


def test_same_inputs_give_same_bytes_in_any_order(corpus):
    articles, gold, predictions = corpus
    evaluation = evaluate(gold, predictions)
    first = render_report(articles, gold, predictions, evaluation, None)
    again = render_report(list(reversed(articles)), dict(gold), dict(reversed(predictions.items())), evaluation, None)
    assert first == again
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", first)  # no timestamp


def test_every_article_has_a_section_and_a_contents_entry(corpus):
    page = render(corpus)
    for article_id in ("alpha", "beta"):
        assert f'<section class="article" id="article-{article_id}"' in page
        assert f'href="#article-{article_id}"' in page


def test_article_without_gold_shows_the_pipeline_alone(corpus):
    page = render(corpus)
    beta = page[page.index('id="article-beta"'):]
    assert 'class="col col-pipeline"' in beta and 'class="col col-gold"' not in beta
    assert "No gold for this article" in beta
    assert 'class="badge st-' not in beta  # beta has no claims


def test_differences_are_marked(corpus):
    page = render(corpus)
    alpha = page[page.index('id="article-alpha"'):page.index('id="article-beta"')]
    gold_column = alpha[alpha.index("col col-gold"):alpha.index("col col-pipeline")]
    pipeline_column = alpha[alpha.index("col col-pipeline"):]
    # Vella: GPE in gold, ORG in the pipeline; Orlin missed; "minister" extra; 2019 value differs; the
    # interval missed; c1 differs in certainty; c2 and c3 missed.
    assert gold_column.count("ent lab-GPE d-chg") == 1
    assert gold_column.count("ent lab-GPE d-miss") == 1
    assert pipeline_column.count("ent lab-ORG d-chg") == 1
    assert pipeline_column.count("ent lab-PERSON d-extra") == 1
    assert gold_column.count('class="date d-chg"') == 1 and gold_column.count('class="date d-miss"') == 1
    assert gold_column.count('class="date"') == 1  # 3 May 2021 agrees
    assert gold_column.count("claim ct-event cert-certain pol-positive d-chg") == 1
    assert gold_column.count("d-miss") == 4  # Orlin, 2014 to 2016, c2, c3
    assert "pipeline: ORG · kb_id vella" in gold_column  # the tooltip names the other side
    for legend_class in ("d-miss", "d-extra", "d-chg"):
        assert legend_class in page[page.index('id="legend"'):page.index('id="figures"')]


def test_tooltips_carry_kb_id_value_and_claim_fields(corpus):
    page = render(corpus, kb_names={"orlin": "Republic of Orlin"})
    assert 'title="GPE · kb_id: vella' in page
    assert 'title="date · value: 2014/2016' in page
    assert "claim c2: fact · certain · positive" in page
    assert "Republic of Orlin" in page


def test_crossing_spans_still_nest():
    art = article("cross")
    t = TEXT
    claims = [
        clm(t, "c1", "minister of Vella said"),
        clm(t, "c2", "Vella said on 3 May 2021 that"),  # crosses c1
        clm(t, "c3", "said on 3 May"),  # inside both
    ]
    entities = [ent(t, "Vella", "GPE", occurrence=1), Entity(*find(t, "May 2021 that"), "May 2021 that", "EVENT")]
    dates = [dat(t, "3 May 2021", "2021-05-03")]
    page = render_report([art], {}, {"cross": record(art, "pipeline", entities, dates, claims)}, None, None)
    assert_well_nested(page)
    assert " cont" in page  # a crossing span was split into fragments


class _DocText(HTMLParser):
    """The text of the `.doc` blocks of a page, one string per column, without pseudo-element labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif ("class", "doc") in attrs:
            self.depth = 1
            self.columns.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.columns[-1] += data


@st.composite
def annotated_text(draw):
    """A text with markup characters and line breaks, and arbitrary (overlapping) spans over it."""
    text = draw(st.text(alphabet="ab <>&\"'\né", min_size=1, max_size=60))
    spans = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted).filter(lambda se: se[0] < se[1])
    art = article("prop", text)
    labels = st.sampled_from(["GPE", "ORG", "ODD<"])
    entities = [Entity(a, b, text[a:b], draw(labels)) for a, b in draw(st.lists(spans, max_size=6))]
    dates = [DateMention(a, b, text[a:b], "2020") for a, b in draw(st.lists(spans, max_size=3))]
    claims = [Claim(f"c{i}", a, b, text[a:b], "event") for i, (a, b) in enumerate(draw(st.lists(spans, max_size=5)))]
    pred = record(art, "pipeline", entities, dates, claims)
    gold_record = record(art, "gold", entities[:2], dates[1:], claims[::2])
    return art, gold_record, pred


@settings(max_examples=150, deadline=None)
@given(annotated_text())
def test_any_spans_keep_the_text_and_nest(case):
    art, gold_record, pred = case
    page = render_report([art], {"prop": gold_record}, {"prop": pred}, None, None)
    assert_well_nested(page)
    reader = _DocText()
    reader.feed(page)
    expected = "".join(line for line in art.text.split("\n") if line.strip())
    assert reader.columns == [expected, expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", ("2021-01-01", "2022-01-01")),
        ("2024-12", ("2024-12-01", "2025-01-01")),
        ("2021-05-03", ("2021-05-03", "2021-05-04")),
        ("2014/2016", ("2014-01-01", "2017-01-01")),
        ("2023-03/2023-05", ("2023-03-01", "2023-06-01")),
        ("PAST_REF", None),
        ("FUTURE_REF", None),
        ("2021-13", None),
        ("2020/2019", None),
        ("", None),
    ],
)
def test_date_value_range(value, expected):
    found = date_value_range(value)
    assert (None if found is None else (found[0].isoformat(), found[1].isoformat())) == expected


def test_timeline_has_one_mark_per_dated_claim():
    rows = [
        {"claim_id": "a:1", "article_id": "a", "text": "x < y", "type": "event", "dates": ["2021"], "actors": ["p"],
         "actor_names": ["P & Co"], "status": "confirmed"},
        {"claim_id": "a:2", "article_id": "a", "text": "two actors", "type": "fact", "dates": ["2014/2016", "2019-02"],
         "actors": ["p", "q"], "status": "pipeline_only"},
        {"claim_id": "a:3", "article_id": "a", "text": "no actor", "type": "event", "dates": ["2020-01-05"],
         "actors": []},
        {"claim_id": "a:4", "article_id": "a", "text": "vague", "type": "fact", "dates": ["PAST_REF"], "actors": ["p"]},
        {"claim_id": "a:5", "article_id": "a", "text": "undated", "type": "fact", "dates": [], "actors": ["p"]},
    ]
    svg = timeline_svg(rows, {"q": "Q Land"})
    assert svg.count('<g class="tl-claim') == 3
    assert svg.count("<title>") - svg.count('class="tl-actor"') == 3  # one tooltip per mark
    assert "x &lt; y" in svg and "P &amp; Co" in svg and "Q Land" in svg and "(no actor)" in svg
    assert "PAST_REF" in svg  # named in the note, not drawn
    # the two-actor, two-date claim draws four shapes inside its one mark
    mark = svg[svg.index('data-claim="a:2"'):]
    mark = mark[:mark.index("</g>")]
    assert mark.count("<rect") + mark.count("<circle") == 4


def test_timeline_without_dated_claims():
    assert "No claim has a calendar date" in timeline_svg([])
    html = timeline_svg([{"claim_id": "x", "dates": ["PRESENT_REF"], "actors": []}])
    assert "<svg" not in html and "PRESENT_REF" in html


def test_page_timeline_counts_the_claims_of_the_records(corpus):
    page = render(corpus)
    assert page.count('<g class="tl-claim') == 3  # gold c1, c2, c3 (c1 paired with the pipeline's)


def test_claim_rows_are_shown_with_status_badges(corpus):
    articles, gold, predictions = corpus
    rows = [
        {"claim_id": "alpha:x", "article_id": "alpha", "id": "c9", "start": 0, "end": 5, "text": "Talks",
         "type": "prediction", "certainty": "possible", "polarity": "negative", "source": "vella",
         "predicate": "talk", "actors": ["vella"], "targets": [], "dates": ["FUTURE_REF"], "sentence": "Talks",
         "actor_names": ["Vella"], "target_names": [], "status": "corrected",
         "conflicts": {"type": {"gold": "prediction", "pipeline": "event"}}, "provenance": {}},
    ]
    page = render_report(articles, gold, predictions, None, rows)
    assert '<span class="badge st-corrected">corrected</span>' in page
    assert "<s>event</s>" in page
    assert "No evaluation was given" in page


def test_derived_claim_rows_reconcile_gold_and_pipeline(corpus):
    articles, gold, predictions = corpus
    rows = derive_claim_rows(articles, gold, predictions)
    statuses = {row["text"]: row["status"] for row in rows}
    assert statuses == {
        "Orlin signed the accord in 2019": "corrected",
        "the border stayed closed from 2014 to 2016": "gold_only",
        "The minister of Vella said on 3 May 2021": "gold_only",
    }
    corrected = next(row for row in rows if row["status"] == "corrected")
    assert corrected["conflicts"] == {"certainty": {"gold": "certain", "pipeline": "probable"}}
    assert corrected["certainty"] == "certain"  # gold wins
    assert rows == derive_claim_rows(list(reversed(articles)), gold, predictions)
    beta_only = derive_claim_rows(
        articles[1:], {}, {"beta": record(articles[1], "pipeline", claims=[clm(TEXT, "c1", "Orlin signed")])}
    )
    assert [row["status"] for row in beta_only] == ["unreviewed"]


def test_figures_tolerate_missing_keys_and_show_unknown_blocks(corpus):
    articles, gold, predictions = corpus
    evaluation = evaluate(gold, predictions)
    evaluation["total"]["entities"]["strict"]["overall"]["ci"] = {"f1": [0.25, 0.75]}
    evaluation["total"]["dates"]["strict"]["f1_ci"] = {"low": 0.1, "high": 0.9}
    evaluation["something_new"] = {"alpha": {"kappa": 0.71, "detection": {"tp": 1, "fp": 0, "fn": 0, "f1": 1.0}}}
    del evaluation["articles"]["alpha"]["claims"]
    page = render_report(articles, gold, predictions, evaluation, None)
    assert "[0.250–0.750]" in page and "[0.100–0.900]" in page
    assert "Something new" in page and "0.71" in page and "alpha › detection" in page
    for broken in (
        {},
        {"articles": None, "total": "?", "confidence": 3, "agreement": []},
        {"articles": {"alpha": {"entities": {"strict": 3}, "claims": {"sets": [1], "fields": None}}}},
        {"confidence": {"level": "high", "entities": {"strict": {"low": "?"}}}, "agreement": {"articles": {"a": 1}}},
    ):
        assert '<section id="figures">' in render_report(articles, gold, predictions, broken, None)


def test_figures_show_confidence_intervals_and_annotator_agreement(corpus):
    from pipeline import evaluate as evaluate_module

    agreement = pytest.importorskip("pipeline.agreement", reason="annotator agreement not available")
    if not hasattr(evaluate_module, "confidence_intervals"):
        pytest.skip("confidence intervals not available")
    articles, gold, predictions = corpus
    second = AnnotationRecord("alpha", "alice", gold["alpha"].text_sha256, gold["alpha"].entities[:1],
                              gold["alpha"].dates, gold["alpha"].claims[:2])
    evaluation = evaluate(gold, predictions)
    evaluation["confidence"] = evaluate_module.confidence_intervals(gold, predictions, resamples=50)
    evaluation["agreement"] = agreement.annotator_agreement(
        {"alpha": {"gold": gold["alpha"], "alice": second}}, predictions=predictions
    )
    page = render_report(articles, gold, predictions, evaluation, None)
    figures = page[page.index('<section id="figures">'):page.index('<section id="timeline">')]
    assert "Corpus F1 with 95% confidence intervals" in figures and 'class="band"' in figures
    total_row = figures[figures.index("<tr class=\"total\">"):]
    assert '<span class="ci">[' in total_row[:total_row.index("</tr>")]
    assert "Inter-annotator agreement" in figures
    assert "gold vs alice" in figures and "gold vs pipeline" in figures and "α over all 3 annotators" in figures
    assert_well_nested(page)


def test_spans_that_do_not_match_the_text_are_reported_not_drawn():
    art = article("bad")
    wrong = record(art, "pipeline", entities=[Entity(0, 5, "Nope!", "ORG"), Entity(10, 9999, "x", "ORG")])
    page = render_report([art], {}, {"bad": wrong}, None, None)
    assert "2 pipeline span(s) do not match the text" in page
    assert "ent lab-ORG" not in page


# --------------------------------------------------------------------------
# A real browser: Debian's Chromium, headless


def chromium_binary() -> str | None:
    """The Chromium executable, if installed (`make test` installs it where apt-get exists)."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def png_pixels(path: Path) -> np.ndarray:
    """Decode an 8-bit, non-interlaced RGB or RGBA PNG into a (height, width, channels) array."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, idat, header = 8, [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        position += 12 + length
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8).reshape(height, stride + 1)
    image = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.int32)
    for row in range(height):
        kind, line = raw[row, 0], raw[row, 1:].astype(np.int32)
        if kind == 0:
            out = line
        elif kind == 1:  # Sub: a running sum per channel
            out = np.cumsum(line.reshape(-1, channels), axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            out = (line + previous) % 256
        else:  # Average and Paeth depend on the byte to the left: one byte at a time, in plain ints
            raw_line, up_line, done = line.tolist(), previous.tolist(), [0] * stride
            for i in range(stride):
                left = done[i - channels] if i >= channels else 0
                up = up_line[i]
                if kind == 3:
                    done[i] = (raw_line[i] + (left + up) // 2) & 255
                else:
                    upper_left = up_line[i - channels] if i >= channels else 0
                    estimate = left + up - upper_left
                    da, db, dc = abs(estimate - left), abs(estimate - up), abs(estimate - upper_left)
                    predictor = left if da <= db and da <= dc else (up if db <= dc else upper_left)
                    done[i] = (raw_line[i] + predictor) & 255
            out = np.array(done, dtype=np.int32)
        image[row] = out
        previous = out.astype(np.int32)
    return image.reshape(height, width, channels)


def encode_png(pixels: np.ndarray, filters: list[int]) -> bytes:
    """A minimal PNG encoder using the given filter type on each row (to test the reader)."""
    height, width, channels = pixels.shape
    rows = pixels.reshape(height, width * channels).astype(np.int32)
    out, previous = [], np.zeros(width * channels, dtype=np.int32)
    for row, kind in zip(rows, filters, strict=True):
        left = np.concatenate([np.zeros(channels, dtype=np.int32), row[:-channels]])
        upper_left = np.concatenate([np.zeros(channels, dtype=np.int32), previous[:-channels]])
        estimate = left + previous - upper_left
        da, db, dc = abs(estimate - left), abs(estimate - previous), abs(estimate - upper_left)
        paeth = np.where((da <= db) & (da <= dc), left, np.where(db <= dc, previous, upper_left))
        predictor = [0, left, previous, (left + previous) // 2, paeth][kind]
        out.append(bytes([kind]) + ((row - predictor) % 256).astype(np.uint8).tobytes())
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(out))) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.mark.parametrize("channels", [3, 4])
def test_png_reader_undoes_every_filter(tmp_path, channels):
    pixels = np.random.default_rng(7).integers(0, 256, size=(10, 6, channels), dtype=np.uint8)
    (tmp_path / "t.png").write_bytes(encode_png(pixels, [0, 1, 2, 3, 4, 4, 3, 2, 1, 0]))
    assert np.array_equal(png_pixels(tmp_path / "t.png"), pixels)


@pytest.fixture(scope="module")
def seed_report(repo_root: Path, tmp_path_factory) -> Path:
    """The report of the seed article (gold + a record from the real pipeline) and an unreviewed article."""
    from pipeline.extract import extract
    from pipeline.gold import load_gold
    from pipeline.kb import load_kb
    from pipeline.nlp import build_nlp, model_info
    from pipeline.report import kb_names

    kb_path = repo_root / "annotations" / "kb.jsonl"
    nlp = build_nlp(kb_path=kb_path)
    articles = list(iter_articles(repo_root / "corpus"))
    hostile = article(
        "hostile-markup",
        "A <b>bold</b> title with <img src=x onerror=\"document.title='pwned'\">\n"
        "It said <script>document.title='pwned'</script> and \"quoted\" & more in Minsk on 3 May 2021.\n",
    )
    articles.append(hostile)
    predictions = {r.article_id: r for r in extract(nlp, articles, model_info(nlp))}
    gold = load_gold(repo_root / "annotations")
    page = render_report(articles, gold, predictions, evaluate(gold, predictions), None,
                         kb_names=kb_names(load_kb(kb_path)))
    folder = tmp_path_factory.mktemp("report")
    (folder / "report.html").write_text(page, encoding="utf-8")
    return folder / "report.html"


def run_chromium(binary: str, page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on a local page with every network feature off."""
    return subprocess.run(
        [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            f"--user-data-dir={tmp / 'profile'}", *extra, page.as_uri(),
        ],
        check=False, capture_output=True, text=True, timeout=180,
    )


def test_report_renders_in_headless_chromium(seed_report: Path, tmp_path: Path, repo_root: Path):
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium not installed (/usr/bin/chromium); `make test` installs it with apt-get where it can")
    shot = tmp_path / "shot.png"
    screenshot = run_chromium(binary, seed_report, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000")
    assert screenshot.returncode == 0, screenshot.stderr[-2000:]
    dumped = run_chromium(binary, seed_report, tmp_path, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout

    # loads, runs its one script, and raises no error; nothing is blocked (no network access is tried)
    assert 'data-report-ready="1"' in dom, dom[:500]
    assert 'data-js-errors="0"' in dom
    for log in (screenshot.stderr, dumped.stderr):
        assert "Uncaught" not in log
        assert "Refused to" not in log  # a Content-Security-Policy violation: something tried to load
    # every article has its section; the hostile text stayed text
    for txt in sorted((repo_root / "corpus").glob("*.txt")):
        assert f'id="article-{txt.stem}"' in dom
    assert 'id="article-hostile-markup"' in dom
    assert "<title>Claims report</title>" in dom and "pwned" not in dom.split("</title>")[0]
    assert "<img" not in dom
    assert "document.title=&#x27;pwned&#x27;" in seed_report.read_text(encoding="utf-8")
    # the seed article: gold and pipeline side by side, gold claims in the table
    seed = dom[dom.index('id="article-lukashenka-anti-putin-card"'):]
    assert 'class="col col-gold"' in seed and 'class="col col-pipeline"' in seed
    assert "Aliaksandr Lukashenka" in seed and "badge st-" in seed

    # the screenshot is a real page, not a blank one
    assert shot.exists() and shot.stat().st_size > 10_000
    pixels = png_pixels(shot)
    assert pixels.shape[:2] == (2000, 1280)
    colours = np.unique(pixels[::4, ::4, :3].reshape(-1, 3), axis=0)
    assert len(colours) > 50, f"only {len(colours)} distinct colours: blank page?"
    dark = (pixels[:, :, :3].astype(int).sum(axis=2) < 200).mean()
    assert 0.001 < dark < 0.5  # some text, not an all-dark failure page
