"""Imports as a reviewer lives them in Chromium: the job page opens at once and follows the
import live; every refusal is said in the form; a duplicate is not a success."""

import json
import socket
import time

import pytest

from factcheck.models import ImportJob
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


def test_the_job_page_opens_at_once_and_follows_the_import(page, live_server, reviewer, settings, monkeypatch):
    # As in production: the upload is queued for a worker, and the request ends at once.
    settings.TASKS = DATABASE_TASKS
    errors = console_errors(page)
    # Every label the progress partial shows, as the page lives it (the test drives the worker
    # meanwhile, so it cannot watch the page itself).
    page.add_init_script("""
      window.seen = [];
      new MutationObserver(() => {
        const label = document.querySelector('#progress label');
        if (label && window.seen[window.seen.length - 1] !== label.textContent) window.seen.push(label.textContent);
      }).observe(document, {subtree: true, childList: true});
    """)
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

    # The worker: each article a little slow, as real ones are, so the page has time to follow.
    real = importing.article_import

    def slow(**kwargs):
        time.sleep(0.03)
        return real(**kwargs)

    monkeypatch.setattr(importing, "article_import", slow)
    importing.import_job_run(job.pk)
    page.wait_for_selector("#progress label:has-text('Done: 300 of 300 lines')")
    assert page.locator(".job-counts").inner_text() == "300 created, 0 already there, 0 failed."
    seen = page.evaluate("window.seen")
    running = [label for label in seen if label.startswith("Running: ")]
    done_counts = [int(label.split()[1]) for label in running]
    assert len(running) >= 3 and done_counts[0] > 0 and done_counts[-1] < 300, seen
    assert done_counts == sorted(done_counts)
    assert page.locator("#progress[hx-trigger]").count() == 0  # polling stopped
    screenshot(page, "import-job-progress")
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
    page.wait_for_selector("#import-panel .error")
    message = _panel_message(page)
    assert "127.0.0.1 refused the connection" in message and "Errno" not in message
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
