"""Articles in other languages through the import, the database and the pages."""

import json

import pytest
from django.urls import reverse

from factcheck.models import Article, Speaker, Statement
from factcheck.services.importing import import_jsonl, import_text
from factcheck.services.speakers import speaker_for

pytestmark = pytest.mark.django_db

RUSSIAN = """Переговоры продолжатся в пятницу

Министр иностранных дел России Сергей Лавров заявил, что переговоры о торговле продолжатся в пятницу.

«Мы готовы обсуждать все вопросы», — сказал Лавров журналистам.
"""
ARABIC = """افتتاح مدرسة جديدة

قال وزير التعليم خالد الرفاعي: «المدرسة ستستقبل ألف طالب في العام الأول».
"""


def test_language_is_detected_at_import_and_quotes_get_speakers():
    result = import_text(RUSSIAN)
    article = result.article
    assert article.language == "ru"
    quotes = Statement.objects.filter(article=article, kind="quote").order_by("start")
    assert [(q.quote_type, q.text, q.speaker.name) for q in quotes] == [
        ("indirect", "переговоры о торговле продолжатся в пятницу", "Сергей Лавров"),
        ("direct", "Мы готовы обсуждать все вопросы", "Сергей Лавров"),
    ]
    aliases = set(quotes[0].speaker.aliases.values_list("alias", flat=True))
    assert {"Сергей Лавров", "Sergey Lavrov"} <= aliases


def test_a_cyrillic_name_reaches_the_speaker_known_in_latin_letters():
    lavrov = speaker_for("Sergei Lavrov", "Russian Foreign Minister", ("Lavrov",))
    article = import_text(RUSSIAN).article
    quotes = Statement.objects.filter(article=article, kind="quote")
    assert {q.speaker_id for q in quotes} == {lavrov.pk}
    assert Speaker.objects.count() == 1
    aliases = set(lavrov.aliases.values_list("alias", flat=True))
    assert {"Sergei Lavrov", "Lavrov", "Сергей Лавров", "Sergey Lavrov"} <= aliases
    # and the surname alone, in Cyrillic, later
    assert speaker_for("Лавров").pk == lavrov.pk


def test_arabic_quotes_get_a_speaker_though_the_script_has_no_capitals():
    article = import_text(ARABIC).article
    assert article.language == "ar"
    quote = Statement.objects.get(article=article, kind="quote")
    assert quote.speaker.name == "خالد الرفاعي"
    assert article.text[quote.start:quote.end] == quote.text


def test_claims_in_another_language_say_which_signals_scored_them():
    article = import_text("Бюджет города\n\nВ 2024 году бюджет города вырос на 15%, сообщило министерство финансов.\n").article
    assert article.language == "ru"
    claim = Statement.objects.get(article=article, kind="claim")
    assert claim.reasons[0] == "no trained model for Russian: language-neutral signals only"


def test_jsonl_language_counts_only_when_the_text_is_too_short_to_tell():
    lines = [json.dumps({"title": "Kurz", "text": "OK.", "language": "de"}),
             json.dumps({"title": "Lang", "language": "en",
                         "text": "La ministre a déclaré que les écoles resteront ouvertes tout l'été."})]
    results = list(import_jsonl(lines, name="two.jsonl"))
    assert [r.article.language for r in results] == ["de", "fr"]


def test_language_shows_on_the_article_page_and_list(reviewer_client):
    article = import_text(ARABIC).article
    page = reviewer_client.get(article.get_absolute_url())
    html = page.content.decode()
    assert '<dd data-language="ar">Arabic</dd>' in html
    assert 'id="article-body" lang="ar" dir="rtl"' in html
    listing = reviewer_client.get(reverse("article-list")).content.decode()
    assert '<td data-language="ar">Arabic</td>' in listing
    assert Article.objects.get(pk=article.pk).language_name == "Arabic"


def test_an_arabic_name_reaches_the_latin_speaker_with_the_same_consonants():
    known = speaker_for("Khalid al-Rifai", "Education Minister")
    speaker_for("Khalil Rifaat")  # other consonants: not the same person
    article = import_text(ARABIC).article
    quote = Statement.objects.get(article=article, kind="quote")
    assert quote.speaker_id == known.pk
    assert "خالد الرفاعي" in set(known.aliases.values_list("alias", flat=True))


def test_two_latin_candidates_for_one_arabic_name_match_neither():
    speaker_for("Khalid al-Rifai")
    speaker_for("Khaled Al Rifaei")
    article = import_text(ARABIC).article
    assert Statement.objects.get(article=article, kind="quote").speaker.name == "خالد الرفاعي"
