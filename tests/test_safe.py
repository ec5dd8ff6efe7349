"""Escaping helpers: Markdown shows data literally, only http(s) links pass."""

import pytest

from atlas.safe import escape_html, escape_markdown, is_http_url


@pytest.mark.parametrize(
    "hostile",
    ["[link](javascript:alert(1))", "![img](http://x/y.png)", "<img src=x onerror=alert(1)>", "$x^2$", "**b** _i_ `c`"],
)
def test_markdown_specials_are_all_escaped(hostile):
    escaped = escape_markdown(hostile)
    for special in "[]()<>$*_`!":
        assert all(escaped[i - 1] == "\\" for i, ch in enumerate(escaped) if ch == special and i > 0)


def test_newlines_cannot_start_markdown_blocks():
    assert "\n" not in escape_markdown("line\n# heading\n- item")


def test_html_escape():
    assert escape_html('<b a="1">') == "&lt;b a=&quot;1&quot;&gt;"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.hrw.org/report", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("https://exa mple.org", False),
        ("//example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_links(url, ok):
    assert is_http_url(url) is ok
