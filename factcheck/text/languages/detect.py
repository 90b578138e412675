"""Which language an article is written in, from its letters and its commonest words.

No model is downloaded: the script decides first (Arabic letters, Cyrillic letters — Serbian
has ђ ј љ њ ћ џ, Russian ы э ъ й щ, Ukrainian і ї є ґ), then, for Latin text, profiles of the
most frequent short words and a few letters each language alone uses. Serbian, Croatian and
Bosnian share a grammar: ekavian forms ('vreme', 'posle') say Serbian; ijekavian ones
('vrijeme', 'poslije') with Croatian words ('tisuća', 'tko', 'milijun') say Croatian, with
Serbian-Bosnian ones ('hiljada', 'miliona') Bosnian.

`detect(text)` returns an ISO 639-1 code, "en" when English or unsure (the extractor's own
language), "und" for text with too few letters to say.
"""

import re
from collections import Counter
from itertools import islice

from factcheck.text.languages.profiles import ENGLISH_STOPWORDS, PROFILES
from factcheck.text.languages.transliterate import cyrillic_to_latin

SAMPLE = 2_000  # characters read: the opening of a page says its language (this runs on every import)
_WORD = re.compile(r"[^\W\d_]+")
_EKAVIAN = re.compile(r"\b(?:vrem|posle|reč|mest[aou]?\b|dec[aeu]\b|det[ei]\b|sled|ovde|gde\b|"
                      r"nedel|cen[aeu]\b|uvek|ocen|vest[i]?\b|svet|lep[aeo]?\b|rek[aeu]\b|mer[aeu]\b|"
                      r"istorij|pesm)", re.I)
_IJEKAVIAN = re.compile(r"\b(?:vrijem|poslije|riječ|mjest|djec|dijete|sljed|ovdje|gdje\b|nedjel|"
                        r"cijen|uvijek|ocijen|vijest|svijet|lijep|rijek|mjer|prije\b|ljet|pjesm)", re.I)
_CROATIAN = re.compile(r"\b(?:tko|tisuć\w*|milijun\w*|tijekom|kazao|kazala|glede|zrakoplov\w*|vlak\w*|"
                       r"kolodvor\w*|izvješć\w*|europsk\w*|ministric\w*|travnja|svibnja|lipnja|srpnja|"
                       r"kolovoza|rujna|listopada|studenog\w*|prosinca|siječnja|veljače|ožujka|"
                       r"općin\w*|sveučiliš\w*|tjed\w*|hrvatsk\w*)\b", re.I)
_SERBIAN_BOSNIAN = re.compile(r"\b(?:ko|šta|hiljad\w*|milion\w*|tokom|voz\w*|evropsk\w*|opštin\w*|"
                              r"univerzitet\w*|nedelj\w*|sedmic\w*|historij\w*|saobraćaj\w*|"
                              r"bosansk\w*|sarajev\w*|kanton\w*)\b", re.I)
# letters that only some Latin-script languages use
_LETTERS = {
    "de": set("äöüß"), "fr": set("èêçœëîû"), "es": set("ñ¿¡"), "sr": set("čćšžđ"),
}


_SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


# A language's common words and its one-word verbs of saying ('sagte', 'dijo'): a news sentence
# has one of each.
# Words English shares ('a', 'in', 'no') tell nothing.
_COMMON = {code: (PROFILES[code].stopwords | {v.casefold() for v in PROFILES[code].speech_verbs if " " not in v})
           - ENGLISH_STOPWORDS - {"no", "so", "die", "me", "son"} for code in ("fr", "de", "es", "sr")}
_COMMON["de"] |= {"die"}  # rare in English prose, the commonest word of German


_NOT_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def _script_counts(text: str) -> Counter:
    """Letters of each script (regular expressions count in C: this runs on every import)."""
    if not _NOT_LATIN.search(text):  # most articles: no need to count the other scripts
        latin = sum(1 for _ in islice(_SCRIPTS["latin"].finditer(text), 3))  # enough to tell
        return Counter({"latin": latin} if latin else {"other": sum(ch.isalpha() for ch in text)})
    counts = Counter({script: len(p.findall(text)) for script, p in _SCRIPTS.items()})
    if not any(counts.values()):
        counts["other"] = sum(ch.isalpha() for ch in text)  # Greek, Hebrew, CJK, ...
    return counts


def script(text: str) -> str:
    """The script most of the letters are in: 'latin', 'cyrillic', 'arabic' or 'other'."""
    counts = _script_counts(text)
    return max(counts, key=counts.get) if counts else "other"


def _cyrillic(text: str) -> str:
    serbian = sum(text.count(c) for c in "ђјљњћџЂЈЉЊЋЏ")
    russian = sum(text.count(c) for c in "ыэъйщёЫЭЪЙЩЁ")
    ukrainian = sum(text.count(c) for c in "іїєґІЇЄҐ")
    if serbian > russian and serbian >= ukrainian:
        return "sr"
    if ukrainian > russian:
        return "uk"
    return "ru"


def bcs_variant(text: str) -> str:
    """Serbian, Croatian or Bosnian, for Latin or Cyrillic text in their shared grammar."""
    text = cyrillic_to_latin(text, "sr")
    ekavian, ijekavian = len(_EKAVIAN.findall(text)), len(_IJEKAVIAN.findall(text))
    if ekavian > ijekavian:
        return "sr"
    croatian, other = len(_CROATIAN.findall(text)), len(_SERBIAN_BOSNIAN.findall(text))
    if croatian > other:
        return "hr"
    return "bs" if other else ("hr" if ijekavian else "sr")


def _latin(words: list[str], text: str) -> str:
    counts = Counter(words)
    distinct = counts.keys()

    def hits(vocabulary: frozenset[str]) -> int:
        return sum(counts[w] for w in distinct & vocabulary)

    scores = {"en": hits(ENGLISH_STOPWORDS)}
    for code in ("fr", "de", "es", "sr"):
        scores[code] = hits(_COMMON[code])
    lowered = text.lower()
    for code, letters in _LETTERS.items():
        scores[code] += sum(lowered.count(c) for c in letters) // 2
    best = max(scores, key=lambda c: (scores[c], c == "en"))
    if scores[best] < 2 or scores[best] < 0.05 * len(words):
        return "en"  # too little to go on: the house language
    return bcs_variant(text) if best == "sr" else best


def detect(text: str) -> str:
    """The language code of a text (see the module docstring)."""
    sample = (text or "")[:SAMPLE]
    counts = _script_counts(sample)
    letters = sum(counts.values())
    if letters < 3:
        return "und"
    script, n = counts.most_common(1)[0]
    if script == "arabic":
        return "ar"
    if script == "cyrillic":
        code = _cyrillic(sample)
        return bcs_variant(sample) if code == "sr" else code
    if script == "other":
        return "und"
    # one-letter words keep their case: English 'I' is not the Serbian 'i' (and)
    words = [w.lower() if len(w) > 1 else w for w in _WORD.findall(sample)]
    return _latin(words, sample)
