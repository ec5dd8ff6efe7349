"""What a reader is told about the text: the copy a source was read in, and Armenian not yet reviewed."""

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from atlas.load import load_dataset
from atlas.stories import read_stories, validate_stories
from tests.conftest import DATA, MINI, ROOT

NOTE_HY = "Թարգմանությունը դեռ չի ստուգվել"


def _page(monkeypatch, page: str, lang: str, data_dir: Path = MINI) -> AppTest:
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def test_source_links_add_the_archived_copy_in_the_readers_language():
    import ui

    sources = pd.DataFrame(
        {
            "source_id": ["A", "B", "C"],
            "type": ["encyclopedia", "print", "press"],
            "publisher": ["Wikipedia", "Human Rights Watch", "Daily"],
            "title": ["March Days", "Newsletter", "Same copy"],
            "url": ["https://en.wikipedia.org/wiki/March_Days", "", "https://example.org/a"],
            "archive_url": [
                "https://web.archive.org/web/2020/x(y)",
                "https://example.org/copy",
                "https://example.org/a",
            ],
        }
    )
    lines = ui.source_links("A;B;C", sources, "fr").splitlines()
    assert lines[0].startswith("- [Wikipedia\\: March Days](https://en.wikipedia.org/wiki/March_Days)")
    assert lines[0].endswith("· [copie archivée](https://web.archive.org/web/2020/x%28y%29)")
    assert (
        lines[1]
        == "- Human Rights Watch\\: Newsletter (Documents imprimés) · [copie archivée](https://example.org/copy)"
    )
    assert "archiv" not in lines[2]  # the copy is the page itself


def test_stories_say_whether_their_armenian_was_reviewed(mini_dir):
    (mini_dir / "stories").mkdir(exist_ok=True)
    body = "title: {en: T, fr: T, hy: T}\nsteps:\n  - event: EV-0001\n    caption: {en: c, fr: c, hy: c}\n"
    (mini_dir / "stories" / "a.yaml").write_text("id: a\n" + body, encoding="utf-8")
    (mini_dir / "stories" / "b.yaml").write_text("id: b\nhy_reviewed: true\n" + body, encoding="utf-8")
    stories, problems = read_stories(mini_dir)
    assert problems == []
    assert [s.hy_reviewed for s in stories] == [False, True]


def test_process_words_in_a_story_caption_are_named(mini_dir):
    (mini_dir / "stories").mkdir(exist_ok=True)
    text = "id: a\ntitle: {en: T, fr: T, hy: T}\nsteps:\n  - event: EV-0001\n"
    text += "    caption: {en: 'the seeds say', fr: c, hy: c}\n"
    (mini_dir / "stories" / "a.yaml").write_text(text, encoding="utf-8")
    stories, _ = read_stories(mini_dir)
    problems = validate_stories(stories, load_dataset(mini_dir))
    assert [(p.file, p.row, p.column) for p in problems] == [("stories/a.yaml", 1, "caption")]
    assert "'seeds'" in problems[0].message


def test_bundled_story_captions_are_free_of_process_words():
    stories, _ = read_stories(DATA)
    assert not [p for p in validate_stories(stories, load_dataset(DATA)) if "how the data was made" in p.message]


def test_sources_page_flags_unreviewed_armenian_labels_and_links_archived_copies(monkeypatch):
    at = _page(monkeypatch, "app_pages/sources.py", "hy")
    assert NOTE_HY in [c.value for c in at.caption]
    assert "արխիվացված պատճեն" in at.dataframe[0].value.columns
    at = _page(monkeypatch, "app_pages/sources.py", "fr")
    assert not [c for c in at.caption if "relue" in str(c.value)]  # French labels are reviewed


def test_event_detail_in_armenian_says_the_translation_is_not_reviewed(monkeypatch):
    at = _page(monkeypatch, "app_pages/timeline.py", "hy")
    assert NOTE_HY in [c.value for c in at.caption]
    at = _page(monkeypatch, "app_pages/timeline.py", "en")
    assert not [c for c in at.caption if "reviewed" in str(c.value)]
