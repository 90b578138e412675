"""Check-worthiness of sentences: a score in [0, 1] with reasons a reviewer can read.

The score comes from a small logistic-regression model over words, word pairs and a few
shape features (numbers, dates, named bodies, tense), stored as plain JSON weights next to this
file. `python -m factcheck.text.train_claims` retrains it and reports cross-validated figures.
"""

import json
import math
import re
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("claim_model.json")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*%?|\$|%")
_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s*(?:%|percent\b|per\s+cent\b)|\bpercent(?:age)?\b", re.I)
_MONEY = re.compile(r"[$€£]\s*\d|\b\d[\d,.]*\s*(?:million|billion|trillion|dollars|euros|pounds)\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_BIG_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s*(?:million|billion|thousand|hundred)\b", re.I)
_BODY = re.compile(
    r"\b(?:government|ministry|department|congress|senate|parliament|court|agency|council|"
    r"commission|committee|administration|organization|organisation|treaty|alliance|army|military|"
    r"police|bureau|office|union|nato|un|eu|cdc|who|fbi|cia|imf|census)\b", re.I)
_PAST_EVENT = re.compile(
    r"\b(?:was|were|had|did|voted|passed|signed|increased|decreased|rose|fell|cut|raised|created|"
    r"lost|won|killed|spent|paid|fled|activated|requested|announced|approved|rejected|launched|"
    r"reported|grew|dropped|doubled|tripled|closed|opened|built|sent|deployed|\w+ed)\b", re.I)
_COMPARE = re.compile(r"\b(?:more|less|fewer|most|least|than|highest|lowest|largest|smallest|"
                      r"record|increase|decrease|doubled|half|twice|times|majority|average)\b", re.I)
_OPINION = re.compile(r"\b(?:i\s+think|i\s+believe|i\s+feel|in\s+my\s+(?:view|opinion)|i\s+hope|"
                      r"i\s+want|we\s+need|we\s+must|should|ought|wonderful|terrible|great|"
                      r"beautiful|disgrace|shame|love|hate)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|going\s+to|gonna|would|could|might|may)\b", re.I)
_HEDGE = re.compile(r"\b(?:(?:un)?likely|perhaps|probably|possibly|maybe|expected\s+to|"
                    r"would|could|might)\b", re.I)
_BOILERPLATE = re.compile(r"\b(?:click|subscribe|share|follow\s+us|newsletter|copyright|"
                          r"all\s+rights\s+reserved|cookie|sign\s+up)\b", re.I)


_CHECKS = (
    ("has_number", _NUMBER), ("has_percent", _PERCENT), ("has_money", _MONEY),
    ("has_year", _YEAR), ("has_big_number", _BIG_NUMBER), ("names_body", _BODY),
    ("past_event", _PAST_EVENT), ("comparison", _COMPARE), ("opinion", _OPINION),
    ("future", _FUTURE), ("boilerplate", _BOILERPLATE), ("hedge", _HEDGE),
)


def _flags(sentence: str) -> set[str]:
    """The shape features a sentence has, each looked for once."""
    flags = {name for name, pattern in _CHECKS if pattern.search(sentence)}
    stripped = sentence.strip()
    if stripped.endswith("?"):
        flags.add("question")
    if stripped.endswith("!"):
        flags.add("exclamation")
    n = len(stripped.split())
    flags.add("len_" + ("short" if n < 8 else "mid" if n < 20 else "long" if n < 40 else "vlong"))
    if re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", stripped[1:]):
        flags.add("proper_name")
    return flags


def _token(word: str) -> str:
    if word[0].isdigit():
        if word.endswith("%"):
            return "<pct>"
        digits = re.sub(r"\D", "", word)
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return "<year>"
        return "<num>"
    return word.lower().replace("’", "'")


def features(sentence: str, flags: set[str] | None = None) -> list[str]:
    flags = _flags(sentence) if flags is None else flags
    words = [_token(w) for w in _WORD.findall(sentence)]
    feats = ["w:" + w for w in words]
    feats += ["b:" + a + "_" + b for a, b in zip(words, words[1:], strict=False)]
    feats += ["#" + f for f in flags if f != "hedge"]  # hedging is a rule, not a feature
    return feats


@lru_cache(maxsize=1)
def load_model() -> dict:
    with MODEL_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


def probability(feats: list[str], weights: dict[str, float], bias: float) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in set(feats))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


REASONS = [
    ("contains a statistic", lambda f: bool(f & {"has_percent", "has_big_number", "has_money"})),
    ("contains a number", lambda f: "has_number" in f),
    ("names an official body", lambda f: "names_body" in f),
    ("past-tense event", lambda f: "past_event" in f),
    ("comparison", lambda f: "comparison" in f),
    ("opinion words (lowers the score)", lambda f: "opinion" in f),
    ("prediction (lowers the score)", lambda f: "future" in f and "past_event" not in f),
    ("question (lowers the score)", lambda f: "question" in f),
]


def score(sentence: str, model: dict | None = None) -> tuple[float, list[str]]:
    """Check-worthiness of one sentence in [0, 1] and the reasons behind it."""
    if not sentence.strip():
        return 0.0, []
    flags = _flags(sentence)
    if "boilerplate" in flags and len(sentence.split()) < 25:
        return 0.02, ["boilerplate"]
    model = model or load_model()
    p = probability(features(sentence, flags), model["weights"], model["bias"])
    reasons = [label for label, test in REASONS if test(flags)]
    if "hedge" in flags and not flags & {"has_percent", "has_big_number"}:
        # Speculation about what may happen cannot be checked yet, however factual it sounds.
        p *= 0.75
        reasons.append("speculation (lowers the score)")
    return round(p, 4), reasons
