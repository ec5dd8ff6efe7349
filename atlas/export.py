"""Exports of exactly the filtered rows: CSV (formula-safe), JSON and TimelineJS JSON.

The CSV is a plain RFC 4180 table (header row, CRLF, UTF-8 without BOM, no comment lines) that
`pandas.read_csv` and spreadsheets open with no option; its context (filter sentence, version, licence,
sources, contested claims) travels in the JSON export and the data package (atlas/package.py).
"""

from __future__ import annotations

import json

import pandas as pd

from atlas import __version__
from atlas.safe import escape_html, is_http_url, neutralise_formula
from atlas.schema import CLAIMS, EVENTS, LIST_SEPARATOR

EXPORT_COLUMNS = EVENTS.column_names


def cited_sources(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited by these events, in id order."""
    ids = {i.strip() for cell in events["source_ids"] for i in str(cell).split(LIST_SEPARATOR) if i.strip()}
    return sources.loc[sources["source_id"].isin(ids)].sort_values("source_id")


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns as the CSV files hold them: ISO dates, whole numbers without '.0', empty cells for unknown."""
    out = frame[columns].copy()
    for name in columns:
        column = out[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(column) and column.dropna().eq(column.dropna().round()).all():
            out[name] = column.astype("Int64")
    return out


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralise spreadsheet formulas in text columns only; numbers (e.g. negative longitudes) untouched."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(neutralise_formula)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The one CSV writer of every export: RFC 4180 (CRLF, quoted as needed), UTF-8 without BOM, booleans as
    the data files write them, text cells neutralised against spreadsheet formulas."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_bool_dtype(out[name]):
            out[name] = out[name].map({True: "true", False: "false"})
    return formula_safe(out).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def events_csv(events: pd.DataFrame) -> bytes:
    """The filtered events as a plain table, one row per event."""
    return csv_bytes(_plain(events, EXPORT_COLUMNS))


def table_csv(frame: pd.DataFrame) -> bytes:
    """Any table (e.g. a prisoner series) as a plain formula-safe CSV."""
    return csv_bytes(_plain(frame, list(frame.columns)))


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def claims_of(events: pd.DataFrame, claims: pd.DataFrame | None) -> pd.DataFrame:
    """The contested values (who says what) about these events."""
    if claims is None:
        return pd.DataFrame(columns=CLAIMS.column_names)
    return claims.loc[claims["event_id"].isin(events["event_id"]), CLAIMS.column_names]


def events_json(
    events: pd.DataFrame, sources: pd.DataFrame, description: str, claims: pd.DataFrame | None = None
) -> bytes:
    shown_claims = claims_of(events, claims)
    cited = pd.concat([events["source_ids"], shown_claims["source_id"]], ignore_index=True).to_frame("source_ids")
    payload = {
        "dataset_version": __version__,
        "licence": "CC-BY-4.0",
        "description": description,
        "events": _records(_plain(events, EXPORT_COLUMNS)),
        "claims": _records(shown_claims),
        "sources": _records(cited_sources(cited, sources).drop(columns=["_row"], errors="ignore")),
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
