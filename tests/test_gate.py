"""The editorial gate through real HTTP: nothing reaches the public pages without four eyes, in
the app or in the admin; an approved fact-check keeps its words; statuses follow verdicts;
sign-in pages are private; password rules."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from factcheck.access import EDITOR_ADMIN_CHANGES
from factcheck.models import Change, Rating, Statement, Verdict
from factcheck.services import review
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def quote(sample_article):
    return sample_article.statements.get(kind="quote", text__startswith="“We’ll do everything")


@pytest.fixture
def true_rating():
    return Rating.objects.get(scale__is_active=True, label="True")


def submitted(statement, author, rating, rationale="The base exists; the quote is accurate."):
    v = review.verdict_save(statement=statement, user=author, rating=rating, rationale=rationale, version=None)
    return review.verdict_submit(verdict_id=v.pk, version=v.version, user=author)


def approved(statement, author, editor, rating):
    v = submitted(statement, author, rating)
    return review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)


def edit(client, st, **changes):
    data = {"version": st.version, "kind": st.kind, "quote_type": st.quote_type, "status": st.status,
            "speaker_name": st.speaker.name if st.speaker else "", "speaker_as_written": st.speaker_as_written,
            "cue": st.cue, "assignee": st.assignee_id or "", "start": st.start, "end": st.end} | changes
    return client.post(reverse("statement-edit", args=[st.pk]), data, **HX)


# -- 1. the admin ----------------------------------------------------------------------------

ADMIN_USERS = {
    "reviewer": {"role": "reviewer", "is_staff": True},  # made staff by mistake: still nothing
    "editor": {"role": "editor", "is_staff": True},
    "admin": {"role": "admin", "is_staff": True},
    "superuser": {"is_staff": True, "is_superuser": True},
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("who", list(ADMIN_USERS))
def test_admin_walk_as_each_role(client, quote, reviewer, editor, true_rating, who):
    """Every model of the workbench in the admin: list, add and change pages, as each role."""
    verdict = submitted(quote, reviewer, true_rating)
    client.force_login(make_user(f"walk-{who}", **ADMIN_USERS[who]))
    samples = {Verdict: verdict, Statement: quote, Rating: true_rating}
    for model in [m for m in admin.site._registry if m._meta.app_label == "factcheck"]:
        label = model._meta.label_lower
        may_see = who != "reviewer"
        may_change = who == "superuser" or (who in ("editor", "admin") and label in EDITOR_ADMIN_CHANGES)
        listing = client.get(admin_url(model, "changelist"))
        assert listing.status_code == (200 if may_see else 403), (who, label)
        adding = client.get(admin_url(model, "add"))
        expected_add = 200 if may_change and model._meta.model_name != "change" else 403
        assert adding.status_code == expected_add, (who, label, adding.status_code)
        obj = samples.get(model) or model.objects.first()
        if obj is not None and may_see:
            page = client.get(admin_url(model, "change", obj.pk))
            assert page.status_code == 200
            assert (b'name="_save"' in page.content) == (may_change and model._meta.model_name != "change"), \
                (who, label)


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_an_editor_cannot_approve_a_verdict_in_the_admin(client, quote, reviewer, editor2, true_rating, who):
    """The seen attack: submit in the app, then set state=approved and editor=<another> in the
    admin. Refused; nothing is published and the verdict is as submitted."""
    verdict = submitted(quote, reviewer, true_rating)
    client.force_login(make_user(f"sly-{who}", **ADMIN_USERS[who]))
    response = client.post(admin_url(Verdict, "change", verdict.pk), {
        "statement": quote.pk, "rating": true_rating.pk, "rationale": "rewritten", "author": reviewer.pk,
        "state": "approved", "editor": editor2.pk, "decision_reason": "", "version": verdict.version,
        "last_submitted_rationale": ""})
    assert response.status_code == 403
    fresh = Verdict.objects.get(pk=verdict.pk)
    assert (fresh.state, fresh.rationale, fresh.editor) == ("submitted", verdict.rationale, None)
    assert client.get(reverse("verdict-public", args=[verdict.pk])).status_code == 404
    statement = client.post(admin_url(Statement, "change", quote.pk), {"text": "other words"})
    assert statement.status_code == 403
    assert client.post(admin_url(Verdict, "delete", verdict.pk), {"post": "yes"}).status_code == 403
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_a_superuser_change_in_the_admin_is_kept_in_history(client, quote, reviewer, true_rating):
    verdict = review.verdict_save(statement=quote, user=reviewer, rating=true_rating, rationale="v1", version=None)
    root = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(root)
    response = client.post(admin_url(Verdict, "change", verdict.pk), {
        "statement": quote.pk, "rating": true_rating.pk, "rationale": "fixed a typo", "author": reviewer.pk,
        "state": "draft", "editor": "", "decision_reason": "", "version": verdict.version,
        "last_submitted_rationale": "", "last_submitted_rating": ""})
    assert response.status_code == 302
    change = Change.objects.filter(model="verdict", object_id=verdict.pk, actor=root).get()
    assert change.reason == "in the admin" and change.changes["rationale"] == ["v1", "fixed a typo"]


def test_editors_manage_ratings_and_speakers_but_not_a_rating_in_use(client, quote, reviewer, editor2, true_rating):
    approved(quote, reviewer, editor2, true_rating)
    client.force_login(make_user("staff-editor", "editor", is_staff=True))
    unused = Rating.objects.get(scale__is_active=True, label="Unverifiable")
    form = {"scale": unused.scale_id, "label": "Cannot be verified", "order": unused.order,
            "rating_value": unused.rating_value}
    saved = client.post(admin_url(Rating, "change", unused.pk), form)
    assert saved.status_code == 302 and saved["Location"] == admin_url(Rating, "changelist")
    assert Rating.objects.get(pk=unused.pk).label == "Cannot be verified"
    refused = client.post(admin_url(Rating, "change", true_rating.pk), {
        "scale": true_rating.scale_id, "label": "Accurate", "order": true_rating.order,
        "rating_value": true_rating.rating_value})
    assert refused.status_code == 200 and "is the rating of 1 verdict: it cannot change" in refused.text
    assert Rating.objects.get(pk=true_rating.pk).label == "True"
    speaker = quote.speaker
    renamed = client.post(admin_url(type(speaker), "change", speaker.pk), {
        "name": "Sergei V. Lavrov", "role": speaker.role, "description": "",
        "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    assert renamed.status_code == 302


def test_group_permissions_are_the_readme_table():
    """The roles' model permissions (what the admin goes by) say exactly what access.py does."""
    changes = {f"{action}_{label.split('.')[1]}" for label in EDITOR_ADMIN_CHANGES
               for action in ("add", "change", "delete")}
    for name in ("editor", "admin"):
        ours = set(Group.objects.get(name=name).permissions.filter(content_type__app_label="factcheck")
                   .values_list("codename", flat=True))
        assert {c for c in ours if not c.startswith("view_")} == changes, name
        views = set(Permission.objects.filter(content_type__app_label="factcheck", codename__startswith="view_")
                    .values_list("codename", flat=True))
        assert {c for c in ours if c.startswith("view_")} == views
    assert not Group.objects.get(name="reviewer").permissions.exists()
    assert Group.objects.get(name="admin").permissions.filter(codename="change_user").exists()


def test_only_a_superuser_makes_a_superuser(client):
    target = make_user("newcomer")
    client.force_login(make_user("ad", "admin", is_staff=True))
    page = client.get(reverse("admin:auth_user_change", args=[target.pk]))
    assert page.status_code == 200 and b'name="is_superuser"' not in page.content
    client.force_login(make_user("root", is_staff=True, is_superuser=True))
    assert b'name="is_superuser"' in client.get(reverse("admin:auth_user_change", args=[target.pk])).content


# -- 2. an approved fact-check keeps its words --------------------------------------------------

def test_approved_statement_is_frozen_until_reopened(client, quote, reviewer, reviewer2, editor, editor2,
                                                     true_rating):
    verdict = approved(quote, reviewer, editor, true_rating)
    quote.refresh_from_db()
    words = quote.text
    public = reverse("verdict-public", args=[verdict.pk])
    published = [item["claimReviewed"] for item in client.get(reverse("claimreview-feed")).json()["@graph"]]
    assert len(published) == 1 and published[0] in words
    client.force_login(reviewer2)
    for change in ({"end": quote.end - 5}, {"speaker_name": "Someone Else"}, {"speaker_as_written": "she"}):
        response = edit(client, quote, **change)
        assert response.status_code == 409, change
        assert "stay as approved. An editor reopens the verdict" in response.text
    fresh = Statement.objects.get(pk=quote.pk)
    assert (fresh.text, fresh.end, fresh.speaker_id, fresh.version) == (words, quote.end, quote.speaker_id,
                                                                       quote.version)
    assert edit(client, quote, cue="stated").status_code == 200  # what is not published may change
    quote.refresh_from_db()
    deleted = client.post(reverse("statement-delete", args=[quote.pk]), {"version": quote.version}, **HX)
    assert deleted.status_code == 409 and "cannot be deleted" in deleted.text
    merge_other = quote.article.statements.exclude(pk=quote.pk).first()
    merged = client.post(reverse("statement-merge", args=[merge_other.pk]),
                         {"version": merge_other.version, "other": quote.pk}, **HX)
    assert merged.status_code == 409
    assert Statement.objects.live().filter(pk=quote.pk).exists()
    client.logout()
    assert words in client.get(public).text
    feed = client.get(reverse("claimreview-feed")).json()["@graph"]
    assert [item["claimReviewed"] for item in feed] == published

    client.force_login(editor2)  # an editor reopens, with a reason: off the public pages
    verdict.refresh_from_db()
    reopened = client.post(reverse("verdict-action", args=[verdict.pk, "reopen"]),
                           {"version": verdict.version, "reason": "The quote is longer."}, **HX)
    assert reopened.status_code == 200 and "Reopened" in reopened.text
    client.logout()
    assert client.get(public).status_code == 404
    assert client.get(reverse("claimreview-feed")).json()["@graph"] == []
    client.force_login(reviewer2)
    quote.refresh_from_db()
    assert edit(client, quote, end=quote.end - 1).status_code == 200
    assert Statement.objects.get(pk=quote.pk).text == words[:-1]


def test_deleted_statement_never_stays_public(client, quote, reviewer, editor, true_rating):
    verdict = approved(quote, reviewer, editor, true_rating)
    Statement.objects.filter(pk=quote.pk).update(deleted_at="2026-01-01T00:00:00Z")  # as the old code allowed
    assert client.get(reverse("verdict-public", args=[verdict.pk])).status_code == 404


# -- 3. statuses and assignment ---------------------------------------------------------------

def test_checked_needs_an_approved_verdict(reviewer_client, quote):
    response = edit(reviewer_client, quote, status="checked")
    assert response.status_code == 422 and "when an editor approves its verdict" in response.text
    assert Statement.objects.get(pk=quote.pk).status == "unreviewed"


def test_work_goes_only_to_people_with_a_role(reviewer_client, quote, outsider, reviewer2):
    response = edit(reviewer_client, quote, assignee=outsider.pk)
    assert response.status_code == 422 and "otto has no role yet" in response.text
    assert Statement.objects.get(pk=quote.pk).assignee is None
    bulk = reviewer_client.post(reverse("statement-bulk"), {"ids": [quote.pk], "assignee": outsider.pk,
                                                            "next": "/statements/"}, follow=True)
    assert "1 not changed" in bulk.text and "otto has no role yet" in bulk.text
    assert Statement.objects.get(pk=quote.pk).assignee is None
    assert edit(reviewer_client, quote, assignee=reviewer2.pk).status_code == 200


def test_status_follows_the_verdict(client, quote, reviewer, editor, true_rating):
    client.force_login(reviewer)
    client.post(reverse("verdict-save", args=[quote.pk]),
                {"rating": true_rating.pk, "rationale": "Accurate.", "submit": "1"}, **HX)
    quote.refresh_from_db()
    assert quote.status == "in_review"
    panel = client.get(quote.get_absolute_url(), **HX).text
    assert "In review" in panel
    refused = edit(client, quote, status="dismissed")
    assert refused.status_code == 409 and "the statement is “In review”" in refused.text
    verdict = Verdict.objects.get(statement=quote)
    client.force_login(editor)
    client.post(reverse("verdict-action", args=[verdict.pk, "reject"]),
                {"version": verdict.version, "reason": "Add a source."}, **HX)
    assert Statement.objects.get(pk=quote.pk).status == "in_progress"
    verdict.refresh_from_db()
    client.force_login(reviewer)
    client.post(reverse("verdict-action", args=[verdict.pk, "submit"]), {"version": verdict.version}, **HX)
    verdict.refresh_from_db()
    client.force_login(editor)
    client.post(reverse("verdict-action", args=[verdict.pk, "approve"]), {"version": verdict.version}, **HX)
    assert Statement.objects.get(pk=quote.pk).status == "checked"


# -- 13. the conflict after an editor's decision names the editor ------------------------------

def test_conflict_after_a_decision_names_the_editor(client, quote, reviewer, editor, editor2, true_rating):
    verdict = submitted(quote, reviewer, true_rating)
    stale = verdict.version
    review.verdict_approve(verdict_id=verdict.pk, version=stale, user=editor)
    client.force_login(editor2)
    response = client.post(reverse("verdict-action", args=[verdict.pk, "reject"]),
                           {"version": stale, "reason": "too late"}, **HX)
    assert response.status_code == 409
    assert "This verdict was approved by edith; reload" in response.text and "by rita" not in response.text


# -- 11. password rules ------------------------------------------------------------------------

def test_passwords_like_the_username_or_all_digits_are_refused(settings, tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    user = make_user("margarethe")
    with pytest.raises(ValidationError, match="too similar"):
        validate_password("margarethe1", user)
    with pytest.raises(ValidationError, match="entirely numeric"):
        validate_password("9371846205", user)
    settings.VAR_DIR = tmp_path  # the demo accounts keep working under the rules
    call_command("load_demo", samples=str(tmp_path / "none"))
    for line in (tmp_path / "demo-passwords.txt").read_text().splitlines():
        name, password = line.split(" ", 1)
        demo = get_user_model().objects.get(username=f"demo-{name}")
        validate_password(password, demo)
        assert demo.check_password(password)


# -- 12. private pages, public checks ------------------------------------------------------------

def test_signed_in_pages_are_not_cached_public_checks_are(client, quote, reviewer, editor, true_rating):
    verdict = approved(quote, reviewer, editor, true_rating)
    client.force_login(reviewer)
    for url in ("/", reverse("statement-queue"), quote.get_absolute_url()):
        control = client.get(url)["Cache-Control"]
        assert "private" in control and "no-store" in control, url
    assert "no-store" in client.get(quote.get_absolute_url(), **HX)["Cache-Control"]
    for signed_in in (True, False):
        if not signed_in:
            client.logout()
        for url in (reverse("verdict-public", args=[verdict.pk]), reverse("claimreview-feed")):
            response = client.get(url)
            assert response.status_code == 200
            assert response["Cache-Control"] == "public, max-age=60", (url, signed_in)
