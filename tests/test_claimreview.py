"""ClaimReview says what was claimed and who claimed it the way a reader would."""

import pytest

from factcheck.models import Rating, Speaker, Statement
from factcheck.services import review
from factcheck.services.importing import import_text
from factcheck.services.reports import claim_review, claim_text
from factcheck.text.entities import is_body

pytestmark = pytest.mark.django_db


def approve(statement, reviewer, editor):
    rating = Rating.objects.get(label="True", scale__is_active=True)
    v = review.verdict_save(statement=statement, user=reviewer, rating=rating, rationale="On the record.", version=None)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    return review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)


def test_claim_reviewed_drops_the_quote_marks_and_the_comma_before_the_attribution(sample_article, reviewer, editor):
    quote = Statement.objects.get(article=sample_article, text__startswith="“We’ll do everything")
    assert quote.text.endswith("allies,”")
    data = claim_review(approve(quote, reviewer, editor), site_url="https://checks.example")
    assert data["claimReviewed"] == quote.text[1:-2]
    assert data["itemReviewed"]["author"] == {"@type": "Person", "name": "Sergei Lavrov"}


@pytest.mark.parametrize(("span", "claimed"), [
    ("“We will help,”", "We will help"),
    ('"We will help,"', "We will help"),
    ("“The situation,” he said, “is deteriorating.”", "The situation is deteriorating."),
    ("«Nous aiderons»", "Nous aiderons"),
    ("Moscow is prepared to help its treaty ally", "Moscow is prepared to help its treaty ally"),
    ("Crime fell 4% in 2020,", "Crime fell 4% in 2020"),
])
def test_claim_text(span, claimed):
    assert claim_text(span) == claimed


@pytest.mark.parametrize(("name", "body"), [
    ("the CSTO press service", True), ("the Kremlin", True), ("Russia's Defence Ministry", True),
    ("the White House", True), ("NATO", True),
    ("Sergei Lavrov", False), ("a Pentagon spokesperson", False), ("officials at the ministry", False),
    ("one Democrat familiar with the talks", False),
])
def test_bodies_are_told_from_people(name, body):
    assert is_body(name) is body


def test_a_body_speaker_is_an_organization(reviewer, editor):
    article = import_text("Base talks\n\nTASS, July 7, 2021\n\n“Exercises will be held near the border,” "
                          "the CSTO press service said.", user=reviewer, label="csto").article
    quote = article.statements.get(kind="quote")
    speaker = quote.speaker or Speaker.objects.create(name="the CSTO press service")
    quote.speaker = speaker
    quote.save()
    data = claim_review(approve(quote, reviewer, editor), site_url="https://checks.example")
    assert data["itemReviewed"]["author"]["@type"] == "Organization"
    assert data["claimReviewed"] == "Exercises will be held near the border"
    # A person marked as an organisation in the admin is one too.
    Speaker.objects.filter(pk=speaker.pk).update(name="Ivan Petrov", is_organisation=True)
    quote.refresh_from_db()
    assert claim_review(quote.verdict, site_url="https://x.example")["itemReviewed"]["author"]["@type"] == "Organization"
