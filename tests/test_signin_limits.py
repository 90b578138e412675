"""One sign-in limiter for every login form, counted where every process sees it, per address
as well as per username; production is warned when the count is not shared."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from factcheck.models import LoginFailure
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
ADMIN_LOGIN = "/admin/login/"


def wrong(client: Client, url: str, username: str, times: int = 1) -> list[int]:
    return [client.post(url, {"username": username, "password": "wrong-guess"}).status_code for _ in range(times)]


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_admin_login_is_rate_limited(client, admin_user):
    wrong(client, ADMIN_LOGIN, "ada", times=5)
    response = client.post(ADMIN_LOGIN, {"username": "ada", "password": PASSWORD})
    assert response.status_code == 200 and not signed_in(client)
    assert "Too many failed sign-ins" in response.content.decode()


def test_locked_on_the_app_login_is_locked_on_the_admin_login(client, admin_user):
    assert wrong(client, reverse("login"), "ada", times=5) == [200] * 5
    client.post(ADMIN_LOGIN, {"username": "ada", "password": PASSWORD})
    assert not signed_in(client)
    assert client.post(reverse("login"), {"username": "ada", "password": PASSWORD}).status_code == 429


def test_locked_on_the_admin_login_is_locked_on_the_app_login(client, admin_user):
    wrong(client, ADMIN_LOGIN, "ada", times=5)
    assert client.post(reverse("login"), {"username": "ada", "password": PASSWORD}).status_code == 429
    assert not signed_in(client)


def test_one_address_trying_many_usernames_is_limited(client, reviewer):
    for n in range(20):
        wrong(client, reverse("login"), f"guess{n}")
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 302


def test_the_limit_is_per_address_and_username_and_ends_with_its_window(client, reviewer):
    wrong(client, reverse("login"), "rita", times=5)
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 429
    elsewhere = Client(REMOTE_ADDR="198.51.100.8")
    assert elsewhere.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 302
    LoginFailure.objects.update(window_ends=timezone.now() - timedelta(seconds=1))  # the window is over
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 302


@override_settings(PROXY_FORWARDED_FOR=True)
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(reviewer):
    # The left X-Forwarded-For entries are typed by the client: changing them escapes nothing.
    for n in range(5):
        Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.50").post(
            reverse("login"), {"username": "rita", "password": "wrong"})
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.50")
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 302


@override_settings(LOGIN_LIMIT_STORE="cache")
def test_the_cache_store_limits_too(client, reviewer):
    from django.core.cache import cache

    cache.clear()
    wrong(client, reverse("login"), "rita", times=5)
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 429
    assert not LoginFailure.objects.exists()
    cache.clear()


def test_usernames_are_not_kept_in_clear(client):
    wrong(client, reverse("login"), "my-password-typed-by-mistake")
    assert all("my-password" not in key for key in LoginFailure.objects.values_list("key", flat=True))


SIGN_INS = """
import sys
from django.test import Client
client = Client(REMOTE_ADDR="203.0.113.9")
codes = [client.post("/accounts/login/", {"username": "rita", "password": p}).status_code for p in sys.argv[1:]]
print(" ".join(map(str, codes)))
"""


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_two_processes_share_one_count(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "LOGIN_LIMIT_STORE")} | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}", "ALLOWED_HOSTS": "testserver", "DEBUG": "false"}
    _manage(env, "migrate", "-v0")
    _manage(env, "shell", "--no-imports", "-c", "from django.contrib.auth.models import User; "
                                f"User.objects.create_user('rita', password='{PASSWORD}')")
    script = tmp_path / "sign_ins.py"
    script.write_text(SIGN_INS)

    def process(*passwords: str) -> list[int]:
        out = _manage(env, "shell", "--no-imports", "-c", f"import sys; sys.argv = ['x', *{list(passwords)!r}]; "
                                          f"exec(open({str(script)!r}).read())")
        return [int(code) for code in out.split()]

    # Three failures in one process, two in another: the fifth locks rita out in both.
    assert process("a", "b", "c") == [200, 200, 200]
    assert process("d", "e", PASSWORD) == [200, 200, 429]
    assert process(PASSWORD) == [429]


def _deploy_check(**extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")} | {
        "DEBUG": "false", "HTTPS": "true", "PROXY_SSL_HEADER": "true", "STATIC_MANIFEST": "true",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-long-and-random-2718281828",
        "ALLOWED_HOSTS": "factcheck.example", **extra}
    return subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                          cwd=ROOT, env=env, capture_output=True, text=True)


def test_deploy_check_warns_when_the_limiter_store_is_not_shared():
    result = _deploy_check(LOGIN_LIMIT_STORE="cache")
    assert result.returncode != 0
    assert "factcheck.W101" in result.stderr and "REDIS_URL" in result.stderr
    assert _deploy_check(LOGIN_LIMIT_STORE="cache", REDIS_URL="redis://127.0.0.1:6379/0").returncode == 0
