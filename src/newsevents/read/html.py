"""HTML pages: main text by trafilatura, metadata by trafilatura and htmldate.

The article text is the extracted main text (navigation, footers and comments
dropped); offsets in the output index that text, which the store keeps. The
title, outlet (site name or host), canonical url and publication date come from
the page's metadata; htmldate is asked for the date when the page names none.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlparse

from newsevents.errors import EmptyInput, MalformedRecord
from newsevents.model import Article
from newsevents.read.text import article_from_text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
    "article", "header", "footer", "ul", "ol", "table", "pre", "figcaption",
}  # fmt: skip

# trafilatura and htmldate log every page they find hard; a batch of millions
# would drown the terminal, and every failure here becomes a coded rejection.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def decode_html(data: bytes) -> str:
    """Decode a page: UTF-8 when it is, else the charset it declares, else Latin-1."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""charset=["']?([A-Za-z0-9_\-]+)""", data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def article_from_html(
    data: bytes | str,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    fallback_date: str | None = None,
) -> Article:
    """One HTML page -> Article, or EmptyInput when the page holds no article text."""
    import trafilatura

    html = decode_html(data) if isinstance(data, bytes) else data
    if not html.strip():
        raise EmptyInput("the page is empty", source=source)
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise MalformedRecord(
            f"cannot parse the HTML ({type(exc).__name__}: {exc})", source=source
        ) from exc
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise EmptyInput(
            "the page has no main text (no body, or only navigation and boilerplate)",
            source=source,
        )
    title = getattr(document, "title", None)
    page_url = getattr(document, "url", None) or url
    outlet = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    if not outlet and page_url:
        outlet = urlparse(page_url).hostname
    date = (
        published or getattr(document, "date", None) or _find_date(html, page_url) or fallback_date
    )
    if date and not _DATE.match(date):
        date = date[:10] if _DATE.match(date[:10]) else None
    return article_from_text(
        text, source=source, title=title, url=page_url, outlet=outlet, published=date
    )


def _find_date(html: str, url: str | None) -> str | None:
    import htmldate

    try:
        found: str | None = htmldate.find_date(html, url=url, extensive_search=False)
    except Exception:  # a date is optional; a page without one is still an article
        return None
    return found


def html_fragment_text(fragment: str) -> str:
    """Plain text of a short HTML fragment (a feed entry), blocks on their own lines."""
    from lxml import etree, html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(element: html.HtmlElement) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    parts.append(child.tail)
                continue
            block = child.tag.lower() in _BLOCKS
            if block:
                parts.append("\n")
            walk(child)
            if block:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)
