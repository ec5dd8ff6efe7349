"""How each kind of view parameter is read from a link and written back. A decode never raises: it returns the
value, or UNUSED (the parameter keeps its default), with a Notice naming what could not be used as given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from atlas.i18n import translate
from atlas.schema import DATASET_FIRST_YEAR, DATASET_LAST_YEAR

FIRST_DAY, LAST_DAY = date(DATASET_FIRST_YEAR, 1, 1), date(DATASET_LAST_YEAR, 12, 31)
_URL_LIST_SEP = ","
_SHOWN_CHARS = 40  # how much of an unreadable value a notice quotes


@dataclass(frozen=True)
class Notice:
    """Something a link asked for that the atlas could not use as given: a locale key and its values."""

    key: str
    param: str  # the URL key, named in the reader's language through `param.<key>`
    values: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        return translate(self.key, lang, what=translate(f"param.{self.param}", lang), **dict(self.values))


def quoted(value: str) -> str:
    """A link's value as a notice quotes it: on one line, no control characters, at most _SHOWN_CHARS long."""
    value = "".join(ch if ch.isprintable() else " " for ch in " ".join(str(value).split()))
    return value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"


def _notice(key: str, param: str, **values: str) -> Notice:
    return Notice(key, param, tuple((k, quoted(v)) for k, v in values.items()))


class _Unused:
    """Marks a value that could not be used: the parameter keeps its default."""


UNUSED = _Unused()
Decoded = tuple[object, Notice | None]


# ---- codecs: decode(text, key) -> (value or UNUSED, notice or None); encode(value) -> text ----------------------


def _ascii_int(text: str) -> int | None:
    """An integer written in ASCII digits; '²', '٣' and 5,000-digit strings are not numbers here."""
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        return None
    return int(text) if len(text) <= 12 else 10**12


@dataclass(frozen=True)
class DateCodec:
    upper: bool = False  # the end of a range: a date past the dataset means "to the end"

    def decode(self, text: str, key: str) -> Decoded:
        try:
            value = date.fromisoformat(text.strip()) if text.isascii() else None
        except ValueError:
            value = None
        if value is None:
            return UNUSED, _notice("notice.unreadable", key, value=text)
        if FIRST_DAY <= value <= LAST_DAY:
            return value, None
        # Outside the dataset: a start before 1918 means "from the start", an end after 2026 "to the end";
        # a start after 2026 or an end before 1918 is kept to the nearest day the dataset has.
        nearest = FIRST_DAY if value < FIRST_DAY else LAST_DAY
        shown = None if (value < FIRST_DAY) != self.upper else nearest
        when = str(nearest.year) if shown is None else nearest.isoformat()
        message = "notice.date_until" if self.upper else "notice.date_from"
        first, last = str(DATASET_FIRST_YEAR), str(DATASET_LAST_YEAR)
        return shown, _notice(message, key, value=value.isoformat(), first=first, last=last, shown=when)

    @staticmethod
    def encode(value: date) -> str:
        return value.isoformat()


@dataclass(frozen=True)
class ListCodec:
    allowed: tuple[str, ...] | None = None  # None: any value (tags, places: checked against the data later)

    def decode(self, text: str, key: str) -> Decoded:
        items = list(dict.fromkeys(i.strip() for i in text.split(_URL_LIST_SEP) if i.strip()))
        kept = tuple(i for i in items if self.allowed is None or i in self.allowed)
        dropped = [i for i in items if i not in kept]
        notice = _notice("notice.unknown", key, value=", ".join(dropped)) if dropped else None
        return (kept if kept or not items else UNUSED), notice  # nothing listed: no restriction

    @staticmethod
    def encode(values: tuple[str, ...]) -> str:
        return _URL_LIST_SEP.join(values)


@dataclass(frozen=True)
class FlagCodec:
    def decode(self, text: str, key: str) -> Decoded:
        if text.strip() in ("1", "true"):
            return True, None
        if text.strip() in ("0", "false", ""):
            return False, None  # off, as the default: nothing to say
        return UNUSED, _notice("notice.unreadable", key, value=text)

    @staticmethod
    def encode(value: bool) -> str:
        return "1"


@dataclass(frozen=True)
class TextCodec:
    max_chars: int = 200
    pattern: str = ""  # a full-match regular expression the text must meet, if any

    def decode(self, text: str, key: str) -> Decoded:
        text = text.strip()
        if self.pattern and not re.fullmatch(self.pattern, text):
            return UNUSED, _notice("notice.unreadable", key, value=text)
        if len(text) > self.max_chars:
            return text[: self.max_chars], _notice("notice.shortened", key, count=str(self.max_chars))
        return (text or UNUSED), None

    @staticmethod
    def encode(value: str) -> str:
        return value


@dataclass(frozen=True)
class ChoiceCodec:
    choices: tuple[str, ...]

    def decode(self, text: str, key: str) -> Decoded:
        text = text.strip()
        if text in self.choices:
            return text, None
        return UNUSED, _notice("notice.unknown", key, value=text)

    @staticmethod
    def encode(value: str) -> str:
        return value


@dataclass(frozen=True)
class IntCodec:
    low: int
    high: int
    clamp_high: bool = False  # a step past the end: keep the largest, the page then says which step it shows

    def decode(self, text: str, key: str) -> Decoded:
        number = _ascii_int(text)
        if number is None:
            return UNUSED, _notice("notice.unreadable", key, value=text)
        if self.low <= number <= self.high:
            return number, None
        if self.clamp_high and number > self.high:
            return self.high, None
        return UNUSED, _notice("notice.number_outside", key, value=text, low=str(self.low), high=str(self.high))

    @staticmethod
    def encode(value: int) -> str:
        return str(value)
