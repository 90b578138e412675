"""Matching queued per batch of imported articles (issue 14, import cost): the same clusters and
suggestions as matching article by article and as the quote-by-quote rebuild, and a number of
queries per article that does not grow with its quotes."""

import io
import json

import pytest
from django.db import connection
from django.tasks import task_backends
from django.test import override_settings

from factcheck.models import (
    Appearance,
    ImportJob,
    MatchSuggestion,
    QuoteCluster,
    QuoteKey,
    Statement,
)
from factcheck.services import importing
from factcheck.services import matching as service
from factcheck.tasks import match_article_quotes

QUEUED = {"TASKS": {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}}

FULL = ("The harbour will close for repairs on the first of March. We have set aside 12 million for the new "
        "sea wall and the work will take two summers. Ferries will use the north pier until then.")
PIECE = "We have set aside 12 million for the new sea wall and the work will take two summers."
OTHER = ("Nobody on this council voted to sell the old library, and nobody will while I am the mayor of this "
         "town, whatever the developers promise.")
CLAIM = "The council approved the harbour budget by seven votes to two on Tuesday evening after a long debate."


def records() -> list[dict]:
    """Reposts, pieces, a changed figure, a claim copied around, another speaker, and a second
    round two years later; published in import order, the order the rebuild follows."""
    renderings = [
        (FULL, "Mayor Ines Kowalski"), (PIECE, "Mayor Ines Kowalski"),
        (FULL.replace("12 million", "15 million"), "Mayor Ines Kowalski"), (OTHER, "Mayor Ines Kowalski"),
        (FULL, "Councillor Omar Haddad"), (FULL.replace("two summers", "two years"), "Mayor Ines Kowalski"),
        (PIECE, "Mayor Ines Kowalski"), (OTHER + " Nobody.", "Mayor Ines Kowalski"),
    ]
    out = []
    for n in range(16):
        quote, speaker = renderings[n % len(renderings)]
        day = f"{2024 + n // 8 * 2}-02-{n + 1:02d}"
        second = renderings[(n * 3 + 1) % len(renderings)][0]
        text = (f"Harbour news, edition {n}.\n\n“{quote}” {speaker} said.\n\n“{second}” she added.\n\n"
                + (CLAIM if n % 3 else "The weather stayed calm all week."))
        out.append({"url": f"https://harbour.example/{n}", "outlet": f"Outlet {n % 5}", "title": f"Harbour {n}",
                    "published": day, "text": text})
    return out


def outcome() -> tuple:
    """Clusters and suggestions, by statement (article URL, span): ids differ between runs."""
    where = {pk: (url, start) for pk, url, start in Statement.objects.values_list("pk", "article__url", "start")}
    clusters: dict[int, set] = {}
    for statement_id, cluster_id in Appearance.objects.values_list("statement_id", "cluster_id"):
        clusters.setdefault(cluster_id, set()).add(where[statement_id])
    fullest = {c: where[f] for c, f in QuoteCluster.objects.values_list("pk", "fullest_id")}
    suggestions = sorted((where[s], where[c], round(score, 2), guard, how) for s, c, score, guard, how in
                         MatchSuggestion.objects.values_list("statement_id", "candidate_id", "score", "guard", "how"))
    return sorted((sorted(m), fullest[c]) for c, m in clusters.items()), suggestions


def forget_matching() -> None:
    Appearance.objects.all().delete()
    QuoteCluster.objects.all().delete()
    MatchSuggestion.objects.all().delete()
    QuoteKey.objects.all().delete()


def queued_lexical() -> list[list[int]]:
    return [r.args[0] for r in task_backends["default"].results if r.task.func is match_article_quotes.func]


@pytest.mark.django_db
def test_batched_matching_gives_what_article_by_article_and_the_rebuild_give(
        monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(importing, "JOB_BATCH_LINES", 5)
    with override_settings(**QUEUED):
        with django_capture_on_commit_callbacks(execute=True):
            results = list(importing.import_jsonl([json.dumps(r) for r in records()], name="harbour.jsonl"))
        assert all(r.status == "created" for r in results)
        batches = queued_lexical()
    ids = [r.article.pk for r in results]
    # One task per five lines, the articles in import order.
    assert batches == [ids[i:i + 5] for i in range(0, len(ids), 5)]
    for batch in batches:
        service.articles_match(batch)
    batched = outcome()
    clusters, suggestions = batched
    assert any(len(members) >= 3 for members, _ in clusters) and suggestions

    forget_matching()
    for article_id in ids:
        service.article_match(article_id)
    assert outcome() == batched

    service.match_rebuild()
    assert outcome() == batched


@pytest.mark.django_db
def test_a_background_import_queues_one_matching_task_per_run(reviewer, django_capture_on_commit_callbacks):
    payload = "\n".join(json.dumps(r) for r in records()[:7])
    job = ImportJob.objects.create(name="harbour.jsonl", payload=payload, total=7, user=reviewer)
    with override_settings(**QUEUED):
        with django_capture_on_commit_callbacks(execute=True):
            assert importing.import_job_run(job.pk, max_lines=4) is False
            assert importing.import_job_run(job.pk, max_lines=4) is True
        batches = queued_lexical()
    urls = [[Statement.objects.filter(article_id=a).values_list("article__url", flat=True).first() for a in b]
            for b in batches]
    assert urls == [[f"https://harbour.example/{n}" for n in range(4)],
                    [f"https://harbour.example/{n}" for n in range(4, 7)]]


@pytest.mark.django_db
def test_a_failing_article_leaves_the_rest_of_its_batch_matched(monkeypatch):
    with override_settings(**QUEUED):  # nothing matched on import: the batch is run below
        results = list(importing.import_jsonl([json.dumps(r) for r in records()[:4]], name="h.jsonl"))
    ids = [r.article.pk for r in results]
    real = service.article_match

    def flaky(article_id):
        if article_id == ids[1]:
            raise RuntimeError("a broken article")
        return real(article_id)

    monkeypatch.setattr(service, "article_match", flaky)
    service.articles_match(ids)
    matched = set(QuoteKey.objects.values_list("statement__article_id", flat=True))
    assert matched == {ids[0], ids[2], ids[3]}


@pytest.mark.django_db
def test_resume_imports_matches_what_a_stopped_worker_left_unmatched(django_capture_on_commit_callbacks):
    """A worker killed in the middle of a batch loses the batch's transaction: its articles are
    imported and unmatched. resume_imports queues them again once they are older than the cutoff,
    and they are placed as if nothing had happened."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from factcheck.models import Article

    with override_settings(**QUEUED):  # the worker never ran the batches
        results = list(importing.import_jsonl([json.dumps(r) for r in records()[:6]], name="h.jsonl"))
    ids = [r.article.pk for r in results]
    service.articles_match(ids[:3])  # the first batch was matched before the worker stopped
    expected_first = outcome()
    assert service.articles_unmatched(timezone.now()) == ids[3:]
    # Too young: its matching may still be waiting in the queue.
    assert service.articles_unmatched(timezone.now() - timedelta(minutes=5)) == []

    Article.objects.filter(pk__in=ids).update(imported_at=timezone.now() - timedelta(hours=1))
    with override_settings(**QUEUED):
        call_command("resume_imports", stdout=io.StringIO())
        batches = queued_lexical()
    assert batches[-1] == ids[3:]
    service.articles_match(batches[-1])  # as the worker would
    assert service.articles_unmatched(timezone.now()) == []
    resumed = outcome()
    forget_matching()
    service.articles_match(ids)
    assert resumed == outcome() and resumed != expected_first


@pytest.mark.django_db
def test_queries_per_article_do_not_grow_with_its_quotes(django_assert_max_num_queries):
    """Imported without matching (the commit hooks never run here), then matched as a batch."""
    def batch(n_articles: int, n_quotes: int, tag: str) -> list[int]:
        lines = []
        for n in range(n_articles):
            quotes = "\n\n".join(
                f"“The {w} plan number {i} will be put to the vote at the next meeting of the council,” Mayor "
                f"Ines Kowalski said of edition {tag}." for i, w in enumerate(
                    "harbour school road bridge park library tram pool".split()[:n_quotes]))
            lines.append(json.dumps({"url": f"https://harbour.example/{tag}/{n}", "outlet": f"Outlet {n}",
                                     "title": f"Plans {n}", "text": f"Council plans {tag} {n}.\n\n{quotes}"}))
        with override_settings(**QUEUED):
            return [r.article.pk for r in importing.import_jsonl(lines, name=f"{tag}.jsonl")]

    few, many = batch(3, 2, "a"), batch(3, 8, "b")
    assert Statement.objects.filter(article_id=many[-1], kind="quote").count() == 8
    # The batch's transaction, then per article its savepoint and seven queries whatever its
    # number of quotes (the candidates in one on PostgreSQL, two on SQLite): its statements, with
    # their clusters and whether a pair of theirs was ever rejected; the candidates; theirs, with
    # their clusters; the speakers read as others (name parts with an offer, bodies); appearances,
    # suggestions and keys written.
    # A new cluster is one insert more.
    per_article = 2 + (7 if connection.vendor == "postgresql" else 8)
    with django_assert_max_num_queries(2 + 3 * per_article + 1):
        assert service.articles_match(few) == 2 * 2  # the first article's quotes start the clusters
    with django_assert_max_num_queries(2 + 3 * per_article + 1):
        assert service.articles_match(many) == 2 + 2 * 8


@pytest.mark.django_db
def test_the_database_index_ranks_candidates_as_the_memory_index_does():
    """The key table's queries (one on PostgreSQL, reading each key's postings once up to its
    rarity limit; two on SQLite) against MemoryIndex, the rules the rebuild uses: the same
    candidates in the same order, common words and boilerplate pairs past their limits included."""
    from factcheck import matching
    from factcheck.models import Article, Outlet
    from factcheck.synthetic import Generator

    items = Generator(3).corpus(1200)
    boiler = "please click the share buttons above or below to send this story to a friend today"
    texts = [it.text for it in items] + [f"{boiler} {w}" for w in Generator(4).sentence(matching.RARE_PAIR_DF + 30)]
    outlet = Outlet.objects.create(name="Index")
    articles = Article.objects.bulk_create(Article(outlet=outlet, title=str(i), text=t, content_hash=f"index-{i}")
                                           for i, t in enumerate(texts))
    statements = Statement.objects.bulk_create(Statement(article=a, kind="quote", quote_type="direct", start=0,
                                                                         end=len(a.text), text=a.text)
                                               for a in articles)
    memory, keys_of = matching.MemoryIndex(), {}
    for st in statements:
        keys_of[st.pk] = matching.keys_of(matching.normalise(st.text))
        memory.add(st.pk, [], keys_of[st.pk])
    service.DbIndex().add_many(keys_of)
    # Every kind of key past its limit is met: common words, and the boilerplate's pairs.
    common_words = sum(len(memory.postings[k]) > matching.RARE_WORD_DF for st in statements for k in keys_of[st.pk].words)
    common_pairs = sum(len(memory.postings[k]) > matching.RARE_PAIR_DF for st in statements for k in keys_of[st.pk].pairs)
    assert common_words and common_pairs

    sample = statements[::25] + statements[-5:]
    quotes = [matching.Quote(st.pk, st.article_id, matching.normalise(st.text)) for st in sample]
    # Asked together, as one article's statements: none is the others' candidate.
    found = service.DbIndex().candidates_many(quotes, {q.id: keys_of[q.id] for q in quotes})
    own = {q.id for q in quotes}
    for q in quotes:
        assert found[q.id] == memory.candidates(q.id, q.words, keys_of[q.id], exclude=own), q.id
    assert sum(bool(f) for f in found.values()) > len(quotes) // 3  # not a comparison of empty lists


@pytest.mark.django_db
def test_any_of_reads_rows_by_id_as_in_does():
    """`pk__any`: one array on PostgreSQL, IN on SQLite; the same rows either way."""
    from factcheck.models import Article, Outlet

    outlet = Outlet.objects.create(name="Any")
    ids = [a.pk for a in Article.objects.bulk_create(
        Article(outlet=outlet, title=str(i), text=f"text {i}", content_hash=f"any-{i}") for i in range(5))]
    assert sorted(Article.objects.filter(pk__any=ids[1:4]).values_list("pk", flat=True)) == ids[1:4]
    assert sorted(Article.objects.exclude(pk__any=ids[1:4]).values_list("pk", flat=True)) == [ids[0], ids[4]]
    assert not Article.objects.filter(pk__any=[]).exists()
    subquery = Article.objects.filter(title__in=["0", "4"]).values("pk")
    assert sorted(Article.objects.filter(pk__any=subquery).values_list("pk", flat=True)) == [ids[0], ids[4]]
