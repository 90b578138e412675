"""Article list, article page and import page through real HTTP requests."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from factcheck.models import Article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["article-list", "article-import"])
def test_anonymous_users_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_article_page_redirects(client, sample_article):
    response = client.get(sample_article.get_absolute_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200


def test_user_without_role_sees_no_access_page(client, outsider, sample_article):
    client.force_login(outsider)
    for url in (reverse("article-list"), sample_article.get_absolute_url(), reverse("article-import")):
        response = client.get(url)
        assert response.status_code == 403
        assert b"No access yet" in response.content


def test_login_with_password_and_csrf(reviewer):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"))
    token = page.cookies["csrftoken"].value
    response = client.post(reverse("login"), {"username": "rita", "password": "correct-horse-battery",
                                              "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == reverse("article-list")


def test_article_list_shows_outlet_date_title_counts(reviewer_client, sample_article):
    html = reviewer_client.get(reverse("article-list")).content.decode()
    assert "Global Research" in html and "via Antiwar.com" in html
    assert "2021-07-11" in html
    assert sample_article.title in html
    assert '<td class="num">6</td>' in html  # six quotes


def test_article_page_shows_paragraphs_links_and_statements(reviewer_client, sample_article):
    response = reviewer_client.get(sample_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<p data-start=") == 6  # six body paragraphs
    assert html.count('class="dead-link"') >= 2
    # Each paragraph's text is exactly its slice of the stored text: selections map to offsets.
    for start, inner in re.findall(r'<p data-start="(\d+)">(.*?)</p>', html, re.S):
        plain = unescape(re.sub(r"<[^>]+>", "", inner))
        assert sample_article.text[int(start):int(start) + len(plain)] == plain
    assert html.count('<mark class="hl hl-direct') >= 4
    assert "Dave DeCamp" in html and "Antiwar.com" in html
    assert "Hasan Sultonov" in html and "Sergei Lavrov" in html
    assert "Note to readers" not in html


def test_missing_article_is_404(reviewer_client):
    assert reviewer_client.get("/articles/999999/").status_code == 404


def test_import_page_tabs_and_htmx_partial(reviewer_client):
    full = reviewer_client.get(reverse("article-import") + "?tab=url")
    assert b"<html" in full.content and b'name="url"' in full.content
    partial = reviewer_client.get(reverse("article-import") + "?tab=upload", HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert b'id="import-panel"' in partial.content and b'type="file"' in partial.content


def test_paste_import_redirects_to_article(reviewer_client, sample_text):
    response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": sample_text})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    page = reviewer_client.get(response["Location"])
    assert b"created" in page.content  # the message says what happened


def test_paste_import_with_htmx_redirects_the_client(reviewer_client, sample_text):
    response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": sample_text},
                                    HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == Article.objects.get().get_absolute_url()


def test_empty_paste_shows_inline_error(reviewer_client):
    response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": ""},
                                    HTTP_HX_REQUEST="true")
    # 200, so htmx swaps the form with its message in where the person is looking.
    assert response.status_code == 200
    assert b"<html" not in response.content and b"Nothing to import: paste the article" in response.content


def test_duplicate_paste_says_so(reviewer_client, sample_text, sample_article):
    response = reviewer_client.post(reverse("article-import"), {"tab": "paste", "text": sample_text}, follow=True)
    assert b"already imported" in response.content
    assert Article.objects.count() == 1


def test_upload_jsonl_becomes_a_job_listing_bad_lines(reviewer_client, django_capture_on_commit_callbacks):
    data = (b'{"url": "https://x.example/1", "title": "T", "text": "The council said 4 bridges closed."}\n'
            b'{broken\n')
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("article-import"), {
            "tab": "upload", "file": SimpleUploadedFile("batch.jsonl", data, "application/x-ndjson")})
    assert response.status_code == 302
    html = reviewer_client.get(response["Location"]).content.decode()
    assert "1 created, 0 already there, 1 failed" in html
    assert "line 2: not valid JSON" in html


def test_upload_binary_file_is_refused_with_message(reviewer_client):
    response = reviewer_client.post(reverse("article-import"), {
        "tab": "upload", "file": SimpleUploadedFile("photo.txt", b"\x00\x01\x02" * 100)})
    assert b"binary data" in response.content
    assert Article.objects.count() == 0


def test_upload_wrong_type_is_refused(reviewer_client):
    response = reviewer_client.post(reverse("article-import"), {
        "tab": "upload", "file": SimpleUploadedFile("doc.exe", b"MZ")})
    assert response.status_code == 200 and b"Choose a .txt" in response.content


def test_url_import_refuses_loopback_from_the_form(reviewer_client, django_capture_on_commit_callbacks):
    # The fetch runs in the background (it may take IMPORT_URL_TIMEOUT); its page says why not.
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(reverse("article-import"), {"tab": "url", "url": "http://127.0.0.1:8000/"})
    assert response.status_code == 302
    page = reviewer_client.get(response["Location"])
    assert b"Not imported: 127.0.0.1 is a private or local address" in page.content
