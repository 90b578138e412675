"""Imports as a reviewer lives them in Chromium: the job page opens at once and follows the
import live; every refusal is said in the form; a duplicate is not a success."""

import json
import socket
import time

import pytest

from factcheck.models import ImportJob, Statement
from factcheck.services import importing
from tests.conftest import browser_login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def console_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def jsonl(n: int) -> bytes:
    return "".join(json.dumps({"url": f"https://live.example/{i}", "title": f"Story {i}",
                               "text": f"The council said {i + 10} roads were closed on Monday."}) + "\n"
                   for i in range(n)).encode()


def hold_polls_while_the_worker_writes(page, live_server):
    """The worker here is this test's thread, and SQLite's in-memory test database locks a table
    for a reader while another connection writes it. So the page's polls wait while the test
    imports (Playwright answers a routed request only when the test next talks to the page)."""
    page.route(f"{live_server.url}/import/jobs/**", lambda route: route.continue_())


def test_the_job_page_opens_at_once_and_follows_the_import(page, live_server, reviewer, settings):
    # As in production: the upload is queued for a worker, and the request ends at once.
    settings.TASKS = DATABASE_TASKS
    errors = console_errors(page)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}/import/?tab=upload")
    page.set_input_files("input[type=file]", files=[
        {"name": "bulk.jsonl", "mimeType": "application/x-ndjson", "buffer": jsonl(300)}])
    started = time.monotonic()
    page.click("button:has-text('Import')")
    page.wait_for_url("**/import/jobs/*/")
    assert time.monotonic() - started < 5
    job = ImportJob.objects.get()
    assert page.locator("#progress label").inner_text() == "Queued: 0 of 300 lines"
    assert "Waiting for the background worker" in page.locator("#progress").inner_text()
    hold_polls_while_the_worker_writes(page, live_server)

    # The worker runs the job a batch of 100 lines at a time; the open page follows each one.
    for done in (100, 200):
        assert importing.import_job_run(job.pk, max_lines=100) is False
        page.wait_for_selector(f"#progress label:has-text('Running: {done} of 300 lines')")
        assert page.locator(".job-counts").inner_text() == f"{done} created, 0 already there, 0 failed."
        assert page.locator("#progress[hx-trigger]").count() == 1  # still polling
    screenshot(page, "import-job-progress")
    assert importing.import_job_run(job.pk, max_lines=100) is True
    page.wait_for_selector("#progress label:has-text('Done: 300 of 300 lines')")
    assert page.locator(".job-counts").inner_text() == "300 created, 0 already there, 0 failed."
    assert page.locator("#progress[hx-trigger]").count() == 0  # polling stopped
    assert page.locator("#progress a:has-text('See the articles')").count() == 1
    assert errors == []


def _panel_message(page) -> str:
    return page.locator("#import-panel").inner_text()


def test_refusals_are_said_in_the_form(page, live_server, reviewer, settings):
    settings.IMPORT_ALLOW_PRIVATE_URLS = True
    errors = console_errors(page)
    browser_login(page, live_server, "rita")

    page.goto(f"{live_server.url}/import/")
    page.fill("textarea[name=text]", "   \n\n   ")
    page.click("button:has-text('Import')")
    page.wait_for_selector("#import-panel .error")
    assert "Nothing to import: paste the article's text." in _panel_message(page)

    page.goto(f"{live_server.url}/import/?tab=upload")
    page.set_input_files("input[type=file]", files=[{"name": "empty.txt", "mimeType": "text/plain", "buffer": b""}])
    page.click("button:has-text('Import')")
    page.wait_for_selector("#import-panel .error")
    assert "The submitted file is empty." in _panel_message(page)

    page.set_input_files("input[type=file]", files=[
        {"name": "photo.txt", "mimeType": "text/plain", "buffer": b"\x89PNG\x00\x01\x02\x03" * 200}])
    page.click("button:has-text('Import')")
    page.wait_for_selector("#import-panel .error:has-text('binary')")
    assert "this looks like binary data, not text" in _panel_message(page)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing answers there
    page.goto(f"{live_server.url}/import/?tab=url")
    page.fill("input[name=url]", f"http://127.0.0.1:{port}/story")
    page.click("button:has-text('Import')")
    page.wait_for_url("**/import/jobs/*/")  # the fetch is a background job: its page says how it went
    page.wait_for_selector("#progress p.error")
    message = page.locator("#progress").inner_text()
    assert "127.0.0.1 refused the connection" in message and "Errno" not in message
    assert "Done: nothing imported" in message and "analysed" not in message  # no success wording
    assert page.locator("#progress a:has-text('Import again')").get_attribute("href") == "/import/?tab=url"
    screenshot(page, "import-refused-connection")
    assert errors == []


def test_a_duplicate_import_is_not_styled_as_a_success(page, live_server, reviewer, sample_text):
    errors = console_errors(page)
    browser_login(page, live_server, "rita")
    for _ in range(2):
        page.goto(f"{live_server.url}/import/")
        page.fill("textarea[name=text]", sample_text)
        page.click("button:has-text('Import')")
        page.wait_for_url("**/articles/*/")
    message = page.locator(".messages li")
    assert "already imported" in message.inner_text()
    assert message.get_attribute("class") == "warning"
    background = message.evaluate("el => getComputedStyle(el).backgroundColor")
    page.goto(f"{live_server.url}/import/")
    page.fill("textarea[name=text]", sample_text.replace("Lavrov", "Lavrov's deputy", 1))
    page.click("button:has-text('Import')")
    page.wait_for_url("**/articles/*/")
    success = page.locator(".messages li")
    assert success.get_attribute("class") == "success"
    assert success.evaluate("el => getComputedStyle(el).backgroundColor") != background
    assert errors == []


def test_a_large_paste_lands_on_its_article_when_the_worker_is_done(page, live_server, reviewer, settings):
    settings.TASKS = DATABASE_TASKS
    settings.IMPORT_MAX_STATEMENTS = 200  # an article page of 2,000 statements is slow to draw
    errors = console_errors(page)
    browser_login(page, live_server, "rita")
    page.goto(f"{live_server.url}/import/")
    text = "Floods in the valley\n\n" + ('The agency said 4,000 homes were flooded in 2021. '
                                         '"We are rebuilding," the mayor said.\n\n') * 3000
    # As a paste puts it there at once (typing 260 KB key by key would take minutes).
    page.locator("textarea[name=text]").evaluate("(el, text) => { el.value = text; }", text)
    page.click("button:has-text('Import')")
    page.wait_for_url("**/import/jobs/*/")
    assert "reading and analysing the article" in page.locator("#progress").inner_text()
    hold_polls_while_the_worker_writes(page, live_server)
    importing.import_job_run(ImportJob.objects.get().pk)
    page.wait_for_url("**/articles/*/")
    message = page.locator(".messages li.success").inner_text()
    assert "created, article" in message and "stopped at the limit of 200 statements" in message
    assert Statement.objects.count() == 200 and page.locator(".statement-item").count() > 0
    assert errors == []
