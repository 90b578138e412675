"""What each language other than English contributes to quote extraction, as data.

One `Profile` per language: the quotation marks its press uses, its verbs of saying in the
inflections news writes (with the gender a form shows), its forms of "according to", the word
that introduces a reported clause ("that"), pronouns, and the words of titles and bodies. The
attribution stage (`factcheck.text.languages.attribution`) reads nothing else, so adding a
language is adding a profile here.

Gender: "m"/"f" where the verb form or the word shows it (Russian 'заявила', Serbian 'rekla',
Arabic 'قالت', French 'elle'), None where it does not.
"""

from dataclasses import dataclass, field

from factcheck.text.languages.transliterate import latin_to_serbian_cyrillic

# Opening mark -> closing marks. The European presses use guillemets both ways round (« »
# in French, Russian, Spanish; » « in German and Croatian), low-high marks („ “) in German
# and the Balkans, and typed straight marks everywhere.
MARKS = {"«": "»", "»": "«", "„": "“”\"", "“": "”\"", '"': '"”', "‹": "›", "›": "‹"}


@dataclass(frozen=True, eq=False)  # compared by identity: each compiles its patterns once
class Profile:
    code: str
    name: str  # English name, shown to reviewers
    # verb form -> gender it shows ("m", "f", or None)
    speech_verbs: dict[str, str | None]
    # 'по словам', 'selon': what stands before the source of an 'according to'
    according_to: tuple[str, ...] = ()
    # what attributes only right after a quote: German '„...“, so Petersen'
    after_quote: tuple[str, ...] = ()
    # the words that introduce a reported clause after a verb of saying
    that: tuple[str, ...] = ()
    # auxiliaries written around a verb of saying: Serbian 'rekao je', French 'a déclaré'
    auxiliaries: tuple[str, ...] = ()
    # particles a verb of saying may carry after the name: German 'fügte sie hinzu'
    verb_particles: tuple[str, ...] = ()
    person_pronouns: dict[str, str] = field(default_factory=dict)
    # 'according to' forms or sources that are a pronoun: 'по ее словам', 'selon lui'
    possessive_pronouns: dict[str, str] = field(default_factory=dict)
    # lower-case words that describe a position: a description resolves by them to a person
    role_words: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    # determiners and articles: a phrase starting with one is a description, not a name
    determiners: frozenset[str] = frozenset()
    # words of a phrase that name a body ('ministry', 'agency') for claims and for speakers
    body_words: frozenset[str] = frozenset()
    # words that write a percentage and the months, for language-neutral claim signals
    percent_words: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    # how common words are, for detection: the language's most frequent short words
    stopwords: frozenset[str] = frozenset()
    # whether names are capitalised (not in Arabic script)
    cased: bool = True
    # words after a verb of saying that end its subject: 'сказал Горелов журналистам в среду',
    # 'a déclaré le ministre lors d'une conférence'
    subject_stops: frozenset[str] = frozenset()
    # of those, the words that may stand between the verb and its subject: 'заявил сегодня
    # министр ...', 'izjavio je danas ministar ...'
    before_subject: frozenset[str] = frozenset()
    # definite articles: 'le ministre', 'der SPD-Politiker' refer to someone named before
    definite: frozenset[str] = frozenset()
    # what refers back to the sentence before: 'Об этом заявил ...', 'To je izjavio ...'
    anaphora: tuple[str, ...] = ()
    # a definite article written as part of the word: Arabic 'الوزير' (the minister), 'والوزير'
    article_prefixes: tuple[str, ...] = ()
    # prepositions of place: a capitalised name right after one is a place ('u Ras Harunu', 'в Минске')
    places_after: frozenset[str] = frozenset()

    def bare(self, word: str) -> str:
        """The word lower-cased, without an article joined to it ('الوزير' -> 'وزير')."""
        low = word.casefold()
        for p in self.article_prefixes:
            if low.startswith(p) and len(low) > len(p) + 2:
                return low[len(p):]
        return low

    def is_role(self, word: str) -> bool:
        """A word of a position ('министр', 'ministre'), also with the article joined to it."""
        return word.casefold() in self.role_words or self.bare(word) in self.role_words


def _gendered(forms: str, masculine_ending: str = "", feminine_ending: str = "") -> dict[str, str | None]:
    """'заявил сказал' with endings ('', 'а', 'и') -> {'заявил': 'm', 'заявила': 'f', 'заявили': None}"""
    out: dict[str, str | None] = {}
    for stem in forms.split():
        out[stem + masculine_ending] = "m"
        out[stem + feminine_ending] = "f"
    return out


def _plain(forms: str) -> dict[str, str | None]:
    return {f: None for f in forms.split()}


def _both(*parts: dict[str, str | None]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for p in parts:
        out.update(p)
    return out


# -- Russian -------------------------------------------------------------------------------
_RU_PAST = ("заявил сказал отметил подчеркнул сообщил добавил пояснил рассказал признал уточнил "
            "заметил объяснил напомнил указал заверил написал ответил предупредил констатировал "
            "резюмировал призвал продолжил процитировал допустил выразил "
            # the imperfective past: 'Ранее Кудейми заявлял, что ...'
            "заявлял говорил отмечал подчеркивал подчёркивал сообщал утверждал")
RUSSIAN = Profile(
    code="ru", name="Russian",
    speech_verbs=_both(_gendered(_RU_PAST, "", "а"), {v + "и": None for v in _RU_PAST.split()}, _plain(
        "заявляет говорит отмечает подчеркивает подчёркивает сообщает считает полагает поясняет "
        "уверен уверена рассказывает признает признаёт уточняет пишет говорится")),
    according_to=("по его словам", "по ее словам", "по её словам", "по словам", "по мнению", "по данным", "согласно", "как сообщил", "как сообщила",
                  "как сообщает", "как сообщают", "как заявил", "как заявила", "как отметил",
                  "как отметила", "как пишет", "как передает", "как передаёт"),
    that=("что",),
    subject_stops=frozenset("журналистам репортерам в во на после перед для на в ходе по также уже "
                            "сегодня вчера".split()),
    before_subject=frozenset("сегодня вчера также уже".split()),
    anaphora=("об этом",),
    person_pronouns={"он": "m", "она": "f"},
    possessive_pronouns={"по его словам": "m", "по ее словам": "f", "по её словам": "f"},
    role_words=frozenset("""губернатор мэр министр министра заместитель глава главы председатель президент
        премьер директор депутат представитель официальный спикер пресс-секретарь посол экономист
        аналитик эксперт руководитель замминистра генеральный секретарь координатор""".split()),
    places_after=frozenset("в во на из под у".split()),
    female_words=frozenset("она её ее".split()),
    body_words=frozenset("""министерство министерства мид правительство правительства минфин
        минздрав банк центробанк агентство агентства служба службы пресс-служба пресс-службе
        администрация администрации дума думы совет совета суд суда комитет комиссия минобороны
        минобрнауки минэкономразвития минпромторг минтранс минюст минприроды минсельхоз минэнерго
        минтруд минкультуры минцифры мчс мвд фсб госдума госдумы совфед совфеда кремль кремля нацбанк
        нацбанка центробанка цб""".split()),
    percent_words=("%", "процент", "процента", "процентов"),
    months=("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
            "октября", "ноября", "декабря"),
    stopwords=frozenset("и в не на что с по как это он она к из за у о от для так но же мы они "
                        "был была было года также".split()),
)

# -- Serbian, Croatian, Bosnian (one grammar, two scripts) --------------------------------
_BCS_PAST = ("rekao rekla izjavio izjavila dodao dodala naglasio naglasila istakao istakla istaknuo "
             "istaknula naveo navela ocenio ocenila ocijenio ocijenila kazao kazala poručio poručila "
             "upozorio upozorila objasnio objasnila saopštio saopštila saopćio saopćila priopćio "
             "priopćila napomenuo napomenula podsetio podsetila podsjetio podsjetila ukazao ukazala "
             "tvrdio tvrdila najavio najavila odgovorio odgovorila zaključio zaključila")


def _bcs_verbs() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for form in _BCS_PAST.split():
        out[form] = "f" if form.endswith("la") else "m"
        out[form[:-1] + "li"] = None  # plural: 'rekli su'
    out.update(_plain("kaže kažu izjavljuje smatra smatraju tvrdi navodi ističe napominje dodaje "
                      "poručuje ocenjuje ocjenjuje objašnjava"))
    return out


def _cyrillic(profile_words: dict[str, str | None]) -> dict[str, str | None]:
    return {latin_to_serbian_cyrillic(k): v for k, v in profile_words.items()}


_BCS_VERBS = _bcs_verbs()
_BCS_ACCORDING = ("prema njegovim rečima", "prema njenim rečima", "prema njegovim riječima",
                  "prema njezinim riječima", "prema njenim riječima", "prema rečima", "prema riječima", "prema navodima", "prema podacima", "prema mišljenju",
                  "kako je rekao", "kako je rekla", "kako je naveo", "kako je navela", "kako je izjavio",
                  "kako je izjavila", "kako navodi", "kako kaže", "po rečima", "po riječima", "prema")
_BCS_ROLES = """ministar ministarka ministrica ministra ministarke ministrice premijer premijerka predsednik
    predsjednik predsednica predsjednica direktor direktorka direktorica direktora gradonačelnik
    gradonačelnica gradonačelnika zamenik zamjenik zamenica zamjenica zamenice zamjenice selektor
    trener kapiten portparol glasnogovornik šef ambasador poslanik zastupnik koordinator koordinatorka""".split()
_BCS_BODIES = """ministarstvo ministarstva vlada vlade skupština skupštine sabor sabora agencija
    agencije savez saveza zavod zavoda sud suda komisija komisije uprava uprave""".split()


def _bcs(code: str, name: str, stopwords: str) -> Profile:
    return Profile(
        code=code, name=name,
        speech_verbs=_both(_BCS_VERBS, _cyrillic(_BCS_VERBS)),
        according_to=_BCS_ACCORDING + tuple(latin_to_serbian_cyrillic(a) for a in _BCS_ACCORDING),
        that=("da", "kako", "да", "како"),
        auxiliaries=("je", "su", "је", "су"),
        person_pronouns={"on": "m", "ona": "f", "он": "m", "она": "f"},
        possessive_pronouns={**{f: "m" for f in ("prema njegovim rečima", "prema njegovim riječima")},
                             **{f: "f" for f in ("prema njenim rečima", "prema njezinim riječima",
                                                 "prema njenim riječima")},
                             "према његовим речима": "m", "према њеним речима": "f"},
        subject_stops=frozenset("za u na posle poslije nakon tokom tijekom pred novinarima danas juče jučer "
                                "за у на после током пред новинарима данас јуче".split()),
        before_subject=frozenset("danas juče jučer takođe također данас јуче такође".split()),
        anaphora=("to", "ovo", "то", "ово"),
        role_words=frozenset(_BCS_ROLES + [latin_to_serbian_cyrillic(w) for w in _BCS_ROLES]),
        places_after=frozenset("u na iz kod у на из код".split()),
        female_words=frozenset("ona она".split()),
        body_words=frozenset(_BCS_BODIES + [latin_to_serbian_cyrillic(w) for w in _BCS_BODIES]),
        percent_words=("%", "posto", "odsto", "одсто", "посто", "procenata", "процената"),
        months=("januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "septembar",
                "oktobar", "novembar", "decembar", "siječnja", "veljače", "ožujka", "travnja",
                "svibnja", "lipnja", "srpnja", "kolovoza", "rujna", "listopada", "studenoga",
                "prosinca", "јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август",
                "септембар", "октобар", "новембар", "децембар"),
        stopwords=frozenset(stopwords.split()),
    )


_BCS_STOP = "i u je da se na za od su sa koji koja ne će bi iz o kao ali ili biti"
SERBIAN = _bcs("sr", "Serbian", _BCS_STOP + " ko šta hiljada posle")
CROATIAN = _bcs("hr", "Croatian", _BCS_STOP + " tko što tisuća poslije")
BOSNIAN = _bcs("bs", "Bosnian", _BCS_STOP + " ko šta hiljada poslije")

# -- Arabic ---------------------------------------------------------------------------------
_AR_PAST = "قال أكد أضاف أوضح صرح أعلن أشار تابع اعتبر ذكر شدد لفت كشف نفى رأى أفاد تحدث"


# Participles of saying that hang a quotation on the clause's speaker: '..., قائلاً إن «...»'
# (saying), '..., مضيفة: «...»' (adding); with the gender they show.
ARABIC_PARTICIPLES = {stem + ending: gender for stem in ("قائل", "مضيف", "مؤكد", "موضح", "مشير")
                      for ending, gender in (("ا", "m"), ("اً", "m"), ("ة", "f"))}


def _arabic_verbs() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for verb in _AR_PAST.split():
        for prefix in ("", "و", "ف"):
            out[prefix + verb] = "m"
            out[prefix + verb + "ت"] = "f"
            out[prefix + verb + "وا"] = None
    for verb in ("يقول", "تقول", "يؤكد", "تؤكد", "يضيف", "تضيف"):
        for prefix in ("", "و"):
            out[prefix + verb] = "f" if verb.startswith("ت") else "m"
    out.update(ARABIC_PARTICIPLES)
    return out


ARABIC = Profile(
    code="ar", name="Arabic",
    speech_verbs=_arabic_verbs(),
    according_to=("وفقا ل", "وفقاً ل", "ووفقا ل", "ووفقاً ل", "بحسب", "وبحسب", "حسب", "وحسب",
                  "نقلا عن", "نقلاً عن", "على حد قول", "بحسب ما قال", "وفق"),
    that=("إن", "أن", "بأن", "ان", "بان"),
    person_pronouns={"هو": "m", "هي": "f"},
    role_words=frozenset("""وزير وزيرة أمين أمينة النائب النائبة رئيس رئيسة المتحدث المتحدثة الناطق الناطقة السفير السفيرة مدير
        مديرة نائب عضو قائد محافظ مستشار الأمين العام منسق منسقة مبعوث مبعوثة مفوض مفوضة ممثل ممثلة
        متحدث متحدثة ناطق ناطقة سفير سفيرة المحافظ المحافظة""".split()),
    body_words=frozenset("""وزارة الوزارة بلدية البلدية الحكومة حكومة منظمة المنظمة البنك بنك وكالة الوكالة هيئة
        الهيئة مجلس المجلس شركة الشركة الأمم الجيش البرلمان المحكمة""".split()),
    percent_words=("%", "٪", "بالمئة", "بالمائة", "في المئة", "في المائة"),
    months=("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
            "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران",
            "تموز", "آب", "أيلول", "تشرين"),
    stopwords=frozenset("في من على إلى أن عن مع هذا التي الذي و لا ما".split()),
    cased=False,
    article_prefixes=("وال", "فال", "بال", "ال"),
)

# -- French ---------------------------------------------------------------------------------
_FR_PARTICIPLES = ("déclaré dit affirmé indiqué souligné ajouté expliqué estimé assuré précisé annoncé "
                   "rappelé averti confié lancé insisté martelé répondu reconnu admis noté prévenu "
                   "jugé poursuivi conclu écrit raconté regretté dénoncé")
_FR_PRESENT = ("déclare dit affirme indique souligne ajoute explique estime assure précise annonce rappelle "
               "avertit confie lance insiste martèle répond reconnaît note prévient juge poursuit "
               "conclut écrit raconte regrette dénonce résume")


def _french_verbs() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for p in _FR_PARTICIPLES.split():
        out["a " + p] = None
        out["ont " + p] = None
        out["a-t-il " + p] = "m"
        out["a-t-elle " + p] = "f"
        out["avait " + p] = None
    for v in _FR_PRESENT.split():
        out[v] = None
        out[v + "-t-il" if v[-1] in "ae" else v + "-il"] = "m"
        out[v + "-t-elle" if v[-1] in "ae" else v + "-elle"] = "f"
    return out


FRENCH = Profile(
    code="fr", name="French",
    speech_verbs=_french_verbs(),
    according_to=("selon", "d'après", "d’après", "de l'avis de", "aux dires de"),
    that=("que", "qu'", "qu’"),
    person_pronouns={"il": "m", "elle": "f"},
    possessive_pronouns={"lui": "m", "elle": "f"},
    role_words=frozenset("""ministre première premier président présidente maire secrétaire général
        générale directeur directrice porte-parole chef cheffe député députée sénateur sénatrice
        vigneron vigneronne syndicat ambassadeur ambassadrice responsable""".split()),
    female_words=frozenset("la elle mme madame présidente directrice cheffe députée sénatrice "
                           "ambassadrice première vigneronne générale".split()),
    determiners=frozenset("le la les l' l’ un une des du de".split()),
    definite=frozenset("le la les l' l’".split()),
    subject_stops=frozenset("lors à au aux devant dans en sur pendant après avant lundi mardi mercredi "
                            "jeudi vendredi samedi dimanche hier mercredi ce cette jeudi".split()),
    body_words=frozenset("""ministère gouvernement assemblée sénat agence commission conseil tribunal
        cour préfecture mairie syndicat chambre institut office banque insee""".split()),
    percent_words=("%", "pour cent", "pourcent"),
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"),
    stopwords=frozenset("le la les de des du et est un une que qui dans pour pas sur au avec "
                        "ce il elle sont ont nous".split()),
)

# -- German ---------------------------------------------------------------------------------
GERMAN = Profile(
    code="de", name="German",
    speech_verbs=_plain("""sagte sagt sagten erklärte erklärt betonte betont teilte teilt fügte fügt
        warnte warnt meinte meint kündigte berichtete berichtet schrieb schreibt räumte unterstrich
        bekräftigte versicherte forderte kritisierte ergänzte ergänzt"""),
    according_to=("laut", "nach Angaben", "nach Ansicht", "nach Worten"),
    after_quote=("so",),
    that=("dass", "daß"),
    verb_particles=("hinzu", "mit", "ein", "an"),
    person_pronouns={"er": "m", "sie": "f"},
    role_words=frozenset(),
    female_words=frozenset("sie frau die".split()),
    determiners=frozenset("der die das ein eine des dem den einer eines".split()),
    definite=frozenset("der die das".split()),
    subject_stops=frozenset("am im in auf bei vor nach gegenüber zu zum zur am am montag dienstag mittwoch "
                            "donnerstag freitag samstag sonntag heute gestern dem den".split()),
    anaphora=("das",),
    # compounds end in these: 'Innenministerium', 'Landesamt', 'Kassenverband'
    body_words=frozenset("ministerium ministeriums amt amtes behörde regierung polizei verband verbands "
                         "agentur gericht institut kommission rat bundestag senat gemeinde landkreis "
                         "kasse kassen bank unternehmen konzern partei".split()),
    percent_words=("%", "Prozent", "prozent"),
    months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember"),
    stopwords=frozenset("der die und in den von zu das mit sich des auf für ist im dem nicht ein "
                        "eine als auch es an werden aus er hat dass sie nach wird".split()),
)

# -- Spanish --------------------------------------------------------------------------------
SPANISH = Profile(
    code="es", name="Spanish",
    speech_verbs=_plain("""dijo afirmó aseguró señaló añadió agregó explicó declaró indicó subrayó
        destacó manifestó advirtió apuntó sostuvo comentó precisó recalcó insistió anunció reconoció
        admitió respondió concluyó expresó dice afirma asegura señala explica declara indica añade
        agrega sostiene advierte criticó lamentó denunció reiteró opinó valoró"""),
    according_to=("según", "de acuerdo con", "a juicio de", "en palabras de"),
    that=("que",),
    person_pronouns={"él": "m", "ella": "f"},
    possessive_pronouns={"él": "m", "ella": "f"},
    role_words=frozenset("""ministra ministro presidente presidenta alcalde alcaldesa secretario
        secretaria entrenador entrenadora portavoz director directora consejero consejera
        diputado diputada senador senadora""".split()),
    female_words=frozenset("la ella ministra presidenta alcaldesa secretaria entrenadora directora "
                           "consejera diputada senadora".split()),
    determiners=frozenset("el la los las un una del de".split()),
    definite=frozenset("el la los las".split()),
    anaphora=("así lo",),
    subject_stops=frozenset("en durante ante tras este esta a al desde por lunes martes miércoles jueves "
                            "viernes sábado domingo ayer hoy".split()),
    body_words=frozenset("""ministerio gobierno congreso senado agencia comisión consejo tribunal
        ayuntamiento banco instituto junta""".split()),
    percent_words=("%", "por ciento"),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
            "octubre", "noviembre", "diciembre"),
    stopwords=frozenset("de la que el en y a los se del las un por con no una su para es al lo "
                        "como más pero sus le ha".split()),
)

PROFILES = {p.code: p for p in (RUSSIAN, SERBIAN, CROATIAN, BOSNIAN, ARABIC, FRENCH, GERMAN, SPANISH)}
ENGLISH_STOPWORDS = frozenset("the of and to a in is that for it on was with as he said by at from "
                              "his be have are has an not but they this".split())
NAMES = {"en": "English", **{code: p.name for code, p in PROFILES.items()},
         "uk": "Ukrainian", "bg": "Bulgarian", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
         "pl": "Polish", "und": "undetermined"}


RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def language_name(code: str) -> str:
    return NAMES.get(code, code)
