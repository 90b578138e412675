"""Spotting one statement reused across outlets: normalisation, scoring, guards, candidate keys
and clustering.

Pure Python (rapidfuzz, no Django), so it is measured and tested alone. The database side
(factcheck/services/matching.py) stores the candidate keys and the clusters.

Scoring compares word sequences, not characters: the longest common subsequence of the two
quotes' words, divided by a length that leans towards the shorter quote, so that a truncated
quote ("We will do everything...") still matches its full form, while a short quote gets a
penalty because short quotes match by accident. A piece printed alone (one sentence of a
three-sentence quote) is found by containment: its words stand in order, with small edits, in a
short window of the fuller quote.

Guards decide what may be linked without a person: quotes whose figures differ, two different
named speakers, or appearances years apart are only ever suggested (`auto_link_blocked`). Any
other tier that links statements (the paraphrase and translation tier) applies the same guards
through `auto_link_blocked`, `figures_conflict` and `speakers_compatible`.

Claims (a reporter's sentences) are matched the same way, in their own key space and with a
stricter threshold, into clusters of their own: claim reuse, apart from quote reuse.
"""

import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property

from rapidfuzz.distance import LCSseq

from factcheck.text.languages.detect import detect

# Tiers (0-100). "same" links automatically; "possible" is suggested to a reviewer.
SAME_THRESHOLD = 62.0
POSSIBLE_THRESHOLD = 50.0
# Claims are the reporter's own sentences: reposts copy them nearly word for word, while two
# different reports on one event share much of their wording, so the bar is higher.
CLAIM_SAME_THRESHOLD = 75.0
CLAIM_POSSIBLE_THRESHOLD = 62.0
# Quotes shorter than this never link automatically, they are only suggested.
MIN_WORDS_AUTO = 6
SHORT_PENALTY_BELOW = 12  # words
SHORT_PENALTY = 3.0  # points per missing word
# Containment: a piece of at least CONTAIN_MIN_WORDS words whose words are found, in order, in a
# window of the fuller quote little longer than the piece. Share of the piece's words found:
CONTAIN_SAME = 85.0
CONTAIN_POSSIBLE = 75.0
CONTAIN_MIN_WORDS = 7
CONTAIN_WINDOW_SLACK = 0.25  # extra words allowed inside the window, as a share of the piece
# A quote joins a cluster only if its wording is this far above the bar of a suggestion against
# the cluster's seed or fullest rendering (or stands inside one): at 1M synthetic quotes, two
# quotes that shared one phrase and a common word with a piece (score 50.7 and 51.3 against the
# seed) joined through the piece; the margin costs 0.002 of pair recall at 100,000.
RELATED_MARGIN = 5.0
# Appearances further apart than this are only suggested: a politician repeats a line years later.
YEARS_APART_DAYS = 365
# Candidate keys: a single word is a key when it is in at most RARE_WORD_DF quotes, a word pair
# when in at most RARE_PAIR_DF; candidates share at least MIN_SHARED_KEYS keys (1 for short quotes).
RARE_WORD_DF = 20
RARE_PAIR_DF = 200
MIN_SHARED_KEYS = 2
MAX_CANDIDATES = 200
MAX_SUGGESTIONS = 5  # per quote, best first, one per cluster: identical short quotes stay linear
MAX_WORDS = 400  # a "quote" longer than this is compared on its first MAX_WORDS words

QUOTE, CLAIM = "quote", "claim"

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


def containment(a: list[str], b: list[str]) -> float:
    """Share (0-100) of the shorter quote's words found in order in one compact window of the
    longer one; 0 when the shorter is too short to tell a piece from a coincidence, or when the
    two are of similar length (then `score` says it all)."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    if n < CONTAIN_MIN_WORDS or len(long_) < n * 1.2:
        return 0.0
    if LCSseq.similarity(short, long_) < n * CONTAIN_POSSIBLE / 100:
        return 0.0  # cheap bound: the window can only find fewer
    # Anchor the window on the longest run of shared words; the alignment over the whole of
    # the longer quote may pick a stray "the" far away.
    blocks = [op for op in LCSseq.opcodes(short, long_) if op.tag == "equal"]
    anchor = max(blocks, key=lambda op: op.src_end - op.src_start)
    slack = int(n * CONTAIN_WINDOW_SLACK) + 1
    lo = max(0, anchor.dest_start - anchor.src_start - slack)
    window = long_[lo:anchor.dest_start - anchor.src_start + n + slack]
    return 100.0 * LCSseq.similarity(short, window) / n


def same_threshold(kind: str = QUOTE) -> float:
    return CLAIM_SAME_THRESHOLD if kind == CLAIM else SAME_THRESHOLD


def possible_threshold(kind: str = QUOTE) -> float:
    return CLAIM_POSSIBLE_THRESHOLD if kind == CLAIM else POSSIBLE_THRESHOLD


def similarity(a: list[str], b: list[str], kind: str = QUOTE) -> tuple[float, str]:
    """(value, how): how = 'wording' (the two say the same) or 'containment' (one is a piece of
    the other)."""
    value = score(a, b)
    if value >= 100.0:
        return value, "wording"
    inside = containment(a, b)
    # Below the bar, containment may lift a piece into a tier. Above it, containment is taken
    # only when it links as surely: a piece scores a little over the bar against a rendering
    # that shares most of it and far more against the one it stands in whole, which is the
    # one it should join.
    floor = CONTAIN_POSSIBLE if value < same_threshold(kind) else CONTAIN_SAME
    if inside >= floor and inside > value:
        return round(inside, 2), "containment"
    return round(value, 2), "wording"


def tier(a: list[str], b: list[str], value: float | None = None, how: str = "wording",
         kind: str = QUOTE) -> str | None:
    """'same', 'possible' or None for a pair, on the words alone (guards come on top)."""
    if value is None:
        value, how = similarity(a, b, kind)
    shorter = min(len(a), len(b))
    if how == "containment":
        if value >= CONTAIN_SAME and shorter >= CONTAIN_MIN_WORDS:
            return "same"
        return "possible" if value >= CONTAIN_POSSIBLE else None
    if value >= same_threshold(kind) and shorter >= MIN_WORDS_AUTO:
        return "same"
    if value >= possible_threshold(kind):
        return "possible"
    return None


# -- figures --------------------------------------------------------------------------------

_MULTIPLIERS = {
    "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "mln": 10**6, "bn": 10**9, "тыс": 1000, "тысяч": 1000, "тысячи": 1000, "тысяча": 1000,
    "млн": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6, "млрд": 10**9,
    "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9,
    "ألف": 1000, "آلاف": 1000, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9,
    # (Arabic's accusative after a number from eleven: '16 مليارا', '20 ألفاً')
    "ألفا": 1000, "ألفاً": 1000, "مليونا": 10**6, "مليوناً": 10**6, "مليارا": 10**9, "ملياراً": 10**9,
    "مليارات": 10**9,
    "хиљада": 1000, "хиљаде": 1000, "милион": 10**6, "милиона": 10**6, "милијарда": 10**9, "милијарде": 10**9,
    "милијарди": 10**9, "hiljada": 1000, "hiljade": 1000, "milion": 10**6, "miliona": 10**6, "milijarda": 10**9,
    "milijarde": 10**9, "milijardi": 10**9,
}
# "One" is left out: "no one", "one of the" are not figures.
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero _ two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split()) if w != "_"}
_NUMBER_WORDS |= {w: 10 * i for i, w in enumerate("_ _ _ thirty forty fifty sixty seventy eighty ninety".split(), 0)
                  if w != "_"}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MULT = r"(?:\s*(?P<mult>" + "|".join(sorted(_MULTIPLIERS, key=len, reverse=True)) + r")(?!\w))?"
_FIGURE = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*)" + _MULT,
                     re.IGNORECASE)
_UNITS = "|".join(["one"] + [w for w, v in _NUMBER_WORDS.items() if 2 <= v <= 9])
_WORD_FIGURE = re.compile(r"\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")(?:-(?P<unit>" + _UNITS + r"))?\b"
                          + _MULT.replace("\\s*", "[\\s-]+"), re.IGNORECASE)


# 'a hundred years', 'one thousand people': the multiplier is the figure.
_A_HUNDRED = re.compile(r"\b(?:a|one)\s+(?P<mult>hundred|thousand|million|billion)\b(?![\s-]+(?:and\s+)?\w*(?:ty|teen)\b)",
                        re.IGNORECASE)


def _number(raw: str) -> Decimal | None:
    raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    groups = re.split(r"[.,]", raw)
    try:
        # 4,000 / 1.000.000 / 5.500 (German, Serbian, Spanish copy): thousands separators. Three
        # digits after a lone full stop are read as thousands too: news rarely gives three decimals,
        # and reading a translation's "5.500" as 5.5 would keep it from its "5,500" original.
        if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and groups[0].strip("0"):
            return Decimal("".join(groups))
        if len(groups) == 2:
            return Decimal(f"{groups[0]}.{groups[1]}")  # 4.5 / 4,5: a decimal
        return Decimal("".join(groups))
    except InvalidOperation:
        return None


def _canonical(value: Decimal, mult: str | None) -> str:
    factor = _MULTIPLIERS.get((mult or "").casefold().rstrip("."))
    if factor:
        value *= factor
    return format(value.normalize(), "f")


def _forms(table: str) -> dict[str, int]:
    """'value:form form ...; value:...' -> {form: value}."""
    out = {}
    for entry in table.split(";"):
        value, forms = entry.split(":")
        out |= dict.fromkeys(forms.split(), int(value))
    return out


# Number words of the other languages whose copy is matched across scripts, in the case forms
# news uses ("шести месяцев", "девяноста минут"), Serbian Cyrillic among them. One is left out,
# as in English. Latin-script languages are not read: their number words are English words or
# abbreviations too ("sept", "mil", "pet"), and nothing here knows a text's language.
_RUSSIAN_UNITS = _forms(
    "2:два две двух двум двумя; 3:три трёх трех трём трем тремя; 4:четыре четырёх четырех четырём четырем "
    "четырьмя; 5:пять пяти пятью; 6:шесть шести шестью; 7:семь семи семью; 8:восемь восьми восемью; "
    "9:девять девяти девятью; 5:пет; 6:шест; 7:седам; 8:осам; 9:девет")  # the last five: Serbian
_RUSSIAN_TENS = _forms("20:двадцать двадцати; 30:тридцать тридцати; 40:сорок сорока; 50:пятьдесят пятидесяти; "
                       "60:шестьдесят шестидесяти; 70:семьдесят семидесяти; 80:восемьдесят восьмидесяти; "
                       "90:девяносто девяноста; 20:двадесет; 30:тридесет; 40:четрдесет; 50:педесет; "
                       "60:шездесет; 70:седамдесет; 80:осамдесет; 90:деведесет")
_RUSSIAN_ALONE = _forms(
    "10:десять десяти; 11:одиннадцать одиннадцати; 12:двенадцать двенадцати; 13:тринадцать тринадцати; "
    "14:четырнадцать четырнадцати; 15:пятнадцать пятнадцати; 16:шестнадцать шестнадцати; "
    "17:семнадцать семнадцати; 18:восемнадцать восемнадцати; 19:девятнадцать девятнадцати; 100:сто ста; "
    "10:десет; 11:једанаест; 12:дванаест; 13:тринаест; 14:четрнаест; 15:петнаест; 16:шеснаест; "
    "17:седамнаест; 18:осамнаест; 19:деветнаест")
# Arabic: "ست" (also "lady") is left out; 11-19 are a unit and عشر, 21-99 a unit, و and the tens.
_ARABIC_UNITS = _forms("2:اثنان اثنين اثنتان اثنتين; 3:ثلاثة ثلاث; 4:أربعة أربع اربعة اربع; 5:خمسة خمس; 6:ستة; "
                       "7:سبعة سبع; 8:ثمانية ثماني ثمان; 9:تسعة تسع")
_ARABIC_TENS = _forms("10:عشرة عشر; 20:عشرون عشرين; 30:ثلاثون ثلاثين; 40:أربعون أربعين اربعون اربعين; "
                      "50:خمسون خمسين; 60:ستون ستين; 70:سبعون سبعين; 80:ثمانون ثمانين; 90:تسعون تسعين")
_ARABIC_CLITICS = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل")
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")
_LETTERS = re.compile(r"[^\W\d_]+")


def _arabic_number_word(word: str) -> str:
    """'الأربعة' (the four), 'لعشرين' (for twenty) -> the number word without its article or
    preposition; any other word as it is."""
    if word in _ARABIC_UNITS or word in _ARABIC_TENS:
        return word
    for clitic in _ARABIC_CLITICS:
        bare = word.removeprefix(clitic)
        if bare != word and (bare in _ARABIC_UNITS or bare in _ARABIC_TENS):
            return bare
    return word


def _other_script_figures(text: str) -> list[Decimal]:
    """Russian and Arabic number words as values: 'двадцать пять' 25, 'خمسة وعشرون' 25,
    'خمسة عشر' 15, 'шесть тысяч' 6000."""
    words = [_arabic_number_word(w.casefold()) for w in _LETTERS.findall(text)]
    found, i = [], 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        value, used = None, 1
        if word in _RUSSIAN_TENS:
            if after == "и" and words[i + 2:i + 3] and words[i + 2] in _RUSSIAN_UNITS:  # Serbian "двадесет и пет"
                used, after = used + 1, words[i + 2]
            value = _RUSSIAN_TENS[word] + _RUSSIAN_UNITS.get(after, 0)
            used += after in _RUSSIAN_UNITS
        elif word in _RUSSIAN_UNITS or word in _RUSSIAN_ALONE:
            value = _RUSSIAN_UNITS.get(word) or _RUSSIAN_ALONE[word]
        elif word in _ARABIC_UNITS:
            tens = after.removeprefix("و") if after.startswith("و") and after[1:] in _ARABIC_TENS else after
            value = _ARABIC_UNITS[word] + _ARABIC_TENS.get(tens, 0)
            used += tens in _ARABIC_TENS
        elif word in _ARABIC_TENS:
            value = _ARABIC_TENS[word]
        if value is not None:
            mult = words[i + used] if i + used < len(words) else ""
            found.append(Decimal(value * _MULTIPLIERS.get(mult, 1)))
        i += used
    return found


def figures(text: str) -> frozenset[str]:
    """The numbers a statement states, as canonical values: '4,000', '4 000' and 'four
    thousand' are one figure; '25 percent' is 25 (units are often dropped in reposts)."""
    text = unicodedata.normalize("NFKC", text).translate(_ARABIC_DIGITS)
    found = set()
    for m in _FIGURE.finditer(text):
        value = _number(m["num"])
        if value is not None:
            found.add(_canonical(value, m["mult"]))
    for m in _A_HUNDRED.finditer(text):
        found.add(_canonical(Decimal(1), m["mult"]))
    for m in _WORD_FIGURE.finditer(text):
        value = _NUMBER_WORDS[m["word"].casefold()] + (_NUMBER_WORDS.get(m["unit"].casefold(), 1) if m["unit"] else 0)
        found.add(_canonical(Decimal(value), m["mult"]))
    if _OTHER_SCRIPT.search(text):
        found.update(_canonical(value, None) for value in _other_script_figures(text))
    return frozenset(found)


def figures_conflict(a: "frozenset[str] | str", b: "frozenset[str] | str") -> bool:
    """Two renderings state different figures: each has a number the other lacks. A piece that
    leaves a number out (or a fuller rendering that adds one) does not conflict."""
    fa = figures(a) if isinstance(a, str) else a
    fb = figures(b) if isinstance(b, str) else b
    return bool(fa - fb) and bool(fb - fa)


def carry_blocked(checked: str, other: str, *, by_meaning: bool = False) -> str | None:
    """Why a verdict on the `checked` rendering does not carry to `other`: 'figures' (they
    state different figures), 'added figures' (the other states a figure the checked one
    leaves out: a verdict on a piece without the number says nothing of the number) or
    'reworded'. None: it carries, as to a piece that leaves a checked figure out.

    `by_meaning`: the other came into the cluster by machine while the cluster also holds
    renderings joined by meaning, not yet confirmed; it may have come in through one of them,
    so the verdict reaches it only when its own words are the checked ones."""
    added = figures(other) - figures(checked)
    if added:
        return "figures" if figures(checked) - figures(other) else "added figures"
    if by_meaning and tier(normalise(checked), normalise(other)) != "same":
        return "reworded"
    return None


def speakers_compatible(a, b) -> bool:
    """The same named speaker, or one of them unnamed ("a spokesperson", not extracted)."""
    return a is None or b is None or a == b


def years_apart(a_day: int | None, b_day: int | None) -> bool:
    """Publication days (date ordinals) more than YEARS_APART_DAYS apart; unknown is not apart."""
    return a_day is not None and b_day is not None and abs(a_day - b_day) > YEARS_APART_DAYS


# -- candidate keys -------------------------------------------------------------------------

def _hash(key: str) -> int:
    # A stable signed 63-bit integer, the same in every process (Python's hash() is salted).
    data = key.encode()
    return zlib.crc32(data) << 31 ^ zlib.adler32(data)


def _space(kind: str) -> str:
    # Claims get a key space of their own: a claim never turns up as a quote's candidate.
    return "c" if kind == CLAIM else ""


def word_keys(words: list[str], kind: str = QUOTE) -> set[int]:
    ns = _space(kind)
    return {_hash(ns + "w:" + w) for w in words if w not in STOPWORDS and len(w) > 2}


def pair_keys(words: list[str], kind: str = QUOTE) -> set[int]:
    ns = _space(kind)
    return {_hash(f"{ns}p:{a} {b}") for a, b in zip(words, words[1:], strict=False)}


def exact_key(words: list[str], kind: str = QUOTE) -> int:
    """The same words in the same order: found however common the quote (boilerplate, or
    the thousandth repost), where rare keys alone would give up."""
    return _hash(_space(kind) + "x:" + " ".join(words))


@dataclass(frozen=True)
class Keys:
    """A quote's index keys, computed once: hashing is most of a rebuild's work."""

    words: set[int]
    pairs: set[int]
    exact: int

    def rows(self) -> list[tuple[int, int]]:
        """(kind, key): 1 word, 2 word pair, 3 the exact words."""
        return [(1, k) for k in self.words] + [(2, k) for k in self.pairs] + [(3, self.exact)]


def keys_of(words: list[str], kind: str = QUOTE) -> Keys:
    return Keys(word_keys(words, kind), pair_keys(words, kind), exact_key(words, kind))


def keys_to_store(keys: Keys, has_twins: bool) -> Keys:
    """What the index keeps of a statement: a copy of an earlier statement's exact words adds
    only its exact key. Whatever would match it matches the earlier one too (and joins the same
    cluster), and a phrase stays rare however many reposts copy its quote."""
    return Keys(set(), set(), keys.exact) if has_twins else keys


EXACT_CANDIDATES = 5  # identical earlier statements looked at; one is enough to find the cluster
# With identical earlier statements found, nothing else is looked up: their cluster and their
# suggestions already hold every near match, and the thousandth repost costs one index read.


@dataclass(frozen=True)
class Candidate:
    other: int
    shared: int  # rare keys shared
    twin: bool = False  # the same words exactly


def min_shared(words: list[str]) -> int:
    return 1 if len(words) < MIN_WORDS_AUTO else MIN_SHARED_KEYS


class MemoryIndex:
    """The candidate index in process memory: the same rules as the database index, for the
    batch rebuild and for tests that compare the two."""

    def __init__(self):
        self.postings: dict[int, list[int]] = {}

    def add(self, quote_id: int, words: list[str], keys: Keys | None = None, kind: str = QUOTE) -> None:
        for _, key in (keys or keys_of(words, kind)).rows():
            self.postings.setdefault(key, []).append(quote_id)

    def candidates(self, quote_id: int, words: list[str], keys: Keys | None = None,
                   kind: str = QUOTE, exclude: set[int] | frozenset[int] = frozenset()) -> list[Candidate]:
        """Statements sharing the exact words, else those sharing the most rare keys; never
        the quote itself or those in `exclude` (its own article's)."""
        keys = keys or keys_of(words, kind)
        exact = [o for o in self.postings.get(keys.exact, ()) if o != quote_id and o not in exclude][:EXACT_CANDIDATES]
        if exact:
            return twins_only(exact, len(words))
        counts: dict[int, int] = {}
        for limit, group in ((RARE_WORD_DF, keys.words), (RARE_PAIR_DF, keys.pairs)):
            for key in group:
                ids = self.postings.get(key, ())
                if len(ids) > limit:
                    continue
                for other in ids:
                    if other != quote_id and other not in exclude:
                        counts[other] = counts.get(other, 0) + 1
        need = min_shared(words)
        ranked = sorted((c for c in counts.items() if c[1] >= need), key=lambda c: (-c[1], c[0]))
        return [Candidate(o, n) for o, n in ranked[:MAX_CANDIDATES]]


def twins_only(exact: list[int], n_words: int) -> list[Candidate]:
    return [Candidate(o, n_words, twin=True) for o in exact]


# -- statements, links and guards -------------------------------------------------------------

@dataclass(eq=False)
class Quote:
    """What matching knows of a statement: its words, named speaker (an id, None when unnamed),
    publication day (a date ordinal, None when undated), kind, and text (for its figures)."""

    id: int
    article: int
    words: list[str]
    speaker: int | None = None
    day: int | None = None
    kind: str = QUOTE
    text: str = ""

    @cached_property
    def figures(self) -> frozenset[str]:
        # Read only when a pair scores in a tier: most candidates never need it.
        return figures(self.text)

    @cached_property
    def language(self) -> str:
        return detect(self.text)


def quote_of(pk: int, article: int, text: str, *, speaker: int | None = None, day: int | None = None,
             kind: str = QUOTE) -> Quote:
    return Quote(pk, article, normalise(text), speaker, day, kind, text)


def auto_link_blocked(a: Quote, b: Quote) -> str | None:
    """Why two statements may only be suggested, never linked by the machine: 'figures' (they
    state different numbers), 'speakers' (two different named people) or 'years' (published
    years apart); None when nothing stands in the way."""
    if figures_conflict(a.figures, b.figures):
        return "figures"
    if not speakers_compatible(a.speaker, b.speaker):
        return "speakers"
    if years_apart(a.day, b.day):
        return "years"
    return None


@dataclass
class Link:
    other: int
    score: float
    tier: str
    how: str = "wording"  # or "containment": one is a piece of the other
    guard: str | None = None  # why a link in the 'same' range is only suggested


def judge(q: Quote, other: Quote) -> Link | None:
    """The link between two statements, guards applied: a blocked pair is at most 'possible'."""
    value, how = similarity(q.words, other.words, q.kind)
    found = tier(q.words, other.words, value, how, q.kind)
    if found is None:
        return None
    guard = auto_link_blocked(q, other)
    return Link(other.id, value, "possible" if guard else found, how, guard)


def best_links(q: Quote, candidates: list[Quote]) -> list[Link]:
    """Score candidates; keep those in a tier, best first (ties: lower id first)."""
    links = [link for other in candidates if (link := judge(q, other)) is not None]
    links.sort(key=lambda link: (-link.score, link.other))
    return links


def related(q: Quote, rep: Quote) -> bool:
    """Close enough to a cluster's fullest rendering to join it: similar wording or one inside
    the other, and no guard in the way. Checking against the fullest rendering, not only the
    best match, keeps clusters from chaining distinct quotes through shared fragments."""
    if auto_link_blocked(q, rep):
        return False
    if score(q.words, rep.words) >= possible_threshold(q.kind) + RELATED_MARGIN:
        return True
    return containment(q.words, rep.words) >= CONTAIN_SAME


# -- merged quotes ----------------------------------------------------------------------------
# One outlet runs two remarks together in one quotation ('“These sanctions are a political
# gesture. We are open to dialogue, but not to ultimatums,” she said', where the wire carried
# them paragraphs apart). A statement sits in one cluster, so such a quote would join one
# statement's renderings and miss the other's; it is two statements, cut where the second begins.
_QUOTE_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’']?\s+")
_OPENING_MARKS = "\"“«„‘'"


def merged_at(q: Quote, candidates: list[Quote]) -> tuple[int, int] | None:
    """Where a quote that merges two statements is cut: (end of the first, start of the second)
    as offsets in q.text, at a sentence break with the words before it linking ('same', guards
    applied) to one candidate and the words after it to another, the two candidates no
    renderings of one statement, and neither part linking to the other's candidate. None for a
    quote that is one statement, however its pieces are spread (both parts in one fuller
    rendering, or in two that are themselves related), and for one whose figures, taken whole,
    differ from either statement's: a misreported figure is not cut away to let the rest link."""
    if q.kind != QUOTE or len(q.words) < 2 * CONTAIN_MIN_WORDS:
        return None
    for brk in _QUOTE_SENTENCE_END.finditer(q.text):
        first = q.text[brk.end():].lstrip(_OPENING_MARKS)[:1]
        if not first or first.islower():
            continue  # 'Mr. Smith', 'p.m. on Monday': no sentence starts there
        head = quote_of(q.id, q.article, q.text[:brk.start()], speaker=q.speaker, day=q.day)
        tail = quote_of(q.id, q.article, q.text[brk.end():], speaker=q.speaker, day=q.day)
        if min(len(head.words), len(tail.words)) < CONTAIN_MIN_WORDS:
            continue
        heads = [c for c in candidates if _links(head, c)]
        tails = [c for c in candidates if _links(tail, c)]
        if set(heads) & set(tails):
            return None  # a fuller rendering holds both: one statement, printed with a gap
        # (so no head's rendering links the tail, nor a tail's the head)
        for a in heads:
            for b in tails:
                if not related(a, b) and not related(b, a) \
                        and not figures_conflict(q.figures, a.figures) and not figures_conflict(q.figures, b.figures):
                    return brk.start(), brk.end()
    return None


def _links(part: Quote, other: Quote) -> bool:
    link = judge(part, other)
    return link is not None and link.tier == "same"


@dataclass
class Placement:
    cluster: int | None = None
    link: Link | None = None
    created: bool = False  # a new cluster of the quote and link.other
    fuller: bool = False  # the quote became its cluster's fullest rendering


@dataclass
class Clusters:
    """Which cluster each statement is in, and each cluster's seed and fullest renderings and
    named speaker. New clusters get negative ids until the caller stores them."""

    cluster_of: dict[int, int] = field(default_factory=dict)
    fullest: dict[int, Quote] = field(default_factory=dict)
    seed: dict[int, Quote] = field(default_factory=dict)  # the rendering that started it
    speaker: dict[int, int | None] = field(default_factory=dict)
    _next: int = -1

    def place(self, q: Quote, links: list[Link], others: dict[int, Quote]) -> Placement:
        """Join the cluster of the best unguarded 'same' match that is also related to the
        cluster's seed (the rendering that started it) or fullest rendering and fits its
        speaker; or start a cluster with that match. (Checked against the fullest alone, a piece
        reworded a little would miss a cluster whose fullest rendering merges two remarks.)

        A piece without figures stands inside both "4,000 troops ..." and "5,500 troops ...":
        it cannot tell which of the two it belongs to, so it is only suggested when its matches
        disagree on figures, and neither rendering joins a cluster through pieces the other
        one also holds."""
        same = [others[link.other] for link in links if link.tier == "same"]
        if any(figures_conflict(a.figures, b.figures) for i, a in enumerate(same) for b in same[i + 1:]):
            return Placement()
        rivals = [others[link.other] for link in links if link.guard == "figures"]
        for link in links:
            if link.tier != "same":
                continue  # a guarded pair may score higher than the match to take
            cluster = self.cluster_of.get(link.other)
            if self._shared_with(rivals, cluster, others[link.other]):
                continue
            if cluster is None:
                cluster, self._next = self._next, self._next - 1
                other = others[link.other]
                self.cluster_of[other.id] = cluster
                self.fullest[cluster] = self.seed[cluster] = other
                self.speaker[cluster] = other.speaker
                placed = Placement(cluster, link, created=True)
            elif speakers_compatible(q.speaker, self.speaker.get(cluster)) and self._fits(q, cluster, others[link.other]):
                placed = Placement(cluster, link)
            else:
                continue
            self.cluster_of[q.id] = cluster
            if self.speaker.get(cluster) is None:
                self.speaker[cluster] = q.speaker
            rep = self.fullest.get(cluster)
            if rep is None or len(q.words) > len(rep.words):
                self.fullest[cluster] = q
                placed.fuller = True
            return placed
        return Placement()

    def _shared_with(self, rivals: list[Quote], cluster: int | None, match: Quote) -> bool:
        """The match (or, in a cluster, its seed or fullest rendering) is as much a rendering
        of a rival, a quote that states other figures than the one being placed."""
        if not rivals:
            return False
        reps = [match] if cluster is None else [r for r in (self.seed.get(cluster), self.fullest.get(cluster)) if r]
        return any(related(rival, rep) for rival in rivals for rep in reps)

    def _fits(self, q: Quote, cluster: int, match: Quote) -> bool:
        """Close to the cluster's seed or fullest rendering, or reading the same as its match
        there, with no guard in the way."""
        reps = [rep for rep in (self.seed.get(cluster), self.fullest.get(cluster)) if rep is not None]
        mine = [rep for rep in reps if rep.language == q.language]
        if any(auto_link_blocked(q, rep) for rep in mine) or any(
                figures_conflict(q.figures, rep.figures) or years_apart(q.day, rep.day) for rep in reps):
            return False
        if not reps or any(related(q, rep) for rep in mine):
            return True
        # A seed or fullest rendering with no words to compare (another language), or one that
        # joined by meaning (an agency's own translation, worded apart): the quote must then read
        # as its match itself does (the 'same' bar on wording) or stand inside it as a piece, not
        # merely share a phrase with it.
        return not auto_link_blocked(q, match) and (
            score(q.words, match.words) >= same_threshold(q.kind)
            or len(q.words) < len(match.words) and containment(q.words, match.words) >= CONTAIN_SAME)

    def to_suggest(self, links: list[Link], cluster: int | None) -> list[Link]:
        """The links to offer a reviewer: not already in the quote's cluster, one per other
        cluster, at most MAX_SUGGESTIONS."""
        chosen, seen = [], set()
        for link in links:
            other_cluster = self.cluster_of.get(link.other)
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
    with their score and how they matched, the pairs to suggest, and the clusters' state."""

    clusters: dict[int, list[tuple[int, float, str]]]
    suggestions: list[Link]
    suggested_for: list[int]
    state: Clusters
    indexed: dict[int, Keys] = field(default_factory=dict)  # the keys to store, by statement


def cluster_all(quotes: list[Quote], clusters: Clusters | None = None,
                rejected: set[tuple[int, int]] | None = None,
                keys: dict[int, Keys] | None = None) -> Batch:
    """Place statements, in order of appearance, as the online matcher does article by article:
    the first appearance of each statement seeds its cluster. Quotes and claims may be mixed;
    each is matched only with its own kind. `keys` may hold the keys already computed (the
    caller stores them too)."""
    state = clusters or Clusters()
    rejected = rejected or set()
    by_id = {q.id: q for q in quotes}
    index = MemoryIndex()
    seen: dict[int, set[int]] = {}  # statements indexed so far, by article: never each other's match
    batch = Batch({}, [], [], state)
    for q in quotes:
        if not q.words:
            continue
        quote_keys = keys[q.id] if keys else keys_of(q.words, q.kind)
        own = seen.setdefault(q.article, set())
        offered = index.candidates(q.id, q.words, quote_keys, exclude=own)
        found = [by_id[c.other] for c in offered if by_id[c.other].kind == q.kind]
        links = [link for link in best_links(q, found)
                 if (q.id, link.other) not in rejected and (link.other, q.id) not in rejected]
        cluster = state.cluster_of.get(q.id)
        if cluster is None:
            placed = state.place(q, links, by_id)
            cluster = placed.cluster
            if placed.created:
                batch.clusters[cluster] = [(placed.link.other, 100.0, "wording")]
            if cluster is not None:
                batch.clusters.setdefault(cluster, []).append((q.id, placed.link.score, placed.link.how))
        for link in state.to_suggest(links, cluster):
            batch.suggestions.append(link)
            batch.suggested_for.append(q.id)
        batch.indexed[q.id] = keys_to_store(quote_keys, bool(offered) and offered[0].twin)
        index.add(q.id, q.words, batch.indexed[q.id])
        own.add(q.id)
    return batch
