"""Quote matching: the pure scorer, and clusters in the database."""

import pytest
from django.db import connection

from factcheck import matching
from factcheck.models import Appearance, MatchSuggestion, QuoteKey, Statement
from factcheck.services import matching as service
from factcheck.services.importing import import_paths
from tests.conftest import FIXTURES

LAVROV = (
    "We’ll do everything, including using the capabilities of the Russian military base on the "
    "border of Tajikistan with Afghanistan, to prevent any aggressive encroachments against our allies"
)


def s(a, b):
    return matching.score(matching.normalise(a), matching.normalise(b))


def test_normalise_ignores_marks_case_brackets_ellipses():
    assert matching.normalise("“We’ll do EVERYTHING […] – to help…”") == [
        "we",
        "will",
        "do",
        "everything",
        "to",
        "help",
    ]
    assert matching.normalise("We will do [that is necessary] everything") == [
        "we",
        "will",
        "do",
        "everything",
    ]


@pytest.mark.parametrize(
    "variant",
    [
        LAVROV.upper(),
        LAVROV.replace(",", "").replace("’", "'"),
        "We will do everything, including using the capabilities of the Russian military base on the border of "
        "Tajikistan with Afghanistan, to prevent any aggressive impulses against our allies",
        "We will do everything, including using the capabilities of the Russian military base…",
        "We will do everything [that is necessary], including using the capabilities of the Russian military base "
        "on the Tajik border with Afghanistan, to prevent any aggressive encroachments against our allies",
    ],
)
def test_variants_are_the_same_quote(variant):
    a, b = matching.normalise(LAVROV), matching.normalise(variant)
    assert matching.tier(a, b) == "same", s(LAVROV, variant)


def test_near_miss_is_at_most_a_suggestion():
    near = (
        "We will do everything, including using the capabilities of the federal grain reserve, to prevent "
        "any sharp rise in bread prices for our citizens"
    )
    assert matching.tier(matching.normalise(LAVROV), matching.normalise(near)) != "same"


def test_short_quotes_are_only_suggested():
    a, b = matching.normalise("We will win"), matching.normalise("We will win.")
    assert matching.score(a, b) < 100 and matching.tier(a, b) != "same"


def test_bad_input_is_harmless():
    assert matching.score([], ["a"]) == 0.0
    assert matching.normalise("") == []
    huge = ("word " * 10_000).strip()
    assert len(matching.normalise(huge)) == matching.MAX_WORDS
    assert (
        matching.tier(
            matching.normalise("Мы сделаем всё возможное для союзников"),
            matching.normalise("Мы сделаем всё возможное для наших союзников"),
        )
        == "same"
    )


def test_memory_index_skips_common_keys():
    index = matching.MemoryIndex()
    boiler = matching.normalise("Please click the share buttons above or below")
    for i in range(500):
        index.add(i, boiler)
    found = index.candidates(9999, boiler)
    # Rare keys give up on boilerplate; the exact key finds a few identical ones: no blow-up.
    assert [c.other for c in found] == list(range(matching.EXACT_CANDIDATES))
    other = matching.normalise("Please click the share buttons above or below to share this story")
    assert index.candidates(9999, other) == []


@pytest.mark.django_db
def test_sample_reuters_and_tass_land_in_one_cluster(
    sample_path, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        results = list(
            import_paths(
                [
                    sample_path,
                    FIXTURES / "reuters_lavrov.txt",
                    FIXTURES / "tass_lavrov.txt",
                    FIXTURES / "nearmiss_farm.txt",
                ],
                user=reviewer,
            )
        )
    assert all(r.status == "created" for r in results), results
    gr = Statement.objects.get(kind="quote", text__startswith="“We’ll do everything")
    cluster = gr.appearance.cluster
    members = Appearance.objects.filter(cluster=cluster).select_related(
        "statement__article__outlet"
    )
    outlets = {a.statement.article.outlet.name for a in members}
    assert outlets == {"Global Research", "Reuters", "TASS"}
    first = service.cluster_first(cluster.pk)
    assert first.statement.article.outlet.name in {"Reuters", "TASS"}  # 7 July, before the repost
    farm = Statement.objects.get(kind="quote", text__contains="grain reserve")
    assert not Appearance.objects.filter(statement=farm, cluster=cluster).exists()


@pytest.mark.django_db
def test_rebuild_gives_the_same_clusters_as_online_matching(
    sample_path, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        list(
            import_paths(
                [
                    FIXTURES / "reuters_lavrov.txt",
                    FIXTURES / "tass_lavrov.txt",
                    sample_path,
                    FIXTURES / "nearmiss_farm.txt",
                ],
                user=reviewer,
            )
        )

    def clusters():
        groups = {}
        for a in Appearance.objects.all():
            groups.setdefault(a.cluster_id, set()).add(a.statement_id)
        return sorted(sorted(g) for g in groups.values())

    def key_table():
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, QuoteKey._meta.db_table)
        return sorted((c["columns"], c["unique"], c["index"], bool(c["foreign_key"])) for c in found.values())

    online = clusters()
    online_keys = sorted(QuoteKey.objects.values_list("key", "kind", "statement_id"))
    schema = key_table()
    stats = service.match_rebuild()
    # (the rebuild counts the clusters of its word-level matching; a pair joined by meaning
    # alone is joined again after it)
    assert clusters() == online
    assert stats["clusters"] == Appearance.objects.filter(how=Appearance.How.AUTO).values("cluster").distinct().count()
    # The rebuild writes the same index rows, and on PostgreSQL drops and remakes the key
    # table's constraints and indexes: they must all be back.
    assert sorted(QuoteKey.objects.values_list("key", "kind", "statement_id")) == online_keys
    assert stats["keys"] == len(online_keys) and key_table() == schema


@pytest.mark.django_db
def test_rejected_pair_is_never_suggested_again(
    sample_path, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        list(
            import_paths(
                [FIXTURES / "nearmiss_farm.txt", FIXTURES / "reuters_lavrov.txt"], user=reviewer
            )
        )
    suggestion = MatchSuggestion.objects.get()
    service.suggestion_decide(suggestion=suggestion, user=reviewer, confirm=False)
    service.match_rebuild()
    assert MatchSuggestion.objects.filter(state="pending").count() == 0
    assert MatchSuggestion.objects.get().state == "rejected"


@pytest.mark.django_db
def test_rejected_pair_is_not_suggested_again_when_either_article_is_matched_again(
    reviewer, django_capture_on_commit_callbacks
):
    """Online matching reads the rejected pairs only of statements that have one: both ways."""
    with django_capture_on_commit_callbacks(execute=True):
        list(import_paths([FIXTURES / "nearmiss_farm.txt", FIXTURES / "reuters_lavrov.txt"], user=reviewer))
    suggestion = MatchSuggestion.objects.get()
    service.suggestion_decide(suggestion=suggestion, user=reviewer, confirm=False)
    for statement in (suggestion.candidate, suggestion.statement):
        service.article_match(statement.article_id)
    assert MatchSuggestion.objects.get().state == "rejected"



@pytest.mark.django_db
def test_a_deleted_statement_is_no_candidate_though_its_keys_stay(django_capture_on_commit_callbacks):
    """Candidates are read by id alone and the live quotes and claims kept in Python: the same
    outcome as filtering in the query."""
    from django.utils import timezone

    from factcheck.services.importing import import_text

    quote = "“We will send 4,000 troops to the northern border to protect our citizens,” Minister Ivan Petrov said."
    def imported(title: str, url: str):
        with django_capture_on_commit_callbacks(execute=True):  # matched after each import
            return import_text(f"{title}\n\n{title} at the border.\n\n{quote}", url=url).article

    first = imported("Troops", "https://a.example/1")
    Statement.objects.filter(article=first, kind="quote").update(deleted_at=timezone.now())
    second, third = imported("Border", "https://b.example/1"), imported("Border again", "https://c.example/1")
    assert QuoteKey.objects.filter(statement__article=first).exists()
    assert not Appearance.objects.filter(statement__article=first).exists()
    joined = Appearance.objects.filter(statement__article__in=[second, third])
    assert joined.count() == 2 and len({a.cluster_id for a in joined}) == 1
    assert not MatchSuggestion.objects.exists()

# -- containment, figures and guards (issue 14) ---------------------------------------------

FULL = ("This decision was not taken lightly. We will send 4,000 troops to the northern border to protect "
        "our citizens and our allies. They will stay there as long as they are needed.")
PIECE = "We will send 4,000 troops to the northern border to protect our citizens and our allies."
LAST = "They will stay there as long as they are needed."


def q(pk, text, article=None, speaker=None, day=None, kind="quote"):
    return matching.quote_of(pk, article or pk, text, speaker=speaker, day=day, kind=kind)


def test_a_piece_is_found_inside_its_fuller_quote():
    a, b = matching.normalise(LAST), matching.normalise(FULL)
    assert matching.score(a, b) < matching.SAME_THRESHOLD  # one sentence of three: wording alone misses it
    assert matching.containment(a, b) == 100.0
    assert matching.similarity(a, b) == (100.0, "containment") and matching.tier(a, b) == "same"
    # A word changed inside the piece is a small edit; the same words scattered over a long
    # quote are not a piece of it.
    edited = matching.normalise(PIECE.replace("citizens", "people"))
    assert matching.containment(edited, b) >= matching.CONTAIN_SAME
    scattered = matching.normalise(
        "We said then, and will say again, that we send help when we can; troops are not the answer, nor is "
        "the border, and to protect our citizens is a duty owed to our neighbours and to our allies.")
    assert matching.containment(matching.normalise("we will send troops to the border to protect our allies"),
                                scattered) < matching.CONTAIN_POSSIBLE


def test_figures_are_read_however_written():
    assert matching.figures("4,000 troops") == matching.figures("4 000 военных") == matching.figures(
        "four thousand troops") == {"4000"}
    assert matching.figures("Turnout reached sixty-one percent") == matching.figures("61 percent") == {"61"}
    assert matching.figures("$1.2bn and 3,5 млн") == {"1200000000", "3500000"}
    assert matching.figures("No one knows; one of the best") == frozenset()


@pytest.mark.parametrize(("text", "values"), [
    ("Мы ждали одиннадцать месяцев", {"11"}),
    ("сократит путь с девяноста минут до сорока пяти", {"90", "45"}),
    ("шесть тысяч военных", {"6000"}),
    ("سيحصل كل شخص على راتب ستة أشهر", {"6"}),
    ("خمسة وعشرون جنديا", {"25"}),
    ("خمسة عشر يوما", {"15"}),
    ("ثلاثة آلاف جندي", {"3000"}),
    ("Послаћемо пет хиљада војника", {"5000"}),
    ("двадесет и пет одсто", {"25"}),
    ("on Sept 5 the mil budget for a pet", {"5"}),  # Latin-script number words of other languages are not read
])
def test_number_words_of_other_scripts_are_figures(text, values):
    assert matching.figures(text) == values


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("We will send 4,000 troops", "We will send 5,500 troops", True),
    ("Cases have risen 20 percent", "Cases have risen 25 percent", True),
    ("We sent 4,000 troops and 20 tanks", "We sent 4,000 troops", False),  # a piece leaves one out
    ("We sent 4,000 troops", "We sent four thousand troops", False),
    ("We sent troops", "We sent 4,000 troops", False),
])
def test_figures_conflict(a, b, conflict):
    assert matching.figures_conflict(a, b) is conflict
    assert matching.figures_conflict(matching.figures(a), matching.figures(b)) is conflict


def test_guards_keep_pairs_to_suggestions():
    base = q(1, FULL, speaker=7, day=740_000)
    other_figure = q(2, FULL.replace("4,000", "5,500"), speaker=7, day=740_000)
    other_speaker = q(3, FULL, speaker=8, day=740_000)
    years_later = q(4, FULL, speaker=7, day=740_000 + 3 * 365)
    unnamed = q(5, FULL, speaker=None, day=None)
    assert matching.judge(base, unnamed).tier == "same"
    for other, guard in ((other_figure, "figures"), (other_speaker, "speakers"), (years_later, "years")):
        link = matching.judge(base, other)
        assert (link.tier, link.guard) == ("possible", guard)
    assert matching.speakers_compatible(None, 3) and not matching.speakers_compatible(2, 3)


def test_a_piece_and_its_full_quote_are_one_cluster_and_the_fullest_is_kept():
    # The last sentence printed first, then the whole quote, then the middle sentence alone.
    batch = matching.cluster_all([q(1, LAST), q(2, FULL), q(3, PIECE)])
    assert {c: sorted(pk for pk, _, _ in m) for c, m in batch.clusters.items()} == {-1: [1, 2, 3]}
    assert batch.state.fullest[-1].id == 2 and batch.state.seed[-1].id == 1
    assert {pk: how for pk, _, how in batch.clusters[-1]}[2] == "containment"


def test_different_figures_never_cluster_even_through_a_piece():
    quotes = [q(1, FULL), q(2, PIECE), q(3, FULL.replace("4,000", "5,500")), q(4, PIECE.replace("4,000", "5,500"))]
    batch = matching.cluster_all(quotes)
    of = batch.state.cluster_of
    assert of[1] == of[2] and of[3] == of[4] and of[1] != of[3]
    guarded = [link for link in batch.suggestions if link.guard == "figures"]
    assert guarded, "the other figure is still shown to a reviewer"


def test_a_piece_without_figures_cannot_carry_one_figure_to_the_other():
    # Two outlets print the troops sentence without its number, one cut shorter still; the
    # 5,500 rendering must reach neither them nor, through them, the 4,000 one.
    full = "We will send 4,000 troops to the border, and they will stay there until the spring."
    shorter = "They will stay there until the..."
    piece = "and they will stay there until the spring."
    other = full.replace("4,000", "5,500")
    batch = matching.cluster_all([q(1, full), q(2, shorter), q(3, piece), q(4, other)])
    of = batch.state.cluster_of
    assert of[1] == of[3] and 4 not in of
    assert 4 in batch.suggested_for, "still shown to a reviewer"


def test_a_piece_inside_two_different_figures_is_only_suggested():
    bare = "They will stay there as long as they are needed, to protect our citizens and our allies."
    full = f"We will send 4,000 troops to the northern border. {bare}"
    batch = matching.cluster_all([q(1, full), q(2, full.replace("4,000", "5,500")), q(3, bare)])
    assert 3 not in batch.state.cluster_of
    assert sorted(link.other for link, pk in zip(batch.suggestions, batch.suggested_for, strict=True) if pk == 3) == [1, 2]


def test_a_guarded_better_match_does_not_hide_the_right_one():
    # The mayor's piece reads closer to the governor's line; the governor is another speaker.
    mayor = q(1, "We will rebuild every home that this flood destroyed, and we will do it before winter.", speaker=1)
    governor = q(2, "We will rebuild every home that this flood destroyed, and we will start this week.", speaker=2)
    piece = q(3, "We will rebuild every home that this flood destroyed.", speaker=1)
    batch = matching.cluster_all([mayor, governor, piece])
    of = batch.state.cluster_of
    assert of[3] == of[1] and of.get(2) != of[1]


def test_containment_does_not_chain_distinct_quotes():
    # Two different long quotes share one short stock phrase; neither joins the other's cluster.
    stock = "we will not leave anyone behind"
    a = [q(i, f"On the budget: {stock}, and the pension reform will pass parliament before the summer recess.")
         for i in (1, 2)]
    b = [q(i, f"On the floods: {stock}, and the army will stay in the valley until every road has reopened.")
         for i in (3, 4)]
    batch = matching.cluster_all(a + b + [q(5, stock.capitalize() + ".")])
    of = batch.state.cluster_of
    assert of[1] == of[2] and of[3] == of[4] and of[1] != of[3]


def test_claims_match_only_claims_and_need_near_copies():
    claim = "The strike would halt about 4,000 shipments a week, according to the port authority."
    quotes = [q(1, claim, kind="claim"), q(2, claim, kind="quote"), q(3, claim, kind="claim"),
              q(4, "The strike could halt shipments for weeks, the port authority warned on Monday.", kind="claim")]
    batch = matching.cluster_all(quotes)
    of = batch.state.cluster_of
    assert of[1] == of[3] and 2 not in of and 4 not in of


def test_a_quote_sharing_a_phrase_with_a_piece_does_not_join_its_cluster():
    """Seen at 1M synthetic quotes: a quote that shares one phrase and a common word with a piece
    (containment 87.5) and scores just over the bar of a suggestion against the cluster's seed
    (50.7) joined the cluster through the piece. Joining needs RELATED_MARGIN more."""
    seed = "baim birkshust rolreat brinsus faitaimchea canca babris braplout bigrou faichulken bachout beark"
    piece = "baim birkshust rolreat brinsus faitaimchea canca babris braplout"
    merged = seed + " bafeat babret babis shindwe beat gairkgea brisberan broubraigo bemgrond bomourk"
    near = ("neandnu gabru nekerk baim rolreat brinsus faitaimchea canca babris braplout bendstain badour "
            "beaplast breanpeatai bairkroststaist bristkeanzaist babis basdoubair")
    quotes = [matching.quote_of(i + 1, i + 1, t) for i, t in enumerate((seed, piece, merged, near))]
    assert matching.possible_threshold() <= matching.score(quotes[3].words, quotes[0].words) < (
        matching.possible_threshold() + matching.RELATED_MARGIN)
    assert matching.tier(quotes[3].words, quotes[1].words) == "same"  # the piece alone would link it
    batch = matching.cluster_all(quotes)
    members = {pk for m in batch.clusters.values() for pk, _, _ in m}
    assert members == {1, 2, 3}
    assert 4 in batch.suggested_for  # offered to a reviewer instead


def test_a_cluster_begun_in_another_language_takes_a_copy_of_its_match_by_its_words():
    """A translation started the cluster, so its seed and fullest rendering have no words to
    compare: an English copy of the English member joins by reading as that member does."""
    english = "We are ready to negotiate on fishing quotas, but not under pressure and not while our sailors are held."
    seed = matching.quote_of(1, 1, "Мы готовы к переговорам о квотах, но не под давлением и не пока наши моряки под арестом.")
    member = matching.quote_of(2, 2, english)
    state = matching.Clusters()
    state.cluster_of.update({1: -1, 2: -1})
    state.seed[-1] = state.fullest[-1] = seed
    state.speaker[-1] = None
    others = {2: member}
    copy = matching.quote_of(3, 3, english.replace("We are", "We're"))
    assert state.place(copy, matching.best_links(copy, [member]), others).cluster == -1


# -- a quote that merges two statements --------------------------------------------------------

SANCTIONS = ("“These sanctions are a political gesture with no economic effect. Belmora has lived under "
             "restrictions for six years, and our exports to Asia have doubled.”")
DIALOGUE = "“We are open to dialogue with every neighbour, but not to ultimatums from anyone.”"
MERGED = ("'These sanctions are a political gesture with no economic effect. We are open to dialogue with every "
          "neighbour, but not to ultimatums from anyone,'")


def test_a_quote_running_two_statements_together_is_cut_where_the_second_begins():
    a, b = (matching.quote_of(n, n, t, speaker=5, day=1) for n, t in ((1, SANCTIONS), (2, DIALOGUE)))
    merged = matching.quote_of(3, 3, MERGED, speaker=5, day=1)
    head_end, tail_start = matching.merged_at(merged, [a, b])
    assert MERGED[:head_end].endswith("no economic effect.") and MERGED[tail_start:].startswith("We are open")


def test_a_quote_whose_parts_stand_in_one_fuller_rendering_is_one_statement():
    whole = matching.quote_of(4, 4, SANCTIONS[:-1] + " " + DIALOGUE[1:], speaker=5, day=1)
    a, b = (matching.quote_of(n, n, t, speaker=5, day=1) for n, t in ((1, SANCTIONS), (2, DIALOGUE)))
    merged = matching.quote_of(3, 3, MERGED, speaker=5, day=1)
    assert matching.merged_at(merged, [a, b, whole]) is None
    assert matching.merged_at(merged, [whole]) is None
    assert matching.merged_at(merged, [a]) is None  # nothing links the second part
    other = matching.quote_of(3, 3, MERGED, speaker=6, day=1)  # another named speaker: guarded
    assert matching.merged_at(other, [a, b]) is None


def test_a_quote_with_a_misreported_figure_is_not_cut_to_let_its_other_part_link():
    a = matching.quote_of(1, 1, SANCTIONS, speaker=5, day=1)
    b = matching.quote_of(2, 2, "“Our exports to Asia have doubled in six years, and they will double again "
                                "by the end of the decade.”", speaker=5, day=1)
    misreported = matching.quote_of(3, 3, "“These sanctions are a political gesture with no economic effect. "
                                          "Our exports to Asia have doubled in nine years, and they will double "
                                          "again by the end of the decade.”", speaker=5, day=1)
    assert matching.merged_at(misreported, [a, b]) is None
    faithful = matching.quote_of(4, 4, misreported.text.replace("nine", "six"), speaker=5, day=1)
    assert matching.merged_at(faithful, [a, b]) is not None
