"""How other newsrooms attribute quotes (issue #12, section 2), on sentences written for these
tests. Pure Python: no database."""

import pytest

from factcheck.text.extraction import extract


def quotes(text):
    return [s for s in extract(text) if s.kind == "quote"]


def direct(text):
    return [(q.text, q.speaker) for q in quotes(text) if q.quote_type == "direct"]


def indirect(text):
    return [(q.text, q.speaker) for q in quotes(text) if q.quote_type == "indirect"]


# -- continuation ------------------------------------------------------------------------

def test_a_paragraph_that_is_only_a_quote_continues_the_speaker_before():
    text = ("“We have never seen water this high,” said Fire Chief Marta Quill.\n\n"
            "“Every crew in the county is out tonight.”\n\n"
            "The river crested at noon.")
    got = quotes(text)
    assert [(q.text, q.speaker) for q in got] == [
        ("“We have never seen water this high,”", "Marta Quill"),
        ("“Every crew in the county is out tonight.”", "Marta Quill")]
    assert got[0].utterance == got[1].utterance


def test_a_quote_after_the_speakers_sentence_is_theirs():
    text = ("Economist Priya Raman says there are several reasons for the slump.\n\n"
            "“Rates went up too fast, and households ran out of savings.”")
    assert direct(text) == [("“Rates went up too fast, and households ran out of savings.”", "Priya Raman")]


def test_a_quote_after_the_speakers_sentence_in_the_same_paragraph():
    text = ("Coach Tom Brandt says the team has a plan. “We will press high and run all night.”")
    assert direct(text) == [("“We will press high and run all night.”", "Tom Brandt")]


def test_a_quote_paragraph_after_narration_is_nobodys():
    text = ("The council met on Tuesday to discuss the budget.\n\n"
            "“Sweet Caroline” played as the meeting closed.")
    assert direct(text) == []


# -- attribution forms ---------------------------------------------------------------------

@pytest.mark.parametrize("text,quote,speaker", [
    ("According to Mayor Lena Ortiz, “the bridge will reopen in May.”",
     "“the bridge will reopen in May.”", "Lena Ortiz"),
    ("Lena Ortiz added, “The bridge will reopen in May.”", "“The bridge will reopen in May.”", "Lena Ortiz"),
    ("Lena Ortiz told reporters in Denver on Friday: “The bridge will reopen in May.”",
     "“The bridge will reopen in May.”", "Lena Ortiz"),
    ("Lena Ortiz said in a statement: “The bridge will reopen in May.”",
     "“The bridge will reopen in May.”", "Lena Ortiz"),
    ("«The bridge will reopen in May», Lena Ortiz highlighted.", "«The bridge will reopen in May»", "Lena Ortiz"),
    ("«The bridge will reopen in May», stressed Lena Ortiz.", "«The bridge will reopen in May»", "Lena Ortiz"),
    ("“The bridge will reopen in May,” Lena Ortiz noted on Twitter.",
     "“The bridge will reopen in May,”", "Lena Ortiz"),
    ("“The bridge will reopen in May.” — Lena Ortiz", "“The bridge will reopen in May.”", "Lena Ortiz"),
    ("“The bridge will reopen in May,” Lena Ortiz, the city’s mayor, told the Herald.",
     "“The bridge will reopen in May,”", "Lena Ortiz"),
])
def test_attribution_forms(text, quote, speaker):
    assert direct(text) == [(quote, speaker)]


def test_attribution_inside_the_quote_makes_two_pieces():
    text = "“The real problem, he says, is that nobody fixed the pumps.”"
    text = "Engineer Abel Moss inspected the site.\n\n" + text
    got = [q for q in quotes(text) if q.quote_type == "direct"]
    assert [(q.text, q.speaker) for q in got] == [("“The real problem", "Abel Moss"),
                                                  ("is that nobody fixed the pumps.”", "Abel Moss")]
    assert got[0].utterance == got[1].utterance


def test_he_went_on_inside_the_quote():
    text = ("“We tried everything,” said Ida Marsh. “And then, she went on, the money simply ran out.”")
    assert [t for t, _ in direct(text)] == ["“We tried everything,”", "“And then", "the money simply ran out.”"]
    assert {s for _, s in direct(text)} == {"Ida Marsh"}


def test_x_quoted_y_as_saying():
    text = "Interfax quoted Deputy Minister Oleg Drozd as saying: “The pipeline is safe.”"
    (q,) = quotes(text)
    assert (q.text, q.speaker, q.conduit) == ("“The pipeline is safe.”", "Oleg Drozd", "Interfax")


def test_y_was_quoted_by_z_as_saying():
    text = "Oleg Drozd was quoted by the TASS news agency as saying that the pipeline was safe."
    (q,) = quotes(text)
    assert (q.text, q.speaker, q.quote_type) == ("the pipeline was safe", "Oleg Drozd", "indirect")
    assert q.conduit == "the TASS news agency"


def test_an_agency_passing_a_quote_on_is_the_conduit():
    text = ("Deputy Minister Oleg Drozd spoke at the plant on Monday.\n\n"
            "“The pipeline is safe,” he said, according to Reuters.")
    (q,) = quotes(text)
    assert (q.speaker, q.conduit) == ("Oleg Drozd", "Reuters")


def test_media_reports_are_no_speaker():
    text = "“The pipeline is safe,” the minister said, local media reported."
    (q,) = quotes(text)
    assert q.speaker == "the minister" and q.conduit == "local media"


# -- marks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span", [
    ('“The border is secure," Defense Minister Anna Berg said.', '“The border is secure,"'),
    ('"The border is secure,” Defense Minister Anna Berg said.', '"The border is secure,”'),
    ("»The border is secure«, Defense Minister Anna Berg said.", "»The border is secure«"),
    ("„The border is secure,“ Defense Minister Anna Berg said.", "„The border is secure,“"),
])
def test_mixed_and_borrowed_marks(text, span):
    assert direct(text) == [(span, "Anna Berg")]


def test_an_unclosed_mark_ends_at_its_paragraph():
    text = ("Defense Minister Anna Berg said: “The border is secure and will stay that way\n\n"
            "The ministry did not say how many troops were sent. “We have enough,” Berg said.")
    got = direct(text)
    assert got[0] == ("“The border is secure and will stay that way", "Anna Berg")
    assert got[1] == ("“We have enough,”", "Anna Berg")


# -- reported clauses end at the clause end -------------------------------------------------------

@pytest.mark.parametrize("text,clause", [
    ("Mayor Lena Ortiz said the bridge would reopen in May, saying repairs were ahead of schedule.",
     "the bridge would reopen in May"),
    ("Mayor Lena Ortiz said the bridge would reopen in May, but gave no date for the tunnel.",
     "the bridge would reopen in May"),
    ("Mayor Lena Ortiz said the bridge would reopen in May, cementing her lead in the polls.",
     "the bridge would reopen in May"),
    ("Mayor Lena Ortiz said the bridge would reopen in May. Work began in 2023.",
     "the bridge would reopen in May"),
])
def test_reported_clause_ends_at_the_clause(text, clause):
    assert indirect(text)[0] == (clause, "Lena Ortiz")


# -- not speech --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The bakery added sugar to every loaf sold in the spring.",
    "The company reported profits of $4 billion for the quarter.",
    "The visitors replied with a late goal from the penalty spot.",
    "The goalkeeper denied the visitors a win with a save in the last minute.",
    "Senator Joan Pike asked whether the budget would cover the new bridge.",
    "Senator Joan Pike called on the governor to release the report this week.",
    "Senator Joan Pike urged the governor to release the report this week.",
    "Senator Joan Pike won't say what the budget will cover next year.",
    "Senator Joan Pike did not say whether the budget would cover the bridge.",
    "When you say the budget is balanced, people stop listening to you.",
])
def test_not_speech(text):
    assert quotes(text) == []


def test_teasers_captions_and_bylines_give_no_quotes():
    text = ("By Jane Rowe\n\n"
            "WATCH: “We will not back down,” says protester\n\n"
            "Related reading: “A city under water” and other stories\n\n"
            "Photo: Residents said the water rose overnight. (Jane Rowe/The Herald)\n\n"
            "The storm moved east on Sunday.")
    assert quotes(text) == []


def test_a_dateline_is_no_part_of_the_reported_clause():
    text = "OTTAWA (CP) — The bridge will reopen in May, Mayor Lena Ortiz said on Monday."
    assert indirect(text) == [("The bridge will reopen in May", "Lena Ortiz")]


@pytest.mark.parametrize("text", [
    "According to a report by the audit office, the bridge cost twice its budget.",
    "According to the survey, 40 percent of residents oppose the bridge.",
    "According to government data, unemployment rose to 7 percent in May.",
])
def test_a_report_cited_is_a_claims_source_not_a_speaker(text):
    assert quotes(text) == []


# -- speakers are entities of the article -----------------------------------------------------

def speakers(text):
    return [q.speaker for q in quotes(text)]


def test_an_appositive_name_after_a_description_wins():
    assert speakers("“The border is calm,” a ministry spokesman, Ivan Petrov, said.") == ["Ivan Petrov"]
    assert speakers("“He never came home,” her brother, Tom Okafor, told reporters.") == ["Tom Okafor"]


def test_a_role_description_resolves_to_the_person_with_that_role():
    text = ("Finance Minister Ada Kovac presented the budget on Monday.\n\n"
            "“There will be no new taxes,” the minister said.")
    assert speakers(text) == ["Ada Kovac"]


def test_an_acronym_resolves_to_the_body_it_stands_for():
    text = ("The Lagos Port Authority (LPA) closed two terminals on Friday.\n\n"
            "“The terminals will reopen next week,” LPA said in a statement.")
    assert speakers(text) == ["Lagos Port Authority"]


def test_a_pronoun_takes_the_speaker_of_its_gender():
    text = ("Ms. Ruth Adeyemi met Governor Paul Ekwe on Monday. Adeyemi said the talks went well, "
            "and Ekwe said the budget was agreed.\n\n“We are pleased,” she said.")
    assert [q.speaker for q in quotes(text) if q.quote_type == "direct"] == ["Ruth Adeyemi"]


def test_a_first_name_resolves_to_the_full_name():
    text = ("Striker Maya Lund said the team was tired after the match.\n\n"
            "“We gave everything,” Maya said.")
    assert [q.speaker for q in quotes(text) if q.quote_type == "direct"] == ["Maya Lund"]


@pytest.mark.parametrize("text", [
    "“We will not back down,” Monday said.",
    "“We will not back down,” However said.",
    "“We will not back down,” It said.",
])
def test_never_a_weekday_adverb_or_bare_it(text):
    assert all(s not in ("Monday", "However", "It") for s in speakers(text))


def test_a_body_that_resolves_to_nobody_keeps_its_words():
    assert speakers("“The ban stays,” the interior ministry said.") == ["the interior ministry"]


# -- reported clauses --------------------------------------------------------------------

def test_said_that_opens_a_clause_whatever_its_first_word():
    text = "Mayor Ines Varga said that over the past two winters the shelters had run out of beds."
    assert indirect(text) == [("over the past two winters the shelters had run out of beds", "Ines Varga")]


def test_but_that_continues_the_same_reported_clause():
    text = ("Ada Brenn said that the bridge would reopen in May, "
            "but that the toll would double.")
    assert indirect(text) == [
        ("the bridge would reopen in May, but that the toll would double", "Ada Brenn")]


def test_but_with_a_new_subject_still_ends_the_reported_clause():
    text = "Ada Brenn said the bridge would reopen in May, but engineers doubt it."
    assert indirect(text) == [("the bridge would reopen in May", "Ada Brenn")]


def test_a_clause_that_opens_with_quoted_words_runs_on_in_the_writers_words():
    text = "Coach Lena Ortt says “the season is not over” despite the loss to Harbor City on Friday."
    assert ("“the season is not over” despite the loss to Harbor City on Friday", "Lena Ortt") in indirect(text)


def test_a_quote_that_ends_the_clause_stays_a_direct_quote():
    text = "Coach Lena Ortt said “the season is not over,” and left the room."
    assert indirect(text) == []
    assert direct(text) == [("“the season is not over,”", "Lena Ortt")]
