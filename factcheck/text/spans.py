"""How two statements' spans relate: one claim sentence that is only a reported quote and its
attribution is one thing to check, not two. Pure Python: spans are (start, end) offsets."""

from bisect import bisect_left
from collections.abc import Sequence
from typing import Protocol

# What a claim may add around a quote it contains and still be "the same words": the
# attribution ("Russian Foreign Minister Sergei Lavrov said ", 44 characters).
ATTRIBUTION_CHARS = 60
# The share of the quote that must lie inside the claim.
INSIDE = 0.9


class Spanned(Protocol):
    pk: int
    kind: str
    start: int
    end: int


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def carries(quote: Spanned, claim: Spanned) -> bool:
    """Whether the quote covers nearly the same words as the claim: it lies (almost) inside the
    claim, and the claim adds no more than an attribution around it."""
    shared = overlap(quote.start, quote.end, claim.start, claim.end)
    return shared >= INSIDE * (quote.end - quote.start) and (claim.end - claim.start) - shared <= ATTRIBUTION_CHARS


def relate(statements: Sequence[Spanned]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """For one article's statements: which claims a quote carries ({claim: quote}), and which
    quotes and claims overlap only partly ({statement: [the others]}, both ways)."""
    quotes = sorted((s for s in statements if s.kind == "quote"), key=lambda q: q.start)
    starts = [q.start for q in quotes]
    longest = max((q.end - q.start for q in quotes), default=0)
    claims = [s for s in statements if s.kind == "claim"]
    carried: dict[int, int] = {}
    partly: dict[int, list[int]] = {}
    for claim in claims:
        # Only quotes starting within reach of the claim: an article of thousands stays linear.
        nearby = quotes[bisect_left(starts, claim.start - longest):bisect_left(starts, claim.end)]
        touching = [q for q in nearby if overlap(q.start, q.end, claim.start, claim.end)]
        carrier = max((q for q in touching if carries(q, claim)), key=lambda q: q.end - q.start, default=None)
        if carrier is not None:
            carried[claim.pk] = carrier.pk
            continue
        for quote in touching:
            partly.setdefault(claim.pk, []).append(quote.pk)
            partly.setdefault(quote.pk, []).append(claim.pk)
    return carried, partly
