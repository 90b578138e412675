"""What keeps hostile input harmless: text a database can store, addresses a page may link to,
and extraction that stops at a bounded amount of work. Pure Python, no Django."""

import re
import urllib.parse
from collections.abc import Callable
from typing import Any

# json.loads turns "\ud83d\ude00" into one code point, so a surrogate left in a str is a lone
# one: UTF-8 cannot encode it, and both SQLite and PostgreSQL drivers raise on it.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """Text without NUL (PostgreSQL text refuses it) and with lone surrogates replaced by U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text)


def web_url(url: str) -> str:
    """The address if it is http(s) with a host, else "": a `javascript:` or `data:` address is
    never stored or linked, whatever case or stray white space it hides behind."""
    url = (url or "").strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def size_words(size: int) -> str:
    """A byte count as people read it in a message: "4.9 MB", "250.0 KB", "400 bytes"."""
    if size >= 100_000:
        return f"{size / 1e6:.1f} MB"
    return f"{size / 1e3:.1f} KB" if size >= 1000 else f"{size} bytes"


def paragraph_chunks(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of about `size` characters that end at a paragraph break when there is
    one, so each piece can be analysed on its own with offsets that still point into `text`."""
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start + size // 2, end)
            end = cut + 2 if cut != -1 else end
        chunks.append((start, end))
        start = end
    return chunks


def extract_bounded(text: str, extract: Callable[[str], list[Any]], *, max_statements: int,
                    chunk_chars: int) -> tuple[list[Any], bool]:
    """Statements of `text` (offsets into it) up to `max_statements`, and whether the whole text
    was analysed. An ordinary article is one piece and is extracted exactly as a whole; a huge
    one is read piece by piece so the work stops soon after the cap instead of at the end."""
    if len(text) <= chunk_chars:
        found = extract(text)
        return found[:max_statements], len(found) <= max_statements
    out: list[Any] = []
    for start, end in paragraph_chunks(text, chunk_chars):
        for st in extract(text[start:end]):
            if len(out) == max_statements:
                return out, False
            st.start, st.end = st.start + start, st.end + start
            if getattr(st, "quoted", None):  # the quoted words inside reported speech move with it
                st.quoted = [(a + start, b + start) for a, b in st.quoted]
            out.append(st)
    return out, True
