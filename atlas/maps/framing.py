"""Where a map looks: the named presets, a view fitted to the points for the frame the map is drawn in, and a
narrower (phone) map zoomed out to show the same area."""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from atlas.maps.style import FIT_HEIGHT_PX, FIT_MARGIN_DEG, FIT_WIDTH_PX, MAX_FIT_ZOOM, PRESETS, REGION_VIEW


def fit_view(points: pd.DataFrame, width_px: int = FIT_WIDTH_PX, height_px: int = FIT_HEIGHT_PX) -> pdk.ViewState:
    """The closest view that frames every point (with a margin) in a width x height pixel frame; the
    default frame is a laptop's, so a projector shows the same area with more around it."""
    if points.empty:
        return pdk.ViewState(**REGION_VIEW)
    # The margin holds the widest uncertainty circle too (a province-wide site is 40 km around its dot).
    widest = points["radius_m"].max() / 111_000 if "radius_m" in points and points["radius_m"].notna().any() else 0
    margin = max(FIT_MARGIN_DEG, 1.2 * widest)
    lat_min, lat_max = points["lat"].min() - margin, points["lat"].max() + margin
    lon_span = points["lon"].max() - points["lon"].min() + 2 * margin / math.cos(math.radians(lat_min))
    latitude = float((lat_min + lat_max) / 2)
    # Web Mercator, 512 px world at zoom 0 (deck.gl): lon degrees per pixel = 360 / (512 * 2**zoom), and a
    # degree of latitude is 1 / cos(latitude) times longer on screen than a degree of longitude.
    by_width = width_px * 360 / (512 * lon_span)
    by_height = height_px * 360 * math.cos(math.radians(latitude)) / (512 * (lat_max - lat_min))
    zoom = max(2.0, min(MAX_FIT_ZOOM, math.log2(min(by_width, by_height))))
    return pdk.ViewState(
        latitude=round(latitude, 4),
        longitude=round(float(points["lon"].min() + points["lon"].max()) / 2, 4),
        zoom=round(zoom, 2),
    )


# Armenia, Nakhchivan and Karabakh, centred so that a phone, which shows less width, still has them all.
BORDERS_FRAME = pd.DataFrame({"lat": [38.85, 41.3], "lon": [44.3, 47.6]})


def zoom_for_width(zoom: float, width_px: int) -> float:
    """A preset's zoom for a map `width_px` wide: one narrower than the laptop frame zooms out to show as much."""
    return round(zoom - max(0.0, math.log2(FIT_WIDTH_PX / width_px)), 2)


def preset_view(
    name: str, points: pd.DataFrame | None = None, width_px: int = FIT_WIDTH_PX, height_px: int = FIT_HEIGHT_PX
) -> pdk.ViewState:
    """A named preset, or the view fitted to the points for "fit" (the region when there are none), for a map
    `width_px` wide: a narrower map zooms out so it shows the same area (deck.gl keeps the zoom, not the area)."""
    if name in PRESETS:
        return pdk.ViewState(**{**PRESETS[name], "zoom": zoom_for_width(PRESETS[name]["zoom"], width_px)})
    return fit_view(
        points if points is not None else pd.DataFrame(columns=["lat", "lon"]), width_px=width_px, height_px=height_px
    )
