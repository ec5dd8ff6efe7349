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
from atlas.maps import FIT_WIDTH_PX, PRESETS, preset_view, zoom_for_width
from atlas.problems import Problem
from atlas.url_state import FILTER_PARAMS

STORIES_FOLDER = "stories"
STEP_KEYS = {"event", "caption", "map", "filters", "source_ids"}
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
        stories.append(Story(str(raw["id"]), dict(raw.get("title") or {}), tuple(_step(s) for s in steps), name))
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
                if key not in FILTER_PARAMS:
                    flag("filters", f"unknown filter '{key}'")
    return problems


def clamp_step(story: Story, step: int) -> int:
    """A step number from a URL, kept inside the story (1-based, as shown to readers)."""
    return max(1, min(len(story.steps), step))


def next_step(story: Story, step: int, loop: bool = False) -> int:
    """The following step; in a kiosk loop the last step leads back to the first."""
    if step >= len(story.steps):
        return 1 if loop else len(story.steps)
    return step + 1


def map_view_state(name: str, points: pd.DataFrame, width_px: int = FIT_WIDTH_PX) -> pdk.ViewState:
    """The named map view of a step for a map `width_px` wide; 'fit' frames the step's own points."""
    if name == "europe":
        return pdk.ViewState(**{**EUROPE_VIEW, "zoom": zoom_for_width(EUROPE_VIEW["zoom"], width_px)})
    return preset_view(name, points, width_px)


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
