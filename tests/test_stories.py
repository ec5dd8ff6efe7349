"""Story files validate against the dataset; malformed stories are reported, not fatal; steps move sensibly."""

import math
from pathlib import Path

import pandas as pd
import pytest

from atlas.load import load_dataset
from atlas.maps import FIT_WIDTH_PX, PHONE_WIDTH_PX, PRESETS
from atlas.stories import clamp_step, map_view_state, next_step, read_stories, validate_stories
from tests.conftest import DATA


@pytest.fixture(scope="module")
def bundled():
    return read_stories(DATA), load_dataset(DATA)


def test_bundled_stories_are_valid(bundled):
    (stories, problems), dataset = bundled
    assert problems == []
    assert validate_stories(stories, dataset) == []
    assert {s.story_id for s in stories} == {"origins", "war-blockade-exodus", "prisoners"}
    assert all(len(s.steps) >= 5 for s in stories)


def test_story_steps_cover_their_periods(bundled):
    (stories, _), dataset = bundled
    years = dataset.events.set_index("event_id")["year"]
    spans = {s.story_id: (years[s.steps[0].event], years[s.steps[-1].event]) for s in stories}
    assert spans["origins"][0] == 1918 and spans["origins"][1] == 1994
    assert spans["war-blockade-exodus"] == (2020, 2023)
    assert spans["prisoners"][0] == 2020 and spans["prisoners"][1] == 2026


def _write(folder: Path, name: str, text: str) -> None:
    (folder / "stories").mkdir(exist_ok=True)
    (folder / "stories" / name).write_text(text, encoding="utf-8")


def test_broken_story_files_become_problems(mini_dir):
    _write(mini_dir, "a.yaml", "id: [unclosed")
    _write(mini_dir, "b.yaml", "just a string")
    _write(
        mini_dir,
        "c.yaml",
        "id: c\ntitle: {en: C}\nsteps:\n"
        "  - event: EV-9999\n    caption: {en: x}\n"
        "  - filters: {cat: prisoners, bogus: 1}\n    caption: {en: y, fr: y, hy: y}\n    map: moon\n",
    )
    stories, problems = read_stories(mini_dir)
    assert [p.file for p in problems] == ["stories/a.yaml", "stories/b.yaml"]
    found = {(p.row, p.column) for p in validate_stories(stories, load_dataset(mini_dir))}
    assert (0, "title") in found  # fr and hy titles missing
    assert {(1, "event"), (1, "caption"), (2, "filters"), (2, "map"), (2, "source_ids")} <= found


def test_step_arithmetic(bundled):
    (stories, _), _ = bundled
    story = stories[0]
    last = len(story.steps)
    assert clamp_step(story, 0) == 1 and clamp_step(story, 999) == last
    assert next_step(story, 1) == 2
    assert next_step(story, last) == last
    assert next_step(story, last, loop=True) == 1


def test_a_step_map_on_a_phone_shows_the_same_area_as_on_a_laptop():
    laptop = map_view_state("karabakh", pd.DataFrame(columns=["lat", "lon"]))
    phone = map_view_state("karabakh", pd.DataFrame(columns=["lat", "lon"]), PHONE_WIDTH_PX)
    assert laptop.zoom == PRESETS["karabakh"]["zoom"] and phone.zoom < laptop.zoom
    europe_on_phone = map_view_state("europe", pd.DataFrame(), PHONE_WIDTH_PX)
    assert europe_on_phone.zoom == pytest.approx(3.2 - math.log2(FIT_WIDTH_PX / PHONE_WIDTH_PX), abs=0.01)
