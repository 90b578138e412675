"""Extraction on real-style news sentences. Pure Python: these tests never touch a database."""

import json

import pytest

from factcheck.text.claims import score
from factcheck.text.extraction import extract
from factcheck.text.sentences import sentences


def quotes(text):
    return [s for s in extract(text) if s.kind == "quote"]


def only_quote(text):
    found = quotes(text)
    assert len(found) == 1, [(q.text, q.speaker) for q in found]
    return found[0]


# -- sentences ---------------------------------------------------------------------------

def test_sentences_respect_abbreviations_and_decimals():
    text = ("Gen. Mark Milley met U.S. officials on Jan. 5 in Washington. Inflation rose 3.5 percent "
            "in the year. Dr. Smith disagreed.")
    got = [text[s.start:s.end] for s in sentences(text)]
    assert got == ["Gen. Mark Milley met U.S. officials on Jan. 5 in Washington.",
                   "Inflation rose 3.5 percent in the year.", "Dr. Smith disagreed."]


def test_a_line_break_ends_a_headline_without_stop():
    text = "Minister quits over contracts\nThe minister resigned on Friday."
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "Minister quits over contracts", "The minister resigned on Friday."]


def test_sentence_ending_inside_quotes():
    text = "“We will win.” The crowd cheered."
    assert [text[s.start:s.end] for s in sentences(text)] == ["“We will win.”", "The crowd cheered."]


# -- direct quotes -----------------------------------------------------------------------

@pytest.mark.parametrize("text,span", [
    ('"The border is secure," Defense Minister Anna Berg said on Monday.', '"The border is secure,"'),
    ("“The border is secure,” Defense Minister Anna Berg said on Monday.", "“The border is secure,”"),
    ("«The border is secure», Defense Minister Anna Berg said on Monday.", "«The border is secure»"),
    ("„The border is secure“, Defense Minister Anna Berg said on Monday.", "„The border is secure“"),
    # typed text mixes straight and curly marks, or closes with an opening one
    ('"The border is secure,” Defense Minister Anna Berg said on Monday.', '"The border is secure,”'),
    ("“The border is secure,“ Defense Minister Anna Berg said on Monday.", "“The border is secure,“"),
])
def test_quote_marks_of_all_kinds(text, span):
    q = only_quote(text)
    assert (q.text, q.quote_type, q.speaker) == (span, "direct", "Anna Berg")


def pieces(text):
    """(text, speaker, utterance) of each direct quote."""
    return [(q.text, q.speaker, q.utterance) for q in quotes(text) if q.quote_type == "direct"]


def test_split_quote_is_two_pieces_of_one_utterance():
    text = "“The situation,” Lavrov said, “is deteriorating rapidly in the north.”"
    assert pieces(text) == [("“The situation,”", "Lavrov", 1),
                            ("“is deteriorating rapidly in the north.”", "Lavrov", 1)]


def test_quotes_following_an_attributed_one_are_its_pieces():
    text = ("“We are ready,” said Mayor Ruth Adeyemi. “The pumps are running. The levees will hold.” "
            "“Nobody should panic.”")
    assert pieces(text) == [("“We are ready,”", "Ruth Adeyemi", 1),
                            ("“The pumps are running. The levees will hold.”", "Ruth Adeyemi", 1),
                            ("“Nobody should panic.”", "Ruth Adeyemi", 1)]


def test_two_speakers_are_two_utterances():
    text = "“We won,” said coach Dan Ives. “They deserved it,” rival coach Mo Salter said."
    assert pieces(text) == [("“We won,”", "Dan Ives", 1), ("“They deserved it,”", "Mo Salter", 2)]


def test_multi_paragraph_quote_reopens_each_paragraph():
    text = ("Senator Jane Okafor said: “We asked for the records in March and were refused.\n\n"
            "“We asked again in June. Nobody answered.”\n\nThe committee meets on Thursday.")
    assert pieces(text) == [("“We asked for the records in March and were refused.", "Jane Okafor", 1),
                            ("“We asked again in June. Nobody answered.”", "Jane Okafor", 1)]


def test_partial_quote_after_described_as():
    text = ("Sergei Lavrov met reporters in Moscow. Lavrov described the Western exit from the country "
            "as a “hasty withdrawal.”")
    q = only_quote(text)
    assert (q.text, q.speaker, q.quote_type) == ("“hasty withdrawal.”", "Sergei Lavrov", "direct")


def test_nested_single_quotes_stay_inside():
    text = "“They kept telling me, ‘Feel the Bern,’ but I never did,” said Mona Lamberson, a voter."
    q = only_quote(text)
    assert q.text == "“They kept telling me, ‘Feel the Bern,’ but I never did,”"
    assert q.speaker == "Mona Lamberson"


@pytest.mark.parametrize("text", [
    "She hosted “Saturday Night Live” twice and read “War and Peace” on the plane.",
    "The so-called “reform” package passed the lower house on a narrow vote.",
])
def test_titles_and_scare_quotes_are_not_quotes(text):
    assert quotes(text) == []


# -- speakers ----------------------------------------------------------------------------

@pytest.mark.parametrize("text,speaker", [
    ("“We are ready,” said Gen. Peter Novak.", "Peter Novak"),
    ("“We are ready,” Peter Novak told Reuters.", "Peter Novak"),
    ("“We are ready,” Peter Novak said in a statement.", "Peter Novak"),
    ("Peter Novak: “We are ready for anything they send.”", "Peter Novak"),
    ("Peter Novak said: “We are ready for anything.”", "Peter Novak"),
    ("“Given the situation, dealing with this challenge on our own seems difficult,” Hasan Sultonov, "
     "the Tajik representative to the CSTO, said on Wednesday.", "Hasan Sultonov"),
    ("“We are ready,” a Pentagon spokesperson said.", "a Pentagon spokesperson"),
    ("“We are ready to act,” the Kremlin said.", "the Kremlin"),
    ("“We are not installing as many as before,” chief executive Lowell Meyer said at a conference.",
     "Lowell Meyer"),
    ("“He is reprising that role,” said former Pennsylvania Gov. Ed Rendell.", "Ed Rendell"),
    ("In a statement on Thursday, campaign spokesman Jesse Fern said, “We oppose any ban.”", "Jesse Fern"),
    ("“It was not a convincing argument,” said one Democrat familiar with the talks.",
     "one Democrat familiar with the talks"),
    ("Senator Ann Cole said of the chairman’s latest request: “The inquiry resolved all of this.”", "Ann Cole"),
    ("“This is crucial for both of them,” said one former party leadership aide.",
     "one former party leadership aide"),
    ("“We will hire more officers,” the mayor of Los Angeles said.", "the mayor of Los Angeles"),
    ("“The talks will resume,” Secretary of State Hillary Clinton said.", "Hillary Clinton"),
    ("“Florida is a battleground,” said Priorities spokesman Justin Barr.", "Justin Barr"),
    ("“There is no job description,” Melanne Verr, who served as the first lady’s chief of staff, told CBS News.",
     "Melanne Verr"),
    ("“He out-did him,” said Montclair State University political scientist Brigid Hart.", "Brigid Hart"),
])
def test_speaker_forms(text, speaker):
    assert only_quote(text).speaker == speaker


def test_title_goes_to_role_and_pronoun_resolves_to_last_person():
    text = ("Russian Foreign Minister Sergei Lavrov said Moscow is prepared to help its ally. "
            "“We’ll do everything to prevent any encroachments against our allies,” he said.")
    direct = [q for q in quotes(text) if q.quote_type == "direct"][0]
    assert direct.speaker == "Sergei Lavrov"
    assert direct.speaker_role == "Russian Foreign Minister"
    assert direct.speaker_as_written == "he"


def test_bare_surname_resolves_to_the_full_name():
    text = ("Angela Merkel spoke first. Then Emmanuel Macron answered.\n\n"
            "“Europe must act together on energy,” Merkel said.")
    assert only_quote(text).speaker == "Angela Merkel"


def test_country_as_speaker():
    q = [q for q in quotes("Russia said it is prepared to activate a military base in Tajikistan.")][0]
    assert (q.speaker, q.quote_type) == ("Russia", "indirect")


# -- reported speech ---------------------------------------------------------------------

@pytest.mark.parametrize("text,span,speaker", [
    ("Mayor Karen Bass said that the city would hire 500 more officers next year.",
     "the city would hire 500 more officers next year", "Karen Bass"),
    ("Mayor Karen Bass warned the budget could not absorb another cut.",
     "the budget could not absorb another cut", "Karen Bass"),
    ("Karen Bass told reporters the budget was balanced for the first time.",
     "the budget was balanced for the first time", "Karen Bass"),
    ("According to the health ministry, 40 people were treated for smoke inhalation.",
     "40 people were treated for smoke inhalation", "the health ministry"),
    ("According to Rep. Trey Gowdy, the inquiry was what brought the emails to light.",
     "the inquiry was what brought the emails to light", "Trey Gowdy"),
    ("The budget was balanced for the first time, Karen Bass said.",
     "The budget was balanced for the first time", "Karen Bass"),
    # a second verb shares the sentence's subject
    ("Governor Maria Lopez toured the flooded district on Monday and said the state would pay for the repairs.",
     "the state would pay for the repairs", "Maria Lopez"),
    ("Senator Anna Berg endorsed the budget on Tuesday, saying that it would protect rural hospitals.",
     "it would protect rural hospitals", "Anna Berg"),
    # a long lead ended by 'that'; a relative 'that' inside the clause is not one
    ("Senator Ruth Ames told a crowd in Miami on Tuesday that voters are angry about the economy.",
     "voters are angry about the economy", "Ruth Ames"),
    ("Mayor Karen Bass said the bridge that collapsed last year would reopen in May.",
     "the bridge that collapsed last year would reopen in May", "Karen Bass"),
    ("The golf clubs are barely making a profit, Mr. Hedge said from his office in Orlando.",
     "The golf clubs are barely making a profit", "Hedge"),
    ("Council member Jo Reyes issued a statement saying the vote had been rigged by the developers.",
     "the vote had been rigged by the developers", "Jo Reyes"),
    ("Bamberg, who is 28, said he decided to support the senator after a long talk.",
     "he decided to support the senator after a long talk", "Bamberg"),
    ("Sen. Mitch McConnell (R-Ky.) said that he did not want to bring up any more legislation.",
     "he did not want to bring up any more legislation", "Mitch McConnell"),
    ("In the poll, 22 percent said they might still change their mind.",
     "they might still change their mind", "22 percent"),
    ("O’Malley’s campaign says it will shift staff from its headquarters to the early states.",
     "it will shift staff from its headquarters to the early states", "O’Malley’s campaign"),
    # partly quoted: the comma before the speaker sits inside the closing mark
    ('Voters "are tired of waiting for the bridge to reopen," Mayor Ellen Park said.',
     'Voters "are tired of waiting for the bridge to reopen', "Ellen Park"),
])
def test_reported_speech_spans(text, span, speaker):
    q = only_quote(text)
    assert (q.text, q.speaker, q.quote_type) == (span, speaker, "indirect")


def test_a_headline_attributes_words_but_is_no_claim():
    text = ("Karen Bass: The City Will Hire 500 More Officers\n\n"
            "Mayor Karen Bass announced the plan on Monday. The council approved $40 million for it in 2023.")
    found = extract(text)
    assert [(s.kind, s.text, s.speaker) for s in found if s.start < text.index("\n")] == [
        ("quote", "The City Will Hire 500 More Officers", "Karen Bass")]
    assert any(s.kind == "claim" and "$40 million" in s.text for s in found)


def test_a_participle_is_no_inverted_attribution():
    # ', claiming X' is not ', said X': X is what was claimed, not who claimed it
    found = quotes("The nurse later sued the state, claiming the quarantine violated her constitutional rights.")
    assert all(q.speaker != "the quarantine violated her constitutional rights" for q in found)


def test_verbs_that_take_objects_report_only_with_that():
    assert quotes("Although the senator is gaining ground, Mayor Ana Ruiz maintains a commanding lead in the polls.") == []
    q = only_quote("Mayor Ana Ruiz maintained that the budget was balanced for the first time.")
    assert (q.text, q.speaker) == ("the budget was balanced for the first time", "Ana Ruiz")
    # ', quoting ...' after the verb is the writer's gloss, not what was said
    assert [q.quote_type for q in quotes("“Not fit to serve,” the senator tweeted, quoting the director’s statement.")] \
        == ["direct"]


def test_two_reported_clauses_in_one_sentence():
    found = quotes("Mayor Karen Bass said the city would hire 500 more officers and said the budget could "
                   "absorb the cost without new taxes.")
    assert [(q.text, q.speaker) for q in found] == [
        ("the city would hire 500 more officers", "Karen Bass"),
        ("the budget could absorb the cost without new taxes", "Karen Bass")]
    found = quotes("Senator Ana Frey said the plan would fail, while Senator Rita Shaw said that the stakes were high.")
    assert [(q.text, q.speaker) for q in found] == [
        ("the plan would fail", "Ana Frey"), ("the stakes were high", "Rita Shaw")]
    found = quotes("When Ms. Ana Frey said the plan would fail, Mrs. Rita Shaw replied that she was pleased to hear it.")
    assert [(q.text, q.speaker) for q in found] == [
        ("the plan would fail", "Ana Frey"), ("she was pleased to hear it", "Rita Shaw")]


def test_participle_before_a_quote_takes_the_sentence_subject():
    q = only_quote("Police Chief Tom Reyes defended the new curfew, saying, “The fewer accidents, the better.”")
    assert (q.text, q.speaker, q.quote_type) == ("“The fewer accidents, the better.”", "Tom Reyes", "direct")
    q = only_quote('Mayor Ann Cole praised the plan, telling CNBC: "I wish every city could do this."')
    assert (q.text, q.speaker) == ('"I wish every city could do this."', "Ann Cole")
    q = only_quote('Governor Tim Walz called on her to resign and said, "Her mind is made up!"')
    assert (q.text, q.speaker) == ('"Her mind is made up!"', "Tim Walz")
    found = quotes("The president noted that he taught law for years, and added: “I know a little about this.”")
    assert [(q.quote_type, q.speaker) for q in found] == [("indirect", "The president"), ("direct", "The president")]


def test_adding_belongs_to_the_speaker_of_the_verb_before_it():
    found = quotes('The young man left as soon as prayers were finished, Imam Farid Nefzi said, adding, '
                   '"He was not very religious."')
    assert [(q.text, q.speaker) for q in found if q.quote_type == "direct"] == [
        ('"He was not very religious."', "Farid Nefzi")]
    found = quotes("Prayers ended early, the imam said, adding that the young man was not very religious.")
    assert [(q.text, q.speaker) for q in found] == [("Prayers ended early", "the imam"),
                                                    ("the young man was not very religious", "the imam")]


def test_a_name_after_a_dash_signs_the_quote():
    q = only_quote("“No sympathy, no preparedness, a real fiasco.” ― Stephanie Egan")
    assert (q.text, q.speaker) == ("“No sympathy, no preparedness, a real fiasco.”", "Stephanie Egan")


def test_quoted_label_after_a_participle_belongs_to_the_sentence_subject():
    q = only_quote("Speaking at a town hall in Salem, New Hampshire, Governor Mark Hale went after his rival, "
                   "calling him “a total stiff.”")
    assert (q.text, q.speaker) == ("“a total stiff.”", "Mark Hale")
    assert quotes("The council backed the so-called “Clean Streets Initiative” on Monday.") == []
    assert quotes("The group is calling on the mayor to “stop the evictions now.”") == []
    assert quotes("A warm-up band called Sophistafunk got the crowd to dance and cheer for “the next mayor.”") == []


def test_transcript_lines_are_the_speakers_words():
    text = ("Jake Tapper interviewed Governor Mary Fallin of Oklahoma on Sunday about the campaign.\n\n"
            "TAPPER: Do you think the candidate has campaigned as a healer?\n\n"
            "FALLIN: I think he is trying to campaign as a healer.\n\n"
            "The Latest: Polls close at 8 p.m. in most of the state.\n\n"
            "EMAIL: newsdesk@example.org")
    assert [(q.text, q.speaker) for q in quotes(text)] == [
        ("Do you think the candidate has campaigned as a healer?", "Jake Tapper"),
        ("I think he is trying to campaign as a healer.", "Mary Fallin")]


def test_a_subject_never_starts_inside_a_word():
    # 'Kh|an' and 'Twenty-f|our' once became the speakers 'an ...' and 'our percent'
    text = ("The senator met Mr. Khan on Friday. Mr. Khan was right to say the plant would close. "
            "Twenty-four percent said they would vote for the mayor again.")
    assert all(not q.speaker.lower().startswith(("an ", "our ")) for q in quotes(text))


# -- claims ------------------------------------------------------------------------------

def test_check_worthy_sentences_score_high_with_reasons():
    p, reasons = score("Tajikistan has activated 20,000 reservists to bolster the border.")
    assert p >= 0.5 and "contains a statistic" in reasons and "past-tense event" in reasons


@pytest.mark.parametrize("sentence", [
    "I think this is a wonderful day for all of us.",
    "What are you going to do about it?",
    "Click here to subscribe to our newsletter.",
    "It is likely that the talks will resume at some point.",
])
def test_opinion_questions_predictions_boilerplate_score_low(sentence):
    assert score(sentence)[0] < 0.5


def test_sample_article_against_seed_gold(sample_text):
    found = extract(sample_text)
    got = {(s.text.strip("“”,. "), s.speaker) for s in found if s.kind == "quote"}
    assert ("hasty withdrawal", "Sergei Lavrov") in got
    speakers = [s.speaker for s in found if s.kind == "quote" and s.quote_type == "direct"]
    assert speakers == ["Hasan Sultonov", "Sergei Lavrov", "Sergei Lavrov", "Sergei Lavrov"]
    assert sum(s.kind == "quote" and s.quote_type == "indirect" for s in found) == 2
    boiler = sample_text.index("Note to readers")
    assert all(s.end <= boiler for s in found)  # nothing from the boilerplate
    claims = [s.text for s in found if s.kind == "claim"]
    assert any(c.startswith("Tajikistan has activated 20,000 reservists") for c in claims)


# -- bad input ---------------------------------------------------------------------------

def spans_ok(text):
    for s in extract(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [
    "", "   ", "\n\n\n", "....!!!???", "“", "”", "« »", "\x00\x01\x02 said \x1b[31m",
    "لافروف قال: «سنفعل كل شيء» في موسكو.",
    "Лавров заявил: «Мы сделаем всё возможное», — сказал он.",
    "He said “ and never closed it. " * 50,
    # borrowed and reversed marks, unbalanced, across paragraphs, inside-quote cues at the edges
    "»« »«\n\n«»«»", "“, he said, ”", "“A, he said,", "“\n\n“\n\n“, she said.", "\"\"\"\"\"",
    "„Mixed” «scripts» Лавров said: “да”, قال 'yes'", "\u202e“reversed,” he said\u202c",
    "WATCH:", "(Photo/AP)", "OTTAWA (CP) —", "According to", "quoted as saying:",
    "“" + "word, he says, " * 2000 + "”",
])
def test_bad_input_never_crashes_or_leaves_the_text(text):
    spans_ok(text)


def test_a_sentence_without_end_is_not_read_for_reported_speech():
    # 240 KB of "X, a, b, ... said" with no full stop: no prose, and reading it cue by cue was quadratic
    text = "Smith, a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p said " * 4000
    assert not any(s.kind == "quote" for s in extract(text))
    spans_ok(text)


def test_unclosed_quote_does_not_swallow_the_article():
    text = ("“The talks failed, the minister said on Monday.\n\n"
            + "The economy grew 2 percent in 2021, the statistics office said. " * 20)
    found = extract(text)
    first_para_end = text.index("\n\n")
    assert all(not (s.start < first_para_end < s.end) for s in found)
    assert any(s.kind == "quote" and s.start > first_para_end for s in found)


def test_many_marks_and_cues_stay_in_the_text():
    text = "“A,” he said, “b, she says, c.” “D.” — Ann Lee\n\n“E" * 20000
    spans_ok(text)


def test_five_megabyte_article():
    para = ("“Prices rose 4 percent,” the central bank said on Tuesday. Officials said the "
            "government would publish the figures in March, according to the ministry.\n\n")
    text = para * (5_000_000 // len(para))
    found = extract(text)
    assert len(found) > 10_000
    assert found[-1].end <= len(text)


# -- the command -------------------------------------------------------------------------

def test_extract_statements_command_without_a_database(tmp_path):
    from django.core.management import call_command

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a1", "text": "“We are ready,” Peter Novak said. The army has 3,000 tanks."})
                   + "\nnot json\n" + json.dumps({"id": "a2", "text": ""}) + "\n")
    out = tmp_path / "out.jsonl"
    call_command("extract_statements", "--input", str(src), "--output", str(out), verbosity=0)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    first = rows[0]["statements"]
    quote = next(s for s in first if s["kind"] == "quote")
    assert quote["speaker"] == "Peter Novak" and quote["quote_type"] == "direct"
    assert set(quote) >= {"kind", "quote_type", "start", "end", "text", "speaker", "cue", "score", "reasons"}
    assert any(s["kind"] == "claim" for s in first)
    assert rows[1]["statements"] == []
