"""Main text, metadata and links of an article page, with trafilatura.

Scripts, styles, navigation and comments never reach the stored text: trafilatura keeps the
article body only, and what it returns is plain text (links as markdown, turned into
ArticleLinks by the same code that reads pasted markdown).
"""

import re
from datetime import date

import trafilatura

from factcheck.text.cleaning import BOILERPLATE, CleanArticle, parse_date, unlink


def clean_html(html: str, url: str = "") -> CleanArticle:
    body = trafilatura.extract(
        html, url=url or None, output_format="markdown", include_links=True,
        include_formatting=False, include_images=False, include_tables=False,
        include_comments=False, favor_recall=True,
    ) or ""
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    title = (meta.title or "").strip() if meta else ""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    # Markdown headings and emphasis are layout, not words of the article.
    lines = [re.sub(r"^#+\s*|^[-*]\s+(?=\S)", "", line) for line in lines]
    if lines and title and lines[0].strip("# ").lower() == title.lower():
        lines = lines[1:]
    lines = [line for line in lines if not BOILERPLATE.match(line)]
    text, links = unlink("\n\n".join(lines))
    published: date | None = None
    if meta and meta.date:
        published = parse_date(meta.date)
    return CleanArticle(
        text=text, title=title, subtitle=(meta.description or "")[:1000] if meta else "",
        author=(meta.author or "") if meta else "", outlet=(meta.sitename or "") if meta else "",
        published=published, url=(meta.url or url or "") if meta else url, links=links,
        language=(meta.language or "en") if meta and getattr(meta, "language", None) else "en",
    )
