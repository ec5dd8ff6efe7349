"""Reading the dataset folder into typed DataFrames, reporting problems instead of raising.

Encoding decision: files must be UTF-8 (a BOM is accepted). A Windows-1252 file (French Excel's
"CSV" format) is rejected with a message saying so, because that encoding cannot hold the Armenian
titles and guessing it would turn accents into mojibake silently. Delimiter: a semicolon-delimited
file (French Excel's "CSV UTF-8") is read correctly, detected from its header line.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from atlas.derive import derive_event_columns, tag_vocabulary
from atlas.problems import Problem
from atlas.schema import TABLES, Table
from atlas.validate import ROW_COLUMN, validate_tables

DATA_DIR_ENV = "ATLAS_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_FILE_BYTES = 50 * 1024 * 1024  # far above the bundled data; stops a mistaken upload of a huge file
MAX_FILE_ENV = "ATLAS_MAX_FILE_MB"  # raise the cap for a deliberately large dataset (e.g. a million events)


def max_file_bytes() -> int:
    configured = os.environ.get(MAX_FILE_ENV, "").strip()
    return int(configured) * 2**20 if configured.isdigit() else MAX_FILE_BYTES


def data_dir_from_env() -> Path:
    """The folder the app reads: $ATLAS_DATA_DIR if set, else the bundled data/."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_DATA_DIR


@dataclass
class Dataset:
    folder: Path
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # vocabulary of the tag filter, computed once
    used_place_ids: frozenset[str] = frozenset()  # places at least one event refers to

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def events(self) -> pd.DataFrame:
        return self.tables["events"]


def _detect_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_raw_table(path: Path, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV as strings. On any file-level failure return an empty frame and the problem."""
    empty = pd.DataFrame({name: pd.Series(dtype="str") for name in (ROW_COLUMN, *table.column_names)})
    if not path.is_file():
        return empty, [Problem(table.file, 0, "", f"file not found in {path.parent}")]
    raw = path.read_bytes()
    limit = max_file_bytes()
    if len(raw) > limit:
        message = f"file is larger than {limit // 2**20} MB; set {MAX_FILE_ENV} to allow bigger files"
        return empty, [Problem(table.file, 0, "", message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return empty, [
            Problem(
                table.file,
                raw[: err.start].count(b"\n") + 1,
                "",
                "file is not UTF-8 (Excel's Windows-1252 'CSV' format?): save it as 'CSV UTF-8' and reload",
            )
        ]
    if not text.strip():
        return empty, [Problem(table.file, 0, "", "file is empty: expected a header row")]
    delimiter = _detect_delimiter(text.splitlines()[0])
    problems: list[Problem] = []
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype="str", keep_default_na=False, engine="c")
    except (pd.errors.ParserError, ValueError):
        # Some record has the wrong number of cells: re-read slowly to name each such row.
        frame, problems = _read_ragged(text, delimiter, table.file)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.fillna("")  # a short row leaves missing cells: treat them as empty, the checks name them
    if ROW_COLUMN not in frame.columns:
        frame.insert(0, ROW_COLUMN, range(2, len(frame) + 2))
    return frame, problems


def _read_ragged(text: str, delimiter: str, file_name: str) -> tuple[pd.DataFrame, list[Problem]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    records, rows, problems = [], [], []
    for row_number, record in enumerate(reader, start=2):
        if len(record) != len(header):
            problems.append(
                Problem(
                    file_name, row_number, "", f"row has {len(record)} cells, the header has {len(header)}; skipped"
                )
            )
            continue
        records.append(record)
        rows.append(row_number)
    frame = pd.DataFrame(records, columns=header, dtype="str")
    frame.insert(0, ROW_COLUMN, rows)
    return frame, problems


def load_dataset(folder: Path | None = None) -> Dataset:
    """Read, validate and type every table; rows with problems are set aside and reported."""
    folder = Path(folder) if folder is not None else data_dir_from_env()
    raw_tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for table in TABLES:
        frame, file_problems = read_raw_table(folder / table.file, table)
        raw_tables[table.name] = frame
        problems.extend(file_problems)
    tables, validation_problems = validate_tables(raw_tables)
    problems.extend(validation_problems)
    events = tables["events"] = derive_event_columns(tables["events"], tables["sources"])
    return Dataset(
        folder=folder,
        tables=tables,
        problems=sorted(problems),
        tags=tag_vocabulary(events),
        used_place_ids=frozenset(events["place_id"]) - {""},
    )
