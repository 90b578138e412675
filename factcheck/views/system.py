"""Sign-in with a rate limit, and the health endpoint for load balancers."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from factcheck.models import WorkerHeartbeat
from factcheck.services import signin


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's sign-in. The limiter in the authentication backend counts and refuses; this view
    only answers a blocked address or username with a page that says so."""

    def post(self, request, *args, **kwargs):
        if signin.blocked(request, request.POST.get("username", "")):
            return render(request, "registration/too_many.html",
                          {"minutes": settings.LOGIN_WINDOW // 60}, status=429)
        return super().post(request, *args, **kwargs)


@login_not_required
@never_cache
def health(request):
    """Database reachable, migrations applied, background worker heartbeat age."""
    checks: dict = {}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        pending = MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} not applied"
        ok = not pending
        if settings.TASKS_BACKEND == "database":
            beat = WorkerHeartbeat.objects.filter(name="tasks").first()
            age = (timezone.now() - beat.beat_at).total_seconds() if beat else None
            checks["worker_heartbeat_age_s"] = round(age) if age is not None else None
            # A quiet queue is fine; a worker that never reported since deploy is reported, not failed.
            checks["worker"] = "ok" if age is not None and age <= settings.WORKER_HEARTBEAT_MAX_AGE else "stale"
        else:
            checks["worker"] = "immediate backend (no worker)"
    except DatabaseError as exc:
        ok = False
        checks["database"] = f"unreachable: {exc.__class__.__name__}"
    return JsonResponse({"status": "ok" if ok else "fail", **checks}, status=200 if ok else 503)
