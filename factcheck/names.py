"""Whether two written names may be one person: a spelling variant ("Rustam Sultonov" and
"Rustam Sultanov", "Sergei Lavrov" and "Sergey Lavrow") or a part of the name written alone
("Tedros" and "Tedros Adhanom Ghebreyesus").

Pure Python, no Django. Nothing here merges anyone: the services offer what these tests find
to a reviewer (factcheck/services/aliases.py), because two real people can be one letter apart.
"""

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from factcheck.text.entities import is_body
from factcheck.text.languages.transliterate import needs_transliteration, to_latin
from factcheck.text.normalize import name_key

# Shorter surnames one letter apart are mostly different names ("Kim"/"Kin", "Wang"/"Wong").
MIN_SURNAME = 5
# First names spelt two ways ("Sergei"/"Sergey", "Jon"/"John") score above this; the same
# threshold as the speaker look-up's (services/speakers.py FIRST_NAME_SIMILARITY).
FIRST_NAME_SIMILARITY = 75
# A name part written alone shorter than this ("Al", "Bo") says too little to offer.
MIN_PART = 3

_HONORIFICS = frozenset("mr mrs ms miss dr prof sir dame lord lady rep sen gov gen lt col sgt capt rev".split())
_PARTICLES = frozenset("von van der den de del della di da du dos la le al el bin ibn abu ben".split())
# Slavic and Baltic surnames have a feminine form: "Ivanov"/"Ivanova", "Kowalski"/"Kowalska".
_MASCULINE_SK = re.compile(r"(sk|tsk|ck)(?:iy|yi|yy|ii|y|i)$")
_FEMININE_SK = re.compile(r"(sk|tsk|ck)(?:aya|aia|a)$")


def name_parts(name: str) -> list[str]:
    """The folded words of a name in Latin letters, without titles written before it:
    'Dr. Сергей Лавров' -> ['sergei', 'lavrov']."""
    latin = to_latin(name) if needs_transliteration(name) else name
    words = name_key(latin).split()
    while len(words) > 1 and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def _surname_and_given(parts: list[str]) -> tuple[str, list[str]]:
    return parts[-1], [w for w in parts[:-1] if w not in _PARTICLES]


def gendered_pair(a: str, b: str) -> bool:
    """The masculine and feminine forms of one family name ('ivanov'/'ivanova',
    'zelensky'/'zelenska'): relatives or namesakes, not one person spelt two ways."""
    for masc, fem in ((a, b), (b, a)):
        if fem == masc + "a":
            return True
        if _MASCULINE_SK.search(masc) and _FEMININE_SK.search(fem) \
                and _MASCULINE_SK.sub(r"\1", masc) == _FEMININE_SK.sub(r"\1", fem):
            return True
    return False


def _first_names_agree(a: str, b: str) -> bool:
    """'Sergei'/'Sergey', 'S'/'Sergei' (an initial), 'Jon'/'John'; not 'John'/'Jane'."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or (a[0] == b[0] and fuzz.ratio(a, b) >= FIRST_NAME_SIMILARITY)


def _is_person(name: str, parts: list[str]) -> bool:
    # One word is a body to is_body ('Russia', 'NATO'); a lone surname is judged by the other name.
    return len(parts) == 1 or not is_body(name)


def spelling_variant(a: str, b: str) -> str | None:
    """Why two names may be one person spelt two ways, or None. The surname one letter apart
    or two neighbours swapped (same first letter, five letters or more) with first names that agree, or the same surname
    with first names spelt differently or given as an initial. At least one of the two must
    give a first name: two lone words one letter apart ('Russia'/'Russian') say too little.
    A masculine and a feminine surname ('Ivanov'/'Ivanova') are two people, never a variant."""
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb or pa == pb or not (_is_person(a, pa) and _is_person(b, pb)):
        return None
    (sa, ga), (sb, gb) = _surname_and_given(pa), _surname_and_given(pb)
    if not ga and not gb:
        return None
    if ga and gb and not _first_names_agree(ga[0], gb[0]):
        return None
    if sa == sb:
        # The same surname alone on one side is a part of the name, not a spelling (name_part_of).
        if not (ga and gb):
            return None
        if ga[0] == gb[0]:
            return "same name, other middle names"
        return "same surname, first name as an initial" if min(len(ga[0]), len(gb[0])) == 1 \
            else "same surname, first name spelt differently"
    if sa[0] != sb[0] or min(len(sa), len(sb)) < MIN_SURNAME or gendered_pair(sa, sb):
        return None
    # One letter changed, added, dropped or swapped with its neighbour ('Okonkwo'/'Okonkow').
    if OSA.distance(sa, sb, score_cutoff=1) > 1:
        return None
    if ga and gb:
        return "surname one letter apart, " + ("same first name" if ga[0] == gb[0] else "first names agree")
    return "surname one letter apart, first name given only once"


def name_part_of(short: str, full: str) -> str | None:
    """Why a one-word name may be the person with this fuller name, or None: the word is one
    of the full name's parts ('Tedros' of 'Tedros Adhanom Ghebreyesus', 'Lavrov' of 'Sergei
    Lavrov'). Whether only one speaker has that part is for the caller to know."""
    ps, pf = name_parts(short), name_parts(full)
    if len(ps) != 1 or len(pf) < 2 or len(ps[0]) < MIN_PART or is_body(full):
        return None
    if short.strip().isupper():
        return None  # an acronym ('WHO', 'NATO') is a body, whatever full name shares its letters
    if ps[0] not in pf or ps[0] in _PARTICLES:
        return None
    return "surname only" if ps[0] == pf[-1] else "first name only" if ps[0] == pf[0] else "one name of the full name only"


def surname(name: str) -> str:
    """The last part of a name, folded and in Latin letters ('' for none)."""
    parts = name_parts(name)
    return parts[-1] if parts else ""
