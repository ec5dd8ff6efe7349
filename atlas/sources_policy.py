"""What the prose and the source list may not contain: the one list of mirror hosts and of process words.

A journalist who clicks a source must land on the publisher's own page, not on a copy of it; a reader
must never meet words about how the data was made. The validator (``atlas.validate``) applies both
lists; add a host or a word here and every check follows.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Hosts that copy other publishers' pages (Wikipedia mirrors, scrapers, offline readers, proxies,
# document-sharing sites). A host matches when it equals an entry or ends with "." + entry.
MIRROR_HOSTS: tuple[str, ...] = (
    "wikimili.com",
    "piglix.com",
    "wikiclassic.com",
    "everything.explained.today",
    "wikisum.wiki",
    "liquisearch.com",
    "en-academic.com",
    "academic.ru",
    "pinocchiopedia.com",
    "wikiwand.com",
    "wiki.x.io",
    "wiki.li",
    "xcv.wiki",
    "zxc.wiki",
    "theinfolist.com",
    "search.com.vn",
    "iwiki.icu",
    "enwikipedia.net",
    "wikien3.appspot.com",
    "richxsearch.com",
    "ask3.ru",
    "encycloreader.org",
    "jwork.org",
    "strabon.io",
    "the-uncensored-wiki.com",
    "wiki2.org",
    "wikizero.com",
    "infogalactic.com",
    "dbpedia.org",
    "iiab.me",
    "arietiform.com",
    "global.ssl.fastly.net",
    "cdn.cloudflare.net",
    "docslib.org",
    "vdocuments.mx",
    "vdocument.in",
    "documents.pub",
    "fdocuments.us",
    "studfile.net",
    "hozir.org",
    "bibliboba.online",
    "threadreaderapp.com",
    "pangea-cms.com",
    "lfwp.net",
    "cryer.org.uk",
    "wordola.com",
    "emegypt.net",
)
# Parts of a host name that mark a copy wherever they appear (perceptiohu.com, kiwix.lema.org, ...).
MIRROR_HOST_PARTS: tuple[str, ...] = ("perceptio", "kiwix", "ipfs")
_STANDARD_PORTS = {"http": 80, "https": 443}


def mirror_reason(url: str) -> str:
    """Why ``url`` is not a publisher's own address ('' when nothing is wrong with it)."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".").lower()
    try:
        port = parts.port
    except ValueError:
        return "the address has an invalid port"
    if port is not None and port != _STANDARD_PORTS.get(parts.scheme):
        return f"the address uses the non-standard port {port}: it is a copy, not the publisher's page"
    if parts.path.startswith("/ipfs/"):
        return "an IPFS copy is not the publisher's page; put it in archive_url"
    for part in MIRROR_HOST_PARTS:
        if part in host:
            return f"'{host}' hosts copies ({part}); give the publisher's page and put the copy in archive_url"
    for mirror in MIRROR_HOSTS:
        if host == mirror or host.endswith("." + mirror):
            return f"'{host}' is a mirror or scraper; give the publisher's page and put the copy in archive_url"
    if host.endswith(".m.wikipedia.org"):
        return "mobile Wikipedia address; use https://<lang>.wikipedia.org/wiki/<Title>"
    return ""


# Words about how the dataset was made, which a reader must never meet (English, French, Armenian).
# Matched case-insensitively; \b keeps "seedling" or "Seeds of Peace" (a title) from matching "seed".
PROCESS_PATTERNS: tuple[str, ...] = (
    r"\bseed documents?\b",
    r"\bseeds?\b",
    r"\bresearch pass(es)?\b",
    r"\bcontext events?\b",
    r"\(wikip[ée]dia\)",
    r"\binfobox(es)?\b",
    r"\bthe encyclopedia\b",
    r"\bbrief history lists\b",
    r"\bsemences?\b",
    r"\bdocuments? d[’']amor[çc]age\b",
    r"\bl[’']encyclop[ée]die (compte|recense|indique|dit|liste)\b",
    r"\b[ée]v[ée]nements? de contexte\b",
    r"\bpasse de recherche\b",
    r"սերմ",  # "seed" in Armenian (սերմ, սերմնային փաստաթուղթ)
    r"\(վիքիպեդիա\)",
    r"համատեքստային իրադարձություն",
    r"տեղեկաքարտ",  # infobox
)
PROCESS_WORDS = re.compile("|".join(PROCESS_PATTERNS), re.IGNORECASE)


def process_words(text: str) -> list[str]:
    """The process words found in ``text``, as written there."""
    return [m.group(0) for m in PROCESS_WORDS.finditer(text or "")]
