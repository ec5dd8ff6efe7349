"""Guided stories: ordered steps defined as data in data/stories/*.yaml, checked against the dataset.

A step shows one event (with its sources) or a filter state, a map view, and a short caption in
English, French and Armenian. Every step has a permalink: ?story=<id>&step=<n>.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pydeck as pdk
import yaml

from atlas.i18n import LANGUAGES
from atlas.load import Dataset
from atlas.maps import FIT_WIDTH_PX, PRESETS, all_events_deck, event_layer, map_deck, preset_view, zoom_for_width
from atlas.maps.layers import text_layer
from atlas.maps.sponsors import land_layers
from atlas.maps.style import KEY_TOWNS, STORY_MAP_HEIGHT_PX
from atlas.params import FILTER_KEYS, filters_from_step
from atlas.problems import Problem
from atlas.sources_policy import process_words

STORIES_FOLDER = "stories"
EUROPE_VIEW = {"latitude": 46.0, "longitude": 20.0, "zoom": 3.2}  # where the sponsoring towns are
MAP_VIEWS = (*PRESETS, "europe", "fit")


@dataclass(frozen=True)
class Step:
    caption: dict[str, str]
    event: str = ""
    map_view: str = "region"
    filters: dict[str, str] = field(default_factory=dict)  # query parameters, as in a permalink
    source_ids: tuple[str, ...] = ()  # for a caption's own facts; an event step also cites the event's sources


@dataclass(frozen=True)
class Story:
    story_id: str
    title: dict[str, str]
    steps: tuple[Step, ...]
    file: str
    hy_reviewed: bool = False  # true once an Armenian speaker has reviewed the title and captions

    def text(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]


def _step(raw: dict) -> Step:
    return Step(
        caption={str(k): str(v) for k, v in (raw.get("caption") or {}).items()},
        event=str(raw.get("event") or ""),
        map_view=str(raw.get("map") or "region"),
        filters={str(k): str(v) for k, v in (raw.get("filters") or {}).items()},
        source_ids=tuple(str(s) for s in raw.get("source_ids") or ()),
    )


def read_stories(data_dir: Path) -> tuple[list[Story], list[Problem]]:
    """Every story file in data_dir/stories, in file-name order; malformed files become problems."""
    stories, problems = [], []
    for path in sorted((Path(data_dir) / STORIES_FOLDER).glob("*.yaml")):
        name = f"{STORIES_FOLDER}/{path.name}"
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            problems.append(Problem(name, 0, "", f"not readable YAML: {err}"))
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("steps"), list) or not raw.get("id"):
            problems.append(Problem(name, 0, "", "expected keys 'id', 'title' and a list of 'steps'"))
            continue
        steps = [s for s in raw["steps"] if isinstance(s, dict)]
        if len(steps) != len(raw["steps"]):
            problems.append(Problem(name, 0, "steps", "every step must be a mapping"))
            continue
        reviewed = raw.get("hy_reviewed", False) is True
        title, parsed = dict(raw.get("title") or {}), tuple(_step(s) for s in steps)
        stories.append(Story(str(raw["id"]), title, parsed, name, hy_reviewed=reviewed))
    return stories, problems


def validate_stories(stories: list[Story], dataset: Dataset) -> list[Problem]:
    """Events, sources and filters named by each step exist; captions come in every language."""
    event_ids = set(dataset.events["event_id"])
    source_ids = set(dataset.tables["sources"]["source_id"])
    problems: list[Problem] = []
    seen_ids: set[str] = set()
    for story in stories:
        if story.story_id in seen_ids:
            problems.append(Problem(story.file, 0, "id", f"duplicate story id '{story.story_id}'"))
        seen_ids.add(story.story_id)
        for lang in LANGUAGES:
            if not story.title.get(lang):
                problems.append(Problem(story.file, 0, "title", f"title missing in '{lang}'"))
        for number, step in enumerate(story.steps, start=1):

            def flag(column: str, message: str, number: int = number, file: str = story.file) -> None:
                problems.append(Problem(file, number, column, message))

            missing = [lang for lang in LANGUAGES if not step.caption.get(lang)]
            if missing:
                flag("caption", f"caption missing in {', '.join(missing)}")
            words = [w for lang in LANGUAGES for w in process_words(step.caption.get(lang, ""))]
            if words:
                flag("caption", f"words about how the data was made: {', '.join(repr(w) for w in words)}")
            if step.event and step.event not in event_ids:
                flag("event", f"unknown event '{step.event}'")
            if not step.event and not step.filters:
                flag("event", "a step needs an event or filters")
            if not step.event and not step.source_ids:
                flag("source_ids", "a step without an event must cite its sources")
            for source_id in step.source_ids:
                if source_id not in source_ids:
                    flag("source_ids", f"unknown source '{source_id}'")
            if step.map_view not in MAP_VIEWS:
                flag("map", f"'{step.map_view}' is not one of: {', '.join(MAP_VIEWS)}")
            for key in step.filters:
                if key not in FILTER_KEYS:
                    flag("filters", f"unknown filter '{key}'")
            for notice in filters_from_step(step.filters)[1]:
                flag("filters", notice.text("en"))
    return problems


def clamp_step(story: Story, step: int) -> int:
    """A step number from a URL, kept inside the story (1-based, as shown to readers)."""
    return max(1, min(len(story.steps), step))


def next_step(story: Story, step: int, loop: bool = False) -> int:
    """The following step; in a kiosk loop the last step leads back to the first."""
    if step >= len(story.steps):
        return 1 if loop else len(story.steps)
    return step + 1


CAUCASUS_BOX = (38.0, 43.8, 42.5, 51.0)  # lat_min, lon_min, lat_max, lon_max: where the presets apply
EUROPE_BOX = (35.0, -11.0, 61.0, 51.0)
EUROPE_EVENT_ZOOM = 4.6  # an event in Paris or The Hague: its country and the neighbours
STORY_MAP_WIDTH_PX = 520  # a step's map beside its text: about 45% of a 1280 px slide


def _inside(box: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    return box[0] <= lat <= box[2] and box[1] <= lon <= box[3]


def map_view_state(
    name: str, points: pd.DataFrame, width_px: int = FIT_WIDTH_PX, height_px: int = STORY_MAP_HEIGHT_PX
) -> pdk.ViewState:
    """The map view of a step for a map `width_px` wide, framed on the step's event: the named preset's zoom
    centred on the event's place, so the event and the names around it sit inside the frame; an event in
    Europe (Paris, The Hague) gets the Europe view; a step without a placed event keeps the preset as named."""
    europe = pdk.ViewState(**{**EUROPE_VIEW, "zoom": zoom_for_width(EUROPE_VIEW["zoom"], width_px)})
    located = points.dropna(subset=["lat", "lon"]) if len(points) else points
    if len(located) != 1:
        return europe if name == "europe" else preset_view(name, points, width_px, height_px)
    lat, lon = float(located["lat"].iloc[0]), float(located["lon"].iloc[0])
    if not _inside(CAUCASUS_BOX, lat, lon):
        if _inside(EUROPE_BOX, lat, lon):  # closer than the whole of Europe, so the names do not crowd
            return pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom_for_width(EUROPE_EVENT_ZOOM, width_px))
        return europe if name == "europe" else preset_view(name, points, width_px, height_px)
    preset = PRESETS.get(name, PRESETS["region"])
    return pdk.ViewState(latitude=lat, longitude=lon, zoom=zoom_for_width(preset["zoom"], width_px))


def story_deck(
    points: pd.DataFrame, place_id: str, geo: dict, places: pd.DataFrame, lang: str, day: str, view: pdk.ViewState
) -> pdk.Deck:
    """A step's map: the region as on the day, the event's dot and, above it, its place's name (a key town
    already carries its name on every map)."""
    deck = all_events_deck(points, geo, places, lang, day, view)
    located = points.dropna(subset=["lat", "lon"]) if len(points) else points
    if len(located) == 1:
        lat, lon = float(located["lat"].iloc[0]), float(located["lon"].iloc[0])
        if not _inside(CAUCASUS_BOX, lat, lon) and _inside(EUROPE_BOX, lat, lon):
            # Paris, The Hague: today's outlines of Europe (the sponsor map's), not the empty region layers.
            box = (EUROPE_BOX[1], EUROPE_BOX[0], EUROPE_BOX[3], EUROPE_BOX[2])
            deck = map_deck([*land_layers(geo.get("europe"), box, lang), event_layer(points)], view)
    place = places.loc[places["place_id"] == place_id]
    if len(points) and len(place) and place_id not in KEY_TOWNS:
        column = f"name_{lang}" if f"name_{lang}" in place and place[f"name_{lang}"].iloc[0] else "name_en"
        rows = [
            {"position": [float(points["lon"].iloc[0]), float(points["lat"].iloc[0])], "text": place[column].iloc[0]}
        ]
        deck.layers.append(
            text_layer(
                "event-label",
                rows,
                18,
                [20, 20, 20, 255],
                size_units="'pixels'",
                font_weight=600,
                get_text_anchor="'middle'",
                get_pixel_offset=[0, -22],
            )  # fmt: skip
        )
    return deck


@dataclass(frozen=True)
class KioskClock:
    """A kiosk's timing state: the step shown, the last human input (None: nobody has touched it since the
    last reset) and when the step last changed."""

    step: int
    last_input: float | None
    last_advance: float


def kiosk_tick(story: Story, clock: KioskClock, now: float, autoplay: int, idle: int) -> KioskClock:
    """One tick of the kiosk clock. `idle` seconds after the last human input the story returns to step 1;
    autoplay's own steps are not input, so a kiosk nobody touches loops through every step. Every
    `autoplay` seconds the next step (looping)."""
    if idle and clock.last_input is not None and now - clock.last_input >= idle:
        if clock.step != 1:
            return KioskClock(1, None, now)
        clock = KioskClock(clock.step, None, clock.last_advance)
    if autoplay and now - clock.last_advance >= autoplay:
        return KioskClock(next_step(story, clock.step, loop=True), clock.last_input, now)
    return clock
