"""Production shape: health endpoint, sign-in rate limit, background bulk imports that resume,
deployment checks, and malformed requests to every endpoint never giving a 500."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.models import Article, ImportJob, LoginFailure
from factcheck.services import importing
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_health_reports_database_and_migrations(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["migrations"] == "ok"


@override_settings(TASKS_BACKEND="database")
def test_health_reports_a_stale_worker(client):
    body = client.get(reverse("health")).json()
    assert body["worker"] == "stale" and body["worker_heartbeat_age_s"] is None


def test_sign_in_is_rate_limited(client, reviewer):
    url = reverse("login")
    for _ in range(5):
        assert client.post(url, {"username": "rita", "password": "wrong"}).status_code == 200
    blocked = client.post(url, {"username": "rita", "password": PASSWORD})
    assert blocked.status_code == 429 and b"Too many attempts" in blocked.content
    LoginFailure.objects.all().delete()  # as when the window is over
    assert client.post(url, {"username": "rita", "password": PASSWORD}).status_code == 302


def jsonl(n: int, bad_at: int | None = None) -> bytes:
    lines = []
    for i in range(n):
        if i == bad_at:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"url": f"https://bulk.example/{i}", "title": f"Story {i}",
                                     "text": f"The council said {i + 10} roads were closed on Monday."}))
    return ("\n".join(lines) + "\n").encode()


def test_bulk_upload_runs_as_a_job_with_progress(reviewer_client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("article-import"), {
            "tab": "upload", "file": SimpleUploadedFile("bulk.jsonl", jsonl(12, bad_at=4))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.state, job.total, job.processed, job.created) == ("done", 12, 12, 11)
    assert job.errors == ["line 5: not valid JSON (Expecting property name enclosed in double quotes at column 2)"]
    page = reviewer_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert b"<progress" in page.content and b"hx-trigger" not in page.content  # done: polling stops


def test_a_killed_job_resumes_without_half_imports(reviewer):
    job = ImportJob.objects.create(name="bulk.jsonl", payload=jsonl(10).decode(), total=10, user=reviewer)
    importing.import_job_run(job.pk)
    first = Article.objects.count()
    # As if the worker died after line 6: state still running, counter at 6.
    ImportJob.objects.filter(pk=job.pk).update(state="running", processed=6, created=6)
    Article.objects.filter(url__in=[f"https://bulk.example/{i}" for i in range(6, 10)]).delete()
    importing.import_job_run(job.pk)
    job.refresh_from_db()
    assert (job.state, job.processed, job.created) == ("done", 10, 10)
    assert Article.objects.count() == first == 10


def test_deploy_check_has_no_warnings():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DEBUG": "false", "HTTPS": "true", "PROXY_SSL_HEADER": "true", "STATIC_MANIFEST": "true",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-long-and-random-3141592653",
        "ALLOWED_HOSTS": "factcheck.example"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_csp_header_has_no_inline_scripts(reviewer_client):
    header = reviewer_client.get(reverse("article-list"))["Content-Security-Policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
    assert "frame-ancestors 'none'" in header


POST_URLS = ["statement-edit", "statement-assign-me", "statement-delete", "statement-restore", "statement-split",
             "statement-merge", "evidence-add", "comment-add", "verdict-save"]
junk = st.one_of(st.text(max_size=40), st.integers(-10**12, 10**12).map(str), st.sampled_from(
    ["", "0", "-1", "1e9", "null", "<script>", "'; DROP TABLE x;--", "\x00", "９", "claim", "quote", "direct"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(POST_URLS), data=st.dictionaries(
    st.sampled_from(["version", "kind", "quote_type", "speaker_name", "status", "start", "end", "at", "other",
                     "url", "stance", "source_type", "text", "rating", "rationale", "submit", "assignee"]),
    junk, max_size=8), htmx=st.booleans())
def test_malformed_posts_never_500(reviewer_client, sample_article, name, data, htmx):
    statement = sample_article.statements.first()
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = reviewer_client.post(reverse(name, args=[statement.pk]), data, **extra)
    assert response.status_code < 500, (name, data, response.status_code)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "status", "kind", "outlet", "speaker", "assignee", "rating",
                                               "since", "until", "sort", "page", "export", "no_source"]), junk, max_size=6))
def test_malformed_queue_queries_never_500(reviewer_client, params):
    assert reviewer_client.get(reverse("statement-queue"), params).status_code < 500


def test_database_outage_gets_a_clear_page(reviewer_client, monkeypatch):
    from django.db import OperationalError

    from factcheck.views import articles

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(articles, "CappedPaginator", down)
    response = reviewer_client.get(reverse("article-list"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert b"cannot reach its database" in response.content


def test_resume_imports_requeues_stale_jobs(reviewer):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    job = ImportJob.objects.create(name="stuck.jsonl", payload=jsonl(3).decode(), total=3, state="running", user=reviewer)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    call_command("resume_imports")  # immediate backend: the job runs to the end here
    job.refresh_from_db()
    assert (job.state, job.processed, job.created) == ("done", 3, 3)
