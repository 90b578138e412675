"""Optimistic locking under real concurrent transactions (50 threads, one verdict)."""

import threading

import pytest
from django.db import connection, connections

from factcheck.models import Change, Rating, Verdict
from factcheck.services import review

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
THREADS = 50


def run_threads(target):
    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)


def test_fifty_editors_one_verdict_no_lost_update(sample_article, reviewer, rating_scale):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (DATABASE_URL)")
    rating = Rating.objects.filter(scale__is_active=True).first()
    statement = sample_article.statements.first()
    verdict = review.verdict_save(statement=statement, user=reviewer, rating=rating, rationale="v0", version=None)
    start_version = verdict.version
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def same_version(i):
        try:
            barrier.wait()
            try:
                review.verdict_save(statement=statement, user=reviewer, rating=rating,
                                    rationale=f"round1-{i}", version=start_version)
                result = "ok"
            except review.Conflict:
                result = "conflict"
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    run_threads(same_version)
    assert outcomes.count("ok") == 1 and outcomes.count("conflict") == THREADS - 1

    accepted: list[str] = []

    def retry_until_saved(i):
        try:
            while True:
                current = Verdict.objects.get(pk=verdict.pk).version
                try:
                    review.verdict_save(statement=statement, user=reviewer, rating=rating,
                                        rationale=f"round2-{i}", version=current)
                except review.Conflict:
                    continue
                with lock:
                    accepted.append(f"round2-{i}")
                return
        finally:
            connections.close_all()

    run_threads(retry_until_saved)
    final = Verdict.objects.get(pk=verdict.pk)
    assert len(accepted) == THREADS
    assert final.version == start_version + 1 + THREADS  # one accepted change per version
    updates = Change.objects.filter(model="verdict", object_id=verdict.pk, action="update")
    saved = {c.changes["rationale"][1] for c in updates}
    assert set(accepted) <= saved  # every accepted change is in history: 0 lost updates
    assert updates.count() == 1 + THREADS
    assert final.rationale == updates.order_by("-at", "-pk").first().changes["rationale"][1]


RACERS = 20


def race(request_for) -> list[tuple[int, str]]:
    """RACERS people send one request each at the same moment, over HTTP (a test client each)."""
    barrier = threading.Barrier(RACERS)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def run(i):
        try:
            barrier.wait()
            response = request_for(i)
            with lock:
                results.append((response.status_code, response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def signed_in_clients():
    from django.test import Client

    from tests.conftest import make_user

    clients = []
    for i in range(RACERS):
        client = Client()
        client.force_login(make_user(f"racer{i:02d}", "reviewer"))
        clients.append(client)
    return clients


def test_twenty_first_verdicts_at_once_one_wins_the_others_are_told_who(sample_article, rating_scale):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency: PostgreSQL (DATABASE_URL)")
    from django.urls import reverse

    statement = sample_article.statements.first()
    rating = Rating.objects.filter(scale__is_active=True).first()
    clients = signed_in_clients()
    results = race(lambda i: clients[i].post(reverse("verdict-save", args=[statement.pk]),
                                             {"rating": rating.pk, "rationale": f"mine {i}"}, HTTP_HX_REQUEST="true"))
    assert sorted(code for code, _ in results) == [200] + [409] * (RACERS - 1)
    winner = Verdict.objects.get(statement=statement).author.username
    for code, body in results:
        if code == 409:
            assert f"already created by {winner}; reload" in body
    assert Change.objects.filter(model="verdict", action="create").count() == 1


def test_twenty_creations_of_one_span_at_once(sample_article):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency: PostgreSQL (DATABASE_URL)")
    from django.urls import reverse

    from factcheck.models import Statement

    start = sample_article.text.index("20,000 reservists")
    end = start + len("20,000 reservists")
    clients = signed_in_clients()
    results = race(lambda i: clients[i].post(reverse("statement-create", args=[sample_article.pk]),
                                             {"start": start, "end": end, "kind": "claim"}, HTTP_HX_REQUEST="true"))
    assert sorted(code for code, _ in results) == [200] + [409] * (RACERS - 1)
    created = Statement.objects.get(article=sample_article, start=start, end=end, kind="claim")
    for code, body in results:
        if code == 409:
            assert f"already a claim, created by {created.created_by.username}; reload" in body


def test_twenty_answers_about_one_variant_at_once_join_it_once(db):
    """'Rustam Sultonov' may be either of two people; twenty reviewers answer both offers at
    once: one join wins, the others are told the offer changed, and nobody deadlocks."""
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency: PostgreSQL (DATABASE_URL)")
    import json

    from django.urls import reverse

    from factcheck.models import SpeakerAliasOffer, Statement
    from factcheck.services.importing import import_jsonl
    from tests.test_aliases import record_of

    results = list(import_jsonl([json.dumps(record_of(1, "Rustam Sultanov")),
                                 json.dumps(record_of(2, "Rustam Saltonov", quote="Tolls will stay")),
                                 json.dumps(record_of(3, "Rustam Sultonov", quote="The ferry will stop in May"))],
                                name="race"))
    variant = Statement.objects.get(article=results[2].article, kind="quote")
    offers = list(SpeakerAliasOffer.objects.filter(variant_id=variant.speaker_id).order_by("pk"))
    assert len(offers) == 2
    clients = signed_in_clients()
    # each form carries the two people it showed, as the panel's does
    answers = race(lambda i: clients[i].post(reverse("alias-offer-decide", args=[offers[i % 2].pk, "confirm"]),
                                             {"panel": variant.pk, "pair": f"{offers[i % 2].speaker_id}-{variant.speaker_id}"},
                                             HTTP_HX_REQUEST="true"))
    assert sorted(code for code, _ in answers) == [200] + [409] * (RACERS - 1)
    joined = Statement.objects.get(pk=variant.pk).speaker_id
    assert joined in {offer.speaker_id for offer in offers}
    assert SpeakerAliasOffer.objects.filter(state="confirmed").count() == 1
