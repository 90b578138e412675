"""'Possibly the same person' (issue 12 §3, issue 14): spelling variants of a speaker's name
and a name part written alone are offered to a reviewer at import, never merged silently;
confirming joins the two speakers (history kept, matching run again), rejecting is remembered."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from factcheck.models import (
    Appearance,
    Change,
    MatchSuggestion,
    Rating,
    Speaker,
    SpeakerAliasOffer,
    Statement,
    Verdict,
)
from factcheck.names import gendered_pair, name_part_of, spelling_variant
from factcheck.services import aliases
from factcheck.services.importing import import_jsonl
from factcheck.services.review import NotAllowed
from factcheck.services.speakers import speaker_for

# -- the rules (factcheck/names.py) -----------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("Rustam Sultonov", "Rustam Sultanov"),          # one vowel of a transliteration
    ("Sergei Lavrov", "Sergey Lavrow"),              # both names spelt another way
    ("Сергей Лавров", "Sergei Lavrow"),              # across scripts, after transliteration
    ("S. Lavrov", "Sergei Lavrov"),                  # an initial for the first name
    ("Sultonov", "Rustam Sultanov"),                 # a first name on one side only
    ("Dr. Amina Okonkwo", "Amina Okonkow"),          # a title before the name is not a name
])
def test_spelling_variants_are_found(a, b):
    assert spelling_variant(a, b)
    assert spelling_variant(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("John Smith", "Jane Smyth"),          # other first name: two people
    ("John Smith", "Jane Smith"),          # same surname, other first name
    ("Ivan Ivanov", "Ivana Ivanova"),      # masculine and feminine surnames
    ("S. Ivanov", "S. Ivanova"),           # ... even with the same initial
    ("Anna Kowalski", "Anna Kowalska"),
    ("Mark Multanov", "Mark Sultanov"),    # the first letter differs
    ("Li Wang", "Li Wong"),                # surnames too short to judge by one letter
    ("Sultonov", "Sultanov"),              # two lone words: nothing to go on ('Russia'/'Russian')
    ("Rustam Sultonov", "Rustam Sultonov"),
    ("Interior Ministry", "Interior Ministy"),
    ("Rustam Sultonov", "Rustam Saltanova"),
])
def test_other_people_are_not_variants(a, b):
    assert spelling_variant(a, b) is None


def test_feminine_surnames_are_a_pair_of_their_own():
    assert gendered_pair("ivanov", "ivanova") and gendered_pair("zelenska", "zelensky")
    assert not gendered_pair("sultonov", "sultanov")


def test_a_name_part_alone():
    assert name_part_of("Tedros", "Tedros Adhanom Ghebreyesus") == "first name only"
    assert name_part_of("Lavrov", "Sergei Lavrov") == "surname only"
    assert name_part_of("Adhanom", "Tedros Adhanom Ghebreyesus")
    assert name_part_of("Tedros", "Ahmed Tedrosi") is None
    assert name_part_of("Al", "Al Gore") is None           # too short to say anything
    assert name_part_of("Smith", "Smith Street Council") is None  # a body, not a person
    assert name_part_of("Tedros Adhanom", "Tedros Adhanom Ghebreyesus") is None
    assert name_part_of("WHO", "Who Ling Park") is None                # an acronym is a body


# -- at import ---------------------------------------------------------------------------------

QUOTE = "The new bridge over the river will open to traffic before the winter, as we promised"


def record_of(n, speaker, quote=QUOTE, published="2025-03-03"):
    return {"url": f"https://news.example/{n}", "outlet": f"Outlet {n}", "title": f"Bridge {n}",
            "published": published, "text": f"Works began in March (report {n}).\n\n“{quote},” {speaker} said.\n\n"}


@pytest.fixture
def imported(db, django_capture_on_commit_callbacks):
    def run(*records):
        with django_capture_on_commit_callbacks(execute=True):
            results = list(import_jsonl([json.dumps(r) for r in records], name="test"))
        assert all(r.status == "created" for r in results), [r.message for r in results]
        return [Statement.objects.get(article=r.article, kind="quote") for r in results]
    return run


def test_a_spelling_variant_is_offered_not_merged(imported):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    assert first.speaker_id != second.speaker_id
    offer = SpeakerAliasOffer.objects.get()
    assert (offer.speaker_id, offer.variant_id, offer.kind) == (first.speaker_id, second.speaker_id, "spelling")
    assert offer.reason == "surname one letter apart, same first name" and offer.state == "pending"
    # The two renderings read the same but name two speakers: only suggested, the guard says why.
    assert MatchSuggestion.objects.get(statement=second).guard == "speakers"
    assert not Appearance.objects.exists()


def test_a_variant_in_another_script_is_offered(imported):
    latin, = imported(record_of(1, "Rustam Sultanov"))
    russian = {"url": "https://news.example/ru", "outlet": "Izvestia", "title": "Мост", "published": "2025-03-03",
               "text": "Работы начались в марте.\n\n«Мост откроют до зимы», — сказал Рустам Султонов журналистам.\n\n"}
    quote, = imported(russian)
    assert quote.speaker.name == "Рустам Султонов" and quote.speaker_id != latin.speaker_id
    offer = SpeakerAliasOffer.objects.get()
    assert (offer.speaker_id, offer.variant_id) == (latin.speaker_id, quote.speaker_id)


def test_a_lone_surname_spelt_another_way_is_offered(imported):
    full, lone = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    assert (offer.speaker_id, offer.variant_id) == (full.speaker_id, lone.speaker_id)
    assert offer.reason == "surname one letter apart, first name given only once"


def test_an_article_naming_very_many_new_people_is_looked_at_up_to_a_cap(imported, monkeypatch):
    imported(record_of(1, "Rustam Sultanov"), record_of(2, "Amina Okafor", quote="The ferry will stop in May"))
    both = record_of(3, "Rustam Sultonov")
    both["text"] += "“The ferry will stop in May,” Amina Okafur said.\n\n"
    monkeypatch.setattr(aliases, "MAX_NEW_SPEAKERS", 1)
    result, = import_jsonl([json.dumps(both)], name="test")
    assert Statement.objects.filter(article=result.article, speaker__isnull=False).count() == 2
    assert SpeakerAliasOffer.objects.count() == 1
    monkeypatch.setattr(aliases, "MAX_NEW_SPEAKERS", 50)
    assert len(aliases.article_alias_offers(result.article.pk)) == 1  # the other one, now


def test_nothing_is_offered_for_other_people(imported):
    imported(record_of(1, "John Smith"), record_of(2, "Jane Smyth"), record_of(3, "Ivan Ivanov"),
             record_of(4, "Ivana Ivanova"))
    assert not SpeakerAliasOffer.objects.exists()


def test_a_given_name_alone_is_offered_when_only_one_speaker_has_it(imported):
    full, short = imported(record_of(1, "Tedros Adhanom Ghebreyesus"), record_of(2, "Tedros"))
    offer = SpeakerAliasOffer.objects.get()
    # The fuller name is the one kept, whichever came first.
    assert (offer.speaker_id, offer.variant_id, offer.kind) == (full.speaker_id, short.speaker_id, "part")
    assert offer.reason == "first name only"


def test_the_full_name_after_the_part_is_offered_too(imported):
    short, full = imported(record_of(1, "Tedros"), record_of(2, "Tedros Adhanom Ghebreyesus"))
    offer = SpeakerAliasOffer.objects.get()
    assert (offer.speaker_id, offer.variant_id) == (full.speaker_id, short.speaker_id)


def test_a_name_part_two_people_share_is_not_offered(imported):
    imported(record_of(1, "Maria Hoffmann"), record_of(2, "Maria Castellanos", quote="We will not raise taxes this year"),
             record_of(3, "Maria"))
    assert not SpeakerAliasOffer.objects.exists()


def test_a_known_speaker_again_is_not_offered(imported):
    imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    imported(record_of(3, "Rustam Sultonov", quote="Tolls on the bridge will stay as they are"))
    assert SpeakerAliasOffer.objects.count() == 1


def test_a_name_part_and_its_full_name_are_one_speaker_to_quote_matching(imported):
    full, short = imported(record_of(1, "Tedros Adhanom Ghebreyesus"), record_of(2, "Tedros"))
    assert full.speaker_id != short.speaker_id  # two speaker records until a reviewer joins them
    cluster = Appearance.objects.get(statement=short).cluster
    assert Appearance.objects.get(statement=full).cluster_id == cluster.pk
    assert cluster.speaker_id == full.speaker_id  # the heading names the full name
    assert not MatchSuggestion.objects.filter(guard="speakers").exists()


def test_a_spelling_variant_is_not_one_speaker_to_quote_matching(imported):
    imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    assert not Appearance.objects.exists()


def test_a_rebuild_reads_a_name_part_as_its_full_name_too(imported):
    from factcheck.services.matching import match_rebuild

    full, short = imported(record_of(1, "Tedros Adhanom Ghebreyesus"), record_of(2, "Tedros"))
    match_rebuild()
    assert Appearance.objects.get(statement=short).cluster_id == Appearance.objects.get(statement=full).cluster_id


def test_rejecting_a_name_part_unlinks_what_matching_joined(imported, reviewer, django_capture_on_commit_callbacks):
    full, short, again = imported(record_of(1, "Tedros Adhanom Ghebreyesus"), record_of(2, "Tedros"),
                                  record_of(3, "Tedros Adhanom Ghebreyesus", published="2025-03-04"))
    cluster = Appearance.objects.get(statement=full).cluster
    assert cluster.appearances.count() == 3
    offer = SpeakerAliasOffer.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        aliases.alias_offer_decide(offer_id=offer.pk, user=reviewer, confirm=False)
    # The full name's renderings stay one statement; the lone first name is only suggested now.
    assert set(cluster.appearances.values_list("statement_id", flat=True)) == {full.pk, again.pk}
    assert not Appearance.objects.filter(statement=short).exists()
    assert MatchSuggestion.objects.filter(statement=short, guard="speakers", state="pending").exists()


def test_speakers_stored_before_are_offered_by_the_command(imported):
    from io import StringIO

    from django.core.management import call_command

    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    SpeakerAliasOffer.objects.all().delete()  # as if imported before offers were made
    out = StringIO()
    call_command("offer_aliases", stdout=out)
    offer = SpeakerAliasOffer.objects.get()
    assert (offer.speaker_id, offer.variant_id) == (first.speaker_id, second.speaker_id)
    assert "1 offer made" in out.getvalue()
    call_command("offer_aliases", stdout=StringIO())  # run again: nothing twice
    assert SpeakerAliasOffer.objects.count() == 1


# -- deciding ----------------------------------------------------------------------------------


def test_confirming_moves_the_statements_with_history_and_links_the_quotes(
        imported, reviewer, django_capture_on_commit_callbacks):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    variant_id = second.speaker_id
    with django_capture_on_commit_callbacks(execute=True):
        aliases.alias_offer_decide(offer_id=offer.pk, user=reviewer, confirm=True)
    second.refresh_from_db()
    assert second.speaker_id == first.speaker_id and second.version == 2 and second.updated_by == reviewer
    assert not Speaker.objects.filter(pk=variant_id).exists()
    assert speaker_for("Rustam Sultonov").pk == first.speaker_id  # the spelling is an alias now
    change = Change.objects.get(statement=second, model="statement", action="update")
    assert change.changes == {"speaker": ["Rustam Sultonov", "Rustam Sultanov"]} and change.actor == reviewer
    offer.refresh_from_db()
    assert (offer.state, offer.variant_id, offer.variant_name, offer.decided_by) == \
        ("confirmed", None, "Rustam Sultonov", reviewer)
    # One speaker now: the pair that was only suggested is linked as any same-speaker pair.
    assert not MatchSuggestion.objects.filter(guard="speakers").exists()
    assert Appearance.objects.get(statement=first).cluster_id == Appearance.objects.get(statement=second).cluster_id


def test_matching_again_asks_no_pair_twice(imported, reviewer, django_capture_on_commit_callbacks):
    # Each name's renderings are a cluster of their own; claims across the reports differ in a figure.
    imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultanov"),
             record_of(3, "Rustam Sultonov"), record_of(4, "Rustam Sultonov"))
    pairs = lambda: list(MatchSuggestion.objects.filter(state="pending").exclude(how="reworded")  # noqa: E731
                         .values_list("statement_id", "candidate_id"))
    before = len(pairs())
    with django_capture_on_commit_callbacks(execute=True):
        aliases.alias_offer_decide(offer_id=SpeakerAliasOffer.objects.get().pk, user=reviewer, confirm=True)
    after = pairs()
    assert not {(b, a) for a, b in after} & set(after)
    assert not MatchSuggestion.objects.filter(guard="speakers").exists()
    assert len(after) == before  # the speakers-guarded pair is asked again, unguarded, once


def test_rejecting_is_remembered_and_never_offered_again(imported, reviewer):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    aliases.alias_offer_decide(offer_id=offer.pk, user=reviewer, confirm=False)
    offer.refresh_from_db()
    assert offer.state == "rejected" and offer.decided_by == reviewer
    assert Statement.objects.get(pk=second.pk).speaker_id == second.speaker_id
    assert Change.objects.filter(model="speaker", object_id=first.speaker_id,
                                 reason__startswith="rejected").exists()
    # Asked again (another import of the variant), the answer stands.
    assert aliases.article_alias_offers(second.article_id) == []
    with pytest.raises(NotAllowed):
        aliases.alias_offer_decide(offer_id=offer.pk, user=reviewer, confirm=True)


def test_a_variant_with_an_approved_verdict_keeps_its_speaker(imported, reviewer, editor, rating_scale):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    Verdict.objects.create(statement=second, author=reviewer, editor=editor, state="approved",
                           rating=Rating.objects.order_by("order").first(), rationale="Checked.",
                           decided_at=timezone.now())
    offer = SpeakerAliasOffer.objects.get()
    assert "approved" in aliases.offers_for(first)[0]["blocked"]
    with pytest.raises(NotAllowed, match="approved"):
        aliases.alias_offer_decide(offer_id=offer.pk, user=editor, confirm=True)
    assert Statement.objects.get(pk=second.pk).speaker_id == second.speaker_id
    assert SpeakerAliasOffer.objects.get().state == "pending"


def test_other_offers_of_the_variant_follow_it(imported, reviewer):
    # "Rustam Sultonov" may be either of two speakers; once he is one, the other question is about him.
    a, b, c = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Saltonov", quote="Tolls will stay"),
                       record_of(3, "Rustam Sultonov", quote="The ferry will stop in May"))
    offers = SpeakerAliasOffer.objects.filter(variant_id=c.speaker_id)
    assert set(offers.values_list("speaker_id", flat=True)) == {a.speaker_id, b.speaker_id}
    aliases.alias_offer_decide(offer_id=offers.get(speaker_id=a.speaker_id).pk, user=reviewer, confirm=True)
    left = SpeakerAliasOffer.objects.get(state="pending")
    assert {left.speaker_id, left.variant_id} == {a.speaker_id, b.speaker_id}


def test_an_answer_to_an_offer_that_changed_since_it_was_shown_is_refused(imported, reviewer):
    a, b, c = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Saltonov", quote="Tolls will stay"),
                       record_of(3, "Rustam Sultonov", quote="The ferry will stop in May"))
    other = SpeakerAliasOffer.objects.get(variant_id=c.speaker_id, speaker_id=b.speaker_id)
    shown = (other.speaker_id, other.variant_id)  # the panel showed Saltonov / Sultonov
    aliases.alias_offer_decide(offer_id=SpeakerAliasOffer.objects.get(variant_id=c.speaker_id, speaker_id=a.speaker_id).pk,
                               user=reviewer, confirm=True)
    with pytest.raises(NotAllowed, match="was joined to another speaker: reload"):
        aliases.alias_offer_decide(offer_id=other.pk, user=reviewer, confirm=True, shown=shown)
    assert SpeakerAliasOffer.objects.get(pk=other.pk).state == "pending"  # the new question stays open


# -- over HTTP ---------------------------------------------------------------------------------


def test_panel_offers_and_confirms(imported, client, reviewer):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    client.force_login(reviewer)
    page = client.get(reverse("statement-detail", args=[second.pk])).content.decode()
    assert "possibly the same person" in page and "Same person — add as alias" in page and "Not the same" in page
    response = client.post(reverse("alias-offer-decide", args=[offer.pk, "confirm"]), {"panel": second.pk},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="st-summary"' in body and "Rustam Sultanov" in body and "possibly the same person" not in body
    assert "is now an alias of Rustam Sultanov" in body  # the message, out of band
    assert Statement.objects.get(pk=second.pk).speaker_id == first.speaker_id


def test_the_queue_lists_the_statements_of_speakers_awaiting_an_answer(imported, client, reviewer):
    first, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    other, = imported(record_of(3, "Amina Okafor", quote="The ferry will stop running in May"))
    client.force_login(reviewer)
    listed = client.get(reverse("statement-queue"), {"same_person": "on", "kind": "quote"}).context["page"]
    assert {st.pk for st in listed} == {first.pk, second.pk}
    SpeakerAliasOffer.objects.update(state="rejected")
    assert not list(client.get(reverse("statement-queue"), {"same_person": "on"}).context["page"])
    assert other.pk in {st.pk for st in client.get(reverse("statement-queue")).context["page"]}


def test_the_panel_says_matching_reads_a_name_part_as_the_full_name(imported, client, reviewer):
    full, short = imported(record_of(1, "Tedros Adhanom Ghebreyesus"), record_of(2, "Tedros"))
    client.force_login(reviewer)
    for statement in (full, short):  # offered on both people's panels
        page = client.get(reverse("statement-detail", args=[statement.pk])).content.decode()
        assert "first name only" in page and "quote matching reads the two as one" in page
    spelling, _ = imported(record_of(3, "Rustam Sultanov"), record_of(4, "Rustam Sultonov"))
    page = client.get(reverse("statement-detail", args=[spelling.pk])).content.decode()
    assert "surname one letter apart" in page and "reads the two as one" not in page


def test_without_javascript_the_answer_redirects_to_the_panel(imported, client, reviewer):
    _, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    client.force_login(reviewer)
    response = client.post(reverse("alias-offer-decide", args=[offer.pk, "reject"]), {"panel": second.pk})
    assert response.status_code == 302 and response["Location"] == reverse("statement-detail", args=[second.pk])
    assert SpeakerAliasOffer.objects.get().state == "rejected"


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_people_without_a_role_cannot_answer(imported, client, who, outsider):
    _, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    offer = SpeakerAliasOffer.objects.get()
    if who == "outsider":
        client.force_login(outsider)
    response = client.post(reverse("alias-offer-decide", args=[offer.pk, "confirm"]), {"panel": second.pk})
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]
    assert SpeakerAliasOffer.objects.get().state == "pending"
    assert Statement.objects.get(pk=second.pk).speaker_id == second.speaker_id


def test_a_refusal_answers_409_with_the_reason(imported, client, reviewer, editor, rating_scale):
    _, second = imported(record_of(1, "Rustam Sultanov"), record_of(2, "Rustam Sultonov"))
    Verdict.objects.create(statement=second, author=reviewer, editor=editor, state="approved",
                           rating=Rating.objects.order_by("order").first(), rationale="Checked.",
                           decided_at=timezone.now())
    offer = SpeakerAliasOffer.objects.get()
    client.force_login(editor)
    response = client.post(reverse("alias-offer-decide", args=[offer.pk, "confirm"]), {"panel": second.pk},
                           headers={"HX-Request": "true"})
    assert response.status_code == 409 and "approved" in response.content.decode()
    assert client.post(reverse("alias-offer-decide", args=[offer.pk, "maybe"]), {"panel": second.pk}).status_code == 404
