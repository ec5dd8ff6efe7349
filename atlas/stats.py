"""Summary counts of a loaded dataset, printed by `python -m atlas stats`."""

from __future__ import annotations

import pandas as pd

from atlas.load import Dataset
from atlas.schema import CATEGORIES, ERAS, LIST_SEPARATOR, TABLES


def table_counts(dataset: Dataset) -> dict[str, int]:
    return {t.name: len(dataset.tables[t.name]) for t in TABLES}


def counts_by(events: pd.DataFrame, column: str, order: tuple[str, ...]) -> dict[str, int]:
    counts = events[column].value_counts()
    return {key: int(counts.get(key, 0)) for key in order}


def independent_share(events: pd.DataFrame) -> float:
    """Share of events citing at least one source that is neither a campaign document nor one side's voice."""
    return float(events["independent"].mean()) if len(events) else 0.0


def citation_counts(dataset: Dataset, tables: tuple[str, ...] | None = None) -> pd.Series:
    """How many rows cite each source, over every column the schema says refers to a source (events,
    claims, prisoner counts, detainees, incursions, sponsors, place coordinates), or over `tables` only."""
    cited = []
    for table in TABLES:
        if tables is not None and table.name not in tables:
            continue
        for column in (c for c in table.columns if c.references == "sources.source_id"):
            values = dataset.tables[table.name][column.name].astype("string").fillna("")
            cited.append(values.str.split(LIST_SEPARATOR).explode().str.strip())
    ids = pd.concat(cited) if cited else pd.Series(dtype="string")
    return ids.loc[ids != ""].value_counts()


def format_stats(dataset: Dataset) -> str:
    events = dataset.events
    lines = ["Rows per table:"]
    lines += [f"  {name:<16} {count:>6}" for name, count in table_counts(dataset).items()]
    lines.append("Events per era:")
    lines += [f"  {era:<18} {n:>6}" for era, n in counts_by(events, "era", tuple(e[0] for e in ERAS)).items()]
    lines.append("Events per category:")
    lines += [f"  {cat:<18} {n:>6}" for cat, n in counts_by(events, "category", CATEGORIES).items()]
    lines.append(f"Independently sourced events: {independent_share(events):.1%}")
    lines.append(f"Problems: {len(dataset.problems)}")
    return "\n".join(lines)
