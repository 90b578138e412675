"""Reads for the statements queue: filters and full-text search."""

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from factcheck.models import Article, Evidence, Speaker, Statement
from factcheck.services.matching import checked_elsewhere


def search(statements: QuerySet, q: str) -> QuerySet:
    """Full-text search over statement text, speaker and article title: PostgreSQL's text search
    (indexed) there; on SQLite, every word must appear in one of the three."""
    if connection.vendor == "postgresql":
        # A union of three index-driven look-ups: an OR across tables would make PostgreSQL
        # compute the text search for every statement instead of using the GIN index.
        matching = Statement.objects.filter(text__websearch=q).values("pk").union(
            Statement.objects.filter(article__in=Article.objects.filter(title__websearch=q)).values("pk"),
            Statement.objects.filter(speaker__in=Speaker.objects.filter(name__websearch=q)).values("pk"))
        return statements.filter(pk__in=matching)
    for word in q.split()[:10]:
        statements = statements.filter(Q(text__icontains=word) | Q(speaker__name__icontains=word)
                                       | Q(article__title__icontains=word))
    return statements


def filter_statements(statements: QuerySet, f: dict, user) -> QuerySet:
    if f.get("q"):
        statements = search(statements, f["q"])
    for field in ("status", "kind", "quote_type"):
        if f.get(field):
            statements = statements.filter(**{field: f[field]})
    if f.get("outlet"):
        statements = statements.filter(article__outlet=f["outlet"])
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
    return statements
