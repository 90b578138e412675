"""'Possibly the same person' in a real Chromium: the offer beside the speaker on the panel,
confirmed with one button; the message says so and the panel names the speaker it joined.
(The `page` fixture fails the test on any console error.)"""

import json

import pytest
from playwright.sync_api import expect

from factcheck.models import SpeakerAliasOffer, Statement
from factcheck.services.importing import import_jsonl
from tests.conftest import browser_login, screenshot
from tests.test_aliases import record_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reviewer_confirms_a_spelling_variant_on_the_panel(page, live_server, reviewer):
    results = list(import_jsonl([json.dumps(record_of(1, "Rustam Sultanov")),
                                 json.dumps(record_of(2, "Rustam Sultonov"))], name="test"))
    variant = Statement.objects.get(article=results[1].article, kind="quote")
    offer = SpeakerAliasOffer.objects.get()

    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}/statements/{variant.pk}/")
    summary = page.locator("#st-summary")
    expect(summary.locator(".who")).to_contain_text("Rustam Sultonov")
    shown = summary.locator(f"[data-alias-offer='{offer.pk}']")
    expect(shown).to_contain_text("surname one letter apart, same first name")
    screenshot(page, "alias-offer")

    shown.get_by_role("button", name="Same person — add as alias").click()
    expect(page.locator(".messages li.success")).to_contain_text("is now an alias of Rustam Sultanov")
    expect(summary.locator(".who strong")).to_have_text("Rustam Sultanov")
    expect(summary.locator("[data-alias-offer]")).to_have_count(0)
    # One speaker now, so the two renderings are one statement: matching ran again.
    expect(summary.locator(".reuse")).to_contain_text("Also in 1 outlet")
    # The rest of the page is current too: the correction form and the statement list.
    expect(page.locator("#edit-form input[name=speaker_name]")).to_have_value("Rustam Sultanov")
    expect(page.locator(f"#statement-list [data-statement='{variant.pk}'] .speaker")).to_have_text("Rustam Sultanov")
    assert SpeakerAliasOffer.objects.get().state == "confirmed"
    screenshot(page, "alias-confirmed")
