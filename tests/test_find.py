"""Finding things: phrase search, what a search looks in, outlet filters, clean addresses, the
article list's search and sort, bulk actions that say what they did."""

import pytest
from django.urls import reverse

from factcheck.models import Article, Outlet, Statement
from factcheck.services.importing import import_text

pytestmark = pytest.mark.django_db
QUEUE = "/statements/"
HX = {"HTTP_HX_REQUEST": "true"}


def found(client, **params) -> list[Statement]:
    response = client.get(QUEUE, params)
    assert response.status_code == 200, response
    return list(response.context["page"].object_list)


def test_a_phrase_in_quotation_marks_finds_those_words_in_that_order(reviewer_client, sample_article):
    words = found(reviewer_client, q="military base")
    phrase = found(reviewer_client, q='"military base"')
    assert phrase and {s.pk for s in phrase} <= {s.pk for s in words}
    assert all("military base" in s.text.lower() for s in phrase)
    assert found(reviewer_client, q='"base military"') == []
    # Typographic marks typed or pasted, and a straight apostrophe for the article's curly one.
    assert found(reviewer_client, q="“military base”") == phrase
    lavrov = found(reviewer_client, q='"We\'ll do everything"')
    assert [s.text[:12] for s in lavrov] == ["“We’ll do ev"]


def test_statement_search_looks_at_the_statement_and_speaker_unless_asked_for_articles(reviewer_client, sample_article):
    # "Afghanistan" is in the title and in some statements: a plain search finds only those.
    plain = found(reviewer_client, q="Afghanistan")
    assert plain and all("afghanistan" in s.text.lower() for s in plain)
    assert len(plain) < sample_article.statements.to_check().count()
    assert {s.speaker.name for s in found(reviewer_client, q="Sultonov")} == {"Hasan Sultonov"}
    everything = found(reviewer_client, q="Afghanistan", in_articles="on")
    assert len(everything) == sample_article.statements.to_check().count()
    # The outlet's name, too, when article fields are asked for.
    assert len(found(reviewer_client, q="Global Research", in_articles="on")) == sample_article.statements.to_check().count()
    assert found(reviewer_client, q="Global Research") == []


def test_every_outlet_in_the_filter_finds_its_statements(reviewer_client, reviewer, sample_article):
    # The sample is Global Research's repost of Antiwar.com: the dotted name is the original outlet.
    antiwar = Outlet.objects.get(name="Antiwar.com")
    assert sample_article.original_outlet == antiwar
    import_text("Untitled note\n\nThe council said the budget rose by 4 percent in 2020.", user=reviewer,
                label="no outlet")
    loose = Article.objects.get(outlet__isnull=True)
    form = reviewer_client.get(QUEUE).context["form"]
    choices = [value for value, _ in form.fields["outlet"].choices if value]
    assert str(antiwar.pk) in choices and "none" in choices
    for value in choices:
        assert found(reviewer_client, outlet=value), f"outlet {value} finds nothing"
    assert {s.article_id for s in found(reviewer_client, outlet=antiwar.pk)} == {sample_article.pk}
    assert {s.article_id for s in found(reviewer_client, outlet="none")} == {loose.pk}


def test_empty_parameters_are_dropped_from_the_address(reviewer_client, sample_article):
    response = reviewer_client.get(QUEUE + "?q=&status=&kind=quote&outlet=&sort=")
    assert response.status_code == 302 and response["Location"] == QUEUE + "?kind=quote"
    assert reviewer_client.get(QUEUE + "?q=&status=")["Location"] == QUEUE
    partial = reviewer_client.get(QUEUE + "?q=&kind=quote", **HX)
    assert partial.status_code == 200 and partial["HX-Push-Url"] == QUEUE + "?kind=quote"
    assert reviewer_client.get("/?q=&sort=title")["Location"] == "/?sort=title"


def test_article_list_searches_and_sorts_newest_import_first(reviewer_client, reviewer, sample_article):
    older = import_text("Budget rises\n\nThe Ledger, March 3, 2024\n\nThe council said the budget rose by 4 percent.",
                        user=reviewer, label="b").article
    newest = import_text("Bridge closes\n\nThe Ledger, January 1, 2019\n\nThe mayor said the bridge will close.",
                         user=reviewer, label="c").article
    listed = list(reviewer_client.get("/").context["page"].object_list)
    assert listed == [newest, older, sample_article]  # by import, not by publication date
    by_published = list(reviewer_client.get("/", {"sort": "published"}).context["page"].object_list)
    assert by_published == [older, sample_article, newest]
    assert [a.title for a in reviewer_client.get("/", {"sort": "title"}).context["page"].object_list] == sorted(
        a.title for a in listed)
    assert list(reviewer_client.get("/", {"q": "bridge"}).context["page"].object_list) == [newest]
    assert list(reviewer_client.get("/", {"q": "ledger"}).context["page"].object_list) == [newest, older]
    assert list(reviewer_client.get("/", {"q": '"military base"'}).context["page"].object_list) == [sample_article]
    page = reviewer_client.get("/", {"q": "nothing-like-this"})
    assert b"No article matches this search." in page.content


def test_apply_with_nothing_ticked_says_so(reviewer_client, reviewer, sample_article):
    response = reviewer_client.post(reverse("statement-bulk"), {"status": "in_progress", "next": QUEUE}, follow=True)
    assert b"Nothing is ticked" in response.content
    assert b"0 statements updated" not in response.content
    assert not Statement.objects.filter(status="in_progress").exists()
    one = sample_article.statements.first()
    response = reviewer_client.post(reverse("statement-bulk"), {"ids": [one.pk], "next": QUEUE}, follow=True)
    assert b"Choose whom to assign" in response.content
    response = reviewer_client.post(reverse("statement-bulk"), {"ids": [one.pk], "status": "in_progress", "next": QUEUE},
                                    follow=True)
    assert b"1 statement updated." in response.content
