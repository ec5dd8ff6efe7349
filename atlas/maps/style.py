"""How the maps look, in one place: sizes (frames, markers, zooms), colours, tooltip style, label font,
the named views, and which towns are labelled. No drawing here; the other map modules read these."""

from __future__ import annotations

# Radius drawn around a point for what its coordinate stands for (metres): a village is not a district.
PRECISION_RADIUS_M = {"exact": 500, "town": 2_500, "district": 15_000, "region": 40_000, "country": 120_000}


REGION_VIEW = {"latitude": 40.2, "longitude": 46.0, "zoom": 6.2}


# Map sizes, in pixels as the pages draw them: the map page and the sponsors' map, and a story step's map.
MAP_HEIGHT_PX, STORY_MAP_HEIGHT_PX = 560, 420
# fit_view's frame: a laptop's map width, and by default the height the map page draws its map at.
FIT_WIDTH_PX, FIT_HEIGHT_PX, FIT_MARGIN_DEG = 640, MAP_HEIGHT_PX, 0.25


PHONE_WIDTH_PX = 340  # the map's width on a 360-414 px phone, where the presets would cut off the east


MAX_FIT_ZOOM = 9.0  # a lone village still shows the villages around it


CURRENT_RING = [240, 228, 66, 255]  # Okabe-Ito yellow: the sites of the month shown, on any year colour


# Tooltip as text (innerText), in type a projector audience can read; style is CSS for the box only.
TOOLTIP_STYLE = {
    "fontSize": "18px",
    "backgroundColor": "#FFFFFF",
    "color": "#111111",
    "border": "1px solid #555555",
    "maxWidth": "420px",
    "whiteSpace": "pre-line",
}


# Tooltip as text (deck.gl sets innerText): data never becomes HTML, whatever it contains.
TOOLTIP = {"text": "{tooltip}", "style": TOOLTIP_STYLE}


# Named views for the presets (centre and zoom checked on screenshots at 1920x1080 and 390x844).
PRESETS = {
    "armenia_east": {"latitude": 40.0, "longitude": 45.55, "zoom": 7.4},
    "karabakh": {"latitude": 39.8, "longitude": 46.65, "zoom": 8.1},
    "region": {"latitude": 40.3, "longitude": 46.0, "zoom": 6.3},
}


BASE_LAYERS = ("countries", "provinces_am", "districts_az")


ERA_LAYERS = ("era_nkao", "era_held_1994", "era_post_2020")


SIMPLIFY_DEGREES = 0.002  # about 200 m: under a pixel at the closest preset (zoom 8)


# One colour per year of the incursion period (plasma, dark to light: readable on the pale base).
YEAR_COLOURS = {2021: "#0D0887", 2022: "#6A00A8", 2023: "#B12A90", 2024: "#E16462", 2025: "#FCA636"}


MIN_SIZE_PX, MAX_SIZE_PX, SIZE_PER_ROOT_PX = 9, 42, 3.5  # marker radius = 9 + 3.5 * sqrt(killed + captured)


# Era shapes: fill colour per feature (Okabe-Ito), the line of contact drawn as a black line.
ERA_COLOURS = {
    "Nagorno-Karabakh Autonomous Oblast": "#E69F00",
    "Area held by Armenian forces (1994-2020)": "#D55E00",
    "Line of contact (1994-2020)": "#000000",
    "Area under Armenian control with Russian peacekeepers": "#0072B2",
    "Lachin corridor": "#56B4E9",
}


ERA_DEFAULT_COLOUR = "#CC79A7"  # the districts handed over in November 2020


MIN_LABELLED_KM2 = 500  # era shapes smaller than this are named in the legend only


COUNTRY_FILLS = {"ARM": [250, 245, 232, 255], "AZE": [238, 238, 230, 255]}


OTHER_COUNTRY_FILL = [226, 226, 222, 255]


SEA_COLOUR = [214, 228, 238, 255]


KEY_TOWNS = (
    "PL-YEREVAN",
    "PL-STEPANAKERT",
    "PL-SHUSHA",
    "PL-GORIS",
    "PL-JERMUK",
    "PL-VARDENIS",
    "PL-LACHIN",
    "PL-GANJA",
    "PL-BAKU",
    "PL-NAKHCHIVAN",
    "PL-TBILISI",
)


BORDER_TOWNS = ("PL-YEREVAN", "PL-STEPANAKERT", "PL-GANJA", "PL-BAKU", "PL-NAKHCHIVAN", "PL-TBILISI")  # fewer, for eras


LABEL_LEFT = frozenset({"PL-SHUSHA", "PL-GORIS", "PL-JERMUK", "PL-YEREVAN"})  # left of the dot, clear of a neighbour


BORDER_LABEL_LEFT = frozenset({"PL-STEPANAKERT", "PL-YEREVAN"})  # the era names sit east of their shapes


COUNTRY_LABEL_AT = {"AZE": (40.75, 48.5)}  # (lat, lon) away from Karabakh, where the era names go


# System fonts only, never fetched; quoted so that pydeck sends it as a literal, not an expression.
LABEL_FONT = "'Noto Sans, DejaVu Sans, Noto Sans Armenian, sans-serif'"


def _rgb(hex_colour: str, alpha: int = 200) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]
