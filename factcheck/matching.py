"""Spotting one quote reused across outlets: normalisation, scoring and candidate keys.

Pure Python (rapidfuzz, no Django), so it is measured and tested alone. The database side
(factcheck/services/matching.py) stores the candidate keys and the clusters.

Scoring compares word sequences, not characters: the longest common subsequence of the two
quotes' words, divided by a length that leans towards the shorter quote, so that a truncated
quote ("We will do everything...") still matches its full form, while a short quote gets a
penalty because short quotes match by accident.
"""

import re
import unicodedata
import zlib
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

# Tiers (0-100). "same" links automatically; "possible" is suggested to a reviewer.
SAME_THRESHOLD = 62.0
POSSIBLE_THRESHOLD = 50.0
# Quotes shorter than this never link automatically, they are only suggested.
MIN_WORDS_AUTO = 6
SHORT_PENALTY_BELOW = 12  # words
SHORT_PENALTY = 3.0  # points per missing word
# Candidate keys: a single word is a key when it is in at most RARE_WORD_DF quotes, a word pair
# when in at most RARE_PAIR_DF; candidates share at least MIN_SHARED_KEYS keys (1 for short quotes).
RARE_WORD_DF = 20
RARE_PAIR_DF = 200
MIN_SHARED_KEYS = 2
MAX_CANDIDATES = 200
MAX_SUGGESTIONS = 5  # per quote, best first, one per cluster: identical short quotes stay linear
MAX_WORDS = 400  # a "quote" longer than this is compared on its first MAX_WORDS words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_BRACKETED = re.compile(r"\[[^\]]{0,80}\]")
_ELLIPSIS = re.compile(r"\.{3,}|…")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Contractions that translations and transcripts spell either way.
_CONTRACTIONS = {"we'll": ["we", "will"], "i'll": ["i", "will"], "they'll": ["they", "will"],
                 "you'll": ["you", "will"], "he'll": ["he", "will"], "she'll": ["she", "will"],
                 "it's": ["it", "is"], "don't": ["do", "not"], "won't": ["will", "not"],
                 "can't": ["can", "not"], "isn't": ["is", "not"], "we're": ["we", "are"],
                 "they're": ["they", "are"], "i'm": ["i", "am"], "we've": ["we", "have"],
                 "didn't": ["did", "not"], "doesn't": ["does", "not"], "aren't": ["are", "not"]}
STOPWORDS = frozenset("the a an of to and in on for is are was were be been it that this with as at by "
                      "we i you he she they our their its his her from or not will would".split())


def normalise(text: str) -> list[str]:
    """Words of a quote with quote marks, apostrophes, dashes, ellipses, [insertions], case,
    accents and white space made irrelevant."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = _ELLIPSIS.sub(" ", _BRACKETED.sub(" ", text))
    words: list[str] = []
    for w in _WORD.findall(text):
        words.extend(_CONTRACTIONS.get(w, (w,)))
    return words[:MAX_WORDS]


def score(a: list[str], b: list[str]) -> float:
    """Similarity 0-100 of two normalised quotes."""
    if not a or not b:
        return 0.0
    short, long_ = sorted((len(a), len(b)))
    common = LCSseq.similarity(a, b)
    value = 100.0 * common / (0.7 * short + 0.3 * long_)
    if short < SHORT_PENALTY_BELOW:
        value -= SHORT_PENALTY * (SHORT_PENALTY_BELOW - short)
    return max(0.0, min(100.0, value))


def tier(a: list[str], b: list[str], value: float | None = None) -> str | None:
    """'same', 'possible' or None for a pair."""
    value = score(a, b) if value is None else value
    if value >= SAME_THRESHOLD and min(len(a), len(b)) >= MIN_WORDS_AUTO:
        return "same"
    if value >= POSSIBLE_THRESHOLD:
        return "possible"
    return None


# -- guards -------------------------------------------------------------------------------
# "4,000 troops" and "5,500 troops" may share every other word: a verdict on one is no verdict on
# the other. Thousands are grouped with commas, full stops, spaces or thin spaces ("4,000",
# "4.000", "4 000"); a decimal takes a comma or a full stop; scale words follow in English,
# Russian and Arabic, so a translation's "4 тыс." is the original's "4,000".
_FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:([,.\u00a0\u202f\u066c ])\d{3})(?:\2\d{3})*|\d+)"
                     r"(?:[.,\u066b](\d+))?(?![\d])\s*([^\W\d_]*)")
_SCALES = (("thousand", 1e3), ("тыс", 1e3), ("ألف", 1e3), ("آلاف", 1e3), ("الف", 1e3),
           ("million", 1e6), ("млн", 1e6), ("миллион", 1e6), ("مليون", 1e6), ("ملايين", 1e6),
           ("billion", 1e9), ("млрд", 1e9), ("миллиард", 1e9), ("مليار", 1e9), ("بليون", 1e9))


def figures(text: str) -> frozenset[str]:
    """The numbers a quote states, as canonical values ("4,000", "4 000" and "4 thousand" are
    all "4000"), in any script's digits."""
    text = unicodedata.normalize("NFKC", text)
    found = set()
    for whole, _grouping, decimals, word in _FIGURE.findall(text):
        value = float("".join(str(unicodedata.digit(c)) for c in whole if c.isdigit()))
        if decimals:
            value += float("0." + "".join(str(unicodedata.digit(c)) for c in decimals))
        scale = next((f for prefix, f in _SCALES if word.casefold().startswith(prefix)), 1.0)
        value *= scale
        found.add(f"{value:.6g}" if value != int(value) else str(int(value)))
    return frozenset(found)


def figures_conflict(a: str, b: str) -> bool:
    """Two renderings state different figures: each has a number the other lacks. A piece that
    leaves a number out (or a fuller rendering that adds one) does not conflict."""
    fa, fb = figures(a), figures(b)
    return bool(fa - fb) and bool(fb - fa)


def _hash(key: str) -> int:
    # A stable signed 63-bit integer, the same in every process (Python's hash() is salted).
    data = key.encode()
    return zlib.crc32(data) << 31 ^ zlib.adler32(data)


def word_keys(words: list[str]) -> set[int]:
    return {_hash("w:" + w) for w in words if w not in STOPWORDS and len(w) > 2}


def pair_keys(words: list[str]) -> set[int]:
    return {_hash(f"p:{a} {b}") for a, b in zip(words, words[1:], strict=False)}


def exact_key(words: list[str]) -> int:
    """The same words in the same order: found however common the quote (boilerplate, or
    the thousandth repost), where rare keys alone would give up."""
    return _hash("x:" + " ".join(words))


@dataclass(frozen=True)
class Keys:
    """A quote's index keys, computed once: hashing is most of a rebuild's work."""

    words: set[int]
    pairs: set[int]
    exact: int

    def rows(self) -> list[tuple[int, int]]:
        """(kind, key): 1 word, 2 word pair, 3 the exact words."""
        return [(1, k) for k in self.words] + [(2, k) for k in self.pairs] + [(3, self.exact)]


def keys_of(words: list[str]) -> Keys:
    return Keys(word_keys(words), pair_keys(words), exact_key(words))


EXACT_CANDIDATES = 5  # identical earlier quotes looked at; one is enough to find the cluster
# With identical earlier quotes found, near matches are looked at only this many: the twins'
# cluster already holds the rest, and a thousand reposts stay cheap.
CANDIDATES_WITH_TWINS = 20


@dataclass(frozen=True)
class Candidate:
    other: int
    shared: int


def min_shared(words: list[str]) -> int:
    return 1 if len(words) < MIN_WORDS_AUTO else MIN_SHARED_KEYS


class MemoryIndex:
    """The candidate index in process memory: the same rules as the database index, for the
    batch rebuild and for tests that compare the two."""

    def __init__(self):
        self.postings: dict[int, list[int]] = {}

    def add(self, quote_id: int, words: list[str], keys: Keys | None = None) -> None:
        for _, key in (keys or keys_of(words)).rows():
            self.postings.setdefault(key, []).append(quote_id)

    def candidates(self, quote_id: int, words: list[str], keys: Keys | None = None) -> list[Candidate]:
        keys = keys or keys_of(words)
        exact = [o for o in self.postings.get(keys.exact, ()) if o != quote_id][:EXACT_CANDIDATES]
        counts: dict[int, int] = {}
        for limit, group in ((RARE_WORD_DF, keys.words), (RARE_PAIR_DF, keys.pairs)):
            for key in group:
                ids = self.postings.get(key, ())
                if len(ids) > limit:
                    continue
                for other in ids:
                    if other != quote_id:
                        counts[other] = counts.get(other, 0) + 1
        need = min_shared(words)
        ranked = sorted((c for c in counts.items() if c[1] >= need), key=lambda c: (-c[1], c[0]))
        return merge_candidates(exact, ranked, len(words))


def merge_candidates(exact: list[int], ranked: list[tuple[int, int]], n_words: int) -> list[Candidate]:
    """Identical quotes first, then the best near ones (fewer when there are identical ones)."""
    limit = CANDIDATES_WITH_TWINS if exact else MAX_CANDIDATES
    out = [Candidate(o, n_words + 1000) for o in exact]
    out += [Candidate(o, n) for o, n in ranked if o not in exact][:limit]
    return out


@dataclass
class Link:
    other: int
    score: float
    tier: str


def best_links(words: list[str], candidates: list[tuple[int, list[str]]]) -> list[Link]:
    """Score candidates; keep those in a tier, best first (ties: lower id first)."""
    links = []
    for other, other_words in candidates:
        value = score(words, other_words)
        t = tier(words, other_words, value)
        if t:
            links.append(Link(other, round(value, 2), t))
    links.sort(key=lambda link: (-link.score, link.other))
    return links


def choose_cluster(words: list[str], links: list[Link], cluster_of: dict[int, int],
                   representative: dict[int, list[str]]) -> tuple[int | None, Link | None]:
    """The cluster a quote joins: that of its best 'same' match, provided it is also close to
    the cluster's first appearance. Checking the representative keeps clusters from chaining
    distinct quotes together through shared fragments."""
    for link in links:
        if link.tier != "same":
            break
        cluster = cluster_of.get(link.other)
        if cluster is None:
            return None, link  # a new cluster of the two
        if score(words, representative[cluster]) >= POSSIBLE_THRESHOLD:
            return cluster, link
    return None, None


def to_suggest(links: list[Link], cluster: int | None, cluster_of: dict[int, int]) -> list[Link]:
    """The links to offer a reviewer: not already in the quote's cluster, one per other
    cluster, at most MAX_SUGGESTIONS."""
    chosen, seen = [], set()
    for link in links:
        other_cluster = cluster_of.get(link.other)
        if cluster is not None and other_cluster == cluster:
            continue
        if other_cluster is not None:
            if other_cluster in seen:
                continue
            seen.add(other_cluster)
        chosen.append(link)
        if len(chosen) == MAX_SUGGESTIONS:
            break
    return chosen


@dataclass
class Batch:
    """What a full pass decided: members of new clusters (negative ids) or of existing ones,
    and the pairs to suggest."""

    clusters: dict[int, list[tuple[int, float]]]
    suggestions: list[Link]
    suggested_for: list[int]


def cluster_all(quotes: list[tuple[int, int, list[str]]], cluster_of: dict[int, int] | None = None,
                rejected: set[tuple[int, int]] | None = None,
                representative: dict[int, list[str]] | None = None,
                keys: dict[int, Keys] | None = None) -> Batch:
    """Place quotes (id, article, words), in order of appearance, as `quote_match` does one by
    one: the first appearance of each quote seeds its cluster. `keys` may hold the quotes'
    keys already computed (the caller stores them too)."""
    cluster_of = dict(cluster_of or {})
    rejected = rejected or set()
    representative = dict(representative or {})
    words_of = {pk: words for pk, _, words in quotes}
    article_of = {pk: article for pk, article, _ in quotes}
    index = MemoryIndex()
    batch = Batch({}, [], [])
    next_local = -1
    for pk, article, words in quotes:
        if not words:
            continue
        quote_keys = keys[pk] if keys else keys_of(words)
        found = [c.other for c in index.candidates(pk, words, quote_keys) if article_of[c.other] != article]
        links = [link for link in best_links(words, [(o, words_of[o]) for o in found])
                 if (pk, link.other) not in rejected and (link.other, pk) not in rejected]
        cluster = cluster_of.get(pk)
        if cluster is None:
            cluster, link = choose_cluster(words, links, cluster_of, representative)
            if link is not None:
                if cluster is None:
                    cluster, next_local = next_local, next_local - 1
                    cluster_of[link.other] = cluster
                    representative[cluster] = words_of[link.other]
                    batch.clusters[cluster] = [(link.other, 100.0)]
                cluster_of[pk] = cluster
                batch.clusters.setdefault(cluster, []).append((pk, link.score))
        for link in to_suggest(links, cluster, cluster_of):
            batch.suggestions.append(link)
            batch.suggested_for.append(pk)
        index.add(pk, words, quote_keys)
    return batch
