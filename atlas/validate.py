"""Checking raw string tables against the schema: typed frames out, every problem reported, nothing raised.

A row with any problem is set aside (it never reaches a page) and each of its problems is reported
with file, spreadsheet row and column. Checks are vectorised so a million-row file validates in
seconds. The editorial rules (a mirror or missing source address, words about how the data was made,
a number of the English summary missing from a translation) are reported the same way but keep the
row: the text is still true, only its wording or its link needs mending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from atlas.problems import Problem
from atlas.safe import is_http_url
from atlas.schema import (
    DATASET_FIRST_YEAR,
    DATASET_LAST_YEAR,
    LIST_SEPARATOR,
    SOURCE_TYPES_WITHOUT_URL,
    TABLES,
    Column,
    Table,
)
from atlas.sources_policy import mirror_reason, process_words

ROW_COLUMN = "_row"  # spreadsheet row number of each record, carried through for messages
REGION_LAT = (37.0, 43.5)
REGION_LON = (43.0, 51.5)
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no", ""}
# Columns a reader sees as prose, where words about how the data was made may not appear.
PROSE_COLUMNS = {
    "events": ("title_en", "title_fr", "title_hy", "summary_en", "summary_fr", "summary_hy"),
    "sources": ("publisher", "title"),
    "claims": ("claimant", "note"),
    "prisoner_counts": ("note",),
    "incursions": ("description_en",),
    "detainees": ("public_role",),
    "detainee_status": ("note",),
    "sponsors": ("note",),
}
# Separators a language may put inside a number: 100,417 / 100 417 / 100.417 / 60.06 / 60,06.
_NUMBER_SEPARATOR = re.compile(r"(?<=\d)[,. \u00a0\u202f](?=\d)")
_DIGITS = re.compile(r"\d+")


def numbers_in(text: str) -> list[str]:
    """Every number of ``text`` as its digit run, separators between digits removed, in order of appearance."""
    return _DIGITS.findall(_NUMBER_SEPARATOR.sub("", text or ""))


class _Collector:
    """Gathers problems for one table and remembers which rows they disqualify."""

    def __init__(self, table: Table, frame: pd.DataFrame):
        self.table, self.frame = table, frame
        self.problems: list[Problem] = []
        self.bad_index: set[int] = set()

    def flag(self, mask: pd.Series, column: str, message: str | Iterable[str], set_aside: bool = True) -> None:
        if not mask.any():
            return
        rows = self.frame.loc[mask, ROW_COLUMN]
        messages = [message] * len(rows) if isinstance(message, str) else list(message)
        for index, row, text in zip(rows.index, rows, messages):
            self.problems.append(Problem(self.table.file, int(row), column, text))
            if set_aside:
                self.bad_index.add(index)

    def note(self, mask: pd.Series, column: str, messages: list[str]) -> None:
        """Report a problem that does not disqualify the row."""
        for row, text in zip(self.frame.loc[mask, ROW_COLUMN], messages):
            self.problems.append(Problem(self.table.file, int(row), column, text))


def _split_list(series: pd.Series) -> pd.Series:
    return series.str.split(LIST_SEPARATOR).map(lambda items: [i.strip() for i in items if i.strip()])


def _check_column(col: Column, raw: pd.Series, out: _Collector) -> pd.Series:
    """Check one column; return its typed values (invalid cells become missing)."""
    text = raw.str.strip()
    blank = text == ""
    if col.required:
        out.flag(blank, col.name, "required value is empty")
    if col.kind in ("date",):
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = ~blank & parsed.isna()
        out.flag(bad, col.name, [f"'{v}' is not a date in the form YYYY-MM-DD" for v in text[bad]])
        return parsed
    if col.kind in ("integer", "number"):
        parsed = pd.to_numeric(text.where(~blank), errors="coerce")
        bad = ~blank & parsed.isna()
        out.flag(bad, col.name, [f"'{v}' is not a number" for v in text[bad]])
        if col.kind == "integer":
            fractional = parsed.notna() & (parsed % 1 != 0)
            out.flag(fractional, col.name, [f"'{v}' is not a whole number" for v in text[fractional]])
        for limit, outside, word in (
            (col.minimum, lambda v, lim: v < lim, "below"),
            (col.maximum, lambda v, lim: v > lim, "above"),
        ):
            if limit is not None:
                off = parsed.notna() & outside(parsed, limit)
                out.flag(off, col.name, [f"{v} is {word} the allowed {limit:g}" for v in text[off]])
        return parsed.astype("Int64") if col.kind == "integer" and not (parsed % 1 != 0).any() else parsed
    if col.kind == "boolean":
        lowered = text.str.lower()
        bad = ~lowered.isin(_TRUE | _FALSE)
        out.flag(bad, col.name, [f"'{v}' is not true or false" for v in text[bad]])
        return lowered.isin(_TRUE)
    if col.kind == "url":
        bad = ~blank & ~text.map(is_http_url).astype(bool)
        out.flag(bad, col.name, "only http:// or https:// addresses without spaces are accepted")
        return text
    if col.enum:
        bad = ~blank & ~text.isin(col.enum)
        out.flag(bad, col.name, [f"'{v}' is not one of: {', '.join(col.enum)}" for v in text[bad]])
    return text


def _check_table(table: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, _Collector]:
    frame = raw.reset_index(drop=True)
    out = _Collector(table, frame)
    present = set(frame.columns)
    for missing in [c for c in table.required_columns if c not in present]:
        out.problems.append(Problem(table.file, 1, missing, "required column is missing from the header"))
    for unknown in sorted(present - set(table.column_names) - {ROW_COLUMN}):
        out.problems.append(Problem(table.file, 1, unknown, "unknown column (ignored); see data/README.md"))
    typed = pd.DataFrame({ROW_COLUMN: frame[ROW_COLUMN]})
    for col in table.columns:
        raw_values = frame[col.name].fillna("") if col.name in present else pd.Series("", index=frame.index)
        typed[col.name] = _check_column(col, raw_values.astype("str"), out)
    _check_rules(table, typed, out)
    _check_editorial(table, typed, out)
    return typed, out


def _check_rules(table: Table, typed: pd.DataFrame, out: _Collector) -> None:
    """Rules that span columns or rows."""
    key = typed[table.primary_key]
    duplicate = key.ne("") & key.duplicated(keep="first")
    out.flag(duplicate, table.primary_key, [f"duplicate id '{v}' (first use kept)" for v in key[duplicate]])
    if "date_start" in typed and "date_end" in typed:
        reversed_dates = typed["date_start"] > typed["date_end"]
        out.flag(reversed_dates, "date_end", "date_end is before date_start")
        first = pd.Timestamp(f"{DATASET_FIRST_YEAR}-01-01")
        last = pd.Timestamp(f"{DATASET_LAST_YEAR}-12-31")
        for name in ("date_start", "date_end"):
            outside = typed[name].notna() & ((typed[name] < first) | (typed[name] > last))
            out.flag(outside, name, f"date lies outside {DATASET_FIRST_YEAR}-{DATASET_LAST_YEAR}")
    for what in ("killed", "displaced", "captured", "disappeared"):
        bounds = [c for c in (f"{what}_low", f"{what}_best", f"{what}_high") if c in typed]
        for lower, upper in zip(bounds, bounds[1:]):
            wrong = typed[lower].notna() & typed[upper].notna() & (typed[lower] > typed[upper])
            out.flag(wrong, upper, f"{upper} is smaller than {lower}")
    if table.name == "places":
        has_lat, has_lon = typed["lat"].notna(), typed["lon"].notna()
        out.flag(has_lat != has_lon, "lon" if has_lat.any() else "lat", "lat and lon must be given together")
        inside = typed["lat"].between(*REGION_LAT) & typed["lon"].between(*REGION_LON)
        stray = has_lat & has_lon & ~inside & ~typed["outside_region"]
        out.flag(stray, "lat", "coordinate lies outside the region; set outside_region to true if intended")


def _check_editorial(table: Table, typed: pd.DataFrame, out: _Collector) -> None:
    """Rules a reader or a journalist would catch: they are reported, and the row is kept."""
    for column in PROSE_COLUMNS.get(table.name, ()):
        found = typed[column].map(process_words)
        has = found.map(bool)
        messages = [f"words about how the data was made: {', '.join(repr(w) for w in words)}" for words in found[has]]
        out.flag(has, column, messages, set_aside=False)
    if table.name == "sources":
        reasons = typed["url"].map(mirror_reason)
        mirrored = reasons.ne("")
        out.flag(mirrored, "url", list(reasons[mirrored]), set_aside=False)
        missing = typed["url"].eq("") & ~typed["type"].isin(SOURCE_TYPES_WITHOUT_URL)
        message = f"a source needs its publisher's url unless its type is {' or '.join(SOURCE_TYPES_WITHOUT_URL)}"
        out.flag(missing, "url", message, set_aside=False)
    if table.name == "events":
        english = typed["summary_en"].map(numbers_in)
        for column in ("summary_fr", "summary_hy"):
            translated = typed[column].map(lambda text: set(numbers_in(text)))
            missing = [
                [n for n in dict.fromkeys(en) if n not in tr] if text.strip() else []
                for en, tr, text in zip(english, translated, typed[column])
            ]
            lacking = pd.Series([bool(m) for m in missing], index=typed.index)
            messages = [
                f"{event}: number(s) {', '.join(m)} of summary_en missing here"
                for event, m in zip(typed["event_id"], missing)
                if m
            ]
            out.flag(lacking, column, messages, set_aside=False)


def _check_references(typed: dict[str, pd.DataFrame], collectors: dict[str, _Collector]) -> None:
    keys = {
        t.name: set(typed[t.name].loc[~typed[t.name].index.isin(collectors[t.name].bad_index), t.primary_key])
        for t in TABLES
    }
    for table in TABLES:
        frame, out = typed[table.name], collectors[table.name]
        for col in (c for c in table.columns if c.references):
            target_table, _ = col.references.split(".")
            known = keys[target_table]
            values = frame[col.name]
            if col.kind == "list":
                items = _split_list(values)
                unknown = items.map(lambda ids, known=known: [i for i in ids if i not in known])
                bad = unknown.map(bool)
                out.flag(bad, col.name, [f"unknown id(s) {', '.join(u)} (not in {target_table})" for u in unknown[bad]])
            else:
                bad = values.ne("") & ~values.isin(known)
                messages = [f"unknown id '{v}' (not in {target_table})" for v in values[bad]]
                if col.keeps_row_on_unknown_reference:
                    out.note(bad, col.name, [f"{m}; the row is kept without it" for m in messages])
                    frame.loc[bad, col.name] = ""
                else:
                    out.flag(bad, col.name, messages)
    # Every event, count and claim stands on at least one source (rule 1 of the data).
    for name, column in (("events", "source_ids"), ("prisoner_counts", "source_ids"), ("incursions", "source_ids")):
        empty = _split_list(typed[name][column]).map(len) == 0
        collectors[name].flag(empty & typed[name][column].str.strip().ne(""), column, "no source id given")


def problem_order(problem: Problem) -> tuple:
    """Whole-file problems (a missing or unreadable file) first, since they explain the rows after them."""
    return (problem.row != 0, problem.file, problem.row, problem.column, problem.message)


def validate_tables(raw_tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Return typed frames holding only the rows without problems, and every problem found."""
    typed: dict[str, pd.DataFrame] = {}
    collectors: dict[str, _Collector] = {}
    for table in TABLES:
        typed[table.name], collectors[table.name] = _check_table(table, raw_tables[table.name])
    # References are checked twice so a row that points at a rejected row is rejected too.
    for _ in range(2):
        _check_references(typed, collectors)
    problems = sorted({p for c in collectors.values() for p in c.problems}, key=problem_order)
    clean = {
        name: frame.drop(index=sorted(collectors[name].bad_index)).reset_index(drop=True)
        for name, frame in typed.items()
    }
    return clean, problems
