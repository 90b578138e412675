"""A reviewer signs in, imports and reads the sample in a real Chromium."""

import pytest

from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reviewer_reads_the_sample_article(page, live_server, reviewer, sample_article):
    browser_login(page, live_server, "rita")
    page.click(f"text={sample_article.title}")
    page.wait_for_selector("article .body p")
    assert page.locator("article h1").inner_text() == sample_article.title
    assert page.locator("article .body p").count() == 6
    assert "Dave DeCamp" in page.locator(".meta").inner_text()
    assert page.locator(".statement-item").count() >= 10
    screenshot(page, "article-page")


def test_import_tabs_swap_without_reload_and_paste_imports(page, live_server, reviewer, sample_text):
    browser_login(page, live_server, "rita")
    page.click("text=Import")
    page.click("text=From an address")
    page.wait_for_selector("input[name=url]")
    page.wait_for_url("**/import/?tab=url")  # htmx pushed the tab into the address
    page.click("text=Paste text")
    page.fill("textarea[name=text]", sample_text)
    page.click("button:has-text('Import')")
    page.wait_for_url("**/articles/*/")
    assert "created" in page.locator(".messages").inner_text()
    screenshot(page, "import-done")
