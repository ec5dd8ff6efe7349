"""The incursion map: each site a dot coloured by year and sized by people killed or captured, with a circle for
what its coordinate stands for (a village is not a district), the month shown ringed, over the base."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk

from atlas.maps.eras import era_layers
from atlas.maps.framing import fit_view
from atlas.maps.geodata import month_end
from atlas.maps.layers import _dots, country_labels, map_deck, region_base, town_labels


def incursion_layers(points: pd.DataFrame) -> list[pdk.Layer]:
    """The location uncertainty (metres, translucent) under the markers (pixels, sized by people)."""
    uncertainty = _dots(
        points,
        "incursion-uncertainty",
        get_radius="radius_m",
        radius_units="'meters'",
        get_fill_color="area_colour",
        get_line_color="ring_colour",
        stroked=True,
        line_width_min_pixels=1,
        pickable=False,
    )
    markers = _dots(
        points,
        "incursions",
        get_radius="size_px",
        radius_units="'pixels'",
        get_fill_color="colour",
        get_line_color="line_colour",
        get_line_width="line_px",
        line_width_units="'pixels'",
        stroked=True,
        pickable=True,
        auto_highlight=True,
    )
    return [uncertainty, markers]


def incursions_deck(
    points: pd.DataFrame,
    geo: dict[str, dict],
    places: pd.DataFrame,
    lang: str,
    month: str,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """The incursion sites up to a month over the borders of that month's last day (eras muted)."""
    day = month_end(month)
    layers = region_base(geo, day) + era_layers(geo, day, lang, muted=True)
    layers += country_labels(geo, day, lang) + incursion_layers(points) + town_labels(places, lang)
    return map_deck(layers, view or fit_view(points))
