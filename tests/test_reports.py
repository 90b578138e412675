"""The CSV claim report and ClaimReview JSON-LD."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from factcheck.models import Appearance, Rating, Statement
from factcheck.services import matching, review
from factcheck.services.importing import import_paths
from factcheck.services.reports import CSV_COLUMNS
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db
HEADER = ("statement_id,kind,quote_type,text,speaker,speaker_role,article_title,outlet,article_url,published,"
          "original_outlet,status,rating,rationale,source_urls,stances,reviewer,editor,approved_at,cluster_id,"
          "other_outlets,first_outlet,first_published,statement_url,utterance_id")


@pytest.fixture
def checked(sample_path, reviewer, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        list(import_paths([sample_path, FIXTURES / "reuters_lavrov.txt", FIXTURES / "tass_lavrov.txt"], user=reviewer))
    quote = Statement.objects.get(text__startswith="“We’ll do everything")
    review.evidence_add(statement=quote, user=reviewer, url="https://mid.ru/1", stance="supports")
    review.evidence_add(statement=quote, user=reviewer, url="https://tass.com/2", stance="context")
    rating = Rating.objects.get(label="True", scale__is_active=True)
    v = review.verdict_save(statement=quote, user=reviewer, rating=rating, rationale="Said on 7 July,\nin Moscow.",
                            version=None)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)
    return quote


def read_csv(content: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content)))


def test_queue_export_has_the_exact_header_and_follows_filters(reviewer_client, checked):
    response = reviewer_client.get(reverse("statement-queue"), {"kind": "quote", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    assert content.split("\r\n")[0] == HEADER
    rows = read_csv(content)
    assert {r["kind"] for r in rows} == {"quote"}
    row = next(r for r in rows if r["statement_id"] == str(checked.pk))
    assert row["rating"] == "True" and row["status"] == "approved"
    assert row["rationale"] == "Said on 7 July,\nin Moscow."  # newline kept inside a quoted cell
    assert row["source_urls"] == "https://mid.ru/1 | https://tass.com/2" and row["stances"] == "supports | context"
    assert row["reviewer"] == "rita" and row["editor"] == "edith" and row["approved_at"]
    assert row["other_outlets"] == "2" and row["first_outlet"] in ("Reuters", "TASS")
    assert row["first_published"] == "2021-07-07" and row["published"] == "2021-07-11"
    assert row["original_outlet"] == "Antiwar.com" and row["speaker"] == "Sergei Lavrov"
    assert row["statement_url"] == f"http://testserver/statements/{checked.pk}/"


def test_approved_only_in_one_click(reviewer_client, checked):
    response = reviewer_client.get(reverse("statement-queue"), {"export": "csv", "approved": "1", "bom": "1"})
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeff")
    assert [r["statement_id"] for r in read_csv(content.lstrip("\ufeff"))] == [str(checked.pk)]


def test_csv_injection_is_neutralised(reviewer_client, reviewer):
    from factcheck.services.importing import import_text

    article = import_text('Headline\n\n=HYPERLINK("http://evil.example","click") was posted, the site said.').article
    review.statement_create(article=article, start=0, end=article.text.index(" was"), kind="claim", user=reviewer)
    content = b"".join(reviewer_client.get(reverse("statement-queue"), {"export": "csv"}).streaming_content).decode()
    texts = [r["text"] for r in read_csv(content)]
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_export_needs_access(client, outsider, checked):
    assert client.get(reverse("statement-queue"), {"export": "csv"}).status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("statement-queue"), {"export": "csv"}).status_code == 403


def test_export_report_command(tmp_path, checked):
    out = tmp_path / "report.csv"
    call_command("export_report", "--status", "approved", "--since", "2021-07-01", "--output", str(out))
    rows = read_csv(out.read_text(encoding="utf-8"))
    assert list(rows[0]) == CSV_COLUMNS and [r["statement_id"] for r in rows] == [str(checked.pk)]
    call_command("export_report", "--outlet", "Reuters", "--output", str(out))
    assert {r["outlet"] for r in read_csv(out.read_text())} == {"Reuters"}
    call_command("export_report", "--until", "2000-01-01", "--output", str(out))
    assert read_csv(out.read_text()) == []
    feed = tmp_path / "claimreview.json"
    call_command("export_report", "--format", "claimreview", "--outlet", "Global Research", "--output", str(feed))
    assert [i["claimReviewed"][:12] for i in json.loads(feed.read_text())["@graph"]] == ["We’ll do eve"]
    call_command("export_report", "--format", "claimreview", "--outlet", "Reuters", "--output", str(feed))
    assert json.loads(feed.read_text())["@graph"] == []


def test_claimreview_has_every_required_field(client, checked):
    feed = client.get(reverse("claimreview-feed")).json()  # public: no login
    (item,) = feed["@graph"]
    assert item["@type"] == "ClaimReview" and item["claimReviewed"].startswith("We’ll do everything")
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"] == {"@type": "Person", "name": "Sergei Lavrov"}
    # each article once, and only where the verdict reaches: not the Reuters lede, joined by
    # meaning and not yet confirmed (Reuters is there by its direct quote)
    assert Appearance.objects.filter(how=Appearance.How.REWORDED, statement__article__outlet__name="Reuters").exists()
    assert sorted(a["publisher"]["name"] for a in claim["appearance"]) == ["Global Research", "Reuters", "TASS"]
    assert claim["firstAppearance"]["publisher"]["name"] in ("Reuters", "TASS")
    rating = item["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"], rating["alternateName"]) == (6, 6, 0, "True")
    assert item["datePublished"] and item["url"].endswith(f"/checks/{checked.verdict.pk}/")
    page = client.get(item["url"])
    assert page.status_code == 200 and b'application/ld+json' in page.content
    assert json.loads(page.content.decode().split('application/ld+json">')[1].split("</script>")[0])["@type"] == "ClaimReview"
    assert b"Said on 7 July" in page.content and b"mid.ru" not in page.content  # nothing internal


def test_unapproved_verdicts_never_appear(client, sample_article, reviewer):
    rating = Rating.objects.get(label="False", scale__is_active=True)
    quote = sample_article.statements.filter(kind="quote").first()
    v = review.verdict_save(statement=quote, user=reviewer, rating=rating, rationale="draft", version=None)
    assert client.get(reverse("claimreview-feed")).json()["@graph"] == []
    assert client.get(reverse("verdict-public", args=[v.pk])).status_code == 404
    review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    assert client.get(reverse("verdict-public", args=[v.pk])).status_code == 404


def test_dashboard_for_editors(client, editor, reviewer, checked):
    client.force_login(reviewer)
    assert client.get(reverse("dashboard")).status_code == 403
    client.force_login(editor)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Statements by status" in html and "Approved verdicts by rating" in html
    # the Reuters lede reports the quote too (joined by meaning, unconfirmed): four appearances,
    # headed by Reuters' own quotation of the words, not by its lede
    assert "/statements/?verdict=approved&amp;rating=" in html and "4 appearances in 3 outlets" in html
    first = matching.cluster_first(Statement.objects.get(pk=checked.pk).appearance.cluster_id)
    assert (first.statement.article.outlet.name, first.statement.quote_type) == ("Reuters", "direct")
    assert [tie.statement.article.outlet.name for tie in first.same_day] == ["TASS"]  # not Reuters' own lede
