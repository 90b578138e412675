"""Small normalisations shared by the cores."""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")


def strip_controls(text: str) -> str:
    """Drop control and zero-width characters, keep tabs and newlines; unify line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def fold(text: str) -> str:
    """Lower case without accents: "Sergéi" and "sergei" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_key(name: str) -> str:
    """The look-up key of a person's or body's name: folded words joined by single spaces."""
    return " ".join(re.findall(r"[^\W_]+", fold(name)))


# Typography, not wording: curly or straight quotation marks and apostrophes, dash lengths.
_TYPOGRAPHY = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})


def typographic_key(word: str) -> str:
    """A word with its typography made plain (marks, apostrophes, dashes, odd spaces, the
    ellipsis character): two spellings with the same key are the same wording."""
    return unicodedata.normalize("NFKC", word).translate(_TYPOGRAPHY).replace("…", "...")
