"""Summary counts of a loaded dataset, printed by `python -m atlas stats`."""

from __future__ import annotations

import pandas as pd

from atlas.load import Dataset
from atlas.schema import CATEGORIES, ERAS, TABLES


def table_counts(dataset: Dataset) -> dict[str, int]:
    return {t.name: len(dataset.tables[t.name]) for t in TABLES}


def counts_by(events: pd.DataFrame, column: str, order: tuple[str, ...]) -> dict[str, int]:
    counts = events[column].value_counts()
    return {key: int(counts.get(key, 0)) for key in order}


def independent_share(events: pd.DataFrame) -> float:
    """Share of events citing at least one source that is neither a seed nor one side's voice."""
    return float(events["independent"].mean()) if len(events) else 0.0


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
