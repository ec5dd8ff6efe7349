"""The publishing panel on the pages (AppTest): cite this view everywhere, old-version links say what changed,
renamed ids resolve, and the embedded view draws only the figure block."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from atlas import __version__
from atlas.versions import write_manifest
from tests.conftest import MINI, ROOT

APP = ROOT / "app.py"
PAGES = ["app_pages/timeline.py", "app_pages/map.py", "app_pages/prisoners.py", "app_pages/sources.py"]


def _app(monkeypatch, folder) -> AppTest:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
    return AppTest.from_file(str(APP), default_timeout=60)


def _codes(at: AppTest) -> list[str]:
    return [c.value for c in at.code]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_offers_a_citation_pinning_the_version(monkeypatch, page):
    at = _app(monkeypatch, MINI)
    at.query_params.update({"lang": "fr", "cat": "humanitarian"})
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert any(e.label == "Citer, partager ou intégrer cette vue" for e in at.expander)
    codes = _codes(at)
    link = codes[0]
    assert link.startswith("http://localhost:8501/") and f"v={__version__}" in link and "lang=fr" in link
    short = codes[1]
    assert "Karabakh Atlas" in short and "CC BY 4.0" in short and link in short and "consulté le" in short
    labels = [b.label for b in at.get("download_button")]
    assert "Télécharger en BibTeX" in labels and "Télécharger en CSL-JSON" in labels


def test_timeline_citation_names_sources_and_claimants_and_offers_an_embed(monkeypatch):
    at = _app(monkeypatch, MINI)
    at.query_params.update({"cat": "humanitarian"})
    at.run()
    long = _codes(at)[2]
    assert "1 of 4 events" in long and "USSR Prosecutor General" in long and "Armenian sources" in long
    iframe = next(c for c in _codes(at) if c.startswith("<iframe"))
    assert "embedded=1" in iframe and "embed=true" in iframe and 'loading="lazy"' in iframe
    assert 'title="Karabakh Atlas: Timeline. 1 of 4 events' in iframe and "aria-label=" in iframe
    labels = [b.label for b in at.get("download_button")]
    assert {"Download data package (zip)", "Download GeoJSON (events with a place)", "Download CSV"} <= set(labels)


def test_an_old_version_permalink_says_what_changed(monkeypatch, mini_dir):
    write_manifest(mini_dir, "0.0.9")
    lines = (mini_dir / "events.csv").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("EV-0002,")]
    lines = [line.replace("Sumgait pogrom", "Sumgait pogrom (1988)") for line in lines]
    (mini_dir / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    at = _app(monkeypatch, mini_dir)
    at.query_params.update({"v": "0.0.9"})
    at.run()
    assert not at.exception
    notices = [w.value.replace("\\", "") for w in at.warning]
    assert any(
        "made with dataset version 0.0.9" in n and f"now shows version {__version__}" in n and "events: 0 added" in n
        for n in notices
    ), notices
    assert any("1 removed" in n and "1 edited" in n for n in notices)
    table = next(e for e in at.expander if e.label == "Ids changed since version 0.0.9").dataframe[0].value
    assert sorted(table["Row"]) == ["EV-0001", "EV-0002"]
    # The citation of this view pins the current version, not the old one.
    assert f"v={__version__}" in _codes(at)[0] and "v=0.0.9" not in _codes(at)[0]


def test_a_link_with_the_current_or_an_unknown_version(monkeypatch):
    at = _app(monkeypatch, MINI)
    at.query_params.update({"v": __version__})
    at.run()
    assert not at.warning and not at.info
    at = _app(monkeypatch, MINI)
    at.query_params.update({"v": "9.9.9"})
    at.run()
    assert any("9.9.9, of which the atlas keeps no record" in w.value for w in at.warning)


def test_a_renamed_event_opens_under_its_new_id(monkeypatch, mini_dir):
    (mini_dir / "redirects.csv").write_text("old_id,new_id,note\nEV-0999,EV-0002,renamed\n", encoding="utf-8")
    at = _app(monkeypatch, mini_dir)
    at.query_params.update({"event": "EV-0999"})
    at.run()
    assert at.selectbox(key="event").value == "EV-0002"


def test_the_embedded_view_shows_only_the_figure_block(monkeypatch):
    at = _app(monkeypatch, MINI)
    at.query_params.update({"embedded": "1", "cat": "humanitarian,diplomatic"})
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert not at.title and not at.get("download_button") and not at.expander and not at.button
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)  # the chart's own title carries the filter sentence
    assert spec["layout"]["title"]["text"].startswith("2 of 4 events")
    assert any("CC BY 4.0" in a["text"] for a in spec["layout"]["annotations"])  # and its saved PNG the source line
    assert any("Sources (2)" in c.value.replace("\\", "") for c in at.caption)
    link = at.get("link_button")[0]
    assert link.proto.label == "Open in Karabakh Atlas"
    assert "embedded" not in link.proto.url and "cat=humanitarian%2Cdiplomatic" in link.proto.url
    assert at.query_params["embedded"] in ("1", ["1"])  # kept in the URL, so reloading the frame stays embedded


def test_the_map_offers_geojson_of_what_it_shows(monkeypatch):
    at = _app(monkeypatch, MINI)
    at.run()
    at.switch_page("app_pages/map.py")
    at.run()
    assert "Download GeoJSON of the incursions" in [b.label for b in at.get("download_button")]
    at = _app(monkeypatch, MINI)
    at.query_params.update({"map_mode": "events"})
    at.run()
    at.switch_page("app_pages/map.py")
    at.run()
    assert "Download GeoJSON (events with a place)" in [b.label for b in at.get("download_button")]
