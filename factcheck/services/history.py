"""History: every change to statements, evidence, verdicts, speakers and articles, with who,
when, before and after, and for state changes the reason. Written in the same transaction."""

from datetime import date, datetime

from django.db import models

from factcheck.models import Change, Statement


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict:
    return {f: _plain(getattr(obj, f)) for f in fields}


def diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after.get(k)] for k in after
            if before.get(k) != after.get(k) and (before.get(k) or after.get(k))}


def record(obj: models.Model, action: str, actor, changes: dict | None = None, reason: str = "") -> Change:
    statement = obj if isinstance(obj, Statement) else getattr(obj, "statement", None)
    article = getattr(obj, "article", None) or (statement.article if statement else None)
    if obj.__class__.__name__ == "Article":
        article = obj
    return Change.objects.create(
        model=obj.__class__.__name__.lower(), object_id=obj.pk, action=action, actor=actor,
        changes=changes or {}, reason=reason, article=article, statement=statement,
    )
