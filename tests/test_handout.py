"""Handouts (PDF): one page per story step, text that extracts (Armenian too), every source address, a QR code
that decodes to the permalink; the timeline handout lists the events shown; the grading scale is complete."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from atlas import __version__
from atlas.grading import confidence_explanation, grading_help, grading_scale
from atlas.handout import source_lines, story_handout, timeline_handout
from atlas.i18n import LANGUAGES
from atlas.load import load_dataset
from atlas.schema import CONFIDENCE_LEVELS
from atlas.stories import read_stories
from tests.conftest import ARTIFACTS, DATA

TODAY = dt.date(2026, 12, 1)


def link(story_id: str, lang: str):
    return lambda n: f"http://127.0.0.1:8501/stories?lang={lang}&story={story_id}&step={n}&present=1"


@pytest.fixture(scope="module")
def data():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def story():
    stories, problems = read_stories(DATA)
    assert not problems
    return next(s for s in stories if s.story_id == "origins")


@pytest.fixture(scope="module")
def armenian_pdf(data, story) -> bytes:
    pdf = story_handout(story, data, "hy", link(story.story_id, "hy"), today=TODAY)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "handout-origins-hy.pdf").write_bytes(pdf)
    return pdf


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def qr_codes(pdf: bytes, page: int) -> list[str]:
    """The QR codes zxing-cpp reads on a page rendered at 150 dpi by PDFium."""
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=150 / 72).to_pil()
    return [code.text for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


def test_story_handout_has_one_page_per_step_with_its_caption_in_armenian(armenian_pdf, story):
    reader = PdfReader(io.BytesIO(armenian_pdf))
    assert len(reader.pages) == len(story.steps)
    for page, step in zip(reader.pages, story.steps):
        text = squeeze(page.extract_text())
        assert squeeze(step.caption["hy"]) in text
        assert f"{__version__}" in text


def test_story_handout_prints_every_source_address_of_each_step(armenian_pdf, story, data):
    reader = PdfReader(io.BytesIO(armenian_pdf))
    events = data.events.set_index("event_id")
    for page, step in zip(reader.pages, story.steps):
        ids = str(events.loc[step.event, "source_ids"]).split(";") + list(step.source_ids)
        urls = [line.url for line in source_lines(ids, data.tables["sources"]) if line.url]
        text = squeeze(page.extract_text())
        assert urls and all(squeeze(url) in text for url in urls)


def test_story_handout_qr_code_decodes_to_the_step_permalink(armenian_pdf, story):
    for page in (0, len(story.steps) - 1):
        assert qr_codes(armenian_pdf, page) == [link(story.story_id, "hy")(page + 1)]


def test_story_handout_on_us_letter(data, story):
    short = type(story)(story.story_id, story.title, story.steps[:2], story.file)
    pdf = story_handout(short, data, "fr", link(story.story_id, "fr"), paper="Letter", today=TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert [round(float(v)) for v in reader.pages[0].mediabox.upper_right] == [612, 792]  # 8.5 x 11 in
    assert squeeze(short.steps[0].caption["fr"]) in squeeze(reader.pages[0].extract_text())


def test_timeline_handout_lists_the_events_shown_with_their_sources(data):
    events = data.events.loc[data.events["date_start"].dt.year.between(2020, 2020)]
    permalink = "http://127.0.0.1:8501/timeline?from=2020-01-01&to=2020-12-31&lang=en"
    pdf = timeline_handout(events, data, "en", "Events of 2020", permalink, today=TODAY)
    reader = PdfReader(io.BytesIO(pdf))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for title in events["title_en"]:
        assert squeeze(title) in text
    ids = [i for cell in events["source_ids"] for i in cell.split(";")]
    assert all(squeeze(line.url) in text for line in source_lines(ids, data.tables["sources"]) if line.url)
    assert qr_codes(pdf, 0) == [permalink]


def test_source_lines_keep_order_drop_unknown_and_unsafe_addresses():
    sources = pd.DataFrame(
        {
            "source_id": ["A", "B"],
            "publisher": ["Pub A", "Pub B"],
            "title": ["T", "U"],
            "url": ["https://example.org/a", "javascript:alert(1)"],
        }
    )
    lines = source_lines(["B", "nope", "A", "B"], sources)
    assert [(line.label, line.url) for line in lines] == [("Pub B: U", ""), ("Pub A: T", "https://example.org/a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_grading_scale_explains_every_level_in_every_language(lang):
    scale = grading_scale(lang)
    assert [row["level"] for row in scale] == list(CONFIDENCE_LEVELS)
    explanations = [row["explanation"] for row in scale]
    assert all(e and not e.startswith("confidence_about.") for e in explanations)
    assert len(set(explanations)) == len(explanations)
    assert all(row["label"] in grading_help(lang) for row in scale)
    assert confidence_explanation("made-up", lang) == ""


def test_data_package_describes_the_grading_scale_on_the_confidence_field():
    from atlas.package import package_descriptor

    descriptor = package_descriptor("All events", "http://127.0.0.1:8501/", dt.date(2026, 12, 1))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    field = next(f for f in events["schema"]["fields"] if f["name"] == "confidence")
    assert all(row["explanation"] in field["description"] for row in grading_scale("en"))
