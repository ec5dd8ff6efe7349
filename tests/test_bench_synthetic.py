"""The benchmark's synthetic data must be data the app accepts, or its scale figures would mean nothing.

No timing here: only that devtools/synthetic.py writes a folder that atlas.load.load_dataset validates with
zero problems, with the requested number of events, generated rows included and plainly labelled.
"""

from atlas.load import load_dataset
from atlas.schema import CATEGORIES
from devtools.synthetic import generate


def test_synthetic_dataset_validates_with_zero_problems(tmp_path):
    folder = generate(tmp_path / "synthetic", 200)
    data = load_dataset(folder)
    assert [p.as_dict() for p in data.problems] == []
    events = data.events
    assert len(events) == 200
    generated = events.loc[events["event_id"].str.startswith("SYN-")]
    assert len(generated) > 0
    assert generated["title_en"].str.startswith("Synthetic event").all()
    assert set(generated["category"]) <= set(CATEGORIES)
    assert (generated["date_start"] <= generated["date_end"]).all()
    sources = set(data.tables["sources"]["source_id"])
    cited = {i for cell in generated["source_ids"] for i in cell.split(";")}
    assert cited and cited <= sources


def test_synthetic_generation_is_reproducible(tmp_path):
    first = (generate(tmp_path / "a", 200) / "events.csv").read_bytes()
    second = (generate(tmp_path / "b", 200) / "events.csv").read_bytes()
    assert first == second
