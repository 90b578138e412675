"""The page of a quote reprinted hundreds of times: a summary of all, a page of appearances,
wording differences that are wording."""

import re

import pytest
from django.urls import reverse

from factcheck.benchdata import seed_cluster
from factcheck.services.presenting import word_diff

pytestmark = pytest.mark.django_db


def test_a_large_cluster_is_paginated_and_keeps_the_whole_timeline(reviewer_client):
    cluster = seed_cluster(120, outlets=7)
    url = reverse("cluster-detail", args=[cluster.pk])
    first = reviewer_client.get(url)
    html = first.content.decode()
    assert "Sergei Lavrov: one quote, 120 appearances in 7 outlets" in html  # the heading names the speaker
    assert "Appearances 1–50 of 120" in html
    assert html.count('<tr>') - 1 == 50  # the header row and 50 appearances
    assert html.count('class="spread-dot') == 120  # the timeline shows every appearance
    assert html.count('<span class="badge">first</span>') == 1
    assert 'href="?page=2#appearances"' in html
    last = reviewer_client.get(url, {"page": 3}).content.decode()
    assert "Appearances 101–120 of 120" in last and last.count('<tr>') - 1 == 20
    assert last.count('class="spread-dot') == 120 and '<span class="badge">first</span>' not in last
    assert reviewer_client.get(url, {"page": "junk"}).status_code == 200


def test_typographic_variants_are_not_wording_changes():
    curly = "“We’ll do everything — now,” he said."
    assert "<del>" not in word_diff(curly, "\"We'll do everything - now,\" he said.")
    assert "<ins>" not in word_diff(curly, "“We’ll do everything – now,”\u00a0he said.")
    real = str(word_diff(curly, "\"We'll do nothing - now,\" he said."))
    assert re.findall(r"<del>(.*?)</del>", real) == ["everything"] and re.findall(r"<ins>(.*?)</ins>", real) == ["nothing"]
    assert real.startswith("&quot;We&#x27;ll do")  # the appearance's own spelling is shown


def test_the_cluster_page_marks_only_real_changes(reviewer_client):
    cluster = seed_cluster(30, outlets=3)
    html = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    # Retyped with straight marks and one word added: only the word is marked.
    retyped = [r for r in rows if "&quot;We will do everything" in r]
    assert retyped, "the seed retypes some appearances with straight marks and a word more"
    for r in retyped:
        assert "wording changed" in r
        assert re.findall(r"<ins>(.*?)</ins>", r) == ["possible"] and "<del>" not in r


def test_punctuation_at_a_words_edge_is_no_wording_change():
    assert "<del>" not in word_diff("“near the border,” he said", "near the border,\" he said")
    assert "<ins>" not in word_diff("to protect our land,” Lavrov said", "to protect our land Lavrov said")


def test_a_translation_in_the_cluster_is_said_to_be_one_not_struck_through(reviewer_client):
    from factcheck.models import Appearance, Article, Outlet, Statement

    cluster = seed_cluster(3, outlets=2)
    first = cluster.appearances.order_by("pk").first().statement
    words = "Мы сделаем все, чтобы защитить союзников"
    article = Article.objects.create(outlet=Outlet.objects.get_or_create(name="ТАСС")[0], title="Лавров о базе",
                                     text=f"«{words}», — заявил Лавров.",
                                     published=first.article.published, language="ru", content_hash="tass-ru")
    russian = Statement.objects.create(article=article, kind="quote", quote_type="direct", start=1, end=1 + len(words),
                                       text=words, speaker=first.speaker)
    Appearance.objects.create(statement=russian, cluster=cluster, how=Appearance.How.REWORDED)
    html = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    row = next(r for r in html.split("<tbody>")[1].split("<tr>")[1:] if "ТАСС" in r)
    assert "in Russian: a translation, not compared word for word" in row and "<del>" not in row
