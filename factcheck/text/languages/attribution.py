"""Quotes and their speakers in languages other than English, read from a `Profile`.

The grammar differs from English in ways that matter here: the verb often comes before its
subject ('— заявил Горелов', 'rekao je Marković', 'a-t-elle affirmé', 'قال الوزير'), the
subject may be left out altogether (Spanish 'añadió', Serbian 'dodao je', Arabic 'وأضافت'),
names are inflected ('по словам Климовой', 'prema rečima Babića'), German capitalises every
noun and Arabic nothing. So this stage reads positions rather than capitals alone:

1. Quotation marks (« », » «, „ “, “ ”, straight) give the direct quotes; each piece is its
   own statement, the span inside the marks.
2. A piece is attributed by the verb of saying after it (', — сказал он.'), by the subject and
   verb before it ('Лебедев отметил: «'), by an 'according to' form, or else by the speaker of
   the piece before it in the paragraph (an interrupted quote) or of the paragraph before (a
   continued quote). A piece inside a sentence of the writer's own with no verb near it is a
   term or a title, not a quote.
3. Reported speech: 'according to X, ...' at either end of a sentence, and a verb of saying
   with its 'that' ('заявил, что', 'izjavio je da', 'a déclaré que', 'قال إن'; German also
   'sagte, die Regierung arbeite').
4. Speakers are entities of the article: a name, a surname in any case ('Климовой' is
   'Ольга Климова'), a description by role ('мэр', 'la ministra') or a pronoun (by the gender
   the pronoun or the verb shows, nearest first) resolve to the people named so far.

Pure Python; offsets are into the text as given.
"""

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from functools import cache

from factcheck.text.languages.profiles import ARABIC_PARTICIPLES, MARKS, Profile
from factcheck.text.sentences import Span, paragraphs, trimmed

LONGEST_PARAGRAPH = 20_000  # characters; longer blocks are lists or markup, not prose
WINDOW = 220  # characters read around a quote for its attribution
NEAR = 1500  # characters within which a pronoun prefers a person of its gender to one of unknown gender
RECENT = 300  # mentions a pronoun or a role looks back over
NEAR_DESCRIPTION = 600  # characters within which 'le ministre' may be the person named last
_TITLES = frozenset("m. mme mme. mlle dr dr. prof. prof frau herr sr. sra. sr sra don doña г. г-н г-жа "
                    "gospodin gospođa g. gđa.".split())
# words inside a name ('Charles de Gaulle', 'Ursula von der Leyen')
_PARTICLES = frozenset("de du la le van von da di del al bin ibn".split())
# An aside set off by commas between a subject and its verb: 'в свою очередь', 's druge strane'.
_ASIDE = re.compile(r",\s+[^,«»„“”\"]{1,40},\s*$")
_PATRONYMIC = re.compile(r"(?:вич|вна|вича|вны|ична|ичны)$")
_TOKEN = re.compile(r"[^\W\d_](?:[\w’'\-.]*\w)?\.?|\d[\d.,]*")
_SENTENCE_END = re.compile(r"[.!?…؟]+[»«“”\"’)\]]*(?=\s+(?:[\"«»„“(\[—–-]\s*)?(?:[^\W\d_]|\d))")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[^\W\d_]|[A-ZА-Я][a-zа-я]{0,2}|г|гг|им|ул|т\.е|т\.д|tj|npr|dr|"
                           r"prof|mr|st|str|bzw|z\.B|Nr|Mme|Sra|Sr|etc|S\.A)$")
# where the phrase naming a speaker ends: punctuation, not the full stop of 'M.' or 'Dr.'
_CLAUSE_STOP = re.compile(r"(?<![\s(][A-ZÀ-ÞА-Я])(?<!\bMme)(?<!\bDr)(?<!\bSr)(?<!\bSra)(?<!\bg)[.;:!?…؟\n]"
                          r"|\s[—–]\s|[—–]")


_ANY_MARK = frozenset(MARKS) | frozenset("".join(MARKS.values()))


@dataclass
class Found:
    start: int
    end: int
    quote_type: str  # "direct" | "indirect"
    speaker: str = ""
    speaker_as_written: str = ""
    role: str = ""
    cue: str = ""
    reasons: list[str] = field(default_factory=list)
    utterance: int | None = None  # shared by the pieces of one quoted utterance (direct quotes)


@dataclass
class Entity:
    """A person or body of the article: its fullest name, role, gender, where it is mentioned."""

    name: str
    role: str = ""
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  # sorted positions
    body: bool = False  # an agency, ministry or acronym: never what 'he' or 'she' stands for
    index: int = 0  # its place in the article's list

    def seen(self, pos: int) -> None:
        insort(self.mentions, pos)

    def last_before(self, pos: int) -> int:
        """The last mention at or before pos, -1 when none."""
        i = bisect_right(self.mentions, pos)
        return self.mentions[i - 1] if i else -1


@dataclass
class Mark:
    open: int  # the opening mark
    close: int  # one past the closing mark (or the paragraph's end)
    paragraph: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close - 1 if self.close - 1 > self.open else self.close


# -- reading the profile once ----------------------------------------------------------------

@dataclass(frozen=True)
class _Compiled:
    verb: re.Pattern  # a verb of saying, as a whole word
    verb_start: re.Pattern  # a verb right at the start of a window (after punctuation)
    according: re.Pattern  # an 'according to' form
    that: re.Pattern  # a verb, what may stand between, and the word introducing the clause
    after_quote: re.Pattern | None
    inner: tuple[re.Pattern, ...]  # an attribution inside the marks: '«A, — сказал он. — B»'
    anaphora: re.Pattern | None  # 'Об этом заявил', 'To je izjavio', 'Das teilte ... mit'


# A word starts here: not after a letter, a hyphen or an apostrophe, nor after an Arabic vowel
# sign or shadda (marks that are no \w: 'عمّان' holds no 'ان').
_NOT_AFTER_LETTER = r"(?<![\w\-’'\u0610-\u061a\u064b-\u065f\u0670])"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def compiled(profile: Profile) -> _Compiled:
    verbs = _alternation(profile.speech_verbs)
    aux = _alternation(profile.auxiliaries) if profile.auxiliaries else None
    aux_before = rf"(?:(?:{aux})\s+)?" if aux else ""
    aux_after = rf"(?:\s+(?:{aux}))?" if aux else ""
    w = _NOT_AFTER_LETTER
    verb = re.compile(rf"{w}{aux_before}(?P<verb>{verbs}){aux_after}(?![\w\-])", re.I)
    verb_start = re.compile(rf"^[\s,.;:—–\-]*{aux_before}(?P<verb>{verbs}){aux_after}(?![\w\-])", re.I)
    # Arabic 'وفقا لتقرير': the preposition joins the next word
    according = re.compile(rf"{w}(?P<form>{_alternation(profile.according_to)})(?:\s+|(?<=ل)|(?=[,،]))", re.I)
    that = re.compile(rf"^(?P<between>[^.;:!?«»„“”\"]{{0,140}}?)(?:,\s*)?{_NOT_AFTER_LETTER}(?:{_alternation(profile.that)})"
                      rf"(?:\s+|(?<=['’]))", re.I)
    after_quote = re.compile(rf"^[\s,.;:—–\-]*(?:{_alternation(profile.after_quote)})\s+") \
        if profile.after_quote else None
    inverted = [v for v in profile.speech_verbs if "-" in v]  # French 'dit-il', 'a-t-elle ajouté'
    inner = (re.compile(rf"[,.!?…]?\s*[—–]\s*(?P<verb>{verbs}){aux_after}(?![\w\-])(?P<subj>[^—–«»„“”\n]{{0,80}}?)"
                        rf"\s*[.,]?\s*[—–],?\s*", re.I),) + (
        (re.compile(rf",\s+(?P<verb>{_alternation(inverted)})(?P<subj>)(?![\w\-]),\s+", re.I),) if inverted else ())
    anaphora = re.compile(rf"(?:{_alternation(profile.anaphora)})\s+{aux_before}(?P<verb>{verbs}){aux_after}(?![\w\-])",
                          re.I) if profile.anaphora else None
    return _Compiled(verb, verb_start, according, that, after_quote, inner, anaphora)


# -- sentences in any script -----------------------------------------------------------------

def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end]: a stop, then a capital, a digit or a letter of a script
    without capitals. A line break always ends one."""
    out: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        cursor = a
        for m in _SENTENCE_END.finditer(text, a, b):
            after = text[m.end():b].lstrip(" \t\"«»„“(\u00a0—–-")
            if after[:1].isalpha() and after[:1].islower():
                continue
            if text[m.start()] == "." and m.end() - m.start() == 1 \
                    and _ABBREVIATION.search(text, max(a, m.start() - 6), m.start()):
                continue
            out.append(Span(cursor, m.end()))
            cursor = m.end()
        out.append(Span(cursor, b))
    return trimmed(text, out)


# -- quotation marks -------------------------------------------------------------------------

def _opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and (not after.isspace() or after == "\u00a0")


def find_marks(text: str, paras: list[Span]) -> list[Mark]:
    """Top-level passages in marks. One left open at its paragraph's end continues when the
    next paragraph reopens it, else ends with its paragraph."""
    found: list[Mark] = []
    pending: tuple[int, str, int] | None = None
    for pi, para in enumerate(paras):
        i = para.start
        if pending is not None:  # left open: it ends here; a reopening mark starts the next piece
            found.append(Mark(pending[0], paras[pi - 1].end, pending[2]))
            pending = None
        while i < para.end:
            ch = text[i]
            if pending is None:
                if ch in MARKS and (ch not in "\"»›" or _opening(text, i)):
                    pending = (i, MARKS[ch], pi)
            elif ch in pending[1]:
                found.append(Mark(pending[0], i + 1, pending[2]))
                pending = None
            i += 1
    if pending is not None:
        found.append(Mark(pending[0], paras[-1].end, pending[2]))
    return found


# -- names -----------------------------------------------------------------------------------

def _stem(word: str) -> str:
    w = word.casefold().strip(".")
    for ending in ("ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ою",
                   "а", "я", "у", "ю", "е", "ы", "и", "om", "em", "u", "a", "e", "i"):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[:-len(ending)]
    return w


def same_word(a: str, b: str) -> bool:
    """'Климова' and 'Климовой', 'Babić' and 'Babića': one name in two cases."""
    if a.casefold() == b.casefold():
        return True
    sa, sb = _stem(a), _stem(b)
    return len(sa) >= 3 and (sa == sb or (min(len(sa), len(sb)) >= 4 and (sa.startswith(sb) or sb.startswith(sa))
                                          and abs(len(sa) - len(sb)) <= 1))


def german_nominative(phrase: str) -> str:
    """'des Branchenverbands' (after 'nach Angaben', 'laut') -> 'Branchenverband'."""
    words = phrase.split()
    if len(words) > 1 and words[0] == "des":
        return " ".join(words[1:-1] + [re.sub(r"(?<=[^e])e?s$", "", words[-1])])
    return phrase


def nominative(word: str, code: str) -> str:
    """A name read after 'по словам' or 'prema rečima' (genitive) in the case it is cited in.
    Guesses; the article's own nominative forms win when they are there (see `Article.entity`)."""
    low = word.casefold()
    if code == "ru":
        for ending, repl in (("ской", "ская"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"),
                             ("ии", "ия"), ("ого", "ий"), ("ея", "ей"), ("ая", "ая")):
            if low.endswith(ending):
                return word[:-len(ending)] + _case(word[-len(ending)], repl)
        if low.endswith(("ги", "ки", "хи")):
            return word[:-1] + "а"
        if low.endswith("ы"):
            return word[:-1] + "а"
        if low.endswith(("ова", "ева", "ина", "ына")) or (low.endswith("а") and len(low) > 3):
            return word[:-1]
        return word
    if code in ("sr", "hr", "bs"):
        if low.endswith(("ića", "ића")) or (low.endswith(("a", "а")) and not low.endswith(("ija", "ија"))):
            return word[:-1]
        if low.endswith(("e", "е")):
            return word[:-1] + ("a" if low[-1] == "e" else "а")
    return word


# A name after 'with' is in the instrumental: its endings and the nominative's, by language.
_INSTRUMENTAL = {
    "ru": (("ым", ""), ("ом", ""), ("ем", "й"), ("ей", "я"), ("ой", "а")),
    # (a woman's surname in -ić does not decline; a man's does: 'sa Vučićem', 'са Кудајмијем')
    **dict.fromkeys(("sr", "hr", "bs"), (("ijem", "i"), ("ијем", "и"), ("om", ""), ("ом", ""), ("em", ""), ("ем", ""))),
}
_WITH = {"ru": ("с", "со"), **dict.fromkeys(("sr", "hr", "bs"), ("sa", "s", "са", "с"))}


def nominative_after_with(word: str, code: str = "ru") -> str:
    """A Russian or Serbian name read after 'with' ('переговоры с Ерланом Сейтжановым', 'sa
    šefom diplomatije Jerlanom Tokbajevom', instrumental) in the case it is cited in: Ерлан
    Сейтжанов, Мария Захарова, Jerlan Tokbajev, Фејсал ал Кудајми."""
    low = word.casefold()
    for ending, repl in _INSTRUMENTAL[code]:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            return word[:-len(ending)] + _case(word[-len(ending)], repl)
    return word


def _surname_key(word: str) -> str:
    """Two cases of one surname share their first four letters ('Климова', 'Климовой')."""
    return word.casefold()[:4]


def _case(sample: str, text: str) -> str:
    return text.upper() if sample.isupper() else text


def _tokens(phrase: str) -> list[str]:
    return _TOKEN.findall(phrase)


def _acronym(token: str) -> bool:
    """'МИД', 'ООН', 'NATO': initials name a body, never a person ('J.' is an initial)."""
    letters = token.strip(".,;:")
    return len(letters) > 1 and letters.isupper() and "." not in letters


# An Arabic name's article or 'son of' joined by a hyphen, as each press spells it: 'аль-Хатиб',
# 'эль-Сиси', 'al-Khatib', 'ел-Хатиб'.
_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|at|az|an|ash|bin|ibn|аль|ал|эль|ад|ар|ас|ат|аз|ан|аш|ибн|бин|ел)-(?=\w)",
                              re.IGNORECASE)


def _is_cap(token: str) -> bool:
    bare = token[m.end():] if (m := _JOINED_PARTICLE.match(token)) else token
    return bare[:1].isupper()


def _female_word(token: str, profile: Profile) -> bool:
    low = token.casefold()
    if low in profile.female_words:
        return True
    return profile.code == "de" and low.endswith("in") and len(low) > 6  # 'Innenministerin'


def _gender_of(name: str, role: str, profile: Profile) -> str | None:
    words = (role + " " + name).split()
    if any(_female_word(w, profile) for w in words):
        return "f"
    first, last = (name.split() or [""])[0].casefold(), (name.split() or [""])[-1].casefold()
    if profile.code == "ru" and (last.endswith(("ова", "ева", "ина", "ская", "ая")) or
                                 (len(name.split()) > 1 and first.endswith(("а", "я")))):
        return "f"
    if profile.code in ("sr", "hr", "bs") and len(name.split()) > 1 and first.endswith(("a", "а")) \
            and first not in ("nikola", "luka", "никола", "лука", "saša", "саша"):
        return "f"
    if profile.code in ("ru", "sr", "hr", "bs") and len(name.split()) > 1 and first[-1:].isalpha() \
            and not first.endswith(("a", "а", "я", "ь", "e", "е", "i", "и")):
        return "m"  # 'Marko', 'Андрей', 'Petar': a Slavic first name not ending in a vowel of women's names
    return None


@dataclass
class Subject:
    """Who a phrase names: a person, a body or a description, or a pronoun with its gender."""

    name: str = ""
    role: str = ""
    as_written: str = ""
    pronoun: str | None = None  # the gender a pronoun shows, "" when it shows none
    description: bool = False
    or_description: bool = False  # a name, or words describing someone named before


# A place's adjective in Russian and Serbian ('казахстанского', 'российский', 'srpski'): its stem,
# three letters, is how the country is written too ('Казахстана', 'России', 'Srbije').
_PLACE_ADJECTIVE = re.compile(r"(?:ск|цк|sk|čk)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|и|а|о|ог|ој|у|е|i|a|o|og|oj|u|e)$")


def _place_stems(words: list[str]) -> list[str]:
    return [w.casefold()[:3] for w in words if w[:1].islower() and len(w) > 5 and _PLACE_ADJECTIVE.search(w.casefold())]


def _with_patronymic(run: list[str]) -> bool:
    """'Андрей Валентинович Горелов': the name matched is Андрей Горелов, as the next article
    writes him (the first name and surname either side of the patronymic)."""
    return len(run) >= 3 and bool(_PATRONYMIC.search(run[-2].casefold()))


def _name_run(tokens: list[str], profile: Profile, first: bool) -> tuple[list[str], list[str]]:
    """The capitalised run of a phrase's tokens that names someone, and the words before it
    (their role). The first run after a verb ('сказал Горелов журналистам в Самаре'), the last
    before one ('Губернатор Самарской области Дмитрий Горелов заявил')."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _is_cap(tokens[i]) and tokens[i].casefold() not in _TITLES:
            j = i
            while j + 1 < len(tokens) and (_is_cap(tokens[j + 1]) or (
                    tokens[j + 1].casefold() in _PARTICLES and j + 2 < len(tokens) and _is_cap(tokens[j + 2]))
                    or (tokens[j + 1].casefold() == "der" and tokens[j].casefold() == "von")):
                j += 1
            runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    if not runs:
        return [], tokens
    a, b = runs[0] if first else runs[-1]
    if first and b - a == 1 and a > 0:
        # 'представитель Таджикистана при ОДКБ Фаррух Давлатов': after a role, a word alone is its
        # complement when a name of two words follows
        a, b = next((r for r in runs[1:] if r[1] - r[0] >= 2), (a, b))
    run = tokens[a:b]
    if _with_patronymic(run):
        return [run[-3], run[-1]], tokens[:b - 3]
    keep = 3 if len(run) >= 3 and run[-2].casefold() in _PARTICLES else 2
    if len(run) > keep:
        # 'Bundesinnenministerin Anja Keller', 'МИД России Мария Сорокина': the name is the end
        a, run = b - keep, run[-keep:]
    return run, tokens[:a]


_OF = frozenset("de del des du d' d’ of von der des".split())


_ARABIC_STOPS = ("في", "خلال", "أمام", "على", "عن", "مع", "إلى", "عبر")
# When, written between the subject and what was said ('أعلن وزير الخارجية فيصل القديمي اليوم
# الأربعاء أن ...': today, Wednesday): no part of a name.
_ARABIC_TIME = frozenset("اليوم أمس غدا مساء صباح ظهر الليلة الأحد الاثنين الإثنين الثلاثاء الأربعاء "
                         "الخميس الجمعة السبت".split())


def _arabic_stop(words: list[str], profile: Profile, start: int = 0) -> int:
    """Where a subject ends: a preposition, a time, 'that', or 'لل...' (to the ...: 'قال العبيدي
    للصحفيين')."""
    return next((i for i, w in enumerate(words) if i >= start and (
        w in _ARABIC_STOPS or w in _ARABIC_TIME or w.startswith("لل") or w in profile.that)), len(words))


# Particles that stand before a verb and name no one: 'كما أكد أن ...' (he also stressed that).
_ARABIC_PARTICLES = frozenset("كما وكما ثم قد وقد فقد لقد بينما وبينما حيث إذ اذ كذلك أيضا أيضاً لكن ولكن "
                              "فيما وفيما".split())


def _coordinated_complement(words: list[str], i: int) -> bool:
    """'وزير الخارجية وشؤون المغتربين ناصر العدوان': 'and expatriates' affairs', a second
    complement of the role joined by و, its noun in construct before a word with the article."""
    return words[i].startswith("و") and i + 2 < len(words) and words[i + 1].startswith("ال")


def _arabic_subject(phrase: str, profile: Profile) -> Subject:
    everything = [w for w in phrase.split() if w not in _ARABIC_PARTICLES]
    stop = _arabic_stop(everything, profile)
    words = everything[:stop]
    if not words:
        return Subject()
    name = everything[stop + 2:]
    if words[0] in profile.role_words and everything[stop:stop + 1] == ["في"] and 2 <= len(name) <= 3 \
            and not any(w.startswith("ال") or w in _ARABIC_STOPS or w in profile.that for w in name) \
            and all(w.startswith("ال") or w in profile.role_words for w in words[1:]):
        # 'وزير الطاقة في بيلمورا أرمان سيتكالي': the energy minister in Belmora, then the name
        return Subject(" ".join(name), " ".join(everything[:stop + 2]), " ".join(everything))
    if words[0] in profile.role_words and stop < len(everything) and everything[stop].startswith("لل") and all(
            w.startswith("ال") or w in profile.role_words for w in words[1:]):
        # 'منسق الشؤون الإنسانية للأمم المتحدة يوسف الخطيب': the body a role belongs to ('for the
        # United Nations'), then the name
        body = stop
        while body < len(everything) and everything[body].startswith(("لل", "ال")):
            body += 1
        if body < _arabic_stop(everything, profile, body):
            words = everything[:_arabic_stop(everything, profile, body)]
    as_written = " ".join(words)
    if words[0].startswith("ال") and profile.is_role(words[0]) and all(
            w.startswith("ال") or w in profile.role_words or w in ("باسم", "لدى") for w in words[1:]):
        # 'الوزير الروسي', 'المتحدث باسم الوزارة': the minister, the spokesman: a description
        # ('السفير فؤاد حداد' names him)
        return Subject(as_written, "", as_written, description=True)
    if words[0] in profile.body_words or len(words) <= 2 and words[0] not in profile.role_words:
        return Subject(as_written, "", as_written)
    if words[0] in profile.role_words:
        # 'وزير الكهرباء العراقي زياد علي فاضل': the role, its complements and adjectives (with
        # the article 'ال', or words of bodies) come first; the name starts at the first word
        # without them
        i = 1
        while i < len(words) and (words[i].startswith(("ال", "لل", "وال")) or words[i] in profile.role_words
                                  or words[i] in profile.body_words or words[i] in ("باسم", "لدى")
                                  or _coordinated_complement(words, i)):
            i += 1
        if i == 1 and len(words) >= 4:
            i = 2  # 'أمين عمّان يوسف الشواربة': a role's complement may lack the article
        if i == len(words) or len(words) - i > 4:
            keep = 3 if len(words) >= 3 and (words[-2] in ("عبد", "أبو", "بن", "ابن") or words[-3] == "عبد") else 2
            if len(words) <= keep:
                return Subject(as_written, "", as_written, description=True)
            # 'وزير الخارجية العبيدي' (a surname with the article) or 'رئيس الدبلوماسية الروسية'
            # (the head of Russian diplomacy): the article's people tell (Article.attribute)
            return Subject(" ".join(words[-keep:]), " ".join(words[:-keep]), as_written,
                           or_description=i == len(words))
        return Subject(" ".join(words[i:]), " ".join(words[:i]), as_written)
    # no known role first: the name is at the end ('أمين عمّان يوسف الشواربة')
    return Subject(" ".join(words if len(words) <= 3 else words[-2:]), "", as_written)


_QUOTED_TITLE = re.compile(r"[«„“\"][^«»„“”\"]{1,40}[»“”\"]")


def read_subject(phrase: str, profile: Profile, first: bool) -> Subject:
    """The subject a phrase next to a verb of saying names (see `_name_run`). Comma pieces are
    appositives: a name after a description wins ('la cheffe de l'opposition, Nathalie
    Gagnon'); a description after a name is its role ('Jean-Pierre Lacoste, vigneron à ...')."""
    phrase = phrase.strip(" ,\u00a0—–-")
    if first and profile.subject_stops:
        # 'сказал Горелов журналистам в среду', 'a déclaré le ministre lors d'une conférence'
        words = phrase.split()
        lead = 0
        while lead < len(words) and words[lead].casefold() in profile.before_subject:
            lead += 1
        if lead < len(words) and words[lead].casefold().strip(",.") in profile.subject_stops:
            # 'заявил журналистам министр ...', 'сообщил во вторник официальный представитель армии
            # ...': circumstances before the subject, which opens with its role (and an adjective)
            role = next((i for i in range(lead + 1, len(words)) if profile.is_role(words[i].strip(",."))), None)
            if role is not None:
                lead = role - 1 if words[role - 1].islower() and \
                    words[role - 1].casefold() not in profile.subject_stops and role - 1 > lead else role
        cut = next((i for i, w in enumerate(words) if i >= lead and w.casefold().strip(",.") in profile.subject_stops),
                   None)
        if lead or cut is not None:
            phrase = " ".join(words[lead:cut]).rstrip(" ,")
    if profile.cased and (quoted := _QUOTED_TITLE.split(phrase)) and len(quoted) > 1:
        # 'в интервью телеканалу «Сувар-24» Токбаев уточнил', 'сказал Горелов «Известиям»': a
        # channel or paper named in marks is no part of the name beside it
        phrase = (quoted[0] if first else quoted[-1]).strip(" ,\u00a0—–-") or phrase
    if not phrase:
        return Subject()
    low = phrase.casefold().split()
    if low and low[0] in profile.person_pronouns:
        return Subject(pronoun=profile.person_pronouns[low[0]], as_written=phrase.split()[0])
    if not profile.cased:
        # 'أعلن وزير الكهرباء زياد فاضل، اليوم الثلاثاء، أن': the subject ends at the comma
        return _arabic_subject(re.split(r"[،,]", phrase)[0], profile)
    pieces = [p.strip() for p in phrase.split(",") if p.strip()]
    if not first:
        pieces = pieces[::-1]
    for k, piece in enumerate(pieces):
        tokens = _tokens(piece)
        if not tokens:
            continue
        run, before = _name_run(tokens, profile, first)
        described = tokens[0].casefold() in profile.determiners or profile.is_role(tokens[0])
        if run and described and before and before[-1].casefold() in _OF:
            run = []  # 'el secretario de Movilidad': a department completes the role
        if run and described and any(_acronym(t) or t.casefold() in profile.body_words for t in run):
            run = []  # 'глава МИД РФ', 'глава Минобороны': the head of a body, not a person
        if run and described and profile.code == "de" and not any(_is_cap(t) for t in before):
            # German capitalises nouns: 'der SPD-Politiker' is a description; 'die Ministerin
            # Anja Keller' names someone after the noun
            run = []
        if run and described and len(run) == 1 and len(tokens) > len(before) + 1 \
                and tokens[len(before) + 1].islower():
            run = []  # 'la Direction générale de l'aviation civile': a body's name, said whole
        if run:
            others = [p for j, p in enumerate(pieces) if j != k]
            role = " ".join(before) or (others[0] if others and not _name_run(_tokens(others[0]), profile, True)[0]
                                        else "")
            return Subject(" ".join(run), role, " ".join(before + run))
        if described or any(profile.is_role(t) for t in tokens):
            # the piece after the role in the text, which may name its holder ('the spokeswoman,
            # Lidia Marven'); read backwards, that is the piece before in the list
            after = k + 1 if first else k - 1
            nxt = pieces[after] if 0 <= after < len(pieces) else ""
            nrun = _name_run(_tokens(nxt), profile, True)[0] if nxt else []
            if nrun:
                return Subject(" ".join(nrun), piece, piece + ", " + " ".join(nrun))
            return Subject(piece, "", phrase, description=True)
        if any(t.casefold() in profile.body_words for t in tokens):
            return Subject(piece, "", piece, description=True)  # 'министерства финансов края'
        if not first:
            break  # before a verb only the nearest piece is its subject
    return Subject()


# -- one article -----------------------------------------------------------------------------

@dataclass
class Attr:
    """Who said a piece, as resolved where it was read: an entity of the article, or the words
    of a body or description that resolved to no one ('агентство ТАСС', 'un porte-parole')."""

    name: str
    as_written: str
    role: str
    cue: str
    entity: Entity | None = None

    @property
    def speaker(self) -> str:
        # the entity's fullest name, read at the end: 'Горелов' said first, 'Дмитрий Горелов' later
        return self.entity.name if self.entity else self.name


class Article:
    """Reads one article in one language, in text order (so a pronoun finds who came before):
    its marks, sentences and people, then its quotes."""

    def __init__(self, text: str, profile: Profile):
        self.text = text
        self.profile = profile
        self.rx = compiled(profile)
        self.paras = [p for p in paragraphs(text) if p.end - p.start <= LONGEST_PARAGRAPH]
        self.sents = [s for p in self.paras for s in split_sentences(text, p.start, p.end)]
        self._sent_starts = [s.start for s in self.sents]
        self.marks = find_marks(text, self.paras) if self.paras else []
        self.marks = sorted(self.marks + self._dash_quotes(), key=lambda m: m.open)
        self._opens = [m.open for m in self.marks]
        self.entities: list[Entity] = []
        self._by_surname: dict[str, list[Entity]] = {}  # entities by their surname's first letters
        self._mentions: list[tuple[int, int]] = []  # (position, entity index), sorted
        self._utterances: dict[int, int] = {}  # id of an attribution -> its utterance number
        self._reported_here: list[Found] = []
        self._note_names()

    def _dash_quotes(self) -> list[Mark]:
        """'- Ovo je najveća investicija - rekao je Tomašević.': a paragraph opening with a dash
        quotes, in the Balkan, Russian and Spanish press, up to the dash before its verb of
        saying (or to its end)."""
        out = []
        marked = {m.paragraph for m in self.marks}
        for pi, para in enumerate(self.paras):
            if pi in marked or not _DASH_OPEN.match(self.text, para.start, para.end):
                continue
            close = para.end
            for dm in _DASH_CLOSE.finditer(self.text, para.start + 2, para.end):
                if self.rx.verb_start.match(self.text[dm.end():min(para.end, dm.end() + 60)]):
                    close = dm.start() + len(dm.group(0).rstrip())
                    break
            out.append(Mark(para.start, close, pi))
        return out

    # people ---------------------------------------------------------------------------
    def _note_names(self) -> None:
        """Everyone named with a first name and surname, so a surname, a pronoun or a role
        said later finds them ('Депутат горсовета Сергей Ткаченко выразил ...', '... заметил он')."""
        if not self.profile.cased:
            self._note_titled_names()
            return
        for sent in self.sents:
            s = self.text[sent.start:sent.end]
            am = self.rx.according.match(s)
            skip_to = s.find(",") if am else -1  # 'По словам министра Ольги Климовой,': a genitive
            for m in _NAME_RUN.finditer(s):
                run = m.group(0).split()
                at = m.start()
                if at <= skip_to or self._in_marks(sent.start + at):
                    continue
                before = s[:at].split()
                # A sentence's first word is capitalised anyway (a run of three there is a title
                # and a name); 'ministra de Transición Ecológica' names a department, not a person.
                if (at == 0 and len(run) < 3) or (before and before[-1].casefold() in _OF) \
                        or any(_acronym(w) for w in run[-2:]) \
                        or (before and before[-1].casefold() in self.profile.places_after):
                    continue  # ('МИД России': a body by its initials; 'u Ras Harunu': a place)
                keep = 3 if _with_patronymic(run) else 2
                role = [w for w in before[-4:] if w.casefold() in self.profile.role_words] + run[:-keep]
                code = self.profile.code
                if code in _WITH and any(w.casefold() in _WITH[code] for w in before[-4:]):
                    run = run[:-keep] + [nominative_after_with(w, code) for w in run[-keep:]]
                self.entity(f"{run[-keep]} {run[-1]}", " ".join(role), None, sent.start + at)

    def _note_titled_names(self) -> None:
        """Arabic script has no capitals to go by: a role word and what follows it name someone
        ('أجرى وزير الخارجية الروسي أوليغ فورونتسوف محادثات'), read as a subject would be."""
        for sent in self.sents:
            for m in re.finditer(r"\S+", self.text[sent.start:sent.end]):
                if m.group() not in self.profile.role_words or self._in_marks(sent.start + m.start()):
                    continue
                # the name ends at a comma ('... ديمتري يارتسيف، اليوم الاثنين، ...'), a colon or
                # a quotation mark ('... ميرا أوسترهولم: «...»')
                words = re.split(r"[،,:؛«»\"“”]", self.text[sent.start + m.start():sent.end])[0].split()[:8]
                subj = self._place_out_of_name(_arabic_subject(" ".join(words), self.profile))
                if subj.name and subj.role and not subj.description and not subj.or_description:
                    # the sentence goes on after the name ('... فورونتسوف محادثات'): two words
                    # of it, three for 'عبد الله' and 'بن'
                    name = subj.name.split()
                    keep = 3 if len(name) >= 3 and (name[1] in ("عبد", "أبو", "بن", "ابن") or name[0] == "عبد") else 2
                    self.entity(" ".join(name[:keep]), subj.role, None, sent.start + m.start())

    def _place_out_of_name(self, subj: Subject) -> Subject:
        """'وزيرة خارجية تالفينيا كايا ليندفال': Talvenia's foreign minister, Kaja Lindvall. A
        first word after a role that the article also writes alone ('مع تالفينيا', 'في تالفينيا')
        is the country the office belongs to, not the person's first name."""
        name = subj.name.split()
        if self.profile.cased or not subj.role or len(name) < 3:
            return subj
        alone = re.compile(rf"(?<!\S)[وبلف]?{re.escape(name[0])}(?!\s+{re.escape(name[1])})(?=[\s.,،:؛]|$)")
        if not alone.search(self.text):
            return subj
        return Subject(" ".join(name[1:]), f"{subj.role} {name[0]}", subj.as_written)

    def entity(self, name: str, role: str, gender: str | None, pos: int, spoke: bool = False,
               genitive: bool = False) -> Entity:
        """The article's entity a name stands for, added when new. A surname ('Климовой',
        'Babića') finds the full name; a new name read in the genitive ('по словам Климовой')
        is put in the nominative."""
        words = name.split()
        if genitive:
            words = [nominative(w, self.profile.code) for w in words]
            name = " ".join(words)
        for e in self._by_surname.get(_surname_key(words[-1]), ()) if words else ():
            ew = e.name.split()
            if ew and same_word(words[-1], ew[-1]) and (
                    len(words) == 1 or len(ew) == 1 or same_word(words[0], ew[0])):
                if len(words) > len(ew):
                    e.name = name
                e.role = e.role or role
                e.gender = e.gender or gender or _gender_of(name, role, self.profile)
                self._seen(e, pos)
                return e
        first = name.split()[0] if name.split() else ""
        body = (name.isupper() and len(name) > 1) or self._body_word(first) \
            or (len(name.split()) == 1 and any(w.casefold() in self.profile.body_words for w in role.split()))
        e = Entity(name, role, gender or _gender_of(name, role, self.profile), body=body, index=len(self.entities))
        self.entities.append(e)
        if words:
            self._by_surname.setdefault(_surname_key(words[-1]), []).append(e)
        self._seen(e, pos)
        return e

    def _seen(self, e: Entity, pos: int) -> None:
        e.seen(pos)
        insort(self._mentions, (pos, e.index))

    def _recent(self, pos: int):
        """The entities mentioned before pos, the latest first, each once, as far back as
        RECENT mentions (a pronoun or a role looks back that far, not over the whole text)."""
        i = bisect_right(self._mentions, (pos, len(self.entities)))
        seen: set[int] = set()
        for k in range(i - 1, max(-1, i - 1 - RECENT), -1):
            at, index = self._mentions[k]
            if index not in seen:
                seen.add(index)
                yield at, self.entities[index]

    def _body_word(self, word: str) -> bool:
        low = word.casefold()
        if low in self.profile.body_words:
            return True
        return self.profile.code == "de" and any(low.endswith(b) for b in self.profile.body_words)

    def _by_role(self, description: str, pos: int) -> Entity | None:
        """'мэр', 'la ministra', 'ministar' -> the person whose role says so, nearest first.
        Only the description's role words count ('края' in 'министерства финансов края' is
        no role); German, whose roles are compounds, by the last noun."""
        words = [w for w in description.split() if w.casefold() not in self.profile.determiners]
        roles = [w for w in words if self.profile.is_role(w)] or \
            (words[-1:] if self.profile.code == "de" else [])
        heads = [_stem(self.profile.bare(w)) for w in roles]
        if not heads:
            return None
        for _, e in self._recent(pos):
            role = [_stem(self.profile.bare(w)) for w in e.role.split()]
            if any(h[:5] == r[:5] for h in heads for r in role if len(h) >= 3):
                return e
        return None

    def _of_place(self, e: Entity, places: list[str]) -> bool:
        """Whether the article ties the entity to a place: in its role, or just before where it
        is first named ('с главой МИД Казахстана Ерланом Сейтжановым')."""
        first = e.mentions[0] if e.mentions else 0
        words = (e.role + " " + self.text[max(0, first - 40):first]).casefold().split()
        return any(w.startswith(p) for p in places for w in words)

    def _known(self, name: str) -> bool:
        words = name.split()
        return bool(words) and any(same_word(words[-1], e.name.split()[-1])
                                   for e in self._by_surname.get(_surname_key(words[-1]), ()) if e.name.split())

    def _by_gender(self, gender: str | None, pos: int) -> Entity | None:
        """A pronoun or a verb with no subject: the person mentioned last before pos whose
        gender fits."""
        fallback = None
        sent = self._sentence_of(pos)
        opening = _GERUND_CLAUSE.match(self.text, sent.start, pos)
        for last, e in self._recent(pos):
            if e.body or (gender and e.gender not in (gender, None)):
                continue
            if opening and sent.start <= last < opening.end():
                continue  # 'Говорећи о случају Томаса Релина, она је навела': Relin is the topic
            if not gender or e.gender == gender:
                # one whose gender is known to fit outranks an unknown one close by
                if not gender or fallback is None or pos - last < NEAR:
                    return e
                break
            fallback = fallback or e
        return fallback

    def attribute(self, subj: Subject, verb_gender: str | None, pos: int, cue: str,
                  genitive: bool = False) -> Attr | None:
        """Who a subject read next to a cue at pos stands for; None when no one."""
        if subj.or_description and not self._known(subj.name):
            described = self.attribute(Subject(subj.as_written, "", subj.as_written, description=True),
                                       verb_gender, pos, cue)
            if described and described.entity:
                return described
        if subj.name and not subj.description:
            subj = self._place_out_of_name(subj)
            e = self.entity(subj.name, subj.role, verb_gender, pos, genitive=genitive)
            return Attr(e.name, subj.as_written, e.role, cue, e)
        if subj.description:
            if genitive and self.profile.code == "de":
                subj.name = german_nominative(subj.name)
            e = self._by_role(subj.name, pos)
            words = subj.name.split()
            # ('турецкий министр': a language without articles says it by the role alone)
            definite = words and (words[0].casefold() in self.profile.definite or (
                not self.profile.definite and any(self.profile.is_role(w) for w in words)))
            if e is None and definite and (self.profile.is_role(words[0]) or not any(self._body_word(w) for w in words)):
                # 'le ministre', 'der SPD-Politiker', 'глава МИД' (a role of a body): someone the
                # article has just named
                e = self._by_gender(None, pos)
                e = e if e and pos - e.last_before(pos) < NEAR_DESCRIPTION else None
            if e and (places := _place_stems(words)) and not self._of_place(e, places):
                # 'Глава казахстанского МИД' is not the Russian minister who spoke last: the one
                # the article ties to Kazakhstan, when it ties anyone to it
                e = next((c for _, c in self._recent(pos) if not c.body and self._of_place(c, places)), e)
            if e:
                self._seen(e, pos)
                return Attr(e.name, subj.as_written, e.role, cue, e)
            return Attr(subj.name, subj.as_written, "", cue)
        e = self._by_gender(subj.pronoun or verb_gender, pos)
        if e:
            self._seen(e, pos)
            return Attr(e.name, subj.as_written, e.role, cue, e)
        return None

    # positions -------------------------------------------------------------------------
    def _in_marks(self, pos: int) -> bool:
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and pos < self.marks[i].close

    def _sentence_of(self, pos: int) -> Span:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.sents[i].end:
            return self.sents[i]
        return Span(pos, pos)

    def _verb_gender(self, verb: str) -> str | None:
        return self.profile.speech_verbs.get(verb.casefold(), self.profile.speech_verbs.get(verb))

    def _phrase(self, rest: str) -> str:
        stop = _CLAUSE_STOP.search(rest)
        phrase = rest[:stop.start()] if stop else rest
        for particle in self.profile.verb_particles:  # 'fügte sie hinzu'
            phrase = re.sub(rf"\s+{particle}\s*$", "", phrase)
        return phrase

    # attribution of a quoted piece --------------------------------------------------------
    def _after(self, close: int, end: int) -> Attr | None:
        """', — сказал Горелов.', ', rekla je Marković', ', a-t-elle affirmé', ', so Petersen'"""
        tail = self.text[close:min(end, close + WINDOW)]
        if m := self.rx.verb_start.match(tail):
            verb = m.group("verb")
            subj = read_subject(self._phrase(tail[m.end():]), self.profile, first=True)
            return self.attribute(subj, self._verb_gender(verb), close + m.start("verb"), verb)
        lead = re.match(r"[\s,.;:—–\-]*", tail).end()
        am = self.rx.according.match(tail, lead) or (self.rx.after_quote and self.rx.after_quote.match(tail))
        if am:
            subj = read_subject(self._phrase(tail[am.end():]), self.profile, first=True)
            return self.attribute(subj, None, close + am.start(), "according to", genitive=True)
        return None

    def _before(self, mark: Mark, para: Span, prev_close: int) -> Attr | None:
        """'Рустамова отметила: «', 'وقال العبيدي للصحفيين: «', 'По словам Климовой, «'"""
        sent = self._sentence_of(mark.open)
        start = max(para.start, prev_close, sent.start if sent.end > sent.start else para.start, mark.open - WINDOW)
        head = self.text[start:mark.open]
        stripped = head.rstrip(" \u00a0")
        if not stripped:
            return None
        if (am := self.rx.according.search(head)) and stripped.endswith(","):
            subj = self._possessive(am.group("form")) or \
                read_subject(head[am.end():].rstrip(" ,"), self.profile, first=True)
            return self.attribute(subj, None, start + am.start(), "according to", genitive=True)
        if not stripped.endswith((":", ",", "—", "–")):
            return None
        verbs = list(self.rx.verb.finditer(head))
        if not verbs:
            return None
        vm = verbs[-1]
        verb = vm.group("verb")
        after = head[vm.end():].rstrip(" :,—–\u00a0")
        subj = read_subject(after, self.profile, first=True) if after.strip() else Subject()
        if not (subj.name or subj.pronoun is not None):
            before = head[:vm.start()]
            subj = self._subject_before(before, verb)
        return self.attribute(subj, self._verb_gender(verb), start + vm.start(), verb)

    def _subject_before(self, before: str, verb: str) -> Subject:
        """The subject written before a verb. A participle ('..., مضيفة: «...»', 'adding') hangs
        on the clause's own verb of saying: its subject follows that verb ('قالت وزيرة الخارجية
        كايا ليندفال إن ...، مضيفة')."""
        if not before.strip():
            return Subject()
        if verb in ARABIC_PARTICIPLES and (main := [m for m in self.rx.verb.finditer(before)
                                                     if m.group("verb") not in ARABIC_PARTICIPLES]):
            subj = read_subject(before[main[-1].end():], self.profile, first=True)
            if subj.name or subj.pronoun is not None:
                return subj
        subj = read_subject(before, self.profile, first=False)
        if not (subj.name or subj.pronoun is not None) and (aside := _ASIDE.search(before)):
            # 'Сейтжанов, в свою очередь, заявил': the subject stands before the aside
            named = read_subject(before[:aside.start()], self.profile, first=False)
            if named.name:
                return named
        return subj

    def _is_term(self, mark: Mark) -> bool:
        """Quoted words running inside the writer's own sentence ('назвала задержание
        «недопустимым»', 'un bar appelé « Le Zinc »'): a term, not a quote."""
        sent = self._sentence_of(mark.open)
        before = self.text[max(sent.start, mark.open - WINDOW):mark.open].rstrip(" \u00a0")
        if not before or before.endswith((":", ",", "—", "–", ".", "!", "?")):
            return False
        return not self.rx.verb.search(before[-40:])

    def _pieces(self, mark: Mark) -> list[tuple[int, int, Attr | None]]:
        """A mark's pieces: '«A, — отметила Климова. — B»' and '« A, dit-il, B »' hold their
        attribution inside the marks; each side is a piece of that speaker's."""
        a, b = mark.inner
        out: list[tuple[int, int, Attr | None]] = []
        inside = sorted((m for rx in self.rx.inner for m in rx.finditer(self.text, a, b)), key=lambda m: m.start())
        for m in inside:
            if m.start() < a:
                continue
            verb = m.group("verb")
            subj = read_subject(self._phrase(m.group("subj") or ""), self.profile, first=True)
            attr = self.attribute(subj, self._verb_gender(verb), m.start("verb"), verb)
            if attr is None:
                continue
            out.append((a, m.start(), attr))
            a = m.end()
        out.append((a, b, out[-1][2] if out else None))
        return out

    def _paragraph_quotes(self, pi: int, marks: list[Mark], last: Attr | None) -> list[tuple[Found, Attr]]:
        para = self.paras[pi]
        pieces: list[tuple[int, int, Attr | None, bool]] = []  # start, end, attribution, own cue
        prev_close = para.start
        for k, mark in enumerate(marks):
            nxt = marks[k + 1].open if k + 1 < len(marks) else para.end
            if self._is_term(mark) or self._in_reported(mark.open):
                prev_close = mark.close
                continue
            inner = self._pieces(mark)
            attr = inner[-1][2] or self._after(mark.close, nxt) or self._before(mark, para, prev_close)
            for a, b, own in inner:
                pieces.append((a, b, own or attr, bool(own or attr)))
            prev_close = mark.close
        # A piece without a verb of its own belongs to the attributed piece next to it; a
        # paragraph that only quotes continues the speaker of the paragraph before.
        out = []
        named = [p[2] for p in pieces if p[2]]
        for a, b, attr, own in pieces:
            reason = "speech verb next to the quote" if own else "a further piece of the same speaker's quote"
            if attr is None:
                attr = named[0] if named else (last if self.text[para.start] in MARKS else None)
                reason = "continues the quote of the paragraph before" if not named else reason
            a, b = _inside(self.text, a, b)
            if attr is None or b <= a or len(self.text[a:b].split()) < 2:
                continue
            if attr.cue == "according to":
                reason = "'according to' next to the quote"
            # the pieces read with one attribution (split by it, or continuing it) are one utterance
            utterance = self._utterances.setdefault(id(attr), len(self._utterances) + 1)
            out.append((Found(a, b, "direct", attr.speaker, attr.as_written, attr.role, attr.cue,
                              [reason, f"{self.profile.name}: speech verbs and quotation marks"], utterance), attr))
        return out

    # reported speech ---------------------------------------------------------------------------
    def _in_reported(self, pos: int) -> bool:
        return any(f.start <= pos < f.end for f in self._reported_here)

    def _clause(self, sent: Span, start: int, end: int | None = None) -> tuple[int, int] | None:
        end = sent.end if end is None else end
        i = bisect_right(self._opens, start)
        if i < len(self._opens) and self._opens[i] < end and self.text[start:self._opens[i]].rstrip().endswith(":"):
            # '... دون ترخيص، مضيفة: «...»': the report ends where a quotation it introduces begins
            head = self.text[start:self._opens[i]]
            cut = max(head.rfind(","), head.rfind("،"))
            end = start + (cut if cut >= 0 and len(head[cut:].split()) <= 4 else len(head.rstrip(" :")))
        while end > start and self.text[end - 1] in " .!?…؟»«“”\",":
            end -= 1
        while start < end and self.text[start] in " ,:\u00a0":
            start += 1
        if len(self.text[start:end].split()) < 3:
            return None
        return start, end

    def _reported_in(self, sent: Span) -> tuple[Found, Attr] | None:
        s = self.text[sent.start:sent.end]
        lead = len(s) - len(s.lstrip("«„“\" "))
        am = self.rx.according.match(s, lead)
        if am and not self._in_marks(sent.start + am.start()) and (found := self._according_first(sent, s, am)):
            return found
        if self.profile.code == "de" and (found := self._zufolge(sent, s)):
            return found
        for am in self.rx.according.finditer(s):  # '..., selon la chambre d'agriculture.'
            if am.start() > 0 and s[:am.start()].rstrip().endswith(",") and not self._in_marks(sent.start + am.start()):
                subj = read_subject(self._phrase(s[am.end():]), self.profile, first=True)
                attr = self.attribute(subj, None, sent.start + am.start(), "according to", genitive=True)
                span = self._clause(sent, sent.start, sent.start + am.start())
                if attr and span:
                    return self._reported(span, attr, "'according to' after the clause")
        for vm in self.rx.verb.finditer(s):  # 'X заявил, что ...', 'قال X إن ...'
            if self._in_marks(sent.start + vm.start()):
                continue
            after = s[vm.end():]
            tm = self.rx.that.match(after)
            # German reports without 'dass' too: 'Petersen sagte, die Regierung arbeite ...'
            comma = self.profile.code == "de" and re.match(r",\s+(?=\w)", after)
            if not tm and not comma:
                continue
            between = tm.group("between") if tm else ""
            if any(c in between for c in MARKS):
                continue
            subj = read_subject(between, self.profile, first=True) if between.strip() else Subject()
            if not (subj.name or subj.pronoun is not None):
                subj = self._subject_before(s[:vm.start()], vm.group("verb"))
            verb = vm.group("verb")
            attr = self.attribute(subj, self._verb_gender(verb), sent.start + vm.start(), verb)
            span = self._clause(sent, sent.start + vm.end() + (tm.end() if tm else comma.end()))
            if attr and span:
                return self._reported(span, attr, "reported speech: speech verb and clause")
        return self._reported_before_verb(sent, s)

    def _reported_before_verb(self, sent: Span, s: str) -> tuple[Found, Attr] | None:
        """'Сахилия и Керевия возобновят авиарейсы с 1 ноября, заявил министр ...', '..., izjavio
        je ministar ...': the clause before the sentence's last comma, when a verb of saying and
        its subject follow that comma."""
        comma = next((c for c in reversed(list(re.finditer(r"[,،]", s))) if not self._in_marks(sent.start + c.start())),
                     None)
        if comma is None or not (vm := self.rx.verb_start.match(s[comma.start():])) \
                or s[:comma.start()].rstrip()[-1:] in _ANY_MARK or self._in_marks(sent.start):
            return None  # '«...», — заявила ...': a quotation's attribution, read with the quote
        rest = s[comma.start() + vm.end():]
        if self.rx.that.match(rest):
            return None  # 'заявил, что ...': the clause after the verb, read above
        subj = read_subject(self._phrase(rest), self.profile, first=True)
        if not (subj.name or subj.pronoun is not None or subj.description):
            return None
        verb = vm.group("verb")
        attr = self.attribute(subj, self._verb_gender(verb), sent.start + comma.start() + vm.start("verb"), verb)
        span = self._clause(sent, sent.start, sent.start + comma.start())
        return self._reported(span, attr, "reported speech: clause, speech verb, speaker") if attr and span else None

    def _zufolge(self, sent: Span, s: str) -> tuple[Found, Attr] | None:
        """German 'Baumann zufolge sollen ...': the source before its postposition."""
        zm = _ZUFOLGE.match(s)
        if not zm:
            return None
        attr = self.attribute(read_subject(zm.group("src"), self.profile, first=True), None, sent.start,
                              "according to", genitive=True)
        span = self._clause(sent, sent.start + zm.end())
        return self._reported(span, attr, "'zufolge' before the clause") if attr and span else None

    def _anaphoric(self, sent: Span) -> Attr | None:
        """'Об этом заявил Песков.', 'To je izjavio Jeremić.': who said the sentence before."""
        if self.rx.anaphora is None:
            return None
        m = self.rx.anaphora.match(self.text, sent.start, sent.end)
        if not m:
            return None
        verb = m.group("verb")
        subj = read_subject(self._phrase(self.text[m.end():sent.end]), self.profile, first=True)
        return self.attribute(subj, self._verb_gender(verb), m.start("verb"), verb) \
            if subj.name or subj.pronoun is not None else None

    def _according_first(self, sent: Span, s: str, am: re.Match) -> tuple[Found, Attr] | None:
        """'По словам X, ...', 'Selon X, Y, ...', 'Laut Lindner sollen ...', 'وفقا لتقرير ...، ...'"""
        rest = s[am.end():]
        at = sent.start + am.start()
        if self.profile.code == "de" and not re.match(r"[^,]{0,80},", rest):
            # 'Laut Lindner sollen ...': the source is the noun phrase before the verb
            nm = _GERMAN_SOURCE.match(rest)
            if not nm:
                return None
            attr = self.attribute(read_subject(nm.group(0), self.profile, first=True), None, at,
                                  "according to", genitive=True)
            span = self._clause(sent, sent.start + am.end() + nm.end())
            return self._reported(span, attr, "'according to' before the clause") if attr and span else None
        comma = re.search(r"[,،]", rest)
        if not comma:
            return None
        src, consumed = rest[:comma.start()], comma.end()
        # 'Selon le secrétaire général du syndicat, Laurent Morel, ...': an appositive name
        nxt = re.match(r"\s*([^,،]{1,60})[,،]", rest[consumed:])
        if nxt and all(_is_cap(t) for t in _tokens(nxt.group(1))) and len(nxt.group(1).split()) <= 4:
            src += "," + nxt.group(1)
            consumed += nxt.end()
        src = _REPORT_OF.sub("", src.strip())  # 'لتقرير صادر عن البنك الدولي': the bank
        if am.group("form").endswith("ل") and src.startswith("ل"):
            src = "ا" + src  # 'وفقا للوزارة': the preposition on the article 'ال' -> 'الوزارة'
        subj = self._possessive(am.group("form")) or self._possessive(src) or read_subject(src, self.profile, first=True)
        attr = self.attribute(subj, None, at, "according to", genitive=True)
        span = self._clause(sent, sent.start + am.end() + consumed)
        return self._reported(span, attr, "'according to' before the clause") if attr and span else None

    def _reported(self, span: tuple[int, int], attr: Attr, reason: str) -> tuple[Found, Attr]:
        i = bisect_right(self._opens, span[0]) - 1
        if i >= 0 and self.marks[i].open == span[0] and self.marks[i].close >= span[1]:
            # 'وقال فاضل إن "..."', 'a déclaré que « ... »': what was said is all in marks
            a, b = _inside(self.text, *self.marks[i].inner)
            utterance = self._utterances.setdefault(id(attr), len(self._utterances) + 1)
            return Found(a, b, "direct", attr.speaker, attr.as_written, attr.role, attr.cue,
                         [reason, f"{self.profile.name}: speech verbs and quotation marks"], utterance), attr
        return Found(*span, "indirect", attr.speaker, attr.as_written, attr.role, attr.cue,
                     [reason, f"{self.profile.name}: speech verbs"]), attr

    def _possessive(self, src: str) -> Subject | None:
        """'по ее словам', 'selon lui', 'según ella': a pronoun as the source."""
        low = src.strip().casefold()
        if low in self.profile.possessive_pronouns:
            return Subject(pronoun=self.profile.possessive_pronouns[low], as_written=src.strip())
        return None

    # all together ------------------------------------------------------------------------------
    def extract(self) -> list[Found]:
        headline = len(self.paras) > 1 and _is_headline(self.text, self.paras[0])
        by_para: dict[int, list[Mark]] = {}
        for mark in self.marks:
            by_para.setdefault(mark.paragraph, []).append(mark)
        found: list[tuple[Found, Attr]] = []
        last: Attr | None = None
        for pi, para in enumerate(self.paras):
            if pi == 0 and headline:
                continue  # a headline repeats what the article gives in full
            self._reported_here = []
            sents = split_sentences(self.text, para.start, para.end)
            for k, sent in enumerate(sents):
                attr = self._anaphoric(sent) if k else None
                if attr and not self._in_marks(sents[k - 1].start) and \
                        (span := self._clause(sents[k - 1], sents[k - 1].start)) and \
                        not any(f.start < span[1] and span[0] < f.end for f in self._reported_here):
                    got = self._reported(span, attr, "the sentence after it names who said it")
                    self._reported_here.append(got[0])
                    found.append(got)
                    continue
                got = self._reported_in(sent)
                if got:
                    self._reported_here.append(got[0])
                    found.append(got)
            quoted = self._paragraph_quotes(pi, by_para.get(pi, []), last)
            found += quoted
            last = quoted[-1][1] if quoted else (last if not self._reported_here else found[-1][1])
        spans: dict[tuple[int, int], Found] = {}
        for f, attr in found:
            f.speaker = attr.speaker
            # 'Как отметил дипломат, «...»': read as an 'according to' clause and as a quote;
            # the quote (with its utterance) is kept once
            kept = spans.setdefault((f.start, f.end), f)
            if kept.utterance is None and f.utterance is not None:
                spans[(f.start, f.end)] = f
        return sorted(spans.values(), key=lambda f: (f.start, f.end))


_CAP_WORD = (r"(?:(?:al|el|ad|ar|as|at|az|an|ash|bin|ibn|аль|ал|эль|ад|ар|ас|ат|аз|ан|аш|ибн|бин|ел)-)?"
             r"[A-ZÀ-ÖØ-ÞĀ-Ž\u0400-\u042f][\w’'\-]+")
_NAME_RUN = re.compile(rf"(?:{_CAP_WORD}\s+)+{_CAP_WORD}")
_DASH_OPEN = re.compile(r"(?:[–—]\s*|-\s+)(?=\w)")  # '—Vamos', '- Ovo je' (not '-5 degrees')
_DASH_CLOSE = re.compile(r"[,.!?…]?\s+[-–—]\s*")
# A sentence opening with a gerund's clause ('Говоря о журналисте Релине,', 'Говорећи о случају
# ...,'): the people in it are what the main clause's subject speaks about.
_GERUND_CLAUSE = re.compile(r"\s*[А-ЯЁЂЈЉЊЋЏ][а-яёђјљњћџ]+(?:я|ясь|ши|шись|ћи)\s[^,.;:!?]{0,200},")
_ZUFOLGE = re.compile(r"(?P<src>(?:(?:der|dem|des|den)\s+)?(?:[A-ZÄÖÜ][\w\-]*\s+){1,3})zufolge\s+")
_GERMAN_SOURCE = re.compile(r"(?:(?:der|die|das|dem|den|des|einer|eines)\s+)?(?:[A-ZÄÖÜ][\w\-]*\s+){1,3}"
                            r"(?:(?:des|der)\s+[A-ZÄÖÜ][\w\-]*\s+)?")
_REPORT_OF = re.compile(r"^(?:(?:تقرير|دراسة|بيان|بيانات)\b.*?\bعن\s+|(?:تقرير|دراسة)\s+)")


def _inside(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "«»„“”\",—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "«»„“”\",—–-"):
        b -= 1
    return a, b


def _is_headline(text: str, para: Span) -> bool:
    line = text[para.start:para.end]
    return "\n" not in line and len(line.split()) <= 20 and not line.rstrip().endswith((".", "”", '"', "»", "“"))


def extract_quotes(text: str, profile: Profile) -> list[Found]:
    """Direct and reported quotes of a text in the profile's language."""
    if not text or not text.strip():
        return []
    return Article(text, profile).extract()
