"""Each page run headless through AppTest from app.py: no exception, expected counts, permalinks restore."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MINI, ROOT

APP = ROOT / "app.py"

PAGES = ["app_pages/timeline.py", "app_pages/map.py", "app_pages/prisoners.py", "app_pages/sources.py"]


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(MINI))
    return AppTest.from_file(str(APP), default_timeout=60)


def _text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown).replace("\\", "")  # drop Markdown escapes


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(app, page):
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception
    assert len(app.title) == 1


def test_timeline_shows_count_and_first_event(app):
    app.run()
    assert "4 of 4 events (no filter)." in _text(app)
    assert app.selectbox(key="event").value == "EV-0003"


def test_permalink_restores_filters_language_and_event(app):
    app.query_params.update({"cat": "humanitarian,diplomatic", "lang": "fr", "event": "EV-0002"})
    app.run()
    assert app.multiselect(key="categories").value == ["humanitarian", "diplomatic"]
    assert app.selectbox(key="lang").value == "fr"
    assert app.selectbox(key="event").value == "EV-0002"
    assert "2 événements sur 4" in _text(app)
    # Switching page keeps the filters in the URL (Streamlit clears them on navigation).
    app.switch_page("app_pages/map.py")
    app.run()
    assert (
        app.query_params["cat"] == ["humanitarian,diplomatic"] or app.query_params["cat"] == "humanitarian,diplomatic"
    )


def test_link_naming_unknown_tags_and_places_still_opens(app):
    app.query_params.update({"tag": "un,no-such-tag", "place": "PL-NOWHERE", "cat": "diplomatic"})
    app.run()
    assert not app.exception
    assert app.multiselect(key="tags").value == ["un"]
    assert app.multiselect(key="places").value == []
    assert "1 of 4 events" in _text(app)


def test_widgets_write_the_url(app):
    app.run()
    app.text_input(key="query").input("soumgait").run()
    assert "1 of 4 events" in _text(app)
    assert app.query_params["q"] in ("soumgait", ["soumgait"])
    assert app.query_params["event"] in ("EV-0001", ["EV-0001"])


def test_events_table_is_built_only_when_opened_and_lists_the_filtered_events(app):
    app.query_params.update({"cat": "humanitarian,diplomatic"})
    app.run()

    def events_tables():
        return [frame.value for frame in app.dataframe if "Categories" in frame.value.columns]

    assert events_tables() == []  # closed: nothing built or sent
    app.session_state["events_table"] = True
    app.run()
    [table] = events_tables()
    assert len(table) == 2 and not app.exception
    assert set(table["Categories"]) == {"Humanitarian", "Diplomatic"}


def test_next_and_previous_step_through_filtered_events(app):
    app.run()
    app.button(key="next").click().run()
    assert app.selectbox(key="event").value == "EV-0001"
    app.button(key="previous").click().run()
    app.button(key="previous").click().run()
    assert app.selectbox(key="event").value == "EV-0003"


def test_classroom_mode_hides_graphic_details(app):
    app.query_params.update({"event": "EV-0001"})
    app.run()
    assert "Mobs attacked" in _text(app)
    app.toggle(key="classroom").set_value(True).run()
    assert "Mobs attacked" not in _text(app)
    assert any("classroom-safe" in i.value for i in app.info)


def test_bad_rows_show_a_data_issues_panel_and_the_app_goes_on(monkeypatch, mini_dir):
    text = (mini_dir / "events.csv").read_text(encoding="utf-8").replace("humanitarian", "massacre", 1)
    (mini_dir / "events.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(mini_dir))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    # The event and the two claims about it are set aside.
    assert any("Data issues: 3 rows" in e.label for e in at.expander)
    assert "3 of 3 events" in _text(at)


def test_missing_data_folder_gives_a_message(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert any("Data issues" in e.label for e in at.expander)
    assert any("No events" in i.value for i in at.info)


@pytest.mark.parametrize("story", ["origins", "war-blockade-exodus", "prisoners"])
def test_each_story_steps_from_first_to_last(monkeypatch, story):
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)  # the stories cite the bundled events
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"story": story, "step": "1"})
    at.run()
    at.switch_page("app_pages/stories.py")
    at.run()
    captions = [at.markdown[0].value]
    while not at.button(key="story_forward").disabled:
        at.button(key="story_forward").click().run()
        assert not at.exception
        captions.append(at.markdown[0].value)
    assert len(set(captions)) == len(captions) >= 5  # every step shows its own caption
    assert at.query_params["step"] in (str(len(captions)), [str(len(captions))])
    at.button(key="story_restart").click().run()
    assert at.markdown[0].value == captions[0]


def test_stories_hide_graphic_details_unless_asked(monkeypatch):
    monkeypatch.delenv("ATLAS_DATA_DIR", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"story": "origins", "step": "5"})  # Sumgait, flagged graphic
    at.run()
    at.switch_page("app_pages/stories.py")
    at.run()
    assert any("hidden" in i.value for i in at.info)
    shown = " ".join(str(h.proto.body) for h in at.get("html"))
    assert "Sumgait pogrom" not in shown and "graphic event" in shown  # the title is hidden too, its kind named
    at.toggle(key="graphic").set_value(True).run()
    assert not any("hidden" in i.value for i in at.info)
    assert "Sumgait pogrom" in " ".join(str(h.proto.body) for h in at.get("html"))


def test_large_selection_is_drawn_as_counts_and_not_listed(monkeypatch, mini_dir):
    import csv

    with open(mini_dir / "events.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    copies = [{**row, "event_id": f"EV-{n:06d}"} for n, row in enumerate(rows[:3] * 1100)]
    with open(mini_dir / "events.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(copies)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(mini_dir))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception
    assert "3,300 of 3,300 events" in _text(at)
    assert any("one by one" in i.value for i in at.info)
    assert len(at.selectbox(key="lang").options) == 3 and not [s for s in at.selectbox if s.key == "event"]


def test_sources_page_finds_by_word_and_type(app):
    app.run()
    app.switch_page("app_pages/sources.py")
    app.run()
    [table] = [frame.value for frame in app.dataframe]
    total = len(table)
    assert f"{total} of {total} sources" in [c.value for c in app.caption]
    app.text_input(key="source_query").input("sumgait").run()
    [table] = [frame.value for frame in app.dataframe]
    assert list(table["Id"]) == ["W-SUMGAIT"] and table["All rows citing it"].iloc[0] >= 2
    app.text_input(key="source_query").input("").run()
    app.multiselect(key="source_types_shown").select("campaign").run()
    [table] = [frame.value for frame in app.dataframe]
    assert 0 < len(table) < total and set(table["Type"]) == {"Campaign documents"}


def test_sources_page_search_lives_in_the_link(app):
    app.query_params.update({"find": "sumgait", "types": "encyclopedia"})
    app.run()
    app.switch_page("app_pages/sources.py")
    app.run()
    assert app.text_input(key="source_query").value == "sumgait"
    assert app.multiselect(key="source_types_shown").value == ["encyclopedia"]
    [table] = [frame.value for frame in app.dataframe]
    assert list(table["Id"]) == ["W-SUMGAIT"]
    app.text_input(key="source_query").input("libertas").run()
    assert app.query_params["find"] in ("libertas", ["libertas"])


def test_era_focus_from_a_link_is_kept_in_the_timelines_link(app):
    app.query_params.update({"focus": "second_war_2020"})
    app.run()
    assert not app.exception
    assert app.selectbox(key="focus").value == "second_war_2020"
    assert app.query_params["focus"] in ("second_war_2020", ["second_war_2020"])
    app.switch_page("app_pages/map.py")
    app.run()
    assert "focus" not in app.query_params  # the timeline's own parameter


def test_presentation_link_is_classroom_safe_unless_turned_off(app):
    app.query_params.update({"present": "1"})
    app.run()
    assert not app.exception and app.session_state["classroom"] is True
    off = AppTest.from_file(str(APP), default_timeout=60)
    off.query_params.update({"present": "1", "classroom": "0"})
    off.run()
    assert off.session_state["classroom"] is False
    assert off.query_params["classroom"] in ("0", ["0"])
