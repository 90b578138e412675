"""'Possibly the same person': a speaker a new article brings in whose name may be an existing
speaker's written another way ("Rustam Sultonov" / "Rustam Sultanov") or only a part of it
("Tedros" / "Tedros Adhanom Ghebreyesus"). The rules are in factcheck/names.py; here the offers
are made at import, shown on the statement panel and decided by a reviewer. Nothing is merged
without one: two real people can be one letter apart."""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from factcheck import names
from factcheck.access import may_decide_alias_offer
from factcheck.matching import normalise
from factcheck.models import (
    Appearance,
    MatchSuggestion,
    QuoteCluster,
    Speaker,
    SpeakerAlias,
    SpeakerAliasOffer,
    Statement,
    Verdict,
)
from factcheck.services import matching as matching_service
from factcheck.services.history import record
from factcheck.services.matching import APPEARANCE_ORDER
from factcheck.services.review import NotAllowed
from factcheck.services.speakers import speaker_merge
from factcheck.tasks import match_article_reworded, match_articles_again

# Aliases read to find the possible variants of one new name: a cap, not a result size (the
# regular expressions below keep it to a handful of surnames).
MAX_CANDIDATE_ALIASES = 500
# New people looked at per article: a news article names a handful; a pasted 5 MB text may
# name thousands, and each look is a scan of the aliases inside the import's transaction.
MAX_NEW_SPEAKERS = 50
Offer = SpeakerAliasOffer


def _new_speakers(article_id: int) -> list[Speaker]:
    """The people this article names that no other article does: the ones that may be
    an existing speaker spelt another way (a known speaker was found by its name already)."""
    here = Statement.objects.filter(article_id=article_id, speaker=OuterRef("pk"))
    elsewhere = Statement.objects.filter(speaker=OuterRef("pk")).exclude(article_id=article_id)
    return list(Speaker.objects.filter(Exists(here), is_organisation=False).exclude(Exists(elsewhere))
                .order_by("pk")[:MAX_NEW_SPEAKERS])


def _candidate_filter(speaker: Speaker) -> Q:
    """Alias keys that may be a variant of this name or contain its one word: a surname one
    edit (or one swap of neighbours) away keeps its first letter and either its first or its
    last (n-1)//2 letters intact."""
    parts = names.name_parts(speaker.name)
    if not parts:
        return Q(pk__in=[])
    last = parts[-1]
    found = Q(key__in=parts) if len(parts) > 1 else Q(key__regex=rf"(^| ){re.escape(last)}( |$)")
    if len(last) >= names.MIN_SURNAME:
        half = (len(last) - 1) // 2
        found |= Q(key__regex=rf"(^| ){re.escape(last[:half])}[^ ]*$")
        found |= Q(key__regex=rf"(^| ){re.escape(last[0])}[^ ]*{re.escape(last[-half:])}$")
    return found


def _with_part(word: str, besides: set[int]) -> set[int]:
    """People other than `besides` with a name of several words, one of them this word."""
    rows = (SpeakerAlias.objects.filter(key__regex=rf"(^| ){re.escape(word)}( |$)", speaker__is_organisation=False)
            .exclude(speaker_id__in=besides).values_list("speaker_id", "speaker__name")[:MAX_CANDIDATE_ALIASES])
    return {pk for pk, name in rows if len(names.name_parts(name)) > 1 and word in names.name_parts(name)}


def _offered(a: int, b: int) -> bool:
    return Offer.objects.filter(Q(speaker_id=a, variant_id=b) | Q(speaker_id=b, variant_id=a)).exists()


def _judge(new: Speaker, known: Speaker, spellings: list[str]) -> tuple[Speaker, Speaker, str, str] | None:
    """(speaker to keep, variant, kind, reason) for a new and a known speaker, or None."""
    for spelling in spellings:
        if reason := names.spelling_variant(new.name, spelling):
            return known, new, Offer.Kind.SPELLING, reason
    # A name part alone: the fuller name is kept, and only when no one else has that part.
    for short, full in ((new, known), (known, new)):
        reason = names.name_part_of(short.name, full.name)
        if reason and not _with_part(names.name_parts(short.name)[0], {short.pk, full.pk}):
            return full, short, Offer.Kind.PART, reason
    return None


def article_alias_offers(article_id: int) -> list[SpeakerAliasOffer]:
    """Offer each speaker this article brought in to a reviewer as a possible other spelling
    or part of an existing speaker's name. Called once per import, after its speakers are
    resolved; a pair offered before (pending, confirmed or rejected) is not offered again."""
    return [offer for new in _new_speakers(article_id) for offer in _offers_for(new, SpeakerAlias.objects.all())]


def all_alias_offers() -> list[SpeakerAliasOffer]:
    """The offers imports would have made had they looked all along (speakers that came before
    this feature): each speaker against those created before it, as at its import."""
    made = []
    for new in Speaker.objects.filter(is_organisation=False).order_by("pk").iterator():
        made += _offers_for(new, SpeakerAlias.objects.filter(speaker_id__lt=new.pk))
    return made


def _offers_for(new: Speaker, aliases) -> list[SpeakerAliasOffer]:
    rows = (aliases.filter(_candidate_filter(new), speaker__is_organisation=False)
            .exclude(speaker=new).select_related("speaker")[:MAX_CANDIDATE_ALIASES])
    spellings: dict[Speaker, list[str]] = {}
    for alias in rows:
        spellings.setdefault(alias.speaker, [alias.speaker.name]).append(alias.alias)
    made = []
    for known, written in sorted(spellings.items(), key=lambda item: item[0].pk):
        judged = _judge(new, known, written)
        if judged is None or _offered(new.pk, known.pk):
            continue
        keep, variant, kind, reason = judged
        made.append(Offer.objects.create(speaker=keep, variant=variant, variant_name=variant.name,
                                         kind=kind, reason=reason))
    return made


def _approved(speaker: Speaker):
    return Statement.objects.filter(speaker=speaker, verdict__state=Verdict.State.APPROVED)


def offers_for(statement: Statement) -> list[dict]:
    """The pending offers about the statement's speaker, for its panel: the other person of
    each, how many statements name them, and why confirming may be refused."""
    if statement.speaker_id is None:
        return []
    offers = (Offer.objects.filter(state=Offer.State.PENDING, variant__isnull=False)
              .filter(Q(speaker_id=statement.speaker_id) | Q(variant_id=statement.speaker_id))
              .select_related("speaker", "variant"))
    shown = []
    for offer in offers:
        other = offer.variant if offer.speaker_id == statement.speaker_id else offer.speaker
        frozen = _approved(offer.variant).first()
        shown.append({"offer": offer, "other": other, "statements": other.statements.live().count(),
                      "blocked": _blocked_message(offer.variant, frozen) if frozen else ""})
    return shown


def _blocked_message(variant: Speaker, frozen: Statement) -> str:
    return (f"A statement of {variant.name} has an approved, published verdict: its speaker stays as approved "
            f"(statement {frozen.pk}). An editor reopens that verdict (with a reason) before the two are joined.")


@transaction.atomic
def alias_offer_decide(*, offer_id: int, user, confirm: bool,
                       shown: tuple[int, int] | None = None) -> SpeakerAliasOffer:
    """Confirm (the variant's statements, each with its history, and its spellings move to the
    speaker; matching looks again where only the two names kept quotes apart) or reject
    (stored, never offered again). Refused for a variant with an approved statement, whose
    speaker is frozen (services/review.py), and when the offer no longer asks about the two
    people the reviewer was `shown` (speaker id, variant id): another answer re-pointed it."""
    if not may_decide_alias_offer(user):
        raise PermissionDenied("Reviewers and editors decide whether two speakers are one person.")
    # Both people first, in one order, then the offer: another answer about either waits for
    # this one (a join re-points that person's other offers) instead of deadlocking with it.
    pair = shown or Offer.objects.values_list("speaker_id", "variant_id").get(pk=offer_id)
    list(Speaker.objects.select_for_update().filter(pk__in=pair).order_by("pk"))
    offer = Offer.objects.select_for_update(of=("self",)).select_related("speaker", "variant").get(pk=offer_id)
    if offer.state != Offer.State.PENDING:
        raise NotAllowed(f"{offer.decided_by or 'Someone'} already answered this: "
                         f"{offer.variant_name} and {offer.speaker.name} were {offer.get_state_display()}.")
    if offer.variant is None or (offer.speaker_id, offer.variant_id) != pair:
        raise NotAllowed(f"Meanwhile {offer.variant_name} was joined to another speaker: reload to see the offer as it is.")
    keep, variant = offer.speaker, offer.variant
    if confirm:
        if frozen := _approved(variant).first():
            raise NotAllowed(_blocked_message(variant, frozen))
        _join(keep, variant, user)
    offer.refresh_from_db()  # speaker_merge re-points the offers of the variant, this one too
    offer.state = Offer.State.CONFIRMED if confirm else Offer.State.REJECTED
    offer.decided_by, offer.decided_at = user, timezone.now()
    offer.save(update_fields=["state", "decided_by", "decided_at"])
    if not confirm:
        record(keep, "update", user, {"not_the_same_as": [None, offer.variant_name]},
               reason=f"rejected: {offer.variant_name} is not the same person")
        if offer.kind == Offer.Kind.PART:
            _unlink(keep, variant)
    return offer


def _join(keep: Speaker, variant: Speaker, user) -> None:
    statements = list(Statement.objects.filter(speaker=variant).select_related("article"))
    for st in statements:
        record(st, "update", user, {"speaker": [variant.name, keep.name]},
               reason=f"same person: “{variant.name}” added as an alias of {keep.name}")
    ids = [st.pk for st in statements]
    # A new version: a panel open on the old speaker saves as a conflict, not over this.
    Statement.objects.filter(pk__in=ids).update(speaker=keep, version=F("version") + 1, updated_by=user,
                                                updated_at=timezone.now())
    QuoteCluster.objects.filter(speaker=variant).update(speaker=keep)
    speaker_merge(keep=keep, drop=variant, user=user)
    _rematch(keep, ids)


def _unlink(speaker: Speaker, variant: Speaker) -> None:
    """Not one person after all: while the 'part of the name' offer waited, quote matching read
    the two as one speaker (speakers.as_one_for_matching). Each cluster it made of both keeps
    the side of the rendering that started it; the other side's automatic appearances go (a
    reviewer's confirmed ones stay) and their articles are matched again, now guarded, so the
    pairs come back as suggestions."""
    mixed = (QuoteCluster.objects.filter(appearances__statement__speaker=variant)
             .filter(appearances__statement__speaker=speaker).select_related("seed").distinct())
    articles = set()
    for cluster in mixed:
        other = speaker if cluster.seed and cluster.seed.speaker_id == variant.pk else variant
        gone = cluster.appearances.filter(statement__speaker=other, how=Appearance.How.AUTO)
        articles |= set(gone.values_list("statement__article_id", flat=True))
        gone.delete()
        _repair(cluster)
    _match_again(articles)


def _repair(cluster: QuoteCluster) -> None:
    """A cluster that lost appearances: gone when one is left, else its seed (the first
    rendering left), fullest rendering and speaker follow what it still holds."""
    held = [a.statement for a in cluster.appearances.select_related("statement").order_by(*APPEARANCE_ORDER)]
    if len(held) < 2:
        cluster.delete()
        return
    if cluster.seed_id not in {st.pk for st in held}:
        cluster.seed = held[0]
    cluster.fullest = max(held, key=lambda st: len(normalise(st.text)))
    cluster.speaker_id = cluster.seed.speaker_id or next((st.speaker_id for st in held if st.speaker_id), None)
    cluster.save(update_fields=["seed", "fullest", "speaker"])


def _rematch(speaker: Speaker, moved: list[int]) -> None:
    """Quotes that matched but were only suggested because their speakers differed are one
    speaker's now: their suggestions go and their articles are matched again, so the pairs
    link as any same-speaker pair does. A reworded suggestion stays, without the guard (the
    semantic tier may be off, and matching again would not bring it back); the panel leaves
    it out once the two are one cluster."""
    stale = (MatchSuggestion.objects.filter(state=MatchSuggestion.State.PENDING, guard=MatchSuggestion.Guard.SPEAKERS,
                                            statement__speaker=speaker, candidate__speaker=speaker)
             .filter(Q(statement_id__in=moved) | Q(candidate_id__in=moved)))
    articles = set(stale.values_list("statement__article_id", flat=True))
    stale.filter(how=MatchSuggestion.How.REWORDED).update(guard=MatchSuggestion.Guard.NONE)
    stale.exclude(how=MatchSuggestion.How.REWORDED).delete()
    _match_again(articles)


def _match_again(articles: set[int]) -> None:
    """Match these articles again once the decision is committed, in the background as at
    import (a variant may have been printed by hundreds of outlets)."""
    if articles:
        transaction.on_commit(lambda: match_articles_again.enqueue(sorted(articles)))


def match_again_now(article_ids: list[int]) -> None:
    """The task's work: each article matched again, its pairs asked the other way round
    dropped, then the semantic tier, as after an import."""
    for article_id in article_ids:
        with transaction.atomic():
            matching_service.article_match(article_id)
            _drop_reverse_twins(article_id)
        match_article_reworded.enqueue(article_id)


def _drop_reverse_twins(article_id: int) -> None:
    """An article matched a second time meets the articles imported after it, whose own
    matching already suggested those pairs the other way round: the second asking goes."""
    earlier = MatchSuggestion.objects.filter(statement_id=OuterRef("candidate_id"), candidate_id=OuterRef("statement_id"),
                                             pk__lt=OuterRef("pk"))
    (MatchSuggestion.objects.filter(statement__article_id=article_id, state=MatchSuggestion.State.PENDING)
     .exclude(how=MatchSuggestion.How.REWORDED).filter(Exists(earlier)).delete())
