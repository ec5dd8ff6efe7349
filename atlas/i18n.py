"""UI strings from locales/{en,fr,hy}.json, with locale-aware numbers and dates (Babel)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

LANGUAGES = ("en", "fr", "hy")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


@cache
def strings(lang: str) -> dict[str, str]:
    with open(LOCALES_DIR / f"{lang}.json", encoding="utf-8") as handle:
        return json.load(handle)


def format_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def format_day(value: date, lang: str) -> str:
    return format_date(value, format="long", locale=lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def translate(key: str, lang: str, **values: object) -> str:
    """The string for key in lang, else in English, else the key itself; numbers formatted per locale."""
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    template = strings(lang).get(key) or strings(DEFAULT_LANGUAGE).get(key) or key
    formatted = {
        k: format_number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in values.items()
    }
    return template.format(**formatted)


def missing_keys() -> dict[str, set[str]]:
    """Keys present in some locale but absent from another, per language."""
    every = set().union(*(strings(lang) for lang in LANGUAGES))
    return {lang: every - set(strings(lang)) for lang in LANGUAGES}
