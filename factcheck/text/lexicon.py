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
        reiterated reiterates affirmed affirms""") | {"went on", "goes on"},
    tell_verbs=_words("told tells tell telling assured reminded"),
    label_verbs=_words("described describes describing called calls calling dubbed dubs labeled "
                       "labelled branded"),
    ambiguous_verbs=_words("states notes claims reports promises vows counters hints posts indicates "
                           "reveals believes thinks claim suggest argue highlights underlines"),
    clause_needs_that=_words("maintains maintained continued continues agreed agrees revealed "
                             "indicated testified posted highlighted highlights underlined "
                             "underlines underscored underscores") | {"went on", "goes on"},
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
