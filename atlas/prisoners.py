"""Series for the prisoner-status page, built from the typed tables; pure pandas, no drawing.

Rules kept here so the page cannot break them:
* counting bodies count different things (acknowledged by Baku, identified by lawyers, campaign lists),
  so a series is always one body's: nothing is summed or averaged across bodies;
* a count holds from its date until the same body's next count (step semantics), never beyond;
* ranges keep both ends (low, high) and a missing end stays missing ("at least 80");
* dates keep their interval and precision: a count dated "2022-2023" is not pinned to a day.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from atlas.i18n import format_period
from atlas.schema import COUNTING_BODIES, DETAINEE_STATUSES, LIST_SEPARATOR
from atlas.text import language_column, number_range, split_list  # noqa: F401 - number_range: the prisoner pages use it from here

SPLIT_COLUMNS = ("held_pow", "held_civilian", "held_leaders")
STATUS_RANK = {status: rank for rank, status in enumerate(DETAINEE_STATUSES)}


def split_ids(cell: object) -> list[str]:
    """The ids of a ';'-joined list cell, in order, without blanks or repeats."""
    return split_list(cell)


def join_ids(cells: pd.Series | list) -> str:
    """Every id cited by these cells, each once, in first-seen order."""
    return LIST_SEPARATOR.join(dict.fromkeys(i for cell in cells for i in split_ids(cell)))


def _body_order(bodies: pd.Series) -> pd.Series:
    order = {body: index for index, body in enumerate(COUNTING_BODIES)}
    return bodies.map(order).fillna(len(order))


def held_series_by_body(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per dated held count, grouped by counting body, each with the date it holds until.

    `valid_until` is the start of the same body's next count (NaT for its latest): the value a body gave
    holds until that body says something else, and says nothing about other bodies.
    """
    columns = ["count_id", "counting_body", "date_start", "date_end", "date_precision", "held_total"]
    columns += [*SPLIT_COLUMNS, "note", "source_ids"]
    held = counts.loc[counts["held_total"].notna(), columns].copy()
    held["_order"] = _body_order(held["counting_body"])
    held = held.sort_values(["_order", "date_start", "date_end", "count_id"], kind="stable").drop(columns="_order")
    held["valid_until"] = held.groupby("counting_body", sort=False)["date_start"].shift(-1)
    return held.reset_index(drop=True)


def latest_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Each body's most recent held count (latest possible date, then earliest), newest body first."""
    series = held_series_by_body(counts)
    if series.empty:
        return series
    latest = series.sort_values(["date_end", "date_start", "count_id"], kind="stable").groupby("counting_body").tail(1)
    return latest.sort_values(["date_end", "date_start"], ascending=False, kind="stable").reset_index(drop=True)


def split_rows(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts that break the held total down (prisoners of war / civilians / former leaders).

    `not_broken_down` is what the total leaves over the parts given (never negative); a row with parts but
    no total keeps an empty total.
    """
    has_split = counts[list(SPLIT_COLUMNS)].notna().any(axis=1)
    rows = counts.loc[has_split].copy()
    parts = rows[list(SPLIT_COLUMNS)].fillna(0).sum(axis=1)
    rows["not_broken_down"] = (rows["held_total"] - parts).clip(lower=0)
    columns = ["count_id", "counting_body", "date_start", "date_end", "date_precision", "held_total"]
    columns += [*SPLIT_COLUMNS, "not_broken_down", "note", "source_ids"]
    return rows.sort_values(["date_start", "count_id"])[columns].reset_index(drop=True)


def _event_titles(event_ids: pd.Series, events: pd.DataFrame, lang: str) -> pd.Series:
    by_id = dict(zip(events["event_id"], language_column(events, "title", lang)))
    return event_ids.map(lambda i: by_id.get(i, ""))


def _movements(counts: pd.DataFrame, events: pd.DataFrame, lang: str, what: str) -> pd.DataFrame:
    rows = counts.loc[counts[what].notna()].copy()
    rows["event_title"] = _event_titles(rows["event_id"], events, lang)
    columns = ["count_id", "date_start", "date_end", "date_precision", "counting_body", what, "event_id"]
    columns += ["event_title", "note", "source_ids"]
    return rows.sort_values(["date_start", "count_id"])[columns].reset_index(drop=True)


def releases(counts: pd.DataFrame, events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Every recorded release or exchange, one row per body that reported it, with its event's title."""
    return _movements(counts, events, lang, "released")


def captures(counts: pd.DataFrame, events: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Every recorded new capture or arrest, one row per body that reported it."""
    return _movements(counts, events, lang, "captured")


def movement_events(rows: pd.DataFrame, what: str) -> pd.DataFrame:
    """One row per release (or capture) event: rows of the same event are reports of one event, not more people.

    Rows that share an event_id are merged into one event with the lowest and highest number reported
    (equal when the reports agree) and every source; a row without an event_id is an event of its own.
    """
    if rows.empty:
        return pd.DataFrame(columns=["key", "date_start", "date_end", "date_precision", "low", "high", "source_ids"])
    keyed = rows.assign(key=rows["event_id"].where(rows["event_id"] != "", rows["count_id"]))
    grouped = keyed.groupby("key", sort=False)
    out = pd.DataFrame(
        {
            "date_start": grouped["date_start"].min(),
            "date_end": grouped["date_end"].max(),
            "date_precision": grouped["date_precision"].first(),
            "event_id": grouped["event_id"].first(),
            "event_title": grouped["event_title"].first(),
            "low": grouped[what].min(),
            "high": grouped[what].max(),
            "bodies": grouped["counting_body"].agg(lambda b: LIST_SEPARATOR.join(dict.fromkeys(b))),
            "source_ids": grouped["source_ids"].agg(join_ids),
        }
    )
    return out.reset_index().sort_values(["date_start", "key"]).reset_index(drop=True)


def disappeared_band(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts of people said to be missing in custody, each body's low and high kept apart.

    A row with only one end keeps the other empty: "at least 80" is not "80 to 80".
    """
    has_range = counts[["disappeared_low", "disappeared_high"]].notna().any(axis=1)
    columns = ["count_id", "counting_body", "date_start", "date_end", "date_precision"]
    columns += ["disappeared_low", "disappeared_high", "note", "source_ids"]
    rows = counts.loc[has_range, columns].rename(columns={"disappeared_low": "low", "disappeared_high": "high"})
    return rows.sort_values(["date_end", "date_start", "count_id"]).reset_index(drop=True)


def latest_disappeared(counts: pd.DataFrame) -> pd.DataFrame:
    """Each body's latest missing-in-custody range, newest first."""
    band = disappeared_band(counts)
    latest = band.groupby("counting_body", sort=False).tail(1)
    return latest.sort_values(["date_end", "date_start"], ascending=False).reset_index(drop=True)


def contested_counts(counts: pd.DataFrame, tolerance_days: int = 0) -> pd.DataFrame:
    """Pairs of held counts whose date intervals overlap (widened by tolerance_days) and whose totals differ.

    A pair is kept when the two rows come from different counting bodies, or from the same body (e.g. two
    newspapers, both "press") citing no common source. Each pair appears once, the earlier row as "a".
    """
    held = held_series_by_body(counts).sort_values(["date_start", "count_id"]).reset_index(drop=True)
    slack = pd.Timedelta(days=tolerance_days)
    pairs = []
    for i, a in held.iterrows():
        for _, b in held.iloc[i + 1 :].iterrows():
            if a["held_total"] == b["held_total"]:
                continue
            if a["date_start"] > b["date_end"] + slack or b["date_start"] > a["date_end"] + slack:
                continue
            same_body = a["counting_body"] == b["counting_body"]
            if same_body and set(split_ids(a["source_ids"])) & set(split_ids(b["source_ids"])):
                continue
            pair = {f"{side}_{k}": row[k] for side, row in (("a", a), ("b", b)) for k in _PAIR_FIELDS}
            pair["difference"] = abs(a["held_total"] - b["held_total"])
            pairs.append(pair)
    columns = [f"{side}_{k}" for side in "ab" for k in _PAIR_FIELDS] + ["difference"]
    frame = pd.DataFrame(pairs, columns=columns)
    return frame.sort_values(["b_date_end", "a_date_end"], ascending=False, kind="stable").reset_index(drop=True)


_PAIR_FIELDS = ("count_id", "counting_body", "date_start", "date_end", "date_precision", "held_total", "source_ids")


PRISONER_FIELDS = re.compile(r"held|captur|disappear|releas|prisoner|pow|detain|missing|exchang", re.IGNORECASE)


def related_claims(claims: pd.DataFrame, counts: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Claims about prisoners: every claim on an event filed under prisoners, and the prisoner-related
    claims (held, captured, released, disappeared...) on the other events the prisoner counts link to
    (a border clash's death toll is left to the timeline)."""
    prisoner_events = set(events.loc[events["category"] == "prisoners", "event_id"])
    linked = set(counts["event_id"]) - {""}
    about_prisoners = claims["field"].map(lambda f: bool(PRISONER_FIELDS.search(str(f))))
    keep = claims["event_id"].isin(prisoner_events) | (claims["event_id"].isin(linked) & about_prisoners)
    return claims.loc[keep].sort_values(["event_id", "field", "claim_id"]).reset_index(drop=True)


def _ordered_history(status: pd.DataFrame) -> pd.DataFrame:
    ranked = status.assign(_rank=status["status"].map(STATUS_RANK))
    return ranked.sort_values(["person_id", "date_start", "date_end", "_rank", "status_id"]).drop(columns="_rank")


def detainee_current_status(detainees: pd.DataFrame, status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """One row per named person: latest status, when captured, when tried, the published sentence, sources."""
    history = _ordered_history(status)
    by_person = history.groupby("person_id", sort=False)
    latest = by_person.tail(1).set_index("person_id")

    def first_of(kind: str) -> pd.DataFrame:
        return history.loc[history["status"] == kind].groupby("person_id").head(1).set_index("person_id")

    captured, tried = first_of("captured"), first_of("tried")
    sentences = history.loc[history["sentence"] != ""].groupby("person_id").tail(1).set_index("person_id")
    name_column = "name_hy" if lang == "hy" else "name_en"
    people = detainees.set_index("person_id")
    names = people[name_column].where(people[name_column] != "", people["name_en"])
    ids = people.index
    out = pd.DataFrame(
        {
            "person_id": ids,
            "name": names.reindex(ids).values,
            "group": people["group"].values,
            "public_role": people["public_role"].values,
            "status": latest["status"].reindex(ids).fillna("").values,
            "status_date_start": latest["date_start"].reindex(ids).values,
            "status_date_end": latest["date_end"].reindex(ids).values,
            "status_precision": latest["date_precision"].reindex(ids).fillna("").values,
            "captured_start": captured["date_start"].reindex(ids).values,
            "captured_end": captured["date_end"].reindex(ids).values,
            "captured_precision": captured["date_precision"].reindex(ids).fillna("").values,
            "tried_start": tried["date_start"].reindex(ids).values,
            "sentence": sentences["sentence"].reindex(ids).fillna("").values,
            "sentence_date_end": sentences["date_end"].reindex(ids).values,
        }
    )
    cited = [
        join_ids([people.loc[p, "source_ids"], *history.loc[history["person_id"] == p, "source_ids"]]) for p in ids
    ]
    out["source_ids"] = cited
    out["_rank"] = out["status"].map(STATUS_RANK).fillna(len(STATUS_RANK))
    out = out.sort_values(["_rank", "captured_start", "person_id"], na_position="last", kind="stable")
    return out.drop(columns="_rank").reset_index(drop=True)


def status_over_time(status: pd.DataFrame, until: date | None = None) -> pd.DataFrame:
    """Number of named persons in each status at the end of each month (a long frame: month, status, persons).

    A status counts from the latest date it may have begun (date_end): a sentence known only as
    "between 2023 and January 2026" is counted from January 2026, never earlier than a source allows.
    A person is counted from the first status a source dates, and keeps the latest status reached.
    """
    if status.empty:
        return pd.DataFrame(columns=["month", "status", "persons"])
    history = status.assign(_rank=status["status"].map(STATUS_RANK))
    history = history.sort_values(["person_id", "date_end", "_rank", "status_id"])
    first = history["date_end"].min().to_period("M")
    last = pd.Timestamp(until).to_period("M") if until is not None else history["date_end"].max().to_period("M")
    months = pd.period_range(first, max(first, last), freq="M")
    rows = []
    for month in months:
        month_end = month.to_timestamp(how="end")
        known = history.loc[history["date_end"] <= month_end]
        current = known.groupby("person_id").tail(1)["status"].value_counts()
        for status_name in DETAINEE_STATUSES:
            rows.append(
                {"month": month.to_timestamp(), "status": status_name, "persons": int(current.get(status_name, 0))}
            )
    return pd.DataFrame(rows)


def sponsors_with_people(
    sponsors: pd.DataFrame, places: pd.DataFrame, detainees: pd.DataFrame, lang: str = "en"
) -> pd.DataFrame:
    """Each sponsor with its town (name in lang, coordinate and its precision) and the people it sponsors."""
    place_names = language_column(places, "name", lang)
    by_place = places.assign(_name=place_names).set_index("place_id")
    person_column = "name_hy" if lang == "hy" else "name_en"
    person_names = detainees[person_column].where(detainees[person_column] != "", detainees["name_en"])
    names_by_id = dict(zip(detainees["person_id"], person_names))

    def place_value(place_id: str, column: str) -> object:
        return by_place.at[place_id, column] if place_id in by_place.index else None

    out = pd.DataFrame(
        {
            "sponsor_id": sponsors["sponsor_id"],
            "name": sponsors["name"],
            "type": sponsors["type"],
            "place_id": sponsors["place_id"],
            "town": [place_value(p, "_name") or "" for p in sponsors["place_id"]],
            "country": [place_value(p, "country") or "" for p in sponsors["place_id"]],
            "lat": [place_value(p, "lat") for p in sponsors["place_id"]],
            "lon": [place_value(p, "lon") for p in sponsors["place_id"]],
            "geo_precision": [place_value(p, "geo_precision") or "" for p in sponsors["place_id"]],
            "sponsored": [
                "; ".join(names_by_id.get(p, p) for p in split_ids(cell)) for cell in sponsors["sponsored_person_ids"]
            ],
            "note": sponsors["note"],
            "source_ids": sponsors["source_ids"],
        }
    )
    out["lat"] = pd.to_numeric(out["lat"], errors="coerce")
    out["lon"] = pd.to_numeric(out["lon"], errors="coerce")
    return out.reset_index(drop=True)


def as_of(*frames: pd.DataFrame, column: str = "date_end") -> date | None:
    """The latest date any of these rows may carry: the 'as of' date printed under a chart."""
    stamps = [f[column].max() for f in frames if column in f and not f.empty and f[column].notna().any()]
    return max(stamps).date() if stamps else None


def cited(*frames: pd.DataFrame) -> str:
    """Every source id the rows of these frames cite, once each, as a ';'-joined cell."""
    return join_ids([cell for f in frames for column in f.columns if "source_ids" in column for cell in f[column]])


def date_label(start: object, end: object, precision: str, lang: str = "en") -> str:
    """A date as precisely as it is known ('14 January 2026', 'March 2026', '2025'); '' when unknown."""
    if start is None or pd.isna(start):
        return ""
    start, end = pd.Timestamp(start), pd.Timestamp(end if end is not None and not pd.isna(end) else start)
    return format_period(start.date(), end.date(), precision, lang)


def latest_publication(source_ids: str, sources: pd.DataFrame) -> str:
    """The newest publication date (as written: YYYY, YYYY-MM or YYYY-MM-DD) among these sources."""
    wanted = set(split_ids(source_ids))
    dates = [d for d in sources.loc[sources["source_id"].isin(wanted), "date"] if isinstance(d, str) and d]
    return max(dates, default="")


def recent_and_earlier(latest: pd.DataFrame, months: int = 12) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each body's latest held count split in two: the bodies that counted in the last `months` months of
    counting (up to the newest count in the data, so a dataset not updated for a while still leads with
    its newest figures), newest first, and the older figures, which are not today's."""
    if latest.empty:
        return latest, latest
    cutoff = latest["date_end"].max() - pd.DateOffset(months=months)
    recent = latest["date_end"] > cutoff
    return latest.loc[recent].reset_index(drop=True), latest.loc[~recent].reset_index(drop=True)
