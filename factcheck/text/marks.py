"""Quotation marks: which passages of a text are in marks, as offsets.

Reads the marks of a `Lexicon` (curly, straight, guillemets, low-high, mixed). A passage left
open at the end of its paragraph continues only when the next paragraph reopens it (the
multi-paragraph convention); otherwise it ends with its paragraph, so a stray mark never
swallows the article.
"""

import re
from dataclasses import dataclass

from factcheck.text.lexicon import ENGLISH
from factcheck.text.sentences import Span

# Double marks: a paragraph opening with one continues a quote left open (single marks open
# quotes inside quotes, and apostrophes look like them).
DOUBLE = frozenset("“”«»„\"")


@dataclass
class Marked:
    """A passage in quotation marks: open is the opening mark, close one past the closing mark
    (or the end of its paragraph when the quote runs on). `continues` marks a paragraph that
    reopens a quote left open at the end of the paragraph before."""

    open: int
    close: int
    paragraph: int
    continues: bool = False


_LINK = re.compile(r"!?\[(?P<a>[^\[\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)")


def _blank_link(m: re.Match) -> str:
    whole = m.group(0)
    a, b = m.start("a") - m.start(), m.end("a") - m.start()
    return " " * a + whole[a:b] + " " * (len(whole) - b)


def mask_markup(text: str) -> str:
    """The text as the extractor reads it, every offset kept: markdown link syntax blanked
    ('[a](#)' reads ' a    ') and doubled apostrophes, a typewriter quotation mark, read as
    one straight double mark."""
    text = _LINK.sub(_blank_link, text)
    return re.sub(r"(?<=\S)''(?=\s|[.,;:!?)]|$)", '" ', re.sub(r"''(?=\S)", ' "', text))


# UK pages typed on a plain keyboard print quotes in straight single marks: "'We will put
# 6,000 more officers on the streets,' Eleanor Hadfield said." A text that attributes one so
# ('...,' she said', '...,' said Simon Varley') uses them as quotation marks; anywhere else a
# straight single mark is an apostrophe, a plural's possessive or a headline's scare quote.
_SINGLE_PASSAGE = re.compile(r"(?<![\w'])'(?=[A-Za-z])((?:[^'\n]|'(?=[A-Za-z]))*?[^\s'])'(?![A-Za-z])")
# (the attribution may name its speaker at length: "...,' Kostravan foreign ministry spokesperson
# Daria Melnyk said", "...,' the bench headed by Chief Justice Tahmina Haque-Rizvi said")
_SINGLE_ATTRIBUTED = re.compile(r"[,?!]'\s+(?:[^\s.;:!?]+\s+){0,10}(?:said|says|told|added|asked|insisted|warned|"
                                r"replied|wrote|stated|declared|noted|argued)\b")


def straight_single_quotes(text: str) -> str:
    """The text with its quotations in straight single marks written in curly ones (every
    offset kept), where it attributes one; otherwise the text as it is."""
    passages = list(_SINGLE_PASSAGE.finditer(text)) if "'" in text else []
    if not any(_SINGLE_ATTRIBUTED.match(text, m.end() - 2) for m in passages):
        return text
    chars = list(text)
    for m in passages:
        chars[m.start()], chars[m.end() - 1] = "‘", "’"
    return "".join(chars)


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def find_marked(text: str, paras: list[Span], openers: dict[str, str] = ENGLISH.quote_marks) -> list[Marked]:
    """Passages in quotation marks, top level only, one per paragraph. A quote left open at
    the end of a paragraph continues if the next paragraph reopens it (the multi-paragraph
    convention: a piece per paragraph, the later ones `continues`); otherwise it ends with its
    paragraph, so a stray mark never swallows the article."""
    found: list[Marked] = []
    pending: tuple[int, str, int] | None = None  # (position, closing marks, paragraph)
    continues = False
    for pi, para in enumerate(paras):
        i = para.start
        if pending is not None:
            found.append(Marked(pending[0], paras[pi - 1].end, pending[2], continues))
            continues = text[para.start] in DOUBLE and text[para.start] in openers
            if continues:
                pending = (para.start, pending[1], pi)
                i = para.start + 1
            else:
                pending = None
        while i < para.end:
            ch = text[i]
            if pending is None:
                if ch in openers and (ch not in "\"‘‚" or _is_opening(text, i)):
                    pending = (i, openers[ch], pi)
                    continues = False
            elif (ch in pending[1] or (ch == "“" and pending[1] == "”\"" and not _is_opening(text, i))) \
                    and not (ch == "’" and i + 1 < len(text) and text[i + 1].isalpha()):
                if ch == '"' and _is_opening(text, i):
                    # An opening straight mark where a close was due: the earlier mark was
                    # never closed. Start again from here.
                    pending = (i, openers[ch], pi)
                    continues = False
                else:
                    found.append(Marked(pending[0], i + 1, pending[2], continues))
                    pending = None
            i += 1
    if pending is not None:
        found.append(Marked(pending[0], paras[-1].end, pending[2], continues))
    return found
