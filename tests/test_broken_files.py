"""Fault injection over the loaders: every broken file is named with file and row, and the good rows survive."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from atlas.__main__ import main as validate_command
from atlas.load import load_dataset
from atlas.safe import escape_html
from atlas.schema import TABLES
from tests.conftest import DATA, MINI, ROOT


def _ragged_row(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\r\n") + ",extra cell\n"
    return "".join(lines)


def _stray_cr(text: str) -> str:
    """A bare carriage return inside an unquoted cell, plus an extra cell: the csv module's worst case."""
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].rstrip("\r\n").replace(",", ",a\rb,", 1) + ",extra\n"
    return "".join(lines)


def _stray_lf(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace(",", ",\n", 1)
    return "".join(lines)


def _nul_bytes(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[1] = lines[1].replace(",", ",\x00", 1)
    return "".join(lines)


def _header_only(text: str) -> str:
    return text.splitlines(keepends=True)[0]


# name -> (how to break the text (None: write bytes or delete), the row the problem must name: None for any)
TEXT_FAULTS: dict[str, tuple[Callable[[str], str], int | None]] = {
    "ragged": (_ragged_row, 2),
    "stray_cr": (_stray_cr, 2),
    "stray_lf": (_stray_lf, 2),
    "nul": (_nul_bytes, 2),
}
FILE_FAULTS = ("binary", "empty", "missing")


def _break(folder: Path, file: str, fault: str) -> None:
    path = folder / file
    if fault == "missing":
        path.unlink()
    elif fault == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif fault == "empty":
        path.write_bytes(b"")
    elif fault == "header_only":
        path.write_text(_header_only(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        path.write_text(TEXT_FAULTS[fault][0](path.read_text(encoding="utf-8")), encoding="utf-8", newline="")


def _broken_copy(tmp_path: Path, file: str, fault: str) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    if len((folder / file).read_text(encoding="utf-8").splitlines()) < 2:
        # The tiny dataset leaves some tables empty: borrow a few real rows to have something to break.
        real = (DATA / file).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / file).write_text("".join(real[:3]), encoding="utf-8")
    _break(folder, file, fault)
    return folder


FILES = [t.file for t in TABLES]


@pytest.mark.parametrize("fault", [*TEXT_FAULTS, *FILE_FAULTS])
@pytest.mark.parametrize("file", FILES)
def test_every_broken_file_is_named_and_loading_goes_on(tmp_path, file, fault):
    data = load_dataset(_broken_copy(tmp_path, file, fault))
    named = [p for p in data.problems if p.file == file]
    assert named, f"{fault} in {file} was not reported"
    if fault in TEXT_FAULTS:  # the broken record itself is named, not only the references it breaks
        assert (TEXT_FAULTS[fault][1], "") in {(p.row, p.column) for p in named}, named
    # Every table is still there with its columns, so the pages have something to draw.
    for table in TABLES:
        assert set(table.column_names) <= set(data.tables[table.name].columns)


@pytest.mark.parametrize("file", FILES)
def test_a_header_only_file_is_an_empty_table_not_an_error(tmp_path, file):
    data = load_dataset(_broken_copy(tmp_path, file, "header_only"))
    table = next(t for t in TABLES if t.file == file)
    assert data.tables[table.name].empty
    assert not [p for p in data.problems if p.file == file and p.row == 0]


def test_the_validate_command_names_file_and_row(tmp_path):
    folder = _broken_copy(tmp_path, "events.csv", "stray_cr")
    result = subprocess.run(
        [sys.executable, "-m", "atlas", "validate", str(folder)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 1
    assert "events.csv:2:" in result.stdout


def test_one_bad_events_row_leaves_the_others(tmp_path):
    good = load_dataset(MINI).events
    data = load_dataset(_broken_copy(tmp_path, "events.csv", "stray_cr"))
    assert len(data.events) == len(good) - 1


def test_an_event_whose_place_cannot_be_resolved_is_still_an_event(tmp_path):
    good = load_dataset(MINI).events
    data = load_dataset(_broken_copy(tmp_path, "places.csv", "missing"))
    assert list(data.events["event_id"]) == list(good["event_id"])
    assert (data.events["place_id"] == "").all()
    assert any(p.file == "events.csv" and p.column == "place_id" for p in data.problems)


def test_a_missing_events_file_is_the_first_problem_listed(tmp_path):
    data = load_dataset(_broken_copy(tmp_path, "events.csv", "missing"))
    first = data.problems[0]
    assert (first.file, first.row) == ("events.csv", 0)
    assert "not found" in first.message


PAGES = ["app_pages/timeline.py", "app_pages/map.py", "app_pages/prisoners.py", "app_pages/stories.py"]


@pytest.mark.parametrize("file, fault", [("events.csv", "stray_cr"), ("places.csv", "missing")])
def test_every_page_still_renders_with_a_broken_file(tmp_path, monkeypatch, file, fault):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATLAS_DATA_DIR", str(_broken_copy(tmp_path, file, fault)))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    for page in PAGES:
        app.switch_page(page)
        app.run()
        assert not app.exception, (page, app.exception)


def test_a_story_whose_event_was_deleted_shows_its_step_with_a_notice(tmp_path, monkeypatch, capsys):
    from streamlit.testing.v1 import AppTest

    from atlas.stories import read_stories, validate_stories

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    [origins] = [s for s in read_stories(folder)[0] if s.story_id == "origins"]
    missing = origins.steps[0].event
    events = (folder / "events.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in events if not line.startswith(missing + ",")]
    (folder / "events.csv").write_text("".join(kept), encoding="utf-8")
    problems = validate_stories([origins], load_dataset(folder))
    assert [(p.file, p.row, p.column) for p in problems] == [(origins.file, 1, "event")]
    assert validate_command(["validate", str(folder)]) == 1
    assert f"{origins.file}:1:event: unknown event '{missing}'" in capsys.readouterr().out

    monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({"story": "origins", "step": "1"})
    app.run()
    app.switch_page("app_pages/stories.py")
    app.run()
    assert not app.exception
    assert any(missing in w.value.replace("\\", "") for w in app.warning)
    headline = "\n".join(str(h.proto.body) for h in app.get("html"))  # the step's caption is the slide's headline
    assert escape_html(origins.steps[0].caption["en"]) in headline
