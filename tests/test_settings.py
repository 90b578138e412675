"""Settings come from the environment and refuse bad values with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    return subprocess.run(
        [sys.executable, "-c", "import factcheck.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT, env=environ, capture_output=True, text=True)


@pytest.mark.parametrize("env,message", [
    ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
    ({"IMPORT_MAX_BYTES": "5MB"}, "IMPORT_MAX_BYTES must be a whole number"),
    ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
    ({"TASKS_BACKEND": "celery"}, "TASKS_BACKEND must be one of"),
    ({"CLAIM_THRESHOLD": "2"}, "CLAIM_THRESHOLD must be between 0 and 1"),
])
def test_bad_values_are_refused(env, message):
    result = load_settings(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_defaults_to_sqlite_and_reads_postgres_url():
    assert load_settings().stdout.strip() == "django.db.backends.sqlite3"
    assert load_settings(DATABASE_URL="postgres://u@127.0.0.1:5432/db").stdout.strip() == \
        "django.db.backends.postgresql"


def test_sqlite_uses_wal(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def run_python(*args: str, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY", "DEBUG")} | env
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    """DEBUG=false and no SECRET_KEY: the web application (gunicorn, runserver load factcheck.wsgi)
    does not start, and `check --deploy` fails; both name the variable."""
    refused = run_python("-c", "import factcheck.wsgi", DEBUG="false")
    assert refused.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in refused.stderr
    check = run_python("manage.py", "check", "--deploy", DEBUG="false")
    assert check.returncode != 0 and "factcheck.E001" in check.stderr and "SECRET_KEY" in check.stderr
    assert run_python("-c", "import factcheck.wsgi", DEBUG="false", SECRET_KEY="x" * 60).returncode == 0
    assert run_python("-c", "import factcheck.wsgi", DEBUG="true").returncode == 0  # development
    assert load_settings(DEBUG="false").returncode == 0  # commands and tests still load the settings
