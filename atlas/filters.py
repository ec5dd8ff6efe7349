"""One filter state for every page, one pure function that applies it, one sentence that describes it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from atlas.i18n import translate
from atlas.params import FILTERS, FilterState

__all__ = ["FilterState", "apply_filters", "describe", "filter_mask", "is_chronological"]


def filter_mask(events: pd.DataFrame, state: FilterState) -> pd.Series:
    """Boolean mask of the events that pass every filter declared in atlas.params.

    Date bounds are inclusive and test overlap: an event known only to the month or year is kept
    when any day it may have happened on lies inside the range.
    """
    mask = pd.Series(True, index=events.index)
    for param in FILTERS:
        value = getattr(state, param.field)
        if value != param.default and value not in (None, "", ()):
            mask &= param.narrow(events, value)
    return mask


CHRONOLOGICAL = ["date_start", "event_id"]


def is_chronological(events: pd.DataFrame) -> bool:
    """True when the rows are already ordered by date_start, then event_id (vectorised, no sort)."""
    if len(events) < 2:
        return True
    dates = events["date_start"].to_numpy()
    if not (dates[1:] >= dates[:-1]).all():
        return False
    tie = np.flatnonzero(dates[1:] == dates[:-1])
    if not len(tie):
        return True
    ids = events["event_id"].to_numpy(dtype=object)
    return bool((ids[tie + 1] >= ids[tie]).all())


def apply_filters(events: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The events that pass, in chronological order: the single source for every view and export.

    The loaded events are already in this order (atlas.derive sorts them once), so the kept rows are
    only re-sorted when the input is not: sorting a million rows on every rerun cost about a second.
    """
    mask = filter_mask(events, state)
    kept = events.copy(deep=False) if mask.all() else events.loc[mask]
    return kept if is_chronological(kept) else kept.sort_values(CHRONOLOGICAL, kind="stable")


def describe(state: FilterState, lang: str, shown: int, total: int) -> str:
    """One sentence, in the reader's language, that says what is on screen."""
    t = lambda key, **kw: translate(key, lang, **kw)  # noqa: E731 - a local shorthand keeps the clauses readable
    clauses: list[str] = []
    for param in FILTERS:
        if param.clause is None:
            continue
        value = getattr(state, param.field)
        if param.active is not None:
            if param.active(state):
                clauses.append(t(f"filter.{param.sentence or param.field}", **param.clause(state, t)))
        elif value != param.default and value not in (None, "", ()):
            clauses.append(t(f"filter.{param.sentence or param.field}", **param.clause(value, t)))
    head = t("filter.count", shown=shown, total=total)
    return head + (" — " + "; ".join(clauses) if clauses else " " + t("filter.none")) + t("filter.end")
