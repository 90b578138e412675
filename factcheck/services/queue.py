"""Reads for the statements queue: filters and full-text search."""

import re

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from factcheck.models import Article, Evidence, Speaker, SpeakerAliasOffer, Statement, Verdict
from factcheck.services.matching import checked_elsewhere

NO_OUTLET = "none"


# A phrase is what stands between double quotation marks, straight or typographic.
_TERMS = re.compile(r'["“”„«»]([^"“”„«»]*)["“”«»]?|(\S+)')
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def search_terms(q: str) -> list[str]:
    """The words and "quoted phrases" of a search, marks removed: each must match."""
    terms = []
    for phrase, word in _TERMS.findall(q):
        term = " ".join((phrase or word).split()).strip("\"'")
        if term:
            terms.append(term)
    return terms[:10]


def _spellings(term: str) -> set[str]:
    """A term as typed and with the other apostrophe: articles write ’, keyboards type '."""
    plain = term.translate(_APOSTROPHES)
    return {term, plain, plain.replace("'", "’")}


def search(statements: QuerySet, q: str, in_articles: bool = False) -> QuerySet:
    """Search the statement's words and its speaker's name; article titles and outlets only
    when asked (`in_articles`), since a word of the title would otherwise match every
    statement of the article. A "quoted phrase" matches those words in that order.

    PostgreSQL: its text search (indexed), phrases through websearch_to_tsquery. SQLite: each
    word or phrase must appear in one of the fields."""
    terms = search_terms(q)
    if not terms:
        return statements
    if connection.vendor == "postgresql":
        query = " ".join(f'"{t}"' if " " in t else t for t in (t.translate(_APOSTROPHES) for t in terms))
        # A union of index-driven look-ups: an OR across tables would make PostgreSQL compute
        # the text search for every statement instead of using the GIN indexes.
        matching = Statement.objects.filter(text__websearch=query).values("pk").union(
            Statement.objects.filter(speaker__in=Speaker.objects.filter(name__websearch=query)).values("pk"))
        if in_articles:
            matching = matching.union(
                Statement.objects.filter(article__in=Article.objects.filter(title__websearch=query)).values("pk"),
                Statement.objects.filter(article__outlet__name__icontains=" ".join(terms)).values("pk"))
        return statements.filter(pk__in=matching)
    for term in terms:
        found = Q()
        for spelling in _spellings(term):
            found |= Q(text__icontains=spelling) | Q(speaker__name__icontains=spelling)
            if in_articles:
                found |= Q(article__title__icontains=spelling) | Q(article__outlet__name__icontains=spelling)
        statements = statements.filter(found)
    return statements


def article_search(articles: QuerySet, q: str) -> QuerySet:
    """Articles whose title, outlet (or original outlet) or author has every word and phrase."""
    for term in search_terms(q):
        found = Q()
        for spelling in _spellings(term):
            found |= (Q(title__icontains=spelling) | Q(outlet__name__icontains=spelling)
                      | Q(original_outlet__name__icontains=spelling) | Q(author__icontains=spelling))
        articles = articles.filter(found)
    return articles


def filter_statements(statements: QuerySet, f: dict, user) -> QuerySet:
    if f.get("q"):
        statements = search(statements, f["q"], in_articles=bool(f.get("in_articles")))
    for field in ("status", "kind", "quote_type"):
        if f.get(field):
            statements = statements.filter(**{field: f[field]})
    if f.get("outlet") == NO_OUTLET:
        statements = statements.filter(article__outlet__isnull=True)
    elif f.get("outlet"):
        # The outlet that published it or the one it was reposted from: an outlet known only as
        # the original of reposts (say Antiwar.com) finds those articles' statements.
        statements = statements.filter(Q(article__outlet=f["outlet"]) | Q(article__original_outlet=f["outlet"]))
    if f.get("no_speaker"):
        statements = statements.filter(speaker__isnull=True)
    if f.get("speaker_id"):
        statements = statements.filter(speaker_id=f["speaker_id"])
    if f.get("speaker"):
        statements = statements.filter(Q(speaker__name__icontains=f["speaker"])
                                       | Q(speaker__aliases__alias__icontains=f["speaker"])).distinct()
    if f.get("verdict") == "none":
        statements = statements.filter(verdict__isnull=True)
    elif f.get("verdict"):
        statements = statements.filter(verdict__state=f["verdict"])
    if f.get("assignee") == "me":
        statements = statements.my_queue(user)
    elif f.get("assignee") == "none":
        statements = statements.filter(assignee__isnull=True)
    elif f.get("assignee"):
        statements = statements.filter(assignee__username=f["assignee"])
    if f.get("approved_since"):
        statements = statements.filter(verdict__state=Verdict.State.APPROVED,
                                       verdict__decided_at__date__gte=f["approved_since"])
    if f.get("approved_until"):
        statements = statements.filter(verdict__state=Verdict.State.APPROVED,
                                       verdict__decided_at__date__lte=f["approved_until"])
    if f.get("rating"):
        statements = statements.filter(verdict__rating=f["rating"])
    if f.get("since"):
        statements = statements.filter(article__published__gte=f["since"])
    if f.get("until"):
        statements = statements.filter(article__published__lte=f["until"])
    if f.get("no_source"):
        # NOT EXISTS: an anti-join on the evidence index, not a LEFT JOIN over every statement.
        statements = statements.filter(~Exists(Evidence.objects.filter(statement=OuterRef("pk"))))
    if f.get("checked_elsewhere"):
        statements = checked_elsewhere(statements)
    if f.get("same_person"):
        # Both sides of a waiting "possibly the same person" offer: the reviewer answers on either panel.
        waiting = SpeakerAliasOffer.objects.filter(state=SpeakerAliasOffer.State.PENDING, variant__isnull=False)
        statements = statements.filter(Q(speaker__in=waiting.values("speaker")) | Q(speaker__in=waiting.values("variant")))
    return statements
