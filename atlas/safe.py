"""Making data-derived text inert wherever it is inserted: Markdown, HTML tooltips, CSV cells."""

from __future__ import annotations

import html
import re
from urllib.parse import urlparse

# Every character Markdown (and Streamlit's LaTeX and emoji shortcodes) gives a meaning to.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=&\"'])")
# Spreadsheet programs run a cell as a formula when it starts with one of these (OWASP CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_markdown(text: object) -> str:
    """Return text that st.markdown shows literally: no links, images, HTML, maths or emphasis."""
    if text is None:
        return ""
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
    # Newlines would start new Markdown blocks (lists, headings); keep the text on one line.
    return escaped.replace("\r", " ").replace("\n", " ")


def escape_html(text: object) -> str:
    """HTML-escape for tooltip and hover templates that the browser renders as HTML."""
    return "" if text is None else html.escape(str(text), quote=True)


def is_http_url(value: object) -> bool:
    """True only for absolute http(s) URLs without whitespace: anything else is never made a link."""
    if not isinstance(value, str) or not value or any(ch.isspace() for ch in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def neutralise_formula(value: object) -> object:
    """Prefix a text cell that a spreadsheet would evaluate; leave every other value alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_TRIGGERS):
        return "'" + value
    return value
