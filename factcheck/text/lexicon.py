"""What a language contributes to quote extraction, as data.

The stages after sentence splitting read their words from a `Lexicon`: which marks open and
close a quotation, the verbs of saying, the forms of "according to", pronouns and their
gender, titles. `ENGLISH` is the house default; a module for another language builds its own
`Lexicon` (or `ENGLISH.extended(...)` for English copy that borrows marks) and hands it to
`factcheck.text.attribution.QuoteExtractor(text, lexicon=...)`. Regular expressions are
compiled once per lexicon (see `factcheck.text.cues.cues_for`).
"""

from dataclasses import dataclass, field, replace


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Lexicon:
    code: str
    # Opening mark -> the marks that may close it. Typed text mixes straight and curly marks
    # ('"We won,”'), so either closes the other; English copy also borrows «» „“ »«.
    quote_marks: dict[str, str]
    # Verbs of saying and writing, in the forms news uses.
    speech_verbs: frozenset[str]
    # Verbs that report to someone: 'told reporters', 'assured him'.
    tell_verbs: frozenset[str]
    # Verbs that label: 'described the exit as a “hasty withdrawal”'.
    label_verbs: frozenset[str]
    # Present-tense forms that are as often plural nouns ('four states are members'): cues
    # only when a clause follows with 'that'.
    ambiguous_verbs: frozenset[str] = frozenset()
    # Verbs that report a clause only with 'that'; otherwise they take an object ('maintains a
    # commanding lead'). After a quote they attribute it as any cue does.
    clause_needs_that: frozenset[str] = frozenset()
    # Verbs of asking and requesting: they attribute quoted words ('“Why?” she asked') but
    # report no statement ('asked whether ...', 'urged the governor to ...').
    request_verbs: frozenset[str] = frozenset()
    # Verbs of commitment that report with an infinitive: 'vowed to fight on'.
    commitment_verbs: frozenset[str] = frozenset()
    # Verbs with other senses that take an object ('added sugar', 'reported profits',
    # 'denied the visitors a win'): they report only a clause ('that', or a verb in it).
    object_verbs: frozenset[str] = frozenset()
    # Finite verb forms that show a clause follows a cue without 'that' (besides '-ed').
    finite_verbs: frozenset[str] = frozenset()
    participles: frozenset[str] = frozenset()
    # Words of negation and hypothesis before a cue: no speech happened ('won't say',
    # 'did not say', 'when you say'), as regular-expression fragments ending at the cue.
    not_said: tuple[str, ...] = ()
    # Documents cited as the source of a claim ('according to the survey'), not speakers.
    documents: frozenset[str] = frozenset()
    # News agencies and media that pass a quote on: the conduit, never the speaker.
    conduits: frozenset[str] = frozenset()
    # 'according to X' and its kin, as regular-expression fragments.
    according_to: tuple[str, ...] = ()
    # Pronouns that stand for one person, with the gender they show.
    person_pronouns: dict[str, str] = field(default_factory=dict)
    group_pronouns: frozenset[str] = frozenset()
    female_titles: frozenset[str] = frozenset()
    male_titles: frozenset[str] = frozenset()
    # Capitalised words that start a clause but never a name: weekdays, adverbs, pronouns.
    not_names: frozenset[str] = frozenset()

    def extended(self, **more) -> "Lexicon":
        """This lexicon with more words: sets and dicts are merged, tuples appended."""
        changes = {}
        for key, value in more.items():
            old = getattr(self, key)
            if isinstance(old, dict):
                changes[key] = {**old, **value}
            elif isinstance(old, tuple):
                changes[key] = old + tuple(value)
            else:
                changes[key] = old | frozenset(value)
        return replace(self, **changes)

    def __hash__(self) -> int:  # lexicons are compared by identity: one compiled set each
        return id(self)

    def __eq__(self, other) -> bool:
        return self is other


WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

ENGLISH = Lexicon(
    code="en",
    quote_marks={"“": "”\"", "«": "»", "»": "«", "„": "“”", "‹": "›", '"': '"”', "‘": "’", "‚": "‘’"},
    speech_verbs=_words("""
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
        believes believed thinks hinted hints indicated indicates revealed reveals disclosed
        agreed agrees highlighted highlights underlined underlines underscored underscores
        reiterated reiterates affirmed affirms""") | {"went on", "goes on", "pointed out", "points out",
                                                       "point out", "pointing out"},
    tell_verbs=_words("told tells tell telling assured reminded"),
    label_verbs=_words("described describes describing called calls calling dubbed dubs labeled "
                       "labelled branded"),
    ambiguous_verbs=_words("states notes claims reports promises vows counters hints posts indicates "
                           "reveals believes thinks claim suggest argue highlights underlines"),
    clause_needs_that=_words("maintains maintained continued continues agreed agrees revealed "
                             "indicated testified posted highlighted highlights underlined "
                             "underlines underscored underscores") | {"went on", "goes on", "pointed out",
                                                                     "points out", "point out", "pointing out"},
    request_verbs=_words("asked asks ask asking urged urges urge urging called calls calling demanded "
                         "demands pleaded pleads begged wondered wonders questioned"),
    commitment_verbs=_words("vowed vows pledged pledges promised promises threatened threatens "
                            "vowing pledging promising threatening"),
    object_verbs=_words("added adds reported reports replied replies responded denied denies claimed declared declares "
                        "claims told tells tell telling"),
    finite_verbs=_words("""is are was were be been will would could should can may might must shall
        has have had do does did isn't aren't wasn't weren't won't wouldn't couldn't shouldn't can't
        cannot hasn't haven't hadn't doesn't didn't rose fell grew won lost came went saw got gave knew
        ran became began stood sat slept spoke sank lay rang quit"""),
    # Past forms that are as often participles after a noun ('every loaf sold'): they show a
    # clause only close to the verb of saying, as '-ed' forms do.
    participles=_words("""sold made held built left put set hit hurt found kept paid sent spent brought
        bought told thought led meant understood shut spread struck taught threw wore wrote broke
        chose drove forgot hid shot shook stole swore said met"""),
    not_said=(r"\bnot", r"n[’']t", r"\bnever", r"\b(?:refused|declined|refuses|declines|fails?|failed)\s+to",
              r"\b(?:when|if|whenever|unless|once|before)\s+(?:you|I|we|they|he|she|one|people|someone)"),
    documents=_words("""report reports survey surveys poll polls study studies data figures statistics
        census estimate estimates analysis research records documents document filing filings
        audit review index ranking forecast forecasts projections calculations tally count
        spreadsheet paper papers memo letter"""),
    conduits=_words("""Reuters AP AFP TASS Interfax RIA Xinhua Bloomberg dpa DPA ANSA EFE Anadolu Kyodo
        Yonhap PTI IANS Sputnik IRNA SANA WAFA MENA Tanjug Beta FENA HINA UNB BNA Ukrinform
        Novosti Agence-France-Presse"""),
    according_to=(r"[Aa]ccording\s+to",),
    person_pronouns={"he": "m", "she": "f", "him": "m", "her": "f"},
    group_pronouns=_words("they we it i you"),
    female_titles=_words("mrs mrs. ms ms. miss madam queen princess lady spokeswoman congresswoman "
                         "chairwoman"),
    male_titles=_words("mr mr. king prince sir lord spokesman congressman chairman"),
    not_names=WEEKDAYS | _words("""but and yet so still however meanwhile then now in on at when
        while after before if as also earlier later last this that these those there here his her
        their its our my your despite although though because since until asked speaking instead
        indeed moreover furthermore nevertheless nonetheless today yesterday tomorrow the a an for
        with by from to of it"""),
)
