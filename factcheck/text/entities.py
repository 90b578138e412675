"""Speaker names: separating a name from the titles written before it, and resolving
pronouns and bare surnames to the last compatible person named earlier in the text."""

import re
from bisect import bisect_left

# Words that describe a position rather than name a person (compared lower-cased).
TITLE_WORDS = frozenset(
    """president vice minister secretary senator sen sen. rep rep. representative congressman
    congresswoman governor gov gov. mayor ambassador spokesman spokeswoman spokesperson chairman
    chairwoman chair chief director general gen gen. lt col colonel captain commander adm admiral
    judge justice attorney prosecutor officer official deputy foreign prime state defense defence
    interior finance treasury justice press leader speaker majority minority whip candidate
    nominee presidential republican democratic democrat gop former then current acting top senior
    campaign manager adviser advisor aide executive ceo founder head member members king queen
    prince princess pope sheikh imam rabbi pastor bishop cardinal mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lord lady rev
    reverend economist analyst professor researcher author writer columnist editor correspondent
    reporter host anchor strategist pollster consultant lawyer counsel advocate activist
    commissioner inspector sheriff chancellor premier envoy emissary negotiator delegate
    lieutenant sergeant major general's u.s. us national white house of the for and on affairs
    security council committee party staff communications policy homeland intelligence coach
    engineer detective constable nurse doctor teacher farmer firefighter inspector superintendent
    trainer manager captain skipper striker midfielder goalkeeper boss organiser organizer
    councillor councilor councilman councilwoman alderman alderwoman assemblyman assemblywoman
    assemblymember mp mep mla msp lawmaker legislator trustee magistrate rector principal
    headteacher headmaster coroner marshal warden supervisor del. diplomat""".split()
)
# Capitalised words that start sentences or clauses but are never part of a name.
NOT_NAME = frozenset(
    """but and yet so still however meanwhile then now in on at when while after before if as
    also earlier later last this that these those there here his her their its our my your
    despite although though because since until asked speaking instead indeed moreover
    furthermore nevertheless today yesterday tomorrow monday tuesday wednesday thursday friday
    saturday sunday on the a an for with by from to of nonetheless""".split()
)
# 'one Democrat familiar with the talks', 'another official': unnamed sources as written.
DETERMINERS = frozenset({"a", "an", "the", "one", "another", "two", "three", "some", "several", "many", "other"})
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
GROUP_PRONOUNS = {"they", "we", "it", "i", "you"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "queen", "princess", "lady",
                 "spokeswoman", "congresswoman", "chairwoman"}
MALE_TITLES = {"mr", "mr.", "king", "prince", "sir", "lord", "spokesman", "congressman", "chairman"}

_HONORIFICS = frozenset("mr mrs ms miss dr prof sir rep sen gov gen lt col sgt capt rev".split())
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)")
# 'the Lagos Port Authority (LPA)': a body's name and the acronym the article uses later.
_ACRONYM_MARK = re.compile(r"\(([A-Z]{2,7})\)")
_ACRONYM_NAME = re.compile(r"(?P<full>(?:[A-Z][\w&’'\-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,8})$")
# Up to six words: 'Russian Foreign Minister Dmitry Yartsev' is a title of three and a name.
# ('Janelle Ortiz-Hale': a double-barrelled surname is one word)
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿĀ-ž]+(?:['’\-][A-Za-zÀ-ÖØ-öø-ÿĀ-ž][a-zà-öø-ÿĀ-ž]*)*"
# 'al-Khawaldeh', 'el-Sisi', 'ad-Dakhil': an Arabic surname written with its article in lower case
_ARTICLE = "(?:al|el|ad|ar|as|ash|at|az|an|ud|ul)-"
# ('Hamad al-Sabri')
_CAP_NAME = re.compile(rf"\b(?:{_CAP_WORD}(?:\s+(?:[A-Z]\.|{_CAP_WORD}|{_ARTICLE}{_CAP_WORD}|"
                       rf"de|van|von|bin|al|del)){{1,5}})\b")


_NAME_OF = re.compile(r"(?P<person>(?:[A-Z][\w.’'\-]*\s+){1,4}[A-Z][\w’'\-]+)\s+(?:of|from|at)\s+(?:the\s+)?[A-Z]")


# Epithets the press uses for a role, so that 'the top diplomat' finds the foreign minister.
EPITHETS = {"diplomat": ("foreign", "secretary of state", "ambassador", "envoy", "diplomat")}
_POSSESSIVE = re.compile(r"[a-z.]+(?:['’]s|s['’])")  # "russia's", "kansas'"
_OFFICES = frozenset("diplomat minister president premier chancellor envoy ambassador senator governor".split())
_OFFICE_ADJECTIVES = frozenset("top chief senior foreign prime".split())
# ', Russia's foreign minister,' after a name: its role, written as an appositive.
_APPOSITIVE_ROLE = re.compile(r",\s+((?:the\s+|a\s+)?(?:[\w.’'\-]+\s+){0,4}[\w’'\-]+),")
# What ends a group's name, not a person's role: "the Clinton campaign", "its policy staff".
_NOT_A_PERSON = frozenset("""campaign staff party committee council security policy intelligence
    communications affairs house members member national state foreign press of the for and on u.s. us
    white homeland former then current acting top senior majority minority general's""".split())
_PERSON_TITLES = TITLE_WORDS - _NOT_A_PERSON  # titles only a person holds


# 'Gov. Daniel Whitcomb' is the governor of 'the governor said'.
ABBREVIATED_TITLES = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                      "brig": "brigadier", "maj": "major", "lt": "lieutenant", "col": "colonel", "adm": "admiral", "capt": "captain",
                      "sgt": "sergeant", "amb": "ambassador", "sec": "secretary", "supt": "superintendent",
                      "cllr": "councillor", "pres": "president", "atty": "attorney"}
_TITLE_BEFORE = re.compile(r"\b(" + "|".join(t.title() for t in ABBREVIATED_TITLES) + r")\.?\s+$")
# A title the house style writes in lower case, right before the name: 'Opposition leader
# Chukwuemeka Obiora', 'commission chairman Ibrahim Yusuf', 'his lawyer Zainab Qureshi'.
_LOWER_TITLE_BEFORE = re.compile(r"(?:[A-Z][\w’'\-]*\s+)?\b([a-z]+)\s+$")


def unowned(name: str) -> str:
    """A name without its owner: "Talvenia's" (in 'rejected Talvenia's claim that ...') is
    Talvenia; "Marovia's Kessel" is Kessel."""
    name = re.sub(r"(?<=\w)['’]s$", "", name)
    return re.sub(r"^[A-Z][\w\-]*['’]s\s+(?=[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}$)", "", name)


def _role_fits(head: str, role: str) -> bool:
    """A description's head word fits a person's role: the same word (or its abbreviation), or a
    role the epithet stands for."""
    words = [ABBREVIATED_TITLES.get(w.strip("."), w) for w in role.split()]
    return head in words or any(r in role for r in EPITHETS.get(head, ()))


_PLACE_WORDS = frozenset("county city state district province region borough town village".split())


_ARTICLE_NAME = re.compile(rf"{_ARTICLE}(?=[A-Z])")


def _name_word(word: str) -> bool:
    return word[:1].isupper() or bool(_ARTICLE_NAME.match(word))


def _same_surname(a: str, b: str) -> bool:
    """'al-Sabri' and 'Sabri' are one surname: wires write the article or leave it out."""
    return a == b or _ARTICLE_NAME.sub("", a, count=1).lower() == _ARTICLE_NAME.sub("", b, count=1).lower()


def is_title_word(word: str) -> bool:
    """'minister', and the hyphenated titles of the UN, Commonwealth and Irish presses:
    'Secretary-General', 'Attorney-General', 'Director-General', 'President-designate'."""
    return word in TITLE_WORDS or ("-" in word and all(p in TITLE_WORDS or p == "designate"
                                                       for p in word.split("-") if p))


def split_name(phrase: str) -> tuple[str, str]:
    """'Russian Foreign Minister Sergei Lavrov' -> ('Sergei Lavrov', 'Russian Foreign Minister').

    A phrase without a capitalised name ('a Pentagon spokesperson') is returned whole.
    """
    of = _NAME_OF.match(phrase.strip(" ,"))
    if of:
        name, role = split_name(of.group("person"))
        if len(name.split()) >= 2 and not {w.lower().strip(".") for w in name.split()} & _NOT_IN_A_NAME:
            # 'Stephen Vladeck of the University of Texas': the person, not the place (the
            # place joins the role); not 'Palm Beach County Supervisor of Elections ...'
            return name, (role + " " + phrase.strip(" ,")[of.end("person"):].strip()).strip()
    words = phrase.strip(" ,").split()
    while len(words) > 1 and words[0].lower() in NOT_NAME and words[0].lower() not in DETERMINERS \
            and words[1][:1].isupper():
        words = words[1:]
    if not words:
        return "", ""
    if len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".")  # the sentence's full stop, not an initial
    if not _name_word(words[-1]):
        return " ".join(words), ""
    if words[0].lower() in DETERMINERS:
        # 'the Kremlin', 'a Pentagon spokesperson' are bodies and unnamed sources as written;
        # 'the Russian Foreign Minister Sergei Lavrov' still names a person.
        name, role = split_name(" ".join(words[1:]))
        if len(name.split()) >= 2 and role:
            return name, role
        return " ".join(words), ""
    # Walk back from the end over name tokens until a title word appears.
    i = len(words)
    while i > 0:
        w = words[i - 1]
        low = w.lower().strip(",")
        if is_title_word(low) and i < len(words):
            break
        if not (_name_word(w) or low in ("de", "van", "von", "bin", "al", "del", "der", "la", "le")):
            break
        i -= 1
    if i == 0 or i == len(words) or words[i - 1].lower() in ("of", "for", "at", "in", "from", "to"):
        # 'mayor of Los Angeles': the capitalised words complete the role; no person is named
        return " ".join(words), ""
    name = " ".join(words[i:])
    role = " ".join(words[:i])
    # 'Rep.' or 'Sen.' alone is a title abbreviation, not much of a role, but keep it.
    return name, role


class EntityRegistry:
    """Keeps the people named so far in a text, in order, to resolve 'he' and 'Lavrov'."""

    # How far back a pronoun or surname looks for its person, in named speakers.
    LOOKBACK = 50

    def __init__(self, text: str, quoted: list[tuple[int, int]] = ()):
        self.text = text
        # The quotations' spans: a name inside someone's words ('“We will rebuild Port Calloway,”
        # he said') is what they spoke of, never who 'he' is.
        self._quoted = sorted(quoted)
        self._quoted_starts = [a for a, _ in self._quoted]
        self.known: list[tuple[int, str, str]] = []  # (position, full name, role), in text order
        self.positions: list[int] = []
        self.roles: dict[str, str] = {}
        self._mentions: list[tuple[int, str, int]] = []  # people opening a sentence (and its end)
        self._mention_positions: list[int] = []
        self._scan()

    def _scan(self) -> None:
        """What the whole text tells about its people and bodies before any quote is read:
        'Ms. Okafor' makes Okafor a woman; 'the Lagos Port Authority (LPA)' makes LPA an alias."""
        self.gender_of_surname: dict[str, str] = {}
        for m in _HONORIFIC.finditer(self.text):
            self.gender_of_surname.setdefault(m.group(2).split()[-1], "m" if m.group(1) == "Mr" else "f")
        self.acronyms: dict[str, str] = {}
        for m in _ACRONYM_MARK.finditer(self.text):
            # the name is read back from the bracket only where an acronym is defined
            full_m = _ACRONYM_NAME.search(self.text, max(0, m.start() - 120), m.start())
            if full_m is None:
                continue
            full, short = full_m.group("full").strip(), m.group(1)
            words = [w for w in full.split() if w[:1].isupper()]
            initials = "".join(w[0] for w in words)
            if short in initials or initials.endswith(short) or len(words) >= len(short) - 1:
                self.acronyms.setdefault(short, re.sub(r"^(?:The|the)\s+", "", full))
        # every person-like name in the text, once, for the look-backs of resolve()
        self._names: list[tuple[int, str, str]] = []
        self._titled: dict[str, str] = {}
        for m in _CAP_NAME.finditer(self.text):
            if m.group(0).split()[0].lower() not in NOT_NAME:
                name, role = split_name(re.sub(r"\s+(?:Jr|Sr|II|III|IV)\.?$", "", m.group(0)))  # 'Harry B. Harris Jr.'
                name = re.sub(r"^\S+['’]s\s+", "", name)  # "Marovia's Kessel": the owner is no part of the name
                if len(name.split()) > 3:
                    # 'Exception For Abortions Jeb Bush': a title-case headline runs into a name
                    name, role = " ".join(name.split()[-2:]), ""
                if len(name.split()) >= 2:
                    if not role and (title := _TITLE_BEFORE.search(self.text, max(0, m.start() - 8), m.start())):
                        role = ABBREVIATED_TITLES[title.group(1).lower()]
                    if not role and (title := _LOWER_TITLE_BEFORE.search(self.text, max(0, m.start() - 40), m.start())) \
                            and title.group(1) in _PERSON_TITLES:
                        role = title.group(0).strip()  # 'Opposition leader Chukwuemeka Obiora', 'commission chairman ...'
                    if not role and (appos := _APPOSITIVE_ROLE.match(self.text, m.end())) \
                            and appos.group(1).split()[-1].lower() in _PERSON_TITLES:
                        role = appos.group(1)  # "Oleg Vorontsov, Russia's foreign minister, met ..."
                    self._names.append((m.start(), name, role))
                    if role:
                        # 'Councillor Ada Brenn' anywhere: her role when 'Brenn said' later
                        self._titled.setdefault(name, role)
        self._name_starts = [n[0] for n in self._names]

    def remember(self, name: str, role: str, pos: int) -> None:
        if name and not name.lower().startswith(("the ", "a ", "an ")):
            self.known.append((pos, name, role))
            self.positions.append(pos)
            if role:
                self.roles[name] = role

    def mention(self, full: str, pos: int, sentence_end: int) -> None:
        """A person the article has named opens a sentence ('Ellery sought to reassure
        travellers.'): who a 'he' in the next sentence most likely is, though no speaker yet."""
        self._mentions.append((pos, full, sentence_end))
        self._mention_positions.append(pos)

    def _mentioned_just_before(self, pos: int) -> tuple[int, str] | None:
        """(where, who): the person opening the sentence before pos's (quotations apart)."""
        i = bisect_left(self._mention_positions, pos) - 1
        if i < 0:
            return None
        at, full, end = self._mentions[i]
        gap, cursor = [], end
        for a, b in self._quoted[bisect_left(self._quoted_starts, end):]:
            if a >= pos:
                break
            gap.append(self.text[cursor:a])
            cursor = max(cursor, b)
        gap.append(self.text[cursor:pos])
        return None if end > pos or re.search(r"[.!?]\s+\S", " ".join(gap)) else (at, full)

    def people_named_before(self, pos: int) -> list[str]:
        """The person-like names written before pos, in text order (repeats kept)."""
        return [full for at, full, _ in self._names if at < pos]

    def is_person(self, full: str) -> bool:
        """Someone who has spoken or was written with a title, not a place or a thing named."""
        return full in self.roles or full in self._titled or any(k[1] == full for k in self.known)

    def role_of(self, name: str) -> str:
        """The role a speaker was given where they spoke, else the title written before their
        name anywhere in the text."""
        return self.roles.get(name) or self._titled.get(name, "")

    def _known_before(self, pos: int, inclusive: bool = False) -> list[tuple[int, str, str]]:
        """The speakers named last before pos, nearest first."""
        end = bisect_left(self.positions, pos + 1 if inclusive else pos)
        return self.known[max(0, end - self.LOOKBACK):end][::-1]

    def salient(self, pos: int, reach: int = 600) -> str:
        """The person who spoke last before pos, within reach characters (about this
        paragraph and the one before), or nothing."""
        for at, full, _ in self._known_before(pos):
            return full if pos - at <= reach else ""
        return ""

    def _named_after(self, pos: int) -> list[tuple[int, str, str]]:
        """People-like names written in the 1,500 characters after pos, nearest first."""
        lo = bisect_left(self._name_starts, pos)
        hi = bisect_left(self._name_starts, pos + 1500)
        return self._names[lo:hi]

    def _named_before(self, pos: int) -> list[tuple[int, str, str]]:
        """People-like names written in the 1,500 characters before pos, with their titles as
        role (two or more capitalised words: 'Governor Mary Fallin' is Mary Fallin, governor)."""
        lo = bisect_left(self._name_starts, pos - 1500)
        hi = bisect_left(self._name_starts, pos)
        return [n for n in self._names[lo:hi] if n[0] + len(n[1]) <= pos]

    def resolve(self, name: str, pos: int) -> str:
        """The full name a pronoun, surname, first name, acronym or role description ('the
        minister', "Russia's top diplomat") stands for, or the name as given (a body keeps its
        words)."""
        low = name.lower()
        if name in self.acronyms:
            return self.acronyms[name]
        words = low.split()
        if 2 <= len(words) <= 4 and words[0] == "the" and words[-1] in TITLE_WORDS or self._country_epithet(words):
            # 'the minister', 'the foreign minister', "Russia's top diplomat": the person last
            # named with that role (or one the epithet stands for)
            # ('the Florida senator' is not any senator: the state stands by the name or in the
            # role, as a stem: 'the Russian foreign minister' is "Russia's foreign minister")
            places = [w[:max(4, len(w) - 2)] for w in name.split()[1:-1] if w[:1].isupper()]
            for at, full, role in self._known_before(pos) + self._named_before(pos)[::-1]:
                near = role + " " + self.text[max(0, at - 60):at + len(full) + 40]
                if _role_fits(words[-1], role.lower()) and all(p in near for p in places):
                    return full
            # 'His counterpart, Rhys Tolland, was happier. “...,” the Rovers boss said.': the
            # person who spoke or was named last, close by (not for 'the White House', which
            # names what it is)
            if not places and (last := self.salient(pos, 150)):
                return last
            # A wire's lede names the office of a country and its second paragraph the person:
            # 'Flights will resume on Nov. 1, the Sahili foreign minister said.' ... 'Sahili
            # Foreign Minister Faisal al-Qudaymi told reporters ...' (not 'the president', who
            # may be anyone the article names later, nor 'the White House')
            for at, full, role in (self._named_after(pos) if places and not is_body(name) else ()):
                near = role + " " + self.text[max(0, at - 60):at + len(full) + 40]
                if _role_fits(words[-1], role.lower()) and all(p in near for p in places):
                    return full
            return name
        if low in PERSON_PRONOUNS:
            gender = PERSON_PRONOUNS[low]
            recent = self._known_before(pos)
            if (mentioned := self._mentioned_just_before(pos)) and (not recent or recent[0][0] < mentioned[0]):
                # the person opening the sentence before, nearer than the last speaker, unless
                # known to be of the other gender ('Opposition leader Chukwuemeka Obiora rejected
                # the results. “...,” he said.': Obiora, though the commission chairman who spoke
                # last is a man and Obiora's gender is not written)
                full = mentioned[1]
                if self._gender(full, self.role_of(full)) in (gender, None):
                    return full
            # Salience with gender: of the last few speakers, one known to be a woman beats a
            # nearer one of unknown gender for 'she' ('Ms. Adeyemi ... Ekwe ... she'). Not for
            # 'he': most people quoted are men, so the nearer speaker of unknown gender most
            # likely is the man meant ('Yusuf said ... Obiora told reporters ... he said').
            for _, full, role in recent[:3] if gender == "f" else ():
                if self._gender(full, role) == gender:
                    return full
            for _, full, role in recent:
                if self._gender(full, role) in (gender, None):
                    return full
            for at, full, role in reversed(self._named_before(pos)):
                if self._gender(full, role) in (gender, None) and not self._in_quotation(at):
                    return full
            return name
        if low in GROUP_PRONOUNS:
            return name
        words = name.split()
        if len(words) == 1 and _name_word(words[0]):
            for _, full, _ in self._known_before(pos, inclusive=True):
                if _same_surname(full.split()[-1], words[0]) and full != name:
                    return full
            for _, full, _ in self._known_before(pos, inclusive=True):
                if full.split()[0] == words[0] and len(full.split()) > 1:
                    return full  # a first name: 'Sergei said' after 'Sergei Lavrov'
            if words[0] in self.acronyms:
                return self.acronyms[words[0]]
            for _, full, _ in reversed(self._named_before(pos)):
                if _same_surname(full.split()[-1], words[0]):
                    return full
        return name

    def _in_quotation(self, pos: int) -> bool:
        i = bisect_left(self._quoted_starts, pos + 1) - 1
        return i >= 0 and pos < self._quoted[i][1]

    def _country_epithet(self, words: list[str]) -> bool:
        """"Russia's top diplomat", "France's president": a country's office, which one person
        holds ("Carter's press secretary" and "Colorado's delegation chairman" are others)."""
        if not (2 <= len(words) <= 3 and _POSSESSIVE.fullmatch(words[0]) and words[-1] in _OFFICES
                and all(w in _OFFICE_ADJECTIVES for w in words[1:-1])):
            return False
        owner = re.sub(r"['’]s?$", "", words[0])
        return not any(full.lower().split()[-1] == owner for _, full, _ in self._names + self.known)

    def _gender(self, name: str, role: str) -> str | None:
        low = {w.lower() for w in (role + " " + name).split()}
        if low & FEMALE_TITLES:
            return "f"
        if low & MALE_TITLES:
            return "m"
        return self.gender_of_surname.get(name.split()[-1]) if name else None


def is_speaker_name(phrase: str) -> bool:
    """Whether a subject can be a speaker at all: never a weekday, an adverb ('However'), a
    bare 'It', a title alone ('Mr'), or a name cut short ('John B.')."""
    words = phrase.strip(" ,.").split()
    if not words:
        return False
    if len(words) == 1:
        low = words[0].lower().rstrip(".")
        return low not in NOT_NAME and low not in TITLE_WORDS and low != "it" and len(low) > 1
    if all(w.lower().rstrip(".") in _HONORIFICS for w in words):
        return False
    return not (words[0][:1].isupper() and re.fullmatch(r"[A-Z]\.?", words[-1]))


def is_named_source(speaker: str) -> bool:
    """Whether a speaker is one party the newsroom would track across articles: a person or a
    named body ('Sergei Lavrov', 'Russia', 'the Kremlin', 'the interior ministry'), not a
    pronoun, an unnamed person ('a Pentagon spokesperson') or a bare role ('the minister')."""
    words = speaker.split()
    if not words or speaker.lower() in PERSON_PRONOUNS or speaker.lower() in GROUP_PRONOUNS:
        return False
    if words[0][:1].isupper():
        return True
    return words[0] == "the" and len(words) > 1 and words[-1].lower() not in TITLE_WORDS


# Head nouns of bodies: 'the CSTO press service', 'Russia's Defence Ministry', 'the Kremlin'.
BODY_WORDS = frozenset(
    """service ministry office government council committee agency department police army navy
    military forces parliament kremlin pentagon commission organization organisation union party
    court embassy administration alliance coalition institute university board authority
    authorities company corporation bank group nato un csto who eu cabinet senate congress
    assembly secretariat bureau press media newspaper house""".split()
)
_NOT_IN_A_NAME = TITLE_WORDS | BODY_WORDS | _PLACE_WORDS
_PHRASE_BREAK = frozenset({"of", "at", "with", "in", "from", "for", "familiar", "who", "that", "on"})


def is_body(name: str) -> bool:
    """Whether a speaker as written is an organisation rather than a person: its head noun
    (the last word before 'of', 'at', 'familiar with'...) names a body, or it is one word
    ('Russia', 'NATO'); 'a Pentagon spokesperson' and 'officials at the ministry' are people."""
    words = [w.strip(",.;:’'\"").lower() for w in name.split()]
    words = [w.removesuffix("’s").removesuffix("'s") for w in words if w]
    if not words:
        return False
    if len(words) == 1:
        return True
    head = next((i for i, w in enumerate(words) if w in _PHRASE_BREAK and i > 0), len(words))
    return words[head - 1] in BODY_WORDS
