"""Printable handouts (PDF) of a story and of the timeline view, built on the server with no network.

Pure module (no streamlit). fpdf2 writes the PDF: it is pure Python (no Pango, Cairo or browser), embeds
subsets of TrueType fonts so the text extracts and searches, and lays out the few things a handout needs
(text, images, a table, links). Armenian letters come from the bundled Noto Sans Armenian (static/fonts),
everything else from DejaVu Sans, which matplotlib ships; each page's QR code (segno, pure Python) opens
the same view in the atlas.

A story handout has one page per step: headline, caption, the step's map (borders of the event's day, the
event marked), the grading of the event, the contested values side by side, the sources with their
addresses, and the dataset version in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pandas as pd
import segno
from fpdf import FPDF
from fpdf.fonts import FontFace

from atlas import __version__
from atlas.geo import GEO_DIR, as_date
from atlas.grading import confidence_explanation, confidence_label
from atlas.i18n import claim_field, format_day, format_period, translate
from atlas.load import Dataset
from atlas.safe import is_http_url
from atlas.schema import DATASET_LAST_YEAR
from atlas.static_maps import ARMENIAN_FONTS, step_map, timeline_chart
from atlas.stories import Story

PAPERS = ("A4", "Letter")
MAX_TABLE_EVENTS = 400  # a longer table would be a book, not a handout: the filters narrow it
LICENCE = "CC BY 4.0"
_DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_LATIN_FONTS = {"": _DEJAVU / "DejaVuSans.ttf", "B": _DEJAVU / "DejaVuSans-Bold.ttf"}
_MARGIN_MM = 14


@dataclass(frozen=True)
class SourceLine:
    label: str
    url: str  # "" when the source has no web address (a printed document)


def source_lines(source_ids: Iterable[str], sources: pd.DataFrame) -> list[SourceLine]:
    """The named sources in order, once each: 'publisher: title' and the publisher's own address."""
    by_id = sources.set_index("source_id")
    out = []
    for source_id in dict.fromkeys(i.strip() for i in source_ids if i and i.strip()):
        if source_id in by_id.index:
            row = by_id.loc[source_id]
            url = row["url"] if is_http_url(row["url"]) else ""
            out.append(SourceLine(f"{row['publisher']}: {row['title']}", url))
    return out


def qr_png(url: str) -> bytes:
    """A QR code of the address, as PNG; error correction M survives a smudged photocopy."""
    out = io.BytesIO()
    segno.make_qr(url, error="m").save(out, kind="png", scale=8, border=4)
    return out.getvalue()


class _Pdf(FPDF):
    def __init__(self, paper: str, footer_text: str) -> None:
        super().__init__(format=paper if paper in PAPERS else "A4")
        self.footer_text = footer_text
        self.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
        for style, path in ARMENIAN_FONTS.items():
            self.add_font("armenian", style, str(path))
        for style, path in _LATIN_FONTS.items():
            self.add_font("latin", style, str(path))
        # Armenian letters from the bundled Noto Sans Armenian; any other letter falls back to DejaVu Sans.
        self.set_font("armenian", size=11)
        self.set_fallback_fonts(["latin"])
        self.set_auto_page_break(True, margin=16)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("armenian", size=7)
        self.set_text_color(90)
        self.cell(self.get_string_width(self.footer_text) + 1, 5, self.footer_text)
        self.set_font("latin", size=7)  # the page count is filled in at the end, in a font that has digits
        self.cell(0, 5, f"· {self.page_no()}/{{nb}}")
        self.set_text_color(0)

    def text_block(self, text: str, size: float = 11, style: str = "", height: float | None = None) -> None:
        self.set_font("armenian", style, size)
        self.multi_cell(0, height or size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def url_line(self, url: str, size: float = 8) -> None:
        """An address on one line, shrunk to fit, so it is printed (and copied from the PDF) whole."""
        while size > 5 and self.get_string_width(url) > self.epw:
            size -= 0.5
            self.set_font("armenian", "", size)
        self.set_font("armenian", "", size)
        self.set_text_color(0, 70, 140)
        self.cell(0, size * 0.45, url, link=url, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)

    def sources(self, heading: str, lines: list[SourceLine], size: float = 8.5) -> None:
        self.text_block(heading, 10, "B")
        for line in lines:
            self.text_block(f"• {line.label}", size)
            if line.url:
                self.url_line(line.url, size - 0.5)

    def qr(self, url: str, caption: str, x: float, y: float, side: float = 34) -> None:
        self.image(io.BytesIO(qr_png(url)), x=x, y=y, w=side, h=side, link=url)
        self.set_xy(x, y + side + 1)
        self.set_font("armenian", "", 7.5)
        self.multi_cell(side, 3.4, caption, align="C")


def _footer(lang: str, today: dt.date) -> str:
    return translate("handout.footer", lang, version=__version__, licence=LICENCE, day=format_day(today, lang))


def _step_day(row: pd.Series | None, filters: dict[str, str]) -> str:
    if row is not None:
        return row["date_start"].date().isoformat()
    day = filters.get("to") or filters.get("from")
    return as_date(day) if day else as_date(DATASET_LAST_YEAR)


def story_handout(
    story: Story,
    data: Dataset,
    lang: str,
    link: Callable[[int], str],
    paper: str = "A4",
    geo_dir: Path | str = GEO_DIR,
    today: dt.date | None = None,
) -> bytes:
    """The story as a PDF, one page per step; `link(n)` is the absolute permalink of step n (its QR code)."""
    pdf = _Pdf(paper, _footer(lang, today or dt.date.today()))
    events = data.events.set_index("event_id")
    places = data.tables["places"].set_index("place_id")
    claims = data.tables["claims"]
    total = len(story.steps)
    for number, step in enumerate(story.steps, start=1):
        pdf.add_page()
        row = events.loc[step.event] if step.event in events.index else None
        pdf.set_text_color(90)
        pdf.text_block(f"{story.text(lang)} · {translate('stories.step', lang, number=number, total=total)}", 9)
        pdf.set_text_color(0)
        headline = (row.get(f"title_{lang}") or row["title_en"]) if row is not None else story.text(lang)
        pdf.text_block(headline, 16, "B", 7.5)
        lat = lon = None
        if row is not None:
            facts = [format_period(row["date_start"].date(), row["date_end"].date(), row["date_precision"], lang)]
            if row["place_id"] in places.index:
                place = places.loc[row["place_id"]]
                facts.append(place.get(f"name_{lang}") or place["name_en"])
                if pd.notna(place["lat"]) and pd.notna(place["lon"]):
                    lat, lon = float(place["lat"]), float(place["lon"])
            facts.append(f"{translate('event.confidence', lang)}: {confidence_label(row['confidence'], lang)}")
            pdf.text_block(" · ".join(facts), 10)
        pdf.ln(1)
        pdf.text_block(step.caption.get(lang) or step.caption["en"], 12, "", 5.6)
        pdf.ln(2)
        day = _step_day(row, step.filters)
        top, map_width = pdf.get_y(), pdf.epw - 44
        map_png = step_map(day, step.map_view, lat, lon, geo_dir, lang)
        pdf.image(io.BytesIO(map_png), x=pdf.l_margin, y=top, w=map_width)
        map_height = map_width * 4.4 / 6.4
        pdf.qr(link(number), translate("handout.scan", lang), pdf.l_margin + map_width + 6, top)
        pdf.set_xy(pdf.l_margin, top + map_height + 1)
        key = "handout.map_caption" if lat is not None else "handout.map_caption_no_place"
        pdf.set_text_color(90)
        pdf.text_block(translate(key, lang, day=format_day(dt.date.fromisoformat(day), lang)), 8)
        pdf.set_text_color(0)
        pdf.ln(2)
        if row is not None:
            level = row["confidence"]
            pdf.text_block(f"{confidence_label(level, lang)}: {confidence_explanation(level, lang)}", 9)
            shown = claims.loc[claims["event_id"] == step.event]
            if len(shown):
                pdf.ln(1)
                pdf.text_block(translate("event.claims", lang), 10, "B")
                for claim in shown.itertuples():
                    field = claim_field(claim.field, lang)
                    pdf.text_block(f"• {field}: {claim.value} — {claim.claimant} ({claim.source_id})", 8.5)
        pdf.ln(2)
        ids = (str(row["source_ids"]).split(";") if row is not None else []) + list(step.source_ids)
        pdf.sources(translate("event.sources", lang), source_lines(ids, data.tables["sources"]))
    return bytes(pdf.output())


def timeline_handout(
    events: pd.DataFrame,
    data: Dataset,
    lang: str,
    sentence: str,
    permalink: str,
    paper: str = "A4",
    today: dt.date | None = None,
) -> bytes:
    """The timeline view as a PDF: the filter sentence, the chart and a QR code of the view, then a table of the
    events shown (date, title, grading, sources) and the list of those sources with their addresses."""
    pdf = _Pdf(paper, _footer(lang, today or dt.date.today()))
    pdf.add_page()
    pdf.text_block(f"Karabakh Atlas · {translate('timeline.heading', lang)}", 16, "B", 7.5)
    top = pdf.get_y()
    pdf.set_right_margin(_MARGIN_MM + 40)
    pdf.text_block(sentence, 10)
    pdf.set_right_margin(_MARGIN_MM)
    pdf.qr(permalink, translate("handout.scan_view", lang), pdf.w - _MARGIN_MM - 30, top, side=30)
    pdf.set_y(max(pdf.get_y(), top + 42))
    if len(events):
        pdf.image(io.BytesIO(timeline_chart(events, lang)), x=pdf.l_margin, w=pdf.epw)
    pdf.ln(2)
    shown = events.head(MAX_TABLE_EVENTS)
    if len(events) > len(shown):
        pdf.text_block(translate("handout.more_events", lang, shown=len(shown), count=len(events)), 9)
    sources = data.tables["sources"].set_index("source_id")
    pdf.text_block(translate("handout.events", lang), 11, "B")
    pdf.set_font("armenian", "", 8)
    headings = [translate(k, lang) for k in ("event.date", "timeline.select", "event.confidence", "event.sources")]
    with pdf.table(
        col_widths=(22, 56, 26, 38),
        headings_style=FontFace(emphasis="BOLD"),
        line_height=3.6,
        padding=0.8,
        text_align="LEFT",
    ) as table:
        table.row(headings)
        for row in shown.itertuples():
            title = getattr(row, f"title_{lang}", "") or row.title_en
            publishers = [str(sources.loc[s, "publisher"]) for s in row.source_ids.split(";") if s in sources.index]
            period = format_period(row.date_start.date(), row.date_end.date(), row.date_precision, lang)
            table.row([period, title, confidence_label(row.confidence, lang), "; ".join(dict.fromkeys(publishers))])
    pdf.ln(3)
    pdf.text_block(translate("handout.scale", lang), 10, "B")
    for level in dict.fromkeys(shown["confidence"]):
        pdf.text_block(f"• {confidence_label(level, lang)}: {confidence_explanation(level, lang)}", 8.5)
    pdf.ln(2)
    ids = [i for cell in shown["source_ids"] for i in str(cell).split(";")]
    pdf.sources(translate("event.sources", lang), source_lines(ids, data.tables["sources"]), 8)
    return bytes(pdf.output())
