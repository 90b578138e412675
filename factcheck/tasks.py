"""Background work, through Django's tasks framework (immediate in development and tests,
django-tasks-db workers in production: TASKS_BACKEND=database, `manage.py db_worker`)."""

from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from factcheck.models import WorkerHeartbeat
from factcheck.services import matching


def _beat(name: str) -> None:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


@task
def match_article_quotes(article_id: int) -> int:
    """Find where the quotes of a newly imported article appeared before."""
    _beat("tasks")
    return sum(o.cluster is not None for o in matching.article_match(article_id))


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
