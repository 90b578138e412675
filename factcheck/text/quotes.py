"""Attributed quotes: direct speech inside quotation marks and reported (indirect) speech,
each with its speaker, the cue that attributes it, and exact offsets into the text.

Conventions (documented in the README):
- A direct quote's span runs from its opening to its closing mark. A quote interrupted by its
  attribution ("The situation," he said, "is deteriorating.") and the unattributed quotes that
  follow it in the same paragraph form one statement: the span covers all of them.
- A partial quote inside reported speech ("He said the nation has become “more interested…”")
  is one indirect statement spanning the reported clause. A quoted label after "described ...
  as" or "called" is a direct quote of just the quoted words.
- Quoted words with no speech cue near them (titles, scare quotes, terms) are not quotes.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain, islice

from factcheck.text.sentences import Span, paragraphs, sentences
from factcheck.text.speakers import SpeakerResolver, split_name

# What closes each opening mark. Typed text mixes straight and curly double marks ('"We won,”'),
# so either closes the other.
OPENERS = {"“": "”\"", "«": "»", "„": "“”", "‹": "›", '"': '"”', "‘": "’", "‚": "‘’"}
DOUBLE = set("“”«»„\"")

# Verbs of saying and writing, in the forms news uses; longest first so alternation is greedy.
_CUE_WORDS = """
said says say saying told tells tell telling added adds adding asked asks asking noted notes
noting wrote writes writing tweeted tweets stated states declared declares announced announces
explained explains explaining warned warns warning argued argues arguing argue claimed claims
claiming claim insisted insists insisting acknowledged acknowledges admitted admits recalled
recalls recalling continued continues replied replies responded responds suggested suggests
suggesting suggest concluded concludes predicted predicts promised promises promising pledged
pledges vowed vows vowing urged urges reported reports confirmed confirms denied denies conceded
concedes contended contends asserted asserts maintained maintains stressed stresses emphasized
emphasised emphasizes emphasises observed remarked quipped joked boasted complained complains
lamented alleged alleges countered counters shouted posted testified mused cautioned cautions
believes believed thinks hinted hints indicated indicates revealed reveals disclosed announced
explained agreed agrees""".split()
# Present-tense forms that are as often plural nouns ("four states are members"): cues only
# when a clause follows with "that".
AMBIGUOUS_CUES = frozenset("states notes claims reports promises vows counters hints posts "
                           "indicates reveals believes thinks claim suggest argue".split())
# Verbs that report a clause only with 'that'; otherwise they take an object ('maintains a
# commanding lead', 'testified voluntarily'). After a quote they attribute it as any cue does.
CLAUSE_NEEDS_THAT = frozenset("maintains maintained continued continues agreed agrees revealed indicated "
                              "testified posted".split())
CUE_RE = "|".join(sorted(set(_CUE_WORDS), key=len, reverse=True))
TELL_CUES = r"told|tells|tell|telling|assured|reminded"
LABEL_CUES = r"described|describes|describing|called|calls|calling|dubbed|dubs|labeled|labelled|branded"
ADVERBS = (r"also|later|previously|then|recently|once|again|has|had|have|would|will|reportedly|"
           r"further|publicly|privately|repeatedly|quickly|flatly|simply|bluntly|separately|"
           r"subsequently|earlier|originally|then|now|often|frequently|told|once|had|never|did|"
           r"does|do|is|was|were|are|has\s+been|have\s+been|still|even|already|just|"
           r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
           r"yesterday|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|\w+ly")
# What may stand between a cue and what is said: an addressee, a medium, a time.
_TIME = (r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
         r"tonight|last\s+\w+|this\s+\w+|earlier|later|recently|at\s+the\s+time)")
# A short noun phrase that ends where the reported clause begins: at a comma or "that".
_PHRASE = r"[\w.’'\-]+(?:\s+[\w.’'\-]+){0,6}?(?=\s*(?:,|\bthat\b))"
_AFTER_CUE = (rf"(?:\s+(?:{_TIME}|in\s+an?\s+(?:statement|interview|speech|email|e-mail|letter|"
              rf"tweet|post|op-ed|press\s+release|news\s+conference|press\s+conference|memo|"
              rf"report|video|radio\s+interview|television\s+interview|phone\s+interview)"
              rf"(?:\s+(?:with|to|on|at)\s+{_PHRASE})?|(?:during|at)\s+(?:an?|the)\s+{_PHRASE}|"
              rf"on\s+(?:Twitter|Facebook|CNN|Fox\s+News|MSNBC|NBC|"
              rf"ABC|CBS|NPR|X|Instagram|television|TV|the\s+radio)))*")
OBJECT = (r"(?:reporters|journalists|supporters|the\s+crowd|the\s+audience|an?\s+(?:crowd|audience|"
          r"rally|reporter|interviewer)|(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*){0,4}|"
          r"him|her|them|us|me|you|lawmakers|voters|members|the\s+\w+)")

# (whole words: 'le' is no name particle at the start of 'leadership')
NAME_TOKEN = r"(?:[A-Z][\w’'.\-]*|Mc\w+|(?:de|da|van|von|bin|al|el|la|le|del|der|di|du|of|the|for|and|on)\b)"
CAP_NP = rf"(?:[A-Z][\w’'.\-]*(?:\s+{NAME_TOKEN}){{0,9}}(?<![\s,])(?<!\bof)(?<!\bthe)(?<!\band)(?<!\bfor)(?<!\bon))"
PRONOUN = r"(?:he|she|they|we|I|it|you|He|She|They|We|It|You)"
COMMON_NP = (r"(?:(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther|[Mm]ost|"
             r"[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Tt]his|[Tt]hese|[Tt]hose|[Bb]oth)\s+"
             r"(?:[\w’'\-./]+\s+){0,5}[\w’'\-/]+"
             r"|(?:[Oo]fficials|[Aa]nalysts|[Ee]xperts|[Cc]ritics|[Rr]esidents|[Ww]itnesses|[Ss]ources|"
             r"[Oo]bservers|[Ll]awmakers|[Dd]iplomats|[Pp]olice|[Aa]uthorities|[Aa]ides|[Aa]dvisers|"
             r"[Ss]upporters|[Pp]rotesters|[Dd]emocrats|[Rr]epublicans|[Vv]oters|[Pp]olls|[Rr]eports|"
             r"[Ss]tudies|[Pp]rosecutors|[Ii]nvestigators|[Ss]cientists|[Rr]esearchers|[Ee]conomists|"
             r"[Ll]eaders|[Ss]upporters|[Oo]pponents|[Pp]eople|[Ss]ome|[Oo]thers|[Mm]any)"
             # a poll's share: '22 percent', 'Twenty-four percent of Democrats'
             r"|(?:\d[\d.,]*|[A-Z]?[a-z]+(?:-[a-z]+)?)\s*(?:percent|%)(?:\s+of\s+[\w\-]+(?:\s+[\w\-]+)?)?)")
# Never from the middle of a word ('Kh|an was wrong', 'Twenty-f|our percent').
_LOWER_ROLE = (r"(?:[a-z]+\s+)?(?:member|spokesman|spokeswoman|spokesperson|chief|executive|president|director|"
               r"secretary|leader|chairman|chairwoman|chair|manager|adviser|advisor|aide|official|candidate|"
               r"senator|governor|mayor|minister|representative|strategist|pollster|lawyer|attorney|scientist|"
               r"professor|analyst|economist|expert|researcher|correspondent|reporter|columnist|editor|"
               r"writer|host|anchor|consultant|organizer|founder)")
# 'Council member Jo Reyes', 'Priorities spokesman Justin Barasky': a name with a role inside.
NAMED = rf"{CAP_NP}(?:\s+{_LOWER_ROLE}\s+{CAP_NP})?"
# 'O’Malley’s campaign', 'Trump's senior adviser'
POSSESSIVE_NP = rf"{CAP_NP}[’']s?\s+(?:[a-z][\w\-]*\s+){{0,2}}[a-z][\w\-]*"
SUBJECT = rf"(?<![\w’'\-.])(?:{NAMED}|{POSSESSIVE_NP}|{PRONOUN}|{COMMON_NP})"
# "Hasan Sultonov, the Tajik representative to the CSTO," -- a name and its appositive.
_APPOSITIVE_PART = r",\s+(?!and\b|or\b|but\b|who\b|which\b)(?:[\w’'\-.]+\s+){0,20}?[\w’'\-.()]+"
APPOSITIVE = rf"(?:{_APPOSITIVE_PART},)"
# 'Cory James, 22, of Flint, Mich., said': up to three in a row
APPOSITIVE_CHAIN = rf"(?:(?:{_APPOSITIVE_PART}){{1,3}},)"
# After 'said X': ', the Tajik representative to the CSTO' (no closing comma needed)
APPOSITIVE_AFTER = r"(?:,\s+(?:the|a|an|who\s+is)\s+[^,.;:“”\"]{3,120})"

_ADV = rf"(?:\s+(?:{ADVERBS}))*"
# The cue group holds the verb and, for verbs of telling, whom it was told to.
CUE_WITH_OBJECT = rf"(?P<cue>(?:{TELL_CUES})\b(?:\s+{OBJECT})?|(?:{CUE_RE})\b)"

# Subject then cue, ending where the window ends: "..., Hasan Sultonov, the Tajik ..., said"
# '..., who served as her chief of staff,' between a name and its verb; '(R-Ky.)' after a name.
_RELATIVE = r"(?:,\s+(?:who|whose)\s+[^,“”\"]{3,160},)"
_PARTY = r"(?:\s+\([^()]{1,40}\))?"
SUBJ_CUE_END = re.compile(
    rf"(?P<subj>{SUBJECT}){_PARTY}(?P<appos>{APPOSITIVE_CHAIN}|{_RELATIVE})?{_ADV}\s+{CUE_WITH_OBJECT}{_AFTER_CUE}\s*$"
)
# Right after a quote nothing but the attribution follows, so a role written in lower case
# may precede the name: 'chief executive Lowell McAdam said', 'said former Gov. Ed Rendell'.
_ROLED_NAME = rf"(?:[a-z][\w’'\-.]*\s+){{1,3}}{NAMED}"
# Cue then subject at the start of a window: ', said Lavrov.' (never a participle: ', claiming the
# quarantine violated ...' has no speaker after it).
CUE_SUBJ_START = re.compile(
    rf"^\s*(?P<cue>(?!\w+ing\b)(?:{CUE_RE}))\s+(?P<subj>{NAMED}|{COMMON_NP}|{_ROLED_NAME})(?P<appos>{APPOSITIVE_AFTER})?"
)
SUBJ_CUE_START = re.compile(
    rf"^\s*(?P<subj>{SUBJECT}|{_ROLED_NAME}){_PARTY}(?P<appos>{APPOSITIVE}|{_RELATIVE})?{_ADV}\s+(?P<cue>{CUE_RE})\b"
)
# 'according to a New York Times/CBS News poll released last week': up to the punctuation.
# An abbreviation's full stop does not end the source: 'Rep. Trey Gowdy', 'the U.S. Department'.
_ABBREV_DOT = r"(?:(?<=\b[A-Z])|(?<=\bMr)|(?<=\bMs)|(?<=\bDr)|(?<=\bSt)|(?<=\bJr)|(?<=\bMrs)|(?<=\bRep)|(?<=\bSen)|" \
              r"(?<=\bGov)|(?<=\bGen)|(?<=\bDel)|(?<=\bCol)|(?<=\bSgt))\."
ACCORDING_TO = re.compile(rf"\b[Aa]ccording\s+to\s+(?P<subj>(?:[^,.;:!?“”\"()\n]|{_ABBREV_DOT}){{2,120}})"
                          rf"(?=\s*(?:[,.;:!?“”\"()]|$))")
COLON_INTRO = re.compile(rf"(?P<subj>{SUBJECT})(?P<appos>{APPOSITIVE})?"
                         rf"(?:{_ADV}\s+{CUE_WITH_OBJECT}{_AFTER_CUE})?"
                         rf"\s*[:,]?\s*$")
# What runs from a cue to the reported clause: 'said on Wednesday that', 'told reporters'
SAID_LEAD = re.compile(rf"{_AFTER_CUE}\s*[,:]?\s*(?:that\s+)?")
TOLD_LEAD = re.compile(rf"\s*{OBJECT}{_AFTER_CUE}\s*[,:]?\s*(?:that\s+)?")
# 'told a crowd in Miami on Tuesday that', 'said in a radio interview with WHO-AM that': a
# longer lead than the patterns above know, ended by 'that' before any punctuation.
LONG_LEAD = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){1,10}?\s+that\s+")
PLACE_LEAD = re.compile(r"\s+(?:in|at|during|on|to|before|after|while|over|with)\s")
# '... and said ...', '..., Mrs. Schlafly replied ...': a second attribution ends the first clause
SECOND_CUE = re.compile(rf",?\s+and\s+(?:also\s+)?(?:{CUE_RE})\b"
                        rf"|,\s+(?:while\s+|whereas\s+|and\s+|but\s+)?(?:{NAMED}|he|she|they)\s+(?:{CUE_RE})\b")
# What may follow 'X said' at the end of a sentence: 'from his office in Orlando'.
_CIRCUMSTANCE = r"(?:in|at|on|from|during|to|with|after|before|while|by|over|for)\b[^,;:“”\"]{1,80}?"
SUBORDINATE = re.compile(r"\s*(?:Although|Though|While|When|If|Because|As|After|Before|Since|Unless|Despite|"
                         r"Whether)\b")
# A cue followed by these introduces no reported clause ('said to be', 'told of'), or by a
# quotation mark, which the direct pass attributes.
NOT_A_CLAUSE = re.compile(r"(?:to|of|about|for|by|with|without|so|and|or|but|in|on|at|from|into|after|"
                          r"before|during|like|than|up|out|over)\b|[“\"«„‹‚‘]")
AFTER_COMMA_NOT_REPORTED = re.compile(r"(?:as|while|when|after|before|because|although|though|amid|despite|"
                                      r"even|which|who|where|\w+ing)\b")
# 'BOULDUAN: Why not debate?', 'Joe Scarborough: The debate is over.': a line of a transcript.
TRANSCRIPT_LINE = re.compile(r"(?P<subj>[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+){0,3}"
                             r"|[A-Z][a-z]+(?:\s+[A-Z][\w.’'\-]+){1,3}):[ \t]+(?=\S)")
NOT_A_SPEAKER_LABEL = frozenset("news more note notes coverage credit credits update updates related source "
                                "sources watch read photo photos video correction editor disclaimer "
                                "advertisement listen transcript summary background".split())
# A sentence that opens with a name and its verb: 'President Barack Obama met ...'.
# 'President Barack Obama', 'Council member Jo Reyes', 'Clinton spokesman Jesse Ferguson'
LEADING_SUBJECT = re.compile(rf"\s*(?P<subj>{NAMED})(?P<appos>,\s+(?:the|a|an|who|whose)\s[^,]{{3,120}},)?"
                             rf"(?:\s+\w+ly)?\s+(?=[a-z])")
LEADING_COMMON_SUBJECT = re.compile(r"\s*(?P<subj>(?:The|A|An)\s+[a-z][\w\-]+)\s+(?=[a-z]+(?:ed|s)\b)")
NOT_A_SUBJECT_START = frozenset("The A An In On At After Before When While If As But And So Yet For From With "
                                "By During Since Until Last This That These Those It There Here Then Now "
                                "His Her Their Its Our My Your".split())
SAID_OF = re.compile(rf"\b(?P<cue>{CUE_RE})\s+of\s+[^:.“”\"]{{1,80}}:\s*$")
PARTICIPLE_INTRO = re.compile(r",\s+(?P<cue>\w+ing)(?:\s+[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,3})?\s*[,:]?\s*$")
COORDINATED_INTRO = re.compile(r"\band\s+(?:\w+ly\s+)?(?P<cue>\w+)\s*[,:]\s*$")
# A signature under a quote: '“...” ― Stephanie Egan' (the name, then the paragraph or a bar ends)
DASH_SIGNATURE = re.compile(rf"(?P<subj>{NAMED})\s*(?=$|[|\n]|\s[|“\"])")
CUE_ANYWHERE = re.compile(rf"\b(?P<cue>{CUE_RE})\b")
LABEL_RE = re.compile(rf"(?<![\w-])(?P<cue>{LABEL_CUES})\b")


LONGEST_SENTENCE = 3000  # characters; longer "sentences" are lists or markup, not reported speech
ATTRIBUTION_GAP = 25  # words between two quotes of one speaker that may still join them
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s*$")
# Words a subject match can drag along that belong to the verb phrase.
_VERBAL_TAIL = re.compile(
    rf"(?:\s+(?:{ADVERBS}|to|not|who|that|which))+$"
)
# "He's suggesting" -> "He"
_CONTRACTED = re.compile(r"^(he|she|it|they|we|i|you)[’'](?:s|re|ve|d|ll|m)$", re.I)
_FUNCTION_END = re.compile(r"\b(?:and|or|but|of|to|the|a|an|in|on|at|for|with|that|which|who|as|"
                           r"by|from|than|if|because|while|when|whether|not|nor)$", re.I)


@dataclass
class Attribution:
    speaker: str
    as_written: str
    role: str
    cue: str
    reason: str


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

    def attribute(self, attr: Attribution) -> "Quote":
        self.speaker, self.speaker_as_written, self.role = attr.speaker, attr.as_written, attr.role
        self.cue = attr.cue
        self.reasons.append(attr.reason)
        return self


@dataclass
class Marked:
    """A passage in quotation marks: open is the opening mark, close one past the closing mark."""

    open: int
    close: int
    paragraph: int


_LINK = re.compile(r"!?\[(?P<a>[^\[\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)")


def _blank_link(m: re.Match) -> str:
    whole = m.group(0)
    a, b = m.start("a") - m.start(), m.end("a") - m.start()
    return " " * a + whole[a:b] + " " * (len(whole) - b)


def mask_markup(text: str) -> str:
    """The text as the extractor reads it, every offset kept: markdown link syntax blanked
    ('[a](#)' reads ' a    ') and doubled apostrophes, a typewriter quotation mark, read as
    one straight double mark."""
    text = _LINK.sub(_blank_link, text)
    return re.sub(r"(?<=\S)''(?=\s|[.,;:!?)]|$)", '" ', re.sub(r"''(?=\S)", ' "', text))


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/:;,") and not after.isspace()


def find_marked(text: str, paras: list[Span]) -> list[Marked]:
    """Passages in quotation marks, top level only. A quote left open at the end of a
    paragraph continues if the next paragraph reopens it (the multi-paragraph convention);
    otherwise it ends with its paragraph, so a stray mark never swallows the article."""
    found: list[Marked] = []
    pending: tuple[int, str, int] | None = None  # (position, closing marks, paragraph)
    for pi, para in enumerate(paras):
        i = para.start
        if pending is not None:
            if text[para.start] in DOUBLE and text[para.start] in OPENERS:
                i = para.start + 1
            else:
                found.append(Marked(pending[0], paras[pi - 1].end, pending[2]))
                pending = None
        while i < para.end:
            ch = text[i]
            if pending is None:
                if ch in OPENERS and (ch not in "\"‘‚" or _is_opening(text, i)):
                    pending = (i, OPENERS[ch], pi)
            elif (ch in pending[1] or (ch == "“" and pending[1] == "”\"" and not _is_opening(text, i))) \
                    and not (ch == "’" and i + 1 < len(text) and text[i + 1].isalpha()):
                if ch == '"' and _is_opening(text, i):
                    # An opening straight mark where a close was due: the earlier mark was
                    # never closed. Start again from here.
                    pending = (i, OPENERS[ch], pi)
                else:
                    found.append(Marked(pending[0], i + 1, pending[2]))
                    pending = None
            i += 1
    if pending is not None:
        found.append(Marked(pending[0], paras[-1].end, pending[2]))
    return found


def _coordinated(before: str, cue: str) -> bool:
    """'... and said', '..., saying', 'issued a statement saying': the cue shares the subject of
    the sentence's first verb."""
    return bool(re.search(r"\b(?:and|but)(?:\s+\w+ly)?\s+$", before[-40:])) or cue.endswith("ing")


def _cue_word(cue: str) -> str:
    return cue.split()[0] if cue else cue


class QuoteExtractor:
    """Finds the quotes of one text, in text order, so pronouns resolve to earlier names."""

    def __init__(self, text: str):
        self.text = mask_markup(text)
        self.paras = paragraphs(self.text)
        self.sents = [s for p in self.paras for s in sentences(self.text, p.start, p.end)]
        self.marks = find_marked(self.text, self.paras) if self.paras else []
        self._opens = [m.open for m in self.marks]
        self._closes = [m.close for m in self.marks]
        self.speakers = SpeakerResolver(self.text)
        self._subjects: dict[tuple[int, int], re.Match | None] = {}
        self._prescan()

    # -- speakers ----------------------------------------------------------------------
    def _prescan(self) -> None:
        """Note every named subject of a speech verb, so 'he said' can look back to it."""
        for sent in self.sents:
            if sent.end - sent.start > LONGEST_SENTENCE:
                continue
            s = self.text[sent.start:sent.end]
            for cm in CUE_ANYWHERE.finditer(s):
                m = self._subject_before(sent, s, cm)
                if m and m.group("subj")[:1].isupper():
                    name, role = split_name(m.group("subj"))
                    appos = (m.groupdict().get("appos") or "").strip(" ,")
                    if len(name.split()) > 1 or role or appos:
                        self.speakers.remember(name, role or appos, sent.start + cm.start())

    def _subject_before(self, sent: Span, s: str, cm: re.Match) -> re.Match | None:
        """'Russian Foreign Minister Sergei Lavrov said' for the cue 'said', as a match in the
        sentence s (memoised: the prescan and the reported-speech pass ask for the same ones).
        A cue coordinated with an earlier verb ('Obama met survivors and said', 'Sanders
        endorsed Clinton, saying') has the sentence's own subject."""
        key = (sent.start, cm.start())
        if key not in self._subjects:
            m = SUBJ_CUE_END.search(s, max(0, cm.start() - 200), cm.end())
            if _coordinated(s[:cm.start()], cm.group("cue")):
                m = self._shared_subject(s, cm.start()) or m
            self._subjects[key] = m
        return self._subjects[key]

    def _shared_subject(self, s: str, at: int) -> re.Match | None:
        """The subject a coordinated cue at s[at] shares: that of the speech verb just before it
        ('Nefzi said, adding ...'), else the sentence's own ('Obama met survivors and said')."""
        before = s[:at].rstrip(" ,")
        return SUBJ_CUE_END.search(before, max(0, len(before) - 200)) or self._leading_subject(s)

    @staticmethod
    def _leading_subject(s: str) -> re.Match | None:
        # The first clause that opens with a name and a verb: not 'In Washington, ...' nor
        # 'Speaking at a rally in Salem, New Hampshire, ...' but the 'Governor Hale went' after them.
        for start in islice(chain([0], (c.end() for c in re.finditer(r",\s+", s))), 5):
            m = LEADING_SUBJECT.match(s, start)
            first = m.group("subj").split()[0] if m else ""
            if first and first not in NOT_A_SUBJECT_START and not first.endswith("ing"):
                return m
        # 'The president noted ...': a common noun whose next word looks like a verb
        return LEADING_COMMON_SUBJECT.match(s)

    def _attribution(self, m: re.Match, pos: int, reason: str, cue: str = "") -> Attribution | None:
        subj = _CONTRACTED.sub(r"\1", _VERBAL_TAIL.sub("", m.group("subj").strip()))
        if not subj or _FUNCTION_END.search(subj):
            return None
        cue = cue or _cue_word(m.groupdict().get("cue") or "")
        if cue in AMBIGUOUS_CUES and not re.match(r"\s*that\b", self.text[pos + m.end():pos + m.end() + 6]):
            return None
        if PASSIVE.search(subj):
            return None
        name, role = split_name(subj)
        appos = (m.groupdict().get("appos") or "").strip(" ,")
        if appos and not role and name[:1].isupper():
            role = appos
        speaker = self.speakers.resolve(name, pos + m.start("subj"))
        return Attribution(speaker, subj, role or self.speakers.role_of(speaker), cue, reason)

    # -- direct quotes -------------------------------------------------------------------
    def _attribution_after(self, mark: Marked, para: Span) -> Attribution | None:
        """', Hasan Sultonov, the Tajik representative to the CSTO, said' / ', said Lavrov'"""
        end = min(para.end, mark.close + 200)
        i = bisect_left(self._opens, mark.close)
        nxt = self._opens[i] if i < len(self._opens) and self._opens[i] < end else end
        lead = re.match(r"[\s,―—–\-]*", self.text[mark.close:nxt])
        start = mark.close + lead.end()
        tail = self.text[start:nxt]
        m = SUBJ_CUE_START.match(tail) or CUE_SUBJ_START.match(tail)
        if m:
            return self._attribution(m, start, "speech verb after the quote")
        if re.search(r"[―—–]", lead.group(0) + tail[:1]) and (m := DASH_SIGNATURE.match(tail)):
            return self._attribution(m, start, "name after a dash", "—")  # '“...” ― Stephanie Egan'
        if am := re.match(r"according\s+to\s", tail, re.I):
            m = ACCORDING_TO.match(tail)
            if m and am:
                return self._attribution(m, start, "'according to' after the quote", "according to")
        return None

    def _attribution_before(self, mark: Marked, para: Span) -> Attribution | None:
        """'Lavrov said: “', 'Lavrov told reporters, “', 'Lavrov: “'"""
        i = bisect_right(self._closes, mark.open)
        prev = self._closes[i - 1] if i and self._closes[i - 1] >= para.start else para.start
        start = max(prev, mark.open - 250)
        window = self.text[start:mark.open]
        if not window.strip():
            return None
        pm = PARTICIPLE_INTRO.search(window) or COORDINATED_INTRO.search(window)
        if pm and pm.group("cue") in _CUE_WORDS:
            # '..., saying, “The fewer guns, the better.”', '... and added: “...”': the
            # sentence's subject speaks.
            sent = self._sentence_of(mark.open)
            lm = self._shared_subject(self.text[sent.start:mark.open], max(0, start + pm.start() - sent.start))
            return lm and self._attribution(lm, sent.start, "speech verb before the quote", pm.group("cue"))
        om = SAID_OF.search(window)
        if om and (m := SUBJ_CUE_END.search(window, max(0, om.start() - 200), om.end("cue"))):
            # 'Clinton said of Chaffetz's latest request: “...”': the request is the topic, not the speaker
            return self._attribution(m, start, "speech verb before the quote")
        m = COLON_INTRO.search(window)
        while m and m.group("appos") and CUE_ANYWHERE.search(m.group("appos")):
            # 'Thursday, Clinton spokesman Jesse Ferguson said,' is no appositive of 'Thursday'
            m = COLON_INTRO.search(window, m.start("appos") + 1)
        if not m:
            return None
        has_cue = bool(m.group("cue"))
        if not has_cue and not window.rstrip().endswith(":"):
            return None
        return self._attribution(m, start, "speech verb before the quote", "" if has_cue else ":")

    def _attribution_label(self, mark: Marked) -> Attribution | None:
        """'Lavrov described the exit as a “hasty withdrawal.”': a quoted label."""
        sent = self._sentence_of(mark.open)
        before = self.text[sent.start:mark.open]
        labels = list(LABEL_RE.finditer(before))
        if not labels:
            return None
        lm = labels[-1]
        if re.search(r"\bso[\s-]$", before[:lm.start()], re.I):
            return None  # 'the so-called “...”': a scare quote
        gap = before[lm.end():]
        if re.match(r"\s+(?:on|for|in|off|up|out|back)\b", gap) or len(gap.split()) > 8:
            return None  # 'calling on X to “...”', 'a band called Sophistafunk got the crowd to ...
        m = SUBJ_CUE_END.search(before[:lm.start()].rstrip() + " said")
        if _coordinated(before[:lm.start()], lm.group("cue")):
            m = self._leading_subject(before) or m  # 'Trump went after Bush, calling him “...”'
        if not m:
            return None
        attr = self._attribution(m, sent.start, f"quoted words after '{lm.group('cue')}'", lm.group("cue"))
        return attr

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
        return bool(before) and not re.search(r"[:,—–]\s*$", before) and \
            not re.search(rf"\b(?:{CUE_RE})\s*$", before)

    def _direct_quotes(self) -> list[Quote]:
        quotes: list[Quote] = []
        by_para: dict[int, list[Marked]] = {}
        for mark in self.marks:
            if len(self.text[mark.open:mark.close].split()) >= 1 and mark.close - mark.open > 3:
                by_para.setdefault(mark.paragraph, []).append(mark)
        for pi, marks in sorted(by_para.items()):
            quotes.extend(self._paragraph_quotes(pi, marks))
        return quotes

    def _paragraph_quotes(self, pi: int, marks: list[Marked]) -> list[Quote]:
        para = self.paras[pi]
        out: list[Quote] = []
        current: Quote | None = None
        waiting: list[Marked] = []  # whole-sentence quotes whose attribution comes later
        for mark in marks:
            words = len(self.text[mark.open:mark.close].split())
            partial = self._is_partial(mark)
            attr = None
            if not partial:
                attr = self._attribution_after(mark, para) or self._attribution_before(mark, para)
            elif words <= 8:
                attr = self._attribution_label(mark)
                if attr:
                    out.append(Quote(mark.open, mark.close, "direct", confidence=0.7).attribute(attr))
                continue
            else:
                continue  # a partial quote in reported speech: the indirect pass takes it
            if attr is not None:
                if current is not None and current.speaker == attr.speaker \
                        and attr.cue not in ("added", "adding", "continued") \
                        and self._joins(current.end, mark.open):
                    current.end = mark.close
                    continue
                current = Quote(mark.open, mark.close, "direct", confidence=0.9).attribute(attr)
                if waiting and self._joins(waiting[-1].close, mark.open):
                    current.start = waiting[0].open
                waiting = []
                out.append(current)
            elif current is not None and self._joins(current.end, mark.open) and words >= 2:
                current.end = mark.close
            elif words >= 3:
                waiting.append(mark)
        if not out and waiting and pi > 0 and self.text[para.start] in OPENERS:
            # A paragraph of quotation after 'X said:' closing the paragraph before.
            prev = self.paras[pi - 1]
            start = max(prev.start, prev.end - 250)
            tail = self.text[start:prev.end]
            if tail.rstrip().endswith(":") and (m := COLON_INTRO.search(tail)):
                attr = self._attribution(m, start, "speech verb and colon before the quote",
                                         "" if m.group("cue") else ":")
                if attr:
                    out.append(Quote(waiting[0].open, waiting[-1].close, "direct", confidence=0.8)
                               .attribute(attr))
        return out

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
        for am in ACCORDING_TO.finditer(s):
            if self._in_marks(sent.start + am.start()):
                continue
            attr = self._attribution(am, sent.start, "'according to'", "according to")
            if attr is None:
                continue
            before = s[:am.start()].rstrip(" ,")
            after = s[am.end():].lstrip(" ,").rstrip(" .!?…")
            if len(before.split()) >= 3:
                return [Quote(sent.start, sent.start + len(before), "indirect", confidence=0.7).attribute(attr)]
            if len(after.split()) >= 3:
                start = sent.start + s.index(after, am.end())
                return [Quote(start, start + len(after), "indirect", confidence=0.7).attribute(attr)]
        found: list[Quote] = []
        for cm in CUE_ANYWHERE.finditer(s):
            pos = sent.start + cm.start()
            if self._in_marks(pos) or self._in_quotes(pos, taken, starts) or (found and pos < found[-1].end):
                continue
            q = self._reported_after_cue(sent, cm) or self._reported_before_cue(sent, cm)
            if q is not None and not any((q.start, q.end) == (f.start, f.end) for f in found):
                found.append(q)
        return found

    def _reported_after_cue(self, sent: Span, cm: re.Match) -> Quote | None:
        """'Lavrov said (on Wednesday) (that) Moscow is prepared ...' -> the clause."""
        s = self.text[sent.start:sent.end]
        m = self._subject_before(sent, s, cm)
        if not m:
            return None
        telling = _cue_word(cm.group("cue")) in TELL_CUES.split("|")
        found = (LONG_LEAD.match(s, cm.end()) if telling or PLACE_LEAD.match(s, cm.end()) else None) \
            or (TOLD_LEAD if telling else SAID_LEAD).match(s, cm.end()) or SAID_LEAD.match(s, cm.end())
        if _cue_word(cm.group("cue")) in CLAUSE_NEEDS_THAT and not found.group(0).rstrip().endswith("that"):
            return None
        rest_start = found.end()
        rest = s[rest_start:].rstrip(" .!?…")
        if (second := SECOND_CUE.search(rest)) and len(rest[:second.start()].split()) >= 3:
            rest = rest[:second.start()]  # '... and said ...' reports a second clause
        if len(rest.split()) < 3 or NOT_A_CLAUSE.match(rest):
            return None
        if "," in found.group(0) and AFTER_COMMA_NOT_REPORTED.match(rest):
            return None  # 'X said on Wednesday, as fighters ...': what X said came before the cue
        if telling and re.match(r"(?:an?|the)\s", rest) and len(rest.split()) <= 5:
            return None  # 'told a news conference on Wednesday': whom it was told, not what
        attr = self._attribution(m, sent.start, "reported speech: speaker, speech verb, clause",
                                 _cue_word(cm.group("cue")))
        if attr is None:
            return None
        start = sent.start + rest_start
        return Quote(start, start + len(rest), "indirect", confidence=0.7).attribute(attr)

    def _reported_before_cue(self, sent: Span, cm: re.Match) -> Quote | None:
        """'Moscow is prepared to help, Lavrov said.' -> the clause before the comma."""
        s = self.text[sent.start:sent.end]
        comma = s.rfind(",", 0, cm.start())
        if comma <= 0:
            return None
        # 'Voters "think this guy ...," he said': the comma may sit inside a closing mark.
        tail = s[comma + 1:].lstrip("”\"’'»")
        m = SUBJ_CUE_START.match(tail) or CUE_SUBJ_START.match(tail)
        # After 'X said' only the circumstances may follow: 'from his office in Orlando.'
        if not m or not re.fullmatch(rf"(?:\s+{OBJECT})?{_AFTER_CUE}(?:\s+{_CIRCUMSTANCE})?[\s.!?…”\"]*",
                                     tail[m.end():]):
            return None
        clause = s[:comma].rstrip()
        if len(clause.split()) < 3 or clause.lstrip()[:1] in OPENERS or SUBORDINATE.match(clause):
            return None  # 'Although the senator is gaining ground, X said': not what X said
        attr = self._attribution(m, sent.start + len(s) - len(tail), "reported speech: clause, speaker, speech verb")
        if attr is None:
            return None
        return Quote(sent.start, sent.start + len(clause), "indirect", confidence=0.7).attribute(attr)

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

    # -- all together ----------------------------------------------------------------------
    def extract(self) -> list[Quote]:
        quotes = self._direct_quotes()
        quotes += self._transcript_lines(quotes)
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
        return sorted((q for q in quotes if q.end > q.start), key=lambda q: (q.start, q.end))

    def _trim(self, q: Quote) -> Quote:
        while q.start < q.end and self.text[q.start] in " \t\n,;:—–-":
            q.start += 1
        while q.end > q.start and self.text[q.end - 1] in " \t\n,;:—–-":
            q.end -= 1
        return q


def extract_quotes(text: str) -> list[Quote]:
    return QuoteExtractor(text).extract()
