"""The validator names file, row and column for every problem, sets bad rows aside, and never raises."""

import csv
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas.__main__ import main
from atlas.load import load_dataset
from atlas.schema import EVENTS


def _rewrite(path: Path, edit) -> None:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    edit(rows)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


def test_fixture_is_clean(mini_dir):
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert len(dataset.events) == 4


def test_each_kind_of_mistake_is_located(mini_dir):
    def break_events(rows):
        rows[0]["date_start"] = "1988-02-30"
        rows[1]["category"] = "battle"
        rows[2]["source_ids"] = "SEED-LIB;NO-SUCH-SOURCE"
        rows[3]["event_id"] = rows[0]["event_id"]

    def break_places(rows):
        rows[0]["lat"] = "95"
        rows[1]["lat"], rows[1]["lon"] = "48.85", "2.35"  # Paris, not marked as outside the region

    _rewrite(mini_dir / "events.csv", break_events)
    _rewrite(mini_dir / "places.csv", break_places)
    dataset = load_dataset(mini_dir)
    located = {(p.file, p.row, p.column) for p in dataset.problems}
    assert ("events.csv", 2, "date_start") in located
    assert ("events.csv", 3, "category") in located
    assert ("events.csv", 4, "source_ids") in located
    assert ("events.csv", 5, "event_id") in located
    assert ("places.csv", 2, "lat") in located
    assert ("places.csv", 3, "lat") in located
    messages = " ".join(str(p) for p in dataset.problems)
    assert "NO-SUCH-SOURCE" in messages and "'battle' is not one of" in messages
    # Only the first event survives the row with the duplicate id... which itself had a bad date.
    assert "EV-0002" not in set(dataset.events["event_id"])


def test_cli_prints_file_row_column_and_exits_1(mini_dir, capsys):
    _rewrite(mini_dir / "events.csv", lambda rows: rows[1].update(category="battle"))
    assert main(["validate", str(mini_dir)]) == 1
    assert "events.csv:3:category: 'battle' is not one of" in capsys.readouterr().out
    assert main(["validate", str(Path(__file__).parent / "fixtures" / "mini")]) == 0


def test_missing_file_is_a_message_not_a_crash(mini_dir):
    (mini_dir / "events.csv").unlink()
    dataset = load_dataset(mini_dir)
    assert dataset.events.empty
    assert any(p.file == "events.csv" and "file not found" in p.message for p in dataset.problems)


def test_bom_is_read(mini_dir):
    path = mini_dir / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_dataset(mini_dir).problems == []


def test_semicolon_delimited_file_is_read(mini_dir):
    path = mini_dir / "events.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    dataset = load_dataset(mini_dir)
    assert dataset.problems == []
    assert len(dataset.events) == 4


def test_windows_1252_file_is_rejected_with_a_clear_message(mini_dir):
    path = mini_dir / "sources.csv"
    text = path.read_text(encoding="utf-8").replace("Sumgait pogrom", "Pogrom de Soumgaït")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    problems = load_dataset(mini_dir).problems
    assert any(p.file == "sources.csv" and "not UTF-8" in p.message and "CSV UTF-8" in p.message for p in problems)


def test_ragged_row_is_named_and_the_rest_kept(mini_dir):
    path = mini_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "EV-9999" + ",x" * 40 + "\n", encoding="utf-8")
    dataset = load_dataset(mini_dir)
    assert any(p.row == 6 and "cells" in p.message for p in dataset.problems)
    assert len(dataset.events) == 4


cell_text = st.text(alphabet=string.printable + "éաբ;,\"'=<>", max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({name: cell_text for name in EVENTS.column_names}), min_size=1, max_size=5))
def test_random_malformed_rows_never_raise(mini_dir, rows):
    path = mini_dir / "events.csv"
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=EVENTS.column_names).writerows(rows)
    dataset = load_dataset(mini_dir)
    # Whatever was appended, the good rows survive and every bad one is explained.
    assert {"EV-0001", "EV-0002", "EV-0003"} <= set(dataset.events["event_id"])
    assert all(p.file and p.message for p in dataset.problems)


def test_oversized_file_is_refused_unless_allowed(mini_dir, monkeypatch):
    path = mini_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n" * (2 * 2**20), encoding="utf-8")
    monkeypatch.setenv("ATLAS_MAX_FILE_MB", "1")
    assert any("larger than 1 MB" in p.message and p.file == "events.csv" for p in load_dataset(mini_dir).problems)
    monkeypatch.setenv("ATLAS_MAX_FILE_MB", "5")
    assert len(load_dataset(mini_dir).events) == 4


# Editorial rules: each plants one fault and sees it named with file, row and column; the row is kept.


def _problems_at(mini_dir, file, edit):
    _rewrite(mini_dir / file, edit)
    dataset = load_dataset(mini_dir)
    return dataset, {(p.file, p.row, p.column): p.message for p in dataset.problems}


def test_mirror_host_in_a_source_url_is_named(mini_dir):
    def plant(rows):
        rows[0]["url"] = "https://wikimili.com/en/Sumgait_pogrom"

    dataset, found = _problems_at(mini_dir, "sources.csv", plant)
    assert "mirror or scraper" in found[("sources.csv", 2, "url")]
    assert "W-SUMGAIT" in set(dataset.tables["sources"]["source_id"])  # reported, not set aside
    assert len(dataset.events) == 4


def test_source_without_url_is_named_unless_print_or_campaign(mini_dir):
    def plant(rows):
        rows[2]["url"] = ""  # UNSC-822, intergovernmental
        rows[1]["url"] = ""  # SEED-LIB, campaign: allowed

    _, found = _problems_at(mini_dir, "sources.csv", plant)
    assert "needs its publisher's url" in found[("sources.csv", 4, "url")]
    assert ("sources.csv", 3, "url") not in found


def test_process_words_are_named_in_every_prose_column(mini_dir):
    _rewrite(mini_dir / "events.csv", lambda rows: rows[1].update(summary_fr="Selon un document source (Wikipédia)."))
    _rewrite(mini_dir / "sources.csv", lambda rows: rows[0].update(title="Sumgait pogrom (infobox)"))
    _, found = _problems_at(mini_dir, "claims.csv", lambda rows: rows[0].update(claimant="Brief history (seed)"))
    assert "'(Wikipédia)'" in found[("events.csv", 3, "summary_fr")]
    assert "'infobox'" in found[("sources.csv", 2, "title")]
    assert "'seed'" in found[("claims.csv", 2, "claimant")]


def test_a_number_of_the_english_summary_missing_from_a_translation_is_named(mini_dir):
    def plant(rows):
        rows[0]["summary_fr"] = "Des foules ont attaqué des Arméniens à Soumgaït ; 23 morts."
        rows[1]["summary_en"] = "The Council demanded, on 30 April 1993, a halt to hostilities; 1,000 observers."
        rows[1]["summary_fr"] = "Le 30 avril 1993, le Conseil a exigé la cessation des hostilités ; 1 000 observateurs."
        for row in rows:
            row.setdefault("summary_hy", "")
        rows[1]["summary_hy"] = "Խորհուրդը 1993 թ. ապրիլի 30-ին պահանջեց դադարեցնել ռազմական գործողությունները։"

    dataset, found = _problems_at(mini_dir, "events.csv", plant)
    assert found[("events.csv", 2, "summary_fr")] == "EV-0001: number(s) 32 of summary_en missing here"
    assert ("events.csv", 3, "summary_fr") not in found  # 1,000 and 1 000 are the same number
    assert found[("events.csv", 3, "summary_hy")] == "EV-0002: number(s) 1000 of summary_en missing here"
    assert len(dataset.events) == 4


def test_number_formatting_does_not_count_as_a_difference():
    from atlas.validate import numbers_in

    assert numbers_in("100,417 people; 60.06 km²") == ["100417", "6006"]
    assert numbers_in("100\u202f417 personnes ; 60,06 km²") == ["100417", "6006"]
    assert numbers_in("27–28 September 2020") == ["27", "28", "2020"]
