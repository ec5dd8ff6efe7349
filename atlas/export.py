"""Exports of exactly the filtered rows: CSV (formula-safe), JSON and TimelineJS JSON.

Each export carries the sentence describing the filter, the dataset version and the sources cited.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from atlas import __version__
from atlas.safe import escape_html, is_http_url, neutralise_formula
from atlas.schema import EVENTS, LIST_SEPARATOR

EXPORT_COLUMNS = EVENTS.column_names


def cited_sources(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited by these events, in id order."""
    ids = {i.strip() for cell in events["source_ids"] for i in str(cell).split(LIST_SEPARATOR) if i.strip()}
    return sources.loc[sources["source_id"].isin(ids)].sort_values("source_id")


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns as the CSV files hold them: ISO dates, empty cells for unknown."""
    out = frame[columns].copy()
    for name in columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    return out


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise spreadsheet formulas in text columns only; numbers (e.g. negative longitudes) untouched."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(neutralise_formula)
    return out


def _metadata_lines(description: str, sources: pd.DataFrame) -> list[str]:
    lines = [f"Karabakh Atlas dataset version {__version__}", description, "Sources:"]
    lines += [f"{r.source_id}: {r.publisher}, {r.title} {r.url}".strip() for r in sources.itertuples()]
    return lines


def events_csv(events: pd.DataFrame, sources: pd.DataFrame, description: str) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the accents), metadata in leading '#' comment lines."""
    buffer = io.StringIO()
    for line in _metadata_lines(description, cited_sources(events, sources)):
        buffer.write("# " + line.replace("\n", " ") + "\n")
    formula_safe(_plain(events, EXPORT_COLUMNS)).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def table_csv(frame: pd.DataFrame, description: str) -> bytes:
    """Any table (e.g. a prisoner series) as formula-safe CSV with its description."""
    buffer = io.StringIO()
    buffer.write("# " + description.replace("\n", " ") + "\n")
    formula_safe(_plain(frame, list(frame.columns))).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8-sig")


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def events_json(events: pd.DataFrame, sources: pd.DataFrame, description: str) -> bytes:
    payload = {
        "dataset_version": __version__,
        "description": description,
        "events": _records(_plain(events, EXPORT_COLUMNS)),
        "sources": _records(cited_sources(events, sources).drop(columns=["_row"], errors="ignore")),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def _timelinejs_date(stamp: pd.Timestamp, precision: str) -> dict[str, int]:
    parts = {"year": int(stamp.year)}
    if precision in ("month", "day"):
        parts["month"] = int(stamp.month)
    if precision == "day":
        parts["day"] = int(stamp.day)
    return parts


def _source_list_html(source_ids: str, by_id: dict[str, dict]) -> str:
    items = []
    for source_id in (i.strip() for i in source_ids.split(LIST_SEPARATOR) if i.strip()):
        source = by_id.get(source_id, {})
        label = escape_html(f"{source.get('publisher', '')}: {source.get('title', source_id)}")
        url = source.get("url", "")
        items.append(f'<a href="{escape_html(url)}">{label}</a>' if is_http_url(url) else label)
    return "; ".join(items)


def events_timelinejs(events: pd.DataFrame, sources: pd.DataFrame, description: str, lang: str = "en") -> bytes:
    """A TimelineJS JSON file; every text is HTML-escaped because TimelineJS renders it as HTML."""
    by_id = {r["source_id"]: r for r in _records(sources.drop(columns=["_row"], errors="ignore"))}
    title_col = f"title_{lang}" if f"title_{lang}" in events else "title_en"
    summary_col = f"summary_{lang}" if f"summary_{lang}" in events else "summary_en"
    slides = []
    for row in events.itertuples():
        title = getattr(row, title_col) or row.title_en
        summary = getattr(row, summary_col) or row.summary_en
        slide = {
            "unique_id": row.event_id,
            "start_date": _timelinejs_date(row.date_start, row.date_precision),
            "display_date": escape_html(row.date_display),
            "group": row.category,
            "text": {
                "headline": escape_html(title),
                "text": f"<p>{escape_html(summary)}</p><p>{_source_list_html(row.source_ids, by_id)}</p>",
            },
        }
        if row.date_end != row.date_start and row.date_precision == "day":
            slide["end_date"] = _timelinejs_date(row.date_end, row.date_precision)
        slides.append(slide)
    payload = {
        "title": {"text": {"headline": "Karabakh Atlas", "text": f"<p>{escape_html(description)}</p>"}},
        "events": slides,
        "dataset_version": __version__,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
