"""One filter state for every page, one pure function that applies it, one sentence that describes it."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

import numpy as np
import pandas as pd

from atlas.derive import fold
from atlas.i18n import translate
from atlas.schema import LIST_SEPARATOR


@dataclass(frozen=True)
class FilterState:
    """Everything that decides which events are shown. Empty tuples and None mean 'no restriction'."""

    date_from: date | None = None
    date_to: date | None = None
    eras: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    independent_only: bool = False
    query: str = ""

    def is_empty(self) -> bool:
        return self == FilterState()

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def _any_item_in(joined: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose ';'-joined cell contains at least one of the wanted items."""
    pattern = (
        "(?:^|"
        + re.escape(LIST_SEPARATOR)
        + r")\s*(?:"
        + "|".join(re.escape(w) for w in wanted)
        + r")\s*(?:$|"
        + re.escape(LIST_SEPARATOR)
        + ")"
    )
    return joined.fillna("").str.contains(pattern, regex=True)


def filter_mask(events: pd.DataFrame, state: FilterState) -> pd.Series:
    """Boolean mask of the events that pass every filter.

    Date bounds are inclusive and test overlap: an event known only to the month or year is kept
    when any day it may have happened on lies inside the range.
    """
    mask = pd.Series(True, index=events.index)
    if state.date_from is not None:
        mask &= events["date_end"] >= pd.Timestamp(state.date_from)
    if state.date_to is not None:
        mask &= events["date_start"] <= pd.Timestamp(state.date_to)
    for column, wanted in (("era", state.eras), ("category", state.categories), ("confidence", state.confidence)):
        if wanted:
            mask &= events[column].isin(wanted)
    if state.places:
        mask &= events["place_id"].isin(state.places)
    if state.tags:
        mask &= _any_item_in(events["tags"], state.tags)
    if state.source_types:
        mask &= _any_item_in(events["source_types"], state.source_types)
    if state.independent_only:
        mask &= events["independent"]
    terms = fold(state.query).split()
    for term in terms:
        mask &= events["search_text"].str.contains(term, regex=False)
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
    if state.date_from or state.date_to:
        start = state.date_from.isoformat() if state.date_from else "1918"
        end = state.date_to.isoformat() if state.date_to else "2026"
        clauses.append(t("filter.between", start=start, end=end))
    if state.eras:
        clauses.append(t("filter.eras", items=", ".join(t(f"era.{e}") for e in state.eras)))
    if state.categories:
        clauses.append(t("filter.categories", items=", ".join(t(f"category.{c}") for c in state.categories)))
    if state.tags:
        clauses.append(t("filter.tags", items=", ".join(state.tags)))
    if state.places:
        clauses.append(t("filter.places", count=len(state.places)))
    if state.source_types:
        clauses.append(t("filter.source_types", items=", ".join(t(f"source_type.{s}") for s in state.source_types)))
    if state.confidence:
        clauses.append(t("filter.confidence", items=", ".join(t(f"confidence.{c}") for c in state.confidence)))
    if state.independent_only:
        clauses.append(t("filter.independent_only"))
    if state.query.strip():
        clauses.append(t("filter.query", query=state.query.strip()))
    head = t("filter.count", shown=shown, total=total)
    return head + (" — " + "; ".join(clauses) if clauses else " " + t("filter.none")) + t("filter.end")
