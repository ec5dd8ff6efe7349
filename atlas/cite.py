"""Citing a view of the atlas: the permalink, a short and a long citation, BibTeX and CSL-JSON.

Pure builders (no Streamlit): the page hands in the app's address, the view's query parameters, the filter
sentence and who is shown (publishers of the sources, counting bodies); everything else is decided here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from atlas import __version__
from atlas.i18n import translate
from atlas.safe import escape_html, is_http_url
from atlas.schema import LIST_SEPARATOR

DATASET_NAME = "Karabakh Atlas"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
VERSION_PARAM = "v"
EMBED_PARAM = "embedded"  # ours; Streamlit's own `embed=true` is not readable through st.query_params
STREAMLIT_EMBED = "embed"
FALLBACK_BASE = "http://localhost:8501/"
MAX_NAMED = 12  # publishers named in a citation; the rest are counted


@dataclass(frozen=True)
class Citation:
    """What a citation of one view says."""

    title: str  # the page's name in the reader's language
    sentence: str  # the filter sentence
    permalink: str
    accessed: date
    lang: str = "en"
    version: str = __version__
    publishers: tuple[str, ...] = ()  # publishers of the sources of what is shown, most cited first
    bodies: tuple[str, ...] = field(default=())  # counting bodies / claimants named in what is shown


def page_address(url: str | None) -> str:
    """The app's own address without query or fragment; a safe default when the browser did not say."""
    if not is_http_url(url):
        return FALLBACK_BASE
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def permalink(url: str | None, params: Mapping[str, str], version: str = __version__, embed: bool = False) -> str:
    """An absolute link to the view that pins the dataset version; `embed` adds both embed flags."""
    query = {k: v for k, v in params.items() if k not in (VERSION_PARAM, EMBED_PARAM, STREAMLIT_EMBED)}
    query[VERSION_PARAM] = version
    if embed:
        query[EMBED_PARAM] = "1"
        query[STREAMLIT_EMBED] = "true"
    return page_address(url) + "?" + urlencode(query)


def short_link(url: str | None) -> str:
    """The page's address without scheme or query, for a chart footer (as OWID's footers do)."""
    parts = urlsplit(page_address(url))
    return parts.netloc + (parts.path.rstrip("/") or "")


def cited_ids(cells: Iterable[object]) -> list[str]:
    """Source ids from `;`-joined cells, most cited first (ties by id)."""
    counts = Counter(i.strip() for cell in cells for i in str(cell).split(LIST_SEPARATOR) if i.strip())
    return [i for i, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def publishers_of(source_ids: Iterable[str], sources: pd.DataFrame) -> tuple[str, ...]:
    """Distinct publishers of these sources, in the order given (unknown ids are skipped)."""
    by_id = dict(zip(sources["source_id"], sources["publisher"]))
    return tuple(dict.fromkeys(by_id[i].strip() for i in source_ids if i in by_id and str(by_id[i]).strip()))


def _oneline(text: object) -> str:
    return " ".join(str(text).split())


def _named(names: tuple[str, ...], lang: str) -> str:
    shown = ", ".join(_oneline(n) for n in names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        shown += translate("cite.and_more", lang, count=len(names) - MAX_NAMED)
    return shown


def short_citation(c: Citation) -> str:
    return translate(
        "cite.short",
        c.lang,
        name=DATASET_NAME,
        version=c.version,
        licence=LICENCE,
        link=c.permalink,
        date=c.accessed.isoformat(),
    )


def long_citation(c: Citation) -> str:
    lines = [
        translate(
            "cite.long",
            c.lang,
            name=DATASET_NAME,
            title=_oneline(c.title),
            version=c.version,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            sentence=_oneline(c.sentence),
            link=c.permalink,
            date=c.accessed.isoformat(),
        )
    ]
    if c.publishers:
        lines.append(translate("cite.sources", c.lang, names=_named(c.publishers, c.lang)))
    if c.bodies:
        lines.append(translate("cite.bodies", c.lang, names=_named(c.bodies, c.lang)))
    return "\n".join(lines)


_BIBTEX_SPECIALS = re.compile(r"([{}\\%$&#_^~])")


def _bibtex_text(text: object) -> str:
    """A BibTeX field value that cannot close its braces or start a command."""

    def escape(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)

    return _BIBTEX_SPECIALS.sub(escape, _oneline(text))


def bibtex(c: Citation) -> str:
    key = f"karabakh_atlas_{c.version.replace('.', '_')}_{c.accessed.strftime('%Y%m%d')}"
    note = c.sentence
    if c.publishers:
        note += " " + translate("cite.sources", c.lang, names=_named(c.publishers, c.lang))
    if c.bodies:
        note += " " + translate("cite.bodies", c.lang, names=_named(c.bodies, c.lang))
    fields = {
        "title": f"{DATASET_NAME}: {c.title}",
        "author": DATASET_NAME,
        "year": str(c.accessed.year),
        "version": c.version,
        "url": c.permalink,
        "urldate": c.accessed.isoformat(),
        "note": note,
        "copyright": LICENCE,
        "langid": {"en": "english", "fr": "french", "hy": "armenian"}.get(c.lang, "english"),
    }
    # The URL is kept verbatim (the url field is read literally), only braces removed so it cannot close.
    body = ",\n".join(
        f"  {k} = {{{v.replace('{', '').replace('}', '') if k == 'url' else _bibtex_text(v)}}}"
        for k, v in fields.items()
    )
    return f"@misc{{{key},\n{body}\n}}\n"


def csl_json(c: Citation) -> str:
    note = [_oneline(c.sentence)]
    if c.publishers:
        note.append(translate("cite.sources", c.lang, names=_named(c.publishers, c.lang)))
    if c.bodies:
        note.append(translate("cite.bodies", c.lang, names=_named(c.bodies, c.lang)))
    item = {
        "id": f"karabakh-atlas-{c.version}-{c.accessed.isoformat()}",
        "type": "dataset",
        "title": f"{DATASET_NAME}: {_oneline(c.title)}",
        "author": [{"literal": DATASET_NAME}],
        "publisher": DATASET_NAME,
        "version": c.version,
        "URL": c.permalink,
        "accessed": {"date-parts": [[c.accessed.year, c.accessed.month, c.accessed.day]]},
        "issued": {"date-parts": [[c.accessed.year]]},
        "language": c.lang,
        "license": f"{LICENCE} {LICENCE_URL}",
        "note": " ".join(note),
    }
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


def footer_line(url: str | None, lang: str, version: str = __version__) -> str:
    """The line every saved chart image carries: source, version, licence and the page's short link."""
    return translate("cite.footer", lang, name=DATASET_NAME, version=version, licence=LICENCE, link=short_link(url))


def iframe_snippet(src: str, title: str, height: int = 600) -> str:
    """An <iframe> of the view, every attribute HTML-escaped."""
    return (
        f'<iframe src="{escape_html(src)}" title="{escape_html(title)}" aria-label="{escape_html(title)}" '
        f'width="100%" height="{int(height)}" loading="lazy" style="border:0;max-width:100%"></iframe>'
    )


def fallback_snippet(link: str, image: str, alt: str) -> str:
    """A static image of the chart linking to the live view, for pages that allow no iframes."""
    return f'<a href="{escape_html(link)}"><img src="{escape_html(image)}" alt="{escape_html(alt)}" width="860"></a>'


def add_footer(fig, text: str, margin_px: int = 60, top: bool = False):
    """Put the source line on a freshly built plotly figure (never a shared one: this changes it in place), so
    the PNG its camera button saves says where it comes from, as OWID's do.

    At the bottom (`margin_px` is the bottom margin, tall enough for the tick labels, any legend under the
    chart and the line itself), or, for a chart whose legend wraps into many rows on a phone (plotly then
    grows the bottom margin and the line would land in the legend), just above the plotting area."""
    # Right-aligned on two lines (the link on the second), so it fits a phone's chart beside long axis labels.
    annotation = {"xref": "paper", "yref": "paper", "x": 1, "xanchor": "right", "showarrow": False, "align": "right"}
    if top:
        fig.update_layout(margin={"t": (fig.layout.margin.t or 20) + 40})
        annotation.update(y=1, yanchor="bottom", yshift=8)
    else:
        fig.update_layout(margin={"b": margin_px})
        annotation.update(y=0, yanchor="top", yshift=-(margin_px - 36))
        legend = fig.layout.legend
        if legend.orientation == "h" and legend.y is not None and legend.y < 0:
            # A legend under the chart sits just above the line, measured from the figure's bottom edge, so
            # it covers neither the tick labels nor the line at any height the chart is drawn at.
            fig.update_layout(legend={"yref": "container", "y": 48 / (fig.layout.height or 450), "yanchor": "bottom"})
    head, _, link = text.rpartition(" · ")
    lines = f"{escape_html(head)}<br>{escape_html(link)}" if head else escape_html(text)
    fig.add_annotation(text=lines, font={"size": 12, "color": "#444444"}, name="footer", **annotation)
    return fig
