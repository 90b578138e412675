"""Names in Cyrillic and Arabic script written in Latin letters, so that 'Лавров' can reach a
speaker already known as 'Lavrov'.

- Russian Cyrillic: the English-language press convention (BGN/PCGN, simplified): Сергей
  Лавров -> Sergey Lavrov, Мария Захарова -> Mariya Zakharova.
- Serbian Cyrillic: Serbian's own Latin alphabet, letter for letter (Ђурић -> Đurić).
- Arabic: consonants and long vowels as written (short vowels are not written, so 'كريم' reads
  'Krym'/'Karim' only by guess); the article 'ال' becomes 'al-'. Arabic names are compared by
  their consonant skeleton (`skeleton`), which both spellings share.

Pure Python, no tables downloaded. Text in other scripts passes through unchanged.
"""

import re
import unicodedata

_RUSSIAN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g"],
    strict=True))
_SERBIAN = dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџш",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p",
     "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"],
    strict=True))
_SERBIAN_LATIN = {v: k for k, v in _SERBIAN.items()}
SERBIAN_ONLY = frozenset("ђјљњћџЂЈЉЊЋЏ")
RUSSIAN_ONLY = frozenset("ыэъйщёЫЭЪЙЩЁ")

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ء": "", "ؤ": "", "ئ": "", "پ": "p", "چ": "ch",
    "گ": "g", "ڤ": "v",
}
_ARABIC_VOWELS = {"و": ("w", "u"), "ي": ("y", "i")}  # consonant at a word's start, vowel inside
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_DIACRITICS = re.compile(r"[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alef, tatweel


def _case_like(source: str, latin: str) -> str:
    if not latin or not source[:1].isupper():
        return latin
    return latin[0].upper() + latin[1:]


def _cyrillic_word(word: str, table: dict[str, str]) -> str:
    return "".join(_case_like(ch, table.get(ch.lower(), ch)) if ch.lower() in table else ch for ch in word)


def is_serbian_cyrillic(text: str) -> bool:
    return any(c in SERBIAN_ONLY for c in text) and not any(c in RUSSIAN_ONLY for c in text)


def cyrillic_to_latin(text: str, language: str = "") -> str:
    """Russian (or Serbian, by `language` or by its letters) Cyrillic in Latin letters."""
    serbian = language in ("sr", "bs", "mk") or (language not in ("ru", "uk", "bg") and is_serbian_cyrillic(text))
    table = _SERBIAN if serbian else _RUSSIAN
    out = []
    for m in re.finditer(r"\w+|\W+", text):
        w = m.group(0)
        latin = _cyrillic_word(w, table)
        if w.isupper() and len(w) > 1:
            latin = latin.upper()
        out.append(latin)
    return "".join(out)


def _arabic_word(word: str) -> str:
    word = _DIACRITICS.sub("", word)
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    out = []
    for i, ch in enumerate(word):
        if ch in _ARABIC_VOWELS:
            consonant, vowel = _ARABIC_VOWELS[ch]
            out.append(consonant if i == 0 or (i + 1 < len(word) and word[i + 1] in "اأإآ") else vowel)
        elif ch == "ع" and i == 0:
            out.append("a")  # 'عمر' Omar: an initial ʿayn carries the word's first vowel
        else:
            out.append(_ARABIC.get(ch, ch))
    latin = "".join(out)
    return prefix + (latin[:1].upper() + latin[1:] if latin else "")


def arabic_to_latin(text: str) -> str:
    return re.sub(r"[\u0600-\u06ff]+", lambda m: _arabic_word(m.group(0)), text)


def to_latin(text: str, language: str = "") -> str:
    """The text with Cyrillic and Arabic letters written in Latin ones; other text unchanged."""
    if _CYRILLIC_LETTER.search(text):
        text = cyrillic_to_latin(text, language)
    if _ARABIC_LETTER.search(text):
        text = arabic_to_latin(text)
    return text


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


def needs_transliteration(text: str) -> bool:
    return bool(_CYRILLIC_LETTER.search(text) or _ARABIC_LETTER.search(text))


def latin_to_serbian_cyrillic(text: str) -> str:
    """Serbian Latin in Serbian Cyrillic (the lexicon writes its words once, in Latin)."""
    out, i = [], 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair.lower() in ("lj", "nj", "dž"):
            ch = _SERBIAN_LATIN[pair.lower()]
            out.append(ch.upper() if pair[0].isupper() else ch)
            i += 2
            continue
        ch = text[i]
        cyr = _SERBIAN_LATIN.get(ch.lower())
        out.append((cyr.upper() if ch.isupper() else cyr) if cyr else ch)
        i += 1
    return "".join(out)


def skeleton(name: str) -> str:
    """A Latin name's consonants, folded: 'al-Husseini', 'El Hussaini' and 'الحسيني' read alike
    ('hsn'). For comparing Arabic names, whose vowels the script does not write."""
    latin = to_latin(name).casefold()
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))
    latin = re.sub(r"\b(?:al|el|ul)[-\s]+", "", latin)
    latin = re.sub(r"[^a-z]", "", latin).replace("kh", "x").replace("sh", "$").replace("th", "t")
    latin = re.sub(r"[aeiouyw]", "", latin)
    return re.sub(r"(.)\1+", r"\1", latin)
