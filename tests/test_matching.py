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
    assert clusters() == online and stats["clusters"] == len(online)
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
