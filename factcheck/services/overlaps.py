"""Quotes and claims over the same words: a claim sentence that is only a reported quote and
its attribution is carried by the quote (checked once, as the quote); a partial overlap is
shown on both. The rule is factcheck/text/spans.py; here it is kept current in the database."""

from django.db.models import Case, Q, Value, When
from django.db.models.functions import Cast

from factcheck.models import Statement
from factcheck.text.spans import relate

_FIELDS = ("pk", "kind", "start", "end", "carried_by_id")


def _workable(article_id: int):
    # A quote a reviewer marked "not a quote" carries nothing.
    return (Statement.objects.live().filter(article_id=article_id)
            .exclude(kind=Statement.Kind.QUOTE, status=Statement.Status.DISMISSED))


def article_relate(article_id: int) -> int:
    """Point each claim of the article at the quote that carries it, or at none. Called in the
    transaction of every change of spans, kinds, status or deletion, and after import. Returns
    how many claims a quote carries (they are not listed apart)."""
    statements = list(_workable(article_id).only(*_FIELDS))
    carried, _ = relate(statements)
    changed = {s.pk: carried.get(s.pk) for s in statements
               if s.kind == Statement.Kind.CLAIM and s.carried_by_id != carried.get(s.pk)}
    # One write (a round trip less on every import and edit): the claims whose carrier changed,
    # and, a claim deleted or the quote it pointed at deleted or dismissed, nothing carries it.
    # Cast as bulk_update casts: a CASE of nothing but NULLs is text to PostgreSQL.
    field = Statement._meta.get_field("carried_by")
    Statement.objects.filter(
        Q(pk__in=changed) | (Q(article_id=article_id, carried_by__isnull=False) & ~Q(pk__in=[s.pk for s in statements]))
    ).update(carried_by=Cast(Case(*(When(pk=pk, then=Value(quote)) for pk, quote in changed.items()), default=None,
                                  output_field=field), output_field=field))
    return sum(1 for s in statements if carried.get(s.pk))


def related(statement: Statement) -> dict:
    """For the panel: the claim this quote carries, the quote carrying this claim, and the
    statements it overlaps only partly."""
    statements = list(_workable(statement.article_id).only("pk", "kind", "start", "end", "text", "score",
                                                            "reasons", "quote_type", "article_id"))
    carried, partly = relate(statements)
    by_pk = {s.pk: s for s in statements}
    carrier = carried.get(statement.pk)
    return {
        "carried_claims": [by_pk[c] for c, q in carried.items() if q == statement.pk],
        "carried_by": by_pk.get(carrier) if carrier else None,
        "partly": [by_pk[pk] for pk in partly.get(statement.pk, [])],
    }
