"""Columns computed once after loading, so filters and figures stay simple vectorised lookups."""

from __future__ import annotations

import unicodedata

import pandas as pd

from atlas.schema import ERAS, INDEPENDENT_SOURCE_TYPES, LIST_SEPARATOR

SEARCHED_COLUMNS = ("title_en", "title_fr", "title_hy", "summary_en", "summary_fr")


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'negociation' finds 'négociation'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def era_of_year(years: pd.Series) -> pd.Series:
    era = pd.Series("", index=years.index, dtype="str")
    for name, first, last in ERAS:
        era = era.mask(years.between(first, last), name)
    return era


def derive_event_columns(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add era, year, the types of the cited sources and a folded search text; rows in chronological order."""
    events = events.copy()
    events["year"] = events["date_start"].dt.year.astype("Int64")
    events["era"] = era_of_year(events["year"])
    type_of = dict(zip(sources["source_id"], sources["type"]))
    cited = events["source_ids"].str.split(LIST_SEPARATOR)
    events["source_types"] = cited.map(
        lambda ids: LIST_SEPARATOR.join(sorted({type_of.get(i.strip(), "") for i in ids} - {""}))
    )
    independent = set(INDEPENDENT_SOURCE_TYPES)
    events["independent"] = events["source_types"].map(lambda t: bool(independent & set(t.split(LIST_SEPARATOR))))
    joined = events[SEARCHED_COLUMNS[0]].fillna("")
    for column in SEARCHED_COLUMNS[1:]:
        joined = joined + " " + events[column].fillna("")
    events["search_text"] = joined.map(fold).astype("str")
    # Chronological once here, so atlas.filters.apply_filters need not sort on every rerun.
    return events.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)


def tag_vocabulary(events: pd.DataFrame) -> list[str]:
    """Every tag used by at least one event, sorted: the choices of the tag filter."""
    tags = events["tags"].fillna("").str.split(LIST_SEPARATOR).explode().str.strip()
    return sorted(set(tags) - {""})
