"""The editors' dashboard: every chart link shows exactly the rows its bar counts, and the
figures follow every change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from factcheck.models import Rating, Statement, Verdict
from factcheck.services import review
from factcheck.services.importing import import_paths
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def approve(statement, reviewer, editor, label="True"):
    rating = Rating.objects.get(label=label, scale__is_active=True)
    v = review.verdict_save(statement=statement, user=reviewer, rating=rating, rationale="On the record.", version=None)
    v = review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)
    return review.verdict_approve(verdict_id=v.pk, version=v.version, user=editor)


@pytest.fixture
def newsroom(sample_path, reviewer, editor):
    list(import_paths([sample_path, FIXTURES / "reuters_lavrov.txt", FIXTURES / "tass_lavrov.txt"], user=reviewer))
    lavrov = Statement.objects.get(text__startswith="“We’ll do everything")  # a repost: Global Research of Antiwar.com
    approve(lavrov, reviewer, editor)
    claim = Statement.objects.filter(kind="claim", article__outlet__name="TASS").first()
    old = approve(claim, reviewer, editor, "False")  # no speaker
    Verdict.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(weeks=3))
    quote = Statement.objects.filter(kind="quote", article__outlet__name="Reuters", speaker__isnull=False).first()
    approve(quote, reviewer, editor, "Mostly true")
    submitted = Statement.objects.filter(kind="claim", article__outlet__name="Reuters").first()
    v = review.verdict_save(statement=submitted, user=reviewer, rating=Rating.objects.get(label="True", scale__is_active=True),
                            rationale="Pending.", version=None)
    review.verdict_submit(verdict_id=v.pk, version=v.version, user=reviewer)  # not approved: counted nowhere
    return {"lavrov": lavrov, "claim": claim, "quote": quote}


def bars(context) -> dict[str, list[dict]]:
    return {name: context[name] for name in ("by_status", "by_rating", "by_outlet", "by_speaker", "weekly")}


def test_every_chart_link_shows_exactly_what_its_bar_counts(client, editor, newsroom):
    client.force_login(editor)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    checked = 0
    for name, rows in bars(response.context).items():
        for bar in rows:
            page = client.get(bar["url"])
            assert page.status_code == 200, bar["url"]
            assert page.context["page"].paginator.count == bar["value"], (name, bar)
            checked += 1
    figures = bars(response.context)
    assert sum(b["value"] for b in figures["by_rating"]) == 3
    outlets = {b["label"]: b["value"] for b in figures["by_outlet"]}
    assert outlets == {"Global Research": 1, "Antiwar.com": 1, "TASS": 1, "Reuters": 1}
    speakers = {b["label"]: b["value"] for b in figures["by_speaker"]}
    assert speakers["unnamed (no speaker)"] == 1 and speakers["Sergei Lavrov"] >= 1
    weeks = [w["value"] for w in figures["weekly"]]
    assert weeks[-1] == 2 and weeks[-4] == 1 and sum(weeks) == 3
    # Weeks of approval, not of publication: since+until of the approval date.
    assert all("approved_since=" in w["url"] and "approved_until=" in w["url"] and "&since=" not in w["url"]
               for w in figures["weekly"])
    assert checked == sum(len(rows) for rows in figures.values()) >= 4 + 3 + 4 + 2 + 12


def test_the_figures_follow_every_change(client, editor, reviewer, newsroom):
    client.force_login(editor)
    before = {b["label"]: b["value"] for b in client.get("/dashboard/").context["by_status"]}
    st = Statement.objects.to_check().filter(status="unreviewed", kind="claim").first()
    review.statement_update(statement_id=st.pk, version=st.version, user=reviewer, data={"status": "dismissed"})
    after = {b["label"]: b["value"] for b in client.get("/dashboard/").context["by_status"]}
    assert after["Not a quote/claim"] == before["Not a quote/claim"] + 1
    assert after["Unreviewed"] == before["Unreviewed"] - 1
    rated = {b["label"]: b["value"] for b in client.get("/dashboard/").context["by_rating"]}
    approve(Statement.objects.to_check().filter(verdict__isnull=True, kind="quote").first(), reviewer, editor, "False")
    now = {b["label"]: b["value"] for b in client.get("/dashboard/").context["by_rating"]}
    assert now["False"] == rated["False"] + 1


def test_big_numbers_are_written_in_full(client, editor, newsroom, monkeypatch):
    from factcheck.services import dashboard

    real = dashboard.compute

    def grown():
        data = real()
        data["by_status"] = dashboard._bars([("Unreviewed, with a label far longer than any chart would allow",
                                              1_234_567, "/statements/?status=unreviewed")])
        return data

    monkeypatch.setattr(dashboard, "compute", grown)
    client.force_login(editor)
    html = client.get("/dashboard/").content.decode()
    assert ">1,234,567<" in html
    assert ">Unreviewed, with a label far longer than any chart would allow<" in html
