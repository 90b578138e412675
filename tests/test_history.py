"""History of articles and speakers, and merging duplicate speakers (editors, in the admin)."""

import pytest

from factcheck.models import Change, Speaker, Statement
from factcheck.services.importing import import_text
from factcheck.services.speakers import speaker_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_import_and_new_speakers_are_in_history(sample_text, reviewer):
    article = import_text(sample_text, user=reviewer).article
    created = Change.objects.get(model="article", object_id=article.pk)
    assert (created.action, created.actor, created.changes["statements"][1]) == ("create", reviewer, 12)
    assert Change.objects.filter(model="speaker", action="create").count() == Speaker.objects.count() == 3


def test_editor_merges_duplicate_speakers_in_the_admin(client, sample_article):
    editor = make_user("merger", "editor", is_staff=True)
    dup = speaker_for("S. V. Lavrov")  # a second record for the same man
    quote = sample_article.statements.filter(kind="quote").exclude(speaker__name="Hasan Sultonov").first()
    Statement.objects.filter(pk=quote.pk).update(speaker=dup)
    keep = Speaker.objects.get(name="Sergei Lavrov")
    client.force_login(editor)
    response = client.post("/admin/factcheck/speaker/", {
        "action": "merge_speakers", "_selected_action": [keep.pk, dup.pk]}, follow=True)
    assert response.status_code == 200 and b"Merged 1 into Sergei Lavrov" in response.content
    assert not Speaker.objects.filter(pk=dup.pk).exists()
    assert Statement.objects.get(pk=quote.pk).speaker == keep
    assert "S. V. Lavrov" in keep.aliases.values_list("alias", flat=True)
    merged = Change.objects.get(model="speaker", object_id=keep.pk, action="update")
    assert merged.actor == editor and "merged duplicate speaker" in merged.reason


def test_reviewers_cannot_merge_or_edit_history(client, reviewer, sample_article):
    client.force_login(reviewer)  # not staff
    assert client.get("/admin/factcheck/speaker/").status_code == 302
    admin = make_user("root-ish", "admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change = Change.objects.first()
    assert client.get(f"/admin/factcheck/change/{change.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/factcheck/change/{change.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403 and Change.objects.filter(pk=change.pk).exists()


def test_admin_edit_of_an_article_is_recorded(client, sample_article):
    admin = make_user("chief", "admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    data = {"title": "Corrected headline", "subtitle": sample_article.subtitle, "author": sample_article.author,
            "text": sample_article.text, "language": "en", "content_hash": sample_article.content_hash,
            "links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0", "outlet": sample_article.outlet_id}
    response = client.post(f"/admin/factcheck/article/{sample_article.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    change = Change.objects.filter(model="article", action="update").get()
    assert change.changes["title"] == [sample_article.title, "Corrected headline"] and change.actor == admin
