"""Background work, through Django's tasks framework (immediate in development and tests,
django-tasks-db workers in production: TASKS_BACKEND=database, `manage.py db_worker`)."""

from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from factcheck.models import WorkerHeartbeat
from factcheck.services import matching, semantic


def _beat(name: str) -> None:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def _ids(article_ids: list[int] | int) -> list[int]:
    # Tasks queued before matching was batched carry one article id.
    return [article_ids] if isinstance(article_ids, int) else article_ids


@task
def match_article_quotes(article_ids: list[int] | int) -> int:
    """Find where the quotes of newly imported articles appeared before, article by article
    in the order given (an import queues one task per batch of articles: one task and one
    heartbeat per hundred articles, not two per article)."""
    _beat("tasks")
    article_ids = _ids(article_ids)
    # Run in place (tests, commands), each article's reworded tier follows its word-level
    # matching, as when every article had tasks of its own: what it joins or offers is there
    # for the next article. A worker gets the batch's reworded tier as one task after it.
    in_place = isinstance(match_article_reworded.get_backend(), ImmediateBackend)
    placed = 0
    for group in [[a] for a in article_ids] if in_place else [article_ids]:
        placed += matching.articles_match(group)
        # After the clusters exist, so pairs already in one cluster are not offered again.
        match_article_reworded.enqueue(group)
    return placed


@task
def match_article_reworded(article_ids: list[int] | int) -> dict:
    """Embed the articles' quotes and suggest renderings of the same statements in other
    words or languages (a few hundred milliseconds of model time per article: never in the
    import request when a worker runs the tasks)."""
    _beat("tasks")
    return semantic.articles_reworded(_ids(article_ids))


@task
def match_articles_again(article_ids: list[int]) -> None:
    """Match articles again after a reviewer said two speakers are one person, or are not
    (factcheck/services/aliases.py): pairs that only the speakers kept apart, or joined, are
    judged again."""
    from factcheck.services import aliases  # aliases queues this task: import it late

    _beat("tasks")
    aliases.match_again_now(article_ids)


@task
def run_import_job(job_id: int) -> None:
    """A background import, article by article, with progress the job page polls. Each run does
    one batch and queues the rest behind whatever else waits, so one big upload cannot hold a
    worker for an hour; the immediate backend (tests, commands) goes on in place."""
    from factcheck.services import importing  # importing queues these tasks: import it late

    _beat("tasks")
    while not importing.import_job_run(job_id):
        if not isinstance(run_import_job.get_backend(), ImmediateBackend):
            run_import_job.enqueue(job_id)
            return
        _beat("tasks")
