"""UI strings from locales/{en,fr,hy}.json, with locale-aware numbers and dates (Babel)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_decimal

LANGUAGES = ("en", "fr", "hy")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
# Interface labels checked by a speaker of the language; the others show "translation not yet reviewed".
REVIEWED_LABELS = ("en", "fr")


@cache
def strings(lang: str) -> dict[str, str]:
    with open(LOCALES_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def format_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


# British English writes "26 May 1918", as the dataset's date_display does.
_DATE_LOCALES = {"en": "en_GB", "fr": "fr", "hy": "hy"}


def _date_locale(lang: str) -> str:
    return _DATE_LOCALES.get(lang, _DATE_LOCALES[DEFAULT_LANGUAGE])


def format_day(value: date, lang: str) -> str:
    return format_date(value, format="long", locale=_date_locale(lang))


def format_period(start: date, end: date, precision: str, lang: str) -> str:
    """A date interval as precisely as it is known, in the reader's language: never an invented day."""
    locale = _date_locale(lang)
    if precision == "day":
        return format_day(start, lang) if start == end else format_interval(start, end, "yMMMd", locale=locale)
    if precision == "month":
        same_month = (start.year, start.month) == (end.year, end.month)
        return (
            format_skeleton("yMMMM", start, locale=locale)
            if same_month
            else format_interval(start, end, "yMMM", locale=locale)
        )
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def plural_form(count: int, lang: str) -> str:
    """CLDR plural category of a count in a language ("one", "other", ...): French says "1 épisode",
    "0 épisode", "2 épisodes"; English "0 episodes"."""
    return Locale.parse(lang if lang in LANGUAGES else DEFAULT_LANGUAGE).plural_form(abs(count))


def _template(key: str, lang: str, count: object) -> str | None:
    table = strings(lang)
    if isinstance(count, int) and not isinstance(count, bool):
        # A key with plural forms is written as key.one / key.other (CLDR categories) in the locale file.
        plural = table.get(f"{key}.{plural_form(count, lang)}") or table.get(f"{key}.other")
        if plural:
            return plural
    return table.get(key)


def translate(key: str, lang: str, **values: object) -> str:
    """The string for key in lang, else in English, else the key itself; numbers formatted per locale and
    plurals chosen by Babel's CLDR rules when the key has .one/.other forms and a `count` value is given."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    count = values.get("count")
    template = _template(key, lang, count) or _template(key, DEFAULT_LANGUAGE, count) or key
    formatted = {
        k: format_number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()
    }
    return template.format(**formatted)


def missing_keys() -> dict[str, set[str]]:
    """Keys present in some locale but absent from another, per language."""
    every = set().union(*(strings(lang) for lang in LANGUAGES))
    return {lang: every - set(strings(lang)) for lang in LANGUAGES}


def claim_field(field: str, lang: str) -> str:
    """A claim's field (killed, duration, ...) in the reader's language; an unlisted field as written."""
    key = f"claim_field.{field}"
    text = translate(key, lang)
    return field.replace("_", " ") if text == key else text
