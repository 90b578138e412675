"""Sentence and paragraph boundaries as character offsets into the original text."""

import re
from dataclasses import dataclass

# Words that end in a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt rev gen brig lt col maj capt cmdr adm sgt cpl pvt gov sen rep
    rev hon pres supt det insp atty no nos vol fig ft inc corp co ltd bros dept univ est approx
    vs etc al jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs
    fri sat sun ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn
    miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo e.g i.e a.m p.m u.s u.k u.n
    d.c u.s.a e.u""".split()
)
# Candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ\u0400-\u042f\u0600-\u06ff]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    """Blocks separated by blank lines, trimmed of surrounding white space."""
    spans = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at text[dot] closes an abbreviation or an initial."""
    m = re.search(r"([A-Za-z.]+)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    if re.search(r"\b(?:on|to|via)\s+X$", text[max(0, dot - 12):dot]):
        return False  # 'Oduya wrote on X.': the platform, not an initial
    # Single initials ("J. Smith") and dotted acronyms ("U.S.", "D.C.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end]; a line break always ends one (headlines have no stop)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line.start()
        line_end = start + line.end()
        cursor = line_start
        for m in _BOUNDARY.finditer(text, line_start, line_end):
            punct = text[m.start()]
            if punct == "." and m.end() - m.start() == 1 and is_abbreviation(text, m.start()):
                continue
            if not _NEXT_STARTS_SENTENCE.match(text, m.end(), line_end):
                continue
            spans.append(Span(cursor, m.end()))
            cursor = m.end()
        spans.append(Span(cursor, line_end))
    return trimmed(text, spans)


def trimmed(text: str, spans: list[Span]) -> list[Span]:
    """The spans without their edge white space; spans of white space only are dropped."""
    out = []
    for s in spans:
        a, b = s.start, s.end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out
