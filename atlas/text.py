"""Small text helpers every page shares: the reader's language else English, ';' lists, number ranges,
place names, and the Markdown list of sources under a fact."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd

from atlas.i18n import DEFAULT_LANGUAGE, translate
from atlas.safe import escape_markdown, is_http_url
from atlas.schema import LIST_SEPARATOR


def split_list(cell: object) -> list[str]:
    """The items of a ';'-separated cell, stripped, empty ones and repeats dropped, in order."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return list(dict.fromkeys(i.strip() for i in str(cell).split(LIST_SEPARATOR) if i.strip()))


def in_language(record: Mapping | pd.Series, stem: str, lang: str) -> str:
    """`<stem>_<lang>` of a row or mapping where it is filled, else `<stem>_en` (titles, names, summaries)."""
    value = record.get(f"{stem}_{lang}")
    if not isinstance(value, str) or not value.strip():
        value = record.get(f"{stem}_{DEFAULT_LANGUAGE}")
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def language_column(frame: pd.DataFrame, stem: str, lang: str) -> pd.Series:
    """The column `<stem>_<lang>` with empty cells filled from English: the vectorised in_language."""
    english = frame[f"{stem}_{DEFAULT_LANGUAGE}"]
    column = f"{stem}_{lang}"
    if column not in frame:
        return english
    return frame[column].where(frame[column].notna() & (frame[column] != ""), english)


def place_labels(places: pd.DataFrame, lang: str) -> dict[str, str]:
    """Place id -> name in the reader's language (English where no translation is given)."""
    return dict(zip(places["place_id"], language_column(places, "name", lang)))


def number_range(low: object, high: object, best: object = None) -> str:
    """'80–200', '80–200 (120)' with a best estimate, or the one known value; '' when none is known."""
    low, best, high = (None if v is None or pd.isna(v) else int(v) for v in (low, best, high))
    if low is not None and high is not None and low != high:
        return f"{low}–{high}" + (f" ({best})" if best is not None else "")
    known = next((v for v in (best, low, high) if v is not None), None)
    return "" if known is None else str(known)


def count_of(row: pd.Series, what: str) -> str:
    """An event's figure ('killed', 'displaced', 'captured') as a range from its low/best/high columns."""
    return number_range(row.get(f"{what}_low"), row.get(f"{what}_high"), row.get(f"{what}_best"))


def source_links(source_ids: str, sources: pd.DataFrame, lang: str = "en") -> str:
    """Markdown list of sources: escaped labels, links only for http(s) URLs."""
    by_id = sources.set_index("source_id")
    lines = []
    for source_id in split_list(source_ids):
        if source_id not in by_id.index:
            continue
        row = by_id.loc[source_id]
        label = escape_markdown(f"{row['publisher']}: {row['title']}")
        kind = escape_markdown(translate(f"source_type.{row['type']}", lang))
        line = f"- [{label}]({_link(row['url'])}) ({kind})" if is_http_url(row["url"]) else f"- {label} ({kind})"
        archive = row.get("archive_url", "")
        if is_http_url(archive) and archive != row["url"]:
            line += f" · [{escape_markdown(translate('source.archived_copy', lang))}]({_link(archive)})"
        lines.append(line)
    return "\n".join(lines)


def _link(url: str) -> str:
    return quote(url, safe=":/?#@!$&'*+,;=%~")  # no ( ) < > " left to break the Markdown


def colon(lang: str) -> str:
    """':' as each language writes it after a label: French puts a no-break space before it."""
    return "\u00a0:" if lang == "fr" else ":"
