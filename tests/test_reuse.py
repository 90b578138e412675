"""Reuse in the database (issue 14): figures and speakers guards, verdicts that carry only where
they may, claim reuse, the honest first appearance, the cluster page, batched matching, and the
story set's figures. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import json

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from factcheck import semantic
from factcheck.models import Appearance, MatchSuggestion, QuoteCluster, Rating, Statement, Verdict
from factcheck.services import matching as service
from factcheck.services.importing import import_jsonl
from factcheck.services.presenting import reuse_summary
from factcheck.services.stories import (
    STORIES,
    mentions_refresh,
    stories_import,
    stories_load,
    stories_score,
)

FULL = ("This decision was not taken lightly. We will send 4,000 troops to the northern border to protect "
        "our citizens and our allies. They will stay there as long as they are needed.")


def article(n, quote, *, outlet=None, published="2024-05-14", speaker="Defence Minister Viktor Halloran",
            before="Columns of lorries were seen near the capital", after=""):
    body = f"{before} (report {n}).\n\n“{quote}” {speaker} said.\n\n{after}".strip()
    return {"url": f"https://news.example/{n}", "outlet": outlet or f"Outlet {n}", "title": f"Story {n}",
            "published": published, "text": body}


@pytest.fixture
def imported(db, django_capture_on_commit_callbacks):
    def run(*records):
        with django_capture_on_commit_callbacks(execute=True):
            results = list(import_jsonl([json.dumps(r) for r in records], name="test"))
        assert all(r.status == "created" for r in results), [r.message for r in results]
        return [r.article for r in results]
    return run


def quote_in(article_) -> Statement:
    return Statement.objects.get(article=article_, kind="quote", quote_type="direct")


def approve(statement, reviewer, editor, rating_scale):
    return Verdict.objects.create(statement=statement, author=reviewer, editor=editor, state="approved",
                                  rating=Rating.objects.order_by("order").first(),
                                  rationale="Checked against the ministry's release.", decided_at=timezone.now())


def test_different_figures_are_never_linked_and_a_verdict_never_crosses_them(
        imported, reviewer, editor, rating_scale):
    a, b, c = imported(article(1, FULL), article(2, FULL.replace("4,000", "5,500")),
                       article(3, FULL.replace("troops", "soldiers")))
    qa, qb, qc = quote_in(a), quote_in(b), quote_in(c)
    assert qa.appearance.cluster_id == qc.appearance.cluster_id
    assert not Appearance.objects.filter(statement=qb).exists()
    suggestion = MatchSuggestion.objects.get(statement=qb, candidate=qa)
    assert suggestion.guard == "figures" and suggestion.get_guard_display() == "similar wording, different figures"

    approve(qa, reviewer, editor, rating_scale)
    assert reuse_summary(Statement.objects.get(pk=qc.pk))["verdict"].statement_id == qa.pk
    # A reviewer may still say the two are one statement; the verdict does not follow the figure.
    service.suggestion_decide(suggestion=suggestion, user=reviewer, confirm=True)
    qb = Statement.objects.get(pk=qb.pk)
    assert qb.appearance.cluster_id == qa.appearance.cluster_id
    assert reuse_summary(qb)["verdict"] is None
    assert service.carried_verdict(qb) is None


def test_a_verdict_on_a_piece_without_the_number_does_not_carry_to_the_number(
        imported, reviewer, editor, rating_scale, reviewer_client):
    piece = "They will stay there as long as they are needed, to protect our citizens and our allies."
    a, b, c = imported(article(1, piece), article(2, f"We will send 4,000 troops north. {piece}"),
                       article(3, piece))
    qa, qb, qc = quote_in(a), quote_in(b), quote_in(c)
    assert qa.appearance.cluster_id == qb.appearance.cluster_id == qc.appearance.cluster_id
    approve(qa, reviewer, editor, rating_scale)
    assert service.carried_verdict(qc).statement_id == qa.pk
    assert service.carried_verdict(qb) is None, "the number was never checked"
    elsewhere = service.checked_elsewhere(Statement.objects.filter(kind="quote"))
    assert set(elsewhere.values_list("pk", flat=True)) == {qc.pk}
    page = reviewer_client.get(reverse("cluster-detail", args=[qa.appearance.cluster_id])).content.decode()
    assert page.count("adds figures the checked rendering leaves out: the verdict does not carry") == 1


def test_already_checked_elsewhere_leaves_out_a_confirmed_pair_with_other_figures(
        imported, reviewer, editor, rating_scale):
    a, b, c = imported(article(1, FULL), article(2, FULL.replace("4,000", "5,500")), article(3, FULL))
    qa, qb, qc = quote_in(a), quote_in(b), quote_in(c)
    service.suggestion_decide(suggestion=MatchSuggestion.objects.get(statement=qb, candidate=qa),
                              user=reviewer, confirm=True)
    approve(qa, reviewer, editor, rating_scale)
    elsewhere = service.checked_elsewhere(Statement.objects.all())
    assert set(elsewhere.values_list("pk", flat=True)) == {qc.pk}


def test_two_named_speakers_are_only_suggested(imported):
    line = "We will rebuild every home that this flood destroyed, and we will do it before the winter comes."
    a, b = imported(article(1, line, speaker="Mayor Tom Reyes"), article(2, line, speaker="Governor Alice Brandt"))
    assert not Appearance.objects.exists()
    assert MatchSuggestion.objects.get(statement=quote_in(b)).guard == "speakers"


def test_appearances_years_apart_are_only_suggested(imported):
    a, b = imported(article(1, FULL, published="2020-05-14"), article(2, FULL, published="2024-05-14"))
    assert not Appearance.objects.exists()
    assert MatchSuggestion.objects.get(statement=quote_in(b)).guard == "years"


def test_a_piece_joins_its_full_quote_and_the_page_marks_the_fullest(imported, reviewer_client):
    piece = "They will stay there as long as they are needed."
    a, b, c = imported(article(1, piece), article(2, FULL), article(3, piece))
    qa, qb = quote_in(a), quote_in(b)
    cluster = qa.appearance.cluster
    assert set(cluster.appearances.values_list("statement_id", flat=True)) == {qa.pk, qb.pk, quote_in(c).pk}
    assert cluster.fullest_id == qb.pk and cluster.speaker.name == "Viktor Halloran"
    page = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    assert "Viktor Halloran: one quote, 3 appearances in 3 outlets" in page
    assert page.count("fullest rendering") == 1 and page.count("a piece of the fullest") == 2


def test_a_merged_quote_is_cut_in_two_and_each_part_joins_its_statement(imported, reviewer_client):
    sanctions = ("These sanctions are a political gesture with no economic effect. Belmora has lived under "
                 "restrictions for six years, and our exports to Asia have doubled.")
    dialogue = "We are open to dialogue with every neighbour, but not to ultimatums from anyone."
    merged = ("These sanctions are a political gesture with no economic effect. We are open to dialogue with every "
              "neighbour, but not to ultimatums from anyone.")
    wire, later, review = imported(article(1, sanctions, speaker="Spokeswoman Lidiya Marwen"),
                                   article(2, dialogue, speaker="Spokeswoman Lidiya Marwen"),
                                   article(3, merged, speaker="Spokeswoman Lidiya Marwen"))
    parts = list(Statement.objects.filter(article=review, kind="quote").order_by("start"))
    assert [p.text for p in parts] == ["“These sanctions are a political gesture with no economic effect.",
                                       "We are open to dialogue with every neighbour, but not to ultimatums from anyone.”"]
    assert parts[0].appearance.cluster == quote_in(wire).appearance.cluster
    assert parts[1].appearance.cluster == quote_in(later).appearance.cluster
    assert {p.speaker.name for p in parts} == {"Lidiya Marwen"}
    cut = parts[0].changes.get(action="update")
    assert "cut where the second begins" in cut.reason and cut.changes["end"][1] == parts[0].end
    assert parts[1].changes.get(action="create").changes == {"split_from": [None, parts[0].pk]}
    page = reviewer_client.get(reverse("statement-detail", args=[parts[0].pk]))
    assert page.status_code == 200 and "cut where the second begins" in page.content.decode()


def test_first_appearance_is_said_honestly(imported, reviewer_client):
    a, b, c = imported(article(1, FULL, published=None), article(2, FULL, published="2024-05-14"),
                       article(3, FULL, published="2024-05-14"))
    cluster = quote_in(a).appearance.cluster
    first = service.cluster_first(cluster.pk)
    # The undated one was imported first, but is never first while another is dated.
    assert first.basis == "published" and first.statement.article_id == b.pk
    assert [t.statement.article_id for t in first.same_day] == [c.pk]
    page = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    assert "date unknown" in page and "same day" in page and "the same day as Outlet 3" in page


def test_published_time_orders_the_same_day_and_all_undated_is_first_imported(imported, reviewer_client):
    a, b = imported(article(1, FULL, published="2024-05-14T15:00:00+00:00"),
                    article(2, FULL, published="2024-05-14T09:30:00+00:00"))
    first = service.cluster_first(quote_in(a).appearance.cluster_id)
    assert first.statement.article_id == b.pk and first.same_day == []

    c, d = imported(article(3, FULL.replace("4,000", "7,000"), published=None),
                    article(4, FULL.replace("4,000", "7,000"), published=None))
    cluster = quote_in(c).appearance.cluster
    assert service.cluster_first(cluster.pk).basis == "imported"
    page = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    assert "first imported" in page and "No appearance gives a date" in page


def test_the_heading_names_the_speaker_most_appearances_name(imported, reviewer_client):
    a, b, c = imported(article(1, FULL, speaker="Prime Minister Olga Brandt"), article(2, FULL), article(3, FULL))
    # Not automatically one cluster (two named speakers): a reviewer joins the first.
    suggestion = MatchSuggestion.objects.filter(candidate=quote_in(a)).first()
    assert suggestion is not None and suggestion.guard == "speakers"
    service.suggestion_decide(suggestion=suggestion, user=None, confirm=True)
    cluster = quote_in(a).appearance.cluster
    page = reviewer_client.get(reverse("cluster-detail", args=[cluster.pk])).content.decode()
    assert "Viktor Halloran: one quote, 3 appearances in 3 outlets" in page


def test_a_claim_copied_by_reposts_is_claim_reuse(imported, reviewer_client, reviewer, editor, rating_scale):
    claim = "The strike would halt about 4,000 shipments a week, according to the port authority."
    records = [{"url": f"https://news.example/c{i}", "outlet": f"Outlet {i}", "title": f"Strike {i}",
                "published": f"2024-03-0{i + 1}", "text": f"Dockworkers will strike on Monday (report {i}). {claim}"}
               for i in range(3)]
    articles = imported(*records)
    claims = [Statement.objects.get(article=x, kind="claim", text=claim) for x in articles]
    cluster = claims[0].appearance.cluster
    assert cluster.kind == QuoteCluster.Kind.CLAIM
    assert {st.appearance.cluster_id for st in claims} == {cluster.pk}
    approve(claims[0], reviewer, editor, rating_scale)
    summary = reuse_summary(claims[2])
    assert summary["claim"] and summary["outlets"] == 3 and summary["verdict"].statement_id == claims[0].pk
    page = reviewer_client.get(claims[2].get_absolute_url()).content.decode()
    assert "This claim in 3 outlets" in page and "First in <strong><bdi>Outlet 0</bdi></strong>" in page


def test_matching_an_article_costs_the_same_queries_however_many_quotes(imported):
    """Batched per article: a fixed number of queries, not ~15 per quote."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from factcheck.models import QuoteKey

    def queries_for(n_quotes: int, tag: str) -> int:
        sentences = [f"“Remark number {i} about the {w} budget will be debated at length in the council,” Mayor "
                     f"Tom Reyes said." for i, w in enumerate("harbour school road bridge park library tram pool"
                                                              .split()[:n_quotes])]
        made = imported(*[{"url": f"https://news.example/{tag}{n}", "outlet": f"Outlet {n}", "title": f"Budget {n}",
                           "text": f"Council report {tag} {n}.\n\n" + "\n\n".join(sentences)} for n in range(2)])
        latest = made[-1]
        assert Statement.objects.filter(article=latest, kind="quote").count() == n_quotes
        Appearance.objects.filter(statement__article=latest).delete()
        QuoteKey.objects.filter(statement__article=latest).delete()
        with CaptureQueriesContext(connection) as queries:
            outcomes = service.article_match(latest.pk)
        assert sum(o.cluster is not None for o in outcomes) == n_quotes
        return len(queries)

    assert queries_for(2, "a") == queries_for(8, "b") <= 16


def test_rebuild_keeps_the_clusters_online_matching_made(imported):
    piece = "They will stay there as long as they are needed."
    imported(article(1, piece), article(2, FULL), article(3, FULL.replace("4,000", "5,500")), article(4, FULL))

    def groups():
        out = {}
        for a in Appearance.objects.all():
            out.setdefault(a.cluster_id, set()).add(a.statement_id)
        return sorted(sorted(g) for g in out.values())

    online = groups()
    service.match_rebuild()
    assert groups() == online


def test_story_set_figures_do_not_drop(db, django_capture_on_commit_callbacks):
    """The written story set, imported for real: no false link ever; lexical renderings found."""
    with django_capture_on_commit_callbacks(execute=True):
        mentions = stories_import(stories_load())
    fig = stories_score(mentions_refresh(mentions))
    assert fig["false_links"] == {"figures": 0, "years": 0, "other": 0, "across_stories": 0}
    assert fig["all"]["precision"] == 1.0
    assert fig["english_lexical"]["recall"] >= 0.85 and fig["english_lexical"]["f1"] >= 0.92
    assert fig["claims"]["f1"] >= 0.95
    if semantic.status() is None:  # the reworded tier joins translations and reported speech
        assert fig["all"]["f1"] >= 0.95 and fig["recall_by_style"]["translation"][0] >= 0.9


# (stories_more.json, 0.891 today, is left to bench_stories: each set costs the suite 15-25 s a database)
@pytest.mark.parametrize("name, f1, translation", [("stories_pages.json", 0.85, 0.80), ("stories_fresh.json", 0.79, 0.60),
                                                   ("stories_final.json", 0.73, 0.48)])
def test_page_shaped_story_sets_link_translations_and_never_a_wrong_pair(db, django_capture_on_commit_callbacks,
                                                                         name, f1, translation):
    """Renderings as pages arrive (several speakers and quotes a page, boilerplate, Serbian in
    both scripts, Arabic, Russian): no false link; translations joined by being each other's
    closest rendering between two articles. (stories_fresh.json and stories_final.json were
    written by people who had not read the rules, and scored before they were tuned on.)"""
    with django_capture_on_commit_callbacks(execute=True):
        mentions = stories_import(stories_load(STORIES.with_name(name)))
    fig = stories_score(mentions_refresh(mentions))
    assert fig["false_links"] == {"figures": 0, "years": 0, "other": 0, "across_stories": 0}
    assert fig["all"]["precision"] == 1.0
    if semantic.status() is None:
        assert fig["all"]["f1"] >= f1 and fig["recall_by_style"]["translation"][0] >= translation


@pytest.mark.django_db
def test_story_gold_written_on_a_scraped_page_with_its_links_finds_the_stored_words():
    said = "Kavir said on [the ministry's channel](#) that talks would resume"
    page = {"style": "scraped", "outlet": "Scraped", "published": "2024-05-14", "language": "en",
            "text": f"Talks to resume\n\nBy [Ana Berg](#)\n\n{said} in June.",
            "gold": [{"key": "s1.a", "text": "talks would resume in June"},
                     {"key": "s1.b", "text": said, "kind": "claim"}]}
    [resume, claim] = stories_import([{"story": "s1", "title": "Talks", "renderings": [page]}])
    stored = Statement.objects.get(pk=next(iter(resume.statements))) if resume.statements else None
    assert stored is not None and stored.text == "talks would resume in June"
    assert claim.key == "s1.b"  # its span found in the stored text, links dropped: no error


JUDGMENT = ("A law that allows the state to decide what is true, and then to punish anyone who disagrees, "
            "is not a law against falsehood.")


def test_a_bodys_words_link_to_the_person_who_wrote_them_but_two_people_stay_apart(imported):
    court, justice, other = imported(article(1, JUDGMENT, speaker="the court"),
                                     article(2, JUDGMENT, speaker="Chief Justice Tahmina Rizvi"),
                                     article(3, JUDGMENT, speaker="Opposition leader Farid Ansari"))
    by_court, by_justice, by_other = quote_in(court), quote_in(justice), quote_in(other)
    assert by_court.speaker.name == "the court"  # a body keeps its words as its speaker
    assert by_court.appearance.cluster_id == by_justice.appearance.cluster_id
    # the cluster now names the person, and another named person's same words are not linked
    assert by_justice.appearance.cluster.speaker.name == "Tahmina Rizvi"
    assert not Appearance.objects.filter(statement=by_other, cluster_id=by_court.appearance.cluster_id).exists()
    assert MatchSuggestion.objects.filter(state="pending").filter(
        Q(statement=by_other) | Q(candidate=by_other)).exists()  # only offered, for a person to judge


def test_an_english_repost_joins_by_its_words_a_cluster_a_translation_started_in_cyrillic(imported):
    words = "Our countries have agreed to open a joint rail corridor by the end of next year."
    russian, wire, translated = imported(
        {"url": "https://news.example/ru", "outlet": "Agency", "title": "Коридор", "published": "2024-05-14",
         "language": "ru", "text": "Переговоры прошли в столице.\n\n«Наши страны договорились открыть совместный "
                                   "железнодорожный коридор до конца следующего года», — заявил министр Ерлан Токбаев."},
        article(2, words, speaker="Foreign Minister Yerlan Tokbayev"),
        article(3, "Our states have reached agreement to put a joint railway corridor into operation before the end "
                   "of next year.", speaker="Foreign Minister Yerlan Tokbayev"))
    # The cluster as the reworded tier leaves it: started by the agency's Russian, its English
    # translation the fullest rendering, the wire joined by meaning.
    Appearance.objects.all().delete()
    QuoteCluster.objects.all().delete()
    ru, en, tr = quote_in(russian), quote_in(wire), quote_in(translated)
    assert ru.speaker.name == "Ерлан Токбаев" and en.speaker.name == "Yerlan Tokbayev"
    cluster = QuoteCluster.objects.create(kind="quote", seed=ru, fullest=tr, speaker=ru.speaker)
    Appearance.objects.bulk_create([Appearance(statement=st, cluster=cluster, how=Appearance.How.REWORDED)
                                    for st in (ru, en, tr)])
    [repost] = imported(article(4, words, speaker="Foreign Minister Yerlan Tokbayev"))
    joined = Appearance.objects.get(statement=quote_in(repost))
    assert (joined.cluster_id, joined.how) == (cluster.pk, Appearance.How.AUTO)


def test_a_piece_joins_by_its_words_a_cluster_whose_yardsticks_have_no_words_to_compare(imported):
    words = ("Our countries have agreed to open a joint rail corridor by the end of next year. The route will cut "
             "delivery times for our goods to the markets of Asia by almost half, and the first test trains will "
             "run in the spring.")
    russian, wire = imported(
        {"url": "https://news.example/ru", "outlet": "Agency", "title": "Коридор", "published": "2024-05-14",
         "language": "ru", "text": "Переговоры прошли в столице.\n\n«Наши страны договорились открыть совместный "
                                   "железнодорожный коридор до конца следующего года», — заявил министр Ерлан Токбаев."},
        article(2, words, speaker="Foreign Minister Yerlan Tokbayev"))
    Appearance.objects.all().delete()
    QuoteCluster.objects.all().delete()
    ru, en = quote_in(russian), quote_in(wire)
    cluster = QuoteCluster.objects.create(kind="quote", seed=ru, fullest=ru, speaker=ru.speaker)
    Appearance.objects.bulk_create([Appearance(statement=st, cluster=cluster, how=Appearance.How.REWORDED)
                                    for st in (ru, en)])
    # eight of the wire's words: as wording they score far below the bar, as a piece they stand inside it
    [piece] = imported(article(3, "the first test trains will run in the spring",
                               speaker="Foreign Minister Yerlan Tokbayev"))
    joined = Appearance.objects.get(statement=quote_in(piece))
    assert (joined.cluster_id, joined.how) == (cluster.pk, Appearance.How.AUTO)
