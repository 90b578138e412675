"""Imports that cannot hurt the server: poisoned JSONL lines, large imports in the background,
caps on the work one article causes, URL fetches with a total deadline and a pinned address,
and only web addresses stored or linked. Runs on SQLite and PostgreSQL alike."""

import http.server
import json
import re
import socket
import threading
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from factcheck.models import Article, ArticleLink, ImportJob, Statement
from factcheck.services import importing, review
from factcheck.services.matching import article_match
from factcheck.text.guards import extract_bounded, paragraph_chunks, scrub, web_url

pytestmark = pytest.mark.django_db


def story(i: int, **extra) -> str:
    return json.dumps({"url": f"https://poison.example/{i}", "title": f"Story {i}",
                       "text": f"The council said {i + 10} roads were closed on Monday.", **extra})


DEEP = "[" * 100_000 + "]" * 100_000


def poisoned_lines() -> list[str]:
    """Good lines around the three kinds of poison seen in the wild."""
    return [
        story(1),
        DEEP,                                                           # RecursionError
        story(3, text="The mayor said\u0000 9 bridges were shut on Monday."),  # NUL: DataError on PostgreSQL
        story(4, title="Lone \ud800 surrogate"),                      # UnicodeEncodeError
        '{"url": "https://poison.example/5", "title": "Deep field", "text": "x", "extra": ' + DEEP + "}",
        story(6),
    ]


def _assert_poison_handled():
    urls = set(Article.objects.values_list("url", flat=True))
    assert {f"https://poison.example/{i}" for i in (1, 3, 4, 6)} <= urls
    nul = Article.objects.get(url="https://poison.example/3")
    assert "\x00" not in nul.text and nul.text.startswith("The mayor said 9 bridges")
    assert Article.objects.get(url="https://poison.example/4").title == "Lone \ufffd surrogate"


def test_poisoned_lines_never_stop_the_command(tmp_path, capsys):
    path = tmp_path / "poison.jsonl"
    path.write_text("\n".join(poisoned_lines()) + "\n", encoding="utf-8", errors="surrogatepass")
    call_command("import_articles", str(path))
    out = capsys.readouterr().out
    assert f"{path}:2: error: the JSON is nested too deeply to read" in out
    assert f"{path}:5: error: the JSON is nested too deeply to read" in out
    assert "4 created, 0 already there, 2 failed" in out
    _assert_poison_handled()


def test_poisoned_lines_never_stop_a_web_job(reviewer_client, django_capture_on_commit_callbacks):
    data = ("\n".join(poisoned_lines()) + "\n").encode("utf-8", errors="surrogatepass")
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("article-import"), {
            "tab": "upload", "file": SimpleUploadedFile("poison.jsonl", data)})
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert (job.state, job.total, job.processed, job.created, job.failed) == ("done", 6, 6, 4, 2)
    assert job.errors == ["line 2: the JSON is nested too deeply to read",
                          "line 5: the JSON is nested too deeply to read"]
    _assert_poison_handled()


def test_resume_imports_goes_past_poisoned_lines(reviewer):
    job = importing.import_job_create(
        data="\n".join(poisoned_lines()).encode("utf-8", errors="surrogatepass"), name="poison.jsonl", user=reviewer)
    ImportJob.objects.filter(pk=job.pk).update(state="running", updated_at=timezone.now() - timedelta(hours=1))
    call_command("resume_imports")  # immediate backend: the job runs to its end here
    job.refresh_from_db()
    assert (job.state, job.processed, job.created, job.failed) == ("done", 6, 4, 2)
    _assert_poison_handled()


def test_a_storage_failure_on_one_line_is_reported_and_the_rest_go_on(monkeypatch):
    real = importing.article_import

    def flaky(*, clean, **kwargs):
        if clean.url.endswith("/2"):
            raise ValueError("disk on fire")
        return real(clean=clean, **kwargs)

    monkeypatch.setattr(importing, "article_import", flaky)
    results = list(importing.import_jsonl([story(1), story(2), story(3)], name="b.jsonl"))
    assert [r.status for r in results] == ["created", "error", "created"]
    assert results[1].message == "could not be stored (ValueError); the rest goes on"


def test_nul_deep_in_an_uploaded_file_never_reaches_the_database():
    text = "Officials said 12 schools were closed on Tuesday.\n\n" * 300 + "Tail \x00 here said 3 people.\n"
    result = importing.import_bytes(text.encode(), name="late-nul.txt")
    assert result.status == "created", result
    assert "\x00" not in result.article.text


def test_scrub_and_web_url():
    assert scrub("a\x00b\ud800c") == "ab\ufffdc"
    assert scrub("emoji 😀 stays") == "emoji 😀 stays"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "vbscript:x", "//evil.example/x", "/relative", "ftp://x.example/", "http:///nohost", ""):
        assert web_url(bad) == "", bad
    assert web_url(" https://x.example/a?b=1 ") == "https://x.example/a?b=1"


# -- large imports run in the background ---------------------------------------------------

SENTENCE = 'The agency said 4,000 homes were flooded in 2021. "We are rebuilding," the mayor said.\n\n'


def test_a_large_paste_is_a_job_not_work_in_the_request(reviewer_client, django_capture_on_commit_callbacks):
    text = "Floods in the valley\n\n" + SENTENCE * 3000  # about 260 KB
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": text})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    # The request stored the text and queued the job: nothing was extracted in it.
    assert (job.kind, job.state, job.total) == ("text", "queued", 1) and not Article.objects.exists()
    queued = reviewer_client.get(job.get_absolute_url()).content.decode()
    assert "Queued" in queued and 'hx-trigger="every 1s"' in queued
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    article = Article.objects.get()
    assert (job.state, job.created, job.article) == ("done", 1, article)
    assert article.statements.count() == 2000
    assert "stopped at the limit of 2,000 statements per article" in job.message
    page = reviewer_client.get(job.get_absolute_url()).content.decode()
    assert "stopped at the limit" in page and article.get_absolute_url() in page and "hx-trigger" not in page


def test_a_large_upload_is_a_job(reviewer_client, django_capture_on_commit_callbacks):
    data = ("<html><body><article>" + "<p>The ministry said 300 people were evacuated.</p>" * 5000
            + "</article></body></html>").encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("article-import"), {
            "tab": "upload", "file": SimpleUploadedFile("big.html", data)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.kind == "html" and job.state == "done" and job.created == 1


def test_a_small_paste_is_still_imported_at_once(reviewer_client):
    response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": SENTENCE * 3})
    assert response.status_code == 302 and not ImportJob.objects.exists() and Article.objects.count() == 1


@override_settings(IMPORT_MAX_STATEMENTS=40)
def test_statement_cap_read_piece_by_piece_keeps_exact_spans(monkeypatch):
    monkeypatch.setattr(importing, "EXTRACT_CHUNK_CHARS", 500)
    result = importing.import_text("Floods\n\n" + SENTENCE * 100)
    article = result.article
    assert article.statements.count() == 40 and "stopped at the limit of 40 statements" in result.message
    for st in article.statements.all():
        assert article.text[st.start:st.end] == st.text
    assert "stopped at the limit" in article.changes.get().reason


def test_extract_bounded_is_exact_below_the_cap():
    from factcheck.text.extraction import extract

    text = "Floods\n\n" + SENTENCE * 30
    whole = extract(text)
    pieces, complete = extract_bounded(text, extract, max_statements=10_000, chunk_chars=len(text) + 1)
    assert complete and [(s.start, s.end) for s in pieces] == [(s.start, s.end) for s in whole]
    chunks = paragraph_chunks(text, 300)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(text[end - 2:end] == "\n\n" for _, end in chunks[:-1])


@override_settings(MATCH_MAX_QUOTES_PER_ARTICLE=3)
def test_quote_matching_work_per_article_is_capped():
    result = importing.import_text("Floods\n\n" + "".join(
        f'"We are rebuilding {n} homes in the valley this year," the mayor said.\n\n' for n in range(8)))
    quotes = result.article.statements.filter(kind=Statement.Kind.QUOTE).count()
    assert quotes == 8
    assert len(article_match(result.article.pk)) == 3
    assert "quote reuse is looked up for the first 3 of its 8 quotes" in result.message


@override_settings(IMPORT_MAX_JSONL_BYTES=1000)
def test_a_jsonl_upload_has_a_total_size_limit(reviewer_client):
    data = ("\n".join(story(i) for i in range(20)) + "\n").encode()
    response = reviewer_client.post(reverse("article-import"), {
        "tab": "upload", "file": SimpleUploadedFile("many.jsonl", data)})
    assert b"The file is 2.3 KB; the limit is 1.0 KB for a JSONL upload." in response.content
    assert not ImportJob.objects.exists()


@override_settings(IMPORT_MAX_BYTES=400)
def test_a_refused_line_is_not_stored_in_the_job(reviewer, django_capture_on_commit_callbacks):
    huge = story(2, text="SECRET-MARKER " * 60)
    with django_capture_on_commit_callbacks(execute=True):
        job = importing.import_job_create(
            data="\n".join([story(1), huge, "\n", story(3)]).encode(), name="b.jsonl", user=reviewer)
    job.refresh_from_db()
    assert "SECRET-MARKER" not in job.payload
    assert job.errors == ["line 2: the line is over the 400 bytes limit"]
    assert (job.state, job.total, job.processed, job.created, job.failed) == ("done", 5, 5, 2, 1)


@override_settings(IMPORT_MAX_BYTES=400)
def test_the_command_skips_an_oversize_line_without_keeping_it(tmp_path, capsys):
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([story(1), story(2, text="x " * 5000), story(3)]) + "\n")
    call_command("import_articles", str(path))
    out = capsys.readouterr().out
    assert f"{path}:2: error: the line is over the 400 bytes limit" in out and "2 created" in out


def test_make_run_starts_a_worker_beside_the_server():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    run = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "db_worker" in run and "TASKS_BACKEND=database" in run


# -- URL imports: a total deadline and the address that was checked -------------------------


class _Server:
    """A local HTTP server whose handler is given; it records the paths asked for."""

    def __init__(self, handler):
        self.hits = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.hits.append(self.path)
                handler(self)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(handler):
        servers.append(_Server(handler))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _article(handler):
    body = b"<html><body><article><p>The minister resigned on Monday, the office said.</p></article></body></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _trickle_body(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", "40")
    handler.end_headers()
    for _ in range(40):
        try:
            handler.wfile.write(b"x")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(0.25)


def _trickle_headers(handler):
    try:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Slow: " + b"y" * 40:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.25)
    except OSError:
        pass


@pytest.mark.parametrize("trickle", [_trickle_body, _trickle_headers], ids=["body", "headers"])
@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True, IMPORT_URL_TIMEOUT=1.5)
def test_url_import_has_a_total_deadline(serve, trickle):
    server = serve(trickle)
    started = time.monotonic()
    result = importing.import_url(f"http://127.0.0.1:{server.port}/slow")
    elapsed = time.monotonic() - started
    assert result.status == "error" and result.message == "could not fetch the page: the page did not arrive within 1.5 seconds"
    assert elapsed < 3, elapsed


def _resolver(monkeypatch, answers: dict[str, list[str]]):
    """A fake DNS: each name answers the listed addresses in turn (the last one repeats)."""
    real = socket.getaddrinfo
    asked = []

    def fake(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        queue = answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


def test_dns_rebinding_cannot_reach_a_local_address(serve, monkeypatch):
    server = serve(_article)
    # Checked: a public address. Asked again, the same name says 127.0.0.1.
    _resolver(monkeypatch, {"rebind.example": ["93.184.216.34", "127.0.0.1"]})
    connected = []
    real_connect = socket.create_connection

    def connect(address, *args, **kwargs):
        connected.append(address[0])
        if address[0] == "93.184.216.34":  # no network here: the public host does not answer
            raise ConnectionRefusedError(111, "Connection refused")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    result = importing.import_url(f"http://rebind.example:{server.port}/article")
    assert result.status == "error"
    assert server.hits == [] and "127.0.0.1" not in connected and connected == ["93.184.216.34"]
    assert not Article.objects.exists()


def test_every_redirect_hop_is_checked_and_pinned(serve, monkeypatch):
    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", "http://internal.example/admin")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = serve(redirect)
    asked = _resolver(monkeypatch, {"public.example": ["93.184.216.34"], "internal.example": ["10.0.0.7"]})
    real_connect = socket.create_connection
    connected = []

    def connect(address, *args, **kwargs):
        # The network: the public address is where the local test server answers.
        connected.append(address[0])
        return real_connect(("127.0.0.1", server.port) if address[0] == "93.184.216.34" else address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect)
    result = importing.import_url(f"http://public.example:{server.port}/start")
    assert result.message == "internal.example is a private or local address; not fetched"
    assert server.hits == ["/start"] and connected == ["93.184.216.34"] and asked == ["public.example", "internal.example"]


@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True)
def test_a_refused_connection_reads_as_words():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    result = importing.import_url(f"http://127.0.0.1:{port}/")
    assert result.message == "could not fetch the page: 127.0.0.1 refused the connection (no web server answers there)"


@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True)
def test_redirects_are_followed_to_the_page(serve):
    def site(handler):
        if handler.path == "/start":
            handler.send_response(301)
            handler.send_header("Location", "/article")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            _article(handler)

    server = serve(site)
    result = importing.import_url(f"http://127.0.0.1:{server.port}/start")
    assert result.status == "created" and server.hits == ["/start", "/article"]


# -- only web addresses are stored and linked ----------------------------------------------


def test_javascript_addresses_are_blanked_at_import():
    lines = [json.dumps({"url": "https://safe.example/1", "title": "T", "original_outlet": "Wire",
                         "original_url": "javascript:alert(document.cookie)",
                         "text": "See [the report](javascript:alert(1)) and [the data](https://data.example/x). "
                                 "The agency said 40 people were hurt."})]
    result = next(importing.import_jsonl(lines, name="x.jsonl"))
    article = result.article
    assert article.original_url == ""
    assert sorted(ArticleLink.objects.filter(article=article).values_list("url", flat=True)) == [
        "", "https://data.example/x"]


def test_javascript_addresses_are_never_rendered_as_links(reviewer_client, reviewer):
    result = importing.import_text("Title\n\nThe agency said 40 people were hurt on Monday.")
    article = result.article
    # Rows from before this check, or written around the services, still never become links.
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(1)", original_url="JavaScript:alert(2)",
                                                 original_outlet=article.outlet)
    ArticleLink.objects.create(article=article, start=0, end=5, url="javascript:alert(3)")
    statement = article.statements.first()
    evidence = review.evidence_add(statement=statement, user=reviewer, url="https://ok.example/s", stance="supports")
    type(evidence.source).objects.filter(pk=evidence.source_id).update(url="javascript:alert(4)")
    for url in (article.get_absolute_url(), reverse("statement-detail", args=[statement.pk])):
        hrefs = re.findall(r'href="([^"]*)"', reviewer_client.get(url).content.decode())
        assert hrefs and all(h.startswith(("/", "?", "#", "http://", "https://", "data:,")) for h in hrefs), hrefs


def test_a_source_must_be_a_web_address(reviewer, sample_article):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="http"):
        review.evidence_add(statement=sample_article.statements.first(), user=reviewer,
                            url="ftp://files.example/report.pdf", stance="supports")


@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True)
def test_a_url_import_is_fetched_by_the_worker_and_the_page_follows_it(reviewer_client, serve,
                                                                     django_capture_on_commit_callbacks):
    server = serve(_article)
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(reverse("article-import"), {
            "tab": "url", "url": f"http://127.0.0.1:{server.port}/story"}, HTTP_HX_REQUEST="true")
    job = ImportJob.objects.get()
    # The request only queued the fetch.
    assert response["HX-Redirect"] == job.get_absolute_url() and server.hits == []
    queued = reviewer_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "fetching and analysing the page" in queued
    for callback in callbacks:
        callback()
    assert server.hits == ["/story"]
    # The page polling the job is taken to the article once it is there, with what the import said.
    done = reviewer_client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    article = Article.objects.get()
    assert done["HX-Redirect"] == article.get_absolute_url()
    assert "created, article" in reviewer_client.get(article.get_absolute_url()).content.decode()
