"""Attribution: which quoted and reported passages are speech, and who speaks.

Reads the earlier stages' output: paragraphs and sentences (`sentences`), passages in marks
(`marks`), cue patterns of a lexicon (`cues`), and the article's people and bodies
(`entities`). Conventions (documented in the README):
- Each quotation-marked piece is its own direct statement, its span from the opening to the
  closing mark. Pieces of one utterance share an utterance number: a quote interrupted by
  its attribution ("The situation," he said, "is deteriorating."), the unattributed quotes
  that follow it in the paragraph, and a quote continued over the following paragraphs.
- A partial quote inside reported speech ("He said the nation has become “more interested…”")
  is one indirect statement spanning the reported clause; its quoted passages are listed on
  it (`Quote.quoted`), so the speaker's own words are findable apart from the writer's. A quoted label after "described ...
  as" or "called" is a direct quote of just the quoted words.
- Quoted words with no speech cue near them (titles, scare quotes, terms) are not quotes.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, islice

from factcheck.text.cues import (
    AFTER_COMMA_NOT_REPORTED,
    AFTER_CUE,
    ATTRIBUTION_GAP,
    CIRCUMSTANCE,
    CLAUSE_END,
    CONTRACTED,
    COORDINATED_INTRO,
    COUNTED_START,
    DASH_SIGNATURE,
    DATELINE,
    FUNCTION_END,
    JOINED_CLAUSE,
    JOINED_SUBJECT,
    LEADING_COMMON_SUBJECT,
    LEADING_SUBJECT,
    LONG_LEAD,
    LONGEST_SENTENCE,
    MEDIA,
    NOT_A_CLAUSE,
    NOT_A_SPEAKER_LABEL,
    NOT_A_SUBJECT_START,
    OBJECT,
    PARTICIPLE_INTRO,
    PASSIVE,
    PLACE_LEAD,
    SAID_LEAD,
    SUBORDINATE,
    THAT_CONTINUES,
    TOLD_LEAD,
    TRANSCRIPT_LINE,
    VERBAL_TAIL,
    cues_for,
)
from factcheck.text.entities import (
    ABBREVIATED_TITLES,
    TITLE_WORDS,
    EntityRegistry,
    is_speaker_name,
    split_name,
    unowned,
)
from factcheck.text.lexicon import ENGLISH, Lexicon
from factcheck.text.marks import Marked, find_marked, mask_markup, straight_single_quotes
from factcheck.text.sentences import Span, is_abbreviation, paragraphs, sentences


@dataclass
class Attribution:
    speaker: str
    as_written: str
    role: str
    cue: str
    reason: str
    conduit: str = ""


@dataclass
class Quote:
    start: int
    end: int
    quote_type: str
    speaker: str = ""
    speaker_as_written: str = ""
    role: str = ""
    cue: str = ""
    confidence: float = 0.5
    reasons: list[str] = field(default_factory=list)
    utterance: int | None = None  # shared by the pieces of one utterance
    conduit: str = ""  # a news agency or 'media reports' passing the words on
    quoted: list[tuple[int, int]] = field(default_factory=list)  # marked words inside reported speech

    def attribute(self, attr: Attribution) -> "Quote":
        self.speaker, self.speaker_as_written, self.role = attr.speaker, attr.as_written, attr.role
        self.cue, self.conduit = attr.cue, attr.conduit
        self.reasons.append(attr.reason)
        return self

    def piece(self, mark: Marked, reason: str) -> "Quote":
        """Another quoted piece of this quote's utterance, with its speaker."""
        return Quote(mark.open, mark.close, "direct", self.speaker, self.speaker_as_written, self.role,
                     self.cue, self.confidence, [reason], self.utterance, self.conduit)


# 'Ivan Petrov', 'Dr. Amal Haddad', 'Gen. Andrei Vasilescu', 'Brig. Gen. Ana Ruiz': an
# appositive that is a person's name, after the titles written before it
_NAME_TITLES = "|".join(["Mr", "Mrs", "Ms", "Dr", "Prof", *(t.title() for t in ABBREVIATED_TITLES)])
_PERSON_NAME = re.compile(rf"(?:(?:{_NAME_TITLES})\.?\s+){{0,2}}[A-Z][\w’'\-]+"
                          r"(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+|de|van|von|bin|al|le|la)){1,3}")


# Cues that are also plural nouns, and the relative clause that shows the noun ('states that
# have suffered', 'reports that were denied').
_NOUN_FORMS = frozenset("states reports claims notes comments remarks replies answers warnings promises".split())
_RELATIVE_SUBJECT = re.compile(r"\s+(?:that|which)\s+(?:have|has|had|will|would|are|is|were|was|can|could)\b")
_OPENING_CONJUNCTION = re.compile(r"(?:But|And|Yet|So|Still|Now|Meanwhile|However|Instead)(?:\s+then)?,?\s+"
                                  r"(?=[A-Z]|(?:the|a|an)\s)")
_AFTER_PREPOSITION = re.compile(r"\b(?:in|of|at|from|among|for|by|with|on)\s+$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+(?:\w+ly\s+)?$")
_FRONTING = frozenset("In On At After Before During Since Until Last This Earlier Later Back Meanwhile".split())
_COUNTED_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|first|last|other|several|many|"
                             r"all|both|few|most|some|such)\s+$", re.I)
_CIRCUMSTANCE_CLAUSE = re.compile(r"(?:as|while|amid)\s+(?!(?:many|much|few|little|well|long|soon|far|of|high|low|big)\b)")
_COMMA_GOES_ON = re.compile(r"\s*,\s+(?!that\b)")
_VERB_BEFORE_COLON = re.compile(r"(?<=\w)\s+((?:can|could|would|will|may|might)\s+be\s+heard\s+\w+|[a-z]{3,}ed|wrote|put\s+it)$")
# 'His pitch', "Maddox's message" before a colon: what someone said, named by its owner.
_OWNED_WORDS = re.compile(r"(?P<owner>[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,2}['’]s)"
                          r"\s+(?:\w+\s+)?(?P<what>[a-z]\w+)")
_POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "their": "they"}
_KIN = frozenset("wife husband son daughter mother father brother sister friend lawyer attorney aide".split())
_DETERMINER_BEFORE = re.compile(r"\b(?:her|his|their|its|our|my|your|the|a|an|those|these)\s+$", re.I)
# 'Its chief executive, Pat Mulvey,', 'His counterpart, Rhys Tolland,': a description first
_DESCRIPTION_START = frozenset("A An The Its His Her Their Our One Another".split())


def _unfronted(subj: str, appos: str) -> tuple[str, str]:
    """'In July, Sammy Aaron, vice chairman of the board, told ...' matched as subject 'In July'
    with appositives: the fronted phrase is no subject, the first appositive is."""
    if appos and subj.split()[0] in _FRONTING:
        first, _, rest = appos.partition(",")
        return first.strip(), rest.strip(" ,")
    return subj, appos


def _coordinated(before: str, cue: str) -> bool:
    """'... and said', '..., saying', 'issued a statement saying': the cue shares the subject of
    the sentence's first verb."""
    return bool(re.search(r"\b(?:and|but)(?:\s+\w+ly)?\s+$", before[-40:])) or cue.endswith("ing")


_PHRASAL_CUES = frozenset({"went on", "goes on", "pointed out", "points out", "point out", "pointing out"})


def _a_description(subj: str) -> bool:
    """"Talvenia's foreign minister", "Lestria's foreign ministry spokeswoman": an office described,
    owned by a country or body or ending in a title word, which a name after it fills."""
    words = subj.split()
    return len(words) >= 2 and (bool(re.fullmatch(r"[A-Z][\w.\-]*['’]s", words[0]))
                                or words[-1].islower() and words[-1] in TITLE_WORDS)


# 'D-Las Vegas', 'R-S.C.': a legislator's party and home, written between commas after the name.
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][\w.\- ]{0,30}")
_NAME_BEFORE_TAG = re.compile(r"(?P<name>(?:[A-Z][\w.’'\-]*\s+){0,6}[A-Z][\w’'\-]+),\s+$")
# 'a move the White House said would ...', 'a plan Mayor Ortiz said ...': a relative clause
# without 'that', whose speaker follows the noun it describes.
_RELATIVE_SPEAKER = re.compile(r"(?:a|an|the|one)\s+[a-z][\w\-]*(?:\s+(?!(?:the|of|for|at|in|on|from|with|to|by|and|or)\b)"
                               r"[a-z][\w\-]*)?\s+(?<!of\s)(?<!for\s)(?<!at\s)(?<!in\s)(?<!on\s)(?<!from\s)(?<!to\s)(?<!by\s)"
                               r"(?P<speaker>the\s+[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,4}|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){1,4})")
# (the owner opens the sentence, and little stands between the words named and the quotation)
_OWNED_BEFORE = re.compile(r"\s*(?:(?:But|And|Yet|So)\s+)?(?P<subj>(?:[A-Z][\w.’'\-]*\s+){0,4}[A-Z][\w\-]*)['’]s\s+"
                           r"(?:[a-z]+\s+)?(?:reply|response|answer|retort|jibe|words|claim|remark|comment|promise|"
                           r"pledge|warning|message|verdict|quip|boast|complaint|charge|accusation|description|"
                           r"assessment|line)(?:\s+(?:was|is)\s+[a-z]+)?(?:\s*[—–:]|\s+that)?\s*$")
# 'this one from Yerlan Tokbayev', 'a line from the minister' before a colon: words, and whose.
_WORDS_FROM = re.compile(r"(?:[Tt]his|[Tt]hat|[Tt]he|[Aa]n?|[Oo]ne)\s+(?:[a-z]+\s+){0,2}from\s+"
                         r"(?P<who>(?:the\s+)?[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})")
# A Q&A's lines: 'Q: Will there be a referendum?' and 'A: There will be ...'.
_QUESTION_LINE = re.compile(r"^Q[:.]\s+\S", re.M)
_ANSWER_LINE = re.compile(r"^A[:.]\s+(?P<answer>\S[^\n]*?)\s*$", re.M)
_TIME_OR_DATELINE = re.compile(r"[^—–\n]{1,30}?\s[—–]\s+(?=[A-Z])")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me)\b")
_STATEMENT_ISSUED = re.compile(r"\s(?:issued|released|put\s+out|made)\s+(?:the\s+following|this|a)\s+"
                               r"(?:\w+\s+)?statement\b")


def _a_thing(subj: str) -> bool:
    """'the hurricane response', 'a new tax plan': a common noun phrase naming no person."""
    words = subj.split()
    return len(words) >= 2 and words[0].lower() in ("the", "a", "an", "this", "that", "its") \
        and all(w.islower() for w in words[1:]) and words[-1].strip(".,") not in TITLE_WORDS | _KIN \
        and not words[-1].endswith(("ers", "ists", "ians", "people", "officials"))


def _cue_word(cue: str) -> str:
    """The verb of a cue group ('told reporters' -> 'told'; 'went on' stays whole)."""
    words = cue.split()
    if len(words) > 1 and " ".join(words[:2]) in _PHRASAL_CUES:
        return " ".join(words[:2])
    return words[0] if words else cue


# A reported clause that opens with a few quoted words and runs on in the writer's words:
# 'says “the wind is at our backs” despite his loss', not 'said “We will win,” and left'.
MIXED_LEAD = re.compile(r"[“\"][^“”\"]{1,200}[”\"](?![,.;:!?])\s*(?:[\w’']+[\s,]+){2,}[\w’']")


def _open_quote(text: str) -> bool:
    """Whether text ends inside quotation marks (curly or straight)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _clause(rest: str) -> str:
    """A reported clause up to where it ends: not into ', saying ...', ', but ...', ', cementing
    ...', unless a second 'that' clause shows the aside sat inside what was said ('..., who had
    given everything, and that nobody ...')."""
    end = CLAUSE_END.search(rest)
    while end and len(rest[:end.start()].split()) >= 3:
        # a comma inside a closing mark ('... a “fringe candidate,” making air quotes') keeps it
        upto = end.start() + (len(end.group("mark")) + 1 if end.group("mark") else 0)
        if _open_quote(rest[:upto]):
            # '..., “Trust the map, but carry a torch.”': the quoted words go on
            end = CLAUSE_END.search(rest, end.end())
            continue
        aside = re.match(r",\W*\s+(?:which|who)\b|\s+[—–]", end.group(0))
        more = THAT_CONTINUES.search(rest, end.end()) if aside else None
        if more is None:
            return rest[:upto]
        end = CLAUSE_END.search(rest, more.end())
    return rest


class QuoteExtractor:
    """Finds the quotes of one text, in text order, so pronouns resolve to earlier names."""

    def __init__(self, text: str, lexicon: Lexicon = ENGLISH):
        self.cues = cues_for(lexicon)
        self.text = straight_single_quotes(mask_markup(text))
        self.paras = paragraphs(self.text)
        self.sents = [s for p in self.paras for s in sentences(self.text, p.start, p.end)]
        self.marks = find_marked(self.text, self.paras, self.cues.openers) if self.paras else []
        self._opens = [m.open for m in self.marks]
        self._closes = [m.close for m in self.marks]
        self.speakers = EntityRegistry(self.text, [(m.open, m.close) for m in self.marks])
        self._sent_starts = [s.start for s in self.sents]
        self._subjects: dict[tuple[int, int], re.Match | None] = {}
        self._utterances = 0
        self._quote_ends: set[int] = set()  # where the direct quotes found end
        self._prescan()

    # -- speakers ----------------------------------------------------------------------
    def _prescan(self) -> None:
        """Note every named subject of a speech verb, so 'he said' can look back to it."""
        for sent in self.sents:
            if sent.end - sent.start > LONGEST_SENTENCE:
                continue
            s = self.text[sent.start:sent.end]
            if opening := self._person_opening(s, sent.start):
                # 'Ellery sought to reassure travellers. “...,” he said.': a person the article has
                # named, opening the sentence before, is who 'he' is
                lm, full = opening
                self.speakers.mention(full, sent.start + lm.start("subj"), sent.end)
            for am in self.cues.according_to.finditer(s):
                if named := self._according_named(s, am):
                    self.speakers.remember(named[0], named[1], sent.start + am.start("subj"))
            for cm in self.cues.cue_anywhere.finditer(s):
                if self._in_marks(sent.start + cm.start()):
                    continue  # "... the figures the commission announced tonight.”": a speaker's own words
                m = self._subject_before(sent, s, cm)
                if m and (m.group("subj")[:1].isupper() or m.group("subj").startswith("the ")):
                    subj, appos = _unfronted(m.group("subj"), (m.groupdict().get("appos") or "").strip(" ,"))
                    name, role = split_name(self._subject_proper(subj, sent.start + m.start("subj")))
                    if re.match(r"(?:who|whose)\b", appos):
                        appos = ""  # 'Okafor, who says ..., said': a deed, not a role
                    elif _a_description(subj) and (person := _PERSON_NAME.fullmatch(appos)):
                        name, role, appos = split_name(person.group(0))[0], subj, ""  # "Talvenia's foreign minister, Kaja Lindvall, said"
                    name = unowned(name)
                    if len(name.split()) == 1 and is_speaker_name(name) or name.lower().startswith("the "):
                        # 'Adeyemi said' after 'Ms. Ruth Adeyemi met ...', 'the governor promised'
                        # after 'Gov. Daniel Whitcomb': they are speaking here
                        name = self.speakers.resolve(name, sent.start + m.start("subj"))
                    if len(name.split()) > 1 or role or appos:
                        self.speakers.remember(name, role or appos, sent.start + cm.start())

    @staticmethod
    def _according_named(s: str, am: re.Match) -> tuple[str, str, int] | None:
        """'according to the minister, Dr. Esther Mugisha, ...', "according to Kostrava's
        foreign ministry spokeswoman, Daria Melnyk, ...": (the name, the description as its
        role, where the name's closing comma ends) when a described source is named right after."""
        subj = am.group("subj").strip()
        if not (subj[:1].islower() or subj.split()[0] in _DESCRIPTION_START or _a_description(subj)) \
                or subj.split()[-1].lower() not in TITLE_WORDS | _KIN:
            return None  # ('according to an FBI summary, Cheryl Mills ... sent': she is what it reports)
        gap = re.match(r",\s+", s[am.end():])
        person = gap and _PERSON_NAME.match(s, am.end() + gap.end())
        if not person or not s.startswith(",", person.end()):
            return None
        return split_name(person.group(0))[0], re.sub(r"^(?:the|a|an)\s+", "", subj, flags=re.I), person.end() + 1

    def _subject_before(self, sent: Span, s: str, cm: re.Match) -> re.Match | None:
        """'Russian Foreign Minister Sergei Lavrov said' for the cue 'said', as a match in the
        sentence s (memoised: the prescan and the reported-speech pass ask for the same ones).
        A cue coordinated with an earlier verb ('Obama met survivors and said', 'Sanders
        endorsed Clinton, saying') has the sentence's own subject."""
        key = (sent.start, cm.start())
        if key not in self._subjects:
            m = None
            if cm.group("cue") in ("saying", "stating", "writing", "telling"):
                window = max(0, cm.start() - 250), cm.end()
                m = self.cues.quoted_as.search(s, *window) or self.cues.was_quoted.search(s, *window)
            if m is None:
                m = self.cues.subj_cue_end.search(s, max(0, cm.start() - 200), cm.end())
                if m is not None and _AFTER_PREPOSITION.search(s, max(0, m.start("subj") - 8), m.start("subj")):
                    # '78 percent of dockers in a recent poll said': the subject began earlier
                    m = self._bare_subject(s, cm) or m
            if m is None and re.search(r",\s+who\s", s[max(0, cm.start() - 60):cm.start()]):
                # 'Cruz, who says Trump is attacking him, ...': the person the relative describes
                m = self.cues.who_subject.search(s, max(0, cm.start() - 200), cm.end())
            if m is None and not _coordinated(s[:cm.start()], cm.group("cue")):
                m = self._bare_subject(s, cm)
            if m is not None and "conduit" in m.groupdict():
                pass  # 'X quoted Y as saying': Y speaks, whatever the sentence's subject
            elif _coordinated(s[:cm.start()], cm.group("cue")):
                m = self._shared_subject(s, cm.start()) or m
            self._subjects[key] = m
        return self._subjects[key]

    def _bare_subject(self, s: str, cm: re.Match) -> re.Match | None:
        """The whole noun phrase before a cue that opens its clause, when no name pattern
        matched: no verb in it, at most 12 words, not ending in a function word."""
        window = max(0, cm.start() - 130), cm.end()
        for bm in chain(self.cues.bare_subject.finditer(s, *window), self.cues.bare_plural.finditer(s, *window)):
            if bm.end() != cm.end():
                continue
            subj = bm.group("subj")
            words = subj.split()
            if len(words) > 12 or FUNCTION_END.search(subj) or self.cues.finite.match(" " + subj) \
                    or re.search(r"\b(?:that|which|who|if|when|because|while|after|before|as|and\s+then)\b", subj) \
                    or words[0] in NOT_A_SUBJECT_START and words[0] not in ("The", "A", "An"):
                return None
            return bm
        return None

    def _shared_subject(self, s: str, at: int) -> re.Match | None:
        """The subject a coordinated cue at s[at] shares: that of the speech verb just before it
        ('Nefzi said, adding ...'), else the sentence's own ('Obama met survivors and said')."""
        before = s[:at].rstrip(" ,")
        if (joins := list(JOINED_CLAUSE.finditer(before))) and (m := JOINED_SUBJECT.match(s, joins[-1].end())) \
                and not self.cues.cue_anywhere.search(before, joins[-1].end()):
            return m  # '..., but opposition leader Obiora rejected the result and said ...': the clause's own
        return self.cues.subj_cue_end.search(before, max(0, len(before) - 200)) or self._leading_subject(s)

    @staticmethod
    def _leading_subject(s: str) -> re.Match | None:
        # The first clause that opens with a name and a verb: not 'In Washington, ...' nor
        # 'Speaking at a rally in Salem, New Hampshire, ...' but the 'Governor Hale went' after them.
        # ('But the court ...': a conjunction opening the sentence is no part of its subject)
        opening = _OPENING_CONJUNCTION.match(s)
        first_start = opening.end() if opening else 0
        for start in islice(chain([first_start], (c.end() for c in re.finditer(r",\s+", s))), 5):
            m = LEADING_SUBJECT.match(s, start)
            first = m.group("subj").split()[0] if m else ""
            if first and first not in NOT_A_SUBJECT_START and not first.endswith("ing") \
                    and not (start == first_start and re.fullmatch(COUNTED_START, first)):
                return m
        # 'The president noted ...': a common noun whose next word looks like a verb
        return LEADING_COMMON_SUBJECT.match(s, first_start)

    def _attribution(self, m: re.Match, pos: int, reason: str, cue: str = "", quoted: bool = False) -> Attribution | None:
        """The speaker of match m (its 'subj' group) at text offset pos. `quoted`: the cue stands
        next to a quote, so a verb that is often a noun ('notes', 'states') is a verb."""
        subj, appos = _unfronted(m.group("subj").strip(), (m.groupdict().get("appos") or "").strip(" ,"))
        subj = CONTRACTED.sub(r"\1", VERBAL_TAIL.sub("", subj))
        if subj.endswith(".") and not is_abbreviation(subj, len(subj) - 1):
            subj = subj[:-1]  # '... said Councillor Ada Brenn.': the sentence's full stop
        subj = self._subject_proper(subj, pos + m.start("subj"))
        if (pm := re.search(r"(?<=\w)\s+(he|she|they|it|we)$", subj)) and not re.search(r"\b(?:and|or)$", subj[:pm.start()]):
            # 'a list of countries he said had sent ...': a relative clause without 'that' whose
            # speaker is the pronoun, not the noun it describes
            subj = pm.group(1)
        if cue == ":" and (vm := _VERB_BEFORE_COLON.search(subj)):
            # 'a friend commented: “...”', 'her account posted: “...”': a verb the lexicon does
            # not list is still no part of the speaker
            subj, cue = subj[:vm.start()], vm.group(1)
        if cue == ":" and (om := _OWNED_WORDS.fullmatch(subj)) and om.group("what").lower() not in TITLE_WORDS | _KIN:
            # 'His pitch: “...”', 'Maddox's message: “...”': the words are the owner's
            owner = re.sub(r"['’]s$", "", om.group("owner"))
            subj = _POSSESSIVE_PRONOUN.get(owner.lower(), owner)
        if not subj or FUNCTION_END.search(subj):
            return None
        cue = cue or _cue_word(m.groupdict().get("cue") or "")
        if cue in self.cues.ambiguous_verbs and not quoted \
                and not re.match(r"\s*that\b", self.text[pos + m.end():pos + m.end() + 6]):
            return None
        if PASSIVE.search(subj):
            return None
        if self._is_document(subj):
            return None  # 'according to the survey': the source of a claim, not a speaker
        conduit = (m.groupdict().get("conduit") or "").strip()
        if self._is_conduit(subj):
            # '“...,” Interfax reported': the agency passes the words on; the speaker is the
            # person speaking in this paragraph, if any
            return Attribution(self.speakers.salient(pos + m.start("subj")), "", "", cue, reason, subj)
        if fm := _WORDS_FROM.fullmatch(subj):
            subj = fm.group("who")  # 'the only line I care about is this one from Yerlan Tokbayev:'
        name, role = split_name(subj)
        person = _PERSON_NAME.match(appos) if appos else None
        if person and not re.fullmatch(r"(?:\s+(?:of|from|at|with)\s+.+)?", appos[person.end():]):
            person = None
        if person and (not name[:1].isupper() or subj.split()[0] in _DESCRIPTION_START or _a_description(subj)):
            # 'A ministry spokesman, Ivan Petrov, said', 'Her brother, Tom Okafor,', 'One pastor,
            # Dan White of Grace Church,', "Talvenia's foreign minister, Kaja Lindvall,": the name wins
            name, role = split_name(person.group(0))[0], subj
            subj = f"{subj}, {appos}"
        elif appos and not role and name[:1].isupper() and not re.match(r"(?:who|whose)\b", appos):
            role = appos  # ('who says ...' is what they did, not what they are)
        if name.lower() == "it":
            # 'It said ...': a body spoke; the words stay an attribution, 'It' is no speaker
            return Attribution("", subj, "", cue, reason, conduit)
        name = unowned(name)
        if not is_speaker_name(name):
            return None  # 'Monday', 'However', 'Mr': no speaker
        speaker = self.speakers.resolve(name, pos + m.start("subj"))
        return Attribution(speaker, subj, role or self.speakers.role_of(speaker), cue, reason, conduit)

    def _subject_proper(self, subj: str, at: int) -> str:
        """The speaker in a subject matched at text offset `at`, where the match caught
        something else: 'Marcus Tolliver, D-Las Vegas, said' (the party and home town between
        commas), 'a move the White House said would end ...' (a relative clause without 'that')."""
        if _PARTY_TAG.fullmatch(subj) and (nm := _NAME_BEFORE_TAG.search(self.text, max(0, at - 120), at)):
            return nm.group("name")
        if rm := _RELATIVE_SPEAKER.fullmatch(subj):
            return rm.group("speaker")
        return subj

    def _is_document(self, subj: str) -> bool:
        """'a report by the audit office', 'government data', 'a New York Times/CBS News poll
        released last week': the head noun, before 'by', 'of' or a participle, is a document."""
        head = re.split(r"\s+(?:by|of|from|in|on|for|released|published|conducted|commissioned|issued|"
                        r"obtained|seen|shared|cited|quoted)\b", subj, maxsplit=1)[0].split()
        if len(head) >= 2 and head[-1][:1].isupper() and head[-2][:1].isupper():
            return False  # 'the U.S. Geological Survey', 'the Federal Register': a body's name
        return bool(head) and head[-1].lower().strip(".,’'") in self.cues.documents

    def _is_conduit(self, subj: str) -> bool:
        words = subj.split()
        return bool(words) and (bool(MEDIA.search(subj)) and len(words) <= 4 or words[-1] in self.cues.conduits
                                or " ".join(words[-2:]) in ("Associated Press", "Canadian Press", "Press Association",
                                                            "France-Presse", "RIA Novosti"))

    # -- direct quotes -------------------------------------------------------------------
    def _attribution_after(self, mark: Marked, para: Span) -> Attribution | None:
        """', Hasan Sultonov, the Tajik representative to the CSTO, said' / ', said Lavrov'"""
        end = min(para.end, mark.close + 200)
        i = bisect_left(self._opens, mark.close)
        nxt = self._opens[i] if i < len(self._opens) and self._opens[i] < end else end
        lead = re.match(r"[\s,―—–\-]*", self.text[mark.close:nxt])
        start = mark.close + lead.end()
        # The attribution ends with its sentence: '” said Minister Ada Brenn. The line ...' is
        # no speaker 'Ada Brenn. The'.
        sent = self._sentence_of(start)
        if sent.start <= start < sent.end:
            nxt = min(nxt, sent.end)
        tail = self.text[start:nxt]
        m = self.cues.subj_cue_start.match(tail) or self.cues.cue_subj_start.match(tail)
        if m:
            attr = self._attribution(m, start, "speech verb after the quote", quoted=True)
            if attr is not None and not attr.conduit and (cm := self.cues.conduit_after.match(tail[m.end():])):
                # '..., he said, according to Reuters', '..., the minister said, local media reported'
                attr.conduit = (cm.group("a") or cm.group("b")).strip()
            return attr
        if re.search(r"[―—–]", lead.group(0) + tail[:1]) and (m := DASH_SIGNATURE.match(tail)):
            return self._attribution(m, start, "name after a dash", "—")  # '“...” ― Stephanie Egan'
        if self.cues.according_start.match(tail):
            m = self.cues.according_to.match(tail)
            if m:
                return self._attribution(m, start, "'according to' after the quote", "according to")
        return None

    def _attribution_before(self, mark: Marked, para: Span) -> Attribution | None:
        """'Lavrov said: “', 'Lavrov told reporters, “', 'Lavrov: “'"""
        i = bisect_right(self._closes, mark.open)
        prev = self._closes[i - 1] if i and self._closes[i - 1] >= para.start else para.start
        # (within the quote's sentence: 'Okafor met the owners. At the same time, the leader
        # added, “...”' has no subject 'the owners. At the same time')
        sent = self._sentence_of(mark.open)
        start = max(prev, mark.open - 250, sent.start if sent.start < mark.open else para.start)
        window = self.text[start:mark.open]
        if not window.strip():
            return None
        if m := self.cues.quoted_as.search(window) or self.cues.was_quoted.search(window):
            return self._attribution(m, start, "'quoted as saying' before the quote")
        if (am := self.cues.according_to.search(window.rstrip(" ,:"))) and am.end() == len(window.rstrip(" ,:")):
            # 'According to Mayor Lena Ortiz, “...”'
            return self._attribution(am, start, "'according to' before the quote", "according to")
        pm = PARTICIPLE_INTRO.search(window) or COORDINATED_INTRO.search(window)
        if pm and pm.group("cue") in self.cues.speech_verbs:
            # '..., saying, “The fewer guns, the better.”', '... and added: “...”': the
            # sentence's subject speaks.
            sent = self._sentence_of(mark.open)
            lm = self._shared_subject(self.text[sent.start:mark.open], max(0, start + pm.start() - sent.start))
            return lm and self._attribution(lm, sent.start, "speech verb before the quote", pm.group("cue"))
        if re.search(r",\s+who\s", window) and (wm := self.cues.who_intro.search(window)):
            return self._attribution(wm, start, "speech verb before the quote")
        om = self.cues.said_of.search(window)
        if om and (m := self.cues.subj_cue_end.search(window, max(0, om.start() - 200), om.end("cue"))):
            # 'Clinton said of Chaffetz's latest request: “...”': the request is the topic, not the speaker
            return self._attribution(m, start, "speech verb before the quote")
        m = self.cues.colon_intro.search(window)
        while m and m.group("appos") and self.cues.cue_anywhere.search(m.group("appos")):
            # 'Thursday, Clinton spokesman Jesse Ferguson said,' is no appositive of 'Thursday'
            m = self.cues.colon_intro.search(window, m.start("appos") + 1)
        if not m or not m.group("cue") and re.search(r"\b(?:on|in|at|via)\s+$", window[:m.start("subj")]):
            # ('Petrakis fired back on X: “...”': a platform or place before the colon is no speaker)
            return self._person_before_colon(mark.open)
        has_cue = bool(m.group("cue"))
        if not has_cue and self.cues.cue_anywhere.search(window, max(0, len(window) - 120)) \
                and (sm := self.cues.subj_cue_end.search(window.rstrip(" ,:"))):
            m, has_cue = sm, True  # 'The email went on to say, “': the description took the verb
        if not has_cue and not window.rstrip().endswith(":"):
            return None
        if not has_cue and (vm := self._speech_verb_subject(sent, mark.open)):
            # 'Mr Obiora told reporters in the capital, Abeku: “...”': who told them, not the place
            return vm
        if not has_cue and _a_thing(m.group("subj")) \
                and (lm := self._leading_subject(self.text[sent.start:mark.open])) and lm.group("subj")[:1].isupper() \
                and lm.group("subj").split()[0] not in _DESCRIPTION_START:
            # 'Sen. Ruth Pembrook unloaded on the governor over the hurricane response: “...”':
            # the response is what she spoke about; the clause's subject speaks
            return self._attribution(lm, sent.start, "subject of the clause before the colon", ":")
        return self._attribution(m, start, "speech verb before the quote", "" if has_cue else ":")

    def _attribution_label(self, mark: Marked) -> Attribution | None:
        """'Lavrov described the exit as a “hasty withdrawal.”': a quoted label."""
        sent = self._sentence_of(mark.open)
        before = self.text[sent.start:mark.open]
        labels = list(self.cues.label.finditer(before))
        if not labels:
            return None
        lm = labels[-1]
        if re.search(r"\bso[\s-]$", before[:lm.start()], re.I):
            return None  # 'the so-called “...”': a scare quote
        gap = before[lm.end():]
        if re.match(r"\s+(?:on|for|in|off|up|out|back)\b", gap) or len(gap.split()) > 8:
            return None  # 'calling on X to “...”', 'a band called Sophistafunk got the crowd to ...
        m = self.cues.subj_cue_end.search(before[:lm.start()].rstrip() + " said")
        if _coordinated(before[:lm.start()], lm.group("cue")):
            m = self._leading_subject(before) or m  # 'Trump went after Bush, calling him “...”'
        if not m:
            return None
        attr = self._attribution(m, sent.start, f"quoted words after '{lm.group('cue')}'", lm.group("cue"))
        return attr

    def _speech_verb_subject(self, sent: Span, end: int) -> Attribution | None:
        """The subject of the last verb of saying in the clause before a colon that introduces a
        quotation, when words follow the verb ('told reporters in the capital, Abeku:')."""
        s = self.text[sent.start:end].rstrip()
        cues = [cm for cm in self.cues.cue_anywhere.finditer(s) if not self._in_marks(sent.start + cm.start())]
        if not cues or not s[cues[-1].end():].strip(" ,:"):
            return None
        m = self._subject_before(sent, s, cues[-1])
        return m and self._attribution(m, sent.start, "speech verb before the quote", cues[-1].group("cue"))

    def _person_before_colon(self, end: int) -> Attribution | None:
        """'Governor Nadia Korsak didn't mince words: “...”', 'Chair Dolores Whitcombe opens: “...”':
        a sentence ending in a colon before a quotation, opened by a person the article names
        with a title or as a speaker, and no verb of saying: that person speaks."""
        sent = self._sentence_of(self.text[:end].rstrip().rfind(":"))
        # (a live blog's time or a dateline before a dash opens no sentence: '10:05 a.m. — Chair ...')
        lead = _TIME_OR_DATELINE.match(self.text, sent.start, end)
        start = lead.end() if lead else sent.start
        s = self.text[start:end].rstrip()
        if not s.endswith(":") or not (opening := self._person_opening(s, start)):
            return None
        return self._attribution(opening[0], start, "the person opening the sentence before the colon", ":")

    def _person_opening(self, s: str, at: int) -> tuple[re.Match, str] | None:
        """The subject opening sentence s (at text offset `at`) and the full name it stands for,
        when that is a person the article has named with a title or as a speaker."""
        if not (lm := self._leading_subject(s)) or not lm.group("subj")[:1].isupper():
            return None
        name = unowned(split_name(lm.group("subj"))[0])
        full = self.speakers.resolve(name, at) if len(name.split()) == 1 else name
        return (lm, full) if self.speakers.is_person(full) else None

    def _labelled(self, mark: Marked) -> bool:
        """A quote right after a colon that ends with its own sentence's stop."""
        return self.text[max(0, mark.open - 3):mark.open].rstrip().endswith(":") \
            and self.text[max(mark.open, mark.close - 3):mark.close].rstrip("”\"’»")[-1:] in (".", "?", "!")

    def _attribution_owner(self, mark: Marked) -> Attribution | None:
        """"Sen. Graham Keddie's reply was predictable — “a campaign ad ...” —", "Simon Varley's
        jibe that ‘not a single one ...’": words named by their owner just before them."""
        sent = self._sentence_of(mark.open)
        m = _OWNED_BEFORE.match(self.text[sent.start:mark.open])
        return m and self._attribution(m, sent.start, "the words' owner named before them", "")

    def _sentence_of(self, pos: int) -> Span:
        lo, hi = 0, len(self.sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sents[mid]
            if pos < s.start:
                hi = mid - 1
            elif pos >= s.end:
                lo = mid + 1
            else:
                return s
        return Span(pos, pos)

    def _is_partial(self, mark: Marked) -> bool:
        """Quoted words running inside a sentence of the writer's own ('… has become “…”')."""
        sent = self._sentence_of(mark.open)
        before = self.text[sent.start:mark.open].strip()
        return bool(before) and not re.search(r"[:,;—–]\s*$", before) and \
            not self.cues.cue_at_end.search(before)

    def _direct_quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        by_para: dict[int, list[Marked]] = {}
        for mark in self.marks:
            if len(self.text[mark.open:mark.close].split()) >= 1 and mark.close - mark.open > 3:
                by_para.setdefault(mark.paragraph, []).append(mark)
        last: dict[int, Quote] = {}  # paragraph -> its last attributed piece
        found_in: dict[int, list[Quote]] = {}
        for pi, marks in sorted(by_para.items()):
            found = self._paragraph_quotes(pi, marks, last.get(pi - 1))
            if found:
                last[pi] = max(found, key=lambda q: q.start)
                found_in[pi] = found
            quotes.extend(found)
        # A quote run over paragraphs may be attributed only in its last one ('“Every family
        # ... heat costs more.' then '“They did not send us ...,” she said.'): each paragraph
        # left open belongs to the piece that reopens it, read from the last paragraph back.
        for pi in sorted(by_para, reverse=True):
            reopened = by_para.get(pi + 1, [None])[0]
            head = reopened and reopened.continues and next(
                (q for q in found_in.get(pi + 1, ()) if q.start == reopened.open), None)
            left_open = by_para[pi][-1]
            if head and not any(q.start <= left_open.open < q.end for q in found_in.get(pi, ())):
                piece = head.piece(left_open, "a quote paragraph left open, attributed after it")
                found_in.setdefault(pi, []).append(piece)
                quotes.append(piece)
        return sorted(quotes, key=lambda q: q.start)

    def _utterance(self) -> int:
        self._utterances += 1
        return self._utterances

    def _paragraph_quotes(self, pi: int, marks: list[Marked], before: Quote | None) -> list[Quote]:
        """The quoted pieces of paragraph pi, each its own statement; `before` is the last
        attributed piece of the paragraph before, which a continued quote belongs to."""
        para = self.paras[pi]
        out: list[Quote] = []
        current: Quote | None = None  # the last attributed piece, which later pieces may join
        waiting: list[Marked] = []  # whole-sentence quotes whose attribution comes later
        for mark in marks:
            if mark.continues and before is not None and not out:
                # The multi-paragraph convention: the paragraph reopens the quote left open.
                current = before.piece(mark, "quote continued from the paragraph before")
                out.append(current)
                continue
            words = len(self.text[mark.open:mark.close].split())
            partial = self._is_partial(mark)
            attr = None
            if owned := self._attribution_owner(mark):
                out.append(Quote(mark.open, mark.close, "direct", confidence=0.7).attribute(owned))
                continue
            if not partial and self._labelled(mark):
                # 'Ortiz-Hale: “You cannot cut the budget.” Ellery says the cut was made before he
                # took office.': the label before a quote that ends its sentence names its speaker
                attr = self._attribution_before(mark, para) or self._attribution_after(mark, para)
            elif not partial:
                attr = self._attribution_after(mark, para) or self._attribution_before(mark, para)
            elif words <= 8:
                attr = self._attribution_label(mark)
                if attr:
                    q = Quote(mark.open, mark.close, "direct", confidence=0.7).attribute(attr)
                    out.append(q)
                continue
            else:
                continue  # a partial quote in reported speech: the indirect pass takes it
            if attr is None and (inner := self._attribution_inside(mark)):
                # '“The problem, he says, is money.”': two pieces around the attribution
                attr, (first, second) = inner
                piece = Quote(first.open, first.close, "direct", confidence=0.8).attribute(attr)
                piece.utterance = self._utterance()
                out += [piece, piece.piece(second, "attribution inside the quote")]
                current, waiting = out[-1], []
                continue
            if attr is not None:
                piece = Quote(mark.open, mark.close, "direct", confidence=0.9).attribute(attr)
                if current is not None and current.speaker == attr.speaker and self._joins(current.end, mark.open):
                    piece.utterance = current.utterance
                else:
                    piece.utterance = self._utterance()
                    if waiting and self._joins(waiting[-1].close, mark.open):
                        # whole-sentence quotes before the attribution are its first pieces
                        out += [piece.piece(w, "quote before its attribution") for w in waiting]
                waiting = []
                current = piece
                out.append(piece)
            elif current is not None and self._joins(current.end, mark.open) and words >= 2:
                current = current.piece(mark, "quote after an attributed one")
                out.append(current)
            elif words >= 3:
                waiting.append(mark)
        if waiting and not any(q.start > waiting[0].open for q in out):
            out += self._continuation(pi, waiting, before)
        out.sort(key=lambda q: q.start)
        for q in out:
            q.utterance = q.utterance or self._utterance()
        return out

    def _continuation(self, pi: int, waiting: list[Marked], before: Quote | None) -> list[Quote]:
        """Quotes with no cue of their own: the speaker of what precedes them. A paragraph that
        is only a quote continues the paragraph before (its quote, its 'X said:' or 'X says
        there are several reasons.'); a quote after such a sentence in its own paragraph is
        that sentence's speaker's."""
        para = self.paras[pi]
        only_quote = waiting[0].open == para.start and not self.text[waiting[-1].close:para.end].strip(" .,;")
        attr = self._speech_before(para.start, waiting[0].open)
        if attr is None and only_quote and pi > 0:
            if before is not None and before.end >= self.paras[pi - 1].start:
                first = before.piece(waiting[0], "a paragraph of quotation after the speaker's quote")
                return [first] + [first.piece(w, "quote after an attributed one") for w in waiting[1:]]
            prev = self.paras[pi - 1]
            start = max(prev.start, prev.end - 250)
            tail = self.text[start:prev.end]
            if tail.rstrip().endswith(":") and (m := self.cues.colon_intro.search(tail)) \
                    and (m.group("cue") or not _a_thing(m.group("subj"))):  # not 'the following statement:'
                attr = self._attribution(m, start, "speech verb and colon before the quote",
                                         "" if m.group("cue") else ":")
            else:
                attr = self._speech_before(prev.start, prev.end) or self._person_before_colon(prev.end)
        if attr is None:
            return []
        first = Quote(waiting[0].open, waiting[0].close, "direct", confidence=0.7).attribute(attr)
        first.utterance = self._utterance()
        return [first] + [first.piece(w, "quote after an attributed one") for w in waiting[1:]]

    def _speech_before(self, start: int, end: int) -> Attribution | None:
        """The speaker of the last sentence in text[start:end] that names one with a speech verb
        and ends with a full stop or colon ('X says there are several reasons.')."""
        for sent in reversed(self.sents[bisect_left(self._sent_starts, start):bisect_left(self._sent_starts, end)]):
            s = self.text[sent.start:min(sent.end, end)]
            if not s.rstrip().endswith((".", ":")) or self._in_marks(sent.start):
                continue
            if s.rstrip().endswith(":") and (im := _STATEMENT_ISSUED.search(s)) \
                    and (lm := self.cues.subj_cue_end.search(s[:im.start()].rstrip() + " said")):
                # 'Marcus Tolliver issued the following statement after the veto:' (a press release)
                return self._attribution(lm, sent.start, "quote after its speaker's statement line", "statement")
            for cm in self.cues.cue_anywhere.finditer(s):
                if self._in_marks(sent.start + cm.start()):
                    continue
                m = self._subject_before(sent, self.text[sent.start:sent.end], cm)
                if m is not None:
                    return self._attribution(m, sent.start, "quote after its speaker's sentence",
                                             _cue_word(cm.group("cue")))
            return None
        return None

    def _attribution_inside(self, mark: Marked) -> tuple[Attribution, tuple[Marked, Marked]] | None:
        """'“The problem, he says, is money.”', '“..., he went on, ...”': the attribution
        written inside the marks. Returns it and the two pieces around it."""
        inner = self.text[mark.open:mark.close]
        for comma in re.finditer(r",\s+", inner[:-2]):
            rest = inner[comma.end():]
            m = self.cues.subj_cue_start.match(rest)
            if m is None or len(m.group("subj").split()) > 4:
                continue
            after = re.match(r"\s*,\s*", rest[m.end():])
            if after is None or len(rest[m.end() + after.end():].split()) < 2:
                continue
            attr = self._attribution(m, mark.open + comma.end(), "attribution inside the quote")
            if attr is None:
                return None
            first = Marked(mark.open, mark.open + comma.start() + 1, mark.paragraph)
            second = Marked(mark.open + comma.end() + m.end() + after.end(), mark.close, mark.paragraph)
            return attr, (first, second)
        return None

    def _joins(self, end: int, start: int) -> bool:
        gap = self.text[end:start]
        return len(gap.split()) <= ATTRIBUTION_GAP and "\n" not in gap

    # -- reported speech ------------------------------------------------------------------
    def _in_marks(self, pos: int) -> bool:
        i = bisect_right(self._opens, pos) - 1
        return i >= 0 and pos < self._closes[i]

    @staticmethod
    def _in_quotes(pos: int, taken: list[Quote], starts: list[int]) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < taken[i].end

    def _indirect_in(self, sent: Span, taken: list[Quote], starts: list[int]) -> list[Quote]:
        """Reported speech in a sentence: one 'according to', or one clause per speech verb."""
        if sent.end - sent.start > LONGEST_SENTENCE:
            return []  # no sentence of prose; each cue would scan all of it (quadratic)
        s = self.text[sent.start:sent.end]
        i = bisect_right(starts, sent.start) - 1
        if i >= 0 and taken[i].end >= sent.end:
            return []
        for am in self.cues.according_to.finditer(s):
            if self._in_marks(sent.start + am.start()):
                continue
            end = am.end()
            if named := self._according_named(s, am):
                # 'According to the minister, Dr. Esther Mugisha, new cases have fallen ...': the
                # name after the description is the source, and the report follows the name
                name, role, end = named
                attr = Attribution(self.speakers.resolve(name, sent.start + am.start("subj")),
                                   s[am.start("subj"):end].rstrip(" ,"), role, "according to",
                                   "'according to' a description and its name")
            else:
                attr = self._attribution(am, sent.start, "'according to'", "according to")
            if attr is None:
                continue
            before = s[:am.start()].rstrip(" ,")
            tail = s[end:].rstrip(" .!?…")
            after = tail.lstrip(" ,")
            inside = s[:am.start()].rstrip().endswith(",") and len(after.split()) >= 3
            if inside and FUNCTION_END.search(before):
                # '... after, according to him, the network censured ...', '... and, according to
                # the auditor, will run late': the source vouches for the words it opens
                start = sent.start + s.index(after, am.end())
                return [Quote(start, start + len(_clause(after)), "indirect", confidence=0.7).attribute(attr)]
            if inside and (len(before.split()) < 6 or re.match(r"and\s", after)):
                # 'Since last November, according to Human Rights Watch, forces have killed ...',
                # '..., according to the agency, and there were ...': the report runs on both
                # sides of the source, up to where its clause ends
                end = am.end() + len(_clause(tail))
                return [Quote(sent.start, sent.start + end, "indirect", confidence=0.7).attribute(attr)]
            if len(before.split()) >= 3:
                return [Quote(sent.start, sent.start + len(before), "indirect", confidence=0.7).attribute(attr)]
            if len(after.split()) >= 3:
                start = sent.start + s.index(after, am.end())
                return [Quote(start, start + len(after), "indirect", confidence=0.7).attribute(attr)]
        found: list[Quote] = []
        for cm in self.cues.cue_anywhere.finditer(s):
            pos = sent.start + cm.start()
            if self._in_marks(pos) or self._in_quotes(pos, taken, starts) or (found and pos < found[-1].end):
                continue
            q = self._reported_around_cue(sent, cm) or self._reported_after_cue(sent, cm) \
                or self._reported_before_cue(sent, cm)
            if q is not None and not any((q.start, q.end) == (f.start, f.end) for f in found):
                found.append(q)
        return found

    def _reported_after_cue(self, sent: Span, cm: re.Match) -> Quote | None:
        """'Lavrov said (on Wednesday) (that) Moscow is prepared ...' -> the clause."""
        s = self.text[sent.start:sent.end]
        verb = _cue_word(cm.group("cue"))
        if verb in self.cues.request_verbs or self.cues.not_said.search(s, max(0, cm.start() - 40), cm.start()):
            return None  # 'asked whether ...', 'urged X to ...', "won't say what ...": no statement
        if _DETERMINER_BEFORE.search(s, max(0, cm.start() - 8), cm.start()):
            return None  # 'her alleged ties', 'the reported deal': an adjective, no verb
        if cm.group("cue").endswith("ed") and _PASSIVE_BEFORE.search(s, max(0, cm.start() - 30), cm.start()):
            return None  # 'Yanukovych was declared the winner': done to the subject, no speech of theirs
        if cm.group("cue") in _NOUN_FORMS and (_RELATIVE_SUBJECT.match(s, cm.end())
                                               or _COUNTED_BEFORE.search(s, max(0, cm.start() - 20), cm.start())):
            return None  # 'states that have suffered ...', 'the first four states': a noun
        m = self._subject_before(sent, s, cm)
        if not m:
            return None
        telling = verb in self.cues.tell_verbs
        found = (LONG_LEAD.match(s, cm.end()) if telling or PLACE_LEAD.match(s, cm.end()) else None) \
            or (TOLD_LEAD if telling else SAID_LEAD).match(s, cm.end()) or SAID_LEAD.match(s, cm.end())
        if _cue_word(cm.group("cue")) in self.cues.clause_needs_that and not found.group(0).rstrip().endswith("that"):
            return None
        if not found.group(0).rstrip().endswith("that") and not cm.group("cue").endswith("ing") \
                and self._attributes_quote_before(sent.start + m.start("subj")):
            return None  # '“...,” Ortiz told a crowd on Tuesday night, after ...': what she said is the quote
        rest_start = found.end()
        rest = s[rest_start:].rstrip(" .!?…")
        rel = re.search(r"(?:^|,\s+|\s[—–]\s+)(?P<rel>which|whom|that)\s+$", s[:m.start("subj")])
        relative = bool(rel) and not found.group(0).rstrip().endswith("that")
        if relative:
            # '..., which the campaign says includes 2.7 million donors, is ...': what is said is
            # the relative clause, its speaker inside it
            rest_start = rel.start("rel")
            rest = re.split(r",|\s[—–]\s", s[rest_start:].rstrip(" .!?…"), maxsplit=1)[0]
        elif "who" in m.groupdict() and m.group("who"):
            # 'Cruz, who says Trump is attacking him, said ...': the relative clause ends at its comma
            rest = re.split(r",|\s[—–]\s", rest, maxsplit=1)[0]
        if (second := self.cues.second_cue.search(rest)) and len(rest[:second.start()].split()) >= 3:
            rest = rest[:second.start()]  # '... and said ...' reports a second clause
        rest = _clause(rest)
        after_that = found.group(0).rstrip().endswith("that")
        if len(rest.split()) < 3 or NOT_A_CLAUSE.match(rest) and not (
                after_that  # 'said that over the last five days ...': a clause, whatever its first word
                or MIXED_LEAD.match(rest)  # 'says “the wind is at our backs” despite his loss ...'
                or verb in self.cues.commitment_verbs and re.match(r"to\s+[a-z]", rest)):
            return None  # ('vowed to fight on' reports a commitment; 'said to be' nothing)
        if not relative and (am := self.cues.subj_cue_start.match(rest)) and len(rest[am.end():].split()) <= 3 \
                or len(rest.split()) <= 5 and self.cues.cue_at_end.search(rest):
            return None  # '“...,” the minister said, local media reported': another attribution
        if verb in self.cues.object_verbs and not found.group(0).rstrip().endswith("that") \
                and not self.cues.finite.match(" " + rest):
            return None  # 'added sugar to ...', 'reported profits of ...': an object, no clause
        if not after_that and _CIRCUMSTANCE_CLAUSE.match(rest):
            return None  # 'Rubio said Sunday as the crowd roared': when it was said, not what
        if "," in found.group(0) and AFTER_COMMA_NOT_REPORTED.match(rest):
            return None  # 'X said on Wednesday, as fighters ...': what X said came before the cue
        if telling and not after_that and re.match(r"(?:an?|the)\s", rest) and len(rest.split()) <= 5:
            return None  # 'told a news conference on Wednesday': whom it was told, not what
        attr = self._attribution(m, sent.start, "reported speech: speaker, speech verb, clause",
                                 _cue_word(cm.group("cue")))
        if attr is None:
            return None
        start = sent.start + rest_start
        return Quote(start, start + len(rest), "indirect", confidence=0.7).attribute(attr)

    def _attributes_quote_before(self, pos: int) -> bool:
        """Whether a closing quotation mark stands right before pos (commas, dashes and space
        between): the subject there attributes that quote."""
        i = bisect_right(self._closes, pos) - 1
        if i < 0:
            return False
        close = self._closes[i]
        # '“We are ready,” Ortiz said' (the quote's own comma), not '... “soft.” He says ...' nor
        # 'on “Face the Nation,” Ortiz said the vote ...' (a title, no quote)
        return close in self._quote_ends and self.text[close - 2:close - 1] in (",", "?", "!") \
            and not self.text[close:pos].strip(" —–-")

    def _reported_around_cue(self, sent: Span, cm: re.Match) -> Quote | None:
        """'The strike will cost $2 million a day, the union said, and could last until spring.',
        'If the talks fail, Okafor said, the port will close.': an attribution set off by
        commas inside the sentence it reports; the report is the sentence around it."""
        s = self.text[sent.start:sent.end]
        comma = s.rfind(",", 0, cm.start())
        if comma <= 0 or cm.start() - comma > 160 or s[:comma].rstrip()[-1:] in "”\"’'»":
            return None  # no subject fits, or '“...,” she said, “...”' (the direct pass's)
        if s[comma + 1:cm.start()].strip():
            telling = _cue_word(cm.group("cue")) in self.cues.tell_verbs
            after = (self.cues.around_told_after if telling else self.cues.around_cue_after).match(s, cm.end())
            m = after and self.cues.subj_cue_start.match(s[comma + 1:cm.end()])
            if not m or comma + 1 + m.end() != cm.end():
                return None
        else:
            # '..., say experts like Paul Bauman, a geophysicist, is the ground itself'
            m = self.cues.cue_subj_start.match(s[comma + 1:])
            after = m and _COMMA_GOES_ON.match(s, comma + 1 + m.end())
            if not after:
                return None
        rest = s[after.end():].rstrip(" .!?…")
        lead = DATELINE.match(s)
        start = lead.end() if lead else 0
        opened = FUNCTION_END.search(s[:comma])
        if opened:
            # '..., the stadium, which, Tompkins said, is full on game days': the report is the
            # clause that the word before the attribution opens
            start = max([start] + [b.end() for b in re.finditer(r",\s+|\s[—–-]\s+", s[:comma])])
        if len(s[start:comma].split()) < (1 if opened else 3) or len(rest.split()) < 2 or s[start:start + 1] in self.cues.openers \
                or AFTER_COMMA_NOT_REPORTED.match(rest) and not rest.startswith("because ") \
                or NOT_A_CLAUSE.match(rest) and not re.match(r"(?:and|but)\s", rest):
            return None  # ', adding that ...', ', who ...', ', as crowds gathered': the writer goes on
        attr = self._attribution(m, sent.start + comma + 1, "reported speech: an attribution inside the clause")
        if attr is None:
            return None
        end = after.end() + len(_clause(rest))
        return Quote(sent.start + start, sent.start + end, "indirect", confidence=0.7).attribute(attr)

    def _reported_before_cue(self, sent: Span, cm: re.Match) -> Quote | None:
        """'Moscow is prepared to help, Lavrov said.' -> the clause before the comma."""
        s = self.text[sent.start:sent.end]
        comma = s.rfind(",", 0, cm.start())
        if comma <= 0:
            return None
        # 'Voters "think this guy ...," he said': the comma may sit inside a closing mark.
        tail = s[comma + 1:].lstrip("”\"’'»")
        m = self.cues.subj_cue_start.match(tail) or self.cues.cue_subj_start.match(tail)
        # After 'X said' only the circumstances may follow ('from his office in Orlando.'), and
        # the writer's own clause after a comma (', as the two countries signed a deal.').
        if not m or not re.fullmatch(rf"(?:\s+{OBJECT})?{AFTER_CUE}(?:\s+{CIRCUMSTANCE})?"
                                     rf"(?:,\s+{AFTER_COMMA_NOT_REPORTED.pattern}[^“”\"]*)?[\s.!?…”\"]*",
                                     tail[m.end():]):
            return None
        clause = s[:comma].rstrip()
        lead = DATELINE.match(clause)
        if lead:
            clause = clause[lead.end():]  # 'OTTAWA (CP) — ' opens the report, not what was said
        if len(clause.split()) < 3 or clause.lstrip()[:1] in self.cues.openers or SUBORDINATE.match(clause):
            return None  # 'Although the senator is gaining ground, X said': not what X said
        attr = self._attribution(m, sent.start + len(s) - len(tail), "reported speech: clause, speaker, speech verb")
        if attr is None:
            return None
        start = sent.start + (lead.end() if lead else 0)
        return Quote(start, start + len(clause), "indirect", confidence=0.7).attribute(attr)

    def _transcript_lines(self, found: list[Quote]) -> list[Quote]:
        """Paragraphs of an interview transcript: the words after 'SPEAKER:' are theirs, verbatim."""
        out = []
        for para in self.paras:
            m = TRANSCRIPT_LINE.match(self.text, para.start, para.end)
            if not m or m.group("subj").split()[-1].lower() in NOT_A_SPEAKER_LABEL:
                continue
            if any(q.start < para.end and para.start < q.end for q in found):
                continue
            label = m.group("subj")
            name = label.title() if label.isupper() else label  # 'BOULDUAN' -> 'Boulduan'
            # A person named again elsewhere in the article, saying a few words at least: not a
            # section label ('The Latest: ...', 'EMAIL: ...') nor a tally ('Clinton: 1,769').
            surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b", re.I)
            if name.split()[0] in NOT_A_SUBJECT_START or len(surname.findall(self.text)) < 2 \
                    or len(self.text[m.end():para.end].split()) < 3:
                continue
            speaker = self.speakers.resolve(name, para.start)
            out.append(Quote(m.end(), para.end, "direct", confidence=0.6).attribute(
                Attribution(speaker, label, self.speakers.role_of(speaker), ":", "transcript line 'SPEAKER: ...'")))
        return out

    def _interview_answers(self, found: list[Quote]) -> list[Quote]:
        """A Q&A: every 'A:' line is the answer of the person interviewed, the one the article
        names most often before its first question."""
        answers = list(_ANSWER_LINE.finditer(self.text))
        first_q = _QUESTION_LINE.search(self.text)
        if len(answers) < 2 or first_q is None:
            return []
        surnames = Counter(full.split()[-1] for full in self.speakers.people_named_before(first_q.start()))
        if not surnames:
            return []
        surname = max(surnames, key=lambda n: (len(re.findall(rf"\b{re.escape(n)}\b", self.text)), surnames[n]))
        person = self.speakers.resolve(surname, first_q.start())
        attr = Attribution(person, surname, self.speakers.role_of(person), ":", "answer in a Q&A")
        out = []
        for am in answers:
            start, end = am.start("answer"), am.end("answer")
            if not any(q.start < end and start < q.end for q in found):
                out.append(Quote(start, end, "direct", confidence=0.6).attribute(attr))
                out[-1].utterance = self._utterance()
        return out

    def _statement_paragraphs(self, found: list[Quote]) -> list[Quote]:
        """A press release's statement without marks: 'Home Secretary Eleanor Hadfield said:' as
        a paragraph of its own, then her words as the next paragraph, and the ones after it that
        still speak in the first person ('We will ...', 'I have asked ...')."""
        out = []
        for pi, para in enumerate(self.paras[:-1]):
            line = self.text[para.start:para.end].rstrip()
            if not line.endswith(":") or len(line.split()) > 40 or self._in_marks(para.end - 1):
                continue
            attr = self._speech_before(para.start, para.end)
            if attr is None or not attr.speaker:
                continue
            pieces: list[Quote] = []
            for nxt in self.paras[pi + 1:]:
                if not self._unmarked_statement(nxt, found, first=not pieces):
                    break
                pieces.append(Quote(nxt.start, nxt.end, "direct", confidence=0.6).attribute(attr))
            if pieces:
                utterance = self._utterance()
                for q in pieces:
                    q.utterance = utterance
            out += pieces
        return out

    def _unmarked_statement(self, para: Span, found: list[Quote], first: bool) -> bool:
        """A paragraph that goes on with a statement without marks: a few words, no quotation
        marks or quote found in it, no new 'X said:', no embedded post's markup, and after the
        first paragraph still in the first person."""
        words = self.text[para.start:para.end]
        i = bisect_left(self._opens, para.start)
        return len(words.split()) >= 4 and not words.rstrip().endswith(":") and not words.startswith("<") \
            and not (i < len(self._opens) and self._opens[i] < para.end) \
            and not any(q.start < para.end and para.start < q.end for q in found) \
            and (first or bool(_FIRST_PERSON.search(words)))

    # -- all together ----------------------------------------------------------------------
    def extract(self) -> list[Quote]:
        quotes = self._direct_quotes()
        self._quote_ends = {q.end for q in quotes}
        quotes += self._transcript_lines(quotes)
        quotes += self._statement_paragraphs(quotes)
        quotes += self._interview_answers(quotes)
        taken = sorted(quotes, key=lambda q: q.start)
        starts = [q.start for q in taken]
        for sent in self.sents:
            quotes += self._indirect_in(sent, taken, starts)
        quotes = [self._trim(q) for q in quotes]
        direct = sorted((q for q in quotes if q.quote_type == "direct"), key=lambda q: q.start)
        starts = [q.start for q in direct]

        def mostly_direct(q: Quote) -> bool:
            i = max(0, bisect_right(starts, q.start) - 1)
            inside = 0
            while i < len(direct) and direct[i].start < q.end:
                inside += max(0, min(q.end, direct[i].end) - max(q.start, direct[i].start))
                i += 1
            return inside > (q.end - q.start) / 2

        # Reported speech that is mostly a direct quote already found is that quote.
        quotes = [q for q in quotes if q.quote_type == "direct" or not mostly_direct(q)]
        for q in quotes:
            if q.quote_type == "indirect":
                q.quoted = self._quoted_within(q.start, q.end)
        return sorted((q for q in quotes if q.end > q.start), key=lambda q: (q.start, q.end))

    def _quoted_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The passages in marks inside reported speech ('He said the plan was “a fantasy from
        start to finish”'), marks included, clipped to the statement: the speaker's own words,
        findable apart from the writer's around them."""
        out = []
        for i in range(max(0, bisect_right(self._opens, start) - 1), bisect_left(self._opens, end)):
            a, b = max(start, self._opens[i]), min(end, self._closes[i])
            if b - a > 2 and (a, b) != (start, end) and self.text[a:b].strip("“”\"‘’'«»„ "):
                out.append((a, b))
        return out

    def _trim(self, q: Quote) -> Quote:
        while q.start < q.end and self.text[q.start] in " \t\n,;:—–-":
            q.start += 1
        while q.end > q.start and self.text[q.end - 1] in " \t\n,;:—–-":
            q.end -= 1
        return q


def extract_quotes(text: str) -> list[Quote]:
    return QuoteExtractor(text).extract()
