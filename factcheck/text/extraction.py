"""From an article's text to the statements a fact-checker works on.

`extract(text)` returns quotes (with speakers) and check-worthy claims as exact spans of the
text it was given. It reads raw pasted pages as well as cleaned articles: markdown link syntax
and boilerplate paragraphs are recognised and left out.
"""

from bisect import bisect_right
from dataclasses import dataclass, field

from factcheck.text import claims
from factcheck.text.attribution import QuoteExtractor
from factcheck.text.cleaning import skippable_paragraphs
from factcheck.text.cues import NOT_PROSE
from factcheck.text.languages import attribution as other_attribution
from factcheck.text.languages import claims as neutral_claims
from factcheck.text.languages.detect import detect
from factcheck.text.languages.profiles import PROFILES, Profile, language_name
from factcheck.text.sentences import Span, paragraphs

DEFAULT_CLAIM_THRESHOLD = 0.5


@dataclass
class Statement:
    kind: str  # "quote" | "claim"
    start: int
    end: int
    text: str
    quote_type: str | None = None  # "direct" | "indirect" for quotes
    speaker: str = ""
    speaker_as_written: str = ""
    speaker_role: str = ""
    cue: str = ""
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    utterance: int | None = None  # the pieces of one quoted utterance share it (per article)
    conduit: str = ""  # a news agency or 'media reports' that passed the quote on
    # (start, end) of the words in marks inside an indirect statement: a partial quote
    # ('said the plan was “a fantasy from start to finish”') stays part of the reported clause
    # and is findable as the speaker's own words
    quoted: list[tuple[int, int]] = field(default_factory=list)

    def as_json(self) -> dict:
        out = {
            "kind": self.kind, "quote_type": self.quote_type, "start": self.start, "end": self.end,
            "text": self.text, "speaker": self.speaker or None, "speaker_as_written": self.speaker_as_written or None,
            "speaker_role": self.speaker_role or None, "cue": self.cue or None, "score": self.score,
            "reasons": self.reasons, "utterance": self.utterance, "conduit": self.conduit or None,
        }
        if self.quote_type == "indirect":
            out["quoted"] = [{"start": a, "end": b, "text": self.text[a - self.start:b - self.start]}
                             for a, b in self.quoted]
        return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _covered(span: Span, quotes: list, starts: list[int]) -> float:
    """Share of a sentence that direct quotes (sorted by start, not overlapping) cover."""
    i = max(0, bisect_right(starts, span.start) - 1)
    inside = 0
    while i < len(quotes) and quotes[i].start < span.end:
        inside += max(0, min(span.end, quotes[i].end) - max(span.start, quotes[i].start))
        i += 1
    return inside / max(1, span.end - span.start)


def extract(text: str, claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
            language: str | None = None) -> list[Statement]:
    """The statements of a text in `language` (detected when not given)."""
    if not text or not text.strip():
        return []
    language = language or detect(text)
    if language not in ("en", "und"):
        return _extract_other(text, language, claim_threshold)
    reader = QuoteExtractor(text)
    skip = skippable_paragraphs(reader.text, reader.paras)
    # Teaser lines ('WATCH: ...', 'Related reading: ...') and photo captions quote nobody and
    # claim nothing the article itself does not.
    skip |= {i for i, p in enumerate(reader.paras) if NOT_PROSE.search(reader.text[p.start:p.end])}
    # A headline may attribute words ('Clinton Says Russians Hacked DNC') but is no sentence
    # to score as a claim.
    headline = reader.paras[0] if len(reader.paras) > 1 and _is_headline(reader.text, reader.paras[0]) else None
    skipped = [p for i, p in enumerate(reader.paras) if i in skip]
    skipped_starts = [p.start for p in skipped]

    def in_skipped(pos: int) -> bool:
        i = bisect_right(skipped_starts, pos) - 1
        return i >= 0 and pos < skipped[i].end

    out: list[Statement] = []
    quotes = [q for q in reader.extract() if not in_skipped(q.start)]
    for q in quotes:
        start, end = _trimmed(text, q.start, q.end)
        if end <= start:
            continue
        worth, why = claims.score(reader.text[start:end])
        out.append(Statement(
            "quote", start, end, text[start:end], q.quote_type, q.speaker, q.speaker_as_written,
            q.role, q.cue, worth, q.reasons + why, q.utterance, q.conduit,
            [(a, b) for a, b in q.quoted if start <= a < b <= end],
        ))
    direct = sorted((q for q in quotes if q.quote_type == "direct"), key=lambda q: q.start)
    direct_starts = [q.start for q in direct]
    for sent in reader.sents:
        if in_skipped(sent.start) or (headline and sent.start < headline.end) \
                or _covered(sent, direct, direct_starts) > 0.5:
            continue  # boilerplate, or a quote: the quote itself is the statement to check
        worth, why = claims.score(reader.text[sent.start:sent.end])
        if worth >= claim_threshold:
            out.append(Statement("claim", sent.start, sent.end, text[sent.start:sent.end],
                                 score=worth, reasons=why))
    out.sort(key=lambda s: (s.start, s.end, s.kind))
    return out


def _is_headline(text: str, para: Span) -> bool:
    """A short first line without a full stop: the headline of a pasted page."""
    line = text[para.start:para.end]
    return "\n" not in line and len(line.split()) <= 20 and not line.rstrip().endswith((".", "”", '"'))


def _extract_other(text: str, language: str, claim_threshold: float) -> list[Statement]:
    """Another language: its own profile's quotes (none without a profile) and claims scored
    from language-neutral signals (the claim model knows English words only)."""
    profile = PROFILES.get(language) or Profile(language, language_name(language), {})
    paras = paragraphs(text)
    skip = skippable_paragraphs(text, paras)
    skipped = [p for i, p in enumerate(paras) if i in skip]
    quotes = [q for q in (other_attribution.extract_quotes(text, profile) if profile.speech_verbs else [])
              if not any(p.start <= q.start < p.end for p in skipped)]
    out = [Statement("quote", q.start, q.end, text[q.start:q.end], q.quote_type, q.speaker,
                     q.speaker_as_written, q.role, q.cue, 0.0, q.reasons, q.utterance)
           for q in quotes]
    for st in out:
        st.score, why = neutral_claims.score(st.text, profile)
        st.reasons = st.reasons + why
    direct = sorted((q for q in quotes if q.quote_type == "direct"), key=lambda q: q.start)
    direct_starts = [q.start for q in direct]
    headline = paras[0] if len(paras) > 1 and _is_headline(text, paras[0]) else None
    for i, para in enumerate(paras):
        if i in skip or para is headline:
            continue
        for sent in other_attribution.split_sentences(text, para.start, para.end):
            if _covered(sent, direct, direct_starts) > 0.5:
                continue
            worth, why = neutral_claims.score(text[sent.start:sent.end], profile)
            if worth >= claim_threshold:
                out.append(Statement("claim", sent.start, sent.end, text[sent.start:sent.end],
                                     score=worth, reasons=why))
    out.sort(key=lambda s: (s.start, s.end, s.kind))
    return out
