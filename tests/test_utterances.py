"""The pieces of one quoted utterance: stored on import, exported as utterance_id, shown together
in the statement panel (HTTP and a real browser)."""

import csv
import io

import pytest
from django.urls import reverse

from factcheck.services.importing import import_text
from tests.conftest import browser_login, screenshot

TEXT = ("Flood defences hold in Marlow\n\n"
        "“The levees held,” Mayor Ruth Adeyemi said on Sunday, “and the pumps never stopped.”\n\n"
        "Engineers warned that the river could rise again by Wednesday, the council said.")


def pieces(article):
    return list(article.statements.filter(kind="quote", quote_type="direct").order_by("start"))


@pytest.mark.django_db
def test_import_stores_one_statement_per_piece_with_one_utterance(reviewer):
    article = import_text(TEXT, user=reviewer).article
    first, second = pieces(article)
    assert (first.text, second.text) == ("“The levees held,”", "“and the pumps never stopped.”")
    assert first.utterance == second.utterance is not None
    assert first.speaker.name == second.speaker.name == "Ruth Adeyemi"
    assert article.statements.get(quote_type="indirect").utterance is None


@pytest.mark.django_db
def test_csv_carries_utterance_id_last(reviewer_client, reviewer):
    article = import_text(TEXT, user=reviewer).article
    first, second = pieces(article)
    content = b"".join(reviewer_client.get(reverse("statement-queue"), {"export": "csv"}).streaming_content).decode()
    header = content.split("\r\n")[0].split(",")
    assert header[-1] == "utterance_id"
    rows = {r["statement_id"]: r for r in csv.DictReader(io.StringIO(content))}
    assert rows[str(first.pk)]["utterance_id"] == rows[str(second.pk)]["utterance_id"] == f"{article.pk}-{first.utterance}"
    others = [r for r in rows.values() if r["statement_id"] not in (str(first.pk), str(second.pk))]
    assert others and all(r["utterance_id"] == "" for r in others)


@pytest.mark.django_db
def test_panel_lists_the_parts_and_links_between_them(reviewer_client, reviewer):
    article = import_text(TEXT, user=reviewer).article
    first, second = pieces(article)
    page = reviewer_client.get(first.get_absolute_url()).content.decode()
    assert "Part 1 of 2 of one utterance" in page
    assert f'href="{second.get_absolute_url()}"' in page and "next part" in page
    panel = reviewer_client.get(second.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "Part 2 of 2" in panel and f'href="{first.get_absolute_url()}"' in panel and "previous part" in panel
    # a deleted piece drops out of the list; a lone piece shows no list at all
    second.deleted_at = second.created_at
    second.save(update_fields=["deleted_at"])
    assert "of one utterance" not in reviewer_client.get(first.get_absolute_url()).content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewer_moves_between_the_parts_in_the_browser(page, live_server, reviewer):
    article = import_text(TEXT, user=reviewer).article
    first, second = pieces(article)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}{first.get_absolute_url()}")
    page.wait_for_selector(".utterance")
    screenshot(page, "utterance-parts")
    page.click(".utterance a[rel=next]")
    page.wait_for_selector(f".st-panel[data-statement='{second.pk}']")
    assert "Part 2 of 2" in page.inner_text(".utterance")
    page.click(".utterance a[rel=prev]")
    page.wait_for_selector(f".st-panel[data-statement='{first.pk}']")


@pytest.mark.django_db
def test_a_body_is_shown_alike_in_panel_queue_and_csv(reviewer_client, reviewer):
    article = import_text("Ban stays\n\n“The ban stays in force,” the interior ministry said on Monday.", user=reviewer).article
    quote = article.statements.get(kind="quote")
    assert quote.speaker.name == "the interior ministry"
    assert "the interior ministry" in reviewer_client.get(quote.get_absolute_url()).content.decode()
    assert "the interior ministry" in reviewer_client.get(reverse("statement-queue")).content.decode()
    content = b"".join(reviewer_client.get(reverse("statement-queue"), {"export": "csv"}).streaming_content).decode()
    assert [r["speaker"] for r in csv.DictReader(io.StringIO(content)) if r["kind"] == "quote"] == ["the interior ministry"]


PARTIAL = ("Budget vote delayed\n\n"
           "Senator Ada Brenn said the spending plan was “dead on arrival” and would not pass before the recess.\n\n"
           "The vote was moved to Thursday.")


@pytest.mark.django_db
def test_a_partial_quote_stays_in_its_reported_statement_and_is_found_by_its_words(reviewer_client, reviewer):
    article = import_text(PARTIAL, user=reviewer).article
    reported = article.statements.get(kind="quote", quote_type="indirect")
    assert "“dead on arrival”" in reported.text and reported.quoted_words == ["“dead on arrival”"]
    assert not article.statements.filter(quote_type="direct").exists(), "no second statement for the same words"
    listing = reviewer_client.get(reverse("statement-queue"), {"q": '"dead on arrival"'}).content.decode()
    assert reported.get_absolute_url() in listing
    panel = reviewer_client.get(reported.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert "In the speaker's own words: <q>“dead on arrival”</q>" in panel
    # A correction that cuts the quoted words off leaves no stale passage on the panel.
    reported.text, reported.end = reported.text[:20], reported.start + 20
    reported.save(update_fields=["text", "end"])
    assert "own words" not in reviewer_client.get(reported.get_absolute_url()).content.decode()
