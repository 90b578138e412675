"""Check-worthiness of sentences in languages the claim model was not trained on.

The model in `factcheck/text/claim_model.json` learned English words; its weights mean nothing
for 'заявил' or 'selon', so they are never applied to other languages. A sentence there is
scored from signals any language shows the same way — numbers, percentages, dates, money, named
bodies (the profile's words for ministries and agencies, and acronyms) — and its reasons say so.
"""

import re

from factcheck.text.languages.profiles import Profile

_NUMBER = re.compile(r"\d|[\u0660-\u0669]")  # Western and Arabic-Indic digits
_BIG_NUMBER = re.compile(r"\d{1,3}(?:[ .,\u00a0]\d{3})+|\d+(?:[.,]\d+)?\s*(?:млн|млрд|тыс|milion|miliona|milijun|"
                         r"milijuna|milliard|millions?|milliards?|Millionen|Milliarden|Mio|Mrd|millones|mil\b|"
                         r"милион|милиона|مليون|مليار|ملايين)", re.I)
_MONEY = re.compile(r"[$€£₽]\s*\d|\d\s*(?:[$€£₽]|евро|рубл|долл|dinar|динар|евра|eura|euros?|dollars?|"
                    r"Euro|dólares|KM\b|kuna|دولار|يورو|دينار|ريال|جنيه)", re.I)
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4})(?!\d)")
_ACRONYM = re.compile(r"(?<!\w)[A-ZА-ЯЂЈЉЊЋЏ]{2,6}(?!\w)")

BASE = 0.1
WEIGHTS = {"number": 0.25, "statistic": 0.2, "date": 0.1, "body": 0.15}
REASONS = {
    "statistic": "contains a statistic", "number": "contains a number", "date": "contains a date",
    "body": "names an official body",
}


def signals(sentence: str, profile: Profile) -> set[str]:
    found = set()
    low = sentence.casefold()
    if _NUMBER.search(sentence):
        found.add("number")
    if _BIG_NUMBER.search(sentence) or _MONEY.search(sentence) \
            or any(w.casefold() in low for w in profile.percent_words):
        found.add("statistic")
    if _YEAR.search(sentence) or _NUMERIC_DATE.search(sentence) \
            or any(m.casefold() in low for m in profile.months):
        found.add("date")
    words = set(re.findall(r"[^\W\d_]+", low))
    if words & profile.body_words or _ACRONYM.search(sentence):
        found.add("body")
    return found


def score(sentence: str, profile: Profile) -> tuple[float, list[str]]:
    """A score in [0, 1] from language-neutral signals, with the reasons behind it."""
    if not sentence.strip():
        return 0.0, []
    found = signals(sentence, profile)
    p = BASE + sum(WEIGHTS[s] for s in found)
    reasons = [f"no trained model for {profile.name}: language-neutral signals only"]
    reasons += [REASONS[s] for s in ("statistic", "number", "date", "body") if s in found]
    if sentence.rstrip().endswith(("?", "؟")):
        p *= 0.5
        reasons.append("question (lowers the score)")
    return round(min(p, 0.95), 4), reasons
