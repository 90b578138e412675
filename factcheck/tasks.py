"""Background work, through Django's tasks framework (immediate in development and tests,
django-tasks-db workers in production: TASKS_BACKEND=database, `manage.py db_worker`)."""

from django.tasks import task

from factcheck.services import matching


@task
def match_article_quotes(article_id: int) -> int:
    """Find where the quotes of a newly imported article appeared before."""
    return sum(o.cluster is not None for o in matching.article_match(article_id))
