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
from atlas.validate import ROW_COLUMN, problem_order, validate_tables

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
    return _read_records(text, delimiter, table.file)


def _read_records(text: str, delimiter: str, file_name: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Every well-formed record as strings; each malformed one becomes a problem naming its row.

    The csv module, not pandas, decides what a record is: pandas pads a short row silently and reads a
    first row with one cell too many as an index column, shifting every cell. ``newline=""`` lets a bare
    carriage return end a record instead of raising. It is also faster than pandas' reader for strings.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    records, rows, problems = [], [], []
    try:
        header = next(reader)
        for row_number, record in enumerate(reader, start=2):
            if len(record) != len(header):
                if not any(cell.strip() for cell in record):
                    continue  # a blank line, e.g. at the end of a hand-edited file
                message = f"row has {len(record)} cells, the header has {len(header)}; skipped"
            elif any("\x00" in cell for cell in record):
                message = "row contains a NUL byte (binary data?); skipped"
            else:
                records.append(record)
                rows.append(row_number)
                continue
            problems.append(Problem(file_name, row_number, "", message))
    except csv.Error as err:
        problems.append(Problem(file_name, reader.line_num, "", f"unreadable from here on ({err}); rest skipped"))
    header = [name.strip() for name in header]
    for position, name in enumerate(header):
        if name in header[:position]:
            problems.append(Problem(file_name, 1, name, "column appears twice in the header; the first is read"))
            header[position] = f"{name} (repeated in column {position + 1})"
    frame = pd.DataFrame(records, columns=header, dtype="str") if header else pd.DataFrame()
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
        problems=sorted(problems, key=problem_order),
        tags=tag_vocabulary(events),
        used_place_ids=frozenset(events["place_id"]) - {""},
    )
