"""Shaping stored records for the templates."""

from dataclasses import dataclass

from factcheck.models import Article


@dataclass
class Piece:
    text: str
    url: str = ""
    is_link: bool = False


def article_paragraphs(article: Article) -> list[list[Piece]]:
    """The article's paragraphs as runs of plain text and link anchors."""
    text = article.text
    links = sorted(article.links.all(), key=lambda link: link.start)
    paragraphs: list[list[Piece]] = []
    pos = 0
    for block in text.split("\n\n"):
        start, end = pos, pos + len(block)
        pos = end + 2
        pieces: list[Piece] = []
        cursor = start
        for link in links:
            if link.start < cursor or link.start >= end:
                continue
            stop = min(link.end, end)
            if link.start > cursor:
                pieces.append(Piece(text[cursor:link.start]))
            pieces.append(Piece(text[link.start:stop], link.url, True))
            cursor = stop
        if cursor < end:
            pieces.append(Piece(text[cursor:end]))
        if block.strip():
            paragraphs.append(pieces)
    return paragraphs
