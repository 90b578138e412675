"""Cues of attribution: the grammar around a verb of saying, as regular expressions.

Two layers. The module-level fragments describe English news grammar that holds whatever
the verbs are: a subject (a name with its titles, a description, a pronoun), an appositive,
what may stand between a verb and what is said ('on Wednesday', 'in a statement'). `Cues`
combines them with one `Lexicon`'s words (verbs of saying and telling, 'according to' forms)
into the compiled patterns the attribution stage matches; `cues_for(lexicon)` compiles each
lexicon once.
"""

import re
from functools import lru_cache

from factcheck.text.lexicon import Lexicon


def alternation(words) -> str:
    """A regex matching any of the words, the longest where several fit, written as a trie
    ('sa(?:id|y(?:ing|s)?)'): Python's engine tries a flat alternation of 150 verbs word by
    word at every position, a trie letter by letter."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return build(trie)


ADVERBS = (r"at\s+the\s+time|continued\s+to|continues\s+to|went\s+on\s+to|goes\s+on\s+to|also|later|previously|then|recently|once|again|has|had|have|would|will|reportedly|"
           r"further|publicly|privately|repeatedly|quickly|flatly|simply|bluntly|separately|"
           r"subsequently|earlier|originally|then|now|often|frequently|told|once|had|never|did|"
           r"does|do|is|was|were|are|has\s+been|have\s+been|still|even|already|just|"
           r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
           r"yesterday|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|"
           # an adverb in -ly, not a name ('Megyn Kelly') nor a noun ("Whitcomb's reply")
           r"(?!(?:reply|family|ally|rally|assembly|supply|anomaly|monopoly|homily|folly|bully)\b)[a-z]\w*ly")
# What may stand between a cue and what is said: an addressee, a medium, a time.
_TIME = (r"(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|"
         r"night))?|today|yesterday|"
         r"tonight|(?:late|early)\s+(?:last|this|next)\s+\w+|(?:late|early)\s+on|last\s+\w+|this\s+\w+|earlier|"
         r"later|recently|at\s+the\s+time|for\s+(?:days|weeks|months|years|decades|a\s+(?:while|long\s+time)))")
# A short noun phrase that ends where the reported clause begins: at a comma or "that".
_PHRASE = r"[\w.’'\-]+(?:\s+[\w.’'\-]+){0,6}?(?=\s*(?:,|\bthat\b))"
AFTER_CUE = (rf"(?:\s+(?:{_TIME}|[a-z]{{3,}}ly(?=\s*[,:])|in\s+an?\s+(?:statement|interview|speech|email|e-mail|letter|"
              rf"tweet|post|op-ed|press\s+release|news\s+conference|press\s+conference|memo|"
              rf"report|video|radio\s+interview|television\s+interview|phone\s+interview)"
              rf"(?:\s+(?:with|to|on|at)\s+{_PHRASE})?|(?:during|at)\s+(?:an?|the)\s+{_PHRASE}|"
              # 'in Denver', 'at a rally in New Hampshire' before a colon or comma
              rf"in\s+[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,2}}(?=\s|[,:])|"
              rf"on\s+(?:Twitter|Facebook|CNN|Fox\s+News|MSNBC|NBC|"
              rf"ABC|CBS|NPR|X|Instagram|television|TV|the\s+radio)))*")
OBJECT = (r"(?:reporters|journalists|supporters|the\s+crowd|the\s+audience|an?\s+(?:crowd|audience|"
          r"rally|reporter|interviewer)|(?:the\s+)?[A-Z][\w.&’'\-]*(?:\s+[A-Z][\w.&’'\-]*){0,4}|"
          r"him|her|them|us|me|you|lawmakers|voters|members|the\s+\w+)")

# A capital in any Latin alphabet: 'Šojgu', 'Ćirić', 'Öztürk'.
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# (whole words: 'le' is no name particle at the start of 'leadership'; 'al-Khatib', 'bin-Salman'
# join theirs with a hyphen)
_PARTICLE_NAME = rf"(?:al|el|ad|as|ash|at|az|bin|ibn|abu|ben)-[{UPPER}][\w’'.\-]*"
NAME_TOKEN = (rf"(?:[{UPPER}][\w’'.\-]*|Mc\w+|{_PARTICLE_NAME}|"
              r"(?:de|da|van|von|bin|al|el|la|le|del|der|di|du|of|the|for|and|on)\b)")
# A name may open with its particle: 'al-Qudaymi said', as English wires write Arabic surnames.
CAP_NP = rf"(?:(?:[{UPPER}][\w’'.\-]*|{_PARTICLE_NAME})(?:\s+{NAME_TOKEN}){{0,9}}(?<![\s,])(?<!\bof)(?<!\bthe)(?<!\band)(?<!\bfor)(?<!\bon))"
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
_LOWER_ROLE = (r"(?:[a-z]+\s+){0,2}(?:member|spokesman|spokeswoman|spokesperson|chief|executive|president|director|"
               r"secretary|leader|chairman|chairwoman|chair|manager|adviser|advisor|aide|official|candidate|"
               r"senator|governor|mayor|minister|representative|strategist|pollster|lawyer|attorney|scientist|"
               r"professor|analyst|economist|expert|researcher|correspondent|reporter|columnist|editor|"
               r"writer|host|anchor|consultant|organizer|organiser|founder|envoy|ambassador|commissioner|"
               r"coach|captain|chancellor|councillor|councilor|negotiator|prosecutor|judge|commander|"
               r"officer|inspector|superintendent|administrator|treasurer|activist|campaigner|head|boss|"
               r"owner|trustee|lawmaker|legislator|delegate|regulator|engineer|doctor|nurse|teacher|master|warden|"
               r"resident|student|worker|volunteer|farmer|parent|shopkeeper|landlord|tenant|pilot|driver|counsel)")
# 'Council member Jo Reyes', 'Priorities spokesman Justin Barasky': a name with a role inside.
NAMED = rf"{CAP_NP}(?:\s+{_LOWER_ROLE}\s+{CAP_NP})?"
# 'O’Malley’s campaign', 'Trump's senior adviser'
# (its nouns are no preposition: "Lumbara's health ministry on Tuesday said")
_NOUN = r"(?!(?:on|in|at|to|by|for|with|from|of|and|or|last|this|late|early)\b)[a-z][\w\-]*"
POSSESSIVE_NP = rf"{CAP_NP}[’']s?\s+(?:{_NOUN}\s+){{0,2}}{_NOUN}"
SUBJECT = rf"(?<![\w’'\-.])(?:{NAMED}|{POSSESSIVE_NP}|{PRONOUN}|{COMMON_NP})"
# "Hasan Sultonov, the Tajik representative to the CSTO," -- a name and its appositive.
_APPOSITIVE_PART = r",\s+(?!and\b|or\b|but\b|who\b|which\b)(?:[\w’'\-.]+\s+){0,20}?[\w’'\-.()]+"
APPOSITIVE = rf"(?:{_APPOSITIVE_PART},)"
# 'Cory James, 22, of Flint, Mich., said': up to three in a row
APPOSITIVE_CHAIN = rf"(?:(?:{_APPOSITIVE_PART}){{1,3}},)"
# After 'said X': ', the Tajik representative to the CSTO' (no closing comma needed)
APPOSITIVE_AFTER = r"(?:,\s+(?:the|a|an|who\s+is)\s+[^,.;:“”\"]{3,120})"
# (and a time: "Lumbara's health ministry on Tuesday said")
_ADV = rf"(?:\s+(?:{ADVERBS}|{_TIME}))*"

# '..., who served as her chief of staff,' between a name and its verb; '(R-Ky.)' after a name.
# (a short term in marks may sit inside: ', who calls the owners “pirates,” said')
# (commas inside it too: ', who addressed journalists in the capital, Voronets, on Wednesday,')
_RELATIVE = r"(?:,\s+(?:who|whose)\s+(?:[^“”\";:.]|[“\"][^“”\"]{1,60}[”\"]){3,160}?(?:,|(?<=,[”\"])))"
_PARTY = r"(?:\s+\([^()]{1,40}\))?"
# Right after a quote nothing but the attribution follows, so a role written in lower case
# may precede the name: 'chief executive Lowell McAdam said', 'said former Gov. Ed Rendell'.
_ROLED_NAME = rf"(?:[a-z][\w’'\-.]*\s+){{1,3}}{NAMED}"
# 'according to a New York Times/CBS News poll released last week': up to the punctuation.
# An abbreviation's full stop does not end the source: 'Rep. Trey Gowdy', 'the U.S. Department'.
_ABBREV_DOT = r"(?:(?<=\b[A-Z])|(?<=\bMr)|(?<=\bMs)|(?<=\bDr)|(?<=\bSt)|(?<=\bJr)|(?<=\bMrs)|(?<=\bRep)|(?<=\bSen)|" \
              r"(?<=\bGov)|(?<=\bGen)|(?<=\bDel)|(?<=\bCol)|(?<=\bSgt))\."
# What runs from a cue to the reported clause: 'said on Wednesday that', 'told reporters'
SAID_LEAD = re.compile(rf"{AFTER_CUE}\s*[,:]?\s*(?:that\s+)?")
TOLD_LEAD = re.compile(rf"\s*{OBJECT}{AFTER_CUE}\s*[,:]?\s*(?:that\s+)?")
# 'told a crowd in Miami on Tuesday that', 'said in a radio interview with WHO-AM that': a
# longer lead than the patterns above know, ended by 'that' before any punctuation.
LONG_LEAD = re.compile(r"(?:\s+[^\s,.;:!?“”\"]+){1,10}?\s+that\s+")
PLACE_LEAD = re.compile(r"\s+(?:in|at|during|on|to|before|after|while|over|with)\s")
# What may follow 'X said' at the end of a sentence: 'from his office in Orlando'.
CIRCUMSTANCE = (r"(?:in|at|on|from|during|to(?!\s+(?:say|tell|add|argue|insist|claim|suggest)\b)|with|after|before|"
                r"while|by|over|for)\b[^,;:“”\"]{1,80}?")
SUBORDINATE = re.compile(r"\s*(?:Although|Though|While|When|If|Because|As|After|Before|Since|Unless|Despite|"
                         r"Whether)\b")
# A cue followed by these introduces no reported clause ('said to be', 'told of'), or by a
# quotation mark, which the direct pass attributes.
NOT_A_CLAUSE = re.compile(r"(?!(?:about|over|up\s+to|around)\s+(?:\d|half|a\s+(?:third|quarter|dozen)|one|two|three|"
                          r"four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|a\s+thousand|a\s+million)\b)"
                          r"(?:to|of|about|for|by|with|without|so|and|or|but|in|on|at|from|into|after|"
                          r"before|during|like|than|up|out|over)\b|[“\"«„‹‚‘]")
AFTER_COMMA_NOT_REPORTED = re.compile(r"(?:as|while|when|after|before|because|although|though|amid|despite|"
                                      r"even|which|who|where|\w+ing)\b")
# 'BOULDUAN: Why not debate?', 'Joe Scarborough: The debate is over.': a line of a transcript.
TRANSCRIPT_LINE = re.compile(r"(?P<subj>[A-Z][A-Z.’'\-]+(?:\s+[A-Z][A-Z.’'\-]+){0,3}"
                             r"|[A-Z][a-z]+(?:\s+[A-Z][\w.’'\-]+){1,3}):[ \t]+(?=\S)")
NOT_A_SPEAKER_LABEL = frozenset("presenter chair chairman chairwoman host interviewer moderator q a "
                                "news more note notes coverage credit credits update updates related source "
                                "sources watch read photo photos video correction editor disclaimer "
                                "advertisement listen transcript summary background".split())
# A sentence that opens with a name and its verb: 'President Barack Obama met ...'.
# 'President Barack Obama', 'Council member Jo Reyes', 'Clinton spokesman Jesse Ferguson'
# ('Sen. Ruth Pembrook (D-S.C.) said': the party and state in brackets are no part of the name)
LEADING_SUBJECT = re.compile(rf"\s*(?P<subj>{NAMED})(?:\s+\([A-Z][\w.\-]{{0,12}}\))?"
                             rf"(?P<appos>,\s+(?:the|a|an|who|whose|[a-z]+ing)\s[^,]{{3,120}},)?"
                             rf"(?:\s+\w+ly)?\s+(?=[a-z])")
# '..., but opposition leader Chukwuemeka Obiora rejected the result and said ...': a clause
# joined to the sentence, and the named subject that opens it.
JOINED_CLAUSE = re.compile(r"(?:,|;)\s+(?:but|while|whereas|yet|and)\s+")
JOINED_SUBJECT = re.compile(rf"(?P<subj>{NAMED}|{_ROLED_NAME})\s+(?=[a-z])")
# A noun phrase these open is a description, never a name: 'One operative inside Trump Tower'.
COUNTED_START = r"The|A|An|One|Another|Some|Several|Many|Most|Both|Two|Three|Four|Five"
# 'The president noted', 'The billionaire businessman began': a few words, then a verb
# (regular, or a common irregular past).
_IRREGULAR_PAST = (r"began|went|took|made|gave|told|spoke|came|met|won|lost|left|held|kept|wrote|sent|ran|"
                   r"stood|got|put|set|led|brought|thought|felt|saw|knew|found|drew|chose|broke|struck|sought")
LEADING_COMMON_SUBJECT = re.compile(rf"\s*(?P<subj>(?:{COUNTED_START}|the|a|an)(?:\s+(?!(?:who|that|which|and)\b)[\w\-’'.]+){{1,8}}?)\s+"
                                    rf"(?=[a-z]+(?:ed|s)\b|(?:{_IRREGULAR_PAST})\b)")
NOT_A_SUBJECT_START = frozenset("Back Beyond Besides Despite Although Though Under Over Among Amid Against Without "
                                "Within Throughout Later Earlier Still Even Also Meanwhile However Instead Indeed "
                                "Once Unlike Like Following Ahead Along Across Around Behind Near Outside Inside "
                                "Through Upon Whether Because Unless "
                                "The A An In On At After Before When While If As But And So Yet For From With "
                                "By During Since Until Last This That These Those It There Here Then Now "
                                "His Her Their Its Our My Your "
                                # 'Hours later, Vasilescu ...': a time, not who
                                "Hours Days Minutes Moments Weeks Months Years".split())
# ', saying, “...”', ', telling the crowd: “...”', 'opened by saying, “...”'
# (or right after an earlier quote's closing mark, its comma inside: 'the “reporter,” saying, “')
PARTICIPLE_INTRO = re.compile(rf"(?:^|,|\bby)\s+(?P<cue>\w+ing)(?:\s+{OBJECT})?\s*[,:]?\s*$")
COORDINATED_INTRO = re.compile(r"\band\s+(?:\w+ly\s+)?(?P<cue>\w+)\s*[,:]\s*$")
# A signature under a quote: '“...” ― Stephanie Egan' (the name, then the paragraph or a bar ends)
DASH_SIGNATURE = re.compile(rf"(?P<subj>{NAMED})(?P<appos>,\s+[^\n“”\"|]{{1,80}})?\s*(?=$|[|\n]|\s[|“\"])")
LONGEST_SENTENCE = 3000  # characters; longer "sentences" are lists or markup, not reported speech
ATTRIBUTION_GAP = 25  # words between two quotes of one speaker that may still join them
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s*$")
# Words a subject match can drag along that belong to the verb phrase.
VERBAL_TAIL = re.compile(
    rf"(?:\s+(?:{ADVERBS}|to|not|who|that|which))+$"
)
# "He's suggesting" -> "He"
CONTRACTED = re.compile(r"^(he|she|it|they|we|i|you)[’'](?:s|re|ve|d|ll|m)$", re.I)
FUNCTION_END = re.compile(r"\b(?:and|or|but|of|to|the|a|an|in|on|at|for|with|that|which|who|as|"
                           r"by|from|than|if|because|while|when|whether|not|nor)$", re.I)
# Where a reported clause ends: not in ', saying ...', ', but ...', ', cementing ...' (a
# participle of the writer's), ', which ...', ', based on ...' (the writer's basis), ', and has
# championed ...' (the speaker's next deed, no subject of its own), nor after a dash that opens
# an aside; ', but that ...' is a second clause of the same speech.
CLAUSE_END = re.compile(
    r",(?P<mark>[”\"’]?)\s+(?:but(?!\s+that\b)|yet|whereas|while|which|who|saying|adding|noting|according\s+to|based\s+on"
    r"|and\s+(?:has\s+|have\s+|had\s+|then\s+|later\s+|also\s+)*[a-z]{3,}ed(?=\s)"
    r"|(?!(?:during|including|nothing|something|anything|everything|bring|spring|thing|morning|evening)\b)"
    r"[a-z]+ing)\b|\s+[—–]\s+"
    r"|:\s*(?=[“\"‘«])")  # 'said he had ordered two more battalions: “...”': the quotation is its own
# '..., who had given everything, and that nobody ...': a second 'that' clause of the same
# speech after an aside, so the aside did not end what was reported.
THAT_CONTINUES = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?that\s")
# 'OTTAWA (CP) — ', 'MOSCOW, July 7 (Reuters) - ', 'SASKELD, 14 November (EANA) - ', and the
# Indian agencies' 'New Delhi, Mar 26 (PTI) ' with no dash: a dateline is no part of what was said
# (its date, read as a figure, would also keep the report from its other renderings).
_DAY_MONTH = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})"
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.’'\- ]{{1,40}}(?:,\s+(?:{_DAY_MONTH}|[A-Z][\w.]*))?\s*(?:\([^()]{{1,30}}\))?\s*[—–-]+\s+"
    rf"|[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){{0,2}},\s+{_DAY_MONTH}\s+\([A-Z][A-Za-z]{{1,10}}\)\s*(?:[—–-]+\s+)?)")
# Teaser lines and captions: 'WATCH: ...', 'Related reading: ...', 'Photo: ...', and a line
# ending in a photo credit '(Jane Rowe/The Herald)'.
NOT_PROSE = re.compile(
    r"^(?:WATCH|LISTEN|READ(?:\s+MORE|\s+ALSO)?|RELATED|MORE|SEE\s+ALSO|ALSO\s+READ|PHOTO|PHOTOS|IMAGE|VIDEO"
    r"|Watch|Listen|Read(?:\s+more|\s+also)?|Related(?:\s+\w+)?|See\s+also|Also\s+read|Photo|Photos|Image"
    r"|Video|Caption|Image\s+caption|Photograph)\s*[:|]"
    r"|\((?:[^()]*(?:Photo|Images?|/)[^()]*)\)\s*$"
    r"|^[^\n]{0,300}\b(?:Photo|Image)\s*(?:credit)?:\s*[^\n]{0,80}$")
# 'the TASS news agency', 'local media', 'media reports': bodies that pass words on.
MEDIA = re.compile(r"\b(?:media|news\s+agency|newspaper|broadcaster|wire\s+service|tabloid|news\s+outlets?"
                   r"|state\s+(?:TV|television|radio)|reports)\b", re.I)


class Cues:
    """The patterns of one lexicon. Names say where a pattern looks: `subj_cue_end` matches a
    subject and verb that end a window ('..., Hasan Sultonov, the Tajik envoy, said'),
    `cue_subj_start` a verb then subject that open one (', said Lavrov')."""

    def __init__(self, lex: Lexicon):
        self.lexicon = lex
        self.speech_verbs = lex.speech_verbs
        self.tell_verbs = lex.tell_verbs
        self.ambiguous_verbs = lex.ambiguous_verbs
        self.clause_needs_that = lex.clause_needs_that
        self.openers = lex.quote_marks
        self.request_verbs = lex.request_verbs
        self.commitment_verbs = lex.commitment_verbs
        self.object_verbs = lex.object_verbs
        self.documents = lex.documents
        self.conduits = lex.conduits
        # A clause follows a verb when a finite verb comes soon: an auxiliary or an unambiguous
        # past anywhere in the next ten words, a participle-like form in the next four.
        self.finite = re.compile(rf"(?:\s+\S+){{0,9}}?\s+(?:{alternation(lex.finite_verbs)})\b"
                                 rf"|(?:\s+\S+){{0,3}}?\s+(?:{alternation(lex.participles)}|[a-z]{{2,}}ed)\b"
                                 # 'he’d support', 'they’re leaving': a pronoun and its contracted verb
                                 rf"|\s+(?i:he|she|they|we|i|you|it)[’'](?:d|ll|s|re|ve|m)\b")
        self.not_said = re.compile(rf"(?:{'|'.join(lex.not_said) or '(?!)'})(?:\s+\w+){{0,2}}?\s*$", re.I)
        # 'the city is adding jobs': the clause's own verb in the progressive, not ', adding that'
        progressive = "".join(rf"(?!(?<=\b{aux}\s)adding\b)" for aux in ("is", "are", "was", "were", "been"))
        cue = progressive + alternation(lex.speech_verbs)
        tell = alternation(lex.tell_verbs)
        # The cue group holds the verb and, for verbs of telling, whom it was told to.
        cue_with_object = rf"(?P<cue>(?:{tell})\b(?:\s+{OBJECT})?|(?:{cue})\b)"
        self.subj_cue_end = re.compile(
            rf"(?P<subj>{SUBJECT}){_PARTY}(?P<appos>{APPOSITIVE_CHAIN}|{_RELATIVE})?{_ADV}\s+{cue_with_object}"
            rf"{AFTER_CUE}\s*$")
        # Never a participle: ', claiming the quarantine violated ...' has no speaker after it.
        self.cue_subj_start = re.compile(
            rf"^\s*(?P<cue>(?!\w+ing\b)(?:{cue}))\s+(?P<subj>{NAMED}|{COMMON_NP}|{_ROLED_NAME})"
            rf"(?P<appos>{APPOSITIVE_AFTER})?")
        self.subj_cue_start = re.compile(
            rf"^\s*(?P<subj>{SUBJECT}|{_ROLED_NAME}){_PARTY}(?P<appos>{APPOSITIVE}|{_RELATIVE})?{_ADV}\s+"
            rf"(?P<cue>{cue})\b")
        # 'according to a New York Times/CBS News poll released last week': up to the punctuation.
        according = "|".join(lex.according_to) or "(?!)"
        self.according_to = re.compile(
            rf"(?:\b(?:{according}))\s+(?P<subj>(?:[^,.;:!?“”\"()\n]|{_ABBREV_DOT}){{2,120}})"
            rf"(?=\s*(?:[,.;:!?“”\"()]|$))")
        self.according_start = re.compile(rf"(?:{according})\s", re.I)
        self.colon_intro = re.compile(rf"(?P<subj>{SUBJECT})(?P<appos>{APPOSITIVE}|{_RELATIVE})?"
                                      rf"(?:{_ADV}\s+{cue_with_object}{AFTER_CUE})?\s*[:,]?\s*$")
        # '... and said ...', '..., Mrs. Schlafly replied ...': a second attribution ends the first clause
        # ('... confusing and called the venture “a mess”': a label verb is a second attribution too)
        self.second_cue = re.compile(rf",?\s+and\s+(?:also\s+)?(?:{cue}|{alternation(lex.label_verbs)})\b"
                                     rf"|,\s+(?:while\s+|whereas\s+|and\s+|but\s+)?(?:{NAMED}|he|she|they)\s+"
                                     rf"(?:{cue})\b")
        # 'Interfax quoted Deputy Minister Oleg Drozd as saying', 'Drozd was quoted by TASS as
        # saying': the person speaks, the outlet passes it on.
        quoted = r"(?:quoted|cited)"
        said = r"as\s+(?P<cue>saying|telling\s+\S+|stating|writing)(?:\s+that)?\s*[:,]?\s*$"
        self.quoted_as = re.compile(
            rf"(?P<conduit>{SUBJECT})\s+{quoted}\s+(?P<subj>{NAMED}|{_ROLED_NAME}|{COMMON_NP}|him|her|them)"
            rf"(?P<appos>{APPOSITIVE})?\s+{said}")
        self.was_quoted = re.compile(
            rf"(?P<subj>{SUBJECT})(?P<appos>{APPOSITIVE_CHAIN})?\s+(?:was|were|is|are|has\s+been|had\s+been)\s+"
            rf"{quoted}\s+(?:by\s+(?P<conduit>[^,.;:“”\"]{{2,60}}?)\s+)?{said}")
        # After a quote's attribution: ', according to Reuters', ', local media reported'
        self.conduit_after = re.compile(
            rf"^\s*,?\s*(?:(?:{according})\s+(?P<a>[^,.;:“”\"]{{2,60}})"
            rf"|(?P<b>(?:[\w-]+\s+){{0,3}}?(?:media|news\s+agency|newspaper|{alternation(lex.conduits)}))\s+"
            rf"(?:reported|reports|said|says|quoted|cited))")
        self.said_of = re.compile(rf"\b(?P<cue>{cue})\s+of\s+[^:.“”\"]{{1,80}}:\s*$")
        self.cue_anywhere = re.compile(rf"\b(?P<cue>{cue})\b")
        # 'Ted Cruz, who says ...', 'McConnell, now the Senate majority leader, who in 2010 said'
        who = (rf"(?P<subj>{NAMED}|(?:[Tt]he|[Aa]n?)\s+(?:[a-z][\w\-]*\s+){{0,2}}[a-z][\w\-]*){_PARTY}"
               rf"(?P<appos>,\s+[^,;:“”\"]{{1,80}})?,\s+(?P<who>who)"
               rf"(?:\s+(?:{ADVERBS}|in\s+\d{{4}}|on\s+\w+))*\s+(?P<cue>{cue})")
        self.who_subject = re.compile(who + "$")
        # '..., from Ruth Okafor, who declared in the union hall, “...”'
        self.who_intro = re.compile(who + r"\b(?:\s+[^,:;“”\"]{1,60})?\s*[:,]\s*$")
        # A subject the name patterns do not know, from the clause's start to its verb:
        # 'Experts on North Korea and nuclear nonproliferation said', 'Some 20 percent of people
        # in a recent poll said'. Checked for verbs before use (see attribution).
        self.bare_subject = re.compile(
            rf"(?:^|(?<=,\s)|(?<=[—–]\s))(?P<subj>(?:[A-Z]|(?:an?|the|some|many|most|two|three)\s)"
            rf"[^,;:“”\"()—–]{{2,120}}?)\s+(?P<cue>{cue})\b")
        # ', but labour specialists say': a plural noun phrase after a conjunction
        self.bare_plural = re.compile(rf"(?<=\bbut\s|\band\s|\byet\s)(?P<subj>(?:[a-z][\w\-]+\s+){{0,2}}"
                                      rf"[a-z][\w\-]+s)\s+(?P<cue>{cue})\b")
        # After the verb of an attribution set off inside its sentence: whom it was told,
        # when or where, then the comma the sentence goes on after.
        self.around_cue_after = re.compile(rf"{AFTER_CUE}\s*,\s+(?!that\b)")
        self.around_told_after = re.compile(rf"\s+{OBJECT}{AFTER_CUE}\s*,\s+(?!that\b)")
        self.cue_at_end = re.compile(rf"\b(?:{cue})\s*$")
        self.label = re.compile(rf"(?<![\w-])(?P<cue>{alternation(lex.label_verbs)})\b")


@lru_cache(maxsize=16)
def cues_for(lex: Lexicon) -> Cues:
    return Cues(lex)
