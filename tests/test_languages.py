"""Articles in other languages: detection, quotes with their speakers, transliteration, claims
from language-neutral signals, and bad input. Sentences written for these tests. Pure Python."""

import random

import pytest

from factcheck.text.extraction import extract
from factcheck.text.languages.attribution import extract_quotes, split_sentences
from factcheck.text.languages.claims import score as neutral_score
from factcheck.text.languages.detect import detect
from factcheck.text.languages.profiles import PROFILES
from factcheck.text.languages.transliterate import skeleton, to_latin


def quotes(text, code=None):
    found = [s for s in extract(text, language=code) if s.kind == "quote"]
    return [(s.quote_type, s.text, s.speaker) for s in found]


# -- detection ---------------------------------------------------------------------------

@pytest.mark.parametrize("code,text", [
    ("en", "The council said on Monday that the new library would open in the spring."),
    ("ru", "Министр сказал, что новая больница откроется весной, и добавил, что денег хватит."),
    ("sr", "Министар је рекао да ће нова болница бити отворена на пролеће."),
    ("sr", "Ministar je rekao da će nova bolnica biti otvorena na proleće, posle dugog čekanja."),
    ("hr", "Ministrica je kazala da će nova bolnica biti otvorena tijekom proljeća, poslije dugog čekanja."),
    ("bs", "Ministar je rekao da će nova bolnica biti otvorena u proljeće, a koštat će 20 miliona."),
    ("ar", "قال الوزير إن المستشفى الجديد سيفتتح في الربيع."),
    ("fr", "Le ministre a déclaré que le nouvel hôpital ouvrira au printemps et que les travaux sont finis."),
    ("de", "Der Minister sagte, das neue Krankenhaus werde im Frühjahr eröffnet, und die Arbeiten seien fertig."),
    ("es", "El ministro dijo que el nuevo hospital abrirá en primavera y que las obras están terminadas."),
    ("uk", "Міністр сказав, що нова лікарня відкриється навесні, і це їхнє рішення."),
])
def test_language_is_detected_from_letters_and_common_words(code, text):
    assert detect(text) == code


@pytest.mark.parametrize("text", ["", "   ", "12 345 678", "!!!", "\x00\x01\x02"])
def test_text_without_letters_is_undetermined(text):
    assert detect(text) == "und"


# -- Russian -------------------------------------------------------------------------------

def test_russian_quote_with_the_verb_after_it_and_a_pronoun_later():
    text = ("Директор завода Андрей Соколов выступил на собрании.\n\n"
            "«Мы откроем второй цех уже в мае», — сказал Соколов.\n\n"
            "«Работы хватит всем», — добавил он.")
    assert quotes(text) == [
        ("direct", "Мы откроем второй цех уже в мае", "Андрей Соколов"),
        ("direct", "Работы хватит всем", "Андрей Соколов"),
    ]


def test_russian_interrupted_quote_is_two_pieces_of_one_utterance():
    text = "Глава района Нина Орлова приехала на стройку.\n\n«Школа будет готова к сентябрю, — заявила Орлова. — Мы проверим каждый класс»."
    found = [s for s in extract(text) if s.kind == "quote"]
    assert [(s.text, s.speaker) for s in found] == [
        ("Школа будет готова к сентябрю", "Нина Орлова"), ("Мы проверим каждый класс", "Нина Орлова")]
    assert found[0].utterance == found[1].utterance is not None


def test_russian_according_to_in_the_genitive_reaches_the_nominative_name():
    text = ("По словам министра финансов Анны Беловой, дефицит бюджета сократится вдвое.\n\n"
            "«Мы не будем повышать налоги», — подчеркнула Белова.")
    assert quotes(text) == [
        ("indirect", "дефицит бюджета сократится вдвое", "Анна Белова"),
        ("direct", "Мы не будем повышать налоги", "Анна Белова"),
    ]


def test_russian_reported_clause_and_a_scare_quote_that_is_no_quote():
    text = "Мэр Казани Олег Русланов заявил, что метро продлят на две станции. Он назвал проект «стройкой века»."
    assert quotes(text) == [("indirect", "метро продлят на две станции", "Олег Русланов")]


def test_russian_description_resolves_to_the_person_with_that_role():
    text = ("Губернатор края Виктор Панин посетил больницу.\n\n"
            "«Новое отделение откроется в марте», — сообщил губернатор.")
    assert quotes(text) == [("direct", "Новое отделение откроется в марте", "Виктор Панин")]


# -- Serbian, Croatian, Bosnian ------------------------------------------------------------------

# A foreign minister is "the top diplomat", "глава МИД", "šef diplomatije", "الوزير" once named:
# each language's epithets find the person named before, never a body or another person.
@pytest.mark.parametrize("text,code", [
    ("Министр иностранных дел России Олег Воронцов провел переговоры в Минске.\n\n"
     "«Мы сделаем все, чтобы защитить наших союзников», — заявил глава МИД РФ журналистам.\n\n"
     "«Никто не должен испытывать нашу решимость», — добавил глава российской дипломатии.", "ru"),
    ("Ministar spoljnih poslova Rusije Oleg Voroncov razgovarao je u Minsku.\n\n"
     "„Učinićemo sve da zaštitimo naše saveznike“, rekao je šef ruske diplomatije.\n\n"
     "„Niko ne treba da testira našu odlučnost“, dodao je ruski ministar.", "sr"),
    ("أجرى وزير الخارجية الروسي أوليغ فورونتسوف محادثات في مينسك.\n\n"
     "وقال الوزير الروسي للصحفيين: «سنفعل كل شيء لمنع أي عدوان على حلفائنا».\n\n"
     "وأضاف رئيس الدبلوماسية الروسية: «لا ينبغي لأحد أن يختبر عزيمتنا».", "ar"),
    ("Oleg Vorontsov, Russia's foreign minister, met his counterpart in Minsk.\n\n"
     "\"We will do everything to protect our allies,\" Russia's top diplomat told reporters.\n\n"
     "\"Nobody should test our resolve,\" the Russian foreign minister added.", "en"),
])
def test_epithets_of_a_minister_find_the_minister(text, code):
    found = quotes(text, code)
    assert len(found) == 2
    assert {speaker for *_, speaker in found} == {
        {"ru": "Олег Воронцов", "sr": "Oleg Voroncov", "ar": "أوليغ فورونتسوف", "en": "Oleg Vorontsov"}[code]}


def test_names_with_balkan_letters_and_hyphenated_particles_are_whole_names():
    text = ("Serbian Foreign Minister Branimir Vučetić spoke in Belgrade.\n\n"
            "\"Every day of the ban costs our shipowners dearly,\" the minister said.\n\n"
            "\"Thousands of families are now sleeping in the open,\" said Youssef al-Khatib, the UN's "
            "humanitarian coordinator in the region.")
    assert [speaker for *_, speaker in quotes(text, "en")] == ["Branimir Vučetić", "Youssef al-Khatib"]


def test_a_body_by_its_initials_in_a_subtitle_is_nobody_its_head_is_the_minister():
    text = ("Глава МИД России пригрозил ответными мерами\n\n"
            "МОСКВА, 14 октября. Министр иностранных дел России Дмитрий Ярцев потребовал освободить экипаж.\n\n"
            "«Наши рыбаки должны вернуться домой», — добавил глава МИД.")
    assert quotes(text, "ru")[-1][2] == "Дмитрий Ярцев"


def test_an_arabic_name_after_a_title_ends_at_the_comma():
    text = ("موسكو - طالب وزير الخارجية الروسي ديمتري يارتسيف، اليوم الاثنين، سلطات تالفينيا بالإفراج عن الطاقم.\n\n"
            "وأكد الوزير الروسي أن موسكو لا تريد التصعيد.")
    assert quotes(text, "ar")[-1][2] == "ديمتري يارتسيف"


def test_a_place_after_a_preposition_is_no_person_a_coordinator_is_a_role():
    text = ("Koordinator UN za humanitarna pitanja Jusef al Hatib upozorio je da je kamp prenaseljen.\n\n"
            "„Kamp je izgrađen za 20.000 ljudi“, izjavio je al Hatib novinarima u Ras Harunu.\n\n"
            "„Zahvalni smo donatorima“, rekao je on.\n\n"
            "„Pomoć stiže presporo“, naveo je koordinator UN.")
    speakers = [speaker for *_, speaker in quotes(text, "sr")]
    assert speakers[-3:] == ["Jusef al Hatib"] * 3


def test_an_arabic_name_with_its_article_joined_in_cyrillic():
    text = ("Координатор ООН по гуманитарным вопросам Юсеф аль-Хатиб призвал доноров выделить средства.\n\n"
            "«Нам нужно 18 миллионов долларов в ближайшие две недели», — заявил аль-Хатиб журналистам.\n\n"
            "По словам аль-Хатиба, лагерь рассчитан на 20 тысяч человек.")
    assert [(t, s) for t, _, s in quotes(text, "ru")] == [("direct", "Юсеф аль-Хатиб"), ("indirect", "Юсеф аль-Хатиб")]


def test_an_arabic_role_of_a_body_then_the_name():
    text = ("أكد منسق الشؤون الإنسانية للأمم المتحدة يوسف الخطيب أن الأمم المتحدة بحاجة إلى 18 مليون دولار.\n\n"
            "وقال العبيدي للصحفيين إن الطرق أعيد فتحها.")
    assert [s for *_, s in quotes(text, "ar")] == ["يوسف الخطيب", "العبيدي"]


def test_an_arabic_title_with_a_name_after_it_is_that_person_not_the_one_before():
    text = ("قال وزير الخارجية سامي العبيدي إن المحادثات ستستأنف.\n\n"
            "من جهته، قال السفير فؤاد حداد: «هناك تقدم حقيقي في ملف المياه».")
    assert quotes(text, "ar")[-1][2] == "فؤاد حداد"


def test_a_quote_read_as_according_to_and_as_a_quote_is_one_statement():
    text = ("Министр иностранных дел России Олег Воронцов провел переговоры.\n\n"
            "Как отметил дипломат, «никто не должен нас испытывать».")
    assert [(t, s) for t, _, s in quotes(text, "ru")] == [("direct", "Олег Воронцов")]


def test_a_persons_press_secretary_is_not_that_person():
    text = ("Defense Secretary Ash Carter spoke on Monday.\n\n"
            "\"We will review the policy,\" Carter's press secretary said.")
    assert quotes(text)[-1][2] != "Ash Carter"


def test_serbian_latin_verb_with_auxiliary_after_the_quote():
    text = "„Most će biti završen do leta“, rekao je gradonačelnik Petar Nikolić."
    assert quotes(text) == [("direct", "Most će biti završen do leta", "Petar Nikolić")]


def test_serbian_cyrillic_quote_before_and_reported_speech():
    text = ("Министарка просвете Ана Јовић изјавила је да ће школе добити нове рачунаре.\n\n"
            "Јовић је рекла: „Ово је тек први корак.“")
    assert quotes(text) == [
        ("indirect", "ће школе добити нове рачунаре", "Ана Јовић"),
        ("direct", "Ово је тек први корак.", "Ана Јовић"),
    ]


def test_croatian_guillemets_the_other_way_round_and_a_genitive_surname():
    text = ("Ravnatelj bolnice Ivo Perić kazao je da su liste čekanja kraće.\n\n"
            "»Primili smo dvadeset novih liječnika«, rekao je Perić.\n\n"
            "Prema riječima Perića, nova zgrada bit će gotova iduće godine.")
    assert quotes(text) == [
        ("indirect", "su liste čekanja kraće", "Ivo Perić"),
        ("direct", "Primili smo dvadeset novih liječnika", "Ivo Perić"),
        ("indirect", "nova zgrada bit će gotova iduće godine", "Ivo Perić"),
    ]


def test_serbian_feminine_verb_without_subject_takes_the_last_woman():
    text = ("Direktorka Jelena Ilić i ministar Marko Savić obišli su fabriku.\n\n"
            "„Proizvodnja raste iz meseca u mesec“, rekla je.")
    assert quotes(text, "sr") == [("direct", "Proizvodnja raste iz meseca u mesec", "Jelena Ilić")]


# -- Arabic ----------------------------------------------------------------------------------

def test_arabic_verb_first_with_the_title_before_the_name():
    text = "قال وزير النقل خالد الرفاعي: «سننتهي من الطريق الجديد قبل نهاية العام»."
    assert quotes(text) == [("direct", "سننتهي من الطريق الجديد قبل نهاية العام", "خالد الرفاعي")]


def test_arabic_feminine_verb_without_subject_and_reported_clause():
    text = ("أكدت مديرة المدرسة سلمى يوسف أن الدراسة ستبدأ في موعدها.\n\n"
            "وأضافت: «الصفوف الجديدة جاهزة لاستقبال الطلاب».")
    assert quotes(text) == [
        ("indirect", "الدراسة ستبدأ في موعدها", "سلمى يوسف"),
        ("direct", "الصفوف الجديدة جاهزة لاستقبال الطلاب", "سلمى يوسف"),
    ]


def test_arabic_according_to_joined_to_its_source():
    text = "ووفقا للوزارة، ارتفع عدد السياح بنسبة 15 في المئة هذا العام."
    # 'لل' is the preposition 'ل' on the article 'ال': the source is 'الوزارة'
    assert quotes(text) == [("indirect", "ارتفع عدد السياح بنسبة 15 في المئة هذا العام", "الوزارة")]


# -- French ------------------------------------------------------------------------------------

def test_french_inverted_pronoun_and_guillemets_with_spaces():
    text = ("La maire de Lyon, Claire Fontaine, a inauguré le pont.\n\n"
            "« Ce pont relie enfin les deux rives », a-t-elle déclaré.")
    assert quotes(text) == [("direct", "Ce pont relie enfin les deux rives", "Claire Fontaine")]


def test_french_attribution_inside_the_guillemets_and_selon():
    text = ("« Nous avons tenu nos promesses, dit-il, et nous continuerons. » Le ministre Paul Girard "
            "répondait aux députés.\n\nSelon M. Girard, le chômage a baissé de 2 %.")
    got = quotes(text)
    assert ("indirect", "le chômage a baissé de 2 %", "Paul Girard") in got


def test_french_name_after_a_description_wins():
    text = "« Les caisses sont vides », a affirmé le président du conseil régional, Marc Lefèvre."
    assert quotes(text) == [("direct", "Les caisses sont vides", "Marc Lefèvre")]


# -- German --------------------------------------------------------------------------------------

def test_german_low_high_marks_and_a_title_noun_before_the_name():
    text = "„Die Brücke ist sicher“, sagte Bürgermeisterin Eva Schulte am Mittwoch."
    assert quotes(text) == [("direct", "Die Brücke ist sicher", "Eva Schulte")]


def test_german_separable_verb_and_so_after_the_quote():
    text = ("Verkehrsminister Jonas Albrecht stellte den Plan vor.\n\n"
            "„Wir bauen zuerst die Radwege“, fügte er hinzu.\n\n"
            "„Das kostet 40 Millionen Euro“, so Albrecht.")
    assert quotes(text) == [
        ("direct", "Wir bauen zuerst die Radwege", "Jonas Albrecht"),
        ("direct", "Das kostet 40 Millionen Euro", "Jonas Albrecht"),
    ]


def test_german_reported_speech_without_dass():
    text = "Gesundheitsministerin Lena Vogel sagte, die Kliniken bekämen mehr Personal."
    assert quotes(text) == [("indirect", "die Kliniken bekämen mehr Personal", "Lena Vogel")]


# -- Spanish ---------------------------------------------------------------------------------------

def test_spanish_pro_drop_verb_takes_the_speaker_of_the_paragraph_before():
    text = ("«El agua llegará a todos los barrios», dijo el alcalde Tomás Rivera.\n\n"
            "«Lo prometimos y lo cumpliremos», añadió.")
    assert quotes(text) == [
        ("direct", "El agua llegará a todos los barrios", "Tomás Rivera"),
        ("direct", "Lo prometimos y lo cumpliremos", "Tomás Rivera"),
    ]


def test_spanish_segun_with_a_role_description():
    text = ("La consejera de Sanidad, Marta Gil, visitó el hospital. Según la consejera, "
            "las listas de espera bajaron un 10 %.")
    assert quotes(text) == [("indirect", "las listas de espera bajaron un 10 %", "Marta Gil")]


def test_spanish_dashes_inside_the_quote():
    text = "«Vamos a ganar —aseguró el entrenador Luis Prado—, pero necesitamos a la afición»."
    got = quotes(text)
    assert [g[2] for g in got] == ["Luis Prado", "Luis Prado"]
    assert [g[1] for g in got] == ["Vamos a ganar", "pero necesitamos a la afición"]


# -- not speech ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Фото: пресс-служба мэрии",
    "Le film « La Belle Saison » sort mercredi en salles.",
    "Der Roman „Die Stadt“ erscheint im Herbst.",
    "Fotografija: Ivan Marić / Novinska agencija",
])
def test_captions_and_titles_are_not_quotes(text):
    assert quotes(text) == []


def test_a_headline_quote_is_left_to_the_body():
    text = "Министр: «Цены вырастут»\n\nМинистр экономики Олег Ветров заявил, что цены вырастут на 5%."
    assert quotes(text) == [("indirect", "цены вырастут на 5%", "Олег Ветров")]


# -- transliteration ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written,latin", [
    ("Лавров", "Lavrov"), ("Сергей Лавров", "Sergey Lavrov"), ("Мария Захарова", "Mariya Zakharova"),
    ("Милан Ђурић", "Milan Đurić"), ("Јелена Петровић", "Jelena Petrović"), ("Лавров", "Lavrov"),
])
def test_cyrillic_names_in_latin_letters(written, latin):
    assert to_latin(written) == latin


def test_arabic_names_compare_by_their_consonants():
    assert to_latin("عمر الخطيب").startswith("A")
    assert skeleton("الحسيني") == skeleton("al-Husseini") == skeleton("El Hussaini")
    assert skeleton("كريم") == skeleton("Karim")


# -- claims -------------------------------------------------------------------------------------------

def test_claims_in_other_languages_use_language_neutral_signals_and_say_so():
    text = ("Министерство финансов сообщило, что дефицит вырос на 12% в 2023 году.\n\n"
            "Погода была хорошей, и все были довольны.")
    claims = [s for s in extract(text) if s.kind == "claim"]
    assert [c.text for c in claims] == ["Министерство финансов сообщило, что дефицит вырос на 12% в 2023 году."]
    assert claims[0].reasons[0] == "no trained model for Russian: language-neutral signals only"
    assert {"contains a statistic", "contains a date", "names an official body"} <= set(claims[0].reasons)


def test_no_english_weight_reaches_another_language():
    # English opinion and speculation words change the English model's score; here they are
    # only letters.
    plain, _ = neutral_score("La ville a dépensé 3 millions d'euros en 2022.", PROFILES["fr"])
    worded, _ = neutral_score("La ville a dépensé 3 millions d'euros en 2022 should would great.", PROFILES["fr"])
    assert plain == worded


# -- bad input ----------------------------------------------------------------------------------------

def _spans_ok(text, statements):
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("code", sorted(PROFILES))
def test_bad_input_never_crashes_nor_leaves_the_text(code):
    rng = random.Random(code)
    alphabet = "«»„“”\"—–-,.:;!? \n\x00\x07\u200b\u202eАБВабвЂђĆćŠšقالأن،ÄäÉéÑñ 0123456789"
    for n in (0, 1, 2, 5, 50, 500, 5000):
        text = "".join(rng.choice(alphabet) for _ in range(n))
        _spans_ok(text, extract(text, language=code))
        for q in extract_quotes(text, PROFILES[code]):
            assert 0 <= q.start < q.end <= len(text)


def test_unbalanced_marks_end_with_their_paragraph():
    text = "«Мы никогда не сдадимся, — сказал Иван Петров.\n\nДругой абзац без кавычек, но длинный."
    found = [s for s in extract(text) if s.kind == "quote"]
    assert all(s.end <= text.index("\n\n") for s in found)


def test_five_megabytes_of_mixed_scripts_is_read_in_bounded_time():
    chunk = ("«Мы готовы», — сказал Иван Петров. „Spremni smo“, rekao je Marko Ilić. "
             "قال خالد: «نحن مستعدون». « Nous sommes prêts », a dit Paul Roy.\n\n")
    text = (chunk * (5 * 1024 * 1024 // len(chunk.encode())))[:5 * 1024 * 1024 // 2]
    found = extract(text, language="ru")
    _spans_ok(text, found)
    assert found


def test_control_characters_and_one_giant_paragraph():
    text = "«Да\x00 будет\x07 свет», — сказал\u200b Пётр Иванов." + " слово" * 200_000
    _spans_ok(text, extract(text))
    assert split_sentences(text, 0, 0) == []


# -- wire conventions --------------------------------------------------------------------------------

def test_russian_ob_etom_names_who_said_the_sentence_before():
    text = "Завод возобновит работу в понедельник. Об этом заявил директор предприятия Игорь Марков."
    assert quotes(text) == [("indirect", "Завод возобновит работу в понедельник", "Игорь Марков")]


def test_german_das_teilte_mit_gives_the_body_as_written():
    text = "Die Straße bleibt bis Freitag gesperrt. Das teilte die Stadtverwaltung am Montag mit."
    assert quotes(text) == [("indirect", "Die Straße bleibt bis Freitag gesperrt", "die Stadtverwaltung")]


def test_german_zufolge_and_a_definite_description_of_the_person_just_named():
    text = ("Finanzministerin Sabine Roth legte den Haushalt vor. „Wir sparen nicht an Schulen“, "
            "sagte die CDU-Politikerin am Montag.\n\nRoth zufolge steigen die Ausgaben um 3 Prozent.")
    assert quotes(text) == [
        ("direct", "Wir sparen nicht an Schulen", "Sabine Roth"),
        ("indirect", "steigen die Ausgaben um 3 Prozent", "Sabine Roth"),
    ]


def test_a_reported_clause_all_in_marks_is_a_direct_quote():
    text = 'وقال وزير الصحة سامر علي حسن إن "المستشفيات جاهزة لاستقبال المرضى".'
    assert quotes(text) == [("direct", "المستشفيات جاهزة لاستقبال المرضى", "سامر علي حسن")]


def test_french_circumstances_do_not_become_the_speaker():
    text = ("Le ministre de la Santé, Paul Vidal, a présenté son plan.\n\n"
            "« Nous ouvrirons 500 lits », a déclaré le ministre lors d'une visite à Lille.")
    assert quotes(text) == [("direct", "Nous ouvrirons 500 lits", "Paul Vidal")]


@pytest.mark.parametrize("text,said", [
    ("- Radovi kreću u ponedjeljak - rekao je ravnatelj Ante Kovač.", "Radovi kreću u ponedjeljak"),
    ("—Vamos a ganar la liga —dijo el capitán Iker Soto.", "Vamos a ganar la liga"),
])
def test_a_paragraph_opening_with_a_dash_quotes_up_to_the_verb(text, said):
    found = quotes(text)
    assert [(q[0], q[1]) for q in found] == [("direct", said)]
    assert found[0][2] in ("Ante Kovač", "Iker Soto")


def test_a_bulleted_list_is_no_quote():
    assert quotes("Program:\n\n- otvaranje u 10 sati\n\n- razgovor s gostima u podne") == []


def test_a_body_after_according_to_is_kept_as_written_not_a_person_nearby():
    text = ("Глава департамента Пермского края Светлана Жукова выступила на совещании.\n\n"
            "По данным министерства финансов края, на программу выделено 1,2 млрд рублей.")
    assert quotes(text) == [("indirect", "на программу выделено 1,2 млрд рублей", "министерства финансов края")]


def test_a_body_named_with_a_determiner_is_said_whole():
    text = "Plus de 600 vols ont été annulés jeudi, selon la Direction générale de l'aviation civile."
    assert quotes(text) == [("indirect", "Plus de 600 vols ont été annulés jeudi",
                             "la Direction générale de l'aviation civile")]


def test_arabic_that_is_never_read_inside_a_word_with_a_shadda():
    text = "قال أمين عمّان يوسف الشواربة إن الجسر الجديد سيخفف الازدحام في وسط المدينة."
    assert quotes(text) == [("indirect", "الجسر الجديد سيخفف الازدحام في وسط المدينة", "يوسف الشواربة")]


def test_an_arabic_country_after_a_bare_office_is_no_part_of_the_name_nor_is_a_colon():
    text = ("وأكد الوزير أن موسكو مستعدة للتفاوض مع تالفينيا بشأن حصص الصيد.\n\n"
            "ومن جهتها، قالت وزيرة خارجية تالفينيا كايا ليندفال إن السفينة كانت تصطاد دون ترخيص، "
            "مضيفة: «هذه مسألة تخص قضاءنا وليس الدبلوماسيين».\n\n"
            "وقالت المتحدثة باسم الخارجية الليسترية ميرا أوسترهولم: «سنحكم على درافينيا بما تفعله دباباتها».")
    assert quotes(text, "ar")[1:] == [
        ("indirect", "السفينة كانت تصطاد دون ترخيص", "كايا ليندفال"),
        ("direct", "هذه مسألة تخص قضاءنا وليس الدبلوماسيين", "كايا ليندفال"),
        ("direct", "سنحكم على درافينيا بما تفعله دباباتها", "ميرا أوسترهولم")]


def test_the_head_of_a_ministry_named_by_its_short_form_is_the_minister_named_before():
    text = ("Министр обороны Дравении Виктор Саленко заявил, что учения носят оборонительный характер.\n\n"
            "«Мы уведомили соседей о каждом подразделении две недели назад», — подчеркнул глава Минобороны.")
    assert [s for _, _, s in quotes(text, "ru")] == ["Виктор Саленко", "Виктор Саленко"]


def test_a_gerunds_topic_is_not_who_speaks_after_it():
    ru = ("«Эти санкции — политический жест», — сказала Марвен на брифинге.\n\n"
          "Говоря о задержанном журналисте Томасе Релине, официальный представитель МИД подчеркнула, что его "
          "преследуют не за профессиональную деятельность.")
    sr = ("„Ове санкције су политички гест“, рекла је Марвен на брифингу.\n\n"
          "Говорећи о случају новинара Томаса Релина, она је навела да он није ухапшен због свог рада.")
    assert [s for _, _, s in quotes(ru, "ru")] == ["Марвен", "Марвен"]
    assert [s for _, _, s in quotes(sr, "sr")] == ["Марвен", "Марвен"]


def test_arabic_participles_and_particles_before_a_verb_name_no_one():
    text = ("ودافع رئيس الوزراء داريو كيسل عن اتفاقية الغاز، قائلاً إن «صفقة خط الأنابيب تتعلق بتدفئة المنازل».\n\n"
            "كما أكد أن ائتلافه الحكومي ليس مثالياً لكنه أقر كل الموازنات في موعدها.\n\n"
            "وخفض البنك توقعاته، إذ قالت المحافظة ناديا كورساك: «نتوقع الآن نمواً بنسبة 1.2% هذا العام».")
    assert [(t, s) for t, _, s in quotes(text, "ar")] == [
        ("direct", "داريو كيسل"), ("indirect", "داريو كيسل"), ("direct", "ناديا كورساك")]


def test_the_head_of_the_national_bank_is_its_governor_named_before():
    text = ("«Мы приняли решение повысить ключевую ставку», — заявила председатель Нацбанка Надя Корсак.\n\n"
            "«Теперь мы ожидаем роста экономики на 1,2% в этом году», — сказала глава Нацбанка.")
    assert [s for _, _, s in quotes(text, "ru")] == ["Надя Корсак", "Надя Корсак"]


def test_an_arabic_office_in_a_country_then_the_name_and_the_head_of_a_body_in_the_genitive():
    ar = ("دورسك - قال وزير الطاقة في بيلمورا أرمان سيتكالي، اليوم الجمعة، إن إنتاج الفحم تراجع بنسبة 12.4 في المئة.\n\n"
          "وأضاف الوزير: «بحلول عام 2030، سيولد الغاز نصف الكهرباء لدينا».")
    ru = ("Кельмар отозвал посла, сообщила министр иностранных дел республики Ирена Вашек.\n\n"
          "По словам главы МИД, с марта Кельмар направил Оставии одиннадцать нот и не получил ни одного ответа.")
    assert [s for _, _, s in quotes(ar, "ar")] == ["أرمان سيتكالي", "أرمان سيتكالي"]
    assert [s for _, _, s in quotes(ru, "ru")][-1] == "Ирена Вашек"


def test_a_russian_minister_is_named_alike_with_patronymic_in_the_instrumental_and_by_a_place_adjective():
    text = ("Министр иностранных дел России Андрей Валентинович Горелов провёл переговоры с главой МИД "
            "Казахстана Ерланом Сейтжановым.\n\n"
            "«Это согласованный график», — сказал Горелов.\n\n"
            "Сейтжанов, в свою очередь, заявил, что Астана не намерена пересматривать внешнюю политику.\n\n"
            "Глава казахстанского МИД заверил, что Астана не станет выбирать между партнёрами.\n\n"
            "Глава российского МИД добавил, что саммит пройдёт осенью.")
    said = {q.text: q.speaker for q in extract(text, language="ru") if q.kind == "quote"}
    assert said == {
        "Это согласованный график": "Андрей Горелов",  # the patronymic is no part of the name matched
        "Астана не намерена пересматривать внешнюю политику": "Ерлан Сейтжанов",  # past the aside
        "Астана не станет выбирать между партнёрами": "Ерлан Сейтжанов",  # the Kazakh one, not the last
        "саммит пройдёт осенью": "Андрей Горелов"}


def test_an_arabic_role_with_a_second_complement_joined_by_and_stays_the_role():
    [q] = [s for s in extract("قال وزير الخارجية وشؤون المغتربين ناصر العدوان إن الأردن لن يتحمل العبء وحده.",
                              language="ar") if s.kind == "quote"]
    assert (q.speaker, q.speaker_role) == ("ناصر العدوان", "وزير الخارجية وشؤون المغتربين")


@pytest.mark.parametrize("text,code,speaker", [
    # Serbian writes a name after 'sa' in the instrumental, in both scripts
    ("Ministar je razgovarao sa šefom diplomatije Vilijamom Horvatovom.\n\n"
     "„Granica ostaje otvorena“, rekao je Horvatov.", "sr", "Vilijam Horvatov"),
    ("Министар је разговарао са колегом Фарисом ал Хадидијем.\n\n"
     "„Наша врата су отворена за све“, рекао је ал Хадиди.", "sr", "Хадиди"),
])
def test_a_serbian_name_after_with_is_read_in_the_nominative(text, code, speaker):
    assert quotes(text, code)[-1][2].endswith(speaker)


def test_an_arabic_time_after_the_name_is_no_part_of_it():
    [q] = [s for s in extract("أعلن وزير الخارجية سالم الحارثي اليوم الخميس أن المعبر سيفتح الأسبوع المقبل.",
                              language="ar") if s.kind == "quote"]
    assert q.speaker == "سالم الحارثي"


def test_a_channel_named_in_marks_before_the_speaker_is_no_part_of_the_name():
    text = ("Министр иностранных дел Тамир Ахметов провёл переговоры в Москве.\n\n"
            "Позднее в интервью телеканалу «Восток-24» Ахметов уточнил, что первые поезда пойдут осенью.")
    assert quotes(text, "ru")[-1][2] == "Тамир Ахметов"


@pytest.mark.parametrize("text,code,clause,speaker", [
    ("Заголовок\n\nТалвир и Оскара откроют пограничный переход с 1 апреля, заявил министр торговли Талвира "
     "Олег Варин по итогам переговоров.\n\nОн добавил, что таможня будет работать круглосуточно.",
     "ru", "Талвир и Оскара откроют пограничный переход с 1 апреля", "Олег Варин"),
    ("Naslov\n\nTalvir i Oskara će otvoriti granični prelaz od 1. aprila, izjavio je danas ministar trgovine "
     "Oleg Varin.\n\nOn je dodao da će carina raditi non-stop.",
     "sr", "Talvir i Oskara će otvoriti granični prelaz od 1. aprila", "Oleg Varin"),
])
def test_a_clause_before_its_speech_verb_and_speaker_is_reported_speech(text, code, clause, speaker):
    assert ("indirect", clause, speaker) in quotes(text, code)


def test_a_time_word_between_the_verb_and_the_speaker_is_no_part_of_the_name():
    text = ("Заголовок\n\n«Переход будет открыт круглосуточно», — заявил сегодня министр торговли Олег Варин.\n\n"
            "Ранее, в 2021 году, Варин заявлял, что «граница останется закрытой».")
    assert quotes(text, "ru") == [("direct", "Переход будет открыт круглосуточно", "Олег Варин"),
                                  ("direct", "граница останется закрытой", "Олег Варин")]


@pytest.mark.parametrize("text,speaker", [
    # circumstances between the verb and its subject: to whom, when, where
    ("Заголовок\n\nПереход откроется в апреле, заявил журналистам министр торговли Олег Варин по итогам "
     "переговоров.\n\nОн добавил, что таможня будет работать круглосуточно.", "Олег Варин"),
    ("Заголовок\n\nАрмия пресекла 12 попыток прорыва за месяц, сообщил во вторник официальный представитель "
     "армии полковник Самир Хадди.\n\nОн добавил, что граница закрыта.", "Самир Хадди"),
    # after a role, a country's name alone is its complement, not the speaker
    ("Заголовок\n\n«Граница под контролем», — заявил постоянный представитель Талвира при ОДКБ Фаррух Назаров.\n\n"
     "Он добавил, что помощь не нужна.", "Фаррух Назаров"),
])
def test_the_subject_after_the_verb_past_circumstances_and_a_roles_complement(text, speaker):
    assert quotes(text, "ru")[0][2] == speaker


def test_an_arabic_subject_with_a_long_title_and_a_time_before_inna():
    text = ("عنوان\n\nعمّان 4 شباط (الرأي) - قال المتحدث باسم القوات المسلحة الأردنية - الجيش العربي العميد "
            "سالم الحارثي، اليوم الثلاثاء، إن القوات أحبطت 12 محاولة تسلل خلال الشهر الماضي.")
    [q] = [s for s in extract(text, language="ar") if s.kind == "quote"]
    assert (q.quote_type, q.speaker) == ("indirect", "سالم الحارثي")
