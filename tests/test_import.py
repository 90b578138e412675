"""Importing through the service, the command and bad input, on a real database."""

import http.server
import json
import threading

import pytest
from django.core.management import call_command
from django.test import override_settings

from factcheck.models import Article, ArticleLink, Outlet, Speaker, Statement
from factcheck.services import importing
from factcheck.services.importing import import_bytes, import_jsonl, import_text, import_url

pytestmark = pytest.mark.django_db


def test_sample_imports_with_metadata_links_and_statements(sample_text, reviewer):
    result = import_text(sample_text, user=reviewer)
    assert result.status == "created"
    article = result.article
    assert article.title == "Russia Ready to Activate Tajikistan Military Base Over Fighting in Afghanistan"
    assert article.author == "Dave DeCamp"
    assert article.outlet.name == "Global Research"
    assert article.published.isoformat() == "2021-07-11"
    assert article.original_outlet.name == "Antiwar.com"
    assert article.original_published.isoformat() == "2021-07-08"
    assert article.imported_by == reviewer
    assert article.text.startswith("Russia said it is prepared")
    assert article.text.endswith("stabilizing the situation there,” Lavrov said.")
    assert ArticleLink.objects.filter(article=article).count() == 2
    quotes = Statement.objects.filter(article=article, kind="quote")
    assert quotes.filter(quote_type="direct").count() == 4
    assert quotes.filter(quote_type="indirect").count() == 2
    for st in Statement.objects.filter(article=article):
        assert article.text[st.start:st.end] == st.text
    lavrov = Speaker.objects.get(name="Sergei Lavrov")
    assert set(lavrov.aliases.values_list("alias", flat=True)) >= {"Sergei Lavrov", "Lavrov"}
    assert lavrov.role == "Russian Foreign Minister"


def test_reimport_changes_nothing_and_says_so(sample_text):
    first = import_text(sample_text)
    before = Statement.objects.count()
    again = import_text(sample_text.replace("\n\n", "\n\n\n"))  # same words, other spacing
    assert again.status == "duplicate"
    assert f"article {first.article.pk}" in again.message
    assert Article.objects.count() == 1 and Statement.objects.count() == before


def test_same_url_is_a_duplicate_even_with_other_text():
    import_text("Headline one\n\nThe council approved 12 new schools in 2020.", url="https://a.example/1")
    again = import_text("Headline two\n\nSomething else entirely was said here.", url="https://a.example/1")
    assert again.status == "duplicate"
    assert Article.objects.count() == 1


def test_import_is_atomic_per_article(monkeypatch, sample_text):
    def broken(article):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(importing, "statements_extract", broken)
    with pytest.raises(RuntimeError):
        import_text(sample_text)
    assert Article.objects.count() == 0 and Outlet.objects.count() == 0


@pytest.mark.parametrize("data,needle", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
])
def test_bad_files_get_a_clear_message(data, needle):
    result = import_bytes(data, name="bad.txt")
    assert result.status == "error" and needle in result.message
    assert Article.objects.count() == 0


def test_windows_1252_is_read_and_reported():
    data = "Caf\u00e9 owners protest\n\nThe mayor said \u201cprices rose 12%\u201d in 2023, officials said.".encode("cp1252")
    result = import_bytes(data, name="cafe.txt")
    assert result.status == "created"
    assert "Windows-1252" in result.message
    assert "\u201cprices rose 12%\u201d" in result.article.text


def test_utf8_bom_is_read_and_reported():
    data = "\ufeffHeadline\n\nThe agency said 40 people were hurt on Tuesday.".encode()
    result = import_bytes(data, name="bom.txt")
    assert result.status == "created" and "UTF-8 with BOM" in result.message
    assert not result.article.text.startswith("\ufeff")


def test_undecodable_bytes_are_refused():
    result = import_bytes(b"Title\n\nBad \x81\x8d\x8f\x90 bytes in every encoding we try.", name="x.txt")
    assert result.status == "error" and "UTF-8" in result.message


@override_settings(IMPORT_MAX_BYTES=1000)
def test_size_limit():
    result = import_bytes(b"Title\n\n" + b"word " * 400, name="big.txt")
    assert result.status == "error" and "limit" in result.message
    result = import_text("x " * 600)
    assert result.status == "error"


def test_html_import_stores_no_script_and_page_escapes(client, reviewer):
    from tests.test_cleaning import HOSTILE

    result = import_bytes(HOSTILE.encode(), name="page.html")
    assert result.status == "created"
    assert "script" not in result.article.text and "alert" not in result.article.text
    client.force_login(reviewer)
    html = client.get(result.article.get_absolute_url()).content.decode()
    assert "steal()" not in html and "onerror" not in html


def test_text_with_markup_is_escaped_when_shown(client, reviewer):
    result = import_text("Headline\n\n<script>alert('x')</script> The board said 5 members resigned.")
    assert "<script>" in result.article.text  # stored as the words it is...
    client.force_login(reviewer)
    html = client.get(result.article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html  # ...never as markup


def jsonl(*records) -> list[bytes]:
    return [(r if isinstance(r, str) else json.dumps(r)).encode() + b"\n" for r in records]


def test_jsonl_reports_bad_lines_and_imports_the_rest():
    lines = jsonl(
        {"url": "https://a.example/1", "outlet": "Reuters", "title": "One", "published": "2021-07-08",
         "text": "Lavrov said Moscow would help. The base has 7,000 troops."},
        '{"url": "https://a.example/2", "title": ',
        {"url": "https://a.example/3", "title": "No body"},
        ["not", "an", "object"],
        {"url": "https://a.example/4", "title": "Bad date", "published": "someday", "text": "x y z"},
        {"url": "ftp://a.example/5", "title": "Bad url", "text": "Words words words."},
        {"url": "https://a.example/6", "html": "<html><body><article><p>The ministry said 300 people "
         "were evacuated on Monday from the flooded district near the river.</p></article></body></html>",
         "title": "From HTML", "author": "Kim"},
    )
    results = list(import_jsonl(lines, name="batch.jsonl"))
    by_label = {r.label: r for r in results}
    assert by_label["batch.jsonl:1"].status == "created"
    assert by_label["batch.jsonl:2"].status == "error" and "not valid JSON" in by_label["batch.jsonl:2"].message
    assert "neither" in by_label["batch.jsonl:3"].message
    assert "JSON object" in by_label["batch.jsonl:4"].message
    assert "not a date" in by_label["batch.jsonl:5"].message
    assert "http" in by_label["batch.jsonl:6"].message
    assert by_label["batch.jsonl:7"].status == "created"
    one = Article.objects.get(url="https://a.example/1")
    assert (one.title, one.outlet.name, one.published.isoformat()) == ("One", "Reuters", "2021-07-08")
    assert one.text.startswith("Lavrov said")
    assert Article.objects.get(url="https://a.example/6").author == "Kim"


def test_import_articles_command_on_files_and_folders(tmp_path, sample_path, capsys):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "sample.txt").write_bytes(sample_path.read_bytes())
    (tmp_path / "nested" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "b.jsonl").write_text(json.dumps(
        {"url": "https://b.example/1", "title": "B", "text": "The mayor said 10 roads were closed."}) + "\nnot json\n")
    call_command("import_articles", str(tmp_path), str(tmp_path / "missing.txt"))
    out = capsys.readouterr().out
    assert "sample.txt: created" in out
    assert "b.jsonl:1: created" in out
    assert "b.jsonl:2: error" in out
    assert "missing.txt: error: no such file" in out
    assert "2 created, 0 already there, 2 failed" in out
    call_command("import_articles", str(tmp_path / "nested"))
    assert "0 created, 1 already there" in capsys.readouterr().out


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/image":
            body, ctype = b"\x89PNG", "image/png"
        else:
            from tests.test_cleaning import HOSTILE
            body, ctype = HOSTILE.encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True)
def test_url_import_from_a_local_server(local_site):
    result = import_url(f"{local_site}/redirect")
    assert result.status == "created", result
    assert result.article.title == "Minister resigns"
    assert result.article.text.startswith("The minister resigned")
    assert import_url(f"{local_site}/image").message == "image/png is not an article page"


@override_settings(IMPORT_ALLOW_PRIVATE_URLS=True, IMPORT_MAX_BYTES=100)
def test_url_import_size_cap(local_site):
    result = import_url(f"{local_site}/article")
    assert result.status == "error" and "limit" in result.message


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/", "http://192.168.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "file:///etc/passwd",
    "ftp://example.com/x", "javascript:alert(1)", "http:///nohost",
])
def test_url_import_refuses_local_and_odd_targets(url):
    result = import_url(url)
    assert result.status == "error"
    assert Article.objects.count() == 0


def test_an_article_costs_a_fixed_number_of_queries_its_people_read_at_once(sample_text, django_assert_max_num_queries):
    """Issue 14 (bench_import): the people a repost names, known by now, are read in one query
    whatever their number, its outlet and the original's in one, and the claims' carriers
    written in one. Here the import's own transaction is a savepoint of the test's: two queries
    more than in production."""
    def copy(n: int) -> str:
        return json.dumps({"url": f"https://copies.example/{n}", "text": sample_text.replace("Wednesday", f"Wednesday {n}")})

    [first] = import_jsonl([copy(0)], name="first.jsonl")  # its people are new: written
    named = Statement.objects.filter(article=first.article, speaker__isnull=False).values("speaker").distinct()
    assert named.count() >= 3
    with django_assert_max_num_queries(12 + 2) as captured:
        [second] = import_jsonl([copy(1)], name="second.jsonl")
    assert second.status == "created"
    assert sum("factcheck_speakeralias" in q["sql"] for q in captured.captured_queries) == 1
    assert sum(q["sql"].startswith("UPDATE") for q in captured.captured_queries) == 1
    assert list(Statement.objects.filter(article=second.article).order_by("start").values_list("speaker", "carried_by__start")) \
        == list(Statement.objects.filter(article=first.article).order_by("start").values_list("speaker", "carried_by__start"))


def test_speakers_for_reads_once_and_a_later_name_finds_what_an_earlier_one_wrote(django_assert_num_queries):
    from factcheck.services.speakers import speaker_for, speakers_for

    lavrov = speaker_for("Sergei Lavrov", "Russian Foreign Minister", ("Lavrov",))
    with django_assert_num_queries(1):
        assert speakers_for([("Lavrov", "", ()), ("Sergei Lavrov", "", ("Lavrov",)), (" ", "", ())]) == [lavrov, lavrov, None]
    # Dmitry Peskov is new, so written; "Peskov" after him is the alias just written, not a second person.
    peskov, again = speakers_for([("Dmitry Peskov", "Kremlin spokesman", ("Peskov",)), ("Peskov", "", ())])
    assert peskov == again and Speaker.objects.filter(name__contains="Peskov").count() == 1
    assert peskov.name == "Dmitry Peskov" and peskov.role == "Kremlin spokesman"


def test_outlets_read_in_one_query_found_in_any_case_and_created_once(django_assert_num_queries):
    from factcheck.services.importing import _outlets

    wire = Outlet.objects.create(name="Reuters")
    with django_assert_num_queries(1):
        assert _outlets("REUTERS", " reuters ") == [wire, wire]
    with django_assert_num_queries(1):
        assert _outlets("", "Reuters") == [None, wire]
    made, again = _outlets("Antiwar.com", "ANTIWAR.COM")  # new: created once, found in other capitals
    assert made == again and made.name == "Antiwar.com"
    new, known = _outlets("Global  Research", "reuters")
    assert new.name == "Global Research" and known == wire and Outlet.objects.count() == 3
