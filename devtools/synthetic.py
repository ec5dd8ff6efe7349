"""Synthetic datasets for the scale benchmark: `python devtools/synthetic.py N [FOLDER]`.

A full data folder with the app's schema: every table but events.csv is copied from the real data, and
events.csv holds the real events (claims, counts and incursions point at them) plus generated rows with
valid ids, dates and precisions, categories, places, confidences and source ids that resolve. The generated
rows are plainly labelled "Synthetic event ..." so no one can mistake them for facts. Written under
build/bench/ (git-ignored); never committed.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.schema import CATEGORIES, CONFIDENCE_LEVELS, DATASET_FIRST_YEAR, DATASET_LAST_YEAR, EVENTS, TABLES  # noqa: E402

GENERATOR_VERSION = "2"
REAL_DATA = ROOT / "data"
_MONTHS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
_SUBJECTS = np.array(
    ["ceasefire talks", "shelling reported", "prisoner exchange", "border incident", "court hearing",
     "humanitarian convoy", "statement issued", "displacement reported", "negotiation round", "checkpoint closed"]
)  # fmt: skip
_TAGS = np.array(["", "", "border", "ceasefire", "negotiation", "blockade", "exchange", "trial", "border;ceasefire"])


def _data_stamp(source: Path, n: int, seed: int) -> str:
    digest = hashlib.sha256(f"{GENERATOR_VERSION}:{n}:{seed}".encode())
    for table in TABLES:
        path = source / table.file
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def synthetic_events(n: int, real_events: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame, seed: int):
    """`n` generated event rows (strings, as in the CSV)."""
    rng = np.random.default_rng(seed)
    first = pd.Timestamp(f"{DATASET_FIRST_YEAR}-01-01")
    span_days = (pd.Timestamp(f"{DATASET_LAST_YEAR - 1}-12-31") - first).days
    start = first + pd.to_timedelta(rng.integers(0, span_days, n), unit="D")
    precision = rng.choice(np.array(["day", "month", "year"]), n, p=[0.7, 0.2, 0.1])
    month_start = start.to_period("M").to_timestamp()
    year_start = start.to_period("Y").to_timestamp()
    date_start = np.where(precision == "day", start, np.where(precision == "month", month_start, year_start))
    date_start = pd.DatetimeIndex(date_start)
    date_end = np.where(
        precision == "day",
        date_start,
        np.where(precision == "month", date_start + pd.offsets.MonthEnd(0), date_start + pd.offsets.YearEnd(0)),
    )
    date_end = pd.DatetimeIndex(date_end)
    years = pd.Series(date_start.year.astype(str))
    months = pd.Series(_MONTHS[date_start.month - 1])
    days = pd.Series(date_start.day.astype(str))
    display = np.where(
        precision == "day",
        days + " " + months + " " + years,
        np.where(precision == "month", months + " " + years, years),
    )
    number = pd.Series(np.arange(1, n + 1)).astype(str)
    ids = "SYN-" + number.str.zfill(7)
    subject = pd.Series(rng.choice(_SUBJECTS, n))
    place = pd.Series(rng.choice(places["place_id"].to_numpy(), n))
    title = (
        "Synthetic event "
        + number
        + ": "
        + subject
        + " near "
        + place.map(dict(zip(places["place_id"], places["name_en"])))
    )
    source_ids = sources["source_id"].to_numpy()
    first_source = pd.Series(rng.choice(source_ids, n))
    second_source = pd.Series(rng.choice(source_ids, n))
    two = (rng.random(n) < 0.4) & (first_source != second_source)
    cited = first_source.where(~two, first_source + ";" + second_source)
    killed = np.where(rng.random(n) < 0.2, rng.integers(0, 50, n).astype(str), "")
    frame = pd.DataFrame(
        {
            "event_id": ids,
            "date_start": date_start.strftime("%Y-%m-%d"),
            "date_end": date_end.strftime("%Y-%m-%d"),
            "date_precision": precision,
            "date_display": display,
            "title_en": title,
            "title_fr": ("Événement synthétique " + number).where(rng.random(n) < 0.5, ""),
            "title_hy": "",
            "summary_en": "Generated for the benchmark only; not a real event. Subject: " + subject,
            "summary_fr": "",
            "category": rng.choice(np.array(CATEGORIES), n),
            "tags": rng.choice(_TAGS, n),
            "place_id": place.where(rng.random(n) < 0.85, ""),
            "killed_low": killed,
            "killed_best": killed,
            "killed_high": killed,
            "confidence": rng.choice(np.array(CONFIDENCE_LEVELS), n),
            "graphic": np.where(rng.random(n) < 0.05, "true", "false"),
            "source_ids": cited,
        }
    )
    return frame.reindex(columns=EVENTS.column_names, fill_value="")


def generate(folder: Path, n: int, seed: int = 9, source: Path = REAL_DATA) -> Path:
    """Write a data folder of `n` events into `folder` (reused when up to date): the real events, or below
    their number only those other tables cite, and generated rows for the rest."""
    folder = Path(folder)
    stamp = _data_stamp(source, n, seed)
    stamp_file = folder / ".synthetic-stamp"
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table.name != "events" and (source / table.file).is_file():
            shutil.copyfile(source / table.file, folder / table.file)
    for sub in (p for p in source.iterdir() if p.is_dir()):  # geo/, stories/: the pages read them too
        shutil.copytree(sub, folder / sub.name, dirs_exist_ok=True)
    read = lambda name: pd.read_csv(source / name, dtype="str", keep_default_na=False)  # noqa: E731
    real = read("events.csv")
    places = read("places.csv")
    sources = read("sources.csv")
    if n < len(real):  # a small set keeps only the real events that other tables point at
        real = real.loc[real["event_id"].isin(_referenced_events(source))]
    generated = synthetic_events(max(0, n - len(real)), real, places, sources, seed)
    events = pd.concat([real.reindex(columns=EVENTS.column_names, fill_value=""), generated], ignore_index=True)
    events.to_csv(folder / "events.csv", index=False)
    stamp_file.write_text(stamp)
    return folder


def _referenced_events(source: Path) -> set[str]:
    """Event ids cited by the other tables (claims, prisoner counts, incursions)."""
    ids: set[str] = set()
    for table in TABLES:
        for column in (c for c in table.columns if c.references == "events.event_id"):
            if (source / table.file).is_file():
                frame = pd.read_csv(source / table.file, dtype="str", keep_default_na=False)
                ids |= set(frame.get(column.name, pd.Series(dtype="str")))
    return ids - {""}


def dataset_dir(n: int) -> Path:
    return ROOT / "build" / "bench" / f"synthetic-{n}"


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else dataset_dir(size)
    print(generate(target, size))
