"""Border incursions as the map shows them: the months the data covers, one site per incursion (placed at its
village, else at its province's centre), sized by people killed or captured, and the month player's steps.
Pure pandas: the layers that draw them are in atlas.maps.incursion_layers."""

from __future__ import annotations

import math

import pandas as pd
from babel.dates import format_date

from atlas.i18n import LANGUAGES, format_day, format_number, translate
from atlas.maps.geodata import province_centres
from atlas.maps.style import (
    CURRENT_RING,
    MAX_SIZE_PX,
    MIN_SIZE_PX,
    PRECISION_RADIUS_M,
    SIZE_PER_ROOT_PX,
    YEAR_COLOURS,
    _rgb,
)
from atlas.text import in_language

# The period the map always offers (the border incursions after the 2020 war); the months of the data widen it.
INCURSION_FIRST_MONTH, INCURSION_LAST_MONTH = "2021-01", "2025-12"
# Year colours beyond those of the base period (YEAR_COLOURS), for years the data adds; distinct on the pale base.
EXTRA_YEAR_COLOURS = ("#3B0F70", "#8C2981", "#DE4968", "#2A788E", "#22A884")


def incursion_months(incursions: pd.DataFrame) -> list[str]:
    """The slider's months: whole years from the first incursion's to the last one's, and at least the base
    period, so a valid 2026 incursion appears on the map as soon as it is in the data."""
    dates = pd.concat([incursions.get("date_start", pd.Series()), incursions.get("date_end", pd.Series())]).dropna()
    first, last = INCURSION_FIRST_MONTH, INCURSION_LAST_MONTH
    if len(dates):
        first = min(first, f"{pd.Timestamp(dates.min()).year}-01")
        last = max(last, f"{pd.Timestamp(dates.max()).year}-12")
    return month_range(first, last)


def year_colours(years: object) -> dict[int, str]:
    """One colour per year shown, in order: the base period's plasma colours, then distinct extra ones."""
    wanted = sorted({int(y) for y in years if not pd.isna(y)} | set(YEAR_COLOURS))
    extra = iter(EXTRA_YEAR_COLOURS * (1 + len(wanted) // len(EXTRA_YEAR_COLOURS)))
    return {y: YEAR_COLOURS[y] if y in YEAR_COLOURS else next(extra) for y in wanted}


def _count(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def month_range(first: str = INCURSION_FIRST_MONTH, last: str = INCURSION_LAST_MONTH) -> list[str]:
    """'YYYY-MM' strings from first to last, inclusive."""
    return [str(p) for p in pd.period_range(first, last, freq="M")]


def month_label(month: str, lang: str) -> str:
    """'2021-05' as the reader says it: 'May 2021', 'mai 2021', 'մայիս 2021'."""
    first = pd.Period(month, freq="M").start_time.date()
    return format_date(first, format="LLLL y", locale=lang if lang in LANGUAGES else "en")


def episode_months(incursions: pd.DataFrame, months: list[str]) -> list[str]:
    """The months of the range in which an episode began, in order."""
    return sorted({d.strftime("%Y-%m") for d in incursions["date_start"].dropna()} & set(months))


def latest_month(incursions: pd.DataFrame, months: list[str]) -> str:
    """The last month of the range that has an episode (the page opens on it), else the last month."""
    return (episode_months(incursions, months) or months)[-1]


def play_start(incursions: pd.DataFrame, months: list[str], current: str) -> str | None:
    """Where Play starts: from the current month while episodes remain after it, else again from the first
    episode (so that, opened on the latest month, Play tells the story from May 2021). None: go on from current."""
    episodes = episode_months(incursions, months)
    if episodes and current >= episodes[-1]:
        return episodes[0]
    return None


def next_month(months: list[str], current: str) -> str | None:
    """The month after current in months, or None at the end (the player then stops)."""
    if current not in months:
        return months[0] if months else None
    position = months.index(current) + 1
    return months[position] if position < len(months) else None


def marker_size(people: int) -> float:
    """Marker radius in pixels for the number of people killed or captured (never below the minimum)."""
    return round(min(MAX_SIZE_PX, MIN_SIZE_PX + SIZE_PER_ROOT_PX * math.sqrt(max(people, 0))), 1)


def _date_text(start: pd.Timestamp, end: pd.Timestamp, lang: str) -> str:
    first = format_day(start.date(), lang)
    return first if pd.isna(end) or end == start else f"{first} – {format_day(end.date(), lang)}"


def incursion_sites(incursions: pd.DataFrame, places: pd.DataFrame, provinces: dict | None, lang: str) -> pd.DataFrame:
    """Every incursion with where it can be drawn: at its place's sourced coordinate, else at the centre of
    its province (marz) with a province-wide radius, else nowhere (lat/lon NaN, listed but not mapped)."""
    cols = ["place_id", "name_en", "name_fr", "name_hy", "lat", "lon", "geo_precision"]
    sites = incursions.merge(places[[c for c in cols if c in places]], on="place_id", how="left")
    sites = sites.sort_values(["date_start", "incursion_id"], kind="stable").reset_index(drop=True)
    centres = province_centres(provinces)
    rows = []
    for _, row in sites.iterrows():
        place_name = in_language(row, "name", lang) or str(row["place_id"])
        marz = str(row.get("marz") or "").strip() if not pd.isna(row.get("marz")) else ""
        first_marz = marz.split(";")[0].strip()
        lat, lon, placed_by = row.get("lat"), row.get("lon"), "place"
        radius = PRECISION_RADIUS_M.get(str(row.get("geo_precision")), PRECISION_RADIUS_M["district"])
        if pd.isna(lat) or pd.isna(lon):
            if first_marz in centres and row.get("geo_precision") != "country":
                lat, lon = centres[first_marz]
                placed_by, radius = "province", PRECISION_RADIUS_M["region"]
            else:
                lat, lon, placed_by = math.nan, math.nan, ""
        killed, captured = _count(row.get("killed_high")), _count(row.get("captured_high"))
        start = row["date_start"]
        dates = _date_text(start, row["date_end"], lang)
        lines = [f"{dates} — {place_name}" + (f" ({marz})" if marz else "")]
        lines.append(
            translate("map.tooltip_people", lang, killed=killed, captured=captured)
            if killed or captured
            else translate("map.tooltip_no_people", lang)
        )
        if placed_by == "province":
            lines.append(translate("map.tooltip_province", lang, marz=first_marz, km=radius // 1000))
        elif placed_by == "place":
            lines.append(
                translate(f"map.radius.{row.get('geo_precision')}", lang, km=format_number(radius / 1000, lang))
            )
        lines.append(translate(f"confidence.{row['confidence']}", lang))
        rows.append(
            {
                "incursion_id": row["incursion_id"],
                "event_id": "" if pd.isna(row.get("event_id")) else str(row.get("event_id")),
                "month": start.strftime("%Y-%m"),
                "year": int(start.year),
                "dates": dates,
                "place_name": place_name,
                "marz": marz,
                "killed": killed,
                "captured": captured,
                "lat": float(lat),
                "lon": float(lon),
                "radius_m": int(radius),
                "placed_by": placed_by,
                "tooltip": "\n".join(lines),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "incursion_id", "event_id", "month", "year", "dates", "place_name", "marz", "killed", "captured",
            "lat", "lon", "radius_m", "placed_by", "tooltip",
        ],
    )  # fmt: skip


def incursion_points(sites: pd.DataFrame, month: str, cumulative: bool = True) -> pd.DataFrame:
    """The mapped sites up to the month (or in that month only), the month's own drawn strongest.
    Only the columns the deck needs: no name column, the place name travels only inside `tooltip`."""
    mapped = sites.dropna(subset=["lat", "lon"])
    shown = mapped.loc[(mapped["month"] <= month) if cumulative else (mapped["month"] == month)]
    current = shown["month"] == month
    palette = year_colours(sites["year"])
    colours = shown["year"].map(lambda y: palette.get(int(y), "#444444"))
    return pd.DataFrame(
        {
            "incursion_id": shown["incursion_id"],
            "lat": shown["lat"],
            "lon": shown["lon"],
            "radius_m": shown["radius_m"],
            "size_px": (shown["killed"] + shown["captured"]).map(marker_size),
            "colour": [_rgb(c, 235 if now else 120) for c, now in zip(colours, current)],
            "area_colour": [_rgb(c, 45 if now else 15) for c, now in zip(colours, current)],
            "ring_colour": [_rgb(c, 230 if now else 60) for c, now in zip(colours, current)],
            "line_colour": [CURRENT_RING if now else [255, 255, 255, 220] for now in current],
            "line_px": [5 if now else 1 for now in current],
            "tooltip": shown["tooltip"],
        }
    ).reset_index(drop=True)


def month_summary(sites: pd.DataFrame, month: str, lang: str) -> str:
    """The month's sites in one line for the presenter: 'Goris (20 captured) · Jermuk'."""
    parts = []
    for _, site in sites.loc[sites["month"] == month].iterrows():
        people = []
        if site["killed"]:
            people.append(translate("map.killed_short", lang, count=int(site["killed"])))
        if site["captured"]:
            people.append(translate("map.captured_short", lang, count=int(site["captured"])))
        parts.append(site["place_name"] + (f" ({', '.join(people)})" if people else ""))
    return " · ".join(parts)
