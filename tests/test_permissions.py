"""Every URL of the app x every kind of user -> the expected status, generated from the URL conf:
a new view without a rule here fails this test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from factcheck.access import RANK, role_of
from factcheck.models import Appearance, Evidence, ImportJob, QuoteCluster, Rating, Source, Verdict
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

# url name -> (least role, methods the view answers)
RULES = {
    "article-list": ("reviewer", "GET"),
    "article-detail": ("reviewer", "GET"),
    "article-import": ("reviewer", "GET"),
    "statement-create": ("reviewer", "POST"),
    "statement-queue": ("reviewer", "GET"),
    "statement-bulk": ("reviewer", "POST"),
    "statement-detail": ("reviewer", "GET"),
    "statement-section": ("reviewer", "GET"),
    "statement-edit": ("reviewer", "POST"),
    "statement-assign-me": ("reviewer", "POST"),
    "statement-delete": ("reviewer", "POST"),
    "statement-restore": ("reviewer", "POST"),
    "statement-split": ("reviewer", "POST"),
    "statement-merge": ("reviewer", "POST"),
    "evidence-add": ("reviewer", "POST"),
    "comment-add": ("reviewer", "POST"),
    "verdict-save": ("reviewer", "POST"),
    "evidence-remove": ("reviewer", "POST"),
    "verdict-action": ("reviewer", "POST"),
    "approval-queue": ("editor", "GET"),
    "speaker-search": ("reviewer", "GET"),
    "cluster-detail": ("reviewer", "GET"),
    "suggestion-decide": ("reviewer", "POST"),
    "alias-offer-decide": ("reviewer", "POST"),
    "dashboard": ("editor", "GET"),
    "import-job": ("reviewer", "GET"),
}
OPEN = {"login", "logout", "verdict-public", "claimreview-feed", "health"}  # auth, published checks, health


def app_url_names():
    names = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            continue  # the admin: its own permission system
        assert isinstance(pattern, URLPattern)
        names.append(pattern.name)
    return names


def test_every_view_has_a_rule_and_declares_its_role():
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) or pattern.name in OPEN:
            continue
        assert pattern.name in RULES, f"no permission rule for {pattern.name}"
        assert getattr(pattern.callback, "required_role", None) == RULES[pattern.name][0], pattern.name


@pytest.fixture
def objects(sample_article, reviewer):
    statement = sample_article.statements.first()
    rating = Rating.objects.filter(scale__is_active=True).first()
    verdict = Verdict.objects.create(statement=statement, author=reviewer, rating=rating, rationale="r")
    evidence = Evidence.objects.create(statement=statement, source=Source.objects.create(url="https://s.example/"))
    job = ImportJob.objects.create(name="x.jsonl", payload="")
    cluster = QuoteCluster.objects.create()
    Appearance.objects.create(statement=statement, cluster=cluster)
    return {"pk": statement.pk, "article_pk": sample_article.pk, "verdict": verdict.pk, "evidence": evidence.pk,
            "cluster": cluster.pk, "job": job.pk}


def url_for(name, objects):
    kwargs = {
        "article-detail": {"pk": objects["article_pk"]}, "statement-create": {"article_pk": objects["article_pk"]},
        "evidence-remove": {"pk": objects["evidence"]},
        "verdict-action": {"pk": objects["verdict"], "action": "approve"},
        "cluster-detail": {"pk": objects["cluster"]},
        "suggestion-decide": {"pk": 1, "decision": "confirm"},
        "alias-offer-decide": {"pk": 1, "decision": "confirm"},
        "import-job": {"pk": objects["job"]},
        "statement-section": {"pk": objects["pk"], "section": "verdict"},
    }.get(name)
    if kwargs is None:
        pattern = next(p for p in get_resolver().url_patterns if getattr(p, "name", None) == name)
        kwargs = {"pk": objects["pk"]} if "pk" in pattern.pattern.regex.groupindex else {}
    return reverse(name, kwargs=kwargs)


USERS = ["anonymous", "nogroup", "reviewer", "editor", "admin"]


@pytest.mark.parametrize("who", USERS)
def test_permission_matrix(client, objects, who):
    if who != "anonymous":
        role = None if who == "nogroup" else who
        user = make_user(f"matrix-{who}", role)
        client.force_login(user)
        assert role_of(user) == role
    for name in app_url_names():
        if name in OPEN:
            continue
        least, method = RULES[name]
        url = url_for(name, objects)
        response = client.get(url)
        if who == "anonymous":
            expected = 302
        elif who == "nogroup" or RANK[who] < RANK[least]:
            expected = 403
        else:
            expected = 200 if method == "GET" else 405
        assert response.status_code == expected, (who, name, url, response.status_code)
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))


def test_no_group_user_cannot_post_either(client, objects):
    client.force_login(make_user("nobody"))
    response = client.post(url_for("statement-edit", objects), {"version": 1, "kind": "claim"})
    assert response.status_code == 403 and b"No access yet" in response.content


def test_admin_site_needs_staff(client, admin_user, reviewer):
    client.force_login(reviewer)
    assert client.get("/admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_reviewer_cannot_reopen(client, objects, reviewer2):
    verdict = Verdict.objects.get(pk=objects["verdict"])
    Verdict.objects.filter(pk=verdict.pk).update(state="approved", editor=None)
    client.force_login(reviewer2)
    response = client.post(reverse("verdict-action", args=[verdict.pk, "reopen"]),
                           {"version": verdict.version, "reason": "mine now"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert Verdict.objects.get(pk=verdict.pk).state == "approved"


def test_published_checks_are_open_to_anonymous_readers(client):
    assert client.get(reverse("claimreview-feed")).status_code == 200
    assert client.get(reverse("verdict-public", args=[999])).status_code == 404
