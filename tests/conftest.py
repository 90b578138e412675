import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE = SHARED / "samples" / "000_0635789064aeac8f.txt"
EVAL_DATA = SHARED / "eval" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back tests reuse primary keys, which the
    dashboard's cache stamp is made of."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip("../shared/samples is not here")
    return SAMPLE


@pytest.fixture
def sample_text(sample_path) -> str:
    return sample_path.read_text(encoding="utf-8")


def make_user(username: str, role: str | None = None, **extra):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        # get_or_create: transactional (browser) tests flush the rows the migrations made.
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def reviewer(db):
    return make_user("rita", "reviewer")


@pytest.fixture
def reviewer2(db):
    return make_user("rob", "reviewer")


@pytest.fixture
def editor(db):
    return make_user("edith", "editor")


@pytest.fixture
def editor2(db):
    return make_user("ed", "editor")


@pytest.fixture
def admin_user(db):
    return make_user("ada", "admin", is_staff=True)


@pytest.fixture
def outsider(db):
    return make_user("otto")


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def sample_article(db, sample_text, reviewer):
    from factcheck.services.importing import import_text

    result = import_text(sample_text, label="sample", user=reviewer)
    assert result.status == "created", result
    return result.article


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", Path(__file__).resolve().parent.parent / "artifacts"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by
    # fixtures in the same thread are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleWatch:
    """Every console error and uncaught exception of a page. A browser test fails on any of
    them: what reaches only the console never reaches the person."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.allowed: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def allow_status(self, status: int):
        """A test that provokes a refusal on purpose: Chromium itself logs every 4xx answer
        ("Failed to load resource"); the test checks the page shows the message instead."""
        self.allowed.append(f"the server responded with a status of {status}")

    def check(self):
        errors = [e for e in self.errors if not any(a in e for a in self.allowed)]
        assert not errors, "the browser console was not clean:\n" + "\n".join(errors)


def watch_console(page) -> ConsoleWatch:
    page.console_watch = ConsoleWatch(page)
    return page.console_watch


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = watch_console(page)
    yield page
    context.close()
    watch.check()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def browser_login(page, live_server, username: str):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def rating_scale(db):
    """The default scale. Transactional (browser) tests flush what data migrations made, so
    they ask for it again here; the migration's own function makes it."""
    from importlib import import_module

    from django.apps import apps

    import_module("factcheck.migrations.0003_default_rating_scale").seed(apps, None)
