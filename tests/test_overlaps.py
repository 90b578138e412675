"""A claim sentence that is only a reported quote and its attribution is one item to check;
a partial overlap is shown on both; the extractor still reports both kinds."""

import json
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from factcheck.models import Statement
from factcheck.services import review
from factcheck.text.spans import relate

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


def span(pk, kind, start, end):
    return SimpleNamespace(pk=pk, kind=kind, start=start, end=end)


def test_the_rule_on_spans():
    # 'Russian Foreign Minister Sergei Lavrov said [Moscow is prepared to help its treaty ally].'
    claim, quote = span(1, "claim", 1346, 1433), span(2, "quote", 1390, 1432)
    # 'Despite ... Lavrov described the Western exit from the country as [“hasty withdrawal.”]'
    long_claim, label = span(3, "claim", 2060, 2172), span(4, "quote", 2153, 2172)
    far = span(5, "claim", 3000, 3100)
    carried, partly = relate([claim, quote, long_claim, label, far])
    assert carried == {1: 2}
    assert partly == {3: [4], 4: [3]}


@pytest.fixture
def lavrov(sample_article):
    statements = sample_article.statements.live()
    claim = statements.get(kind="claim", text__startswith="Russian Foreign Minister Sergei Lavrov said")
    quote = statements.get(kind="quote", text="Moscow is prepared to help its treaty ally")
    return claim, quote


def test_import_links_the_claim_to_the_quote_that_carries_it(sample_article, lavrov):
    claim, quote = lavrov
    assert claim.carried_by == quote
    partial = sample_article.statements.get(kind="claim", text__startswith="Despite the almost 20 years")
    assert partial.carried_by is None


def test_the_reviewer_sees_one_item_and_checks_it_once(reviewer_client, sample_article, lavrov):
    claim, quote = lavrov
    page = reviewer_client.get(sample_article.get_absolute_url())
    listed = [s.pk for s in page.context["statements"]]
    assert quote.pk in listed and claim.pk not in listed
    highlighted = {int(pk) for ids in re.findall(r'data-ids="([^"]+)"', page.content.decode()) for pk in ids.split()}
    assert quote.pk in highlighted and claim.pk not in highlighted
    queue = reviewer_client.get("/statements/", {"q": "treaty ally"})
    assert [s.pk for s in queue.context["page"].object_list] == [quote.pk]
    assert f'<td class="num">{claim.score:.2f}</td>' in queue.content.decode()
    # The quote carries the claim's check-worthiness and says so.
    panel = reviewer_client.get(quote.get_absolute_url(), **HX).content.decode()
    assert f"Check-worthiness {claim.score:.2f}" in panel
    assert "checked as this quote, once" in panel
    # Opened directly, the claim points at the quote.
    assert "it is checked as" in reviewer_client.get(claim.get_absolute_url(), **HX).content.decode()


def test_the_article_list_counts_what_the_article_page_lists(reviewer_client, sample_article, lavrov):
    from factcheck.models import Article

    page = reviewer_client.get(sample_article.get_absolute_url())
    listed = page.context["statements"]
    counted = Article.objects.with_counts().get(pk=sample_article.pk)
    assert counted.quote_count + counted.claim_count == len(listed) == page.context["counts"]["total"]
    assert counted.claim_count == sum(1 for s in listed if s.kind == "claim")


def test_a_partial_overlap_shows_the_link_on_both_panels(reviewer_client, sample_article):
    claim = sample_article.statements.get(kind="claim", text__startswith="Despite the almost 20 years")
    quote = sample_article.statements.get(kind="quote", text="“hasty withdrawal.”")
    for one, other in ((claim, quote), (quote, claim)):
        panel = reviewer_client.get(one.get_absolute_url(), **HX).content.decode()
        assert "Overlaps in part with" in panel and reverse("statement-detail", args=[other.pk]) in panel


def test_changes_to_the_spans_keep_the_link_current(reviewer, sample_article, lavrov):
    claim, quote = lavrov
    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer, data={"status": "dismissed"})
    claim.refresh_from_db()
    assert claim.carried_by is None  # not a quote after all: the claim is checked as a claim
    quote.refresh_from_db()
    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer, data={"status": "unreviewed"})
    claim.refresh_from_db()
    assert claim.carried_by_id == quote.pk
    review.statement_delete(statement_id=quote.pk, version=quote.version + 1, user=reviewer)
    claim.refresh_from_db()
    assert claim.carried_by is None
    review.statement_restore(statement_id=quote.pk, user=reviewer)
    claim.refresh_from_db()
    assert claim.carried_by_id == quote.pk
    quote.refresh_from_db()
    # Shortened to a few words, the quote no longer covers the claim's words.
    review.statement_update(statement_id=quote.pk, version=quote.version, user=reviewer,
                            data={"start": quote.start, "end": quote.start + 6})
    claim.refresh_from_db()
    assert claim.carried_by is None
    assert Statement.objects.to_check().filter(pk=claim.pk).exists()


def test_the_extractor_still_reports_both_kinds(tmp_path, sample_text):
    given = tmp_path / "a.jsonl"
    given.write_text(json.dumps({"id": "s", "text": sample_text}) + "\n")
    out = tmp_path / "p.jsonl"
    call_command("extract_statements", "--input", str(given), "--output", str(out))
    statements = json.loads(out.read_text())["statements"]
    texts = {(s["kind"], s["text"]) for s in statements}
    assert ("quote", "Moscow is prepared to help its treaty ally") in texts
    assert any(kind == "claim" and text.startswith("Russian Foreign Minister Sergei Lavrov said") for kind, text in texts)
