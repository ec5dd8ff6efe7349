"""The incursion months and year colours come from the data: a 2026 incursion shows on the month slider."""

import pandas as pd
from streamlit.testing.v1 import AppTest

from atlas.incursions import incursion_months, year_colours
from atlas.maps.style import YEAR_COLOURS
from tests.conftest import ROOT

PLANTED = "IN-901,EV-0004,2026-03-10,2026-03-10,day,PL-EVIL,Syunik,Planted 2026 incursion.,,,1,1,single-source,EVIL\n"


def test_months_cover_the_base_period_and_every_year_the_data_has():
    base = incursion_months(pd.DataFrame({"date_start": [], "date_end": []}))
    assert (base[0], base[-1], len(base)) == ("2021-01", "2025-12", 60)
    later = pd.DataFrame({"date_start": pd.to_datetime(["2022-05-01", "2026-03-10"])})
    assert incursion_months(later)[-1] == "2026-12"


def test_every_year_gets_its_own_colour_and_the_base_years_keep_theirs():
    colours = year_colours(pd.Series([2021, 2026, 2027]))
    assert {y: colours[y] for y in YEAR_COLOURS} == YEAR_COLOURS
    assert len(set(colours.values())) == len(colours) == 7


def test_a_planted_2026_incursion_is_on_the_map_month_slider(mini_dir, monkeypatch):
    with open(mini_dir / "incursions.csv", "a", encoding="utf-8") as handle:
        handle.write(PLANTED)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(mini_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("app_pages/map.py")
    at.run()
    assert not at.exception
    slider = at.select_slider(key="map_month")
    assert slider.value == "2026-03"  # the latest month with an incursion is where the map opens
    assert "2026-03" in slider.options or "March 2026" in slider.options
    assert any("March 2026" in str(m.value) for m in at.markdown)
