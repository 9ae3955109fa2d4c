"""HTML to main text and metadata (title, date, URL), via trafilatura."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_iso

_CLOSED = re.compile(r"</(?:html|body)\s*>", re.I)


@dataclass
class HtmlParts:
    text: str
    title: str | None
    published: str | None
    url: str | None
    truncated: bool


def extract_html(html: str) -> HtmlParts:
    """The main text of an HTML page (paragraphs on lines), its title, date and canonical URL."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        deduplicate=False,
    )
    truncated = not _CLOSED.search(html[-4096:])
    if result is None:
        return HtmlParts("", None, None, None, truncated)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    return HtmlParts(
        text=text,
        title=(data.get("title") or None),
        published=parse_iso(data.get("date")),
        url=data.get("url") or None,
        truncated=truncated,
    )
