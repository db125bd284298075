"""Article text and metadata out of an HTML page, through trafilatura (boilerplate, menus and comments go)."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from eventwire.model import Article, InputError

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings repeat what we report per record
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def article_from_html(html: bytes | str, record: str, url: str | None = None, title: str | None = None,
                      published: date | None = None, source: str | None = None) -> Article | InputError:  # fmt: skip
    """The main text of a page as an Article. `url` is the address it was fetched from (kept as the
    article's URL, so a re-run recognises it); the page's own metadata fills what the caller does not give."""
    import trafilatura

    from eventwire.ingest.readers import check_text

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, include_images=False)  # fmt: skip
    except Exception as exc:  # trafilatura raises many kinds on hostile markup; the record is what matters
        return InputError(record, f"cannot parse the HTML: {type(exc).__name__}: {exc}")
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        return InputError(record, "no article text found in the HTML page")
    page_title = getattr(doc, "title", None)
    head, _, rest = text.partition("\n")
    if page_title and rest and head.strip() == page_title.strip():  # the headline repeated as the first line
        text = rest.strip()
    if err := check_text(text, record):
        return err
    when = published or _date(getattr(doc, "date", None))
    page_url = url or getattr(doc, "url", None)
    site = source or getattr(doc, "sitename", None) or (urlsplit(page_url).hostname if page_url else None)
    return Article(text=text, date=when, url=page_url, title=title or page_title, source=site)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
