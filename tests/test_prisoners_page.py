"""The prisoners page through AppTest from app.py: numbers, exports, languages, hostile strings, sponsor map note."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from atlas import prisoners as P
from atlas.load import load_dataset
from tests.conftest import DATA, MINI, ROOT
from tests.test_prisoners import COUNT_COLUMNS


@pytest.fixture(scope="module")
def bundled():
    return load_dataset(DATA)


def _page(monkeypatch, data_dir, lang: str = "en") -> AppTest:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/prisoners.py")
    at.run()
    return at


def _text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")


def test_page_answers_with_numbers_and_exports(monkeypatch):
    at = _page(monkeypatch, DATA)
    assert not at.exception
    text = _text(at)
    # The headline: each recent body's latest figure on one line with who counts and when, newest first.
    first, second = text.index("### 20 held — LIBERTAS, March 2026"), text.index("### 19 held — Press, 14–15 Jan 2026")
    assert first < second
    earlier = next(e for e in at.expander if e.label.startswith("Earlier counts"))
    assert "57 held — European Union" in " ".join(m.value for m in earlier.markdown)  # 2021: not today's
    assert "80–200 — LIBERTAS, March 2026" in text
    data = load_dataset(DATA)
    releases = P.movement_events(P.releases(data["prisoner_counts"], data.events), "released")
    assert f"in {len(releases)} releases recorded here" in text and len(releases) >= 10
    assert "Lyon" in text and "oc-media.org" in text
    assert len(at.get("download_button")) >= 8
    assert len(at.get("plotly_chart")) >= 4


def test_sponsor_map_note_names_exactly_the_sponsors_it_cannot_place(monkeypatch, bundled):
    at = _page(monkeypatch, DATA)
    [note] = [c.value.replace("\\", "") for c in at.caption if "in the list only" in c.value]  # drop Markdown escapes
    listed = note.split("in the list only: ", 1)[1].rstrip(".")
    tables = bundled.tables
    sponsors = P.sponsors_with_people(tables["sponsors"], tables["places"], tables["detainees"], "en")
    assert listed == ", ".join(sponsors.loc[sponsors["lat"].isna(), "name"])
    assert sponsors["lat"].notna().any()


def test_page_in_armenian_and_french(monkeypatch):
    at = _page(monkeypatch, DATA, "hy")
    assert not at.exception
    assert at.title[0].value.startswith("Ադրբեջանում")
    assert any("Սկսած" in str(frame.value.columns.tolist()) for frame in at.dataframe)
    at = _page(monkeypatch, DATA, "fr")
    assert "80–200 — LIBERTAS, mars 2026" in _text(at)


def test_page_without_prisoner_counts_says_so(monkeypatch):
    at = _page(monkeypatch, MINI)
    assert not at.exception
    assert [i.value for i in at.info] == ["No prisoner counts loaded."]


def test_page_keeps_hostile_strings_as_text(monkeypatch, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    header = ",".join(COUNT_COLUMNS)
    row = '2024-01-01,2024-01-01,day,press,5,,,,2,,7,,,"[x](javascript:alert(1)) <b>bold</b>",EVIL'
    (data / "prisoner_counts.csv").write_text(f"{header}\nPC-001,{row}\n", encoding="utf-8")
    at = _page(monkeypatch, data)
    assert not at.exception
    assert "](javascript" not in "\n".join(str(m.value) for m in at.markdown)  # never a javascript: link
    table = next(frame.value for frame in at.dataframe if "What the source says" in frame.value.columns)
    assert table["What the source says"].iloc[0] == "[x](javascript:alert(1)) <b>bold</b>"
